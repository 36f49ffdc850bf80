//! Why a mapped drive's session goes idle-disconnected, and what to change. Pure: readings in,
//! a diagnosis out (`lanman doctor` reads the machine and renders this). Each finding is one
//! function in `findings.rs`, and each says how sure it is and what it rests on.
//!
//! The arithmetic is KB 297684's rule (docs/windows.md#min-rule): a session is dropped after
//! the shorter of the server's autodisconnect (minutes; -1 = never) and the client's KeepConn
//! (seconds; absent = 600). That rule is documented for Windows 2000/2003-era systems; the
//! findings say where current Windows may differ (KeepConn unused, a separate SMB2/3 value).

mod findings;

use serde::Serialize;

use crate::parse::os_version::OsVersion;
use crate::parse::{Connection, Network, Share, Status};
use crate::settings::{AutoDisconnect, KeepConn};

/// What security policy says about the server's idle time.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum Policy {
    /// Checked: the minutes it sets, if it sets them.
    Checked(Option<u32>),
    /// Not checked, and why.
    NotChecked(String),
    /// Not asked (the server is another computer).
    #[default]
    NotApplicable,
}

/// The first Windows build known to keep a separate SMB2/3 idle value (Windows 11 24H2 and
/// Windows Server 2025; docs/windows.md#smb2-idle, where the cut-off is inferred).
pub(crate) const SPLIT_BUILD: u32 = 26_100;

/// The idle values of a file server a drive points at, from its registry: `autodisconnect`
/// (absent: the default 15) and `AutoDisconnectTimeoutV2` (seconds).
pub(crate) use crate::machine::probe::ServerIdle as ServerValues;

/// A connection of `net use`, and what was read about its server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DriveInput {
    pub(crate) connection: Connection,
    /// The server's values, or the one-line reason they could not be read; `None` when the
    /// connection is not SMB (nothing to read).
    pub(crate) server: Option<Result<ServerValues, String>>,
}

/// What was read. `None` means "could not be read".
#[derive(Clone, Debug, Default)]
pub(crate) struct Readings {
    /// The remote server's name, or `None` for this computer.
    pub(crate) server: Option<String>,
    /// `Idle session time (min)` of the running Server service (this computer only), as
    /// net.exe shows it.
    pub(crate) running_minutes: Option<i64>,
    /// The `autodisconnect` REG_DWORD: `Some(None)` when the value is absent.
    pub(crate) registry_autodisconnect: Option<Option<u32>>,
    /// The `AutoDisconnectTimeoutV2` REG_DWORD (seconds): `Some(None)` when absent.
    pub(crate) registry_v2: Option<Option<u32>>,
    /// Other LanmanServer values that look like idle timeouts, (name, type, data).
    pub(crate) other_server_values: Vec<(String, String, String)>,
    /// The client's `KeepConn` REG_DWORD: `Some(None)` when absent.
    pub(crate) keepconn: Option<Option<u32>>,
    pub(crate) os: Option<OsVersion>,
    pub(crate) policy: Policy,
    /// This user's connections (`net use`) and their servers; `None` when not read.
    pub(crate) drives: Option<Vec<DriveInput>>,
    /// This computer's shares (`net share`); `None` when not read.
    pub(crate) shares: Option<Vec<Share>>,
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
    /// -1 when off; `null` when unread or not SMB.
    pub(crate) server_autodisconnect_minutes: Option<i64>,
    pub(crate) server_autodisconnect_v2_seconds: Option<u32>,
    /// Why the server's settings could not be read (one line), else `null`.
    pub(crate) server_error: Option<String>,
    /// By KB 297684's rule, with this client's KeepConn.
    pub(crate) effective_idle_seconds: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Info,
    Warning,
}

/// How sure a finding is (docs/windows.md#evidence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Evidence {
    /// A Microsoft document says it.
    Documented,
    /// A public but not authoritative source says it (or only old source copies).
    Reported,
    /// lanman's own conclusion.
    Inferred,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    /// Short sentences, one per line.
    pub(crate) message: String,
    /// The exact lanman command(s) that fix it, one per line, if any.
    pub(crate) fix: Option<String>,
    /// The computer where the fix must run (`null`: this one).
    pub(crate) run_on: Option<String>,
    pub(crate) evidence: Evidence,
    /// The KB, document or specification it rests on.
    pub(crate) source: Option<&'static str>,
}

/// Which side ends an idle session first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LimitedBy {
    Server,
    Client,
}

/// Where the server's value came from.
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

