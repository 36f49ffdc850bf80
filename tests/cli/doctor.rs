//! doctor (issues "doctor tells the truth" and "Why did Z: go red"): the document's shape, the
//! two sides that never mix, each drive by its own server's values, Group Policy, the SMB2/3
//! value, the 16-bit display, evidence on every finding, and `set` giving way to policy. The
//! fact-check's errors are in `doctor_factcheck`, the scenarios in `doctor_scenarios`.

use serde_json::{Value, json};

use crate::support::{Lanman, SERVER_KEY, WORKSTATION_KEY};

pub const WIN10_SERVER: &str = "server-en-win10-pro.txt";
pub const VERSION_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";

/// This computer, its Server service answering from the Windows 10 capture.
pub fn server() -> Lanman {
    Lanman::new().server(WIN10_SERVER).stateful_net()
}

/// A computer (`host` empty: this one) whose registry says it runs `build`.
pub fn windows(lanman: Lanman, host: &str, product: &str, build: &str, display: &str) -> Lanman {
    lanman
        .registry_value(host, VERSION_KEY, "ProductName", "REG_SZ", product)
        .registry_value(host, VERSION_KEY, "CurrentBuildNumber", "REG_SZ", build)
        .registry_value(host, VERSION_KEY, "UBR", "REG_DWORD", "0x7f1")
        .registry_value(host, VERSION_KEY, "DisplayVersion", "REG_SZ", display)
}

/// `doctor --json`, which must succeed.
pub fn doctor(lanman: Lanman) -> Value {
    doctor_args(lanman, &[])
}

/// `doctor --json ARGS…`, which must succeed.
pub fn doctor_args(lanman: Lanman, args: &[&str]) -> Value {
    let out = lanman
        .args(["doctor", "--json"])
        .args(args.iter().copied())
        .run();
    out.code(0);
    out.json()
}

pub fn findings(d: &Value) -> &Vec<Value> {
    d["findings"].as_array().unwrap()
}

pub fn finding<'a>(d: &'a Value, needle: &str) -> &'a Value {
    findings(d)
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no finding with {needle:?}: {d:#}"))
}

#[track_caller]
pub fn no_finding(d: &Value, needle: &str) {
    assert!(
        findings(d)
            .iter()
            .all(|f| !f["message"].as_str().unwrap().contains(needle)),
        "a finding says {needle:?}: {d:#}"
    );
}

/// Every fix with the computer it runs on.
pub fn fixes(d: &Value) -> Vec<(String, Value)> {
    findings(d)
        .iter()
        .filter_map(|f| {
            f["fix"]
                .as_str()
                .map(|fix| (fix.to_string(), f["run_on"].clone()))
        })
        .collect()
}

pub fn drive<'a>(d: &'a Value, local_or_remote: &str) -> &'a Value {
    d["drives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["local"] == local_or_remote || x["remote"] == local_or_remote)
        .unwrap_or_else(|| panic!("no drive {local_or_remote}: {d:#}"))
}

/// This computer with drives on `tower` (fixtures/lists/use-en-7.txt), sharing a folder
/// itself (share-en-4.txt).
pub fn tower() -> Lanman {
    server().net_use("use-en-7.txt")
}

