//! Defaults for generated fields: `#[serde(default = "…")]` and the matching
//! `skip_serializing_if`, so a field with a spec default is a plain value that is sent
//! only when it differs from the default.

/// The default `B`.
pub fn bool<const B: bool>() -> bool {
    B
}

/// Whether `value` is the default `B`.
pub fn is_bool<const B: bool>(value: &bool) -> bool {
    *value == B
}

/// The default `N`.
pub fn int<const N: i64>() -> i64 {
    N
}

/// Whether `value` is the default `N`.
pub fn is_int<const N: i64>(value: &i64) -> bool {
    *value == N
}

/// The default `N`.
pub fn int32<const N: i32>() -> i32 {
    N
}

/// Whether `value` is the default `N`.
pub fn is_int32<const N: i32>(value: &i32) -> bool {
    *value == N
}
