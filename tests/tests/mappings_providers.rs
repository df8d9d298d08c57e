//! The Schema.org mapping tables of Square, Slack, Twilio, SendGrid, PayPal, S3, Dropbox,
//! Google Drive and Salesforce's Opportunity, against the providers' documented payloads
//! in full: what each table reads, what it writes (transforms and value tables
//! included), what it refuses with the property named, and, where the same Schema.org
//! value goes out and comes back, that it survives the trip (property tests).

mod common;

use common::documented;
use integrations::schema::{EmailMessage, MediaObject, Message, Order, Organization, Person};
use integrations::{
    dropbox, google_drive, paypal, s3, salesforce, sendgrid, slack, square, twilio,
};
use proptest::prelude::*;
use serde_json::json;

#[test]
fn a_slack_answer_reads_as_a_message_and_a_message_posts_to_its_one_channel() {
    let answer: slack::ChatPostMessageResponse =
        serde_json::from_value(documented::slack_post_message_answer()).expect("Slack's answer");
    let message = Message::from(&answer.message);
    assert_eq!(message.identifier.as_deref(), Some("1503435956.000247"));
    assert_eq!(message.text.as_deref(), Some("Here's a message for you"));
    assert_eq!(
        message
            .sender
            .as_ref()
            .and_then(|s| s.identifier.as_deref()),
        Some("U123ABC456")
    );

    let to = Message::new()
        .text("Build green")
        .recipient([Person::new().identifier("C123ABC456")]);
    let body = slack::ChatPostMessageBody::try_from(&to).expect("a post");
    let wire = serde_json::to_value(&body).unwrap();
    assert_eq!(wire["channel"], "C123ABC456");
    assert_eq!(wire["text"], "Build green");

    let error = slack::ChatPostMessageBody::try_from(&Message::new().text("to nobody"))
        .expect_err("a post needs its channel");
    assert_eq!(
        (error.property, error.field),
        ("recipient.identifier", "channel")
    );
    let two = Message::new().text("hi").recipient([
        Person::new().identifier("C1"),
        Person::new().identifier("C2"),
    ]);
    let error = slack::ChatPostMessageBody::try_from(&two).expect_err("one channel per post");
    assert_eq!(error.property, "recipient");
    assert!(error.to_string().contains("holds 2 values"), "{error}");
}

