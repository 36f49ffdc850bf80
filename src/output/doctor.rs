//! `lanman doctor`'s text and JSON (README "doctor"). Columns are aligned and lines wrapped by
//! display width (a CJK character takes two columns), with `textwrap`.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Output, paint, visible};
use crate::diagnosis::{
    ClientSide, Diagnosis, Drive, Evidence, Finding, LimitedBy, ServerKind, ServerSide,
    ServerSummary, Severity, Source, duration, minutes,
};
use crate::error::ErrorJson;
use crate::parse::host::HostIdentity;
use crate::parse::os_version::OsVersion;
use crate::parse::{Network, Status};

/// Lines are wrapped to this many columns: short lines in a console and a log.
const WIDTH: usize = 100;
/// The width of the labels of the first lines.
const LABEL: usize = 16;

/// What the document says about itself and the run (README "doctor": the envelope).
pub(crate) struct Envelope {
    pub(crate) schema_version: u32,
    pub(crate) lanman_version: &'static str,
    /// RFC 3339, UTC.
    pub(crate) generated_at: String,
}

/// `doctor --json`, members in the documented order.
#[derive(Serialize)]
struct DoctorJson<'a> {
    schema_version: u32,
    lanman_version: &'a str,
    generated_at: &'a str,
    host: &'a HostIdentity,
    computer: Option<&'a str>,
    drive: Option<&'a str>,
    client: Option<&'a ClientSide>,
    server: &'a ServerSide,
    drives: Option<&'a [Drive]>,
    servers: &'a [ServerSummary],
    findings: &'a [Finding],
    error: Option<ErrorJson>,
}

/// Print the JSON document.
pub(crate) fn json(
    d: &Diagnosis,
    envelope: &Envelope,
    error: Option<ErrorJson>,
    out: &mut Output<'_>,
) -> std::io::Result<()> {
    out.json(&DoctorJson {
        schema_version: envelope.schema_version,
        lanman_version: envelope.lanman_version,
        generated_at: &envelope.generated_at,
        host: &d.host,
        computer: d.computer.as_deref(),
        drive: d.asked.as_deref(),
        client: d.client.as_ref(),
        server: &d.server,
        drives: d.drives.as_deref(),
        servers: &d.servers,
        findings: &d.findings,
        error,
    })
}

/// Print the text: who and where, the drive table, each drive's headline, then the findings.
pub(crate) fn text(d: &Diagnosis, out: &mut Output<'_>) -> std::io::Result<()> {
    for (label, value) in summary(d) {
        let lines = wrap(&value, WIDTH - LABEL - 1);
        for (i, line) in lines.iter().enumerate() {
            let label = if i == 0 { label.as_str() } else { "" };
            out.line(&visible(&format!("{} {line}", pad(label, LABEL))))?;
        }
    }
    if let Some(drives) = &d.drives {
        out.line("")?;
        if drives.is_empty() {
            out.line("No mapped drives: net use lists no connections.")?;
        } else {
            for line in table(drives) {
                out.line(&visible(line.trim_end()))?;
            }
            out.line("")?;
            let width = drives
                .iter()
                .map(|d| crate::diagnosis::drive_name(d).width())
                .max()
                .unwrap_or(0);
            for drive in drives {
                let name = pad(&crate::diagnosis::drive_name(drive), width);
                let text = format!(
                    "{} ({})",
                    drive.headline.message,
                    drive.headline.evidence.words()
                );
                hanging(out, &name, &text)?;
            }
        }
    }
    for finding in &d.findings {
        out.line("")?;
        render_finding(finding, out)?;
    }
    Ok(())
}

