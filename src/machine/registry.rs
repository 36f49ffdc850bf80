//! reg.exe as lanman uses it: `reg query` of a whole key (so an absent value is told apart
//! from an error without reading reg's localized messages), `reg add … /f` and
//! `reg delete … /f`, on this computer or, in the remote form `\\HOST\HKLM\…`, on another
//! (docs/windows.md#reg-exe).

use super::{Machine, Text, first_line, status_text};
use crate::error::{Denied, Failure};
use crate::exec::{Captured, Invocation, OUTPUT_CAP, Program};
use crate::parse::os_version::OsVersion;
use crate::parse::reg::{RegFailure, RegKey, classify_reg_failure, parse_reg_query};
use crate::settings::Host;
use crate::settings::catalogue::RegType;

/// The key path, in reg.exe's remote form `\\HOST\HKLM\…` for another computer.
pub(crate) fn key_path(host: Option<&Host>, key: &str) -> String {
    match host {
        Some(host) => format!("\\\\{}\\{key}", host.name()),
        None => key.to_string(),
    }
}

/// `reg query KEY`
pub(crate) fn query_invocation(host: Option<&Host>, key: &str) -> Invocation {
    Invocation::new(Program::Reg, ["query".to_string(), key_path(host, key)])
}

/// `reg add KEY /v NAME /t TYPE /d DATA /f` (`/f`: never prompt to overwrite). A DWORD of
/// 0xFFFFFFFF is written in hex, as Microsoft's articles type it; others in decimal.
pub(crate) fn add_invocation(
    host: Option<&Host>,
    key: &str,
    name: &str,
    kind: RegType,
    data: &str,
) -> Invocation {
    Invocation::new(
        Program::Reg,
        [
            "add".to_string(),
            key_path(host, key),
            "/v".to_string(),
            name.to_string(),
            "/t".to_string(),
            kind.name().to_string(),
            "/d".to_string(),
            data.to_string(),
            "/f".to_string(),
        ],
    )
}

/// The `/d` data of a REG_DWORD.
pub(crate) fn dword_data(data: u32) -> String {
    if data == u32::MAX {
        "0xffffffff".to_string()
    } else {
        data.to_string()
    }
}

/// `reg delete KEY /v NAME /f`
pub(crate) fn delete_invocation(host: Option<&Host>, key: &str, name: &str) -> Invocation {
    Invocation::new(
        Program::Reg,
        [
            "delete".to_string(),
            key_path(host, key),
            "/v".to_string(),
            name.to_string(),
            "/f".to_string(),
        ],
    )
}

enum RegError {
    NotFound,
    Failure(Failure),
}

impl Machine {
    /// `reg query KEY`: its values. A key that does not exist has no values.
    pub(crate) fn reg_query(&self, host: Option<&Host>, key: &str) -> Result<RegKey, Failure> {
        let invocation = query_invocation(host, key);
        let captured = self.run(&invocation)?;
        match self.check_reg(&invocation, &captured, host) {
            // reg.exe always echoes the key it lists; without it the output is not a listing.
            Ok(text) => match parse_reg_query(&text.stdout) {
                listing if listing.path.is_some() => Ok(listing),
                _ => Err(Failure::NotUnderstood(format!(
                    "`{invocation}` printed no registry key listing"
                ))),
            },
            Err(RegError::NotFound) => Ok(RegKey::default()),
            Err(RegError::Failure(f)) => Err(f),
        }
    }

    /// Run a reg.exe change (`add` / `delete`). `Ok(false)`: the value was not there.
    pub(crate) fn reg_change(
        &self,
        invocation: &Invocation,
        host: Option<&Host>,
    ) -> Result<bool, Failure> {
        let captured = self.run(invocation)?;
        match self.check_reg(invocation, &captured, host) {
            Ok(_) => Ok(true),
            Err(RegError::NotFound) => Ok(false),
            Err(RegError::Failure(f)) => Err(f),
        }
    }

    fn check_reg(
        &self,
        invocation: &Invocation,
        captured: &Captured,
        host: Option<&Host>,
    ) -> Result<Text, RegError> {
        let text = self.decode(captured);
        if captured.timed_out {
            return Err(RegError::Failure(Failure::TimedOut {
                program: format!("`{invocation}`"),
                seconds: self.timeout_seconds(),
            }));
        }
        if captured.status == Some(0) && !captured.overflowed {
            return Ok(text);
        }
        let both = format!("{}\n{}", text.stderr, text.stdout);
        let changing = invocation.args.first().is_some_and(|op| op != "query");
        Err(match classify_reg_failure(&both) {
            Some(RegFailure::NotFound) => RegError::NotFound,
            Some(RegFailure::AccessDenied) => RegError::Failure(Failure::AccessDenied {
                doing: format!(
                    "{} (`{invocation}`)",
                    if changing {
                        "changing the registry"
                    } else {
                        "reading the registry"
                    }
                ),
                who: match (host, changing) {
                    (Some(host), _) => Denied::Remote(host.name().to_string()),
                    (None, true) => Denied::Changing,
                    (None, false) => Denied::Reading,
                },
            }),
            Some(RegFailure::Unreachable(detail)) => RegError::Failure(match host {
                Some(host) => Failure::RemoteUnreachable {
                    host: host.name().to_string(),
                    detail: detail.trim_end_matches('.').to_string(),
                },
                None => Failure::ProgramFailed {
                    program: format!("`{invocation}`"),
                    status: status_text(captured),
                    detail,
                },
            }),
            None if captured.overflowed => RegError::Failure(Failure::NotUnderstood(format!(
                "`{invocation}` printed more than {} MiB",
                OUTPUT_CAP >> 20
            ))),
            None => RegError::Failure(Failure::ProgramFailed {
                program: format!("`{invocation}`"),
                status: status_text(captured),
                detail: first_line(&text),
            }),
        })
    }
}

/// Where Windows keeps its version (docs/windows.md#windows-build).
pub(crate) const CURRENT_VERSION_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";

impl Machine {
    /// The Windows version of `host` (this computer when `None`).
    pub(crate) fn os_version(&self, host: Option<&Host>) -> Result<OsVersion, Failure> {
        self.reg_query(host, CURRENT_VERSION_KEY)
            .map(|key| OsVersion::from_key(&key))
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
        // reg.exe: one query per key, all at once; each child has its own deadline.
        std::thread::scope(|scope| {
            let handles: Vec<_> = keys
                .iter()
                .map(|key| scope.spawn(move || self.reg_query(host, key)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    }
}
