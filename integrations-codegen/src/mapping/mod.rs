//! Mapping tables (`specs/<provider>/mappings.toml`): which Schema.org property
//! corresponds to which field of a provider type, in which direction, checked against the
//! vocabulary and the provider's spec, and written as conversions both ways
//! (`TryFrom<&schema::Person> for Contact` where the provider needs a value the Schema.org
//! side may lack, `From` otherwise; `From<&Contact> for schema::Person`), each with
//! rustdoc listing what it drops. [`report`] prints the same facts for people.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

mod by_table;
mod conversion;
mod render;
mod report;

pub use render::render;
pub use report::report;

use crate::diagnostics::{Diagnostics, Location, closest};
use crate::ir::{Api, Field, Primitive, StructDef, TypeKind, TypeRef};
use crate::vocabulary::{Expected, Vocabulary};
use by_table::ByTable;
use conversion::{Conversion, Transform, describe};

/// The mapping file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    mappings: Vec<TableEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableEntry {
    schema: String,
    provider: String,
    /// The provider's map of named values that `key` entries read and write (HubSpot's
    /// `properties`).
    map: Option<String>,
    /// Each property's entry, read by [`FieldEntry::read`] so that a mistake in one is
    /// reported at its key.
    #[serde(default)]
    fields: BTreeMap<String, toml::Value>,
}

/// One property's entry: a field's wire name, or a table saying where the value is
/// (exactly one of `field`, `primary`, `key` and `money`) and how it goes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldEntry {
    /// A field of the provider type, by wire name.
    field: Option<String>,
    /// The value of the primary item of a labelled list (Pipedrive's `emails`: items with
    /// `value`, `primary` and `label`); written as a one-item list marked primary.
    primary: Option<String>,
    /// A value under a key of the table's `map` (HubSpot's `properties.firstname`).
    key: Option<String>,
    /// A `MonetaryAmount` held as an amount in minor units and a currency code.
    money: Option<MoneyEntry>,
    #[serde(default)]
    direction: Direction,
    #[serde(default)]
    required: bool,
    /// A named transform between the two sides' forms of the value.
    transform: Option<Transform>,
    /// A value table: each provider value and the Schema.org value it stands for.
    values: Option<BTreeMap<String, String>>,
    /// Another table of the same file (by its `provider`) that converts the value: a
    /// Schema.org object into the provider's (`sender` into a `MailFrom`), or each of
    /// several into a list (`recipient` into `to`).
    table: Option<String>,
    /// The text written when the Schema.org property has none (`text/plain` for a mail
    /// content's `type`).
    default: Option<String>,
}

/// Where an entry's value is on the provider side.
enum Source {
    Field(String),
    Primary(String),
    Key(String),
    Money(MoneyEntry),
}

impl FieldEntry {
    /// The entry written as `value`: a bare string is a field's wire name.
    fn read(value: &toml::Value) -> Result<FieldEntry, String> {
        match value {
            toml::Value::String(wire) => Ok(FieldEntry {
                field: Some(wire.clone()),
                ..FieldEntry::default()
            }),
            toml::Value::Table(_) => value
                .clone()
                .try_into()
                .map_err(|e: toml::de::Error| e.message().trim().to_owned()),
            _ => Err("an entry is a field's name or a table (`{ field = \"…\" }`)".to_owned()),
        }
    }

    /// Where the value is: exactly one of `field`, `primary`, `key` and `money`.
    fn source(&mut self) -> Result<Source, String> {
        let mut found = Vec::new();
        if let Some(wire) = self.field.take() {
            found.push(Source::Field(wire));
        }
        if let Some(list) = self.primary.take() {
            found.push(Source::Primary(list));
        }
        if let Some(key) = self.key.take() {
            found.push(Source::Key(key));
        }
        if let Some(money) = self.money.take() {
            found.push(Source::Money(money));
        }
        match (found.pop(), found.is_empty()) {
            (Some(source), true) => Ok(source),
            (None, _) => {
                Err("the entry says neither `field`, `primary`, `key` nor `money`".to_owned())
            }
            (Some(_), false) => Err(
                "the entry says more than one of `field`, `primary`, `key` and `money`".to_owned(),
            ),
        }
    }
}

/// The two fields that hold a `MonetaryAmount` (Stripe's `amount` and `currency`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyEntry {
    /// The integer amount in the currency's minor unit.
    amount: String,
    /// The ISO 4217 code.
    currency: String,
    /// The provider writes currency codes in lower case (Stripe's `usd`).
    #[serde(default)]
    lowercase_currency: bool,
}

/// The part of a `MonetaryAmount` a field holds, and which amount (one per table entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MoneyRole {
    Amount { group: usize },
    Currency { group: usize, lowercase: bool },
}

