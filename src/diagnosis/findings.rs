//! One function per finding: each looks at the readings and says something, or nothing.
//! Every sentence is in docs/windows.md with its source; a finding says how sure it is, and a
//! fix is offered only where it is documented to work on that build (never next to a
//! sentence that says it may not).

use super::drives::{Limit, drive_limit, limit_sentence, own_minutes, server_limit, unread_words};
use super::{
    About, ClientReadings, Dfs, Drive, Evidence, Finding, GppCheck, LimitedBy, Policy, Readings,
    ServerKind, ServerSide, Service, Severity, Source, UnreadKind, V2_CAP_SECONDS, drive_name,
    duration, kb297684_applies, minutes, registry_minutes, shares_folders,
};
use crate::parse::gpp_drives::GppAction;
use crate::parse::server_names::same_or_short_name;
use crate::parse::{Network, Status};
use crate::settings::KeepConn;

/// The longest KeepConn Windows documents.
const KEEPCONN_MAX: u32 = 65_535;

const KB297684: &str =
    "KB 297684 (Microsoft Learn; applies to Windows 7 SP1 and Windows Server 2012 R2)";
const POLICY_PAGE: &str = "security policy setting \"Microsoft network server: Amount of idle time required before suspending session\"";
const V2_SOURCE: &str = "Set-SmbServerConfiguration, Windows Server 2025 help (-AutoDisconnectTimeoutInSecondsV2); a decompiled srv2.sys listing (the registry value and the 900 s cap); docs/windows.md#smb2-idle";
/// The advice for a server whose values cannot be read from here.
const RUN_THERE: &str =
    "run `lanman doctor` on it instead, whose JSON the fleet report (`lanman report`) can merge";

fn finding(
    severity: Severity,
    evidence: Evidence,
    source: &'static str,
    message: String,
) -> Finding {
    Finding {
        severity,
        message,
        fix: None,
        run_on: None,
        evidence,
        source,
        drives: Vec::new(),
        // The client side unless the finding says otherwise; `all` marks this computer's
        // server side.
        about: About::client(),
    }
}

/// Every finding, most important first.
pub(super) fn all(
    readings: &Readings,
    server: &ServerSide,
    drives: &[Drive],
    keepconn: Option<u32>,
    client_build: Option<u32>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(client) = &readings.client {
        found.extend(elevated_session(client));
        found.extend(replaced_by_group_policy(readings, drives));
        found.extend(drive_servers(readings, drives, client_build));
        found.extend(keepconn_for_drives(
            readings,
            drives,
            keepconn,
            client_build,
        ));
        found.extend(unread_servers(readings, drives));
        found.extend(not_windows_servers(readings, drives));
        found.extend(dfs_namespaces(readings, drives));
        found.extend(not_restored_at_logon(client, drives));
        found.extend(disconnected(drives));
        found.extend(paused(drives));
        found.extend(credential_conflicts(readings, drives));
        found.extend(drive_events(drives));
        found.extend(several_names(readings));
        found.extend(dialects_unread(readings, drives));
        found.extend(open_files(drives));
        found.extend(keepconn_out_of_range(keepconn));
        if !drives.is_empty() {
            found.extend(gpp_not_checked(client));
        }
    }
    // `doctor Z:` asks about one drive: this computer as a server is not part of its answer.
    if readings.asked.is_none() {
        found.extend(
            own_side(readings, server, drives)
                .into_iter()
                .map(|f| Finding {
                    about: About::server(readings.computer.clone()),
                    ..f
                }),
        );
    }
    found
}

// ---- This computer as a client -------------------------------------------------------------

/// An elevated prompt sees the elevated session's drives (docs/windows.md#elevation).
fn elevated_session(client: &ClientReadings) -> Option<Finding> {
    if client.elevated != Some(true) {
        return None;
    }
    let linked = match client.linked_connections {
        Some(true) => {
            "EnableLinkedConnections is 1 here, so Windows links the two sessions' mapped drives."
        }
        Some(false) => {
            "EnableLinkedConnections is not set here, so drives mapped in your normal (not elevated) session are not listed."
        }
        None => "Whether EnableLinkedConnections links the two sessions could not be read.",
    };
    Some(finding(
        Severity::Info,
        Evidence::Documented,
        "KB 937624 (Microsoft; UAC and mapped drives); docs/windows.md#elevation",
        format!(
            "lanman runs elevated: the drives below are those of this elevated session.\n{linked}\nlanman reports this setting and does not recommend it: Microsoft attaches security cautions to it."
        ),
    ))
}

