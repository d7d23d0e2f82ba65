//! The monitoring listener of the long-running commands (`--metrics-listen`): `/metrics` in
//! Prometheus's format, `/healthz` while the process is alive, `/readyz` from a probe the
//! command gives (its journal or store reachable, its run not halted).
//!
//! One listener of its own, apart from anything the command serves to others: a scraper inside
//! the network reaches it, the internet (Meta's webhooks) need not.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::sync::watch;
use wamm_sandbox::server::{self, ServerLimits};

use crate::exit::Failure;
use crate::output;

/// Renders the metrics in Prometheus's text format.
pub type Render = Arc<dyn Fn() -> String + Send + Sync>;
/// Renders the families registered in `registry` (a command's own metrics).
pub fn render_registry(registry: marketing::metrics::Registry) -> Render {
    let registry = Arc::new(registry);
    Arc::new(move || marketing::metrics::encode(&registry))
}

/// Whether the command is ready: `Ok` with a word, or `Err` with a one-line reason.
pub type Probe = Arc<dyn Fn() -> Result<String, String> + Send + Sync>;

/// The content type Prometheus parses the text as.
const CONTENT_TYPE: &str = marketing::metrics::CONTENT_TYPE;

/// A running monitoring listener.
pub struct MetricsServer {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl MetricsServer {
    /// Listens on `address` and says where on stderr: `metrics on http://ADDR/metrics`.
    pub async fn start(address: SocketAddr, render: Render, probe: Probe) -> Result<Self, Failure> {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| Failure::other(format!("--metrics-listen {address}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Failure::other(e.to_string()))?;
        output::err(format!("metrics on http://{bound}/metrics"));
        let app = Router::new()
            .route(
                "/metrics",
                get(move || {
                    let render = Arc::clone(&render);
                    async move { ([(header::CONTENT_TYPE, CONTENT_TYPE)], render()) }
                }),
            )
            .route("/healthz", get(|| async { "ok\n" }))
            .route(
                "/readyz",
                get(move || {
                    let probe = Arc::clone(&probe);
                    async move {
                        // A probe may block (it opens a store): off the async threads.
                        let answer = tokio::task::spawn_blocking(move || probe())
                            .await
                            .unwrap_or_else(|_| Err("the readiness probe failed".to_string()));
                        match answer {
                            Ok(word) => (StatusCode::OK, format!("{word}\n")).into_response(),
                            Err(reason) => (
                                StatusCode::SERVICE_UNAVAILABLE,
                                format!("{}\n", one_line(&reason)),
                            )
                                .into_response(),
                        }
                    }
                }),
            );
        let (stop, stopped) = watch::channel(false);
        let limits = ServerLimits {
            max_connections: 64,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(120),
        };
        let task = tokio::spawn(server::serve(listener, app, stopped, limits));
        Ok(Self { stop, task })
    }

    /// Keeps serving for `linger` (a short run ends before Prometheus scrapes it), cut short
    /// by Ctrl-C or SIGTERM, then stops.
    pub async fn linger(self, linger: Option<Duration>) {
        if let Some(linger) = linger.filter(|l| !l.is_zero()) {
            output::err(format!(
                "metrics stay up for {} (--metrics-linger); Ctrl-C to exit now",
                humantime::format_duration(linger)
            ));
            tokio::select! {
                () = tokio::time::sleep(linger) => {}
                () = signalled() => {}
            }
        }
        self.shutdown().await;
    }

    /// Stops serving.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Ctrl-C or SIGTERM.
pub async fn signalled() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// A reason on one line, whatever it held.
fn one_line(reason: &str) -> String {
    reason.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads `--metrics-linger`: a duration such as 30s or 2m.
pub fn linger(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text)
        .map_err(|e| format!("{e} (expected a duration such as 30s or 2m)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_one_line() {
        assert_eq!(
            one_line("halted:\n  too many\tfailures "),
            "halted: too many failures"
        );
    }

    #[test]
    fn linger_reads_durations() {
        assert_eq!(linger("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(linger("2m"), Ok(Duration::from_secs(120)));
        assert!(linger("soon").is_err());
    }
}
