//! What tripped up a new user in their first hour (issue "A new user's first hour"): one test
//! per finding, named after what it guards.

use serde_json::json;

use crate::support::{Lanman, WORKSTATION_KEY, fixture};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";

#[test]
fn a_value_left_at_its_default_is_still_reported_as_the_default() {
    let out = Lanman::new()
        .args(["set", "keepconn", "10m", "--json"])
        .run();
    out.code(0).reg_calls(&[&["query", WORKSTATION_KEY]]);
    let json = out.json();
    assert_eq!(json["changed"], false);
    assert_eq!(json["new"], json!({"value": 600, "is_default": true}));
    assert_eq!(json["previous"], json!({"value": 600, "is_default": true}));
    assert_eq!(json["takes_effect"], serde_json::Value::Null);
}

#[test]
fn a_fractional_timeout_is_refused_not_rounded() {
    for value in ["0.5", "1.5", "2.0"] {
        Lanman::new()
            .args(["--timeout", value, "server"])
            .run()
            .code(3)
            .stderr_has("expected whole seconds")
            .ran_nothing()
            .one_line_error();
    }
}

#[test]
fn export_json_flag_prints_the_desired_state() {
    let out = Lanman::new()
        .args(["export", "--autodisconnect", "480", "--json"])
        .run();
    out.code(0).ran_nothing();
    assert_eq!(out.json()["registry"][0]["value"], 480);
    Lanman::new()
        .args([
            "export",
            "--autodisconnect",
            "480",
            "--json",
            "--format",
            "reg",
        ])
        .run()
        .code(3)
        .stderr_has("--json asks for the JSON desired state but --format reg")
        .one_line_error();
    // --format json and --json agree.
    Lanman::new()
        .args(["export", "--keepconn", "60", "--json", "--format", "json"])
        .run()
        .code(0);
}

#[test]
fn a_saved_error_is_recognised_like_a_live_one() {
    Lanman::new()
        .args(["parse", "server"])
        .arg_path(&fixture("error-access-denied-en.txt"))
        .run()
        .code(4)
        .stderr_has("access denied in the saved output")
        .stderr_has("capture the output again from an elevated command prompt")
        .one_line_error();
    Lanman::new()
        .args(["parse", "workstation"])
        .arg_path(&fixture("error-access-denied-zh-cn-collapsed.txt"))
        .run()
        .code(4);
    Lanman::new()
        .args(["parse", "server"])
        .arg_path(&fixture("error-server-service-not-started-prompt-en.txt"))
        .run()
        .code(5)
        .stderr_has("the Server service is not running")
        .one_line_error();
}

