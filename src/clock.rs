//! The time lanman reads, and the waits of `watch`.
//!
//! Only in the tests' build (the `test-fakes` feature, never a release), the variable
//! `LANMAN_TEST_NOW` (RFC 3339, `2026-03-02T08:00:00Z`) fixes the clock at that time: it then
//! moves only when `watch` waits, by the time it would have waited, and the wait returns at
//! once. So a README sample or a test of several polls prints the same times on every run and
//! takes no time.

use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

/// Now, and the time since the clock was made.
pub(crate) struct Clock {
    began: Instant,
    /// The fixed start and the time waited since (tests only).
    fixed: Option<(Timestamp, Duration)>,
}

impl Clock {
    pub(crate) fn new() -> Clock {
        Clock {
            began: Instant::now(),
            fixed: fixed_start().map(|start| (start, Duration::ZERO)),
        }
    }

    pub(crate) fn now(&self) -> Timestamp {
        match self.fixed {
            Some((start, waited)) => SignedDuration::try_from(waited)
                .ok()
                .and_then(|d| start.checked_add(d).ok())
                .unwrap_or(start),
            None => Timestamp::now(),
        }
    }

    /// The time since the clock was made.
    pub(crate) fn elapsed(&self) -> Duration {
        match self.fixed {
            Some((_, waited)) => waited,
            None => self.began.elapsed(),
        }
    }

    /// Wait `duration`, or less when `stop` receives: `true` when it did.
    pub(crate) fn wait(&mut self, duration: Duration, stop: &Receiver<()>) -> bool {
        match &mut self.fixed {
            Some((_, waited)) => {
                *waited += duration;
                stop.try_recv().is_ok()
            }
            None => stop.recv_timeout(duration).is_ok(),
        }
    }
}

/// Now (a fixed clock's start, in the tests' build).
pub(crate) fn now() -> Timestamp {
    fixed_start().unwrap_or_else(Timestamp::now)
}

#[cfg(feature = "test-fakes")]
fn fixed_start() -> Option<Timestamp> {
    std::env::var("LANMAN_TEST_NOW").ok()?.parse().ok()
}

#[cfg(not(feature = "test-fakes"))]
fn fixed_start() -> Option<Timestamp> {
    None
}
