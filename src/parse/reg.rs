//! `reg query` output (FACTS.md §6) and reg.exe's error lines.
//!
//! ```text
//! <empty line>
//! HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\lanmanserver\parameters
//!     autodisconnect    REG_DWORD    0xf
//! <empty line>
//! ```
//! Four spaces before the name and between the columns; DWORDs as lower-case `0x` hex without
//! padding; value names keep their stored case (LanmanServer's are lower case), so names are
//! matched case-insensitively. A remote query echoes `\\HOST\HKEY_LOCAL_MACHINE\…`.

use std::sync::LazyLock;

use regex::Regex;

/// One value line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegValue {
    pub name: String,
    /// `REG_DWORD`, `REG_SZ` …
    pub kind: String,
    pub data: String,
}

/// The values listed by `reg query KEY` (or `/v NAME`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegKey {
    /// The echoed key path, when the output has one.
    pub path: Option<String>,
    pub values: Vec<RegValue>,
}

impl RegKey {
    /// The value called `name`, compared without case as Windows does.
    pub fn get(&self, name: &str) -> Option<&RegValue> {
        self.values
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
    }
}

impl RegValue {
    /// The data of a REG_DWORD as a number (`0xffffffff` is 4294967295).
    pub fn dword(&self) -> Option<u32> {
        if self.kind != "REG_DWORD" {
            return None;
        }
        parse_dword(&self.data)
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

static VALUE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]+(?P<name>.*?)[ \t]{2,}(?P<kind>REG_[A-Z0-9_]+)(?:[ \t]+(?P<data>.*?))?[ \t]*$",
    )
    .expect("valid regex")
});

static KEY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\\\\[^\\\s]+\\)?HKEY_[A-Z_]+(?:\\.*)?$").expect("valid regex")
});

/// Parse `reg query` output: the values of the first key listed. Lines that are neither a key
/// path nor a value line (subkey listings after the values, errors) are ignored.
pub fn parse_reg_query(text: &str) -> RegKey {
    let mut key = RegKey::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if KEY_LINE.is_match(line.trim()) && !line.starts_with([' ', '\t']) {
            if key.path.is_some() {
                // The next key: a subkey listing, or the next key of a /s query.
                break;
            }
            key.path = Some(line.trim().to_string());
            continue;
        }
        if let Some(c) = VALUE_LINE.captures(line) {
            key.values.push(RegValue {
                name: c["name"].to_string(),
                kind: c["kind"].to_string(),
                data: c.name("data").map_or("", |m| m.as_str()).to_string(),
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
        assert_eq!(key.get("srvcomment").map(|v| v.data.as_str()), Some(""));
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
}
