//! The body `send_marketing_message` sends: JSON that the validator compiled from
//! `openapi.yaml` accepted, kept as the bytes that go on the wire.
//!
//! The generated operation takes a [`CheckedBody`] rather than the generated
//! [`MarketingMessageRequestPayload`](crate::types::MarketingMessageRequestPayload) (the one
//! adaptation `cargo xtask codegen` makes to the operation; the struct is still generated, for
//! builders). So every body the generated client sends has passed the spec's checks, and a body
//! built as JSON (a campaign renders one per recipient) goes out as that JSON, without being
//! turned into the struct and back.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::types::MarketingMessageRequestPayload;
use crate::validation::{Problem, Validator, lower_case_keywords};

/// A request body the spec's validator accepted, as the JSON sent. Cloning it shares the
/// bytes.
///
/// Made by [`Validator::checked_body`], or from the generated struct (checked the same way):
///
/// ```
/// use wamm_client::{CheckedBody, types};
///
/// let payload: types::MarketingMessageRequestPayload = serde_json::from_str(
///     r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
///         "type":"template","template":{"name":"spring_sale","language":{"code":"en_US"}}}"#,
/// )?;
/// let body = CheckedBody::try_from(payload)?;
/// assert!(body.json().starts_with(r#"{"messaging_product":"whatsapp""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A field newer than the spec goes out when the check lets it through, and only then:
///
/// ```
/// use serde_json::json;
/// use wamm_client::validation::Validator;
/// use wamm_client::{AccessToken, Client, ClientOptions};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # // A recording server: the sandbox, like Meta, refuses fields it does not know.
/// # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::accepted("wamid.1")]).await;
/// # let client = Client::authenticated(&server.base_url(), &AccessToken::new("t"), &ClientOptions::default())?;
/// let mut body = json!({
///     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
///     "type": "template", "template": {"name": "spring_sale", "language": {"code": "en_US"}},
///     "priority": "high"
/// });
/// let (body, warnings) =
///     Validator::shared().checked_body(&mut body, |p| p.path() == "priority").map_err(|_| "refused")?;
/// assert_eq!(warnings.len(), 1);
/// client.send_marketing_message().version("v23.0").phone_number_id("106540352242922").body(body).send().await?;
/// # let received: serde_json::Value = serde_json::from_slice(&server.requests()[0].body)?;
/// # assert_eq!(received["priority"], "high");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct CheckedBody(Arc<RawValue>);

impl CheckedBody {
    /// The JSON, as sent.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// Only for a body the validator has accepted.
    fn accepted(body: &Value) -> Result<Self, Vec<Problem>> {
        serde_json::value::to_raw_value(body)
            .map(|raw| Self(Arc::from(raw)))
            .map_err(|e| vec![Problem::new("", format!("cannot be serialised: {e}"))])
    }
}

impl PartialEq for CheckedBody {
    fn eq(&self, other: &Self) -> bool {
        self.json() == other.json()
    }
}

impl Eq for CheckedBody {}

impl fmt::Debug for CheckedBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CheckedBody").field(&self.json()).finish()
    }
}

impl Serialize for CheckedBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written as it is (serde_json writes a raw value's text unchanged).
        self.0.serialize(serializer)
    }
}

/// Why a body was refused: every problem the validator found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct BodyProblems(pub Vec<Problem>);

impl TryFrom<MarketingMessageRequestPayload> for CheckedBody {
    type Error = BodyProblems;

    /// Checks the struct as its JSON, refusing what the spec refuses.
    fn try_from(payload: MarketingMessageRequestPayload) -> Result<Self, Self::Error> {
        CheckedBody::try_from(&payload)
    }
}

impl TryFrom<&MarketingMessageRequestPayload> for CheckedBody {
    type Error = BodyProblems;

    fn try_from(payload: &MarketingMessageRequestPayload) -> Result<Self, Self::Error> {
        let mut value = serde_json::to_value(payload).map_err(|e| {
            BodyProblems(vec![Problem::new("", format!("cannot be serialised: {e}"))])
        })?;
        Validator::shared()
            .checked_body(&mut value, |_| false)
            .map(|(body, _)| body)
            .map_err(BodyProblems)
    }
}

impl Validator {
    /// Checks `body` (the schema, then the cross-field rules) and, when every problem found is
    /// one that `allowed` lets through, returns the body to send with those problems as
    /// warnings. Keywords written in any letter case are put in lower case first (in `body`
    /// too), the form wamm sends.
    ///
    /// ```
    /// use serde_json::json;
    /// use wamm_client::validation::Validator;
    ///
    /// let mut body = json!({
    ///     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
    ///     "type": "template", "priority": "high",
    ///     "template": {"name": "spring_sale", "language": {"code": "en_US"},
    ///                  "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "Ana"}]}]}
    /// });
    /// let validator = Validator::shared();
    /// assert!(validator.checked_body(&mut body.clone(), |_| false).is_err());
    /// let (sent, warnings) = validator.checked_body(&mut body, |p| p.path() == "priority").unwrap();
    /// assert_eq!(warnings[0].path(), "priority");
    /// assert!(sent.json().contains(r#""type":"body""#));
    /// ```
    pub fn checked_body(
        &self,
        body: &mut Value,
        allowed: impl Fn(&Problem) -> bool,
    ) -> Result<(CheckedBody, Vec<Problem>), Vec<Problem>> {
        // A body with nothing to report (nearly every one) costs a walk less: every rule but
        // the one against NUL characters first, then that one on the JSON written to send,
        // where serde_json writes U+0000 (in a string or a property's name) as `\u0000`.
        if self.problems(body, false).is_empty() {
            lower_case_keywords(body);
            let checked = CheckedBody::accepted(body)?;
            if !checked.json().contains(r"\u0000") {
                return Ok((checked, Vec::new()));
            }
            // Maybe a NUL (or a backslash written before `u0000`). Lower case moves no NUL and
            // renames no property, so these are the problems the body had as given, and its
            // only ones.
            let (warnings, errors): (Vec<Problem>, Vec<Problem>) = Self::nul_problems(body)
                .into_iter()
                .partition(|p| allowed(p));
            if !errors.is_empty() {
                return Err(errors);
            }
            return Ok((checked, warnings));
        }
        let (warnings, errors): (Vec<Problem>, Vec<Problem>) =
            self.check(body).into_iter().partition(|p| allowed(p));
        if !errors.is_empty() {
            return Err(errors);
        }
        lower_case_keywords(body);
        Ok((CheckedBody::accepted(body)?, warnings))
    }
}
