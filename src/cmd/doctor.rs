//! `lanman doctor`: read the server's idle-disconnect values, the client's KeepConn, the
//! server's Windows build and this computer's security policy side by side (the probes run at
//! the same time, each with its own deadline), and explain the idle disconnect.

use serde_json::json;

use crate::context::Context;
use crate::diagnosis::{
    self, Diagnosis, DriveInput, Evidence, LimitedBy, Policy, Readings, Severity, Source,
};
use crate::error::{Error, Failure};
use crate::machine::policy::PolicyCheck;
use crate::output::{Output, paint};
use crate::parse::os_version::OsVersion;
use crate::parse::reg::RegKey;
use crate::parse::{Connection, Network, Reading, Status};
use crate::settings::Host;
use crate::settings::catalogue::{AUTODISCONNECT, stored};

pub(super) fn doctor(
    ctx: &Context,
    server: Option<&Host>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let probes = ctx.machine.idle_probes(server);
    let mut readings = Readings {
        server: server.map(|h| h.name().to_string()),
        ..Readings::default()
    };
    let mut failures: Vec<Failure> = Vec::new();
    if let Some(net) = probes.net_server {
        let minutes = net.and_then(|live| match live.parsed.config.idle_session_minutes() {
            Reading::Value(m) => Ok(m),
            _ => Err(Failure::NotUnderstood(
                "`net config server` printed no readable Idle session time".to_string(),
            )),
        });
        match minutes {
            Ok(m) => readings.running_minutes = Some(m),
            Err(f) => failures.push(f),
        }
    }
    match probes.server_key.and_then(|key| {
        let autodisconnect = dword(&key, stored::AUTODISCONNECT.name)?;
        let v2 = dword(&key, stored::AUTODISCONNECT_V2.name)?;
        Ok((autodisconnect, v2, key))
    }) {
        Ok((autodisconnect, v2, key)) => {
            readings.registry_autodisconnect = Some(autodisconnect);
            readings.registry_v2 = Some(v2);
            readings.other_server_values = key
                .values
                .iter()
                .map(|v| (v.name.clone(), v.data.kind().to_string(), v.data.shown()))
                .collect();
        }
        Err(f) => failures.push(f),
    }
    match probes
        .client_key
        .and_then(|key| dword(&key, stored::KEEPCONN.name))
    {
        Ok(k) => readings.keepconn = Some(k),
        Err(f) => failures.push(f),
    }
    // The build and the policy are context: not reading them is said, not a failure.
    readings.os = probes.os.ok();
    readings.policy = match probes.policy {
        None => Policy::NotApplicable,
        Some(PolicyCheck::NotChecked(why)) => Policy::NotChecked(why),
        Some(PolicyCheck::Checked(template)) => {
            Policy::Checked(AUTODISCONNECT.policy.and_then(|path| template.dword(path)))
        }
    };

    match probes.net_share {
        Some(Ok(list)) => readings.shares = Some(list.parsed.list.shares),
        Some(Err(f)) => failures.push(f),
        None => {}
    }
    match probes.net_use {
        Some(Ok(list)) => readings.drives = Some(drives(ctx, list.parsed.list.connections)),
        Some(Err(f)) => failures.push(f),
        None => {}
    }

    let diagnosis = diagnosis::diagnose(&readings);
    let error = failures.into_iter().next().map(|failure| Error::Failed {
        failure,
        state: Some("doctor printed what it could read".to_string()),
    });
    if ctx.json {
        let mut doc = serde_json::to_value(&diagnosis).map_err(std::io::Error::other)?;
        doc["error"] = json!(error.as_ref().map(Error::json));
        out.json(&doc)?;
    } else {
        render(&diagnosis, &readings, out)?;
    }
    match error {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

/// The connections with their servers' idle values: one probe per distinct SMB server, all
/// at once, each with its own deadline.
fn drives(ctx: &Context, connections: Vec<Connection>) -> Vec<DriveInput> {
    let mut hosts: Vec<Host> = Vec::new();
    for c in connections.iter().filter(|c| c.network == Network::Smb) {
        if let Some(host) = c.server.as_deref().and_then(|s| s.parse::<Host>().ok()) {
            if !hosts
                .iter()
                .any(|h| h.name().eq_ignore_ascii_case(host.name()))
            {
                hosts.push(host);
            }
        }
    }
    let read = ctx.machine.servers_idle(hosts);
    connections
        .into_iter()
        .map(|connection| {
            let server = (connection.network == Network::Smb).then(|| {
                let Some(name) = connection.server.as_deref() else {
                    return Err("the remote names no server".to_string());
                };
                match read
                    .iter()
                    .find(|(h, _)| h.name().eq_ignore_ascii_case(name))
                {
                    Some((_, Ok(values))) => Ok(values.clone()),
                    Some((_, Err(failure))) => Err(failure.to_string()),
                    None => Err(format!(
                        "{name:?} is not a computer name lanman can pass to reg.exe"
                    )),
                }
            });
            DriveInput { connection, server }
        })
        .collect()
}

/// A REG_DWORD that the diagnosis reads: `None` when absent; a value of another type is a
/// failure that says how to repair it.
fn dword(key: &RegKey, name: &str) -> Result<Option<u32>, Failure> {
    key.dword(name)
        .map_err(|wrong| Failure::wrongly_typed(wrong, None))
}

const LABEL: usize = 28;
/// Lines of findings are wrapped to this many columns: short lines in a console and a log.
const WIDTH: usize = 100;

/// Words of `text` in lines of at most `width` columns (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn render(d: &Diagnosis, readings: &Readings, out: &mut Output<'_>) -> Result<(), Error> {
    let where_ = d.server.as_deref().unwrap_or("this computer");
    let row = |out: &mut Output<'_>, label: &str, value: &str| {
        out.line(&format!("{label:<LABEL$} {value}"))
    };
    let server = match (
        d.server_autodisconnect_minutes,
        d.server_autodisconnect_source,
    ) {
        (None, _) => "autodisconnect could not be read".to_string(),
        (Some(m), source) => {
            let from = match source {
                Some(Source::NetConfigServer) => "net config server",
                Some(Source::Registry) => "registry",
                Some(Source::Default) | None => "not set: the default",
            };
            format!("autodisconnect {} ({from})", diagnosis::minutes(m))
        }
    };
    row(out, &format!("Server ({where_})"), &server)?;
    if let Some(v2) = d.server_autodisconnect_v2_seconds {
        row(
            out,
            "",
            &format!(
                "AutoDisconnectTimeoutV2 {} (registry; SMB2/3, reported)",
                diagnosis::duration(u64::from(v2))
            ),
        )?;
    }
    let client = match (d.keepconn_seconds, d.keepconn_is_default) {
        (Some(s), Some(true)) => format!(
            "KeepConn {}, not set: the default",
            diagnosis::duration(u64::from(s))
        ),
        (Some(s), _) => format!("KeepConn {}", diagnosis::duration(u64::from(s))),
        (None, _) => "KeepConn could not be read".to_string(),
    };
    row(out, "Client (this computer)", &client)?;
    row(out, &format!("Windows ({where_})"), &os_text(&d.os))?;
    let policy = match &readings.policy {
        Policy::Checked(Some(m)) => format!(
            "sets autodisconnect to {}",
            diagnosis::minutes(i64::from(*m))
        ),
        Policy::Checked(None) => "sets no idle time".to_string(),
        Policy::NotChecked(_) => "not checked (see below)".to_string(),
        Policy::NotApplicable => {
            format!("not checked: only this computer's policy can be read, not {where_}'s")
        }
    };
    row(out, "Group Policy", &policy)?;
    let effective = match (d.effective_idle_seconds, d.limited_by) {
        (Some(s), Some(LimitedBy::Server)) => format!(
            "{} by KB 297684's rule: the server's autodisconnect",
            diagnosis::duration(s)
        ),
        (Some(s), Some(LimitedBy::Client)) => format!(
            "{} by KB 297684's rule: the client's KeepConn",
            diagnosis::duration(s)
        ),
        (Some(s), None) => diagnosis::duration(s),
        (None, _) if d.server_autodisconnect_minutes.is_some() && d.keepconn_seconds.is_some() => {
            "never, by KB 297684's rule".to_string()
        }
        (None, _) => "unknown (a side could not be read)".to_string(),
    };
    row(out, "Idle disconnect after", &effective)?;
    if let Some(drives) = &d.drives {
        out.line("")?;
        if drives.is_empty() {
            out.line("Mapped drives                no connections (net use lists none)")?;
        }
        for (i, drive) in drives.iter().enumerate() {
            let label = if i == 0 { "Mapped drives" } else { "" };
            row(out, label, &drive_text(drive))?;
        }
    }
    for finding in &d.findings {
        let (label, code) = match finding.severity {
            Severity::Info => ("info:", "36"),
            Severity::Warning => ("warning:", "33"),
        };
        out.line("")?;
        let lines: Vec<String> = finding
            .message
            .lines()
            .flat_map(|line| wrap(line, WIDTH - label.len() - 1))
            .collect();
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.line(&format!("{} {line}", paint(out.color, code, label)))?;
            } else {
                out.line(&format!("{:width$} {line}", "", width = label.len()))?;
            }
        }
        if let Some(fix) = &finding.fix {
            let lead = match &finding.run_on {
                Some(host) => format!("  fix, on {host}:"),
                None => "  fix:".to_string(),
            };
            for (i, line) in fix.lines().enumerate() {
                if i == 0 {
                    out.line(&format!("{lead} {line}"))?;
                } else {
                    out.line(&format!("{:width$} {line}", "", width = lead.len()))?;
                }
            }
        }
        let evidence = match finding.evidence {
            Evidence::Documented => "documented",
            Evidence::Reported => "reported, not documented",
            Evidence::Inferred => "inferred by lanman",
        };
        let source = finding.source.map(|s| format!(": {s}")).unwrap_or_default();
        out.line(&format!("  ({evidence}{source})"))?;
    }
    Ok(())
}

