//! Text and JSON rendering. No logic beyond wording, no I/O besides the writer given.

use std::io::{self, Write};

use serde::Serialize;

use crate::parse::server::UserLimit;
use crate::parse::{Parsed, Reading, ServerConfig, Transport, WorkstationConfig};

/// Where command output goes, and how it may look.
pub struct Output<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    pub color: bool,
}

impl Output<'_> {
    /// A warning on stderr, never on stdout (batch files read stdout).
    pub fn warn(&mut self, message: &str) -> io::Result<()> {
        let label = paint(self.color, "33", "warning:");
        writeln!(self.stderr, "{label} {message}")
    }

    /// A note on stderr (the state of the machine, what takes effect when).
    pub fn note(&mut self, message: &str) -> io::Result<()> {
        let label = paint(self.color, "36", "note:");
        writeln!(self.stderr, "{label} {message}")
    }

    pub fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.stdout, "{text}")
    }

    /// One JSON object, pretty-printed, on stdout.
    pub fn json<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *self.stdout, value).map_err(io::Error::other)?;
        writeln!(self.stdout)
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

/// A parsed output as JSON: the fields, plus what could not be read.
#[derive(Serialize)]
pub struct JsonParsed<'a, T: Serialize> {
    #[serde(flatten)]
    pub config: &'a T,
    /// Fields whose lines are not in the output.
    pub missing: &'a [&'static str],
    pub warnings: &'a [String],
    /// `en`, `zh-CN`, or `null` when read by structure only.
    pub language: Option<&'static str>,
}

impl<'a, T: Serialize> JsonParsed<'a, T> {
    pub fn new(parsed: &'a Parsed<T>) -> Self {
        JsonParsed {
            config: &parsed.config,
            missing: &parsed.missing,
            warnings: &parsed.warnings,
            language: parsed.language,
        }
    }
}

const LABEL_WIDTH: usize = 28;

fn row(out: &mut String, label: &str, value: &str) {
    out.push_str(&format!("{label:<LABEL_WIDTH$} {value}\n"));
}

fn text_of(reading: &Reading<String>, empty: &str) -> String {
    match reading {
        Reading::Value(v) if v.is_empty() => empty.to_string(),
        Reading::Value(v) => v.clone(),
        Reading::Absent => empty.to_string(),
        Reading::Missing => "(not in the output)".to_string(),
        Reading::Unreadable(raw) => format!("{raw} (not understood)"),
    }
}

fn shown<T>(reading: &Reading<T>, show: impl Fn(&T) -> String) -> String {
    match reading {
        Reading::Value(v) => show(v),
        Reading::Absent => "(none)".to_string(),
        Reading::Missing => "(not in the output)".to_string(),
        Reading::Unreadable(raw) => format!("{raw:?} (not understood)"),
    }
}

fn transports(out: &mut String, reading: &Reading<Vec<Transport>>) {
    match reading {
        Reading::Value(list) if list.is_empty() => row(out, "Transports", "(none)"),
        Reading::Value(list) => {
            for (i, t) in list.iter().enumerate() {
                let label = if i == 0 { "Transports" } else { "" };
                row(out, label, &transport(t));
            }
        }
        other => row(out, "Transports", &shown(other, |_| String::new())),
    }
}

/// `name (address)`, as net prints it.
pub fn transport(t: &Transport) -> String {
    if t.address.is_empty() {
        t.name.clone()
    } else {
        format!("{} ({})", t.name, t.address)
    }
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

pub fn server_text(config: &ServerConfig) -> String {
    let mut out = String::new();
    row(
        &mut out,
        "Server name",
        &text_of(&config.server_name, "(none)"),
    );
    row(
        &mut out,
        "Comment",
        &text_of(&config.server_comment, "(none)"),
    );
    row(
        &mut out,
        "Software version",
        &text_of(&config.software_version, "(none)"),
    );
    row(
        &mut out,
        "Hidden",
        &shown(&config.hidden, |h| {
            if *h { "yes" } else { "no" }.to_string()
        }),
    );
    row(
        &mut out,
        "Max logged-on users",
        &shown(&config.max_logged_on_users, |l| match l {
            UserLimit::Count(n) => n.to_string(),
            UserLimit::Unlimited => "unlimited".to_string(),
        }),
    );
    row(
        &mut out,
        "Max open files per session",
        &shown(&config.max_open_files_per_session, u64::to_string),
    );
    row(
        &mut out,
        "Idle session time",
        &shown(&config.idle_session_minutes, |m| explain_idle_minutes(*m)),
    );
    transports(&mut out, &config.transports);
    out
}

pub fn workstation_text(config: &WorkstationConfig) -> String {
    let mut out = String::new();
    row(
        &mut out,
        "Computer name",
        &text_of(&config.computer_name, "(none)"),
    );
    row(
        &mut out,
        "Full computer name",
        &text_of(&config.full_computer_name, "(not printed)"),
    );
    row(&mut out, "User name", &text_of(&config.user_name, "(none)"));
    row(
        &mut out,
        "Software version",
        &text_of(&config.software_version, "(none)"),
    );
    row(
        &mut out,
        "Workstation domain",
        &text_of(&config.workstation_domain, "(none)"),
    );
    row(
        &mut out,
        "Domain DNS name",
        &text_of(
            &config.workstation_domain_dns_name,
            "(none: not domain-joined)",
        ),
    );
    row(
        &mut out,
        "Logon domain",
        &text_of(&config.logon_domain, "(none)"),
    );
    row(
        &mut out,
        "COM open timeout (sec)",
        &shown(&config.com_open_timeout_sec, u64::to_string),
    );
    row(
        &mut out,
        "COM send count (byte)",
        &shown(&config.com_send_count_bytes, u64::to_string),
    );
    row(
        &mut out,
        "COM send timeout (msec)",
        &shown(&config.com_send_timeout_msec, u64::to_string),
    );
    transports(&mut out, &config.transports);
    out
}
