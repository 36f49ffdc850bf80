//! The README's examples, run (issue 18): every fenced code block in README.md has a marker on
//! the line above it, and this module runs what the marker says, so an example cannot drift
//! from the program.
//!
//! | marker | what runs |
//! |---|---|
//! | `<!-- readme-test: session SCENE -->` | a transcript: each `C:\> lanman …` line runs against the fakes of SCENE (one scene, so state, per block); the lines under it, if any, are its stdout (a last line `...` means "and more"; blank lines before the next prompt only separate); every command exits 0. `LANMAN_BLESS=1` rewrites the shown output from the program's. A line with `>`, `&` or `|` runs under cmd.exe (Windows lane only). |
//! | `<!-- readme-test: batch NAME -->` | the block is a batch file: run by cmd.exe (the Windows lane's, and Windows' own on the CI's Windows runners) in each case of `BATCH_CASES` named NAME, failure branches included (the fakes give exit 4, 9, 10 …); a fragment gets `@echo off` in front, and a `goto` to a label it does not have reaches a stand-in label that says its name |
//! | `<!-- readme-test: powershell SCENE -->` | PowerShell cannot run here: each `lanman …` command in the block (before a `|` or `;`) runs against SCENE and must exit 0; `$x = lanman … \| ConvertFrom-Json` then `PS> $x.member` and the line under it: the member has that value |
//! | `<!-- readme-test: sh try-it -->` | bash runs the block (Linux and macOS only: it is for them) |
//! | `<!-- readme-test: cargo-run NAME -->` | `cargo run … --bin lanman -- ARGS`: the lanman under test runs ARGS from the repository |
//! | `<!-- readme-test: none: WHY -->` | not run, for the reason given |
//!
//! Scenes are named fake setups (`scene()`): add one there for a new example. A sample whose
//! output has times runs on a fixed clock (`LANMAN_TEST_NOW`, the tests' build only). A sample output
//! block (doctor's, say) is a `session` block with the output under its command; bless it with
//! `LANMAN_BLESS=1 cargo test --test cli readme` and review the diff.

use std::path::{Path, PathBuf};

use crate::support::{Lanman, Outcome, SERVER_KEY, fixture, test_data};

fn readme_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// A fenced code block of the README and its marker.
#[derive(Clone, Debug)]
struct Block {
    kind: String,
    /// The scene, case or command name; for `none`, the reason.
    name: String,
    /// 0-based index of the first line inside the fence.
    start: usize,
    lines: Vec<String>,
}

const KINDS: &[&str] = &["session", "batch", "powershell", "sh", "cargo-run", "none"];

/// Every fenced block, with its marker; a block without one is an error.
fn blocks(readme: &str) -> Result<Vec<Block>, String> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with("```") {
            i += 1;
            continue;
        }
        let marker = i
            .checked_sub(1)
            .and_then(|m| lines[m].strip_prefix("<!-- readme-test: "))
            .and_then(|m| m.strip_suffix(" -->"))
            .ok_or_else(|| {
                format!(
                    "README.md line {}: a code block without a `<!-- readme-test: … -->` marker above it",
                    i + 1
                )
            })?;
        let (kind, name) = marker
            .split_once([' ', ':'])
            .map(|(k, n)| (k, n.trim_start_matches([':', ' '])))
            .unwrap_or((marker, ""));
        if !KINDS.contains(&kind) || name.is_empty() {
            return Err(format!(
                "README.md line {i}: marker {marker:?}: expected one of {KINDS:?} and a name (or a reason after `none:`)"
            ));
        }
        let end = lines[i + 1..]
            .iter()
            .position(|l| l.starts_with("```"))
            .map(|p| i + 1 + p)
            .ok_or_else(|| format!("README.md line {}: the block never ends", i + 1))?;
        blocks.push(Block {
            kind: kind.to_string(),
            name: name.to_string(),
            start: i + 1,
            lines: lines[i + 1..end].iter().map(|l| (*l).to_string()).collect(),
        });
        i = end + 1;
    }
    Ok(blocks)
}

fn readme_blocks(kind: &str) -> Vec<Block> {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    blocks(&readme)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == kind)
        .collect()
}

// ---- Scenes ----------------------------------------------------------------------------------

const VERSION_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";

