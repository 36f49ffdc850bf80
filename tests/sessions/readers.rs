//! One shape per test: what each reader makes of recorded, derived and invented outputs.

use lanman::decode::{self, Encoding};
use lanman::parse::{
    Found, ListError, ListWarning, Session, StatisticsKind, parse_idle_time, parse_net_session,
    parse_net_statistics,
};

use crate::{idle_text, recording, row};

const RULE: &str =
    "-------------------------------------------------------------------------------";
const HEADER: &str =
    "Computer               User name            Client Type       Opens Idle time";

fn session(computer: &str, user: &str, client_type: &str, opens: u32, idle: u64) -> Session {
    Session {
        computer: computer.to_string(),
        user: user.to_string(),
        client_type: client_type.to_string(),
        opens,
        idle_seconds: idle,
    }
}

fn sessions(text: &str) -> Vec<Session> {
    parse_net_session(text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .list
        .sessions
}

/// An English output around these rows, CRLF, as net.exe writes it to a pipe.
fn output(rows: &[String]) -> String {
    let mut lines = vec![
        String::new(),
        HEADER.to_string(),
        String::new(),
        RULE.to_string(),
    ];
    lines.extend(rows.iter().cloned());
    lines.push("The command completed successfully.".to_string());
    lines.push(String::new());
    lines.join("\r\n")
}

#[test]
fn recorded_sessions_read_with_ipv6_and_ipv4_clients() {
    assert_eq!(
        sessions(&recording("session-en-1.txt")),
        [session("[::1]", "svc-admin", "", 0, 4)]
    );
    assert_eq!(
        sessions(&recording("session-en-2.txt")),
        [session("10.10.75.1", "sec504", "", 5, 117)]
    );
    let parsed = parse_net_session(&recording("session-en-1.txt")).unwrap();
    assert_eq!((parsed.language, parsed.warnings), (Some("en"), vec![]));
}

#[test]
fn a_capture_cut_before_its_success_line_reads_with_a_warning() {
    let parsed = parse_net_session(&recording("session-en-7.txt")).unwrap();
    assert_eq!(
        parsed.list.sessions,
        [session("10.10.120.101", "rsteel", "", 1, 7)]
    );
    assert!(matches!(
        parsed.warnings.as_slice(),
        [ListWarning::NoSuccessLine { line: 5, .. }]
    ));
}

#[test]
fn no_entries_reads_as_an_empty_list_in_english_and_german() {
    for (name, language) in [
        ("session-en-5.txt", "en"),
        ("session-de-1.txt", "de"),
        ("session-de-2.txt", "de"),
    ] {
        let parsed = parse_net_session(&recording(name)).unwrap();
        assert!(parsed.list.sessions.is_empty(), "{name}");
        assert_eq!(parsed.language, Some(language), "{name}");
        assert!(parsed.warnings.is_empty(), "{name}");
    }
}

#[test]
fn no_entries_in_an_unknown_language_is_read_by_its_shape_with_a_warning() {
    let parsed = parse_net_session("Non ci sono voci nell'elenco.\r\n").unwrap();
    assert!(parsed.list.sessions.is_empty());
    assert!(matches!(
        parsed.warnings.as_slice(),
        [ListWarning::AssumedEmpty { line: 1, .. }]
    ));
    // A message with a number or a colon is no such sentence.
    assert!(parse_net_session("ERROR: The request failed.\r\n").is_err());
    assert!(parse_net_session("Error 53 occurred.\r\n").is_err());
}

#[test]
fn a_capture_cut_inside_its_only_row_is_still_a_session_list() {
    let text = format!("{HEADER}\r\n\r\n{RULE}\r\n\\\\10.10.75.1           sec504          ");
    let parsed = parse_net_session(&text).unwrap();
    assert!(parsed.list.sessions.is_empty());
    assert!(matches!(
        parsed.warnings.as_slice(),
        [
            ListWarning::RowNotSplit { line: 4, .. },
            ListWarning::NoSuccessLine { line: 4, .. }
        ]
    ));
    // "No entries" followed by a success line reads as well.
    let parsed =
        parse_net_session("Non ci sono voci.\r\nThe command completed successfully.\r\n").unwrap();
    assert!(parsed.list.sessions.is_empty());
}

#[test]
fn the_idle_time_switches_form_at_24_hours() {
    let letters = ["D", "H", "M"];
    assert_eq!(idle_text(86_399, ":", letters), "23:59:59");
    assert_eq!(idle_text(86_400, ":", letters), "01D 00H 00M");
    for seconds in [
        0,
        59,
        3599,
        86_399,
        86_400,
        511_320,
        8_650_800,
        99_999_999 * 60,
    ] {
        let text = idle_text(seconds, ":", letters);
        let expected = if seconds < 86_400 {
            seconds
        } else {
            seconds / 60 * 60
        };
        assert_eq!(parse_idle_time(&text), Some(expected), "{text}");
    }
}

#[test]
fn idle_times_read_with_any_separator_and_any_unit_letters() {
    for separator in [":", ".", "ː", "時", "h"] {
        let text = idle_text(3725, separator, ["D", "H", "M"]);
        assert_eq!(parse_idle_time(&text), Some(3725), "{text}");
    }
    for letters in [
        ["T", "S", "M"],
        ["j", "h", "min"],
        ["日", "時", "分"],
        ["Д", "Ч", "М"],
    ] {
        let text = idle_text(100 * 86_400 + 3 * 3600, ":", letters);
        assert!(text.starts_with("100"), "{text}");
        assert_eq!(
            parse_idle_time(&text),
            Some(100 * 86_400 + 3 * 3600),
            "{text}"
        );
    }
    // Not idle times: two parts, mixed separators, minutes past 59, hours past 23 in the
    // day form.
    for bad in [
        "12:30",
        "01:02.03",
        "00:60:00",
        "01D 24H 00M",
        "D H M",
        "1:2:3:4",
    ] {
        assert_eq!(parse_idle_time(bad), None, "{bad}");
    }
}

#[test]
fn empty_users_and_client_types_stay_in_their_columns() {
    let text = output(&[
        row("10.0.0.1", "", "Windows 2002 Serv", 0, "00:00:31"),
        row("10.0.0.2", "alice", "", 2, "00:10:00"),
        row("10.0.0.3", "", "", 0, "00:00:02"),
        row("10.0.0.4", "Jane Doe", "posix", 1, "00:00:09"),
        row("10.0.0.5", "bob", "Windows 2000 2195", 0, "00:01:00"),
    ]);
    assert_eq!(
        sessions(&text),
        [
            session("10.0.0.1", "", "Windows 2002 Serv", 0, 31),
            session("10.0.0.2", "alice", "", 2, 600),
            session("10.0.0.3", "", "", 0, 2),
            session("10.0.0.4", "Jane Doe", "posix", 1, 9),
            session("10.0.0.5", "bob", "Windows 2000 2195", 0, 60),
        ]
    );
    assert!(sessions(&text)[0].is_anonymous());
}

#[test]
fn names_that_fill_their_columns_are_split_at_the_columns() {
    let computer = "A".repeat(21);
    let user = "u".repeat(20);
    let text = output(&[row(
        &computer,
        &user,
        "Windows 2002 Serv",
        999_999,
        "00:00:01",
    )]);
    assert_eq!(
        sessions(&text),
        [session(&computer, &user, "Windows 2002 Serv", 999_999, 1)]
    );
}

#[test]
fn trailing_spaces_lf_and_missing_blank_lines_change_nothing() {
    let rows = [
        row("PC1", "ann", "", 0, "00:05:00"),
        row("PC2", "bo", "", 3, "02D 01H 00M"),
    ];
    let reference = sessions(&output(&rows));
    let padded: Vec<String> = rows.iter().map(|r| format!("{r}    ")).collect();
    let variants = [
        output(&padded),
        output(&rows).replace("\r\n", "\n"),
        output(&rows).replace("\r\n\r\n", "\r\n"),
        format!("{HEADER}\n{RULE}\n{}\n{}\n", rows[0], rows[1]),
        // A markdown code block: every line indented by four.
        output(&rows)
            .split("\r\n")
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        // The prompt line a paste kept.
        format!("C:\\Windows\\system32>net session\r\n{}", output(&rows)),
    ];
    for text in variants {
        assert_eq!(sessions(&text), reference, "{text}");
    }
}

#[test]
fn collapsed_spaces_read_by_words_and_say_when_they_guess() {
    let text = format!(
        "{HEADER}\n{RULE}\n\\\\PC1 ann 0 00:05:00\n\\\\PC2 0 00:00:40\n\\\\PC3 Jane Doe 1 01D 00H 00M\nThe command completed successfully.\n"
    );
    let parsed = parse_net_session(&text).unwrap();
    assert_eq!(
        parsed.list.sessions,
        [
            session("PC1", "ann", "", 0, 300),
            session("PC2", "", "", 0, 40),
            session("PC3", "Jane", "Doe", 1, 86_400),
        ]
    );
    assert!(matches!(
        parsed.warnings.as_slice(),
        [ListWarning::AmbiguousSplit { line: 5, .. }]
    ));
}

#[test]
fn utf16_and_oem_files_read_like_the_pipe() {
    let text = output(&[row("BÜRO-PC", "jürgen", "", 1, "00:00:05")]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let cp850: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'Ü' => 0x9A,
            'ü' => 0x81,
            c => u8::try_from(c).unwrap(),
        })
        .collect();
    let expected = [session("BÜRO-PC", "jürgen", "", 1, 5)];
    for (bytes, oem) in [(utf16, 437), (cp850, 850)] {
        let decoded = decode::decode(&bytes, Encoding::Auto, oem).text;
        assert_eq!(sessions(&decoded), expected);
    }
}

