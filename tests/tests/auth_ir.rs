//! The IR keeps what specs say about auth: OAuth 2.0 flows (URLs and scopes), OpenID
//! Connect discovery URLs, and the scopes each operation needs, from OpenAPI 3 and from
//! Swagger 2.0; a flow missing the URLs its grant needs is a located warning.

use std::path::Path;

use integrations_codegen::ir::{OAuthGrant, SecurityKind, SecurityRequirement};
use integrations_codegen::{Options, build_ir};

fn requirement(scheme: &str, scopes: &[&str]) -> SecurityRequirement {
    SecurityRequirement {
        scheme: scheme.to_owned(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn flows_urls_and_scopes_are_kept() {
    let (api, diagnostics, _, _) =
        build_ir(Path::new("fixtures/auth.yaml"), &Options::default()).expect("the fixture builds");
    assert_eq!(diagnostics.warning_count(), 0, "{diagnostics:?}");
    let scheme = |key: &str| {
        &api.security_schemes
            .iter()
            .find(|s| s.key == key)
            .unwrap_or_else(|| panic!("scheme `{key}`"))
            .kind
    };
    let SecurityKind::OAuth2 { flows } = scheme("oauth") else {
        panic!("`oauth` is OAuth 2.0: {:?}", scheme("oauth"));
    };
    assert_eq!(flows.len(), 2);
    let code = &flows[0];
    assert_eq!(code.grant, OAuthGrant::AuthorizationCode);
    assert_eq!(
        code.authorization_url.as_deref(),
        Some("https://example.com/oauth/authorize")
    );
    assert_eq!(
        code.token_url.as_deref(),
        Some("https://example.com/oauth/token")
    );
    assert_eq!(
        code.refresh_url.as_deref(),
        Some("https://example.com/oauth/refresh")
    );
    let scopes: Vec<(&str, Option<&str>)> = code
        .scopes
        .iter()
        .map(|(scope, about)| (scope.as_str(), about.as_deref()))
        .collect();
    assert_eq!(
        scopes,
        [
            ("contacts.read", Some("Read contacts.")),
            ("contacts.write", Some("Change contacts."))
        ]
    );
    assert_eq!(flows[1].grant, OAuthGrant::ClientCredentials);
    assert_eq!(flows[1].authorization_url, None);
    assert_eq!(
        scheme("oidc"),
        &SecurityKind::OpenIdConnect {
            discovery_url: "https://example.com/.well-known/openid-configuration".to_owned()
        }
    );

    let security = |id: &str| {
        &api.operations
            .iter()
            .find(|op| op.id == id)
            .unwrap_or_else(|| panic!("operation `{id}`"))
            .security
    };
    // The spec's default, with its scopes.
    assert_eq!(
        security("listContacts"),
        &[
            vec![requirement("oauth", &["contacts.read"])],
            vec![requirement("api_key", &[])]
        ]
    );
    assert_eq!(
        security("takePayment"),
        &[
            vec![
                requirement("oauth", &["payments"]),
                requirement("basic", &[])
            ],
            vec![requirement("oidc", &["openid", "payments"])],
        ]
    );
    assert_eq!(
        security("status"),
        &[vec![], vec![requirement("api_key", &[])]]
    );
}

#[test]
fn swagger_2_flows_become_openapi_3_flows_and_missing_urls_are_reported() {
    let dir = std::env::temp_dir().join(format!("integrations-auth-ir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let spec = dir.join("swagger.yaml");
    std::fs::write(
        &spec,
        r#"
swagger: "2.0"
info: {title: Legacy, version: "1"}
host: api.example.com
securityDefinitions:
  legacy:
    type: oauth2
    flow: accessCode
    authorizationUrl: https://example.com/authorize
    tokenUrl: https://example.com/token
    scopes: {read: Read things., write: Write things.}
  machine:
    type: oauth2
    flow: application
    scopes: {}
paths:
  /things:
    get:
      operationId: listThings
      security: [{legacy: [read]}]
      responses: {"200": {description: Things.}}
"#,
    )
    .expect("the spec is written");
    let (api, diagnostics, _, _) = build_ir(&spec, &Options::default()).expect("it builds");
    let SecurityKind::OAuth2 { flows } = &api.security_schemes[0].kind else {
        panic!("{:?}", api.security_schemes[0]);
    };
    assert_eq!(flows[0].grant, OAuthGrant::AuthorizationCode);
    assert_eq!(
        flows[0].token_url.as_deref(),
        Some("https://example.com/token")
    );
    assert_eq!(flows[0].scopes.len(), 2);
    assert_eq!(
        api.operations[0].security,
        [vec![requirement("legacy", &["read"])]]
    );
    // The client-credentials flow names no token URL: reported where it is.
    let warnings: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("no `tokenUrl`") && w.contains("machine")),
        "{warnings:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shipped_providers_describe_their_oauth_servers() {
    use integrations_runtime::{ClientAuth, OAuthProvider};
    use integrations_tests::shipped::{shipped_slack as slack, shipped_square as square};

    // provider.toml's OAuth v2 endpoints replace the legacy ones the spec names.
    let expected = OAuthProvider::new(
        "Slack",
        "https://slack.com/oauth/v2/authorize",
        "https://slack.com/api/oauth.v2.access",
    )
    .scope_separator(",")
    .client_auth(ClientAuth::Basic);
    assert_eq!(slack::OAUTH, expected);
    // The spec's endpoints, with provider.toml's JSON token requests.
    let expected = OAuthProvider::new(
        "Square",
        "https://connect.squareup.com/oauth2/authorize",
        "https://connect.squareup.com/oauth2/token",
    )
    .client_auth(ClientAuth::Json)
    .authorize_params(&[("session", "false")]);
    assert_eq!(square::OAUTH, expected);
}
