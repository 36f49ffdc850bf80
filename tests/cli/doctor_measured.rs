//! doctor shows what was measured next to what was configured (issue 19, intro and section 4;
//! issue 17, section 3): each drive's last loss in the SMB client's event log with the sleep,
//! resume or network event close to it, a failed read of the log as a note, a credential
//! conflict and a Paused drive named, and on a file server its session counters as
//! corroboration. The event XML and the lists are ours (tests/data/README.md), not recordings.

use serde_json::Value;

use crate::support::{Lanman, NETWORK_LOG, SMB_LOG, SYSTEM_LOG};

const RULE: &str =
    "-------------------------------------------------------------------------------";

/// `net use` with these rows (status, drive, remote).
fn use_list(rows: &[(&str, &str, &str)]) -> String {
    let mut text = format!(
        "New connections will be remembered.\r\n\r\nStatus       Local     Remote                    Network\r\n\r\n{RULE}\r\n"
    );
    for (status, local, remote) in rows {
        text.push_str(&format!(
            "{status:<13}{local:<10}{remote:<26}Microsoft Windows Network\r\n"
        ));
    }
    text.push_str("The command completed successfully.\r\n\r\n");
    text
}

/// A client with Z: on \\fs01\data and Y: on \\fs02\home, and the synthetic logs of a client
/// that slept, woke, got its network back and lost \\fs01\data.
fn client() -> Lanman {
    Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_use_text(&use_list(&[
            ("OK", "Z:", "\\\\fs01\\data"),
            ("OK", "Y:", "\\\\fs02\\home"),
        ]))
        .event_log(SMB_LOG, "synthetic-smb-connectivity.xml")
        .event_log(SYSTEM_LOG, "synthetic-system-power.xml")
        .event_log(NETWORK_LOG, "synthetic-network-profile.xml")
}

fn finding_about<'a>(doc: &'a Value, words: &str) -> Option<&'a Value> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains(words))
}

#[test]
fn doctor_shows_each_drives_last_loss_next_to_what_happened_on_this_computer() {
    let out = client().args(["doctor"]).run();
    out.code(0)
        .stdout_has("      Z: \\\\fs01\\data: share connection lost at 2026-12-01T10:32:05Z, 2 minutes after network\n")
        .stdout_has("      Y: \\\\fs02\\home: request timed out with no response from the server (server fs02) at\n");
    let out = client().args(["doctor", "--json"]).run();
    out.code(0).stderr("");
    let doc = out.json();
    let z = &doc["drives"][0];
    let loss = &z["events"]["last_loss"];
    assert_eq!(loss["event"]["id"], 30807);
    assert_eq!(loss["event"]["share"], "data");
    assert_eq!(loss["near"]["event"]["kind"], "network_connected");
    assert_eq!(loss["near"]["seconds_before_loss"], 175);
    // The newest three of fs01's and \\fs01\data's events, oldest first.
    let recent: Vec<u64> = z["events"]["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    assert_eq!(recent, [30807, 30806, 30808]);
    // fs02 had a request time out: a loss without a share, and nothing on this computer near.
    assert_eq!(
        doc["drives"][1]["events"]["last_loss"]["event"]["id"],
        30809
    );
    assert_eq!(doc["drives"][1]["events"]["last_loss"]["near"], Value::Null);
    let found = finding_about(&doc, "shows when each drive's connection was last lost").unwrap();
    assert_eq!(found["drives"], serde_json::json!(["Z:", "Y:"]));
    assert_eq!(found["evidence"], "reported");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("is not an idle drop"),
        "{found}"
    );
    assert_eq!(doc["client"]["events_error"], Value::Null);
}

