//! `net config workstation` output (docs/windows.md#net-config-workstation-lines): the lines
//! in the order net.exe prints them, and the fields they fill.

use super::model::{Field, Interpret, Line, Shape};
use super::{Kind, ParseError, Parsed, named};

/// The printed order. Group = blank-line group.
#[rustfmt::skip] // a table: one printed line per row, read across
pub(crate) const LINES: &[Line] = &[
    Line::field(Field::ComputerName, false, 0, Shape::Unc, "computer_name", "Computer name", Interpret::Unc, "(none)"),
    // Only when the computer has a DNS name.
    Line::field(Field::FullComputerName, true, 0, Shape::Token, "full_computer_name", "Full computer name", Interpret::Text, "(not printed)"),
    Line::field(Field::UserName, false, 0, Shape::Any, "user_name", "User name", Interpret::Text, "(none)"),
    Line::field(Field::ActiveOn, false, 1, Shape::Empty, "transports", "Transports", Interpret::Transports, "(none)"),
    Line::field(Field::SoftwareVersion, false, 2, Shape::Text, "software_version", "Software version", Interpret::Text, "(none)"),
    Line::field(Field::WorkstationDomain, false, 3, Shape::Netbios, "workstation_domain", "Workstation domain", Interpret::Text, "(none)"),
    // Only when domain-joined.
    Line::field(Field::WorkstationDomainDns, true, 3, Shape::Dns, "workstation_domain_dns_name", "Domain DNS name", Interpret::Text, "(none: not domain-joined)"),
    Line::field(Field::LogonDomain, false, 3, Shape::Netbios, "logon_domain", "Logon domain", Interpret::Text, "(none)"),
    Line::field(Field::ComOpenTimeout, false, 4, Shape::Int, "com_open_timeout_sec", "COM open timeout (sec)", Interpret::Number, "(none)"),
    Line::field(Field::ComSendCount, false, 4, Shape::Int, "com_send_count_bytes", "COM send count (byte)", Interpret::Number, "(none)"),
    Line::field(Field::ComSendTimeout, false, 4, Shape::Int, "com_send_timeout_msec", "COM send timeout (msec)", Interpret::Number, "(none)"),
    Line::success(4),
];

/// Parse `net config workstation` output (decoded text).
pub fn parse_workstation(text: &str) -> Result<Parsed, ParseError> {
    named::parse(text, Kind::Workstation)
}
