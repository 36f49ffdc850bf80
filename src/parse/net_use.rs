//! `net use`: the list of network connections, in any display language.
//!
//! A row is read around its remote, the one field with a fixed shape (`\\`, `¥¥` or a URL):
//! the device name (`Z:`, `LPT1:`) is the word just before it when it has that shape, the
//! status is everything before that (possibly empty, possibly several words), and the
//! provider is what follows the remote. Where the remote ends is read from the header's
//! Network column when the row still sits on the header's columns, else at the first gap of
//! 2+ spaces, else (spaces collapsed) before a known provider name, else at the first space
//! with a warning. A remote too long for its column puts the provider alone on the next,
//! indented line (use-en-1.txt, use-de-2.txt).

use super::list::{Connection, Found, ListError, ListWarning, NetUse, Network, ParsedList, Status};
use super::net_words;
use super::table::{self, Columns, Line, Word};

/// Read `net use` output. See the module documentation for how rows are split.
pub fn parse_net_use(text: &str) -> Result<ParsedList<NetUse>, ListError> {
    let text = table::prepare(text)?;
    let lines = table::split_lines(&text)?;
    let mut parsed = match table::frame(&lines) {
        Some(frame) => read_table(&frame)?,
        None => read_plain(&lines)?,
    };
    parsed.warnings.sort_by_key(ListWarning::line);
    Ok(parsed)
}

fn empty_list(
    warnings: Vec<ListWarning>,
    remembered: Option<bool>,
    language: Option<&'static str>,
) -> ParsedList<NetUse> {
    ParsedList {
        list: NetUse {
            connections: Vec::new(),
            remembered,
        },
        warnings,
        language,
    }
}

/// No table: an empty list, or something else.
fn read_plain(lines: &[Line<'_>]) -> Result<ParsedList<NetUse>, ListError> {
    if let Some(found) = table::classify_plain(lines) {
        return Err(ListError::NotAList { found });
    }
    let content = table::content(lines);
    let mut warnings = Vec::new();
    let mut remembered = None;
    let mut language = None;
    let plain = table::no_table_lines(&content, |line| {
        let Some((value, lang)) = net_words::remembered_of(line.text) else {
            return false;
        };
        remembered = Some(value);
        language.get_or_insert(lang.code);
        true
    });
    if let Some(no_entries) = plain.no_entries {
        // use-en-5.txt, use-ru-1.txt, use-zh-2.txt, use-zh-4.txt
        warnings.extend(plain.unexpected());
        return Ok(empty_list(warnings, remembered, Some(no_entries)));
    }
    // The shape of "no entries" in a language without a table: the remembered line and one
    // sentence, neither carrying a number (errors do) nor a path.
    let shape = content.len() == 2
        && plain.others.len() + usize::from(remembered.is_some()) == 2
        && content
            .iter()
            .all(|line| table::is_plain_sentence(line.text));
    if shape {
        if remembered.is_none() {
            warnings.push(
                content[0].warning(|line, text| ListWarning::RememberedUnknown { line, text }),
            );
        }
        warnings.push(content[1].warning(|line, text| ListWarning::AssumedEmpty { line, text }));
        return Ok(empty_list(warnings, remembered, language));
    }
    Err(table::no_table(lines))
}

/// How sure we are that a line carries the provider of the row above.
#[derive(PartialEq, Eq)]
enum Continuation {
    Sure,
    Unsure,
    No,
}

/// The provider on its own line: no remote in it, indented past the table's left edge or a
/// known provider name; an unindented unknown text is accepted with a warning unless it
/// reads like a sentence (the success line in an unknown language).
fn continuation(line: &Line<'_>, base: usize) -> Continuation {
    let ws = table::words(line.text);
    if ws.is_empty()
        || ws.iter().any(|w| table::is_remote_start(w.text))
        || table::is_rule(line.text)
        || table::is_prompt(line.text)
        || net_words::success_of(line.text).is_some()
    {
        return Continuation::No;
    }
    if net_words::provider_of(line.text).is_some() || ws[0].col > base {
        Continuation::Sure
    } else if table::is_sentence(line.text) {
        Continuation::No
    } else {
        Continuation::Unsure
    }
}

/// The fields of one row, borrowed from its line.
struct Row<'a> {
    status: String,
    local: Option<&'a str>,
    remote: &'a str,
    provider: Option<&'a str>,
    ambiguous: bool,
}

