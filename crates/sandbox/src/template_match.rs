//! Whether a send's `template.components` fit the template it names, with the codes Meta uses:
//! 132012 for a format mismatch (named vs positional, header media type, button kind), 132000
//! for a wrong number of parameters, 131008 for a missing required value.
//!
//! The body has already matched the spec's schema, so shapes are known; only what the schema
//! cannot know (the template) is checked here.

use std::collections::HashSet;

use serde_json::Value;

use crate::graph_error::GraphFailure;
use crate::templates::{Header, ParameterFormat, Template, TemplateButton};

type Checked = Result<(), GraphFailure>;

/// The components of one level (the template, or one carousel card), sorted by kind.
#[derive(Default)]
struct Parts<'a> {
    header: Option<&'a Value>,
    body: Option<&'a Value>,
    buttons: Vec<&'a Value>,
    limited_time_offer: Option<&'a Value>,
    carousel: Option<&'a Value>,
}

impl<'a> Parts<'a> {
    fn sort(components: &'a [Value], at: &str) -> Result<Self, GraphFailure> {
        let mut parts = Parts::default();
        for component in components {
            let kind = component["type"].as_str().unwrap_or_default();
            let slot = match kind {
                "header" => &mut parts.header,
                "body" => &mut parts.body,
                "limited_time_offer" => &mut parts.limited_time_offer,
                "carousel" => &mut parts.carousel,
                "button" => {
                    parts.buttons.push(component);
                    continue;
                }
                _ => continue,
            };
            if slot.replace(component).is_some() {
                return Err(GraphFailure::invalid_parameter(format!(
                    "{at}: more than one {kind} component"
                )));
            }
        }
        Ok(parts)
    }
}

fn parameters(component: Option<&Value>) -> &[Value] {
    component
        .and_then(|c| c["parameters"].as_array())
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn param_type(param: &Value) -> &str {
    param["type"].as_str().unwrap_or_default()
}

/// Checks `components` (the send's `template.components`, empty when absent) against `tpl`.
pub(crate) fn check(tpl: &Template, components: &[Value]) -> Checked {
    let parts = Parts::sort(components, "template.components")?;
    check_parameter_format(tpl, &parts)?;
    check_header("header", tpl.header, parts.header)?;
    check_body(tpl, parts.body)?;
    check_buttons("", &tpl.name, &tpl.buttons, &parts.buttons)?;
    if parts.limited_time_offer.is_some() && !tpl.limited_time_offer {
        return Err(GraphFailure::parameter_count(format!(
            "limited_time_offer: template {} has no limited-time offer",
            tpl.name
        )));
    }
    check_carousel(tpl, parts.carousel)
}

/// Named templates address every variable by `parameter_name`; positional ones never do.
fn check_parameter_format(tpl: &Template, parts: &Parts<'_>) -> Checked {
    let header_text = parameters(parts.header)
        .iter()
        .enumerate()
        .filter(|(_, p)| param_type(p) == "text")
        .map(|(i, p)| (format!("header.parameters[{i}]"), p));
    let body = parameters(parts.body)
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("body.parameters[{i}]"), p));
    for (at, param) in header_text.chain(body) {
        let named = param.get("parameter_name").is_some();
        match tpl.parameter_format {
            ParameterFormat::Named if !named => {
                return Err(GraphFailure::parameter_format(format!(
                    "{at}: template {} uses named parameters, so every parameter needs a parameter_name",
                    tpl.name
                )));
            }
            ParameterFormat::Positional if named => {
                return Err(GraphFailure::parameter_format(format!(
                    "{at}: template {} uses positional parameters, so parameter_name is not allowed",
                    tpl.name
                )));
            }
            _ => {}
        }
    }
    Ok(())
}

fn upper(kind: &str) -> String {
    kind.to_ascii_uppercase()
}

fn check_header(at: &str, expected: Header, header: Option<&Value>) -> Checked {
    let params = parameters(header);
    let Some(expected_type) = expected.parameter_type() else {
        if header.is_some() {
            return Err(GraphFailure::parameter_count(format!(
                "{at}: number of localizable_params ({}) does not match the expected number of params (0)",
                params.len()
            )));
        }
        return Ok(());
    };
    if params.len() > 1 || (expected == Header::Text && params.is_empty()) {
        return Err(GraphFailure::parameter_count(format!(
            "{at}: number of localizable_params ({}) does not match the expected number of params (1)",
            params.len()
        )));
    }
    let received = params.first().map(param_type).unwrap_or("unknown");
    if received != expected_type {
        return Err(GraphFailure::parameter_format(format!(
            "{at}: Format mismatch, expected {}, received {}",
            upper(expected_type),
            upper(received)
        )));
    }
    Ok(())
}

