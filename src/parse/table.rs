//! Lines, words and columns shared by the `net use` and `net share` readers, and the
//! recognition of texts that are no table at all.
//!
//! Columns are display columns (unicode-width: a CJK character counts two, a TAB jumps to the
//! next multiple of 8), because net.exe pads its columns to display width (use-zh-3.txt:
//! `不可用` and 7 spaces put the drive at column 13, as `Disconnected` and 1 space do).

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;

use unicode_width::UnicodeWidthChar;

use super::list::{Found, ListError, ListWarning};
use super::net_words::{self, Language};

/// Rows beyond this are refused, so hostile input stays cheap.
pub(crate) const MAX_ROWS: usize = 4096;
/// Room for a blank line between every row, wrapped rows and the lines around the table.
const MAX_LINES: usize = 4 * MAX_ROWS + 64;
/// A 4096-row table is under 1 MiB, even with long remotes and blank lines between rows.
const MAX_BYTES: usize = 2 << 20;
/// net.exe prints no line near this long (a path is at most 32767 UTF-16 units, but the
/// table's own remotes stay far below); longer lines are hostile or not net.exe output.
const MAX_LINE_BYTES: usize = 16 << 10;

/// One input line without its line break and trailing whitespace; `no` is 1-based.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    pub(crate) no: usize,
    pub(crate) text: &'a str,
}

impl Line<'_> {
    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub(crate) fn warning(&self, make: fn(usize, String) -> ListWarning) -> ListWarning {
        make(self.no, self.text.trim().to_string())
    }
}

/// Refuse oversized input before any work, and read no-break spaces as spaces: web pastes
/// put them where net.exe printed spaces, and net.exe prints none inside its tables.
pub(crate) fn prepare(text: &str) -> Result<Cow<'_, str>, ListError> {
    if text.len() > MAX_BYTES {
        return Err(ListError::TooLong);
    }
    Ok(if text.contains(['\u{a0}', '\u{2007}', '\u{202f}']) {
        Cow::Owned(text.replace(['\u{a0}', '\u{2007}', '\u{202f}'], " "))
    } else {
        Cow::Borrowed(text)
    })
}

/// Split at CRLF, LF or a lone CR. Refuses empty input, too many lines and overlong lines.
pub(crate) fn split_lines(text: &str) -> Result<Vec<Line<'_>>, ListError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(at) => {
                let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..at], &rest[at + skip..])
            }
            None => (rest, ""),
        };
        lines.push(Line {
            no: lines.len() + 1,
            text: line.trim_end(),
        });
        if lines.len() > MAX_LINES || line.len() > MAX_LINE_BYTES {
            return Err(ListError::TooLong);
        }
        rest = next;
    }
    if lines.iter().all(Line::is_blank) {
        return Err(ListError::Empty);
    }
    Ok(lines)
}

/// A run of non-whitespace characters and where it sits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    /// Byte range in the line.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Display column of the first character.
    pub(crate) col: usize,
    /// Display columns of whitespace before the word (its indentation for the first word).
    pub(crate) gap: usize,
}

pub(crate) fn advance(col: usize, c: char) -> usize {
    if c == '\t' {
        (col / 8 + 1) * 8
    } else {
        col + c.width().unwrap_or(0)
    }
}

pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut gap = 0;
    let mut current: Option<(usize, usize)> = None; // (byte start, column)
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some((start, start_col)) = current.take() {
                out.push(Word {
                    text: &text[start..at],
                    start,
                    end: at,
                    col: start_col,
                    gap,
                });
                gap = 0;
            }
            let next = advance(col, c);
            gap += next - col;
            col = next;
        } else {
            if current.is_none() {
                current = Some((at, col));
            }
            col = advance(col, c);
        }
    }
    if let Some((start, start_col)) = current {
        out.push(Word {
            text: &text[start..],
            start,
            end: text.len(),
            col: start_col,
            gap,
        });
    }
    out
}

