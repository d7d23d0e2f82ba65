//! Scaffolding: the request body and the campaign file a template takes, with a named
//! placeholder for each value.

use std::fmt::Write as _;

use serde_json::{Value, json};
use wamm_client::types::{TemplateButtonDefinition, TemplateComponentDefinition};

use super::render::{json_pretty, toml_inline, toml_string};
use super::{Template, TemplateParameterFormat, placeholders};

/// A ready-to-edit request body for a template: every value the template takes, each as a
/// named placeholder ([`scaffold`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Scaffold {
    name: String,
    language: String,
    /// The components, each value a `{{column}}` placeholder.
    components: Vec<Value>,
    columns: Vec<String>,
    notes: Vec<String>,
}

/// Builds the request body `template` takes, with a named placeholder for each value: body
/// and header variables (`first_name` for `{{first_name}}`, `body_1` for `{{1}}`), header
/// media, a limited-time offer's end, the buttons that need a value and each carousel card's.
/// Body values are scaffolded as text: a template does not say which variable is a currency
/// or a date-time.
///
/// ```
/// use marketing::templates::{Template, scaffold};
///
/// let flash_deal: Template = serde_json::from_str(r#"{"id": "2", "name": "flash_deal",
///     "language": "pt_BR", "status": "APPROVED", "category": "MARKETING",
///     "parameter_format": "NAMED", "components": [
///       {"type": "HEADER", "format": "IMAGE"},
///       {"type": "BODY", "text": "Olá {{first_name}}! Hoje por {{price}}."},
///       {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "FLASH42"}]}]}"#)?;
/// let scaffold = scaffold(&flash_deal);
/// assert_eq!(
///     scaffold.columns(),
///     ["header_image_link", "first_name", "price", "button_0_coupon_code"]
/// );
/// let body = scaffold.request_body();
/// assert_eq!(body["template"]["components"][1]["parameters"][0]["text"], "<first_name>");
/// assert!(scaffold.campaign_toml().contains(r#"text = "{{first_name}}""#));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn scaffold(template: &Template) -> Scaffold {
    let mut builder = ScaffoldBuilder {
        named: template.parameter_format == Some(TemplateParameterFormat::Named),
        columns: Vec::new(),
        notes: Vec::new(),
    };
    let components = builder.level(&template.components, "");
    Scaffold {
        name: template.name.clone(),
        language: template.language.clone(),
        components,
        columns: builder.columns,
        notes: builder.notes,
    }
}

impl Scaffold {
    /// The placeholders, in the order they appear: the columns a recipient list needs
    /// (besides the phone number) for [`campaign_toml`](Self::campaign_toml), the `<...>`
    /// values to replace in [`request_body`](Self::request_body).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// What the scaffold could not fill in: components or buttons of a kind this version
    /// does not know, whose values (if any) must be added by hand.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The request body in the API's JSON, with `"<column>"` in place of each value and
    /// `"<phone>"` as the recipient. Replace each one (`expiration_time_ms`, `latitude` and
    /// `longitude` take a number, without quotes); the body is refused until `to` is a phone
    /// number.
    pub fn request_body(&self) -> Value {
        let mut components = Value::Array(self.components.clone());
        angle_placeholders(&mut components);
        let mut template = json!({"name": self.name, "language": {"code": self.language}});
        if !self.components.is_empty() {
            template["components"] = components;
        }
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "<phone>",
            "type": "template",
            "template": template,
        })
    }

    /// [`request_body`](Self::request_body) as text for people: keys in the order the API's
    /// documentation writes them (`type` first), short objects on one line.
    pub fn request_body_pretty(&self) -> String {
        let mut out = String::new();
        json_pretty(&self.request_body(), 0, &mut out);
        out
    }

    /// A campaign file (TOML, the format of `wamm campaign schema`) that sends the template
    /// to a list with a `phone` column and one column per [placeholder](Self::columns).
    pub fn campaign_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# A campaign for the template {} ({}). The recipient list needs a `phone` column",
            self.name, self.language
        );
        if self.columns.is_empty() {
            out.push_str("# and nothing else: the template takes no values.\n");
        } else {
            out.push_str("# and one column for each placeholder:\n");
            let _ = writeln!(out, "#   {}", self.columns.join(", "));
        }
        for note in &self.notes {
            let _ = writeln!(out, "# Note: {note}");
        }
        let _ = writeln!(out, "name = {}", toml_string(&self.name));
        out.push_str("recipient_column = \"phone\"\n");
        out.push_str("messages_per_second = 80\n\n");
        out.push_str("[message.template]\n");
        let _ = writeln!(out, "name = {}", toml_string(&self.name));
        let _ = writeln!(
            out,
            "language = {{ code = {} }}",
            toml_string(&self.language)
        );
        if !self.components.is_empty() {
            out.push_str("components = [\n");
            for component in &self.components {
                out.push_str("  ");
                toml_inline(component, &mut out);
                out.push_str(",\n");
            }
            out.push_str("]\n");
        }
        out
    }
}

