//! `net session` (the list form): the clients' sessions on this server, in any display
//! language (docs/windows.md#net-session).
//!
//! A row is read from both ends, around the fields with a fixed shape: it starts with the
//! client's `\\NAME`; it ends with the idle time, either `HH<sep>MM<sep>SS` with the locale's
//! time separator or, from 24 hours on, `05D 22H 02M` with the display language's letters and
//! a day count that may run past two digits (docs/windows.md#session-idle-time); the number of
//! opens stands just before it. What lies between is the user name and the client type. When
//! the row still sits on net.exe's fixed columns (client from 0, user from 23, client type
//! from 44, opens from 61 to 67, idle time from 68, relative to where the row starts) those
//! columns split it,
//! which keeps a client name that fills its column, an empty user and an empty client type
//! apart; otherwise it is split at gaps of 2+ spaces, or by words with a warning.

use serde::Serialize;

use super::list::{Found, ListError, ListWarning, ParsedList};
use super::net_words;
use super::table::{self, Line, Word};

/// One session of a client on this server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    /// The client computer (name or address) without the leading `\\`.
    pub computer: String,
    /// `""` when the column is empty (an anonymous or null session).
    pub user: String,
    /// `""` when the column is empty (usual for SMB2/3 clients).
    pub client_type: String,
    /// Files, pipes and devices the client has open.
    pub opens: u32,
    pub idle_seconds: u64,
}

impl Session {
    /// No user name: a null (anonymous) session.
    pub fn is_anonymous(&self) -> bool {
        self.user.is_empty()
    }
}

/// The sessions `net session` listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetSession {
    pub sessions: Vec<Session>,
}

/// Where net.exe's row fields start, relative to the `\\` of the client: the row format is
/// `\\%-21s%-21s%-17s%6u %-12s` (docs/windows.md#net-session).
const USER_COLUMN: usize = 23;
const CLIENT_TYPE_COLUMN: usize = 44;
/// The opens are right-aligned in the 6 columns from 61 to 67; the idle time starts one later.
const OPENS_START: usize = 61;
const OPENS_END: usize = 67;

/// Headers lanman has seen (`same` compares them loosely).
const HEADERS: &[(&str, &str)] = &[
    ("en", "Computer User name Client Type Opens Idle time"), // seen: session-en-1.txt
];

/// Read `net session` output (the list form). See the module documentation.
pub fn parse_net_session(text: &str) -> Result<ParsedList<NetSession>, ListError> {
    let text = table::prepare(text)?;
    let lines = table::split_lines(&text)?;
    let mut parsed = match table::frame(&lines) {
        Some(frame) => read_table(&frame)?,
        None if super::net_statistics::parse_net_statistics(&text).is_ok() => {
            return Err(ListError::NotAList {
                found: Found::Statistics,
            });
        }
        None => read_plain(&lines)?,
    };
    parsed.warnings.sort_by_key(ListWarning::line);
    Ok(parsed)
}

/// An idle time as `net session` prints it, in seconds: `00:01:57` with any time separator
/// of one to three characters, or `05D 22H 02M` (also `05 D 22 H 02 M`) with any unit letters.
pub fn parse_idle_time(text: &str) -> Option<u64> {
    let words = table::words(text);
    let (seconds, first) = idle_at_end(&words)?;
    (first == 0).then_some(seconds)
}

fn empty(warnings: Vec<ListWarning>, language: Option<&'static str>) -> ParsedList<NetSession> {
    ParsedList {
        list: NetSession {
            sessions: Vec::new(),
        },
        warnings,
        language,
    }
}