/// A fake machine shared by the commands of one README block: the fakes' state and the files
/// the examples name live in one folder, which is also the current folder.
pub struct Scene {
    dir: tempfile::TempDir,
    setup: fn(Lanman) -> Lanman,
}

impl Scene {
    /// lanman (or, with `program`, another program) on this scene.
    pub fn lanman(&self) -> Lanman {
        (self.setup)(Lanman::in_dir(self.dir.path())).current_dir(self.dir.path())
    }

    pub fn path(&self, name: &str) -> PathBuf {
        crate::support::absolute(&self.dir.path().join(name))
    }
}

/// The scenes README examples run on. `win10`: a Windows 10 Pro (the recorded
/// `net config server` and `workstation`), the three mapped drives on FS01 and FS02 that the
/// README shows (`tests/data/net-use-three-drives.txt`), FS01's autodisconnect 60 minutes,
/// changes kept (the net and reg fakes are stateful), no Group Policy, and in the current
/// folder the saved outputs the examples read: what `tools/try-without-windows.sh` sets up.
fn scene(name: &str) -> Option<Scene> {
    let setup: fn(Lanman) -> Lanman = match name {
        "win10" => |lanman| {
            lanman
                .server("server-en-win10-pro.txt")
                .workstation("workstation-en-win10-pro-domain-localuser.txt")
                .env("FAKE_NET_USE", test_data("net-use-three-drives.txt"))
                .net_share("share-en-4.txt")
                .stateful_net()
        },
        // A file server where PC17's session (no open files) vanishes after 891 s idle and
        // PC22's (two open files) stays, with "Sessions timed-out" going from 4 to 5 in that
        // interval; the clock stands at 09:41 and moves only as watch waits; elevated.
        "file-server" => |lanman| {
            let before = [
                ("PC17", "anna", 0, "00:14:36"),
                ("PC22", "bo", 2, "01:02:03"),
            ];
            let seen = [
                ("PC17", "anna", 0, "00:14:51"),
                ("PC22", "bo", 2, "01:02:18"),
            ];
            let after = [("PC22", "bo", 2, "01:02:33")];
            let later = [("PC22", "bo", 2, "01:02:48")];
            lanman
                .server("server-en-win10-pro.txt")
                .clock_at("2026-03-02T09:41:00Z")
                .env("LANMAN_TEST_ELEVATED", "1")
                .net_sequence(
                    "FAKE_NET_SESSION",
                    &[
                        &session_list(&before),
                        &session_list(&seen),
                        &session_list(&after),
                        &session_list(&later),
                    ],
                )
                .net_sequence(
                    "FAKE_NET_STATISTICS_SERVER",
                    &[
                        &server_statistics(4),
                        &server_statistics(4),
                        &server_statistics(5),
                    ],
                )
        },
        // A client that slept, woke and lost \\fs01\data (the synthetic event logs of
        // tests/data/events), on 2026-12-01 at noon.
        "client-events" => |lanman| {
            lanman
                .clock_at("2026-12-01T12:00:00Z")
                .event_log(crate::support::SMB_LOG, "synthetic-smb-connectivity.xml")
                .event_log(crate::support::SYSTEM_LOG, "synthetic-system-power.xml")
                .event_log(crate::support::NETWORK_LOG, "synthetic-network-profile.xml")
        },
        _ => return None,
    };
    let scene = Scene {
        dir: tempfile::tempdir().expect("scene dir"),
        setup,
    };
    // Written once per scene: the registry the fakes start from, and the saved files.
    Lanman::in_dir(scene.dir.path())
        .registry_value("", VERSION_KEY, "ProductName", "REG_SZ", "Windows 10 Pro")
        .registry_value("", VERSION_KEY, "CurrentBuildNumber", "REG_SZ", "19045")
        .registry_value("", VERSION_KEY, "UBR", "REG_DWORD", "0x1388")
        .registry_value("", VERSION_KEY, "DisplayVersion", "REG_SZ", "22H2")
        .registry_value("FS01", SERVER_KEY, "autodisconnect", "REG_DWORD", "0x3c");
    for (file, from) in [
        (
            "saved-output.txt",
            test_data("synthetic-server-de.cp850.txt"),
        ),
        ("net-use-output.txt", fixture("lists/use-en-1.txt")),
    ] {
        std::fs::copy(from, scene.path(file)).expect("saved output copied");
    }
    Some(scene)
}

