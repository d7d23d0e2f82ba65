//! Whether a send fits the template it names: one set of rules, used by `marketing` before a
//! request leaves and by the sandbox to answer as Meta does.
//!
//! The template is Graph's own description of it
//! ([`types::MessageTemplate`](crate::types::MessageTemplate), from
//! `GET /{WABA-ID}/message_templates`); the send is a request body that already passed the
//! spec's schema, with keywords in lower case ([`validation::lower_case_keywords`]). Every
//! mismatch is reported, each with the send's JSON path, what the template expects, and the
//! code Meta answers it with: 132000 (a parameter too many or too few), 132012 (the wrong
//! kind: named against positional, a header of another format, a button of another type),
//! 131008 (a value the template needs is missing), 132001 (not in that language, or not
//! approved), 132015/132016 (paused, disabled), 134100 (not a marketing template).
//!
//! [`validation::lower_case_keywords`]: crate::validation::lower_case_keywords

use std::collections::BTreeSet;

use serde_json::Value;

use crate::types::{
    MessageTemplate, TemplateButtonDefinition, TemplateComponentDefinition, TemplateParameterFormat,
};
use crate::validation::Problem;
use crate::{TemplateCategory, TemplateStatus};

/// Meta's codes for template mismatches.
const COUNT: i64 = 132_000;
const FORMAT: i64 = 132_012;
const MISSING: i64 = 131_008;
const NOT_FOUND: i64 = 132_001;
const PAUSED: i64 = 132_015;
const DISABLED: i64 = 132_016;
const NOT_MARKETING: i64 = 134_100;

/// Checks `body` (a request body, keywords in lower case) against `template`, returning every
/// mismatch, sorted by path. Empty means the send fits.
///
/// ```
/// use serde_json::json;
/// use wamm_client::templates::check;
/// use wamm_client::types::MessageTemplate;
///
/// let template: MessageTemplate = serde_json::from_value(json!({
///     "id": "1", "name": "spring_sale", "language": "en_US", "status": "APPROVED",
///     "category": "MARKETING",
///     "components": [{"type": "BODY", "text": "Hi {{1}}, spring is here!"}]
/// }))?;
/// let two = json!({"template": {"name": "spring_sale", "language": {"code": "en_US"},
///     "components": [{"type": "body", "parameters": [
///         {"type": "text", "text": "Ana"}, {"type": "text", "text": "extra"}]}]}});
/// let problems = check(&two, &template);
/// assert_eq!(problems[0].path(), "template.components[0].parameters");
/// assert_eq!(problems[0].code(), 132000);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn check(body: &Value, template: &MessageTemplate) -> Vec<Problem> {
    let mut problems = Vec::new();
    let name = &template.name;
    match &template.status {
        TemplateStatus::Approved => {}
        TemplateStatus::Paused => problems.push(
            Problem::new(
                "template.name",
                format!("template {name} is paused for low quality"),
            )
            .with_code(PAUSED),
        ),
        TemplateStatus::Disabled => problems.push(
            Problem::new("template.name", format!("template {name} is disabled"))
                .with_code(DISABLED),
        ),
        other => problems.push(
            Problem::new(
                "template.name",
                format!("template {name} is {other}, not APPROVED: it cannot be sent"),
            )
            .with_code(NOT_FOUND),
        ),
    }
    if template.category != TemplateCategory::Marketing {
        problems.push(
            Problem::new(
                "template.name",
                format!(
                    "template {name} is {}: this endpoint sends only MARKETING templates",
                    template.category
                ),
            )
            .with_code(NOT_MARKETING),
        );
    }
    let sent = body["template"]["components"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let named = template.parameter_format == Some(TemplateParameterFormat::Named);
    let level = Level {
        template: name,
        named,
        path: "template.components".to_string(),
    };
    level.check(&template.components, sent, &mut problems);
    problems.sort_by(|a, b| a.path().cmp(b.path()));
    problems
}

/// The placeholders of a text, in order of first appearance, each once: `1`, `2` or `name`.
///
/// ```
/// assert_eq!(
///     wamm_client::templates::placeholders("Hi {{first_name}}, {{price}} for {{first_name}}"),
///     ["first_name", "price"]
/// );
/// ```
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            break;
        };
        let name = after[..end].trim();
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !found.iter().any(|f| f == name)
        {
            found.push(name.to_string());
        }
        rest = &after[end + 2..];
    }
    found
}

