//! The user's vocabulary: clap types, plus the `/?` rewrite. `set` gets one subcommand per
//! writable setting of the catalogue, with the options that setting takes.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::ValueParser;
use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::decode::Encoding;
use crate::parse::duration::{Bare, parse_duration};
use crate::parse::events::Since;
use crate::settings::catalogue::{self, CATALOGUE, Setting, SettingName, SettingValue, Via};
use crate::settings::{AutoDisconnect, Host, KeepConn};

const ENVIRONMENT_HELP: &str = "\
Environment: LANMAN_NET / LANMAN_REG / LANMAN_SECEDIT / LANMAN_WEVTUTIL name the program to run
instead of the system's net.exe / reg.exe / secedit.exe / wevtutil.exe (absolute path only).
NO_COLOR turns colour off.";

/// Read, explain and safely change the Windows Server/Workstation idle-disconnect settings.
///
/// lanman runs `net config server` / `net config workstation` (and reg.exe for registry
/// values) from the Windows system directory, reads their output in any display language,
/// and changes autodisconnect, KeepConn, the server comment and hidden safely: validated
/// first, idempotent, verified after writing, never waiting at a prompt.
#[derive(Debug, Parser)]
#[command(name = "lanman", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Stop net.exe / reg.exe / secedit.exe after this long: seconds or a duration (90s, 5m), 1s to 1d
    #[arg(long, global = true, value_name = "SECONDS", default_value = "30", value_parser = parse_timeout)]
    pub timeout: Duration,

    /// Print one JSON object instead of text (also on failure)
    #[arg(long, global = true)]
    pub json: bool,

    /// No human-readable success text; data asked for (--json, get's value, a dry run's plan)
    /// and errors are still printed
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Print the commands lanman runs, and full error reports
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Bytes of text written to a pipe or file (a console always gets Unicode): the console's
    /// code page by default (else the OEM code page), or utf-8, oem, ansi, utf-16le
    #[arg(long, global = true, value_name = "ENC", value_enum)]
    pub output_encoding: Option<OutputEncoding>,
}

/// `--output-encoding`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// The system OEM code page (`GetOEMCP`), as net.exe writes to pipes
    Oem,
    /// The system ANSI code page (`GetACP`)
    Ansi,
    #[value(name = "utf-16le", alias = "utf16le")]
    Utf16Le,
}

impl OutputEncoding {
    /// The charset this choice means on this machine.
    pub fn charset(self) -> crate::encode::Charset {
        use crate::encode::Charset;
        match self {
            OutputEncoding::Utf8 => Charset::Utf8,
            OutputEncoding::Oem => Charset::CodePage(crate::sys::oem_code_page()),
            OutputEncoding::Ansi => Charset::CodePage(crate::sys::ansi_code_page()),
            OutputEncoding::Utf16Le => Charset::Utf16Le,
        }
    }
}

impl Cli {
    /// The clap command with the help texts that come from tables (exit codes).
    pub fn command_with_tables() -> clap::Command {
        use clap::CommandFactory;
        let mut command = Cli::command().after_help(format!(
            "{}\n\n{ENVIRONMENT_HELP}",
            crate::error::exit_codes_help()
        ));
        // These run no program: `--timeout` is accepted (a script may pass it to every
        // command) but not offered. A subcommand's own `timeout` keeps the global one out.
        for name in ["parse", "export", "completions"] {
            command = command.mut_subcommand(name, |sub| {
                sub.arg(
                    Arg::new("timeout")
                        .long("timeout")
                        .value_name("SECONDS")
                        .hide(true)
                        .value_parser(parse_timeout),
                )
            });
        }
        command
    }

