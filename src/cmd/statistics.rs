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
    let live = ctx.machine.net_statistics(kind)?;
    if live.lossy {
        out.warn("some bytes of `net statistics` output could not be decoded")?;
    }
    for warning in &live.parsed.warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&JsonStatistics(&live.parsed))?;
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