#[test]
fn synthetic_german_output_reads_by_structure() {
    // tests/data/sessions/make-synthetic.py: invented header and letters, `.` separator.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/sessions/synthetic-session-de.cp850.txt");
    let text = decode::decode(&std::fs::read(path).unwrap(), Encoding::Auto, 850).text;
    let parsed = parse_net_session(&text).unwrap();
    assert_eq!(
        parsed.language,
        Some("de"),
        "from the recorded success line"
    );
    assert_eq!(
        parsed.list.sessions,
        [
            session("10.0.0.21", "anna", "", 0, 899),
            session("10.0.0.22", "", "Windows 2002 Serv", 0, 31),
            session("ARBEITSPLATZ-MUELLER1", "jürgen.müller", "", 3, 511_320),
            session("[fe80::1c2d:3e4f:5a6b", "svc-backup", "", 1, 8_650_800),
            session("PC07", "grete", "", 0, 86_399),
        ]
    );
}

#[test]
fn failures_and_other_outputs_are_refused_with_what_they_are() {
    let refused = |text: &str| match parse_net_session(text) {
        Err(ListError::NotAList { found }) => found,
        other => panic!("{other:?}"),
    };
    assert!(matches!(
        refused("System error 5 has occurred.\r\n\r\nAccess is denied.\r\n\r\n"),
        Found::Error { code: Some(5), .. }
    ));
    // fixtures/sessions/SOURCES: the French texts of a test suite listing real outputs.
    assert!(matches!(
        refused("L'erreur système 5 s'est produite.\r\n\r\nAccès refusé.\r\n"),
        Found::Error { code: Some(5), .. }
    ));
    assert_eq!(
        refused(&recording("session-del-en-1.txt")),
        Found::DeleteConfirmation
    );
    assert_eq!(
        refused(&recording("stats-server-en-1.txt")),
        Found::Statistics
    );
    let net_use = "New connections will be remembered.\r\n\r\nStatus       Local     Remote                    Network\r\n\r\n-------------------------------------------------------------------------------\r\nOK           Z:        \\\\srv\\share                Microsoft Windows Network\r\nThe command completed successfully.\r\n";
    assert_eq!(refused(net_use), Found::UseList);
    // A `net view` table: rows start with `\\` but end in no idle time.
    let net_view = "Server Name            Remark\r\n\r\n-------------------------------------------------------------------------------\r\n\\\\FS01                  Files\r\nThe command completed successfully.\r\n";
    assert!(matches!(refused(net_view), Found::OtherTable { .. }));
}

