//! Running a campaign: read rows, commit them in flight, send at pace, commit outcomes.
//!
//! Two workers share the job. The journal worker (a blocking thread) owns the SQLite journal
//! and the recipient reader: it reads and validates rows, commits a batch of them as in flight,
//! hands them to the dispatcher, and commits the outcomes that come back. The dispatcher (async)
//! paces, sends with bounded concurrency and classifies each answer. Only the journal worker
//! writes the journal, so a recipient can never be in two states at once.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::sync::{Notify, mpsc, watch};

use super::CampaignError;
use super::definition::{CampaignDefinition, RecipientKind};
use super::halt::{Halt, StopReason, Tripwire, Verdict};
use super::journal::{Candidate, Journal, JournalMeta, LoadRow, Op, Reservation, State};
use super::lease::LeaseFence;
use super::pacer::Pacer;
use super::placeholders::MessageTemplate;
use super::recipients::{BadRow, ListSurvey, RecipientReader, Row, survey};
use super::senders::{Sender, Senders};
use super::store::{Store, Unjournalled};
use crate::classify::ErrorClass;
use crate::client::MarketingClient;
use crate::error::SendError;
use crate::message::Recipient;
use wamm_client::CheckedBody;
use wamm_client::validation::Validator;

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
    notify: Arc<Notify>,
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

/// Counts during a run, published for progress displays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// Rows in the list (counted before sending).
    pub total: u64,
    /// Rows an earlier run already finished (sent, failed, unknown, invalid or skipped).
    pub done_before: u64,
    /// Rows read from the list in this run.
    pub read: u64,
    /// Messages created.
    pub sent: u64,
    /// Refused by Meta.
    pub failed: u64,
    /// May have been sent.
    pub unknown: u64,
    /// Unusable rows.
    pub invalid: u64,
    /// Duplicates.
    pub skipped: u64,
    /// Not sent: the user stopped marketing messages.
    pub suppressed: u64,
    /// Waiting to be retried.
    pub retrying: u64,
    /// Requests in flight.
    pub in_flight: u64,
    /// Rows this worker waits for: in flight at other workers of the campaign (or pending
    /// and held by another's claim), once it has nothing left to claim itself.
    pub elsewhere: u64,
    /// Bytes of the list read, and its size: the share done.
    pub bytes_read: u64,
    /// The list's size in bytes.
    pub bytes_total: u64,
    /// Time since the run started.
    pub elapsed: Duration,
    /// The pacer's current rate (0 when unpaced).
    pub rate_limit: f64,
}

impl Progress {
    /// Messages created per second so far.
    pub fn send_rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.sent as f64 / secs
        } else {
            0.0
        }
    }

    /// Rows with a final state, this run's and earlier runs'.
    pub fn done(&self) -> u64 {
        self.done_before
            + self.sent
            + self.failed
            + self.unknown
            + self.invalid
            + self.skipped
            + self.suppressed
    }

    /// Rows still to do.
    pub fn remaining(&self) -> u64 {
        self.total.saturating_sub(self.done())
    }

    /// The share of the list done, 0 to 1; below 1 while any row remains.
    ///
    /// ```
    /// use marketing::campaign::Progress;
    ///
    /// let progress = Progress { total: 400, done_before: 100, sent: 299, ..Progress::default() };
    /// assert!(progress.fraction() < 1.0);
    /// assert_eq!(progress.remaining(), 1);
    /// ```
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let done = self.done().min(self.total);
        if done < self.total {
            (done as f64 / self.total as f64).min(0.999)
        } else {
            1.0
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    /// Counts for this run.
    pub progress: Progress,
    /// Rows found in flight from an earlier, interrupted run and marked unknown.
    pub recovered_unknown: u64,
    /// With [`RunOptions::resend_unknown`]: rows found in flight or unknown that were made
    /// pending again, to be sent again (instead of [`recovered_unknown`](Self::recovered_unknown)).
    pub reopened_unknown: u64,
    /// Why the run stopped before the end of the list, if it did.
    pub stopped: Option<StopReason>,
    /// Resumed a campaign that had nothing left to send: no run was started.
    pub already_complete: bool,
    /// The revision of the definition this run sent with.
    pub revision: i64,
    /// What each phone number did (one entry unless the campaign has `[[senders]]`).
    pub senders: Vec<super::SenderSummary>,
}

impl RunSummary {
    /// Whether every row of the list has a final state.
    pub fn is_complete(&self) -> bool {
        self.stopped.is_none()
    }
}

/// Options for a run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Overrides the campaign's messages per second.
    pub messages_per_second: Option<f64>,
    /// Overrides the campaign's concurrency.
    pub concurrency: Option<usize>,
    /// On resume, send again to recipients whose outcome is unknown. They may get the message
    /// twice; only for when you know they did not get it.
    pub resend_unknown: bool,
    /// The campaign file. For [`run`], where the definition was read from: the journal keeps
    /// its path, and [`resume`] refuses to go on when the file has changed since. For
    /// [`resume`], a corrected campaign file: its message replaces the stored one for every
    /// row not yet sent, and the journal records it as a new revision.
    pub campaign_file: Option<PathBuf>,
    /// For [`resume`]: where the recipient list is now, when it moved. It must hold the same
    /// bytes as when the campaign started.
    pub recipients: Option<PathBuf>,
    /// The approved template the message was checked against before this run
    /// ([`check_campaign`](crate::templates::check_campaign)); the journal records it with
    /// the run.
    pub template: Option<crate::templates::CheckedTemplate>,
    /// For [`run`], and only to measure what the journal costs (`cargo xtask bench`): record
    /// nothing. Such a run cannot be resumed and does not deduplicate recipients.
    #[doc(hidden)]
    pub no_journal: bool,
    /// The webhook receiver's event store (`wamm webhook serve --store`): recipients who
    /// stopped marketing messages there are not sent to (state `suppressed`).
    pub events: Option<PathBuf>,
}

/// Starts a new campaign with a new journal at `journal_path`.
pub async fn run(
    client: MarketingClient,
    definition: CampaignDefinition,
    recipients: &Path,
    journal_path: &Path,
    options: RunOptions,
    stop: StopSignal,
    progress: watch::Sender<Progress>,
) -> Result<RunSummary, CampaignError> {
    // The journal keeps the definition as the file has it: `resume` compares it with the
    // file, and flags such as `--mps` apply to one run only.
    let stored =
        serde_json::to_string(&definition).map_err(|e| CampaignError::Input(e.to_string()))?;
    let definition = with_overrides(definition, &options)?;
    // Check the list and the placeholders before creating anything.
    let reader = RecipientReader::open(recipients)?;
    let template = MessageTemplate::compile(definition.message.clone());
    check_columns(&definition, &template, &reader, recipients)?;
    let list = survey(recipients)?;
    let meta = JournalMeta {
        definition: stored,
        recipients_path: absolute(recipients),
        recipients_fingerprint: list.fingerprint,
        recipients_rows: Some(list.rows),
        campaign_path: options.campaign_file.as_deref().map(absolute),
        created_ms: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    };
    // The event store is looked at before the journal exists: a wrong --events must not leave
    // a journal behind that the corrected command would then refuse to create again.
    if let Some(events) = &options.events {
        crate::webhook::EventStore::open_read_only(events)
            .map_err(|e| CampaignError::Input(e.to_string()))?;
    }
    let journal: Box<dyn Store> = if options.no_journal {
        Box::new(Unjournalled)
    } else {
        Box::new(Journal::create(journal_path, &meta)?)
    };
    execute(
        client,
        definition,
        template,
        Some(reader),
        journal,
        list.rows,
        options,
        stop,
        progress,
    )
    .await
}

