//! The harness: run the lanman binary against the fake net/reg programs and look at what came
//! out and what the fakes were asked. Reads like the README:
//! `Lanman::new().server("server-en-win10-pro.txt").args(["get", "autodisconnect"]).run()`.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every lanman run in the tests is bounded by this, so a hang fails instead of blocking CI.
const GUARD: Duration = Duration::from_secs(60);

/// Where the Server and Workstation services keep their parameters (docs/windows.md#registry-values),
/// stated here once for the tests, independently of lanman's catalogue.
pub const SERVER_KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
pub const WORKSTATION_KEY: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";

/// The event logs `lanman events` reads (docs/windows.md#event-ids), stated here once for the
/// tests: the SMB client's, then the two that give context.
pub const SMB_LOG: &str = "Microsoft-Windows-SMBClient/Connectivity";
pub const SYSTEM_LOG: &str = "System";
pub const NETWORK_LOG: &str = "Microsoft-Windows-NetworkProfile/Operational";
const EVENT_LOGS: [&str; 3] = [SMB_LOG, SYSTEM_LOG, NETWORK_LOG];

pub fn fixture(name: &str) -> PathBuf {
    absolute(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
}

/// Absolute in the platform's own terms (on the Wine lane a Linux path becomes `Z:\…`).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).expect("absolute path")
}

/// Test inputs that are ours, not recordings (tests/data/README.md).
pub fn test_data(name: &str) -> PathBuf {
    absolute(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("data")
            .join(name),
    )
}

pub fn fake_net() -> PathBuf {
    absolute(Path::new(env!("CARGO_BIN_EXE_fake-net")))
}

pub fn fake_reg() -> PathBuf {
    absolute(Path::new(env!("CARGO_BIN_EXE_fake-reg")))
}

pub fn fake_secedit() -> PathBuf {
    absolute(Path::new(env!("CARGO_BIN_EXE_fake-secedit")))
}

pub fn fake_powershell() -> PathBuf {
    absolute(Path::new(env!("CARGO_BIN_EXE_fake-powershell")))
}

pub fn fake_wevtutil() -> PathBuf {
    absolute(Path::new(env!("CARGO_BIN_EXE_fake-wevtutil")))
}

pub struct Lanman {
    args: Vec<OsString>,
    env: Vec<(String, OsString)>,
    removed: Vec<String>,
    /// Where the fakes keep their state and logs (this run's own temporary directory, or a
    /// scene's, shared by several runs: `Lanman::in_dir`).
    dir: PathBuf,
    temp: Option<tempfile::TempDir>,
    /// Run this program (cmd.exe for a batch file) instead of lanman, with the same
    /// environment and lanman's folder first on the PATH.
    program: Option<PathBuf>,
    current_dir: Option<PathBuf>,
    keep_stdin_open: bool,
    stdin_bytes: Option<Vec<u8>>,
    stdout_file: Option<std::fs::File>,
    stderr_file: Option<std::fs::File>,
}

impl Lanman {
    pub fn new() -> Lanman {
        let temp = tempfile::tempdir().expect("temp dir");
        let mut lanman = Lanman::in_dir(temp.path());
        lanman.temp = Some(temp);
        lanman
    }

