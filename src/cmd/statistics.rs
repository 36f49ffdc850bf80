//! `lanman statistics [server|workstation]`: run `net statistics` and show every counter.

use crate::cli::StatisticsWhich;
use crate::context::Context;
use crate::error::Error;
use crate::measure::corroborate::CAVEAT;
use crate::output::{self, JsonStatistics, Output};
use crate::parse::StatisticsKind;

pub(super) fn statistics(
    ctx: &Context,
    which: StatisticsWhich,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let kind = match which {
        StatisticsWhich::Server => StatisticsKind::Server,
        StatisticsWhich::Workstation => StatisticsKind::Workstation,
    };
    let result = show(ctx, kind, out);
    // A failure prints the kind's whole document, every counter `null`.
    super::document_on_failure(ctx, out, result, |error| JsonStatistics {
        parsed: None,
        kind: Some(kind),
        error: Some(error),
    })
}

fn show(ctx: &Context, kind: StatisticsKind, out: &mut Output<'_>) -> Result<(), Error> {
    let live = ctx.machine.net_statistics(kind)?;
    if live.lossy {
        out.warn("some bytes of `net statistics` output could not be decoded")?;
    }
    for warning in &live.parsed.warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&JsonStatistics::new(&live.parsed))?;
    } else {
        out.stdout
            .write_all(output::statistics_text(&live.parsed.list).as_bytes())?;
        if kind == StatisticsKind::Server {
            out.note(&format!("the session counters are {CAVEAT}"))?;
        } else {
            out.note("only the change between two readings means anything")?;
        }
    }
    Ok(())
}
