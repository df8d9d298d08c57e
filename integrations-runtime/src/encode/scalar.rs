//! A fast path for parameters: the text of a scalar value, without building a JSON value.
//!
//! Most parameters are strings, numbers or booleans. [`text`] serialises such a value
//! straight to its text (numbers written as `serde_json` writes them, so both paths
//! agree); `None` and `()` are "no value"; anything else (arrays, maps, structs) reports
//! [`Scalar::Complex`] so that the caller takes the general path through
//! `serde_json::Value`.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, Serializer};

/// What a value is, as a parameter.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// A scalar, as text.
    Text(String),
    /// `None` or unit: no value.
    Nothing,
    /// An array, map or struct: use the general path.
    Complex,
    /// NaN or an infinity, which no parameter encoding can carry (JSON would make it
    /// `null`, that is, no value): the caller reports it rather than dropping it.
    NonFinite,
}

/// The text of `value` when it is a scalar.
pub(crate) fn text(value: &impl Serialize) -> Scalar {
    match value.serialize(TextSerializer) {
        Ok(Some(text)) => Scalar::Text(text),
        Ok(None) => Scalar::Nothing,
        Err(NotScalar::Complex) => Scalar::Complex,
        Err(NotScalar::NonFinite) => Scalar::NonFinite,
    }
}

#[derive(Debug)]
pub(crate) enum NotScalar {
    Complex,
    NonFinite,
}

impl fmt::Display for NotScalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotScalar::Complex => "not a scalar",
            NotScalar::NonFinite => "not a finite number",
        })
    }
}

impl std::error::Error for NotScalar {}

impl ser::Error for NotScalar {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotScalar::Complex
    }
}

struct TextSerializer;

type Out = Result<Option<String>, NotScalar>;

fn float(v: f64) -> Out {
    // Finite floats as serde_json's `Number` writes them.
    match serde_json::Number::from_f64(v) {
        Some(n) => Ok(Some(n.to_string())),
        None => Err(NotScalar::NonFinite),
    }
}

impl Serializer for TextSerializer {
    type Ok = Option<String>;
    type Error = NotScalar;
    type SerializeSeq = Impossible<Option<String>, NotScalar>;
    type SerializeTuple = Impossible<Option<String>, NotScalar>;
    type SerializeTupleStruct = Impossible<Option<String>, NotScalar>;
    type SerializeTupleVariant = Impossible<Option<String>, NotScalar>;
    type SerializeMap = Impossible<Option<String>, NotScalar>;
    type SerializeStruct = Impossible<Option<String>, NotScalar>;
    type SerializeStructVariant = Impossible<Option<String>, NotScalar>;

    fn serialize_bool(self, v: bool) -> Out {
        Ok(Some(if v { "true" } else { "false" }.to_owned()))
    }
    fn serialize_i8(self, v: i8) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_i16(self, v: i16) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_i32(self, v: i32) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_i64(self, v: i64) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_i128(self, v: i128) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_u16(self, v: u16) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_u32(self, v: u32) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_u64(self, v: u64) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_u128(self, v: u128) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_f32(self, v: f32) -> Out {
        float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out {
        float(v)
    }
    fn serialize_char(self, v: char) -> Out {
        Ok(Some(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Out {
        Ok(Some(v.to_owned()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Out {
        Err(NotScalar::Complex)
    }
    fn serialize_none(self) -> Out {
        Ok(None)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out {
        Ok(None)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        Ok(Some(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Out {
        Err(NotScalar::Complex)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotScalar> {
        Err(NotScalar::Complex)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotScalar> {
        Err(NotScalar::Complex)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotScalar> {
        Err(NotScalar::Complex)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotScalar> {
        Err(NotScalar::Complex)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotScalar> {
        Err(NotScalar::Complex)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotScalar> {
        Err(NotScalar::Complex)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotScalar> {
        Err(NotScalar::Complex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn scalars_complex_values_and_nothing() {
        assert_eq!(text(&"a b"), Scalar::Text("a b".into()));
        assert_eq!(text(&Some(3_i64)), Scalar::Text("3".into()));
        assert_eq!(text(&true), Scalar::Text("true".into()));
        assert_eq!(text(&1.0_f64), Scalar::Text("1.0".into()));
        assert_eq!(text(&None::<String>), Scalar::Nothing);
        assert_eq!(text(&vec![1, 2]), Scalar::Complex);
        // JSON would write NaN and infinities as `null` (no value); they are reported.
        assert_eq!(text(&f64::NAN), Scalar::NonFinite);
        assert_eq!(text(&f32::NEG_INFINITY), Scalar::NonFinite);
    }

    proptest! {
        /// The fast path writes every scalar exactly as the general path does.
        #[test]
        fn agrees_with_the_json_path(i in any::<i64>(), f in any::<f64>(), s in "\\PC*", b in any::<bool>()) {
            let via_json = |v: serde_json::Value| match v {
                serde_json::Value::Null => Scalar::Nothing,
                other => Scalar::Text(super::super::scalar_text(&other)),
            };
            prop_assert_eq!(text(&i), via_json(serde_json::to_value(i).unwrap()));
            if f.is_finite() {
                prop_assert_eq!(text(&f), via_json(serde_json::to_value(f).unwrap()));
            } else {
                prop_assert_eq!(text(&f), Scalar::NonFinite);
            }
            prop_assert_eq!(text(&s), via_json(serde_json::to_value(&s).unwrap()));
            prop_assert_eq!(text(&b), via_json(serde_json::to_value(b).unwrap()));
        }
    }
}
