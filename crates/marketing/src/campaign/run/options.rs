//! What a run is given: its options, and the signal that stops it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Asks a running campaign to stop: no new sends; requests in flight finish and are recorded.
/// Clone it into a Ctrl-C handler.
///
/// ```
/// let stop = marketing::campaign::StopSignal::new();
/// stop.stop();
/// assert!(stop.is_stopped());
/// ```
#[derive(Clone, Debug, Default)]
pub struct StopSignal {
    stopped: Arc<AtomicBool>,
    /// Wakes senders waiting for a pacing slot, so that they give their work back at once.
    pub(super) notify: Arc<Notify>,
}

impl StopSignal {
    /// Not stopped yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the run.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Whether [`stop`](Self::stop) was called.
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

/// Options for a run.
///
/// ```
/// use marketing::campaign::RunOptions;
///
/// let options = RunOptions { messages_per_second: Some(20.0), ..RunOptions::default() };
/// assert!(!options.resend_unknown);
/// ```
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Overrides the campaign's messages per second.
    pub messages_per_second: Option<f64>,
    /// Overrides the campaign's concurrency.
    pub concurrency: Option<usize>,
    /// On resume, send again to recipients whose outcome is unknown. They may get the message
    /// twice; only for when you know they did not get it.
    pub resend_unknown: bool,
    /// The campaign file. For [`run`](super::run), where the definition was read from: the
    /// journal keeps its path, and [`resume`](super::resume) refuses to go on when the file
    /// has changed since. For [`resume`](super::resume), a corrected campaign file: its
    /// message replaces the stored one for every row not yet sent, and the journal records it
    /// as a new revision.
    pub campaign_file: Option<PathBuf>,
    /// For [`resume`](super::resume): where the recipient list is now, when it moved. It must
    /// hold the same bytes as when the campaign started.
    pub recipients: Option<PathBuf>,
    /// The approved template the message was checked against before this run
    /// ([`check_campaign`](crate::campaign::check_campaign)); the journal records it with
    /// the run.
    pub template: Option<crate::templates::CheckedTemplate>,
    /// For [`run`](super::run), and only to measure what the journal costs (`cargo xtask
    /// bench`): record nothing. Such a run cannot be resumed and does not deduplicate
    /// recipients.
    #[doc(hidden)]
    pub no_journal: bool,
    /// The webhook receiver's event store (`wamm webhook serve --store`): recipients who
    /// stopped marketing messages there are not sent to (state `suppressed`).
    pub events: Option<PathBuf>,
    /// A daily budget: send at most this many messages in any rolling 24 hours, counting
    /// what the campaign's earlier runs sent in the last 24 hours, then stop with everyone
    /// not yet sent pending, for a [`resume`](super::resume) the next day. At least 1.
    pub max_per_day: Option<u64>,
}