fn check_body(tpl: &Template, body: Option<&Value>) -> Checked {
    let params = parameters(body);
    if params.len() != tpl.body.len() {
        return Err(GraphFailure::parameter_count(format!(
            "body: number of localizable_params ({}) does not match the expected number of params ({})",
            params.len(),
            tpl.body.len()
        )));
    }
    match tpl.parameter_format {
        ParameterFormat::Positional => {
            for (i, (param, var)) in params.iter().zip(&tpl.body).enumerate() {
                if let Some(kind) = var.kind
                    && param_type(param) != kind.as_str()
                {
                    return Err(GraphFailure::parameter_format(format!(
                        "body.parameters[{i}]: Format mismatch, expected {}, received {}",
                        upper(kind.as_str()),
                        upper(param_type(param))
                    )));
                }
            }
        }
        ParameterFormat::Named => {
            let sent: HashSet<&str> = params
                .iter()
                .filter_map(|p| p["parameter_name"].as_str())
                .collect();
            for var in &tpl.body {
                let name = var.name.as_deref().unwrap_or_default();
                if !sent.contains(name) {
                    return Err(GraphFailure::parameter_missing(format!(
                        "body: parameter {name} is missing (template {} has {})",
                        tpl.name,
                        names(tpl)
                    )));
                }
            }
            for (i, param) in params.iter().enumerate() {
                let name = param["parameter_name"].as_str().unwrap_or_default();
                let Some(var) = tpl.body.iter().find(|v| v.name.as_deref() == Some(name)) else {
                    continue;
                };
                if let Some(kind) = var.kind
                    && param_type(param) != kind.as_str()
                {
                    return Err(GraphFailure::parameter_format(format!(
                        "body.parameters[{i}] ({name}): Format mismatch, expected {}, received {}",
                        upper(kind.as_str()),
                        upper(param_type(param))
                    )));
                }
            }
        }
    }
    Ok(())
}