/// Drives that Group Policy Preferences re-create at every refresh.
fn replaced_by_group_policy(readings: &Readings, drives: &[Drive]) -> Option<Finding> {
    let names: Vec<String> = drives
        .iter()
        .filter(|d| super::drives::replaced_by_gpp(readings, d.local.as_deref()))
        .map(drive_name)
        .collect();
    let letters: Vec<String> = match readings.client.as_ref().map(|c| &c.gpp) {
        Some(GppCheck::Checked(items)) => items
            .iter()
            .filter(|i| i.action == GppAction::Replace)
            .filter_map(|i| i.letter.clone())
            .collect(),
        _ => Vec::new(),
    };
    if letters.is_empty() {
        return None;
    }
    let shown = if names.is_empty() {
        letters
    } else {
        names.clone()
    };
    Some(Finding {
        drives: names,
        ..finding(
            Severity::Warning,
            Evidence::Documented,
            "[MS-GPPREF] 2.2.1.4.1 (Replace deletes and re-creates the drive); docs/windows.md#gpp-drive-maps",
            format!(
                "Group Policy Preferences map {} with the action Replace: the drive is deleted and created again at every Group Policy refresh (in the background about every 90 minutes), which drops its connection much as an idle disconnect does.\nThe action Update changes only what the item sets and keeps an existing connection; change it in the GPO.",
                shown.join(", ")
            ),
        )
    })
}

/// Unavailable drives: never connected in this logon session, and what decides that.
fn not_restored_at_logon(client: &ClientReadings, drives: &[Drive]) -> Option<Finding> {
    let names: Vec<String> = drives
        .iter()
        .filter(|d| d.headline.cause == super::Cause::NotRestoredAtLogon)
        .map(drive_name)
        .collect();
    if names.is_empty() {
        return None;
    }
    let mut message = format!(
        "{} {} not connected in this logon session: Windows did not restore {} at logon. That is not an idle drop; usual causes are a network not ready at logon, a server that was down, and credentials.",
        names.join(", "),
        if names.len() == 1 { "is" } else { "are" },
        if names.len() == 1 { "it" } else { "them" }
    );
    match client.restore_connection {
        Some(Some(0)) => message.push_str(
            "\nRestoreConnection is 0 under NetworkProvider: Windows is set not to restore network drives at logon (reported, not documented by Microsoft).",
        ),
        Some(_) => {}
        None => message.push_str("\nRestoreConnection could not be read."),
    }
    match client.wait_for_network {
        Some(true) => message.push_str(
            "\nThe policy \"Always wait for the network at computer startup and logon\" is enabled here, so a network that was not ready is the less likely cause.",
        ),
        Some(false) => message.push_str(
            "\nThe policy \"Always wait for the network at computer startup and logon\" is not enabled here; Microsoft gives it as a workaround when drives fail to reconnect at logon (KB 4471218, Windows 10 1809).",
        ),
        None => {}
    }
    Some(Finding {
        drives: names,
        ..finding(
            Severity::Info,
            Evidence::Reported,
            "KB 4471218 (Windows 10 1809); docs/windows.md#mapped-drive-states, #logon-restore",
            message,
        )
    })
}

/// Disconnected drives: how an idle drop looks.
fn disconnected(drives: &[Drive]) -> Option<Finding> {
    let names: Vec<String> = drives
        .iter()
        .filter(|d| d.status == Status::Disconnected && d.network == Network::Smb)
        .map(drive_name)
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(Finding {
        drives: names.clone(),
        ..finding(
            Severity::Info,
            Evidence::Documented,
            "KB 297684 (a mapped drive reconnects when accessed); docs/windows.md#mapped-drive-states",
            format!(
                "{} {} Disconnected: that is how an idle drop looks, and Windows reconnects on the next access.",
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" }
            ),
        )
    })
}

/// `Paused` in `net use`: the local workstation paused the connection (USE_PAUSED), which is
/// no idle drop (docs/windows.md#paused-offline-vpn).
fn paused(drives: &[Drive]) -> Option<Finding> {
    let names: Vec<String> = drives
        .iter()
        .filter(|d| d.status_text.trim().eq_ignore_ascii_case("paused"))
        .map(drive_name)
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(Finding {
        drives: names.clone(),
        ..finding(
            Severity::Info,
            Evidence::Inferred,
            "NetUseEnum's USE_INFO_2 (USE_PAUSED: paused by the local workstation); docs/windows.md#paused-offline-vpn",
            format!(
                "{} {} Paused: this computer paused the connection itself, which is not an idle drop on the server.\nWhat pauses a connection (Offline Files working offline, say) is not documented: Sync Center shows whether Offline Files works offline.",
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" }
            ),
        )
    })
}

/// NTSTATUS `STATUS_NETWORK_CREDENTIAL_CONFLICT` in the SMB client's events of a drive's
/// server: the conflict `net use` reports as System error 1219
/// (docs/windows.md#paused-offline-vpn).
const CREDENTIAL_CONFLICT: &str = "0xC0000195";

fn credential_conflicts(readings: &Readings, drives: &[Drive]) -> Vec<Finding> {
    let Some(Ok(events)) = &readings.events else {
        return Vec::new();
    };
    let mut found: Vec<Finding> = Vec::new();
    let mut servers: Vec<String> = Vec::new();
    for event in events
        .iter()
        .rev()
        .filter(|e| e.kind.is_smb() && e.status.as_deref() == Some(CREDENTIAL_CONFLICT))
    {
        let Some(server) = event.server.as_deref() else {
            continue;
        };
        if servers.iter().any(|s| same_or_short_name(s, server)) {
            continue;
        }
        servers.push(server.to_string());
        let names: Vec<String> = drives
            .iter()
            .filter(|d| {
                d.server
                    .as_deref()
                    .is_some_and(|s| same_or_short_name(s, server))
            })
            .map(drive_name)
            .collect();
        found.push(Finding {
            drives: names,
            ..finding(
                Severity::Warning,
                Evidence::Inferred,
                "MS-ERREF 2.3.1 (STATUS_NETWORK_CREDENTIAL_CONFLICT); the SMB client's event log; docs/windows.md#paused-offline-vpn",
                format!(
                    "The SMB client logged a credential conflict with {} at {} (status {CREDENTIAL_CONFLICT}, STATUS_NETWORK_CREDENTIAL_CONFLICT): a connection under another user name already exists, which `net use` reports as System error 1219.\nA drive to that server then cannot connect, which is not an idle drop: every connection to one server must use one user name (`net use` lists them).",
                    crate::text::visible(server),
                    super::timeline::time_text(event.time),
                ),
            )
        });
    }
    found
}