/// Which way a correspondence goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Both ways.
    #[default]
    Both,
    /// From Schema.org to the provider only.
    ToProvider,
    /// From the provider to Schema.org only (a read-only field such as an id).
    FromProvider,
}

impl Direction {
    fn writes(self) -> bool {
        self != Direction::FromProvider
    }

    fn reads(self) -> bool {
        self != Direction::ToProvider
    }

    fn arrow(self) -> &'static str {
        match self {
            Direction::Both => "<->",
            Direction::ToProvider => "->",
            Direction::FromProvider => "<-",
        }
    }
}

/// How a provider struct holds a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holding {
    /// As it is: the constructor needs it.
    Plain,
    /// In an `Option`.
    Optional,
    /// In a `Nullable`.
    Nullable,
}

/// One checked correspondence.
#[derive(Debug, Clone)]
struct Pair {
    /// The Schema.org property path (`address.streetAddress`).
    path: Vec<String>,
    /// The Schema.org type the first step holds, on a two-step path (`PostalAddress`).
    nested_type: Option<String>,
    /// Whether the first step holds several values, of which the pair maps the first
    /// (`recipient.telephone`: the one recipient of an SMS).
    many: bool,
    /// The provider field's wire path (`address_line_1`, or `address.address_line_1`
    /// one level into an object field) and its Rust name (of the last step).
    wire: String,
    field: String,
    /// The object field the value is in, for a two-step wire path.
    outer: Option<Outer>,
    holding: Holding,
    direction: Direction,
    /// Whether a value must be there on the way to the provider.
    required: bool,
    /// Part of a `MonetaryAmount` (converted between minor units and a decimal amount).
    money: Option<MoneyRole>,
    /// The key under which the provider's map field holds the value, and whether the
    /// map's values are optional.
    key: Option<(String, bool)>,
    /// The Rust type of the items of the labelled list whose primary item holds the value,
    /// and whether its `value` and `primary` are `Nullable` (else `Option`).
    primary_item: Option<(String, bool, bool)>,
    /// How the value changes on its way.
    conversion: Conversion,
    /// The table of the same file that converts the value (a `table` entry).
    by_table: Option<ByTable>,
    /// The text written when the Schema.org property has none.
    default: Option<String>,
}

/// The object field of the provider type that holds a pair's field (Square's `address`
/// holding `address_line_1`).
#[derive(Debug, Clone)]
struct Outer {
    wire: String,
    field: String,
    holding: Holding,
    /// The Rust type of the object.
    rust_type: String,
    /// Whether the field holds it in a `Box` (where recursion needs one).
    boxed: bool,
    /// Whether the field holds a list of such objects, of which the pair means the one
    /// item (`content[].value`): written as a one-item list, read from the first item.
    list: bool,
    /// The object's constructor arguments by wire name, in order, each with whether it
    /// is a list or a map (which starts empty when no pair writes it). Empty: the object
    /// has a `Default`.
    constructor: Vec<(String, bool)>,
}

/// What a pair writes of the provider type.
#[derive(Debug, PartialEq, Eq)]
enum Claim<'a> {
    /// A field, whole.
    Whole(&'a str),
    /// One key of a map field.
    Key(&'a str, &'a str),
    /// One field of an object field.
    Into(&'a str, &'a str),
}

impl Claim<'_> {
    /// Whether two pairs would write over each other: the same field, key or field of an
    /// object, or a field written whole and also into.
    fn clashes(&self, other: &Claim<'_>) -> bool {
        self == other
            || matches!(
                (self, other),
                (Claim::Whole(whole), Claim::Into(outer, _) | Claim::Key(outer, _))
                    | (Claim::Into(outer, _) | Claim::Key(outer, _), Claim::Whole(whole))
                    if whole == outer
            )
    }

    /// The provider field written.
    fn field(&self) -> &str {
        match self {
            Claim::Whole(field) | Claim::Key(field, _) | Claim::Into(field, _) => field,
        }
    }
}

impl Pair {
    /// What the pair writes of the provider type.
    fn claim(&self) -> Claim<'_> {
        match (&self.outer, &self.key) {
            (Some(outer), _) => Claim::Into(&outer.wire, self.inner_wire()),
            (None, Some((key, _))) => Claim::Key(&self.wire, key),
            (None, None) => Claim::Whole(&self.wire),
        }
    }

    /// The wire name of the field within its object field (`value` of
    /// `content[].value`), or of the provider type's own field.
    fn inner_wire(&self) -> &str {
        match &self.outer {
            Some(_) => self
                .wire
                .rsplit_once('.')
                .map_or(&*self.wire, |(_, inner)| inner),
            None => &self.wire,
        }
    }
}

