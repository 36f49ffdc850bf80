//! Registry values, typed (docs/windows.md#registry-types), and how reg.exe shows them:
//! `reg query` output (docs/windows.md#reg-exe) and reg.exe's error lines. Both registry paths
//! of `machine::registry` produce these types: the Windows API from a value's type number and
//! bytes ([`RegData::from_raw`]), reg.exe from its text ([`parse_reg_query`]).
//!
//! ```text
//! <empty line>
//! HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\lanmanserver\parameters
//!     autodisconnect    REG_DWORD    0xf
//! <empty line>
//! ```
//! Four spaces before the name and between the columns; DWORDs as lower-case `0x` hex without
//! padding; value names keep their stored case (LanmanServer's are lower case), so names are
//! matched case-insensitively. A remote query echoes `\\HOST\HKEY_LOCAL_MACHINE\…` (or, as
//! typed, `\\HOST\HKLM\…`: no capture says which).

use std::fmt::Write as _;

/// The type numbers of `winnt.h` (docs/windows.md#registry-types).
const REG_NONE: u32 = 0;
const REG_SZ: u32 = 1;
const REG_EXPAND_SZ: u32 = 2;
const REG_BINARY: u32 = 3;
const REG_DWORD: u32 = 4;
const REG_DWORD_BIG_ENDIAN: u32 = 5;
const REG_MULTI_SZ: u32 = 7;
const REG_QWORD: u32 = 11;

/// Type numbers and the names reg.exe prints for them.
const TYPE_NAMES: [(u32, &str); 12] = [
    (REG_NONE, "REG_NONE"),
    (REG_SZ, "REG_SZ"),
    (REG_EXPAND_SZ, "REG_EXPAND_SZ"),
    (REG_BINARY, "REG_BINARY"),
    (REG_DWORD, "REG_DWORD"),
    (REG_DWORD_BIG_ENDIAN, "REG_DWORD_BIG_ENDIAN"),
    (6, "REG_LINK"),
    (REG_MULTI_SZ, "REG_MULTI_SZ"),
    (8, "REG_RESOURCE_LIST"),
    (9, "REG_FULL_RESOURCE_DESCRIPTOR"),
    (10, "REG_RESOURCE_REQUIREMENTS_LIST"),
    (REG_QWORD, "REG_QWORD"),
];

/// The name of a type number: reg.exe's, or lanman's own `REG_TYPE_<n>` for a number Windows
/// does not name.
pub fn type_name(kind: u32) -> String {
    TYPE_NAMES.iter().find(|(n, _)| *n == kind).map_or_else(
        || format!("REG_TYPE_{kind}"),
        |(_, name)| (*name).to_string(),
    )
}

/// A registry value's data, by its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegData {
    Dword(u32),
    Qword(u64),
    Sz(String),
    /// Not expanded: `%SystemRoot%` stays as stored.
    ExpandSz(String),
    MultiSz(Vec<String>),
    Binary(Vec<u8>),
    /// Any other type (REG_NONE, REG_DWORD_BIG_ENDIAN, REG_LINK, the resource lists, a number
    /// Windows does not name), or data that cannot be its type's (a REG_DWORD of three bytes;
    /// a REG_QWORD reg.exe printed as `(null)`): the type's name and the data as reg.exe shows
    /// it.
    Other {
        kind: String,
        shown: String,
    },
}

impl RegData {
    /// The type's name, as reg.exe prints it: `REG_DWORD`, `REG_SZ` …
    pub fn kind(&self) -> &str {
        match self {
            RegData::Dword(_) => "REG_DWORD",
            RegData::Qword(_) => "REG_QWORD",
            RegData::Sz(_) => "REG_SZ",
            RegData::ExpandSz(_) => "REG_EXPAND_SZ",
            RegData::MultiSz(_) => "REG_MULTI_SZ",
            RegData::Binary(_) => "REG_BINARY",
            RegData::Other { kind, .. } => kind,
        }
    }

