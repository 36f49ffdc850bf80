//! Every failure a user can act on, and its exit code.
//!
//! The table below is the contract documented in README.md ("Exit codes"); `tests/cli/docs.rs`
//! checks that the README table and [`Failure::exit_code`] agree.
//!
//! | exit | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | unexpected internal error |
//! | 2 | usage error (clap's own) |
//! | 3 | invalid value, rejected before anything ran |
//! | 4 | access denied |
//! | 5 | the Server or Workstation service is not running |
//! | 6 | net.exe / reg.exe missing, or failed in a way not listed here |
//! | 7 | output not understood |
//! | 8 | timed out |
//! | 9 | a change did not take (read back differs) |

use std::fmt;
use std::path::PathBuf;

/// The Windows services lanman talks to (FACTS.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Server,
    Workstation,
}

impl Service {
    /// The display name net.exe uses in its messages ("The Server service is not started.").
    pub fn display_name(self) -> &'static str {
        match self {
            Service::Server => "Server",
            Service::Workstation => "Workstation",
        }
    }

    /// The service key name (`net start lanmanserver`, registry key under `Services`).
    pub fn key_name(self) -> &'static str {
        match self {
            Service::Server => "LanmanServer",
            Service::Workstation => "LanmanWorkstation",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// A failure with a documented exit code. Each message is one line and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A value or argument was rejected; nothing ran (or the program itself rejected it
    /// before changing anything).
    #[error("{0}")]
    InvalidValue(String),

    /// `System error 5` / `ERROR: Access is denied.`
    #[error("access denied {doing}: {}", access_hint(*.changing))]
    AccessDenied { doing: String, changing: bool },

    /// net.exe reported (or prompted) that the service is stopped.
    #[error(
        "the {service} service is not running: start it with `net start {key}` (or `sc config {key} start= auto` so it starts at boot) and run lanman again",
        key = service.key_name()
    )]
    ServiceNotRunning { service: Service },

    /// The program to run does not exist at the resolved path.
    #[error("{program} not found at {}: {hint}", path.display())]
    ProgramMissing {
        program: &'static str,
        path: PathBuf,
        hint: &'static str,
    },

    /// No program can be resolved at all (not on Windows and no override).
    #[error(
        "{program} exists only on Windows: set {var} to the absolute path of a program to run instead, or read a saved output with `lanman parse`"
    )]
    NoSystemProgram {
        program: &'static str,
        var: &'static str,
    },

    /// `LANMAN_NET` / `LANMAN_REG` must be absolute (binary planting, README "Security").
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

    /// A write succeeded but reading the value back shows something else.
    #[error("{setting} did not take: asked for {wanted}, read back {found}")]
    ChangeDidNotTake {
        setting: String,
        wanted: String,
        found: String,
    },
}

fn access_hint(changing: bool) -> &'static str {
    if changing {
        "run lanman from an elevated command prompt (Run as administrator); in Group Policy use a computer Startup script, because logon scripts run as the user and cannot change server settings"
    } else {
        "run lanman from an elevated command prompt (Run as administrator)"
    }
}

impl Failure {
    /// The documented exit code. Exhaustive on purpose: a new variant needs a code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::InvalidValue(_) => 3,
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
        }
    }
}

/// Exit code for an unexpected error (a bug, or an I/O error lanman has no name for).
pub const INTERNAL_ERROR: u8 = 1;
/// Exit code clap uses for usage errors.
pub const USAGE_ERROR: u8 = 2;
