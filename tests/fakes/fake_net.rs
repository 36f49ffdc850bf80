//! For lanman's tests only: a stand-in for net.exe, selected with `LANMAN_NET`.
//!
//! It replays recorded outputs byte for byte (fixtures are already in wire encoding) and
//! records what it was asked. Everything is driven by environment variables:
//!
//! | variable | effect |
//! |---|---|
//! | `FAKE_NET_SERVER` | file replayed on stdout for `net config server` |
//! | `FAKE_NET_WORKSTATION` | file replayed on stdout for `net config workstation` |
//! | `FAKE_NET_USE` | file replayed on stdout for `net use` |
//! | `FAKE_NET_SHARE` | file replayed on stdout for `net share` |
//! | `FAKE_NET_SESSION` | file replayed on stdout for `net session` |
//! | `FAKE_NET_STATISTICS_SERVER`, `FAKE_NET_STATISTICS_WORKSTATION` | files replayed for `net statistics server` / `workstation` |
//! | (sequences) | `FAKE_NET_USE`, `FAKE_NET_SESSION` and the statistics variables may list several files, joined like `PATH`: the n-th call with the same arguments (counted in `FAKE_NET_LOG`) replays the n-th file, the last one repeats; an entry `!denied` answers that call with System error 5 |
//! | `FAKE_NET_STDERR` | file written to stderr on every call |
//! | `FAKE_NET_EXIT` | exit status of every call (default 0) |
//! | `FAKE_NET_LOG` | file that gets one JSON array of argv per call |
//! | `FAKE_NET_STATE` | directory: `config server /autodisconnect:N`, `/srvcomment:X`, `/hidden:Y` are stored there (validated the way net.exe validates them) and shown by later reads; with `FAKE_REG_STATE` they are also written into fake-reg's registry, as the Server service keeps them |
//! | `FAKE_NET_WRITE` | `ok` (default), `ignore` (say success, change nothing), `denied` (System error 5) |
//! | `FAKE_NET_MODE` | `replay` (default), `denied`, `prompt` (stopped-service prompt, reads stdin), `prompt-de` (the same prompt in a display language lanman has no table for), `server-stopped` (only the Server service's commands prompt), `hang`, `grandchild` (answers normally but leaves a grandchild holding the pipes), `garbage`, `flood` (endless output) |
//! | `FAKE_SLEEP_MS`, `FAKE_BARRIER_DIR` + `FAKE_BARRIER_COUNT` | see `common.rs` |
#![forbid(unsafe_code)]

#[path = "common.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::var;

const SUCCESS: &[u8] = b"The command completed successfully.\r\n\r\n";
/// tests/../fixtures/error-access-denied-en.txt, in net's CRLF.
const ACCESS_DENIED: &[u8] = b"System error 5 has occurred.\r\n\r\nAccess is denied.\r\n\r\n";
/// en-US server labels are padded to column 38 (docs/windows.md#net-config-layout).
const SERVER_COLUMN: usize = 38;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    common::log_call("FAKE_NET", &args);
    common::maybe_barrier();
    common::maybe_sleep();

    let first = args
        .first()
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default();
    let service = match (first.as_str(), args.get(1).map(|s| s.to_ascii_lowercase())) {
        ("share", _) => "Server",
        ("config", Some(s)) if s == "server" || s == "srv" => "Server",
        _ => "Workstation",
    };
    match var("FAKE_NET_MODE").as_deref().unwrap_or("replay") {
        "replay" => {}
        "denied" => fail(ACCESS_DENIED, 2),
        "prompt" => prompt(
            &format!(
                "The {service} service is not started.\r\n\r\nIs it OK to start it? (Y/N) [Y]: "
            ),
            service,
        ),
        "prompt-de" => prompt(
            &format!(
                "Der Dienst {service} wurde nicht gestartet.\r\n\r\nSoll er gestartet werden? (J/N) [J]: "
            ),
            service,
        ),
        // The Server service alone is stopped (a hardened client): its commands prompt, the
        // Workstation service's answer.
        "server-stopped" if service == "Server" => prompt(
            "The Server service is not started.\r\n\r\nIs it OK to start it? (Y/N) [Y]: ",
            service,
        ),
        "server-stopped" => {}
        "hang" => common::hang(),
        // Leave a grandchild holding the pipes, then answer normally.
        "grandchild" => common::spawn_hanging_grandchild("FAKE_NET_MODE"),
        "garbage" => {
            std::io::stdout().write_all(&common::garbage()).ok();
            std::process::exit(0);
        }
        "flood" => common::flood(),
        other => fail(
            format!("fake-net: unknown FAKE_NET_MODE {other}\r\n").as_bytes(),
            99,
        ),
    }

    if let Some(path) = var("FAKE_NET_STDERR") {
        std::io::stderr().write_all(&read(Path::new(&path))).ok();
    }
    let exit: i32 = var("FAKE_NET_EXIT")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    match lower.as_slice() {
        ["config", "server" | "srv"] => {
            let bytes = read(Path::new(&required("FAKE_NET_SERVER")));
            std::io::stdout().write_all(&with_state(bytes)).ok();
        }
        ["config", "workstation" | "rdr" | "redirector"] => {
            let bytes = read(Path::new(&required("FAKE_NET_WORKSTATION")));
            std::io::stdout().write_all(&bytes).ok();
        }
        ["config", "server", switches @ ..] if !switches.is_empty() => change(&args[2..]),
        ["use"] => replay_sequence("FAKE_NET_USE", &args),
        ["session" | "sessions" | "sess"] => replay_sequence("FAKE_NET_SESSION", &args),
        ["statistics" | "stats", "server" | "srv"] => {
            replay_sequence("FAKE_NET_STATISTICS_SERVER", &args)
        }
        ["statistics" | "stats", "workstation" | "wksta"] => {
            replay_sequence("FAKE_NET_STATISTICS_WORKSTATION", &args)
        }
        ["share"] => {
            let bytes = read(Path::new(&required("FAKE_NET_SHARE")));
            std::io::stdout().write_all(&bytes).ok();
        }
        _ => fail(
            b"The syntax of this command is:\r\n\r\nNET CONFIG\r\n[SERVER | WORKSTATION]\r\n\r\n",
            1,
        ),
    }
    std::process::exit(exit);
}