/// Continues the campaign in `journal_path`. Rows left in flight by a crash become unknown
/// (or, with `resend_unknown`, are sent again). With [`RunOptions::campaign_file`] the
/// corrected definition is used for the rows not yet sent.
pub async fn resume(
    client: MarketingClient,
    journal_path: &Path,
    options: RunOptions,
    stop: StopSignal,
    progress: watch::Sender<Progress>,
) -> Result<RunSummary, CampaignError> {
    let mut journal = Journal::open(journal_path)?;
    let meta = journal.meta()?;
    let stored: CampaignDefinition = serde_json::from_str(&meta.definition)
        .map_err(|e| CampaignError::journal("stored campaign unreadable", e))?;
    let definition = match &options.campaign_file {
        Some(file) => {
            let revised = CampaignDefinition::load(file)?;
            if revised != stored {
                let json = serde_json::to_string(&revised)
                    .map_err(|e| CampaignError::Input(e.to_string()))?;
                journal.add_revision(&json, Some(&absolute(file)))?;
            }
            revised
        }
        None => {
            check_unchanged(&meta, &stored, journal_path, journal.revision())?;
            stored
        }
    };
    let definition = with_overrides(definition, &options)?;
    let recipients = match &options.recipients {
        Some(path) => path.clone(),
        None => PathBuf::from(&meta.recipients_path),
    };
    let list = same_list(&meta, &recipients, options.recipients.is_some())?;
    if options.recipients.is_some() || meta.recipients_rows.is_none() {
        journal.set_recipients(&absolute(&recipients), &list.fingerprint, list.rows)?;
    }
    let reader = RecipientReader::open(&recipients)?;
    let template = MessageTemplate::compile(definition.message.clone());
    check_columns(&definition, &template, &reader, &recipients)?;
    if journal.is_complete(list.rows, options.resend_unknown)? {
        return Ok(RunSummary {
            senders: Vec::new(),
            progress: Progress {
                total: list.rows,
                done_before: list.rows,
                ..Progress::default()
            },
            recovered_unknown: 0,
            reopened_unknown: 0,
            stopped: None,
            already_complete: true,
            revision: journal.revision(),
        });
    }
    execute(
        client,
        definition,
        template,
        Some(reader),
        Box::new(journal),
        list.rows,
        options,
        stop,
        progress,
    )
    .await
}

/// Joins the campaign in the PostgreSQL journal `journal_path` as one more worker: claims
/// pending rows of the list loaded there, sends them and records their outcomes, until none
/// is left (or the run is stopped). Needs no list and no campaign file: both are in the
/// database. Any number of workers may work at once, on any number of machines; each sends
/// only the rows it claimed, so no row is sent by two.
pub async fn work(
    client: MarketingClient,
    journal_path: &Path,
    options: RunOptions,
    stop: StopSignal,
    progress: watch::Sender<Progress>,
) -> Result<RunSummary, CampaignError> {
    if !super::is_postgres(journal_path) {
        return Err(CampaignError::Input(format!(
            "workers share a campaign kept in PostgreSQL (--journal postgres://...); {} is a file: use `wamm campaign resume` for it",
            journal_path.display()
        )));
    }
    let journal = Journal::open(journal_path)?;
    let meta = journal.meta()?;
    let stored: CampaignDefinition = serde_json::from_str(&meta.definition)
        .map_err(|e| CampaignError::journal("stored campaign unreadable", e))?;
    let definition = with_overrides(stored, &options)?;
    let template = MessageTemplate::compile(definition.message.clone());
    let rows = meta.recipients_rows.unwrap_or(0);
    execute(
        client,
        definition,
        template,
        None,
        Box::new(journal),
        rows,
        options,
        stop,
        progress,
    )
    .await
}

/// The definition with the command line's overrides, checked like the file's own values.
fn with_overrides(
    mut definition: CampaignDefinition,
    options: &RunOptions,
) -> Result<CampaignDefinition, CampaignError> {
    if let Some(mps) = options.messages_per_second {
        definition.messages_per_second = mps;
    }
    if let Some(concurrency) = options.concurrency {
        definition.concurrency = concurrency;
    }
    definition.check_limits(super::definition::COMMAND_LINE)?;
    Ok(definition)
}

/// Refuses to resume with the stored definition when the campaign file it came from has been
/// edited since: the edit would otherwise be ignored without a word.
fn check_unchanged(
    meta: &JournalMeta,
    stored: &CampaignDefinition,
    journal_path: &Path,
    revision: i64,
) -> Result<(), CampaignError> {
    let Some(file) = meta.campaign_path.as_deref().map(Path::new) else {
        return Ok(());
    };
    if !file.exists() {
        return Ok(());
    }
    let what = match CampaignDefinition::load(file) {
        Ok(now) if &now == stored => return Ok(()),
        Ok(_) => "has changed".to_string(),
        Err(e) => format!("has changed and no longer loads ({e})"),
    };
    Err(CampaignError::Input(format!(
        "{} {what} since the journal recorded it (revision {revision}).\n\
         To send the rows not yet sent with the edited file:\n    \
         wamm campaign resume --journal {} --campaign {}\n\
         To go on with the stored message instead, undo the edit (or move the file away).",
        file.display(),
        shell_word(&super::journal_label(journal_path)),
        shell_word(&file.display().to_string()),
    )))
}

/// Checks that `path` holds the list the campaign started with: rows are matched by line.
fn same_list(meta: &JournalMeta, path: &Path, moved: bool) -> Result<ListSurvey, CampaignError> {
    if !moved && !path.exists() {
        return Err(CampaignError::Input(format!(
            "the recipient list {} is gone (moved or deleted); if it moved, point resume at it with `--recipients PATH`",
            path.display()
        )));
    }
    let list = survey(path)?;
    let same = if meta.recipients_fingerprint.starts_with("sha256:") {
        list.fingerprint == meta.recipients_fingerprint
    } else {
        // Journals from before content digests: size and modification time.
        old_fingerprint(path).is_ok_and(|f| f == meta.recipients_fingerprint)
    };
    if same {
        return Ok(list);
    }
    let rows = match meta.recipients_rows {
        Some(then) if then != list.rows => format!(" ({then} rows then, {} now)", list.rows),
        _ => String::new(),
    };
    let started = if moved {
        format!(" (it started with {})", meta.recipients_path)
    } else {
        String::new()
    };
    Err(CampaignError::Input(format!(
        "{} is not the list this campaign started with{started}: its content differs{rows}.\n\
         Rows are matched by line number, so resume needs that list unchanged: restore it, or \
         point at an unchanged copy with `--recipients PATH`.",
        path.display()
    )))
}

fn old_fingerprint(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!("{} bytes, modified {modified}", meta.len()))
}

/// The absolute form of a path, for the journal (as given when it cannot be resolved).
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// `word`, quoted for a POSIX shell when it needs to be: hints print commands that work when
/// pasted.
///
/// ```
/// use marketing::campaign::shell_word;
///
/// assert_eq!(shell_word("spring.journal"), "spring.journal");
/// assert_eq!(shell_word("my list.csv"), "'my list.csv'");
/// assert_eq!(shell_word("it's"), r"'it'\''s'");
/// ```
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:@+%,".contains(&b))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn check_columns(
    definition: &CampaignDefinition,
    template: &MessageTemplate,
    reader: &RecipientReader,
    recipients: &Path,
) -> Result<(), CampaignError> {
    let Some(columns) = reader.columns() else {
        return Ok(()); // JSONL rows carry their own keys; checked per row.
    };
    let has = |c: &str| columns.iter().any(|h| h == c);
    if !has(&definition.recipient_column) {
        return Err(CampaignError::Input(format!(
            "{}: no `{}` column for the recipient (columns: {}); set recipient_column in the campaign",
            recipients.display(),
            definition.recipient_column,
            columns.join(", ")
        )));
    }
    let missing: Vec<&str> = template.columns().filter(|c| !has(c)).collect();
    if !missing.is_empty() {
        return Err(CampaignError::Input(format!(
            "the message uses {} but {} has no such column (columns: {})",
            missing
                .iter()
                .map(|c| format!("{{{{{c}}}}}"))
                .collect::<Vec<_>>()
                .join(", "),
            recipients.display(),
            columns.join(", ")
        )));
    }
    Ok(())
}

