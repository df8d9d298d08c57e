//! Schema.org mappings (`specs/<provider>/mappings.toml`), generated into the facade:
//! one `Person` lands as a Salesforce Contact or Lead, an Account comes from an
//! Organization, a Stripe customer reads as a Person; what a table marks two-way
//! survives the round trip (property tests), what Salesforce needs is asked for by
//! name, and what each direction drops is what the conversion's docs list.

mod common;

use integrations::salesforce;
use integrations::schema::{Organization, Person, PostalAddress};
use integrations::stripe;
use proptest::prelude::*;
use serde_json::json;

fn ada() -> Person {
    Person::new()
        .given_name("Ada")
        .family_name("Lovelace")
        .honorific_prefix("Ms.")
        .email("ada@example.com")
        .telephone("+44 20 7946 0958")
        .job_title("Analyst")
        .birth_date("1815-12-10")
        .address(
            PostalAddress::new()
                .street_address("12 St James's Square")
                .address_locality("London")
                .postal_code("SW1Y 4JH")
                .address_country("GB"),
        )
        .works_for(Organization::new().name("Analytical Engines Ltd"))
}

#[test]
fn a_person_becomes_a_salesforce_contact_on_the_wire() {
    let contact = salesforce::Contact::try_from(&ada()).expect("a Contact");
    assert_eq!(
        serde_json::to_value(&contact).unwrap(),
        json!({
            "LastName": "Lovelace",
            "FirstName": "Ada",
            "Salutation": "Ms.",
            "Email": "ada@example.com",
            "Phone": "+44 20 7946 0958",
            "Title": "Analyst",
            "MailingStreet": "12 St James's Square",
            "MailingCity": "London",
            "MailingPostalCode": "SW1Y 4JH",
            "MailingCountry": "GB",
            "Birthdate": "1815-12-10"
        })
    );
}

#[test]
fn a_lead_takes_the_company_from_works_for_and_needs_it() {
    let lead = salesforce::Lead::try_from(&ada()).expect("a Lead");
    let wire = serde_json::to_value(&lead).unwrap();
    assert_eq!(wire["Company"], "Analytical Engines Ltd");
    assert_eq!(wire["City"], "London");

    let mut no_company = ada();
    no_company.works_for = None;
    let error = salesforce::Lead::try_from(&no_company).expect_err("Company is required");
    assert_eq!(error.property, "worksFor.name");
    assert_eq!(error.field, "Company");
    assert_eq!(
        error.to_string(),
        "cannot make a Salesforce `Lead` from a Schema.org `Person`: `worksFor.name` (for `Company`) is missing"
    );
    let mut nameless = ada();
    nameless.family_name = None;
    let error = salesforce::Contact::try_from(&nameless).expect_err("LastName is required");
    assert_eq!((error.property, error.field), ("familyName", "LastName"));
}

#[test]
fn salesforces_documented_contact_reads_as_a_person() {
    let contact: salesforce::Contact = serde_json::from_value(json!({
        "attributes": {"type": "Contact", "url": "/services/data/v63.0/sobjects/Contact/003D000000QV9n2IAD"},
        "Id": "003D000000QV9n2IAD",
        "FirstName": "Jane",
        "LastName": "Smith",
        "Name": "Jane Smith",
        "Email": "jane.smith@example.com",
        "Phone": "(415) 555-1212",
        "Title": "VP Operations",
        "MailingCity": "San Francisco",
        "MailingState": "CA",
        "Department": "Operations",
        "Customer_Tier__c": "Gold"
    }))
    .expect("a Contact");
    let person = Person::from(&contact);
    assert_eq!(person.identifier.as_deref(), Some("003D000000QV9n2IAD"));
    assert_eq!(person.name.as_deref(), Some("Jane Smith"));
    assert_eq!(person.given_name.as_deref(), Some("Jane"));
    let address = person.address.as_ref().expect("an address");
    assert_eq!(address.address_locality.as_deref(), Some("San Francisco"));
    assert_eq!(address.address_region.as_deref(), Some("CA"));
    assert_eq!(address.street_address, None);
    // A contact without any mailing field gives no address at all.
    let bare = salesforce::Contact {
        last_name: "Smith".to_owned().into(),
        ..Default::default()
    };
    assert!(Person::from(&bare).address.is_none());
}

