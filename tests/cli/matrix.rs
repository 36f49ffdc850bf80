//! The bad-input matrix: every command's arguments and every failure of the child programs,
//! one row each, with the exit code the README documents. Rows that are rejected before
//! anything runs (exit 2 and 3) also check that no child process started; every lanman error
//! (exit 1, 3–9) is exactly one line on stderr with nothing on stdout.
//!
//! Exit 1 (an unexpected internal error) has no deliberate trigger in lanman; the one row that
//! reaches it is an output that cannot be written (`/dev/full`, Unix only).

use crate::support::{Lanman, test_data};

const WIN10_SERVER: &str = "server-en-win10-pro.txt";
const WIN7_WORKSTATION: &str = "workstation-en-win7-pro-domain.txt";

/// What to change about the machine before the row runs.
#[derive(Clone, Copy)]
enum Machine {
    Normal,
    Env(&'static str, &'static str),
    Env2((&'static str, &'static str), (&'static str, &'static str)),
    ServerFixture(&'static str),
    SyntheticServer(&'static str),
    NoNet,
    #[cfg(unix)]
    StdoutFull,
}

struct Row {
    what: &'static str,
    args: &'static [&'static str],
    machine: Machine,
    exit: i32,
    /// A child process ran (net.exe itself rejected the value).
    ran: bool,
}

const fn row(
    what: &'static str,
    args: &'static [&'static str],
    machine: Machine,
    exit: i32,
) -> Row {
    Row {
        what,
        args,
        machine,
        exit,
        ran: !matches!(exit, 2 | 3),
    }
}

/// Exit 3 after running: a value net.exe itself refused (nothing was changed).
const fn rejected_by_net(
    what: &'static str,
    args: &'static [&'static str],
    machine: Machine,
) -> Row {
    Row {
        what,
        args,
        machine,
        exit: 3,
        ran: true,
    }
}

use Machine::{Env, Env2, Normal, ServerFixture, SyntheticServer};

