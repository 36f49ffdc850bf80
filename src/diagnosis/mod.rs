//! Why a mapped drive's session goes idle-disconnected, and what to change. Pure: readings in,
//! a diagnosis out (`lanman doctor` reads the machine and renders this). Each finding is one
//! function in `findings.rs`, and each says how sure it is and what it rests on.
//!
//! Two sides that never mix (docs/windows.md#which-machine):
//! - **this computer as a client**: each mapped drive's session is governed by *its server's*
//!   idle value and, where KB 297684's rule is documented, by *this client's* KeepConn
//!   (docs/windows.md#min-rule);
//! - **this computer as a server** (or the `--computer` target): its own values and its own
//!   Group Policy, which matter only to sessions other computers open to its shares.
//!
//! No limit combines the two: this computer's `autodisconnect` never governs its own drives.

mod drives;
mod findings;
mod inputs;
pub(crate) mod timeline;

use serde::Serialize;

use crate::measure::corroborate::Corroboration;
use crate::parse::events::Event;
use crate::parse::gpp_drives::GppDrive;
use crate::parse::host::HostIdentity;
use crate::parse::os_version::OsVersion;
use crate::parse::server_idle::ServerIdle;
use crate::parse::{Connection, Network, Share, Status};
use crate::settings::{AutoDisconnect, KeepConn};

/// The version of `doctor --json`'s shape (README "doctor"): 2 since the two sides were split.
pub(crate) const SCHEMA_VERSION: u32 = 2;

pub(crate) use crate::settings::catalogue::SPLIT_BUILD;
use crate::settings::catalogue::stored;
pub(crate) use inputs::{asked_connections, dfs_paths, drive_inputs, file_server_names};

/// The last build KB 297684 applies to: it names Windows 7 SP1 (7601) and Windows Server
/// 2012 R2 (9600) (docs/windows.md#min-rule).
pub(crate) const KB297684_LAST_BUILD: u32 = 9_600;

/// The cap a decompiled SMB2 server is reported to put on `AutoDisconnectTimeoutV2`
/// (docs/windows.md#smb2-idle).
pub(crate) const V2_CAP_SECONDS: u32 = 900;

/// Why something could not be read, by what a person can do about it
/// (docs/windows.md#remote-read-failures).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum UnreadKind {
    /// Access denied (Win32 error 5): an ordinary user may not read a server's parameters.
    AccessDenied,
    /// The host, its Remote Registry service or the firewall (errors 53, 1722).
    Unreachable,
    /// Logon failure or conflicting credentials (1326, 1219). Only the registry API's typed
    /// failures can say so; reg.exe's text does not.
    Credentials,
    TimedOut,
    /// A value of the wrong type.
    WronglyTyped,
    Other,
}

/// A read that failed: its kind and the one-line message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Unread {
    pub(crate) kind: UnreadKind,
    pub(crate) message: String,
}

/// What security policy says about a server's idle time.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum Policy {
    /// Checked: the minutes it sets, if it sets them.
    Checked(Option<u32>),
    /// Not checked, and why.
    NotChecked(String),
    /// Not asked: the server is another computer, whose policy cannot be read from here.
    #[default]
    Remote,
}

/// The Server service of this computer, as `net config server` saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Service {
    /// Running, with the idle minutes it uses (`Idle session time`).
    Running(i64),
    /// Stopped or disabled (net.exe said so, or asked to start it).
    Stopped,
    /// It could not be told; the failure is the command's error.
    Unknown,
    /// Another computer: not asked.
    Remote,
}

/// This computer as a server, or the `--computer` target.
#[derive(Clone, Debug)]
pub(crate) struct ServerReadings {
    /// `None` for this computer.
    pub(crate) name: Option<String>,
    pub(crate) service: Service,
    /// Its registry values and Windows version.
    pub(crate) values: Result<ServerIdle, Unread>,
    pub(crate) policy: Policy,
    /// What an MDM (Policy CSP) set for the security option, from PolicyManager's record;
    /// `None` when nothing is recorded or it was not read (docs/windows.md#mdm).
    pub(crate) mdm_minutes: Option<u32>,
    /// Its shares (`net share`); `None` when not read.
    pub(crate) shares: Option<Vec<Share>>,
}