#[test]
fn a_twilio_message_reads_with_its_dates_and_numbers_are_checked_as_e164_on_the_way_out() {
    let resource: twilio::ApiV2010AccountMessage =
        serde_json::from_value(documented::twilio_message()).expect("Twilio's message");
    let message = Message::from(&resource);
    assert_eq!(
        message.identifier.as_deref(),
        Some("SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
    );
    assert_eq!(message.text.as_deref(), Some("Hi there"));
    assert_eq!(
        message.date_sent.as_deref(),
        Some("2023-08-24T05:01:46+00:00"),
        "RFC 2822 read as RFC 3339"
    );
    assert_eq!(
        message.date_created.as_deref(),
        Some("2023-08-24T05:01:45+00:00")
    );
    assert_eq!(
        message.date_modified.as_deref(),
        Some("2023-08-24T05:01:47+00:00")
    );
    assert_eq!(
        message
            .recipient
            .first()
            .and_then(|p| p.telephone.as_deref()),
        Some("+14155552345")
    );
    assert_eq!(
        message.sender.as_ref().and_then(|p| p.telephone.as_deref()),
        Some("+14155552345")
    );

    let sms = Message::new()
        .text("Ahoy!")
        .sender(Person::new().telephone("+1 (415) 555-0100"))
        .recipient([Person::new().telephone("+44 20 7946 0958")]);
    let body = twilio::CreateMessageBody::try_from(&sms).expect("an SMS");
    let wire = serde_json::to_value(&body).unwrap();
    assert_eq!(wire["To"], "+442079460958", "written in E.164");
    assert_eq!(wire["From"], "+14155550100");
    assert_eq!(wire["Body"], "Ahoy!");

    let local = Message::new()
        .text("Ahoy!")
        .recipient([Person::new().telephone("020 7946 0958")]);
    let error = twilio::CreateMessageBody::try_from(&local).expect_err("not E.164");
    assert_eq!((error.property, error.field), ("recipient.telephone", "To"));
    assert!(error.to_string().contains("no leading `+`"), "{error}");
}

#[test]
fn a_square_customer_and_payment_read_as_person_and_order() {
    let customer: square::Customer =
        serde_json::from_value(documented::square_customer()).expect("Square's customer");
    let person = Person::from(&customer);
    assert_eq!(
        person.identifier.as_deref(),
        Some("JDKYHBWT1D4F8MFH63DBMEN8Y4")
    );
    assert_eq!(person.given_name.as_deref(), Some("Amelia"));
    assert_eq!(person.family_name.as_deref(), Some("Earhart"));
    assert_eq!(person.alternate_name.as_deref(), Some("Junior"));
    assert_eq!(person.email.as_deref(), Some("Amelia.Earhart@example.com"));
    assert_eq!(person.telephone.as_deref(), Some("+1-212-555-4240"));
    assert_eq!(person.birth_date.as_deref(), Some("1897-07-24"));
    assert_eq!(
        person.works_for.as_ref().and_then(|o| o.name.as_deref()),
        Some("ACME")
    );
    // The address object's fields, one level in; the country enumeration as its code.
    let address = person.address.as_deref().expect("an address");
    assert_eq!(
        (
            address.street_address.as_deref(),
            address.address_locality.as_deref(),
            address.address_region.as_deref(),
            address.postal_code.as_deref(),
            address.address_country.as_deref(),
        ),
        (
            Some("500 Electric Ave"),
            Some("New York"),
            Some("NY"),
            Some("10003"),
            Some("US")
        )
    );

    let payment: square::Payment =
        serde_json::from_value(documented::square_payment()).expect("Square's payment");
    let order = Order::from(&payment);
    assert_eq!(
        order.identifier.as_deref(),
        Some("bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY")
    );
    assert_eq!(
        order.order_number.as_deref(),
        Some("d7eKah653Z579f3gVtjlxpSlmUcZY")
    );
    assert_eq!(
        order.order_status.as_deref(),
        Some("https://schema.org/OrderProcessing")
    );
    assert_eq!(order.confirmation_number.as_deref(), Some("bP9m"));
    assert_eq!(order.payment_method.as_deref(), Some("CARD"));
    // `total_money` {555, USD}: 5.55 USD.
    let total = order.total_price.as_deref().expect("a total");
    assert_eq!(total.currency.as_deref(), Some("USD"));
    assert_eq!(
        total.value.as_ref().map(ToString::to_string).as_deref(),
        Some("5.55")
    );
    let invoice = integrations::schema::Invoice::from(&payment);
    assert_eq!(invoice.payment_status.as_deref(), Some("PaymentComplete"));
    assert!(invoice.total_payment_due.is_some());

    let request = square::CreateCustomerRequest::from(&person);
    let wire = serde_json::to_value(&request).unwrap();
    assert_eq!(wire["given_name"], "Amelia");
    assert_eq!(wire["company_name"], "ACME");
    assert_eq!(
        wire["address"],
        json!({
            "address_line_1": "500 Electric Ave",
            "locality": "New York",
            "administrative_district_level_1": "NY",
            "postal_code": "10003",
            "country": "US"
        }),
        "the address object is made from the fields the table writes"
    );
    assert!(wire.get("id").is_none(), "Square sets the id");
    let without = serde_json::to_value(square::CreateCustomerRequest::from(
        &Person::new().given_name("Ada"),
    ))
    .unwrap();
    assert!(
        without.get("address").is_none(),
        "no address property, no address object"
    );
}

#[test]
fn sendgrid_addresses_take_a_persons_email_and_full_name() {
    let person = Person::new()
        .given_name("Ada")
        .family_name("Lovelace")
        .email("ada@example.com");
    let from = sendgrid::MailFrom::try_from(&person).expect("a sender");
    assert_eq!(
        serde_json::to_value(&from).unwrap(),
        json!({"email": "ada@example.com", "name": "Ada Lovelace"})
    );
    let to = sendgrid::MailTo::try_from(
        &Person::new()
            .name("Grace Hopper")
            .email("grace@example.com"),
    )
    .expect("a recipient");
    assert_eq!(
        serde_json::to_value(&to).unwrap(),
        json!({"email": "grace@example.com", "name": "Grace Hopper"})
    );
    let error = sendgrid::MailTo::try_from(&Person::new().name("Nobody")).expect_err("no email");
    assert_eq!((error.property, error.field), ("email", "email"));
}

/// A person as SendGrid's documented mail names them: a display name and an address.
fn addressed(name: &str, email: &str) -> Person {
    Person::new().name(name).email(email)
}

/// What SendGrid's documented mail (the spec's `MailSendNoTemplate`) says that the
/// EmailMessage table maps: the sender, the first personalization's people, the subject
/// and the HTML content.
fn documented_message() -> EmailMessage {
    EmailMessage::new()
        .sender(addressed("Example Order Confirmation", "orders@example.com"))
        .recipient([
            addressed("Alex", "alex@example.com"),
            addressed("Bola", "bola@example.com"),
        ])
        .cc_recipient([addressed("Charlie", "charlie@example.com")])
        .bcc_recipient([addressed("Dana", "dana@example.com")])
        .headline("Your Example Order Confirmation")
        .text("<p>Hello from Twilio SendGrid!</p><p>Sending with the email service trusted by developers and marketers for <strong>time-savings</strong>, <strong>scalability</strong>, and <strong>delivery expertise</strong>.</p><p>%open-track%</p>")
        .encoding_format("text/html")
}

#[test]
fn an_email_message_is_sendgrids_documented_mail_less_what_the_table_does_not_map() {
    let documented = documented::sendgrid_mail_no_template();
    // The documented mail is a body the client takes, key for key.
    let decoded: sendgrid::SendMailBody =
        serde_json::from_value(documented.clone()).expect("SendGrid's documented mail");
    common::assert_kept(&decoded, &documented, "SendGrid's documented mail");

    let sent = serde_json::to_value(
        sendgrid::SendMailBody::try_from(&documented_message()).expect("a mail"),
    )
    .unwrap();
    // Each key the table writes is the documented one; the one personalization is the
    // documented first.
    assert_eq!(
        sent,
        json!({
            "personalizations": [documented["personalizations"][0].clone()],
            "from": documented["from"].clone(),
            "subject": documented["subject"].clone(),
            "content": documented["content"].clone(),
        })
    );
    // What no EmailMessage property holds is not written.
    let mut left: Vec<&str> = documented
        .as_object()
        .unwrap()
        .keys()
        .filter(|key| sent.get(key.as_str()).is_none())
        .map(String::as_str)
        .collect();
    left.sort_unstable();
    assert_eq!(
        left,
        [
            "asm",
            "attachments",
            "batch_id",
            "categories",
            "ip_pool_name",
            "mail_settings",
            "reply_to",
            "send_at",
            "tracking_settings"
        ]
    );
}

#[test]
fn an_email_message_without_a_format_is_plain_text_and_each_missing_part_is_named() {
    let plain = EmailMessage::new()
        .sender(
            Person::new()
                .given_name("Ada")
                .family_name("Lovelace")
                .email("ada@example.com"),
        )
        .recipient([Person::new().email("grace@example.com")])
        .text("Hello");
    assert_eq!(
        serde_json::to_value(sendgrid::SendMailBody::try_from(&plain).expect("a mail")).unwrap(),
        json!({
            "personalizations": [{"to": [{"email": "grace@example.com"}]}],
            "from": {"email": "ada@example.com", "name": "Ada Lovelace"},
            "content": [{"type": "text/plain", "value": "Hello"}],
        }),
        "no cc, bcc or subject keys, and the content is plain text"
    );

    let refused =
        |message: EmailMessage| sendgrid::SendMailBody::try_from(&message).expect_err("refused");
    let mut no_sender = plain.clone();
    no_sender.sender = None;
    let error = refused(no_sender);
    assert_eq!((error.property, error.field), ("sender", "from"));
    assert_eq!(error.problem, "is missing");

    let error = refused(plain.clone().recipient(Vec::<Person>::new()));
    assert_eq!(
        (error.property, error.field),
        ("recipient", "personalizations[].to")
    );
    assert_eq!(error.problem, "is missing");

    let mut no_text = plain.clone();
    no_text.text = None;
    let error = refused(no_text);
    assert_eq!((error.property, error.field), ("text", "content[].value"));

    // A person with no address, named with the item it is and the field it lacks.
    let error = refused(plain.clone().cc_recipient([
        Person::new().email("ok@example.com"),
        Person::new().name("Nobody"),
    ]));
    assert_eq!(
        (error.property, error.field),
        ("ccRecipient", "personalizations[].cc")
    );
    assert!(
        error.problem.contains("item 1: ")
            && error.problem.contains("`email` (for `email`) is missing"),
        "{error}"
    );
    let mut addressless_sender = plain;
    addressless_sender.sender = Some(Box::new(Person::new().name("Ada")));
    let error = refused(addressless_sender);
    assert_eq!((error.property, error.field), ("sender", "from"));
    assert!(
        error.problem.contains("`email` (for `email`) is missing"),
        "{error}"
    );
}

#[tokio::test]
async fn an_email_message_is_sent_through_the_client_as_the_bytes_the_table_makes() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path("/v3/mail/send"))
        .respond_with(wiremock::ResponseTemplate::new(202).insert_header("X-Message-Id", "abc123"))
        .mount(&server)
        .await;
    let client = sendgrid::Client::builder()
        .base_url(server.uri())
        .bearer_token("SG.key")
        .build()
        .expect("a client");
    let mail = sendgrid::SendMailBody::try_from(&documented_message()).expect("a mail");
    client.send(mail).await.expect("accepted");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    let documented = documented::sendgrid_mail_no_template();
    // Field order is the spec's: personalizations, from, subject, content.
    let expected = format!(
        r#"{{"personalizations":[{}],"from":{},"subject":{},"content":{}}}"#,
        documented["personalizations"][0],
        documented["from"],
        documented["subject"],
        documented["content"]
    );
    assert_eq!(String::from_utf8_lossy(&requests[0].body), expected);
}

