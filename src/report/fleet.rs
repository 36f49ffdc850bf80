//! The fleet: each input folded into a small record as it is read (the file's text is dropped
//! right after), then one report over all records. Pure.
//!
//! Nothing is recomputed: idle limits are the drives' `effective_idle_seconds` and the
//! servers' `idle_limit_seconds` as doctor concluded them on each machine, and fixes are
//! doctor's `fix` with its `run_on`, as written.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde::Serialize;

use super::input::{DoctorReport, DriveDrops, FindingDoc, WatchKind, WatchLog, add_drops, widen};
use super::names::{NameGroups, display_name};
use super::{SkipReason, Skipped, Span};
use crate::parse::server_names::server_key;

/// A file server as one client read it, with that client's drives on it.
#[derive(Clone, Debug)]
struct Seen {
    names: Vec<String>,
    kind: Option<String>,
    build: Option<u32>,
    autodisconnect_minutes: Option<i64>,
    v2: Option<u32>,
    /// Why it could not be read (`access_denied` …).
    error: Option<String>,
    drives: u32,
    /// The shortest and longest idle limit of this client's drives that the server sets.
    limits: Option<[u64; 2]>,
    /// A drive on it has no idle limit (autodisconnect off).
    never: bool,
}

/// A fix as doctor gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fix {
    fix: String,
    /// `None`: the computer that ran doctor.
    run_on: Option<String>,
    /// The other file server it is for (a client's report); `None` in a server's own report.
    server: Option<String>,
    evidence: Option<String>,
    source: Option<String>,
}

/// A file server's own report (doctor run on it, or `doctor --computer` it).
#[derive(Clone, Debug)]
struct Own {
    names: Vec<String>,
    file: String,
    generated_at: String,
    /// The computer that ran doctor: itself, or the one that read it with `--computer`.
    read_by: String,
    kind: Option<String>,
    build: Option<u32>,
    autodisconnect_minutes: Option<i64>,
    autodisconnect_source: Option<String>,
    v2: Option<u32>,
    policy_checked: Option<bool>,
    policy_minutes: Option<u32>,
    mdm_minutes: Option<u32>,
    idle_limit_seconds: Option<u64>,
    limited_by: Option<String>,
    error: Option<String>,
    fixes: Vec<Fix>,
}

/// What the report keeps of one doctor report.
#[derive(Clone, Debug)]
struct Record {
    file: String,
    name: String,
    dns_name: Option<String>,
    time: Timestamp,
    generated_at: String,
    build: Option<u32>,
    keepconn_seconds: Option<u32>,
    elevated: Option<bool>,
    /// Ran as a client (not `--computer`).
    client: bool,
    seen: Vec<Seen>,
    flagged: Vec<FlaggedDrive>,
    problems: Vec<Problem>,
    /// Fixes to run on other computers.
    remote_fixes: Vec<Fix>,
    own: Option<Own>,
    error: Option<String>,
}

/// A drive a client should hear about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct FlaggedDrive {
    pub(crate) local: Option<String>,
    pub(crate) remote: String,
    pub(crate) file_server: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) effective_idle_seconds: Option<u64>,
    pub(crate) limited_by: Option<String>,
    /// doctor's headline cause.
    pub(crate) cause: Option<String>,
    /// `below`, `disconnected`, `unavailable`.
    pub(crate) reasons: Vec<&'static str>,
}

/// A problem of a client's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Problem {
    /// `elevated`, `keepconn`, `group_policy_replace`, `doctor_error`.
    pub(crate) problem: &'static str,
    pub(crate) message: String,
    pub(crate) fix: Option<String>,
    pub(crate) run_on: Option<String>,
}

/// One way clients saw a server's values, and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Reading {
    pub(crate) autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
    pub(crate) build: Option<u32>,
    pub(crate) clients: u64,
}

/// Clients that could not read a server, by why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Unread {
    pub(crate) kind: String,
    pub(crate) clients: u64,
}

/// A server's own report, in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct OwnRow {
    pub(crate) file: String,
    pub(crate) generated_at: String,
    pub(crate) read_by: String,
    pub(crate) build: Option<u32>,
    pub(crate) autodisconnect_minutes: Option<i64>,
    pub(crate) autodisconnect_source: Option<String>,
    pub(crate) autodisconnect_v2_seconds: Option<u32>,
    pub(crate) policy_checked: Option<bool>,
    pub(crate) policy_autodisconnect_minutes: Option<u32>,
    pub(crate) mdm_autodisconnect_minutes: Option<u32>,
    pub(crate) idle_limit_seconds: Option<u64>,
    pub(crate) limited_by: Option<String>,
    pub(crate) error: Option<String>,
}

