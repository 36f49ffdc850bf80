//! For lanman's tests only: a stand-in for wevtutil.exe, selected with `LANMAN_WEVTUTIL`.
//!
//! It answers `wevtutil qe LOG … /f:xml` by replaying a file of event XML for that log and
//! records what it was asked. Everything is driven by environment variables:
//!
//! | variable | effect |
//! |---|---|
//! | `FAKE_WEVTUTIL_EVENTS` | directory: `qe LOG` replays `LOG` with `/` as `_` and `.xml` added (`Microsoft-Windows-SMBClient_Connectivity.xml`); a log without a file does not exist (exit 15007, ERROR_EVT_CHANNEL_NOT_FOUND) |
//! | `FAKE_WEVTUTIL_UTF16` | `1`: write the file's text as UTF-16LE without a byte-order mark, as `/uni:true` is taken to (docs/windows.md#wevtutil); otherwise its bytes unchanged |
//! | `FAKE_WEVTUTIL_MODE` | `replay` (default), `denied` (exit 5, ERROR_ACCESS_DENIED), `fail` (exit `FAKE_WEVTUTIL_EXIT`, stderr from the file `FAKE_WEVTUTIL_STDERR`), `hang`, `flood` (events without end), `garbage` |
//! | `FAKE_WEVTUTIL_ONLY` | a log name: the mode applies to that log only, the others replay |
//! | `FAKE_WEVTUTIL_LOG` | file that gets one JSON array of argv per call |
//!
//! What a stand-in prints on stderr is its own wording: wevtutil's real messages are
//! localized and lanman never reads them for meaning, only shows them.
#![forbid(unsafe_code)]

#[path = "common.rs"]
mod common;

use std::io::Write;
use std::path::PathBuf;

use common::var;

/// ERROR_EVT_CHANNEL_NOT_FOUND (docs/windows.md#wevtutil).
const CHANNEL_NOT_FOUND: i32 = 15007;
/// ERROR_ACCESS_DENIED.
const ACCESS_DENIED: i32 = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    common::log_call("FAKE_WEVTUTIL", &args);
    common::maybe_barrier();
    common::maybe_sleep();

    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    let (Some(verb), Some(log)) = (lower.first(), args.get(1)) else {
        fail("fake-wevtutil: expected qe LOG …\r\n", 87)
    };
    if verb != "qe" && verb != "query-events" {
        fail("fake-wevtutil: only qe is implemented\r\n", 87);
    }
    if !lower.iter().any(|a| a == "/f:xml" || a == "/format:xml") {
        fail("fake-wevtutil: only /f:xml is implemented\r\n", 87);
    }
    let applies = var("FAKE_WEVTUTIL_ONLY").is_none_or(|only| only.eq_ignore_ascii_case(log));
    let mode = if applies {
        var("FAKE_WEVTUTIL_MODE").unwrap_or_else(|| "replay".to_string())
    } else {
        "replay".to_string()
    };
    match mode.as_str() {
        "replay" => replay(log),
        "denied" => fail(
            &format!("Failed to read log {log} (a stand-in's words: access is denied).\r\n"),
            ACCESS_DENIED,
        ),
        "fail" => {
            if let Some(path) = var("FAKE_WEVTUTIL_STDERR") {
                let bytes = std::fs::read(path).expect("FAKE_WEVTUTIL_STDERR readable");
                std::io::stderr().write_all(&bytes).ok();
            }
            let code = var("FAKE_WEVTUTIL_EXIT")
                .and_then(|c| c.parse().ok())
                .unwrap_or(1);
            std::process::exit(code)
        }
        "hang" => common::hang(),
        "flood" => flood(),
        "garbage" => {
            std::io::stdout().write_all(&common::garbage()).ok();
        }
        other => fail(
            &format!("fake-wevtutil: unknown FAKE_WEVTUTIL_MODE {other}\r\n"),
            99,
        ),
    }
}

/// The file for `log`, or the exit code of a log that does not exist.
fn replay(log: &str) {
    let Some(dir) = var("FAKE_WEVTUTIL_EVENTS") else {
        fail("fake-wevtutil: FAKE_WEVTUTIL_EVENTS is not set\r\n", 99)
    };
    let file = PathBuf::from(dir).join(format!("{}.xml", log.replace(['/', '\\'], "_")));
    let Ok(bytes) = std::fs::read(&file) else {
        fail(
            &format!("Failed to query log {log} (a stand-in's words: no such channel).\r\n"),
            CHANNEL_NOT_FOUND,
        )
    };
    std::io::stdout().write_all(&encode(&bytes)).ok();
}

fn encode(bytes: &[u8]) -> Vec<u8> {
    if var("FAKE_WEVTUTIL_UTF16").as_deref() == Some("1") {
        String::from_utf8_lossy(bytes)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect()
    } else {
        bytes.to_vec()
    }
}

/// The same event again and again, until the reader goes away.
fn flood() -> ! {
    let event = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
        <Provider Name='Microsoft-Windows-SMBClient'/><EventID>30805</EventID>\
        <TimeCreated SystemTime='2026-12-01T10:32:05.1234567Z'/>\
        <Channel>Microsoft-Windows-SMBClient/Connectivity</Channel></System>\
        <EventData><Data Name='ServerName'>\\FLOOD</Data></EventData></Event>\r\n";
    let chunk = encode(event.repeat(64).as_bytes());
    let mut out = std::io::stdout().lock();
    loop {
        if out.write_all(&chunk).is_err() {
            std::process::exit(0);
        }
    }
}

fn fail(stderr: &str, code: i32) -> ! {
    std::io::stderr().write_all(stderr.as_bytes()).ok();
    std::process::exit(code)
}
