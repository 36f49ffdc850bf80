//! Every failure a user can act on, its exit code, and the one exit-code enum that `main`, the
//! help text and the README's table come from (`tests/cli/docs.rs` compares the README with
//! [`EXIT_CODES`]).

use std::path::PathBuf;

use serde::Serialize;

use crate::settings::Side;

/// The documented exit codes, the contract for batch files (`if errorlevel N`): the one list
/// that [`Failure::exit_code`], `main` and the tables use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Success = 0,
    /// A bug, or an I/O error lanman has no name for.
    Internal = 1,
    /// clap's own usage errors.
    Usage = 2,
    /// A rejected value, or an input file that cannot be read (also what `main` gives clap's
    /// value errors).
    InvalidValue = 3,
    AccessDenied = 4,
    ServiceNotRunning = 5,
    ProgramFailed = 6,
    NotUnderstood = 7,
    TimedOut = 8,
    DidNotTake = 9,
    ManagedByPolicy = 10,
}

impl Exit {
    /// Every code, in order.
    pub const ALL: [Exit; 11] = [
        Exit::Success,
        Exit::Internal,
        Exit::Usage,
        Exit::InvalidValue,
        Exit::AccessDenied,
        Exit::ServiceNotRunning,
        Exit::ProgramFailed,
        Exit::NotUnderstood,
        Exit::TimedOut,
        Exit::DidNotTake,
        Exit::ManagedByPolicy,
    ];

    pub const fn code(self) -> u8 {
        self as u8
    }

    /// A few words, for `--help`.
    pub const fn short(self) -> &'static str {
        match self {
            Exit::Success => "success",
            Exit::Internal => "internal error",
            Exit::Usage => "usage error",
            Exit::InvalidValue => "invalid value (nothing ran)",
            Exit::AccessDenied => "access denied",
            Exit::ServiceNotRunning => "service not running",
            Exit::ProgramFailed => "net.exe/reg.exe missing or failed",
            Exit::NotUnderstood => "output not understood",
            Exit::TimedOut => "timed out",
            Exit::DidNotTake => "a change did not take",
            Exit::ManagedByPolicy => "managed by Group Policy",
        }
    }

    /// The README's wording.
    pub const fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "success",
            Exit::Internal => "unexpected internal error, or the report could not be written",
            Exit::Usage => "usage error (clap's own)",
            Exit::InvalidValue => "invalid value, rejected before anything ran",
            Exit::AccessDenied => "access denied",
            Exit::ServiceNotRunning => "the Server or Workstation service is not running",
            Exit::ProgramFailed => {
                "net.exe / reg.exe missing, or it (or a registry call) failed in a way not listed here"
            }
            Exit::NotUnderstood => "output not understood",
            Exit::TimedOut => "timed out",
            Exit::DidNotTake => "a change did not take (read back differs)",
            Exit::ManagedByPolicy => {
                "managed by Group Policy: nothing was written (change it in the GPO, or --force)"
            }
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// The exit codes, in order (the README's table and `--help`).
pub const EXIT_CODES: &[Exit] = &Exit::ALL;

pub const SUCCESS: u8 = Exit::Success.code();
/// A bug, or an I/O error lanman has no name for.
pub const INTERNAL_ERROR: u8 = Exit::Internal.code();
/// clap's own usage errors.
pub const USAGE_ERROR: u8 = Exit::Usage.code();
/// A rejected value (also what `main` gives clap's value errors).
pub const INVALID_VALUE: u8 = Exit::InvalidValue.code();

/// `Exit codes: 0 success, 1 internal error, …` for `--help`.
pub fn exit_codes_help() -> String {
    let items: Vec<String> = EXIT_CODES
        .iter()
        .map(|e| format!("{} {}", e.code(), e.short()))
        .collect();
    format!("Exit codes: {}.", items.join(", "))
}

