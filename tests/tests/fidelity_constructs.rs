//! One test per construct that generated clients used to send or decode wrongly
//! (`fixtures/fidelity.yaml`), on the data real APIs send. Each failed before the fix:
//! the property was dropped, the wrong variant was chosen, the value did not decode, or
//! the body could not be built.

mod common;

use integrations_codegen::{Options, Severity};
use integrations_tests::fixtures::fidelity;
use serde_json::{Value, json};

/// Decodes `value` as `T` through the runtime's decoder and encodes it again.
fn round_trip<T>(value: Value) -> (T, Value)
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let text = serde_json::to_vec(&value).unwrap();
    let decoded: T = integrations_runtime::de::from_slice(&text)
        .unwrap_or_else(|e| panic!("decodes: {e:?}\n{value}"));
    let again = serde_json::to_value(&decoded).unwrap();
    (decoded, again)
}

/// Slack's `{ok, ...}` success template: every field a method returns is kept (104 of its
/// 174 operations answer with it).
#[test]
fn additional_properties_true_keeps_what_the_method_returns() {
    let answer = json!({
        "ok": true,
        "apps": [{"id": "A0KRD7HC3", "name": "Slack Bot", "scopes": ["chat:write"]}],
        "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="}
    });
    let (envelope, again): (fidelity::Envelope, _) = round_trip(answer.clone());
    assert!(envelope.ok);
    assert_eq!(
        envelope.additional_properties["response_metadata"]["next_cursor"],
        "dGVhbTpDMDYxRkE1UEI="
    );
    assert_eq!(again, answer);
}

/// A listing of mixed entries decodes each as what it is, not as the first variant
/// (whose fields are all optional but its tag).
#[test]
fn untagged_variants_are_chosen_by_what_distinguishes_them() {
    let listing = json!([
        {".tag": "folder", "name": "Homework", "path_lower": "/homework"},
        {".tag": "file", "name": "Prime_Numbers.txt", "size": 7212, "rev": "a1c10ce0dd78"}
    ]);
    let (entries, again): (Vec<fidelity::Entry>, _) = round_trip(listing.clone());
    assert!(
        matches!(&entries[0], fidelity::Entry::Folder(f) if f.path_lower.as_deref() == Some("/homework"))
    );
    assert!(matches!(&entries[1], fidelity::Entry::File(f) if f.size == Some(7212)));
    assert_eq!(again, listing);
}

/// Two variants share the discriminator value `message`; `subtype` tells them apart.
#[test]
fn a_shared_discriminator_value_is_resolved_by_the_other_properties() {
    let events = json!([
        {"type": "message", "text": "Hello", "user": "U061F7AUR"},
        {"type": "message", "subtype": "bot_message", "text": "Build green", "bot_id": "B19LU7CSY"},
        {"type": "channel_join", "user": "U061F7AUR"},
        {"type": "reaction_added", "user": "U061F7AUR", "reaction": "thumbsup"}
    ]);
    let (decoded, again): (Vec<fidelity::Event>, _) = round_trip(events.clone());
    assert!(
        matches!(decoded[0], fidelity::Event::PlainMessage(_)),
        "{decoded:?}"
    );
    assert!(
        matches!(decoded[1], fidelity::Event::BotMessage(_)),
        "{decoded:?}"
    );
    assert!(
        matches!(decoded[2], fidelity::Event::ChannelJoin(_)),
        "{decoded:?}"
    );
    assert!(
        matches!(decoded[3], fidelity::Event::Unknown(_)),
        "{decoded:?}"
    );
    assert_eq!(again, events);
}

/// `null` inside arrays and maps whose items may be null.
#[test]
fn nullable_items_and_values_decode() {
    let readings =
        json!({"samples": [1.5, null, 2.25], "labels": {"a": "first", "b": null}, "ratio": 0.1});
    let (decoded, again): (fidelity::Readings, _) = round_trip(readings.clone());
    assert_eq!(decoded.samples, Some(vec![Some(1.5), None, Some(2.25)]));
    assert_eq!(decoded.labels.as_ref().unwrap()["b"], None);
    assert_eq!(again, readings);
}

/// A required read-only property is not required to build a request; a required
/// write-only one is not required in a response; what the spec does not declare is kept
/// for a read-modify-write.
#[test]
fn read_only_and_write_only_follow_the_direction_and_undeclared_keys_survive() {
    let mut update = fidelity::Account::new("Ada".into());
    update.password = Some("s3cret".into());
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"name": "Ada", "password": "s3cret"})
    );
    let fetched =
        json!({"id": "acc_1", "created": 1700000000, "name": "Ada", "plan": {"tier": "pro"}});
    let (account, again): (fidelity::Account, _) = round_trip(fetched.clone());
    assert_eq!(account.id.as_deref(), Some("acc_1"));
    assert_eq!(account.password, None);
    assert_eq!(
        again, fetched,
        "a read-modify-write sends back what the API sent"
    );
}

/// Properties beside `oneOf` are typed: a contact can be built with its name, and a
/// payment's variants each carry the amount.
#[test]
fn properties_beside_one_of_are_typed() {
    let mut contact = fidelity::Contact::new("Ada".into());
    contact.email = Some("ada@example.com".into());
    assert_eq!(
        serde_json::to_value(&contact).unwrap(),
        json!({"name": "Ada", "email": "ada@example.com"})
    );
    let (payment, _): (fidelity::Payment, _) =
        round_trip(json!({"amount": 1200, "iban": "DE89370400440532013000"}));
    assert!(
        matches!(&payment, fidelity::Payment::Bank(bank) if bank.amount == 1200),
        "{payment:?}"
    );
}

