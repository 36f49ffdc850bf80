//! Event log XML as `wevtutil qe LOG /f:xml` prints it (docs/windows.md#wevtutil): the events
//! lanman asks for, read from their XML rather than from rendered text, because the XML's
//! element names, event IDs and `EventData` field names are the same in every display
//! language; only the rendered message is translated (docs/windows.md#event-xml).
//!
//! What the reader accepts, because it is what wevtutil and the people who save its output
//! produce:
//! - several `<Event>` elements one after another with no root element (wevtutil without
//!   `/e`), or inside one root element (`/e:Events`), with or without an XML declaration or a
//!   byte-order mark, with or without the event namespace (`xmlns=…/win/2004/08/events/event`);
//! - `TimeCreated SystemTime` with 7 fractional digits (current Windows), 9 (older builds print
//!   100-ns ticks followed by `00`), none, or without the `Z`;
//! - `EventData` members with a `Name` (manifest events) or without (classic events, read by
//!   position), `UserData`, and any field missing;
//! - an empty output (no event matched), and an output cut off in the middle of an event (the
//!   output cap): the complete events before the cut are read and the cut is reported.
//!
//! Also here: [`Since`], the `--since` window (`30m`, `24h`, `7d`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::Serialize;

use super::duration::{Bare, duration_text, parse_duration};

/// The SMB client's connectivity log (docs/windows.md#smb-client-events).
pub const SMB_CLIENT_LOG: &str = "Microsoft-Windows-SMBClient/Connectivity";
/// The System log, where the power events are (docs/windows.md#power-events).
pub const SYSTEM_LOG: &str = "System";
/// Network connects and disconnects (docs/windows.md#network-events).
pub const NETWORK_PROFILE_LOG: &str = "Microsoft-Windows-NetworkProfile/Operational";

const SMB_CLIENT: &str = "Microsoft-Windows-SMBClient";
const KERNEL_POWER: &str = "Microsoft-Windows-Kernel-Power";
const POWER_TROUBLESHOOTER: &str = "Microsoft-Windows-Power-Troubleshooter";
const NETWORK_PROFILE: &str = "Microsoft-Windows-NetworkProfile";

/// What an event means to lanman: one name per provider and event ID it asks for
/// (docs/windows.md#event-ids). The names are the JSON `kind` and never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// SMBClient 30804: "A network connection was disconnected."
    ConnectionDisconnected,
    /// SMBClient 30805: "The client lost its session to the server."
    SessionLost,
    /// SMBClient 30806: "The client re-established its session to the server."
    SessionReestablished,
    /// SMBClient 30807: "The connection to the share was lost."
    ShareConnectionLost,
    /// SMBClient 30808: "The connection to the share was re-established."
    ShareReestablished,
    /// SMBClient 30809: "A request timed out because there was no response from the server."
    RequestTimedOut,
    /// Kernel-Power 42: "The system is entering sleep."
    EnteringSleep,
    /// Kernel-Power 107: "The system has resumed from sleep."
    ResumedFromSleep,
    /// Power-Troubleshooter 1: "The system has returned from a low power state."
    ReturnedFromLowPower,
    /// NetworkProfile 10000: a network was connected.
    NetworkConnected,
    /// NetworkProfile 10001: a network was disconnected.
    NetworkDisconnected,
    /// Any other provider or ID (a saved file with more in it; lanman's queries ask for none).
    Other,
}

/// One entry of the table below.
struct Known {
    provider: &'static str,
    id: u32,
    kind: EventKind,
}

/// The events lanman reads, by provider and ID (docs/windows.md#event-ids).
const KNOWN: &[Known] = &[
    known(SMB_CLIENT, 30804, EventKind::ConnectionDisconnected),
    known(SMB_CLIENT, 30805, EventKind::SessionLost),
    known(SMB_CLIENT, 30806, EventKind::SessionReestablished),
    known(SMB_CLIENT, 30807, EventKind::ShareConnectionLost),
    known(SMB_CLIENT, 30808, EventKind::ShareReestablished),
    known(SMB_CLIENT, 30809, EventKind::RequestTimedOut),
    known(KERNEL_POWER, 42, EventKind::EnteringSleep),
    known(KERNEL_POWER, 107, EventKind::ResumedFromSleep),
    known(POWER_TROUBLESHOOTER, 1, EventKind::ReturnedFromLowPower),
    known(NETWORK_PROFILE, 10000, EventKind::NetworkConnected),
    known(NETWORK_PROFILE, 10001, EventKind::NetworkDisconnected),
];

