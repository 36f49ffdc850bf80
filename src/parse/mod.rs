//! Pure parsers: text in, typed values or a typed error out. No process, no printing, no
//! environment. Every function here is tested on every fixture (`tests/parsers.rs`).
//!
//! `net config server|workstation` output is read in three steps:
//! 1. `layout`: find the block (skip a prompt line or a header above it, stop at the success
//!    line), undo uniform indentation, split each line into label and value at the padding
//!    column, and attach TAB-indented transport lines to the line above them.
//! 2. `assign`: name each line, by its label where a table in `labels` knows it, otherwise by
//!    its position in the fixed order net.exe prints (FACTS.md §2), checked against the shape
//!    of its value and the blank lines between groups.
//! 3. `server` / `workstation`: interpret the values (numbers, `-1`, Unlimited, Yes/No).

mod assign;
mod labels;
mod layout;
pub mod net_error;
pub mod reg;
mod scan;
pub mod server;
pub mod workstation;

use serde::{Serialize, Serializer};

pub use server::{ServerConfig, parse_server};
pub use workstation::{WorkstationConfig, parse_workstation};

/// Which `net config` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Server,
    Workstation,
}

impl Kind {
    /// The command that prints this output, for messages.
    pub fn command(self) -> &'static str {
        match self {
            Kind::Server => "net config server",
            Kind::Workstation => "net config workstation",
        }
    }

    fn other(self) -> Kind {
        match self {
            Kind::Server => Kind::Workstation,
            Kind::Workstation => Kind::Server,
        }
    }
}

/// One line of `net config` output, named. The order of the variants is not significant; the
/// printed order lives in the templates of `server.rs` / `workstation.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    ServerName,
    ServerComment,
    SoftwareVersion,
    ActiveOn,
    Hidden,
    MaxLoggedOnUsers,
    MaxOpenFiles,
    IdleSessionTime,
    ComputerName,
    FullComputerName,
    UserName,
    WorkstationDomain,
    WorkstationDomainDns,
    LogonDomain,
    ComOpenTimeout,
    ComSendCount,
    ComSendTimeout,
    /// `The command completed successfully.`
    Success,
}

/// A transport line: `<TAB>name (address)` (FACTS.md §2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Transport {
    pub name: String,
    pub address: String,
}

/// A value as read from the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading<T> {
    Value(T),
    /// An optional line this output does not print (e.g. `Workstation Domain DNS Name` in a
    /// workgroup). Not an error.
    Absent,
    /// The line is not in the output (a truncated capture).
    Missing,
    /// The line is there but its value cannot be interpreted (e.g. Yes/No in a display
    /// language lanman has no table for). Holds the raw text.
    Unreadable(String),
}

impl<T> Reading<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Reading::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_missing(&self) -> bool {
        matches!(self, Reading::Missing)
    }
}

impl<T: Serialize> Serialize for Reading<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Reading::Value(v) => v.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}

/// A parsed output with what could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed<T> {
    pub config: T,
    /// JSON names of the fields whose lines are not in the output.
    pub missing: Vec<&'static str>,
    /// Human-readable notes: unreadable values, ambiguous lines, decoding problems.
    pub warnings: Vec<String>,
    /// The label table that matched (`en`, `zh-CN`), or `None` when read by structure only.
    pub language: Option<&'static str>,
}

/// Why an output could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error(
        "expected `{command}` output starting with a `{first_label}  \\\\NAME` line, found none"
    )]
    NoAnchor {
        command: &'static str,
        first_label: &'static str,
    },
    #[error("this is `{found}` output, not `{expected}`")]
    WrongKind {
        expected: &'static str,
        found: &'static str,
    },
    #[error(
        "the output is collapsed onto one line in a display language lanman has no label table for"
    )]
    CollapsedUnknownLanguage,
    #[error("the output has more than {0} lines where `net config` prints about 15")]
    TooLong(usize),
    #[error("the lines do not follow the order `{command}` prints them in")]
    Unordered { command: &'static str },
}

use assign::{Assignment, Slot};
use layout::{Layout, Row};

/// An output whose lines have been named.
pub(crate) struct Named {
    layout: Layout,
    assignment: Assignment,
    template: &'static [Slot],
}

/// The most an alignment may cost before lanman says the lines do not follow the order
/// `net config` prints (two misplaced or missing lines).
const MAX_STRUCTURAL_COST: u32 = 12;

