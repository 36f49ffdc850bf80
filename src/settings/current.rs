//! A setting's value as the machine has it now: from `net config server` (what the running
//! service uses) or from the registry (what is stored; absent means Windows' default). Shared
//! by `get`, `set`, `reset` and `doctor`.

use serde::Serialize;

use super::catalogue::{RegType, Setting, SettingValue};
use crate::error::Failure;
use crate::machine::Machine;
use crate::parse::reg::{RegData, RegKey};
use crate::parse::{Reading, Warning};
use crate::settings::Host;

/// Where to read a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// The line of `net config server` (this computer only).
    Net,
    /// The stored registry value.
    Registry,
}

/// A stored value of another type than the setting's (a REG_SZ `KeepConn`, say).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct WrongType {
    pub(crate) name: String,
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) data: String,
}

/// A setting as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Current {
    /// `None` when the stored value has the wrong type.
    pub(crate) value: Option<SettingValue>,
    /// `Some(true)`: nothing is stored and Windows uses its default; `Some(false)`: a value
    /// is stored; `None`: not known (`net config server` shows the value in effect).
    pub(crate) is_default: Option<bool>,
    /// The stored value's name as the registry has it (its case is kept on a rewrite).
    pub(crate) stored_name: Option<String>,
    pub(crate) wrong_type: Option<WrongType>,
    /// Where the value came from.
    pub(crate) source: Source,
    /// Said on stderr as a note: why the value came from elsewhere than asked.
    pub(crate) note: Option<String>,
    /// Said on stderr as a warning (and in `warnings`): a doubt about what Windows showed,
    /// at the level `server` gives the same fact.
    pub(crate) warning: Option<String>,
}

/// `{"value": …, "is_default": …}`: a setting's value in every `--json` document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ValueJson {
    pub(crate) value: Option<SettingValue>,
    pub(crate) is_default: Option<bool>,
}

impl Current {
    pub(crate) fn json(&self) -> ValueJson {
        ValueJson {
            value: self.value.clone(),
            is_default: self.is_default,
        }
    }

    /// As messages show it: `15 (default)`, `-1 (off)`, `a REG_SZ "abc"`.
    pub(crate) fn text(&self) -> String {
        match (&self.value, &self.wrong_type) {
            (_, Some(wrong)) => format!("a {} {:?}", wrong.kind, wrong.data),
            (Some(value), None) if self.is_default == Some(true) => {
                format!("{} (default)", value.shown())
            }
            (Some(value), None) => value.shown(),
            (None, None) => "unknown".to_string(),
        }
    }
}

/// The source `get` and `set` read by default: the running value where net.exe shows it
/// (this computer), else the registry.
pub(crate) fn default_source(setting: &Setting, host: Option<&Host>) -> Option<Source> {
    match (setting.net, setting.stored, host) {
        (Some(_), _, None) => Some(Source::Net),
        (_, Some(_), _) => Some(Source::Registry),
        _ => None,
    }
}

/// Read `setting` from `source` on `host` (this computer when `None`).
pub(crate) fn read(
    machine: &Machine,
    setting: &Setting,
    host: Option<&Host>,
    source: Source,
) -> Result<Current, Failure> {
    match source {
        Source::Net => read_net(machine, setting),
        Source::Registry => {
            let key = machine.reg_query(host, setting.key())?;
            from_key(setting, &key)
        }
    }
}

