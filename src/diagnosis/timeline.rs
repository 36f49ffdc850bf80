//! Pure: events in, timelines out (moved under `diagnosis` when doctor began to use it). `lanman events` shows one timeline per server and share;
//! [`drive_history`] gives doctor the last events of one mapped drive and what happened on
//! this computer around its last loss (sleep, resume, a network change:
//! docs/windows.md#non-idle-drops). Nothing here says why a connection dropped: it puts
//! recorded events side by side.

use jiff::{SignedDuration, Timestamp};

use crate::text::visible;

use crate::parse::events::Event;
use crate::parse::server_names::same_or_short_name;

/// The SMB events of one server (`share` `None`: its connection and session events) or of one
/// share of it, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Thread<'a> {
    /// As the first of its events writes it.
    pub(crate) server: &'a str,
    pub(crate) share: Option<&'a str>,
    pub(crate) events: Vec<&'a Event>,
}

/// Events in the order a person reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Timeline<'a> {
    /// By server, each server's own events before its shares'.
    pub(crate) threads: Vec<Thread<'a>>,
    /// Sleep, resume and network events of this computer, oldest first.
    pub(crate) computer: Vec<&'a Event>,
    /// Everything else, oldest first (an SMB event that names no server, an unknown event).
    pub(crate) other: Vec<&'a Event>,
}

/// Group `events` (oldest first) by server and share.
pub(crate) fn timeline(events: &[Event]) -> Timeline<'_> {
    let mut line = Timeline::default();
    for event in events {
        match (event.kind.is_smb(), event.server.as_deref()) {
            (true, Some(server)) => {
                let share = event.share.as_deref();
                let found = line
                    .threads
                    .iter_mut()
                    .find(|t| same_name(t.server, server) && t.share.map(fold) == share.map(fold));
                match found {
                    Some(thread) => thread.events.push(event),
                    None => line.threads.push(Thread {
                        server,
                        share,
                        events: vec![event],
                    }),
                }
            }
            _ if event.kind.is_context() => line.computer.push(event),
            _ => line.other.push(event),
        }
    }
    line.threads
        .sort_by_key(|t| (fold(t.server), t.share.map(fold)));
    line
}

/// What happened on this computer close to a loss.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Context<'a> {
    pub(crate) event: &'a Event,
    /// The loss's time minus the context event's: positive when the loss came after it.
    pub(crate) gap: SignedDuration,
}

/// A drive's last loss and the context event closest to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Loss<'a> {
    pub(crate) event: &'a Event,
    /// The sleep, resume or network event closest in time to the loss, when one is within
    /// the window asked for.
    pub(crate) near: Option<Context<'a>>,
}

/// The last events of one mapped drive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DriveHistory<'a> {
    /// Its server's connection and session events and its share's events, oldest first, at
    /// most the number asked for.
    pub(crate) events: Vec<&'a Event>,
    /// The latest loss among all of them (30804, 30805, 30807, 30809).
    pub(crate) last_loss: Option<Loss<'a>>,
}

/// The SMB events about the drive `\\server\share` (`share` `None` for the server as a whole),
/// the `last` newest of them, and its latest loss with the sleep, resume or network event
/// closest to it within `window` on either side. `events` are oldest first, as
/// [`crate::parse::events::parse_events`] returns them.
///
/// A server matches by [`same_or_short_name`]: the names are equal ignoring case, or one is
/// the other's first DNS label (`fs01` and `fs01.corp.example.com`), since the client writes
/// the name it was given (docs/windows.md#smb-client-events). Connection and session events name no share and count
/// for every share of their server.
pub(crate) fn drive_history<'a>(
    events: &'a [Event],
    server: &str,
    share: Option<&str>,
    last: usize,
    window: SignedDuration,
) -> DriveHistory<'a> {
    let server = server.trim_start_matches('\\');
    let about_drive: Vec<&Event> = events
        .iter()
        .filter(|e| e.kind.is_smb())
        .filter(|e| {
            e.server
                .as_deref()
                .is_some_and(|s| same_or_short_name(s, server))
        })
        .filter(|e| match (e.share.as_deref(), share) {
            (None, _) => true,
            (Some(theirs), Some(ours)) => fold(theirs) == fold(ours),
            (Some(_), None) => true,
        })
        .collect();
    let last_loss = about_drive
        .iter()
        .rev()
        .find(|e| e.kind.is_loss())
        .map(|loss| Loss {
            event: loss,
            near: closest_context(events, loss, window),
        });
    let skip = about_drive.len().saturating_sub(last);
    DriveHistory {
        events: about_drive[skip..].to_vec(),
        last_loss,
    }
}

