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
