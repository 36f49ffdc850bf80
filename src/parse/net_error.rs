//! Recognising net.exe's failures from what it printed (docs/windows.md#net-errors).
//!
//! net writes errors to stderr and the stopped-service prompt to stdout; both are searched.
//! English and Chinese texts are known. Two shapes do not depend on the display language:
//! the `NET HELPMSG <id>` line (the command name and the message id are never translated) and
//! the prompt `Is it OK to start it? (Y/N) [Y]:` whose `(x/y) [x]:` ending keeps its shape.

use std::sync::LazyLock;

use regex::Regex;

/// A failure net.exe reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetFailure {
    /// `System error 5 has occurred.` / `Access is denied.`
    AccessDenied,
    /// `The Server service is not started.` or the `Is it OK to start it? (Y/N) [Y]:` prompt,
    /// or the service could not be started.
    ServiceNotStarted,
    /// `You entered an invalid value for the /X option.` (3952) or `You used an option with an
    /// invalid value.` (3505). Holds net's line.
    InvalidValue(String),
    /// `The option /X is unknown.` (3506). Holds net's line.
    UnknownOption(String),
    /// `System error N has occurred.` for another N.
    SystemError(u32),
}

static SYSTEM_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)System error ([0-9]+) has occurred|发生系统错误 ([0-9]+)")
        .expect("valid regex")
});

static HELPMSG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)NET HELPMSG ([0-9]+)").expect("valid regex"));

/// `(Y/N) [Y]:` in any language: two one-letter answers and a default in brackets.
///
/// Classes are spelled out (`[0-9]`, not `\d`; one character that is not a delimiter, not
/// `\w`): Unicode's `\d` and `\w` cost the regex compiler about 0.5 ms each, paid at every
/// start of lanman, for the ASCII digits net.exe prints.
static START_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\([^\s/()\[\]]/[^\s/()\[\]]\)\s*\[[^\s/()\[\]]\]\s*[:：]").expect("valid regex")
});

/// net's own words for a failure, in one line: for `System error N has occurred.` the line that
/// explains N (`System error 53: The network path was not found.`), for the others the line
/// the failure was recognised by. None when net printed nothing.
pub fn net_says(stdout: &str, stderr: &str, failure: &NetFailure) -> Option<String> {
    let mut lines = stderr
        .lines()
        .chain(stdout.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty());
    match failure {
        NetFailure::InvalidValue(line) | NetFailure::UnknownOption(line) => Some(line.clone()),
        NetFailure::SystemError(code) => {
            let number = code.to_string();
            let all: Vec<&str> = lines.collect();
            match all.iter().find(|l| !l.contains(&number)) {
                Some(meaning) => Some(format!("System error {code}: {meaning}")),
                None => all.first().map(|l| (*l).to_string()),
            }
        }
        NetFailure::AccessDenied | NetFailure::ServiceNotStarted => {
            lines.next().map(str::to_string)
        }
    }
}

/// Recognise a failure in net's stdout and stderr (decoded).
pub fn classify_net_failure(stdout: &str, stderr: &str) -> Option<NetFailure> {
    let both = format!("{stderr}\n{stdout}");
    let lower = both.to_lowercase();
    let first_line = |needle: &str| {
        both.lines()
            .find(|l| l.to_lowercase().contains(needle))
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    if let Some(c) = SYSTEM_ERROR.captures(&both) {
        let code = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
        return match code {
            Some(5) => Some(NetFailure::AccessDenied),
            // 1058: the service is disabled (a hardened client's Server service, say)
            // (docs/windows.md#net-errors).
            Some(1058) => Some(NetFailure::ServiceNotStarted),
            Some(n) => Some(NetFailure::SystemError(n)),
            None => None,
        };
    }
    if lower.contains("access is denied") || both.contains("拒绝访问") {
        return Some(NetFailure::AccessDenied);
    }
    if lower.contains("service is not started")
        || lower.contains("service could not be started")
        || lower.contains("is it ok to start it")
        || START_PROMPT.is_match(&both)
    {
        return Some(NetFailure::ServiceNotStarted);
    }
    if lower.contains("you entered an invalid value for the") {
        return Some(NetFailure::InvalidValue(first_line(
            "you entered an invalid value",
        )));
    }
    if lower.contains("you used an option with an invalid value") {
        return Some(NetFailure::InvalidValue(first_line("you used an option")));
    }
    if lower.contains("is unknown.") && lower.contains("the option") {
        return Some(NetFailure::UnknownOption(first_line("the option")));
    }
    // Other languages: the message id of the `NET HELPMSG` line (docs/windows.md#net-errors).
    let helpmsg = HELPMSG
        .captures(&both)
        .and_then(|c| c[1].parse::<u32>().ok());
    let first = both
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string();
    match helpmsg {
        Some(3952 | 3505) => Some(NetFailure::InvalidValue(first)),
        Some(3506) => Some(NetFailure::UnknownOption(first)),
        Some(3521 | 3523 | 3547) => Some(NetFailure::ServiceNotStarted),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_says_gives_the_line_that_explains_a_system_error() {
        let stderr = "System error 53 has occurred.\r\n\r\nThe network path was not found.\r\n\r\n";
        let failure = classify_net_failure("", stderr).expect("recognised");
        assert_eq!(failure, NetFailure::SystemError(53));
        assert_eq!(
            net_says("", stderr, &failure).as_deref(),
            Some("System error 53: The network path was not found.")
        );
    }

    #[test]
    fn net_says_reads_a_chinese_system_error_by_its_number() {
        let stderr = "发生系统错误 67。\r\n\r\n找不到网络名。\r\n";
        let failure = classify_net_failure("", stderr).expect("recognised");
        assert_eq!(
            net_says("", stderr, &failure).as_deref(),
            Some("System error 67: 找不到网络名。")
        );
    }

    #[test]
    fn net_says_falls_back_to_the_number_line_and_to_nothing() {
        let only = NetFailure::SystemError(1231);
        assert_eq!(
            net_says("System error 1231 has occurred.\r\n", "", &only).as_deref(),
            Some("System error 1231 has occurred.")
        );
        assert_eq!(net_says("", "  \r\n", &only), None);
    }

    #[test]
    fn a_disabled_service_is_a_service_that_is_not_running() {
        let out = "System error 1058 has occurred.\r\n\r\nThe service cannot be started, either because it is disabled or because it has no enabled devices associated with it.\r\n\r\n";
        assert_eq!(
            classify_net_failure("", out),
            Some(NetFailure::ServiceNotStarted)
        );
    }
}
