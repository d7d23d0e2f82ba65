//! The feeder: the one thread that writes the journal. It takes rows from the source, turns
//! them into messages, commits them in flight in batches, hands them to the dispatcher, and
//! commits the outcomes that come back; retries wait here for their time. Only it writes the
//! journal, so a recipient can never be in two states at once.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch};

use super::super::CampaignError;
use super::super::halt::{StopReason, Tripwire, Verdict};
use super::super::journal::JournalStore;
use super::super::journal::{Candidate, LEASE, Op, Reservation};
use super::super::lease::LeaseFence;
use super::super::schedule::{Schedule, format_ms};
use super::super::template_watch::TemplateWatch;
use super::admit::Admission;
use super::dispatch::Work;
use super::outcome::Outcome;
use super::source::{RowSource, WAIT_FOR_OTHERS};
use super::waiting::pop_due;
use super::{Progress, Shared};
use crate::metrics::CampaignMetrics;

/// Outcomes are committed at least this often, and at most this many at a time.
const COMMIT_INTERVAL: Duration = Duration::from_millis(50);
const COMMIT_BATCH: usize = 512;
/// Progress is published at most this often (and once at the end).
const PUBLISH_INTERVAL: Duration = Duration::from_millis(100);

/// The ends of the channels the feeder talks through.
pub(super) struct Links {
    /// Rows committed in flight, to the dispatcher.
    pub(super) work: mpsc::Sender<Work>,
    /// Outcomes, in batches, from the dispatcher.
    pub(super) outcomes: std_mpsc::Receiver<Vec<Outcome>>,
    /// Counts, for whoever shows progress.
    pub(super) progress: watch::Sender<Progress>,
}

/// The journal's one writer for a run, and the keeper of its counts.
pub(super) struct Feeder {
    pub(super) journal: Box<dyn JournalStore>,
    pub(super) source: RowSource,
    pub(super) admission: Admission,
    pub(super) shared: Shared,
    links: Links,
    tripwire: Tripwire,
    pub(super) counts: Progress,
    started: Instant,
    /// Retries by due time: (due, sequence, line).
    delayed: BinaryHeap<Reverse<(Instant, u64, u64)>>,
    parked: HashMap<u64, Work>,
    pub(super) ops: Vec<Op>,
    pub(super) in_flight: u64,
    /// The most rows in flight at once (sending, or queued for the dispatcher).
    max_reserved: usize,
    /// Rows handed back unsent (the run is stopping); they stay pending.
    released: u64,
    /// No more rows will come: the list is read, or nothing is left to claim.
    pub(super) exhausted: bool,
    last_heartbeat: Instant,
    pub(super) last_commit: Instant,
    last_publish: Instant,
    seq: u64,
    /// With an event store: stops the run when Meta rejects, pauses or disables its template.
    pub(super) watch: Option<TemplateWatch>,
    /// With a send window: the rows outside it, held until it opens.
    pub(super) waiting: Option<super::waiting::Waiting>,
    /// The campaign's `start_at` and `end_by`: no row is taken outside them.
    pub(super) schedule: Schedule,
    /// Where the run's counts go for Prometheus, and what of them went there already.
    pub(super) metrics: Option<Exported>,
}

/// The metrics the feeder keeps, and the counts it has added to them so far: it adds what
/// changed each time it publishes progress, so the counters follow the journal's counts
/// without a cost per row.
pub(super) struct Exported {
    pub(super) metrics: CampaignMetrics,
    added: [u64; 7],
}

impl Exported {
    pub(super) fn new(metrics: CampaignMetrics) -> Self {
        Self {
            metrics,
            added: [0; 7],
        }
    }