/// One documented `kind` of the JSON `error` member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorKind {
    pub kind: &'static str,
    pub exit_code: Exit,
    /// The README's wording.
    pub meaning: &'static str,
}

/// Every `kind` a `--json` document's `error` can have, in the README's order: clap's usage
/// errors, each [`Failure::kind`], and a panic. `tests/cli/docs.rs` checks the README's table
/// against this, and this against every `Failure`.
pub const ERROR_KINDS: &[ErrorKind] = &[
    ErrorKind {
        kind: USAGE_KIND,
        exit_code: Exit::Usage,
        meaning: "the command line could not be read (clap's own error): `error` is the only member",
    },
    ErrorKind {
        kind: "invalid_value",
        exit_code: Exit::InvalidValue,
        meaning: "a value or argument was refused before anything ran, or net.exe refused it",
    },
    ErrorKind {
        kind: "file",
        exit_code: Exit::InvalidValue,
        meaning: "an input file (`parse FILE`) cannot be read",
    },
    ErrorKind {
        kind: "access_denied",
        exit_code: Exit::AccessDenied,
        meaning: "access denied: an elevated prompt (or rights on the remote computer) is needed",
    },
    ErrorKind {
        kind: "remote_credentials",
        exit_code: Exit::AccessDenied,
        meaning: "the remote computer refused this account's credentials, or this logon session already connects to it as another user (Windows errors 1326, 1219)",
    },
    ErrorKind {
        kind: "service_not_running",
        exit_code: Exit::ServiceNotRunning,
        meaning: "the Server or Workstation service is not running",
    },
    ErrorKind {
        kind: "program_missing",
        exit_code: Exit::ProgramFailed,
        meaning: "net.exe, reg.exe or secedit.exe is not where lanman runs it from",
    },
    ErrorKind {
        kind: "no_system_program",
        exit_code: Exit::ProgramFailed,
        meaning: "not Windows, and no `LANMAN_NET` / `LANMAN_REG` / `LANMAN_SECEDIT` names a program",
    },
    ErrorKind {
        kind: "relative_override",
        exit_code: Exit::ProgramFailed,
        meaning: "`LANMAN_NET` / `LANMAN_REG` / `LANMAN_SECEDIT` is not an absolute path",
    },
    ErrorKind {
        kind: "program_failed",
        exit_code: Exit::ProgramFailed,
        meaning: "the program failed in a way lanman has no name for",
    },
    ErrorKind {
        kind: "remote_unreachable",
        exit_code: Exit::ProgramFailed,
        meaning: "the remote computer's registry cannot be reached",
    },
    ErrorKind {
        kind: "registry_failed",
        exit_code: Exit::ProgramFailed,
        meaning: "a registry call failed with a Windows error lanman has no name for (`net helpmsg N` explains it)",
    },
    ErrorKind {
        kind: "not_understood",
        exit_code: Exit::NotUnderstood,
        meaning: "the output is not one lanman can read",
    },
    ErrorKind {
        kind: "wrongly_typed",
        exit_code: Exit::NotUnderstood,
        meaning: "a registry value has another type than Windows expects (`set` replaces it, `reset` deletes it)",
    },
    ErrorKind {
        kind: "timed_out",
        exit_code: Exit::TimedOut,
        meaning: "a program did not finish within `--timeout`",
    },
    ErrorKind {
        kind: "change_did_not_take",
        exit_code: Exit::DidNotTake,
        meaning: "the value read back after the change differs",
    },
    ErrorKind {
        kind: "managed_by_policy",
        exit_code: Exit::ManagedByPolicy,
        meaning: "Group Policy sets the value: nothing was written",
    },
    ErrorKind {
        kind: "cannot_write",
        exit_code: Exit::Internal,
        meaning: "a file or folder lanman was told to write (`export --output`, `report --output`, `capture DIR`) could not be written",
    },
    ErrorKind {
        kind: INTERNAL_KIND,
        exit_code: Exit::Internal,
        meaning: "a bug in lanman (it says so on stderr): please report it",
    },
];

