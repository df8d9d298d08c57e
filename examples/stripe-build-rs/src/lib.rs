//! A Stripe client generated at build time from `specs/stripe/openapi.yaml`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use example_stripe_build_rs::stripe;
//!
//! let client = stripe::Client::builder().bearer_token(std::env::var("STRIPE_API_KEY")?).build()?;
//! let intent = client
//!     .post_payment_intents(stripe::PostPaymentIntentsBody::new(2000, "usd".into()))
//!     .await?;
//! println!("{} is {:?}", intent.id, intent.status);
//! # Ok(())
//! # }
//! ```

/// The generated Stripe client.
pub mod stripe {
    include!(concat!(env!("OUT_DIR"), "/stripe.rs"));
}
