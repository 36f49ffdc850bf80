//! Rendering of `sessions`, `statistics`, `watch` and `capture`: text for people, JSON
//! documents, and the JSON Lines of `watch --json` (docs/windows.md#console-output).

use serde::Serialize;

use crate::parse::reg::RegData;
use serde::ser::SerializeMap;

use super::{columns, list_trailer, visible};
use crate::error::ErrorJson;
use crate::measure::expect::{self, ConfiguredIdle};
use crate::measure::watch::{DriveEvent, DriveSummary, GoneEvent, SessionSummary};
use crate::parse::{ListWarning, NetSession, NetStatistics, ParsedList, StatisticsKind};

/// `lanman sessions --json` (with `configured`) and `lanman parse session --json` (without).
/// On a failure before the list was read, `sessions` is `null` (README "JSON").
pub struct JsonSessions<'a> {
    pub parsed: Option<&'a ParsedList<NetSession>>,
    pub(crate) configured: Option<&'a ConfiguredIdle>,
    pub error: Option<ErrorJson>,
}

impl Serialize for JsonSessions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("sessions", &self.parsed.map(|p| &p.list.sessions))?;
        if let Some(configured) = self.configured {
            map.serialize_entry("configured", configured)?;
        }
        let (warnings, language) = self
            .parsed
            .map_or((&[][..], None), |p| (&p.warnings[..], p.language));
        list_trailer(&mut map, warnings, language, &self.error)?;
        map.end()
    }
}

/// An idle time as `net session` prints it in English: `00:14:59`, `05D 22H 02M`.
fn idle_text(seconds: u64) -> String {
    if seconds < 86_400 {
        format!(
            "{:02}:{:02}:{:02}",
            seconds / 3600,
            seconds % 3600 / 60,
            seconds % 60
        )
    } else {
        format!(
            "{:02}D {:02}H {:02}M",
            seconds / 86_400,
            seconds % 86_400 / 3600,
            seconds % 3600 / 60
        )
    }
}

/// The sessions as a table; with the configured values, what to expect of each (configured,
/// not measured). Anonymous sessions come apart, below the others.
pub(crate) fn sessions_text(list: &NetSession, configured: Option<&ConfiguredIdle>) -> String {
    if list.sessions.is_empty() {
        return "no sessions\n".to_string();
    }
    let header = |expect: bool| {
        let mut row: Vec<String> = ["Client", "User", "Client type", "Opens", "Idle"]
            .map(String::from)
            .to_vec();
        if expect {
            row.push("Expected".to_string());
        }
        row
    };
    let mut named = vec![header(configured.is_some())];
    let mut anonymous = vec![header(false)];
    for s in &list.sessions {
        let mut row = vec![
            visible(&s.computer),
            if s.user.is_empty() {
                "-".to_string()
            } else {
                visible(&s.user)
            },
            if s.client_type.is_empty() {
                "-".to_string()
            } else {
                visible(&s.client_type)
            },
            s.opens.to_string(),
            idle_text(s.idle_seconds),
        ];
        if s.is_anonymous() {
            anonymous.push(row);
        } else {
            if let Some(configured) = configured {
                row.push(expect::expect(s, configured).text());
            }
            named.push(row);
        }
    }
    let mut out = String::new();
    if named.len() > 1 {
        out.push_str(&columns(&named));
    }
    if anonymous.len() > 1 {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("Anonymous (null) sessions, no user name:\n");
        out.push_str(&columns(&anonymous));
    }
    if let Some(configured) = configured {
        out.push_str(&format!("\nConfigured idle limit: {}\n", configured.text()));
    }
    out
}

/// `lanman statistics --json` and `lanman parse statistics --json`. On a failure before the
/// output was read, every member of the kind asked for is `null`; when the kind is not known
/// either (`parse statistics` of a file that is neither), `statistics` is `null` and no counter
/// member is printed (README "JSON").
pub struct JsonStatistics<'a> {
    pub parsed: Option<&'a ParsedList<NetStatistics>>,
    /// The kind asked for, when nothing was read.
    pub kind: Option<StatisticsKind>,
    pub error: Option<ErrorJson>,
}

impl<'a> JsonStatistics<'a> {
    pub fn new(parsed: &'a ParsedList<NetStatistics>) -> JsonStatistics<'a> {
        JsonStatistics {
            parsed: Some(parsed),
            kind: Some(parsed.list.kind),
            error: None,
        }
    }
}

impl Serialize for JsonStatistics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let none: Vec<&str> = Vec::new();
        match self.parsed {
            Some(parsed) => {
                let stats = &parsed.list;
                map.serialize_entry("statistics", &stats.kind)?;
                map.serialize_entry("computer", &stats.computer)?;
                map.serialize_entry("since", &stats.since)?;
                map.serialize_entry("since_local", &stats.since_local)?;
                for (name, value) in &stats.counters {
                    map.serialize_entry(name, value)?;
                }
                let mut missing = stats.missing();
                if parsed
                    .warnings
                    .iter()
                    .any(|w| matches!(w, ListWarning::NoSuccessLine { .. }))
                {
                    missing.push("success_line");
                }
                map.serialize_entry("missing", &missing)?;
                let sentences: Vec<String> =
                    parsed.warnings.iter().map(ToString::to_string).collect();
                map.serialize_entry("warnings", &sentences)?;
                map.serialize_entry("language", &parsed.language)?;
            }
            None => {
                map.serialize_entry("statistics", &self.kind)?;
                for member in ["computer", "since", "since_local"] {
                    map.serialize_entry(member, &None::<()>)?;
                }
                for spec in self.kind.map_or(&[][..], StatisticsKind::counters) {
                    map.serialize_entry(spec.name, &None::<()>)?;
                }
                map.serialize_entry("missing", &none)?;
                map.serialize_entry("warnings", &none)?;
                map.serialize_entry("language", &None::<()>)?;
            }
        }
        map.serialize_entry("error", &self.error)?;
        map.end()
    }
}