    /// Adds to each outcome's counter what it gained since the last time.
    fn export(&mut self, counts: &Progress) {
        let now = [
            counts.sent,
            counts.failed,
            counts.unknown,
            counts.invalid,
            counts.skipped,
            counts.suppressed,
            counts.held_out,
        ];
        for (i, (now, added)) in now.iter().zip(self.added.iter_mut()).enumerate() {
            // A row counted failed and put back to pending after a halt lowers the count;
            // a counter never goes down, so it only grows again past what it had.
            if *now > *added {
                self.metrics.add_outcome(i, *now - *added);
                *added = *now;
            }
        }
        let finished: u64 = now.iter().sum::<u64>() + counts.done_before;
        self.metrics
            .rows(counts.total, counts.total.saturating_sub(finished));
    }
}

impl Feeder {
    pub(super) fn new(
        journal: Box<dyn JournalStore>,
        source: RowSource,
        admission: Admission,
        shared: Shared,
        links: Links,
        counts: Progress,
        max_reserved: usize,
    ) -> Self {
        Self {
            tripwire: Tripwire::new(admission.halt_rules().clone()),
            journal,
            source,
            admission,
            shared,
            links,
            counts,
            started: Instant::now(),
            delayed: BinaryHeap::new(),
            parked: HashMap::new(),
            ops: Vec::new(),
            in_flight: 0,
            max_reserved,
            released: 0,
            exhausted: false,
            last_heartbeat: Instant::now(),
            last_commit: Instant::now(),
            last_publish: Instant::now(),
            seq: 0,
            watch: None,
            waiting: None,
            schedule: Schedule::default(),
            metrics: None,
        }
    }

    /// Runs to the end, then records the run's outcome in the journal: the counts, and why
    /// the run stopped before the end of the list, if it did. `journalled` is false only for
    /// the measuring run that records nothing.
    pub(super) fn finish(
        mut self,
        run_id: i64,
        journalled: bool,
    ) -> Result<(Progress, Option<StopReason>), CampaignError> {
        let result = self.run();
        // The feeder's own view says the list is done; the journal says whether every row
        // really has a final state (rows other workers held, a list shorter than counted).
        let result = match result {
            Ok(true) if journalled => self.all_rows_final(),
            other => other,
        };
        let sent = self.counts.sent;
        let stopped = match result {
            Ok(true) => None,
            _ => Some(
                self.shared
                    .halt
                    .reason()
                    .unwrap_or_else(|| StopReason::local("stopped on request")),
            ),
        };
        let outcome = match (&result, &stopped) {
            (Err(e), _) => format!("error: {e}"),
            (Ok(_), Some(reason)) => format!("stopped: {reason}"),
            (Ok(_), None) => "complete".to_string(),
        };
        if let (Some(exported), Some(_)) = (&self.metrics, &stopped)
            && let Some(reason) = self.shared.halt.reason()
        {
            exported
                .metrics
                .halted(reason.class.map_or("local", |c| c.as_str()));
        }
        let _ = self.journal.finish_run(run_id, sent, &outcome);
        if let Some(workers) = self.journal.workers() {
            let _ = workers.leave(&outcome);
        }
        result.map(|_| (self.counts, stopped))
    }

