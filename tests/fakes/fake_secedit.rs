//! For lanman's tests only: a stand-in for secedit.exe, selected with `LANMAN_SECEDIT`.
//!
//! It answers `secedit /export /areas SECURITYPOLICY /cfg FILE /quiet` by writing a security
//! template to FILE in UTF-16LE with a byte-order mark, as secedit does
//! (docs/windows.md#secedit), and records what it was asked.
//!
//! | variable | effect |
//! |---|---|
//! | `FAKE_SECEDIT_INF` | the template to write (UTF-8 text); default: one that defines no registry values |
//! | `FAKE_SECEDIT_MODE` | `ok` (default), `denied` (writes nothing, exit 1), `hang`, `garbage` (writes bytes that are not a template) |
//! | `FAKE_SECEDIT_LOG` | file that gets one JSON array of argv per call |
//! | `FAKE_SLEEP_MS`, `FAKE_BARRIER_DIR` + `FAKE_BARRIER_COUNT` | see `common.rs` |
#![forbid(unsafe_code)]

#[path = "common.rs"]
mod common;

use std::io::Write;

use common::var;

/// A template that defines nothing lanman looks for.
const EMPTY_POLICY: &str = "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Registry Values]\r\n";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    common::log_call("FAKE_SECEDIT", &args);
    common::maybe_barrier();
    common::maybe_sleep();
    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    let file = lower
        .iter()
        .position(|a| a == "/cfg")
        .and_then(|i| args.get(i + 1));
    let (Some(file), true) = (file, lower.first().is_some_and(|a| a == "/export")) else {
        fail("fake-secedit: expected /export … /cfg FILE\r\n", 87)
    };
    match var("FAKE_SECEDIT_MODE").as_deref().unwrap_or("ok") {
        "ok" => {
            let text = match var("FAKE_SECEDIT_INF") {
                Some(path) => std::fs::read_to_string(path).expect("FAKE_SECEDIT_INF readable"),
                None => EMPTY_POLICY.to_string(),
            };
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            std::fs::write(file, bytes).expect("template written");
            std::io::stdout()
                .write_all(b"\r\nThe task has completed successfully.\r\n")
                .ok();
        }
        // What a stand-in says is ours: real secedit's wording is not recorded.
        "denied" => fail(
            "\r\nThe task has completed with an error (a stand-in's words).\r\n",
            1,
        ),
        "hang" => common::hang(),
        "garbage" => std::fs::write(file, common::garbage()).expect("garbage written"),
        other => fail(
            &format!("fake-secedit: unknown FAKE_SECEDIT_MODE {other}\r\n"),
            99,
        ),
    }
}

fn fail(stdout: &str, code: i32) -> ! {
    std::io::stdout().write_all(stdout.as_bytes()).ok();
    std::process::exit(code)
}
