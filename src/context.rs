//! What every command needs: the machine to read and change, and how the user wants output.

use crate::Machine;

/// The run context, built once by `main`.
#[derive(Debug)]
pub struct Context {
    pub machine: Machine,
    /// `--json`: one JSON object on stdout, also on failure.
    pub json: bool,
}
