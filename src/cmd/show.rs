//! `lanman server` / `lanman workstation`: run net, show the parsed settings.

use crate::context::Context;
use crate::error::Error;
use crate::output::{self, JsonParsed, Output};
use crate::parse::Kind;

pub(super) fn show(ctx: &Context, kind: Kind, out: &mut Output<'_>) -> Result<(), Error> {
    let read = match kind {
        Kind::Server => ctx.machine.server_config_as_printed(),
        Kind::Workstation => ctx.machine.net_config_as_printed(kind),
    };
    let live = match read {
        Ok(live) => live,
        Err(failure) => {
            let error = Error::from(failure);
            if ctx.json {
                out.json(&JsonParsed::failed(None, kind, error.json()))?;
            }
            return Err(error);
        }
    };
    if live.lossy {
        out.warn(&format!(
            "some bytes of `{}` output could not be decoded",
            kind.command()
        ))?;
    }
    // A live output lacks no line (net.exe prints them all): one that does is refused, with
    // what was read in the JSON document. Its warnings are then in the one-line error (what
    // is missing, and why) and in `warnings`, not each on a line of its own.
    let incomplete = live.complete().err().map(Error::from);
    for warning in &live.parsed.warnings {
        if incomplete.is_some() {
            out.warnings.push(warning.to_string());
        } else {
            out.warn(&warning.to_string())?;
        }
    }
    match (ctx.json, incomplete) {
        (true, None) => out.json(&JsonParsed::new(&live.parsed))?,
        (true, Some(error)) => {
            out.json(&JsonParsed::failed(Some(&live.parsed), kind, error.json()))?;
            return Err(error);
        }
        (false, None) => out
            .stdout
            .write_all(output::config_text(&live.parsed.config).as_bytes())?,
        (false, Some(error)) => return Err(error),
    }
    Ok(())
}
