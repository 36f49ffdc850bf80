//! One leaf per subcommand. A leaf reads the machine (`machine`), uses the settings layer
//! (`settings`) or a diagnosis, and renders (`output`); no leaf imports another.

mod capture;
mod completions;
mod doctor;
mod drives;
mod events;
mod export;
mod get;
mod parse_file;
mod report;
mod reset;
mod sessions;
mod set;
mod show;
mod statistics;
mod watch;

use crate::cli::Command;
use crate::context::Context;
use crate::error::{Error, ErrorJson};
use crate::output::{self, Output};
use crate::settings::change::{ChangeError, ChangeReport};

/// Run the parsed command line.
pub fn run(ctx: &Context, command: Command, out: &mut Output<'_>) -> Result<(), Error> {
    match command {
        Command::Server => show::show(ctx, crate::parse::Kind::Server, out),
        Command::Workstation => show::show(ctx, crate::parse::Kind::Workstation, out),
        Command::Drives => drives::drives(ctx, out),
        Command::Get {
            setting,
            computer,
            empty,
        } => get::get(ctx, setting, computer.as_ref(), empty.as_deref(), out),
        Command::Parse {
            kind,
            file,
            encoding,
        } => parse_file::parse(ctx, kind, file.as_deref(), encoding, out),
        Command::Set(args) => set::set(ctx, args, out),
        Command::Reset {
            setting,
            computer,
            change,
        } => reset::reset(ctx, setting, computer, change, out),
        Command::Doctor { drive, computer } => {
            doctor::doctor(ctx, drive.as_deref(), computer.as_ref(), out)
        }
        Command::Export {
            autodisconnect,
            keepconn,
            format,
            allow_zero,
            output,
        } => export::export(
            ctx,
            export::Request {
                autodisconnect,
                keepconn,
                format,
                allow_zero,
                output,
            },
            out,
        ),
        Command::Report {
            paths,
            format,
            output,
            below,
            max_age,
        } => report::report(
            ctx,
            report::Request {
                paths,
                format,
                output,
                below,
                max_age,
            },
            out,
        ),
        Command::Events { since } => events::events(ctx, since, out),
        Command::Completions { shell } => completions::completions(shell, out),
        Command::Sessions => sessions::sessions(ctx, out),
        Command::Statistics { which } => statistics::statistics(ctx, which, out),
        Command::Watch {
            what,
            interval,
            count,
        } => watch::watch(
            ctx,
            watch::Request {
                what,
                interval,
                count,
            },
            out,
        ),
        Command::Capture { dir } => capture::capture(ctx, dir, out),
    }
}

/// Print what a change did (`set`, `reset`), or why it failed and what state the machine is
/// in; with `--json`, one document either way.
fn conclude_change(
    ctx: &Context,
    result: Result<ChangeReport, ChangeError>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let (mut report, error) = match result {
        Ok(report) => (report, None),
        Err(ChangeError {
            failure,
            state,
            report,
        }) => (*report, Some(Error::Failed { failure, state })),
    };
    if report.changed {
        out.done = Some(format!(
            "{} was changed ({} -> {})",
            report.setting, report.previous_text, report.new_text
        ));
    }
    for note in &report.notes {
        out.note(note)?;
    }
    for warning in &report.warnings {
        out.warn(warning)?;
    }
    if ctx.json {
        report.error = error.as_ref().map(Error::json);
        out.json(&report)?;
    } else if error.is_none() || report.needs_force {
        // A dry run's plan is data asked for: printed even with -q.
        let lines = output::change_text(&report);
        for line in &lines {
            if report.dry_run {
                out.line(line)?;
            } else {
                out.say(line)?;
            }
        }
        if report.changed {
            if let Some(when) = &report.takes_effect {
                out.note(when)?;
            }
            if report.zero {
                out.warn(&output::explain_idle_minutes(0))?;
            }
        }
    }
    match error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// With `--json`, a command that failed after its command line was read still prints its
/// document: `failed` makes it from the error (what could not be read is `null`). Nothing is
/// printed when the command printed its document already, or when writing is what failed.
fn document_on_failure<T: serde::Serialize>(
    ctx: &Context,
    out: &mut Output<'_>,
    result: Result<(), Error>,
    failed: impl FnOnce(ErrorJson) -> T,
) -> Result<(), Error> {
    if let Err(error) = &result {
        if ctx.json && !out.json_printed && !matches!(error, Error::Output(_)) {
            out.json(&failed(error.json()))?;
        }
    }
    result
}