/// A fix for a server, as doctor wrote it, and who gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct FixRow {
    pub(crate) fix: String,
    pub(crate) run_on: String,
    pub(crate) evidence: Option<String>,
    pub(crate) source: Option<String>,
    /// The server's own report gave it (doctor on it, or `--computer` it).
    pub(crate) from_itself: bool,
    /// How many clients' reports gave it.
    pub(crate) client_reports: u64,
}

/// One file server of the fleet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ServerRow {
    pub(crate) name: String,
    pub(crate) names: Vec<String>,
    pub(crate) clients: u64,
    pub(crate) drives: u64,
    pub(crate) kind: Option<String>,
    pub(crate) builds: Vec<u32>,
    pub(crate) readings: Vec<Reading>,
    pub(crate) unread: Vec<Unread>,
    pub(crate) readings_disagree: bool,
    pub(crate) own: Option<OwnRow>,
    pub(crate) idle_limit_seconds: Option<u64>,
    pub(crate) idle_limit_longest_seconds: Option<u64>,
    pub(crate) never: bool,
    pub(crate) measured_idle_seconds: Option<[u64; 2]>,
    pub(crate) measured_sessions: u64,
    pub(crate) watch_logs: Vec<String>,
    pub(crate) fixes: Vec<FixRow>,
}

/// A drive's drops that a client's watch log saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct WentRed {
    pub(crate) drive: String,
    pub(crate) to: String,
    pub(crate) count: u64,
}

/// One client with something to report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ClientRow {
    pub(crate) name: String,
    pub(crate) dns_name: Option<String>,
    pub(crate) file: Option<String>,
    pub(crate) generated_at: Option<String>,
    pub(crate) build: Option<u32>,
    pub(crate) keepconn_seconds: Option<u32>,
    pub(crate) elevated: Option<bool>,
    pub(crate) drives: Vec<FlaggedDrive>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) went_red: Vec<WentRed>,
    pub(crate) error: Option<String>,
}

/// What was read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    pub(crate) files: u64,
    pub(crate) doctor_reports: u64,
    pub(crate) watch_logs: u64,
    pub(crate) skipped: u64,
    pub(crate) clients: u64,
    pub(crate) clients_without_problems: u64,
    pub(crate) servers: u64,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Report {
    pub(crate) below_seconds: u64,
    pub(crate) max_age_seconds: Option<u64>,
    pub(crate) counts: Counts,
    pub(crate) servers: Vec<ServerRow>,
    pub(crate) clients: Vec<ClientRow>,
    pub(crate) skipped: Vec<Skipped>,
}

/// A sessions watch log, by the server it ran on.
#[derive(Clone, Debug)]
struct Measured {
    names: Vec<String>,
    file: String,
    seconds: Option<[u64; 2]>,
    sessions: u64,
}

/// The reports folded so far.
#[derive(Debug, Default)]
pub(crate) struct Fleet {
    below: u64,
    max_age: Option<u64>,
    /// By computer (and `--computer` target): the newest report.
    records: HashMap<(String, Option<String>), Record>,
    measured: Vec<Measured>,
    /// Drives logs by client name key.
    drops: HashMap<String, (String, Vec<DriveDrops>)>,
    skipped: Vec<Skipped>,
    files: u64,
    doctor_reports: u64,
    watch_logs: u64,
}

/// Whether a doctor finding is about a file server's settings (`Some(server)`, `None` inside
/// for the computer that ran doctor) rather than that computer as a client: its
/// `about` (README "doctor"). A report from a doctor before `about` says it only through the
/// fix's command (a server's idle value, or else this client's KeepConn) and where it runs.
fn server_side(finding: &FindingDoc, fix: &str) -> Option<Option<String>> {
    match &finding.about {
        Some(about) => (about.side.as_deref() == Some("server")).then(|| about.server.clone()),
        None => (fix.contains("autodisconnect") || fix.contains("Set-SmbServerConfiguration"))
            .then(|| finding.run_on.clone()),
    }
}

fn is_server_limit(limited_by: Option<&str>) -> bool {
    matches!(
        limited_by,
        Some("server_autodisconnect" | "server_autodisconnect_v2")
    )
}

impl Fleet {
    pub(crate) fn new(below: Span, max_age: Option<Span>) -> Fleet {
        Fleet {
            below: below.0,
            max_age: max_age.map(|s| s.0),
            ..Fleet::default()
        }
    }

    /// A file was not read.
    pub(crate) fn skip(&mut self, skipped: Skipped) {
        self.files += 1;
        self.skipped.push(skipped);
    }

