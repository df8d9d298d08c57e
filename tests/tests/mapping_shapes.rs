//! Mapping tables through objects and list items, both ways, on a spec of our own
//! (`fixtures/mappings/`): a Schema.org object converted by another table of the same
//! file (`table = "Address"`), several of them as a list, fields of the one item of a
//! list (`groups[].to`, `parts[].value`) whose type requires fields, and a `default`
//! text (which alone does not make its object). What goes out comes back (property
//! tests); the wire shape is exact; a missing or unconvertible value is named with the
//! item it is in.

use integrations_tests::mapped::Mail;
use integrations_tests::schema::{EmailMessage, Person};
use proptest::prelude::*;
use serde_json::json;

fn person(email: &str, name: Option<&str>) -> Person {
    let mut person = Person::new().email(email);
    person.name = name.map(str::to_owned);
    person
}

#[test]
fn a_message_is_written_into_objects_and_the_one_item_of_each_list() {
    let message = EmailMessage::new()
        .sender(person("ada@example.com", Some("Ada")))
        .recipient([
            person("grace@example.com", None),
            person("alan@example.com", Some("Alan")),
        ])
        .cc_recipient([person("edsger@example.com", None)])
        .headline("Notes")
        .text("On the engine");
    let mail = Mail::try_from(&message).expect("a mail");
    assert_eq!(
        serde_json::to_value(&mail).unwrap(),
        json!({
            "from": {"email": "ada@example.com", "name": "Ada"},
            "groups": [{
                "to": [{"email": "grace@example.com"}, {"email": "alan@example.com", "name": "Alan"}],
                "cc": [{"email": "edsger@example.com"}],
                "subject": "Notes"
            }],
            "parts": [{"type": "text/plain", "value": "On the engine"}]
        })
    );
    // Read back, the default is what the mail says.
    let back = EmailMessage::from(&mail);
    assert_eq!(back, message.clone().encoding_format("text/plain"));
}

#[test]
fn a_mail_is_read_from_the_first_item_of_each_list() {
    let mail: Mail = serde_json::from_value(json!({
        "from": {"email": "ada@example.com"},
        "groups": [
            {"to": [{"email": "grace@example.com", "name": "Grace"}], "subject": "First"},
            {"to": [{"email": "later@example.com"}], "subject": "Second"}
        ],
        "parts": [
            {"type": "text/html", "value": "<p>Hi</p>"},
            {"type": "text/plain", "value": "Hi"}
        ]
    }))
    .expect("a mail");
    let message = EmailMessage::from(&mail);
    assert_eq!(
        message.recipient,
        [person("grace@example.com", Some("Grace"))]
    );
    assert_eq!(message.headline.as_deref(), Some("First"));
    assert_eq!(message.text.as_deref(), Some("<p>Hi</p>"));
    assert_eq!(message.encoding_format.as_deref(), Some("text/html"));
    assert!(message.cc_recipient.is_empty() && message.author.is_none());

    // No groups and no parts: nothing read from them, nothing made up.
    let bare = Mail::new(
        integrations_tests::mapped::Address::new("a@example.com".into()),
        Vec::new(),
    );
    let message = EmailMessage::from(&bare);
    assert!(message.recipient.is_empty());
    assert_eq!(
        (message.headline, message.text, message.encoding_format),
        (None, None, None)
    );
}

#[test]
fn what_is_missing_or_does_not_convert_is_named_with_its_item() {
    let message = EmailMessage::new()
        .sender(person("ada@example.com", None))
        .recipient([person("grace@example.com", None)])
        .text("Hello");
    assert!(Mail::try_from(&message).is_ok());

    // No text and no language: no part, the default alone does not make one.
    let mut no_text = message.clone();
    no_text.text = None;
    let mail = Mail::try_from(&no_text).expect("a mail without parts");
    assert!(mail.parts.is_none(), "{mail:?}");
    // A language makes the part, which then needs its text.
    let error = Mail::try_from(&no_text.clone().in_language("en")).expect_err("no text");
    assert_eq!(
        (error.property, error.field, error.problem.as_str()),
        ("text", "parts[].value", "is missing")
    );

    let error =
        Mail::try_from(&message.clone().recipient(Vec::<Person>::new())).expect_err("no recipient");
    assert_eq!((error.property, error.field), ("recipient", "groups[].to"));

    let error = Mail::try_from(
        &message
            .clone()
            .cc_recipient([person("ok@example.com", None), Person::new().name("Nobody")]),
    )
    .expect_err("an addressless cc");
    assert_eq!(
        (error.property, error.field),
        ("ccRecipient", "groups[].cc")
    );
    assert!(
        error.problem.starts_with("cannot be taken: item 1: "),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("`email` (for `email`) is missing"),
        "{error}"
    );

    // An optional object that cannot be made is an error too, not left out.
    let error = Mail::try_from(&message.clone().author(Person::new().name("Nobody")))
        .expect_err("an addressless author");
    assert_eq!((error.property, error.field), ("author", "author"));
}

