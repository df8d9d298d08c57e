//! The CLI as a user gets it: `cargo install --path integrations-codegen` into a directory
//! of its own, then `generate` run from a directory outside the workspace, for a spec we
//! ship. The generated crate builds there, depending on the runtime the command was told
//! (`--runtime-path`), and its manifest names no directory of the command's own build.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn cargo() -> Command {
    let mut command = Command::new(env!("CARGO"));
    // Only what is already downloaded: no test reaches the internet.
    command.arg("--offline");
    command
}

/// Runs `command`, failing with its output unless it succeeds: its output and errors.
fn run(command: &mut Command, what: &str) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{what} failed:\n{said}");
    said
}

#[test]
fn an_installed_cli_generates_a_crate_that_builds_outside_the_workspace() {
    let workspace = common::workspace();
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("installed-cli");
    let root = work.join("root");
    let outside = work.join("elsewhere");
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).expect("a directory outside the workspace");

    run(
        cargo()
            .args(["install", "--locked", "--debug", "--force", "--path"])
            .arg(workspace.join("integrations-codegen"))
            .arg("--root")
            .arg(&root)
            .arg("--target-dir")
            .arg(work.join("install-target"))
            .env_remove("RUSTFLAGS"),
        "cargo install",
    );
    let installed = root.join("bin").join(format!(
        "integrations-codegen{}",
        std::env::consts::EXE_SUFFIX
    ));
    assert!(installed.is_file(), "installed at {}", installed.display());

    let runtime: PathBuf = workspace.join("integrations-runtime");
    let spec = workspace.join("specs/dropbox/openapi.yaml");
    let manifest = workspace.join("specs/dropbox/provider.toml");
    let crate_dir = outside.join("dropbox-client");
    let said = run(
        Command::new(&installed)
            .current_dir(&outside)
            .arg("generate")
            .arg("--spec")
            .arg(&spec)
            .arg("--manifest")
            .arg(&manifest)
            .args(["--out", "dropbox-client", "--runtime-path"])
            .arg(&runtime),
        "the installed generate",
    );
    assert!(said.contains("generated crate `dropbox`"), "{said}");

    let cargo_toml = std::fs::read_to_string(crate_dir.join("Cargo.toml")).expect("a Cargo.toml");
    assert!(
        cargo_toml.contains("integrations-runtime = { path = "),
        "{cargo_toml}"
    );
    assert!(
        !cargo_toml.contains("install-target"),
        "the build directory leaks into the manifest:\n{cargo_toml}"
    );
    // The crate is its own workspace: it builds where it was written.
    assert!(cargo_toml.contains("[workspace]"), "{cargo_toml}");
    let checked = run(
        cargo()
            .arg("check")
            .current_dir(&crate_dir)
            // Shares the dependencies the facade test compiles (with its flags, so that
            // neither test makes the other start over).
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("facade"),
            ),
        "cargo check of the generated crate",
    );
    assert!(
        !checked.contains("warning"),
        "the generated crate has warnings:\n{checked}"
    );

    // Without `--runtime-path`, a released runtime of the command's version is named
    // when the checkout it was built from is not there; from this checkout, its runtime.
    let generate_into = |dir: &str, more: &[&str]| {
        run(
            Command::new(&installed)
                .current_dir(&outside)
                .arg("generate")
                .arg("--spec")
                .arg(&spec)
                .args(["--out", dir])
                .args(more),
            &format!("generate into {dir} with {more:?}"),
        );
        std::fs::read_to_string(outside.join(dir).join("Cargo.toml")).expect("a Cargo.toml")
    };
    let default_dir = outside.join("default-runtime");
    let default_toml = generate_into("default-runtime", &[]);
    let expected = runtime.canonicalize().expect("the runtime");
    let named = default_toml
        .lines()
        .find_map(|line| line.strip_prefix("integrations-runtime = { path = \""))
        .and_then(|rest| rest.strip_suffix("\" }"))
        .unwrap_or_else(|| panic!("a path dependency:\n{default_toml}"));
    assert_eq!(
        default_dir.join(named).canonicalize().expect("it exists"),
        expected
    );

    let versioned_toml = generate_into("versioned", &["--runtime-version", "0.1"]);
    assert!(
        versioned_toml.contains("integrations-runtime = \"0.1\""),
        "{versioned_toml}"
    );
}
