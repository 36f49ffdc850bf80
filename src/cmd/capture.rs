//! `lanman capture [DIR]`: save the raw output of every command lanman reads, the registry
//! values it reads (as a `.reg` file), and the facts needed to read them again (code pages,
//! display language, Windows build), into one folder for a bug report. Changes nothing on the
//! machine (docs/windows.md#capture).

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use crate::context::Context;
use crate::encode::{self, Charset};
use crate::error::{Error, ErrorJson, Failure};
use crate::machine::capture::capture_invocations;
use crate::machine::registry::CURRENT_VERSION_KEY;
use crate::output::{self, Output};
use crate::parse::os_version::OsVersion;
use crate::settings::Side;

#[derive(Serialize)]
struct CommandRecord {
    command: String,
    /// The stdout bytes, unchanged; `null` when the command could not run.
    file: Option<String>,
    /// The stderr bytes, when there were any.
    stderr_file: Option<String>,
    bytes: usize,
    exit_status: Option<i32>,
    timed_out: bool,
    /// Why it could not run or was cut; `null` when it ran to its end.
    error: Option<String>,
}

#[derive(Serialize)]
struct KeyRecord {
    key: String,
    values: usize,
    error: Option<String>,
}

/// `manifest.json`, and `capture --json`: members in the README's order. What a failure left
/// unread is `null`.
#[derive(Serialize)]
struct Manifest {
    lanman_version: &'static str,
    time: String,
    directory: Option<String>,
    oem_code_page: u16,
    ansi_code_page: u16,
    console_output_code_page: Option<u16>,
    display_language: Option<String>,
    elevated: Option<bool>,
    windows: Option<OsVersion>,
    commands: Option<Vec<CommandRecord>>,
    registry_file: Option<String>,
    registry: Option<Vec<KeyRecord>>,
    warnings: Vec<String>,
    error: Option<ErrorJson>,
}

fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::cannot_write(path, &e))
}

/// `lanman-capture-<UTC time>` in the current folder.
fn default_directory(now: Timestamp) -> PathBuf {
    // `2026-03-02T08:00:00Z` as `20260302T080000Z`: no `:` in a Windows file name.
    let stamp: String = crate::measure::watch::rfc3339(now)
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect();
    PathBuf::from(format!("lanman-capture-{stamp}"))
}

