//! `application/x-www-form-urlencoded` bodies with bracket nesting: `metadata[k]=v`,
//! `items[0][price]=p`. This is how Stripe and Twilio take their bodies.

use serde_json::Value;

use super::style::nested_pairs;

/// The pairs of a form body. The value must be an object (a struct or map).
pub(crate) fn pairs(value: &Value) -> Result<Vec<(String, String)>, String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "a form body must be an object, found {}",
            kind(value)
        ));
    };
    let mut out = Vec::new();
    for (key, v) in map {
        nested_pairs(key, v, &mut out);
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

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn nested_objects_and_arrays_use_brackets() {
        let body = json!({"customer": "cus_1", "metadata": {"order_id": "6735"}, "items": [{"price": "price_1", "quantity": 2}], "expand": ["latest_invoice"]});
        let encoded = encode(&pairs(&body).unwrap());
        assert_eq!(
            encoded,
            "customer=cus_1&metadata%5Border_id%5D=6735&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2&expand%5B0%5D=latest_invoice"
        );
        assert!(pairs(&json!("x")).is_err());
    }

    #[test]
    fn empty_containers_and_null_are_sent_as_empty_values() {
        let body =
            json!({"metadata": {}, "items": [], "description": null, "nested": {"tags": []}});
        assert_eq!(
            encode(&pairs(&body).unwrap()),
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
            let got = pairs(&body).unwrap();
            prop_assert_eq!(got.len(), inner.len());
            for (k, v) in &inner {
                let expected = (format!("outer[{k}][0]"), v[0].to_string());
                prop_assert!(got.contains(&expected));
            }
        }
    }
}
