//! `lanman set autodisconnect|srvcomment|hidden|keepconn`.

use color_eyre::eyre::Result;

use super::change::{self, Change, Current, Setting};
use super::keepconn;
use crate::Context;
use crate::cli::{ChangeArgs, SetCommand, Via};
use crate::error::Failure;
use crate::exec::Invocation;
use crate::output::Output;
use crate::parse::Reading;
use crate::parse::reg::RegKey;
use crate::settings::{AutoDisconnect, Hidden, Host, KeepConn, ServerComment};
use crate::tools::{SERVER_PARAMETERS, WORKSTATION_PARAMETERS, argv};

pub(crate) fn set(ctx: &Context, command: SetCommand, out: &mut Output<'_>) -> Result<()> {
    match command {
        SetCommand::Autodisconnect {
            value,
            via,
            allow_zero,
            computer,
            change: ChangeArgs { dry_run },
        } => {
            if value.is_zero() && !allow_zero {
                return Err(Failure::InvalidValue(
                    "autodisconnect 0 does not turn idle disconnect off: Windows then drops idle sessions within seconds; use -1 (or off) to turn it off, or pass --allow-zero if you really mean 0".to_string(),
                )
                .into());
            }
            let via = match (via, &computer) {
                (Some(Via::Net), Some(_)) => {
                    return Err(Failure::InvalidValue(
                        "--computer changes the remote registry: use it with --via registry (net config server has no remote form)".to_string(),
                    )
                    .into());
                }
                (Some(via), _) => via,
                (None, Some(_)) => Via::Registry,
                (None, None) => Via::Net,
            };
            match via {
                Via::Net => change::apply(ctx, &AutodisconnectViaNet { value }, dry_run, out),
                Via::Registry => change::apply(
                    ctx,
                    &AutodisconnectViaRegistry {
                        value,
                        host: computer,
                    },
                    dry_run,
                    out,
                ),
            }
        }
        SetCommand::Srvcomment {
            text,
            change: ChangeArgs { dry_run },
        } => change::apply(ctx, &CommentViaNet { text }, dry_run, out),
        SetCommand::Hidden {
            value,
            change: ChangeArgs { dry_run },
        } => change::apply(ctx, &HiddenViaNet { value }, dry_run, out),
        SetCommand::Keepconn {
            value,
            computer,
            change: ChangeArgs { dry_run },
        } => change::apply(
            ctx,
            &KeepConnViaRegistry {
                value,
                host: computer,
            },
            dry_run,
            out,
        ),
    }
}

/// The Server service's current settings, as `net config server` shows them.
fn server_reading<T: Clone>(
    ctx: &Context,
    name: &str,
    pick: impl Fn(&crate::parse::ServerConfig) -> &Reading<T>,
) -> Result<T, Failure> {
    let parsed = super::show::read_server(ctx, None).map_err(|report| {
        // read_server only fails with a Failure; keep it.
        match report.downcast::<Failure>() {
            Ok(failure) => failure,
            Err(other) => Failure::NotUnderstood(other.to_string()),
        }
    })?;
    match pick(&parsed.config) {
        Reading::Value(v) => Ok(v.clone()),
        Reading::Unreadable(raw) => Err(Failure::NotUnderstood(format!(
            "cannot read the current {name} ({raw:?}) in this display language, so lanman cannot tell whether it needs changing or verify a change; nothing was changed"
        ))),
        Reading::Missing | Reading::Absent => Err(Failure::NotUnderstood(format!(
            "`net config server` printed no {name} line; nothing was changed"
        ))),
    }
}

/// `net config server /autodisconnect:N`
struct AutodisconnectViaNet {
    value: AutoDisconnect,
}