/// The statistics with their English labels, one per line.
pub(crate) fn statistics_text(stats: &NetStatistics) -> String {
    let mut rows = vec![vec![
        match stats.kind {
            StatisticsKind::Server => "Server statistics",
            StatisticsKind::Workstation => "Workstation statistics",
        }
        .to_string(),
        stats
            .computer
            .as_deref()
            .map_or_else(|| "-".to_string(), |c| format!("\\\\{}", visible(c))),
    ]];
    rows.push(vec![
        "Since".to_string(),
        stats.since.as_deref().map_or("-".to_string(), visible),
    ]);
    for (spec, (_, value)) in stats.kind.counters().iter().zip(&stats.counters) {
        // The two buffer counters stand under the heading `Times buffers exhausted`.
        let label = match spec.name {
            "big_buffers" | "request_buffers" => format!("{} (times exhausted)", spec.label),
            _ => spec.label.to_string(),
        };
        rows.push(vec![
            label,
            value.map_or("(not in the output)".to_string(), |v| v.to_string()),
        ]);
    }
    columns(&rows)
}

fn drive_name(local: Option<&str>, remote: &str) -> String {
    match local {
        Some(local) => format!("{local} {}", visible(remote)),
        None => visible(remote),
    }
}

pub(crate) fn drive_event_text(e: &DriveEvent) -> String {
    let name = drive_name(e.local.as_deref(), &e.remote);
    let status = |s: &Option<String>| s.as_deref().map_or("-".to_string(), visible);
    match e.event {
        "initial" => format!("{}  {name}: {}", e.time, status(&e.to)),
        "added" => format!("{}  {name}: added, {}", e.time, status(&e.to)),
        "removed" => format!("{}  {name}: removed (was {})", e.time, status(&e.from)),
        _ => format!(
            "{}  {name}: {} -> {}",
            e.time,
            status(&e.from),
            status(&e.to)
        ),
    }
}

pub(crate) fn gone_event_text(e: &GoneEvent) -> String {
    let user = if e.user.is_empty() {
        "anonymous".to_string()
    } else {
        visible(&e.user)
    };
    let bound = if e.opens == 0 && !e.user.is_empty() {
        format!(
            "idle limit measured between {} and {} s",
            e.idle_between_seconds[0], e.idle_between_seconds[1]
        )
    } else if e.opens > 0 {
        format!("it had {} open files: no idle limit measured", e.opens)
    } else {
        "an anonymous session: no idle limit measured".to_string()
    };
    let counter = match e.sessions_timed_out_change {
        Some(n) => format!("; Sessions timed-out +{n} in that interval (corroboration only)"),
        None => String::new(),
    };
    format!(
        "{}  session gone: \\\\{} {user}, last seen idle {} ({} s), gone between {} and {}: {bound}{counter}",
        e.time,
        visible(&e.computer),
        idle_text(e.last_idle_seconds),
        e.last_idle_seconds,
        e.gone_between[0],
        e.gone_between[1],
    )
}

pub(crate) fn drive_summary_text(s: &DriveSummary) -> Vec<String> {
    let mut lines = vec![format!(
        "{}  summary: {} polls, {} failed",
        s.time, s.polls, s.failed_polls
    )];
    if s.drives.is_empty() {
        lines.push("  no drive changed its status".to_string());
    }
    for d in &s.drives {
        let transitions: Vec<String> = d
            .transitions
            .iter()
            .map(|t| format!("{} -> {} x{}", visible(&t.from), visible(&t.to), t.count))
            .collect();
        lines.push(format!(
            "  {}: {}",
            drive_name(d.local.as_deref(), &d.remote),
            transitions.join(", ")
        ));
    }
    lines
}

