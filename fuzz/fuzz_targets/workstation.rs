//! `net config workstation` output: any bytes, decoded as lanman decodes net's pipe, then
//! parsed and rendered. Must never panic; a successful parse is internally consistent, and LF
//! vs CRLF line endings never change the reading.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::output::{JsonParsed, workstation_text};
use lanman::parse::parse_workstation;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let result = parse_workstation(&text);
    if let Ok(parsed) = &result {
        let c = &parsed.config;
        common::check_parsed(
            parsed,
            &[
                ("computer_name", common::is_missing(&c.computer_name)),
                (
                    "full_computer_name",
                    common::is_missing(&c.full_computer_name),
                ),
                ("user_name", common::is_missing(&c.user_name)),
                ("transports", common::is_missing(&c.transports)),
                ("software_version", common::is_missing(&c.software_version)),
                (
                    "workstation_domain",
                    common::is_missing(&c.workstation_domain),
                ),
                (
                    "workstation_domain_dns_name",
                    common::is_missing(&c.workstation_domain_dns_name),
                ),
                ("logon_domain", common::is_missing(&c.logon_domain)),
                (
                    "com_open_timeout_sec",
                    common::is_missing(&c.com_open_timeout_sec),
                ),
                (
                    "com_send_count_bytes",
                    common::is_missing(&c.com_send_count_bytes),
                ),
                (
                    "com_send_timeout_msec",
                    common::is_missing(&c.com_send_timeout_msec),
                ),
            ],
        );
        let _ = workstation_text(c);
        let _ = serde_json::to_string(&JsonParsed::new(parsed)).expect("serializes");
    }
    if !text.contains('\r') {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse_workstation(&crlf), result, "CRLF reads like LF");
    }
});
