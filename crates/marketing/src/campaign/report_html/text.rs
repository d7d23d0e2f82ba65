//! Text as the page shows it: escaped for HTML (and the SVG inside it), numbers grouped, times
//! in UTC.

/// `text` made safe for an HTML or SVG text node and for a quoted attribute value: the five
/// characters that can end either (`& < > " '`) become entities, and control characters other
/// than tab and newline (which no journal string needs, and which XML forbids) become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `n` with thin groups of three digits: `1 234 567`.
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// `part` out of `whole` as a percentage with one decimal, or `-` when `whole` is 0.
pub(crate) fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

/// Unix ms as `YYYY-MM-DD HH:MM` UTC (`fmt` a strftime pattern).
pub(crate) fn utc(ms: i64, fmt: &str) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime(fmt).to_string())
        .unwrap_or_else(|_| "-".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a browser would read back from an escaped text node.
    fn unescape(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1\u{202F}000");
        assert_eq!(count(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(share(1, 3), "33.3 %");
        assert_eq!(share(1, 0), "-");
    }

    proptest! {
        /// No string can leave its context: what is escaped holds none of the characters
        /// that end a text node, a tag or a quoted attribute, every `&` starts one of our
        /// entities, and a browser reads back the original (control characters aside).
        #[test]
        fn escaped_text_stays_text(s in any::<String>()) {
            let escaped = escape(&s);
            prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            for (i, _) in escaped.match_indices('&') {
                let rest = &escaped[i..];
                prop_assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| rest.starts_with(e)));
            }
            let printable: String = s
                .chars()
                .map(|c| if c.is_control() && c != '\t' && c != '\n' { '\u{FFFD}' } else { c })
                .collect();
            prop_assert_eq!(unescape(&escaped), printable);
        }
    }
}
