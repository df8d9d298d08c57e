//! The `integrations` facade: every provider feature checks on its own and all together,
//! warning-free, in one target directory of its own (so that the workspace's build is not
//! invalidated by other feature sets). Each cargo run reuses the dependencies the first
//! one built.

mod common;

use std::process::Command;

/// The providers: every spec we ship (`specs/<provider>/openapi.yaml`), each of which
/// must be a feature of the facade.
fn providers() -> Vec<String> {
    let mut providers: Vec<String> = std::fs::read_dir(common::workspace().join("specs"))
        .expect("specs/")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("openapi.yaml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    providers.sort();
    providers
}

/// `cargo check -p integrations` with `features`: its diagnostics, failing on an error.
fn check(features: &str) -> String {
    let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("facade");
    let output = Command::new(env!("CARGO"))
        .current_dir(common::workspace())
        .args([
            "check",
            "--quiet",
            "-p",
            "integrations",
            "--features",
            features,
        ])
        .args(["--message-format", "short"])
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "`cargo check -p integrations --features {features}` failed:\n{stderr}"
    );
    stderr
}

#[test]
fn every_provider_feature_checks_alone_and_together_without_warnings() {
    let manifest = std::fs::read_to_string(common::workspace().join("integrations/Cargo.toml"))
        .expect("the facade's manifest");
    let providers = providers();
    assert!(providers.len() >= 10, "specs found: {providers:?}");
    for provider in &providers {
        assert!(
            manifest.contains(&format!("\n{provider} = [")),
            "`{provider}` (a spec we ship) is a feature of the facade"
        );
    }
    let mut sets = providers.clone();
    sets.push(providers.join(","));
    for features in sets {
        let diagnostics = check(&features);
        let warnings: Vec<&str> = diagnostics
            .lines()
            .filter(|line| line.contains("warning"))
            .collect();
        assert!(
            warnings.is_empty(),
            "--features {features} warns:\n{}",
            warnings.join("\n")
        );
    }
}