    /// Works until the list is done (returns true) or the run is stopped (false).
    fn run(&mut self) -> Result<bool, CampaignError> {
        self.counts.bytes_total = self.source.size();
        loop {
            self.drain_outcomes();
            self.watch_template();
            let waiting = self.keep_schedule();
            let stopping = self.shared.stopping();

            let mut candidates: Vec<(Candidate, Work)> = Vec::new();
            // Reserve in batches (a quarter of the in-flight window at least) so each journal
            // transaction covers many rows; due retries are never held back.
            if !stopping && !waiting && (self.room() >= self.min_batch() || self.retry_due()) {
                self.collect_candidates(&mut candidates)?;
            }
            let due_commit = !self.ops.is_empty()
                && (self.ops.len() >= COMMIT_BATCH
                    || self.last_commit.elapsed() >= COMMIT_INTERVAL);
            if !candidates.is_empty() || due_commit || self.source.has_ready() {
                self.commit_and_dispatch(candidates)?;
            }
            // Waiting for other workers' rows, beat often: a dead one's rows are then
            // recovered soon after its connection closes, not a third of a lease later.
            let beat = if self.counts.elsewhere > 0 {
                WAIT_FOR_OTHERS
            } else {
                LEASE / 3
            };
            if self.source.is_claims() && self.last_heartbeat.elapsed() >= beat {
                self.last_heartbeat = Instant::now();
                let asked = LeaseFence::now();
                if super::source::workers(self.journal.as_mut())?.heartbeat()? {
                    if let Some(fence) = &self.shared.fence {
                        fence.renewed(asked);
                    }
                } else {
                    self.lease_lost();
                }
            }
            if self.last_publish.elapsed() >= PUBLISH_INTERVAL {
                self.publish();
            }

            let complete = self.exhausted
                && !self.shared.halt.is_set()
                && self.delayed.is_empty()
                && self.released == 0
                && self.waiting.as_ref().is_none_or(|w| w.is_empty());
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
            let idle = self.source.idle();
            let busy = !stopping
                && !waiting
                && !self.exhausted
                && !idle
                && self.room() >= self.min_batch();
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
                && let Ok(outcomes) = self.links.outcomes.recv_timeout(wait)
            {
                outcomes.into_iter().for_each(|o| self.record(o));
            }
        }
    }

    /// Stops the run, before it sends more, when the event store says its template was
    /// rejected, paused or disabled since the run started.
    fn watch_template(&mut self) {
        if self.shared.stopping() {
            return;
        }
        if let Some(reason) = self.watch.as_mut().and_then(TemplateWatch::poll) {
            self.shared.halt.set(reason);
            // Senders waiting for a pacing slot give their work back now.
            self.shared.stop.notify.notify_waiters();
        }
    }

