//! Which names are one server, across many machines' reports. Pure: no name is resolved here
//! (the computer that runs `report` may not see the fleet's DNS, and the files say what their
//! machines saw).
//!
//! Two names are one server when (docs/windows.md#server-names):
//! - they are by the rule doctor applies on one client (`parse::server_names`: the same first
//!   DNS label, ignoring case: `FS01`, `fs01.example.test`);
//! - one client's doctor put them in one `servers[].names` group (there an address joins the
//!   name it resolved to on that client);
//! - a file server's own report names itself by both (`host.name`, `host.dns_name`).
//!
//! An address that no client grouped with a name stays a server of its own.

use std::collections::HashMap;

use crate::parse::server_names::{address, server_key};

/// Groups of names, joined as the reports say (union-find over [`server_key`]s).
#[derive(Debug, Default)]
pub(crate) struct NameGroups {
    index: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl NameGroups {
    fn id(&mut self, name: &str) -> usize {
        let key = server_key(name);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.index.insert(key, i);
        i
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// These names are one server.
    pub(crate) fn join<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let mut first = None;
        for name in names.into_iter().filter(|n| !n.trim().is_empty()) {
            let i = self.id(name);
            let r = self.root(i);
            match first {
                None => first = Some(r),
                Some(f) if f != r => self.parent[r] = f,
                Some(_) => {}
            }
        }
    }

    /// The server a name belongs to (a new one if it was never seen).
    pub(crate) fn server(&mut self, name: &str) -> usize {
        let i = self.id(name);
        self.root(i)
    }
}

/// The name to show for a server: a DNS name if one was seen (the most often seen, then the
/// first in order), else the most often seen name.
pub(crate) fn display_name(counts: &HashMap<String, u64>) -> String {
    let is_dns = |n: &str| n.contains('.') && address(n).is_none();
    let best = |dns: bool| {
        counts
            .iter()
            .filter(|(n, _)| is_dns(n) == dns)
            .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then_with(|| b.cmp(a)))
            .map(|(n, _)| n.clone())
    };
    best(true)
        .or_else(|| best(false))
        .unwrap_or_else(|| "?".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dns_and_grouped_address_are_one_server() {
        let mut groups = NameGroups::default();
        groups.join(["fs01.example.test", "10.0.0.5"]);
        let a = groups.server("FS01");
        assert_eq!(groups.server("fs01.example.test"), a);
        assert_eq!(groups.server("10.0.0.5"), a);
        assert_eq!(groups.server("fs01.other.test"), a, "first-label rule");
        assert_ne!(groups.server("FS02"), a);
        assert_ne!(groups.server("10.0.0.6"), a, "an address alone stays alone");
    }

    #[test]
    fn groups_joined_later_merge() {
        let mut groups = NameGroups::default();
        let a = groups.server("FS01");
        let b = groups.server("10.0.0.5");
        assert_ne!(a, b);
        groups.join(["10.0.0.5", "fs01.example.test"]);
        assert_eq!(groups.server("FS01"), groups.server("10.0.0.5"));
    }

    #[test]
    fn the_shown_name_prefers_a_dns_name() {
        let counts: HashMap<String, u64> = [
            ("FS01".to_string(), 9),
            ("fs01.example.test".to_string(), 1),
            ("10.0.0.5".to_string(), 3),
        ]
        .into();
        assert_eq!(display_name(&counts), "fs01.example.test");
        let counts: HashMap<String, u64> =
            [("FS01".to_string(), 1), ("fs01".to_string(), 2)].into();
        assert_eq!(display_name(&counts), "fs01");
    }
}
