//! The contract the README promises, held everywhere (issue 18): readers that name the right
//! thing, one JSON object on every failure with the command's documented members, keys in the
//! documented order, every warning in `warnings`, Group Policy that agrees with the change.

use crate::support::{Lanman, fixture};

// ---- Readers that name the wrong thing ----------------------------------------------------

/// A saved "The Server service is not started" is about the Server service, whichever reader
/// it is given to; the command's own service is only the fallback.
#[test]
fn a_saved_stopped_service_message_names_the_service_it_names() {
    Lanman::new()
        .args(["parse", "use"])
        .arg_path(&fixture("error-server-service-not-started-prompt-en.txt"))
        .run()
        .code(5)
        .stderr_has("the Server service is not running")
        .stderr_lacks("Workstation")
        .one_line_error();
    let lanman = Lanman::new();
    let saved = lanman.path("stopped.txt");
    std::fs::write(
        &saved,
        "The Workstation service is not started.\r\n\r\nIs it OK to start it? (Y/N) [Y]: \r\n",
    )
    .unwrap();
    lanman
        .args(["parse", "share"])
        .arg_path(&saved)
        .run()
        .code(5)
        .stderr_has("the Workstation service is not running");
}

/// The Italian `net use * /delete` confirmation ends in `(S/N) [N]:`, the shape of the
/// stopped-service prompt; the remotes listed above it say what it is.
#[test]
fn the_italian_delete_confirmation_is_not_a_stopped_service() {
    Lanman::new()
        .args(["parse", "use"])
        .arg_path(&fixture("lists/use-it-1.txt"))
        .run()
        .code(7)
        .stderr_has("the confirmation of net use * /delete")
        .one_line_error();
}

/// The same confirmation given to the `net session` reader is still `net use * /delete`'s,
/// not the question of `net session \\CLIENT /del`.
#[test]
fn the_italian_delete_confirmation_is_named_by_the_session_reader_too() {
    Lanman::new()
        .args(["parse", "session"])
        .arg_path(&fixture("lists/use-it-1.txt"))
        .run()
        .code(7)
        .stderr_has("the confirmation of net use * /delete")
        .stderr_lacks("net session")
        .one_line_error();
    // The real question of `net session \\X /del` keeps its name.
    Lanman::new()
        .args(["parse", "session"])
        .arg_path(&fixture("sessions/session-del-en-1.txt"))
        .run()
        .code(7)
        .stderr_has("the confirmation of net session");
}

#[test]
fn the_size_limit_of_a_list_names_the_list() {
    for (kind, command) in [("use", "net use"), ("share", "net share")] {
        Lanman::new()
            .stdin_bytes(vec![b'x'; 9 << 20])
            .args(["parse", kind])
            .run()
            .code(7)
            .stderr_has("larger than 8 MiB")
            .stderr_has(&format!("`{command}`"))
            .stderr_lacks("net config")
            .one_line_error();
    }
}

/// use-en-9.txt: PowerShell wrapped net's stderr (`net : System error 85 …`, `At line:1
/// char:9`, `+ …`): net's own words are the line after the wrapping.
#[test]
fn a_powershell_wrapped_error_is_quoted_by_nets_words_not_the_wrapper() {
    Lanman::new()
        .args(["parse", "use"])
        .arg_path(&fixture("lists/use-en-9.txt"))
        .run()
        .code(7)
        .stderr_has("System error 85: The local device name is already in use.")
        .stderr_lacks("At line")
        .one_line_error();
}