/// `Z: \\FS01\data  OK  FS01: autodisconnect 15 minutes; idle after 600 s`
fn drive_text(drive: &diagnosis::Drive) -> String {
    let local = drive.local.as_deref().unwrap_or("-");
    let status = match drive.status {
        Status::Unknown if drive.status_text.is_empty() => "(no status)".to_string(),
        _ => drive.status_text.clone(),
    };
    let server = drive.server.as_deref().unwrap_or("?");
    let about = if drive.network != Network::Smb {
        format!(
            "{}: not SMB, idle disconnect not diagnosed",
            network_name(drive.network)
        )
    } else if let Some(error) = &drive.server_error {
        format!("could not read {server}'s settings: {error}")
    } else {
        match (
            drive.server_autodisconnect_minutes,
            drive.effective_idle_seconds,
        ) {
            (Some(m), Some(s)) => format!(
                "{server}: autodisconnect {}; idle after {}",
                diagnosis::minutes(m),
                diagnosis::duration(s)
            ),
            (Some(m), None) => format!("{server}: autodisconnect {}", diagnosis::minutes(m)),
            _ => format!("{server}: not read"),
        }
    };
    crate::output::visible(&format!("{local:<3} {} {status}  {about}", drive.remote))
}

fn network_name(network: Network) -> &'static str {
    match network {
        Network::Smb => "SMB",
        Network::Webdav => "WebDAV",
        Network::Nfs => "NFS",
        Network::Virtualbox => "VirtualBox shared folder",
        Network::TerminalServices => "Remote Desktop drive",
        Network::Other => "another network",
    }
}

fn os_text(os: &OsVersion) -> String {
    if os == &OsVersion::default() {
        return "not read".to_string();
    }
    let mut parts = Vec::new();
    if let Some(product) = &os.product {
        parts.push(product.clone());
    }
    if let Some(version) = &os.display_version {
        parts.push(version.clone());
    }
    let build = match (os.build, os.ubr) {
        (Some(b), Some(u)) => format!("build {b}.{u}"),
        (Some(b), None) => format!("build {b}"),
        _ => String::new(),
    };
    let mut text = parts.join(" ");
    if !build.is_empty() {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&build);
    }
    text
}
