//! Clients generated for the tests: one module per fixture spec (see `build.rs`).
//!
//! Compiling this crate is itself a test: every fixture's generated code must build
//! without a warning.
#![deny(warnings, missing_docs)]

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
        split,
        responses,
        edge_cases,
        xml,
        fidelity
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
            split,
            responses,
            edge_cases,
            xml,
            fidelity
        )
    }
}

macro_rules! providers {
    ($cfg:meta, $prefix:literal, $($name:ident),*) => {
        $(
            #[$cfg]
            #[doc = concat!("A client generated from the ", $prefix, " `", stringify!($name), "` spec, cut to the operations the end-to-end tests call.")]
            pub mod $name {
                include!(concat!(env!("OUT_DIR"), "/", stringify!($name), ".rs"));
            }
        )*
    };
}

/// Clients generated from the specs this project ships in `specs/`.
pub mod shipped {
    providers!(
        doc = "",
        "shipped",
        shipped_stripe,
        shipped_twilio,
        shipped_slack,
        shipped_sendgrid,
        shipped_square,
        shipped_s3
    );
}

/// Clients generated from provider-shaped fixtures of our own in `fixtures/providers/`.
pub mod provider_fixtures {
    providers!(doc = "", "fixture", fixture_slack_swagger2);
}

/// Clients generated from the real provider specs in `../shared/upstream-specs` (only
/// when that directory is present).
#[cfg(upstream_specs)]
pub mod upstream {
    providers!(
        doc = "",
        "upstream",
        upstream_stripe,
        upstream_twilio,
        upstream_slack,
        upstream_sendgrid,
        upstream_square
    );
}
