//! What the generated types do at run time: serde shapes, unknown values, three-state
//! fields, defaults, union tagging, recursion, maps.

use integrations_runtime::{EmptyString, Nullable};
use integrations_tests::fixtures::{
    all_of, enums, maps, openapi31, recursion, structs, swagger2, unions,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: Value,
) -> T {
    let decoded: T =
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"));
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        value,
        "re-encoding changed the value"
    );
    decoded
}

#[test]
fn string_enums_keep_unknown_values() {
    assert_eq!(
        round_trip::<enums::Status>(json!("past_due")),
        enums::Status::PastDue
    );
    assert_eq!(
        round_trip::<enums::Status>(json!("in-progress")),
        enums::Status::InProgress
    );
    // A spec value that is itself "unknown" does not clash with the catch-all.
    assert_eq!(
        round_trip::<enums::Status>(json!("unknown")),
        enums::Status::Unknown2
    );
    let new = round_trip::<enums::Status>(json!("paused"));
    assert_eq!(new, enums::Status::Unknown("paused".to_owned()));
    assert_eq!(new.as_str(), "paused");
    assert_eq!(enums::Status::from("canceled").to_string(), "canceled");
}

#[test]
fn integer_enums_keep_unknown_values() {
    assert_eq!(round_trip::<enums::Priority>(json!(2)), enums::Priority::V2);
    assert_eq!(
        round_trip::<enums::Priority>(json!(-1)),
        enums::Priority::Minus1
    );
    assert_eq!(
        round_trip::<enums::Priority>(json!(7)),
        enums::Priority::Unknown(7)
    );
    assert_eq!(round_trip::<enums::Level>(json!(10)), enums::Level::High);
}

#[test]
fn inline_enums_constants_and_nullable_enums() {
    let holder: enums::Holder =
        round_trip(json!({"kind": "company", "object": "holder", "cleared": "", "reason": null}));
    assert_eq!(holder.kind, Nullable::Value(enums::HolderKind::Company));
    assert_eq!(holder.object.as_deref(), Some("holder"));
    assert_eq!(holder.cleared, Some(EmptyString));
    assert_eq!(holder.reason, Nullable::Null);
    assert!(serde_json::from_value::<enums::Holder>(json!({"cleared": "x"})).is_err());
}

#[test]
fn required_optional_nullable_and_renamed_fields() {
    let account: structs::Account = round_trip(json!({
        "id": "acct_1", "displayName": "Ada", "type": "person", "closed_at": null,
        "parent_id": null, "active": false, "limit": 25, "tags": ["a"]
    }));
    assert_eq!(account.display_name, "Ada");
    assert_eq!(account.r#type, "person");
    assert_eq!(account.closed_at, None);
    assert_eq!(account.parent_id, Nullable::Null);
    assert_eq!(account.nickname, None);
    // A missing required field is an error naming it.
    let err =
        serde_json::from_value::<structs::Account>(json!({"id": "x", "type": "t", "closed_at": 1}))
            .unwrap_err();
    assert!(err.to_string().contains("displayName"), "{err}");
}

#[test]
fn three_states_of_an_optional_nullable_field() {
    let mut account =
        structs::Account::new("acct_1".into(), "Ada".into(), "person".into(), Some(5));
    assert_eq!(account.parent_id, Nullable::Absent);
    let absent = serde_json::to_value(&account).unwrap();
    assert!(absent.get("parent_id").is_none(), "{absent}");
    account.parent_id = Nullable::Null;
    assert_eq!(
        serde_json::to_value(&account).unwrap()["parent_id"],
        Value::Null
    );
    account.parent_id = Nullable::Value("acct_0".into());
    assert_eq!(
        serde_json::to_value(&account).unwrap()["parent_id"],
        json!("acct_0")
    );
}

#[test]
fn fields_with_defaults_tell_absent_from_the_default_value() {
    // Absent stays absent (the API applies its default)...
    let account: structs::Account = serde_json::from_value(
        json!({"id": "a", "displayName": "d", "type": "t", "closed_at": null}),
    )
    .unwrap();
    assert_eq!((account.active, account.limit), (None, None));
    let encoded = serde_json::to_value(&account).unwrap();
    assert!(
        encoded.get("active").is_none() && encoded.get("limit").is_none(),
        "{encoded}"
    );
    // ...and the default value itself is sent when set: a PATCH can set a flag back.
    let mut account = account;
    account.active = Some(true);
    account.limit = Some(10);
    let encoded = serde_json::to_value(&account).unwrap();
    assert_eq!(
        (&encoded["active"], &encoded["limit"]),
        (&json!(true), &json!(10))
    );
    let settings = structs::Settings {
        beta: Some(false),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&settings).unwrap(),
        json!({"beta": false})
    );
}

