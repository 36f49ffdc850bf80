//! Help, `/?`, and how usage errors and bad values end.

use crate::support::Lanman;

#[test]
fn slash_question_mark_is_help() {
    let help = Lanman::new().args(["--help"]).run();
    help.code(0);
    Lanman::new()
        .args(["/?"])
        .run()
        .code(0)
        .stdout(&help.stdout)
        .ran_nothing();
    let server_help = Lanman::new().args(["server", "--help"]).run();
    server_help.code(0).stdout_has("net config server");
    Lanman::new()
        .args(["server", "/?"])
        .run()
        .code(0)
        .stdout(&server_help.stdout)
        .ran_nothing();
}

#[test]
fn help_lists_the_exit_codes() {
    Lanman::new()
        .args(["--help"])
        .run()
        .code(0)
        .stdout_has("Exit codes: 0 success, 1 internal error, 2 usage error, 3 invalid value");
}

#[test]
fn an_unknown_subcommand_is_a_usage_error() {
    Lanman::new()
        .args(["frobnicate"])
        .run()
        .code(2)
        .ran_nothing();
}

#[test]
fn an_unknown_setting_is_an_invalid_value() {
    Lanman::new()
        .args(["get", "nosuchthing"])
        .run()
        .code(3)
        .stderr_has("unknown setting \"nosuchthing\"")
        .one_line_error()
        .ran_nothing();
}

#[test]
fn a_bad_timeout_is_an_invalid_value() {
    Lanman::new()
        .args(["--timeout", "soon", "server"])
        .run()
        .code(3)
        .one_line_error()
        .ran_nothing();
}

#[test]
fn no_colour_when_output_is_not_a_terminal() {
    let out = Lanman::new()
        .env_remove("NO_COLOR")
        .args(["get", "nosuchthing"])
        .run();
    out.code(3);
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
}
