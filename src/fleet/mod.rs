//! What a fleet engine deploys: the same validated values `lanman set` takes, as the document
//! each engine reads. One file per document kind:
//! - `reg`: a `.reg` file for `reg import`;
//! - `gpp`: a Group Policy Preferences `Registry.xml`;
//! - `desired_state`: the JSON desired state (`--format json`);
//! - `inf`: a security template for the Group Policy security option;
//! - `intune`: an Intune custom profile (OMA-URI) and a Remediations script pair;
//! - `ansible`: an Ansible playbook (`win_security_policy`, `win_regedit`);
//! - `dsc`: a PowerShell DSC configuration (`SecurityOption`, `Registry`).
//!
//! Pure: values in, text out. What varies between runs (the GPP timestamp and item ids) is
//! passed in by the caller.

mod ansible;
mod desired_state;
mod dsc;
mod gpp;
mod inf;
mod intune;
mod powershell;
mod reg;

pub(crate) use ansible::ansible_playbook;
pub(crate) use desired_state::desired_state;
pub(crate) use dsc::dsc_configuration;
pub(crate) use gpp::gpp_registry_xml;
pub(crate) use inf::security_template;
pub(crate) use intune::{DETECTION_SCRIPT, REMEDIATION_SCRIPT, intune_bundle};
pub(crate) use reg::reg_file;

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

/// The most a security template's AutoDisconnect takes; Microsoft calls it "in effect"
/// never (about 69.4 days; docs/windows.md#group-policy).
pub(crate) const POLICY_NEVER: u32 = 99_999;

/// What the stderr note says when off (-1) is exported through the security option.
pub(crate) const OFF_AS_POLICY_NOTE: &str = "the policy has no -1: off is written as 99999 minutes, which Microsoft calls in effect never (about 69.4 days)";

impl FleetSettings {
    /// The registry values, as `lanman set … --via registry` writes them.
    pub(crate) fn entries(&self) -> Vec<Entry> {
        let values = [
            (
                &catalogue::AUTODISCONNECT,
                self.autodisconnect
                    .map(|a| SettingValue::Minutes(a.minutes())),
            ),
            (
                &catalogue::KEEPCONN,
                self.keepconn
                    .map(|k| SettingValue::Seconds(u32::from(k.seconds()))),
            ),
        ];
        values
            .into_iter()
            .filter_map(|(setting, value): (&'static Setting, _)| {
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

    /// The security option's minutes for the autodisconnect asked for: the same number, and
    /// off (-1), which the policy cannot say, as 99999, the policy's "in effect never"
    /// (docs/windows.md#group-policy). `None` without an autodisconnect.
    pub(crate) fn policy_minutes(&self) -> Option<u32> {
        self.autodisconnect.map(|a| match a {
            AutoDisconnect::Off => POLICY_NEVER,
            AutoDisconnect::Minutes(m) => u32::from(m),
        })
    }

    /// The `--autodisconnect … --keepconn …` that asks for these values again, for the
    /// comment at the top of a generated file.
    pub(crate) fn arguments(&self) -> String {
        let mut args = Vec::new();
        if let Some(a) = self.autodisconnect {
            args.push(format!("--autodisconnect {a}"));
        }
        if let Some(k) = self.keepconn {
            args.push(format!("--keepconn {k}"));
        }
        args.join(" ")
    }
}

/// The security option's path in a security template (`MACHINE\…\AutoDisconnect`), as the
/// catalogue states it (docs/windows.md#group-policy).
pub(crate) fn security_option_path() -> &'static str {
    catalogue::AUTODISCONNECT_POLICY
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, as the Group Policy editor writes `changed`
/// (docs/windows.md#gpp-registry-xml).
pub(crate) fn timestamp(when: jiff::Timestamp) -> String {
    when.strftime("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn both() -> FleetSettings {
        FleetSettings {
            autodisconnect: Some(AutoDisconnect::Minutes(60)),
            keepconn: Some("3600".parse().unwrap()),
        }
    }

    pub(crate) fn off_only() -> FleetSettings {
        FleetSettings {
            autodisconnect: Some(AutoDisconnect::Off),
            keepconn: None,
        }
    }

    pub(crate) fn keepconn_only() -> FleetSettings {
        FleetSettings {
            autodisconnect: None,
            keepconn: Some("600".parse().unwrap()),
        }
    }

    #[test]
    fn policy_minutes_map_off_to_the_policys_never() {
        assert_eq!(both().policy_minutes(), Some(60));
        assert_eq!(off_only().policy_minutes(), Some(POLICY_NEVER));
        assert_eq!(keepconn_only().policy_minutes(), None);
        let zero = FleetSettings {
            autodisconnect: Some(AutoDisconnect::Minutes(0)),
            keepconn: None,
        };
        assert_eq!(zero.policy_minutes(), Some(0));
    }

    #[test]
    fn the_security_option_path_is_the_catalogues() {
        assert_eq!(
            security_option_path(),
            r"MACHINE\System\CurrentControlSet\Services\LanManServer\Parameters\AutoDisconnect"
        );
    }

    #[test]
    fn arguments_ask_for_the_same_values() {
        assert_eq!(both().arguments(), "--autodisconnect 60 --keepconn 3600");
        assert_eq!(off_only().arguments(), "--autodisconnect -1");
    }

    #[test]
    fn timestamps() {
        let at = |s: i64| timestamp(jiff::Timestamp::from_second(s).unwrap());
        assert_eq!(at(0), "1970-01-01 00:00:00");
        assert_eq!(at(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(at(1_795_564_800 + 3661), "2026-11-25 01:01:01");
    }
}
