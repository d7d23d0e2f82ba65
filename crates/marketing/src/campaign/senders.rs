//! The phone numbers a campaign sends from: one, or a pool (`[[senders]]`), each with its own
//! client and pacer. Each request goes to the number with the earliest free slot; a number
//! whose error concerns it alone stops, and the others take its share.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

use super::halt::StopReason;
use super::pacer::Pacer;
use crate::client::MarketingClient;

/// One phone number of the pool.
pub(crate) struct Sender {
    pub(crate) client: MarketingClient,
    /// The number's ID, shared by every row it sends (recorded with each).
    pub(crate) phone: Arc<str>,
    pub(crate) pacer: Arc<Pacer>,
    stopped: Mutex<Option<StopReason>>,
    sent: AtomicU64,
}

impl Sender {
    pub(crate) fn new(client: MarketingClient, pacer: Pacer) -> Self {
        Self {
            phone: Arc::from(client.phone_number_id()),
            client,
            pacer: Arc::new(pacer),
            stopped: Mutex::new(None),
            sent: AtomicU64::new(0),
        }
    }

    fn is_stopped(&self) -> bool {
        self.stopped.lock().map(|s| s.is_some()).unwrap_or(true)
    }

    /// Counts a message this number sent.
    pub(crate) fn sent_one(&self) {
        self.sent.fetch_add(1, Ordering::Relaxed);
    }
}

/// What one phone number did in a run ([`RunSummary::senders`](super::RunSummary::senders)).
/// In JSON its stop reason is flat: `stopped` (the message) and `stopped_code`.
///
/// ```
/// use marketing::campaign::SenderSummary;
///
/// let quiet = SenderSummary { phone_number_id: "106540352242922".into(), sent: 0, stopped: None };
/// assert!(quiet.stopped.is_none());
/// assert_eq!(serde_json::to_value(&quiet).unwrap()["stopped_code"], serde_json::Value::Null);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(into = "SenderJson")]
pub struct SenderSummary {
    /// The phone number's ID.
    pub phone_number_id: String,
    /// Messages it sent in this run.
    pub sent: u64,
    /// Why it stopped before the end of the run, when it did.
    pub stopped: Option<StopReason>,
}

/// The JSON form of a [`SenderSummary`] (fields in alphabetical order, as a
/// `serde_json::Value` prints them).
#[derive(Serialize)]
struct SenderJson {
    phone_number_id: String,
    sent: u64,
    stopped: Option<String>,
    stopped_code: Option<i64>,
}

impl From<SenderSummary> for SenderJson {
    fn from(summary: SenderSummary) -> Self {
        let (stopped, stopped_code) = StopReason::message_and_code(summary.stopped);
        Self {
            phone_number_id: summary.phone_number_id,
            sent: summary.sent,
            stopped,
            stopped_code,
        }
    }
}

/// The pool.
pub(crate) struct Senders {
    list: Vec<Arc<Sender>>,
    /// Where the next search starts, so that numbers with equal slots take turns.
    turn: AtomicUsize,
}

impl Senders {
    pub(crate) fn new(list: Vec<Sender>) -> Self {
        Self {
            list: list.into_iter().map(Arc::new).collect(),
            turn: AtomicUsize::new(0),
        }
    }

    /// Waits for a slot on the number that has the earliest one, and returns that number;
    /// `None` when every number has stopped.
    pub(crate) async fn acquire(&self) -> Option<Arc<Sender>> {
        let n = self.list.len();
        if n == 1 {
            // One number: nothing to choose.
            let sender = &self.list[0];
            if sender.is_stopped() {
                return None;
            }
            sender.pacer.acquire().await;
            return Some(Arc::clone(sender));
        }
        let start = self.turn.fetch_add(1, Ordering::Relaxed);
        let mut best: Option<(Instant, &Arc<Sender>)> = None;
        for i in 0..n {
            let sender = &self.list[(start + i) % n];
            if sender.is_stopped() {
                continue;
            }
            let free = sender.pacer.next_free();
            if best.is_none_or(|(at, _)| free < at) {
                best = Some((free, sender));
            }
        }
        let (_, sender) = best?;
        sender.pacer.acquire().await;
        Some(Arc::clone(sender))
    }

    /// Stops `sender` for `reason`. Returns whether other numbers are still sending (when
    /// none is, the run itself must stop).
    pub(crate) fn stop(&self, sender: &Sender, reason: StopReason) -> bool {
        if let Ok(mut stopped) = sender.stopped.lock()
            && stopped.is_none()
        {
            *stopped = Some(reason);
        }
        self.list.iter().any(|s| !s.is_stopped())
    }

    /// The `i`th number.
    #[cfg(test)]
    pub(crate) fn sender(&self, i: usize) -> Arc<Sender> {
        Arc::clone(&self.list[i])
    }

    /// How many numbers the pool has, stopped or not.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// How many numbers are still sending.
    #[cfg(test)]
    pub(crate) fn active(&self) -> usize {
        self.list.iter().filter(|s| !s.is_stopped()).count()
    }

    /// The pool's current rate: the sum of its sending numbers' rates (0 when one of them is
    /// unpaced).
    pub(crate) fn rate(&self) -> f64 {
        self.sum_of_sending(Pacer::rate)
    }

    /// The pool's configured rate: the sum of its sending numbers' targets (0 when one of
    /// them is unpaced).
    pub(crate) fn target(&self) -> f64 {
        self.sum_of_sending(Pacer::target)
    }

    /// `rate` of each number still sending, summed; 0 (unpaced) when one of them is 0.
    fn sum_of_sending(&self, rate: impl Fn(&Pacer) -> f64) -> f64 {
        let rates: Vec<f64> = self
            .list
            .iter()
            .filter(|s| !s.is_stopped())
            .map(|s| rate(&s.pacer))
            .collect();
        if rates.contains(&0.0) {
            0.0
        } else {
            rates.iter().sum()
        }
    }

    /// The numbers' IDs.
    pub(crate) fn phones(&self) -> impl Iterator<Item = &Arc<str>> {
        self.list.iter().map(|s| &s.phone)
    }

    /// What each number did.
    pub(crate) fn summary(&self) -> Vec<SenderSummary> {
        self.list
            .iter()
            .map(|s| SenderSummary {
                phone_number_id: s.client.phone_number_id().to_string(),
                sent: s.sent.load(Ordering::Relaxed),
                stopped: s.stopped.lock().ok().and_then(|s| s.clone()),
            })
            .collect()
    }
}