/// Split a row whose remote is word `at`. `wrapped`: the next line carries a provider, so
/// everything after the status and device is the remote (it may hold single spaces).
fn split_row<'a>(
    line: &'a str,
    ws: &[Word<'a>],
    at: usize,
    columns: Option<&Columns>,
    wrapped: bool,
) -> Row<'a> {
    let before = &ws[..at];
    let (status_words, local) = match before.split_last() {
        Some((last, rest)) if table::is_device(last.text) => (rest, Some(last.text)),
        _ => (before, None),
    };
    let status = status_words
        .iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ");
    let after = &ws[at..];
    let mut row = Row {
        status,
        local,
        remote: after[0].text,
        provider: None,
        ambiguous: false,
    };
    if after.len() == 1 {
        return row;
    }
    let wide_gap = after[1..].iter().position(|w| w.gap >= 2).map(|i| i + 1);
    if wrapped && wide_gap.is_none() {
        row.remote = table::span(line, after);
        return row;
    }
    // Trust the header's Network column only while this row's remote sits on the header's
    // Remote column (a row that lost its indentation is shifted).
    let by_column = columns
        .filter(|c| c.spaced && c.starts.len() == 4 && after[0].col.abs_diff(c.starts[2]) <= 2)
        .and_then(|c| {
            let network = c.starts[3];
            (1..after.len())
                .filter(|&k| after[k].col.abs_diff(network) <= 2)
                .min_by_key(|&k| after[k].col.abs_diff(network))
        });
    let by_suffix = || {
        let texts: Vec<&str> = after[1..].iter().map(|w| w.text).collect();
        net_words::provider_suffix(&texts).map(|count| after.len() - count)
    };
    let split = match by_column.or(wide_gap).or_else(by_suffix) {
        Some(k) => k,
        None => {
            row.ambiguous = true;
            1
        }
    };
    row.remote = table::span(line, &after[..split]);
    row.provider = Some(table::span(line, &after[split..]));
    row
}

/// A Japanese system shows `\` as `¥`: give such a remote back with backslashes.
fn normalise_remote(remote: &str) -> String {
    if remote.starts_with("¥¥") || remote.starts_with("￥￥") {
        remote.replace(['¥', '￥'], "\\")
    } else {
        remote.to_string()
    }
}

/// `server` and `share` of a remote: host and first component of a UNC path (the host
/// without an `@SSL` / `@port` suffix), or the host of a URL.
pub(crate) fn server_share(remote: &str) -> (Option<String>, Option<String>) {
    let lower = remote.to_ascii_lowercase();
    if let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.starts_with(scheme).then(|| &remote[scheme.len()..]))
    {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or_default()
        } else {
            host.split(':').next().unwrap_or_default()
        };
        return ((!host.is_empty()).then(|| host.to_string()), None);
    }
    let mut parts = remote.trim_start_matches('\\').split('\\');
    let host = parts.next().unwrap_or_default();
    let host = match host.split_once('@') {
        Some((name, suffix))
            if suffix.split('@').all(|s| {
                s.eq_ignore_ascii_case("ssl")
                    || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            }) =>
        {
            name
        }
        _ => host,
    };
    let share = parts.next().filter(|s| !s.is_empty());
    (
        (!host.is_empty()).then(|| host.to_string()),
        share.map(str::to_string),
    )
}

/// The network a remote's shape tells, if any.
fn network_of_remote(remote: &str) -> Option<Network> {
    let lower = remote.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(Network::Webdav);
    }
    let mut parts = lower.trim_start_matches('\\').split('\\');
    let host = parts.next().unwrap_or_default();
    if host.contains('@') || parts.any(|part| part == "davwwwroot") {
        return Some(Network::Webdav);
    }
    match host {
        "tsclient" => Some(Network::TerminalServices),
        "vboxsvr" | "vboxsrv" => Some(Network::Virtualbox),
        _ => None,
    }
}

