//! net.exe and reg.exe as lanman uses them: the exact command lines, and what their output and
//! failures mean. Running goes through `exec`; reading goes through `parse`.

use crate::decode::{self, Encoding};
use crate::error::{Failure, Service};
use crate::exec::{Captured, Exec, Invocation, Program, Running};
use crate::parse::net_error::{NetFailure, classify_net_failure};
use crate::parse::reg::{RegFailure, RegKey, classify_reg_failure, parse_reg_query};
use crate::settings::Host;

/// `HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters` (KB102967).
pub const SERVER_PARAMETERS: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
/// `HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters` (KB297684).
pub const WORKSTATION_PARAMETERS: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";

/// The command lines lanman runs. Pure, so tests and `--dry-run` show exactly these.
pub mod argv {
    use super::*;

    /// `net config server` / `net config workstation`
    pub fn net_config(service: Service) -> Invocation {
        let name = match service {
            Service::Server => "server",
            Service::Workstation => "workstation",
        };
        Invocation::new(Program::Net, ["config", name])
    }

    /// `net config server /switch:value` (only the Server service accepts changes, FACTS §1)
    pub fn net_config_server_set(switch: &str, value: &str) -> Invocation {
        Invocation::new(
            Program::Net,
            [
                "config".to_string(),
                "server".to_string(),
                format!("/{switch}:{value}"),
            ],
        )
    }

    /// The key path, in reg.exe's remote form `\\HOST\HKLM\…` for another computer.
    pub fn key(host: Option<&Host>, key: &str) -> String {
        match host {
            Some(host) => format!("\\\\{}\\{key}", host.name()),
            None => key.to_string(),
        }
    }

    /// `reg query KEY`: the whole key, so an absent value is told apart from an error
    /// without reading reg's (localized) error text.
    pub fn reg_query(host: Option<&Host>, key_path: &str) -> Invocation {
        Invocation::new(Program::Reg, ["query".to_string(), key(host, key_path)])
    }

    /// `reg add KEY /v NAME /t REG_DWORD /d DATA /f` (`/f`: never prompt to overwrite).
    pub fn reg_add_dword(host: Option<&Host>, key_path: &str, name: &str, data: u32) -> Invocation {
        let data = if data == u32::MAX {
            "0xffffffff".to_string()
        } else {
            data.to_string()
        };
        Invocation::new(
            Program::Reg,
            [
                "add".to_string(),
                key(host, key_path),
                "/v".to_string(),
                name.to_string(),
                "/t".to_string(),
                "REG_DWORD".to_string(),
                "/d".to_string(),
                data,
                "/f".to_string(),
            ],
        )
    }

    /// `reg delete KEY /v NAME /f`
    pub fn reg_delete(host: Option<&Host>, key_path: &str, name: &str) -> Invocation {
        Invocation::new(
            Program::Reg,
            [
                "delete".to_string(),
                key(host, key_path),
                "/v".to_string(),
                name.to_string(),
                "/f".to_string(),
            ],
        )
    }
}

/// Runs net/reg and turns what they printed into values or a [`Failure`].
pub struct Tools<'a> {
    exec: &'a Exec,
    oem_code_page: u16,
}

/// Decoded output of a child.
pub struct Text {
    pub stdout: String,
    pub stderr: String,
    pub lossy: bool,
}

impl<'a> Tools<'a> {
    pub fn new(exec: &'a Exec, oem_code_page: u16) -> Self {
        Tools {
            exec,
            oem_code_page,
        }
    }

    pub fn exec(&self) -> &Exec {
        self.exec
    }

    fn decode(&self, captured: &Captured) -> Text {
        let out = decode::decode(&captured.stdout, Encoding::Auto, self.oem_code_page);
        let err = decode::decode(&captured.stderr, Encoding::Auto, self.oem_code_page);
        Text {
            lossy: out.lossy || err.lossy,
            stdout: out.text,
            stderr: err.text,
        }
    }

    /// Run `net config server|workstation`; the decoded output on success.
    pub fn net_config(&self, service: Service) -> Result<Text, Failure> {
        let invocation = argv::net_config(service);
        let captured = self.exec.run(&invocation)?;
        self.check_net(&invocation, &captured, service, "reading the settings")
    }

    /// Start `net config …` without waiting (for concurrent probes).
    pub fn start(&self, invocation: &Invocation) -> Result<Running, Failure> {
        self.exec.start(invocation)
    }

    /// Run a `net config server /switch:value` change.
    pub fn net_config_server_set(&self, invocation: &Invocation) -> Result<(), Failure> {
        let captured = self.exec.run(invocation)?;
        self.check_net(
            invocation,
            &captured,
            Service::Server,
            "changing server settings",
        )
        .map(|_| ())
    }

