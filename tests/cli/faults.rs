//! What a logon script meets when net.exe does not answer normally. Every case: the
//! documented exit code, one line on stderr, nothing on stdout.

use crate::support::{Lanman, fixture, test_data};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";

#[test]
fn access_denied_is_exit_4_and_says_to_elevate() {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("denied")
        .args(["get", "autodisconnect"])
        .run()
        .code(4)
        .stdout("")
        .stderr_has("elevated command prompt")
        .one_line_error();
}

#[test]
fn a_stopped_service_prompt_is_exit_5_and_never_waits() {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("prompt")
        .args(["server"])
        .run()
        .code(5)
        .stdout("")
        .stderr_has("the Server service is not running: start it with `net start LanmanServer`")
        .one_line_error();
}

#[test]
fn the_prompt_never_sees_lanmans_own_stdin() {
    // lanman's stdin stays open with no data, as a console would. If lanman passed it on,
    // the fake would wait for an answer until the timeout (exit 8), not report exit 5.
    Lanman::new()
        .workstation("workstation-en-win7-pro-domain.txt")
        .net_mode("prompt")
        .stdin_open()
        .args(["--timeout", "20", "workstation"])
        .run()
        .code(5)
        .stderr_has("the Workstation service is not running");
}

#[test]
fn the_prompt_is_recognised_in_a_language_without_a_table() {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("prompt-de")
        .args(["get", "autodisconnect"])
        .run()
        .code(5);
}

#[test]
fn a_hanging_net_is_stopped_at_the_timeout() {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("hang")
        .args(["--timeout", "1", "get", "autodisconnect"])
        .run()
        .code(8)
        .stdout("")
        .stderr_has("`net config server` did not finish within 1 s")
        .one_line_error();
}

#[test]
fn a_grandchild_holding_the_pipes_does_not_keep_lanman_waiting() {
    // net answers and exits, but a process it started keeps stdout/stderr open (net1.exe).
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("grandchild")
        .args(["--timeout", "20", "get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("15\n");
}

/// The grandchild above is stopped by the harness when the test ends (it reports its pid), so
/// the suite leaves no stand-in running.
#[cfg(target_os = "linux")]
#[test]
fn the_grandchild_a_test_starts_does_not_outlive_it() {
    let lanman = Lanman::new();
    let pids = lanman.path("pids");
    let out = lanman
        .server(WIN10_SERVER)
        .net_mode("grandchild")
        .args(["--timeout", "20", "get", "autodisconnect"])
        .run();
    out.code(0);
    let pid: Vec<String> = std::fs::read_dir(&pids)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.parse::<u32>().is_ok())
        .collect();
    assert_eq!(pid.len(), 1, "the fake reported its grandchild");
    // Not sleeping on lanman's pipes any more.
    assert!(
        crate::support::is_gone(&pid[0]),
        "process {} still runs",
        pid[0]
    );
}

#[test]
fn garbage_is_not_understood() {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("garbage")
        .args(["server"])
        .run()
        .code(7)
        .stdout("")
        .stderr_has("Server Name  \\\\NAME")
        .one_line_error();
}

#[test]
fn endless_output_is_cut_off_and_reported() {
    Lanman::new()
        .server(WIN10_SERVER)
        .net_mode("flood")
        .args(["--timeout", "20", "server"])
        .run()
        .code(7)
        .stderr_has("printed more than 1 MiB")
        .one_line_error();
}

#[test]
fn a_missing_program_is_named_by_its_path() {
    let out = Lanman::new();
    let missing = out.path("no-such-net.exe");
    out.env("LANMAN_NET", &missing)
        .args(["server"])
        .run()
        .code(6)
        .stderr_has(&missing.display().to_string())
        .one_line_error();
}

#[test]
fn rust_backtrace_does_not_turn_a_failure_into_a_report() {
    // Common on developers' and CI machines; only --verbose prints the whole report.
    let out = Lanman::new();
    let missing = out.path("no-such-net.exe");
    out.env("LANMAN_NET", &missing)
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .args(["server"])
        .run()
        .code(6)
        .one_line_error();
}

#[test]
fn a_relative_override_is_refused() {
    Lanman::new()
        .env("LANMAN_NET", "net.exe")
        .args(["server"])
        .run()
        .code(6)
        .stderr_has("LANMAN_NET must be an absolute path")
        .ran_nothing()
        .one_line_error();
}

#[cfg(not(windows))]
#[test]
fn without_an_override_off_windows_there_is_nothing_to_run() {
    Lanman::new()
        .env_remove("LANMAN_NET")
        .args(["get", "autodisconnect"])
        .run()
        .code(6)
        .stderr_has("net.exe exists only on Windows: set LANMAN_NET")
        .one_line_error();
}

#[test]
fn an_unrecognised_failure_quotes_net() {
    Lanman::new()
        .server(WIN10_SERVER)
        .env("FAKE_NET_STDERR", test_data("net-stderr-unknown.txt"))
        .env("FAKE_NET_EXIT", "2")
        .args(["server"])
        .run()
        .code(6)
        .stderr_has("(exit status 2): Der Vorgang ist fehlgeschlagen.")
        .one_line_error();
}

#[test]
fn an_access_denied_in_chinese_is_recognised() {
    Lanman::new()
        .server(WIN10_SERVER)
        .env(
            "FAKE_NET_STDERR",
            crate::support::fixture("error-access-denied-zh-cn-collapsed.txt"),
        )
        .env("FAKE_NET_EXIT", "2")
        .args(["server"])
        .run()
        .code(4);
}

#[test]
fn verbose_shows_the_command_it_runs() {
    Lanman::new()
        .server(WIN10_SERVER)
        .args(["--verbose", "get", "autodisconnect"])
        .run()
        .code(0)
        .stdout("15\n")
        .stderr_has("lanman: running net config server (");
}

#[test]
fn verbose_error_report_does_not_repeat_the_message_as_its_cause() {
    Lanman::new()
        .args(["--verbose", "parse", "server"])
        .arg_path(&fixture("lists/use-en-10.txt"))
        .run()
        .code(7)
        .stderr_has("   0: output not understood")
        .stderr_lacks("   1: ");
}
