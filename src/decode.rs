//! Bytes to text: how `net.exe` and `reg.exe` output (or a saved copy of it) is decoded.
//!
//! net.exe writes to a pipe or file with `WideCharToMultiByte(CP_OEMCP, …)`, i.e. in the
//! *system OEM code page* (437/850 on en/de-type systems, 936 on zh-CN), not in UTF-8 and not
//! in the `chcp` console code page (docs/windows.md#encodings). Windows PowerShell 5.1's `>` saves it as
//! UTF-16LE with a BOM. `auto` therefore tries, in order: a BOM, valid UTF-8 (which also covers
//! pure ASCII), UTF-16 without a BOM (every other byte zero), then the OEM code page the
//! caller passes in (`GetOEMCP()` on Windows, 437 elsewhere).
//!
//! Decoding never fails: undecodable bytes become U+FFFD and `lossy` is set, so the parser can
//! say so instead of guessing.

use std::fmt;
use std::str::FromStr;

use oem_cp::code_table::DECODING_TABLE_CP_MAP;

/// How to interpret bytes. `--encoding` parses into this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// BOM, then UTF-8, then UTF-16 by shape, then the OEM code page.
    Auto,
    Utf8,
    Utf16Le,
    Utf16Be,
    /// A Windows code page number (OEM 437, 850, 936 … or ANSI 1252 …).
    CodePage(u16),
}

impl Encoding {
    /// The code page that `auto` falls back to when no Windows API can be asked.
    pub const DEFAULT_OEM: u16 = 437;
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Encoding::Auto => f.write_str("auto"),
            Encoding::Utf8 => f.write_str("utf-8"),
            Encoding::Utf16Le => f.write_str("utf-16le"),
            Encoding::Utf16Be => f.write_str("utf-16be"),
            Encoding::CodePage(cp) => write!(f, "cp{cp}"),
        }
    }
}

/// Why an `--encoding` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown encoding {0:?}: use auto, utf-8, utf-16le, utf-16be, an OEM code page such as cp437, cp850, cp852, cp866, cp936 (gbk), cp932, cp949, cp950, or a Windows code page such as cp1252"
)]
pub struct UnknownEncoding(pub String);

impl FromStr for Encoding {
    type Err = UnknownEncoding;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase().replace('_', "-");
        let named = match lower.as_str() {
            "auto" => Some(Encoding::Auto),
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16le" | "utf16le" | "utf-16" | "utf16" | "unicode" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            "gbk" | "gb2312" => Some(Encoding::CodePage(936)),
            "shift-jis" | "sjis" => Some(Encoding::CodePage(932)),
            "euc-kr" => Some(Encoding::CodePage(949)),
            "big5" => Some(Encoding::CodePage(950)),
            _ => None,
        };
        if let Some(encoding) = named {
            return Ok(encoding);
        }
        let digits = ["cp", "ibm", "oem", "windows-", "windows"]
            .iter()
            .find_map(|prefix| lower.strip_prefix(prefix))
            .unwrap_or(&lower);
        let number = digits
            .parse::<u16>()
            .ok()
            .filter(|_| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
        match number {
            Some(65001) => Ok(Encoding::Utf8),
            Some(1200) => Ok(Encoding::Utf16Le),
            Some(1201) => Ok(Encoding::Utf16Be),
            Some(cp) if code_page_supported(cp) => Ok(Encoding::CodePage(cp)),
            _ => Err(UnknownEncoding(s.to_string())),
        }
    }
}

/// Whether lanman can decode this Windows code page number.
pub fn code_page_supported(cp: u16) -> bool {
    DECODING_TABLE_CP_MAP.contains_key(&cp) || codepage::to_encoding_no_replacement(cp).is_some()
}

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding actually used (never `Auto`).
    pub used: Encoding,
    /// Some bytes could not be decoded and were replaced by U+FFFD.
    pub lossy: bool,
}

/// Decode `bytes` as `encoding`; `oem_code_page` is what `auto` falls back to.
///
/// A code page lanman cannot decode falls back to 437 for the high half: an unsupported
/// system OEM page must still let the ASCII labels and numbers through.
pub fn decode(bytes: &[u8], encoding: Encoding, oem_code_page: u16) -> Decoded {
    match encoding {
        Encoding::Auto => decode_auto(bytes, oem_code_page),
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let text = String::from_utf8_lossy(body);
            let lossy = matches!(text, std::borrow::Cow::Owned(_));
            Decoded {
                text: text.into_owned(),
                used: Encoding::Utf8,
                lossy,
            }
        }
        Encoding::Utf16Le => decode_with(encoding_rs::UTF_16LE, bytes, Encoding::Utf16Le),
        Encoding::Utf16Be => decode_with(encoding_rs::UTF_16BE, bytes, Encoding::Utf16Be),
        Encoding::CodePage(cp) => decode_code_page(bytes, cp),
    }
}

