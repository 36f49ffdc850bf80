//! The few fixed line shapes of `net config` output, matched by hand.
//!
//! Each function is the exact equivalent of the regular expression in its doc comment (the
//! tests check them against the `regex` crate on generated lines). They are written out because
//! `lanman get autodisconnect` runs at every boot and logon: compiling those expressions, whose
//! Unicode classes (`\s`, `\S`, `.`) make the regex compiler build UTF-8 automata, cost about
//! 0.7 ms of its start-up, more than everything else lanman does around net.exe
//! (BENCHMARKS.md). Error texts and `reg query` lines keep their regexes: those are compiled
//! only on the paths that need them.

/// `^\s*(?:PS\s+)?[A-Za-z]:[^>]*>`: a console prompt, `C:\>net config server`,
/// `PS C:\> net config workstation`, `C:\Users\me\Desktop>`.
pub(crate) fn is_prompt(line: &str) -> bool {
    let start = line.trim_start();
    drive_prompt(start)
        || start
            .strip_prefix("PS")
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .is_some_and(|rest| drive_prompt(rest.trim_start()))
}

/// `[A-Za-z]:[^>]*>` at the start of `text`.
fn drive_prompt(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && text[2..].contains('>')
}

/// The first line of an output: net.exe's `"%-*.*ws\\\\%Fws"`, a padded label and `\\NAME`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Anchor<'a> {
    pub(crate) indent: &'a str,
    pub(crate) label: &'a str,
    /// With its `\\`.
    pub(crate) name: &'a str,
    pub(crate) rest: &'a str,
}

/// `^(?P<indent>[ \t]*)(?P<label>\S.*?)[ \t]+(?P<name>\\\\[^\s\\]+)(?P<rest>.*)$` (lines hold
/// no `\n`).
pub(crate) fn anchor(line: &str) -> Option<Anchor<'_>> {
    if line.contains('\n') {
        return None;
    }
    let label_start = line.len() - line.trim_start_matches([' ', '\t']).len();
    let first = line[label_start..].chars().next()?;
    if first.is_whitespace() {
        return None;
    }
    // The label is as short as it can be: the first run of blanks followed by `\\NAME` ends it.
    let mut from = label_start + first.len_utf8();
    while let Some(offset) = line[from..].find([' ', '\t']) {
        let label_end = from + offset;
        let after_blanks = line[label_end..].trim_start_matches([' ', '\t']);
        let name_start = line.len() - after_blanks.len();
        if let Some(after_slashes) = after_blanks.strip_prefix("\\\\") {
            let name_len = after_slashes
                .find(|c: char| c.is_whitespace() || c == '\\')
                .unwrap_or(after_slashes.len());
            if name_len > 0 {
                let name_end = name_start + 2 + name_len;
                return Some(Anchor {
                    indent: &line[..label_start],
                    label: &line[label_start..label_end],
                    name: &line[name_start..name_end],
                    rest: &line[name_end..],
                });
            }
        }
        // Not here, nor anywhere else in this run of blanks (the same text follows each
        // position of it): the next candidate is the next run. Jumping keeps this linear.
        from = name_start;
        if from >= line.len() {
            break;
        }
    }
    None
}

/// `^(?P<name>[^\s()]+)\s*\((?P<address>[^()]*)\)$`: a transport line, `NetbiosSmb (ADDRESS)`.
/// Returns the name and the address (untrimmed).
pub(crate) fn transport(text: &str) -> Option<(&str, &str)> {
    let (name, address, rest) = transport_at(text)?;
    rest.is_empty().then_some((name, address))
}

/// `(?P<name>[^\s()]+)\s*\((?P<address>[^()]*)\)`, every match from left to right: transports
/// run together on one line (a one-line paste, NT 4.0's `active on:` line).
pub(crate) fn transports_in(text: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    loop {
        // A match starts at the start of a run of name characters; if it fails there, it fails
        // at every later start in the same run (the run is followed by the same text).
        let Some(start) = rest.find(is_name_char) else {
            return found;
        };
        rest = &rest[start..];
        match transport_at(rest) {
            Some((name, address, after)) => {
                found.push((name, address));
                rest = after;
            }
            None => {
                let run = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
                rest = &rest[run..];
            }
        }
    }
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace() && c != '(' && c != ')'
}

