//! One file's bytes to what `report` reads from it: a doctor report (schema 2), a watch log
//! (JSON Lines), or the reason it is refused. Pure: the caller passes the bytes, the file's
//! name and the time to measure `--max-age` from.
//!
//! Only the members the report uses are read (serde skips the rest without building them);
//! members that doctor may grow values for (`status`, `cause`, `limited_by`) are read as
//! text, so a newer doctor's new word does not make the file unreadable.

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::error::Category;

use super::{SkipReason, Skipped, Span};
use crate::decode::{self, Encoding};

/// What one file held.
#[derive(Debug)]
pub(crate) enum Input {
    Doctor(Box<DoctorReport>),
    Watch(WatchLog),
}

/// `host` of a doctor report.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub(crate) struct HostDoc {
    pub(crate) name: Option<String>,
    pub(crate) dns_name: Option<String>,
}

impl HostDoc {
    /// The computer's names as it gave them: its name, then its DNS name.
    pub(crate) fn names(&self) -> Vec<String> {
        [self.name.clone(), self.dns_name.clone()]
            .into_iter()
            .flatten()
            .collect()
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub(crate) struct OsDoc {
    pub(crate) product: Option<String>,
    pub(crate) build: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ClientDoc {
    pub(crate) os: Option<OsDoc>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) elevated: Option<bool>,
    pub(crate) linked_connections: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct UnreadDoc {
    pub(crate) kind: Option<String>,
    pub(crate) message: Option<String>,
}

/// `server`: the computer that ran doctor as a server, or its `--computer` target.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ServerSideDoc {
    pub(crate) service_running: Option<bool>,
    pub(crate) shares_folders: Option<bool>,
    pub(crate) kind: Option<String>,
    pub(crate) os: Option<OsDoc>,
    pub(crate) autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_source: Option<String>,
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
    pub(crate) policy_checked: Option<bool>,
    pub(crate) policy_autodisconnect_minutes: Option<u32>,
    pub(crate) mdm_autodisconnect_minutes: Option<u32>,
    pub(crate) idle_limit_seconds: Option<u64>,
    pub(crate) limited_by: Option<String>,
    pub(crate) error: Option<UnreadDoc>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct HeadlineDoc {
    pub(crate) cause: Option<String>,
}

/// One connection of `drives`.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct DriveDoc {
    pub(crate) local: Option<String>,
    #[serde(default)]
    pub(crate) remote: String,
    pub(crate) status: Option<String>,
    pub(crate) status_text: Option<String>,
    pub(crate) file_server: Option<String>,
    pub(crate) effective_idle_seconds: Option<u64>,
    pub(crate) limited_by: Option<String>,
    pub(crate) headline: Option<HeadlineDoc>,
}

/// One file server of `servers`, as this client read it.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ServerSeenDoc {
    #[serde(default)]
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) names: Vec<String>,
    pub(crate) kind: Option<String>,
    pub(crate) os: Option<OsDoc>,
    pub(crate) autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
    pub(crate) error: Option<UnreadDoc>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct FindingDoc {
    /// The first line of the message: all the report shows of it.
    #[serde(default)]
    pub(crate) message: FirstLine,
    pub(crate) fix: Option<String>,
    pub(crate) run_on: Option<String>,
    pub(crate) evidence: Option<String>,
    pub(crate) source: Option<String>,
    /// Absent in reports of a doctor from before it.
    pub(crate) about: Option<AboutDoc>,
}

/// `findings[].about`: which side, of which server, a finding is about.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct AboutDoc {
    /// `client` or `server`; read as text, so a newer doctor's new word does not make the file
    /// unreadable.
    pub(crate) side: Option<String>,
    /// The file server; `None` for the computer that ran doctor.
    pub(crate) server: Option<String>,
}

/// The first line of a JSON string, read without keeping the rest (a doctor finding's message
/// is several sentences; ten thousand reports' worth of them need not be copied).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FirstLine(pub(crate) String);