    /// A run whose fakes keep their state in `dir`, which outlives it: the runs of one README
    /// example share what `set` wrote (tests/cli/readme.rs).
    pub fn in_dir(dir: &Path) -> Lanman {
        let mut lanman = Lanman {
            args: Vec::new(),
            env: Vec::new(),
            // The developer's own settings must not leak into a test.
            removed: [
                "LANMAN_NET",
                "LANMAN_REG",
                "LANMAN_SECEDIT",
                "LANMAN_WEVTUTIL",
                "FAKE_WEVTUTIL_EVENTS",
                "FAKE_WEVTUTIL_UTF16",
                "FAKE_WEVTUTIL_MODE",
                "FAKE_WEVTUTIL_ONLY",
                "FAKE_WEVTUTIL_EXIT",
                "FAKE_WEVTUTIL_STDERR",
                "LANMAN_POWERSHELL",
                "FAKE_PS_SMBCONNECTION",
                "FAKE_PS_MODE",
                "FAKE_REG_DENIED",
                "FAKE_REG_NOT_WINDOWS",
                "USERDNSDOMAIN",
                "USERDOMAIN",
                "COMPUTERNAME",
                "FAKE_SECEDIT_INF",
                "FAKE_SECEDIT_MODE",
                "RUST_BACKTRACE",
                "RUST_LIB_BACKTRACE",
                "FAKE_NET_SERVER",
                "FAKE_NET_WORKSTATION",
                "FAKE_NET_USE",
                "FAKE_NET_SHARE",
                "FAKE_NET_SESSION",
                "FAKE_NET_STATISTICS_SERVER",
                "FAKE_NET_STATISTICS_WORKSTATION",
                "FAKE_REG_HANG",
                "FAKE_NET_MODE",
                "FAKE_NET_STATE",
                "FAKE_NET_WRITE",
                "FAKE_NET_EXIT",
                "FAKE_NET_STDERR",
                "FAKE_REG_MODE",
                "FAKE_REG_STATE",
                "FAKE_REG_UNREACHABLE",
                "FAKE_SLEEP_MS",
                "FAKE_BARRIER_DIR",
                "FAKE_BARRIER_COUNT",
                "NO_COLOR",
            ]
            .map(String::from)
            .to_vec(),
            dir: absolute(dir),
            temp: None,
            program: None,
            current_dir: None,
            keep_stdin_open: false,
            stdin_bytes: None,
            stdout_file: None,
            stderr_file: None,
        };
        let net_log = lanman.path("net.log");
        let reg_log = lanman.path("reg.log");
        let secedit_log = lanman.path("secedit.log");
        let wevtutil_log = lanman.path("wevtutil.log");
        let wevtutil_events = lanman.path("wevtutil");
        std::fs::create_dir_all(&wevtutil_events).expect("wevtutil events dir");
        for log in EVENT_LOGS {
            let file = wevtutil_events.join(format!("{}.xml", log.replace('/', "_")));
            std::fs::write(file, b"").expect("empty event log");
        }
        let powershell_log = lanman.path("powershell.log");
        // The user's profile, where Group Policy keeps its drive map history: empty.
        let profile = lanman.path("profile");
        std::fs::create_dir_all(&profile).expect("profile dir");
        let pids = lanman.path("pids");
        let reg_state = lanman.path("reg");
        std::fs::create_dir_all(&reg_state).expect("reg state dir");
        lanman = lanman
            .env("LANMAN_NET", fake_net())
            .env("LANMAN_REG", fake_reg())
            .env("LANMAN_SECEDIT", fake_secedit())
            .env("LANMAN_WEVTUTIL", fake_wevtutil())
            // Every event log exists and is empty unless a test gives it events.
            .env("FAKE_WEVTUTIL_EVENTS", wevtutil_events)
            .env("FAKE_WEVTUTIL_LOG", wevtutil_log)
            .env("LANMAN_POWERSHELL", fake_powershell())
            .env("FAKE_PS_LOG", powershell_log)
            .env("LOCALAPPDATA", profile)
            // No mapped drives, and a computer that shares one folder, unless a test says
            // otherwise.
            .env("FAKE_NET_USE", fixture("lists/use-en-5.txt"))
            .env("FAKE_NET_SHARE", fixture("lists/share-en-4.txt"))
            .env("FAKE_SECEDIT_LOG", secedit_log)
            .env("FAKE_NET_LOG", net_log)
            .env("FAKE_REG_LOG", reg_log)
            .env("FAKE_REG_STATE", reg_state)
            .env("FAKE_PID_DIR", pids)
            .env("NO_COLOR", "1");
        lanman
    }

