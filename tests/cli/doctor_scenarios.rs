//! doctor in thirteen scenarios that a fact-check ran against the fakes (this computer's
//! Windows, its registry values, its policy, its drives and their servers), each asserting
//! what an administrator must be told, and one test that runs them all and checks that no two
//! findings of one run contradict each other.

use serde_json::{Value, json};

use crate::doctor::{doctor, drive, finding, findings, fixes, no_finding, server, tower, windows};
use crate::support::{Lanman, SERVER_KEY, WORKSTATION_KEY};

/// One scenario: its name and how to set the fakes up.
struct Scenario {
    name: &'static str,
    lanman: fn() -> Lanman,
}

fn dword(lanman: Lanman, host: &str, key: &str, name: &str, data: &str) -> Lanman {
    lanman.registry_value(host, key, name, "REG_DWORD", data)
}

/// Windows 10 22H2 with no drive mapped, sharing a folder: only this computer as a server.
fn s1_win10_no_drives() -> Lanman {
    windows(server(), "", "Windows 10 Pro", "19045", "22H2")
}

/// Build 26100 with autodisconnect off and the SMB2/3 value at 900 s, no drives.
fn s2_split_build_off_and_v2() -> Lanman {
    let l =
        windows(server(), "", "Windows 10 Pro", "26100", "24H2").net_state("autodisconnect", "-1");
    dword(l, "", SERVER_KEY, "autodisconnect", "0xffffffff").smb2_idle_seconds(900)
}

/// No drives and nothing shared but administrative shares.
fn s3_admin_shares_only() -> Lanman {
    windows(server(), "", "Windows 10 Pro", "19045", "22H2").net_share("share-zh-2.txt")
}

/// Drives on a Windows Server 2022 `tower` with autodisconnect 60.
fn s4_drives_on_tower() -> Lanman {
    let l = windows(
        tower(),
        "tower",
        "Windows Server 2022 Standard",
        "20348",
        "21H2",
    );
    dword(l, "tower", SERVER_KEY, "autodisconnect", "0x3c")
}

/// The same, while this computer's own Group Policy sets 15 minutes.
fn s5_local_policy_and_tower() -> Lanman {
    s4_drives_on_tower().policy_autodisconnect(15)
}

/// `tower` on build 26100 without the SMB2/3 value in its registry.
fn s6_tower_26100_no_v2() -> Lanman {
    let l = windows(
        tower(),
        "tower",
        "Windows Server 2025 Standard",
        "26100",
        "24H2",
    );
    dword(l, "tower", SERVER_KEY, "autodisconnect", "0x3c")
}

/// `tower` on build 26100 with the SMB2/3 value at 900 s and autodisconnect 60.
fn s7_tower_26100_v2_900() -> Lanman {
    dword(
        s6_tower_26100_no_v2(),
        "tower",
        SERVER_KEY,
        "AutoDisconnectTimeoutV2",
        "0x384",
    )
}

/// This computer on build 26100 with autodisconnect 0, sharing a folder.
fn s8_split_build_zero() -> Lanman {
    let l =
        windows(server(), "", "Windows 11 Pro", "26100", "24H2").net_state("autodisconnect", "0");
    dword(l, "", SERVER_KEY, "autodisconnect", "0x0")
}

/// `tower` on build 26100 with the SMB2/3 value at 600 s.
fn s9_tower_v2_600() -> Lanman {
    dword(
        s6_tower_26100_no_v2(),
        "tower",
        SERVER_KEY,
        "AutoDisconnectTimeoutV2",
        "0x258",
    )
}

/// A Windows 7 SP1 client (KB 297684 applies) with KeepConn at its default and `tower` at 60.
fn s10_windows7_client() -> Lanman {
    let l = windows(tower(), "", "Windows 7 Professional", "7601", "");
    let l = windows(l, "tower", "Windows Server 2012 R2 Standard", "9600", "");
    dword(l, "tower", SERVER_KEY, "autodisconnect", "0x3c")
}

