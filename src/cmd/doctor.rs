//! `lanman doctor`: read the server's autodisconnect and the client's KeepConn side by side
//! (the child processes run at the same time), and explain the effective idle disconnect.

use std::time::Instant;

use color_eyre::eyre::{Report, Result};

use super::keepconn;
use super::set::registry_dword;
use crate::Context;
use crate::diagnosis::{self, Diagnosis, Readings, Severity, Side, Source};
use crate::error::{Failure, Service};
use crate::exec::{Invocation, Running};
use crate::output::{Output, paint};
use crate::parse::{self, Reading};
use crate::settings::Host;
use crate::tools::{SERVER_PARAMETERS, WORKSTATION_PARAMETERS, argv};

pub(crate) fn doctor(ctx: &Context, server: Option<&Host>, out: &mut Output<'_>) -> Result<()> {
    let tools = ctx.tools();
    let deadline = Instant::now() + ctx.exec.timeout();
    // Start every probe first, then wait for each against one deadline: they overlap.
    let start = |invocation: Invocation| {
        let running = tools.start(&invocation);
        (invocation, running)
    };
    let net = server
        .is_none()
        .then(|| start(argv::net_config(Service::Server)));
    let server_registry = start(argv::reg_query(server, SERVER_PARAMETERS));
    let client_registry = start(argv::reg_query(None, WORKSTATION_PARAMETERS));
    let finish = |(invocation, running): (Invocation, Result<Running, Failure>)| {
        running.map(|r| (invocation, r.finish(deadline)))
    };
    let net = net.map(finish);
    let server_registry = finish(server_registry);
    let client_registry = finish(client_registry);

    let mut readings = Readings {
        server: server.map(|h| h.name().to_string()),
        ..Readings::default()
    };
    let mut failures: Vec<Failure> = Vec::new();
    let mut failed = |failure: Failure, readings: &mut Readings| {
        readings.errors.push(failure.to_string());
        failures.push(failure);
    };

    if let Some(net) = net {
        let minutes = net.and_then(|(invocation, captured)| {
            let text = tools.check_net(
                &invocation,
                &captured,
                Service::Server,
                "reading the settings",
            )?;
            let parsed = parse::parse_server(&text.stdout)
                .map_err(|e| Failure::NotUnderstood(format!("`net config server`: {e}")))?;
            match parsed.config.idle_session_minutes {
                Reading::Value(m) => Ok(m),
                _ => Err(Failure::NotUnderstood(
                    "`net config server` printed no readable Idle session time".to_string(),
                )),
            }
        });
        match minutes {
            Ok(m) => readings.running_minutes = Some(m),
            Err(f) => failed(f, &mut readings),
        }
    }
    let server_key = server_registry
        .and_then(|(invocation, captured)| tools.check_reg_query(&invocation, &captured, server));
    match server_key.and_then(|key| Ok((registry_dword(&key, "autodisconnect")?, key))) {
        Ok((dword, key)) => {
            readings.registry_autodisconnect = Some(dword);
            readings.other_server_values = key
                .values
                .iter()
                .map(|v| (v.name.clone(), v.kind.clone(), v.data.clone()))
                .collect();
        }
        Err(f) => failed(f, &mut readings),
    }
    let client = client_registry
        .and_then(|(invocation, captured)| tools.check_reg_query(&invocation, &captured, None))
        .and_then(|key| keepconn::from_key(&key));
    match client {
        Ok(k) => readings.keepconn = Some((!k.is_default).then_some(k.seconds)),
        Err(f) => failed(f, &mut readings),
    }

    let diagnosis = diagnosis::diagnose(&readings);
    if ctx.json {
        out.json(&diagnosis)?;
    } else {
        render(&diagnosis, out)?;
    }
    match failures.into_iter().next() {
        None => Ok(()),
        Some(first) => Err(Report::new(first).wrap_err("doctor printed what it could read")),
    }
}

fn render(d: &Diagnosis, out: &mut Output<'_>) -> Result<()> {
    let where_ = d.server.as_deref().unwrap_or("this computer");
    let server = match (
        d.server_autodisconnect_minutes,
        d.server_autodisconnect_source,
    ) {
        (None, _) => "autodisconnect could not be read".to_string(),
        (Some(m), source) => {
            let value = match m {
                -1 => "off (-1)".to_string(),
                0 => "0 (disconnects within seconds)".to_string(),
                m => format!("{m} minutes"),
            };
            let from = match source {
                Some(Source::NetConfigServer) => "from net config server",
                Some(Source::Registry) => "from the registry",
                Some(Source::Default) | None => "not set in the registry: the Windows default",
            };
            format!("autodisconnect {value} ({from})")
        }
    };
    let client = match (d.keepconn_seconds, d.keepconn_is_default) {
        (Some(s), Some(true)) => format!("KeepConn {s} s (not set: the Windows default)"),
        (Some(s), _) => format!("KeepConn {s} s"),
        (None, _) => "KeepConn could not be read".to_string(),
    };
    let effective = match (d.effective_idle_seconds, d.limited_by) {
        (Some(s), Some(Side::Server)) => format!(
            "{}: the server's autodisconnect ends idle sessions first",
            diagnosis::duration(s)
        ),
        (Some(s), Some(Side::Client)) => format!(
            "{}: the client's KeepConn ends idle sessions first",
            diagnosis::duration(s)
        ),
        (Some(s), None) => diagnosis::duration(s),
        (None, _) if d.server_autodisconnect_minutes.is_some() && d.keepconn_seconds.is_some() => {
            "never".to_string()
        }
        (None, _) => "unknown (a side could not be read)".to_string(),
    };
    out.line(&format!("{:<28} {server}", format!("Server ({where_})")))?;
    out.line(&format!("{:<28} {client}", "Client (this computer)"))?;
    out.line(&format!("{:<28} {effective}", "Idle disconnect after"))?;
    for finding in &d.findings {
        let (label, code) = match finding.severity {
            Severity::Info => ("info:", "36"),
            Severity::Warning => ("warning:", "33"),
            Severity::Error => ("error:", "31"),
        };
        out.line("")?;
        out.line(&format!(
            "{} {}",
            paint(out.color, code, label),
            finding.message
        ))?;
        if let Some(fix) = &finding.fix {
            for (i, line) in fix.lines().enumerate() {
                let lead = if i == 0 { "  fix:" } else { "      " };
                out.line(&format!("{lead} {line}"))?;
            }
        }
    }
    Ok(())
}
