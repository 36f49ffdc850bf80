//! `lanman export`: print (or write to a file) what a fleet engine deploys; touches nothing on
//! this machine.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::cli::ExportFormat;
use crate::context::Context;
use crate::encode::{self, Charset};
use crate::error::{Error, Failure};
use crate::fleet::{self, FleetSettings};
use crate::output::{self, Output};
use crate::settings::{AutoDisconnect, KeepConn};

/// What `lanman export` was asked for.
pub(super) struct Request {
    pub(super) autodisconnect: Option<AutoDisconnect>,
    pub(super) keepconn: Option<KeepConn>,
    pub(super) format: Option<ExportFormat>,
    pub(super) allow_zero: bool,
    pub(super) output: Option<PathBuf>,
}

pub(super) fn export(ctx: &Context, request: Request, out: &mut Output<'_>) -> Result<(), Error> {
    let Request {
        autodisconnect,
        keepconn,
        format,
        allow_zero,
        output,
    } = request;
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
                name(format)
            ))
            .into());
        }
        (Some(format), false) => format,
    };
    let settings = FleetSettings {
        autodisconnect,
        keepconn,
    };
    // The document, and the bytes its readers expect in a file: regedit writes .reg files and
    // secedit security templates as UTF-16LE with a byte-order mark (docs/windows.md#reg-files,
    // #secedit); the XML declares UTF-8; JSON is ASCII.
    let (text, file_charset) = match format {
        ExportFormat::Reg => (fleet::reg_file(&settings), Charset::Utf16Le),
        ExportFormat::Gpp => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let xml = fleet::gpp_registry_xml(&settings, &fleet::timestamp(now), || {
                format!("{{{}}}", uuid::Uuid::new_v4().hyphenated()).to_uppercase()
            });
            (xml, Charset::Utf8)
        }
        ExportFormat::Json => {
            let json = output::json_text(&fleet::desired_state(&settings))?;
            (format!("{json}\n"), Charset::Utf8)
        }
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
            (text, Charset::Utf16Le)
        }
    };
    match output {
        None => {
            if format == ExportFormat::Json {
                out.json_printed = true;
            }
            out.stdout.write_all(text.as_bytes())?;
        }
        Some(path) => {
            let mut bytes = if file_charset == Charset::Utf16Le {
                vec![0xFF, 0xFE]
            } else {
                Vec::new()
            };
            bytes.extend(encode::encode(&text, file_charset).bytes);
            std::fs::write(&path, &bytes).map_err(|e| Failure::File {
                action: "write",
                path: path.display().to_string(),
                detail: e.to_string(),
            })?;
            out.note(&format!(
                "wrote {} ({} bytes, {})",
                path.display(),
                bytes.len(),
                file_charset
            ))?;
        }
    }
    Ok(())
}

fn name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Reg => "reg",
        ExportFormat::Gpp => "gpp",
        ExportFormat::Json => "json",
        ExportFormat::Inf => "inf",
    }
}