/// The text of `words` (a contiguous, non-empty slice of one line), inner spacing kept.
pub(crate) fn span<'a>(line: &'a str, words: &[Word<'_>]) -> &'a str {
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => &line[first.start..last.end],
        _ => "",
    }
}

/// The dash rule under the header: 79 or 80 dashes; any run of 20 or more is accepted.
pub(crate) fn is_rule(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 20 && text.bytes().all(|b| b == b'-')
}

/// Ends like a sentence (success lines, the remembered line, messages).
pub(crate) fn is_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '。', '!', '！', '．', '｡'])
}

/// A console prompt or the command line a paste kept: `C:\>net use`, `PS C:\> net use`,
/// `>net share`, `user@host$ net share`, `[Z:Share] $ net use`, or a bare `C:\Users\me>`.
pub(crate) fn is_prompt(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    let drive_prompt = |t: &str| {
        let b = t.as_bytes();
        b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && t.contains('>')
    };
    if text.starts_with('>') || drive_prompt(text) {
        return true;
    }
    if let Some(rest) = lower.strip_prefix("ps ")
        && drive_prompt(rest.trim_start())
    {
        return true;
    }
    // `... net use` / `... net share` after a shell's prompt character.
    for command in ["net use", "net share", "net.exe use", "net.exe share"] {
        if let Some(at) = lower.find(command) {
            let before = lower[..at].trim_end();
            if before.is_empty() || before.ends_with(['>', '$', '#', '%']) {
                return true;
            }
        }
    }
    false
}

/// `\\server...`, Japanese `¥¥server...`, or a URL (WebDAV).
pub(crate) fn is_remote_start(word: &str) -> bool {
    let lower = |prefix: &str| {
        word.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    word.starts_with("\\\\")
        || word.starts_with("¥¥")
        || word.starts_with("￥￥")
        || lower("https://")
        || lower("http://")
}

/// A local device name: `Z:`, `LPT1:`, `COM10:`.
pub(crate) fn is_device(word: &str) -> bool {
    let Some(name) = word.strip_suffix(':') else {
        return false;
    };
    let letters = name.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = name.len() - letters;
    (1..=4).contains(&letters)
        && digits <= 3
        && name.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// A local path: `C:\...` (or `C:¥...` from a Japanese system).
pub(crate) fn is_local_path(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(d), Some(':'), Some('\\' | '¥' | '/')) if d.is_ascii_alphabetic()
    )
}

/// The first run of ASCII digits in `text`, if it fits a u32.
pub(crate) fn first_number(text: &str) -> Option<u32> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits = &text[start..];
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse().ok()
}

/// Where the table is: the lines above the header, the header, the rule, and the non-blank
/// lines below it.
pub(crate) struct Frame<'a> {
    pub(crate) preamble: Vec<Line<'a>>,
    pub(crate) header: Option<Line<'a>>,
    pub(crate) rule: Line<'a>,
    pub(crate) body: Vec<Line<'a>>,
}

impl Frame<'_> {
    /// The last line of the table: its last row, or the rule when it has none.
    pub(crate) fn last_line(&self) -> &Line<'_> {
        self.body.last().unwrap_or(&self.rule)
    }

    /// This table as another command's, named by its header.
    pub(crate) fn other_table(&self) -> Found {
        Found::OtherTable {
            header: self.header.map_or("", |h| h.text).trim().to_string(),
        }
    }
}

/// The success line that ends a list (`The command completed successfully.` in a language the
/// word tables know) and what follows it, as every list reader treats them.
#[derive(Default)]
pub(crate) struct Trailer {
    /// The success line was seen (or a line the reader took for one in an unknown language).
    pub(crate) seen: bool,
}

impl Trailer {
    /// Whether `line` is no row: the success line (its language noted in `language` unless
    /// one is already known), or a line after it (a warning).
    pub(crate) fn take(
        &mut self,
        line: &Line<'_>,
        language: &mut Option<&'static str>,
        warnings: &mut Vec<ListWarning>,
    ) -> bool {
        if let Some(lang) = net_words::success_of(line.text) {
            self.seen = true;
            *language = language.or(Some(lang.code));
            return true;
        }
        if self.seen {
            warnings.push(line.warning(|line, text| ListWarning::UnexpectedLine { line, text }));
            return true;
        }
        false
    }

