//! Text from other programs made safe to show: pure, below every layer that prints or reports
//! it (`machine` quotes a child's words in failures; `output` renders them).

/// Text from another program, made visible: control characters (ESC, BEL, NUL …) and the
/// bidirectional overrides that reorder a line become escapes like `\x1b` / `\u{202e}`, so
/// they cannot drive the terminal. JSON escapes them by itself.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push('\t'),
            c if c.is_control() && u32::from(c) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Something a user typed (or a program printed), in double quotes inside a message: visible,
/// with a `"` in it as `\"` and every backslash as it is, so `\\PC 01` reads `"\\PC 01"`
/// (Rust's `{:?}` would double each backslash, which on Windows reads as another path).
pub fn quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        visible(text).replace('\t', "\\t").replace('"', "\\\"")
    )
}

/// Text from another program, made safe to put inside a one-line message: visible, and cut
/// to a sane length.
pub fn sanitize(text: &str) -> String {
    let cleaned = visible(text).replace('\t', " ");
    if cleaned.chars().count() > 200 {
        let cut: String = cleaned.chars().take(200).collect();
        format!("{cut}…")
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_keeps_backslashes_and_escapes_quotes_and_controls() {
        assert_eq!(quoted(r"\\PC 01"), r#""\\PC 01""#);
        assert_eq!(quoted("a\"b"), r#""a\"b""#);
        assert_eq!(quoted("a\tb\x1b"), r#""a\tb\x1b""#);
        assert_eq!(quoted("Büro"), "\"Büro\"");
    }
}
