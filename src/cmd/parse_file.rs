//! `lanman parse server|workstation|use|share|session|statistics|events [FILE]`: read a saved
//! output; nothing runs.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::cli::ParseKind;
use crate::context::Context;
use crate::decode::{self, Encoding};
use crate::error::{Denied, Error, Failure};
use crate::output::events::{JsonSavedEvents, saved_timeline_text};
use crate::output::{self, JsonParsed, JsonShare, JsonUse, Output};
use crate::parse::net_error::{
    NetFailure, Service, classify_net_failure, net_says, stopped_service,
};
use crate::parse::{self, Kind};
use crate::settings::Side;

/// Far above any saved output a `parse` kind reads (each kind says its usual size,
/// [`Saved::typical`]): a larger input is refused before it is read whole.
const MAX_INPUT: u64 = 8 << 20;

pub(super) fn parse(
    ctx: &Context,
    kind: ParseKind,
    file: Option<&Path>,
    encoding: Encoding,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let result = parse_saved(ctx, kind, file, encoding, out);
    super::document_on_failure(ctx, out, result, |error| match kind {
        ParseKind::Server => Failed::Config(JsonParsed::failed(None, Kind::Server, error)),
        ParseKind::Workstation => {
            Failed::Config(JsonParsed::failed(None, Kind::Workstation, error))
        }
        ParseKind::Use => Failed::Use(JsonUse {
            parsed: None,
            error: Some(error),
        }),
        ParseKind::Share => Failed::Share(JsonShare {
            parsed: None,
            error: Some(error),
        }),
        ParseKind::Session => Failed::Session(output::JsonSessions {
            parsed: None,
            configured: None,
            error: Some(error),
        }),
        // Server or workstation statistics are told apart by what the file holds: a file
        // that could not be read is neither, and has no counters (README "JSON").
        ParseKind::Statistics => Failed::Statistics(output::JsonStatistics {
            parsed: None,
            kind: None,
            error: Some(error),
        }),
        ParseKind::Events => Failed::Events(JsonSavedEvents {
            events: None,
            error: Some(error),
        }),
    })
}