/// Builds the components of one level: the template's, or a carousel card's.
struct ScaffoldBuilder {
    named: bool,
    columns: Vec<String>,
    notes: Vec<String>,
}

impl ScaffoldBuilder {
    /// `{{column}}`, remembering the column.
    fn slot(&mut self, column: String) -> Value {
        let value = Value::String(format!("{{{{{column}}}}}"));
        if !self.columns.contains(&column) {
            self.columns.push(column);
        }
        value
    }

    /// Text parameters for the variables `vars` of a header or body.
    fn text_parameters(&mut self, vars: &[String], prefix: &str, part: &str) -> Vec<Value> {
        vars.iter()
            .map(|var| {
                if self.named {
                    let text = self.slot(format!("{prefix}{var}"));
                    json!({"type": "text", "parameter_name": var, "text": text})
                } else {
                    let text = self.slot(format!("{prefix}{part}_{var}"));
                    json!({"type": "text", "text": text})
                }
            })
            .collect()
    }

    /// The components of one level (the template's, or a carousel card's, whose columns start
    /// with `prefix`), in the order Meta's documentation writes them.
    fn level(&mut self, defined: &[TemplateComponentDefinition], prefix: &str) -> Vec<Value> {
        let find = |kind: &str| defined.iter().find(|c| c.type_.eq_ignore_ascii_case(kind));
        let mut components = Vec::new();
        components.extend(find("HEADER").and_then(|header| self.header(header, prefix)));
        components.extend(find("BODY").and_then(|body| self.body(body, prefix)));
        components.extend(find("LIMITED_TIME_OFFER").and_then(|offer| self.offer(offer, prefix)));
        components.extend(self.buttons(defined, prefix));
        components.extend(find("CAROUSEL").map(|carousel| self.carousel(carousel)));
        self.note_unknown_components(defined, prefix);
        components
    }

    /// The header's values: its text variables, or the one media, location or product its
    /// format takes. `None` when it takes none.
    fn header(&mut self, header: &TemplateComponentDefinition, prefix: &str) -> Option<Value> {
        let format = header
            .format
            .as_deref()
            .unwrap_or("TEXT")
            .to_ascii_lowercase();
        let parameters = match format.as_str() {
            "text" => {
                let vars = header.text.as_deref().map(placeholders).unwrap_or_default();
                let parameters = self.text_parameters(&vars, prefix, "header");
                if parameters.is_empty() {
                    return None;
                }
                parameters
            }
            media @ ("image" | "video" | "gif") => {
                let link = self.slot(format!("{prefix}header_{media}_link"));
                vec![json!({"type": media, media: {"link": link}})]
            }
            "document" => {
                let link = self.slot(format!("{prefix}header_document_link"));
                let filename = self.slot(format!("{prefix}header_document_filename"));
                vec![json!({"type": "document", "document": {"link": link, "filename": filename}})]
            }
            "location" => {
                let latitude = self.slot(format!("{prefix}header_latitude"));
                let longitude = self.slot(format!("{prefix}header_longitude"));
                vec![json!({"type": "location", "location": {
                    "latitude": latitude, "longitude": longitude}})]
            }
            "product" => {
                let catalog = self.slot(format!("{prefix}header_catalog_id"));
                let product = self.slot(format!("{prefix}header_product_retailer_id"));
                vec![json!({"type": "product", "product": {
                    "catalog_id": catalog, "product_retailer_id": product}})]
            }
            other => {
                self.notes.push(format!(
                    "a header of format {}{} is new to this version of wamm: add its value by hand",
                    other.to_ascii_uppercase(),
                    card_of(prefix)
                ));
                return None;
            }
        };
        Some(json!({"type": "header", "parameters": parameters}))
    }

    /// The body's text variables; `None` when it has none.
    fn body(&mut self, body: &TemplateComponentDefinition, prefix: &str) -> Option<Value> {
        let vars = body.text.as_deref().map(placeholders).unwrap_or_default();
        let parameters = self.text_parameters(&vars, prefix, "body");
        (!parameters.is_empty()).then(|| json!({"type": "body", "parameters": parameters}))
    }

