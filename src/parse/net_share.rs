//! `net share`: the list of shares, in any display language.
//!
//! Three columns: name (may hold spaces, `Company Data` in share-en-3.txt), resource (a local
//! path, may hold spaces, empty for IPC$) and remark. The columns are where the rows start
//! their fields after a gap of 2+ spaces, near the header's title starts (the Korean header
//! stands 1 and 3 columns left of its data, share-ko-1.txt). A resource too long for its
//! column pushes the remark onto the next line, indented to the remark column
//! (share-en-1.txt). When spaces were collapsed, a row is split by shape: the resource starts
//! at the first local path, and a known default-share remark ends the row.

use super::list::{Found, ListError, ListWarning, NetShare, ParsedList, Share};
use super::net_words;
use super::table::{self, Line, Word};

/// Read `net share` output. See the module documentation for how rows are split.
pub fn parse_net_share(text: &str) -> Result<ParsedList<NetShare>, ListError> {
    let text = table::prepare(text)?;
    let lines = table::split_lines(&text)?;
    let mut parsed = match table::frame(&lines) {
        Some(frame) => read_table(&frame)?,
        None => return Err(read_plain(&lines)),
    };
    parsed.warnings.sort_by_key(ListWarning::line);
    Ok(parsed)
}

/// No table: `net share` always lists IPC$, so every text without a table is refused.
fn read_plain(lines: &[Line<'_>]) -> ListError {
    if let Some(found) = table::classify_plain(lines) {
        return ListError::NotAList { found };
    }
    let content = table::content(lines);
    if content
        .iter()
        .any(|line| net_words::remembered_of(line.text).is_some())
    {
        return ListError::NotAList {
            found: Found::UseList,
        };
    }
    if content
        .iter()
        .any(|line| net_words::no_entries_of(line.text).is_some())
    {
        return ListError::NotAList {
            found: Found::EmptyList,
        };
    }
    table::no_table(lines)
}

/// The resource and remark columns, as the rows place them.
#[derive(Clone, Copy)]
struct Columns {
    resource: usize,
    remark: usize,
}

/// The column where most rows start a field after a wide gap, within 4 of the header's
/// `title`; ties go to the column nearest the title. None when no row has such a field.
fn data_column(rows: &[Vec<Word<'_>>], title: usize) -> Option<usize> {
    let low = title.saturating_sub(4);
    let mut counts = [0usize; 9];
    for ws in rows {
        for w in ws {
            if w.gap >= 2 && (low..=title + 4).contains(&w.col) {
                counts[w.col - low] += 1;
            }
        }
    }
    (0..counts.len())
        .filter(|&i| counts[i] > 0)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse((low + i).abs_diff(title))))
        .map(|i| low + i)
}

/// A word starts a field at column `col`: exactly there, or one off after a wide gap.
fn starts_at(w: &Word<'_>, col: usize) -> bool {
    (w.col == col && w.gap >= 1) || (w.col.abs_diff(col) <= 1 && w.gap >= 2)
}

fn path_like(w: &Word<'_>) -> bool {
    table::is_local_path(w.text) || table::is_remote_start(w.text)
}

/// The fields of one row as word ranges: name, resource (maybe empty), remark (maybe empty).
struct Split {
    name: std::ops::Range<usize>,
    resource: std::ops::Range<usize>,
    remark: std::ops::Range<usize>,
    ambiguous: bool,
}

/// What follows a row, which tells whether its resource overflowed the column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// An indented line: the row's remark, pushed down by a long resource.
    Remark,
    /// A blank line: net.exe's empty remark after a long resource (share-en-3.txt), or a
    /// blank line a paste inserted.
    Blank,
    Other,
}