#[test]
fn error_text_shows_a_backslash_once() {
    Lanman::new()
        .args(["get", "keepconn", "--computer", r"\\PC 01"])
        .run()
        .code(3)
        .stderr_has(r#"invalid host "\\PC 01""#)
        .stderr_lacks(r"\\\\")
        .ran_nothing();
}

/// A refused text says what to save instead.
#[test]
fn not_a_list_says_what_to_do() {
    Lanman::new()
        .args(["parse", "use"])
        .arg_path(&fixture("lists/use-detail-en-1.txt"))
        .run()
        .code(7)
        .stderr_has("the details of one connection (net use X:)")
        .stderr_has("save the output of `net use` with no arguments");
    Lanman::new()
        .args(["parse", "share"])
        .arg_path(&fixture("lists/use-en-1.txt"))
        .run()
        .code(7)
        .stderr_has("read it with `lanman parse use`");
}

// ---- Help, names and case ------------------------------------------------------------------

/// `--computer` implies `--via registry` only where a setting has `--via`.
#[test]
fn set_help_mentions_via_only_where_there_is_one() {
    let keepconn = Lanman::new().args(["set", "keepconn", "--help"]).run();
    keepconn.code(0).stdout_has("--computer");
    assert!(!keepconn.stdout.contains("--via"), "{}", keepconn.stdout);
    Lanman::new()
        .args(["set", "autodisconnect", "--help"])
        .run()
        .code(0)
        .stdout_has("implies --via registry");
}

/// `--timeout` names every program it bounds, and is not offered where nothing runs.
#[test]
fn timeout_help_names_secedit_and_only_commands_that_run_something_list_it() {
    Lanman::new()
        .args(["server", "--help"])
        .run()
        .code(0)
        .stdout_has("secedit.exe");
    for command in [
        &["parse", "--help"][..],
        &["export", "--help"],
        &["completions", "--help"],
    ] {
        let help = Lanman::new().args(command).run();
        help.code(0);
        assert!(
            !help.stdout.contains("--timeout"),
            "{command:?}\n{}",
            help.stdout
        );
    }
    // Still accepted there (a script may pass it to every command).
    Lanman::new()
        .args(["parse", "server", "--timeout", "5"])
        .arg_path(&fixture("server-en-win10-pro.txt"))
        .run()
        .code(0);
}

/// Every setting of the catalogue is named by `get --help`, the README and bash completion.
#[test]
fn every_setting_is_in_get_help_the_readme_and_completions() {
    let help = Lanman::new().args(["get", "--help"]).run();
    help.code(0);
    let bash = Lanman::new().args(["completions", "bash"]).run();
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for setting in lanman::settings::CATALOGUE {
        assert!(
            help.stdout.contains(setting.name),
            "get --help lacks {}",
            setting.name
        );
        assert!(
            readme.contains(&format!("`{}`", setting.name)),
            "README lacks `{}`",
            setting.name
        );
        // The words bash completes for `get` and `reset`.
        let get = bash
            .stdout
            .split("lanman__subcmd__get)")
            .nth(1)
            .and_then(|rest| rest.split("opts=").nth(1))
            .and_then(|opts| opts.lines().next())
            .unwrap_or_default();
        assert!(
            get.contains(setting.name),
            "bash get completion lacks {}: {get}",
            setting.name
        );
    }
}

/// Case is decided once: words and units are read without regard to case.
#[test]
fn units_and_words_are_read_in_any_case() {
    for (typed, minutes) in [
        ("2H", "120"),
        ("90M", "90"),
        ("1H30M", "90"),
        ("OFF", "-1"),
        ("Never", "-1"),
    ] {
        let out = Lanman::new()
            .server("server-en-win10-pro.txt")
            .args(["set", "autodisconnect", typed, "--dry-run", "--json"])
            .run();
        out.code(0);
        assert_eq!(out.json()["new"]["value"].to_string(), minutes, "{typed}");
    }
    let out = Lanman::new()
        .args(["set", "keepconn", "10M", "--dry-run", "--json"])
        .run();
    out.code(0);
    assert_eq!(out.json()["new"]["value"], 600);
}

#[test]
fn a_near_miss_of_a_setting_name_gets_did_you_mean() {
    Lanman::new()
        .args(["get", "autodisconect"])
        .run()
        .code(3)
        .stderr_has("did you mean autodisconnect?")
        .one_line_error()
        .ran_nothing();
    Lanman::new()
        .args(["reset", "keepcon"])
        .run()
        .code(3)
        .stderr_has("did you mean keepconn?")
        .one_line_error();
    Lanman::new()
        .args(["get", "server_nam"])
        .run()
        .code(3)
        .stderr_has("did you mean server_name?");
    // Far from every name: the list of names, no guess.
    Lanman::new()
        .args(["get", "bogus"])
        .run()
        .code(3)
        .stderr_lacks("did you mean")
        .stderr_has("autodisconnect, keepconn");
}

/// The 16-bit display of the idle time is one fact at one level: a warning in `server` and
/// in `get` alike.
#[test]
fn the_sixteen_bit_display_is_a_warning_everywhere() {
    let lanman = || {
        Lanman::new()
            .server("server-en-win10-pro.txt")
            .stateful_net()
            .net_state("autodisconnect", "34463")
            .registry_value(
                "",
                crate::support::SERVER_KEY,
                "AutoDisconnect",
                "REG_DWORD",
                "0x1869f",
            )
    };
    for args in [&["server"][..], &["get", "autodisconnect"]] {
        lanman()
            .args(args)
            .run()
            .code(0)
            .stderr_has("warning: idle_session_minutes: net config server shows 34463")
            .stderr_lacks("note:");
    }
}

/// The README says what `get` does with a word of a display language lanman has no table
/// for: the registry value where Windows stores one, else exit 7.
#[test]
fn get_of_an_unreadable_word_reads_the_registry_as_the_readme_says() {
    let lanman = || {
        Lanman::new().env(
            "FAKE_NET_SERVER",
            crate::support::test_data("synthetic-server-de.cp850.txt"),
        )
    };
    lanman()
        .args(["get", "hidden"])
        .run()
        .code(0)
        .stdout("no\n")
        .stderr_has("lanman read the registry value instead");
    lanman().args(["get", "max_logged_on_users"]).run().code(7);
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let words = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("`get hidden` reads the registry value instead"),
        "the README's `get` paragraph does not say what get does"
    );
}