/// No table: the one-line "no entries" form, or something else.
fn read_plain(lines: &[Line<'_>]) -> Result<ParsedList<NetSession>, ListError> {
    let content = table::content(lines);
    let classified = table::classify_plain(lines);
    if content.iter().any(|line| is_delete_confirmation(line.text)) {
        // `net use * /delete` asks with a default of no too (use-it-1.txt: `(S/N) [N]:`), after
        // the remotes it would delete: that is what the text is.
        let found = match classified {
            Some(Found::DeletePrompt) => Found::DeletePrompt,
            _ => Found::DeleteConfirmation,
        };
        return Err(ListError::NotAList { found });
    }
    if let Some(found) = classified {
        return Err(ListError::NotAList { found });
    }
    let mut warnings = Vec::new();
    let plain = table::no_table_lines(&content, |_| false);
    if let Some(language) = plain.no_entries {
        // session-en-5.txt, session-de-1.txt
        warnings.extend(plain.unexpected());
        return Ok(empty(warnings, Some(language)));
    }
    // "No entries" in a language without a table: one sentence, no number (errors carry
    // one), no path, no colon (`ERROR: ...`), and not a success line.
    if let [line] = plain.others.as_slice()
        && table::is_plain_sentence(line.text)
        && !line.text.contains([':', '：'])
    {
        warnings.push(line.warning(|line, text| ListWarning::AssumedEmpty { line, text }));
        return Ok(empty(warnings, None));
    }
    Err(table::no_table(lines))
}

/// `Do you want to continue this operation? (Y/N) [N]:`, the question `net session \\X /del`
/// asks when the session has open files (session-del-en-1.txt): two one-letter answers and the
/// second (no) as the default. The stopped-service prompt defaults to the first (yes).
fn is_delete_confirmation(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).enumerate().any(|(i, w)| {
        let answer = |c: char| !c.is_whitespace() && !matches!(c, '/' | '(' | ')' | '[' | ']');
        if !(w[0] == '(' && answer(w[1]) && w[2] == '/' && answer(w[3]) && w[4] == ')') {
            return false;
        }
        let rest: String = chars[i + 5..].iter().collect();
        let rest = rest.trim_start();
        let mut after = rest.chars();
        after.next() == Some('[') && after.next() == Some(w[3]) && after.next() == Some(']')
    })
}

/// A `net session` table, for the other list readers to refuse: its header is a known one,
/// or most of its rows read as sessions.
fn is_session_table(frame: &table::Frame<'_>) -> bool {
    if frame
        .header
        .is_some_and(|h| header_language(h.text).is_some())
    {
        return true;
    }
    let rows = frame
        .body
        .iter()
        .filter(|line| read_row(line.text, &table::words(line.text)).is_some())
        .count();
    rows > 0 && rows * 2 >= frame.body.len()
}

/// The other list readers refuse a `net session` table by its name.
pub(crate) fn refuse_session_table(frame: &table::Frame<'_>) -> Result<(), ListError> {
    if is_session_table(frame) {
        return Err(ListError::NotAList {
            found: Found::SessionList,
        });
    }
    Ok(())
}

fn header_language(text: &str) -> Option<&'static str> {
    HEADERS
        .iter()
        .find(|(_, header)| net_words::same(text, header, false))
        .map(|&(code, _)| code)
}

