//! The README's doctor sample is what doctor prints (issue "The contract holds everywhere",
//! item 15). The sample between its `readme-test` marker and `<!-- /doctor-sample -->` is
//! compared with a run against the fakes; `LANMAN_BLESS_README=1 cargo test --test cli
//! doctor_readme` writes the current output into the README instead. The machine below is ours,
//! not a recording.

#![cfg_attr(windows, allow(dead_code, unused_imports))]

use crate::doctor::{VERSION_KEY, windows};
use crate::support::{Lanman, NETWORK_LOG, SERVER_KEY, SMB_LOG, SYSTEM_LOG};

const START: &str = "<!-- readme-test: none: doctor's sample, compared with its output by tests/cli/doctor_readme.rs -->\n```bat\nC:\\> lanman doctor\n";
const END: &str = "```\n<!-- /doctor-sample -->";

/// A Windows 11 client of a domain with drives on a Windows Server 2025 file server, a server
/// it may not read, and a NAS; it shares nothing but administrative shares.
fn readme_machine() -> Lanman {
    let use_text = "New connections will be remembered.\r\n\r\n\
Status       Local     Remote                    Network\r\n\r\n\
-------------------------------------------------------------------------------\r\n\
OK           S:        \\\\FS01\\data              Microsoft Windows Network\r\n\
Disconnected T:        \\\\fs01.example.test\\scans Microsoft Windows Network\r\n\
Unavailable  U:        \\\\FS02\\home              Microsoft Windows Network\r\n\
OK           V:        \\\\NAS\\media              Microsoft Windows Network\r\n\
The command completed successfully.\r\n\r\n";
    let share_text = "Share name   Resource                        Remark\r\n\r\n\
-------------------------------------------------------------------------------\r\n\
C$           C:\\                             Default share\r\n\
IPC$                                         Remote IPC\r\n\
ADMIN$       C:\\Windows                      Remote Admin\r\n\
The command completed successfully.\r\n\r\n";
    let names = r"HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ActiveComputerName";
    let tcpip = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";
    let lanman = Lanman::new()
        .server("server-en-win10-pro.txt")
        .net_use_text(use_text)
        .net_share_text(share_text)
        .registry_value("", names, "ComputerName", "REG_SZ", "PC01")
        .registry_value("", tcpip, "Hostname", "REG_SZ", "PC01")
        .registry_value("", tcpip, "Domain", "REG_SZ", "example.test")
        .env("FAKE_REG_DENIED", "FS02")
        // A client that slept, woke, got its network back and lost \\FS01\data.
        .event_log(SMB_LOG, "synthetic-smb-connectivity.xml")
        .event_log(SYSTEM_LOG, "synthetic-system-power.xml")
        .event_log(NETWORK_LOG, "synthetic-network-profile.xml")
        .env("FAKE_REG_NOT_WINDOWS", "NAS");
    let lanman = windows(lanman, "", "Windows 10 Pro", "22631", "23H2");
    let lanman = windows(
        lanman,
        "fs01.example.test",
        "Windows Server 2025 Standard",
        "26100",
        "24H2",
    );
    lanman
        .registry_value(
            "fs01.example.test",
            SERVER_KEY,
            "autodisconnect",
            "REG_DWORD",
            "0x3c",
        )
        .registry_value(
            "fs01.example.test",
            SERVER_KEY,
            "AutoDisconnectTimeoutV2",
            "REG_DWORD",
            "0x258",
        )
        .registry_value("NAS", VERSION_KEY, "CurrentVersion", "REG_SZ", "6.1")
}

// Not on the Windows lane: doctor reads whether it runs elevated from the real token, and under
// Wine it does, which adds a finding the README's (non-elevated) sample does not show.
#[cfg(not(windows))]
#[test]
fn the_readme_doctor_sample_is_what_doctor_prints() {
    let out = readme_machine().args(["doctor"]).run();
    out.code(0);
    let readme_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the doctor sample markers")
        + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README closes the doctor sample");
    if std::env::var_os("LANMAN_BLESS_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], out.stdout, &readme[end..]);
        std::fs::write(&readme_path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        out.stdout,
        "the README's doctor sample differs from doctor's output; \
         run LANMAN_BLESS_README=1 cargo test --test cli doctor_readme and review the diff"
    );
}