/// Group Policy Preferences drive maps of this user.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum GppCheck {
    Checked(Vec<GppDrive>),
    /// Not checked, and why (no history folder is not this: that is `Checked(vec![])`).
    NotChecked(String),
    /// Not asked (`--computer`).
    #[default]
    NotApplicable,
}

/// This computer as a client.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClientReadings {
    pub(crate) os: Option<OsVersion>,
    /// `KeepConn`: `Some(None)` when absent; `None` when unread.
    pub(crate) keepconn: Option<Option<u32>>,
    /// lanman runs with an elevated (full administrator) token; `None` when unknown.
    pub(crate) elevated: Option<bool>,
    /// `EnableLinkedConnections` is 1.
    pub(crate) linked_connections: Option<bool>,
    /// `RestoreConnection` under `NetworkProvider`: `Some(None)` when absent.
    pub(crate) restore_connection: Option<Option<u32>>,
    /// The policy "Always wait for the network at computer startup and logon" is enabled.
    pub(crate) wait_for_network: Option<bool>,
    pub(crate) gpp: GppCheck,
}

/// A file server as probed for the drives that use it.
#[derive(Clone, Debug)]
pub(crate) struct ServerProbe {
    /// The name it was read by.
    pub(crate) name: String,
    /// Every name the drives use for it (short, DNS, address), in order.
    pub(crate) names: Vec<String>,
    pub(crate) values: Result<ServerIdle, Unread>,
}

/// What the DFS client says about a drive's path.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum Dfs {
    /// Not a DFS namespace, as far as lanman can tell.
    #[default]
    No,
    /// A namespace; the target in use, as `\\server\share`, when Windows says which.
    Namespace { target: Option<String> },
}

/// A connection of `net use`, and what was read about it.
#[derive(Clone, Debug)]
pub(crate) struct DriveInput {
    pub(crate) connection: Connection,
    /// The index in `Readings::servers` of its file server; `None` when not SMB or no server.
    pub(crate) server: Option<usize>,
    pub(crate) dfs: Dfs,
    /// The SMB dialect of its connection (`3.1.1`), when `Get-SmbConnection` showed it.
    pub(crate) dialect: Option<String>,
    /// Files open on it, when `Get-SmbConnection` showed them.
    pub(crate) open_files: Option<u32>,
}

/// Everything doctor read. `None` means "could not be read" (or not asked).
#[derive(Clone, Debug)]
pub(crate) struct Readings {
    /// The `--computer` target; `None` for this computer.
    pub(crate) computer: Option<String>,
    /// The one drive asked about (`doctor Z:`).
    pub(crate) asked: Option<String>,
    pub(crate) host: HostIdentity,
    pub(crate) server: ServerReadings,
    /// `None` with `--computer`.
    pub(crate) client: Option<ClientReadings>,
    pub(crate) servers: Vec<ServerProbe>,
    /// `None` with `--computer`, or when `net use` failed.
    pub(crate) drives: Option<Vec<DriveInput>>,
    /// `Get-SmbConnection` could not be run or read: why (said once).
    pub(crate) dialects_unread: Option<String>,
    /// The SMB client's events and the sleep, resume and network events of the last week,
    /// oldest first; why they could not be read; `None` when not asked (`--computer`).
    pub(crate) events: Option<Result<Vec<Event>, String>>,
    /// This computer's server statistics (`net statistics server`), read when it shares
    /// folders: corroboration, never proof (docs/windows.md#net-statistics).
    pub(crate) server_statistics: Option<Corroboration>,
}

/// How sure a statement is (docs/windows.md#evidence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Evidence {
    /// A Microsoft document says it (for the versions it names).
    Documented,
    /// A public but not authoritative source says it.
    Reported,
    /// lanman's own conclusion.
    Inferred,
}

impl Evidence {
    /// How a person reads it.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Evidence::Documented => "documented",
            Evidence::Reported => "reported, not documented",
            Evidence::Inferred => "inferred by lanman",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Info,
    Warning,
}

/// One thing doctor says (README "doctor": `findings`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    /// Short sentences, one per line.
    pub(crate) message: String,
    /// The command(s) that fix it, one per line: a lanman command or a PowerShell one,
    /// each documented to work on the build it is offered for.
    pub(crate) fix: Option<String>,
    /// The computer where the fix must run (`null`: this one).
    pub(crate) run_on: Option<String>,
    pub(crate) evidence: Evidence,
    /// The KB, document or specification it rests on.
    pub(crate) source: &'static str,
    /// The drives it is about (`Z:` or the remote); empty when it is about no one drive.
    pub(crate) drives: Vec<String>,
    /// Which side, of which computer, it is about.
    pub(crate) about: About,
}