/// Work for the dispatcher.
struct Work {
    line: u64,
    /// The recipient's message as the validator accepted it: sent as it is.
    body: CheckedBody,
    /// Who it is for, in the form duplicates and opt-outs are matched by.
    key: String,
    attempts: u32,
}

/// What the dispatcher reports back for one piece of work.
enum Outcome {
    /// A final state to record: `Op::Sent`, `Op::Failed` or `Op::Unknown`, with the row's
    /// attempts so far (this one included).
    Final {
        op: Op,
        attempts: u32,
    },
    Retry {
        work: Box<Work>,
        after: Duration,
    },
    /// Not sent: back to pending for a later run.
    Released {
        line: u64,
        attempts: u32,
    },
}

#[allow(clippy::too_many_arguments)]
async fn execute(
    client: MarketingClient,
    definition: CampaignDefinition,
    template: MessageTemplate,
    reader: Option<RecipientReader>,
    mut journal: Box<dyn Store>,
    rows: u64,
    options: RunOptions,
    stop: StopSignal,
    progress: watch::Sender<Progress>,
) -> Result<RunSummary, CampaignError> {
    // A worker joins first, so that it counts as alive while it recovers what workers that
    // are gone left in flight.
    journal.join()?;
    let resend_unknown = options.resend_unknown;
    let recovered = journal.recover_in_flight(resend_unknown)?;
    let claims = journal.claims();
    let (loaded_through, loaded) = journal.loaded()?;
    if claims && !loaded && reader.is_some() {
        journal.start_loading()?;
    }
    let revision = journal.revision();
    let counts = Progress {
        total: rows,
        done_before: journal.final_rows()?,
        ..Progress::default()
    };
    let checked = options
        .template
        .as_ref()
        .and_then(|t| serde_json::to_string(t).ok());
    let run_id = journal.start_run(checked.as_deref())?;
    let concurrency = definition.concurrency.max(1);
    let mut pool = Vec::new();
    let mut mps = 0.0;
    let rates = definition.sender_rates(client.phone_number_id());
    let unpaced = rates.iter().any(|(_, rate)| *rate <= 0.0);
    for (phone, rate) in rates {
        let sender = if phone == client.phone_number_id() {
            client.clone()
        } else {
            client
                .with_phone_number_id(&phone)
                .map_err(|e| CampaignError::Input(format!("senders: {e}")))?
        };
        // Workers sending for one phone number share its schedule through the store, so the
        // number's rate holds however many of them there are.
        let pacer = match (rate > 0.0)
            .then(|| journal.shared_schedule(&phone))
            .flatten()
        {
            Some(schedule) => Pacer::shared(rate, schedule?),
            None => Pacer::new(rate),
        };
        mps += rate;
        pool.push(Sender::new(sender, pacer));
    }
    if unpaced {
        mps = 0.0;
    }
    let senders = Arc::new(Senders::new(pool));
    drop(client);
    let max_reserved = concurrency + reserve_ahead(mps, concurrency);
    let (work_tx, work_rx) = mpsc::channel::<Work>(max_reserved);
    let (outcome_tx, outcome_rx) = std_mpsc::channel::<Vec<Outcome>>();
    let outcome_tx = OutcomeSink::new(outcome_tx, (max_reserved / 8).max(1));
    let halt: Arc<Halt> = Arc::default();
    // Workers that claim rows hold them under a lease: none is sent once it may have lapsed.
    let fence = claims.then(|| Arc::new(LeaseFence::new(super::journal::LEASE)));

    let dispatcher = tokio::spawn(dispatch(
        Arc::clone(&senders),
        work_rx,
        outcome_tx,
        concurrency,
        definition.clone(),
        stop.clone(),
        Arc::clone(&halt),
        fence.clone(),
    ));

    let worker_stop = stop.clone();
    let worker_senders = Arc::clone(&senders);
    let worker_halt = Arc::clone(&halt);
    let suppressions = match &options.events {
        Some(path) => Some(
            crate::webhook::EventStore::open_read_only(path)
                .map_err(|e| CampaignError::Input(e.to_string()))?,
        ),
        None => None,
    };
    let unjournalled = options.no_journal;
    let worker = tokio::task::spawn_blocking(move || {
        let tripwire = Tripwire::new(definition.halt.clone());
        let mut worker = JournalWorker {
            suppressions,
            journal,
            fence,
            reader,
            filled: template.unfilled(),
            template,
            definition,
            work_tx,
            outcomes: outcome_rx,
            stop: worker_stop,
            senders: worker_senders,
            progress,
            halt: worker_halt,
            tripwire,
            counts,
            started: Instant::now(),
            delayed: BinaryHeap::new(),
            parked: HashMap::new(),
            ops: Vec::new(),
            in_flight: 0,
            max_reserved,
            released: 0,
            reader_done: false,
            held: None,
            claims,
            loading: claims && !loaded,
            loaded_through,
            ready: Vec::new(),
            idle_until: None,
            last_heartbeat: Instant::now(),
            last_commit: Instant::now(),
            last_publish: Instant::now(),
            seq: 0,
        };
        let result = worker.run();
        // The worker's own view says the list is done; the journal says whether every row
        // really has a final state (rows other workers held, a list shorter than counted).
        let result = match result {
            Ok(true) if !unjournalled => worker.all_rows_final(),
            other => other,
        };
        let sent = worker.counts.sent;
        let stopped = match result {
            Ok(true) => None,
            _ => Some(worker.halt.reason().unwrap_or(StopReason {
                class: None,
                code: None,
                message: "stopped on request".to_string(),
            })),
        };
        let outcome = match (&result, &stopped) {
            (Err(e), _) => format!("error: {e}"),
            (Ok(_), Some(reason)) => format!("stopped: {reason}"),
            (Ok(_), None) => "complete".to_string(),
        };
        let _ = worker.journal.finish_run(run_id, sent, &outcome);
        result.map(|_| (worker.counts, stopped))
    });

    let joined = worker.await.map_err(|e| {
        CampaignError::journal(
            "journal worker failed",
            super::JournalFailure::Unusable(e.to_string()),
        )
    })?;
    // The worker dropped its end of the work channel; the dispatcher finishes what it holds.
    let _ = dispatcher.await;
    let (counts, stopped) = joined?;
    Ok(RunSummary {
        senders: senders.summary(),
        progress: counts,
        recovered_unknown: if resend_unknown { 0 } else { recovered },
        reopened_unknown: if resend_unknown { recovered } else { 0 },
        stopped,
        already_complete: false,
        revision,
    })
}

struct JournalWorker {
    journal: Box<dyn Store>,
    /// With claims: this worker's view of its lease, renewed by its claims and heartbeats.
    fence: Option<Arc<LeaseFence>>,
    /// Where opt-outs are recorded, when the run was given an event store.
    suppressions: Option<crate::webhook::EventStore>,
    /// The list: read row by row (one process), or loaded into the store for claims (workers);
    /// a worker that joins without the list has none.
    reader: Option<RecipientReader>,
    template: MessageTemplate,
    /// The message filled for the last row prepared: each row's values are written into it,
    /// so no row copies the whole template.
    filled: Value,
    definition: CampaignDefinition,
    work_tx: mpsc::Sender<Work>,
    outcomes: std_mpsc::Receiver<Vec<Outcome>>,
    stop: StopSignal,
    senders: Arc<Senders>,
    progress: watch::Sender<Progress>,
    halt: Arc<Halt>,
    tripwire: Tripwire,
    counts: Progress,
    started: Instant,
    /// Retries by due time: (due, sequence, line).
    delayed: BinaryHeap<Reverse<(Instant, u64, u64)>>,
    parked: HashMap<u64, Work>,
    ops: Vec<Op>,
    in_flight: u64,
    /// The most rows in flight at once (sending, or queued for the dispatcher).
    max_reserved: usize,
    /// Rows handed back unsent (the run is stopping); they stay pending.
    released: u64,
    reader_done: bool,
    /// The last row read, held back until the next read shows whether the list goes on.
    held: Option<Result<Row, BadRow>>,
    /// Rows come from claims on the store (a PostgreSQL journal's workers).
    claims: bool,
    /// With claims: this process still loads its list into the store.
    loading: bool,
    /// With claims: the list is in the store up to this line.
    loaded_through: u64,
    /// With claims: rows claimed (so already in flight) and prepared, to hand to the senders.
    ready: Vec<Work>,
    /// With claims: nothing was claimable; claim again from then.
    idle_until: Option<Instant>,
    last_heartbeat: Instant,
    last_commit: Instant,
    last_publish: Instant,
    seq: u64,
}

