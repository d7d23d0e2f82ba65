//! Webhooks: what Meta reports after a send (delivered, read, failed and why), opt-outs and
//! opt-ins, template status changes and clicks, as typed events.
//!
//! A receiver does three things, in this order:
//!
//! 1. answers the subscription handshake ([`answer_handshake`]): a GET with `hub.mode`,
//!    `hub.verify_token` and `hub.challenge`, answered with the challenge only when the token
//!    is the one configured in Meta's app dashboard;
//! 2. checks each POST's `X-Hub-Signature-256` over the body exactly as received
//!    ([`verify_signature`]; constant time; a missing or malformed header is refused);
//! 3. parses the body into [`Event`]s ([`parse`]).
//!
//! The payload types are generated from `openapi.yaml` (`types::WebhookPayload` and the rest),
//! like the send's. Meta adds fields and kinds of event: unknown fields are ignored by the
//! types, an unknown kind of change arrives as [`Event::Other`] with its JSON, and an event
//! whose shape differs from the spec's arrives as [`Event::Unparsed`] with its JSON and the
//! reason, never dropped and never failing the events beside it.
//!
//! ```
//! use marketing::webhook::{self, Event};
//!
//! let secret = b"app-secret";
//! let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
//!   "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
//!     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
//!     "statuses": [{"id": "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSQTlCNjU0RkYyQkI3QjY3OEJFAA==",
//!       "status": "failed", "timestamp": "1764072000", "recipient_id": "447700900123",
//!       "errors": [{"code": 131050, "title": "Unable to deliver the message"}]}]}}]}]}"#;
//! # let signature = wamm_client::webhook_signature::sign(secret, body);
//! // `signature`: the request's X-Hub-Signature-256 header.
//! webhook::verify_signature(secret, body, Some(&signature))?;
//! for event in webhook::parse(body)? {
//!     if let Event::Status { status, .. } = &event {
//!         let code = status.errors.first().map(|e| e.code);
//!         println!("{} is {} ({code:?})", status.id, status.status);
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod account;
mod inbound;
mod store;

use serde_json::Value;

pub use account::AccountEvent;
pub use inbound::{
    DEFAULT_OPT_OUT_KEYWORDS, OptOutKeywords, PreferenceSignal, STOP_PROMOTIONS_BUTTON,
    preference_in,
};
pub use store::{
    Delivery, EventStore, PreparedPost, Recorded, StoreError, Suppression, TemplateEvent,
};

use crate::types::{
    InboundMessage, StatusEvent, UserActionEvent, UserPreferenceEvent, WebhookMetadata,
    WebhookPayload,
};
pub use wamm_client::webhook_signature::{SIGNATURE_HEADER, SignatureError, check_form};
pub use wamm_client::{DeliveryStatus, PreferenceValue, WebhookField};

/// Checks a POST's `X-Hub-Signature-256` header (`None` when absent) against the body exactly
/// as received, keyed with the app secret. Compare before parsing: a body that fails is not
/// from Meta, or was altered, and nothing in it may be recorded.
///
/// ```
/// use marketing::webhook::{SignatureError, verify_signature};
///
/// let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
/// assert_eq!(verify_signature(b"app-secret", body, None), Err(SignatureError::Missing));
/// ```
pub fn verify_signature(
    app_secret: &[u8],
    body: &[u8],
    header: Option<&str>,
) -> Result<(), SignatureError> {
    wamm_client::webhook_signature::verify(app_secret, body, header)
}

/// Why a subscription handshake was refused (answer 403).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandshakeError {
    /// `hub.mode` is missing or not `subscribe`.
    #[error("not a subscription handshake: hub.mode must be `subscribe`")]
    NotSubscribe,
    /// `hub.verify_token` is missing or not the configured one.
    #[error("hub.verify_token is not the verify token this receiver was given")]
    WrongToken,
    /// No `hub.challenge` to echo.
    #[error("no hub.challenge to answer with")]
    NoChallenge,
}

