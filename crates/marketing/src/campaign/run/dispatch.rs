//! Sending: the work the feeder hands over goes out on `concurrency` long-lived tasks, each
//! taking the next row, waiting for a pacing slot, sending and classifying, then taking the
//! next (one task per connection rather than one per message). Outcomes go back in batches.

use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use std::collections::HashMap;

use tokio::sync::mpsc;
use wamm_client::CheckedBody;

use super::super::definition::CampaignDefinition;
use super::super::halt::StopReason;
use super::super::journal::{LEASE, Op};
use super::Shared;
use super::outcome::{Outcome, classify};
use crate::metrics::{CampaignMetrics, NumberMetrics};

/// Work for the dispatcher: one row, committed in flight.
pub(super) struct Work {
    pub(super) line: u64,
    /// The recipient's message as the validator accepted it: sent as it is.
    pub(super) body: CheckedBody,
    /// Who it is for, in the form duplicates and opt-outs are matched by.
    pub(super) key: String,
    pub(super) attempts: u32,
}

/// Outcomes are handed to the feeder at least this often.
const OUTCOME_FLUSH_INTERVAL: Duration = Duration::from_millis(1);

/// Collects outcomes and hands them to the feeder in batches, so that it wakes once per batch
/// rather than once per message.
#[derive(Clone)]
pub(super) struct OutcomeSink {
    pending: Arc<std::sync::Mutex<Vec<Outcome>>>,
    to_feeder: std_mpsc::Sender<Vec<Outcome>>,
    batch: usize,
}

impl OutcomeSink {
    pub(super) fn new(to_feeder: std_mpsc::Sender<Vec<Outcome>>, batch: usize) -> Self {
        Self {
            pending: Arc::default(),
            to_feeder,
            batch,
        }
    }

    /// Queues an outcome; a full batch goes to the feeder at once.
    fn push(&self, outcome: Outcome) {
        let full = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.push(outcome);
            (pending.len() >= self.batch).then(|| std::mem::take(&mut *pending))
        };
        if let Some(batch) = full {
            // The feeder only goes away once every outcome it waits for is in.
            let _ = self.to_feeder.send(batch);
        }
    }

    /// Hands over whatever is queued.
    fn flush(&self) {
        let batch = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if !batch.is_empty() {
            let _ = self.to_feeder.send(batch);
        }
    }
}

/// What the dispatcher's tasks share.
pub(super) struct Dispatch {
    pub(super) shared: Shared,
    pub(super) work: tokio::sync::Mutex<mpsc::Receiver<Work>>,
    pub(super) outcomes: OutcomeSink,
    /// For the retry settings.
    pub(super) definition: CampaignDefinition,
    /// The run's metrics, with each sending number's handles made once.
    pub(super) metrics: Option<(CampaignMetrics, HashMap<Arc<str>, NumberMetrics>)>,
}

/// Sends the work it is given with `concurrency` tasks, until the feeder has closed the
/// channel and it is empty.
pub(super) async fn dispatch(shared: Dispatch, concurrency: usize) {
    let outcomes = shared.outcomes.clone();
    // Outcomes go to the feeder in batches; this sends a short batch within a millisecond.
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
    let shared = Arc::new(shared);
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            tokio::spawn(tracing::Instrument::in_current_span(
                Arc::clone(&shared).work(),
            ))
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    flusher.abort();
    outcomes.flush();
}

impl Dispatch {
    async fn work(self: Arc<Self>) {
        loop {
            let Some(work) = self.work.lock().await.recv().await else {
                return;
            };
            let sender = if self.shared.stopping() {
                None
            } else {
                tokio::select! {
                    sender = self.shared.senders.acquire() => sender,
                    _ = self.shared.stop.notify.notified() => None,
                }
            };
            let Some(sender) = sender.filter(|_| !self.shared.stopping() && self.lease_holds())
            else {
                self.outcomes.push(Outcome::Released {
                    line: work.line,
                    attempts: work.attempts,
                });
                continue;
            };
            let number = self
                .metrics
                .as_ref()
                .map(|(run, numbers)| (run, numbers.get(&sender.phone)));
            if let Some((run, _)) = number {
                run.request_started();
            }
            // The clock is read only for a number whose requests are timed (metrics on).
            let began = number
                .and_then(|(_, number)| number)
                .map(|_| std::time::Instant::now());
            let result = sender.client.send_body(&work.body).await;
            if let Some((run, number)) = number {
                run.request_ended();
                if let (Some(number), Some(began)) = (number, began) {
                    number.request_took(began.elapsed());
                }
            }
            if result.is_ok() {
                sender.sent_one();
            }
            let outcome = classify(
                result,
                work,
                &sender,
                &self.shared.senders,
                &self.definition,
                &self.shared.halt,
            );
            if let Some((run, number)) = number {
                count_answer(run, number, &outcome);
            }
            self.outcomes.push(outcome);
            if self.shared.halt.is_set() {
                // Tasks waiting for a pacing slot give their work back now, not at their slot.
                self.shared.stop.notify.notify_waiters();
            }
        }
    }

    /// Whether this worker's lease surely holds (always, without claims). When it may have
    /// lapsed (the process was frozen, or could not renew it), the run stops: its rows may
    /// be another's now, and are released, not sent.
    fn lease_holds(&self) -> bool {
        let Some(fence) = &self.shared.fence else {
            return true;
        };
        if fence.holds() {
            return true;
        }
        self.shared.halt.set(StopReason::local(format!(
            "this worker's lease ({} s) may have run out before it could renew it (was the process frozen or suspended?): it stops without sending the rows it held, which other workers take or recover",
            LEASE.as_secs()
        )));
        self.shared.stop.notify.notify_waiters();
        false
    }
}

/// Counts what Graph's answer became, for the number that sent it (its handles were made at
/// the start, so this costs no lookup of labels beyond the result's).
fn count_answer(run: &CampaignMetrics, number: Option<&NumberMetrics>, outcome: &Outcome) {
    let result = match outcome {
        Outcome::Final {
            op: Op::Sent { .. },
            ..
        } => "sent",
        Outcome::Final {
            op: Op::Failed { .. },
            ..
        } => "failed",
        Outcome::Final { .. } => "unknown",
        Outcome::Retry { .. } => {
            run.retried();
            "retried"
        }
        Outcome::Released { .. } => "released",
    };
    if let Some(number) = number {
        number.answered(result);
    }
}
