//! `net config server` output (docs/windows.md#net-config-server-lines): the lines in the
//! order net.exe prints them, and the fields they fill.

use super::model::{Field, FieldSpec, Interpret, Line, Shape};
use super::{Kind, ParseError, Parsed, named};

/// The printed order. Group = blank-line group; two blank lines after the transports (an
/// explicit extra new line) are still one group boundary.
pub(crate) const LINES: &[Line] = &[
    line(
        Field::ServerName,
        0,
        Shape::Unc,
        "server_name",
        "Server name",
        Interpret::Unc,
        "(none)",
    ),
    line(
        Field::ServerComment,
        0,
        Shape::Any,
        "server_comment",
        "Comment",
        Interpret::Text,
        "(none)",
    ),
    line(
        Field::SoftwareVersion,
        1,
        Shape::Text,
        "software_version",
        "Software version",
        Interpret::Text,
        "(none)",
    ),
    line(
        Field::ActiveOn,
        1,
        Shape::Empty,
        "transports",
        "Transports",
        Interpret::Transports,
        "(none)",
    ),
    line(
        Field::Hidden,
        2,
        Shape::Word,
        "hidden",
        "Hidden",
        Interpret::YesNo,
        "(none)",
    ),
    line(
        Field::MaxLoggedOnUsers,
        2,
        Shape::IntOrWord,
        "max_logged_on_users",
        "Max logged-on users",
        Interpret::UserLimit,
        "(none)",
    ),
    line(
        Field::MaxOpenFiles,
        2,
        Shape::Int,
        "max_open_files_per_session",
        "Max open files per session",
        Interpret::Number,
        "(none)",
    ),
    line(
        Field::IdleSessionTime,
        3,
        Shape::SignedInt,
        "idle_session_minutes",
        "Idle session time",
        Interpret::SignedNumber,
        "(none)",
    ),
    Line {
        field: Field::Success,
        optional: true,
        group: 3,
        shape: Shape::Sentence,
        spec: None,
    },
];

#[allow(clippy::too_many_arguments)] // one row of the table, read across
const fn line(
    field: Field,
    group: u8,
    shape: Shape,
    json: &'static str,
    label: &'static str,
    interpret: Interpret,
    empty: &'static str,
) -> Line {
    Line {
        field,
        optional: false,
        group,
        shape,
        spec: Some(FieldSpec {
            json,
            label,
            interpret,
            empty,
        }),
    }
}

/// Parse `net config server` output (decoded text).
pub fn parse_server(text: &str) -> Result<Parsed, ParseError> {
    named::parse(text, Kind::Server)
}
