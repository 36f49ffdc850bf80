//! Facts of this user's logon session that decide which drives exist and when they are
//! (re)made: Group Policy Preferences drive maps, read from the history the Drive Maps
//! extension keeps in the user's profile (docs/windows.md#gpp-drive-maps).

use std::path::{Path, PathBuf};

use crate::decode::{self, Encoding};
use crate::parse::gpp_drives::{GppDrive, parse_gpp_drives};

/// At most this many history files are read (one per GPO that maps drives).
const MAX_FILES: usize = 200;
/// A Drives.xml larger than this is not a drive map list.
const MAX_BYTES: u64 = 1 << 20;

/// The drive map items of every GPO in this user's Group Policy history:
/// `%LOCALAPPDATA%\Microsoft\Group Policy\History\{GPO}\{SID}\Preferences\Drives\Drives.xml`.
/// No history folder means no drive map was applied: an empty list. `Err` says why they could
/// not be read.
pub(crate) fn gpp_drive_maps() -> Result<Vec<GppDrive>, String> {
    let Some(local) = std::env::var_os("LOCALAPPDATA").filter(|v| !v.is_empty()) else {
        return Err(
            "LOCALAPPDATA is not set, so the Group Policy history cannot be found".to_string(),
        );
    };
    let history = PathBuf::from(local)
        .join("Microsoft")
        .join("Group Policy")
        .join("History");
    let Ok(gpos) = std::fs::read_dir(&history) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for gpo in gpos.flatten() {
        let name = gpo.file_name().to_string_lossy().into_owned();
        let dir = gpo.path();
        let mut candidates = vec![drives_xml(&dir)];
        if let Ok(subdirs) = std::fs::read_dir(&dir) {
            candidates.extend(subdirs.flatten().map(|d| drives_xml(&d.path())));
        }
        for file in candidates {
            if file.is_file() && files.len() < MAX_FILES {
                files.push((file, name.clone()));
            }
        }
    }
    let mut drives = Vec::new();
    for (file, gpo) in files {
        let too_big = std::fs::metadata(&file).map_or(true, |m| m.len() > MAX_BYTES);
        if too_big {
            continue;
        }
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        // The history copy is UTF-8 or UTF-16 with a byte-order mark.
        let text = decode::decode(&bytes, Encoding::Auto, 437).text;
        match parse_gpp_drives(&text, Some(&gpo)) {
            Some(items) => drives.extend(items),
            None => return Err(format!("{} is not XML lanman can read", file.display())),
        }
    }
    Ok(drives)
}

fn drives_xml(dir: &Path) -> PathBuf {
    dir.join("Preferences").join("Drives").join("Drives.xml")
}

/// `COMPUTERNAME`, when the registry did not say.
pub(crate) fn computer_name_from_env() -> Option<String> {
    std::env::var("COMPUTERNAME").ok().filter(|n| !n.is_empty())
}

/// The names a domain-based DFS namespace is reached by: this computer's DNS domain and,
/// for a domain logon, the user's (`USERDNSDOMAIN`, and then `USERDOMAIN`, which for a local
/// account is only the computer's name) (docs/windows.md#dfs).
pub(crate) fn domain_names(dns_domain: Option<&str>) -> Vec<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut names: Vec<String> = dns_domain.map(str::to_string).into_iter().collect();
    if let Some(dns) = var("USERDNSDOMAIN") {
        names.push(dns);
        names.extend(var("USERDOMAIN"));
    }
    names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    names
}
