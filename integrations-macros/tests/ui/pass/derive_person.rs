//! A user type mapped to Schema.org's Person, and through it to a Salesforce Contact.

use integrations::schema::Person;
use integrations_macros::Integration;

#[derive(Integration, Debug, Clone, PartialEq)]
#[integration(schema = "Person")]
struct User {
    #[integration(rename = "givenName")]
    first: String,
    family_name: Option<String>,
    email: Option<String>,
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
        internal_id: 7,
    };
    let person = Person::from(&user);
    assert_eq!(person.given_name.as_deref(), Some("Ada"));
    assert_eq!(person.family_name.as_deref(), Some("Lovelace"));
    assert_eq!(person.email, None);

    let back = User::try_from(&person).expect("every required property is there");
    assert_eq!(back, User { internal_id: 0, ..user.clone() });
    let error = User::try_from(&Person::new()).expect_err("givenName is missing");
    assert_eq!((error.property, error.field), ("givenName", "first"));

    let contact = integrations::salesforce::Contact::try_from(&Person::from(&user)).expect("a Contact");
    assert_eq!(contact.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(contact.first_name.as_deref(), Some("Ada"));

    let acme = Company { name: Some("Acme".into()), website: None };
    let organization = integrations::schema::Organization::from(&acme);
    assert_eq!(Company::from(&organization), acme);
}