    /// After the last line: without its success line the capture may be cut, which is said
    /// on `last`.
    pub(crate) fn finish(&self, last: &Line<'_>, warnings: &mut Vec<ListWarning>) {
        if !self.seen {
            warnings.push(last.warning(|line, text| ListWarning::NoSuccessLine { line, text }));
        }
    }
}

/// A text with no table, sorted for the "no entries" sentence of an empty list.
pub(crate) struct NoTable<'a> {
    /// The language of the known "no entries" sentence, when the text has one.
    pub(crate) no_entries: Option<&'static str>,
    /// The lines that are neither that sentence, nor a success line, nor one the reader took.
    pub(crate) others: Vec<Line<'a>>,
}

impl NoTable<'_> {
    /// Beside "no entries", the other lines are unexpected.
    pub(crate) fn unexpected(&self) -> impl Iterator<Item = ListWarning> + '_ {
        self.others
            .iter()
            .map(|line| line.warning(|line, text| ListWarning::UnexpectedLine { line, text }))
    }
}

/// Sort the non-blank lines of a text without a table; `take` sees each line first and keeps
/// the ones its reader knows besides (`net use`'s remembered line).
pub(crate) fn no_table_lines<'a>(
    content: &[Line<'a>],
    mut take: impl FnMut(&Line<'a>) -> bool,
) -> NoTable<'a> {
    let mut sorted = NoTable {
        no_entries: None,
        others: Vec::new(),
    };
    for line in content {
        if take(line) || net_words::success_of(line.text).is_some() {
            continue;
        }
        match net_words::no_entries_of(line.text) {
            Some(lang) => sorted.no_entries = Some(lang.code),
            None => sorted.others.push(*line),
        }
    }
    sorted
}

/// Refuse a list past [`MAX_ROWS`] rows, so hostile input stays cheap.
pub(crate) fn check_rows(rows: usize) -> Result<(), ListError> {
    if rows > MAX_ROWS {
        Err(ListError::TooLong)
    } else {
        Ok(())
    }
}

/// Find the first dash rule. The header is the last non-blank line above it, unless that
/// line is a sentence or a prompt (then the header was lost). The body is the non-blank lines
/// below the rule, without prompt lines at its end.
pub(crate) fn frame<'a>(lines: &[Line<'a>]) -> Option<Frame<'a>> {
    let at = lines.iter().position(|line| is_rule(line.text))?;
    let mut preamble: Vec<Line<'a>> = lines[..at]
        .iter()
        .filter(|line| !line.is_blank())
        .copied()
        .collect();
    let header = preamble
        .last()
        .filter(|line| !is_sentence(line.text) && !is_prompt(line.text))
        .copied();
    if header.is_some() {
        preamble.pop();
    }
    let mut body: Vec<Line<'a>> = lines[at + 1..]
        .iter()
        .filter(|line| !line.is_blank())
        .copied()
        .collect();
    // A paste can end with the prompt the next command was typed at.
    while body.last().is_some_and(|line| is_prompt(line.text)) {
        body.pop();
    }
    Some(Frame {
        preamble,
        header,
        rule: lines[at],
        body,
    })
}

