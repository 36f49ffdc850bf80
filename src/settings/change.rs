//! The one way a setting is changed (`set`, `reset`): read the current value; when it already
//! is what was asked, write nothing; in a dry run, stop at the plan; otherwise write, read
//! back, and fail with exit 9 if the machine does not show what was asked. A failed write
//! says what state the machine is in.

use serde::Serialize;

use super::catalogue::{AUTODISCONNECT, RegType, SPLIT_BUILD, Setting, SettingValue, Unit, Via};
use super::current::{self, Current, Source, ValueJson, WrongType};
use crate::error::{ErrorJson, Failure};
use crate::exec::Invocation;
use crate::machine::Machine;
use crate::machine::net;
use crate::machine::registry::{RegAction, RegChange};
use crate::parse::reg::RegData;
use crate::settings::Host;

/// What makes a change: a net.exe command line, or a registry change (made through whichever
/// registry path the machine uses, and shown as the `reg add` / `reg delete` line it equals).
#[derive(Clone, Debug)]
enum Step {
    Net(Invocation),
    Registry(RegChange),
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Net(invocation) => invocation.fmt(f),
            Step::Registry(change) => change.fmt(f),
        }
    }
}

/// What to do to a setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Make it this value, written this way.
    Set { value: SettingValue, via: Via },
    /// Delete the stored value, so Windows returns to its default.
    Reset,
}

/// One change: a setting, the computer (this one when `None`), what to do.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub(crate) setting: &'static Setting,
    pub(crate) host: Option<Host>,
    pub(crate) action: Action,
    pub(crate) dry_run: bool,
    /// Write even where Group Policy defines the value (it will revert).
    pub(crate) force: bool,
}

/// What a change did (or, in a dry run, would do): the `--json` document of `set` / `reset`,
/// also when it failed (members it could not read are `null`). Its fields are in the README's
/// order (tests/cli/docs.rs).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ChangeReport {
    pub(crate) setting: &'static str,
    /// The remote computer, `null` for this one.
    pub(crate) computer: Option<String>,
    pub(crate) via: Via,
    /// The value before; `None` when it could not be read.
    pub(crate) previous: Option<ValueJson>,
    /// The value after (in a dry run, what it would be); `None` when not known.
    pub(crate) new: Option<ValueJson>,
    /// Something was written.
    pub(crate) changed: bool,
    pub(crate) dry_run: bool,
    /// The command(s) run (or, in a dry run, that would run) to make the change.
    pub(crate) commands: Vec<String>,
    /// When the change applies, if not at once; `null` when nothing changes.
    pub(crate) takes_effect: Option<String>,
    /// A stored value of the wrong type that the change overwrote or deleted.
    pub(crate) wrongly_typed: Option<WrongType>,
    /// What may undo or defeat the change (Group Policy), said on stderr even with -q.
    pub(crate) warnings: Vec<String>,
    /// `null` on success; filled in by the command when it failed.
    pub(crate) error: Option<ErrorJson>,
    #[serde(skip)]
    pub(crate) previous_text: String,
    #[serde(skip)]
    pub(crate) new_text: String,
    /// Things to say on stderr (where a value was read from, what was replaced).
    #[serde(skip)]
    pub(crate) notes: Vec<String>,
    /// The value written is `0` minutes: disconnect within seconds.
    #[serde(skip)]
    pub(crate) zero: bool,
    /// A dry run whose plan Group Policy refuses: `commands` is what `--force` would run.
    #[serde(skip)]
    pub(crate) needs_force: bool,
}

impl ChangeReport {
    /// The report before anything is read: the plan's own members, nothing else known.
    fn planned(plan: &Plan) -> ChangeReport {
        ChangeReport {
            setting: plan.setting.name,
            computer: plan.host.as_ref().map(|h| h.name().to_string()),
            via: plan.via(),
            previous: None,
            new: None,
            changed: false,
            dry_run: plan.dry_run,
            commands: Vec::new(),
            takes_effect: None,
            wrongly_typed: None,
            warnings: Vec::new(),
            error: None,
            previous_text: "unknown".to_string(),
            new_text: "unknown".to_string(),
            notes: Vec::new(),
            zero: false,
            needs_force: false,
        }
    }