/// Drives on four servers: one unreachable, one that refuses this user, one hung, one fine.
fn s11_servers_that_cannot_be_read() -> Lanman {
    server()
        .net_use_text(crate::drives::DRIVES)
        .env("FAKE_REG_UNREACHABLE", "FS02")
        .env("FAKE_REG_DENIED", "FS03")
        .registry_value("FS01", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        // 5 s: under Wine, doctor's concurrent stand-ins take more than 3 s to start.
        .args(["--timeout", "5"])
}

/// This computer's policy sets 30; `tower` has 60: the remote fix is not this policy's.
fn s12_local_policy_does_not_touch_tower() -> Lanman {
    s4_drives_on_tower().policy_autodisconnect(30)
}

/// A NAS that answers the remote registry as Samba does.
fn s13_not_windows_nas() -> Lanman {
    tower().env("FAKE_REG_NOT_WINDOWS", "tower")
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "s1",
        lanman: s1_win10_no_drives,
    },
    Scenario {
        name: "s2",
        lanman: s2_split_build_off_and_v2,
    },
    Scenario {
        name: "s3",
        lanman: s3_admin_shares_only,
    },
    Scenario {
        name: "s4",
        lanman: s4_drives_on_tower,
    },
    Scenario {
        name: "s5",
        lanman: s5_local_policy_and_tower,
    },
    Scenario {
        name: "s6",
        lanman: s6_tower_26100_no_v2,
    },
    Scenario {
        name: "s7",
        lanman: s7_tower_26100_v2_900,
    },
    Scenario {
        name: "s8",
        lanman: s8_split_build_zero,
    },
    Scenario {
        name: "s9",
        lanman: s9_tower_v2_600,
    },
    Scenario {
        name: "s10",
        lanman: s10_windows7_client,
    },
    Scenario {
        name: "s11",
        lanman: s11_servers_that_cannot_be_read,
    },
    Scenario {
        name: "s12",
        lanman: s12_local_policy_does_not_touch_tower,
    },
    Scenario {
        name: "s13",
        lanman: s13_not_windows_nas,
    },
];

/// The names a finding uses for the computer a fix runs on: `null` is this computer.
fn about(f: &Value, server: &str) -> bool {
    let message = f["message"].as_str().unwrap();
    message.contains(&format!("{server} ("))
        || message.contains(&format!("{server}'s"))
        || message.starts_with(server)
}

/// The numbers of seconds a text gives as limits: `after 900 s`.
fn limits_in(text: &str) -> Vec<u64> {
    text.match_indices("after ")
        .filter_map(|(i, _)| {
            let rest = &text[i + 6..];
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            (rest[digits.len()..].starts_with(" s") && !digits.is_empty())
                .then(|| digits.parse().unwrap())
        })
        .collect()
}

