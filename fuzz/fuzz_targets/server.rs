//! `net config server` output: any bytes, decoded as lanman decodes net's pipe, then parsed and
//! rendered (text and JSON). Must never panic; a successful parse is internally consistent, and
//! LF vs CRLF line endings never change the reading.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::output::{JsonParsed, server_text};
use lanman::parse::parse_server;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let result = parse_server(&text);
    if let Ok(parsed) = &result {
        let c = &parsed.config;
        common::check_parsed(
            parsed,
            &[
                ("server_name", common::is_missing(&c.server_name)),
                ("server_comment", common::is_missing(&c.server_comment)),
                ("software_version", common::is_missing(&c.software_version)),
                ("transports", common::is_missing(&c.transports)),
                ("hidden", common::is_missing(&c.hidden)),
                (
                    "max_logged_on_users",
                    common::is_missing(&c.max_logged_on_users),
                ),
                (
                    "max_open_files_per_session",
                    common::is_missing(&c.max_open_files_per_session),
                ),
                (
                    "idle_session_minutes",
                    common::is_missing(&c.idle_session_minutes),
                ),
            ],
        );
        let _ = server_text(c);
        let _ = serde_json::to_string(&JsonParsed::new(parsed)).expect("serializes");
    }
    // net.exe writes CRLF, a paste has LF: the same output either way (README).
    if !text.contains('\r') {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse_server(&crlf), result, "CRLF reads like LF");
    }
});
