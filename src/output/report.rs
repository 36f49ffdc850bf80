//! `lanman report`'s four forms (README "report"): text, CSV, JSON and one self-contained HTML
//! page. Every string in a report came from a file that any computer on the share could have
//! written, so each form escapes it for its reader: control characters are shown, not sent
//! (text); a CSV cell a spreadsheet would run as a formula is neutralised; HTML is escaped and
//! written as ASCII (every other character as a character reference), under a
//! Content-Security-Policy that allows no script and no network.

use std::fmt::Write as _;

use serde::Serialize;

use super::visible;
use crate::diagnosis::{duration, minutes};
use crate::error::ErrorJson;
use crate::parse::server_names::server_key;
use crate::report::Skipped;
use crate::report::fleet::{ClientRow, Counts, FixRow, Report, ServerRow};

/// What the document says about itself (README "report": the envelope).
pub(crate) struct Envelope {
    pub(crate) lanman_version: &'static str,
    /// RFC 3339, UTC.
    pub(crate) generated_at: String,
}

/// `report --format json`, members in the documented order.
#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    lanman_version: &'a str,
    generated_at: &'a str,
    below_seconds: u64,
    max_age_seconds: Option<u64>,
    counts: &'a Counts,
    servers: &'a [ServerRow],
    clients: &'a [ClientRow],
    skipped: &'a [Skipped],
    error: Option<ErrorJson>,
}

/// The JSON document.
pub(crate) fn json(
    r: &Report,
    envelope: &Envelope,
    error: Option<ErrorJson>,
    writer: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // Streamed to the writer: a fleet's report can be tens of MiB, and is not kept whole.
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut *writer,
        super::Ascii(serde_json::ser::PrettyFormatter::new()),
    );
    ReportJson {
        schema_version: crate::report::SCHEMA_VERSION,
        lanman_version: envelope.lanman_version,
        generated_at: &envelope.generated_at,
        below_seconds: r.below_seconds,
        max_age_seconds: r.max_age_seconds,
        counts: &r.counts,
        servers: &r.servers,
        clients: &r.clients,
        skipped: &r.skipped,
        error,
    }
    .serialize(&mut serializer)
    .map_err(std::io::Error::other)?;
    writer.write_all(b"\n")
}

/// An idle limit in words.
fn limit_words(s: &ServerRow) -> String {
    match (s.idle_limit_seconds, s.idle_limit_longest_seconds, s.never) {
        (Some(a), Some(b), never) if a != b => format!(
            "{} to {}{}",
            duration(a),
            duration(b),
            if never { ", and none on some" } else { "" }
        ),
        (Some(a), _, true) => format!("{}, and none on some", duration(a)),
        (Some(a), _, false) => duration(a),
        (None, _, true) => "none (autodisconnect off)".to_string(),
        (None, _, false) => "unknown".to_string(),
    }
}