fn names(tpl: &Template) -> String {
    tpl.body
        .iter()
        .filter_map(|v| v.name.as_deref())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A button's index as sent: a number or a one-digit string (the schema allows both).
fn button_index(button: &Value) -> Option<u8> {
    match &button["index"] {
        Value::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// `prefix` is empty at the top level and `carousel.cards[i].` inside a card.
fn check_buttons(
    prefix: &str,
    template: &str,
    expected: &[TemplateButton],
    sent: &[&Value],
) -> Checked {
    let mut seen = HashSet::new();
    for button in sent {
        let index = button_index(button).unwrap_or(u8::MAX);
        let at = format!("{prefix}button at index {index}");
        if !seen.insert(index) {
            return Err(GraphFailure::invalid_parameter(format!(
                "{at}: given more than once"
            )));
        }
        let Some(spec) = expected.iter().find(|b| b.index == index) else {
            let have: Vec<String> = expected.iter().map(|b| b.index.to_string()).collect();
            return Err(GraphFailure::parameter_count(format!(
                "{at}: template {template} has no button with a parameter there (it has {})",
                if have.is_empty() {
                    "none".to_string()
                } else {
                    format!("buttons at {}", have.join(", "))
                }
            )));
        };
        let sub_type = button["sub_type"].as_str().unwrap_or_default();
        if sub_type != spec.sub_type.as_str() {
            return Err(GraphFailure::parameter_format(format!(
                "{at}: Format mismatch, expected {}, received {}",
                upper(spec.sub_type.as_str()),
                upper(sub_type)
            )));
        }
        let params = parameters(Some(button));
        if params.len() > 1 {
            return Err(GraphFailure::parameter_count(format!(
                "{at}: number of parameters ({}) does not match the expected number of params (1)",
                params.len()
            )));
        }
        if let Some(param) = params.first() {
            let expected_type = spec.sub_type.parameter_type().unwrap_or("none");
            if param_type(param) != expected_type {
                return Err(GraphFailure::parameter_format(format!(
                    "{at}: a {} button takes a {expected_type} parameter, received {}",
                    spec.sub_type.as_str(),
                    param_type(param)
                )));
            }
        } else if spec.sub_type.requires_parameter() {
            return Err(GraphFailure::parameter_missing(format!(
                "{at}: the {} button needs its {} parameter",
                spec.sub_type.as_str(),
                spec.sub_type.parameter_type().unwrap_or_default()
            )));
        }
    }
    for spec in expected {
        if spec.sub_type.requires_parameter() && !seen.contains(&spec.index) {
            return Err(GraphFailure::parameter_missing(format!(
                "{prefix}button at index {}: the {} button needs its {} parameter",
                spec.index,
                spec.sub_type.as_str(),
                spec.sub_type.parameter_type().unwrap_or_default()
            )));
        }
    }
    Ok(())
}

fn check_carousel(tpl: &Template, carousel: Option<&Value>) -> Checked {
    let cards = carousel
        .and_then(|c| c["cards"].as_array())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let Some(spec) = &tpl.carousel else {
        if carousel.is_some() {
            return Err(GraphFailure::parameter_count(format!(
                "carousel: template {} has no carousel",
                tpl.name
            )));
        }
        return Ok(());
    };
    if cards.len() != usize::from(spec.cards) {
        return Err(GraphFailure::parameter_count(format!(
            "carousel: number of cards ({}) does not match the template's ({})",
            cards.len(),
            spec.cards
        )));
    }
    let mut seen = HashSet::new();
    for (i, card) in cards.iter().enumerate() {
        let at = format!("carousel.cards[{i}]");
        let index = card["card_index"].as_u64().unwrap_or(u64::MAX);
        if index >= u64::from(spec.cards) || !seen.insert(index) {
            return Err(GraphFailure::invalid_parameter(format!(
                "{at}.card_index: {index} is repeated or out of range for {} cards",
                spec.cards
            )));
        }
        let components = card["components"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let parts = Parts::sort(components, &format!("{at}.components"))?;
        check_header(&format!("{at}.header"), spec.header, parts.header)?;
        check_buttons(&format!("{at}."), &tpl.name, &spec.buttons, &parts.buttons)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn builtin(name: &str) -> Template {
        Template::builtin()
            .into_iter()
            .find(|t| t.name == name)
            .unwrap()
    }

    fn code(tpl: &str, components: Value) -> i64 {
        match check(&builtin(tpl), components.as_array().unwrap()) {
            Ok(()) => 0,
            Err(f) => f.code,
        }
    }

    fn rich() -> Value {
        json!([
            {"type":"header","parameters":[{"type":"image","image":{"link":"https://cdn.example.org/deal.jpg"}}]},
            {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Marina"},
              {"type":"currency","parameter_name":"price","currency":{"fallback_value":"R$ 149,90","code":"BRL","amount_1000":149900}}]},
            {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1782864000000_u64}}]},
            {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"FLASH42"}]},
            {"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"deal42?src=wa"}]}
        ])
    }

    #[test]
    fn the_rich_example_fits_flash_deal() {
        assert_eq!(code("flash_deal", rich()), 0);
    }

    #[test]
    fn flash_deal_mismatches() {
        let mut c = rich();
        c[0]["parameters"][0] = json!({"type":"video","video":{"id":"1"}});
        assert_eq!(code("flash_deal", c), 132012);

        let mut c = rich();
        c.as_array_mut().unwrap().remove(0);
        assert_eq!(code("flash_deal", c), 132012, "missing media header");

        let mut c = rich();
        c[1]["parameters"].as_array_mut().unwrap().pop();
        assert_eq!(code("flash_deal", c), 132000);

        let mut c = rich();
        c[1]["parameters"][0]
            .as_object_mut()
            .unwrap()
            .remove("parameter_name");
        assert_eq!(
            code("flash_deal", c),
            132012,
            "positional in a named template"
        );

        let mut c = rich();
        c[1]["parameters"][0]["parameter_name"] = json!("name");
        assert_eq!(code("flash_deal", c), 131008);

        let mut c = rich();
        c[3]["sub_type"] = json!("url");
        assert_eq!(code("flash_deal", c), 132012);

        let mut c = rich();
        c.as_array_mut().unwrap().remove(3);
        assert_eq!(code("flash_deal", c), 131008, "coupon missing");

        let mut c = rich();
        c[4]["index"] = json!("5");
        assert_eq!(code("flash_deal", c), 132000);

        let mut c = rich();
        c.as_array_mut().unwrap().remove(4);
        assert_eq!(code("flash_deal", c), 0, "a URL button may be static");
    }

    #[test]
    fn spring_sale_takes_one_positional_text() {
        let ok = json!([{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]);
        assert_eq!(code("spring_sale", ok), 0);
        assert_eq!(code("spring_sale", json!([])), 132000);
        let named = json!([{"type":"body","parameters":[{"type":"text","parameter_name":"n","text":"Ana"}]}]);
        assert_eq!(code("spring_sale", named), 132012);
        let header = json!([{"type":"header","parameters":[{"type":"text","text":"Hi"}]},
                            {"type":"body","parameters":[{"type":"text","text":"Ana"}]}]);
        assert_eq!(code("spring_sale", header), 132000);
        let offer = json!([{"type":"body","parameters":[{"type":"text","text":"Ana"}]},
            {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1}}]}]);
        assert_eq!(code("spring_sale", offer), 132000);
    }

    #[test]
    fn weekend_picks_needs_two_cards() {
        let card = |i: u64| {
            json!({"card_index": i, "components": [
                {"type":"header","parameters":[{"type":"image","image":{"link":"https://x/a.jpg"}}]},
                {"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"a"}]}]})
        };
        let body = json!({"type":"body","parameters":[{"type":"text","text":"Ana"}]});
        let ok = json!([body, {"type":"carousel","cards":[card(0), card(1)]}]);
        assert_eq!(code("weekend_picks", ok), 0);
        let three = json!([body, {"type":"carousel","cards":[card(0), card(1), card(2)]}]);
        assert_eq!(code("weekend_picks", three), 132000);
        let twice = json!([body, {"type":"carousel","cards":[card(0), card(0)]}]);
        assert_eq!(code("weekend_picks", twice), 100);
        let mut video = card(1);
        video["components"][0]["parameters"][0] = json!({"type":"video","video":{"id":"1"}});
        let mixed = json!([body, {"type":"carousel","cards":[card(0), video]}]);
        assert_eq!(code("weekend_picks", mixed), 132012);
        assert_eq!(code("weekend_picks", json!([body])), 132000);
    }
}
