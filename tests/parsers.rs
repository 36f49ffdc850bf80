//! Every recorded fixture (and every derived or synthetic input) through every parser and
//! classifier, compared with `tests/expected/<file>.json`: one test per file, named after it
//! (`reads_as_expected::server-en-win10-pro.txt`), so a failure says which recording broke.
//!
//! Each expectation holds what *every* reader makes of the file, so a server output must also
//! be refused by the workstation parser and must not look like a net or reg failure (the
//! negative matrix). A file without an expectation fails its test. After a deliberate change,
//! regenerate with `LANMAN_BLESS=1 cargo test --test parsers` and review the diff.
//!
//! The `net session` and `net statistics` readers have their own expectation per file, in
//! `tests/expected/sessions/` (`sessions_readers_as_expected::…`), so adding them changed no
//! existing expectation.

#![allow(clippy::unwrap_used)] // tests panic on purpose

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::{Value, json};

use lanman::decode::{self, Encoding};
use lanman::parse::net_error::classify_net_failure;
use lanman::parse::reg::{classify_reg_failure, parse_reg_query};
use lanman::parse::{
    parse_net_session, parse_net_share, parse_net_statistics, parse_net_use, parse_server,
    parse_workstation,
};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "fixtures",
        "fixtures/wire",
        "fixtures/lists",
        "fixtures/sessions",
        "tests/data",
        "tests/data/sessions",
    ] {
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
    let parsed = |p: lanman::parse::Parsed| {
        let warnings: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
        json!({
            "config": p.config,
            "missing": p.config.missing(),
            "absent": p.config.absent(),
            "unreadable": p.config.unreadable(),
            "warnings": warnings,
            "language": p.language,
        })
    };
    let server = parse_server(text).map(parsed);
    let workstation = parse_workstation(text).map(parsed);
    let reg = parse_reg_query(text);
    let list = |r: Result<serde_json::Value, String>| result(r);
    let net_use = parse_net_use(text)
        .map(|p| json!({ "list": p.list, "warnings": p.warnings, "language": p.language }))
        .map_err(|e| e.to_string());
    let net_share = parse_net_share(text)
        .map(|p| json!({ "list": p.list, "warnings": p.warnings, "language": p.language }))
        .map_err(|e| e.to_string());
    json!({
        "decoded_as": decoded.used.to_string(),
        "lossy": decoded.lossy,
        "parse_server": result(server.map_err(|e| e.to_string())),
        "parse_workstation": result(workstation.map_err(|e| e.to_string())),
        "parse_net_use": list(net_use),
        "parse_net_share": list(net_share),
        "net_failure": classify_net_failure("", text).map(|f| format!("{f:?}")),
        "reg_failure": classify_reg_failure(text).map(|f| format!("{f:?}")),
        "reg_values": reg.values.iter().map(|v| json!([v.name, v.data.kind(), v.data.shown()])).collect::<Vec<_>>(),
    })
}

/// What the `net session` and `net statistics` readers make of a file.
fn session_readings(path: &Path) -> Value {
    let bytes = std::fs::read(path).expect("fixture");
    let text = decode::decode(&bytes, Encoding::Auto, code_page(path)).text;
    let listed = |warnings: Vec<String>, language: Option<&str>| json!({ "warnings": warnings, "language": language });
    let session = match parse_net_session(&text) {
        Ok(p) => json!({ "ok": {
            "sessions": p.list.sessions,
            "meta": listed(p.warnings.iter().map(ToString::to_string).collect(), p.language),
        }}),
        Err(e) => json!({ "error": e.to_string() }),
    };
    let statistics = match parse_net_statistics(&text) {
        Ok(p) => {
            let counters: serde_json::Map<String, Value> = p
                .list
                .counters
                .iter()
                .map(|(name, value)| ((*name).to_string(), json!(value)))
                .collect();
            json!({ "ok": {
                "kind": p.list.kind,
                "computer": p.list.computer,
                "since": p.list.since,
                "since_local": p.list.since_local,
                "counters": counters,
                "missing": p.list.missing(),
                "meta": listed(p.warnings.iter().map(ToString::to_string).collect(), p.language),
            }})
        }
        Err(e) => json!({ "error": e.to_string() }),
    };
    json!({ "parse_net_session": session, "parse_net_statistics": statistics })
}