/// The send-time parameter a button of this type takes, and whether it must be given.
fn button_parameter(
    button: &TemplateButtonDefinition,
) -> (&'static str, Option<&'static str>, bool) {
    let kind = button.type_.to_ascii_uppercase();
    let dynamic = button.url.as_deref().is_some_and(|u| u.contains("{{"));
    match kind.as_str() {
        "URL" if dynamic => ("url", Some("text"), true),
        "URL" => ("url", None, false),
        "COPY_CODE" => ("copy_code", Some("coupon_code"), true),
        "QUICK_REPLY" => ("quick_reply", Some("payload"), false),
        "FLOW" => ("flow", Some("action"), false),
        "CATALOG" => ("catalog", Some("action"), false),
        "MPM" => ("mpm", Some("action"), true),
        _ => ("", None, false),
    }
}

/// One level of components: the template's, or one carousel card's.
struct Level<'a> {
    template: &'a str,
    named: bool,
    path: String,
}

impl Level<'_> {
    /// Checks the components sent for this level against the ones `defined`, in the order
    /// Meta's documentation lists them.
    fn check(
        &self,
        defined: &[TemplateComponentDefinition],
        sent: &[Value],
        out: &mut Vec<Problem>,
    ) {
        let find = |kind: &str| defined.iter().find(|c| c.type_.eq_ignore_ascii_case(kind));
        let first = |kind: &'static str| sent_of(sent, kind).next();
        self.check_header(find("HEADER"), first("header"), out);
        self.check_body(find("BODY"), first("body"), out);
        self.check_buttons(defined, sent, out);
        self.check_offer(find("LIMITED_TIME_OFFER"), first("limited_time_offer"), out);
        self.check_carousel(find("CAROUSEL"), first("carousel"), out);
    }

    /// The path of the component sent at `i` on this level.
    fn at(&self, i: usize) -> String {
        format!("{}[{i}]", self.path)
    }

    /// The header: as many text parameters as a TEXT header has variables, or the one
    /// parameter of its media, location or product format.
    fn check_header(
        &self,
        header: Option<&TemplateComponentDefinition>,
        sent_header: Option<(usize, &Value)>,
        out: &mut Vec<Problem>,
    ) {
        let format = header
            .and_then(|h| h.format.as_deref())
            .map(str::to_ascii_lowercase);
        match (format.as_deref(), sent_header) {
            (Some("text"), sent_header) => {
                let vars = header
                    .and_then(|h| h.text.as_deref())
                    .map(placeholders)
                    .unwrap_or_default();
                let given = sent_header.map(|(_, c)| parameters(c)).unwrap_or_default();
                self.count(&vars, given, sent_header.map(|(i, _)| i), "header", out);
            }
            (
                Some(media @ ("image" | "video" | "document" | "gif" | "location" | "product")),
                None,
            ) => {
                out.push(
                    Problem::new(
                        self.path.clone(),
                        format!(
                            "template {} has a {} header: give a header component with one {media} parameter",
                            self.template,
                            media.to_ascii_uppercase()
                        ),
                    )
                    .with_code(MISSING),
                );
            }
            (Some(media), Some((i, component))) => {
                let params = parameters(component);
                match params {
                    [one] if one["type"].as_str() == Some(media) => {}
                    [one] => out.push(
                        Problem::new(
                            format!("{}.parameters[0].type", self.at(i)),
                            format!(
                                "template {} has a {} header, so the header takes {media}, not {}",
                                self.template,
                                media.to_ascii_uppercase(),
                                one["type"].as_str().unwrap_or("?")
                            ),
                        )
                        .with_code(FORMAT),
                    ),
                    _ => out.push(
                        Problem::new(
                            format!("{}.parameters", self.at(i)),
                            format!(
                                "the header takes exactly one {media} parameter, got {}",
                                params.len()
                            ),
                        )
                        .with_code(COUNT),
                    ),
                }
            }
            (None, Some((i, _))) => out.push(
                Problem::new(
                    self.at(i),
                    format!(
                        "template {} has no header variable: leave the header out",
                        self.template
                    ),
                )
                .with_code(COUNT),
            ),
            // A header format this version does not know: nothing to check.
            (Some(_), None) | (None, None) => {}
        }
    }

    /// The body: one parameter for each of its text's variables.
    fn check_body(
        &self,
        body: Option<&TemplateComponentDefinition>,
        sent_body: Option<(usize, &Value)>,
        out: &mut Vec<Problem>,
    ) {
        let vars = body
            .and_then(|b| b.text.as_deref())
            .map(placeholders)
            .unwrap_or_default();
        let given = sent_body.map(|(_, c)| parameters(c)).unwrap_or_default();
        self.count(&vars, given, sent_body.map(|(i, _)| i), "body", out);
    }

    /// The buttons, matched by index: each one sent must fit the template's button at that
    /// index, and each button that needs a value must be sent.
    fn check_buttons(
        &self,
        defined: &[TemplateComponentDefinition],
        sent: &[Value],
        out: &mut Vec<Problem>,
    ) {
        let buttons: Vec<&TemplateButtonDefinition> = defined
            .iter()
            .filter(|c| c.type_.eq_ignore_ascii_case("BUTTONS"))
            .flat_map(|c| c.buttons.iter())
            .collect();
        let mut given_indexes = BTreeSet::new();
        for (i, button) in sent_of(sent, "button") {
            let index = match &button["index"] {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.parse().ok(),
                _ => None,
            };
            let Some(index) = index else { continue };
            given_indexes.insert(index);
            self.check_button(i, index, button, &buttons, out);
        }
        for (index, button) in buttons.iter().enumerate() {
            let (sub_type, parameter, required) = button_parameter(button);
            if required && !given_indexes.contains(&(index as u64)) {
                out.push(
                    Problem::new(
                        self.path.clone(),
                        format!(
                            "button {index} of template {} ({}) needs a value: add a button component with sub_type `{sub_type}`, index {index} and one {} parameter",
                            self.template,
                            button.type_,
                            parameter.unwrap_or("text")
                        ),
                    )
                    .with_code(MISSING),
                );
            }
        }
    }

    /// The button component sent at `i` for the template's button `index`: its sub_type is
    /// that button's, and its parameter the kind the button takes.
    fn check_button(
        &self,
        i: usize,
        index: u64,
        button: &Value,
        buttons: &[&TemplateButtonDefinition],
        out: &mut Vec<Problem>,
    ) {
        let Some(defined_button) = buttons.get(index as usize) else {
            out.push(
                Problem::new(
                    format!("{}.index", self.at(i)),
                    format!(
                        "template {} has {} button(s): no button at index {index}",
                        self.template,
                        buttons.len()
                    ),
                )
                .with_code(COUNT),
            );
            return;
        };
        let (sub_type, parameter, _) = button_parameter(defined_button);
        let sent_sub_type = button["sub_type"].as_str().unwrap_or_default();
        if sent_sub_type != sub_type {
            out.push(
                Problem::new(
                    format!("{}.sub_type", self.at(i)),
                    format!(
                        "button {index} of template {} is {}: send it as sub_type `{sub_type}`, not `{sent_sub_type}`",
                        self.template, defined_button.type_
                    ),
                )
                .with_code(FORMAT),
            );
            return;
        }
        let params = parameters(button);
        match parameter {
            None if !params.is_empty() => out.push(
                Problem::new(
                    format!("{}.parameters", self.at(i)),
                    format!(
                        "button {index} of template {} takes no parameter (its URL has no variable)",
                        self.template
                    ),
                )
                .with_code(COUNT),
            ),
            Some(kind) if params.len() > 1 => out.push(
                Problem::new(
                    format!("{}.parameters", self.at(i)),
                    format!("button {index} takes one {kind} parameter, got {}", params.len()),
                )
                .with_code(COUNT),
            ),
            Some(kind) => {
                if let Some(param) = params.first()
                    && param["type"].as_str() != Some(kind)
                {
                    out.push(
                        Problem::new(
                            format!("{}.parameters[0].type", self.at(i)),
                            format!(
                                "button {index} of template {} takes {kind}, not {}",
                                self.template,
                                param["type"].as_str().unwrap_or("?")
                            ),
                        )
                        .with_code(FORMAT),
                    );
                }
            }
            None => {}
        }
    }

    /// The limited-time offer: sent only when the template has one, and sent when its offer
    /// expires.
    fn check_offer(
        &self,
        offer: Option<&TemplateComponentDefinition>,
        sent_offer: Option<(usize, &Value)>,
        out: &mut Vec<Problem>,
    ) {
        match (offer, sent_offer) {
            (None, Some((i, _))) => out.push(
                Problem::new(
                    self.at(i),
                    format!("template {} has no limited-time offer", self.template),
                )
                .with_code(COUNT),
            ),
            (Some(offer), None)
                if offer
                    .limited_time_offer
                    .as_ref()
                    .and_then(|o| o.has_expiration)
                    .unwrap_or(false) =>
            {
                out.push(
                    Problem::new(
                        self.path.clone(),
                        format!(
                            "template {}'s limited-time offer expires: add a limited_time_offer component with expiration_time_ms",
                            self.template
                        ),
                    )
                    .with_code(MISSING),
                );
            }
            _ => {}
        }
    }

    /// The carousel: as many cards as the template has, each card checked as a level of its
    /// own.
    fn check_carousel(
        &self,
        defined: Option<&TemplateComponentDefinition>,
        sent_carousel: Option<(usize, &Value)>,
        out: &mut Vec<Problem>,
    ) {
        let cards = defined.map(|c| c.cards.as_slice());
        match (cards, sent_carousel) {
            (None, Some((i, _))) => out.push(
                Problem::new(
                    self.at(i),
                    format!("template {} is not a carousel", self.template),
                )
                .with_code(COUNT),
            ),
            (Some(cards), None) => out.push(
                Problem::new(
                    self.path.clone(),
                    format!(
                        "template {} is a carousel of {} cards: add a carousel component",
                        self.template,
                        cards.len()
                    ),
                )
                .with_code(MISSING),
            ),
            (Some(cards), Some((i, carousel))) => {
                let sent_cards = carousel["cards"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                if sent_cards.len() != cards.len() {
                    out.push(
                        Problem::new(
                            format!("{}.cards", self.at(i)),
                            format!(
                                "template {} has {} cards, got {}",
                                self.template,
                                cards.len(),
                                sent_cards.len()
                            ),
                        )
                        .with_code(COUNT),
                    );
                }
                for (j, card) in sent_cards.iter().enumerate() {
                    let index = card["card_index"].as_u64().unwrap_or(j as u64) as usize;
                    let Some(defined_card) = cards.get(index) else {
                        out.push(
                            Problem::new(
                                format!("{}.cards[{j}].card_index", self.at(i)),
                                format!("template {} has no card {index}", self.template),
                            )
                            .with_code(COUNT),
                        );
                        continue;
                    };
                    let card_level = Level {
                        template: self.template,
                        named: self.named,
                        path: format!("{}.cards[{j}].components", self.at(i)),
                    };
                    let sent_components = card["components"]
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    card_level.check(&defined_card.components, sent_components, out);
                }
            }
            (None, None) => {}
        }
    }

    /// The parameters given for a text with placeholders `vars`: as many as there are
    /// (positional), or exactly the names (named).
    fn count(
        &self,
        vars: &[String],
        given: &[Value],
        component: Option<usize>,
        what: &str,
        out: &mut Vec<Problem>,
    ) {
        let path = match component {
            Some(i) => format!("{}[{i}].parameters", self.path),
            None => self.path.clone(),
        };
        if self.named {
            let mut names = BTreeSet::new();
            for (k, param) in given.iter().enumerate() {
                match param["parameter_name"].as_str() {
                    None => out.push(
                        Problem::new(
                            format!("{path}[{k}]"),
                            format!(
                                "template {} uses named parameters: give parameter_name ({})",
                                self.template,
                                vars.join(", ")
                            ),
                        )
                        .with_code(FORMAT),
                    ),
                    Some(name) if !vars.iter().any(|v| v == name) => out.push(
                        Problem::new(
                            format!("{path}[{k}].parameter_name"),
                            format!(
                                "template {}'s {what} has no {{{{{name}}}}}: expected {}",
                                self.template,
                                if vars.is_empty() {
                                    "no parameters".to_string()
                                } else {
                                    vars.join(", ")
                                }
                            ),
                        )
                        .with_code(COUNT),
                    ),
                    Some(name) => {
                        names.insert(name);
                    }
                }
            }
            let missing: Vec<&str> = vars
                .iter()
                .map(String::as_str)
                .filter(|v| !names.contains(v))
                .collect();
            if !missing.is_empty() {
                out.push(
                    Problem::new(
                        path,
                        format!(
                            "template {}'s {what} needs {}: missing {}",
                            self.template,
                            vars.join(", "),
                            missing.join(", ")
                        ),
                    )
                    .with_code(MISSING),
                );
            }
            return;
        }
        if let Some((k, _)) = given
            .iter()
            .enumerate()
            .find(|(_, p)| p.get("parameter_name").is_some())
        {
            out.push(
                Problem::new(
                    format!("{path}[{k}].parameter_name"),
                    format!(
                        "template {} uses positional parameters: leave parameter_name out",
                        self.template
                    ),
                )
                .with_code(FORMAT),
            );
        }
        if given.len() != vars.len() {
            out.push(
                Problem::new(
                    path,
                    format!(
                        "template {}'s {what} has {} variable(s), got {} parameter(s)",
                        self.template,
                        vars.len(),
                        given.len()
                    ),
                )
                .with_code(COUNT),
            );
        }
    }
}

