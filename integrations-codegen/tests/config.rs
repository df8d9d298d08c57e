//! The build.rs front door: what `Config::generate` writes, and how it fails.

use std::path::{Path, PathBuf};

use integrations_codegen::Config;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn writes_one_file_per_spec_named_after_it() {
    let out = out_dir("config-ok");
    let written = Config::new()
        .spec(fixtures().join("enums.yaml"))
        .spec(fixtures().join("binary.yaml"))
        .file_name("files")
        .keep(["uploadFile"])
        .out_dir(&out)
        .emit_rerun_if_changed(false)
        .generate()
        .expect("generates");
    assert_eq!(written, [out.join("enums.rs"), out.join("files.rs")]);
    let files = std::fs::read_to_string(out.join("files.rs")).unwrap();
    assert!(
        files.contains("pub fn upload_file") && !files.contains("pub fn get_content"),
        "keep applies"
    );
    let enums = std::fs::read_to_string(out.join("enums.rs")).unwrap();
    assert!(enums.contains("pub enum Status") && enums.contains("::integrations_runtime::"));

    // The runtime path can be re-rooted (for users of the facade crate).
    Config::new()
        .spec(fixtures().join("enums.yaml"))
        .runtime_path("::integrations::runtime")
        .out_dir(&out)
        .emit_rerun_if_changed(false)
        .generate()
        .expect("generates");
    let enums = std::fs::read_to_string(out.join("enums.rs")).unwrap();
    assert!(
        enums.contains("::integrations::runtime::serde")
            && !enums.contains("::integrations_runtime::")
    );
}

#[test]
fn a_broken_spec_fails_at_once_naming_the_file_and_pointer() {
    let out = out_dir("config-broken");
    let error = Config::new()
        .spec(fixtures().join("malformed/dangling_ref.yaml"))
        .out_dir(&out)
        .emit_rerun_if_changed(false)
        .generate()
        .expect_err("fails");
    let message = format!("{error:?}");
    assert!(message.contains("cannot generate code from"), "{message}");
    assert!(
        message.contains("dangling_ref.yaml#/components/schemas/Order/properties/customer"),
        "{message}"
    );
    assert!(
        !out.join("dangling_ref.rs").exists(),
        "nothing is written for a broken spec"
    );
}

#[test]
fn deny_warnings_turns_degradations_into_failures() {
    let dir = out_dir("config-degraded");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("degraded.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    X: {type: banana}\n",
    )
    .unwrap();
    let mut config = Config::new();
    config
        .spec(&spec)
        .out_dir(&dir)
        .emit_rerun_if_changed(false);
    config.generate().expect("a warning alone does not fail");
    let error = config.deny_warnings(true).generate().expect_err("denied");
    assert!(
        error.to_string().contains("unknown type `banana`"),
        "{error}"
    );
}

#[test]
fn without_out_dir_or_cargo_it_says_so() {
    // SAFETY: this test binary does not otherwise read OUT_DIR.
    unsafe { std::env::remove_var("OUT_DIR") };
    let error = Config::new()
        .spec(fixtures().join("enums.yaml"))
        .generate()
        .expect_err("no OUT_DIR");
    assert!(error.to_string().contains("OUT_DIR is not set"), "{error}");
}

#[test]
fn per_spec_settings_before_any_spec_are_reported() {
    let error = Config::new()
        .keep(["PostCustomers"])
        .spec(fixtures().join("enums.yaml"))
        .out_dir(out_dir("config-misuse"))
        .generate()
        .expect_err("misuse");
    assert!(
        error
            .to_string()
            .contains("`keep` was called before any `spec`"),
        "{error}"
    );
}
