//! Creates a Stripe customer and a payment intent for them through the generated client:
//! what a user of the toolkit writes. Reads `STRIPE_API_KEY` and, optionally,
//! `STRIPE_BASE_URL` (the generated client reads it itself).

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = stripe::Client::builder()
        .bearer_token(std::env::var("STRIPE_API_KEY")?)
        .build()?;
    let mut body = stripe::PostCustomersBody::default();
    body.email = Some("jenny.rosen@example.com".into());
    body.name = Some("Jenny Rosen".into());
    let customer = client.post_customers(body).await?;
    let mut intent = stripe::PostPaymentIntentsBody::new(2000, "usd".into());
    intent.customer = Some(customer.id.clone());
    let intent = client.post_payment_intents(intent).await?;
    println!(
        "customer {} ({:?}); payment intent {} for {} {}: {:?}",
        customer.id, customer.email, intent.id, intent.amount, intent.currency, intent.status
    );
    Ok(())
}
