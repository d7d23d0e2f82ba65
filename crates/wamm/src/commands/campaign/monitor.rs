//! `--metrics-listen` for the commands that send: the run's metrics, and whether it is ready
//! (its journal reachable, the run not halted, not ended in failure).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use marketing::campaign::{self, RunOptions};
use marketing::metrics::{CampaignMetrics, Registry};

use super::args::CommonRunArgs;
use crate::exit::Failure;
use crate::metrics_server::{MetricsServer, Probe, render_registry};

/// A run's monitoring listener, and what it knows of how the run ended.
pub(super) struct Monitor {
    server: MetricsServer,
    linger: Option<Duration>,
    ended: Arc<Mutex<Option<Result<(), String>>>>,
}

impl Monitor {
    /// With `--metrics-listen`: registers the run's metrics, gives them to `options` and
    /// starts serving them.
    pub(super) async fn start(
        common: &CommonRunArgs,
        options: &mut RunOptions,
    ) -> Result<Option<Self>, Failure> {
        let Some(address) = common.metrics_listen else {
            return Ok(None);
        };
        let mut registry = Registry::default();
        let metrics = CampaignMetrics::register(&mut registry);
        options.metrics = Some(metrics.clone());
        let render = render_registry(registry);
        let ended: Arc<Mutex<Option<Result<(), String>>>> = Arc::default();
        let probe = ready(common.journal.clone(), metrics, Arc::clone(&ended));
        let server = MetricsServer::start(address, render, probe).await?;
        Ok(Some(Self {
            server,
            linger: common.metrics_linger,
            ended,
        }))
    }

    /// The run ended (`Err`: why it failed or stopped); serves on for `--metrics-linger`.
    pub(super) async fn finish(self, outcome: Result<(), String>) {
        if let Ok(mut ended) = self.ended.lock() {
            *ended = Some(outcome);
        }
        self.server.linger(self.linger).await;
    }
}

/// Ready while the run goes or once it completed; not once it halted, failed or was
/// interrupted, nor when its journal file is gone.
fn ready(
    journal: PathBuf,
    metrics: CampaignMetrics,
    ended: Arc<Mutex<Option<Result<(), String>>>>,
) -> Probe {
    Arc::new(move || {
        if !campaign::is_postgres(&journal) && !journal.exists() {
            return Err(format!(
                "the journal {} is gone",
                campaign::journal_label(&journal)
            ));
        }
        if let Some(reason) = metrics.halt_reason() {
            return Err(format!("the run halted: {reason}"));
        }
        match ended.lock().ok().and_then(|e| e.clone()) {
            None => Ok("running".to_string()),
            Some(Ok(())) => Ok("complete".to_string()),
            Some(Err(reason)) => Err(format!("the run ended: {reason}")),
        }
    })
}
