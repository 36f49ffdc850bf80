//! The registry through the Win32 API (docs/windows.md#registry-api): keys are enumerated with
//! `RegEnumValueW` (which gives each value's stored name case, type and bytes), values written
//! with `RegSetValueExW` and deleted with `RegDeleteValueW`, another computer reached with
//! `RegConnectRegistryW`. Failures are Win32 error numbers, mapped by `win32`.
//!
//! `RegConnectRegistryW` and the calls on its handle take no timeout. Each remote read or write
//! therefore runs on a thread of its own, which lanman stops waiting for at `--timeout`; a hung
//! call is abandoned there and ends with the process. (A scoped thread would be joined, and so
//! wait for the hung call.)

use std::sync::mpsc;

use super::super::Machine;
use super::win32::{self, NOT_FOUND, Op};
use super::{RegAction, RegChange, Registry, reg_exe, to_write};
use crate::error::Failure;
use crate::parse::reg::{RegData, RegKey, RegValue};
use crate::settings::Host;
use crate::sys::registry::{self as sys, Key, Root};

/// The Win32 API's path.
pub(super) struct Api;

impl Registry for Api {
    fn read_keys(
        &self,
        machine: &Machine,
        host: Option<&Host>,
        keys: &[&str],
    ) -> Result<Vec<RegKey>, Failure> {
        if machine.exec.verbose() {
            for key in keys {
                eprintln!(
                    "lanman: registry API: {}",
                    reg_exe::query_invocation(host, key)
                );
            }
        }
        match host {
            None => read(None, keys),
            Some(host) => {
                let owned_host = host.clone();
                let owned_keys: Vec<String> = keys.iter().map(|k| (*k).to_string()).collect();
                with_deadline(machine, host, "reading", move || {
                    let keys: Vec<&str> = owned_keys.iter().map(String::as_str).collect();
                    read(Some(&owned_host), &keys)
                })
            }
        }
    }

    fn change(&self, machine: &Machine, change: &RegChange) -> Result<bool, Failure> {
        if machine.exec.verbose() {
            eprintln!("lanman: registry API: {change}");
        }
        match &change.host {
            None => write(change),
            Some(host) => {
                let owned = change.clone();
                with_deadline(machine, host, "changing", move || write(&owned))
            }
        }
    }
}

/// Run `call` (a remote read or write) on a thread of its own; give up waiting at `--timeout`.
fn with_deadline<T: Send + 'static>(
    machine: &Machine,
    host: &Host,
    doing: &str,
    call: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(format!("registry of {}", host.name()))
        .spawn(move || {
            // lanman may have stopped waiting: then nobody is left to tell.
            let _ = sender.send(call());
        });
    if let Err(e) = spawned {
        return Err(Failure::ProgramFailed {
            program: format!("{doing} the registry of {}", host.name()),
            status: "could not start a thread".to_string(),
            detail: e.to_string(),
        });
    }
    match receiver.recv_timeout(machine.exec.timeout()) {
        Ok(answer) => answer,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut {
            program: format!("{doing} the registry of {}", host.name()),
            seconds: machine.timeout_seconds(),
        }),
        // The thread ended without answering: it panicked (and said so on stderr).
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::ProgramFailed {
            program: format!("{doing} the registry of {}", host.name()),
            status: "stopped".to_string(),
            detail: "the registry call ended without an answer".to_string(),
        }),
    }
}

/// `HKLM\rest` → the root and `rest`.
fn split_root(key: &str) -> Result<(Root, &str), Failure> {
    let (root, rest) = key.split_once('\\').unwrap_or((key, ""));
    match root.to_ascii_uppercase().as_str() {
        "HKLM" | "HKEY_LOCAL_MACHINE" => Ok((Root::LocalMachine, rest)),
        "HKU" | "HKEY_USERS" => Ok((Root::Users, rest)),
        _ => Err(Failure::InvalidValue(format!(
            "lanman reads only HKLM and HKU, not {key}"
        ))),
    }
}

/// The root key of `host` (this computer when `None`).
fn root_key(host: Option<&Host>, root: Root, op: Op<'_>) -> Result<Key, Failure> {
    seam::before_call(host, op)?;
    match host {
        None => Ok(sys::local(root)),
        Some(host) => sys::connect(host.name(), root).map_err(|code| win32::failure(code, op)),
    }
}

