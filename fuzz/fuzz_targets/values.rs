//! The value types (`lanman set`, `lanman get`, `--computer`, `--encoding` arguments): any
//! string. Must never panic, and nothing outside the documented grammar and ranges is accepted
//! (README, FACTS.md §4, §5, §9):
//! - AutoDisconnect: `-1`/`off`/`never`, or whole minutes 0..=65535 written as `N` (minutes) or
//!   `Nh`, `Nm`, `Ns` parts in that order, ASCII digits without sign or leading zeros;
//! - KeepConn: seconds 1..=65535 in the same notation (bare `N` = seconds);
//! - ServerComment: 1..=48 characters, no `"`, no control characters, no leading or trailing
//!   white space (`net config server` cannot show it);
//! - Host: no character that could end an argument or start a switch.
//!
//! The grammar is checked against an independent reference written for this target, so a
//! change that widens (or narrows) what lanman accepts shows up as a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

use lanman::decode::Encoding;
use lanman::settings::{AutoDisconnect, Hidden, Host, KeepConn, ServerComment, SettingName};

fuzz_target!(|data: &[u8]| {
    let owned;
    let s: &str = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(_) => {
            owned = String::from_utf8_lossy(data).into_owned();
            &owned
        }
    };
    check_autodisconnect(s);
    check_keepconn(s);
    check_comment(s);
    check_hidden(s);
    check_host(s);
    let _ = s.parse::<SettingName>();
    if let Ok(encoding) = s.parse::<Encoding>() {
        assert_eq!(
            encoding.to_string().parse::<Encoding>(),
            Ok(encoding),
            "{s:?}"
        );
    }
});

/// Seconds from the documented notation, `None` outside it. `bare` is the factor of a number
/// without a unit (60 for minutes, 1 for seconds). u128: no overflow below 38 digits.
fn reference_seconds(s: &str, bare: u128) -> Option<u128> {
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
    let mut total = 0;
    let mut parts = 0;
    for (unit, factor) in [('h', 3600), ('m', 60), ('s', 1)] {
        if let Some((n, after)) = number(rest) {
            if let Some(after) = after.strip_prefix(unit) {
                total += n * factor;
                rest = after;
                parts += 1;
            }
        }
    }
    (parts > 0 && rest.is_empty()).then_some(total)
}

fn check_autodisconnect(s: &str) {
    let off = s == "-1" || s.eq_ignore_ascii_case("off") || s.eq_ignore_ascii_case("never");
    let expected = if off {
        Some(AutoDisconnect::Off)
    } else {
        reference_seconds(s, 60)
            .filter(|secs| secs % 60 == 0 && secs / 60 <= 65535)
            .map(|secs| AutoDisconnect::Minutes(u16::try_from(secs / 60).expect("checked")))
    };
    let got = s.parse::<AutoDisconnect>().ok();
    assert_eq!(got, expected, "AutoDisconnect {s:?}");
    if let Some(v) = got {
        assert!((-1..=65535).contains(&v.minutes()));
        assert_eq!(
            v.to_string().parse::<AutoDisconnect>().ok(),
            Some(v),
            "display round trip"
        );
    }
}

fn check_keepconn(s: &str) {
    let expected = reference_seconds(s, 1).filter(|secs| (1..=65535).contains(secs));
    let got = s.parse::<KeepConn>().ok();
    assert_eq!(
        got.map(|k| u128::from(k.seconds())),
        expected,
        "KeepConn {s:?}"
    );
    if let Some(k) = got {
        assert!(k.seconds() >= 1);
        assert_eq!(
            k.to_string().parse::<KeepConn>().ok(),
            Some(k),
            "display round trip"
        );
        assert_eq!(KeepConn::from_dword(u32::from(k.seconds())), Some(k));
    }
}

fn check_comment(s: &str) {
    let documented = !s.is_empty()
        && s.chars().count() <= 48
        && !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains('"')
        && !s.chars().any(char::is_control);
    let got = s.parse::<ServerComment>();
    assert_eq!(got.is_ok(), documented, "ServerComment {s:?}");
    if let Ok(c) = got {
        assert_eq!(c.as_str(), s);
    }
}

fn check_hidden(s: &str) {
    let expected = if s.eq_ignore_ascii_case("yes") {
        Some(Hidden(true))
    } else if s.eq_ignore_ascii_case("no") {
        Some(Hidden(false))
    } else {
        None
    };
    assert_eq!(s.parse::<Hidden>().ok(), expected, "Hidden {s:?}");
}

fn check_host(s: &str) {
    if let Ok(host) = s.parse::<Host>() {
        let name = host.name();
        assert!(!name.is_empty() && name.len() <= 253, "{s:?}");
        assert!(
            !name.contains(|c: char| c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '"' | '\'' | '/' | '\\' | ':' | '*' | '?' | '<' | '>' | '|' | '&' | '^' | '%'
                )),
            "host {name:?} could break reg.exe's command line"
        );
        assert!(
            !name.starts_with(['-', '/', '.']),
            "host {name:?} reads as a switch"
        );
        assert_eq!(host.to_string().parse::<Host>().ok(), Some(host.clone()));
    }
}
