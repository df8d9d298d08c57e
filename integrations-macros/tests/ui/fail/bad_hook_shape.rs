#[integrations_macros::integration(
    spec = "fixtures/hooks.yaml",
    type_attributes = [("#/components/schemas/Order", "#[derive(Eq)]")],
    replace_types = ["#/components/schemas/Money"]
)]
mod shop {}

fn main() {}
