#[integrations_macros::integration(spec = "fixtures/malformed/dangling_ref.yaml")]
pub mod dangling {}

fn main() {}