impl Change for AutodisconnectViaNet {
    fn setting(&self) -> &'static str {
        "autodisconnect"
    }
    fn via(&self) -> &'static str {
        "net"
    }
    fn read(&self, ctx: &Context) -> Result<Current, Failure> {
        let minutes = server_reading(ctx, "autodisconnect", |c| &c.idle_session_minutes)?;
        Ok(Current::stored(Setting::Minutes(minutes)))
    }
    fn wanted(&self) -> Current {
        Current::stored(Setting::Minutes(self.value.minutes()))
    }
    fn invocation(&self) -> Invocation {
        argv::net_config_server_set("autodisconnect", &self.value.net_argument())
    }
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure> {
        ctx.tools().net_config_server_set(invocation)
    }
    fn check_command(&self) -> String {
        "lanman get autodisconnect".to_string()
    }
}

/// A REG_DWORD in a Lanman*\Parameters key, `None` when absent.
pub(crate) fn registry_dword(key: &RegKey, name: &str) -> Result<Option<u32>, Failure> {
    match key.get(name) {
        None => Ok(None),
        Some(value) => value.dword().map(Some).ok_or_else(|| {
            Failure::NotUnderstood(format!(
                "the registry value {name} is {} {:?}, expected a REG_DWORD",
                value.kind, value.data
            ))
        }),
    }
}

/// autodisconnect as stored in the registry: 0xFFFFFFFF is off (-1); absent is the default.
pub(crate) fn autodisconnect_from_registry(key: &RegKey) -> Result<Current, Failure> {
    Ok(match registry_dword(key, "autodisconnect")? {
        None => Current::default(Setting::Minutes(i64::from(AutoDisconnect::DEFAULT_MINUTES))),
        Some(AutoDisconnect::OFF_DWORD) => Current::stored(Setting::Minutes(-1)),
        Some(minutes) => Current::stored(Setting::Minutes(i64::from(minutes))),
    })
}

fn remote_name(host: Option<&Host>) -> Option<String> {
    host.map(|h| h.name().to_string())
}

/// The REG_DWORD `autodisconnect` under LanmanServer\Parameters.
struct AutodisconnectViaRegistry {
    value: AutoDisconnect,
    host: Option<Host>,
}

impl Change for AutodisconnectViaRegistry {
    fn setting(&self) -> &'static str {
        "autodisconnect"
    }
    fn via(&self) -> &'static str {
        "registry"
    }
    fn computer(&self) -> Option<String> {
        remote_name(self.host.as_ref())
    }
    fn read(&self, ctx: &Context) -> Result<Current, Failure> {
        let key = ctx
            .tools()
            .reg_query(self.host.as_ref(), SERVER_PARAMETERS)?;
        autodisconnect_from_registry(&key)
    }
    fn wanted(&self) -> Current {
        Current::stored(Setting::Minutes(self.value.minutes()))
    }
    fn matches(&self, current: &Current) -> bool {
        // The value stored must be this one: an absent value that defaults to 15 is not a
        // stored 15 only for `reset`; for `set`, the effective value is what counts.
        current.value == self.wanted().value
    }
    fn invocation(&self) -> Invocation {
        argv::reg_add_dword(
            self.host.as_ref(),
            SERVER_PARAMETERS,
            "autodisconnect",
            self.value.dword(),
        )
    }
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure> {
        ctx.tools()
            .reg_change(invocation, self.host.as_ref())
            .map(|_| ())
    }
    fn takes_effect(&self) -> Option<&'static str> {
        Some(
            "the Server service applies the registry value when it starts: restart it or the computer; until then `lanman get autodisconnect` shows the running value",
        )
    }
    fn check_command(&self) -> String {
        format!(
            "reg query {} /v autodisconnect",
            argv::key(self.host.as_ref(), SERVER_PARAMETERS)
        )
    }
}

/// `net config server /srvcomment:"text"`
struct CommentViaNet {
    text: ServerComment,
}

impl Change for CommentViaNet {
    fn setting(&self) -> &'static str {
        "srvcomment"
    }
    fn via(&self) -> &'static str {
        "net"
    }
    fn read(&self, ctx: &Context) -> Result<Current, Failure> {
        let comment = server_reading(ctx, "server comment", |c| &c.server_comment)?;
        Ok(Current::stored(Setting::Text(comment)))
    }
    fn wanted(&self) -> Current {
        Current::stored(Setting::Text(self.text.as_str().to_string()))
    }
    fn matches(&self, current: &Current) -> bool {
        match &current.value {
            Setting::Text(shown) => same_comment(self.text.as_str(), shown),
            _ => false,
        }
    }
    fn invocation(&self) -> Invocation {
        argv::net_config_server_set("srvcomment", self.text.as_str())
    }
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure> {
        ctx.tools().net_config_server_set(invocation)
    }
    fn check_command(&self) -> String {
        "lanman get srvcomment".to_string()
    }
}

