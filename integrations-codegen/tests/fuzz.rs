//! Malformed specs never panic the pipeline.
//!
//! A proptest generator takes the fixture specs and breaks them: nodes replaced by values
//! of the wrong kind, `$ref`s to random or cyclic places, junk `type`s and compositions,
//! nodes removed. Every result goes through loading, the IR and emission; any outcome is
//! fine except a panic or emitted code that does not parse (which proptest reports, with
//! the smallest failing input). Raw
//! bytes go through the JSON and YAML readers too. The number of cases bounds the time.

use std::path::Path;

use integrations_codegen::{Diagnostics, emit, ir, spec};
use proptest::prelude::*;
use serde_json::{Value, json};

const SEEDS: &[&str] = &[
    "structs.yaml",
    "enums.yaml",
    "unions.yaml",
    "all_of.yaml",
    "recursion.yaml",
    "maps.yaml",
    "binary.yaml",
    "inline_names.yaml",
    "swagger2.yaml",
    "openapi31.yaml",
    "responses.yaml",
    "edge_cases.yaml",
    "xml.yaml",
];

fn seeds() -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    SEEDS
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).expect("fixture");
            spec::yaml::parse(&text).expect("fixture parses").0
        })
        .collect()
}

/// Every pointer in `value`.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| pointers(v, spec::pointer::push(&at, k), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the node at (index into the pointer list) with a value.
    Replace(usize, Value),
    /// Replace the node with a `$ref` to another node (or itself).
    RefTo(usize, usize),
    /// Remove the node.
    Remove(usize),
    /// Make the node an `allOf` of a `$ref` to another node.
    AllOfRef(usize, usize),
}

fn junk() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-z#/{}$~01 ]{0,12}".prop_map(Value::from),
        prop_oneof![
            Just(json!({"type": "banana"})),
            Just(json!({"type": ["string", "null", 3]})),
            Just(json!({"enum": []})),
            Just(json!({"enum": [1, "a", null, {}]})),
            Just(json!({"oneOf": []})),
            Just(json!({"anyOf": [{"type": "null"}]})),
            Just(json!({"allOf": 5})),
            Just(json!({"$ref": "#/nope/x"})),
            Just(json!({"$ref": "https://example.com/schema.json"})),
            Just(json!({"$ref": "missing-file.yaml#/A"})),
            Just(json!({"$ref": 7})),
            Just(json!({"properties": [1, 2]})),
            Just(json!({"required": "yes", "properties": {"a": true}})),
            Just(json!({"additionalProperties": "x"})),
            Just(json!({"items": false, "type": "array"})),
            Just(json!({"discriminator": {"propertyName": 3}})),
            Just(json!({"in": "body", "name": null})),
            Just(json!({"content": {"multipart/form-data": {"schema": {"type": "string"}}}})),
            Just(json!({"responses": {"2XX": {"content": {"*/*": {}}}, "bogus": 1}})),
        ],
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(("[a-z$]{1,6}", inner), 0..3)
                .prop_map(|e| Value::Object(e.into_iter().collect())),
        ]
    })
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), junk()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::RefTo(a, b)),
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::AllOfRef(a, b)),
    ]
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pick = |i: usize| all[i % all.len()].clone();
    match mutation {
        Mutation::Replace(i, value) => {
            if let Some(node) = doc.pointer_mut(&pick(*i)) {
                *node = value.clone();
            }
        }
        Mutation::RefTo(a, b) => {
            let target = format!("#{}", pick(*b));
            if let Some(node) = doc.pointer_mut(&pick(*a)) {
                *node = json!({ "$ref": target });
            }
        }
        Mutation::AllOfRef(a, b) => {
            let target = format!("#{}", pick(*b));
            if let Some(node) = doc.pointer_mut(&pick(*a)) {
                *node = json!({ "allOf": [{ "$ref": target }, { "type": "object" }] });
            }
        }
        Mutation::Remove(i) => {
            let at = pick(*i);
            if let Some((parent, last)) = at.rsplit_once('/') {
                let key = spec::pointer::unescape(last);
                match doc.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.shift_remove(&key);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(i) = key.parse::<usize>()
                            && i < items.len()
                        {
                            items.remove(i);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The whole pipeline; panics are the only failure.
fn pipeline(text: &str, name: &str) {
    let mut diagnostics = Diagnostics::new();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if let Some(loaded) = spec::load_text(&path, text, &mut diagnostics) {
        let api = ir::build(&loaded, &ir::BuildOptions::default(), &mut diagnostics);
        // Whatever the IR holds, the emitted tokens must parse as Rust.
        if let Err(e) = emit::render(&api, &emit::EmitOptions::default()) {
            panic!("{e}\nspec: {text}");
        }
        let _ = serde_json::to_string(&api);
    }
    // Every diagnostic names a file.
    for d in diagnostics.iter() {
        assert!(!d.location.file.as_os_str().is_empty(), "{d}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn broken_specs_do_not_panic(seed in 0..SEEDS.len(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut doc = seeds()[seed].clone();
        for m in &mutations {
            apply(&mut doc, m);
        }
        let text = serde_json::to_string(&doc).unwrap();
        pipeline(&text, "fuzz.json");
    }

    #[test]
    fn arbitrary_bytes_do_not_panic_the_readers(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        pipeline(&text, "bytes.yaml");
        let mut d = Diagnostics::new();
        let _ = spec::source::parse(Path::new("bytes.json"), &bytes, &mut d);
    }

    #[test]
    fn yaml_shaped_text_does_not_panic(text in "([a-z]{1,5}: (\\[|\\{|&a |\\*a|<<: |'|\"|-|\\||>|!!str )?[a-z0-9 ]{0,5}\n( {2,4})?){1,12}") {
        pipeline(&text, "yamlish.yaml");
    }
}