    /// The data as `reg query` prints it: numbers in lower-case `0x` hex, strings as stored,
    /// the strings of a REG_MULTI_SZ joined by `\0`, bytes in upper-case hex pairs.
    pub fn shown(&self) -> String {
        match self {
            RegData::Dword(n) => format!("0x{n:x}"),
            RegData::Qword(n) => format!("0x{n:x}"),
            RegData::Sz(text) | RegData::ExpandSz(text) => text.clone(),
            RegData::MultiSz(items) => items.join("\\0"),
            RegData::Binary(bytes) => hex(bytes),
            RegData::Other { shown, .. } => shown.clone(),
        }
    }

    /// The text of a REG_SZ or REG_EXPAND_SZ.
    pub fn text(&self) -> Option<&str> {
        match self {
            RegData::Sz(text) | RegData::ExpandSz(text) => Some(text),
            _ => None,
        }
    }

    /// A value as the registry API returns it: its type number and its bytes (strings in
    /// UTF-16LE, numbers little-endian).
    pub fn from_raw(kind: u32, bytes: &[u8]) -> RegData {
        let other = |shown: String| RegData::Other {
            kind: type_name(kind),
            shown,
        };
        match kind {
            REG_DWORD => match <[u8; 4]>::try_from(bytes) {
                Ok(b) => RegData::Dword(u32::from_le_bytes(b)),
                Err(_) => other(hex(bytes)),
            },
            REG_QWORD => match <[u8; 8]>::try_from(bytes) {
                Ok(b) => RegData::Qword(u64::from_le_bytes(b)),
                Err(_) => other(hex(bytes)),
            },
            // reg.exe shows it as a little-endian number, like a REG_DWORD (seen with Wine's
            // reg.exe; docs/windows.md#registry-types).
            REG_DWORD_BIG_ENDIAN => match <[u8; 4]>::try_from(bytes) {
                Ok(b) => other(format!("0x{:x}", u32::from_le_bytes(b))),
                Err(_) => other(hex(bytes)),
            },
            REG_SZ => RegData::Sz(first_string(&utf16(bytes))),
            REG_EXPAND_SZ => RegData::ExpandSz(first_string(&utf16(bytes))),
            REG_MULTI_SZ => RegData::MultiSz(strings(&utf16(bytes))),
            REG_BINARY => RegData::Binary(bytes.to_vec()),
            _ => other(hex(bytes)),
        }
    }

    /// The type number and bytes to store, for the types lanman writes (`None` for
    /// [`RegData::Other`], whose bytes lanman does not have).
    pub fn to_raw(&self) -> Option<(u32, Vec<u8>)> {
        let wide = |text: &str| -> Vec<u8> {
            text.encode_utf16()
                .chain([0])
                .flat_map(u16::to_le_bytes)
                .collect()
        };
        Some(match self {
            RegData::Dword(n) => (REG_DWORD, n.to_le_bytes().to_vec()),
            RegData::Qword(n) => (REG_QWORD, n.to_le_bytes().to_vec()),
            RegData::Sz(text) => (REG_SZ, wide(text)),
            RegData::ExpandSz(text) => (REG_EXPAND_SZ, wide(text)),
            RegData::MultiSz(items) => {
                let mut bytes: Vec<u8> = items.iter().flat_map(|item| wide(item)).collect();
                bytes.extend([0, 0]);
                (REG_MULTI_SZ, bytes)
            }
            RegData::Binary(bytes) => (REG_BINARY, bytes.clone()),
            RegData::Other { .. } => return None,
        })
    }

    /// A value as `reg query` printed it: its type's name and its data text. Data that cannot
    /// be the type's (a REG_DWORD reading `0xg`) is kept as printed, in [`RegData::Other`].
    pub fn from_shown(kind: &str, shown: &str) -> RegData {
        let other = || RegData::Other {
            kind: kind.to_string(),
            shown: shown.to_string(),
        };
        match kind {
            "REG_DWORD" => parse_dword(shown).map_or_else(other, RegData::Dword),
            "REG_QWORD" => parse_qword(shown).map_or_else(other, RegData::Qword),
            "REG_SZ" => RegData::Sz(shown.to_string()),
            "REG_EXPAND_SZ" => RegData::ExpandSz(shown.to_string()),
            "REG_MULTI_SZ" if shown.is_empty() => RegData::MultiSz(Vec::new()),
            "REG_MULTI_SZ" => RegData::MultiSz(shown.split("\\0").map(str::to_string).collect()),
            "REG_BINARY" => parse_hex(shown).map_or_else(other, RegData::Binary),
            _ => other(),
        }
    }
}

