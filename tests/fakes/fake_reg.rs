//! For lanman's tests only: a stateful stand-in for reg.exe, selected with `LANMAN_REG`.
//!
//! It keeps a tiny registry in `$FAKE_REG_STATE/registry.txt` (one value per line:
//! `HOST|KEY|NAME|TYPE|DATA`, HOST empty for this machine, KEY with the root spelled out), so a
//! later `query` sees an earlier `add` or `delete`. Output follows reg.exe's recorded layout
//! (docs/windows.md#reg-exe): an empty line, the key path as typed with the root expanded, then
//! `    name    TYPE    data` lines, DWORDs as `0x` lower-case hex; errors on stderr, exit 1.
//!
//! | variable | effect |
//! |---|---|
//! | `FAKE_REG_STATE` | directory holding `registry.txt` (required for add/delete) |
//! | `FAKE_REG_LOG` | file that gets one JSON array of argv per call |
//! | `FAKE_REG_MODE` | `ok` (default), `denied`, `denied-write`, `ignore-write` (say success, change nothing), `hang`, `hang-write`, `garbage` |
//! | `FAKE_REG_UNREACHABLE` | comma-separated hosts (or `*`) whose remote registry cannot be reached |
//! | `FAKE_REG_HANG` | comma-separated hosts (or `*`) whose remote registry never answers |
//! | `FAKE_REG_DENIED` | comma-separated hosts whose remote registry refuses this user (access denied) |
//! | `FAKE_REG_NOT_WINDOWS` | comma-separated hosts that answer as Samba does: no `LanmanServer\Parameters` unless `registry.txt` has values there |
//! | `FAKE_REG_REMOTE_ECHO` | `typed`: echo a remote key with its root as typed (`\\HOST\HKLM\…`), not spelled out; no capture says which reg.exe does |
//! | `FAKE_SLEEP_MS`, `FAKE_BARRIER_DIR` + `FAKE_BARRIER_COUNT` | see `common.rs` |
//!
//! The LanmanServer and LanmanWorkstation `Parameters` keys always exist, as on Windows.
#![forbid(unsafe_code)]

#[path = "common.rs"]
mod common;

use std::io::Write;
use std::path::PathBuf;

use common::var;

const NOT_FOUND: &str =
    "ERROR: The system was unable to find the specified registry key or value.\r\n";
const DENIED: &str = "ERROR: Access is denied.\r\n";
const UNREACHABLE: &str = "ERROR: The network path was not found.\r\n";
const DONE: &str = "The operation completed successfully.\r\n\r\n";
const SYNTAX: &str = "ERROR: Invalid syntax.\r\nType \"REG /?\" for usage.\r\n";

const EXISTING_KEYS: &[&str] = &[
    r"HKEY_LOCAL_MACHINE\SYSTEM\CURRENTCONTROLSET\SERVICES\LANMANSERVER\PARAMETERS",
    r"HKEY_LOCAL_MACHINE\SYSTEM\CURRENTCONTROLSET\SERVICES\LANMANWORKSTATION\PARAMETERS",
];