pub(crate) fn session_summary_text(s: &SessionSummary) -> Vec<String> {
    let measured = match s.idle_limit_measured_seconds {
        Some([low, high]) => format!(
            "measured: {} session(s) without open files vanished at an idle time between {low} and {high} s",
            s.gone_without_opens
        ),
        None => "measured: no session without open files vanished, so no idle limit was measured"
            .to_string(),
    };
    let mut lines = vec![
        format!(
            "{}  summary: {} polls, {} failed, {} session(s) gone",
            s.time, s.polls, s.failed_polls, s.gone
        ),
        format!("  {measured}"),
    ];
    if let Some(longest) = s.longest_idle_seen_seconds {
        lines.push(format!(
            "  longest idle seen on a session without open files that was still there: {longest} s"
        ));
    }
    if let Some(n) = s.sessions_timed_out_change {
        lines.push(format!(
            "  Sessions timed-out rose by {n} (corroboration only, never proof)"
        ));
    }
    lines.push(format!("  configured: {}", s.configured.text()));
    lines
}

/// Registry keys as a `.reg` file in regedit's format (`Windows Registry Editor Version
/// 5.00`, CRLF; the caller writes it as UTF-16LE with a byte-order mark, as regedit does,
/// docs/windows.md#reg-files). Each value in the form regedit exports it: `dword:`, a quoted
/// string, `hex(2):` / `hex(7):` / `hex(b):` / `hex:` bytes. A value whose data lanman cannot
/// turn into bytes is kept as a comment line.
pub(crate) fn reg_export(keys: &[(String, &crate::parse::reg::RegKey)]) -> String {
    let mut out = String::from("Windows Registry Editor Version 5.00\r\n");
    for (path, key) in keys {
        out.push_str(&format!("\r\n[{path}]\r\n"));
        for value in &key.values {
            let name = if value.name.is_empty() || value.name == "(Default)" {
                "@".to_string()
            } else {
                format!("\"{}\"", reg_escape(&value.name))
            };
            match reg_data(&value.data) {
                Some(data) => out.push_str(&format!("{name}={data}\r\n")),
                None => out.push_str(&format!(
                    "; {name} {} {:?} (not turned into regedit's form)\r\n",
                    value.data.kind(),
                    value.data.shown()
                )),
            }
        }
    }
    out.push_str("\r\n");
    out
}

fn reg_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A value's data in regedit's form: `dword:0000000f`, a quoted string, else its bytes as
/// `hex(N):aa,bb,…` with N its type number (`hex:` for REG_BINARY), on one line (regedit wraps
/// long lines; one line reads the same). `None` for data whose bytes lanman does not have.
fn reg_data(data: &RegData) -> Option<String> {
    match data {
        RegData::Dword(n) => Some(format!("dword:{n:08x}")),
        RegData::Sz(text) => Some(format!("\"{}\"", reg_escape(text))),
        other => {
            let (kind, bytes) = other.to_raw()?;
            let list: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
            Some(match kind {
                3 => format!("hex:{}", list.join(",")),
                kind => format!("hex({kind:x}):{}", list.join(",")),
            })
        }
    }
}

/// The last line of `watch --json`: the summary, every warning said during the watch, and the
/// error that ended it (`null` when it ended at `--count` or Ctrl+C).
#[derive(Serialize)]
pub(crate) struct WatchEnd<'a, T: Serialize> {
    #[serde(flatten)]
    pub(crate) summary: &'a T,
    pub(crate) warnings: &'a [String],
    pub(crate) error: Option<crate::error::ErrorJson>,
}

/// The failure of one poll, as an event.
#[derive(Serialize)]
pub(crate) struct PollFailed<'a> {
    pub(crate) time: String,
    pub(crate) event: &'static str,
    pub(crate) command: &'a str,
    pub(crate) error: crate::error::ErrorJson,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_values_in_regedits_form() {
        use crate::parse::reg::{RegKey, RegValue};
        let value = |name: &str, kind: &str, data: &str| RegValue {
            name: name.to_string(),
            data: crate::parse::reg::RegData::from_shown(kind, data),
        };
        let key = RegKey {
            path: None,
            values: vec![
                value("autodisconnect", "REG_DWORD", "0xf"),
                value("srvcomment", "REG_SZ", "a \"b\" c:\\x"),
                value("NullSessionPipes", "REG_MULTI_SZ", "a\\0b"),
                value("Path", "REG_EXPAND_SZ", "%x%"),
                value("Blob", "REG_BINARY", "0A0b"),
                value("Big", "REG_QWORD", "0x1"),
                value("Odd", "REG_NONE", "?"),
            ],
        };
        let text = reg_export(&[("HKEY_LOCAL_MACHINE\\X".to_string(), &key)]);
        assert_eq!(
            text,
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\
             \"autodisconnect\"=dword:0000000f\r\n\
             \"srvcomment\"=\"a \\\"b\\\" c:\\\\x\"\r\n\
             \"NullSessionPipes\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n\
             \"Path\"=hex(2):25,00,78,00,25,00,00,00\r\n\
             \"Blob\"=hex:0a,0b\r\n\
             \"Big\"=hex(b):01,00,00,00,00,00,00,00\r\n\
             ; \"Odd\" REG_NONE \"?\" (not turned into regedit's form)\r\n\r\n"
        );
    }

    #[test]
    fn idle_text_as_net_prints_it() {
        assert_eq!(idle_text(899), "00:14:59");
        assert_eq!(idle_text(511_320), "05D 22H 02M");
    }
}
