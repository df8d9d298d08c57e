//! One runnable program per seed snippet (`src/bin/`), each calling a provider through the
//! `integrations` facade with credentials and the base URL from the environment
//! (`Client::from_env`). Point `<PROVIDER>_BASE_URL` at a sandbox or a local server to
//! run one without touching production:
//!
//! ```sh
//! STRIPE_API_KEY=sk_test_… cargo run -p example-providers --bin stripe_payment_intent
//! ```
//!
//! The test suite compiles them all.

/// What every example returns: any error, printed with its cause by `main`.
pub type Outcome = Result<(), Box<dyn std::error::Error>>;
