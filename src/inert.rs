//! Echoed user text made inert: a scenario string that reaches a message, a table or a file
//! name in an output can hold newlines, terminal escape codes, NUL or bidirectional overrides.
//! Written as they are, they forge a second `file:line:col: error:` line, recolour or clear
//! the terminal, or reorder what a reader sees. [`inert`] writes them as visible escapes.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal or a one-line message as it is: C0 controls
/// (newline and tab included), DEL, C1 controls, the line and paragraph separators, and the
/// bidirectional marks, embeddings, overrides and isolates.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every hostile character written as an escape (`\n`, `\t`, `\r`, `\u{1b}`,
/// `\u{202e}`); text without one is returned as it is.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hostile(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_and_hostile_text_escaped() {
        assert!(matches!(inert("Supermarkt — vakkenvuller €"), Cow::Borrowed(_)));
        assert_eq!(inert("a\nb.toml:1:1: error: x"), "a\\nb.toml:1:1: error: x");
        assert_eq!(inert("\u{1b}[2J\u{0}"), "\\u{1b}[2J\\u{0}");
        assert_eq!(inert("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(inert("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(inert("tab\there\r"), "tab\\there\\r");
        assert_eq!(inert("\u{2028}"), "\\u{2028}");
    }
}
