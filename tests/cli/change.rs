//! `set` and `reset`: validated before anything runs, idempotent, verified, and a failure
//! leaves the previous value in place and says so.

use serde_json::json;

use crate::support::{Lanman, SERVER_KEY, WORKSTATION_KEY};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";

/// A machine whose `net config server` remembers changes.
fn server() -> Lanman {
    Lanman::new().server(WIN10_SERVER).stateful_net()
}

#[test]
fn set_autodisconnect_reads_writes_and_reads_back() {
    server()
        .args(["set", "autodisconnect", "60"])
        .run()
        .code(0)
        .stdout("autodisconnect: 15 -> 60 (via net)\n")
        .stderr("")
        .net_calls(&[
            &["config", "server"],
            &["config", "server", "/autodisconnect:60"],
            &["config", "server"],
        ]);
}

#[test]
fn the_change_is_visible_afterwards() {
    let lanman = server();
    let state = lanman.path("net-state");
    let out = lanman.args(["set", "autodisconnect", "2h"]).run();
    out.code(0);
    assert_eq!(
        std::fs::read_to_string(state.join("autodisconnect")).unwrap(),
        "120"
    );
}

#[test]
fn minus_one_off_and_never_turn_it_off() {
    for value in ["-1", "off", "never", "OFF"] {
        server()
            .args(["set", "autodisconnect", value])
            .run()
            .code(0)
            .stdout("autodisconnect: 15 -> -1 (off) (via net)\n")
            .net_calls(&[
                &["config", "server"],
                &["config", "server", "/autodisconnect:-1"],
                &["config", "server"],
            ]);
    }
}

#[test]
fn minus_one_works_before_and_after_options() {
    server()
        .args(["set", "autodisconnect", "--dry-run", "-1"])
        .run()
        .code(0);
    server()
        .args(["set", "autodisconnect", "-1", "--dry-run"])
        .run()
        .code(0);
    server()
        .args(["--json", "set", "autodisconnect", "-1"])
        .run()
        .code(0);
}

#[test]
fn durations_convert_to_minutes() {
    for (value, argument) in [
        ("90m", "/autodisconnect:90"),
        ("2h", "/autodisconnect:120"),
        ("1h30m", "/autodisconnect:90"),
        ("600s", "/autodisconnect:10"),
    ] {
        server()
            .args(["set", "autodisconnect", value])
            .run()
            .code(0)
            .net_calls(&[
                &["config", "server"],
                &["config", "server", argument],
                &["config", "server"],
            ]);
    }
}

#[test]
fn an_unchanged_value_writes_nothing() {
    server()
        .net_state("autodisconnect", "60")
        .args(["set", "autodisconnect", "1h"])
        .run()
        .code(0)
        .stdout("autodisconnect: 60 (unchanged)\n")
        .net_calls(&[&["config", "server"]]);
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    server()
        .args(["set", "autodisconnect", "60", "--dry-run"])
        .run()
        .code(0)
        .stdout("would run: net config server /autodisconnect:60\nautodisconnect: 15 -> 60 (via net, dry run: nothing changed)\n")
        .net_calls(&[&["config", "server"]]);
}

#[test]
fn json_reports_numbers_as_numbers() {
    let out = server()
        .args(["set", "autodisconnect", "60", "--json"])
        .run();
    out.code(0);
    assert_eq!(
        out.json(),
        json!({
            "setting": "autodisconnect",
            "computer": null,
            "via": "net",
            // net config server shows the value in effect, not whether one is stored.
            "previous": {"value": 15, "is_default": null},
            "new": {"value": 60, "is_default": null},
            "changed": true,
            "dry_run": false,
            "commands": ["net config server /autodisconnect:60"],
            "takes_effect": null,
            "wrongly_typed": null,
            "warnings": [],
            "error": null
        })
    );
    let unchanged = server()
        .net_state("autodisconnect", "60")
        .args(["set", "autodisconnect", "60", "--json"])
        .run();
    assert_eq!(unchanged.json()["changed"], false);
    assert_eq!(unchanged.json()["commands"], json!([]));
}