impl<'de> Deserialize<'de> for FirstLine {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FirstLine;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<FirstLine, E> {
                Ok(FirstLine(
                    text.lines().next().unwrap_or_default().to_string(),
                ))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ErrorDoc {
    pub(crate) message: Option<String>,
}

/// `lanman doctor --json`, schema 2 (README "doctor"): the members the report uses.
#[derive(Debug, Deserialize)]
pub(crate) struct DoctorReport {
    pub(crate) schema_version: u32,
    pub(crate) generated_at: String,
    pub(crate) host: HostDoc,
    pub(crate) computer: Option<String>,
    pub(crate) client: Option<ClientDoc>,
    pub(crate) server: ServerSideDoc,
    pub(crate) drives: Option<Vec<DriveDoc>>,
    #[serde(default)]
    pub(crate) servers: Vec<ServerSeenDoc>,
    pub(crate) findings: Vec<FindingDoc>,
    pub(crate) error: Option<ErrorDoc>,
    /// `generated_at`, read.
    #[serde(skip)]
    pub(crate) time: Option<Timestamp>,
}

/// Which watch wrote a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WatchKind {
    Drives,
    Sessions,
    /// Neither a `start` event nor an event of one kind says.
    Unknown,
}

/// A drive that a `watch drives` log saw go to `to` (`disconnected`, `unavailable`), and how
/// often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DriveDrops {
    pub(crate) drive: String,
    pub(crate) to: String,
    pub(crate) count: u64,
}

/// Count `drop` into `drops`: one entry per drive and state.
pub(crate) fn add_drops(drops: &mut Vec<DriveDrops>, drop: DriveDrops) {
    match drops
        .iter_mut()
        .find(|d| d.drive == drop.drive && d.to == drop.to)
    {
        Some(d) => d.count += drop.count,
        None => drops.push(drop),
    }
}

/// The range `[low, high]` widened to take in `more` (a first range when there is none).
pub(crate) fn widen(range: Option<[u64; 2]>, more: [u64; 2]) -> [u64; 2] {
    match range {
        Some([low, high]) => [low.min(more[0]), high.max(more[1])],
        None => more,
    }
}

/// A `lanman watch --json` log, folded as it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WatchLog {
    pub(crate) kind: WatchKind,
    /// The computer that ran the watch, where the log names it (a `host` member of its
    /// `start` event); otherwise the caller names it from the file's name.
    pub(crate) host: Option<HostDoc>,
    /// The latest event's time.
    pub(crate) last_time: Option<Timestamp>,
    /// Sessions that vanished, and those of them that measure the idle limit (a user, no open
    /// files: README "watch").
    pub(crate) gone: u64,
    pub(crate) measured: u64,
    /// The lowest last-seen idle and the highest bound of the measuring sessions.
    pub(crate) measured_seconds: Option<[u64; 2]>,
    /// Lines that are not watch events (counted, not fatal).
    pub(crate) bad_lines: u64,
    /// The last line was cut (the log was copied while it was written): it is left out.
    pub(crate) cut: bool,
    pub(crate) drops: Vec<DriveDrops>,
}

/// One line of a watch log: the members the report uses.
#[derive(Debug, Deserialize)]
struct WatchLine {
    time: String,
    event: String,
    watch: Option<String>,
    host: Option<HostDoc>,
    user: Option<String>,
    opens: Option<u64>,
    idle_between_seconds: Option<[u64; 2]>,
    local: Option<String>,
    remote: Option<String>,
    to: Option<String>,
}

/// Read one file. `file` names it in a refusal; `now` and `max_age` judge its age.
pub(crate) fn read(
    file: &str,
    bytes: &[u8],
    now: Timestamp,
    max_age: Option<Span>,
) -> Result<Input, Skipped> {
    let skip = |reason: SkipReason, message: String| Skipped {
        file: file.to_string(),
        reason,
        message,
    };
    // lanman writes ASCII; PowerShell 5.1's `>` saves UTF-16LE with a BOM.
    let decoded;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(_) => {
            decoded = decode::decode(bytes, Encoding::Auto, 437).text;
            decoded.as_str()
        }
    };
    let input = if is_watch_log(text) {
        Input::Watch(watch_log(text).ok_or_else(|| {
            skip(
                SkipReason::NotLanman,
                "its first line looks like a watch event but is not one".to_string(),
            )
        })?)
    } else {
        Input::Doctor(Box::new(doctor(text).map_err(|(r, m)| skip(r, m))?))
    };
    let time = match &input {
        Input::Doctor(d) => d.time,
        Input::Watch(w) => w.last_time,
    };
    if let (Some(max), Some(time)) = (max_age, time) {
        let age = now.as_second().saturating_sub(time.as_second());
        if age > 0 && age.unsigned_abs() > max.0 {
            return Err(skip(
                SkipReason::TooOld,
                format!(
                    "written {} ago, longer ago than --max-age {max}",
                    crate::diagnosis::duration(age.unsigned_abs())
                ),
            ));
        }
    }
    Ok(input)
}

/// A watch log's lines are compact JSON objects that begin with `time` (lanman writes them so);
/// a doctor report is one pretty-printed object that begins with `schema_version`.
pub(crate) fn is_watch_log(text: &str) -> bool {
    text.trim_start().starts_with("{\"time\":")
}