/// The `kind` of clap's own usage errors (exit 2).
pub const USAGE_KIND: &str = "usage";
/// The `kind` of a panic (exit 1).
pub const INTERNAL_KIND: &str = "internal";

/// A registry value of another type than Windows expects, as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongValue {
    pub name: String,
    /// The type found (`REG_SZ`).
    pub kind: String,
    /// The data as reg.exe shows it.
    pub data: String,
    pub expected: &'static str,
    /// The setting whose `set` / `reset` repairs it, when the reader knows it.
    pub setting: Option<&'static str>,
}

impl std::fmt::Display for WrongValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is a {} holding {:?} where Windows expects a {}",
            self.name, self.kind, self.data, self.expected
        )?;
        match self.setting {
            Some(s) => write!(
                f,
                "; Windows may ignore it: `lanman set {s} …` replaces it, `lanman reset {s}` deletes it"
            ),
            None => f.write_str("; `lanman set` replaces it and `lanman reset` deletes it"),
        }
    }
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

    /// A registry value of another type than Windows expects (a REG_SZ `KeepConn`): Windows
    /// may ignore it (docs/windows.md#registry-values).
    #[error("{0}")]
    WronglyTyped(Box<WrongValue>),

    /// A file lanman was asked to read (or write) cannot be.
    #[error("cannot {action} {path}: {detail}")]
    File {
        /// `read` or `write`.
        action: &'static str,
        path: String,
        detail: String,
    },

    /// Another computer refused this account's credentials for its registry (Win32 error 1326),
    /// or this logon session already uses other credentials there (1219)
    /// (docs/windows.md#win32-errors).
    #[error("{}", credentials_message(host, *code))]
    RemoteCredentials { host: String, code: u32 },

    /// A registry call failed with a Win32 error lanman has no better name for.
    #[error(
        "{doing} failed with Windows error {code} (`net helpmsg {code}` says what it means in this computer's language)"
    )]
    RegistryFailed { doing: String, code: u32 },

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

    /// A file or folder lanman was told to write (`export --output`, `report --output`,
    /// `capture DIR`) could not be written: the exit table's "the report could not be written".
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
            "you need administrator rights on {host}; run lanman as an account that has them, or run lanman on {host} itself"
        ),
        Denied::Saved => {
            "capture the output again from an elevated command prompt (Run as administrator)"
                .to_string()
        }
    }
}

fn credentials_message(host: &str, code: u32) -> String {
    if code == 1219 {
        format!(
            "this logon session already connects to {host} under another user name (Windows error 1219), and Windows allows one per server: disconnect those connections (`net use` lists them) or run lanman as that user"
        )
    } else {
        format!(
            "{host} refused this account's user name or password (Windows error {code}): run lanman as an account that has administrator rights on {host}, or run lanman on {host} itself"
        )
    }
}

impl Failure {
    /// The documented exit code. Exhaustive on purpose: a new variant needs a code.
    pub fn exit_code(&self) -> Exit {
        match self {
            Failure::InvalidValue(_) | Failure::File { .. } => Exit::InvalidValue,
            Failure::CannotWrite { .. } => Exit::Internal,
            Failure::AccessDenied { .. } | Failure::RemoteCredentials { .. } => Exit::AccessDenied,
            Failure::ServiceNotRunning { .. } => Exit::ServiceNotRunning,
            Failure::ProgramMissing { .. }
            | Failure::NoSystemProgram { .. }
            | Failure::RelativeOverride { .. }
            | Failure::ProgramFailed { .. }
            | Failure::RemoteUnreachable { .. }
            | Failure::RegistryFailed { .. } => Exit::ProgramFailed,
            Failure::NotUnderstood(_) | Failure::WronglyTyped(_) => Exit::NotUnderstood,
            Failure::TimedOut { .. } => Exit::TimedOut,
            Failure::ChangeDidNotTake { .. } => Exit::DidNotTake,
            Failure::ManagedByPolicy { .. } => Exit::ManagedByPolicy,
        }
    }