/// What a finding is about (README "doctor": `findings[].about`): this computer as a client, or
/// a file server's settings, and which server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct About {
    pub(crate) side: AboutSide,
    /// The file server, by the name doctor read it by: a drive's server, or the `--computer`
    /// target; `None` for this computer as a server, and on the client side.
    pub(crate) server: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum AboutSide {
    /// This computer as a client: its drives, its session, its KeepConn.
    Client,
    /// A file server's settings (this computer's own when `server` is `None`).
    Server,
}

impl About {
    /// This computer as a client.
    pub(crate) fn client() -> About {
        About {
            side: AboutSide::Client,
            server: None,
        }
    }

    /// A file server (`None`: this computer as a server).
    pub(crate) fn server(name: Option<String>) -> About {
        About {
            side: AboutSide::Server,
            server: name,
        }
    }
}

/// Which value ends an idle session first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LimitedBy {
    ServerAutodisconnect,
    ServerAutodisconnectV2,
    ClientKeepconn,
}

impl LimitedBy {
    /// The registry value the limit is read from, as Windows names it.
    pub(crate) fn value_name(self) -> &'static str {
        match self {
            LimitedBy::ServerAutodisconnect => stored::AUTODISCONNECT.name,
            LimitedBy::ServerAutodisconnectV2 => stored::AUTODISCONNECT_V2.name,
            LimitedBy::ClientKeepconn => stored::KEEPCONN.name,
        }
    }
}

/// Where a server's `autodisconnect` came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Source {
    /// `net config server`: what the running Server service uses.
    NetConfigServer,
    /// The `autodisconnect` registry value.
    Registry,
    /// No registry value: Windows' default of 15 minutes.
    Default,
}

/// What kind of file server answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ServerKind {
    Windows,
    /// Its registry answered without `LanmanServer\Parameters` or a build: Samba, say.
    NotWindows,
    /// Its registry could not be read.
    Unknown,
}

/// The likeliest reason a drive goes (or went) red.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Cause {
    /// Group Policy Preferences delete and re-create it at every refresh.
    ReplacedByGroupPolicy,
    /// Not connected in this logon session (Unavailable, or no status).
    NotRestoredAtLogon,
    /// Dropped (or will drop) after an idle limit.
    IdleLimit,
    /// No idle limit ends it.
    NoIdleLimit,
    /// The server is not Windows; its own setting decides.
    NotWindowsServer,
    /// The server's values could not be read.
    ServerUnread,
    /// A DFS namespace whose target lanman could not learn.
    DfsTargetUnknown,
    /// Not SMB: not diagnosed.
    NotSmb,
}

/// A drive's headline: its likeliest cause, said in one sentence, and how sure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Headline {
    pub(crate) cause: Cause,
    pub(crate) message: String,
    pub(crate) evidence: Evidence,
}

/// One connection in `doctor --json`'s `drives`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Drive {
    pub(crate) local: Option<String>,
    pub(crate) remote: String,
    pub(crate) server: Option<String>,
    pub(crate) status: Status,
    pub(crate) status_text: String,
    pub(crate) network: Network,
    /// The server that holds the files: `server`, or a DFS namespace's target in use.
    pub(crate) file_server: Option<String>,
    pub(crate) dfs_namespace: bool,
    pub(crate) dialect: Option<String>,
    pub(crate) open_files: Option<u32>,
    pub(crate) server_kind: Option<ServerKind>,
    pub(crate) server_os: Option<OsVersion>,
    /// -1 when off; `null` when unread or not Windows.
    pub(crate) server_autodisconnect_minutes: Option<i64>,
    pub(crate) server_autodisconnect_v2_seconds: Option<u32>,
    /// Always false: another computer's Group Policy cannot be read from here.
    pub(crate) server_policy_checked: bool,
    pub(crate) server_error: Option<String>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) effective_idle_seconds: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
    /// How sure `effective_idle_seconds` and `limited_by` are.
    pub(crate) evidence: Option<Evidence>,
    pub(crate) headline: Headline,
    /// What the SMB client's event log says about it; `null` when the log was not read or the
    /// drive is not SMB.
    pub(crate) events: Option<DriveEvents>,
}

