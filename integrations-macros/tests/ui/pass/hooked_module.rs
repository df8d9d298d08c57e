// Type hooks from the attribute: a derive on one generated type, and an existing type
// (here serde_json's `Value`) in place of another.
#[integrations_macros::integration(
    spec = "fixtures/hooks.yaml",
    type_attributes = [("#/components/schemas/Order", "#[derive(Eq)]")],
    replace_types = [("#/components/schemas/Money", "::integrations_runtime::serde_json::Value")]
)]
mod shop {}

fn eq<T: Eq>() {}

fn main() {
    eq::<shop::Order>();
    let total: shop::Money = ::integrations_runtime::serde_json::json!({"amount": 1, "currency": "EUR"});
    assert!(total.is_object());
}
