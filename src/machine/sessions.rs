//! `net session` and `net statistics server|workstation` as lanman runs them
//! (docs/windows.md#net-session, #net-statistics), and this server's configured idle values.

use super::Machine;
use super::net::LiveList;
use crate::error::{Denied, Failure};
use crate::exec::{Invocation, Program};
use crate::measure::expect::ConfiguredIdle;
use crate::parse::{
    Found, ListError, NetSession, NetStatistics, Reading, StatisticsKind, parse_net_session,
    parse_net_statistics,
};
use crate::settings::Side;
use crate::settings::catalogue::stored;

/// `net session`: the clients' sessions on this computer (needs an administrator).
pub(crate) fn session_invocation() -> Invocation {
    Invocation::read(Program::Net, "listing the sessions", ["session"])
}

/// `net statistics server` / `net statistics workstation`.
pub(crate) fn statistics_invocation(kind: StatisticsKind) -> Invocation {
    let name = match kind {
        StatisticsKind::Server => "server",
        StatisticsKind::Workstation => "workstation",
    };
    Invocation::read(Program::Net, "reading the statistics", ["statistics", name])
}

/// net.exe's `System error 5` in a language lanman has no text for: the readers recognise a
/// short failure text by the number on its first line (docs/windows.md#net-errors).
fn denied_in_any_language(error: &ListError) -> bool {
    matches!(
        error,
        ListError::NotAList {
            found: Found::Error { code: Some(5), .. }
        }
    )
}

impl Machine {
    /// Run and read `net session`.
    pub(crate) fn net_session(&self) -> Result<LiveList<NetSession>, Failure> {
        let invocation = session_invocation();
        let captured = self.run(&invocation)?;
        let text = match self.check_net(&invocation, &captured, Side::Server) {
            Ok(text) => text,
            Err(failure @ Failure::ProgramFailed { .. }) => {
                let text = self.decode(&captured);
                let both = format!("{}\n{}", text.stderr, text.stdout);
                return Err(match parse_net_session(&both) {
                    Err(e) if denied_in_any_language(&e) => Failure::AccessDenied {
                        doing: format!("listing the sessions (`{invocation}`)"),
                        who: Denied::Reading,
                    },
                    _ => failure,
                });
            }
            Err(failure) => return Err(failure),
        };
        let parsed = parse_net_session(&text.stdout)
            .map_err(|e| Failure::NotUnderstood(format!("`{invocation}`: {e}")))?;
        Ok(LiveList {
            parsed,
            lossy: text.lossy,
        })
    }

    /// Run and read `net statistics server|workstation`; the output must be the kind asked for.
    pub(crate) fn net_statistics(
        &self,
        kind: StatisticsKind,
    ) -> Result<LiveList<NetStatistics>, Failure> {
        let invocation = statistics_invocation(kind);
        let captured = self.run(&invocation)?;
        let side = match kind {
            StatisticsKind::Server => Side::Server,
            StatisticsKind::Workstation => Side::Client,
        };
        let text = self.check_net(&invocation, &captured, side)?;
        let parsed = parse_net_statistics(&text.stdout)
            .map_err(|e| Failure::NotUnderstood(format!("`{invocation}`: {e}")))?;
        if parsed.list.kind != kind {
            return Err(Failure::NotUnderstood(format!(
                "`{invocation}` printed {} output",
                parsed.list.kind.command()
            )));
        }
        Ok(LiveList {
            parsed,
            lossy: text.lossy,
        })
    }

    /// This server's configured idle values: autodisconnect as `net config server` shows it
    /// (with the registry's 16-bit check) and `AutoDisconnectTimeoutV2` from the registry.
    /// What cannot be read is `None`, with the reason.
    pub(crate) fn configured_idle(&self) -> (ConfiguredIdle, Option<Failure>) {
        match self.server_config() {
            Ok(live) => {
                let minutes = match live.parsed.config.idle_session_minutes() {
                    Reading::Value(m) => Some(m),
                    _ => None,
                };
                let v2 = live
                    .server_key
                    .as_ref()
                    .and_then(|key| key.dword(stored::AUTODISCONNECT_V2.name).ok().flatten());
                (
                    ConfiguredIdle {
                        autodisconnect_minutes: minutes,
                        autodisconnect_v2_seconds: v2,
                    },
                    None,
                )
            }
            Err(failure) => (ConfiguredIdle::default(), Some(failure)),
        }
    }
}
