//! Every failure a user can act on, its exit code, and the one exit-code table that `main`,
//! the help text and the README's table come from (`tests/cli/docs.rs` compares the README
//! with [`EXIT_CODES`]).

use std::path::PathBuf;

use serde::Serialize;

use crate::settings::Side;

/// One documented exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitCode {
    pub code: u8,
    /// A few words, for `--help`.
    pub short: &'static str,
    /// The README's wording.
    pub meaning: &'static str,
}

const fn exit(code: u8, short: &'static str, meaning: &'static str) -> ExitCode {
    ExitCode {
        code,
        short,
        meaning,
    }
}

/// The exit codes, the contract for batch files (`if errorlevel N`).
pub const EXIT_CODES: &[ExitCode] = &[
    exit(0, "success", "success"),
    exit(
        1,
        "internal error",
        "unexpected internal error, or the report could not be written",
    ),
    exit(2, "usage error", "usage error (clap's own)"),
    exit(
        3,
        "invalid value (nothing ran)",
        "invalid value, rejected before anything ran",
    ),
    exit(4, "access denied", "access denied"),
    exit(
        5,
        "service not running",
        "the Server or Workstation service is not running",
    ),
    exit(
        6,
        "net.exe/reg.exe missing or failed",
        "net.exe / reg.exe missing, or failed in a way not listed here",
    ),
    exit(7, "output not understood", "output not understood"),
    exit(8, "timed out", "timed out"),
    exit(
        9,
        "a change did not take",
        "a change did not take (read back differs)",
    ),
    exit(
        10,
        "managed by Group Policy",
        "managed by Group Policy: nothing was written (change it in the GPO, or --force)",
    ),
];

pub const SUCCESS: u8 = 0;
/// A bug, or an I/O error lanman has no name for.
pub const INTERNAL_ERROR: u8 = 1;
/// clap's own usage errors.
pub const USAGE_ERROR: u8 = 2;
/// A rejected value (also what `main` gives clap's value errors).
pub const INVALID_VALUE: u8 = 3;

/// `Exit codes: 0 success, 1 internal error, …` for `--help`.
pub fn exit_codes_help() -> String {
    let items: Vec<String> = EXIT_CODES
        .iter()
        .map(|e| format!("{} {}", e.code, e.short))
        .collect();
    format!("Exit codes: {}.", items.join(", "))
}

/// Who was refused, for the advice an access-denied message gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Reading this computer's settings.
    Reading,
    /// Changing this computer's settings.
    Changing,
    /// Anything on another computer (remote registry).
    Remote(String),
    /// A saved output that holds net.exe's access-denied message.
    Saved,
}

