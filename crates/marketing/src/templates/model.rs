//! The template file as TOML sees it: the serde model `files` reads, with `deny_unknown_fields`
//! everywhere so a misspelt field is named, and the way back from an account's template to
//! that model (what `pull` writes).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wamm_client::build;
use wamm_client::types::{self, MessageTemplateCreate};

use super::Template;

// ---------------------------------------------------------------------------- the model

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FileModel {
    pub(super) name: String,
    pub(super) language: String,
    pub(super) category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) parameter_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) ttl: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) cta_url_link_tracking_opted_out: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) max_price: Option<MaxPrice>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) creative_features: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) components: Vec<Component>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct MaxPrice {
    pub(super) amount: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) strategy: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Component {
    #[serde(rename = "type")]
    pub(super) type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) example: Option<Example>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) limited_time_offer: Option<Offer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) buttons: Vec<Button>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) cards: Vec<Card>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Example {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) header_text: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) header_text_named_params: Vec<NamedExample>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) header_handle: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) body_text: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) body_text_named_params: Vec<NamedExample>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct NamedExample {
    pub(super) param_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) example: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Offer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) has_expiration: Option<bool>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Button {
    #[serde(rename = "type")]
    pub(super) type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) example: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) flow_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) flow_action: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Card {
    #[serde(default)]
    pub(super) components: Vec<Component>,
}

/// The create request that would make `template` (an account's template as listed) again:
/// what `pull` writes and `plan` compares a file with.
pub fn create_of(template: &Template) -> MessageTemplateCreate {
    build(
        MessageTemplateCreate::builder()
            .name(template.name.clone())
            .language(template.language.clone())
            .category(template.category.clone())
            .parameter_format(template.parameter_format)
            .components(template.components.clone())
            .message_send_ttl_seconds(template.message_send_ttl_seconds)
            .optimization_spec(template.optimization_spec.clone())
            .degrees_of_freedom_spec(
                template
                    .degrees_of_freedom_spec
                    .as_ref()
                    .map(wamm_client::authoring::creative_features),
            )
            .cta_url_link_tracking_opted_out(template.cta_url_link_tracking_opted_out),
    )
}

/// The text of the file for `template`, in the format [`parse`](super::files::parse) reads: a duration for the
/// time-to-live when it is a whole number of days or hours, `max_price` and
/// `[creative_features]` in their short forms.
///
/// ```
/// use marketing::templates::files;
///
/// let text = "name = \"spring_sale\"\nlanguage = \"en_US\"\ncategory = \"MARKETING\"\nttl = \"36h\"\n\n[[components]]\ntype = \"BODY\"\ntext = \"Hi!\"\n";
/// let template = files::parse("spring_sale.en_US.toml", text)?;
/// let written = files::to_toml(&template);
/// assert!(written.contains("ttl = \"36h\""));
/// assert_eq!(files::parse("spring_sale.en_US.toml", &written)?, template);
/// # Ok::<(), Box<files::FileProblem>>(())
/// ```
pub fn to_toml(template: &MessageTemplateCreate) -> String {
    let model = FileModel {
        name: template.name.clone(),
        language: template.language.clone(),
        category: template.category.to_string(),
        parameter_format: template.parameter_format.map(|f| f.to_string()),
        ttl: template.message_send_ttl_seconds.map(ttl_value),
        cta_url_link_tracking_opted_out: template.cta_url_link_tracking_opted_out,
        max_price: template.optimization_spec.as_ref().and_then(|spec| {
            spec.bid_amount.map(|amount| MaxPrice {
                amount: amount.get(),
                strategy: spec.bid_strategy.clone(),
            })
        }),
        creative_features: template
            .degrees_of_freedom_spec
            .as_ref()
            .and_then(|d| d.creative_features_spec.as_ref())
            .map(|spec| {
                spec.iter()
                    .filter_map(|(name, feature)| {
                        let status = feature.enroll_status.as_deref()?;
                        Some((name.clone(), status.to_ascii_lowercase()))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        components: template.components.iter().map(model_component).collect(),
    };
    toml::to_string(&model).unwrap_or_else(|e| format!("# cannot be written as TOML: {e}\n"))
}

fn ttl_value(seconds: i64) -> toml::Value {
    if seconds > 0 && seconds % 86_400 == 0 {
        toml::Value::String(format!("{}d", seconds / 86_400))
    } else if seconds > 0 && seconds % 3_600 == 0 {
        toml::Value::String(format!("{}h", seconds / 3_600))
    } else {
        toml::Value::Integer(seconds)
    }
}

fn model_component(c: &types::TemplateComponentDefinition) -> Component {
    let named = |list: &[types::TemplateNamedExample]| {
        list.iter()
            .map(|n| NamedExample {
                param_name: n.param_name.clone(),
                example: n.example.clone(),
            })
            .collect()
    };
    Component {
        type_: c.type_.clone(),
        format: c.format.clone(),
        text: c.text.clone(),
        example: c.example.as_ref().map(|e| Example {
            header_text: e.header_text.clone(),
            header_text_named_params: named(&e.header_text_named_params),
            header_handle: e.header_handle.clone(),
            body_text: e.body_text.clone(),
            body_text_named_params: named(&e.body_text_named_params),
        }),
        limited_time_offer: c.limited_time_offer.as_ref().map(|o| Offer {
            text: o.text.clone(),
            has_expiration: o.has_expiration,
        }),
        buttons: c
            .buttons
            .iter()
            .map(|b| Button {
                type_: b.type_.clone(),
                text: b.text.clone(),
                url: b.url.clone(),
                phone_number: b.phone_number.clone(),
                example: b
                    .example
                    .as_ref()
                    .and_then(|v| toml::Value::try_from(v).ok()),
                flow_id: b.flow_id.clone(),
                flow_action: b.flow_action.clone(),
            })
            .collect(),
        cards: c
            .cards
            .iter()
            .map(|card| Card {
                components: card.components.iter().map(model_component).collect(),
            })
            .collect(),
    }
}
