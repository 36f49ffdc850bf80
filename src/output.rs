//! Text and JSON rendering. No logic beyond wording, no I/O besides the writers given.

pub(crate) mod doctor;
pub(crate) mod report;

use std::io::{self, Write};

pub use crate::text::{sanitize, visible};

pub mod events;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::encode::LineEnds;
use crate::error::ErrorJson;
use crate::parse::{
    Kind, ListWarning, NetConfig, NetShare, NetUse, Parsed, ParsedList, Reading, Status, UserLimit,
    Value, transport_text,
};
use crate::settings::change::ChangeReport;

mod sessions;
pub use sessions::{JsonSessions, JsonStatistics};
pub(crate) use sessions::{
    PollFailed, WatchEnd, drive_event_text, drive_summary_text, gone_event_text, reg_export,
    session_summary_text, sessions_text, statistics_text,
};

/// Where command output goes, and how it may look.
pub struct Output<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    pub color: bool,
    /// `-q`: no human-readable success text (data asked for is still printed).
    pub quiet: bool,
    /// What the command changed on the machine, said if printing its report fails
    /// afterwards (a full disk under `> file`).
    pub done: Option<String>,
    /// A JSON document was printed (with its `error` member filled in on failure), so `main`
    /// prints no second one.
    pub json_printed: bool,
    /// Every warning said on stderr so far: a document's `warnings` member is this list.
    pub warnings: Vec<String>,
    /// The line ends of stdout and stderr when they are a file or a pipe (CRLF on Windows).
    pub line_ends: LineEnds,
}

impl<'a> Output<'a> {
    pub fn new(
        stdout: &'a mut dyn Write,
        stderr: &'a mut dyn Write,
        color: bool,
        quiet: bool,
    ) -> Output<'a> {
        Output {
            stdout,
            stderr,
            color,
            quiet,
            done: None,
            json_printed: false,
            warnings: Vec::new(),
            line_ends: LineEnds::lf(),
        }
    }

    /// A warning on stderr, never on stdout (batch files read stdout). It is also kept for
    /// the `warnings` member of the command's JSON document.
    pub fn warn(&mut self, message: &str) -> io::Result<()> {
        self.warnings.push(message.to_string());
        let label = paint(self.color, "33", "warning:");
        writeln!(self.stderr, "{label} {}", visible(message))
    }

    /// A note on stderr (the state of the machine, what takes effect when).
    pub fn note(&mut self, message: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let label = paint(self.color, "36", "note:");
        writeln!(self.stderr, "{label} {}", visible(message))
    }

    /// A line of data (always printed).
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.stdout, "{text}")
    }

    /// A line of human-readable success text (`-q` silences it).
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(self.stdout, "{text}")
    }

    /// One JSON object, pretty-printed, on stdout: ASCII only, every other character as
    /// `\uXXXX`, so it reads the same in any code page (docs/windows.md#console-output).
    /// Members keep the order the value gives them (serde_json's `preserve_order`), which is
    /// the README's. A top-level `warnings` member is set to every warning this run said on
    /// stderr, so what is warned is in `warnings` whatever command prints the document.
    pub fn json<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        let mut document = serde_json::to_value(value).map_err(io::Error::other)?;
        if let Some(warnings) = document.get_mut("warnings") {
            *warnings = serde_json::Value::from(self.warnings.clone());
        }
        let text = json_text(&document)?;
        self.json_printed = true;
        JSON_PRINTED.store(true, std::sync::atomic::Ordering::Relaxed);
        writeln!(self.stdout, "{text}")
    }
}

