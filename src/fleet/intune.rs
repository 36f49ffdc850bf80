//! `--format intune`: what Microsoft Intune deploys (docs/windows.md#intune).
//! - A custom configuration profile for the security option, which the Policy CSP also
//!   carries: its OMA-URI, data type and value (off as 99999, as in `--format inf`), the same
//!   setting's id in the Settings Catalog, and the Graph request body that creates the profile.
//! - A Remediations pair: a detection script that exits 0 when every value is as asked and 1
//!   when one is not (Intune then runs the remediation script), and a remediation script that
//!   writes the registry as `lanman set … --via registry` does: only a value that differs, as a
//!   REG_DWORD, keeping the spelling of a value that exists, then reading it back. Neither
//!   touches a value that the security policy defines (a Group Policy, or the profile above):
//!   that policy owns it, and a registry write would be undone at its next refresh.

use serde_json::{Value, json};

use super::powershell::{crlf, quoted};
use super::{FleetSettings, OFF_AS_POLICY_NOTE, security_option_path};
use crate::settings::AutoDisconnect;
use crate::settings::catalogue::AUTODISCONNECT_CSP_POLICY;

pub(crate) const DETECTION_SCRIPT: &str = "Detect-LanmanIdleSettings.ps1";
pub(crate) const REMEDIATION_SCRIPT: &str = "Remediate-LanmanIdleSettings.ps1";

/// The Policy CSP node of the security option (docs/windows.md#intune).
fn oma_uri() -> String {
    format!(
        "./Device/Vendor/MSFT/Policy/Config/LocalPoliciesSecurityOptions/{AUTODISCONNECT_CSP_POLICY}"
    )
}

/// The same setting in the Settings Catalog (docs/windows.md#intune).
const SETTINGS_CATALOG_ID: &str = "device_vendor_msft_policy_config_localpoliciessecurityoptions_microsoftnetworkserver_amountofidletimerequiredbeforesuspendingsession";

const POLICY_NAME: &str =
    "Microsoft network server: Amount of idle time required before suspending session";

/// Who may use Remediations (docs/windows.md#intune).
const LICENCE_NOTE: &str = "Remediations need a licence for the devices' users that Microsoft names: Windows 10/11 Enterprise E3 or E5 (in Microsoft 365 F3, E3 or E5), Windows 10/11 Education A3 or A5 (in Microsoft 365 A3 or A5), or Windows 10/11 Virtual Desktop Access per user";

/// The bundle: the JSON document (what stdout shows) and the two scripts (also inside it).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct IntuneBundle {
    pub(crate) document: Value,
    pub(crate) detection: String,
    pub(crate) remediation: String,
}

