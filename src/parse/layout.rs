//! The line model of `net config` output: block, indentation, label/value split, transports.
//!
//! What real outputs look like (docs/windows.md#net-config-layout):
//! - every label is padded with spaces to one column per command and language (38 for en-US
//!   server, 37 for en-US workstation, display column 29 for zh-CN, where a CJK character is
//!   two columns wide), so the value column is "where the padding ends", the same on every line;
//! - `Server is active on` / `Workstation active on` carry no value; the transports follow on
//!   lines that start with a TAB (pastes turn it into 4 or 8 spaces);
//! - pastes collapse runs of spaces to one, indent everything uniformly, drop blank lines,
//!   keep a prompt line above the output, or join the whole output onto one line.

use unicode_width::UnicodeWidthChar;

use super::labels::{LANGUAGES, Language};
use super::model::{Field, Line, Row, Transport};
use super::scan;
use super::{Kind, ParseError, Warning};

/// More field lines than this is not `net config` output (it prints at most 13); the bound
/// also keeps the structural assignment cheap on hostile input.
pub(crate) const MAX_ROWS: usize = 64;

/// The rows of one output block.
#[derive(Debug)]
pub(crate) struct Layout {
    pub(crate) rows: Vec<Row>,
    pub(crate) language: Option<&'static Language>,
    pub(crate) has_blank_lines: bool,
    /// The success line was seen (the output is complete).
    pub(crate) complete: bool,
    /// Runs of spaces were collapsed and no label table applies: a line's label and value
    /// cannot be told apart (except a `\\NAME` or a trailing number).
    pub(crate) collapsed: bool,
    /// Damage noticed while reading the lines (a lost `active on` line, a capture that ends
    /// in the transport list).
    pub(crate) warnings: Vec<Warning>,
}

