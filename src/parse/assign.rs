//! Naming lines by structure, for display languages without a label table.
//!
//! net.exe prints its lines in a fixed order (docs/windows.md#net-config-layout); only two workstation lines are
//! optional (`Full Computer name`, `Workstation Domain DNS Name`) and a capture may be cut
//! short. So the rows are aligned with the printed order (the template) by a small dynamic
//! program: a row may take a slot when its value has the slot's shape (`\\NAME`, a number,
//! a single word …) and the blank lines between rows fall where net.exe prints them. Rows
//! already named by a label table, or by structure (the `\\NAME` line, the line owning the
//! transports), are fixed points. When two alignments are equally good for a row, the row is
//! reported as ambiguous rather than guessed.

use super::model::{Field, Line, Row};

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
    template: &[Line],
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

    let dp = Dp::new(rows, template, has_blank_lines, complete);
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
    template: &'a [Line],
    has_blank_lines: bool,
    complete: bool,
    /// `labelled[k]`: rows named by a label among the first `k` (prefix counts, so the cost
    /// of skipping or of missing a range is O(1) in the inner loop).
    labelled: Vec<usize>,
    /// `required[k]`: required slots among the first `k` of the template.
    required: Vec<u32>,
    /// `group_start[j]`: the first slot of slot `j`'s blank-line group (groups are in order).
    group_start: Vec<usize>,
    /// What row `i` in slot `j` costs, at `i * template.len() + j` (every solve reads each
    /// many times; `Shape::fits` scans the value).
    pair_costs: Vec<u32>,
}

impl<'a> Dp<'a> {
    fn new(rows: &'a [Row], template: &'a [Line], has_blank_lines: bool, complete: bool) -> Self {
        let prefix = |counts: &mut dyn Iterator<Item = usize>| {
            let mut sums = vec![0];
            for c in counts {
                sums.push(sums.last().copied().unwrap_or(0) + c);
            }
            sums
        };
        let labelled = prefix(&mut rows.iter().map(|r| usize::from(r.field.is_some())));
        let required = prefix(&mut template.iter().map(|s| usize::from(!s.optional)))
            .into_iter()
            .map(|n| n as u32)
            .collect();
        let group_start = (0..template.len())
            .map(|j| {
                template[..j]
                    .iter()
                    .rposition(|s| s.group != template[j].group)
                    .map_or(0, |k| k + 1)
            })
            .collect();
        let pair_costs = rows
            .iter()
            .flat_map(|row| {
                template.iter().map(move |slot| match row.field {
                    Some(f) if f == slot.field => 0,
                    Some(_) => INF,
                    None if slot.shape.fits(row) => 0,
                    None => SHAPE,
                })
            })
            .collect();
        Dp {
            rows,
            template,
            has_blank_lines,
            complete,
            labelled,
            required,
            group_start,
            pair_costs,
        }
    }

    fn pair_cost(&self, i: usize, j: usize) -> u32 {
        self.pair_costs[i * self.template.len() + j]
    }

    /// Rows `from..to` taking no slot: impossible when one of them is named by a label.
    fn skip_rows(&self, from: usize, to: usize) -> u32 {
        if to <= from {
            return 0;
        }
        if self.labelled[to] > self.labelled[from] {
            INF
        } else {
            (to - from) as u32 * SKIP_ROW
        }
    }

    fn missing_slots(&self, from: usize, to: usize, per_slot: u32) -> u32 {
        if to <= from {
            return 0;
        }
        (self.required[to] - self.required[from]) * per_slot
    }