/// One checked table.
#[derive(Debug, Clone)]
pub struct Table {
    schema: String,
    provider: String,
    rust_type: String,
    pairs: Vec<Pair>,
    /// The provider struct's constructor arguments, by wire name, in order (none: it has
    /// a `Default`).
    constructor: Vec<String>,
    /// Schema.org properties no pair carries to the provider.
    dropped_to_provider: Vec<String>,
    /// Provider fields no pair carries to Schema.org.
    dropped_from_provider: Vec<String>,
}

impl Table {
    /// Whether the way to the provider can fail (a `TryFrom`): a value it needs may be
    /// missing, or may not convert.
    fn fallible(&self) -> bool {
        self.pairs.iter().any(|p| {
            p.direction.writes()
                && (p.required
                    || p.money.is_some()
                    || p.many
                    || p.conversion.fallible()
                    || p.by_table.as_ref().is_some_and(|by| by.fallible)
                    || p.outer
                        .as_ref()
                        .is_some_and(|o| o.holding == Holding::Plain && !o.list))
        }) || !self.incomplete().is_empty()
    }

    /// The pairs that write a field their object's type requires without the table
    /// requiring it (nor a default): missing when the object is made for another value.
    fn incomplete(&self) -> Vec<&Pair> {
        self.pairs
            .iter()
            .filter(|p| {
                p.direction.writes()
                    && !p.required
                    && p.default.is_none()
                    && p.outer.as_ref().is_some_and(|o| {
                        o.constructor
                            .iter()
                            .any(|(wire, empty)| !empty && wire == p.inner_wire())
                    })
            })
            .collect()
    }
}