/// What one read of the list gave.
struct ListRead {
    rows: Vec<Result<Row, BadRow>>,
    /// The list will give no more: it ended, grew past its count, or cannot be read on.
    ended: bool,
    /// It ended exactly at the rows counted before sending.
    whole: bool,
}

/// Rows loaded into the store per transaction.
const LOAD_BATCH: usize = 1000;
/// How long a worker that found nothing to claim waits before it asks again.
const CLAIM_IDLE: Duration = Duration::from_millis(100);
/// How often a worker that has nothing left to claim, while other workers still hold rows,
/// looks again (and checks whether they are alive).
const WAIT_FOR_OTHERS: Duration = Duration::from_millis(500);

/// Outcomes are committed at least this often, and at most this many at a time.
const COMMIT_INTERVAL: Duration = Duration::from_millis(50);
const COMMIT_BATCH: usize = 512;
/// Progress is published at most this often (and once at the end).
const PUBLISH_INTERVAL: Duration = Duration::from_millis(100);

impl JournalWorker {
    fn stopping(&self) -> bool {
        self.stop.is_stopped() || self.halt.is_set()
    }

    /// Works until the list is done (returns true) or the run is stopped (false).
    fn run(&mut self) -> Result<bool, CampaignError> {
        self.counts.bytes_total = self.reader.as_ref().map_or(0, RecipientReader::size);
        loop {
            self.drain_outcomes();
            let stopping = self.stopping();

            let mut candidates: Vec<(Candidate, Work)> = Vec::new();
            // Reserve in batches (a quarter of the in-flight window at least) so each journal
            // transaction covers many rows; due retries are never held back.
            if !stopping && (self.room() >= self.min_batch() || self.retry_due()) {
                self.collect_candidates(&mut candidates)?;
            }
            let due_commit = !self.ops.is_empty()
                && (self.ops.len() >= COMMIT_BATCH
                    || self.last_commit.elapsed() >= COMMIT_INTERVAL);
            if !candidates.is_empty() || due_commit || !self.ready.is_empty() {
                self.commit_and_dispatch(candidates)?;
            }
            // Waiting for other workers' rows, beat often: a dead one's rows are then
            // recovered soon after its connection closes, not a third of a lease later.
            let beat = if self.counts.elsewhere > 0 {
                WAIT_FOR_OTHERS
            } else {
                super::journal::LEASE / 3
            };
            if self.claims && self.last_heartbeat.elapsed() >= beat {
                self.last_heartbeat = Instant::now();
                let asked = LeaseFence::now();
                if self.journal.heartbeat()? {
                    self.lease_renewed(asked);
                } else {
                    self.lease_lost();
                }
            }
            if self.last_publish.elapsed() >= PUBLISH_INTERVAL {
                self.publish();
            }

            let complete = self.reader_done
                && !self.halt.is_set()
                && self.delayed.is_empty()
                && self.released == 0;
            if self.in_flight == 0 && (stopping || complete) {
                if !complete {
                    // Parked retries were committed as pending; they wait for a later run.
                    self.parked.clear();
                    self.delayed.clear();
                    self.counts.retrying = 0;
                }
                self.commit_and_dispatch(Vec::new())?;
                self.publish();
                return Ok(complete);
            }

            // Wait for an outcome, a due retry, or room for more work.
            let idle = self.idle_until.is_some_and(|t| Instant::now() < t);
            let busy = !stopping && !self.reader_done && !idle && self.room() >= self.min_batch();
            let mut wait = Duration::from_millis(if busy { 0 } else { 20 });
            // A due retry cuts the wait short only if it can be reserved now; otherwise the
            // loop would spin until an outcome frees room.
            if !stopping
                && self.room() > 0
                && let Some(Reverse((due, _, _))) = self.delayed.peek()
            {
                wait = wait.min(due.saturating_duration_since(Instant::now()));
            }
            if !wait.is_zero()
                && let Ok(outcomes) = self.outcomes.recv_timeout(wait)
            {
                outcomes.into_iter().for_each(|o| self.record(o));
            }
        }
    }

    /// How many more rows may be committed in flight now. Every reserved row counts until its
    /// outcome is back, so a crash leaves at most `max_reserved` rows unknown.
    fn room(&self) -> usize {
        (self.max_reserved as u64).saturating_sub(self.in_flight) as usize
    }

    fn min_batch(&self) -> usize {
        (self.max_reserved / 4).max(1)
    }

    fn retry_due(&self) -> bool {
        self.delayed
            .peek()
            .is_some_and(|Reverse((due, _, _))| *due <= Instant::now())
    }

    fn drain_outcomes(&mut self) {
        while let Ok(outcomes) = self.outcomes.try_recv() {
            outcomes.into_iter().for_each(|o| self.record(o));
        }
    }

    fn record(&mut self, outcome: Outcome) {
        self.in_flight = self.in_flight.saturating_sub(1);
        match outcome {
            Outcome::Final { op, attempts } => match self.tripwire.observe(&op, attempts) {
                Verdict::Record => {
                    self.count(&op);
                    self.ops.push(op);
                }
                Verdict::Release => self.release(op.line(), attempts),
                Verdict::Stop(reason, rows) => {
                    let line = op.line();
                    self.halt.set(reason);
                    // Senders waiting for a pacing slot give their work back now.
                    self.stop.notify.notify_waiters();
                    if rows.is_empty() {
                        self.count(&op);
                        self.ops.push(op);
                    }
                    for (row, attempts) in rows {
                        if row != line {
                            // Counted as failed when it came in; it is pending again.
                            self.counts.failed = self.counts.failed.saturating_sub(1);
                        }
                        self.release(row, attempts);
                    }
                }
            },
            Outcome::Retry { work, after } => {
                self.ops.push(Op::Pending {
                    line: work.line,
                    attempts: work.attempts,
                });
                self.seq += 1;
                self.delayed
                    .push(Reverse((Instant::now() + after, self.seq, work.line)));
                self.parked.insert(work.line, *work);
                self.counts.retrying = self.parked.len() as u64;
            }
            Outcome::Released { line, attempts } => {
                self.released += 1;
                self.ops.push(Op::Pending { line, attempts });
            }
        }
    }

    fn count(&mut self, op: &Op) {
        match op {
            Op::Sent { .. } => self.counts.sent += 1,
            Op::Failed { .. } => self.counts.failed += 1,
            Op::Unknown { .. } => self.counts.unknown += 1,
            Op::Invalid { .. } | Op::Suppressed { .. } | Op::Pending { .. } => {}
        }
    }

    /// Puts a row Meta refused back to pending, its refused attempt not counted: the run
    /// stopped because of a mistake that is not the recipient's.
    fn release(&mut self, line: u64, attempts: u32) {
        self.released += 1;
        self.ops.push(Op::Pending {
            line,
            attempts: attempts.saturating_sub(1),
        });
    }

    /// Due retries first, then new rows, up to the room in the work channel.
    fn collect_candidates(
        &mut self,
        out: &mut Vec<(Candidate, Work)>,
    ) -> Result<(), CampaignError> {
        let room = self.room();
        let now = Instant::now();
        while out.len() < room {
            match self.delayed.peek() {
                Some(Reverse((due, _, _))) if *due <= now => {}
                _ => break,
            }
            let Some(Reverse((_, _, line))) = self.delayed.pop() else {
                break;
            };
            if let Some(work) = self.parked.remove(&line) {
                let key = work.key.clone();
                out.push((Candidate { line, key }, work));
            }
        }
        self.counts.retrying = self.parked.len() as u64;
        if self.claims {
            return self.collect_claims(room - out.len());
        }
        if self.reader_done || out.len() >= room {
            return Ok(());
        }
        let Some(mut reader) = self.reader.take() else {
            self.reader_done = true;
            return Ok(());
        };
        let result = self.read_rows(&mut reader, room - out.len(), out);
        self.reader = Some(reader);
        result
    }

