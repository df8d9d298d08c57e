//! One Schema.org `Person` created as a Salesforce Contact, a HubSpot contact, a Stripe
//! customer and a Pipedrive person, each read back into a `Person`. The four providers'
//! variables (`SALESFORCE_ACCESS_TOKEN` and `SALESFORCE_BASE_URL`, `HUBSPOT_API_KEY`,
//! `STRIPE_API_KEY`, `PIPEDRIVE_API_TOKEN`); point the `<PROVIDER>_BASE_URL`s at sandboxes
//! or local servers.

use example_providers::person_everywhere::{Clients, ada, run};
use integrations::{hubspot, pipedrive, salesforce, stripe};

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let clients = Clients {
        salesforce: salesforce::Client::from_env()?,
        hubspot: hubspot::Client::from_env()?,
        stripe: stripe::Client::from_env()?,
        pipedrive: pipedrive::Client::from_env()?,
    };
    let ada = ada();
    for (provider, person) in run(&clients, &ada).await? {
        println!(
            "{provider}: {:?} <{:?}>",
            person.name.or(person.given_name),
            person.email
        );
    }
    Ok(())
}