    /// Turn a finished net run into its output or the failure it reports.
    pub fn check_net(
        &self,
        invocation: &Invocation,
        captured: &Captured,
        service: Service,
        doing: &str,
    ) -> Result<Text, Failure> {
        let text = self.decode(captured);
        let failed = captured.timed_out || captured.status != Some(0);
        // Only a failed run is searched for error texts: a successful output may contain any
        // text in its values (a server comment saying "Access is denied", say).
        if failed {
            if let Some(failure) = classify_net_failure(&text.stdout, &text.stderr) {
                return Err(match failure {
                    NetFailure::AccessDenied => Failure::AccessDenied {
                        doing: format!("{doing} (`{invocation}`)"),
                        changing: invocation.args.len() > 2,
                    },
                    NetFailure::ServiceNotStarted => Failure::ServiceNotRunning { service },
                    NetFailure::InvalidValue(line) => {
                        Failure::InvalidValue(format!("net.exe rejected `{invocation}`: {line}"))
                    }
                    NetFailure::UnknownOption(line) => Failure::ProgramFailed {
                        program: format!("`{invocation}`"),
                        status: status_text(captured),
                        detail: line,
                    },
                    NetFailure::SystemError(_) => Failure::ProgramFailed {
                        program: format!("`{invocation}`"),
                        status: status_text(captured),
                        detail: first_line(&text),
                    },
                });
            }
        }
        if captured.timed_out {
            return Err(Failure::TimedOut {
                program: format!("`{invocation}`"),
                seconds: self.exec.timeout().as_secs_f64().ceil() as u64,
            });
        }
        if captured.overflowed {
            return Err(Failure::NotUnderstood(format!(
                "`{invocation}` printed more than {} MiB",
                crate::exec::OUTPUT_CAP >> 20
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

    /// `reg query KEY`: its values. A key that does not exist has no values.
    pub fn reg_query(&self, host: Option<&Host>, key: &str) -> Result<RegKey, Failure> {
        let invocation = argv::reg_query(host, key);
        let captured = self.exec.run(&invocation)?;
        self.check_reg_query(&invocation, &captured, host)
    }

    /// Turn a finished `reg query` into the key's values.
    pub fn check_reg_query(
        &self,
        invocation: &Invocation,
        captured: &Captured,
        host: Option<&Host>,
    ) -> Result<RegKey, Failure> {
        match self.check_reg(invocation, captured, host, "reading the registry") {
            // reg.exe always echoes the key it lists; without it the output is not a listing.
            Ok(text) => match parse_reg_query(&text.stdout) {
                key if key.path.is_some() => Ok(key),
                _ => Err(Failure::NotUnderstood(format!(
                    "`{invocation}` printed no registry key listing"
                ))),
            },
            Err(RegError::NotFound) => Ok(RegKey::default()),
            Err(RegError::Failure(f)) => Err(f),
        }
    }

    /// Run a reg.exe change (`add` / `delete`). `Ok(false)`: the value was not there.
    pub fn reg_change(
        &self,
        invocation: &Invocation,
        host: Option<&Host>,
    ) -> Result<bool, Failure> {
        let captured = self.exec.run(invocation)?;
        match self.check_reg(invocation, &captured, host, "changing the registry") {
            Ok(_) => Ok(true),
            Err(RegError::NotFound) => Ok(false),
            Err(RegError::Failure(f)) => Err(f),
        }
    }

    fn check_reg(
        &self,
        invocation: &Invocation,
        captured: &Captured,
        host: Option<&Host>,
        doing: &str,
    ) -> Result<Text, RegError> {
        let text = self.decode(captured);
        if captured.timed_out {
            return Err(RegError::Failure(Failure::TimedOut {
                program: format!("`{invocation}`"),
                seconds: self.exec.timeout().as_secs_f64().ceil() as u64,
            }));
        }
        if captured.status == Some(0) && !captured.overflowed {
            return Ok(text);
        }
        let both = format!("{}\n{}", text.stderr, text.stdout);
        Err(match classify_reg_failure(&both) {
            Some(RegFailure::NotFound) => RegError::NotFound,
            Some(RegFailure::AccessDenied) => RegError::Failure(Failure::AccessDenied {
                doing: format!("{doing} (`{invocation}`)"),
                changing: invocation.args.first().is_some_and(|op| op != "query"),
            }),
            Some(RegFailure::Unreachable(detail)) => RegError::Failure(match host {
                Some(host) => Failure::RemoteUnreachable {
                    host: host.name().to_string(),
                    detail,
                },
                None => Failure::ProgramFailed {
                    program: format!("`{invocation}`"),
                    status: status_text(captured),
                    detail,
                },
            }),
            None if captured.overflowed => RegError::Failure(Failure::NotUnderstood(format!(
                "`{invocation}` printed more than {} MiB",
                crate::exec::OUTPUT_CAP >> 20
            ))),
            None => RegError::Failure(Failure::ProgramFailed {
                program: format!("`{invocation}`"),
                status: status_text(captured),
                detail: first_line(&text),
            }),
        })
    }
}

enum RegError {
    NotFound,
    Failure(Failure),
}

fn status_text(captured: &Captured) -> String {
    match captured.status {
        Some(code) => format!("exit status {code}"),
        None => "killed".to_string(),
    }
}

/// The first non-empty line of stderr, else of stdout: what the program said.
fn first_line(text: &Text) -> String {
    let line = text
        .stderr
        .lines()
        .chain(text.stdout.lines())
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it printed nothing");
    sanitize(line)
}

/// Text from another program, made safe to print on one line: control characters (escape
/// sequences, bidi overrides) become `?`, and it is cut to a sane length.
pub fn sanitize(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                '?'
            } else {
                c
            }
        })
        .collect();
    if cleaned.chars().count() > 200 {
        let cut: String = cleaned.chars().take(200).collect();
        format!("{cut}…")
    } else {
        cleaned
    }
}
