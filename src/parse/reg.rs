//! `reg query` output (docs/windows.md#reg-exe) and reg.exe's error lines.
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

    /// The value called `name` as lanman uses it: absent, a DWORD, or something else (a
    /// wrongly typed value, which `set` may overwrite and `reset` may delete).
    pub fn read(&self, name: &str) -> RegRead {
        match self.get(name) {
            None => RegRead::Absent,
            Some(value) => match value.dword() {
                Some(data) => RegRead::Dword {
                    name: value.name.clone(),
                    data,
                },
                None => RegRead::Other {
                    name: value.name.clone(),
                    kind: value.kind.clone(),
                    data: value.data.clone(),
                },
            },
        }
    }
}

/// One registry value as read (docs/windows.md#registry-values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegRead {
    Absent,
    /// A REG_DWORD; `name` as stored (its case is kept when lanman writes it again).
    Dword {
        name: String,
        data: u32,
    },
    /// Another type, or a REG_DWORD whose data lanman cannot read.
    Other {
        name: String,
        kind: String,
        data: String,
    },
}

impl RegRead {
    /// The name as stored, if the value exists.
    pub fn stored_name(&self) -> Option<&str> {
        match self {
            RegRead::Absent => None,
            RegRead::Dword { name, .. } | RegRead::Other { name, .. } => Some(name),
        }
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

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `^(?:\\\\[^\\\s]+\\)?HKEY_[A-Z_]+(?:\\.*)?$`: a key path, `HKEY_LOCAL_MACHINE\…`, or a
/// remote one, `\\HOST\HKEY_LOCAL_MACHINE\…`. Matched by hand, like the value line below: these
/// are read on every `get keepconn` and every change's read-back, and compiling them as
/// regexes cost about 0.6 ms of each run (BENCHMARKS.md); the tests check both against the
/// regexes on generated lines.
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
    let Some(root) = rest.strip_prefix("HKEY_") else {
        return false;
    };
    let len = root
        .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .unwrap_or(root.len());
    len > 0 && (root.len() == len || root[len..].starts_with('\\'))
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
                kind: kind.to_string(),
                data: data.unwrap_or("").to_string(),
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
            "(\\\\[a-z \\\\]{0,4})?(HKEY_[A-Za-z_]{0,6})?[\\\\a-z ]{0,6}",
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
            let re = Regex::new(r"^(?:\\\\[^\\\s]+\\)?HKEY_[A-Z_]+(?:\\.*)?$").unwrap();
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
