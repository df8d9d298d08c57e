//! `application/x-www-form-urlencoded` bodies: each property in the style its `encoding`
//! gives, as OpenAPI says: repeated keys by default (`MediaUrl=a&MediaUrl=b`, Twilio), or
//! bracket nesting where the spec says `deepObject` (`metadata[k]=v`, `items[0][price]=p`,
//! Stripe).

use serde_json::Value;

use super::style::{ParamStyle, nested_pairs, query_pairs};

/// How the properties of a form body are written: a style and explode for the
/// properties the spec's `encoding` does not mention, and those it does.
#[derive(Debug, Clone, Copy)]
pub struct FormEncoding {
    style: ParamStyle,
    explode: bool,
    properties: &'static [(&'static str, ParamStyle, bool)],
}

impl FormEncoding {
    /// Properties in `style` and `explode`, except those listed with their own.
    pub const fn new(
        style: ParamStyle,
        explode: bool,
        properties: &'static [(&'static str, ParamStyle, bool)],
    ) -> Self {
        FormEncoding {
            style,
            explode,
            properties,
        }
    }

    /// Every property in brackets (`a[0]=1`, `a[k]=v`), as Stripe takes them.
    pub const BRACKETS: FormEncoding = FormEncoding::new(ParamStyle::DeepObject, true, &[]);

    fn of(&self, property: &str) -> (ParamStyle, bool) {
        self.properties
            .iter()
            .find(|(name, _, _)| *name == property)
            .map_or((self.style, self.explode), |(_, style, explode)| {
                (*style, *explode)
            })
    }
}

/// The pairs of a form body. The value must be an object (a struct or map). Each
/// property is written in its style, as a query parameter would be; in brackets
/// (`deepObject`), `null` and empty containers are sent as an empty value (the form way
/// of saying "clear this", which Stripe reads so); in other styles `null` is an empty
/// value and an empty list sends nothing, as in a query.
pub(crate) fn pairs(
    value: &Value,
    encoding: &FormEncoding,
) -> Result<Vec<(String, String)>, String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "a form body must be an object, found {}",
            super::kind_of(value)
        ));
    };
    let mut out = Vec::new();
    for (key, v) in map {
        match encoding.of(key) {
            (ParamStyle::DeepObject, _) => nested_pairs(key, v, &mut out),
            _ if v.is_null() => out.push((key.clone(), String::new())),
            (style, explode) => query_pairs(key, v, style, explode, &mut out),
        }
    }
    Ok(out)
}

/// Percent-encodes pairs as `application/x-www-form-urlencoded`.
pub(crate) fn encode(pairs: &[(String, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        serializer.append_pair(k, v);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn nested_objects_and_arrays_use_brackets() {
        let body = json!({"customer": "cus_1", "metadata": {"order_id": "6735"}, "items": [{"price": "price_1", "quantity": 2}], "expand": ["latest_invoice"]});
        let encoded = encode(&pairs(&body, &FormEncoding::BRACKETS).unwrap());
        assert_eq!(
            encoded,
            "customer=cus_1&metadata%5Border_id%5D=6735&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2&expand%5B0%5D=latest_invoice"
        );
        assert!(pairs(&json!("x"), &FormEncoding::BRACKETS).is_err());
    }

    #[test]
    fn openapi_default_repeats_keys_and_listed_properties_keep_their_style() {
        const TWILIO: FormEncoding = FormEncoding::new(ParamStyle::Form, true, &[]);
        let body = json!({"To": "+15558675310", "MediaUrl": ["https://a.example/1.png", "https://a.example/2.png"], "Empty": [], "Gone": null});
        assert_eq!(
            encode(&pairs(&body, &TWILIO).unwrap()),
            "To=%2B15558675310&MediaUrl=https%3A%2F%2Fa.example%2F1.png&MediaUrl=https%3A%2F%2Fa.example%2F2.png&Gone="
        );
        const MIXED: FormEncoding = FormEncoding::new(
            ParamStyle::Form,
            true,
            &[
                ("metadata", ParamStyle::DeepObject, true),
                ("ids", ParamStyle::Form, false),
            ],
        );
        let body = json!({"metadata": {"k": "v"}, "ids": [1, 2], "tags": ["a", "b"]});
        assert_eq!(
            encode(&pairs(&body, &MIXED).unwrap()),
            "metadata%5Bk%5D=v&ids=1%2C2&tags=a&tags=b"
        );
    }

    #[test]
    fn empty_containers_and_null_are_sent_as_empty_values() {
        let body =
            json!({"metadata": {}, "items": [], "description": null, "nested": {"tags": []}});
        assert_eq!(
            encode(&pairs(&body, &FormEncoding::BRACKETS).unwrap()),
            "metadata=&items=&description=&nested%5Btags%5D="
        );
    }

    fn decode(text: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(text.as_bytes())
            .into_owned()
            .collect()
    }

    proptest! {
        /// Whatever the keys and values, decoding the encoding gives back the pairs.
        #[test]
        fn encoding_round_trips(entries in prop::collection::vec(("\\PC{1,8}", "\\PC{0,8}"), 0..8)) {
            let pairs: Vec<(String, String)> = entries;
            prop_assert_eq!(decode(&encode(&pairs)), pairs);
        }

        /// Every scalar of a nested value appears once, under its bracket path.
        #[test]
        fn every_leaf_is_encoded_once(keys in prop::collection::vec("[a-z]{1,5}", 1..5), values in prop::collection::vec(any::<i64>(), 1..5)) {
            let mut inner = serde_json::Map::new();
            for (k, v) in keys.iter().zip(&values) {
                inner.insert(k.clone(), json!([v]));
            }
            let body = json!({ "outer": Value::Object(inner.clone()) });
            let got = pairs(&body, &FormEncoding::BRACKETS).unwrap();
            prop_assert_eq!(got.len(), inner.len());
            for (k, v) in &inner {
                let expected = (format!("outer[{k}][0]"), v[0].to_string());
                prop_assert!(got.contains(&expected));
            }
        }
    }
}
