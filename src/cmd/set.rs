//! `lanman set SETTING VALUE`: validated before anything runs, then the one way every change
//! is made (`settings::change`).

use super::conclude_change;
use crate::cli::SetArgs;
use crate::context::Context;
use crate::error::{Error, Failure};
use crate::output::Output;
use crate::settings::change::{self, Action, Plan};
use crate::settings::{SettingValue, Via};

pub(super) fn set(ctx: &Context, args: SetArgs, out: &mut Output<'_>) -> Result<(), Error> {
    let setting = args.setting;
    if setting.zero_trap && args.value == SettingValue::Minutes(0) && !args.allow_zero {
        return Err(Failure::InvalidValue(format!(
            "{} 0 does not turn idle disconnect off: Windows then drops idle sessions within seconds; use -1 (or off) to turn it off, or pass --allow-zero if you really mean 0",
            setting.name
        ))
        .into());
    }
    let via = match (args.via, &args.computer) {
        (Some(Via::Net), Some(_)) => {
            return Err(Failure::InvalidValue(
                "--computer changes the remote registry: use it with --via registry (net config server has no remote form)".to_string(),
            )
            .into());
        }
        (Some(via), _) => via,
        (None, Some(_)) => Via::Registry,
        (None, None) => setting.writers[0],
    };
    let plan = Plan {
        setting,
        host: args.computer,
        action: Action::Set {
            value: args.value,
            via,
        },
        dry_run: args.dry_run,
        force: args.force,
    };
    conclude_change(ctx, change::apply(&ctx.machine, &plan), out)
}