/// Replay the file of `var` for this call: with several files (joined like `PATH`), the one
/// whose place is the number of calls with these arguments so far (this one included, from
/// `FAKE_NET_LOG`), the last one once the list is used up.
fn replay_sequence(var: &str, args: &[String]) {
    let value = required(var);
    let files: Vec<PathBuf> = std::env::split_paths(&value).collect();
    let calls = common::var("FAKE_NET_LOG")
        .and_then(|log| std::fs::read_to_string(log).ok())
        .map(|log| {
            let this = serde_json::to_string(args).expect("strings serialize");
            log.lines().filter(|line| *line == this).count()
        })
        .unwrap_or(1);
    let file = &files[calls.clamp(1, files.len()) - 1];
    if file.as_os_str() == "!denied" {
        fail(ACCESS_DENIED, 2);
    }
    std::io::stdout().write_all(&read(file)).ok();
}

fn required(name: &str) -> String {
    var(name).unwrap_or_else(|| fail(format!("fake-net: {name} is not set\r\n").as_bytes(), 99))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        fail(
            format!("fake-net: cannot read {}: {e}\r\n", path.display()).as_bytes(),
            99,
        )
    })
}

fn fail(stderr: &[u8], code: i32) -> ! {
    std::io::stderr().write_all(stderr).ok();
    std::process::exit(code)
}

/// net prints the prompt on stdout and reads the answer. End-of-file (stdin closed) is taken
/// as "no"; an answer "y" leads to the recorded failure to start.
fn prompt(text: &str, service: &str) -> ! {
    let mut out = std::io::stdout();
    out.write_all(text.as_bytes()).ok();
    out.flush().ok();
    if common::stdin_is_empty() {
        out.write_all(b"\r\n").ok();
        std::process::exit(2);
    }
    let rest = format!(
        "The {service} service is starting.\r\nThe {service} service could not be started.\r\n\r\nA service specific error occurred: 2182.\r\n\r\nMore help is available by typing NET HELPMSG 3547.\r\n\r\n"
    );
    fail(rest.as_bytes(), 2)
}

fn state_dir() -> Option<PathBuf> {
    var("FAKE_NET_STATE").map(PathBuf::from)
}

/// Apply stored changes to a recorded en-US server output.
fn with_state(bytes: Vec<u8>) -> Vec<u8> {
    let Some(dir) = state_dir() else {
        return bytes;
    };
    let stored = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let replacements: Vec<(&[u8], String)> = [
        (&b"Idle session time (min)"[..], stored("autodisconnect")),
        (&b"Server Comment"[..], stored("srvcomment")),
        (&b"Server hidden"[..], stored("hidden")),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, v)))
    .collect();
    let mut out = Vec::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        match replacements
            .iter()
            .find(|(label, _)| line.starts_with(label))
        {
            Some((label, value)) => {
                let ending: &[u8] = if line.ends_with(b"\r\n") {
                    b"\r\n"
                } else if line.ends_with(b"\n") {
                    b"\n"
                } else {
                    b""
                };
                out.extend_from_slice(label);
                out.extend(std::iter::repeat_n(b' ', SERVER_COLUMN - 1 - label.len()));
                out.extend_from_slice(value.as_bytes());
                out.extend_from_slice(ending);
            }
            None => out.extend_from_slice(line),
        }
    }
    out
}