// ---- JSON on every failure -----------------------------------------------------------------

/// The top-level keys of a pretty-printed JSON object, in the order printed.
pub fn top_level_keys(json: &str) -> Vec<String> {
    json.lines()
        .filter_map(|line| line.strip_prefix("  \""))
        .filter_map(|rest| rest.split_once("\":").map(|(key, _)| key.to_string()))
        .collect()
}

/// `{"error": {…}}` alone: the command line could not be read, so no document is known.
#[track_caller]
fn usage_document(out: &crate::support::Outcome, code: i32, kind: &str) {
    out.code(code);
    let json = out.json();
    assert_eq!(top_level_keys(&out.stdout), ["error"], "{}", out.stdout);
    assert_eq!(json["error"]["exit_code"], code);
    assert_eq!(json["error"]["kind"], kind);
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        !message.is_empty() && !message.contains('\n'),
        "{message:?}"
    );
    assert!(!message.starts_with("error:"), "{message:?}");
    assert!(!out.stderr.is_empty(), "the error is on stderr too");
}

#[test]
fn a_value_refused_while_reading_the_arguments_is_one_json_object() {
    for args in [
        &["get", "bogus", "--json"][..],
        &["set", "autodisconnect", "abc", "--json"],
        &["--timeout", "0", "server", "--json"],
        &["export", "--autodisconnect", "abc", "--json"],
        &["set", "srvcomment", "a\"b", "--json"],
        &["get", "keepconn", "--computer", "", "--json"],
        &["--json", "parse", "server", "--encoding", "ebcdic"],
    ] {
        let out = Lanman::new().args(args).run();
        out.ran_nothing();
        usage_document(&out, 3, "invalid_value");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
    }
}

/// clap's own usage errors (exit 2) are a JSON object too, wherever `--json` stands, even
/// after the argument clap could not read.
#[test]
fn a_usage_error_is_one_json_object_of_kind_usage() {
    for args in [
        &["bogus", "--json"][..],
        &["--json", "bogus"],
        &["get", "--json"],
        &["server", "--bogus", "--json"],
        &[
            "set",
            "autodisconnect",
            "60",
            "--via",
            "registry",
            "--allow-zero",
            "--json",
            "--nope",
        ],
        &["completions", "bash", "--json"],
    ] {
        let out = Lanman::new().args(args).run();
        out.ran_nothing();
        usage_document(&out, 2, "usage");
    }
    // Without --json, clap's text alone.
    let out = Lanman::new().args(["bogus"]).run();
    out.code(2).stdout("");
    // --json as the value of another option is that value: no JSON.
    let out = Lanman::new()
        .args(["get", "srvcomment", "--", "--json"])
        .run();
    assert!(!out.stdout.trim_start().starts_with('{'), "{}", out.stdout);
}