    /// The value after the change is `now`, as read (`None`: not known).
    fn now(&mut self, now: Option<&Current>) {
        self.new = now.map(Current::json);
        self.new_text = now.map_or_else(|| "unknown".to_string(), Current::text);
    }
}

/// A failed change: the failure, what state the machine is in, and the report with what was
/// read and done before it failed.
#[derive(Debug)]
pub(crate) struct ChangeError {
    pub(crate) failure: Failure,
    pub(crate) state: Option<String>,
    pub(crate) report: Box<ChangeReport>,
}

impl Plan {
    fn via(&self) -> Via {
        match &self.action {
            Action::Set { via, .. } => *via,
            Action::Reset => Via::Registry,
        }
    }

    fn source(&self) -> Source {
        match self.via() {
            Via::Net => Source::Net,
            Via::Registry => Source::Registry,
        }
    }

    fn read(&self, machine: &Machine) -> Result<Current, Failure> {
        current::read(machine, self.setting, self.host.as_ref(), self.source())
    }

    /// Whether `current` already is what was asked. For `set`, the value in effect counts (a
    /// KeepConn absent is 600, so `set keepconn 600` writes nothing); for `reset`, only an
    /// absent value.
    fn satisfied_by(&self, current: &Current) -> bool {
        match &self.action {
            Action::Reset => current.is_default == Some(true),
            Action::Set { value, .. } => match (&current.value, value) {
                (Some(SettingValue::Text(shown)), SettingValue::Text(wanted))
                    if current.source == Source::Net =>
                {
                    same_text_through_oem(wanted, shown)
                }
                (Some(now), wanted) => now == wanted,
                (None, _) => false,
            },
        }
    }

    /// The command that makes the change, given what is stored now.
    fn invocation(&self, previous: &Current) -> Result<Step, Failure> {
        let setting = self.setting;
        match &self.action {
            Action::Set {
                value,
                via: Via::Net,
            } => {
                let switch = setting.net.and_then(|n| n.switch).ok_or_else(|| {
                    Failure::InvalidValue(format!("net.exe cannot set {}", setting.name))
                })?;
                Ok(Step::Net(net::server_set_invocation(
                    switch,
                    &value.net_argument(),
                )))
            }
            Action::Set {
                value,
                via: Via::Registry,
            } => {
                let stored = setting.stored.ok_or_else(|| {
                    Failure::InvalidValue(format!("{} is not stored in the registry", setting.name))
                })?;
                let data = match stored.kind {
                    RegType::Dword => RegData::Dword(value.dword().ok_or_else(|| {
                        Failure::InvalidValue(format!("{} is not a number", value.shown()))
                    })?),
                    RegType::Sz => RegData::Sz(value.bare()),
                };
                // Keep the case of a value that exists (`AutoDisconnect` written by a policy).
                let name = previous.stored_name.as_deref().unwrap_or(stored.name);
                Ok(Step::Registry(RegChange {
                    host: self.host.clone(),
                    key: setting.key(),
                    name: name.to_string(),
                    action: RegAction::Set(data),
                }))
            }
            Action::Reset => {
                let stored = setting.stored.ok_or_else(|| {
                    Failure::InvalidValue(format!("{} is not stored in the registry", setting.name))
                })?;
                let name = previous.stored_name.as_deref().unwrap_or(stored.name);
                Ok(Step::Registry(RegChange {
                    host: self.host.clone(),
                    key: setting.key(),
                    name: name.to_string(),
                    action: RegAction::Delete,
                }))
            }
        }
    }

    fn write(&self, machine: &Machine, step: &Step) -> Result<(), Failure> {
        match step {
            Step::Net(invocation) => machine.net_change(invocation),
            // Gone already (deleted by someone else in between) is as good as deleted.
            Step::Registry(change) => machine.reg_change(change).map(|_| ()),
        }
    }

    /// The command a person can run to see the value.
    fn check_command(&self) -> String {
        let computer = self
            .host
            .as_ref()
            .map(|h| format!(" --computer {}", h.name()))
            .unwrap_or_default();
        format!("lanman get {}{computer}", self.setting.name)
    }

