//! Creates a Stripe customer and a payment intent for them, then lists the customer's
//! payment intents. `STRIPE_API_KEY`.

use integrations::stripe;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = stripe::Client::from_env()?;
    let customer = client
        .customers()
        .create(stripe::PostCustomersBody {
            email: Some("john.doe@example.com".into()),
            name: Some("John Doe".into()),
            ..Default::default()
        })
        .await?;
    let mut intent = stripe::PostPaymentIntentsBody::new(2000, "usd".into());
    intent.customer = Some(customer.id.clone());
    let intent = client
        .payment_intents()
        .create(intent)
        .idempotency_key(format!("checkout-{}", customer.id))
        .await?;
    println!("payment intent {} is {:?}", intent.id, intent.status);
    let intents = client
        .payment_intents()
        .list()
        .customer(customer.id.as_str())
        .items()
        .collect_all()
        .await?;
    println!("{} payment intent(s)", intents.len());
    Ok(())
}
