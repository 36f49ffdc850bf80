//! Which drive, which server (issue "Which drive, which server"): `lanman drives`, `parse use`
//! and `parse share`, and doctor for every mapped drive.

use serde_json::{Value, json};

use crate::support::{Lanman, SERVER_KEY, fixture};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";

/// A `net use` list in the recorded English layout (fixtures/lists/use-en-7.txt's columns),
/// with drives on four servers, an IPC$ connection and a WebDAV folder. Ours, not a recording.
pub const DRIVES: &str = "New connections will be remembered.\r\n\r\n\
Status       Local     Remote                    Network\r\n\r\n\
-------------------------------------------------------------------------------\r\n\
OK           S:        \\\\FS01\\data              Microsoft Windows Network\r\n\
Disconnected T:        \\\\FS01\\scans             Microsoft Windows Network\r\n\
Unavailable  U:        \\\\FS02\\home              Microsoft Windows Network\r\n\
OK           V:        \\\\FS03\\archive           Microsoft Windows Network\r\n\
OK                     \\\\FS04\\IPC$              Microsoft Windows Network\r\n\
OK           W:        https://dav.example.com/files\r\n\
                                                Web Client Network\r\n\
The command completed successfully.\r\n\r\n";

fn with_drives() -> Lanman {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_use_text(DRIVES)
        .net_share("share-en-1.txt")
        .registry_value("FS01", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        .registry_value(
            "FS04",
            SERVER_KEY,
            "autodisconnect",
            "REG_DWORD",
            "0xffffffff",
        )
        .env("FAKE_REG_UNREACHABLE", "FS02")
}

fn drive<'a>(d: &'a Value, local_or_remote: &str) -> &'a Value {
    d["drives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["local"] == local_or_remote || x["remote"] == local_or_remote)
        .unwrap_or_else(|| panic!("no drive {local_or_remote}: {d:#}"))
}

#[test]
fn drives_lists_each_connection_with_its_server() {
    Lanman::new()
        .net_use("use-en-7.txt")
        .args(["drives"])
        .run()
        .code(0)
        .stderr("")
        .net_calls(&[&["use"]])
        .stdout(
            "Local  Status       Remote             Server  Network\n\
             S:     OK           \\\\tower\\Movies     tower   Microsoft Windows Network\n\
             -      OK           \\\\tower\\Buildings  tower   Microsoft Windows Network\n\
             T:     -            \\\\tower\\Music      tower   Microsoft Windows Network\n\
             U:     Unavailable  \\\\tower\\Pictures   tower   Microsoft Windows Network\n",
        );
}

#[test]
fn drives_json_has_the_documented_fields() {
    let out = Lanman::new()
        .net_use("use-en-7.txt")
        .args(["drives", "--json"])
        .run();
    out.code(0);
    let json = out.json();
    assert_eq!(
        json["connections"][2],
        json!({
            "local": "T:", "remote": "\\\\tower\\Music", "server": "tower", "share": "Music",
            "status": "unknown", "status_text": "", "provider": "Microsoft Windows Network",
            "network": "smb"
        })
    );
    assert_eq!(json["connections"][3]["status"], "unavailable");
    for member in ["remembered", "missing", "warnings", "language", "error"] {
        assert!(json.get(member).is_some(), "{member}: {json}");
    }
    assert_eq!(json["language"], "en");
    assert_eq!(json["remembered"], true);
}

#[test]
fn no_connections_is_an_empty_list() {
    Lanman::new()
        .args(["drives"])
        .run()
        .code(0)
        .stdout("no connections\n");
    let out = Lanman::new().args(["drives", "--json"]).run();
    assert_eq!(out.json()["connections"], json!([]));
}

#[test]
fn drives_in_another_language_keep_the_status_text() {
    let out = Lanman::new()
        .net_use("use-de-1.txt")
        .args(["drives", "--json"])
        .run();
    out.code(0);
    assert_eq!(out.json()["connections"][0]["server"], "ALPHA");
}

