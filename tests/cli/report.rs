//! `lanman report` (issue 20, section 1) over a fleet whose doctor reports are written by the
//! real `lanman doctor --json` against the fakes: four clients and two file servers of our own
//! making (not recordings), a watch log, and the files a share collects that are not reports.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::doctor::{VERSION_KEY, windows};
use crate::support::{Lanman, SERVER_KEY, WORKSTATION_KEY};

const NAMES_KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ActiveComputerName";
const TCPIP_KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";

const ADMIN_SHARES: &str = "Share name   Resource                        Remark\r\n\r\n\
-------------------------------------------------------------------------------\r\n\
C$           C:\\                             Default share\r\n\
IPC$                                         Remote IPC\r\n\
ADMIN$       C:\\Windows                      Remote Admin\r\n\
The command completed successfully.\r\n\r\n";

/// `net use` with these `(status, local, remote)` rows.
fn net_use(rows: &[(&str, &str, &str)]) -> String {
    let mut text = "New connections will be remembered.\r\n\r\n\
Status       Local     Remote                    Network\r\n\r\n\
-------------------------------------------------------------------------------\r\n"
        .to_string();
    for (status, local, remote) in rows {
        text.push_str(&format!(
            "{status:<13}{local:<10}{remote:<26}Microsoft Windows Network\r\n"
        ));
    }
    text.push_str("The command completed successfully.\r\n\r\n");
    text
}

/// A computer of example.test: its names, its Windows, what it shares.
fn computer(name: &str, product: &str, build: &str) -> Lanman {
    let lanman = Lanman::new()
        .server("server-en-win10-pro.txt")
        .registry_value("", NAMES_KEY, "ComputerName", "REG_SZ", name)
        .registry_value("", TCPIP_KEY, "Hostname", "REG_SZ", name)
        .registry_value("", TCPIP_KEY, "Domain", "REG_SZ", "example.test");
    windows(lanman, "", product, build, "")
}

/// A client: shares nothing but administrative shares, maps these drives.
fn client(name: &str, product: &str, build: &str, drives: &[(&str, &str, &str)]) -> Lanman {
    computer(name, product, build)
        .net_share_text(ADMIN_SHARES)
        .net_use_text(&net_use(drives))
}

