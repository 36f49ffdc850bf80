//! `lanman export`: print what a fleet engine deploys; touches nothing on this machine.

use std::time::{SystemTime, UNIX_EPOCH};

use color_eyre::eyre::Result;

use crate::cli::ExportFormat;
use crate::error::Failure;
use crate::fleet::{self, FleetSettings};
use crate::output::Output;
use crate::settings::{AutoDisconnect, KeepConn};

pub(crate) fn export(
    autodisconnect: Option<AutoDisconnect>,
    keepconn: Option<KeepConn>,
    format: ExportFormat,
    allow_zero: bool,
    out: &mut Output<'_>,
) -> Result<()> {
    if autodisconnect.is_some_and(AutoDisconnect::is_zero) && !allow_zero {
        return Err(Failure::InvalidValue(
            "--autodisconnect 0 does not turn idle disconnect off: Windows then drops idle sessions within seconds; use -1 (or off), or pass --allow-zero if you really mean 0".to_string(),
        )
        .into());
    }
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
    }
    Ok(())
}
