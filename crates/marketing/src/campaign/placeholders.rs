//! `{{column}}` placeholders in a campaign's message, compiled once and filled per row.

use std::collections::BTreeSet;

use serde_json::{Map, Number, Value};

use super::recipients::Row;

/// Fields the API expects as numbers or booleans: a whole-string placeholder in one of them is
/// converted from the row's text.
const INTEGER_FIELDS: &[&str] = &["amount_1000", "expiration_time_ms", "card_index"];
const NUMBER_FIELDS: &[&str] = &["per_message_bid_multiplier", "latitude", "longitude"];
const BOOLEAN_FIELDS: &[&str] = &["message_activity_sharing"];

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// How a placeholder string becomes a value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Fill {
    /// `"{{col}}"` in an integer field.
    Integer(String),
    /// `"{{col}}"` in a number field.
    Number(String),
    /// `"{{col}}"` in a boolean field.
    Boolean(String),
    /// Text with placeholders: literal pieces and column names, alternating.
    Text(Vec<Piece>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Column(String),
}

#[derive(Clone, Debug)]
struct Slot {
    path: Vec<Step>,
    fill: Fill,
}

/// A campaign's message body with its `{{column}}` placeholders found once, ready to be filled
/// for each row. (Not a Meta template: that is [`crate::templates::Template`], the approved
/// template the message names.)
///
/// ```
/// use marketing::campaign::MessagePattern;
/// use serde_json::json;
///
/// let template = MessagePattern::compile(json!({
///     "template": {"components": [{"type": "body", "parameters": [
///         {"type": "text", "text": "Hi {{first_name}}!"},
///         {"type": "currency", "currency": {"fallback_value": "{{price}}", "code": "USD", "amount_1000": "{{price_1000}}"}}
///     ]}]}
/// }));
/// assert_eq!(template.columns().collect::<Vec<_>>(), ["first_name", "price", "price_1000"]);
/// ```
#[derive(Clone, Debug)]
pub struct MessagePattern {
    base: Value,
    slots: Vec<Slot>,
}

impl MessagePattern {
    /// Finds every placeholder in `body`.
    pub fn compile(body: Value) -> Self {
        let mut slots = Vec::new();
        let mut path = Vec::new();
        find(&body, &mut path, &mut slots);
        Self { base: body, slots }
    }

    /// The columns the placeholders use, sorted, each once.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        let mut set = BTreeSet::new();
        for slot in &self.slots {
            match &slot.fill {
                Fill::Integer(c) | Fill::Number(c) | Fill::Boolean(c) => {
                    set.insert(c.as_str());
                }
                Fill::Text(pieces) => {
                    for piece in pieces {
                        if let Piece::Column(c) = piece {
                            set.insert(c.as_str());
                        }
                    }
                }
            }
        }
        set.into_iter()
    }

    /// Whether a placeholder fills the field at `path` (a validation path such as
    /// `template.components[0].parameters[1].text`) or anything inside it: a problem there
    /// may depend on the row; anywhere else it is in the message itself.
    ///
    /// ```
    /// use marketing::campaign::MessagePattern;
    /// use serde_json::json;
    ///
    /// let template = MessagePattern::compile(json!({"template": {"name": "spring_sale",
    ///     "components": [{"type": "body", "parameters": [{"type": "text", "text": "{{first_name}}"}]}]}}));
    /// assert!(template.has_placeholder_at("template.components[0].parameters[0].text"));
    /// assert!(template.has_placeholder_at("template.components"));
    /// assert!(!template.has_placeholder_at("template.name"));
    /// assert!(!template.has_placeholder_at("template.language"));
    /// ```
    pub fn has_placeholder_at(&self, path: &str) -> bool {
        let steps = parse_path(path);
        self.slots
            .iter()
            .any(|slot| slot.path.len() >= steps.len() && slot.path[..steps.len()] == steps[..])
    }

    /// A row with `value` in every column the placeholders use.
    pub(crate) fn sample_row(&self, value: &str) -> Row {
        Row::new(
            0,
            self.columns()
                .map(|c| (c.to_string(), value.to_string()))
                .collect(),
        )
    }

    /// The message as compiled, placeholders and all: a body to [`fill`](Self::fill).
    ///
    /// ```
    /// use marketing::campaign::MessagePattern;
    /// use serde_json::json;
    ///
    /// let template = MessagePattern::compile(json!({"text": "Hi {{name}}!"}));
    /// assert_eq!(template.unfilled(), json!({"text": "Hi {{name}}!"}));
    /// ```
    pub fn unfilled(&self) -> Value {
        self.base.clone()
    }

    /// The body for one row, or what is wrong with the row's values (`column x: ...`).
    pub fn render(&self, row: &Row) -> Result<Value, String> {
        let mut body = self.base.clone();
        self.fill(row, &mut body)?;
        Ok(body)
    }

    /// Writes `row`'s values into `body`, a copy of the template as compiled or as filled for
    /// an earlier row: only the placeholders' places change, so a campaign fills one body for
    /// all its rows rather than copying the template for each. On an error some places may
    /// hold this row's values; the next fill writes them all again.
    ///
    /// ```
    /// use marketing::campaign::{MessagePattern, Row};
    /// use serde_json::json;
    ///
    /// let template = MessagePattern::compile(json!({"text": "Hi {{name}}!"}));
    /// let row = |line, name: &str| Row::new(line, vec![("name".into(), name.into())]);
    /// let mut body = template.render(&row(1, "Ana"))?;
    /// template.fill(&row(2, "Ben"), &mut body)?;
    /// assert_eq!(body, json!({"text": "Hi Ben!"}));
    /// # Ok::<(), String>(())
    /// ```
    pub fn fill(&self, row: &Row, body: &mut Value) -> Result<(), String> {
        for slot in &self.slots {
            let value = match &slot.fill {
                Fill::Integer(column) => {
                    let text = cell(row, column)?;
                    let n: i64 = text.trim().parse().map_err(|_| {
                        format!(
                            "column `{column}`: {text:?} is not a whole number ({})",
                            field_name(&slot.path)
                        )
                    })?;
                    Value::Number(n.into())
                }
                Fill::Number(column) => {
                    let text = cell(row, column)?;
                    let n = text
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .and_then(Number::from_f64)
                        .ok_or_else(|| {
                            format!(
                                "column `{column}`: {text:?} is not a number ({})",
                                field_name(&slot.path)
                            )
                        })?;
                    Value::Number(n)
                }
                Fill::Boolean(column) => {
                    let text = cell(row, column)?;
                    match text.trim().to_ascii_lowercase().as_str() {
                        "true" | "yes" | "1" => Value::Bool(true),
                        "false" | "no" | "0" => Value::Bool(false),
                        _ => {
                            return Err(format!(
                                "column `{column}`: {text:?} is not true or false ({})",
                                field_name(&slot.path)
                            ));
                        }
                    }
                }
                Fill::Text(pieces) => {
                    // Written over the string already in its place (the last row's), so that
                    // no row allocates one.
                    if let Some(Value::String(out)) = locate(body, &slot.path) {
                        out.clear();
                        for piece in pieces {
                            match piece {
                                Piece::Literal(s) => out.push_str(s),
                                Piece::Column(c) => out.push_str(cell(row, c)?),
                            }
                        }
                        continue;
                    }
                    let mut out = String::new();
                    for piece in pieces {
                        match piece {
                            Piece::Literal(s) => out.push_str(s),
                            Piece::Column(c) => out.push_str(cell(row, c)?),
                        }
                    }
                    Value::String(out)
                }
            };
            if let Some(target) = locate(body, &slot.path) {
                *target = value;
            }
        }
        Ok(())
    }
}

