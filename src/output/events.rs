//! `lanman events`: the timeline as text, the JSON document, and the one-line history of a
//! mapped drive that doctor can show.

use jiff::Timestamp;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::diagnosis::timeline::{Timeline, time_text, unc};
use crate::error::ErrorJson;
use crate::parse::events::{Event, EventKind, Since};
use crate::text::visible;

/// One log's line in the JSON `logs` list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogSummary<'a> {
    pub log: &'a str,
    /// It could be read (`error` is null).
    pub read: bool,
    /// How many events it gave.
    pub events: usize,
    /// It gave the most lanman asks for: older events in the window were not read.
    pub limit_reached: bool,
    /// Its output passed the output cap and was read up to the last complete event.
    pub cut: bool,
    pub error: Option<&'a str>,
}

/// `lanman events --json`: `since`, `events` (oldest first), `logs`, `warnings`, `error`. On a
/// failure (the SMB client's log could not be read), `events` and `logs` are `null`.
pub struct JsonEvents<'a> {
    pub since: Timestamp,
    pub events: Option<&'a [Event]>,
    pub logs: Option<Vec<LogSummary<'a>>>,
    pub warnings: &'a [String],
    pub error: Option<ErrorJson>,
}

impl Serialize for JsonEvents<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        // To the second, as doctor's `generated_at`.
        map.serialize_entry("since", &time_text(self.since))?;
        map.serialize_entry("events", &self.events)?;
        map.serialize_entry("logs", &self.logs)?;
        map.serialize_entry("warnings", self.warnings)?;
        map.serialize_entry("error", &self.error)?;
        map.end()
    }
}

/// `lanman parse events --json`: `events` (oldest first; `null` when the file could not be
/// read), `warnings`, `error`.
pub struct JsonSavedEvents<'a> {
    pub events: Option<&'a [Event]>,
    pub error: Option<ErrorJson>,
}

impl Serialize for JsonSavedEvents<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("events", &self.events)?;
        // Every warning said on stderr (`Output::json` fills it in).
        map.serialize_entry("warnings", &[] as &[String])?;
        map.serialize_entry("error", &self.error)?;
        map.end()
    }
}

/// The provider without `Microsoft-Windows-`, and the ID: `SMBClient 30807`.
fn source(event: &Event) -> String {
    let provider = event
        .provider
        .strip_prefix("Microsoft-Windows-")
        .unwrap_or(&event.provider);
    let provider = if provider.is_empty() { "?" } else { provider };
    format!("{} {}", visible(provider), event.id)
}

/// What the event says, with the fields that tell more.
fn what(event: &Event) -> String {
    let mut words = event.kind.words().to_string();
    match event.kind {
        EventKind::ReturnedFromLowPower => {
            if let (Some(slept), Some(woke)) = (
                event
                    .field("SleepTime")
                    .and_then(crate::parse::events::parse_system_time),
                event
                    .field("WakeTime")
                    .and_then(crate::parse::events::parse_system_time),
            ) {
                words.push_str(&format!(
                    " (asleep from {} to {})",
                    time_text(slept),
                    time_text(woke)
                ));
            }
        }
        EventKind::NetworkConnected | EventKind::NetworkDisconnected => {
            if let Some(name) = event.field("Name") {
                words.push_str(&format!(": {}", visible(name)));
            }
        }
        kind if kind.is_loss() => {
            if let Some(status) = &event.status {
                words.push_str(&format!(" (status {status})"));
            }
        }
        _ => {}
    }
    words
}

fn event_line(event: &Event) -> String {
    format!(
        "  {}  {}  {}\n",
        time_text(event.time),
        source(event),
        what(event)
    )
}

/// The timeline: one block per server and share, then this computer's sleep, resume and
/// network events.
pub(crate) fn timeline_text(line: &Timeline<'_>, since: Timestamp, window: Since) -> String {
    let header = format!(
        "Events since {} ({window}), oldest first, times in UTC\n",
        time_text(since)
    );
    header + &timeline_body(line)
}

/// `lanman parse events`: the timeline of a saved output, which says no window.
pub(crate) fn saved_timeline_text(line: &Timeline<'_>) -> String {
    "Events, oldest first, times in UTC\n".to_string() + &timeline_body(line)
}

