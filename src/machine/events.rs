//! The event logs as `wevtutil qe LOG /q:XPATH /f:xml` prints them (docs/windows.md#wevtutil):
//! the SMB client's connectivity events, and the power and network events that explain drops
//! that have nothing to do with idleness (docs/windows.md#non-idle-drops).
//!
//! [`event_queries`] is the one place that says which command lines lanman runs, so that
//! `capture` saves the output of exactly these.

use super::{Machine, Text, first_line, status_text};
use crate::error::{Denied, Failure};
use crate::exec::{Captured, Invocation, Program};
use crate::parse::events::{
    Event, EventKind, NETWORK_PROFILE_LOG, SMB_CLIENT_LOG, SYSTEM_LOG, Since, parse_events,
};

/// At most this many events per log, the newest first (`/rd:true /c:N`): a week of a flaky
/// network can log thousands, and wevtutil's output of this many stays well below the output
/// cap even in UTF-16 (docs/windows.md#wevtutil).
pub(crate) const MAX_EVENTS_PER_LOG: u32 = 300;

/// ERROR_ACCESS_DENIED, as wevtutil's exit status (docs/windows.md#wevtutil).
const ERROR_ACCESS_DENIED: i32 = 5;
/// ERROR_EVT_INVALID_QUERY.
const ERROR_EVT_INVALID_QUERY: i32 = 15001;
/// ERROR_EVT_CHANNEL_NOT_FOUND: the log does not exist on this computer.
const ERROR_EVT_CHANNEL_NOT_FOUND: i32 = 15007;

/// One log lanman reads and the command line that reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EventQuery {
    pub(crate) log: &'static str,
    /// The SMB client's log is what `events` is for: without it the command fails. The others
    /// only add context, and a failure to read one is a warning.
    pub(crate) required: bool,
    pub(crate) invocation: Invocation,
}

/// The queries `lanman events --since SINCE` runs, in this order
/// (docs/windows.md#event-ids). `capture` runs the same ones.
pub(crate) fn event_queries(since: Since) -> Vec<EventQuery> {
    let within = format!(
        "TimeCreated[timediff(@SystemTime) <= {}]",
        since.milliseconds()
    );
    let ids = |provider: &str| -> String {
        EventKind::ids_of(provider)
            .iter()
            .map(|id| format!("EventID={id}"))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let smb = format!(
        "*[System[({}) and {within}]]",
        ids("Microsoft-Windows-SMBClient")
    );
    let power = format!(
        "*[System[((Provider[@Name='Microsoft-Windows-Kernel-Power'] and ({})) or \
         (Provider[@Name='Microsoft-Windows-Power-Troubleshooter'] and ({}))) and {within}]]",
        ids("Microsoft-Windows-Kernel-Power"),
        ids("Microsoft-Windows-Power-Troubleshooter")
    );
    let network = format!(
        "*[System[({}) and {within}]]",
        ids("Microsoft-Windows-NetworkProfile")
    );
    [
        (SMB_CLIENT_LOG, true, smb),
        (SYSTEM_LOG, false, power),
        (NETWORK_PROFILE_LOG, false, network),
    ]
    .into_iter()
    .map(|(log, required, query)| EventQuery {
        log,
        required,
        invocation: query_invocation(log, &query),
    })
    .collect()
}

/// `wevtutil qe LOG /q:QUERY /f:xml /rd:true /c:N /uni:true`: XML (the same in every display
/// language), newest first, at most N events, in Unicode (docs/windows.md#wevtutil).
fn query_invocation(log: &str, query: &str) -> Invocation {
    Invocation::new(
        Program::Wevtutil,
        [
            "qe".to_string(),
            log.to_string(),
            format!("/q:{query}"),
            "/f:xml".to_string(),
            "/rd:true".to_string(),
            format!("/c:{MAX_EVENTS_PER_LOG}"),
            "/uni:true".to_string(),
        ],
    )
}

/// What became of one log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LogReading {
    pub(crate) log: &'static str,
    /// The events read from it, oldest first (none when it could not be read).
    pub(crate) events: Vec<Event>,
    /// `MAX_EVENTS_PER_LOG` were returned: older ones in the window were not read.
    pub(crate) limit_reached: bool,
    /// The output passed the output cap and was read up to its last complete event.
    pub(crate) cut: bool,
    /// Events without a readable time or ID, left out.
    pub(crate) skipped: usize,
    /// Some bytes could not be decoded.
    pub(crate) lossy: bool,
    /// Why it could not be read (a context log only: a required log's failure is an error).
    pub(crate) error: Option<String>,
}