const MATRIX: &[Row] = &[
    // 0: it works
    row("read the server", &["server"], Normal, 0),
    row("read the workstation", &["workstation"], Normal, 0),
    row("get a value", &["get", "autodisconnect"], Normal, 0),
    row("get keepconn", &["get", "keepconn"], Normal, 0),
    row("parse a file", &["parse", "server", "-"], Normal, 0),
    row("set", &["set", "autodisconnect", "60"], Normal, 0),
    row("reset", &["reset", "keepconn"], Normal, 0),
    row("doctor", &["doctor"], Normal, 0),
    row("export", &["export", "--keepconn", "60"], Normal, 0),
    row("help", &["/?"], Normal, 0),
    row("version", &["--version"], Normal, 0),
    // 2: clap's usage errors
    row("no command", &[], Normal, 2),
    row("unknown command", &["frobnicate"], Normal, 2),
    row("unknown option", &["server", "--frob"], Normal, 2),
    row("get without a setting", &["get"], Normal, 2),
    row("set without a setting", &["set"], Normal, 2),
    row("set without a value", &["set", "keepconn"], Normal, 2),
    row("set an unknown setting", &["set", "frob", "1"], Normal, 2),
    row("extra argument", &["server", "extra"], Normal, 2),
    row(
        "--timeout without a value",
        &["server", "--timeout"],
        Normal,
        2,
    ),
    row("export without values", &["export"], Normal, 2),
    row(
        "an option that is not a flag",
        &["set", "autodisconnect", "-x"],
        Normal,
        3,
    ),
    // 3: invalid values, rejected before anything ran
    row(
        "autodisconnect 65536",
        &["set", "autodisconnect", "65536"],
        Normal,
        3,
    ),
    row(
        "autodisconnect -2",
        &["set", "autodisconnect", "-2"],
        Normal,
        3,
    ),
    row(
        "autodisconnect abc",
        &["set", "autodisconnect", "abc"],
        Normal,
        3,
    ),
    row(
        "autodisconnect empty",
        &["set", "autodisconnect", ""],
        Normal,
        3,
    ),
    row(
        "autodisconnect 1.5",
        &["set", "autodisconnect", "1.5"],
        Normal,
        3,
    ),
    row(
        "autodisconnect 0x10",
        &["set", "autodisconnect", "0x10"],
        Normal,
        3,
    ),
    row(
        "autodisconnect +15",
        &["set", "autodisconnect", "+15"],
        Normal,
        3,
    ),
    row(
        "autodisconnect 1e3",
        &["set", "autodisconnect", "1e3"],
        Normal,
        3,
    ),
    row(
        "autodisconnect -0",
        &["set", "autodisconnect", "-0"],
        Normal,
        3,
    ),
    row(
        "autodisconnect full-width digits",
        &["set", "autodisconnect", "１５"],
        Normal,
        3,
    ),
    row(
        "autodisconnect past u64",
        &["set", "autodisconnect", "18446744073709551616"],
        Normal,
        3,
    ),
    row(
        "autodisconnect 0 without --allow-zero",
        &["set", "autodisconnect", "0"],
        Normal,
        3,
    ),
    row(
        "autodisconnect 90s (not whole minutes)",
        &["set", "autodisconnect", "90s"],
        Normal,
        3,
    ),
    row(
        "--computer with --via net",
        &[
            "set",
            "autodisconnect",
            "60",
            "--computer",
            "FS01",
            "--via",
            "net",
        ],
        Normal,
        3,
    ),
    row(
        "--via nonsense",
        &["set", "autodisconnect", "60", "--via", "wmi"],
        Normal,
        3,
    ),
    row("keepconn 0", &["set", "keepconn", "0"], Normal, 3),
    row("keepconn 65536", &["set", "keepconn", "65536"], Normal, 3),
    row("keepconn 19h", &["set", "keepconn", "19h"], Normal, 3),
    row(
        "srvcomment 49 characters",
        &[
            "set",
            "srvcomment",
            "0123456789012345678901234567890123456789012345678",
        ],
        Normal,
        3,
    ),
    row(
        "srvcomment with a quote",
        &["set", "srvcomment", "a \"b\""],
        Normal,
        3,
    ),
    row(
        "srvcomment with a control character",
        &["set", "srvcomment", "a\u{7}b"],
        Normal,
        3,
    ),
    row("srvcomment empty", &["set", "srvcomment", ""], Normal, 3),
    row("hidden maybe", &["set", "hidden", "maybe"], Normal, 3),
    row("reset an unknown setting", &["reset", "frob"], Normal, 3),
    row("get an unknown setting", &["get", "frob"], Normal, 3),
    row(
        "get a net value with --computer",
        &["get", "user_name", "--computer", "FS01"],
        Normal,
        3,
    ),
    row(
        "a host with a space",
        &["get", "keepconn", "--computer", "a b"],
        Normal,
        3,
    ),
    row(
        "a host that is a switch",
        &["get", "keepconn", "--computer", "/f"],
        Normal,
        3,
    ),
    row(
        "doctor with a bad host",
        &["doctor", "--server", "a\\b"],
        Normal,
        3,
    ),
    row("timeout 0", &["--timeout", "0", "server"], Normal, 3),
    row("timeout abc", &["--timeout", "abc", "server"], Normal, 3),
    row(
        "unknown encoding",
        &["parse", "server", "--encoding", "ebcdic", "-"],
        Normal,
        3,
    ),
    row("parse kind unknown", &["parse", "printer", "-"], Normal, 3),
    row(
        "parse a missing file",
        &["parse", "server", "/no/such/file.txt"],
        Normal,
        3,
    ),
    row(
        "export autodisconnect 0",
        &["export", "--autodisconnect", "0"],
        Normal,
        3,
    ),
    row(
        "export keepconn abc",
        &["export", "--keepconn", "abc"],
        Normal,
        3,
    ),
    row(
        "export format xml",
        &["export", "--keepconn", "60", "--format", "xml"],
        Normal,
        3,
    ),
    rejected_by_net(
        "net rejects a value",
        &["set", "autodisconnect", "60"],
        Env("FAKE_NET_STDERR", "reconstructed"),
    ),
    // 4: access denied
    row(
        "net read denied",
        &["server"],
        Env("FAKE_NET_MODE", "denied"),
        4,
    ),
    row(
        "net write denied",
        &["set", "hidden", "yes"],
        Env("FAKE_NET_WRITE", "denied"),
        4,
    ),
    row(
        "reg read denied",
        &["get", "keepconn"],
        Env("FAKE_REG_MODE", "denied"),
        4,
    ),
    row(
        "reg write denied",
        &["set", "keepconn", "60"],
        Env("FAKE_REG_MODE", "denied-write"),
        4,
    ),
    row(
        "reg delete denied",
        &["reset", "autodisconnect"],
        Env2(
            ("FAKE_REG_MODE", "denied-write"),
            ("PRESET", "autodisconnect"),
        ),
        4,
    ),
    // 5: service not running
    row(
        "server stopped (prompt)",
        &["get", "autodisconnect"],
        Env("FAKE_NET_MODE", "prompt"),
        5,
    ),
    row(
        "workstation stopped (prompt)",
        &["workstation"],
        Env("FAKE_NET_MODE", "prompt"),
        5,
    ),
    row(
        "prompt in another language",
        &["server"],
        Env("FAKE_NET_MODE", "prompt-de"),
        5,
    ),
    row(
        "stopped while setting",
        &["set", "autodisconnect", "60"],
        Env("FAKE_NET_MODE", "prompt"),
        5,
    ),
    // 6: program missing or failing
    row(
        "net missing",
        &["server"],
        Env("LANMAN_NET", "/no/such/net.exe"),
        6,
    ),
    row(
        "reg missing",
        &["get", "keepconn"],
        Env("LANMAN_REG", "/no/such/reg.exe"),
        6,
    ),
    row(
        "relative LANMAN_NET",
        &["server"],
        Env("LANMAN_NET", "net.exe"),
        6,
    ),
    row(
        "relative LANMAN_REG",
        &["get", "keepconn"],
        Env("LANMAN_REG", "reg"),
        6,
    ),
    row("no net off Windows", &["server"], Machine::NoNet, 6),
    row(
        "net fails unrecognisably",
        &["server"],
        Env2(("FAKE_NET_EXIT", "2"), ("FAKE_NET_STDERR", "unknown")),
        6,
    ),
    row(
        "remote registry unreachable",
        &["get", "keepconn", "--computer", "FS01"],
        Env("FAKE_REG_UNREACHABLE", "FS01"),
        6,
    ),
    // 7: output not understood
    row(
        "garbage from net",
        &["server"],
        Env("FAKE_NET_MODE", "garbage"),
        7,
    ),
    row(
        "garbage from reg",
        &["get", "keepconn"],
        Env("FAKE_REG_MODE", "garbage"),
        7,
    ),
    row(
        "endless output",
        &["server"],
        Env("FAKE_NET_MODE", "flood"),
        7,
    ),
    row(
        "workstation output for the server",
        &["server"],
        ServerFixture(WIN7_WORKSTATION),
        7,
    ),
    row(
        "a truncated live output",
        &["workstation"],
        Env("FAKE_NET_WORKSTATION", "truncated"),
        7,
    ),
    row(
        "an Unlimited lanman cannot read",
        &["get", "max_logged_on_users"],
        SyntheticServer("synthetic-server-de.cp850.txt"),
        7,
    ),
    row(
        "parse garbage",
        &["parse", "workstation", "-"],
        Env("STDIN", "garbage"),
        7,
    ),
    // 8: timed out
    row(
        "net hangs",
        &["--timeout", "1", "server"],
        Env("FAKE_NET_MODE", "hang"),
        8,
    ),
    row(
        "reg hangs",
        &["--timeout", "1", "get", "keepconn"],
        Env("FAKE_REG_MODE", "hang"),
        8,
    ),
    row(
        "reg hangs on the write",
        &["--timeout", "1", "set", "keepconn", "60"],
        Env("FAKE_REG_MODE", "hang-write"),
        8,
    ),
    // 9: a change that did not take
    row(
        "net ignores the write",
        &["set", "autodisconnect", "60"],
        Env("FAKE_NET_WRITE", "ignore"),
        9,
    ),
    row(
        "reg ignores the write",
        &["set", "keepconn", "60"],
        Env("FAKE_REG_MODE", "ignore-write"),
        9,
    ),
    // 1: unexpected
    #[cfg(unix)]
    row(
        "stdout cannot be written",
        &["server"],
        Machine::StdoutFull,
        1,
    ),
];

