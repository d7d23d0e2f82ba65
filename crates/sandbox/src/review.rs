//! How the sandbox decides a submitted template: APPROVED, or REJECTED with the reason Meta
//! gives, by the rules behind Meta's most common rejections. The decision depends on the
//! template alone, so the same submission is always decided the same way.
//!
//! The rules (Meta's template guidelines, and its "Template review" page on why templates
//! are rejected; providers repeat them, such as Twilio's error 63040 and Weni's template
//! guide):
//!
//! - a body that starts or ends with a variable;
//! - a variable without a sample value (`example.body_text`, `example.header_text`, or their
//!   `_named_params` forms), or a media header without a sample (`example.header_handle`);
//! - too many variables for the length of the text: Meta does not publish its ratio; the
//!   sandbox asks for at least [`WORDS_PER_VARIABLE`] words of fixed text per variable.
//!
//! Each breach is rejected with `INVALID_FORMAT`, the reason Meta gives for formatting
//! problems (Meta's `message_template_status_update` webhook reference lists the reasons).

use wamm_client::templates::placeholders;
use wamm_client::types::{TemplateComponentDefinition, TemplateExample};

/// Meta's rejection reason for a template whose format breaks its rules.
pub(crate) const INVALID_FORMAT: &str = "INVALID_FORMAT";

/// Words of fixed text a body needs per variable (the sandbox's stand-in for Meta's
/// unpublished "too many variables for the length" ratio).
pub(crate) const WORDS_PER_VARIABLE: usize = 2;

/// Why a template is rejected: Meta's reason and, for people, what broke the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub(crate) reason: &'static str,
    pub(crate) detail: String,
}

/// The first rule `components` break, or `None` when the template would be approved.
pub(crate) fn review(components: &[TemplateComponentDefinition]) -> Option<Rejection> {
    review_at(components, "components").into_iter().next()
}

