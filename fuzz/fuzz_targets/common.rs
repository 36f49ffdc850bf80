//! Shared by the fuzz targets: turning fuzzer bytes into text the way lanman does, and the
//! checks every parsed output must pass.
#![allow(dead_code)] // each target uses a part of this

use lanman::decode::{self, Encoding};
use lanman::parse::{Parsed, Reading};

/// OEM code pages lanman meets on real systems (FACTS.md §7), chosen by the last input byte so
/// the fuzzer can steer the `auto` fallback without a separate input field.
const OEM_PAGES: [u16; 8] = [437, 850, 852, 866, 936, 932, 949, 1252];

/// Decode like `lanman` does with `--encoding auto` (BOM, UTF-8, UTF-16 by shape, OEM page).
pub fn text(data: &[u8]) -> String {
    let oem = OEM_PAGES[usize::from(data.last().copied().unwrap_or(0)) % OEM_PAGES.len()];
    let decoded = decode::decode(data, Encoding::Auto, oem);
    assert_ne!(
        decoded.used,
        Encoding::Auto,
        "decode reports the encoding it used"
    );
    decoded.text
}

/// What every successful parse must satisfy, whatever the input.
pub fn check_parsed<T>(parsed: &Parsed<T>, readings: &[(&str, bool)]) {
    // `missing` names exactly the fields whose reading is Missing, once each, in field order.
    let expected: Vec<&str> = readings
        .iter()
        .filter_map(|(name, missing)| missing.then_some(*name))
        .collect();
    assert_eq!(
        parsed.missing, expected,
        "missing list matches the readings"
    );
    if let Some(language) = parsed.language {
        assert!(
            matches!(language, "en" | "zh-CN"),
            "unknown language {language}"
        );
    }
    for warning in &parsed.warnings {
        assert!(!warning.is_empty(), "empty warning");
    }
}

pub fn is_missing<T>(reading: &Reading<T>) -> bool {
    matches!(reading, Reading::Missing)
}