fn prepare(row: &Row) -> Lanman {
    let mut lanman = Lanman::new()
        .server(WIN10_SERVER)
        .workstation(WIN7_WORKSTATION)
        .stateful_net()
        .stdin_bytes(std::fs::read(crate::support::fixture(WIN10_SERVER)).unwrap());
    let apply = |key: &'static str, value: &'static str, lanman: Lanman| match (key, value) {
        ("FAKE_NET_STDERR", "reconstructed") => lanman
            .env(
                "FAKE_NET_STDERR",
                crate::support::fixture("reconstructed-error-invalid-value-autodisconnect-en.txt"),
            )
            .env("FAKE_NET_EXIT", "2"),
        ("FAKE_NET_STDERR", "unknown") => {
            lanman.env("FAKE_NET_STDERR", test_data("net-stderr-unknown.txt"))
        }
        ("FAKE_NET_WORKSTATION", "truncated") => {
            lanman.workstation("workstation-zh-cn-win7-ultimate-truncated.txt")
        }
        ("PRESET", name) => lanman.registry_value(
            "",
            r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters",
            name,
            "REG_DWORD",
            "0x3c",
        ),
        ("STDIN", "garbage") => lanman.stdin_bytes(b"\x00\xff garbage \\\\ not net\r\n".to_vec()),
        (key, value) => lanman.env(key, value),
    };
    lanman = match row.machine {
        Normal => lanman,
        Env(k, v) => apply(k, v, lanman),
        Env2((k1, v1), (k2, v2)) => {
            let lanman = apply(k1, v1, lanman);
            apply(k2, v2, lanman)
        }
        ServerFixture(name) => lanman.server(name),
        SyntheticServer(name) => lanman.env("FAKE_NET_SERVER", test_data(name)),
        Machine::NoNet => lanman.env_remove("LANMAN_NET"),
        #[cfg(unix)]
        Machine::StdoutFull => lanman.stdout_file(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        ),
    };
    lanman.args(row.args.iter().copied())
}

