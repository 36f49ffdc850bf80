//! Derived variants of every recording (never written back): line endings, blank lines,
//! indentation, collapsed spaces, prompts, `¥`, no-break spaces, TABs. Where the variant
//! keeps the information, both readers must give exactly the original result; where it
//! loses some (collapsed spaces, TABs off their stops), every row that differs must carry a
//! warning, and no new kind of warning may appear.

use crate::common;

use common::*;
use lanman::parse::{
    ListError, ListWarning, NetShare, NetUse, ParsedList, parse_net_share, parse_net_use,
};

type UseResult = Result<ParsedList<NetUse>, ListError>;
type ShareResult = Result<ParsedList<NetShare>, ListError>;

fn both(text: &str) -> (UseResult, ShareResult) {
    (parse_net_use(text), parse_net_share(text))
}

/// Same lists, same warning kinds (lines move), same refusals.
fn assert_same(file: &str, variant: &str, original: &(UseResult, ShareResult), text: &str) {
    let (u, s) = both(text);
    match (&original.0, &u) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.list, b.list, "{file} {variant}: use list");
            assert_eq!(
                kind_names(&a.warnings),
                kind_names(&b.warnings),
                "{file} {variant}"
            );
            assert_eq!(a.language, b.language, "{file} {variant}");
        }
        (a, b) => assert_eq!(a.as_ref().err(), b.as_ref().err(), "{file} {variant}: use"),
    }
    match (&original.1, &s) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.list, b.list, "{file} {variant}: share list");
            assert_eq!(
                kind_names(&a.warnings),
                kind_names(&b.warnings),
                "{file} {variant}"
            );
            assert_eq!(a.language, b.language, "{file} {variant}");
        }
        (a, b) => assert_eq!(
            a.as_ref().err(),
            b.as_ref().err(),
            "{file} {variant}: share"
        ),
    }
}

fn doubt(w: &ListWarning) -> Option<&str> {
    match w {
        ListWarning::AmbiguousSplit { text, .. }
        | ListWarning::UncertainContinuation { text, .. } => Some(text),
        _ => None,
    }
}

/// Same refusals; same row count; a differing row is named by a doubt warning; any new
/// warning is a doubt.
fn assert_weaker(file: &str, variant: &str, original: &(UseResult, ShareResult), text: &str) {
    let (u, s) = both(text);
    let check_warnings = |a: &[ListWarning], b: &[ListWarning]| {
        let before = kind_names(a);
        for w in b {
            assert!(
                doubt(w).is_some() || before.contains(&common::kind(w).0),
                "{file} {variant}: new warning {w}"
            );
        }
    };
    match (&original.0, &u) {
        (Ok(a), Ok(b)) => {
            assert_eq!(
                a.list.connections.len(),
                b.list.connections.len(),
                "{file} {variant}"
            );
            assert_eq!(a.list.remembered, b.list.remembered, "{file} {variant}");
            for (x, y) in a.list.connections.iter().zip(&b.list.connections) {
                if x != y {
                    assert!(
                        b.warnings
                            .iter()
                            .filter_map(doubt)
                            .any(|t| t.contains(y.remote.as_str())),
                        "{file} {variant}: {y:?} differs from {x:?} without a warning"
                    );
                }
            }
            check_warnings(&a.warnings, &b.warnings);
        }
        (a, b) => assert_eq!(a.as_ref().err(), b.as_ref().err(), "{file} {variant}: use"),
    }
    match (&original.1, &s) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.list.shares.len(), b.list.shares.len(), "{file} {variant}");
            for (x, y) in a.list.shares.iter().zip(&b.list.shares) {
                assert_eq!(x.name, y.name, "{file} {variant}: a name is never lost");
                if x != y {
                    assert!(
                        b.warnings
                            .iter()
                            .filter_map(doubt)
                            .any(|t| t.starts_with(y.name.as_str())),
                        "{file} {variant}: {y:?} differs from {x:?} without a warning"
                    );
                }
            }
            check_warnings(&a.warnings, &b.warnings);
        }
        (a, b) => assert_eq!(
            a.as_ref().err(),
            b.as_ref().err(),
            "{file} {variant}: share"
        ),
    }
}

fn for_each_recording(check: impl Fn(&str, &(UseResult, ShareResult), &str)) {
    for file in recordings() {
        let text = fixture(&file);
        let original = both(&text);
        check(&file, &original, &text);
    }
}

#[test]
fn crlf_line_endings_change_nothing() {
    for_each_recording(|file, original, text| assert_same(file, "crlf", original, &crlf(text)));
}

