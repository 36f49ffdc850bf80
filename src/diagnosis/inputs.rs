//! From what was read to what is diagnosed, where that takes a rule rather than a reading:
//! which connection a user asked about, which names are file servers to probe, which server
//! and SMB connection each drive belongs to, and what a failed read means for the advice.
//! Pure: the machine layer reads, `cmd::doctor` composes.

use super::{Dfs, DriveInput, ServerProbe, Unread, UnreadKind};
use crate::error::Failure;
use crate::parse::smb_connection::SmbConnection;
use crate::parse::{Connection, Network, server_share};

/// The connection `asked` names (`Z:` or `\\server\share`, as `net use` lists it, without
/// case), or a one-line reason naming the connections there are.
pub(crate) fn asked_connections(
    connections: Vec<Connection>,
    asked: &str,
) -> Result<Vec<Connection>, String> {
    let (one, others): (Vec<Connection>, Vec<Connection>) =
        connections.into_iter().partition(|c| is_asked(c, asked));
    if !one.is_empty() {
        return Ok(one);
    }
    let listed: Vec<String> = others
        .iter()
        .map(|c| c.local.clone().unwrap_or_else(|| c.remote.clone()))
        .collect();
    Err(format!(
        "{asked} is not one of this user's connections (net use lists {})",
        if listed.is_empty() {
            "none".to_string()
        } else {
            listed.join(", ")
        }
    ))
}

fn is_asked(c: &Connection, asked: &str) -> bool {
    c.local
        .as_deref()
        .is_some_and(|l| l.eq_ignore_ascii_case(asked))
        || c.remote
            .trim_end_matches('\\')
            .eq_ignore_ascii_case(asked.trim_end_matches('\\'))
}

/// Whether `name` is one of the domain names a domain-based DFS namespace is reached by.
fn is_domain(domains: &[String], name: &str) -> bool {
    domains.iter().any(|d| d.eq_ignore_ascii_case(name))
}

/// The target the DFS client uses for each domain DFS path it answered for: (the path as
/// `net use` lists it, the target as `\\server\share`).
pub(crate) type DfsTargets = [(String, String)];

/// The remotes of the SMB connections that are domain DFS paths, each once: their server is a
/// domain name, so they name a namespace, not a file server (docs/windows.md#dfs).
pub(crate) fn dfs_paths(connections: &[Connection], domains: &[String]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for c in connections.iter().filter(|c| is_namespace(c, domains)) {
        if !paths.iter().any(|p| p.eq_ignore_ascii_case(&c.remote)) {
            paths.push(c.remote.clone());
        }
    }
    paths
}

fn is_namespace(c: &Connection, domains: &[String]) -> bool {
    c.network == Network::Smb
        && c.server
            .as_deref()
            .is_some_and(|server| is_domain(domains, server))
}

/// The file server and share a connection reaches: its own for a plain share, the DFS
/// client's target for a domain DFS path (`None` when the client did not say), `None` for a
/// connection that is not SMB.
fn reached(
    c: &Connection,
    domains: &[String],
    targets: &DfsTargets,
) -> Option<(String, Option<String>)> {
    if c.network != Network::Smb {
        return None;
    }
    if is_namespace(c, domains) {
        let (_, target) = targets
            .iter()
            .find(|(path, _)| path.eq_ignore_ascii_case(&c.remote))?;
        let (server, share) = server_share(target);
        return server.map(|server| (server, share));
    }
    c.server.clone().map(|server| (server, c.share.clone()))
}

/// The file servers the SMB connections reach, each name once (without case), in order: a
/// domain DFS path counts by its target, or not at all when the DFS client did not say.
pub(crate) fn file_server_names(
    connections: &[Connection],
    domains: &[String],
    targets: &DfsTargets,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (server, _) in connections
        .iter()
        .filter_map(|c| reached(c, domains, targets))
    {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&server)) {
            names.push(server);
        }
    }
    names
}

/// Each connection with its file server (an index in `servers`), whether it is a domain DFS
/// namespace and its target, and the dialect and open files `Get-SmbConnection` showed for the
/// server and share it reaches.
pub(crate) fn drive_inputs(
    connections: Vec<Connection>,
    servers: &[ServerProbe],
    smb: &[SmbConnection],
    domains: &[String],
    targets: &DfsTargets,
) -> Vec<DriveInput> {
    connections
        .into_iter()
        .map(|connection| {
            let dfs = if is_namespace(&connection, domains) {
                Dfs::Namespace {
                    target: targets
                        .iter()
                        .find(|(path, _)| path.eq_ignore_ascii_case(&connection.remote))
                        .map(|(_, target)| target.clone()),
                }
            } else {
                Dfs::No
            };
            let reached = reached(&connection, domains, targets);
            let index = reached.as_ref().and_then(|(server, _)| {
                servers
                    .iter()
                    .position(|s| s.names.iter().any(|n| n.eq_ignore_ascii_case(server)))
            });
            let seen = index.zip(reached.as_ref()).and_then(|(i, (_, share))| {
                smb.iter().find(|s| {
                    servers[i]
                        .names
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(&s.server))
                        && share
                            .as_deref()
                            .is_some_and(|share| share.eq_ignore_ascii_case(&s.share))
                })
            });
            DriveInput {
                server: index,
                dfs,
                dialect: seen.and_then(|s| s.dialect.clone()),
                open_files: seen.and_then(|s| s.open_files),
                connection,
            }
        })
        .collect()
}