/// Each drive's last loss in the SMB client's event log, with the sleep, resume or network
/// event close to it (docs/windows.md#non-idle-drops).
fn drive_events(drives: &[Drive]) -> Option<Finding> {
    let lost: Vec<(&Drive, &super::DriveEvents)> = drives
        .iter()
        .filter_map(|d| d.events.as_ref().map(|e| (d, e)))
        .filter(|(_, e)| e.line.is_some())
        .collect();
    if lost.is_empty() {
        return None;
    }
    let mut lines = vec![
        "The SMB client's event log (the last week) shows when each drive's connection was last lost:"
            .to_string(),
    ];
    lines.extend(
        lost.iter()
            .filter_map(|(d, e)| e.line.as_ref().map(|l| format!("{} {l}.", drive_name(d)))),
    );
    let near = lost
        .iter()
        .any(|(_, e)| e.last_loss.as_ref().is_some_and(|l| l.near.is_some()));
    if near {
        lines.push(
            "A loss close to sleep, a resume or a network change (a VPN coming up or down, say) is not an idle drop: those drop SMB connections whatever the idle settings."
                .to_string(),
        );
    }
    lines.push(
        "The log says when the client noticed a loss, not why; whether an idle drop is logged at once or at the next access is not known."
            .to_string(),
    );
    Some(Finding {
        drives: lost.iter().map(|(d, _)| drive_name(d)).collect(),
        ..finding(
            Severity::Info,
            Evidence::Reported,
            "the SMB client's connectivity events and the System and NetworkProfile events, as the providers' manifests name them (docs/windows.md#smb-client-events, #non-idle-drops)",
            lines.join("\n"),
        )
    })
}

/// This computer as a file server: its session counters, as corroboration only
/// (docs/windows.md#net-statistics).
fn server_statistics(server: &ServerSide) -> Option<Finding> {
    let stats = server.statistics.as_ref()?;
    let count = |v: Option<u64>| v.map_or("?".to_string(), |v| v.to_string());
    let since = stats
        .since
        .as_deref()
        .map(|s| format!(" since {}", crate::text::visible(s)))
        .unwrap_or_default();
    Some(finding(
        Severity::Info,
        Evidence::Inferred,
        "net statistics server; MS-CIFS 3.3.6.2, MS-SMB2 3.3.6.3 and the Server performance counters' help (what the counters count); docs/windows.md#net-statistics",
        format!(
            "This computer's server statistics{since}: Sessions timed-out {}, Sessions errored-out {}.\nThat is corroboration, never proof: under SMB1 Sessions timed-out counts sessions the idle timer ended, under SMB2/3 sessions whose Kerberos ticket expired, and Sessions errored-out also counts normal idle disconnects. Only the change between two readings means anything (lanman watch sessions measures it).",
            count(stats.sessions_timed_out),
            count(stats.sessions_errored_out),
        ),
    ))
}

/// The drives of one probed server, by index.
fn drives_of(readings: &Readings, drives: &[Drive], index: usize) -> Vec<String> {
    readings
        .drives
        .iter()
        .flatten()
        .zip(drives)
        .filter(|(input, _)| input.server == Some(index))
        .map(|(_, drive)| drive_name(drive))
        .collect()
}

/// One line per server whose registry could not be read, with advice by the error.
fn unread_servers(readings: &Readings, drives: &[Drive]) -> Vec<Finding> {
    readings
        .servers
        .iter()
        .enumerate()
        .filter_map(|(i, probe)| {
            let unread = probe.values.as_ref().err()?;
            let names = drives_of(readings, drives, i);
            let server = &probe.name;
            let advice = match unread.kind {
                UnreadKind::AccessDenied => format!(
                    "An ordinary user may not read LanmanServer\\Parameters on a server: run lanman as an administrator of {server}, or {RUN_THERE}."
                ),
                UnreadKind::Unreachable => format!(
                    "The host is down, its Remote Registry service is stopped (the default on Windows clients), or a firewall blocks it; or {RUN_THERE}."
                ),
                UnreadKind::Credentials => format!(
                    "The credentials were refused: a failed logon, or a second connection to {server} under another user (error 1219); or {RUN_THERE}."
                ),
                UnreadKind::TimedOut | UnreadKind::WronglyTyped | UnreadKind::Other => {
                    format!("{}\nTry again, or {RUN_THERE}.", unread.message)
                }
            };
            Some(Finding {
                drives: names.clone(),
                about: About::server(Some(server.clone())),
                ..finding(
                    Severity::Warning,
                    Evidence::Inferred,
                    "docs/windows.md#remote-read-failures",
                    format!(
                        "{server} ({}): its settings could not be read ({}).\n{advice}",
                        names.join(", "),
                        unread_words(unread),
                    ),
                )
            })
        })
        .collect()
}

