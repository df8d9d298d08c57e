//! Named value transforms that mapping tables use between provider fields and Schema.org
//! properties, each a plain function with its failure named:
//! - money in minor units (Stripe's `amount: 1099`) and a decimal amount
//!   (`MonetaryAmount.value`: `10.99`), by the currency's exponent (JPY 0, USD 2, KWD 3),
//!   in integer arithmetic on the digits: no floating point touches an amount;
//! - a full name split into given and family names, and joined back;
//! - a telephone number checked as E.164 (`+14155550123`);
//! - Salesforce's date-time (`2013-05-20T20:49:32.000+0000`) and RFC 3339;
//! - an RFC 2822 date (Twilio's `Thu, 30 Jul 2015 20:12:31 +0000`) read as RFC 3339;
//! - the day of a date-time, for a field holding a date (Salesforce's `CloseDate`).

/// Why a value could not be transformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransformError(String);

/// The number of decimal digits of a currency's minor unit (ISO 4217): 0 for JPY, 3 for
/// KWD, 2 for most. Codes are matched without regard to case.
pub fn currency_exponent(currency: &str) -> u32 {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    const FOUR: &[&str] = &["CLF", "UYW"];
    let code = currency.trim().to_ascii_uppercase();
    if ZERO.contains(&code.as_str()) {
        0
    } else if THREE.contains(&code.as_str()) {
        3
    } else if FOUR.contains(&code.as_str()) {
        4
    } else {
        2
    }
}

/// An amount in minor units as decimal text in major units: 1099 USD is `10.99`, 500 JPY
/// is `500`, 1234 KWD is `1.234`, -5 USD is `-0.05`.
pub fn minor_to_decimal(minor: i64, currency: &str) -> String {
    let exponent = currency_exponent(currency) as usize;
    let digits = minor.unsigned_abs().to_string();
    let sign = if minor < 0 { "-" } else { "" };
    if exponent == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = exponent + 1);
    let (major, fraction) = padded.split_at(padded.len() - exponent);
    format!("{sign}{major}.{fraction}")
}

