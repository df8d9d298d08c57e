//! Regenerating from an unchanged spec gives byte-identical output: for the fixtures, the
//! specs we ship, and, when present, large real specs (all but the smallest are rendered
//! on several threads).

mod common;

use std::path::Path;

use integrations_codegen::Options;

fn generate_twice(path: &Path, options: &Options) {
    let first = integrations_codegen::generate(path, options)
        .unwrap_or_else(|d| panic!("{}:\n{d}", path.display()));
    let second = integrations_codegen::generate(path, options)
        .unwrap_or_else(|d| panic!("{}:\n{d}", path.display()));
    assert!(
        first.code == second.code,
        "{}: two generations differ",
        path.display()
    );
    let ir_first = serde_json::to_string(&first.api).unwrap();
    let ir_second = serde_json::to_string(&second.api).unwrap();
    assert!(ir_first == ir_second, "{}: two IRs differ", path.display());
}

#[test]
fn fixtures_generate_identically_twice() {
    let fixtures = common::workspace().join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            generate_twice(&path, &Options::default());
        }
    }
}

#[test]
fn shipped_specs_generate_identically_twice() {
    // The shipped Stripe spec has over 900 types, past the threshold where rendering is
    // split across threads, so this covers the parallel renderer without `../shared`.
    for provider in ["stripe", "square", "s3", "slack", "sendgrid", "twilio"] {
        let options = Options {
            manifest: common::provider_manifest(provider),
            ..Options::default()
        };
        let spec = common::workspace().join(format!("specs/{provider}/openapi.yaml"));
        generate_twice(&spec, &options);
    }
}

#[test]
fn large_real_specs_generate_identically_twice() {
    let Some(root) = common::upstream_specs() else {
        return;
    };
    for (provider, file) in [
        ("stripe", "stripe/spec3.yaml"),
        ("square", "square/api.json"),
    ] {
        let options = Options {
            manifest: common::provider_manifest(provider),
            ..Options::default()
        };
        generate_twice(&root.join(file), &options);
    }
}