/// The `doctor --json` document (README "doctor").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Diagnosis {
    /// `null` for this computer.
    pub(crate) server: Option<String>,
    /// The server's Windows version; members `null` when unread.
    pub(crate) os: OsVersion,
    /// Security policy was read (this computer only).
    pub(crate) policy_checked: bool,
    /// The minutes Group Policy sets, `null` when it sets none (or was not checked).
    pub(crate) policy_autodisconnect_minutes: Option<u32>,
    /// -1 when off; `null` when it could not be read.
    pub(crate) server_autodisconnect_minutes: Option<i64>,
    pub(crate) server_autodisconnect_source: Option<Source>,
    /// The `autodisconnect` registry value in minutes (-1 = off); `null` when absent or unread.
    pub(crate) server_registry_autodisconnect_minutes: Option<i64>,
    /// `AutoDisconnectTimeoutV2` in seconds; `null` when absent or unread.
    pub(crate) server_autodisconnect_v2_seconds: Option<u32>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) keepconn_is_default: Option<bool>,
    /// By KB 297684's rule; `null` when neither side disconnects (or a side could not be read).
    pub(crate) effective_idle_seconds: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
    /// This user's connections (`null` when they were not read: `--computer`).
    pub(crate) drives: Option<Vec<Drive>>,
    pub(crate) findings: Vec<Finding>,
}

/// What the findings are computed from.
pub(crate) struct Facts {
    /// The server's name in messages.
    pub(crate) server_label: String,
    /// The remote server, for fixes that run there or name it.
    pub(crate) remote: Option<String>,
    pub(crate) server_minutes: Option<i64>,
    pub(crate) source: Option<Source>,
    /// net.exe showed the registry value modulo 65536: (shown, stored).
    pub(crate) wrapped: Option<(i64, u32)>,
    pub(crate) v2_seconds: Option<u32>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) keepconn_is_default: Option<bool>,
    /// Seconds after which each side drops an idle session (`None`: never, or unread).
    pub(crate) server_limit: Option<u64>,
    pub(crate) client_limit: Option<u64>,
    pub(crate) both_read: bool,
    pub(crate) effective: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
    pub(crate) build: Option<u32>,
    /// The policy's minutes, when it sets them.
    pub(crate) policy_minutes: Option<u32>,
}

impl Facts {
    /// Windows keeps a separate SMB2/3 value here: the registry has one, or the build is one
    /// of those that do.
    pub(crate) fn split_build(&self) -> bool {
        self.v2_seconds.is_some() || self.build.is_some_and(|b| b >= SPLIT_BUILD)
    }
}

/// Diagnose the readings: the values in effect, then one function per finding.
pub(crate) fn diagnose(readings: &Readings) -> Diagnosis {
    let facts = Facts::from(readings);
    let mut found: Vec<Finding> = Vec::new();
    let drives = readings.drives.as_ref().map(|inputs| {
        inputs
            .iter()
            .map(|input| drive(input, facts.client_limit, facts.keepconn_seconds.is_some()))
            .collect::<Vec<_>>()
    });
    found.extend(findings::policy_sets_it(&facts));
    found.extend(findings::policy_not_checked(readings));
    found.extend(findings::sixteen_bit_display(&facts));
    found.extend(findings::registry_differs(readings, &facts));
    found.extend(findings::zero_disconnects_at_once(&facts));
    found.extend(findings::above_the_net_range(&facts));
    found.extend(findings::keepconn_out_of_range(&facts));
    // With mapped drives on other servers and nothing but administrative shares here, this
    // computer's own autodisconnect explains no drive: the drives' servers do.
    let no_smb_drive = drives
        .as_ref()
        .is_none_or(|d| d.iter().all(|d| d.network != Network::Smb));
    let own_matters = !findings::only_administrative_shares(readings) || no_smb_drive;
    if own_matters {
        found.extend(findings::effective_idle(&facts));
        found.extend(findings::keepconn_may_be_unused(&facts));
    }
    found.extend(findings::separate_smb2_value(&facts));
    found.extend(findings::other_idle_values(readings, &facts));
    found.extend(findings::open_files_keep_sessions(&facts));
    if let Some(drives) = &drives {
        found.extend(findings::administrative_shares_only(readings, drives));
        found.extend(findings::drive_states(drives));
        found.extend(findings::drive_servers(drives, &facts));
        found.extend(findings::keepconn_for_drives(drives, &facts));
    }
    if no_smb_drive {
        found.extend(findings::which_machine(&facts));
    }
    Diagnosis {
        server: readings.server.clone(),
        os: readings.os.clone().unwrap_or_default(),
        policy_checked: matches!(readings.policy, Policy::Checked(_)),
        policy_autodisconnect_minutes: facts.policy_minutes,
        server_autodisconnect_minutes: facts.server_minutes,
        server_autodisconnect_source: facts.source,
        server_registry_autodisconnect_minutes: readings
            .registry_autodisconnect
            .flatten()
            .map(|dword| registry_minutes(Some(dword)).0),
        server_autodisconnect_v2_seconds: facts.v2_seconds,
        keepconn_seconds: facts.keepconn_seconds,
        keepconn_is_default: facts.keepconn_is_default,
        effective_idle_seconds: facts.effective,
        limited_by: facts.limited_by,
        drives,
        findings: found,
    }
}

