//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use lanman::parse::ListWarning;

pub(crate) fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lists")
}

pub(crate) fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).unwrap()
}

/// Every recording file name, sorted.
pub(crate) fn recordings() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// A warning's variant name and line, for compact assertions.
pub(crate) fn kind(w: &ListWarning) -> (&'static str, usize) {
    let name = match w {
        ListWarning::RowNotSplit { .. } => "RowNotSplit",
        ListWarning::UnknownStatus { .. } => "UnknownStatus",
        ListWarning::NoSuccessLine { .. } => "NoSuccessLine",
        ListWarning::ProviderMissing { .. } => "ProviderMissing",
        ListWarning::UncertainContinuation { .. } => "UncertainContinuation",
        ListWarning::AmbiguousSplit { .. } => "AmbiguousSplit",
        ListWarning::UnexpectedLine { .. } => "UnexpectedLine",
        ListWarning::RememberedUnknown { .. } => "RememberedUnknown",
        ListWarning::NoHeader { .. } => "NoHeader",
        ListWarning::HeaderUnknown { .. } => "HeaderUnknown",
        ListWarning::NetworkConflict { .. } => "NetworkConflict",
        ListWarning::AssumedEmpty { .. } => "AssumedEmpty",
        ListWarning::CounterUnplaced { .. } => "CounterUnplaced",
    };
    (name, w.line())
}

pub(crate) fn kinds(ws: &[ListWarning]) -> Vec<(&'static str, usize)> {
    ws.iter().map(kind).collect()
}

/// The variant names only (line numbers move in derived variants).
pub(crate) fn kind_names(ws: &[ListWarning]) -> Vec<&'static str> {
    ws.iter().map(|w| kind(w).0).collect()
}

// ---- derived variants of a recording (never written back) ----

pub(crate) fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// Every blank line doubled.
pub(crate) fn double_blank_lines(text: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                format!("{l}\n")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A blank line after every line, as forum pastes do.
pub(crate) fn blank_between(text: &str) -> String {
    text.split('\n').collect::<Vec<_>>().join("\n\n")
}

pub(crate) fn strip_leading(text: &str) -> String {
    text.split('\n')
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let mut out = String::new();
            let mut last_space = false;
            for c in line.chars() {
                if c == ' ' {
                    if !last_space {
                        out.push(' ');
                    }
                    last_space = true;
                } else {
                    out.push(c);
                    last_space = false;
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn with_prompt(text: &str, command: &str) -> String {
    format!("C:\\Users\\me>{command}\n{text}")
}

pub(crate) fn with_ps_prompt(text: &str, command: &str) -> String {
    format!("PS C:\\> {command}\n\n{text}\nPS C:\\>\n")
}

/// Japanese systems show `\` as `¥`.
pub(crate) fn yen(text: &str) -> String {
    text.replace('\\', "¥")
}

/// Runs of spaces turned into TABs at 8-column stops, as editors do: columns are unchanged.
pub(crate) fn unexpand(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            let mut out = String::new();
            let mut col = 0;
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == ' ' {
                    let mut j = i;
                    while j < chars.len() && chars[j] == ' ' {
                        j += 1;
                    }
                    let end = col + (j - i);
                    let mut c = col;
                    while (c / 8 + 1) * 8 <= end && end - c >= 2 {
                        out.push('\t');
                        c = (c / 8 + 1) * 8;
                    }
                    while c < end {
                        out.push(' ');
                        c += 1;
                    }
                    col = end;
                    i = j;
                } else {
                    out.push(chars[i]);
                    col += unicode_width::UnicodeWidthChar::width(chars[i]).unwrap_or(0);
                    i += 1;
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Display width (CJK counts two).
pub(crate) fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to display width `w` (at least one space after it when `gap`).
pub(crate) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A `net use` table the way net.exe lays it out: columns at `starts` (display columns),
/// a remote too long for its column puts the provider alone on the next line at the
/// provider column. Rows are (status, local, remote, provider).
pub(crate) fn render_use(
    remembered: Option<&str>,
    titles: [&str; 4],
    starts: [usize; 4],
    rows: &[(&str, &str, &str, &str)],
    success: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(line) = remembered {
        out.push_str(&format!("{line}\n\n\n"));
    }
    let header = format!(
        "{}{}{}{}",
        pad(titles[0], starts[1]),
        pad(titles[1], starts[2] - starts[1]),
        pad(titles[2], starts[3] - starts[2]),
        titles[3]
    );
    out.push_str(&format!("{header}\n\n{}\n", "-".repeat(79)));
    for (status, local, remote, provider) in rows {
        let head = format!(
            "{}{}",
            pad(status, starts[1]),
            pad(local, starts[2] - starts[1])
        );
        if width(remote) + 2 > starts[3] - starts[2] {
            out.push_str(&format!(
                "{head}{remote}\n{}{provider}\n",
                " ".repeat(starts[3])
            ));
        } else {
            out.push_str(&format!(
                "{head}{}{provider}\n",
                pad(remote, starts[3] - starts[2])
            ));
        }
    }
    if let Some(line) = success {
        out.push_str(&format!("{line}\n"));
    }
    out
}

/// A `net share` table: rows are (name, resource, remark); a resource too long for its
/// column pushes the remark onto the next line at the remark column.
pub(crate) fn render_share(
    titles: [&str; 3],
    starts: [usize; 3],
    rows: &[(&str, &str, &str)],
    success: Option<&str>,
) -> String {
    let header = format!(
        "{}{}{}",
        pad(titles[0], starts[1]),
        pad(titles[1], starts[2] - starts[1]),
        titles[2]
    );
    let mut out = format!("\n{header}\n\n{}\n", "-".repeat(79));
    for (name, resource, remark) in rows {
        let head = pad(name, starts[1]);
        let line = if width(resource) + 2 > starts[2] - starts[1] {
            // The remark goes to the next line, even when empty (share-en-3.txt).
            format!("{head}{resource}\n{}{remark}", " ".repeat(starts[2]))
        } else if remark.is_empty() {
            format!("{head}{resource}")
        } else {
            format!("{head}{}{remark}", pad(resource, starts[2] - starts[1]))
        };
        for part in line.split('\n') {
            out.push_str(part.trim_end());
            out.push('\n');
        }
    }
    if let Some(line) = success {
        out.push_str(&format!("{line}\n"));
    }
    out
}
