//! `net use` and `net share` lists: any bytes, decoded, then read by both readers. Must never
//! panic; what is read is one line per field, warnings point at lines of the input, and an
//! empty status column is `unknown`, never a guess.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::parse::{ListWarning, Status, parse_net_share, parse_net_use};

fn check_warnings(warnings: &[ListWarning], lines: usize) {
    for warning in warnings {
        assert!(warning.line() <= lines, "warning past the end: {warning:?}");
        assert!(!warning.to_string().contains('\n'), "warning spans lines");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    // The readers split at CRLF, LF or a lone CR (net.exe never prints one; a paste might).
    let lines = text.replace("\r\n", "\n").split(['\r', '\n']).count();
    if let Ok(parsed) = parse_net_use(&text) {
        check_warnings(&parsed.warnings, lines);
        for c in &parsed.list.connections {
            assert!(!c.remote.trim().is_empty(), "a connection without a remote");
            for field in [&c.remote, &c.status_text, &c.provider] {
                assert!(!field.contains('\n'), "field spans lines: {field:?}");
            }
            if c.status_text.trim().is_empty() {
                assert_eq!(c.status, Status::Unknown, "an empty status was guessed");
            }
        }
        assert!(serde_json::to_string(&parsed).is_ok());
    }
    if let Ok(parsed) = parse_net_share(&text) {
        check_warnings(&parsed.warnings, lines);
        for share in &parsed.list.shares {
            assert!(!share.name.trim().is_empty(), "a share without a name");
            assert!(!share.name.contains('\n') && !share.remark.contains('\n'));
        }
        assert!(serde_json::to_string(&parsed).is_ok());
    }
});
