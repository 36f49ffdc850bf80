//! Generated inputs (proptest). No timing is asserted.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;

use lanman::parse::{Session, StatisticsKind, parse_net_session, parse_net_statistics};

use crate::{idle_text, recording, row};

fn cases(n: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = n;
    }
    config.failure_persistence = None;
    config
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = parse_net_session(&text);
        let _ = parse_net_statistics(&text);
    }

    #[test]
    fn arbitrary_bytes_decoded_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = lanman::decode::decode(&bytes, lanman::decode::Encoding::Auto, 850).text;
        let _ = parse_net_session(&text);
        let _ = parse_net_statistics(&text);
    }

    #[test]
    fn damaged_recordings_never_panic(
        name in select(vec![
            "session-en-1.txt", "session-en-2.txt", "stats-server-en-1.txt",
            "stats-workstation-en-1.txt", "session-de-1.txt",
        ]),
        cut in 0usize..2000,
        insert in "\\PC{0,8}",
    ) {
        let text = recording(name);
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{insert}{}", &text[..at], &text[at..]);
        let _ = parse_net_session(&damaged);
        let _ = parse_net_statistics(&damaged);
        let _ = parse_net_session(&text[..at]);
        let _ = parse_net_statistics(&text[..at]);
    }
}

/// A session as net.exe could print it: names within their columns (the client's 21, the
/// user's 20, the client type's 17), computer names without spaces.
fn generated_session() -> impl Strategy<Value = Session> {
    (
        "[A-Za-z0-9][A-Za-z0-9.\\-]{0,20}",
        prop_oneof!["", "[a-z][a-z0-9._\\-]{0,12}( [A-Z][a-z]{1,5})?"],
        select(vec![
            "",
            "posix",
            "Windows 2002 Serv",
            "Windows 2000 2195",
            "DOS LM 2.1",
        ]),
        0u32..1_000_000,
        prop_oneof![0u64..86_400, 86_400u64..400 * 86_400],
    )
        .prop_map(|(computer, user, client_type, opens, idle)| Session {
            computer,
            user,
            client_type: (*client_type).to_string(),
            opens,
            // The day form has no seconds.
            idle_seconds: if idle < 86_400 { idle } else { idle / 60 * 60 },
        })
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn generated_session_lists_read_back_exactly(
        list in proptest::collection::vec(generated_session(), 1..12),
        separator in select(vec![":", ".", "ː"]),
        letters in select(vec![["D", "H", "M"], ["T", "S", "M"], ["j", "h", "m"], ["日", "時", "分"]]),
        header in select(vec![
            "Computer               User name            Client Type       Opens Idle time",
            "Ordinateur             Nom d'utilisateur    Type de client    Ouv.  Inactivite",
        ]),
        crlf in any::<bool>(),
        blank_after_header in any::<bool>(),
        trailing in select(vec!["", "    "]),
    ) {
        let mut lines = vec![String::new(), header.to_string()];
        if blank_after_header {
            lines.push(String::new());
        }
        lines.push("-".repeat(79));
        for s in &list {
            let idle = idle_text(s.idle_seconds, separator, letters);
            lines.push(format!("{}{trailing}", row(&s.computer, &s.user, &s.client_type, s.opens, &idle)));
        }
        lines.push("The command completed successfully.".to_string());
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let parsed = parse_net_session(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&parsed.list.sessions, &list, "{}", text);
        prop_assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn generated_statistics_read_back_exactly(
        server in any::<bool>(),
        values in proptest::collection::vec(any::<u32>(), 18),
        extra_column in 1usize..20,
        blank_lines in any::<bool>(),
        label_word in "[A-Za-z]{3,9}",
    ) {
        // Invented labels: the language has no table, so the order names the counters.
        let (kind, sizes): (StatisticsKind, &[usize]) = if server {
            (StatisticsKind::Server, &[3, 2, 1, 3, 3, 2])
        } else {
            (StatisticsKind::Workstation, &[8, 4, 6])
        };
        let labels: Vec<String> = (0..kind.counters().len())
            .map(|i| format!("{label_word} {}", "x".repeat(i % 7 + 1)))
            .collect();
        let width = labels.iter().map(String::len).max().unwrap_or(0) + 2 + extra_column;
        let indent = if server { "" } else { "  " };
        let mut lines = vec![
            format!("{label_word} {label_word} \\\\HOST"),
            String::new(),
            format!("{label_word} 2024-02-29 23:59:58"),
            String::new(),
        ];
        let mut i = 0;
        for (g, &size) in sizes.iter().enumerate() {
            if server && g == 5 {
                lines.push(format!("{label_word} heading"));
                lines.push(String::new());
            }
            for _ in 0..size {
                let pad = if server && g == 5 { "  " } else { indent };
                lines.push(format!("{pad}{:<w$}{}", labels[i], values[i], w = width - pad.len()));
                i += 1;
            }
            lines.push(String::new());
        }
        if !blank_lines {
            lines.retain(|l| !l.is_empty());
        }
        let text = lines.join("\r\n");
        let parsed = parse_net_statistics(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(parsed.list.kind, kind);
        prop_assert_eq!(parsed.list.since_local.as_deref(), Some("2024-02-29T23:59:58"));
        for (n, (_, value)) in parsed.list.counters.iter().enumerate() {
            prop_assert_eq!(*value, Some(u64::from(values[n])));
        }
    }
}
