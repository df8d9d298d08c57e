//! The clients under test: Square's RetrieveCustomer, from the spec we ship, generated
//! twice: keeping the properties its schemas do not declare (the default), and dropping
//! them (for the `decode` benchmark, which measures what keeping them costs).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    integrations_codegen::Config::new()
        .spec("../../specs/square/openapi.yaml")
        .keep(["RetrieveCustomer"])
        .generate()?;
    integrations_codegen::Config::new()
        .undeclared_properties(integrations_codegen::ir::UndeclaredProperties::Drop)
        .spec("../../specs/square/openapi.yaml")
        .file_name("square_drop")
        .keep(["RetrieveCustomer"])
        .generate()?;
    Ok(())
}