#[test]
fn every_documented_member_is_present_in_order() {
    let out = server().args(["doctor", "--json"]).run();
    out.code(0);
    let d = out.json();
    // The members at the top level (two spaces in), in the order printed.
    let keys: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once('"').map(|(k, _)| k))
        .collect();
    assert_eq!(
        keys,
        [
            "schema_version",
            "lanman_version",
            "generated_at",
            "host",
            "computer",
            "drive",
            "client",
            "server",
            "drives",
            "servers",
            "findings",
            "error"
        ]
    );
    assert_eq!(d["schema_version"], 2);
    assert_eq!(d["lanman_version"], env!("CARGO_PKG_VERSION"));
    let at = d["generated_at"].as_str().unwrap();
    assert_eq!(at.len(), 20, "{at}");
    assert!(at.ends_with('Z') && at.as_bytes()[10] == b'T', "{at}");
    assert_eq!(d["computer"], Value::Null);
    assert_eq!(d["drive"], Value::Null);
    for member in [
        "os",
        "keepconn_seconds",
        "keepconn_is_default",
        "keepconn_rule",
        "elevated",
        "linked_connections",
        "restore_connection",
        "wait_for_network",
        "gpp_checked",
    ] {
        assert!(d["client"].get(member).is_some(), "client.{member}: {d:#}");
    }
    for member in [
        "name",
        "service_running",
        "shares_folders",
        "kind",
        "os",
        "autodisconnect_minutes",
        "autodisconnect_source",
        "registry_autodisconnect_minutes",
        "autodisconnect_v2_seconds",
        "policy_checked",
        "policy_autodisconnect_minutes",
        "mdm_autodisconnect_minutes",
        "idle_limit_seconds",
        "limited_by",
        "evidence",
        "error",
    ] {
        assert!(d["server"].get(member).is_some(), "server.{member}: {d:#}");
    }
    for f in findings(&d) {
        assert!(
            matches!(
                f["evidence"].as_str(),
                Some("documented" | "reported" | "inferred")
            ),
            "{f}"
        );
        assert!(f["source"].is_string(), "{f}");
        assert!(f["drives"].is_array(), "{f}");
        assert!(
            matches!(f["about"]["side"].as_str(), Some("client" | "server")),
            "{f}"
        );
        assert!(
            f["about"]["server"].is_string() || f["about"]["server"].is_null(),
            "{f}"
        );
    }
}

#[test]
fn host_is_the_machine_that_ran_it_and_computer_the_target() {
    let ran_here = |lanman: Lanman| {
        lanman
            .registry_value(
                "",
                r"HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ActiveComputerName",
                "ComputerName",
                "REG_SZ",
                "PC01",
            )
            .registry_value(
                "",
                r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters",
                "Hostname",
                "REG_SZ",
                "PC01",
            )
            .registry_value(
                "",
                r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters",
                "Domain",
                "REG_SZ",
                "example.test",
            )
    };
    let d = doctor(ran_here(server()));
    assert_eq!(
        d["host"],
        json!({"name": "PC01", "dns_name": "pc01.example.test"})
    );
    assert_eq!(d["computer"], Value::Null);
    // With --computer, `computer` is the target, as for get and set; `host` is still here.
    let d = doctor_args(ran_here(Lanman::new()), &["--computer", "FS01"]);
    assert_eq!(d["computer"], "FS01");
    assert_eq!(d["server"]["name"], "FS01");
    assert_eq!(d["host"]["name"], "PC01");
    assert_eq!(d["client"], Value::Null);
    assert_eq!(d["drives"], Value::Null);
    // Every finding is then about the target as a server.
    assert!(!findings(&d).is_empty(), "{d:#}");
    for f in findings(&d) {
        assert_eq!(
            f["about"],
            json!({"side": "server", "server": "FS01"}),
            "{f}"
        );
    }
}

#[test]
fn the_windows_build_is_read_from_the_registry() {
    let d = doctor(windows(server(), "", "Windows 10 Pro", "26100", "24H2"));
    let os = json!({"product": "Windows 10 Pro", "build": 26100, "ubr": 2033, "display_version": "24H2"});
    assert_eq!(d["client"]["os"], os);
    assert_eq!(d["server"]["os"], os);
    windows(server(), "", "Windows 10 Pro", "26100", "24H2")
        .args(["doctor"])
        .run()
        .code(0)
        // ProductName says Windows 10 on Windows 11 too: the build tells.
        .stdout_has("Windows 11 Pro 24H2, build 26100.2033");
}

