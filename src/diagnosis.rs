//! Why a mapped drive's session goes idle-disconnected, and what to change. Pure: readings in,
//! a diagnosis out (`lanman doctor` reads the machine and renders this).
//!
//! The rule (KB297684 as quoted in FACTS.md §5): the session is dropped after the shorter of the
//! server's autodisconnect (minutes; -1 = never) and the client's KeepConn (seconds; absent =
//! 600).

use serde::Serialize;

use crate::settings::{AutoDisconnect, KeepConn};

/// What was read. `None` means "could not be read".
#[derive(Clone, Debug, Default)]
pub struct Readings {
    /// The remote server's name, or `None` for this computer.
    pub server: Option<String>,
    /// `Idle session time (min)` of the running Server service (this computer only).
    pub running_minutes: Option<i64>,
    /// The `autodisconnect` REG_DWORD: `Some(None)` when the value is absent.
    pub registry_autodisconnect: Option<Option<u32>>,
    /// Other LanmanServer values, (name, type, data), for the SMB1/SMB2 split.
    pub other_server_values: Vec<(String, String, String)>,
    /// The client's `KeepConn` REG_DWORD: `Some(None)` when absent.
    pub keepconn: Option<Option<u32>>,
    /// Probes that failed, as one-line messages.
    pub errors: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// The exact lanman command(s) that fix it, if any.
    pub fix: Option<String>,
}

/// Which side ends an idle session first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Server,
    Client,
}

/// Where the server's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `net config server`: what the running Server service uses.
    NetConfigServer,
    /// The `autodisconnect` registry value.
    Registry,
    /// No registry value: Windows' default of 15 minutes.
    Default,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// `null` for this computer.
    pub server: Option<String>,
    /// -1 when off; `null` when it could not be read.
    pub server_autodisconnect_minutes: Option<i64>,
    pub server_autodisconnect_source: Option<Source>,
    /// The `autodisconnect` registry value in minutes (-1 = off); `null` when absent or unread.
    pub server_registry_autodisconnect_minutes: Option<i64>,
    pub keepconn_seconds: Option<u32>,
    pub keepconn_is_default: Option<bool>,
    /// `null` when neither side disconnects (or a side could not be read).
    pub effective_idle_seconds: Option<u64>,
    pub limited_by: Option<Side>,
    pub findings: Vec<Finding>,
}

/// Said wherever a server-side fix is suggested.
const SERVER_CAVEAT: &str = "on the server, -1 turns idle disconnect off (or give minutes); never 0, which disconnects within seconds; the registry value applies when the Server service next starts, while --via net applies at once but may switch off the Server service's auto-tuning";

/// The longest KeepConn Windows documents, about 18 hours.
const KEEPCONN_MAX: u32 = 65_535;

