//! `net config workstation` output: any bytes, decoded as lanman decodes net's pipe, then
//! parsed and rendered. Must never panic; a successful parse is internally consistent, and LF
//! vs CRLF line endings never change the reading.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::output::config_text;
use lanman::parse::parse_workstation;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let result = parse_workstation(&text);
    if let Ok(parsed) = &result {
        common::check_parsed(parsed);
        let _ = config_text(&parsed.config);
    }
    if !text.contains('\r') {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse_workstation(&crlf), result, "CRLF reads like LF");
    }
});
