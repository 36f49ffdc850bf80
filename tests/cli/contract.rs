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