#[test]
fn an_organization_is_an_account_and_a_stripe_customer_a_person() {
    let acme = Organization::new()
        .name("Acme Corp")
        .url("https://acme.example.com")
        .address(PostalAddress::new().address_locality("Springfield"));
    let account = salesforce::Account::try_from(&acme).expect("an Account");
    let wire = serde_json::to_value(&account).unwrap();
    assert_eq!(wire["Name"], "Acme Corp");
    assert_eq!(wire["Website"], "https://acme.example.com");
    assert_eq!(wire["BillingCity"], "Springfield");
    assert!(salesforce::Account::try_from(&Organization::new()).is_err());

    let customer: stripe::Customer = serde_json::from_value(common::stripe_customer(
        "cus_NffrFeUfNV2Hib",
        "jennyrosen@example.com",
    ))
    .expect("a customer");
    let person = Person::from(&customer);
    assert_eq!(person.identifier.as_deref(), Some("cus_NffrFeUfNV2Hib"));
    assert_eq!(person.email.as_deref(), Some("jennyrosen@example.com"));
    let body = stripe::PostCustomersBody::from(&ada());
    assert_eq!(body.email.as_deref(), Some("ada@example.com"));
    assert_eq!(body.phone.as_deref(), Some("+44 20 7946 0958"));
}

/// Text a CRM keeps as it is: letters, digits, spaces and common punctuation.
fn text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[A-Za-z0-9 .,'@+()-]{1,24}")
}