    /// Fold one doctor report. `file` names it; `stem` names the computer when the report
    /// does not.
    pub(crate) fn doctor(&mut self, file: &str, stem: &str, report: DoctorReport) {
        self.files += 1;
        self.doctor_reports += 1;
        let record = self.record(file, stem, report);
        let key = (
            server_key(&record.name),
            record
                .own
                .as_ref()
                .filter(|_| !record.client)
                .and_then(|o| o.names.first())
                .map(|n| server_key(n)),
        );
        // The newest wins; between two of one time, the first file by name (so the result
        // does not depend on the order files were read in).
        let (kept, dropped) = match self.records.remove(&key) {
            Some(old)
                if (old.time, std::cmp::Reverse(&old.file))
                    > (record.time, std::cmp::Reverse(&record.file)) =>
            {
                (old, record)
            }
            Some(old) => (record, old),
            None => {
                self.records.insert(key, record);
                return;
            }
        };
        self.skipped.push(Skipped {
            file: dropped.file.clone(),
            reason: SkipReason::Superseded,
            message: format!(
                "a report of {} of {}; {} is of {} (the newest is read; of two as new, the first by name)",
                dropped.name, dropped.generated_at, kept.file, kept.generated_at
            ),
        });
        self.doctor_reports -= 1;
        self.records.insert(key, kept);
    }

