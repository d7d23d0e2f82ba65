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
    /// The template the message was checked against, with its version and settings
    /// ([`TemplateVersion::of`](crate::campaign::TemplateVersion::of)): the journal records
    /// it once, and again when a later run finds another version; a paced run whose rows
    /// need longer than its TTL is warned about. With [`events`](Self::events), the run also
    /// stops when the receiver records that Meta rejected, paused or disabled it.
    pub template_version: Option<crate::campaign::TemplateVersion>,
    /// Where the run's warnings go as soon as they are known, before anything is sent (the
    /// template's TTL, a template changed since the last run). They are in
    /// [`RunSummary::warnings`](super::RunSummary::warnings) too.
    pub warnings: Warnings,
    /// A daily budget: send at most this many messages in any rolling 24 hours, counting
    /// what the campaign's earlier runs sent in the last 24 hours, then stop with everyone
    /// not yet sent pending, for a [`resume`](super::resume) the next day. At least 1.
    pub max_per_day: Option<u64>,
    // --- schedule ---
    /// Overrides the campaign's `start_at` (an RFC 3339 time): no row is sent before it. A
    /// new campaign records it with its definition, so `resume` and workers wait for it too.
    pub start_at: Option<String>,
    /// Overrides the campaign's `end_by` (an RFC 3339 time): no row is taken after it. A
    /// new campaign records it; a `resume` after it passed needs a later one.
    pub end_by: Option<String>,
    /// Seed sends: a list in the recipient list's format whose numbers get the campaign's
    /// message first, recorded apart from the list, each at most once per campaign.
    pub seed: Option<PathBuf>,
    /// Asked after the seed sends whether to go on to the list; without it the run goes on.
    /// When it says no, the run stops with the list untouched, for a `resume`.
    pub confirm: Option<super::seed::Confirm>,
    // --- issue 30: metrics ---
    /// Where the run counts what it does, for Prometheus (`--metrics-listen`): rows by
    /// outcome, answers by number, failures by code, retries, halts, pacing, in-flight
    /// requests, journal and request latency.
    pub metrics: Option<crate::metrics::CampaignMetrics>,
}

/// Where a run says what it warns about, as soon as it knows (before sending).
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use marketing::campaign::Warnings;
///
/// let heard = Arc::new(Mutex::new(Vec::new()));
/// let sink = Arc::clone(&heard);
/// let warnings = Warnings::new(move |text| sink.lock().unwrap().push(text.to_string()));
/// warnings.say("the template's TTL is 12h");
/// assert_eq!(heard.lock().unwrap().len(), 1);
/// Warnings::default().say("nobody listens"); // goes nowhere
/// ```
#[derive(Clone, Default)]
pub struct Warnings(Option<Arc<Listener>>);

/// What hears a run's warnings.
type Listener = dyn Fn(&str) + Send + Sync;

impl Warnings {
    /// Warnings go to `each`.
    pub fn new(each: impl Fn(&str) + Send + Sync + 'static) -> Self {
        Self(Some(Arc::new(each)))
    }

    /// Says `text`, when someone listens.
    pub fn say(&self, text: &str) {
        if let Some(each) = &self.0 {
            each(text);
        }
    }
}

impl std::fmt::Debug for Warnings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Warnings(listened to)"
        } else {
            "Warnings(none)"
        })
    }
}
