//! Snapshots of the code generated from each fixture spec (one per construct, plus the
//! Swagger 2.0 and OpenAPI 3.1 normalisations and a split spec).
//!
//! Each snapshot is also compiled: `build.rs` generates the same code into the library
//! (which denies warnings), and this test checks the two are the same text.

use std::path::Path;

use integrations_codegen::Options;
use integrations_tests::fixtures;

const FIXTURES: &[(&str, &str)] = &[
    ("structs", "fixtures/structs.yaml"),
    ("enums", "fixtures/enums.yaml"),
    ("unions", "fixtures/unions.yaml"),
    ("all_of", "fixtures/all_of.yaml"),
    ("recursion", "fixtures/recursion.yaml"),
    ("maps", "fixtures/maps.yaml"),
    ("binary", "fixtures/binary.yaml"),
    ("inline_names", "fixtures/inline_names.yaml"),
    ("swagger2", "fixtures/swagger2.yaml"),
    ("openapi31", "fixtures/openapi31.yaml"),
    ("split", "fixtures/split/root.yaml"),
    ("responses", "fixtures/responses.yaml"),
    ("edge_cases", "fixtures/edge_cases.yaml"),
    ("xml", "fixtures/xml.yaml"),
    ("fidelity", "fixtures/fidelity.yaml"),
    ("auth", "fixtures/auth.yaml"),
    ("webhooks", "fixtures/webhooks.yaml"),
    ("verbs", "fixtures/verbs/openapi.yaml"),
];

#[test]
fn generated_code_matches_snapshots_and_is_what_was_compiled() {
    let options = Options {
        deny_warnings: true,
        ..Options::default()
    };
    for (name, path) in FIXTURES {
        let output = integrations_codegen::generate(Path::new(path), &options)
            .unwrap_or_else(|d| panic!("{path} does not generate:\n{d}"));
        assert_eq!(
            Some(output.code.as_str()),
            fixtures::source(name),
            "{path}: the compiled module differs from the snapshotted code"
        );
        insta::assert_snapshot!(*name, output.code);
    }
}
