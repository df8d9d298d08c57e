//! The `integrations-codegen` command: exit codes and what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_integrations-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `check` on a malformed spec exits non-zero and names the file and the JSON Pointer.
fn assert_check_fails(file: &str, pointer: &str, message: &str) {
    let path = fixtures().join("malformed").join(file);
    let output = run(&["check", "--spec", path.to_str().unwrap()]);
    let text = stderr(&output);
    assert!(!output.status.success(), "{file}: check succeeded:\n{text}");
    let located = format!("{file}#{pointer}");
    assert!(
        text.contains(&located),
        "{file}: expected `{located}` in:\n{text}"
    );
    assert!(
        text.contains(message),
        "{file}: expected `{message}` in:\n{text}"
    );
}

#[test]
fn bad_yaml_is_located() {
    assert_check_fails(
        "bad_yaml.yaml",
        "/paths/~1a/get/2",
        "invalid YAML at line 6",
    );
}

#[test]
fn dangling_ref_is_located() {
    assert_check_fails(
        "dangling_ref.yaml",
        "/components/schemas/Order/properties/customer",
        "dangling `$ref`: `#/components/schemas/Customer` does not exist",
    );
}

#[test]
fn ref_cycle_without_base_case_is_located() {
    assert_check_fails(
        "ref_cycle.yaml",
        "/components/schemas/A",
        "`$ref` cycle with no base case",
    );
}

#[test]
fn unknown_version_is_located() {
    assert_check_fails(
        "unknown_version.yaml",
        "/openapi",
        "unsupported version `openapi: 4.0.0`",
    );
}

#[test]
fn non_object_schema_is_located() {
    assert_check_fails(
        "non_object_schema.yaml",
        "/components/schemas/Price",
        "a schema must be an object or a boolean, found a number",
    );
}

