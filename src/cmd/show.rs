//! `lanman server` / `lanman workstation`: run net, show the parsed settings.

use color_eyre::eyre::Result;

use crate::Context;
use crate::error::{Failure, Service};
use crate::output::{self, JsonParsed, Output};
use crate::parse::{self, Parsed, ServerConfig, WorkstationConfig};

pub(crate) fn server(ctx: &Context, out: &mut Output<'_>) -> Result<()> {
    let parsed = read_server(ctx, Some(out))?;
    if ctx.json {
        out.json(&JsonParsed::new(&parsed))?;
    } else {
        out.stdout
            .write_all(output::server_text(&parsed.config).as_bytes())?;
    }
    Ok(())
}

pub(crate) fn workstation(ctx: &Context, out: &mut Output<'_>) -> Result<()> {
    let parsed = read_workstation(ctx, Some(out))?;
    if ctx.json {
        out.json(&JsonParsed::new(&parsed))?;
    } else {
        out.stdout
            .write_all(output::workstation_text(&parsed.config).as_bytes())?;
    }
    Ok(())
}

/// Run and parse `net config server`; warnings go to stderr. A line missing from a live
/// output is an error: net.exe prints them all.
/// `warn`: where to print warnings (`get` prints none: its own value's problem is its error).
pub(crate) fn read_server(
    ctx: &Context,
    warn: Option<&mut Output<'_>>,
) -> Result<Parsed<ServerConfig>> {
    let text = ctx.tools().net_config(Service::Server)?;
    let parsed = parse::parse_server(&text.stdout)
        .map_err(|e| Failure::NotUnderstood(format!("`net config server`: {e}")))?;
    finish_live(parsed, text.lossy, "net config server", warn)
}

pub(crate) fn read_workstation(
    ctx: &Context,
    warn: Option<&mut Output<'_>>,
) -> Result<Parsed<WorkstationConfig>> {
    let text = ctx.tools().net_config(Service::Workstation)?;
    let parsed = parse::parse_workstation(&text.stdout)
        .map_err(|e| Failure::NotUnderstood(format!("`net config workstation`: {e}")))?;
    finish_live(parsed, text.lossy, "net config workstation", warn)
}

fn finish_live<T>(
    parsed: Parsed<T>,
    lossy: bool,
    command: &str,
    warn: Option<&mut Output<'_>>,
) -> Result<Parsed<T>> {
    if !parsed.missing.is_empty() {
        // The first warning says why, when a damaged or unfamiliar line is the reason a line
        // could not be placed (it would otherwise be printed only on success).
        let why = parsed
            .warnings
            .first()
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        return Err(Failure::NotUnderstood(format!(
            "`{command}` printed no line for {}{why}",
            parsed.missing.join(", ")
        ))
        .into());
    }
    if let Some(out) = warn {
        if lossy {
            out.warn(&format!(
                "some bytes of `{command}` output could not be decoded"
            ))?;
        }
        for warning in &parsed.warnings {
            out.warn(warning)?;
        }
    }
    Ok(parsed)
}