fn reading_words(m: Option<i64>, v2: Option<u32>, build: Option<u32>) -> String {
    let mut parts = Vec::new();
    if let Some(m) = m {
        parts.push(format!("autodisconnect {}", minutes(m)));
    }
    if let Some(v2) = v2 {
        parts.push(format!(
            "AutoDisconnectTimeoutV2 {}",
            duration(u64::from(v2))
        ));
    }
    if let Some(b) = build {
        parts.push(format!("build {b}"));
    }
    if parts.is_empty() {
        "no values".to_string()
    } else {
        parts.join(", ")
    }
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn own_words(s: &ServerRow) -> Option<String> {
    let o = s.own.as_ref()?;
    let by = if server_key(&o.read_by) == server_key(&s.name)
        || s.names
            .iter()
            .any(|n| server_key(n) == server_key(&o.read_by))
    {
        "doctor on it".to_string()
    } else {
        format!("doctor --computer from {}", o.read_by)
    };
    if let Some(e) = &o.error {
        return Some(format!("{by}, {}: could not be read: {e}", o.generated_at));
    }
    let mut parts = vec![reading_words(
        o.autodisconnect_minutes,
        o.autodisconnect_v2_seconds,
        o.build,
    )];
    if let Some(src) = &o.autodisconnect_source {
        let words = match src.as_str() {
            "net_config_server" => "net config server",
            "default" => "not set: the default",
            other => other,
        };
        parts[0].push_str(&format!(" (from {words})"));
    }
    match (o.policy_checked, o.policy_autodisconnect_minutes) {
        (Some(true), Some(m)) => parts.push(format!("Group Policy sets {}", minutes(i64::from(m)))),
        (Some(true), None) => parts.push("Group Policy sets none".to_string()),
        _ => parts.push("Group Policy not checked".to_string()),
    }
    if let Some(m) = o.mdm_autodisconnect_minutes {
        parts.push(format!("an MDM set {}", minutes(i64::from(m))));
    }
    match (o.idle_limit_seconds, o.limited_by.as_deref()) {
        (Some(x), _) => parts.push(format!("idle limit {}", duration(x))),
        (None, Some("server_autodisconnect")) => parts.push("no idle limit".to_string()),
        _ => parts.push("idle limit unknown".to_string()),
    }
    Some(format!("{by}, {}: {}", o.generated_at, parts.join("; ")))
}

fn measured_words(s: &ServerRow) -> Option<String> {
    let [low, high] = s.measured_idle_seconds?;
    Some(format!(
        "sessions without open files vanished at {low} to {high} s idle ({}, {})",
        plural(s.measured_sessions, "session"),
        s.watch_logs.join(", ")
    ))
}

fn drive_name(d: &crate::report::fleet::FlaggedDrive) -> String {
    d.local.clone().unwrap_or_else(|| d.remote.clone())
}

fn summary_line(r: &Report) -> String {
    let c = &r.counts;
    format!(
        "{} read ({} and {}), {} not read: {}, {} of them listed below; {}",
        plural(c.files - c.skipped, "file"),
        plural(c.doctor_reports, "doctor report"),
        plural(c.watch_logs, "watch log"),
        c.skipped,
        plural(c.clients, "client"),
        c.clients - c.clients_without_problems,
        plural(c.servers, "file server"),
    )
}

/// The text: the summary, each server (shortest idle limit first), the clients, what was not
/// read.
pub(crate) fn text(r: &Report) -> String {
    let mut out = String::new();
    let line = |out: &mut String, text: &str| {
        out.push_str(&visible(text));
        out.push('\n');
    };
    line(&mut out, &format!("lanman report: {}", summary_line(r)));
    line(&mut out, "");
    line(&mut out, "File servers, shortest idle limit first");
    if r.servers.is_empty() {
        line(&mut out, "  (none: no report names a file server)");
    }
    for s in &r.servers {
        line(&mut out, "");
        let others: Vec<&str> = s
            .names
            .iter()
            .filter(|n| !n.eq_ignore_ascii_case(&s.name))
            .map(String::as_str)
            .collect();
        let aka = if others.is_empty() {
            String::new()
        } else {
            format!(" (also {})", others.join(", "))
        };
        line(
            &mut out,
            &format!(
                "{}{aka}: {}, {}; idle limit {}",
                s.name,
                plural(s.clients, "client"),
                plural(s.drives, "drive"),
                limit_words(s)
            ),
        );
        if s.kind.as_deref() == Some("not_windows") {
            line(
                &mut out,
                "  not a Windows server: its own setting (Samba's deadtime) decides",
            );
        }
        for (i, reading) in s.readings.iter().enumerate() {
            let label = if i == 0 {
                "  clients saw   "
            } else {
                "                "
            };
            line(
                &mut out,
                &format!(
                    "{label}{}: {}",
                    reading_words(
                        reading.autodisconnect_minutes,
                        reading.autodisconnect_v2_seconds,
                        reading.build
                    ),
                    plural(reading.clients, "client")
                ),
            );
        }
        for unread in &s.unread {
            line(
                &mut out,
                &format!(
                    "  not read by   {}: {}",
                    plural(unread.clients, "client"),
                    unread.kind
                ),
            );
        }
        if s.readings_disagree {
            line(
                &mut out,
                "  readings disagree between reports (a value changed between runs, or the registry differs from the running service)",
            );
        }
        if let Some(own) = own_words(s) {
            line(&mut out, &format!("  itself        {own}"));
        }
        if let Some(m) = measured_words(s) {
            line(&mut out, &format!("  measured      {m}"));
        }
        for fix in &s.fixes {
            line(&mut out, &fix_words(fix));
        }
    }
    line(&mut out, "");
    let listed = r.counts.clients - r.counts.clients_without_problems;
    line(
        &mut out,
        &format!(
            "Clients with a drive below {}, Disconnected or Unavailable, or a problem of their own: {listed} of {}",
            duration(r.below_seconds),
            r.counts.clients
        ),
    );
    for c in &r.clients {
        line(&mut out, "");
        let mut head = c.name.clone();
        if let Some(dns) = c
            .dns_name
            .as_ref()
            .filter(|d| !d.eq_ignore_ascii_case(&c.name))
        {
            head.push_str(&format!(" ({dns})"));
        }
        if let Some(b) = c.build {
            head.push_str(&format!(", build {b}"));
        }
        if let Some(at) = &c.generated_at {
            head.push_str(&format!(", report of {at}"));
        }
        line(&mut out, &head);
        for d in &c.drives {
            let limit = d
                .effective_idle_seconds
                .map_or("limit unknown".to_string(), duration);
            line(
                &mut out,
                &format!(
                    "  {} {} on {}: {}, {limit} ({})",
                    drive_name(d),
                    d.remote,
                    d.file_server.as_deref().unwrap_or("?"),
                    d.status.as_deref().unwrap_or("?"),
                    d.reasons.join(", ")
                ),
            );
        }
        for p in &c.problems {
            line(&mut out, &format!("  {}: {}", p.problem, p.message));
            if let Some(fix) = &p.fix {
                line(
                    &mut out,
                    &format!(
                        "    fix, on {}: {fix}",
                        p.run_on.as_deref().unwrap_or(&c.name)
                    ),
                );
            }
        }
        for w in &c.went_red {
            line(
                &mut out,
                &format!(
                    "  watch: {} went {} {}",
                    w.drive,
                    w.to,
                    plural(w.count, "time")
                ),
            );
        }
    }
    if !r.skipped.is_empty() {
        line(&mut out, "");
        line(
            &mut out,
            &format!("Not read: {}", plural(r.skipped.len() as u64, "file")),
        );
        for s in &r.skipped {
            line(
                &mut out,
                &format!("  {}: {}: {}", s.file, s.reason.code(), s.message),
            );
        }
    }
    out
}

/// Who gave a fix: `its own report and 3 clients`.
fn fix_from(fix: &FixRow) -> String {
    let clients = (fix.client_reports > 0).then(|| plural(fix.client_reports, "client"));
    match (fix.from_itself, clients) {
        (true, Some(c)) => format!("its own report and {c}"),
        (true, None) => "its own report".to_string(),
        (false, Some(c)) => c,
        (false, None) => String::new(),
    }
}

fn fix_words(fix: &FixRow) -> String {
    format!(
        "  fix, on {}: {}   ({}; from {})",
        fix.run_on,
        fix.fix,
        fix.evidence.as_deref().unwrap_or("evidence not given"),
        fix_from(fix)
    )
}

// ---- CSV ------------------------------------------------------------------------------------

/// The CSV columns, in order (README "report": CSV).
pub(crate) const CSV_COLUMNS: &[&str] = &[
    "record",
    "server",
    "server_names",
    "clients",
    "drives",
    "kind",
    "builds",
    "autodisconnect_minutes",
    "autodisconnect_v2_seconds",
    "readings_disagree",
    "idle_limit_seconds",
    "idle_limit_longest_seconds",
    "no_idle_limit",
    "measured_low_seconds",
    "measured_high_seconds",
    "client",
    "drive",
    "remote",
    "status",
    "effective_idle_seconds",
    "limited_by",
    "reasons",
    "problem",
    "message",
    "fix",
    "run_on",
    "count",
    "file",
];

/// One CSV cell: a number lanman formatted, or text from a file (neutralised).
enum Cell {
    Num(i128),
    Text(String),
    Empty,
}

fn num<T: Into<i128>>(n: Option<T>) -> Cell {
    n.map_or(Cell::Empty, |n| Cell::Num(n.into()))
}

fn txt(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_txt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
}

fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "yes" } else { "no" }.to_string())
}

