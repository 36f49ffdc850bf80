//! For lanman's tests only: a stand-in for Windows PowerShell, selected with
//! `LANMAN_POWERSHELL`.
//!
//! It answers the one command lanman gives it, `Get-SmbConnection | Select-Object … |
//! ConvertTo-Json -Compress` (docs/windows.md#get-smbconnection), with the JSON a test
//! prepared, and records what it was asked.
//!
//! | variable | effect |
//! |---|---|
//! | `FAKE_PS_SMBCONNECTION` | file whose bytes are printed (default: nothing, as for no connection) |
//! | `FAKE_PS_MODE` | `ok` (default), `fail` (an error on stderr, exit 1), `hang` |
//! | `FAKE_PS_LOG` | file that gets one JSON array of argv per call |
//! | `FAKE_SLEEP_MS`, `FAKE_BARRIER_DIR` + `FAKE_BARRIER_COUNT` | see `common.rs` |
#![forbid(unsafe_code)]

#[path = "common.rs"]
mod common;

use std::io::Write;

use common::var;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    common::log_call("FAKE_PS", &args);
    common::maybe_barrier();
    common::maybe_sleep();
    let command = args.last().cloned().unwrap_or_default();
    if !command.starts_with("Get-SmbConnection") {
        fail("fake-powershell: lanman asks for Get-SmbConnection only\r\n");
    }
    match var("FAKE_PS_MODE").as_deref().unwrap_or("ok") {
        "ok" => {}
        "hang" => common::hang(),
        "fail" => fail(
            "Get-SmbConnection : Access denied \r\nAt line:1 char:1\r\n+ Get-SmbConnection | Select-Object\r\n",
        ),
        other => fail(&format!(
            "fake-powershell: unknown FAKE_PS_MODE {other}\r\n"
        )),
    }
    if let Some(path) = var("FAKE_PS_SMBCONNECTION") {
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| fail(&format!("fake-powershell: {e}\r\n")));
        std::io::stdout().write_all(&bytes).ok();
    }
}

fn fail(stderr: &str) -> ! {
    std::io::stderr().write_all(stderr.as_bytes()).ok();
    std::process::exit(1)
}
