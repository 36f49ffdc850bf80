//! `lanman watch`: what changed between two polls, and what a whole watch saw. Pure: the
//! command gives each poll's reading and its time; memory stays bounded however long the
//! watch runs (the last reading, and counts per drive up to [`MAX_TRACKED`]).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde::Serialize;

use super::corroborate;
use super::expect::ConfiguredIdle;
use crate::parse::{Connection, NetStatistics, Session, Status};

/// Drives (or sessions' intervals) the summary keeps counts for; more are counted together.
pub(crate) const MAX_TRACKED: usize = 1024;

/// RFC 3339 in UTC, whole seconds: `2025-01-31T09:15:00Z` (jiff's own display of a
/// timestamp without fraction; no strftime, whose formatter would add to the binary).
pub(crate) fn rfc3339(time: Timestamp) -> String {
    Timestamp::from_second(time.as_second())
        .unwrap_or(time)
        .to_string()
}

/// A drive's status as the events name it: the JSON name of the status, or for an unknown
/// word the word as printed.
fn status_name(c: &Connection) -> String {
    match c.status {
        Status::Ok => "ok",
        Status::Disconnected => "disconnected",
        Status::Unavailable => "unavailable",
        Status::Reconnecting => "reconnecting",
        Status::Unknown if c.status_text.is_empty() => "unknown",
        Status::Unknown => return c.status_text.clone(),
    }
    .to_string()
}

/// One change of a drive. `event`: `initial` (the first poll's state), `changed`, `added`,
/// `removed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct DriveEvent {
    pub(crate) time: String,
    pub(crate) event: &'static str,
    pub(crate) local: Option<String>,
    pub(crate) remote: String,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
}

type DriveKey = (Option<String>, String);

/// The drives a watch has seen, and the transitions per drive.
#[derive(Debug, Default)]
pub(crate) struct DriveWatch {
    last: Option<HashMap<DriveKey, String>>,
    transitions: BTreeMap<DriveKey, BTreeMap<(String, String), u64>>,
    pub(crate) polls: u64,
    pub(crate) failed_polls: u64,
}

impl DriveWatch {
    /// The events of a successful poll at `time`.
    pub(crate) fn poll(&mut self, time: Timestamp, connections: &[Connection]) -> Vec<DriveEvent> {
        self.polls += 1;
        let now: HashMap<DriveKey, String> = connections
            .iter()
            .map(|c| ((c.local.clone(), c.remote.clone()), status_name(c)))
            .collect();
        let stamp = rfc3339(time);
        let event = |kind: &'static str,
                     key: &DriveKey,
                     from: Option<&String>,
                     to: Option<&String>| DriveEvent {
            time: stamp.clone(),
            event: kind,
            local: key.0.clone(),
            remote: key.1.clone(),
            from: from.cloned(),
            to: to.cloned(),
        };
        let mut events = Vec::new();
        match self.last.take() {
            None => {
                for c in connections {
                    let key = (c.local.clone(), c.remote.clone());
                    events.push(event("initial", &key, None, now.get(&key)));
                }
            }
            Some(last) => {
                for c in connections {
                    let key = (c.local.clone(), c.remote.clone());
                    let to = &now[&key];
                    match last.get(&key) {
                        None => events.push(event("added", &key, None, Some(to))),
                        Some(from) if from != to => {
                            events.push(event("changed", &key, Some(from), Some(to)));
                            self.count(&key, from, to);
                        }
                        Some(_) => {}
                    }
                }
                let mut gone: Vec<(&DriveKey, &String)> =
                    last.iter().filter(|(k, _)| !now.contains_key(*k)).collect();
                gone.sort();
                for (key, from) in gone {
                    events.push(event("removed", key, Some(from), None));
                }
            }
        }
        self.last = Some(now);
        events
    }

    fn count(&mut self, key: &DriveKey, from: &str, to: &str) {
        if !self.transitions.contains_key(key) && self.transitions.len() >= MAX_TRACKED {
            return;
        }
        *self
            .transitions
            .entry(key.clone())
            .or_default()
            .entry((from.to_string(), to.to_string()))
            .or_default() += 1;
    }

