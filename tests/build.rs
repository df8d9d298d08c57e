//! Generates the clients the tests compile and call, through the build.rs front door.
//!
//! - Every fixture spec in `fixtures/` becomes a module (so every snapshot is also
//!   compiled, warning-free: the library denies warnings).
//! - When `../shared/upstream-specs` is present, clients generated from the real
//!   provider specs (cut to the operations the end-to-end tests call) are added and
//!   `cfg(upstream_specs)` is set; the tests that need them skip otherwise.

use std::path::Path;

/// Fixture specs, by module name.
const FIXTURES: &[(&str, &str)] = &[
    ("structs", "fixtures/structs.yaml"),
    ("enums", "fixtures/enums.yaml"),
    ("unions", "fixtures/unions.yaml"),
    ("all_of", "fixtures/all_of.yaml"),
    ("recursion", "fixtures/recursion.yaml"),
    ("maps", "fixtures/maps.yaml"),
    ("binary", "fixtures/binary.yaml"),
    ("inline_names", "fixtures/inline_names.yaml"),
    ("swagger2", "fixtures/swagger2.yaml"),
    ("openapi31", "fixtures/openapi31.yaml"),
    ("split", "fixtures/split/root.yaml"),
    ("responses", "fixtures/responses.yaml"),
    ("edge_cases", "fixtures/edge_cases.yaml"),
    ("xml", "fixtures/xml.yaml"),
    ("fidelity", "fixtures/fidelity.yaml"),
    ("auth", "fixtures/auth.yaml"),
    ("webhooks", "fixtures/webhooks.yaml"),
    ("verbs", "fixtures/verbs/openapi.yaml"),
];

/// The operations the end-to-end tests call, by provider.
const STRIPE_OPERATIONS: &[&str] = &[
    "PostCustomers",
    "GetCustomers",
    "GetCustomersCustomer",
    "PostCustomersCustomer",
    "DeleteCustomersCustomer",
    "GetCustomersSearch",
    "PostPaymentIntents",
];
const TWILIO_OPERATIONS: &[&str] = &["CreateMessage", "FetchMessage", "ListMessage"];
const SLACK_OPERATIONS: &[&str] = &["chat_postMessage", "conversations_list"];
const SENDGRID_OPERATIONS: &[&str] = &["SendMail"];
const SQUARE_OPERATIONS: &[&str] = &["CreateCustomer", "RetrieveCustomer", "ListCustomers"];

/// Clients from the specs this project ships (`specs/<provider>/`), and the upstream
/// spec each was derived from (relative to `../shared/upstream-specs`).
const PROVIDERS: &[(&str, &str, &[&str])] = &[
    ("stripe", "stripe/spec3.yaml", STRIPE_OPERATIONS),
    ("twilio", "twilio/twilio_api_v2010.json", TWILIO_OPERATIONS),
    ("slack", "slack/slack_web_openapi_v2.json", SLACK_OPERATIONS),
    ("sendgrid", "sendgrid/tsg_mail_v3.json", SENDGRID_OPERATIONS),
    ("square", "square/api.json", SQUARE_OPERATIONS),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rustc-check-cfg=cfg(upstream_specs)");
    let mut config = integrations_codegen::Config::new();
    config.deny_warnings(true);
    for (name, path) in FIXTURES {
        config.spec(path).file_name(*name);
    }
    for (provider, _, operations) in PROVIDERS {
        let spec = format!("../specs/{provider}/openapi.yaml");
        config
            .spec(&spec)
            .file_name(format!("shipped_{provider}"))
            .keep(operations.iter().copied());
    }
    // Specs with no upstream counterpart the tests compare with, generated whole.
    for provider in [
        "s3",
        "salesforce",
        "hubspot",
        "paypal",
        "pipedrive",
        "dropbox",
        "google-drive",
    ] {
        config
            .spec(format!("../specs/{provider}/openapi.yaml"))
            .file_name(format!("shipped_{}", provider.replace('-', "_")));
    }
    // Type hooks: a derive on one type, an attribute on every type, and a type of ours
    // in place of a generated one (see tests/tests/hooks.rs).
    config
        .spec("fixtures/hooks.yaml")
        .file_name("hooks")
        .derive("#/components/schemas/Order", "Eq")
        .type_attribute("*", "#[doc(alias = \"hooked\")]")
        .replace_type("#/components/schemas/Money", "crate::money::Money");
    // Schema.org mappings through objects and list items, both ways (see
    // tests/tests/mapping_shapes.rs), against the vocabulary generated beside them.
    let vocabulary = std::sync::Arc::new(
        integrations_codegen::vocabulary::Vocabulary::load(Path::new(
            "../specs/schema.org/vocabulary.toml",
        ))
        .map_err(|diagnostics| diagnostics.to_string())?,
    );
    println!("cargo:rerun-if-changed=../specs/schema.org/vocabulary.toml");
    std::fs::write(
        Path::new(&std::env::var("OUT_DIR")?).join("schema.rs"),
        vocabulary.render()?,
    )?;
    config
        .spec("fixtures/mappings/openapi.yaml")
        .file_name("mapped")
        .mappings(
            "fixtures/mappings/mappings.toml",
            vocabulary,
            "crate::schema",
        );
    // A Swagger 2.0 Slack description of our own, so the 2.0 upgrade is tested on the
    // wire when the real specs are absent.
    config
        .spec("fixtures/providers/slack_swagger2.yaml")
        .file_name("fixture_slack_swagger2")
        .manifest("../specs/slack/provider.toml");

    let upstream = Path::new("../../shared/upstream-specs");
    println!(
        "cargo:rerun-if-changed={}",
        upstream.join("MANIFEST.tsv").display()
    );
    if upstream.join("MANIFEST.tsv").is_file() {
        println!("cargo:rustc-cfg=upstream_specs");
        for (provider, file, operations) in PROVIDERS {
            config
                .spec(upstream.join(file))
                .file_name(format!("upstream_{provider}"))
                .manifest(format!("../specs/{provider}/provider.toml"))
                .keep(operations.iter().copied());
        }
    }
    config.generate()?;
    Ok(())
}