/// Read the block of a `net config` output of `kind`. `template` is the order net.exe prints.
pub(crate) fn layout(text: &str, kind: Kind, template: &[Line]) -> Result<Layout, ParseError> {
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let lines = split_lines(text);
    let no_anchor = || ParseError::NoAnchor {
        command: kind.command(),
        first_label: kind.first_label(),
    };
    let (start, anchor) = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !scan::is_prompt(line))
        .find_map(|(i, line)| scan::anchor(line).map(|a| (i, a)))
        .ok_or_else(no_anchor)?;
    let indent = anchor.indent;
    let anchor_label = anchor.label.trim().to_string();
    let name = anchor.name.to_string();
    let rest = anchor.rest.trim();

    // The anchor label tells the language, and whether this is the other command's output.
    if let Some(found) = wrong_kind(&anchor_label, kind) {
        return Err(found);
    }

    if !rest.is_empty() {
        // More text after `\\NAME` on the same line: the output was joined onto one line.
        let joined: Vec<&str> = lines[start..]
            .iter()
            .take_while(|line| !scan::is_prompt(line))
            .map(|line| line.trim())
            .collect();
        let joined = joined.join(" ");
        let joined = joined.trim_start();
        let language = LANGUAGES
            .iter()
            .find(|lang| {
                match_any_label(&anchor_label, labels(lang, kind), Field::ServerName).is_some()
                    || match_any_label(&anchor_label, labels(lang, kind), Field::ComputerName)
                        .is_some()
            })
            .ok_or(ParseError::CollapsedUnknownLanguage)?;
        return Ok(stream(joined, language, kind, template));
    }

    let mut rows: Vec<RawRow> = Vec::new();
    let mut group = 0;
    let mut pending_blank = false;
    let mut has_blank_lines = false;
    let mut in_transports = false;
    let mut complete = false;
    let mut warnings = Vec::new();
    for (offset, raw) in lines[start..].iter().enumerate() {
        let line_no = start + offset + 1;
        let line = strip_indent(raw, indent);
        if offset > 0 && scan::is_prompt(line) {
            break;
        }
        if line.trim().is_empty() {
            if !rows.is_empty() {
                pending_blank = true;
            }
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let text = line.trim();
        // A transport continues the list: indented right below it, or in the shape
        // `name (address)` even after blank lines, because a web page paste loses the TAB and
        // puts a blank line between every line (docs/windows.md#net-config-layout).
        let transport_shaped = scan::transport(text).is_some();
        if in_transports && (transport_shaped || (indented && !pending_blank)) {
            if let Some(row) = rows.last_mut() {
                row.transports.push(transport(text));
            }
            pending_blank = false;
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(ParseError::TooLong(rows.len()));
        }
        if pending_blank {
            group += 1;
            has_blank_lines = true;
            pending_blank = false;
        }
        if offset > 0 && line.starts_with('\t') && scan::transport(text).is_some() {
            // A TAB-indented transport with no `active on` line above it: the line was lost
            // (a damaged capture). Keep the transports under a row of their own, unlabelled.
            warnings.push(Warning::TransportWithoutHeading {
                line: line_no,
                text: text.to_string(),
            });
            rows.push(RawRow {
                line: line_no,
                text: String::new(),
                group,
                transports: vec![transport(text)],
                success: false,
            });
            in_transports = true;
            continue;
        }
        let is_success = LANGUAGES
            .iter()
            .any(|lang| lang.success.iter().any(|s| same_words(text, s)));
        // A line without a value (or a transport list owner): padding was stripped or never
        // followed by text. Transports can only follow such a line, and never the first one,
        // which holds `\\NAME` (in a collapsed paste `Titel (min)` would look like one).
        in_transports = offset > 0 && !has_gap(text);
        rows.push(RawRow {
            line: line_no,
            text: text.to_string(),
            group,
            transports: Vec::new(),
            success: is_success,
        });
        if is_success {
            complete = true;
            break;
        }
    }

    // A paste with a blank line between every line (forum posts do this) says nothing about
    // net.exe's blank-line groups: read it as if it had none.
    if rows.len() >= 4 && rows.windows(2).all(|w| w[1].group > w[0].group) {
        for row in &mut rows {
            row.group = 0;
        }
        has_blank_lines = false;
    }
    let column = value_column(&rows);
    let language = pick_language(&rows, kind);
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for (i, raw) in rows.into_iter().enumerate() {
        let mut row = if i == 0 {
            Row {
                line: raw.line,
                label: anchor_label.clone(),
                value: name.clone(),
                split: true,
                group: raw.group,
                transports: Vec::new(),
                field: Some(match kind {
                    Kind::Server => Field::ServerName,
                    Kind::Workstation => Field::ComputerName,
                }),
                number_only: false,
            }
        } else if raw.success {
            Row {
                line: raw.line,
                label: raw.text.clone(),
                value: String::new(),
                split: false,
                group: raw.group,
                transports: Vec::new(),
                field: Some(Field::Success),
                number_only: false,
            }
        } else {
            split_row(&raw, column, language, kind)
        };
        row.transports = raw.transports;
        if row.field.is_none() && !row.transports.is_empty() {
            row.field = Some(Field::ActiveOn);
        }
        if row.field == Some(Field::ActiveOn) && !row.value.is_empty() && row.transports.is_empty()
        {
            // NT 4.0: `Workstation active on:   NetBT_IBMTOK1 (00C04FC9F170)`
            row.transports = inline_transports(&row.value);
            if !row.transports.is_empty() {
                row.value.clear();
            }
        }
        out.push(row);
    }
    // Without a value column (collapsed spaces) and without a label table, a number at the end
    // of a line is still recognisable as its value: `Leerlaufzeit (min) 15`.
    if column.is_none() {
        for row in out.iter_mut().skip(1) {
            if row.field.is_none() && !row.split {
                split_trailing_number(row);
            }
        }
    }
    if !complete && out.last().is_some_and(|row| !row.transports.is_empty()) {
        warnings.push(Warning::EndsInTransportList);
    }
    Ok(Layout {
        rows: out,
        language,
        has_blank_lines,
        complete,
        collapsed: column.is_none() && language.is_none(),
        warnings,
    })
}

