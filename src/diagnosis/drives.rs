//! Which value ends an idle session, per drive and for this computer as a server, and how
//! sure lanman is (docs/windows.md#smb2-idle, #min-rule, #autodisconnect).

use super::timeline;
use super::{
    Cause, Dfs, Drive, DriveEvents, DriveInput, Evidence, GppCheck, Headline, LastLoss, LimitedBy,
    NEAR_LOSS_MINUTES, NearLoss, Policy, RECENT_EVENTS, Readings, SPLIT_BUILD, ServerKind,
    ServerSide, ServerSummary, Service, Source, Unread, V2_CAP_SECONDS, duration, kb297684_applies,
    registry_minutes, shares_folders,
};
use crate::parse::events::Event;
use crate::parse::gpp_drives::GppAction;
use crate::parse::server_idle::ServerIdle;
use crate::parse::{Network, Status};
use crate::settings::AutoDisconnect;

/// The idle limit of sessions to one server, as lanman concludes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Seconds; `None` when no limit applies (`never`) or it is not known.
    pub(crate) seconds: Option<u64>,
    /// The value that governs turns idle disconnect off.
    pub(crate) never: bool,
    pub(crate) by: LimitedBy,
    pub(crate) evidence: Evidence,
    /// The server keeps a separate SMB2/3 value (build 26100+, or the value is present).
    pub(crate) split: bool,
}

/// A server's values as they bear on one session: `minutes` is its `autodisconnect` in effect
/// (-1 off), `v2` its SMB2/3 value, `smb1` whether the session is SMB1 (when known).
pub(crate) fn server_limit(
    minutes: Option<i64>,
    v2: Option<u32>,
    build: Option<u32>,
    smb1: Option<bool>,
) -> Option<Limit> {
    let split = v2.is_some() || build.is_some_and(|b| b >= SPLIT_BUILD);
    if split && smb1 != Some(true) {
        // SMB2/3 sessions follow the V2 value there (reported); its absence says nothing of
        // its value, and what 0 means is not known.
        let seconds = v2
            .filter(|&s| s > 0)
            .map(|s| u64::from(s.min(V2_CAP_SECONDS)));
        return Some(Limit {
            seconds,
            never: false,
            by: LimitedBy::ServerAutodisconnectV2,
            evidence: if v2.is_some() {
                Evidence::Reported
            } else {
                Evidence::Inferred
            },
            split,
        });
    }
    let m = minutes?;
    Some(Limit {
        seconds: u64::try_from(m).ok().map(|m| m * 60),
        never: m < 0,
        by: LimitedBy::ServerAutodisconnect,
        evidence: Evidence::Documented,
        split,
    })
}

/// This client's KeepConn, where KB 297684 documents that it ends a session first.
fn with_client(limit: Limit, keepconn: Option<u32>, client_build: Option<u32>) -> Limit {
    let Some(k) = keepconn.filter(|&k| k > 0).map(u64::from) else {
        return limit;
    };
    let shorter = limit.never || limit.seconds.is_some_and(|s| k < s);
    if shorter && kb297684_applies(client_build) {
        Limit {
            seconds: Some(k),
            never: false,
            by: LimitedBy::ClientKeepconn,
            evidence: Evidence::Documented,
            split: limit.split,
        }
    } else {
        limit
    }
}

/// `FS01's AutoDisconnectTimeoutV2`, `this computer's autodisconnect`.
pub(crate) fn value_name(by: LimitedBy, server: &str) -> String {
    match by {
        LimitedBy::ServerAutodisconnect | LimitedBy::ServerAutodisconnectV2 => {
            format!("{server}'s {}", by.value_name())
        }
        LimitedBy::ClientKeepconn => format!("this client's {}", by.value_name()),
    }
}