/// Which list a header belongs to: `ours` and `theirs` recognise the two lists' headers by
/// their words. Ours: its language. The other list's: an error naming it (`theirs.1`).
/// Unrecognised: read silently when its columns fit (`columns_fit`); otherwise an error when
/// `foreign` calls it another table, else read with a warning. A rule with no header above it
/// is read with a warning.
pub(crate) fn read_header(
    frame: &Frame<'_>,
    ours: fn(&str) -> Option<&'static Language>,
    theirs: (fn(&str) -> Option<&'static Language>, Found),
    columns_fit: bool,
    foreign: impl FnOnce(&str) -> Option<Found>,
    warnings: &mut Vec<ListWarning>,
) -> Result<Option<&'static Language>, ListError> {
    let Some(header) = frame.header else {
        warnings.push(
            frame
                .rule
                .warning(|line, text| ListWarning::NoHeader { line, text }),
        );
        return Ok(None);
    };
    if let Some(lang) = ours(header.text) {
        return Ok(Some(lang));
    }
    let (theirs, theirs_found) = theirs;
    if theirs(header.text).is_some() {
        return Err(ListError::NotAList {
            found: theirs_found,
        });
    }
    if !columns_fit {
        if let Some(found) = foreign(header.text) {
            return Err(ListError::NotAList { found });
        }
        warnings.push(header.warning(|line, text| ListWarning::HeaderUnknown { line, text }));
    }
    Ok(None)
}

/// Column starts read from a header line.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    pub(crate) starts: Vec<usize>,
    /// Some gap of 2+ columns survived: the positions mean something. False when runs of
    /// spaces were collapsed.
    pub(crate) spaced: bool,
}

/// Split a header into `expected` titles: at gaps of 2+ columns (titles may hold one space,
/// `Share name`, `공유 이름`), or else at every gap (the Japanese `net use` header has a
/// single space between two titles, use-ja-1.txt).
pub(crate) fn header_columns(text: &str, expected: usize) -> Option<Columns> {
    let ws = words(text);
    let spaced = ws.iter().skip(1).any(|w| w.gap >= 2);
    let segments: Vec<usize> = ws
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || w.gap >= 2)
        .map(|(_, w)| w.col)
        .collect();
    if segments.len() == expected {
        return Some(Columns {
            starts: segments,
            spaced,
        });
    }
    if ws.len() == expected {
        return Some(Columns {
            starts: ws.iter().map(|w| w.col).collect(),
            spaced,
        });
    }
    None
}

/// The number of fields a line has when split at gaps of 2+ columns.
pub(crate) fn segments(text: &str) -> usize {
    words(text)
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || w.gap >= 2)
        .count()
}