/// Diagnose the readings.
pub fn diagnose(readings: &Readings) -> Diagnosis {
    let mut findings: Vec<Finding> = readings
        .errors
        .iter()
        .map(|e| Finding {
            severity: Severity::Error,
            message: e.clone(),
            fix: None,
        })
        .collect();
    let computer = readings
        .server
        .as_ref()
        .map(|h| format!(" --computer {h}"))
        .unwrap_or_default();
    let server_label = readings.server.as_deref().unwrap_or("this computer");

    // The server's value: what the running service uses if known, else what the registry
    // (or its absence) will give it.
    let registry_minutes = |dword: Option<u32>| match dword {
        None => (i64::from(AutoDisconnect::DEFAULT_MINUTES), Source::Default),
        Some(AutoDisconnect::OFF_DWORD) => (-1, Source::Registry),
        Some(m) => (i64::from(m), Source::Registry),
    };
    let (server_minutes, source) =
        match (readings.running_minutes, readings.registry_autodisconnect) {
            (Some(m), _) => (Some(m), Some(Source::NetConfigServer)),
            (None, Some(dword)) => {
                let (m, s) = registry_minutes(dword);
                (Some(m), Some(s))
            }
            (None, None) => (None, None),
        };
    if let (Some(running), Some(dword)) =
        (readings.running_minutes, readings.registry_autodisconnect)
    {
        let (stored, stored_source) = registry_minutes(dword);
        if stored != running {
            let stored_text = if stored_source == Source::Default {
                format!("no autodisconnect value (default {stored})")
            } else {
                format!("autodisconnect = {stored}")
            };
            findings.push(Finding {
                severity: Severity::Info,
                message: format!(
                    "the registry holds {stored_text} but the running Server service uses {running}: the registry value applies when the Server service next starts"
                ),
                fix: None,
            });
        }
    }

    let keepconn_raw = readings.keepconn;
    let keepconn_seconds = keepconn_raw.map(|v| v.unwrap_or(u32::from(KeepConn::DEFAULT_SECONDS)));
    let keepconn_is_default = keepconn_raw.map(|v| v.is_none());

    // Seconds after which each side drops an idle session (`None`: it never does).
    let server_limit: Option<u64> =
        server_minutes.and_then(|m| u64::try_from(m).ok().map(|m| m * 60));
    let client_limit: Option<u64> = keepconn_seconds.filter(|&s| s > 0).map(u64::from);
    if let Some(s) = keepconn_seconds {
        if KeepConn::from_dword(s).is_none() {
            findings.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "KeepConn is {s}, outside the documented 1..65535 seconds; what Windows does with it is undocumented{}",
                    if s == 0 { ", so lanman leaves the client side out of the answer" } else { "" }
                ),
                fix: Some("lanman set keepconn 65535".to_string()),
            });
        }
    }
    if let Some(m) = server_minutes {
        if m == 0 {
            findings.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "autodisconnect on {server_label} is 0: the server drops idle sessions within seconds (0 does not mean off; -1 does)"
                ),
                fix: Some(format!("lanman set autodisconnect -1 --via registry{computer}")),
            });
        } else if m > 65_535 {
            findings.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "autodisconnect on {server_label} is {m} minutes, above the -1..65535 that net config server accepts (Group Policy allows up to 99999, which Microsoft describes as in effect never)"
                ),
                fix: None,
            });
        }
    }

    let both_read = server_minutes.is_some() && keepconn_seconds.is_some();
    let (effective, limited_by) = match (server_limit, client_limit) {
        (Some(s), Some(c)) if s <= c => (Some(s), Some(Side::Server)),
        (Some(_), Some(c)) => (Some(c), Some(Side::Client)),
        (Some(s), None) if both_read => (Some(s), Some(Side::Server)),
        (None, Some(c)) if both_read => (Some(c), Some(Side::Client)),
        _ => (None, None),
    };

    // How to lengthen it: the 0 trap and the auto-tuning caveat come with every server fix.
    let server_fix = format!("lanman set autodisconnect -1 --via registry{computer}");
    let client_fix = format!("lanman set keepconn {KEEPCONN_MAX}");
    match (limited_by, effective) {
        (Some(Side::Server), Some(seconds)) => {
            let tie = client_limit == Some(seconds);
            let fix = if tie {
                format!("{server_fix}\nlanman set keepconn {KEEPCONN_MAX}")
            } else {
                server_fix.clone()
            };
            findings.push(Finding {
                severity: Severity::Info,
                message: format!(
                    "idle sessions to {server_label} end after {} because of the server's autodisconnect{}; {SERVER_CAVEAT}",
                    duration(seconds),
                    if tie {
                        "; the client's KeepConn is the same, so lengthen both"
                    } else {
                        ", which is shorter than this client's KeepConn"
                    }
                ),
                fix: Some(fix),
            });
        }
        (Some(Side::Client), Some(seconds)) => {
            let default = if keepconn_is_default == Some(true) {
                " (not set: the Windows default)"
            } else {
                ""
            };
            let server_after = match server_limit {
                None => "the server never disconnects idle sessions".to_string(),
                Some(s) => format!(
                    "the server's autodisconnect would end them after {}",
                    duration(s)
                ),
            };
            let mut fix = client_fix.clone();
            let mut caveat = String::new();
            if server_limit.is_some_and(|s| s < u64::from(KEEPCONN_MAX)) {
                fix.push('\n');
                fix.push_str(&server_fix);
                caveat = format!("; lengthen both: {SERVER_CAVEAT}");
            }
            findings.push(Finding {
                severity: Severity::Info,
                message: format!(
                    "idle sessions from this client end after {} because of its KeepConn{default}; {server_after}{caveat}",
                    duration(seconds)
                ),
                fix: (keepconn_seconds != Some(KEEPCONN_MAX) || server_limit.is_some()).then_some(fix),
            });
        }
        _ if both_read => findings.push(Finding {
            severity: Severity::Info,
            message: "neither side disconnects idle sessions".to_string(),
            fix: None,
        }),
        _ => {}
    }

    // Newer Windows keeps separate SMB1 (minutes) and SMB2/3 (seconds) idle timeouts
    // (FACTS.md §4, Set-SmbServerConfiguration on Windows Server 2025).
    for (name, kind, data) in &readings.other_server_values {
        let lower = name.to_ascii_lowercase();
        if lower != "autodisconnect"
            && (lower.contains("disconnect") || lower.contains("idletimeout"))
        {
            findings.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "{server_label} also has {name} = {data} ({kind}) under LanmanServer\\Parameters: newer Windows versions keep separate SMB1 and SMB2/3 idle timeouts (Set-SmbServerConfiguration -AutoDisconnectTimeoutInMinutesV1 / -AutoDisconnectTimeoutInSecondsV2 on Windows Server 2025); lanman does not interpret it, and autodisconnect may not govern SMB2/3 sessions there"
                ),
                fix: None,
            });
        }
    }

    Diagnosis {
        server: readings.server.clone(),
        server_autodisconnect_minutes: server_minutes,
        server_autodisconnect_source: source,
        server_registry_autodisconnect_minutes: readings
            .registry_autodisconnect
            .flatten()
            .map(|dword| registry_minutes(Some(dword)).0),
        keepconn_seconds,
        keepconn_is_default,
        effective_idle_seconds: effective,
        limited_by,
        findings,
    }
}

