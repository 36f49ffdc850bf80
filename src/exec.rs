//! The only place lanman starts a child process.
//!
//! Decided once, here, for every child:
//! - **Which program.** `LANMAN_NET` / `LANMAN_REG` / `LANMAN_SECEDIT` / `LANMAN_WEVTUTIL` /
//!   `LANMAN_POWERSHELL` if set (an absolute path only), otherwise on Windows the system
//!   directory's `net.exe` / `reg.exe` / `secedit.exe` / `wevtutil.exe` /
//!   `WindowsPowerShell\v1.0\powershell.exe` by absolute path. Never a bare name:
//!   `CreateProcess` and Rust's std search the application's own directory before System32
//!   (rust-lang/rust#87945), so a `net.exe` planted next to a logon script would run as the
//!   administrator. Elsewhere, without an override, there is nothing to run (exit 6).
//! - **stdin is closed.** net prompts `Is it OK to start it? (Y/N) [Y]:` when the service is
//!   stopped (docs/windows.md#service-prompt); with stdin at end-of-file it cannot wait for an
//!   answer there.
//!   Whether it reads the console instead is unverified, so the deadline below still applies.
//! - **Every wait has a deadline.** At the deadline the child is killed and lanman stops
//!   waiting, even on pipes a grandchild still holds (net.exe hands work to net1.exe; duct's
//!   `kill` only reaches the direct child). On Windows lanman runs in a kill-on-close job
//!   object (`sys::contain_child_processes`), so the whole tree ends when lanman does.
//! - **Output is bounded.** At most [`OUTPUT_CAP`] bytes per stream are kept; the rest is read
//!   and dropped so a chatty child cannot block or exhaust memory.

use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::error::Failure;

/// Bytes kept per output stream. `net config` prints about 1 KiB.
pub(crate) const OUTPUT_CAP: usize = 1 << 20;

/// The programs lanman runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Program {
    Net,
    Reg,
    Secedit,
    Wevtutil,
    /// Windows PowerShell, for `Get-SmbConnection` (doctor; docs/windows.md#get-smbconnection).
    PowerShell,
}

impl Program {
    pub(crate) fn exe_name(self) -> &'static str {
        match self {
            Program::Net => "net.exe",
            Program::Reg => "reg.exe",
            Program::Secedit => "secedit.exe",
            Program::Wevtutil => "wevtutil.exe",
            Program::PowerShell => "powershell.exe",
        }
    }

    /// Where the program lives under the system directory.
    fn system_path(self) -> &'static str {
        match self {
            Program::PowerShell => "WindowsPowerShell\\v1.0\\powershell.exe",
            other => other.exe_name(),
        }
    }

    /// The environment variable that overrides the program.
    pub(crate) fn env_var(self) -> &'static str {
        match self {
            Program::Net => "LANMAN_NET",
            Program::Reg => "LANMAN_REG",
            Program::Secedit => "LANMAN_SECEDIT",
            Program::Wevtutil => "LANMAN_WEVTUTIL",
            Program::PowerShell => "LANMAN_POWERSHELL",
        }
    }

    fn short_name(self) -> &'static str {
        match self {
            Program::Net => "net",
            Program::Reg => "reg",
            Program::Secedit => "secedit",
            Program::Wevtutil => "wevtutil",
            Program::PowerShell => "powershell",
        }
    }
}

/// Program overrides, read from the environment once at start-up.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub(crate) net: Option<OsString>,
    pub(crate) reg: Option<OsString>,
    pub(crate) secedit: Option<OsString>,
    pub(crate) wevtutil: Option<OsString>,
    pub(crate) powershell: Option<OsString>,
}

impl Overrides {
    pub fn from_env() -> Overrides {
        let read = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty());
        Overrides {
            net: read(Program::Net.env_var()),
            reg: read(Program::Reg.env_var()),
            secedit: read(Program::Secedit.env_var()),
            wevtutil: read(Program::Wevtutil.env_var()),
            powershell: read(Program::PowerShell.env_var()),
        }
    }
}

/// A command line lanman wants to run: the program and its exact arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Invocation {
    pub(crate) program: Program,
    pub(crate) args: Vec<String>,
}

impl Invocation {
    pub(crate) fn new(program: Program, args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Invocation {
            program,
            args: args.into_iter().map(Into::into).collect(),
        }
    }
}

/// As a person would type it at a command prompt.
impl fmt::Display for Invocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.program.short_name())?;
        for arg in &self.args {
            write!(f, " {}", command_line_arg(arg))?;
        }
        Ok(())
    }
}

