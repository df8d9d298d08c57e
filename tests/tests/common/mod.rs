//! Helpers shared by the integration tests: where things are, and skipping politely.

#![allow(dead_code)]

pub mod documented;

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/upstream-specs`, or `None` (with the reason printed) when it is absent.
pub fn upstream_specs() -> Option<PathBuf> {
    let dir = workspace().join("../shared/upstream-specs");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        skip(&format!(
            "{} is absent (the real provider specs live there)",
            dir.display()
        ));
        None
    }
}

/// Says why a test is skipping. Written to the process's stderr directly, past the test
/// harness's output capture, so that a skip shows in a plain `cargo test` run.
pub fn skip(reason: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

/// One row of `MANIFEST.tsv`.
#[derive(Debug, Clone)]
pub struct UpstreamSpec {
    /// The provider (`stripe`).
    pub provider: String,
    /// The spec file.
    pub path: PathBuf,
    /// How many operations the spec holds, when the manifest says.
    pub operation_count: Option<usize>,
}

/// Every spec listed in `MANIFEST.tsv`.
pub fn upstream_manifest(dir: &Path) -> Vec<UpstreamSpec> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv is readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no `{name}` column"))
    };
    let (provider, local) = (column("provider"), column("local_path"));
    let operations = header.iter().position(|h| *h == "operation_count");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            UpstreamSpec {
                provider: fields[provider].to_owned(),
                path: dir.join(fields[local]),
                operation_count: operations
                    .and_then(|column| fields.get(column))
                    .and_then(|count| count.trim().parse().ok()),
            }
        })
        .collect()
}

/// The project's manifest for `provider` (`specs/<provider>/provider.toml`), if any.
pub fn provider_manifest(provider: &str) -> Option<PathBuf> {
    let path = workspace()
        .join("specs")
        .join(provider)
        .join("provider.toml");
    path.is_file().then_some(path)
}

/// The one request a mock server received (panics, naming the count, otherwise).
pub async fn only_request(server: &wiremock::MockServer) -> wiremock::Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:#?}"
    );
    requests.remove(0)
}

/// A header of a recorded request, as text.
pub fn header(request: &wiremock::Request, name: &str) -> String {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap_or("<not text>").to_owned())
        .unwrap_or_else(|| panic!("no `{name}` header in {:?}", request.headers))
}

/// The body of a recorded request, as text.
pub fn body_text(request: &wiremock::Request) -> String {
    String::from_utf8(request.body.clone()).expect("the body is text")
}

/// A JSON response.
pub fn json_response(status: u16, body: serde_json::Value) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

/// A local server that answers `verb route` with `status` and the JSON `body`.
pub async fn answering(
    verb: &str,
    route: &str,
    status: u16,
    body: serde_json::Value,
) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method(verb))
        .and(wiremock::matchers::path(route))
        .respond_with(json_response(status, body))
        .mount(&server)
        .await;
    server
}

/// Mounts one JSON page per entry of `pages` at `GET route`: the first (`None`) answers a
/// request without the query parameter `param`, each other one the request whose `param`
/// has its value.
pub async fn mount_pages(
    server: &wiremock::MockServer,
    route: &str,
    param: &str,
    pages: impl IntoIterator<Item = (Option<&str>, serde_json::Value)>,
) {
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    for (value, body) in pages {
        let mock = wiremock::Mock::given(method("GET")).and(path(route));
        let mock = match value {
            None => mock.and(query_param_is_missing(param)),
            Some(value) => mock.and(query_param(param, value)),
        };
        mock.respond_with(json_response(200, body))
            .mount(server)
            .await;
    }
}

/// The query of every request `server` received, in order.
pub async fn queries(server: &wiremock::MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect()
}

/// Stripe's documented customer object (its API reference's example), with `id` and
/// `email` given.
pub fn stripe_customer(id: &str, email: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": 1680893993,
        "currency": null,
        "default_source": null,
        "delinquent": false,
        "description": null,
        "discount": null,
        "email": email,
        "invoice_prefix": "0759376C",
        "invoice_settings": {
            "custom_fields": null,
            "default_payment_method": null,
            "footer": null,
            "rendering_options": null
        },
        "livemode": false,
        "metadata": {},
        "name": "Jenny Rosen",
        "next_invoice_sequence": 1,
        "phone": null,
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null
    })
}

/// The Python of a virtual environment holding the independent validators in
/// `tests/python-requirements.txt` (`target/tools/python`). `.ci/run` creates it before the
/// tests; a test that finds it missing creates it (from PyPI) and says so. A failure to
/// create it fails the test: the validators are the oracle, not an option.
pub fn python_tools() -> PathBuf {
    use std::process::Command;
    static READY: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let venv = workspace().join("target/tools/python");
    let python = venv.join("bin/python");
    let requirements = workspace().join("tests/python-requirements.txt");
    let mut ready = READY.lock().unwrap_or_else(|e| e.into_inner());
    if *ready {
        return python;
    }
    let installed = venv.join("installed-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("python-requirements.txt");
    if std::fs::read_to_string(&installed).ok().as_deref() != Some(wanted.as_str()) {
        skip("installing the Python validators into target/tools/python (once)");
        if !python.is_file() {
            let status = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .expect("python3 runs");
            assert!(
                status.success(),
                "python3 -m venv {} failed",
                venv.display()
            );
        }
        let status = Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements)
            .status()
            .expect("pip runs");
        assert!(
            status.success(),
            "pip could not install {}: the validators are needed",
            requirements.display()
        );
        std::fs::write(&installed, &wanted).expect("venv is writable");
    }
    *ready = true;
    python
}

/// Asserts that `decoded`, encoded again, is `documented`: every key the provider sent
/// was decoded and comes back unchanged (numbers compared by value), none added.
pub fn assert_kept<T: serde::Serialize>(decoded: &T, documented: &serde_json::Value, what: &str) {
    let again = serde_json::to_value(decoded).expect("a decoded answer encodes");
    let mut differences = Vec::new();
    json_differences(documented, &again, String::new(), &mut differences);
    assert!(
        differences.is_empty(),
        "{what}: the decoded answer is not the documented one: {differences:#?}"
    );
}

/// Where `after` differs from `before`, as JSON pointers.
fn json_differences(
    before: &serde_json::Value,
    after: &serde_json::Value,
    at: String,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}/{key}");
                match b.get(key) {
                    Some(other) => json_differences(value, other, here, out),
                    None => out.push(format!("lost {here}")),
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("added {at}/{key}"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                json_differences(x, y, format!("{at}/{i}"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => out.push(format!("changed {at}: {a} -> {b}")),
    }
}

/// Writes a spec (`doc`, as loaded) and examples for it (`[{id, kind, schema, value}]`,
/// `schema` a JSON Pointer into `doc`) into `dir` as the independent validator reads them
/// (`tests/oracle/validate_examples.py`).
pub fn write_oracle_input(dir: &Path, doc: &impl serde::Serialize, examples: &serde_json::Value) {
    std::fs::create_dir_all(dir).expect("the validator's folder");
    std::fs::write(dir.join("doc.json"), serde_json::to_string(doc).unwrap()).unwrap();
    std::fs::write(
        dir.join("examples.json"),
        serde_json::to_string(examples).unwrap(),
    )
    .unwrap();
}

/// The independent validator's verdicts on what [`write_oracle_input`] wrote into `dir`:
/// for each example's id, `null` when it is valid against its schema, the validator's
/// message when not, `{"unjudged": …}` when it cannot judge.
pub fn oracle_verdicts<T: serde::de::DeserializeOwned>(python: &Path, dir: &Path) -> T {
    let status = std::process::Command::new(python)
        .arg(workspace().join("tests/oracle/validate_examples.py"))
        .arg(dir)
        .status()
        .expect("the validator runs");
    assert!(
        status.success(),
        "validating the examples in {} failed",
        dir.display()
    );
    let verdicts = std::fs::read_to_string(dir.join("validity.json")).expect("the verdicts");
    serde_json::from_str(&verdicts).expect("the verdicts are JSON")
}
