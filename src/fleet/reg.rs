//! `--format reg`: a `.reg` file for `reg import` (docs/windows.md#reg-files).

use super::{FleetSettings, HIVE};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::tests::{both, off_only};

    #[test]
    fn reg_file_layout() {
        assert_eq!(
            reg_file(&both()),
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters]\r\n\"autodisconnect\"=dword:0000003c\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters]\r\n\"KeepConn\"=dword:00000e10\r\n\r\n"
        );
        assert!(reg_file(&off_only()).contains("\"autodisconnect\"=dword:ffffffff\r\n"));
    }
}