/// `600 s (10 minutes)`, `54000 s (15 hours)`.
pub fn duration(seconds: u64) -> String {
    match seconds {
        0 => "a few seconds (0)".to_string(),
        s if s % 3600 == 0 => format!(
            "{s} s ({} hour{})",
            s / 3600,
            if s == 3600 { "" } else { "s" }
        ),
        s if s % 60 == 0 => format!(
            "{s} s ({} minute{})",
            s / 60,
            if s == 60 { "" } else { "s" }
        ),
        s => format!("{s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(running: i64, keepconn: Option<u32>) -> Readings {
        Readings {
            running_minutes: Some(running),
            registry_autodisconnect: Some(None),
            keepconn: Some(keepconn),
            ..Readings::default()
        }
    }

    #[test]
    fn defaults_are_limited_by_the_client() {
        // 15 minutes server, KeepConn absent = 600 s: the client ends it first.
        let d = diagnose(&local(15, None));
        assert_eq!(d.effective_idle_seconds, Some(600));
        assert_eq!(d.limited_by, Some(Side::Client));
        assert_eq!(d.keepconn_is_default, Some(true));
        let fix = d.findings.iter().find_map(|f| f.fix.clone()).unwrap();
        assert_eq!(
            fix,
            "lanman set keepconn 65535\nlanman set autodisconnect -1 --via registry"
        );
    }

    #[test]
    fn server_shorter() {
        let d = diagnose(&local(5, Some(3600)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(300), Some(Side::Server))
        );
        let fix = d.findings.iter().find_map(|f| f.fix.clone()).unwrap();
        assert_eq!(fix, "lanman set autodisconnect -1 --via registry");
        let message = &d.findings.iter().find(|f| f.fix.is_some()).unwrap().message;
        assert!(
            message.contains("never 0") && message.contains("auto-tuning"),
            "{message}"
        );
    }

    #[test]
    fn client_shorter() {
        let d = diagnose(&local(60, Some(1800)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(1800), Some(Side::Client))
        );
    }

    #[test]
    fn server_off_leaves_the_client() {
        let d = diagnose(&local(-1, Some(7200)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(7200), Some(Side::Client))
        );
        assert_eq!(d.server_autodisconnect_minutes, Some(-1));
    }

    #[test]
    fn client_out_of_range_zero_leaves_the_server() {
        let d = diagnose(&local(30, Some(0)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(1800), Some(Side::Server))
        );
        assert!(
            d.findings
                .iter()
                .any(|f| f.severity == Severity::Warning && f.message.contains("outside"))
        );
    }

    #[test]
    fn neither_side_disconnects() {
        let d = diagnose(&local(-1, Some(0)));
        assert_eq!((d.effective_idle_seconds, d.limited_by), (None, None));
        assert!(
            d.findings
                .iter()
                .any(|f| f.message == "neither side disconnects idle sessions")
        );
    }

    #[test]
    fn a_tie_names_the_server_and_says_lengthen_both() {
        let d = diagnose(&local(10, Some(600)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(600), Some(Side::Server))
        );
        assert!(
            d.findings
                .iter()
                .any(|f| f.message.contains("lengthen both"))
        );
    }

    #[test]
    fn zero_is_the_trap() {
        let d = diagnose(&local(0, None));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(0), Some(Side::Server))
        );
        assert!(
            d.findings
                .iter()
                .any(|f| f.message.contains("0 does not mean off"))
        );
    }

    #[test]
    fn remote_server_from_its_registry() {
        let d = diagnose(&Readings {
            server: Some("FS01".to_string()),
            registry_autodisconnect: Some(Some(0xFFFF_FFFF)),
            keepconn: Some(Some(3600)),
            ..Readings::default()
        });
        assert_eq!(d.server_autodisconnect_minutes, Some(-1));
        assert_eq!(d.server_autodisconnect_source, Some(Source::Registry));
        assert_eq!(d.limited_by, Some(Side::Client));
        let d = diagnose(&Readings {
            server: Some("FS01".to_string()),
            registry_autodisconnect: Some(None),
            keepconn: Some(None),
            ..Readings::default()
        });
        assert_eq!(d.server_autodisconnect_source, Some(Source::Default));
        assert_eq!(d.server_autodisconnect_minutes, Some(15));
        let fix = d.findings.iter().find_map(|f| f.fix.clone()).unwrap();
        assert_eq!(
            fix,
            "lanman set keepconn 65535\nlanman set autodisconnect -1 --via registry --computer FS01"
        );
    }

    #[test]
    fn registry_and_running_disagree() {
        let mut r = local(15, None);
        r.registry_autodisconnect = Some(Some(480));
        let d = diagnose(&r);
        assert_eq!(d.server_autodisconnect_minutes, Some(15));
        assert!(
            d.findings
                .iter()
                .any(|f| f.message.contains("registry holds autodisconnect = 480"))
        );
    }

    #[test]
    fn unread_sides_give_no_answer() {
        let d = diagnose(&Readings {
            keepconn: Some(None),
            errors: vec!["net failed".to_string()],
            ..Readings::default()
        });
        assert_eq!((d.effective_idle_seconds, d.limited_by), (None, None));
        assert_eq!(d.findings[0].severity, Severity::Error);
    }

    #[test]
    fn smb2_split_values_are_pointed_out() {
        let mut r = local(15, None);
        r.other_server_values = vec![(
            "AutoDisconnectTimeoutInSecondsV2".into(),
            "REG_DWORD".into(),
            "0x384".into(),
        )];
        let d = diagnose(&r);
        assert!(d.findings.iter().any(|f| f.message.contains("SMB2/3")));
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(600), "600 s (10 minutes)");
        assert_eq!(duration(3600), "3600 s (1 hour)");
        assert_eq!(duration(65535), "65535 s");
        assert_eq!(duration(0), "a few seconds (0)");
    }
}
