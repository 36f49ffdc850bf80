//! Properties: no input makes a reader panic or slow; tables generated in random column
//! widths (and random languages, wrapped remotes, wrapped remarks) read back exactly.

use crate::common;

use common::{fixture, recordings, render_share, render_use, width};
use lanman::parse::{Connection, Network, Share, Status, parse_net_share, parse_net_use};
use proptest::prelude::*;

/// Both readers on any text: they must not panic (their speed is measured in
/// benches/parse.rs, not asserted here).
fn parse_both_quickly(text: &str) {
    let _ = parse_net_use(text);
    let _ = parse_net_share(text);
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("-".repeat(79)),
        Just("Status       Local     Remote                    Network".to_string()),
        Just("Share name   Resource                        Remark".to_string()),
        Just("OK           Z:        \\\\srv\\share              Microsoft Windows Network".into()),
        Just("                                                Microsoft Windows Network".into()),
        Just("             T:        \\\\UNRAID\\a very long remote path".into()),
        Just("C$           C:\\                             Default share".into()),
        Just("                                             Printer Drivers".into()),
        Just("The command completed successfully.".into()),
        Just("New connections will be remembered.".into()),
        Just("There are no entries in the list.".into()),
        Just("C:\\>net use".into()),
        Just("System error 53 has occurred.".into()),
        Just("Local name        Z:".into()),
        Just(String::new()),
        "[ \\t\\\\¥:$A-Za-z0-9不可用\u{fffd}.-]{0,90}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        parse_both_quickly(&text);
    }

    #[test]
    fn lines_from_real_shapes_in_any_order_never_panic(
        lines in prop::collection::vec(fragment(), 0..40),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        parse_both_quickly(&text);
    }

    #[test]
    fn damaged_recordings_never_panic(
        index in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in "\\PC{0,12}",
    ) {
        let names = recordings();
        let text = fixture(&names[index.index(names.len())]);
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len() + 1);
        let end = (at + len).min(chars.len());
        let damaged: String = chars[..at]
            .iter()
            .chain(insert.chars().collect::<Vec<_>>().iter())
            .chain(chars[end..].iter())
            .collect();
        parse_both_quickly(&damaged);
    }
}

// ---------------------------------------------------------------- generated net use tables

