//! lanman: read, explain and safely change the Windows Server/Workstation idle-disconnect
//! settings.
//!
//! This library exists for the `lanman` binary, its tests, fuzz targets and benchmarks; it
//! has no semantic-versioning guarantees.
//!
//! Layout: `parse` and `settings` are pure (text or arguments in, values out); `exec` is the
//! only place a child process starts; `tools` knows net.exe's and reg.exe's command lines and
//! failures; `cmd` composes them, one file per subcommand; `output` renders; `error` holds the
//! exit-code table.

pub mod cli;
pub mod cmd;
pub mod decode;
pub mod diagnosis;
pub mod error;
pub mod exec;
pub mod fleet;
pub mod output;
pub mod parse;
pub mod settings;
pub mod sys;
pub mod tools;

use exec::Exec;

/// What every command needs.
pub struct Context {
    pub exec: Exec,
    /// The code page net.exe's piped output is in (`GetOEMCP()` on Windows).
    pub oem_code_page: u16,
    pub json: bool,
    pub quiet: bool,
    pub verbose: bool,
}

impl Context {
    pub fn tools(&self) -> tools::Tools<'_> {
        tools::Tools::new(&self.exec, self.oem_code_page)
    }
}

pub use cmd::run;