/// A document went out in this process (for `main`'s panic hook, which has no `Output`).
static JSON_PRINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a JSON document was printed in this process.
pub fn json_printed() -> bool {
    JSON_PRINTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// A value as pretty-printed, ASCII-only JSON.
pub fn json_text<T: Serialize>(value: &T) -> io::Result<String> {
    json_with(value, Ascii(serde_json::ser::PrettyFormatter::new()))
}

/// One value as one line of ASCII-only JSON (JSON Lines), every other character as `\uXXXX`.
pub fn json_line<T: Serialize>(value: &T) -> io::Result<String> {
    json_with(value, Ascii(serde_json::ser::CompactFormatter))
}

fn json_with<T: Serialize, F: serde_json::ser::Formatter>(
    value: &T,
    formatter: F,
) -> io::Result<String> {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// A serde_json formatter (pretty or compact) with every non-ASCII character escaped as
/// `\uXXXX`: what lanman prints reads the same in every code page. Everything but strings is
/// the inner formatter's.
pub(crate) struct Ascii<F>(pub(crate) F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Ascii<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if !c.is_ascii() {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// ANSI colour, only when allowed (`NO_COLOR` unset, stdout and stderr are terminals).
pub fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A parsed `net config` output as JSON: the fields, then why some have no value, the
/// warnings, the label table used, and `error`. On a failure before anything was parsed,
/// every member is there, `null` or empty.
pub struct JsonParsed<'a> {
    parsed: Option<&'a Parsed>,
    kind: Kind,
    error: Option<ErrorJson>,
}

impl<'a> JsonParsed<'a> {
    pub fn new(parsed: &'a Parsed) -> JsonParsed<'a> {
        JsonParsed {
            parsed: Some(parsed),
            kind: parsed.config.kind(),
            error: None,
        }
    }

    /// The document of a failure: what was parsed (if anything) and the error.
    pub fn failed(parsed: Option<&'a Parsed>, kind: Kind, error: ErrorJson) -> JsonParsed<'a> {
        JsonParsed {
            parsed,
            kind,
            error: Some(error),
        }
    }
}

impl Serialize for JsonParsed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let none: Vec<&str> = Vec::new();
        match self.parsed {
            Some(parsed) => {
                for (spec, reading) in parsed.config.fields() {
                    map.serialize_entry(spec.json, &reading.value())?;
                }
                map.serialize_entry("missing", &parsed.config.missing())?;
                map.serialize_entry("absent", &parsed.config.absent())?;
                map.serialize_entry("unreadable", &parsed.config.unreadable())?;
                let warnings: Vec<String> =
                    parsed.warnings.iter().map(ToString::to_string).collect();
                map.serialize_entry("warnings", &warnings)?;
                map.serialize_entry("language", &parsed.language)?;
            }
            None => {
                for spec in crate::parse::specs(self.kind) {
                    map.serialize_entry(spec.json, &None::<()>)?;
                }
                map.serialize_entry("missing", &none)?;
                map.serialize_entry("absent", &none)?;
                map.serialize_entry("unreadable", &none)?;
                map.serialize_entry("warnings", &none)?;
                map.serialize_entry("language", &None::<()>)?;
            }
        }
        map.serialize_entry("error", &self.error)?;
        map.end()
    }
}

/// `lanman drives --json` / `parse use --json`: the connections, then what may be missing,
/// the warnings, the word table used, and `error`. On a failure before the list was read,
/// `connections` and `remembered` are `null`.
pub struct JsonUse<'a> {
    pub parsed: Option<&'a ParsedList<NetUse>>,
    pub error: Option<ErrorJson>,
}

impl Serialize for JsonUse<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("connections", &self.parsed.map(|p| &p.list.connections))?;
        map.serialize_entry("remembered", &self.parsed.and_then(|p| p.list.remembered))?;
        let (warnings, language) = self
            .parsed
            .map_or((&[][..], None), |p| (&p.warnings[..], p.language));
        list_trailer(&mut map, warnings, language, &self.error)?;
        map.end()
    }
}

/// `parse share --json`: the shares, the warnings, the word table used, and `error`.
pub struct JsonShare<'a> {
    pub parsed: Option<&'a ParsedList<NetShare>>,
    pub error: Option<ErrorJson>,
}

impl Serialize for JsonShare<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("shares", &self.parsed.map(|p| &p.list.shares))?;
        let (warnings, language) = self
            .parsed
            .map_or((&[][..], None), |p| (&p.warnings[..], p.language));
        list_trailer(&mut map, warnings, language, &self.error)?;
        map.end()
    }
}

/// The members every list document ends with: `missing`, `warnings`, `language`, `error`.
fn list_trailer<M: SerializeMap>(
    map: &mut M,
    warnings: &[ListWarning],
    language: Option<&'static str>,
    error: &Option<ErrorJson>,
) -> Result<(), M::Error> {
    map.serialize_entry("missing", &list_missing(warnings))?;
    let sentences: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    map.serialize_entry("warnings", &sentences)?;
    map.serialize_entry("language", &language)?;
    map.serialize_entry("error", error)
}

/// What a list lacks that net.exe prints: the closing success line of a cut capture.
fn list_missing(warnings: &[ListWarning]) -> Vec<&'static str> {
    warnings
        .iter()
        .any(|w| matches!(w, ListWarning::NoSuccessLine { .. }))
        .then_some("success_line")
        .into_iter()
        .collect()
}

