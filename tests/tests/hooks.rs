//! Type hooks: attributes on generated types and existing types in place of generated
//! ones, selected by schema pointer, through build.rs (`Config`), the library and the
//! CLI. The build.rs module `hooks` (fixtures/hooks.yaml) is compiled with them, and its
//! text is what the library generates with the same hooks.

use std::path::Path;

use integrations_codegen::hooks::TypeHooks;
use integrations_codegen::{Options, build_ir, generate, resolve_hooks};
use integrations_tests::hooks::{Order, OrderStatus};
use integrations_tests::money::Money;

fn hooked() -> Options {
    let mut hooks = TypeHooks::new();
    hooks
        .derive("#/components/schemas/Order", "Eq")
        .attribute("*", "#[doc(alias = \"hooked\")]")
        .replace("#/components/schemas/Money", "crate::money::Money");
    Options {
        hooks,
        deny_warnings: true,
        ..Options::default()
    }
}

#[test]
fn hooked_code_is_what_build_rs_compiled_and_is_snapshotted() {
    let output = generate(Path::new("fixtures/hooks.yaml"), &hooked()).expect("generates");
    let compiled = include_str!(concat!(env!("OUT_DIR"), "/hooks.rs"));
    assert_eq!(output.code, compiled);
    insta::assert_snapshot!("hooks", output.code);
}

#[test]
fn a_replaced_type_is_the_application_s_own_and_derives_apply() {
    fn eq<T: Eq>() {}
    eq::<Order>();
    let order: Order = serde_json::from_value(serde_json::json!({
        "id": "ord_1",
        "total": {"amount": 1234, "currency": "USD"},
        "status": "paid"
    }))
    .expect("it decodes");
    // `total` is `crate::money::Money`, with its own methods.
    let total: &Money = &order.total;
    assert_eq!(total.display(), "12.34 USD");
    assert_eq!(order.status, Some(OrderStatus::Paid));
    assert_eq!(order.clone(), order);
    let back = serde_json::to_value(&order).expect("it encodes");
    assert_eq!(
        back["total"],
        serde_json::json!({"amount": 1234, "currency": "USD"})
    );
}

fn diagnostics_for(hooks: TypeHooks) -> Vec<String> {
    let options = Options {
        hooks,
        ..Options::default()
    };
    let spec = Path::new("fixtures/hooks.yaml");
    let (api, mut diagnostics, _, _) = build_ir(spec, &options).expect("it builds");
    match resolve_hooks(&api, spec, &options, &mut diagnostics) {
        Ok(_) => diagnostics.iter().map(|d| d.to_string()).collect(),
        Err(errors) => errors.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn hooks_that_select_nothing_or_do_not_parse_are_reported_where_they_point() {
    let mut hooks = TypeHooks::new();
    hooks.derive("#/components/schemas/Ordre", "Eq");
    let said = diagnostics_for(hooks);
    assert!(
        said.iter().any(|d| d.starts_with("warning")
            && d.contains("hooks.yaml#/components/schemas/Ordre")
            && d.contains("no generated type comes from")),
        "{said:#?}"
    );

    let mut hooks = TypeHooks::new();
    hooks.attribute("#/components/schemas/Order", "derive(Eq)");
    let said = diagnostics_for(hooks);
    assert!(
        said.iter()
            .any(|d| d.starts_with("error") && d.contains("`derive(Eq)` is not an attribute")),
        "{said:#?}"
    );

    let mut hooks = TypeHooks::new();
    hooks
        .replace("#/components/schemas/Money", "not a type!")
        .replace("*", "crate::Everything");
    let said = diagnostics_for(hooks);
    assert!(
        said.iter()
            .any(|d| d.contains("`not a type!` is not a Rust type")),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|d| d.contains("a replacement names one schema, not `*`")),
        "{said:#?}"
    );
}

#[test]
fn a_hook_on_a_merged_copy_reaches_the_type_that_stands_for_it() {
    // Two identical inline objects become one type; the second one's pointer still
    // selects it.
    let dir = std::env::temp_dir().join(format!("integrations-hooks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let spec = dir.join("openapi.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.3
info: {title: Copies, version: "1"}
paths:
  /a:
    post:
      operationId: a
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {note: {type: string}}}
      responses: {"204": {description: done}}
  /b:
    post:
      operationId: b
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {note: {type: string}}}
      responses: {"204": {description: done}}
"#,
    )
    .expect("written");
    let copy = "#/paths/~1b/post/requestBody/content/application~1json/schema";
    let mut hooks = TypeHooks::new();
    hooks.derive(copy, "Eq");
    let options = Options {
        hooks,
        deny_warnings: true,
        ..Options::default()
    };
    let output = generate(&spec, &options).expect("generates, the hook matching");
    let bodies: Vec<_> = output
        .api
        .types
        .iter()
        .filter(|t| t.schemas.len() == 2)
        .collect();
    assert_eq!(bodies.len(), 1, "the two bodies are one type");
    let name = &bodies[0].name;
    assert!(
        output
            .code
            .contains(&format!("#[derive(Eq)]\n/// The `{name}` schema.")),
        "{}",
        output.code
    );
    let _ = std::fs::remove_dir_all(&dir);
}