    /// `path`, which lanman was told to write, could not be written (or created, for a
    /// folder).
    pub fn cannot_write(path: &std::path::Path, error: &std::io::Error) -> Failure {
        Failure::CannotWrite {
            path: path.to_path_buf(),
            detail: error.to_string(),
        }
    }

    /// A wrongly typed registry value, as read (`setting`: the setting that repairs it).
    pub(crate) fn wrongly_typed(
        wrong: crate::parse::reg::WrongType,
        setting: Option<&'static str>,
    ) -> Failure {
        Failure::WronglyTyped(Box::new(WrongValue {
            kind: wrong.data.kind().to_string(),
            data: wrong.data.shown(),
            name: wrong.name,
            expected: wrong.expected,
            setting,
        }))
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
            Failure::WronglyTyped(_) => "wrongly_typed",
            Failure::File { .. } => "file",
            Failure::RemoteCredentials { .. } => "remote_credentials",
            Failure::RegistryFailed { .. } => "registry_failed",
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
            | Failure::RemoteCredentials { .. }
            | Failure::WronglyTyped(_)
            | Failure::File { .. }
            | Failure::ManagedByPolicy { .. }
            | Failure::CannotWrite { .. } => true,
            Failure::TimedOut { .. }
            | Failure::ProgramFailed { .. }
            | Failure::RegistryFailed { .. }
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
    pub fn exit_code(&self) -> Exit {
        match self {
            Error::Failed { failure, .. } => failure.exit_code(),
            Error::Output(_) => Exit::Internal,
        }
    }

    /// The `error` member of a `--json` document.
    pub fn json(&self) -> ErrorJson {
        ErrorJson {
            exit_code: self.exit_code().code(),
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
        let codes: Vec<u8> = EXIT_CODES.iter().map(|e| e.code()).collect();
        let expected: Vec<u8> = (0..u8::try_from(EXIT_CODES.len()).unwrap()).collect();
        assert_eq!(codes, expected);
        for code in [SUCCESS, INTERNAL_ERROR, USAGE_ERROR, INVALID_VALUE] {
            assert!(EXIT_CODES.iter().any(|e| e.code() == code));
        }
    }

    /// Scripts branch on these: a new failure kind keeps the exit code of what it replaced.
    #[test]
    fn new_failure_kinds_keep_the_old_exit_codes() {
        let wrong = Failure::WronglyTyped(Box::new(WrongValue {
            name: "KeepConn".into(),
            kind: "REG_SZ".into(),
            data: "600".into(),
            expected: "REG_DWORD",
            setting: Some("keepconn"),
        }));
        assert_eq!(
            (wrong.exit_code().code(), wrong.kind()),
            (7, "wrongly_typed")
        );
        assert_eq!(
            wrong.to_string(),
            "KeepConn is a REG_SZ holding \"600\" where Windows expects a REG_DWORD; Windows may ignore it: `lanman set keepconn …` replaces it, `lanman reset keepconn` deletes it"
        );
        let file = Failure::File {
            action: "read",
            path: "x.txt".into(),
            detail: "not found".into(),
        };
        assert_eq!((file.exit_code().code(), file.kind()), (3, "file"));
        for code in [1219, 1326] {
            let creds = Failure::RemoteCredentials {
                host: "FS01".into(),
                code,
            };
            assert_eq!(creds.exit_code(), Exit::AccessDenied);
            assert!(creds.to_string().contains(&format!("Windows error {code}")));
        }
        let other = Failure::RegistryFailed {
            doing: "reading HKLM\\X".into(),
            code: 1450,
        };
        assert_eq!(other.exit_code(), Exit::ProgramFailed);
        assert!(other.to_string().contains("`net helpmsg 1450`"));
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
