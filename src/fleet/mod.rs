//! What a fleet engine deploys: the same two registry values, as a `.reg` file for `reg
//! import`, a Group Policy Preferences `Registry.xml`, or a desired-state JSON document. Pure:
//! the caller passes the timestamp and the item ids.

use serde_json::{Value, json};

use crate::settings::catalogue::{self, Setting};
use crate::settings::{AutoDisconnect, KeepConn, SettingValue};

/// The settings to deploy (at least one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FleetSettings {
    pub(crate) autodisconnect: Option<AutoDisconnect>,
    pub(crate) keepconn: Option<KeepConn>,
}

/// One REG_DWORD under HKEY_LOCAL_MACHINE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) setting: &'static Setting,
    /// Below HKEY_LOCAL_MACHINE.
    pub(crate) key: &'static str,
    pub(crate) name: &'static str,
    pub(crate) dword: u32,
    /// As lanman shows it: minutes (-1 = off) or seconds.
    pub(crate) value: SettingValue,
}

pub(crate) const HIVE: &str = "HKEY_LOCAL_MACHINE";

impl FleetSettings {
    pub(crate) fn entries(&self) -> Vec<Entry> {
        let values = [
            (
                "autodisconnect",
                self.autodisconnect
                    .map(|a| SettingValue::Minutes(a.minutes())),
            ),
            (
                "keepconn",
                self.keepconn
                    .map(|k| SettingValue::Seconds(u32::from(k.seconds()))),
            ),
        ];
        values
            .into_iter()
            .filter_map(|(name, value)| {
                let setting = catalogue::named(name);
                let value = value?;
                let stored = setting.stored?;
                Some(Entry {
                    setting,
                    key: setting.key().trim_start_matches("HKLM\\"),
                    name: stored.name,
                    dword: value.dword()?,
                    value,
                })
            })
            .collect()
    }
}

/// A `Windows Registry Editor Version 5.00` file (CRLF, as regedit writes it) that `reg
/// import` and regedit accept. DWORDs are 8 hex digits: `-1` is `dword:ffffffff`.
pub(crate) fn reg_file(settings: &FleetSettings) -> String {
    let mut out = String::from("Windows Registry Editor Version 5.00\r\n");
    for entry in settings.entries() {
        out.push_str(&format!(
            "\r\n[{HIVE}\\{}]\r\n\"{}\"=dword:{:08x}\r\n",
            entry.key, entry.name, entry.dword
        ));
    }
    out.push_str("\r\n");
    out
}

/// Group Policy Preferences `Registry.xml` for a GPO's `Machine\Preferences\Registry\`
/// (docs/windows.md#gpp-registry-xml). The `clsid`s are the fixed ones the Group Policy
/// Management Console writes; each item is an Update (`action="U"`, `image="12"` for a
/// REG_DWORD update in GPMC's files) and needs a fresh `uid`; `changed` is
/// `YYYY-MM-DD HH:MM:SS`; DWORDs are 8 upper-case hex digits (as the editor is reported to
/// write them; docs/windows.md#gpp-registry-xml).
pub(crate) fn gpp_registry_xml(
    settings: &FleetSettings,
    changed: &str,
    mut uid: impl FnMut() -> String,
) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<RegistrySettings clsid=\"{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}\">\r\n",
    );
    for entry in settings.entries() {
        let description = match (entry.setting.name, &entry.value) {
            ("autodisconnect", SettingValue::Minutes(-1)) => {
                "Server idle disconnect off (-1, stored as 0xFFFFFFFF). Set by lanman export."
                    .to_string()
            }
            ("autodisconnect", value) => format!(
                "Server idle disconnect after {} minutes (autodisconnect). Set by lanman export.",
                value.bare()
            ),
            (_, value) => format!(
                "Client idle limit {} seconds (KeepConn). Set by lanman export.",
                value.bare()
            ),
        };
        out.push_str(&format!(
            "\t<Registry clsid=\"{{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}}\" name=\"{name}\" status=\"{name}\" image=\"12\" changed=\"{changed}\" uid=\"{uid}\" desc=\"{desc}\">\r\n\t\t<Properties action=\"U\" displayDecimal=\"1\" default=\"0\" hive=\"{HIVE}\" key=\"{key}\" name=\"{name}\" type=\"REG_DWORD\" value=\"{value:08X}\"/>\r\n\t</Registry>\r\n",
            name = xml_escape(entry.name),
            changed = xml_escape(changed),
            uid = xml_escape(&uid()),
            desc = xml_escape(&description),
            key = xml_escape(entry.key),
            value = entry.dword,
        ));
    }
    out.push_str("</RegistrySettings>\r\n");
    out
}

