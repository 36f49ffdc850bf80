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
//! - `export`: Intune, Ansible, DSC; the format from `--output`'s name (issues 18, 20)
//! - `first_hour`: what tripped up a new user (issue 12)
//! - `doctor`: the document, the two sides, `doctor Z:`, Group Policy, the SMB2/3 value, the
//!   16-bit display, evidence (issues 10, 17)
//! - `doctor_scenarios`: thirteen scenarios, and no two findings of one run contradict
//! - `doctor_factcheck`: each error a fact-check of doctor found, one test each (issue 17)
//! - `doctor_readme`: the README's doctor sample is doctor's output (issue 18, item 15)
//! - `drives`: `drives`, `parse use/share`, doctor per mapped drive (issue 11)
//! - `events`: `events` against the fake wevtutil (issue 19)
//! - `windows`: only on the Windows (Wine) lane: real reg.exe, System32 net.exe, code pages
//! - `contract`: the README's promises held everywhere: readers, JSON on failure, order (issue 18)
//! - `readme`: every code block of the README runs (or says why not): transcripts, batch files
//!   under cmd.exe, the lanman commands of PowerShell examples, "try it without Windows"
//! - `sessions`: `sessions`, `statistics`, `watch`, `capture` (issue 19)
//! - `report`: `report` over a fleet of doctor reports made with the fakes (issue 20)
//! - `docs`: the README's tables agree with the code
//! - `fakes`: the fakes themselves work, so a broken fake fails loudly

#![allow(clippy::unwrap_used)] // tests panic on purpose
#![allow(unreachable_pub)] // a test binary has no outside

mod support;

mod change;
mod console;
mod contract;
mod docs;
mod doctor;
mod doctor_factcheck;
mod doctor_measured;
mod doctor_readme;
mod doctor_scenarios;
mod drives;
mod events;
mod export;
mod fakes;
mod faults;
mod first_hour;
mod fleet;
mod matrix;
mod parse_cmd;
mod read;
mod readme;
mod report;
mod sessions;
mod usage;
// The real reg.exe and the system's net.exe exist only on the Windows (Wine) lane.
#[cfg(windows)]
mod windows;