struct RawRow {
    line: usize,
    text: String,
    group: usize,
    transports: Vec<Transport>,
    success: bool,
}

fn split_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // CRLF from net.exe, LF from pastes, and a lone CR is a line break too.
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .collect()
}

fn strip_indent<'a>(line: &'a str, indent: &str) -> &'a str {
    let common = line
        .char_indices()
        .zip(indent.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, c), _)| i + c.len_utf8());
    &line[common..]
}

fn labels(lang: &Language, kind: Kind) -> &'static [(Field, &'static str)] {
    match kind {
        Kind::Server => lang.server,
        Kind::Workstation => lang.workstation,
    }
}

fn wrong_kind(anchor_label: &str, kind: Kind) -> Option<ParseError> {
    let other = kind.other();
    let other_first = match other {
        Kind::Server => Field::ServerName,
        Kind::Workstation => Field::ComputerName,
    };
    let this_first = match kind {
        Kind::Server => Field::ServerName,
        Kind::Workstation => Field::ComputerName,
    };
    let is_other = LANGUAGES
        .iter()
        .any(|lang| match_any_label(anchor_label, labels(lang, other), other_first).is_some());
    let is_this = LANGUAGES
        .iter()
        .any(|lang| match_any_label(anchor_label, labels(lang, kind), this_first).is_some());
    (is_other && !is_this).then(|| ParseError::WrongKind {
        expected: kind.command(),
        found: other.command(),
    })
}

/// The label table whose labels name the most lines.
fn pick_language(rows: &[RawRow], kind: Kind) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .map(|lang| {
            let hits = rows
                .iter()
                .filter(|row| best_label(&row.text, labels(lang, kind)).is_some())
                .count();
            (lang, hits)
        })
        .filter(|(_, hits)| *hits > 0)
        .max_by_key(|(_, hits)| *hits)
        .map(|(lang, _)| lang)
}

/// Whether the line has a run of two or more spaces (or a TAB) followed by more text.
fn has_gap(text: &str) -> bool {
    first_gap(text).is_some()
}

