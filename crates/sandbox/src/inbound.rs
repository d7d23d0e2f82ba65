//! Messages users send to the business, as `messages` webhooks with `value.messages[]`
//! (Meta's Cloud API webhooks reference): the opt-outs a sender must honour that arrive as
//! ordinary messages, a text "STOP" and a tap on a marketing template's "Stop promotions"
//! quick reply, drawn for a share of delivered messages ([`WebhookSpec::stop_text`],
//! [`WebhookSpec::stop_button`]); and any text a test makes a user send
//! (`POST /__sandbox/inbound`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wamm_client::{build, types};

use crate::WebhookSpec;
use crate::endpoint::{AppState, graph_error, json_response};
use crate::faults::RequestDice;
use crate::graph_error::GraphFailure;

/// The quick reply's text (and payload) on Meta's marketing templates.
pub const STOP_PROMOTIONS: &str = "Stop promotions";

/// Keeps the draws for replies apart from the story's other draws, so adding the shares
/// changes no existing story.
const INBOUND_STREAM: u64 = 0x696e_626f_756e_6421;

/// How a user opted out by replying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReply {
    /// Replied with the text "STOP".
    Text,
    /// Tapped the "Stop promotions" quick reply.
    Button,
}

/// Whether the user replies to a delivered message with a stop, drawn from the seed and the
/// send's sequence number.
pub(crate) fn draw(spec: &WebhookSpec, seed: u64, sequence: u64) -> Option<StopReply> {
    if spec.stop_text == 0.0 && spec.stop_button == 0.0 {
        return None;
    }
    let u = RequestDice::new(seed ^ INBOUND_STREAM, sequence).uniform();
    if u < spec.stop_text {
        Some(StopReply::Text)
    } else if u < spec.stop_text + spec.stop_button {
        Some(StopReply::Button)
    } else {
        None
    }
}

/// One inbound message. `from` is the user's number (none for a user known only by BSUID);
/// a button tap answers `context_wamid`, the marketing message it was on.
pub(crate) fn message(
    id: String,
    from: Option<String>,
    from_user_id: Option<String>,
    timestamp: u64,
    reply: Reply<'_>,
) -> types::InboundMessage {
    let message = types::InboundMessage::builder()
        .id(Some(id))
        .from(from)
        .from_user_id(from_user_id)
        .timestamp(Some(timestamp.to_string()));
    let message = match reply {
        Reply::Text(body) => message.type_(Some("text".to_string())).text(Some(build(
            types::InboundMessageText::builder().body(Some(body.to_string())),
        ))),
        Reply::Button {
            text,
            context_wamid,
        } => message
            .type_(Some("button".to_string()))
            .button(Some(build(
                types::InboundMessageButton::builder()
                    .text(Some(text.to_string()))
                    .payload(Some(text.to_string())),
            )))
            .context(context_wamid.map(|id| {
                build(
                    types::InboundMessageContext::builder()
                        .from(Some(crate::webhooks::DISPLAY_PHONE_NUMBER.to_string()))
                        .id(Some(id.to_string())),
                )
            })),
    };
    build(message)
}

/// What the user sent.
pub(crate) enum Reply<'a> {
    Text(&'a str),
    Button {
        text: &'a str,
        context_wamid: Option<&'a str>,
    },
}

/// The body of `POST /__sandbox/inbound`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InboundRequest {
    /// The user's number (digits, any usual separators).
    from: String,
    /// What they wrote (or the button's text with `"type": "button"`).
    text: String,
    /// `text` (the default) or `button`.
    #[serde(default, rename = "type")]
    kind: Option<String>,
    /// The business number written to; the first served one by default.
    #[serde(default)]
    phone_number_id: Option<String>,
}

/// `POST /__sandbox/inbound {"from": "447700900123", "text": "STOP"}`: the user sends that
/// text (or, with `"type": "button"`, taps a quick reply with it); posted as a `messages`
/// webhook at once. Answers `{"id": <the inbound message's wamid>}`.
pub(crate) async fn send(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    match accept(&state, &body) {
        Ok(id) => json_response(
            StatusCode::OK,
            serde_json::json!({ "id": id }).to_string().into_bytes(),
        ),
        Err(failure) => graph_error(&failure, &state.trace()),
    }
}

fn accept(state: &AppState, body: &[u8]) -> Result<String, GraphFailure> {
    static SENT: AtomicU64 = AtomicU64::new(0);
    let request: InboundRequest = serde_json::from_slice(body).map_err(|e| {
        GraphFailure::invalid_parameter(format!(
            "expected {{\"from\": \"447700900123\", \"text\": \"STOP\"}}, optionally with \"type\": \"button\" and \"phone_number_id\": {e}"
        ))
    })?;
    let Some(webhooks) = &state.webhooks else {
        return Err(GraphFailure::invalid_parameter(
            "webhooks are off: start the sandbox with a webhook URL (--webhook-url) to receive inbound messages",
        ));
    };
    let digits: String = request.from.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(GraphFailure::invalid_parameter(format!(
            "from: {:?} is not a phone number",
            request.from
        )));
    }
    let phone_number_id = match request.phone_number_id {
        Some(id) => {
            if state.account.sending(&id).is_none() {
                return Err(GraphFailure::unknown_phone_number(&id));
            }
            id
        }
        None => state.account.view().phone_numbers[0].id.clone(),
    };
    let reply = match request.kind.as_deref() {
        None | Some("text") => Reply::Text(&request.text),
        Some("button") => Reply::Button {
            text: &request.text,
            context_wamid: None,
        },
        Some(other) => {
            return Err(GraphFailure::invalid_parameter(format!(
                "type: expected text or button; received {other:?}"
            )));
        }
    };
    let id = crate::wamid::wamid(&digits, 0x4D41_4E55, SENT.fetch_add(1, Ordering::Relaxed));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let user_id = crate::webhooks::bsuid_for(&digits);
    let message = message(
        id.clone(),
        Some(digits.clone()),
        Some(user_id.clone()),
        now,
        reply,
    );
    webhooks.inbound(&phone_number_id, &digits, &user_id, message);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_shares_no_draw() {
        let spec = WebhookSpec::default();
        assert!((0..100).all(|n| draw(&spec, 1, n).is_none()));
        let spec: WebhookSpec = "stop-text=0.5,stop-button=0.5".parse().unwrap();
        let replies: Vec<_> = (0..100).filter_map(|n| draw(&spec, 1, n)).collect();
        assert_eq!(replies.len(), 100);
        assert!(replies.contains(&StopReply::Text) && replies.contains(&StopReply::Button));
    }

    #[test]
    fn a_button_tap_names_the_message_it_was_on() {
        let message = message(
            "wamid.in".into(),
            Some("447700900123".into()),
            None,
            5,
            Reply::Button {
                text: STOP_PROMOTIONS,
                context_wamid: Some("wamid.out"),
            },
        );
        assert_eq!(message.type_.as_deref(), Some("button"));
        assert_eq!(
            message.button.unwrap().payload.as_deref(),
            Some(STOP_PROMOTIONS)
        );
        assert_eq!(message.context.unwrap().id.as_deref(), Some("wamid.out"));
    }
}
