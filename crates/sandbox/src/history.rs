//! `GET /{Version}/{Phone-Number-ID}/message_history?message_id=WAMID&fields=...`: what the
//! sandbox decided for a message so far, from the same story its webhooks tell.
//!
//! Each status the story holds (`sent`, then `delivered` and `read`, or `failed`) becomes an
//! event once its time has come (when its first webhook is, or would be, posted), with
//! `delivery_status` in capitals, the webhook's `timestamp`, `error_description` for a
//! failure (`(#CODE) title`) and `webhook_update_state`: `SENT` once the receiver answered a
//! POST of it with 2xx, `FAILED` while every POST so far was refused (the sandbox keeps
//! retrying), `PENDING` before the first POST; absent when the sandbox posts no webhooks. An
//! unknown wamid, or one sent from another number, answers an empty `data`. The newest
//! [`SandboxConfig::max_messages`](crate::SandboxConfig::max_messages) messages are kept.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::Value;
use wamm_client::build;
use wamm_client::types::{
    MessageHistory, MessageHistoryEvent, MessageHistoryEvents, MessageHistoryList,
};

use crate::endpoint::{AppState, answer_json, check_token, check_version, version_and_object};
use crate::graph_error::GraphFailure;
use crate::graph_query::{field_list, known_field, query_pairs};
use crate::webhooks::Story;

/// The fields of a `MessageHistory` and of its events (`openapi.yaml`).
const FIELDS: [&str; 3] = ["id", "message_id", "events"];
const EVENT_FIELDS: [&str; 4] = [
    "delivery_status",
    "webhook_update_state",
    "timestamp",
    "error_description",
];

/// Whether a status's webhook reached the receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delivery {
    /// No webhooks are posted.
    Off,
    Pending,
    Failed,
    Sent,
}

impl Delivery {
    fn as_str(self) -> Option<&'static str> {
        match self {
            Delivery::Off => None,
            Delivery::Pending => Some("PENDING"),
            Delivery::Failed => Some("FAILED"),
            Delivery::Sent => Some("SENT"),
        }
    }
}

#[derive(Debug)]
struct Event {
    /// `SENT`, `DELIVERED`, `READ`, `FAILED`; empty for a place not filled.
    status: &'static str,
    timestamp: i64,
    error: Option<String>,
    due: Instant,
    delivery: Delivery,
}

#[derive(Debug)]
struct Entry {
    phone_number_id: Arc<str>,
    events: Vec<Event>,
}

/// The statuses of the newest messages, by wamid.
#[derive(Debug)]
pub(crate) struct History {
    capacity: usize,
    inner: Mutex<Inner>,
}

/// A load test keeps many messages: each wamid is held once, each number's ID once.
#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<Arc<str>, Entry>,
    order: VecDeque<Arc<str>>,
    numbers: Vec<Arc<str>>,
}