/// Upper-case hex pairs, as reg.exe prints REG_BINARY.
fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(text, "{b:02X}");
    }
    text
}

fn parse_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// UTF-16LE code units; an odd last byte is dropped.
fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect()
}

/// The string before the first NUL (a REG_SZ need not end in one).
fn first_string(units: &[u16]) -> String {
    let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
    String::from_utf16_lossy(&units[..end])
}

/// The strings of a REG_MULTI_SZ: NUL-separated, ended by an empty string.
fn strings(units: &[u16]) -> Vec<String> {
    let mut items: Vec<String> = units
        .split(|&u| u == 0)
        .map(String::from_utf16_lossy)
        .collect();
    while items.last().is_some_and(String::is_empty) {
        items.pop();
    }
    items
}

/// One value: its name as stored and its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegValue {
    pub name: String,
    pub data: RegData,
}

impl RegValue {
    /// The data of a REG_DWORD.
    pub fn dword(&self) -> Option<u32> {
        match self.data {
            RegData::Dword(n) => Some(n),
            _ => None,
        }
    }
}

/// The values of one key, as `reg query KEY` lists them (or the API enumerates them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegKey {
    /// The key's path (`HKEY_LOCAL_MACHINE\…`, or `\\HOST\…` remotely); `None` when the key
    /// does not exist (it then has no values).
    pub path: Option<String>,
    pub values: Vec<RegValue>,
}

/// A value of another type than the one asked for (a REG_SZ `KeepConn`): what a reader reports
/// as it is, and `set` replaces or `reset` deletes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongType {
    /// As stored.
    pub name: String,
    /// What was found.
    pub data: RegData,
    /// The type Windows expects (`REG_DWORD`).
    pub expected: &'static str,
}

impl RegKey {
    /// The value called `name`, compared without case as Windows does.
    pub fn get(&self, name: &str) -> Option<&RegValue> {
        self.values
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
    }

    /// The REG_DWORD called `name`: `None` when absent, an error for another type.
    pub fn dword(&self, name: &str) -> Result<Option<u32>, WrongType> {
        match self.get(name) {
            None => Ok(None),
            Some(RegValue {
                data: RegData::Dword(n),
                ..
            }) => Ok(Some(*n)),
            Some(value) => Err(WrongType {
                name: value.name.clone(),
                data: value.data.clone(),
                expected: "REG_DWORD",
            }),
        }
    }
}

/// `0x…` hex as reg.exe prints DWORDs; plain decimal is accepted too.
pub fn parse_dword(data: &str) -> Option<u32> {
    let data = data.trim();
    match data.strip_prefix("0x").or_else(|| data.strip_prefix("0X")) {
        Some(hex)
            if !hex.is_empty() && hex.len() <= 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            u32::from_str_radix(hex, 16).ok()
        }
        Some(_) => None,
        None if !data.is_empty()
            && data.len() <= 10
            && data.bytes().all(|b| b.is_ascii_digit()) =>
        {
            data.parse().ok()
        }
        None => None,
    }
}

