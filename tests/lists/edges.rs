//! Hand-made tables for the cases no recording shows: each test names the doubt it guards
//! and asserts both the values and the warning that goes with them.

use crate::common;

use common::kinds;
use lanman::parse::{Network, Status, parse_net_share, parse_net_use};

const RULE: &str =
    "-------------------------------------------------------------------------------";

fn use_table(rows: &str) -> String {
    format!(
        "New connections will be remembered.\n\n\nStatus       Local     Remote                    Network\n\n{RULE}\n{rows}"
    )
}

#[test]
fn status_longer_than_its_column_pushes_the_drive_right() {
    let text = use_table(
        "Nicht verfügbar Z:      \\\\srv\\share              Microsoft Windows Network\n\
         The command completed successfully.\n",
    );
    let c = &parse_net_use(&text).unwrap().list.connections[0];
    assert_eq!(
        (c.status, c.status_text.as_str()),
        (Status::Unavailable, "Nicht verfügbar")
    );
    assert_eq!(c.local.as_deref(), Some("Z:"));
    assert_eq!(c.provider, "Microsoft Windows Network");
}

#[test]
fn yen_remote_from_a_japanese_console_is_given_back_with_backslashes() {
    let text = use_table(
        "OK           Z:        ¥¥127.0.0.1¥share¥sub    Microsoft Windows Network\n\
         The command completed successfully.\n",
    );
    let c = &parse_net_use(&text).unwrap().list.connections[0];
    assert_eq!(c.remote, r"\\127.0.0.1\share\sub");
    assert_eq!(
        (c.server.as_deref(), c.share.as_deref()),
        (Some("127.0.0.1"), Some("share"))
    );
}