/// Operator values get names that say what they are.
#[test]
fn symbol_enum_values_are_named() {
    let (filter, again): (fidelity::Filter, _) = round_trip(json!({"operator": "<="}));
    assert_eq!(filter.operator, Some(fidelity::FilterOperator::LtEq));
    assert_eq!(again, json!({"operator": "<="}));
    assert_eq!(fidelity::FilterOperator::NotEq.as_str(), "!=");
}

/// `$dynamicRef` resolves to the schema with its `$dynamicAnchor`: a tree, not JSON.
#[test]
fn dynamic_references_resolve() {
    let tree = json!({"label": "root", "children": [{"label": "leaf", "children": []}]});
    let (decoded, again): (fidelity::Tree, _) = round_trip(tree.clone());
    let children = decoded.children.unwrap();
    assert_eq!(children[0].label.as_deref(), Some("leaf"));
    assert_eq!(again, tree);
}

/// Slack's list-form `items` is read as "any of these" (`bot_id` is a string or null),
/// and said: it is not valid OpenAPI.
#[test]
fn list_form_items_are_read_as_any_of_with_a_warning() {
    let spec = common::workspace().join("tests/fixtures/malformed/list_items.yaml");
    let output = integrations_codegen::generate(&spec, &Options::default()).expect("generates");
    let warnings: Vec<String> = output
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("properties/bot_id/items") && warnings[0].contains("`anyOf`"),
        "{warnings:?}"
    );
    let ir = serde_json::to_value(&output.api).unwrap();
    let message = ir["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Message")
        .expect("Message");
    let bot_id = message["kind"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["wire_name"] == "bot_id")
        .expect("bot_id");
    // A (nullable) bot id, not a list of them.
    assert_eq!(bot_id["nullable"], true, "{bot_id}");
    assert_ne!(bot_id["ty"]["kind"], "list", "{bot_id}");
    assert!(
        output
            .code
            .contains("pub bot_id: ::integrations_runtime::Nullable<BotId>"),
        "{}",
        output.code
    );
    assert!(
        output
            .code
            .contains("pub pinned_to: ::std::option::Option<::std::vec::Vec<"),
        "{}",
        output.code
    );
}

/// A `$ref` to a file that is not there costs that schema, not the client.
#[test]
fn a_missing_referenced_file_is_a_warning_naming_it() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("missing-file");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        r##"openapi: 3.0.3
info: {title: Missing, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: OK.
          content:
            application/json:
              schema:
                type: object
                properties:
                  pets: {$ref: "./schemas/pets.yaml#/Pets"}
                  count: {type: integer}
"##,
    )
    .unwrap();
    let output = integrations_codegen::generate(&spec, &Options::default()).expect("generates");
    let text = output.diagnostics.to_string();
    assert!(text.contains("schemas/pets.yaml"), "{text}");
    assert!(
        text.contains(
            "/paths/~1pets/get/responses/200/content/application~1json/schema/properties/pets"
        ),
        "{text}"
    );
    assert_eq!(
        output
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        1,
        "{text}"
    );
    assert!(output.code.contains("pub count:"), "{}", output.code);
    assert!(output.code.contains("pub pets:"), "{}", output.code);
}

mod on_the_wire {
    use super::*;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn client(server: &MockServer) -> fidelity::Client {
        fidelity::Client::builder()
            .base_url(server.uri())
            .build()
            .expect("client")
    }

    /// A form list goes out as repeated keys (OpenAPI's default, Twilio's `MediaUrl`); a
    /// property the spec's `encoding` puts in `deepObject` goes out in brackets.
    #[tokio::test]
    async fn form_lists_repeat_their_key_unless_the_encoding_says_otherwise() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/messages"))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(json!({"ok": true, "sid": "SM1"})),
            )
            .mount(&server)
            .await;
        let mut message = fidelity::NewMessage::new("+15558675310".into(), "Hi".into());
        message.media_url = Some(vec![
            "https://demo.twilio.com/owl.png".into(),
            "https://demo.twilio.com/logo.png".into(),
        ]);
        message.metadata = Some([("order".to_owned(), "42".to_owned())].into());
        let sent = client(&server)
            .await
            .create_message(message)
            .await
            .expect("sent");
        assert_eq!(sent.additional_properties["sid"], "SM1");
        let request = common::only_request(&server).await;
        assert_eq!(
            common::body_text(&request),
            "To=%2B15558675310&Body=Hi\
             &MediaUrl=https%3A%2F%2Fdemo.twilio.com%2Fowl.png\
             &MediaUrl=https%3A%2F%2Fdemo.twilio.com%2Flogo.png\
             &Metadata%5Border%5D=42"
        );
        assert_eq!(
            common::header(&request, "content-type"),
            "application/x-www-form-urlencoded"
        );
    }

    /// A multipart body whose schema is not an object is built by the caller and sent as
    /// a real multipart body, boundary and all.
    #[tokio::test]
    async fn a_multipart_body_without_an_object_schema_is_sent_as_parts() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/uploads"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        let parts = integrations_runtime::Parts::new()
            .text("title", "Q3 report")
            .file(
                "file",
                integrations_runtime::FilePart::new(b"%PDF-1.7".to_vec())
                    .file_name("q3.pdf")
                    .content_type("application/pdf"),
            );
        client(&server)
            .await
            .upload_parts(parts)
            .await
            .expect("uploaded");
        let request = common::only_request(&server).await;
        let content_type = common::header(&request, "content-type");
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("a multipart content type with a boundary: {content_type}"));
        assert_eq!(
            String::from_utf8_lossy(&request.body),
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3 report\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q3.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n\
                 --{boundary}--\r\n"
            )
        );
    }
}