    /// Reads up to `wanted` rows of the list, skips rows an earlier run finished, and makes
    /// candidates of the rest (one process, rows reserved by line).
    fn read_rows(
        &mut self,
        reader: &mut RecipientReader,
        wanted: usize,
        out: &mut Vec<(Candidate, Work)>,
    ) -> Result<(), CampaignError> {
        let read = self.next_rows(reader, wanted);
        if read.ended {
            self.reader_done = true;
        }
        let rows = read.rows;
        self.counts.bytes_read = reader.position();
        let lines = rows.iter().map(|r| match r {
            Ok(row) => row.line,
            Err(bad) => bad.line,
        });
        let (lo, hi) = lines.fold((u64::MAX, 0), |(lo, hi), l| (lo.min(l), hi.max(l)));
        let known: HashMap<u64, State> = if lo <= hi {
            self.journal.states_between(lo, hi)?.into_iter().collect()
        } else {
            HashMap::new()
        };
        let mut to_send = Vec::with_capacity(rows.len());
        for row in rows {
            self.counts.read += 1;
            match row {
                Err(bad) => {
                    if known.contains_key(&bad.line) {
                        continue;
                    }
                    self.counts.invalid += 1;
                    self.ops.push(Op::Invalid {
                        line: bad.line,
                        reason: bad.reason,
                    });
                }
                Ok(row) => {
                    match known.get(&row.line) {
                        Some(State::Pending) | None => {}
                        Some(_) => continue,
                    }
                    to_send.push(row);
                }
            }
        }
        for (work, key) in self.admit(&to_send)? {
            out.push((
                Candidate {
                    line: work.line,
                    key,
                },
                work,
            ));
        }
        Ok(())
    }

    /// With claims: loads more of the list if this process has it, then claims up to
    /// `wanted` pending rows (recording the ops in the same transaction) and prepares them.
    fn collect_claims(&mut self, wanted: usize) -> Result<(), CampaignError> {
        if self.loading {
            self.load_some()?;
        }
        if wanted == 0 || self.reader_done {
            return Ok(());
        }
        if self.idle_until.is_some_and(|t| Instant::now() < t) {
            return Ok(());
        }
        let asked = LeaseFence::now();
        let claim = self.journal.claim(&self.ops, wanted)?;
        self.ops.clear();
        self.last_commit = Instant::now();
        // A claim renews this worker's lease but does not recover what dead workers left in
        // flight: the heartbeat does, on its own clock, however busy this worker is.
        if claim.lease_lost {
            self.lease_lost();
            return Ok(());
        }
        self.lease_renewed(asked);
        self.counts.elsewhere = 0;
        if claim.rows.is_empty() {
            if claim.loaded && !self.loading {
                // Rows in flight here are this worker's own; the rest are another's, or
                // pending rows another claim holds for the moment. Done only when none is
                // left: until then wait (a dead worker's rows are recovered by the
                // heartbeat, and pending ones claimed here).
                let others = claim.open.saturating_sub(self.in_flight);
                if others == 0 {
                    self.reader_done = true;
                } else {
                    self.counts.elsewhere = others;
                    self.idle_until = Some(Instant::now() + WAIT_FOR_OTHERS);
                }
            } else if !claim.loaded && !claim.loading && !self.loading {
                // Waiting would be forever: the process loading the list is gone.
                self.reader_done = true;
                self.halt.set(StopReason {
                    class: None,
                    code: None,
                    message: "the list is not all loaded into the database and no process is loading it (the one that was stopped): run `wamm campaign resume` where the list is, and it loads the rest".to_string(),
                });
            } else {
                self.idle_until = Some(Instant::now() + CLAIM_IDLE);
            }
            return Ok(());
        }
        self.idle_until = None;
        self.counts.read += claim.rows.len() as u64;
        let attempts: HashMap<u64, u32> = claim.rows.iter().map(|c| (c.line, c.attempts)).collect();
        let rows: Vec<Row> = claim
            .rows
            .into_iter()
            .map(|c| Row::new(c.line, c.values))
            .collect();
        for (mut work, _) in self.admit(&rows)? {
            work.attempts = attempts.get(&work.line).copied().unwrap_or(0);
            self.ready.push(work);
        }
        Ok(())
    }

    /// With claims: loads the next rows of this process's list into the store (rows already
    /// there are skipped), each with its recipient's canonical address, or as invalid.
    fn load_some(&mut self) -> Result<(), CampaignError> {
        let Some(mut reader) = self.reader.take() else {
            self.loading = false;
            return Ok(());
        };
        let mut rows = Vec::new();
        let mut last = self.loaded_through;
        let read = self.next_rows(&mut reader, LOAD_BATCH);
        // Only a list read to its end, whole, is all loaded; one that ended short or grew is
        // left for a resume to load the rest of.
        let done = read.ended && read.whole;
        if read.ended {
            self.loading = false;
        }
        for next in read.rows {
            match next {
                Err(bad) => {
                    last = last.max(bad.line);
                    if bad.line > self.loaded_through {
                        rows.push(LoadRow::Invalid {
                            line: bad.line,
                            reason: bad.reason,
                        });
                    }
                }
                Ok(row) => {
                    last = last.max(row.line);
                    if row.line <= self.loaded_through {
                        continue;
                    }
                    rows.push(match self.prepare(&row) {
                        Ok(work) => LoadRow::Pending {
                            line: row.line,
                            key: work.key,
                            fields: serde_json::to_string(row.values())
                                .map_err(|e| CampaignError::Input(e.to_string()))?,
                        },
                        Err(reason) => LoadRow::Invalid {
                            line: row.line,
                            reason,
                        },
                    });
                }
            }
        }
        self.counts.bytes_read = reader.position();
        self.reader = Some(reader);
        if !rows.is_empty() || done {
            // What loading settles is this run's work, as the reader's rows are without claims.
            let invalid = rows
                .iter()
                .filter(|r| matches!(r, LoadRow::Invalid { .. }))
                .count() as u64;
            self.counts.skipped += self.journal.load(&rows, last, done)?;
            self.counts.invalid += invalid;
        }
        self.loaded_through = last;
        Ok(())
    }

    /// Up to `wanted` more rows of the list (bad ones included), one held back each time so
    /// that the list's last row is never used before the end shows whether the list is whole:
    /// a list that ends short of the rows counted before sending may end in a line cut in
    /// two, and its last row is then left for a resume of the restored list, neither sent nor
    /// recorded. A list that grows past the rows counted stops the run before the first row
    /// beyond them. What is loaded or sent before a read error stays; a resume reads on.
    fn next_rows(&mut self, reader: &mut RecipientReader, wanted: usize) -> ListRead {
        let mut rows: Vec<Result<Row, BadRow>> = self.held.take().into_iter().collect();
        let mut read = ListRead {
            rows: Vec::new(),
            ended: false,
            whole: true,
        };
        while rows.len() <= wanted {
            match reader.next_row() {
                Ok(None) => {
                    read.ended = true;
                    if !self.list_ended(reader) {
                        read.whole = false;
                        rows.pop();
                    }
                    break;
                }
                Ok(Some(next)) => {
                    if reader.rows_read() > self.counts.total {
                        self.list_grew(reader);
                        read.ended = true;
                        read.whole = false;
                        break;
                    }
                    rows.push(next);
                }
                Err(error) => {
                    self.list_unreadable(error);
                    read.ended = true;
                    read.whole = false;
                    break;
                }
            }
        }
        if !read.ended {
            self.held = rows.pop();
        }
        read.rows = rows;
        read
    }