/// The components of one kind sent on a level, with their index.
fn sent_of<'v>(sent: &'v [Value], kind: &'static str) -> impl Iterator<Item = (usize, &'v Value)> {
    sent.iter()
        .enumerate()
        .filter(move |(_, c)| c["type"].as_str() == Some(kind))
}

fn parameters(component: &Value) -> &[Value] {
    component["parameters"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template(value: Value) -> MessageTemplate {
        serde_json::from_value(value).expect("a template")
    }

    fn flash_deal() -> MessageTemplate {
        template(json!({
            "id": "2", "name": "flash_deal", "language": "pt_BR", "status": "APPROVED",
            "category": "MARKETING", "parameter_format": "NAMED",
            "components": [
                {"type": "HEADER", "format": "IMAGE"},
                {"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Oferta", "has_expiration": true}},
                {"type": "BODY", "text": "Olá {{first_name}}! Hoje por {{price}}."},
                {"type": "BUTTONS", "buttons": [
                    {"type": "COPY_CODE", "example": "FLASH42"},
                    {"type": "URL", "text": "Comprar", "url": "https://shop.example.org/deal/{{1}}"}
                ]}
            ]
        }))
    }

    fn send(components: Value) -> Value {
        json!({"template": {"name": "flash_deal", "language": {"code": "pt_BR"}, "components": components}})
    }

    fn rich() -> Value {
        json!([
            {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.org/deal.jpg"}}]},
            {"type": "body", "parameters": [
                {"type": "text", "parameter_name": "first_name", "text": "Marina"},
                {"type": "currency", "parameter_name": "price", "currency": {"fallback_value": "R$ 149,90", "code": "BRL", "amount_1000": 149900}}]},
            {"type": "limited_time_offer", "parameters": [{"type": "limited_time_offer", "limited_time_offer": {"expiration_time_ms": 1782864000000_i64}}]},
            {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "FLASH42"}]},
            {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "deal42"}]}
        ])
    }

    fn codes(problems: &[Problem]) -> Vec<(String, i64)> {
        problems
            .iter()
            .map(|p| (p.path().to_string(), p.code()))
            .collect()
    }

    #[test]
    fn the_rich_example_fits_flash_deal() {
        assert_eq!(check(&send(rich()), &flash_deal()), []);
    }

    #[test]
    fn every_mismatch_is_reported_with_its_path_and_code() {
        // Positional parameters for a named template, no header, no offer, a button too many
        // and the coupon sent as a URL.
        let body = send(json!([
            {"type": "body", "parameters": [{"type": "text", "text": "Marina"}, {"type": "text", "text": "R$ 1"}]},
            {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "x"}]},
            {"type": "button", "sub_type": "url", "index": 2, "parameters": [{"type": "text", "text": "x"}]}
        ]));
        let problems = check(&body, &flash_deal());
        let found = codes(&problems);
        for expected in [
            ("template.components".to_string(), MISSING),
            ("template.components[0].parameters[0]".to_string(), FORMAT),
            ("template.components[1].sub_type".to_string(), FORMAT),
            ("template.components[2].index".to_string(), COUNT),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:#?}");
        }
        // The header, the offer and both buttons' missing values are each named.
        let missing: Vec<&str> = problems
            .iter()
            .filter(|p| p.code() == MISSING)
            .map(|p| p.message())
            .collect();
        assert!(
            missing.iter().any(|m| m.contains("IMAGE header")),
            "{missing:#?}"
        );
        assert!(
            missing.iter().any(|m| m.contains("limited-time offer")),
            "{missing:#?}"
        );
        assert!(
            missing.iter().any(|m| m.contains("button 1")),
            "{missing:#?}"
        );
    }

    #[test]
    fn positional_counts_and_names_are_checked() {
        let spring = template(
            json!({"id": "1", "name": "spring_sale", "language": "en_US",
            "status": "APPROVED", "category": "MARKETING",
            "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}),
        );
        let body = |params: Value| json!({"template": {"components": [{"type": "body", "parameters": params}]}});
        assert_eq!(
            check(&body(json!([{"type": "text", "text": "Ana"}])), &spring),
            []
        );
        assert_eq!(
            codes(&check(
                &body(json!([{"type": "text", "text": "Ana"}, {"type": "text", "text": "B"}])),
                &spring
            )),
            [("template.components[0].parameters".to_string(), COUNT)]
        );
        assert_eq!(
            codes(&check(
                &body(json!([{"type": "text", "text": "Ana", "parameter_name": "x"}])),
                &spring
            )),
            [(
                "template.components[0].parameters[0].parameter_name".to_string(),
                FORMAT
            )]
        );
        let named = check(
            &send(
                json!([{"type": "body", "parameters": [{"type": "text", "parameter_name": "nome", "text": "M"}]}]),
            ),
            &flash_deal(),
        );
        assert!(
            named
                .iter()
                .any(|p| p.path().ends_with("parameter_name") && p.code() == COUNT),
            "{named:#?}"
        );
    }

    #[test]
    fn status_and_category_refuse_with_metas_codes() {
        for (status, category, code) in [
            ("PAUSED", "MARKETING", PAUSED),
            ("DISABLED", "MARKETING", DISABLED),
            ("PENDING", "MARKETING", NOT_FOUND),
            ("SOMETHING_NEW", "MARKETING", NOT_FOUND),
            ("APPROVED", "UTILITY", NOT_MARKETING),
        ] {
            let tpl = template(
                json!({"id": "9", "name": "t", "language": "en", "status": status, "category": category}),
            );
            let problems = check(&json!({"template": {}}), &tpl);
            assert_eq!(
                codes(&problems),
                [("template.name".to_string(), code)],
                "{status} {category}"
            );
        }
    }

    #[test]
    fn carousel_cards_are_counted_and_each_card_checked() {
        let picks = template(json!({"id": "3", "name": "weekend_picks", "language": "en",
        "status": "APPROVED", "category": "MARKETING",
        "components": [
            {"type": "BODY", "text": "{{1}}, picks:"},
            {"type": "CAROUSEL", "cards": [
                {"components": [{"type": "HEADER", "format": "IMAGE"}, {"type": "BUTTONS", "buttons": [{"type": "URL", "url": "https://x/{{1}}"}]}]},
                {"components": [{"type": "HEADER", "format": "IMAGE"}, {"type": "BUTTONS", "buttons": [{"type": "URL", "url": "https://x/{{1}}"}]}]}
            ]}]}));
        let card = |i: u64| {
            json!({"card_index": i, "components": [
            {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://x/a.jpg"}}]},
            {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "a"}]}]})
        };
        let body = |cards: Value| {
            json!({"template": {"components": [
            {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]},
            {"type": "carousel", "cards": cards}]}})
        };
        assert_eq!(check(&body(json!([card(0), card(1)])), &picks), []);
        assert_eq!(
            codes(&check(&body(json!([card(0)])), &picks)),
            [("template.components[1].cards".to_string(), COUNT)]
        );
        let no_header = json!({"card_index": 1, "components": [
            {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "a"}]}]});
        assert_eq!(
            codes(&check(&body(json!([card(0), no_header])), &picks)),
            [(
                "template.components[1].cards[1].components".to_string(),
                MISSING
            )]
        );
    }
}