/// A connection as `doctor --json` shows it, with KB 297684's rule applied to its server.
fn drive(input: &DriveInput, client_limit: Option<u64>, client_read: bool) -> Drive {
    let c = &input.connection;
    let values = input.server.as_ref().and_then(|r| r.as_ref().ok());
    let minutes = values.map(|v| registry_minutes(v.autodisconnect).0);
    let server_limit = minutes.and_then(|m| u64::try_from(m).ok().map(|m| m * 60));
    let both = minutes.is_some() && client_read;
    let (effective, limited_by) = match (server_limit, client_limit) {
        (Some(s), Some(k)) if s <= k => (Some(s), Some(LimitedBy::Server)),
        (Some(_), Some(k)) => (Some(k), Some(LimitedBy::Client)),
        (Some(s), None) if both => (Some(s), Some(LimitedBy::Server)),
        (None, Some(k)) if both => (Some(k), Some(LimitedBy::Client)),
        _ => (None, None),
    };
    Drive {
        local: c.local.clone(),
        remote: c.remote.clone(),
        server: c.server.clone(),
        status: c.status,
        status_text: c.status_text.clone(),
        network: c.network,
        server_autodisconnect_minutes: minutes,
        server_autodisconnect_v2_seconds: values.and_then(|v| v.v2),
        server_error: input
            .server
            .as_ref()
            .and_then(|r| r.as_ref().err())
            .cloned(),
        effective_idle_seconds: effective,
        limited_by,
    }
}

/// The server's value from the registry: absent is the default 15, 0xFFFFFFFF is off (-1).
pub(crate) fn registry_minutes(dword: Option<u32>) -> (i64, Source) {
    match dword {
        None => (i64::from(AutoDisconnect::DEFAULT_MINUTES), Source::Default),
        Some(AutoDisconnect::OFF_DWORD) => (-1, Source::Registry),
        Some(m) => (i64::from(m), Source::Registry),
    }
}

impl From<&Readings> for Facts {
    fn from(readings: &Readings) -> Facts {
        // net.exe is reported to show the value in 16 bits: a stored value above 65535 that
        // it shows modulo 65536 is the one in effect (docs/windows.md#sixteen-bit-display).
        let wrapped = match (readings.running_minutes, readings.registry_autodisconnect) {
            (Some(shown), Some(Some(stored)))
                if stored > 0xFFFF
                    && stored != AutoDisconnect::OFF_DWORD
                    && shown == i64::from(stored % 0x1_0000) =>
            {
                Some((shown, stored))
            }
            _ => None,
        };
        // The server's value: what the running service uses if known, else what the registry
        // (or its absence) will give it.
        let (server_minutes, source) =
            match (readings.running_minutes, readings.registry_autodisconnect) {
                (Some(_), _) if wrapped.is_some() => (
                    wrapped.map(|(_, stored)| i64::from(stored)),
                    Some(Source::Registry),
                ),
                (Some(m), _) => (Some(m), Some(Source::NetConfigServer)),
                (None, Some(dword)) => {
                    let (m, s) = registry_minutes(dword);
                    (Some(m), Some(s))
                }
                (None, None) => (None, None),
            };
        let keepconn_seconds = readings
            .keepconn
            .map(|v| v.unwrap_or(u32::from(KeepConn::DEFAULT_SECONDS)));
        let server_limit = server_minutes.and_then(|m| u64::try_from(m).ok().map(|m| m * 60));
        let client_limit = keepconn_seconds.filter(|&s| s > 0).map(u64::from);
        let both_read = server_minutes.is_some() && keepconn_seconds.is_some();
        let (effective, limited_by) = match (server_limit, client_limit) {
            (Some(s), Some(c)) if s <= c => (Some(s), Some(LimitedBy::Server)),
            (Some(_), Some(c)) => (Some(c), Some(LimitedBy::Client)),
            (Some(s), None) if both_read => (Some(s), Some(LimitedBy::Server)),
            (None, Some(c)) if both_read => (Some(c), Some(LimitedBy::Client)),
            _ => (None, None),
        };
        Facts {
            server_label: readings
                .server
                .clone()
                .unwrap_or_else(|| "this computer".to_string()),
            remote: readings.server.clone(),
            server_minutes,
            source,
            wrapped,
            v2_seconds: readings.registry_v2.flatten(),
            keepconn_seconds,
            keepconn_is_default: readings.keepconn.map(|v| v.is_none()),
            server_limit,
            client_limit,
            both_read,
            effective,
            limited_by,
            build: readings.os.as_ref().and_then(|os| os.build),
            policy_minutes: match readings.policy {
                Policy::Checked(minutes) => minutes,
                _ => None,
            },
        }
    }
}

/// `600 s (10 minutes)`, `65535 s (about 18.2 hours)`.
pub(crate) fn duration(seconds: u64) -> String {
    let tenths = |n: u64, unit: u64| {
        let t = (n * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match seconds {
        0 => "a few seconds (0)".to_string(),
        s if s % 3600 == 0 => format!("{s} s ({})", plural(s / 3600, "hour")),
        s if s >= 3600 => format!("{s} s (about {} hours)", tenths(s, 3600)),
        s if s % 60 == 0 => format!("{s} s ({})", plural(s / 60, "minute")),
        s if s >= 60 => format!("{s} s (about {} minutes)", tenths(s, 60)),
        s => format!("{s} s"),
    }
}

/// Minutes as a person reads them: `off (-1)`, `0 (within seconds)`, `15 minutes`,
/// `99999 minutes (about 69.4 days)`.
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
