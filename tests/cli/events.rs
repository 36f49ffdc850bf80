//! `lanman events` (issue 19, section 4) against the fake wevtutil: the SMB client's
//! connectivity events with their IDs and times, the sleep and network events beside them,
//! and every way wevtutil can fail. The event XML is synthetic (tests/data/README.md): no real
//! SMB client connectivity event has been found published.

use serde_json::{Value, json};

use crate::support::{Lanman, NETWORK_LOG, SMB_LOG, SYSTEM_LOG, absolute};

/// A client that slept, woke, got its network back and lost \\fs01\data, as the three logs
/// would show it.
fn with_events() -> Lanman {
    Lanman::new()
        .event_log(SMB_LOG, "synthetic-smb-connectivity.xml")
        .event_log(SYSTEM_LOG, "synthetic-system-power.xml")
        .event_log(NETWORK_LOG, "synthetic-network-profile.xml")
}

/// `wevtutil qe LOG /q:QUERY /f:xml /rd:true /c:300 /uni:true`
fn query(log: &str, xpath: &str) -> Vec<String> {
    [
        "qe",
        log,
        &format!("/q:{xpath}"),
        "/f:xml",
        "/rd:true",
        "/c:300",
        "/uni:true",
    ]
    .map(String::from)
    .to_vec()
}

fn within(milliseconds: u64) -> String {
    format!("TimeCreated[timediff(@SystemTime) <= {milliseconds}]")
}

#[test]
fn events_json_prints_each_event_with_its_id_kind_and_time() {
    let out = with_events().args(["events", "--json"]).run();
    out.code(0).stderr("");
    let doc = out.json();
    let events = doc["events"].as_array().unwrap();
    let ids: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
    // Oldest first, the three logs merged.
    assert_eq!(
        ids,
        [
            10001, 42, 107, 1, 10000, 30804, 30805, 30807, 30806, 30808, 30809
        ]
    );
    let lost = &events[7];
    assert_eq!(
        *lost,
        json!({
            "time": "2026-12-01T10:32:05.3456789Z",
            "id": 30807,
            "kind": "share_connection_lost",
            "log": "Microsoft-Windows-SMBClient/Connectivity",
            "provider": "Microsoft-Windows-SMBClient",
            "server": "fs01",
            "share": "data",
            "status": "0xC000020C",
            "level": 3,
            "record_id": 103,
            "computer": "PC1.corp.example.com",
            "data": {
                "Address": "0200BD01C0A80A0A0000000000000000",
                "AddressLength": "16",
                "ServerName": "\\fs01\\data",
                "ServerNameLength": "10",
                "SessionId": "8796093022277",
                "Status": "3221225996",
                "TreeId": "5"
            }
        })
    );
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "network_disconnected",
            "entering_sleep",
            "resumed_from_sleep",
            "returned_from_low_power",
            "network_connected",
            "connection_disconnected",
            "session_lost",
            "share_connection_lost",
            "session_reestablished",
            "share_reestablished",
            "request_timed_out",
        ]
    );
    assert_eq!(events[5]["server"], "fs01");
    assert_eq!(events[5]["share"], Value::Null);
    assert_eq!(events[10]["server"], "fs02");
    assert_eq!(events[10]["status"], "0xC00000B5");
    assert_eq!(events[0]["server"], Value::Null);
    assert_eq!(
        doc["logs"],
        json!([
            {"log": SMB_LOG, "read": true, "events": 6, "limit_reached": false, "cut": false, "error": null},
            {"log": SYSTEM_LOG, "read": true, "events": 3, "limit_reached": false, "cut": false, "error": null},
            {"log": NETWORK_LOG, "read": true, "events": 2, "limit_reached": false, "cut": false, "error": null},
        ])
    );
    assert_eq!(doc["warnings"], json!([]));
    assert_eq!(doc["error"], Value::Null);
    let since = doc["since"].as_str().unwrap();
    assert!(since.ends_with('Z') && since.len() >= 20, "{since}");
}

#[test]
fn events_runs_the_documented_queries_with_the_default_week() {
    let week = within(604_800_000);
    let out = with_events().args(["events"]).run();
    out.code(0);
    let mut calls = out.wevtutil_calls.clone();
    calls.sort();
    let mut expected = vec![
        query(
            SMB_LOG,
            &format!(
                "*[System[(EventID=30804 or EventID=30805 or EventID=30806 or EventID=30807 or EventID=30808 or EventID=30809) and {week}]]"
            ),
        ),
        query(
            SYSTEM_LOG,
            &format!(
                "*[System[((Provider[@Name='Microsoft-Windows-Kernel-Power'] and (EventID=42 or EventID=107)) or (Provider[@Name='Microsoft-Windows-Power-Troubleshooter'] and (EventID=1))) and {week}]]"
            ),
        ),
        query(
            NETWORK_LOG,
            &format!("*[System[(EventID=10000 or EventID=10001) and {week}]]"),
        ),
    ];
    expected.sort();
    assert_eq!(calls, expected);
    assert!(out.net_calls.is_empty() && out.reg_calls.is_empty());
}