/// FS01 (Windows Server 2025: autodisconnect 60, AutoDisconnectTimeoutV2 600 s) as a client
/// reads it.
fn sees_fs01(lanman: Lanman) -> Lanman {
    let host = "fs01.example.test";
    windows(
        lanman,
        host,
        "Windows Server 2025 Standard",
        "26100",
        "24H2",
    )
    .registry_value(host, SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
    .registry_value(
        host,
        SERVER_KEY,
        "AutoDisconnectTimeoutV2",
        "REG_DWORD",
        "0x258",
    )
}

/// FS03 (Windows Server 2022) as a client reads it: `autodisconnect` as given, or absent.
fn sees_fs03(lanman: Lanman, autodisconnect: Option<&str>) -> Lanman {
    let lanman = windows(
        lanman,
        "FS03",
        "Windows Server 2022 Standard",
        "20348",
        "21H2",
    );
    match autodisconnect {
        Some(value) => {
            lanman.registry_value("FS03", SERVER_KEY, "autodisconnect", "REG_DWORD", value)
        }
        None => lanman,
    }
}

/// `doctor --json` of one machine, as its collection script would save it.
fn doctor_json(lanman: Lanman, args: &[&str]) -> String {
    let out = lanman
        .args(["doctor", "--json"])
        .args(args.iter().copied())
        .run();
    assert!(
        out.code == 0 || out.json()["error"].is_object(),
        "doctor failed: {}",
        out.stderr
    );
    out.stdout
}

/// The fleet's doctor reports, made once per test binary run (each is one doctor run).
fn fleet_reports() -> &'static Vec<(String, String)> {
    static FLEET: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    FLEET.get_or_init(|| {
        // PC01, Windows 11: FS01 by two names (one drive Disconnected), FS02 that refuses it.
        let pc01 = sees_fs01(client(
            "PC01",
            "Windows 10 Pro",
            "22631",
            &[
                ("OK", "S:", r"\\FS01\data"),
                ("Disconnected", "T:", r"\\fs01.example.test\scans"),
                ("Unavailable", "U:", r"\\FS02\home"),
            ],
        ))
        .env("FAKE_REG_DENIED", "FS02");
        // PC02, Windows 10: FS01 by its DNS name, and FS03 with no autodisconnect (15).
        let pc02 = sees_fs03(
            sees_fs01(client(
                "PC02",
                "Windows 10 Pro",
                "19045",
                &[
                    ("OK", "S:", r"\\fs01.example.test\data"),
                    ("OK", "H:", r"\\FS03\home"),
                ],
            )),
            None,
        );
        // PC03 reads FS03 at 60 minutes: the readings disagree.
        let pc03 = sees_fs03(
            client(
                "PC03",
                "Windows 10 Pro",
                "19045",
                &[("OK", "H:", r"\\FS03\home")],
            ),
            Some("0x3c"),
        );
        // PC04, Windows 7 SP1 (KB 297684 applies): KeepConn 600 ends its sessions first.
        let pc04 = sees_fs03(
            client(
                "PC04",
                "Windows 7 Professional",
                "7601",
                &[("OK", "H:", r"\\FS03\home")],
            ),
            None,
        )
        .registry_value("", WORKSTATION_KEY, "KeepConn", "REG_DWORD", "0x258");
        // FS03 itself: shares folders; its Server service uses 15 minutes.
        let fs03 = computer("FS03", "Windows Server 2022 Standard", "20348");
        // An administrator's workstation reads FS02 with --computer.
        let admin = windows(
            computer("ADMIN1", "Windows 10 Pro", "19045").net_share_text(ADMIN_SHARES),
            "FS02",
            "Windows Server 2019 Standard",
            "17763",
            "",
        )
        .registry_value("FS02", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x1e");
        vec![
            ("PC01.json".to_string(), doctor_json(pc01, &[])),
            ("PC02.json".to_string(), doctor_json(pc02, &[])),
            ("PC03.json".to_string(), doctor_json(pc03, &[])),
            ("PC04.json".to_string(), doctor_json(pc04, &[])),
            ("FS03.json".to_string(), doctor_json(fs03, &[])),
            (
                "ADMIN1-FS02.json".to_string(),
                doctor_json(admin, &["--computer", "FS02"]),
            ),
        ]
    })
}

/// A `watch sessions --json` log of FS01 (the shape of README "watch"; ours, not recorded).
const FS01_WATCH: &str = concat!(
    r#"{"time":"2026-03-02T08:00:00Z","event":"start","watch":"sessions","interval_seconds":15,"count":null,"elevated":true,"configured":{"autodisconnect_minutes":60,"autodisconnect_v2_seconds":600}}"#,
    "\n",
    r#"{"time":"2026-03-02T09:41:30Z","event":"gone","computer":"PC01","user":"anna","opens":0,"last_idle_seconds":591,"gone_between":["2026-03-02T09:41:15Z","2026-03-02T09:41:30Z"],"idle_between_seconds":[591,606],"sessions_timed_out_change":1}"#,
    "\n",
    r#"{"time":"2026-03-02T10:12:00Z","event":"gone","computer":"PC02","user":"bob","opens":0,"last_idle_seconds":598,"gone_between":["2026-03-02T10:11:45Z","2026-03-02T10:12:00Z"],"idle_between_seconds":[598,613],"sessions_timed_out_change":1}"#,
    "\n",
);

/// A folder as a collection share holds it: the reports, FS01's watch log, and files that
/// are not reports.
fn share() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in fleet_reports() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("FS01.watch.jsonl"), FS01_WATCH).unwrap();
    let pc02 = &fleet_reports()[1].1;
    std::fs::write(dir.path().join("PC05.json"), &pc02[..pc02.len() / 2]).unwrap();
    std::fs::write(
        dir.path().join("notes.txt"),
        "collected by the logon script\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("PC06.json"),
        pc02.replacen("\"schema_version\": 2", "\"schema_version\": 3", 1),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("PC07.json"),
        r#"{"server": null, "server_autodisconnect_minutes": 15, "effective_idle_seconds": 900, "findings": []}"#,
    )
    .unwrap();
    let big = std::fs::File::create(dir.path().join("PC08.json")).unwrap();
    big.set_len(5 * 1024 * 1024).unwrap();
    dir
}

