//! Running a campaign: read rows, commit them in flight, send at pace, commit outcomes.
//!
//! Two halves share the job. The [feeder](feeder) (a blocking thread) owns the journal and
//! the [row source](source): it takes rows (read from the list, or claimed from a store
//! shared by workers), [admits](admit) them as checked messages, commits a batch of them as
//! in flight, hands them to the [dispatcher](dispatch), and commits the outcomes that come
//! back. The dispatcher (async) paces, sends with bounded concurrency and
//! [classifies](outcome) each answer. Only the feeder writes the journal, so a recipient can
//! never be in two states at once.
//!
//! Before any of it, [`run`], [`resume`] and [`work`] make their [checks](preflight) and a
//! [`Plan`](plan::Plan), which `execute` wires up.

mod account_check;
mod admit;
mod budget;
mod dispatch;
mod dry_run;
mod feeder;
mod list;
mod options;
mod outcome;
mod plan;
mod preflight;
mod seed;
mod source;
mod summary;
mod template_link;
mod waiting;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;

use tokio::sync::{mpsc, watch};
use tracing::Instrument;

pub use account_check::{AccountCheck, AccountNotReady, Route, assess_account, check_account};
pub use budget::BudgetUse;
pub use dry_run::{DryRow, DryRunCounts, dry_run};
pub use options::{RunOptions, StopSignal, Warnings};
pub use seed::Confirm;
pub use summary::{Progress, RunSummary};

use super::definition::CampaignDefinition;
use super::halt::Halt;
use super::journal::{Journal, JournalMeta, LEASE};
use super::journal::{JournalStore, Unjournalled};
use super::lease::LeaseFence;
use super::placeholders::MessagePattern;
use super::recipients::survey;
use super::senders::Senders;
use super::template_watch::{TemplateWatch, Watched};
use super::{CampaignError, read_events};
use crate::client::MarketingClient;
use admit::Admission;
use dispatch::{Dispatch, OutcomeSink, Work, dispatch};
use feeder::{Feeder, Links};
use outcome::Outcome;
use plan::Plan;
use preflight::{
    absolute, check_schedule_ahead, check_unchanged, open_list, same_list, with_overrides,
};
use source::RowSource;

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
    // file, and flags such as `--mps` apply to one run only. The schedule is the exception:
    // `--start-at` and `--end-by` are recorded, so that `resume` and workers keep them.
    let mut scheduled = definition.clone();
    super::schedule::override_schedule(&mut scheduled, &options)?;
    let stored = serde_json::to_string(&definition.with_schedule_of(&scheduled))
        .map_err(|e| CampaignError::Input(e.to_string()))?;
    let definition = with_overrides(scheduled, &options)?;
    check_schedule_ahead(&definition, &options)?;
    // Check the list and the placeholders before creating anything.
    let (reader, template) = open_list(&definition, recipients)?;
    let list = survey(recipients)?;
    let meta = JournalMeta {
        definition: stored,
        recipients_path: absolute(recipients),
        recipients_fingerprint: list.fingerprint,
        recipients_rows: Some(list.rows),
        campaign_path: options.campaign_file.as_deref().map(absolute),
        created_ms: crate::now_ms(),
    };
    // The event store is looked at before the journal exists: a wrong --events must not leave
    // a journal behind that the corrected command would then refuse to create again.
    if let Some(events) = &options.events {
        read_events(events)?;
    }
    let journal: Box<dyn JournalStore> = if options.no_journal {
        Box::new(Unjournalled)
    } else {
        Journal::create(journal_path, &meta)?.into_store()
    };
    let plan = Plan {
        client,
        definition,
        template,
        list: Some(reader),
        rows: list.rows,
        options,
    };
    execute_traced("run", journal_path, plan, journal, stop, progress).await
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
    let stored = stored_definition(&meta)?;
    let definition = match &options.campaign_file {
        Some(file) => {
            let mut revised = CampaignDefinition::load(file)?;
            if revised.start_at.is_none() && revised.end_by.is_none() {
                // A corrected message keeps the campaign's schedule.
                revised = revised.with_schedule_of(&stored);
            }
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
    let (reader, template) = open_list(&definition, &recipients)?;
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
            budget: None,
            warnings: Vec::new(),
            seeds: Vec::new(),
        });
    }
    let plan = Plan {
        client,
        definition,
        template,
        list: Some(reader),
        rows: list.rows,
        options,
    };
    execute_traced(
        "resume",
        journal_path,
        plan,
        journal.into_store(),
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
        return Err(CampaignError::Guided {
            message: format!(
                "workers share a campaign kept in PostgreSQL (--journal postgres://...); {} is a file: resume it instead",
                journal_path.display()
            ),
            next: super::NextStep::Resume {
                journal: journal_path.display().to_string(),
            },
        });
    }
    let journal = Journal::open(journal_path)?;
    let meta = journal.meta()?;
    let definition = with_overrides(stored_definition(&meta)?, &options)?;
    let template = MessagePattern::compile(definition.message.clone());
    let plan = Plan {
        client,
        definition,
        template,
        list: None,
        rows: meta.recipients_rows.unwrap_or(0),
        options,
    };
    execute_traced(
        "worker",
        journal_path,
        plan,
        journal.into_store(),
        stop,
        progress,
    )
    .await
}