/// No two findings of one run contradict each other (issue "Why did Z: go red", section 2).
fn assert_consistent(name: &str, d: &Value) {
    let all = findings(d);
    let servers: Vec<String> = d["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .chain(std::iter::once("This computer".to_string()))
        .collect();
    for server in &servers {
        let says_may_not = all.iter().any(|f| {
            about(f, server)
                && f["message"]
                    .as_str()
                    .unwrap()
                    .contains("may govern SMB1 only")
        });
        let run_on = if server == "This computer" {
            Value::Null
        } else {
            Value::String(server.clone())
        };
        // -1 is never offered where a finding says it may cover SMB1 only.
        if says_may_not {
            assert!(
                !fixes(d)
                    .iter()
                    .any(|(fix, on)| fix.contains("autodisconnect -1") && *on == run_on),
                "{name}: -1 offered for {server} next to 'may govern SMB1 only': {d:#}"
            );
        }
        // One limit per server: every 'after N s' said about it is the same N.
        let mut said: Vec<u64> = all
            .iter()
            .filter(|f| about(f, server) && !f["message"].as_str().unwrap().contains("KeepConn"))
            .flat_map(|f| limits_in(f["message"].as_str().unwrap()))
            .collect();
        said.dedup();
        assert!(
            said.len() <= 1,
            "{name}: {server} has limits {said:?}: {d:#}"
        );
        // Off and a limit are not both said.
        if !said.is_empty() {
            assert!(
                !all.iter()
                    .any(|f| about(f, server)
                        && f["message"].as_str().unwrap().contains("is off (-1)")),
                "{name}: {server} is both off and limited: {d:#}"
            );
        }
    }
    // A KeepConn fix never stands next to a finding that says it may not be used.
    let disputed = all.iter().any(|f| {
        f["message"]
            .as_str()
            .unwrap()
            .contains("no longer use KeepConn")
    });
    if disputed {
        assert!(
            !fixes(d).iter().any(|(fix, _)| fix.contains("keepconn")),
            "{name}: a KeepConn fix next to 'no longer use': {d:#}"
        );
    }
    // Each drive's limit is the one its headline states, when the headline is its limit.
    for drive in d["drives"].as_array().into_iter().flatten() {
        if drive["headline"]["cause"] != "idle_limit" {
            continue;
        }
        let headline = drive["headline"]["message"].as_str().unwrap();
        let stated = limits_in(headline);
        match drive["effective_idle_seconds"].as_u64() {
            Some(s) => assert_eq!(stated, [s], "{name}: {drive:#}"),
            None => assert!(stated.is_empty(), "{name}: {drive:#}"),
        }
    }
    // No top-level limit mixes this computer's server value with its client value.
    assert!(d.get("effective_idle_seconds").is_none(), "{name}");
    assert!(d.get("limited_by").is_none(), "{name}");
}

#[test]
fn no_two_findings_of_one_run_contradict_each_other() {
    for scenario in SCENARIOS {
        let out = (scenario.lanman)().args(["doctor", "--json"]).run();
        out.code(0);
        assert_consistent(scenario.name, &out.json());
        // The text says the same and never crashes on it.
        (scenario.lanman)().args(["doctor"]).run().code(0);
    }
}

#[test]
fn s1_without_drives_no_limit_mixes_the_two_sides() {
    let d = doctor(s1_win10_no_drives());
    assert_eq!(d["drives"], serde_json::json!([]));
    assert_eq!(d["server"]["idle_limit_seconds"], 900);
    assert_eq!(d["server"]["limited_by"], "server_autodisconnect");
    no_finding(&d, "600 s");
    assert!(
        fixes(&d).iter().all(|(fix, _)| !fix.contains("keepconn")),
        "{d:#}"
    );
    finding(&d, "never its own mapped drives");
}

#[test]
fn s2_the_smb2_value_not_off_is_the_limit() {
    let d = doctor(s2_split_build_off_and_v2());
    assert_eq!(d["server"]["idle_limit_seconds"], 900);
    assert_eq!(d["server"]["limited_by"], "server_autodisconnect_v2");
    no_finding(&d, "never ended");
    no_finding(&d, "is off (-1)");
    assert!(fixes(&d).is_empty(), "{d:#}");
}

#[test]
fn s3_only_administrative_shares_and_no_drive_offers_no_fix() {
    let d = doctor(s3_admin_shares_only());
    assert_eq!(d["server"]["shares_folders"], false);
    assert!(fixes(&d).is_empty(), "{d:#}");
    let f = finding(&d, "shares nothing but administrative shares");
    // This computer as a server: no other server's name.
    assert_eq!(f["about"], json!({"side": "server", "server": null}));
}

#[test]
fn s4_each_drive_by_its_servers_documented_value() {
    let d = doctor(s4_drives_on_tower());
    let s = drive(&d, "S:");
    assert_eq!(s["effective_idle_seconds"], 3600);
    assert_eq!(s["limited_by"], "server_autodisconnect");
    assert_eq!(s["evidence"], "documented");
    assert_eq!(s["server_os"]["build"], 20348);
    assert_eq!(s["server_policy_checked"], false);
    assert_eq!(s["keepconn_seconds"], 600);
    let f = finding(&d, "tower (S:");
    assert_eq!(f["fix"], "lanman set autodisconnect -1");
    assert_eq!(f["run_on"], "tower");
    assert_eq!(f["about"], json!({"side": "server", "server": "tower"}));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("Group Policy cannot be checked from here")
    );
    // KeepConn (600 s) is shorter, but on this (unknown) build that is disputed: not the limit.
    finding(&d, "no longer use KeepConn");
}

#[test]
fn s5_the_remote_servers_policy_is_said_to_be_unchecked() {
    let d = doctor(s5_local_policy_and_tower());
    let f = finding(&d, "tower (S:");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("Its Group Policy cannot be checked from here")
    );
    assert_eq!(drive(&d, "S:")["server_policy_checked"], false);
}

#[test]
fn s6_a_26100_server_gets_no_minus_one() {
    let d = doctor(s6_tower_26100_no_v2());
    assert_eq!(drive(&d, "S:")["limited_by"], "server_autodisconnect_v2");
    assert_eq!(drive(&d, "S:")["effective_idle_seconds"], Value::Null);
    assert!(
        fixes(&d)
            .iter()
            .all(|(fix, on)| !(fix.contains("-1") && on == "tower")),
        "{d:#}"
    );
    finding(&d, "not in its registry");
}

#[test]
fn s7_a_26100_server_with_v2_900_is_limited_by_it() {
    let d = doctor(s7_tower_26100_v2_900());
    let s = drive(&d, "S:");
    assert_eq!(s["effective_idle_seconds"], 900);
    assert_eq!(s["limited_by"], "server_autodisconnect_v2");
    assert_eq!(s["evidence"], "reported");
    let f = finding(&d, "tower (S:");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("AutoDisconnectTimeoutV2")
    );
    // No fix for tower: 900 s is the reported cap.
    assert!(fixes(&d).iter().all(|(_, on)| on != "tower"), "{d:#}");
}

