//! The registry through reg.exe (or the program `LANMAN_REG` names): `reg query` of a whole
//! key (so an absent value is told apart from an error without reading reg's localized
//! messages), `reg add … /f` and `reg delete … /f`, on this computer or, in the remote form
//! `\\HOST\HKLM\…`, on another (docs/windows.md#reg-exe). Its failures are recognised by
//! reg.exe's English texts; in another display language they are reg's own words (exit 6).

use super::super::{Machine, Text, first_line, status_text};
use super::{RegAction, RegChange, Registry};
use crate::error::{Denied, Failure};
use crate::exec::{Captured, Invocation, OUTPUT_CAP, Program};
use crate::parse::reg::{RegFailure, RegKey, classify_reg_failure, parse_reg_query};
use crate::settings::Host;

/// The key path, in reg.exe's remote form `\\HOST\HKLM\…` for another computer.
pub(crate) fn key_path(host: Option<&Host>, key: &str) -> String {
    match host {
        Some(host) => format!("\\\\{}\\{key}", host.name()),
        None => key.to_string(),
    }
}

/// `reg query KEY`
pub(crate) fn query_invocation(host: Option<&Host>, key: &str) -> Invocation {
    Invocation::read(
        Program::Reg,
        "reading the registry",
        ["query".to_string(), key_path(host, key)],
    )
}

/// `reg add KEY /v NAME /t TYPE /d DATA /f` (`/f`: never prompt to overwrite).
pub(crate) fn add_invocation(
    host: Option<&Host>,
    key: &str,
    name: &str,
    kind: &str,
    data: &str,
) -> Invocation {
    Invocation::change(
        Program::Reg,
        "changing the registry",
        [
            "add".to_string(),
            key_path(host, key),
            "/v".to_string(),
            name.to_string(),
            "/t".to_string(),
            kind.to_string(),
            "/d".to_string(),
            data.to_string(),
            "/f".to_string(),
        ],
    )
}

/// `reg delete KEY /v NAME /f`
pub(crate) fn delete_invocation(host: Option<&Host>, key: &str, name: &str) -> Invocation {
    Invocation::change(
        Program::Reg,
        "changing the registry",
        [
            "delete".to_string(),
            key_path(host, key),
            "/v".to_string(),
            name.to_string(),
            "/f".to_string(),
        ],
    )
}

/// reg.exe's path.
pub(super) struct RegExe;

impl Registry for RegExe {
    fn read_keys(
        &self,
        machine: &Machine,
        host: Option<&Host>,
        keys: &[&str],
    ) -> Result<Vec<RegKey>, Failure> {
        if let [key] = keys {
            return Ok(vec![machine.reg_exe_query(host, key)?]);
        }
        // One query per key, all at once; each child has its own deadline, and is killed at
        // it, so joining never waits longer than `--timeout`.
        std::thread::scope(|scope| {
            let handles: Vec<_> = keys
                .iter()
                .map(|key| scope.spawn(move || machine.reg_exe_query(host, key)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    }

    fn change(&self, machine: &Machine, change: &RegChange) -> Result<bool, Failure> {
        if let RegAction::Set(data) = &change.action {
            // Refused before reg add runs, as the API path refuses it.
            super::to_write(data)?;
        }
        let invocation = change.invocation();
        let captured = machine.run(&invocation)?;
        match machine.check_reg(&invocation, &captured, change.host.as_ref()) {
            Ok(_) => Ok(true),
            Err(RegError::NotFound) => Ok(false),
            Err(RegError::Failure(f)) => Err(f),
        }
    }
}

enum RegError {
    NotFound,
    Failure(Failure),
}

impl Machine {
    /// `reg query KEY`: its values. A key that does not exist has no values.
    fn reg_exe_query(&self, host: Option<&Host>, key: &str) -> Result<RegKey, Failure> {
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
        let changing = invocation.purpose.changes();
        Err(match classify_reg_failure(&both) {
            Some(RegFailure::NotFound) => RegError::NotFound,
            Some(RegFailure::AccessDenied) => RegError::Failure(Failure::AccessDenied {
                doing: format!("{} (`{invocation}`)", invocation.purpose.doing()),
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
