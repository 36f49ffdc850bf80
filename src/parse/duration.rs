//! The one grammar of durations (README "Durations"), shared by every option and value that
//! takes one: `--timeout`, `watch --interval`, `events --since`, `report --below` and
//! `--max-age`, and the values of `set autodisconnect|keepconn` and `export`. Pure: text in,
//! whole seconds or the reason out. Each caller keeps its own range and says the reason in its
//! own message.
//!
//! A duration is one or more parts `<number><unit>`: units `d`, `h`, `m`, `s`, from the
//! largest down, each at most once (`1h30m`, `1d12h`, `600s`), read in any case as Windows
//! reads words (`2H` is `2h`, as `OFF` is `off`). The numbers are ASCII digits without a
//! leading zero (batch `set /a` reads `015` as octal). No sign, space, fraction, exponent or
//! hexadecimal. A number without a unit is read in the unit its option names ([`Bare`]).

use crate::text::quoted;

/// What a number without a unit means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bare {
    /// Nothing: a number needs its unit (minutes or seconds would be a guess).
    Refused,
    /// Seconds (`--timeout 30`, KeepConn).
    Seconds,
    /// Minutes (autodisconnect).
    Minutes,
}

const UNITS: [(&str, u64); 4] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)];

/// Whole seconds from `text`; the error is the reason, a phrase for the caller's message
/// (`the number is too large`).
pub fn parse_duration(text: &str, bare: Bare) -> Result<u64, String> {
    if text.is_empty() {
        return Err("the value is empty".to_string());
    }
    if text.trim() != text {
        return Err("it has a leading or trailing space".to_string());
    }
    if text.starts_with(['+', '-']) {
        return Err("signs are not accepted".to_string());
    }
    if text.len() > 2 && (text.starts_with("0x") || text.starts_with("0X")) {
        return Err("hexadecimal is not accepted".to_string());
    }
    if text.contains(['.', ',']) {
        return Err("fractions are not accepted: use a smaller unit (90m, not 1.5h)".to_string());
    }
    if let Some(c) = text.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(format!("unexpected character {c:?}"));
    }
    if let Some(e) = text.find(['e', 'E'])
        && e > 0
        && text[..e].bytes().all(|b| b.is_ascii_digit())
        && text[e + 1..].bytes().all(|b| b.is_ascii_digit())
    {
        return Err("exponents are not accepted".to_string());
    }
    let mut total: u64 = 0;
    let mut rest = text;
    // Index into UNITS of the last unit read: each later one must be smaller.
    let mut last: Option<usize> = None;
    while !rest.is_empty() {
        let digits_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len == 0 {
            return Err("expected a number".to_string());
        }
        let (digits, after) = rest.split_at(digits_len);
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(format!(
                "write it without leading zeros ({})",
                digits.trim_start_matches('0').max("0")
            ));
        }
        let n: u64 = digits
            .parse()
            .map_err(|_| "the number is too large".to_string())?;
        let unit_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (unit, next) = after.split_at(unit_len);
        let factor = if unit.is_empty() {
            // Digits run to a letter or the end (only ASCII letters and digits are left).
            match bare {
                _ if last.is_some() => {
                    return Err("a number after a unit needs its own unit".to_string());
                }
                Bare::Refused => return Err("a number needs a unit (d, h, m or s)".to_string()),
                Bare::Minutes => 60,
                Bare::Seconds => 1,
            }
        } else {
            let unit = unit.to_ascii_lowercase();
            let Some(at) = UNITS.iter().position(|(name, _)| *name == unit) else {
                return Err(format!("unknown unit {} (use d, h, m or s)", quoted(&unit)));
            };
            if last.is_some_and(|l| at <= l) {
                return Err("units go d, h, m, s, each at most once".to_string());
            }
            last = Some(at);
            UNITS[at].1
        };
        total = n
            .checked_mul(factor)
            .and_then(|part| total.checked_add(part))
            .ok_or_else(|| "the number is too large".to_string())?;
        rest = next;
    }
    Ok(total)
}

/// `seconds` as the grammar writes it with the largest units that divide it: `7d`, `1h30m`,
/// `45s` (`0s` for nothing).
pub fn duration_text(seconds: u64) -> String {
    let mut out = String::new();
    let mut rest = seconds;
    for (unit, size) in UNITS {
        let n = rest / size;
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
            rest -= n * size;
        }
    }
    if out.is_empty() {
        out.push_str("0s");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_from_days_down_to_seconds_in_any_case() {
        for (text, seconds) in [
            ("30m", 1_800),
            ("2h", 7_200),
            ("2H", 7_200),
            ("1h30m", 5_400),
            ("1H30m", 5_400),
            ("1d12h", 129_600),
            ("1d2h3m4s", 93_784),
            ("600s", 600),
            ("7d", 604_800),
            ("0m", 0),
        ] {
            assert_eq!(parse_duration(text, Bare::Refused), Ok(seconds), "{text}");
        }
    }

    #[test]
    fn a_bare_number_is_in_the_unit_the_option_names_or_refused() {
        assert_eq!(parse_duration("15", Bare::Minutes), Ok(900));
        assert_eq!(parse_duration("15", Bare::Seconds), Ok(15));
        assert_eq!(parse_duration("0", Bare::Seconds), Ok(0));
        let why = parse_duration("15", Bare::Refused).unwrap_err();
        assert!(why.contains("needs a unit"), "{why}");
        // Only a whole value may be bare: `1h30` is not `1h30m`.
        assert!(parse_duration("1h30", Bare::Minutes).is_err());
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        for (text, why) in [
            ("", "empty"),
            (" 15m", "space"),
            ("15m ", "space"),
            ("15 m", "unexpected character ' '"),
            ("-1m", "signs"),
            ("+1m", "signs"),
            ("0x10", "hexadecimal"),
            ("1.5h", "fractions"),
            ("1,5h", "fractions"),
            ("1e3", "exponents"),
            ("015m", "leading zeros (15)"),
            ("00", "leading zeros (0)"),
            ("m", "expected a number"),
            ("15min", "unknown unit \"min\""),
            ("7w", "unknown unit"),
            ("１５m", "unexpected character"),
            ("1m1h", "each at most once"),
            ("1h1h", "each at most once"),
            ("15mm", "unknown unit"),
            ("99999999999999999999d", "too large"),
            ("999999999999999999d", "too large"),
        ] {
            let error = parse_duration(text, Bare::Minutes).unwrap_err();
            assert!(error.contains(why), "{text:?}: {error}");
            assert!(!error.contains('\n'));
        }
    }

    #[test]
    fn written_with_the_largest_units_that_divide_it() {
        for (seconds, text) in [
            (0, "0s"),
            (59, "59s"),
            (5_400, "1h30m"),
            (86_400, "1d"),
            (129_600, "1d12h"),
            (93_784, "1d2h3m4s"),
        ] {
            assert_eq!(duration_text(seconds), text);
            assert_eq!(parse_duration(text, Bare::Refused), Ok(seconds));
        }
    }
}