/// Reads `path` and checks each table against `vocabulary` and `api`: the types and
/// fields exist (with a did-you-mean), the values agree in type, a read-only field is not
/// written, and the provider type can be built from what the table gives it.
pub fn load(path: &Path, vocabulary: &Vocabulary, api: &Api) -> Result<Vec<Table>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.error(
                Location::new(path, ""),
                format!("cannot read the mappings: {e}"),
            );
            return Err(diagnostics);
        }
    };
    let file: File = match toml::from_str(&text) {
        Ok(file) => file,
        Err(e) => {
            let line = e.span().map(|span| line_at(&text, span.start));
            diagnostics.error(
                Location::new(path, "").on_line(line),
                format!("not a mapping file: {}", e.message().trim()),
            );
            return Err(diagnostics);
        }
    };
    let spans = toml::de::DeTable::parse(&text).ok();
    let at = |pointer: String| {
        let line = spans
            .as_ref()
            .and_then(|table| span_of(table.get_ref(), &pointer))
            .map(|start| line_at(&text, start));
        Location::new(path, pointer).on_line(line)
    };
    let mut tables = Vec::new();
    // Each `table` entry, by its table's and pair's index, and where it is written.
    let mut references: Vec<(usize, usize, Location)> = Vec::new();
    for (index, entry) in file.mappings.iter().enumerate() {
        let key = format!("/mappings/{index}");
        let Some(schema) = vocabulary.types.get(&entry.schema) else {
            let hint = closest(&entry.schema, vocabulary.types.keys().map(String::as_str))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            diagnostics.error(
                at(format!("{key}/schema")),
                format!(
                    "`{}` is not a type of the Schema.org vocabulary{hint}",
                    entry.schema
                ),
            );
            continue;
        };
        // A component's name, or the JSON Pointer of any schema (an inline request body).
        let pointer = if entry.provider.starts_with("#/") {
            entry.provider.clone()
        } else {
            format!("#/components/schemas/{}", entry.provider)
        };
        let found = api.types.iter().find(|def| {
            def.schemas.iter().any(|s| {
                s == &pointer || s == &pointer[1..] || s.ends_with(&format!("#{}", &pointer[1..]))
            }) && matches!(def.kind, TypeKind::Struct(_))
        });
        let Some(def) = found else {
            let names: Vec<&str> = api
                .types
                .iter()
                .flat_map(|def| def.schemas.iter())
                .filter_map(|s| s.rsplit_once("/components/schemas/").map(|(_, name)| name))
                .collect();
            let hint = closest(&entry.provider, names.iter().copied())
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            diagnostics.error(
                at(format!("{key}/provider")),
                format!("the spec has no object schema at `{pointer}`{hint}"),
            );
            continue;
        };
        let TypeKind::Struct(object) = &def.kind else {
            continue;
        };
        let mut pairs = Vec::new();
        for (group, (property, raw)) in entry.fields.iter().enumerate() {
            let field_key = format!("{key}/fields/{property}");
            let mut field_entry = match FieldEntry::read(raw) {
                Ok(field_entry) => field_entry,
                Err(problem) => {
                    diagnostics.error(at(field_key), format!("`{property}`: {problem}"));
                    continue;
                }
            };
            let (source, conversion) = match (
                field_entry.source(),
                Conversion::asked(field_entry.transform, field_entry.values.as_ref()),
            ) {
                (Ok(source), Ok(conversion)) => (source, conversion),
                (Err(problem), _) | (_, Err(problem)) => {
                    diagnostics.error(at(field_key), format!("`{property}`: {problem}"));
                    continue;
                }
            };
            let (direction, required) = (field_entry.direction, field_entry.required);
            let path: Vec<String> = property.split('.').map(str::to_owned).collect();
            let converts = conversion != Conversion::Plain;
            let (by_table, default) = (field_entry.table.take(), field_entry.default.take());
            if (by_table.is_some() || default.is_some())
                && (converts || !matches!(source, Source::Field(_)))
            {
                diagnostics.error(
                    at(field_key),
                    format!("`{property}`: a `table` or a `default` goes with a `field` entry, and without a `transform` or `values`"),
                );
                continue;
            }
            if default.is_some() && (by_table.is_some() || !direction.writes()) {
                diagnostics.error(
                    at(field_key),
                    format!("`{property}`: a `default` is written to the provider, so it goes with neither a `table` nor `direction = \"from_provider\"`"),
                );
                continue;
            }
            if converts && matches!(source, Source::Primary(_) | Source::Money(_)) {
                diagnostics.error(
                    at(field_key),
                    "a `transform` or `values` table goes with a `field` or `key` entry",
                );
                continue;
            }
            if conversion == Conversion::JoinName
                && (path != ["name"] || !schema.properties.contains_key("givenName"))
            {
                diagnostics.error(
                    at(field_key),
                    format!("`join_name` maps the `name` of a type with `givenName` and `familyName`, and `{}.{property}` is not one", schema.name),
                );
                continue;
            }
            let expected_of = |name: &str| Expected {
                name: name.to_owned(),
                many: false,
                data: true,
            };
            // Each field the entry names, with the data type it holds and its part of an
            // amount of money.
            let mut map_key = None;
            let mut primary_list = false;
            let single = match source {
                Source::Money(money) => Err(money),
                Source::Field(wire) => Ok(wire),
                Source::Primary(list) => {
                    primary_list = true;
                    Ok(list)
                }
                Source::Key(map_entry_key) => {
                    let Some(map) = &entry.map else {
                        diagnostics.error(
                            at(field_key),
                            "a `key` entry needs the table's `map` (the field holding named values, such as `properties`)",
                        );
                        continue;
                    };
                    map_key = Some(map_entry_key);
                    Ok(map.clone())
                }
            };
            let (wires, many): (Vec<(String, Option<MoneyRole>, Expected)>, bool) = match single {
                Err(money) => {
                    let holds = schema.properties.get(property).map(|e| e.name.as_str());
                    if path.len() != 1 || holds != Some("MonetaryAmount") {
                        diagnostics.error(
                            at(field_key),
                            format!("`money` maps a `MonetaryAmount` property of `{}` itself, and `{property}` is not one", schema.name),
                        );
                        continue;
                    }
                    (
                        vec![
                            (
                                money.amount,
                                Some(MoneyRole::Amount { group }),
                                expected_of("Integer"),
                            ),
                            (
                                money.currency,
                                Some(MoneyRole::Currency {
                                    group,
                                    lowercase: money.lowercase_currency,
                                }),
                                expected_of("Text"),
                            ),
                        ],
                        false,
                    )
                }
                // A property holding Schema.org objects, which the other table converts.
                Ok(wire) if by_table.is_some() => {
                    match by_table::object_property(vocabulary, &schema.name, &path) {
                        Ok(expected) => (vec![(wire, None, expected)], false),
                        Err(problem) => {
                            diagnostics.error(at(field_key), problem);
                            continue;
                        }
                    }
                }
                Ok(wire) => match property_type(vocabulary, &schema.name, &path) {
                    Ok((expected, many)) => (vec![(wire, None, expected)], many),
                    Err(problem) => {
                        diagnostics.error(at(field_key), problem);
                        continue;
                    }
                },
            };
            for (wire, money, expected) in wires {
                let mut conversion = conversion.clone();
                let (field, outer) = match locate(api, object, &pointer, &wire, direction.writes())
                {
                    Ok(found) => found,
                    Err(problem) => {
                        diagnostics.error(at(field_key.clone()), problem);
                        continue;
                    }
                };
                if outer.is_some() && (map_key.is_some() || primary_list) {
                    diagnostics.error(
                        at(field_key.clone()),
                        "a `key` or `primary` entry names a field of the provider type itself",
                    );
                    continue;
                }
                let disagree = |problem: String| {
                    format!(
                        "`{property}` ({}) and `{}` disagree: {problem}",
                        expected.name,
                        field_pointer(&pointer, &wire)
                    )
                };
                let through_table = match &by_table {
                    None => None,
                    Some(name) => match by_table::held(api, name, &expected, field) {
                        Ok(held) => Some(held),
                        Err(problem) => {
                            diagnostics.error(at(field_key.clone()), disagree(problem));
                            continue;
                        }
                    },
                };
                if default.is_some()
                    && let Err(problem) = conversion::default_fits(&expected, field)
                {
                    diagnostics.error(at(field_key.clone()), format!("`{property}`: {problem}"));
                    continue;
                }
                let agreed = match (&map_key, primary_list) {
                    _ if through_table.is_some() => Ok((None, None)),
                    (Some(key), _) => {
                        map_values(&expected, field, &conversion).and_then(|optional| {
                            if let TypeRef::Map(values) = &field.ty {
                                let values = match values.as_ref() {
                                    TypeRef::Nullable(inner) => inner.as_ref(),
                                    values => values,
                                };
                                conversion.check(api, &expected, values, direction.writes())?;
                            }
                            Ok((Some((key.clone(), optional)), None))
                        })
                    }
                    (None, true) => {
                        primary_items(api, &expected, field).map(|item| (None, Some(item)))
                    }
                    (None, false) if matches!(money, Some(MoneyRole::Currency { .. })) => {
                        conversion::currency_code(api, &field.ty).map(|held| {
                            conversion = held;
                            (None, None)
                        })
                    }
                    (None, false) => conversion
                        .check(api, &expected, &field.ty, direction.writes())
                        .map(|()| (None, None)),
                };
                let (key_of, primary_item) = match agreed {
                    Ok(found) => found,
                    Err(problem) => {
                        diagnostics.error(at(field_key.clone()), disagree(problem));
                        continue;
                    }
                };
                if direction.writes() && field.access == crate::ir::Access::ReadOnly {
                    diagnostics.error(
                        at(field_key.clone()),
                        format!("`{}` is read-only, so it cannot be written from `{property}`: say `direction = \"from_provider\"`", field_pointer(&pointer, &wire)),
                    );
                    continue;
                }
                let holding = holding_of(field);
                // A field the provider type cannot be made without is required, but for
                // a list another table fills (which may be left empty); a field of an
                // object field is asked for only when the object is made; a field with
                // a default always has a value.
                let required = default.is_none()
                    && (required
                        || (holding == Holding::Plain
                            && outer.is_none()
                            && key_of.is_none()
                            && !through_table.as_ref().is_some_and(|held| held.list)));
                if through_table.is_some() {
                    references.push((tables.len(), pairs.len(), at(field_key.clone())));
                }
                let nested_type =
                    (path.len() == 2).then(|| schema.properties[&path[0]].name.clone());
                pairs.push(Pair {
                    path: path.clone(),
                    nested_type,
                    many,
                    outer,
                    wire: wire.clone(),
                    field: field.name.clone(),
                    holding,
                    direction,
                    required,
                    money,
                    key: key_of,
                    primary_item,
                    conversion,
                    by_table: through_table,
                    default: default.clone(),
                });
            }
        }
        let constructor = constructor_fields(object);
        let writes = pairs.iter().any(|p| p.direction.writes());
        for wire in constructor.iter().filter(|_| writes) {
            let defaultable = starts_empty(object, wire);
            let written = |p: &Pair| {
                p.direction.writes()
                    && (&p.wire == wire || p.outer.as_ref().is_some_and(|o| &o.wire == wire))
            };
            if !defaultable && !pairs.iter().any(written) {
                diagnostics.error(
                    at(format!("{key}/fields")),
                    format!("`{pointer}` requires `{wire}`, which no field of the table writes, so a `{}` could not be made from a `{}`", entry.provider, entry.schema),
                );
            }
        }
        // Each provider field is written by one entry.
        let writers: Vec<&Pair> = pairs.iter().filter(|p| p.direction.writes()).collect();
        for (index, pair) in writers.iter().enumerate() {
            if let Some(earlier) = writers[..index]
                .iter()
                .find(|earlier| pair.claim().clashes(&earlier.claim()))
            {
                diagnostics.error(
                    at(format!("{key}/fields/{}", pair.path.join("."))),
                    format!(
                        "`{}` and `{}` both write `{}`",
                        earlier.path.join("."),
                        pair.path.join("."),
                        pair.claim().field()
                    ),
                );
            }
        }
        // An object field written into is made by its constructor: the table must write
        // every argument but lists and maps.
        let mut objects: Vec<&Outer> = Vec::new();
        for outer in pairs
            .iter()
            .filter(|p| p.direction.writes())
            .filter_map(|p| p.outer.as_ref())
        {
            if !objects.iter().any(|seen| seen.wire == outer.wire) {
                objects.push(outer);
            }
        }
        for outer in objects {
            let items = if outer.list { "[]" } else { "" };
            for (argument, _) in outer.constructor.iter().filter(|(_, empty)| !empty) {
                let written = pairs.iter().any(|p| {
                    p.direction.writes()
                        && p.outer.as_ref().is_some_and(|o| o.wire == outer.wire)
                        && p.inner_wire() == argument
                });
                if !written {
                    diagnostics.error(
                        at(format!("{key}/fields")),
                        format!(
                            "`{}` (the `{}{items}` of `{pointer}`) requires `{argument}`, which no field of the table writes (`{}{items}.{argument}`), so the table cannot make one",
                            outer.rust_type, outer.wire, outer.wire
                        ),
                    );
                }
            }
        }
        let dropped_to_provider = dropped_properties(vocabulary, &schema.name, &pairs);
        let dropped_from_provider = object
            .fields
            .iter()
            .filter(|f| {
                !pairs.iter().any(|p| {
                    p.direction.reads()
                        && (p.wire == f.wire_name
                            || p.outer.as_ref().is_some_and(|o| o.wire == f.wire_name))
                })
            })
            .map(|f| f.wire_name.clone())
            .collect();
        tables.push(Table {
            schema: schema.name.clone(),
            // A schema named by its pointer is called by its Rust name.
            provider: if entry.provider.starts_with("#/") {
                def.name.clone()
            } else {
                entry.provider.clone()
            },
            rust_type: def.name.clone(),
            pairs,
            constructor,
            dropped_to_provider,
            dropped_from_provider,
        });
    }
    by_table::resolve(&mut tables, &references, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(tables)
}

