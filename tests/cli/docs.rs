//! The README documents exit codes once; it must agree with the code's table
//! (`lanman::error::EXIT_CODES`), from which `--help` is also made.

use std::path::Path;

use crate::support::Lanman;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

#[test]
fn readme_exit_code_table_is_the_codes_table() {
    let readme = readme();
    let table: Vec<(u8, String)> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## Exit codes"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells.len() >= 3).then(|| {
                cells[1]
                    .parse::<u8>()
                    .ok()
                    .map(|c| (c, cells[2].to_string()))
            })?
        })
        .collect();
    let code: Vec<(u8, String)> = lanman::error::EXIT_CODES
        .iter()
        .map(|e| (e.code(), e.meaning().to_string()))
        .collect();
    assert_eq!(
        table, code,
        "README's exit-code table differs from EXIT_CODES"
    );
}

#[test]
fn help_lists_every_exit_code_from_the_table() {
    let help = Lanman::new().args(["--help"]).run();
    help.code(0);
    // clap wraps the text to the terminal width: compare word by word.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&help.stdout).contains(&words(&lanman::error::exit_codes_help())),
        "{}",
        help.stdout
    );
}

/// A README table's rows (first column, second, …) after the line that starts with `heading`.
fn table_after(readme: &str, heading: &str) -> Vec<Vec<String>> {
    readme
        .lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and its rule
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_string())
                .collect()
        })
        .collect()
}

