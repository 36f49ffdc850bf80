//! `lanman reset autodisconnect|keepconn|srvcomment|hidden`: delete the sticky registry value
//! so Windows returns to its default. Absent already is success.

use color_eyre::eyre::Result;

use super::change::{self, Change, Current, Setting};
use super::set::{KEEPCONN_TAKES_EFFECT, autodisconnect_from_registry, registry_dword};
use crate::Context;
use crate::cli::{ChangeArgs, ResetSetting};
use crate::error::Failure;
use crate::exec::Invocation;
use crate::output::Output;
use crate::parse::reg::RegKey;
use crate::settings::Host;
use crate::tools::{SERVER_PARAMETERS, WORKSTATION_PARAMETERS, argv};

pub(crate) fn reset(
    ctx: &Context,
    setting: ResetSetting,
    computer: Option<Host>,
    ChangeArgs { dry_run }: ChangeArgs,
    out: &mut Output<'_>,
) -> Result<()> {
    change::apply(
        ctx,
        &Reset {
            setting,
            host: computer,
        },
        dry_run,
        out,
    )
}

struct Reset {
    setting: ResetSetting,
    host: Option<Host>,
}

impl Reset {
    /// Key, value name (as the Server service writes them, FACTS.md §4), default.
    fn target(&self) -> (&'static str, &'static str, Setting) {
        match self.setting {
            ResetSetting::Autodisconnect => {
                (SERVER_PARAMETERS, "autodisconnect", Setting::Minutes(15))
            }
            ResetSetting::Keepconn => (WORKSTATION_PARAMETERS, "KeepConn", Setting::Seconds(600)),
            ResetSetting::Srvcomment => (
                SERVER_PARAMETERS,
                "srvcomment",
                Setting::Text(String::new()),
            ),
            ResetSetting::Hidden => (SERVER_PARAMETERS, "hidden", Setting::Flag(false)),
        }
    }

    fn current_in(&self, key: &RegKey) -> Result<Current, Failure> {
        let (_, name, default) = self.target();
        if key.get(name).is_none() {
            return Ok(Current::default(default));
        }
        match self.setting {
            ResetSetting::Autodisconnect => autodisconnect_from_registry(key),
            ResetSetting::Keepconn => Ok(Current::stored(Setting::Seconds(
                registry_dword(key, name)?.unwrap_or_default(),
            ))),
            ResetSetting::Hidden => Ok(Current::stored(Setting::Flag(
                registry_dword(key, name)?.unwrap_or_default() != 0,
            ))),
            ResetSetting::Srvcomment => Ok(Current::stored(Setting::Text(
                key.get(name).map(|v| v.data.clone()).unwrap_or_default(),
            ))),
        }
    }
}

impl Change for Reset {
    fn setting(&self) -> &'static str {
        match self.setting {
            ResetSetting::Autodisconnect => "autodisconnect",
            ResetSetting::Keepconn => "keepconn",
            ResetSetting::Srvcomment => "srvcomment",
            ResetSetting::Hidden => "hidden",
        }
    }
    fn via(&self) -> &'static str {
        "registry"
    }
    fn computer(&self) -> Option<String> {
        self.host.as_ref().map(|h| h.name().to_string())
    }
    fn read(&self, ctx: &Context) -> Result<Current, Failure> {
        let (key, _, _) = self.target();
        let values = ctx.tools().reg_query(self.host.as_ref(), key)?;
        self.current_in(&values)
    }
    fn wanted(&self) -> Current {
        Current::default(self.target().2)
    }
    fn invocation(&self) -> Invocation {
        let (key, name, _) = self.target();
        argv::reg_delete(self.host.as_ref(), key, name)
    }
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure> {
        // Gone already (deleted by someone else in between) is as good as deleted.
        ctx.tools()
            .reg_change(invocation, self.host.as_ref())
            .map(|_| ())
    }
    fn takes_effect(&self) -> Option<&'static str> {
        Some(match self.setting {
            ResetSetting::Keepconn => KEEPCONN_TAKES_EFFECT,
            _ => {
                "the Server service returns to the default when it next starts (restart it or the computer); the running service keeps its current value until then"
            }
        })
    }
    fn check_command(&self) -> String {
        let (key, name, _) = self.target();
        format!("reg query {} /v {name}", argv::key(self.host.as_ref(), key))
    }
}