#[test]
fn the_mail_table_drops_exactly_the_properties_its_report_lists() {
    use integrations_codegen::vocabulary::Vocabulary;
    let specs = common::workspace().join("specs");
    let vocabulary =
        Vocabulary::load(&specs.join("schema.org/vocabulary.toml")).expect("the vocabulary");
    let (api, ..) = integrations_codegen::build_ir(
        &specs.join("sendgrid/openapi.yaml"),
        &integrations_codegen::Options::default(),
    )
    .expect("the SendGrid spec");
    let tables = integrations_codegen::mapping::load(
        &specs.join("sendgrid/mappings.toml"),
        &vocabulary,
        &api,
    )
    .expect("the SendGrid tables");
    let report = integrations_codegen::mapping::report("SendGrid", &tables);
    let section = report
        .split("## ")
        .find(|part| part.starts_with("SendGrid: EmailMessage <-> SendMailBody"))
        .expect("the mail table is reported");
    let dropped: Vec<String> = section
        .lines()
        .find_map(|line| line.trim().strip_prefix("dropped to SendGrid: "))
        .expect("what the mail table drops")
        .split(", ")
        .map(|name| name.trim_matches('`').to_owned())
        .collect();

    // A value for each property of an EmailMessage, by its expected type.
    let value_of = |expected: &integrations_codegen::vocabulary::Expected| {
        let one = match expected.name.as_str() {
            "Text" => json!("changed"),
            "URL" => json!("https://example.com/changed"),
            "DateTime" => json!("2024-04-01T09:30:00Z"),
            "Date" => json!("2024-04-01"),
            "Person" => {
                json!({"@type": "Person", "email": "changed@example.com", "name": "Changed"})
            }
            other => json!({"@type": other, "name": "changed"}),
        };
        if expected.many { json!([one]) } else { one }
    };
    let base = serde_json::to_value(documented_message()).unwrap();
    let sent = |message: &serde_json::Value| {
        let message: EmailMessage =
            serde_json::from_value(message.clone()).expect("an EmailMessage");
        serde_json::to_value(sendgrid::SendMailBody::try_from(&message).expect("a mail")).unwrap()
    };
    let before = sent(&base);
    let mut ignored = Vec::new();
    for (property, expected) in &vocabulary.types["EmailMessage"].properties {
        let mut changed = base.clone();
        changed[property.as_str()] = value_of(expected);
        if sent(&changed) == before {
            ignored.push(property.clone());
        }
    }
    assert_eq!(
        ignored, dropped,
        "the properties a mail ignores are those the report lists"
    );
}

