//! Decoding net's and reg's bytes in every encoding lanman offers. Must never panic or fail;
//! reports a concrete encoding (never `auto`), the one asked for when one was named; valid UTF-8
//! comes through unchanged; the fallback page 437 maps every byte to exactly one character.
#![no_main]

use libfuzzer_sys::fuzz_target;

use lanman::decode::{Encoding, decode};

/// (asked for, reported as)
const ENCODINGS: &[(Encoding, Encoding)] = &[
    (Encoding::Utf8, Encoding::Utf8),
    (Encoding::Utf16Le, Encoding::Utf16Le),
    (Encoding::Utf16Be, Encoding::Utf16Be),
    (Encoding::CodePage(437), Encoding::CodePage(437)),
    (Encoding::CodePage(850), Encoding::CodePage(850)),
    (Encoding::CodePage(852), Encoding::CodePage(852)),
    (Encoding::CodePage(866), Encoding::CodePage(866)),
    (Encoding::CodePage(932), Encoding::CodePage(932)),
    (Encoding::CodePage(936), Encoding::CodePage(936)),
    (Encoding::CodePage(949), Encoding::CodePage(949)),
    (Encoding::CodePage(950), Encoding::CodePage(950)),
    (Encoding::CodePage(1252), Encoding::CodePage(1252)),
    (Encoding::CodePage(65001), Encoding::Utf8),
    (Encoding::CodePage(1200), Encoding::Utf16Le),
    (Encoding::CodePage(1201), Encoding::Utf16Be),
    // Not a code page lanman can decode: the high half falls back to 437.
    (Encoding::CodePage(1), Encoding::CodePage(437)),
];

fuzz_target!(|data: &[u8]| {
    let oem = [437, 850, 936, 1][usize::from(data.first().copied().unwrap_or(0)) % 4];
    let auto = decode(data, Encoding::Auto, oem);
    assert_ne!(auto.used, Encoding::Auto);
    for &(asked, reported) in ENCODINGS {
        assert_eq!(decode(data, asked, oem).used, reported, "{asked}");
    }
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if let Ok(s) = std::str::from_utf8(body) {
        let utf8 = decode(data, Encoding::Utf8, oem);
        assert_eq!((utf8.text.as_str(), utf8.lossy), (s, false));
    }
    let cp437 = decode(data, Encoding::CodePage(437), oem);
    assert!(!cp437.lossy);
    assert_eq!(cp437.text.chars().count(), data.len());
});