/// Servers whose registry answered as no Windows server would: Samba's `deadtime` decides.
fn not_windows_servers(readings: &Readings, drives: &[Drive]) -> Vec<Finding> {
    readings
        .servers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.values.as_ref().is_ok_and(|v| !v.looks_like_windows()))
        .map(|(i, probe)| {
            let names = drives_of(readings, drives, i);
            Finding {
                drives: names.clone(),
                about: About::server(Some(probe.name.clone())),
                ..finding(
                    Severity::Info,
                    Evidence::Reported,
                    "Samba's smb.conf documentation (deadtime); docs/windows.md#not-windows",
                    format!(
                        "{} ({}) answered its remote registry without LanmanServer\\Parameters and without a Windows build: it is not a Windows server (Samba on a NAS, say), and no Windows setting applies to it.\nOn Samba the idle limit is deadtime in smb.conf, in minutes, applied only when no files are open; 0 means never. Samba's documentation gives 0 as the default; recent Samba sources set 10080 (one week). `testparm -sv` on that server shows the value in use.",
                        probe.name,
                        names.join(", ")
                    ),
                )
            }
        })
        .collect()
}

/// DFS namespaces: the server that drops the session is the target in use.
fn dfs_namespaces(readings: &Readings, drives: &[Drive]) -> Vec<Finding> {
    readings
        .drives
        .iter()
        .flatten()
        .zip(drives)
        .filter_map(|(input, drive)| match &input.dfs {
            Dfs::No => None,
            Dfs::Namespace { target: Some(target) } => Some(Finding {
                drives: vec![drive_name(drive)],
                ..finding(
                    Severity::Info,
                    Evidence::Documented,
                    "NetDfsGetClientInfo (DFS_STORAGE_STATE_ACTIVE); docs/windows.md#dfs",
                    format!(
                        "{} ({}) is in a DFS namespace; the DFS client uses the target {target}, whose server's values apply.",
                        drive_name(drive),
                        drive.remote
                    ),
                )
            }),
            Dfs::Namespace { target: None } => Some(Finding {
                drives: vec![drive_name(drive)],
                ..finding(
                    Severity::Warning,
                    Evidence::Inferred,
                    "docs/windows.md#dfs",
                    format!(
                        "{} ({}) is in a domain DFS namespace: {} names the namespace, not the file server that holds the files and drops the session.\nWindows did not tell lanman which target is in use here; the DFS tab of the drive's properties in Explorer shows it, and `lanman doctor --computer SERVER` reads that server.",
                        drive_name(drive),
                        drive.remote,
                        drive.server.as_deref().unwrap_or("it")
                    ),
                )
            }),
        })
        .collect()
}

/// The fix for a Windows server's idle limit, where one is documented to work on its build:
/// (command, caveat sentences). `None` when there is nothing to lengthen or no such fix.
fn server_fix(
    limit: &Limit,
    v2: Option<u32>,
    minutes_set: Option<i64>,
    target: &str,
    remote: bool,
) -> Option<(String, String)> {
    match limit.by {
        LimitedBy::ServerAutodisconnectV2 => {
            let v2 = v2?;
            (v2 > 0 && v2 < V2_CAP_SECONDS).then(|| {
                (
                    format!("Set-SmbServerConfiguration -AutoDisconnectTimeoutInSecondsV2 {V2_CAP_SECONDS} -Force"),
                    format!(
                        "The fix is PowerShell, run on {target} as an administrator there{}. It is documented in the Windows Server 2025 help; the 900 s cap is reported, not documented, so no longer limit is known to work, and what 0 does there is not documented.",
                        if remote {
                            format!(" (or from here with -CimSession {target})")
                        } else {
                            String::new()
                        }
                    ),
                )
            })
        }
        LimitedBy::ServerAutodisconnect => {
            let m = minutes_set?;
            (m >= 0).then(|| {
                (
                    "lanman set autodisconnect -1".to_string(),
                    format!(
                        "-1 turns it off the way KB 297684 does, with net config server on {target}, which may switch off the Server service's auto-tuning (KB 138365).{}",
                        if remote {
                            format!(" For a number of minutes from here instead: lanman set autodisconnect 480 --via registry --computer {target}.")
                        } else {
                            " For a number of minutes instead, use --via registry.".to_string()
                        }
                    ),
                )
            })
        }
        LimitedBy::ClientKeepconn => None,
    }
}