/// One sentence: what ends idle sessions to `server`, and after how long.
pub(crate) fn limit_sentence(limit: &Limit, server: &str) -> String {
    let value = value_name(limit.by, server);
    match (limit.seconds, limit.never, limit.by) {
        (Some(0), _, _) => format!("Idle sessions end within seconds: {value} is 0."),
        (Some(s), _, _) => format!("Idle sessions end after {}: {value}.", duration(s)),
        (None, true, _) => format!("No idle limit: {value} is off (-1)."),
        (None, false, LimitedBy::ServerAutodisconnectV2) => format!(
            "Idle SMB2/3 sessions follow {value}, whose value is not in the registry there."
        ),
        (None, false, _) => format!("{value} could not be read."),
    }
}

/// This computer's own `autodisconnect` in effect: what the running service uses, else what
/// the registry gives it; and whether net.exe showed the registry's value modulo 65536
/// (docs/windows.md#sixteen-bit-display): (minutes, source, (shown, stored)).
pub(crate) fn own_minutes(
    readings: &Readings,
) -> (Option<i64>, Option<Source>, Option<(i64, u32)>) {
    let stored = readings
        .server
        .values
        .as_ref()
        .ok()
        .map(|v| v.autodisconnect);
    let running = match readings.server.service {
        Service::Running(m) => Some(m),
        _ => None,
    };
    let wrapped = match (running, stored) {
        (Some(shown), Some(Some(stored)))
            if stored > 0xFFFF
                && stored != AutoDisconnect::OFF_DWORD
                && shown == i64::from(stored % 0x1_0000) =>
        {
            Some((shown, stored))
        }
        _ => None,
    };
    match (running, stored) {
        (Some(_), _) if wrapped.is_some() => (
            wrapped.map(|(_, stored)| i64::from(stored)),
            Some(Source::Registry),
            wrapped,
        ),
        (Some(m), _) => (Some(m), Some(Source::NetConfigServer), None),
        (None, Some(dword)) => {
            let (m, s) = registry_minutes(dword);
            (Some(m), Some(s), None)
        }
        (None, None) => (None, None, None),
    }
}

fn kind_of(values: &Result<ServerIdle, Unread>) -> ServerKind {
    match values {
        Ok(v) if v.looks_like_windows() => ServerKind::Windows,
        Ok(_) => ServerKind::NotWindows,
        Err(_) => ServerKind::Unknown,
    }
}

/// `doctor --json`'s `server`.
pub(super) fn server_side(readings: &Readings) -> ServerSide {
    let server = &readings.server;
    let (minutes, source, _) = own_minutes(readings);
    let values = server.values.as_ref().ok();
    let kind = match (&server.values, readings.computer.is_none()) {
        // This computer runs Windows: lanman reads it.
        (Ok(_), true) => ServerKind::Windows,
        (values, _) => kind_of(values),
    };
    let limit = (kind == ServerKind::Windows && server.service != Service::Stopped)
        .then(|| {
            server_limit(
                minutes,
                values.and_then(|v| v.v2),
                values.and_then(|v| v.os.build),
                None,
            )
        })
        .flatten();
    ServerSide {
        name: server.name.clone(),
        service_running: match server.service {
            Service::Running(_) => Some(true),
            Service::Stopped => Some(false),
            Service::Unknown | Service::Remote => None,
        },
        shares_folders: shares_folders(server.shares.as_deref()),
        kind,
        os: values.map(|v| v.os.clone()),
        autodisconnect_minutes: minutes.filter(|_| kind == ServerKind::Windows),
        autodisconnect_source: source.filter(|_| kind == ServerKind::Windows),
        registry_autodisconnect_minutes: values
            .and_then(|v| v.autodisconnect)
            .map(|d| registry_minutes(Some(d)).0),
        autodisconnect_v2_seconds: values.and_then(|v| v.v2),
        policy_checked: matches!(server.policy, Policy::Checked(_)),
        policy_autodisconnect_minutes: match server.policy {
            Policy::Checked(m) => m,
            _ => None,
        },
        mdm_autodisconnect_minutes: server.mdm_minutes,
        idle_limit_seconds: limit.and_then(|l| l.seconds),
        limited_by: limit.map(|l| l.by),
        evidence: limit.map(|l| l.evidence),
        // Only where it shares folders: elsewhere no session of another computer is counted.
        statistics: readings
            .server_statistics
            .clone()
            .filter(|_| shares_folders(server.shares.as_deref()) == Some(true)),
        error: server.values.as_ref().err().cloned(),
    }
}

