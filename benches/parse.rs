//! How long lanman's pure core takes: every recorded, derived and synthetic input through the
//! parser that reads it, value parsing, and decoding. Figures and the machine they came from are
//! in BENCHMARKS.md; reproduce with `cargo bench --bench parse`.
//!
//! Start-up costs are hidden by criterion's warm-up, so before the benchmarks this prints the
//! first call of each parser in this process: the `net config` and `reg query` readers compile
//! no regex (src/parse/scan.rs), net's error texts compile theirs lazily, on a failure only.
//!
//! Under `cargo test --all-targets` (no `--bench` argument) criterion runs each benchmark once,
//! as a smoke test; nothing here asserts a timing.

#![allow(clippy::unwrap_used)] // a benchmark fails loudly on a missing fixture

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;

use lanman::decode::{self, Encoding};
use lanman::parse::net_error::classify_net_failure;
use lanman::parse::reg::{classify_reg_failure, parse_reg_query};
use lanman::parse::{
    parse_net_session, parse_net_share, parse_net_statistics, parse_net_use, parse_server,
    parse_workstation,
};
use lanman::settings::{AutoDisconnect, Hidden, KeepConn, ServerComment, SettingName};

/// Which public reader a file is for, from its name (the naming of fixtures/README.md and
/// tests/data/README.md).
#[derive(Clone, Copy, Debug)]
enum Reader {
    Server,
    Workstation,
    RegQuery,
    RegFailure,
    NetFailure,
    /// A `net use` list (tests/data's own; the recordings are timed in the `list/` group).
    NetUse,
}

fn reader_for(name: &str) -> Reader {
    if name.contains("reg-query-error") {
        Reader::RegFailure
    } else if name.contains("reg-query") {
        Reader::RegQuery
    } else if name.starts_with("error-")
        || name.starts_with("reconstructed-error-")
        || name.starts_with("net-stderr")
    {
        Reader::NetFailure
    } else if name.starts_with("net-use") {
        Reader::NetUse
    } else if name.contains("workstation") {
        // Before `server`: `workstation-en-winserver2019-…`.
        Reader::Workstation
    } else if name.contains("server") {
        Reader::Server
    } else {
        panic!("no reader for {name}: name it like the others (fixtures/README.md)")
    }
}

