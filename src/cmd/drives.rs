//! `lanman drives`: run `net use` and show each connection: drive, status, remote, server,
//! network.

use crate::context::Context;
use crate::error::Error;
use crate::output::{self, JsonUse, Output};

pub(super) fn drives(ctx: &Context, out: &mut Output<'_>) -> Result<(), Error> {
    let result = show_drives(ctx, out);
    super::document_on_failure(ctx, out, result, |error| JsonUse {
        parsed: None,
        error: Some(error),
    })
}

fn show_drives(ctx: &Context, out: &mut Output<'_>) -> Result<(), Error> {
    let live = ctx.machine.net_use()?;
    if live.lossy {
        out.warn("some bytes of `net use` output could not be decoded")?;
    }
    for warning in &live.parsed.warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&JsonUse {
            parsed: Some(&live.parsed),
            error: None,
        })?;
    } else {
        out.stdout
            .write_all(output::connections_text(&live.parsed.list).as_bytes())?;
    }
    Ok(())
}
