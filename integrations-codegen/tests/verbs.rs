//! Verbs and paging in `provider.toml`, checked against the spec: each mistake fails
//! generation with the manifest key at fault and, where a near name exists, a
//! did-you-mean. The working manifest is `tests/fixtures/verbs/provider.toml` (its output
//! is snapshotted and compiled by the tests crate).

use std::path::{Path, PathBuf};

use integrations_codegen::Options;

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/verbs/openapi.yaml")
}

/// Generates the verbs fixture with `manifest` as its provider.toml: the diagnostics.
fn generate_with(name: &str, manifest: &str) -> Result<integrations_codegen::Output, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("verbs-manifests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, manifest).expect("manifest written");
    let options = Options {
        manifest: Some(path),
        deny_warnings: true,
        ..Options::default()
    };
    integrations_codegen::generate(&spec(), &options).map_err(|d| d.to_string())
}

fn fails_with(name: &str, manifest: &str, key: &str, message: &str) {
    let diagnostics = generate_with(name, manifest).expect_err("the manifest is wrong");
    let line = diagnostics
        .lines()
        .find(|line| line.contains(message))
        .unwrap_or_else(|| panic!("no diagnostic says {message:?}:\n{diagnostics}"));
    assert!(
        line.contains(&format!("{name}.toml#{key}")),
        "the diagnostic names {key}: {line}"
    );
}

#[test]
fn the_fixture_manifest_generates_verbs_and_paging() {
    let manifest =
        std::fs::read_to_string(spec().with_file_name("provider.toml")).expect("fixture");
    let output = generate_with("fixture", &manifest).expect("generates");
    let api = &output.api;
    let resources: Vec<(&str, Vec<&str>)> = api
        .resources
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.verbs.iter().map(|v| v.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        resources,
        [
            ("events", vec!["list"]),
            ("notes", vec!["create", "delete", "get", "list", "search"]),
        ]
    );
    assert_eq!(api.verbs.len(), 1);
    let paged: Vec<&str> = api
        .operations
        .iter()
        .filter(|op| op.paging.is_some())
        .map(|op| op.id.as_str())
        .collect();
    assert_eq!(paged, ["listNotes", "searchNotes", "listEvents"]);
    let list = api
        .operations
        .iter()
        .find(|op| op.id == "listNotes")
        .expect("listNotes");
    assert!(
        list.params.iter().all(|p| p.wire_name != "token"),
        "the credential's parameter is dropped"
    );
    assert!(output.code.contains("pub fn created_at_before("));
}

#[test]
fn an_unknown_operation_is_named_with_a_near_one() {
    fails_with(
        "unknown-operation",
        "[resources.notes]\nget = \"getNotes\"\n",
        "/resources/notes/get",
        "names the operation `getNotes`, which the spec does not have (did you mean `getNote`?)",
    );
    fails_with(
        "unknown-paging-operation",
        "[pagination.operations]\nlistNote = { items = \"/notes\", cursor_param = \"cursor\", cursor = \"/next_cursor\" }\n",
        "/pagination/operations/listNote",
        "(did you mean `listNotes`?)",
    );
}

#[test]
fn a_cursor_parameter_the_operation_lacks_is_named_with_a_near_one() {
    fails_with(
        "unknown-cursor-param",
        "[pagination.operations]\nlistNotes = { items = \"/notes\", cursor_param = \"cursr\", cursor = \"/next_cursor\" }\n",
        "/pagination/operations/listNotes",
        "`listNotes` has no query parameter `cursr` to send the cursor in (did you mean `cursor`?)",
    );
    fails_with(
        "required-cursor-param",
        "[pagination.operations]\nsearchNotes = { items = \"/data\", cursor_param = \"q\", cursor = \"/next\" }\n",
        "/pagination/operations/searchNotes",
        "the cursor parameter `q` of `searchNotes` is required",
    );
}

#[test]
fn an_items_pointer_that_misses_the_list_is_explained() {
    fails_with(
        "items-typo",
        "[pagination.operations]\nlistNotes = { items = \"/note\", cursor_param = \"cursor\", cursor = \"/next_cursor\" }\n",
        "/pagination/operations/listNotes",
        "`items` of `listNotes` is `/note`, but `ListNotesResponse` has no property `note` (did you mean `notes`?)",
    );
    fails_with(
        "items-not-a-list",
        "[pagination.operations]\nlistNotes = { items = \"/next_cursor\", cursor_param = \"cursor\", cursor = \"/next_cursor\" }\n",
        "/pagination/operations/listNotes",
        "that is not a list",
    );
}

