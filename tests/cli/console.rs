//! Behave like a Windows console tool (issue "Behave like a Windows console tool, and ship"):
//! text to a pipe or file in the console's code page (or what --output-encoding says), JSON
//! that is ASCII in any code page, `--output FILE` with the exact bytes of a document, and
//! shell completions.

use crate::support::{Lanman, fixture};

/// A saved `net config server` output (UTF-16LE with a BOM, as PowerShell's `>` saves it)
/// whose comment has ü, ß and Ø: the input is exact whatever the code page, so only lanman's
/// output encoding is tested. Made by the test, not a recording.
fn saved_output(lanman: &Lanman) -> std::path::PathBuf {
    let text = std::fs::read_to_string(fixture("server-en-win10-pro.txt"))
        .unwrap()
        .replace(
            "Server Comment\n",
            "Server Comment                        Büro Straße Øst\n",
        )
        .replace('\n', "\r\n");
    let path = lanman.path("saved-utf16.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn comment_line(encoded: &[u8]) -> Vec<u8> {
    let mut line = b"Comment                      ".to_vec();
    line.extend_from_slice(encoded);
    line.extend_from_slice(LINE_END);
    line
}

/// How lanman ends a line written to a pipe or file: CRLF on Windows, LF elsewhere.
const LINE_END: &[u8] = if cfg!(windows) { b"\r\n" } else { b"\n" };

#[test]
fn output_encoding_oem_writes_the_oem_code_page_and_warns_once() {
    let lanman = Lanman::new();
    let saved = saved_output(&lanman);
    let out = lanman
        .args(["parse", "server", "--output-encoding", "oem"])
        .arg_path(&saved)
        .run();
    out.code(0);
    let oem = lanman::sys::oem_code_page();
    let expected =
        lanman::encode::encode("Büro Straße Øst", lanman::encode::Charset::CodePage(oem));
    let needle = comment_line(&expected.bytes);
    assert!(
        out.stdout_bytes.windows(needle.len()).any(|w| w == needle),
        "{:?}",
        String::from_utf8_lossy(&out.stdout_bytes)
    );
    assert_eq!(
        out.stderr.matches("written as `?`").count(),
        usize::from(expected.replaced),
        "{}",
        out.stderr
    );
}

#[test]
fn output_encoding_utf8_and_utf16_keep_every_character() {
    let lanman = Lanman::new();
    let saved = saved_output(&lanman);
    let out = lanman
        .args(["parse", "server", "--output-encoding", "utf-8"])
        .arg_path(&saved)
        .run();
    out.code(0);
    let needle = comment_line("Büro Straße Øst".as_bytes());
    assert!(out.stdout_bytes.windows(needle.len()).any(|w| w == needle));
    let lanman = Lanman::new();
    let saved = saved_output(&lanman);
    let out = lanman
        .args(["parse", "server", "--output-encoding", "utf-16le"])
        .arg_path(&saved)
        .run();
    out.code(0);
    let text: Vec<u16> = out
        .stdout_bytes
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert!(
        String::from_utf16(&text)
            .unwrap()
            .contains("Büro Straße Øst")
    );
    assert!(!out.stderr.contains("written as `?`"));
}

#[test]
fn an_unknown_output_encoding_is_refused() {
    Lanman::new()
        .args(["server", "--output-encoding", "ebcdic"])
        .run()
        .code(3)
        .ran_nothing()
        .one_line_error();
}

/// Windows PowerShell 5.1's `ConvertFrom-Json` and `for /f` read JSON the same in any code page
/// because it is ASCII.
#[test]
fn json_is_ascii_in_every_encoding() {
    for encoding in ["oem", "ansi", "utf-8"] {
        let lanman = Lanman::new();
        let saved = saved_output(&lanman);
        let out = lanman
            .args(["parse", "server", "--json", "--output-encoding", encoding])
            .arg_path(&saved)
            .run();
        out.code(0);
        assert!(out.stdout_bytes.is_ascii(), "{encoding}");
        assert!(
            out.stdout
                .contains(r#""server_comment": "B\u00fcro Stra\u00dfe \u00d8st""#),
            "{}",
            out.stdout
        );
        assert_eq!(out.json()["server_comment"], "Büro Straße Øst");
    }
}

/// On Windows, with no --output-encoding, a pipe gets the console's code page (the Wine lane
/// runs this in code page 437, where Ø is missing, and in 850, where it is not).
#[cfg(windows)]
#[test]
fn a_pipe_gets_the_console_code_page_by_default() {
    let lanman = Lanman::new();
    let saved = saved_output(&lanman);
    let out = lanman.args(["parse", "server"]).arg_path(&saved).run();
    out.code(0);
    let lanman::encode::Charset::CodePage(cp) = lanman::sys::default_output_charset() else {
        panic!("a code page on Windows")
    };
    if let Ok(expected) = std::env::var("LANMAN_EXPECT_OEMCP") {
        assert_eq!(
            cp.to_string(),
            expected,
            "the console code page on this lane"
        );
    }
    let expected = lanman::encode::encode("Büro Straße Øst", lanman::encode::Charset::CodePage(cp));
    let needle = comment_line(&expected.bytes);
    assert!(
        out.stdout_bytes.windows(needle.len()).any(|w| w == needle),
        "code page {cp}: {:?}",
        out.stdout_bytes
    );
    assert_eq!(
        out.stderr.contains("written as `?`"),
        expected.replaced,
        "{}",
        out.stderr
    );
}

#[test]
fn export_output_writes_the_bytes_regedit_and_secedit_write() {
    let lanman = Lanman::new();
    let reg = lanman.path("lanman.reg");
    let inf = lanman.path("GptTmpl.inf");
    let xml = lanman.path("Registry.xml");
    let json = lanman.path("state.json");
    let out = lanman
        .args([
            "export",
            "--autodisconnect",
            "480",
            "--keepconn",
            "1h",
            "--output",
        ])
        .arg_path(&reg)
        .run();
    out.code(0)
        .stdout("")
        .ran_nothing()
        .stderr_has("note: wrote ");
    let bytes = std::fs::read(&reg).unwrap();
    assert_eq!(&bytes[..2], [0xFF, 0xFE], "UTF-16LE with a byte-order mark");
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&units).unwrap();
    assert!(text.starts_with("Windows Registry Editor Version 5.00\r\n\r\n["));
    assert!(text.contains("\"autodisconnect\"=dword:000001e0\r\n"));
    assert!(text.contains("\"KeepConn\"=dword:00000e10\r\n"));
    let lanman = Lanman::new();
    lanman
        .args([
            "export",
            "--autodisconnect",
            "off",
            "--format",
            "inf",
            "--output",
        ])
        .arg_path(&inf)
        .run()
        .code(0);
    let bytes = std::fs::read(&inf).unwrap();
    assert_eq!(&bytes[..4], [0xFF, 0xFE, b'[', 0]);
    let lanman = Lanman::new();
    lanman
        .args(["export", "--keepconn", "60", "--format", "gpp", "--output"])
        .arg_path(&xml)
        .run()
        .code(0);
    assert!(
        std::fs::read(&xml)
            .unwrap()
            .starts_with(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n")
    );
    let lanman = Lanman::new();
    lanman
        .args(["export", "--keepconn", "60", "--json", "--output"])
        .arg_path(&json)
        .run()
        .code(0)
        .stdout("");
    let state: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(state["registry"][0]["data"], 60);
}

#[test]
fn export_output_that_cannot_be_written_is_one_line() {
    // A folder where a file should go: the exit table's "the report could not be written".
    let lanman = Lanman::new();
    let folder = lanman.path("");
    lanman
        .args(["export", "--keepconn", "60", "--format", "reg", "--output"])
        .arg_path(&folder)
        .run()
        .code(1)
        .stderr_has("cannot write")
        .one_line_error();
}

#[test]
fn completions_are_generated_for_every_shell() {
    for (shell, needle) in [
        ("powershell", "Register-ArgumentCompleter"),
        ("bash", "complete -F"),
        ("zsh", "#compdef lanman"),
        ("fish", "complete -c lanman"),
    ] {
        let out = Lanman::new().args(["completions", shell]).run();
        out.code(0).ran_nothing().stdout_has(needle);
        // The catalogue's settings are there as `set` subcommands.
        assert!(out.stdout.contains("keepconn"), "{shell}");
        assert!(out.stdout.contains("autodisconnect"), "{shell}");
    }
    Lanman::new()
        .args(["completions", "cmd"])
        .run()
        .code(3)
        .one_line_error();
}

/// Every line lanman writes to a pipe ends in CRLF on Windows (as net.exe's and `echo`'s in
/// the same log) and in LF elsewhere: values, tables, JSON, errors on stderr, every encoding;
/// bash's completion script keeps LF, which bash needs.
#[test]
fn lines_to_a_pipe_end_as_the_platform_ends_them() {
    let ends_right = |bytes: &[u8], what: &str| {
        let text = String::from_utf8_lossy(bytes);
        let lines = text.matches('\n').count();
        assert!(lines > 0, "{what}: no line");
        let crlf = text.matches("\r\n").count();
        let expected = if cfg!(windows) { lines } else { 0 };
        assert_eq!(crlf, expected, "{what}: {text:?}");
    };
    let server = || Lanman::new().server("server-en-win10-pro.txt");
    let out = server().args(["get", "autodisconnect"]).run();
    out.code(0);
    assert_eq!(out.stdout_bytes, [b"15".as_slice(), LINE_END].concat());
    let out = server().args(["server"]).run();
    ends_right(&out.stdout_bytes, "server");
    let out = server().args(["server", "--json"]).run();
    ends_right(&out.stdout_bytes, "server --json");
    let out = server().net_mode("denied").args(["server", "--json"]).run();
    out.code(4);
    ends_right(&out.stdout_bytes, "a failure's JSON");
    let out = server().args(["get", "nope", "--json"]).run();
    out.code(3);
    ends_right(&out.stdout_bytes, "a usage error's JSON");
    // stderr: warnings and errors.
    let out = server()
        .net_mode("denied")
        .args(["get", "autodisconnect"])
        .run();
    out.code(4);
    ends_right(&out.stderr_bytes, "an error on stderr");
    let out = server()
        .args(["set", "autodisconnect", "0", "--allow-zero", "--dry-run"])
        .run();
    out.code(0);
    ends_right(&out.stdout_bytes, "a dry run's plan");
    // UTF-16LE: the CR is a UTF-16 unit too.
    let out = server()
        .args(["get", "autodisconnect", "--output-encoding", "utf-16le"])
        .run();
    let expected: Vec<u8> = if cfg!(windows) { "15\r\n" } else { "15\n" }
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(out.stdout_bytes, expected);
    let out = Lanman::new().args(["completions", "bash"]).run();
    out.code(0);
    assert!(!out.stdout_bytes.contains(&b'\r'), "a bash script keeps LF");
    let out = Lanman::new().args(["completions", "powershell"]).run();
    ends_right(&out.stdout_bytes, "the PowerShell script");
    let out = Lanman::new().args(["--help"]).run();
    out.code(0);
    ends_right(&out.stdout_bytes, "--help to a pipe");
}

/// The measuring commands write through the same writer: every line they print to a pipe
/// (tables, JSON, the JSON Lines of `watch`, its summary, warnings and errors on stderr) ends
/// in CRLF on Windows and in LF elsewhere.
#[test]
fn the_measuring_commands_end_lines_as_the_platform_ends_them() {
    let ends_right = |bytes: &[u8], what: &str| {
        let text = String::from_utf8_lossy(bytes);
        let lines = text.matches('\n').count();
        assert!(lines > 0, "{what}: no line");
        let crlf = text.matches("\r\n").count();
        let expected = if cfg!(windows) { lines } else { 0 };
        assert_eq!(crlf, expected, "{what}: {text:?}");
    };
    let sessions = || {
        Lanman::new()
            .server("server-en-win10-pro.txt")
            .net_recording("FAKE_NET_SESSION", "session-en-2.txt")
    };
    for args in [&["sessions"][..], &["sessions", "--json"]] {
        let out = sessions().args(args).run();
        out.code(0);
        ends_right(&out.stdout_bytes, &format!("{args:?}"));
    }
    let statistics =
        || Lanman::new().net_recording("FAKE_NET_STATISTICS_SERVER", "stats-server-en-1.txt");
    let out = statistics().args(["statistics"]).run();
    ends_right(&out.stdout_bytes, "statistics");
    ends_right(&out.stderr_bytes, "statistics' note");
    let out = statistics().args(["statistics", "--json"]).run();
    ends_right(&out.stdout_bytes, "statistics --json");
    let events =
        || Lanman::new().event_log(crate::support::SMB_LOG, "synthetic-smb-connectivity.xml");
    ends_right(&events().args(["events"]).run().stdout_bytes, "events");
    ends_right(
        &events().args(["events", "--json"]).run().stdout_bytes,
        "events --json",
    );
    let out = Lanman::new()
        .args(["parse", "session"])
        .arg_path(&fixture("sessions/session-en-2.txt"))
        .run();
    ends_right(&out.stdout_bytes, "parse session");
    let lanman = Lanman::new();
    let dir = lanman.path("capture");
    let out = lanman.args(["capture"]).arg_path(&dir).run();
    out.code(0);
    ends_right(&out.stdout_bytes, "capture");
    ends_right(&out.stderr_bytes, "capture's warnings");
    // JSON Lines: each object, and the summary's lines of text.
    let watch = || {
        Lanman::new()
            .clock_at("2026-03-02T08:00:00Z")
            .net_use("use-en-7.txt")
    };
    let out = watch().args(["watch", "--count", "2", "--json"]).run();
    out.code(0);
    ends_right(&out.stdout_bytes, "watch --json");
    let out = watch().args(["watch", "--count", "2"]).run();
    ends_right(&out.stdout_bytes, "watch");
    let out = Lanman::new()
        .net_sequence("FAKE_NET_SESSION", &["!denied"])
        .args(["sessions"])
        .run();
    out.code(4);
    ends_right(&out.stderr_bytes, "an error on stderr");
}