#[derive(Clone, Debug)]
struct UseRow {
    status: (&'static str, Status),
    local: Option<String>,
    host: String,
    path: Vec<String>,
    provider: (&'static str, Network),
}

impl UseRow {
    fn remote(&self) -> String {
        format!("\\\\{}\\{}", self.host, self.path.join("\\"))
    }
}

fn status() -> impl Strategy<Value = (&'static str, Status)> {
    prop_oneof![
        Just(("OK", Status::Ok)),
        Just(("Disconnected", Status::Disconnected)),
        Just(("Unavailable", Status::Unavailable)),
        Just(("Reconnecting", Status::Reconnecting)),
        Just(("不可用", Status::Unavailable)),
        Just(("Getrennt", Status::Disconnected)),
        Just(("", Status::Unknown)),
        Just(("Zqwert", Status::Unknown)),
        Just(("Zq frei", Status::Unknown)),
        Just(("未知状態", Status::Unknown)),
    ]
}

fn provider() -> impl Strategy<Value = (&'static str, Network)> {
    prop_oneof![
        Just(("Microsoft Windows Network", Network::Smb)),
        Just(("NFS Network", Network::Nfs)),
        Just(("Web Client Network", Network::Webdav)),
        Just(("VirtualBox Shared Folders", Network::Virtualbox)),
        Just(("Microsoft Terminal Services", Network::TerminalServices)),
        Just(("Rede Microsoft Windows", Network::Smb)),
        Just(("Zq Netz", Network::Other)),
        Just(("Zq", Network::Other)),
    ]
}

fn segment() -> impl Strategy<Value = String> {
    // Path components may hold single spaces (a share `My Docs`), never two in a row.
    prop_oneof![
        "[A-Za-z0-9_$]{1,10}",
        "[A-Za-z0-9]{1,5} [A-Za-z0-9]{1,5}",
        "[データ共有]{1,3}",
    ]
}

fn use_row() -> impl Strategy<Value = UseRow> {
    (
        status(),
        prop::option::of(prop_oneof![
            "[D-Z]:".prop_map(String::from),
            Just("LPT1:".to_string())
        ]),
        "h[a-z0-9.-]{0,20}",
        prop::collection::vec(segment(), 1..4),
        provider(),
    )
        .prop_map(|(status, local, host, path, provider)| UseRow {
            status,
            local,
            host,
            path,
            provider,
        })
}

fn use_titles() -> impl Strategy<Value = [&'static str; 4]> {
    prop_oneof![
        Just(["Status", "Local", "Remote", "Network"]),
        Just(["状态", "本地", "远程", "网络"]),
        Just(["Zqa", "Zqb", "Zqc", "Zqd"]),
        Just(["Состояние", "Локально", "Удаленно", "Сеть"]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_use_tables_read_back_exactly(
        rows in prop::collection::vec(use_row(), 0..12),
        titles in use_titles(),
        extra in (0usize..6, 0usize..4, 0usize..30),
        remembered in any::<bool>(),
        success in prop_oneof![
            Just(Some("The command completed successfully.")),
            Just(Some("Zq ok.")),
            Just(None)
        ],
    ) {
        // Fields need one space after them, titles two (titles may hold one space).
        let status_w = rows.iter().map(|r| width(r.status.0)).max().unwrap_or(0);
        let local_w = 6.max(width(titles[1]) + 2);
        let starts0 = (status_w + 1).max(width(titles[0]) + 2) + extra.0;
        let starts1 = starts0 + local_w + extra.1;
        let starts2 = starts1 + 12.max(width(titles[2]) + 2) + extra.2;
        let starts = [0, starts0, starts1, starts2];
        let remotes: Vec<String> = rows.iter().map(UseRow::remote).collect();
        let table: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .zip(&remotes)
            .map(|(r, remote)| (r.status.0, r.local.as_deref().unwrap_or(""), remote.as_str(), r.provider.0))
            .collect();
        let text = render_use(
            remembered.then_some("New connections will be remembered."),
            titles,
            starts,
            &table,
            success,
        );
        let parsed = parse_net_use(&text).unwrap();
        let expected: Vec<Connection> = rows
            .iter()
            .zip(&remotes)
            .map(|(r, remote)| Connection {
                local: r.local.clone(),
                remote: remote.clone(),
                server: Some(r.host.clone()),
                share: Some(r.path[0].clone()),
                status: r.status.1,
                status_text: r.status.0.to_string(),
                provider: r.provider.0.to_string(),
                network: r.provider.1,
            })
            .collect();
        prop_assert_eq!(&parsed.list.connections, &expected, "{}", text);
        prop_assert_eq!(parsed.list.remembered, remembered.then_some(true));
        let unknown = rows.iter().filter(|r| r.status.1 == Status::Unknown && !r.status.0.is_empty()).count();
        let names = common::kind_names(&parsed.warnings);
        prop_assert_eq!(names.iter().filter(|n| **n == "UnknownStatus").count(), unknown);
        prop_assert_eq!(names.contains(&"NoSuccessLine"), success.is_none());
        prop_assert!(
            names.iter().all(|n| ["UnknownStatus", "NoSuccessLine"].contains(n)),
            "{:?}\n{}", names, text
        );
    }
}

// ---------------------------------------------------------------- generated net share tables

fn share_row() -> impl Strategy<Value = Share> {
    let name = prop_oneof![
        "[A-Za-z][A-Za-z0-9_]{0,8}\\$?",
        "[A-Za-z]{1,5} [A-Za-z0-9]{1,5}",
        "[共享数据]{1,3}",
    ];
    let resource = prop::option::of(
        (
            "[C-F]",
            prop::collection::vec(
                prop_oneof!["[A-Za-z0-9_.-]{1,10}", "[A-Za-z]{1,4} [A-Za-z]{1,4}"],
                0..5,
            ),
        )
            .prop_map(|(drive, parts)| format!("{drive}:\\{}", parts.join("\\"))),
    );
    let remark = prop_oneof![
        Just(String::new()),
        "[A-Za-z]{1,8}( [A-Za-z0-9]{1,8}){0,3}",
        "[默认共享远程]{1,4}",
    ];
    (name, resource, remark)
        .prop_filter("a share shows a resource or a remark", |(_, res, rem)| {
            res.is_some() || !rem.is_empty()
        })
        .prop_map(|(name, resource, remark)| Share {
            administrative: name.ends_with('$'),
            name,
            resource,
            remark,
        })
}

fn share_titles() -> impl Strategy<Value = [&'static str; 3]> {
    prop_oneof![
        Just(["Share name", "Resource", "Remark"]),
        Just(["共享名", "资源", "注解"]),
        Just(["Zq Name", "Zq Quelle", "Zq Bem"]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_share_tables_read_back_exactly(
        (rows, ipc) in prop::collection::vec(share_row(), 0..12)
            .prop_flat_map(|rows| { let n = rows.len(); (Just(rows), 0..=n) }),
        titles in share_titles(),
        extra in (0usize..6, 0usize..20),
        success in prop_oneof![
            Just(Some("The command completed successfully.")),
            Just(Some("Zq ok.")),
            Just(None)
        ],
    ) {
        // Every share list has IPC$ (without it, an unknown header over rows without a path
        // is refused as another command's table).
        let mut rows = rows;
        rows.insert(ipc, Share {
            name: "IPC$".into(),
            resource: None,
            remark: "Remote IPC".into(),
            administrative: true,
        });
        // Names fill their column up to one space before the resource, as `Company Data`
        // does in share-en-3.txt.
        let name_w = rows.iter().map(|s| width(&s.name)).max().unwrap_or(0);
        let start1 = (name_w + 1).max(width(titles[0]) + 2) + extra.0;
        let start2 = start1 + 10.max(width(titles[1]) + 2) + extra.1;
        let table: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|s| (s.name.as_str(), s.resource.as_deref().unwrap_or(""), s.remark.as_str()))
            .collect();
        let text = render_share(titles, [0, start1, start2], &table, success);
        let parsed = parse_net_share(&text).unwrap();
        let names = common::kind_names(&parsed.warnings);
        prop_assert_eq!(names.contains(&"NoSuccessLine"), success.is_none());
        // One layout is ambiguous by nature: a long resource with a space just before the
        // remark column and no remark. Only the blank line net.exe prints after it tells
        // (and a paste may add or drop blank lines): such a row is flagged, and may be split.
        let ambiguous = |s: &Share| {
            s.remark.is_empty()
                && s.resource.as_deref().is_some_and(|r| {
                    r.char_indices().any(|(at, c)| c == ' ' && start1 + width(&r[..at]) + 1 == start2)
                })
        };
        prop_assert_eq!(parsed.list.shares.len(), rows.len(), "{}", text);
        for (got, want) in parsed.list.shares.iter().zip(&rows) {
            if ambiguous(want) {
                prop_assert_eq!(&got.name, &want.name);
            } else {
                prop_assert_eq!(got, want, "{}", text);
            }
        }
        prop_assert_eq!(
            names.iter().filter(|n| **n == "AmbiguousSplit").count(),
            rows.iter().filter(|s| ambiguous(s)).count(),
            "{}", text
        );
        prop_assert!(
            names.iter().all(|n| ["NoSuccessLine", "AmbiguousSplit"].contains(n)),
            "{:?}\n{}", names, text
        );
    }
}