/// A text cell as RFC 4180 writes it: a cell a spreadsheet would take for a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a line break) gets a leading `'`; a cell with a comma, a
/// quote or a line break is quoted, its quotes doubled.
pub(crate) fn csv_cell(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

fn csv_row(out: &mut String, cells: &[(&str, Cell)]) {
    let row: Vec<String> = CSV_COLUMNS
        .iter()
        .map(
            |column| match cells.iter().find(|(c, _)| c == column).map(|(_, v)| v) {
                Some(Cell::Num(n)) => n.to_string(),
                Some(Cell::Text(t)) => csv_cell(t),
                Some(Cell::Empty) | None => String::new(),
            },
        )
        .collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// The CSV: one table, one row per record (`server`, `reading`, `fix`, `drive`, `problem`,
/// `went_red`, `skipped`), CRLF line ends.
pub(crate) fn csv(r: &Report) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for s in &r.servers {
        let top = s.readings.first();
        let (m, v2) = match &s.own {
            Some(o) if o.error.is_none() => (o.autodisconnect_minutes, o.autodisconnect_v2_seconds),
            _ => (
                top.and_then(|t| t.autodisconnect_minutes),
                top.and_then(|t| t.autodisconnect_v2_seconds),
            ),
        };
        let builds: Vec<String> = s.builds.iter().map(u32::to_string).collect();
        csv_row(
            &mut out,
            &[
                ("record", txt("server")),
                ("server", txt(&s.name)),
                ("server_names", txt(s.names.join(" "))),
                ("clients", num(Some(s.clients))),
                ("drives", num(Some(s.drives))),
                ("kind", opt_txt(s.kind.as_deref())),
                ("builds", txt(builds.join(" "))),
                ("autodisconnect_minutes", num(m)),
                ("autodisconnect_v2_seconds", num(v2)),
                ("readings_disagree", yes_no(s.readings_disagree)),
                ("idle_limit_seconds", num(s.idle_limit_seconds)),
                (
                    "idle_limit_longest_seconds",
                    num(s.idle_limit_longest_seconds),
                ),
                ("no_idle_limit", yes_no(s.never)),
                (
                    "measured_low_seconds",
                    num(s.measured_idle_seconds.map(|m| m[0])),
                ),
                (
                    "measured_high_seconds",
                    num(s.measured_idle_seconds.map(|m| m[1])),
                ),
                ("file", opt_txt(s.own.as_ref().map(|o| o.file.as_str()))),
            ],
        );
        for reading in &s.readings {
            csv_row(
                &mut out,
                &[
                    ("record", txt("reading")),
                    ("server", txt(&s.name)),
                    ("clients", num(Some(reading.clients))),
                    ("builds", num(reading.build)),
                    (
                        "autodisconnect_minutes",
                        num(reading.autodisconnect_minutes),
                    ),
                    (
                        "autodisconnect_v2_seconds",
                        num(reading.autodisconnect_v2_seconds),
                    ),
                ],
            );
        }
        for unread in &s.unread {
            csv_row(
                &mut out,
                &[
                    ("record", txt("unread")),
                    ("server", txt(&s.name)),
                    ("clients", num(Some(unread.clients))),
                    ("message", txt(&unread.kind)),
                ],
            );
        }
        for fix in &s.fixes {
            csv_row(
                &mut out,
                &[
                    ("record", txt("fix")),
                    ("server", txt(&s.name)),
                    ("fix", txt(&fix.fix)),
                    ("run_on", txt(&fix.run_on)),
                    ("message", txt(format!("from {}", fix_from(fix)))),
                    ("count", num(Some(fix.client_reports))),
                ],
            );
        }
    }
    for c in &r.clients {
        for d in &c.drives {
            csv_row(
                &mut out,
                &[
                    ("record", txt("drive")),
                    ("client", txt(&c.name)),
                    ("server", opt_txt(d.file_server.as_deref())),
                    ("drive", txt(drive_name(d))),
                    ("remote", txt(&d.remote)),
                    ("status", opt_txt(d.status.as_deref())),
                    ("effective_idle_seconds", num(d.effective_idle_seconds)),
                    ("limited_by", opt_txt(d.limited_by.as_deref())),
                    ("reasons", txt(d.reasons.join(" "))),
                    ("message", opt_txt(d.cause.as_deref())),
                    ("file", opt_txt(c.file.as_deref())),
                ],
            );
        }
        for p in &c.problems {
            csv_row(
                &mut out,
                &[
                    ("record", txt("problem")),
                    ("client", txt(&c.name)),
                    ("problem", txt(p.problem)),
                    ("message", txt(&p.message)),
                    ("fix", opt_txt(p.fix.as_deref())),
                    ("run_on", opt_txt(p.run_on.as_deref())),
                    ("file", opt_txt(c.file.as_deref())),
                ],
            );
        }
        for w in &c.went_red {
            csv_row(
                &mut out,
                &[
                    ("record", txt("went_red")),
                    ("client", txt(&c.name)),
                    ("drive", txt(&w.drive)),
                    ("status", txt(&w.to)),
                    ("count", num(Some(w.count))),
                ],
            );
        }
    }
    for s in &r.skipped {
        csv_row(
            &mut out,
            &[
                ("record", txt("skipped")),
                ("file", txt(&s.file)),
                ("problem", txt(s.reason.code())),
                ("message", txt(&s.message)),
            ],
        );
    }
    out
}

// ---- HTML -----------------------------------------------------------------------------------

/// Text for HTML (element content and quoted attribute values): `&`, `<`, `>`, `"` and `'`
/// escaped, control characters shown as text, and every non-ASCII character written as a
/// character reference, so the page is ASCII and reads the same whatever bytes carry it.
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "&#x{:x};", u32::from(c));
            }
        }
    }
    out
}