/// The folder to fill: an existing folder must be empty, so nothing of the user's is
/// overwritten.
fn prepare(dir: &Path) -> Result<(), Failure> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(Failure::InvalidValue(format!(
            "{} is not empty; give a new or empty folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure::cannot_write(dir, &e))
}

pub(super) fn capture(
    ctx: &Context,
    dir: Option<PathBuf>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let now = crate::clock::now();
    let mut manifest = Manifest {
        lanman_version: env!("CARGO_PKG_VERSION"),
        time: crate::measure::watch::rfc3339(now),
        directory: None,
        oem_code_page: crate::sys::oem_code_page(),
        ansi_code_page: crate::sys::ansi_code_page(),
        console_output_code_page: crate::sys::console_output_code_page(),
        display_language: crate::sys::display_language(),
        elevated: crate::sys::is_elevated(),
        windows: None,
        commands: None,
        registry_file: None,
        registry: None,
        warnings: Vec::new(),
        error: None,
    };
    let result = save(ctx, dir, now, &mut manifest, out);
    // A failure prints the manifest as far as it got, with `error`.
    super::document_on_failure(ctx, out, result, |error| Manifest {
        error: Some(error),
        ..manifest
    })
}

/// Run, save and say what was saved, filling `manifest` as it goes.
fn save(
    ctx: &Context,
    dir: Option<PathBuf>,
    now: Timestamp,
    manifest: &mut Manifest,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let dir = dir.unwrap_or_else(|| default_directory(now));
    manifest.directory = Some(dir.display().to_string());
    prepare(&dir)?;
    let machine = &ctx.machine;
    let invocations = capture_invocations();
    let keys = [
        Side::Server.parameters_key(),
        Side::Client.parameters_key(),
        CURRENT_VERSION_KEY,
    ];
    // Every command and key at once, each with its own deadline.
    let (runs, reads) = std::thread::scope(|scope| {
        let runs: Vec<_> = invocations
            .iter()
            .map(|(_, invocation)| scope.spawn(move || machine.raw(invocation)))
            .collect();
        let reads: Vec<_> = keys
            .iter()
            .map(|key| scope.spawn(move || machine.reg_query(None, key)))
            .collect();
        (
            runs.into_iter().map(join).collect::<Vec<_>>(),
            reads.into_iter().map(join).collect::<Vec<_>>(),
        )
    });

    let mut commands = Vec::new();
    for ((stem, invocation), run) in invocations.iter().zip(runs) {
        let record = match run {
            Ok(raw) => {
                let file = format!("{stem}.txt");
                write(&dir.join(&file), &raw.stdout)?;
                let stderr_file = (!raw.stderr.is_empty()).then(|| format!("{stem}.stderr.txt"));
                if let Some(name) = &stderr_file {
                    write(&dir.join(name), &raw.stderr)?;
                }
                let error = if raw.timed_out {
                    Some("stopped at the --timeout deadline".to_string())
                } else if raw.overflowed {
                    Some("printed more than 1 MiB; the rest was not kept".to_string())
                } else {
                    None
                };
                CommandRecord {
                    command: invocation.to_string(),
                    file: Some(file),
                    stderr_file,
                    bytes: raw.stdout.len(),
                    exit_status: raw.status,
                    timed_out: raw.timed_out,
                    error,
                }
            }
            Err(failure) => CommandRecord {
                command: invocation.to_string(),
                file: None,
                stderr_file: None,
                bytes: 0,
                exit_status: None,
                timed_out: false,
                error: Some(failure.to_string()),
            },
        };
        commands.push(record);
    }
    manifest.commands = Some(commands);

    let mut registry = Vec::new();
    let mut exported = Vec::new();
    for (key, read) in keys.iter().zip(&reads) {
        match read {
            Ok(values) => {
                let path = values
                    .path
                    .clone()
                    .unwrap_or_else(|| key.replacen("HKLM\\", "HKEY_LOCAL_MACHINE\\", 1));
                registry.push(KeyRecord {
                    key: (*key).to_string(),
                    values: values.values.len(),
                    error: None,
                });
                exported.push((path, values));
                if *key == CURRENT_VERSION_KEY {
                    manifest.windows = Some(OsVersion::from_key(values));
                }
            }
            Err(failure) => registry.push(KeyRecord {
                key: (*key).to_string(),
                values: 0,
                error: Some(failure.to_string()),
            }),
        }
    }
    manifest.registry = Some(registry);
    // regedit's own format and bytes: UTF-16LE with a byte-order mark (docs/windows.md#reg-files).
    let registry_file = "registry.reg".to_string();
    let mut reg = vec![0xFF, 0xFE];
    reg.extend(encode::encode(&output::reg_export(&exported), Charset::Utf16Le).bytes);
    write(&dir.join(&registry_file), &reg)?;
    manifest.registry_file = Some(registry_file);

    // What could not be saved is warned about, and kept in the manifest's `warnings`.
    for c in manifest.commands.iter().flatten() {
        match (&c.file, &c.error) {
            (Some(_), Some(error)) => out.warn(&format!("`{}`: {error}", c.command))?,
            (None, error) => out.warn(&format!(
                "`{}` could not run: {}",
                c.command,
                error.as_deref().unwrap_or("unknown")
            ))?,
            (Some(_), None) => {}
        }
    }
    for k in manifest.registry.iter().flatten() {
        if let Some(error) = &k.error {
            out.warn(&format!("{}: {error}", k.key))?;
        }
    }
    manifest.warnings = out.warnings.clone();
    let json = output::json_text(&*manifest)?;
    write(&dir.join("manifest.json"), format!("{json}\n").as_bytes())?;

    if ctx.json {
        out.json(&*manifest)?;
        return Ok(());
    }
    out.say(&format!("saved in {}:", dir.display()))?;
    for c in manifest.commands.iter().flatten() {
        let Some(file) = &c.file else { continue };
        match &c.error {
            None => out.say(&format!(
                "  {file:<34} {} bytes from `{}` (exit status {}{})",
                c.bytes,
                c.command,
                c.exit_status.map_or("none".to_string(), |s| s.to_string()),
                c.stderr_file
                    .as_deref()
                    .map(|f| format!("; its errors in {f}"))
                    .unwrap_or_default()
            ))?,
            Some(_) => out.say(&format!(
                "  {file:<34} {} bytes from `{}`",
                c.bytes, c.command
            ))?,
        }
    }
    out.say(&format!(
        "  {:<34} the registry values lanman reads ({} keys)",
        "registry.reg",
        manifest
            .registry
            .iter()
            .flatten()
            .filter(|k| k.error.is_none())
            .count()
    ))?;
    out.say(&format!(
        "  {:<34} code pages (OEM {}), display language, Windows build, what each command did",
        "manifest.json", manifest.oem_code_page
    ))?;
    out.note("nothing on this machine was changed; look the files over before you attach them (they hold computer, user and share names)")?;
    Ok(())
}