    /// Best alignment, optionally forbidding one (row, slot) pair.
    #[allow(clippy::needless_range_loop)] // a DP table reads best as an index grid
    fn solve(&self, forbid: Option<(usize, usize)>) -> Option<Solution> {
        let (n, m) = (self.rows.len(), self.template.len());
        if n == 0 {
            return None;
        }
        // best[i][j] = (cost, previous pair) with row i taking slot j as the latest pair.
        // One allocation per table: row-major, `m` (or `m + 1`) cells per row.
        let mut best: Vec<Cell> = vec![(INF, None); n * m];
        // For each finished row i0, the best predecessor slot j0 < j for any later pair (i, j),
        // in O(1): the cost through (i0, j0) is best[i0][j0] - MM * required[j0 + 1] (which
        // depends on j0 only) + MM * required[j] + the group term, which only asks whether j0 is
        // in an earlier group than j. So keep, per i0, prefix minima over j0 (`early`) and
        // minima since the start of j0's group (`same`), the first j0 on ties, as a scan in
        // j0 order would pick.
        let w = m + 1;
        let mut early: Vec<Option<(i64, usize)>> = vec![None; n * w];
        let mut same: Vec<Option<(i64, usize)>> = vec![None; n * w];
        let mm = i64::from(MISSING_MIDDLE);
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
                let group_start = self.group_start[j];
                for i0 in i.saturating_sub(MAX_SKIP + 1)..i {
                    let skip = self.skip_rows(i0 + 1, i);
                    if skip >= INF {
                        continue;
                    }
                    let row_break = self.rows[i].group > self.rows[i0].group;
                    // (value, j0, whether the slots cross a group boundary)
                    let candidates = [
                        early[i0 * w + group_start].map(|(v, j0)| (v, j0, true)),
                        same[i0 * w + j].map(|(v, j0)| (v, j0, false)),
                    ];
                    let mut pick: Option<(i64, usize)> = None;
                    for (value, j0, slot_break) in candidates.into_iter().flatten() {
                        let group = if self.has_blank_lines && row_break != slot_break {
                            i64::from(GROUP)
                        } else {
                            0
                        };
                        let c = value + group;
                        if pick.is_none_or(|(best_c, _)| c < best_c) {
                            pick = Some((c, j0));
                        }
                    }
                    let Some((c, j0)) = pick else { continue };
                    let c =
                        c + mm * i64::from(self.required[j]) + i64::from(skip) + i64::from(here);
                    let c = u32::try_from(c).unwrap_or(INF).min(INF);
                    if c < cell.0 {
                        cell = (c, Some((i0, j0)));
                    }
                }
                best[i * m + j] = cell;
            }
            // Row i is final: its minima for the rows after it.
            let value = |j0: usize| {
                let (cost, _) = best[i * m + j0];
                (cost < INF).then(|| i64::from(cost) - mm * i64::from(self.required[j0 + 1]))
            };
            let better = |a: Option<(i64, usize)>, b: Option<(i64, usize)>| match (a, b) {
                (Some(x), Some(y)) => Some(if y.0 < x.0 { y } else { x }),
                (x, None) => x,
                (None, y) => y,
            };
            let (e, s) = (
                &mut early[i * w..(i + 1) * w],
                &mut same[i * w..(i + 1) * w],
            );
            for j0 in 0..m {
                let v = value(j0).map(|v| (v, j0));
                e[j0 + 1] = better(e[j0], v);
                // `same[k]`: minimum over j0 in [group_start[k], k).
                s[j0 + 1] = if j0 + 1 < m && self.group_start[j0 + 1] == self.group_start[j0] {
                    better(s[j0], v)
                } else {
                    None
                };
            }
        }
        self.finish(&best)
    }

    /// The best alignment from a filled table (row-major, `template.len()` cells per row):
    /// where it ends, lines missing after it, and the pairs back to its start.
    fn finish(&self, best: &[Cell]) -> Option<Solution> {
        let (n, m) = (self.rows.len(), self.template.len());
        let per_missing_end = if self.complete {
            MISSING_MIDDLE
        } else {
            MISSING_END
        };
        let mut end: Option<(u32, (usize, usize), u32)> = None;
        for i in n.saturating_sub(MAX_SKIP + 1)..n {
            for j in 0..m {
                let (c, _) = best[i * m + j];
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
        while let (_, Some(prev)) = best[at.0 * m + at.1] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::config::lines as template_of;
    use crate::parse::{Kind, layout};
    use proptest::prelude::*;

    // The straightforward O(n * m^2 * MAX_SKIP) alignment `Dp::solve` replaced, kept as the
    // oracle: both must give the same cost, pairs and truncation for any rows.
    fn group_cost(dp: &Dp<'_>, (i0, j0): (usize, usize), (i, j): (usize, usize)) -> u32 {
        if !dp.has_blank_lines {
            return 0;
        }
        let row_break = dp.rows[i].group > dp.rows[i0].group;
        let slot_break = dp.template[j].group > dp.template[j0].group;
        if row_break == slot_break { 0 } else { GROUP }
    }

    #[allow(clippy::needless_range_loop)] // a DP table reads best as an index grid
    fn solve_naive(dp: &Dp<'_>, forbid: Option<(usize, usize)>) -> Option<Solution> {
        let (n, m) = (dp.rows.len(), dp.template.len());
        if n == 0 {
            return None;
        }
        // best[i][j] = (cost, previous pair) with row i taking slot j as the latest pair.
        let mut best: Vec<Cell> = vec![(INF, None); n * m];
        for i in 0..n {
            for j in 0..m {
                if forbid == Some((i, j)) {
                    continue;
                }
                let here = dp.pair_cost(i, j);
                if here >= INF {
                    continue;
                }
                let mut cell = (INF, None);
                if i <= MAX_SKIP {
                    let start = dp.skip_rows(0, i) + dp.missing_slots(0, j, MISSING_MIDDLE);
                    cell = (start.saturating_add(here), None);
                }
                for i0 in i.saturating_sub(MAX_SKIP + 1)..i {
                    for j0 in 0..j {
                        let (prev, _) = best[i0 * m + j0];
                        if prev >= INF {
                            continue;
                        }
                        let c = prev
                            .saturating_add(dp.skip_rows(i0 + 1, i))
                            .saturating_add(dp.missing_slots(j0 + 1, j, MISSING_MIDDLE))
                            .saturating_add(group_cost(dp, (i0, j0), (i, j)))
                            .saturating_add(here);
                        if c < cell.0 {
                            cell = (c, Some((i0, j0)));
                        }
                    }
                }
                best[i * m + j] = cell;
            }
        }
        dp.finish(&best)
    }

    fn same_answers(dp: &Dp<'_>) -> Result<(), TestCaseError> {
        let as_tuple = |s: Option<Solution>| s.map(|s| (s.cost, s.pairs, s.truncation));
        let mut forbids = vec![None];
        for i in 0..dp.rows.len() {
            for j in 0..dp.template.len() {
                forbids.push(Some((i, j)));
            }
        }
        for forbid in forbids {
            prop_assert_eq!(
                as_tuple(dp.solve(forbid)),
                as_tuple(solve_naive(dp, forbid)),
                "forbid {:?}",
                forbid
            );
        }
        Ok(())
    }

    fn row(group: usize, field: Option<Field>, value: &str, split: bool) -> Row {
        Row {
            line: 1,
            label: "Label".to_string(),
            value: value.to_string(),
            split,
            group,
            transports: Vec::new(),
            field,
            number_only: false,
        }
    }

    fn rows() -> impl Strategy<Value = (Vec<Row>, bool, bool, bool)> {
        let one = (
            0..3usize,
            prop::sample::select(vec![
                "",
                "\\\\PC",
                "15",
                "-1",
                "Yes",
                "a.b",
                "two words",
                "WORKGROUP",
            ]),
            any::<bool>(),
            0..12usize,
        );
        (
            prop::collection::vec(one, 0..16),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(raw, blank, complete, server)| {
                let template = template_of(if server {
                    Kind::Server
                } else {
                    Kind::Workstation
                });
                let mut group = 0;
                let rows = raw
                    .into_iter()
                    .map(|(step, value, split, f)| {
                        group += usize::from(step == 0);
                        // Now and then a row named by its label, as a label table names it.
                        let field = (f < template.len() && f % 3 == 0).then(|| template[f].field);
                        row(group, field, value, split)
                    })
                    .collect();
                (rows, blank, complete, server)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn solve_is_the_straightforward_alignment((rows, blank, complete, server) in rows()) {
            let template = template_of(if server { Kind::Server } else { Kind::Workstation });
            same_answers(&Dp::new(&rows, template, blank, complete))?;
        }
    }

    #[test]
    fn solve_is_the_straightforward_alignment_on_every_input() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["fixtures", "fixtures/wire", "tests/data"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    continue;
                }
                let bytes = std::fs::read(path).unwrap();
                let text = crate::decode::decode(&bytes, crate::decode::Encoding::Auto, 850).text;
                for kind in [Kind::Server, Kind::Workstation] {
                    let template = template_of(kind);
                    if let Ok(l) = layout::layout(&text, kind, template) {
                        let dp = Dp::new(&l.rows, template, l.has_blank_lines, l.complete);
                        same_answers(&dp).unwrap();
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 20, "{checked}");
    }
}
