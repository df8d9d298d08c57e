//! Generates a Stripe client (customers and payment intents) into OUT_DIR.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    integrations_codegen::Config::new()
        .spec("../../specs/stripe/openapi.yaml")
        .keep([
            "PostCustomers",
            "GetCustomersCustomer",
            "PostPaymentIntents",
        ])
        .generate()?;
    Ok(())
}
