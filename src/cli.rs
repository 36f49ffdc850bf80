//! The user's vocabulary: clap derive types only, plus the `/?` rewrite.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::decode::Encoding;
use crate::settings::{AutoDisconnect, Hidden, Host, KeepConn, ServerComment, SettingName};

const AFTER_HELP: &str = "\
Exit codes: 0 success, 1 internal error, 2 usage error, 3 invalid value (nothing ran),
4 access denied, 5 service not running, 6 net.exe/reg.exe missing or failed,
7 output not understood, 8 timed out, 9 a change did not take.

Environment: LANMAN_NET / LANMAN_REG name the program to run instead of the system's
net.exe / reg.exe (absolute path only). NO_COLOR turns colour off.";

/// Read, explain and safely change the Windows Server/Workstation idle-disconnect settings.
///
/// lanman runs `net config server` / `net config workstation` (and reg.exe for registry
/// values) from the Windows system directory, reads their output in any display language,
/// and changes autodisconnect, KeepConn, the server comment and hidden safely: validated
/// first, idempotent, verified after writing, never waiting at a prompt.
#[derive(Debug, Parser)]
#[command(name = "lanman", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Stop net.exe / reg.exe after this many seconds
    #[arg(long, global = true, value_name = "SECONDS", default_value = "30", value_parser = parse_timeout)]
    pub timeout: Duration,

    /// Print one JSON object instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// Print nothing on success (changes); errors still go to stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Print the commands lanman runs, and full error reports
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the Server service settings (runs `net config server`)
    Server,

    /// Show the Workstation service settings (runs `net config workstation`)
    Workstation,

    /// Print one value bare on stdout, for `for /f` in batch files
    ///
    /// SETTING is a JSON field name of `lanman server --json` or `lanman workstation --json`
    /// (`server_name`, `idle_session_minutes`, `user_name` …; `server.` / `workstation.` in front
    /// picks one of the two where both have it: `workstation.software_version`), or one of:
    /// `autodisconnect` (the `Idle session time (min)` value: 15, or -1 when off), `hidden`
    /// (yes/no), `srvcomment`, `keepconn` (the client's KeepConn in seconds; 600 when absent).
    Get {
        #[arg(value_name = "SETTING")]
        setting: SettingName,

        /// Read a registry-backed setting (keepconn, autodisconnect) from HOST's registry
        #[arg(long, value_name = "HOST")]
        computer: Option<Host>,
    },

    /// Parse a saved `net config` output without running anything
    Parse {
        /// Which output the file holds
        #[arg(value_enum)]
        kind: ParseKind,

        /// The saved output; `-` or nothing reads stdin
        file: Option<PathBuf>,

        /// Encoding of the bytes: auto, utf-8, utf-16le, cp437, cp850, cp936/gbk, …
        ///
        /// auto honours a byte-order mark (Windows PowerShell's `>` saves UTF-16LE with one),
        /// then takes valid UTF-8, then the system OEM code page (cp437 off Windows).
        #[arg(long, value_name = "ENC", default_value = "auto")]
        encoding: Encoding,
    },

    /// Change a setting: validated, idempotent, verified by reading it back
    #[command(subcommand)]
    Set(SetCommand),

    /// Delete a setting's registry value so Windows returns to its default
    Reset {
        #[arg(value_enum)]
        setting: ResetSetting,

        /// Reset it in HOST's registry (autodisconnect, keepconn)
        #[arg(long, value_name = "HOST")]
        computer: Option<Host>,

        #[command(flatten)]
        change: ChangeArgs,
    },

    /// Explain why mapped drives disconnect when idle, and what to change
    Doctor {
        /// Read the server's autodisconnect from HOST's registry: the server a mapped drive
        /// points at (default: this machine, through `net config server`)
        #[arg(long, value_name = "HOST")]
        server: Option<Host>,
    },

    /// Print settings for a fleet engine (Group Policy, Intune, Ansible/DSC); changes nothing
    #[command(group(clap::ArgGroup::new("values").required(true).multiple(true).args(["autodisconnect", "keepconn"])))]
    Export {
        /// Server autodisconnect minutes for the fleet (-1 / off to turn it off)
        #[arg(long, value_name = "MINUTES", allow_hyphen_values = true)]
        autodisconnect: Option<AutoDisconnect>,

        /// Client KeepConn seconds for the fleet (1..65535, or 10m, 1h …)
        #[arg(long, value_name = "SECONDS")]
        keepconn: Option<KeepConn>,

        /// reg: a .reg file for `reg import`; gpp: a Group Policy Preferences Registry.xml;
        /// json: the desired state
        #[arg(long, value_enum, default_value = "reg")]
        format: ExportFormat,

        /// Allow an autodisconnect of 0 (disconnects within seconds; it does not mean off)
        #[arg(long)]
        allow_zero: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ParseKind {
    Server,
    Workstation,
}

#[derive(Debug, Subcommand)]
pub enum SetCommand {
    /// Server idle disconnect: minutes 1..65535, or -1 / off / never to turn it off
    ///
    /// 0 is refused: it does not turn idle disconnect off, it drops idle sessions within
    /// seconds. Use -1 to turn it off (--allow-zero lets 0 through if you really mean it).
    ///
    /// --via net (default) runs `net config server /autodisconnect:N`: it takes effect at
    /// once and the Server service also stores it in the registry. Microsoft notes that
    /// changing it from the command line may switch off the Server service's auto-tuning
    /// (KB 138365, KB 297684).
    ///
    /// --via registry writes the REG_DWORD `autodisconnect` under
    /// HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters, the value both ways
    /// leave behind and the one Microsoft recommends; it takes effect when the Server service
    /// next starts (restart it, or reboot).
    #[command(allow_negative_numbers = true)]
    Autodisconnect {
        /// Minutes (60, 90m, 2h), or -1 / off / never
        #[arg(allow_hyphen_values = true)]
        value: AutoDisconnect,

        /// How to write it
        #[arg(long, value_enum)]
        via: Option<Via>,

        /// Accept 0 (disconnect within seconds)
        #[arg(long)]
        allow_zero: bool,

        /// Write HOST's registry instead (implies --via registry)
        #[arg(long, value_name = "HOST")]
        computer: Option<Host>,

        #[command(flatten)]
        change: ChangeArgs,
    },

    /// Server comment shown by `net view` (at most 48 characters)
    Srvcomment {
        /// The comment (one argument: quote it if it has spaces)
        #[arg(allow_hyphen_values = true)]
        text: ServerComment,

        #[command(flatten)]
        change: ChangeArgs,
    },

    /// Hide the server from browse lists: yes or no
    Hidden {
        value: Hidden,

        #[command(flatten)]
        change: ChangeArgs,
    },

    /// Client idle limit KeepConn (registry): seconds 1..65535 (600, 10m, 1h)
    ///
    /// Writes the REG_DWORD `KeepConn` under
    /// HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters. Absent means the
    /// default 600 seconds; it takes effect when the Workstation service next starts.
    Keepconn {
        #[arg(allow_hyphen_values = true)]
        value: KeepConn,

        /// Write HOST's registry instead (remote registry)
        #[arg(long, value_name = "HOST")]
        computer: Option<Host>,

        #[command(flatten)]
        change: ChangeArgs,
    },
}

/// Options every change takes.
#[derive(Clone, Copy, Debug, Args)]
pub struct ChangeArgs {
    /// Print the command(s) it would run and the previous -> new value; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// net config server /autodisconnect:N (immediate; may switch off auto-tuning)
    Net,
    /// the REG_DWORD autodisconnect (recommended; at the next Server service start)
    Registry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResetSetting {
    Autodisconnect,
    Keepconn,
    Srvcomment,
    Hidden,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Reg,
    Gpp,
    Json,
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    let seconds: f64 = s
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v > 0.0 && *v <= 86_400.0)
        .filter(|_| s.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .ok_or_else(|| {
            format!("invalid --timeout {s:?}: expected seconds, more than 0 and at most 86400")
        })?;
    Ok(Duration::from_secs_f64(seconds))
}

/// Windows users type `/?` for help: rewrite it (and `-?`) to `--help` before clap sees it.
pub fn rewrite_windows_help(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            if i > 0 && (arg == "/?" || arg == "-?") {
                OsString::from("--help")
            } else {
                arg
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn slash_question_mark_means_help() {
        let args = rewrite_windows_help(["lanman", "server", "/?"].map(OsString::from));
        assert_eq!(args, ["lanman", "server", "--help"].map(OsString::from));
        let args = rewrite_windows_help(["/?", "x"].map(OsString::from));
        assert_eq!(args[0], "/?");
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
        for bad in ["0", "-1", "abc", "1e3", "inf", "NaN", "86401", ""] {
            assert!(parse_timeout(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn minus_one_is_a_value() {
        let cli = Cli::try_parse_from(["lanman", "set", "autodisconnect", "-1"]).unwrap();
        match cli.command {
            Command::Set(SetCommand::Autodisconnect { value, .. }) => {
                assert_eq!(value, AutoDisconnect::Off);
            }
            other => panic!("{other:?}"),
        }
    }
}