fn main() {
    let mut trials = Vec::new();
    for path in inputs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let reads = path.clone();
        trials.push(Trial::test(
            format!("reads_as_expected::{name}"),
            move || reads_as_expected(&reads, "", readings),
        ));
        let reads = path.clone();
        trials.push(Trial::test(
            format!("sessions_readers_as_expected::{name}"),
            move || reads_as_expected(&reads, "sessions", session_readings),
        ));
        if (name.starts_with("server-") || name.starts_with("workstation-"))
            && !name.contains(".cp")
            && !name.contains("utf16")
        {
            trials.push(Trial::test(
                format!("line_endings_and_encodings_do_not_change_the_reading::{name}"),
                {
                    let path = path.clone();
                    move || line_endings_and_encodings_do_not_change_the_reading(&path)
                },
            ));
        }
        let outputs = [
            "server-",
            "workstation-",
            "synthetic-server-",
            "synthetic-workstation-",
        ];
        if outputs.iter().any(|p| name.starts_with(p)) && !name.contains("collapsed") {
            let pasted = path.clone();
            trials.push(Trial::test(
                format!("a_web_page_paste_reads_the_same::{name}"),
                move || a_web_page_paste_reads_the_same(&pasted),
            ));
        }
    }
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

/// Objects with their keys sorted, so an expectation file stays the same whatever order
/// serde_json keeps (lanman turns on `preserve_order`); comparisons ignore order anyway.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The file reads as its expectation (in `tests/expected/<dir>`) says, or, with
/// `LANMAN_BLESS`, becomes its expectation.
fn reads_as_expected(path: &Path, dir: &str, read: fn(&Path) -> Value) -> Result<(), Failed> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let actual = read(path);
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(dir)
        .join(format!("{name}.json"));
    if std::env::var_os("LANMAN_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&sorted(actual)).unwrap() + "\n";
        std::fs::write(&expected_path, text).expect("write expectation");
        return Ok(());
    }
    let text = std::fs::read_to_string(&expected_path).map_err(|_| {
        format!(
            "no expectation at {} (LANMAN_BLESS=1 to create it, then review it)",
            expected_path.display()
        )
    })?;
    let expected: Value = serde_json::from_str(&text).expect("expectation is JSON");
    if expected != actual {
        return Err(format!(
            "read differently (LANMAN_BLESS=1 to accept after review):\n  expected {}\n  actual   {}",
            serde_json::to_string(&expected).unwrap(),
            serde_json::to_string(&actual).unwrap()
        )
        .into());
    }
    Ok(())
}

/// The fields a file's text parses to, by the parser its name says (`server-…`,
/// `synthetic-server-…`, or a workstation output).
fn config_of(name: &str, text: &str) -> Result<Value, String> {
    let parsed = if name.contains("server-") {
        parse_server(text)
    } else {
        parse_workstation(text)
    };
    parsed
        .map(|p| serde_json::to_value(p.config).unwrap())
        .map_err(|e| e.to_string())
}

/// What forum posts do to an output: leading TABs and spaces lost, a blank line between every
/// line. Every field, transports included, reads as from the original.
fn a_web_page_paste_reads_the_same(path: &Path) -> Result<(), Failed> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    let text = decode::decode(&bytes, Encoding::Auto, code_page(path)).text;
    let pasted: String = text
        .lines()
        .map(|l| format!("{}\n\n", l.trim_start()))
        .collect();
    let parse = |t: &str| config_of(&name, t);
    let (original, paste) = (parse(&text), parse(&pasted));
    if original != paste {
        return Err(
            format!("{name}:\n  original {original:?}\n  pasted   {paste:?}\n{pasted}").into(),
        );
    }
    Ok(())
}

/// The same bytes with CRLF or LF, and re-encoded as UTF-16 with a BOM, read the same.
fn line_endings_and_encodings_do_not_change_the_reading(path: &Path) -> Result<(), Failed> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(crlf.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let parse = |t: &str| config_of(&name, t);
    let reference = parse(&text);
    for bytes in [crlf.into_bytes(), utf16] {
        let decoded = decode::decode(&bytes, Encoding::Auto, 437).text;
        if parse(&decoded) != reference {
            return Err(format!("{name} reads differently as {:?}", &bytes[..4]).into());
        }
    }
    Ok(())
}