    fn record(&self, file: &str, stem: &str, d: DoctorReport) -> Record {
        let name = d
            .host
            .name
            .clone()
            .or_else(|| d.host.dns_name.clone())
            .unwrap_or_else(|| stem.to_string());
        let drives = d.drives.unwrap_or_default();
        // Each server this client read, with its drives' limits.
        let mut seen: Vec<Seen> = d
            .servers
            .iter()
            .map(|s| {
                let mut names = vec![s.name.clone()];
                names.extend(s.names.iter().cloned());
                names.retain(|n| !n.trim().is_empty());
                names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
                Seen {
                    names,
                    kind: s.kind.clone(),
                    build: s.os.as_ref().and_then(|o| o.build),
                    autodisconnect_minutes: s.autodisconnect_minutes,
                    v2: s.autodisconnect_v2_seconds,
                    error: s
                        .error
                        .as_ref()
                        .map(|e| e.kind.clone().unwrap_or_else(|| "other".to_string())),
                    drives: 0,
                    limits: None,
                    never: false,
                }
            })
            .collect();
        let mut flagged = Vec::new();
        for drive in &drives {
            let server = drive.file_server.as_deref().and_then(|fs| {
                seen.iter_mut()
                    .find(|s| s.names.iter().any(|n| n.eq_ignore_ascii_case(fs)))
            });
            if let Some(s) = server {
                s.drives += 1;
                if is_server_limit(drive.limited_by.as_deref()) {
                    match drive.effective_idle_seconds {
                        Some(e) => s.limits = Some(widen(s.limits, [e, e])),
                        None if drive.limited_by.as_deref() == Some("server_autodisconnect") => {
                            s.never = true;
                        }
                        None => {}
                    }
                }
            }
            let mut reasons = Vec::new();
            if drive.effective_idle_seconds.is_some_and(|e| e < self.below) {
                reasons.push("below");
            }
            match drive.status.as_deref() {
                Some("disconnected") => reasons.push("disconnected"),
                Some("unavailable") => reasons.push("unavailable"),
                _ => {}
            }
            if !reasons.is_empty() {
                flagged.push(FlaggedDrive {
                    local: drive.local.clone(),
                    remote: drive.remote.clone(),
                    file_server: drive.file_server.clone(),
                    status: drive.status_text.clone().or_else(|| drive.status.clone()),
                    effective_idle_seconds: drive.effective_idle_seconds,
                    limited_by: drive.limited_by.clone(),
                    cause: drive.headline.as_ref().and_then(|h| h.cause.clone()),
                    reasons,
                });
            }
        }

        let client = d.client.is_some();
        let mut problems = Vec::new();
        if let Some(c) = &d.client {
            if c.elevated == Some(true) {
                problems.push(Problem {
                    problem: "elevated",
                    message: format!(
                        "doctor ran elevated: the drives it lists are the elevated session's{}",
                        match c.linked_connections {
                            Some(true) => " (EnableLinkedConnections is 1)",
                            Some(false) => " (EnableLinkedConnections is not set: the user's own drives may be missing)",
                            None => "",
                        }
                    ),
                    fix: None,
                    run_on: None,
                });
            }
            let replaced: Vec<String> = drives
                .iter()
                .filter(|x| {
                    x.headline.as_ref().and_then(|h| h.cause.as_deref())
                        == Some("replaced_by_group_policy")
                })
                .map(|x| x.local.clone().unwrap_or_else(|| x.remote.clone()))
                .collect();
            if !replaced.is_empty() {
                problems.push(Problem {
                    problem: "group_policy_replace",
                    message: format!(
                        "Group Policy Preferences delete and re-create {} at every refresh (action Replace)",
                        replaced.join(", ")
                    ),
                    fix: None,
                    run_on: None,
                });
            }
        }
        let mut remote_fixes = Vec::new();
        let mut own_fixes = Vec::new();
        let local_name = |run_on: &Option<String>| {
            run_on
                .as_deref()
                .is_none_or(|r| server_key(r) == server_key(&name))
        };
        for f in &d.findings {
            let Some(fix) = f.fix.clone() else { continue };
            let as_fix = |f: &FindingDoc| Fix {
                fix: fix.clone(),
                run_on: f.run_on.clone(),
                server: None,
                evidence: f.evidence.clone(),
                source: f.source.clone(),
            };
            if let Some(server) = server_side(f, &fix) {
                // Another server than the computer that ran doctor or its `--computer` target.
                let target = d.computer.as_deref();
                if server.is_some()
                    && !(target.is_some() && server.as_deref() == target)
                    && !local_name(&server)
                {
                    remote_fixes.push(Fix {
                        server,
                        ..as_fix(f)
                    });
                } else {
                    own_fixes.push(as_fix(f));
                }
            } else if client {
                problems.push(Problem {
                    problem: "keepconn",
                    message: f.message.0.clone(),
                    fix: Some(fix.clone()),
                    run_on: Some(f.run_on.clone().unwrap_or_else(|| name.clone())),
                });
            }
        }
        if let Some(message) = d.error.as_ref().and_then(|e| e.message.clone()) {
            problems.push(Problem {
                problem: "doctor_error",
                message: format!("doctor could not read everything: {message}"),
                fix: None,
                run_on: None,
            });
        }

        // This computer as a file server (it shares folders), or the `--computer` target.
        let s = &d.server;
        let own = match (&d.computer, s.shares_folders, s.service_running) {
            (Some(target), _, _) => Some(vec![target.clone()]),
            (None, Some(true), running) if running != Some(false) => {
                let mut names = d.host.names();
                if names.is_empty() {
                    names.push(name.clone());
                }
                Some(names)
            }
            _ => None,
        }
        .map(|names| Own {
            names,
            file: file.to_string(),
            generated_at: d.generated_at.clone(),
            read_by: name.clone(),
            kind: s.kind.clone(),
            build: s.os.as_ref().and_then(|o| o.build),
            autodisconnect_minutes: s.autodisconnect_minutes,
            autodisconnect_source: s.autodisconnect_source.clone(),
            v2: s.autodisconnect_v2_seconds,
            policy_checked: s.policy_checked,
            policy_minutes: s.policy_autodisconnect_minutes,
            mdm_minutes: s.mdm_autodisconnect_minutes,
            idle_limit_seconds: s.idle_limit_seconds,
            limited_by: s.limited_by.clone(),
            error: s.error.as_ref().and_then(|e| e.message.clone()),
            fixes: own_fixes,
        });

        Record {
            file: file.to_string(),
            name: name.clone(),
            dns_name: d.host.dns_name.clone(),
            time: d.time.unwrap_or_default(),
            generated_at: d.generated_at.clone(),
            build: d
                .client
                .as_ref()
                .and_then(|c| c.os.as_ref())
                .and_then(|o| o.build),
            keepconn_seconds: d.client.as_ref().and_then(|c| c.keepconn_seconds),
            elevated: d.client.as_ref().and_then(|c| c.elevated),
            client,
            seen,
            flagged,
            problems,
            remote_fixes,
            own,
            error: d.error.and_then(|e| e.message),
        }
    }

    /// Fold one watch log. `stem` names its computer when the log does not.
    pub(crate) fn watch(&mut self, file: &str, stem: &str, log: WatchLog) {
        self.files += 1;
        self.watch_logs += 1;
        let names: Vec<String> = match &log.host {
            Some(h) => h.names(),
            None => vec![stem.to_string()],
        };
        match log.kind {
            WatchKind::Sessions => self.measured.push(Measured {
                names,
                file: file.to_string(),
                seconds: log.measured_seconds,
                sessions: log.measured,
            }),
            WatchKind::Drives | WatchKind::Unknown => {
                let name = names.first().cloned().unwrap_or_default();
                let entry = self
                    .drops
                    .entry(server_key(&name))
                    .or_insert_with(|| (name, Vec::new()));
                for drop in log.drops {
                    add_drops(&mut entry.1, drop);
                }
            }
        }
    }