/// An English `net session` list in net.exe's row format (fixtures/sessions/session-en-2.txt's
/// columns) with these rows: client, user, opens, idle time. Ours, not a recording.
fn session_list(rows: &[(&str, &str, u32, &str)]) -> String {
    let mut text = String::from(
        "\r\nComputer               User name            Client Type       Opens Idle time\r\n\r\n",
    );
    text.push_str(&"-".repeat(79));
    text.push_str("\r\n");
    for (computer, user, opens, idle) in rows {
        text.push_str(&format!(
            "\\\\{computer:<21}{user:<21}{:<17}{opens:>6} {idle}\r\n",
            ""
        ));
    }
    text.push_str("\r\nThe command completed successfully.\r\n\r\n");
    text
}

/// fixtures/sessions/stats-server-en-1.txt with another "Sessions timed-out" count.
fn server_statistics(timed_out: u32) -> String {
    std::fs::read_to_string(fixture("sessions/stats-server-en-1.txt"))
        .expect("recording")
        .replace(
            "Sessions timed-out                 0",
            &format!("Sessions timed-out                 {timed_out}"),
        )
}

// ---- Command lines ---------------------------------------------------------------------------

/// A command line split as cmd.exe and PowerShell split simple ones: at spaces, with double
/// quotes grouping (and dropped).
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' | '\t' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// `>`, `<`, `|` or `&` outside quotes: a line for the shell, not one lanman command.
fn is_shell_line(line: &str) -> bool {
    let mut quoted = false;
    line.chars().any(|c| {
        if c == '"' {
            quoted = !quoted;
        }
        !quoted && matches!(c, '>' | '<' | '|' | '&')
    })
}

fn describe(out: &Outcome) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.code, out.stdout, out.stderr
    )
}

// ---- The README as a whole -------------------------------------------------------------------

#[test]
fn every_readme_code_block_says_how_it_is_tested() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let all = blocks(&readme).unwrap_or_else(|e| panic!("{e}"));
    assert!(all.len() >= 15, "found {} blocks", all.len());
    for block in &all {
        let known = match block.kind.as_str() {
            "session" | "powershell" => scene(&block.name).is_some(),
            "batch" => BATCH_CASES.iter().any(|c| c.block == block.name),
            "sh" => block.name == "try-it",
            "cargo-run" => block.lines.iter().all(|l| l.contains(" -- ")),
            _ => true,
        };
        assert!(
            known,
            "README.md line {}: {} {:?} is not known to tests/cli/readme.rs",
            block.start, block.kind, block.name
        );
    }
    // Every batch case names a block that is there.
    for case in BATCH_CASES {
        assert!(
            all.iter()
                .any(|b| b.kind == "batch" && b.name == case.block),
            "no README block for batch case {}",
            case.block
        );
    }
    // Blocks the suite cannot run say why.
    let not_run: Vec<&str> = all
        .iter()
        .filter(|b| b.kind == "none")
        .map(|b| b.name.as_str())
        .collect();
    // The five report collection snippets (a share, Intune, Ansible) are the rest: they copy
    // to a network share or run under an engine this suite does not have.
    assert!(not_run.len() <= 11, "{not_run:?}");
}

// ---- session ---------------------------------------------------------------------------------

/// One command of a transcript and the output shown under it.
struct Step {
    line: String,
    /// Index in the block of the first output line.
    first: usize,
    expected: Vec<String>,
    /// The output shown ends in `...`: only its first lines are given.
    partial: bool,
}

fn steps(block: &Block) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (i, line) in block.lines.iter().enumerate() {
        if let Some(command) = line.strip_prefix(r"C:\> ") {
            steps.push(Step {
                line: command.to_string(),
                first: i + 1,
                expected: Vec::new(),
                partial: false,
            });
        } else if let Some(step) = steps.last_mut() {
            if line == "..." {
                step.partial = true;
            } else if !step.partial {
                step.expected.push(line.clone());
            }
        } else {
            panic!(
                "README.md line {}: a session starts with `C:\\> `",
                block.start + i + 1
            );
        }
    }
    // A blank line before the next prompt separates commands; it is not output.
    for step in &mut steps {
        while step.expected.last().is_some_and(String::is_empty) {
            step.expected.pop();
        }
    }
    steps
}

