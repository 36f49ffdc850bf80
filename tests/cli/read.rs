//! `lanman server`, `lanman workstation`, `lanman get` against recorded outputs.

use serde_json::json;

use crate::support::{Lanman, WORKSTATION_KEY};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";

#[test]
fn server_shows_the_settings_aligned() {
    Lanman::new()
        .server(WIN10_SERVER)
        .args(["server"])
        .run()
        .code(0)
        .stderr("")
        .stdout(
            "Server name                  DESKTOP-8GB0J2A
Comment                      (none)
Software version             Windows 10 Pro
Hidden                       no
Max logged-on users          20
Max open files per session   16384
Idle session time            15 minutes (the Windows default)
Transports                   NetbiosSmb (DESKTOP-8GB0J2A)
                             NetBT_Tcpip_{EF22887A-91EF-4633-A2DE-7D088A3DEB47} (DESKTOP-8GB0J2A)
",
        )
        .net_calls(&[&["config", "server"]]);
}

#[test]
fn server_json_has_the_documented_fields() {
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .args(["server", "--json"])
        .run();
    out.code(0);
    assert_eq!(
        out.json(),
        json!({
            "server_name": "DESKTOP-8GB0J2A",
            "server_comment": "",
            "software_version": "Windows 10 Pro",
            "transports": [
                {"name": "NetbiosSmb", "address": "DESKTOP-8GB0J2A"},
                {"name": "NetBT_Tcpip_{EF22887A-91EF-4633-A2DE-7D088A3DEB47}", "address": "DESKTOP-8GB0J2A"}
            ],
            "hidden": false,
            "max_logged_on_users": 20,
            "max_open_files_per_session": 16384,
            "idle_session_minutes": 15,
            "missing": [],
            "absent": [],
            "unreadable": [],
            "warnings": [],
            "language": "en",
            "error": null
        })
    );
}

#[test]
fn json_is_a_global_flag() {
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .args(["--json", "server"])
        .run();
    out.code(0);
    assert_eq!(out.json()["idle_session_minutes"], 15);
}

#[test]
fn workstation_json_has_the_documented_fields() {
    let out = Lanman::new()
        .workstation("workstation-en-win10-pro-msaccount-workgroup.txt")
        .args(["workstation", "--json"])
        .run();
    out.code(0).net_calls(&[&["config", "workstation"]]);
    assert_eq!(
        out.json(),
        json!({
            "computer_name": "DESKTOP-8GB0J2A",
            "full_computer_name": "DESKTOP-8GB0J2A",
            "user_name": "someone@outlook.example",
            "transports": [{"name": "NetBT_Tcpip_{EF22887A-91EF-4633-A2DE-7D088A3DEB47}", "address": "000C290BF9E2"}],
            "software_version": "Windows 10 Pro",
            "workstation_domain": "WORKGROUP",
            "workstation_domain_dns_name": null,
            "logon_domain": "MicrosoftAccount",
            "com_open_timeout_sec": 0,
            "com_send_count_bytes": 16,
            "com_send_timeout_msec": 250,
            "missing": [],
            "absent": ["workstation_domain_dns_name"],
            "unreadable": [],
            "warnings": [],
            "language": "en",
            "error": null
        })
    );
}

#[test]
fn workstation_text_says_what_is_absent() {
    Lanman::new()
        .workstation("workstation-en-winserver2019-standard-workgroup.txt")
        .args(["workstation"])
        .run()
        .code(0)
        .stdout_has("Domain DNS name              (none: not domain-joined)\n")
        .stdout_has("User name                    sql_svc\n");
}