/// Rows of cells as aligned columns, two spaces apart (display width, CJK two columns).
fn columns(rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The connections of `net use` as a table.
pub fn connections_text(list: &NetUse) -> String {
    if list.connections.is_empty() {
        return "no connections\n".to_string();
    }
    let mut rows = vec![
        ["Local", "Status", "Remote", "Server", "Network"]
            .map(String::from)
            .to_vec(),
    ];
    for c in &list.connections {
        let status = match c.status {
            Status::Unknown if c.status_text.is_empty() => "-".to_string(),
            Status::Unknown => format!("{} (?)", c.status_text),
            _ => c.status_text.clone(),
        };
        rows.push(vec![
            c.local.clone().unwrap_or_else(|| "-".to_string()),
            visible(&status),
            visible(&c.remote),
            visible(c.server.as_deref().unwrap_or("-")),
            visible(&c.provider),
        ]);
    }
    columns(&rows)
}

/// The shares of `net share` as a table.
pub fn shares_text(list: &NetShare) -> String {
    let mut rows = vec![["Share", "Resource", "Remark"].map(String::from).to_vec()];
    for share in &list.shares {
        rows.push(vec![
            visible(&share.name),
            visible(share.resource.as_deref().unwrap_or("-")),
            visible(&share.remark),
        ]);
    }
    columns(&rows)
}

const LABEL_WIDTH: usize = 28;

fn row(out: &mut String, label: &str, value: &str) {
    out.push_str(&format!("{label:<LABEL_WIDTH$} {value}\n"));
}

/// What an idle-session value means, in words.
pub fn explain_idle_minutes(minutes: i64) -> String {
    match minutes {
        -1 => "off (-1): the server never disconnects idle sessions".to_string(),
        0 => "0: the server drops idle sessions within seconds (0 does not mean off; -1 does)"
            .to_string(),
        15 => "15 minutes (the Windows default)".to_string(),
        1 => "1 minute".to_string(),
        m if m < 0 => format!("{m} (not a value Windows documents)"),
        m => format!("{m} minutes"),
    }
}

/// A parsed `net config` output as aligned text, one row per field (transports one per row).
/// The transports come last, as lists do.
pub fn config_text(config: &NetConfig) -> String {
    let mut out = String::new();
    let is_list =
        |reading: &Reading<Value>| matches!(reading, Reading::Value(Value::Transports(_)));
    let (lists, fields): (Vec<_>, Vec<_>) = config
        .fields()
        .partition(|(spec, reading)| is_list(reading) || spec.json == "transports");
    for (spec, reading) in fields.into_iter().chain(lists) {
        match reading {
            Reading::Value(Value::Transports(list)) if !list.is_empty() => {
                for (i, t) in list.iter().enumerate() {
                    let label = if i == 0 { spec.label } else { "" };
                    row(&mut out, label, &visible(&transport_text(t)));
                }
            }
            Reading::Value(value) => row(&mut out, spec.label, &value_text(value, spec.empty)),
            Reading::Absent => row(&mut out, spec.label, spec.empty),
            Reading::Missing => row(&mut out, spec.label, "(not in the output)"),
            Reading::Unreadable(raw) => row(
                &mut out,
                spec.label,
                &format!("{} (not understood)", visible(&format!("{raw:?}"))),
            ),
        }
    }
    out
}

fn value_text(value: &Value, empty: &str) -> String {
    match value {
        Value::Text(text) if text.is_empty() => empty.to_string(),
        Value::Text(text) => visible(text),
        Value::Minutes(m) => explain_idle_minutes(*m),
        Value::Users(UserLimit::Unlimited) => "unlimited".to_string(),
        Value::Transports(list) if list.is_empty() => empty.to_string(),
        other => other.lines().join(", "),
    }
}

/// The text of a change: `autodisconnect: 15 -> 60 (via net)`, and the plan of a dry run.
pub(crate) fn change_text(report: &ChangeReport) -> Vec<String> {
    let name = report.setting;
    let on = report
        .computer
        .as_ref()
        .map(|c| format!(" on {c}"))
        .unwrap_or_default();
    if report.commands.is_empty() {
        return vec![format!(
            "{name}: {}{on} (unchanged)",
            visible(&report.previous_text)
        )];
    }
    let mut lines = Vec::new();
    if report.dry_run {
        let would = if report.needs_force {
            "would run with --force"
        } else {
            "would run"
        };
        for command in &report.commands {
            lines.push(format!("{would}: {}", visible(command)));
        }
    }
    let dry = if report.dry_run {
        ", dry run: nothing changed"
    } else {
        ""
    };
    lines.push(format!(
        "{name}: {} -> {}{on} (via {}{dry})",
        visible(&report.previous_text),
        visible(&report.new_text),
        report.via
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible("a\x1b[31mb\x07\0"), "a\\x1b[31mb\\x07\\x00");
        assert_eq!(visible("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(visible("Büro\tß"), "Büro\tß");
        assert_eq!(sanitize("a\tb"), "a b");
    }

    #[test]
    fn json_is_ascii_only() {
        let text = json_text(&serde_json::json!({"c": "Büro ß Ø 😀", "n": 1})).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(
            text.contains("B\\u00fcro \\u00df \\u00d8 \\ud83d\\ude00"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["c"], "Büro ß Ø 😀");
    }

    #[test]
    fn json_lines_are_one_ascii_line() {
        let line = json_line(&serde_json::json!({"a": "Büro\nx", "b": [1, 2]})).unwrap();
        assert_eq!(line, "{\"a\":\"B\\u00fcro\\nx\",\"b\":[1,2]}");
    }
}
