//! `lanman events [--since DURATION]`: the SMB client's connectivity events and the sleep,
//! resume and network events around them (runs `wevtutil qe`), per server and share.

use jiff::{SignedDuration, Timestamp};

use crate::context::Context;
use crate::diagnosis::timeline::timeline;
use crate::error::Error;
use crate::exec::OUTPUT_CAP;
use crate::machine::events::{EventReading, MAX_EVENTS_PER_LOG};
use crate::output::Output;
use crate::output::events::{JsonEvents, LogSummary, timeline_text};
use crate::parse::events::Since;

pub(super) fn events(ctx: &Context, since: Since, out: &mut Output<'_>) -> Result<(), Error> {
    let now = crate::clock::now();
    let window = SignedDuration::from_secs(i64::try_from(since.seconds()).unwrap_or(i64::MAX));
    let start = now.checked_sub(window).unwrap_or(now);
    let result = show(ctx, since, start, out);
    // The SMB client's log could not be read: the document with `events` and `logs` null.
    super::document_on_failure(ctx, out, result, |error| JsonEvents {
        since: start,
        events: None,
        logs: None,
        warnings: &[],
        error: Some(error),
    })
}

fn show(ctx: &Context, since: Since, start: Timestamp, out: &mut Output<'_>) -> Result<(), Error> {
    let reading = ctx.machine.read_events(since)?;
    let events = reading.events();
    let warnings = warnings(&reading);
    for warning in &warnings {
        out.warn(warning)?;
    }
    if ctx.json {
        let logs = reading
            .logs
            .iter()
            .map(|log| LogSummary {
                log: log.log,
                read: log.error.is_none(),
                events: log.events.len(),
                limit_reached: log.limit_reached,
                cut: log.cut,
                error: log.error.as_deref(),
            })
            .collect();
        out.json(&JsonEvents {
            since: start,
            events: Some(&events),
            logs: Some(logs),
            warnings: &warnings,
            error: None,
        })?;
    } else {
        out.stdout
            .write_all(timeline_text(&timeline(&events), start, since).as_bytes())?;
    }
    Ok(())
}

/// What the reading lacks, one sentence each.
fn warnings(reading: &EventReading) -> Vec<String> {
    let mut warnings = Vec::new();
    for log in &reading.logs {
        let name = log.log;
        if let Some(error) = &log.error {
            warnings.push(format!("the {name} log was not read: {error}"));
        }
        if log.cut {
            warnings.push(format!(
                "`wevtutil qe {name}` printed more than {} MiB; the older events after the cut were not read (use a shorter --since)",
                OUTPUT_CAP >> 20
            ));
        } else if log.limit_reached {
            warnings.push(format!(
                "the {name} log gave the newest {MAX_EVENTS_PER_LOG} events, the most lanman reads; older ones in the window were not read (use a shorter --since)"
            ));
        }
        if log.skipped > 0 {
            warnings.push(format!(
                "{} event(s) of the {name} log had no readable time or ID and were left out",
                log.skipped
            ));
        }
        if log.lossy {
            warnings.push(format!(
                "some bytes of `wevtutil qe {name}` output could not be decoded"
            ));
        }
    }
    warnings
}
