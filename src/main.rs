//! Entry: parse arguments, install the error report hook, run, map the error to an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use color_eyre::config::{HookBuilder, Theme};
use color_eyre::eyre::Report;

use lanman::Context;
use lanman::cli::{self, Cli};
use lanman::error::{Failure, INTERNAL_ERROR};
use lanman::exec::{Exec, Overrides};
use lanman::output::{Output, paint};

fn main() -> ExitCode {
    let args = cli::rewrite_windows_help(std::env::args_os());
    let color = use_color();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error, color),
    };
    let verbose = cli.verbose || std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    install_report_hook(color, verbose);
    lanman::sys::contain_child_processes();

    let ctx = Context {
        exec: Exec::new(Overrides::from_env(), cli.timeout, cli.verbose),
        oem_code_page: lanman::sys::oem_code_page(),
        json: cli.json,
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut stdout = stdout.lock();
    let mut stderr = stderr.lock();
    let mut out = Output {
        stdout: &mut stdout,
        stderr: &mut stderr,
        color,
    };
    let result = lanman::run(&ctx, cli.command, &mut out).and_then(|()| Ok(out.stdout.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => report_error(&report, verbose, color),
    }
}

/// Colour only for a person at a terminal: `NO_COLOR` (any non-empty value) or output that is
/// not a terminal turns it off.
fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal()
        && lanman::sys::enable_terminal_colors()
}

fn install_report_hook(color: bool, verbose: bool) {
    let theme = if color { Theme::dark() } else { Theme::new() };
    // No "Backtrace omitted…" lines and no location unless asked for: a report is for the
    // administrator, not for lanman's developers.
    let _ = HookBuilder::default()
        .theme(theme)
        .display_env_section(false)
        .display_location_section(verbose)
        .capture_span_trace_by_default(false)
        .install();
}

/// clap's own errors keep clap's wording and exit code 2, except a rejected value: that is
/// lanman's exit 3, with lanman's one-line message.
fn usage_error(error: &clap::Error, color: bool) -> ExitCode {
    match error.kind() {
        ErrorKind::ValueValidation => {
            let message = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_else(|| error.to_string());
            print_error(&message, color);
            ExitCode::from(3)
        }
        ErrorKind::InvalidValue => {
            use clap::error::{ContextKind, ContextValue};
            let value = match error.get(ContextKind::InvalidValue) {
                Some(ContextValue::String(v)) if !v.is_empty() => v.clone(),
                // `--timeout` with nothing after it: a usage error, clap's own wording.
                _ => {
                    let _ = error.print();
                    return ExitCode::from(2);
                }
            };
            let arg = match error.get(ContextKind::InvalidArg) {
                Some(ContextValue::String(a)) => a.clone(),
                _ => "the argument".to_string(),
            };
            let valid = match error.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => format!(": use one of {}", v.join(", ")),
                _ => String::new(),
            };
            print_error(&format!("invalid value {value:?} for {arg}{valid}"), color);
            ExitCode::from(3)
        }
        _ => {
            let _ = error.print();
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
        }
    }
}

fn report_error(report: &Report, verbose: bool, color: bool) -> ExitCode {
    // A closed stdout (`lanman get x | findstr /b 1` ending early) is not an error.
    let broken_pipe = report
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let failure = report.chain().find_map(|e| e.downcast_ref::<Failure>());
    let code = failure.map_or(INTERNAL_ERROR, Failure::exit_code);
    if verbose {
        eprintln!("Error: {report:?}");
    } else {
        // One line: the failure (which says what to do), then what lanman adds about the
        // state of the machine.
        let mut parts: Vec<String> = report.chain().map(ToString::to_string).collect();
        parts.reverse();
        print_error(&parts.join("; "), color);
    }
    ExitCode::from(code)
}

fn print_error(message: &str, color: bool) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{} {message}", paint(color, "31", "error:"));
}