const fn known(provider: &'static str, id: u32, kind: EventKind) -> Known {
    Known { provider, id, kind }
}

impl EventKind {
    /// The kind of `provider`'s event `id`. Provider names are compared without regard to
    /// case: the SMB client's channel is spelled `SmbClient` in some places and `SMBClient` in
    /// others (docs/windows.md#smb-client-events).
    pub fn of(provider: &str, id: u32) -> EventKind {
        KNOWN
            .iter()
            .find(|k| k.id == id && k.provider.eq_ignore_ascii_case(provider))
            .map_or(EventKind::Other, |k| k.kind)
    }

    /// The event IDs lanman asks `provider` for.
    pub fn ids_of(provider: &str) -> Vec<u32> {
        KNOWN
            .iter()
            .filter(|k| k.provider.eq_ignore_ascii_case(provider))
            .map(|k| k.id)
            .collect()
    }

    /// The stable snake_case name (the JSON `kind`).
    pub fn name(self) -> &'static str {
        match self {
            EventKind::ConnectionDisconnected => "connection_disconnected",
            EventKind::SessionLost => "session_lost",
            EventKind::SessionReestablished => "session_reestablished",
            EventKind::ShareConnectionLost => "share_connection_lost",
            EventKind::ShareReestablished => "share_reestablished",
            EventKind::RequestTimedOut => "request_timed_out",
            EventKind::EnteringSleep => "entering_sleep",
            EventKind::ResumedFromSleep => "resumed_from_sleep",
            EventKind::ReturnedFromLowPower => "returned_from_low_power",
            EventKind::NetworkConnected => "network_connected",
            EventKind::NetworkDisconnected => "network_disconnected",
            EventKind::Other => "other",
        }
    }

    /// In words, as the provider's own message says it (docs/windows.md#event-ids).
    pub fn words(self) -> &'static str {
        match self {
            EventKind::ConnectionDisconnected => "connection disconnected",
            EventKind::SessionLost => "session lost",
            EventKind::SessionReestablished => "session re-established",
            EventKind::ShareConnectionLost => "share connection lost",
            EventKind::ShareReestablished => "share connection re-established",
            EventKind::RequestTimedOut => "request timed out with no response from the server",
            EventKind::EnteringSleep => "entering sleep",
            EventKind::ResumedFromSleep => "resume from sleep",
            EventKind::ReturnedFromLowPower => "return from a low power state",
            EventKind::NetworkConnected => "network connected",
            EventKind::NetworkDisconnected => "network disconnected",
            EventKind::Other => "other event",
        }
    }

    /// An SMB client event: it names a server (and maybe a share).
    pub fn is_smb(self) -> bool {
        matches!(
            self,
            EventKind::ConnectionDisconnected
                | EventKind::SessionLost
                | EventKind::SessionReestablished
                | EventKind::ShareConnectionLost
                | EventKind::ShareReestablished
                | EventKind::RequestTimedOut
        )
    }

    /// The client lost (part of) its connection, or a request went unanswered.
    pub fn is_loss(self) -> bool {
        matches!(
            self,
            EventKind::ConnectionDisconnected
                | EventKind::SessionLost
                | EventKind::ShareConnectionLost
                | EventKind::RequestTimedOut
        )
    }

    /// Something on this computer that drops connections whatever the server's idle settings
    /// are: sleep, resume, a network change (docs/windows.md#non-idle-drops).
    pub fn is_context(self) -> bool {
        matches!(
            self,
            EventKind::EnteringSleep
                | EventKind::ResumedFromSleep
                | EventKind::ReturnedFromLowPower
                | EventKind::NetworkConnected
                | EventKind::NetworkDisconnected
        )
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One event, as its XML says it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `TimeCreated SystemTime`, in UTC.
    #[serde(serialize_with = "rfc3339")]
    pub time: Timestamp,
    /// `EventID`.
    pub id: u32,
    pub kind: EventKind,
    /// `Channel`: the log the event is in.
    pub log: String,
    /// `Provider Name`.
    pub provider: String,
    /// The SMB server the event names, without backslashes (`ServerName`); `None` for other
    /// events or when the field is empty.
    pub server: Option<String>,
    /// The share, for the share events (30807/30808 carry `\server\share` in `ServerName`:
    /// docs/windows.md#smb-client-events).
    pub share: Option<String>,
    /// `Status` (an NTSTATUS) as `0x` and eight hex digits, when the event has one.
    pub status: Option<String>,
    /// `Level` (1 critical, 2 error, 3 warning, 4 information).
    pub level: Option<u8>,
    /// `EventRecordID`.
    pub record_id: Option<u64>,
    /// `Computer`.
    pub computer: Option<String>,
    /// Every `EventData` / `UserData` member by name (unnamed members by position, `"1"`, `"2"`
    /// …), as the XML gives them.
    pub data: BTreeMap<String, String>,
}