/// The desired state for Ansible (`win_regedit`), PowerShell DSC (`Registry`) and the like.
pub(crate) fn desired_state(settings: &FleetSettings) -> Value {
    let entries: Vec<Value> = settings
        .entries()
        .iter()
        .map(|e| {
            json!({
                "setting": e.setting.name,
                "value": e.value,
                "unit": e.setting.unit.name(),
                "hive": HIVE,
                "key": e.key,
                "path": format!("HKLM:\\{}", e.key),
                "name": e.name,
                "type": "REG_DWORD",
                "data": e.dword,
            })
        })
        .collect();
    json!({ "registry": entries, "error": null })
}

/// The most a security template's AutoDisconnect takes; Microsoft calls it "in effect"
/// never (about 69.4 days; docs/windows.md#group-policy).
pub(crate) const POLICY_NEVER: u32 = 99_999;

/// A security template (`GptTmpl.inf` in a GPO, or `secedit /configure`) that sets the
/// server's idle time through the security option (docs/windows.md#group-policy). Off (-1) has
/// no policy form: it is written as 99999, the policy's "in effect never", and said in a
/// comment. `None` when there is no autodisconnect to export.
pub(crate) fn security_template(settings: &FleetSettings) -> Option<String> {
    let minutes = settings.autodisconnect?;
    let setting = catalogue::named("autodisconnect");
    let path = setting.policy?;
    let (data, comment) = match minutes {
        AutoDisconnect::Off => (
            POLICY_NEVER,
            "; autodisconnect off (-1) is written as 99999 minutes, which the policy calls in effect never\r\n",
        ),
        AutoDisconnect::Minutes(m) => (u32::from(m), ""),
    };
    Some(format!(
        "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Registry Values]\r\n{comment}{}\r\n",
        crate::parse::secedit::registry_value_line(path, data)
    ))
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) for seconds since the Unix epoch.
pub(crate) fn timestamp(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let rest = unix_seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both() -> FleetSettings {
        FleetSettings {
            autodisconnect: Some(AutoDisconnect::Minutes(60)),
            keepconn: Some("3600".parse().unwrap()),
        }
    }

    #[test]
    fn reg_file_layout() {
        assert_eq!(
            reg_file(&both()),
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters]\r\n\"autodisconnect\"=dword:0000003c\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters]\r\n\"KeepConn\"=dword:00000e10\r\n\r\n"
        );
        let off = FleetSettings {
            autodisconnect: Some(AutoDisconnect::Off),
            keepconn: None,
        };
        assert!(reg_file(&off).contains("\"autodisconnect\"=dword:ffffffff\r\n"));
    }

    #[test]
    fn security_templates_read_back_and_map_off_to_99999() {
        use crate::parse::secedit::parse_security_template;
        let path = catalogue::named("autodisconnect").policy.unwrap();
        for (value, expected) in [
            (AutoDisconnect::Minutes(480), 480),
            (AutoDisconnect::Off, POLICY_NEVER),
        ] {
            let text = security_template(&FleetSettings {
                autodisconnect: Some(value),
                keepconn: None,
            })
            .unwrap();
            assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
            assert_eq!(parse_security_template(&text).dword(path), Some(expected));
        }
        assert_eq!(
            security_template(&FleetSettings {
                autodisconnect: None,
                keepconn: "60".parse().ok(),
            }),
            None
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "1970-01-01 00:00:00");
        assert_eq!(timestamp(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(timestamp(1_795_564_800 + 3661), "2026-11-25 01:01:01");
    }
}