fn cell<'r>(row: &'r Row, column: &str) -> Result<&'r str, String> {
    row.get(column)
        .ok_or_else(|| format!("column `{column}` is missing from this row"))
}

fn field_name(path: &[Step]) -> String {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Step::Key(k) => Some(format!("for `{k}`")),
            Step::Index(_) => None,
        })
        .unwrap_or_default()
}

fn locate<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut at = value;
    for step in path {
        at = match (step, at) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

fn find(value: &Value, path: &mut Vec<Step>, slots: &mut Vec<Slot>) {
    match value {
        Value::Object(map) => find_in_object(map, path, slots),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                find(item, path, slots);
                path.pop();
            }
        }
        Value::String(s) => {
            let pieces = parse(s);
            if !pieces.iter().any(|p| matches!(p, Piece::Column(_))) {
                return;
            }
            let key = path.iter().rev().find_map(|s| match s {
                Step::Key(k) => Some(k.as_str()),
                Step::Index(_) => None,
            });
            let whole = match pieces.as_slice() {
                [Piece::Column(c)] => Some(c.clone()),
                _ => None,
            };
            let fill = match (whole, key) {
                (Some(c), Some(k)) if INTEGER_FIELDS.contains(&k) => Fill::Integer(c),
                (Some(c), Some(k)) if NUMBER_FIELDS.contains(&k) => Fill::Number(c),
                (Some(c), Some(k)) if BOOLEAN_FIELDS.contains(&k) => Fill::Boolean(c),
                _ => Fill::Text(pieces),
            };
            slots.push(Slot {
                path: path.clone(),
                fill,
            });
        }
        _ => {}
    }
}

fn find_in_object(map: &Map<String, Value>, path: &mut Vec<Step>, slots: &mut Vec<Slot>) {
    for (key, item) in map {
        path.push(Step::Key(key.clone()));
        find(item, path, slots);
        path.pop();
    }
}

/// Splits `text` into literals and `{{column}}` names. A `{{` without a closing `}}` is text.
fn parse(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = rest[start + 2..start + 2 + len].trim();
        if name.is_empty() {
            break;
        }
        if start > 0 {
            pieces.push(Piece::Literal(rest[..start].to_string()));
        }
        pieces.push(Piece::Column(name.to_string()));
        rest = &rest[start + 2 + len + 2..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_string()));
    }
    pieces
}

/// `a.b[2].c` as steps; an empty path is the whole body.
fn parse_path(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        while let Some(end) = rest.find(']') {
            if let Some(Ok(i)) = rest.get(1..end).map(str::parse) {
                steps.push(Step::Index(i));
            }
            rest = &rest[end + 1..];
        }
    }
    steps
}
