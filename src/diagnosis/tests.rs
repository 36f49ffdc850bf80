use super::*;

fn local(running: i64, keepconn: Option<u32>) -> Readings {
    Readings {
        running_minutes: Some(running),
        registry_autodisconnect: Some(None),
        registry_v2: Some(None),
        keepconn: Some(keepconn),
        policy: Policy::Checked(None),
        ..Readings::default()
    }
}

fn the(d: &Diagnosis, needle: &str) -> Finding {
    d.findings
        .iter()
        .find(|f| f.message.contains(needle))
        .cloned()
        .unwrap_or_else(|| panic!("no finding with {needle:?}: {:#?}", d.findings))
}

#[test]
fn defaults_are_limited_by_the_client_by_the_legacy_rule() {
    // 15 minutes server, KeepConn absent = 600 s: the client ends it first.
    let d = diagnose(&local(15, None));
    assert_eq!(d.effective_idle_seconds, Some(600));
    assert_eq!(d.limited_by, Some(LimitedBy::Client));
    assert_eq!(d.keepconn_is_default, Some(true));
    let rule = the(&d, "KB 297684's rule");
    // Known from a third party's quotation of the article only.
    assert_eq!(rule.evidence, Evidence::Reported);
    assert_eq!(rule.fix.as_deref(), Some("lanman set keepconn 65535"));
    // ... and says that current clients may not use KeepConn at all.
    let unused = the(&d, "no longer use it");
    assert_eq!(unused.evidence, Evidence::Documented);
}

#[test]
fn server_shorter_suggests_the_kb_way_off_never_zero() {
    let d = diagnose(&local(5, Some(3600)));
    assert_eq!(
        (d.effective_idle_seconds, d.limited_by),
        (Some(300), Some(LimitedBy::Server))
    );
    let rule = the(&d, "KB 297684's rule");
    assert_eq!(rule.fix.as_deref(), Some("lanman set autodisconnect -1"));
    assert!(rule.message.contains("auto-tuning"), "{}", rule.message);
    assert!(!rule.message.contains(" 0 "), "{}", rule.message);
    assert!(
        rule.message.lines().all(|l| l.len() <= 200),
        "short lines: {}",
        rule.message
    );
}

#[test]
fn client_shorter() {
    let d = diagnose(&local(60, Some(1800)));
    assert_eq!(
        (d.effective_idle_seconds, d.limited_by),
        (Some(1800), Some(LimitedBy::Client))
    );
}

#[test]
fn server_off_leaves_the_client() {
    let d = diagnose(&local(-1, Some(7200)));
    assert_eq!(
        (d.effective_idle_seconds, d.limited_by),
        (Some(7200), Some(LimitedBy::Client))
    );
    assert_eq!(d.server_autodisconnect_minutes, Some(-1));
}

#[test]
fn keepconn_zero_is_left_out_without_contradiction() {
    let d = diagnose(&local(30, Some(0)));
    assert_eq!(
        (d.effective_idle_seconds, d.limited_by),
        (Some(1800), Some(LimitedBy::Server))
    );
    assert!(the(&d, "outside 1..65535").severity == Severity::Warning);
    let rule = the(&d, "KB 297684's rule");
    assert!(!rule.message.contains("KeepConn"), "{}", rule.message);
}

#[test]
fn neither_side_disconnects() {
    let d = diagnose(&local(-1, Some(0)));
    assert_eq!((d.effective_idle_seconds, d.limited_by), (None, None));
    the(&d, "neither side ends idle sessions");
}

#[test]
fn a_tie_names_the_server_and_fixes_both() {
    let d = diagnose(&local(10, Some(600)));
    assert_eq!(
        (d.effective_idle_seconds, d.limited_by),
        (Some(600), Some(LimitedBy::Server))
    );
    assert_eq!(
        the(&d, "KB 297684's rule").fix.as_deref(),
        Some("lanman set autodisconnect -1\nlanman set keepconn 65535")
    );
}

#[test]
fn zero_is_the_trap_and_its_fix_is_printed_once() {
    let d = diagnose(&local(0, None));
    assert_eq!(
        (d.effective_idle_seconds, d.limited_by),
        (Some(0), Some(LimitedBy::Server))
    );
    the(&d, "0 does not turn it off");
    let fixes: Vec<_> = d.findings.iter().filter_map(|f| f.fix.clone()).collect();
    let mut unique = fixes.clone();
    unique.dedup();
    assert_eq!(fixes.len(), unique.len(), "{fixes:?}");
    assert!(fixes.iter().all(|f| !f.contains("autodisconnect 0")));
}

#[test]
fn a_remote_servers_fix_runs_on_that_server() {
    let d = diagnose(&Readings {
        server: Some("FS01".to_string()),
        registry_autodisconnect: Some(Some(5)),
        registry_v2: Some(None),
        keepconn: Some(Some(3600)),
        policy: Policy::NotApplicable,
        ..Readings::default()
    });
    assert_eq!(d.server_autodisconnect_source, Some(Source::Registry));
    let rule = the(&d, "KB 297684's rule");
    assert_eq!(rule.fix.as_deref(), Some("lanman set autodisconnect -1"));
    assert_eq!(rule.run_on.as_deref(), Some("FS01"));
    assert!(!d.policy_checked);
    // No "this computer's autodisconnect" advice when the server is another computer.
    assert!(
        d.findings
            .iter()
            .all(|f| !f.message.contains("This computer's"))
    );
}