/// Logs a run that ended in an error, at info: the command reports the error itself, and
/// the default level (warn) must not repeat it.
fn failed(error: &CampaignError) {
    tracing::info!(error = %error, "campaign run failed");
}

/// Executes `plan` in the span a run's events are in: the campaign, its journal as every
/// message shows it (a PostgreSQL URL without its password) and the entry point (`mode`: run,
/// resume, worker); a failure is logged there.
async fn execute_traced(
    mode: &'static str,
    journal_path: &Path,
    plan: Plan,
    journal: Box<dyn JournalStore>,
    stop: StopSignal,
    progress: watch::Sender<Progress>,
) -> Result<RunSummary, CampaignError> {
    let span = tracing::info_span!(
        "campaign_run",
        campaign = %plan.definition.name,
        journal = %super::journal_label(journal_path),
        mode,
    );
    execute(plan, journal, stop, progress)
        .instrument(span.clone())
        .await
        .inspect_err(|error| span.in_scope(|| failed(error)))
}

/// Asks `confirm` on a thread of its own (it may wait for someone to answer), and takes a
/// stop (Ctrl-C) meanwhile for a no.
async fn confirmed(
    confirm: &seed::Confirm,
    seeds: &[super::journal::SeedRecord],
    stop: &StopSignal,
) -> bool {
    let notified = stop.notify.notified();
    tokio::pin!(notified);
    notified.as_mut().enable();
    if stop.is_stopped() {
        return false;
    }
    let (confirm, seeds) = (confirm.clone(), seeds.to_vec());
    // A thread of its own, not the runtime's blocking pool: a question left unanswered after
    // a stop must not hold the process open.
    let (answer, asked) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = answer.send(confirm.ask(&seeds));
    });
    tokio::select! {
        answer = asked => answer.unwrap_or(false),
        () = &mut notified => false,
    }
}

/// The definition the journal keeps.
fn stored_definition(meta: &JournalMeta) -> Result<CampaignDefinition, CampaignError> {
    serde_json::from_str(&meta.definition)
        .map_err(|e| CampaignError::journal("stored campaign unreadable", e))
}

/// What the feeder and the dispatcher both hold: the signals that stop the run, the phone
/// numbers it sends from, and (with claims) this worker's lease.
#[derive(Clone)]
struct Shared {
    stop: StopSignal,
    /// The first reason the run stopped by itself.
    halt: Arc<Halt>,
    senders: Arc<Senders>,
    /// With claims: no row is sent once this worker's lease may have lapsed.
    fence: Option<Arc<LeaseFence>>,
}

impl Shared {
    /// Whether the run is stopping: on request, or by itself.
    fn stopping(&self) -> bool {
        self.stop.is_stopped() || self.halt.is_set()
    }
}