    /// The list has more rows than were counted before sending: it changed while the run
    /// read it. Stop before sending any row beyond the count.
    fn list_grew(&mut self, reader: &RecipientReader) {
        self.halt.set(StopReason {
            class: None,
            code: None,
            message: format!(
                "the recipient list has more rows than the {} counted before sending (at least {}): it changed while the run read it; nothing beyond the count was sent. Rows are matched by line, so a resume needs the list as it was: restore it, or start a new campaign for the new list",
                self.counts.total,
                reader.rows_read()
            ),
        });
    }

    fn lease_renewed(&self, asked: (Instant, std::time::SystemTime)) {
        if let Some(fence) = &self.fence {
            fence.renewed(asked);
        }
    }

    /// This worker was taken for dead by another (it stalled past its lease): its rows in
    /// flight are unknown now; it stops claiming, and stops.
    fn lease_lost(&mut self) {
        self.reader_done = true;
        self.halt.set(StopReason {
            class: None,
            code: None,
            message: format!(
                "this worker did not renew its lease for {} s (stalled?) and another worker took it for dead; its rows in flight are recorded unknown",
                super::journal::LEASE.as_secs()
            ),
        });
        self.stop.notify.notify_waiters();
    }

    /// The messages for `rows` to send, each with its recipient's key, in order; the rows that
    /// are recorded instead (invalid, or the user stopped marketing messages) are left out.
    /// The event store, when there is one, is asked about the whole batch at once.
    fn admit(&mut self, rows: &[Row]) -> Result<Vec<(Work, String)>, CampaignError> {
        let mut prepared = Vec::with_capacity(rows.len());
        for row in rows {
            match self.prepare(row) {
                Ok(work) => {
                    let key = work.key.clone();
                    prepared.push((work, key));
                }
                Err(reason) => {
                    self.counts.invalid += 1;
                    self.ops.push(Op::Invalid {
                        line: row.line,
                        reason,
                    });
                }
            }
        }
        let stopped = match &self.suppressions {
            Some(store) => {
                let keys: Vec<&str> = prepared.iter().map(|(_, key)| key.as_str()).collect();
                store
                    .suppressions_of(&keys)
                    .map_err(|e| CampaignError::Input(e.to_string()))?
            }
            None => HashMap::new(),
        };
        let mut admitted = Vec::with_capacity(prepared.len());
        for (work, key) in prepared {
            if let Some(s) = stopped.get(&key) {
                self.counts.suppressed += 1;
                self.ops.push(Op::Suppressed {
                    line: work.line,
                    reason: format!(
                        "the user stopped marketing messages ({}, at {})",
                        s.source, s.at
                    ),
                });
                continue;
            }
            admitted.push((work, key));
        }
        Ok(admitted)
    }

    /// The message for one row, or why the row is invalid.
    fn prepare(&mut self, row: &Row) -> Result<Work, String> {
        let column = &self.definition.recipient_column;
        let address = row
            .get(column)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format!("column `{column}` is missing or empty"))?;
        let (field, recipient) = match self.definition.recipient_kind {
            // The number as WhatsApp expects it, so that one person written two ways is one
            // recipient (and the duplicate is skipped).
            RecipientKind::Phone => (
                "to",
                Recipient::Phone(
                    crate::phone::normalise_phone(address)
                        .map_err(|e| format!("column `{column}`: {e}"))?,
                ),
            ),
            RecipientKind::Bsuid => ("recipient", Recipient::Bsuid(address.to_string())),
        };
        self.template.fill(row, &mut self.filled)?;
        if let Value::Object(map) = &mut self.filled {
            map.insert(
                field.to_string(),
                Value::String(recipient.as_str().to_string()),
            );
        }
        // Checked as a message would be (unknown fields refused), and kept as that JSON.
        let (body, _) = Validator::shared()
            .checked_body(&mut self.filled, |_| false)
            .map_err(|problems| {
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
        Ok(Work {
            line: row.line,
            body,
            key: recipient.canonical().to_string(),
            attempts: 0,
        })
    }

    fn commit_and_dispatch(
        &mut self,
        candidates: Vec<(Candidate, Work)>,
    ) -> Result<(), CampaignError> {
        let keys: Vec<Candidate> = candidates.iter().map(|(c, _)| c.clone()).collect();
        let reservations = if keys.is_empty() && self.ops.is_empty() {
            Vec::new()
        } else {
            self.journal.commit(&self.ops, &keys)?
        };
        self.ops.clear();
        self.last_commit = Instant::now();
        // Claimed rows are in flight already (the claim committed them).
        for work in std::mem::take(&mut self.ready) {
            self.hand_over(work);
        }
        for ((_, mut work), reservation) in candidates.into_iter().zip(reservations) {
            match reservation {
                Reservation::Send { attempts } => {
                    work.attempts = work.attempts.max(attempts);
                    self.hand_over(work);
                }
                Reservation::Duplicate => self.counts.skipped += 1,
                Reservation::Done => {}
            }
        }
        Ok(())
    }

    /// Hands a row committed in flight to the senders.
    fn hand_over(&mut self, work: Work) {
        self.in_flight += 1;
        if let Err(err) = self.work_tx.try_send(work) {
            // Cannot happen (we asked for room), but never lose a row: put it back.
            self.in_flight -= 1;
            let work = match err {
                mpsc::error::TrySendError::Full(w) | mpsc::error::TrySendError::Closed(w) => w,
            };
            self.ops.push(Op::Pending {
                line: work.line,
                attempts: work.attempts,
            });
        }
    }

    /// The list could not be read (not its end): stop, keeping every row not yet sent for a
    /// resume once it can be.
    fn list_unreadable(&mut self, error: CampaignError) {
        self.reader_done = true;
        self.halt.set(StopReason {
            class: None,
            code: None,
            message: error.to_string(),
        });
    }

    /// Whether every row of the list has a final state in the journal, now that this worker
    /// has found nothing more to do. When not (rows pending, or in flight at a worker still
    /// running), the run's stop reason says how many.
    fn all_rows_final(&mut self) -> Result<bool, CampaignError> {
        let done = self.journal.final_rows()?;
        if done >= self.counts.total {
            return Ok(true);
        }
        self.halt.set(StopReason {
            class: None,
            code: None,
            message: format!(
                "{} of the list's {} rows have no final state yet (pending, or in flight at a worker that is still running); resume, or see them with `wamm campaign report`",
                self.counts.total - done,
                self.counts.total
            ),
        });
        Ok(false)
    }

    /// The reader reached the end of the list: it must have yielded every row the list had
    /// when it was counted. Fewer means the list is not the one counted (it was changed or
    /// truncated while the run read it): stop rather than call the campaign complete.
    /// Returns whether the list was whole.
    fn list_ended(&mut self, reader: &RecipientReader) -> bool {
        let read = reader.rows_read();
        let whole = read >= self.counts.total;
        if !whole {
            self.halt.set(StopReason {
                class: None,
                code: None,
                message: format!(
                    "the recipient list ended after {read} rows, but it had {} when it was counted before sending: it changed while the run read it; restore it and resume",
                    self.counts.total
                ),
            });
        }
        whole
    }

    fn publish(&mut self) {
        self.last_publish = Instant::now();
        self.counts.in_flight = self.in_flight;
        self.counts.elapsed = self.started.elapsed();
        self.counts.rate_limit = self.senders.rate();
        let snapshot = self.counts.clone();
        self.progress.send_replace(snapshot);
    }
}

/// Rows reserved ahead per connection in an unpaced run (see [`reserve_ahead`]).
pub(crate) const UNPACED_AHEAD_PER_CONNECTION: usize = 4;

/// Rows reserved beyond those being sent, so the dispatcher never waits for the journal:
/// 50 ms worth at the paced rate (at least 4), or four per connection when unpaced.
///
/// Unpaced, rows are reserved a quarter of the window at a time, so the deeper the window the
/// fewer journal commits (each one fsync) per message: at four per connection a commit covers
/// about twice the rows it did at one, and half the fsyncs and a third of the log writes go
/// (`BENCHMARKS.md`). The price is the bound on what a crash can leave `unknown`: the whole
/// window, five rows per connection instead of two (160 rows at the default 32 connections,
/// 320 at the bench's 64). A run stopped by a run-wide error or an outage also sends up to a
/// window's rows before the stop takes hold.
pub(crate) fn reserve_ahead(mps: f64, concurrency: usize) -> usize {
    if mps <= 0.0 {
        concurrency * UNPACED_AHEAD_PER_CONNECTION
    } else {
        ((mps * 0.05).ceil() as usize).clamp(4, concurrency.max(4))
    }
}

/// Sends the work it is given with `concurrency` workers, each taking the next piece of work,
/// waiting for a pacing slot, sending and classifying, then taking the next: one long-lived
/// task per connection rather than a task per message.
#[allow(clippy::too_many_arguments)]
async fn dispatch(
    senders: Arc<Senders>,
    work_rx: mpsc::Receiver<Work>,
    outcomes: OutcomeSink,
    concurrency: usize,
    definition: CampaignDefinition,
    stop: StopSignal,
    halt: Arc<Halt>,
    fence: Option<Arc<LeaseFence>>,
) {
    // Outcomes go to the journal in batches; this sends a short batch within a millisecond.
    let flusher = tokio::spawn({
        let outcomes = outcomes.clone();
        async move {
            let mut tick = tokio::time::interval(OUTCOME_FLUSH_INTERVAL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                outcomes.flush();
            }
        }
    });
    let shared = Arc::new(Dispatch {
        senders,
        work: tokio::sync::Mutex::new(work_rx),
        outcomes: outcomes.clone(),
        definition,
        stop,
        halt,
        fence,
    });
    let workers: Vec<_> = (0..concurrency)
        .map(|_| tokio::spawn(Arc::clone(&shared).work()))
        .collect();
    // Every worker stops once the journal worker has closed the channel and it is empty.
    for worker in workers {
        let _ = worker.await;
    }
    flusher.abort();
    outcomes.flush();
}

/// What the dispatcher's workers share.
struct Dispatch {
    senders: Arc<Senders>,
    work: tokio::sync::Mutex<mpsc::Receiver<Work>>,
    outcomes: OutcomeSink,
    definition: CampaignDefinition,
    stop: StopSignal,
    halt: Arc<Halt>,
    /// With claims: no row is sent once this worker's lease may have lapsed.
    fence: Option<Arc<LeaseFence>>,
}

impl Dispatch {
    async fn work(self: Arc<Self>) {
        loop {
            let Some(work) = self.work.lock().await.recv().await else {
                return;
            };
            let sender = if self.stopping() {
                None
            } else {
                tokio::select! {
                    sender = self.senders.acquire() => sender,
                    _ = self.stop.notify.notified() => None,
                }
            };
            let Some(sender) = sender.filter(|_| !self.stopping() && self.lease_holds()) else {
                self.outcomes.push(Outcome::Released {
                    line: work.line,
                    attempts: work.attempts,
                });
                continue;
            };
            let result = sender.client.send_body(&work.body).await;
            if result.is_ok() {
                sender.sent_one();
            }
            let outcome = classify(
                result,
                work,
                &sender,
                &self.senders,
                &self.definition,
                &self.halt,
            );
            self.outcomes.push(outcome);
            if self.halt.is_set() {
                // Workers waiting for a pacing slot give their work back now, not at their slot.
                self.stop.notify.notify_waiters();
            }
        }
    }