proptest! {
    /// Person → Contact → Person keeps every property the Contact table maps both ways.
    #[test]
    fn two_way_contact_fields_survive_the_round_trip(
        given in text(), family in "[A-Za-z' -]{1,24}", email in text(), phone in text(),
        title in text(), street in text(), city in text(), region in text(), code in text(),
        country in text(),
    ) {
        let mut person = Person::new().family_name(family.clone());
        person.given_name = given.clone();
        person.email = email.clone();
        person.telephone = phone.clone();
        person.job_title = title.clone();
        let mut address = PostalAddress::new();
        address.street_address = street.clone();
        address.address_locality = city.clone();
        address.address_region = region.clone();
        address.postal_code = code.clone();
        address.address_country = country.clone();
        person = person.address(address.clone());
        let contact = salesforce::Contact::try_from(&person).expect("a Contact");
        let back = Person::from(&contact);
        prop_assert_eq!(back.given_name, given);
        prop_assert_eq!(back.family_name, Some(family));
        prop_assert_eq!(back.email, email);
        prop_assert_eq!(back.telephone, phone);
        prop_assert_eq!(back.job_title, title);
        let any_address = [&street, &city, &region, &code, &country].iter().any(|v| v.is_some());
        if any_address {
            prop_assert_eq!(back.address.map(|a| *a), Some(address));
        } else {
            prop_assert!(back.address.is_none());
        }
    }

    /// Organization → Account → Organization keeps the two-way fields.
    #[test]
    fn two_way_account_fields_survive_the_round_trip(
        name in "[A-Za-z0-9 &.,-]{1,32}", url in text(), phone in text(), city in text(),
    ) {
        let mut organization = Organization::new().name(name.clone());
        organization.url = url.clone();
        organization.telephone = phone.clone();
        if city.is_some() {
            let mut address = PostalAddress::new();
            address.address_locality = city.clone();
            organization = organization.address(address);
        }
        let account = salesforce::Account::try_from(&organization).expect("an Account");
        let back = Organization::from(&account);
        prop_assert_eq!(back.name, Some(name));
        prop_assert_eq!(back.url, url);
        prop_assert_eq!(back.telephone, phone);
        prop_assert_eq!(back.address.and_then(|a| a.address_locality.clone()), city);
    }

    /// Person → Lead → Person keeps every two-way property, the employer's name included.
    #[test]
    fn two_way_lead_fields_survive_the_round_trip(
        given in text(), family in "[A-Za-z' -]{1,24}", company in "[A-Za-z0-9 &.,-]{1,32}",
        email in text(), phone in text(), fax in text(), title in text(), prefix in text(),
        description in text(), street in text(), code in text(),
    ) {
        let mut person = Person::new()
            .family_name(family)
            .works_for(Organization::new().name(company));
        person.given_name = given;
        person.email = email;
        person.telephone = phone;
        person.fax_number = fax;
        person.job_title = title;
        person.honorific_prefix = prefix;
        person.description = description;
        if street.is_some() || code.is_some() {
            let mut address = PostalAddress::new();
            address.street_address = street;
            address.postal_code = code;
            person.address = Some(Box::new(address));
        }
        let lead = salesforce::Lead::try_from(&person).expect("a Lead");
        prop_assert_eq!(Person::from(&lead), person);
    }

    /// A Person written as Stripe's create body and read back from the customer Stripe
    /// answers with (the same field names) keeps what both tables carry.
    #[test]
    fn stripe_customers_keep_what_both_tables_carry(
        name in text(), email in text(), phone in text(), description in text(),
    ) {
        let mut person = Person::new();
        person.name = name;
        person.email = email;
        person.telephone = phone;
        person.description = description;
        let sent = serde_json::to_value(stripe::PostCustomersBody::from(&person)).unwrap();
        let customer: stripe::Customer = serde_json::from_value(
            common::stripe_customer("cus_NffrFeUfNV2Hib", "placeholder@example.com")
                .as_object()
                .cloned()
                .map(|mut documented| {
                    for key in ["name", "email", "phone", "description"] {
                        documented.insert(key.to_owned(), sent.get(key).cloned().unwrap_or(serde_json::Value::Null));
                    }
                    serde_json::Value::Object(documented)
                })
                .unwrap(),
        )
        .unwrap();
        let mut expected = person.clone();
        expected.identifier = Some("cus_NffrFeUfNV2Hib".into());
        prop_assert_eq!(Person::from(&customer), expected);
    }

    /// A Person written as Pipedrive's create body (its name joined from the parts when
    /// unset) and read back from the person Pipedrive answers with keeps its name, email
    /// and telephone.
    #[test]
    fn pipedrive_persons_keep_name_email_and_phone(
        given in "[A-Za-z]{1,12}", family in "[A-Za-z]{1,12}", email in text(), phone in text(),
    ) {
        let mut person = Person::new().given_name(given.clone()).family_name(family.clone());
        person.email = email.clone();
        person.telephone = phone.clone();
        let sent = serde_json::to_value(integrations::pipedrive::AddPersonBody::try_from(&person).unwrap()).unwrap();
        let mut data = sent;
        data["id"] = json!(7);
        let answer: integrations::pipedrive::PersonResponse =
            serde_json::from_value(json!({"success": true, "data": data})).unwrap();
        let back = Person::from(answer.data.as_ref().unwrap());
        prop_assert_eq!(back.name, Some(format!("{given} {family}")));
        prop_assert_eq!(back.email, email);
        prop_assert_eq!(back.telephone, phone);
        prop_assert_eq!(back.identifier.as_deref(), Some("7"));
    }
}