/// The first padding gap: (end of label, start of value) in bytes.
fn first_gap(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' || bytes[i] == b'\t' {
            let start = i;
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            let wide = i - start >= 2 || bytes[start] == b'\t';
            if wide && i < bytes.len() && start > 0 {
                return Some((start, i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Display width of a string: CJK characters are two columns, as net.exe pads them
/// (docs/windows.md#net-config-layout).
fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(1)).sum()
}

/// The display column where values start: the most common column after the first padding
/// gap (ties go to the smaller column). `None` when no line has a padding gap.
fn value_column(rows: &[RawRow]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for row in rows.iter().skip(1) {
        if let Some((_, value_start)) = first_gap(&row.text) {
            let column = width(&row.text[..value_start]);
            match counts.iter_mut().find(|(c, _)| *c == column) {
                Some((_, n)) => *n += 1,
                None => counts.push((column, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(column, _)| column)
}

/// Byte offset of display column `column` in `text`, if a character starts there.
fn byte_at_column(text: &str, column: usize) -> Option<usize> {
    let mut col = 0;
    for (i, c) in text.char_indices() {
        if col == column {
            return Some(i);
        }
        if col > column {
            return None;
        }
        col += c.width().unwrap_or(1);
    }
    None
}

fn split_row(raw: &RawRow, column: Option<usize>, language: Option<&Language>, kind: Kind) -> Row {
    let text = raw.text.as_str();
    let mut row = Row {
        line: raw.line,
        label: text.to_string(),
        value: String::new(),
        split: false,
        group: raw.group,
        transports: Vec::new(),
        field: None,
        number_only: false,
    };
    if let Some(lang) = language {
        if let Some((field, end)) = best_label(text, labels(lang, kind)) {
            row.label = text[..end].trim().to_string();
            row.value = text[end..].trim().to_string();
            row.split = true;
            row.field = Some(field);
            return row;
        }
    }
    let gap = first_gap(text);
    let at = match (gap, column) {
        (Some((_, start)), Some(c)) if width(&text[..start]) == c => Some(start),
        (_, Some(c)) => byte_at_column(text, c)
            .filter(|&i| {
                let before = &text[..i];
                before.ends_with(' ') && !before.trim().is_empty() && !text[i..].starts_with(' ')
            })
            .or(gap.map(|(_, start)| start)),
        (gap, None) => gap.map(|(_, start)| start),
    };
    if let Some(at) = at {
        row.label = text[..at].trim().to_string();
        row.value = text[at..].trim().to_string();
        row.split = true;
    }
    row
}

fn split_trailing_number(row: &mut Row) {
    let text = row.label.clone();
    if let Some((label, last)) = text.rsplit_once(' ') {
        let digits = last.strip_prefix('-').unwrap_or(last);
        if !label.trim().is_empty()
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            row.label = label.trim().to_string();
            row.value = last.to_string();
            row.split = true;
            row.number_only = true;
        }
    }
}

/// Whether `text` starts with `label`, word by word (any amount of whitespace between words,
/// ASCII case ignored), followed by whitespace or the end. Returns the byte offset after it.
fn match_label(text: &str, label: &str) -> Option<usize> {
    let mut rest = text;
    let mut consumed = 0;
    for word in label.split_whitespace() {
        let trimmed = rest.trim_start();
        consumed += rest.len() - trimmed.len();
        let candidate = trimmed.get(..word.len())?;
        if !candidate.eq_ignore_ascii_case(word) {
            return None;
        }
        consumed += word.len();
        rest = &trimmed[word.len()..];
        // Word by word: `Softwareversion` is not `Software version`.
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return None;
        }
    }
    Some(consumed)
}

fn match_any_label(text: &str, table: &[(Field, &str)], field: Field) -> Option<usize> {
    table
        .iter()
        .filter(|(f, _)| *f == field)
        .find_map(|(_, label)| match_label(text, label))
}

/// The longest label of the table that starts `text` (so `Workstation Domain DNS Name` wins
/// over `Workstation domain`). Returns the field and the byte offset after the label.
fn best_label(text: &str, table: &[(Field, &str)]) -> Option<(Field, usize)> {
    table
        .iter()
        .filter_map(|(field, label)| match_label(text, label).map(|end| (*field, end, label.len())))
        .max_by_key(|(_, _, len)| *len)
        .map(|(field, end, _)| (field, end))
}

fn same_words(text: &str, sentence: &str) -> bool {
    text.split_whitespace().eq(sentence.split_whitespace())
}

fn transport(text: &str) -> Transport {
    match scan::transport(text) {
        Some((name, address)) => Transport {
            name: name.to_string(),
            address: address.trim().to_string(),
        },
        None => Transport {
            name: text.to_string(),
            address: String::new(),
        },
    }
}

fn inline_transports(text: &str) -> Vec<Transport> {
    scan::transports_in(text)
        .into_iter()
        .map(|(name, address)| Transport {
            name: name.to_string(),
            address: address.trim().to_string(),
        })
        .collect()
}

/// Read an output that was joined onto one line, with a label table: each label of the
/// template, in order, ends the value of the one before it.
fn stream(joined: &str, lang: &'static Language, kind: Kind, template: &[Line]) -> Layout {
    let table = labels(lang, kind);
    // Word boundaries of the joined text, as byte offsets.
    let words: Vec<(usize, usize)> = word_spans(joined);
    let find = |field: Field, from: usize| -> Option<(usize, usize)> {
        let sentences: Vec<&str> = if field == Field::Success {
            lang.success.to_vec()
        } else {
            table
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, l)| *l)
                .collect()
        };
        (from..words.len()).find_map(|k| {
            sentences.iter().find_map(|label| {
                let n = label.split_whitespace().count();
                let matches = label.split_whitespace().enumerate().all(|(j, w)| {
                    words
                        .get(k + j)
                        .is_some_and(|&(s, e)| joined[s..e].eq_ignore_ascii_case(w))
                });
                (matches && n > 0).then_some((k, k + n))
            })
        })
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut pending: Option<(Field, usize, usize)> = None; // field, label start word, value start word
    let mut pos = 0;
    let mut complete = false;
    for (index, slot) in template.iter().enumerate() {
        let Some((at, after)) = find(slot.field, pos) else {
            continue;
        };
        if slot.optional {
            let next_required = template[index + 1..]
                .iter()
                .filter(|s| !s.optional)
                .find_map(|s| find(s.field, pos));
            if next_required.is_some_and(|(next, _)| next < at) {
                continue;
            }
        }
        if let Some((field, label_at, value_at)) = pending.take() {
            rows.push(stream_row(joined, &words, field, label_at, value_at, at));
        }
        if slot.field == Field::Success {
            rows.push(Row {
                line: 1,
                label: span_text(joined, &words, at, after),
                value: String::new(),
                split: false,
                group: 0,
                transports: Vec::new(),
                field: Some(Field::Success),
                number_only: false,
            });
            complete = true;
            break;
        }
        pending = Some((slot.field, at, after));
        pos = after;
    }
    if let Some((field, label_at, value_at)) = pending.take() {
        rows.push(stream_row(
            joined,
            &words,
            field,
            label_at,
            value_at,
            words.len(),
        ));
    }
    Layout {
        rows,
        language: Some(lang),
        has_blank_lines: false,
        complete,
        collapsed: false,
        warnings: Vec::new(),
    }
}

fn stream_row(
    joined: &str,
    words: &[(usize, usize)],
    field: Field,
    label_at: usize,
    value_at: usize,
    end: usize,
) -> Row {
    let value = span_text(joined, words, value_at, end);
    let mut row = Row {
        line: 1,
        label: span_text(joined, words, label_at, value_at),
        value,
        split: true,
        group: 0,
        transports: Vec::new(),
        field: Some(field),
        number_only: false,
    };
    if field == Field::ActiveOn {
        row.transports = inline_transports(&row.value);
        row.value.clear();
    }
    row
}

fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

fn span_text(text: &str, words: &[(usize, usize)], from: usize, to: usize) -> String {
    if from >= to || from >= words.len() {
        return String::new();
    }
    let to = to.min(words.len());
    text[words[from].0..words[to - 1].1].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_word_by_word() {
        assert_eq!(match_label("Server Name   \\\\A", "Server Name"), Some(11));
        assert_eq!(match_label("Server   Name \\\\A", "server name"), Some(13));
        assert_eq!(match_label("Server Names  x", "Server Name"), None);
        assert_eq!(match_label("计算机全名   X", "计算机名"), None);
        assert_eq!(
            match_label("计算机名   X", "计算机名"),
            Some("计算机名".len())
        );
        assert_eq!(
            match_label("Softwareversion  Windows", "Software version"),
            None
        );
    }

    #[test]
    fn gaps_need_two_spaces_or_a_tab() {
        assert_eq!(first_gap("Server Comment"), None);
        assert_eq!(first_gap("Server Comment  x"), Some((14, 16)));
        assert_eq!(first_gap("Label\tvalue"), Some((5, 6)));
        assert_eq!(first_gap("Label   "), None);
    }

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(width("计算机名"), 8);
        assert_eq!(byte_at_column("计算机名  X", 10), Some("计算机名  ".len()));
        assert_eq!(byte_at_column("计算机名  X", 1), None);
    }

    #[test]
    fn prompts_are_recognised() {
        for p in [
            "C:\\>net config server",
            "PS C:\\> net config workstation",
            "C:\\Users\\me\\Desktop>net config workstation",
            "PS C:> net config workstation",
        ] {
            assert!(scan::is_prompt(p), "{p}");
        }
        assert!(!scan::is_prompt(
            "Server Name                           \\\\DESKTOP"
        ));
    }
}