/// Split by columns. A one-space gap at the remark column is either the gap before the
/// remark or a space inside a resource that overflowed; `after` decides.
fn split_columns(ws: &[Word<'_>], columns: Columns, after: After) -> Split {
    let n = ws.len();
    let resource_at = (1..n).find(|&j| starts_at(&ws[j], columns.resource));
    let remark_at = (resource_at.unwrap_or(1)..n)
        .find(|&j| Some(j) != resource_at && starts_at(&ws[j], columns.remark));
    match (resource_at, remark_at) {
        (Some(r), remark_at) => {
            // `Company Data C:\...`: one space before the resource is normal when the name
            // fills its column, but only a path makes it sure.
            let mut ambiguous = ws[r].gap < 2 && !path_like(&ws[r]);
            let m = match remark_at {
                Some(m) if ws[m].gap < 2 && after != After::Other => {
                    ambiguous |= after == After::Blank;
                    n
                }
                Some(m) => {
                    ambiguous |= ws[m].gap < 2;
                    m
                }
                None => n,
            };
            Split {
                name: 0..r,
                resource: r..m,
                remark: m..n,
                ambiguous,
            }
        }
        (None, Some(m)) => match (1..m).find(|&j| path_like(&ws[j])) {
            // The name overflowed its column and pushed the resource right.
            Some(p) => Split {
                name: 0..p,
                resource: p..m,
                remark: m..n,
                ambiguous: true,
            },
            None => Split {
                name: 0..m,
                resource: m..m,
                remark: m..n,
                ambiguous: false,
            },
        },
        (None, None) => {
            if ws.iter().skip(1).any(|w| w.gap >= 2 || path_like(w)) {
                let mut split = split_tokens(ws);
                split.ambiguous = true;
                split
            } else {
                whole_row(n)
            }
        }
    }
}

/// A gap of 2+ columns inside the name or the resource: those fields hold single spaces only.
fn wide_gap_inside(ws: &[Word<'_>], split: &Split) -> bool {
    [&split.name, &split.resource]
        .iter()
        .any(|range| ws[(*range).clone()].iter().skip(1).any(|w| w.gap >= 2))
}

/// Split without columns. The resource starts at the first local path after the name.
/// Where gaps of 2+ survived they end the fields; where spaces were collapsed, a known
/// default-share remark ends the row, and else the split is a guess (flagged).
fn split_tokens(ws: &[Word<'_>]) -> Split {
    let n = ws.len();
    let path = (1..n).find(|&j| path_like(&ws[j]));
    let wide: Vec<usize> = (1..n).filter(|&j| ws[j].gap >= 2).collect();
    if !wide.is_empty() {
        let split = match path {
            Some(r) => {
                let m = wide.iter().copied().find(|&j| j > r).unwrap_or(n);
                Split {
                    name: 0..r,
                    resource: r..m,
                    remark: m..n,
                    ambiguous: wide.iter().any(|&j| j < r),
                }
            }
            // No path: IPC$ (name, remark), or a resource that is no path (a printer port).
            None => match wide.as_slice() {
                [m] => Split {
                    name: 0..*m,
                    resource: *m..*m,
                    remark: *m..n,
                    ambiguous: false,
                },
                [r, m, ..] => Split {
                    name: 0..*r,
                    resource: *r..*m,
                    remark: *m..n,
                    ambiguous: wide.len() > 2,
                },
                [] => whole_row(n),
            },
        };
        return split;
    }
    let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
    let from = path.map_or(1.min(n), |p| p + 1);
    let known = net_words::remark_suffix(&texts[from.min(n)..]);
    let m = match (known, path) {
        (Some(k), _) => n - k,
        (None, Some(p)) => (p + 1).min(n),
        (None, None) => 1.min(n),
    };
    let resource = path.map_or(m..m, |p| p..m);
    Split {
        name: 0..path.unwrap_or(m),
        resource,
        remark: m..n,
        ambiguous: known.is_none() && m < n,
    }
}

/// The whole row as the name: a row of one field.
fn whole_row(n: usize) -> Split {
    Split {
        name: 0..n,
        resource: n..n,
        remark: n..n,
        ambiguous: false,
    }
}

/// `C:¥Windows` from a Japanese system, with backslashes.
fn normalise_resource(resource: &str) -> String {
    if table::is_local_path(resource) {
        resource.replace('¥', "\\")
    } else {
        resource.to_string()
    }
}

fn share_of(line: &str, ws: &[Word<'_>], split: &Split) -> Share {
    let text = |range: &std::ops::Range<usize>| table::span(line, &ws[range.clone()]);
    let name = text(&split.name).to_string();
    let resource = text(&split.resource);
    Share {
        administrative: name.ends_with('$'),
        name,
        resource: (!resource.is_empty()).then(|| normalise_resource(resource)),
        remark: text(&split.remark).to_string(),
    }
}

/// Put an indented line into the share above it: at the remark column it is the remark; at
/// the resource column (a name too long for its column) the resource and perhaps a remark.
fn continue_share(
    share: &mut Share,
    line: &Line<'_>,
    ws: &[Word<'_>],
    columns: Option<Columns>,
    warnings: &mut Vec<ListWarning>,
) {
    let first = ws.first().map_or(0, |w| w.col);
    let at_resource = columns.is_some_and(|c| first + 2 < c.remark && first + 2 >= c.resource);
    if at_resource && share.resource.is_none() && share.remark.is_empty() {
        let remark_at = columns
            .and_then(|c| (1..ws.len()).find(|&j| starts_at(&ws[j], c.remark)))
            .unwrap_or(ws.len());
        let resource = table::span(line.text, &ws[..remark_at]);
        share.resource = Some(normalise_resource(resource));
        share.remark = table::span(line.text, &ws[remark_at..]).to_string();
    } else if share.remark.is_empty() && !at_resource {
        share.remark = line.text.trim().to_string();
    } else {
        warnings.push(line.warning(|line, text| ListWarning::UnexpectedLine { line, text }));
    }
}

fn read_table(frame: &table::Frame<'_>) -> Result<ParsedList<NetShare>, ListError> {
    super::net_session::refuse_session_table(frame)?;
    let mut warnings = Vec::new();
    let header_columns = frame
        .header
        .and_then(|header| table::header_columns(header.text, 3));
    let known = table::read_header(
        frame,
        net_words::share_header_of,
        (net_words::use_header_of, Found::UseList),
        header_columns.is_some(),
        |header| {
            // Columns that survived but are not three: another command's table, unless the
            // rows hold local paths (a header whose titles ran together).
            let segments = table::segments(header);
            let paths = frame.body.iter().any(|line| {
                table::words(line.text)
                    .iter()
                    .skip(1)
                    .any(|w| table::is_local_path(w.text))
            });
            let other =
                segments != 1 && (segments > 4 || !paths || table::mostly_remotes(&frame.body));
            other.then(|| {
                if table::header_columns(header, 4).is_some() && table::mostly_remotes(&frame.body)
                {
                    Found::UseList
                } else {
                    Found::OtherTable {
                        header: header.trim().to_string(),
                    }
                }
            })
        },
        &mut warnings,
    )?;
    let mut language = known.map(|lang| lang.code);
    let header_known = known.is_some();
    let preamble = table::read_preamble(&frame.preamble, false, &mut warnings);
    if preamble.remembered.is_some() {
        return Err(ListError::NotAList {
            found: Found::UseList,
        });
    }

    let body: &[Line<'_>] = &frame.body;
    let rows: Vec<Vec<Word<'_>>> = body.iter().map(|line| table::words(line.text)).collect();
    let base = header_columns.as_ref().map_or(0, |c| c.starts[0]);
    let columns = header_columns
        .as_ref()
        .filter(|c| c.spaced)
        .map(|c| Columns {
            resource: data_column(&rows, c.starts[1]).unwrap_or(c.starts[1]),
            remark: data_column(&rows, c.starts[2]).unwrap_or(c.starts[2]),
        });
    let indented = |ws: &[Word<'_>]| ws.first().is_some_and(|w| w.col > base);

    let mut shares: Vec<Share> = Vec::new();
    let mut trailer = table::Trailer::default();
    for (i, (line, ws)) in body.iter().zip(&rows).enumerate() {
        let last = i + 1 == body.len();
        if trailer.take(line, &mut language, &mut warnings) {
            continue;
        }
        let wide = ws.iter().skip(1).any(|w| w.gap >= 2);
        let has_path = ws.iter().any(path_like);
        if indented(ws) {
            match shares.last_mut() {
                Some(share) => continue_share(share, line, ws, columns, &mut warnings),
                None => warnings
                    .push(line.warning(|line, text| ListWarning::UnexpectedLine { line, text })),
            }
            continue;
        }
        // An unknown success line: the last line (or a copy of it, share-zh-1.txt doubles
        // its success line), a sentence with no columns and no path.
        let like_last = last
            || body
                .last()
                .is_some_and(|l| l.text.trim() == line.text.trim());
        if like_last && table::is_sentence(line.text) && !wide && !has_path {
            trailer.seen = true;
            continue;
        }
        // A remark continuation that lost its indentation: one field, no path, not an
        // administrative name, under a share that has a resource and no remark yet.
        if let Some(share) = shares.last_mut()
            && share.remark.is_empty()
            && share.resource.is_some()
            && !wide
            && !has_path
            && !ws.first().is_some_and(|w| w.text.ends_with('$'))
        {
            share.remark = line.text.trim().to_string();
            if !net_words::is_known_remark(&share.remark) {
                warnings.push(
                    line.warning(|line, text| ListWarning::UncertainContinuation { line, text }),
                );
            }
            continue;
        }
        let after = match (body.get(i + 1), rows.get(i + 1)) {
            (Some(_), Some(next)) if indented(next) => After::Remark,
            (Some(next), _) if next.no > line.no + 1 => After::Blank,
            _ => After::Other,
        };
        let split = match columns {
            Some(columns) => {
                let split = split_columns(ws, columns, after);
                if wide_gap_inside(ws, &split) {
                    // A field boundary off the columns (a TAB, a shifted row): the gaps
                    // are the better guide, but the result is not sure.
                    Split {
                        ambiguous: true,
                        ..split_tokens(ws)
                    }
                } else {
                    split
                }
            }
            None => split_tokens(ws),
        };
        if split.ambiguous {
            warnings.push(line.warning(|line, text| ListWarning::AmbiguousSplit { line, text }));
        }
        shares.push(share_of(line.text, ws, &split));
        table::check_rows(shares.len())?;
    }
    if table::mostly_remotes(body) {
        // Rows around remotes: `net use` under a four-column header, else `net view`.
        let found = match frame.header {
            Some(header) if table::header_columns(header.text, 4).is_none() => Found::OtherTable {
                header: header.text.trim().to_string(),
            },
            _ => Found::UseList,
        };
        return Err(ListError::NotAList { found });
    }
    if !header_known
        && !shares.is_empty()
        && !shares
            .iter()
            .any(|s| s.resource.as_deref().is_some_and(table::is_local_path))
        && !shares.iter().any(|s| s.administrative)
    {
        // Neither a local path nor an administrative share under a header that is not
        // known: `net user`, `net localgroup`... (a share list always has IPC$).
        return Err(ListError::NotAList {
            found: frame.other_table(),
        });
    }
    trailer.finish(frame.last_line(), &mut warnings);
    Ok(ParsedList {
        list: NetShare { shares },
        warnings,
        language,
    })
}
