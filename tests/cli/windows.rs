//! Only on the Windows lane (Wine): the real reg.exe against a real registry, and the system's
//! own net.exe. These need a Windows process model and `%SystemRoot%\System32`, which the Linux
//! lane does not have; everything else runs on both lanes.

use std::process::Command;

use serde_json::Value;

use crate::support::{Lanman, SERVER_KEY};

/// lanman with the system's reg.exe (no LANMAN_REG) and the fake net.
fn real_reg() -> Lanman {
    Lanman::new()
        .server("server-en-win10-pro.txt")
        .env_remove("LANMAN_REG")
}

fn system_reg() -> std::path::PathBuf {
    lanman::sys::system_directory()
        .expect("system directory")
        .join("reg.exe")
}

/// The registry is shared by every test of the lane: the tests that change it take turns.
static REGISTRY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn registry_turn() -> std::sync::MutexGuard<'static, ()> {
    REGISTRY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One test, because the registry is shared by every test process of the lane.
#[test]
fn the_real_registry_set_read_back_reset() {
    let _turn = registry_turn();
    // Start from a known state: no KeepConn, no autodisconnect value.
    real_reg().args(["reset", "keepconn"]).run().code(0);
    real_reg().args(["reset", "autodisconnect"]).run().code(0);

    real_reg()
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("600\n");
    let json = real_reg().args(["get", "keepconn", "--json"]).run();
    assert_eq!(json.json()["is_default"], Value::Bool(true));

    real_reg()
        .args(["set", "keepconn", "1h"])
        .run()
        .code(0)
        .stdout("keepconn: 600 (default) -> 3600 (via registry)\n");
    real_reg()
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("3600\n");
    real_reg()
        .args(["set", "keepconn", "3600"])
        .run()
        .code(0)
        .stdout("keepconn: 3600 (unchanged)\n");

    real_reg()
        .args(["set", "autodisconnect", "-1", "--via", "registry"])
        .run()
        .code(0)
        .stdout("autodisconnect: 15 (default) -> -1 (off) (via registry)\n");
    let doctor = real_reg().args(["doctor", "--json"]).run();
    doctor.code(0);
    assert_eq!(
        doctor.json()["server"]["registry_autodisconnect_minutes"],
        -1
    );
    assert_eq!(doctor.json()["client"]["keepconn_seconds"], 3600);

    // lanman's parser on the real reg.exe's output.
    #[allow(clippy::disallowed_methods)] // the test reads reg.exe's own output
    let output = Command::new(system_reg())
        .args(["query", SERVER_KEY])
        .output()
        .expect("reg.exe runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let key = lanman::parse::reg::parse_reg_query(&text);
    assert!(
        key.path.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(
            r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters"
        )),
        "{text:?}"
    );
    assert_eq!(
        key.get("AUTODISCONNECT").and_then(|v| v.dword()),
        Some(0xFFFF_FFFF),
        "{text:?}"
    );

    real_reg()
        .args(["reset", "keepconn"])
        .run()
        .code(0)
        .stdout("keepconn: 3600 -> 600 (default) (via registry)\n");
    real_reg()
        .args(["reset", "keepconn"])
        .run()
        .code(0)
        .stdout("keepconn: 600 (default) (unchanged)\n");
    real_reg().args(["reset", "autodisconnect"]).run().code(0);
    real_reg()
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("600\n");
}

#[test]
fn the_systems_own_net_exe_has_no_config_and_lanman_says_so() {
    // Wine's net.exe does not implement `net config`: lanman must fail clearly (6 or 7),
    // neither hang nor succeed.
    let out = Lanman::new()
        .env_remove("LANMAN_NET")
        .args(["--timeout", "20", "get", "autodisconnect"])
        .run();
    assert!(
        matches!(out.code, 6 | 7),
        "exit {}: {}",
        out.code,
        out.stderr
    );
    out.stdout("").one_line_error();
}

