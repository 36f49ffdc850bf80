//! `lanman export`: print (or write to a file or folder) what a fleet engine deploys;
//! touches nothing on this machine.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

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

/// One file of a document: its name inside an `--output` folder (`None`: the file is
/// `--output` itself), its text and the bytes its readers expect.
struct Part {
    name: Option<&'static str>,
    text: String,
    charset: Charset,
    bom: bool,
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
    // `--output -` is standard output, as `-` is standard input for `parse`.
    let output = output.filter(|path| path.as_os_str() != "-");
    let format = choose_format(format, output.as_deref(), ctx.json)?;
    let settings = FleetSettings {
        autodisconnect,
        keepconn,
    };
    let through_policy = matches!(
        format,
        ExportFormat::Inf | ExportFormat::Ansible | ExportFormat::Dsc
    );
    if through_policy && autodisconnect == Some(AutoDisconnect::Off) {
        out.note(fleet::OFF_AS_POLICY_NOTE)?;
    }
    let parts = document(format, &settings)?;
    let Some(path) = output else {
        // Standard output: the document itself (for intune, the JSON bundle that holds the
        // scripts too).
        if matches!(format, ExportFormat::Json | ExportFormat::Intune) {
            out.json_printed = true;
        }
        if let Some(part) = parts.iter().find(|p| p.name.is_none()) {
            out.stdout.write_all(part.text.as_bytes())?;
        }
        return Ok(());
    };
    let folder = format == ExportFormat::Intune;
    if folder {
        std::fs::create_dir_all(&path).map_err(|e| Failure::cannot_write(&path, &e))?;
    }
    for part in &parts {
        let file = match (folder, part.name) {
            (true, Some(name)) => path.join(name),
            (true, None) => path.join("intune.json"),
            (false, _) => path.clone(),
        };
        let mut bytes = if part.bom && part.charset == Charset::Utf16Le {
            vec![0xFF, 0xFE]
        } else {
            Vec::new()
        };
        bytes.extend(encode::encode(&part.text, part.charset).bytes);
        std::fs::write(&file, &bytes).map_err(|e| Failure::cannot_write(&file, &e))?;
        out.note(&format!(
            "wrote {} ({} bytes, {})",
            file.display(),
            bytes.len(),
            part.charset
        ))?;
    }
    Ok(())
}

/// `--format`, else `--output`'s extension, else `--json`'s JSON, else reg. `--json` prints a
/// JSON document: the desired state, or intune's bundle; any other document is refused with it.
fn choose_format(
    asked: Option<ExportFormat>,
    output: Option<&Path>,
    json: bool,
) -> Result<ExportFormat, Failure> {
    let (format, from) = match (asked, output) {
        (Some(format), _) => (format, format!("--format {}", name(format))),
        (None, Some(path)) => (
            format_of_extension(path).ok_or_else(|| {
                Failure::InvalidValue(format!(
                    "cannot tell the format from the name {}: give --format (reg, gpp, inf, json, intune, ansible or dsc), or a name ending in .reg, .xml, .inf, .json, .yml, .yaml or .ps1",
                    path.display()
                ))
            })?,
            String::new(),
        ),
        (None, None) if json => (ExportFormat::Json, String::new()),
        (None, None) => (ExportFormat::Reg, String::new()),
    };
    if json && !matches!(format, ExportFormat::Json | ExportFormat::Intune) {
        let from = match output {
            Some(path) if from.is_empty() => {
                format!("the name {} ({})", path.display(), name(format))
            }
            _ => from,
        };
        return Err(Failure::InvalidValue(format!(
            "--json asks for the JSON desired state but {from} asks for another document; use one of them"
        )));
    }
    Ok(format)
}

/// The format a file name asks for: `.reg`, `.xml` (gpp), `.inf`, `.json`, `.yml`/`.yaml`
/// (ansible), `.ps1` (dsc), in any case. Intune writes a folder and has no extension.
fn format_of_extension(path: &Path) -> Option<ExportFormat> {
    let extension = path
        .extension()
        .and_then(OsStr::to_str)?
        .to_ascii_lowercase();
    Some(match extension.as_str() {
        "reg" => ExportFormat::Reg,
        "xml" => ExportFormat::Gpp,
        "inf" => ExportFormat::Inf,
        "json" => ExportFormat::Json,
        "yml" | "yaml" => ExportFormat::Ansible,
        "ps1" => ExportFormat::Dsc,
        _ => return None,
    })
}

