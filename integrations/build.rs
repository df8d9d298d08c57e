//! Generates the client of every provider whose cargo feature is on, from the spec and
//! `provider.toml` this workspace ships for it (`specs/<provider>/`), through the same
//! `Config` front door a user's build.rs takes. With no provider feature on, nothing is
//! generated.

use std::path::PathBuf;

/// The providers this crate can generate, by feature name (and `specs/` folder).
const PROVIDERS: &[&str] = &[
    "stripe",
    "square",
    "twilio",
    "sendgrid",
    "slack",
    "s3",
    "salesforce",
    "hubspot",
    "paypal",
    "pipedrive",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let specs = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../specs");
    let enabled: Vec<&str> = PROVIDERS
        .iter()
        .copied()
        .filter(|provider| {
            std::env::var_os(format!("CARGO_FEATURE_{}", provider.to_ascii_uppercase())).is_some()
        })
        .collect();
    if enabled.is_empty() {
        return Ok(());
    }
    let mut config = integrations_codegen::Config::new();
    config.deny_warnings(true);
    for provider in enabled {
        config
            .spec(specs.join(provider).join("openapi.yaml"))
            .file_name(provider);
    }
    config.generate()?;
    Ok(())
}
