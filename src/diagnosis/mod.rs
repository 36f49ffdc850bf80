//! Why a mapped drive's session goes idle-disconnected, and what to change. Pure: readings in,
//! a diagnosis out (`lanman doctor` reads the machine and renders this). Each finding is one
//! function in `findings.rs`.
//!
//! The rule (docs/windows.md#min-rule): the session is dropped after the shorter of the
//! server's autodisconnect (minutes; -1 = never) and the client's KeepConn (seconds; absent =
//! 600).

mod findings;

use serde::Serialize;

use crate::settings::{AutoDisconnect, KeepConn};

/// What was read. `None` means "could not be read".
#[derive(Clone, Debug, Default)]
pub(crate) struct Readings {
    /// The remote server's name, or `None` for this computer.
    pub(crate) server: Option<String>,
    /// `Idle session time (min)` of the running Server service (this computer only).
    pub(crate) running_minutes: Option<i64>,
    /// The `autodisconnect` REG_DWORD: `Some(None)` when the value is absent.
    pub(crate) registry_autodisconnect: Option<Option<u32>>,
    /// Other LanmanServer values, (name, type, data), for the SMB1/SMB2 split.
    pub(crate) other_server_values: Vec<(String, String, String)>,
    /// The client's `KeepConn` REG_DWORD: `Some(None)` when absent.
    pub(crate) keepconn: Option<Option<u32>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Info,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    pub(crate) message: String,
    /// The exact lanman command(s) that fix it, if any.
    pub(crate) fix: Option<String>,
}

/// Which side ends an idle session first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LimitedBy {
    Server,
    Client,
}

/// Where the server's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Source {
    /// `net config server`: what the running Server service uses.
    NetConfigServer,
    /// The `autodisconnect` registry value.
    Registry,
    /// No registry value: Windows' default of 15 minutes.
    Default,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Diagnosis {
    /// `null` for this computer.
    pub(crate) server: Option<String>,
    /// -1 when off; `null` when it could not be read.
    pub(crate) server_autodisconnect_minutes: Option<i64>,
    pub(crate) server_autodisconnect_source: Option<Source>,
    /// The `autodisconnect` registry value in minutes (-1 = off); `null` when absent or unread.
    pub(crate) server_registry_autodisconnect_minutes: Option<i64>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) keepconn_is_default: Option<bool>,
    /// `null` when neither side disconnects (or a side could not be read).
    pub(crate) effective_idle_seconds: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
    pub(crate) findings: Vec<Finding>,
}

/// Diagnose the readings: the values in effect, then one function per finding
/// (`findings.rs`).
pub(crate) fn diagnose(readings: &Readings) -> Diagnosis {
    let facts = Facts::from(readings);
    let mut found: Vec<Finding> = Vec::new();
    found.extend(findings::registry_differs(readings));
    found.extend(findings::keepconn_out_of_range(&facts));
    found.extend(findings::zero_disconnects_at_once(&facts));
    found.extend(findings::above_the_net_range(&facts));
    found.extend(findings::effective_idle(&facts));
    found.extend(findings::separate_smb2_values(readings, &facts));
    Diagnosis {
        server: readings.server.clone(),
        server_autodisconnect_minutes: facts.server_minutes,
        server_autodisconnect_source: facts.source,
        server_registry_autodisconnect_minutes: readings
            .registry_autodisconnect
            .flatten()
            .map(|dword| registry_minutes(Some(dword)).0),
        keepconn_seconds: facts.keepconn_seconds,
        keepconn_is_default: facts.keepconn_is_default,
        effective_idle_seconds: facts.effective,
        limited_by: facts.limited_by,
        findings: found,
    }
}

/// What the findings are computed from.
pub(crate) struct Facts {
    /// ` --computer HOST` for fix commands, or nothing for this computer.
    pub(crate) computer: String,
    /// The server's name in messages.
    pub(crate) server_label: String,
    pub(crate) server_minutes: Option<i64>,
    pub(crate) source: Option<Source>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) keepconn_is_default: Option<bool>,
    /// Seconds after which each side drops an idle session (`None`: never, or unread).
    pub(crate) server_limit: Option<u64>,
    pub(crate) client_limit: Option<u64>,
    pub(crate) both_read: bool,
    pub(crate) effective: Option<u64>,
    pub(crate) limited_by: Option<LimitedBy>,
}

