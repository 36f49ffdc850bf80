//! `lanman get SETTING`: one value, bare, on stdout, for `for /f` in batch files.

use serde::Serialize;
use serde_json::Value as Json;

use crate::context::Context;
use crate::error::{Error, ErrorJson, Failure, WrongValue};
use crate::output::Output;
use crate::parse::Reading;
use crate::settings::current::{self, default_source};
use crate::settings::{Host, SettingName};

/// `lanman get SETTING --json`, in the README's order.
#[derive(Serialize)]
struct GetJson<'a> {
    setting: &'static str,
    computer: Option<&'a str>,
    value: Json,
    is_default: Option<bool>,
    warnings: Vec<String>,
    error: Option<ErrorJson>,
}

pub(super) fn get(
    ctx: &Context,
    name: SettingName,
    computer: Option<&Host>,
    empty: Option<&str>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let result = print_value(ctx, name, computer, empty, out);
    super::document_on_failure(ctx, out, result, |error| GetJson {
        setting: name.name(),
        computer: computer.map(Host::name),
        value: Json::Null,
        is_default: None,
        warnings: Vec::new(),
        error: Some(error),
    })
}

fn print_value(
    ctx: &Context,
    name: SettingName,
    computer: Option<&Host>,
    empty: Option<&str>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let (lines, value, is_default) = match name {
        SettingName::Setting(setting) => {
            let source = default_source(setting, computer).ok_or_else(|| {
                Failure::InvalidValue(format!("lanman cannot read {}", setting.name))
            })?;
            let current = current::read(&ctx.machine, setting, computer, source)?;
            if let Some(note) = &current.note {
                out.note(note)?;
            }
            if let Some(warning) = &current.warning {
                out.warn(warning)?;
            }
            let value = match (&current.value, &current.wrong_type) {
                (Some(value), None) => value.clone(),
                (_, Some(wrong)) => {
                    return Err(Failure::WronglyTyped(Box::new(WrongValue {
                        name: wrong.name.clone(),
                        kind: wrong.kind.clone(),
                        data: wrong.data.clone(),
                        expected: setting.stored.map_or("value", |s| s.kind.name()),
                        setting: Some(setting.name),
                    }))
                    .into());
                }
                // Absent, and Windows documents no default: nothing to show.
                (None, None) if current.is_default == Some(true) => {
                    if ctx.json {
                        out.json(&GetJson {
                            setting: setting.name,
                            computer: computer.map(Host::name),
                            value: Json::Null,
                            is_default: Some(true),
                            warnings: Vec::new(),
                            error: None,
                        })?;
                    } else {
                        out.line(empty.unwrap_or_default())?;
                    }
                    return Ok(());
                }
                (None, None) => {
                    return Err(Failure::NotUnderstood(format!(
                        "{} has no value lanman can show",
                        setting.name
                    ))
                    .into());
                }
            };
            let json_value = serde_json::to_value(&value).map_err(std::io::Error::other)?;
            (vec![value.bare()], json_value, current.is_default)
        }
        SettingName::Field(kind, field) => {
            if computer.is_some() {
                return Err(Failure::InvalidValue(format!(
                    "--computer reads registry-backed settings only; `{}` has no remote form, so {field} cannot be read from another computer",
                    kind.command()
                ))
                .into());
            }
            let live = ctx.machine.net_config(kind)?;
            match live.parsed.config.by_name(field) {
                Some(Reading::Value(value)) => (
                    value.lines(),
                    serde_json::to_value(value).map_err(std::io::Error::other)?,
                    None,
                ),
                // An optional line not printed (Workstation Domain DNS Name in a workgroup).
                Some(Reading::Absent) => (vec![String::new()], Json::Null, None),
                Some(Reading::Unreadable(raw)) => {
                    return Err(Failure::NotUnderstood(format!(
                        "{field}: cannot interpret {raw:?}: lanman has no table for this display language's word, and does not guess"
                    ))
                    .into());
                }
                Some(Reading::Missing) | None => {
                    return Err(Failure::NotUnderstood(format!(
                        "{field}: the line is not in the output"
                    ))
                    .into());
                }
            }
        }
    };
    if ctx.json {
        out.json(&GetJson {
            setting: name.name(),
            computer: computer.map(Host::name),
            value,
            is_default,
            warnings: Vec::new(),
            error: None,
        })?;
    } else {
        let lines = if lines.iter().all(String::is_empty) {
            vec![empty.unwrap_or_default().to_string()]
        } else {
            lines
        };
        for line in &lines {
            out.line(&crate::output::visible(line))?;
        }
    }
    Ok(())
}
