//! Mistakes in a `#[derive(Integration)]`, each a compile error on the field at fault.

use integrations_macros::Integration;

#[derive(Integration)]
#[integration(schema = "Person")]
struct User {
    #[integration(rename = "givenNme")]
    first: String,
    emial: Option<String>,
    email: i64,
    address: Option<String>,
    #[integration(colour = "red")]
    job_title: Option<String>,
    #[integration(rename = "address.zip")]
    zip: Option<String>,
    #[integration(rename = "email.domain")]
    domain: Option<String>,
}

#[derive(Integration)]
#[integration(schema = "Person", onto(Contact))]
struct Unknown {
    name: String,
}

#[derive(Integration)]
#[integration(schema = "Persn")]
struct Misnamed {
    name: String,
}

#[derive(Integration)]
struct Unsaid {
    name: String,
}

fn main() {}