const STYLE: &str = "body{font-family:Segoe UI,Arial,sans-serif;margin:1.5em;color:#222}\
table{border-collapse:collapse;margin:0.5em 0 1.5em}\
th,td{border:1px solid #bbb;padding:0.25em 0.5em;text-align:left;vertical-align:top}\
th{background:#eee}td.n{text-align:right}\
.warn{color:#9a3b00}code{font-family:Consolas,monospace;white-space:pre-wrap}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}";

/// The page: a summary, the chart, the servers, the clients, what was not read.
pub(crate) fn html(r: &Report, envelope: &Envelope) -> String {
    let e = html_escape;
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // No script and nothing from the network, whatever a file managed to put in the page.
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    let _ = writeln!(
        o,
        "<title>lanman report {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        e(&envelope.generated_at)
    );
    let _ = writeln!(
        o,
        "<h1>lanman report</h1>\n<p>Generated {} by lanman {}. {}.</p>",
        e(&envelope.generated_at),
        e(envelope.lanman_version),
        e(&summary_line(r))
    );
    o.push_str("<h2>Idle limit per file server</h2>\n");
    o.push_str(&chart(r));
    o.push_str("<h2>File servers, shortest idle limit first</h2>\n");
    o.push_str("<table>\n<tr><th>Server</th><th>Clients</th><th>Drives</th><th>Idle limit</th><th>Values as clients saw them</th><th>Disagree</th><th>Its own report</th><th>Measured (watch)</th><th>Fix, and where it must run</th></tr>\n");
    for s in &r.servers {
        let mut seen: Vec<String> = s
            .readings
            .iter()
            .map(|x| {
                format!(
                    "{}: {}",
                    e(&reading_words(
                        x.autodisconnect_minutes,
                        x.autodisconnect_v2_seconds,
                        x.build
                    )),
                    e(&plural(x.clients, "client"))
                )
            })
            .collect();
        seen.extend(s.unread.iter().map(|u| {
            format!(
                "<span class=\"warn\">not read by {}: {}</span>",
                e(&plural(u.clients, "client")),
                e(&u.kind)
            )
        }));
        let fixes: Vec<String> = s
            .fixes
            .iter()
            .map(|f| {
                format!(
                    "on <b>{}</b>: <code>{}</code> ({}; from {})",
                    e(&f.run_on),
                    e(&f.fix),
                    e(f.evidence.as_deref().unwrap_or("evidence not given")),
                    e(&fix_from(f))
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "<tr><td><b>{}</b><br>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&s.name),
            e(&s.names.join(", ")),
            s.clients,
            s.drives,
            e(&limit_words(s)),
            seen.join("<br>"),
            if s.readings_disagree {
                "<span class=\"warn\">yes</span>"
            } else {
                "no"
            },
            own_words(s).map(|w| e(&w)).unwrap_or_default(),
            measured_words(s).map(|w| e(&w)).unwrap_or_default(),
            fixes.join("<br>")
        );
    }
    o.push_str("</table>\n");
    let listed = r.counts.clients - r.counts.clients_without_problems;
    let _ = writeln!(
        o,
        "<h2>Clients: a drive below {}, Disconnected or Unavailable, or a problem of their own ({listed} of {})</h2>",
        e(&duration(r.below_seconds)),
        r.counts.clients
    );
    o.push_str("<table>\n<tr><th>Client</th><th>Build</th><th>Drives</th><th>Problems</th><th>Report</th></tr>\n");
    for c in &r.clients {
        let mut drives: Vec<String> = c
            .drives
            .iter()
            .map(|d| {
                format!(
                    "{} <code>{}</code> on {}: {}, {} ({})",
                    e(&drive_name(d)),
                    e(&d.remote),
                    e(d.file_server.as_deref().unwrap_or("?")),
                    e(d.status.as_deref().unwrap_or("?")),
                    e(&d.effective_idle_seconds
                        .map_or("limit unknown".to_string(), duration)),
                    e(&d.reasons.join(", "))
                )
            })
            .collect();
        drives.extend(c.went_red.iter().map(|w| {
            format!(
                "watch: {} went {} {}",
                e(&w.drive),
                e(&w.to),
                e(&plural(w.count, "time"))
            )
        }));
        let problems: Vec<String> = c
            .problems
            .iter()
            .map(|p| {
                let fix = p.fix.as_ref().map_or(String::new(), |f| {
                    format!(
                        "<br>fix, on <b>{}</b>: <code>{}</code>",
                        e(p.run_on.as_deref().unwrap_or(&c.name)),
                        e(f)
                    )
                });
                format!("{}: {}{fix}", e(p.problem), e(&p.message))
            })
            .collect();
        let _ = writeln!(
            o,
            "<tr><td><b>{}</b>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&c.name),
            c.dns_name
                .as_ref()
                .map_or(String::new(), |d| format!("<br>{}", e(d))),
            c.build.map_or(String::new(), |b| b.to_string()),
            drives.join("<br>"),
            problems.join("<br>"),
            e(c.generated_at.as_deref().unwrap_or(""))
        );
    }
    o.push_str("</table>\n");
    if !r.skipped.is_empty() {
        let _ = writeln!(o, "<h2>Not read ({})</h2>", r.skipped.len());
        o.push_str("<table>\n<tr><th>File</th><th>Reason</th><th></th></tr>\n");
        for s in &r.skipped {
            let _ = writeln!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                e(&s.file),
                e(s.reason.code()),
                e(&s.message)
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// A horizontal bar per server: its shortest idle limit (minutes), the measured range as a
/// dark band, "none" and "unknown" in words. Inline SVG: no script, no font from outside.
fn chart(r: &Report) -> String {
    const LABEL: u32 = 300;
    const BAR: u32 = 480;
    const ROW: u32 = 26;
    let e = html_escape;
    let scale_max = r
        .servers
        .iter()
        .flat_map(|s| {
            [
                s.idle_limit_seconds,
                s.idle_limit_longest_seconds,
                s.measured_idle_seconds.map(|m| m[1]),
            ]
        })
        .flatten()
        .max()
        .unwrap_or(900)
        .max(900);
    let x = |seconds: u64| -> u64 {
        u64::from(LABEL) + seconds.min(scale_max) * u64::from(BAR) / scale_max
    };
    let height = ROW * (r.servers.len() as u32) + 40;
    let width = LABEL + BAR + 200;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Idle limit per file server\" font-family=\"Segoe UI,Arial,sans-serif\" font-size=\"13\">"
    );
    for (i, s) in r.servers.iter().enumerate() {
        let y = 10 + ROW * i as u32;
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            y + 16,
            e(&s.name)
        );
        let label = match (s.idle_limit_seconds, s.never) {
            (Some(secs), _) => {
                let _ = writeln!(
                    o,
                    "<rect x=\"{LABEL}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"#d9822b\"><title>{}</title></rect>",
                    y + 2,
                    x(secs).saturating_sub(u64::from(LABEL)).max(1),
                    e(&format!("{}: {}", s.name, duration(secs)))
                );
                format!("{} min", (secs + 30) / 60)
            }
            (None, true) => {
                let _ = writeln!(
                    o,
                    "<rect x=\"{LABEL}\" y=\"{}\" width=\"{BAR}\" height=\"18\" fill=\"#7fb77e\"/>",
                    y + 2
                );
                "none (off)".to_string()
            }
            (None, false) => "unknown".to_string(),
        };
        if let Some([low, high]) = s.measured_idle_seconds {
            let _ = writeln!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"#1f3b73\"><title>{}</title></rect>",
                x(low),
                y + 8,
                (x(high) - x(low)).max(2),
                e(&format!("measured {low} to {high} s"))
            );
        }
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            LABEL + BAR + 8,
            y + 16,
            e(&label)
        );
    }
    let axis_y = 10 + ROW * r.servers.len() as u32 + 4;
    let _ = writeln!(
        o,
        "<line x1=\"{LABEL}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\" stroke=\"#888\"/>\n<text x=\"{LABEL}\" y=\"{}\">0</text>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} min</text>",
        LABEL + BAR,
        axis_y + 16,
        LABEL + BAR,
        axis_y + 16,
        scale_max.div_ceil(60)
    );
    o.push_str("</svg>\n<p>Bars: the shortest idle limit doctor found for the server (orange), none when autodisconnect is off (green); the dark band is the idle time at which sessions were measured to vanish (watch logs).</p>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_cells_quoted() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\r=x"), "\"'\r=x\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=a,\"b\""), "\"'=a,\"\"b\"\"\"");
        assert_eq!(csv_cell("FS01"), "FS01");
    }

    #[test]
    fn html_escapes_markup_and_writes_ascii() {
        assert_eq!(
            html_escape("<script>alert('x')</script> & \"Büro\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;B&#xfc;ro&quot;"
        );
        assert_eq!(html_escape("a\u{1b}[31m"), "a\\x1b[31m");
    }
}
