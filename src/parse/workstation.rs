//! `net config workstation` output (FACTS.md §2).

use serde::Serialize;

use super::assign::{Shape, Slot};
use super::{Field, Kind, ParseError, Parsed, Reading, Transport, number, read};

/// The order net.exe prints (config.c; FACTS.md §2). Group = blank-line group.
pub(crate) const TEMPLATE: &[Slot] = &[
    slot(Field::ComputerName, false, 0, Shape::Unc),
    // Only when GetComputerNameEx succeeds.
    slot(Field::FullComputerName, true, 0, Shape::Token),
    slot(Field::UserName, false, 0, Shape::Any),
    slot(Field::ActiveOn, false, 1, Shape::Empty),
    slot(Field::SoftwareVersion, false, 2, Shape::Text),
    slot(Field::WorkstationDomain, false, 3, Shape::Netbios),
    // Only when domain-joined.
    slot(Field::WorkstationDomainDns, true, 3, Shape::Dns),
    slot(Field::LogonDomain, false, 3, Shape::Netbios),
    slot(Field::ComOpenTimeout, false, 4, Shape::Int),
    slot(Field::ComSendCount, false, 4, Shape::Int),
    slot(Field::ComSendTimeout, false, 4, Shape::Int),
    slot(Field::Success, true, 4, Shape::Sentence),
];

const fn slot(field: Field, optional: bool, group: u8, shape: Shape) -> Slot {
    Slot {
        field,
        optional,
        group,
        shape,
    }
}

/// What `net config workstation` shows. Field names are the JSON contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkstationConfig {
    /// Without the leading `\\`.
    pub computer_name: Reading<String>,
    /// `null` when the line is absent.
    pub full_computer_name: Reading<String>,
    pub user_name: Reading<String>,
    pub transports: Reading<Vec<Transport>>,
    pub software_version: Reading<String>,
    pub workstation_domain: Reading<String>,
    /// `null` when the line is absent (not domain-joined).
    pub workstation_domain_dns_name: Reading<String>,
    pub logon_domain: Reading<String>,
    pub com_open_timeout_sec: Reading<u64>,
    pub com_send_count_bytes: Reading<u64>,
    pub com_send_timeout_msec: Reading<u64>,
}

/// Parse `net config workstation` output (decoded text).
pub fn parse_workstation(text: &str) -> Result<Parsed<WorkstationConfig>, ParseError> {
    let named = read(text, Kind::Workstation)?;
    let mut warnings = named.structure_warnings();
    let config = WorkstationConfig {
        computer_name: named.interpret(Field::ComputerName, "computer_name", &mut warnings, |v| {
            v.strip_prefix("\\\\").map(str::to_string)
        }),
        full_computer_name: named.text(
            Field::FullComputerName,
            "full_computer_name",
            &mut warnings,
        ),
        user_name: named.text(Field::UserName, "user_name", &mut warnings),
        transports: match named.reading(Field::ActiveOn) {
            Reading::Value(row) => Reading::Value(row.transports.clone()),
            _ => Reading::Missing,
        },
        software_version: named.text(Field::SoftwareVersion, "software_version", &mut warnings),
        workstation_domain: named.text(
            Field::WorkstationDomain,
            "workstation_domain",
            &mut warnings,
        ),
        workstation_domain_dns_name: named.text(
            Field::WorkstationDomainDns,
            "workstation_domain_dns_name",
            &mut warnings,
        ),
        logon_domain: named.text(Field::LogonDomain, "logon_domain", &mut warnings),
        com_open_timeout_sec: named.interpret(
            Field::ComOpenTimeout,
            "com_open_timeout_sec",
            &mut warnings,
            number,
        ),
        com_send_count_bytes: named.interpret(
            Field::ComSendCount,
            "com_send_count_bytes",
            &mut warnings,
            number,
        ),
        com_send_timeout_msec: named.interpret(
            Field::ComSendTimeout,
            "com_send_timeout_msec",
            &mut warnings,
            number,
        ),
    };
    let missing = [
        ("computer_name", config.computer_name.is_missing()),
        ("full_computer_name", config.full_computer_name.is_missing()),
        ("user_name", config.user_name.is_missing()),
        ("transports", config.transports.is_missing()),
        ("software_version", config.software_version.is_missing()),
        ("workstation_domain", config.workstation_domain.is_missing()),
        (
            "workstation_domain_dns_name",
            config.workstation_domain_dns_name.is_missing(),
        ),
        ("logon_domain", config.logon_domain.is_missing()),
        (
            "com_open_timeout_sec",
            config.com_open_timeout_sec.is_missing(),
        ),
        (
            "com_send_count_bytes",
            config.com_send_count_bytes.is_missing(),
        ),
        (
            "com_send_timeout_msec",
            config.com_send_timeout_msec.is_missing(),
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
