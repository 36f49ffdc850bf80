//! What the configured idle values let one expect of each session: configured, not measured
//! (docs/windows.md#measuring).

use serde::Serialize;

use crate::parse::Session;

/// This server's idle values as configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct ConfiguredIdle {
    /// autodisconnect in minutes as `net config server` shows it (`-1`: off); `None` when it
    /// could not be read.
    pub(crate) autodisconnect_minutes: Option<i64>,
    /// `AutoDisconnectTimeoutV2` in seconds (docs/windows.md#smb2-idle); `None` when absent or
    /// unread.
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
}

/// One idle limit that may end a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Seconds; `None` when the value turns idle disconnect off.
    pub(crate) seconds: Option<u64>,
    /// `autodisconnect 15 min`, `AutoDisconnectTimeoutV2 900 s (SMB2/3)`.
    pub(crate) label: String,
}

impl ConfiguredIdle {
    /// The limits that may apply. Which one governs a session depends on its dialect, which
    /// `net session` does not show (docs/windows.md#smb2-idle).
    pub(crate) fn limits(&self) -> Vec<Limit> {
        let mut limits = Vec::new();
        if let Some(minutes) = self.autodisconnect_minutes {
            limits.push(Limit {
                seconds: u64::try_from(minutes).ok().map(|m| m * 60),
                label: if minutes < 0 {
                    "autodisconnect off (-1)".to_string()
                } else {
                    format!("autodisconnect {minutes} min")
                },
            });
        }
        if let Some(seconds) = self.autodisconnect_v2_seconds {
            limits.push(Limit {
                seconds: Some(u64::from(seconds)),
                label: format!("AutoDisconnectTimeoutV2 {seconds} s, SMB2/3"),
            });
        }
        limits
    }

    /// `autodisconnect 15 min; AutoDisconnectTimeoutV2 900 s, SMB2/3`, or what is unknown.
    pub(crate) fn text(&self) -> String {
        let limits = self.limits();
        if limits.is_empty() {
            return "not known (net config server could not be read)".to_string();
        }
        let mut parts: Vec<String> = limits.into_iter().map(|l| l.label).collect();
        if self.autodisconnect_v2_seconds.is_none() {
            parts.push("no AutoDisconnectTimeoutV2 in the registry".to_string());
        }
        parts.join("; ")
    }
}

/// What one may expect of a session, by the configured values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Expectation {
    /// No opens: an idle limit should end it. Each limit with the seconds left (negative: past
    /// it already).
    EndsIn(Vec<(Limit, Option<i64>)>),
    /// Open files: the SMB1 rule keeps such a session (documented); for SMB2/3 unverified.
    KeptOpen { opens: u32 },
    /// No user name: a null session.
    Anonymous,
    /// The configured values are not known.
    Unknown,
}

pub(crate) fn expect(session: &Session, configured: &ConfiguredIdle) -> Expectation {
    if session.is_anonymous() {
        return Expectation::Anonymous;
    }
    if session.opens > 0 {
        return Expectation::KeptOpen {
            opens: session.opens,
        };
    }
    let limits = configured.limits();
    if limits.is_empty() {
        return Expectation::Unknown;
    }
    let idle = i64::try_from(session.idle_seconds).unwrap_or(i64::MAX);
    Expectation::EndsIn(
        limits
            .into_iter()
            .map(|limit| {
                let left = limit
                    .seconds
                    .map(|s| i64::try_from(s).unwrap_or(i64::MAX).saturating_sub(idle));
                (limit, left)
            })
            .collect(),
    )
}

/// A duration in words: `45 s`, `14 min`, `2 h 5 min`, `3 d 4 h`.
pub(crate) fn duration_text(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86_400 => match seconds % 3600 / 60 {
            0 => format!("{} h", seconds / 3600),
            m => format!("{} h {m} min", seconds / 3600),
        },
        _ => match seconds % 86_400 / 3600 {
            0 => format!("{} d", seconds / 86_400),
            h => format!("{} d {h} h", seconds / 86_400),
        },
    }
}

impl Expectation {
    /// The expectation in words, saying it is configured, not measured.
    pub(crate) fn text(&self) -> String {
        match self {
            Expectation::Anonymous => "anonymous (null) session".to_string(),
            Expectation::Unknown => "idle limit not known".to_string(),
            Expectation::KeptOpen { opens } => format!(
                "kept open by {opens} open file{} (documented for SMB1, unverified for SMB2/3)",
                if *opens == 1 { "" } else { "s" }
            ),
            Expectation::EndsIn(limits) => {
                let parts: Vec<String> = limits
                    .iter()
                    .map(|(limit, left)| match left {
                        None => format!("not ended by idle time ({})", limit.label),
                        Some(left) if *left > 0 => format!(
                            "ends in about {} ({})",
                            duration_text(left.unsigned_abs()),
                            limit.label
                        ),
                        Some(left) => format!(
                            "past its limit by {} ({})",
                            duration_text(left.unsigned_abs()),
                            limit.label
                        ),
                    })
                    .collect();
                format!("{}; configured, not measured", parts.join(" or "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(user: &str, opens: u32, idle: u64) -> Session {
        Session {
            computer: "PC1".to_string(),
            user: user.to_string(),
            client_type: String::new(),
            opens,
            idle_seconds: idle,
        }
    }

    #[test]
    fn a_session_without_opens_ends_by_each_configured_limit() {
        let configured = ConfiguredIdle {
            autodisconnect_minutes: Some(15),
            autodisconnect_v2_seconds: Some(600),
        };
        let text = expect(&session("ann", 0, 300), &configured).text();
        assert_eq!(
            text,
            "ends in about 10 min (autodisconnect 15 min) or ends in about 5 min (AutoDisconnectTimeoutV2 600 s, SMB2/3); configured, not measured"
        );
        let off = ConfiguredIdle {
            autodisconnect_minutes: Some(-1),
            autodisconnect_v2_seconds: None,
        };
        assert!(
            expect(&session("ann", 0, 300), &off)
                .text()
                .starts_with("not ended by idle time (autodisconnect off (-1))")
        );
        let past = expect(&session("ann", 0, 1000), &off);
        assert!(matches!(past, Expectation::EndsIn(_)));
    }

    #[test]
    fn opens_and_anonymous_sessions_are_not_given_an_end() {
        let configured = ConfiguredIdle {
            autodisconnect_minutes: Some(15),
            autodisconnect_v2_seconds: None,
        };
        assert_eq!(
            expect(&session("ann", 3, 5000), &configured).text(),
            "kept open by 3 open files (documented for SMB1, unverified for SMB2/3)"
        );
        assert_eq!(
            expect(&session("", 0, 5), &configured),
            Expectation::Anonymous
        );
        assert_eq!(
            expect(&session("ann", 0, 5), &ConfiguredIdle::default()),
            Expectation::Unknown
        );
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_text(45), "45 s");
        assert_eq!(duration_text(899), "14 min");
        assert_eq!(duration_text(7500), "2 h 5 min");
        assert_eq!(duration_text(3 * 86_400 + 4 * 3600), "3 d 4 h");
    }
}
