//! `net config workstation` output (docs/windows.md#net-config-workstation-lines): the lines
//! in the order net.exe prints them, and the fields they fill.

use super::model::{Field, FieldSpec, Interpret, Line, Shape};
use super::{Kind, ParseError, Parsed, named};

/// The printed order. Group = blank-line group.
pub(crate) const LINES: &[Line] = &[
    line(
        Field::ComputerName,
        false,
        0,
        Shape::Unc,
        "computer_name",
        "Computer name",
        Interpret::Unc,
        "(none)",
    ),
    // Only when the computer has a DNS name.
    line(
        Field::FullComputerName,
        true,
        0,
        Shape::Token,
        "full_computer_name",
        "Full computer name",
        Interpret::Text,
        "(not printed)",
    ),
    line(
        Field::UserName,
        false,
        0,
        Shape::Any,
        "user_name",
        "User name",
        Interpret::Text,
        "(none)",
    ),
    line(
        Field::ActiveOn,
        false,
        1,
        Shape::Empty,
        "transports",
        "Transports",
        Interpret::Transports,
        "(none)",
    ),
    line(
        Field::SoftwareVersion,
        false,
        2,
        Shape::Text,
        "software_version",
        "Software version",
        Interpret::Text,
        "(none)",
    ),
    line(
        Field::WorkstationDomain,
        false,
        3,
        Shape::Netbios,
        "workstation_domain",
        "Workstation domain",
        Interpret::Text,
        "(none)",
    ),
    // Only when domain-joined.
    line(
        Field::WorkstationDomainDns,
        true,
        3,
        Shape::Dns,
        "workstation_domain_dns_name",
        "Domain DNS name",
        Interpret::Text,
        "(none: not domain-joined)",
    ),
    line(
        Field::LogonDomain,
        false,
        3,
        Shape::Netbios,
        "logon_domain",
        "Logon domain",
        Interpret::Text,
        "(none)",
    ),
    line(
        Field::ComOpenTimeout,
        false,
        4,
        Shape::Int,
        "com_open_timeout_sec",
        "COM open timeout (sec)",
        Interpret::Number,
        "(none)",
    ),
    line(
        Field::ComSendCount,
        false,
        4,
        Shape::Int,
        "com_send_count_bytes",
        "COM send count (byte)",
        Interpret::Number,
        "(none)",
    ),
    line(
        Field::ComSendTimeout,
        false,
        4,
        Shape::Int,
        "com_send_timeout_msec",
        "COM send timeout (msec)",
        Interpret::Number,
        "(none)",
    ),
    Line {
        field: Field::Success,
        optional: true,
        group: 4,
        shape: Shape::Sentence,
        spec: None,
    },
];

#[allow(clippy::too_many_arguments)] // one row of the table, read across
const fn line(
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

/// Parse `net config workstation` output (decoded text).
pub fn parse_workstation(text: &str) -> Result<Parsed, ParseError> {
    named::parse(text, Kind::Workstation)
}