/// Decimal text in major units as an amount in minor units: `10.99` USD is 1099, `10.9`
/// USD is 1090, `500` JPY is 500. More decimals than the currency has (`10.999` USD), an
/// exponent, or an amount beyond `i64` is an error: rounding money is the caller's
/// decision, not a side effect.
pub fn decimal_to_minor(text: &str, currency: &str) -> Result<i64, TransformError> {
    let exponent = currency_exponent(currency) as usize;
    let trimmed = text.trim();
    let (negative, unsigned) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let (major, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if major.is_empty() && fraction.is_empty() || !all_digits(major) || !all_digits(fraction) {
        return Err(TransformError(format!(
            "`{text}` is not a decimal amount (digits, at most one `.`, no exponent)"
        )));
    }
    let significant = fraction.trim_end_matches('0');
    if significant.len() > exponent {
        return Err(TransformError(format!(
            "`{text}` has more decimals than {} has ({exponent})",
            currency.trim().to_ascii_uppercase()
        )));
    }
    let digits = format!("{major}{significant:0<exponent$}");
    let digits = digits.trim_start_matches('0');
    let magnitude: i64 = if digits.is_empty() {
        0
    } else {
        digits
            .parse()
            .map_err(|_| TransformError(format!("`{text}` is too large an amount")))?
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// A full name split at its last space into a given name and a family name (`Ada King
/// Lovelace` is `Ada King` and `Lovelace`); a single word is a family name. Splitting is
/// lossy for names that do not follow that order: tables mark it one-way where it matters.
pub fn split_name(full: &str) -> (Option<String>, Option<String>) {
    let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
    match full.rsplit_once(' ') {
        Some((given, family)) => (Some(given.to_owned()), Some(family.to_owned())),
        None if full.is_empty() => (None, None),
        None => (None, Some(full)),
    }
}

/// A given name and a family name joined with a space; either may be missing.
pub fn join_name(given: Option<&str>, family: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [given, family]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A telephone number in E.164 form: `+`, a country code not starting with 0, and at
/// most 15 digits in all (`+14155550123`). Spaces, dots, dashes and brackets are taken
/// out first (`+44 20 7946 0958`); anything else is an error.
pub fn e164(phone: &str) -> Result<String, TransformError> {
    let compact: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let digits = compact.strip_prefix('+').ok_or_else(|| {
        TransformError(format!(
            "`{phone}` is not an E.164 number: it has no leading `+`"
        ))
    })?;
    let valid = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if valid {
        Ok(compact)
    } else {
        Err(TransformError(format!(
            "`{phone}` is not an E.164 number (a `+`, then 1 to 15 digits, not starting with 0)"
        )))
    }
}

/// Salesforce's date-time (`2013-05-20T20:49:32.000+0000`) as RFC 3339
/// (`2013-05-20T20:49:32.000+00:00`).
pub fn salesforce_to_rfc3339(value: &str) -> Result<String, TransformError> {
    let bad = || {
        TransformError(format!(
            "`{value}` is not a Salesforce date-time (`YYYY-MM-DDThh:mm:ss.sss+hhmm`)"
        ))
    };
    let split = value.len().checked_sub(5).ok_or_else(bad)?;
    let (stamp, zone) = value.split_at_checked(split).ok_or_else(bad)?;
    let (sign, offset) = zone.split_at(1);
    if !matches!(sign, "+" | "-")
        || !offset.bytes().all(|b| b.is_ascii_digit())
        || !stamp.contains('T')
    {
        return Err(bad());
    }
    Ok(format!("{stamp}{sign}{}:{}", &offset[..2], &offset[2..]))
}

/// An RFC 3339 date-time (`2013-05-20T20:49:32.000Z`, `…+02:00`) as Salesforce writes
/// them (`2013-05-20T20:49:32.000+0000`).
pub fn rfc3339_to_salesforce(value: &str) -> Result<String, TransformError> {
    let bad = || TransformError(format!("`{value}` is not an RFC 3339 date-time"));
    if let Some(stamp) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        return Ok(format!("{stamp}+0000"));
    }
    let split = value.len().checked_sub(6).ok_or_else(bad)?;
    let (stamp, zone) = value.split_at_checked(split).ok_or_else(bad)?;
    let zone_ok = zone.len() == 6
        && matches!(&zone[..1], "+" | "-")
        && &zone[3..4] == ":"
        && zone[1..3]
            .bytes()
            .chain(zone[4..].bytes())
            .all(|b| b.is_ascii_digit());
    if !zone_ok || !stamp.contains('T') {
        return Err(bad());
    }
    Ok(format!(
        "{stamp}{}{}{}",
        &zone[..1],
        &zone[1..3],
        &zone[4..]
    ))
}

/// The day of a date-time (`2024-05-20T09:12:44Z` is `2024-05-20`), for a provider field
/// holding a date where Schema.org has a date-time (Salesforce's `CloseDate`); a date is
/// kept as it is. The time of day is dropped: the mapping's docs say so.
pub fn date_part(value: &str) -> Result<String, TransformError> {
    let day = value.get(..10).unwrap_or(value);
    let bytes = day.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    let rest_ok = value.len() == 10 || matches!(value.as_bytes().get(10), Some(b'T' | b't' | b' '));
    if shaped && rest_ok {
        Ok(day.to_owned())
    } else {
        Err(TransformError(format!(
            "`{value}` is not a date or date-time (`YYYY-MM-DD…`)"
        )))
    }
}

/// An RFC 2822 date-time, as in mail headers and Twilio's resources (`Thu, 30 Jul 2015
/// 20:12:31 +0000`; the weekday and the seconds may be left out), as RFC 3339
/// (`2015-07-30T20:12:31+00:00`). The zone is a numeric offset or `GMT`/`UT`/`Z`.
pub fn rfc2822_to_rfc3339(value: &str) -> Result<String, TransformError> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let bad = |why: &str| TransformError(format!("`{value}` is not an RFC 2822 date-time: {why}"));
    // Without the weekday, which says nothing the date does not.
    let rest = match value.split_once(',') {
        Some((_, rest)) => rest,
        None => value,
    };
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [day, month, year, time, zone] = parts.as_slice() else {
        return Err(bad("it is not `day month year time zone`"));
    };
    let number = |text: &str, digits: std::ops::RangeInclusive<usize>, what: &str| {
        if digits.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(text.to_owned())
        } else {
            Err(bad(&format!("`{text}` is not a {what}")))
        }
    };
    let day = format!("{:0>2}", number(day, 1..=2, "day")?);
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))
        .ok_or_else(|| bad(&format!("`{month}` is not a month")))?
        + 1;
    let year = number(year, 4..=4, "year")?;
    let clock: Vec<&str> = time.split(':').collect();
    let (hour, minute, second) = match clock.as_slice() {
        [h, m] => (*h, *m, "00"),
        [h, m, s] => (*h, *m, *s),
        _ => return Err(bad(&format!("`{time}` is not a time"))),
    };
    let (hour, minute, second) = (
        number(hour, 2..=2, "time")?,
        number(minute, 2..=2, "time")?,
        number(second, 2..=2, "time")?,
    );
    let offset = match *zone {
        "GMT" | "UT" | "UTC" | "Z" => "+00:00".to_owned(),
        zone if zone.len() == 5
            && matches!(&zone[..1], "+" | "-")
            && zone[1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{}:{}", &zone[..3], &zone[3..])
        }
        zone => return Err(bad(&format!("`{zone}` is not a zone"))),
    };
    Ok(format!(
        "{year}-{month:02}-{day}T{hour}:{minute}:{second}{offset}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_date_time_gives_its_day() {
        assert_eq!(
            date_part("2024-05-20T09:12:44Z").as_deref(),
            Ok("2024-05-20")
        );
        assert_eq!(date_part("2024-05-20").as_deref(), Ok("2024-05-20"));
        assert_eq!(date_part("2024-05-20 09:12").as_deref(), Ok("2024-05-20"));
        for bad in ["20-05-2024", "2024-05-2", "2024-05-20X", "tomorrow", ""] {
            assert!(date_part(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rfc2822_dates_read_as_rfc3339() {
        assert_eq!(
            rfc2822_to_rfc3339("Thu, 30 Jul 2015 20:12:31 +0000").as_deref(),
            Ok("2015-07-30T20:12:31+00:00")
        );
        assert_eq!(
            rfc2822_to_rfc3339("5 Jan 2024 09:03 -0530").as_deref(),
            Ok("2024-01-05T09:03:00-05:30")
        );
        assert_eq!(
            rfc2822_to_rfc3339("Mon, 01 Dec 2025 00:00:00 GMT").as_deref(),
            Ok("2025-12-01T00:00:00+00:00")
        );
        for bad in [
            "",
            "2015-07-30T20:12:31Z",
            "Thu, 30 Jull 2015 20:12:31 +0000",
            "30 Jul 2015 20:12:31 EST5",
        ] {
            assert!(rfc2822_to_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_follow_the_currencys_exponent() {
        assert_eq!(minor_to_decimal(1099, "usd"), "10.99");
        assert_eq!(minor_to_decimal(5, "USD"), "0.05");
        assert_eq!(minor_to_decimal(-5, "EUR"), "-0.05");
        assert_eq!(minor_to_decimal(500, "JPY"), "500");
        assert_eq!(minor_to_decimal(1234, "KWD"), "1.234");
        assert_eq!(minor_to_decimal(0, "KWD"), "0.000");
        assert_eq!(decimal_to_minor("10.99", "USD"), Ok(1099));
        assert_eq!(decimal_to_minor("10.9", "USD"), Ok(1090));
        assert_eq!(decimal_to_minor("10.990", "USD"), Ok(1099));
        assert_eq!(decimal_to_minor("500", "JPY"), Ok(500));
        assert_eq!(decimal_to_minor("1.234", "kwd"), Ok(1234));
        assert_eq!(decimal_to_minor("-0.05", "USD"), Ok(-5));
        assert_eq!(decimal_to_minor(".5", "USD"), Ok(50));
        assert!(
            decimal_to_minor("10.999", "USD")
                .unwrap_err()
                .to_string()
                .contains("more decimals than USD has (2)")
        );
        assert!(decimal_to_minor("0.5", "JPY").is_err());
        for bad in [
            "",
            ".",
            "1e3",
            "1,5",
            "ten",
            "1.2.3",
            "--1",
            "92233720368547758.08",
        ] {
            assert!(decimal_to_minor(bad, "USD").is_err(), "{bad}");
        }
    }

    proptest! {
        /// Minor units → decimal text → minor units is the identity, for zero-, two-
        /// and three-decimal currencies.
        #[test]
        fn minor_units_round_trip(minor in any::<i64>().prop_filter("not MIN", |m| *m != i64::MIN),
                                  currency in prop::sample::select(vec!["JPY", "USD", "EUR", "KWD", "BHD", "KRW"])) {
            let text = minor_to_decimal(minor, currency);
            prop_assert_eq!(decimal_to_minor(&text, currency), Ok(minor));
            // The decimal text has exactly the currency's number of decimals.
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
            prop_assert_eq!(decimals as u32, currency_exponent(currency));
        }

        /// Joining the parts of a split gives the name back (white space normalised).
        #[test]
        fn a_split_name_joins_back(words in prop::collection::vec("[A-Za-z'-]{1,12}", 1..4)) {
            let full = words.join(" ");
            let (given, family) = split_name(&full);
            prop_assert_eq!(join_name(given.as_deref(), family.as_deref()), Some(full));
        }
    }

    #[test]
    fn names_split_at_the_last_space() {
        assert_eq!(
            split_name("  Ada  King Lovelace "),
            (Some("Ada King".into()), Some("Lovelace".into()))
        );
        assert_eq!(split_name("Cher"), (None, Some("Cher".into())));
        assert_eq!(split_name("   "), (None, None));
        assert_eq!(join_name(Some("Ada"), None), Some("Ada".into()));
        assert_eq!(join_name(Some(" "), Some("")), None);
    }

    #[test]
    fn phone_numbers_are_checked_as_e164() {
        assert_eq!(e164("+44 20 7946 0958"), Ok("+442079460958".into()));
        assert_eq!(e164("+1 (415) 555-0123"), Ok("+14155550123".into()));
        for bad in [
            "020 7946 0958",
            "+0123",
            "+",
            "+1234567890123456",
            "+1 415 CALL NOW",
        ] {
            assert!(e164(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn salesforce_date_times_convert_both_ways() {
        assert_eq!(
            salesforce_to_rfc3339("2013-05-20T20:49:32.000+0000"),
            Ok("2013-05-20T20:49:32.000+00:00".into())
        );
        assert_eq!(
            rfc3339_to_salesforce("2013-05-20T20:49:32.000Z"),
            Ok("2013-05-20T20:49:32.000+0000".into())
        );
        assert_eq!(
            rfc3339_to_salesforce("2013-05-20T22:49:32.000+02:00"),
            Ok("2013-05-20T22:49:32.000+0200".into())
        );
        for bad in ["2013-05-20", "", "+0000", "2013-05-20T20:49:32.000+00:0x"] {
            assert!(salesforce_to_rfc3339(bad).is_err(), "{bad}");
            assert!(rfc3339_to_salesforce(bad).is_err(), "{bad}");
        }
        assert!(salesforce_to_rfc3339("2013-05-20 20:49:32+0000").is_err());
        assert!(rfc3339_to_salesforce("2013-05-20T20:49:32").is_err());
    }
}
