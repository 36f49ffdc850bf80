//! `lanman get SETTING`: one value, bare, on stdout, for `for /f` in batch files.

use color_eyre::eyre::Result;
use serde_json::{Value, json};

use crate::Context;
use crate::cmd::keepconn;
use crate::error::Failure;
use crate::output::{self, Output};
use crate::parse::Reading;
use crate::parse::server::UserLimit;
use crate::settings::{AutoDisconnect, Host, ServerField, SettingName, WorkstationField};
use crate::tools::SERVER_PARAMETERS;

/// A value ready to print: the bare text lines and its JSON form.
struct Shown {
    lines: Vec<String>,
    json: Value,
}

pub(crate) fn get(
    ctx: &Context,
    setting: SettingName,
    computer: Option<&Host>,
    out: &mut Output<'_>,
) -> Result<()> {
    let autodisconnect = SettingName::Server(ServerField::IdleSessionMinutes);
    if computer.is_some() && setting != SettingName::KeepConn && setting != autodisconnect {
        return Err(Failure::InvalidValue(
            "--computer reads registry-backed settings only (keepconn, autodisconnect); net config has no remote form".to_string(),
        )
        .into());
    }
    let (name, shown, extra) = match setting {
        // Another computer's autodisconnect: its registry value (absent = the default 15).
        setting if setting == autodisconnect && computer.is_some() => {
            let key = ctx.tools().reg_query(computer, SERVER_PARAMETERS)?;
            let current = super::set::autodisconnect_from_registry(&key)?;
            let minutes = match current.value {
                super::change::Setting::Minutes(m) => m,
                _ => i64::from(AutoDisconnect::DEFAULT_MINUTES),
            };
            (
                "autodisconnect",
                Shown {
                    lines: vec![minutes.to_string()],
                    json: json!(minutes),
                },
                Some(("default", json!(current.is_default))),
            )
        }
        SettingName::KeepConn => {
            let reading = keepconn::read(ctx, computer)?;
            (
                "keepconn",
                Shown {
                    lines: vec![reading.seconds.to_string()],
                    json: json!(reading.seconds),
                },
                Some(("default", json!(reading.is_default))),
            )
        }
        SettingName::Server(field) => {
            let parsed = super::show::read_server(ctx, None)?;
            let c = &parsed.config;
            let (name, shown) = match field {
                ServerField::ServerName => ("server_name", string(&c.server_name)),
                ServerField::ServerComment => ("server_comment", string(&c.server_comment)),
                ServerField::SoftwareVersion => ("software_version", string(&c.software_version)),
                ServerField::Transports => ("transports", transports(&c.transports)),
                ServerField::Hidden => (
                    "hidden",
                    value(&c.hidden, |h| {
                        (if *h { "yes" } else { "no" }.to_string(), json!(h))
                    }),
                ),
                ServerField::MaxLoggedOnUsers => (
                    "max_logged_on_users",
                    value(&c.max_logged_on_users, |l| match l {
                        UserLimit::Count(n) => (n.to_string(), json!(n)),
                        UserLimit::Unlimited => ("unlimited".to_string(), Value::Null),
                    }),
                ),
                ServerField::MaxOpenFilesPerSession => (
                    "max_open_files_per_session",
                    number(&c.max_open_files_per_session),
                ),
                ServerField::IdleSessionMinutes => (
                    "idle_session_minutes",
                    value(&c.idle_session_minutes, |m| (m.to_string(), json!(m))),
                ),
            };
            (name, shown.map_err(|f| named(name, f))?, None)
        }
        SettingName::Workstation(field) => {
            let parsed = super::show::read_workstation(ctx, None)?;
            let c = &parsed.config;
            let (name, shown) = match field {
                WorkstationField::ComputerName => ("computer_name", string(&c.computer_name)),
                WorkstationField::FullComputerName => {
                    ("full_computer_name", string(&c.full_computer_name))
                }
                WorkstationField::UserName => ("user_name", string(&c.user_name)),
                WorkstationField::Transports => ("transports", transports(&c.transports)),
                WorkstationField::SoftwareVersion => {
                    ("software_version", string(&c.software_version))
                }
                WorkstationField::WorkstationDomain => {
                    ("workstation_domain", string(&c.workstation_domain))
                }
                WorkstationField::WorkstationDomainDnsName => (
                    "workstation_domain_dns_name",
                    string(&c.workstation_domain_dns_name),
                ),
                WorkstationField::LogonDomain => ("logon_domain", string(&c.logon_domain)),
                WorkstationField::ComOpenTimeoutSec => {
                    ("com_open_timeout_sec", number(&c.com_open_timeout_sec))
                }
                WorkstationField::ComSendCountBytes => {
                    ("com_send_count_bytes", number(&c.com_send_count_bytes))
                }
                WorkstationField::ComSendTimeoutMsec => {
                    ("com_send_timeout_msec", number(&c.com_send_timeout_msec))
                }
            };
            (name, shown.map_err(|f| named(name, f))?, None)
        }
    };
    if ctx.json {
        let mut object = serde_json::Map::new();
        object.insert("setting".to_string(), json!(name));
        object.insert("value".to_string(), shown.json);
        if let Some((key, v)) = extra {
            object.insert(key.to_string(), v);
        }
        out.json(&Value::Object(object))?;
    } else {
        for line in &shown.lines {
            out.line(line)?;
        }
    }
    Ok(())
}

/// Put the setting's name in front of a "not understood" message.
fn named(name: &str, failure: Failure) -> Failure {
    match failure {
        Failure::NotUnderstood(message) => Failure::NotUnderstood(format!("{name}: {message}")),
        other => other,
    }
}

/// A reading that `get` cannot print is an error (exit 7), never a guess.
fn value<T>(reading: &Reading<T>, show: impl Fn(&T) -> (String, Value)) -> Result<Shown, Failure> {
    match reading {
        Reading::Value(v) => {
            let (text, json) = show(v);
            Ok(Shown {
                lines: vec![text],
                json,
            })
        }
        // An optional line not printed (Workstation Domain DNS Name in a workgroup): no value.
        Reading::Absent => Ok(Shown {
            lines: vec![String::new()],
            json: Value::Null,
        }),
        Reading::Missing => Err(Failure::NotUnderstood(
            "the line is not in the output".to_string(),
        )),
        Reading::Unreadable(raw) => Err(Failure::NotUnderstood(format!(
            "cannot interpret {raw:?}: lanman has no table for this display language's word, and does not guess"
        ))),
    }
}

fn string(reading: &Reading<String>) -> Result<Shown, Failure> {
    value(reading, |s| (s.clone(), json!(s)))
}

fn number(reading: &Reading<u64>) -> Result<Shown, Failure> {
    value(reading, |n| (n.to_string(), json!(n)))
}

fn transports(reading: &Reading<Vec<crate::parse::Transport>>) -> Result<Shown, Failure> {
    match reading {
        Reading::Value(list) => Ok(Shown {
            lines: list.iter().map(output::transport).collect(),
            json: serde_json::to_value(list).unwrap_or(Value::Null),
        }),
        other => value(other, |_: &Vec<crate::parse::Transport>| {
            (String::new(), Value::Null)
        }),
    }
}