#[test]
fn email_messages_the_table_makes_are_valid_sendgrid_mail_to_an_independent_validator() {
    let python = common::python_tools();
    let spec = common::workspace().join("specs/sendgrid/openapi.yaml");
    let mut diagnostics = integrations_codegen::Diagnostics::new();
    let loaded = integrations_codegen::load(
        &spec,
        &integrations_codegen::Options::default(),
        &mut diagnostics,
    )
    .unwrap_or_else(|| panic!("the shipped SendGrid spec loads:\n{diagnostics}"));
    let messages = [
        documented_message(),
        EmailMessage::new()
            .sender(Person::new().email("ada@example.com"))
            .recipient([Person::new().given_name("Grace").email("grace@example.com")])
            .text("Hello"),
        documented_message()
            .headline("Re: your order")
            .bcc_recipient(Vec::<Person>::new())
            .encoding_format("text/plain"),
    ];
    let body = "/components/requestBodies/PostMailSend/content/application~1json/schema";
    let mut listed: Vec<serde_json::Value> = messages
        .iter()
        .enumerate()
        .map(|(index, message)| {
            let mail = sendgrid::SendMailBody::try_from(message).expect("a mail");
            json!({"id": index.to_string(), "kind": "request", "schema": body, "value": mail})
        })
        .collect();
    // The control: a content without its value, which the validator must refuse.
    let mut broken =
        serde_json::to_value(sendgrid::SendMailBody::try_from(&messages[1]).expect("a mail"))
            .unwrap();
    broken["content"][0]
        .as_object_mut()
        .unwrap()
        .remove("value");
    listed.push(json!({"id": "control", "kind": "request", "schema": body, "value": broken}));

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sendgrid-mail-validity");
    common::write_oracle_input(&dir, &loaded.spec.doc, &serde_json::Value::Array(listed));
    let verdicts: serde_json::Value = common::oracle_verdicts(&python, &dir);
    for index in 0..messages.len() {
        assert_eq!(
            verdicts[index.to_string()],
            serde_json::Value::Null,
            "mail {index} is valid SendGrid mail"
        );
    }
    let control = verdicts["control"].as_str().unwrap_or_default();
    assert!(
        control.contains("'value' is a required property"),
        "{verdicts}"
    );
}

