//! One function per finding: each looks at the facts and says something, or nothing. Every
//! sentence is in docs/windows.md with its source; a finding says how sure it is.

use super::{
    Drive, Evidence, Facts, Finding, LimitedBy, Policy, Readings, Severity, Source, duration,
    minutes, registry_minutes,
};
use crate::parse::{Network, Status};
use crate::settings::KeepConn;

/// The longest KeepConn Windows documents.
const KEEPCONN_MAX: u32 = 65_535;

/// Said wherever the server fix is offered.
const SERVER_CAVEAT: &str = "-1 turns it off the way KB 297684 does: with net config server, which may switch off the Server service's auto-tuning (KB 138365).\nFor a number of minutes instead, use --via registry.";

fn finding(severity: Severity, evidence: Evidence, source: &'static str) -> Finding {
    Finding {
        severity,
        message: String::new(),
        fix: None,
        run_on: None,
        evidence,
        source: Some(source),
    }
}

/// The commands that lengthen the server's side, and where they run: `-1` the way KB 297684
/// turns it off (net config server, on the server itself); `None` when Group Policy owns it.
fn server_fix(facts: &Facts) -> Option<(String, Option<String>)> {
    if facts.policy_minutes.is_some() {
        return None;
    }
    Some((
        "lanman set autodisconnect -1".to_string(),
        facts.remote.clone(),
    ))
}

/// Group Policy defines the value: a local change reverts.
pub(super) fn policy_sets_it(facts: &Facts) -> Option<Finding> {
    let minutes_set = facts.policy_minutes?;
    Some(Finding {
        message: format!(
            "Group Policy sets autodisconnect to {}.\nA local change reverts when security policy is next applied (at the latest every 16 hours).\nChange it in the GPO (`lanman export --format inf` prints the line).",
            minutes(i64::from(minutes_set))
        ),
        ..finding(
            Severity::Warning,
            Evidence::Documented,
            "KB 277543; security policy setting \"Microsoft network server: Amount of idle time required before suspending session\"",
        )
    })
}

/// Security policy could not be read.
pub(super) fn policy_not_checked(readings: &Readings) -> Option<Finding> {
    let Policy::NotChecked(why) = &readings.policy else {
        return None;
    };
    Some(Finding {
        message: format!(
            "Group Policy was not checked: {why}.\nIf a GPO sets the idle time, a local change reverts."
        ),
        ..finding(Severity::Info, Evidence::Documented, "KB 277543")
    })
}

/// net.exe showed the registry's value modulo 65536.
pub(super) fn sixteen_bit_display(facts: &Facts) -> Option<Finding> {
    let (shown, stored) = facts.wrapped?;
    Some(Finding {
        message: format!(
            "net config server shows {shown}, but the registry holds {stored} minutes ({stored} modulo 65536 is {shown}).\nnet.exe is reported to print this value in 16 bits; lanman uses {stored}."
        ),
        ..finding(
            Severity::Info,
            Evidence::Reported,
            "docs/windows.md#sixteen-bit-display (old source only, unverified on current Windows)",
        )
    })
}

/// The registry holds another value than the running Server service uses.
pub(super) fn registry_differs(readings: &Readings, facts: &Facts) -> Option<Finding> {
    let (running, dword) = (readings.running_minutes?, readings.registry_autodisconnect?);
    if facts.wrapped.is_some() {
        return None;
    }
    let (stored, stored_source) = registry_minutes(dword);
    (stored != running).then(|| {
        let stored_text = if stored_source == Source::Default {
            format!("no autodisconnect value (the default, {stored})")
        } else {
            format!("autodisconnect = {stored}")
        };
        Finding {
            message: format!(
                "The registry holds {stored_text}; the running Server service uses {running}.\nThe registry value may apply only when the Server service next starts (Microsoft's sources differ)."
            ),
            ..finding(
                Severity::Info,
                Evidence::Documented,
                "KB 102967; the security policy setting's article (no restart needed)",
            )
        }
    })
}

/// autodisconnect 0: not off, but within seconds.
pub(super) fn zero_disconnects_at_once(facts: &Facts) -> Option<Finding> {
    (facts.server_minutes? == 0).then(|| {
        let fix = server_fix(facts);
        Finding {
            message: format!(
                "autodisconnect on {} is 0: idle sessions drop within seconds.\n0 does not turn it off; -1 does.",
                facts.server_label
            ),
            fix: fix.as_ref().map(|(command, _)| command.clone()),
            run_on: fix.and_then(|(_, on)| on),
            ..finding(Severity::Warning, Evidence::Documented, "KB 138365")
        }
    })
}

