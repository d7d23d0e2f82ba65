//! Prometheus metrics for the long-running parts: a campaign's run ([`CampaignMetrics`]) and
//! the webhook receiver ([`WebhookMetrics`]).
//!
//! Nothing here is global: each handle registers its families into the
//! [`Registry`] it is given, and the caller serves that registry (the CLI's `--metrics-listen`)
//! or reads it in a test. Labels are bounded: an outcome, a Graph error code, a sending
//! number's phone-number ID (a pool has few), an event's kind; never a recipient, a wamid or a
//! message's text.
//!
//! ```
//! use marketing::metrics::{CampaignMetrics, Registry, WebhookMetrics, encode};
//!
//! let mut registry = Registry::default();
//! let campaign = CampaignMetrics::register(&mut registry);
//! let webhook = WebhookMetrics::register(&mut registry);
//! campaign.halted("throttled");
//! webhook.signature_failure();
//! let text = encode(&registry);
//! assert!(text.contains("wamm_campaign_halts_total{reason=\"throttled\"} 1"));
//! assert!(text.contains("wamm_webhook_signature_failures_total 1"));
//! ```

mod campaign;
mod webhook;

pub use campaign::{CampaignMetrics, NumberMetrics};
pub use prometheus_client::registry::Registry;
pub use webhook::{EVENT_KINDS, Kinds, WebhookMetrics};

/// The content type of [`encode`]'s text: OpenMetrics 1.0, which Prometheus asks for and
/// parses (its `# EOF` line and `_total` samples are that format's).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The registry's metrics in Prometheus's text format.
///
/// ```
/// let registry = marketing::metrics::Registry::default();
/// assert_eq!(marketing::metrics::encode(&registry), "# EOF\n");
/// ```
pub fn encode(registry: &Registry) -> String {
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = prometheus_client::encoding::text::encode(&mut text, registry);
    text
}

/// Latency buckets in seconds, from a millisecond to about 16 s.
fn latency_buckets() -> impl Iterator<Item = f64> {
    prometheus_client::metrics::histogram::exponential_buckets(0.001, 2.0, 15)
}