#[test]
fn drives_failures_have_their_exit_codes() {
    for (mode, code, needle) in [
        ("denied", 4, "access denied listing the connections"),
        ("prompt", 5, "the Workstation service is not running"),
        ("garbage", 7, "output not understood"),
    ] {
        Lanman::new()
            .net_mode(mode)
            .args(["drives"])
            .run()
            .code(code)
            .stdout("")
            .stderr_has(needle)
            .one_line_error();
    }
    Lanman::new()
        .net_mode("hang")
        .args(["--timeout", "1", "drives"])
        .run()
        .code(8)
        .stderr_has("`net use` did not finish within 1 s")
        .one_line_error();
    // A recorded failure of net use itself (System error 53) on stderr.
    Lanman::new()
        .env("FAKE_NET_STDERR", fixture("lists/use-en-10.txt"))
        .env("FAKE_NET_EXIT", "2")
        .args(["drives"])
        .run()
        .code(6)
        .stderr_has("The network path was not found.")
        .one_line_error();
}

#[test]
fn parse_reads_saved_lists() {
    let out = Lanman::new()
        .args(["parse", "use", "--json"])
        .arg_path(&fixture("lists/use-zh-5.txt"))
        .run();
    out.code(0).ran_nothing();
    assert!(!out.json()["connections"].as_array().unwrap().is_empty());
    let out = Lanman::new()
        .args(["parse", "share", "--json"])
        .arg_path(&fixture("lists/share-en-1.txt"))
        .run();
    out.code(0).ran_nothing();
    let shares = out.json()["shares"].as_array().unwrap().clone();
    assert!(
        shares
            .iter()
            .any(|s| s["name"] == "ADMIN$" && s["administrative"] == true)
    );
    assert!(
        shares
            .iter()
            .any(|s| s["name"] == "SYSVOL" && s["administrative"] == false)
    );
    Lanman::new()
        .args(["parse", "share"])
        .arg_path(&fixture("lists/use-en-1.txt"))
        .run()
        .code(7)
        .stderr_has("this is a net use list")
        .one_line_error();
    Lanman::new()
        .args(["parse", "use"])
        .arg_path(&fixture("lists/use-en-10.txt"))
        .run()
        .code(7)
        .one_line_error();
}