/// Answers the GET Meta sends when a webhook URL is configured: `Ok(challenge)` (answer 200
/// with it as the body) when `hub.mode` is `subscribe` and `hub.verify_token` is
/// `verify_token`; otherwise the reason (answer 403). `query` is the URL's query string,
/// percent-encoded as received. The token comparison takes the same time wherever it differs.
///
/// ```
/// use marketing::webhook::{HandshakeError, answer_handshake};
///
/// let query = "hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=1158201444";
/// assert_eq!(answer_handshake(query, "s3cret").as_deref(), Ok("1158201444"));
/// assert_eq!(answer_handshake(query, "other"), Err(HandshakeError::WrongToken));
/// ```
pub fn answer_handshake(query: &str, verify_token: &str) -> Result<String, HandshakeError> {
    let (mut mode, mut token, mut challenge) = (None, None, None);
    for (key, value) in form_pairs(query) {
        match key.as_str() {
            "hub.mode" => mode = Some(value),
            "hub.verify_token" => token = Some(value),
            "hub.challenge" => challenge = Some(value),
            _ => {}
        }
    }
    if mode.as_deref() != Some("subscribe") {
        return Err(HandshakeError::NotSubscribe);
    }
    let token = token.ok_or(HandshakeError::WrongToken)?;
    if !same_in_constant_time(token.as_bytes(), verify_token.as_bytes()) {
        return Err(HandshakeError::WrongToken);
    }
    challenge
        .filter(|c| !c.is_empty())
        .ok_or(HandshakeError::NoChallenge)
}

/// `application/x-www-form-urlencoded` pairs: `+` is a space, `%XX` a byte; a bad escape is
/// kept as written.
fn form_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(key), decode_component(value))
        })
}

fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, byte) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn same_in_constant_time(a: &[u8], b: &[u8]) -> bool {
    // The length is not secret (Meta shows it in the dashboard's field); the content is.
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// Which account and phone number an event concerns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The WhatsApp Business Account's ID (`entry[].id`).
    pub account: String,
    /// The business phone number's ID, when the change names one.
    pub phone_number_id: Option<String>,
}

