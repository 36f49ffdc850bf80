//! `net session` and `net statistics`: any bytes, decoded, then read by both readers. Must
//! never panic; warnings point at lines of the input; no field spans lines; a session has a
//! client; an idle time below a day keeps its seconds, one from a day on is whole minutes;
//! statistics name every counter of their kind once.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::parse::{ListWarning, parse_idle_time, parse_net_session, parse_net_statistics};

fn check_warnings(warnings: &[ListWarning], lines: usize) {
    for warning in warnings {
        assert!(warning.line() <= lines, "warning past the end: {warning:?}");
        assert!(!warning.to_string().contains('\n'), "warning spans lines");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let lines = text.replace("\r\n", "\n").split(['\r', '\n']).count();
    if let Ok(parsed) = parse_net_session(&text) {
        check_warnings(&parsed.warnings, lines);
        for s in &parsed.list.sessions {
            assert!(!s.computer.trim().is_empty(), "a session without a client");
            for field in [&s.computer, &s.user, &s.client_type] {
                assert!(!field.contains(['\n', '\r']), "field spans lines: {field:?}");
                assert_eq!(field.trim(), field, "untrimmed field {field:?}");
            }
        }
        assert!(serde_json::to_string(&parsed).is_ok());
    }
    if let Some(seconds) = parse_idle_time(text.trim()) {
        // Hours past 23 are read as printed; the day form never has seconds.
        let day_form = text.trim().split_whitespace().count() > 1;
        assert!(!day_form || seconds % 60 == 0, "seconds in the day form: {text:?}");
    }
    if let Ok(parsed) = parse_net_statistics(&text) {
        check_warnings(&parsed.warnings, lines);
        let names: Vec<&str> = parsed.list.counters.iter().map(|(n, _)| *n).collect();
        let expected: Vec<&str> = parsed.list.kind.counters().iter().map(|c| c.name).collect();
        assert_eq!(names, expected, "every counter once, in order");
        if let Some(local) = &parsed.list.since_local {
            assert_eq!(local.len(), 19, "YYYY-MM-DDTHH:MM:SS: {local}");
        }
    }
});