/// A value above what net.exe accepts (Group Policy allows up to 99999).
pub(super) fn above_the_net_range(facts: &Facts) -> Option<Finding> {
    let m = facts.server_minutes?;
    (m > 65_535).then(|| Finding {
        message: format!(
            "autodisconnect on {} is {}, above the 65535 net config server accepts.\nGroup Policy allows up to 99999, which Microsoft calls in effect never.",
            facts.server_label,
            minutes(m)
        ),
        ..finding(
            Severity::Info,
            Evidence::Documented,
            "security policy setting \"Microsoft network server: Amount of idle time required before suspending session\"",
        )
    })
}

/// KeepConn outside the documented 1..65535 seconds.
pub(super) fn keepconn_out_of_range(facts: &Facts) -> Option<Finding> {
    let s = facts.keepconn_seconds?;
    KeepConn::from_dword(s).is_none().then(|| Finding {
        message: format!(
            "KeepConn is {s}, outside 1..65535 seconds, the range KB 297684 is quoted as giving; what Windows does with it is not documented.{}",
            if s == 0 {
                "\nlanman leaves the client side out of the rule below."
            } else {
                ""
            }
        ),
        fix: Some("lanman reset keepconn".to_string()),
        ..finding(Severity::Warning, Evidence::Reported, "KB 297684 (as quoted)")
    })
}

/// Which side ends an idle session first by KB 297684's rule, and how to lengthen it.
pub(super) fn effective_idle(facts: &Facts) -> Option<Finding> {
    let label = &facts.server_label;
    let rule = "By KB 297684's rule (Windows 2000 to 2003)";
    // The rule is known from a third party's quotation of KB 297684; the copies of the
    // article found do not contain it (docs/windows.md#min-rule).
    let base = finding(
        Severity::Info,
        Evidence::Reported,
        "KB 297684 as quoted by a third party (Windows 2000/XP/2003 era); docs/windows.md#min-rule",
    );
    match (facts.limited_by, facts.effective) {
        (Some(LimitedBy::Server), Some(seconds)) => {
            let tie = facts.client_limit == Some(seconds);
            // With 0, the zero finding already gives this fix: each fix is printed once.
            let fix = server_fix(facts).filter(|_| facts.server_minutes != Some(0));
            let mut commands: Vec<String> = fix.iter().map(|(c, _)| c.clone()).collect();
            // Both fixes in one list only when they run on the same computer.
            if tie && facts.remote.is_none() {
                commands.push(format!("lanman set keepconn {KEEPCONN_MAX}"));
            }
            let mut message = format!(
                "{rule}, idle sessions to {label} end after {}: {}.",
                duration(seconds),
                if tie {
                    "the server's autodisconnect and this client's KeepConn are equal"
                } else if facts.client_limit.is_some() {
                    "the server's autodisconnect is shorter than this client's KeepConn"
                } else {
                    "the server's autodisconnect"
                }
            );
            if fix.is_some() {
                message.push('\n');
                message.push_str(SERVER_CAVEAT);
            }
            Some(Finding {
                message,
                fix: (!commands.is_empty()).then(|| commands.join("\n")),
                run_on: fix.and_then(|(_, on)| on),
                ..base
            })
        }
        (Some(LimitedBy::Client), Some(seconds)) => {
            let default = if facts.keepconn_is_default == Some(true) {
                " (not set: the default)"
            } else {
                ""
            };
            let server_part = match facts.server_limit {
                None => format!("{label} never ends them"),
                Some(s) => format!("{label}'s autodisconnect would after {}", duration(s)),
            };
            let longest = facts.keepconn_seconds == Some(KEEPCONN_MAX);
            Some(Finding {
                message: format!(
                    "{rule}, idle sessions from this client end after {}: its KeepConn{default} is shorter; {server_part}.",
                    duration(seconds)
                ),
                fix: (!longest).then(|| format!("lanman set keepconn {KEEPCONN_MAX}")),
                ..base
            })
        }
        _ if facts.both_read => Some(Finding {
            message: format!("{rule}, neither side ends idle sessions."),
            ..base
        }),
        _ => None,
    }
}

/// KeepConn is documented for old clients only.
pub(super) fn keepconn_may_be_unused(facts: &Facts) -> Option<Finding> {
    if facts.limited_by != Some(LimitedBy::Client) {
        return None;
    }
    // Then the server's value is the limit: lengthen it too, where it is finite.
    let fix = facts.server_limit.and_then(|_| server_fix(facts));
    let mut message = "KeepConn is documented for Windows 2000/2003-era clients; Microsoft's Open Specifications blog (2013) says current clients no longer use it.\nIf so, changing it does nothing here, and the server's autodisconnect is the limit.".to_string();
    if fix.is_some() {
        message.push('\n');
        message.push_str(SERVER_CAVEAT);
    }
    Some(Finding {
        message,
        fix: fix.as_ref().map(|(command, _)| command.clone()),
        run_on: fix.and_then(|(_, on)| on),
        ..finding(
            Severity::Info,
            Evidence::Documented,
            "\"CIFS and SMB Timeouts in Windows\", Microsoft Open Specifications blog, 2013",
        )
    })
}

