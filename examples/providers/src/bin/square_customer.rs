//! Creates a Square customer and pages through customers. `SQUARE_ACCESS_TOKEN`, and
//! `SQUARE_BASE_URL=https://connect.squareupsandbox.com` for the sandbox.

use integrations::square;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = square::Client::from_env()?;
    let created = client
        .customers()
        .create(square::CreateCustomerRequest {
            given_name: Some("John".into()),
            family_name: Some("Doe".into()),
            email_address: Some("john.doe@example.com".into()),
            ..Default::default()
        })
        .await?;
    println!("customer {:?}", created.customer.and_then(|c| c.id));
    let customers = client
        .customers()
        .list()
        .items()
        .max_items(100)
        .collect_all()
        .await?;
    println!("{} customer(s)", customers.len());
    Ok(())
}
