//! Creates a Salesforce lead, reads it back, and lists accounts with SOQL.
//!
//! `SALESFORCE_ACCESS_TOKEN` and `SALESFORCE_BASE_URL`
//! (`https://<domain>.my.salesforce.com/services/data/v63.0`).

use integrations::runtime::Nullable;
use integrations::salesforce;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = salesforce::Client::from_env()?;
    let lead = salesforce::Lead {
        first_name: Nullable::Value("John".into()),
        last_name: Nullable::Value("Doe".into()),
        company: Nullable::Value("Acme".into()),
        email: Nullable::Value("john.doe@example.com".into()),
        ..Default::default()
    };
    let saved = client.leads().create(lead).await?;
    let lead = client.leads().get(saved.id.as_str()).await?;
    println!(
        "lead {}: {:?} {:?}",
        saved.id, lead.first_name, lead.last_name
    );
    let accounts = client
        .query("SELECT Id, Name FROM Account ORDER BY Name")
        .items()
        .max_items(10)
        .collect_all()
        .await?;
    for account in accounts {
        println!("account {:?}", account.additional_properties.get("Name"));
    }
    Ok(())
}