#[test]
fn stripe_amounts_become_monetary_amounts_by_the_currencys_exponent() {
    use integrations::schema::{MonetaryAmount, Order};
    use std::str::FromStr;

    // Stripe's documented payment intent (2000 in `usd`), read as an Order.
    let intent: stripe::PaymentIntent =
        serde_json::from_value(common::documented::stripe_payment_intent())
            .expect("a payment intent");
    let order = Order::from(&intent);
    assert_eq!(
        order.identifier.as_deref(),
        Some("pi_3MtwBwLkdIwHu7ix28a3tqPa")
    );
    let total = order.total_price.as_ref().expect("a total");
    assert_eq!(total.currency.as_deref(), Some("USD"));
    assert_eq!(
        total.value.as_ref().map(ToString::to_string).as_deref(),
        Some("20.0")
    );
    assert_eq!(
        order.order_status.as_deref(),
        Some("https://schema.org/OrderPaymentDue"),
        "`requires_payment_method` by the value table"
    );
    let invoice = integrations::schema::Invoice::from(&intent);
    assert_eq!(invoice.payment_status.as_deref(), Some("PaymentDue"));
    assert_eq!(
        invoice
            .total_payment_due
            .as_ref()
            .and_then(|t| t.currency.as_deref()),
        Some("USD")
    );
    for (status, order_status, payment_status) in [
        (
            "succeeded",
            "https://schema.org/OrderProcessing",
            "PaymentComplete",
        ),
        (
            "canceled",
            "https://schema.org/OrderCancelled",
            "PaymentDeclined",
        ),
        // A status the table does not know is kept as Stripe wrote it, not lost.
        ("requires_review", "requires_review", "requires_review"),
    ] {
        let mut intent = intent.clone();
        intent.status = status.into();
        assert_eq!(
            Order::from(&intent).order_status.as_deref(),
            Some(order_status)
        );
        assert_eq!(
            integrations::schema::Invoice::from(&intent)
                .payment_status
                .as_deref(),
            Some(payment_status)
        );
    }

    // An Order's total as the create body's minor units, for zero-, two- and
    // three-decimal currencies.
    let priced = |value: &str, currency: &str| {
        Order::new().total_price(
            MonetaryAmount::new()
                .value(serde_json::Number::from_str(value).unwrap())
                .currency(currency),
        )
    };
    for (value, currency, minor, code) in [
        ("10.99", "USD", 1099, "usd"),
        ("500", "JPY", 500, "jpy"),
        ("1.234", "KWD", 1234, "kwd"),
        ("0.5", "EUR", 50, "eur"),
    ] {
        let body = stripe::PostPaymentIntentsBody::try_from(&priced(value, currency))
            .unwrap_or_else(|e| panic!("{value} {currency}: {e}"));
        assert_eq!(
            (body.amount, body.currency.as_str()),
            (minor, code),
            "{value} {currency}"
        );
    }
    let error = stripe::PostPaymentIntentsBody::try_from(&priced("10.999", "USD"))
        .expect_err("a tenth of a cent");
    assert_eq!(
        (error.property, error.field),
        ("totalPrice.value", "amount")
    );
    assert!(
        error.to_string().contains("more decimals than USD has (2)"),
        "{error}"
    );
    let error = stripe::PostPaymentIntentsBody::try_from(&Order::new()).expect_err("no total");
    assert_eq!(error.property, "totalPrice.value");
}

#[test]
fn a_person_is_a_hubspot_contact_by_property_names() {
    use integrations::hubspot;

    let created = hubspot::SimplePublicObjectInputForCreate::try_from(&ada()).expect("a contact");
    assert_eq!(
        serde_json::to_value(&created).unwrap(),
        json!({
            "associations": [],
            "properties": {
                "address": "12 St James's Square",
                "city": "London",
                "country": "GB",
                "email": "ada@example.com",
                "firstname": "Ada",
                "jobtitle": "Analyst",
                "lastname": "Lovelace",
                "phone": "+44 20 7946 0958",
                "zip": "SW1Y 4JH"
            }
        })
    );
    let mut no_email = ada();
    no_email.email = None;
    let error = hubspot::SimplePublicObjectInputForCreate::try_from(&no_email)
        .expect_err("HubSpot deduplicates by email");
    assert_eq!((error.property, error.field), ("email", "properties.email"));

    // HubSpot's documented contact, read back (properties it did not set are null).
    let contact: hubspot::SimplePublicObject = serde_json::from_value(json!({
        "id": "512",
        "properties": {
            "createdate": "2019-10-30T03:30:17.883Z",
            "email": "bcooper@biglytics.net",
            "firstname": "Bryan",
            "hs_object_id": "512",
            "lastmodifieddate": "2019-12-07T16:50:06.678Z",
            "lastname": "Cooper",
            "phone": null,
            "city": "Cambridge"
        },
        "createdAt": "2019-10-30T03:30:17.883Z",
        "updatedAt": "2019-12-07T16:50:06.678Z",
        "archived": false
    }))
    .expect("a contact");
    let person = Person::from(&contact);
    assert_eq!(person.identifier.as_deref(), Some("512"));
    assert_eq!(person.given_name.as_deref(), Some("Bryan"));
    assert_eq!(person.email.as_deref(), Some("bcooper@biglytics.net"));
    assert_eq!(person.telephone, None, "a null property is no value");
    assert_eq!(
        person
            .address
            .and_then(|a| a.address_locality.clone())
            .as_deref(),
        Some("Cambridge")
    );
    let company = Organization::from(&contact);
    assert_eq!(company.identifier.as_deref(), Some("512"));
}

