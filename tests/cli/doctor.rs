//! doctor on the Windows of today (issue "doctor tells the truth"): Group Policy, the SMB2/3
//! value, net.exe's 16-bit display, evidence on every finding, and `set` giving way to policy.

use serde_json::{Value, json};

use crate::support::{Lanman, SERVER_KEY, WORKSTATION_KEY};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";
const VERSION_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";

fn server() -> Lanman {
    Lanman::new().server(WIN10_SERVER).stateful_net()
}

/// A machine whose registry says it runs `build`.
fn windows(lanman: Lanman, product: &str, build: &str, display: &str) -> Lanman {
    lanman
        .registry_value("", VERSION_KEY, "ProductName", "REG_SZ", product)
        .registry_value("", VERSION_KEY, "CurrentBuildNumber", "REG_SZ", build)
        .registry_value("", VERSION_KEY, "UBR", "REG_DWORD", "0x7f1")
        .registry_value("", VERSION_KEY, "DisplayVersion", "REG_SZ", display)
}

fn doctor(lanman: Lanman) -> Value {
    let out = lanman.args(["doctor", "--json"]).run();
    out.code(0);
    out.json()
}

fn finding<'a>(d: &'a Value, needle: &str) -> &'a Value {
    d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no finding with {needle:?}: {d:#}"))
}

#[test]
fn the_new_fields_are_always_present() {
    let d = doctor(server());
    for member in [
        "os",
        "policy_checked",
        "policy_autodisconnect_minutes",
        "server_autodisconnect_v2_seconds",
        "error",
    ] {
        assert!(d.get(member).is_some(), "{member} missing: {d:#}");
    }
    assert_eq!(
        d["os"],
        json!({"product": null, "build": null, "ubr": null, "display_version": null})
    );
    assert_eq!(d["policy_checked"], true);
    assert_eq!(d["policy_autodisconnect_minutes"], Value::Null);
    for f in d["findings"].as_array().unwrap() {
        assert!(
            matches!(
                f["evidence"].as_str(),
                Some("documented" | "reported" | "inferred")
            ),
            "{f}"
        );
        assert!(f["source"].is_string(), "{f}");
    }
}

#[test]
fn the_windows_build_is_read_from_the_registry() {
    let d = doctor(windows(server(), "Windows 10 Pro", "26100", "24H2"));
    assert_eq!(
        d["os"],
        json!({"product": "Windows 10 Pro", "build": 26100, "ubr": 2033, "display_version": "24H2"})
    );
    windows(server(), "Windows 10 Pro", "26100", "24H2")
        .args(["doctor"])
        .run()
        .code(0)
        .stdout_has("Windows (this computer)      Windows 10 Pro 24H2, build 26100.2033\n");
}

#[test]
fn group_policy_that_sets_the_value_is_reported() {
    let lanman = server().policy_autodisconnect(15);
    let out = lanman.args(["doctor", "--json"]).run();
    out.code(0);
    assert_eq!(
        out.secedit_calls[0][..3],
        ["/export", "/areas", "SECURITYPOLICY"]
    );
    assert_eq!(out.secedit_calls[0][5], "/quiet");
    let d = out.json();
    assert_eq!(d["policy_checked"], true);
    assert_eq!(d["policy_autodisconnect_minutes"], 15);
    let f = finding(&d, "Group Policy sets autodisconnect to 15 minutes");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["evidence"], "documented");
    assert!(f["source"].as_str().unwrap().contains("KB 277543"));
    // No local fix for a value the GPO owns.
    assert!(
        d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["fix"] != "lanman set autodisconnect -1"),
        "{d:#}"
    );
}

#[test]
fn a_policy_that_cannot_be_read_is_said_not_failed() {
    for mode in ["denied", "garbage"] {
        let d = doctor(server().env("FAKE_SECEDIT_MODE", mode));
        assert_eq!(d["policy_checked"], false, "{mode}");
        assert_eq!(d["error"], Value::Null);
        finding(&d, "Group Policy was not checked");
    }
    // A secedit that hangs delays nothing else: each probe has its own deadline.
    let out = server()
        .env("FAKE_SECEDIT_MODE", "hang")
        .args(["--timeout", "2", "doctor", "--json"])
        .run();
    out.code(0);
    let d = out.json();
    assert_eq!(d["server_autodisconnect_minutes"], 15);
    assert!(
        finding(&d, "Group Policy was not checked")["message"]
            .as_str()
            .unwrap()
            .contains("did not finish within 2 s")
    );
}