// --- net statistics -------------------------------------------------------------------------

#[test]
fn recorded_server_statistics_name_every_counter() {
    let parsed = parse_net_statistics(&recording("stats-server-en-1.txt")).unwrap();
    let stats = parsed.list;
    assert_eq!(stats.kind, StatisticsKind::Server);
    assert_eq!(stats.computer.as_deref(), Some("XXX"));
    assert_eq!(stats.since.as_deref(), Some("22.05.2017 14:48:02"));
    assert_eq!(stats.since_local.as_deref(), Some("2017-05-22T14:48:02"));
    assert_eq!(stats.get("sessions_accepted"), Some(1));
    assert_eq!(stats.get("sessions_timed_out"), Some(0));
    assert_eq!(stats.get("sessions_errored_out"), Some(2));
    assert_eq!(stats.get("kilobytes_sent"), Some(1139));
    assert_eq!(stats.get("request_buffers"), Some(0));
    assert!(stats.missing().is_empty());
    assert_eq!((parsed.language, parsed.warnings), (Some("en"), vec![]));
}

#[test]
fn recorded_workstation_statistics_with_an_empty_name_and_a_mangled_marker() {
    let stats = parse_net_statistics(&recording("stats-workstation-en-2.txt"))
        .unwrap()
        .list;
    assert_eq!(stats.kind, StatisticsKind::Workstation);
    assert_eq!(stats.computer.as_deref(), Some(""));
    // The Greek AM/PM marker came out as two U+FFFD: 12:46 is then either noon or midnight.
    assert_eq!(
        stats.since.as_deref(),
        Some("31/1/2018 12:46:10 \u{fffd}\u{fffd}")
    );
    assert_eq!(stats.since_local, None);
    let hung = parse_net_statistics(&recording("stats-workstation-en-1.txt"))
        .unwrap()
        .list;
    assert_eq!(hung.get("hung_sessions"), Some(39));
    assert_eq!(hung.get("sessions_started"), Some(0));
    assert_eq!(hung.get("failed_use_count"), Some(9));
}