/// One argument as it is typed at a Windows command prompt, which is also how lanman passes it
/// to the child on Windows. `/srvcomment:"two words"` is the form net's own help documents, so
/// a switch keeps its name outside the quotes. Backslashes before a closing quote are doubled,
/// as the Microsoft C runtime's argument rules require. Values with a `"` never get here
/// (`ServerComment` refuses them).
pub(crate) fn command_line_arg(arg: &str) -> String {
    if !arg.is_empty() && !arg.contains([' ', '\t', '"']) {
        return arg.to_string();
    }
    let quote = |text: &str| {
        let trailing = text.len() - text.trim_end_matches('\\').len();
        format!("\"{text}{}\"", "\\".repeat(trailing))
    };
    match arg.split_once(':') {
        Some((switch, value)) if switch.starts_with('/') && !switch.contains([' ', '\t', '"']) => {
            format!("{switch}:{}", quote(value))
        }
        _ => quote(arg),
    }
}

/// What a child printed and how it ended.
#[derive(Clone, Debug, Default)]
pub(crate) struct Captured {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    /// Exit status; `None` when it was killed or ended by a signal.
    pub(crate) status: Option<i32>,
    /// Stopped at the deadline (the output is what it printed until then).
    pub(crate) timed_out: bool,
    /// More than [`OUTPUT_CAP`] bytes on a stream.
    pub(crate) overflowed: bool,
}

/// Runs programs with one timeout.
#[derive(Clone, Debug)]
pub struct Exec {
    overrides: Overrides,
    timeout: Duration,
    verbose: bool,
}

impl Exec {
    pub fn new(overrides: Overrides, timeout: Duration, verbose: bool) -> Exec {
        Exec {
            overrides,
            timeout,
            verbose,
        }
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The absolute path of the program to run.
    pub(crate) fn resolve(&self, program: Program) -> Result<PathBuf, Failure> {
        let chosen = match program {
            Program::Net => &self.overrides.net,
            Program::Reg => &self.overrides.reg,
            Program::Secedit => &self.overrides.secedit,
            Program::Wevtutil => &self.overrides.wevtutil,
            Program::PowerShell => &self.overrides.powershell,
        };
        if let Some(value) = chosen {
            let path = PathBuf::from(value);
            if !path.is_absolute() {
                return Err(Failure::RelativeOverride {
                    var: program.env_var(),
                    value: value.to_string_lossy().into_owned(),
                });
            }
            if !path.is_file() {
                return Err(Failure::ProgramMissing {
                    program: program.exe_name(),
                    path,
                    hint: format!(
                        "check {}, which must name the program file",
                        program.env_var()
                    ),
                });
            }
            return Ok(path);
        }
        match crate::sys::system_directory() {
            Some(dir) => {
                let path = dir.join(program.system_path());
                if path.is_file() {
                    Ok(path)
                } else {
                    Err(Failure::ProgramMissing {
                        program: program.exe_name(),
                        path,
                        hint: "it is part of every Windows installation; run `sfc /scannow` or repair Windows".to_string(),
                    })
                }
            }
            None => Err(Failure::NoSystemProgram {
                program: program.exe_name(),
                var: program.env_var(),
            }),
        }
    }

    /// Run to completion (or the deadline).
    pub(crate) fn run(&self, invocation: &Invocation) -> Result<Captured, Failure> {
        let deadline = Instant::now() + self.timeout;
        Ok(self.start(invocation)?.finish(deadline))
    }

    /// Start a child; finish it with [`Running::finish`]. Several may run at once.
    pub(crate) fn start(&self, invocation: &Invocation) -> Result<Running, Failure> {
        let path = self.resolve(invocation.program)?;
        if self.verbose {
            eprintln!("lanman: running {} ({})", invocation, path.display());
        }
        let spawn_failure = |error: std::io::Error| match error.kind() {
            std::io::ErrorKind::NotFound => Failure::ProgramMissing {
                program: invocation.program.exe_name(),
                path: path.clone(),
                hint: "check the path".to_string(),
            },
            _ => Failure::ProgramFailed {
                program: path.display().to_string(),
                status: "could not start".to_string(),
                detail: error.to_string(),
            },
        };
        let (stdout_reader, stdout_writer) = os_pipe::pipe().map_err(spawn_failure)?;
        let (stderr_reader, stderr_writer) = os_pipe::pipe().map_err(spawn_failure)?;
        let expression = command(&path, &invocation.args)
            .stdin_null()
            .stdout_file(stdout_writer)
            .stderr_file(stderr_writer)
            .unchecked();
        let handle = expression.start().map_err(spawn_failure)?;
        // The expression owns lanman's copies of the write ends: drop them, or the readers
        // would never see end-of-file.
        drop(expression);
        let (events_tx, events_rx) = mpsc::channel();
        let stdout = Arc::new(Mutex::new(Capture::default()));
        let stderr = Arc::new(Mutex::new(Capture::default()));
        spawn_reader(stdout_reader, Arc::clone(&stdout), events_tx.clone());
        spawn_reader(stderr_reader, Arc::clone(&stderr), events_tx);
        Ok(Running {
            handle,
            stdout,
            stderr,
            events: events_rx,
        })
    }
}

/// The child's command line. On Windows the arguments are written exactly as typed at a prompt
/// (`command_line_arg`), rather than in Rust's own quoting, so net.exe sees what an
/// administrator's `net config server /srvcomment:"text"` gives it.
#[allow(clippy::disallowed_methods)] // the one place a child starts
fn command(path: &std::path::Path, args: &[String]) -> duct::Expression {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        let raw: Vec<String> = args.iter().map(|a| command_line_arg(a)).collect();
        duct::cmd(path.as_os_str(), Vec::<String>::new()).before_spawn(move |command| {
            for arg in &raw {
                command.raw_arg(arg);
            }
            Ok(())
        })
    }
    #[cfg(not(windows))]
    {
        duct::cmd(path.as_os_str(), args)
    }
}