#[test]
fn missing_file_is_an_error() {
    let output = run(&["check", "--spec", "/nonexistent/spec.yaml"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("cannot read the file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_passes_a_good_spec_and_deny_warnings_fails_a_degraded_one() {
    let good = fixtures().join("unions.yaml");
    let output = run(&["check", "--spec", good.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("ok (16 types"));

    let dir = tempdir("degraded");
    let degraded = dir.join("degraded.yaml");
    std::fs::write(
        &degraded,
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    X:\n      type: banana\n",
    )
    .unwrap();
    let lenient = run(&["check", "--spec", degraded.to_str().unwrap()]);
    assert!(lenient.status.success(), "{}", stderr(&lenient));
    assert!(
        stderr(&lenient).contains("warning: ")
            && stderr(&lenient).contains("#/components/schemas/X")
    );
    let strict = run(&[
        "check",
        "--deny-warnings",
        "--spec",
        degraded.to_str().unwrap(),
    ]);
    assert!(!strict.status.success());
    assert!(
        stderr(&strict).contains("error: ") && stderr(&strict).contains("unknown type `banana`")
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `generate --spec SPEC --out OUT` with `more` arguments.
fn generate(spec: &Path, out: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    run(&args)
}

#[test]
fn generate_writes_a_crate_and_reports_what_it_did() {
    let out = tempdir("generated");
    let spec = fixtures().join("binary.yaml");
    let output = generate(&spec, &out, &["--crate-name", "files-client"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("generated crate `files-client`")
            && stdout.contains("3 operations")
            && stdout.contains(" ms"),
        "{stdout}"
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"files-client\"")
            && manifest.contains("integrations-runtime = { path = "),
        "{manifest}"
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.starts_with("//! Typed client for Binary fixture 1.0")
            && lib.contains("pub struct Client"),
        "{lib}"
    );
    // The crate says how to regenerate it, with the options it was generated with.
    assert!(
        lib.contains("--crate-name files-client"),
        "the regenerate command lost --crate-name:\n{lib}"
    );
}

#[test]
fn generate_refuses_a_broken_spec_and_points_at_patches() {
    let out = tempdir("not-generated");
    let spec = fixtures().join("malformed/dangling_ref.yaml");
    let output = generate(&spec, &out, &[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("dangling_ref.yaml#/") && err.contains("generation failed: 1 error(s)"),
        "{err}"
    );
    assert!(err.contains("[[patches]]"), "{err}");
    assert!(
        !out.join("src/lib.rs").exists(),
        "nothing is written when generation fails"
    );
}

#[test]
fn trim_keeps_the_selection_and_what_it_reaches() {
    let out = tempdir("trimmed").join("trimmed.yaml");
    let spec = fixtures().join("binary.yaml");
    let output = run(&[
        "trim",
        "--spec",
        spec.to_str().unwrap(),
        "--keep",
        "uploadFile",
        "--strip-docs",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("/files:") && !text.contains("/files/{id}/content"),
        "{text}"
    );
    assert!(text.contains("File:"), "{text}");
    // The provider's prose is gone; what OpenAPI requires (a response's description) is
    // written in a few words of our own.
    let descriptions: Vec<&str> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("description:"))
        .map(str::trim)
        .collect();
    assert!(!descriptions.is_empty(), "{text}");
    assert!(
        descriptions
            .iter()
            .all(|d| ["Created.", "OK.", "Any other status.", "Bad request."].contains(d)),
        "{descriptions:?}\n{text}"
    );
    let none = run(&[
        "trim",
        "--spec",
        spec.to_str().unwrap(),
        "--keep",
        "nothingMatches",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!none.status.success());
    assert!(
        stderr(&none).contains("no operation matches"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn ir_prints_json() {
    let spec = fixtures().join("enums.yaml");
    let output = run(&["ir", "--spec", spec.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the IR is JSON");
    assert_eq!(ir["title"], "Enums fixture");
    let names: Vec<&str> = ir["types"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Status") && names.contains(&"HolderKind"),
        "{names:?}"
    );
}

#[test]
fn spec_text_cannot_leave_the_crate_header() {
    let dir = tempdir("header-injection");
    let spec = dir.join("evil.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\n\
         info:\n  title: \"Evil\\npub fn injected() {}\\r\"\n  version: \"1.0\\n\\n#![no_std]\"\n  \
         description: \"First line.\\npub struct Injected;\"\n\
         paths: {}\n",
    )
    .unwrap();
    let out = dir.join("crate");
    let output = generate(&spec, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    let header: Vec<&str> = lib.lines().take_while(|line| !line.is_empty()).collect();
    assert!(
        header.iter().all(|line| line.starts_with("//!")),
        "spec text escaped the doc comment:\n{lib}"
    );
    assert!(
        header[0].contains("Evil pub fn injected() {} 1.0 #!\\[no_std\\]"),
        "{}",
        header[0]
    );
    assert!(
        !lib.contains('\r'),
        "a bare CR is an error in a doc comment"
    );
}

#[test]
fn a_status_written_twice_is_one_response_with_a_warning() {
    let dir = tempdir("duplicate-status");
    let spec = dir.join("twice.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.3
info: {title: Twice, version: "1"}
paths:
  /jobs:
    post:
      operationId: startJob
      responses:
        "200": {description: done, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        "200 ": {description: the same status again}
        "202": {description: accepted, content: {application/json: {schema: {type: object, properties: {ticket: {type: string}}}}}}
        "4XX": {description: client error, content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}}
        "4xx": {description: the same class again}
        "5XX": {description: server error, content: {text/plain: {schema: {type: string}}}}
"#,
    )
    .unwrap();
    let check = run(&["check", "--spec", spec.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let err = stderr(&check);
    assert!(
        err.contains("twice.yaml#/paths/~1jobs/post/responses/200 : `200 ` repeats a status")
            && err.contains("twice.yaml#/paths/~1jobs/post/responses/4xx: `4xx` repeats a status"),
        "{err}"
    );

    let output = run(&["ir", "--spec", spec.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let statuses = |outcome: &str| -> Vec<String> {
        let id = ir["operations"][0][outcome]["value"].as_u64().unwrap() as usize;
        ir["types"][id]["kind"]["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["response"]["status"].to_string())
            .collect()
    };
    assert_eq!(
        statuses("success"),
        [
            r#"{"kind":"code","value":200}"#,
            r#"{"kind":"code","value":202}"#
        ]
    );
    assert_eq!(
        statuses("error"),
        [
            r#"{"kind":"range","value":4}"#,
            r#"{"kind":"range","value":5}"#
        ]
    );
}

#[test]
fn path_arguments_follow_the_path_template() {
    let dir = tempdir("path-order");
    let spec = dir.join("repos.yaml");
    // The path item lists `repo` before `owner`, and the operation redefines `owner`:
    // the method still takes `owner, repo`, as the path reads.
    std::fs::write(
        &spec,
        r#"openapi: 3.0.3
info: {title: Repos, version: "1"}
paths:
  /repos/{owner}/{repo}:
    parameters:
      - {name: repo, in: path, required: true, schema: {type: string}}
      - {name: owner, in: path, required: true, schema: {type: string}}
    get:
      operationId: getRepo
      parameters:
        - {name: owner, in: path, required: true, description: The account, schema: {type: string}}
        - {name: page, in: query, required: true, schema: {type: integer}}
      responses:
        "204": {description: ok}
"#,
    )
    .unwrap();
    let out = dir.join("crate");
    let output = generate(&spec, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    let start = lib.find("pub fn get_repo(").expect("the method");
    let signature = &lib[start..start + lib[start..].find(')').unwrap()];
    let position = |arg: &str| {
        signature
            .find(&format!("{arg}: "))
            .unwrap_or_else(|| panic!("no `{arg}` in {signature}"))
    };
    assert!(
        position("owner") < position("repo") && position("repo") < position("page"),
        "{signature}"
    );
}

#[test]
fn properties_beside_one_of_hold_in_every_variant() {
    let dir = tempdir("properties-beside-one-of");
    let spec = dir.join("pets.yaml");
    std::fs::write(
        &spec,
        r##"openapi: 3.0.3
info: {title: Pets, version: "1"}
paths: {}
components:
  schemas:
    Cat: {type: object, properties: {pet_type: {type: string}, meows: {type: boolean}}}
    Dog: {type: object, properties: {pet_type: {type: string}, barks: {type: boolean}}}
    Pet:
      properties: {name: {type: string}}
      required: [name]
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
"##,
    )
    .unwrap();
    let output = run(&["check", "--spec", spec.to_str().unwrap(), "--deny-warnings"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run(&["ir", "--spec", spec.to_str().unwrap()]);
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).expect("IR is JSON");
    let types = ir["types"].as_array().expect("types");
    let by_name = |name: &str| {
        types
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    };
    let pet = by_name("Pet");
    assert_eq!(pet["kind"]["kind"], "union", "{pet}");
    for (variant, own) in [("PetCat", "meows"), ("PetDog", "barks")] {
        let fields: Vec<(String, bool)> = by_name(variant)["kind"]["fields"]
            .as_array()
            .expect("a struct")
            .iter()
            .map(|f| {
                (
                    f["wire_name"].as_str().unwrap_or_default().to_owned(),
                    f["required"] == true,
                )
            })
            .collect();
        assert!(
            fields.contains(&("name".to_owned(), true)),
            "{variant}: {fields:?}"
        );
        assert!(
            fields.contains(&(own.to_owned(), false)),
            "{variant}: {fields:?}"
        );
    }
}

#[test]
fn type_hooks_reach_the_crate_and_its_regenerate_command() {
    let out = tempdir("hooked");
    let spec = fixtures().join("hooks.yaml");
    let output = generate(
        &spec,
        &out,
        &[
            "--type-attribute",
            "#/components/schemas/Order=#[derive(Eq)]",
            "--replace-type",
            "#/components/schemas/Money=my_money::Money",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("#[derive(Eq)]\n/// The `Order` schema."),
        "{lib}"
    );
    assert!(lib.contains("pub type Money = my_money::Money;"), "{lib}");
    assert!(
        lib.contains("--type-attribute '#/components/schemas/Order=#[derive(Eq)]'")
            && lib.contains("--replace-type '#/components/schemas/Money=my_money::Money'"),
        "the regenerate command lost the hooks:\n{lib}"
    );

    // `check` reports a hook that selects nothing, and fails under --deny-warnings.
    let spec_text = spec.to_str().unwrap();
    let args = [
        "check",
        "--spec",
        spec_text,
        "--type-attribute",
        "#/components/schemas/Ordre=#[derive(Eq)]",
    ];
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = format!(
        "{}{}",
        stderr(&output),
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(said.contains("no generated type comes from"), "{said}");
    let mut strict = args.to_vec();
    strict.push("--deny-warnings");
    assert!(!run(&strict).status.success());

    // A line break cannot ride in on a hook.
    let output = run(&[
        "check",
        "--spec",
        spec_text,
        "--type-attribute",
        "#/x=#[a]\n//! b",
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("control character"),
        "{}",
        stderr(&output)
    );
}