    /// Whether anything lanman wrote was read.
    pub(crate) fn read_any(&self) -> bool {
        !self.records.is_empty() || self.watch_logs > 0
    }

    /// The report: servers shortest idle limit first, then the clients with something to say
    /// (by name), then what was not read (by file).
    pub(crate) fn finish(self) -> Report {
        let mut groups = NameGroups::default();
        for r in self.records.values() {
            for s in &r.seen {
                groups.join(s.names.iter().map(String::as_str));
            }
            if let Some(own) = &r.own {
                groups.join(own.names.iter().map(String::as_str));
            }
        }
        for m in &self.measured {
            groups.join(m.names.iter().map(String::as_str));
        }

        #[derive(Default)]
        struct Acc {
            names: HashMap<String, u64>,
            clients: u64,
            drives: u64,
            kinds: BTreeMap<String, u64>,
            readings: HashMap<Values, u64>,
            unread: BTreeMap<String, u64>,
            /// The shortest and longest idle limit the clients' drives on it have.
            limits: Option<[u64; 2]>,
            never: bool,
            own: Option<Own>,
            measured: Option<[u64; 2]>,
            measured_sessions: u64,
            watch_logs: Vec<String>,
            /// A fix, whether the server's own report gave it, how many clients did.
            fixes: Vec<(Fix, bool, u64)>,
        }
        let mut acc: HashMap<usize, Acc> = HashMap::new();
        // One fix however many reports give it (its run_on names the same server).
        let add_fix = |a: &mut Acc, fix: &Fix, itself: bool| {
            let i = match a.fixes.iter().position(|(f, _, _)| f.fix == fix.fix) {
                Some(i) => i,
                None => {
                    a.fixes.push((fix.clone(), false, 0));
                    a.fixes.len() - 1
                }
            };
            let entry = &mut a.fixes[i];
            if itself {
                entry.1 = true;
                // The server's own words on where it runs.
                entry.0.run_on = fix.run_on.clone();
            } else {
                entry.2 += 1;
            }
        };
        let mut records: Vec<Record> = self.records.into_values().collect();
        records.sort_by(|a, b| {
            a.name
                .to_ascii_lowercase()
                .cmp(&b.name.to_ascii_lowercase())
                .then_with(|| a.file.cmp(&b.file))
        });
        for r in &records {
            for s in &r.seen {
                let Some(first) = s.names.first() else {
                    continue;
                };
                let a = acc.entry(groups.server(first)).or_default();
                for n in &s.names {
                    *a.names.entry(n.clone()).or_default() += 1;
                }
                if s.drives > 0 {
                    a.clients += 1;
                }
                a.drives += u64::from(s.drives);
                if let Some(kind) = &s.kind {
                    *a.kinds.entry(kind.clone()).or_default() += 1;
                }
                match &s.error {
                    Some(kind) => *a.unread.entry(kind.clone()).or_default() += 1,
                    None if s.kind.as_deref() == Some("windows") => {
                        *a.readings
                            .entry((s.autodisconnect_minutes, s.v2, s.build))
                            .or_default() += 1;
                    }
                    None => {}
                }
                if let Some(limits) = s.limits {
                    a.limits = Some(widen(a.limits, limits));
                }
                a.never |= s.never;
            }
            for fix in &r.remote_fixes {
                if let Some(server) = &fix.server {
                    let a = acc.entry(groups.server(server)).or_default();
                    add_fix(a, fix, false);
                }
            }
            if let Some(own) = &r.own {
                let Some(first) = own.names.first() else {
                    continue;
                };
                let a = acc.entry(groups.server(first)).or_default();
                for n in &own.names {
                    *a.names.entry(n.clone()).or_default() += 1;
                }
                for fix in &own.fixes {
                    add_fix(a, fix, true);
                }
                // Doctor on the server itself wins over `--computer` it; then the newest.
                let better = match &a.own {
                    None => true,
                    Some(old) => {
                        let itself = |o: &Own| {
                            o.names
                                .iter()
                                .any(|n| server_key(n) == server_key(&o.read_by))
                        };
                        (itself(own), &own.generated_at) > (itself(old), &old.generated_at)
                    }
                };
                if better {
                    a.own = Some(own.clone());
                }
            }
        }
        for m in &self.measured {
            let Some(first) = m.names.first() else {
                continue;
            };
            let a = acc.entry(groups.server(first)).or_default();
            for n in &m.names {
                *a.names.entry(n.clone()).or_default() += 1;
            }
            a.watch_logs.push(m.file.clone());
            a.measured_sessions += m.sessions;
            if let Some(seconds) = m.seconds {
                a.measured = Some(widen(a.measured, seconds));
            }
        }

        let mut servers: Vec<ServerRow> = acc
            .into_values()
            .map(|a| {
                let name = match &a.own {
                    Some(own) if own.names.len() > 1 => own.names[1].clone(),
                    _ => display_name(&a.names),
                };
                let mut names: Vec<String> = a.names.keys().cloned().collect();
                names.sort_by_key(|n| n.to_ascii_lowercase());
                names.dedup_by(|x, y| x.eq_ignore_ascii_case(y));
                let mut readings: Vec<Reading> = a
                    .readings
                    .iter()
                    .map(|(&(m, v2, build), &clients)| Reading {
                        autodisconnect_minutes: m,
                        autodisconnect_v2_seconds: v2,
                        build,
                        clients,
                    })
                    .collect();
                readings.sort_by(|x, y| {
                    y.clients
                        .cmp(&x.clients)
                        .then_with(|| x.autodisconnect_minutes.cmp(&y.autodisconnect_minutes))
                        .then_with(|| {
                            x.autodisconnect_v2_seconds
                                .cmp(&y.autodisconnect_v2_seconds)
                        })
                        .then_with(|| x.build.cmp(&y.build))
                });
                let own_reading = a
                    .own
                    .as_ref()
                    .filter(|o| o.error.is_none() && o.kind.as_deref() == Some("windows"))
                    .map(|o| (o.autodisconnect_minutes, o.v2, o.build));
                let readings_disagree = readings.len() > 1
                    || own_reading.is_some_and(|own| {
                        readings.iter().any(|r| {
                            (
                                r.autodisconnect_minutes,
                                r.autodisconnect_v2_seconds,
                                r.build,
                            ) != own
                        })
                    });
                let mut builds: Vec<u32> = readings
                    .iter()
                    .filter_map(|r| r.build)
                    .chain(a.own.as_ref().and_then(|o| o.build))
                    .collect();
                builds.sort_unstable();
                builds.dedup();
                let own_limit = a.own.as_ref().and_then(|o| o.idle_limit_seconds);
                let own_never = a.own.as_ref().is_some_and(|o| {
                    o.idle_limit_seconds.is_none()
                        && o.limited_by.as_deref() == Some("server_autodisconnect")
                        && o.error.is_none()
                });
                let [shortest, longest] = match (own_limit, a.limits) {
                    (Some(own), limits) => widen(limits, [own, own]).map(Some),
                    (None, Some(limits)) => limits.map(Some),
                    (None, None) => [None, None],
                };
                let kind = a
                    .own
                    .as_ref()
                    .and_then(|o| o.kind.clone())
                    .filter(|k| k != "unknown")
                    .or_else(|| {
                        a.kinds
                            .iter()
                            .filter(|(k, _)| k.as_str() != "unknown")
                            .max_by_key(|(_, n)| **n)
                            .map(|(k, _)| k.clone())
                    })
                    .or_else(|| a.kinds.keys().next().cloned());
                let mut fixes: Vec<FixRow> = a
                    .fixes
                    .iter()
                    .map(|(f, itself, n)| FixRow {
                        fix: f.fix.clone(),
                        run_on: f.run_on.clone().unwrap_or_else(|| name.clone()),
                        evidence: f.evidence.clone(),
                        source: f.source.clone(),
                        from_itself: *itself,
                        client_reports: *n,
                    })
                    .collect();
                fixes.sort_by(|x, y| {
                    y.from_itself
                        .cmp(&x.from_itself)
                        .then_with(|| y.client_reports.cmp(&x.client_reports))
                        .then_with(|| x.fix.cmp(&y.fix))
                });
                let mut watch_logs = a.watch_logs.clone();
                watch_logs.sort();
                ServerRow {
                    names,
                    clients: a.clients,
                    drives: a.drives,
                    kind,
                    builds,
                    readings,
                    unread: a
                        .unread
                        .iter()
                        .map(|(kind, &clients)| Unread {
                            kind: kind.clone(),
                            clients,
                        })
                        .collect(),
                    readings_disagree,
                    own: a.own.as_ref().map(|o| OwnRow {
                        file: o.file.clone(),
                        generated_at: o.generated_at.clone(),
                        read_by: o.read_by.clone(),
                        build: o.build,
                        autodisconnect_minutes: o.autodisconnect_minutes,
                        autodisconnect_source: o.autodisconnect_source.clone(),
                        autodisconnect_v2_seconds: o.v2,
                        policy_checked: o.policy_checked,
                        policy_autodisconnect_minutes: o.policy_minutes,
                        mdm_autodisconnect_minutes: o.mdm_minutes,
                        idle_limit_seconds: o.idle_limit_seconds,
                        limited_by: o.limited_by.clone(),
                        error: o.error.clone(),
                    }),
                    idle_limit_seconds: shortest,
                    idle_limit_longest_seconds: longest,
                    never: a.never || own_never,
                    measured_idle_seconds: a.measured,
                    measured_sessions: a.measured_sessions,
                    watch_logs,
                    fixes,
                    name,
                }
            })
            .collect();
        servers.sort_by(|x, y| {
            sort_key(x).cmp(&sort_key(y)).then_with(|| {
                x.name
                    .to_ascii_lowercase()
                    .cmp(&y.name.to_ascii_lowercase())
            })
        });

        let mut drops = self.drops;
        let clients_total = records.iter().filter(|r| r.client).count() as u64;

        // The records are not needed past here: move their rows out instead of copying them.
        let mut clients: Vec<ClientRow> = records
            .into_iter()
            .filter(|r| r.client)
            .filter_map(|r| {
                let went_red: Vec<WentRed> = drops
                    .remove(&server_key(&r.name))
                    .map(|(_, d)| d)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| WentRed {
                        drive: d.drive,
                        to: d.to,
                        count: d.count,
                    })
                    .collect();
                if r.flagged.is_empty() && r.problems.is_empty() && went_red.is_empty() {
                    return None;
                }
                Some(ClientRow {
                    name: r.name,
                    dns_name: r.dns_name,
                    file: Some(r.file),
                    generated_at: Some(r.generated_at),
                    build: r.build,
                    keepconn_seconds: r.keepconn_seconds,
                    elevated: r.elevated,
                    drives: r.flagged,
                    problems: r.problems,
                    went_red,
                    error: r.error,
                })
            })
            .collect();
        // Watch logs of clients without a doctor report.
        for (_, (name, d)) in drops {
            if d.is_empty() {
                continue;
            }
            clients.push(ClientRow {
                name,
                dns_name: None,
                file: None,
                generated_at: None,
                build: None,
                keepconn_seconds: None,
                elevated: None,
                drives: Vec::new(),
                problems: Vec::new(),
                went_red: d
                    .into_iter()
                    .map(|d| WentRed {
                        drive: d.drive,
                        to: d.to,
                        count: d.count,
                    })
                    .collect(),
                error: None,
            });
        }
        clients.sort_by(|a, b| {
            a.name
                .to_ascii_lowercase()
                .cmp(&b.name.to_ascii_lowercase())
        });
        let mut skipped = self.skipped;
        skipped.sort_by(|a, b| a.file.cmp(&b.file));
        let listed = clients.iter().filter(|c| c.file.is_some()).count() as u64;
        Report {
            below_seconds: self.below,
            max_age_seconds: self.max_age,
            counts: Counts {
                files: self.files,
                doctor_reports: self.doctor_reports,
                watch_logs: self.watch_logs,
                skipped: skipped.len() as u64,
                clients: clients_total,
                clients_without_problems: clients_total - listed,
                servers: servers.len() as u64,
            },
            servers,
            clients,
            skipped,
        }
    }
}

