//! `lanman report PATH...`: read the doctor reports and watch logs (machine::reports), fold each
//! into the fleet as it is read and drop it (report::fleet), render (output::report). Runs
//! nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::ReportFormat;
use crate::context::Context;
use crate::error::{Error, Failure};
use crate::machine::reports::{self, Found};
use crate::output::Output;
use crate::output::report::{self as render, Envelope};
use crate::report::Span;
use crate::report::fleet::Fleet;
use crate::report::input::{self, Input};

/// What `lanman report` was asked for.
pub(super) struct Request {
    pub(super) paths: Vec<PathBuf>,
    pub(super) format: Option<ReportFormat>,
    pub(super) output: Option<PathBuf>,
    pub(super) below: Span,
    pub(super) max_age: Option<Span>,
}

/// The computer a file is named after: `PC01` of `PC01.json` and of `PC01.watch.jsonl`.
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or_default().to_string()
}

pub(super) fn report(ctx: &Context, request: Request, out: &mut Output<'_>) -> Result<(), Error> {
    let format = match (request.format, ctx.json) {
        (None, true) | (Some(ReportFormat::Json), _) => ReportFormat::Json,
        (None, false) => ReportFormat::Text,
        (Some(other), true) => {
            return Err(Failure::InvalidValue(format!(
                "--json asks for the JSON report but --format {} asks for another; use one of them",
                other.name()
            ))
            .into());
        }
        (Some(format), false) => format,
    };
    let now = jiff::Timestamp::now();
    let mut fleet = Fleet::new(request.below, request.max_age);
    let mut files = Vec::new();
    for found in reports::list(&request.paths) {
        match found {
            Found::Skip(skipped) => fleet.skip(skipped),
            Found::File { path, listed } => files.push((path, listed)),
        }
    }
    // Read and parse on every core; fold here, one result at a time.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let max_age = request.max_age;
    reports::read_all(
        files,
        threads,
        |path, bytes| {
            let name = path.display().to_string();
            let parsed = bytes.and_then(|b| input::read(&name, b, now, max_age));
            (name, stem(path), parsed)
        },
        |(name, stem, parsed)| match parsed {
            Ok(Input::Doctor(d)) => fleet.doctor(&name, &stem, *d),
            Ok(Input::Watch(w)) => fleet.watch(&name, &stem, w),
            Err(skipped) => fleet.skip(skipped),
        },
    );
    let read_any = fleet.read_any();
    let report = fleet.finish();
    for s in &report.skipped {
        out.warn(&format!(
            "{}: not read ({}): {}",
            s.file,
            s.reason.code(),
            s.message
        ))?;
    }
    let error = (!read_any).then(|| {
        Error::from(Failure::InvalidValue(if report.counts.files == 0 {
            "no file to read: the folders given are empty".to_string()
        } else {
            format!(
                "no lanman report could be read among {} file(s): each is named with its reason",
                report.counts.files
            )
        }))
    });
    let envelope = Envelope {
        lanman_version: env!("CARGO_PKG_VERSION"),
        generated_at: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
    };
    let error_json = error.as_ref().map(Error::json);
    let render = |w: &mut dyn Write| -> std::io::Result<()> {
        match format {
            ReportFormat::Text => w.write_all(render::text(&report).as_bytes()),
            ReportFormat::Csv => w.write_all(render::csv(&report).as_bytes()),
            ReportFormat::Json => render::json(&report, &envelope, error_json.clone(), w),
            ReportFormat::Html => w.write_all(render::html(&report, &envelope).as_bytes()),
        }
    };
    match &request.output {
        None => {
            out.json_printed = format == ReportFormat::Json;
            render(&mut *out.stdout)?;
        }
        Some(path) => {
            let write = || -> std::io::Result<u64> {
                let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
                // UTF-8; CSV with a byte-order mark, by which Excel knows it is UTF-8.
                if format == ReportFormat::Csv {
                    file.write_all(b"\xEF\xBB\xBF")?;
                }
                render(&mut file)?;
                file.flush()?;
                file.get_ref().metadata().map(|m| m.len())
            };
            let bytes = write().map_err(|e| Failure::cannot_write(path, &e))?;
            out.note(&format!("wrote {} ({bytes} bytes)", path.display()))?;
        }
    }
    match error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