/// What a server's build and values say about its SMB2/3 value, for the message.
fn v2_sentence(limit: &Limit, v2: Option<u32>, build: Option<u32>, server: &str) -> Option<String> {
    if !limit.split || limit.by != LimitedBy::ServerAutodisconnectV2 {
        return None;
    }
    let build = build.map_or(String::new(), |b| format!(" (build {b})"));
    let name = server;
    let server = capitalized(server);
    Some(match v2 {
        Some(0) => format!(
            "{server}{build} keeps a separate SMB2/3 idle value, AutoDisconnectTimeoutV2 = 0; what 0 means there is not documented (some read it as off), so lanman states no limit."
        ),
        Some(s) if s > V2_CAP_SECONDS => format!(
            "{server}{build} has AutoDisconnectTimeoutV2 = {}; a decompiled SMB2 server is reported to cap it at 900 s, so lanman counts 900 s, and no longer limit is known to be possible there.",
            duration(u64::from(s))
        ),
        Some(s) if s == V2_CAP_SECONDS => format!(
            "{server}{build} keeps a separate SMB2/3 idle value, AutoDisconnectTimeoutV2, which SMB2/3 sessions are reported to follow; autodisconnect (and -1) may govern SMB1 only there. 900 s is the reported cap: no longer limit is known to be possible there."
        ),
        Some(_) => format!(
            "{server}{build} keeps a separate SMB2/3 idle value, AutoDisconnectTimeoutV2, which SMB2/3 sessions are reported to follow; autodisconnect (and -1) may govern SMB1 only there."
        ),
        None => format!(
            "{server}{build} is a build that keeps a separate SMB2/3 idle value (AutoDisconnectTimeoutInSecondsV2), and it is not in its registry; autodisconnect (and -1) may govern SMB1 only there. `Get-SmbServerConfiguration` on {name} shows the value."
        ),
    })
}

/// What an autodisconnect of 0 means, where it is 0.
fn zero_sentence(limit: &Limit, minutes_set: Option<i64>) -> Option<String> {
    (minutes_set == Some(0)).then(|| match limit.by {
        LimitedBy::ServerAutodisconnect => "0 does not turn it off (KB 138365).".to_string(),
        _ => "Its autodisconnect is 0: 0 does not turn it off, and ends the SMB1 sessions it governs within seconds (KB 138365).".to_string(),
    })
}

/// `this computer` → `This computer`.
fn capitalized(text: &str) -> String {
    match text.strip_prefix("this computer") {
        Some(rest) => format!("This computer{rest}"),
        None => text.to_string(),
    }
}

/// For each Windows server the drives use: its limit, and where and how to change it.
fn drive_servers(readings: &Readings, drives: &[Drive], client_build: Option<u32>) -> Vec<Finding> {
    let inputs: Vec<_> = readings.drives.iter().flatten().collect();
    readings
        .servers
        .iter()
        .enumerate()
        .filter_map(|(i, probe)| {
            let values = probe.values.as_ref().ok().filter(|v| v.looks_like_windows())?;
            let names = drives_of(readings, drives, i);
            // The limit of this server's sessions (its first drive's dialect, if any).
            let input = inputs.iter().find(|d| d.server == Some(i))?;
            let limit = drive_limit(input, readings, None, client_build)?;
            let server = &probe.name;
            let (minutes_set, _) = registry_minutes(values.autodisconnect);
            let mut lines = vec![format!(
                "{server} ({}): {}",
                names.join(", "),
                limit_sentence(&limit, server)
            )];
            lines.extend(v2_sentence(&limit, values.v2, values.os.build, server));
            lines.extend(zero_sentence(&limit, Some(minutes_set)));
            lines.push(format!(
                "Its Group Policy cannot be checked from here: if a GPO sets the idle time on {server}, change it in the GPO, or {RUN_THERE}."
            ));
            let fix = server_fix(&limit, values.v2, Some(minutes_set), server, true);
            if let Some((_, caveat)) = &fix {
                lines.push(caveat.clone());
            }
            let (evidence, source) = match limit.by {
                LimitedBy::ServerAutodisconnectV2 => (limit.evidence, V2_SOURCE),
                _ => (
                    Evidence::Documented,
                    "KB 297684; KB 138365 (the value belongs on the computer that has the share); the security policy setting's page",
                ),
            };
            Some(Finding {
                severity: if limit.split && limit.by == LimitedBy::ServerAutodisconnectV2 {
                    Severity::Warning
                } else {
                    Severity::Info
                },
                message: lines.join("\n"),
                run_on: fix.as_ref().map(|_| server.clone()),
                fix: fix.map(|(command, _)| command),
                evidence,
                source,
                drives: names,
                about: About::server(Some(server.clone())),
            })
        })
        .collect()
}

