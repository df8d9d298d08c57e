//! The specs' own examples as the oracle: every JSON example written in the real provider
//! specs (request and response bodies, `examples` objects, component schemas) is decoded
//! into the type the generator made for its schema, encoded again, and compared with the
//! original key by key.
//!
//! An independent validator (`openapi-schema-validator`, `tests/oracle/validate_examples.py`)
//! first says whether the example is valid against its schema. An invalid example is the
//! spec's fault and is only counted. A valid one that does not decode, or loses or changes
//! a key on the way back, is the generator's: it fails the test unless
//! `tests/oracle/known-failures.tsv` lists it with the reason. A listed failure that no
//! longer happens fails the test too, so the list stays true.
//!
//! Per-spec counts are printed and written to `target/tmp/oracle/REPORT.md`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use integrations_codegen::emit::standalone::{self, CrateOptions, RuntimeDependency};
use integrations_codegen::emit::{self, EmitOptions};
use integrations_codegen::examples::{self, ExampleKind};
use integrations_codegen::{Diagnostics, Options};
use serde_json::{Value, json};

/// The oracle module written into each generated crate: decode, encode, compare.
const ORACLE_HELPERS: &str = r#"
fn check<T>(id: usize, text: &str) -> String
where
    T: integrations_runtime::serde::de::DeserializeOwned + integrations_runtime::serde::Serialize,
{
    use integrations_runtime::serde_json::{self, json};
    let original: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return json!({"id": id, "decode_error": e.to_string()}).to_string(),
    };
    match integrations_runtime::de::from_slice::<T>(text.as_bytes()) {
        Err(e) => json!({"id": id, "decode_error": format!("at `{}`: {}", e.path.unwrap_or_default(), e.message)}).to_string(),
        Ok(decoded) => match serde_json::to_value(&decoded) {
            Err(e) => json!({"id": id, "encode_error": e.to_string()}).to_string(),
            Ok(again) => {
                let mut differences = Vec::new();
                diff(&original, &again, String::new(), &mut differences);
                json!({"id": id, "differences": differences}).to_string()
            }
        },
    }
}

