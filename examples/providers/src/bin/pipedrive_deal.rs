//! Creates a Pipedrive deal and pages through open deals. `PIPEDRIVE_API_TOKEN`.

use integrations::pipedrive;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = pipedrive::Client::from_env()?;
    let mut deal = pipedrive::AddDealBody::new("Website redesign".to_owned());
    deal.value = Some(12_000.0);
    deal.currency = Some("EUR".into());
    let created = client.deals().create(deal).await?;
    println!("deal {:?}", created.data.map(|deal| deal.id));
    let mut deals = client.deals().list().limit(100).items().max_items(250);
    while let Some(deal) = deals.next().await {
        let deal = deal?;
        println!("{:?} {:?}", deal.id, deal.title);
    }
    Ok(())
}
