//! One function per finding: each looks at the facts and says something, or nothing.

use super::{Facts, Finding, LimitedBy, Readings, Severity, Source, duration, registry_minutes};
use crate::settings::KeepConn;

/// Said wherever a server-side fix is suggested.
const SERVER_CAVEAT: &str = "on the server, -1 turns idle disconnect off (or give minutes); never 0, which disconnects within seconds; the registry value applies when the Server service next starts, while --via net applies at once but may switch off the Server service's auto-tuning";

/// The longest KeepConn Windows documents, about 18 hours.
const KEEPCONN_MAX: u32 = 65_535;

/// The registry holds another value than the running Server service uses.
pub(super) fn registry_differs(readings: &Readings) -> Option<Finding> {
    let (running, dword) = (readings.running_minutes?, readings.registry_autodisconnect?);
    let (stored, stored_source) = registry_minutes(dword);
    (stored != running).then(|| {
        let stored_text = if stored_source == Source::Default {
            format!("no autodisconnect value (default {stored})")
        } else {
            format!("autodisconnect = {stored}")
        };
        Finding {
            severity: Severity::Info,
            message: format!(
                "the registry holds {stored_text} but the running Server service uses {running}: the registry value applies when the Server service next starts"
            ),
            fix: None,
        }
    })
}

/// KeepConn outside the documented 1..65535 seconds.
pub(super) fn keepconn_out_of_range(facts: &Facts) -> Option<Finding> {
    let s = facts.keepconn_seconds?;
    KeepConn::from_dword(s).is_none().then(|| Finding {
        severity: Severity::Warning,
        message: format!(
            "KeepConn is {s}, outside the documented 1..65535 seconds; what Windows does with it is undocumented{}",
            if s == 0 {
                ", so lanman leaves the client side out of the answer"
            } else {
                ""
            }
        ),
        fix: Some("lanman set keepconn 65535".to_string()),
    })
}

/// autodisconnect 0: not off, but within seconds.
pub(super) fn zero_disconnects_at_once(facts: &Facts) -> Option<Finding> {
    (facts.server_minutes? == 0).then(|| Finding {
        severity: Severity::Warning,
        message: format!(
            "autodisconnect on {} is 0: the server drops idle sessions within seconds (0 does not mean off; -1 does)",
            facts.server_label
        ),
        fix: Some(format!(
            "lanman set autodisconnect -1 --via registry{}",
            facts.computer
        )),
    })
}

/// A value above what net.exe accepts (Group Policy allows up to 99999).
pub(super) fn above_the_net_range(facts: &Facts) -> Option<Finding> {
    let m = facts.server_minutes?;
    (m > 65_535).then(|| Finding {
        severity: Severity::Warning,
        message: format!(
            "autodisconnect on {} is {m} minutes, above the -1..65535 that net config server accepts (Group Policy allows up to 99999, which Microsoft describes as in effect never)",
            facts.server_label
        ),
        fix: None,
    })
}

/// Which side ends an idle session first, and how to lengthen it.
pub(super) fn effective_idle(facts: &Facts) -> Option<Finding> {
    let server_fix = format!(
        "lanman set autodisconnect -1 --via registry{}",
        facts.computer
    );
    let client_fix = format!("lanman set keepconn {KEEPCONN_MAX}");
    let label = &facts.server_label;
    match (facts.limited_by, facts.effective) {
        (Some(LimitedBy::Server), Some(seconds)) => {
            let tie = facts.client_limit == Some(seconds);
            let fix = if tie {
                format!("{server_fix}\n{client_fix}")
            } else {
                server_fix
            };
            Some(Finding {
                severity: Severity::Info,
                message: format!(
                    "idle sessions to {label} end after {} because of the server's autodisconnect{}; {SERVER_CAVEAT}",
                    duration(seconds),
                    if tie {
                        "; the client's KeepConn is the same, so lengthen both"
                    } else {
                        ", which is shorter than this client's KeepConn"
                    }
                ),
                fix: Some(fix),
            })
        }
        (Some(LimitedBy::Client), Some(seconds)) => {
            let default = if facts.keepconn_is_default == Some(true) {
                " (not set: the Windows default)"
            } else {
                ""
            };
            let server_after = match facts.server_limit {
                None => "the server never disconnects idle sessions".to_string(),
                Some(s) => format!(
                    "the server's autodisconnect would end them after {}",
                    duration(s)
                ),
            };
            let mut fix = client_fix;
            let mut caveat = String::new();
            if facts
                .server_limit
                .is_some_and(|s| s < u64::from(KEEPCONN_MAX))
            {
                fix.push('\n');
                fix.push_str(&server_fix);
                caveat = format!("; lengthen both: {SERVER_CAVEAT}");
            }
            Some(Finding {
                severity: Severity::Info,
                message: format!(
                    "idle sessions from this client end after {} because of its KeepConn{default}; {server_after}{caveat}",
                    duration(seconds)
                ),
                fix: (facts.keepconn_seconds != Some(KEEPCONN_MAX) || facts.server_limit.is_some())
                    .then_some(fix),
            })
        }
        _ if facts.both_read => Some(Finding {
            severity: Severity::Info,
            message: "neither side disconnects idle sessions".to_string(),
            fix: None,
        }),
        _ => None,
    }
}

/// Newer Windows keeps separate SMB1 (minutes) and SMB2/3 (seconds) idle timeouts
/// (docs/windows.md#smb2-idle).
pub(super) fn separate_smb2_values(readings: &Readings, facts: &Facts) -> Vec<Finding> {
    readings
        .other_server_values
        .iter()
        .filter(|(name, _, _)| {
            let lower = name.to_ascii_lowercase();
            lower != "autodisconnect"
                && (lower.contains("disconnect") || lower.contains("idletimeout"))
        })
        .map(|(name, kind, data)| Finding {
            severity: Severity::Warning,
            message: format!(
                "{} also has {name} = {data} ({kind}) under LanmanServer\\Parameters: newer Windows versions keep separate SMB1 and SMB2/3 idle timeouts (Set-SmbServerConfiguration -AutoDisconnectTimeoutInMinutesV1 / -AutoDisconnectTimeoutInSecondsV2 on Windows Server 2025); lanman does not interpret it, and autodisconnect may not govern SMB2/3 sessions there",
                facts.server_label
            ),
            fix: None,
        })
        .collect()
}
