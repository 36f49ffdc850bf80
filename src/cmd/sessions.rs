//! `lanman sessions`: run `net session` and show each client's session, with what this
//! server's configured idle values let one expect of it (configured, not measured).

use crate::context::Context;
use crate::error::Error;
use crate::machine::net::LiveList;
use crate::measure::expect::ConfiguredIdle;
use crate::output::{self, JsonSessions, Output};
use crate::parse::NetSession;

pub(super) fn sessions(ctx: &Context, out: &mut Output<'_>) -> Result<(), Error> {
    // The configured values are read while net session runs; they only add to its list.
    let (live, (configured, unread)) = std::thread::scope(|scope| {
        let configured = scope.spawn(|| ctx.machine.configured_idle());
        let live = ctx.machine.net_session();
        let configured = configured
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (live, configured)
    });
    let result = (|| {
        if let Some(failure) = unread {
            out.warn(&format!(
                "the configured idle limit could not be read, so no session gets an expected end: {failure}"
            ))?;
        }
        show(ctx, live?, &configured, out)
    })();
    // A failure prints the whole document: what was configured, and `sessions` null.
    super::document_on_failure(ctx, out, result, |error| JsonSessions {
        parsed: None,
        configured: Some(&configured),
        error: Some(error),
    })
}

fn show(
    ctx: &Context,
    live: LiveList<NetSession>,
    configured: &ConfiguredIdle,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    if live.lossy {
        out.warn("some bytes of `net session` output could not be decoded")?;
    }
    for warning in &live.parsed.warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&JsonSessions {
            parsed: Some(&live.parsed),
            configured: Some(configured),
            error: None,
        })?;
    } else {
        out.stdout
            .write_all(output::sessions_text(&live.parsed.list, Some(configured)).as_bytes())?;
    }
    Ok(())
}