    fn stopping(&self) -> bool {
        self.stop.is_stopped() || self.halt.is_set()
    }

    /// Whether this worker's lease surely holds (always, without claims). When it may have
    /// lapsed (the process was frozen, or could not renew it), the run stops: its rows may
    /// be another's now, and are released, not sent.
    fn lease_holds(&self) -> bool {
        let Some(fence) = &self.fence else {
            return true;
        };
        if fence.holds() {
            return true;
        }
        self.halt.set(StopReason {
            class: None,
            code: None,
            message: format!(
                "this worker's lease ({} s) may have run out before it could renew it (was the process frozen or suspended?): it stops without sending the rows it held, which other workers take or recover",
                super::journal::LEASE.as_secs()
            ),
        });
        self.stop.notify.notify_waiters();
        false
    }
}

/// Outcomes are handed to the journal worker at least this often.
const OUTCOME_FLUSH_INTERVAL: Duration = Duration::from_millis(1);

/// Collects outcomes and hands them to the journal worker in batches, so that the worker wakes
/// once per batch rather than once per message.
#[derive(Clone)]
struct OutcomeSink {
    pending: Arc<std::sync::Mutex<Vec<Outcome>>>,
    to_journal: std_mpsc::Sender<Vec<Outcome>>,
    batch: usize,
}

impl OutcomeSink {
    fn new(to_journal: std_mpsc::Sender<Vec<Outcome>>, batch: usize) -> Self {
        Self {
            pending: Arc::default(),
            to_journal,
            batch,
        }
    }

    /// Queues an outcome; a full batch goes to the journal at once.
    fn push(&self, outcome: Outcome) {
        let full = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.push(outcome);
            (pending.len() >= self.batch).then(|| std::mem::take(&mut *pending))
        };
        if let Some(batch) = full {
            // The worker only goes away once every outcome it waits for is in.
            let _ = self.to_journal.send(batch);
        }
    }

    /// Hands over whatever is queued.
    fn flush(&self) {
        let batch = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if !batch.is_empty() {
            let _ = self.to_journal.send(batch);
        }
    }
}

