//! net.exe as lanman uses it: the exact command lines, and what its output and failures mean
//! (docs/windows.md#net-config-commands, #net-errors, #service-prompt).

use super::{Machine, Text, first_line, status_text};
use crate::error::{Denied, Failure};
use crate::exec::{Captured, Invocation, OUTPUT_CAP, Program};
use crate::parse::Warning;
use crate::parse::net_error::{
    NetFailure, Service, classify_net_failure, net_says, stopped_service,
};
use crate::parse::reg::RegKey;
use crate::parse::{
    self, Kind, NetShare, NetUse, Parsed, ParsedList, parse_net_share, parse_net_use,
};
use crate::settings::Side;
use crate::settings::catalogue::stored;

/// `net config server` / `net config workstation`
pub(crate) fn config_invocation(kind: Kind) -> Invocation {
    let name = match kind {
        Kind::Server => "server",
        Kind::Workstation => "workstation",
    };
    Invocation::read(Program::Net, "reading the settings", ["config", name])
}

/// `net config server /switch:value`: only the Server service takes changes
/// (docs/windows.md#net-config-commands).
pub(crate) fn server_set_invocation(switch: &str, value: &str) -> Invocation {
    Invocation::change(
        Program::Net,
        "changing server settings",
        [
            "config".to_string(),
            "server".to_string(),
            format!("/{switch}:{value}"),
        ],
    )
}

/// `net use`: the connections of the logged-on user (docs/windows.md#net-use).
pub(crate) fn use_invocation() -> Invocation {
    Invocation::read(Program::Net, "listing the connections", ["use"])
}

/// `net share`: this computer's shares (docs/windows.md#net-share).
pub(crate) fn share_invocation() -> Invocation {
    Invocation::read(Program::Net, "listing the shares", ["share"])
}

/// `System error 53 has occurred.` and, on a line of its own, what it means: both, on one
/// line (docs/windows.md#net-errors).
fn system_error(text: &Text, code: u32) -> String {
    match net_says(&text.stdout, &text.stderr, &NetFailure::SystemError(code)) {
        Some(said) => crate::text::sanitize(&said),
        None => first_line(text),
    }
}

fn side(kind: Kind) -> Side {
    match kind {
        Kind::Server => Side::Server,
        Kind::Workstation => Side::Client,
    }
}

/// A `net use` / `net share` list as this machine printed it.
#[derive(Debug)]
pub(crate) struct LiveList<T> {
    pub(crate) parsed: ParsedList<T>,
    /// Some bytes could not be decoded in the OEM code page.
    pub(crate) lossy: bool,
}

/// A `net config` output as this machine printed it.
#[derive(Debug)]
pub(crate) struct LiveConfig {
    pub(crate) parsed: Parsed,
    /// Some bytes could not be decoded in the OEM code page.
    pub(crate) lossy: bool,
    /// `LanmanServer\Parameters`, when it was read along (`server_config`).
    pub(crate) server_key: Option<RegKey>,
    pub(crate) kind: Kind,
}

impl LiveConfig {
    /// Every line is there, as net.exe prints them all; else what is missing, and the first
    /// warning when a damaged or unfamiliar line is why.
    pub(crate) fn complete(&self) -> Result<(), Failure> {
        let missing = self.parsed.config.missing();
        if missing.is_empty() {
            return Ok(());
        }
        let why = self
            .parsed
            .warnings
            .iter()
            .find(|w| !matches!(w, Warning::Incomplete { .. }))
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        Err(Failure::NotUnderstood(format!(
            "`{}` printed no line for {}{why}",
            config_invocation(self.kind),
            missing.join(", ")
        )))
    }
}

impl Machine {
    /// Run and parse `net config server|workstation`. A line missing from a live output is an
    /// error: net.exe prints them all; the first warning says why, when a damaged or unfamiliar
    /// line is the reason a line could not be placed.
    pub(crate) fn net_config(&self, kind: Kind) -> Result<LiveConfig, Failure> {
        let live = self.net_config_as_printed(kind)?;
        live.complete()?;
        Ok(live)
    }

    /// `net config server|workstation` as printed, lines missing or not: `show` prints what
    /// was read along with the failure.
    pub(crate) fn net_config_as_printed(&self, kind: Kind) -> Result<LiveConfig, Failure> {
        let invocation = config_invocation(kind);
        let captured = self.run(&invocation)?;
        let text = self.check_net(&invocation, &captured, side(kind))?;
        // The parser's reason names the command already.
        let parsed = parse::parse_net_config(&text.stdout, kind)
            .map_err(|e| Failure::NotUnderstood(e.to_string()))?;
        Ok(LiveConfig {
            parsed,
            lossy: text.lossy,
            server_key: None,
            kind,
        })
    }