#[test]
fn registry_and_running_disagree() {
    let mut r = local(15, None);
    r.registry_autodisconnect = Some(Some(480));
    let d = diagnose(&r);
    assert_eq!(d.server_autodisconnect_minutes, Some(15));
    let f = the(&d, "registry holds autodisconnect = 480");
    assert!(f.message.contains("may apply only"), "{}", f.message);
}

#[test]
fn a_sixteen_bit_display_is_read_from_the_registry_and_said() {
    // Group Policy's 99999 shown by net.exe as 34463 (99999 - 65536).
    let mut r = local(34_463, Some(65_535));
    r.registry_autodisconnect = Some(Some(99_999));
    let d = diagnose(&r);
    assert_eq!(d.server_autodisconnect_minutes, Some(99_999));
    assert_eq!(d.server_autodisconnect_source, Some(Source::Registry));
    let f = the(&d, "modulo 65536");
    assert_eq!(f.evidence, Evidence::Reported);
    assert!(
        d.findings
            .iter()
            .all(|f| !f.message.contains("The registry holds"))
    );
    the(&d, "about 69.4 days");
}

#[test]
fn group_policy_owns_the_value_and_no_local_fix_is_offered() {
    let mut r = local(5, Some(65_535));
    r.policy = Policy::Checked(Some(5));
    let d = diagnose(&r);
    assert!(d.policy_checked);
    assert_eq!(d.policy_autodisconnect_minutes, Some(5));
    let f = the(&d, "Group Policy sets autodisconnect to 5 minutes");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        d.findings
            .iter()
            .all(|f| f.fix.as_deref() != Some("lanman set autodisconnect -1")),
        "{:#?}",
        d.findings
    );
}

#[test]
fn policy_not_checked_is_said_not_failed() {
    let mut r = local(15, None);
    r.policy = Policy::NotChecked("`secedit /export` failed (exit status 1)".to_string());
    let d = diagnose(&r);
    assert!(!d.policy_checked);
    assert_eq!(d.policy_autodisconnect_minutes, None);
    the(&d, "Group Policy was not checked");
}

#[test]
fn the_smb2_value_is_shown_on_builds_that_have_it() {
    let mut r = local(-1, Some(65_535));
    r.registry_v2 = Some(Some(900));
    r.os = Some(OsVersion {
        build: Some(26_100),
        ..OsVersion::default()
    });
    let d = diagnose(&r);
    assert_eq!(d.server_autodisconnect_v2_seconds, Some(900));
    let f = the(&d, "AutoDisconnectTimeoutV2 = 900 s (15 minutes)");
    assert_eq!(f.evidence, Evidence::Reported);
    assert!(
        f.message
            .contains("-1 is not known to keep SMB2/3 sessions open")
    );
}

#[test]
fn a_new_build_without_the_value_still_says_smb2_is_apart() {
    let mut r = local(-1, None);
    r.os = Some(OsVersion {
        build: Some(26_100),
        ..OsVersion::default()
    });
    let d = diagnose(&r);
    the(&d, "runs build 26100");
}

#[test]
fn an_older_build_without_the_value_says_nothing_about_smb2() {
    let mut r = local(15, None);
    r.os = Some(OsVersion {
        build: Some(19_045),
        ..OsVersion::default()
    });
    let d = diagnose(&r);
    assert!(
        d.findings.iter().all(|f| !f.message.contains("SMB2/3")),
        "{:#?}",
        d.findings
    );
}

#[test]
fn unread_sides_give_no_answer_and_no_finding_about_limits() {
    // A failed probe is the command's error (printed once, on stderr), not a finding.
    let d = diagnose(&Readings {
        keepconn: Some(None),
        ..Readings::default()
    });
    assert_eq!((d.effective_idle_seconds, d.limited_by), (None, None));
    assert!(d.findings.iter().all(|f| !f.message.contains("rule")));
}

#[test]
fn other_idle_values_are_pointed_out() {
    let mut r = local(15, None);
    r.other_server_values = vec![(
        "AutoDisconnectTimeoutInMinutesV1".into(),
        "REG_DWORD".into(),
        "0xf".into(),
    )];
    let d = diagnose(&r);
    the(&d, "AutoDisconnectTimeoutInMinutesV1 = 0xf");
}

#[test]
fn durations_read_well() {
    assert_eq!(duration(600), "600 s (10 minutes)");
    assert_eq!(duration(60), "60 s (1 minute)");
    assert_eq!(duration(3600), "3600 s (1 hour)");
    assert_eq!(duration(65_535), "65535 s (about 18.2 hours)");
    assert_eq!(duration(90), "90 s (about 1.5 minutes)");
    assert_eq!(duration(45), "45 s");
    assert_eq!(duration(0), "a few seconds (0)");
    assert_eq!(minutes(99_999), "99999 minutes (about 69.4 days)");
    assert_eq!(minutes(-1), "off (-1)");
}

#[test]
fn every_finding_says_how_sure_it_is_and_what_it_rests_on() {
    let mut r = local(0, Some(0));
    r.registry_autodisconnect = Some(Some(480));
    r.registry_v2 = Some(Some(900));
    r.policy = Policy::NotChecked("x".into());
    let d = diagnose(&r);
    assert!(d.findings.len() >= 5);
    for f in &d.findings {
        assert!(f.source.is_some(), "{f:?}");
    }
}