fn timeline_body(line: &Timeline<'_>) -> String {
    let mut out = String::new();
    if line.threads.is_empty() {
        out.push_str("\nNo SMB client connectivity events.\n");
    }
    for thread in &line.threads {
        out.push('\n');
        out.push_str(&unc(thread.server, thread.share));
        out.push('\n');
        for event in &thread.events {
            out.push_str(&event_line(event));
        }
    }
    if !line.computer.is_empty() {
        out.push_str("\nThis computer (sleep, resume, network)\n");
        for event in &line.computer {
            out.push_str(&event_line(event));
        }
    }
    if !line.other.is_empty() {
        out.push_str("\nOther events\n");
        for event in &line.other {
            out.push_str(&event_line(event));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::timeline::{drive_history, drive_history_line, span_words, timeline};
    use crate::parse::events::parse_events;
    use jiff::SignedDuration;

    /// Synthetic events in the documented field layout (tests/data/README.md).
    fn events() -> Vec<Event> {
        parse_events(
            "<Event><System><Provider Name='Microsoft-Windows-Power-Troubleshooter'/><EventID>1</EventID>\
             <TimeCreated SystemTime='2026-12-01T10:28:00.5Z'/><Channel>System</Channel></System>\
             <EventData><Data Name='SleepTime'>2026-12-01T09:00:00.1234567Z</Data>\
             <Data Name='WakeTime'>2026-12-01T10:27:58.0000000Z</Data></EventData></Event>\
             <Event><System><Provider Name='Microsoft-Windows-SMBClient'/><EventID>30807</EventID>\
             <TimeCreated SystemTime='2026-12-01T10:32:05.9Z'/></System><EventData>\
             <Data Name='Status'>3221225996</Data><Data Name='ServerName'>\\fs01\\data</Data></EventData></Event>\
             <Event><System><Provider Name='Microsoft-Windows-SMBClient'/><EventID>30805</EventID>\
             <TimeCreated SystemTime='2026-12-01T12:40:00Z'/></System><EventData>\
             <Data Name='ServerName'>\\fs02</Data></EventData></Event>\
             <Event><System><Provider Name='Microsoft-Windows-NetworkProfile'/><EventID>10000</EventID>\
             <TimeCreated SystemTime='2026-12-01T10:30:00Z'/></System><EventData>\
             <Data Name='Name'>corp.example.com</Data></EventData></Event>",
        )
        .unwrap()
        .events
    }

    #[test]
    fn the_timeline_reads_per_server_and_share_with_this_computer_apart() {
        let events = events();
        let since: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let text = timeline_text(&timeline(&events), since, Since::DEFAULT);
        assert_eq!(
            text,
            "Events since 2026-11-24T10:00:00Z (7d), oldest first, times in UTC\n\
             \n\
             \\\\fs01\\data\n\
             \x20 2026-12-01T10:32:05Z  SMBClient 30807  share connection lost (status 0xC000020C)\n\
             \n\
             \\\\fs02\n\
             \x20 2026-12-01T12:40:00Z  SMBClient 30805  session lost\n\
             \n\
             This computer (sleep, resume, network)\n\
             \x20 2026-12-01T10:28:00Z  Power-Troubleshooter 1  return from a low power state (asleep from 2026-12-01T09:00:00Z to 2026-12-01T10:27:58Z)\n\
             \x20 2026-12-01T10:30:00Z  NetworkProfile 10000  network connected: corp.example.com\n"
        );
    }

    #[test]
    fn no_smb_events_is_said() {
        let since: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let text = timeline_text(&timeline(&[]), since, "30m".parse().unwrap());
        assert_eq!(
            text,
            "Events since 2026-11-24T10:00:00Z (30m), oldest first, times in UTC\n\nNo SMB client connectivity events.\n"
        );
    }

    #[test]
    fn a_drive_line_names_the_loss_and_what_came_just_before() {
        let events = events();
        let history = drive_history(
            &events,
            "fs01",
            Some("data"),
            5,
            SignedDuration::from_mins(30),
        );
        assert_eq!(
            drive_history_line("\\\\fs01", Some("data"), &history).as_deref(),
            Some(
                "\\\\fs01\\data: share connection lost at 2026-12-01T10:32:05Z, 2 minutes after network connected"
            )
        );
        let history = drive_history(
            &events,
            "fs02",
            Some("home"),
            5,
            SignedDuration::from_mins(30),
        );
        assert_eq!(
            drive_history_line("fs02", Some("home"), &history).as_deref(),
            Some("\\\\fs02\\home: session lost (server fs02) at 2026-12-01T12:40:00Z")
        );
        let history = drive_history(&events, "fs09", None, 5, SignedDuration::from_mins(30));
        assert_eq!(drive_history_line("fs09", None, &history), None);
    }

    #[test]
    fn spans_in_words() {
        for (seconds, words) in [
            (0, "0 seconds"),
            (1, "1 second"),
            (59, "59 seconds"),
            (60, "1 minute"),
            (240, "4 minutes"),
            (-240, "4 minutes"),
            (3600, "1 hour"),
            (7500, "2 hours 5 minutes"),
        ] {
            assert_eq!(span_words(SignedDuration::from_secs(seconds)), words);
        }
    }

    #[test]
    fn json_has_the_documented_members() {
        let events = events();
        let since: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let doc = JsonEvents {
            since,
            events: Some(&events),
            logs: Some(vec![LogSummary {
                log: "System",
                read: true,
                events: 1,
                limit_reached: false,
                cut: false,
                error: None,
            }]),
            warnings: &[],
            error: None,
        };
        let value = serde_json::to_value(&doc).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        // In the documented order (serde_json keeps it: `preserve_order`).
        assert_eq!(keys, ["since", "events", "logs", "warnings", "error"]);
        assert_eq!(value["since"], "2026-11-24T10:00:00Z");
        let lost = &value["events"][2];
        assert_eq!(lost["time"], "2026-12-01T10:32:05.9Z");
        assert_eq!(lost["id"], 30807);
        assert_eq!(lost["kind"], "share_connection_lost");
        assert_eq!(lost["server"], "fs01");
        assert_eq!(lost["share"], "data");
        assert_eq!(lost["data"]["ServerName"], "\\fs01\\data");
        assert_eq!(value["error"], serde_json::Value::Null);
    }
}
