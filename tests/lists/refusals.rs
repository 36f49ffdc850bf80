//! Texts that are not the list asked for: refused with a typed error that says what they
//! are. The inputs here are shapes written for the test (not recordings): other net
//! commands' outputs, errors, garbage, empty input, oversized input.

use crate::common;

use lanman::parse::{Found, ListError, parse_net_share, parse_net_use};

fn found(text: &str) -> (Result<Found, ListError>, Result<Found, ListError>) {
    let f = |r: Result<(), ListError>| match r {
        Err(ListError::NotAList { found }) => Ok(found),
        Err(e) => Err(e),
        Ok(()) => panic!("accepted: {text:?}"),
    };
    (
        f(parse_net_use(text).map(|_| ())),
        f(parse_net_share(text).map(|_| ())),
    )
}

const CONFIG_WORKSTATION: &str = r"Computer name                        \\DESKTOP-1
Full Computer name                   DESKTOP-1
User name                            admin

Workstation active on
        NetBT_Tcpip_{11111111-2222-3333-4444-555555555555} (001122334455)

Software version                     Windows 10 Pro

Workstation domain                   WORKGROUP
Logon domain                         DESKTOP-1

COM Open Timeout (sec)               0
COM Send Count (byte)                16
COM Send Timeout (msec)              250
The command completed successfully.
";

const CONFIG_SERVER: &str = r"Server Name                           \\DESKTOP-1
Server Comment

Software version                      Windows 10 Pro
Server is active on
        NetbiosSmb (DESKTOP-1)

Server hidden                         No
Maximum Logged On Users               20
Maximum open files per session        16384

Idle session time (min)               15
The command completed successfully.
";

const SHARE_DETAIL: &str = r"Share name        Users
Path              C:\Users
Remark
Maximum users     No limit
Users
Caching           Manual caching of documents
Permission        Everyone, FULL

The command completed successfully.
";

#[test]
fn net_config_output_is_refused_as_config() {
    for text in [CONFIG_WORKSTATION, CONFIG_SERVER] {
        assert_eq!(found(text), (Ok(Found::Config), Ok(Found::Config)));
    }
}

#[test]
fn net_share_detail_is_refused_as_share_detail() {
    assert_eq!(
        found(SHARE_DETAIL),
        (Ok(Found::ShareDetail), Ok(Found::ShareDetail))
    );
}

#[test]
fn collapsed_use_detail_is_still_a_use_detail() {
    let text = common::collapse_spaces(&common::fixture("use-detail-en-1.txt"));
    assert_eq!(found(&text), (Ok(Found::UseDetail), Ok(Found::UseDetail)));
}

#[test]
fn net_view_and_net_user_tables_are_other_tables() {
    let view = "Server Name            Remark\n\n\
                -------------------------------------------------------------------------------\n\
                \\\\DESKTOP-1\n\\\\NAS                  Storage box\n\
                The command completed successfully.\n";
    let user = "\nUser accounts for \\\\DESKTOP-1\n\n\
                -------------------------------------------------------------------------------\n\
                Administrator            DefaultAccount           Guest\n\
                user                     WDAGUtilityAccount\n\
                The command completed successfully.\n";
    for text in [view, user] {
        let (u, s) = found(text);
        assert!(matches!(u, Ok(Found::OtherTable { .. })), "{text}: {u:?}");
        assert!(matches!(s, Ok(Found::OtherTable { .. })), "{text}: {s:?}");
    }
}

#[test]
fn localized_system_error_is_an_error_with_its_number() {
    let (u, s) = found("发生系统错误 53。\n\n找不到网络路径。\n");
    assert_eq!(u, s);
    assert!(
        matches!(u, Ok(Found::Error { code: Some(53), .. })),
        "{u:?}"
    );
}