#[test]
fn a_captured_paypal_order_reads_as_an_order() {
    let captured: paypal::Order =
        serde_json::from_value(documented::paypal_captured_order()).expect("PayPal's order");
    let order = Order::from(&captured);
    assert_eq!(order.identifier.as_deref(), Some("5O190127TN364715T"));
    let payer = order.customer.as_deref().expect("the payer");
    assert_eq!(payer.identifier.as_deref(), Some("QYR5Z8XDVJNXQ"));
    assert_eq!(payer.email.as_deref(), Some("customer@example.com"));
    assert_eq!(
        order.order_status.as_deref(),
        Some("https://schema.org/OrderProcessing")
    );
}

#[tokio::test]
async fn s3_dropbox_and_drive_files_read_as_media_objects() {
    // S3: the documented listing, decoded by the client from XML.
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_raw(documented::S3_LISTING, "application/xml"),
        )
        .mount(&server)
        .await;
    let client = s3::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client");
    let page = client.list_objects_v2("bucket").await.expect("a listing");
    let object = &page.contents.expect("contents")[0];
    let media = MediaObject::from(object);
    assert_eq!(media.identifier.as_deref(), Some("my-image.jpg"));
    assert_eq!(
        media.content_size.as_deref(),
        Some("434234"),
        "an integer as text"
    );
    assert_eq!(
        media.upload_date.as_deref(),
        Some("2009-10-12T17:50:30.000Z")
    );

    let file: dropbox::FileMetadata =
        serde_json::from_value(documented::dropbox_file_metadata()).expect("Dropbox's file");
    let media = MediaObject::from(&file);
    assert_eq!(
        media.identifier.as_deref(),
        Some("id:a4ayc_80_OEAAAAAAAAAXw")
    );
    assert_eq!(media.name.as_deref(), Some("Prime_Numbers.txt"));
    assert_eq!(media.content_size.as_deref(), Some("7212"));
    assert_eq!(media.upload_date.as_deref(), Some("2015-05-12T15:50:38Z"));

    let file: google_drive::File = serde_json::from_value(documented::drive_file(
        "1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo",
        "report.pdf",
    ))
    .expect("Drive's file");
    let media = MediaObject::from(&file);
    assert_eq!(media.name.as_deref(), Some("report.pdf"));
    assert_eq!(media.encoding_format.as_deref(), Some("application/pdf"));
    assert_eq!(media.content_size.as_deref(), Some("482913"));
    assert_eq!(
        media.sha256.as_deref(),
        Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    // Written back, what Drive sets is left out.
    let wire = serde_json::to_value(google_drive::File::from(&media)).unwrap();
    assert_eq!(
        wire,
        json!({
            "name": "report.pdf",
            "description": "Quarterly report",
            "mimeType": "application/pdf",
            "createdTime": "2024-03-01T10:15:30.000Z",
            "modifiedTime": "2024-03-02T08:00:00.000Z"
        })
    );
}