#[test]
fn the_systems_own_wevtutil_is_run_from_system32_and_never_hangs_lanman() {
    // Without LANMAN_WEVTUTIL lanman runs System32's wevtutil.exe (Wine has one). Whatever it
    // makes of `qe … /f:xml`, lanman reads it (exit 0, one JSON document) or says in one line
    // why not (6: failed or the log is missing; 7: not event XML); it never hangs.
    let out = Lanman::new()
        .env_remove("LANMAN_WEVTUTIL")
        .args(["--timeout", "20", "events", "--json"])
        .run();
    assert!(
        matches!(out.code, 0 | 6 | 7),
        "exit {}: {}",
        out.code,
        out.stderr
    );
    let doc = out.json();
    if out.code == 0 {
        assert!(doc["events"].is_array(), "{doc}");
    } else {
        assert_eq!(doc["error"]["exit_code"], out.code);
        out.one_line_error();
    }
    assert!(
        out.wevtutil_calls.is_empty(),
        "the fake ran: {:?}",
        out.wevtutil_calls
    );
}

/// The README's batch pattern, run by cmd.exe: write the value to a file, test `errorlevel`,
/// then `set /p`. It tells an empty value (no server comment) from a failure, which a
/// `for /f` loop cannot.
#[test]
fn the_readmes_batch_pattern_tells_an_empty_value_from_a_failure() {
    let lanman = Lanman::new();
    let script = lanman.path("read-comment.cmd");
    let value = lanman.path("value.txt");
    let exe = crate::support::absolute(std::path::Path::new(env!("CARGO_BIN_EXE_lanman")));
    std::fs::write(
        &script,
        format!(
            "@echo off\r\n\
             set COMMENT=\r\n\
             \"{exe}\" get srvcomment > \"{value}\"\r\n\
             if errorlevel 1 (\r\n\
             echo lanman failed with exit code %errorlevel%\r\n\
             exit /b 1\r\n\
             )\r\n\
             set /p COMMENT=<\"{value}\"\r\n\
             if defined COMMENT (echo comment: %COMMENT%) else (echo no comment)\r\n",
            exe = exe.display(),
            value = value.display()
        ),
    )
    .unwrap();
    let run = |mode: Option<&str>| {
        #[allow(clippy::disallowed_methods)] // the test runs cmd.exe, as a batch user does
        let mut cmd = Command::new("cmd");
        cmd.args(["/c", &script.display().to_string()])
            .env("LANMAN_NET", crate::support::fake_net())
            .env(
                "FAKE_NET_SERVER",
                crate::support::fixture("server-en-win10-pro.txt"),
            )
            .env_remove("FAKE_NET_MODE");
        if let Some(mode) = mode {
            cmd.env("FAKE_NET_MODE", mode);
        }
        let output = cmd.output().expect("cmd runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"),
        )
    };
    let (code, stdout) = run(None);
    assert_eq!((code, stdout.trim()), (Some(0), "no comment"));
    let (code, stdout) = run(Some("denied"));
    assert_eq!(
        (code, stdout.trim()),
        (Some(1), "lanman failed with exit code 4")
    );
}

/// `reg import` of the .reg file `lanman export --output` writes sets the values, as the real
/// reg.exe reads them back.
#[test]
fn reg_import_of_lanmans_reg_file_sets_the_values() {
    let _turn = registry_turn();
    real_reg().args(["reset", "keepconn"]).run().code(0);
    real_reg().args(["reset", "autodisconnect"]).run().code(0);
    let lanman = real_reg();
    let file = lanman.path("lanman.reg");
    // The outcome owns the run's temporary directory: keep it until reg.exe has read the file.
    let written = lanman
        .args([
            "export",
            "--autodisconnect",
            "off",
            "--keepconn",
            "1h",
            "--output",
        ])
        .arg_path(&file)
        .run();
    written.code(0);
    #[allow(clippy::disallowed_methods)] // the test runs reg.exe as an administrator would
    let import = Command::new(system_reg())
        .arg("import")
        .arg(&file)
        .output()
        .expect("reg.exe runs");
    assert!(import.status.success(), "reg import: {import:?}");
    drop(written);
    real_reg()
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("3600\n");
    #[allow(clippy::disallowed_methods)]
    let query = Command::new(system_reg())
        .args(["query", SERVER_KEY, "/v", "autodisconnect"])
        .output()
        .expect("reg.exe runs");
    let text = String::from_utf8_lossy(&query.stdout);
    let key = lanman::parse::reg::parse_reg_query(&text);
    assert_eq!(
        key.get("autodisconnect").and_then(|v| v.dword()),
        Some(0xFFFF_FFFF),
        "{text:?}"
    );
    real_reg().args(["reset", "keepconn"]).run().code(0);
    real_reg().args(["reset", "autodisconnect"]).run().code(0);
}