/// [`is_watch_log`] on the first bytes of a file (before its size is judged): UTF-8, or
/// UTF-16LE with its BOM.
pub(crate) fn sniff_watch_log(prefix: &[u8]) -> bool {
    if let Some(rest) = prefix.strip_prefix(b"\xFF\xFE") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return is_watch_log(&String::from_utf16_lossy(&units));
    }
    let body = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    is_watch_log(&String::from_utf8_lossy(body))
}

/// A doctor report, or why it is not one this lanman reads.
fn doctor(text: &str) -> Result<DoctorReport, (SkipReason, String)> {
    match serde_json::from_str::<DoctorReport>(text) {
        Ok(mut report) if report.schema_version == 2 => {
            report.time = Some(report.generated_at.parse::<Timestamp>().map_err(|_| {
                (
                    SkipReason::Invalid,
                    "its generated_at is not an RFC 3339 time".to_string(),
                )
            })?);
            Ok(report)
        }
        Ok(report) => Err(unknown_schema(u64::from(report.schema_version))),
        Err(e) if e.classify() == Category::Eof => Err(if text.trim().is_empty() {
            (SkipReason::Truncated, "the file is empty".to_string())
        } else {
            (
                SkipReason::Truncated,
                "the JSON ends early: a copy taken while it was written, or a full disk"
                    .to_string(),
            )
        }),
        Err(e) => Err(why_not(text, &e)),
    }
}

fn unknown_schema(version: u64) -> (SkipReason, String) {
    (
        SkipReason::UnknownSchema,
        format!(
            "doctor JSON schema_version {version}: this lanman reads schema 2; read it with the lanman that wrote it"
        ),
    )
}

/// Why a file that is not a readable schema-2 report is refused, by what it is.
fn why_not(text: &str, error: &serde_json::Error) -> (SkipReason, String) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return (
            SkipReason::NotLanman,
            "not JSON: not a file lanman doctor --json wrote".to_string(),
        );
    };
    let Some(object) = value.as_object() else {
        return (
            SkipReason::NotLanman,
            "JSON, but not an object: not a file lanman doctor --json wrote".to_string(),
        );
    };
    match object.get("schema_version") {
        Some(v) if v.as_u64() != Some(2) => match v.as_u64() {
            Some(n) => unknown_schema(n),
            None => (
                SkipReason::Invalid,
                "its schema_version is not a number".to_string(),
            ),
        },
        // doctor's first shape: one top-level limit, no host and no time
        // (README "doctor": schema 1).
        None if object.contains_key("findings")
            && (object.contains_key("effective_idle_seconds")
                || object.contains_key("server_autodisconnect_minutes")) =>
        {
            (
                SkipReason::Schema1,
                "doctor JSON schema 1 (lanman 0.1, before host and generated_at): it cannot say which computer wrote it or when; run a current lanman doctor --json there".to_string(),
            )
        }
        None => (
            SkipReason::NotLanman,
            "JSON without schema_version and findings: not a file lanman doctor --json wrote"
                .to_string(),
        ),
        Some(_) => (
            SkipReason::Invalid,
            format!("a doctor report with a member lanman cannot read: {error}"),
        ),
    }
}