/// This client's KeepConn, where it is shorter than a drive's server limit: the limit where
/// KB 297684 documents the rule, a disputed point elsewhere.
fn keepconn_for_drives(
    readings: &Readings,
    drives: &[Drive],
    keepconn: Option<u32>,
    client_build: Option<u32>,
) -> Option<Finding> {
    let k = keepconn.filter(|&k| k > 0)?;
    let shorter: Vec<String> = readings
        .drives
        .iter()
        .flatten()
        .zip(drives)
        .filter_map(|(input, drive)| {
            let limit = drive_limit(input, readings, None, client_build)?;
            (limit.never || limit.seconds.is_some_and(|s| u64::from(k) < s))
                .then(|| drive_name(drive))
        })
        .collect();
    if shorter.is_empty() {
        return None;
    }
    let build = client_build.map_or("a build lanman could not read".to_string(), |b| {
        format!("build {b}")
    });
    if kb297684_applies(client_build) {
        return Some(Finding {
            fix: (k != KEEPCONN_MAX).then(|| format!("lanman set keepconn {KEEPCONN_MAX}")),
            drives: shorter.clone(),
            ..finding(
                Severity::Info,
                Evidence::Documented,
                KB297684,
                format!(
                    "This client's KeepConn ({}) ends idle sessions of {} first: KB 297684 documents that a session ends after the shorter of the server's autodisconnect and the client's KeepConn, for Windows 7 SP1 and Windows Server 2012 R2, and this client is {build}.",
                    duration(u64::from(k)),
                    shorter.join(", ")
                ),
            )
        });
    }
    Some(Finding {
        drives: shorter.clone(),
        ..finding(
            Severity::Info,
            Evidence::Documented,
            "KB 297684 (Windows 7 SP1, Windows Server 2012 R2); \"CIFS and SMB Timeouts in Windows\" (Microsoft Open Specifications blog, 2013)",
            format!(
                "This client's KeepConn ({}) is shorter than the server's limit for {}.\nKB 297684 documents that the shorter of the two ends a session, for Windows 7 SP1 and Windows Server 2012 R2; Microsoft's Open Specifications blog (2013) says current clients no longer use KeepConn. This client is {build}, where the two disagree: lanman does not count KeepConn as the limit here and offers no change to it.",
                duration(u64::from(k)),
                shorter.join(", ")
            ),
        )
    })
}

/// One server reached by several names: read once.
fn several_names(readings: &Readings) -> Vec<Finding> {
    readings
        .servers
        .iter()
        .filter(|p| p.names.len() > 1)
        .map(|p| Finding {
            about: About::server(Some(p.name.clone())),
            ..finding(
                Severity::Info,
                Evidence::Inferred,
                "docs/windows.md#server-names",
                format!(
                    "{} are one server, reached by several names: read once, as {}.",
                    p.names.join(", "),
                    p.name
                ),
            )
        })
        .collect()
}

/// The dialects could not be read where they decide which value applies.
fn dialects_unread(readings: &Readings, drives: &[Drive]) -> Option<Finding> {
    let why = readings.dialects_unread.as_ref()?;
    let affected: Vec<String> = drives
        .iter()
        .filter(|d| d.limited_by == Some(LimitedBy::ServerAutodisconnectV2) && d.dialect.is_none())
        .map(drive_name)
        .collect();
    if affected.is_empty() {
        return None;
    }
    Some(Finding {
        drives: affected.clone(),
        ..finding(
            Severity::Info,
            Evidence::Inferred,
            "KB 4034314 (SMB1 not installed by default since Windows 10 1709); docs/windows.md#get-smbconnection",
            format!(
                "The SMB dialect of {} could not be read ({why}); lanman takes them for SMB2/3, since SMB1 is not installed by default on current Windows.",
                affected.join(", ")
            ),
        )
    })
}

/// Open files keep a session from being idle.
fn open_files(drives: &[Drive]) -> Option<Finding> {
    if !drives.iter().any(|d| d.effective_idle_seconds.is_some()) {
        return None;
    }
    let open: Vec<String> = drives
        .iter()
        .filter(|d| d.open_files.is_some_and(|n| n > 0))
        .map(|d| format!("{} ({})", drive_name(d), d.open_files.unwrap_or(0)))
        .collect();
    let now = if open.is_empty() {
        String::new()
    } else {
        format!("\nOpen files now: {}.", open.join(", "))
    };
    Some(finding(
        Severity::Info,
        Evidence::Inferred,
        "MS-CIFS 3.3.6.2 (SMB1); docs/windows.md#autodisconnect",
        format!(
            "A session with an open file is not idle: the SMB1 specification disconnects only sessions with no open files (MS-CIFS 3.3.6.2). That SMB2/3 servers do the same, and that an Explorer window on the drive keeps it open, is inferred.{now}"
        ),
    ))
}

/// KeepConn outside the documented 1..65535 seconds.
fn keepconn_out_of_range(keepconn: Option<u32>) -> Option<Finding> {
    let s = keepconn?;
    KeepConn::from_dword(s).is_none().then(|| Finding {
        fix: Some("lanman reset keepconn".to_string()),
        ..finding(
            Severity::Warning,
            Evidence::Documented,
            KB297684,
            format!(
                "KeepConn is {s}, outside 1..65535 seconds, the range KB 297684 documents; what Windows does with it is not documented."
            ),
        )
    })
}

fn gpp_not_checked(client: &ClientReadings) -> Option<Finding> {
    let GppCheck::NotChecked(why) = &client.gpp else {
        return None;
    };
    Some(finding(
        Severity::Info,
        Evidence::Inferred,
        "docs/windows.md#gpp-drive-maps",
        format!("Group Policy drive maps were not checked: {why}."),
    ))
}

// ---- This computer as a server, or the --computer target -----------------------------------