/// net.exe prints in the OEM code page: a character that page lacks comes back as `?`.
fn same_comment(wanted: &str, shown: &str) -> bool {
    wanted.chars().count() == shown.chars().count()
        && wanted
            .chars()
            .zip(shown.chars())
            .all(|(w, s)| w == s || (s == '?' && !w.is_ascii()))
}

/// `net config server /hidden:yes|no`
struct HiddenViaNet {
    value: Hidden,
}

impl Change for HiddenViaNet {
    fn setting(&self) -> &'static str {
        "hidden"
    }
    fn via(&self) -> &'static str {
        "net"
    }
    fn read(&self, ctx: &Context) -> Result<Current, Failure> {
        let hidden = server_reading(ctx, "hidden value", |c| &c.hidden)?;
        Ok(Current::stored(Setting::Flag(hidden)))
    }
    fn wanted(&self) -> Current {
        Current::stored(Setting::Flag(self.value.0))
    }
    fn invocation(&self) -> Invocation {
        argv::net_config_server_set("hidden", &self.value.to_string())
    }
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure> {
        ctx.tools().net_config_server_set(invocation)
    }
    fn check_command(&self) -> String {
        "lanman get hidden".to_string()
    }
}

/// The REG_DWORD `KeepConn` under LanmanWorkstation\Parameters.
struct KeepConnViaRegistry {
    value: KeepConn,
    host: Option<Host>,
}

pub(crate) const KEEPCONN_TAKES_EFFECT: &str = "the Workstation service reads KeepConn when it starts: restart the computer for it to apply to new sessions";

impl Change for KeepConnViaRegistry {
    fn setting(&self) -> &'static str {
        "keepconn"
    }
    fn via(&self) -> &'static str {
        "registry"
    }
    fn computer(&self) -> Option<String> {
        remote_name(self.host.as_ref())
    }
    fn read(&self, ctx: &Context) -> Result<Current, Failure> {
        let reading = keepconn::read(ctx, self.host.as_ref())?;
        let value = Setting::Seconds(reading.seconds);
        Ok(if reading.is_default {
            Current::default(value)
        } else {
            Current::stored(value)
        })
    }
    fn wanted(&self) -> Current {
        Current::stored(Setting::Seconds(u32::from(self.value.seconds())))
    }
    fn matches(&self, current: &Current) -> bool {
        current.value == self.wanted().value
    }
    fn invocation(&self) -> Invocation {
        argv::reg_add_dword(
            self.host.as_ref(),
            WORKSTATION_PARAMETERS,
            keepconn::VALUE_NAME,
            u32::from(self.value.seconds()),
        )
    }
    fn write(&self, ctx: &Context, invocation: &Invocation) -> Result<(), Failure> {
        ctx.tools()
            .reg_change(invocation, self.host.as_ref())
            .map(|_| ())
    }
    fn takes_effect(&self) -> Option<&'static str> {
        Some(KEEPCONN_TAKES_EFFECT)
    }
    fn check_command(&self) -> String {
        let computer = self
            .host
            .as_ref()
            .map(|h| format!(" --computer {}", h.name()))
            .unwrap_or_default();
        format!("lanman get keepconn{computer}")
    }
}

#[cfg(test)]
mod tests {
    use super::same_comment;

    #[test]
    fn comments_compare_through_the_oem_code_page() {
        assert!(same_comment("Büro", "Büro"));
        assert!(same_comment("Büro ☃", "Büro ?"));
        assert!(!same_comment("Buro", "B?ro"));
        assert!(!same_comment("Büro", "Büro "));
    }
}