    /// A file in this test's own temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        absolute(&self.dir.join(name))
    }

    /// Run in this folder (README examples name files in the current folder).
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.current_dir = Some(dir.to_path_buf());
        self
    }

    /// Run `program` with the arguments instead of lanman, in lanman's environment, with
    /// lanman's folder first on the PATH (`cmd /c script.cmd` runs `lanman` by name).
    pub fn program(mut self, program: &Path) -> Self {
        self.program = Some(program.to_path_buf());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// A path argument.
    pub fn arg_path(mut self, path: &Path) -> Self {
        self.args.push(path.as_os_str().to_owned());
        self
    }

    /// Send lanman's stdout to this file instead of a pipe (`/dev/full`, say).
    #[cfg(unix)] // only the matrix's /dev/full row uses it
    pub fn stdout_file(mut self, file: std::fs::File) -> Self {
        self.stdout_file = Some(file);
        self
    }

    /// Send lanman's stderr to this file instead of a pipe (`/dev/full`, say).
    #[cfg(unix)] // only the /dev/full tests use it
    pub fn stderr_file(mut self, file: std::fs::File) -> Self {
        self.stderr_file = Some(file);
        self
    }

    /// Feed these bytes to lanman's stdin.
    pub fn stdin_bytes(mut self, bytes: Vec<u8>) -> Self {
        self.stdin_bytes = Some(bytes);
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Self {
        self.removed.retain(|k| k != key);
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.into()));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.retain(|(k, _)| k != key);
        self.removed.push(key.to_string());
        self
    }

    /// `net config server` replays this fixture.
    pub fn server(self, fixture_name: &str) -> Self {
        self.env("FAKE_NET_SERVER", fixture(fixture_name))
    }

    /// `net config workstation` replays this fixture.
    pub fn workstation(self, fixture_name: &str) -> Self {
        self.env("FAKE_NET_WORKSTATION", fixture(fixture_name))
    }

    /// `net use` replays this recording of `fixtures/lists/`.
    pub fn net_use(self, fixture_name: &str) -> Self {
        self.env("FAKE_NET_USE", fixture(&format!("lists/{fixture_name}")))
    }

    /// `net share` replays this recording of `fixtures/lists/`.
    pub fn net_share(self, fixture_name: &str) -> Self {
        self.env("FAKE_NET_SHARE", fixture(&format!("lists/{fixture_name}")))
    }

    /// `net use` prints this text (written to a file first).
    pub fn net_use_text(self, text: &str) -> Self {
        let file = self.path("net-use.txt");
        std::fs::write(&file, text).expect("net use output written");
        self.env("FAKE_NET_USE", file)
    }

    /// `net share` prints this text (written to a file first).
    pub fn net_share_text(self, text: &str) -> Self {
        let file = self.path("net-share.txt");
        std::fs::write(&file, text).expect("net share output written");
        self.env("FAKE_NET_SHARE", file)
    }

    /// The fake's `var` replays these outputs, one per call and the last one after that
    /// (tests/fakes/fake_net.rs); `!denied` answers a call with System error 5.
    pub fn net_sequence(self, var: &str, outputs: &[&str]) -> Self {
        let files: Vec<PathBuf> = outputs
            .iter()
            .enumerate()
            .map(|(i, text)| {
                if *text == "!denied" {
                    return PathBuf::from(text);
                }
                let file = self.path(&format!("{var}-{i}.txt"));
                std::fs::write(&file, text).expect("output written");
                file
            })
            .collect();
        let joined = std::env::join_paths(files).expect("paths join");
        self.env(var, joined)
    }

    /// The clock stands at `time` (RFC 3339) and moves only when `watch` waits, which it then
    /// does not (`LANMAN_TEST_NOW`, the tests' build only): fixed times, no waiting.
    pub fn clock_at(self, time: &str) -> Self {
        self.env("LANMAN_TEST_NOW", time)
    }

    /// `var` replays this recording of `fixtures/sessions/`.
    pub fn net_recording(self, var: &str, name: &str) -> Self {
        self.env(var, fixture(&format!("sessions/{name}")))
    }

    /// `net config server /…` changes are stored and shown by later reads.
    pub fn stateful_net(self) -> Self {
        let dir = self.path("net-state");
        self.env("FAKE_NET_STATE", dir)
    }

    /// Preset a stored `net config server` change (`autodisconnect`, `srvcomment`, `hidden`).
    pub fn net_state(self, name: &str, value: &str) -> Self {
        let dir = self.path("net-state");
        std::fs::create_dir_all(&dir).expect("net state dir");
        std::fs::write(dir.join(name), value).expect("net state written");
        self
    }

    /// `wevtutil qe LOG` prints this file of `tests/data/events/` (UTF-8 as stored).
    pub fn event_log(self, log: &str, data_file: &str) -> Self {
        let bytes = std::fs::read(test_data(&format!("events/{data_file}"))).expect("event data");
        self.event_log_bytes(log, &bytes)
    }

    /// `wevtutil qe LOG` prints these bytes.
    pub fn event_log_bytes(self, log: &str, bytes: &[u8]) -> Self {
        let file = self
            .path("wevtutil")
            .join(format!("{}.xml", log.replace('/', "_")));
        std::fs::write(file, bytes).expect("event log written");
        self
    }

    /// `LOG` does not exist on this computer (wevtutil exits 15007).
    // Only the Windows lane's tests use it: an exit status above 255 exists only there.
    #[cfg_attr(not(windows), allow(dead_code))]
    pub fn no_event_log(self, log: &str) -> Self {
        let file = self
            .path("wevtutil")
            .join(format!("{}.xml", log.replace('/', "_")));
        let _ = std::fs::remove_file(file);
        self
    }

    pub fn wevtutil_mode(self, mode: &str) -> Self {
        self.env("FAKE_WEVTUTIL_MODE", mode)
    }

    pub fn net_mode(self, mode: &str) -> Self {
        self.env("FAKE_NET_MODE", mode)
    }

    pub fn reg_mode(self, mode: &str) -> Self {
        self.env("FAKE_REG_MODE", mode)
    }

    /// Security policy sets autodisconnect to `minutes` (the line `secedit /export` writes).
    pub fn policy_autodisconnect(self, minutes: u32) -> Self {
        let file = self.path("policy.inf");
        std::fs::write(
            &file,
            format!(
                "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Registry Values]\r\nMACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\AutoDisconnect=4,{minutes}\r\n"
            ),
        )
        .expect("policy written");
        self.env("FAKE_SECEDIT_INF", file)
    }

    /// The server's SMB2/3 idle value `AutoDisconnectTimeoutV2` (docs/windows.md#smb2-idle), in
    /// seconds, on this machine.
    pub fn smb2_idle_seconds(self, seconds: u32) -> Self {
        self.registry_value(
            "",
            SERVER_KEY,
            "AutoDisconnectTimeoutV2",
            "REG_DWORD",
            &format!("{seconds:#x}"),
        )
    }

    /// Put a value into the fake registry (`host` empty for this machine).
    pub fn registry_value(self, host: &str, key: &str, name: &str, kind: &str, data: &str) -> Self {
        let file = self.path("reg").join("registry.txt");
        let mut text = std::fs::read_to_string(&file).unwrap_or_default();
        let key = key
            .replacen("HKLM\\", "HKEY_LOCAL_MACHINE\\", 1)
            .to_ascii_uppercase();
        text.push_str(&format!("{host}|{key}|{name}|{kind}|{data}\n"));
        std::fs::write(&file, text).expect("registry written");
        self
    }

    /// `Get-SmbConnection | ConvertTo-Json` prints this (the fake PowerShell).
    pub fn smb_connections(self, json: &str) -> Self {
        let file = self.path("smb-connections.json");
        std::fs::write(&file, json).expect("smb connections written");
        self.env("FAKE_PS_SMBCONNECTION", file)
    }

    /// A Group Policy Preferences drive map history file (`Drives.xml`) of GPO `gpo`, in this
    /// user's profile.
    pub fn gpp_drives(self, gpo: &str, xml: &str) -> Self {
        let dir = self
            .path("profile")
            .join("Microsoft")
            .join("Group Policy")
            .join("History")
            .join(gpo)
            .join("S-1-5-21-1-2-3-1001")
            .join("Preferences")
            .join("Drives");
        std::fs::create_dir_all(&dir).expect("history dir");
        std::fs::write(dir.join("Drives.xml"), xml).expect("Drives.xml written");
        self
    }

    /// Give lanman a stdin that stays open and never delivers data, as a console would.
    pub fn stdin_open(mut self) -> Self {
        self.keep_stdin_open = true;
        self
    }

    pub fn run(mut self) -> Outcome {
        let lanman = absolute(Path::new(env!("CARGO_BIN_EXE_lanman")));
        #[allow(clippy::disallowed_methods)] // the tests run the binary under test
        let mut command = Command::new(self.program.as_deref().unwrap_or(&lanman));
        command.args(&self.args);
        if let Some(dir) = &self.current_dir {
            command.current_dir(dir);
        }
        if self.program.is_some() {
            let folder = lanman.parent().expect("lanman's folder").to_path_buf();
            let path = std::env::var_os("PATH").unwrap_or_default();
            let paths = std::iter::once(folder).chain(std::env::split_paths(&path));
            command.env("PATH", std::env::join_paths(paths).expect("PATH joins"));
        }
        for key in &self.removed {
            command.env_remove(key);
        }
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command
            .stdin(if self.keep_stdin_open || self.stdin_bytes.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(match self.stderr_file.take() {
                Some(file) => Stdio::from(file),
                None => Stdio::piped(),
            });
        let stdout_file = self.stdout_file.take();
        let log_sizes = || {
            [
                "net.log",
                "reg.log",
                "secedit.log",
                "powershell.log",
                "wevtutil.log",
            ]
            .map(|name| std::fs::metadata(self.path(name)).map_or(0, |m| m.len()))
        };
        let mut attempt = 1;
        let (status, stdout, stderr) = loop {
            let logs_before = log_sizes();
            // What the fakes keep (registry, net state, logs) as it was, so that a run Wine
            // spoiled can be made again from the same start (see below).
            let before = cfg!(windows).then(|| snapshot(&self.dir));
            let (status, stdout, stderr) = self.run_once(&mut command, stdout_file.as_ref());
            // Wine also fails, now and then, to start one of the programs lanman starts (doctor
            // starts up to sixteen at once): lanman then reports that program's "(os error
            // 1359)", ERROR_INTERNAL_ERROR from CreateProcess, which Windows does not give for a
            // program that exists. The harness puts the test's folder back as it was and runs
            // lanman again, and says so; lanman itself never retries.
            let wine_spawn_failure = String::from_utf8_lossy(&stderr).contains("(os error 1359)");
            if let Some(before) = before.filter(|_| wine_spawn_failure && attempt < 4) {
                eprintln!(
                    "harness: Wine could not start a program lanman runs (os error 1359); attempt {attempt}, the test's folder restored, retrying"
                );
                restore(&self.dir, &before);
                attempt += 1;
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
            // Wine, on a loaded machine, now and then fails to start a process: CreateProcess
            // returns ERROR_INTERNAL_ERROR (1359, see run_once) or the process dies in DLL
            // initialisation (STATUS_DLL_INIT_FAILED) before lanman's main runs. Windows does
            // not. When lanman provably did nothing (no output, no call to a fake), the harness
            // runs it again and says so; lanman's own process creation is never retried.
            const STATUS_DLL_INIT_FAILED: i32 = 0xC000_0142_u32 as i32;
            let never_ran = status.code() == Some(STATUS_DLL_INIT_FAILED)
                && stdout.is_empty()
                && stderr.is_empty()
                && log_sizes() == logs_before;
            if cfg!(windows) && never_ran && attempt < 4 {
                eprintln!(
                    "harness: lanman died starting up (STATUS_DLL_INIT_FAILED); attempt {attempt}, retrying"
                );
                attempt += 1;
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
            break (status, stdout, stderr);
        };
        stop_leftovers(&self.path("pids"));
        let read_log = |name: &str| -> Vec<Vec<String>> {
            std::fs::read_to_string(self.path(name))
                .unwrap_or_default()
                .lines()
                .map(|line| serde_json::from_str(line).expect("log line is JSON"))
                .collect()
        };
        Outcome {
            args: self
                .args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            code: status.code().expect("exit code"),
            stdout: text_of(&stdout),
            stdout_bytes: stdout,
            stderr: text_of(&stderr),
            stderr_bytes: stderr,
            net_calls: read_log("net.log"),
            reg_calls: read_log("reg.log"),
            secedit_calls: read_log("secedit.log"),
            wevtutil_calls: read_log("wevtutil.log"),
            powershell_calls: read_log("powershell.log"),
            _dir: self.temp,
        }
    }

    /// Start lanman once and wait for it: (status, stdout, stderr) as raw bytes.
    fn run_once(
        &self,
        command: &mut Command,
        stdout_file: Option<&std::fs::File>,
    ) -> (std::process::ExitStatus, Vec<u8>, Vec<u8>) {
        let started = Instant::now();
        let mut attempt = 1;
        let mut child = loop {
            command.stdout(match stdout_file {
                Some(file) => Stdio::from(file.try_clone().expect("stdout file")),
                None => Stdio::piped(),
            });
            match command.spawn() {
                // Wine's CreateProcess sometimes fails with ERROR_INTERNAL_ERROR (1359); see run.
                Err(e) if cfg!(windows) && e.raw_os_error() == Some(1359) && attempt < 4 => {
                    eprintln!("harness: starting lanman failed ({e}); attempt {attempt}, retrying");
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(200));
                }
                other => break other.expect("lanman starts"),
            }
        };
        let mut stdin = child.stdin.take();
        if let Some(bytes) = self.stdin_bytes.clone() {
            let mut pipe = stdin.take().expect("stdin piped");
            // A writer thread: lanman may stop reading early (oversized input).
            std::thread::spawn(move || {
                use std::io::Write;
                let _ = pipe.write_all(&bytes);
            });
        }
        let (stdout, stderr) = (
            read_in_thread(&mut child, true),
            read_in_thread(&mut child, false),
        );
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > GUARD {
                let _ = child.kill();
                panic!("lanman {:?} did not finish within {GUARD:?}", self.args);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        drop(stdin);
        (
            status,
            stdout.join().expect("stdout reader"),
            stderr.join().expect("stderr reader"),
        )
    }
}

/// Stop the processes a fake left behind on purpose (a grandchild holding lanman's pipes):
/// every test cleans up what it starts. The `stop` file ends them (`hang` in
/// tests/fakes/common.rs); on Linux the harness then waits until they are gone and kills what
/// is left. It never kills by number on Windows: lanman's kill-on-close job object has usually
/// ended the grandchild already, Wine hands a freed process id to the next process at once,
/// and `taskkill /F /PID` then ends another test's process with exit code 1 and no output,
/// as it once did to a `lanman reset autodisconnect` (issue 18).
fn stop_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let pids: Vec<String> = entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.parse::<u32>().is_ok())
        .collect();
    if pids.is_empty() {
        return;
    }
    std::fs::write(dir.join("stop"), b"").expect("stop file written");
    #[cfg(unix)]
    for pid in &pids {
        wait_until_gone(pid);
        if !is_gone(pid) {
            #[allow(clippy::disallowed_methods)] // the harness stops a test's own stand-in
            let _ = Command::new("kill")
                .args(["-9", pid])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            wait_until_gone(pid);
        }
    }
}

