//! A campaign run's metrics: what its rows became, what Graph answered, how fast it goes.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::latency_buckets;

/// Labels of one label.
type One = [(&'static str, String); 1];
/// Labels of two.
type Two = [(&'static str, String); 2];

/// The outcomes a row can end in, as the journal names them.
pub(crate) const OUTCOMES: [&str; 7] = [
    "sent",
    "failed",
    "unknown",
    "invalid",
    "skipped",
    "suppressed",
    "held_out",
];

/// The metrics of a campaign's run. Cheap to clone (every clone updates the same series);
/// give one to [`RunOptions::metrics`](crate::campaign::RunOptions::metrics) and serve the
/// registry it was registered in.
///
/// Counters count this process's run (a `resume` starts from zero, as every Prometheus counter
/// does after a restart); at the end they equal what this run recorded in the journal.
///
/// ```
/// use marketing::metrics::{CampaignMetrics, Registry, encode};
///
/// let mut registry = Registry::default();
/// let metrics = CampaignMetrics::register(&mut registry);
/// metrics.journal_commit(std::time::Duration::from_millis(3));
/// let number = metrics.number("106540352242922");
/// number.answered("sent");
/// let text = encode(&registry);
/// assert!(text.contains(r#"wamm_campaign_requests_total{phone_number_id="106540352242922",result="sent"} 1"#));
/// assert!(text.contains("wamm_campaign_journal_commit_seconds_count 1"));
/// ```
#[derive(Clone, Debug)]
pub struct CampaignMetrics {
    messages: Family<One, Counter>,
    /// One handle per outcome, made once (the feeder adds to them every publish).
    outcome_handles: Arc<[Counter; 7]>,
    requests: Family<Two, Counter>,
    failures: Family<Two, Counter>,
    retries: Counter,
    halts: Family<One, Counter>,
    rate: Gauge<f64, AtomicU64>,
    target: Gauge<f64, AtomicU64>,
    in_flight: Gauge,
    rows_total: Gauge,
    rows_pending: Gauge,
    journal_commit: Histogram,
    request_seconds: Family<One, Histogram>,
    /// Why the run stopped by itself, while it is stopping or once it has: `/readyz` says so.
    halt: Arc<Mutex<Option<String>>>,
}

/// One sending number's handles, made once per number so that a message costs no lookup of
/// labels.
#[derive(Clone, Debug)]
pub struct NumberMetrics {
    results: Arc<HashMap<&'static str, Counter>>,
    requests: Family<Two, Counter>,
    phone: String,
    latency: Histogram,
}

impl NumberMetrics {
    /// Counts one answer Graph gave this number: `sent`, `failed`, `unknown`, `retried` (an
    /// answer that proved nothing was created) or `released` (put back to pending).
    pub fn answered(&self, result: &str) {
        match self.results.get(result) {
            Some(counter) => counter.inc(),
            None => self
                .requests
                .get_or_create(&[
                    ("phone_number_id", self.phone.clone()),
                    ("result", result.to_string()),
                ])
                .inc(),
        };
    }

    /// Records how long one request to Graph took.
    pub fn request_took(&self, took: std::time::Duration) {
        self.latency.observe(took.as_secs_f64());
    }
}

/// The results [`NumberMetrics::answered`] has handles for.
const RESULTS: [&str; 5] = ["sent", "failed", "unknown", "retried", "released"];

impl CampaignMetrics {
    /// Registers the campaign's families in `registry`.
    pub fn register(registry: &mut Registry) -> Self {
        let messages = Family::<One, Counter>::default();
        let outcome_handles = Arc::new(OUTCOMES.map(|outcome| {
            messages
                .get_or_create(&[("outcome", outcome.to_string())])
                .clone()
        }));
        let metrics = Self {
            messages,
            outcome_handles,
            requests: Family::default(),
            failures: Family::default(),
            retries: Counter::default(),
            halts: Family::default(),
            rate: Gauge::default(),
            target: Gauge::default(),
            in_flight: Gauge::default(),
            rows_total: Gauge::default(),
            rows_pending: Gauge::default(),
            journal_commit: Histogram::new(latency_buckets()),
            request_seconds: Family::new_with_constructor(|| Histogram::new(latency_buckets())),
            halt: Arc::default(),
        };
        let m = &metrics;
        registry.register(
            "wamm_campaign_messages",
            "Rows of the list by the outcome this run recorded in the journal",
            m.messages.clone(),
        );
        registry.register(
            "wamm_campaign_requests",
            "Answers to send requests by sending number and result (sent, failed, unknown, retried, released)",
            m.requests.clone(),
        );
        registry.register(
            "wamm_campaign_failures",
            "Rows recorded failed or unknown, by outcome and Graph error code (none: no code)",
            m.failures.clone(),
        );
        registry.register(
            "wamm_campaign_retries",
            "Requests to be sent again after an answer that proved nothing was created",
            m.retries.clone(),
        );
        registry.register(
            "wamm_campaign_halts",
            "Runs that stopped by themselves, by reason (the error's class, or local)",
            m.halts.clone(),
        );
        registry.register(
            "wamm_campaign_pacing_rate",
            "The pacer's current rate in messages per second (0: unpaced)",
            m.rate.clone(),
        );
        registry.register(
            "wamm_campaign_pacing_target",
            "The configured rate in messages per second (0: unpaced)",
            m.target.clone(),
        );
        registry.register(
            "wamm_campaign_in_flight_requests",
            "Send requests waiting for Graph's answer",
            m.in_flight.clone(),
        );
        registry.register(
            "wamm_campaign_rows",
            "Rows in the campaign's list",
            m.rows_total.clone(),
        );
        registry.register(
            "wamm_campaign_rows_pending",
            "Rows of the list without a final state yet",
            m.rows_pending.clone(),
        );
        registry.register(
            "wamm_campaign_journal_commit_seconds",
            "How long one journal transaction took to commit",
            m.journal_commit.clone(),
        );
        registry.register(
            "wamm_campaign_request_seconds",
            "How long one send request to Graph took, by sending number",
            m.request_seconds.clone(),
        );
        metrics
    }

    /// The handles of one sending number (made once per number, at the start of a run).
    pub fn number(&self, phone_number_id: &str) -> NumberMetrics {
        let results = RESULTS
            .iter()
            .map(|result| {
                let labels = [
                    ("phone_number_id", phone_number_id.to_string()),
                    ("result", result.to_string()),
                ];
                (*result, self.requests.get_or_create(&labels).clone())
            })
            .collect();
        NumberMetrics {
            results: Arc::new(results),
            requests: self.requests.clone(),
            phone: phone_number_id.to_string(),
            latency: self
                .request_seconds
                .get_or_create(&[("phone_number_id", phone_number_id.to_string())])
                .clone(),
        }
    }

    /// Adds `by` rows to an outcome of [`OUTCOMES`].
    pub(crate) fn add_outcome(&self, index: usize, by: u64) {
        if by > 0
            && let Some(counter) = self.outcome_handles.get(index)
        {
            counter.inc_by(by);
        }
    }

    /// Counts a row recorded `failed` or `unknown` with its Graph code. Failures are few next
    /// to sends: a lookup of labels each is fine.
    pub(crate) fn failure(&self, outcome: &'static str, code: Option<i64>) {
        let code = code.map_or_else(|| "none".to_string(), |c| c.to_string());
        self.failures
            .get_or_create(&[("outcome", outcome.to_string()), ("code", code)])
            .inc();
    }

    /// Counts a request to be sent again.
    pub(crate) fn retried(&self) {
        self.retries.inc();
    }

    /// Counts the run stopping by itself for `reason` (an error class, or `local`).
    pub fn halted(&self, reason: &str) {
        self.halts
            .get_or_create(&[("reason", reason.to_string())])
            .inc();
    }

    /// Remembers why the run is stopping by itself, for readiness.
    pub(crate) fn set_halt(&self, message: &str) {
        if let Ok(mut halt) = self.halt.lock()
            && halt.is_none()
        {
            *halt = Some(message.to_string());
        }
    }

    /// Why the run stopped by itself, once it has begun to: a run that will not finish its
    /// list is not ready.
    pub fn halt_reason(&self) -> Option<String> {
        self.halt.lock().ok().and_then(|h| h.clone())
    }

    /// Sets the pacing gauges (messages per second; 0 when unpaced).
    pub(crate) fn pacing(&self, rate: f64, target: f64) {
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        self.rate.set(finite(rate));
        self.target.set(finite(target));
    }

    /// A request left for Graph.
    pub(crate) fn request_started(&self) {
        self.in_flight.inc();
    }

    /// A request's answer came back (or it failed to leave).
    pub(crate) fn request_ended(&self) {
        self.in_flight.dec();
    }

    /// Sets the row gauges.
    pub(crate) fn rows(&self, total: u64, pending: u64) {
        self.rows_total
            .set(i64::try_from(total).unwrap_or(i64::MAX));
        self.rows_pending
            .set(i64::try_from(pending).unwrap_or(i64::MAX));
    }

    /// Records how long a journal transaction took.
    pub fn journal_commit(&self, took: std::time::Duration) {
        self.journal_commit.observe(took.as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_is_exported_from_the_start_at_zero() {
        let mut registry = Registry::default();
        let metrics = CampaignMetrics::register(&mut registry);
        metrics.add_outcome(0, 3);
        metrics.add_outcome(1, 0);
        let text = super::super::encode(&registry);
        assert!(
            text.contains("wamm_campaign_messages_total{outcome=\"sent\"} 3"),
            "{text}"
        );
        for outcome in OUTCOMES.iter().skip(1) {
            assert!(
                text.contains(&format!(
                    "wamm_campaign_messages_total{{outcome=\"{outcome}\"}} 0"
                )),
                "{outcome}: {text}"
            );
        }
    }

    #[test]
    fn a_halt_is_kept_first_come() {
        let metrics = CampaignMetrics::register(&mut Registry::default());
        assert_eq!(metrics.halt_reason(), None);
        metrics.set_halt("first");
        metrics.set_halt("second");
        assert_eq!(metrics.halt_reason().as_deref(), Some("first"));
    }

    #[test]
    fn an_unexpected_result_still_counts() {
        let mut registry = Registry::default();
        let metrics = CampaignMetrics::register(&mut registry);
        metrics.number("1").answered("odd");
        let text = super::super::encode(&registry);
        assert!(
            text.contains(r#"{phone_number_id="1",result="odd"} 1"#),
            "{text}"
        );
    }
}