/// Current builds keep a separate SMB2/3 idle value: say what is known of it.
pub(super) fn separate_smb2_value(facts: &Facts) -> Option<Finding> {
    if !facts.split_build() {
        return None;
    }
    let label = &facts.server_label;
    let base = finding(
        Severity::Warning,
        Evidence::Reported,
        "Set-SmbServerConfiguration (Windows Server 2025 help: -AutoDisconnectTimeoutInSecondsV2); docs/windows.md#smb2-idle",
    );
    let message = match facts.v2_seconds {
        Some(v2) => format!(
            "{label} has AutoDisconnectTimeoutV2 = {}: on current builds SMB2/3 sessions are reported to follow it (capped at 900 s), and autodisconnect may govern SMB1 only.\nMicrosoft documents no registry value for it; -1 is not known to keep SMB2/3 sessions open.",
            duration(u64::from(v2))
        ),
        None => format!(
            "{label} runs build {}, where Windows keeps a separate SMB2/3 idle timeout (AutoDisconnectTimeoutInSecondsV2) that is not in the registry; autodisconnect may govern SMB1 only.\n-1 is not known to keep SMB2/3 sessions open; Get-SmbServerConfiguration on {label} shows the value.",
            facts.build.map_or("?".to_string(), |b| b.to_string())
        ),
    };
    Some(Finding { message, ..base })
}

/// Other LanmanServer values that look like idle timeouts.
pub(super) fn other_idle_values(readings: &Readings, facts: &Facts) -> Vec<Finding> {
    readings
        .other_server_values
        .iter()
        .filter(|(name, _, _)| {
            let lower = name.to_ascii_lowercase();
            !matches!(lower.as_str(), "autodisconnect" | "autodisconnecttimeoutv2")
                && (lower.contains("disconnect") || lower.contains("idletimeout"))
        })
        .map(|(name, kind, data)| Finding {
            message: format!(
                "{} also has {name} = {data} ({kind}) under LanmanServer\\Parameters; lanman does not interpret it.",
                facts.server_label
            ),
            ..finding(Severity::Info, Evidence::Inferred, "docs/windows.md#smb2-idle")
        })
        .collect()
}

/// A session is idle only without open files.
pub(super) fn open_files_keep_sessions(facts: &Facts) -> Option<Finding> {
    facts.effective.map(|_| Finding {
        message: "A session with an open file or folder (an Explorer window on the drive, say) is not idle and is not dropped."
            .to_string(),
        ..finding(
            Severity::Info,
            Evidence::Documented,
            "MS-CIFS 3.3.6.2 (the SMB1 specification)",
        )
    })
}

/// autodisconnect matters on the computer that holds the share.
pub(super) fn which_machine(facts: &Facts) -> Option<Finding> {
    facts.remote.is_none().then(|| Finding {
        message: "This computer's autodisconnect governs only sessions to shares on this computer.\nFor a mapped drive, read the server it points at: lanman doctor --computer SERVER."
            .to_string(),
        ..finding(Severity::Info, Evidence::Documented, "KB 138365")
    })
}

/// This computer shares nothing but administrative shares (C$, ADMIN$, IPC$, print$).
pub(super) fn only_administrative_shares(readings: &Readings) -> bool {
    readings
        .shares
        .as_ref()
        .is_some_and(|shares| shares.iter().all(|s| s.administrative))
}

/// The servers the drives point at, in order, once each.
fn servers(drives: &[Drive]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for drive in drives.iter().filter(|d| d.network == Network::Smb) {
        if let Some(server) = &drive.server {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(server)) {
                names.push(server.clone());
            }
        }
    }
    names
}

/// How a drive is named in messages: `Z: (\\FS01\data)`, or the remote alone.
fn drive_name(drive: &Drive) -> String {
    match &drive.local {
        Some(local) => format!("{local} ({})", drive.remote),
        None => drive.remote.clone(),
    }
}

/// A computer with only administrative shares: its autodisconnect matters to no drive.
pub(super) fn administrative_shares_only(readings: &Readings, drives: &[Drive]) -> Option<Finding> {
    let servers = servers(drives);
    (only_administrative_shares(readings) && !servers.is_empty()).then(|| Finding {
        message: format!(
            "This computer shares nothing but administrative shares, so its own autodisconnect affects no one's mapped drive.\nThe servers that matter here: {}.",
            servers.join(", ")
        ),
        ..finding(
            Severity::Info,
            Evidence::Inferred,
            "KB 138365 (the value belongs on the computer that has the share); docs/windows.md#net-share",
        )
    })
}

