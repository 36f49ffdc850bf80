//! Shared by the fake `net` and `reg` programs (for lanman's tests only).
#![allow(dead_code)] // each fake uses a part of this

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `FAKE_*` variables are read through this so a missing one is simply `None`.
pub(crate) fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Append this call's argv to `$<prefix>_LOG` as one JSON array per line.
pub(crate) fn log_call(prefix: &str, args: &[String]) {
    if let Some(path) = var(&format!("{prefix}_LOG")) {
        let line = serde_json::to_string(args).expect("strings serialize");
        let mut file = open_log(Path::new(&path));
        // One write of the whole line: calls run concurrently (doctor), and `writeln!` may
        // split it.
        file.write_all(format!("{line}\n").as_bytes())
            .expect("log line written");
    }
}

/// With O_APPEND a single write lands whole, whoever else appends at the same time.
#[cfg(not(windows))]
fn open_log(path: &Path) -> std::fs::File {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("log file opens")
}

/// Wine's append mode is not atomic between processes (two doctor probes once wrote into
/// each other's line): open the log exclusively, waiting while another fake holds it.
#[cfg(windows)]
fn open_log(path: &Path) -> std::fs::File {
    use std::os::windows::fs::OpenOptionsExt;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    let started = Instant::now();
    loop {
        match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .share_mode(0)
            .open(path)
        {
            Ok(file) => return file,
            Err(e)
                if e.raw_os_error() == Some(ERROR_SHARING_VIOLATION)
                    && started.elapsed() < Duration::from_secs(10) =>
            {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(e) => panic!("log file opens: {e}"),
        }
    }
}

/// `FAKE_SLEEP_MS`: wait before answering (concurrency tests, benchmarks).
pub(crate) fn maybe_sleep() {
    if let Some(ms) = var("FAKE_SLEEP_MS").and_then(|v| v.parse::<u64>().ok()) {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

/// `FAKE_BARRIER_DIR` + `FAKE_BARRIER_COUNT`: every call registers itself in the directory and
/// waits until COUNT calls have. If the caller ran them one after another, the first never
/// sees the others and gives up after 20 s with exit 3, so a concurrency test fails without
/// measuring any time.
pub(crate) fn maybe_barrier() {
    let (Some(dir), Some(count)) = (var("FAKE_BARRIER_DIR"), var("FAKE_BARRIER_COUNT")) else {
        return;
    };
    let count: usize = count.parse().expect("FAKE_BARRIER_COUNT is a number");
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("barrier dir");
    std::fs::write(dir.join(format!("{}", std::process::id())), b"").expect("barrier file");
    let start = Instant::now();
    while entries(&dir) < count {
        if start.elapsed() > Duration::from_secs(20) {
            eprintln!("fake: barrier timed out: the calls did not run concurrently");
            std::process::exit(3);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn entries(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

/// Sleep "forever" (longer than any test timeout). A grandchild left holding pipes
/// (`FAKE_STOP_FILE` set) ends itself when the harness creates that file, so the harness never
/// has to kill a process by its number (see `stop_leftovers` in tests/cli/support.rs).
pub(crate) fn hang() -> ! {
    match var("FAKE_STOP_FILE") {
        Some(stop) => loop {
            if Path::new(&stop).exists() {
                std::process::exit(0);
            }
            std::thread::sleep(Duration::from_millis(20));
        },
        None => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
    }
}

/// Start a copy of this program in `FAKE_*_MODE=hang` that inherits stdout/stderr, i.e. a
/// grandchild of lanman holding its pipes (what net1.exe can do for net.exe).
pub(crate) fn spawn_hanging_grandchild(mode_var: &str) {
    let exe = std::env::current_exe().expect("current exe");
    let stop = var("FAKE_PID_DIR").map(|dir| PathBuf::from(dir).join("stop"));
    #[allow(clippy::disallowed_methods)] // a test fake, not lanman: it must spawn itself
    let mut command = std::process::Command::new(exe);
    command
        .env(mode_var, "hang")
        .env_remove("FAKE_NET_LOG")
        .env_remove("FAKE_REG_LOG")
        .stdin(std::process::Stdio::null());
    if let Some(stop) = stop {
        command.env("FAKE_STOP_FILE", stop);
    }
    let child = command.spawn();
    let child = child.expect("grandchild starts");
    // The test that asked for it stops it afterwards: the harness reads this file.
    if let Some(dir) = var("FAKE_PID_DIR") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(PathBuf::from(dir).join(child.id().to_string()), b"");
    }
    // Deliberately never waited for: it outlives this process, holding the pipes.
    std::mem::forget(child);
}

/// Deterministic bytes that are nothing like `net` output.
pub(crate) fn garbage() -> Vec<u8> {
    let mut x: u32 = 0x2545_F491;
    (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x & 0xFF) as u8
        })
        .collect()
}

/// Write endlessly (megabytes) until the reader goes away.
pub(crate) fn flood() -> ! {
    let line = b"Server Name                           \\\\FLOOD\r\n".repeat(1024);
    let mut out = std::io::stdout().lock();
    loop {
        if out.write_all(&line).is_err() {
            std::process::exit(0);
        }
    }
}

/// Read all of stdin; `true` if it was at end-of-file at once (stdin closed or null).
pub(crate) fn stdin_is_empty() -> bool {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_or(true, |n| n == 0)
}
