//! Names of merged inline types do not depend on the order of the spec: two person and
//! two deal operations answer identical inline `data` objects, which merge into one type
//! each; both would share the name `ResponseData`, so neither takes it, and each is
//! named by the shortest of its uses' names. Reordering the operations and adding a
//! third use leaves every name as it was.

use std::path::Path;

use integrations_codegen::Options;

/// A spec with `operations` (YAML path items, in order) under `paths`.
fn spec(name: &str, operations: &[&str]) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stable-names");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.yaml"));
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: Names, version: '1'}}\nservers: [{{url: 'https://api.example.com'}}]\npaths:\n{}",
        operations.concat()
    );
    std::fs::write(&path, text).expect("spec written");
    path
}

fn answer(operation_id: &str, method: &str, fields: &str) -> String {
    format!(
        "    {method}:\n      operationId: {operation_id}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  data:\n                    type: object\n                    properties: {{{fields}}}\n"
    )
}

/// The name of the type generated for the `data` of `path`'s `method` answer.
fn data_type(api: &integrations_codegen::ir::Api, path: &str, method: &str) -> String {
    let pointer = format!(
        "/paths/{}/{method}/responses/200/content/application~1json/schema/properties/data",
        path.replace('~', "~0").replace('/', "~1")
    );
    api.types
        .iter()
        .find(|def| def.schemas.iter().any(|s| s.ends_with(&pointer)))
        .map(|def| def.name.clone())
        .unwrap_or_else(|| panic!("no type for {pointer}"))
}

#[test]
fn merged_type_names_do_not_depend_on_the_order_of_the_spec() {
    let person = "id: {type: integer}, name: {type: string}";
    let deal = "id: {type: integer}, title: {type: string}";
    let persons = format!(
        "  /persons:\n{}{}",
        answer("addPerson", "post", person),
        answer("getPersons", "get", person)
    );
    let deals = format!(
        "  /deals:\n{}{}",
        answer("addDeal", "post", deal),
        answer("getDeals", "get", deal)
    );
    let first = spec("first", &[&persons, &deals]);
    let updated_person = format!("  /persons/{{id}}:\n{}", answer("updatePerson", "patch", person).replace("      operationId: updatePerson\n", "      operationId: updatePerson\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n"));
    let second = spec("second", &[&deals, &updated_person, &persons]);
    let options = Options::default();
    let (a, ..) = integrations_codegen::build_ir(&first, &options).expect("the first spec");
    let (b, ..) = integrations_codegen::build_ir(&second, &options).expect("the second spec");

    for (path, method) in [
        ("/persons", "post"),
        ("/persons", "get"),
        ("/deals", "post"),
        ("/deals", "get"),
    ] {
        assert_eq!(
            data_type(&a, path, method),
            data_type(&b, path, method),
            "{method} {path}"
        );
    }
    assert_eq!(data_type(&a, "/persons", "get"), "AddPersonResponseData");
    assert_eq!(data_type(&a, "/deals", "get"), "AddDealResponseData");
    assert_eq!(
        data_type(&b, "/persons/{id}", "patch"),
        "AddPersonResponseData"
    );
    let numbered: Vec<&str> = a
        .types
        .iter()
        .chain(&b.types)
        .map(|def| def.name.as_str())
        .filter(|name| name.ends_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert!(numbered.is_empty(), "no name needs a number: {numbered:?}");
}