/// A drive's last SMB client events (docs/windows.md#smb-client-events).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct DriveEvents {
    /// Its share's and its server's newest events, oldest first (at most [`RECENT_EVENTS`]).
    pub(crate) recent: Vec<Event>,
    /// The newest loss among all of them, and what happened on this computer close to it.
    pub(crate) last_loss: Option<LastLoss>,
    /// The loss in one line, for the findings.
    #[serde(skip)]
    pub(crate) line: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct LastLoss {
    pub(crate) event: Event,
    /// The sleep, resume or network event closest to it within [`NEAR_LOSS_MINUTES`].
    pub(crate) near: Option<NearLoss>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct NearLoss {
    pub(crate) event: Event,
    /// The loss's time minus this event's, in seconds: positive when the loss came after it.
    pub(crate) seconds_before_loss: i64,
}

/// The events doctor shows per drive.
pub(crate) const RECENT_EVENTS: usize = 3;
/// How close a sleep, resume or network event must be to a loss to be named beside it.
pub(crate) const NEAR_LOSS_MINUTES: i64 = 30;

/// A file server the drives use, once (README: `servers`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ServerSummary {
    pub(crate) name: String,
    pub(crate) names: Vec<String>,
    pub(crate) kind: ServerKind,
    pub(crate) os: Option<OsVersion>,
    pub(crate) autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
    pub(crate) policy_checked: bool,
    pub(crate) error: Option<Unread>,
}

/// `doctor --json`'s `client`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ClientSide {
    pub(crate) os: Option<OsVersion>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) keepconn_is_default: Option<bool>,
    /// `documented` where KB 297684 applies to this build, `disputed` elsewhere.
    pub(crate) keepconn_rule: &'static str,
    pub(crate) elevated: Option<bool>,
    pub(crate) linked_connections: Option<bool>,
    pub(crate) restore_connection: Option<u32>,
    pub(crate) wait_for_network: Option<bool>,
    pub(crate) gpp_checked: bool,
    /// Why the SMB client's event log could not be read; `null` when it was.
    pub(crate) events_error: Option<String>,
}

/// `doctor --json`'s `server`: this computer as a server, or the `--computer` target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ServerSide {
    pub(crate) name: Option<String>,
    pub(crate) service_running: Option<bool>,
    /// It shares something besides administrative shares; `null` when unknown.
    pub(crate) shares_folders: Option<bool>,
    pub(crate) kind: ServerKind,
    pub(crate) os: Option<OsVersion>,
    pub(crate) autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_source: Option<Source>,
    pub(crate) registry_autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
    pub(crate) policy_checked: bool,
    pub(crate) policy_autodisconnect_minutes: Option<u32>,
    pub(crate) mdm_autodisconnect_minutes: Option<u32>,
    /// The idle limit of SMB sessions to it; `null` when unknown or never.
    pub(crate) idle_limit_seconds: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
    pub(crate) evidence: Option<Evidence>,
    /// "Sessions timed-out" and "errored-out" of this computer's Server service, when it
    /// shares folders: corroboration, never proof.
    pub(crate) statistics: Option<Corroboration>,
    pub(crate) error: Option<Unread>,
}

/// The diagnosis, before the document's envelope (`schema_version`, `host` …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Diagnosis {
    pub(crate) computer: Option<String>,
    pub(crate) asked: Option<String>,
    pub(crate) host: HostIdentity,
    pub(crate) client: Option<ClientSide>,
    pub(crate) server: ServerSide,
    pub(crate) drives: Option<Vec<Drive>>,
    pub(crate) servers: Vec<ServerSummary>,
    pub(crate) findings: Vec<Finding>,
}