    /// Keeps the campaign's schedule: true while its start is still to come (no row is taken
    /// then); once its end has passed, stops the run with the rows not sent left pending.
    fn keep_schedule(&mut self) -> bool {
        let now = crate::now_ms();
        let waiting = self.schedule.waiting_until(now);
        if self.counts.starts_at_ms != waiting {
            self.counts.starts_at_ms = waiting;
            self.publish();
        }
        if waiting.is_none()
            && !self.shared.stopping()
            && let Some(end) = self.schedule.end_by_ms.filter(|_| self.schedule.ended(now))
        {
            self.shared.halt.set(StopReason::local(format!(
                "the campaign's end_by ({}) has passed; the rows not sent stay pending: resume with a later --end-by to send them",
                format_ms(end)
            )));
            // Senders waiting for a pacing slot give their work back now.
            self.shared.stop.notify.notify_waiters();
        }
        waiting.is_some()
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
        while let Ok(outcomes) = self.links.outcomes.try_recv() {
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
                    self.shared.halt.set(reason);
                    // Senders waiting for a pacing slot give their work back now.
                    self.shared.stop.notify.notify_waiters();
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
        if let Some(exported) = &self.metrics {
            match op {
                Op::Failed { code, .. } => exported.metrics.failure("failed", *code),
                Op::Unknown { code, .. } => exported.metrics.failure("unknown", *code),
                _ => {}
            }
        }
        match op {
            Op::Sent { .. } => self.counts.sent += 1,
            Op::Failed { .. } => self.counts.failed += 1,
            Op::Unknown { .. } => self.counts.unknown += 1,
            Op::Invalid { .. }
            | Op::Suppressed { .. }
            | Op::HeldOut { .. }
            | Op::Pending { .. } => {}
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
            let Some(line) = pop_due(&mut self.delayed, now) else {
                break;
            };
            if let Some(work) = self.parked.remove(&line) {
                let key = work.key.clone();
                out.push((Candidate { line, key }, work));
            }
        }
        self.counts.retrying = self.parked.len() as u64;
        // Rows whose window has opened before new ones: they were read first.
        if let Some(waiting) = self.waiting.as_mut() {
            let wanted = (room - out.len()).min(self.admission.budget_room());
            let due = waiting.take_due(wanted, &mut self.counts);
            if !due.is_empty() {
                for (work, key) in self
                    .admission
                    .admit(&due, &mut self.counts, &mut self.ops)?
                {
                    out.push((
                        Candidate {
                            line: work.line,
                            key,
                        },
                        work,
                    ));
                }
            }
        }
        let wanted = (room - out.len()).min(self.admission.budget_room());
        self.collect_rows(wanted, out)?;
        // A daily budget that is spent stops the run once what it admitted has its outcome
        // (a stop before would hand those rows back unsent); the rows not read stay pending.
        if !self.exhausted
            && out.is_empty()
            && !self.source.has_ready()
            && self.in_flight == 0
            && self.delayed.is_empty()
            && let Some(stop) = self.admission.budget_stop()
        {
            self.shared.halt.set(stop);
        }
        Ok(())
    }

    fn commit_and_dispatch(
        &mut self,
        candidates: Vec<(Candidate, Work)>,
    ) -> Result<(), CampaignError> {
        // Rows newly held for their send window, for the report (not a state: they stay
        // unwritten rows, or pending ones).
        if let Some(held) = self.waiting.as_mut().map(|w| w.take_held())
            && !held.is_empty()
        {
            self.journal.record_waiting(&held)?;
        }
        // Moved apart, not copied: each key is a string.
        let (keys, works): (Vec<Candidate>, Vec<Work>) = candidates.into_iter().unzip();
        let reservations = if keys.is_empty() && self.ops.is_empty() {
            Vec::new()
        } else {
            let began = Instant::now();
            let reservations = self.journal.commit(&self.ops, &keys)?;
            if let Some(exported) = &self.metrics {
                exported.metrics.journal_commit(began.elapsed());
            }
            reservations
        };
        self.ops.clear();
        self.last_commit = Instant::now();
        // Claimed rows are in flight already (the claim committed them).
        for work in self.source.take_ready() {
            self.hand_over(work);
        }
        for (mut work, reservation) in works.into_iter().zip(reservations) {
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
        if let Err(err) = self.links.work.try_send(work) {
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

    /// This worker was taken for dead by another (it stalled past its lease): its rows in
    /// flight are unknown now; it stops claiming, and stops.
    pub(super) fn lease_lost(&mut self) {
        self.exhausted = true;
        self.shared.halt.set(StopReason::local(format!(
            "this worker did not renew its lease for {} s (stalled?) and another worker took it for dead; its rows in flight are recorded unknown",
            LEASE.as_secs()
        )));
        self.shared.stop.notify.notify_waiters();
    }

    /// Whether every row of the list has a final state in the journal, now that this worker
    /// has found nothing more to do. When not (rows pending, or in flight at a worker still
    /// running), the run's stop reason says how many.
    fn all_rows_final(&mut self) -> Result<bool, CampaignError> {
        let done = self.journal.final_rows()?;
        if done >= self.counts.total {
            return Ok(true);
        }
        self.shared.halt.set(StopReason::local(format!(
            "{} of the list's {} rows have no final state yet (pending, or in flight at a worker that is still running); resume, or see them in the campaign's report",
            self.counts.total - done,
            self.counts.total
        )));
        Ok(false)
    }

    fn publish(&mut self) {
        self.last_publish = Instant::now();
        self.counts.in_flight = self.in_flight;
        self.counts.elapsed = self.started.elapsed();
        self.counts.rate_limit = self.shared.senders.rate();
        if let Some(exported) = self.metrics.as_mut() {
            exported.export(&self.counts);
            let senders = &self.shared.senders;
            exported.metrics.pacing(senders.rate(), senders.target());
            if let Some(reason) = self.shared.halt.reason() {
                exported.metrics.set_halt(&reason.message);
            }
        }
        let snapshot = self.counts.clone();
        self.links.progress.send_replace(snapshot);
    }
}