/// A server's values as one report read them: autodisconnect minutes, the SMB2/3 value, build.
type Values = (Option<i64>, Option<u32>, Option<u32>);

/// Shortest idle limit first: a known limit (or, lacking one, a measured one), then none (off),
/// then unknown.
fn sort_key(s: &ServerRow) -> (u8, u64) {
    match (s.idle_limit_seconds, s.never, s.measured_idle_seconds) {
        (Some(x), _, _) => (0, x),
        (None, _, Some([low, _])) => (0, low),
        (None, true, None) => (1, 0),
        (None, false, None) => (2, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::input::{Input, read};

    /// A doctor report of `host` whose drive maps `server` with these values.
    fn client(host: &str, server: &str, minutes: i64, effective: Option<u64>, by: &str) -> String {
        format!(
            r#"{{"schema_version": 2, "lanman_version": "0.1.0", "generated_at": "2026-12-06T10:00:00Z",
  "host": {{"name": "{host}", "dns_name": null}}, "computer": null,
  "client": {{"os": {{"build": 19045}}, "keepconn_seconds": 600, "elevated": false}},
  "server": {{"kind": "windows", "shares_folders": false}},
  "drives": [{{"local": "S:", "remote": "\\\\{server}\\d", "status": "ok", "file_server": "{server}",
    "effective_idle_seconds": {}, "limited_by": "{by}", "headline": {{"cause": "idle_limit"}}}}],
  "servers": [{{"name": "{server}", "names": ["{server}"], "kind": "windows", "os": {{"build": 20348}},
    "autodisconnect_minutes": {minutes}, "autodisconnect_v2_seconds": null, "error": null}}],
  "findings": [], "error": null}}"#,
            effective.map_or("null".to_string(), |e| e.to_string())
        )
    }

    fn fold(fleet: &mut Fleet, name: &str, text: &str) {
        let now = "2026-12-06T12:00:00Z".parse().unwrap();
        match read(name, text.as_bytes(), now, None) {
            Ok(Input::Doctor(d)) => fleet.doctor(name, name, *d),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn servers_go_shortest_first_then_off_then_unknown() {
        let mut fleet = Fleet::new(Span(3_600), None);
        fold(
            &mut fleet,
            "a",
            &client("PC1", "OFF", -1, None, "server_autodisconnect"),
        );
        fold(
            &mut fleet,
            "b",
            &client("PC2", "LONG", 480, Some(28_800), "server_autodisconnect"),
        );
        fold(
            &mut fleet,
            "c",
            &client("PC3", "SHORT", 15, Some(900), "server_autodisconnect"),
        );
        fold(
            &mut fleet,
            "d",
            &client("PC4", "V2", 15, None, "server_autodisconnect_v2"),
        );
        let report = fleet.finish();
        let order: Vec<(&str, bool)> = report
            .servers
            .iter()
            .map(|s| (s.name.as_str(), s.never))
            .collect();
        assert_eq!(
            order,
            [
                ("SHORT", false),
                ("LONG", false),
                ("OFF", true),
                ("V2", false)
            ]
        );
        // Only PC3's drive is below an hour.
        let listed: Vec<&str> = report.clients.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(listed, ["PC3"]);
    }

    #[test]
    fn one_server_by_short_and_dns_names_across_clients() {
        let mut fleet = Fleet::new(Span(60), None);
        fold(
            &mut fleet,
            "a",
            &client("PC1", "FS01", 15, Some(900), "server_autodisconnect"),
        );
        fold(
            &mut fleet,
            "b",
            &client(
                "PC2",
                "fs01.example.test",
                60,
                Some(3_600),
                "server_autodisconnect",
            ),
        );
        let report = fleet.finish();
        assert_eq!(report.servers.len(), 1);
        let s = &report.servers[0];
        assert_eq!(s.name, "fs01.example.test");
        assert_eq!(s.clients, 2);
        assert!(s.readings_disagree);
        assert_eq!(
            (s.idle_limit_seconds, s.idle_limit_longest_seconds),
            (Some(900), Some(3_600))
        );
    }

    /// PC1's report of FS01 with these findings in place of none.
    fn with_findings(findings: &str) -> String {
        client("PC1", "FS01", 15, Some(900), "server_autodisconnect")
            .replace(r#""findings": []"#, &format!(r#""findings": [{findings}]"#))
    }

    #[test]
    fn a_findings_side_is_its_about_not_its_fixs_words() {
        // A server's fix whose command names neither value, and a client's that names
        // autodisconnect: `about` decides.
        let mut fleet = Fleet::new(Span(60), None);
        fold(
            &mut fleet,
            "a",
            &with_findings(
                r#"{"message": "m1", "fix": "Some-FutureCommand", "run_on": "FS01",
                    "about": {"side": "server", "server": "FS01"}},
                   {"message": "m2", "fix": "lanman set keepconn 65535 # not autodisconnect", "run_on": null,
                    "about": {"side": "client", "server": null}}"#,
            ),
        );
        let report = fleet.finish();
        let fixes: Vec<&str> = report.servers[0]
            .fixes
            .iter()
            .map(|f| f.fix.as_str())
            .collect();
        assert_eq!(fixes, ["Some-FutureCommand"]);
        let problems: Vec<&str> = report.clients[0]
            .problems
            .iter()
            .map(|p| p.problem)
            .collect();
        assert_eq!(problems, ["keepconn"]);
    }

    #[test]
    fn a_report_from_before_about_is_read_by_its_fixs_command() {
        let mut fleet = Fleet::new(Span(60), None);
        fold(
            &mut fleet,
            "a",
            &with_findings(
                r#"{"message": "m1", "fix": "lanman set autodisconnect -1", "run_on": "FS01"},
                   {"message": "m2", "fix": "lanman set keepconn 65535", "run_on": null}"#,
            ),
        );
        let report = fleet.finish();
        assert_eq!(report.servers[0].fixes.len(), 1);
        assert_eq!(
            report.servers[0].fixes[0].fix,
            "lanman set autodisconnect -1"
        );
        assert_eq!(report.servers[0].fixes[0].run_on, "FS01");
        assert_eq!(report.clients[0].problems[0].problem, "keepconn");
    }
}