/// One thing Meta reported. A payload holds any number of them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A status of a sent message, by its wamid (`status.id`).
    Status {
        /// Where it came from.
        source: Source,
        /// As Meta sent it.
        status: Box<StatusEvent>,
    },
    /// A user stopped or resumed marketing messages.
    Preference {
        /// Where it came from.
        source: Source,
        /// As Meta sent it.
        preference: UserPreferenceEvent,
    },
    /// A template's status changed (approved, paused, disabled, re-categorised...).
    TemplateStatus {
        /// Where it came from.
        source: Source,
        /// The new status, such as `APPROVED` or `PAUSED`.
        event: String,
        /// The template's ID.
        template_id: Option<i64>,
        /// The template's name.
        name: Option<String>,
        /// The template's language.
        language: Option<String>,
        /// Why, when Meta says.
        reason: Option<String>,
    },
    /// A template's quality rating changed (`message_template_quality_update`): Meta pauses
    /// a template whose rating falls, so a `RED` rating often comes before a `PAUSED` status.
    ///
    /// ```
    /// use marketing::webhook::{Event, parse};
    ///
    /// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
    ///   "time": 1764072000, "changes": [{"field": "message_template_quality_update",
    ///     "value": {"previous_quality_score": "GREEN", "new_quality_score": "YELLOW",
    ///       "message_template_id": 1402280517413391, "message_template_name": "spring_sale",
    ///       "message_template_language": "en_US"}}]}]}"#;
    /// let events = parse(body)?;
    /// let [Event::TemplateQuality { new_score, .. }] = events.as_slice() else { panic!("{events:?}") };
    /// assert_eq!(new_score.as_deref(), Some("YELLOW"));
    /// # Ok::<(), marketing::webhook::ParseError>(())
    /// ```
    TemplateQuality {
        /// Where it came from.
        source: Source,
        /// The template's ID.
        template_id: Option<i64>,
        /// The template's name.
        name: Option<String>,
        /// The template's language.
        language: Option<String>,
        /// The rating before (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`).
        previous_score: Option<String>,
        /// The rating now.
        new_score: Option<String>,
    },
    /// Meta changed a template's category (`template_category_update`), or says it will.
    TemplateCategory {
        /// Where it came from.
        source: Source,
        /// The template's ID.
        template_id: Option<i64>,
        /// The template's name.
        name: Option<String>,
        /// The template's language.
        language: Option<String>,
        /// The category before.
        previous_category: Option<String>,
        /// The category now.
        new_category: Option<String>,
        /// The category Meta says is correct, when it announces a change ahead.
        correct_category: Option<String>,
    },
    /// Something a user did with a marketing message, such as clicking a link.
    UserAction {
        /// Where it came from.
        source: Source,
        /// As Meta sent it.
        action: UserActionEvent,
    },
    /// What happened to the business account (an `account_update` change with an `event`),
    /// such as the Marketing Messages terms being signed.
    ///
    /// ```
    /// use marketing::webhook::{AccountEvent, Event, parse};
    ///
    /// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
    ///   "time": 1764072000, "changes": [{"field": "account_update",
    ///     "value": {"event": "MM_LITE_TERMS_SIGNED"}}]}]}"#;
    /// let events = parse(body)?;
    /// let [Event::AccountUpdate { event, .. }] = events.as_slice() else { panic!("{events:?}") };
    /// assert_eq!(*event, AccountEvent::MmLiteTermsSigned);
    /// # Ok::<(), marketing::webhook::ParseError>(())
    /// ```
    AccountUpdate {
        /// Where it came from.
        source: Source,
        /// What happened.
        event: AccountEvent,
        /// The change's `value`, as received (Meta adds details beside `event`).
        value: Value,
    },
    /// A message a user sent to the business (`value.messages[]` on `messages`), with the
    /// marketing preference it expresses, if any: an opt-out keyword, a tap on "Stop
    /// promotions", or the older `user_preference_changed` system message. One that
    /// expresses none is only counted.
    ///
    /// ```
    /// use marketing::webhook::{Event, PreferenceValue, parse};
    ///
    /// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
    ///   "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
    ///     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    ///     "contacts": [{"wa_id": "447700900123", "profile": {"name": "Ana"}}],
    ///     "messages": [{"from": "447700900123", "id": "wamid.IN1", "timestamp": "1764072000",
    ///       "type": "text", "text": {"body": "Stop"}}]}}]}]}"#;
    /// let events = parse(body)?;
    /// let [Event::Inbound { preference: Some(signal), .. }] = events.as_slice() else { panic!("{events:?}") };
    /// assert_eq!(signal.value, PreferenceValue::Stop);
    /// assert_eq!(signal.source, "inbound-text:STOP");
    /// # Ok::<(), marketing::webhook::ParseError>(())
    /// ```
    Inbound {
        /// Where it came from.
        source: Source,
        /// As the user sent it.
        message: Box<InboundMessage>,
        /// The marketing preference it expresses, if any.
        preference: Option<PreferenceSignal>,
    },
    /// A change on a field this version does not model (`calls`, fields Meta adds, an
    /// `account_update` without an `event`), or what a `messages` change carries beside the
    /// lists typed here: kept whole, as received. Events are typed by their webhook `field` first, so a `calls`
    /// change with `statuses` (of calls) is one of these, never a [`Event::Status`].
    ///
    /// ```
    /// use marketing::webhook::{Event, WebhookField, parse};
    ///
    /// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
    ///   "changes": [{"field": "calls", "value": {"messaging_product": "whatsapp",
    ///     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    ///     "statuses": [{"id": "wacid.HBgLMTIxMjU1NTAxMDMVAgARGBI", "type": "call",
    ///       "status": "RINGING", "timestamp": "1671644824", "recipient_id": "12125550103"}]}}]}]}"#;
    /// let events = parse(body)?;
    /// let [Event::Other { field, value, .. }] = events.as_slice() else { panic!("{events:?}") };
    /// assert_eq!(*field, WebhookField::Calls);
    /// assert_eq!(value["statuses"][0]["status"], "RINGING");
    /// # Ok::<(), marketing::webhook::ParseError>(())
    /// ```
    Other {
        /// Where it came from.
        source: Source,
        /// The change's `field`.
        field: WebhookField,
        /// The change's `value`, as received.
        value: Value,
    },
    /// An event whose shape is not the one `openapi.yaml` describes: kept whole, with why.
    Unparsed {
        /// Where it came from, as far as it could be read.
        source: Source,
        /// The change's `field`, when it could be read.
        field: Option<String>,
        /// The JSON that could not be typed.
        raw: Value,
        /// What did not fit.
        error: String,
    },
}

impl Event {
    /// The wamid a status event is about.
    ///
    /// ```
    /// # let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
    /// #   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"read","timestamp":"1"}]}}]}]}"#;
    /// let events = marketing::webhook::parse(body)?;
    /// assert_eq!(events[0].wamid(), Some("wamid.A"));
    /// # Ok::<(), marketing::webhook::ParseError>(())
    /// ```
    pub fn wamid(&self) -> Option<&str> {
        match self {
            Self::Status { status, .. } => Some(&status.id),
            _ => None,
        }
    }
}

