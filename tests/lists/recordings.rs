//! One test per recording in fixtures/: the full parsed result (every field of every row,
//! the warnings by variant and line, the language), and the negative matrix: every `use-*`
//! through the share reader and every `share-*` through the use reader is refused, and the
//! `use-detail-*` files are refused by both.

use crate::common;

use common::{fixture, kinds, recordings};
use lanman::parse::{
    Connection, Found, ListError, Network, ParsedList, Share, Status, parse_net_share,
    parse_net_use,
};

fn conn(
    (status, status_text): (Status, &str),
    local: Option<&str>,
    remote: &str,
    (server, share): (&str, Option<&str>),
    (provider, network): (&str, Network),
) -> Connection {
    Connection {
        local: local.map(String::from),
        remote: remote.to_string(),
        server: Some(server.to_string()),
        share: share.map(String::from),
        status,
        status_text: status_text.to_string(),
        provider: provider.to_string(),
        network,
    }
}

const MWN: &str = "Microsoft Windows Network";

fn smb(status: Status, text: &str, local: Option<&str>, remote: &str) -> Connection {
    let (server, share) = remote[2..].split_once('\\').unwrap();
    let share = share.split('\\').next().filter(|s| !s.is_empty());
    conn(
        (status, text),
        local,
        remote,
        (server, share),
        (MWN, Network::Smb),
    )
}

fn share(name: &str, resource: Option<&str>, remark: &str) -> Share {
    Share {
        name: name.to_string(),
        resource: resource.map(String::from),
        remark: remark.to_string(),
        administrative: name.ends_with('$'),
    }
}