/// Every log's reading, in the order of [`event_queries`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EventReading {
    pub(crate) logs: Vec<LogReading>,
}

impl EventReading {
    /// All events of all logs, oldest first.
    pub(crate) fn events(&self) -> Vec<Event> {
        let mut all: Vec<Event> = self.logs.iter().flat_map(|l| l.events.clone()).collect();
        all.sort_by_key(|e| e.time);
        all
    }
}

impl Machine {
    /// Run every query of [`event_queries`] at once (each with its own `--timeout`) and read
    /// what they print. Fails when wevtutil cannot be run or cannot read the SMB client's log
    /// (denied, missing, hanging, not XML); a context log that cannot be read is reported in
    /// its [`LogReading`] and the others are still read.
    pub(crate) fn read_events(&self, since: Since) -> Result<EventReading, Failure> {
        // Nothing runs when wevtutil itself cannot be run.
        self.resolve(Program::Wevtutil)?;
        let queries = event_queries(since);
        let results: Vec<Result<Captured, Failure>> = std::thread::scope(|scope| {
            let handles: Vec<_> = queries
                .iter()
                .map(|q| scope.spawn(|| self.run(&q.invocation)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut logs = Vec::new();
        for (query, result) in queries.iter().zip(results) {
            let read = result.and_then(|captured| self.read_log(query, &captured));
            match read {
                Ok(reading) => logs.push(reading),
                Err(failure) if query.required => return Err(failure),
                Err(failure) => logs.push(LogReading {
                    log: query.log,
                    events: Vec::new(),
                    limit_reached: false,
                    cut: false,
                    skipped: 0,
                    lossy: false,
                    error: Some(failure.to_string()),
                }),
            }
        }
        Ok(EventReading { logs })
    }

    /// One finished wevtutil run: its events, or the failure it reports. wevtutil's exit status
    /// is a Windows error code, which says the same in every display language; its message is
    /// translated, so it is only shown (docs/windows.md#wevtutil).
    fn read_log(&self, query: &EventQuery, captured: &Captured) -> Result<LogReading, Failure> {
        let text = self.decode(captured);
        if captured.timed_out {
            return Err(Failure::TimedOut {
                program: format!("`wevtutil qe {}`", query.log),
                seconds: self.timeout_seconds(),
            });
        }
        if !captured.overflowed && captured.status != Some(0) {
            return Err(wevtutil_failure(query, captured, &text));
        }
        let parsed = parse_events(&text.stdout).map_err(|e| {
            Failure::NotUnderstood(format!(
                "`wevtutil qe {}` printed something that is not event XML: {e}",
                query.log
            ))
        })?;
        Ok(LogReading {
            log: query.log,
            limit_reached: parsed.events.len() + parsed.skipped >= MAX_EVENTS_PER_LOG as usize,
            cut: parsed.cut || captured.overflowed,
            skipped: parsed.skipped,
            lossy: text.lossy,
            events: parsed.events,
            error: None,
        })
    }
}

/// What a failed wevtutil run means, by its exit status.
fn wevtutil_failure(query: &EventQuery, captured: &Captured, text: &Text) -> Failure {
    let program = format!("`wevtutil qe {}`", query.log);
    match captured.status {
        Some(ERROR_ACCESS_DENIED) => Failure::AccessDenied {
            doing: format!("reading the event log {} ({program})", query.log),
            who: Denied::Reading,
        },
        Some(ERROR_EVT_CHANNEL_NOT_FOUND) => Failure::ProgramFailed {
            program,
            status: status_text(captured),
            detail: format!(
                "the event log {} does not exist on this computer (ERROR_EVT_CHANNEL_NOT_FOUND)",
                query.log
            ),
        },
        Some(ERROR_EVT_INVALID_QUERY) => Failure::ProgramFailed {
            program,
            status: status_text(captured),
            detail: format!(
                "this Windows refused lanman's query (ERROR_EVT_INVALID_QUERY): {}",
                first_line(text)
            ),
        },
        _ => Failure::ProgramFailed {
            program,
            status: status_text(captured),
            detail: first_line(text),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::OUTPUT_CAP;

    #[test]
    fn the_queries_ask_each_log_for_its_events_within_the_window() {
        let since: Since = "2h".parse().unwrap();
        let queries = event_queries(since);
        let logs: Vec<&str> = queries.iter().map(|q| q.log).collect();
        assert_eq!(logs, [SMB_CLIENT_LOG, SYSTEM_LOG, NETWORK_PROFILE_LOG]);
        assert_eq!(
            queries.iter().map(|q| q.required).collect::<Vec<_>>(),
            [true, false, false]
        );
        let smb = &queries[0].invocation;
        assert_eq!(smb.program, Program::Wevtutil);
        assert_eq!(
            smb.args,
            [
                "qe",
                "Microsoft-Windows-SMBClient/Connectivity",
                "/q:*[System[(EventID=30804 or EventID=30805 or EventID=30806 or EventID=30807 \
                 or EventID=30808 or EventID=30809) and TimeCreated[timediff(@SystemTime) <= 7200000]]]",
                "/f:xml",
                "/rd:true",
                "/c:300",
                "/uni:true",
            ]
        );
        let power = &queries[1].invocation.args[2];
        assert!(
            power.contains(
                "(Provider[@Name='Microsoft-Windows-Kernel-Power'] and (EventID=42 or EventID=107))"
            ),
            "{power}"
        );
        assert!(
            power.contains(
                "(Provider[@Name='Microsoft-Windows-Power-Troubleshooter'] and (EventID=1))"
            ),
            "{power}"
        );
        assert!(
            queries[2].invocation.args[2]
                .starts_with("/q:*[System[(EventID=10000 or EventID=10001) and "),
        );
    }

    /// The event log accepts at most 20 expressions in an XPath query; past that a
    /// structured query is needed (docs/windows.md#wevtutil).
    #[test]
    fn every_query_stays_below_twenty_expressions_and_needs_no_double_quote() {
        for query in event_queries(Since::DEFAULT) {
            let xpath = &query.invocation.args[2];
            let terms = xpath.matches("EventID=").count()
                + xpath.matches("Provider[").count()
                + xpath.matches("timediff").count();
            assert!(terms < 20, "{xpath}");
            // command_line_arg quotes arguments with spaces; a `"` inside would end them.
            assert!(!xpath.contains('"'), "{xpath}");
        }
    }

    fn failed(status: i32, stderr: &str) -> Failure {
        let query = &event_queries(Since::DEFAULT)[0];
        let captured = Captured {
            status: Some(status),
            stderr: stderr.as_bytes().to_vec(),
            ..Captured::default()
        };
        let text = Text {
            stdout: String::new(),
            stderr: stderr.to_string(),
            lossy: false,
        };
        wevtutil_failure(query, &captured, &text)
    }

    /// wevtutil's exit status is the Windows error code; its words are translated and only
    /// shown (docs/windows.md#wevtutil).
    #[test]
    fn wevtutils_exit_status_says_what_failed_in_any_language() {
        let missing = failed(15007, "Échec de la requête.");
        assert_eq!(missing.exit_code(), 6);
        let message = missing.to_string();
        assert!(
            message.contains(
                "the event log Microsoft-Windows-SMBClient/Connectivity does not exist on this computer (ERROR_EVT_CHANNEL_NOT_FOUND)"
            ),
            "{message}"
        );
        assert!(message.contains("exit status 15007"), "{message}");
        let denied = failed(5, "Zugriff verweigert.");
        assert_eq!(denied.exit_code(), 4);
        assert!(denied.to_string().contains("reading the event log"));
        let query = failed(15001, "La requête spécifiée n'est pas valide.");
        assert!(query.to_string().contains("ERROR_EVT_INVALID_QUERY"));
        assert!(query.to_string().contains("La requête spécifiée"));
        let other = failed(1717, "Die Schnittstelle ist unbekannt.");
        assert_eq!(other.exit_code(), 6);
        assert!(
            other
                .to_string()
                .contains("exit status 1717): Die Schnittstelle ist unbekannt.")
        );
    }

    #[test]
    fn the_cap_and_the_count_fit_together() {
        // An SMB client event is about 1.2 KB of XML, twice that in UTF-16.
        assert!(MAX_EVENTS_PER_LOG as usize * 2 * 1400 < OUTPUT_CAP);
    }
}
