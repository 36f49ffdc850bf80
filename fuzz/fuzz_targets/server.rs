//! `net config server` output: any bytes, decoded as lanman decodes net's pipe, then parsed and
//! rendered (text and JSON). Must never panic; a successful parse is internally consistent, and
//! LF vs CRLF line endings never change the reading.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::output::config_text;
use lanman::parse::parse_server;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let result = parse_server(&text);
    if let Ok(parsed) = &result {
        common::check_parsed(parsed);
        let _ = config_text(&parsed.config);
    }
    // net.exe writes CRLF, a paste has LF: the same output either way (README).
    if !text.contains('\r') {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse_server(&crlf), result, "CRLF reads like LF");
    }
});
