//! The cross-field rules: what Meta refuses that a schema cannot state. Everything else about
//! a request body is in `openapi.yaml` and checked by the compiled schema.
//!
//! Each rule is one function below, named for what it requires, with the Graph error code
//! Meta refuses a breach with. They read the body as JSON and skip any part whose shape is
//! wrong (the schema reports that), so every rule runs on every body and all problems come
//! back at once.
//!
//! | rule | code |
//! |---|---|
//! | [`one_component_of_each_kind`] | 100 |
//! | [`button_indexes_unique`] | 100 |
//! | [`button_parameters_fit_sub_type`] | 100 |
//! | [`multi_product_total`] | 100 |
//! | [`named_or_positional`] | 132012 |
//! | [`parameter_names_unique`] | 100 |
//! | [`text_whitespace`] | 132018 |
//! | [`header_text_length`] | 132005 |
//! | [`carousel_cards_alike`] | 100 |
//! | [`bid_spec_needs_phone_number`] | 131062 |

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Problem;
use super::describe::show;

/// Longest header text, in characters.
pub const MAX_HEADER_TEXT_CHARS: usize = 60;
/// Most products across all sections of a multi-product (mpm) button.
pub const MAX_MPM_PRODUCTS: usize = 30;
/// Most consecutive spaces Meta allows in a body or header text parameter.
pub const MAX_CONSECUTIVE_SPACES: usize = 4;

/// Runs every rule on `body`, appending what they find.
pub(super) fn check(body: &Value, out: &mut Vec<Problem>) {
    let Some(components) = body
        .pointer("/template/components")
        .and_then(Value::as_array)
    else {
        bid_spec_needs_phone_number(body, out);
        return;
    };
    let at = "template.components";
    one_component_of_each_kind(
        components,
        at,
        &["header", "body", "limited_time_offer", "carousel"],
        out,
    );
    button_indexes_unique(components, at, out);
    named_or_positional(components, out);
    for (i, component) in components.iter().enumerate() {
        let at = format!("{at}[{i}]");
        component_rules(component, &at, out);
        if let Some(cards) = component.get("cards").and_then(Value::as_array) {
            for (j, card) in cards.iter().enumerate() {
                let Some(card_components) = card.get("components").and_then(Value::as_array) else {
                    continue;
                };
                let card_at = format!("{at}.cards[{j}].components");
                one_component_of_each_kind(card_components, &card_at, &["header", "body"], out);
                button_indexes_unique(card_components, &card_at, out);
                for (k, component) in card_components.iter().enumerate() {
                    component_rules(component, &format!("{card_at}[{k}]"), out);
                }
            }
            carousel_cards_alike(cards, &format!("{at}.cards"), out);
        }
    }
    bid_spec_needs_phone_number(body, out);
}

/// The rules that look at one component.
fn component_rules(component: &Value, at: &str, out: &mut Vec<Problem>) {
    let Some(map) = component.as_object() else {
        return;
    };
    match kind(map).as_deref() {
        Some("button") => {
            button_parameters_fit_sub_type(map, at, out);
            multi_product_total(map, at, out);
        }
        Some("body") => {
            parameter_names_unique(map, at, out);
            text_whitespace(map, at, out);
        }
        Some("header") => {
            text_whitespace(map, at, out);
            header_text_length(map, at, out);
        }
        _ => {}
    }
}