#[test]
fn an_empty_input_says_it_is_empty() {
    let lanman = Lanman::new();
    let empty = lanman.path("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    lanman
        .args(["parse", "server"])
        .arg_path(&empty)
        .run()
        .code(7)
        .stderr("error: output not understood: the input is empty\n");
    for stdin in [&b""[..], b"\r\n \r\n", b"\xEF\xBB\xBF"] {
        Lanman::new()
            .stdin_bytes(stdin.to_vec())
            .args(["parse", "workstation"])
            .run()
            .code(7)
            .stderr("error: output not understood: the input is empty\n");
    }
}

/// `lanman set autodisconnect 60 > file-on-a-full-disk`: the change was made, only the report
/// failed, and the message says both.
#[cfg(unix)]
#[test]
fn a_report_that_cannot_be_written_says_the_change_was_made() {
    let lanman = Lanman::new().server(WIN10_SERVER).stateful_net();
    let state = lanman.path("net-state");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = lanman
        .stdout_file(full)
        .args(["set", "autodisconnect", "60"])
        .run();
    out.code(1)
        .stderr_has("autodisconnect was changed (15 -> 60), but its report could not be written")
        .one_line_error();
    assert_eq!(
        std::fs::read_to_string(state.join("autodisconnect")).unwrap(),
        "60"
    );
}

#[test]
fn quiet_silences_success_text_only() {
    let server = || Lanman::new().server(WIN10_SERVER).stateful_net();
    server()
        .args(["-q", "set", "autodisconnect", "60"])
        .run()
        .code(0)
        .stdout("")
        .stderr("");
    // Data asked for is always printed.
    let json = server()
        .args(["-q", "set", "autodisconnect", "60", "--json"])
        .run();
    json.code(0);
    assert_eq!(json.json()["changed"], true);
    server()
        .args(["-q", "set", "autodisconnect", "60", "--dry-run"])
        .run()
        .code(0)
        .stdout_has("would run: net config server /autodisconnect:60\n");
    server()
        .args(["-q", "get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("15\n");
    let get = server()
        .args(["-q", "get", "autodisconnect", "--json"])
        .run();
    assert_eq!(get.json()["value"], 15);
}

#[test]
fn control_characters_from_net_are_shown_not_sent_to_the_terminal() {
    let lanman = Lanman::new();
    let capture = lanman.path("server-with-escapes.txt");
    let text = std::fs::read_to_string(fixture(WIN10_SERVER))
        .unwrap()
        .replace(
            "Server Comment\n",
            "Server Comment                        Evil\x1b[2J\x07\0x\u{202e}y\n",
        );
    std::fs::write(&capture, text).unwrap();
    let lanman = lanman.env("FAKE_NET_SERVER", &capture);
    let out = lanman.args(["server"]).run();
    out.code(0)
        .stdout_has("Comment                      Evil\\x1b[2J\\x07\\x00x\\u{202e}y\n");
    assert!(!out.stdout.contains('\x1b') && !out.stdout.contains('\x07'));
}

#[test]
fn get_prints_a_chosen_text_for_an_empty_value() {
    // for /f sets no variable for an empty line: --empty gives it something to set.
    Lanman::new()
        .server(WIN10_SERVER)
        .args(["get", "srvcomment", "--empty", "(none)"])
        .run()
        .code(0)
        .stdout("(none)\n");
    Lanman::new()
        .workstation("workstation-en-winserver2019-standard-workgroup.txt")
        .args(["get", "workstation_domain_dns_name", "--empty", "-"])
        .run()
        .code(0)
        .stdout("-\n");
    // A value that is not empty is printed as it is.
    Lanman::new()
        .server(WIN10_SERVER)
        .args(["get", "autodisconnect", "--empty", "(none)"])
        .run()
        .code(0)
        .stdout("15\n");
}

#[test]
fn help_describes_every_argument() {
    for (args, needle) in [
        (
            &["get", "--help"][..],
            "autodisconnect, keepconn, srvcomment, hidden, autodisconnect_v2, or a JSON field name",
        ),
        (
            &["set", "keepconn", "--help"],
            "Seconds 1..65535 (600, 10m, 1h)",
        ),
        (&["set", "hidden", "--help"], "yes or no (y or n)"),
        (&["set", "autodisconnect", "--help"], "or -1 / off / never"),
        (
            &["reset", "--help"],
            "The setting: autodisconnect, keepconn, srvcomment, hidden",
        ),
    ] {
        Lanman::new()
            .args(args.iter().copied())
            .run()
            .code(0)
            .stdout_has(needle);
    }
}

#[test]
fn messages_say_what_is_wrong_once() {
    // The problem with `-1 ` is the space; with `-2`, that -1 is the only negative value.
    Lanman::new()
        .args(["set", "autodisconnect", "-1 "])
        .run()
        .code(3)
        .stderr_has("it has a leading or trailing space")
        .one_line_error();
    Lanman::new()
        .args(["set", "autodisconnect", "-2"])
        .run()
        .code(3)
        .stderr_has("the only negative value is -1, which turns idle disconnect off")
        .one_line_error();
    // A LANMAN_NET that is a folder names the variable.
    let lanman = Lanman::new();
    let dir = lanman.path("");
    lanman
        .env("LANMAN_NET", &dir)
        .args(["server"])
        .run()
        .code(6)
        .stderr_has("check LANMAN_NET, which must name the program file")
        .one_line_error();
    // Access denied on a client setting does not talk about server settings.
    let out = Lanman::new()
        .reg_mode("denied-write")
        .args(["set", "keepconn", "60"])
        .run();
    out.code(4).one_line_error();
    assert!(!out.stderr.contains("server settings"), "{}", out.stderr);
    // The garbage case names the command once.
    let out = Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("garbage")
        .args(["server"])
        .run();
    out.code(7);
    assert_eq!(
        out.stderr.matches("net config server").count(),
        1,
        "{}",
        out.stderr
    );
    // A reg.exe error sentence keeps its meaning without a stray `.;`.
    let out = Lanman::new()
        .env("FAKE_REG_UNREACHABLE", "FS01")
        .args(["get", "keepconn", "--computer", "FS01"])
        .run();
    assert!(!out.stderr.contains(".;"), "{}", out.stderr);
}