/// Half the lines or more hold a remote: `net use` rows (a share's resource is local).
pub(crate) fn mostly_remotes(body: &[Line<'_>]) -> bool {
    let remotes = body
        .iter()
        .filter(|line| words(line.text).iter().any(|w| is_remote_start(w.text)))
        .count();
    remotes > 0 && remotes * 2 >= body.len()
}

/// What the lines above a table said.
pub(crate) struct Preamble {
    pub(crate) remembered: Option<bool>,
    pub(crate) language: Option<&'static Language>,
}

/// Read the lines above the header: prompts are skipped, the remembered line is read; the
/// last unknown sentence is taken for a remembered line in an unknown language when
/// `remembered_expected`, other unknown lines are reported.
pub(crate) fn read_preamble(
    lines: &[Line<'_>],
    remembered_expected: bool,
    warnings: &mut Vec<ListWarning>,
) -> Preamble {
    let mut preamble = Preamble {
        remembered: None,
        language: None,
    };
    let mut unknown = Vec::new();
    for line in lines {
        if is_prompt(line.text) {
            continue;
        }
        match net_words::remembered_of(line.text) {
            Some((remembered, lang)) => {
                preamble.remembered = Some(remembered);
                preamble.language = Some(lang);
            }
            None => unknown.push(*line),
        }
    }
    let guess_at = (remembered_expected && preamble.remembered.is_none())
        .then(|| unknown.iter().rposition(|line| is_sentence(line.text)))
        .flatten();
    for (i, line) in unknown.iter().enumerate() {
        if Some(i) == guess_at {
            warnings.push(line.warning(|line, text| ListWarning::RememberedUnknown { line, text }));
        } else {
            warnings.push(line.warning(|line, text| ListWarning::UnexpectedLine { line, text }));
        }
    }
    preamble
}

/// Lines of a failure message, PowerShell's wrapping and echo removed.
fn error_message(lines: &[Line<'_>]) -> (Option<u32>, String) {
    let message = super::net_error::unwrap_powershell(lines.iter().map(|line| line.text));
    let helpmsg = message.iter().find_map(|t| {
        let at = t.to_ascii_lowercase().find("helpmsg")?;
        first_number(&t[at..])
    });
    let code = message.first().and_then(|t| first_number(t)).or(helpmsg);
    let mut text = message.join(" ");
    if text.chars().count() > 300 {
        text = text.chars().take(300).collect();
    }
    (code, text)
}

/// Recognise a text without a table: an error, a detail or config listing, the
/// `net use * /delete` confirmation. None when it is none of these.
pub(crate) fn classify_plain(lines: &[Line<'_>]) -> Option<Found> {
    let content: Vec<Line<'_>> = lines
        .iter()
        .filter(|line| !line.is_blank() && !is_prompt(line.text))
        .copied()
        .collect();
    if content.is_empty() {
        return None;
    }
    // `net : ...` and `NativeCommandError` (use-en-8.txt, use-en-9.txt).
    if content
        .iter()
        .any(|line| super::net_error::is_powershell_wrapper(line.text))
        || content
            .iter()
            .any(|line| line.text.to_ascii_lowercase().contains("helpmsg"))
    {
        let (code, message) = error_message(&content);
        return Some(Found::Error { code, message });
    }
    if let Some(found) = key_value(&content) {
        return Some(found);
    }
    if let Some(found) = remote_lines(&content) {
        return Some(found);
    }
    // `System error 53 has occurred.` in any language: a short text whose first line
    // carries the number (use-en-10.txt, use-en-11.txt).
    if content.len() <= 6 && first_number(content[0].text).is_some() {
        let (code, message) = error_message(&content);
        return Some(Found::Error { code, message });
    }
    None
}

/// A label/value listing: most lines have a value starting at one shared column after a gap
/// of 2+ (use-detail-en-1.txt: column 18). Indented lines (transports in `net config`) and
/// the success line do not count.
fn key_value(content: &[Line<'_>]) -> Option<Found> {
    let mut candidates = 0;
    let mut values: Vec<(usize, &str)> = Vec::new();
    for line in content {
        let ws = words(line.text);
        if ws.first().is_none_or(|w| w.gap != 0) || net_words::success_of(line.text).is_some() {
            continue;
        }
        candidates += 1;
        if let Some(w) = ws.iter().skip(1).find(|w| w.gap >= 2) {
            values.push((w.col, &line.text[w.start..]));
        }
    }
    if candidates < 3 {
        return None;
    }
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &(col, _) in &values {
        *counts.entry(col).or_default() += 1;
    }
    let best = counts
        .into_iter()
        .max_by_key(|&(col, count)| (count, Reverse(col)))?;
    if best.1 < 2 || best.1 * 3 < candidates * 2 {
        return None;
    }
    let values: Vec<&str> = values
        .iter()
        .filter(|v| v.0 == best.0)
        .map(|v| v.1.trim())
        .collect();
    if values.iter().any(|v| remote_has_share(v)) {
        Some(Found::UseDetail)
    } else if values.iter().any(|v| is_local_path(v)) {
        Some(Found::ShareDetail)
    } else {
        Some(Found::Config)
    }
}

/// `\\server\share...` (a `\\NAME` alone is a computer name, as in `net config`).
fn remote_has_share(value: &str) -> bool {
    is_remote_start(value)
        && value
            .trim_start_matches(['\\', '¥', '￥'])
            .contains(['\\', '¥', '￥'])
}

/// Remotes without a table: the `net use * /delete` confirmation lists `[drive] remote`
/// alone on indented lines (use-fr-2.txt, use-it-1.txt); a detail listing whose spaces were
/// collapsed puts a label before the remote.
fn remote_lines(content: &[Line<'_>]) -> Option<Found> {
    let mut any = false;
    let mut labelled = false;
    for line in content {
        let ws = words(line.text);
        let Some(at) = ws.iter().position(|w| is_remote_start(w.text)) else {
            continue;
        };
        if at + 1 < ws.len() {
            return None; // text after the remote: rows of a table that lost its rule
        }
        any = true;
        let before = &ws[..at];
        if !(before.is_empty() || before.len() == 1 && is_device(before[0].text)) {
            labelled = true;
        }
    }
    match (any, labelled) {
        (false, _) => None,
        (true, false) => Some(Found::DeletePrompt),
        (true, true) => Some(Found::UseDetail),
    }
}

/// The first content line, for `ListError::NoTable`.
pub(crate) fn no_table(lines: &[Line<'_>]) -> ListError {
    let first = lines
        .iter()
        .find(|line| !line.is_blank())
        .map(|line| line.text.trim().chars().take(80).collect())
        .unwrap_or_default();
    ListError::NoTable { first_line: first }
}

/// Non-blank lines that are not prompts.
pub(crate) fn content<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    lines
        .iter()
        .filter(|line| !line.is_blank() && !is_prompt(line.text))
        .copied()
        .collect()
}

/// A sentence that could be a net.exe message in any language: ends like a sentence, and
/// holds no digit (errors carry numbers) and no path.
pub(crate) fn is_plain_sentence(text: &str) -> bool {
    is_sentence(text)
        && text.chars().count() <= 120
        && !text.contains(|c: char| c.is_ascii_digit() || matches!(c, '\\' | '/' | '¥'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_count_display_columns_for_cjk_and_tabs() {
        let ws = words("不可用       Y:\t\\\\a\\b");
        let cols: Vec<(&str, usize, usize)> = ws.iter().map(|w| (w.text, w.col, w.gap)).collect();
        assert_eq!(cols, [("不可用", 0, 0), ("Y:", 13, 7), ("\\\\a\\b", 16, 1)]);
    }

    #[test]
    fn header_splits_at_wide_gaps_or_else_at_every_gap() {
        let en = header_columns("Share name   Resource                        Remark", 3).unwrap();
        assert_eq!((en.starts, en.spaced), (vec![0, 13, 45], true));
        // use-ja-1.txt: one space between two titles.
        let ja = header_columns(
            "ステータス  ローカル名 リモート名                ネットワーク名",
            4,
        )
        .unwrap();
        assert_eq!((ja.starts, ja.spaced), (vec![0, 12, 23, 49], true));
        let collapsed = header_columns("Status Local Remote Network", 4).unwrap();
        assert!(!collapsed.spaced);
        assert!(header_columns("Server Name            Remark", 4).is_none());
    }

    #[test]
    fn prompts_are_recognised_but_not_output_lines() {
        for prompt in [
            r"C:\>net use",
            r"PS C:\> net use",
            r"C:\Users\me>net share",
            ">net use",
            "user@TryHackMe$ net share",
            "[Z:Share] $ net use",
            r"C:\Users\me>",
            "NET USE",
        ] {
            assert!(is_prompt(prompt), "{prompt}");
        }
        for line in [
            "New connections will be remembered.",
            r"OK           Z:        \\srv\share               Microsoft Windows Network",
            "The command completed successfully.",
            r"C$           C:\                             Default share",
        ] {
            assert!(!is_prompt(line), "{line}");
        }
    }

    #[test]
    fn device_and_path_shapes() {
        for device in ["Z:", "LPT1:", "COM10:", "a:"] {
            assert!(is_device(device), "{device}");
        }
        for other in ["OK", "Z", ":", "Z:\\", "Status:", "12:", "ABCDE:"] {
            assert!(!is_device(other), "{other}");
        }
        assert!(is_local_path(r"C:\") && is_local_path("C:¥Windows"));
        assert!(!is_local_path("C:") && !is_local_path(r"\\srv\x"));
        assert!(
            is_remote_start(r"\\srv") && is_remote_start("¥¥srv") && is_remote_start("HTTPS://x")
        );
        assert!(!is_remote_start(r"\srv") && !is_remote_start("http:/x"));
    }

    #[test]
    fn lines_split_at_crlf_lf_and_lone_cr() {
        let lines = split_lines("a\r\nb\rc\n\nd").unwrap();
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(got, [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
    }
}
