//! `lanman parse server|workstation [FILE]`: read a saved output; nothing runs.

use std::io::{IsTerminal, Read};
use std::path::Path;

use color_eyre::eyre::Result;

use crate::Context;
use crate::cli::ParseKind;
use crate::decode::{self, Encoding};
use crate::error::Failure;
use crate::output::{self, JsonParsed, Output};
use crate::parse;

/// A saved `net config` output is about 1 KiB; anything this large is not one.
const MAX_INPUT: u64 = 8 << 20;

pub(crate) fn parse(
    ctx: &Context,
    kind: ParseKind,
    file: Option<&Path>,
    encoding: Encoding,
    out: &mut Output<'_>,
) -> Result<()> {
    let bytes = read_input(file, out)?;
    let decoded = decode::decode(&bytes, encoding, ctx.oem_code_page);
    if decoded.lossy {
        out.warn(&format!(
            "some bytes are not valid {}; pass --encoding if the file is in another encoding",
            decoded.used
        ))?;
    }
    let not_understood = |e: parse::ParseError| Failure::NotUnderstood(e.to_string());
    match kind {
        ParseKind::Server => {
            let parsed = parse::parse_server(&decoded.text).map_err(not_understood)?;
            report(&parsed, out)?;
            if ctx.json {
                out.json(&JsonParsed::new(&parsed))?;
            } else {
                out.stdout
                    .write_all(output::server_text(&parsed.config).as_bytes())?;
            }
        }
        ParseKind::Workstation => {
            let parsed = parse::parse_workstation(&decoded.text).map_err(not_understood)?;
            report(&parsed, out)?;
            if ctx.json {
                out.json(&JsonParsed::new(&parsed))?;
            } else {
                out.stdout
                    .write_all(output::workstation_text(&parsed.config).as_bytes())?;
            }
        }
    }
    Ok(())
}

/// A saved output may be cut short: report what is missing, then show what is there.
fn report<T>(parsed: &parse::Parsed<T>, out: &mut Output<'_>) -> Result<()> {
    if !parsed.missing.is_empty() {
        out.warn(&format!(
            "the output is incomplete (a truncated capture?): no line for {}",
            parsed.missing.join(", ")
        ))?;
    }
    for warning in &parsed.warnings {
        out.warn(warning)?;
    }
    Ok(())
}

fn read_input(file: Option<&Path>, out: &mut Output<'_>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let cannot_read =
        |what: &str, e: std::io::Error| Failure::InvalidValue(format!("cannot read {what}: {e}"));
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