#[test]
fn a_failed_read_of_the_event_log_is_a_note_not_a_doctor_failure() {
    let out = client()
        .wevtutil_mode("denied")
        .env("FAKE_WEVTUTIL_ONLY", SMB_LOG)
        .args(["doctor", "--json"])
        .run();
    out.code(0).stderr_has(
        "note: the SMB client's event log could not be read, so doctor shows no drive's events: access denied",
    );
    let doc = out.json();
    assert!(doc["client"]["events_error"].is_string(), "{doc}");
    assert_eq!(doc["drives"][0]["events"], Value::Null);
    assert_eq!(doc["error"], Value::Null);
    // With --computer nothing of this computer's logs is read.
    let out = Lanman::new()
        .args(["doctor", "--computer", "FS01", "--json"])
        .run();
    assert!(out.wevtutil_calls.is_empty(), "{:?}", out.wevtutil_calls);
}

#[test]
fn a_credential_conflict_in_the_event_log_is_named_with_its_drives() {
    let conflict = "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"Microsoft-Windows-SMBClient\"/><EventID>30805</EventID><Level>3</Level><TimeCreated SystemTime=\"2026-12-01T08:15:00Z\"/><Channel>Microsoft-Windows-SMBClient/Connectivity</Channel></System><EventData><Data Name=\"Status\">0xc0000195</Data><Data Name=\"ServerName\">\\fs02.corp.example.com</Data></EventData></Event>\r\n";
    let doc = {
        let out = client()
            .event_log_bytes(SMB_LOG, conflict.as_bytes())
            .args(["doctor", "--json"])
            .run();
        out.code(0);
        out.json()
    };
    let found = finding_about(&doc, "STATUS_NETWORK_CREDENTIAL_CONFLICT").unwrap();
    assert_eq!(found["drives"], serde_json::json!(["Y:"]));
    assert_eq!(found["severity"], "warning");
    assert_eq!(found["evidence"], "inferred");
    let message = found["message"].as_str().unwrap();
    assert!(message.contains("System error 1219"), "{message}");
    assert!(message.contains("2026-12-01T08:15:00Z"), "{message}");
    assert!(finding_about(&client().args(["doctor", "--json"]).run().json(), "1219").is_none());
}

#[test]
fn a_paused_drive_is_named_and_not_taken_for_an_idle_drop() {
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_use_text(&use_list(&[
            ("Paused", "P:", "\\\\fs01\\data"),
            ("OK", "Z:", "\\\\fs01\\home"),
        ]))
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    let doc = out.json();
    let found = finding_about(&doc, "Paused").unwrap();
    assert_eq!(found["drives"], serde_json::json!(["P:"]));
    assert_eq!(found["evidence"], "inferred");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("not an idle drop"),
        "{found}"
    );
}

#[test]
fn on_a_file_server_doctor_shows_the_session_counters_as_corroboration() {
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_share("share-en-1.txt")
        .net_recording("FAKE_NET_STATISTICS_SERVER", "stats-server-en-1.txt")
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    let doc = out.json();
    assert_eq!(doc["server"]["shares_folders"], true, "{doc}");
    let stats = &doc["server"]["statistics"];
    assert_eq!(stats["sessions_timed_out"], 0);
    assert_eq!(stats["sessions_errored_out"], 2);
    assert_eq!(stats["since"], "22.05.2017 14:48:02");
    let found = finding_about(&doc, "server statistics since 22.05.2017 14:48:02").unwrap();
    let message = found["message"].as_str().unwrap();
    assert!(
        message.contains("Sessions timed-out 0, Sessions errored-out 2")
            && message.contains("corroboration, never proof"),
        "{message}"
    );
    assert_eq!(found["evidence"], "inferred");

    // A client that shares only administrative shares: no statistics read, none shown.
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_share_text(&format!(
            "Share name   Resource                        Remark\r\n\r\n{RULE}\r\n\
             C$           C:\\                             Default share\r\n\
             IPC$                                         Remote IPC\r\n\
             ADMIN$       C:\\Windows                      Remote Admin\r\n\
             The command completed successfully.\r\n\r\n"
        ))
        .net_recording("FAKE_NET_STATISTICS_SERVER", "stats-server-en-1.txt")
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    let doc = out.json();
    assert_eq!(doc["server"]["shares_folders"], false, "{doc}");
    assert_eq!(doc["server"]["statistics"], Value::Null);
    assert!(
        !out.net_calls.iter().any(|c| c[0] == "statistics"),
        "{:?}",
        out.net_calls
    );
}