/// Runs a plan: joins and recovers the journal, starts the dispatcher and the feeder, and
/// waits for both.
async fn execute(
    plan: Plan,
    mut journal: Box<dyn JournalStore>,
    stop: StopSignal,
    progress: watch::Sender<Progress>,
) -> Result<RunSummary, CampaignError> {
    let Plan {
        client,
        definition,
        template,
        list,
        rows,
        options,
    } = plan;
    let mut seeds = Vec::new();
    if let Some(path) = &options.seed {
        seeds = seed::send_seeds(&client, &definition, path, journal.as_mut()).await?;
        if let Some(confirm) = &options.confirm
            && !confirmed(confirm, &seeds, &stop).await
        {
            let total = rows;
            return Ok(RunSummary {
                senders: Vec::new(),
                progress: Progress {
                    total,
                    done_before: journal.final_rows()?,
                    ..Progress::default()
                },
                recovered_unknown: 0,
                reopened_unknown: 0,
                stopped: Some(super::halt::StopReason::local(
                    "stopped after the seed sends, before the list: check them, then resume to send the list",
                )),
                already_complete: false,
                revision: journal.revision(),
                budget: None,
                warnings: Vec::new(),
                seeds,
            });
        }
    }
    // A worker joins first, so that it counts as alive while it recovers what workers that
    // are gone left in flight.
    if let Some(workers) = journal.workers() {
        workers.join()?;
    }
    let resend_unknown = options.resend_unknown;
    let recovered = journal.recover_in_flight(resend_unknown)?;
    if let Some(workers) = journal.workers() {
        workers.set_send_window(super::SendWindow::of(&definition));
    }
    let source = RowSource::new(journal.as_mut(), list, rows)?;
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
    // Counted before this run is recorded: the runs before it.
    let budget = match options.max_per_day {
        Some(limit) => Some(Arc::new(budget::Budget::from_journal(
            limit,
            journal.as_ref(),
            crate::now_ms(),
        )?)),
        None => None,
    };
    let schedule = super::schedule::Schedule::of(&definition)?;
    let started_ms = crate::now_ms();
    let run_id = journal.start_run(checked.as_deref())?;
    let concurrency = definition.concurrency.max(1);
    let (senders, mps) = plan::senders(client, &definition, journal.as_mut())?;
    tracing::info!(
        campaign = %definition.name,
        run_id,
        rows,
        done_before = counts.done_before,
        recovered_in_flight = recovered,
        senders = senders.len(),
        mps,
        concurrency,
        "campaign run started"
    );
    let rows_left = rows.saturating_sub(counts.done_before);
    let warnings = template_link::link(journal.as_mut(), run_id, &options, mps, rows_left)?;
    for warning in &warnings {
        options.warnings.say(warning);
    }
    // Template events count from when the template was checked (it was approved then), or
    // from the run's start when it was not.
    let since_ms = options
        .template
        .as_ref()
        .map_or(started_ms, |t| t.checked_ms.min(started_ms));
    let watch = match &options.events {
        Some(events) => match Watched::of(options.template_version.as_ref(), &definition) {
            Some(template) => Some(TemplateWatch::open(events, template, since_ms)?),
            None => None,
        },
        None => None,
    };
    let max_reserved = concurrency + plan::reserve_ahead(mps, concurrency);
    let (work_tx, work_rx) = mpsc::channel::<Work>(max_reserved);
    let (outcome_tx, outcome_rx) = std_mpsc::channel::<Vec<Outcome>>();
    let shared = Shared {
        stop,
        halt: Arc::default(),
        senders: Arc::new(senders),
        // Workers that claim rows hold them under a lease: none is sent once it may have lapsed.
        fence: source.is_claims().then(|| Arc::new(LeaseFence::new(LEASE))),
    };

    let metrics = options.metrics.clone();
    let numbers = metrics.as_ref().map(|m| {
        shared
            .senders
            .phones()
            .map(|phone| (Arc::clone(phone), m.number(phone)))
            .collect()
    });
    let span = tracing::Span::current();
    let dispatcher = tokio::spawn(
        dispatch(
            Dispatch {
                shared: shared.clone(),
                work: tokio::sync::Mutex::new(work_rx),
                outcomes: OutcomeSink::new(outcome_tx, (max_reserved / 8).max(1)),
                definition: definition.clone(),
                metrics: metrics.clone().zip(numbers),
            },
            concurrency,
        )
        .instrument(span.clone()),
    );

    let suppressions = options.events.as_deref().map(read_events).transpose()?;
    let journalled = !options.no_journal;
    let senders = Arc::clone(&shared.senders);
    let budget_for_admission = budget.clone();
    let feeder = tokio::task::spawn_blocking(move || {
        let _span = span.enter();
        let links = Links {
            work: work_tx,
            outcomes: outcome_rx,
            progress,
        };
        let waiting = waiting::Waiting::of(&definition);
        let admission = Admission::new(definition, template, suppressions, budget_for_admission);
        let mut feeder = Feeder::new(
            journal,
            source,
            admission,
            shared,
            links,
            counts,
            max_reserved,
        );
        feeder.watch = watch;
        // With claims, rows are loaded with their zone and claimed only in their window;
        // with the list, rows outside it are held here.
        feeder.waiting = waiting;
        feeder.schedule = schedule;
        feeder.metrics = metrics.map(feeder::Exported::new);
        feeder.finish(run_id, journalled)
    });

    let joined = feeder.await.map_err(|e| {
        CampaignError::journal(
            "journal worker failed",
            super::JournalFailure::Unusable(e.to_string()),
        )
    })?;
    // The feeder dropped its end of the work channel; the dispatcher finishes what it holds.
    let _ = dispatcher.await;
    let (counts, stopped) = joined?;
    tracing::info!(
        sent = counts.sent,
        failed = counts.failed,
        unknown = counts.unknown,
        invalid = counts.invalid,
        skipped = counts.skipped,
        suppressed = counts.suppressed,
        held_out = counts.held_out,
        stopped = stopped.as_ref().map(|s| s.message.as_str()),
        code = stopped.as_ref().and_then(|s| s.code),
        "campaign run finished"
    );
    Ok(RunSummary {
        senders: senders.summary(),
        progress: counts,
        recovered_unknown: if resend_unknown { 0 } else { recovered },
        reopened_unknown: if resend_unknown { recovered } else { 0 },
        budget: budget.map(|b| b.usage(stopped.as_ref())),
        stopped,
        already_complete: false,
        revision,
        warnings,
        seeds,
    })
}