#[test]
fn the_next_page_is_said_exactly_one_way() {
    fails_with(
        "two-ways",
        "[pagination.operations]\nlistNotes = { items = \"/notes\", cursor_param = \"cursor\", cursor = \"/next_cursor\", next_url = \"/next\" }\n",
        "/pagination/operations/listNotes",
        "needs exactly one of `cursor`, `cursor_from_last_item` and `next_url`",
    );
    fails_with(
        "no-way",
        "[pagination.operations]\nlistNotes = { items = \"/notes\" }\n",
        "/pagination/operations/listNotes",
        "needs exactly one of",
    );
}

#[test]
fn a_verb_cannot_take_a_method_the_client_has() {
    fails_with(
        "taken",
        "[verbs]\nlist_notes = \"listNotes\"\n",
        "/verbs/list_notes",
        "is already a method of the client",
    );
    fails_with(
        "not-a-name",
        "[verbs]\nSend = \"shareNote\"\n",
        "/verbs/Send",
        "is not a method name",
    );
}

#[test]
fn a_pointer_that_is_not_one_is_refused_where_it_is_written() {
    fails_with(
        "not-a-pointer",
        "[pagination]\nitems = \"notes\"\n",
        "/pagination/items",
        "must be a JSON Pointer",
    );
}

#[test]
fn a_continuing_operation_must_exist_and_answer_the_same_pages() {
    fails_with(
        "continue_unknown",
        "[pagination.operations]\nlistNotes = { items = \"/notes\", cursor_param = \"cursor\", cursor = \"/next_cursor\", continue_with = \"listNote\" }\n",
        "/pagination/operations/listNotes/continue_with",
        "did you mean `listNotes`?",
    );
    fails_with(
        "continue_other_type",
        "[pagination.operations]\nlistNotes = { items = \"/notes\", cursor_param = \"cursor\", cursor = \"/next_cursor\", continue_with = \"createNote\" }\n",
        "/pagination/operations/listNotes/continue_with",
        "`listNotes` continues with `createNote`, which answers another type",
    );
    fails_with(
        "continue_by_url",
        "[pagination.operations]\nlistNotes = { items = \"/notes\", next_url = \"/next_cursor\", continue_with = \"listNotes\" }\n",
        "/pagination/operations/listNotes/continue_with",
        "which takes a `cursor`, not a URL",
    );
}

#[test]
fn a_mode_needs_http_base_urls() {
    fails_with(
        "mode_url",
        "[env.mode]\nvariable = \"NOTES_MODE\"\nurls = { live = \"ftp://notes.example.com\" }\n",
        "/env/mode/urls/live",
        "the base URL of `live` must be an http:// or https:// URL",
    );
    fails_with(
        "mode_empty",
        "[env.mode]\nvariable = \"NOTES_MODE\"\nurls = {}\n",
        "/env/mode/urls",
        "`NOTES_MODE` chooses among no environments",
    );
}

#[test]
fn an_env_server_must_be_a_server_of_some_operation() {
    fails_with(
        "env_server",
        "[env.servers]\n\"https://files.notes.example.com\" = \"NOTES_FILES_URL\"\n",
        "/env/servers/https:~1~1files.notes.example.com",
        "`https://files.notes.example.com` is not a server of any operation: no operation has a server of its own",
    );
}

#[test]
fn env_server_variables_must_be_the_servers() {
    // The fixture's server (`https://notes.example.com/v1`) has no variables.
    fails_with(
        "env_server_variable",
        "[env.server]\norigin = \"NOTES_HOST\"\nvariables = { version = \"NOTES_API_VERSION\" }\n",
        "/env/server/variables/version",
        "`version` is not a variable of the server `https://notes.example.com/v1`, which has no variables",
    );
}

#[test]
fn env_server_and_headers_must_make_sense() {
    fails_with(
        "env_server_required",
        "[env.server]\norigin_required = true\n",
        "/env/server/origin_required",
        "`origin_required` needs an `origin` variable",
    );
    fails_with(
        "env_server_empty",
        "[env.server]\n",
        "/env/server",
        "names neither an `origin` variable nor `variables`",
    );
    fails_with(
        "env_header",
        "[env.headers]\n\"Notes Version\" = \"NOTES_VERSION\"\n",
        "/env/headers/Notes Version",
        "`Notes Version` is not a header name",
    );
}