/// The server's value from the registry: absent is the default 15, 0xFFFFFFFF is off (-1).
pub(crate) fn registry_minutes(dword: Option<u32>) -> (i64, Source) {
    match dword {
        None => (i64::from(AutoDisconnect::DEFAULT_MINUTES), Source::Default),
        Some(AutoDisconnect::OFF_DWORD) => (-1, Source::Registry),
        Some(m) => (i64::from(m), Source::Registry),
    }
}

impl From<&Readings> for Facts {
    fn from(readings: &Readings) -> Facts {
        // The server's value: what the running service uses if known, else what the registry
        // (or its absence) will give it.
        let (server_minutes, source) =
            match (readings.running_minutes, readings.registry_autodisconnect) {
                (Some(m), _) => (Some(m), Some(Source::NetConfigServer)),
                (None, Some(dword)) => {
                    let (m, s) = registry_minutes(dword);
                    (Some(m), Some(s))
                }
                (None, None) => (None, None),
            };
        let keepconn_seconds = readings
            .keepconn
            .map(|v| v.unwrap_or(u32::from(KeepConn::DEFAULT_SECONDS)));
        let server_limit = server_minutes.and_then(|m| u64::try_from(m).ok().map(|m| m * 60));
        let client_limit = keepconn_seconds.filter(|&s| s > 0).map(u64::from);
        let both_read = server_minutes.is_some() && keepconn_seconds.is_some();
        let (effective, limited_by) = match (server_limit, client_limit) {
            (Some(s), Some(c)) if s <= c => (Some(s), Some(LimitedBy::Server)),
            (Some(_), Some(c)) => (Some(c), Some(LimitedBy::Client)),
            (Some(s), None) if both_read => (Some(s), Some(LimitedBy::Server)),
            (None, Some(c)) if both_read => (Some(c), Some(LimitedBy::Client)),
            _ => (None, None),
        };
        Facts {
            computer: readings
                .server
                .as_ref()
                .map(|h| format!(" --computer {h}"))
                .unwrap_or_default(),
            server_label: readings
                .server
                .clone()
                .unwrap_or_else(|| "this computer".to_string()),
            server_minutes,
            source,
            keepconn_seconds,
            keepconn_is_default: readings.keepconn.map(|v| v.is_none()),
            server_limit,
            client_limit,
            both_read,
            effective,
            limited_by,
        }
    }
}

/// `600 s (10 minutes)`, `54000 s (15 hours)`.
pub(crate) fn duration(seconds: u64) -> String {
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
        assert_eq!(d.limited_by, Some(LimitedBy::Client));
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
            (Some(300), Some(LimitedBy::Server))
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
            (Some(1800), Some(LimitedBy::Client))
        );
    }

    #[test]
    fn server_off_leaves_the_client() {
        let d = diagnose(&local(-1, Some(7200)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(7200), Some(LimitedBy::Client))
        );
        assert_eq!(d.server_autodisconnect_minutes, Some(-1));
    }

    #[test]
    fn client_out_of_range_zero_leaves_the_server() {
        let d = diagnose(&local(30, Some(0)));
        assert_eq!(
            (d.effective_idle_seconds, d.limited_by),
            (Some(1800), Some(LimitedBy::Server))
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
            (Some(600), Some(LimitedBy::Server))
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
            (Some(0), Some(LimitedBy::Server))
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
        assert_eq!(d.limited_by, Some(LimitedBy::Client));
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
    fn unread_sides_give_no_answer_and_no_finding_about_limits() {
        // A failed probe is the command's error (printed once, on stderr), not a finding.
        let d = diagnose(&Readings {
            keepconn: Some(None),
            ..Readings::default()
        });
        assert_eq!((d.effective_idle_seconds, d.limited_by), (None, None));
        assert!(d.findings.is_empty(), "{:?}", d.findings);
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