fn closest_context<'a>(
    events: &'a [Event],
    loss: &Event,
    window: SignedDuration,
) -> Option<Context<'a>> {
    events
        .iter()
        .filter(|e| e.kind.is_context())
        .map(|e| Context {
            event: e,
            gap: loss.time.duration_since(e.time),
        })
        .filter(|c| c.gap.abs() <= window.abs())
        // The closest; between two equally close, the one before the loss.
        .min_by_key(|c| (c.gap.abs(), c.gap.is_negative()))
}

/// Case-folded, for comparing names.
fn fold(name: &str) -> String {
    name.trim_end_matches('.').to_lowercase()
}

fn same_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// A time to the second, in UTC: `2026-12-01T10:32:05Z`.
pub(crate) fn time_text(time: Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `\\server` or `\\server\share`, made visible (control characters escaped).
pub(crate) fn unc(server: &str, share: Option<&str>) -> String {
    match share {
        Some(share) => visible(&format!("\\\\{server}\\{share}")),
        None => visible(&format!("\\\\{server}")),
    }
}

/// `4 minutes`, `30 seconds`, `2 hours 5 minutes`.
pub(crate) fn span_words(span: SignedDuration) -> String {
    let seconds = span.as_secs().unsigned_abs();
    let unit = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match seconds {
        0..60 => unit(seconds, "second"),
        60..3600 => unit(seconds / 60, "minute"),
        _ if seconds % 3600 < 60 => unit(seconds / 3600, "hour"),
        _ => format!(
            "{} {}",
            unit(seconds / 3600, "hour"),
            unit(seconds % 3600 / 60, "minute")
        ),
    }
}

/// One line about a mapped drive, for doctor:
/// `\\fs01\data: share connection lost at 2026-12-01T10:32:05Z, 4 minutes after resume from
/// sleep`. `None` when the drive had no loss in the events read.
pub(crate) fn drive_history_line(
    server: &str,
    share: Option<&str>,
    history: &DriveHistory<'_>,
) -> Option<String> {
    let loss = history.last_loss.as_ref()?;
    let mut line = format!(
        "{}: {} at {}",
        unc(server.trim_start_matches('\\'), share),
        loss.event.kind.words(),
        time_text(loss.event.time)
    );
    if loss.event.share.is_none() {
        if let Some(server) = &loss.event.server {
            line = line.replacen(" at ", &format!(" (server {}) at ", visible(server)), 1);
        }
    }
    if let Some(near) = &loss.near {
        let side = if near.gap.is_negative() {
            "before"
        } else {
            "after"
        };
        line.push_str(&format!(
            ", {} {side} {}",
            span_words(near.gap),
            near.event.kind.words()
        ));
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::events::parse_events;

    /// Synthetic events in the documented field layout (tests/data/README.md).
    fn events() -> Vec<Event> {
        let smb = |id: u32, time: &str, name: &str| {
            format!(
                "<Event><System><Provider Name='Microsoft-Windows-SMBClient'/><EventID>{id}</EventID>\
                 <TimeCreated SystemTime='{time}'/><Channel>Microsoft-Windows-SMBClient/Connectivity</Channel></System>\
                 <EventData><Data Name='Status'>0xc000020c</Data><Data Name='ServerName'>{name}</Data></EventData></Event>"
            )
        };
        let power = |provider: &str, id: u32, time: &str| {
            format!(
                "<Event><System><Provider Name='{provider}'/><EventID>{id}</EventID>\
                 <TimeCreated SystemTime='{time}'/><Channel>System</Channel></System></Event>"
            )
        };
        let text = [
            power("Microsoft-Windows-Kernel-Power", 42, "2026-12-01T09:00:00Z"),
            power(
                "Microsoft-Windows-Power-Troubleshooter",
                1,
                "2026-12-01T10:28:00Z",
            ),
            smb(30805, "2026-12-01T10:31:59Z", "\\fs01.corp.example.com"),
            smb(30807, "2026-12-01T10:32:00Z", "\\fs01\\data"),
            smb(30808, "2026-12-01T10:33:00Z", "\\FS01\\Data"),
            smb(30807, "2026-12-01T10:40:00Z", "\\fs01\\scans"),
            smb(30807, "2026-12-01T10:41:00Z", "\\fs02\\data"),
            power(
                "Microsoft-Windows-NetworkProfile",
                10000,
                "2026-12-01T10:45:00Z",
            ),
        ]
        .concat();
        parse_events(&text).unwrap().events
    }

    #[test]
    fn a_drive_gets_its_share_and_server_events_and_the_resume_before_its_loss() {
        let events = events();
        let history = drive_history(
            &events,
            "\\\\fs01",
            Some("DATA"),
            10,
            SignedDuration::from_mins(30),
        );
        let ids: Vec<u32> = history.events.iter().map(|e| e.id).collect();
        // Not fs01\scans, not fs02.
        assert_eq!(ids, [30805, 30807, 30808]);
        let loss = history.last_loss.unwrap();
        assert_eq!(
            (loss.event.id, loss.event.share.as_deref()),
            (30807, Some("data"))
        );
        let near = loss.near.unwrap();
        assert_eq!(near.event.id, 1);
        assert_eq!(near.gap, SignedDuration::from_mins(4));
    }

    #[test]
    fn nothing_near_when_the_context_is_outside_the_window() {
        let events = events();
        let history = drive_history(
            &events,
            "fs01",
            Some("data"),
            10,
            SignedDuration::from_mins(2),
        );
        assert_eq!(history.last_loss.unwrap().near, None);
    }

    #[test]
    fn only_the_last_events_are_kept_but_the_last_loss_is_found_among_all() {
        let events = events();
        let history = drive_history(
            &events,
            "fs01",
            Some("data"),
            1,
            SignedDuration::from_mins(30),
        );
        assert_eq!(
            history.events.iter().map(|e| e.id).collect::<Vec<_>>(),
            [30808]
        );
        assert_eq!(history.last_loss.map(|l| l.event.id), Some(30807));
    }

    #[test]
    fn a_context_event_just_after_the_loss_counts_with_a_negative_gap() {
        let events = events();
        let history = drive_history(
            &events,
            "fs02",
            Some("data"),
            5,
            SignedDuration::from_mins(5),
        );
        let near = history.last_loss.unwrap().near.unwrap();
        assert_eq!(near.event.id, 10000);
        assert_eq!(near.gap, SignedDuration::from_mins(-4));
    }

    #[test]
    fn a_drive_with_no_events_has_no_history() {
        let events = events();
        let history = drive_history(&events, "fs09", Some("x"), 5, SignedDuration::from_mins(5));
        assert_eq!(
            history,
            DriveHistory {
                events: vec![],
                last_loss: None
            }
        );
    }

    #[test]
    fn the_timeline_has_a_thread_per_server_and_share_and_the_computer_apart() {
        let events = events();
        let line = timeline(&events);
        let threads: Vec<(String, Option<String>, usize)> = line
            .threads
            .iter()
            .map(|t| {
                (
                    t.server.to_string(),
                    t.share.map(str::to_string),
                    t.events.len(),
                )
            })
            .collect();
        assert_eq!(
            threads,
            [
                ("fs01".to_string(), Some("data".to_string()), 2),
                ("fs01".to_string(), Some("scans".to_string()), 1),
                ("fs01.corp.example.com".to_string(), None, 1),
                ("fs02".to_string(), Some("data".to_string()), 1),
            ]
        );
        assert_eq!(line.computer.len(), 3);
        assert!(line.other.is_empty());
    }
}
