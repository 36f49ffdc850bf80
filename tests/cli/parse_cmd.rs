//! `lanman parse`: saved outputs, every encoding, stdin; nothing runs.

use crate::support::{Lanman, fixture, test_data};

#[test]
fn parse_reads_a_file_and_runs_nothing() {
    let out = Lanman::new()
        .args(["parse", "server", "--json"])
        .arg_path(&fixture("server-en-winxp-collapsed.txt"))
        .run();
    out.code(0).ran_nothing().stderr("");
    let json = out.json();
    assert_eq!(json["server_name"], "PChuck1");
    assert_eq!(json["server_comment"], "Primary");
    assert_eq!(json["software_version"], "Windows 2002");
    assert_eq!(json["max_logged_on_users"], 10);
}

#[test]
fn parse_reads_stdin() {
    let bytes = std::fs::read(fixture("server-en-win10-pro.txt")).unwrap();
    for args in [&["parse", "server"][..], &["parse", "server", "-"][..]] {
        Lanman::new()
            .stdin_bytes(bytes.clone())
            .args(args.iter().copied())
            .run()
            .code(0)
            .stdout_has("Idle session time            15 minutes (the Windows default)");
    }
}

#[test]
fn utf16_saved_by_powershell_is_detected() {
    let out = Lanman::new()
        .args(["parse", "server", "--json"])
        .arg_path(&fixture("wire/server-en-win10-pro.utf16le-bom.txt"))
        .run();
    out.code(0);
    assert_eq!(out.json()["idle_session_minutes"], 15);
}

#[test]
fn an_oem_code_page_is_named_with_encoding() {
    let out = Lanman::new()
        .args(["parse", "server", "--json", "--encoding", "cp850"])
        .arg_path(&fixture("wire/server-en-win10-pro.comment-buero.cp850.txt"))
        .run();
    out.code(0).stderr("");
    assert_eq!(out.json()["server_comment"], "Büro São Paulo - Øst");
}

#[test]
fn gbk_is_read_with_cp936() {
    for encoding in ["cp936", "gbk"] {
        let out = Lanman::new()
            .args(["parse", "workstation", "--json", "--encoding", encoding])
            .arg_path(&fixture(
                "wire/workstation-zh-cn-win10-pro-domain.cp936.txt",
            ))
            .run();
        out.code(0).stderr("");
        assert_eq!(out.json()["language"], "zh-CN");
        assert_eq!(out.json()["logon_domain"], "DESKTOP-5T90749");
    }
}

#[test]
fn a_truncated_capture_shows_what_is_there_and_names_what_is_missing() {
    let out = Lanman::new()
        .args(["parse", "workstation", "--json"])
        .arg_path(&fixture("workstation-zh-cn-win7-ultimate-truncated.txt"))
        .run();
    out.code(0).stderr_has(
        "warning: the output is incomplete (a truncated capture?): no line for com_open_timeout_sec, com_send_count_bytes, com_send_timeout_msec",
    );
    let json = out.json();
    assert_eq!(json["computer_name"], "CDPC011");
    assert_eq!(json["transports"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        json["missing"],
        serde_json::json!([
            "com_open_timeout_sec",
            "com_send_count_bytes",
            "com_send_timeout_msec"
        ])
    );
}

#[test]
fn an_unknown_language_is_read_by_structure() {
    let out = Lanman::new()
        .args(["parse", "workstation", "--json", "--encoding", "cp850"])
        .arg_path(&test_data("synthetic-workstation-de.cp850.txt"))
        .run();
    out.code(0).stderr("");
    let json = out.json();
    assert_eq!(json["user_name"], "Hans Müller");
    assert_eq!(json["full_computer_name"], "pc1.corp.example");
    assert_eq!(json["workstation_domain_dns_name"], "corp.example");
    assert_eq!(json["language"], serde_json::Value::Null);
}

#[test]
fn a_missing_file_keeps_exit_3_but_is_a_file_error_not_an_invalid_value() {
    let lanman = Lanman::new();
    let missing = lanman.path("nope.txt");
    lanman
        .args(["parse", "server"])
        .arg_path(&missing)
        .run()
        .code(3)
        .stderr_has("cannot read")
        .one_line_error();
    let lanman = Lanman::new();
    let missing = lanman.path("nope.txt");
    let out = lanman
        .args(["parse", "server", "--json"])
        .arg_path(&missing)
        .run();
    out.code(3);
    assert_eq!(out.json()["error"]["kind"], "file");
}

#[test]
fn an_unknown_encoding_is_an_invalid_value() {
    Lanman::new()
        .args(["parse", "server", "--encoding", "cp99999", "-"])
        .run()
        .code(3)
        .stderr_has("unknown encoding \"cp99999\"")
        .one_line_error();
}

#[test]
fn a_workstation_file_is_not_a_server_output() {
    Lanman::new()
        .args(["parse", "server"])
        .arg_path(&fixture("workstation-en-win7-pro-domain.txt"))
        .run()
        .code(7)
        .stderr_has("this is `net config workstation` output")
        .one_line_error();
}

#[test]
fn an_oversized_input_is_refused_without_reading_it_all() {
    Lanman::new()
        .stdin_bytes(vec![b'x'; 9 << 20])
        .args(["parse", "server"])
        .run()
        .code(7)
        .stderr_has("larger than 8 MiB")
        .one_line_error();
}

#[test]
fn each_kinds_size_limit_names_its_own_output() {
    for (kind, says) in [
        (
            "server",
            "a saved `net config server` output is about 1 KiB",
        ),
        (
            "workstation",
            "a saved `net config workstation` output is about 1 KiB",
        ),
        ("session", "a saved `net session` list is a few KiB"),
        (
            "statistics",
            "a saved `net statistics` output is about 2 KiB",
        ),
        ("events", "save fewer events with /c:N"),
    ] {
        let out = Lanman::new()
            .stdin_bytes(vec![b'x'; 9 << 20])
            .args(["parse", kind])
            .run();
        out.code(7)
            .stderr_has("larger than 8 MiB")
            .stderr_has(says)
            .one_line_error();
        // No kind borrows another's words.
        assert!(
            !out.stderr.contains("a few KiB") || matches!(kind, "session"),
            "{kind}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_saved_net_error_says_what_net_said_for_every_reader() {
    // A capture of `net use X: \\FS03\x` that failed with System error 53: saved in place of
    // a listing, each reader names it as net's error with net's own words (exit 7).
    for (kind, command) in [
        ("server", "net config server"),
        ("workstation", "net config workstation"),
        ("use", "net use"),
        ("share", "net share"),
    ] {
        Lanman::new()
            .args(["parse", kind])
            .arg_path(&fixture("lists/use-en-10.txt"))
            .run()
            .code(7)
            .stderr_has(&format!(
                "this is net.exe's error, not `{command}` output: System error 53: The network path was not found."
            ))
            .one_line_error();
    }
}
