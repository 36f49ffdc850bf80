//! One leaf per subcommand. A leaf reads the machine (`machine`), uses the settings layer
//! (`settings`) or a diagnosis, and renders (`output`); no leaf imports another.

mod completions;
mod doctor;
mod drives;
mod events;
mod export;
mod get;
mod parse_file;
mod report;
mod reset;
mod set;
mod show;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Error;
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
    }
}

/// Print what a change did (`set`, `reset`), or why it failed and what state the machine is
/// in; with `--json`, one document either way.
fn conclude_change(
    ctx: &Context,
    result: Result<ChangeReport, ChangeError>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let (report, error) = match result {
        Ok(report) => (Some(report), None),
        Err(ChangeError {
            failure,
            state,
            report,
        }) => (report.map(|r| *r), Some(Error::Failed { failure, state })),
    };
    if let Some(report) = &report {
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
            let mut doc = serde_json::to_value(report).map_err(std::io::Error::other)?;
            doc["error"] = serde_json::to_value(error.as_ref().map(Error::json))
                .map_err(std::io::Error::other)?;
            out.json(&doc)?;
        } else if error.is_none() {
            // A dry run's plan is data asked for: printed even with -q.
            let lines = output::change_text(report);
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
    }
    match error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
