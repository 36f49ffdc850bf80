//! What the `net use` and `net share` readers return: the lists, the doubts met on the way
//! (warnings) and the reasons to refuse a text (errors).

use std::fmt;

use serde::Serialize;

/// The state net.exe prints in the first column of `net use`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Disconnected,
    Unavailable,
    Reconnecting,
    /// An empty column, or a word no table knows (its text is in `status_text`).
    Unknown,
}

/// The kind of network a connection goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    Smb,
    Webdav,
    Nfs,
    Virtualbox,
    TerminalServices,
    Other,
}

/// One row of `net use`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// `Z:`, `LPT1:`; None for IPC$ and other deviceless connections.
    pub local: Option<String>,
    /// As printed, except that a Japanese `¥¥server¥share` is given back with backslashes.
    pub remote: String,
    /// Host part of the remote, without `\\` and without an `@SSL` / `@port` suffix.
    pub server: Option<String>,
    /// First path component of a UNC remote; None for URLs.
    pub share: Option<String>,
    pub status: Status,
    /// The status column as printed ("" when empty).
    pub status_text: String,
    /// The network (provider) column as printed ("" when it was not found).
    pub provider: String,
    pub network: Network,
}

/// The connections `net use` listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetUse {
    pub connections: Vec<Connection>,
    /// From the line above the table; None when it is absent or in an unknown language.
    pub remembered: Option<bool>,
}

/// One row of `net share`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Share {
    pub name: String,
    /// None when the column is empty (IPC$).
    pub resource: Option<String>,
    pub remark: String,
    /// The name ends in `$` (C$, ADMIN$, IPC$, print$).
    pub administrative: bool,
}

/// The shares `net share` listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetShare {
    pub shares: Vec<Share>,
}

/// A list, the doubts met while reading it, and the language whose words matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParsedList<T> {
    pub list: T,
    pub warnings: Vec<ListWarning>,
    /// Code of the word table that matched (`en`, `de`, `zh-CN`...); None when the text was
    /// read by its structure alone.
    pub language: Option<&'static str>,
}

/// A doubt about part of the text. `line` is 1-based in the input; `text` is the line (or,
/// for `UnknownStatus`, the status word).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListWarning {
    /// A line in the table that is no row: no remote in it (`net use`), or nothing to split.
    RowNotSplit { line: usize, text: String },
    /// A status word no table knows; the connection has `Status::Unknown` and this text.
    UnknownStatus { line: usize, text: String },
    /// The capture ends without the success line: it may be cut. `line` is the last line.
    NoSuccessLine { line: usize, text: String },
    /// A remote whose provider is neither on its line nor on the next one.
    ProviderMissing { line: usize, text: String },
    /// A line without indentation was taken as the rest of the row above it.
    UncertainContinuation { line: usize, text: String },
    /// Columns were lost (spaces collapsed, or a field overflowed); the split was made by
    /// tokens and may put a word in the wrong field.
    AmbiguousSplit { line: usize, text: String },
    /// A line that fits nowhere; ignored.
    UnexpectedLine { line: usize, text: String },
    /// The line above the table is in a language with no table: `remembered` is None.
    RememberedUnknown { line: usize, text: String },
    /// A dash rule with no header above it. `line` is the rule.
    NoHeader { line: usize, text: String },
    /// A header that is neither known nor splittable into the expected columns.
    HeaderUnknown { line: usize, text: String },
    /// The provider name and the remote's shape disagree on the network; the provider won.
    NetworkConflict { line: usize, text: String },
    /// No table and no known "no entries" sentence, but the text has the shape of one
    /// (a remembered line and one sentence): read as an empty list.
    AssumedEmpty { line: usize, text: String },
    /// A `net statistics` line whose label is not known and which does not stand where the
    /// order net.exe prints them in would name it; not used.
    CounterUnplaced { line: usize, text: String },
}

impl ListWarning {
    /// The 1-based line the doubt is about.
    pub fn line(&self) -> usize {
        match self {
            ListWarning::RowNotSplit { line, .. }
            | ListWarning::UnknownStatus { line, .. }
            | ListWarning::NoSuccessLine { line, .. }
            | ListWarning::ProviderMissing { line, .. }
            | ListWarning::UncertainContinuation { line, .. }
            | ListWarning::AmbiguousSplit { line, .. }
            | ListWarning::UnexpectedLine { line, .. }
            | ListWarning::RememberedUnknown { line, .. }
            | ListWarning::NoHeader { line, .. }
            | ListWarning::HeaderUnknown { line, .. }
            | ListWarning::NetworkConflict { line, .. }
            | ListWarning::AssumedEmpty { line, .. }
            | ListWarning::CounterUnplaced { line, .. } => *line,
        }
    }
}

