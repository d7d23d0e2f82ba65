//! Where a JSON path of a template body sits in its TOML file, and which field a byte offset
//! of the file falls in: what lets a problem found on the wire form name the file's line.
//!
//! The file's names differ from the wire's in three places (`ttl`, `max_price`,
//! `creative_features`); [`file_path`] turns one into the other first.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column (in characters), from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text, and to a character
    /// boundary).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Self { line, column }
    }
}

/// One step of a path: a field name or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                out.push(Step::Key(rest[..open].to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                match stripped[..close].parse() {
                    Ok(index) => out.push(Step::Index(index)),
                    Err(_) => out.push(Step::Key(stripped[..close].trim_matches('"').to_string())),
                }
                rest = &stripped[close + 1..];
            }
        } else {
            out.push(Step::Key(rest.to_string()));
        }
    }
    out
}

/// A wire path (`message_send_ttl_seconds`, `optimization_spec.bid_amount`,
/// `degrees_of_freedom_spec.creative_features_spec.image_touchups.enroll_status`) as the
/// file names it (`ttl`, `max_price.amount`, `creative_features.image_touchups`); any other
/// path is the same in both.
///
/// ```
/// use marketing::templates::files::file_path;
///
/// assert_eq!(file_path("message_send_ttl_seconds"), "ttl");
/// assert_eq!(file_path("optimization_spec.bid_strategy"), "max_price.strategy");
/// assert_eq!(
///     file_path("degrees_of_freedom_spec.creative_features_spec.image_touchups.enroll_status"),
///     "creative_features.image_touchups"
/// );
/// assert_eq!(file_path("components[1].text"), "components[1].text");
/// ```
pub fn file_path(wire: &str) -> String {
    let wire = wire.trim_start_matches('$').trim_start_matches('.');
    if wire == "message_send_ttl_seconds" {
        return "ttl".into();
    }
    if let Some(rest) = wire.strip_prefix("optimization_spec") {
        return format!(
            "max_price{}",
            rest.replace(".bid_amount", ".amount")
                .replace(".bid_strategy", ".strategy")
        );
    }
    if let Some(rest) = wire.strip_prefix("degrees_of_freedom_spec") {
        let rest = rest.trim_start_matches(".creative_features_spec");
        return format!(
            "creative_features{}",
            rest.trim_end_matches(".enroll_status")
        );
    }
    wire.to_string()
}

/// The position in `text` of the deepest part of `path` (a file path, see [`file_path`])
/// that the file has: the field itself, or the table or array that should hold it. `None`
/// when `text` is not TOML.
pub(crate) fn locate(text: &str, path: &str) -> Option<Position> {
    let root = DeTable::parse(text).ok()?;
    let mut span = None;
    let mut current: Option<&Spanned<DeValue<'_>>> = None;
    let mut table: &DeTable<'_> = root.get_ref();
    for step in steps(path) {
        let next = match (&step, current) {
            (Step::Key(key), None) => table.get(key.as_str()),
            (Step::Key(key), Some(value)) => match value.get_ref() {
                DeValue::Table(t) => {
                    table = t;
                    table.get(key.as_str())
                }
                _ => None,
            },
            (Step::Index(index), Some(value)) => value.get_ref().get(*index),
            (Step::Index(_), None) => None,
        };
        match next {
            Some(value) => {
                span = Some(value.span());
                current = Some(value);
            }
            None => break,
        }
    }
    let span = span.unwrap_or(0..0);
    Some(Position::of_offset(text, span.start))
}

/// The file path (such as `components[1].buttons[0].url`) of the deepest field whose value
/// holds byte `offset` of `text`; empty at the top level or when `text` is not TOML.
pub(crate) fn path_at(text: &str, offset: usize) -> String {
    let Ok(root) = DeTable::parse(text) else {
        return String::new();
    };
    find_in_table(root.get_ref(), offset, "").unwrap_or_default()
}

// An array of tables (`[[components]]`) is spanned by its header only, so every child is
// searched, not only those whose span holds the offset; the deepest match wins.
fn find_in_table(table: &DeTable<'_>, offset: usize, prefix: &str) -> Option<String> {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        if let Some(found) = find_in_value(value.get_ref(), offset, &path) {
            return Some(found);
        }
        if value.span().contains(&offset) || key.span().contains(&offset) {
            return Some(path);
        }
    }
    None
}

fn find_in_value(value: &DeValue<'_>, offset: usize, path: &str) -> Option<String> {
    match value {
        DeValue::Table(table) => find_in_table(table, offset, path),
        DeValue::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            let here = format!("{path}[{index}]");
            find_in_value(item.get_ref(), offset, &here)
                .or_else(|| item.span().contains(&offset).then_some(here))
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "name = \"spring_sale\"\nttl = \"2d\"\n\n[[components]]\ntype = \"BODY\"\ntext = \"Hi {{1}}\"\n\n[[components]]\ntype = \"BUTTONS\"\nbuttons = [{ type = \"URL\", url = \"https://x.example/{{1}}\" }]\n";

    #[test]
    fn a_wire_path_finds_its_line() {
        assert_eq!(locate(FILE, "name").map(|p| p.line), Some(1));
        assert_eq!(
            locate(FILE, &file_path("message_send_ttl_seconds")).map(|p| p.line),
            Some(2)
        );
        assert_eq!(locate(FILE, "components[0].text").map(|p| p.line), Some(6));
        assert_eq!(
            locate(FILE, "components[1].buttons[0].url").map(|p| p.line),
            Some(10)
        );
        // A field the file lacks points at what should hold it.
        assert_eq!(
            locate(FILE, "components[1].footer").map(|p| p.line),
            Some(8)
        );
    }

    #[test]
    fn an_offset_names_its_field() {
        let offset = FILE.find("https").unwrap();
        assert_eq!(path_at(FILE, offset), "components[1].buttons[0].url");
        assert_eq!(path_at(FILE, FILE.find("2d").unwrap()), "ttl");
    }

    #[test]
    fn positions_count_from_one() {
        assert_eq!(
            Position::of_offset("ab\ncd", 4),
            Position { line: 2, column: 2 }
        );
        assert_eq!(Position::of_offset("é", 1), Position { line: 1, column: 1 });
    }
}
