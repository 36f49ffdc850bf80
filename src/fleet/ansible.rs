//! `--format ansible`: a playbook for Windows hosts. autodisconnect goes through
//! `community.windows.win_security_policy`, which edits the local security policy with
//! SecEdit (the same `[Registry Values]` line as `--format inf`); KeepConn, which has no
//! policy, through `ansible.windows.win_regedit` (docs/windows.md#ansible). Both modules
//! support check mode and diff, so `ansible-playbook --check --diff` shows what would change
//! and changes nothing.

use super::{FleetSettings, security_option_path};
use crate::settings::AutoDisconnect;

/// A module argument's value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Arg {
    Text(String),
    Number(u32),
}

/// One task: its name, the module's fully qualified name and its arguments, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Task {
    name: String,
    module: &'static str,
    args: Vec<(&'static str, Arg)>,
}

const SECURITY_POLICY_MODULE: &str = "community.windows.win_security_policy";
const REGEDIT_MODULE: &str = "ansible.windows.win_regedit";

fn tasks(settings: &FleetSettings) -> Vec<Task> {
    let mut tasks = Vec::new();
    if let (Some(autodisconnect), Some(minutes)) =
        (settings.autodisconnect, settings.policy_minutes())
    {
        let what = match autodisconnect {
            AutoDisconnect::Off => "off (99999 minutes, the policy's never)".to_string(),
            AutoDisconnect::Minutes(m) => format!("after {m} minutes"),
        };
        tasks.push(Task {
            name: format!("Server idle disconnect {what} (security option)"),
            module: SECURITY_POLICY_MODULE,
            args: vec![
                ("section", Arg::Text("Registry Values".to_string())),
                ("key", Arg::Text(security_option_path().to_string())),
                // The template's own form, `type,data` with 4 = REG_DWORD: the module
                // compares it as text with what SecEdit exports, so `4,480` is idempotent.
                ("value", Arg::Text(format!("4,{minutes}"))),
            ],
        });
    }
    for entry in settings
        .entries()
        .into_iter()
        .filter(|e| e.setting.name == "keepconn")
    {
        tasks.push(Task {
            name: format!("Client KeepConn {} seconds (registry)", entry.value.bare()),
            module: REGEDIT_MODULE,
            args: vec![
                ("path", Arg::Text(format!("HKLM:\\{}", entry.key))),
                ("name", Arg::Text(entry.name.to_string())),
                ("data", Arg::Number(entry.dword)),
                ("type", Arg::Text("dword".to_string())),
            ],
        });
    }
    tasks
}