proptest! {
    /// Person → HubSpot properties → (HubSpot's answer) → Person keeps every property
    /// both HubSpot tables carry.
    #[test]
    fn hubspot_contact_fields_survive_the_round_trip(
        given in text(), family in text(), email in "[a-z]{1,12}@[a-z]{1,12}\\.com",
        phone in text(), title in text(), city in text(),
    ) {
        use integrations::hubspot;
        let mut person = Person::new().email(email.clone());
        person.given_name = given.clone();
        person.family_name = family.clone();
        person.telephone = phone.clone();
        person.job_title = title.clone();
        if city.is_some() {
            let mut address = PostalAddress::new();
            address.address_locality = city.clone();
            person = person.address(address);
        }
        let created = hubspot::SimplePublicObjectInputForCreate::try_from(&person).expect("a contact");
        let answer = json!({
            "id": "1",
            "properties": created.properties,
            "createdAt": "2024-01-01T00:00:00Z",
            "updatedAt": "2024-01-01T00:00:00Z",
            "archived": false
        });
        let read: hubspot::SimplePublicObject = serde_json::from_value(answer).expect("an object");
        let back = Person::from(&read);
        prop_assert_eq!(back.email, Some(email));
        prop_assert_eq!(back.given_name, given);
        prop_assert_eq!(back.family_name, family);
        prop_assert_eq!(back.telephone, phone);
        prop_assert_eq!(back.job_title, title);
        prop_assert_eq!(back.address.and_then(|a| a.address_locality.clone()), city);
    }
}

#[test]
fn a_pipedrive_persons_email_is_its_primary_labelled_one() {
    use integrations::pipedrive;

    let body = pipedrive::AddPersonBody::try_from(
        &Person::new().name("Ada Lovelace").email("ada@example.com"),
    )
    .expect("a person");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"name": "Ada Lovelace", "emails": [{"value": "ada@example.com", "primary": true}]})
    );
    // Without a `name`, the given and family names joined are the full name.
    let body = pipedrive::AddPersonBody::try_from(&ada()).expect("a person from its parts");
    assert_eq!(body.name.as_deref(), Some("Ada Lovelace"));
    let error = pipedrive::AddPersonBody::try_from(&Person::new().given_name(" "))
        .expect_err("Pipedrive needs a name");
    assert_eq!((error.property, error.field), ("name", "name"));

    // Pipedrive's documented person (v2), its primary email second in the list and no
    // phone marked primary.
    let mut person = common::documented::pipedrive_person(42, "John Doe");
    person["emails"] = json!([
        {"value": "john@home.example", "primary": false, "label": "home"},
        {"value": "email1@email.com", "primary": true, "label": "work"}
    ]);
    person["phones"] = json!([{"value": "12345", "primary": false, "label": "work"}]);
    let answer: pipedrive::PersonResponse =
        serde_json::from_value(json!({"success": true, "data": person}))
            .expect("Pipedrive's answer");
    let person = Person::from(answer.data.as_ref().expect("a person"));
    assert_eq!(
        person.identifier.as_deref(),
        Some("42"),
        "the integer id as text"
    );
    assert_eq!(person.name.as_deref(), Some("John Doe"));
    assert_eq!(person.given_name.as_deref(), Some("John"));
    assert_eq!(
        person.email.as_deref(),
        Some("email1@email.com"),
        "the primary one"
    );
    assert_eq!(
        person.telephone.as_deref(),
        Some("12345"),
        "none is primary: the first"
    );
    assert_eq!(person.job_title.as_deref(), Some("Manager"));
}