    /// A limited-time offer's end, when the offer has one.
    fn offer(&mut self, offer: &TemplateComponentDefinition, prefix: &str) -> Option<Value> {
        let expires = offer
            .limited_time_offer
            .as_ref()
            .and_then(|o| o.has_expiration)
            .unwrap_or(false);
        if !expires {
            return None;
        }
        let ends = self.slot(format!("{prefix}offer_expiration_time_ms"));
        Some(json!({"type": "limited_time_offer", "parameters": [
            {"type": "limited_time_offer", "limited_time_offer": {"expiration_time_ms": ends}}]}))
    }

    /// One component for each button that takes a value, indexed as the template lists its
    /// buttons.
    fn buttons(&mut self, defined: &[TemplateComponentDefinition], prefix: &str) -> Vec<Value> {
        let buttons: Vec<&TemplateButtonDefinition> = defined
            .iter()
            .filter(|c| c.type_.eq_ignore_ascii_case("BUTTONS"))
            .flat_map(|c| c.buttons.iter())
            .collect();
        buttons
            .into_iter()
            .enumerate()
            .filter_map(|(index, button)| self.button(index, button, prefix))
            .collect()
    }

    /// The button at `index`, when its type takes a value at send time.
    fn button(
        &mut self,
        index: usize,
        button: &TemplateButtonDefinition,
        prefix: &str,
    ) -> Option<Value> {
        let column = |what: &str| format!("{prefix}button_{index}_{what}");
        let kind = button.type_.to_ascii_uppercase();
        match kind.as_str() {
            "URL" if button.url.as_deref().is_some_and(|u| u.contains("{{")) => {
                let suffix = self.slot(column("url_suffix"));
                Some(json!({"type": "button", "sub_type": "url", "index": index,
                    "parameters": [{"type": "text", "text": suffix}]}))
            }
            "COPY_CODE" => {
                let code = self.slot(column("coupon_code"));
                Some(
                    json!({"type": "button", "sub_type": "copy_code", "index": index,
                    "parameters": [{"type": "coupon_code", "coupon_code": code}]}),
                )
            }
            "MPM" => {
                let thumbnail = self.slot(column("thumbnail_product_retailer_id"));
                let title = self.slot(column("section_title"));
                let product = self.slot(column("product_retailer_id"));
                Some(json!({"type": "button", "sub_type": "mpm", "index": index,
                    "parameters": [{"type": "action", "action": {
                        "thumbnail_product_retailer_id": thumbnail,
                        "sections": [{"title": title, "product_items": [{"product_retailer_id": product}]}]}}]}))
            }
            // No value at send time, or an optional one (a quick reply's payload, a flow's
            // token, a catalog's thumbnail).
            "URL" | "QUICK_REPLY" | "PHONE_NUMBER" | "FLOW" | "CATALOG" | "VOICE_CALL" | "SPM"
            | "OTP" => None,
            other => {
                self.notes.push(format!(
                    "button {index}{} is of type {other}, new to this version of wamm: add its value by hand if it takes one",
                    card_of(prefix)
                ));
                None
            }
        }
    }

    /// The carousel: each card a level of its own, its columns prefixed `card_<index>_`.
    fn carousel(&mut self, carousel: &TemplateComponentDefinition) -> Value {
        let cards: Vec<Value> = carousel
            .cards
            .iter()
            .enumerate()
            .map(|(index, card)| {
                let components = self.level(&card.components, &format!("card_{index}_"));
                json!({"card_index": index, "components": components})
            })
            .collect();
        json!({"type": "carousel", "cards": cards})
    }

    /// A note for each component of a kind this version does not know.
    fn note_unknown_components(&mut self, defined: &[TemplateComponentDefinition], prefix: &str) {
        for component in defined {
            let kind = component.type_.to_ascii_uppercase();
            if !matches!(
                kind.as_str(),
                "HEADER" | "BODY" | "FOOTER" | "BUTTONS" | "LIMITED_TIME_OFFER" | "CAROUSEL"
            ) {
                self.notes.push(format!(
                    "a component of type {kind}{} is new to this version of wamm: add its values by hand if it takes any",
                    card_of(prefix)
                ));
            }
        }
    }
}

/// Where a note is, for a card's level: ` (card 2)` for the prefix `card_2_`; empty for the
/// template's own level.
fn card_of(prefix: &str) -> String {
    if prefix.is_empty() {
        String::new()
    } else {
        format!(" (card {})", prefix.trim_end_matches('_'))
    }
}

/// Turns every `"{{column}}"` string into `"<column>"`.
fn angle_placeholders(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Some(column) = text
                .strip_prefix("{{")
                .and_then(|rest| rest.strip_suffix("}}"))
            {
                *text = format!("<{column}>");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(angle_placeholders),
        Value::Object(map) => map.values_mut().for_each(angle_placeholders),
        _ => {}
    }
}
