#[integrations_macros::integration(spec = "fixtures/enums.yaml", speck = "fixtures/enums.yaml")]
pub mod enums {}

fn main() {}