/// A stopped process may run a moment longer: wait (bounded) until it is gone or a zombie.
#[cfg(target_os = "linux")]
fn wait_until_gone(pid: &str) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if is_gone(pid) {
            return;
        }
        std::thread::yield_now();
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
fn wait_until_gone(_pid: &str) {}

/// Off Linux there is no /proc: a process is taken as gone once stopped.
#[cfg(all(unix, not(target_os = "linux")))]
pub fn is_gone(_pid: &str) -> bool {
    true
}

/// Gone, or a zombie about to be reaped: no longer running (its state in `/proc/PID/stat`).
#[cfg(target_os = "linux")]
pub fn is_gone(pid: &str) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .trim_start()
        .chars()
        .next();
    matches!(state, None | Some('Z' | 'X'))
}

fn read_in_thread(child: &mut Child, stdout: bool) -> std::thread::JoinHandle<Vec<u8>> {
    let mut pipe: Box<dyn Read + Send> = if stdout {
        match child.stdout.take() {
            Some(pipe) => Box::new(pipe),
            None => Box::new(std::io::empty()),
        }
    } else {
        match child.stderr.take() {
            Some(pipe) => Box::new(pipe),
            None => Box::new(std::io::empty()),
        }
    };
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).expect("read output");
        bytes
    })
}