pub(crate) fn intune_bundle(settings: &FleetSettings) -> IntuneBundle {
    let detection = script(settings, Role::Detection);
    let remediation = script(settings, Role::Remediation);
    let custom_profile = settings.policy_minutes().map(|minutes| {
        let description = "Server idle disconnect (autodisconnect), written by lanman export";
        json!({
            "name": POLICY_NAME,
            "oma_uri": oma_uri(),
            "data_type": "Integer",
            "value": minutes,
            "settings_catalog_id": SETTINGS_CATALOG_ID,
            "graph": {
                "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
                "displayName": "lanman: server idle disconnect",
                "description": description,
                "omaSettings": [{
                    "@odata.type": "#microsoft.graph.omaSettingInteger",
                    "displayName": POLICY_NAME,
                    "description": description,
                    "omaUri": oma_uri(),
                    "value": minutes,
                }],
            },
        })
    });
    let mut notes = Vec::new();
    if settings.autodisconnect == Some(AutoDisconnect::Off) {
        notes.push(format!(
            "{OFF_AS_POLICY_NOTE}; the remediation writes off to the registry as -1 (0xFFFFFFFF), as lanman set does"
        ));
    }
    if settings.autodisconnect.is_some() {
        notes.push("Give each machine one owner for autodisconnect: the custom profile (a policy: lanman set then refuses to change it, and the remediation leaves it alone) or the remediation (the registry)".to_string());
    }
    if settings.keepconn.is_some() {
        notes.push(
            "KeepConn has no policy (no CSP setting): only the remediation sets it".to_string(),
        );
    }
    notes.push(format!(
        "Upload {DETECTION_SCRIPT} and {REMEDIATION_SCRIPT} as files (UTF-8 without a byte-order mark); run them as SYSTEM (not with the logged-on credentials) in 64-bit PowerShell; the services read the registry values when they next start"
    ));
    notes.push(LICENCE_NOTE.to_string());
    let document = json!({
        "custom_profile": custom_profile,
        "remediation": {
            "detection_script_file": DETECTION_SCRIPT,
            "detection_script": detection,
            "remediation_script_file": REMEDIATION_SCRIPT,
            "remediation_script": remediation,
            "run_as_account": "system",
            "run_in_64_bit_powershell": true,
            "enforce_signature_check": false,
        },
        "notes": notes,
        "error": null,
    });
    IntuneBundle {
        document,
        detection,
        remediation,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Detection,
    Remediation,
}

/// The functions both scripts use. Registry reads and writes go through .NET (`Microsoft.Win32
/// .Registry`), which behaves the same in every PowerShell version and reads a REG_DWORD as a
/// signed 32-bit number (so 0xFFFFFFFF is -1 there).
const FUNCTIONS: &str = r#"function Get-StoredValue {
    param([string] $Key, [string] $Name)
    # The value under HKLM: its name as spelled there (registry names ignore case, and -eq
    # does too), its kind and its data; $null when the key or the value is absent.
    $opened = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey($Key)
    if ($null -eq $opened) {
        return $null
    }
    try {
        foreach ($stored in $opened.GetValueNames()) {
            if ($stored -eq $Name) {
                return @{ Name = $stored; Kind = $opened.GetValueKind($stored); Data = $opened.GetValue($stored) }
            }
        }
        return $null
    }
    finally {
        $opened.Close()
    }
}

function Test-StoredValue {
    param($Stored, $Value)
    # A REG_DWORD holding the wanted data.
    return ($null -ne $Stored) -and ($Stored.Kind -eq [Microsoft.Win32.RegistryValueKind]::DWord) -and ([int32] $Stored.Data -eq $Value.Data)
}