fn text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[A-Za-z0-9 ._<>/-]{1,24}")
}

fn people(least: usize) -> impl Strategy<Value = Vec<Person>> {
    proptest::collection::vec(
        (
            "[a-z]{1,8}@example\\.com",
            proptest::option::of("[A-Z][a-z]{0,8}"),
        ),
        least..4,
    )
    .prop_map(|people| {
        people
            .into_iter()
            .map(|(email, name)| person(&email, name.as_deref()))
            .collect()
    })
}

proptest! {
    /// An EmailMessage written as a mail and read back keeps every property the table
    /// maps both ways. A message with text but no media type comes back with the
    /// default; one with neither text nor language has no part, so its media type does
    /// not come back.
    #[test]
    fn messages_survive_the_round_trip_through_objects_and_list_items(
        sender in people(1),
        author in people(0),
        recipient in people(1),
        cc in people(0),
        headline in text(),
        body in proptest::option::of("[A-Za-z0-9 ._<>/-]{1,40}"),
        format in proptest::option::of(prop_oneof![Just("text/plain"), Just("text/html")]),
        language in proptest::option::of(prop_oneof![Just("en"), Just("fr-CA")]),
    ) {
        // A language without text is refused (tested above).
        prop_assume!(body.is_some() || language.is_none());
        let mut message = EmailMessage::new()
            .sender(sender[0].clone())
            .recipient(recipient)
            .cc_recipient(cc);
        message.text = body;
        message.author = author.first().cloned().map(Box::new);
        message.headline = headline;
        message.encoding_format = format.map(str::to_owned);
        message.in_language = language.map(str::to_owned);
        let mail = Mail::try_from(&message).expect("a mail");
        // Through the wire's JSON too: what the mail encodes is what decodes.
        let wire = serde_json::to_value(&mail).unwrap();
        let decoded: Mail = serde_json::from_value(wire).unwrap();
        prop_assert_eq!(&decoded, &mail);
        let mut expected = message.clone();
        if expected.text.is_none() {
            expected.encoding_format = None;
        } else if expected.encoding_format.is_none() {
            expected.encoding_format = Some("text/plain".to_owned());
        }
        prop_assert_eq!(EmailMessage::from(&decoded), expected);
    }
}

#[test]
fn a_conversion_goes_through_two_tables_and_fails_where_the_inner_one_does() {
    use integrations_tests::mapped::Employee;
    use integrations_tests::schema::{Organization, PostalAddress};
    let person = Person::new().given_name("Ada").works_for(
        Organization::new().name("Analytical Engines Ltd").address(
            PostalAddress::new()
                .street_address("12 St James's Square")
                .address_locality("London"),
        ),
    );
    let employee = Employee::try_from(&person).expect("an employee");
    assert_eq!(
        serde_json::to_value(&employee).unwrap(),
        json!({
            "first_name": "Ada",
            "employer": {
                "name": "Analytical Engines Ltd",
                "location": {"street": "12 St James's Square", "city": "London"}
            }
        })
    );
    assert_eq!(Person::from(&employee), person);

    // A place without its street cannot be made, and neither can the employer nor the
    // employee around it: the error says where, two tables down.
    let streetless = Person::new().works_for(
        Organization::new()
            .name("Analytical Engines Ltd")
            .address(PostalAddress::new().address_locality("London")),
    );
    let error = Employee::try_from(&streetless).expect_err("a streetless workplace");
    assert_eq!((error.property, error.field), ("worksFor", "employer"));
    let said = error.to_string();
    assert!(
        said.contains("`address` (for `location`)")
            && said.contains("`streetAddress` (for `street`) is missing"),
        "{said}"
    );
}

#[test]
fn a_required_field_takes_its_default_and_a_required_list_another_table_fills_may_be_empty() {
    use integrations_tests::mapped::Notice;
    use integrations_tests::schema::Message;
    let notice = Notice::try_from(&Message::new().headline("Closed on Monday")).expect("a notice");
    assert_eq!(
        serde_json::to_value(&notice).unwrap(),
        json!({"kind": "text/plain", "readers": [], "title": "Closed on Monday"})
    );
    let message = Message::new()
        .encoding_format("text/html")
        .recipient([person("ada@example.com", Some("Ada"))]);
    let notice = Notice::try_from(&message).expect("a notice");
    assert_eq!(
        serde_json::to_value(&notice).unwrap(),
        json!({"kind": "text/html", "readers": [{"email": "ada@example.com", "name": "Ada"}]})
    );
    assert_eq!(Message::from(&notice), message);
    let error = Notice::try_from(&Message::new().recipient([Person::new().name("Nobody")]))
        .expect_err("an addressless reader");
    assert_eq!((error.property, error.field), ("recipient", "readers"));
}
