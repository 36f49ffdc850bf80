//! `lanman doctor [DRIVE]`: read (machine), reason (diagnosis), render (output::doctor). This
//! leaf only puts the readings together: which drives, which servers, what failed.

use crate::context::Context;
use crate::diagnosis::{
    self, ClientReadings, DriveInput, GppCheck, Policy, Readings, ServerProbe, ServerReadings,
    Service, Unread,
};
use crate::error::{Error, Failure};
use crate::machine::logon;
use crate::machine::policy::PolicyCheck;
use crate::machine::probe::group_server_names;
use crate::measure::corroborate::corroboration;
use crate::output::Output;
use crate::output::doctor::{self as render, Envelope};
use crate::parse::server_names;
use crate::parse::smb_connection::SmbConnection;
use crate::parse::{Connection, Reading};
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
        let unread = Unread::from_failure(&f);
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
        (Some(all), Some(asked)) => Some(
            diagnosis::asked_connections(all, asked)
                .map_err(|why| Error::from(Failure::InvalidValue(why)))?,
        ),
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

/// The file servers of the SMB connections, one probe per server however many names the
/// drives use for it, and the connections with their server and dialect.
fn drive_inputs(
    ctx: &Context,
    connections: Vec<Connection>,
    domains: &[String],
) -> (Vec<ServerProbe>, Vec<DriveInput>, Option<String>) {
    let paths = diagnosis::dfs_paths(&connections, domains);
    let targets: Vec<(String, String)> = paths
        .iter()
        .zip(ctx.machine.dfs_targets(&paths))
        .filter_map(|(path, answer)| Some((path.clone(), answer.ok()??)))
        .collect();
    let names = diagnosis::file_server_names(&connections, domains, &targets);
    let groups = group_server_names(&names, ctx.machine.timeout());
    let probed: Vec<(&Vec<String>, String, Result<Host, String>)> = groups
        .iter()
        .filter_map(|names| {
            let name = server_names::probe_name(names)?;
            Some((
                names,
                name.to_string(),
                name.parse::<Host>().map_err(|e| e.to_string()),
            ))
        })
        .collect();
    let hosts: Vec<Host> = probed
        .iter()
        .filter_map(|(_, _, h)| h.clone().ok())
        .collect();
    let (read, connections_read) = ctx.machine.file_servers(hosts, !names.is_empty());
    let mut read = read.into_iter();
    let servers: Vec<ServerProbe> = probed
        .into_iter()
        .map(|(names, name, host)| ServerProbe {
            values: match host {
                Ok(_) => match read.next() {
                    Some(Ok(values)) => Ok(values),
                    Some(Err(f)) => Err(Unread::from_failure(&f)),
                    None => Err(Unread::other("not read".to_string())),
                },
                Err(why) => Err(Unread::other(format!(
                    "{name} is not a computer name lanman can read: {why}"
                ))),
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
    let drives = diagnosis::drive_inputs(connections, &servers, &smb, domains, &targets);
    (servers, drives, dialects_unread)
}