/// The body of the first request `server` received.
async fn first_body(server: &wiremock::MockServer) -> String {
    let requests = server.received_requests().await.expect("recording");
    common::body_text(&requests[0])
}

/// The example's seed flow against four local servers: what each provider receives on the
/// wire, and each answer read back into a Person.
#[tokio::test]
async fn one_person_lands_in_four_providers_and_reads_back()
-> Result<(), Box<dyn std::error::Error>> {
    use example_providers::person_everywhere::{Clients, run};
    use integrations::{hubspot, pipedrive};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let answer = |status: u16, body: serde_json::Value| {
        ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
    };
    let salesforce_server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/services/data/v63.0/sobjects/Contact"))
        .respond_with(answer(
            201,
            json!({"id": "003D000000QV9n2IAD", "success": true, "errors": []}),
        ))
        .mount(&salesforce_server)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v63.0/sobjects/Contact/003D000000QV9n2IAD"))
        .respond_with(answer(200, json!({
            "attributes": {"type": "Contact", "url": "/services/data/v63.0/sobjects/Contact/003D000000QV9n2IAD"},
            "Id": "003D000000QV9n2IAD", "FirstName": "Ada", "LastName": "Lovelace", "Name": "Ada Lovelace",
            "Email": "ada@example.com", "Phone": "+44 20 7946 0958", "MailingCity": "London", "MailingCountry": "GB"
        })))
        .mount(&salesforce_server)
        .await;
    let hubspot_server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(answer(201, json!({
            "id": "512",
            "properties": {"email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace", "phone": "+44 20 7946 0958", "city": "London", "country": "GB", "hs_object_id": "512"},
            "createdAt": "2024-03-01T10:15:30.000Z", "updatedAt": "2024-03-01T10:15:30.000Z", "archived": false
        })))
        .mount(&hubspot_server)
        .await;
    let stripe_server = MockServer::start().await;
    let mut customer = common::stripe_customer("cus_NffrFeUfNV2Hib", "ada@example.com");
    customer["name"] = json!("Ada Lovelace");
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .respond_with(answer(200, customer))
        .mount(&stripe_server)
        .await;
    let pipedrive_server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/persons"))
        .respond_with(answer(
            200,
            json!({"success": true, "data": {
                "id": 42, "name": "Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace",
                "emails": [{"value": "ada@example.com", "primary": true, "label": "work"}],
                "phones": [{"value": "+44 20 7946 0958", "primary": true, "label": "work"}]
            }}),
        ))
        .mount(&pipedrive_server)
        .await;

    let clients = Clients {
        salesforce: salesforce::Client::builder()
            .base_url(format!("{}/services/data/v63.0", salesforce_server.uri()))
            .bearer_token("00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoXr1n")
            .build()?,
        hubspot: hubspot::Client::builder()
            .base_url(hubspot_server.uri())
            .bearer_token("pat-na1-11111111-2222-3333-4444-555555555555")
            .build()?,
        stripe: stripe::Client::builder()
            .base_url(stripe_server.uri())
            .bearer_token("sk_test_4eC39HqLyjWDarjtT1zdp7dc")
            .build()?,
        pipedrive: pipedrive::Client::builder()
            .base_url(format!("{}/api/v2", pipedrive_server.uri()))
            .api_key("4b9a7f11e7d64a5f9c2b1e0d8c7a6b5f43210fed")
            .build()?,
    };
    let ada = example_providers::person_everywhere::ada();
    let read_back = run(&clients, &ada).await?;

    let providers: Vec<&str> = read_back.iter().map(|(provider, _)| *provider).collect();
    assert_eq!(providers, ["Salesforce", "HubSpot", "Stripe", "Pipedrive"]);
    for (provider, person) in &read_back {
        assert_eq!(
            person.email.as_deref(),
            Some("ada@example.com"),
            "{provider}"
        );
    }
    assert_eq!(
        read_back[0]
            .1
            .address
            .as_ref()
            .and_then(|a| a.address_country.as_deref()),
        Some("GB")
    );
    assert_eq!(read_back[1].1.identifier.as_deref(), Some("512"));
    assert_eq!(
        read_back[3].1.telephone.as_deref(),
        Some("+44 20 7946 0958")
    );

    // What each provider received.
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&first_body(&salesforce_server).await)?,
        json!({"LastName": "Lovelace", "FirstName": "Ada", "Email": "ada@example.com", "Phone": "+44 20 7946 0958", "MailingCity": "London", "MailingCountry": "GB"})
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&first_body(&hubspot_server).await)?,
        json!({"associations": [], "properties": {"city": "London", "country": "GB", "email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace", "phone": "+44 20 7946 0958"}})
    );
    assert_eq!(
        first_body(&stripe_server).await,
        "email=ada%40example.com&name=Ada+Lovelace&phone=%2B44+20+7946+0958"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&first_body(&pipedrive_server).await)?,
        json!({"name": "Ada Lovelace", "emails": [{"value": "ada@example.com", "primary": true}], "phones": [{"value": "+44 20 7946 0958", "primary": true}]})
    );
    Ok(())
}

