#[integrations_macros::integration(
    spec = "fixtures/hooks.yaml",
    type_attributes = [("#/components/schemas/Order", "derive(Eq)")]
)]
mod shop {}

fn main() {}