/// The document's parts. regedit writes .reg files and secedit security templates as
/// UTF-16LE with a byte-order mark (docs/windows.md#reg-files, #secedit); the XML declares
/// UTF-8; the rest is ASCII, written as UTF-8 without a byte-order mark (Intune wants its
/// scripts so, docs/windows.md#intune).
fn document(format: ExportFormat, settings: &FleetSettings) -> Result<Vec<Part>, Error> {
    let one = |text: String, charset: Charset| {
        vec![Part {
            name: None,
            text,
            charset,
            bom: charset == Charset::Utf16Le,
        }]
    };
    Ok(match format {
        ExportFormat::Reg => one(fleet::reg_file(settings), Charset::Utf16Le),
        ExportFormat::Gpp => {
            let now = jiff::Timestamp::now();
            let xml = fleet::gpp_registry_xml(settings, &fleet::timestamp(now), || {
                format!("{{{}}}", uuid::Uuid::new_v4().hyphenated()).to_uppercase()
            });
            one(xml, Charset::Utf8)
        }
        ExportFormat::Json => {
            let json = output::json_text(&fleet::desired_state(settings))?;
            one(format!("{json}\n"), Charset::Utf8)
        }
        ExportFormat::Inf => {
            if settings.keepconn.is_some() {
                return Err(Failure::InvalidValue(
                    "--format inf writes the Group Policy security option, which has no KeepConn; export KeepConn with --format gpp or reg".to_string(),
                )
                .into());
            }
            let text = fleet::security_template(settings).ok_or_else(|| {
                Failure::InvalidValue("--format inf needs --autodisconnect".to_string())
            })?;
            one(text, Charset::Utf16Le)
        }
        ExportFormat::Ansible => one(fleet::ansible_playbook(settings), Charset::Utf8),
        ExportFormat::Dsc => one(fleet::dsc_configuration(settings), Charset::Utf8),
        ExportFormat::Intune => {
            let bundle = fleet::intune_bundle(settings);
            let json = output::json_text(&bundle.document)?;
            vec![
                Part {
                    name: None,
                    text: format!("{json}\n"),
                    charset: Charset::Utf8,
                    bom: false,
                },
                Part {
                    name: Some(fleet::DETECTION_SCRIPT),
                    text: bundle.detection,
                    charset: Charset::Utf8,
                    bom: false,
                },
                Part {
                    name: Some(fleet::REMEDIATION_SCRIPT),
                    text: bundle.remediation,
                    charset: Charset::Utf8,
                    bom: false,
                },
            ]
        }
    })
}

fn name(format: ExportFormat) -> String {
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format_in_any_case() {
        for (file, format) in [
            ("lanman.reg", ExportFormat::Reg),
            ("Registry.XML", ExportFormat::Gpp),
            ("GptTmpl.inf", ExportFormat::Inf),
            ("state.json", ExportFormat::Json),
            ("lanman.yml", ExportFormat::Ansible),
            ("site.YAML", ExportFormat::Ansible),
            ("LanmanIdleSettings.ps1", ExportFormat::Dsc),
        ] {
            assert_eq!(format_of_extension(Path::new(file)), Some(format), "{file}");
        }
        for file in ["lanman.txt", "intune", "reg", ".reg.bak"] {
            assert_eq!(format_of_extension(Path::new(file)), None, "{file}");
        }
    }

    #[test]
    fn format_wins_over_the_extension_and_json_takes_only_json_documents() {
        let x = Some(Path::new("x.reg"));
        assert_eq!(
            choose_format(Some(ExportFormat::Gpp), x, false).unwrap(),
            ExportFormat::Gpp
        );
        assert_eq!(choose_format(None, x, false).unwrap(), ExportFormat::Reg);
        assert_eq!(choose_format(None, None, false).unwrap(), ExportFormat::Reg);
        assert_eq!(choose_format(None, None, true).unwrap(), ExportFormat::Json);
        assert_eq!(
            choose_format(Some(ExportFormat::Intune), None, true).unwrap(),
            ExportFormat::Intune
        );
        let refused = choose_format(None, x, true).unwrap_err().to_string();
        assert!(
            refused.contains("but the name x.reg (reg) asks for another document"),
            "{refused}"
        );
        let refused = choose_format(Some(ExportFormat::Dsc), None, true)
            .unwrap_err()
            .to_string();
        assert!(refused.contains("but --format dsc asks"), "{refused}");
        let unknown = choose_format(None, Some(Path::new("x.txt")), false)
            .unwrap_err()
            .to_string();
        assert!(unknown.starts_with("cannot tell the format from the name x.txt"));
    }
}