/// YAML single-quoted scalar: nothing is an escape inside, a `'` is written twice.
fn yaml_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The playbook (LF line ends: it is read on the Ansible control node, and yamllint, which
/// ansible-lint runs, wants Unix line ends).
pub(crate) fn ansible_playbook(settings: &FleetSettings) -> String {
    let mut out = format!(
        "---\n\
         # Written by: lanman export --format ansible {args}\n\
         # The idle-disconnect values that `lanman set` sets. See what would change first,\n\
         # without changing anything:\n\
         #   ansible-playbook lanman.yml --check --diff\n\
         # autodisconnect goes into the local security policy (SecEdit): a Group Policy that\n\
         # defines the same security option overrides it at its next refresh. KeepConn has no\n\
         # policy; it is a registry value that the Workstation service reads when it starts.\n\
         - name: Idle-disconnect settings (lanman export)\n  \
           hosts: all\n  \
           gather_facts: false\n  \
           tasks:\n",
        args = settings.arguments()
    );
    for (i, task) in tasks(settings).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "    - name: {}\n      {}:\n",
            yaml_quoted(&task.name),
            task.module
        ));
        for (key, value) in &task.args {
            let value = match value {
                Arg::Text(text) => yaml_quoted(text),
                Arg::Number(n) => n.to_string(),
            };
            out.push_str(&format!("        {key}: {value}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::tests::{both, keepconn_only, off_only};

    /// The options each module documents (community.windows 3.1.0 `win_security_policy`,
    /// ansible.windows 3.3.0 `win_regedit`, as installed with the `ansible` 12.3.0 package;
    /// docs/windows.md#ansible): (module, required, optional).
    const DOCUMENTED: &[(&str, &[&str], &[&str])] = &[
        (SECURITY_POLICY_MODULE, &["section", "key", "value"], &[]),
        (
            REGEDIT_MODULE,
            &["path"],
            &["name", "data", "type", "state", "delete_key", "hive"],
        ),
    ];

    /// win_regedit's documented `type` choices.
    const REGEDIT_TYPES: &[&str] = &[
        "none",
        "binary",
        "dword",
        "expandstring",
        "multistring",
        "string",
        "qword",
    ];

    #[test]
    fn every_task_uses_only_documented_options_and_all_required_ones() {
        for settings in [both(), off_only(), keepconn_only()] {
            for task in tasks(&settings) {
                let (_, required, optional) = DOCUMENTED
                    .iter()
                    .find(|(module, ..)| *module == task.module)
                    .unwrap_or_else(|| panic!("{} is not a documented module", task.module));
                let names: Vec<&str> = task.args.iter().map(|(k, _)| *k).collect();
                for name in &names {
                    assert!(
                        required.contains(name) || optional.contains(name),
                        "{}: {name} is not an option",
                        task.module
                    );
                }
                for name in *required {
                    assert!(names.contains(name), "{}: {name} missing", task.module);
                }
                if let Some((_, Arg::Text(kind))) = task.args.iter().find(|(k, _)| *k == "type") {
                    assert!(REGEDIT_TYPES.contains(&kind.as_str()), "{kind}");
                }
            }
        }
    }

    #[test]
    fn the_security_option_is_the_templates_registry_values_line() {
        let settings = both();
        let task = &tasks(&settings)[0];
        assert_eq!(
            task.args,
            vec![
                ("section", Arg::Text("Registry Values".to_string())),
                (
                    "key",
                    Arg::Text(
                        r"MACHINE\System\CurrentControlSet\Services\LanManServer\Parameters\AutoDisconnect".to_string()
                    )
                ),
                ("value", Arg::Text("4,60".to_string())),
            ]
        );
        // Off has no policy form: 99999, as the security template writes it.
        assert_eq!(
            tasks(&off_only())[0].args[2],
            ("value", Arg::Text("4,99999".to_string()))
        );
        assert!(
            tasks(&keepconn_only())
                .iter()
                .all(|t| t.module == REGEDIT_MODULE)
        );
    }

    #[test]
    fn the_playbook_text() {
        assert_eq!(
            ansible_playbook(&both()),
            "---\n\
             # Written by: lanman export --format ansible --autodisconnect 60 --keepconn 3600\n\
             # The idle-disconnect values that `lanman set` sets. See what would change first,\n\
             # without changing anything:\n\
             #   ansible-playbook lanman.yml --check --diff\n\
             # autodisconnect goes into the local security policy (SecEdit): a Group Policy that\n\
             # defines the same security option overrides it at its next refresh. KeepConn has no\n\
             # policy; it is a registry value that the Workstation service reads when it starts.\n\
             - name: Idle-disconnect settings (lanman export)\n  \
               hosts: all\n  \
               gather_facts: false\n  \
               tasks:\n    \
                 - name: 'Server idle disconnect after 60 minutes (security option)'\n      \
                   community.windows.win_security_policy:\n        \
                     section: 'Registry Values'\n        \
                     key: 'MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\AutoDisconnect'\n        \
                     value: '4,60'\n\
             \n    \
                 - name: 'Client KeepConn 3600 seconds (registry)'\n      \
                   ansible.windows.win_regedit:\n        \
                     path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters'\n        \
                     name: 'KeepConn'\n        \
                     data: 3600\n        \
                     type: 'dword'\n"
        );
    }

    #[test]
    fn yaml_quoting_doubles_single_quotes() {
        assert_eq!(yaml_quoted("it's"), "'it''s'");
    }
}
