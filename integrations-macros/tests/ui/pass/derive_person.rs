//! A user type mapped to Schema.org's Person (a nested property included), and through it
//! to and from a Salesforce Contact.

use integrations::schema::Person;
use integrations_macros::Integration;

#[derive(Integration, Debug, Clone, PartialEq)]
#[integration(schema = "Person", into(integrations::salesforce::Contact), from(integrations::salesforce::Contact))]
struct User {
    #[integration(rename = "givenName")]
    first: String,
    family_name: Option<String>,
    email: Option<String>,
    #[integration(rename = "address.postalCode")]
    zip: Option<String>,
    #[integration(skip)]
    internal_id: u64,
}

/// Every field optional: the way back cannot fail.
#[derive(Integration, Debug, Default, PartialEq)]
#[integration(schema = "Organization")]
struct Company {
    name: Option<String>,
    #[integration(rename = "url")]
    website: Option<String>,
}

fn main() {
    let user = User {
        first: "Ada".into(),
        family_name: Some("Lovelace".into()),
        email: None,
        zip: Some("SW1Y 4JH".into()),
        internal_id: 7,
    };
    let person = Person::from(&user);
    assert_eq!(person.given_name.as_deref(), Some("Ada"));
    assert_eq!(person.family_name.as_deref(), Some("Lovelace"));
    assert_eq!(person.email, None);
    assert_eq!(
        person.address.as_ref().and_then(|a| a.postal_code.as_deref()),
        Some("SW1Y 4JH")
    );

    let back = User::try_from(&person).expect("every required property is there");
    assert_eq!(back, User { internal_id: 0, ..user.clone() });
    let error = User::try_from(&Person::new()).expect_err("givenName is missing");
    assert_eq!((error.property, error.field), ("givenName", "first"));

    // Straight to a provider type and back, through Person.
    let contact = integrations::salesforce::Contact::try_from(&user).expect("a Contact");
    assert_eq!(contact.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(contact.first_name.as_deref(), Some("Ada"));
    assert_eq!(contact.mailing_postal_code.as_deref(), Some("SW1Y 4JH"));
    let read = User::try_from(&contact).expect("a user");
    assert_eq!(read, User { internal_id: 0, ..user.clone() });
    let error = integrations::salesforce::Contact::try_from(&User {
        family_name: None,
        ..user.clone()
    })
    .expect_err("Salesforce needs LastName");
    assert_eq!(error.field, "LastName");

    let acme = Company { name: Some("Acme".into()), website: None };
    let organization = integrations::schema::Organization::from(&acme);
    assert_eq!(Company::from(&organization), acme);
}
