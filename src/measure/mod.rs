//! Measuring instead of trusting documents (docs/windows.md#measuring): what a session's
//! configured idle limit lets one expect, what two `net statistics` readings corroborate, and
//! the state machines of `lanman watch`. Pure: readings and times in, findings and events out.
//!
//! - `expect`: the configured idle values and, per session, "ends in about N" or "kept open by
//!   N open files" (configured, not measured);
//! - `watch`: drive and session transitions between two polls, and the summary;
//! - `corroborate`: the change of the server's session counters between two readings, for
//!   `watch sessions` and `doctor` (corroboration, never proof).

pub(crate) mod corroborate;
pub(crate) mod expect;
pub(crate) mod watch;