#[test]
fn a_sixteen_bit_display_shows_the_registry_value_and_why() {
    // Group Policy's 99999 minutes, which net.exe is reported to show as 34463.
    let lanman = || {
        server()
            .net_state("autodisconnect", "34463")
            .registry_value("", SERVER_KEY, "AutoDisconnect", "REG_DWORD", "0x1869f")
    };
    let d = doctor(lanman());
    assert_eq!(d["server_autodisconnect_minutes"], 99999);
    assert_eq!(d["server_autodisconnect_source"], "registry");
    assert_eq!(finding(&d, "modulo 65536")["evidence"], "reported");
    lanman()
        .args(["get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("99999\n")
        .stderr_has("net config server shows 34463, but the registry holds 99999 minutes");
    let out = lanman().args(["server", "--json"]).run();
    out.code(0).stderr_has("modulo 65536 is 34463");
    assert_eq!(out.json()["idle_session_minutes"], 99999);
    lanman()
        .args(["server"])
        .run()
        .code(0)
        .stdout_has("Idle session time            99999 minutes\n");
}

#[test]
fn a_value_below_65536_is_not_taken_for_a_wrapped_one() {
    let d = doctor(server().net_state("autodisconnect", "60").registry_value(
        "",
        SERVER_KEY,
        "autodisconnect",
        "REG_DWORD",
        "0x3c",
    ));
    assert_eq!(d["server_autodisconnect_minutes"], 60);
    assert_eq!(d["server_autodisconnect_source"], "net_config_server");
}

#[test]
fn the_smb2_value_is_shown_on_a_build_that_has_it() {
    let d = doctor(
        windows(server(), "Windows 10 Pro", "26100", "24H2")
            .net_state("autodisconnect", "-1")
            .smb2_idle_seconds(900),
    );
    assert_eq!(d["server_autodisconnect_v2_seconds"], 900);
    let f = finding(&d, "AutoDisconnectTimeoutV2 = 900 s");
    assert_eq!(f["evidence"], "reported");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("-1 is not known to keep SMB2/3 sessions open")
    );
    // get reads it too, in seconds; it is not a value lanman changes.
    windows(server(), "Windows 10 Pro", "26100", "24H2")
        .smb2_idle_seconds(900)
        .args(["get", "autodisconnect_v2"])
        .run()
        .code(0)
        .stdout("900\n");
    Lanman::new()
        .args(["set", "autodisconnect_v2", "60"])
        .run()
        .code(2)
        .ran_nothing();
}

#[test]
fn an_older_build_without_the_smb2_value_gets_no_smb2_warning() {
    let d = doctor(windows(server(), "Windows 10 Pro", "19045", "22H2"));
    assert_eq!(d["server_autodisconnect_v2_seconds"], Value::Null);
    assert!(
        d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["message"].as_str().unwrap().contains("SMB2/3")),
        "{d:#}"
    );
    // An absent V2 prints an empty line for get (nothing stored, no documented default).
    server()
        .args(["get", "autodisconnect_v2", "--json"])
        .run()
        .code(0);
}

#[test]
fn a_new_build_without_the_value_still_warns_smb2_is_apart() {
    let d = doctor(windows(server(), "Windows 11 Pro", "26100", "24H2"));
    finding(&d, "runs build 26100");
}

#[test]
fn a_wrongly_typed_value_is_an_error_that_says_how_to_repair_it() {
    let out = server()
        .registry_value("", WORKSTATION_KEY, "KeepConn", "REG_SZ", "600")
        .args(["doctor", "--json"])
        .run();
    out.code(7);
    let d = out.json();
    assert_eq!(d["error"]["kind"], "wrongly_typed");
    assert!(
        d["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`lanman reset` deletes it"),
        "{d:#}"
    );
    // What could be read is still there.
    assert_eq!(d["server_autodisconnect_minutes"], 15);
}