#[test]
fn a_salesforce_opportunity_reads_as_an_order_with_its_stage_and_date() {
    let record: salesforce::Opportunity =
        serde_json::from_value(documented::salesforce_opportunity()).expect("an Opportunity");
    let order = Order::from(&record);
    assert_eq!(order.identifier.as_deref(), Some("006R0000003NIOSIA4"));
    assert_eq!(order.name.as_deref(), Some("Edge Emergency Generator"));
    assert_eq!(
        order.order_date.as_deref(),
        Some("2024-05-01T16:21:03.000+00:00"),
        "Salesforce's date-time as RFC 3339"
    );
    assert_eq!(
        order.order_status.as_deref(),
        Some("https://schema.org/OrderProcessing")
    );
    assert_eq!(
        order
            .customer
            .as_ref()
            .and_then(|c| c.identifier.as_deref()),
        Some("003R000000Aa1bCIAR")
    );
    // Written back: Salesforce's three required fields, the close date as a day.
    let sale = Order::new()
        .name("Edge Emergency Generator")
        .order_date("2024-05-20T09:12:44Z")
        .order_status("https://schema.org/OrderCancelled");
    let written = salesforce::Opportunity::try_from(&sale).expect("an Opportunity");
    assert_eq!(
        serde_json::to_value(&written).unwrap(),
        json!({"Name": "Edge Emergency Generator", "StageName": "Closed Lost", "CloseDate": "2024-05-20"})
    );
    let error = salesforce::Opportunity::try_from(&Order::new().name("No date"))
        .expect_err("CloseDate is required");
    assert_eq!((error.property, error.field), ("orderDate", "CloseDate"));
    let error = salesforce::Opportunity::try_from(
        &Order::new()
            .name("Bad date")
            .order_date("next week")
            .order_status("https://schema.org/OrderProcessing"),
    )
    .expect_err("not a date");
    assert!(error.to_string().contains("is not a date"), "{error}");

    let mut open = record.clone();
    open.stage_name = integrations::runtime::Nullable::Value("Prospecting".into());
    assert_eq!(
        Order::from(&open).order_status.as_deref(),
        Some("Prospecting"),
        "an open stage is kept as it is"
    );
}

fn text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[A-Za-z0-9 ._@-]{1,24}")
}

/// People with an address and, for some, a display name; with the address object SendGrid
/// is sent for each.
fn addressees(least: usize) -> impl Strategy<Value = Vec<(Person, serde_json::Value)>> {
    proptest::collection::vec(
        (
            "[a-z]{1,8}@example\\.com",
            proptest::option::of("[A-Z][a-z]{0,8}( [A-Z][a-z]{0,8})?"),
        ),
        least..4,
    )
    .prop_map(|people| {
        people
            .into_iter()
            .map(|(email, name)| match name {
                Some(name) => (
                    addressed(&name, &email),
                    json!({"email": email, "name": name}),
                ),
                None => (Person::new().email(email.clone()), json!({"email": email})),
            })
            .collect()
    })
}

