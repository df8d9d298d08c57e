//! The Schema.org vocabulary as generated Rust: snapshotted, and the same text every time
//! it is generated.

use std::path::Path;

use integrations_codegen::vocabulary::Vocabulary;

#[test]
fn the_schema_module_is_snapshotted_and_stable() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/schema.org/vocabulary.toml");
    let first = Vocabulary::load(&path)
        .expect("loads")
        .render()
        .expect("renders");
    let second = Vocabulary::load(&path)
        .expect("loads")
        .render()
        .expect("renders");
    assert_eq!(first, second, "regenerating gives the same bytes");
    // Rustdoc on every public item is checked where it compiles: the facade crate
    // warns on missing docs, and clippy runs with `-D warnings`.
    insta::assert_snapshot!("schema", first);
}
