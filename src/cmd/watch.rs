//! `lanman watch [drives|sessions]`: poll `net use` or `net session` (with `net statistics
//! server`) every `--interval`, print each change as it is seen (one flushed line; JSON Lines
//! with `--json`), and a summary at the end (`--count` polls, or Ctrl+C). A failed poll is an
//! event and the watch goes on (docs/windows.md#measuring).

use std::num::NonZeroU64;
use std::sync::mpsc;
use std::time::Duration;

use serde::Serialize;

use crate::cli::WatchWhat;
use crate::clock::Clock;
use crate::context::Context;
use crate::error::{Error, Failure};
use crate::measure::expect::ConfiguredIdle;
use crate::measure::watch::{DriveWatch, SessionWatch, rfc3339};
use crate::output::{self, Output, PollFailed};
use crate::parse::StatisticsKind;

/// What to do after each poll.
pub(super) struct Request {
    pub(super) what: WatchWhat,
    pub(super) interval: Duration,
    pub(super) count: Option<NonZeroU64>,
}

#[derive(Serialize)]
struct Start {
    time: String,
    event: &'static str,
    watch: &'static str,
    interval_seconds: u64,
    count: Option<u64>,
    /// Whether this logon session's token is elevated; `null` when unknown.
    elevated: Option<bool>,
    /// `watch sessions`: this server's configured idle values; `null` for drives.
    configured: Option<ConfiguredIdle>,
}

/// A line to print: JSON or text.
fn emit<T: Serialize>(
    ctx: &Context,
    out: &mut Output<'_>,
    value: &T,
    text: &str,
) -> Result<(), Error> {
    if ctx.json {
        out.line(&output::json_line(value)?)?;
    } else {
        out.line(text)?;
    }
    out.stdout.flush()?;
    Ok(())
}

/// A failure no later poll can mend: nothing to run.
fn fatal(failure: &Failure) -> bool {
    matches!(
        failure,
        Failure::ProgramMissing { .. }
            | Failure::NoSystemProgram { .. }
            | Failure::RelativeOverride { .. }
    )
}

