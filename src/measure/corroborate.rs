//! The server's session counters as corroboration, never as proof
//! (docs/windows.md#net-statistics): only the change between two readings means anything, and
//! what "Sessions timed-out" counts differs between SMB1 and SMB2/3.

use serde::Serialize;

use crate::parse::NetStatistics;

/// What `doctor` (on a server) and `statistics` say next to the counters.
pub(crate) const CAVEAT: &str = "corroboration only, never proof: under SMB1 \"Sessions timed-out\" counts sessions ended by the idle timer; under SMB2/3 it counts sessions whose Kerberos ticket expired, and \"Sessions errored-out\" also counts normal autodisconnects; only the change between two readings means anything";

/// The two counters `doctor` shows on a server, labelled as corroboration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Corroboration {
    pub(crate) sessions_timed_out: Option<u64>,
    pub(crate) sessions_errored_out: Option<u64>,
    /// Since when the server counts (as printed).
    pub(crate) since: Option<String>,
    pub(crate) note: &'static str,
}

/// For `doctor` on a server: the counters since the Server service started, with the caveat.
/// `None` for workstation statistics.
pub(crate) fn corroboration(stats: &NetStatistics) -> Option<Corroboration> {
    (stats.kind == crate::parse::StatisticsKind::Server).then(|| Corroboration {
        sessions_timed_out: stats.get("sessions_timed_out"),
        sessions_errored_out: stats.get("sessions_errored_out"),
        since: stats.since.clone(),
        note: CAVEAT,
    })
}

/// How a counter changed between two readings of the same statistics; `None` when either
/// reading lacks it or the statistics were reset in between (another `since`, or a smaller
/// value).
pub(crate) fn change(before: &NetStatistics, after: &NetStatistics, counter: &str) -> Option<u64> {
    if before.since != after.since {
        return None;
    }
    after.get(counter)?.checked_sub(before.get(counter)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::StatisticsKind;

    fn stats(since: &str, timed_out: u64) -> NetStatistics {
        NetStatistics {
            kind: StatisticsKind::Server,
            computer: None,
            since: Some(since.to_string()),
            since_local: None,
            counters: vec![
                ("sessions_timed_out", Some(timed_out)),
                ("sessions_errored_out", Some(1)),
            ],
        }
    }

    #[test]
    fn only_changes_within_one_counting_period_are_reported() {
        assert_eq!(
            change(&stats("a", 3), &stats("a", 5), "sessions_timed_out"),
            Some(2)
        );
        assert_eq!(
            change(&stats("a", 3), &stats("b", 5), "sessions_timed_out"),
            None
        );
        assert_eq!(
            change(&stats("a", 3), &stats("a", 1), "sessions_timed_out"),
            None
        );
    }

    #[test]
    fn doctor_gets_the_two_counters_with_the_caveat() {
        let c = corroboration(&stats("1/1/2025 8:00:00 AM", 3)).unwrap();
        assert_eq!(c.sessions_timed_out, Some(3));
        assert_eq!(c.sessions_errored_out, Some(1));
        assert!(
            c.note.contains("corroboration only, never proof"),
            "{}",
            c.note
        );
    }
}