#[test]
fn set_gives_way_to_group_policy_with_exit_10() {
    let lanman = server().policy_autodisconnect(15);
    let state = lanman.path("net-state");
    let out = lanman.args(["set", "autodisconnect", "60"]).run();
    out.code(10)
        .stdout("")
        .stderr_has("Group Policy sets autodisconnect to 15, so a local change would revert")
        .stderr_has("nothing was changed: autodisconnect is still 15")
        .net_calls(&[&["config", "server"]])
        .one_line_error();
    assert!(!state.join("autodisconnect").exists());
    // The same for the registry route, reset, a dry run, and in JSON.
    for args in [
        &["set", "autodisconnect", "60", "--via", "registry"][..],
        &["set", "autodisconnect", "60", "--dry-run"],
    ] {
        server()
            .policy_autodisconnect(15)
            .args(args.iter().copied())
            .run()
            .code(10)
            .one_line_error();
    }
    server()
        .policy_autodisconnect(15)
        .registry_value("", SERVER_KEY, "AutoDisconnect", "REG_DWORD", "0xf")
        .args(["reset", "autodisconnect"])
        .run()
        .code(10)
        .reg_calls(&[&["query", SERVER_KEY]]);
    let json = server()
        .policy_autodisconnect(15)
        .args(["set", "autodisconnect", "60", "--json"])
        .run();
    json.code(10);
    assert_eq!(json.json()["error"]["kind"], "managed_by_policy");
    assert_eq!(json.json()["error"]["exit_code"], 10);
}

#[test]
fn force_writes_anyway_and_warns_it_will_revert() {
    let out = server()
        .policy_autodisconnect(15)
        .args(["set", "autodisconnect", "60", "--force"])
        .run();
    out.code(0)
        .stdout("autodisconnect: 15 -> 60 (via net)\n")
        .stderr_has("warning: Group Policy sets autodisconnect to 15: this change reverts");
    // A value the policy already matches needs no write, and no policy check.
    let out = server()
        .policy_autodisconnect(15)
        .args(["set", "autodisconnect", "15"])
        .run();
    out.code(0).stdout("autodisconnect: 15 (unchanged)\n");
    assert!(out.secedit_calls.is_empty());
}

#[test]
fn set_goes_on_when_the_policy_cannot_be_checked_and_says_so() {
    server()
        .env("FAKE_SECEDIT_MODE", "denied")
        .args(["set", "autodisconnect", "60"])
        .run()
        .code(0)
        .stdout("autodisconnect: 15 -> 60 (via net)\n")
        .stderr_has("warning: Group Policy was not checked");
    // On another computer the policy cannot be read from here: said, and the change goes on.
    Lanman::new()
        .args(["set", "autodisconnect", "60", "--computer", "FS01"])
        .run()
        .code(0)
        .stderr_has("Group Policy was not checked on FS01");
    // KeepConn is no security option: no policy check at all.
    let out = Lanman::new().args(["set", "keepconn", "60"]).run();
    out.code(0);
    assert!(out.secedit_calls.is_empty());
}

#[test]
fn export_inf_writes_the_security_option_line() {
    let out = Lanman::new()
        .args(["export", "--autodisconnect", "480", "--format", "inf"])
        .run();
    out.code(0).ran_nothing();
    assert!(out.stdout.contains(
        "[Registry Values]\r\nMACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\AutoDisconnect=4,480\r\n"
    ), "{}", out.stdout);
    assert!(
        out.stdout
            .starts_with("[Unicode]\r\nUnicode=yes\r\n[Version]\r\n")
    );
    let off = Lanman::new()
        .args(["export", "--autodisconnect", "off", "--format", "inf"])
        .run();
    off.code(0)
        .stdout_has("AutoDisconnect=4,99999\r\n")
        .stderr_has("off is written as 99999 minutes");
    Lanman::new()
        .args(["export", "--keepconn", "60", "--format", "inf"])
        .run()
        .code(3)
        .one_line_error();
}
