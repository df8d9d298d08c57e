//! `integrations`: typed clients for external APIs.
//!
//! This is the crate applications depend on. It re-exports the shared runtime that
//! generated clients call (`integrations::runtime`). Clients are generated from OpenAPI
//! descriptions by `integrations-codegen` (a CLI, a build.rs `Config`, or the
//! `#[integration]` macro); code generated for use through this crate names the runtime
//! as `::integrations::runtime` (`Config::runtime_path`).

pub use integrations_runtime as runtime;
