//! Naming lines by structure, for display languages without a label table.
//!
//! net.exe prints its lines in a fixed order (FACTS.md §2); only two workstation lines are
//! optional (`Full Computer name`, `Workstation Domain DNS Name`) and a capture may be cut
//! short. So the rows are aligned with the printed order (the template) by a small dynamic
//! program: a row may take a slot when its value has the slot's shape (`\\NAME`, a number,
//! a single word …) and the blank lines between rows fall where net.exe prints them. Rows
//! already named by a label table, or by structure (the `\\NAME` line, the line owning the
//! transports), are fixed points. When two alignments are equally good for a row, the row is
//! reported as ambiguous rather than guessed.

use super::Field;
use super::layout::Row;

/// What a value looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `\\NAME`
    Unc,
    /// No value on the line (`Server is active on`).
    Empty,
    /// Any text, possibly empty (`Server Comment`).
    Any,
    /// Non-empty text (`Software version`).
    Text,
    /// One token without dots (a NetBIOS name).
    Netbios,
    /// One token with a dot (a DNS name).
    Dns,
    /// One token (a DNS or NetBIOS name).
    Token,
    Int,
    /// A number that may be `-1` (`Idle session time (min)`).
    SignedInt,
    /// A number or one word (`Unlimited`).
    IntOrWord,
    /// One word that is not a number (`Yes`).
    Word,
    /// A line without a label/value split (the success sentence).
    Sentence,
}

/// One line of the printed order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub(crate) field: Field,
    pub(crate) optional: bool,
    /// Blank-line-separated group the line is printed in.
    pub(crate) group: u8,
    pub(crate) shape: Shape,
}

impl Shape {
    fn fits(self, row: &Row) -> bool {
        let v = row.value.as_str();
        let one_token = !v.is_empty() && !v.contains(char::is_whitespace);
        let int = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match self {
            Shape::Unc => v.starts_with("\\\\"),
            Shape::Empty => v.is_empty(),
            Shape::Any => true,
            Shape::Text => row.split && !v.is_empty(),
            Shape::Netbios => row.split && one_token && !v.contains('.') && !int(v),
            Shape::Dns => row.split && one_token && v.contains('.'),
            Shape::Token => row.split && one_token,
            Shape::Int => row.split && int(v),
            Shape::SignedInt => row.split && int(v.strip_prefix('-').unwrap_or(v)),
            Shape::IntOrWord => row.split && one_token,
            Shape::Word => row.split && one_token && !int(v),
            Shape::Sentence => !row.split,
        }
    }
}

/// The field of each row (`None`: not identified) and the rows whose field is ambiguous.
#[derive(Debug)]
pub(crate) struct Assignment {
    pub(crate) fields: Vec<Option<Field>>,
    pub(crate) ambiguous: Vec<usize>,
    /// How badly the rows fit the template (0 = perfectly).
    pub(crate) cost: u32,
    /// The part of `cost` owed to lines missing after the last row (a truncated capture).
    pub(crate) truncation: u32,
    /// Rows placed in a slot whose value they do not look like (a lost or damaged line
    /// nearby): their value is not trusted.
    pub(crate) misfits: Vec<usize>,
}

const INF: u32 = u32::MAX / 4;
/// A row that takes no slot (an annotation, a line of another program).
const SKIP_ROW: u32 = 8;
/// A required line missing between two present ones.
pub(crate) const MISSING_MIDDLE: u32 = 6;
/// A required line missing at the end of a truncated capture.
const MISSING_END: u32 = 1;
/// A value that does not look like what the slot holds.
const SHAPE: u32 = 3;
/// A blank line where net.exe prints none, or none where it prints one.
const GROUP: u32 = 2;
/// How many consecutive rows may be skipped.
const MAX_SKIP: usize = 3;

pub(crate) fn assign(
    rows: &[Row],
    template: &[Slot],
    has_blank_lines: bool,
    complete: bool,
) -> Assignment {
    // Fast path: every row named by its label, in printed order.
    let all_known: Option<Vec<usize>> = rows
        .iter()
        .map(|row| {
            row.field
                .and_then(|f| template.iter().position(|s| s.field == f))
        })
        .collect();
    if let Some(positions) = all_known {
        if positions.windows(2).all(|w| w[0] < w[1]) {
            return Assignment {
                fields: rows.iter().map(|r| r.field).collect(),
                ambiguous: Vec::new(),
                cost: 0,
                truncation: 0,
                misfits: Vec::new(),
            };
        }
    }

    let dp = Dp {
        rows,
        template,
        has_blank_lines,
        complete,
    };
    let Some(Solution {
        cost,
        pairs,
        truncation,
    }) = dp.solve(None)
    else {
        return Assignment {
            fields: vec![None; rows.len()],
            ambiguous: Vec::new(),
            cost: INF,
            truncation: 0,
            misfits: Vec::new(),
        };
    };
    let mut fields = vec![None; rows.len()];
    for &(i, j) in &pairs {
        fields[i] = Some(template[j].field);
    }
    // A row not named by a label whose slot could as well be another one is ambiguous.
    let mut ambiguous = Vec::new();
    for &(i, j) in &pairs {
        if rows[i].field.is_none() {
            // Lines missing after a truncated capture's end are no evidence either way: a
            // row that fits as well one slot earlier (`Full Computer name` or `User name`?)
            // is ambiguous there too.
            if let Some(alt) = dp.solve(Some((i, j))) {
                if alt.cost - alt.truncation <= cost - truncation {
                    ambiguous.push(i);
                }
            }
        }
    }
    for &i in &ambiguous {
        fields[i] = None;
    }
    let misfits = pairs
        .iter()
        .filter(|&&(i, j)| {
            // The closing sentence has no value to distrust (a paste may split it anywhere).
            template[j].field != Field::Success
                && !ambiguous.contains(&i)
                && dp.pair_cost(i, j) == SHAPE
        })
        .map(|&(i, _)| i)
        .collect();
    Assignment {
        fields,
        ambiguous,
        cost,
        truncation,
        misfits,
    }
}

