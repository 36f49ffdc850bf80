//! Text to bytes: how lanman's own output is written (docs/windows.md#console-output).
//!
//! A Windows console program writes UTF-16 to a console (Rust's std does that for lanman), and
//! to a pipe or a file the bytes of the console's output code page (or, without a console, the
//! OEM code page): that is what `for /f` in cmd and Windows PowerShell 5.1 decode a native
//! program's output with. A character the code page lacks becomes `?`, and the caller says so
//! once. The mirror of `decode.rs`.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use oem_cp::code_table::ENCODING_TABLE_CP_MAP;

/// The bytes lanman writes text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    /// Little-endian UTF-16, no byte-order mark (a stream; files get one from their writer).
    Utf16Le,
    /// A Windows code page (OEM 437, 850, 936 … or ANSI 1252 …).
    CodePage(u16),
}

impl std::fmt::Display for Charset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Charset::Utf8 => f.write_str("UTF-8"),
            Charset::Utf16Le => f.write_str("UTF-16LE"),
            Charset::CodePage(cp) => write!(f, "code page {cp}"),
        }
    }
}

/// Encoded text, and whether some character had to become `?`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub replaced: bool,
}

/// Encode `text`. Never fails: a character the charset lacks becomes `?`.
pub fn encode(text: &str, charset: Charset) -> Encoded {
    match charset {
        Charset::Utf8 | Charset::CodePage(65001) => Encoded {
            bytes: text.as_bytes().to_vec(),
            replaced: false,
        },
        Charset::Utf16Le | Charset::CodePage(1200) => Encoded {
            bytes: text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            replaced: false,
        },
        Charset::CodePage(cp) => encode_code_page(text, cp),
    }
}

fn encode_code_page(text: &str, cp: u16) -> Encoded {
    // The DOS/OEM single-byte pages come from oem_cp's tables, the rest (ANSI pages, the
    // double-byte 936/932/949/950) from encoding_rs, as in decode.rs.
    if let Some(table) = ENCODING_TABLE_CP_MAP.get(&cp) {
        let mut replaced = false;
        let bytes = text
            .chars()
            .map(|c| {
                oem_cp::encode_char_checked(c, table).unwrap_or_else(|| {
                    replaced = true;
                    b'?'
                })
            })
            .collect();
        return Encoded { bytes, replaced };
    }
    let Some(encoding) = codepage::to_encoding_no_replacement(cp) else {
        // A code page lanman cannot write: ASCII passes, the rest becomes `?`.
        let mut replaced = false;
        let bytes = text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    replaced = true;
                    b'?'
                }
            })
            .collect();
        return Encoded { bytes, replaced };
    };
    let mut encoder = encoding.new_encoder();
    let mut bytes = Vec::with_capacity(text.len() + 16);
    let mut replaced = false;
    let mut rest = text;
    loop {
        let room = encoder
            .max_buffer_length_from_utf8_without_replacement(rest.len())
            .unwrap_or(rest.len() * 4 + 16);
        let start = bytes.len();
        bytes.resize(start + room, 0);
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut bytes[start..], true);
        bytes.truncate(start + written);
        rest = &rest[read..];
        match result {
            encoding_rs::EncoderResult::InputEmpty => break,
            encoding_rs::EncoderResult::OutputFull => {}
            encoding_rs::EncoderResult::Unmappable(_) => {
                replaced = true;
                bytes.push(b'?');
            }
        }
    }
    Encoded { bytes, replaced }
}

/// How lines end in text written to a file or a pipe (docs/windows.md#console-output): CRLF on
/// Windows, as net.exe and cmd's `echo` write them into the same log, LF elsewhere. A console
/// is written as it always was. Shared between the writers and the command, so that a
/// command whose text is for a Unix shell (a bash completion script) can keep LF.
#[derive(Clone, Debug)]
pub struct LineEnds(Arc<AtomicBool>);

impl LineEnds {
    /// `\n` becomes `\r\n`.
    pub fn crlf() -> LineEnds {
        LineEnds(Arc::new(AtomicBool::new(true)))
    }

    /// Lines end as written.
    pub fn lf() -> LineEnds {
        LineEnds(Arc::new(AtomicBool::new(false)))
    }

    /// This platform's ends for files and pipes: CRLF on Windows.
    pub fn native() -> LineEnds {
        if cfg!(windows) {
            LineEnds::crlf()
        } else {
            LineEnds::lf()
        }
    }