#[test]
fn unions_tagged_by_a_constant_property() {
    let card: unions::PaymentSource =
        round_trip(json!({"object": "card", "id": "card_1", "last4": "4242"}));
    assert!(matches!(card, unions::PaymentSource::Card(ref c) if c.last4 == "4242"));
    let bank: unions::PaymentSource =
        round_trip(json!({"object": "bank_account", "id": "ba_1", "routing_number": "110000000"}));
    assert!(matches!(bank, unions::PaymentSource::BankAccount(_)));
    // A kind of object this client does not know is kept, not rejected.
    let future = json!({"object": "crypto_wallet", "id": "cw_1"});
    assert_eq!(
        round_trip::<unions::PaymentSource>(future.clone()),
        unions::PaymentSource::Unknown(future)
    );
}

#[test]
fn unions_with_a_discriminator_mapping() {
    let cat: unions::Pet = round_trip(json!({"pet_type": "kitty", "lives": 9}));
    assert!(matches!(cat, unions::Pet::Cat(ref c) if c.lives == 9));
    let dog: unions::Pet = round_trip(json!({"pet_type": "doggo", "good": true}));
    assert!(matches!(dog, unions::Pet::Dog(_)));
    // A known tag with a body that does not fit is an error, not a silent Unknown.
    assert!(serde_json::from_value::<unions::Pet>(json!({"pet_type": "kitty"})).is_err());
}

#[test]
fn untagged_unions() {
    assert_eq!(
        round_trip::<unions::Expandable>(json!("card_1")),
        unions::Expandable::String("card_1".into())
    );
    let expanded: unions::Expandable =
        round_trip(json!({"object": "card", "id": "card_1", "last4": "1"}));
    assert!(matches!(expanded, unions::Expandable::Card(_)));
    assert_eq!(
        round_trip::<unions::Amount>(json!(5)),
        unions::Amount::Integer(5)
    );
    assert_eq!(
        round_trip::<unions::Amount>(json!(5.5)),
        unions::Amount::Number(5.5)
    );
    assert_eq!(
        round_trip::<unions::Amount>(json!([1, 2])),
        unions::Amount::List(vec![1, 2])
    );
    assert_eq!(
        round_trip::<unions::Unset>(json!("")),
        integrations_runtime::OrClear::Clear
    );
    let map: unions::Unset = round_trip(json!({"k": "v"}));
    assert!(matches!(map, integrations_runtime::OrClear::Value(ref m) if m["k"] == "v"));
    assert_eq!(
        round_trip::<unions::Interval>(json!("month")),
        unions::Interval::Month
    );
    let maybe: Option<unions::MaybeCard> = serde_json::from_value(Value::Null).unwrap();
    assert!(maybe.is_none());
}

#[test]
fn all_of_merges_members_into_one_struct() {
    let customer: all_of::Customer =
        round_trip(json!({"id": "c", "created": 3, "updated": 4, "email": "a@b.c"}));
    let created: Option<i32> = customer.created;
    assert_eq!(created, Some(3));
    assert_eq!(customer.email, "a@b.c");
    let wrapper = all_of::Wrapper {
        customer: Some(customer.clone()),
        ..Default::default()
    };
    assert_eq!(wrapper.customer, Some(customer));
}

#[test]
fn recursive_types_are_boxed_and_work() {
    let tree: recursion::TreeNode = round_trip(json!({
        "name": "root",
        "parent": {"name": "up"},
        "children": [{"name": "leaf", "children": []}]
    }));
    let parent: Option<Box<recursion::TreeNode>> = tree.parent;
    assert_eq!(parent.map(|p| p.name), Some("up".to_owned()));
    let manager: recursion::Manager = round_trip(json!({"deputy": {"manager": {"deputy": {}}}}));
    assert!(manager.deputy.is_some());
    let nested: recursion::JsonList = round_trip(json!([[], [[]]]));
    assert_eq!(nested.0.len(), 2);
}

#[test]
fn maps_and_free_form_values() {
    let metadata: maps::Metadata = round_trip(json!({"order": "6735", "b": "x"}));
    assert_eq!(metadata["order"], "6735");
    let labelled: maps::Labelled = round_trip(json!({"name": "n", "color": "red"}));
    assert_eq!(labelled.name.as_deref(), Some("n"));
    assert_eq!(labelled.additional_properties["color"], "red");
    let anything: maps::Anything = round_trip(json!({"deep": [1, {"x": null}]}));
    assert_eq!(anything["deep"][0], 1);
}

#[test]
fn swagger2_definitions_and_x_nullable() {
    let message: swagger2::Message = round_trip(json!({"id": "m1", "edited": null}));
    assert_eq!(message.edited, Nullable::Null);
}

#[test]
fn openapi31_type_arrays_and_refs_with_siblings() {
    let thing: openapi31::Thing = round_trip(
        json!({"kind": "thing", "size": 3, "label": null, "id_or_number": 7, "owner": {"name": "o"}}),
    );
    assert_eq!(thing.label, Nullable::Null);
    assert_eq!(
        thing.id_or_number,
        Some(openapi31::ThingIdOrNumber::Integer(7))
    );
    let owner: Option<openapi31::Owner> = thing.owner;
    assert_eq!(owner.and_then(|o| o.name).as_deref(), Some("o"));
}

