//! The `net session` and `net statistics` readers (issue "Measure, don't trust"): the
//! recordings in `fixtures/sessions/`, outputs derived from them (line ends, encodings,
//! pastes), shapes nobody recorded yet (other separators and unit letters, three-digit day
//! counts, other languages), refusals, and generated outputs read back exactly.
//!
//! - `readers`: focused tests, one shape each
//! - `properties`: any text reads without panicking; generated outputs read back exactly

#![allow(clippy::unwrap_used)] // tests panic on purpose
#![allow(unreachable_pub)] // a test binary has no outside

mod properties;
mod readers;

use std::path::Path;

use lanman::decode::{self, Encoding};

/// A recording of `fixtures/sessions/`, decoded as lanman decodes it.
pub fn recording(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sessions")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    decode::decode(&bytes, Encoding::Auto, 437).text
}

/// The idle time as net.exe prints it (docs/windows.md#session-idle-time): `HH<sep>MM<sep>SS`
/// below 24 hours, `DD<d> HH<h> MM<m>` (no seconds) from 24 hours on.
pub fn idle_text(seconds: u64, separator: &str, letters: [&str; 3]) -> String {
    if seconds < 86_400 {
        format!(
            "{:02}{separator}{:02}{separator}{:02}",
            seconds / 3600,
            seconds % 3600 / 60,
            seconds % 60
        )
    } else {
        format!(
            "{:02}{} {:02}{} {:02}{}",
            seconds / 86_400,
            letters[0],
            seconds % 86_400 / 3600,
            letters[1],
            seconds % 3600 / 60,
            letters[2]
        )
    }
}

/// One row in net.exe's format, `\\%-21s%-21s%-17s%6u %-12s` (docs/windows.md#net-session).
pub fn row(computer: &str, user: &str, client_type: &str, opens: u32, idle: &str) -> String {
    format!("\\\\{computer:<21}{user:<21}{client_type:<17}{opens:>6} {idle}")
}
