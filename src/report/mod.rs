//! `lanman report`: one answer over the files `lanman doctor --json` (and `lanman watch --json`)
//! wrote on many machines. Pure: bytes in, a typed input or the reason it was refused
//! (`input`); server names grouped (`names`); each input folded into the aggregate and
//! dropped, then the report (`fleet`). Reading folders and files is `machine::reports`';
//! rendering is `output::report`'s.
//!
//! Every file is untrusted (they come from hundreds of machines through a share that many can
//! write to): nothing in one is run, followed or trusted to be well formed, and every string
//! from one is escaped where it is rendered.

pub(crate) mod fleet;
pub(crate) mod input;
pub(crate) mod names;

use std::fmt;
use std::str::FromStr;

use crate::parse::duration::{Bare, parse_duration};

/// The shape of `report --format json` (README "report").
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// A doctor report is a few KiB (tens with many drives and findings): a file larger than this
/// is refused by its size, before it is read.
pub(crate) const MAX_DOCTOR_BYTES: u64 = 1024 * 1024;

/// A watch log grows by one line per event (about 300 bytes for a session that vanished): a
/// week of a busy server is a few MiB. Larger files are refused by size.
pub(crate) const MAX_WATCH_BYTES: u64 = 64 * 1024 * 1024;

/// How many bytes are read first to tell a watch log from a doctor report (which picks the
/// size limit): a BOM and `{"time":`.
pub(crate) const SNIFF_BYTES: usize = 64;

/// Why a file was not read: one word for the data, a sentence for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SkipReason {
    /// Not JSON, or JSON without lanman's members.
    NotLanman,
    /// A lanman document that ends early (a copy taken while it was written, a full disk).
    Truncated,
    /// doctor's first shape (no `schema_version`): refused by name.
    Schema1,
    /// A `schema_version` this lanman does not know.
    UnknownSchema,
    /// A lanman document with a member of the wrong type.
    Invalid,
    /// Written longer ago than `--max-age`.
    TooOld,
    /// Far larger than any report lanman writes: refused before it was read.
    TooLarge,
    /// A link, a device, a FIFO or a socket: not followed, not opened.
    NotAFile,
    /// A folder inside a folder given: folders are not read recursively.
    Folder,
    /// The file system refused it (permissions, gone).
    Unreadable,
    /// An older report of the same computer: the newest one is used.
    Superseded,
}

impl SkipReason {
    pub(crate) fn code(self) -> &'static str {
        match self {
            SkipReason::NotLanman => "not_lanman",
            SkipReason::Truncated => "truncated",
            SkipReason::Schema1 => "schema_1",
            SkipReason::UnknownSchema => "unknown_schema",
            SkipReason::Invalid => "invalid",
            SkipReason::TooOld => "too_old",
            SkipReason::TooLarge => "too_large",
            SkipReason::NotAFile => "not_a_file",
            SkipReason::Folder => "folder",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Superseded => "superseded",
        }
    }
}

impl serde::Serialize for SkipReason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Skipped {
    /// The file's path as given or found (untrusted: escaped where rendered).
    pub(crate) file: String,
    pub(crate) reason: SkipReason,
    /// One sentence.
    pub(crate) message: String,
}

/// `--below` and `--max-age`: whole seconds from a duration (README "Durations": `90m`, `2h`,
/// `1h30m`, `600s`, `7d`). A bare number is refused: minutes or seconds would be a guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span(pub u64);

impl FromStr for Span {
    type Err = String;
    fn from_str(s: &str) -> Result<Span, String> {
        parse_duration(s, Bare::Refused).map(Span).map_err(|why| {
            format!("invalid duration {s:?}: {why} (write it as 15m, 1h30m, 600s or 7d)")
        })
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::diagnosis::duration(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_take_units_in_order() {
        assert_eq!("15m".parse(), Ok(Span(900)));
        assert_eq!("1h30m".parse(), Ok(Span(5_400)));
        assert_eq!("7d".parse(), Ok(Span(604_800)));
        assert_eq!("1d2h3m4s".parse(), Ok(Span(93_784)));
        // Units in any case, as every duration (README "Durations").
        assert_eq!("2H".parse(), Ok(Span(7_200)));
        for bad in [
            "",
            "15",
            "m",
            "1x",
            "1m1h",
            "1h1h",
            "-1m",
            "1.5h",
            " 1m",
            "99999999999999999999d",
        ] {
            assert!(bad.parse::<Span>().is_err(), "{bad:?}");
        }
    }
}