/// lanman's text as a person reads it: written to a pipe in the charset lanman chooses there
/// (UTF-8 off Windows; the console's or the OEM code page on Windows, docs/windows.md#console-output),
/// with its lines ending in `\n` (lanman ends them in CRLF on Windows; a test of line ends
/// looks at `stdout_bytes`).
pub fn text_of(bytes: &[u8]) -> String {
    decoded(bytes).replace("\r\n", "\n")
}

fn decoded(bytes: &[u8]) -> String {
    match lanman::sys::default_output_charset() {
        // Lossy: a test that asks for another encoding looks at `stdout_bytes`.
        lanman::encode::Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        lanman::encode::Charset::CodePage(cp) => {
            lanman::decode::decode(bytes, lanman::decode::Encoding::CodePage(cp), cp).text
        }
        lanman::encode::Charset::Utf16Le => {
            lanman::decode::decode(bytes, lanman::decode::Encoding::Utf16Le, 437).text
        }
    }
}

/// What a run produced.
pub struct Outcome {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    /// stdout as lanman wrote it.
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
    /// stderr as lanman wrote it.
    pub stderr_bytes: Vec<u8>,
    pub net_calls: Vec<Vec<String>>,
    pub reg_calls: Vec<Vec<String>>,
    pub secedit_calls: Vec<Vec<String>>,
    pub wevtutil_calls: Vec<Vec<String>>,
    pub powershell_calls: Vec<Vec<String>>,
    /// Kept so the fakes' state lives as long as the outcome.
    _dir: Option<tempfile::TempDir>,
}