#[test]
fn an_orgs_custom_fields_are_mapped_at_run_time_without_regenerating() {
    use integrations::runtime::FieldMapping;

    // The org's `Customer_Tier__c` and `Region__c`, filled from a user's own record and
    // from a property the vocabulary does not have, kept in the Person's `other` map.
    #[derive(serde::Serialize, serde::Deserialize, Default, Debug, PartialEq)]
    struct Member {
        tier: Option<String>,
        region: Option<String>,
    }
    let member = Member {
        tier: Some("Gold".into()),
        region: None,
    };
    let mut person = ada();
    person.other.insert("region".into(), json!("EMEA"));

    let contact = salesforce::Contact::try_from(&person).expect("a contact");
    let contact = FieldMapping::new()
        .map("tier", "Customer_Tier__c")
        .apply(&member, contact)
        .expect("the tier");
    let contact = FieldMapping::new()
        .map("region", "Region__c")
        .apply(&person, contact)
        .expect("the region");
    let wire = serde_json::to_value(&contact).unwrap();
    assert_eq!(wire["Customer_Tier__c"], "Gold");
    assert_eq!(wire["Region__c"], "EMEA");
    assert_eq!(
        wire["LastName"], "Lovelace",
        "the table's fields are still there"
    );

    // Read back into the user's record from a contact Salesforce answered with; the
    // mapping comes from configuration.
    let mapping: FieldMapping =
        serde_json::from_value(json!({"Customer_Tier__c": "tier", "Region__c": "region"}))
            .expect("a mapping");
    let answered: salesforce::Contact = serde_json::from_value(json!({
        "attributes": {"type": "Contact", "url": "/services/data/v60.0/sobjects/Contact/003"},
        "Id": "003000000000001AAA",
        "LastName": "Lovelace",
        "Customer_Tier__c": "Platinum",
        "Region__c": null
    }))
    .expect("a contact");
    let back = mapping
        .apply(&answered, Member::default())
        .expect("the member");
    assert_eq!(
        back,
        Member {
            tier: Some("Platinum".into()),
            region: None
        }
    );

    // A Stripe customer body has no room for an arbitrary field: an error, not a loss.
    let body = stripe::PostCustomersBody::from(&person);
    let error = FieldMapping::new()
        .map("tier", "tier_level")
        .apply(&member, body)
        .expect_err("no such field");
    assert_eq!(error.to, "tier_level");
}