/// A body that is not a webhook payload at all (not JSON, or no `entry` list). Events that
/// are merely unexpected do not cause this: they become [`Event::Unparsed`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a webhook payload: {0}")]
pub struct ParseError(String);

/// Parses a webhook POST's body (after [`verify_signature`]) into events, in the order they
/// appear.
///
/// ```
/// use marketing::webhook::{Event, parse};
/// use marketing::webhook::PreferenceValue;
///
/// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
///   "changes": [{"field": "user_preferences", "value": {"messaging_product": "whatsapp",
///     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
///     "contacts": [{"wa_id": "447700900123", "profile": {"name": "Ana"}}],
///     "user_preferences": [{"wa_id": "447700900123", "detail": "User requested to stop marketing messages",
///       "category": "marketing_messages", "value": "stop", "timestamp": 1764072000}]}}]}]}"#;
/// let events = parse(body)?;
/// let Event::Preference { preference, .. } = &events[0] else { panic!() };
/// assert_eq!(preference.value, PreferenceValue::Stop);
/// # Ok::<(), marketing::webhook::ParseError>(())
/// ```
pub fn parse(body: &[u8]) -> Result<Vec<Event>, ParseError> {
    Ok(parse_received(body)?
        .into_iter()
        .map(|received| received.event)
        .collect())
}

/// One event with the JSON it was read from, exactly as received: what an
/// [`EventStore`] keeps, so that nothing a typed [`Event`] leaves out is lost.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The event.
    pub event: Event,
    /// The item it came from (a status, a preference, a click), or for a change that is one
    /// object (a template's status, a kind this version does not know) the change's `value`
    /// with its entry's `time`.
    pub raw: Value,
}

/// [`parse`], keeping each event's JSON as received.
///
/// ```
/// # let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
/// #   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"read","timestamp":"1","new":1}]}}]}]}"#;
/// let received = marketing::webhook::parse_received(body)?;
/// assert_eq!(received[0].raw["new"], 1); // a field the types do not know, kept
/// # Ok::<(), marketing::webhook::ParseError>(())
/// ```
pub fn parse_received(body: &[u8]) -> Result<Vec<Received>, ParseError> {
    parse_received_with(body, &OptOutKeywords::default())
}

