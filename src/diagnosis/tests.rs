//! The reasoning, without a machine: which value governs a session, and how sure.

use super::drives::server_limit;
use super::*;
use crate::parse::host::HostIdentity;
use crate::parse::server_idle::ServerIdle;

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

/// A client with no drive, whose elevation and linked connections are as given.
fn client_readings(elevated: Option<bool>, linked: Option<bool>) -> Readings {
    Readings {
        computer: None,
        asked: None,
        host: HostIdentity::default(),
        server: ServerReadings {
            name: None,
            service: Service::Running(15),
            values: Ok(ServerIdle {
                parameters_key: true,
                ..ServerIdle::default()
            }),
            policy: Policy::Checked(None),
            mdm_minutes: None,
            shares: Some(Vec::new()),
        },
        client: Some(ClientReadings {
            keepconn: Some(None),
            elevated,
            linked_connections: linked,
            ..ClientReadings::default()
        }),
        servers: Vec::new(),
        drives: Some(Vec::new()),
        dialects_unread: None,
        events: None,
        server_statistics: None,
    }
}

#[test]
fn an_elevated_run_says_whose_drives_it_lists_and_does_not_recommend_linking() {
    let d = diagnose(&client_readings(Some(true), Some(false)));
    let f = d
        .findings
        .iter()
        .find(|f| f.message.starts_with("lanman runs elevated"))
        .expect("an elevation finding");
    assert!(
        f.message
            .contains("EnableLinkedConnections is not set here")
    );
    assert!(f.message.contains("does not recommend it"));
    assert_eq!(f.fix, None);
    let linked = diagnose(&client_readings(Some(true), Some(true)));
    assert!(
        linked
            .findings
            .iter()
            .any(|f| f.message.contains("EnableLinkedConnections is 1 here"))
    );
    // Not elevated, or not known: nothing said.
    for elevated in [Some(false), None] {
        let d = diagnose(&client_readings(elevated, Some(false)));
        assert!(!d.findings.iter().any(|f| f.message.contains("elevated")));
    }
}

#[test]
fn only_administrative_shares_and_no_drive_offer_no_fix() {
    let d = diagnose(&client_readings(None, None));
    assert_eq!(d.server.shares_folders, Some(false));
    assert!(
        d.findings.iter().all(|f| f.fix.is_none()),
        "{:#?}",
        d.findings
    );
}