#[test]
fn group_policy_that_sets_the_value_is_reported_and_owns_the_local_fix() {
    let lanman = server().policy_autodisconnect(15);
    let out = lanman.args(["doctor", "--json"]).run();
    out.code(0);
    assert_eq!(
        out.secedit_calls[0][..3],
        ["/export", "/areas", "SECURITYPOLICY"]
    );
    let d = out.json();
    assert_eq!(d["server"]["policy_checked"], true);
    assert_eq!(d["server"]["policy_autodisconnect_minutes"], 15);
    let f = finding(&d, "Group Policy sets autodisconnect to 15 minutes");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["evidence"], "documented");
    assert!(f["source"].as_str().unwrap().contains("KB 277543"));
    // No local fix for a value the GPO owns.
    assert!(fixes(&d).is_empty(), "{d:#}");
}

#[test]
fn a_policy_that_cannot_be_read_is_said_not_failed() {
    for mode in ["denied", "garbage"] {
        let d = doctor(server().env("FAKE_SECEDIT_MODE", mode));
        assert_eq!(d["server"]["policy_checked"], false, "{mode}");
        assert_eq!(d["error"], Value::Null);
        finding(&d, "Group Policy was not checked");
    }
    // A secedit that hangs delays nothing else: each probe has its own deadline. (5 s: under
    // Wine, doctor's thirteen concurrent stand-ins take more than 2 s to start.)
    let out = server()
        .env("FAKE_SECEDIT_MODE", "hang")
        .args(["--timeout", "5", "doctor", "--json"])
        .run();
    out.code(0);
    let d = out.json();
    assert_eq!(d["server"]["autodisconnect_minutes"], 15);
    assert!(
        finding(&d, "Group Policy was not checked")["message"]
            .as_str()
            .unwrap()
            .contains("did not finish within 5 s")
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
    assert_eq!(d["server"]["autodisconnect_minutes"], 99999);
    assert_eq!(d["server"]["autodisconnect_source"], "registry");
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
    assert_eq!(d["server"]["autodisconnect_minutes"], 60);
    assert_eq!(d["server"]["autodisconnect_source"], "net_config_server");
    assert_eq!(d["server"]["idle_limit_seconds"], 3600);
}

#[test]
fn the_smb2_value_sets_this_computers_limit_on_a_build_that_has_it() {
    let d = doctor(
        windows(server(), "", "Windows 10 Pro", "26100", "24H2")
            .net_state("autodisconnect", "-1")
            .smb2_idle_seconds(900),
    );
    assert_eq!(d["server"]["autodisconnect_v2_seconds"], 900);
    assert_eq!(d["server"]["idle_limit_seconds"], 900);
    assert_eq!(d["server"]["limited_by"], "server_autodisconnect_v2");
    assert_eq!(d["server"]["evidence"], "reported");
    let f = finding(&d, "AutoDisconnectTimeoutV2");
    assert_eq!(f["evidence"], "reported");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("may govern SMB1 only")
    );
    // get reads it too, in seconds; it is not a value lanman changes.
    windows(server(), "", "Windows 10 Pro", "26100", "24H2")
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
    let d = doctor(windows(server(), "", "Windows 10 Pro", "19045", "22H2"));
    assert_eq!(d["server"]["autodisconnect_v2_seconds"], Value::Null);
    no_finding(&d, "SMB2/3");
}

#[test]
fn a_new_build_without_the_value_says_it_is_not_in_the_registry() {
    let d = doctor(windows(server(), "", "Windows 11 Pro", "26100", "24H2"));
    let f = finding(
        &d,
        "(build 26100) is a build that keeps a separate SMB2/3 idle value",
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("not in its registry")
    );
    assert_eq!(d["server"]["idle_limit_seconds"], Value::Null);
    assert_eq!(d["server"]["limited_by"], "server_autodisconnect_v2");
    assert!(fixes(&d).is_empty(), "{d:#}");
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
            .contains("`lanman reset keepconn` deletes it"),
        "{d:#}"
    );
    // What could be read is still there.
    assert_eq!(d["server"]["autodisconnect_minutes"], 15);
}