function Get-PolicyMinutes {
    # The security option "Microsoft network server: Amount of idle time required before
    # suspending session" as the effective security policy defines it (secedit's export):
    # its minutes, or $null when the policy does not define it or secedit cannot tell.
    $folder = Join-Path ([IO.Path]::GetTempPath()) ('lanman-' + [guid]::NewGuid().ToString('N'))
    try {
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        $file = Join-Path $folder 'policy.inf'
        $secedit = Join-Path $env:SystemRoot 'System32\secedit.exe'
        & $secedit /export /areas SECURITYPOLICY /cfg $file /quiet | Out-Null
        if (($LASTEXITCODE -ne 0) -or -not (Test-Path -LiteralPath $file)) {
            return $null
        }
        foreach ($line in (Get-Content -LiteralPath $file)) {
            if ($line -match $PolicyLine) {
                return [int64] $Matches[1]
            }
        }
        return $null
    }
    catch {
        return $null
    }
    finally {
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}
"#;

const DETECTION_MAIN: &str = r#"$problems = @()
$policy = Get-PolicyMinutes
foreach ($value in $Wanted) {
    if (($null -ne $value.Policy) -and ($null -ne $policy)) {
        # The policy owns the value: as asked when it sets the same minutes.
        if ($policy -ne $value.Policy) {
            $problems += ('{0}: Group Policy sets {1} minutes, not {2}' -f $value.Setting, $policy, $value.Policy)
        }
        continue
    }
    $stored = Get-StoredValue -Key $value.Key -Name $value.Name
    if (-not (Test-StoredValue -Stored $stored -Value $value)) {
        $problems += ('{0} is not {1}' -f $value.Setting, $value.Shown)
    }
}
if ($problems.Count -gt 0) {
    Write-Output ('not compliant: ' + ($problems -join '; '))
    exit 1
}
Write-Output 'compliant'
exit 0
"#;

const REMEDIATION_MAIN: &str = r#"$written = @()
$failed = @()
$policy = Get-PolicyMinutes
foreach ($value in $Wanted) {
    if (($null -ne $value.Policy) -and ($null -ne $policy)) {
        # The policy owns the value: a registry write would be undone at its next refresh.
        if ($policy -ne $value.Policy) {
            $failed += ('{0}: Group Policy sets {1} minutes; change it there (nothing written)' -f $value.Setting, $policy)
        }
        continue
    }
    $stored = Get-StoredValue -Key $value.Key -Name $value.Name
    if (Test-StoredValue -Stored $stored -Value $value) {
        continue
    }
    # Keep the spelling of a value that exists (a policy writes AutoDisconnect).
    $name = $value.Name
    if ($null -ne $stored) {
        $name = $stored.Name
    }
    try {
        $opened = [Microsoft.Win32.Registry]::LocalMachine.CreateSubKey($value.Key)
        try {
            $opened.SetValue($name, [int32] $value.Data, [Microsoft.Win32.RegistryValueKind]::DWord)
        }
        finally {
            $opened.Close()
        }
    }
    catch {
        $failed += ('{0}: {1}' -f $value.Setting, $_.Exception.Message)
        continue
    }
    if (Test-StoredValue -Stored (Get-StoredValue -Key $value.Key -Name $value.Name) -Value $value) {
        $written += ('{0} set to {1}' -f $value.Setting, $value.Shown)
    }
    else {
        $failed += ('{0} did not take' -f $value.Setting)
    }
}
if ($written.Count -gt 0) {
    Write-Output (($written -join '; ') + ' (read when the service next starts)')
}
if ($failed.Count -gt 0) {
    Write-Output ('failed: ' + ($failed -join '; '))
    exit 1
}
exit 0
"#;

fn script(settings: &FleetSettings, role: Role) -> String {
    let (file, what) = match role {
        Role::Detection => (
            DETECTION_SCRIPT,
            "# Exit 0: every value below is as asked (compliant). Exit 1: one is not, and Intune\n\
             # then runs the remediation script. It only reads.",
        ),
        Role::Remediation => (
            REMEDIATION_SCRIPT,
            "# Writes each value below that differs, as `lanman set ... --via registry` does, and\n\
             # reads it back. Exit 0: all are as asked; exit 1: one could not be set.",
        ),
    };
    let mut out = format!(
        "# {file}: Intune Remediations, written by\n\
         #   lanman export --format intune {args}\n\
         {what}\n\
         # A value that the security policy defines (Group Policy, or an Intune profile) is the\n\
         # policy's: it counts as asked when the policy sets the same minutes, and is never written.\n\
         $ErrorActionPreference = 'Stop'\n\n",
        args = settings.arguments()
    );
    out.push_str(FUNCTIONS);
    out.push_str(&format!(
        "\n# The security option's line in secedit's export.\n$PolicyLine = {}\n\n",
        quoted(&format!(
            r"^\s*{}\s*=\s*4\s*,\s*(\d+)\s*$",
            security_option_path().replace('\\', r"\\")
        ))
    ));
    out.push_str(
        "# Data is the REG_DWORD as a signed 32-bit number; Policy the security option's minutes\n\
         # ($null: the value has no policy).\n$Wanted = @(\n",
    );
    for entry in settings.entries() {
        let autodisconnect = entry.setting.name == "autodisconnect";
        let shown = match (autodisconnect, settings.autodisconnect) {
            (true, Some(AutoDisconnect::Off)) => "off (-1)".to_string(),
            (true, _) => format!("{} minutes", entry.value.bare()),
            (false, _) => format!("{} seconds", entry.value.bare()),
        };
        let policy = match settings.policy_minutes() {
            Some(minutes) if autodisconnect => minutes.to_string(),
            _ => "$null".to_string(),
        };
        // 0xFFFFFFFF (off) is -1 as a signed 32-bit number.
        let data = i32::from_ne_bytes(entry.dword.to_ne_bytes());
        out.push_str(&format!(
            "    @{{ Setting = {}; Key = {}; Name = {}; Data = {data}; Shown = {}; Policy = {policy} }}\n",
            quoted(entry.setting.name),
            quoted(entry.key),
            quoted(entry.name),
            quoted(&shown),
        ));
    }
    out.push_str(")\n\n");
    out.push_str(match role {
        Role::Detection => DETECTION_MAIN,
        Role::Remediation => REMEDIATION_MAIN,
    });
    crlf(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::tests::{both, keepconn_only, off_only};

    #[test]
    fn the_profile_carries_the_security_option_and_off_as_99999() {
        let bundle = intune_bundle(&both());
        let profile = &bundle.document["custom_profile"];
        assert_eq!(
            profile["oma_uri"],
            "./Device/Vendor/MSFT/Policy/Config/LocalPoliciesSecurityOptions/MicrosoftNetworkServer_AmountOfIdleTimeRequiredBeforeSuspendingSession"
        );
        assert_eq!(profile["data_type"], "Integer");
        assert_eq!(profile["value"], 60);
        assert_eq!(profile["graph"]["omaSettings"][0]["value"], 60);
        assert_eq!(profile["graph"]["omaSettings"][0]["omaUri"], oma_uri());
        let off = intune_bundle(&off_only());
        assert_eq!(off.document["custom_profile"]["value"], 99_999);
        assert!(
            off.document["notes"][0]
                .as_str()
                .unwrap()
                .contains("99999 minutes")
        );
        // KeepConn has no CSP setting: no profile.
        assert_eq!(
            intune_bundle(&keepconn_only()).document["custom_profile"],
            Value::Null
        );
    }

    #[test]
    fn the_scripts_want_what_set_writes() {
        let bundle = intune_bundle(&both());
        for script in [&bundle.detection, &bundle.remediation] {
            assert!(script.contains("    @{ Setting = 'autodisconnect'; Key = 'SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters'; Name = 'autodisconnect'; Data = 60; Shown = '60 minutes'; Policy = 60 }\r\n"), "{script}");
            assert!(script.contains("    @{ Setting = 'keepconn'; Key = 'SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters'; Name = 'KeepConn'; Data = 3600; Shown = '3600 seconds'; Policy = $null }\r\n"), "{script}");
            assert!(script.contains("$PolicyLine = '^\\s*MACHINE\\\\System\\\\CurrentControlSet\\\\Services\\\\LanManServer\\\\Parameters\\\\AutoDisconnect\\s*=\\s*4\\s*,\\s*(\\d+)\\s*$'\r\n"), "{script}");
            assert!(script.is_ascii());
            assert!(!script.replace("\r\n", "").contains('\n'), "CRLF only");
        }
        // Off: -1 in the registry (0xFFFFFFFF as a signed number), 99999 as the policy.
        let off = intune_bundle(&off_only());
        assert!(
            off.remediation
                .contains("Data = -1; Shown = 'off (-1)'; Policy = 99999 }\r\n")
        );
        assert!(!off.remediation.contains("'keepconn'"));
    }

    #[test]
    fn detection_exits_1_only_for_a_problem_and_remediation_reads_back() {
        let bundle = intune_bundle(&both());
        assert!(
            bundle
                .detection
                .contains("    exit 1\r\n}\r\nWrite-Output 'compliant'\r\nexit 0\r\n")
        );
        assert!(
            !bundle.detection.contains("SetValue"),
            "detection only reads"
        );
        assert!(bundle.remediation.contains("$opened.SetValue($name, [int32] $value.Data, [Microsoft.Win32.RegistryValueKind]::DWord)"));
        assert!(bundle.remediation.contains("if (Test-StoredValue -Stored (Get-StoredValue -Key $value.Key -Name $value.Name) -Value $value)"));
    }

    #[test]
    fn the_document_embeds_the_scripts_and_is_deterministic() {
        let bundle = intune_bundle(&both());
        assert_eq!(
            bundle.document["remediation"]["detection_script"],
            bundle.detection.as_str()
        );
        assert_eq!(
            bundle.document["remediation"]["remediation_script"],
            bundle.remediation.as_str()
        );
        assert_eq!(bundle, intune_bundle(&both()));
        assert!(
            bundle.document["notes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n.as_str().unwrap().contains("Enterprise E3 or E5"))
        );
        assert_eq!(bundle.document["error"], Value::Null);
    }
}
