//! `--format gpp`: a Group Policy Preferences `Registry.xml` (docs/windows.md#gpp-registry-xml).

use super::{FleetSettings, HIVE};
use crate::settings::SettingValue;

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

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
