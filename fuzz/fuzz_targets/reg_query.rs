//! `reg query` output and reg.exe's error lines: any bytes, decoded, then parsed. Must never
//! panic; every value found is well formed, and a DWORD is only read from a REG_DWORD line in
//! reg.exe's `0x` hex (or plain decimal) form.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::parse::reg::{RegData, RegFailure, classify_reg_failure, parse_dword, parse_reg_query};

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let key = parse_reg_query(&text);
    for value in &key.values {
        let kind = value
            .data
            .kind()
            .strip_prefix("REG_")
            .expect("kind starts with REG_");
        assert!(
            !kind.is_empty()
                && kind
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "kind {:?}",
            value.data.kind()
        );
        // One line each (a lone CR inside a line stays in the data: reg.exe ends lines with CRLF).
        let shown = value.data.shown();
        assert!(!shown.contains('\n'), "data spans lines");
        assert!(!value.name.contains('\n'), "name spans lines");
        // What lanman shows of a value reads back as the same value.
        assert_eq!(RegData::from_shown(value.data.kind(), &shown), value.data);
        if let Some(n) = value.dword() {
            assert_eq!(value.data.kind(), "REG_DWORD");
            assert_eq!(parse_dword(&format!("0x{n:x}")), Some(n), "hex round trip");
            assert_eq!(parse_dword(&n.to_string()), Some(n), "decimal round trip");
        }
        // Windows compares value names without case: whatever name was found can be looked up.
        assert!(key.get(&value.name.to_ascii_uppercase()).is_some());
    }
    if let Some(path) = &key.path {
        assert!(path.contains("HK"), "key path {path:?}");
    }
    if let Some(RegFailure::Unreachable(line)) = classify_reg_failure(&text) {
        assert!(!line.contains('\n'));
    }
    // The data string alone, as `parse_dword` sees it.
    if let Some(n) = parse_dword(&text) {
        let t = text.trim();
        let hex = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X"));
        match hex {
            Some(h) => assert_eq!(u32::from_str_radix(h, 16).ok(), Some(n)),
            None => assert_eq!(t.parse::<u32>().ok(), Some(n)),
        }
    }
});