fn review_at(components: &[TemplateComponentDefinition], at: &str) -> Vec<Rejection> {
    let mut out = Vec::new();
    let reject = |detail: String| Rejection {
        reason: INVALID_FORMAT,
        detail,
    };
    for (i, component) in components.iter().enumerate() {
        let path = format!("{at}[{i}]");
        let kind = component.type_.to_ascii_uppercase();
        let example = component.example.as_ref();
        match kind.as_str() {
            "BODY" => {
                let text = component.text.as_deref().unwrap_or_default();
                let found = placeholders(text);
                let trimmed = text.trim();
                if trimmed.starts_with("{{") || trimmed.ends_with("}}") {
                    out.push(reject(format!(
                        "{path}.text: a body may not start or end with a variable; put fixed \
                         text before and after it"
                    )));
                }
                if !examples_cover(&found, example, Part::Body) {
                    out.push(reject(format!(
                        "{path}.example: every variable of the body needs a sample value \
                         (example.body_text, or example.body_text_named_params for named ones)"
                    )));
                }
                let words = fixed_words(text);
                if !found.is_empty() && words < WORDS_PER_VARIABLE * found.len() {
                    out.push(reject(format!(
                        "{path}.text: {} variables in {words} words of fixed text; a body needs \
                         at least {WORDS_PER_VARIABLE} words per variable",
                        found.len()
                    )));
                }
            }
            "HEADER" => {
                let format = component
                    .format
                    .as_deref()
                    .unwrap_or("TEXT")
                    .to_ascii_uppercase();
                if format == "TEXT" {
                    let found = placeholders(component.text.as_deref().unwrap_or_default());
                    if !examples_cover(&found, example, Part::Header) {
                        out.push(reject(format!(
                            "{path}.example: the header's variable needs a sample value \
                             (example.header_text, or example.header_text_named_params)"
                        )));
                    }
                } else if matches!(format.as_str(), "IMAGE" | "VIDEO" | "DOCUMENT")
                    && example.is_none_or(|e| e.header_handle.is_empty())
                {
                    out.push(reject(format!(
                        "{path}.example.header_handle: a {format} header needs a sample (an \
                         uploaded media handle)"
                    )));
                }
            }
            "CAROUSEL" => {
                for (c, card) in component.cards.iter().enumerate() {
                    out.extend(review_at(
                        &card.components,
                        &format!("{path}.cards[{c}].components"),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Part {
    Header,
    Body,
}

/// Whether every variable in `found` has a sample value.
fn examples_cover(found: &[String], example: Option<&TemplateExample>, part: Part) -> bool {
    if found.is_empty() {
        return true;
    }
    let Some(example) = example else {
        return false;
    };
    let positional: Vec<&String> = match part {
        Part::Body => example.body_text.first().map(|v| v.iter().collect()),
        Part::Header => Some(example.header_text.iter().collect()),
    }
    .unwrap_or_default();
    let named = match part {
        Part::Body => &example.body_text_named_params,
        Part::Header => &example.header_text_named_params,
    };
    found.iter().all(|name| {
        if name.bytes().all(|b| b.is_ascii_digit()) {
            let index: usize = name.parse().unwrap_or(0);
            index >= 1
                && positional
                    .get(index - 1)
                    .is_some_and(|v| !v.trim().is_empty())
        } else {
            named.iter().any(|n| {
                n.param_name == *name && n.example.as_deref().is_some_and(|v| !v.trim().is_empty())
            })
        }
    })
}

/// Words of `text` outside its placeholders.
fn fixed_words(text: &str) -> usize {
    let mut rest = text;
    let mut fixed = String::new();
    while let Some(start) = rest.find("{{") {
        fixed.push_str(&rest[..start]);
        fixed.push(' ');
        match rest[start..].find("}}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
            }
        }
    }
    fixed.push_str(rest);
    fixed
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(text: &str, example: serde_json::Value) -> Vec<TemplateComponentDefinition> {
        serde_json::from_value(json!([{"type": "BODY", "text": text, "example": example}])).unwrap()
    }

    #[test]
    fn a_clean_body_with_samples_is_approved() {
        let ok = body(
            "Hi {{1}}, our sale ends on {{2}}. Shop now!",
            json!({"body_text": [["Ana", "Friday"]]}),
        );
        assert_eq!(review(&ok), None);
        let named = body(
            "Hi {{first_name}}, your code is inside.",
            json!({"body_text_named_params": [{"param_name": "first_name", "example": "Ana"}]}),
        );
        assert_eq!(review(&named), None);
        assert_eq!(review(&body("No variables at all.", json!({}))), None);
    }

    #[test]
    fn each_rule_rejects_with_invalid_format_and_says_where() {
        for (text, example, expected) in [
            (
                "{{1}}, the sale is on.",
                json!({"body_text": [["Ana"]]}),
                "start or end",
            ),
            (
                "The sale is on, {{1}}",
                json!({"body_text": [["Ana"]]}),
                "start or end",
            ),
            ("Hi {{1}}, the sale is on.", json!({}), "sample value"),
            (
                "Hi {{1}} and {{2}}, sale on.",
                json!({"body_text": [["Ana"]]}),
                "sample value",
            ),
            (
                "Hi {{1}} {{2}} {{3}} now.",
                json!({"body_text": [["a", "b", "c"]]}),
                "words per variable",
            ),
        ] {
            let rejection = review(&body(text, example)).expect(text);
            assert_eq!(rejection.reason, INVALID_FORMAT);
            assert!(
                rejection.detail.starts_with("components[0]"),
                "{rejection:?}"
            );
            assert!(rejection.detail.contains(expected), "{text}: {rejection:?}");
        }
    }

    #[test]
    fn media_headers_need_a_sample() {
        let components: Vec<TemplateComponentDefinition> = serde_json::from_value(json!([
            {"type": "HEADER", "format": "IMAGE"},
            {"type": "BODY", "text": "Our new range is here, take a look."}
        ]))
        .unwrap();
        let rejection = review(&components).unwrap();
        assert!(rejection.detail.contains("header_handle"), "{rejection:?}");
    }

    #[test]
    fn fixed_words_skip_placeholders() {
        assert_eq!(fixed_words("Hi {{1}}, and {{name}} - ok"), 3);
        assert_eq!(fixed_words("{{1}}{{2}}"), 0);
        assert_eq!(fixed_words("broken {{1"), 1);
    }
}
