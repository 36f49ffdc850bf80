//! The reasoning, without a machine: which value governs a session, and how sure.

use super::drives::server_limit;
use super::*;

#[test]
fn before_the_split_autodisconnect_governs_and_is_documented() {
    let l = server_limit(Some(60), None, Some(20348), None).unwrap();
    assert_eq!(l.seconds, Some(3600));
    assert_eq!(l.by, LimitedBy::ServerAutodisconnect);
    assert_eq!(l.evidence, Evidence::Documented);
    let off = server_limit(Some(-1), None, Some(20348), None).unwrap();
    assert!(off.never);
    assert_eq!(off.seconds, None);
}

#[test]
fn on_a_split_build_the_v2_value_governs_smb2_and_is_reported() {
    let l = server_limit(Some(60), Some(900), Some(26100), None).unwrap();
    assert_eq!(
        (l.seconds, l.by),
        (Some(900), LimitedBy::ServerAutodisconnectV2)
    );
    assert_eq!(l.evidence, Evidence::Reported);
    // Above the reported cap: counted as 900.
    let capped = server_limit(Some(-1), Some(3600), Some(26100), None).unwrap();
    assert_eq!(capped.seconds, Some(900));
    // Absent on a 26100 build: governed by it, value not known.
    let absent = server_limit(Some(15), None, Some(26100), None).unwrap();
    assert_eq!((absent.seconds, absent.never), (None, false));
    assert_eq!(absent.evidence, Evidence::Inferred);
    // 0: meaning not documented, no limit stated.
    assert_eq!(
        server_limit(Some(15), Some(0), Some(26100), None)
            .unwrap()
            .seconds,
        None
    );
    // An SMB1 session still follows autodisconnect.
    let smb1 = server_limit(Some(15), Some(900), Some(26100), Some(true)).unwrap();
    assert_eq!(
        (smb1.seconds, smb1.by),
        (Some(900), LimitedBy::ServerAutodisconnect)
    );
}

#[test]
fn kb_297684_applies_to_windows_7_sp1_through_server_2012_r2_only() {
    assert!(kb297684_applies(Some(7601)));
    assert!(kb297684_applies(Some(9600)));
    assert!(!kb297684_applies(Some(19045)));
    assert!(!kb297684_applies(Some(7600)));
    assert!(!kb297684_applies(None));
}

#[test]
fn durations_and_minutes_read_as_a_person_reads_them() {
    assert_eq!(duration(600), "600 s (10 minutes)");
    assert_eq!(duration(65535), "65535 s (about 18.2 hours)");
    assert_eq!(minutes(-1), "off (-1)");
    assert_eq!(minutes(99999), "99999 minutes (about 69.4 days)");
}
