//! Reading (and writing) the running system: every call of net.exe, every registry read and
//! write goes through here and comes back as a typed result or a typed [`Failure`]. Commands
//! never see a child process, its bytes or its exit status, nor which registry path answered.
//!
//! - `deadline`: calls without a timeout of their own, not waited for past `--timeout`;
//! - `dfs`: the DFS client's target for a domain DFS path;
//! - `events`: `wevtutil qe` on the SMB client, power and network event logs;
//! - `net`: `net config server|workstation` and `net config server /switch:value`;
//! - `registry`: registry keys read and values written, locally or on another computer,
//!   through the Win32 API or reg.exe;
//! - `probe`: several reads at once, each with its own deadline;
//! - `sessions`: `net session`, `net statistics`, and this server's configured idle values;
//! - `capture`: the raw bytes of every command lanman reads, for `lanman capture`.
//! - `reports`: the files `lanman report` reads (folders, links, sizes).

pub(crate) mod capture;
mod deadline;
pub(crate) mod dfs;
pub(crate) mod events;
pub(crate) mod logon;
pub(crate) mod net;
pub(crate) mod policy;
pub(crate) mod probe;
pub(crate) mod registry;
pub(crate) mod reports;
pub(crate) mod sessions;

use crate::decode::{self, Encoding};
use crate::exec::{Captured, Exec, Invocation};
use crate::text::sanitize;
use registry::RegistryPath;

/// The machine lanman runs on, as net.exe and the registry show it.
#[derive(Debug)]
pub struct Machine {
    exec: Exec,
    /// The code page net.exe's piped output is in (`GetOEMCP()` on Windows).
    oem_code_page: u16,
    /// How the registry is read and written (docs/windows.md#registry-paths).
    registry_path: RegistryPath,
}

/// Decoded output of a child.
pub(crate) struct Text {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// Some bytes could not be decoded.
    pub(crate) lossy: bool,
}

impl Machine {
    pub fn new(exec: Exec, oem_code_page: u16) -> Machine {
        Machine {
            registry_path: RegistryPath::choose(exec.reg_overridden()),
            exec,
            oem_code_page,
        }
    }

    pub(crate) fn oem_code_page(&self) -> u16 {
        self.oem_code_page
    }

    /// The absolute path of a program lanman would run, or why there is none.
    fn resolve(
        &self,
        program: crate::exec::Program,
    ) -> Result<std::path::PathBuf, crate::error::Failure> {
        self.exec.resolve(program)
    }

    /// Run to completion (or this run's own deadline: `--timeout` from its start).
    fn run(&self, invocation: &Invocation) -> Result<Captured, crate::error::Failure> {
        self.exec.run(invocation)
    }

    fn decode(&self, captured: &Captured) -> Text {
        let out = decode::decode(&captured.stdout, Encoding::Auto, self.oem_code_page);
        let err = decode::decode(&captured.stderr, Encoding::Auto, self.oem_code_page);
        Text {
            lossy: out.lossy || err.lossy,
            stdout: out.text,
            stderr: err.text,
        }
    }

    /// `--timeout`: how long any one read may take.
    pub(crate) fn timeout(&self) -> std::time::Duration {
        self.exec.timeout()
    }

    /// `--timeout` in whole seconds, for messages.
    fn timeout_seconds(&self) -> u64 {
        self.exec.timeout().as_secs()
    }
}

fn status_text(captured: &Captured) -> String {
    match captured.status {
        Some(code) => format!("exit status {code}"),
        None => "killed".to_string(),
    }
}

/// The first non-empty line of stderr, else of stdout: what the program said.
fn first_line(text: &Text) -> String {
    let line = text
        .stderr
        .lines()
        .chain(text.stdout.lines())
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it printed nothing");
    sanitize(line)
}