fn rfc3339<S: serde::Serializer>(time: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(time)
}

impl Event {
    /// The `EventData` member `name`, if present and not empty.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.data
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }
}

/// What a wevtutil output held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedEvents {
    /// The events, oldest first.
    pub events: Vec<Event>,
    /// `<Event>` elements left out because they had no readable `EventID` or `TimeCreated`.
    pub skipped: usize,
    /// The output ended inside an event (cut at the output cap): `events` are the complete
    /// ones before the cut.
    pub cut: bool,
}

/// Why an output could not be read as events.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EventsError {
    #[error("it is not well-formed XML ({0})")]
    NotXml(String),
    #[error("it is XML but holds no <Event> element")]
    NoEvents,
}

/// The wrapper element lanman puts around the output so that several root-less `<Event>`
/// elements form one document.
const WRAPPER: &str = "lanman-wevtutil-output";

/// Read `wevtutil qe … /f:xml` output (decoded text).
pub fn parse_events(text: &str) -> Result<ParsedEvents, EventsError> {
    let body = strip_prologue(text);
    if body.trim().is_empty() {
        return Ok(ParsedEvents::default());
    }
    let whole = wrap(body);
    match roxmltree::Document::parse(&whole) {
        Ok(document) => read_document(&document, false),
        Err(first_error) => {
            // Cut at the output cap: read the complete events before the cut.
            let complete = cut_after_last_event(body)
                .ok_or_else(|| EventsError::NotXml(first_error.to_string()))?;
            let wrapped = wrap(&complete);
            let document = roxmltree::Document::parse(&wrapped)
                .map_err(|_| EventsError::NotXml(first_error.to_string()))?;
            read_document(&document, true)
        }
    }
}

fn read_document(
    document: &roxmltree::Document<'_>,
    cut: bool,
) -> Result<ParsedEvents, EventsError> {
    let event_elements: Vec<roxmltree::Node<'_, '_>> = document
        .descendants()
        .filter(|n| is_named(n, "Event") && child(*n, "System").is_some())
        .collect();
    if event_elements.is_empty() {
        return Err(EventsError::NoEvents);
    }
    let mut parsed = ParsedEvents {
        cut,
        ..ParsedEvents::default()
    };
    for element in event_elements {
        match read_event(element) {
            Some(event) => parsed.events.push(event),
            None => parsed.skipped += 1,
        }
    }
    // wevtutil /rd:true prints the newest first; a timeline reads oldest first. Stable, so
    // events of the same instant keep the order of their record IDs where the log gave them.
    parsed
        .events
        .sort_by(|a, b| a.time.cmp(&b.time).then(a.record_id.cmp(&b.record_id)));
    Ok(parsed)
}

/// Without a byte-order mark and leading XML declarations (one per saved file; a wrapped
/// document may have none inside it).
fn strip_prologue(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(after) = rest.strip_prefix("<?xml") {
        match after.find("?>") {
            Some(end) => rest = after[end + 2..].trim_start(),
            None => break,
        }
    }
    rest
}