#[test]
fn every_bad_input_has_its_exit_code_and_one_line() {
    let mut failures = Vec::new();
    let mut codes_seen = std::collections::BTreeSet::new();
    for row in MATRIX {
        // The system's own net.exe is what a Windows lane would run here; skip only that row.
        if matches!(row.machine, Machine::NoNet) && cfg!(windows) {
            continue;
        }
        let out = prepare(row).run();
        codes_seen.insert(out.code);
        let mut problems = Vec::new();
        if out.code != row.exit {
            problems.push(format!("exit {} instead of {}", out.code, row.exit));
        }
        let ran = !(out.net_calls.is_empty() && out.reg_calls.is_empty());
        if ran && !row.ran {
            problems.push(format!("ran {:?} {:?}", out.net_calls, out.reg_calls));
        }
        let lanman_error = row.exit != 0 && row.exit != 2;
        if lanman_error && !(out.stderr.starts_with("error: ") && out.stderr.lines().count() == 1) {
            problems.push(format!("stderr is not one error line: {:?}", out.stderr));
        }
        if lanman_error && row.exit != 1 && !out.stdout.is_empty() {
            problems.push(format!("stdout is not empty: {:?}", out.stdout));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} (lanman {:?}): {}",
                row.what,
                row.args,
                problems.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} row(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let expected: std::collections::BTreeSet<i32> = if cfg!(unix) {
        (0..=9).collect()
    } else {
        (0..=9).filter(|&c| c != 1).collect()
    };
    assert_eq!(codes_seen, expected, "every documented exit code has a row");
}