/// The type a property path of `schema` expects: a data type, one level deep at most;
/// and whether the first step holds several values (of which the path means the first).
fn property_type(
    vocabulary: &Vocabulary,
    schema: &str,
    path: &[String],
) -> Result<(Expected, bool), String> {
    let mut ty = &vocabulary.types[schema];
    let mut many = false;
    for (depth, segment) in path.iter().enumerate() {
        let Some(expected) = ty.properties.get(segment) else {
            let hint = closest(segment, ty.properties.keys().map(String::as_str))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            return Err(format!("`{}` has no property `{segment}`{hint}", ty.name));
        };
        let last = depth + 1 == path.len();
        match (last, expected.data, expected.many) {
            // The first of several: one recipient's telephone number.
            (false, false, true) if depth == 0 => {
                many = true;
                ty = &vocabulary.types[&expected.name];
            }
            (_, false, true) if depth == 0 => {
                return Err(format!(
                    "`{}.{segment}` holds several values: map a property of the first (`{segment}.…`)",
                    ty.name
                ));
            }
            (_, _, true) => {
                return Err(format!(
                    "`{}.{segment}` holds several values, which a table maps only as a property of the first of several objects",
                    ty.name
                ));
            }
            (true, true, false) => return Ok((expected.clone(), many)),
            (true, false, false) => {
                return Err(format!(
                    "`{}.{segment}` is a `{}`: map its properties (`{segment}.…`)",
                    ty.name, expected.name
                ));
            }
            (false, true, false) => {
                return Err(format!(
                    "`{}.{segment}` is {}, which has no properties",
                    ty.name, expected.name
                ));
            }
            (false, false, false) if depth >= 1 => {
                return Err("a table maps properties at most two levels deep".to_owned());
            }
            (false, false, false) => ty = &vocabulary.types[&expected.name],
        }
    }
    Err("an empty property path".to_owned())
}

