//! `lanman server` / `lanman workstation`: run net, show the parsed settings.

use crate::context::Context;
use crate::error::Error;
use crate::output::{self, JsonParsed, Output};
use crate::parse::Kind;

pub(super) fn show(ctx: &Context, kind: Kind, out: &mut Output<'_>) -> Result<(), Error> {
    let live = match kind {
        Kind::Server => ctx.machine.server_config()?,
        Kind::Workstation => ctx.machine.net_config(kind)?,
    };
    if live.lossy {
        out.warn(&format!(
            "some bytes of `{}` output could not be decoded",
            kind.command()
        ))?;
    }
    for warning in &live.parsed.warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&JsonParsed(&live.parsed))?;
    } else {
        out.stdout
            .write_all(output::config_text(&live.parsed.config).as_bytes())?;
    }
    Ok(())
}
