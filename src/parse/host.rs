//! Which computer lanman runs on, from its registry (docs/windows.md#host-identity): the
//! computer name and its DNS name. Pure: key listings in, names out.

use super::reg::RegKey;

/// The computer that ran a command (`host` in `doctor --json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct HostIdentity {
    /// The NetBIOS computer name (`ComputerName`); `None` when unread.
    pub name: Option<String>,
    /// `Hostname` and `Domain` of the TCP/IP parameters joined (`pc01.example.test`); the host
    /// name alone in a workgroup; `None` when unread.
    pub dns_name: Option<String>,
}

impl HostIdentity {
    /// From `Control\ComputerName\ActiveComputerName` and `Services\Tcpip\Parameters`.
    pub fn from_keys(computer_name: &RegKey, tcpip: &RegKey) -> HostIdentity {
        let text = |key: &RegKey, name: &str| {
            key.get(name)
                .and_then(|v| v.data.text())
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty())
        };
        let host = text(tcpip, "Hostname");
        let domain = text(tcpip, "Domain");
        HostIdentity {
            name: text(computer_name, "ComputerName"),
            dns_name: match (host, domain) {
                (Some(h), Some(d)) => Some(format!("{h}.{d}").to_ascii_lowercase()),
                (Some(h), None) => Some(h.to_ascii_lowercase()),
                (None, _) => None,
            },
        }
    }

    /// The DNS domain this computer belongs to (`example.test`), if any.
    pub fn dns_domain(&self) -> Option<&str> {
        self.dns_name
            .as_deref()
            .and_then(|n| n.split_once('.'))
            .map(|(_, d)| d)
    }
}