/// The wire names of a struct's constructor arguments, in order.
fn constructor_fields(object: &StructDef) -> Vec<String> {
    object
        .fields
        .iter()
        .filter(|f| f.required && f.constant.is_none())
        .map(|f| f.wire_name.clone())
        .collect()
}

/// Whether the field `wire` of `object` is a list or a map, which a constructor can be
/// given empty.
fn starts_empty(object: &StructDef, wire: &str) -> bool {
    object
        .fields
        .iter()
        .any(|f| f.wire_name == wire && matches!(f.ty, TypeRef::List(_) | TypeRef::Map(_)))
}

/// The properties of `schema` (and of the types its mapped properties hold) that no pair
/// writes to the provider.
fn dropped_properties(vocabulary: &Vocabulary, schema: &str, pairs: &[Pair]) -> Vec<String> {
    let written: Vec<&[String]> = pairs
        .iter()
        .filter(|p| p.direction.writes())
        .map(|p| p.path.as_slice())
        .collect();
    let mut dropped = Vec::new();
    for (property, expected) in &vocabulary.types[schema].properties {
        let nested: Vec<&&[String]> = written
            .iter()
            .filter(|path| path.len() == 2 && &path[0] == property)
            .collect();
        if !nested.is_empty() && !expected.data {
            for inner in vocabulary.types[&expected.name].properties.keys() {
                if !nested.iter().any(|path| &path[1] == inner) {
                    dropped.push(format!("{property}.{inner}"));
                }
            }
        } else if !written
            .iter()
            .any(|path| path.len() == 1 && &path[0] == property)
        {
            dropped.push(property.clone());
        }
    }
    dropped
}

