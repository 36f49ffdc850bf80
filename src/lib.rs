//! lanman: read, explain and safely change the Windows Server/Workstation idle-disconnect
//! settings.
//!
//! This library exists for the `lanman` binary, its tests, fuzz targets and benchmarks; it has
//! no semantic-versioning guarantees. Layers, from the bottom:
//! - `decode`, `parse`, `text`, `settings::values`, `settings::catalogue`: pure (bytes, text and
//!   arguments in; values out);
//! - `exec`: the only place a child process starts; `sys`: the few OS facts (FFI);
//! - `machine`: every read and write of the running system, typed results and failures;
//! - `settings::change`, `diagnosis` (with its `timeline`), `fleet`, `measure`, `report`: what
//!   lanman does with them;
//! - `cmd`: one thin leaf per subcommand; `output`: rendering; `cli` / `main`: the edges.

pub mod cli;
mod clock;
mod cmd;
pub mod context;
pub mod decode;
mod diagnosis;
pub mod encode;
pub mod error;
mod exec;
mod fleet;
mod machine;
mod measure;
pub mod output;
pub mod parse;
pub mod report;
pub mod settings;
pub mod sys;
pub mod text;

pub use cmd::run;
pub use exec::{Exec, Overrides};
pub use machine::Machine;
