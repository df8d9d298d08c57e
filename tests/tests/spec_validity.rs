//! Every spec this project ships is valid OpenAPI, by an independent validator
//! (`openapi-spec-validator`, from PyPI), not by our own reader.

mod common;

use std::process::Command;

#[test]
fn every_shipped_spec_passes_an_openapi_validator() {
    let python = common::python_tools();
    let specs_dir = common::workspace().join("specs");
    let mut specs: Vec<_> = std::fs::read_dir(&specs_dir)
        .expect("specs/")
        .filter_map(|entry| {
            let dir = entry.ok()?.path();
            ["openapi.yaml", "openapi.json"]
                .iter()
                .map(|name| dir.join(name))
                .find(|path| path.is_file())
        })
        .collect();
    specs.sort();
    assert!(specs.len() >= 6, "specs found: {specs:?}");
    let mut failures = Vec::new();
    for spec in &specs {
        let output = Command::new(&python)
            .args(["-m", "openapi_spec_validator"])
            .arg(spec)
            .output()
            .expect("the validator runs");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        if !output.status.success() || !text.contains(": OK") {
            let head: String = text.chars().take(1500).collect();
            failures.push(format!("{}:\n{head}", spec.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The validator is a real one: a spec missing what OpenAPI requires fails it.
#[test]
fn the_validator_rejects_an_invalid_spec() {
    let python = common::python_tools();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("spec-validity");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("invalid.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200': {}\n",
    )
    .unwrap();
    let output = Command::new(&python)
        .args(["-m", "openapi_spec_validator"])
        .arg(&spec)
        .output()
        .expect("the validator runs");
    assert!(
        !output.status.success(),
        "a response without a description passed"
    );
}
