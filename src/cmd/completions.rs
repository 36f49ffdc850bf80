//! `lanman completions SHELL`: a completion script made from the command line's definition.

use crate::cli::Cli;
use crate::error::Error;
use crate::output::Output;

pub(super) fn completions(shell: clap_complete::Shell, out: &mut Output<'_>) -> Result<(), Error> {
    // bash, zsh and fish read LF scripts only (a CR ends up in every word), also in Git Bash
    // or WSL on Windows; PowerShell's takes the Windows line ends like any text.
    if shell != clap_complete::Shell::PowerShell {
        out.line_ends.keep_lf();
    }
    let mut command = Cli::command_with_tables();
    clap_complete::generate(shell, &mut command, "lanman", &mut *out.stdout);
    Ok(())
}