#[test]
fn since_reaches_every_query_in_milliseconds() {
    let out = Lanman::new().args(["events", "--since", "1d12h"]).run();
    out.code(0);
    assert_eq!(out.wevtutil_calls.len(), 3);
    for call in &out.wevtutil_calls {
        assert!(call[2].contains(&within(129_600_000)), "{call:?}");
    }
}

#[test]
fn events_text_is_a_timeline_per_server_and_share() {
    let out = with_events().args(["events", "--since", "30d"]).run();
    out.code(0).stderr("");
    let (header, rest) = out.stdout.split_once('\n').unwrap();
    assert!(
        header.starts_with("Events since ")
            && header.ends_with(" (30d), oldest first, times in UTC"),
        "{header}"
    );
    assert_eq!(
        rest,
        "\n\
         \\\\fs01\n\
         \x20 2026-12-01T10:31:59Z  SMBClient 30804  connection disconnected (status 0xC000020C)\n\
         \x20 2026-12-01T10:32:00Z  SMBClient 30805  session lost (status 0xC000020C)\n\
         \x20 2026-12-01T10:33:06Z  SMBClient 30806  session re-established\n\
         \n\
         \\\\fs01\\data\n\
         \x20 2026-12-01T10:32:05Z  SMBClient 30807  share connection lost (status 0xC000020C)\n\
         \x20 2026-12-01T10:33:06Z  SMBClient 30808  share connection re-established\n\
         \n\
         \\\\fs02\n\
         \x20 2026-12-01T11:15:42Z  SMBClient 30809  request timed out with no response from the server (status 0xC00000B5)\n\
         \n\
         This computer (sleep, resume, network)\n\
         \x20 2026-12-01T09:00:00Z  NetworkProfile 10001  network disconnected: corp.example.com\n\
         \x20 2026-12-01T09:00:00Z  Kernel-Power 42  entering sleep\n\
         \x20 2026-12-01T10:28:00Z  Kernel-Power 107  resume from sleep\n\
         \x20 2026-12-01T10:28:00Z  Power-Troubleshooter 1  return from a low power state (asleep from 2026-12-01T09:00:01Z to 2026-12-01T10:27:58Z)\n\
         \x20 2026-12-01T10:29:10Z  NetworkProfile 10000  network connected: corp.example.com\n"
    );
}

#[test]
fn wevtutils_unicode_output_reads_the_same_as_utf8() {
    let utf8 = with_events().args(["events", "--json"]).run();
    let utf16 = with_events()
        .env("FAKE_WEVTUTIL_UTF16", "1")
        .args(["events", "--json"])
        .run();
    utf16.code(0).stderr("");
    assert_eq!(utf16.json()["events"], utf8.json()["events"]);
    assert_eq!(utf16.json()["events"].as_array().unwrap().len(), 11);
}

#[test]
fn no_events_is_said_and_json_lists_none() {
    let out = Lanman::new().args(["events"]).run();
    out.code(0).stderr("");
    assert!(
        out.stdout
            .ends_with("\n\nNo SMB client connectivity events.\n"),
        "{}",
        out.stdout
    );
    let out = Lanman::new().args(["events", "--json"]).run();
    out.code(0);
    assert_eq!(out.json()["events"], json!([]));
    assert_eq!(out.json()["error"], Value::Null);
}

#[test]
fn a_bad_since_is_exit_3_in_one_line_and_nothing_runs() {
    for bad in ["7", "0m", "2w", "-1d", "1.5d", "400d", "12h1d", ""] {
        let out = Lanman::new().args(["events", "--since", bad]).run();
        out.code(3)
            .stdout("")
            .stderr_has("invalid --since")
            .stderr_has("expected a duration such as 30m, 24h, 7d")
            .one_line_error()
            .ran_nothing();
    }
}