/// The output inside one wrapper element, so that root-less events form one document.
fn wrap(body: &str) -> String {
    format!("<{WRAPPER}>{body}</{WRAPPER}>")
}

/// The output up to the end of its last complete event, with a root element (`/e:Events`)
/// closed again: what is left of an output cut at the cap.
fn cut_after_last_event(body: &str) -> Option<String> {
    let end = body.rfind("</Event>")? + "</Event>".len();
    let mut complete = body[..end].to_string();
    if let Some(root) = root_element_name(body) {
        complete.push_str(&format!("</{root}>"));
    }
    Some(complete)
}

/// The name of the first element when it is not an event: a root that `/e:NAME` added.
fn root_element_name(body: &str) -> Option<&str> {
    let start = body.strip_prefix('<')?;
    let name_len = start
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(start.len());
    let name = &start[..name_len];
    let local = name.rsplit(':').next().unwrap_or(name);
    (!name.is_empty() && local != "Event" && !name.starts_with(['!', '?'])).then_some(name)
}

/// An element with this local name, in the event namespace or in none (saved files drop the
/// namespace; the names are what matters: docs/windows.md#event-xml).
fn is_named(node: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|c| is_named(c, name))
}

/// The text inside an element (all of it, trimmed); `""` for an empty element.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_string()
}

fn read_event(element: roxmltree::Node<'_, '_>) -> Option<Event> {
    let system = child(element, "System")?;
    let field = |name: &str| child(system, name).map(text_of).filter(|t| !t.is_empty());
    let id: u32 = field("EventID")?.parse().ok()?;
    let time = child(system, "TimeCreated")
        .and_then(|t| t.attribute("SystemTime"))
        .and_then(parse_system_time)?;
    let provider = child(system, "Provider")
        .and_then(|p| p.attribute("Name"))
        .unwrap_or("")
        .to_string();
    let data = read_data(element);
    let kind = EventKind::of(&provider, id);
    let (server, share) = if kind.is_smb() {
        data.get("ServerName")
            .map(|name| split_unc(name))
            .unwrap_or((None, None))
    } else {
        (None, None)
    };
    let status = data.get("Status").and_then(|s| normalize_status(s));
    Some(Event {
        time,
        id,
        kind,
        log: field("Channel").unwrap_or_default(),
        provider,
        server,
        share,
        status,
        level: field("Level").and_then(|l| l.parse().ok()),
        record_id: field("EventRecordID").and_then(|r| r.parse().ok()),
        computer: field("Computer"),
        data,
    })
}

/// `EventData` members by `Name` (unnamed ones by position from 1), then the leaf elements of
/// `UserData` by their element name. A name seen twice keeps its first value.
fn read_data(element: roxmltree::Node<'_, '_>) -> BTreeMap<String, String> {
    let mut data = BTreeMap::new();
    if let Some(event_data) = child(element, "EventData") {
        for (position, item) in event_data
            .children()
            .filter(|c| is_named(c, "Data"))
            .enumerate()
        {
            let name = item
                .attribute("Name")
                .map_or_else(|| (position + 1).to_string(), str::to_string);
            data.entry(name).or_insert_with(|| text_of(item));
        }
    }
    if let Some(user_data) = child(element, "UserData") {
        for leaf in user_data
            .descendants()
            .filter(|n| n.is_element() && !n.children().any(|c| c.is_element()))
        {
            data.entry(leaf.tag_name().name().to_string())
                .or_insert_with(|| text_of(leaf));
        }
    }
    data
}

/// `TimeCreated SystemTime`: an RFC 3339 time in UTC, with any number of fractional digits.
/// One without an offset is taken as UTC, which the event schema says it is
/// (docs/windows.md#event-xml).
pub fn parse_system_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    text.parse::<Timestamp>()
        .ok()
        .or_else(|| format!("{text}Z").parse::<Timestamp>().ok())
}

/// `\\fs01\data`, `\fs01\data` (how the SMB client writes it), `fs01\data` or `fs01` into the
/// server and the share.
fn split_unc(name: &str) -> (Option<String>, Option<String>) {
    let trimmed = name.trim().trim_start_matches(['\\', '/']);
    let mut parts = trimmed.split(['\\', '/']).filter(|p| !p.is_empty());
    let server = parts.next().map(str::to_string);
    let share = parts.next().map(str::to_string);
    (server, share)
}

