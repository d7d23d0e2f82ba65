//! A template's version: a short hash of what it sends and its settings.
//!
//! Meta publishes no version of a template: an edit keeps its ID and name. wamm's version
//! is a fingerprint of the template's content and settings (category, language, parameter
//! format, components with their samples, time-to-live, maximum price, creative features,
//! link tracking), so that a campaign can record which version it sent and `wamm templates
//! plan` can tell a file from the account's template without comparing field by field. Its
//! ID, status, quality and name are not part of it: they are not what a message says or
//! costs, and the name with the language is what finds the template.
//!
//! The hash is over a canonical form: object keys sorted, absent and empty values dropped,
//! component, format and button types in upper case, and Meta's defaults written out
//! (`POSITIONAL` when no parameter format is given, 30 days of time-to-live for marketing and
//! utility templates that set none, link tracking on). So the same template gives the same
//! fingerprint whether it comes from a create body or from Graph's list, in whatever key
//! order, and a change of any of those fields gives another.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::settings::MARKETING_DEFAULT_TTL;
use crate::TemplateCategory;
use crate::types::{
    DegreesOfFreedomSpec, MessageTemplate, MessageTemplateCreate, OptimizationSpec,
    TemplateComponentDefinition, TemplateParameterFormat,
};

/// Hex characters in a fingerprint.
pub const FINGERPRINT_LEN: usize = 12;

/// Marks the canonical form, so that a change to it is a deliberate new version of every
/// fingerprint rather than a silent one.
const FORM: &str = "wamm-template-fingerprint-1";

/// The fingerprint of a template as Graph lists it: 12 lower-case hex characters.
///
/// ```
/// use wamm_client::authoring::{fingerprint, fingerprint_create};
/// use wamm_client::types::{MessageTemplate, MessageTemplateCreate};
///
/// let listed: MessageTemplate = serde_json::from_str(r#"{
///     "id": "1402280517413391", "name": "spring_sale", "language": "en_US",
///     "status": "APPROVED", "category": "MARKETING",
///     "components": [{"type": "BODY", "text": "Our spring sale starts today"}]}"#)?;
/// let created: MessageTemplateCreate = serde_json::from_str(r#"{
///     "components": [{"text": "Our spring sale starts today", "type": "body"}],
///     "category": "MARKETING", "language": "en_US", "name": "spring_sale"}"#)?;
/// assert_eq!(fingerprint(&listed).len(), 12);
/// assert_eq!(fingerprint(&listed), fingerprint_create(&created));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn fingerprint(template: &MessageTemplate) -> String {
    Parts {
        category: &template.category,
        language: &template.language,
        parameter_format: template.parameter_format.as_ref(),
        components: &template.components,
        ttl: template.message_send_ttl_seconds,
        optimization: template.optimization_spec.as_ref(),
        creative: template.degrees_of_freedom_spec.as_ref(),
        link_tracking_opted_out: template.cta_url_link_tracking_opted_out,
    }
    .hash()
}

/// The fingerprint of a create body: the same as [`fingerprint`] of the template it
/// becomes once Meta has it. See [`fingerprint`] for an example.
pub fn fingerprint_create(template: &MessageTemplateCreate) -> String {
    Parts {
        category: &template.category,
        language: &template.language,
        parameter_format: template.parameter_format.as_ref(),
        components: &template.components,
        ttl: template.message_send_ttl_seconds,
        optimization: template.optimization_spec.as_ref(),
        creative: template.degrees_of_freedom_spec.as_ref(),
        link_tracking_opted_out: template.cta_url_link_tracking_opted_out,
    }
    .hash()
}

/// What a fingerprint covers.
struct Parts<'a> {
    category: &'a TemplateCategory,
    language: &'a str,
    parameter_format: Option<&'a TemplateParameterFormat>,
    components: &'a [TemplateComponentDefinition],
    ttl: Option<i64>,
    optimization: Option<&'a OptimizationSpec>,
    creative: Option<&'a DegreesOfFreedomSpec>,
    link_tracking_opted_out: Option<bool>,
}

impl Parts<'_> {
    fn hash(&self) -> String {
        let parameter_format = match self.parameter_format {
            Some(TemplateParameterFormat::Named) => "NAMED",
            Some(TemplateParameterFormat::Positional) | None => "POSITIONAL",
        };
        let ttl = self.ttl.or(match self.category {
            TemplateCategory::Marketing | TemplateCategory::Utility => Some(MARKETING_DEFAULT_TTL),
            _ => None,
        });
        let mut canonical = String::from(FORM);
        canonical.push('\n');
        let fields: [(&str, Value); 8] = [
            ("category", Value::from(self.category.as_str())),
            ("language", Value::from(self.language)),
            ("parameter_format", Value::from(parameter_format)),
            ("components", components(self.components)),
            (
                "message_send_ttl_seconds",
                ttl.map_or(Value::Null, Value::from),
            ),
            ("optimization_spec", to_value(self.optimization)),
            ("degrees_of_freedom_spec", creative(self.creative)),
            (
                "cta_url_link_tracking_opted_out",
                Value::from(self.link_tracking_opted_out.unwrap_or(false)),
            ),
        ];
        for (key, value) in fields {
            canonical.push_str(key);
            canonical.push('=');
            write_canonical(&value, &mut canonical);
            canonical.push('\n');
        }
        let digest = Sha256::digest(canonical.as_bytes());
        digest
            .iter()
            .flat_map(|b| [b >> 4, b & 0xf])
            .take(FINGERPRINT_LEN)
            .map(|n| char::from_digit(u32::from(n), 16).unwrap_or('0'))
            .collect()
    }
}

fn to_value(value: Option<&impl Serialize>) -> Value {
    value
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or(Value::Null)
}

/// Creative features as JSON, feature names in lower case: a create body names them
/// `image_touchups`, Graph's answer to a read `IMAGE_TOUCHUPS` (Meta's Marketing Messages
/// guide shows both).
fn creative(spec: Option<&DegreesOfFreedomSpec>) -> Value {
    let mut value = to_value(spec);
    if let Some(Value::Object(features)) = value.get_mut("creative_features_spec") {
        let lowered: serde_json::Map<String, Value> = std::mem::take(features)
            .into_iter()
            .map(|(name, feature)| (name.to_ascii_lowercase(), feature))
            .collect();
        *features = lowered;
    }
    value
}

/// Components as JSON, with the words Meta reads in any case (`type`, `format`) upper-cased
/// at every depth (buttons, cards).
fn components(components: &[TemplateComponentDefinition]) -> Value {
    let mut value = to_value(Some(&components));
    upper_case_kinds(&mut value);
    value
}

fn upper_case_kinds(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(upper_case_kinds),
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(s) if key == "type" || key == "format" => {
                        *s = s.to_ascii_uppercase();
                    }
                    // A sample is content; the rest may hold more components.
                    _ if key == "example" => {}
                    _ => upper_case_kinds(item),
                }
            }
        }
        _ => {}
    }
}

/// Whether a value says nothing: null, or an empty array or object (Graph and serde leave
/// these out or write them interchangeably).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(is_empty),
        _ => false,
    }
}

/// Writes `value` as JSON with object keys sorted and empty members left out, whatever the
/// map's own order.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().filter(|k| !is_empty(&map[*k])).collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}