#[test]
fn a_stopped_server_service_is_a_finding_not_exit_5() {
    let out = tower()
        .registry_value("tower", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        .net_mode("server-stopped")
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    let d = out.json();
    assert_eq!(d["error"], Value::Null);
    assert_eq!(d["server"]["service_running"], false);
    assert_eq!(d["server"]["idle_limit_seconds"], Value::Null);
    finding(&d, "The Server service is not running on this computer");
    // The drives are still explained, and no fix is for this computer.
    assert_eq!(drive(&d, "S:")["effective_idle_seconds"], 3600);
    assert!(!fixes(&d).is_empty());
    assert!(fixes(&d).iter().all(|(_, on)| on == "tower"), "{d:#}");
}

#[test]
fn doctor_z_explains_that_drive_only() {
    let lanman =
        || tower().registry_value("tower", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c");
    let d = doctor_args(lanman(), &["S:"]);
    assert_eq!(d["drive"], "S:");
    let drives = d["drives"].as_array().unwrap();
    assert_eq!(drives.len(), 1);
    assert_eq!(drives[0]["local"], "S:");
    assert_eq!(drives[0]["effective_idle_seconds"], 3600);
    // Findings about other drives only (U: is Unavailable) are left out, and so is this
    // computer as a server.
    no_finding(&d, "U:");
    no_finding(
        &d,
        "Sessions other computers open to this computer's shares",
    );
    // A letter in any case, and a remote.
    assert_eq!(doctor_args(lanman(), &["s"])["drive"], "S:");
    let d = doctor_args(lanman(), &[r"\\tower\Buildings"]);
    assert_eq!(d["drives"][0]["remote"], r"\\tower\Buildings");
    // A drive that is not there: exit 3, with the drives that are.
    lanman()
        .args(["doctor", "Q:"])
        .run()
        .code(3)
        .stderr_has("Q: is not one of this user's connections (net use lists S:")
        .one_line_error();
    Lanman::new()
        .args(["doctor", "not-a-drive"])
        .run()
        .code(3)
        .ran_nothing();
    Lanman::new()
        .args(["doctor", "Z:", "--computer", "FS01"])
        .run()
        .code(2)
        .ran_nothing();
}

#[test]
fn the_drive_table_is_aligned_by_display_width() {
    let out = tower()
        .registry_value("tower", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        .args(["doctor"])
        .run();
    out.code(0);
    let table: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Drive "))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(table.len(), 5, "{}", out.stdout);
    let header = table[0];
    let at = |title: &str| header.find(title).unwrap();
    for row in &table[1..] {
        assert!(row[at("Server")..].starts_with("tower "), "{row}");
        assert!(row[at("Idle limit")..].starts_with("3600 s"), "{row}");
    }
    out.stdout_has("autodisconnect (documented)");
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
    Lanman::new()
        .args(["set", "autodisconnect", "60", "--computer", "FS01"])
        .run()
        .code(0)
        .stderr_has("Group Policy was not checked on FS01");
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
    // The bytes as written: `stdout` has its line ends made `\n`.
    let stdout = String::from_utf8_lossy(&out.stdout_bytes);
    assert!(stdout.contains(
        "[Registry Values]\r\nMACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\AutoDisconnect=4,480\r\n"
    ), "{}", out.stdout);
    assert!(stdout.starts_with("[Unicode]\r\nUnicode=yes\r\n[Version]\r\n"));
    let off = Lanman::new()
        .args(["export", "--autodisconnect", "off", "--format", "inf"])
        .run();
    assert!(String::from_utf8_lossy(&off.stdout_bytes).contains("AutoDisconnect=4,99999\r\n"));
    off.code(0).stderr_has("off is written as 99999 minutes");
    Lanman::new()
        .args(["export", "--keepconn", "60", "--format", "inf"])
        .run()
        .code(3)
        .one_line_error();
}

/// `tower` on build 26100 with the SMB2/3 value at 600 s and autodisconnect 60.
fn split_tower() -> Lanman {
    windows(
        tower(),
        "tower",
        "Windows Server 2025 Standard",
        "26100",
        "24H2",
    )
    .registry_value("tower", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
    .registry_value(
        "tower",
        SERVER_KEY,
        "AutoDisconnectTimeoutV2",
        "REG_DWORD",
        "0x258",
    )
}

#[test]
fn the_dialect_decides_which_value_a_session_follows() {
    let out = split_tower()
        .smb_connections(
            r#"[{"ServerName":"tower","ShareName":"Movies","Dialect":"1.5","NumOpens":2},
                {"ServerName":"TOWER","ShareName":"Buildings","Dialect":"3.1.1","NumOpens":0}]"#,
        )
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    assert_eq!(
        out.powershell_calls[0][..3],
        ["-NoProfile", "-NonInteractive", "-Command"]
    );
    let d = out.json();
    // SMB1 follows autodisconnect (documented); SMB2/3 the V2 value (reported).
    let s = drive(&d, "S:");
    assert_eq!(s["dialect"], "1.5");
    assert_eq!(s["open_files"], 2);
    assert_eq!(s["effective_idle_seconds"], 3600);
    assert_eq!(s["limited_by"], "server_autodisconnect");
    let b = drive(&d, r"\\tower\Buildings");
    assert_eq!(b["dialect"], "3.1.1");
    assert_eq!(b["effective_idle_seconds"], 600);
    assert_eq!(b["limited_by"], "server_autodisconnect_v2");
    assert!(
        finding(&d, "Open files now: S: (2)")["message"]
            .as_str()
            .unwrap()
            .contains("not idle")
    );
}

#[test]
fn a_dialect_that_cannot_be_read_is_said_where_it_matters() {
    let d = doctor(split_tower().env("FAKE_PS_MODE", "fail"));
    let f = finding(&d, "The SMB dialect of");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("takes them for SMB2/3")
    );
    assert_eq!(drive(&d, "S:")["limited_by"], "server_autodisconnect_v2");
    // Before the split the dialect changes nothing: not said.
    let d = doctor(
        tower()
            .registry_value("tower", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
            .env("FAKE_PS_MODE", "fail"),
    );
    no_finding(&d, "The SMB dialect of");
}

#[test]
fn a_drive_group_policy_replaces_at_every_refresh_heads_its_causes() {
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Drives clsid=\"{8FDDCC1A-0C3C-43cd-A6B4-71A6DF20DA8C}\"><Drive clsid=\"{935D1B74-9CB8-4e3c-9914-7DD559B7A417}\" name=\"S:\" status=\"S:\" image=\"1\" changed=\"2026-11-02 08:00:00\" uid=\"{4A1F0C2E-3B7D-4E55-9C1A-1D2E3F405162}\"><Properties action=\"R\" thisDrive=\"NOCHANGE\" allDrives=\"NOCHANGE\" userName=\"\" path=\"\\\\tower\\Movies\" label=\"\" persistent=\"1\" useLetter=\"1\" letter=\"S\"/></Drive></Drives>\r\n";
    let d = doctor(
        tower()
            .registry_value("tower", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
            .gpp_drives("{31B2F340-016D-11D2-945F-00C04FB984F9}", xml),
    );
    assert_eq!(d["client"]["gpp_checked"], true);
    assert_eq!(
        drive(&d, "S:")["headline"]["cause"],
        "replaced_by_group_policy"
    );
    assert_eq!(drive(&d, "S:")["headline"]["evidence"], "documented");
    let f = finding(&d, "with the action Replace");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["drives"], json!(["S:"]));
    // The other drives keep their own causes.
    assert_eq!(
        drive(&d, "U:")["headline"]["cause"],
        "not_restored_at_logon"
    );
}

#[test]
fn restoring_at_logon_is_explained_next_to_an_unavailable_drive() {
    let d = doctor(
        tower()
            .registry_value(
                "",
                r"HKLM\SYSTEM\CurrentControlSet\Control\NetworkProvider",
                "RestoreConnection",
                "REG_DWORD",
                "0x0",
            )
            .registry_value(
                "",
                r"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\CurrentVersion\Winlogon",
                "SyncForegroundPolicy",
                "REG_DWORD",
                "0x1",
            ),
    );
    assert_eq!(d["client"]["restore_connection"], 0);
    assert_eq!(d["client"]["wait_for_network"], true);
    let message = finding(&d, "U: are not connected in this logon session")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("RestoreConnection is 0"), "{message}");
    assert!(message.contains("is enabled here"), "{message}");
}

#[test]
fn an_mdm_that_set_the_security_option_owns_the_local_fix() {
    let d = doctor(server().registry_value(
        "",
        r"HKLM\SOFTWARE\Microsoft\PolicyManager\current\device\LocalPoliciesSecurityOptions",
        "MicrosoftNetworkServer_AmountOfIdleTimeRequiredBeforeSuspendingSession",
        "REG_DWORD",
        "0xf",
    ));
    assert_eq!(d["server"]["mdm_autodisconnect_minutes"], 15);
    assert_eq!(finding(&d, "An MDM (Intune, say)")["evidence"], "reported");
    assert!(fixes(&d).is_empty(), "{d:#}");
}

#[test]
fn a_domain_dfs_namespace_is_not_read_as_a_file_server() {
    let use_text = "New connections will be remembered.\r\n\r\n\
Status       Local     Remote                    Network\r\n\r\n\
-------------------------------------------------------------------------------\r\n\
OK           P:        \\\\example.test\\dfs\\projects Microsoft Windows Network\r\n\
The command completed successfully.\r\n\r\n";
    let out = server()
        .net_use_text(use_text)
        .env("USERDNSDOMAIN", "EXAMPLE.TEST")
        .env("USERDOMAIN", "EXAMPLE")
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    assert!(
        !out.reg_calls.iter().any(|c| c[1].starts_with(r"\\")),
        "the domain's registry was read: {:?}",
        out.reg_calls
    );
    let d = out.json();
    let p = drive(&d, "P:");
    assert_eq!(p["dfs_namespace"], true);
    assert_eq!(p["headline"]["cause"], "dfs_target_unknown");
    finding(&d, "is in a domain DFS namespace");
}

#[test]
fn a_domain_dfs_drive_is_explained_by_the_target_the_dfs_client_uses() {
    let use_text = "New connections will be remembered.\r\n\r\n\
Status       Local     Remote                    Network\r\n\r\n\
-------------------------------------------------------------------------------\r\n\
OK           P:        \\\\example.test\\dfs\\projects\\2026 Microsoft Windows Network\r\n\
The command completed successfully.\r\n\r\n";
    let out = server()
        .net_use_text(use_text)
        .env("USERDNSDOMAIN", "EXAMPLE.TEST")
        .env("USERDOMAIN", "EXAMPLE")
        // The DFS client knows the link above the mapped folder, not the folder itself.
        .env(
            "LANMAN_TEST_DFS_TARGET",
            r"\\example.test\dfs\projects=\\fs03\projects$",
        )
        .registry_value("fs03", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        .args(["doctor", "--json"])
        .run();
    out.code(0);
    assert!(
        out.reg_calls
            .iter()
            .all(|c| !c[1].to_ascii_lowercase().starts_with(r"\\example.test")),
        "the domain's registry was read: {:?}",
        out.reg_calls
    );
    let d = out.json();
    let p = drive(&d, "P:");
    assert_eq!(p["dfs_namespace"], true);
    assert_eq!(p["file_server"], "fs03");
    assert_eq!(p["server_autodisconnect_minutes"], 60);
    assert_eq!(p["effective_idle_seconds"], 3600);
    assert_ne!(p["headline"]["cause"], "dfs_target_unknown");
    finding(&d, r"the DFS client uses the target \\fs03\projects$");
}
