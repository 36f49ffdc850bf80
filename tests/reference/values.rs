//! The documented grammar of lanman's values (README `lanman set`, docs/windows.md#autodisconnect, #keepconn, #srvcomment),
//! written out independently of src/settings.rs, so that a change that widens (or narrows) what
//! lanman accepts shows up as a failure. Shared by `tests/properties.rs` and the fuzz target
//! `fuzz/fuzz_targets/values.rs` (both include this file with `#[path]`).
#![allow(dead_code)] // each includer uses a part of this

use lanman::settings::{AutoDisconnect, Hidden};

/// Seconds from the documented notation (README "Durations"), `None` outside it: `N` alone (in
/// `bare` seconds each: 60 for minutes, 1 for seconds), or `Nd`, `Nh`, `Nm`, `Ns` parts in that
/// order, each at most once, the units in any case (`2H`); ASCII digits, no sign, no leading
/// zeros, no spaces.
/// u128 holds 38 digits; longer
/// numbers are refused as too large by lanman anyway.
pub(crate) fn reference_seconds(s: &str, bare: u128) -> Option<u128> {
    fn number(s: &str) -> Option<(u128, &str)> {
        let len = s.bytes().take_while(u8::is_ascii_digit).count();
        let digits = &s[..len];
        if len == 0 || len > 30 || (len > 1 && digits.starts_with('0')) {
            return None;
        }
        Some((digits.parse().ok()?, &s[len..]))
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let (n, rest) = number(s)?;
        return rest.is_empty().then_some(n * bare);
    }
    let mut rest = s;
    let (mut total, mut parts) = (0, 0);
    for (unit, factor) in [('d', 86_400), ('h', 3600), ('m', 60), ('s', 1)] {
        if let Some((n, after)) = number(rest) {
            if let Some(after) = after
                .strip_prefix(unit)
                .or_else(|| after.strip_prefix(unit.to_ascii_uppercase()))
            {
                total += n * factor;
                rest = after;
                parts += 1;
            }
        }
    }
    (parts > 0 && rest.is_empty()).then_some(total)
}

/// `lanman set autodisconnect VALUE`: `-1`/`off`/`never`, or whole minutes 0..=65535 (0 is a
/// value; `set` refuses it separately unless `--allow-zero`).
pub(crate) fn expected_autodisconnect(s: &str) -> Option<AutoDisconnect> {
    if s == "-1" || s.eq_ignore_ascii_case("off") || s.eq_ignore_ascii_case("never") {
        return Some(AutoDisconnect::Off);
    }
    reference_seconds(s, 60)
        .filter(|secs| secs % 60 == 0 && secs / 60 <= 65535)
        .map(|secs| AutoDisconnect::Minutes(u16::try_from(secs / 60).expect("at most 65535")))
}

/// `lanman set keepconn SECONDS`: 1..=65535 seconds.
pub(crate) fn expected_keepconn(s: &str) -> Option<u16> {
    reference_seconds(s, 1)
        .filter(|secs| (1..=65535).contains(secs))
        .map(|secs| u16::try_from(secs).expect("at most 65535"))
}

/// `lanman set srvcomment TEXT`: 1..=48 characters, no `"`, no control characters, no white
/// space at either end (`net config server` could not show it).
pub(crate) fn documented_comment(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 48
        && !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains('"')
        && !s.chars().any(char::is_control)
}

/// `lanman set hidden yes|no`: those two words or their first letters (as net.exe's
/// `/hidden:` reads them), in any ASCII case, and nothing else.
pub(crate) fn expected_hidden(s: &str) -> Option<Hidden> {
    if ["yes", "y"].iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(Hidden(true))
    } else if ["no", "n"].iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(Hidden(false))
    } else {
        None
    }
}
