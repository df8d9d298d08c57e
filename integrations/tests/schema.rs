//! `integrations::schema`: Schema.org types generated from the vocabulary file, read and
//! written as JSON-LD.

use integrations::runtime::serde_json::{self, Value, json};
use integrations::schema::{
    ContactPoint, EmailMessage, MonetaryAmount, Order, Organization, Person, PostalAddress,
};

#[test]
fn a_person_is_written_as_json_ld_with_its_types() {
    let ada = Person::new()
        .given_name("Ada")
        .family_name("Lovelace")
        .email("ada@example.com")
        .telephone("+44 20 7946 0958")
        .birth_date("1815-12-10")
        .address(
            PostalAddress::new()
                .street_address("12 St James's Square")
                .address_locality("London")
                .postal_code("SW1Y 4JH")
                .address_country("GB"),
        )
        .works_for(Organization::new().name("Analytical Engines Ltd"))
        .contact_point([ContactPoint::new()
            .contact_type("sales")
            .email("sales@example.com")]);
    assert_eq!(
        serde_json::to_value(&ada).unwrap(),
        json!({
            "@type": "Person",
            "givenName": "Ada",
            "familyName": "Lovelace",
            "email": "ada@example.com",
            "telephone": "+44 20 7946 0958",
            "birthDate": "1815-12-10",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "12 St James's Square",
                "addressLocality": "London",
                "postalCode": "SW1Y 4JH",
                "addressCountry": "GB"
            },
            "worksFor": {"@type": "Organization", "name": "Analytical Engines Ltd"},
            "contactPoint": [{"@type": "ContactPoint", "contactType": "sales", "email": "sales@example.com"}]
        })
    );
}

#[test]
fn json_ld_is_read_back_and_what_the_vocabulary_lacks_is_kept() {
    let document = json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": "https://example.com/people/ada",
        "givenName": "Ada",
        "knowsLanguage": ["en", "fr"],
        "address": {"@type": "PostalAddress", "addressLocality": "London"}
    });
    let person: Person = serde_json::from_value(document.clone()).expect("a Person");
    assert_eq!(person.given_name.as_deref(), Some("Ada"));
    assert_eq!(
        person
            .address
            .as_ref()
            .and_then(|a| a.address_locality.as_deref()),
        Some("London")
    );
    assert_eq!(person.other["@context"], "https://schema.org");
    assert_eq!(person.other["knowsLanguage"], json!(["en", "fr"]));
    // Written back, it is the document it was read from.
    assert_eq!(serde_json::to_value(&person).unwrap(), document);
}

#[test]
fn the_type_is_checked_on_input() {
    let wrong = serde_json::from_value::<Person>(json!({"@type": "Organization", "name": "Acme"}))
        .expect_err("an Organization is not a Person");
    assert!(
        wrong
            .to_string()
            .contains("`@type` should be `Person`, found `Organization`"),
        "{wrong}"
    );
    let untyped = serde_json::from_value::<Person>(json!({"givenName": "Ada"}));
    assert!(untyped.is_err(), "JSON-LD names its type");
}

#[test]
fn amounts_are_read_and_written_as_numbers() {
    let amount: MonetaryAmount = serde_json::from_value(
        json!({"@type": "MonetaryAmount", "value": 19.99, "currency": "USD"}),
    )
    .expect("an amount");
    assert_eq!(
        amount.value.as_ref().map(ToString::to_string).as_deref(),
        Some("19.99")
    );
    let order = Order::new()
        .order_number("1001")
        .total_price(amount)
        .customer(Person::new().email("ada@example.com"));
    let written: Value = serde_json::to_value(&order).unwrap();
    assert_eq!(written["totalPrice"]["value"], json!(19.99));
    assert_eq!(written["customer"]["@type"], "Person");
}

#[test]
fn subtypes_have_the_properties_of_what_they_extend() {
    // EmailMessage extends Message, which extends CreativeWork and Thing.
    let mail = EmailMessage::new()
        .name("Quarterly numbers")
        .text("See attached.")
        .sender(Person::new().email("ada@example.com"))
        .recipient([Person::new().email("charles@example.com")])
        .cc_recipient([Person::new().email("mary@example.com")]);
    let written = serde_json::to_value(&mail).unwrap();
    assert_eq!(written["@type"], "EmailMessage");
    assert_eq!(written["recipient"][0]["email"], "charles@example.com");
    assert_eq!(written["ccRecipient"][0]["@type"], "Person");
}