fn own_side(readings: &Readings, server: &ServerSide, drives: &[Drive]) -> Vec<Finding> {
    let mut found = Vec::new();
    let local = readings.computer.is_none();
    let label = readings
        .computer
        .clone()
        .unwrap_or_else(|| "this computer".to_string());
    if local && readings.server.service == Service::Stopped {
        found.push(finding(
            Severity::Info,
            Evidence::Inferred,
            "docs/windows.md#service-prompt",
            "The Server service is not running on this computer: it shares nothing now, so its own idle values affect no one's drive. The drives this computer maps are not affected."
                .to_string(),
        ));
        return found;
    }
    if let Err(unread) = &readings.server.values {
        if !local {
            found.push(finding(
                Severity::Warning,
                Evidence::Inferred,
                "docs/windows.md#remote-read-failures",
                format!(
                    "{label}'s settings could not be read ({}).\n{}",
                    unread_words(unread),
                    match unread.kind {
                        UnreadKind::AccessDenied => format!("Run lanman as an administrator of {label}, or {RUN_THERE}."),
                        UnreadKind::Unreachable => format!("The host is down, its Remote Registry service is stopped (the default on Windows clients), or a firewall blocks it; or {RUN_THERE}."),
                        _ => format!("Try again, or {RUN_THERE}."),
                    }
                ),
            ));
        }
        return found;
    }
    if server.kind == ServerKind::NotWindows {
        found.push(finding(
            Severity::Info,
            Evidence::Reported,
            "Samba's smb.conf documentation (deadtime); docs/windows.md#not-windows",
            format!(
                "{label} answered its remote registry without LanmanServer\\Parameters and without a Windows build: it is not a Windows server. On Samba the idle limit is deadtime in smb.conf (minutes; 0 = never)."
            ),
        ));
        return found;
    }
    if local && shares_folders(readings.server.shares.as_deref()) == Some(false) {
        let servers: Vec<String> = readings.servers.iter().map(|p| p.name.clone()).collect();
        let mut message = "This computer shares nothing but administrative shares (C$, ADMIN$, IPC$), so its own idle values affect no one's mapped drive.".to_string();
        if servers.is_empty() {
            message.push_str(
                "\nA mapped drive's limit is set on the server it points at: lanman doctor lists them when drives are mapped, and lanman doctor --computer SERVER reads one.",
            );
        } else {
            message.push_str(&format!(
                "\nThe servers that matter here: {}.",
                servers.join(", ")
            ));
        }
        found.push(finding(
            Severity::Info,
            Evidence::Inferred,
            "KB 138365 (the value belongs on the computer that has the share); docs/windows.md#net-share",
            message,
        ));
        return found;
    }
    found.extend(server_statistics(server));
    found.extend(policy_sets_it(readings));
    found.extend(mdm_sets_it(readings));
    found.extend(policy_not_checked(readings, &label));
    found.extend(sixteen_bit_display(readings));
    found.extend(registry_differs(readings));
    found.extend(above_the_net_range(server, &label));
    found.extend(own_limit(readings, server, &label));
    found.extend(other_idle_values(readings, &label));
    if local && !drives.iter().any(|d| d.network == Network::Smb) {
        found.push(finding(
            Severity::Info,
            Evidence::Documented,
            "KB 138365",
            "This computer's autodisconnect governs only sessions other computers open to its shares, never its own mapped drives.\nFor a mapped drive, read the server it points at: lanman doctor --computer SERVER."
                .to_string(),
        ));
    }
    found
}

/// Group Policy defines the value: a local change reverts.
fn policy_sets_it(readings: &Readings) -> Option<Finding> {
    let Policy::Checked(Some(m)) = readings.server.policy else {
        return None;
    };
    Some(finding(
        Severity::Warning,
        Evidence::Documented,
        "KB 277543 (Windows 2000 to 2003; that current Windows does the same is inferred); the security policy setting's page",
        format!(
            "Group Policy sets autodisconnect to {} on this computer.\nSecurity policy is applied again every 16 hours, plus a random delay of up to 30 minutes, even when it has not changed, so a local change reverts. Change it in the GPO (`lanman export --format inf` prints the line).",
            minutes(i64::from(m))
        ),
    ))
}

/// An MDM's record of the same security option (docs/windows.md#mdm).
fn mdm_sets_it(readings: &Readings) -> Option<Finding> {
    let m = readings.server.mdm_minutes?;
    Some(finding(
        Severity::Warning,
        Evidence::Reported,
        "Policy CSP LocalPoliciesSecurityOptions/MicrosoftNetworkServer_AmountOfIdleTimeRequiredBeforeSuspendingSession; PolicyManager's record in the registry; docs/windows.md#mdm",
        format!(
            "An MDM (Intune, say) set the same security option to {} through the Policy CSP, as PolicyManager records it here: change it in the MDM profile, or a local change may be undone.",
            minutes(i64::from(m))
        ),
    ))
}

fn policy_not_checked(readings: &Readings, label: &str) -> Option<Finding> {
    match &readings.server.policy {
        Policy::NotChecked(why) => Some(finding(
            Severity::Info,
            Evidence::Documented,
            "KB 277543",
            format!(
                "Group Policy was not checked: {why}.\nIf a GPO sets the idle time, a local change reverts."
            ),
        )),
        Policy::Remote => Some(finding(
            Severity::Info,
            Evidence::Inferred,
            "docs/windows.md#group-policy",
            format!(
                "{label}'s Group Policy cannot be read from here: if a GPO sets its idle time, change it in the GPO, or {RUN_THERE}."
            ),
        )),
        Policy::Checked(_) => None,
    }
}