/// Whether a map field holds text values, and whether they are optional (HubSpot's read
/// `properties` map values may be `null`).
fn map_values(expected: &Expected, field: &Field, conversion: &Conversion) -> Result<bool, String> {
    if matches!(
        conversion,
        Conversion::IntegerText { .. } | Conversion::JoinName
    ) {
        return Err("a map entry holds text as it is, dates and value tables".to_owned());
    }
    let text = matches!(
        expected.name.as_str(),
        "Text" | "URL" | "Date" | "DateTime" | "Time"
    );
    let TypeRef::Map(values) = &field.ty else {
        return Err(format!(
            "a `key` entry needs a map, and the provider holds {}",
            describe(&field.ty)
        ));
    };
    match (text, values.as_ref()) {
        (true, TypeRef::Primitive(Primitive::String)) => Ok(false),
        (true, TypeRef::Nullable(inner)) if **inner == TypeRef::Primitive(Primitive::String) => {
            Ok(true)
        }
        (false, _) => Err("a map entry holds text".to_owned()),
        _ => Err("the map's values are not text".to_owned()),
    }
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "nothing".to_owned()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The item type of a labelled list whose primary item holds a value: a list of objects
/// with an optional text `value` and an optional boolean `primary`, and nothing required.
fn primary_items(
    api: &Api,
    expected: &Expected,
    field: &Field,
) -> Result<(String, bool, bool), String> {
    if !matches!(expected.name.as_str(), "Text" | "URL") {
        return Err("a labelled list holds text".to_owned());
    }
    let TypeRef::List(item) = &field.ty else {
        return Err(format!(
            "a `primary` entry needs a list, and the provider holds {}",
            describe(&field.ty)
        ));
    };
    let TypeRef::Named(id) = item.as_ref() else {
        return Err("the list's items are not objects".to_owned());
    };
    let def = api.ty(*id);
    let TypeKind::Struct(object) = &def.kind else {
        return Err(format!("the list's items (`{}`) are not objects", def.name));
    };
    let has = |name: &str, primitive: Primitive| {
        object
            .fields
            .iter()
            .any(|f| f.wire_name == name && !f.required && f.ty == TypeRef::Primitive(primitive))
    };
    if !has("value", Primitive::String) || !has("primary", Primitive::Bool) {
        return Err(format!(
            "the list's items (`{}`) need an optional text `value` and an optional boolean `primary`",
            def.name
        ));
    }
    if !constructor_fields(object).is_empty() {
        return Err(format!(
            "the list's items (`{}`) require more than a value",
            def.name
        ));
    }
    let nullable = |name: &str| {
        object
            .fields
            .iter()
            .any(|f| f.wire_name == name && f.nullable)
    };
    Ok((def.name.clone(), nullable("value"), nullable("primary")))
}

/// How a provider struct holds `field`.
fn holding_of(field: &Field) -> Holding {
    match (field.required, field.nullable) {
        (true, true) => Holding::Optional,
        (true, false) => Holding::Plain,
        (false, true) => Holding::Nullable,
        (false, false) => Holding::Optional,
    }
}

/// The field a wire path names in `object` (`address_line_1`, or one level into an
/// object field: `address.address_line_1`, or into the one item of a list of objects:
/// `content[].value`), and the object field it is in. An object written into must not be
/// read-only; what its constructor needs is checked once the table's pairs are known.
fn locate<'a>(
    api: &'a Api,
    object: &'a StructDef,
    pointer: &str,
    wire: &str,
    writes: bool,
) -> Result<(&'a Field, Option<Outer>), String> {
    let find = |object: &'a StructDef, at: &str, name: &str| {
        object
            .fields
            .iter()
            .find(|f| f.wire_name == name)
            .ok_or_else(|| {
                let hint = closest(name, object.fields.iter().map(|f| f.wire_name.as_str()))
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                format!("`{at}` has no property `{name}`{hint}")
            })
    };
    let Some((first, rest)) = wire.split_once('.') else {
        if let Some(list) = wire.strip_suffix("[]") {
            return Err(format!(
                "`{wire}` is the item of a list: name one of its fields (`{list}[].…`), or the list itself (`{list}`)"
            ));
        }
        return Ok((find(object, pointer, wire)?, None));
    };
    if rest.contains('.') {
        return Err(format!(
            "`{wire}` goes more than one level into `{pointer}`"
        ));
    }
    if rest.contains("[]") {
        return Err(format!(
            "`{wire}`: `[]` goes on the first step only (a table writes into one list item at most)"
        ));
    }
    let (first, list) = match first.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (first, false),
    };
    let outer = find(object, pointer, first)?;
    let mut ty = &outer.ty;
    let mut boxed = false;
    let mut at = format!("{pointer}/properties/{first}");
    if list {
        while let TypeRef::Nullable(inner) = ty {
            ty = inner;
        }
        let TypeRef::List(item) = ty else {
            return Err(format!(
                "`{at}` is not a list, so `{first}[]` names nothing (`{first}.…` names a field of an object)"
            ));
        };
        if matches!(item.as_ref(), TypeRef::Nullable(_)) {
            return Err(format!(
                "`{at}` may hold `null` items, which a table does not write into or read from"
            ));
        }
        ty = item;
        at.push_str("/items");
    }
    let inner = loop {
        match ty {
            TypeRef::Nullable(inner) => ty = inner,
            TypeRef::Boxed(inner) => {
                boxed = true;
                ty = inner;
            }
            TypeRef::Named(id) => match &api.ty(*id).kind {
                // A `type` alias is its target; a newtype is not the object.
                TypeKind::Alias {
                    target,
                    newtype: false,
                } => ty = target,
                TypeKind::Struct(inner) => break (api.ty(*id), inner),
                _ => return Err(format!("`{at}` is not an object")),
            },
            TypeRef::List(_) if !list => {
                return Err(format!(
                    "`{at}` is a list, not an object: `{first}[].{rest}` names a field of its one item"
                ));
            }
            _ => return Err(format!("`{at}` is not an object")),
        }
    };
    let (def, inner_object) = inner;
    let field = find(inner_object, &at, rest)?;
    if writes && outer.access == crate::ir::Access::ReadOnly {
        return Err(format!(
            "`{pointer}/properties/{first}` is read-only, so nothing can be written into it: say `direction = \"from_provider\"`"
        ));
    }
    let constructor = constructor_fields(inner_object)
        .into_iter()
        .map(|wire| {
            let empty = starts_empty(inner_object, &wire);
            (wire, empty)
        })
        .collect();
    Ok((
        field,
        Some(Outer {
            wire: first.to_owned(),
            field: outer.name.clone(),
            holding: holding_of(outer),
            rust_type: def.name.clone(),
            boxed,
            list,
            constructor,
        }),
    ))
}