/// Remembers the lookup of each distinct text: a table repeats few statuses and providers.
struct Memo<T> {
    seen: Vec<(String, Option<T>)>,
    lookup: fn(&str) -> Option<T>,
}

impl<T: Copy> Memo<T> {
    fn new(lookup: fn(&str) -> Option<T>) -> Self {
        Memo {
            seen: Vec::new(),
            lookup,
        }
    }

    fn get(&mut self, text: &str) -> Option<T> {
        if let Some((_, value)) = self.seen.iter().find(|(seen, _)| seen == text) {
            return *value;
        }
        let value = (self.lookup)(text);
        if self.seen.len() < 32 {
            self.seen.push((text.to_string(), value));
        }
        value
    }
}

/// The word-table lookups of one parse.
struct Lookups {
    status: Memo<Status>,
    provider: Memo<Network>,
}

fn connection(
    row: Row<'_>,
    line: &Line<'_>,
    lookups: &mut Lookups,
    warnings: &mut Vec<ListWarning>,
) -> Connection {
    let remote = normalise_remote(row.remote);
    let (server, share) = server_share(&remote);
    let status = if row.status.is_empty() {
        Status::Unknown
    } else {
        lookups.status.get(&row.status).unwrap_or_else(|| {
            warnings.push(ListWarning::UnknownStatus {
                line: line.no,
                text: row.status.clone(),
            });
            Status::Unknown
        })
    };
    let provider = row.provider.unwrap_or_default().trim();
    let by_name = if provider.is_empty() {
        None
    } else {
        lookups.provider.get(provider)
    };
    let network = match (by_name, network_of_remote(&remote)) {
        (Some(named), Some(shaped)) if named != shaped => {
            warnings.push(line.warning(|line, text| ListWarning::NetworkConflict { line, text }));
            named
        }
        (Some(named), _) => named,
        (None, Some(shaped)) => shaped,
        (None, None) => Network::Other,
    };
    Connection {
        local: row.local.map(str::to_string),
        remote,
        server,
        share,
        status,
        status_text: row.status,
        provider: provider.to_string(),
        network,
    }
}