/// net.exe showed the registry's value modulo 65536.
fn sixteen_bit_display(readings: &Readings) -> Option<Finding> {
    let (_, _, wrapped) = own_minutes(readings);
    let (shown, stored) = wrapped?;
    Some(finding(
        Severity::Info,
        Evidence::Reported,
        "docs/windows.md#sixteen-bit-display (old source only, unverified on current Windows)",
        format!(
            "net config server shows {shown}, but the registry holds {stored} minutes ({stored} modulo 65536 is {shown}).\nnet.exe is reported to print this value in 16 bits; lanman uses {stored}."
        ),
    ))
}

/// The registry holds another value than the running Server service uses.
fn registry_differs(readings: &Readings) -> Option<Finding> {
    let Service::Running(running) = readings.server.service else {
        return None;
    };
    let dword = readings.server.values.as_ref().ok()?.autodisconnect;
    if own_minutes(readings).2.is_some() {
        return None;
    }
    let (stored, stored_source) = registry_minutes(dword);
    (stored != running).then(|| {
        let stored_text = if stored_source == Source::Default {
            format!("no autodisconnect value (the default, {stored})")
        } else {
            format!("autodisconnect = {stored}")
        };
        finding(
            Severity::Info,
            Evidence::Inferred,
            "KB 102967 (read at service start) against the security policy setting's page (no restart needed); docs/windows.md#when-changes-apply",
            format!(
                "The registry holds {stored_text}; the running Server service uses {running}.\nThe registry value may apply only when the Server service next starts: Microsoft's sources differ."
            ),
        )
    })
}

/// A value above what net.exe accepts (Group Policy allows up to 99999).
fn above_the_net_range(server: &ServerSide, label: &str) -> Option<Finding> {
    let m = server.autodisconnect_minutes?;
    (m > 65_535).then(|| {
        finding(
            Severity::Info,
            Evidence::Documented,
            "KB 138365 and KB 297684 (-1 to 65535 at the command line); the security policy setting's page (up to 99999)",
            format!(
                "autodisconnect on {label} is {}, above the 65535 net config server accepts.\nGroup Policy allows up to 99999, which Microsoft calls in effect never.",
                minutes(m)
            ),
        )
    })
}

/// The idle limit of sessions to this computer's (or the target's) shares, and its fix.
fn own_limit(readings: &Readings, server: &ServerSide, label: &str) -> Option<Finding> {
    let values = readings.server.values.as_ref().ok()?;
    let (minutes_set, _, _) = own_minutes(readings);
    let limit = server_limit(minutes_set, values.v2, values.os.build, None)?;
    let remote = readings.computer.is_some();
    let subject = if remote {
        format!("Sessions to {label}'s shares")
    } else {
        "Sessions other computers open to this computer's shares".to_string()
    };
    let value = super::drives::value_name(limit.by, if remote { label } else { "this computer" });
    let mut lines = vec![match (limit.seconds, limit.never) {
        (Some(0), _) => format!("{subject} end within seconds of idle: {value} is 0."),
        (Some(s), _) => format!("{subject} end after {} idle: {value}.", duration(s)),
        (None, true) => format!("{subject} are never ended for idleness: {value} is off (-1)."),
        (None, false) => format!("{subject}: the idle limit is not known."),
    }];
    lines.extend(v2_sentence(&limit, values.v2, values.os.build, label));
    lines.extend(zero_sentence(&limit, minutes_set));
    let policy_owns = server.policy_checked && server.policy_autodisconnect_minutes.is_some()
        || server.mdm_autodisconnect_minutes.is_some();
    let fix = (!policy_owns || limit.by == LimitedBy::ServerAutodisconnectV2)
        .then(|| server_fix(&limit, values.v2, minutes_set, label, remote))
        .flatten();
    if let Some((_, caveat)) = &fix {
        lines.push(caveat.clone());
    }
    let (evidence, source) = match limit.by {
        LimitedBy::ServerAutodisconnectV2 => (limit.evidence, V2_SOURCE),
        _ => (Evidence::Documented, POLICY_PAGE),
    };
    Some(Finding {
        severity: if limit.by == LimitedBy::ServerAutodisconnectV2 || minutes_set == Some(0) {
            Severity::Warning
        } else {
            Severity::Info
        },
        message: lines.join("\n"),
        run_on: fix.as_ref().and_then(|_| readings.computer.clone()),
        fix: fix.map(|(command, _)| command),
        evidence,
        source,
        drives: Vec::new(),
        about: About::server(readings.computer.clone()),
    })
}

/// Other LanmanServer values that look like idle timeouts.
fn other_idle_values(readings: &Readings, label: &str) -> Vec<Finding> {
    let Ok(values) = &readings.server.values else {
        return Vec::new();
    };
    values
        .other
        .iter()
        .map(|(name, kind, data)| {
            finding(
                Severity::Info,
                Evidence::Inferred,
                "docs/windows.md#smb2-idle",
                format!(
                    "{label} also has {name} = {data} ({kind}) under LanmanServer\\Parameters; lanman does not interpret it."
                ),
            )
        })
        .collect()
}