#[derive(Default)]
struct Capture {
    bytes: Vec<u8>,
}

/// What a reader thread reports.
enum Event {
    /// The stream reached end-of-file.
    Eof,
    /// The stream passed [`OUTPUT_CAP`].
    Overflow,
}

fn spawn_reader(
    mut pipe: os_pipe::PipeReader,
    into: Arc<Mutex<Capture>>,
    events: mpsc::Sender<Event>,
) {
    thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        let mut overflowed = false;
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    let mut capture = into.lock().unwrap_or_else(PoisonError::into_inner);
                    let room = OUTPUT_CAP.saturating_sub(capture.bytes.len());
                    capture.bytes.extend_from_slice(&chunk[..n.min(room)]);
                    if n > room && !overflowed {
                        overflowed = true;
                        // The receiver may be gone (lanman stopped waiting): nothing to do then.
                        let _ = events.send(Event::Overflow);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = events.send(Event::Eof);
    });
}

/// After the child has exited, how long its pipes may stay open (held by a grandchild) before
/// lanman uses what it has read: everything the child wrote is already in the pipe.
const PIPE_GRACE: Duration = Duration::from_millis(500);
/// How often lanman checks whether the child has exited while its pipes are still open.
const POLL: Duration = Duration::from_millis(25);

/// A started child.
pub(crate) struct Running {
    handle: duct::Handle,
    stdout: Arc<Mutex<Capture>>,
    stderr: Arc<Mutex<Capture>>,
    events: mpsc::Receiver<Event>,
}

impl Running {
    /// Wait until the child has exited and its output is read, or until `deadline`.
    pub(crate) fn finish(self, deadline: Instant) -> Captured {
        let mut eofs = 0;
        let mut overflowed = false;
        let mut exited_at: Option<Instant> = None;
        let mut timed_out = false;
        while eofs < 2 {
            let now = Instant::now();
            let event = if now >= deadline {
                // Past the deadline, what has already arrived still counts: a child that
                // finished in time is not a timeout because lanman looked late.
                match self.events.try_recv() {
                    Ok(event) => Ok(event),
                    Err(_) => {
                        timed_out = true;
                        break;
                    }
                }
            } else {
                self.events.recv_timeout(POLL.min(deadline - now))
            };
            match event {
                Ok(Event::Eof) => eofs += 1,
                Ok(Event::Overflow) => {
                    overflowed = true;
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if exited_at.is_none() && matches!(self.handle.try_wait(), Ok(Some(_))) {
                        exited_at = Some(Instant::now());
                    }
                    if exited_at.is_some_and(|at| at.elapsed() >= PIPE_GRACE) {
                        break;
                    }
                }
            }
        }
        let status = if timed_out || overflowed {
            None
        } else {
            match self.handle.try_wait() {
                Ok(Some(output)) => Some(output.status.code()),
                _ => match self.handle.wait_deadline(deadline) {
                    Ok(Some(output)) => Some(output.status.code()),
                    _ => {
                        timed_out = true;
                        None
                    }
                },
            }
        };
        if status.is_none() {
            // Never wait after a kill: a grandchild may hold the pipes (duct's `kill` doc).
            let _ = self.handle.kill();
        }
        let take = |capture: &Arc<Mutex<Capture>>| {
            std::mem::take(&mut capture.lock().unwrap_or_else(PoisonError::into_inner).bytes)
        };
        Captured {
            stdout: take(&self.stdout),
            stderr: take(&self.stderr),
            status: status.flatten(),
            timed_out,
            overflowed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_written_as_typed_at_a_prompt() {
        assert_eq!(command_line_arg("config"), "config");
        assert_eq!(command_line_arg("/autodisconnect:-1"), "/autodisconnect:-1");
        assert_eq!(
            command_line_arg("/srvcomment:File server"),
            "/srvcomment:\"File server\""
        );
        assert_eq!(
            command_line_arg("/srvcomment:C:\\temp dir\\"),
            "/srvcomment:\"C:\\temp dir\\\\\""
        );
        assert_eq!(command_line_arg(r"HKLM\SYSTEM\x"), r"HKLM\SYSTEM\x");
        assert_eq!(command_line_arg(""), "\"\"");
        assert_eq!(command_line_arg("a b"), "\"a b\"");
    }

    #[test]
    fn invocations_display_as_typed() {
        let inv = Invocation::new(Program::Net, ["config", "server", "/srvcomment:Büro 2"]);
        assert_eq!(inv.to_string(), "net config server /srvcomment:\"Büro 2\"");
    }
}
