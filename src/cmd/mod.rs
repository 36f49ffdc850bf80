//! One file per subcommand; each composes `tools` (running) with `parse` (reading) and
//! `output` (rendering).

mod change;
mod doctor;
mod export;
mod get;
mod keepconn;
mod parse_file;
mod reset;
mod set;
mod show;

use color_eyre::eyre::Result;

use crate::Context;
use crate::cli::Command;
use crate::output::Output;

/// Run the parsed command line.
pub fn run(ctx: &Context, command: Command, out: &mut Output<'_>) -> Result<()> {
    match command {
        Command::Server => show::server(ctx, out),
        Command::Workstation => show::workstation(ctx, out),
        Command::Get { setting, computer } => get::get(ctx, setting, computer.as_ref(), out),
        Command::Parse {
            kind,
            file,
            encoding,
        } => parse_file::parse(ctx, kind, file.as_deref(), encoding, out),
        Command::Set(command) => set::set(ctx, command, out),
        Command::Reset {
            setting,
            computer,
            change,
        } => reset::reset(ctx, setting, computer, change, out),
        Command::Doctor { server } => doctor::doctor(ctx, server.as_ref(), out),
        Command::Export {
            autodisconnect,
            keepconn,
            format,
            allow_zero,
        } => export::export(autodisconnect, keepconn, format, allow_zero, out),
    }
}