#[test]
fn remote_with_spaces_ends_at_the_network_column() {
    let text = use_table(
        "OK           Z:        \\\\srv\\My Share  x          Microsoft Windows Network\n\
         Disconnected           \\\\srv\\Long Share Name Here\n\
         \x20                                               Microsoft Windows Network\n\
         The command completed successfully.\n",
    );
    let p = parse_net_use(&text).unwrap();
    let remotes: Vec<&str> = p
        .list
        .connections
        .iter()
        .map(|c| c.remote.as_str())
        .collect();
    assert_eq!(
        remotes,
        [r"\\srv\My Share  x", r"\\srv\Long Share Name Here"]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn webdav_rows_are_webdav_by_provider_and_by_shape() {
    let text = use_table(
        "OK           W:        \\\\files.example.com@SSL\\DavWWWRoot\\team\n\
         \x20                                               Web Client Network\n\
         OK           V:        \\\\VBoxSvr\\shared          VirtualBox Shared Folders\n\
         The command completed successfully.\n",
    );
    let p = parse_net_use(&text).unwrap();
    let c = &p.list.connections;
    assert_eq!(
        (c[0].network, c[0].server.as_deref()),
        (Network::Webdav, Some("files.example.com"))
    );
    assert_eq!(c[0].share.as_deref(), Some("DavWWWRoot"));
    assert_eq!(c[1].network, Network::Virtualbox);
    assert!(p.warnings.is_empty());
}

#[test]
fn provider_and_remote_shape_disagreeing_is_flagged() {
    let text = use_table(
        "OK           X:        \\\\tsclient\\C              Microsoft Windows Network\n\
         The command completed successfully.\n",
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(p.list.connections[0].network, Network::Smb);
    assert_eq!(kinds(&p.warnings), vec![("NetworkConflict", 7)]);
}

#[test]
fn unknown_provider_on_a_unc_remote_is_other_not_smb() {
    let text = use_table(
        "OK           X:        \\\\nas\\data               Réseau Bidule\n\
         The command completed successfully.\n",
    );
    let c = &parse_net_use(&text).unwrap().list.connections[0];
    assert_eq!(
        (c.network, c.provider.as_str()),
        (Network::Other, "Réseau Bidule")
    );
}

#[test]
fn unindented_unknown_provider_line_is_taken_with_a_warning() {
    let text = use_table(
        "OK           X:        \\\\nas\\a-very-long-share-name\n\
         Zq Special Network\n\
         The command completed successfully.\n",
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(p.list.connections[0].provider, "Zq Special Network");
    assert_eq!(kinds(&p.warnings), vec![("UncertainContinuation", 8)]);
}

#[test]
fn capture_cut_after_a_long_remote_reports_the_missing_provider() {
    let text = use_table("OK           X:        \\\\nas\\a-very-long-share-name\n");
    let p = parse_net_use(&text).unwrap();
    let c = &p.list.connections[0];
    assert_eq!((c.provider.as_str(), c.network), ("", Network::Other));
    assert_eq!(
        kinds(&p.warnings),
        vec![("ProviderMissing", 7), ("NoSuccessLine", 7)]
    );
}

#[test]
fn collapsed_row_with_unknown_provider_is_split_at_the_first_space_and_flagged() {
    let text = "Status Local Remote Network\n".to_string()
        + RULE
        + "\nOK Z: \\\\srv\\share Zq Netz\nThe command completed successfully.\n";
    let p = parse_net_use(&text).unwrap();
    let c = &p.list.connections[0];
    assert_eq!(
        (c.remote.as_str(), c.provider.as_str()),
        (r"\\srv\share", "Zq Netz")
    );
    assert_eq!(kinds(&p.warnings), vec![("AmbiguousSplit", 3)]);
    assert_eq!(p.language, Some("en"));
}

#[test]
fn lines_that_are_no_rows_are_reported_not_dropped_silently() {
    let text = use_table(
        "OK           X:        \\\\nas\\a                  Microsoft Windows Network\n\
         garbage in the middle\n\
         The command completed successfully.\n\
         trailing text\n",
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(p.list.connections.len(), 1);
    assert_eq!(
        kinds(&p.warnings),
        vec![("RowNotSplit", 8), ("UnexpectedLine", 10)]
    );
}

#[test]
fn rule_right_under_the_remembered_line_means_a_lost_header() {
    let text = format!(
        "New connections will be remembered.\n{RULE}\nOK           X:        \\\\nas\\a                  Microsoft Windows Network\n"
    );
    let p = parse_net_use(&text).unwrap();
    assert_eq!(p.list.remembered, Some(true));
    assert_eq!(p.list.connections.len(), 1);
    assert_eq!(
        kinds(&p.warnings),
        vec![("NoHeader", 2), ("NoSuccessLine", 3)]
    );
}

#[test]
fn remembered_line_in_an_unknown_language_is_reported() {
    let text = format!(
        "Las conexiones nuevas se recordarán.\n\nEstado       Local     Remoto                    Red\n{RULE}\n\
         Desconectado Z:        \\\\srv\\x                  Microsoft Windows Network\n\
         Se ha completado el comando correctamente.\n"
    );
    let p = parse_net_use(&text).unwrap();
    let c = &p.list.connections[0];
    assert_eq!(
        (c.status, c.status_text.as_str()),
        (Status::Unknown, "Desconectado")
    );
    assert_eq!((p.list.remembered, p.language), (None, None));
    assert_eq!(
        kinds(&p.warnings),
        vec![("RememberedUnknown", 1), ("UnknownStatus", 5)]
    );
}

#[test]
fn long_share_name_pushing_the_resource_right_is_flagged() {
    let text = format!(
        "Share name   Resource                        Remark\n\n{RULE}\n\
         VeryLongShareName C:\\data                  Some remark\n\
         C$           C:\\                             Default share\n\
         The command completed successfully.\n"
    );
    let p = parse_net_share(&text).unwrap();
    let s = &p.list.shares[0];
    assert_eq!(
        (s.name.as_str(), s.resource.as_deref(), s.remark.as_str()),
        ("VeryLongShareName", Some(r"C:\data"), "Some remark")
    );
    assert_eq!(kinds(&p.warnings), vec![("AmbiguousSplit", 4)]);
}

#[test]
fn printer_share_with_a_port_as_resource() {
    let text = format!(
        "Share name   Resource                        Remark\n\n{RULE}\n\
         IPC$                                         Remote IPC\n\
         HP           USB001                          Spooled  HP LaserJet\n\
         The command completed successfully.\n"
    );
    let p = parse_net_share(&text).unwrap();
    let s = &p.list.shares[1];
    assert_eq!(
        (s.name.as_str(), s.resource.as_deref(), s.remark.as_str()),
        ("HP", Some("USB001"), "Spooled  HP LaserJet")
    );
    assert!(!s.administrative);
    assert!(p.warnings.is_empty());
}

#[test]
fn unindented_remark_continuation_is_attached_with_a_warning_when_unknown() {
    let text = format!(
        "Share name   Resource                        Remark\n\n{RULE}\n\
         Data         D:\\some\\very\\long\\path\\that\\overflows\n\
         Team files of the lab\n\
         IPC$                                         Remote IPC\n\
         The command completed successfully.\n"
    );
    let p = parse_net_share(&text).unwrap();
    assert_eq!(p.list.shares[0].remark, "Team files of the lab");
    assert_eq!(p.list.shares[1].name, "IPC$");
    assert_eq!(kinds(&p.warnings), vec![("UncertainContinuation", 5)]);
}