/// Diagnose the readings: each side's values, each drive's limit and headline, then the
/// findings, most important first.
pub(crate) fn diagnose(readings: &Readings) -> Diagnosis {
    let client_build = readings
        .client
        .as_ref()
        .and_then(|c| c.os.as_ref())
        .and_then(|os| os.build);
    let keepconn = readings
        .client
        .as_ref()
        .and_then(|c| c.keepconn)
        .map(|v| v.unwrap_or(u32::from(KeepConn::DEFAULT_SECONDS)));
    let server = drives::server_side(readings);
    let drives = readings.drives.as_ref().map(|inputs| {
        inputs
            .iter()
            .map(|input| drives::drive(input, readings, keepconn, client_build))
            .collect::<Vec<_>>()
    });
    let servers = drives::summaries(readings);
    let mut found = findings::all(
        readings,
        &server,
        drives.as_deref().unwrap_or(&[]),
        keepconn,
        client_build,
    );
    // `doctor Z:`: the findings about that drive and those about no one drive.
    if let (Some(_), Some(list)) = (&readings.asked, &drives) {
        let names: Vec<String> = list.iter().map(drive_name).collect();
        found.retain(|f| f.drives.is_empty() || f.drives.iter().any(|d| names.contains(d)));
    }
    Diagnosis {
        computer: readings.computer.clone(),
        asked: readings.asked.clone(),
        host: readings.host.clone(),
        client: readings.client.as_ref().map(|c| ClientSide {
            os: c.os.clone(),
            keepconn_seconds: keepconn,
            keepconn_is_default: c.keepconn.map(|v| v.is_none()),
            keepconn_rule: if kb297684_applies(client_build) {
                "documented"
            } else {
                "disputed"
            },
            elevated: c.elevated,
            linked_connections: c.linked_connections,
            restore_connection: c.restore_connection.flatten(),
            wait_for_network: c.wait_for_network,
            gpp_checked: matches!(c.gpp, GppCheck::Checked(_)),
            events_error: readings
                .events
                .as_ref()
                .and_then(|e| e.as_ref().err().cloned()),
        }),
        server,
        drives,
        servers,
        findings: found,
    }
}

/// How a drive is named in findings: its letter, or the remote for a deviceless connection.
pub(crate) fn drive_name(drive: &Drive) -> String {
    drive.local.clone().unwrap_or_else(|| drive.remote.clone())
}

/// KB 297684's rule is documented for this client's build (Windows 7 SP1 / Server 2012 R2 and
/// the builds between); elsewhere Microsoft's sources disagree (docs/windows.md#min-rule).
pub(crate) fn kb297684_applies(client_build: Option<u32>) -> bool {
    client_build.is_some_and(|b| (7_601..=KB297684_LAST_BUILD).contains(&b))
}

/// The server's value from the registry: absent is the default 15, 0xFFFFFFFF is off (-1).
pub(crate) fn registry_minutes(dword: Option<u32>) -> (i64, Source) {
    match dword {
        None => (i64::from(AutoDisconnect::DEFAULT_MINUTES), Source::Default),
        Some(AutoDisconnect::OFF_DWORD) => (-1, Source::Registry),
        Some(m) => (i64::from(m), Source::Registry),
    }
}

/// Only administrative shares (C$, ADMIN$, IPC$, print$) or none: `Some(false)`.
pub(crate) fn shares_folders(shares: Option<&[Share]>) -> Option<bool> {
    shares.map(|s| s.iter().any(|s| !s.administrative))
}

/// `600 s (10 minutes)`, `65535 s (about 18.2 hours)`.
pub(crate) fn duration(seconds: u64) -> String {
    let tenths = |n: u64, unit: u64| {
        let t = (n * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match seconds {
        0 => "0 s".to_string(),
        s if s % 3600 == 0 => format!("{s} s ({})", plural(s / 3600, "hour")),
        s if s >= 3600 => format!("{s} s (about {} hours)", tenths(s, 3600)),
        s if s % 60 == 0 => format!("{s} s ({})", plural(s / 60, "minute")),
        s if s >= 60 => format!("{s} s (about {} minutes)", tenths(s, 60)),
        s => format!("{s} s"),
    }
}

/// Minutes as a person reads them: `off (-1)`, `0 (disconnects within seconds)`,
/// `15 minutes`, `99999 minutes (about 69.4 days)`.
pub(crate) fn minutes(m: i64) -> String {
    match m {
        -1 => "off (-1)".to_string(),
        0 => "0 (disconnects within seconds)".to_string(),
        1 => "1 minute".to_string(),
        m if m >= 60 * 24 * 2 => {
            let tenths = (m * 10 + 720) / 1440;
            format!("{m} minutes (about {}.{} days)", tenths / 10, tenths % 10)
        }
        m => format!("{m} minutes"),
    }
}

#[cfg(test)]
mod tests;
