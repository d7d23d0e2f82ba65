//! The webhook receiver's metrics: what it was posted, what it refused, how long recording took.

use std::sync::Arc;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::latency_buckets;
use crate::webhook::{Event, PreferenceValue, Received};

type One = [(&'static str, String); 1];

/// The kinds `wamm_webhook_events_total` counts by: a status by its value, an opt-out or
/// opt-in, a click, a template's change, a user's message, anything else.
pub const EVENT_KINDS: [&str; 15] = [
    "sent",
    "delivered",
    "read",
    "failed",
    "status_other",
    "opt_out",
    "opt_in",
    "preference_other",
    "clicked",
    "template_status",
    "template_quality",
    "template_category",
    "account_update",
    "inbound",
    "other",
];

/// The metrics of `webhook serve`. Cheap to clone; every clone updates the same series.
///
/// ```
/// use marketing::metrics::{Registry, WebhookMetrics, encode};
///
/// let mut registry = Registry::default();
/// let metrics = WebhookMetrics::register(&mut registry);
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
///   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"read","timestamp":"1"}]}}]}]}"#;
/// let received = marketing::webhook::parse_received(body)?;
/// let kinds = WebhookMetrics::kinds(&received); // before the events go to the store
/// metrics.recorded(&kinds, 1, std::time::Duration::from_millis(2));
/// let text = encode(&registry);
/// assert!(text.contains(r#"wamm_webhook_events_total{kind="read"} 1"#));
/// assert!(text.contains("wamm_webhook_posts_accepted_total 1"));
/// # Ok::<(), marketing::webhook::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct WebhookMetrics {
    events: Arc<[Counter; 15]>,
    posts: Counter,
    signature_failures: Counter,
    duplicates: Counter,
    refused: Family<One, Counter>,
    recording: Histogram,
}

impl WebhookMetrics {
    /// Registers the receiver's families in `registry`.
    pub fn register(registry: &mut Registry) -> Self {
        let events = Family::<One, Counter>::default();
        let handles =
            EVENT_KINDS.map(|kind| events.get_or_create(&[("kind", kind.to_string())]).clone());
        let metrics = Self {
            events: Arc::new(handles),
            posts: Counter::default(),
            signature_failures: Counter::default(),
            duplicates: Counter::default(),
            refused: Family::default(),
            recording: Histogram::new(latency_buckets()),
        };
        registry.register(
            "wamm_webhook_events",
            "Events newly recorded in the event store, by kind (a redelivered event is not counted again)",
            events,
        );
        registry.register(
            "wamm_webhook_posts_accepted",
            "POSTs recorded and answered 200",
            metrics.posts.clone(),
        );
        registry.register(
            "wamm_webhook_signature_failures",
            "POSTs refused for a missing, malformed or wrong X-Hub-Signature-256",
            metrics.signature_failures.clone(),
        );
        registry.register(
            "wamm_webhook_duplicates_skipped",
            "Events received again (Meta redelivers) and recorded once",
            metrics.duplicates.clone(),
        );
        registry.register(
            "wamm_webhook_bodies_refused",
            "POSTs refused for their body, by reason (too_large, malformed, slow, busy)",
            metrics.refused.clone(),
        );
        registry.register(
            "wamm_webhook_recording_seconds",
            "How long a POST waited for its events to be on stable storage",
            metrics.recording.clone(),
        );
        metrics
    }

    /// A POST's events counted by kind, taken before they go to the store.
    pub fn kinds(received: &[Received]) -> Kinds {
        let mut kinds = Kinds([0; EVENT_KINDS.len()]);
        for event in received {
            kinds.0[kind_index(&event.event)] += 1;
        }
        kinds
    }

    /// Counts a POST recorded: its events by kind (only when all of them were new), the
    /// duplicates, and how long recording took.
    pub fn recorded(&self, kinds: &Kinds, new: usize, took: std::time::Duration) {
        self.posts.inc();
        self.recording.observe(took.as_secs_f64());
        let total: u64 = kinds.0.iter().sum();
        let duplicates = total.saturating_sub(new as u64);
        self.duplicates.inc_by(duplicates);
        if duplicates == 0 {
            for (counter, n) in self.events.iter().zip(kinds.0) {
                if n > 0 {
                    counter.inc_by(n);
                }
            }
        } else if new > 0 {
            // Which of them were new the store does not say; a partly redelivered POST is
            // rare (Meta redelivers whole POSTs): its new events count as `other`.
            self.events[EVENT_KINDS.len() - 1].inc_by(new as u64);
        }
    }

    /// Counts a POST refused for its signature.
    pub fn signature_failure(&self) {
        self.signature_failures.inc();
    }

    /// Counts a POST refused for its body: `too_large`, `malformed`, `slow` or `busy`.
    pub fn body_refused(&self, reason: &'static str) {
        self.refused
            .get_or_create(&[("reason", reason.to_string())])
            .inc();
    }
}

/// A POST's events counted by kind ([`WebhookMetrics::kinds`]).
#[derive(Clone, Copy, Debug)]
pub struct Kinds([u64; EVENT_KINDS.len()]);

/// Where an event counts in [`EVENT_KINDS`].
fn kind_index(event: &Event) -> usize {
    let kind = match event {
        Event::Status { status, .. } => match status.status.as_str() {
            known @ ("sent" | "delivered" | "read" | "failed") => known,
            _ => "status_other",
        },
        Event::Preference { preference, .. } => match preference.value {
            PreferenceValue::Stop => "opt_out",
            PreferenceValue::Resume => "opt_in",
            _ => "preference_other",
        },
        Event::Inbound {
            preference: Some(signal),
            ..
        } => match signal.value {
            PreferenceValue::Stop => "opt_out",
            PreferenceValue::Resume => "opt_in",
            _ => "preference_other",
        },
        Event::Inbound { .. } => "inbound",
        Event::UserAction { .. } => "clicked",
        Event::TemplateStatus { .. } => "template_status",
        Event::TemplateQuality { .. } => "template_quality",
        Event::TemplateCategory { .. } => "template_category",
        Event::AccountUpdate { .. } => "account_update",
        _ => "other",
    };
    EVENT_KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(EVENT_KINDS.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redelivered_post_counts_as_duplicates_not_as_events() {
        let mut registry = Registry::default();
        let metrics = WebhookMetrics::register(&mut registry);
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
          {"field":"messages","value":{"statuses":[
            {"id":"wamid.A","status":"delivered","timestamp":"1"},
            {"id":"wamid.A","status":"read","timestamp":"2"}]}}]}]}"#;
        let received = crate::webhook::parse_received(body).unwrap();
        let kinds = WebhookMetrics::kinds(&received);
        metrics.recorded(&kinds, 2, std::time::Duration::ZERO);
        metrics.recorded(&kinds, 0, std::time::Duration::ZERO);
        let text = super::super::encode(&registry);
        for line in [
            "wamm_webhook_events_total{kind=\"delivered\"} 1",
            "wamm_webhook_events_total{kind=\"read\"} 1",
            "wamm_webhook_duplicates_skipped_total 2",
            "wamm_webhook_posts_accepted_total 2",
        ] {
            assert!(text.contains(line), "{line}: {text}");
        }
    }

    #[test]
    fn every_kind_is_exported_from_the_start() {
        let mut registry = Registry::default();
        WebhookMetrics::register(&mut registry);
        let text = super::super::encode(&registry);
        for kind in EVENT_KINDS {
            assert!(
                text.contains(&format!("wamm_webhook_events_total{{kind=\"{kind}\"}} 0")),
                "{kind}"
            );
        }
    }
}