#[test]
fn doctor_explains_every_drive_by_its_server() {
    let out = with_drives()
        .env("FAKE_REG_HANG", "FS03")
        .args(["--timeout", "3", "doctor", "--json"])
        .run();
    // Unreachable and hung servers are reported for their drives; doctor itself succeeded.
    out.code(0);
    let d = out.json();
    let s = drive(&d, "S:");
    assert_eq!(s["server"], "FS01");
    assert_eq!(s["file_server"], "FS01");
    assert_eq!(s["status"], "ok");
    assert_eq!(s["server_autodisconnect_minutes"], 60);
    assert_eq!(s["server_error"], Value::Null);
    // This client's build is not known, so KeepConn's rule is disputed: FS01's value decides.
    assert_eq!(s["effective_idle_seconds"], 3600);
    assert_eq!(s["limited_by"], "server_autodisconnect");
    assert_eq!(s["evidence"], "documented");
    let u = drive(&d, "U:");
    assert!(
        u["server_error"]
            .as_str()
            .unwrap()
            .contains("cannot reach the registry of FS02"),
        "{u}"
    );
    assert_eq!(u["server_autodisconnect_minutes"], Value::Null);
    let v = drive(&d, "V:");
    assert!(
        v["server_error"]
            .as_str()
            .unwrap()
            .contains("did not finish within 3 s"),
        "{v}"
    );
    let ipc = drive(&d, "\\\\FS04\\IPC$");
    assert_eq!(ipc["local"], Value::Null);
    assert_eq!(ipc["server_autodisconnect_minutes"], -1);
    assert_eq!(ipc["effective_idle_seconds"], Value::Null);
    assert_eq!(ipc["headline"]["cause"], "no_idle_limit");
    let w = drive(&d, "W:");
    assert_eq!(w["network"], "webdav");
    assert_eq!(w["server_error"], Value::Null);
    assert_eq!(w["server_autodisconnect_minutes"], Value::Null);
    assert_eq!(w["headline"]["cause"], "not_smb");
    // One read of the parameters key and one of the Windows version per distinct SMB server,
    // none for WebDAV.
    let remote: Vec<String> = out
        .reg_calls
        .iter()
        .filter(|c| c[1].starts_with("\\\\"))
        .map(|c| c[1].to_ascii_lowercase())
        .collect();
    let parameters = remote
        .iter()
        .filter(|k| k.ends_with("lanmanserver\\parameters"));
    let version = remote
        .iter()
        .filter(|k| k.ends_with("windows nt\\currentversion"));
    assert_eq!(parameters.count(), 4, "{remote:?}");
    assert_eq!(version.count(), 4, "{remote:?}");
    assert_eq!(remote.len(), 8, "{remote:?}");
    // The servers, once each.
    let servers: Vec<&str> = d["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(servers, ["FS01", "FS02", "FS03", "FS04"]);
}

#[test]
fn doctor_says_where_each_fix_runs_and_what_a_status_means() {
    let out = with_drives().args(["doctor", "--json"]).run();
    out.code(0);
    let d = out.json();
    let findings = d["findings"].as_array().unwrap();
    let find = |needle: &str| {
        findings
            .iter()
            .find(|f| f["message"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no finding with {needle:?}: {d:#}"))
    };
    let fs01 = find("FS01 (S:, T:): Idle sessions end after 3600 s (1 hour)");
    assert_eq!(fs01["fix"], "lanman set autodisconnect -1");
    assert_eq!(fs01["run_on"], "FS01");
    assert_eq!(fs01["drives"], json!(["S:", "T:"]));
    find("FS02 (U:): its settings could not be read");
    let t = find("T: is Disconnected");
    assert_eq!(t["evidence"], "documented");
    let u = find("U: is not connected in this logon session");
    assert_eq!(u["evidence"], "reported");
    // This computer shares more than administrative shares: its own value is explained too.
    find("Sessions other computers open to this computer's shares");
    // The text: the table, each drive's headline, then the findings.
    with_drives()
        .args(["doctor"])
        .run()
        .code(0)
        .stdout_has("W:     https://dav.example.com/files  OK")
        .stdout_has("not SMB")
        .stdout_has("S:          Idle sessions end after 3600 s (1 hour): FS01's autodisconnect. (documented)\n")
        .stdout_has("  fix, on FS01: lanman set autodisconnect -1\n");
}

#[test]
fn a_client_with_only_administrative_shares_is_told_its_own_value_does_not_matter() {
    let out = with_drives()
        .net_share("share-zh-2.txt")
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    let d = out.json();
    let findings = d["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["message"]
            .as_str()
            .unwrap()
            .contains("shares nothing but administrative shares")
            && f["message"]
                .as_str()
                .unwrap()
                .contains("FS01, FS02, FS03, FS04")),
        "{d:#}"
    );
    // ... and no fix is for this computer.
    assert!(
        findings
            .iter()
            .filter(|f| f["fix"].is_string())
            .all(|f| f["run_on"].is_string()),
        "{d:#}"
    );
}

#[test]
fn doctor_with_a_failing_net_use_prints_what_it_read() {
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .env("FAKE_NET_USE", "/no/such/file")
        .args(["doctor", "--json"])
        .run();
    assert_ne!(out.code, 0);
    let d = out.json();
    assert_eq!(d["drives"], Value::Null);
    assert_eq!(d["server"]["autodisconnect_minutes"], 15);
    assert!(
        d["error"]["message"].as_str().unwrap().contains("net use"),
        "{d}"
    );
    // With --computer no drives are read: that is another question.
    let out = Lanman::new()
        .args(["doctor", "--computer", "FS01", "--json"])
        .run();
    out.code(0);
    assert_eq!(out.json()["drives"], Value::Null);
    assert!(!out.net_calls.iter().any(|c| c[0] == "use"));
}
