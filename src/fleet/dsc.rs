//! `--format dsc`: a PowerShell DSC configuration. autodisconnect through the
//! SecurityPolicyDsc module's `SecurityOption` resource (the security option, written into
//! the local security policy like `--format inf`), KeepConn through the built-in `Registry`
//! resource (docs/windows.md#dsc).

use super::powershell::{crlf, quoted};
use super::{FleetSettings, HIVE};
use crate::settings::AutoDisconnect;

/// The configuration's name (and so the folder its MOF files are compiled into).
const DSC_CONFIGURATION: &str = "LanmanIdleSettings";

/// SecurityOption's property for "Microsoft network server: Amount of idle time required
/// before suspending session": minutes as a string; the resource writes the template line
/// `…\AutoDisconnect=4,<minutes>` (docs/windows.md#dsc).
const SECURITY_OPTION_PROPERTY: &str =
    "Microsoft_network_server_Amount_of_idle_time_required_before_suspending_session";

pub(crate) fn dsc_configuration(settings: &FleetSettings) -> String {
    let keepconn = settings
        .entries()
        .into_iter()
        .find(|e| e.setting.name == "keepconn");
    let mut modules = Vec::new();
    if keepconn.is_some() {
        modules.push("PSDesiredStateConfiguration");
    }
    if settings.autodisconnect.is_some() {
        modules.push("SecurityPolicyDsc");
    }
    let mut out = format!(
        "# {DSC_CONFIGURATION}.ps1: a PowerShell DSC configuration written by\n\
         #   lanman export --format dsc {args}\n\
         # It sets the idle-disconnect values that `lanman set` sets. Compile it, then apply it:\n\
         #   . .\\{DSC_CONFIGURATION}.ps1\n\
         #   {DSC_CONFIGURATION} -NodeName localhost -OutputPath .\\{DSC_CONFIGURATION}\n\
         #   Start-DscConfiguration -Path .\\{DSC_CONFIGURATION} -Wait -Verbose\n",
        args = settings.arguments()
    );
    if settings.autodisconnect.is_some() {
        out.push_str(
            "# autodisconnect needs the SecurityPolicyDsc module where it is compiled and applied\n\
             # (Install-Module SecurityPolicyDsc). It goes into the local security policy: a Group\n\
             # Policy that defines the same security option overrides it at its next refresh.\n",
        );
    }
    out.push_str(&format!(
        "Configuration {DSC_CONFIGURATION}\n\
         {{\n    \
             param\n    \
             (\n        \
                 [string[]] $NodeName = 'localhost'\n    \
             )\n\n"
    ));
    for module in &modules {
        out.push_str(&format!(
            "    Import-DscResource -ModuleName {}\n",
            quoted(module)
        ));
    }
    out.push_str("\n    Node $NodeName\n    {\n");
    let mut blocks = Vec::new();
    if let (Some(autodisconnect), Some(minutes)) =
        (settings.autodisconnect, settings.policy_minutes())
    {
        let what = match autodisconnect {
            AutoDisconnect::Off => {
                "off: the policy has no -1, so 99999 minutes, which Microsoft calls in effect never"
                    .to_string()
            }
            AutoDisconnect::Minutes(m) => format!("after {m} minutes"),
        };
        blocks.push(format!(
            "        # Server idle disconnect {what} (security option).\n        \
                     SecurityOption 'LanmanAutodisconnect'\n        \
                     {{\n            \
                         Name = 'LanmanAutodisconnect'\n            \
                         {SECURITY_OPTION_PROPERTY} = {}\n        \
                     }}\n",
            quoted(&minutes.to_string())
        ));
    }
    if let Some(entry) = keepconn {
        blocks.push(format!(
            "        # Client KeepConn {} seconds, a registry value (it has no policy).\n        \
                     Registry 'LanmanKeepConn'\n        \
                     {{\n            \
                         Key       = {}\n            \
                         ValueName = {}\n            \
                         ValueType = 'Dword'\n            \
                         ValueData = {}\n            \
                         Ensure    = 'Present'\n        \
                     }}\n",
            entry.value.bare(),
            quoted(&format!("{HIVE}\\{}", entry.key)),
            quoted(entry.name),
            quoted(&entry.dword.to_string()),
        ));
    }
    out.push_str(&blocks.join("\n"));
    out.push_str("    }\n}\n");
    crlf(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::tests::{both, keepconn_only, off_only};

    #[test]
    fn the_configuration_text() {
        assert_eq!(
            dsc_configuration(&both()).replace("\r\n", "\n"),
            "# LanmanIdleSettings.ps1: a PowerShell DSC configuration written by\n\
             #   lanman export --format dsc --autodisconnect 60 --keepconn 3600\n\
             # It sets the idle-disconnect values that `lanman set` sets. Compile it, then apply it:\n\
             #   . .\\LanmanIdleSettings.ps1\n\
             #   LanmanIdleSettings -NodeName localhost -OutputPath .\\LanmanIdleSettings\n\
             #   Start-DscConfiguration -Path .\\LanmanIdleSettings -Wait -Verbose\n\
             # autodisconnect needs the SecurityPolicyDsc module where it is compiled and applied\n\
             # (Install-Module SecurityPolicyDsc). It goes into the local security policy: a Group\n\
             # Policy that defines the same security option overrides it at its next refresh.\n\
             Configuration LanmanIdleSettings\n\
             {\n    \
                 param\n    \
                 (\n        \
                     [string[]] $NodeName = 'localhost'\n    \
                 )\n\
             \n    \
                 Import-DscResource -ModuleName 'PSDesiredStateConfiguration'\n    \
                 Import-DscResource -ModuleName 'SecurityPolicyDsc'\n\
             \n    \
                 Node $NodeName\n    \
                 {\n        \
                     # Server idle disconnect after 60 minutes (security option).\n        \
                     SecurityOption 'LanmanAutodisconnect'\n        \
                     {\n            \
                         Name = 'LanmanAutodisconnect'\n            \
                         Microsoft_network_server_Amount_of_idle_time_required_before_suspending_session = '60'\n        \
                     }\n\
             \n        \
                     # Client KeepConn 3600 seconds, a registry value (it has no policy).\n        \
                     Registry 'LanmanKeepConn'\n        \
                     {\n            \
                         Key       = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters'\n            \
                         ValueName = 'KeepConn'\n            \
                         ValueType = 'Dword'\n            \
                         ValueData = '3600'\n            \
                         Ensure    = 'Present'\n        \
                     }\n    \
                 }\n\
             }\n"
        );
    }

    #[test]
    fn only_the_resources_needed_are_imported() {
        let off = dsc_configuration(&off_only());
        assert!(off.contains("before_suspending_session = '99999'\r\n"));
        assert!(!off.contains("PSDesiredStateConfiguration"));
        assert!(!off.contains("Registry '"));
        let keepconn = dsc_configuration(&keepconn_only());
        assert!(!keepconn.contains("SecurityPolicyDsc"));
        assert!(keepconn.contains("ValueData = '600'\r\n"));
        for text in [off, keepconn, dsc_configuration(&both())] {
            assert!(text.is_ascii());
            assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
        }
    }
}
