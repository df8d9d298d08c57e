//! The real-spec corpus: every spec in `../shared/upstream-specs/MANIFEST.tsv` generates
//! a crate with all its operations (as many as `MANIFEST.tsv` counts), and the crates,
//! checked together (one cargo run, one target directory) with clippy and `missing_docs`,
//! have zero errors and zero warnings.
//!
//! Prints, per spec: types and operations emitted, generator warnings, generation time;
//! then the check time. The same report is written to `target/tmp/corpus/REPORT.md`.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use integrations_codegen::emit::standalone::{self, CrateOptions, RuntimeDependency};
use integrations_codegen::{Options, Severity};

struct Generated {
    name: String,
    spec: String,
    types: usize,
    operations: usize,
    warnings: usize,
    millis: u128,
}

fn crate_name(spec: &common::UpstreamSpec, root: &Path) -> String {
    let relative = spec
        .path
        .strip_prefix(root)
        .unwrap_or(&spec.path)
        .to_string_lossy()
        .to_lowercase();
    let stem: String = relative
        .trim_end_matches(".json")
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("corpus-{stem}")
}

#[test]
fn every_upstream_spec_generates_a_crate_that_checks_cleanly() {
    let Some(root) = common::upstream_specs() else {
        return;
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    let crates_dir = work.join("crates");
    let _ = std::fs::remove_dir_all(&crates_dir);
    let runtime = common::workspace()
        .join("integrations-runtime")
        .canonicalize()
        .expect("runtime crate");

    let mut generated = Vec::new();
    let mut failures = Vec::new();
    // A provider's manifest is written for the upstream spec `specs/derive.sh` derives
    // ours from: its verbs and paging name that spec's operations, which the provider's
    // other editions need not have. Where ours is merged from several upstream specs
    // (HubSpot, PayPal) or written by hand (Salesforce), no one upstream spec has them
    // all, and each is generated without the manifest.
    let sources = derived_from();
    for spec in common::upstream_manifest(&root) {
        let name = crate_name(&spec, &root);
        let relative = spec.path.strip_prefix(&root).unwrap_or(&spec.path);
        let manifest = match sources.get(&spec.provider) {
            Some(files) if files.len() == 1 && Path::new(&files[0]) == relative => {
                common::provider_manifest(&spec.provider)
            }
            _ => None,
        };
        let options = Options {
            manifest,
            ..Options::default()
        };
        let started = Instant::now();
        let output = match integrations_codegen::generate(&spec.path, &options) {
            Ok(output) => output,
            Err(diagnostics) => {
                failures.push(format!(
                    "{}: generation failed:\n{diagnostics}",
                    spec.path.display()
                ));
                continue;
            }
        };
        let millis = started.elapsed().as_millis();
        if let Some(expected) = spec.operation_count
            && output.api.operations.len() != expected
        {
            failures.push(format!(
                "{}: {} operations generated, MANIFEST.tsv lists {expected}",
                spec.path.display(),
                output.api.operations.len()
            ));
        }
        let dir = crates_dir.join(&name);
        let crate_options = CrateOptions {
            name: name.clone(),
            runtime: RuntimeDependency::Path(runtime.clone()),
            own_workspace: false,
            regenerate: None,
        };
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            standalone::cargo_toml(&output.api, &crate_options, &dir),
        )
        .unwrap();
        std::fs::write(
            dir.join("src/lib.rs"),
            standalone::lib_rs(&output.api, &output.code, &crate_options),
        )
        .unwrap();
        generated.push(Generated {
            name,
            spec: spec
                .path
                .strip_prefix(&root)
                .unwrap_or(&spec.path)
                .display()
                .to_string(),
            types: output.api.types.len(),
            operations: output.api.operations.len(),
            warnings: output
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
            millis,
        });
    }

    let members: Vec<String> = generated
        .iter()
        .map(|g| format!("    \"crates/{}\",", g.name))
        .collect();
    std::fs::write(
        work.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n",
            members.join("\n")
        ),
    )
    .unwrap();
    let _ = std::fs::copy(
        common::workspace().join("Cargo.lock"),
        work.join("Cargo.lock"),
    );

    let (tool, problems, check_secs) = check(&work);
    let mut report = String::from(
        "| spec | crate | types | operations | generator warnings | generation ms | check errors | check warnings |\n|---|---|---|---|---|---|---|---|\n",
    );
    for g in &generated {
        let (errors, warnings) = problems
            .get(&g.name)
            .map(|p| (p.errors, p.warnings))
            .unwrap_or((0, 0));
        let _ = writeln!(
            report,
            "| {} | {} | {} | {} | {} | {} | {errors} | {warnings} |",
            g.spec, g.name, g.types, g.operations, g.warnings, g.millis
        );
    }
    let _ = writeln!(
        report,
        "\n`cargo {tool}` of all {} crates together: {check_secs:.0} s",
        generated.len()
    );
    println!("{report}");
    std::fs::write(work.join("REPORT.md"), &report).unwrap();

    for (name, p) in &problems {
        if p.errors > 0 || p.warnings > 0 {
            failures.push(format!(
                "{name}: {} error(s), {} warning(s):\n{}",
                p.errors,
                p.warnings,
                p.first.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(problems.contains_key("build"), "the check did not finish");
}

#[derive(Default)]
struct Problems {
    errors: usize,
    warnings: usize,
    first: Vec<String>,
}

/// Runs clippy (or check, without clippy) over the corpus workspace; problems by crate
/// (and `build` for the whole run's outcome).
fn check(work: &Path) -> (&'static str, BTreeMap<String, Problems>, f64) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let has_clippy = Command::new(&cargo)
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    let tool = if has_clippy { "clippy" } else { "check" };
    if !has_clippy {
        common::skip("clippy is not installed; the corpus is checked with `cargo check` only");
    }
    let started = Instant::now();
    let mut command = Command::new(&cargo);
    command
        .arg(tool)
        .args(["--workspace", "--message-format=json", "--quiet"]);
    if has_clippy {
        // Rustdoc on every public item is part of the contract: a missing doc counts as
        // a warning, and so fails the corpus.
        command.args(["--", "-W", "missing_docs"]);
    }
    let output = command
        .current_dir(work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        // Each run regenerates the crates: incremental caches would only pile up (they
        // reached 14 GB over a few sessions) without making a run faster.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let secs = started.elapsed().as_secs_f64();
    let mut problems: BTreeMap<String, Problems> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let package = message["package_id"].as_str().unwrap_or("");
        let Some(name) = package_name(package) else {
            continue;
        };
        let level = message["message"]["level"].as_str().unwrap_or("");
        let entry = problems.entry(name).or_default();
        match level {
            "error" => entry.errors += 1,
            "warning" => entry.warnings += 1,
            _ => continue,
        }
        if entry.first.len() < 5 {
            entry.first.push(
                message["message"]["rendered"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            );
        }
    }
    if output.status.success() {
        problems.entry("build".to_owned()).or_default();
    } else if problems.values().all(|p| p.errors == 0) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        problems.entry("cargo".to_owned()).or_default().errors += 1;
        problems
            .entry("cargo".to_owned())
            .or_default()
            .first
            .push(stderr.into_owned());
    }
    (tool, problems, secs)
}

/// The corpus crate a package id belongs to (`path+file:///…/crates/corpus-x#0.1.0`).
fn package_name(package_id: &str) -> Option<String> {
    let path: PathBuf = package_id
        .split('#')
        .next()?
        .trim_start_matches("path+file://")
        .into();
    let name = path.file_name()?.to_string_lossy().into_owned();
    name.starts_with("corpus-").then_some(name)
}

/// The upstream specs each shipped spec is derived from, by provider, as the `trim`
/// lines of `specs/derive.sh` name them (`trim hubspot a.json,b.json,c.json ...`).
fn derived_from() -> std::collections::HashMap<String, Vec<String>> {
    let script = std::fs::read_to_string(common::workspace().join("specs/derive.sh"))
        .expect("specs/derive.sh");
    script
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next()? == "trim").then_some(())?;
            let provider = words.next()?;
            let sources = words.next()?;
            (!provider.starts_with('$')).then(|| {
                (
                    provider.to_owned(),
                    sources.split(',').map(str::to_owned).collect(),
                )
            })
        })
        .collect()
}