#[test]
fn powershell_wrapped_error_in_another_language_is_an_error() {
    let text = "net : Systemfehler 85 aufgetreten.\nIn Zeile:1 Zeichen:1\n+ net use z: \\\\x\\y\n\
                + ~~~~~~~~~~\n    + CategoryInfo          : NotSpecified: (:String) [], RemoteException\n\
                    + FullyQualifiedErrorId : NativeCommandError\n\nDer lokale Gerätename wird bereits verwendet.\n";
    let (u, _) = found(text);
    match u {
        Ok(Found::Error { code, message }) => {
            assert_eq!(code, Some(85));
            assert_eq!(
                message,
                "Systemfehler 85 aufgetreten. Der lokale Gerätename wird bereits verwendet."
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_and_blank_inputs_are_empty() {
    for text in ["", "\n", "  \r\n\t\n", "\u{feff}"] {
        assert_eq!(parse_net_use(text).map(|p| p.list), Err(ListError::Empty));
        assert_eq!(parse_net_share(text).map(|p| p.list), Err(ListError::Empty));
    }
}

#[test]
fn garbage_is_not_understood() {
    for text in [
        "hello",
        "lorem ipsum dolor sit amet\nconsectetur adipiscing elit\nsed do eiusmod\ntempor",
        "{\"json\": true}",
        "C:\\>net use\n",
        "\u{fffd}\u{fffd}\u{fffd}\n\u{fffd}",
        "OK Z: nothing here",
    ] {
        assert!(
            matches!(parse_net_use(text), Err(ListError::NoTable { .. })),
            "{text:?}: {:?}",
            parse_net_use(text)
        );
        assert!(
            matches!(parse_net_share(text), Err(ListError::NoTable { .. })),
            "{text:?}"
        );
    }
}

#[test]
fn no_entries_text_is_refused_by_the_share_reader() {
    assert_eq!(
        parse_net_share("There are no entries in the list.\n").map(|p| p.list),
        Err(ListError::NotAList {
            found: Found::EmptyList
        })
    );
    assert_eq!(
        parse_net_share(&common::fixture("use-en-5.txt")).map(|p| p.list),
        Err(ListError::NotAList {
            found: Found::UseList
        }),
        "the remembered line belongs to net use"
    );
}

#[test]
fn a_dash_rule_alone_is_an_empty_table_with_doubts() {
    let text = format!("{}\n", "-".repeat(79));
    let p = parse_net_use(&text).unwrap();
    assert!(p.list.connections.is_empty());
    assert_eq!(
        common::kinds(&p.warnings),
        vec![("NoHeader", 1), ("NoSuccessLine", 1)]
    );
}

#[test]
fn more_than_4096_rows_is_too_long() {
    let row = "OK           Z:        \\\\server\\share             Microsoft Windows Network\n";
    let head = "Status       Local     Remote                    Network\n\n\
                -------------------------------------------------------------------------------\n";
    let ok = format!("{head}{}", row.repeat(4096));
    assert_eq!(parse_net_use(&ok).unwrap().list.connections.len(), 4096);
    let long = format!("{head}{}", row.repeat(4097));
    assert_eq!(
        parse_net_use(&long).map(|p| p.list),
        Err(ListError::TooLong)
    );
    let share_head = "Share name   Resource                        Remark\n\n\
                      -------------------------------------------------------------------------------\n";
    let share_row = "C$           C:\\                             Default share\n";
    let long = format!("{share_head}{}", share_row.repeat(4097));
    assert_eq!(
        parse_net_share(&long).map(|p| p.list),
        Err(ListError::TooLong)
    );
    // Lines without a table are bounded too, before any work on them.
    let lines = "x\n".repeat(20_000);
    assert_eq!(
        parse_net_use(&lines).map(|p| p.list),
        Err(ListError::TooLong)
    );
    let huge = "x".repeat(5 << 20);
    assert_eq!(
        parse_net_share(&huge).map(|p| p.list),
        Err(ListError::TooLong)
    );
}

#[test]
fn errors_display_on_one_line() {
    let errors = [
        ListError::Empty,
        ListError::TooLong,
        ListError::NoTable {
            first_line: "x".into(),
        },
        ListError::NotAList {
            found: Found::Error {
                code: Some(53),
                message: "System error 53 has occurred.".into(),
            },
        },
        ListError::NotAList {
            found: Found::OtherTable {
                header: "Server Name  Remark".into(),
            },
        },
    ];
    for e in errors {
        let text = e.to_string();
        assert!(!text.is_empty() && !text.contains('\n'), "{text}");
    }
}
