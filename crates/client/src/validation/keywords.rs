//! Keywords Meta accepts in any letter case, as `openapi.yaml` writes them: a pattern of one
//! bracket pair per letter (`^[Hh][Ee][Aa][Dd][Ee][Rr]$`), since JSON Schema has no
//! case-insensitive enum. The validator reads them to word its problems; `cargo xtask codegen`
//! (which includes this file by path, to stay buildable when the generated client is stale)
//! reads them to generate the lower-case enum.

/// The lower-case words of a case-insensitive keyword pattern: `^[Hh][Ee]...$` is `header`,
/// `^([Uu][Rr][Ll]|[Ff][Ll][Oo][Ww])$` is `url` and `flow`. `None` for any other pattern.
pub fn case_insensitive_words(pattern: &str) -> Option<Vec<String>> {
    let inner = pattern.strip_prefix('^')?.strip_suffix('$')?;
    let inner = match inner.strip_prefix('(') {
        Some(rest) => rest.strip_suffix(')')?,
        None => inner,
    };
    inner
        .split('|')
        .map(|alternative| {
            let mut word = String::new();
            let mut rest = alternative.as_bytes();
            while let Some(&first) = rest.first() {
                if first == b'_' {
                    word.push('_');
                    rest = &rest[1..];
                    continue;
                }
                match rest {
                    [b'[', upper, lower, b']', ..]
                        if upper.is_ascii_uppercase() && upper.to_ascii_lowercase() == *lower =>
                    {
                        word.push(char::from(*lower));
                        rest = &rest[4..];
                    }
                    _ => return None,
                }
            }
            (!word.is_empty()).then_some(word)
        })
        .collect()
}
