//! The client under test: Square's RetrieveCustomer, from the spec we ship.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    integrations_codegen::Config::new()
        .spec("../../specs/square/openapi.yaml")
        .keep(["RetrieveCustomer"])
        .generate()?;
    Ok(())
}
