//! `lanman reset SETTING`: delete the stored registry value so Windows returns to its
//! default. Absent already is success.

use super::conclude_change;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::settings::change::{self, Action, Plan};
use crate::settings::{Host, Setting};

pub(super) fn reset(
    ctx: &Context,
    setting: &'static Setting,
    computer: Option<Host>,
    change: ChangeArgs,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let plan = Plan {
        setting,
        host: computer,
        action: Action::Reset,
        dry_run: change.dry_run,
        force: change.force,
    };
    conclude_change(ctx, change::apply(&ctx.machine, &plan), out)
}