/// `completions` prints a script: `--json` means nothing there and is refused.
#[test]
fn completions_refuse_json() {
    Lanman::new()
        .args(["completions", "bash", "--json"])
        .run()
        .code(2)
        .stderr_has("--json")
        .stderr_has("completions");
}

#[test]
fn a_json_set_after_a_failed_write_reports_what_was_read() {
    // Net write denied (exit 4): the value is still 15, and the document says so.
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .env("FAKE_NET_WRITE", "denied")
        .args(["set", "autodisconnect", "60", "--json"])
        .run();
    out.code(4);
    let json = out.json();
    assert_eq!(json["setting"], "autodisconnect");
    assert_eq!(json["previous"]["value"], 15);
    assert_eq!(json["new"]["value"], 15, "nothing was changed");
    assert_eq!(json["changed"], false);
    assert_eq!(json["commands"][0], "net config server /autodisconnect:60");
    assert_eq!(json["error"]["kind"], "access_denied");
    assert_eq!(json["error"]["exit_code"], 4);

    // Refused by Group Policy (exit 10): nothing ran.
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .policy_autodisconnect(480)
        .args(["set", "autodisconnect", "60", "--json"])
        .run();
    out.code(10);
    let json = out.json();
    assert_eq!(json["previous"]["value"], 15);
    assert_eq!(json["new"]["value"], 15);
    assert_eq!(json["commands"], serde_json::json!([]));
    assert_eq!(json["error"]["kind"], "managed_by_policy");

    // A hung reg write (exit 8): what the value is now is not known.
    let out = Lanman::new()
        .reg_mode("hang-write")
        .args(["--timeout", "1", "set", "keepconn", "60", "--json"])
        .run();
    out.code(8);
    let json = out.json();
    assert_eq!(json["setting"], "keepconn");
    assert_eq!(json["previous"]["value"], 600);
    assert_eq!(json["previous"]["is_default"], true);
    assert_eq!(json["new"], serde_json::Value::Null);
    assert_eq!(json["error"]["kind"], "timed_out");

    // Nothing could be read at all (reg denied): the document with nulls.
    let out = Lanman::new()
        .reg_mode("denied")
        .args(["reset", "keepconn", "--json"])
        .run();
    out.code(4);
    let json = out.json();
    assert_eq!(json["setting"], "keepconn");
    assert_eq!(json["previous"], serde_json::Value::Null);
    assert_eq!(json["error"]["kind"], "access_denied");
}

#[test]
fn a_json_get_that_fails_still_names_the_setting_and_computer() {
    let out = Lanman::new()
        .env("FAKE_REG_UNREACHABLE", "*")
        .args(["get", "keepconn", "--computer", "PC017", "--json"])
        .run();
    out.code(6);
    let json = out.json();
    assert_eq!(json["setting"], "keepconn");
    assert_eq!(json["computer"], "PC017");
    assert_eq!(json["value"], serde_json::Value::Null);
    assert_eq!(json["error"]["kind"], "remote_unreachable");
    assert_eq!(
        top_level_keys(&out.stdout),
        [
            "setting",
            "computer",
            "value",
            "is_default",
            "warnings",
            "error"
        ]
    );
}

#[test]
fn a_json_show_that_fails_prints_every_member() {
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_mode("denied")
        .args(["server", "--json"])
        .run();
    out.code(4);
    let json = out.json();
    assert_eq!(json["server_name"], serde_json::Value::Null);
    assert_eq!(json["idle_session_minutes"], serde_json::Value::Null);
    assert_eq!(json["error"]["kind"], "access_denied");
    let ok = Lanman::new()
        .server("server-en-win10-pro.txt")
        .args(["server", "--json"])
        .run();
    assert_eq!(top_level_keys(&out.stdout), top_level_keys(&ok.stdout));

    // A live output cut short (exit 7): what was read, and the error.
    let out = Lanman::new()
        .workstation("workstation-zh-cn-win7-ultimate-truncated.txt")
        .args(["workstation", "--json"])
        .run();
    out.code(7);
    let json = out.json();
    assert!(json["computer_name"].is_string(), "{}", out.stdout);
    assert_eq!(json["missing"][0], "com_open_timeout_sec");
    assert_eq!(json["error"]["kind"], "not_understood");

    let out = Lanman::new()
        .net_mode("denied")
        .args(["drives", "--json"])
        .run();
    out.code(4);
    let json = out.json();
    assert_eq!(json["connections"], serde_json::Value::Null);
    assert_eq!(json["error"]["kind"], "access_denied");
    assert_eq!(
        top_level_keys(&out.stdout),
        [
            "connections",
            "remembered",
            "missing",
            "warnings",
            "language",
            "error"
        ]
    );

    for (kind, first) in [
        ("server", "server_name"),
        ("use", "connections"),
        ("share", "shares"),
    ] {
        let out = Lanman::new()
            .args(["parse", kind, "--json"])
            .arg_path(&fixture("error-access-denied-en.txt"))
            .run();
        out.code(4);
        let json = out.json();
        assert_eq!(json[first], serde_json::Value::Null, "{kind}");
        assert_eq!(json["error"]["kind"], "access_denied");
    }
}