/// The backticked names of a table's first column, in order (`previous`, `new` is two).
fn members(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .flat_map(|row| {
            row[0]
                .split(", ")
                .map(|m| m.trim_matches('`').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every `Failure` once. The `match` is exhaustive: a new variant does not compile until it is
/// listed here, and then the README's table must name its kind.
fn every_failure() -> Vec<lanman::error::Failure> {
    use lanman::error::{Denied, Failure};
    let all = vec![
        Failure::InvalidValue(String::new()),
        Failure::AccessDenied {
            doing: String::new(),
            who: Denied::Reading,
        },
        Failure::ServiceNotRunning {
            side: lanman::settings::Side::Server,
        },
        Failure::ProgramMissing {
            program: "net.exe",
            path: std::path::PathBuf::new(),
            hint: String::new(),
        },
        Failure::NoSystemProgram {
            program: "net.exe",
            var: "LANMAN_NET",
        },
        Failure::RelativeOverride {
            var: "LANMAN_NET",
            value: String::new(),
        },
        Failure::ProgramFailed {
            program: String::new(),
            status: String::new(),
            detail: String::new(),
        },
        Failure::RemoteUnreachable {
            host: String::new(),
            detail: String::new(),
        },
        Failure::NotUnderstood(String::new()),
        Failure::TimedOut {
            program: String::new(),
            seconds: 1,
        },
        Failure::ChangeDidNotTake {
            setting: String::new(),
            wanted: String::new(),
            found: String::new(),
        },
        Failure::ManagedByPolicy {
            setting: String::new(),
            value: String::new(),
        },
        Failure::CannotWrite {
            path: std::path::PathBuf::new(),
            detail: String::new(),
        },
        Failure::File {
            action: "read",
            path: String::new(),
            detail: String::new(),
        },
        Failure::RemoteCredentials {
            host: String::new(),
            code: 1326,
        },
        Failure::RegistryFailed {
            doing: String::new(),
            code: 1450,
        },
        Failure::WronglyTyped(Box::new(lanman::error::WrongValue {
            name: String::new(),
            kind: String::new(),
            data: String::new(),
            expected: "REG_DWORD",
            setting: None,
        })),
    ];
    for failure in &all {
        match failure {
            Failure::InvalidValue(_)
            | Failure::AccessDenied { .. }
            | Failure::ServiceNotRunning { .. }
            | Failure::ProgramMissing { .. }
            | Failure::NoSystemProgram { .. }
            | Failure::RelativeOverride { .. }
            | Failure::ProgramFailed { .. }
            | Failure::RemoteUnreachable { .. }
            | Failure::NotUnderstood(_)
            | Failure::TimedOut { .. }
            | Failure::ChangeDidNotTake { .. }
            | Failure::ManagedByPolicy { .. }
            | Failure::CannotWrite { .. }
            | Failure::File { .. }
            | Failure::RemoteCredentials { .. }
            | Failure::RegistryFailed { .. }
            | Failure::WronglyTyped(_) => {}
        }
    }
    all
}

#[test]
fn readme_error_kinds_are_the_codes_kinds() {
    let rows = table_after(&readme(), "The `kind` of `error`:");
    let table: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[0].trim_matches('`').to_string(),
                r[1].clone(),
                r[2].clone(),
            )
        })
        .collect();
    let code: Vec<(String, String, String)> = lanman::error::ERROR_KINDS
        .iter()
        .map(|k| {
            (
                k.kind.to_string(),
                k.exit_code.code().to_string(),
                k.meaning.to_string(),
            )
        })
        .collect();
    assert_eq!(table, code, "README's kind table differs from ERROR_KINDS");
    for failure in every_failure() {
        assert!(
            lanman::error::ERROR_KINDS
                .iter()
                .any(|k| k.kind == failure.kind() && k.exit_code == failure.exit_code()),
            "{} (exit {}) is not in ERROR_KINDS",
            failure.kind(),
            failure.exit_code().code()
        );
        assert!(
            lanman::error::EXIT_CODES.contains(&failure.exit_code()),
            "{failure:?}: its exit code is not in the exit-code table"
        );
    }
}

/// Each README table of a `--json` document lists the members in the order lanman prints
/// them, on success and on failure.
#[test]
fn readme_json_tables_are_the_documents_in_order() {
    use crate::support::fixture;
    let readme = readme();
    let server = || Lanman::new().server("server-en-win10-pro.txt");
    let cases: Vec<(&str, Vec<Lanman>)> = vec![
        (
            "`lanman server --json`",
            vec![
                server().args(["server", "--json"]),
                server().net_mode("denied").args(["server", "--json"]),
            ],
        ),
        (
            "`lanman workstation --json`",
            vec![
                Lanman::new()
                    .workstation("workstation-en-win7-pro-domain.txt")
                    .args(["workstation", "--json"]),
                Lanman::new()
                    .net_mode("denied")
                    .args(["workstation", "--json"]),
            ],
        ),
        (
            "`lanman get SETTING --json`",
            vec![
                server().args(["get", "autodisconnect", "--json"]),
                server()
                    .net_mode("denied")
                    .args(["get", "hidden", "--json"]),
            ],
        ),
        (
            "`lanman set … --json`",
            vec![
                server().args(["set", "autodisconnect", "60", "--json"]),
                server()
                    .policy_autodisconnect(480)
                    .args(["set", "autodisconnect", "60", "--json"]),
                Lanman::new().args(["reset", "keepconn", "--json"]),
            ],
        ),
        (
            "`lanman drives --json`",
            vec![
                Lanman::new().args(["drives", "--json"]),
                Lanman::new().net_mode("denied").args(["drives", "--json"]),
            ],
        ),
        (
            "`lanman parse share --json`",
            vec![
                Lanman::new()
                    .args(["parse", "share", "--json"])
                    .arg_path(&fixture("lists/share-en-1.txt")),
                Lanman::new()
                    .args(["parse", "share", "--json"])
                    .arg_path(&fixture("error-access-denied-en.txt")),
            ],
        ),
        (
            "`lanman sessions --json`",
            vec![
                server()
                    .net_recording("FAKE_NET_SESSION", "session-en-2.txt")
                    .args(["sessions", "--json"]),
                server()
                    .net_sequence("FAKE_NET_SESSION", &["!denied"])
                    .args(["sessions", "--json"]),
            ],
        ),
        (
            "`lanman parse session --json`",
            vec![
                Lanman::new()
                    .args(["parse", "session", "--json"])
                    .arg_path(&fixture("sessions/session-en-2.txt")),
                Lanman::new()
                    .args(["parse", "session", "--json"])
                    .arg_path(&fixture("error-access-denied-en.txt")),
            ],
        ),
        (
            "`lanman statistics server --json`",
            vec![
                Lanman::new()
                    .net_recording("FAKE_NET_STATISTICS_SERVER", "stats-server-en-1.txt")
                    .args(["statistics", "--json"]),
                Lanman::new()
                    .net_mode("denied")
                    .args(["statistics", "server", "--json"]),
                Lanman::new()
                    .args(["parse", "statistics", "--json"])
                    .arg_path(&fixture("sessions/stats-server-en-1.txt")),
            ],
        ),
        (
            "`lanman statistics workstation --json`",
            vec![
                Lanman::new()
                    .net_recording(
                        "FAKE_NET_STATISTICS_WORKSTATION",
                        "stats-workstation-en-1.txt",
                    )
                    .args(["statistics", "workstation", "--json"]),
                Lanman::new()
                    .net_mode("denied")
                    .args(["statistics", "workstation", "--json"]),
                Lanman::new()
                    .args(["parse", "statistics", "--json"])
                    .arg_path(&fixture("sessions/stats-workstation-en-1.txt")),
            ],
        ),
        (
            "`lanman events --json`",
            vec![
                Lanman::new().args(["events", "--json"]),
                Lanman::new()
                    .wevtutil_mode("denied")
                    .args(["events", "--json"]),
            ],
        ),
        (
            "`lanman parse events --json`",
            vec![
                Lanman::new().args(["parse", "events", "--json"]).arg_path(
                    &crate::support::test_data("events/synthetic-system-power.xml"),
                ),
                Lanman::new()
                    .args(["parse", "events", "--json"])
                    .arg_path(&fixture("error-access-denied-en.txt")),
            ],
        ),
        ("`lanman capture --json`", {
            let captured = Lanman::new();
            let dir = captured.path("capture");
            let full = Lanman::new();
            let not_empty = full.path("full");
            std::fs::create_dir_all(&not_empty).unwrap();
            std::fs::write(not_empty.join("keep.txt"), "mine").unwrap();
            vec![
                captured.args(["capture", "--json"]).arg_path(&dir),
                full.args(["capture", "--json"]).arg_path(&not_empty),
            ]
        }),
    ];
    for (heading, runs) in cases {
        let documented = members(&table_after(&readme, heading));
        assert!(!documented.is_empty(), "no table after {heading}");
        for run in runs {
            let out = run.run();
            let printed = crate::contract::top_level_keys(&out.stdout);
            assert_eq!(
                printed, documented,
                "{heading}: {:?}\n{}",
                out.args, out.stdout
            );
        }
    }
}

/// `parse statistics` of a file that is neither server nor workstation statistics: the
/// members the README names for that case, in the tables' order, and no counter.
#[test]
fn a_statistics_file_of_no_known_kind_prints_the_members_without_counters() {
    let readme = readme();
    let server = members(&table_after(&readme, "`lanman statistics server --json`"));
    let counters: Vec<&str> = lanman::parse::StatisticsKind::Server
        .counters()
        .iter()
        .map(|c| c.name)
        .collect();
    let expected: Vec<String> = server
        .into_iter()
        .filter(|m| !counters.contains(&m.as_str()))
        .collect();
    let out = Lanman::new()
        .args(["parse", "statistics", "--json"])
        .arg_path(&crate::support::fixture("error-access-denied-en.txt"))
        .run();
    out.code(4);
    assert_eq!(crate::contract::top_level_keys(&out.stdout), expected);
    assert_eq!(out.json()["statistics"], serde_json::Value::Null);
    let words = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("a file it cannot read as either prints `statistics`, `computer`, `since`, `since_local` as `null`, no counter members"),
        "the README says what such a file prints"
    );
}