fn read_net(machine: &Machine, setting: &Setting) -> Result<Current, Failure> {
    let Some(net) = setting.net else {
        return Err(Failure::InvalidValue(format!(
            "`net config server` does not show {}",
            setting.name
        )));
    };
    let live = machine.server_config()?;
    let reading = live
        .parsed
        .config
        .by_name(net.field)
        .cloned()
        .unwrap_or(Reading::Missing);
    let live = &live;
    match reading {
        Reading::Value(value) => match setting.from_field(&value) {
            Some(value) => Ok(Current {
                value: Some(value),
                is_default: None,
                stored_name: None,
                wrong_type: None,
                source: Source::Net,
                note: None,
                // The value is the registry's when net.exe showed it in 16 bits: say why, as
                // the warning `lanman server` gives.
                warning: live
                    .parsed
                    .warnings
                    .iter()
                    .find(|w| matches!(w, Warning::SixteenBitDisplay { .. }))
                    .filter(|_| net.field == "idle_session_minutes")
                    .map(ToString::to_string),
            }),
            None => Err(Failure::NotUnderstood(format!(
                "`net config server` shows {} as {value:?}",
                setting.name
            ))),
        },
        // A word in a display language lanman has no table for (`Nein`): the stored value
        // says the same in any language (docs/windows.md#hidden).
        Reading::Unreadable(raw) if setting.stored.is_some() => {
            let key = match &live.server_key {
                Some(key) => key.clone(),
                None => machine.reg_query(None, setting.key())?,
            };
            let mut current = from_key(setting, &key)?;
            current.note = Some(format!(
                "`net config server` shows {} as {raw:?}, a word lanman has no table for; lanman read the registry value instead",
                setting.name
            ));
            Ok(current)
        }
        Reading::Unreadable(raw) => Err(Failure::NotUnderstood(format!(
            "cannot read the current {} ({raw:?}) in this display language",
            setting.name
        ))),
        Reading::Missing | Reading::Absent => Err(Failure::NotUnderstood(format!(
            "`net config server` printed no {} line",
            setting.name
        ))),
    }
}

/// The setting as stored in its key's listing.
pub(crate) fn from_key(setting: &Setting, key: &RegKey) -> Result<Current, Failure> {
    let Some(stored) = setting.stored else {
        return Err(Failure::InvalidValue(format!(
            "lanman does not know where Windows stores {}",
            setting.name
        )));
    };
    let current = |value, is_default, stored_name: Option<&str>, wrong_type| Current {
        value,
        is_default: Some(is_default),
        stored_name: stored_name.map(str::to_string),
        wrong_type,
        source: Source::Registry,
        note: None,
        warning: None,
    };
    let Some(value) = key.get(stored.name) else {
        return Ok(current(setting.default_value(), true, None, None));
    };
    let name = Some(value.name.as_str());
    Ok(match (&value.data, stored.kind) {
        (RegData::Dword(data), RegType::Dword) => {
            current(setting.from_dword(*data), false, name, None)
        }
        (RegData::Sz(text), RegType::Sz) => {
            current(Some(SettingValue::Text(text.clone())), false, name, None)
        }
        // Another type, as found (docs/windows.md#registry-values).
        (data, _) => current(
            None,
            false,
            name,
            Some(WrongType {
                name: value.name.clone(),
                kind: data.kind().to_string(),
                data: data.shown(),
            }),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::reg::parse_reg_query;
    use crate::settings::catalogue::{AUTODISCONNECT, KEEPCONN, SRVCOMMENT};

    fn key(values: &str) -> RegKey {
        parse_reg_query(&format!("\r\nHKEY_LOCAL_MACHINE\\X\r\n{values}\r\n"))
    }

    #[test]
    fn absent_is_the_default() {
        let c = from_key(&KEEPCONN, &key("")).unwrap();
        assert_eq!(c.value, Some(SettingValue::Seconds(600)));
        assert_eq!(c.is_default, Some(true));
    }

    #[test]
    fn a_stored_dword_keeps_its_name_as_stored() {
        let c = from_key(
            &AUTODISCONNECT,
            &key("    AutoDisconnect    REG_DWORD    0xffffffff"),
        )
        .unwrap();
        assert_eq!(c.value, Some(SettingValue::Minutes(-1)));
        assert_eq!(c.stored_name.as_deref(), Some("AutoDisconnect"));
        assert_eq!(c.is_default, Some(false));
    }

    #[test]
    fn a_wrongly_typed_value_is_reported_not_refused() {
        let c = from_key(&KEEPCONN, &key("    KeepConn    REG_SZ    600")).unwrap();
        assert_eq!(c.value, None);
        assert_eq!(
            c.wrong_type,
            Some(WrongType {
                name: "KeepConn".into(),
                kind: "REG_SZ".into(),
                data: "600".into()
            })
        );
        assert_eq!(c.text(), "a REG_SZ \"600\"");
        let c = from_key(&SRVCOMMENT, &key("    srvcomment    REG_DWORD    0x1")).unwrap();
        assert!(c.wrong_type.is_some());
        let c = from_key(&SRVCOMMENT, &key("    srvcomment    REG_SZ    Files")).unwrap();
        assert_eq!(c.value, Some(SettingValue::Text("Files".into())));
    }
}