/// The servers the drives use, once each.
pub(super) fn summaries(readings: &Readings) -> Vec<ServerSummary> {
    readings
        .servers
        .iter()
        .map(|probe| {
            let kind = kind_of(&probe.values);
            let values = probe
                .values
                .as_ref()
                .ok()
                .filter(|_| kind == ServerKind::Windows);
            ServerSummary {
                name: probe.name.clone(),
                names: probe.names.clone(),
                kind,
                os: values.map(|v| v.os.clone()),
                autodisconnect_minutes: values.map(|v| registry_minutes(v.autodisconnect).0),
                autodisconnect_v2_seconds: values.and_then(|v| v.v2),
                policy_checked: false,
                error: probe.values.as_ref().err().cloned(),
            }
        })
        .collect()
}

/// The drive letter a Group Policy Preferences item replaces at every refresh.
pub(crate) fn replaced_by_gpp(readings: &Readings, local: Option<&str>) -> bool {
    let Some(local) = local else {
        return false;
    };
    match readings.client.as_ref().map(|c| &c.gpp) {
        Some(GppCheck::Checked(items)) => items.iter().any(|item| {
            item.action == GppAction::Replace
                && item
                    .letter
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case(local))
        }),
        _ => false,
    }
}

/// The limit of one drive's sessions, when its server could be read and is Windows.
pub(crate) fn drive_limit(
    input: &DriveInput,
    readings: &Readings,
    keepconn: Option<u32>,
    client_build: Option<u32>,
) -> Option<Limit> {
    let probe = readings.servers.get(input.server?)?;
    let values = probe
        .values
        .as_ref()
        .ok()
        .filter(|v| v.looks_like_windows())?;
    let smb1 = input.dialect.as_deref().map(|d| d.starts_with('1'));
    let (minutes, _) = registry_minutes(values.autodisconnect);
    let limit = server_limit(Some(minutes), values.v2, values.os.build, smb1)?;
    Some(with_client(limit, keepconn, client_build))
}

/// A connection as `doctor --json` shows it.
pub(super) fn drive(
    input: &DriveInput,
    readings: &Readings,
    keepconn: Option<u32>,
    client_build: Option<u32>,
) -> Drive {
    let c = &input.connection;
    let smb = c.network == Network::Smb;
    let probe = input
        .server
        .and_then(|i| readings.servers.get(i))
        .filter(|_| smb);
    let kind = probe.map(|p| kind_of(&p.values));
    let windows = probe
        .and_then(|p| p.values.as_ref().ok())
        .filter(|v| v.looks_like_windows());
    let limit = drive_limit(input, readings, keepconn, client_build);
    let server_name =
        probe.map_or_else(|| c.server.clone().unwrap_or_default(), |p| p.name.clone());
    let headline = headline(
        input,
        readings,
        probe.map(|p| &p.values),
        limit,
        &server_name,
    );
    Drive {
        local: c.local.clone(),
        remote: c.remote.clone(),
        server: c.server.clone(),
        status: c.status,
        status_text: c.status_text.clone(),
        network: c.network,
        file_server: probe.map(|p| p.name.clone()),
        dfs_namespace: matches!(input.dfs, Dfs::Namespace { .. }),
        dialect: input.dialect.clone(),
        open_files: input.open_files,
        server_kind: kind,
        server_os: windows.map(|v| v.os.clone()),
        server_autodisconnect_minutes: windows.map(|v| registry_minutes(v.autodisconnect).0),
        server_autodisconnect_v2_seconds: windows.and_then(|v| v.v2),
        server_policy_checked: false,
        server_error: probe
            .and_then(|p| p.values.as_ref().err())
            .map(|u| u.message.clone()),
        keepconn_seconds: keepconn.filter(|_| smb),
        effective_idle_seconds: limit.and_then(|l| l.seconds),
        limited_by: limit.map(|l| l.by),
        evidence: limit.map(|l| l.evidence),
        headline,
        events: match (&readings.events, c.server.as_deref()) {
            (Some(Ok(all)), Some(server)) if smb => {
                Some(drive_events(all, server, c.share.as_deref()))
            }
            _ => None,
        },
    }
}