// An exit status above 255 exists only on Windows: on Linux the fake's 15007
// (ERROR_EVT_CHANNEL_NOT_FOUND) arrives as 15007 % 256. The Windows lane runs these; the
// classification by exit status is unit-tested in src/machine/events.rs on every lane.
#[cfg(windows)]
#[test]
fn a_missing_smb_log_is_exit_6_and_json_says_why() {
    let out = with_events()
        .no_event_log(SMB_LOG)
        .args(["events", "--json"])
        .run();
    out.code(6)
        .stderr_has(
            "the event log Microsoft-Windows-SMBClient/Connectivity does not exist on this computer",
        )
        .stderr_has("exit status 15007")
        .one_line_error();
    let doc = out.json();
    assert_eq!(doc["error"]["exit_code"], 6);
    assert_eq!(doc["error"]["kind"], "program_failed");
}

// Windows only, as above: the log's absence is told by exit status 15007.
#[cfg(windows)]
#[test]
fn a_missing_context_log_is_a_warning_and_the_rest_is_shown() {
    let out = with_events()
        .no_event_log(NETWORK_LOG)
        .args(["events", "--json"])
        .run();
    out.code(0)
        .stderr_has("warning: the Microsoft-Windows-NetworkProfile/Operational log was not read:")
        .stderr_has("does not exist on this computer");
    let doc = out.json();
    assert_eq!(doc["logs"][2]["read"], false);
    assert!(
        doc["logs"][2]["error"]
            .as_str()
            .unwrap()
            .contains("ERROR_EVT_CHANNEL_NOT_FOUND")
    );
}