    /// The value as it will read once the change is made.
    fn wanted(&self, previous: &Current) -> Current {
        let (value, is_default) = match &self.action {
            Action::Set { value, via } => {
                let is_default = match via {
                    Via::Net => None,
                    Via::Registry => Some(false),
                };
                (Some(value.clone()), is_default)
            }
            Action::Reset => (self.setting.default_value(), Some(true)),
        };
        Current {
            value,
            is_default,
            stored_name: previous.stored_name.clone(),
            wrong_type: None,
            source: previous.source,
            note: None,
            warning: None,
        }
    }
}

/// Make the change, idempotently and verified.
pub(crate) fn apply(machine: &Machine, plan: &Plan) -> Result<ChangeReport, ChangeError> {
    let mut report = ChangeReport::planned(plan);
    let fail = |failure, state, report: ChangeReport| ChangeError {
        failure,
        state,
        report: Box::new(report),
    };
    let previous = match plan.read(machine) {
        Ok(previous) => previous,
        Err(failure) => return Err(fail(failure, None, report)),
    };
    report.previous = Some(previous.json());
    report.previous_text = previous.text();
    report.now(Some(&previous));
    report.notes.extend(previous.note.iter().cloned());
    report.warnings.extend(previous.warning.iter().cloned());
    if plan.satisfied_by(&previous) {
        return Ok(report);
    }
    let invocation = match plan.invocation(&previous) {
        Ok(invocation) => invocation,
        Err(failure) => return Err(fail(failure, None, report)),
    };
    let wanted = plan.wanted(&previous);
    report.takes_effect = plan.setting.takes_effect(plan.via());
    report.wrongly_typed = previous.wrong_type.clone();
    report.zero =
        plan.setting.unit == Unit::Minutes && wanted.value == Some(SettingValue::Minutes(0));
    if let Some(wrong) = &report.wrongly_typed {
        report.notes.push(format!(
            "{} held a {} ({:?}) where Windows expects a {}; the change {} it",
            wrong.name,
            wrong.kind,
            wrong.data,
            plan.setting.stored.map_or("value", |s| s.kind.name()),
            match plan.action {
                Action::Reset => "deletes",
                Action::Set { .. } => "replaces",
            }
        ));
    }
    if let Err(failure) = check_policy(machine, plan, &wanted, &mut report) {
        let state = format!(
            "nothing was changed: {} is still {}",
            plan.setting.name,
            previous.text()
        );
        if plan.dry_run {
            // The plan `--force` would run, said with the refusal.
            report.commands = vec![invocation.to_string()];
            report.now(Some(&wanted));
            report.needs_force = true;
        }
        return Err(fail(failure, Some(state), report));
    }
    report.commands = vec![invocation.to_string()];
    if wanted.value == Some(SettingValue::Minutes(-1)) && *plan.setting == AUTODISCONNECT {
        report
            .warnings
            .extend(off_may_cover_smb1_only(machine, plan.host.as_ref()));
    }
    if plan.dry_run {
        report.now(Some(&wanted));
        return Ok(report);
    }
    if let Err(failure) = plan.write(machine, &invocation) {
        let (state, now) = state_after_failure(machine, plan, &failure, &previous);
        report.now(now.as_ref());
        return Err(fail(failure, Some(state), report));
    }
    report.changed = true;
    let now = match plan.read(machine) {
        Ok(now) => now,
        Err(failure) => {
            report.now(None);
            let state = format!(
                "`{invocation}` reported success but {} could not be read back; check with `{}`",
                plan.setting.name,
                plan.check_command()
            );
            return Err(fail(failure, Some(state), report));
        }
    };
    report.now(Some(&now));
    if !plan.satisfied_by(&now) {
        let failure = Failure::ChangeDidNotTake {
            setting: plan.setting.name.to_string(),
            wanted: wanted.text(),
            found: now.text(),
        };
        return Err(fail(failure, None, report));
    }
    // As asked: say it as asked (the read-back's own words may differ, e.g. a net shown
    // comment through the OEM code page).
    report.now(Some(&wanted));
    Ok(report)
}