/// Run one command of a session; `None` when this lane cannot run it (a shell line off
/// Windows), said on stderr.
fn run_step(scene: &Scene, line: &str) -> Option<Outcome> {
    if is_shell_line(line) {
        if !cfg!(windows) {
            eprintln!("readme: `{line}` is a cmd.exe line: it runs on the Windows lane");
            return None;
        }
        // cmd finds `net` in the current folder first: the fake, under the name a script uses.
        std::fs::copy(crate::support::fake_net(), scene.path("net.exe")).expect("net.exe");
        return Some(
            scene
                .lanman()
                .program(Path::new("cmd"))
                .args(["/c", line])
                .run(),
        );
    }
    let words = split_words(line);
    assert_eq!(
        words.first().map(String::as_str),
        Some("lanman"),
        "README session line {line:?} runs lanman"
    );
    Some(scene.lanman().args(&words[1..]).run())
}

/// Every transcript in the README prints what it shows, against its scene; every command in
/// it succeeds. With `LANMAN_BLESS=1` the shown output is rewritten from the program's.
#[test]
fn readme_sessions_print_what_they_show() {
    let bless = std::env::var_os("LANMAN_BLESS").is_some();
    let mut readme: Vec<String> = std::fs::read_to_string(readme_path())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let mut failures = Vec::new();
    // Rewrites go bottom-up, so the line numbers of the blocks above stay right.
    let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for block in readme_blocks("session") {
        let scene = scene(&block.name).expect("a known scene");
        for step in steps(&block) {
            let Some(out) = run_step(&scene, &step.line) else {
                continue;
            };
            let where_ = format!(
                "README.md line {}: `{}`",
                block.start + step.first,
                step.line
            );
            if out.code != 0 {
                failures.push(format!("{where_}: {}", describe(&out)));
                continue;
            }
            if step.expected.is_empty() && !step.partial {
                continue;
            }
            let actual: Vec<String> = out.stdout.lines().map(str::to_string).collect();
            let shown = if step.partial {
                actual.iter().take(step.expected.len()).cloned().collect()
            } else {
                actual.clone()
            };
            if shown != step.expected {
                if bless {
                    rewrites.push((block.start + step.first, step.expected.len(), shown));
                } else {
                    failures.push(format!(
                        "{where_} prints otherwise (LANMAN_BLESS=1 to take the program's):\n--- README\n{}\n--- lanman\n{}",
                        step.expected.join("\n"),
                        shown.join("\n")
                    ));
                }
            }
        }
    }
    if bless && !rewrites.is_empty() {
        rewrites.sort_by_key(|r| std::cmp::Reverse(r.0));
        for (at, len, lines) in rewrites {
            readme.splice(at..at + len, lines);
        }
        std::fs::write(readme_path(), readme.join("\n") + "\n").expect("README written");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// ---- powershell ------------------------------------------------------------------------------

/// The lanman commands of the PowerShell examples run against their scene and exit 0; a
/// member read from `… | ConvertFrom-Json` has the value the example shows. PowerShell itself
/// cannot run here: the rest of each line (`Out-String | Invoke-Expression`, `reg import`) is
/// not run.
#[test]
fn readme_powershell_examples_run_their_lanman_commands() {
    let mut ran = 0;
    for block in readme_blocks("powershell") {
        let scene = scene(&block.name).expect("a known scene");
        let mut documents: Vec<(String, serde_json::Value)> = Vec::new();
        let mut lines = block.lines.iter().enumerate().peekable();
        while let Some((i, line)) = lines.next() {
            let line = line.strip_prefix("PS> ").unwrap_or(line);
            let where_ = format!("README.md line {}", block.start + i + 1);
            // `$server.idle_session_minutes` and the value under it.
            if let Some((var, member)) = line
                .strip_prefix('$')
                .and_then(|rest| rest.split_once('.'))
                .filter(|(_, m)| !m.contains(' '))
            {
                let document = documents
                    .iter()
                    .find(|(name, _)| name == var)
                    .map(|(_, d)| d)
                    .unwrap_or_else(|| panic!("{where_}: ${var} was not set by lanman"));
                let (_, shown) = lines
                    .next()
                    .unwrap_or_else(|| panic!("{where_}: the value of ${var}.{member} is shown"));
                assert_eq!(
                    document[member].to_string().trim_matches('"'),
                    shown.as_str(),
                    "{where_}: ${var}.{member}"
                );
                continue;
            }
            for statement in line.split("; ") {
                let (var, command) = match statement.split_once(" = ") {
                    Some((var, command)) if var.starts_with('$') => {
                        (Some(var.trim_start_matches('$')), command)
                    }
                    _ => (None, statement),
                };
                let first = command.split(" | ").next().unwrap_or_default().trim();
                let words = split_words(first);
                if words.first().map(String::as_str) != Some("lanman") {
                    continue; // not lanman's: PowerShell's own, or reg.exe's
                }
                let out = scene.lanman().args(&words[1..]).run();
                assert_eq!(out.code, 0, "{where_}: `{first}`\n{}", describe(&out));
                ran += 1;
                if let (Some(var), true) = (var, command.contains("ConvertFrom-Json")) {
                    documents.push((var.to_string(), out.json()));
                }
            }
        }
    }
    assert!(ran >= 4, "ran {ran} lanman commands");
}

// ---- sh and cargo run ------------------------------------------------------------------------

/// `cargo run … --bin lanman -- ARGS`: ARGS, run by the lanman under test from the repository.
#[test]
fn readme_cargo_run_lines_run() {
    for block in readme_blocks("cargo-run") {
        for line in &block.lines {
            let (_, args) = line.split_once(" -- ").expect("cargo run … -- ARGS");
            let out = Lanman::new()
                .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
                .args(split_words(args))
                .run();
            assert_eq!(out.code, 0, "`{line}`\n{}", describe(&out));
            assert!(!out.stdout.is_empty(), "`{line}` prints the settings");
        }
    }
}

/// "Try it without Windows": bash runs the block as a new user would, from the repository.
/// The script builds lanman with the fakes (`cargo build`, fast here: the test build made
/// them), and every command after it runs against the recordings and exits 0.
#[cfg(unix)] // the section is for Linux and macOS; on Windows lanman runs for real
#[test]
fn readme_try_it_without_windows_runs() {
    let block = readme_blocks("sh")
        .into_iter()
        .find(|b| b.name == "try-it")
        .expect("the try-it block");
    let mut script = String::from("set -e\n");
    for line in &block.lines {
        script.push_str(line);
        script.push('\n');
    }
    script.push_str("rm -rf \"$LANMAN_TRY_STATE\"\n");
    #[allow(clippy::disallowed_methods)] // the test runs bash, as the README's reader does
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // The developer's own overrides must not leak in; the script sets its own.
        .env_remove("LANMAN_NET")
        .env_remove("LANMAN_REG")
        .env_remove("LANMAN_SECEDIT")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    for shown in [
        "Server name                  DESKTOP-8GB0J2A",
        r"T:     Disconnected  \\FS01\scans",
        "autodisconnect: 15 -> 60 (via net)\n60\n",
        "This computer    DESKTOP-8GB0J2A, Windows 10 Pro 22H2, build 19045.5000",
        "\"dry_run\": true",
    ] {
        assert!(stdout.contains(shown), "lacks {shown:?}\n{stdout}");
    }
}

// ---- batch -----------------------------------------------------------------------------------

/// One run of a README batch block under cmd.exe: the scene's fakes set up for one branch.
#[cfg_attr(not(windows), allow(dead_code))] // run on the Windows lane; here only their blocks are checked
struct BatchCase {
    /// The marker's name.
    block: &'static str,
    /// What the case is about.
    name: &'static str,
    setup: fn(Lanman) -> Lanman,
    /// The script's exit code; `None` where the example leaves it to whatever cmd.exe had
    /// last (Wine's `for /f` passes the command's code on, Windows' is reported not to).
    code: Option<i32>,
    /// The script's stdout, lines trimmed.
    stdout: &'static str,
    /// What Wine's cmd.exe prints instead, where it is known to differ from Windows'
    /// (docs/windows.md#console-output); the Windows runners check `stdout`.
    wine_stdout: Option<&'static str>,
    /// Lines the log file (`%LOG%`) holds, in order, when the block writes one.
    log: &'static [&'static str],
}

/// Every batch block's branches (README.md, `<!-- readme-test: batch NAME -->`).
const BATCH_CASES: &[BatchCase] = &[
    BatchCase {
        block: "for-f",
        name: "the default",
        setup: |l| l,
        code: Some(0),
        stdout: "idle sessions drop after 15 minutes",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "for-f",
        name: "off",
        setup: |l| l.net_state("autodisconnect", "-1"),
        code: Some(0),
        stdout: "idle disconnect is off",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "for-f",
        name: "net.exe denied",
        setup: |l| l.net_mode("denied"),
        code: None,
        stdout: "lanman could not read autodisconnect",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-file",
        name: "no comment: an empty value",
        setup: |l| l,
        code: Some(0),
        stdout: "no comment",
        // Wine 8's `set /p` defines the variable from an empty CRLF line.
        wine_stdout: Some("comment:"),
        log: &[],
    },
    BatchCase {
        block: "errorlevel-file",
        name: "a comment",
        setup: |l| l.net_state("srvcomment", "File server"),
        code: Some(0),
        stdout: "comment: File server",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-file",
        name: "net.exe denied",
        setup: |l| l.net_mode("denied"),
        code: Some(1),
        stdout: "lanman failed with exit code 4",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "success falls through",
        setup: |l| l,
        code: Some(0),
        stdout: "",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "Group Policy sets another value (10)",
        setup: |l| l.policy_autodisconnect(60),
        code: Some(0),
        stdout: "reached managed_by_group_policy",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "Group Policy sets the same value: applied (0)",
        setup: |l| l.policy_autodisconnect(480),
        code: Some(0),
        stdout: "",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "the write did not take (9)",
        setup: |l| l.reg_mode("ignore-write"),
        code: Some(0),
        stdout: "reached change_did_not_take",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "reg.exe hangs on the write (8)",
        setup: |l| l.reg_mode("hang-write"),
        code: Some(0),
        stdout: "reached timed_out",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "reg.exe prints nothing lanman reads (7)",
        setup: |l| l.reg_mode("garbage"),
        code: Some(0),
        stdout: "reached not_understood",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "reg.exe is missing (6)",
        setup: |l| l.env("LANMAN_REG", r"C:\nowhere\reg.exe"),
        code: Some(0),
        stdout: "reached net_failed",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "access denied (4)",
        setup: |l| l.reg_mode("denied-write"),
        code: Some(0),
        stdout: "reached access_denied",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "errorlevel-ladder",
        name: "a bug (1)",
        setup: |l| l.env("LANMAN_TEST_PANIC", "1"),
        code: Some(0),
        stdout: "reached other_error",
        wine_stdout: None,
        log: &[],
    },
    BatchCase {
        block: "startup-script",
        name: "both values set",
        setup: |l| l,
        code: Some(0),
        stdout: "",
        wine_stdout: None,
        log: &[
            "autodisconnect: 15 (default) -> 480 (via registry)",
            "note: the Server service may apply the registry value only when it next starts",
            "keepconn: 600 (default) -> 65535 (via registry)",
        ],
    },
    BatchCase {
        block: "startup-script",
        name: "Group Policy sets another value (10)",
        setup: |l| l.policy_autodisconnect(60),
        code: Some(10),
        stdout: "",
        wine_stdout: None,
        log: &[
            "error: Group Policy sets autodisconnect to 60",
            "Group Policy sets autodisconnect: change it in the GPO",
        ],
    },
    BatchCase {
        block: "startup-script",
        name: "Group Policy sets 480 too: applied",
        setup: |l| l.policy_autodisconnect(480),
        code: Some(0),
        stdout: "",
        wine_stdout: None,
        log: &[
            "note: Group Policy sets autodisconnect to 480 too",
            "autodisconnect: 15 (default) -> 480 (via registry)",
            "keepconn: 600 (default) -> 65535 (via registry)",
        ],
    },
    BatchCase {
        block: "startup-script",
        name: "the write did not take (9)",
        setup: |l| l.reg_mode("ignore-write"),
        code: Some(9),
        stdout: "",
        wine_stdout: None,
        log: &[
            "error: autodisconnect did not take",
            "autodisconnect did not take",
        ],
    },
    BatchCase {
        block: "startup-script",
        name: "access denied (4)",
        setup: |l| l.reg_mode("denied-write"),
        code: Some(1),
        stdout: "",
        wine_stdout: None,
        log: &["error: access denied", "lanman failed with exit code 4"],
    },
];

/// A fragment that jumps to labels it does not define gets stand-ins that say which one was
/// reached (the README shows the `goto`s, not what a script does there).
fn with_missing_labels(script: &str) -> String {
    let defined: Vec<String> = script
        .lines()
        .filter_map(|l| l.trim().strip_prefix(':'))
        .map(str::to_ascii_lowercase)
        .collect();
    let mut out = script.to_string();
    let mut added = Vec::new();
    for line in script.lines() {
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("goto ") {
            let label = line[at + 5..].trim().to_string();
            if !label.starts_with(':')
                && !defined.contains(&label.to_ascii_lowercase())
                && !added.contains(&label)
            {
                added.push(label);
            }
        }
    }
    if !added.is_empty() {
        out.push_str("\nexit /b 0\n");
        for label in added {
            out.push_str(&format!(":{label}\necho reached {label}\nexit /b 0\n"));
        }
    }
    out
}

#[test]
fn missing_labels_get_stand_ins() {
    let script = "if errorlevel 9 goto did_not_take\ngoto :eof\n:mine\n";
    let full = with_missing_labels(script);
    assert!(full.ends_with(":did_not_take\necho reached did_not_take\nexit /b 0\n"));
    assert!(!full.contains(":eof\necho"));
}

/// Each README batch block, run by cmd.exe in each of its cases: the branch the fakes lead
/// to is the one the script takes.
#[cfg(windows)] // cmd.exe: the Windows lane (Wine's cmd.exe)
#[test]
fn readme_batch_files_take_the_branch_each_failure_leads_to() {
    let blocks = readme_blocks("batch");
    // The startup script logs to %SystemRoot%\Temp\lanman.log: its cases run one at a time.
    let system_root = std::env::var("SystemRoot").expect("SystemRoot");
    let log = Path::new(&system_root).join("Temp").join("lanman.log");
    // Wine's cmd.exe, not Windows': a few known differences (`BatchCase::wine_stdout`).
    let wine_cmd =
        lanman::sys::system_directory().is_some_and(|dir| dir.join("winecfg.exe").exists());
    let mut failures = Vec::new();
    for case in BATCH_CASES {
        let block = blocks
            .iter()
            .find(|b| b.name == case.block)
            .expect("the case's block");
        let scene = scene("win10").expect("win10");
        let script = scene.path(&format!("{}.cmd", case.block));
        // A fragment (no `@echo off` of its own) is run as part of a script that has one.
        let body = block.lines.join("\n");
        let body = if body.to_ascii_lowercase().starts_with("@echo off") {
            body
        } else {
            format!("@echo off\n{body}")
        };
        let text = with_missing_labels(&body).replace('\n', "\r\n");
        std::fs::write(&script, text).unwrap();
        let _ = std::fs::remove_file(&log);
        let lanman = (case.setup)(scene.lanman())
            // %TEMP% is this scene's own folder (errorlevel-file writes a file there).
            .env("TEMP", scene.path(""))
            .program(Path::new("cmd"))
            .args(["/c".into(), script.into_os_string()]);
        let out = lanman.run();
        let stdout: Vec<&str> = out.stdout.lines().map(str::trim).collect();
        let mut problems = Vec::new();
        if case.code.is_some_and(|code| code != out.code) {
            problems.push(format!("exit {} instead of {:?}", out.code, case.code));
        }
        let expected = match case.wine_stdout {
            Some(wine) if wine_cmd => wine,
            _ => case.stdout,
        };
        if stdout.join("\n") != expected {
            problems.push(format!("stdout {stdout:?} instead of {expected:?}"));
        }
        if !case.log.is_empty() {
            let bytes = std::fs::read(&log).unwrap_or_default();
            let text = crate::support::text_of(&bytes);
            let mut at = 0;
            for expected in case.log {
                match text[at..].find(expected) {
                    Some(found) => at += found + expected.len(),
                    None => problems.push(format!("the log lacks {expected:?} (in order)")),
                }
            }
            // One log, one kind of line end: lanman's and echo's lines both end in CRLF.
            let lone_lf = bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
                .count();
            if lone_lf > 0 {
                problems.push(format!("{lone_lf} lines of the log end in LF alone"));
            }
            if !problems.is_empty() {
                problems.push(format!("--- log\n{text}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} / {}: {}\n{}",
                case.block,
                case.name,
                problems.join("; "),
                describe(&out)
            ));
        }
    }
    let _ = std::fs::remove_file(&log);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