    /// Parse the arguments (after the `/?` rewrite).
    pub fn parse_args(args: Vec<OsString>) -> Result<Cli, clap::Error> {
        let mut command = Cli::command_with_tables();
        let matches = command.try_get_matches_from_mut(args)?;
        let cli = Cli::from_arg_matches(&matches)?;
        if cli.json && matches!(cli.command, Command::Completions { .. }) {
            // A completion script is text for a shell: a JSON object would be no script.
            let mut completions = command
                .find_subcommand_mut("completions")
                .cloned()
                .unwrap_or(command);
            return Err(completions.error(
                clap::error::ErrorKind::ArgumentConflict,
                "--json has no meaning for completions: the script is text for the shell",
            ));
        }
        Ok(cli)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the Server service settings (runs `net config server`)
    Server,

    /// Show the Workstation service settings (runs `net config workstation`)
    Workstation,

    /// Show this user's network connections and their servers (runs `net use`)
    Drives,

    /// List the clients' sessions on this file server, with their idle times and what the
    /// configured idle values let one expect (runs `net session`; needs an administrator)
    Sessions,

    /// Show the server's or the workstation's statistics counters (runs `net statistics`)
    ///
    /// Only the change between two readings means anything, and what the server's session
    /// counters count differs between SMB1 and SMB2/3: they corroborate, they do not prove.
    Statistics {
        /// Which statistics
        #[arg(value_enum, default_value = "server")]
        which: StatisticsWhich,
    },

    /// Poll `net use` (drives) or `net session` (sessions) and print each change with its time
    ///
    /// drives (on a client, in the user's own logon session) prints each change of a drive's
    /// status; sessions (on a file server) prints each session that vanished, with the idle time
    /// it was last seen at: that bounds the server's real idle limit. Ends after --count polls
    /// or at Ctrl+C, with a summary. With --json, one JSON object per line (JSON Lines).
    Watch {
        /// What to watch
        #[arg(value_enum, default_value = "drives")]
        what: WatchWhat,

        /// Time between polls: seconds or a duration (90s, 5m), 1s to 1d
        #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_interval)]
        interval: Duration,

        /// Stop after this many polls (default: until Ctrl+C)
        #[arg(long, value_name = "N")]
        count: Option<std::num::NonZeroU64>,
    },

    /// Save the raw output of every command lanman reads, for a bug report; changes nothing
    Capture {
        /// The folder to write (created; default: lanman-capture-<UTC time> here)
        dir: Option<PathBuf>,
    },

    /// Print one value bare on stdout, for `for /f` in batch files
    ///
    /// SETTING is autodisconnect (the `Idle session time (min)` value: 15, or -1 when off),
    /// keepconn (the client's KeepConn in seconds; 600 when absent), srvcomment, hidden
    /// (yes/no), autodisconnect_v2 (the server's SMB2/3 idle seconds, where a build keeps it;
    /// read only), or a JSON field name of `lanman server --json` / `lanman workstation --json`
    /// (`server_name`, `user_name` …; `server.` / `workstation.` in front picks one of the two
    /// where both have it: `workstation.software_version`).
    Get {
        /// autodisconnect, keepconn, srvcomment, hidden, autodisconnect_v2, or a JSON field
        /// name
        #[arg(value_name = "SETTING", value_parser = SettingNameParser, hide_possible_values = true)]
        setting: SettingName,

        /// Read a registry-backed setting (keepconn, autodisconnect …) from HOST's registry
        #[arg(long, value_name = "HOST")]
        computer: Option<Host>,

        /// Print this instead of an empty line when the value is empty or absent (so a
        /// `for /f` loop sets its variable)
        #[arg(long, value_name = "TEXT")]
        empty: Option<String>,
    },

    /// Parse a saved `net config`, `net use`, `net share`, `net session` or `net statistics`
    /// output without running anything
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
    Set(SetArgs),

    /// Delete a setting's registry value so Windows returns to its default
    Reset {
        /// The setting: autodisconnect, keepconn, srvcomment, hidden
        #[arg(value_parser = ResettableParser)]
        setting: &'static Setting,

        /// Reset it in HOST's registry (remote registry)
        #[arg(long, value_name = "HOST")]
        computer: Option<Host>,

        #[command(flatten)]
        change: ChangeArgs,
    },

    /// Explain why mapped drives disconnect when idle, and what to change
    Doctor {
        /// Explain one drive: its letter (Z:) or its remote (\\server\share)
        #[arg(value_name = "DRIVE", value_parser = drive_arg, conflicts_with = "computer")]
        drive: Option<String>,

        /// Read the server's settings from HOST's registry: the server a mapped drive points
        /// at (default: this machine, through `net config server`)
        #[arg(long, visible_alias = "server", value_name = "HOST")]
        computer: Option<Host>,
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

        /// The document; reg by default (json with --json). Without --format, --output's
        /// extension picks it: .reg, .xml (gpp), .inf, .json, .yml/.yaml (ansible), .ps1 (dsc)
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,

        /// Allow an autodisconnect of 0 (disconnects within seconds; it does not mean off)
        #[arg(long)]
        allow_zero: bool,

        /// Write the document to FILE (`-`: standard output) with the bytes its readers expect
        /// (.reg and .inf UTF-16LE with a byte-order mark, as regedit and secedit write them;
        /// the others UTF-8); --format intune writes a folder: the JSON document and the two
        /// scripts
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// One report over many machines' `lanman doctor --json` files and `lanman watch --json` logs
    ///
    /// Per file server (shortest idle limit first): its clients, its values as they saw them,
    /// whether they disagree, its own report, its measured limit, and the fix with where it
    /// must run. Per client: drives below --below, Disconnected or Unavailable, and its own
    /// problems. Files that cannot be read are named with their reason, and the report goes
    /// on; it exits 3 only when no file could be read.
    Report {
        /// Files, or folders whose files are read (not their subfolders; links and devices in
        /// a folder are not followed)
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,

        /// text (default), csv (one table for a spreadsheet or Power BI), json (the default
        /// with --json), html (one self-contained page)
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,

        /// Write the report to FILE (UTF-8; CSV with a byte-order mark) instead of printing it
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// List clients' drives whose idle limit is shorter than this (15m, 1h30m, 600s, 1d)
        #[arg(long, value_name = "DURATION", default_value = "1h")]
        below: crate::report::Span,

        /// Refuse files written longer ago than this (7d, 12h …); default: any age
        #[arg(long, value_name = "DURATION")]
        max_age: Option<crate::report::Span>,
    },

    /// Show the SMB client's disconnects and reconnects, with sleep, resume and network changes
    /// (runs `wevtutil qe`)
    ///
    /// Reads the Microsoft-Windows-SMBClient/Connectivity log (connection, session and share
    /// lost or re-established, requests timed out), and sleep, resume and network events from
    /// the System and NetworkProfile logs, as XML, so it reads the same in every display
    /// language. Times are UTC.
    Events {
        /// How far back: 30m, 24h, 7d, 1d12h (1m to 366d)
        #[arg(long, value_name = "DURATION", default_value = "7d", allow_hyphen_values = true, value_parser = ValueParser::new(|s: &str| s.parse::<Since>()))]
        since: Since,
    },

    /// Print a shell completion script: powershell, bash, zsh, fish
    ///
    /// PowerShell: add `lanman completions powershell | Out-String | Invoke-Expression` to
    /// your $PROFILE.
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ParseKind {
    /// `net config server`
    Server,
    /// `net config workstation`
    Workstation,
    /// `net use` (the list of connections)
    Use,
    /// `net share` (the list of shares)
    Share,
    /// `net session` (the list of sessions)
    Session,
    /// `net statistics server` or `net statistics workstation` (told apart by their shape)
    Statistics,
    /// `wevtutil qe LOG /f:xml` (the events of `lanman events`, from any log)
    Events,
}

/// `lanman statistics server|workstation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatisticsWhich {
    /// `net statistics server`
    Server,
    /// `net statistics workstation`
    Workstation,
}

/// `lanman watch drives|sessions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WatchWhat {
    /// This logon session's mapped drives (`net use`)
    Drives,
    /// The clients' sessions on this server (`net session`, `net statistics server`)
    Sessions,
}

/// Options every change takes.
#[derive(Clone, Copy, Debug, Args)]
pub struct ChangeArgs {
    /// Print the command(s) it would run and the previous -> new value; change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Write even where Group Policy defines the value (it will revert at the next refresh)
    #[arg(long)]
    pub force: bool,
}

/// `report --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Json,
    Html,
}