fn decode_auto(bytes: &[u8], oem_code_page: u16) -> Decoded {
    if let Some((bom_encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let used = if bom_encoding == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else if bom_encoding == encoding_rs::UTF_16BE {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        };
        return decode_with(bom_encoding, bytes, used);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if looks_like_utf16(bytes).is_none() {
            return Decoded {
                text: text.to_string(),
                used: Encoding::Utf8,
                lossy: false,
            };
        }
    }
    match looks_like_utf16(bytes) {
        Some(Endian::Little) => decode_with(encoding_rs::UTF_16LE, bytes, Encoding::Utf16Le),
        Some(Endian::Big) => decode_with(encoding_rs::UTF_16BE, bytes, Encoding::Utf16Be),
        None => decode_code_page(bytes, oem_code_page),
    }
}

enum Endian {
    Little,
    Big,
}

/// UTF-16 without a BOM: mostly-ASCII text where every other byte is zero. Text produced by
/// net.exe never contains NUL in an 8-bit encoding, so the signal is unambiguous.
fn looks_like_utf16(bytes: &[u8]) -> Option<Endian> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 2 > pairs && zero_even * 8 < pairs {
        Some(Endian::Little)
    } else if zero_even * 2 > pairs && zero_odd * 8 < pairs {
        Some(Endian::Big)
    } else {
        None
    }
}

fn decode_with(encoding: &'static encoding_rs::Encoding, bytes: &[u8], used: Encoding) -> Decoded {
    // `decode` sniffs and strips a BOM itself (and lets a BOM override the label, which is
    // what a saved file with a BOM means).
    let (text, _, lossy) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        used,
        lossy,
    }
}

fn decode_code_page(bytes: &[u8], cp: u16) -> Decoded {
    match cp {
        65001 => return decode(bytes, Encoding::Utf8, cp),
        1200 => return decode(bytes, Encoding::Utf16Le, cp),
        1201 => return decode(bytes, Encoding::Utf16Be, cp),
        _ => {}
    }
    // The DOS/OEM single-byte pages (437, 850, 852 …) are not in the WHATWG set that
    // encoding_rs implements (its only DOS page is IBM866), so they come from oem_cp's tables;
    // double-byte pages (936 GBK, 932, 949, 950) and the ANSI pages come from encoding_rs.
    if let Some(table) = DECODING_TABLE_CP_MAP.get(&cp) {
        let text = table.decode_string_lossy(bytes);
        let lossy = text.contains('\u{FFFD}');
        return Decoded {
            text,
            used: Encoding::CodePage(cp),
            lossy,
        };
    }
    if let Some(encoding) = codepage::to_encoding_no_replacement(cp) {
        let (text, lossy) = encoding.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            used: Encoding::CodePage(cp),
            lossy,
        };
    }
    decode_code_page(bytes, Encoding::DEFAULT_OEM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_parse() {
        assert_eq!("auto".parse(), Ok(Encoding::Auto));
        assert_eq!("UTF-8".parse(), Ok(Encoding::Utf8));
        assert_eq!("utf-16le".parse(), Ok(Encoding::Utf16Le));
        assert_eq!("cp437".parse(), Ok(Encoding::CodePage(437)));
        assert_eq!("850".parse(), Ok(Encoding::CodePage(850)));
        assert_eq!("IBM852".parse(), Ok(Encoding::CodePage(852)));
        assert_eq!("gbk".parse(), Ok(Encoding::CodePage(936)));
        assert_eq!("cp936".parse(), Ok(Encoding::CodePage(936)));
        assert_eq!("windows-1252".parse(), Ok(Encoding::CodePage(1252)));
        assert_eq!("cp65001".parse(), Ok(Encoding::Utf8));
        for bad in [
            "", "cp", "cp99999", "cp1", "latin-9", "cp+437", "cp 437", "utf-32",
        ] {
            assert!(bad.parse::<Encoding>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn auto_prefers_bom_then_utf8_then_oem() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Server Name  \\\\A\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let d = decode(&utf16, Encoding::Auto, 437);
        assert_eq!(d.text, "Server Name  \\\\A\r\n");
        assert_eq!(d.used, Encoding::Utf16Le);

        let d = decode("Büro".as_bytes(), Encoding::Auto, 850);
        assert_eq!((d.text.as_str(), d.used), ("Büro", Encoding::Utf8));

        // "Büro" in cp850: ü = 0x81, which is not valid UTF-8.
        let d = decode(b"B\x81ro", Encoding::Auto, 850);
        assert_eq!((d.text.as_str(), d.used), ("Büro", Encoding::CodePage(850)));
        assert!(!d.lossy);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "Idle session time (min)  15\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&le, Encoding::Auto, 437).used, Encoding::Utf16Le);
        let be: Vec<u8> = "Idle session time (min)  15\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let d = decode(&be, Encoding::Auto, 437);
        assert_eq!(
            (d.text.as_str(), d.used),
            ("Idle session time (min)  15\r\n", Encoding::Utf16Be)
        );
    }

    #[test]
    fn gbk_decodes_chinese_labels() {
        // 计算机名 in GBK
        let d = decode(
            &[0xBC, 0xC6, 0xCB, 0xE3, 0xBB, 0xFA, 0xC3, 0xFB],
            Encoding::CodePage(936),
            437,
        );
        assert_eq!(d.text, "计算机名");
        assert!(!d.lossy);
    }

    #[test]
    fn undecodable_bytes_are_flagged_not_fatal() {
        let d = decode(&[0x81], Encoding::CodePage(936), 437);
        assert!(d.lossy);
        let d = decode(&[0xFF, 0xFE, 0x00], Encoding::Auto, 437);
        assert!(d.lossy);
        let d = decode(b"\xC3(", Encoding::Utf8, 437);
        assert!(d.lossy);
    }

    #[test]
    fn unsupported_oem_page_still_reads_ascii() {
        let d = decode(b"Idle session time (min)  15", Encoding::CodePage(1), 437);
        assert!(d.text.ends_with("15"));
    }
}