#[test]
fn s8_zero_on_a_split_build_is_not_answered_with_minus_one() {
    let d = doctor(s8_split_build_zero());
    no_finding(&d, "-1 does");
    assert!(
        fixes(&d).iter().all(|(fix, _)| !fix.contains("-1")),
        "{d:#}"
    );
}

#[test]
fn s9_the_fix_for_a_short_v2_value_is_powershell_on_the_server() {
    let d = doctor(s9_tower_v2_600());
    assert_eq!(drive(&d, "S:")["effective_idle_seconds"], 600);
    let f = finding(&d, "tower (S:");
    assert_eq!(
        f["fix"],
        "Set-SmbServerConfiguration -AutoDisconnectTimeoutInSecondsV2 900 -Force"
    );
    assert_eq!(f["run_on"], "tower");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("-CimSession tower"), "{message}");
    assert!(message.contains("900 s cap is reported"), "{message}");
}

#[test]
fn s10_on_windows_7_keepconn_is_the_documented_limit() {
    let d = doctor(s10_windows7_client());
    assert_eq!(d["client"]["keepconn_rule"], "documented");
    let s = drive(&d, "S:");
    assert_eq!(s["effective_idle_seconds"], 600);
    assert_eq!(s["limited_by"], "client_keepconn");
    assert_eq!(s["evidence"], "documented");
    let f = finding(
        &d,
        "This client's KeepConn (600 s (10 minutes)) ends idle sessions",
    );
    assert_eq!(f["fix"], "lanman set keepconn 65535");
    assert_eq!(f["run_on"], Value::Null);
    assert_eq!(f["about"], json!({"side": "client", "server": null}));
}

#[test]
fn s11_each_unreadable_server_is_said_once_with_advice_by_its_error() {
    let d = doctor(s11_servers_that_cannot_be_read());
    let fs02 = finding(&d, "FS02 (U:)");
    assert!(
        fs02["message"]
            .as_str()
            .unwrap()
            .contains("Remote Registry service is stopped")
    );
    let fs03 = finding(&d, "FS03 (V:)");
    let message = fs03["message"].as_str().unwrap();
    assert!(message.contains("access denied"), "{message}");
    assert!(
        message.contains("run `lanman doctor` on it instead"),
        "{message}"
    );
    // Once per server, not on every drive's line.
    let about_fs02 = findings(&d)
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("FS02"))
        .count();
    assert_eq!(about_fs02, 1, "{d:#}");
    assert_eq!(drive(&d, "U:")["server_kind"], "unknown");
    assert_eq!(drive(&d, "U:")["server_os"], Value::Null);
}

#[test]
fn s12_a_local_policy_does_not_change_the_advice_for_a_remote_server() {
    let with = doctor(s12_local_policy_does_not_touch_tower());
    let without = doctor(s4_drives_on_tower());
    let about_tower = |d: &Value| -> Vec<(String, Value)> {
        fixes(d)
            .into_iter()
            .filter(|(_, on)| on == "tower")
            .collect()
    };
    assert_eq!(about_tower(&with), about_tower(&without));
    assert_eq!(about_tower(&with).len(), 1, "{with:#}");
    // This computer's own fix is the policy's to make.
    assert!(fixes(&with).iter().all(|(_, on)| on == "tower"), "{with:#}");
}

#[test]
fn s13_a_server_that_is_not_windows_gets_no_windows_fix() {
    let d = doctor(s13_not_windows_nas());
    let s = drive(&d, "S:");
    assert_eq!(s["server_kind"], "not_windows");
    assert_eq!(s["effective_idle_seconds"], Value::Null);
    assert_eq!(s["headline"]["cause"], "not_windows_server");
    let f = finding(&d, "deadtime");
    assert_eq!(f["fix"], Value::Null);
    assert!(fixes(&d).iter().all(|(_, on)| on != "tower"), "{d:#}");
}

#[test]
fn keepconn_at_zero_is_left_out_of_the_rule() {
    let d = doctor(dword(
        s10_windows7_client(),
        "",
        WORKSTATION_KEY,
        "KeepConn",
        "0x0",
    ));
    assert_eq!(drive(&d, "S:")["limited_by"], "server_autodisconnect");
    finding(&d, "KeepConn is 0, outside 1..65535 seconds");
}