impl ReportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Text => "text",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::Html => "html",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A .reg file for `reg import` (the default)
    Reg,
    /// A Group Policy Preferences Registry.xml
    Gpp,
    /// The desired state as JSON (the default with --json)
    Json,
    /// A security template for the Group Policy security option (autodisconnect only)
    Inf,
    /// An Intune custom profile (OMA-URI) and a Remediations detection/remediation pair, as
    /// one JSON document (a folder with --output)
    Intune,
    /// An Ansible playbook (community.windows.win_security_policy, ansible.windows.win_regedit)
    Ansible,
    /// A PowerShell DSC configuration (SecurityPolicyDsc SecurityOption, Registry)
    Dsc,
}

/// `lanman set SETTING VALUE [options]`: one subcommand per writable catalogue setting.
#[derive(Clone, Debug)]
pub struct SetArgs {
    pub setting: &'static Setting,
    pub value: SettingValue,
    /// `--via`, when the setting can be written more than one way.
    pub via: Option<Via>,
    pub computer: Option<Host>,
    pub allow_zero: bool,
    pub dry_run: bool,
    pub force: bool,
}

fn set_command(setting: &'static Setting) -> clap::Command {
    let mut command = clap::Command::new(setting.name)
        .about(setting.about)
        .aliases(setting.aliases.iter().copied())
        .allow_negative_numbers(true)
        .arg(
            Arg::new("value")
                .value_name("VALUE")
                .help(setting.value_help)
                .required(true)
                .allow_hyphen_values(true)
                .value_parser(ValueParser::new(setting.parse)),
        )
        .arg(
            Arg::new("dry_run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help(
                    "Print the command it would run and the previous -> new value; change nothing",
                ),
        );
    if setting.writers.len() > 1 {
        let ways: Vec<&str> = setting.writers.iter().map(|v| v.name()).collect();
        command = command.arg(
            Arg::new("via")
                .long("via")
                .value_name("HOW")
                .value_parser(ValueParser::new(|s: &str| s.parse::<Via>()))
                .help(format!(
                    "How to write it: {} (default {}); net applies at once, registry when the service next starts",
                    ways.join(" or "),
                    setting.writers[0]
                )),
        );
    }
    if setting.writers.contains(&Via::Registry) {
        command = command.arg(
            Arg::new("computer")
                .long("computer")
                .value_name("HOST")
                .value_parser(ValueParser::new(|s: &str| s.parse::<Host>()))
                .help(if setting.writers.len() > 1 {
                    "Write HOST's registry instead (remote registry; implies --via registry)"
                } else {
                    "Write HOST's registry instead (remote registry)"
                }),
        );
    }
    if setting.policy.is_some() {
        command = command.arg(
            Arg::new("force")
                .long("force")
                .action(ArgAction::SetTrue)
                .help("Write even where Group Policy defines the value (it will revert at the next refresh)"),
        );
    }
    if setting.zero_trap {
        command = command.arg(
            Arg::new("allow_zero")
                .long("allow-zero")
                .action(ArgAction::SetTrue)
                .help("Accept 0 (disconnects within seconds; it does not mean off)"),
        );
    }
    command
}