/// `net config server /switch:value …`, validated as net.exe does (docs/windows.md#autodisconnect).
fn change(switches: &[String]) {
    let mut updates: Vec<(&str, String)> = Vec::new();
    for switch in switches {
        let (name, value) = switch.split_once(':').unwrap_or((switch.as_str(), ""));
        match name.to_ascii_lowercase().as_str() {
            "/autodisconnect" => {
                // n_atou: all digits, at most 5 characters, <= 65535; or exactly -1.
                let ok = value == "-1"
                    || (!value.is_empty()
                        && value.len() <= 5
                        && value.bytes().all(|b| b.is_ascii_digit())
                        && value.parse::<u32>().is_ok_and(|n| n <= 65535));
                if !ok {
                    invalid("/AUTODISCONNECT");
                }
                updates.push(("autodisconnect", value.to_string()));
            }
            "/srvcomment" => updates.push(("srvcomment", value.to_string())),
            "/hidden" => match value.chars().next().map(|c| c.to_ascii_uppercase()) {
                Some('Y') | None => updates.push(("hidden", "Yes".to_string())),
                Some('N') => updates.push(("hidden", "No".to_string())),
                _ => invalid("/HIDDEN"),
            },
            _ => fail(
                format!(
                    "The option {} is unknown.\r\n\r\nThe syntax of this command is:\r\n\r\nNET CONFIG SERVER\r\n[/AUTODISCONNECT:time]\r\n[/SRVCOMMENT:\"text\"]\r\n[/HIDDEN:{{YES | NO}}]\r\n\r\nMore help is available by typing NET HELPMSG 3506.\r\n\r\n",
                    name.to_ascii_uppercase()
                )
                .as_bytes(),
                1,
            ),
        }
    }
    match var("FAKE_NET_WRITE").as_deref().unwrap_or("ok") {
        "ok" => {
            if let Some(dir) = state_dir() {
                std::fs::create_dir_all(&dir).expect("state dir");
                for (name, value) in &updates {
                    std::fs::write(dir.join(name), value).expect("state written");
                }
            }
            sticky_registry_values(&updates);
        }
        "ignore" => {}
        "denied" => fail(ACCESS_DENIED, 2),
        other => fail(
            format!("fake-net: unknown FAKE_NET_WRITE {other}\r\n").as_bytes(),
            99,
        ),
    }
    std::io::stdout().write_all(SUCCESS).ok();
}

/// The Server service keeps what `net config server /switch` sets as a value under
/// `LanmanServer\Parameters` (docs/windows.md#auto-tuning): written into fake-reg's registry
/// when `FAKE_REG_STATE` is set, so a later `reg query` sees it.
fn sticky_registry_values(updates: &[(&str, String)]) {
    let Some(dir) = var("FAKE_REG_STATE") else {
        return;
    };
    let file = PathBuf::from(dir).join("registry.txt");
    let key = r"HKEY_LOCAL_MACHINE\SYSTEM\CURRENTCONTROLSET\SERVICES\LANMANSERVER\PARAMETERS";
    let mut lines: Vec<String> = std::fs::read_to_string(&file)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    for (name, value) in updates {
        let (kind, data) = match *name {
            "autodisconnect" if value == "-1" => ("REG_DWORD", "0xffffffff".to_string()),
            "autodisconnect" => (
                "REG_DWORD",
                format!("0x{:x}", value.parse::<u32>().unwrap_or(0)),
            ),
            "hidden" => (
                "REG_DWORD",
                if value == "Yes" { "0x1" } else { "0x0" }.to_string(),
            ),
            _ => ("REG_SZ", value.clone()),
        };
        let prefix = format!("|{key}|");
        lines.retain(|l| {
            !(l.starts_with(&prefix)
                && l[prefix.len()..]
                    .to_ascii_lowercase()
                    .starts_with(&format!("{name}|")))
        });
        lines.push(format!("|{key}|{name}|{kind}|{data}"));
    }
    std::fs::write(&file, lines.join("\n") + "\n").expect("registry written");
}

fn invalid(option: &str) -> ! {
    // fixtures/reconstructed-error-invalid-value-autodisconnect-en.txt (APE_CmdArgIllegal)
    fail(
        format!("You entered an invalid value for the {option} option.\r\n\r\nMore help is available by typing NET HELPMSG 3952.\r\n\r\n").as_bytes(),
        2,
    )
}
