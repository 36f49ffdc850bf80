//! `doctor`, `export` and `--computer`: the questions an administrator with many machines has.

use serde_json::{Value, json};

use crate::support::{Lanman, SERVER_KEY, WORKSTATION_KEY};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";

fn doctor_json(lanman: Lanman) -> Value {
    let out = lanman.args(["doctor", "--json"]).run();
    out.code(0);
    out.json()
}

#[test]
fn doctor_with_windows_defaults_explains_this_computer_as_a_server_only() {
    // No drive mapped: this computer's own value concerns the sessions others open to its
    // shares; KeepConn governs no session of this computer's and gets no fix.
    let d = doctor_json(Lanman::new().server(WIN10_SERVER));
    assert_eq!(d["server"]["autodisconnect_minutes"], 15);
    assert_eq!(d["server"]["idle_limit_seconds"], 900);
    assert_eq!(d["server"]["limited_by"], "server_autodisconnect");
    assert_eq!(d["client"]["keepconn_seconds"], 600);
    assert_eq!(d["client"]["keepconn_is_default"], true);
    let fixes: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["fix"].as_str())
        .collect();
    assert_eq!(fixes, ["lanman set autodisconnect -1"]);
}

/// A client of `build` mapping `\\tower\…` whose autodisconnect is `tower_minutes` (registry
/// DWORD), with this client's KeepConn registry value or none.
fn drive_case(build: &str, tower_dword: &str, keepconn: Option<&str>) -> Value {
    let mut lanman = Lanman::new()
        .server(WIN10_SERVER)
        .net_use("use-en-7.txt")
        .registry_value("", VERSION_KEY, "CurrentBuildNumber", "REG_SZ", build)
        .registry_value(
            "tower",
            SERVER_KEY,
            "autodisconnect",
            "REG_DWORD",
            tower_dword,
        );
    if let Some(data) = keepconn {
        lanman = lanman.registry_value("", WORKSTATION_KEY, "KeepConn", "REG_DWORD", data);
    }
    doctor_json(lanman)
}

const VERSION_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";

