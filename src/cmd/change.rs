//! The shape every change has (`set`, `reset`): read the current value; when it already
//! matches, write nothing; `--dry-run` prints the plan; otherwise write, read back, and fail
//! with exit 9 if the machine does not show what was asked. A failed write says what state
//! the machine is in.

use color_eyre::eyre::{Report, Result};
use serde::Serialize;
use serde_json::{Value, json};

use crate::Context;
use crate::error::Failure;
use crate::exec::Invocation;
use crate::output::{Output, explain_idle_minutes};

/// A setting's value as lanman compares and shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Setting {
    /// autodisconnect minutes, -1 = off
    Minutes(i64),
    /// KeepConn seconds (the raw registry value, which may be out of range)
    Seconds(u32),
    Text(String),
    Flag(bool),
}

impl Setting {
    fn json(&self) -> Value {
        match self {
            Setting::Minutes(m) => json!(m),
            Setting::Seconds(s) => json!(s),
            Setting::Text(t) => json!(t),
            Setting::Flag(f) => json!(f),
        }
    }

    fn text(&self) -> String {
        match self {
            Setting::Minutes(-1) => "-1 (off)".to_string(),
            Setting::Minutes(m) => m.to_string(),
            Setting::Seconds(s) => s.to_string(),
            Setting::Text(t) => format!("{t:?}"),
            Setting::Flag(f) => if *f { "yes" } else { "no" }.to_string(),
        }
    }
}

/// A value as read: the effective setting, and whether it is Windows' default because
/// nothing is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Current {
    pub(crate) value: Setting,
    pub(crate) is_default: bool,
}

impl Current {
    pub(crate) fn stored(value: Setting) -> Current {
        Current {
            value,
            is_default: false,
        }
    }

    pub(crate) fn default(value: Setting) -> Current {
        Current {
            value,
            is_default: true,
        }
    }

    fn text(&self) -> String {
        if self.is_default {
            format!("{} (default)", self.value.text())
        } else {
            self.value.text()
        }
    }
}

/// One change lanman knows how to make.
pub(crate) trait Change {
    /// `autodisconnect`, `keepconn` …
    fn setting(&self) -> &'static str;
    /// `net` or `registry`
    fn via(&self) -> &'static str;
    /// The remote computer, for `--computer`.
    fn computer(&self) -> Option<String> {
        None
    }
    /// Read the value as it is now.
    fn read(&self, ctx: &Context) -> Result<Current, Failure>;
    /// What the value will read after the change.
    fn wanted(&self) -> Current;
    /// Whether `current` already is what was asked (so nothing is written).
    fn matches(&self, current: &Current) -> bool {
        current.value == self.wanted().value && (current.is_default || !self.wanted().is_default)
    }
    /// The command that makes the change.
    fn invocation(&self) -> Invocation;
    /// Run it.
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure>;
    /// When the change takes effect, if not at once.
    fn takes_effect(&self) -> Option<&'static str> {
        None
    }
    /// The command that shows the value, for messages.
    fn check_command(&self) -> String;
}

#[derive(Serialize)]
struct ChangeReport {
    setting: &'static str,
    previous: Value,
    previous_is_default: bool,
    new: Value,
    new_is_default: bool,
    changed: bool,
    via: &'static str,
    dry_run: bool,
    /// The command(s) run (or, in a dry run, that would run) to make the change.
    commands: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    computer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    takes_effect: Option<&'static str>,
}

/// Make `change`, idempotently and verified.
pub(crate) fn apply(
    ctx: &Context,
    change: &dyn Change,
    dry_run: bool,
    out: &mut Output<'_>,
) -> Result<()> {
    let previous = change.read(ctx)?;
    let wanted = change.wanted();
    let name = change.setting();
    let unchanged = change.matches(&previous);
    let invocation = change.invocation();
    let commands = if unchanged {
        Vec::new()
    } else {
        vec![invocation.to_string()]
    };
    if !unchanged && !dry_run {
        if let Err(failure) = change.write(ctx, &invocation) {
            let state = state_after_failure(ctx, change, &failure, &previous);
            return Err(Report::new(failure).wrap_err(state));
        }
        let now = change.read(ctx).map_err(|failure| {
            Report::new(failure).wrap_err(format!(
                "`{invocation}` reported success but {name} could not be read back; check with `{}`",
                change.check_command()
            ))
        })?;
        if !change.matches(&now) {
            return Err(Failure::ChangeDidNotTake {
                setting: name.to_string(),
                wanted: wanted.text(),
                found: now.text(),
            }
            .into());
        }
    }
    let report = ChangeReport {
        setting: name,
        previous: previous.value.json(),
        previous_is_default: previous.is_default,
        new: wanted.value.json(),
        new_is_default: wanted.is_default,
        changed: !unchanged && !dry_run,
        via: change.via(),
        dry_run,
        commands,
        computer: change.computer(),
        takes_effect: if unchanged {
            None
        } else {
            change.takes_effect()
        },
    };
    if ctx.quiet {
        return Ok(());
    }
    if ctx.json {
        out.json(&report)?;
        return Ok(());
    }
    let on = change
        .computer()
        .map(|c| format!(" on {c}"))
        .unwrap_or_default();
    if unchanged {
        out.line(&format!("{name}: {}{on} (unchanged)", previous.text()))?;
        return Ok(());
    }
    if dry_run {
        out.line(&format!("would run: {invocation}"))?;
    }
    let dry = if dry_run {
        ", dry run: nothing changed"
    } else {
        ""
    };
    out.line(&format!(
        "{name}: {} -> {}{on} (via {}{dry})",
        previous.text(),
        wanted.text(),
        change.via()
    ))?;
    if let (Some(when), false) = (change.takes_effect(), dry_run) {
        out.note(when)?;
    }
    if let Setting::Minutes(m) = wanted.value {
        if !dry_run && m == 0 {
            out.warn(&explain_idle_minutes(0))?;
        }
    }
    Ok(())
}

/// What to tell the administrator about the machine after a failed write.
fn state_after_failure(
    ctx: &Context,
    change: &dyn Change,
    failure: &Failure,
    previous: &Current,
) -> String {
    let name = change.setting();
    match failure {
        // These fail before anything is written.
        Failure::AccessDenied { .. }
        | Failure::InvalidValue(_)
        | Failure::ServiceNotRunning { .. }
        | Failure::ProgramMissing { .. }
        | Failure::NoSystemProgram { .. }
        | Failure::RelativeOverride { .. }
        | Failure::RemoteUnreachable { .. } => {
            format!("nothing was changed: {name} is still {}", previous.text())
        }
        Failure::TimedOut { .. } => format!(
            "whether {name} changed is unknown; check with `{}`",
            change.check_command()
        ),
        Failure::ProgramFailed { .. }
        | Failure::NotUnderstood(_)
        | Failure::ChangeDidNotTake { .. } => match change.read(ctx) {
            Ok(now) if now == *previous => {
                format!("nothing was changed: {name} is still {}", now.text())
            }
            Ok(now) => format!("{name} now reads {}", now.text()),
            Err(_) => format!(
                "{name} could not be read back; check with `{}`",
                change.check_command()
            ),
        },
    }
}
