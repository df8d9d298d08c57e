//! Generates the clients the tests compile and call, through the build.rs front door.
//!
//! - Every fixture spec in `fixtures/` becomes a module (so every snapshot is also
//!   compiled, warning-free: the library denies warnings).
//! - When `../shared/upstream-specs` is present, clients generated from the real
//!   provider specs (cut to the operations the end-to-end tests call) are added and
//!   `cfg(upstream_specs)` is set; the tests that need them skip otherwise.

use std::path::Path;

/// Fixture specs, by module name.
const FIXTURES: &[(&str, &str)] = &[
    ("structs", "fixtures/structs.yaml"),
    ("enums", "fixtures/enums.yaml"),
    ("unions", "fixtures/unions.yaml"),
    ("all_of", "fixtures/all_of.yaml"),
    ("recursion", "fixtures/recursion.yaml"),
    ("maps", "fixtures/maps.yaml"),
    ("binary", "fixtures/binary.yaml"),
    ("inline_names", "fixtures/inline_names.yaml"),
    ("swagger2", "fixtures/swagger2.yaml"),
    ("openapi31", "fixtures/openapi31.yaml"),
    ("split", "fixtures/split/root.yaml"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rustc-check-cfg=cfg(upstream_specs)");
    let mut config = integrations_codegen::Config::new();
    config.deny_warnings(true);
    for (name, path) in FIXTURES {
        config.spec(path).file_name(*name);
    }
    config.generate()?;

    let upstream = Path::new("../../shared/upstream-specs");
    println!(
        "cargo:rerun-if-changed={}",
        upstream.join("MANIFEST.tsv").display()
    );
    if upstream.join("MANIFEST.tsv").is_file() {
        println!("cargo:rustc-cfg=upstream_specs");
    }
    Ok(())
}
