//! The README documents exit codes once; it must agree with `Failure::exit_code`.

use std::path::Path;

#[test]
fn readme_exit_code_table_matches_the_help_and_the_code() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table: Vec<(u8, String)> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## Exit codes"))
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
    let codes: Vec<u8> = table.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        codes,
        (0..=9).collect::<Vec<u8>>(),
        "README exit-code table: {table:?}"
    );
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/error.rs"))
        .unwrap();
    for (code, meaning) in &table {
        assert!(
            src.contains(&format!("//! | {code} | {meaning} |")),
            "src/error.rs's table lacks `| {code} | {meaning} |`"
        );
    }
}