/// Lay out and name the lines of a `kind` output.
pub(crate) fn read(text: &str, kind: Kind) -> Result<Named, ParseError> {
    let template = template(kind);
    let layout = layout::layout(text, kind, template)?;
    let assignment = assign::assign(
        &layout.rows,
        template,
        layout.has_blank_lines,
        layout.complete,
    );
    if layout.language.is_none() && assignment.cost > 0 {
        // No label table: the structure alone must tell server from workstation output.
        let other_template = template_of(kind.other());
        if let Ok(other) = layout::layout(text, kind.other(), other_template) {
            let other = assign::assign(
                &other.rows,
                other_template,
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
        template,
    })
}

fn template(kind: Kind) -> &'static [Slot] {
    template_of(kind)
}

fn template_of(kind: Kind) -> &'static [Slot] {
    match kind {
        Kind::Server => server::TEMPLATE,
        Kind::Workstation => workstation::TEMPLATE,
    }
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
        let position = self.template.iter().position(|s| s.field == field);
        let slot = position.map(|p| self.template[p]);
        let later_present = position.is_some_and(|p| {
            self.template[p + 1..]
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

    fn text(&self, field: Field, json_name: &str, warnings: &mut Vec<String>) -> Reading<String> {
        self.interpret(field, json_name, warnings, |v| Some(v.to_string()))
    }

    /// A line whose label and value cannot be told apart: spaces collapsed, no label table.
    /// Only a number at its end is still known to be a value, and only where a number goes.
    fn inseparable(&self, row: &Row, field: Field) -> bool {
        let numeric = matches!(
            field,
            Field::MaxLoggedOnUsers
                | Field::MaxOpenFiles
                | Field::IdleSessionTime
                | Field::ComOpenTimeout
                | Field::ComSendCount
                | Field::ComSendTimeout
        );
        self.layout.collapsed && (!row.split || (row.number_only && !numeric))
    }

    /// Interpret a value; an uninterpretable one becomes `Unreadable` with a warning.
    fn interpret<T>(
        &self,
        field: Field,
        json_name: &str,
        warnings: &mut Vec<String>,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Reading<T> {
        let misfit = self
            .row_index(field)
            .is_some_and(|i| self.assignment.misfits.contains(&i));
        match self.reading(field) {
            Reading::Value(row) if self.inseparable(row, field) && field != Field::ActiveOn => {
                warnings.push(format!(
                    "{json_name}: cannot tell the label from the value in line {} ({:?}): its spaces were collapsed and lanman has no table for the display language",
                    row.line, row.label
                ));
                Reading::Unreadable(row.label.clone())
            }
            Reading::Value(row) if misfit && field != Field::ActiveOn => {
                let text = [row.label.as_str(), row.value.as_str()].join("  ");
                warnings.push(format!(
                    "{json_name}: line {} ({:?}) stands where net.exe prints it but does not look like it (a line lost nearby?); not used",
                    row.line,
                    text.trim()
                ));
                Reading::Unreadable(row.value.clone())
            }
            Reading::Value(row) => match parse(&row.value) {
                Some(v) => Reading::Value(v),
                None => {
                    warnings.push(format!(
                        "{json_name}: cannot interpret {:?} (line {}){}",
                        row.value,
                        row.line,
                        if self.layout.language.is_none() {
                            "; the display language has no table in lanman"
                        } else {
                            ""
                        }
                    ));
                    Reading::Unreadable(row.value.clone())
                }
            },
            Reading::Absent => Reading::Absent,
            _ => Reading::Missing,
        }
    }

    fn language(&self) -> Option<&'static str> {
        self.layout.language.map(|l| l.name)
    }

    /// Warnings about damage to the lines and about lines that could not be named.
    fn structure_warnings(&self) -> Vec<String> {
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
                    format!(
                        "line {} ({text:?}) could be more than one setting; it was not used",
                        row.line
                    )
                } else {
                    format!(
                        "line {} ({text:?}) is not a line `net config` prints; ignored",
                        row.line
                    )
                }
            });
        warnings.extend(unnamed);
        warnings
    }
}

/// A number as net.exe prints it (`%u`/`%d`, ASCII digits, no separators).
fn number(text: &str) -> Option<u64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn signed_number(text: &str) -> Option<i64> {
    match text.strip_prefix('-') {
        Some(digits) => number(digits)
            .and_then(|n| i64::try_from(n).ok())
            .map(|n| -n),
        None => number(text).and_then(|n| i64::try_from(n).ok()),
    }
}