#[test]
fn get_autodisconnect_prints_the_bare_value() {
    Lanman::new()
        .server(WIN10_SERVER)
        .args(["get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("15\n")
        .stderr("")
        .net_calls(&[&["config", "server"]]);
}

#[test]
fn get_autodisconnect_when_off_prints_minus_one() {
    Lanman::new()
        .server(WIN10_SERVER)
        .stateful_net()
        .net_state("autodisconnect", "-1")
        .args(["get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("-1\n");
}

#[test]
fn get_prints_every_server_field() {
    let cases = [
        ("server_name", "DESKTOP-8GB0J2A\n"),
        ("server_comment", "\n"),
        ("srvcomment", "\n"),
        ("software_version", "Windows 10 Pro\n"),
        ("server.software_version", "Windows 10 Pro\n"),
        (
            "transports",
            "NetbiosSmb (DESKTOP-8GB0J2A)\nNetBT_Tcpip_{EF22887A-91EF-4633-A2DE-7D088A3DEB47} (DESKTOP-8GB0J2A)\n",
        ),
        ("hidden", "no\n"),
        ("max_logged_on_users", "20\n"),
        ("max_open_files_per_session", "16384\n"),
        ("idle_session_minutes", "15\n"),
    ];
    for (setting, expected) in cases {
        Lanman::new()
            .server(WIN10_SERVER)
            .args(["get", setting])
            .run()
            .code(0)
            .stdout(expected);
    }
}

#[test]
fn get_prints_every_workstation_field() {
    let cases = [
        ("computer_name", "WIN10-DEV\n"),
        ("full_computer_name", "WIN10-DEV.snowcapcyber.local\n"),
        ("user_name", "Andrew Blyth\n"),
        (
            "workstation.transports",
            "NetBT_Tcpip_{FBBE6C05-C5CD-48F6-A739-2375485F5268} (000C294A5DC3)\n",
        ),
        ("workstation.software_version", "Windows 10 Pro\n"),
        ("workstation_domain", "SNOWCAPCYBER\n"),
        ("workstation_domain_dns_name", "snowcapcyber.local\n"),
        ("logon_domain", "WIN10-DEV\n"),
        ("com_open_timeout_sec", "0\n"),
        ("com_send_count_bytes", "16\n"),
        ("com_send_timeout_msec", "250\n"),
    ];
    for (setting, expected) in cases {
        Lanman::new()
            .workstation("workstation-en-win10-pro-domain-localuser.txt")
            .args(["get", setting])
            .run()
            .code(0)
            .stdout(expected)
            .net_calls(&[&["config", "workstation"]]);
    }
}

#[test]
fn get_of_an_absent_optional_line_prints_an_empty_value() {
    Lanman::new()
        .workstation("workstation-en-winserver2019-standard-workgroup.txt")
        .args(["get", "workstation_domain_dns_name"])
        .run()
        .code(0)
        .stdout("\n");
}

#[test]
fn get_json_names_the_setting() {
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .args(["get", "hidden", "--json"])
        .run();
    out.code(0);
    assert_eq!(
        out.json(),
        json!({"setting": "hidden", "computer": null, "value": false, "is_default": null, "warnings": [], "error": null})
    );
    // The same setting name whichever name asked for it, and wherever it was read.
    for name in [
        "autodisconnect",
        "idle_session_minutes",
        "Idle-Session-Minutes",
    ] {
        let out = Lanman::new()
            .server(WIN10_SERVER)
            .args(["get", name, "--json"])
            .run();
        out.code(0);
        assert_eq!(out.json()["setting"], "autodisconnect");
        assert_eq!(out.json()["value"], 15);
    }
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .args(["get", "server_comment", "--json"])
        .run();
    assert_eq!(out.json()["setting"], "srvcomment");
}

#[test]
fn a_value_in_an_unknown_language_is_null_listed_as_unreadable_and_get_refuses_it() {
    // tests/data/synthetic-server-de.cp850.txt: the recorded layout with labels and words in a
    // display language lanman has no table for (not a recording, see tests/data/README.md).
    let lanman = || {
        Lanman::new().env(
            "FAKE_NET_SERVER",
            crate::support::test_data("synthetic-server-de.cp850.txt"),
        )
    };
    let out = lanman().args(["server", "--json"]).run();
    out.code(0)
        .stderr_has("warning: hidden: cannot interpret \"Nein\"");
    let json = out.json();
    assert_eq!(json["hidden"], serde_json::Value::Null);
    assert_eq!(json["max_logged_on_users"], serde_json::Value::Null);
    // Null for "could not be read" is told apart from Unlimited and from a line not printed.
    assert_eq!(json["unreadable"], json!(["hidden", "max_logged_on_users"]));
    assert_eq!(json["missing"], json!([]));
    assert_eq!(json["absent"], json!([]));
    assert_eq!(json["idle_session_minutes"], -1);
    assert_eq!(json["max_open_files_per_session"], 16384);
    assert_eq!(json["language"], serde_json::Value::Null);
    lanman()
        .args(["get", "max_logged_on_users"])
        .run()
        .code(7)
        .stdout("")
        .one_line_error();
    lanman()
        .args(["get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("-1\n");
}

#[test]
fn chinese_output_in_gbk_is_read_even_without_the_right_code_page() {
    // Off Windows the OEM code page is 437, so the GBK labels come out as mojibake; the
    // structure still names every line (on Windows GetOEMCP() says 936 and the labels match).
    let out = Lanman::new()
        .workstation("wire/workstation-zh-cn-win10-pro-domain.cp936.txt")
        .args(["workstation", "--json"])
        .run();
    out.code(0);
    let json = out.json();
    assert_eq!(json["computer_name"], "DESKTOP-5T90749");
    assert_eq!(json["workstation_domain_dns_name"], "raingray.com");
    assert_eq!(json["com_send_timeout_msec"], 250);
}

#[test]
fn a_truncated_live_output_is_an_error_naming_what_is_missing() {
    Lanman::new()
        .workstation("workstation-zh-cn-win7-ultimate-truncated.txt")
        .args(["workstation"])
        .run()
        .code(7)
        .stdout("")
        .stderr_has("com_open_timeout_sec, com_send_count_bytes, com_send_timeout_msec")
        .one_line_error();
}

#[test]
fn a_damaged_output_in_an_unknown_language_is_an_error_that_says_why() {
    // A display language lanman has no table for, with the `Logon domain` line lost (made up
    // for this test): `corp.example` stands where the logon domain goes but is not a NetBIOS
    // name, so neither it nor the optional DNS-name line next to it is trusted.
    let lanman = Lanman::new();
    let capture = lanman.path("workstation-de-lost-line.txt");
    std::fs::write(
        &capture,
        "Arbeitsstationsname           \\\\PC01\r\n\
         Benutzername                   anna\r\n\r\n\
         Arbeitsstation aktiv auf\r\n\tNetbiosSmb (000000000000)\r\n\r\n\
         Softwareversion                Windows 10 Pro\r\n\r\n\
         Arbeitsstationsdomaene         CORP\r\n\
         DNS-Name der Domaene           corp.example\r\n\r\n\
         COM-Oeffnungstimeout (s)       0\r\n\
         COM-Sendeanzahl (Byte)         16\r\n\
         COM-Sendetimeout (ms)          250\r\n",
    )
    .unwrap();
    let lanman = lanman.env("FAKE_NET_WORKSTATION", &capture);
    lanman
        .args(["workstation"])
        .run()
        .code(7)
        .stdout("")
        .stderr_has("printed no line for full_computer_name, workstation_domain_dns_name (logon_domain: line 10")
        .stderr_has("does not look like it")
        .one_line_error();
}

#[test]
fn the_other_commands_output_is_not_understood() {
    Lanman::new()
        .server("workstation-en-win7-pro-domain.txt")
        .args(["get", "autodisconnect"])
        .run()
        .code(7)
        .stderr_has("this is `net config workstation` output, not `net config server`")
        .one_line_error();
}

#[test]
fn keepconn_absent_is_the_default_600() {
    let out = Lanman::new().args(["get", "keepconn"]).run();
    out.code(0)
        .stdout("600\n")
        .net_calls(&[])
        .reg_calls(&[&["query", WORKSTATION_KEY]]);
    let json = Lanman::new().args(["get", "keepconn", "--json"]).run();
    assert_eq!(
        json.json(),
        json!({"setting": "keepconn", "computer": null, "value": 600, "is_default": true, "warnings": [], "error": null})
    );
}

#[test]
fn keepconn_from_the_registry() {
    let lanman =
        || Lanman::new().registry_value("", WORKSTATION_KEY, "KeepConn", "REG_DWORD", "0xe10");
    lanman()
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("3600\n");
    let json = lanman().args(["get", "keepconn", "--json"]).run();
    assert_eq!(
        json.json(),
        json!({"setting": "keepconn", "computer": null, "value": 3600, "is_default": false, "warnings": [], "error": null})
    );
}

#[test]
fn keepconn_of_another_computer_uses_the_remote_registry() {
    Lanman::new()
        .registry_value("FS01", WORKSTATION_KEY, "KeepConn", "REG_DWORD", "0x258")
        .args(["get", "keepconn", "--computer", "FS01"])
        .run()
        .code(0)
        .stdout("600\n")
        .reg_calls(&[&[
            "query",
            r"\\FS01\HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters",
        ]]);
}

#[test]
fn an_unreachable_remote_registry_is_exit_6() {
    Lanman::new()
        .env("FAKE_REG_UNREACHABLE", "FS01")
        .args(["get", "keepconn", "--computer", "FS01"])
        .run()
        .code(6)
        .stderr_has("cannot reach the registry of FS01: The network path was not found; check")
        .stderr_has("Remote Registry")
        .one_line_error();
}

#[test]
fn registry_access_denied_is_exit_4() {
    Lanman::new()
        .reg_mode("denied")
        .args(["get", "keepconn"])
        .run()
        .code(4)
        .one_line_error();
}

#[test]
fn computer_is_only_for_registry_settings() {
    Lanman::new()
        .args(["get", "user_name", "--computer", "FS01"])
        .run()
        .code(3)
        .ran_nothing()
        .one_line_error();
}

#[test]
fn net_output_is_decoded_in_the_systems_oem_code_page() {
    // net.exe writes to a pipe in the system OEM code page (docs/windows.md#encodings). The fixture is
    // code page 850; `ã` and `Ø` are other letters in 437. The Windows lane runs this once
    // more with LC_ALL=de_DE.UTF-8, where Wine's GetOEMCP() is 850, and sets
    // LANMAN_EXPECT_OEMCP=850 so that run cannot quietly fall back to 437.
    let system = lanman::sys::oem_code_page();
    if let Ok(expected) = std::env::var("LANMAN_EXPECT_OEMCP") {
        assert_eq!(system.to_string(), expected, "GetOEMCP() on this lane");
    }
    let out = Lanman::new()
        .server("wire/server-en-win10-pro.comment-buero.cp850.txt")
        .args(["get", "srvcomment"])
        .run();
    out.code(0);
    let expected = match system {
        850 => "Büro São Paulo - Øst\n",
        437 => "Büro S╞o Paulo - ¥st\n",
        other => panic!("no expectation for OEM code page {other}"),
    };
    out.stdout(expected);
}