/// `[^\s()]+\s*\([^()]*\)` at the start of `text`: (name, address, the text after it).
fn transport_at(text: &str) -> Option<(&str, &str, &str)> {
    let name_len = text.find(|c: char| !is_name_char(c)).unwrap_or(text.len());
    if name_len == 0 {
        return None;
    }
    let after_name = text[name_len..].trim_start();
    let inner = after_name.strip_prefix('(')?;
    let close = inner.find(['(', ')'])?;
    let rest = inner[close..].strip_prefix(')')?;
    Some((&text[..name_len], &inner[..close], rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    fn regex(pattern: &str) -> Regex {
        Regex::new(pattern).unwrap()
    }

    /// Lines made of the characters these shapes turn on, and some others.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ \t\\\\()>:A-Za-z0-9_.-]{0,40}",
            "[ \t\\\\()>:Pa\u{3000}服务器\u{a0}S]{0,30}",
            "\\PC{0,30}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn prompt_is_the_regex(text in line()) {
            let re = regex(r"^\s*(?:PS\s+)?[A-Za-z]:[^>]*>");
            prop_assert_eq!(is_prompt(&text), re.is_match(&text));
        }

        #[test]
        fn anchor_is_the_regex(text in line()) {
            let re = regex(r"^(?P<indent>[ \t]*)(?P<label>\S.*?)[ \t]+(?P<name>\\\\[^\s\\]+)(?P<rest>.*)$");
            let want = re.captures(&text).map(|c| Anchor {
                indent: c.name("indent").unwrap().as_str(),
                label: c.name("label").unwrap().as_str(),
                name: c.name("name").unwrap().as_str(),
                rest: c.name("rest").unwrap().as_str(),
            });
            prop_assert_eq!(anchor(&text), want);
        }

        #[test]
        fn transport_is_the_regex(text in line()) {
            let re = regex(r"^(?P<name>[^\s()]+)\s*\((?P<address>[^()]*)\)$");
            let want = re.captures(&text).map(|c| (c.name("name").unwrap().as_str(), c.name("address").unwrap().as_str()));
            prop_assert_eq!(transport(&text), want);
        }

        #[test]
        fn transports_in_is_the_regex(text in line()) {
            let re = regex(r"(?P<name>[^\s()]+)\s*\((?P<address>[^()]*)\)");
            let want: Vec<_> = re.captures_iter(&text).map(|c| (c.name("name").unwrap().as_str(), c.name("address").unwrap().as_str())).collect();
            prop_assert_eq!(transports_in(&text), want);
        }
    }

    #[test]
    fn recorded_shapes() {
        let a = anchor("  Server Name                           \\\\DESKTOP-8GB0J2A").unwrap();
        assert_eq!(
            (a.indent, a.label, a.name, a.rest),
            ("  ", "Server Name", "\\\\DESKTOP-8GB0J2A", "")
        );
        let a = anchor("计算机名                     \\\\WIN-1 User name x").unwrap();
        assert_eq!(
            (a.label, a.name, a.rest),
            ("计算机名", "\\\\WIN-1", " User name x")
        );
        assert_eq!(anchor("Server Name  \\\\"), None);
        assert_eq!(
            transport("NetBT_Tcpip_{EF22887A} (DESKTOP-8GB0J2A)"),
            Some(("NetBT_Tcpip_{EF22887A}", "DESKTOP-8GB0J2A"))
        );
        assert_eq!(
            transports_in("NetBT_IBMTOK1 (00C04FC9F170)  NetBT_E100B1 (00A0C9E9F6E2)"),
            vec![
                ("NetBT_IBMTOK1", "00C04FC9F170"),
                ("NetBT_E100B1", "00A0C9E9F6E2")
            ]
        );
        assert!(is_prompt("PS C:\\> net config server"));
        assert!(!is_prompt("PS: C"));
    }
}