/// The listing of each key, through one connection to `host`.
fn read(host: Option<&Host>, keys: &[&str]) -> Result<Vec<RegKey>, Failure> {
    let mut connected: Option<(Root, Key)> = None;
    let mut listings = Vec::with_capacity(keys.len());
    for key in keys {
        let op = Op {
            host,
            key,
            changing: false,
        };
        let (root, path) = split_root(key)?;
        // One connection per root and computer, kept for the next key.
        let (_, parent) = match connected.take() {
            Some((r, parent)) if r == root => connected.insert((r, parent)),
            _ => connected.insert((root, root_key(host, root, op)?)),
        };
        let opened = match sys::open_to_read(parent, path) {
            Ok(opened) => opened,
            // A key that does not exist has no values.
            Err(NOT_FOUND) => {
                listings.push(RegKey::default());
                continue;
            }
            Err(code) => return Err(win32::failure(code, op)),
        };
        let values = sys::values(&opened).map_err(|code| win32::failure(code, op))?;
        listings.push(RegKey {
            path: Some(echoed_path(host, key)),
            values: values
                .into_iter()
                .map(|raw| RegValue {
                    data: RegData::from_raw(raw.kind, &raw.data),
                    name: raw.name,
                })
                .collect(),
        });
    }
    Ok(listings)
}

/// The key's path as reg.exe echoes it: the root spelled out.
fn echoed_path(host: Option<&Host>, key: &str) -> String {
    let full = match key.split_once('\\') {
        Some((root, rest)) if root.eq_ignore_ascii_case("HKLM") => {
            format!("HKEY_LOCAL_MACHINE\\{rest}")
        }
        Some((root, rest)) if root.eq_ignore_ascii_case("HKU") => format!("HKEY_USERS\\{rest}"),
        _ => key.to_string(),
    };
    match host {
        Some(host) => format!("\\\\{}\\{full}", host.name()),
        None => full,
    }
}

/// Make `change`; `Ok(false)`: a value to delete was not there.
fn write(change: &RegChange) -> Result<bool, Failure> {
    let host = change.host.as_ref();
    let op = Op {
        host,
        key: change.key,
        changing: true,
    };
    let (root, path) = split_root(change.key)?;
    let parent = root_key(host, root, op)?;
    let fail = |code| win32::failure(code, op);
    match &change.action {
        RegAction::Set(data) => {
            let (kind, bytes) = to_write(data)?;
            let key = sys::create_to_write(&parent, path).map_err(fail)?;
            sys::set_value(&key, &change.name, kind, &bytes).map_err(fail)?;
            Ok(true)
        }
        RegAction::Delete => {
            let key = match sys::open_to_write(&parent, path) {
                Ok(key) => key,
                Err(NOT_FOUND) => return Ok(false),
                Err(code) => return Err(fail(code)),
            };
            match sys::delete_value(&key, &change.name) {
                Ok(()) => Ok(true),
                Err(NOT_FOUND) => Ok(false),
                Err(code) => Err(fail(code)),
            }
        }
    }
}

/// For lanman's tests only, and only in a build with the `test-fakes` feature (never a release
/// build): environment variables that make the API path fail or hang as a real network can,
/// which Wine cannot (it answers for its own computer name and fails at once for others).
///
/// | variable | effect |
/// |---|---|
/// | `LANMAN_TEST_REG_ERROR` | every registry call fails with this Win32 error number (`write:N`: only changes do) |
/// | `LANMAN_TEST_REG_HANG` | comma-separated hosts (or `*`) whose registry never answers |
#[cfg(feature = "test-fakes")]
mod seam {
    use super::{Failure, Host, Op, win32};

    pub(super) fn before_call(host: Option<&Host>, op: Op<'_>) -> Result<(), Failure> {
        let error = std::env::var("LANMAN_TEST_REG_ERROR").unwrap_or_default();
        let (writes_only, code) = match error.strip_prefix("write:") {
            Some(code) => (true, code),
            None => (false, error.as_str()),
        };
        if let Ok(code) = code.parse::<u32>() {
            if op.changing || !writes_only {
                return Err(win32::failure(code, op));
            }
        }
        let hangs = std::env::var("LANMAN_TEST_REG_HANG").unwrap_or_default();
        if let Some(host) = host {
            if hangs == "*"
                || hangs
                    .split(',')
                    .any(|h| h.eq_ignore_ascii_case(host.name()))
            {
                // As RegConnectRegistryW to a host that never answers: this thread never
                // returns, and lanman stops waiting for it at --timeout.
                loop {
                    std::thread::park();
                }
            }
        }
        Ok(())
    }
}

#[cfg(not(feature = "test-fakes"))]
mod seam {
    use super::{Failure, Host, Op};

    #[inline(always)]
    pub(super) fn before_call(_host: Option<&Host>, _op: Op<'_>) -> Result<(), Failure> {
        Ok(())
    }
}