fn report(args: &[&str], paths: &[&Path]) -> crate::support::Outcome {
    let mut lanman = Lanman::new().args(["report"]).args(args.iter().copied());
    for path in paths {
        lanman = lanman.arg_path(path);
    }
    lanman.run()
}

fn server<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no server {name}: {r:#}"))
}

fn client_row<'a>(r: &'a Value, name: &str) -> Option<&'a Value> {
    r["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
}

#[test]
fn the_server_with_the_shortest_limit_comes_first_with_its_clients_and_fix() {
    let dir = share();
    let out = report(&["--format", "json"], &[dir.path()]);
    out.code(0);
    let r = out.json();
    let names: Vec<&str> = r["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    // FS01 600 s, FS03 15 minutes (900 s), FS02 30 minutes (its --computer report).
    assert_eq!(
        names,
        ["fs01.example.test", "fs03.example.test", "FS02"],
        "{r:#}"
    );
    let fs01 = server(&r, "fs01.example.test");
    assert_eq!(fs01["idle_limit_seconds"], 600);
    assert_eq!(fs01["clients"], 2);
    assert_eq!(fs01["drives"], 3);
    assert_eq!(
        fs01["names"],
        serde_json::json!(["FS01", "fs01.example.test"])
    );
    assert_eq!(fs01["readings_disagree"], false);
    assert_eq!(fs01["builds"], serde_json::json!([26100]));
    // The fix is doctor's, with where it must run.
    let fix = &fs01["fixes"][0];
    assert_eq!(
        fix["fix"],
        "Set-SmbServerConfiguration -AutoDisconnectTimeoutInSecondsV2 900 -Force"
    );
    assert_eq!(fix["run_on"], "fs01.example.test");
    assert_eq!(fix["from_itself"], false);
    assert_eq!(fix["client_reports"], 2);
    // The watch log on FS01 measured the limit.
    assert_eq!(fs01["measured_idle_seconds"], serde_json::json!([591, 613]));
    assert_eq!(fs01["measured_sessions"], 2);
}

#[test]
fn a_server_own_report_is_merged_with_what_its_clients_saw_and_disagreement_shown() {
    let dir = share();
    let r = report(&["--json"], &[dir.path()]).json();
    let fs03 = server(&r, "fs03.example.test");
    assert_eq!(
        fs03["names"],
        serde_json::json!(["FS03", "fs03.example.test"])
    );
    assert_eq!(fs03["clients"], 3);
    // Two clients read no value (15, the default), one read 60: they disagree.
    assert_eq!(fs03["readings_disagree"], true);
    let readings: Vec<(i64, u64)> = fs03["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["autodisconnect_minutes"].as_i64().unwrap(),
                x["clients"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(readings, [(15, 2), (60, 1)]);
    let own = &fs03["own"];
    assert_eq!(
        own["file"].as_str().map(|f| f.ends_with("FS03.json")),
        Some(true)
    );
    assert_eq!(own["read_by"], "FS03");
    assert_eq!(own["autodisconnect_minutes"], 15);
    assert_eq!(own["idle_limit_seconds"], 900);
    // The same fix from FS03 itself and from its clients is one fix.
    let fixes = fs03["fixes"].as_array().unwrap();
    assert_eq!(fixes.len(), 1, "{fs03:#}");
    assert_eq!(fixes[0]["fix"], "lanman set autodisconnect -1");
    assert_eq!(fixes[0]["from_itself"], true);
    assert_eq!(fixes[0]["client_reports"], 3);
    // FS02: its clients could not read it; an administrator's --computer report could.
    let fs02 = server(&r, "FS02");
    assert_eq!(
        fs02["unread"],
        serde_json::json!([{"kind": "access_denied", "clients": 1}])
    );
    assert_eq!(fs02["own"]["read_by"], "ADMIN1");
    assert_eq!(fs02["own"]["autodisconnect_minutes"], 30);
    assert_eq!(fs02["idle_limit_seconds"], 1800);
}

#[test]
fn clients_list_drives_below_the_threshold_red_drives_and_their_own_problems() {
    let dir = share();
    let r = report(&["--json", "--below", "16m"], &[dir.path()]).json();
    assert_eq!(r["below_seconds"], 960);
    let pc01 = client_row(&r, "PC01").expect("PC01 listed");
    let drives: Vec<(String, Value)> = pc01["drives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["local"].as_str().unwrap().to_string(),
                d["reasons"].clone(),
            )
        })
        .collect();
    assert_eq!(
        drives,
        [
            ("S:".to_string(), serde_json::json!(["below"])),
            (
                "T:".to_string(),
                serde_json::json!(["below", "disconnected"])
            ),
            ("U:".to_string(), serde_json::json!(["unavailable"])),
        ]
    );
    // PC04's KeepConn (Windows 7 SP1: KB 297684) is its own problem, with doctor's fix.
    let pc04 = client_row(&r, "PC04").expect("PC04 listed");
    let keepconn = pc04["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["problem"] == "keepconn")
        .unwrap_or_else(|| panic!("{pc04:#}"));
    assert_eq!(keepconn["fix"], "lanman set keepconn 65535");
    assert_eq!(keepconn["run_on"], "PC04");
    // With a lower threshold, FS03's 15 minutes are not below: PC02 and PC03 have no drive to
    // list (under Wine lanman runs elevated, which is then their one problem).
    let r = report(&["--json", "--below", "5m"], &[dir.path()]).json();
    for name in ["PC02", "PC03"] {
        if let Some(row) = client_row(&r, name) {
            assert_eq!(row["drives"], serde_json::json!([]), "{r:#}");
            let problems: Vec<&str> = row["problems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["problem"].as_str().unwrap())
                .collect();
            assert_eq!(problems, ["elevated"], "{r:#}");
        }
    }
    // FS03's own report is a client's too (it maps nothing).
    assert_eq!(r["counts"]["clients"], 5);
    let listed = r["clients"].as_array().unwrap().len() as u64;
    assert_eq!(r["counts"]["clients_without_problems"], 5 - listed);
}

#[test]
fn every_unreadable_file_is_named_with_its_reason_and_the_report_goes_on() {
    let dir = share();
    let out = report(&["--json"], &[dir.path()]);
    out.code(0);
    let r = out.json();
    let skipped: Vec<(String, String)> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let file = PathBuf::from(s["file"].as_str().unwrap());
            (
                file.file_name().unwrap().to_string_lossy().into_owned(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("PC05.json", "truncated"),
        ("PC06.json", "unknown_schema"),
        ("PC07.json", "schema_1"),
        ("PC08.json", "too_large"),
        ("notes.txt", "not_lanman"),
    ];
    assert_eq!(
        skipped,
        expected.map(|(f, r)| (f.to_string(), r.to_string())),
        "{r:#}"
    );
    assert_eq!(r["counts"]["doctor_reports"], 6);
    assert_eq!(r["counts"]["watch_logs"], 1);
    assert_eq!(r["error"], Value::Null);
    // Each is named on stderr too.
    for (file, reason) in expected {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(&format!("({reason})"))),
            "{file} {reason}: {}",
            out.stderr
        );
    }
}

#[test]
fn reports_older_than_max_age_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let pc02 = &fleet_reports()[1].1;
    let mut old: Value = serde_json::from_str(pc02).unwrap();
    old["generated_at"] = "2020-01-01T00:00:00Z".into();
    old["host"]["name"] = "OLDPC".into();
    std::fs::write(dir.path().join("OLDPC.json"), old.to_string()).unwrap();
    std::fs::write(dir.path().join("PC02.json"), pc02).unwrap();
    let r = report(&["--json", "--max-age", "30d"], &[dir.path()]).json();
    assert_eq!(r["skipped"][0]["reason"], "too_old", "{r:#}");
    assert_eq!(r["counts"]["doctor_reports"], 1);
    // Without --max-age, any age is read.
    let r = report(&["--json"], &[dir.path()]).json();
    assert_eq!(r["counts"]["doctor_reports"], 2);
}

#[test]
fn the_newest_report_of_a_computer_is_used_and_the_older_named() {
    let dir = tempfile::tempdir().unwrap();
    let pc02 = &fleet_reports()[1].1;
    let mut old: Value = serde_json::from_str(pc02).unwrap();
    old["generated_at"] = "2020-01-01T00:00:00Z".into();
    std::fs::write(dir.path().join("PC02-old.json"), old.to_string()).unwrap();
    std::fs::write(dir.path().join("PC02.json"), pc02).unwrap();
    let r = report(&["--json"], &[dir.path()]).json();
    assert_eq!(r["counts"]["doctor_reports"], 1);
    assert_eq!(r["skipped"][0]["reason"], "superseded");
    assert!(
        r["skipped"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("PC02-old.json")
    );
}

#[test]
fn files_and_several_folders_are_read_together() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let reports = fleet_reports();
    std::fs::write(a.path().join("PC01.json"), &reports[0].1).unwrap();
    std::fs::write(b.path().join("PC02.json"), &reports[1].1).unwrap();
    let single = b.path().join("FS03.json");
    std::fs::write(&single, &reports[4].1).unwrap();
    let r = report(&["--json"], &[a.path(), b.path(), &single]).json();
    // FS03.json is in folder b and named too: the same report twice is one report.
    assert_eq!(r["counts"]["doctor_reports"], 3, "{r:#}");
    assert_eq!(r["skipped"][0]["reason"], "superseded");
    assert_eq!(server(&r, "fs01.example.test")["clients"], 2);
}

#[test]
fn no_readable_report_is_exit_3_with_each_file_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "hello").unwrap();
    let out = report(&["--json"], &[dir.path()]);
    out.code(3);
    let r = out.json();
    assert_eq!(r["error"]["exit_code"], 3);
    assert_eq!(r["skipped"][0]["reason"], "not_lanman");
    let out = report(&[], &[dir.path()]);
    out.code(3);
    assert!(
        out.stderr.contains("no lanman report could be read"),
        "{}",
        out.stderr
    );
    let missing = dir.path().join("nowhere");
    report(&[], &[&missing]).code(3);
    // A duration without a unit is a rejected value, as main reports clap's value errors.
    report(&["--below", "15"], &[dir.path()]).code(3);
    report(&["--json", "--format", "csv"], &[dir.path()]).code(3);
}