/// `0x…` hex of at most 16 digits, as reg.exe prints REG_QWORD.
fn parse_qword(data: &str) -> Option<u64> {
    let hex = data.trim().strip_prefix("0x")?;
    if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `^(?:\\\\[^\\\s]+\\)?(?:HKEY_[A-Z_]+|HKLM|HKU|HKCU|HKCR|HKCC)(?:\\.*)?$`: a key path,
/// `HKEY_LOCAL_MACHINE\…`, or a remote one, `\\HOST\HKEY_LOCAL_MACHINE\…`, its root also in
/// the short form a person types (`\\HOST\HKLM\…`: reg.exe echoes the path as typed apart from
/// the root, and whether it expands a remote root is not recorded). Matched by hand, like the
/// value line below: these are read on every `get keepconn` and every change's read-back, and
/// compiling them as regexes cost about 0.6 ms of each run (BENCHMARKS.md); the tests check
/// both against the regexes on generated lines.
fn is_key_line(line: &str) -> bool {
    if line.contains('\n') {
        return false;
    }
    let rest = match line.strip_prefix("\\\\") {
        Some(remote) => {
            let host = remote
                .find(|c: char| c == '\\' || c.is_whitespace())
                .unwrap_or(remote.len());
            match remote[host..].strip_prefix('\\') {
                Some(rest) if host > 0 => rest,
                _ => return false,
            }
        }
        None => line,
    };
    let root_len = match rest.strip_prefix("HKEY_") {
        Some(root) => {
            let len = root
                .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
                .unwrap_or(root.len());
            if len == 0 {
                return false;
            }
            5 + len
        }
        None => match ["HKLM", "HKCU", "HKCR", "HKCC", "HKU"]
            .iter()
            .find(|short| rest.starts_with(**short))
        {
            Some(short) => short.len(),
            None => return false,
        },
    };
    rest.len() == root_len || rest[root_len..].starts_with('\\')
}

/// `^[ \t]+(?P<name>.*?)[ \t]{2,}(?P<kind>REG_[A-Z0-9_]+)(?:[ \t]+(?P<data>.*?))?[ \t]*$`:
/// `    name    REG_DWORD    0xf`. Returns (name, kind, data); linear in the line's length.
fn value_line(line: &str) -> Option<(&str, &str, Option<&str>)> {
    if line.contains('\n') {
        return None;
    }
    // REG_[A-Z0-9_]+ at `at`, ending the line or followed by a blank: where it ends.
    let kind_at = |at: usize| -> Option<usize> {
        let rest = line[at..].strip_prefix("REG_")?;
        let len = rest
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(rest.len());
        let end = at + 4 + len;
        (len > 0 && line[end..].chars().next().is_none_or(is_blank)).then_some(end)
    };
    let lead = line.len() - line.trim_start_matches(is_blank).len();
    if lead == 0 {
        return None;
    }
    // The name is as short as it can be: the first run of two or more blanks (or the end of a
    // longer one) followed by a kind ends it.
    let mut found = None;
    let mut at = lead;
    while let Some(offset) = line[at..].find(is_blank) {
        let run_start = at + offset;
        let run_end = line.len() - line[run_start..].trim_start_matches(is_blank).len();
        if run_end - run_start >= 2 {
            if let Some(kind_end) = kind_at(run_end) {
                found = Some((lead, run_start, run_end, kind_end));
                break;
            }
        }
        if run_end == line.len() {
            break;
        }
        at = run_end;
    }
    // Otherwise the leading blanks give two of theirs to the gap before the kind: no name.
    if found.is_none() && lead >= 3 {
        found = kind_at(lead).map(|kind_end| (lead - 2, lead - 2, lead, kind_end));
    }
    let (name_start, name_end, kind_start, kind_end) = found?;
    let after = &line[kind_end..];
    let data = (!after.is_empty()).then(|| after.trim_matches(is_blank));
    Some((
        &line[name_start..name_end],
        &line[kind_start..kind_end],
        data,
    ))
}

/// Parse `reg query` output: the values of the first key listed. Lines that are neither a key
/// path nor a value line (subkey listings after the values, errors) are ignored.
pub fn parse_reg_query(text: &str) -> RegKey {
    let mut key = RegKey::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if is_key_line(line.trim()) && !line.starts_with([' ', '\t']) {
            if key.path.is_some() {
                // The next key: a subkey listing, or the next key of a /s query.
                break;
            }
            key.path = Some(line.trim().to_string());
            continue;
        }
        if let Some((name, kind, data)) = value_line(line) {
            key.values.push(RegValue {
                name: name.to_string(),
                data: RegData::from_shown(kind, data.unwrap_or("")),
            });
        }
    }
    key
}

/// What a failed reg.exe said, in the texts lanman knows (English reg.exe messages; other
/// languages are reported with reg's own words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegFailure {
    /// `ERROR: The system was unable to find the specified registry key or value.`
    NotFound,
    /// `ERROR: Access is denied.`
    AccessDenied,
    /// `ERROR: The network path was not found.` and other remote-connection errors.
    Unreachable(String),
}

