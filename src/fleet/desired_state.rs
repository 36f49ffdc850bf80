//! `--format json`: the desired state, for tools that read the registry values as data.

use serde_json::{Value, json};

use super::{FleetSettings, HIVE};

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
