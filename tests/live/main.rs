//! The live smoke suite: lanman against the machine's own net.exe, reg.exe and secedit.exe.
//! It runs only with `LANMAN_LIVE=1`, as an administrator on a Windows machine it may change
//! and restore (CI's Windows runners); otherwise every test is listed as ignored, and says why.
//!
//! - `LANMAN_LIVE_PARTS`: `all` (default) or a comma-separated list of `registry` (set/reset
//!   round trips that restore the original state, once through each registry path: the
//!   Windows API with `LANMAN_REG` unset, and System32's reg.exe with `LANMAN_REG` naming it)
//!   and `net` (`server`, `workstation`,
//!   `drives`, `doctor` exit 0 with no warnings and agree with the registry). The Wine lane
//!   runs `registry`: Wine's reg.exe serves it, its net.exe has no `config`.
//! - `LANMAN_LIVE_CAPTURES`: a folder that gets the raw bytes of `net config server`,
//!   `net config workstation`, `net use`, `net share` and the `reg query` listings lanman read,
//!   so each CI run adds real recordings (default `target/live-captures`).

#![allow(clippy::unwrap_used)] // tests panic on purpose
#![allow(clippy::disallowed_methods)] // the suite runs the system's programs and lanman itself

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use libtest_mimic::{Arguments, Failed, Trial};

const SERVER_KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
const WORKSTATION_KEY: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";

/// One live test: (part, name, body).
type Live = (&'static str, &'static str, fn() -> Result<(), Failed>);