/// The README's `watch --json` table: each line's members, after `time` and `event`, are the
/// ones its row lists, in that order, for every kind of line, on success and on failure.
#[test]
fn readme_watch_table_is_every_json_line_in_order() {
    let readme = readme();
    let rows: Vec<Vec<String>> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| `event` | members after `time`, `event` |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_string())
                .collect()
        })
        .collect();
    assert!(rows.len() >= 6, "{rows:?}");
    let listed = |cell: &str| -> Vec<String> {
        cell.split(", ")
            .map(|m| m.trim_matches('`').to_string())
            .collect()
    };
    // `summary (drives)` and `summary (sessions)` are told apart by the `watch` of `start`.
    let documented = |event: &str, watch: &str| -> Vec<String> {
        let row = rows
            .iter()
            .find(|r| {
                let names = r[0].split(" (").next().unwrap_or_default();
                listed(names).iter().any(|n| n == event)
                    && (!r[0].contains(" (") || r[0].contains(&format!("({watch})")))
            })
            .unwrap_or_else(|| panic!("no row for {event} ({watch})"));
        let mut keys = vec!["time".to_string(), "event".to_string()];
        keys.extend(listed(&row[1]));
        keys
    };
    let use_list = |status: &str| {
        format!(
            "New connections will be remembered.\r\n\r\nStatus       Local     Remote                    Network\r\n\r\n-------------------------------------------------------------------------------\r\n{status:<13}Z:        \\\\FS01\\data               Microsoft Windows Network\r\n{status:<13}Y:        \\\\FS01\\old                Microsoft Windows Network\r\nThe command completed successfully.\r\n\r\n"
        )
    };
    let (ok, disconnected) = (use_list("OK"), use_list("Disconnected"));
    let one = ok.replace(
        "OK           Y:        \\\\FS01\\old                Microsoft Windows Network\r\n",
        "",
    );
    let sessions = |rows: &[(&str, u32, &str)]| {
        let mut text = String::from(
            "\r\nComputer               User name            Client Type       Opens Idle time\r\n\r\n-------------------------------------------------------------------------------\r\n",
        );
        for (computer, opens, idle) in rows {
            text.push_str(&format!(
                "\\\\{computer:<21}{:<21}{:<17}{opens:>6} {idle}\r\n",
                "ann", ""
            ));
        }
        text + "\r\nThe command completed successfully.\r\n\r\n"
    };
    let runs = vec![
        Lanman::new()
            .clock_at("2026-03-02T08:00:00Z")
            .net_sequence("FAKE_NET_USE", &[&ok, "!denied", &disconnected, &one])
            .args(["watch", "--interval", "1", "--count", "4", "--json"]),
        Lanman::new()
            .server("server-en-win10-pro.txt")
            .clock_at("2026-03-02T08:00:00Z")
            .net_sequence(
                "FAKE_NET_SESSION",
                &[
                    &sessions(&[("PC1", 0, "00:14:50"), ("PC2", 1, "00:01:00")]),
                    &sessions(&[("PC2", 1, "00:01:01")]),
                ],
            )
            .args([
                "watch",
                "sessions",
                "--interval",
                "1",
                "--count",
                "2",
                "--json",
            ]),
        // Nothing can run: `poll_failed`, then the summary with the error.
        Lanman::new()
            .env(
                "LANMAN_NET",
                crate::support::absolute(Path::new("no-such-dir/net.exe")),
            )
            .args(["watch", "--count", "2", "--json"]),
    ];
    let mut seen: Vec<String> = Vec::new();
    for run in runs {
        let out = run.run();
        let mut watch = String::new();
        for line in out.stdout.lines() {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{e}: not one object per line: {line:?}"));
            let event = value["event"].as_str().unwrap().to_string();
            if event == "start" {
                watch = value["watch"].as_str().unwrap().to_string();
            }
            let printed: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            assert_eq!(printed, documented(&event, &watch), "{line}");
            seen.push(event);
        }
    }
    for event in [
        "start",
        "initial",
        "changed",
        "removed",
        "gone",
        "poll_failed",
        "summary",
    ] {
        assert!(seen.iter().any(|e| e == event), "no {event} line: {seen:?}");
    }
}
