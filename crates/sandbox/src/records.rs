//! What the sandbox remembers: every created message and counters, readable from the handle
//! and over HTTP (`GET /__sandbox/messages`, `GET /__sandbox/stats`).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
pub use wamm_client::MessageStatus;

use serde::{Deserialize, Serialize};

/// One message the sandbox created: what a test inspects to prove exactly-once delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedMessage {
    /// The message ID returned (or that would have been returned) to the client.
    pub wamid: String,
    /// The sending business phone number's ID.
    pub phone_number_id: String,
    /// The user as sent: `to` (phone number or WhatsApp ID) or `recipient` (BSUID).
    pub recipient: String,
    /// The user's WhatsApp ID (digits) for `to` sends, the BSUID for `recipient` sends.
    pub user: String,
    /// Whether the user was addressed by BSUID (`recipient`) rather than `to`.
    pub by_bsuid: bool,
    /// `template.name`.
    pub template: String,
    /// `template.language.code`.
    pub language: String,
    /// `template.components` as sent (`[]` when absent).
    pub components: serde_json::Value,
    /// `product_policy` as sent, if any.
    pub product_policy: Option<String>,
    /// How the message went out.
    pub routed: Route,
    /// The `message_status` in the response.
    pub message_status: MessageStatus,
    /// Whether the client never got the 200 (a `lost-reset` or `lost-500` fault): the message
    /// exists although the client could not know it.
    pub response_lost: bool,
    /// The request's sequence number at the send endpoint (0-based).
    pub sequence: u64,
    /// When it was created, as Unix time in milliseconds.
    pub time_ms: u64,
}

/// How a created message was routed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Through Marketing Messages Lite.
    MarketingMessagesLite,
    /// Through the plain Cloud API, because the business is not onboarded and the send did not
    /// ask for `STRICT`.
    CloudApiFallback,
}

/// Counters since the sandbox started (or was last reset).
///
/// Over HTTP the maps' keys are strings: `{"errors_by_code": {"130429": 3}, ...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Requests to the send endpoint, answered or not.
    pub requests: u64,
    /// Messages created (including those whose response was lost).
    pub created: u64,
    /// Of those, routed through the Cloud API fallback.
    pub fallback: u64,
    /// Created messages by `message_status`.
    pub by_status: BTreeMap<String, u64>,
    /// Graph error responses by `error.code` (injected 500/503 faults included).
    pub errors_by_code: BTreeMap<i64, u64>,
    /// Faults injected, by kind (`500`, `503`, `reset`, `slow`, `lost-reset`, `lost-500`).
    pub faults: BTreeMap<String, u64>,
}

/// The sandbox's memory; every lock is held only for a push or a copy.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    requests: AtomicU64,
    /// `requests` at the last reset.
    requests_before_reset: AtomicU64,
    messages: Mutex<Vec<Stored>>,
    counters: Mutex<Counters>,
}

/// A recorded message with its components kept as compact JSON text: a parsed tree costs
/// about ten times the memory, and a load test records millions of messages.
#[derive(Debug, Clone)]
struct Stored {
    /// `components` is `Null` here.
    message: RecordedMessage,
    components: Box<str>,
}

impl Stored {
    fn new(mut message: RecordedMessage) -> Self {
        let components = message.components.take().to_string().into_boxed_str();
        Self {
            message,
            components,
        }
    }

    fn to_message(&self) -> RecordedMessage {
        let mut message = self.message.clone();
        message.components = serde_json::from_str(&self.components).unwrap_or_default();
        message
    }
}

#[derive(Debug, Default)]
struct Counters {
    created: u64,
    fallback: u64,
    by_status: BTreeMap<&'static str, u64>,
    errors_by_code: BTreeMap<i64, u64>,
    faults: BTreeMap<&'static str, u64>,
}

impl Recorder {
    /// Counts a request and returns its sequence number.
    pub(crate) fn next_request(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::Relaxed)
    }

    pub(crate) fn record(&self, message: RecordedMessage) {
        {
            let mut c = lock(&self.counters);
            c.created += 1;
            if message.routed == Route::CloudApiFallback {
                c.fallback += 1;
            }
            // The sandbox only gives the statuses it knows, so the names are static.
            let status: &'static str = match message.message_status {
                MessageStatus::HeldForQualityAssessment => "held_for_quality_assessment",
                MessageStatus::Paused => "paused",
                _ => "accepted",
            };
            *c.by_status.entry(status).or_default() += 1;
        }
        let stored = Stored::new(message);
        lock(&self.messages).push(stored);
    }

    pub(crate) fn count_error(&self, code: i64) {
        *lock(&self.counters).errors_by_code.entry(code).or_default() += 1;
    }

    pub(crate) fn count_fault(&self, name: &'static str) {
        *lock(&self.counters).faults.entry(name).or_default() += 1;
    }

    pub(crate) fn messages(&self) -> Vec<RecordedMessage> {
        // Copy under the lock, parse outside it: senders keep recording meanwhile.
        let snapshot = lock(&self.messages).clone();
        snapshot.iter().map(Stored::to_message).collect()
    }

    pub(crate) fn stats(&self) -> Stats {
        let c = lock(&self.counters);
        Stats {
            requests: self.requests.load(Ordering::Relaxed)
                - self.requests_before_reset.load(Ordering::Relaxed),
            created: c.created,
            fallback: c.fallback,
            by_status: c
                .by_status
                .iter()
                .map(|(k, v)| ((*k).to_string(), *v))
                .collect(),
            errors_by_code: c.errors_by_code.clone(),
            faults: c
                .faults
                .iter()
                .map(|(k, v)| ((*k).to_string(), *v))
                .collect(),
        }
    }

    /// Forgets messages and counters. Sequence numbers go on, so fault draws stay tied to the
    /// order of requests since start.
    pub(crate) fn reset(&self) {
        let mut c = lock(&self.counters);
        self.requests_before_reset
            .store(self.requests.load(Ordering::Relaxed), Ordering::Relaxed);
        *c = Counters::default();
        drop(c);
        lock(&self.messages).clear();
    }
}

/// A poisoned lock only means another request panicked mid-push; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