/// Where the node at `pointer` (`/mappings/0/fields/givenName`) starts in the text: at
/// its key, for an entry of a table; the deepest node found, for a pointer past the
/// document's nodes.
fn span_of(table: &toml::de::DeTable<'_>, pointer: &str) -> Option<usize> {
    let mut current = table;
    let mut start = None;
    let mut segments = pointer.split('/').skip(1).peekable();
    while let Some(segment) = segments.next() {
        let (key_start, value) = current
            .iter()
            .find(|(key, _)| key.get_ref().as_ref() == segment)
            .map(|(key, value)| (key.span().start, value))?;
        start = Some(key_start);
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => current = inner,
            toml::de::DeValue::Array(items) => {
                let Some(index) = segments.peek().and_then(|s| s.parse::<usize>().ok()) else {
                    break;
                };
                segments.next();
                let item = items.get(index)?;
                start = Some(item.span().start);
                match item.get_ref() {
                    toml::de::DeValue::Table(inner) => current = inner,
                    _ => break,
                }
            }
            _ => break,
        }
    }
    start
}

/// The JSON Pointer of the field a wire path names in the schema at `pointer`
/// (`address.city` is `…/properties/address/properties/city`, `parts[].value`
/// `…/properties/parts/items/properties/value`).
fn field_pointer(pointer: &str, wire: &str) -> String {
    let mut out = pointer.to_owned();
    for step in wire.split('.') {
        match step.strip_suffix("[]") {
            Some(list) => {
                out.push_str("/properties/");
                out.push_str(list);
                out.push_str("/items");
            }
            None => {
                out.push_str("/properties/");
                out.push_str(step);
            }
        }
    }
    out
}

/// The line (counted from 1) of a byte offset into `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
