//! Every recorded fixture (and every derived or synthetic input) through every parser and
//! classifier, compared with `tests/expected/<file>.json`.
//!
//! Each expectation holds what *every* reader makes of the file, so a server output must also
//! be refused by the workstation parser and must not look like a net or reg failure (the
//! negative matrix). A file without an expectation fails the test. After a deliberate change,
//! regenerate with `LANMAN_BLESS=1 cargo test --test parsers` and review the diff.

#![allow(clippy::unwrap_used)] // tests panic on purpose

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use lanman::decode::{self, Encoding};
use lanman::parse::net_error::classify_net_failure;
use lanman::parse::reg::{classify_reg_failure, parse_reg_query};
use lanman::parse::{parse_server, parse_workstation};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["fixtures", "fixtures/wire", "tests/data"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("input dir") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(
        files.len() >= 30,
        "expected the fixtures, found {}",
        files.len()
    );
    files
}

/// The OEM code page a file's bytes are in, from its name (`.cp850.`), else 437.
fn code_page(path: &Path) -> u16 {
    let name = path.file_name().unwrap().to_string_lossy();
    name.split('.')
        .find_map(|part| part.strip_prefix("cp").and_then(|n| n.parse().ok()))
        .unwrap_or(437)
}

fn readings(path: &Path) -> Value {
    let bytes = std::fs::read(path).expect("fixture");
    let decoded = decode::decode(&bytes, Encoding::Auto, code_page(path));
    let text = decoded.text.as_str();
    let result = |r: Result<Value, String>| match r {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "error": e }),
    };
    let server = parse_server(text).map(|p| {
        json!({ "config": p.config, "missing": p.missing, "warnings": p.warnings, "language": p.language })
    });
    let workstation = parse_workstation(text).map(|p| {
        json!({ "config": p.config, "missing": p.missing, "warnings": p.warnings, "language": p.language })
    });
    let reg = parse_reg_query(text);
    json!({
        "decoded_as": decoded.used.to_string(),
        "lossy": decoded.lossy,
        "parse_server": result(server.map_err(|e| e.to_string())),
        "parse_workstation": result(workstation.map_err(|e| e.to_string())),
        "net_failure": classify_net_failure("", text).map(|f| format!("{f:?}")),
        "reg_failure": classify_reg_failure(text).map(|f| format!("{f:?}")),
        "reg_values": reg.values.iter().map(|v| json!([v.name, v.kind, v.data])).collect::<Vec<_>>(),
    })
}

#[test]
fn every_input_reads_as_expected() {
    let bless = std::env::var_os("LANMAN_BLESS").is_some();
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected");
    let mut failures = Vec::new();
    for path in inputs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let actual = readings(&path);
        let expected_path = expected_dir.join(format!("{name}.json"));
        if bless {
            let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
            std::fs::write(&expected_path, text).expect("write expectation");
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Err(_) => failures.push(format!(
                "{name}: no expectation at {}",
                expected_path.display()
            )),
            Ok(text) => {
                let expected: Value = serde_json::from_str(&text).expect("expectation is JSON");
                if expected != actual {
                    failures.push(format!(
                        "{name}:\n  expected {}\n  actual   {}",
                        serde_json::to_string(&expected).unwrap(),
                        serde_json::to_string(&actual).unwrap()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} input(s) read differently (LANMAN_BLESS=1 to accept after review):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same bytes with CRLF or LF, and re-encoded, read the same.
#[test]
fn line_endings_and_encodings_do_not_change_the_reading() {
    for path in inputs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("server-") || name.starts_with("workstation-"))
            || name.contains(".cp")
            || name.contains("utf16")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(crlf.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let variants = [crlf.into_bytes(), utf16];
        let parse = |t: &str| {
            if name.starts_with("server-") {
                parse_server(t)
                    .map(|p| serde_json::to_value(p.config).unwrap())
                    .map_err(|e| e.to_string())
            } else {
                parse_workstation(t)
                    .map(|p| serde_json::to_value(p.config).unwrap())
                    .map_err(|e| e.to_string())
            }
        };
        let reference = parse(&text);
        for bytes in variants {
            let decoded = decode::decode(&bytes, Encoding::Auto, 437).text;
            assert_eq!(parse(&decoded), reference, "{name}");
        }
    }
}