impl fmt::Display for ListWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListWarning::RowNotSplit { line, text } => {
                write!(f, "line {line}: not a row of the table, ignored: {text:?}")
            }
            ListWarning::UnknownStatus { line, text } => {
                write!(
                    f,
                    "line {line}: status {text:?} is not a known word, reported as unknown"
                )
            }
            ListWarning::NoSuccessLine { line, text } => write!(
                f,
                "line {line}: the output ends without its success line, it may be cut: {text:?}"
            ),
            ListWarning::ProviderMissing { line, text } => write!(
                f,
                "line {line}: no network name after this remote, nor on the next line: {text:?}"
            ),
            ListWarning::UncertainContinuation { line, text } => write!(
                f,
                "line {line}: taken as the rest of the row above although not indented: {text:?}"
            ),
            ListWarning::AmbiguousSplit { line, text } => write!(
                f,
                "line {line}: columns lost, fields split by words and may be wrong: {text:?}"
            ),
            ListWarning::UnexpectedLine { line, text } => {
                write!(f, "line {line}: unexpected line, ignored: {text:?}")
            }
            ListWarning::RememberedUnknown { line, text } => write!(
                f,
                "line {line}: remembered-connections line not understood: {text:?}"
            ),
            ListWarning::NoHeader { line, text } => {
                write!(
                    f,
                    "line {line}: the table has no header above its rule: {text:?}"
                )
            }
            ListWarning::HeaderUnknown { line, text } => {
                write!(f, "line {line}: table header not understood: {text:?}")
            }
            ListWarning::NetworkConflict { line, text } => write!(
                f,
                "line {line}: network name and remote disagree, the network name was used: {text:?}"
            ),
            ListWarning::AssumedEmpty { line, text } => write!(
                f,
                "line {line}: read as \"no entries\" by its shape, the sentence is not known: {text:?}"
            ),
            ListWarning::CounterUnplaced { line, text } => write!(
                f,
                "line {line}: a counter whose label is not known and whose place does not name it, not used: {text:?}"
            ),
        }
    }
}

/// What a refused text was recognised as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Found {
    /// A net.exe failure (`System error 53 has occurred.`, `NET HELPMSG 2250`), possibly
    /// wrapped by PowerShell. `code` is the system error or message number when printed.
    Error { code: Option<u32>, message: String },
    /// `net use X:`: one connection's details.
    UseDetail,
    /// `net share NAME`: one share's details.
    ShareDetail,
    /// `net config ...` or another label/value listing.
    Config,
    /// The confirmation `net use * /delete` prints: remotes without a table.
    DeletePrompt,
    /// A `net use` list given to the `net share` reader.
    UseList,
    /// A `net share` list given to the `net use` reader.
    ShareList,
    /// "There are no entries in the list." given to the `net share` reader: `net share`
    /// always lists IPC$, so this came from another command.
    EmptyList,
    /// A table of another net command (`net view`, `net user`...).
    OtherTable { header: String },
    /// The question `net session \\X /del` asks when the session has open files.
    DeleteConfirmation,
    /// The list of services `net statistics` prints without SERVER or WORKSTATION.
    StatisticsServices,
    /// A `net statistics server|workstation` output given to another reader.
    Statistics,
    /// A `net session` list given to another reader.
    SessionList,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Error {
                code: Some(code),
                message,
            } => write!(f, "a net error ({code}): {message}"),
            Found::Error {
                code: None,
                message,
            } => write!(f, "a net error: {message}"),
            Found::UseDetail => f.write_str("the details of one connection (net use X:)"),
            Found::ShareDetail => f.write_str("the details of one share (net share NAME)"),
            Found::Config => f.write_str("a label/value listing such as net config"),
            Found::DeletePrompt => f.write_str("the confirmation of net use * /delete"),
            Found::UseList => f.write_str("a net use list"),
            Found::ShareList => f.write_str("a net share list"),
            Found::EmptyList => {
                f.write_str("an empty list, which net share never prints (it always has IPC$)")
            }
            Found::OtherTable { header } => write!(f, "another table, headed {header:?}"),
            Found::DeleteConfirmation => {
                f.write_str("the confirmation of net session \\\\CLIENT /del")
            }
            Found::StatisticsServices => f.write_str(
                "the list of services net statistics prints without server or workstation",
            ),
            Found::Statistics => f.write_str("a net statistics output"),
            Found::SessionList => f.write_str("a net session list"),
        }
    }
}

impl Found {
    /// What to do instead, said after what the text is.
    pub fn advice(&self) -> &'static str {
        match self {
            Found::Error { .. } => "",
            Found::UseDetail | Found::DeletePrompt => {
                "; save the output of `net use` with no arguments, which lists every connection"
            }
            Found::ShareDetail => {
                "; save the output of `net share` with no arguments, which lists every share"
            }
            Found::Config => "; read it with `lanman parse server` or `lanman parse workstation`",
            Found::UseList => "; read it with `lanman parse use`",
            Found::ShareList => "; read it with `lanman parse share`",
            Found::EmptyList => {
                "; an empty `net use` list looks like this: read it with `lanman parse use`"
            }
            Found::OtherTable { .. } => {
                "; lanman reads the lists of `net use` and `net share` with no arguments"
            }
            Found::DeleteConfirmation => {
                "; save the output of `net session` with no arguments, which lists every session"
            }
            Found::StatisticsServices => {
                "; save `net statistics server` or `net statistics workstation` instead"
            }
            Found::Statistics => "; read it with `lanman parse statistics`",
            Found::SessionList => "; read it with `lanman parse session`",
        }
    }
}

/// Why a text was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("the input is empty")]
    Empty,
    #[error("the input is too long (more than {} rows)", super::table::MAX_ROWS)]
    TooLong,
    #[error("not a list: this is {found}{}", found.advice())]
    NotAList { found: Found },
    #[error("no table and nothing else recognised; first line: {first_line:?}")]
    NoTable { first_line: String },
}
