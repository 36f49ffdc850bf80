//! Which names are one file server (docs/windows.md#server-names), stated once for doctor
//! (which adds DNS lookups for addresses in `machine::probe`), the fleet report and the events
//! timeline. Pure: no name is resolved here.
//!
//! Two names are one server when their first DNS labels are the same, ignoring case (`FS01`,
//! `fs01.example.test`); a trailing dot and surrounding spaces do not count. An address is a
//! server of its own by this rule (only a lookup, or a report that grouped it, joins it to a
//! name).

use std::net::IpAddr;

/// The address `name` is, if it is one (`10.0.0.5`, `fe80::1`, with or without a trailing dot).
pub fn address(name: &str) -> Option<IpAddr> {
    name.trim().trim_end_matches('.').parse().ok()
}

/// The key two names share when they are one server: an address whole and in one spelling
/// (`[10.0.0.5]`), any other name its first DNS label in lower case (`fs01`).
pub fn server_key(name: &str) -> String {
    let name = name.trim().trim_end_matches('.');
    match address(name) {
        Some(address) => format!("[{address}]"),
        None => name.split('.').next().unwrap_or(name).to_lowercase(),
    }
}

/// `a` and `b` are one server by the rule above.
pub fn one_server(a: &str, b: &str) -> bool {
    server_key(a) == server_key(b)
}

/// [`one_server`], except that two different full DNS names are not taken for one: only a
/// short name stands for the full names it begins. The events timeline matches an event to a
/// drive by the name each was given (the SMB client writes the name it was given:
/// docs/windows.md#smb-client-events), so `fs01.a.example` and `fs01.b.example`, two names a
/// user typed, stay apart there.
pub fn same_or_short_name(a: &str, b: &str) -> bool {
    let fold = |n: &str| n.trim().trim_end_matches('.').to_lowercase();
    let (a, b) = (fold(a), fold(b));
    a == b || (one_server(&a, &b) && (!a.contains('.') || !b.contains('.')))
}

/// `names` grouped by [`server_key`], groups and names in the order first seen, each name
/// once (compared without case).
pub fn group_names(names: &[String]) -> Vec<Vec<String>> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for name in names {
        if groups
            .iter()
            .flat_map(|(_, g)| g)
            .any(|n| n.to_lowercase() == name.to_lowercase())
        {
            continue;
        }
        let key = server_key(name);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(name.clone()),
            None => groups.push((key, vec![name.clone()])),
        }
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

/// The name to read a group of names by: its DNS name if it has one (a name with a dot that is
/// not an address), else its first name.
pub fn probe_name(group: &[String]) -> Option<&str> {
    group
        .iter()
        .find(|n| n.contains('.') && address(n).is_none())
        .or_else(|| group.first())
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_dns_names_are_one_server_addresses_are_their_own() {
        assert!(one_server("FS01", "fs01.example.test"));
        assert!(one_server("fs01.example.test.", "FS01"));
        assert!(
            one_server("fs01.a.example", "fs01.b.example"),
            "first label"
        );
        assert!(!one_server("fs01", "fs011"));
        assert!(!one_server("10.0.0.5", "10"));
        assert!(!one_server("10.0.0.5", "fs01"));
        assert!(
            one_server("FE80::1", "fe80:0::1"),
            "one address, two spellings"
        );
        assert_eq!(server_key("10.0.0.5."), "[10.0.0.5]");
    }

    #[test]
    fn servers_match_by_name_or_short_name_but_addresses_whole() {
        assert!(same_or_short_name("FS01", "fs01"));
        assert!(same_or_short_name("fs01", "fs01.corp.example.com"));
        assert!(same_or_short_name("fs01.corp.example.com.", "FS01"));
        assert!(!same_or_short_name("fs01.a.example", "fs01.b.example"));
        assert!(!same_or_short_name("10.0.0.1", "10"));
        assert!(!same_or_short_name("fs01", "fs011"));
    }

    #[test]
    fn names_group_by_first_label_each_once_in_order() {
        let names: Vec<String> = ["FS01", "10.0.0.5", "fs01.example.test", "fs01", "NAS"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            group_names(&names),
            vec![
                vec!["FS01".to_string(), "fs01.example.test".to_string()],
                vec!["10.0.0.5".to_string()],
                vec!["NAS".to_string()],
            ]
        );
    }

    #[test]
    fn a_group_is_read_by_its_dns_name_else_by_its_first_name() {
        let group = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            probe_name(&group(&["FS01", "10.0.0.5", "fs01.example.test"])),
            Some("fs01.example.test")
        );
        assert_eq!(probe_name(&group(&["10.0.0.5", "FS01"])), Some("10.0.0.5"));
        assert_eq!(probe_name(&[]), None);
    }
}
