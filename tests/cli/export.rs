//! `export` for the engines beyond Group Policy (issue 20): Intune, Ansible and PowerShell DSC,
//! each generated from the values `set` validates; and where the document goes (issue 18 item
//! 17): the format from `--output`'s extension, `--output -`, an unwritable `--output`.
//! The documents' own checkers (tree-sitter-powershell, ansible-playbook --syntax-check,
//! ansible-lint) run in `.ci/check-exports`.

use serde_json::Value;

use crate::support::{Lanman, Outcome};

const SERVER_KEY: &str = r"SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
const WORKSTATION_KEY: &str = r"SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";
const SECURITY_OPTION: &str =
    r"MACHINE\System\CurrentControlSet\Services\LanManServer\Parameters\AutoDisconnect";
const OMA_URI: &str = "./Device/Vendor/MSFT/Policy/Config/LocalPoliciesSecurityOptions/MicrosoftNetworkServer_AmountOfIdleTimeRequiredBeforeSuspendingSession";

fn export(args: &[&str]) -> Outcome {
    let out = Lanman::new()
        .args(["export"])
        .args(args.iter().copied())
        .run();
    out.code(0).ran_nothing();
    out
}

/// Every line ends in CRLF and nothing but ASCII is in it (Windows PowerShell 5.1 reads such a
/// file the same in every code page).
#[track_caller]
fn assert_windows_ascii(text: &str) {
    assert!(text.is_ascii(), "{text}");
    assert!(text.ends_with("\r\n"), "{text:?}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF only: {text:?}"
    );
}

#[test]
fn ansible_playbook_sets_the_security_option_and_keepconn_with_check_mode_modules() {
    let out = export(&[
        "--autodisconnect",
        "480",
        "--keepconn",
        "1h",
        "--format",
        "ansible",
    ]);
    out.stderr("");
    let text = &out.stdout;
    assert!(text.starts_with("---\n# Written by: lanman export --format ansible --autodisconnect 480 --keepconn 3600\n"), "{text}");
    assert!(!text.contains('\r'), "LF: yamllint wants Unix line ends");
    assert!(
        text.contains("--check --diff"),
        "says how to see the change first"
    );
    assert!(text.contains(&format!(
        "      community.windows.win_security_policy:\n        section: 'Registry Values'\n        key: '{SECURITY_OPTION}'\n        value: '4,480'\n"
    )), "{text}");
    assert!(text.contains(&format!(
        "      ansible.windows.win_regedit:\n        path: 'HKLM:\\{WORKSTATION_KEY}'\n        name: 'KeepConn'\n        data: 3600\n        type: 'dword'\n"
    )), "{text}");
    // No shell or command task: both modules support check mode, so --check changes nothing.
    assert!(!text.contains("win_shell") && !text.contains("win_command"));
    assert_eq!(
        export(&[
            "--autodisconnect",
            "480",
            "--keepconn",
            "1h",
            "--format",
            "ansible"
        ])
        .stdout,
        out.stdout,
        "the same values give the same playbook"
    );
}

#[test]
fn ansible_and_dsc_write_off_as_the_policys_99999_and_say_so() {
    let ansible = export(&["--autodisconnect", "off", "--format", "ansible"]);
    ansible.stderr_has("off is written as 99999 minutes");
    assert!(ansible.stdout.contains("        value: '4,99999'\n"));
    assert!(!ansible.stdout.contains("win_regedit"), "no KeepConn asked");
    let dsc = export(&["--autodisconnect", "-1", "--format", "dsc"]);
    dsc.stderr_has("off is written as 99999 minutes");
    assert!(dsc.stdout.contains(
        "Microsoft_network_server_Amount_of_idle_time_required_before_suspending_session = '99999'\r\n"
    ));
}

#[test]
fn dsc_configuration_uses_security_option_and_registry() {
    let out = export(&[
        "--autodisconnect",
        "90m",
        "--keepconn",
        "65535",
        "--format",
        "dsc",
    ]);
    out.stderr("");
    let text = &out.stdout;
    assert_windows_ascii(text);
    for needle in [
        "Configuration LanmanIdleSettings\r\n{\r\n",
        "    Import-DscResource -ModuleName 'PSDesiredStateConfiguration'\r\n",
        "    Import-DscResource -ModuleName 'SecurityPolicyDsc'\r\n",
        "        SecurityOption 'LanmanAutodisconnect'\r\n",
        "            Microsoft_network_server_Amount_of_idle_time_required_before_suspending_session = '90'\r\n",
        "        Registry 'LanmanKeepConn'\r\n",
        &format!("            Key       = 'HKEY_LOCAL_MACHINE\\{WORKSTATION_KEY}'\r\n"),
        "            ValueName = 'KeepConn'\r\n",
        "            ValueType = 'Dword'\r\n",
        "            ValueData = '65535'\r\n",
    ] {
        assert!(text.contains(needle), "lacks {needle:?}\n{text}");
    }
    assert_eq!(text.matches('{').count(), text.matches('}').count());
}