    /// From now on, lines end in LF alone (text for a Unix shell).
    pub fn keep_lf(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    fn is_crlf(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// `\n` as `\r\n`, except where a `\r` already stands before it (`after_cr`: the text before
/// this piece ended in one).
fn with_crlf(text: &str, after_cr: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32 + 2);
    let mut previous_cr = after_cr;
    for c in text.chars() {
        if c == '\n' && !previous_cr {
            out.push('\r');
        }
        out.push(c);
        previous_cr = c == '\r';
    }
    out
}

/// A writer that takes UTF-8 and writes `charset` with the platform's line ends, remembering
/// whether anything became `?`.
pub struct EncodingWriter<W: Write> {
    inner: W,
    charset: Charset,
    /// A UTF-8 sequence cut at the end of the last write.
    pending: Vec<u8>,
    replaced: Arc<AtomicBool>,
    line_ends: LineEnds,
    /// The last character written was `\r`.
    after_cr: bool,
}

impl<W: Write> EncodingWriter<W> {
    /// Lines end as written (see [`EncodingWriter::with_line_ends`]).
    pub fn new(inner: W, charset: Charset, replaced: Arc<AtomicBool>) -> Self {
        EncodingWriter {
            inner,
            charset,
            pending: Vec::new(),
            replaced,
            line_ends: LineEnds::lf(),
            after_cr: false,
        }
    }

    pub fn with_line_ends(mut self, line_ends: LineEnds) -> Self {
        self.line_ends = line_ends;
        self
    }
}

impl<W: Write> Write for EncodingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        // Everything up to the last complete UTF-8 sequence is written now.
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all (lanman only writes text): pass the bytes through.
            Err(_) => {
                let bytes = std::mem::take(&mut self.pending);
                self.inner.write_all(&bytes)?;
                return Ok(buf.len());
            }
        };
        let mut text = String::from_utf8_lossy(&self.pending[..valid]).into_owned();
        self.pending.drain(..valid);
        if self.line_ends.is_crlf() {
            text = with_crlf(&text, self.after_cr);
        }
        if let Some(last) = text.chars().last() {
            self.after_cr = last == '\r';
        }
        let encoded = encode(&text, self.charset);
        if encoded.replaced {
            self.replaced.store(true, Ordering::Relaxed);
        }
        self.inner.write_all(&encoded.bytes)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oem_pages_write_what_decode_reads_back() {
        let text = "Büro ß Øst";
        let cp850 = encode(text, Charset::CodePage(850));
        assert!(!cp850.replaced);
        assert_eq!(
            crate::decode::decode(&cp850.bytes, crate::decode::Encoding::CodePage(850), 437).text,
            text
        );
        // 437 has ü and ß but no Ø.
        let cp437 = encode(text, Charset::CodePage(437));
        assert!(cp437.replaced);
        assert_eq!(cp437.bytes, b"B\x81ro \xe1 ?st");
    }

    #[test]
    fn double_byte_and_ansi_pages_come_from_encoding_rs() {
        let gbk = encode("计算机 x", Charset::CodePage(936));
        assert_eq!(gbk.bytes, [0xBC, 0xC6, 0xCB, 0xE3, 0xBB, 0xFA, b' ', b'x']);
        assert!(!gbk.replaced);
        let ansi = encode("Büro ☃", Charset::CodePage(1252));
        assert_eq!(ansi.bytes, b"B\xfcro ?");
        assert!(ansi.replaced);
    }

    #[test]
    fn utf16_and_utf8_lose_nothing() {
        assert_eq!(encode("Ø", Charset::Utf16Le).bytes, [0xD8, 0x00]);
        assert_eq!(encode("Ø", Charset::CodePage(65001)).bytes, "Ø".as_bytes());
        assert!(!encode("😀", Charset::Utf16Le).replaced);
    }

    #[test]
    fn crlf_line_ends_add_a_cr_once_also_across_writes() {
        let replaced = Arc::new(AtomicBool::new(false));
        let mut out = EncodingWriter::new(Vec::new(), Charset::Utf8, replaced.clone())
            .with_line_ends(LineEnds::crlf());
        out.write_all(b"a\nb\r\nc\r").unwrap();
        out.write_all(b"\nd\n\n").unwrap();
        assert_eq!(out.inner, b"a\r\nb\r\nc\r\nd\r\n\r\n");
        let mut wide = EncodingWriter::new(Vec::new(), Charset::Utf16Le, replaced)
            .with_line_ends(LineEnds::crlf());
        wide.write_all(b"x\n").unwrap();
        assert_eq!(wide.inner, [b'x', 0, b'\r', 0, b'\n', 0]);
    }

    #[test]
    fn keep_lf_turns_crlf_off_for_the_writers_that_share_it() {
        let ends = LineEnds::crlf();
        let mut out =
            EncodingWriter::new(Vec::new(), Charset::Utf8, Arc::new(AtomicBool::new(false)))
                .with_line_ends(ends.clone());
        ends.keep_lf();
        out.write_all(b"#!/bin/bash\n").unwrap();
        assert_eq!(out.inner, b"#!/bin/bash\n");
    }

    #[test]
    fn a_sequence_cut_between_writes_is_encoded_whole() {
        let replaced = Arc::new(AtomicBool::new(false));
        let mut out = EncodingWriter::new(Vec::new(), Charset::CodePage(850), replaced.clone());
        let bytes = "Bü".as_bytes();
        out.write_all(&bytes[..2]).unwrap();
        out.write_all(&bytes[2..]).unwrap();
        assert_eq!(out.inner, b"B\x81");
        assert!(!replaced.load(Ordering::Relaxed));
        out.write_all("☃".as_bytes()).unwrap();
        assert!(replaced.load(Ordering::Relaxed));
    }
}