#[test]
fn doctor_arithmetic_for_every_combination() {
    // (client build, tower's autodisconnect, KeepConn) -> S:'s (effective seconds, limited by)
    let cases: [(&str, &str, Option<&str>, Value, Value); 7] = [
        // Windows 7 SP1: KB 297684's rule applies; the shorter wins.
        (
            "7601",
            "0x5",
            Some("0xe10"),
            json!(300),
            json!("server_autodisconnect"),
        ),
        (
            "7601",
            "0x3c",
            Some("0x708"),
            json!(1800),
            json!("client_keepconn"),
        ),
        (
            "7601",
            "0xffffffff",
            None,
            json!(600),
            json!("client_keepconn"),
        ),
        (
            "9600",
            "0xa",
            None,
            json!(600),
            json!("server_autodisconnect"),
        ),
        (
            "7601",
            "0xffffffff",
            Some("0x0"),
            Value::Null,
            json!("server_autodisconnect"),
        ),
        // Windows 10: the rule is disputed there, so the server's value is the limit.
        (
            "19045",
            "0x3c",
            Some("0x708"),
            json!(3600),
            json!("server_autodisconnect"),
        ),
        (
            "19045",
            "0xffffffff",
            None,
            Value::Null,
            json!("server_autodisconnect"),
        ),
    ];
    for (build, tower, keepconn, effective, limited_by) in cases {
        let d = drive_case(build, tower, keepconn);
        let s = d["drives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["local"] == "S:")
            .unwrap();
        assert_eq!(
            (&s["effective_idle_seconds"], &s["limited_by"]),
            (&effective, &limited_by),
            "{build} {tower} {keepconn:?}: {s}"
        );
    }
}

#[test]
fn doctor_text_explains_and_names_the_commands() {
    Lanman::new()
        .server(WIN10_SERVER)
        .stateful_net()
        .net_state("autodisconnect", "5")
        .registry_value("", WORKSTATION_KEY, "KeepConn", "REG_DWORD", "0xe10")
        .args(["doctor"])
        .run()
        .code(0)
        .stdout_has("As a client      KeepConn 3600 s (1 hour) (whether this build uses it is disputed)\n")
        .stdout_has("As a server      autodisconnect 5 minutes (net config server); Group Policy sets no idle time\n")
        .stdout_has("info: Sessions other computers open to this computer's shares end after 300 s (5 minutes) idle:")
        .stdout_has("auto-tuning")
        .stdout_has("  fix: lanman set autodisconnect -1\n")
        .stdout_has("   (documented: security policy setting");
}

#[test]
fn doctor_runs_its_probes_at_the_same_time() {
    // Each probe waits at a barrier until all sixteen have started (net config server, net
    // use, net share, secedit, the nine registry keys doctor reads on this computer, one
    // reg.exe each, and the three event log queries). Run one after another, the first would
    // wait for the others until lanman's 10 s timeout. No clock is read. `net statistics
    // server` runs after `net share`, on its thread: this computer shares folders.
    let lanman = Lanman::new().server(WIN10_SERVER);
    let barrier = lanman.path("barrier");
    let out = lanman
        .env("FAKE_BARRIER_DIR", barrier)
        .env("FAKE_BARRIER_COUNT", "16")
        .args(["--timeout", "10", "doctor", "--json"])
        .run();
    out.code(0);
    assert_eq!(
        out.json()["server"]["policy_checked"],
        true,
        "secedit was not stopped"
    );
    let mut calls = out.net_calls.clone();
    calls.sort();
    assert_eq!(
        calls,
        [
            vec!["config", "server"],
            vec!["share"],
            vec!["statistics", "server"],
            vec!["use"]
        ]
    );
    assert_eq!(out.reg_calls.len(), 9);
    assert_eq!(out.wevtutil_calls.len(), 3);
}

#[test]
fn each_probe_has_its_own_deadline() {
    // net hangs past --timeout; the registry reads finish at once. Only net is timed out: the
    // registry values are read and shown, and the error names net config server. (5 s: under
    // Wine, doctor's thirteen concurrent stand-ins take more than 2 s to start.)
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("hang")
        .args(["--timeout", "5", "doctor", "--json"])
        .run();
    out.code(8);
    let d = out.json();
    assert_eq!(d["client"]["keepconn_seconds"], 600, "{d}");
    assert_eq!(d["server"]["autodisconnect_source"], "default", "{d}");
    assert_eq!(d["error"]["kind"], "timed_out");
    let message = d["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("`net config server` did not finish"),
        "{message}"
    );
    assert!(!message.contains("reg"), "{message}");
}

#[test]
fn doctor_reads_a_remote_servers_registry() {
    let remote = r"\\FS01\HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
    let out = Lanman::new()
        .registry_value(
            "FS01",
            SERVER_KEY,
            "autodisconnect",
            "REG_DWORD",
            "0xffffffff",
        )
        .args(["doctor", "--server", "FS01", "--json"])
        .run();
    out.code(0).net_calls(&[]);
    let remote_calls: Vec<&Vec<String>> = out
        .reg_calls
        .iter()
        .filter(|c| c[1].starts_with(r"\\"))
        .collect();
    assert_eq!(remote_calls.len(), 2, "{:?}", out.reg_calls);
    assert!(remote_calls.iter().any(|c| c[1] == remote));
    assert!(
        remote_calls
            .iter()
            .any(|c| c[1] == r"\\FS01\HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion")
    );
    // This client's KeepConn is no part of another server's question.
    assert!(!out.reg_calls.iter().any(|c| c[1] == WORKSTATION_KEY));
    // Another computer's security policy cannot be read from here: not checked, and said.
    assert_eq!(out.secedit_calls.len(), 0);
    let d = out.json();
    assert_eq!(d["computer"], "FS01");
    assert_eq!(d["server"]["autodisconnect_minutes"], -1);
    assert_eq!(d["server"]["autodisconnect_source"], "registry");
    assert_eq!(d["server"]["policy_checked"], false);
    assert_eq!(d["client"], Value::Null);
    assert!(d["findings"].as_array().unwrap().iter().any(|f| {
        f["message"]
            .as_str()
            .unwrap()
            .contains("FS01's Group Policy cannot be read from here")
    }));
}

#[test]
fn doctor_prints_what_it_could_then_fails_with_the_right_code() {
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("denied")
        .args(["doctor", "--json"])
        .run();
    out.code(4)
        .stderr_has("access denied")
        .stderr_has("doctor printed what it could read");
    let d = out.json();
    assert_eq!(
        d["server"]["autodisconnect_minutes"], 15,
        "falls back to the registry default: {d}"
    );
    assert_eq!(d["server"]["autodisconnect_source"], "default");
    assert_eq!(d["client"]["keepconn_seconds"], 600);
    assert_eq!(d["error"]["exit_code"], 4);
    assert_eq!(d["error"]["kind"], "access_denied");
    assert!(
        d["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("doctor printed what it could read")),
        "{d}"
    );
    assert_eq!(out.stderr.matches("access denied").count(), 1, "said once");

    Lanman::new()
        .env("FAKE_REG_UNREACHABLE", "FS01")
        .args(["doctor", "--server", "FS01"])
        .run()
        .code(6)
        .stdout_has("could not be read")
        .stdout_has("Remote Registry service is stopped")
        .stderr_has("cannot reach the registry of FS01");
}

#[test]
fn doctor_points_out_separate_smb2_timeouts() {
    let d = doctor_json(Lanman::new().server(WIN10_SERVER).smb2_idle_seconds(900));
    assert_eq!(d["server"]["autodisconnect_v2_seconds"], 900);
    let findings = d["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["severity"] == "warning"
            && f["evidence"] == "reported"
            && f["message"].as_str().unwrap().contains("SMB2/3")),
        "{d}"
    );
}

#[test]
fn export_reg_is_a_file_reg_import_accepts() {
    let out = Lanman::new()
        .args([
            "export",
            "--autodisconnect",
            "-1",
            "--keepconn",
            "1h",
            "--format",
            "reg",
        ])
        .run();
    out.code(0).ran_nothing().stderr("");
    // Parse it back: header, then [key] sections with "name"=dword:XXXXXXXX lines, CRLF (the
    // bytes as written: `stdout` has its line ends made `\n`).
    let text = &String::from_utf8_lossy(&out.stdout_bytes).into_owned();
    assert!(
        text.starts_with("Windows Registry Editor Version 5.00\r\n\r\n"),
        "{text:?}"
    );
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    let mut section = String::new();
    let mut values = Vec::new();
    for line in text.split("\r\n").skip(1).filter(|l| !l.is_empty()) {
        if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = key.to_string();
        } else {
            let (name, data) = line.split_once('=').expect("name=data");
            let hex = data.strip_prefix("dword:").expect("a dword");
            assert_eq!(hex.len(), 8);
            values.push((
                section.clone(),
                name.trim_matches('"').to_string(),
                u32::from_str_radix(hex, 16).unwrap(),
            ));
        }
    }
    assert_eq!(
        values,
        vec![
            (r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters".to_string(), "autodisconnect".to_string(), 0xFFFF_FFFF),
            (r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters".to_string(), "KeepConn".to_string(), 3600),
        ]
    );
}

#[test]
fn export_gpp_is_a_registry_xml_gpmc_would_write() {
    let out = Lanman::new()
        .args([
            "export",
            "--autodisconnect",
            "60",
            "--keepconn",
            "3600",
            "--format",
            "gpp",
        ])
        .run();
    out.code(0).ran_nothing();
    let doc = roxmltree::Document::parse(&out.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "RegistrySettings");
    assert_eq!(
        root.attribute("clsid"),
        Some("{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}")
    );
    let items: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("Registry"))
        .collect();
    assert_eq!(items.len(), 2);
    let mut uids = Vec::new();
    let expected = [
        (
            "SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters",
            "autodisconnect",
            "0000003C",
        ),
        (
            "SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters",
            "KeepConn",
            "00000E10",
        ),
    ];
    for (item, (key, name, value)) in items.iter().zip(expected) {
        assert_eq!(
            item.attribute("clsid"),
            Some("{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}")
        );
        let uid = item.attribute("uid").unwrap();
        assert!(is_guid(uid), "{uid}");
        uids.push(uid.to_string());
        let changed = item.attribute("changed").unwrap();
        assert!(is_timestamp(changed), "{changed}");
        let props = item
            .children()
            .find(|n| n.has_tag_name("Properties"))
            .unwrap();
        assert_eq!(props.attribute("action"), Some("U"));
        assert_eq!(props.attribute("hive"), Some("HKEY_LOCAL_MACHINE"));
        assert_eq!(props.attribute("key"), Some(key));
        assert_eq!(props.attribute("name"), Some(name));
        assert_eq!(props.attribute("type"), Some("REG_DWORD"));
        assert_eq!(props.attribute("value"), Some(value));
    }
    assert_ne!(uids[0], uids[1], "each item has its own uid");
    let again = Lanman::new()
        .args(["export", "--keepconn", "3600", "--format", "gpp"])
        .run();
    assert!(!again.stdout.contains(&uids[1]), "a fresh uid per export");
}

fn is_guid(text: &str) -> bool {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or("");
    let groups: Vec<&str> = inner.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && inner.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

fn is_timestamp(text: &str) -> bool {
    text.len() == 19
        && text.chars().enumerate().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == ' ',
            13 | 16 => c == ':',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn export_json_is_the_desired_state() {
    let out = Lanman::new()
        .args(["export", "--autodisconnect", "off", "--format", "json"])
        .run();
    out.code(0).ran_nothing();
    assert_eq!(
        out.json(),
        json!({"registry": [{
            "setting": "autodisconnect", "value": -1, "unit": "minutes", "hive": "HKEY_LOCAL_MACHINE",
            "key": "SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters",
            "path": "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters",
            "name": "autodisconnect", "type": "REG_DWORD", "data": 4_294_967_295u32
        }], "error": null})
    );
}

#[test]
fn export_validates_like_set() {
    for args in [
        &["export", "--autodisconnect", "65536"][..],
        &["export", "--autodisconnect", "0"],
        &["export", "--keepconn", "0"],
        &["export", "--keepconn", "abc", "--format", "gpp"],
    ] {
        Lanman::new()
            .args(args.iter().copied())
            .run()
            .code(3)
            .ran_nothing()
            .one_line_error();
    }
    Lanman::new()
        .args(["export", "--autodisconnect", "0", "--allow-zero"])
        .run()
        .code(0)
        .stdout_has("dword:00000000");
    Lanman::new().args(["export"]).run().code(2).ran_nothing();
    Lanman::new()
        .args(["export", "--keepconn", "60", "--format", "xml"])
        .run()
        .code(3)
        .ran_nothing();
}

#[test]
fn get_autodisconnect_of_another_computer_reads_its_registry() {
    Lanman::new()
        .registry_value("FS01", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x1e0")
        .args(["get", "autodisconnect", "--computer", "FS01"])
        .run()
        .code(0)
        .stdout("480\n")
        .net_calls(&[])
        .reg_calls(&[&[
            "query",
            r"\\FS01\HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters",
        ]]);
}

#[test]
fn reset_on_another_computer() {
    let remote = r"\\FS01\HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";
    Lanman::new()
        .registry_value("FS01", WORKSTATION_KEY, "KeepConn", "REG_DWORD", "0x258")
        .args(["reset", "keepconn", "--computer", "FS01"])
        .run()
        .code(0)
        .reg_calls(&[
            &["query", remote],
            &["delete", remote, "/v", "KeepConn", "/f"],
            &["query", remote],
        ]);
    Lanman::new()
        .env("FAKE_REG_UNREACHABLE", "*")
        .args(["set", "keepconn", "600", "--computer", "FS01"])
        .run()
        .code(6)
        .stderr_has("Remote Registry")
        .one_line_error();
}