    /// `net config server`, with its idle time checked against the registry value it may
    /// show in 16 bits (docs/windows.md#sixteen-bit-display); both run at once. When the
    /// registry cannot be read, the output is taken as it is.
    pub(crate) fn server_config(&self) -> Result<LiveConfig, Failure> {
        let live = self.server_config_as_printed()?;
        live.complete()?;
        Ok(live)
    }

    /// [`Machine::server_config`], lines missing or not.
    pub(crate) fn server_config_as_printed(&self) -> Result<LiveConfig, Failure> {
        // Nothing runs when net.exe itself cannot be run.
        self.resolve(Program::Net)?;
        let (net, key) = std::thread::scope(|scope| {
            let key = scope.spawn(|| self.reg_query(None, Side::Server.parameters_key()));
            let net = self.net_config_as_printed(Kind::Server);
            let key = key
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (net, key)
        });
        let mut live = net?;
        if let Ok(key) = key {
            let stored = key.dword(stored::AUTODISCONNECT.name).ok().flatten();
            live.parsed = live.parsed.with_registry_autodisconnect(stored);
            live.server_key = Some(key);
        }
        Ok(live)
    }

    /// Run and read `net use` (the Workstation service lists the connections).
    pub(crate) fn net_use(&self) -> Result<LiveList<NetUse>, Failure> {
        let invocation = use_invocation();
        let captured = self.run(&invocation)?;
        let text = self.check_net(&invocation, &captured, Side::Client)?;
        let parsed = parse_net_use(&text.stdout)
            .map_err(|e| Failure::NotUnderstood(format!("`{invocation}`: {e}")))?;
        Ok(LiveList {
            parsed,
            lossy: text.lossy,
        })
    }

    /// Run and read `net share` (the Server service lists the shares).
    pub(crate) fn net_share(&self) -> Result<LiveList<NetShare>, Failure> {
        let invocation = share_invocation();
        let captured = self.run(&invocation)?;
        let text = self.check_net(&invocation, &captured, Side::Server)?;
        let parsed = parse_net_share(&text.stdout)
            .map_err(|e| Failure::NotUnderstood(format!("`{invocation}`: {e}")))?;
        Ok(LiveList {
            parsed,
            lossy: text.lossy,
        })
    }

    /// Run a `net config server /switch:value` change.
    pub(crate) fn net_change(&self, invocation: &Invocation) -> Result<(), Failure> {
        let captured = self.run(invocation)?;
        self.check_net(invocation, &captured, Side::Server)
            .map(|_| ())
    }

    /// Turn a finished net run into its output or the failure it reports.
    pub(super) fn check_net(
        &self,
        invocation: &Invocation,
        captured: &Captured,
        side: Side,
    ) -> Result<Text, Failure> {
        let text = self.decode(captured);
        let failed = captured.timed_out || captured.status != Some(0);
        // Only a failed run is searched for error texts: a successful output may contain any
        // text in its values (a server comment saying "Access is denied", say).
        if failed {
            if let Some(failure) = classify_net_failure(&text.stdout, &text.stderr) {
                return Err(match failure {
                    NetFailure::AccessDenied => Failure::AccessDenied {
                        doing: format!("{} (`{invocation}`)", invocation.purpose.doing()),
                        who: if invocation.purpose.changes() {
                            Denied::Changing
                        } else {
                            Denied::Reading
                        },
                    },
                    // The service net names, else the one the command needs.
                    NetFailure::ServiceNotStarted => Failure::ServiceNotRunning {
                        side: match stopped_service(&text.stdout, &text.stderr) {
                            Some(Service::Server) => Side::Server,
                            Some(Service::Workstation) => Side::Client,
                            None => side,
                        },
                    },
                    NetFailure::InvalidValue(line) => {
                        Failure::InvalidValue(format!("net.exe rejected `{invocation}`: {line}"))
                    }
                    NetFailure::UnknownOption(line) => Failure::ProgramFailed {
                        program: format!("`{invocation}`"),
                        status: status_text(captured),
                        detail: line,
                    },
                    NetFailure::SystemError(code) => Failure::ProgramFailed {
                        program: format!("`{invocation}`"),
                        status: status_text(captured),
                        detail: system_error(&text, code),
                    },
                });
            }
        }
        if captured.timed_out {
            return Err(Failure::TimedOut {
                program: format!("`{invocation}`"),
                seconds: self.timeout_seconds(),
            });
        }
        if captured.overflowed {
            return Err(Failure::NotUnderstood(format!(
                "`{invocation}` printed more than {} MiB",
                OUTPUT_CAP >> 20
            )));
        }
        if captured.status != Some(0) {
            return Err(Failure::ProgramFailed {
                program: format!("`{invocation}`"),
                status: status_text(captured),
                detail: first_line(&text),
            });
        }
        Ok(text)
    }
}
