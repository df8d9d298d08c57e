//! Creates a HubSpot contact and pages through contacts. `HUBSPOT_API_KEY` (a private-app
//! token).

use integrations::hubspot;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = hubspot::Client::from_env()?;
    let properties = [
        ("email", "john.doe@example.com"),
        ("firstname", "John"),
        ("lastname", "Doe"),
        ("phone", "+15555550100"),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.to_owned()))
    .collect();
    let contact = client
        .contacts()
        .create(hubspot::SimplePublicObjectInputForCreate::new(
            Vec::new(),
            properties,
        ))
        .await?;
    println!("contact {}", contact.id);
    let mut contacts = client.contacts().list().limit(100).items().max_items(250);
    while let Some(contact) = contacts.next().await {
        let contact = contact?;
        println!("{} {:?}", contact.id, contact.properties.get("email"));
    }
    Ok(())
}
