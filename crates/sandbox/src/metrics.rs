//! The sandbox's own Prometheus metrics (`wamm sandbox --metrics-listen`): requests by
//! operation and status, and the webhooks it posted. Its own families, apart from
//! `marketing`'s, which the sandbox does not depend on.

use std::sync::Mutex;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

use crate::WebhookStats;

type Two = [(&'static str, String); 2];
type One = [(&'static str, String); 1];

/// What the sandbox counts, in a registry of its own.
#[derive(Debug)]
pub(crate) struct SandboxMetrics {
    registry: Registry,
    requests: Family<Two, Counter>,
    posts: Family<One, Counter>,
    pending: Gauge,
    /// The webhook counts already added to the counters (accepted, failed).
    synced: Mutex<(u64, u64)>,
}

impl SandboxMetrics {
    pub(crate) fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<Two, Counter>::default();
        let posts = Family::<One, Counter>::default();
        let pending = Gauge::default();
        registry.register(
            "wamm_sandbox_requests",
            "Requests the sandbox answered, by operation and HTTP status",
            requests.clone(),
        );
        registry.register(
            "wamm_sandbox_webhook_posts",
            "Status webhooks the sandbox posted, by result (accepted: a 2xx; failed: retried later)",
            posts.clone(),
        );
        registry.register(
            "wamm_sandbox_webhook_events_pending",
            "Status webhooks waiting to be posted",
            pending.clone(),
        );
        for result in ["accepted", "failed"] {
            let _ = posts.get_or_create(&[("result", result.to_string())]);
        }
        Self {
            registry,
            requests,
            posts,
            pending,
            synced: Mutex::new((0, 0)),
        }
    }

    /// Counts a request answered.
    pub(crate) fn answered(&self, operation: &'static str, status: u16) {
        self.requests
            .get_or_create(&[
                ("operation", operation.to_string()),
                ("status", status.to_string()),
            ])
            .inc();
    }

    /// The metrics in Prometheus's text format (OpenMetrics), the webhook counts brought up
    /// to date first.
    pub(crate) fn encode(&self, webhooks: &WebhookStats) -> String {
        if let Ok(mut synced) = self.synced.lock() {
            let (accepted, failed) = *synced;
            let add = |result: &str, now: u64, before: u64| {
                if now > before {
                    self.posts
                        .get_or_create(&[("result", result.to_string())])
                        .inc_by(now - before);
                }
            };
            add("accepted", webhooks.accepted_posts, accepted);
            add("failed", webhooks.failed_posts, failed);
            *synced = (
                webhooks.accepted_posts.max(accepted),
                webhooks.failed_posts.max(failed),
            );
        }
        self.pending
            .set(i64::try_from(webhooks.pending_events).unwrap_or(i64::MAX));
        let mut text = String::new();
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

/// The operation a path is, from a bounded set (never an ID from the path).
pub(crate) fn operation(path: &str) -> &'static str {
    if path.starts_with("/__sandbox/") {
        return "inspection";
    }
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [_, _, "marketing_messages"] => "send",
        [_, _, "message_templates"] => "message_templates",
        [_, _, "phone_numbers"] => "phone_numbers",
        [_, _, "template_analytics"] => "template_analytics",
        [_, _, "message_history"] => "message_history",
        [_, _] => "account",
        _ => "other",
    }
}

/// Counts each request by operation and the status it was answered with.
pub(crate) async fn count(
    axum::extract::State(state): axum::extract::State<std::sync::Arc<crate::endpoint::AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let operation = operation(request.uri().path());
    let response = next.run(request).await;
    state
        .metrics
        .answered(operation, response.status().as_u16());
    response
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every operation [`operation`] can name.
    const OPERATIONS: [&str; 8] = [
        "inspection",
        "send",
        "message_templates",
        "phone_numbers",
        "template_analytics",
        "message_history",
        "account",
        "other",
    ];

    proptest! {
        /// Whatever path a client sends, the label is one of a few words, never part of it.
        #[test]
        fn any_path_is_one_of_the_operations(path in "(/[a-z0-9_.]{0,12}){0,5}") {
            prop_assert!(OPERATIONS.contains(&operation(&path)), "{path}");
        }
    }

    #[test]
    fn paths_become_a_few_operations() {
        assert_eq!(
            operation("/v23.0/106540352242922/marketing_messages"),
            "send"
        );
        assert_eq!(operation("/v23.0/102290129340398"), "account");
        assert_eq!(operation("/__sandbox/messages"), "inspection");
        assert_eq!(operation("/447700900123/a/b/c"), "other");
    }

    #[test]
    fn webhook_counts_follow_the_sender_and_never_go_back() {
        let metrics = SandboxMetrics::new();
        let stats = |accepted, failed| WebhookStats {
            accepted_posts: accepted,
            failed_posts: failed,
            ..WebhookStats::default()
        };
        metrics.encode(&stats(3, 1));
        let text = metrics.encode(&stats(5, 1));
        assert!(
            text.contains("wamm_sandbox_webhook_posts_total{result=\"accepted\"} 5"),
            "{text}"
        );
        assert!(
            text.contains("wamm_sandbox_webhook_posts_total{result=\"failed\"} 1"),
            "{text}"
        );
    }
}
