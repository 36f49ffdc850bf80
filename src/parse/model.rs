//! The vocabulary of a `net config` output, shared by the steps that read it: the fields, the
//! lines net.exe prints (in order, with the shape of their values), and the rows found in a
//! text. `layout` turns text into rows, `assign` names rows by the printed lines, `named`
//! interprets them; each depends on this file only, never on the others.

use serde::Serialize;

/// One line of `net config` output, named. The printed order lives in the tables of
/// `server.rs` / `workstation.rs`, the label texts in `labels.rs`.
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

/// What a value looks like, for naming lines by structure (docs/windows.md#net-config-layout).
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

impl Shape {
    pub(crate) fn fits(self, row: &Row) -> bool {
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

/// How a field's text becomes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Interpret {
    /// `\\NAME`, without the `\\`.
    Unc,
    /// Text as printed (may be empty).
    Text,
    /// A number as net.exe prints it (`%u`).
    Number,
    /// Minutes, `-1` when off (docs/windows.md#special-values).
    SignedNumber,
    /// Yes / No in a display language lanman has a table for.
    YesNo,
    /// A number, or Unlimited in a known display language.
    UserLimit,
    /// The transport lines below an `active on` line.
    Transports,
}

/// A field of the parsed output: its JSON name (the contract of `server --json` /
/// `workstation --json`, also accepted by `get`), its label in lanman's text output, how its
/// text is read, and what text output shows when there is no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub json: &'static str,
    pub label: &'static str,
    pub(crate) interpret: Interpret,
    pub(crate) empty: &'static str,
}

/// One line net.exe prints, in its printed order: the field it shows, whether it may be left
/// out, its blank-line group, the shape of its value, and the field it fills (the success
/// line fills none).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub(crate) field: Field,
    pub(crate) optional: bool,
    pub(crate) group: u8,
    pub(crate) shape: Shape,
    pub(crate) spec: Option<FieldSpec>,
}

impl Line {
    /// A printed line that fills a field: one row of the tables in `server.rs` /
    /// `workstation.rs`, read across.
    #[allow(clippy::too_many_arguments)]
    pub(crate) const fn field(
        field: Field,
        optional: bool,
        group: u8,
        shape: Shape,
        json: &'static str,
        label: &'static str,
        interpret: Interpret,
        empty: &'static str,
    ) -> Line {
        Line {
            field,
            optional,
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

    /// The closing `The command completed successfully.` line (it may be cut off).
    pub(crate) const fn success(group: u8) -> Line {
        Line {
            field: Field::Success,
            optional: true,
            group,
            shape: Shape::Sentence,
            spec: None,
        }
    }
}

/// A transport line: `<TAB>name (address)` (docs/windows.md#net-config-layout).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Transport {
    pub name: String,
    pub address: String,
}

/// A labelled line of the input.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// 1-based line number in the input, for messages.
    pub(crate) line: usize,
    pub(crate) label: String,
    /// `""` when the line has no value.
    pub(crate) value: String,
    /// Whether a label/value boundary was found (a sentence like the success line has none).
    pub(crate) split: bool,
    /// Index of the blank-line-separated group the line is in.
    pub(crate) group: usize,
    pub(crate) transports: Vec<Transport>,
    /// Known from a label table or from structure (the `\\NAME` line, transports).
    pub(crate) field: Option<Field>,
    /// The value is a number split off the end of a collapsed line (`Leerlaufzeit (min) 15`):
    /// it is the value only if the line holds a number; a text value may merely end in one
    /// (`Softwareversion Windows 2002`).
    pub(crate) number_only: bool,
}
