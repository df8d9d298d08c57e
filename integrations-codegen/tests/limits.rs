//! Specs shaped to exhaust the generator (long `$ref` chains, deep nesting) are refused
//! or degraded with a located warning, never a stack overflow.
//!
//! Each case runs on a thread with a 2 MiB stack, the size of a test thread, so a
//! regression shows as an abort here rather than in a user's build script.

use std::path::Path;

use integrations_codegen::{Diagnostics, emit, ir, spec};
use serde_json::{Map, Value, json};

/// Loads, builds the IR and renders `doc` on a small stack; returns the diagnostics and
/// the number of types.
fn run_small_stack(doc: Value) -> (Diagnostics, usize) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let text = serde_json::to_string(&doc).unwrap();
            let mut diagnostics = Diagnostics::new();
            let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("limits.json");
            let loaded = spec::load_text(&path, &text, &mut diagnostics).expect("loads");
            let api = ir::build(&loaded, &ir::BuildOptions::default(), &mut diagnostics);
            emit::render(&api, &emit::EmitOptions::default()).expect("renders");
            (diagnostics, api.types.len())
        })
        .unwrap()
        .join()
        .expect("the pipeline panicked")
}

fn document(schemas: Map<String, Value>) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Limits", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    })
}

fn assert_depth_warning(diagnostics: &Diagnostics) {
    let text = diagnostics.to_string();
    assert!(
        text.contains("limits.json#/components/schemas/")
            && text.contains("levels deep here")
            && text.contains("warning: ")
            && !diagnostics.has_errors(),
        "{text}"
    );
}

/// `S0.next` is an `S1`, whose `next` is an `S2`, …, `links` schemas long: converting
/// `S0` walks the whole chain.
fn ref_chain(links: usize) -> Map<String, Value> {
    let mut schemas = Map::new();
    for i in 0..links {
        let next = if i + 1 < links {
            json!({"$ref": format!("#/components/schemas/S{}", i + 1)})
        } else {
            json!({"type": "string"})
        };
        schemas.insert(
            format!("S{i}"),
            json!({"type": "object", "properties": {"next": next}}),
        );
    }
    schemas
}

#[test]
fn a_long_chain_of_refs_degrades_with_a_warning() {
    const LINKS: usize = 5_000;
    let (diagnostics, types) = run_small_stack(document(ref_chain(LINKS)));
    assert_depth_warning(&diagnostics);
    assert_eq!(types, LINKS, "every component is still a type");
}

#[test]
fn a_long_chain_of_all_of_degrades_with_a_warning() {
    // Each link merges every link below it, so the work grows with the square of the
    // depth; a few hundred links already pass the bound.
    const LINKS: usize = 400;
    let mut schemas = Map::new();
    for i in 0..LINKS {
        let schema = if i + 1 < LINKS {
            json!({"allOf": [{"$ref": format!("#/components/schemas/A{}", i + 1)}],
                   "properties": {format!("p{i}"): {"type": "integer"}}})
        } else {
            json!({"type": "object", "properties": {"last": {"type": "string"}}})
        };
        schemas.insert(format!("A{i}"), schema);
    }
    let (diagnostics, _) = run_small_stack(document(schemas));
    assert_depth_warning(&diagnostics);
}

#[test]
fn ordinary_nesting_is_untouched() {
    // Forty levels, deeper than any real spec we have seen, convert without a warning.
    let (diagnostics, _) = run_small_stack(document(ref_chain(40)));
    assert!(diagnostics.is_empty(), "{diagnostics}");
}
