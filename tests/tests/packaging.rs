//! What the published packages carry. A package is built from its own files only, so
//! the specs, manifests, mapping tables and Schema.org vocabulary the facade's build
//! script and the generator read must be inside them (they are links to the workspace's
//! `specs/`), not only beside them in this workspace.

mod common;

use std::process::Command;

/// The files `cargo package` would put in `package`.
fn packaged(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(common::workspace())
        .args(["package", "--list", "--allow-dirty", "-p", package])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo package --list -p {package}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_facade_carries_every_shipped_provider_and_the_vocabulary() {
    let files = packaged("integrations");
    let specs = common::workspace().join("specs");
    let mut providers = 0;
    for entry in std::fs::read_dir(&specs).expect("specs/") {
        let dir = entry.expect("an entry").path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        for file in ["openapi.yaml", "provider.toml", "mappings.toml"] {
            if dir.join(file).is_file() {
                let packaged_path = format!("specs/{name}/{file}");
                assert!(
                    files.contains(&packaged_path),
                    "the package lacks {packaged_path}"
                );
                providers += usize::from(file == "openapi.yaml");
            }
        }
    }
    assert_eq!(providers, 12, "the twelve providers' specs");
    assert!(files.contains(&"specs/schema.org/vocabulary.toml".to_owned()));
    assert!(!files.contains(&"specs/derive.sh".to_owned()));
}

#[test]
fn the_generator_carries_the_vocabulary_it_bundles() {
    assert!(packaged("integrations-codegen").contains(&"vocabulary.toml".to_owned()));
}