impl Outcome {
    /// stdout decoded as `stdout` is, but with its line ends as lanman wrote them (`stdout`
    /// turns CRLF into LF): for documents whose own format has CRLF (.reg, .ps1).
    pub fn stdout_raw(&self) -> String {
        decoded(&self.stdout_bytes)
    }

    fn context(&self) -> String {
        format!(
            "lanman {:?}\n--- exit {}\n--- stdout\n{}\n--- stderr\n{}\n--- net calls {:?}\n--- reg calls {:?}\n--- secedit calls {:?}\n--- wevtutil calls {:?}",
            self.args,
            self.code,
            self.stdout,
            self.stderr,
            self.net_calls,
            self.reg_calls,
            self.secedit_calls,
            self.wevtutil_calls
        )
    }

    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            expected,
            "unexpected exit code\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stdout(&self, expected: &str) -> &Self {
        assert_eq!(
            self.stdout,
            expected,
            "unexpected stdout\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr(&self, expected: &str) -> &Self {
        assert_eq!(
            self.stderr,
            expected,
            "unexpected stderr\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.context()
        );
        self
    }

    /// stderr is exactly one line (the one-line error rule).
    #[track_caller]
    pub fn one_line_error(&self) -> &Self {
        assert!(
            self.stderr.starts_with("error: ") && self.stderr.lines().count() == 1,
            "expected a one-line error\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn net_calls(&self, expected: &[&[&str]]) -> &Self {
        let expected: Vec<Vec<String>> = expected
            .iter()
            .map(|call| call.iter().map(|a| a.to_string()).collect())
            .collect();
        assert_eq!(
            self.net_calls,
            expected,
            "unexpected net calls\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn reg_calls(&self, expected: &[&[&str]]) -> &Self {
        let expected: Vec<Vec<String>> = expected
            .iter()
            .map(|call| call.iter().map(|a| a.to_string()).collect())
            .collect();
        assert_eq!(
            self.reg_calls,
            expected,
            "unexpected reg calls\n{}",
            self.context()
        );
        self
    }

    /// Nothing ran at all.
    #[track_caller]
    pub fn ran_nothing(&self) -> &Self {
        assert!(
            self.net_calls.is_empty()
                && self.reg_calls.is_empty()
                && self.secedit_calls.is_empty()
                && self.powershell_calls.is_empty()
                && self.wevtutil_calls.is_empty(),
            "expected no child process\n{}",
            self.context()
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.context()))
    }
}

/// Every file below `dir` with its bytes, but the fakes' process ids (`pids/`, which the
/// harness needs to stop what a run left behind).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() && entry.file_name() != "pids" => folders.push(path),
                Ok(t) if t.is_file() => {
                    if let Ok(bytes) = std::fs::read(&path) {
                        files.push((path, bytes));
                    }
                }
                _ => {}
            }
        }
    }
    files
}

/// Put `dir` back as [`snapshot`] found it: its files with their bytes, and no file it did not
/// have (folders a run made stay, empty).
fn restore(dir: &Path, before: &[(PathBuf, Vec<u8>)]) {
    for (path, _) in snapshot(dir) {
        if !before.iter().any(|(p, _)| *p == path) {
            let _ = std::fs::remove_file(&path);
        }
    }
    for (path, bytes) in before {
        let _ = std::fs::write(path, bytes);
    }
}
