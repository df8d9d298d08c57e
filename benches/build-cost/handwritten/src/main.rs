//! Creates a Stripe customer and a payment intent for them, written by hand against
//! Stripe's form-encoded API: the baseline the generated client's build cost is measured
//! against. Reads `STRIPE_API_KEY` and, optionally, `STRIPE_BASE_URL`.

use serde::Deserialize;

/// The fields of a customer this program reads.
#[derive(Debug, Deserialize)]
struct Customer {
    id: String,
    email: Option<String>,
}

/// The fields of a payment intent this program reads.
#[derive(Debug, Deserialize)]
struct PaymentIntent {
    id: String,
    status: String,
    amount: i64,
    currency: String,
}

/// Stripe's error body.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    error: ApiError,
}

#[derive(Debug, Deserialize)]
struct ApiError {
    code: Option<String>,
    message: Option<String>,
}

async fn post<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    path: &str,
    form: &[(&str, &str)],
) -> Result<T, Box<dyn std::error::Error>> {
    let response = http
        .post(format!("{base}{path}"))
        .bearer_auth(key)
        .form(form)
        .send()
        .await?;
    let status = response.status();
    let body = response.bytes().await?;
    if !status.is_success() {
        let error: ErrorBody = serde_json::from_slice(&body)?;
        return Err(format!(
            "{status}: {} ({})",
            error.error.message.unwrap_or_default(),
            error.error.code.unwrap_or_default()
        )
        .into());
    }
    Ok(serde_json::from_slice(&body)?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let key = std::env::var("STRIPE_API_KEY")?;
    let base = std::env::var("STRIPE_BASE_URL").unwrap_or_else(|_| "https://api.stripe.com".into());
    let http = reqwest::Client::new();
    let customer: Customer = post(
        &http,
        &base,
        &key,
        "/v1/customers",
        &[("email", "jenny.rosen@example.com"), ("name", "Jenny Rosen")],
    )
    .await?;
    let intent: PaymentIntent = post(
        &http,
        &base,
        &key,
        "/v1/payment_intents",
        &[("amount", "2000"), ("currency", "usd"), ("customer", &customer.id)],
    )
    .await?;
    println!(
        "customer {} ({:?}); payment intent {} for {} {}: {}",
        customer.id, customer.email, intent.id, intent.amount, intent.currency, intent.status
    );
    Ok(())
}