/// [`parse_received`], reading users' texts for opt-outs with `keywords` instead of
/// [`DEFAULT_OPT_OUT_KEYWORDS`].
///
/// ```
/// use marketing::webhook::{Event, OptOutKeywords, parse_received_with};
///
/// # let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
/// #   {"field":"messages","value":{"messages":[{"from":"447700900123","id":"wamid.IN2",
/// #     "timestamp":"1764072000","type":"text","text":{"body":"SAIR"}}]}}]}]}"#;
/// let keywords = OptOutKeywords::new(["STOP", "SAIR"])?;
/// let received = parse_received_with(body, &keywords)?;
/// let Event::Inbound { preference, .. } = &received[0].event else { panic!() };
/// assert_eq!(preference.as_ref().unwrap().source, "inbound-text:SAIR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_received_with(
    body: &[u8],
    keywords: &OptOutKeywords,
) -> Result<Vec<Received>, ParseError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| ParseError(format!("not JSON: {e}")))?;
    let entries = value
        .get("entry")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError("no `entry` list".into()))?;
    let mut received = Vec::new();
    for entry in entries {
        let source = Source {
            account: entry
                .get("id")
                .map(|id| match id {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_default(),
            phone_number_id: None,
        };
        let Some(changes) = entry.get("changes").and_then(Value::as_array) else {
            received.push(Received {
                event: unparsed(source, None, entry.clone(), "no `changes` list"),
                raw: entry.clone(),
            });
            continue;
        };
        let time = entry.get("time").cloned().unwrap_or(Value::Null);
        for change in changes {
            events_of_change(&source, &time, change, keywords, &mut received);
        }
    }
    Ok(received)
}

fn unparsed(source: Source, field: Option<String>, raw: Value, error: &str) -> Event {
    Event::Unparsed {
        source,
        field,
        raw,
        error: error.to_string(),
    }
}

fn events_of_typed(payload: WebhookPayload) -> Vec<Event> {
    let mut events = Vec::new();
    for entry in payload.entry {
        for change in entry.changes {
            let source = Source {
                account: entry.id.clone(),
                phone_number_id: phone_number_id(change.value.metadata.as_ref()),
            };
            let value = change.value;
            match change.field {
                WebhookField::Messages if !value.statuses.is_empty() => {
                    for status in value.statuses {
                        events.push(Event::Status {
                            source: source.clone(),
                            status: Box::new(status),
                        });
                    }
                }
                WebhookField::UserPreferences if !value.user_preferences.is_empty() => {
                    for preference in value.user_preferences {
                        events.push(Event::Preference {
                            source: source.clone(),
                            preference,
                        });
                    }
                }
                WebhookField::MessageTemplateStatusUpdate if value.event.is_some() => {
                    events.push(Event::TemplateStatus {
                        source,
                        event: value.event.unwrap_or_default(),
                        template_id: value.message_template_id,
                        name: value.message_template_name,
                        language: value.message_template_language,
                        reason: value.reason,
                    });
                }
                WebhookField::MessageTemplateQualityUpdate if value.new_quality_score.is_some() => {
                    events.push(Event::TemplateQuality {
                        source,
                        template_id: value.message_template_id,
                        name: value.message_template_name,
                        language: value.message_template_language,
                        previous_score: value.previous_quality_score,
                        new_score: value.new_quality_score,
                    });
                }
                WebhookField::TemplateCategoryUpdate
                    if value.new_category.is_some() || value.correct_category.is_some() =>
                {
                    events.push(Event::TemplateCategory {
                        source,
                        template_id: value.message_template_id,
                        name: value.message_template_name,
                        language: value.message_template_language,
                        previous_category: value.previous_category,
                        new_category: value.new_category,
                        correct_category: value.correct_category,
                    });
                }
                WebhookField::Messages if !value.user_actions.is_empty() => {
                    for action in value.user_actions {
                        events.push(Event::UserAction {
                            source: source.clone(),
                            action,
                        });
                    }
                }
                field => {
                    let value = serde_json::to_value(&value).unwrap_or(Value::Null);
                    events.push(Event::Other {
                        source,
                        field,
                        value,
                    });
                }
            }
        }
    }
    events
}

fn phone_number_id(metadata: Option<&WebhookMetadata>) -> Option<String> {
    metadata.and_then(|m| m.phone_number_id.clone())
}

/// The lists of items this version types on a change of `field`: the change's `field` says
/// what its `value` holds, so a `statuses` list on `calls` (calls ringing, `wacid.` IDs) is
/// never read as messages' statuses.
fn lists_of(field: Option<&WebhookField>) -> &'static [(&'static str, Kind)] {
    match field {
        Some(WebhookField::Messages) => &[
            ("statuses", Kind::Status),
            ("user_actions", Kind::UserAction),
            ("messages", Kind::Inbound),
        ],
        Some(WebhookField::UserPreferences) => &[("user_preferences", Kind::Preference)],
        _ => &[],
    }
}