// ---- Warnings --------------------------------------------------------------------------

/// What is warned on stderr is in `warnings`; a truncated capture is always warned about.
#[test]
fn every_warning_is_in_warnings() {
    let out = Lanman::new()
        .args(["parse", "workstation", "--json"])
        .arg_path(&fixture("workstation-zh-cn-win7-ultimate-truncated.txt"))
        .run();
    out.code(0);
    let warnings = out.json()["warnings"].clone();
    let warned: Vec<&str> = out
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .collect();
    assert!(!warned.is_empty(), "a truncated capture is warned about");
    assert_eq!(warnings, serde_json::json!(warned), "{}", out.stderr);

    // The same capture as text warns too.
    Lanman::new()
        .args(["parse", "workstation"])
        .arg_path(&fixture("workstation-zh-cn-win7-ultimate-truncated.txt"))
        .run()
        .code(0)
        .stderr_has("truncated");

    // get: the 16-bit display warning.
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .stateful_net()
        .net_state("autodisconnect", "34463")
        .registry_value(
            "",
            crate::support::SERVER_KEY,
            "AutoDisconnect",
            "REG_DWORD",
            "0x1869f",
        )
        .args(["get", "autodisconnect", "--json"])
        .run();
    out.code(0);
    assert!(
        out.json()["warnings"][0]
            .as_str()
            .unwrap()
            .contains("modulo 65536"),
        "{}",
        out.stdout
    );
}

// ---- Group Policy that agrees ------------------------------------------------------------

/// A policy that sets exactly what was asked does not conflict with the change: it is made
/// (the running value is still 15 until the policy is applied), with a note.
#[test]
fn a_change_to_the_value_group_policy_sets_is_applied() {
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .stateful_net()
        .policy_autodisconnect(30)
        .args(["set", "autodisconnect", "30"])
        .run();
    out.code(0)
        .stdout("autodisconnect: 15 -> 30 (via net)\n")
        .stderr_has("note: Group Policy sets autodisconnect to 30");
    assert!(
        out.net_calls
            .iter()
            .any(|c| c.last().map(String::as_str) == Some("/autodisconnect:30")),
        "{:?}",
        out.net_calls
    );
    Lanman::new()
        .server("server-en-win10-pro.txt")
        .policy_autodisconnect(30)
        .args(["set", "autodisconnect", "30", "--via", "registry"])
        .run()
        .code(0)
        .stdout_has("-> 30 (via registry)");
}

/// A dry run under a policy that refuses the change shows the plan `--force` would run, and
/// exits as the real run would (10).
#[test]
fn a_dry_run_under_group_policy_prints_the_plan_force_would_run() {
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .policy_autodisconnect(480)
        .args(["set", "autodisconnect", "60", "--dry-run"])
        .run();
    out.code(10)
        .stdout_has("would run with --force: net config server /autodisconnect:60\n")
        .stderr_has("Group Policy sets autodisconnect to 480");
    assert!(
        out.net_calls.iter().all(|c| c.len() == 2),
        "a dry run changes nothing: {:?}",
        out.net_calls
    );
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .policy_autodisconnect(480)
        .args(["set", "autodisconnect", "60", "--dry-run", "--json"])
        .run();
    out.code(10);
    let json = out.json();
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["commands"][0], "net config server /autodisconnect:60");
    assert_eq!(json["new"]["value"], 60);
    assert_eq!(json["error"]["kind"], "managed_by_policy");
}

