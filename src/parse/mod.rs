//! Pure parsers: text in, typed values or a typed error out. No process, no printing, no
//! environment. Every parser runs on every fixture (`tests/parsers.rs`).
//!
//! `net config server|workstation` output is read in three steps, one file each:
//! 1. `layout`: find the block (skip a prompt line or a header above it, stop at the success
//!    line), undo uniform indentation, split each line into label and value at the padding
//!    column, and attach TAB-indented transport lines to the line above them.
//! 2. `assign`: name each line by its place in the order net.exe prints
//!    (docs/windows.md#net-config-layout), checked against the shape of its value and the blank
//!    lines between groups; lines a label table (`labels`) names are fixed points.
//! 3. `named`: interpret the values (numbers, `-1`, Unlimited, Yes/No) into a [`NetConfig`].
//!
//! `model` holds the types these steps share; `server` / `workstation` the printed lines of
//! each output; `config` the parsed values. `net_error` and `reg` read net.exe's failures and
//! `reg query` output.

mod assign;
mod config;
pub mod duration;
pub mod events;
pub mod gpp_drives;
pub mod host;
mod labels;
mod layout;
mod list;
mod model;
mod named;
pub mod net_error;
mod net_session;
mod net_share;
mod net_statistics;
mod net_use;
mod net_words;
pub mod os_version;
pub mod reg;
mod scan;
pub mod secedit;
mod server;
pub mod server_idle;
pub mod server_names;
pub mod smb_connection;
pub mod stored;
mod table;
mod workstation;

use std::fmt;

pub use config::{NetConfig, UserLimit, Value, specs, transport_text};
pub use list::{
    Connection, Found, ListError, ListWarning, NetShare, NetUse, Network, ParsedList, Share, Status,
};
pub use model::{FieldSpec, Transport};
pub use net_session::{NetSession, Session, parse_idle_time, parse_net_session};
pub use net_share::parse_net_share;
pub use net_statistics::{
    CounterSpec, NetStatistics, StatisticsKind, local_date_time, parse_net_statistics,
};
pub use net_use::parse_net_use;
pub(crate) use net_use::server_share;
pub use server::parse_server;
pub use workstation::parse_workstation;

/// Parse a `kind` output (decoded text).
pub fn parse_net_config(text: &str, kind: Kind) -> Result<Parsed, ParseError> {
    named::parse(text, kind)
}

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

    /// The label of the first line, which every output of this kind starts with.
    fn first_label(self) -> &'static str {
        match self {
            Kind::Server => "Server Name",
            Kind::Workstation => "Computer name",
        }
    }
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

    /// The value turned into another type; a value `f` rejects becomes `Unreadable`.
    pub fn map_value<U>(&self, f: impl Fn(&T) -> Option<U>) -> Reading<U> {
        match self {
            Reading::Value(v) => f(v).map_or(Reading::Unreadable(String::new()), Reading::Value),
            Reading::Absent => Reading::Absent,
            Reading::Missing => Reading::Missing,
            Reading::Unreadable(raw) => Reading::Unreadable(raw.clone()),
        }
    }
}

/// A parsed output with what could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub config: NetConfig,
    /// Unreadable values, doubtful or unnamed lines.
    pub warnings: Vec<Warning>,
    /// The label table that matched (`en`, `zh-CN`), or `None` when read by structure only.
    pub language: Option<&'static str>,
}

impl Parsed {
    /// net.exe is reported to print the idle time in 16 bits (docs/windows.md#sixteen-bit-display):
    /// when the registry holds `stored` minutes, above 65535 (and not 0xFFFFFFFF, off), and the
    /// output shows `stored` modulo 65536, the registry's value is the one in effect. The
    /// reading then says the registry's value, with a warning that says why.
    pub fn with_registry_autodisconnect(mut self, stored: Option<u32>) -> Parsed {
        let Some(stored) = stored.filter(|&s| s > 0xFFFF && s != u32::MAX) else {
            return self;
        };
        if self.config.idle_session_minutes() == Reading::Value(i64::from(stored % 0x1_0000)) {
            self.config.set(
                model::Field::IdleSessionTime,
                Reading::Value(Value::Minutes(i64::from(stored))),
            );
            self.warnings.push(Warning::SixteenBitDisplay {
                shown: stored % 0x1_0000,
                stored,
            });
        }
        self
    }
}

/// Why an output could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the input is empty")]
    Empty,
    #[error("found no `{first_label}  \\\\NAME` line, which `{command}` output starts with")]
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

/// Something lanman noticed while reading an output, that a person should know. Tests match
/// the variants; the text is for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Spaces collapsed and no label table: the field's label and value cannot be told apart.
    Inseparable {
        field: &'static str,
        line: usize,
        text: String,
    },
    /// The line stands where the field is printed but does not look like it (a line lost
    /// nearby); its value is not used.
    Misfit {
        field: &'static str,
        line: usize,
        text: String,
    },
    /// The value is there but lanman cannot interpret it (Yes/No in a display language
    /// without a table).
    Uninterpretable {
        field: &'static str,
        line: usize,
        value: String,
        no_table: bool,
    },
    /// The line could be more than one field; it was not used.
    Ambiguous { line: usize, text: String },
    /// The line is not one `net config` prints; it was ignored.
    NotANetLine { line: usize, text: String },
    /// A TAB-indented transport without its `active on` line above it.
    TransportWithoutHeading { line: usize, text: String },
    /// The capture ends in the transport list: more transports may have followed.
    EndsInTransportList,
    /// `net config server` shows the idle time modulo 65536; the registry holds `stored`.
    SixteenBitDisplay { shown: u32, stored: u32 },
    /// Lines net.exe always prints are not there: a truncated capture. Always the last.
    Incomplete { missing: Vec<&'static str> },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Inseparable { field, line, text } => write!(
                f,
                "{field}: cannot tell the label from the value in line {line} ({text:?}): its spaces were collapsed and lanman has no table for the display language"
            ),
            Warning::Misfit { field, line, text } => write!(
                f,
                "{field}: line {line} ({text:?}) stands where net.exe prints it but does not look like it (a line lost nearby?); not used"
            ),
            Warning::Uninterpretable {
                field,
                line,
                value,
                no_table,
            } => write!(
                f,
                "{field}: cannot interpret {value:?} (line {line}){}",
                if *no_table {
                    "; the display language has no table in lanman"
                } else {
                    ""
                }
            ),
            Warning::Ambiguous { line, text } => write!(
                f,
                "line {line} ({text:?}) could be more than one setting; it was not used"
            ),
            Warning::NotANetLine { line, text } => write!(
                f,
                "line {line} ({text:?}) is not a line `net config` prints; ignored"
            ),
            Warning::TransportWithoutHeading { line, text } => write!(
                f,
                "line {line} ({text:?}) is a transport without its `active on` line above it; the transport list may be incomplete"
            ),
            Warning::EndsInTransportList => f.write_str(
                "the capture ends in the transport list; more transports may have followed",
            ),
            Warning::Incomplete { missing } => write!(
                f,
                "the output is incomplete (a truncated capture?): no line for {}",
                missing.join(", ")
            ),
            Warning::SixteenBitDisplay { shown, stored } => write!(
                f,
                "idle_session_minutes: net config server shows {shown}, but the registry holds {stored} minutes; {stored} modulo 65536 is {shown}, and net.exe is reported to print this value in 16 bits (unverified on current Windows), so lanman shows the registry's {stored}"
            ),
        }
    }
}
