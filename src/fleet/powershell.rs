//! PowerShell text that lanman generates (the DSC configuration, the Intune scripts): ASCII
//! only, so Windows PowerShell 5.1 reads it the same in every code page with or without a
//! byte-order mark; lines end in CRLF, as Windows editors write them.

/// `text` as a PowerShell single-quoted string: nothing inside is expanded, and a `'` is
/// written twice. Only ASCII comes here (the texts are lanman's own): PowerShell also ends a
/// single-quoted string at the typographic quotes U+2018..U+201B, which never occur.
pub(super) fn quoted(text: &str) -> String {
    debug_assert!(text.is_ascii(), "{text:?}");
    format!("'{}'", text.replace('\'', "''"))
}

/// The script with CRLF line ends (it is written with `\n` in lanman's source).
pub(super) fn crlf(script: &str) -> String {
    script.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_quotes_are_doubled() {
        assert_eq!(quoted("it's"), "'it''s'");
        assert_eq!(quoted(r"HKLM:\SYSTEM"), r"'HKLM:\SYSTEM'");
        assert_eq!(quoted("$env:TEMP"), "'$env:TEMP'");
    }

    #[test]
    fn every_line_ends_in_crlf() {
        assert_eq!(crlf("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
    }
}