/// Cost of the best alignment ending in a (row, slot) pair, and the pair before it.
type Cell = (u32, Option<(usize, usize)>);

/// A best alignment: its cost, the (row, slot) pairs in order, and the part of the cost owed
/// to lines missing after the last row.
struct Solution {
    cost: u32,
    pairs: Vec<(usize, usize)>,
    truncation: u32,
}

struct Dp<'a> {
    rows: &'a [Row],
    template: &'a [Slot],
    has_blank_lines: bool,
    complete: bool,
}

impl Dp<'_> {
    fn pair_cost(&self, i: usize, j: usize) -> u32 {
        let row = &self.rows[i];
        let slot = &self.template[j];
        match row.field {
            Some(f) if f == slot.field => 0,
            Some(_) => INF,
            None if slot.shape.fits(row) => 0,
            None => SHAPE,
        }
    }

    fn skip_rows(&self, from: usize, to: usize) -> u32 {
        (from..to)
            .map(|k| {
                if self.rows[k].field.is_some() {
                    INF
                } else {
                    SKIP_ROW
                }
            })
            .fold(0, u32::saturating_add)
    }

    fn missing_slots(&self, from: usize, to: usize, per_slot: u32) -> u32 {
        self.template[from..to]
            .iter()
            .filter(|s| !s.optional)
            .count() as u32
            * per_slot
    }

    fn group_cost(&self, (i0, j0): (usize, usize), (i, j): (usize, usize)) -> u32 {
        if !self.has_blank_lines {
            return 0;
        }
        let row_break = self.rows[i].group > self.rows[i0].group;
        let slot_break = self.template[j].group > self.template[j0].group;
        if row_break == slot_break { 0 } else { GROUP }
    }

    /// Best alignment, optionally forbidding one (row, slot) pair.
    #[allow(clippy::needless_range_loop)] // a DP table reads best as an index grid
    fn solve(&self, forbid: Option<(usize, usize)>) -> Option<Solution> {
        let (n, m) = (self.rows.len(), self.template.len());
        if n == 0 {
            return None;
        }
        // best[i][j] = (cost, previous pair) with row i taking slot j as the latest pair.
        let mut best: Vec<Vec<Cell>> = vec![vec![(INF, None); m]; n];
        for i in 0..n {
            for j in 0..m {
                if forbid == Some((i, j)) {
                    continue;
                }
                let here = self.pair_cost(i, j);
                if here >= INF {
                    continue;
                }
                let mut cell = (INF, None);
                if i <= MAX_SKIP {
                    let start = self.skip_rows(0, i) + self.missing_slots(0, j, MISSING_MIDDLE);
                    cell = (start.saturating_add(here), None);
                }
                for i0 in i.saturating_sub(MAX_SKIP + 1)..i {
                    for j0 in 0..j {
                        let (prev, _) = best[i0][j0];
                        if prev >= INF {
                            continue;
                        }
                        let c = prev
                            .saturating_add(self.skip_rows(i0 + 1, i))
                            .saturating_add(self.missing_slots(j0 + 1, j, MISSING_MIDDLE))
                            .saturating_add(self.group_cost((i0, j0), (i, j)))
                            .saturating_add(here);
                        if c < cell.0 {
                            cell = (c, Some((i0, j0)));
                        }
                    }
                }
                best[i][j] = cell;
            }
        }
        let per_missing_end = if self.complete {
            MISSING_MIDDLE
        } else {
            MISSING_END
        };
        let mut end: Option<(u32, (usize, usize), u32)> = None;
        for i in n.saturating_sub(MAX_SKIP + 1)..n {
            for j in 0..m {
                let (c, _) = best[i][j];
                if c >= INF {
                    continue;
                }
                let truncation = self.missing_slots(j + 1, m, per_missing_end);
                let total = c
                    .saturating_add(self.skip_rows(i + 1, n))
                    .saturating_add(truncation);
                if total < INF && end.is_none_or(|(e, _, _)| total < e) {
                    end = Some((total, (i, j), truncation));
                }
            }
        }
        let (cost, mut at, truncation) = end?;
        let mut pairs = vec![at];
        while let (_, Some(prev)) = best[at.0][at.1] {
            pairs.push(prev);
            at = prev;
        }
        pairs.reverse();
        Some(Solution {
            cost,
            pairs,
            truncation,
        })
    }
}