fn writable() -> impl Iterator<Item = &'static Setting> {
    CATALOGUE.iter().copied().filter(|s| !s.writers.is_empty())
}

impl FromArgMatches for SetArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let (name, sub) = matches
            .subcommand()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
        let setting = writable()
            .find(|s| s.name == name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidSubcommand))?;
        let value = sub
            .get_one::<SettingValue>("value")
            .cloned()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingRequiredArgument))?;
        let has = |id: &str| sub.try_contains_id(id).unwrap_or(false);
        Ok(SetArgs {
            setting,
            value,
            via: if has("via") {
                sub.get_one::<Via>("via").copied()
            } else {
                None
            },
            computer: if has("computer") {
                sub.get_one::<Host>("computer").cloned()
            } else {
                None
            },
            allow_zero: has("allow_zero") && sub.get_flag("allow_zero"),
            dry_run: sub.get_flag("dry_run"),
            force: has("force") && sub.get_flag("force"),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = SetArgs::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Subcommand for SetArgs {
    fn augment_subcommands(command: clap::Command) -> clap::Command {
        writable()
            .fold(command, |command, setting| {
                command.subcommand(set_command(setting))
            })
            .subcommand_required(true)
            .arg_required_else_help(true)
    }

    fn augment_subcommands_for_update(command: clap::Command) -> clap::Command {
        SetArgs::augment_subcommands(command)
    }

    fn has_subcommand(name: &str) -> bool {
        writable().any(|s| s.answers_to(name))
    }
}

/// `get`'s SETTING: any catalogue name (offered to shell completion) or a JSON field name
/// (accepted, not offered: there are dozens).
#[derive(Clone, Copy, Debug)]
struct SettingNameParser;

impl clap::builder::TypedValueParser for SettingNameParser {
    type Value = SettingName;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<SettingName, clap::Error> {
        let parse = |s: &str| s.parse::<SettingName>();
        clap::builder::TypedValueParser::parse_ref(&parse, cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            CATALOGUE
                .iter()
                .map(|s| clap::builder::PossibleValue::new(s.name)),
        ))
    }
}

/// `reset`'s SETTING: the settings lanman writes and knows where Windows stores.
#[derive(Clone, Copy, Debug)]
struct ResettableParser;

impl clap::builder::TypedValueParser for ResettableParser {
    type Value = &'static Setting;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<&'static Setting, clap::Error> {
        clap::builder::TypedValueParser::parse_ref(&catalogue::resettable, cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            CATALOGUE
                .iter()
                .filter(|s| s.stored.is_some() && !s.writers.is_empty())
                .map(|s| clap::builder::PossibleValue::new(s.name)),
        ))
    }
}