fn diff(
    before: &integrations_runtime::serde_json::Value,
    after: &integrations_runtime::serde_json::Value,
    at: String,
    out: &mut Vec<String>,
) {
    use integrations_runtime::serde_json::Value;
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}/{key}");
                match b.get(key) {
                    Some(other) => diff(value, other, here, out),
                    None => out.push(format!("lost {here}")),
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("added {at}/{key}"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(x, y, format!("{at}/{i}"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => {
            let show = |v: &Value| {
                let text = v.to_string();
                if text.len() > 60 { format!("{}…", &text[..text.char_indices().nth(60).map_or(text.len(), |(i, _)| i)]) } else { text }
            };
            out.push(format!("changed {at}: {} -> {}", show(a), show(b)));
        }
    }
}
"#;

/// One example of one spec.
struct Case {
    pointer: String,
    kind: &'static str,
}

/// What became of one example.
#[derive(Default)]
struct Tally {
    examples: usize,
    invalid: usize,
    decoded: usize,
    ours: Vec<String>,
}

#[test]
fn spec_examples_decode_and_round_trip_with_nothing_lost() {
    let Some(root) = common::upstream_specs() else {
        return;
    };
    let python = common::python_tools();
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oracle");
    let crates_dir = work.join("crates");
    let _ = std::fs::remove_dir_all(&crates_dir);
    std::fs::create_dir_all(&crates_dir).unwrap();
    let runtime = common::workspace()
        .join("integrations-runtime")
        .canonicalize()
        .expect("runtime crate");
    let emit_options = EmitOptions::default();

    let mut cases: BTreeMap<String, (String, Vec<Case>)> = BTreeMap::new();
    for upstream in common::upstream_manifest(&root) {
        let relative = upstream
            .path
            .strip_prefix(&root)
            .unwrap_or(&upstream.path)
            .display()
            .to_string();
        let name = format!(
            "oracle-{}",
            relative
                .to_lowercase()
                .trim_end_matches(".json")
                .trim_end_matches(".yaml")
                .trim_end_matches(".yml")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
        );
        let options = Options {
            manifest: common::provider_manifest(&upstream.provider),
            ..Options::default()
        };
        let mut diagnostics = Diagnostics::new();
        let loaded = integrations_codegen::load(&upstream.path, &options, &mut diagnostics)
            .unwrap_or_else(|| panic!("{relative} loads:\n{diagnostics}"));
        let api = integrations_codegen::build_loaded(&loaded, &options, &mut diagnostics);
        let code = emit::render(&api, &emit_options).expect("renders");
        let found = examples::collect(&loaded.spec, &api);

        let dir = crates_dir.join(&name);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let crate_options = CrateOptions {
            name: name.clone(),
            runtime: RuntimeDependency::Path(runtime.clone()),
            own_workspace: false,
            regenerate: None,
        };
        std::fs::write(
            dir.join("Cargo.toml"),
            standalone::cargo_toml(&api, &crate_options, &dir),
        )
        .unwrap();
        let mut lib = standalone::lib_rs(&api, &code, &crate_options);
        lib.push_str("\n#[doc(hidden)]\n#[allow(missing_docs)]\npub mod oracle;\n");
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();

        let mut oracle = String::from(
            "//! The spec's examples, decoded and encoded again (written by the fidelity test).\n\
             #![allow(clippy::all)]\n\npub fn run() -> Vec<String> {\n    vec![\n",
        );
        let mut listed = Vec::new();
        let mut spec_cases = Vec::new();
        for (id, example) in found.iter().enumerate() {
            let ty = emit::type_path(&api, &example.ty, "crate::", &emit_options);
            let text = serde_json::to_string(&example.value).unwrap();
            let _ = writeln!(oracle, "        check::<{ty}>({id}, {text:?}),");
            let kind = match example.kind {
                ExampleKind::Request => "request",
                ExampleKind::Response => "response",
                ExampleKind::Schema => "schema",
            };
            listed.push(json!({"id": id.to_string(), "kind": kind, "schema": example.schema, "value": example.value}));
            spec_cases.push(Case {
                pointer: example.pointer.clone(),
                kind,
            });
        }
        oracle.push_str("    ]\n}\n");
        oracle.push_str(ORACLE_HELPERS);
        std::fs::write(dir.join("src/oracle.rs"), oracle).unwrap();
        common::write_oracle_input(&dir, &loaded.spec.doc, &Value::Array(listed));
        cases.insert(name, (relative, spec_cases));
    }

    // The independent validator's verdict on every example.
    let mut validity: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for name in cases.keys() {
        let verdicts = common::oracle_verdicts(&python, &crates_dir.join(name));
        validity.insert(name.clone(), verdicts);
    }

    // One binary decodes every example of every spec.
    let runner = crates_dir.join("oracle-runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    let mut dependencies = String::new();
    let mut calls = String::new();
    for name in cases.keys() {
        let _ = writeln!(dependencies, "{name} = {{ path = \"../{name}\" }}");
        let _ = writeln!(
            calls,
            "    for line in {}::oracle::run() {{ println!(\"{name}\\t{{line}}\"); }}",
            name.replace('-', "_")
        );
    }
    std::fs::write(
        runner.join("Cargo.toml"),
        format!(
            "[package]\nname = \"oracle-runner\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{dependencies}"
        ),
    )
    .unwrap();
    std::fs::write(
        runner.join("src/main.rs"),
        format!("fn main() {{\n{calls}}}\n"),
    )
    .unwrap();
    let mut members: Vec<String> = cases.keys().map(|n| format!("\"crates/{n}\"")).collect();
    members.push("\"crates/oracle-runner\"".to_owned());
    std::fs::write(
        work.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\nopt-level = 0\n",
            members.join(", ")
        ),
    )
    .unwrap();
    let _ = std::fs::copy(
        common::workspace().join("Cargo.lock"),
        work.join("Cargo.lock"),
    );
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "-p", "oracle-runner"])
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        // Each run regenerates the crates: incremental caches would only pile up (16 GB
        // of the 19 GB this directory reached) without making a run faster.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the oracle did not build or run:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Sorting out whose fault each failure is.
    let known = known_failures();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut seen_known = BTreeSet::new();
    let mut unexpected = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Some((name, result)) = line.split_once('\t') else {
            continue;
        };
        let result: Value = serde_json::from_str(result).expect("a result line");
        let id = result["id"].as_u64().expect("an id") as usize;
        let (relative, spec_cases) = &cases[name];
        let case = &spec_cases[id];
        let tally = tallies.entry(relative.clone()).or_default();
        tally.examples += 1;
        // A string is the validator's reason the example is invalid; `null` (valid) and
        // an unjudged example both leave it to the generated types.
        if validity[name]
            .get(&id.to_string())
            .is_some_and(Value::is_string)
        {
            tally.invalid += 1;
            continue;
        }
        let mut problems: Vec<String> = Vec::new();
        if let Some(error) = result["decode_error"]
            .as_str()
            .or(result["encode_error"].as_str())
        {
            problems.push(error.to_owned());
        } else {
            tally.decoded += 1;
            problems.extend(
                result["differences"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_owned),
            );
        }
        if problems.is_empty() {
            continue;
        }
        let key = (relative.clone(), case.pointer.clone());
        let summary = format!(
            "{relative}#{} ({}): {}",
            case.pointer,
            case.kind,
            problems.join("; ")
        );
        tally.ours.push(summary.clone());
        if known.contains_key(&key) {
            seen_known.insert(key);
        } else {
            unexpected.push(summary);
        }
    }

    let mut report = String::from(
        "| spec | examples | invalid against their schema (the spec's) | decoded | losses on valid examples (ours) |\n|---|---|---|---|---|\n",
    );
    for (spec, tally) in &tallies {
        let _ = writeln!(
            report,
            "| {spec} | {} | {} | {} | {} |",
            tally.examples,
            tally.invalid,
            tally.decoded,
            tally.ours.len()
        );
    }
    for tally in tallies.values() {
        for failure in &tally.ours {
            let _ = writeln!(report, "\n- {failure}");
        }
    }
    println!("{report}");
    std::fs::write(work.join("REPORT.md"), &report).unwrap();

    let stale: Vec<String> = known
        .iter()
        .filter(|(key, _)| !seen_known.contains(*key))
        .map(|((spec, pointer), reason)| format!("{spec}#{pointer}: {reason}"))
        .collect();
    assert!(
        unexpected.is_empty(),
        "valid examples the generated types do not carry ({}):\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "known failures that no longer happen (remove them from tests/oracle/known-failures.tsv):\n{}",
        stale.join("\n")
    );
    let examples: usize = tallies.values().map(|t| t.examples).sum();
    assert!(examples > 100, "only {examples} examples were found");
}

/// `tests/oracle/known-failures.tsv`: spec, example pointer, reason.
fn known_failures() -> BTreeMap<(String, String), String> {
    let path = common::workspace().join("tests/oracle/known-failures.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            Some((
                (fields.next()?.to_owned(), fields.next()?.to_owned()),
                fields.next().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}