/// An NTSTATUS as the XML writes it (decimal, or `0x` hex) as `0x` and eight hex digits.
fn normalize_status(text: &str) -> Option<String> {
    let text = text.trim();
    let value = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => text
            .parse::<u32>()
            .ok()
            .or_else(|| text.parse::<i32>().ok().map(|v| v as u32))?,
    };
    Some(format!("0x{value:08X}"))
}

/// How far back `lanman events` reads: `--since` (docs/windows.md#wevtutil).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Since {
    seconds: u64,
}

impl Since {
    /// A week, the default.
    pub const DEFAULT: Since = Since {
        seconds: 7 * 86_400,
    };
    /// The longest window: a year.
    pub const MAX_SECONDS: u64 = 366 * 86_400;

    pub fn seconds(self) -> u64 {
        self.seconds
    }

    /// In milliseconds, as the event log's `timediff` compares (docs/windows.md#wevtutil).
    pub fn milliseconds(self) -> u64 {
        self.seconds * 1000
    }
}

/// As typed: the largest units that divide it (`7d`, `1d12h`, `1h30m`).
impl fmt::Display for Since {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&duration_text(self.seconds))
    }
}

/// Why a `--since` value was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid --since {value:?}: {why}; expected a duration such as 30m, 24h, 7d (1m to 366d)")]
pub struct InvalidSince {
    value: String,
    why: String,
}

impl FromStr for Since {
    type Err = InvalidSince;

