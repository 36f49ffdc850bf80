//! A security template as `secedit /export` writes it (docs/windows.md#secedit,
//! #group-policy): an INF file whose `[Registry Values]` section holds the registry values that
//! security policy sets, one per line, `MACHINE\Path\Name=<type>,<data>` (type 4 = REG_DWORD).

/// One `[Registry Values]` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyValue {
    /// `MACHINE\System\CurrentControlSet\Services\LanManServer\Parameters\AutoDisconnect`
    pub path: String,
    /// The registry type number (`4` = REG_DWORD, `1` = REG_SZ …).
    pub kind: u32,
    pub data: String,
}

/// The registry values a security template defines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecurityTemplate {
    /// Whether the text had the `[Version]` section every template has (so an empty
    /// `[Registry Values]` means "nothing defined", not "not a template").
    pub is_template: bool,
    pub registry_values: Vec<PolicyValue>,
}

impl SecurityTemplate {
    /// The value at `path`, compared without case as Windows does.
    pub fn get(&self, path: &str) -> Option<&PolicyValue> {
        self.registry_values
            .iter()
            .find(|v| v.path.eq_ignore_ascii_case(path))
    }

    /// A REG_DWORD the policy defines, as a number.
    pub fn dword(&self, path: &str) -> Option<u32> {
        self.get(path)
            .filter(|v| v.kind == 4)
            .and_then(|v| v.data.trim().parse().ok())
    }
}

/// Read a security template (decoded text). Lines are `key=value`; `;` starts a comment;
/// section names are matched without case.
pub fn parse_security_template(text: &str) -> SecurityTemplate {
    let mut template = SecurityTemplate::default();
    let mut section = String::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('\u{FEFF}');
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_ascii_lowercase();
            if section == "version" {
                template.is_template = true;
            }
            continue;
        }
        if section != "registry values" {
            continue;
        }
        let Some((path, value)) = line.split_once('=') else {
            continue;
        };
        let Some((kind, data)) = value.split_once(',') else {
            continue;
        };
        let Ok(kind) = kind.trim().parse::<u32>() else {
            continue;
        };
        template.registry_values.push(PolicyValue {
            path: path.trim().to_string(),
            kind,
            data: data.trim().trim_matches('"').to_string(),
        });
    }
    template
}

/// The security-template line that sets the policy value at `path` to a REG_DWORD.
pub fn registry_value_line(path: &str, data: u32) -> String {
    format!("{path}=4,{data}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordAge = 0\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Registry Values]\r\nMACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\AutoDisconnect=4,15\r\nMACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\EnableSecuritySignature=4,0\r\nMACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\LegalNoticeText=7,Authorised use only\r\n";

    const PATH: &str =
        r"MACHINE\System\CurrentControlSet\Services\LanManServer\Parameters\AutoDisconnect";

    #[test]
    fn the_policy_value_is_found_without_case() {
        let t = parse_security_template(EXPORT);
        assert!(t.is_template);
        assert_eq!(t.dword(PATH), Some(15));
        assert_eq!(t.dword(&PATH.to_ascii_uppercase()), Some(15));
        assert_eq!(t.registry_values.len(), 3);
    }

    #[test]
    fn a_template_without_the_line_defines_nothing() {
        let t = parse_security_template(
            "[Version]\r\nsignature=\"$CHICAGO$\"\r\n[Registry Values]\r\n",
        );
        assert!(t.is_template);
        assert_eq!(t.dword(PATH), None);
        assert!(!parse_security_template("hello").is_template);
    }

    #[test]
    fn only_registry_values_count() {
        let t = parse_security_template(&format!("[Version]\n[System Access]\n{PATH}=4,1\n"));
        assert_eq!(t.dword(PATH), None);
        let t = parse_security_template(&format!("[Registry Values]\n{PATH}=1,\"15\"\n"));
        assert_eq!(
            t.dword(PATH),
            None,
            "a REG_SZ is not the DWORD policy value"
        );
    }

    #[test]
    fn the_line_lanman_exports_reads_back() {
        let line = registry_value_line(PATH, 99999);
        assert_eq!(line, format!("{PATH}=4,99999"));
        let t = parse_security_template(&format!("[Version]\n[Registry Values]\n{line}\n"));
        assert_eq!(t.dword(PATH), Some(99999));
    }
}
