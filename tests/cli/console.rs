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
    line.push(b'\n');
    line
}

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