fn read_table(frame: &table::Frame<'_>) -> Result<ParsedList<NetSession>, ListError> {
    let mut warnings = Vec::new();
    let mut language = None;
    match frame.header {
        None => warnings.push(
            frame
                .rule
                .warning(|line, text| ListWarning::NoHeader { line, text }),
        ),
        Some(header) => {
            if net_words::use_header_of(header.text).is_some() {
                return Err(ListError::NotAList {
                    found: Found::UseList,
                });
            }
            if net_words::share_header_of(header.text).is_some() {
                return Err(ListError::NotAList {
                    found: Found::ShareList,
                });
            }
            language = header_language(header.text);
        }
    }
    let header_known = language.is_some();
    let preamble = table::read_preamble(&frame.preamble, false, &mut warnings);
    language = language.or(preamble.language.map(|lang| lang.code));

    let body: &[Line<'_>] = &frame.body;
    let mut sessions = Vec::new();
    let mut trailer = table::Trailer::default();
    let mut failed = 0;
    for (i, line) in body.iter().enumerate() {
        if trailer.take(line, &mut language, &mut warnings) {
            continue;
        }
        let ws = table::words(line.text);
        match read_row(line.text, &ws) {
            Some((session, ambiguous)) => {
                if ambiguous {
                    warnings.push(
                        line.warning(|line, text| ListWarning::AmbiguousSplit { line, text }),
                    );
                }
                sessions.push(session);
                table::check_rows(sessions.len())?;
            }
            // The success line in a language without a table: the last line, a sentence
            // that is no row.
            None if i + 1 == body.len()
                && table::is_sentence(line.text)
                && !ws.first().is_some_and(|w| is_client(w.text)) =>
            {
                trailer.seen = true;
            }
            None => {
                failed += 1;
                warnings.push(line.warning(|line, text| ListWarning::RowNotSplit { line, text }));
            }
        }
    }
    // Rows under a known header that cannot be read (a capture cut inside its only row) are
    // warnings; under another header they make it another command's table.
    if sessions.is_empty() && failed > 0 && !header_known {
        return Err(ListError::NotAList {
            found: frame.other_table(),
        });
    }
    trailer.finish(frame.last_line(), &mut warnings);
    Ok(ParsedList {
        list: NetSession { sessions },
        warnings,
        language,
    })
}

/// `\\NAME` (or `¥¥NAME`, a Japanese paste): how every row starts.
fn is_client(word: &str) -> bool {
    client_name(word).is_some()
}

fn client_name(word: &str) -> Option<&str> {
    ["\\\\", "¥¥", "￥￥"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
}

/// A session from one row, and whether its user / client type split was a guess.
fn read_row(text: &str, ws: &[Word<'_>]) -> Option<(Session, bool)> {
    let first = ws.first()?;
    client_name(first.text)?;
    let (idle_seconds, idle_at) = idle_at_end(ws)?;
    if idle_at == 0 {
        return None;
    }
    let base = first.col;
    // On net.exe's columns the idle time starts one after the opens' field; a six-digit count
    // then touches a 17-character client type, so the fields are cut at their columns.
    let (computer, user, client_type, opens, ambiguous) = if ws[idle_at].col == base + OPENS_END + 1
    {
        let [computer, user, client_type, opens] = by_columns(&text[..ws[idle_at].start], base);
        (computer, user, client_type, opens, false)
    } else {
        let opens_at = idle_at - 1;
        if opens_at == 0 {
            return None;
        }
        let (computer, user, client_type, ambiguous) = by_gaps(text, &ws[..opens_at]);
        (computer, user, client_type, ws[opens_at].text, ambiguous)
    };
    if opens.is_empty() || opens.len() > 10 || !opens.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let opens: u32 = opens.parse().ok()?;
    let computer = client_name(computer).unwrap_or(computer);
    if computer.is_empty() {
        return None;
    }
    Some((
        Session {
            computer: computer.to_string(),
            user: user.to_string(),
            client_type: client_type.to_string(),
            opens,
            idle_seconds,
        },
        ambiguous,
    ))
}

/// Split at net.exe's columns, character by character: a client name that fills its 21
/// columns runs straight into the user name, a six-digit count into a 17-character client type
/// (docs/windows.md#net-session).
fn by_columns(left: &str, base: usize) -> [&str; 4] {
    let bounds = [
        base + USER_COLUMN,
        base + CLIENT_TYPE_COLUMN,
        base + OPENS_START,
    ];
    let mut cuts = [left.len(); 3];
    let mut col = 0;
    let mut field = 0;
    for (at, c) in left.char_indices() {
        while field < 3 && col >= bounds[field] {
            cuts[field] = at;
            field += 1;
        }
        col = table::advance(col, c);
    }
    [
        left[..cuts[0]].trim(),
        left[cuts[0]..cuts[1]].trim(),
        left[cuts[1]..cuts[2]].trim(),
        left[cuts[2]..].trim(),
    ]
}

/// Split a row that left net.exe's columns (a paste, collapsed spaces): the client is the
/// first word; the rest splits at gaps of 2+ columns into user and client type. With a
/// single gap-free run of several words the split is a guess: the first word is taken as the
/// user (modern clients leave the client type empty).
fn by_gaps<'a>(text: &'a str, left: &[Word<'a>]) -> (&'a str, &'a str, &'a str, bool) {
    let computer = left[0].text;
    let rest = &left[1..];
    if rest.is_empty() {
        return (computer, "", "", false);
    }
    let mut segments: Vec<&[Word<'a>]> = Vec::new();
    let mut start = 0;
    for i in 1..rest.len() {
        if rest[i].gap >= 2 {
            segments.push(&rest[start..i]);
            start = i;
        }
    }
    segments.push(&rest[start..]);
    match segments.as_slice() {
        [only] if only.len() == 1 => (computer, only[0].text, "", false),
        [only] => (computer, only[0].text, table::span(text, &only[1..]), true),
        [user, client_type] => (
            computer,
            table::span(text, user),
            table::span(text, client_type),
            false,
        ),
        [user, ..] => (
            computer,
            table::span(text, user),
            table::span(text, &rest[user.len()..]),
            true,
        ),
        [] => (computer, "", "", false),
    }
}

/// The idle time at the end of a row: its seconds and the index of its first word.
fn idle_at_end(ws: &[Word<'_>]) -> Option<(u64, usize)> {
    let n = ws.len();
    let last = ws.last()?;
    if let Some(seconds) = clock(last.text) {
        return Some((seconds, n - 1));
    }
    if n >= 3
        && let Some(seconds) = days(ws[n - 3].text, ws[n - 2].text, ws[n - 1].text)
    {
        return Some((seconds, n - 3));
    }
    // `05 D 22 H 02 M`: a translation that puts a space before its letters.
    if n >= 6 {
        let w = &ws[n - 6..];
        let joined = |a: &Word<'_>, b: &Word<'_>| format!("{}{}", a.text, b.text);
        if w[0].text.bytes().all(|b| b.is_ascii_digit())
            && w[2].text.bytes().all(|b| b.is_ascii_digit())
            && w[4].text.bytes().all(|b| b.is_ascii_digit())
            && let Some(seconds) = days(
                &joined(&w[0], &w[1]),
                &joined(&w[2], &w[3]),
                &joined(&w[4], &w[5]),
            )
        {
            return Some((seconds, n - 6));
        }
    }
    None
}

/// Leading ASCII digits (at most `max`) as a number, and the rest.
fn digits(text: &str, max: usize) -> Option<(u64, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if end == 0 || end > max {
        return None;
    }
    Some((text[..end].parse().ok()?, &text[end..]))
}

/// `HH<sep>MM<sep>SS`: the separator is the locale's (`:` mostly, `.` in some), one to three
/// characters that are neither digits nor spaces, the same both times.
fn clock(text: &str) -> Option<u64> {
    let (hours, rest) = digits(text, 3)?;
    let sep_len = rest.find(|c: char| c.is_ascii_digit())?;
    let sep = &rest[..sep_len];
    if sep.is_empty() || sep.chars().count() > 3 {
        return None;
    }
    let (minutes, rest) = digits(&rest[sep_len..], 2)?;
    let rest = rest.strip_prefix(sep)?;
    let (seconds, rest) = digits(rest, 2)?;
    (rest.is_empty() && minutes < 60 && seconds < 60)
        .then_some(hours * 3600 + minutes * 60 + seconds)
}

/// `05D 22H 02M`: days (any number of digits), hours below 24 and minutes below 60, each with a
/// unit of one to four characters that are not digits (translated with the display language).
fn days(d: &str, h: &str, m: &str) -> Option<u64> {
    let part = |text: &str, max: usize| {
        let (value, unit) = digits(text, max)?;
        (!unit.is_empty()
            && unit.chars().count() <= 4
            && !unit.contains(|c: char| c.is_ascii_digit()))
        .then_some(value)
    };
    let (days, hours, minutes) = (part(d, 9)?, part(h, 2)?, part(m, 2)?);
    (hours < 24 && minutes < 60).then_some(days * 86_400 + hours * 3600 + minutes * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_times_in_both_forms_and_any_separator_or_letters() {
        assert_eq!(parse_idle_time("00:01:57"), Some(117));
        assert_eq!(parse_idle_time("23.59.59"), Some(86_399));
        assert_eq!(
            parse_idle_time("05D 22H 02M"),
            Some(5 * 86_400 + 22 * 3600 + 120)
        );
        assert_eq!(
            parse_idle_time("100T 03S 00M"),
            Some(100 * 86_400 + 3 * 3600)
        );
        assert_eq!(parse_idle_time("01日 00時 05分"), Some(86_400 + 300));
        assert_eq!(
            parse_idle_time("05 D 22 H 02 M"),
            Some(5 * 86_400 + 22 * 3600 + 120)
        );
        for bad in [
            "00:01",
            "00:61:00",
            "00:01.57",
            "5D 24H 00M",
            "1 2 3",
            "",
            "00::01::02x",
        ] {
            assert_eq!(parse_idle_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_client_name_that_fills_its_column_runs_into_the_user() {
        let row = format!(
            "\\\\{}{:<21}{:<17}{:>6} {}",
            "a".repeat(21),
            "bob",
            "",
            0,
            "00:00:04"
        );
        let ws = table::words(&row);
        let (session, ambiguous) = read_row(&row, &ws).unwrap();
        assert_eq!(session.computer, "a".repeat(21));
        assert_eq!((session.user.as_str(), ambiguous), ("bob", false));
    }

    #[test]
    fn the_delete_question_is_not_the_service_prompt() {
        assert!(is_delete_confirmation(
            "Do you want to continue this operation? (Y/N) [N]: Y"
        ));
        assert!(!is_delete_confirmation("Is it OK to start it? (Y/N) [Y]:"));
    }
}
