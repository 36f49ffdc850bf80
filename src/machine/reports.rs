//! The files `lanman report` reads: the paths named, and the entries of the folders named (not
//! recursively). The files come through a share that many computers can write to, so
//! (docs/windows.md#untrusted-files):
//! - in a folder, a symbolic link or junction is never followed and anything that is not a
//!   regular file (a FIFO, a device, a socket) is never opened: both are judged by
//!   `symlink_metadata`, then again on the opened handle, which is opened without following a
//!   link (`O_NOFOLLOW`; `FILE_FLAG_OPEN_REPARSE_POINT` on Windows) and without waiting
//!   (`O_NONBLOCK`), so a link swapped in between is not followed either;
//! - a file larger than any report lanman writes is refused by the size its handle reports,
//!   before it is read, and the read itself stops one byte past the limit (a file that grows
//!   meanwhile is refused too).

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::report::{
    MAX_DOCTOR_BYTES, MAX_WATCH_BYTES, SNIFF_BYTES, SkipReason, Skipped, input::sniff_watch_log,
};

/// A file to read, or one named with why it is not read.
#[derive(Debug)]
pub(crate) enum Found {
    /// `listed`: found in a folder (never followed if a link), rather than named.
    File {
        path: PathBuf,
        listed: bool,
    },
    Skip(Skipped),
}

fn skip(path: &Path, reason: SkipReason, message: String) -> Found {
    Found::Skip(Skipped {
        file: path.display().to_string(),
        reason,
        message,
    })
}

/// What is not a regular file, in words.
fn kind_words(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_symlink() {
        return "a symbolic link or junction: not followed";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO: not opened";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device: not opened";
        }
        if file_type.is_socket() {
            return "a socket: not opened";
        }
    }
    "not a regular file: not opened"
}

/// The files to read, in order: each path as named, and each folder's entries sorted by name.
/// A path that is named is followed if it is a link (the person named it); an entry of a
/// folder is not.
pub(crate) fn list(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                found.push(skip(path, SkipReason::Unreadable, e.to_string()));
                continue;
            }
        };
        if metadata.is_file() {
            found.push(Found::File {
                path: path.clone(),
                listed: false,
            });
            continue;
        }
        if !metadata.is_dir() {
            found.push(skip(
                path,
                SkipReason::NotAFile,
                kind_words(metadata.file_type()).to_string(),
            ));
            continue;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                found.push(skip(path, SkipReason::Unreadable, e.to_string()));
                continue;
            }
        };
        // The entry's own type (`symlink_metadata`'s, from the listing itself where the system
        // gives it): a link is a link here, not what it points to.
        let mut entries: Vec<(PathBuf, std::io::Result<std::fs::FileType>)> = entries
            .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type())))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (entry, file_type) in entries {
            found.push(match file_type {
                Err(e) => skip(&entry, SkipReason::Unreadable, e.to_string()),
                Ok(t) if t.is_file() => Found::File {
                    path: entry,
                    listed: true,
                },
                Ok(t) if t.is_dir() => skip(
                    &entry,
                    SkipReason::Folder,
                    "a folder: report reads the files of the folders it is given, not their subfolders (name it too)".to_string(),
                ),
                Ok(t) => skip(&entry, SkipReason::NotAFile, kind_words(t).to_string()),
            });
        }
    }
    found
}

/// Open without following a link (when `listed`) and without waiting on a FIFO.
fn open(path: &Path, listed: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if listed {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        if listed {
            options.custom_flags(
                windows_sys::Win32::Storage::FileSystem::FILE_FLAG_OPEN_REPARSE_POINT,
            );
        }
    }
    options.open(path)
}

/// Read one file into `buffer` (cleared first): stat its handle, refuse it by size, then read
/// at most the limit for its kind (a watch log or anything else) plus one byte.
pub(crate) fn read(path: &Path, listed: bool, buffer: &mut Vec<u8>) -> Result<(), Skipped> {
    buffer.clear();
    let fail = |reason: SkipReason, message: String| Skipped {
        file: path.display().to_string(),
        reason,
        message,
    };
    let mut file = open(path, listed).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return fail(
                SkipReason::NotAFile,
                "a symbolic link: not followed".to_string(),
            );
        }
        fail(SkipReason::Unreadable, e.to_string())
    })?;
    let metadata = file
        .metadata()
        .map_err(|e| fail(SkipReason::Unreadable, e.to_string()))?;
    if !metadata.file_type().is_file() {
        return Err(fail(
            SkipReason::NotAFile,
            kind_words(metadata.file_type()).to_string(),
        ));
    }
    let size = metadata.len();
    let mut prefix = [0u8; SNIFF_BYTES];
    let got = read_up_to(&mut file, &mut prefix)
        .map_err(|e| fail(SkipReason::Unreadable, e.to_string()))?;
    let (limit, what) = if sniff_watch_log(&prefix[..got]) {
        (MAX_WATCH_BYTES, "a watch log")
    } else {
        (MAX_DOCTOR_BYTES, "a doctor report")
    };
    let too_large = |bytes: u64| {
        fail(
            SkipReason::TooLarge,
            format!(
                "{bytes} bytes, far more than {what} ({} at most): refused before it was read",
                size_words(limit)
            ),
        )
    };
    if size > limit {
        return Err(too_large(size));
    }
    buffer.reserve(usize::try_from(size).unwrap_or(0));
    buffer.extend_from_slice(&prefix[..got]);
    let rest = limit + 1 - got as u64;
    file.take(rest)
        .read_to_end(buffer)
        .map_err(|e| fail(SkipReason::Unreadable, e.to_string()))?;
    if buffer.len() as u64 > limit {
        return Err(too_large(buffer.len() as u64));
    }
    Ok(())
}

