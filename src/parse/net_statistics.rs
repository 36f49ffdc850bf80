//! `net statistics server` and `net statistics workstation`, in any display language
//! (docs/windows.md#net-statistics).
//!
//! ```text
//! Server Statistics for \\NAME            <- the title: a word starting with `\\`
//!
//!
//! Statistics since 22.05.2017 14:48:02    <- the locale's short date and long time
//!
//!
//! Sessions accepted                  1    <- counters, in a fixed order, in groups
//! ...
//! The command completed successfully.
//! ```
//!
//! The value is the last word of a counter line; the label column's width depends on the
//! language, so it is not used. Counters are named by their English label where the output
//! has it, otherwise by their place in the order net.exe prints them. Server and workstation
//! statistics are told apart by the English title or labels, or else by their shape: 14
//! counters and one heading without a value (server), 18 indented counters (workstation).

use serde::Serialize;

use super::list::{Found, ListError, ListWarning, ParsedList};
use super::net_words;
use super::table::{self, Line};

/// Which statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatisticsKind {
    Server,
    Workstation,
}

impl StatisticsKind {
    /// The command that prints them.
    pub fn command(self) -> &'static str {
        match self {
            StatisticsKind::Server => "net statistics server",
            StatisticsKind::Workstation => "net statistics workstation",
        }
    }

    /// Every counter of this kind, in the order net.exe prints them.
    pub fn counters(self) -> &'static [CounterSpec] {
        match self {
            StatisticsKind::Server => SERVER,
            StatisticsKind::Workstation => WORKSTATION,
        }
    }
}

/// One counter: its JSON name and its English label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CounterSpec {
    pub name: &'static str,
    pub label: &'static str,
}

const fn counter(name: &'static str, label: &'static str) -> CounterSpec {
    CounterSpec { name, label }
}

/// stats-server-en-1.txt; the fields behind them in docs/windows.md#net-statistics.
const SERVER: &[CounterSpec] = &[
    counter("sessions_accepted", "Sessions accepted"),
    counter("sessions_timed_out", "Sessions timed-out"),
    counter("sessions_errored_out", "Sessions errored-out"),
    counter("kilobytes_sent", "Kilobytes sent"),
    counter("kilobytes_received", "Kilobytes received"),
    counter("mean_response_time_msec", "Mean response time (msec)"),
    counter("system_errors", "System errors"),
    counter("permission_violations", "Permission violations"),
    counter("password_violations", "Password violations"),
    counter("files_accessed", "Files accessed"),
    counter(
        "communication_devices_accessed",
        "Communication devices accessed",
    ),
    counter("print_jobs_spooled", "Print jobs spooled"),
    // Under the heading `Times buffers exhausted`, which has no value.
    counter("big_buffers", "Big buffers"),
    counter("request_buffers", "Request buffers"),
];

/// The heading above the two buffer counters (no value of its own).
const SERVER_HEADING: &str = "Times buffers exhausted";

/// stats-workstation-en-1.txt, -2, -3.
const WORKSTATION: &[CounterSpec] = &[
    counter("bytes_received", "Bytes received"),
    counter("smbs_received", "Server Message Blocks (SMBs) received"),
    counter("bytes_transmitted", "Bytes transmitted"),
    counter(
        "smbs_transmitted",
        "Server Message Blocks (SMBs) transmitted",
    ),
    counter("read_operations", "Read operations"),
    counter("write_operations", "Write operations"),
    counter("raw_reads_denied", "Raw reads denied"),
    counter("raw_writes_denied", "Raw writes denied"),
    counter("network_errors", "Network errors"),
    counter("connections_made", "Connections made"),
    counter("reconnections_made", "Reconnections made"),
    counter("server_disconnects", "Server disconnects"),
    counter("sessions_started", "Sessions started"),
    counter("hung_sessions", "Hung sessions"),
    counter("failed_sessions", "Failed sessions"),
    counter("failed_operations", "Failed operations"),
    counter("use_count", "Use count"),
    counter("failed_use_count", "Failed use count"),
];

