//! `lanman capture`: every command lanman reads, run as lanman runs it, its bytes kept as
//! they came (docs/windows.md#capture).

use super::Machine;
use super::events::event_queries;
use super::net::{config_invocation, share_invocation, use_invocation};
use super::sessions::{session_invocation, statistics_invocation};
use crate::error::Failure;
use crate::exec::Invocation;
use crate::parse::events::Since;
use crate::parse::{Kind, StatisticsKind};

/// What one command printed, unchanged, and how it ended.
#[derive(Debug)]
pub(crate) struct RawOutput {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    /// Exit status; `None` when it was stopped.
    pub(crate) status: Option<i32>,
    pub(crate) timed_out: bool,
    /// More than the output cap on a stream: the rest was dropped.
    pub(crate) overflowed: bool,
}

/// The commands lanman reads, each with the file name its output is saved under (without
/// `.txt`): the net.exe commands, then `lanman events`' wevtutil queries of its default week.
pub(crate) fn capture_invocations() -> Vec<(String, Invocation)> {
    let net = vec![
        ("net-config-server", config_invocation(Kind::Server)),
        (
            "net-config-workstation",
            config_invocation(Kind::Workstation),
        ),
        ("net-use", use_invocation()),
        ("net-share", share_invocation()),
        ("net-session", session_invocation()),
        (
            "net-statistics-server",
            statistics_invocation(StatisticsKind::Server),
        ),
        (
            "net-statistics-workstation",
            statistics_invocation(StatisticsKind::Workstation),
        ),
    ];
    let events = event_queries(Since::DEFAULT)
        .into_iter()
        .map(|query| (event_file_stem(query.log), query.invocation));
    net.into_iter()
        .map(|(stem, invocation)| (stem.to_string(), invocation))
        .chain(events)
        .collect()
}

/// `Microsoft-Windows-SMBClient/Connectivity` as `wevtutil-smbclient-connectivity`: no `/` in
/// a file name.
fn event_file_stem(log: &str) -> String {
    let lower = log.to_ascii_lowercase();
    let name = lower.strip_prefix("microsoft-windows-").unwrap_or(&lower);
    format!("wevtutil-{}", name.replace(['/', ' '], "-"))
}

impl Machine {
    /// Run one command and keep its bytes as they are; only a command that cannot start is
    /// an error.
    pub(crate) fn raw(&self, invocation: &Invocation) -> Result<RawOutput, Failure> {
        let captured = self.run(invocation)?;
        Ok(RawOutput {
            stdout: captured.stdout,
            stderr: captured.stderr,
            status: captured.status,
            timed_out: captured.timed_out,
            overflowed: captured.overflowed,
        })
    }
}