/// What a drive's status says: Disconnected is how an idle drop looks, Unavailable usually is
/// something else.
pub(super) fn drive_states(drives: &[Drive]) -> Vec<Finding> {
    drives
        .iter()
        .filter_map(|drive| match drive.status {
            Status::Disconnected => Some(Finding {
                message: format!(
                    "{} is {}: that is how an idle drop looks; Windows reconnects it on the next access.",
                    drive_name(drive),
                    drive.status_text
                ),
                ..finding(Severity::Info, Evidence::Documented, "KB 297684 (it reconnects when accessed)")
            }),
            Status::Unavailable => Some(Finding {
                message: format!(
                    "{} is {}: usually not an idle disconnect.\nWindows could not restore it: the network was not ready at logon, the credentials failed, or the server is down.",
                    drive_name(drive),
                    drive.status_text
                ),
                ..finding(Severity::Info, Evidence::Reported, "docs/windows.md#mapped-drive-states")
            }),
            _ => None,
        })
        .collect()
}

/// For each server the drives point at: its idle limit and where to change it, or why it
/// could not be read.
pub(super) fn drive_servers(drives: &[Drive], facts: &Facts) -> Vec<Finding> {
    servers(drives)
        .into_iter()
        .filter_map(|server| {
            let on: Vec<&Drive> = drives
                .iter()
                .filter(|d| d.server.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&server)))
                .collect();
            let names: Vec<String> = on
                .iter()
                .map(|d| d.local.clone().unwrap_or_else(|| d.remote.clone()))
                .collect();
            let first = on.first()?;
            if let Some(error) = &first.server_error {
                return Some(Finding {
                    message: format!(
                        "Could not read {server}'s settings ({}): {error}.",
                        names.join(", ")
                    ),
                    ..finding(Severity::Warning, Evidence::Inferred, "docs/windows.md#reg-exe")
                });
            }
            let minutes_there = first.server_autodisconnect_minutes?;
            let mut message = format!(
                "{server} ({}) drops idle sessions after {}: its autodisconnect.",
                names.join(", "),
                match u64::try_from(minutes_there) {
                    Ok(m) => duration(m * 60),
                    Err(_) => "never (off)".to_string(),
                }
            );
            if let Some(v2) = first.server_autodisconnect_v2_seconds {
                message.push_str(&format!(
                    "\n{server} also has AutoDisconnectTimeoutV2 = {}: SMB2/3 sessions are reported to follow it there.",
                    duration(u64::from(v2))
                ));
            }
            let fix = (minutes_there >= 0 && facts.policy_minutes.is_none()).then(|| {
                message.push_str(&format!(
                    "\nChange it on {server}, as an administrator there: -1 turns it off the way KB 297684 does (net config server; it may switch off auto-tuning, KB 138365).\nFrom here, for a number of minutes: lanman set autodisconnect 480 --computer {server} (remote registry)."
                ));
                "lanman set autodisconnect -1".to_string()
            });
            Some(Finding {
                message,
                run_on: fix.as_ref().map(|_| server.clone()),
                fix,
                ..finding(
                    Severity::Info,
                    Evidence::Documented,
                    "KB 138365 (set on the computer that has the share); KB 297684",
                )
            })
        })
        .collect()
}

/// This client's KeepConn, where KB 297684's rule makes it the limit for a drive.
pub(super) fn keepconn_for_drives(drives: &[Drive], facts: &Facts) -> Option<Finding> {
    let limited: Vec<String> = drives
        .iter()
        .filter(|d| d.limited_by == Some(LimitedBy::Client))
        .map(|d| d.local.clone().unwrap_or_else(|| d.remote.clone()))
        .collect();
    if limited.is_empty() {
        return None;
    }
    let seconds = facts.keepconn_seconds?;
    Some(Finding {
        message: format!(
            "By KB 297684's rule (Windows 2000 to 2003) this client's KeepConn ({}) ends idle sessions of {} first.\nCurrent clients may not use KeepConn at all (Microsoft Open Specifications blog, 2013): the servers' values above are then the limit.",
            duration(u64::from(seconds)),
            limited.join(", ")
        ),
        fix: (seconds != KEEPCONN_MAX).then(|| format!("lanman set keepconn {KEEPCONN_MAX}")),
        ..finding(
            Severity::Info,
            Evidence::Documented,
            "KB 297684; \"CIFS and SMB Timeouts in Windows\" (2013)",
        )
    })
}