/// A failure with a documented exit code. Each message is one line and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A value or argument was rejected; nothing ran (or the program itself rejected it
    /// before changing anything).
    #[error("{0}")]
    InvalidValue(String),

    /// `System error 5` / `ERROR: Access is denied.`
    #[error("access denied {doing}: {}", access_hint(who))]
    AccessDenied { doing: String, who: Denied },

    /// net.exe reported (or prompted) that the service is stopped.
    #[error(
        "the {service} service is not running: start it with `net start {key}` (or `sc config {key} start= auto` so it starts at boot) and run lanman again",
        service = side.service(),
        key = side.service_key()
    )]
    ServiceNotRunning { side: Side },

    /// The program to run does not exist at the resolved path.
    #[error("{program} not found at {}: {hint}", path.display())]
    ProgramMissing {
        program: &'static str,
        path: PathBuf,
        hint: String,
    },

    /// No program can be resolved at all (not on Windows and no override).
    #[error(
        "{program} exists only on Windows: set {var} to the absolute path of a program to run instead{}",
        if *program == "net.exe" { ", or read a saved output with `lanman parse`" } else { "" }
    )]
    NoSystemProgram {
        program: &'static str,
        var: &'static str,
    },

    /// `LANMAN_NET` / `LANMAN_REG` must be absolute (docs/windows.md#executables).
    #[error(
        "{var} must be an absolute path (got {value:?}); a relative name could run a planted program"
    )]
    RelativeOverride { var: &'static str, value: String },

    /// The program ran and failed in a way lanman has no better name for.
    #[error("{program} failed ({status}): {detail}")]
    ProgramFailed {
        program: String,
        status: String,
        detail: String,
    },

    /// reg.exe could not reach a remote machine's registry.
    #[error(
        "cannot reach the registry of {host}: {detail}; check that the host is up, that the Remote Registry service runs there (`sc \\\\{host} start RemoteRegistry`) and that the firewall allows it"
    )]
    RemoteUnreachable { host: String, detail: String },

    /// The program's output is not what lanman expects.
    #[error("output not understood: {0}")]
    NotUnderstood(String),

    /// The child did not finish before `--timeout`.
    #[error(
        "{program} did not finish within {seconds} s and was stopped; raise --timeout if the machine is slow"
    )]
    TimedOut { program: String, seconds: u64 },

    /// Group Policy defines the value: a local change would revert.
    #[error(
        "Group Policy sets {setting} to {value}, so a local change would revert when security policy is next applied: change it in the GPO (`lanman export --format inf` prints the line), or pass --force to write it anyway"
    )]
    ManagedByPolicy { setting: String, value: String },

    /// A file lanman was asked to write (`export --output`) could not be written: the
    /// exit table's "the report could not be written".
    #[error("cannot write {}: {detail}", path.display())]
    CannotWrite { path: PathBuf, detail: String },

    /// A write succeeded but reading the value back shows something else.
    #[error("{setting} did not take: asked for {wanted}, read back {found}")]
    ChangeDidNotTake {
        setting: String,
        wanted: String,
        found: String,
    },
}

fn access_hint(who: &Denied) -> String {
    match who {
        Denied::Reading => {
            "run lanman from an elevated command prompt (Run as administrator)".to_string()
        }
        Denied::Changing => "run lanman from an elevated command prompt (Run as administrator); in Group Policy use a computer Startup script, because logon scripts run as the user and cannot change computer-wide settings".to_string(),
        Denied::Remote(host) => format!(
            "you need administrator rights on {host}; run lanman as an account that has them"
        ),
        Denied::Saved => {
            "capture the output again from an elevated command prompt (Run as administrator)"
                .to_string()
        }
    }
}

impl Failure {
    /// The documented exit code. Exhaustive on purpose: a new variant needs a code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::InvalidValue(_) => INVALID_VALUE,
            Failure::CannotWrite { .. } => INTERNAL_ERROR,
            Failure::AccessDenied { .. } => 4,
            Failure::ServiceNotRunning { .. } => 5,
            Failure::ProgramMissing { .. }
            | Failure::NoSystemProgram { .. }
            | Failure::RelativeOverride { .. }
            | Failure::ProgramFailed { .. }
            | Failure::RemoteUnreachable { .. } => 6,
            Failure::NotUnderstood(_) => 7,
            Failure::TimedOut { .. } => 8,
            Failure::ChangeDidNotTake { .. } => 9,
            Failure::ManagedByPolicy { .. } => 10,
        }
    }

    /// The JSON `kind` of the error object: which failure, finer than the exit code.
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::InvalidValue(_) => "invalid_value",
            Failure::CannotWrite { .. } => "cannot_write",
            Failure::AccessDenied { .. } => "access_denied",
            Failure::ServiceNotRunning { .. } => "service_not_running",
            Failure::ProgramMissing { .. } => "program_missing",
            Failure::NoSystemProgram { .. } => "no_system_program",
            Failure::RelativeOverride { .. } => "relative_override",
            Failure::ProgramFailed { .. } => "program_failed",
            Failure::RemoteUnreachable { .. } => "remote_unreachable",
            Failure::NotUnderstood(_) => "not_understood",
            Failure::TimedOut { .. } => "timed_out",
            Failure::ChangeDidNotTake { .. } => "change_did_not_take",
            Failure::ManagedByPolicy { .. } => "managed_by_policy",
        }
    }

    /// Whether the failure happened before anything could have been written.
    pub fn before_any_write(&self) -> bool {
        match self {
            Failure::AccessDenied { .. }
            | Failure::InvalidValue(_)
            | Failure::ServiceNotRunning { .. }
            | Failure::ProgramMissing { .. }
            | Failure::NoSystemProgram { .. }
            | Failure::RelativeOverride { .. }
            | Failure::RemoteUnreachable { .. }
            | Failure::ManagedByPolicy { .. }
            | Failure::CannotWrite { .. } => true,
            Failure::TimedOut { .. }
            | Failure::ProgramFailed { .. }
            | Failure::NotUnderstood(_)
            | Failure::ChangeDidNotTake { .. } => false,
        }
    }
}

