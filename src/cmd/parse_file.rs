//! `lanman parse server|workstation [FILE]`: read a saved output; nothing runs.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::cli::ParseKind;
use crate::context::Context;
use crate::decode::{self, Encoding};
use crate::error::{Denied, Error, Failure};
use crate::output::{self, JsonParsed, JsonShare, JsonUse, Output};
use crate::parse::net_error::{NetFailure, classify_net_failure, net_says};
use crate::parse::{self, Kind};
use crate::settings::Side;

/// A saved `net config` output is about 1 KiB; anything this large is not one.
const MAX_INPUT: u64 = 8 << 20;

pub(super) fn parse(
    ctx: &Context,
    kind: ParseKind,
    file: Option<&Path>,
    encoding: Encoding,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let bytes = read_input(file, out)?;
    let decoded = decode::decode(&bytes, encoding, ctx.machine.oem_code_page());
    if decoded.lossy {
        out.warn(&format!(
            "some bytes are not valid {}; pass --encoding if the file is in another encoding",
            decoded.used
        ))?;
    }
    let kind = match kind {
        ParseKind::Server => Kind::Server,
        ParseKind::Workstation => Kind::Workstation,
        ParseKind::Use => return list(ctx, &decoded.text, false, out),
        ParseKind::Share => return list(ctx, &decoded.text, true, out),
    };
    let parsed = parse::parse_net_config(&decoded.text, kind)
        .map_err(|e| not_a_listing(&decoded.text, kind.command(), side(kind), &e.to_string()))?;
    let missing = parsed.config.missing();
    if !missing.is_empty() {
        out.warn(&format!(
            "the output is incomplete (a truncated capture?): no line for {}",
            missing.join(", ")
        ))?;
    }
    for warning in &parsed.warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&JsonParsed(&parsed))?;
    } else {
        out.stdout
            .write_all(output::config_text(&parsed.config).as_bytes())?;
    }
    Ok(())
}

fn side(kind: Kind) -> Side {
    match kind {
        Kind::Server => Side::Server,
        Kind::Workstation => Side::Client,
    }
}

/// A saved `net use` (`share == false`) or `net share` list.
fn list(ctx: &Context, text: &str, share: bool, out: &mut Output<'_>) -> Result<(), Error> {
    let (command, service) = if share {
        ("net share", Side::Server)
    } else {
        ("net use", Side::Client)
    };
    let refused = |e: parse::ListError| not_a_listing(text, command, service, &e.to_string());
    if share {
        let parsed = parse::parse_net_share(text).map_err(refused)?;
        for warning in &parsed.warnings {
            out.warn(&warning.to_string())?;
        }
        if ctx.json {
            out.json(&JsonShare(&parsed))?;
        } else {
            out.stdout
                .write_all(output::shares_text(&parsed.list).as_bytes())?;
        }
    } else {
        let parsed = parse::parse_net_use(text).map_err(refused)?;
        for warning in &parsed.warnings {
            out.warn(&warning.to_string())?;
        }
        if ctx.json {
            out.json(&JsonUse(&parsed))?;
        } else {
            out.stdout
                .write_all(output::connections_text(&parsed.list).as_bytes())?;
        }
    }
    Ok(())
}

/// Why a saved file is not a listing: net.exe's own failure, if that is what was saved
/// (the same texts the live path recognises), else the reader's reason.
fn not_a_listing(text: &str, command: &str, side: Side, reason: &str) -> Failure {
    match classify_net_failure(text, "") {
        Some(NetFailure::AccessDenied) => Failure::AccessDenied {
            doing: format!("in the saved output (`{command}` was refused)"),
            who: Denied::Saved,
        },
        Some(NetFailure::ServiceNotStarted) => Failure::ServiceNotRunning { side },
        Some(failure) => match net_says(text, "", &failure) {
            Some(said) => Failure::NotUnderstood(format!(
                "this is net.exe's error, not `{command}` output: {}",
                output::sanitize(&said)
            )),
            None => Failure::NotUnderstood(reason.to_string()),
        },
        None => Failure::NotUnderstood(reason.to_string()),
    }
}

fn read_input(file: Option<&Path>, out: &mut Output<'_>) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    let cannot_read = |what: &str, e: std::io::Error| Failure::File {
        action: "read",
        path: what.to_string(),
        detail: e.to_string(),
    };
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let display = path.display().to_string();
            let file = std::fs::File::open(path).map_err(|e| cannot_read(&display, e))?;
            file.take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| cannot_read(&display, e))?;
        }
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                out.note("reading `net config` output from the console; end it with Ctrl+Z then Enter (Ctrl+D elsewhere)")?;
            }
            stdin
                .lock()
                .take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| cannot_read("stdin", e))?;
        }
    }
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Failure::NotUnderstood(format!(
            "the input is larger than {} MiB; a `net config` output is about 1 KiB",
            MAX_INPUT >> 20
        ))
        .into());
    }
    Ok(bytes)
}