/// The first lines: this computer, and its two sides (or the `--computer` target).
fn summary(d: &Diagnosis) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let host = match (&d.host.name, &d.host.dns_name) {
        (Some(n), Some(dns)) => format!("{n} ({dns})"),
        (Some(n), None) => n.clone(),
        (None, Some(dns)) => dns.clone(),
        (None, None) => "name not read".to_string(),
    };
    match &d.client {
        Some(client) => {
            let os = client.os.as_ref().map(os_text).unwrap_or_default();
            let mut line = if os.is_empty() {
                host
            } else {
                format!("{host}, {os}")
            };
            match client.elevated {
                Some(true) => line.push_str("; lanman runs elevated"),
                Some(false) => line.push_str("; lanman runs not elevated"),
                None => {}
            }
            rows.push(("This computer".to_string(), line));
            let keepconn = match (client.keepconn_seconds, client.keepconn_is_default) {
                (Some(s), Some(true)) => {
                    format!("KeepConn {}, not set: the default", duration(u64::from(s)))
                }
                (Some(s), _) => format!("KeepConn {}", duration(u64::from(s))),
                (None, _) => "KeepConn could not be read".to_string(),
            };
            let rule = if client.keepconn_rule == "documented" {
                "KB 297684's rule applies to this build"
            } else {
                "whether this build uses it is disputed"
            };
            rows.push(("As a client".to_string(), format!("{keepconn} ({rule})")));
            rows.push(("As a server".to_string(), server_text(&d.server, true)));
        }
        None => {
            rows.push(("This computer".to_string(), host));
            let name = d.server.name.clone().unwrap_or_default();
            let mut line = server_text(&d.server, false);
            if let Some(os) = d.server.os.as_ref().map(os_text).filter(|t| !t.is_empty()) {
                line = format!("{os}; {line}");
            }
            rows.push((format!("Server {name}"), line));
        }
    }
    rows
}

/// The server side in one line.
fn server_text(s: &ServerSide, local: bool) -> String {
    if s.service_running == Some(false) {
        return "the Server service is not running: it shares nothing".to_string();
    }
    if let Some(error) = &s.error {
        return format!("could not be read: {}", error.message);
    }
    if s.kind == ServerKind::NotWindows {
        return "not a Windows server (no LanmanServer\\Parameters, no build)".to_string();
    }
    if local && s.shares_folders == Some(false) {
        return "shares nothing but administrative shares: its idle values affect no drive"
            .to_string();
    }
    let mut parts = Vec::new();
    if let Some(m) = s.autodisconnect_minutes {
        let from = match s.autodisconnect_source {
            Some(Source::NetConfigServer) => "net config server",
            Some(Source::Registry) => "registry",
            Some(Source::Default) | None => "not set: the default",
        };
        parts.push(format!("autodisconnect {} ({from})", minutes(m)));
    }
    if let Some(v2) = s.autodisconnect_v2_seconds {
        parts.push(format!(
            "AutoDisconnectTimeoutV2 {}",
            duration(u64::from(v2))
        ));
    }
    parts.push(match (s.policy_checked, s.policy_autodisconnect_minutes) {
        (true, Some(m)) => format!("Group Policy sets {}", minutes(i64::from(m))),
        (true, None) => "Group Policy sets no idle time".to_string(),
        (false, _) if local => "Group Policy not checked".to_string(),
        (false, _) => "its Group Policy cannot be read from here".to_string(),
    });
    if let Some(m) = s.mdm_autodisconnect_minutes {
        parts.push(format!("an MDM set {}", minutes(i64::from(m))));
    }
    parts.join("; ")
}

/// `Windows 10 Pro 22H2, build 19045.5000`
pub(crate) fn os_text(os: &OsVersion) -> String {
    let mut parts = Vec::new();
    // ProductName says Windows 10 on Windows 11 too; the build tells
    // (docs/windows.md#windows-build).
    parts.extend(os.product.clone().map(|p| match os.build {
        Some(b) if b >= 22_000 && p.starts_with("Windows 10") => {
            p.replacen("Windows 10", "Windows 11", 1)
        }
        _ => p,
    }));
    parts.extend(os.display_version.clone());
    let build = match (os.build, os.ubr) {
        (Some(b), Some(u)) => format!("build {b}.{u}"),
        (Some(b), None) => format!("build {b}"),
        _ => String::new(),
    };
    let mut text = parts.join(" ");
    if !build.is_empty() {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&build);
    }
    text
}