proptest! {
    /// Any EmailMessage with a sender, recipients and text is the SendGrid mail that
    /// carries each of its people, its subject and its text as the table says, and
    /// nothing else: SendGrid's mail is only sent, so this is the table's round trip.
    #[test]
    fn email_messages_become_mail_with_every_person_their_subject_and_text(
        sender in addressees(1),
        to in addressees(1),
        cc in addressees(0),
        bcc in addressees(0),
        subject in text(),
        body in "[^\\x00]{1,40}",
        format in proptest::option::of(prop_oneof![Just("text/plain"), Just("text/html")]),
    ) {
        let people = |list: &[(Person, serde_json::Value)]| -> Vec<Person> {
            list.iter().map(|(person, _)| person.clone()).collect()
        };
        let wire = |list: &[(Person, serde_json::Value)]| -> serde_json::Value {
            list.iter().map(|(_, address)| address.clone()).collect()
        };
        let mut message = EmailMessage::new()
            .sender(sender[0].0.clone())
            .recipient(people(&to))
            .cc_recipient(people(&cc))
            .bcc_recipient(people(&bcc))
            .text(body.clone());
        message.headline = subject.clone();
        message.encoding_format = format.map(str::to_owned);

        let mut personalization = json!({"to": wire(&to)});
        if !cc.is_empty() {
            personalization["cc"] = wire(&cc);
        }
        if !bcc.is_empty() {
            personalization["bcc"] = wire(&bcc);
        }
        let mut expected = json!({
            "personalizations": [personalization],
            "from": sender[0].1.clone(),
            "content": [{"type": format.unwrap_or("text/plain"), "value": body}],
        });
        if let Some(subject) = subject {
            expected["subject"] = json!(subject);
        }
        let mail = sendgrid::SendMailBody::try_from(&message).expect("a mail");
        prop_assert_eq!(serde_json::to_value(&mail).unwrap(), expected);
    }

    /// Drive's File both ways: name, description, media type and dates survive.
    #[test]
    fn drive_files_keep_their_two_way_fields(
        name in text(),
        description in text(),
        format in text(),
        created in text(),
        modified in text(),
    ) {
        let mut media = MediaObject::new();
        media.name = name.clone();
        media.description = description.clone();
        media.encoding_format = format.clone();
        media.date_created = created.clone();
        media.date_modified = modified.clone();
        let back = MediaObject::from(&google_drive::File::from(&media));
        prop_assert_eq!(back, media);
    }

    /// Drive's File as a DigitalDocument, both ways: name, description, media type and
    /// dates survive.
    #[test]
    fn drive_documents_keep_their_two_way_fields(
        name in text(),
        description in text(),
        format in text(),
        created in text(),
        modified in text(),
    ) {
        let mut document = integrations::schema::DigitalDocument::new();
        document.name = name;
        document.description = description;
        document.encoding_format = format;
        document.date_created = created;
        document.date_modified = modified;
        let back = integrations::schema::DigitalDocument::from(&google_drive::File::from(&document));
        prop_assert_eq!(back, document);
    }

    /// An Organization written as HubSpot's create body and read back from the company
    /// HubSpot answers with (the same `properties`) keeps what both tables carry.
    #[test]
    fn hubspot_companies_keep_what_both_tables_carry(
        name in "[A-Za-z0-9 &.,-]{1,32}",
        url in text(),
        phone in text(),
        description in text(),
        city in text(),
        country in text(),
    ) {
        use integrations::hubspot;
        let mut organization = Organization::new().name(name);
        organization.url = url;
        organization.telephone = phone;
        organization.description = description;
        if city.is_some() || country.is_some() {
            let mut address = integrations::schema::PostalAddress::new();
            address.address_locality = city;
            address.address_country = country;
            organization.address = Some(Box::new(address));
        }
        let sent = serde_json::to_value(
            hubspot::SimplePublicObjectInputForCreate::try_from(&organization).unwrap(),
        )
        .unwrap();
        let company: hubspot::SimplePublicObject = serde_json::from_value(json!({
            "id": "512",
            "properties": sent["properties"].clone(),
            "createdAt": "2019-10-30T03:30:17.883Z",
            "updatedAt": "2019-12-07T16:50:06.678Z",
            "archived": false
        }))
        .unwrap();
        let mut expected = organization.clone();
        expected.identifier = Some("512".to_owned());
        prop_assert_eq!(Organization::from(&company), expected);
    }

    /// A Person written as Square's create body and read back as the customer Square
    /// answers with keeps every property both tables carry.
    #[test]
    fn square_customers_keep_what_both_tables_carry(
        given in text(),
        family in text(),
        nickname in text(),
        email in text(),
        phone in text(),
        note in text(),
        company in text(),
        street in text(),
        city in text(),
        country in proptest::option::of("[A-Z]{2}"),
    ) {
        let mut person = Person::new();
        if street.is_some() || city.is_some() || country.is_some() {
            let mut address = integrations::schema::PostalAddress::new();
            address.street_address = street;
            address.address_locality = city;
            address.address_country = country;
            person.address = Some(Box::new(address));
        }
        person.given_name = given;
        person.family_name = family;
        person.alternate_name = nickname;
        person.email = email;
        person.telephone = phone;
        person.description = note;
        person.works_for = company.map(|name| Box::new(Organization::new().name(name)));
        let sent = serde_json::to_value(square::CreateCustomerRequest::from(&person)).unwrap();
        let customer: square::Customer = serde_json::from_value(sent).unwrap();
        prop_assert_eq!(Person::from(&customer), person);
    }
}