impl Unread {
    /// What a failed read means for the advice (docs/windows.md#remote-read-failures), by the
    /// failure's kind, which the registry layer takes from the Windows error number, so it
    /// reads the same in every display language (docs/windows.md#win32-errors).
    pub(crate) fn from_failure(failure: &Failure) -> Unread {
        let kind = match failure {
            Failure::AccessDenied { .. } => UnreadKind::AccessDenied,
            Failure::RemoteCredentials { .. } => UnreadKind::Credentials,
            Failure::RemoteUnreachable { .. } => UnreadKind::Unreachable,
            Failure::TimedOut { .. } => UnreadKind::TimedOut,
            Failure::WronglyTyped(_) => UnreadKind::WronglyTyped,
            _ => UnreadKind::Other,
        };
        Unread {
            kind,
            message: failure.to_string(),
        }
    }

    /// A read that did not happen or failed for a reason of lanman's own.
    pub(crate) fn other(message: String) -> Unread {
        Unread {
            kind: UnreadKind::Other,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_net_use;

    const LIST: &str = "New connections will be remembered.\r\n\r\n\
Status       Local     Remote                    Network\r\n\
-------------------------------------------------------------------------------\r\n\
OK           Z:        \\\\fs01\\data                Microsoft Windows Network\r\n\
OK           Y:        \\\\FS01.corp.example\\home   Microsoft Windows Network\r\n\
OK           X:        \\\\corp.example\\dfs\\team    Microsoft Windows Network\r\n\
OK                     \\\\nas\\media                Microsoft Windows Network\r\n\
The command completed successfully.\r\n";

    fn connections() -> Vec<Connection> {
        parse_net_use(LIST).unwrap().list.connections
    }

    fn domains() -> Vec<String> {
        vec!["CORP.EXAMPLE".to_string()]
    }

    #[test]
    fn a_drive_is_asked_by_letter_or_by_path_without_case() {
        let z = asked_connections(connections(), "z:").unwrap();
        assert_eq!(z.len(), 1);
        assert_eq!(z[0].local.as_deref(), Some("Z:"));
        let nas = asked_connections(connections(), "\\\\NAS\\media\\").unwrap();
        assert_eq!(nas[0].remote, "\\\\nas\\media");
    }

    #[test]
    fn an_unknown_drive_is_refused_naming_the_connections_there_are() {
        assert_eq!(
            asked_connections(connections(), "Q:").unwrap_err(),
            "Q: is not one of this user's connections (net use lists Z:, Y:, X:, \\\\nas\\media)"
        );
        assert_eq!(
            asked_connections(Vec::new(), "Q:").unwrap_err(),
            "Q: is not one of this user's connections (net use lists none)"
        );
    }

    #[test]
    fn file_servers_are_named_once_and_a_domain_namespace_is_not_one() {
        assert_eq!(
            file_server_names(&connections(), &domains(), &[]),
            ["fs01", "FS01.corp.example", "nas"]
        );
        assert_eq!(
            dfs_paths(&connections(), &domains()),
            [r"\\corp.example\dfs\team"]
        );
    }

    #[test]
    fn a_dfs_path_counts_by_the_target_the_client_uses() {
        let targets = [(
            r"\\CORP.EXAMPLE\dfs\team".to_string(),
            r"\\fs03\team$".to_string(),
        )];
        assert_eq!(
            file_server_names(&connections(), &domains(), &targets),
            ["fs01", "FS01.corp.example", "fs03", "nas"]
        );
        let servers = [ServerProbe {
            name: "fs03".to_string(),
            names: vec!["fs03".to_string()],
            values: Err(Unread::other("not read".to_string())),
        }];
        let smb = [SmbConnection {
            server: "FS03".to_string(),
            share: "team$".to_string(),
            dialect: Some("3.0.2".to_string()),
            open_files: Some(0),
        }];
        let x = drive_inputs(connections(), &servers, &smb, &domains(), &targets).remove(2);
        assert_eq!(x.server, Some(0));
        assert_eq!(
            x.dfs,
            Dfs::Namespace {
                target: Some(r"\\fs03\team$".to_string())
            }
        );
        assert_eq!(x.dialect.as_deref(), Some("3.0.2"));
    }

    #[test]
    fn each_drive_finds_its_server_by_any_of_its_names_and_its_dialect_by_share() {
        let probe = |names: &[&str]| ServerProbe {
            name: names[0].to_string(),
            names: names.iter().map(|n| n.to_string()).collect(),
            values: Err(Unread::other("not read".to_string())),
        };
        let servers = [probe(&["fs01", "FS01.corp.example"]), probe(&["nas"])];
        let smb = [SmbConnection {
            server: "FS01".to_string(),
            share: "HOME".to_string(),
            dialect: Some("3.1.1".to_string()),
            open_files: Some(2),
        }];
        let drives = drive_inputs(connections(), &servers, &smb, &domains(), &[]);
        let found: Vec<_> = drives
            .iter()
            .map(|d| (d.server, d.dfs.clone(), d.dialect.as_deref(), d.open_files))
            .collect();
        assert_eq!(
            found,
            [
                (Some(0), Dfs::No, None, None),
                (Some(0), Dfs::No, Some("3.1.1"), Some(2)),
                (None, Dfs::Namespace { target: None }, None, None),
                (Some(1), Dfs::No, None, None),
            ]
        );
    }

    #[test]
    fn a_server_that_refuses_the_credentials_is_said_so_not_other() {
        for code in [1326, 1219] {
            let refused = Failure::RemoteCredentials {
                host: "FS01".to_string(),
                code,
            };
            assert_eq!(Unread::from_failure(&refused).kind, UnreadKind::Credentials);
        }
    }
}
