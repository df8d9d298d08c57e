//! What generated `Deserialize` impls call: objects into structs ([`fields`]), unions by
//! what the data is ([`union`]), and JSON text into a type with the path of a failure
//! ([`json`]).
//!
//! Generated types do not use serde's derive for decoding. Its derive compiles, per
//! struct, an identifier enum and two visitors, and its `untagged` and `flatten`
//! attributes buffer into a private `Content` type that compiles every reachable type
//! again. The impls generated against this module compile each type once, for the one
//! deserializer responses are read with.

pub mod fields;
pub mod json;
mod path;
pub mod union;

pub use fields::{FromMap, Key, deserialize_struct, missing};
pub use json::{JsonError, from_slice};
