//! Captures an approved PayPal order. `PAYPAL_ACCESS_TOKEN`; the order id is the first
//! argument. The sandbox is the default; `PAYPAL_BASE_URL=https://api-m.paypal.com` is live.

use integrations::paypal;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let order_id = std::env::args()
        .nth(1)
        .ok_or("usage: paypal_capture <order id>")?;
    let client = paypal::Client::from_env()?;
    let order = client
        .orders()
        .capture(order_id, paypal::OrderCaptureRequest::default())
        .await?;
    println!("order {:?} is {:?}", order.id, order.status);
    Ok(())
}