#[test]
fn an_output_that_cannot_be_written_is_cannot_write_exit_1() {
    let dir = share();
    // A file stands where the folder of --output should be.
    let blocker = dir.path().join("taken");
    std::fs::write(&blocker, "a file").unwrap();
    let file = blocker.join("fleet.json");
    let out = report(
        &["--json", "--output", file.to_str().unwrap()],
        &[dir.path()],
    );
    out.code(1);
    assert!(out.stderr.contains("cannot write "), "{}", out.stderr);
    let d = out.json();
    assert_eq!(d["error"]["kind"], "cannot_write");
    assert_eq!(d["error"]["exit_code"], 1);
}

/// A report whose computer name was written by someone who wanted it run.
fn hostile_share() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut doc: Value = serde_json::from_str(&fleet_reports()[0].1).unwrap();
    doc["host"]["name"] = "<script>alert(1)</script>".into();
    doc["host"]["dns_name"] = "=HYPERLINK(\"http://x.invalid\",\"y\")".into();
    doc["drives"][0]["remote"] = "@SUM(1+1)".into();
    std::fs::write(dir.path().join("evil.json"), doc.to_string()).unwrap();
    dir
}

#[test]
fn html_is_one_page_without_script_or_network_with_the_chart_and_escaped_names() {
    let dir = share();
    let out = report(&["--format", "html"], &[dir.path()]);
    out.code(0);
    let page = &out.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.is_ascii(),
        "non-ASCII is written as character references"
    );
    assert!(page.contains("<svg"), "the chart");
    assert!(page.contains("fs01.example.test"));
    assert!(page.contains("Set-SmbServerConfiguration"));
    let lower = page.to_ascii_lowercase();
    for needle in [
        "<script", "src=", "href=", "url(", "@import", "<link", "<iframe",
    ] {
        assert!(!lower.contains(needle), "{needle} in the page");
    }
    // The only address is SVG's namespace name, which nothing fetches.
    assert_eq!(
        lower.matches("http:").count() + lower.matches("https:").count(),
        1,
        "{page}"
    );
    assert!(lower.contains("content-security-policy"));

    let evil = hostile_share();
    let out = report(&["--format", "html"], &[evil.path()]);
    out.code(0);
    assert!(!out.stdout.contains("<script>"), "{}", out.stdout);
    assert!(out.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn csv_has_the_documented_columns_and_neutralises_formulas() {
    let dir = share();
    let out = report(&["--format", "csv"], &[dir.path()]);
    out.code(0);
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("record,server,server_names,clients,"),
        "{first}"
    );
    assert!(out.stdout_raw().contains("\r\n"), "RFC 4180 line ends");
    let server_row = out
        .stdout
        .lines()
        .find(|l| l.starts_with("server,fs01.example.test,"))
        .expect("a server row");
    assert!(server_row.contains(",600,"), "{server_row}");
    // autodisconnect -1 would be a number, not a formula: numbers are written as numbers.
    let evil = hostile_share();
    let out = report(&["--format", "csv"], &[evil.path()]);
    out.code(0);
    assert!(out.stdout.contains(",'@SUM(1+1),"), "{}", out.stdout);
    for line in out.stdout.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a formula cell: {cell} in {line}"
            );
        }
    }
    // Written to a file: UTF-8 with a byte-order mark.
    let file = dir.path().join("out").with_extension("csv");
    let out = report(
        &["--format", "csv", "--output", file.to_str().unwrap()],
        &[evil.path()],
    );
    out.code(0);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFrecord,"));
}