// ---- No silent non-zero exit -------------------------------------------------------------

/// A bug that panics (on any thread) says so in one line and exits 1, the code for internal
/// errors, in debug builds (unwinding) as in release builds (`panic = "abort"`); with `--json`
/// the error is a JSON object of kind `internal`.
#[test]
fn a_panic_is_one_line_and_exit_1() {
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .env("LANMAN_TEST_PANIC", "1")
        .args(["get", "autodisconnect"])
        .run();
    out.code(1)
        .stdout("")
        .stderr_has("internal error: lanman stopped on a bug (LANMAN_TEST_PANIC is set")
        .stderr_has("please report it")
        .one_line_error();
    let out = Lanman::new()
        .env("LANMAN_TEST_PANIC", "1")
        .args(["server", "--json"])
        .run();
    out.code(1);
    assert_eq!(out.json()["error"]["kind"], "internal");
    assert_eq!(out.json()["error"]["exit_code"], 1);
}

/// When stderr cannot be written, the error goes to stdout: a non-zero exit code always comes
/// with its message.
#[cfg(unix)] // /dev/full: a file every write to fails (Linux; the BSDs and macOS lack it)
#[test]
fn an_error_that_cannot_go_to_stderr_goes_to_stdout() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here: the stdout fallback is not exercised");
        return;
    };
    Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_mode("denied")
        .stderr_file(full.try_clone().unwrap())
        .args(["get", "autodisconnect"])
        .run()
        .code(4)
        .stdout_has("error: access denied");
    Lanman::new()
        .stderr_file(full)
        .args(["get", "bogus"])
        .run()
        .code(3)
        .stdout_has("error: unknown setting \"bogus\"");
}

// ---- The measuring commands (issue 19) under the same contract ------------------------------

/// The one JSON document of a run, and its top-level keys in order.
#[track_caller]
fn document(out: &crate::support::Outcome) -> (serde_json::Value, Vec<String>) {
    let json: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: not one JSON document:\n{}", out.stdout));
    (json, top_level_keys(&out.stdout))
}

/// `sessions`, `statistics`, `events`, `capture` and `parse session|statistics` print their
/// whole document on failure: what was not read is `null`, `error` says why.
#[test]
fn the_measuring_commands_print_their_whole_document_on_failure() {
    use serde_json::Value::Null;
    // net session denied: the configured values were read all the same.
    let out = Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_sequence("FAKE_NET_SESSION", &["!denied"])
        .args(["sessions", "--json"])
        .run();
    out.code(4);
    let (json, keys) = document(&out);
    assert_eq!(json["sessions"], Null);
    assert_eq!(json["configured"]["autodisconnect_minutes"], 15);
    assert_eq!(json["error"]["kind"], "access_denied");
    assert_eq!(
        keys,
        [
            "sessions",
            "configured",
            "missing",
            "warnings",
            "language",
            "error"
        ]
    );

    // statistics denied: the kind asked for, every counter null.
    let out = Lanman::new()
        .net_mode("denied")
        .args(["statistics", "workstation", "--json"])
        .run();
    out.code(4);
    let (json, keys) = document(&out);
    assert_eq!(json["statistics"], "workstation");
    assert_eq!(json["since"], Null);
    assert_eq!(json["hung_sessions"], Null);
    assert_eq!(keys.len(), 4 + 18 + 4, "{keys:?}");
    assert_eq!(json["error"]["exit_code"], 4);

    // parse session / statistics of net.exe's refusal.
    for (kind, first) in [("session", "sessions"), ("statistics", "statistics")] {
        let out = Lanman::new()
            .args(["parse", kind, "--json"])
            .arg_path(&fixture("error-access-denied-en.txt"))
            .run();
        out.code(4);
        let (json, keys) = document(&out);
        assert_eq!(keys.first().map(String::as_str), Some(first), "{kind}");
        assert_eq!(json[first], Null, "{kind}");
        assert_eq!(json["error"]["kind"], "access_denied", "{kind}");
        assert_eq!(json["warnings"], serde_json::json!([]), "{kind}");
    }

    // events: the SMB client's log denied.
    let out = Lanman::new()
        .wevtutil_mode("denied")
        .env("FAKE_WEVTUTIL_ONLY", crate::support::SMB_LOG)
        .args(["events", "--json"])
        .run();
    out.code(4);
    let (json, keys) = document(&out);
    assert!(json["since"].is_string());
    assert_eq!((&json["events"], &json["logs"]), (&Null, &Null));
    assert_eq!(json["error"]["kind"], "access_denied");
    assert_eq!(keys, ["since", "events", "logs", "warnings", "error"]);

    // capture into a folder that is not empty: nothing ran.
    let lanman = Lanman::new();
    let dir = lanman.path("full");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    let out = lanman.args(["capture", "--json"]).arg_path(&dir).run();
    out.code(3).ran_nothing();
    let (json, _) = document(&out);
    assert!(json["directory"].as_str().unwrap().ends_with("full"));
    assert_eq!((&json["commands"], &json["registry"]), (&Null, &Null));
    assert_eq!(json["error"]["kind"], "invalid_value");
}