/// A component's `type` in lower case (Meta accepts any case).
fn kind(map: &Map<String, Value>) -> Option<String> {
    map.get("type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
}

fn parameters(map: &Map<String, Value>) -> &[Value] {
    map.get("parameters")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A template (and each carousel card) has at most one header, one body, one limited-time
/// offer and one carousel: a second would leave Meta to pick one.
pub fn one_component_of_each_kind(
    components: &[Value],
    at: &str,
    kinds: &[&str],
    out: &mut Vec<Problem>,
) {
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, component) in components.iter().enumerate() {
        let Some(kind) = component.as_object().and_then(kind) else {
            continue;
        };
        if !kinds.contains(&kind.as_str()) {
            continue;
        }
        if let Some(earlier) = first.get(&kind) {
            out.push(Problem::new(
                format!("{at}[{i}].type"),
                format!("a second {kind} component (the first is [{earlier}]); expected one"),
            ));
        } else {
            first.insert(kind, i);
        }
    }
}

/// A button position as Meta reads it: a number, or a string of digits.
fn button_index(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Each button index is given once: two values for one button leave Meta to pick one.
pub fn button_indexes_unique(components: &[Value], at: &str, out: &mut Vec<Problem>) {
    let mut first: BTreeMap<i64, usize> = BTreeMap::new();
    for (i, component) in components.iter().enumerate() {
        let Some(map) = component.as_object() else {
            continue;
        };
        if kind(map).as_deref() != Some("button") {
            continue;
        }
        let Some(index) = map.get("index").and_then(button_index) else {
            continue;
        };
        if let Some(earlier) = first.get(&index) {
            out.push(Problem::new(
                format!("{at}[{i}].index"),
                format!(
                    "button index {index} is already given by [{earlier}]; expected each index once"
                ),
            ));
        } else {
            first.insert(index, i);
        }
    }
}

/// A button's parameters fit its `sub_type`: `quick_reply` takes one `payload`, `url` one
/// `text` (the URL's suffix), `copy_code` one `coupon_code`, `mpm` one `action`; `flow` and
/// `catalog` take one `action` or nothing; `voice_call` takes nothing. An `mpm` action names
/// its thumbnail and its sections.
pub fn button_parameters_fit_sub_type(map: &Map<String, Value>, at: &str, out: &mut Vec<Problem>) {
    let Some(sub_type) = map
        .get("sub_type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
    else {
        return;
    };
    let (expected, optional) = match sub_type.as_str() {
        "quick_reply" => ("payload", false),
        "url" => ("text", false),
        "copy_code" => ("coupon_code", false),
        "mpm" => ("action", false),
        "flow" | "catalog" => ("action", true),
        "voice_call" => {
            if !parameters(map).is_empty() {
                out.push(Problem::new(
                    format!("{at}.parameters"),
                    "a voice_call button takes no parameters",
                ));
            }
            return;
        }
        _ => return,
    };
    let params = parameters(map);
    if params.len() > 1 || (params.is_empty() && !optional) {
        out.push(Problem::new(
            format!("{at}.parameters"),
            format!(
                "{} parameters, expected one `{expected}` parameter for a {sub_type} button",
                params.len()
            ),
        ));
    }
    let Some(param) = params.first() else {
        return;
    };
    if let Some(kind) = param.get("type").and_then(Value::as_str)
        && kind != expected
    {
        out.push(Problem::new(
            format!("{at}.parameters[0].type"),
            format!("\"{kind}\", expected \"{expected}\" for a {sub_type} button"),
        ));
        return;
    }
    if sub_type == "mpm"
        && let Some(action) = param.get("action").and_then(Value::as_object)
    {
        for key in ["thumbnail_product_retailer_id", "sections"] {
            if !action.contains_key(key) {
                out.push(Problem::new(
                    format!("{at}.parameters[0].action.{key}"),
                    "missing, expected for an mpm button (the thumbnail product and 1 to 10 sections)",
                ));
            }
        }
    }
}

/// An mpm button lists at most 30 products across all its sections.
pub fn multi_product_total(map: &Map<String, Value>, at: &str, out: &mut Vec<Problem>) {
    let Some(sections) = parameters(map)
        .first()
        .and_then(|p| p.pointer("/action/sections"))
        .and_then(Value::as_array)
    else {
        return;
    };
    let total: usize = sections
        .iter()
        .filter_map(|s| s.get("product_items").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    if total > MAX_MPM_PRODUCTS {
        out.push(Problem::new(
            format!("{at}.parameters[0].action.sections"),
            format!("{total} products in all, at most {MAX_MPM_PRODUCTS}"),
        ));
    }
}

/// A named template gives `parameter_name` on every header and body variable, a positional
/// one on none; one message cannot mix the two (Meta: 132012).
pub fn named_or_positional(components: &[Value], out: &mut Vec<Problem>) {
    let mut named: Vec<String> = Vec::new();
    let mut positional: Vec<String> = Vec::new();
    for (i, component) in components.iter().enumerate() {
        let Some(map) = component.as_object() else {
            continue;
        };
        if !matches!(kind(map).as_deref(), Some("header" | "body")) {
            continue;
        }
        for (j, param) in parameters(map).iter().enumerate() {
            let Some(kind) = param.get("type").and_then(Value::as_str) else {
                continue;
            };
            if !matches!(kind, "text" | "currency" | "date_time") {
                continue;
            }
            let path = format!("template.components[{i}].parameters[{j}]");
            if param.get("parameter_name").is_some() {
                named.push(path);
            } else {
                positional.push(path);
            }
        }
    }
    if let (Some(first_named), Some(first_positional)) = (named.first(), positional.first()) {
        out.push(
            Problem::new(
                "template.components",
                format!(
                    "named and positional parameters are mixed ({} named, such as {first_named}; {} positional, such as {first_positional}); \
                     a named template needs `parameter_name` on every variable, a positional one on none",
                    named.len(),
                    positional.len()
                ),
            )
            .with_code(132012),
        );
    }
}

/// Each `parameter_name` appears once in a body.
pub fn parameter_names_unique(map: &Map<String, Value>, at: &str, out: &mut Vec<Problem>) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, param) in parameters(map).iter().enumerate() {
        let Some(name) = param.get("parameter_name").and_then(Value::as_str) else {
            continue;
        };
        if let Some(earlier) = first.get(name) {
            out.push(Problem::new(
                format!("{at}.parameters[{i}].parameter_name"),
                format!(
                    "\"{name}\" is already given by parameters[{earlier}]; expected each name once"
                ),
            ));
        } else {
            first.insert(name, i);
        }
    }
}

/// Header and body text parameters hold no newline or tab, never more than four spaces in a
/// row, and more than spaces (Meta: 132018).
pub fn text_whitespace(map: &Map<String, Value>, at: &str, out: &mut Vec<Problem>) {
    for (i, param) in parameters(map).iter().enumerate() {
        if param.get("type").and_then(Value::as_str) != Some("text") {
            continue;
        }
        let Some(text) = param.get("text").and_then(Value::as_str) else {
            continue;
        };
        let path = format!("{at}.parameters[{i}].text");
        let reason = if text.contains(['\n', '\r']) {
            Some("contains a line break")
        } else if text.contains('\t') {
            Some("contains a tab")
        } else if text.contains(&" ".repeat(MAX_CONSECUTIVE_SPACES + 1)) {
            Some("has more than four spaces in a row")
        } else if !text.is_empty() && text.trim().is_empty() {
            Some("is only spaces")
        } else {
            None
        };
        if let Some(reason) = reason {
            out.push(
                Problem::new(
                    path,
                    format!(
                        "{} {reason}; Meta refuses line breaks, tabs and more than four spaces in a row in a variable",
                        show(&Value::String(text.to_string()))
                    ),
                )
                .with_code(132018),
            );
        }
    }
}

/// A header's text variable is at most 60 characters (a body's limit, 1024, is in the schema).
pub fn header_text_length(map: &Map<String, Value>, at: &str, out: &mut Vec<Problem>) {
    for (i, param) in parameters(map).iter().enumerate() {
        let Some(text) = param.get("text").and_then(Value::as_str) else {
            continue;
        };
        let n = text.chars().count();
        if n > MAX_HEADER_TEXT_CHARS {
            out.push(
                Problem::new(
                    format!("{at}.parameters[{i}].text"),
                    format!("{n} characters, at most {MAX_HEADER_TEXT_CHARS} in a header"),
                )
                .with_code(132005),
            );
        }
    }
}

/// What every card of a carousel must share.
#[derive(PartialEq)]
struct CardLayout {
    header: Option<String>,
    buttons: Vec<(i64, String)>,
}

/// Every card of a carousel has the same header media type (image or video) and the same
/// buttons (index and sub_type); each `card_index` is used once.
pub fn carousel_cards_alike(cards: &[Value], at: &str, out: &mut Vec<Problem>) {
    let mut first: Option<(usize, CardLayout)> = None;
    let mut indexes: BTreeMap<i64, usize> = BTreeMap::new();
    for (i, card) in cards.iter().enumerate() {
        if let Some(index) = card.get("card_index").and_then(Value::as_i64) {
            if let Some(earlier) = indexes.get(&index) {
                out.push(Problem::new(
                    format!("{at}[{i}].card_index"),
                    format!(
                        "{index} is already used by cards[{earlier}]; expected each index once"
                    ),
                ));
            } else {
                indexes.insert(index, i);
            }
        }
        let Some(components) = card.get("components").and_then(Value::as_array) else {
            continue;
        };
        let mut layout = CardLayout {
            header: None,
            buttons: Vec::new(),
        };
        for (j, component) in components.iter().enumerate() {
            let Some(map) = component.as_object() else {
                continue;
            };
            match kind(map).as_deref() {
                Some("header") => {
                    let media = parameters(map)
                        .first()
                        .and_then(|p| p.get("type"))
                        .and_then(Value::as_str);
                    if let Some(media) = media
                        && media != "image"
                        && media != "video"
                    {
                        out.push(Problem::new(
                            format!("{at}[{i}].components[{j}].parameters[0].type"),
                            format!("\"{media}\", expected image or video in a carousel card"),
                        ));
                    }
                    layout.header = media.map(str::to_string);
                }
                Some("button") => {
                    if let (Some(index), Some(sub_type)) = (
                        map.get("index").and_then(button_index),
                        map.get("sub_type").and_then(Value::as_str),
                    ) {
                        layout.buttons.push((index, sub_type.to_ascii_lowercase()));
                    }
                }
                _ => {}
            }
        }
        layout.buttons.sort();
        match &first {
            None => first = Some((i, layout)),
            Some((earlier, first_layout)) => {
                if layout.header != first_layout.header {
                    out.push(Problem::new(
                        format!("{at}[{i}].components"),
                        format!(
                            "header {}, but cards[{earlier}] has {}; every card needs the same header media type",
                            layout.header.as_deref().unwrap_or("missing"),
                            first_layout.header.as_deref().unwrap_or("none")
                        ),
                    ));
                }
                if layout.buttons != first_layout.buttons {
                    out.push(Problem::new(
                        format!("{at}[{i}].components"),
                        format!("buttons differ from cards[{earlier}]; every card needs the same button layout"),
                    ));
                }
            }
        }
    }
}

/// `bid_spec` needs a phone number: a message addressed only by BSUID (`recipient` without
/// `to`) cannot carry a bid (Meta: 131062). With both, `to` is used and the bid stands.
pub fn bid_spec_needs_phone_number(body: &Value, out: &mut Vec<Problem>) {
    if body.get("bid_spec").is_some() && body.get("recipient").is_some() && body.get("to").is_none()
    {
        out.push(
            Problem::new(
                "bid_spec",
                "cannot go to a BSUID `recipient` (Meta error 131062); address the user with `to`",
            )
            .with_code(131062),
        );
    }
}