/// Whole seconds, 1..86400: a number of seconds or a duration (README "Durations": `90s`,
/// `5m`). Fractions are refused: every message about a timeout says whole seconds, and a batch
/// file has no use for less than one.
fn parse_timeout(s: &str) -> Result<Duration, String> {
    whole_seconds("--timeout", s)
}

/// `--timeout` and `watch --interval`: a duration in whole seconds, 1..86400; a bare number is
/// seconds.
fn whole_seconds(option: &str, s: &str) -> Result<Duration, String> {
    const EXPECTED: &str = "expected whole seconds, 1 to 86400 (30, 90s, 5m)";
    match parse_duration(s, Bare::Seconds) {
        Ok(seconds) if (1..=86_400).contains(&seconds) => Ok(Duration::from_secs(seconds)),
        Ok(_) => Err(format!(
            "invalid {option} {}: {EXPECTED}",
            crate::text::quoted(s)
        )),
        Err(why) => Err(format!(
            "invalid {option} {}: {why}; {EXPECTED}",
            crate::text::quoted(s)
        )),
    }
}

/// Whether the command line asks for JSON, read without clap, for when clap cannot read it:
/// some argument before a lone `--` is exactly `--json`, wherever it stands (also after the
/// argument clap stopped at). When clap can read the command line, its own answer counts.
pub fn asks_for_json(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|arg| *arg != "--")
        .any(|arg| arg == "--json")
}