/// Read the files on `threads` threads, each with its own buffer, and hand each file's
/// bytes to `parse` on that thread; `fold` gets the results on the calling thread, as they
/// come (not in order). At most two results per thread wait for `fold`, so memory holds a few
/// files, never all of them.
pub(crate) fn read_all<T: Send>(
    files: Vec<(PathBuf, bool)>,
    threads: usize,
    parse: impl Fn(&Path, Result<&[u8], Skipped>) -> T + Sync,
    mut fold: impl FnMut(T),
) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<T>(threads.max(1) * 2);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let (files, next, parse) = (&files, &next, &parse);
            scope.spawn(move || {
                let mut buffer = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((path, listed)) = files.get(i) else {
                        break;
                    };
                    let bytes = read(path, *listed, &mut buffer).map(|()| buffer.as_slice());
                    if tx.send(parse(path, bytes)).is_err() {
                        break;
                    }
                    // One file's bytes at a time: a large watch log does not stay.
                    buffer.clear();
                    buffer.shrink_to(usize::try_from(MAX_DOCTOR_BYTES).unwrap_or(0));
                }
            });
        }
        drop(tx);
        for result in rx {
            fold(result);
        }
    });
}

fn read_up_to(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buffer.len() {
        match file.read(&mut buffer[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

fn size_words(bytes: u64) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_by_size_and_one_under_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.json");
        let file = File::create(&big).unwrap();
        // Sparse: the size is what is refused; nothing of it is read.
        file.set_len(MAX_DOCTOR_BYTES + 1).unwrap();
        let mut buffer = Vec::new();
        let skipped = read(&big, true, &mut buffer).unwrap_err();
        assert_eq!(skipped.reason, SkipReason::TooLarge);
        assert!(buffer.capacity() < 1024, "nothing was read into the buffer");
        let small = dir.path().join("small.json");
        std::fs::write(&small, b"{}").unwrap();
        read(&small, true, &mut buffer).unwrap();
        assert_eq!(buffer, b"{}");
    }

    #[test]
    fn a_watch_log_may_be_larger_than_a_doctor_report() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("fs01.watch.jsonl");
        let line =
            "{\"time\":\"2026-03-02T08:00:00Z\",\"event\":\"start\",\"watch\":\"sessions\"}\n";
        let text = line.repeat(usize::try_from(MAX_DOCTOR_BYTES).unwrap() / line.len() + 10);
        std::fs::write(&log, &text).unwrap();
        let mut buffer = Vec::new();
        read(&log, true, &mut buffer).unwrap();
        assert_eq!(buffer.len(), text.len());
    }

    // Links and FIFOs as a share's folder may hold them: Unix calls make them here; on Windows
    // a symbolic link needs a privilege the test may not have (the Wine lane runs the rest).
    #[cfg(unix)]
    #[test]
    fn links_fifos_and_folders_in_a_folder_are_named_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a-report.json");
        std::fs::write(&target, b"{}").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("b-link.json")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("c-passwd")).unwrap();
        let fifo = dir.path().join("d-fifo");
        #[allow(clippy::disallowed_methods)] // a test makes a FIFO with the system's mkfifo
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::create_dir(dir.path().join("e-sub")).unwrap();
        let found = list(&[dir.path().to_path_buf()]);
        let summary: Vec<String> = found
            .iter()
            .map(|f| match f {
                Found::File { path, .. } => {
                    format!("read {}", path.file_name().unwrap().to_string_lossy())
                }
                Found::Skip(s) => format!("{} {}", s.reason.code(), s.message),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "read a-report.json",
                "not_a_file a symbolic link or junction: not followed",
                "not_a_file a symbolic link or junction: not followed",
                "not_a_file a FIFO: not opened",
                "folder a folder: report reads the files of the folders it is given, not their subfolders (name it too)",
            ]
        );
        // Even if a link is swapped in after the listing, the read does not follow it, and a
        // FIFO opened by mistake is not waited on.
        let mut buffer = Vec::new();
        let link = read(&dir.path().join("c-passwd"), true, &mut buffer).unwrap_err();
        assert_eq!(link.reason, SkipReason::NotAFile, "{link:?}");
        let fifo = read(&fifo, true, &mut buffer).unwrap_err();
        assert_eq!(fifo.reason, SkipReason::NotAFile, "{fifo:?}");
    }
}
