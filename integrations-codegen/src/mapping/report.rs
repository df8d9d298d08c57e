//! Mapping tables as text, for people: every correspondence with its direction, and what
//! each direction drops (`integrations-codegen mapping-report`).

use std::fmt::Write as _;

use super::{MoneyRole, Table, list};

/// The tables as text: for each, every correspondence with its direction, and what each
/// direction drops.
pub fn report(provider_name: &str, tables: &[Table]) -> String {
    let mut out = String::new();
    for table in tables {
        let _ = writeln!(
            out,
            "## {provider_name}: {} <-> {}",
            table.schema, table.provider
        );
        let _ = writeln!(out);
        for pair in &table.pairs {
            let (property, note) = match pair.money {
                None => (pair.path.join("."), ""),
                Some(MoneyRole::Amount { .. }) => {
                    (format!("{}.value", pair.path[0]), "  (minor units)")
                }
                Some(MoneyRole::Currency { .. }) => (format!("{}.currency", pair.path[0]), ""),
            };
            let wire = match &pair.key {
                Some((key, _)) => format!("{}.{key}", pair.wire),
                None => pair.wire.clone(),
            };
            let converted = match (&pair.by_table, &pair.default) {
                (Some(by), _) if by.list => format!("  (each by the `{}` table)", by.name),
                (Some(by), _) => format!("  (by the `{}` table)", by.name),
                (None, Some(text)) => format!("  (default `{text}`)"),
                (None, None) => pair
                    .conversion
                    .describe()
                    .map(|how| format!("  ({how})"))
                    .unwrap_or_default(),
            };
            let _ = writeln!(
                out,
                "  {:<28} {:<4} {wire}{note}{converted}{}",
                property,
                pair.direction.arrow(),
                if pair.required && pair.direction.writes() {
                    "  (required)"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(out);
        let writes = table.pairs.iter().any(|p| p.direction.writes());
        let reads = table.pairs.iter().any(|p| p.direction.reads());
        let dropped = |any: bool, names: &[String]| {
            if any {
                list(names)
            } else {
                "(no conversion this way)".to_owned()
            }
        };
        let _ = writeln!(
            out,
            "  dropped to {provider_name}: {}",
            dropped(writes, &table.dropped_to_provider)
        );
        let _ = writeln!(
            out,
            "  dropped from {provider_name}: {}",
            dropped(reads, &table.dropped_from_provider)
        );
        let _ = writeln!(out);
    }
    out
}