/// A watch log: every line an event; a cut last line is left out; other bad lines are
/// counted. `None` when the first line is not a watch event.
fn watch_log(text: &str) -> Option<WatchLog> {
    let mut log = WatchLog {
        kind: WatchKind::Unknown,
        host: None,
        last_time: None,
        gone: 0,
        measured: 0,
        measured_seconds: None,
        bad_lines: 0,
        cut: false,
        drops: Vec::new(),
    };
    let ends_with_newline = text.ends_with('\n');
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        let event = match serde_json::from_str::<WatchLine>(line.trim()) {
            Ok(event) => event,
            Err(_) if first => return None,
            Err(e) if last && !ends_with_newline && e.classify() == Category::Eof => {
                log.cut = true;
                break;
            }
            Err(_) => {
                log.bad_lines += 1;
                continue;
            }
        };
        first = false;
        if let Ok(time) = event.time.parse::<Timestamp>() {
            log.last_time = Some(log.last_time.map_or(time, |t| t.max(time)));
        }
        match event.event.as_str() {
            "start" => {
                match event.watch.as_deref() {
                    Some("sessions") => log.kind = WatchKind::Sessions,
                    Some("drives") => log.kind = WatchKind::Drives,
                    _ => {}
                }
                if event.host.is_some() {
                    log.host = event.host;
                }
            }
            "gone" => {
                log.kind = WatchKind::Sessions;
                log.gone += 1;
                // README "watch": only a session with a user and no open files measures the
                // limit.
                let measures =
                    event.opens == Some(0) && event.user.as_deref().is_some_and(|u| !u.is_empty());
                if let (true, Some(between)) = (measures, event.idle_between_seconds) {
                    log.measured += 1;
                    log.measured_seconds = Some(widen(log.measured_seconds, between));
                }
            }
            "initial" | "changed" | "added" | "removed" => {
                log.kind = WatchKind::Drives;
                if event.event == "changed" {
                    if let Some(to) = event
                        .to
                        .filter(|t| t == "disconnected" || t == "unavailable")
                    {
                        let drive = event.local.or(event.remote).unwrap_or_default();
                        add_drops(
                            &mut log.drops,
                            DriveDrops {
                                drive,
                                to,
                                count: 1,
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }
    Some(log)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-12-06T12:00:00Z".parse().unwrap()
    }

    fn minimal(schema: &str) -> String {
        format!(
            r#"{{
  {schema}"lanman_version": "0.1.0",
  "generated_at": "2026-12-06T10:00:00Z",
  "host": {{"name": "PC01", "dns_name": "pc01.example.test"}},
  "computer": null,
  "client": null,
  "server": {{"name": null, "kind": "windows"}},
  "drives": [],
  "servers": [],
  "findings": [],
  "error": null
}}"#
        )
    }

    fn reason(bytes: &[u8]) -> SkipReason {
        read("f.json", bytes, now(), None).unwrap_err().reason
    }

    #[test]
    fn a_schema_2_report_is_read_with_its_time() {
        let text = minimal("\"schema_version\": 2,\n  ");
        let Ok(Input::Doctor(d)) = read("f.json", text.as_bytes(), now(), None) else {
            panic!("not read")
        };
        assert_eq!(d.host.name.as_deref(), Some("PC01"));
        assert_eq!(d.time, Some("2026-12-06T10:00:00Z".parse().unwrap()));
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let text = minimal("\"schema_version\": 2,\n  ");
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert!(matches!(
            read("f.json", &bytes, now(), None),
            Ok(Input::Doctor(_))
        ));
    }

    #[test]
    fn each_refusal_has_its_reason() {
        let good = minimal("\"schema_version\": 2,\n  ");
        assert_eq!(reason(b""), SkipReason::Truncated);
        assert_eq!(
            reason(&good.as_bytes()[..good.len() / 2]),
            SkipReason::Truncated
        );
        assert_eq!(reason(b"MZ\x90\x00 not json"), SkipReason::NotLanman);
        assert_eq!(reason(b"[1, 2]"), SkipReason::NotLanman);
        assert_eq!(reason(br#"{"name": "x"}"#), SkipReason::NotLanman);
        assert_eq!(
            reason(minimal("\"schema_version\": 3,\n  ").as_bytes()),
            SkipReason::UnknownSchema
        );
        assert_eq!(
            reason(br#"{"schema_version": 3, "anything": true}"#),
            SkipReason::UnknownSchema
        );
        assert_eq!(
            reason(br#"{"server": null, "server_autodisconnect_minutes": 15, "effective_idle_seconds": 900, "findings": []}"#),
            SkipReason::Schema1
        );
        let wrong_type = good.replace("\"findings\": []", "\"findings\": 7");
        assert_eq!(reason(wrong_type.as_bytes()), SkipReason::Invalid);
        let bad_time = good.replace("2026-12-06T10:00:00Z", "yesterday");
        assert_eq!(reason(bad_time.as_bytes()), SkipReason::Invalid);
    }

    #[test]
    fn max_age_refuses_older_reports_only() {
        let text = minimal("\"schema_version\": 2,\n  ");
        let skipped = read("f.json", text.as_bytes(), now(), Some(Span(3_600))).unwrap_err();
        assert_eq!(skipped.reason, SkipReason::TooOld);
        assert!(
            skipped.message.contains("7200 s (2 hours)"),
            "{}",
            skipped.message
        );
        assert!(read("f.json", text.as_bytes(), now(), Some(Span(3 * 3_600))).is_ok());
    }

    const SESSIONS: &str = concat!(
        r#"{"time":"2026-03-02T08:00:00Z","event":"start","watch":"sessions","interval_seconds":15,"count":null,"elevated":true,"configured":{"autodisconnect_minutes":15,"autodisconnect_v2_seconds":null}}"#,
        "\n",
        r#"{"time":"2026-03-02T09:41:30Z","event":"gone","computer":"PC17","user":"anna","opens":0,"last_idle_seconds":891,"gone_between":["2026-03-02T09:41:15Z","2026-03-02T09:41:30Z"],"idle_between_seconds":[891,906],"sessions_timed_out_change":1}"#,
        "\n",
        r#"{"time":"2026-03-02T10:00:00Z","event":"gone","computer":"PC18","user":"bob","opens":2,"last_idle_seconds":30,"gone_between":["2026-03-02T09:59:45Z","2026-03-02T10:00:00Z"],"idle_between_seconds":[30,45],"sessions_timed_out_change":0}"#,
        "\n",
        r#"{"time":"2026-03-02T11:00:00Z","event":"gone","computer":"PC19","user":"","opens":0,"last_idle_seconds":5,"gone_between":["2026-03-02T10:59:45Z","2026-03-02T11:00:00Z"],"idle_between_seconds":[5,20],"sessions_timed_out_change":null}"#,
        "\n",
        r#"{"time":"2026-03-02T12:00:00Z","event":"gone","computer":"PC20","user":"carl","opens":0,"last_idle_seconds":899,"gone_between":["2026-03-02T11:59:45Z","2026-03-02T12:00:00Z"],"idle_between_seconds":[899,914],"sessions_timed_out_change":1}"#,
        "\n",
    );

    #[test]
    fn a_sessions_log_measures_with_sessions_that_had_a_user_and_no_open_files() {
        let Ok(Input::Watch(log)) = read("FS01.watch.jsonl", SESSIONS.as_bytes(), now(), None)
        else {
            panic!("not read")
        };
        assert_eq!(log.kind, WatchKind::Sessions);
        assert_eq!(log.gone, 4);
        assert_eq!(log.measured, 2);
        assert_eq!(log.measured_seconds, Some([891, 914]));
        assert_eq!(log.last_time, Some("2026-03-02T12:00:00Z".parse().unwrap()));
        assert!(!log.cut);
    }

    #[test]
    fn a_cut_last_line_is_left_out_and_a_bad_line_counted() {
        let cut = &SESSIONS[..SESSIONS.len() - 40];
        let Ok(Input::Watch(log)) = read("w", cut.as_bytes(), now(), None) else {
            panic!("not read")
        };
        assert!(log.cut);
        assert_eq!(log.gone, 3);
        let with_bad = SESSIONS.replacen("\n", "\nnot a line\n", 1);
        let Ok(Input::Watch(log)) = read("w", with_bad.as_bytes(), now(), None) else {
            panic!("not read")
        };
        assert_eq!(log.bad_lines, 1);
        assert_eq!(log.gone, 4);
    }

    #[test]
    fn a_drives_log_counts_drops_per_drive() {
        let text = concat!(
            r#"{"time":"2026-03-02T08:00:00Z","event":"start","watch":"drives","interval_seconds":30,"count":null,"elevated":false}"#,
            "\n",
            r#"{"time":"2026-03-02T08:00:00Z","event":"initial","local":"S:","remote":"\\\\FS01\\data","from":null,"to":"ok"}"#,
            "\n",
            r#"{"time":"2026-03-02T08:20:00Z","event":"changed","local":"S:","remote":"\\\\FS01\\data","from":"ok","to":"disconnected"}"#,
            "\n",
            r#"{"time":"2026-03-02T08:30:00Z","event":"changed","local":"S:","remote":"\\\\FS01\\data","from":"disconnected","to":"ok"}"#,
            "\n",
            r#"{"time":"2026-03-02T09:20:00Z","event":"changed","local":"S:","remote":"\\\\FS01\\data","from":"ok","to":"disconnected"}"#,
            "\n",
        );
        let Ok(Input::Watch(log)) = read("PC01.watch.jsonl", text.as_bytes(), now(), None) else {
            panic!("not read")
        };
        assert_eq!(log.kind, WatchKind::Drives);
        assert_eq!(
            log.drops,
            vec![DriveDrops {
                drive: "S:".to_string(),
                to: "disconnected".to_string(),
                count: 2
            }]
        );
    }

    #[test]
    fn sniffing_tells_a_watch_log_in_utf8_and_utf16() {
        assert!(sniff_watch_log(br#"{"time":"2026"#));
        assert!(sniff_watch_log(b"\xEF\xBB\xBF{\"time\":"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "{\"time\":\"x".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert!(sniff_watch_log(&utf16));
        assert!(!sniff_watch_log(b"{\n  \"schema_version\": 2"));
    }
}