fn intune_json(args: &[&str]) -> Value {
    let out = export(args);
    out.json()
}

#[test]
fn intune_bundle_on_stdout_is_one_json_document_with_profile_and_scripts() {
    let args = [
        "--autodisconnect",
        "480",
        "--keepconn",
        "1h",
        "--format",
        "intune",
    ];
    let out = export(&args);
    out.stderr("");
    let d = out.json();
    let profile = &d["custom_profile"];
    assert_eq!(profile["oma_uri"], OMA_URI);
    assert_eq!(profile["data_type"], "Integer");
    assert_eq!(profile["value"], 480);
    assert_eq!(
        profile["settings_catalog_id"],
        "device_vendor_msft_policy_config_localpoliciessecurityoptions_microsoftnetworkserver_amountofidletimerequiredbeforesuspendingsession"
    );
    assert_eq!(
        profile["graph"]["@odata.type"],
        "#microsoft.graph.windows10CustomConfiguration"
    );
    assert_eq!(
        profile["graph"]["omaSettings"][0]["@odata.type"],
        "#microsoft.graph.omaSettingInteger"
    );
    assert_eq!(profile["graph"]["omaSettings"][0]["value"], 480);
    let remediation = &d["remediation"];
    assert_eq!(
        remediation["detection_script_file"],
        "Detect-LanmanIdleSettings.ps1"
    );
    assert_eq!(
        remediation["remediation_script_file"],
        "Remediate-LanmanIdleSettings.ps1"
    );
    assert_eq!(remediation["run_as_account"], "system");
    for key in ["detection_script", "remediation_script"] {
        let script = remediation[key].as_str().unwrap();
        assert_windows_ascii(script);
        assert!(script.contains(&format!("Key = '{SERVER_KEY}'; Name = 'autodisconnect'; Data = 480; Shown = '480 minutes'; Policy = 480 }}\r\n")), "{script}");
        assert!(script.contains(&format!("Key = '{WORKSTATION_KEY}'; Name = 'KeepConn'; Data = 3600; Shown = '3600 seconds'; Policy = $null }}\r\n")), "{script}");
    }
    let detection = remediation["detection_script"].as_str().unwrap();
    assert!(detection.contains("    exit 1\r\n}\r\nWrite-Output 'compliant'\r\nexit 0\r\n"));
    let notes: Vec<&str> = d["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Enterprise E3 or E5") && n.contains("Virtual Desktop Access")),
        "{notes:?}"
    );
    assert_eq!(d["error"], Value::Null);
    // --json asks for a JSON document, which this is: the same bytes.
    let with_json = Lanman::new()
        .args(["export"])
        .args(args)
        .args(["--json"])
        .run();
    with_json.code(0);
    assert_eq!(with_json.stdout, out.stdout);
}

#[test]
fn intune_off_is_99999_in_the_profile_and_minus_one_in_the_registry() {
    let d = intune_json(&["--autodisconnect", "never", "--format", "intune"]);
    assert_eq!(d["custom_profile"]["value"], 99_999);
    let script = d["remediation"]["remediation_script"].as_str().unwrap();
    assert!(
        script.contains("Name = 'autodisconnect'; Data = -1; Shown = 'off (-1)'; Policy = 99999 }"),
        "{script}"
    );
    assert!(!script.contains("'keepconn'"));
    // KeepConn alone has no CSP setting: no profile, only the scripts.
    let d = intune_json(&["--keepconn", "600", "--format", "intune"]);
    assert_eq!(d["custom_profile"], Value::Null);
    assert!(
        d["remediation"]["detection_script"]
            .as_str()
            .unwrap()
            .contains("Name = 'KeepConn'; Data = 600;")
    );
}

