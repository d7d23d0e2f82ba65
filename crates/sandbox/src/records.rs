//! What the sandbox remembers: the newest created messages (a ring of `max_messages`) and
//! counters over all of them, readable from the handle and over HTTP
//! (`GET /__sandbox/messages`, `GET /__sandbox/stats`).

use std::collections::{BTreeMap, VecDeque};
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
    /// TLS handshakes completed since the sandbox started (a reset keeps them): one per
    /// connection, so with the messages created it shows how well clients reuse connections.
    #[serde(default)]
    pub tls_handshakes: u64,
    /// Of those, connections on which the client and the sandbox agreed on HTTP/2.
    #[serde(default)]
    pub http2_connections: u64,
}

/// One page of the created messages the sandbox holds: what `GET /__sandbox/messages`
/// answers.
///
/// Messages are numbered 1, 2, 3, ... in the order they were created since the sandbox
/// started (a reset does not restart the numbering). A page holds the messages numbered after
/// the `after` it was asked for, oldest first; ask for the next page with `after = next`
/// until `more` is false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagePage {
    /// The messages, in creation order.
    pub messages: Vec<RecordedMessage>,
    /// The number of the last message in `messages` (when it is empty: `after`, or the
    /// newest number if that is higher): the `after` for the next page.
    pub next: u64,
    /// Whether the sandbox holds messages after `next`.
    pub more: bool,
    /// Messages created after `after` (and since the last reset) that the sandbox no longer
    /// holds, because newer ones took their place: they are missing between `after` and this
    /// page. 0 unless more than `max_messages` were created since.
    pub skipped: u64,
    /// Messages created since start or the last reset (as in [`Stats::created`]).
    pub created: u64,
    /// Messages the sandbox holds now (at most `max_messages`).
    pub held: u64,
}

/// The sandbox's memory; every lock is held only for a push or a copy.
#[derive(Debug)]
pub(crate) struct Recorder {
    requests: AtomicU64,
    /// `requests` at the last reset.
    requests_before_reset: AtomicU64,
    messages: Mutex<Ring>,
    counters: Mutex<Counters>,
}

/// The newest `capacity` created messages.
#[derive(Debug)]
struct Ring {
    capacity: usize,
    held: VecDeque<Stored>,
    /// The number of the newest message created (0 before the first).
    newest: u64,
    /// `newest` at the last reset: messages up to it were forgotten on purpose.
    newest_at_reset: u64,
}

impl Ring {
    /// The number of the oldest message held (`newest + 1` when none is).
    fn oldest(&self) -> u64 {
        self.newest + 1 - self.held.len() as u64
    }
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
    /// A recorder that holds the newest `max_messages` created messages.
    pub(crate) fn new(max_messages: usize) -> Self {
        Self {
            requests: AtomicU64::new(0),
            requests_before_reset: AtomicU64::new(0),
            messages: Mutex::new(Ring {
                capacity: max_messages,
                held: VecDeque::new(),
                newest: 0,
                newest_at_reset: 0,
            }),
            counters: Mutex::new(Counters::default()),
        }
    }

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
        let mut ring = lock(&self.messages);
        ring.newest += 1;
        if ring.capacity == 0 {
            return;
        }
        if ring.held.len() == ring.capacity {
            // Reuses the slot: the ring never grows past its capacity.
            ring.held.pop_front();
        }
        ring.held.push_back(stored);
    }

    pub(crate) fn count_error(&self, code: i64) {
        *lock(&self.counters).errors_by_code.entry(code).or_default() += 1;
    }

    pub(crate) fn count_fault(&self, name: &'static str) {
        *lock(&self.counters).faults.entry(name).or_default() += 1;
    }

    pub(crate) fn messages(&self) -> Vec<RecordedMessage> {
        // Copy under the lock, parse outside it: senders keep recording meanwhile.
        let snapshot: Vec<Stored> = lock(&self.messages).held.iter().cloned().collect();
        snapshot.iter().map(Stored::to_message).collect()
    }

    /// Up to `limit` held messages numbered after `after`, oldest first.
    pub(crate) fn page(&self, after: u64, limit: usize) -> MessagePage {
        let created = lock(&self.counters).created;
        let ring = lock(&self.messages);
        let oldest = ring.oldest();
        let start = after.saturating_add(1).max(oldest);
        let skip = usize::try_from(start - oldest).unwrap_or(usize::MAX);
        let snapshot: Vec<Stored> = ring.held.iter().skip(skip).take(limit).cloned().collect();
        let returned = snapshot.len() as u64;
        let next = if returned == 0 {
            after.max(ring.newest)
        } else {
            start + returned - 1
        };
        let page = MessagePage {
            messages: Vec::new(),
            next,
            more: next < ring.newest,
            skipped: (oldest - 1).saturating_sub(after.max(ring.newest_at_reset)),
            created,
            held: ring.held.len() as u64,
        };
        drop(ring);
        MessagePage {
            messages: snapshot.iter().map(Stored::to_message).collect(),
            ..page
        }
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
            tls_handshakes: 0,
            http2_connections: 0,
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
        let mut ring = lock(&self.messages);
        ring.held.clear();
        ring.newest_at_reset = ring.newest;
    }
}

/// A poisoned lock only means another request panicked mid-push; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(n: u64) -> RecordedMessage {
        RecordedMessage {
            wamid: format!("wamid.{n}"),
            phone_number_id: "1".into(),
            recipient: "447700900123".into(),
            user: "447700900123".into(),
            by_bsuid: false,
            template: "spring_sale".into(),
            language: "en_US".into(),
            components: serde_json::json!([{"type": "body"}]),
            product_policy: None,
            routed: Route::MarketingMessagesLite,
            message_status: MessageStatus::Accepted,
            response_lost: false,
            sequence: n,
            time_ms: 0,
        }
    }

    fn wamids(page: &MessagePage) -> Vec<&str> {
        page.messages.iter().map(|m| m.wamid.as_str()).collect()
    }

    #[test]
    fn the_ring_holds_the_newest_and_pages_by_number() {
        let recorder = Recorder::new(3);
        let empty = recorder.page(0, 10);
        assert_eq!(
            (empty.next, empty.more, empty.skipped, empty.held),
            (0, false, 0, 0)
        );
        for n in 1..=5 {
            recorder.record(message(n));
        }
        assert_eq!(recorder.messages().len(), 3);
        assert_eq!(recorder.messages()[0].components, message(3).components);
        assert_eq!(recorder.stats().created, 5);

        let page = recorder.page(0, 2);
        assert_eq!(wamids(&page), ["wamid.3", "wamid.4"]);
        assert_eq!((page.next, page.more, page.skipped), (4, true, 2));
        let page = recorder.page(page.next, 2);
        assert_eq!(wamids(&page), ["wamid.5"]);
        assert_eq!((page.next, page.more, page.skipped), (5, false, 0));
        // Past the newest: nothing, and the cursor stays.
        let page = recorder.page(9, 2);
        assert!(page.messages.is_empty());
        assert_eq!((page.next, page.more, page.skipped), (9, false, 0));
        assert_eq!(recorder.page(u64::MAX, 1).next, u64::MAX);
    }
}
