//! Entry: parse arguments, run, map the error to an exit code. The colour-eyre report is used
//! here only, for `--verbose`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::error::ErrorKind;
use color_eyre::config::{HookBuilder, Theme};
use color_eyre::eyre::Report;

use lanman::cli::{self, Cli, OutputEncoding};
use lanman::context::Context;
use lanman::encode::{Charset, EncodingWriter, LineEnds};
use lanman::error::{self, Error};
use lanman::output::{Output, json_text, paint};
use lanman::{Exec, Machine, Overrides};

fn main() -> ExitCode {
    let args = cli::rewrite_windows_help(std::env::args_os());
    let color = use_color();
    let json = cli::asks_for_json(&args);
    JSON_WANTED.store(json, Ordering::Relaxed);
    JSON_LINES.store(cli::asks_for_json_lines(&args), Ordering::Relaxed);
    install_panic_hook(None);
    let cli = match Cli::parse_args(args) {
        Ok(cli) => cli,
        Err(error) => {
            let mut streams = Streams::new(None);
            return usage_error(
                &mut streams.stdout,
                &mut streams.stderr,
                &error,
                color,
                json,
            );
        }
    };
    // Only --verbose prints the whole report: RUST_BACKTRACE=1, common on developers' and CI
    // machines, would otherwise turn every one-line error into a report that adds nothing in a
    // stripped build.
    let verbose = cli.verbose;
    JSON_WANTED.store(cli.json, Ordering::Relaxed);
    if verbose {
        install_report_hook(color);
    }
    lanman::sys::contain_child_processes();

    let ctx = Context {
        machine: Machine::new(
            Exec::new(Overrides::from_env(), cli.timeout, cli.verbose),
            lanman::sys::oem_code_page(),
        ),
        json: cli.json,
    };
    let Streams {
        mut stdout,
        mut stderr,
        replaced,
        line_ends,
        stdout_charset,
    } = Streams::new(cli.output_encoding);
    let mut out = Output::new(&mut stdout, &mut stderr, color, cli.quiet);
    out.line_ends = line_ends;
    // For the tests of the panic path only (built with the test fakes, never released).
    #[cfg(feature = "test-fakes")]
    if std::env::var_os("LANMAN_TEST_PANIC").is_some() {
        panic!("LANMAN_TEST_PANIC is set");
    }
    let result = lanman::run(&ctx, cli.command, &mut out)
        .and_then(|()| out.stdout.flush().map_err(Error::from));
    let (done, json_printed) = (out.done.take(), out.json_printed);
    if replaced.load(Ordering::Relaxed) {
        let charset = stdout_charset.map_or("the console".to_string(), |c| c.to_string());
        let _ = out.warn(&format!(
            "some characters cannot be written in {charset} and were written as `?`; --output-encoding utf-8 or utf-16le keeps them"
        ));
    }
    drop(out);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            if ctx.json && !json_printed && !matches!(error, Error::Output(_)) {
                // With --json a failure is one JSON object on stdout too.
                if let Ok(text) = document_text(&serde_json::json!({ "error": error.json() })) {
                    let _ = writeln!(stdout, "{text}");
                    let _ = stdout.flush();
                }
            }
            report_error(
                &mut *stderr,
                &mut *stdout,
                error,
                done.as_deref(),
                verbose,
                color,
            )
        }
    }
}

