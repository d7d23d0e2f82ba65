//! Fields newer than `openapi.yaml`, kept beside a typed body: the generated request types
//! refuse unknown properties. What is sent is a [`CheckedBody`](crate::CheckedBody), the JSON
//! the validator accepted, so such a field reaches the wire by being let through when the body
//! is checked ([`Validator::checked_body`](crate::validation::Validator::checked_body)'s
//! `allowed`), not by editing the request afterwards.

use serde_json::{Map, Value};

/// Properties to add to a request body: at the top level and inside `template`, the only
/// places wamm lets a field the spec does not know through.
///
/// ```
/// use serde_json::json;
/// use wamm_client::ExtraFields;
///
/// let mut extra = ExtraFields::default();
/// extra.top_level.insert("priority".into(), json!("high"));
/// assert!(!extra.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtraFields {
    /// Added to the body's top level.
    pub top_level: Map<String, Value>,
    /// Added to the body's `template` object.
    pub template: Map<String, Value>,
}

impl ExtraFields {
    /// Whether there is nothing to add.
    pub fn is_empty(&self) -> bool {
        self.top_level.is_empty() && self.template.is_empty()
    }

    /// Writes the fields into `body` (existing properties are not replaced).
    pub fn merge_into(&self, body: &mut Value) {
        let Value::Object(top) = body else {
            return;
        };
        for (key, value) in &self.top_level {
            top.entry(key.clone()).or_insert_with(|| value.clone());
        }
        if let Some(Value::Object(template)) = top.get_mut("template") {
            for (key, value) in &self.template {
                template.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
}