/// The drive table, aligned in columns by display width.
fn table(drives: &[Drive]) -> Vec<String> {
    let header = [
        "Drive",
        "Remote",
        "Status",
        "Server",
        "Windows",
        "Idle limit",
        "Set by",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for d in drives {
        let status = match d.status {
            Status::Unknown if d.status_text.is_empty() => "(none)".to_string(),
            _ => d.status_text.clone(),
        };
        let (windows, limit, by) = if d.network != Network::Smb {
            (String::new(), "not SMB".to_string(), String::new())
        } else {
            let windows = match d.server_kind {
                Some(ServerKind::NotWindows) => "not Windows".to_string(),
                Some(ServerKind::Unknown) | None => "?".to_string(),
                Some(ServerKind::Windows) => d
                    .server_os
                    .as_ref()
                    .and_then(|os| os.build)
                    .map_or("Windows".to_string(), |b| format!("build {b}")),
            };
            let limit = match (d.effective_idle_seconds, d.limited_by) {
                (Some(s), _) => duration(s),
                (None, Some(LimitedBy::ServerAutodisconnect | LimitedBy::ClientKeepconn)) => {
                    "never".to_string()
                }
                (None, Some(LimitedBy::ServerAutodisconnectV2)) => "not in registry".to_string(),
                (None, None) => "unknown".to_string(),
            };
            let by = match (d.limited_by, d.evidence) {
                (Some(by), Some(e)) => format!("{} ({})", by_name(by), short(e)),
                _ => String::new(),
            };
            (windows, limit, by)
        };
        rows.push(vec![
            d.local.clone().unwrap_or_else(|| "-".to_string()),
            d.remote.clone(),
            status,
            d.file_server
                .clone()
                .or_else(|| d.server.clone())
                .unwrap_or_default(),
            windows,
            limit,
            by,
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|row| {
            row.iter()
                .zip(&widths)
                .map(|(cell, &w)| pad(cell, w))
                .collect::<Vec<_>>()
                .join("  ")
        })
        .collect()
}

fn by_name(by: LimitedBy) -> String {
    match by {
        LimitedBy::ServerAutodisconnect | LimitedBy::ServerAutodisconnectV2 => {
            by.value_name().to_string()
        }
        LimitedBy::ClientKeepconn => format!("{} of this client", by.value_name()),
    }
}

fn short(e: Evidence) -> &'static str {
    match e {
        Evidence::Documented => "documented",
        Evidence::Reported => "reported",
        Evidence::Inferred => "inferred",
    }
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// Lines of at most `width` display columns; a longer word stands alone.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines: Vec<String> = text
        .lines()
        .flat_map(|line| {
            let wrapped: Vec<String> = textwrap::wrap(line, &options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
            }
        })
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// `lead text`, continued under the text.
fn hanging(out: &mut Output<'_>, lead: &str, text: &str) -> std::io::Result<()> {
    let indent = lead.width() + 1;
    for (i, line) in wrap(text, WIDTH - indent).iter().enumerate() {
        let head = if i == 0 {
            lead.to_string()
        } else {
            " ".repeat(lead.width())
        };
        out.line(&visible(&format!("{head} {line}")))?;
    }
    Ok(())
}

fn render_finding(finding: &Finding, out: &mut Output<'_>) -> std::io::Result<()> {
    let (label, code) = match finding.severity {
        Severity::Info => ("info:", "36"),
        Severity::Warning => ("warning:", "33"),
    };
    let indent = label.len() + 1;
    for (i, line) in wrap(&finding.message, WIDTH - indent).iter().enumerate() {
        let line = visible(line);
        if i == 0 {
            out.line(&format!("{} {line}", paint(out.color, code, label)))?;
        } else {
            out.line(&format!("{} {line}", " ".repeat(label.len())))?;
        }
    }
    if let Some(fix) = &finding.fix {
        let lead = match &finding.run_on {
            Some(host) => format!("  fix, on {host}:"),
            None => "  fix:".to_string(),
        };
        for (i, line) in fix.lines().enumerate() {
            let head = if i == 0 {
                lead.clone()
            } else {
                " ".repeat(lead.len())
            };
            out.line(&visible(&format!("{head} {line}")))?;
        }
    }
    let evidence = format!("({}: {})", finding.evidence.words(), finding.source);
    for line in wrap(&evidence, WIDTH - 3) {
        out.line(&format!("   {line}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_counts_display_width() {
        // 20 CJK characters are 40 columns: at a width of 30 the word stands alone, and an
        // ASCII line of the same character count fits.
        let cjk = "共享".repeat(10);
        assert_eq!(
            wrap(&format!("{cjk} a"), 30),
            vec![cjk.clone(), "a".to_string()]
        );
        let ascii = "ab".repeat(10);
        assert_eq!(wrap(&format!("{ascii} a"), 30), vec![format!("{ascii} a")]);
    }

    #[test]
    fn padding_counts_display_width() {
        assert_eq!(pad("共享", 6), "共享  ");
        assert_eq!(pad("ab", 6), "ab    ");
    }
}