/// The bytes text goes out in: `None` for a console (std writes Unicode there).
fn charset(choice: Option<OutputEncoding>, console: bool) -> Option<Charset> {
    match (console, choice) {
        (true, _) => None,
        (false, Some(choice)) => Some(choice.charset()),
        (false, None) => Some(lanman::sys::default_output_charset()),
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

/// `--verbose`: colour-eyre's full reports, for errors and for panics.
fn install_report_hook(color: bool) {
    let theme = if color { Theme::dark() } else { Theme::new() };
    let (panic_hook, eyre_hook) = HookBuilder::default()
        .theme(theme)
        .display_env_section(false)
        .display_location_section(false)
        .capture_span_trace_by_default(false)
        .into_hooks();
    let _ = eyre_hook.install();
    install_panic_hook(Some(panic_hook));
}

/// The command line asked for JSON: a panic prints `{"error": …}` too, unless a document is
/// out already.
static JSON_WANTED: AtomicBool = AtomicBool::new(false);

/// `watch --json`: JSON Lines, so an error document printed here is one line too.
static JSON_LINES: AtomicBool = AtomicBool::new(false);

/// An error document as `--json` prints it: pretty, or one line for `watch --json`.
fn document_text(document: &serde_json::Value) -> std::io::Result<String> {
    if JSON_LINES.load(Ordering::Relaxed) {
        lanman::output::json_line(document)
    } else {
        json_text(document)
    }
}

/// No path of lanman ends with a non-zero exit code and nothing said (issue 18): a bug that
/// panics, on any thread, prints one line that says so (and with `--verbose` the whole
/// report), the JSON error with `--json`, and exits 1, the code for internal errors. Release
/// builds abort on panic (`panic = "abort"`): this hook runs before the abort and exits first,
/// so the exit code is 1 there too, not the abort's.
fn install_panic_hook(report: Option<color_eyre::config::PanicHook>) {
    std::panic::set_hook(Box::new(move |info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = format!(
            "internal error: lanman stopped on a bug ({what}{location}); please report it with the command line"
        );
        let Streams {
            mut stdout,
            mut stderr,
            ..
        } = Streams::new(None);
        if let Some(report) = &report {
            let _ = writeln!(stderr, "{}", report.panic_report(info));
        }
        say_error(&mut *stderr, &mut *stdout, &message, false);
        if JSON_WANTED.load(Ordering::Relaxed) && !lanman::output::json_printed() {
            let document = serde_json::json!({"error": {
                "exit_code": error::INTERNAL_ERROR,
                "kind": error::INTERNAL_KIND,
                "message": message,
            }});
            if let Ok(text) = document_text(&document) {
                let _ = writeln!(stdout, "{text}");
            }
        }
        let _ = stdout.flush();
        let _ = stderr.flush();
        std::process::exit(i32::from(error::INTERNAL_ERROR));
    }));
}

/// clap's own errors keep clap's wording and exit code 2, except a rejected value: that is
/// lanman's exit 3, with lanman's one-line message. With `--json` (`cli::asks_for_json`),
/// also `{"error": {…}}` on stdout, of kind `usage` (exit 2) or `invalid_value` (exit 3): the
/// command line was not read, so there is no command's document to print.
fn usage_error(
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    error: &clap::Error,
    color: bool,
    json: bool,
) -> ExitCode {
    use clap::error::{ContextKind, ContextValue};
    let invalid = |message: String| (error::INVALID_VALUE, "invalid_value", message);
    let (code, kind, message) = match error.kind() {
        // Asked for: printed as clap prints it, never as an error.
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let code = u8::try_from(error.exit_code()).unwrap_or(error::USAGE_ERROR);
            if std::io::stdout().is_terminal() || code != 0 {
                // clap's own, in colour at a terminal (and the usage error of a bare `set`).
                let _ = error.print();
            } else {
                // To a file or pipe: through lanman's writer, in its code page and line ends.
                let _ = write!(stdout, "{}", error.render());
                let _ = stdout.flush();
            }
            return ExitCode::from(code);
        }
        ErrorKind::ValueValidation => invalid(
            std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_else(|| clap_first_line(error)),
        ),
        ErrorKind::InvalidValue => match error.get(ContextKind::InvalidValue) {
            Some(ContextValue::String(value)) if !value.is_empty() => {
                let arg = match error.get(ContextKind::InvalidArg) {
                    Some(ContextValue::String(a)) => a.clone(),
                    _ => "the argument".to_string(),
                };
                let valid = match error.get(ContextKind::ValidValue) {
                    Some(ContextValue::Strings(v)) => format!(": use one of {}", v.join(", ")),
                    _ => String::new(),
                };
                invalid(format!(
                    "invalid value {} for {arg}{valid}",
                    lanman::text::quoted(value)
                ))
            }
            // `--timeout` with nothing after it: a usage error, clap's own wording.
            _ => (
                error::USAGE_ERROR,
                error::USAGE_KIND,
                clap_first_line(error),
            ),
        },
        _ => (
            u8::try_from(error.exit_code()).unwrap_or(error::USAGE_ERROR),
            error::USAGE_KIND,
            clap_first_line(error),
        ),
    };
    if kind == error::USAGE_KIND {
        // clap's whole text: the error, the usage line, where to read more (on stdout when
        // stderr cannot be written, as every error).
        let text = error.render().to_string();
        if write!(stderr, "{text}")
            .and_then(|()| stderr.flush())
            .is_err()
        {
            let _ = write!(stdout, "{text}");
        }
    } else {
        say_error(stderr, stdout, &message, color);
    }
    if json {
        let document = serde_json::json!({
            "error": {"exit_code": code, "kind": kind, "message": message}
        });
        if let Ok(text) = document_text(&document) {
            let _ = writeln!(stdout, "{text}");
            let _ = stdout.flush();
        }
    }
    let _ = stderr.flush();
    ExitCode::from(code)
}

