//! Clients generated for the tests: one module per fixture spec (see `build.rs`).
//!
//! Compiling this crate is itself a test: every fixture's generated code must build
//! without a warning.
#![deny(warnings)]

/// Clients generated from the fixture specs in `fixtures/`.
pub mod fixtures {
    macro_rules! generated {
        ($($name:ident),* $(,)?) => {
            $(
                #[doc = concat!("Generated from `fixtures/", stringify!($name), "`.")]
                pub mod $name {
                    include!(concat!(env!("OUT_DIR"), "/", stringify!($name), ".rs"));
                }
            )*
        };
    }

    generated!(
        structs,
        enums,
        unions,
        all_of,
        recursion,
        maps,
        binary,
        inline_names,
        swagger2,
        openapi31,
        split
    );

    /// The generated source of a fixture module, as compiled.
    pub fn source(name: &str) -> Option<&'static str> {
        macro_rules! sources {
            ($($name:ident),*) => {
                match name {
                    $(stringify!($name) => Some(include_str!(concat!(env!("OUT_DIR"), "/", stringify!($name), ".rs"))),)*
                    _ => None,
                }
            };
        }
        sources!(
            structs,
            enums,
            unions,
            all_of,
            recursion,
            maps,
            binary,
            inline_names,
            swagger2,
            openapi31,
            split
        )
    }
}
