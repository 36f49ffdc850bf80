//! End-to-end tests of the `lanman` binary, run against the fake `net` and `reg` programs
//! (`tests/fakes/`), so none of them needs Windows. The same tests run on the Wine lane, where
//! the binaries are Windows programs.
//!
//! Table of contents:
//! - `read`: `server`, `workstation`, `get` on recorded outputs (issue 2)
//! - `parse_cmd`: `parse` on saved files and stdin, every encoding
//! - `faults`: what a logon script meets: denied, stopped service + prompt, hang, garbage,
//!   floods, missing or relative programs
//! - `usage`: help, `/?`, exit 2 versus 3, colour
//! - `change`: `set` / `reset` (issue 3)
//! - `console`: output encodings, ASCII JSON, `--output`, completions (issue 13)
//! - `fleet`: `doctor`, `export`, `--computer` (issue 5)
//! - `first_hour`: what tripped up a new user (issue 12)
//! - `doctor`: Group Policy, the SMB2/3 value, the 16-bit display, evidence (issue 10)
//! - `drives`: `drives`, `parse use/share`, doctor per mapped drive (issue 11)
//! - `windows`: only on the Windows (Wine) lane: real reg.exe, System32 net.exe, code pages
//! - `sessions`: `sessions`, `statistics`, `watch`, `capture` (issue 19)
//! - `docs`: the README's tables agree with the code
//! - `fakes`: the fakes themselves work, so a broken fake fails loudly

#![allow(clippy::unwrap_used)] // tests panic on purpose
#![allow(unreachable_pub)] // a test binary has no outside

mod support;

mod change;
mod console;
mod docs;
mod doctor;
mod drives;
mod fakes;
mod faults;
mod first_hour;
mod fleet;
mod matrix;
mod parse_cmd;
mod read;
mod sessions;
mod usage;
// The real reg.exe and the system's net.exe exist only on the Windows (Wine) lane.
#[cfg(windows)]
mod windows;