impl History {
    pub(crate) fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Self {
            capacity,
            inner: Mutex::new(Inner::default()),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps a created message's statuses, each due when its first webhook is.
    pub(crate) fn record(&self, wamid: &str, phone_number_id: &str, story: &Story, webhooks: bool) {
        if self.capacity == 0 {
            return;
        }
        let now = Instant::now();
        let mut events: Vec<Event> = Vec::new();
        for (delay, pending) in story {
            let Some((mark, status)) = pending.planned_status() else {
                continue;
            };
            let due = now + *delay;
            if let Some(event) = events.get_mut(mark) {
                event.due = event.due.min(due);
                continue;
            }
            // A duplicate may come first; the marks are dense, so fill in order.
            while events.len() < mark {
                events.push(placeholder(now));
            }
            let event = Event {
                status: match status.status {
                    wamm_client::DeliveryStatus::Sent => "SENT",
                    wamm_client::DeliveryStatus::Delivered => "DELIVERED",
                    wamm_client::DeliveryStatus::Read => "READ",
                    wamm_client::DeliveryStatus::Failed => "FAILED",
                    // The sandbox tells no other status; one would not be shown.
                    _ => "",
                },
                timestamp: status
                    .timestamp
                    .as_deref()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or_default(),
                error: status
                    .errors
                    .first()
                    .map(|e| format!("(#{}) {}", e.code, e.title.as_deref().unwrap_or_default())),
                due,
                delivery: if webhooks {
                    Delivery::Pending
                } else {
                    Delivery::Off
                },
            };
            if mark < events.len() {
                events[mark] = event;
            } else {
                events.push(event);
            }
        }
        let mut inner = self.lock();
        while inner.order.len() >= self.capacity {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            inner.entries.remove(&oldest);
        }
        let number = match inner.numbers.iter().find(|n| &***n == phone_number_id) {
            Some(number) => Arc::clone(number),
            None => {
                let number: Arc<str> = Arc::from(phone_number_id);
                inner.numbers.push(Arc::clone(&number));
                number
            }
        };
        let key: Arc<str> = Arc::from(wamid);
        inner.order.push_back(Arc::clone(&key));
        inner.entries.insert(
            key,
            Entry {
                phone_number_id: number,
                events,
            },
        );
    }

    /// A POST of a status's webhook was answered (2xx: `accepted`) or refused.
    pub(crate) fn webhook_outcome(&self, wamid: &str, mark: usize, accepted: bool) {
        let mut inner = self.lock();
        if let Some(event) = inner
            .entries
            .get_mut(wamid)
            .and_then(|e| e.events.get_mut(mark))
        {
            event.delivery = match (accepted, event.delivery) {
                (true, _) | (false, Delivery::Sent) => Delivery::Sent,
                (false, _) => Delivery::Failed,
            };
        }
    }

    pub(crate) fn clear(&self) {
        *self.lock() = Inner::default();
    }

    /// The message's events so far, if the number sent it.
    fn events(&self, wamid: &str, phone_number_id: &str) -> Option<Vec<MessageHistoryEvent>> {
        let now = Instant::now();
        let inner = self.lock();
        let entry = inner.entries.get(wamid)?;
        if &*entry.phone_number_id != phone_number_id {
            return None;
        }
        Some(
            entry
                .events
                .iter()
                .filter(|e| e.due <= now && !e.status.is_empty())
                .map(|e| {
                    build(
                        MessageHistoryEvent::builder()
                            .delivery_status(Some(e.status.to_string()))
                            .webhook_update_state(e.delivery.as_str().map(str::to_string))
                            .timestamp(Some(e.timestamp))
                            .error_description(e.error.clone()),
                    )
                })
                .collect(),
        )
    }
}

fn placeholder(now: Instant) -> Event {
    Event {
        status: "",
        timestamp: 0,
        error: None,
        due: now + Duration::from_secs(u64::from(u32::MAX)),
        delivery: Delivery::Off,
    }
}

/// The handler (any method; only GET is supported).
pub(crate) async fn message_history(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    answer_json(&state, answer(&state, &request))
}

fn answer(state: &AppState, request: &Request) -> Result<Vec<u8>, GraphFailure> {
    let path = request.uri().path();
    if request.method() != Method::GET {
        return Err(GraphFailure::unsupported(request.method().as_str(), path));
    }
    check_token(state, request.headers())?;
    let (version, phone_number_id) = version_and_object(path);
    if version == "__sandbox" {
        return Err(GraphFailure::unsupported(request.method().as_str(), path));
    }
    if state.account.sending(phone_number_id).is_none() {
        return Err(GraphFailure::unknown_phone_number(phone_number_id));
    }
    check_version(version)?;
    let pairs = query_pairs(request.uri(), &["message_id", "fields"])?;
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
    };
    let wamid = value("message_id")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            GraphFailure::invalid_parameter(
                "message_id is required: the wamid the send answered (wamid....)",
            )
        })?;
    let (fields, event_fields) =
        parse_fields(value("fields").as_deref(), state.accept_any_template)?;
    let data: Vec<Value> = state
        .history
        .events(&wamid, phone_number_id)
        .map(|events| {
            let entry: MessageHistory = build(
                MessageHistory::builder()
                    .id(Some(entry_id(&wamid)))
                    .message_id(Some(wamid.clone()))
                    .events(Some(build::<MessageHistoryEvents>(
                        MessageHistoryEvents::builder().data(events),
                    ))),
            );
            let mut value = serde_json::to_value(&entry).unwrap_or_default();
            if let Value::Object(map) = &mut value {
                map.retain(|key, _| fields.contains(&key.as_str()));
                if let Some(Value::Array(events)) =
                    map.get_mut("events").and_then(|e| e.get_mut("data"))
                {
                    for event in events {
                        if let Value::Object(event) = event {
                            event.retain(|key, _| event_fields.contains(&key.as_str()));
                        }
                    }
                }
            }
            value
        })
        .into_iter()
        .collect();
    let list: MessageHistoryList = build(MessageHistoryList::builder().data(Vec::new()));
    let mut body = serde_json::to_value(&list).unwrap_or_default();
    body["data"] = Value::Array(data);
    Ok(serde_json::to_vec(&body).unwrap_or_default())
}

