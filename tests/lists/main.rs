//! The readers of `net use` and `net share` lists (issue "Which drive, which server"), on the
//! recordings in `fixtures/lists/`, on derived and invented variants, and on generated tables.
//!
//! - `recordings`: one test per recording, the full result, and the negative matrix
//! - `variants`: CRLF, blank lines, lost indentation, collapsed spaces, prompts, `¥`
//! - `invented`: display languages no table knows, read by structure
//! - `edges`, `refusals`: hand-made corner cases and texts that are no list
//! - `properties`: any text reads without panicking; generated tables read back exactly

#![allow(clippy::unwrap_used)] // tests panic on purpose
#![allow(unreachable_pub)] // a test binary has no outside
#![allow(dead_code)] // each module uses a part of `common`

mod common;

mod edges;
mod invented;
mod properties;
mod recordings;
mod refusals;
mod variants;
