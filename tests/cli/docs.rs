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