#[test]
fn deals_read_as_orders_with_their_closed_stages_by_value_tables() {
    use integrations::{hubspot, pipedrive};

    // HubSpot's documented deal.
    let deal: hubspot::SimplePublicObject = serde_json::from_value(documented::hubspot_object(
        "512",
        documented::hubspot_deal_properties(),
    ))
    .expect("HubSpot's deal");
    let order = Order::from(&deal);
    assert_eq!(order.identifier.as_deref(), Some("512"));
    assert_eq!(order.name.as_deref(), Some("Custom data integrations"));
    assert_eq!(
        order.order_date.as_deref(),
        Some("2019-12-07T16:50:06.678Z")
    );
    assert_eq!(
        order.order_status.as_deref(),
        Some("presentationscheduled"),
        "an open stage is kept as it is"
    );
    let mut won = deal.clone();
    won.properties
        .insert("dealstage".to_owned(), Some("closedwon".to_owned()));
    assert_eq!(
        Order::from(&won).order_status.as_deref(),
        Some("https://schema.org/OrderProcessing")
    );

    let lost = Order::new()
        .name("Generators")
        .order_status("https://schema.org/OrderCancelled");
    let created = hubspot::SimplePublicObjectInputForCreate::try_from(&lost).expect("a deal");
    assert_eq!(
        serde_json::to_value(&created).unwrap()["properties"],
        json!({"dealname": "Generators", "dealstage": "closedlost"})
    );
    let delivered = Order::new()
        .name("Generators")
        .order_status("https://schema.org/OrderDelivered");
    let error = hubspot::SimplePublicObjectInputForCreate::try_from(&delivered)
        .expect_err("no stage says delivered");
    assert_eq!((error.property, error.field), ("orderStatus", "properties"));
    assert!(error.to_string().contains("is none of"), "{error}");

    // Pipedrive's documented deal (API v2), won.
    let answer: pipedrive::DealResponse = serde_json::from_value(json!({
        "success": true,
        "data": {
            "id": 1, "title": "Deal One", "owner_id": 1, "person_id": 1, "org_id": 1,
            "pipeline_id": 1, "stage_id": 1, "value": 5000, "currency": "EUR",
            "add_time": "2021-02-11T10:17:49Z", "update_time": "2021-02-11T10:17:49Z",
            "stage_change_time": "2021-02-11T10:17:49Z", "is_deleted": false, "status": "won",
            "probability": 90, "lost_reason": null, "visible_to": 7,
            "close_time": "2021-02-11T10:17:49Z", "won_time": "2021-02-11T10:17:49Z",
            "lost_time": null, "expected_close_date": "2022-02-11", "label_ids": [1, 2, 3],
            "is_archived": false, "archive_time": null, "origin": "ManuallyCreated",
            "origin_id": null, "channel": 52, "channel_id": "Jun23 Billboards",
            "arr": null, "mrr": null, "acv": null, "custom_fields": {}
        }
    }))
    .expect("Pipedrive's deal");
    let order = Order::from(answer.data.as_ref().expect("a deal"));
    assert_eq!(order.identifier.as_deref(), Some("1"));
    assert_eq!(order.name.as_deref(), Some("Deal One"));
    assert_eq!(
        order.order_status.as_deref(),
        Some("https://schema.org/OrderProcessing")
    );
}
