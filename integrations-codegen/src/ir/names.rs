//! Rust names for spec names: case, keywords, characters Rust does not allow, and
//! collisions, all decided here and nowhere else.
//!
//! Every function is deterministic. [`NameSet`] resolves collisions by appending `2`, `3`,
//! … in the order names are claimed, which the IR builder keeps stable (spec order).

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict and reserved keywords, 2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `word` is a Rust keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Keeps ASCII letters, digits and separators; other characters become separators.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == '+' {
            out.push_str(" plus ");
        } else {
            out.push(' ');
        }
    }
    out
}

/// The words for a name made only of symbols (an operator enum: `!=` is `NotEq`,
/// `<=` is `LtEq`, `~` is `Tilde`), so that such values get names that say what they are.
fn spelled_symbols(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let word = match c {
            '=' => "eq",
            '!' => "not",
            '<' => "lt",
            '>' => "gt",
            '~' => "tilde",
            '*' => "star",
            '+' => "plus",
            '-' => "minus",
            '/' => "slash",
            '\\' => "backslash",
            '%' => "percent",
            '&' => "and",
            '|' => "or",
            '^' => "caret",
            '@' => "at",
            '#' => "hash",
            '$' => "dollar",
            '.' => "dot",
            ',' => "comma",
            ':' => "colon",
            ';' => "semicolon",
            '?' => "question",
            '(' => "open paren",
            ')' => "close paren",
            '[' => "open bracket",
            ']' => "close bracket",
            '{' => "open brace",
            '}' => "close brace",
            '\'' => "quote",
            '"' => "double quote",
            '`' => "backtick",
            '_' => "underscore",
            _ => continue,
        };
        out.push(' ');
        out.push_str(word);
    }
    out
}

/// An `UpperCamelCase` type or variant name for `raw`; symbols are spelled out when there
/// is nothing else (`!=` is `NotEq`); `fallback` when nothing is left at all.
pub fn upper_camel(raw: &str, fallback: &str) -> String {
    let mut name = ascii_words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = spelled_symbols(raw).to_upper_camel_case();
    }
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// A `snake_case` identifier for `raw` (fields, parameters, methods), keywords made raw
/// (`r#type`) or suffixed where Rust allows no raw form (`self_`).
pub fn snake(raw: &str, fallback: &str) -> String {
    let mut name = ascii_words(raw).to_snake_case();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if is_keyword(&name) {
        name.insert_str(0, "r#");
    }
    name
}

/// A parameter's identifier: [`snake`], with a trailing comparison spelled out, so that
/// Twilio's `DateSent<` and `DateSent>` read `date_sent_before` and `date_sent_after`
/// (`price_lt`, `price_ge` where the name is not a date or time: one naming a date, a
/// time or ending in `_at`) rather than taking
/// numbered suffixes.
pub fn param(raw: &str) -> String {
    let trimmed = raw.trim_end();
    let comparisons = [("<=", "le"), (">=", "ge"), ("<", "lt"), (">", "gt")];
    for (symbol, word) in comparisons {
        let Some(base) = trimmed.strip_suffix(symbol) else {
            continue;
        };
        let base_name = snake(base, "");
        if base_name.is_empty() {
            break;
        }
        let lower = base_name.to_ascii_lowercase();
        let temporal = lower.contains("date") || lower.contains("time") || lower.ends_with("_at");
        let suffix = match (temporal, word) {
            (false, word) => word,
            (true, "lt") => "before",
            (true, "gt") => "after",
            (true, "le") => "on_or_before",
            (true, _) => "on_or_after",
        };
        return snake(&format!("{} {suffix}", unraw(&base_name)), "param");
    }
    snake(raw, "param")
}

/// The words of an `UpperCamelCase` name (digits stay with the word before them):
/// `PaymentIntent3ds` is `Payment`, `Intent3ds`.
pub fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

/// The identifier without a raw prefix (`r#type` is `type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Names already taken in one namespace.
#[derive(Debug, Clone, Default)]
pub struct NameSet {
    taken: HashSet<String>,
}

impl NameSet {
    /// An empty namespace.
    pub fn new() -> Self {
        Self::default()
    }

    /// A namespace where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        NameSet {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Whether `name` is free (raw identifiers compared without their prefix).
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(unraw(name))
    }

    /// Gives `name` back, for a type that is gone or being renamed.
    pub fn release(&mut self, name: &str) {
        self.taken.remove(unraw(name));
    }

    /// Takes `name`, or the first of `name2`, `name3`, … that is free. Raw identifiers
    /// are compared without their prefix.
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(unraw(name).to_owned()) {
            return name.to_owned();
        }
        let base = unraw(name).trim_end_matches('_');
        let separator = if base.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

/// The variant name of a well-known status code (`200` is `Ok`).
pub fn status_variant(code: u16) -> String {
    let known = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_parameters_are_spelled_out() {
        assert_eq!(param("DateSent<"), "date_sent_before");
        assert_eq!(param("DateSent>"), "date_sent_after");
        assert_eq!(param("StartTime>="), "start_time_on_or_after");
        assert_eq!(param("EndTime<="), "end_time_on_or_before");
        assert_eq!(param("Price<"), "price_lt");
        assert_eq!(param("Count>="), "count_ge");
        assert_eq!(param("CreatedAt<"), "created_at_before");
        assert_eq!(param("DateSent"), "date_sent");
        assert_eq!(param("<"), "param");
        assert_eq!(param("type"), "r#type");
    }

    #[test]
    fn cases_and_keywords() {
        assert_eq!(upper_camel("payment_intent", "X"), "PaymentIntent");
        assert_eq!(upper_camel("3d_secure", "X"), "V3dSecure");
        assert_eq!(upper_camel("", "Empty"), "Empty");
        assert_eq!(upper_camel("Self", "X"), "Self_");
        assert_eq!(upper_camel("+1", "X"), "Plus1");
        assert_eq!(snake("type", "f"), "r#type");
        assert_eq!(snake("self", "f"), "self_");
        assert_eq!(snake("AccountSid", "f"), "account_sid");
        assert_eq!(snake("@odata.type", "f"), "odata_type");
        assert_eq!(snake("$", "field"), "field");
        assert_eq!(snake("2fa", "f"), "_2fa");
        assert_eq!(snake("Über", "f"), "ber");
    }

    #[test]
    fn operator_values_are_spelled_out() {
        let names: Vec<String> = ["=", "!=", ">", "<=", "~", ">="]
            .iter()
            .map(|v| upper_camel(v, "Empty"))
            .collect();
        assert_eq!(names, ["Eq", "NotEq", "Gt", "LtEq", "Tilde", "GtEq"]);
        // Symbols beside words stay separators.
        assert_eq!(upper_camel("a=b", "X"), "AB");
    }

    #[test]
    fn collisions_are_numbered_in_claim_order() {
        let mut names = NameSet::with_reserved(&["Client"]);
        assert_eq!(names.claim("Customer"), "Customer");
        assert_eq!(names.claim("Customer"), "Customer2");
        assert_eq!(names.claim("Customer"), "Customer3");
        assert_eq!(names.claim("Client"), "Client2");
        assert_eq!(names.claim("V2"), "V2");
        assert_eq!(names.claim("V2"), "V2_2");
        let mut fields = NameSet::new();
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type2");
    }
}
