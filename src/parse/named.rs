//! Naming the lines of a `net config` output and interpreting their values: `layout` gives
//! the rows, `assign` names them (by label where a table applies, else by the printed order),
//! and each field's text becomes a value, or a reading that says why it is none.

use super::assign::{self, Assignment};
use super::config::{self, NetConfig, Value};
use super::layout::{self, Layout};
use super::model::{Field, FieldSpec, Interpret, Line, Row};
use super::{Kind, ParseError, Parsed, Reading, Warning};

/// An output whose lines have been named.
struct Named {
    layout: Layout,
    assignment: Assignment,
    lines: &'static [Line],
}

/// The most an alignment may cost before lanman says the lines do not follow the order
/// `net config` prints (two misplaced or missing lines).
const MAX_STRUCTURAL_COST: u32 = 12;

/// Parse a `kind` output.
pub(crate) fn parse(text: &str, kind: Kind) -> Result<Parsed, ParseError> {
    let named = read(text, kind)?;
    let mut warnings = named.structure_warnings();
    let values = named
        .lines
        .iter()
        .filter_map(|line| {
            line.spec
                .map(|spec| named.value(line.field, &spec, &mut warnings))
        })
        .collect();
    let config = NetConfig::new(kind, values);
    // A truncated capture is always said, whoever reads it (`show` refuses it, `parse`
    // prints what is there).
    let missing = config.missing();
    if !missing.is_empty() {
        warnings.push(Warning::Incomplete { missing });
    }
    Ok(Parsed {
        config,
        warnings,
        language: named.layout.language.map(|l| l.name),
    })
}

/// Lay out and name the lines of a `kind` output.
fn read(text: &str, kind: Kind) -> Result<Named, ParseError> {
    let lines = config::lines(kind);
    let layout = layout::layout(text, kind, lines)?;
    let assignment = assign::assign(&layout.rows, lines, layout.has_blank_lines, layout.complete);
    if layout.language.is_none() && assignment.cost > 0 {
        // No label table: the structure alone must tell server from workstation output.
        let other_lines = config::lines(kind.other());
        if let Ok(other) = layout::layout(text, kind.other(), other_lines) {
            let other = assign::assign(
                &other.rows,
                other_lines,
                other.has_blank_lines,
                other.complete,
            );
            // Lines missing at the end (a truncated capture) say nothing about which command
            // printed the lines that are there.
            let body = assignment.cost - assignment.truncation;
            let other_body = other.cost.saturating_sub(other.truncation);
            if other_body < body && body >= assign::MISSING_MIDDLE {
                return Err(ParseError::WrongKind {
                    expected: kind.command(),
                    found: kind.other().command(),
                });
            }
        }
        if assignment.cost > MAX_STRUCTURAL_COST {
            return Err(ParseError::Unordered {
                command: kind.command(),
            });
        }
    }
    Ok(Named {
        layout,
        assignment,
        lines,
    })
}

impl Named {
    fn row_index(&self, field: Field) -> Option<usize> {
        self.assignment
            .fields
            .iter()
            .position(|f| *f == Some(field))
    }

    fn row(&self, field: Field) -> Option<&Row> {
        self.row_index(field).map(|i| &self.layout.rows[i])
    }

    /// The row of `field`, or why there is none: an optional line not printed is `Absent`
    /// when a later line is there; anything else not found is `Missing`.
    fn reading(&self, field: Field) -> Reading<&Row> {
        if let Some(row) = self.row(field) {
            return Reading::Value(row);
        }
        let position = self.lines.iter().position(|s| s.field == field);
        let slot = position.map(|p| self.lines[p]);
        let later_present = position.is_some_and(|p| {
            self.lines[p + 1..]
                .iter()
                .any(|s| s.field != Field::Success && self.row(s.field).is_some())
                || self.layout.complete
        });
        // Next to a line that is not what its place says (a line lost nearby), an optional
        // line not found may as well be the lost one.
        let sure = self.assignment.misfits.is_empty();
        match slot {
            Some(s) if s.optional && later_present && sure => Reading::Absent,
            _ => Reading::Missing,
        }
    }

    /// A line whose label and value cannot be told apart: spaces collapsed, no label table.
    /// Only a number at its end is still known to be a value, and only where a number goes.
    fn inseparable(&self, row: &Row, how: Interpret) -> bool {
        let numeric = matches!(
            how,
            Interpret::Number | Interpret::SignedNumber | Interpret::UserLimit
        );
        self.layout.collapsed && (!row.split || (row.number_only && !numeric))
    }