/// English titles (stats-server-en-1.txt, stats-workstation-en-1.txt).
const TITLES: &[(&str, StatisticsKind)] = &[
    ("Server Statistics for", StatisticsKind::Server),
    ("Workstation Statistics for", StatisticsKind::Workstation),
];

/// A parsed `net statistics server|workstation` output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetStatistics {
    pub kind: StatisticsKind,
    /// From the title, without `\\`; `""` when printed empty (stats-workstation-en-2.txt),
    /// `None` when the title line is not there.
    pub computer: Option<String>,
    /// The `Statistics since` value as printed (the locale's date and time).
    pub since: Option<String>,
    /// `since` as `YYYY-MM-DDTHH:MM:SS` (the computer's local time, no zone), where the printed
    /// form allows only one reading.
    pub since_local: Option<String>,
    /// Every counter of `kind`, in printed order; `None` when its line is not there.
    pub counters: Vec<(&'static str, Option<u64>)>,
}

impl NetStatistics {
    /// A counter's value by its JSON name.
    pub fn get(&self, name: &str) -> Option<u64> {
        self.counters
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
    }

    /// The counters (and `since`) whose lines are not in the output.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = self
            .since
            .is_none()
            .then_some("since")
            .into_iter()
            .collect();
        missing.extend(
            self.counters
                .iter()
                .filter(|(_, v)| v.is_none())
                .map(|(n, _)| *n),
        );
        missing
    }
}

/// One line below the `since` line.
struct CounterLine<'a> {
    line: Line<'a>,
    label: &'a str,
    value: Option<u64>,
    indent: usize,
    /// Index of the blank-line group the line is in.
    group: usize,
}