fn use_ok(file: &str) -> ParsedList<lanman::parse::NetUse> {
    parse_net_use(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn share_ok(file: &str) -> ParsedList<lanman::parse::NetShare> {
    parse_net_share(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn use_err(file: &str) -> ListError {
    parse_net_use(&fixture(file)).expect_err(file)
}

fn share_err(file: &str) -> ListError {
    parse_net_share(&fixture(file)).expect_err(file)
}

fn not_a_list(found: Found) -> ListError {
    ListError::NotAList { found }
}

// ---------------------------------------------------------------- net use, English

#[test]
fn use_en_1_reads_wrapped_provider_and_deviceless_rows() {
    let p = use_ok("use-en-1.txt");
    assert_eq!(
        p.list.connections,
        vec![
            smb(Status::Ok, "OK", Some("V:"), r"\\192.168.1.200\config"),
            smb(
                Status::Disconnected,
                "Disconnected",
                None,
                r"\\169.254.0.2\rA"
            ),
            smb(
                Status::Disconnected,
                "Disconnected",
                None,
                r"\\UNRAID\Seagate_Expansion_Drive"
            ),
            smb(Status::Ok, "OK", None, r"\\UNRAID\IPC$"),
        ]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn use_en_2_reads_empty_status_and_nfs_provider() {
    let p = use_ok("use-en-2.txt");
    assert_eq!(
        p.list.connections,
        vec![
            conn(
                (Status::Unknown, ""),
                Some("A:"),
                r"\\UNRAID\rA\",
                ("UNRAID", Some("rA")),
                ("NFS Network", Network::Nfs)
            ),
            smb(Status::Ok, "OK", Some("V:"), r"\\192.168.1.200\config"),
        ]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn use_en_3_reads_twelve_letter_status_followed_by_one_space() {
    let p = use_ok("use-en-3.txt");
    assert_eq!(
        p.list.connections,
        vec![
            smb(
                Status::Disconnected,
                "Disconnected",
                Some("Y:"),
                r"\\10.10.10.9\C$"
            ),
            smb(Status::Ok, "OK", Some("Z:"), r"\\10.10.10.15\C$"),
        ]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn use_en_4_ignores_trailing_spaces_and_missing_blank_lines() {
    let p = use_ok("use-en-4.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(
            Status::Disconnected,
            "Disconnected",
            None,
            r"\\10.10.14.37\baud"
        )]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn use_en_5_no_entries_is_an_empty_list() {
    let p = use_ok("use-en-5.txt");
    assert_eq!(p.list.connections, vec![]);
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn use_en_6_connection_not_found_is_an_error_2250() {
    let found = Found::Error {
        code: Some(2250),
        message: "The network connection could not be found. More help is available by \
                  typing NET HELPMSG 2250."
            .to_string(),
    };
    assert_eq!(use_err("use-en-6.txt"), not_a_list(found.clone()));
    assert_eq!(share_err("use-en-6.txt"), not_a_list(found));
}

#[test]
fn use_en_7_reads_unavailable_and_empty_status() {
    let p = use_ok("use-en-7.txt");
    assert_eq!(
        p.list.connections,
        vec![
            smb(Status::Ok, "OK", Some("S:"), r"\\tower\Movies"),
            smb(Status::Ok, "OK", None, r"\\tower\Buildings"),
            smb(Status::Unknown, "", Some("T:"), r"\\tower\Music"),
            smb(
                Status::Unavailable,
                "Unavailable",
                Some("U:"),
                r"\\tower\Pictures"
            ),
        ]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn use_en_8_powershell_wrapped_error_is_unwrapped() {
    let found = Found::Error {
        code: Some(2250),
        message: "The network connection could not be found. More help is available by \
                  typing NET HELPMSG 2250."
            .to_string(),
    };
    assert_eq!(use_err("use-en-8.txt"), not_a_list(found));
}

#[test]
fn use_en_9_powershell_wrapped_system_error_85() {
    let found = Found::Error {
        code: Some(85),
        message: "System error 85 has occurred. The local device name is already in use."
            .to_string(),
    };
    assert_eq!(use_err("use-en-9.txt"), not_a_list(found));
}

#[test]
fn use_en_10_system_error_53() {
    let found = Found::Error {
        code: Some(53),
        message: "System error 53 has occurred. The network path was not found.".to_string(),
    };
    assert_eq!(use_err("use-en-10.txt"), not_a_list(found));
}

#[test]
fn use_en_11_system_error_67() {
    let found = Found::Error {
        code: Some(67),
        message: "System error 67 has occurred. The network name cannot be found.".to_string(),
    };
    assert_eq!(use_err("use-en-11.txt"), not_a_list(found));
}

// ---------------------------------------------------------------- net use, other languages

#[test]
fn use_de_1_german_header_english_provider() {
    let p = use_ok("use-de-1.txt");
    assert_eq!(
        p.list.connections,
        vec![
            smb(Status::Ok, "OK", Some("G:"), r"\\ALPHA\BETA"),
            smb(Status::Ok, "OK", Some("K:"), r"\\GAM\MMA"),
            smb(Status::Ok, "OK", Some("M:"), r"\\user\drive\uname"),
            smb(Status::Ok, "OK", Some("T:"), r"\\test\foldername"),
            smb(Status::Ok, "OK", None, r"\\psi\folder"),
        ]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("de"));
}

#[test]
fn use_de_2_wrapped_provider_and_no_success_line() {
    let p = use_ok("use-de-2.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(
            Status::Ok,
            "OK",
            Some("M:"),
            r"\\s000b153.kasserver.com\s000b153"
        )]
    );
    assert_eq!(p.list.remembered, None);
    assert_eq!(kinds(&p.warnings), vec![("NoSuccessLine", 4)]);
    assert_eq!(p.language, Some("de"));
}

#[test]
fn use_fr_1_mojibake_header_and_not_remembered() {
    let p = use_ok("use-fr-1.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(Status::Ok, "OK", Some("P:"), r"\\ana\PIPELINE")]
    );
    assert_eq!(p.list.remembered, Some(false));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("fr"));
}

#[test]
fn use_fr_2_delete_confirmation_is_refused() {
    assert_eq!(use_err("use-fr-2.txt"), not_a_list(Found::DeletePrompt));
}

#[test]
fn use_it_1_delete_confirmation_is_refused() {
    assert_eq!(use_err("use-it-1.txt"), not_a_list(Found::DeletePrompt));
}

#[test]
fn use_ja_1_narrow_japanese_header() {
    let p = use_ok("use-ja-1.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(Status::Ok, "OK", Some("Z:"), r"\\127.0.0.1\c")]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("ja"));
}

#[test]
fn use_ja_2_narrow_japanese_header() {
    let p = use_ok("use-ja-2.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(Status::Ok, "OK", Some("Z:"), r"\\127.0.0.1\share")]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("ja"));
}

#[test]
fn use_pt_1_localized_provider_is_smb() {
    let p = use_ok("use-pt-1.txt");
    assert_eq!(
        p.list.connections,
        vec![conn(
            (Status::Ok, "OK"),
            None,
            r"\\10.2.0.40\IPC$",
            ("10.2.0.40", Some("IPC$")),
            ("Rede Microsoft Windows", Network::Smb)
        )]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("pt"));
}

#[test]
fn use_pt_2_no_remembered_line() {
    let p = use_ok("use-pt-2.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(Status::Ok, "OK", None, r"\\servidor\IPC$")]
    );
    assert_eq!(p.list.remembered, None);
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("pt"));
}

#[test]
fn use_ru_1_russian_no_entries() {
    let p = use_ok("use-ru-1.txt");
    assert_eq!(p.list.connections, vec![]);
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("ru"));
}

#[test]
fn use_zh_2_chinese_no_entries_alone() {
    let p = use_ok("use-zh-2.txt");
    assert_eq!(p.list.connections, vec![]);
    assert_eq!(p.list.remembered, None);
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn use_zh_3_double_width_status_and_provider_one_column_left() {
    let p = use_ok("use-zh-3.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(
            Status::Unavailable,
            "不可用",
            Some("Y:"),
            r"\\nas.lindexi.com\Data"
        )]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn use_zh_4_chinese_no_entries_after_remembered_line() {
    let p = use_ok("use-zh-4.txt");
    assert_eq!(p.list.connections, vec![]);
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn use_zh_5_chinese_table() {
    let p = use_ok("use-zh-5.txt");
    assert_eq!(
        p.list.connections,
        vec![smb(Status::Ok, "OK", Some("K:"), r"\\192.168.0.102\file")]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn use_zh_6_tsclient_is_terminal_services_with_empty_status() {
    let p = use_ok("use-zh-6.txt");
    assert_eq!(
        p.list.connections,
        vec![conn(
            (Status::Unknown, ""),
            None,
            r"\\TSCLIENT\C",
            ("TSCLIENT", Some("C")),
            ("Microsoft Terminal Services", Network::TerminalServices)
        )]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn use_zh_7_capture_without_success_line() {
    let p = use_ok("use-zh-7.txt");
    assert_eq!(
        p.list.connections,
        vec![
            smb(Status::Unavailable, "不可用", Some("F:"), r"\\Front\share"),
            smb(Status::Ok, "OK", Some("X:"), r"\\CxxuColorful\share"),
        ]
    );
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![("NoSuccessLine", 8)]);
    assert_eq!(p.language, Some("zh-CN"));
}

// ---------------------------------------------------------------- net use X: (detail)

#[test]
fn use_detail_en_1_refused_by_both_readers() {
    assert_eq!(use_err("use-detail-en-1.txt"), not_a_list(Found::UseDetail));
    assert_eq!(
        share_err("use-detail-en-1.txt"),
        not_a_list(Found::UseDetail)
    );
}

#[test]
fn use_detail_en_2_refused_by_both_readers() {
    assert_eq!(use_err("use-detail-en-2.txt"), not_a_list(Found::UseDetail));
    assert_eq!(
        share_err("use-detail-en-2.txt"),
        not_a_list(Found::UseDetail)
    );
}

#[test]
fn use_detail_en_3_refused_by_both_readers() {
    assert_eq!(use_err("use-detail-en-3.txt"), not_a_list(Found::UseDetail));
    assert_eq!(
        share_err("use-detail-en-3.txt"),
        not_a_list(Found::UseDetail)
    );
}

#[test]
fn use_detail_en_4_refused_by_both_readers() {
    assert_eq!(use_err("use-detail-en-4.txt"), not_a_list(Found::UseDetail));
    assert_eq!(
        share_err("use-detail-en-4.txt"),
        not_a_list(Found::UseDetail)
    );
}

#[test]
fn use_detail_en_5_three_lines_without_success_line_refused_by_both() {
    assert_eq!(use_err("use-detail-en-5.txt"), not_a_list(Found::UseDetail));
    assert_eq!(
        share_err("use-detail-en-5.txt"),
        not_a_list(Found::UseDetail)
    );
}

// ---------------------------------------------------------------- net share

#[test]
fn share_en_1_wrapped_remarks_and_empty_resource() {
    let p = share_ok("share-en-1.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("ADMIN$", Some(r"C:\Windows"), "Remote Admin"),
            share("C$", Some(r"C:\"), "Default share"),
            share("D$", Some(r"D:\"), "Default share"),
            share("E$", Some(r"E:\"), "Default share"),
            share(
                "print$",
                Some(r"C:\Windows\system32\spool\drivers"),
                "Printer Drivers"
            ),
            share("IPC$", None, "Remote IPC"),
            share(
                "NETLOGON",
                Some(r"C:\Windows\SYSVOL\sysvol\example.local\SCRIPTS"),
                "Logon server share"
            ),
            share("Share", Some(r"D:\oldshare"), ""),
            share(
                "SYSVOL",
                Some(r"C:\Windows\SYSVOL\sysvol"),
                "Logon server share"
            ),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn share_en_2_resource_with_space() {
    let p = share_ok("share-en-2.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "Default share"),
            share("IPC$", None, "Remote IPC"),
            share("ADMIN$", Some(r"C:\Windows"), "Remote Admin"),
            share("Internal", Some(r"C:\Internal Files"), "Internal Documents"),
            share("Users", Some(r"C:\Users"), ""),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn share_en_3_name_with_space_filling_its_column() {
    let p = share_ok("share-en-3.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "Default share"),
            share("IPC$", None, "Remote IPC"),
            share("ADMIN$", Some(r"C:\WINDOWS"), "Remote Admin"),
            share(
                "Company Data",
                Some(r"C:\Users\htb-student\Desktop\Company Data"),
                ""
            ),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn share_en_4_remark_with_trailing_spaces() {
    let p = share_ok("share-en-4.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "Default share"),
            share("IPC$", None, "Remote IPC"),
            share("ADMIN$", Some(r"C:\Windows"), "Remote Admin"),
            share(
                "Records",
                Some(r"D:\Important-Files"),
                "Mounted share for records storage"
            ),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn share_ko_1_header_left_of_its_data_columns() {
    let p = share_ok("share-ko-1.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "기본 공유"),
            share("D$", Some(r"D:\"), "기본 공유"),
            share("IPC$", None, "원격 IPC"),
            share("ADMIN$", Some(r"C:\WINDOWS"), "원격 관리"),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("ko"));
}

#[test]
fn share_zh_1_doubled_success_line() {
    let p = share_ok("share-zh-1.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "默认共享"),
            share("IPC$", None, "远程 IPC"),
            share("ADMIN$", Some(r"C:\Windows"), "远程管理"),
            share("file", Some(r"C:\"), ""),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn share_zh_2_wrapped_chinese_remark() {
    let p = share_ok("share-zh-2.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "默认共享"),
            share("D$", Some(r"D:\"), "默认共享"),
            share("IPC$", None, "远程 IPC"),
            share(
                "print$",
                Some(r"C:\WINDOWS\system32\spool\drivers"),
                "打印机驱动程序"
            ),
            share("ADMIN$", Some(r"C:\WINDOWS"), "远程管理"),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

#[test]
fn share_zh_3_wrapped_remark_then_more_rows() {
    let p = share_ok("share-zh-3.txt");
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "默认共享"),
            share("IPC$", None, "远程 IPC"),
            share(
                "print$",
                Some(r"C:\WINDOWS\system32\spool\drivers"),
                "打印机驱动程序"
            ),
            share("ADMIN$", Some(r"C:\WINDOWS"), "远程管理"),
            share("Users", Some(r"C:\Users"), ""),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
    assert_eq!(p.language, Some("zh-CN"));
}

// ---------------------------------------------------------------- negative matrix

#[test]
fn every_use_recording_is_refused_by_the_share_reader() {
    for file in recordings().iter().filter(|f| f.starts_with("use-")) {
        let err = parse_net_share(&fixture(file))
            .map(|p| p.list)
            .expect_err(file);
        let expected_kind = matches!(
            &err,
            ListError::NotAList {
                found: Found::UseList
                    | Found::UseDetail
                    | Found::DeletePrompt
                    | Found::EmptyList
                    | Found::Error { .. },
            }
        );
        assert!(expected_kind, "{file}: {err:?}");
    }
}

#[test]
fn every_share_recording_is_refused_by_the_use_reader() {
    for file in recordings().iter().filter(|f| f.starts_with("share-")) {
        assert_eq!(
            parse_net_use(&fixture(file)).map(|p| p.list),
            Err(not_a_list(Found::ShareList)),
            "{file}"
        );
    }
}

#[test]
fn use_tables_name_the_use_list_when_given_to_the_share_reader() {
    for file in recordings()
        .iter()
        .filter(|f| f.starts_with("use-") && !f.starts_with("use-detail"))
    {
        if parse_net_use(&fixture(file)).is_ok_and(|p| !p.list.connections.is_empty()) {
            assert_eq!(share_err(file), not_a_list(Found::UseList), "{file}");
        }
    }
}

#[test]
fn every_recording_has_a_test_here() {
    // Guards against a recording copied in without its test: keep this list in step.
    let tested = [
        "share-en-1.txt",
        "share-en-2.txt",
        "share-en-3.txt",
        "share-en-4.txt",
        "share-ko-1.txt",
        "share-zh-1.txt",
        "share-zh-2.txt",
        "share-zh-3.txt",
        "use-de-1.txt",
        "use-de-2.txt",
        "use-detail-en-1.txt",
        "use-detail-en-2.txt",
        "use-detail-en-3.txt",
        "use-detail-en-4.txt",
        "use-detail-en-5.txt",
        "use-en-1.txt",
        "use-en-10.txt",
        "use-en-11.txt",
        "use-en-2.txt",
        "use-en-3.txt",
        "use-en-4.txt",
        "use-en-5.txt",
        "use-en-6.txt",
        "use-en-7.txt",
        "use-en-8.txt",
        "use-en-9.txt",
        "use-fr-1.txt",
        "use-fr-2.txt",
        "use-it-1.txt",
        "use-ja-1.txt",
        "use-ja-2.txt",
        "use-pt-1.txt",
        "use-pt-2.txt",
        "use-ru-1.txt",
        "use-zh-2.txt",
        "use-zh-3.txt",
        "use-zh-4.txt",
        "use-zh-5.txt",
        "use-zh-6.txt",
        "use-zh-7.txt",
    ];
    assert_eq!(recordings(), tested.map(String::from).to_vec());
}