    /// The value of one field; an uninterpretable one becomes `Unreadable` with a warning.
    fn value(&self, field: Field, spec: &FieldSpec, warnings: &mut Vec<Warning>) -> Reading<Value> {
        let row = match self.reading(field) {
            Reading::Value(row) => row,
            Reading::Absent => return Reading::Absent,
            _ => return Reading::Missing,
        };
        if spec.interpret == Interpret::Transports {
            return Reading::Value(Value::Transports(row.transports.clone()));
        }
        let misfit = self
            .row_index(field)
            .is_some_and(|i| self.assignment.misfits.contains(&i));
        if self.inseparable(row, spec.interpret) {
            warnings.push(Warning::Inseparable {
                field: spec.json,
                line: row.line,
                text: row.label.clone(),
            });
            return Reading::Unreadable(row.label.clone());
        }
        if misfit {
            let text = [row.label.as_str(), row.value.as_str()].join("  ");
            warnings.push(Warning::Misfit {
                field: spec.json,
                line: row.line,
                text: text.trim().to_string(),
            });
            return Reading::Unreadable(row.value.clone());
        }
        match config::interpret(spec.interpret, &row.value) {
            Some(value) => Reading::Value(value),
            None => {
                warnings.push(Warning::Uninterpretable {
                    field: spec.json,
                    line: row.line,
                    value: row.value.clone(),
                    no_table: self.layout.language.is_none(),
                });
                Reading::Unreadable(row.value.clone())
            }
        }
    }

    /// Warnings about damage to the lines and about lines that could not be named.
    fn structure_warnings(&self) -> Vec<Warning> {
        let mut warnings = self.layout.warnings.clone();
        let unnamed = self
            .layout
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| self.assignment.fields[*i].is_none())
            .map(|(i, row)| {
                let text = if row.value.is_empty() {
                    row.label.clone()
                } else {
                    format!("{}  {}", row.label, row.value)
                };
                if self.assignment.ambiguous.contains(&i) {
                    Warning::Ambiguous {
                        line: row.line,
                        text,
                    }
                } else {
                    Warning::NotANetLine {
                        line: row.line,
                        text,
                    }
                }
            });
        warnings.extend(unnamed);
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER_EN: &str = "Server Name                           \\\\PC1\r\n\
        Server Comment                        \r\n\r\n\
        Software version                      Windows 10 Pro\r\n\
        Server is active on                   \r\n\
        \tNetbiosSmb (PC1)\r\n\r\n\r\n\
        Server hidden                         No\r\n\
        Maximum Logged On Users               20\r\n\
        Maximum open files per session        16384\r\n\r\n\
        Idle session time (min)               15\r\n\
        The command completed successfully.\r\n";

    #[test]
    fn a_word_without_a_table_is_an_uninterpretable_warning() {
        let text = SERVER_EN
            .replace(
                "Server hidden                         No",
                "Server verborgen                      Nein",
            )
            .replace("Server Name", "Servername ")
            .replace("The command completed successfully.", "Fertig.");
        let parsed = parse(&text, Kind::Server).unwrap();
        assert!(
            parsed.warnings.iter().any(|w| matches!(
                w,
                Warning::Uninterpretable { field: "hidden", value, .. } if value == "Nein"
            )),
            "{:?}",
            parsed.warnings
        );
        assert_eq!(parsed.config.unreadable(), vec!["hidden"]);
    }

    #[test]
    fn a_capture_that_ends_in_the_transports_says_so() {
        let cut = &SERVER_EN[..SERVER_EN.find("\r\n\r\n\r\n").unwrap()];
        let parsed = parse(cut, Kind::Server).unwrap();
        assert!(parsed.warnings.contains(&Warning::EndsInTransportList));
        assert!(parsed.config.missing().contains(&"idle_session_minutes"));
    }

    #[test]
    fn a_transport_without_its_heading_is_kept_and_reported() {
        let text = SERVER_EN.replace("Server is active on                   \r\n", "");
        let parsed = parse(&text, Kind::Server).unwrap();
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::TransportWithoutHeading { .. })),
            "{:?}",
            parsed.warnings
        );
    }

    #[test]
    fn a_line_net_does_not_print_is_reported_not_used() {
        let text = SERVER_EN.replace(
            "Server hidden",
            "Printed by a script at 10:00\r\nServer hidden",
        );
        let parsed = parse(&text, Kind::Server).unwrap();
        assert!(
            parsed.warnings.iter().any(
                |w| matches!(w, Warning::NotANetLine { text, .. } if text.starts_with("Printed by"))
            ),
            "{:?}",
            parsed.warnings
        );
        assert_eq!(parsed.config.idle_session_minutes(), Reading::Value(15));
    }
}