/// Read `net statistics server` or `net statistics workstation` output, whichever it is.
pub fn parse_net_statistics(text: &str) -> Result<ParsedList<NetStatistics>, ListError> {
    let text = table::prepare(text)?;
    let lines = table::split_lines(&text)?;
    let mut warnings = Vec::new();
    let mut language: Option<&'static str> = None;

    // Prompts and the lines of another command before the title are skipped with a warning.
    let content: Vec<(usize, Line<'_>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank() && !table::is_prompt(l.text))
        .map(|(i, l)| (i, *l))
        .collect();
    let title_at = content
        .iter()
        .take(3)
        .position(|(_, l)| title_computer(l.text).is_some());
    let (start, title) = match title_at {
        Some(at) => (at + 1, Some(content[at].1)),
        None => (0, None),
    };
    let since_line = content
        .get(start)
        .map(|(_, l)| *l)
        .filter(|l| since_value(l.text).is_some());
    if since_line.is_none() && title.is_none() {
        return Err(refusal(&lines));
    }
    for (_, line) in &content[..title_at.unwrap_or(0)] {
        warnings.push(line.warning(|line, text| ListWarning::UnexpectedLine { line, text }));
    }
    let body_from = start + usize::from(since_line.is_some());
    let body_index = content.get(body_from).map_or(lines.len(), |(i, _)| *i);

    // The counter lines, with their blank-line groups.
    let mut counters: Vec<CounterLine<'_>> = Vec::new();
    let mut trailer = table::Trailer::default();
    let mut group = 0;
    let mut blank_before = false;
    for line in &lines[body_index..] {
        if line.is_blank() {
            blank_before = true;
            continue;
        }
        if table::is_prompt(line.text) {
            continue;
        }
        if trailer.take(line, &mut language, &mut warnings) {
            continue;
        }
        if std::mem::take(&mut blank_before) && !counters.is_empty() {
            group += 1;
        }
        let ws = table::words(line.text);
        let Some(last) = ws.last() else { continue };
        let value = (last.text.len() <= 20 && last.text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| last.text.parse::<u64>().ok())
            .flatten();
        let label = match value {
            Some(_) => table::span(line.text, &ws[..ws.len() - 1]),
            None => line.text.trim(),
        };
        counters.push(CounterLine {
            line: *line,
            label,
            value,
            indent: ws[0].col,
            group,
        });
    }
    // The success line in a language without a table: the last line, a sentence, no value.
    if !trailer.seen
        && counters
            .last()
            .is_some_and(|c| c.value.is_none() && table::is_sentence(c.line.text))
    {
        counters.pop();
        trailer.seen = true;
    }
    if counters.iter().all(|c| c.value.is_none()) {
        return Err(refusal(&lines));
    }

    let title_kind = title.and_then(|t| {
        TITLES
            .iter()
            .find(|(words, _)| starts_like(t.text, words))
            .map(|&(_, kind)| kind)
    });
    let label_kind = |kind: StatisticsKind| {
        counters
            .iter()
            .filter(|c| c.value.is_some() && english(kind, c.label).is_some())
            .count()
    };
    let by_labels = (
        label_kind(StatisticsKind::Server),
        label_kind(StatisticsKind::Workstation),
    );
    // Without a `since` line only English words make this a statistics output.
    if since_line.is_none() && title_kind.is_none() && by_labels == (0, 0) {
        return Err(refusal(&lines));
    }
    let kind = match (title_kind, by_labels) {
        (Some(kind), _) => kind,
        (None, (s, w)) if s > w => StatisticsKind::Server,
        (None, (s, w)) if w > s => StatisticsKind::Workstation,
        _ => kind_by_shape(&counters).ok_or_else(|| refusal(&lines))?,
    };
    if title_kind.is_some() || by_labels.0 + by_labels.1 > 0 {
        language = language.or(Some("en"));
    }

    let specs = kind.counters();
    let mut values: Vec<(&'static str, Option<u64>)> =
        specs.iter().map(|s| (s.name, None)).collect();
    let value_lines: Vec<&CounterLine<'_>> =
        counters.iter().filter(|c| c.value.is_some()).collect();
    let all_named = value_lines.iter().all(|c| english(kind, c.label).is_some());
    let in_order =
        value_lines.len() == specs.len() || !trailer.seen && value_lines.len() < specs.len();
    for (i, c) in value_lines.iter().enumerate() {
        let place = if all_named || !in_order {
            english(kind, c.label)
        } else {
            Some(i)
        };
        match place {
            Some(at) if values[at].1.is_none() => values[at].1 = c.value,
            _ => warnings.push(
                c.line
                    .warning(|line, text| ListWarning::CounterUnplaced { line, text }),
            ),
        }
    }
    // Server statistics have one line without a value, the heading above the buffer counters
    // (in English `Times buffers exhausted`); any other such line is unexpected.
    let mut heading_seen = kind == StatisticsKind::Workstation;
    for c in counters.iter().filter(|c| c.value.is_none()) {
        let heading =
            !heading_seen && (same_label(c.label, SERVER_HEADING) || !language_is_english(c.label));
        heading_seen |= heading;
        if !heading {
            warnings.push(
                c.line
                    .warning(|line, text| ListWarning::UnexpectedLine { line, text }),
            );
        }
    }
    let last = counters
        .last()
        .map_or_else(|| lines[lines.len() - 1], |c| c.line);
    trailer.finish(&last, &mut warnings);
    let since = since_line
        .and_then(|l| since_value(l.text))
        .map(str::to_string);
    Ok(ParsedList {
        list: NetStatistics {
            kind,
            computer: title
                .and_then(|t| title_computer(t.text))
                .map(str::to_string),
            since_local: since.as_deref().and_then(local_date_time),
            since,
            counters: values,
        },
        warnings: {
            warnings.sort_by_key(ListWarning::line);
            warnings
        },
        language,
    })
}

/// Why a text is no statistics output: net.exe's failure, the list of services, or nothing
/// known.
fn refusal(lines: &[Line<'_>]) -> ListError {
    let content = table::content(lines);
    // stats-list-en-1.txt: a sentence ending in `:`, then indented service names.
    if let Some((first, rest)) = content.split_first()
        && first.text.trim_end().ends_with([':', '：'])
        && rest
            .iter()
            .filter(|l| net_words::success_of(l.text).is_none())
            .all(|l| l.text.starts_with(' ') && table::words(l.text).len() <= 3)
        && rest.len() >= 2
    {
        return ListError::NotAList {
            found: Found::StatisticsServices,
        };
    }
    if lines.iter().any(|l| table::is_rule(l.text))
        && lines.iter().any(|l| {
            table::words(l.text)
                .first()
                .is_some_and(|w| w.text.starts_with("\\\\"))
        })
    {
        return ListError::NotAList {
            found: Found::SessionList,
        };
    }
    match table::classify_plain(lines) {
        Some(found) => ListError::NotAList { found },
        None => table::no_table(lines),
    }
}

/// The computer of a title line: the part after `\\` of its last word; `""` for a bare `\\`.
fn title_computer(text: &str) -> Option<&str> {
    let ws = table::words(text);
    let (last, before) = ws.split_last()?;
    if before.is_empty() {
        return None;
    }
    let name = ["\\\\", "¥¥", "￥￥"]
        .iter()
        .find_map(|p| last.text.strip_prefix(p))?;
    (!name.contains(['\\', '¥', '￥'])).then_some(name)
}

/// The value of a `Statistics since` line: from its first word holding a digit to the end,
/// when that word looks like a date (digits and separators) and a time follows or is in it.
fn since_value(text: &str) -> Option<&str> {
    let ws = table::words(text);
    let at = ws
        .iter()
        .position(|w| w.text.contains(|c: char| c.is_ascii_digit()))?;
    if at == 0 {
        return None;
    }
    let groups = |t: &str| {
        t.split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .count()
    };
    let numbers: usize = ws[at..].iter().map(|w| groups(w.text)).sum();
    let date_like = groups(ws[at].text) >= 2 || numbers >= 5;
    (date_like && numbers >= 4).then(|| table::span(text, &ws[at..]))
}

/// `text` begins with `words`, compared loosely.
fn starts_like(text: &str, words: &str) -> bool {
    let count = words.split_whitespace().count();
    let ws = table::words(text);
    ws.len() > count && net_words::same(table::span(text, &ws[..count]), words, false)
}

/// Whether a label is one of lanman's English ones (either kind, or the server heading).
fn language_is_english(label: &str) -> bool {
    same_label(label, SERVER_HEADING)
        || SERVER
            .iter()
            .chain(WORKSTATION)
            .any(|c| same_label(label, c.label))
}

fn same_label(text: &str, label: &str) -> bool {
    net_words::same(text, label, false)
}

/// The place of an English label among `kind`'s counters.
fn english(kind: StatisticsKind, label: &str) -> Option<usize> {
    kind.counters()
        .iter()
        .position(|c| same_label(label, c.label))
}

/// Server or workstation by shape: a heading without a value, the number of counters, their
/// indentation and their blank-line groups (docs/windows.md#net-statistics).
fn kind_by_shape(counters: &[CounterLine<'_>]) -> Option<StatisticsKind> {
    let valued: Vec<&CounterLine<'_>> = counters.iter().filter(|c| c.value.is_some()).collect();
    let headings = counters.len() - valued.len();
    let indented = valued.iter().filter(|c| c.indent > 0).count();
    let mut sizes: Vec<usize> = Vec::new();
    for c in &valued {
        if sizes.len() <= c.group {
            sizes.resize(c.group + 1, 0);
        }
        sizes[c.group] += 1;
    }
    sizes.retain(|&s| s > 0);
    if sizes == [3, 2, 1, 3, 3, 2] || headings == 1 && valued.len() == SERVER.len() {
        return Some(StatisticsKind::Server);
    }
    if sizes == [8, 4, 6] || headings == 0 && valued.len() == WORKSTATION.len() {
        return Some(StatisticsKind::Workstation);
    }
    // Lost lines or blank lines: fall back on counts and indentation (server labels start at
    // the margin but for the last two; workstation labels are all indented by two).
    match (headings, valued.len()) {
        (1, _) => Some(StatisticsKind::Server),
        (0, n) if n > SERVER.len() => Some(StatisticsKind::Workstation),
        (0, n) if n > 4 && indented == n => Some(StatisticsKind::Workstation),
        (0, n) if n > 4 && indented <= 2 => Some(StatisticsKind::Server),
        _ => None,
    }
}

/// A printed date and time as `YYYY-MM-DDTHH:MM:SS`, only when one reading is possible:
/// a four-digit year first (Y-M-D) or last (D-M or M-D, told apart by a part above 12, or
/// equal), a 24-hour time or one with an English AM/PM. Anything else is `None`.
pub fn local_date_time(printed: &str) -> Option<String> {
    let words: Vec<&str> = printed.split_whitespace().collect();
    let (date, rest) = words.split_first()?;
    let parts: Vec<&str> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |p: &str| p.parse::<i16>().ok();
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 1 | 2) => (number(a)?, number(b)?, number(c)?),
        (1 | 2, 4) => {
            let (x, y) = (number(a)?, number(b)?);
            match (x > 12, y > 12) {
                (true, false) => (number(c)?, y, x),
                (false, true) => (number(c)?, x, y),
                (false, false) if x == y => (number(c)?, x, y),
                _ => return None,
            }
        }
        _ => return None,
    };
    let time = rest.first()?;
    let clock: Vec<&str> = time
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let (hour, minute, second) = match clock.as_slice() {
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        [h, m] => (number(h)?, number(m)?, 0),
        _ => return None,
    };
    let marker = rest.get(1).map(|m| m.to_ascii_uppercase().replace('.', ""));
    let hour = match marker.as_deref() {
        None => hour,
        Some("AM") if (1..=12).contains(&hour) => hour % 12,
        Some("PM") if (1..=12).contains(&hour) => hour % 12 + 12,
        // A marker lanman cannot read: only a 24-hour value is certain.
        Some(_) if hour > 12 => hour,
        Some(_) => return None,
    };
    if rest.len() > 2 {
        return None;
    }
    let civil = jiff::civil::DateTime::new(
        year,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()?;
    // jiff displays a civil date-time without fraction as `2017-05-22T14:48:02`.
    Some(civil.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_only_where_one_reading_is_possible() {
        let cases = [
            ("22.05.2017 14:48:02", Some("2017-05-22T14:48:02")),
            ("1/1/2021 6:08:25 PM", Some("2021-01-01T18:08:25")),
            ("31/1/2018 12:46:10 \u{fffd}\u{fffd}", None),
            (
                "31/1/2018 13:46:10 \u{fffd}\u{fffd}",
                Some("2018-01-31T13:46:10"),
            ),
            ("1/10/2020 12:01:58 AM", None),
            ("2021/1/1 18:08:25", Some("2021-01-01T18:08:25")),
            ("18/04/2025 08:48:09", Some("2025-04-18T08:48:09")),
            ("12/31/2024 11:00:00 PM", Some("2024-12-31T23:00:00")),
            ("31.02.2024 10:00:00", None),
            ("22.05.17 14:48:02", None),
        ];
        for (printed, expected) in cases {
            assert_eq!(local_date_time(printed).as_deref(), expected, "{printed}");
        }
    }

    #[test]
    fn since_lines_in_any_language() {
        assert_eq!(
            since_value("Statistics since 1/1/2021 6:08:25 PM"),
            Some("1/1/2021 6:08:25 PM")
        );
        assert_eq!(
            since_value("Statistiche dal 18/04/2025 08:48:09"),
            Some("18/04/2025 08:48:09")
        );
        assert_eq!(
            since_value("统计数据开始于 2021/1/1 18:08:25"),
            Some("2021/1/1 18:08:25")
        );
        assert_eq!(since_value("Sessions accepted                  1"), None);
        assert_eq!(since_value("Server Comment"), None);
    }
}