pub(super) fn watch(ctx: &Context, request: Request, out: &mut Output<'_>) -> Result<(), Error> {
    // Ctrl+C ends the wait between polls and the watch, with its summary. Whether the handler
    // can be set or not, `keep` holds the channel open so the wait never returns early.
    let (stop_tx, stop) = mpsc::channel::<()>();
    let keep = stop_tx.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    });
    let mut clock = Clock::new();
    let elevated = crate::sys::is_elevated();
    let elevation = match elevated {
        Some(true) => "elevated",
        Some(false) => "not elevated",
        None => "elevation unknown",
    };
    let configured = match request.what {
        WatchWhat::Drives => None,
        WatchWhat::Sessions => {
            let (configured, unread) = ctx.machine.configured_idle();
            if let Some(failure) = unread {
                out.warn(&format!(
                    "the configured idle limit could not be read: {failure}"
                ))?;
            }
            Some(configured)
        }
    };
    let start = Start {
        time: rfc3339(clock.now()),
        event: "start",
        watch: match request.what {
            WatchWhat::Drives => "drives",
            WatchWhat::Sessions => "sessions",
        },
        interval_seconds: request.interval.as_secs(),
        count: request.count.map(NonZeroU64::get),
        elevated,
        configured,
    };
    let text = match request.what {
        WatchWhat::Drives => format!(
            "{}  watching the mapped drives of this logon session ({elevation}; an elevated and a non-elevated prompt see different drives) every {} s",
            start.time, start.interval_seconds
        ),
        WatchWhat::Sessions => format!(
            "{}  watching this server's sessions ({elevation}) every {} s; configured idle limit: {}",
            start.time,
            start.interval_seconds,
            configured.unwrap_or_default().text()
        ),
    };
    emit(ctx, out, &start, &text)?;
    // JSON Lines: main must not add a document of its own.
    out.json_printed = ctx.json;

    let mut drives = DriveWatch::default();
    let mut sessions = SessionWatch::default();
    let mut warned = false;
    let mut polls: u64 = 0;
    let mut last_failure: Option<Failure> = None;
    // A failure no later poll can mend ends the watch (after its summary).
    let mut ended: Option<Failure> = None;
    loop {
        let time = clock.now();
        let result = match request.what {
            WatchWhat::Drives => ctx.machine.net_use().map(|live| {
                let events = drives.poll(time, &live.parsed.list.connections);
                (
                    live.parsed.warnings,
                    events
                        .iter()
                        .map(|e| (serde_json::to_value(e), output::drive_event_text(e)))
                        .collect::<Vec<_>>(),
                )
            }),
            WatchWhat::Sessions => {
                let (live, statistics) = std::thread::scope(|scope| {
                    let statistics =
                        scope.spawn(|| ctx.machine.net_statistics(StatisticsKind::Server));
                    let live = ctx.machine.net_session();
                    let statistics = statistics
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (live, statistics)
                });
                live.map(|live| {
                    let events = sessions.poll(
                        time,
                        &live.parsed.list.sessions,
                        statistics.ok().map(|s| s.parsed.list),
                    );
                    (
                        live.parsed.warnings,
                        events
                            .iter()
                            .map(|e| (serde_json::to_value(e), output::gone_event_text(e)))
                            .collect::<Vec<_>>(),
                    )
                })
            }
        };
        polls += 1;
        let stopping = stop.try_recv().is_ok();
        match result {
            Ok((warnings, events)) => {
                if !warned {
                    for warning in &warnings {
                        out.warn(&warning.to_string())?;
                    }
                    warned = true;
                }
                for (value, text) in events {
                    emit(ctx, out, &value.map_err(std::io::Error::other)?, &text)?;
                }
                last_failure = None;
            }
            // A poll cut short by Ctrl+C is no failure worth reporting.
            Err(_) if stopping => {}
            Err(failure) => {
                match request.what {
                    WatchWhat::Drives => drives.failed_polls += 1,
                    WatchWhat::Sessions => sessions.failed_polls += 1,
                }
                let error = Error::from(failure);
                let event = PollFailed {
                    time: rfc3339(time),
                    event: "poll_failed",
                    command: match request.what {
                        WatchWhat::Drives => "net use",
                        WatchWhat::Sessions => "net session",
                    },
                    error: error.json(),
                };
                let text = format!("{}  poll failed: {error}", event.time);
                emit(ctx, out, &event, &text)?;
                let Error::Failed { failure, .. } = error else {
                    return Err(error);
                };
                if fatal(&failure) {
                    ended = Some(failure);
                    break;
                }
                last_failure = Some(failure);
            }
        }
        if stopping || request.count.is_some_and(|c| polls >= c.get()) {
            break;
        }
        // The next poll on the interval's grid from the start, so slow polls do not drift.
        let next = request
            .interval
            .saturating_mul(u32::try_from(polls).unwrap_or(u32::MAX));
        if clock.wait(next.saturating_sub(clock.elapsed()), &stop) {
            break;
        }
    }
    drop(keep);
    let now = clock.now();
    // A watch in which no poll succeeded ends with the last poll's failure.
    let (polls_read, summary_lines, summary) = match request.what {
        WatchWhat::Drives => {
            let summary = drives.summary(now);
            let lines = output::drive_summary_text(&summary);
            (
                summary.polls,
                lines,
                serde_json::to_value(&summary).map_err(std::io::Error::other)?,
            )
        }
        WatchWhat::Sessions => {
            let summary = sessions.summary(now, configured.unwrap_or_default());
            let lines = output::session_summary_text(&summary);
            (
                summary.polls,
                lines,
                serde_json::to_value(&summary).map_err(std::io::Error::other)?,
            )
        }
    };
    let ended = ended.or(if polls_read == 0 { last_failure } else { None });
    let error = ended.map(Error::from);
    let warnings = out.warnings.clone();
    emit(
        ctx,
        out,
        &output::WatchEnd {
            summary: &summary,
            warnings: &warnings,
            error: error.as_ref().map(Error::json),
        },
        &summary_lines.join("\n"),
    )?;
    error.map_or(Ok(()), Err)
}