/// Turns one answer into an outcome, applying the table of error codes and the campaign's
/// retry settings.
fn classify(
    result: Result<crate::client::Sent, SendError>,
    mut work: Work,
    sender: &Sender,
    senders: &Senders,
    definition: &CampaignDefinition,
    halt: &Halt,
) -> Outcome {
    let line = work.line;
    work.attempts += 1;
    let attempts = work.attempts;
    let error = match result {
        Ok(sent) => {
            let op = Op::Sent {
                line,
                wamid: sent.message_id,
                status: sent.status.map(|s| s.as_str().to_string()),
                from: Some(Arc::clone(&sender.phone)),
            };
            return Outcome::Final { op, attempts };
        }
        Err(error) => error,
    };
    let code = error.code();
    let reason = error.to_string();
    if error.may_have_been_sent() {
        let op = Op::Unknown { line, code, reason };
        return Outcome::Final { op, attempts };
    }
    let can_retry = attempts < definition.retry.max_attempts;
    let release = |halt_reason: StopReason| {
        halt.set(halt_reason);
        Outcome::Released {
            line,
            attempts: attempts - 1,
        }
    };
    match &error {
        SendError::Connect { .. } if can_retry => {
            let after = definition.retry.throttle_delay(attempts);
            return Outcome::Retry {
                work: Box::new(work),
                after,
            };
        }
        // Nothing was sent; leave it for the next run.
        SendError::Connect { .. } | SendError::Config(_) => {
            return release(StopReason {
                class: None,
                code: None,
                message: reason,
            });
        }
        _ => {}
    }
    let class = error.class().unwrap_or(ErrorClass::Server);
    if error.stops_run() {
        let stop = StopReason {
            class: Some(class),
            code,
            message: format!("{reason}: {}", class.advice()),
        };
        // An error that concerns this number stops only it: Meta created nothing, so another
        // number still sending sends this row now. Rows this number had in flight meet the
        // same error after it stopped, and go the same way; only when no number is left does
        // the run stop.
        if error.concerns_number() && senders.len() > 1 {
            let number_stop = StopReason {
                message: format!("phone number {}: {}", sender.phone, stop.message),
                ..stop.clone()
            };
            if senders.stop(sender, number_stop) {
                work.attempts -= 1;
                return Outcome::Retry {
                    work: Box::new(work),
                    after: Duration::ZERO,
                };
            }
        }
        return release(stop);
    }
    if error.is_retryable() && can_retry {
        let after = match class {
            ErrorClass::Throttled => {
                sender.pacer.throttled();
                error
                    .suggested_wait()
                    .unwrap_or_default()
                    .max(definition.retry.throttle_delay(attempts))
            }
            ErrorClass::PairThrottled => definition.retry.pair_delay(attempts),
            _ => error
                .suggested_wait()
                .unwrap_or_else(|| definition.retry.throttle_delay(attempts)),
        };
        return Outcome::Retry {
            work: Box::new(work),
            after,
        };
    }
    if error.is_retryable() {
        // Meta created nothing and would take it later: out of attempts is not a refusal of
        // the recipient. Recording it `failed` would lose them; the run stops instead, the
        // row stays pending, and `resume` sends it once the cause has passed.
        return release(StopReason {
            class: Some(class),
            code,
            message: format!(
                "{reason}, still after {attempts} attempts (retry.max_attempts): {}",
                class.advice()
            ),
        });
    }
    let op = Op::Failed { line, code, reason };
    Outcome::Final { op, attempts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::RULES;
    use crate::error::GraphError;
    use crate::message::Message;

    fn definition() -> CampaignDefinition {
        CampaignDefinition::from_toml(
            "name = \"t\"\n[message.template]\nname = \"spring_sale\"\nlanguage = { code = \"en_US\" }\n",
            "t.toml",
        )
        .unwrap()
    }

    /// A pool of `n` numbers, unpaced.
    fn pool(n: usize) -> Senders {
        let client =
            crate::MarketingClient::builder("106540352242922", crate::AccessToken::new("t"))
                .build()
                .unwrap();
        Senders::new(
            (0..n)
                .map(|i| {
                    let phone = format!("10654035224292{i}");
                    Sender::new(
                        client.with_phone_number_id(&phone).unwrap(),
                        Pacer::new(0.0),
                    )
                })
                .collect(),
        )
    }

    /// An error that concerns the sending number stops only that number while others send
    /// (the row goes to another at once); the last number's stops the run.
    #[test]
    fn a_number_error_stops_that_number_and_the_last_one_stops_the_run() {
        let two = pool(2);
        let halt = Halt::default();
        let outcome = classify(
            answer(400, 133010),
            work(),
            &two.sender(0),
            &two,
            &definition(),
            &halt,
        );
        let Outcome::Retry {
            work: retried,
            after,
        } = outcome
        else {
            panic!("the row was not handed to the other number");
        };
        assert_eq!((retried.attempts, after), (0, Duration::ZERO));
        assert!(halt.reason().is_none());
        assert_eq!(two.active(), 1);
        let summary = two.summary();
        let stopped = summary[0]
            .stopped
            .as_ref()
            .expect("the first number stopped");
        assert_eq!(stopped.code, Some(133010));
        assert!(stopped.message.contains("106540352242920"), "{stopped}");
        // The other number meets the same: nothing is left to send with, the run stops.
        let outcome = classify(
            answer(400, 133010),
            work(),
            &two.sender(1),
            &two,
            &definition(),
            &halt,
        );
        assert!(matches!(outcome, Outcome::Released { .. }));
        assert_eq!(halt.reason().and_then(|r| r.code), Some(133010));
        // An error that concerns the whole business stops the run at once, pool or not.
        let three = pool(3);
        let halt = Halt::default();
        let outcome = classify(
            answer(401, 190),
            work(),
            &three.sender(0),
            &three,
            &definition(),
            &halt,
        );
        assert!(matches!(outcome, Outcome::Released { .. }));
        assert_eq!(halt.reason().and_then(|r| r.code), Some(190));
        assert_eq!(three.active(), 3);
    }

    fn work() -> Work {
        let message = Message::from_value(serde_json::json!({
            "messaging_product": "whatsapp", "recipient_type": "individual", "type": "template",
            "to": "447700900123",
            "template": {"name": "spring_sale", "language": {"code": "en_US"}}
        }))
        .unwrap();
        Work {
            line: 7,
            body: message.body().clone(),
            key: message.recipient().canonical().to_string(),
            attempts: 0,
        }
    }

    #[allow(clippy::result_large_err)] // The shape `send_once` returns.
    fn answer(status: u16, code: i64) -> Result<crate::client::Sent, SendError> {
        let body = format!(r#"{{"error":{{"message":"(#{code}) x","code":{code}}}}}"#);
        Err(SendError::Api(
            GraphError::from_body(status, body.as_bytes(), None).unwrap(),
        ))
    }

    /// Every row of the table, at the status Meta sends it with, becomes the outcome the row
    /// promises: retried, unknown, refused, or a stop with the row kept pending.
    #[test]
    fn every_code_in_the_table_gets_the_outcome_its_row_promises() {
        let one = pool(1);
        for rule in RULES {
            for code in [rule.first, rule.last] {
                let status = if rule.definite_at_5xx { 500 } else { 400 };
                let halt = Halt::default();
                let outcome = classify(
                    answer(status, code),
                    work(),
                    &one.sender(0),
                    &one,
                    &definition(),
                    &halt,
                );
                let stopped = halt.reason();
                match outcome {
                    Outcome::Retry { work, .. } => {
                        assert!(rule.retry, "{code} retried");
                        assert_eq!(work.attempts, 1);
                    }
                    Outcome::Final {
                        op: Op::Unknown { code: c, .. },
                        ..
                    } => {
                        assert!(rule.may_have_been_sent, "{code} unknown");
                        assert_eq!(c, Some(code));
                    }
                    Outcome::Final {
                        op: Op::Failed { code: c, .. },
                        ..
                    } => {
                        assert!(
                            !rule.retry && !rule.may_have_been_sent && !rule.stops_run,
                            "{code} failed"
                        );
                        assert_eq!(c, Some(code));
                    }
                    Outcome::Released { line, attempts } => {
                        assert!(rule.stops_run, "{code} stopped the run");
                        assert_eq!(
                            (line, attempts),
                            (7, 0),
                            "{code}: kept pending, attempt not counted"
                        );
                        let reason = stopped.expect("a stop reason");
                        assert_eq!((reason.class, reason.code), (Some(rule.class), Some(code)));
                    }
                    Outcome::Final { op, .. } => panic!("{code}: unexpected {op:?}"),
                }
                if !rule.stops_run {
                    assert!(halt.reason().is_none(), "{code} must not stop the run");
                }
            }
        }
        // A code Meta adds later may have created the message.
        let outcome = classify(
            answer(400, 987_654),
            work(),
            &one.sender(0),
            &one,
            &definition(),
            &Halt::default(),
        );
        assert!(matches!(
            outcome,
            Outcome::Final {
                op: Op::Unknown { .. },
                ..
            }
        ));
    }

    /// A retryable code on the row's last attempt never becomes `failed`: nothing was created,
    /// so the row goes back to pending and the run stops, saying which setting ran out.
    #[test]
    fn a_retryable_code_on_the_last_attempt_keeps_the_row_pending_and_stops_the_run() {
        let one = pool(1);
        let definition = definition();
        let mut retried = 0;
        for rule in RULES.iter().filter(|rule| rule.retry) {
            let halt = Halt::default();
            let mut last = work();
            last.attempts = definition.retry.max_attempts - 1;
            let outcome = classify(
                answer(400, rule.first),
                last,
                &one.sender(0),
                &one,
                &definition,
                &halt,
            );
            let Outcome::Released { line, attempts } = outcome else {
                panic!("{}: not kept pending", rule.first);
            };
            assert_eq!((line, attempts), (7, definition.retry.max_attempts - 1));
            let reason = halt.reason().expect("the run stops");
            assert_eq!(reason.code, Some(rule.first));
            assert!(reason.message.contains("retry.max_attempts"), "{reason}");
            retried += 1;
        }
        assert!(
            retried >= 4,
            "throttling, pair limit and syncing are retried"
        );
    }

    #[test]
    fn a_run_wide_code_under_a_5xx_leaves_the_outcome_open() {
        let one = pool(1);
        let halt = Halt::default();
        let outcome = classify(
            answer(500, 190),
            work(),
            &one.sender(0),
            &one,
            &definition(),
            &halt,
        );
        assert!(matches!(
            outcome,
            Outcome::Final {
                op: Op::Unknown { .. },
                ..
            }
        ));
        assert!(halt.reason().is_none());
    }
}
