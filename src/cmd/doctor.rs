//! `lanman doctor`: read the server's autodisconnect and the client's KeepConn side by side
//! (the probes run at the same time, each with its own deadline), and explain the effective
//! idle disconnect.

use serde_json::json;

use crate::context::Context;
use crate::diagnosis::{self, Diagnosis, LimitedBy, Readings, Severity, Source};
use crate::error::{Error, Failure};
use crate::output::{Output, paint};
use crate::parse::Reading;
use crate::parse::reg::{RegKey, RegRead};
use crate::settings::Host;

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
    match probes
        .server_key
        .and_then(|key| dword(&key, "autodisconnect").map(|d| (d, key)))
    {
        Ok((dword, key)) => {
            readings.registry_autodisconnect = Some(dword);
            readings.other_server_values = key
                .values
                .iter()
                .map(|v| (v.name.clone(), v.kind.clone(), v.data.clone()))
                .collect();
        }
        Err(f) => failures.push(f),
    }
    match probes.client_key.and_then(|key| dword(&key, "KeepConn")) {
        Ok(k) => readings.keepconn = Some(k),
        Err(f) => failures.push(f),
    }

    let diagnosis = diagnosis::diagnose(&readings);
    let errors: Vec<Error> = failures.into_iter().map(Error::from).collect();
    let error = errors.into_iter().next().map(|first| match first {
        Error::Failed { failure, .. } => Error::Failed {
            failure,
            state: Some("doctor printed what it could read".to_string()),
        },
        other => other,
    });
    if ctx.json {
        let mut doc = serde_json::to_value(&diagnosis).map_err(std::io::Error::other)?;
        doc["error"] = json!(error.as_ref().map(Error::json));
        out.json(&doc)?;
    } else {
        render(&diagnosis, out)?;
    }
    match error {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

/// A REG_DWORD that the diagnosis reads: `None` when absent; a value of another type is a
/// failure that says how to repair it.
fn dword(key: &RegKey, name: &str) -> Result<Option<u32>, Failure> {
    match key.read(name) {
        RegRead::Absent => Ok(None),
        RegRead::Dword { data, .. } => Ok(Some(data)),
        RegRead::Other { name, kind, data } => Err(Failure::NotUnderstood(format!(
            "{name} is a {kind} holding {data:?} where Windows expects a REG_DWORD; `lanman set` replaces it and `lanman reset` deletes it"
        ))),
    }
}

fn render(d: &Diagnosis, out: &mut Output<'_>) -> Result<(), Error> {
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
        (Some(s), Some(LimitedBy::Server)) => format!(
            "{}: the server's autodisconnect ends idle sessions first",
            diagnosis::duration(s)
        ),
        (Some(s), Some(LimitedBy::Client)) => format!(
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