/// Recognise reg.exe's error line.
pub fn classify_reg_failure(output: &str) -> Option<RegFailure> {
    let lower = output.to_ascii_lowercase();
    if lower.contains("unable to find the specified registry key or value") {
        Some(RegFailure::NotFound)
    } else if lower.contains("access is denied") {
        Some(RegFailure::AccessDenied)
    } else {
        [
            "the network path was not found",
            "the rpc server is unavailable",
            "the network name cannot be found",
            "the network address is invalid",
            "no network provider accepted the given network path",
            "the remote computer refused the network connection",
        ]
        .iter()
        .find(|needle| lower.contains(*needle))
        .map(|_| {
            let line = output
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default();
            RegFailure::Unreachable(line.trim_start_matches("ERROR:").trim().to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ \t]{0,6}[a-zA-Z ]{0,8}[ \t]{0,5}(REG_[A-Z0-9_a]{0,6})?[ \t]{0,4}[0-9a-fx \t]{0,6}",
            "[ \tREG_SZDWORx0-9a\\\\]{0,30}",
            "(\\\\[a-z \\\\]{0,4})?(HKEY_[A-Za-z_]{0,6}|HK[LMUCRX]{0,3})?[\\\\a-zX ]{0,6}",
            "\\PC{0,20}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn value_line_is_the_regex(text in line()) {
            let re = Regex::new(r"^[ \t]+(?P<name>.*?)[ \t]{2,}(?P<kind>REG_[A-Z0-9_]+)(?:[ \t]+(?P<data>.*?))?[ \t]*$").unwrap();
            let want = re.captures(&text).map(|c| {
                (c.name("name").unwrap().as_str(), c.name("kind").unwrap().as_str(), c.name("data").map(|m| m.as_str()))
            });
            prop_assert_eq!(value_line(&text), want);
        }

        #[test]
        fn key_line_is_the_regex(text in line()) {
            let re = Regex::new(r"^(?:\\\\[^\\\s]+\\)?(?:HKEY_[A-Z_]+|HKLM|HKU|HKCU|HKCR|HKCC)(?:\\.*)?$").unwrap();
            prop_assert_eq!(is_key_line(&text), re.is_match(&text));
        }
    }

    #[test]
    fn tricky_lines_are_the_regex() {
        let re = Regex::new(
            r"^[ \t]+(?P<name>.*?)[ \t]{2,}(?P<kind>REG_[A-Z0-9_]+)(?:[ \t]+(?P<data>.*?))?[ \t]*$",
        )
        .unwrap();
        for text in [
            "   REG_SZ  x",
            "\t\t\tREG_DWORD",
            "  REG_SZ  x",
            "    a REG_SZ",
            "    a  REG_SZ_ ",
            "  x  REG_SZ  REG_SZ",
        ] {
            let want = re.captures(text).map(|c| {
                (
                    c.name("name").unwrap().as_str(),
                    c.name("kind").unwrap().as_str(),
                    c.name("data").map(|m| m.as_str()),
                )
            });
            assert_eq!(value_line(text), want, "{text:?}");
        }
    }

    #[test]
    fn value_lines_as_reg_prints_them() {
        assert_eq!(
            value_line("    autodisconnect    REG_DWORD    0xf"),
            Some(("autodisconnect", "REG_DWORD", Some("0xf")))
        );
        assert_eq!(
            value_line("    srvcomment    REG_SZ    File server, 2nd floor  "),
            Some(("srvcomment", "REG_SZ", Some("File server, 2nd floor")))
        );
        assert_eq!(
            value_line("    Empty    REG_SZ"),
            Some(("Empty", "REG_SZ", None))
        );
        // No name: the leading blanks are shared with the gap before the kind.
        assert_eq!(value_line("   REG_SZ  x"), Some(("", "REG_SZ", Some("x"))));
        assert_eq!(value_line("\t\t\tREG_DWORD"), Some(("", "REG_DWORD", None)));
        assert_eq!(value_line("  REG_SZ  x"), None);
        assert_eq!(value_line("    a REG_SZ"), None);
        assert!(is_key_line(r"\\FS01\HKEY_LOCAL_MACHINE\SYSTEM"));
        assert!(!is_key_line(r"\\\HKEY_LOCAL_MACHINE"));
    }

    #[test]
    fn dwords() {
        assert_eq!(parse_dword("0xf"), Some(15));
        assert_eq!(parse_dword("0xffffffff"), Some(u32::MAX));
        assert_eq!(parse_dword("0x86400"), Some(0x86400));
        assert_eq!(parse_dword("600"), Some(600));
        for bad in ["", "0x", "0x100000000", "-1", "0xg", "4294967296", "1 2"] {
            assert_eq!(parse_dword(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn subkeys_after_the_values_are_not_values() {
        let text = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters\r\n    autodisconnect    REG_DWORD    0xf\r\n    srvcomment    REG_SZ    \r\n\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters\\FsctlAllowlist\r\n";
        let key = parse_reg_query(text);
        assert_eq!(key.values.len(), 2);
        assert_eq!(
            key.get("AutoDisconnect").and_then(RegValue::dword),
            Some(15)
        );
        assert_eq!(
            key.get("srvcomment").map(|v| &v.data),
            Some(&RegData::Sz(String::new()))
        );
    }

    #[test]
    fn remote_key_path_is_a_key_line() {
        let text =
            "\n\\\\FS01\\HKEY_LOCAL_MACHINE\\SYSTEM\\x\n    KeepConn    REG_DWORD    0xe10\n";
        let key = parse_reg_query(text);
        assert_eq!(
            key.path.as_deref(),
            Some("\\\\FS01\\HKEY_LOCAL_MACHINE\\SYSTEM\\x")
        );
        assert_eq!(key.get("keepconn").and_then(RegValue::dword), Some(3600));
    }

    #[test]
    fn a_remote_key_echoed_with_the_short_root_is_a_key_line() {
        // Issue 17: no capture says whether reg.exe expands a remote root.
        for path in [
            r"\\FS01\HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters",
            r"\\FS01\HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters",
        ] {
            let key = parse_reg_query(&format!(
                "\r\n{path}\r\n    autodisconnect    REG_DWORD    0x3c\r\n\r\n"
            ));
            assert_eq!(key.path.as_deref(), Some(path));
            assert_eq!(key.dword("AutoDisconnect"), Ok(Some(60)));
        }
        assert!(is_key_line(r"HKLM"));
        assert!(is_key_line(r"\\FS01\HKU\S-1-5-18"));
        assert!(!is_key_line(r"\\FS01\HKLMX\SYSTEM"));
        assert!(!is_key_line(r"HKXY\SYSTEM"));
    }

    #[test]
    fn values_are_typed_as_reg_exe_prints_them() {
        let text = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\T\r\n    be    REG_DWORD_BIG_ENDIAN    0x5\r\n    bin    REG_BINARY    01AB00FF\r\n    dw    REG_DWORD    0xffffffff\r\n    emptybin    REG_BINARY    \r\n    emptyms    REG_MULTI_SZ    \r\n    ex    REG_EXPAND_SZ    %SystemRoot%\\x\r\n    ms    REG_MULTI_SZ    a\\0b\\0c\r\n    qw    REG_QWORD    0x1234567890\r\n    wineqw    REG_QWORD    (null)\r\n    sz    REG_SZ    a b\r\n\r\n";
        let key = parse_reg_query(text);
        let data = |name: &str| key.get(name).map(|v| v.data.clone());
        assert_eq!(
            data("be"),
            Some(RegData::Other {
                kind: "REG_DWORD_BIG_ENDIAN".into(),
                shown: "0x5".into()
            })
        );
        assert_eq!(data("bin"), Some(RegData::Binary(vec![1, 0xab, 0, 0xff])));
        assert_eq!(data("dw"), Some(RegData::Dword(u32::MAX)));
        assert_eq!(data("emptybin"), Some(RegData::Binary(vec![])));
        assert_eq!(data("emptyms"), Some(RegData::MultiSz(vec![])));
        assert_eq!(
            data("ex"),
            Some(RegData::ExpandSz("%SystemRoot%\\x".into()))
        );
        assert_eq!(
            data("ms"),
            Some(RegData::MultiSz(vec!["a".into(), "b".into(), "c".into()]))
        );
        assert_eq!(data("qw"), Some(RegData::Qword(0x12_3456_7890)));
        // Wine 8's reg.exe cannot print a REG_QWORD: kept as printed.
        assert_eq!(
            data("wineqw"),
            Some(RegData::Other {
                kind: "REG_QWORD".into(),
                shown: "(null)".into()
            })
        );
        assert_eq!(data("sz"), Some(RegData::Sz("a b".into())));
        assert_eq!(
            key.dword("sz"),
            Err(WrongType {
                name: "sz".into(),
                data: RegData::Sz("a b".into()),
                expected: "REG_DWORD"
            })
        );
        assert_eq!(key.dword("absent"), Ok(None));
    }

    #[test]
    fn raw_values_are_typed_as_the_api_returns_them() {
        let wide =
            |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        assert_eq!(
            RegData::from_raw(4, &[0x10, 0x0e, 0, 0]),
            RegData::Dword(3600)
        );
        assert_eq!(
            RegData::from_raw(4, &[1, 2, 3]),
            RegData::Other {
                kind: "REG_DWORD".into(),
                shown: "010203".into()
            }
        );
        assert_eq!(
            RegData::from_raw(1, &wide("Files\0")),
            RegData::Sz("Files".into())
        );
        // Without its terminating NUL, and with an odd byte left over.
        let mut odd = wide("Files");
        odd.push(0x41);
        assert_eq!(RegData::from_raw(1, &odd), RegData::Sz("Files".into()));
        assert_eq!(
            RegData::from_raw(7, &wide("a\0b\0\0")),
            RegData::MultiSz(vec!["a".into(), "b".into()])
        );
        assert_eq!(RegData::from_raw(7, &wide("\0")), RegData::MultiSz(vec![]));
        assert_eq!(RegData::from_raw(7, &[]), RegData::MultiSz(vec![]));
        assert_eq!(
            RegData::from_raw(11, &0x12_3456_7890_u64.to_le_bytes()),
            RegData::Qword(0x12_3456_7890)
        );
        assert_eq!(
            RegData::from_raw(0, &[0xab, 1]),
            RegData::Other {
                kind: "REG_NONE".into(),
                shown: "AB01".into()
            }
        );
        assert_eq!(RegData::from_raw(0x4321, &[]).kind(), "REG_TYPE_17185");
    }

    fn typed() -> impl Strategy<Value = RegData> {
        prop_oneof![
            any::<u32>().prop_map(RegData::Dword),
            any::<u64>().prop_map(RegData::Qword),
            // reg.exe's columns lose a value's outer blanks; lanman's own values have none.
            "[a-zA-Z0-9%\\\\.:-]([a-zA-Z0-9 %\\\\.:-]{0,10}[a-zA-Z0-9%\\\\.:-])?"
                .prop_map(RegData::Sz),
            "[a-zA-Z0-9%\\\\.]{1,12}".prop_map(RegData::ExpandSz),
            prop::collection::vec("[a-z0-9]([a-z0-9 ]{0,4}[a-z0-9])?", 0..4)
                .prop_map(RegData::MultiSz),
            prop::collection::vec(any::<u8>(), 0..12).prop_map(RegData::Binary),
        ]
    }

    proptest! {
        /// Both registry paths agree: a value the API returns (its raw bytes) reads the same
        /// as reg.exe's text of it.
        #[test]
        fn the_api_and_reg_exe_read_a_value_alike(data in typed()) {
            let (kind, bytes) = data.to_raw().unwrap();
            prop_assert_eq!(RegData::from_raw(kind, &bytes), data.clone());
            let line = format!("\r\nHKEY_LOCAL_MACHINE\\X\r\n    v    {}    {}\r\n", data.kind(), data.shown());
            let key = parse_reg_query(&line);
            prop_assert_eq!(key.get("v").map(|v| &v.data), Some(&data));
        }
    }
}