#[test]
fn every_line_carrying_trailing_spaces_changes_nothing() {
    // stats-workstation-en-3.txt: two trailing spaces on every line (a markdown artefact).
    let stats = parse_net_statistics(&recording("stats-workstation-en-3.txt"))
        .unwrap()
        .list;
    assert_eq!(stats.computer.as_deref(), Some("SERVER2020"));
    assert_eq!(stats.since_local.as_deref(), Some("2021-01-01T18:08:25"));
    assert_eq!(stats.get("use_count"), Some(687));
}

/// A server output in an invented language: labels of other lengths padded to `column`.
fn invented_server(column: usize, blank_lines: bool, indent: bool) -> String {
    let groups: [&[&str]; 5] = [
        &["Lorem a", "Lorem bb", "Lorem ccc"],
        &["Ipsum d", "Ipsum ee"],
        &["Dolor f (x)"],
        &["Sit g", "Sit hh", "Sit iii"],
        &["Amet j", "Amet kk", "Amet lll lll"],
    ];
    let mut lines = vec![
        "Statistika servera \\\\FS9".to_string(),
        String::new(),
        String::new(),
        "Statistika od 13.2.2024 9:05:01".to_string(),
        String::new(),
        String::new(),
    ];
    let mut value = 100;
    for group in groups {
        for label in group {
            lines.push(format!("{label:<column$}{value}"));
            value += 1;
        }
        lines.push(String::new());
    }
    lines.push("Consectetur".to_string());
    lines.push(String::new());
    let pad = if indent { "  " } else { "" };
    for label in ["Magna", "Aliqua"] {
        lines.push(format!("{pad}{label:<w$}{value}", w = column - pad.len()));
        value += 1;
    }
    lines.push(String::new());
    lines.push("Ukaz se je uspesno izvedel.".to_string());
    if !blank_lines {
        lines.retain(|l| !l.is_empty());
    }
    lines.join("\r\n")
}

