//! The scaffold's printers: TOML and JSON written by hand, so that keys come in the order the
//! API's documentation writes them and short values stay on one line, which neither `toml`
//! nor `serde_json` offer.

use serde_json::{Map, Value};

/// A TOML basic string. JSON's escapes are TOML's, but for DEL, which TOML wants escaped.
pub(super) fn toml_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F")
}

/// A TOML key: bare when it can be.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// `value` as an inline TOML value on one line.
pub(super) fn toml_inline(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("\"\""),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&toml_string(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                toml_inline(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => toml_table(map, out),
    }
}

fn toml_table(map: &Map<String, Value>, out: &mut String) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push_str("{ ");
    for (i, key) in ordered_keys(map).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&toml_key(key));
        out.push_str(" = ");
        toml_inline(&map[key], out);
    }
    out.push_str(" }");
}

/// The keys of an object in the order the API's documentation writes them: the envelope,
/// then `type` and what says which one, then the values; others after, alphabetically.
fn ordered_keys(map: &Map<String, Value>) -> Vec<&String> {
    const ORDER: &[&str] = &[
        "messaging_product",
        "recipient_type",
        "to",
        "type",
        "sub_type",
        "index",
        "card_index",
        "parameter_name",
        "name",
        "language",
        "code",
        "text",
        "parameters",
        "components",
        "cards",
        "template",
    ];
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
    keys
}

/// Pretty JSON with [`ordered_keys`]; an object or array that fits in 60 characters stays on
/// one line.
pub(super) fn json_pretty(value: &Value, depth: usize, out: &mut String) {
    let one_line = json_line(value);
    let (open, close, items): (char, char, Vec<(Option<&String>, &Value)>) = match value {
        Value::Object(map) if !map.is_empty() && one_line.len() > 60 => (
            '{',
            '}',
            ordered_keys(map)
                .into_iter()
                .map(|k| (Some(k), &map[k]))
                .collect(),
        ),
        Value::Array(list) if !list.is_empty() && one_line.len() > 60 => {
            ('[', ']', list.iter().map(|v| (None, v)).collect())
        }
        _ => {
            out.push_str(&one_line);
            return;
        }
    };
    let indent = "  ".repeat(depth + 1);
    out.push(open);
    out.push('\n');
    let last = items.len() - 1;
    for (i, (key, item)) in items.into_iter().enumerate() {
        out.push_str(&indent);
        if let Some(key) = key {
            out.push_str(&serde_json::to_string(key).unwrap_or_default());
            out.push_str(": ");
        }
        json_pretty(item, depth + 1, out);
        out.push_str(if i == last { "\n" } else { ",\n" });
    }
    out.push_str(&"  ".repeat(depth));
    out.push(close);
}

/// JSON on one line with [`ordered_keys`], spaced as people write it.
fn json_line(value: &Value) -> String {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let fields: Vec<String> = ordered_keys(map)
                .into_iter()
                .map(|k| {
                    format!(
                        "{}: {}",
                        serde_json::to_string(k).unwrap_or_default(),
                        json_line(&map[k])
                    )
                })
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Value::Array(list) if !list.is_empty() => {
            let items: Vec<String> = list.iter().map(json_line).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn toml_strings_and_keys_are_escaped() {
        assert_eq!(toml_string("a\"b\\c\n\u{7f}"), r#""a\"b\\c\n\u007F""#);
        assert_eq!(toml_key("type"), "type");
        assert_eq!(toml_key("a key"), "\"a key\"");
        let mut out = String::new();
        toml_inline(
            &json!({"text": "{{x}}", "type": "text", "parameter_name": "x"}),
            &mut out,
        );
        assert_eq!(
            out,
            r#"{ type = "text", parameter_name = "x", text = "{{x}}" }"#
        );
    }

    #[test]
    fn pretty_json_is_the_same_value_in_reading_order() {
        let value = json!({"type": "template", "to": "<phone>", "template": {"name": "x",
            "components": [{"parameters": [{"text": "<a>", "type": "text"}], "type": "body"}]},
            "messaging_product": "whatsapp"});
        let mut out = String::new();
        json_pretty(&value, 0, &mut out);
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), value);
        assert!(
            out.starts_with("{\n  \"messaging_product\": \"whatsapp\",\n  \"to\""),
            "{out}"
        );
        assert!(
            out.contains(r#"{ "type": "text", "text": "<a>" }"#),
            "{out}"
        );
    }
}
