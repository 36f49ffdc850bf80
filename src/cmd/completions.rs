//! `lanman completions SHELL`: a completion script made from the command line's definition.

use crate::cli::Cli;
use crate::error::Error;
use crate::output::Output;

pub(super) fn completions(shell: clap_complete::Shell, out: &mut Output<'_>) -> Result<(), Error> {
    let mut command = Cli::command_with_tables();
    clap_complete::generate(shell, &mut command, "lanman", &mut *out.stdout);
    Ok(())
}
