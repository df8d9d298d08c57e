//! Generates the client of every provider whose cargo feature is on, from the spec and
//! `provider.toml` this workspace ships for it (`specs/<provider>/`), through the same
//! `Config` front door a user's build.rs takes, with the conversions of its Schema.org
//! mapping tables (`mappings.toml`) rendered from the same IR. `integrations::schema` is
//! always generated; with no provider feature on, nothing else is.

use std::path::PathBuf;

use integrations_codegen::vocabulary::Vocabulary;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let specs = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("specs");
    // Every spec we ship is a provider, named by its folder; its feature turns it on.
    let mut enabled: Vec<String> = std::fs::read_dir(&specs)?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|provider| {
            let feature = format!(
                "CARGO_FEATURE_{}",
                provider.to_ascii_uppercase().replace('-', "_")
            );
            std::env::var_os(feature).is_some()
        })
        .collect();
    enabled.sort();
    let vocabulary = std::sync::Arc::new(schema_module(&specs)?);
    if enabled.is_empty() {
        return Ok(());
    }
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let mut config = integrations_codegen::Config::new();
    config.deny_warnings(true);
    for provider in &enabled {
        let dir = specs.join(provider);
        config.spec(dir.join("openapi.yaml")).file_name(provider);
        // `<provider>_mappings.rs`: the conversions `mappings.toml` declares, from the IR
        // the client comes from; empty for a provider without one.
        let table = dir.join("mappings.toml");
        println!("cargo:rerun-if-changed={}", table.display());
        if table.is_file() {
            config.mappings(table, vocabulary.clone(), "crate::schema");
        } else {
            std::fs::write(out.join(format!("{provider}_mappings.rs")), "")?;
        }
    }
    config.generate()?;
    Ok(())
}

/// `integrations::schema`: the Schema.org types of `specs/schema.org/vocabulary.toml`,
/// whose vocabulary the mapping tables are then checked against.
fn schema_module(specs: &std::path::Path) -> Result<Vocabulary, Box<dyn std::error::Error>> {
    let path = specs.join("schema.org").join("vocabulary.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let vocabulary = Vocabulary::load(&path).map_err(|diagnostics| diagnostics.to_string())?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("schema.rs");
    std::fs::write(out, vocabulary.render()?)?;
    Ok(vocabulary)
}