/// The OEM code page a file's bytes are in, from its name (`.cp850.`), else 437 (as
/// tests/parsers.rs does).
fn code_page(name: &str) -> u16 {
    name.split('.')
        .find_map(|part| part.strip_prefix("cp").and_then(|n| n.parse().ok()))
        .unwrap_or(Encoding::DEFAULT_OEM)
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn inputs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["fixtures", "fixtures/wire", "tests/data"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Run the reader once; the result is returned so the optimiser cannot drop the work.
fn read(reader: Reader, text: &str) -> usize {
    match reader {
        Reader::Server => match parse_server(text) {
            Ok(p) => p.warnings.len() + p.config.missing().len(),
            Err(_) => usize::MAX,
        },
        Reader::Workstation => match parse_workstation(text) {
            Ok(p) => p.warnings.len() + p.config.missing().len(),
            Err(_) => usize::MAX,
        },
        Reader::RegQuery => parse_reg_query(text).values.len(),
        Reader::RegFailure => usize::from(classify_reg_failure(text).is_some()),
        Reader::NetFailure => usize::from(classify_net_failure("", text).is_some()),
        Reader::NetUse => match parse_net_use(text) {
            Ok(p) => p.list.connections.len(),
            Err(_) => usize::MAX,
        },
    }
}

/// The first call in this process, lazy regex compilation included. Printed, never asserted.
fn first_calls() {
    let text = |name: &str| std::fs::read_to_string(root().join("fixtures").join(name)).unwrap();
    let server = text("server-en-win10-pro.txt");
    let workstation = text("workstation-en-win7-pro-domain.txt");
    let reg = text("reconstructed-reg-query-lanmanserver-v-autodisconnect-en.txt");
    let net = text("error-access-denied-en.txt");
    let time = |label: &str, f: &dyn Fn() -> usize| {
        let start = Instant::now();
        black_box(f());
        let first = start.elapsed();
        let start = Instant::now();
        black_box(f());
        let second = start.elapsed();
        println!(
            "first call in this process: {label:<46} {:>9.1} µs (second call {:.1} µs)",
            first.as_secs_f64() * 1e6,
            second.as_secs_f64() * 1e6
        );
    };
    time("parse_server (no regex)", &|| read(Reader::Server, &server));
    time("parse_workstation", &|| {
        read(Reader::Workstation, &workstation)
    });
    time("parse_reg_query (no regex)", &|| {
        read(Reader::RegQuery, &reg)
    });
    time("classify_net_failure (compiles its regexes)", &|| {
        read(Reader::NetFailure, &net)
    });
}

fn parsers(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for path in inputs() {
        let name = file_name(&path);
        let reader = reader_for(&name);
        let bytes = std::fs::read(&path).unwrap();
        // Decoded once, outside the measurement: this group is the parser alone.
        let text = decode::decode(&bytes, Encoding::Auto, code_page(&name)).text;
        // A whole output that its parser refuses would time the refusal, not the parse.
        let whole = ["server-", "workstation-", "synthetic-"]
            .iter()
            .any(|p| name.trim_start_matches("wire/").starts_with(p));
        assert!(
            !whole || read(reader, &text) != usize::MAX,
            "{name} does not parse as {reader:?}"
        );
        group.bench_function(&name, |b| b.iter(|| read(reader, black_box(&text))));
    }
    group.finish();

    // What `lanman get autodisconnect` does with net's bytes: decode, then parse.
    let mut group = c.benchmark_group("decode+parse");
    for name in [
        "server-en-win10-pro.txt",
        "wire/server-en-win10-pro.net-exact.cp437.txt",
        "wire/server-en-win10-pro.utf16le-bom.txt",
        "wire/workstation-zh-cn-win10-pro-domain.cp936.txt",
    ] {
        let bytes = std::fs::read(root().join("fixtures").join(name)).unwrap();
        let reader = reader_for(&file_name(Path::new(name)));
        let cp = code_page(name);
        group.bench_function(name, |b| {
            b.iter(|| {
                let decoded = decode::decode(black_box(&bytes), Encoding::Auto, cp);
                read(reader, &decoded.text)
            })
        });
    }
    group.finish();
}

/// `net use` and `net share` lists (fixtures/lists): English, a language read by its word
/// table, and a language read by structure alone, decoded once outside the measurement.
fn lists(c: &mut Criterion) {
    let mut group = c.benchmark_group("list");
    for name in [
        "use-en-5.txt",
        "use-de-1.txt",
        "use-ja-1.txt",
        "use-ru-1.txt",
        "share-en-4.txt",
        "share-ko-1.txt",
    ] {
        let bytes = std::fs::read(root().join("fixtures/lists").join(name)).unwrap();
        let text = decode::decode(&bytes, Encoding::Auto, 437).text;
        if name.starts_with("use-") {
            assert!(parse_net_use(&text).is_ok(), "{name} does not parse");
            group.bench_function(name, |b| {
                b.iter(|| parse_net_use(black_box(&text)).map(|l| l.list.connections.len()))
            });
        } else {
            assert!(parse_net_share(&text).is_ok(), "{name} does not parse");
            group.bench_function(name, |b| {
                b.iter(|| parse_net_share(black_box(&text)).map(|l| l.list.shares.len()))
            });
        }
    }
    group.finish();
}

/// A `net session` list of `n` sessions in net.exe's row format (a busy file server), every
/// fifth idle for more than a day, as the recorded English output frames it.
fn session_list(n: usize) -> String {
    let mut text = String::from(
        "\r\nComputer               User name            Client Type       Opens Idle time\r\n\r\n-------------------------------------------------------------------------------\r\n",
    );
    for i in 0..n {
        let idle = if i % 5 == 0 {
            format!("{:02}D {:02}H {:02}M", i % 400, i % 24, i % 60)
        } else {
            format!("{:02}:{:02}:{:02}", i % 24, i % 60, (i * 7) % 60)
        };
        text.push_str(&format!(
            "\\\\10.{}.{}.{:<14}{:<21}{:<17}{:>6} {idle}\r\n",
            i / 65_536,
            i / 256 % 256,
            i % 256,
            format!("user{i}"),
            "",
            i % 7
        ));
    }
    text.push_str("The command completed successfully.\r\n\r\n");
    text
}

/// `net session` (one recording, 1,000 generated sessions) and `net statistics`.
fn sessions(c: &mut Criterion) {
    let mut group = c.benchmark_group("sessions");
    let thousand = session_list(1000);
    let parsed = parse_net_session(&thousand).unwrap();
    assert_eq!(parsed.list.sessions.len(), 1000);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    group.bench_function("net session, 1000 sessions", |b| {
        b.iter(|| parse_net_session(black_box(&thousand)).map(|l| l.list.sessions.len()))
    });
    for name in [
        "session-en-2.txt",
        "stats-server-en-1.txt",
        "stats-workstation-en-1.txt",
    ] {
        let text = std::fs::read_to_string(root().join("fixtures/sessions").join(name)).unwrap();
        if name.starts_with("session") {
            group.bench_function(name, |b| {
                b.iter(|| parse_net_session(black_box(&text)).map(|l| l.list.sessions.len()))
            });
        } else {
            assert!(parse_net_statistics(&text).is_ok(), "{name} does not parse");
            group.bench_function(name, |b| {
                b.iter(|| parse_net_statistics(black_box(&text)).map(|l| l.list.counters.len()))
            });
        }
    }
    group.finish();
}

fn values(c: &mut Criterion) {
    let mut group = c.benchmark_group("value");
    for input in ["60", "-1", "off", "1h30m", "65535", "0x10", "65536", "015"] {
        group.bench_function(format!("AutoDisconnect {input:?}"), |b| {
            b.iter(|| black_box(input).parse::<AutoDisconnect>().is_ok())
        });
    }
    for input in ["600", "10m", "0", "1e3"] {
        group.bench_function(format!("KeepConn {input:?}"), |b| {
            b.iter(|| black_box(input).parse::<KeepConn>().is_ok())
        });
    }
    let comment = "File server, 2nd floor (Büro)";
    group.bench_function("ServerComment 29 chars", |b| {
        b.iter(|| black_box(comment).parse::<ServerComment>().is_ok())
    });
    group.bench_function("Hidden \"NO\"", |b| {
        b.iter(|| black_box("NO").parse::<Hidden>().is_ok())
    });
    group.bench_function("SettingName \"workstation.software_version\"", |b| {
        b.iter(|| {
            black_box("workstation.software_version")
                .parse::<SettingName>()
                .is_ok()
        })
    });
    group.bench_function("Encoding \"cp850\"", |b| {
        b.iter(|| black_box("cp850").parse::<Encoding>().is_ok())
    });
    group.finish();
}

fn decoding(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    let cases: [(&str, &str, Encoding); 5] = [
        (
            "cp850 (explicit)",
            "tests/data/synthetic-server-de.cp850.txt",
            Encoding::CodePage(850),
        ),
        (
            "cp850 (auto: not UTF-8, OEM fallback)",
            "fixtures/wire/server-en-win10-pro.comment-buero.cp850.txt",
            Encoding::Auto,
        ),
        (
            "GBK cp936 (explicit)",
            "fixtures/wire/workstation-zh-cn-win10-pro-domain.cp936.txt",
            Encoding::CodePage(936),
        ),
        (
            "UTF-16LE with BOM (auto)",
            "fixtures/wire/server-en-win10-pro.utf16le-bom.txt",
            Encoding::Auto,
        ),
        (
            "ASCII (auto: valid UTF-8)",
            "fixtures/wire/server-en-win10-pro.net-exact.cp437.txt",
            Encoding::Auto,
        ),
    ];
    for (label, file, encoding) in cases {
        let bytes = std::fs::read(root().join(file)).unwrap();
        let oem = if file.contains(".cp936.") { 936 } else { 850 };
        group.bench_function(label, |b| {
            b.iter(|| decode::decode(black_box(&bytes), encoding, oem).text.len())
        });
    }
    group.finish();
}

fn main() {
    first_calls();
    // Short runs: about 70 benchmarks (with the list group), a few minutes on 2 cores. Raise with
    // `cargo bench --bench parse -- --measurement-time 5` for tighter intervals.
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50)
        .configure_from_args();
    parsers(&mut criterion);
    lists(&mut criterion);
    sessions(&mut criterion);
    values(&mut criterion);
    decoding(&mut criterion);
    criterion.final_summary();
}
