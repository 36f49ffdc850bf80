//! Shared by the fuzz targets: turning fuzzer bytes into text the way lanman does, and the
//! checks every parsed output must pass.
#![allow(dead_code)] // each target uses a part of this

use lanman::decode::{self, Encoding};
use lanman::parse::{Parsed, Reading};

/// OEM code pages lanman meets on real systems (docs/windows.md#encodings), chosen by the last input byte so
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
pub fn check_parsed(parsed: &Parsed) {
    // Every field of the table is a value or in exactly one of the lists that say why not.
    let lists = [
        parsed.config.missing(),
        parsed.config.absent(),
        parsed.config.unreadable(),
    ];
    for (spec, reading) in parsed.config.fields() {
        let listed = lists.iter().filter(|l| l.contains(&spec.json)).count();
        let expected = usize::from(!matches!(reading, Reading::Value(_)));
        assert_eq!(listed, expected, "{} listed {listed} times", spec.json);
    }
    if let Some(language) = parsed.language {
        assert!(
            matches!(language, "en" | "zh-CN"),
            "unknown language {language}"
        );
    }
    for warning in &parsed.warnings {
        assert!(!warning.to_string().is_empty(), "empty warning");
    }
    // The JSON document names every field once.
    let json = serde_json::to_value(lanman::output::JsonParsed::new(parsed)).expect("serializes");
    for (spec, _) in parsed.config.fields() {
        assert!(json.get(spec.json).is_some(), "{} in the JSON", spec.json);
    }
}