/// The document of a `parse` that failed before anything was read, by the kind asked for.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Failed<'a> {
    Config(JsonParsed<'a>),
    Use(JsonUse<'a>),
    Share(JsonShare<'a>),
    Session(output::JsonSessions<'a>),
    Statistics(output::JsonStatistics<'a>),
    Events(JsonSavedEvents<'a>),
}

fn parse_saved(
    ctx: &Context,
    kind: ParseKind,
    file: Option<&Path>,
    encoding: Encoding,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let saved = Saved::of(kind);
    let bytes = read_input(file, saved, out)?;
    let decoded = decode::decode(&bytes, encoding, ctx.machine.oem_code_page());
    if decoded.lossy {
        out.warn(&format!(
            "some bytes are not valid {}; pass --encoding if the file is in another encoding",
            decoded.used
        ))?;
    }
    let text = &decoded.text;
    let kind = match kind {
        ParseKind::Server => Kind::Server,
        ParseKind::Workstation => Kind::Workstation,
        ParseKind::Use => return list(ctx, text, false, saved, out),
        ParseKind::Share => return list(ctx, text, true, saved, out),
        ParseKind::Session => return session(ctx, text, saved, out),
        ParseKind::Statistics => return statistics(ctx, text, saved, out),
        ParseKind::Events => return events(ctx, text, out),
    };
    let parsed = parse::parse_net_config(text, kind).map_err(|e| {
        // Another kind of `net config` output is that, whatever it contains.
        let decisive = matches!(e, parse::ParseError::WrongKind { .. });
        not_a_listing(text, saved, &e.to_string(), decisive)
    })?;
    print(
        ctx,
        out,
        &parsed.warnings,
        || JsonParsed::new(&parsed),
        || output::config_text(&parsed.config),
    )
}

/// What a reader read: each of its warnings on stderr, then the JSON document or the text.
fn print<J: serde::Serialize>(
    ctx: &Context,
    out: &mut Output<'_>,
    warnings: &[impl ToString],
    json: impl FnOnce() -> J,
    text: impl FnOnce() -> String,
) -> Result<(), Error> {
    for warning in warnings {
        out.warn(&warning.to_string())?;
    }
    if ctx.json {
        out.json(&json())?;
    } else {
        out.stdout.write_all(text().as_bytes())?;
    }
    Ok(())
}

/// What a `parse` kind reads.
#[derive(Clone, Copy)]
struct Saved {
    /// The command whose output it is, for messages.
    command: &'static str,
    /// The service that command needs (a saved "service not started" names it).
    side: Side,
    /// How large such a saved output is, for the message that refuses a larger input.
    typical: &'static str,
}

impl Saved {
    fn of(kind: ParseKind) -> Saved {
        let (command, side, typical) = match kind {
            ParseKind::Server => (
                Kind::Server.command(),
                Side::Server,
                "output is about 1 KiB",
            ),
            ParseKind::Workstation => (
                Kind::Workstation.command(),
                Side::Client,
                "output is about 1 KiB",
            ),
            ParseKind::Use => ("net use", Side::Client, "list is a few KiB"),
            ParseKind::Share => ("net share", Side::Server, "list is a few KiB"),
            ParseKind::Session => (
                "net session",
                Side::Server,
                "list is a few KiB, some hundred KiB on the busiest server",
            ),
            ParseKind::Statistics => ("net statistics", Side::Server, "output is about 2 KiB"),
            ParseKind::Events => (
                "wevtutil qe LOG /f:xml",
                Side::Client,
                "output of lanman's own queries (as `lanman capture` saves them) is far smaller; save fewer events with /c:N",
            ),
        };
        Saved {
            command,
            side,
            typical,
        }
    }
}

/// A saved `net use` (`share == false`) or `net share` list.
fn list(
    ctx: &Context,
    text: &str,
    share: bool,
    saved: Saved,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let refused = |e: parse::ListError| {
        // What the reader recognised (the `net use * /delete` confirmation, one connection's
        // details, the other list) is what the text is, even when it ends in a prompt of the
        // stopped-service shape (use-it-1.txt: `(S/N) [N]:`).
        let decisive = matches!(&e, parse::ListError::NotAList { found } if !matches!(found, parse::Found::Error { .. }));
        not_a_listing(text, saved, &e.to_string(), decisive)
    };
    if share {
        let parsed = parse::parse_net_share(text).map_err(refused)?;
        print(
            ctx,
            out,
            &parsed.warnings,
            || JsonShare {
                parsed: Some(&parsed),
                error: None,
            },
            || output::shares_text(&parsed.list),
        )
    } else {
        let parsed = parse::parse_net_use(text).map_err(refused)?;
        print(
            ctx,
            out,
            &parsed.warnings,
            || JsonUse {
                parsed: Some(&parsed),
                error: None,
            },
            || output::connections_text(&parsed.list),
        )
    }
}

/// A saved `net session` list.
fn session(ctx: &Context, text: &str, saved: Saved, out: &mut Output<'_>) -> Result<(), Error> {
    let parsed = parse::parse_net_session(text).map_err(|e| match e {
        // What the reader recognised (the question of `net session \\X /del`, the
        // confirmation of `net use * /delete`) is what the text is, though it ends in a
        // question of the stopped-service prompt's shape.
        parse::ListError::NotAList {
            found: parse::Found::DeleteConfirmation | parse::Found::DeletePrompt,
        } => Failure::NotUnderstood(e.to_string()),
        parse::ListError::NotAList {
            found: parse::Found::Error { code: Some(5), .. },
        } => Failure::AccessDenied {
            doing: "in the saved output (`net session` was refused)".to_string(),
            who: Denied::Saved,
        },
        e => not_a_listing(text, saved, &e.to_string(), false),
    })?;
    print(
        ctx,
        out,
        &parsed.warnings,
        || output::JsonSessions {
            parsed: Some(&parsed),
            configured: None,
            error: None,
        },
        || output::sessions_text(&parsed.list, None),
    )
}

/// A saved `net statistics server` or `workstation` output.
fn statistics(ctx: &Context, text: &str, saved: Saved, out: &mut Output<'_>) -> Result<(), Error> {
    let parsed = parse::parse_net_statistics(text)
        .map_err(|e| not_a_listing(text, saved, &e.to_string(), false))?;
    print(
        ctx,
        out,
        &parsed.warnings,
        || output::JsonStatistics::new(&parsed),
        || output::statistics_text(&parsed.list),
    )
}

/// A saved `wevtutil qe LOG /f:xml` output (any log; with or without `/e:` root element).
fn events(ctx: &Context, text: &str, out: &mut Output<'_>) -> Result<(), Error> {
    let parsed = parse::events::parse_events(text).map_err(|e| {
        Failure::NotUnderstood(format!(
            "this is not the event XML of `wevtutil qe LOG /f:xml`: {e}"
        ))
    })?;
    let mut warnings = Vec::new();
    if parsed.cut {
        warnings.push(
            "the file ends inside an event: the complete events before it were read".to_string(),
        );
    }
    if parsed.skipped > 0 {
        warnings.push(format!(
            "{} event(s) had no readable time or ID and were left out",
            parsed.skipped
        ));
    }
    print(
        ctx,
        out,
        &warnings,
        || JsonSavedEvents {
            events: Some(&parsed.events),
            error: None,
        },
        || saved_timeline_text(&crate::diagnosis::timeline::timeline(&parsed.events)),
    )
}

/// Why a saved file is not a listing: net.exe's own failure, if that is what was saved
/// (the same texts the live path recognises), else the reader's reason. `decisive`: the
/// reader recognised the text as something else than a failure, and its reason stands.
fn not_a_listing(text: &str, saved: Saved, reason: &str, decisive: bool) -> Failure {
    let Saved { command, side, .. } = saved;
    if decisive {
        return Failure::NotUnderstood(reason.to_string());
    }
    match classify_net_failure(text, "") {
        Some(NetFailure::AccessDenied) => Failure::AccessDenied {
            doing: format!("in the saved output (`{command}` was refused)"),
            who: Denied::Saved,
        },
        // The service the message names, else the one the command needs.
        Some(NetFailure::ServiceNotStarted) => Failure::ServiceNotRunning {
            side: match stopped_service(text, "") {
                Some(Service::Server) => Side::Server,
                Some(Service::Workstation) => Side::Client,
                None => side,
            },
        },
        Some(failure) => match net_says(text, "", &failure) {
            Some(said) => Failure::NotUnderstood(format!(
                "this is net.exe's error, not `{command}` output: {}",
                output::sanitize(&said)
            )),
            None => Failure::NotUnderstood(reason.to_string()),
        },
        None => Failure::NotUnderstood(reason.to_string()),
    }
}

/// The bytes of FILE (or stdin); `saved` is what they should hold, for messages.
fn read_input(file: Option<&Path>, saved: Saved, out: &mut Output<'_>) -> Result<Vec<u8>, Error> {
    let command = saved.command;
    let mut bytes = Vec::new();
    let cannot_read = |what: &str, e: std::io::Error| Failure::File {
        action: "read",
        path: what.to_string(),
        detail: e.to_string(),
    };
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let display = path.display().to_string();
            let file = std::fs::File::open(path).map_err(|e| cannot_read(&display, e))?;
            file.take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| cannot_read(&display, e))?;
        }
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                out.note(&format!("reading `{command}` output from the console; end it with Ctrl+Z then Enter (Ctrl+D elsewhere)"))?;
            }
            stdin
                .lock()
                .take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| cannot_read("stdin", e))?;
        }
    }
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Failure::NotUnderstood(format!(
            "the input is larger than {} MiB; a saved `{command}` {}",
            MAX_INPUT >> 20,
            saved.typical
        ))
        .into());
    }
    Ok(bytes)
}
