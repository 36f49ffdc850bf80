//! The value types (`lanman set`, `lanman get`, `--computer`, `--encoding` arguments): any
//! string. Must never panic, and nothing outside the documented grammar and ranges is accepted
//! (README, docs/windows.md#autodisconnect, #keepconn, #srvcomment):
//! - AutoDisconnect: `-1`/`off`/`never`, or whole minutes 0..=65535 written as `N` (minutes) or
//!   `Nd`, `Nh`, `Nm`, `Ns` parts in that order (README "Durations"), ASCII digits without
//!   sign or leading zeros;
//! - KeepConn: seconds 1..=65535 in the same notation (bare `N` = seconds);
//! - ServerComment: 1..=48 characters, no `"`, no control characters, no leading or trailing
//!   white space (`net config server` cannot show it);
//! - Host: no character that could end an argument or start a switch.
//!
//! The grammar is checked against the independent reference in tests/reference/values.rs
//! (shared with the property tests), so a change that widens (or narrows) what lanman accepts
//! shows up as a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/reference/values.rs"]
mod reference;

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

fn check_autodisconnect(s: &str) {
    let expected = reference::expected_autodisconnect(s);
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
    let expected = reference::expected_keepconn(s);
    let got = s.parse::<KeepConn>().ok();
    assert_eq!(got.map(|k| k.seconds()), expected, "KeepConn {s:?}");
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
    let documented = reference::documented_comment(s);
    let got = s.parse::<ServerComment>();
    assert_eq!(got.is_ok(), documented, "ServerComment {s:?}");
    if let Ok(c) = got {
        assert_eq!(c.as_str(), s);
    }
}

fn check_hidden(s: &str) {
    let expected = reference::expected_hidden(s);
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
