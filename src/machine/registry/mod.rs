//! The registry, read and written through one small interface ([`Registry`]) with two
//! implementations (docs/windows.md#registry-paths):
//! - `api`: the Win32 registry functions, on Windows when `LANMAN_REG` is not set;
//! - `reg_exe`: reg.exe (or the program `LANMAN_REG` names), when `LANMAN_REG` is set and on
//!   every other build (where, without it, there is nothing to run: exit 6).
//!
//! The rest of lanman calls the `Machine` methods below and sees typed [`RegKey`]s, a
//! [`RegChange`] (shown as the `reg add` / `reg delete` line it equals) and [`Failure`]s; it
//! cannot tell which implementation answered.

#[cfg(windows)]
mod api;
mod reg_exe;
mod win32;

use std::fmt;

use super::Machine;
use crate::error::Failure;
use crate::exec::Invocation;
use crate::parse::os_version::OsVersion;
use crate::parse::reg::{RegData, RegKey};
use crate::settings::Host;

/// How the registry is read and written. Both implementations keep one `--timeout` per
/// remote computer; local reads and writes do not wait on a network.
trait Registry: Sync {
    /// The values of each of `keys` on `host` (this computer when `None`), in the order asked;
    /// a key that does not exist has no values and no `path`. One connection per host; the
    /// first failure fails the read.
    fn read_keys(
        &self,
        machine: &Machine,
        host: Option<&Host>,
        keys: &[&str],
    ) -> Result<Vec<RegKey>, Failure>;

    /// Make `change`. `Ok(false)`: a value to delete was not there.
    fn change(&self, machine: &Machine, change: &RegChange) -> Result<bool, Failure>;
}

/// Which implementation a `Machine` uses, decided once from `LANMAN_REG` and the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RegistryPath {
    /// The Win32 registry functions.
    Api,
    /// reg.exe, or the program `LANMAN_REG` names.
    RegExe,
}

impl RegistryPath {
    /// The API on Windows unless `LANMAN_REG` names a program; reg.exe otherwise.
    pub(crate) fn choose(reg_overridden: bool) -> RegistryPath {
        if cfg!(windows) && !reg_overridden {
            RegistryPath::Api
        } else {
            RegistryPath::RegExe
        }
    }

    fn implementation(self) -> &'static dyn Registry {
        match self {
            #[cfg(windows)]
            RegistryPath::Api => &api::Api,
            // Never chosen off Windows (see `choose`).
            #[cfg(not(windows))]
            RegistryPath::Api => &reg_exe::RegExe,
            RegistryPath::RegExe => &reg_exe::RegExe,
        }
    }
}

/// What to do to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RegAction {
    /// Store this (creating the key if needed, as `reg add` does).
    Set(RegData),
    /// Delete the value (never the key).
    Delete,
}

/// One registry change, on this computer or another. Displayed as the `reg add` / `reg delete`
/// line that makes the same change, which `--dry-run` and `--verbose` show and an
/// administrator can copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RegChange {
    pub(crate) host: Option<Host>,
    /// `HKLM\…`
    pub(crate) key: &'static str,
    /// As stored when the value exists (its case is kept), else as lanman writes it.
    pub(crate) name: String,
    pub(crate) action: RegAction,
}

impl RegChange {
    /// The equivalent reg.exe command line (what the reg.exe path runs).
    pub(crate) fn invocation(&self) -> Invocation {
        let host = self.host.as_ref();
        match &self.action {
            RegAction::Set(data) => {
                reg_exe::add_invocation(host, self.key, &self.name, data.kind(), &add_data(data))
            }
            RegAction::Delete => reg_exe::delete_invocation(host, self.key, &self.name),
        }
    }
}

impl fmt::Display for RegChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.invocation().fmt(f)
    }
}

/// The registry type and bytes of `data`, as both paths write it. What lanman holds only as
/// text (a value of another type that it read and kept) cannot be written, by either path.
fn to_write(data: &RegData) -> Result<(u32, Vec<u8>), Failure> {
    data.to_raw().ok_or_else(|| {
        Failure::InvalidValue(format!("lanman cannot write a {} value", data.kind()))
    })
}

/// The `/d` data of `reg add`: a REG_DWORD of 0xFFFFFFFF in hex, as Microsoft's articles type
/// it; other numbers in decimal; text as it is.
fn add_data(data: &RegData) -> String {
    match data {
        RegData::Dword(u32::MAX) => "0xffffffff".to_string(),
        RegData::Dword(n) => n.to_string(),
        RegData::Qword(n) => n.to_string(),
        other => other.shown(),
    }
}

/// Where Windows keeps its version (docs/windows.md#windows-build).
pub(crate) const CURRENT_VERSION_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";

impl Machine {
    fn registry(&self) -> &'static dyn Registry {
        self.registry_path.implementation()
    }

    /// The values of `key` on `host` (this computer when `None`). A key that does not exist
    /// has no values.
    pub(crate) fn reg_query(&self, host: Option<&Host>, key: &str) -> Result<RegKey, Failure> {
        let mut keys = self.read_keys(host, &[key])?;
        Ok(keys.pop().unwrap_or_default())
    }

    /// Several keys of one computer (this one when `None`), read together within one
    /// `--timeout`: the listing of each, in the order asked (a key that does not exist has no
    /// values and no `path`). The first failure fails the whole read, so a host that cannot be
    /// reached is reported once. This is the one call doctor makes per file server.
    pub(crate) fn read_keys(
        &self,
        host: Option<&Host>,
        keys: &[&str],
    ) -> Result<Vec<RegKey>, Failure> {
        self.registry().read_keys(self, host, keys)
    }

    /// The Windows version of `host` (this computer when `None`).
    pub(crate) fn os_version(&self, host: Option<&Host>) -> Result<OsVersion, Failure> {
        self.reg_query(host, CURRENT_VERSION_KEY)
            .map(|key| OsVersion::from_key(&key))
    }

    /// Make a registry change. `Ok(false)`: the value to delete was not there.
    pub(crate) fn reg_change(&self, change: &RegChange) -> Result<bool, Failure> {
        self.registry().change(self, change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_display_as_the_reg_exe_line_they_equal() {
        let key = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
        let set = RegChange {
            host: None,
            key,
            name: "autodisconnect".into(),
            action: RegAction::Set(RegData::Dword(u32::MAX)),
        };
        assert_eq!(
            set.to_string(),
            format!("reg add {key} /v autodisconnect /t REG_DWORD /d 0xffffffff /f")
        );
        let comment = RegChange {
            host: Some("FS01".parse().unwrap()),
            key,
            name: "srvcomment".into(),
            action: RegAction::Set(RegData::Sz("File server".into())),
        };
        assert_eq!(
            comment.to_string(),
            format!(r#"reg add \\FS01\{key} /v srvcomment /t REG_SZ /d "File server" /f"#)
        );
        let delete = RegChange {
            host: None,
            key,
            name: "AutoDisconnect".into(),
            action: RegAction::Delete,
        };
        assert_eq!(
            delete.to_string(),
            format!("reg delete {key} /v AutoDisconnect /f")
        );
    }

    #[test]
    fn the_api_is_chosen_on_windows_unless_lanman_reg_is_set() {
        assert_eq!(RegistryPath::choose(true), RegistryPath::RegExe);
        let unset = RegistryPath::choose(false);
        if cfg!(windows) {
            assert_eq!(unset, RegistryPath::Api);
        } else {
            // Off Windows there is no API: reg.exe's path says there is nothing to run.
            assert_eq!(unset, RegistryPath::RegExe);
        }
    }
}