#[test]
fn statistics_in_an_unknown_language_are_named_by_their_order() {
    for (column, blank_lines, indent) in [(35, true, true), (51, true, true), (44, false, false)] {
        let text = invented_server(column, blank_lines, indent);
        let parsed = parse_net_statistics(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let stats = parsed.list;
        assert_eq!(stats.kind, StatisticsKind::Server, "{text}");
        assert_eq!(stats.computer.as_deref(), Some("FS9"));
        assert_eq!(stats.since_local.as_deref(), Some("2024-02-13T09:05:01"));
        assert_eq!(stats.get("sessions_accepted"), Some(100));
        assert_eq!(stats.get("sessions_timed_out"), Some(101));
        assert_eq!(stats.get("request_buffers"), Some(113));
        assert_eq!(parsed.language, None);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }
}

#[test]
fn a_cut_capture_names_the_counters_it_has_and_misses_the_rest() {
    let text = invented_server(40, true, true);
    let cut: Vec<&str> = text.split("\r\n").take(12).collect();
    let parsed = parse_net_statistics(&cut.join("\r\n")).unwrap();
    assert_eq!(parsed.list.get("kilobytes_sent"), Some(103));
    assert!(parsed.list.missing().contains(&"request_buffers"));
    assert!(
        parsed
            .warnings
            .iter()
            .any(|w| matches!(w, ListWarning::NoSuccessLine { .. }))
    );
}

#[test]
fn a_line_lost_in_an_unknown_language_names_nothing_by_guess() {
    let text = invented_server(40, true, true).replace("Ipsum ee", "");
    let text: String = text
        .split("\r\n")
        .filter(|l| l.trim() != "104")
        .collect::<Vec<_>>()
        .join("\r\n");
    let parsed = parse_net_statistics(&text).unwrap();
    assert!(parsed.list.counters.iter().all(|(_, v)| v.is_none()));
    assert!(
        parsed
            .warnings
            .iter()
            .all(|w| matches!(w, ListWarning::CounterUnplaced { .. }))
    );
}

#[test]
fn workstation_statistics_are_told_from_server_ones_by_shape() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/sessions/synthetic-stats-workstation-de.cp850.txt");
    let text = decode::decode(&std::fs::read(path).unwrap(), Encoding::Auto, 850).text;
    let stats = parse_net_statistics(&text).unwrap().list;
    assert_eq!(stats.kind, StatisticsKind::Workstation);
    assert_eq!(stats.get("bytes_received"), Some(1000));
    assert_eq!(stats.get("failed_use_count"), Some(1017));
    // The same with the indentation lost as well: 18 counters are still a workstation's.
    let flat: String = text
        .lines()
        .map(|l| format!("{}\n", l.trim_start()))
        .collect();
    assert_eq!(
        parse_net_statistics(&flat).unwrap().list.kind,
        StatisticsKind::Workstation
    );
}

#[test]
fn other_outputs_are_no_statistics() {
    let refused = |text: &str| match parse_net_statistics(text) {
        Err(ListError::NotAList { found }) => Some(found),
        Err(_) => None,
        Ok(parsed) => panic!("read as statistics: {parsed:?}"),
    };
    assert_eq!(
        refused(&recording("stats-list-en-1.txt")),
        Some(Found::StatisticsServices)
    );
    assert_eq!(
        refused(&recording("session-en-2.txt")),
        Some(Found::SessionList)
    );
    refused(&recording("session-en-5.txt"));
    refused(&recording("stats-workstation-it-1.txt"));
    let config = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/server-en-win10-pro.txt"),
    )
    .unwrap();
    refused(&config);
}
