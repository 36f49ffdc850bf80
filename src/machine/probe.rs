//! Several reads at once. Each probe runs on its own thread and each child process it starts
//! has its own deadline (`--timeout` from when that child started), so a slow probe delays
//! nothing but itself and never turns a finished probe into a timeout.

use super::Machine;
use super::net::{LiveConfig, LiveList};
use super::policy::PolicyCheck;
use super::registry::CURRENT_VERSION_KEY;
use crate::error::Failure;
use crate::parse::os_version::OsVersion;
use crate::parse::reg::RegKey;
use crate::parse::{Kind, NetShare, NetUse};
use crate::settings::catalogue::stored;
use crate::settings::{Host, Side};

/// What `doctor` reads about one server and this client.
#[derive(Debug)]
pub(crate) struct IdleProbes {
    /// `net config server` of this computer (`None` when the server is another computer).
    pub(crate) net_server: Option<Result<LiveConfig, Failure>>,
    /// The server's `LanmanServer\Parameters`.
    pub(crate) server_key: Result<RegKey, Failure>,
    /// This computer's `LanmanWorkstation\Parameters`.
    pub(crate) client_key: Result<RegKey, Failure>,
    /// The server's Windows version.
    pub(crate) os: Result<OsVersion, Failure>,
    /// This computer's security policy (`None` when the server is another computer).
    pub(crate) policy: Option<PolicyCheck>,
    /// This user's connections and this computer's shares (`None` with another server).
    pub(crate) net_use: Option<Result<LiveList<NetUse>, Failure>>,
    pub(crate) net_share: Option<Result<LiveList<NetShare>, Failure>>,
}

/// A file server's idle values and Windows version, from its registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ServerIdle {
    pub(crate) autodisconnect: Option<u32>,
    pub(crate) v2: Option<u32>,
    pub(crate) os: OsVersion,
}

impl Machine {
    /// The idle-disconnect values of `server` (this computer when `None`) and of this client,
    /// the server's Windows version and this computer's security policy, read concurrently.
    pub(crate) fn idle_probes(&self, server: Option<&Host>) -> IdleProbes {
        std::thread::scope(|scope| {
            let local = server.is_none();
            let net = local.then(|| scope.spawn(|| self.net_config(Kind::Server)));
            let policy = local.then(|| scope.spawn(|| self.security_policy()));
            let server_key = scope.spawn(|| self.reg_query(server, Side::Server.parameters_key()));
            let client_key = scope.spawn(|| self.reg_query(None, Side::Client.parameters_key()));
            let os = scope.spawn(|| self.os_version(server));
            let net_use = local.then(|| scope.spawn(|| self.net_use()));
            let net_share = local.then(|| scope.spawn(|| self.net_share()));
            IdleProbes {
                net_server: net.map(join),
                server_key: join(server_key),
                client_key: join(client_key),
                os: join(os),
                policy: policy.map(join),
                net_use: net_use.map(join),
                net_share: net_share.map(join),
            }
        })
    }

    /// The idle values of each server, read from its registry at once: one probe per server,
    /// so an unreachable or hung server delays and fails nothing but its own result.
    pub(crate) fn servers_idle(
        &self,
        hosts: Vec<Host>,
    ) -> Vec<(Host, Result<ServerIdle, Failure>)> {
        std::thread::scope(|scope| {
            let handles: Vec<_> = hosts
                .into_iter()
                .map(|host| {
                    scope.spawn(move || {
                        let read = self
                            .read_keys(
                                Some(&host),
                                &[Side::Server.parameters_key(), CURRENT_VERSION_KEY],
                            )
                            .and_then(|keys| server_idle(&keys[0], &keys[1]));
                        (host, read)
                    })
                })
                .collect();
            handles.into_iter().map(join).collect()
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

/// `autodisconnect` and `AutoDisconnectTimeoutV2` from a server's parameters key, and its
/// Windows version.
fn server_idle(key: &RegKey, version: &RegKey) -> Result<ServerIdle, Failure> {
    let dword = |name: &str| {
        key.dword(name)
            .map_err(|wrong| Failure::wrongly_typed(wrong, None))
    };
    Ok(ServerIdle {
        autodisconnect: dword(stored::AUTODISCONNECT.name)?,
        v2: dword(stored::AUTODISCONNECT_V2.name)?,
        os: OsVersion::from_key(version),
    })
}

fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