fn main() {
    let live = std::env::var("LANMAN_LIVE").is_ok_and(|v| v == "1");
    let parts = std::env::var("LANMAN_LIVE_PARTS").unwrap_or_else(|_| "all".to_string());
    let wants = |part: &str| parts == "all" || parts.split(',').any(|p| p.trim() == part);
    let tests: [Live; 8] = [
        (
            "registry",
            "keepconn_round_trip_restores_the_original",
            keepconn_round_trip,
        ),
        (
            "registry",
            "autodisconnect_via_registry_round_trip_restores_the_original",
            autodisconnect_round_trip,
        ),
        (
            "registry",
            "keepconn_round_trip_through_reg_exe_restores_the_original",
            || with_reg_exe(keepconn_round_trip),
        ),
        (
            "registry",
            "autodisconnect_round_trip_through_reg_exe_restores_the_original",
            || with_reg_exe(autodisconnect_round_trip),
        ),
        (
            "net",
            "server_and_workstation_read_cleanly",
            server_and_workstation,
        ),
        (
            "net",
            "get_agrees_with_the_registry",
            get_agrees_with_the_registry,
        ),
        ("net", "drives_and_doctor_read_cleanly", drives_and_doctor),
        ("net", "captures_are_saved", captures),
    ];
    if !live {
        eprintln!("live: set LANMAN_LIVE=1 on a Windows machine lanman may change to run these");
    }
    let trials = tests
        .into_iter()
        .map(|(part, name, test)| {
            Trial::test(format!("{part}::{name}"), test).with_ignored_flag(!live || !wants(part))
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

thread_local! {
    /// This thread's tests run lanman with `LANMAN_REG` naming System32's reg.exe.
    static REG_EXE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `test` with lanman on its reg.exe path.
fn with_reg_exe(test: fn() -> Result<(), Failed>) -> Result<(), Failed> {
    REG_EXE.with(|r| r.set(true));
    let result = test();
    REG_EXE.with(|r| r.set(false));
    result
}

/// lanman as an administrator runs it: the system's programs, and the Windows registry API
/// (or reg.exe, inside `with_reg_exe`).
fn lanman() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lanman"));
    for var in ["LANMAN_NET", "LANMAN_REG", "LANMAN_SECEDIT", "NO_COLOR"] {
        command.env_remove(var);
    }
    if REG_EXE.with(std::cell::Cell::get) {
        command.env("LANMAN_REG", system32("reg.exe"));
    }
    command.env("NO_COLOR", "1").stdin(Stdio::null());
    command
}

/// Run lanman; its exit code, stdout and stderr (lossy: the suite compares ASCII values).
fn run(args: &[&str]) -> (i32, String, String) {
    let output = lanman().args(args).output().expect("lanman runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> Result<String, Failed> {
    let (code, stdout, stderr) = run(args);
    if code != 0 {
        return Err(format!("lanman {args:?}: exit {code}: {stderr}").into());
    }
    Ok(stdout)
}

fn system32(program: &str) -> PathBuf {
    lanman::sys::system_directory()
        .expect("a Windows system directory")
        .join(program)
}

/// One registry value as the system's reg.exe lists it: (type, data as reg.exe shows it),
/// `None` when absent. reg.exe, not lanman, so that the suite checks lanman's registry path
/// (the Windows API, with `LANMAN_REG` unset) against another reader.
fn raw_value(key: &str, name: &str) -> Option<(String, String)> {
    let output = Command::new(system32("reg.exe"))
        .args(["query", key])
        .stdin(Stdio::null())
        .output()
        .expect("reg.exe runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let listing = lanman::parse::reg::parse_reg_query(&text);
    listing
        .get(name)
        .map(|v| (v.data.kind().to_string(), v.data.shown()))
}

/// Put a value back as it was: deleted when it was absent, else written with its type.
fn restore(key: &str, name: &str, original: Option<&(String, String)>) {
    let mut command = Command::new(system32("reg.exe"));
    match original {
        None => command.args(["delete", key, "/v", name, "/f"]),
        Some((kind, data)) => command.args(["add", key, "/v", name, "/t", kind, "/d", data, "/f"]),
    };
    let _ = command.stdin(Stdio::null()).output();
}

fn round_trip(
    setting: &str,
    key: &str,
    name: &str,
    set: &[&str],
    expect: u32,
) -> Result<(), Failed> {
    let original = raw_value(key, name);
    let result = (|| -> Result<(), Failed> {
        ok(set)?;
        match raw_value(key, name) {
            Some((kind, data)) if kind == "REG_DWORD" => {
                let value = lanman::parse::reg::parse_dword(&data);
                if value != Some(expect) {
                    return Err(format!("{name} reads {data}, not {expect}").into());
                }
            }
            other => return Err(format!("{name} after set: {other:?}").into()),
        }
        ok(&["reset", setting, "--force"])?;
        if raw_value(key, name).is_some() {
            return Err(format!("{name} is still there after reset").into());
        }
        Ok(())
    })();
    restore(key, name, original.as_ref());
    if raw_value(key, name) != original {
        return Err(format!("{name} was not restored to {original:?}").into());
    }
    result
}

fn keepconn_round_trip() -> Result<(), Failed> {
    round_trip(
        "keepconn",
        WORKSTATION_KEY,
        "KeepConn",
        &["set", "keepconn", "3599"],
        3599,
    )
}

fn autodisconnect_round_trip() -> Result<(), Failed> {
    round_trip(
        "autodisconnect",
        SERVER_KEY,
        "autodisconnect",
        &[
            "set",
            "autodisconnect",
            "479",
            "--via",
            "registry",
            "--force",
        ],
        479,
    )
}

/// `server` and `workstation` read the machine's own output with no warning.
fn server_and_workstation() -> Result<(), Failed> {
    for command in ["server", "workstation"] {
        let (code, stdout, stderr) = run(&[command, "--json"]);
        if code != 0 || !stderr.is_empty() {
            return Err(format!("lanman {command}: exit {code}: {stderr}").into());
        }
        let json: serde_json::Value = serde_json::from_str(&stdout)?;
        for list in ["missing", "unreadable", "warnings"] {
            if json[list].as_array().is_none_or(|l| !l.is_empty()) {
                return Err(format!("lanman {command}: {list} {}", json[list]).into());
            }
        }
    }
    Ok(())
}

/// What `get` prints is what the registry holds (or its default).
fn get_agrees_with_the_registry() -> Result<(), Failed> {
    let keepconn = ok(&["get", "keepconn"])?;
    let stored = raw_value(WORKSTATION_KEY, "KeepConn")
        .and_then(|(_, data)| lanman::parse::reg::parse_dword(&data))
        .unwrap_or(600);
    if keepconn.trim() != stored.to_string() {
        return Err(format!("get keepconn {keepconn:?}, registry {stored}").into());
    }
    let running = ok(&["get", "autodisconnect"])?;
    if let Some((_, data)) = raw_value(SERVER_KEY, "autodisconnect") {
        let stored = match lanman::parse::reg::parse_dword(&data) {
            Some(u32::MAX) => "-1".to_string(),
            Some(m) => m.to_string(),
            None => return Err(format!("autodisconnect holds {data}").into()),
        };
        if running.trim() != stored {
            return Err(format!("get autodisconnect {running:?}, registry {stored}").into());
        }
    }
    Ok(())
}

/// `drives` and `doctor` read this machine with no warning and exit 0.
fn drives_and_doctor() -> Result<(), Failed> {
    for args in [&["drives", "--json"][..], &["doctor", "--json"]] {
        let (code, stdout, stderr) = run(args);
        if code != 0 || !stderr.is_empty() {
            return Err(format!("lanman {args:?}: exit {code}: {stderr}").into());
        }
        let json: serde_json::Value = serde_json::from_str(&stdout)?;
        if json["error"] != serde_json::Value::Null {
            return Err(format!("lanman {args:?}: {}", json["error"]).into());
        }
    }
    Ok(())
}

/// The raw outputs lanman reads, saved for `fixtures/` (see its README for provenance).
fn captures() -> Result<(), Failed> {
    let dir = std::env::var_os("LANMAN_LIVE_CAPTURES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/live-captures"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    let commands: [(&str, &str, &[&str]); 6] = [
        ("net-config-server.txt", "net.exe", &["config", "server"]),
        (
            "net-config-workstation.txt",
            "net.exe",
            &["config", "workstation"],
        ),
        ("net-use.txt", "net.exe", &["use"]),
        ("net-share.txt", "net.exe", &["share"]),
        (
            "reg-query-lanmanserver.txt",
            "reg.exe",
            &["query", SERVER_KEY],
        ),
        (
            "reg-query-currentversion.txt",
            "reg.exe",
            &[
                "query",
                r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion",
            ],
        ),
    ];
    for (file, program, args) in commands {
        let output = Command::new(system32(program))
            .args(args)
            .stdin(Stdio::null())
            .output()?;
        std::fs::write(dir.join(file), &output.stdout)?;
        if !output.stderr.is_empty() {
            std::fs::write(dir.join(format!("{file}.stderr")), &output.stderr)?;
        }
    }
    std::fs::write(
        dir.join("README.txt"),
        format!(
            "Raw bytes as the system's programs wrote them to a pipe (OEM code page {}), by lanman's live smoke suite.\n",
            lanman::sys::oem_code_page()
        ),
    )?;
    Ok(())
}