/// The history entry's own ID: a number derived from the wamid (FNV-1a), stable across runs.
fn entry_id(wamid: &str) -> String {
    let hash = wamid.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % 1_000_000_000_000_000).to_string()
}

/// `id,message_id,events{delivery_status,...}`: the top-level fields and the events' fields.
/// None asked: all of them.
fn parse_fields(
    value: Option<&str>,
    lenient: bool,
) -> Result<(Vec<&'static str>, Vec<&'static str>), GraphFailure> {
    let value = value.unwrap_or_default().trim();
    if value.is_empty() {
        return Ok((FIELDS.to_vec(), EVENT_FIELDS.to_vec()));
    }
    let mut fields = Vec::new();
    let mut event_fields = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        let end = rest.find([',', '{']).unwrap_or(rest.len());
        let name = rest[..end].trim();
        let mut sub = None;
        rest = &rest[end..];
        if let Some(inner) = rest.strip_prefix('{') {
            // Lenient (conformance testers): an unclosed `{` runs to the end.
            let close = match inner.find('}') {
                Some(close) => close,
                None if lenient => inner.len(),
                None => {
                    return Err(GraphFailure::invalid_parameter(format!(
                        "fields: a {{ is not closed in {value:?}"
                    )));
                }
            };
            sub = Some(&inner[..close]);
            rest = inner.get(close + 1..).unwrap_or_default();
        }
        rest = rest.trim_start_matches(',');
        if name.is_empty() {
            continue;
        }
        let Some(field) = known_field(name, &FIELDS, "a message history", lenient)? else {
            continue;
        };
        fields.push(field);
        if name == "events" {
            match sub {
                None => event_fields = EVENT_FIELDS.to_vec(),
                Some(sub) => event_fields.extend(
                    field_list(sub, &EVENT_FIELDS, "a message history event", lenient)?
                        .unwrap_or_default(),
                ),
            }
        }
    }
    Ok((fields, event_fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_graphs_nesting() {
        let (fields, events) = parse_fields(
            Some("id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}"),
            false,
        )
        .unwrap();
        assert_eq!(fields, FIELDS);
        assert_eq!(events, EVENT_FIELDS);
        let (fields, events) = parse_fields(Some("events{timestamp},message_id"), false).unwrap();
        assert_eq!(fields, ["events", "message_id"]);
        assert_eq!(events, ["timestamp"]);
        assert!(parse_fields(Some("events{colour}"), false).is_err());
        assert!(parse_fields(Some("events{timestamp"), false).is_err());
        assert!(parse_fields(Some("colour"), false).is_err());
        assert_eq!(parse_fields(Some("colour,id"), true).unwrap().0, ["id"]);
        // What schemathesis sent: a lenient sandbox answers rather than refuse it.
        let (fields, events) = parse_fields(Some("id,events{timestamp,\u{15}{"), true).unwrap();
        assert_eq!(fields, ["id", "events"]);
        assert_eq!(events, ["timestamp"]);
        assert!(parse_fields(Some("\u{b2}{\u{1c8b3}"), true).is_ok());
    }
}