    /// A duration (README "Durations"; a number needs its unit), 1m to 366d.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| InvalidSince {
            value: s.to_string(),
            why: why.to_string(),
        };
        let total = parse_duration(s, Bare::Refused).map_err(|why| bad(&why))?;
        if total < 60 {
            return Err(bad("the shortest window is 1m"));
        }
        if total > Since::MAX_SECONDS {
            return Err(bad("the longest window is 366d"));
        }
        Ok(Since { seconds: total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "http://schemas.microsoft.com/win/2004/08/events/event";

    /// One SMB client event in the shape the manifest's field list gives (tests/data/README.md).
    fn smb_event(id: u32, time: &str, server_name: &str) -> String {
        format!(
            "<Event xmlns='{NS}'><System><Provider Name='Microsoft-Windows-SMBClient' Guid='{{988c59c5-0a1c-45b6-a555-0c62276e327d}}'/>\
             <EventID>{id}</EventID><Version>2</Version><Level>3</Level><Task>0</Task>\
             <TimeCreated SystemTime='{time}'/><EventRecordID>7</EventRecordID>\
             <Channel>Microsoft-Windows-SMBClient/Connectivity</Channel><Computer>PC1</Computer></System>\
             <EventData><Data Name='Status'>3221225676</Data><Data Name='SessionId'>8796093022277</Data>\
             <Data Name='TreeId'>5</Data><Data Name='ServerNameLength'>14</Data>\
             <Data Name='ServerName'>{server_name}</Data></EventData></Event>"
        )
    }

    #[test]
    fn root_less_events_one_after_another_are_all_read() {
        let text = format!(
            "{}\r\n{}\r\n",
            smb_event(30807, "2026-12-01T10:32:05.1234567Z", "\\fs01\\data"),
            smb_event(30808, "2026-12-01T10:33:06.0000001Z", "\\fs01\\data")
        );
        let parsed = parse_events(&text).unwrap();
        assert_eq!(parsed.events.len(), 2);
        assert!(!parsed.cut);
        let lost = &parsed.events[0];
        assert_eq!(lost.kind, EventKind::ShareConnectionLost);
        assert_eq!(lost.server.as_deref(), Some("fs01"));
        assert_eq!(lost.share.as_deref(), Some("data"));
        assert_eq!(lost.status.as_deref(), Some("0xC00000CC"));
        assert_eq!(lost.time.to_string(), "2026-12-01T10:32:05.1234567Z");
        assert_eq!(lost.log, SMB_CLIENT_LOG);
        assert_eq!(lost.computer.as_deref(), Some("PC1"));
        assert_eq!(parsed.events[1].kind, EventKind::ShareReestablished);
    }

    #[test]
    fn a_root_element_a_declaration_and_a_bom_change_nothing() {
        let events = smb_event(30805, "2026-12-01T10:32:05.1234567Z", "\\fs01");
        let plain = parse_events(&events).unwrap();
        let rooted = format!(
            "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>{events}</Events>"
        );
        assert_eq!(parse_events(&rooted).unwrap(), plain);
    }

    #[test]
    fn events_without_the_namespace_read_the_same() {
        let with = smb_event(30804, "2026-12-01T10:32:05Z", "\\fs01");
        let without = with.replace(&format!(" xmlns='{NS}'"), "");
        assert_ne!(with, without);
        assert_eq!(
            parse_events(&with).unwrap(),
            parse_events(&without).unwrap()
        );
    }

    #[test]
    fn newest_first_output_is_returned_oldest_first() {
        let text = format!(
            "{}{}",
            smb_event(30806, "2026-12-01T11:00:00Z", "\\fs01"),
            smb_event(30805, "2026-12-01T10:00:00Z", "\\fs01")
        );
        let kinds: Vec<EventKind> = parse_events(&text)
            .unwrap()
            .events
            .iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(
            kinds,
            [EventKind::SessionLost, EventKind::SessionReestablished]
        );
    }

    #[test]
    fn system_times_with_seven_nine_or_no_fractional_digits_and_no_z() {
        for (text, expected) in [
            (
                "2021-08-19T10:03:54.7994538Z",
                "2021-08-19T10:03:54.7994538Z",
            ),
            (
                "2018-03-23T15:59:53.445827100Z",
                "2018-03-23T15:59:53.4458271Z",
            ),
            ("2026-12-01T10:32:05Z", "2026-12-01T10:32:05Z"),
            ("2026-12-01T10:32:05.5", "2026-12-01T10:32:05.5Z"),
        ] {
            assert_eq!(
                parse_system_time(text).map(|t| t.to_string()).as_deref(),
                Some(expected),
                "{text}"
            );
        }
        assert_eq!(parse_system_time("yesterday"), None);
        assert_eq!(parse_system_time(""), None);
    }

    #[test]
    fn the_empty_output_of_a_query_that_matched_nothing_is_no_events() {
        for empty in ["", "\r\n", "\u{feff}", "<?xml version=\"1.0\"?>\r\n"] {
            assert_eq!(parse_events(empty).unwrap(), ParsedEvents::default());
        }
    }

    #[test]
    fn an_output_cut_inside_an_event_keeps_the_complete_ones() {
        let first = smb_event(30807, "2026-12-01T10:32:05Z", "\\fs01\\data");
        let second = smb_event(30808, "2026-12-01T10:33:05Z", "\\fs01\\data");
        let cut = format!("{first}{}", &second[..second.len() / 2]);
        let parsed = parse_events(&cut).unwrap();
        assert!(parsed.cut);
        assert_eq!(parsed.events.len(), 1);
        // The same inside a root element.
        let parsed = parse_events(&format!("<Events>{cut}")).unwrap();
        assert!(parsed.cut);
        assert_eq!(parsed.events.len(), 1);
    }

    #[test]
    fn text_that_is_not_event_xml_is_an_error() {
        assert!(matches!(
            parse_events("Failed to query log"),
            Err(EventsError::NoEvents)
        ));
        assert!(matches!(
            parse_events("<html><body>no</body></html>"),
            Err(EventsError::NoEvents)
        ));
        assert!(matches!(
            parse_events("<Event><System>"),
            Err(EventsError::NotXml(_))
        ));
        assert!(matches!(
            parse_events("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"),
            Err(EventsError::NotXml(_))
        ));
    }

    #[test]
    fn missing_fields_leave_their_members_empty_and_unreadable_events_are_counted() {
        let bare = "<Event><System><Provider Name='Microsoft-Windows-SMBClient'/><EventID>30805</EventID>\
                    <TimeCreated SystemTime='2026-12-01T10:32:05Z'/></System></Event>";
        let no_time = "<Event><System><EventID>30805</EventID></System></Event>";
        let no_id =
            "<Event><System><TimeCreated SystemTime='2026-12-01T10:32:05Z'/></System></Event>";
        let parsed = parse_events(&format!("{bare}{no_time}{no_id}")).unwrap();
        assert_eq!(parsed.skipped, 2);
        let event = &parsed.events[0];
        assert_eq!(event.kind, EventKind::SessionLost);
        assert_eq!(
            (
                &event.server,
                &event.share,
                &event.status,
                event.level,
                event.record_id
            ),
            (&None, &None, &None, None, None)
        );
        assert_eq!(event.log, "");
        assert!(event.data.is_empty());
    }

    #[test]
    fn classic_events_keep_unnamed_data_by_position_and_qualifiers_do_not_matter() {
        let classic = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
            <Provider Name='EventLog'/><EventID Qualifiers='32768'>6008</EventID>\
            <TimeCreated SystemTime='2026-09-05T21:03:43.6Z'/></System>\
            <EventData><Data>22:38:59</Data><Data></Data><Binary>EA07</Binary></EventData></Event>";
        let event = &parse_events(classic).unwrap().events[0];
        assert_eq!((event.id, event.kind), (6008, EventKind::Other));
        assert_eq!(event.data.get("1").map(String::as_str), Some("22:38:59"));
        assert_eq!(event.data.get("2").map(String::as_str), Some(""));
    }

    #[test]
    fn server_names_in_every_form_the_client_writes_them() {
        for (name, server, share) in [
            ("\\fs01", Some("fs01"), None),
            (
                "\\\\fs01.corp.example.com",
                Some("fs01.corp.example.com"),
                None,
            ),
            ("fs01", Some("fs01"), None),
            ("\\172.31.30.112", Some("172.31.30.112"), None),
            ("\\fs01\\data", Some("fs01"), Some("data")),
            ("\\\\fs01\\Données\\sub", Some("fs01"), Some("Données")),
            ("", None, None),
        ] {
            let (s, h) = split_unc(name);
            assert_eq!((s.as_deref(), h.as_deref()), (server, share), "{name:?}");
        }
    }

    #[test]
    fn status_in_decimal_or_hex_is_written_one_way() {
        assert_eq!(
            normalize_status("3221225676").as_deref(),
            Some("0xC00000CC")
        );
        assert_eq!(
            normalize_status("0xc00000cc").as_deref(),
            Some("0xC00000CC")
        );
        assert_eq!(
            normalize_status("-1073741620").as_deref(),
            Some("0xC00000CC")
        );
        assert_eq!(normalize_status("0").as_deref(), Some("0x00000000"));
        assert_eq!(normalize_status("n/a"), None);
    }

    #[test]
    fn kinds_depend_on_the_provider_not_only_the_id() {
        assert_eq!(
            EventKind::of("Microsoft-Windows-Power-Troubleshooter", 1),
            EventKind::ReturnedFromLowPower
        );
        assert_eq!(
            EventKind::of("Microsoft-Windows-Kernel-Power", 1),
            EventKind::Other
        );
        assert_eq!(
            EventKind::of("microsoft-windows-smbclient", 30807),
            EventKind::ShareConnectionLost
        );
        assert_eq!(
            EventKind::ids_of(SMB_CLIENT),
            [30804, 30805, 30806, 30807, 30808, 30809]
        );
        // Every kind but Other is in the table, under its own name.
        for k in KNOWN {
            assert_eq!(EventKind::of(k.provider, k.id), k.kind);
            assert_eq!(
                serde_json::to_value(k.kind).unwrap(),
                serde_json::Value::String(k.kind.name().to_string())
            );
        }
    }

    /// The XML of a recorded event as a web page shows it (fixtures/events/README.md): each
    /// line without the page's `- ` markers and table cells, from `<Event` to `</Event>`.
    fn page_copy_to_xml(page: &str) -> String {
        let lines: Vec<&str> = page
            .lines()
            .map(|line| {
                let mut line = line
                    .trim_end()
                    .trim_end_matches(" | |")
                    .trim_end_matches(" |");
                while let Some(rest) = line.strip_prefix("- ") {
                    line = rest;
                }
                line
            })
            .collect();
        let start = lines.iter().position(|l| l.starts_with("<Event")).unwrap();
        let end = lines.iter().position(|l| *l == "</Event>").unwrap();
        lines[start..=end].join("\r\n")
    }

    #[test]
    fn recorded_events_from_other_providers_read_with_every_field() {
        let read = |page: &str| {
            let parsed = parse_events(&page_copy_to_xml(page)).unwrap();
            assert_eq!(
                (parsed.events.len(), parsed.skipped, parsed.cut),
                (1, 0, false)
            );
            parsed.events.into_iter().next().unwrap()
        };
        let v6 = read(include_str!(
            "../../fixtures/events/kernel-power-41-v6-pastebin-Lgz3RHNH.txt"
        ));
        assert_eq!((v6.id, v6.kind), (41, EventKind::Other));
        assert_eq!(v6.provider, "Microsoft-Windows-Kernel-Power");
        // 100-ns ticks and two zeros: nine digits, as older builds print them.
        assert_eq!(v6.time.to_string(), "2018-03-23T15:59:53.4458271Z");
        assert_eq!((v6.level, v6.record_id), (Some(1), Some(2560)));
        assert_eq!(v6.log, SYSTEM_LOG);
        assert_eq!(v6.computer.as_deref(), Some("DESKTOP-PDCGKSU"));
        assert_eq!(v6.data.len(), 14);
        assert_eq!(v6.field("ConnectedStandbyInProgress"), Some("false"));
        assert_eq!((&v6.server, &v6.status), (&None, &None));

        let v3 = read(include_str!(
            "../../fixtures/events/kernel-power-41-v3-pastebin-XAHcteVm.txt"
        ));
        assert_eq!(v3.time.to_string(), "2016-11-23T01:52:59.7255254Z");
        assert_eq!(v3.data.len(), 8);

        let details = read(include_str!(
            "../../fixtures/events/kernel-power-137-details-pastebin-m67R03gP.txt"
        ));
        assert_eq!((details.id, details.level), (137, Some(2)));
        assert_eq!(details.field("SleepState"), Some("4"));

        let smb = read(include_str!(
            "../../fixtures/events/smbclient-31017-security-gist-kevthehermit.txt"
        ));
        assert_eq!((smb.id, smb.kind), (31017, EventKind::Other));
        assert_eq!(smb.provider, SMB_CLIENT);
        // The channel's name as this Windows wrote it.
        assert_eq!(smb.log, "Microsoft-Windows-SmbClient/Security");
        assert_eq!(smb.data.get("UserName").map(String::as_str), Some(""));
        assert_eq!(smb.field("UserName"), None);
        // One backslash before the server: the form split_unc reads.
        let name = smb.field("ServerName").unwrap();
        assert_eq!(name, "\\172.31.30.112");
        assert_eq!(split_unc(name), (Some("172.31.30.112".to_string()), None));
    }

    #[test]
    fn since_takes_days_hours_minutes_and_refuses_the_rest() {
        for (text, seconds, shown) in [
            ("30m", 1800, "30m"),
            ("24h", 86_400, "1d"),
            ("7d", 604_800, "7d"),
            ("1d12h", 129_600, "1d12h"),
            ("90m", 5400, "1h30m"),
            ("1m", 60, "1m"),
            ("366d", 366 * 86_400, "366d"),
            ("2H", 7200, "2h"),
        ] {
            let since: Since = text.parse().unwrap();
            assert_eq!(since.seconds(), seconds, "{text}");
            assert_eq!(since.milliseconds(), seconds * 1000);
            assert_eq!(since.to_string(), shown, "{text}");
        }
        for bad in [
            "",
            "7",
            "-7d",
            "+7d",
            "7 d",
            " 7d",
            "7d ",
            "1.5d",
            "7w",
            "0m",
            "59s",
            "367d",
            "12h1d",
            "1d1d",
            "d",
            "99999999999999999999d",
            "7dx",
        ] {
            let error = bad.parse::<Since>().unwrap_err().to_string();
            assert!(error.starts_with("invalid --since"), "{bad:?}: {error}");
            assert!(!error.contains('\n'));
        }
        assert_eq!(Since::DEFAULT.to_string(), "7d");
    }
}
