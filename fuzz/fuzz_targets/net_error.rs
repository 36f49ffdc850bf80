//! Recognising net.exe's failures: any bytes split at the first NUL into stdout and stderr,
//! each decoded, then classified. Must never panic; a failure that quotes net's line quotes a
//! line that is really there.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use lanman::output::sanitize;
use lanman::parse::net_error::{NetFailure, classify_net_failure};

fuzz_target!(|data: &[u8]| {
    let (out, err) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[..0]),
    };
    let stdout = common::text(out);
    let stderr = common::text(err);
    match classify_net_failure(&stdout, &stderr) {
        Some(NetFailure::InvalidValue(line) | NetFailure::UnknownOption(line)) => {
            assert!(!line.contains('\n'), "one line: {line:?}");
            assert!(
                line.is_empty() || stdout.contains(&line) || stderr.contains(&line),
                "{line:?} is not in the output"
            );
            let _ = sanitize(&line);
        }
        Some(_) | None => {}
    }
    // The same texts on the other streams (net writes the prompt to stdout, errors to stderr).
    let _ = classify_net_failure(&stderr, &stdout);
});