/// A table that is not `net use`: a share list (local paths, no remote) or another one.
fn other_table(header: &str, body: &[Line<'_>]) -> Found {
    let mut paths = false;
    for line in body {
        for w in table::words(line.text) {
            if table::is_remote_start(w.text) {
                return Found::OtherTable {
                    header: header.trim().to_string(),
                };
            }
            paths |= table::is_local_path(w.text);
        }
    }
    if paths {
        Found::ShareList
    } else {
        Found::OtherTable {
            header: header.trim().to_string(),
        }
    }
}

fn read_table(frame: &table::Frame<'_>) -> Result<ParsedList<NetUse>, ListError> {
    super::net_session::refuse_session_table(frame)?;
    let mut warnings = Vec::new();
    let columns = frame
        .header
        .and_then(|header| table::header_columns(header.text, 4));
    let known = table::read_header(
        frame,
        net_words::use_header_of,
        (net_words::share_header_of, Found::ShareList),
        columns.is_some(),
        |header| {
            // Columns that survived but are not four: another command's table, unless the
            // rows are connections (a header whose titles ran together).
            let segments = table::segments(header);
            (segments != 1 && (segments < 3 || !table::mostly_remotes(&frame.body)))
                .then(|| other_table(header, &frame.body))
        },
        &mut warnings,
    )?;
    let mut language = known.map(|lang| lang.code);
    let header_known = known.is_some();
    let preamble = table::read_preamble(&frame.preamble, true, &mut warnings);
    language = language.or(preamble.language.map(|lang| lang.code));
    let base = columns.as_ref().map_or(0, |c| c.starts[0]);

    let body: &[Line<'_>] = &frame.body;

    let mut connections = Vec::new();
    let mut lookups = Lookups {
        status: Memo::new(net_words::status_of),
        provider: Memo::new(net_words::provider_of),
    };
    let mut trailer = table::Trailer::default();
    let mut failed = 0;
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        i += 1;
        if trailer.take(line, &mut language, &mut warnings) {
            continue;
        }
        let ws = table::words(line.text);
        let Some(at) = ws.iter().position(|w| table::is_remote_start(w.text)) else {
            // An unknown success line: the last line, reading like a sentence.
            let like_last = i == body.len()
                || body
                    .last()
                    .is_some_and(|l| l.text.trim() == line.text.trim());
            if like_last
                && table::is_sentence(line.text)
                && ws.first().is_some_and(|w| w.col <= base)
            {
                trailer.seen = true;
            } else {
                failed += 1;
                warnings.push(line.warning(|line, text| ListWarning::RowNotSplit { line, text }));
            }
            continue;
        };
        let next = body
            .get(i)
            .map_or(Continuation::No, |next| continuation(next, base));
        let mut row = split_row(
            line.text,
            &ws,
            at,
            columns.as_ref(),
            next == Continuation::Sure,
        );
        if row.ambiguous {
            warnings.push(line.warning(|line, text| ListWarning::AmbiguousSplit { line, text }));
        }
        if row.provider.is_none() {
            match (next, body.get(i)) {
                (Continuation::No, _) | (_, None) => warnings
                    .push(line.warning(|line, text| ListWarning::ProviderMissing { line, text })),
                (sure, Some(next_line)) => {
                    if sure == Continuation::Unsure {
                        warnings.push(next_line.warning(|line, text| {
                            ListWarning::UncertainContinuation { line, text }
                        }));
                    }
                    row.provider = Some(next_line.text.trim());
                    i += 1;
                }
            }
        }
        connections.push(connection(row, line, &mut lookups, &mut warnings));
        table::check_rows(connections.len())?;
    }
    trailer.finish(frame.last_line(), &mut warnings);

    if !header_known {
        let header_text = frame.header.map_or("", |h| h.text);
        // Rows without a remote: a share list in a language with no table, or another net
        // command's table. Remotes without any provider under a header that is not ours:
        // `net view`.
        if connections.is_empty() && failed > 0
            || columns.is_none()
                && !connections.is_empty()
                && connections.iter().all(|c| c.provider.is_empty())
        {
            return Err(ListError::NotAList {
                found: other_table(header_text, &frame.body),
            });
        }
    }

    Ok(ParsedList {
        list: NetUse {
            connections,
            remembered: preamble.remembered,
        },
        warnings,
        language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_and_share_drop_ssl_and_port_suffixes() {
        let cases = [
            (r"\\srv\share\sub", Some("srv"), Some("share")),
            (r"\\srv@SSL\DavWWWRoot\x", Some("srv"), Some("DavWWWRoot")),
            (
                r"\\srv@SSL@8443\DavWWWRoot",
                Some("srv"),
                Some("DavWWWRoot"),
            ),
            (r"\\srv@8080\DavWWWRoot", Some("srv"), Some("DavWWWRoot")),
            (
                r"\\sshfs\support@192.168.100.201",
                Some("sshfs"),
                Some("support@192.168.100.201"),
            ),
            (r"\\UNRAID\rA\", Some("UNRAID"), Some("rA")),
            (r"\\srv", Some("srv"), None),
            (
                "https://user@host.example:8443/dav/x",
                Some("host.example"),
                None,
            ),
            ("http://[::1]:80/x", Some("[::1]"), None),
        ];
        for (remote, server, share) in cases {
            assert_eq!(
                server_share(remote),
                (server.map(String::from), share.map(String::from)),
                "{remote}"
            );
        }
    }

    #[test]
    fn remote_shape_classifies_webdav_tsclient_and_virtualbox() {
        assert_eq!(network_of_remote("https://x/y"), Some(Network::Webdav));
        assert_eq!(
            network_of_remote(r"\\x@SSL\DavWWWRoot"),
            Some(Network::Webdav)
        );
        assert_eq!(
            network_of_remote(r"\\x\DavWWWRoot\y"),
            Some(Network::Webdav)
        );
        assert_eq!(
            network_of_remote(r"\\TSCLIENT\C"),
            Some(Network::TerminalServices)
        );
        assert_eq!(network_of_remote(r"\\VBoxSvr\s"), Some(Network::Virtualbox));
        assert_eq!(network_of_remote(r"\\vboxsrv\s"), Some(Network::Virtualbox));
        assert_eq!(network_of_remote(r"\\server\share"), None);
    }
}
