//! `net config server` output (docs/windows.md#net-config-server-lines): the lines in the
//! order net.exe prints them, and the fields they fill.

use super::model::{Field, Interpret, Line, Shape};
use super::{Kind, ParseError, Parsed, named};

/// The printed order. Group = blank-line group; two blank lines after the transports (an
/// explicit extra new line) are still one group boundary.
#[rustfmt::skip] // a table: one printed line per row, read across
pub(crate) const LINES: &[Line] = &[
    Line::field(Field::ServerName, false, 0, Shape::Unc, "server_name", "Server name", Interpret::Unc, "(none)"),
    Line::field(Field::ServerComment, false, 0, Shape::Any, "server_comment", "Comment", Interpret::Text, "(none)"),
    Line::field(Field::SoftwareVersion, false, 1, Shape::Text, "software_version", "Software version", Interpret::Text, "(none)"),
    Line::field(Field::ActiveOn, false, 1, Shape::Empty, "transports", "Transports", Interpret::Transports, "(none)"),
    Line::field(Field::Hidden, false, 2, Shape::Word, "hidden", "Hidden", Interpret::YesNo, "(none)"),
    Line::field(Field::MaxLoggedOnUsers, false, 2, Shape::IntOrWord, "max_logged_on_users", "Max logged-on users", Interpret::UserLimit, "(none)"),
    Line::field(Field::MaxOpenFiles, false, 2, Shape::Int, "max_open_files_per_session", "Max open files per session", Interpret::Number, "(none)"),
    Line::field(Field::IdleSessionTime, false, 3, Shape::SignedInt, "idle_session_minutes", "Idle session time", Interpret::SignedNumber, "(none)"),
    Line::success(3),
];

/// Parse `net config server` output (decoded text).
pub fn parse_server(text: &str) -> Result<Parsed, ParseError> {
    named::parse(text, Kind::Server)
}
