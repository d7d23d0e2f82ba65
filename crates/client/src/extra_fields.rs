//! The opt-out for fields newer than `openapi.yaml`: the generated request types refuse
//! unknown properties, so a field the spec does not describe travels beside the typed body and
//! is written into the JSON by the `pre` hook, on the real request (a `-v` log shows it).

use std::future::Future;

use serde_json::{Map, Value};

tokio::task_local! {
    static EXTRA_FIELDS: ExtraFields;
}

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

/// Runs `request` (a generated operation's `send()`) with `fields` added to its JSON body.
///
/// ```
/// use serde_json::json;
/// use wamm_client::{AccessToken, Client, ClientOptions, ExtraFields, types, with_extra_fields};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # // A recording server: the sandbox, like Meta, refuses fields it does not know.
/// # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::accepted("wamid.1")]).await;
/// # let client = Client::authenticated(&server.base_url(), &AccessToken::new("t"), &ClientOptions::default())?;
/// # let body: types::MarketingMessageRequestPayload = serde_json::from_value(json!({
/// #     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
/// #     "type": "template", "template": {"name": "spring_sale", "language": {"code": "en_US"}}}))?;
/// let mut extra = ExtraFields::default();
/// extra.top_level.insert("priority".into(), json!("high"));
/// let sent = with_extra_fields(
///     extra,
///     client.send_marketing_message().version("v23.0").phone_number_id("106540352242922").body(body).send(),
/// )
/// .await?;
/// # let received: serde_json::Value = serde_json::from_slice(&server.requests()[0].body)?;
/// # assert_eq!(received["priority"], "high");
/// # let _ = sent;
/// # Ok(())
/// # }
/// ```
pub async fn with_extra_fields<F: Future>(fields: ExtraFields, request: F) -> F::Output {
    EXTRA_FIELDS.scope(fields, request).await
}

/// Called by the `pre` hook: adds the current task's extra fields, if any, to a JSON body.
pub(crate) fn apply(request: &mut reqwest::Request) {
    let Ok(Some(body)) = EXTRA_FIELDS.try_with(|fields| {
        let bytes = request.body()?.as_bytes()?;
        let mut value: Value = serde_json::from_slice(bytes).ok()?;
        fields.merge_into(&mut value);
        serde_json::to_vec(&value).ok()
    }) else {
        return;
    };
    *request.body_mut() = Some(body.into());
}
