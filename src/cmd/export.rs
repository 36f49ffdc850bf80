//! `lanman export`: print what a fleet engine deploys; touches nothing on this machine.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::cli::ExportFormat;
use crate::context::Context;
use crate::error::{Error, Failure};
use crate::fleet::{self, FleetSettings};
use crate::output::Output;
use crate::settings::{AutoDisconnect, KeepConn};

pub(super) fn export(
    ctx: &Context,
    autodisconnect: Option<AutoDisconnect>,
    keepconn: Option<KeepConn>,
    format: Option<ExportFormat>,
    allow_zero: bool,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    if autodisconnect.is_some_and(AutoDisconnect::is_zero) && !allow_zero {
        return Err(Failure::InvalidValue(
            "--autodisconnect 0 does not turn idle disconnect off: Windows then drops idle sessions within seconds; use -1 (or off), or pass --allow-zero if you really mean 0".to_string(),
        )
        .into());
    }
    let format = match (format, ctx.json) {
        (None, true) | (Some(ExportFormat::Json), _) => ExportFormat::Json,
        (None, false) => ExportFormat::Reg,
        (Some(format), true) => {
            return Err(Failure::InvalidValue(format!(
                "--json asks for the JSON desired state but --format {} asks for another document; use one of them",
                match format {
                    ExportFormat::Reg => "reg",
                    ExportFormat::Gpp => "gpp",
                    ExportFormat::Json => "json",
                    ExportFormat::Inf => "inf",
                }
            ))
            .into());
        }
        (Some(format), false) => format,
    };
    let settings = FleetSettings {
        autodisconnect,
        keepconn,
    };
    match format {
        ExportFormat::Reg => out
            .stdout
            .write_all(fleet::reg_file(&settings).as_bytes())?,
        ExportFormat::Gpp => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let xml = fleet::gpp_registry_xml(&settings, &fleet::timestamp(now), || {
                format!("{{{}}}", uuid::Uuid::new_v4().hyphenated()).to_uppercase()
            });
            out.stdout.write_all(xml.as_bytes())?;
        }
        ExportFormat::Json => out.json(&fleet::desired_state(&settings))?,
        ExportFormat::Inf => {
            if keepconn.is_some() {
                return Err(Failure::InvalidValue(
                    "--format inf writes the Group Policy security option, which has no KeepConn; export KeepConn with --format gpp or reg".to_string(),
                )
                .into());
            }
            let text = fleet::security_template(&settings).ok_or_else(|| {
                Failure::InvalidValue("--format inf needs --autodisconnect".to_string())
            })?;
            if autodisconnect == Some(AutoDisconnect::Off) {
                out.note(&format!(
                    "the policy has no -1: off is written as {} minutes, which Microsoft calls in effect never (about 69.4 days)",
                    fleet::POLICY_NEVER
                ))?;
            }
            out.stdout.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}
