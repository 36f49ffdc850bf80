//! What `lanman doctor` reads, several reads at once (the SMB client's event log among them). Each probe runs on its own thread and
//! each child process it starts has its own deadline (`--timeout` from when that child
//! started), so a slow probe delays nothing but itself and never turns a finished probe into a
//! timeout. A remote server that hangs is waited for by its own thread only.

use std::net::{IpAddr, ToSocketAddrs};
use std::time::Duration;

use super::Machine;
use super::deadline::answers_within;
use super::events::EventReading;
use super::logon;
use super::net::{LiveConfig, LiveList};
use super::policy::PolicyCheck;
use super::registry::CURRENT_VERSION_KEY;
use crate::decode::{self, Encoding};
use crate::error::Failure;
use crate::exec::{Invocation, Program};
use crate::parse::events::Since;
use crate::parse::gpp_drives::GppDrive;
use crate::parse::host::HostIdentity;
use crate::parse::os_version::OsVersion;
use crate::parse::reg::RegKey;
use crate::parse::server_idle::ServerIdle;
use crate::parse::server_names;
use crate::parse::smb_connection::{SmbConnection, parse_smb_connections};
use crate::parse::{Kind, NetShare, NetStatistics, NetUse, StatisticsKind};
use crate::settings::catalogue::{AUTODISCONNECT, AUTODISCONNECT_CSP_POLICY, stored};
use crate::settings::{Host, Side};

/// The keys doctor reads on this computer, in one `read_keys` call (docs/windows.md#doctor-reads).
const COMPUTER_NAME_KEY: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ActiveComputerName";
const TCPIP_KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";
/// `EnableLinkedConnections` (docs/windows.md#elevation).
const POLICIES_SYSTEM_KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System";
/// `RestoreConnection` (docs/windows.md#logon-restore).
const NETWORK_PROVIDER_KEY: &str = r"HKLM\SYSTEM\CurrentControlSet\Control\NetworkProvider";
/// `SyncForegroundPolicy`: "Always wait for the network at computer startup and logon".
const WINLOGON_POLICY_KEY: &str =
    r"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\CurrentVersion\Winlogon";
/// The MDM's record of the security option (docs/windows.md#mdm).
const POLICY_MANAGER_KEY: &str =
    r"HKLM\SOFTWARE\Microsoft\PolicyManager\current\device\LocalPoliciesSecurityOptions";
/// The keys of optional facts about this computer, in the order `doctor_probes` uses them.
const CONTEXT_KEYS: [&str; 6] = [
    COMPUTER_NAME_KEY,
    TCPIP_KEY,
    POLICIES_SYSTEM_KEY,
    NETWORK_PROVIDER_KEY,
    WINLOGON_POLICY_KEY,
    POLICY_MANAGER_KEY,
];

/// Each file server's values (in the order asked), and this user's SMB connections when
/// they were asked for.
pub(crate) type FileServers = (
    Vec<Result<ServerIdle, Failure>>,
    Option<Result<Vec<SmbConnection>, Failure>>,
);

/// This computer as a client.
#[derive(Debug)]
pub(crate) struct ClientProbe {
    /// `None` when this computer's registry could not be read at all (the server side's
    /// failure says why).
    pub(crate) keepconn: Option<Result<Option<u32>, Failure>>,
    pub(crate) os: Option<OsVersion>,
    pub(crate) elevated: Option<bool>,
    pub(crate) linked_connections: Option<bool>,
    pub(crate) restore_connection: Option<Option<u32>>,
    pub(crate) wait_for_network: Option<bool>,
    /// Group Policy Preferences drive maps, or why they were not read.
    pub(crate) gpp: Result<Vec<GppDrive>, String>,
}

/// What `doctor` reads about this computer (or the `--computer` target) and this client.
#[derive(Debug)]
pub(crate) struct DoctorProbes {
    pub(crate) host: HostIdentity,
    /// `net config server` of this computer (`None` with `--computer`).
    pub(crate) net_server: Option<Result<LiveConfig, Failure>>,
    /// The server's registry values and Windows version.
    pub(crate) server: Result<ServerIdle, Failure>,
    /// This computer as a client (`None` with `--computer`).
    pub(crate) client: Option<ClientProbe>,
    /// This computer's security policy (`None` with `--computer`).
    pub(crate) policy: Option<PolicyCheck>,
    /// What an MDM set for the security option, as PolicyManager records it.
    pub(crate) mdm_minutes: Option<u32>,
    /// This user's connections and this computer's shares (`None` with `--computer`).
    pub(crate) net_use: Option<Result<LiveList<NetUse>, Failure>>,
    pub(crate) net_share: Option<Result<LiveList<NetShare>, Failure>>,
    /// `net statistics server`, read after `net share` when this computer shares folders
    /// (`None` otherwise, and with `--computer`).
    pub(crate) server_statistics: Option<Result<LiveList<NetStatistics>, Failure>>,
    /// The SMB client's events and the context logs of the last week (`None` with
    /// `--computer`).
    pub(crate) events: Option<Result<EventReading, Failure>>,
}