/// What the measuring commands warn on stderr is in `warnings` (watch: in its summary line).
#[test]
fn every_warning_of_the_measuring_commands_is_in_warnings() {
    let warned = |out: &crate::support::Outcome| -> Vec<String> {
        out.stderr
            .lines()
            .filter_map(|l| l.strip_prefix("warning: "))
            .map(str::to_string)
            .collect()
    };
    // sessions: the configured values could not be read (no net config server).
    let out = Lanman::new()
        .net_recording("FAKE_NET_SESSION", "session-en-2.txt")
        .args(["sessions", "--json"])
        .run();
    out.code(0);
    let stderr = warned(&out);
    assert!(
        stderr[0].starts_with("the configured idle limit could not be read"),
        "{stderr:?}"
    );
    assert_eq!(out.json()["warnings"], serde_json::json!(stderr));

    // capture: the registry could not be read; saved, and said, in JSON too.
    let lanman = Lanman::new().reg_mode("denied");
    let dir = lanman.path("capture");
    let out = lanman.args(["capture", "--json"]).arg_path(&dir).run();
    out.code(0);
    let stderr = warned(&out);
    assert_eq!(stderr.len(), 3, "{}", out.stderr);
    assert_eq!(out.json()["warnings"], serde_json::json!(stderr));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["warnings"], serde_json::json!(stderr));

    // watch: a cut `net use` capture warns once; the summary line carries it.
    let cut = std::fs::read_to_string(fixture("lists/use-en-1.txt"))
        .unwrap()
        .replace("The command completed successfully.", "");
    let out = Lanman::new()
        .clock_at("2026-03-02T08:00:00Z")
        .net_sequence("FAKE_NET_USE", &[&cut])
        .args(["watch", "--count", "2", "--json"])
        .run();
    out.code(0);
    let stderr = warned(&out);
    assert_eq!(stderr.len(), 1, "{}", out.stderr);
    let last: serde_json::Value = serde_json::from_str(out.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["event"], "summary");
    assert_eq!(last["warnings"], serde_json::json!(stderr));
    assert_eq!(last["error"], serde_json::Value::Null);
}

/// `watch --json` is JSON Lines from its first line to its last: a command line it cannot read
/// is `{"error": …}` on one line, and a watch that can run nothing ends with its summary.
#[test]
fn watch_json_is_one_object_per_line_even_when_it_fails() {
    let out = Lanman::new()
        .args(["watch", "--interval", "0", "--json"])
        .run();
    out.code(3).ran_nothing();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert_eq!(out.json()["error"]["kind"], "invalid_value");
    let out = Lanman::new().args(["--json", "watch", "--bogus"]).run();
    out.code(2);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);

    let missing = crate::support::absolute(std::path::Path::new("no-such-dir/net.exe"));
    let out = Lanman::new()
        .env("LANMAN_NET", &missing)
        .args(["watch", "--json"])
        .run();
    out.code(6);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    let events: Vec<&str> = lines.iter().map(|l| l["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["start", "poll_failed", "summary"]);
    assert_eq!(lines[2]["polls"], 0);
    assert_eq!(lines[2]["error"]["kind"], "program_missing");
    assert_eq!(lines[2]["error"], lines[1]["error"]);
}