#[test]
fn quiet_prints_nothing_on_success() {
    server()
        .args(["-q", "set", "autodisconnect", "60"])
        .run()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn every_bad_value_is_rejected_before_anything_runs() {
    let bad = [
        "65536",
        "-2",
        "abc",
        "",
        "1.5",
        "0x10",
        "+15",
        "1e3",
        "-0",
        "１５",
        "99999999999999999999999",
        "015",
        " 15",
        "15 ",
        "90s",
        "1093h",
        "15min",
        "m",
    ];
    for value in bad {
        server()
            .args(["set", "autodisconnect", value])
            .run()
            .code(3)
            .stdout("")
            .ran_nothing()
            .one_line_error();
    }
}

#[test]
fn zero_is_refused_because_it_is_not_off() {
    server()
        .args(["set", "autodisconnect", "0"])
        .run()
        .code(3)
        .stderr_has("does not turn idle disconnect off")
        .stderr_has("use -1")
        .ran_nothing()
        .one_line_error();
}

#[test]
fn allow_zero_lets_an_administrator_who_means_it_through() {
    server()
        .args(["set", "autodisconnect", "0", "--allow-zero"])
        .run()
        .code(0)
        .stdout("autodisconnect: 15 -> 0 (via net)\n")
        .stderr_has("within seconds")
        .net_calls(&[
            &["config", "server"],
            &["config", "server", "/autodisconnect:0"],
            &["config", "server"],
        ]);
}

#[test]
fn a_change_that_does_not_take_is_exit_9() {
    server()
        .env("FAKE_NET_WRITE", "ignore")
        .args(["set", "autodisconnect", "60"])
        .run()
        .code(9)
        .stderr_has("autodisconnect did not take: asked for 60, read back 15")
        .one_line_error();
}

#[test]
fn access_denied_leaves_the_value_and_says_so() {
    let lanman = server().env("FAKE_NET_WRITE", "denied");
    let state = lanman.path("net-state");
    let out = lanman.args(["set", "autodisconnect", "60"]).run();
    out.code(4)
        .stdout("")
        .stderr_has("elevated command prompt")
        .stderr_has("computer Startup script")
        .stderr_has("nothing was changed: autodisconnect is still 15")
        .one_line_error();
    assert!(
        !state.join("autodisconnect").exists(),
        "the value must not change"
    );
}

#[test]
fn a_stopped_service_stops_the_change_before_it_starts() {
    server()
        .net_mode("prompt")
        .args(["set", "autodisconnect", "60"])
        .run()
        .code(5)
        .net_calls(&[&["config", "server"]]);
}

#[test]
fn via_registry_writes_the_dword_with_f() {
    Lanman::new()
        .args(["set", "autodisconnect", "60", "--via", "registry"])
        .run()
        .code(0)
        .stdout("autodisconnect: 15 (default) -> 60 (via registry)\n")
        .stderr_has(
            "note: the Server service may apply the registry value only when it next starts",
        )
        .net_calls(&[])
        .reg_calls(&[
            &["query", SERVER_KEY],
            &[
                "add",
                SERVER_KEY,
                "/v",
                "autodisconnect",
                "/t",
                "REG_DWORD",
                "/d",
                "60",
                "/f",
            ],
            &["query", SERVER_KEY],
        ]);
}

#[test]
fn via_registry_stores_off_as_ffffffff() {
    let lanman = Lanman::new();
    let registry = lanman.path("reg").join("registry.txt");
    let out = lanman
        .args(["set", "autodisconnect", "-1", "--via", "registry"])
        .run();
    out.code(0)
        .stdout("autodisconnect: 15 (default) -> -1 (off) (via registry)\n")
        .reg_calls(&[
            &["query", SERVER_KEY],
            // The Windows build, for -1's SMB2/3 caveat (docs/windows.md#smb2-idle).
            &[
                "query",
                r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion",
            ],
            &[
                "add",
                SERVER_KEY,
                "/v",
                "autodisconnect",
                "/t",
                "REG_DWORD",
                "/d",
                "0xffffffff",
                "/f",
            ],
            &["query", SERVER_KEY],
        ]);
    assert!(
        std::fs::read_to_string(registry)
            .unwrap()
            .contains("|autodisconnect|REG_DWORD|0xffffffff")
    );
}

#[test]
fn via_registry_is_idempotent() {
    Lanman::new()
        .registry_value("", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        .args(["set", "autodisconnect", "60", "--via", "registry"])
        .run()
        .code(0)
        .stdout("autodisconnect: 60 (unchanged)\n")
        .reg_calls(&[&["query", SERVER_KEY]]);
}

#[test]
fn via_registry_write_denied_leaves_the_value() {
    Lanman::new()
        .reg_mode("denied-write")
        .args(["set", "autodisconnect", "60", "--via", "registry"])
        .run()
        .code(4)
        .stderr_has("nothing was changed: autodisconnect is still 15 (default)")
        .one_line_error();
}

#[test]
fn via_registry_that_does_not_take_is_exit_9() {
    Lanman::new()
        .reg_mode("ignore-write")
        .args(["set", "autodisconnect", "60", "--via", "registry"])
        .run()
        .code(9)
        .stderr_has("asked for 60, read back 15 (default)");
}

#[test]
fn computer_writes_the_remote_registry() {
    let remote = r"\\FS01\HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
    Lanman::new()
        .args(["set", "autodisconnect", "60", "--computer", "FS01"])
        .run()
        .code(0)
        .stdout("autodisconnect: 15 (default) -> 60 on FS01 (via registry)\n")
        .reg_calls(&[
            &["query", remote],
            &[
                "add",
                remote,
                "/v",
                "autodisconnect",
                "/t",
                "REG_DWORD",
                "/d",
                "60",
                "/f",
            ],
            &["query", remote],
        ]);
    Lanman::new()
        .args([
            "set",
            "autodisconnect",
            "60",
            "--computer",
            "FS01",
            "--via",
            "net",
        ])
        .run()
        .code(3)
        .ran_nothing();
}

#[test]
fn srvcomment_is_one_argument() {
    server()
        .args(["set", "srvcomment", "File server, 2nd floor"])
        .run()
        .code(0)
        .stdout("srvcomment: \"\" -> \"File server, 2nd floor\" (via net)\n")
        .net_calls(&[
            &["config", "server"],
            &["config", "server", "/srvcomment:File server, 2nd floor"],
            &["config", "server"],
        ]);
}

#[test]
fn srvcomment_limits() {
    for bad in [
        "x".repeat(49),
        "say \"hi\"".to_string(),
        "tab\there".to_string(),
        String::new(),
        " padded".to_string(),
    ] {
        server()
            .args(["set", "srvcomment", bad.as_str()])
            .run()
            .code(3)
            .ran_nothing()
            .one_line_error();
    }
    server()
        .args(["set", "srvcomment", &"x".repeat(48)])
        .run()
        .code(0);
    // Shell metacharacters are just text: no shell is involved.
    server()
        .args(["set", "srvcomment", "a & b | c %PATH% ^"])
        .run()
        .code(0);
}

#[test]
fn hidden_yes_and_no() {
    server()
        .args(["set", "hidden", "yes"])
        .run()
        .code(0)
        .stdout("hidden: no -> yes (via net)\n")
        .net_calls(&[
            &["config", "server"],
            &["config", "server", "/hidden:yes"],
            &["config", "server"],
        ]);
    server()
        .net_state("hidden", "Yes")
        .args(["set", "hidden", "YES"])
        .run()
        .code(0)
        .stdout("hidden: yes (unchanged)\n");
    server()
        .args(["set", "hidden", "maybe"])
        .run()
        .code(3)
        .ran_nothing();
}

#[test]
fn hidden_in_a_language_without_a_table_is_read_from_the_registry() {
    // `Nein` is a word lanman has no table for; the Server service keeps `hidden` as a
    // REG_DWORD (absent = no), which reads the same in any language.
    let de = || {
        Lanman::new()
            .env(
                "FAKE_NET_SERVER",
                crate::support::test_data("synthetic-server-de.cp850.txt"),
            )
            .stateful_net()
    };
    de().args(["set", "hidden", "yes"])
        .run()
        .code(0)
        .stdout("hidden: no (default) -> yes (via net)\n")
        .stderr_has("shows hidden as \"Nein\", a word lanman has no table for; lanman read the registry value instead")
        .net_calls(&[
            &["config", "server"],
            &["config", "server", "/hidden:yes"],
            &["config", "server"],
        ])
        .reg_calls(&[&["query", SERVER_KEY], &["query", SERVER_KEY]]);
    de().registry_value("", SERVER_KEY, "hidden", "REG_DWORD", "0x1")
        .args(["get", "hidden"])
        .run()
        .code(0)
        .stdout("yes\n");
    // Not guessed: when the registry cannot be read either, nothing is changed.
    de().reg_mode("denied")
        .args(["set", "hidden", "yes"])
        .run()
        .code(4)
        .net_calls(&[&["config", "server"]])
        .one_line_error();
}

#[test]
fn hidden_takes_the_letters_net_takes() {
    server()
        .args(["set", "hidden", "Y"])
        .run()
        .code(0)
        .stdout("hidden: no -> yes (via net)\n");
}

#[test]
fn a_wrongly_typed_value_is_replaced_and_said_so() {
    let out = Lanman::new()
        .registry_value("", WORKSTATION_KEY, "KeepConn", "REG_SZ", "600")
        .args(["set", "keepconn", "1h"])
        .run();
    out.code(0)
        .stdout("keepconn: a REG_SZ \"600\" -> 3600 (via registry)\n")
        .stderr_has("KeepConn held a REG_SZ (\"600\") where Windows expects a REG_DWORD; the change replaces it")
        .reg_calls(&[
            &["query", WORKSTATION_KEY],
            &["add", WORKSTATION_KEY, "/v", "KeepConn", "/t", "REG_DWORD", "/d", "3600", "/f"],
            &["query", WORKSTATION_KEY],
        ]);
    let json = Lanman::new()
        .registry_value("", SERVER_KEY, "autodisconnect", "REG_SZ", "abc")
        .args(["set", "autodisconnect", "60", "--via", "registry", "--json"])
        .run();
    json.code(0);
    assert_eq!(
        json.json()["wrongly_typed"],
        json!({"name": "autodisconnect", "type": "REG_SZ", "data": "abc"})
    );
    assert_eq!(
        json.json()["previous"],
        json!({"value": null, "is_default": false})
    );
}

#[test]
fn a_wrongly_typed_value_is_deleted_by_reset() {
    Lanman::new()
        .registry_value("", SERVER_KEY, "autodisconnect", "REG_SZ", "abc")
        .args(["reset", "autodisconnect"])
        .run()
        .code(0)
        .stdout("autodisconnect: a REG_SZ \"abc\" -> 15 (default) (via registry)\n")
        .stderr_has("the change deletes it")
        .reg_calls(&[
            &["query", SERVER_KEY],
            &["delete", SERVER_KEY, "/v", "autodisconnect", "/f"],
            &["query", SERVER_KEY],
        ]);
    // get says what is wrong and how to repair it (exit 7), rather than a number.
    Lanman::new()
        .registry_value("", WORKSTATION_KEY, "KeepConn", "REG_SZ", "600")
        .args(["get", "keepconn"])
        .run()
        .code(7)
        .stderr_has("KeepConn is a REG_SZ holding \"600\" where Windows expects a REG_DWORD")
        .stderr_has("`lanman reset keepconn` deletes it")
        .one_line_error();
}

#[test]
fn a_value_written_by_policy_keeps_its_case() {
    // Group Policy writes `AutoDisconnect`; the Server service `autodisconnect`. One value.
    Lanman::new()
        .registry_value("", SERVER_KEY, "AutoDisconnect", "REG_DWORD", "0xf")
        .args(["set", "autodisconnect", "60", "--via", "registry"])
        .run()
        .code(0)
        .reg_calls(&[
            &["query", SERVER_KEY],
            &[
                "add",
                SERVER_KEY,
                "/v",
                "AutoDisconnect",
                "/t",
                "REG_DWORD",
                "/d",
                "60",
                "/f",
            ],
            &["query", SERVER_KEY],
        ]);
}

#[test]
fn keepconn_absent_then_set() {
    let out = Lanman::new()
        .args(["set", "keepconn", "1h", "--json"])
        .run();
    out.code(0).reg_calls(&[
        &["query", WORKSTATION_KEY],
        &[
            "add",
            WORKSTATION_KEY,
            "/v",
            "KeepConn",
            "/t",
            "REG_DWORD",
            "/d",
            "3600",
            "/f",
        ],
        &["query", WORKSTATION_KEY],
    ]);
    let json = out.json();
    assert_eq!(json["previous"], json!({"value": 600, "is_default": true}));
    assert_eq!(json["new"], json!({"value": 3600, "is_default": false}));
    assert_eq!(json["via"], "registry");
    Lanman::new()
        .args(["set", "keepconn", "3600"])
        .run()
        .code(0)
        .stdout("keepconn: 600 (default) -> 3600 (via registry)\n")
        .stderr_has(
            "note: the Workstation service may apply the registry value only when it next starts",
        );
}

#[test]
fn keepconn_at_its_default_is_unchanged() {
    Lanman::new()
        .args(["set", "keepconn", "10m"])
        .run()
        .code(0)
        .stdout("keepconn: 600 (default) (unchanged)\n")
        .reg_calls(&[&["query", WORKSTATION_KEY]]);
}

#[test]
fn keepconn_bad_values() {
    for bad in ["0", "65536", "-1", "abc", "19h", "1.5", ""] {
        Lanman::new()
            .args(["set", "keepconn", bad])
            .run()
            .code(3)
            .ran_nothing()
            .one_line_error();
    }
}

#[test]
fn reset_deletes_the_value() {
    Lanman::new()
        .registry_value("", WORKSTATION_KEY, "KeepConn", "REG_DWORD", "0xe10")
        .args(["reset", "keepconn"])
        .run()
        .code(0)
        .stdout("keepconn: 3600 -> 600 (default) (via registry)\n")
        .reg_calls(&[
            &["query", WORKSTATION_KEY],
            &["delete", WORKSTATION_KEY, "/v", "KeepConn", "/f"],
            &["query", WORKSTATION_KEY],
        ]);
}

#[test]
fn reset_of_an_absent_value_is_success_without_a_write() {
    for setting in ["autodisconnect", "keepconn", "srvcomment", "hidden"] {
        Lanman::new()
            .args(["reset", setting])
            .run()
            .code(0)
            .stdout_has("(unchanged)")
            .stderr("");
    }
}

#[test]
fn reset_of_each_server_value() {
    for (setting, name, kind, data) in [
        (
            "autodisconnect",
            "autodisconnect",
            "REG_DWORD",
            "0xffffffff",
        ),
        ("srvcomment", "srvcomment", "REG_SZ", "Old comment"),
        ("hidden", "hidden", "REG_DWORD", "0x1"),
    ] {
        Lanman::new()
            .registry_value("", SERVER_KEY, name, kind, data)
            .args(["reset", setting, "--json"])
            .run()
            .code(0)
            .reg_calls(&[
                &["query", SERVER_KEY],
                &["delete", SERVER_KEY, "/v", name, "/f"],
                &["query", SERVER_KEY],
            ]);
    }
}

#[test]
fn reset_dry_run() {
    Lanman::new()
        .registry_value("", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c")
        .args(["reset", "autodisconnect", "--dry-run"])
        .run()
        .code(0)
        .stdout(&format!(
            "would run: reg delete {SERVER_KEY} /v autodisconnect /f\nautodisconnect: 60 -> 15 (default) (via registry, dry run: nothing changed)\n"
        ))
        .reg_calls(&[&["query", SERVER_KEY]]);
}

#[test]
fn a_hanging_write_leaves_the_state_unknown_and_says_how_to_check() {
    Lanman::new()
        .reg_mode("hang-write")
        .args(["--timeout", "1", "set", "keepconn", "3600"])
        .run()
        .code(8)
        .stderr_has("whether keepconn changed is unknown; check with `lanman get keepconn`")
        .one_line_error();
}