#[test]
fn text_names_the_shortest_server_first_and_what_was_not_read() {
    let dir = share();
    let out = report(&[], &[dir.path()]);
    out.code(0);
    let text = &out.stdout;
    let fs01 = text.find("fs01.example.test (also FS01)").expect(text);
    let fs03 = text.find("fs03.example.test (also FS03)").expect(text);
    assert!(fs01 < fs03, "{text}");
    assert!(
        text.contains("fix, on fs01.example.test: Set-SmbServerConfiguration"),
        "{text}"
    );
    assert!(
        text.contains("measured      sessions without open files vanished at 591 to 613 s idle"),
        "{text}"
    );
    assert!(text.contains("Not read: 5 files"), "{text}");
}

#[test]
fn the_pages_of_every_format_agree_on_the_servers() {
    // The same report in JSON and CSV: one server row per JSON server, in the same order.
    let dir = share();
    let json = report(&["--json"], &[dir.path()]).json();
    let csv = report(&["--format", "csv"], &[dir.path()]).stdout;
    let from_csv: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("server,"))
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    let from_json: Vec<&str> = json["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(from_csv, from_json);
    let _ = VERSION_KEY;
}

// A symbolic link and a FIFO in the share's folder: made with Unix calls here; on Windows a
// link needs a privilege the test may not have (machine::reports has the Windows flag).
#[cfg(unix)]
#[test]
fn links_and_fifos_in_the_folder_are_named_not_followed_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("PC02.json"), &fleet_reports()[1].1).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("PC09.json")).unwrap();
    #[allow(clippy::disallowed_methods)] // a test makes a FIFO with the system's mkfifo
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("PC10.json"))
        .status()
        .unwrap();
    assert!(status.success());
    // A FIFO that nobody writes would block a reader that opened it: the run must not hang.
    let out = report(&["--json"], &[dir.path()]);
    out.code(0);
    let r = out.json();
    let reasons: Vec<(&str, &str)> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["reason"].as_str().unwrap(),
                s["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("not_a_file", "a symbolic link or junction: not followed"),
            ("not_a_file", "a FIFO: not opened"),
        ]
    );
    assert!(
        !out.stdout.contains("root:"),
        "the link's target was not read"
    );
}
