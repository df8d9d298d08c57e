#[integrations_macros::integration(spec = "fixtures/enums.yaml")]
pub struct NotAModule;

fn main() {}
