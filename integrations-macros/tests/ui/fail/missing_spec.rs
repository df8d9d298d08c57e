#[integrations_macros::integration(spec = "fixtures/does-not-exist.yaml")]
pub mod missing {}

fn main() {}
