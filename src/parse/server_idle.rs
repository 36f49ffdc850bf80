//! A file server's idle-disconnect values and Windows version, from two key listings of its
//! registry (`LanmanServer\Parameters` and `Windows NT\CurrentVersion`). Pure, and shared by
//! the layer that reads them (`machine`) and the one that reasons about them (`diagnosis`).

use super::os_version::OsVersion;
use super::reg::{RegKey, WrongType};
use super::stored::{AUTODISCONNECT, AUTODISCONNECT_V2};

/// What a server's registry says about idle sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerIdle {
    /// `LanmanServer\Parameters` exists. Windows always has it; a Samba server answering the
    /// remote registry does not (docs/windows.md#not-windows).
    pub parameters_key: bool,
    /// `autodisconnect`, `None` when absent (Windows then uses 15 minutes).
    pub autodisconnect: Option<u32>,
    /// `AutoDisconnectTimeoutV2`, `None` when absent.
    pub v2: Option<u32>,
    /// Other values of the key that look like idle timeouts: (name, type, data).
    pub other: Vec<(String, String, String)>,
    pub os: OsVersion,
}

impl ServerIdle {
    /// Read the values from the two listings. A value of the wrong type is an error that
    /// names it.
    pub fn from_keys(parameters: &RegKey, version: &RegKey) -> Result<ServerIdle, WrongType> {
        Ok(ServerIdle {
            parameters_key: parameters.path.is_some() || !parameters.values.is_empty(),
            autodisconnect: parameters.dword(AUTODISCONNECT.name)?,
            v2: parameters.dword(AUTODISCONNECT_V2.name)?,
            other: parameters
                .values
                .iter()
                .filter(|v| {
                    let lower = v.name.to_ascii_lowercase();
                    !lower.eq_ignore_ascii_case(AUTODISCONNECT.name)
                        && !lower.eq_ignore_ascii_case(AUTODISCONNECT_V2.name)
                        && (lower.contains("disconnect") || lower.contains("idletimeout"))
                })
                .map(|v| (v.name.clone(), v.data.kind().to_string(), v.data.shown()))
                .collect(),
            os: OsVersion::from_key(version),
        })
    }

    /// The registry answered, but as no Windows file server would: no `LanmanServer\Parameters`
    /// key and no build number. Samba emulates a few keys of the remote registry but not these
    /// (docs/windows.md#not-windows).
    pub fn looks_like_windows(&self) -> bool {
        self.parameters_key || self.os.build.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::reg::{RegData, RegValue};

    fn key(path: bool, values: &[(&str, &str, &str)]) -> RegKey {
        RegKey {
            path: path.then(|| "HKEY_LOCAL_MACHINE\\X".to_string()),
            values: values
                .iter()
                .map(|(n, k, d)| RegValue {
                    name: n.to_string(),
                    data: RegData::from_shown(k, d),
                })
                .collect(),
        }
    }

    #[test]
    fn values_are_read_without_case_and_others_are_kept() {
        let idle = ServerIdle::from_keys(
            &key(
                true,
                &[
                    ("AutoDisconnect", "REG_DWORD", "0x3c"),
                    ("autodisconnecttimeoutv2", "REG_DWORD", "0x384"),
                    ("SmbIdleTimeout", "REG_DWORD", "0x1"),
                    ("Size", "REG_DWORD", "0x1"),
                ],
            ),
            &key(true, &[("CurrentBuildNumber", "REG_SZ", "26100")]),
        )
        .unwrap();
        assert_eq!(idle.autodisconnect, Some(60));
        assert_eq!(idle.v2, Some(900));
        assert_eq!(idle.other.len(), 1);
        assert_eq!(idle.os.build, Some(26100));
        assert!(idle.looks_like_windows());
    }

    #[test]
    fn no_parameters_key_and_no_build_is_not_windows() {
        let idle = ServerIdle::from_keys(&key(false, &[]), &key(true, &[])).unwrap();
        assert!(!idle.looks_like_windows());
    }

    #[test]
    fn a_wrongly_typed_value_is_named() {
        let e = ServerIdle::from_keys(
            &key(true, &[("autodisconnect", "REG_SZ", "15")]),
            &key(true, &[]),
        )
        .unwrap_err();
        assert_eq!(
            (e.name.as_str(), e.data.kind()),
            ("autodisconnect", "REG_SZ")
        );
    }
}