/// `watch --json`: its output is JSON Lines, so even an error document printed before the
/// command runs is one line. `watch` is taken for the subcommand wherever it stands before a
/// lone `--` (a value `watch` elsewhere only makes such a document compact).
pub fn asks_for_json_lines(args: &[OsString]) -> bool {
    asks_for_json(args)
        && args
            .iter()
            .skip(1)
            .take_while(|arg| *arg != "--")
            .any(|arg| arg == "watch")
}

/// `watch --interval`: whole seconds, 1..86400.
fn parse_interval(s: &str) -> Result<Duration, String> {
    whole_seconds("--interval", s)
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

/// `doctor`'s DRIVE: a letter (`Z`, `z:` become `Z:`) or a UNC remote `\\server\share`.
fn drive_arg(value: &str) -> Result<String, String> {
    let letter = value.trim_end_matches(['\\', '/']).trim_end_matches(':');
    if letter.len() == 1 && letter.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(format!("{}:", letter.to_ascii_uppercase()));
    }
    let unc = value
        .strip_prefix("\\\\")
        .and_then(|rest| rest.split_once('\\'));
    match unc {
        Some((server, share)) if !server.is_empty() && !share.is_empty() => Ok(value.to_string()),
        _ => Err(format!(
            "\"{value}\" is neither a drive letter (Z:) nor a remote (\\\\server\\share)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::parse_args(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command_with_tables().debug_assert();
    }

    #[test]
    fn slash_question_mark_means_help() {
        let args = rewrite_windows_help(["lanman", "server", "/?"].map(OsString::from));
        assert_eq!(args, ["lanman", "server", "--help"].map(OsString::from));
        let args = rewrite_windows_help(["/?", "x"].map(OsString::from));
        assert_eq!(args[0], "/?");
    }

    #[test]
    fn timeouts_are_whole_seconds() {
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout("86400"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_timeout("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_interval("1d"), Ok(Duration::from_secs(86_400)));
        for bad in [
            "0", "-1", "abc", "1e3", "inf", "NaN", "86401", "", "0.5", "1.5", "030",
        ] {
            assert!(parse_timeout(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn minus_one_is_a_value() {
        let cli = parse(&["lanman", "set", "autodisconnect", "-1"]).unwrap();
        match cli.command {
            Command::Set(set) => {
                assert_eq!(set.setting.name, "autodisconnect");
                assert_eq!(set.value, SettingValue::Minutes(-1));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_writable_setting_is_a_set_subcommand_with_its_options() {
        let cli = parse(&["lanman", "set", "keepconn", "1h", "--computer", "PC1"]).unwrap();
        let Command::Set(set) = cli.command else {
            panic!("not set")
        };
        assert_eq!(set.value, SettingValue::Seconds(3600));
        assert_eq!(
            set.computer.map(|h| h.name().to_string()).as_deref(),
            Some("PC1")
        );
        // Options a setting does not take are usage errors.
        assert!(parse(&["lanman", "set", "keepconn", "60", "--allow-zero"]).is_err());
        assert!(parse(&["lanman", "set", "hidden", "yes", "--computer", "X"]).is_err());
        // An alias reaches its setting.
        let cli = parse(&["lanman", "set", "idle_session_minutes", "60"]).unwrap();
        let Command::Set(set) = cli.command else {
            panic!("not set")
        };
        assert_eq!(set.setting.name, "autodisconnect");
    }

    #[test]
    fn doctor_takes_computer_and_still_server() {
        for option in ["--computer", "--server"] {
            let cli = parse(&["lanman", "doctor", option, "FS01"]).unwrap();
            let Command::Doctor { computer, .. } = cli.command else {
                panic!("not doctor")
            };
            assert_eq!(
                computer.map(|h| h.name().to_string()).as_deref(),
                Some("FS01")
            );
        }
    }
}