/// On a build that keeps a separate SMB2/3 idle value (26100 and later), `-1` may turn idle
/// disconnect off for SMB1 sessions only (docs/windows.md#smb2-idle): said, not refused. A
/// version that cannot be read says nothing.
fn off_may_cover_smb1_only(machine: &Machine, host: Option<&Host>) -> Option<String> {
    let build = machine.os_version(host).ok()?.build?;
    let who = host.map_or("this computer", |h| h.name());
    (build >= SPLIT_BUILD).then(|| {
        format!(
            "{who} runs build {build}, where SMB2/3 sessions are reported to follow a separate value (Set-SmbServerConfiguration -AutoDisconnectTimeoutInSecondsV2, in seconds, reported capped at 900): -1 may turn idle disconnect off for SMB1 sessions only"
        )
    })
}

/// Group Policy wins (docs/windows.md#group-policy): where security policy defines the value,
/// a local change reverts, so nothing is written unless `--force`. Not being able to check is
/// said, and the change goes on.
/// A policy that sets exactly the value asked for does not conflict: the change goes on, with
/// a note.
fn check_policy(
    machine: &Machine,
    plan: &Plan,
    wanted: &Current,
    report: &mut ChangeReport,
) -> Result<(), Failure> {
    let Some(path) = plan.setting.policy else {
        return Ok(());
    };
    let name = plan.setting.name;
    if let Some(host) = &plan.host {
        report.warnings.push(format!(
            "Group Policy was not checked on {}: only this computer's policy can be read; if a GPO sets {name} there, this change reverts",
            host.name()
        ));
        return Ok(());
    }
    match machine.policy_value(path) {
        Ok(None) => Ok(()),
        Ok(Some(value)) => {
            let shown = plan
                .setting
                .from_dword(value)
                .map_or(value.to_string(), |v| v.shown());
            let agrees = matches!(plan.action, Action::Set { .. })
                && wanted.value.as_ref().and_then(SettingValue::dword) == Some(value);
            if agrees {
                report.notes.push(format!(
                    "Group Policy sets {name} to {shown} too; this change agrees with it"
                ));
                Ok(())
            } else if plan.force {
                report.warnings.push(format!(
                    "Group Policy sets {name} to {shown}: this change reverts when security policy is next applied (--force)"
                ));
                Ok(())
            } else {
                Err(Failure::ManagedByPolicy {
                    setting: name.to_string(),
                    value: shown,
                })
            }
        }
        Err(why) => {
            report.warnings.push(format!(
                "Group Policy was not checked ({why}); if a GPO sets {name}, this change reverts"
            ));
            Ok(())
        }
    }
}

/// What to tell the administrator about the machine after a failed write, and the value as
/// it reads now (`None` when not known).
fn state_after_failure(
    machine: &Machine,
    plan: &Plan,
    failure: &Failure,
    previous: &Current,
) -> (String, Option<Current>) {
    let name = plan.setting.name;
    if failure.before_any_write() {
        return (
            format!("nothing was changed: {name} is still {}", previous.text()),
            Some(previous.clone()),
        );
    }
    if matches!(failure, Failure::TimedOut { .. }) {
        return (
            format!(
                "whether {name} changed is unknown; check with `{}`",
                plan.check_command()
            ),
            None,
        );
    }
    match plan.read(machine) {
        Ok(now) if now.value == previous.value && now.is_default == previous.is_default => (
            format!("nothing was changed: {name} is still {}", now.text()),
            Some(now),
        ),
        Ok(now) => (format!("{name} now reads {}", now.text()), Some(now)),
        Err(_) => (
            format!(
                "{name} could not be read back; check with `{}`",
                plan.check_command()
            ),
            None,
        ),
    }
}

/// net.exe prints in the OEM code page: a character that page lacks comes back as `?`
/// (docs/windows.md#encodings).
fn same_text_through_oem(wanted: &str, shown: &str) -> bool {
    wanted.chars().count() == shown.chars().count()
        && wanted
            .chars()
            .zip(shown.chars())
            .all(|(w, s)| w == s || (s == '?' && !w.is_ascii()))
}

#[cfg(test)]
mod tests {
    use super::same_text_through_oem;

    #[test]
    fn comments_compare_through_the_oem_code_page() {
        assert!(same_text_through_oem("Büro", "Büro"));
        assert!(same_text_through_oem("Büro ☃", "Büro ?"));
        assert!(!same_text_through_oem("Buro", "B?ro"));
        assert!(!same_text_through_oem("Büro", "Büro "));
    }
}
