//! Tables in made-up display languages (header, status words, remembered and success lines
//! that no word table knows) prove that the readers work by structure: every field comes
//! back, unknown status words as `Status::Unknown` with their text, `language` None.

use crate::common;

use common::{kinds, render_share, render_use};
use lanman::parse::{
    Connection, Found, ListError, Network, Share, Status, parse_net_share, parse_net_use,
};

const STARTS: [usize; 4] = [0, 13, 23, 49];

fn unc(
    status: &str,
    local: Option<&str>,
    remote: &str,
    provider: &str,
    network: Network,
) -> Connection {
    let (server, rest) = remote.trim_start_matches('\\').split_once('\\').unwrap();
    Connection {
        local: local.map(String::from),
        remote: remote.to_string(),
        server: Some(server.to_string()),
        share: rest.split('\\').next().map(String::from),
        status: Status::Unknown,
        status_text: status.to_string(),
        provider: provider.to_string(),
        network,
    }
}

#[test]
fn german_like_table_reads_unknown_status_words_as_unknown_with_text() {
    let text = render_use(
        Some("Neue Dinge werden behalten."),
        ["Zustand", "Ort", "Fernziel", "Netzbereich"],
        STARTS,
        &[
            (
                "Verbunden",
                "Z:",
                r"\\alpha\daten",
                "Microsoft Windows Network",
            ),
            (
                "Weg",
                "",
                r"\\beta\Projekte Alt\2024",
                "Microsoft Windows Network",
            ),
            ("", "LPT1:", r"\\gamma\drucker", "Microsoft Windows Network"),
        ],
        Some("Der Befehl lief gut durch."),
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(
        p.list.connections,
        vec![
            unc(
                "Verbunden",
                Some("Z:"),
                r"\\alpha\daten",
                "Microsoft Windows Network",
                Network::Smb
            ),
            unc(
                "Weg",
                None,
                r"\\beta\Projekte Alt\2024",
                "Microsoft Windows Network",
                Network::Smb
            ),
            unc(
                "",
                Some("LPT1:"),
                r"\\gamma\drucker",
                "Microsoft Windows Network",
                Network::Smb
            ),
        ]
    );
    assert_eq!(p.list.remembered, None);
    assert_eq!(p.language, None);
    assert_eq!(
        kinds(&p.warnings),
        vec![
            ("RememberedUnknown", 1),
            ("UnknownStatus", 7),
            ("UnknownStatus", 8)
        ]
    );
}

#[test]
fn russian_like_table_with_multiword_status_and_wrapped_remote() {
    let text = render_use(
        None,
        ["Состояние", "Локально", "Удаленно", "Сеть"],
        STARTS,
        &[
            ("Нет связи", "X:", r"\\сервер\общий", "Сеть Майкрософт"),
            (
                "ОК",
                "",
                r"\\очень-длинный-сервер\длинная папка",
                "Сеть Майкрософт",
            ),
        ],
        Some("Команда выполнена."),
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(
        p.list.connections,
        vec![
            unc(
                "Нет связи",
                Some("X:"),
                r"\\сервер\общий",
                "Сеть Майкрософт",
                Network::Other
            ),
            unc(
                "ОК",
                None,
                r"\\очень-длинный-сервер\длинная папка",
                "Сеть Майкрософт",
                Network::Other
            ),
        ],
        "an unknown provider name leaves a UNC remote as `other`, not smb"
    );
    assert_eq!(p.language, None);
    assert_eq!(
        kinds(&p.warnings),
        vec![("UnknownStatus", 4), ("UnknownStatus", 5)]
    );
}

#[test]
fn cjk_like_table_pads_by_display_width() {
    // Each made-up word is two columns a character; the padding is by display width.
    let text = render_use(
        Some("新接続は覚えます。"),
        ["状況", "現地", "遠隔名", "網名"],
        STARTS,
        &[
            ("切れた", "Y:", r"\\機械\共有", "Microsoft Windows Network"),
            ("良好", "Z:", r"\\nas\データ", "NFS Network"),
        ],
        Some("完了しました。"),
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(
        p.list.connections,
        vec![
            unc(
                "切れた",
                Some("Y:"),
                r"\\機械\共有",
                "Microsoft Windows Network",
                Network::Smb
            ),
            unc(
                "良好",
                Some("Z:"),
                r"\\nas\データ",
                "NFS Network",
                Network::Nfs
            ),
        ]
    );
    assert_eq!(p.language, None);
}

#[test]
fn known_status_words_are_found_under_an_unknown_header() {
    let text = render_use(
        None,
        ["Zq", "Zw", "Zr", "Zt"],
        STARTS,
        &[
            ("Getrennt", "Y:", r"\\a\b", "Microsoft Windows Network"),
            ("Nicht verfgb", "Z:", r"\\a\c", "Microsoft Windows Network"),
            (
                "Nicht verf\u{fffd}gbar",
                "",
                r"\\a\d",
                "Microsoft Windows Network",
            ),
            ("已断开连接", "", r"\\a\e", "Microsoft Windows Network"),
            ("利用不可", "", r"\\a\f", "Microsoft Windows Network"),
            ("Reconnecting", "", r"\\a\g", "Microsoft Windows Network"),
        ],
        None,
    );
    let p = parse_net_use(&text).unwrap();
    let statuses: Vec<Status> = p.list.connections.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Disconnected,
            Status::Unavailable,
            Status::Unavailable,
            Status::Disconnected,
            Status::Unavailable,
            Status::Reconnecting
        ]
    );
    assert_eq!(p.list.connections[1].status_text, "Nicht verfgb");
    assert_eq!(kinds(&p.warnings), vec![("NoSuccessLine", 9)]);
}

#[test]
fn webdav_terminal_services_and_virtualbox_under_unknown_providers() {
    let text = render_use(
        None,
        ["Zq", "Zw", "Zr", "Zt"],
        STARTS,
        &[
            (
                "OK",
                "W:",
                r"\\files.example.com@SSL\DavWWWRoot\team",
                "Zq Web",
            ),
            ("OK", "", "https://files.example.com/dav", "Zq Web"),
            ("OK", "", r"\\tsclient\D", "Zq Remote"),
            ("OK", "V:", r"\\VBoxSvr\shared", "Zq Box"),
            ("OK", "U:", r"\\plain\share", "Zq Plain"),
        ],
        Some("Zq ok."),
    );
    let p = parse_net_use(&text).unwrap();
    let got: Vec<(Network, Option<&str>, Option<&str>)> = p
        .list
        .connections
        .iter()
        .map(|c| (c.network, c.server.as_deref(), c.share.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Network::Webdav,
                Some("files.example.com"),
                Some("DavWWWRoot")
            ),
            (Network::Webdav, Some("files.example.com"), None),
            (Network::TerminalServices, Some("tsclient"), Some("D")),
            (Network::Virtualbox, Some("VBoxSvr"), Some("shared")),
            (Network::Other, Some("plain"), Some("share")),
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![]);
}

#[test]
fn invented_language_no_entries_shape_is_an_empty_list_with_a_warning() {
    let p = parse_net_use("Neue Dinge werden behalten.\n\nDie Liste ist leer.\n").unwrap();
    assert_eq!(p.list.connections, vec![]);
    assert_eq!(p.list.remembered, None);
    assert_eq!(
        kinds(&p.warnings),
        vec![("RememberedUnknown", 1), ("AssumedEmpty", 3)]
    );
    // A known remembered line and an unknown sentence: remembered is read.
    let p = parse_net_use("New connections will be remembered.\n\nZq leer.\n").unwrap();
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(kinds(&p.warnings), vec![("AssumedEmpty", 3)]);
    // The same shape with a number is an error, not an empty list.
    assert!(matches!(
        parse_net_use("Systemfehler 53 aufgetreten.\n\nPfad nicht da.\n"),
        Err(ListError::NotAList {
            found: Found::Error { code: Some(53), .. }
        })
    ));
    // One unknown sentence alone is not understood.
    assert!(matches!(
        parse_net_use("Die Liste ist leer.\n"),
        Err(ListError::NoTable { .. })
    ));
}

#[test]
fn invented_share_table_reads_by_structure() {
    let text = render_share(
        ["Freigabe", "Quelle", "Bemerkung"],
        [0, 13, 45],
        &[
            ("C$", r"C:\", "Standardfreigabe"),
            ("IPC$", "", "Entfernte IPC"),
            ("Daten Alt", r"D:\Daten Alt\Archiv", "Alte Sachen"),
            (
                "print$",
                r"C:\Windows\system32\spool\drivers",
                "Druckertreiber",
            ),
        ],
        Some("Befehl gut."),
    );
    let p = parse_net_share(&text).unwrap();
    let share = |name: &str, resource: Option<&str>, remark: &str| Share {
        name: name.to_string(),
        resource: resource.map(String::from),
        remark: remark.to_string(),
        administrative: name.ends_with('$'),
    };
    assert_eq!(
        p.list.shares,
        vec![
            share("C$", Some(r"C:\"), "Standardfreigabe"),
            share("IPC$", None, "Entfernte IPC"),
            share("Daten Alt", Some(r"D:\Daten Alt\Archiv"), "Alte Sachen"),
            share(
                "print$",
                Some(r"C:\Windows\system32\spool\drivers"),
                "Druckertreiber"
            ),
        ]
    );
    assert_eq!(p.language, None);
    assert_eq!(kinds(&p.warnings), vec![]);
}

#[test]
fn invented_use_table_is_refused_by_the_share_reader_and_back() {
    let use_text = render_use(
        None,
        ["Zq", "Zw", "Zr", "Zt"],
        STARTS,
        &[
            ("Zq", "Z:", r"\\a\b", "Zq Net"),
            ("Zq", "Y:", r"\\a\c", "Zq Net"),
        ],
        Some("Zq."),
    );
    assert_eq!(
        parse_net_share(&use_text).map(|p| p.list),
        Err(ListError::NotAList {
            found: Found::UseList
        })
    );
    let share_text = render_share(
        ["Zq", "Zw", "Zr"],
        [0, 13, 45],
        &[("C$", r"C:\", "Zq"), ("D$", r"D:\", "Zq")],
        Some("Zq."),
    );
    assert_eq!(
        parse_net_use(&share_text).map(|p| p.list),
        Err(ListError::NotAList {
            found: Found::ShareList
        })
    );
}

#[test]
fn header_whose_titles_ran_together_still_reads_rows_by_structure() {
    // Two-word titles, two of them joined by a single space: neither split gives four.
    let text = "Zq Stat      Zq Ort Zq Fern                 Zq Netz\n\n".to_string()
        + &"-".repeat(79)
        + "\nOK           Z:        \\\\srv\\share              Microsoft Windows Network\n\
           Zq fertig.\n";
    let p = parse_net_use(&text).unwrap();
    assert_eq!(p.list.connections[0].remote, r"\\srv\share");
    assert_eq!(p.list.connections[0].provider, "Microsoft Windows Network");
    assert_eq!(kinds(&p.warnings), vec![("HeaderUnknown", 1)]);

    let text = "Zq Name Zq Quelle                   Zq Bem\n\n".to_string()
        + &"-".repeat(79)
        + "\nIPC$                                         Zq IPC\n\
           Daten        D:\\Daten                        Zq alles\n\
           Zq fertig.\n";
    let p = parse_net_share(&text).unwrap();
    let got: Vec<(&str, Option<&str>, &str)> = p
        .list
        .shares
        .iter()
        .map(|s| (s.name.as_str(), s.resource.as_deref(), s.remark.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("IPC$", None, "Zq IPC"),
            ("Daten", Some(r"D:\Daten"), "Zq alles")
        ]
    );
    assert_eq!(kinds(&p.warnings), vec![("HeaderUnknown", 1)]);
}
