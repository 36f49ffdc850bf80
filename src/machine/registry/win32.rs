//! What a Win32 error number from a registry call means to lanman: its failure, exit code and
//! advice, decided by the number alone, so they are the same in every display language
//! (docs/windows.md#win32-errors). Pure, and compiled on every platform so that its tests run
//! on both lanes; only the Windows API path produces the numbers.

#![cfg_attr(not(windows), allow(dead_code))]

use crate::error::{Denied, Failure};
use crate::settings::Host;

/// ERROR_FILE_NOT_FOUND: the key or value does not exist.
pub(super) const NOT_FOUND: u32 = 2;
const ACCESS_DENIED: u32 = 5;
/// ERROR_SESSION_CREDENTIAL_CONFLICT
const CREDENTIAL_CONFLICT: u32 = 1219;
/// ERROR_LOGON_FAILURE
const LOGON_FAILURE: u32 = 1326;
/// ERROR_UNSUPPORTED_TYPE, RegGetValueW's answer for a value of another type than asked.
const UNSUPPORTED_TYPE: u32 = 1630;

/// The numbers that say another computer's registry could not be reached, in the words of
/// Microsoft's System Error Codes pages (lanman's own text; the system's message would be in
/// the display language).
const UNREACHABLE: &[(u32, &str)] = &[
    (53, "the network path was not found"),
    (67, "the network name cannot be found"),
    (1203, "no network provider accepted the given network path"),
    (1225, "the remote computer refused the network connection"),
    (1707, "the network address is invalid"),
    (1722, "the RPC server is unavailable"),
];

/// One registry operation, for messages.
#[derive(Clone, Copy, Debug)]
pub(super) struct Op<'a> {
    pub(super) host: Option<&'a Host>,
    /// `HKLM\…`
    pub(super) key: &'a str,
    pub(super) changing: bool,
}

impl Op<'_> {
    /// `reading HKLM\… on FS01`
    fn doing(&self) -> String {
        format!(
            "{} {}{}",
            if self.changing { "changing" } else { "reading" },
            self.key,
            self.host
                .map(|h| format!(" on {}", h.name()))
                .unwrap_or_default()
        )
    }
}

/// The failure a Win32 error number means for `op`. ERROR_FILE_NOT_FOUND is not a failure
/// (an absent key or value) and is handled by the caller before this.
pub(super) fn failure(code: u32, op: Op<'_>) -> Failure {
    let remote = op.host.map(|h| h.name().to_string());
    match (code, remote) {
        (ACCESS_DENIED, remote) => Failure::AccessDenied {
            doing: format!("{} (Windows error 5)", op.doing()),
            who: match (remote, op.changing) {
                (Some(host), _) => Denied::Remote(host),
                (None, true) => Denied::Changing,
                (None, false) => Denied::Reading,
            },
        },
        (LOGON_FAILURE | CREDENTIAL_CONFLICT, Some(host)) => {
            Failure::RemoteCredentials { host, code }
        }
        (UNSUPPORTED_TYPE, _) => Failure::NotUnderstood(format!(
            "{}: a value has another type than asked (Windows error 1630)",
            op.doing()
        )),
        (code, Some(host)) => match UNREACHABLE.iter().find(|(n, _)| *n == code) {
            Some((_, text)) => Failure::RemoteUnreachable {
                host,
                detail: format!("{text} (Windows error {code})"),
            },
            None => Failure::RegistryFailed {
                doing: op.doing(),
                code,
            },
        },
        (code, None) => Failure::RegistryFailed {
            doing: op.doing(),
            code,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Exit;

    fn host() -> Host {
        "FS01".parse().unwrap()
    }

    const KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";

    fn op(host: Option<&Host>, changing: bool) -> Op<'_> {
        Op {
            host,
            key: KEY,
            changing,
        }
    }

    #[test]
    fn access_denied_advice_fits_who_was_refused() {
        let fs01 = host();
        let remote = failure(5, op(Some(&fs01), false));
        assert_eq!(remote.exit_code(), Exit::AccessDenied);
        assert!(remote.to_string().contains("administrator rights on FS01"));
        let local_read = failure(5, op(None, false)).to_string();
        assert!(local_read.contains("elevated"), "{local_read}");
        assert!(!local_read.contains("Startup script"), "{local_read}");
        let local_change = failure(5, op(None, true)).to_string();
        assert!(local_change.contains("Startup script"), "{local_change}");
        assert!(local_change.starts_with(&format!("access denied changing {KEY}")));
    }

    #[test]
    fn an_unreachable_server_names_all_three_causes() {
        let fs01 = host();
        for code in [53, 67, 1203, 1225, 1707, 1722] {
            let f = failure(code, op(Some(&fs01), false));
            assert_eq!(
                (f.exit_code(), f.kind()),
                (Exit::ProgramFailed, "remote_unreachable")
            );
            let text = f.to_string();
            for cause in ["host is up", "Remote Registry service", "firewall"] {
                assert!(text.contains(cause), "{code}: {text}");
            }
            assert!(text.contains(&format!("Windows error {code}")), "{text}");
        }
    }

    #[test]
    fn credentials_are_their_own_failure_with_exit_4() {
        let fs01 = host();
        let conflict = failure(1219, op(Some(&fs01), false));
        assert_eq!(
            (conflict.exit_code(), conflict.kind()),
            (Exit::AccessDenied, "remote_credentials")
        );
        assert!(conflict.to_string().contains("`net use`"));
        let logon = failure(1326, op(Some(&fs01), true));
        assert!(logon.to_string().contains("user name or password"));
    }

    #[test]
    fn other_numbers_are_reported_with_the_number() {
        let f = failure(1450, op(None, false));
        assert_eq!(
            (f.exit_code(), f.kind()),
            (Exit::ProgramFailed, "registry_failed")
        );
        assert_eq!(
            f.to_string(),
            format!(
                "reading {KEY} failed with Windows error 1450 (`net helpmsg 1450` says what it means in this computer's language)"
            )
        );
        // A remote-only number on this computer is not "unreachable".
        assert_eq!(failure(53, op(None, false)).kind(), "registry_failed");
        assert_eq!(
            failure(1630, op(None, false)).exit_code(),
            Exit::NotUnderstood
        );
    }
}