proptest! {
    /// Any string survives a trip through a generated string enum.
    #[test]
    fn any_string_round_trips_through_an_enum(text in "\\PC*") {
        let status = enums::Status::from(text.as_str());
        prop_assert_eq!(status.as_str(), text.as_str());
        let encoded = serde_json::to_value(&status).unwrap();
        prop_assert_eq!(serde_json::from_value::<enums::Status>(encoded).unwrap(), status);
    }

    /// Any integer survives a trip through a generated integer enum.
    #[test]
    fn any_integer_round_trips_through_an_int_enum(n in any::<i64>()) {
        let priority = enums::Priority::from(n);
        prop_assert_eq!(priority.value(), n);
        let encoded = serde_json::to_value(priority).unwrap();
        prop_assert_eq!(serde_json::from_value::<enums::Priority>(encoded).unwrap(), priority);
    }
}

#[test]
fn discriminator_mappings_with_bare_schema_names() {
    use integrations_tests::fixtures::edge_cases;
    let dog: edge_cases::Pet = round_trip(json!({"kind": "dog", "bark": "woof"}));
    assert!(
        matches!(dog, edge_cases::Pet::Dog(ref d) if d.bark == "woof"),
        "{dog:?}"
    );
    let cat: edge_cases::Pet = round_trip(json!({"kind": "cat", "meow": "purr"}));
    assert!(matches!(cat, edge_cases::Pet::Cat(_)), "{cat:?}");
}

#[test]
fn xml_lists_wrapped_unwrapped_and_item_names_that_differ_only_in_case() {
    use integrations_tests::fixtures::xml;
    let text = r#"<Listing><Entries><Entry id="e1"><Name>first</Name></Entry><Entry id="e2"/></Entries><Extras><entry>x</entry><entry>y</entry></Extras><More><Entry>m</Entry></More><Value>v1</Value><Value>v2</Value></Listing>"#;
    let listing: xml::Listing = quick_xml::de::from_str(text).expect("decodes");
    assert_eq!(listing.entries.len(), 2);
    assert_eq!(listing.entries[0].id.as_deref(), Some("e1"));
    assert_eq!(listing.entries[0].name.as_deref(), Some("first"));
    assert_eq!(listing.extras, Some(vec!["x".to_owned(), "y".to_owned()]));
    assert_eq!(listing.more, Some(vec!["m".to_owned()]));
    assert_eq!(listing.loose, Some(vec!["v1".to_owned(), "v2".to_owned()]));
    let written = quick_xml::se::to_string_with_root("Listing", &listing).expect("encodes");
    let again: xml::Listing = quick_xml::de::from_str(&written).expect("re-decodes");
    assert_eq!(again, listing, "{written}");
    assert!(
        written.contains("<Extras><entry>x</entry><entry>y</entry></Extras>"),
        "{written}"
    );
}

/// AWS's converted S3 spec names a list `AccessControlList` and its items `Grant` without
/// saying `wrapped`; on the wire the grants are inside one `<AccessControlList>`.
#[test]
fn an_unwrapped_xml_list_named_apart_from_its_items_is_a_wrapper() {
    use integrations_tests::fixtures::xml;
    let text = "<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant><Grant><Permission>WRITE</Permission></Grant></AccessControlList></AccessControlPolicy>";
    let policy: xml::AccessControlPolicy = quick_xml::de::from_str(text).expect("decodes");
    let permissions: Vec<Option<String>> = policy
        .grants
        .iter()
        .flatten()
        .map(|g| g.permission.clone())
        .collect();
    assert_eq!(
        permissions,
        [Some("READ".to_owned()), Some("WRITE".to_owned())]
    );
    let written = quick_xml::se::to_string_with_root("AccessControlPolicy", &policy).unwrap();
    assert_eq!(written, text);
}

#[test]
fn an_enum_in_an_untagged_union_leaves_other_values_to_later_variants() {
    use unions::{Plan, Seat, Tier};
    assert_eq!(round_trip::<Tier>(json!("pro")), Tier::Plan(Plan::Pro));
    // Without the known-values rule, `Plan::Unknown("team")` would take this.
    assert_eq!(round_trip::<Tier>(json!("team")), Tier::Seat(Seat::Team));
    // A value no variant knows is still kept, by the last enum that could take it.
    assert_eq!(
        round_trip::<Tier>(json!("enterprise")),
        Tier::Seat(Seat::Unknown("enterprise".into()))
    );
    assert!(matches!(
        round_trip::<Tier>(json!({"custom": "x"})),
        Tier::Object(ref o) if o.custom.as_deref() == Some("x")
    ));
}

#[test]
fn constructors_fill_in_constant_properties() {
    // `object: {enum: [card]}` is not an argument: the constructor writes it.
    let card = unions::Card::new("card_1".into(), "4242".into());
    let encoded = serde_json::to_value(&card).unwrap();
    assert_eq!(encoded["object"], json!("card"));
    let source: unions::PaymentSource = serde_json::from_value(encoded).unwrap();
    assert_eq!(source, unions::PaymentSource::Card(card));
}
