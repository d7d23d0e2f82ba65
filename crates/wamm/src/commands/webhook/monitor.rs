//! `webhook serve --metrics-listen`: the receiver's metrics on a listener of their own.
//!
//! Not a path on the receiver's listener: that one faces the internet (Meta posts to it
//! through a TLS proxy), and its counts are nobody else's business; a second listener can stay
//! on a private address.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use marketing::metrics::{Registry, WebhookMetrics};
use marketing::webhook::EventStore;

use super::refusals::Reason;
use crate::exit::Failure;
use crate::metrics_server::{MetricsServer, Probe, render_registry};

/// Registers the receiver's metrics and starts serving them; ready while the store opens.
pub(super) async fn start(
    address: SocketAddr,
    store: PathBuf,
) -> Result<(WebhookMetrics, MetricsServer), Failure> {
    let mut registry = Registry::default();
    let metrics = WebhookMetrics::register(&mut registry);
    let render = render_registry(registry);
    let probe: Probe = Arc::new(move || match EventStore::open_read_only(&store) {
        Ok(_) => Ok("ok".to_string()),
        Err(e) => Err(format!("the event store cannot be opened: {e}")),
    });
    let server = MetricsServer::start(address, render, probe).await?;
    Ok((metrics, server))
}

/// Counts a refusal where it belongs.
pub(super) fn refused(metrics: &WebhookMetrics, reason: Reason) {
    match reason {
        Reason::Unsigned | Reason::Mismatch => metrics.signature_failure(),
        Reason::TooLarge => metrics.body_refused("too_large"),
        Reason::Bad => metrics.body_refused("malformed"),
        Reason::Slow => metrics.body_refused("slow"),
        Reason::Busy => metrics.body_refused("busy"),
        Reason::Handshake => {}
    }
}
