//! `net config server` output (FACTS.md §2, §3).

use serde::Serialize;

use super::assign::{Shape, Slot};
use super::labels::LANGUAGES;
use super::{Field, Kind, ParseError, Parsed, Reading, Transport, number, read, signed_number};

/// The order net.exe prints (config.c; message ids in FACTS.md §2). Group = blank-line group.
pub(crate) const TEMPLATE: &[Slot] = &[
    slot(Field::ServerName, 0, Shape::Unc),
    slot(Field::ServerComment, 0, Shape::Any),
    slot(Field::SoftwareVersion, 1, Shape::Text),
    slot(Field::ActiveOn, 1, Shape::Empty),
    // Two blank lines after the transports (an explicit PrintNL): still one group boundary.
    slot(Field::Hidden, 2, Shape::Word),
    slot(Field::MaxLoggedOnUsers, 2, Shape::IntOrWord),
    slot(Field::MaxOpenFiles, 2, Shape::Int),
    slot(Field::IdleSessionTime, 3, Shape::SignedInt),
    Slot {
        field: Field::Success,
        optional: true,
        group: 3,
        shape: Shape::Sentence,
    },
];

const fn slot(field: Field, group: u8, shape: Shape) -> Slot {
    Slot {
        field,
        optional: false,
        group,
        shape,
    }
}

/// `Maximum Logged On Users`: a number, or `Unlimited` (0xFFFFFFFF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserLimit {
    Count(u64),
    Unlimited,
}

impl Serialize for UserLimit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            UserLimit::Count(n) => serializer.serialize_u64(*n),
            UserLimit::Unlimited => serializer.serialize_none(),
        }
    }
}

/// What `net config server` shows. Field names are the JSON contract (README "JSON fields").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerConfig {
    /// Without the leading `\\`.
    pub server_name: Reading<String>,
    /// `""` when empty.
    pub server_comment: Reading<String>,
    pub software_version: Reading<String>,
    pub transports: Reading<Vec<Transport>>,
    pub hidden: Reading<bool>,
    /// `null` in JSON for Unlimited.
    pub max_logged_on_users: Reading<UserLimit>,
    pub max_open_files_per_session: Reading<u64>,
    /// Autodisconnect in minutes; `-1` when it is off.
    pub idle_session_minutes: Reading<i64>,
}

/// Parse `net config server` output (decoded text).
pub fn parse_server(text: &str) -> Result<Parsed<ServerConfig>, ParseError> {
    let named = read(text, Kind::Server)?;
    let mut warnings = named.structure_warnings();
    let config = ServerConfig {
        server_name: named.interpret(Field::ServerName, "server_name", &mut warnings, |v| {
            v.strip_prefix("\\\\").map(str::to_string)
        }),
        server_comment: named.text(Field::ServerComment, "server_comment", &mut warnings),
        software_version: named.text(Field::SoftwareVersion, "software_version", &mut warnings),
        transports: match named.reading(Field::ActiveOn) {
            Reading::Value(row) => Reading::Value(row.transports.clone()),
            _ => Reading::Missing,
        },
        hidden: named.interpret(Field::Hidden, "hidden", &mut warnings, yes_no),
        max_logged_on_users: named.interpret(
            Field::MaxLoggedOnUsers,
            "max_logged_on_users",
            &mut warnings,
            user_limit,
        ),
        max_open_files_per_session: named.interpret(
            Field::MaxOpenFiles,
            "max_open_files_per_session",
            &mut warnings,
            number,
        ),
        idle_session_minutes: named.interpret(
            Field::IdleSessionTime,
            "idle_session_minutes",
            &mut warnings,
            signed_number,
        ),
    };
    let missing = [
        ("server_name", config.server_name.is_missing()),
        ("server_comment", config.server_comment.is_missing()),
        ("software_version", config.software_version.is_missing()),
        ("transports", config.transports.is_missing()),
        ("hidden", config.hidden.is_missing()),
        (
            "max_logged_on_users",
            config.max_logged_on_users.is_missing(),
        ),
        (
            "max_open_files_per_session",
            config.max_open_files_per_session.is_missing(),
        ),
        (
            "idle_session_minutes",
            config.idle_session_minutes.is_missing(),
        ),
    ]
    .into_iter()
    .filter_map(|(name, missing)| missing.then_some(name))
    .collect();
    Ok(Parsed {
        config,
        missing,
        warnings,
        language: named.language(),
    })
}

/// `Yes` / `No` in any language lanman has a table for (messages 4300 / 4301).
pub(crate) fn yes_no(text: &str) -> Option<bool> {
    let text = text.trim();
    LANGUAGES.iter().find_map(|lang| {
        if lang.yes.iter().any(|y| y.eq_ignore_ascii_case(text)) {
            Some(true)
        } else if lang.no.iter().any(|n| n.eq_ignore_ascii_case(text)) {
            Some(false)
        } else {
            None
        }
    })
}

fn user_limit(text: &str) -> Option<UserLimit> {
    if let Some(n) = number(text) {
        return Some(UserLimit::Count(n));
    }
    LANGUAGES
        .iter()
        .any(|lang| {
            lang.unlimited
                .iter()
                .any(|u| u.eq_ignore_ascii_case(text.trim()))
        })
        .then_some(UserLimit::Unlimited)
}