/// A drive's last events and its last loss with what happened close to it.
fn drive_events(all: &[Event], server: &str, share: Option<&str>) -> DriveEvents {
    let history = timeline::drive_history(
        all,
        server,
        share,
        RECENT_EVENTS,
        jiff::SignedDuration::from_mins(NEAR_LOSS_MINUTES),
    );
    DriveEvents {
        line: timeline::drive_history_line(server, share, &history),
        recent: history.events.iter().map(|e| (*e).clone()).collect(),
        last_loss: history.last_loss.map(|loss| LastLoss {
            event: loss.event.clone(),
            near: loss.near.map(|near| NearLoss {
                event: near.event.clone(),
                seconds_before_loss: near.gap.as_secs(),
            }),
        }),
    }
}

/// The likeliest cause first: a drive re-created by Group Policy, one never connected at
/// logon, then what its server's values say.
fn headline(
    input: &DriveInput,
    readings: &Readings,
    values: Option<&Result<ServerIdle, Unread>>,
    limit: Option<Limit>,
    server: &str,
) -> Headline {
    let c = &input.connection;
    let said = |cause, message: String, evidence| Headline {
        cause,
        message,
        evidence,
    };
    if c.network != Network::Smb {
        return said(
            Cause::NotSmb,
            "Not an SMB connection: idle disconnect is not diagnosed.".to_string(),
            Evidence::Inferred,
        );
    }
    if replaced_by_gpp(readings, c.local.as_deref()) {
        return said(
            Cause::ReplacedByGroupPolicy,
            "Group Policy Preferences delete and re-create this drive at every policy refresh (action Replace)."
                .to_string(),
            Evidence::Documented,
        );
    }
    let not_connected = matches!(c.status, Status::Unavailable)
        || (c.status == Status::Unknown && c.status_text.trim().is_empty());
    if not_connected {
        return said(
            Cause::NotRestoredAtLogon,
            "Not connected in this logon session: Windows did not restore it, which is not an idle drop."
                .to_string(),
            Evidence::Reported,
        );
    }
    let Some(values) = values else {
        return match input.dfs {
            Dfs::Namespace { target: None } => said(
                Cause::DfsTargetUnknown,
                "A DFS namespace: the file server in use could not be learned here.".to_string(),
                Evidence::Inferred,
            ),
            _ => said(
                Cause::ServerUnread,
                "Its server was not read.".to_string(),
                Evidence::Inferred,
            ),
        };
    };
    match values {
        Err(unread) => said(
            Cause::ServerUnread,
            format!(
                "{server}'s settings could not be read ({}).",
                unread_words(unread)
            ),
            Evidence::Inferred,
        ),
        Ok(v) if !v.looks_like_windows() => said(
            Cause::NotWindowsServer,
            format!("{server} is not Windows: its own idle setting (Samba's deadtime) decides."),
            Evidence::Inferred,
        ),
        Ok(_) => match limit {
            Some(limit) => {
                let mut message = limit_sentence(&limit, server);
                if c.status == Status::Disconnected {
                    message = format!("Disconnected, as an idle drop looks. {message}");
                }
                let cause = if limit.never {
                    Cause::NoIdleLimit
                } else {
                    Cause::IdleLimit
                };
                said(cause, message, limit.evidence)
            }
            None => said(
                Cause::ServerUnread,
                format!("{server}'s idle values could not be read."),
                Evidence::Inferred,
            ),
        },
    }
}

/// `access denied`, `cannot reach it` …
pub(crate) fn unread_words(unread: &Unread) -> &'static str {
    use super::UnreadKind::*;
    match unread.kind {
        AccessDenied => "access denied",
        Unreachable => "cannot reach its registry",
        Credentials => "credentials refused",
        TimedOut => "no answer in time",
        WronglyTyped => "a value of the wrong type",
        Other => "a failure",
    }
}