#[test]
fn a_context_log_that_fails_is_a_warning_and_the_rest_is_shown() {
    let out = with_events().wevtutil_mode("fail");
    let stderr = out.path("stderr.txt");
    std::fs::write(&stderr, "Journal illisible (mots d'un remplaçant).\r\n").unwrap();
    let out = out
        .env("FAKE_WEVTUTIL_STDERR", &stderr)
        .env("FAKE_WEVTUTIL_EXIT", "13")
        .env("FAKE_WEVTUTIL_ONLY", NETWORK_LOG)
        .args(["events", "--json"])
        .run();
    out.code(0).stderr_has(
        "warning: the Microsoft-Windows-NetworkProfile/Operational log was not read: \
         `wevtutil qe Microsoft-Windows-NetworkProfile/Operational` failed (exit status 13): \
         Journal illisible",
    );
    let doc = out.json();
    assert_eq!(doc["events"].as_array().unwrap().len(), 9);
    assert_eq!(
        doc["logs"][2],
        json!({
            "log": NETWORK_LOG, "read": false, "events": 0, "limit_reached": false, "cut": false,
            "error": "`wevtutil qe Microsoft-Windows-NetworkProfile/Operational` failed (exit status 13): Journal illisible (mots d'un rempla\u{e7}ant)."
        })
    );
    assert_eq!(doc["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn access_denied_to_the_smb_log_is_exit_4() {
    with_events()
        .wevtutil_mode("denied")
        .env("FAKE_WEVTUTIL_ONLY", SMB_LOG)
        .args(["events"])
        .run()
        .code(4)
        .stdout("")
        .stderr_has("access denied reading the event log Microsoft-Windows-SMBClient/Connectivity")
        .stderr_has("elevated command prompt")
        .one_line_error();
}

#[test]
fn a_hanging_wevtutil_is_stopped_at_the_timeout() {
    with_events()
        .wevtutil_mode("hang")
        .args(["--timeout", "1", "events"])
        .run()
        .code(8)
        .stdout("")
        .stderr_has(
            "`wevtutil qe Microsoft-Windows-SMBClient/Connectivity` did not finish within 1 s",
        )
        .one_line_error();
}

#[test]
fn a_hanging_context_log_is_a_warning() {
    let out = with_events()
        .wevtutil_mode("hang")
        .env("FAKE_WEVTUTIL_ONLY", SYSTEM_LOG)
        .args(["--timeout", "1", "events", "--json"])
        .run();
    out.code(0)
        .stderr_has("warning: the System log was not read:");
    assert_eq!(out.json()["logs"][1]["read"], false);
    assert_eq!(out.json()["events"].as_array().unwrap().len(), 8);
}

#[test]
fn a_missing_or_relative_wevtutil_is_exit_6_and_nothing_runs() {
    let missing = absolute(std::path::Path::new("no-such-dir/wevtutil.exe"));
    Lanman::new()
        .env("LANMAN_WEVTUTIL", &missing)
        .args(["events"])
        .run()
        .code(6)
        .stderr_has("wevtutil.exe not found at")
        .stderr_has("LANMAN_WEVTUTIL")
        .one_line_error()
        .ran_nothing();
    Lanman::new()
        .env("LANMAN_WEVTUTIL", "wevtutil.exe")
        .args(["events"])
        .run()
        .code(6)
        .stderr_has("LANMAN_WEVTUTIL must be an absolute path")
        .one_line_error()
        .ran_nothing();
}

#[test]
fn output_that_is_not_event_xml_is_exit_7() {
    with_events()
        .wevtutil_mode("garbage")
        .args(["events"])
        .run()
        .code(7)
        .stderr_has("`wevtutil qe Microsoft-Windows-SMBClient/Connectivity` printed something that is not event XML")
        .one_line_error();
}

#[test]
fn a_failing_wevtutil_is_shown_in_its_own_words_with_its_status() {
    let out = with_events().wevtutil_mode("fail");
    let stderr = out.path("stderr.txt");
    std::fs::write(
        &stderr,
        "Échec de la requête du journal (mots d'un remplaçant).\r\n",
    )
    .unwrap();
    out.env("FAKE_WEVTUTIL_STDERR", &stderr)
        .env("FAKE_WEVTUTIL_EXIT", "31")
        .args(["events"])
        .run()
        .code(6)
        .stderr_has("exit status 31")
        .stderr_has("Échec de la requête du journal")
        .one_line_error();
}

#[test]
fn an_endless_output_is_cut_at_the_cap_and_read_up_to_the_cut() {
    let out = with_events()
        .wevtutil_mode("flood")
        .env("FAKE_WEVTUTIL_ONLY", SMB_LOG)
        .args(["events", "--json"])
        .run();
    out.code(0)
        .stderr_has("printed more than 1 MiB; the older events after the cut were not read");
    let doc = out.json();
    assert_eq!(doc["logs"][0]["cut"], true);
    let floods = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["server"] == "FLOOD")
        .count();
    assert!(floods > 100, "{floods}");
}

#[test]
fn the_help_documents_the_default_window() {
    Lanman::new()
        .args(["events", "--help"])
        .run()
        .code(0)
        .stdout_has("[default: 7d]")
        .stdout_has("wevtutil");
}

/// `since` is to the second, as doctor's `generated_at`: now minus `--since`.
#[test]
fn since_is_printed_to_the_second() {
    let out = Lanman::new().args(["events", "--json"]).run();
    out.code(0);
    let since = out.json()["since"].as_str().unwrap().to_string();
    assert!(
        since.len() == 20 && since.ends_with('Z') && !since.contains('.'),
        "{since}"
    );
    let out = Lanman::new()
        .clock_at("2026-12-01T12:00:00.123456789Z")
        .args(["events", "--since", "1d", "--json"])
        .run();
    assert_eq!(out.json()["since"], "2026-11-30T12:00:00Z");
}

/// `parse events` reads a saved `wevtutil qe … /f:xml` output, as the other `parse` kinds read
/// theirs: the same events and timeline as `lanman events`, any encoding, and on a file that
/// is not event XML the document with `events` null and exit 7.
#[test]
fn parse_events_reads_a_saved_wevtutil_output() {
    let saved = crate::support::test_data("events/synthetic-smb-connectivity.xml");
    let live = with_events().args(["events", "--json"]).run();
    let out = Lanman::new()
        .args(["parse", "events", "--json"])
        .arg_path(&saved)
        .run();
    out.code(0).ran_nothing();
    let smb: Vec<Value> = live.json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["log"] == SMB_LOG)
        .cloned()
        .collect();
    assert_eq!(out.json()["events"], json!(smb));
    assert_eq!(
        crate::contract::top_level_keys(&out.stdout),
        ["events", "warnings", "error"]
    );
    // As PowerShell's `>` saves it: UTF-16LE with a byte-order mark.
    let lanman = Lanman::new();
    let utf16 = lanman.path("events.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            std::fs::read_to_string(&saved)
                .unwrap()
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(&utf16, bytes).unwrap();
    let text = lanman.args(["parse", "events"]).arg_path(&utf16).run();
    text.code(0).stderr("");
    assert!(
        text.stdout
            .starts_with("Events, oldest first, times in UTC\n\n\\\\fs01\n"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains(
            "  2026-12-01T10:32:05Z  SMBClient 30807  share connection lost (status 0xC000020C)\n"
        ),
        "{}",
        text.stdout
    );
    let out = Lanman::new()
        .args(["parse", "events", "--json"])
        .arg_path(&crate::support::fixture("server-en-win10-pro.txt"))
        .run();
    out.code(7)
        .stderr_has("not the event XML of `wevtutil qe LOG /f:xml`");
    assert_eq!(out.json()["events"], Value::Null);
    assert_eq!(out.json()["error"]["kind"], "not_understood");
}