/// The one line of a clap error that says what is wrong, without its `error:` label.
fn clap_first_line(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("usage error");
    line.strip_prefix("error: ")
        .unwrap_or(line)
        .trim()
        .to_string()
}

fn report_error(
    stderr: &mut dyn Write,
    stdout: &mut dyn Write,
    error: Error,
    done: Option<&str>,
    verbose: bool,
    color: bool,
) -> ExitCode {
    let code = error.exit_code();
    match (&error, done) {
        // The change was made; only the report about it could not be written.
        (Error::Output(io), Some(done)) => say_error(
            stderr,
            stdout,
            &format!("{done}, but its report could not be written: {io}"),
            color,
        ),
        _ => say_error(stderr, stdout, &error.to_string(), color),
    }
    if verbose {
        // The whole report: every cause, for a bug report.
        eprintln!("{:?}", Report::new(error));
    }
    ExitCode::from(code)
}

/// stdout and stderr as every text of lanman goes out: to a console as Unicode (std writes
/// UTF-16 there); to a pipe or file in the console's code page, or what `--output-encoding`
/// says (docs/windows.md#console-output). Not locked for the whole run: probes on other threads
/// print `--verbose` lines to stderr, and a lock held here would make them wait forever.
struct Streams {
    stdout: Box<dyn Write>,
    stderr: Box<dyn Write>,
    /// Set when a character could not be written in the charset and became `?`.
    replaced: Arc<AtomicBool>,
    /// Lines end in CRLF on Windows when written to a file or a pipe, as net.exe's and echo's
    /// in the same log; one switch for both streams (docs/windows.md#console-output).
    line_ends: LineEnds,
    stdout_charset: Option<Charset>,
}

impl Streams {
    /// `choice`: `--output-encoding`, `None` before the command line is read.
    fn new(choice: Option<OutputEncoding>) -> Streams {
        let replaced = Arc::new(AtomicBool::new(false));
        let line_ends = LineEnds::native();
        let stdout_charset = charset(choice, std::io::stdout().is_terminal());
        let stderr_charset = charset(choice, std::io::stderr().is_terminal());
        Streams {
            stdout: writer(std::io::stdout(), stdout_charset, &replaced, &line_ends),
            stderr: writer(std::io::stderr(), stderr_charset, &replaced, &line_ends),
            replaced,
            line_ends,
            stdout_charset,
        }
    }
}

/// stdout or stderr: as it is for a console (`charset` `None`); otherwise encoded in
/// `charset`, with `line_ends`.
fn writer<W: Write + 'static>(
    stream: W,
    charset: Option<Charset>,
    replaced: &Arc<AtomicBool>,
    line_ends: &LineEnds,
) -> Box<dyn Write> {
    match charset {
        None => Box::new(stream),
        Some(charset) => Box::new(
            EncodingWriter::new(stream, charset, Arc::clone(replaced))
                .with_line_ends(line_ends.clone()),
        ),
    }
}

/// The error on stderr; when stderr cannot be written (closed, a full disk), on stdout, so a
/// non-zero exit code always comes with its message somewhere.
fn say_error(stderr: &mut dyn Write, stdout: &mut dyn Write, message: &str, color: bool) {
    let line = format!(
        "{} {}\n",
        paint(color, "31", "error:"),
        lanman::output::visible(message)
    );
    let written = stderr
        .write_all(line.as_bytes())
        .and_then(|()| stderr.flush());
    if written.is_err() {
        let _ = stdout.write_all(line.as_bytes());
        let _ = stdout.flush();
    }
}