    pub(crate) fn summary(&self, time: Timestamp) -> DriveSummary {
        DriveSummary {
            time: rfc3339(time),
            event: "summary",
            polls: self.polls,
            failed_polls: self.failed_polls,
            drives: self
                .transitions
                .iter()
                .map(|((local, remote), counts)| DriveTransitions {
                    local: local.clone(),
                    remote: remote.clone(),
                    transitions: counts
                        .iter()
                        .map(|((from, to), count)| Transition {
                            from: from.clone(),
                            to: to.clone(),
                            count: *count,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Transition {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct DriveTransitions {
    pub(crate) local: Option<String>,
    pub(crate) remote: String,
    pub(crate) transitions: Vec<Transition>,
}

/// The end of `watch drives`: the transitions seen, per drive that had any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct DriveSummary {
    pub(crate) time: String,
    pub(crate) event: &'static str,
    pub(crate) polls: u64,
    pub(crate) failed_polls: u64,
    pub(crate) drives: Vec<DriveTransitions>,
}

/// A session that was there at one poll and not at the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct GoneEvent {
    pub(crate) time: String,
    pub(crate) event: &'static str,
    pub(crate) computer: String,
    pub(crate) user: String,
    /// Opens when last seen.
    pub(crate) opens: u32,
    /// Idle time when last seen.
    pub(crate) last_idle_seconds: u64,
    /// The last poll that saw it and the first that did not.
    pub(crate) gone_between: [String; 2],
    /// Bounds of the idle time at which the server dropped it: `last_idle_seconds` and that
    /// plus the interval. A measured limit only when it had no opens and a user.
    pub(crate) idle_between_seconds: [u64; 2],
    /// The change of "Sessions timed-out" in the same interval (corroboration only); `null`
    /// when the statistics could not be read or were reset.
    pub(crate) sessions_timed_out_change: Option<u64>,
}

/// A session by its client and user, and its opens and idle seconds when last seen.
type SessionKey = (String, String);
type SessionSeen = HashMap<SessionKey, (u32, u64)>;

/// The sessions a watch has seen, and what their ends measured.
#[derive(Debug, Default)]
pub(crate) struct SessionWatch {
    last: Option<(Timestamp, SessionSeen)>,
    last_statistics: Option<NetStatistics>,
    pub(crate) polls: u64,
    pub(crate) failed_polls: u64,
    gone: u64,
    /// Sessions with a user and no opens that vanished: the bounds of their idle at the end.
    measured_low: Option<u64>,
    measured_high: Option<u64>,
    measured: u64,
    /// The longest idle seen on a session with a user and no opens.
    longest_idle: Option<u64>,
    timed_out_total: Option<u64>,
}

impl SessionWatch {
    /// The events of a successful poll at `time`. `statistics`: `net statistics server` read
    /// at the same poll, if it could be.
    pub(crate) fn poll(
        &mut self,
        time: Timestamp,
        sessions: &[Session],
        statistics: Option<NetStatistics>,
    ) -> Vec<GoneEvent> {
        self.polls += 1;
        let timed_out = match (&self.last_statistics, &statistics) {
            (Some(before), Some(after)) => corroborate::change(before, after, "sessions_timed_out"),
            _ => None,
        };
        if let Some(change) = timed_out {
            self.timed_out_total = Some(self.timed_out_total.unwrap_or(0) + change);
        }
        if statistics.is_some() {
            self.last_statistics = statistics;
        }
        let now: SessionSeen = sessions
            .iter()
            .map(|s| {
                (
                    (s.computer.clone(), s.user.clone()),
                    (s.opens, s.idle_seconds),
                )
            })
            .collect();
        for s in sessions
            .iter()
            .filter(|s| !s.is_anonymous() && s.opens == 0)
        {
            self.longest_idle = Some(
                self.longest_idle
                    .map_or(s.idle_seconds, |l| l.max(s.idle_seconds)),
            );
        }
        let mut events = Vec::new();
        if let Some((then, last)) = &self.last {
            let interval =
                u64::try_from(time.as_second().saturating_sub(then.as_second())).unwrap_or(0);
            let mut gone: Vec<(&SessionKey, &(u32, u64))> =
                last.iter().filter(|(k, _)| !now.contains_key(*k)).collect();
            gone.sort();
            for ((computer, user), &(opens, idle)) in gone {
                self.gone += 1;
                let high = idle.saturating_add(interval);
                if opens == 0 && !user.is_empty() {
                    self.measured += 1;
                    self.measured_low = Some(self.measured_low.map_or(idle, |l| l.min(idle)));
                    self.measured_high = Some(self.measured_high.map_or(high, |h| h.max(high)));
                }
                events.push(GoneEvent {
                    time: rfc3339(time),
                    event: "gone",
                    computer: computer.clone(),
                    user: user.clone(),
                    opens,
                    last_idle_seconds: idle,
                    gone_between: [rfc3339(*then), rfc3339(time)],
                    idle_between_seconds: [idle, high],
                    sessions_timed_out_change: timed_out,
                });
            }
        }
        self.last = Some((time, now));
        events
    }

    pub(crate) fn summary(&self, time: Timestamp, configured: ConfiguredIdle) -> SessionSummary {
        SessionSummary {
            time: rfc3339(time),
            event: "summary",
            polls: self.polls,
            failed_polls: self.failed_polls,
            gone: self.gone,
            gone_without_opens: self.measured,
            idle_limit_measured_seconds: self
                .measured_low
                .zip(self.measured_high)
                .map(|(low, high)| [low, high]),
            longest_idle_seen_seconds: self.longest_idle,
            sessions_timed_out_change: self.timed_out_total,
            configured,
        }
    }
}

/// The end of `watch sessions`: the measured range of the idle limit next to the configured
/// values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct SessionSummary {
    pub(crate) time: String,
    pub(crate) event: &'static str,
    pub(crate) polls: u64,
    pub(crate) failed_polls: u64,
    /// Sessions that vanished.
    pub(crate) gone: u64,
    /// Of those, the ones with a user and no open files: each bounds the idle limit.
    pub(crate) gone_without_opens: u64,
    /// The lowest last-seen idle and the highest bound of those sessions: where the server's
    /// effective limit lay, measured; `null` when no such session vanished.
    pub(crate) idle_limit_measured_seconds: Option<[u64; 2]>,
    /// The longest idle seen on a session with a user and no opens that was still there.
    pub(crate) longest_idle_seen_seconds: Option<u64>,
    /// The total change of "Sessions timed-out" over the watch (corroboration only).
    pub(crate) sessions_timed_out_change: Option<u64>,
    pub(crate) configured: ConfiguredIdle,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Network;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).unwrap()
    }

    fn drive(local: &str, status: Status, text: &str) -> Connection {
        Connection {
            local: Some(local.to_string()),
            remote: format!("\\\\srv\\{local}"),
            server: Some("srv".to_string()),
            share: None,
            status,
            status_text: text.to_string(),
            provider: String::new(),
            network: Network::Smb,
        }
    }

    #[test]
    fn drive_transitions_are_events_and_counted_per_drive() {
        let mut watch = DriveWatch::default();
        let first = watch.poll(at(0), &[drive("Z:", Status::Ok, "OK")]);
        assert_eq!(first[0].event, "initial");
        assert!(
            watch
                .poll(at(1), &[drive("Z:", Status::Ok, "OK")])
                .is_empty()
        );
        let change = watch.poll(
            at(2),
            &[
                drive("Z:", Status::Disconnected, "Disconnected"),
                drive("Y:", Status::Ok, "OK"),
            ],
        );
        assert_eq!(change[0].event, "changed");
        assert_eq!(change[0].from.as_deref(), Some("ok"));
        assert_eq!(change[0].to.as_deref(), Some("disconnected"));
        assert_eq!(change[1].event, "added");
        let removed = watch.poll(at(3), &[drive("Z:", Status::Disconnected, "Disconnected")]);
        assert_eq!(removed[0].event, "removed");
        let summary = watch.summary(at(4));
        assert_eq!(summary.polls, 4);
        assert_eq!(summary.drives.len(), 1);
        assert_eq!(summary.drives[0].transitions[0].count, 1);
        assert_eq!(rfc3339(at(0)), "2023-11-14T22:13:20Z");
    }

    fn session(computer: &str, user: &str, opens: u32, idle: u64) -> Session {
        Session {
            computer: computer.to_string(),
            user: user.to_string(),
            client_type: String::new(),
            opens,
            idle_seconds: idle,
        }
    }

    #[test]
    fn a_vanished_session_bounds_the_idle_limit() {
        let mut watch = SessionWatch::default();
        watch.poll(
            at(0),
            &[session("PC1", "ann", 0, 880), session("PC2", "bo", 2, 5000)],
            None,
        );
        let events = watch.poll(at(30), &[session("PC2", "bo", 2, 5030)], None);
        assert_eq!(events.len(), 1);
        let gone = &events[0];
        assert_eq!(
            (gone.computer.as_str(), gone.last_idle_seconds),
            ("PC1", 880)
        );
        assert_eq!(gone.idle_between_seconds, [880, 910]);
        assert_eq!(gone.gone_between[1], rfc3339(at(30)));
        let summary = watch.summary(at(31), ConfiguredIdle::default());
        assert_eq!(summary.idle_limit_measured_seconds, Some([880, 910]));
        assert_eq!(summary.gone_without_opens, 1);
        assert_eq!(summary.longest_idle_seen_seconds, Some(880));
    }
}