#[derive(Clone, Debug)]
struct Entry {
    host: String,
    key: String,
    name: String,
    kind: String,
    data: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    common::log_call("FAKE_REG", &args);
    common::maybe_barrier();
    common::maybe_sleep();
    let mode = var("FAKE_REG_MODE").unwrap_or_else(|| "ok".to_string());
    match mode.as_str() {
        "denied" => fail(DENIED),
        "hang" => common::hang(),
        "garbage" => {
            std::io::stdout().write_all(&common::garbage()).ok();
            std::process::exit(0);
        }
        _ => {}
    }
    let Some(operation) = args.first().map(|a| a.to_ascii_lowercase()) else {
        fail(SYNTAX)
    };
    let Some(typed_key) = args.get(1) else {
        fail(SYNTAX)
    };
    let (host, typed_rest) = split_host(typed_key);
    if let Some(host) = &host {
        let listed = |var_name: &str| {
            let hosts = var(var_name).unwrap_or_default();
            hosts == "*" || hosts.split(',').any(|h| h.eq_ignore_ascii_case(host))
        };
        if listed("FAKE_REG_UNREACHABLE") {
            fail(UNREACHABLE);
        }
        if listed("FAKE_REG_HANG") {
            common::hang();
        }
        if listed("FAKE_REG_DENIED") {
            fail(DENIED);
        }
    }
    let not_windows = host.as_deref().is_some_and(|h| {
        var("FAKE_REG_NOT_WINDOWS")
            .unwrap_or_default()
            .split(',')
            .any(|n| n.eq_ignore_ascii_case(h))
    });
    let host = host.unwrap_or_default();
    let Some(key) = expand_root(&typed_rest) else {
        fail(SYNTAX)
    };
    let option = |flag: &str| {
        args.iter()
            .position(|a| a.eq_ignore_ascii_case(flag))
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let forced = args.iter().any(|a| a.eq_ignore_ascii_case("/f"));
    let mut registry = load();
    let key_upper = key.to_ascii_uppercase();
    let find = |registry: &[Entry], name: &str| {
        registry.iter().position(|e| {
            e.host.eq_ignore_ascii_case(&host)
                && e.key.eq_ignore_ascii_case(&key_upper)
                && e.name.eq_ignore_ascii_case(name)
        })
    };
    let writes = matches!(operation.as_str(), "add" | "delete");
    if writes && mode == "denied-write" {
        fail(DENIED);
    }
    if writes && mode == "hang-write" {
        common::hang();
    }
    match operation.as_str() {
        "query" => {
            let exists = (!not_windows && EXISTING_KEYS.contains(&key_upper.as_str()))
                || registry.iter().any(|e| {
                    e.host.eq_ignore_ascii_case(&host) && e.key.eq_ignore_ascii_case(&key_upper)
                });
            if !exists {
                fail(NOT_FOUND);
            }
            let wanted = option("/v");
            let values: Vec<&Entry> = registry
                .iter()
                .filter(|e| {
                    e.host.eq_ignore_ascii_case(&host) && e.key.eq_ignore_ascii_case(&key_upper)
                })
                .filter(|e| {
                    wanted
                        .as_ref()
                        .is_none_or(|w| e.name.eq_ignore_ascii_case(w))
                })
                .collect();
            if wanted.is_some() && values.is_empty() {
                fail(NOT_FOUND);
            }
            let echoed = match host.as_str() {
                "" => key.clone(),
                h if var("FAKE_REG_REMOTE_ECHO").as_deref() == Some("typed") => {
                    format!("\\\\{h}\\{typed_rest}")
                }
                h => format!("\\\\{h}\\{key}"),
            };
            let mut out = format!("\r\n{echoed}\r\n");
            for e in values {
                out.push_str(&format!("    {}    {}    {}\r\n", e.name, e.kind, e.data));
            }
            out.push_str("\r\n");
            std::io::stdout().write_all(out.as_bytes()).ok();
        }
        "add" => {
            let (Some(name), Some(kind), Some(data)) = (option("/v"), option("/t"), option("/d"))
            else {
                fail(SYNTAX)
            };
            let data = match kind.to_ascii_uppercase().as_str() {
                "REG_DWORD" => match parse_dword(&data) {
                    Some(n) => format!("0x{n:x}"),
                    None => fail(SYNTAX),
                },
                "REG_SZ" => data,
                _ => fail(SYNTAX),
            };
            let existing = find(&registry, &name);
            if existing.is_some() && !forced {
                prompt(&format!("Value {name} exists, overwrite(Yes/No)? "));
            }
            if mode != "ignore-write" {
                let entry = Entry {
                    host: host.clone(),
                    key: key_upper.clone(),
                    name,
                    kind: kind.to_ascii_uppercase(),
                    data,
                };
                match existing {
                    Some(i) => registry[i] = entry,
                    None => registry.push(entry),
                }
                save(&registry);
            }
            std::io::stdout().write_all(DONE.as_bytes()).ok();
        }
        "delete" => {
            let Some(name) = option("/v") else {
                fail(SYNTAX)
            };
            let Some(i) = find(&registry, &name) else {
                fail(NOT_FOUND)
            };
            if !forced {
                prompt(&format!("Delete the registry value {name} (Yes/No)? "));
            }
            if mode != "ignore-write" {
                registry.remove(i);
                save(&registry);
            }
            std::io::stdout().write_all(DONE.as_bytes()).ok();
        }
        _ => fail(SYNTAX),
    }
}

fn fail(stderr: &str) -> ! {
    std::io::stderr().write_all(stderr.as_bytes()).ok();
    std::process::exit(1)
}

/// reg.exe asks before overwriting or deleting without `/f`. lanman must never get here: with
/// stdin closed the answer is end-of-file, which cancels.
fn prompt(text: &str) -> ! {
    let mut out = std::io::stdout();
    out.write_all(text.as_bytes()).ok();
    out.flush().ok();
    common::stdin_is_empty();
    fail("ERROR: The operation was canceled by the user (no /f).\r\n")
}

fn split_host(typed: &str) -> (Option<String>, String) {
    match typed
        .strip_prefix("\\\\")
        .and_then(|rest| rest.split_once('\\'))
    {
        Some((host, rest)) => (Some(host.to_string()), rest.to_string()),
        None => (None, typed.to_string()),
    }
}

/// `HKLM\…` → `HKEY_LOCAL_MACHINE\…`, the rest as typed.
fn expand_root(typed: &str) -> Option<String> {
    let (root, rest) = typed.split_once('\\').unwrap_or((typed, ""));
    let root = match root.to_ascii_uppercase().as_str() {
        "HKLM" | "HKEY_LOCAL_MACHINE" => "HKEY_LOCAL_MACHINE",
        "HKCU" | "HKEY_CURRENT_USER" => "HKEY_CURRENT_USER",
        _ => return None,
    };
    Some(if rest.is_empty() {
        root.to_string()
    } else {
        format!("{root}\\{rest}")
    })
}

fn parse_dword(data: &str) -> Option<u32> {
    match data.strip_prefix("0x").or_else(|| data.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => data.parse().ok(),
    }
}

fn state_file() -> Option<PathBuf> {
    var("FAKE_REG_STATE").map(|d| PathBuf::from(d).join("registry.txt"))
}

fn load() -> Vec<Entry> {
    let Some(path) = state_file() else {
        return Vec::new();
    };
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(5, '|');
            Some(Entry {
                host: parts.next()?.to_string(),
                key: parts.next()?.to_ascii_uppercase(),
                name: parts.next()?.to_string(),
                kind: parts.next()?.to_string(),
                data: parts.next()?.to_string(),
            })
        })
        .collect()
}

fn save(registry: &[Entry]) {
    let Some(path) = state_file() else {
        fail("fake-reg: FAKE_REG_STATE is not set\r\n")
    };
    let text: String = registry
        .iter()
        .map(|e| format!("{}|{}|{}|{}|{}\n", e.host, e.key, e.name, e.kind, e.data))
        .collect();
    std::fs::write(path, text).expect("registry saved");
}