#[test]
fn intune_output_is_a_folder_with_the_bundle_and_the_two_scripts() {
    let lanman = Lanman::new();
    let folder = lanman.path("intune");
    let out = lanman
        .args([
            "export",
            "--autodisconnect",
            "480",
            "--keepconn",
            "1h",
            "--format",
            "intune",
            "--output",
        ])
        .arg_path(&folder)
        .run();
    out.code(0).stdout("").ran_nothing();
    let bundle: Value =
        serde_json::from_slice(&std::fs::read(folder.join("intune.json")).unwrap()).unwrap();
    for (file, key) in [
        ("Detect-LanmanIdleSettings.ps1", "detection_script"),
        ("Remediate-LanmanIdleSettings.ps1", "remediation_script"),
    ] {
        let bytes = std::fs::read(folder.join(file)).unwrap();
        assert_ne!(
            &bytes[..3],
            b"\xEF\xBB\xBF",
            "UTF-8 without a byte-order mark"
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_windows_ascii(&text);
        assert_eq!(bundle["remediation"][key], text.as_str(), "{file}");
        out.stderr_has(&format!("note: wrote {}", folder.join(file).display()));
    }
}

#[test]
fn new_formats_validate_like_set() {
    for format in ["intune", "ansible", "dsc"] {
        for args in [
            &["--autodisconnect", "0"][..],
            &["--autodisconnect", "65536"],
            &["--keepconn", "0"],
            &["--keepconn", "65536"],
        ] {
            Lanman::new()
                .args(["export", "--format", format])
                .args(args.iter().copied())
                .run()
                .code(3)
                .ran_nothing()
                .stdout("")
                .one_line_error();
        }
    }
    // 0 only when asked for: the policy's 0 (disconnect as soon as possible) too.
    let zero = ["--autodisconnect", "0", "--allow-zero", "--format"];
    assert!(
        export(&[&zero[..], &["ansible"]].concat())
            .stdout
            .contains("value: '4,0'\n")
    );
    assert!(
        export(&[&zero[..], &["dsc"]].concat())
            .stdout
            .contains("before_suspending_session = '0'\r\n")
    );
    assert_eq!(
        export(&[&zero[..], &["intune"]].concat()).json()["custom_profile"]["value"],
        0
    );
}

#[test]
fn the_output_extension_picks_the_format() {
    for (file, starts) in [
        ("lanman.reg", &b"\xFF\xFEW\0i\0n\0"[..]),
        (
            "Registry.xml",
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n",
        ),
        ("state.JSON", b"{"),
        ("site.yml", b"---\n"),
        ("site.yaml", b"---\n"),
        ("LanmanIdleSettings.ps1", b"# LanmanIdleSettings.ps1"),
    ] {
        // The outcome owns the run's temporary folder: keep it until the file is read.
        let lanman = Lanman::new();
        let path = lanman.path(file);
        let out = lanman
            .args(["export", "--keepconn", "60", "--output"])
            .arg_path(&path)
            .run();
        out.code(0).stdout("");
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(starts), "{file}: {bytes:?}");
    }
    let lanman = Lanman::new();
    let path = lanman.path("GptTmpl.INF");
    let out = lanman
        .args(["export", "--autodisconnect", "480", "--output"])
        .arg_path(&path)
        .run();
    out.code(0);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xFF\xFE[\0U\0"));
    // --format wins over the extension.
    let lanman = Lanman::new();
    let path = lanman.path("odd.json");
    let out = lanman
        .args(["export", "--keepconn", "60", "--format", "reg", "--output"])
        .arg_path(&path)
        .run();
    out.code(0);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xFF\xFEW\0"));
}

#[test]
fn an_output_name_without_a_known_extension_needs_format() {
    let lanman = Lanman::new();
    let path = lanman.path("lanman.txt");
    let out = lanman
        .args(["export", "--keepconn", "60", "--output"])
        .arg_path(&path)
        .run();
    out.code(3)
        .ran_nothing()
        .stdout("")
        .stderr_has("give --format")
        .one_line_error();
    assert!(!path.exists(), "nothing written");
    let lanman = Lanman::new();
    let path = lanman.path("lanman.txt");
    let out = lanman
        .args(["export", "--keepconn", "60", "--json", "--output"])
        .arg_path(&path)
        .run();
    out.code(3);
    assert_eq!(out.json()["error"]["kind"], "invalid_value");
}

#[test]
fn output_dash_is_standard_output() {
    let out = export(&["--keepconn", "60", "--format", "ansible", "--output", "-"]);
    out.stderr("");
    assert!(out.stdout.starts_with("---\n"));
    let out = export(&["--keepconn", "60", "--output", "-"]);
    assert!(
        out.stdout
            .starts_with("Windows Registry Editor Version 5.00\r\n"),
        "reg, the default: {}",
        out.stdout
    );
}

#[test]
fn an_unwritable_output_is_exit_1_with_the_path_and_json() {
    // A folder that does not exist: lanman creates no folders for a file.
    let lanman = Lanman::new();
    let path = lanman.path("missing").join("lanman.yml");
    let out = lanman
        .args(["export", "--keepconn", "60", "--output"])
        .arg_path(&path)
        .run();
    out.code(1)
        .ran_nothing()
        .stderr_has("cannot write ")
        .stderr_has("lanman.yml")
        .one_line_error();
    // --json prints the failure as one JSON object, with the exit table's code.
    let lanman = Lanman::new();
    let blocker = lanman.path("taken");
    std::fs::write(&blocker, "a file").unwrap();
    let out = lanman
        .args([
            "export",
            "--keepconn",
            "60",
            "--format",
            "intune",
            "--json",
            "--output",
        ])
        .arg_path(&blocker)
        .run();
    out.code(1);
    let d = out.json();
    assert_eq!(d["error"]["kind"], "cannot_write");
    assert_eq!(d["error"]["exit_code"], 1);
}

#[test]
fn help_says_the_default_format_and_the_extensions() {
    let out = Lanman::new().args(["export", "--help"]).run();
    out.code(0)
        .stdout_has("reg by default (json with --json)")
        .stdout_has(".yml/.yaml (ansible), .ps1 (dsc)")
        .stdout_has("`-`: standard output");
}