impl Machine {
    /// Everything doctor reads before it knows the drives, at once: `net config server`,
    /// `net use`, `net share`, secedit, and this computer's registry keys (or the `--computer`
    /// target's two keys), each with its own deadline.
    pub(crate) fn doctor_probes(&self, computer: Option<&Host>) -> DoctorProbes {
        let local = computer.is_none();
        std::thread::scope(|scope| {
            let net = local.then(|| scope.spawn(|| self.net_config(Kind::Server)));
            let policy = local.then(|| scope.spawn(|| self.security_policy()));
            let net_use = local.then(|| scope.spawn(|| self.net_use()));
            // The server's session counters only matter where it shares folders: read them
            // after `net share`, on the same thread.
            let net_share = local.then(|| {
                scope.spawn(|| {
                    let shares = self.net_share();
                    let folders = shares.as_ref().is_ok_and(|list| {
                        list.parsed.list.shares.iter().any(|s| !s.administrative)
                    });
                    let statistics = folders.then(|| self.net_statistics(StatisticsKind::Server));
                    (shares, statistics)
                })
            });
            let events = local.then(|| scope.spawn(|| self.read_events(Since::DEFAULT)));
            let gpp = local.then(|| scope.spawn(logon::gpp_drive_maps));
            // The optional facts, one read each: a key that is missing or unreadable makes its
            // fact unknown and fails nothing else.
            let context: Vec<_> = if local {
                CONTEXT_KEYS
                    .iter()
                    .map(|key| scope.spawn(move || self.reg_query(None, key).ok()))
                    .collect()
            } else {
                Vec::new()
            };
            let keys: &[&str] = if local {
                &[
                    Side::Server.parameters_key(),
                    CURRENT_VERSION_KEY,
                    Side::Client.parameters_key(),
                ]
            } else {
                &[Side::Server.parameters_key(), CURRENT_VERSION_KEY]
            };
            let read = self.read_keys(computer, keys);
            let context: Vec<Option<RegKey>> = context.into_iter().map(join).collect();
            let fact = |i: usize, name: &str| -> Option<Option<u32>> {
                context
                    .get(i)?
                    .as_ref()
                    .map(|k| k.dword(name).ok().flatten())
            };
            let (host, client, mdm_minutes) = match (&read, local) {
                (_, true) => {
                    let core = read.as_ref().ok();
                    let client = ClientProbe {
                        // `None` when the whole read failed: the failure is reported once, as
                        // the server's.
                        keepconn: core.map(|k| {
                            k[2].dword(stored::KEEPCONN.name)
                                .map_err(|wrong| Failure::wrongly_typed(wrong, Some("keepconn")))
                        }),
                        os: core.map(|k| OsVersion::from_key(&k[1])),
                        elevated: crate::sys::is_elevated(),
                        linked_connections: fact(2, "EnableLinkedConnections")
                            .map(|v| v == Some(1)),
                        restore_connection: fact(3, "RestoreConnection"),
                        wait_for_network: fact(4, "SyncForegroundPolicy").map(|v| v == Some(1)),
                        gpp: Err(String::new()),
                    };
                    let empty = RegKey::default();
                    let key = |i: usize| context.get(i).and_then(Option::as_ref).unwrap_or(&empty);
                    (
                        HostIdentity::from_keys(key(0), key(1)),
                        Some(client),
                        fact(5, AUTODISCONNECT_CSP_POLICY).flatten(),
                    )
                }
                (_, false) => (self.host_identity(), None, None),
            };
            let mut client = client;
            if let (Some(client), Some(gpp)) = (client.as_mut(), gpp) {
                client.gpp = join(gpp);
            }
            let server = read.and_then(|k| server_idle(&k[0], &k[1]));
            let host = HostIdentity {
                name: host.name.or_else(logon::computer_name_from_env),
                ..host
            };
            let (net_share, server_statistics) = match net_share.map(join) {
                Some((shares, statistics)) => (Some(shares), statistics),
                None => (None, None),
            };
            DoctorProbes {
                host,
                net_server: net.map(join),
                server,
                client,
                policy: policy.map(join),
                mdm_minutes,
                net_use: net_use.map(join),
                net_share,
                server_statistics,
                events: events.map(join),
            }
        })
    }

    /// This computer's name and DNS name (for `--computer` runs, which read nothing else here).
    fn host_identity(&self) -> HostIdentity {
        match self.read_keys(None, &[COMPUTER_NAME_KEY, TCPIP_KEY]) {
            Ok(k) => HostIdentity::from_keys(&k[0], &k[1]),
            Err(_) => HostIdentity::default(),
        }
    }

    /// Each file server's idle values and Windows version, from its registry, all at once:
    /// one read per server (both keys within one deadline), so an unreachable or hung server
    /// delays and fails nothing but its own result. Alongside, this user's SMB connections
    /// (`Get-SmbConnection`) when `dialects` is asked for.
    pub(crate) fn file_servers(&self, hosts: Vec<Host>, dialects: bool) -> FileServers {
        std::thread::scope(|scope| {
            let connections = dialects.then(|| scope.spawn(|| self.smb_connections()));
            let handles: Vec<_> = hosts
                .into_iter()
                .map(|host| {
                    scope.spawn(move || {
                        self.read_keys(
                            Some(&host),
                            &[Side::Server.parameters_key(), CURRENT_VERSION_KEY],
                        )
                        .and_then(|keys| server_idle(&keys[0], &keys[1]))
                    })
                })
                .collect();
            (
                handles.into_iter().map(join).collect(),
                connections.map(join),
            )
        })
    }

