//! `lanman doctor [DRIVE]`: read (machine), reason (diagnosis), render (output::doctor). This
//! leaf only puts the readings together: which drives, which servers, what failed.

use crate::context::Context;
use crate::diagnosis::{
    self, ClientReadings, Dfs, DriveInput, GppCheck, Policy, Readings, ServerProbe, ServerReadings,
    Service, Unread, UnreadKind,
};
use crate::error::{Error, Failure};
use crate::machine::logon;
use crate::machine::policy::PolicyCheck;
use crate::machine::probe::group_server_names;
use crate::measure::corroborate::corroboration;
use crate::output::Output;
use crate::output::doctor::{self as render, Envelope};
use crate::parse::smb_connection::SmbConnection;
use crate::parse::{Connection, Network, Reading};
use crate::settings::catalogue::AUTODISCONNECT;
use crate::settings::{Host, Side};

pub(super) fn doctor(
    ctx: &Context,
    asked: Option<&str>,
    computer: Option<&Host>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let probes = ctx.machine.doctor_probes(computer);
    let mut failures: Vec<Failure> = Vec::new();

    let service = match probes.net_server {
        None => Service::Remote,
        Some(Ok(live)) => match live.parsed.config.idle_session_minutes() {
            Reading::Value(m) => Service::Running(m),
            _ => {
                failures.push(Failure::NotUnderstood(
                    "`net config server` printed no readable Idle session time".to_string(),
                ));
                Service::Unknown
            }
        },
        // A stopped or disabled Server service is a finding, not a failure: the drives can
        // still be explained.
        Some(Err(Failure::ServiceNotRunning { side: Side::Server })) => Service::Stopped,
        Some(Err(f)) => {
            failures.push(f);
            Service::Unknown
        }
    };
    let shares = match probes.net_share {
        Some(Ok(list)) => Some(list.parsed.list.shares),
        Some(Err(Failure::ServiceNotRunning { .. })) | None => None,
        Some(Err(f)) => {
            failures.push(f);
            None
        }
    };
    let values = probes.server.map_err(|f| {
        let unread = unread(&f);
        failures.push(f);
        unread
    });
    let server = ServerReadings {
        name: computer.map(|h| h.name().to_string()),
        service,
        values,
        policy: match probes.policy {
            None => Policy::Remote,
            Some(PolicyCheck::NotChecked(why)) => Policy::NotChecked(why),
            Some(PolicyCheck::Checked(template)) => {
                Policy::Checked(AUTODISCONNECT.policy.and_then(|path| template.dword(path)))
            }
        },
        mdm_minutes: probes.mdm_minutes,
        shares,
    };
    let client = probes.client.map(|c| ClientReadings {
        keepconn: match c.keepconn {
            Some(Ok(k)) => Some(k),
            Some(Err(f)) => {
                failures.push(f);
                None
            }
            None => None,
        },
        os: c.os,
        elevated: c.elevated,
        linked_connections: c.linked_connections,
        restore_connection: c.restore_connection,
        wait_for_network: c.wait_for_network,
        gpp: match c.gpp {
            Ok(items) => GppCheck::Checked(items),
            Err(why) => GppCheck::NotChecked(why),
        },
    });

    let connections = match probes.net_use {
        Some(Ok(list)) => Some(list.parsed.list.connections),
        Some(Err(f)) => {
            failures.push(f);
            None
        }
        None => None,
    };
    let connections = match (connections, asked) {
        (Some(all), Some(asked)) => {
            let (one, others): (Vec<Connection>, Vec<Connection>) =
                all.into_iter().partition(|c| is_asked(c, asked));
            if one.is_empty() {
                let listed: Vec<String> = others
                    .iter()
                    .map(|c| c.local.clone().unwrap_or_else(|| c.remote.clone()))
                    .collect();
                return Err(Failure::InvalidValue(format!(
                    "{asked} is not one of this user's connections (net use lists {})",
                    if listed.is_empty() {
                        "none".to_string()
                    } else {
                        listed.join(", ")
                    }
                ))
                .into());
            }
            Some(one)
        }
        (connections, _) => connections,
    };
    let domains = logon::domain_names(probes.host.dns_domain());
    let (servers, drives, dialects_unread) = match connections {
        Some(connections) => {
            let (servers, drives, unread) = drive_inputs(ctx, connections, &domains);
            (servers, Some(drives), unread)
        }
        None => (Vec::new(), None, None),
    };

    // The event log only adds to the drives' story: a failed read is a note, not a failure.
    let events = match probes.events {
        Some(Ok(reading)) => Some(Ok(reading.events())),
        Some(Err(failure)) => {
            out.note(&format!(
                "the SMB client's event log could not be read, so doctor shows no drive's events: {failure}"
            ))?;
            Some(Err(failure.to_string()))
        }
        None => None,
    };
    let server_statistics = probes
        .server_statistics
        .and_then(Result::ok)
        .and_then(|live| corroboration(&live.parsed.list));
    let readings = Readings {
        computer: computer.map(|h| h.name().to_string()),
        asked: asked.map(str::to_string),
        host: probes.host,
        server,
        client,
        servers,
        drives,
        dialects_unread,
        events,
        server_statistics,
    };
    let diagnosis = diagnosis::diagnose(&readings);
    let error = failures.into_iter().next().map(|failure| Error::Failed {
        failure,
        state: Some("doctor printed what it could read".to_string()),
    });
    if ctx.json {
        let envelope = Envelope {
            schema_version: diagnosis::SCHEMA_VERSION,
            lanman_version: env!("CARGO_PKG_VERSION"),
            // RFC 3339 in UTC, to the second (`2026-12-06T10:00:00Z`).
            generated_at: crate::measure::watch::rfc3339(crate::clock::now()),
        };
        render::json(&diagnosis, &envelope, error.as_ref().map(Error::json), out)?;
    } else {
        render::text(&diagnosis, out)?;
    }
    match error {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

/// `Z:` or `\\server\share`, as `net use` lists it.
fn is_asked(c: &Connection, asked: &str) -> bool {
    c.local
        .as_deref()
        .is_some_and(|l| l.eq_ignore_ascii_case(asked))
        || c.remote
            .trim_end_matches('\\')
            .eq_ignore_ascii_case(asked.trim_end_matches('\\'))
}

/// The file servers of the SMB connections, one probe per server however many names the
/// drives use for it, and the connections with their server and dialect.
fn drive_inputs(
    ctx: &Context,
    connections: Vec<Connection>,
    domains: &[String],
) -> (Vec<ServerProbe>, Vec<DriveInput>, Option<String>) {
    let is_domain = |name: &str| domains.iter().any(|d| d.eq_ignore_ascii_case(name));
    let mut names: Vec<String> = Vec::new();
    for c in connections.iter().filter(|c| c.network == Network::Smb) {
        if let Some(server) = c.server.as_deref().filter(|s| !is_domain(s)) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(server)) {
                names.push(server.to_string());
            }
        }
    }
    let groups = group_server_names(&names, ctx.machine.timeout());
    // Probe each group by its DNS name if it has one, else by its first name.
    let probed: Vec<(String, Result<Host, String>)> = groups
        .iter()
        .map(|g| {
            let name = g
                .iter()
                .find(|n| n.contains('.') && n.parse::<std::net::IpAddr>().is_err())
                .unwrap_or(&g[0])
                .clone();
            let host = name.parse::<Host>().map_err(|e| e.to_string());
            (name, host)
        })
        .collect();
    let hosts: Vec<Host> = probed.iter().filter_map(|(_, h)| h.clone().ok()).collect();
    let (read, connections_read) = ctx.machine.file_servers(hosts, !names.is_empty());
    let mut read = read.into_iter();
    let servers: Vec<ServerProbe> = probed
        .into_iter()
        .zip(&groups)
        .map(|((name, host), names)| ServerProbe {
            values: match host {
                Ok(_) => match read.next() {
                    Some(Ok(values)) => Ok(values),
                    Some(Err(f)) => Err(unread(&f)),
                    None => Err(Unread {
                        kind: UnreadKind::Other,
                        message: "not read".to_string(),
                    }),
                },
                Err(why) => Err(Unread {
                    kind: UnreadKind::Other,
                    message: format!("{name} is not a computer name lanman can read: {why}"),
                }),
            },
            name,
            names: names.clone(),
        })
        .collect();
    let (smb, dialects_unread): (Vec<SmbConnection>, Option<String>) = match connections_read {
        Some(Ok(list)) => (list, None),
        Some(Err(f)) => (Vec::new(), Some(f.to_string())),
        None => (Vec::new(), None),
    };
    let drives = connections
        .into_iter()
        .map(|connection| {
            let server_name = connection.server.clone().unwrap_or_default();
            let smb_drive = connection.network == Network::Smb;
            let dfs = if smb_drive && is_domain(&server_name) {
                Dfs::Namespace { target: None }
            } else {
                Dfs::No
            };
            let index = smb_drive
                .then(|| {
                    servers
                        .iter()
                        .position(|s| s.names.iter().any(|n| n.eq_ignore_ascii_case(&server_name)))
                })
                .flatten();
            let seen = index.and_then(|i| {
                smb.iter().find(|s| {
                    servers[i]
                        .names
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(&s.server))
                        && connection
                            .share
                            .as_deref()
                            .is_some_and(|share| share.eq_ignore_ascii_case(&s.share))
                })
            });
            DriveInput {
                server: index,
                dfs,
                dialect: seen.and_then(|s| s.dialect.clone()),
                open_files: seen.and_then(|s| s.open_files),
                connection,
            }
        })
        .collect();
    (servers, drives, dialects_unread)
}

/// What a failed read means for the advice (docs/windows.md#remote-read-failures).
fn unread(failure: &Failure) -> Unread {
    // By the failure's kind, which the registry layer takes from the Windows error number,
    // so it reads the same in every display language (docs/windows.md#win32-errors).
    let kind = match failure {
        Failure::AccessDenied { .. } => UnreadKind::AccessDenied,
        Failure::RemoteCredentials { .. } => UnreadKind::Credentials,
        Failure::RemoteUnreachable { .. } => UnreadKind::Unreachable,
        Failure::TimedOut { .. } => UnreadKind::TimedOut,
        Failure::WronglyTyped(_) => UnreadKind::WronglyTyped,
        _ => UnreadKind::Other,
    };
    Unread {
        kind,
        message: failure.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_that_refuses_the_credentials_is_said_so_not_other() {
        let refused = Failure::RemoteCredentials {
            host: "FS01".to_string(),
            code: 1326,
        };
        assert_eq!(unread(&refused).kind, UnreadKind::Credentials);
        let conflict = Failure::RemoteCredentials {
            host: "FS01".to_string(),
            code: 1219,
        };
        assert_eq!(unread(&conflict).kind, UnreadKind::Credentials);
    }
}
