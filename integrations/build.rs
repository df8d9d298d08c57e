//! Generates the client of every provider whose cargo feature is on, from the spec and
//! `provider.toml` this workspace ships for it (`specs/<provider>/`), through the same
//! `Config` front door a user's build.rs takes. With no provider feature on, nothing is
//! generated.

use std::path::PathBuf;

use integrations_codegen::vocabulary::Vocabulary;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let specs = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../specs");
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
    let vocabulary = schema_module(&specs)?;
    if enabled.is_empty() {
        return Ok(());
    }
    let mut config = integrations_codegen::Config::new();
    config.deny_warnings(true);
    for provider in &enabled {
        config
            .spec(specs.join(provider).join("openapi.yaml"))
            .file_name(provider);
    }
    config.generate()?;
    for provider in &enabled {
        mappings_module(&specs, provider, &vocabulary)?;
    }
    Ok(())
}

/// `<provider>_mappings.rs`: the conversions between the provider's types and
/// `integrations::schema` that `specs/<provider>/mappings.toml` declares (empty without
/// one).
fn mappings_module(
    specs: &std::path::Path,
    provider: &str,
    vocabulary: &Vocabulary,
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = specs.join(provider);
    let table = dir.join("mappings.toml");
    println!("cargo:rerun-if-changed={}", table.display());
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join(format!("{provider}_mappings.rs"));
    if !table.is_file() {
        std::fs::write(out, "")?;
        return Ok(());
    }
    let options = integrations_codegen::Options::default();
    let (api, ..) = integrations_codegen::build_ir(&dir.join("openapi.yaml"), &options)
        .map_err(|diagnostics| diagnostics.to_string())?;
    let tables = integrations_codegen::mapping::load(&table, vocabulary, &api)
        .map_err(|diagnostics| diagnostics.to_string())?;
    let code = integrations_codegen::mapping::render(&tables, &api.provider.name, "crate::schema")?;
    std::fs::write(out, code)?;
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