    /// `Get-SmbConnection` through Windows PowerShell, as JSON with the CIM class's property
    /// names (docs/windows.md#get-smbconnection).
    pub(crate) fn smb_connections(&self) -> Result<Vec<SmbConnection>, Failure> {
        let invocation = Invocation::read(
            Program::PowerShell,
            "listing the SMB connections",
            [
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "Get-SmbConnection | Select-Object ServerName,ShareName,Dialect,NumOpens | ConvertTo-Json -Compress",
            ],
        );
        let captured = self.run(&invocation)?;
        if captured.timed_out {
            return Err(Failure::TimedOut {
                program: "`Get-SmbConnection`".to_string(),
                seconds: self.timeout_seconds(),
            });
        }
        let text = decode::decode(&captured.stdout, Encoding::Auto, self.oem_code_page()).text;
        if captured.status != Some(0) {
            let said = self.decode(&captured);
            return Err(Failure::ProgramFailed {
                program: "`Get-SmbConnection`".to_string(),
                status: super::status_text(&captured),
                detail: super::first_line(&said),
            });
        }
        parse_smb_connections(&text).ok_or_else(|| {
            Failure::NotUnderstood(
                "`Get-SmbConnection` printed no JSON lanman can read".to_string(),
            )
        })
    }

    /// Whether security policy defines `setting`'s value, for `set` and `reset`: this
    /// computer's policy only (another computer's cannot be read from here).
    pub(crate) fn policy_value(&self, path: &str) -> Result<Option<u32>, String> {
        match self.security_policy() {
            PolicyCheck::Checked(template) => Ok(template.dword(path)),
            PolicyCheck::NotChecked(why) => Err(why),
        }
    }
}

/// A server's values and Windows version from its two keys; a wrongly typed value is a
/// failure that says how to repair it.
fn server_idle(parameters: &RegKey, version: &RegKey) -> Result<ServerIdle, Failure> {
    ServerIdle::from_keys(parameters, version).map_err(|wrong| {
        // Only autodisconnect has a `set` and `reset` that repair it.
        let setting = wrong
            .name
            .eq_ignore_ascii_case(stored::AUTODISCONNECT.name)
            .then_some(AUTODISCONNECT.name);
        Failure::wrongly_typed(wrong, setting)
    })
}

/// The names the drives use, grouped by server: by the pure rule of
/// `parse::server_names` (the same first DNS label, `FS01` and `fs01.example.test`), and an
/// address with the names that resolve to it (docs/windows.md#server-names). Names are only
/// resolved when an address is among them, each on a thread of its own that is not waited for
/// past `timeout`.
pub(crate) fn group_server_names(names: &[String], timeout: Duration) -> Vec<Vec<String>> {
    let groups = server_names::group_names(names);
    let is_address = |n: &str| server_names::address(n).is_some();
    if !names.iter().any(|n| is_address(n)) {
        return groups;
    }
    // Resolve every group that has a name, in parallel; a resolver that hangs is left behind.
    let jobs: Vec<_> = groups
        .iter()
        .map(|group| {
            let name = group.iter().find(|n| !is_address(n)).cloned();
            move || -> Vec<IpAddr> {
                name.and_then(|name| (name.as_str(), 445).to_socket_addrs().ok())
                    .map(|it| it.map(|a| a.ip()).collect())
                    .unwrap_or_default()
            }
        })
        .collect();
    let resolved = answers_within(jobs, timeout);
    // Move each lone address into the group whose name resolves to it.
    let mut merged: Vec<Vec<String>> = groups.clone();
    for (i, group) in groups.iter().enumerate() {
        let [name] = group.as_slice() else { continue };
        let Some(address) = server_names::address(name) else {
            continue;
        };
        if let Some(target) = resolved
            .iter()
            .enumerate()
            .position(|(j, ips)| j != i && ips.as_ref().is_some_and(|ips| ips.contains(&address)))
        {
            merged[target].push(name.clone());
            merged[i].clear();
        }
    }
    merged.retain(|g| !g.is_empty());
    merged
}

fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_short_and_a_dns_name_are_one_server() {
        let groups = group_server_names(
            &names(&["FS01", "fs01.example.test", "FS02", "fs01"]),
            Duration::from_secs(1),
        );
        assert_eq!(
            groups,
            vec![names(&["FS01", "fs01.example.test"]), names(&["FS02"])]
        );
    }

    #[test]
    fn an_address_joins_the_name_that_resolves_to_it() {
        let groups =
            group_server_names(&names(&["localhost", "127.0.0.1"]), Duration::from_secs(10));
        assert_eq!(groups, vec![names(&["localhost", "127.0.0.1"])]);
    }
}