#[test]
fn lone_cr_line_endings_change_nothing() {
    for_each_recording(|file, original, text| {
        assert_same(file, "cr", original, &text.replace('\n', "\r"));
    });
}

#[test]
fn doubled_blank_lines_change_nothing() {
    for_each_recording(|file, original, text| {
        assert_same(file, "double blank", original, &double_blank_lines(text));
    });
}

#[test]
fn blank_line_between_every_line_changes_nothing() {
    for_each_recording(|file, original, text| {
        assert_same(file, "blank between", original, &blank_between(text));
    });
}

#[test]
fn stripped_indentation_changes_nothing() {
    // The wrapped provider (use-en-1, use-de-2) and the wrapped remark (share-en-1,
    // share-zh-2) lose their indentation and are still attached to their rows.
    for_each_recording(|file, original, text| {
        assert_same(file, "strip", original, &strip_leading(text));
    });
}

#[test]
fn prompt_line_above_changes_nothing() {
    for_each_recording(|file, original, text| {
        let command = if file.starts_with("share") {
            "net share"
        } else {
            "net use"
        };
        assert_same(file, "prompt", original, &with_prompt(text, command));
        assert_same(file, "ps prompt", original, &with_ps_prompt(text, command));
    });
}

#[test]
fn yen_for_backslash_changes_nothing() {
    for_each_recording(|file, original, text| assert_same(file, "yen", original, &yen(text)));
}

#[test]
fn no_break_spaces_read_as_spaces() {
    for_each_recording(|file, original, text| {
        assert_same(file, "nbsp", original, &text.replace(' ', "\u{a0}"));
    });
}

#[test]
fn tabs_at_eight_column_stops_change_nothing() {
    for_each_recording(|file, original, text| {
        assert_same(file, "unexpand", original, &unexpand(text));
    });
}

#[test]
fn faithful_variants_combined_change_nothing() {
    for_each_recording(|file, original, text| {
        let all = crlf(&with_prompt(
            &blank_between(&strip_leading(&yen(text))),
            "net use",
        ));
        assert_same(file, "combined", original, &all);
    });
}

#[test]
fn collapsed_spaces_give_the_same_rows_or_a_warning() {
    for_each_recording(|file, original, text| {
        assert_weaker(file, "collapse", original, &collapse_spaces(text));
        assert_weaker(
            file,
            "collapse+strip",
            original,
            &collapse_spaces(&strip_leading(text)),
        );
        assert_weaker(
            file,
            "collapse+strip+blank+crlf",
            original,
            &crlf(&blank_between(&collapse_spaces(&strip_leading(text)))),
        );
    });
}

#[test]
fn tabs_off_their_stops_give_the_same_rows_or_a_warning() {
    for_each_recording(|file, original, text| {
        assert_weaker(file, "tabs", original, &text.replace("        ", "\t"));
    });
}

#[test]
fn collapsed_net_use_rows_keep_every_field_through_known_provider_names() {
    // Nothing is lost in a collapsed `net use` table whose providers are known: the remote
    // ends where the provider name begins.
    for file in [
        "use-en-1.txt",
        "use-en-2.txt",
        "use-en-7.txt",
        "use-zh-3.txt",
        "use-pt-1.txt",
    ] {
        let text = fixture(file);
        let a = parse_net_use(&text).unwrap();
        let b = parse_net_use(&collapse_spaces(&strip_leading(&text))).unwrap();
        assert_eq!(a.list, b.list, "{file}");
        assert!(b.warnings.is_empty(), "{file}: {:?}", b.warnings);
    }
}

#[test]
fn collapsed_share_resource_with_space_is_flagged_not_silently_split() {
    let text = collapse_spaces(&fixture("share-en-2.txt"));
    let p = parse_net_share(&text).unwrap();
    let internal = &p.list.shares[3];
    assert_eq!(internal.name, "Internal");
    assert_eq!(
        kinds(&p.warnings),
        vec![("AmbiguousSplit", 8)],
        "the row whose resource and remark cannot be told apart"
    );
    // The default shares are split by their known remarks, without doubt.
    assert_eq!(p.list.shares[1].remark, "Remote IPC");
    assert_eq!(p.list.shares[1].resource, None);
}

#[test]
fn uniform_indentation_by_tab_or_spaces_changes_nothing() {
    // Markdown code blocks indent every line; some pastes keep that indentation.
    for_each_recording(|file, original, text| {
        for indent in ["\t", "    "] {
            let indented: String = text
                .split('\n')
                .map(|line| {
                    if line.is_empty() {
                        String::new()
                    } else {
                        format!("{indent}{line}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            assert_same(file, "indented", original, &indented);
        }
    });
}