/// The `error` member of a `--json` document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorJson {
    pub exit_code: u8,
    pub kind: &'static str,
    pub message: String,
}

/// Why a command failed: a failure a user can act on, with what lanman adds about the state
/// of the machine, or a report that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{failure}{}", state.as_ref().map(|s| format!("; {s}")).unwrap_or_default())]
    Failed {
        // Not a `#[source]`: the message above already holds it, and `--verbose`'s report
        // would print it twice.
        failure: Failure,
        /// What state the machine is in after it (`nothing was changed: …`).
        state: Option<String>,
    },
    /// stdout or stderr could not be written (a full disk, a closed pipe).
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Self {
        Error::Failed {
            failure,
            state: None,
        }
    }
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Failed { failure, .. } => failure.exit_code(),
            Error::Output(_) => INTERNAL_ERROR,
        }
    }

    /// The `error` member of a `--json` document.
    pub fn json(&self) -> ErrorJson {
        ErrorJson {
            exit_code: self.exit_code(),
            kind: match self {
                Error::Failed { failure, .. } => failure.kind(),
                Error::Output(_) => "output",
            },
            message: self.to_string(),
        }
    }

    /// A closed stdout (`lanman get x | findstr /b 1` ending early) is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete_and_in_order() {
        let codes: Vec<u8> = EXIT_CODES.iter().map(|e| e.code).collect();
        let expected: Vec<u8> = (0..u8::try_from(EXIT_CODES.len()).unwrap()).collect();
        assert_eq!(codes, expected);
        for code in [SUCCESS, INTERNAL_ERROR, USAGE_ERROR, INVALID_VALUE] {
            assert!(EXIT_CODES.iter().any(|e| e.code == code));
        }
    }

    #[test]
    fn every_failure_code_is_in_the_table() {
        let samples = [
            Failure::InvalidValue(String::new()),
            Failure::AccessDenied {
                doing: String::new(),
                who: Denied::Reading,
            },
            Failure::ServiceNotRunning { side: Side::Server },
            Failure::NotUnderstood(String::new()),
            Failure::TimedOut {
                program: String::new(),
                seconds: 1,
            },
            Failure::ChangeDidNotTake {
                setting: String::new(),
                wanted: String::new(),
                found: String::new(),
            },
            Failure::RemoteUnreachable {
                host: String::new(),
                detail: String::new(),
            },
            Failure::ManagedByPolicy {
                setting: String::new(),
                value: String::new(),
            },
            Failure::CannotWrite {
                path: PathBuf::new(),
                detail: String::new(),
            },
        ];
        for failure in samples {
            assert!(
                EXIT_CODES.iter().any(|e| e.code == failure.exit_code()),
                "{failure:?}"
            );
        }
    }

    #[test]
    fn access_advice_fits_who_was_refused() {
        let denied = |who| {
            Failure::AccessDenied {
                doing: "x".to_string(),
                who,
            }
            .to_string()
        };
        assert!(denied(Denied::Changing).contains("computer Startup script"));
        assert!(!denied(Denied::Changing).contains("server settings"));
        assert!(!denied(Denied::Reading).contains("Startup script"));
        assert!(denied(Denied::Remote("FS01".into())).contains("administrator rights on FS01"));
    }
}