/// One change's events, by its `field` first: on `messages` and `user_preferences` each item
/// of their lists typed on its own (one that does not fit is kept as [`Event::Unparsed`]),
/// and what else the change carries kept whole as [`Event::Other`]; a
/// `message_template_status_update` typed as one object; an `account_update` with an
/// `event` as [`Event::AccountUpdate`]; any other field (`calls`, kinds Meta adds) kept
/// whole, as received, as [`Event::Other`].
fn events_of_change(
    entry: &Source,
    time: &Value,
    change: &Value,
    keywords: &OptOutKeywords,
    out: &mut Vec<Received>,
) {
    let field = change
        .get("field")
        .and_then(Value::as_str)
        .map(str::to_string);
    let Some(value) = change.get("value") else {
        out.push(Received {
            event: unparsed(entry.clone(), field, change.clone(), "no `value`"),
            raw: change.clone(),
        });
        return;
    };
    let source = Source {
        account: entry.account.clone(),
        phone_number_id: value
            .get("metadata")
            .and_then(|m| m.get("phone_number_id"))
            .and_then(Value::as_str)
            .map(str::to_string),
    };
    // Built only for the events that keep the change whole: a list's items keep their own.
    let raw = || serde_json::json!({"time": time, "value": value});
    let known: Option<WebhookField> = field.as_deref().and_then(|f| f.parse().ok());
    if known == Some(WebhookField::AccountUpdate)
        && let Some(event) = value.get("event").and_then(Value::as_str)
    {
        out.push(Received {
            event: Event::AccountUpdate {
                source,
                event: AccountEvent::from(event),
                value: value.clone(),
            },
            raw: raw(),
        });
        return;
    }
    let modelled = matches!(
        known,
        Some(
            WebhookField::Messages
                | WebhookField::UserPreferences
                | WebhookField::MessageTemplateStatusUpdate
                | WebhookField::MessageTemplateQualityUpdate
                | WebhookField::TemplateCategoryUpdate
        )
    );
    if let (Some(known), false) = (&known, modelled) {
        // A field this version does not model: the change whole, as received.
        out.push(Received {
            event: Event::Other {
                source,
                field: known.clone(),
                value: value.clone(),
            },
            raw: raw(),
        });
        return;
    }
    let lists = lists_of(known.as_ref());
    let mut typed_any = false;
    for (list, kind) in lists {
        let Some(items) = value.get(list).and_then(Value::as_array) else {
            continue;
        };
        typed_any = true;
        for item in items {
            out.push(Received {
                event: kind.parse(&source, field.clone(), item, keywords),
                raw: item.clone(),
            });
        }
    }
    let rest = value.as_object().is_some_and(|object| {
        object.keys().any(|key| {
            !lists.iter().any(|(list, _)| list == key)
                && !matches!(key.as_str(), "messaging_product" | "metadata" | "contacts")
        })
    });
    if typed_any && !rest {
        return;
    }
    if typed_any {
        // Lists and something else (messages users sent): the whole change, kept.
        out.push(Received {
            event: Event::Other {
                source,
                field: known.unwrap_or_else(|| WebhookField::Unknown(String::new())),
                value: value.clone(),
            },
            raw: raw(),
        });
        return;
    }
    let raw = raw();
    // A single-object change (a template status), or one whose field is missing: type the
    // whole change.
    let whole = serde_json::json!({"object": "whatsapp_business_account",
        "entry": [{"id": source.account, "changes": [change]}]});
    match serde_json::from_value::<WebhookPayload>(whole) {
        Ok(payload) => out.extend(events_of_typed(payload).into_iter().map(|event| Received {
            event,
            raw: raw.clone(),
        })),
        Err(error) => out.push(Received {
            event: unparsed(source, field, change.clone(), &error.to_string()),
            raw,
        }),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Status,
    Preference,
    UserAction,
    Inbound,
}

impl Kind {
    fn parse(
        self,
        source: &Source,
        field: Option<String>,
        item: &Value,
        keywords: &OptOutKeywords,
    ) -> Event {
        let source = source.clone();
        let typed = match self {
            Self::Status => {
                <StatusEvent as serde::Deserialize>::deserialize(item).map(|status| Event::Status {
                    source: source.clone(),
                    status: Box::new(status),
                })
            }
            Self::Preference => {
                <UserPreferenceEvent as serde::Deserialize>::deserialize(item).map(|preference| {
                    Event::Preference {
                        source: source.clone(),
                        preference,
                    }
                })
            }
            Self::UserAction => {
                <UserActionEvent as serde::Deserialize>::deserialize(item).map(|action| {
                    Event::UserAction {
                        source: source.clone(),
                        action,
                    }
                })
            }
            Self::Inbound => {
                <InboundMessage as serde::Deserialize>::deserialize(item).map(|message| {
                    Event::Inbound {
                        source: source.clone(),
                        preference: preference_in(&message, keywords),
                        message: Box::new(message),
                    }
                })
            }
        };
        typed.unwrap_or_else(|error| unparsed(source, field, item.clone(), &error.to_string()))
    }
}

/// How far along a status is, so that a late event never moves a recipient backwards: `sent`
/// < `delivered` < `read` < `failed` (final); a status this version does not know ranks 0.
///
/// ```
/// use marketing::webhook::{DeliveryStatus, status_rank};
///
/// assert!(status_rank(&DeliveryStatus::Read) > status_rank(&DeliveryStatus::Delivered));
/// ```
pub fn status_rank(status: &DeliveryStatus) -> u8 {
    match status {
        DeliveryStatus::Sent => 1,
        DeliveryStatus::Delivered => 2,
        DeliveryStatus::Read => 3,
        DeliveryStatus::Failed => 4,
        _ => 0,
    }
}
