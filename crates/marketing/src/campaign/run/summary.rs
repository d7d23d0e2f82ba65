//! What a run reports: its counts while it goes ([`Progress`]) and how it ended
//! ([`RunSummary`], which serializes to the JSON `wamm campaign run --json` prints).

use std::time::Duration;

use serde::Serialize;

use super::super::SenderSummary;
use super::super::halt::StopReason;
use super::BudgetUse;

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
    /// Not sent: in the campaign's control group (`holdout`).
    pub held_out: u64,
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
    /// Rows held outside their send window, read but not yet sent.
    pub waiting: u64,
    /// When the earliest waiting row's window opens (ms since the epoch).
    pub next_opening_ms: Option<i64>,
    /// How this run's rows found their time zone (with a send window).
    pub zone_routes: crate::campaign::ZoneRoutes,
    /// While the run waits for the campaign's `start_at`: that time, in milliseconds since
    /// the Unix epoch. Nothing is sent before it.
    pub starts_at_ms: Option<i64>,
}

impl Progress {
    /// Messages created per second so far.
    ///
    /// ```
    /// use std::time::Duration;
    /// use marketing::campaign::Progress;
    ///
    /// let progress = Progress { sent: 50, elapsed: Duration::from_secs(2), ..Progress::default() };
    /// assert_eq!(progress.send_rate(), 25.0);
    /// ```
    pub fn send_rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.sent as f64 / secs
        } else {
            0.0
        }
    }

    /// Rows with a final state, this run's and earlier runs'.
    ///
    /// ```
    /// use marketing::campaign::Progress;
    ///
    /// let progress = Progress { done_before: 3, sent: 2, invalid: 1, ..Progress::default() };
    /// assert_eq!(progress.done(), 6);
    /// ```
    pub fn done(&self) -> u64 {
        self.done_before
            + self.sent
            + self.failed
            + self.unknown
            + self.invalid
            + self.skipped
            + self.suppressed
            + self.held_out
    }

    /// Rows still to do.
    ///
    /// ```
    /// use marketing::campaign::Progress;
    ///
    /// let progress = Progress { total: 10, sent: 4, ..Progress::default() };
    /// assert_eq!(progress.remaining(), 6);
    /// ```
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
///
/// It serializes to the object `wamm campaign run --json` prints, without the two keys that
/// come from the journal's report rather than from the run (`remaining` and `campaign`); the
/// keys are in alphabetical order, as in a `serde_json::Value`.
///
/// ```
/// use marketing::campaign::{Progress, RunSummary};
///
/// let summary = RunSummary {
///     progress: Progress { total: 2, sent: 2, ..Progress::default() },
///     recovered_unknown: 0,
///     reopened_unknown: 0,
///     stopped: None,
///     already_complete: false,
///     revision: 1,
///     senders: Vec::new(),
///     budget: None,
///     warnings: Vec::new(),
///     seeds: Vec::new(),
/// };
/// let json = serde_json::to_value(&summary).unwrap();
/// assert_eq!(json["complete"], true);
/// assert_eq!(json["sent"], 2);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(into = "SummaryJson")]
pub struct RunSummary {
    /// Counts for this run.
    pub progress: Progress,
    /// Rows found in flight from an earlier, interrupted run and marked unknown.
    pub recovered_unknown: u64,
    /// With [`RunOptions::resend_unknown`](super::RunOptions::resend_unknown): rows found in
    /// flight or unknown that were made pending again, to be sent again (instead of
    /// [`recovered_unknown`](Self::recovered_unknown)).
    pub reopened_unknown: u64,
    /// Why the run stopped before the end of the list, if it did.
    pub stopped: Option<StopReason>,
    /// Resumed a campaign that had nothing left to send: no run was started.
    pub already_complete: bool,
    /// The revision of the definition this run sent with.
    pub revision: i64,
    /// What each phone number did (one entry unless the campaign has `[[senders]]`).
    pub senders: Vec<SenderSummary>,
    /// With a daily budget ([`RunOptions::max_per_day`](super::RunOptions::max_per_day)):
    /// how the run used it, and whether it stopped the run.
    pub budget: Option<BudgetUse>,
    /// What the run warned about before sending (see
    /// [`RunOptions::warnings`](super::RunOptions::warnings)).
    pub warnings: Vec<String>,
    /// The seed sends of the campaign (`RunOptions::seed`), apart from the list's counts.
    pub seeds: Vec<super::super::journal::SeedRecord>,
}

impl RunSummary {
    /// Whether every row of the list has a final state.
    ///
    /// ```
    /// use marketing::campaign::{Progress, RunSummary, StopReason};
    ///
    /// let summary = RunSummary {
    ///     progress: Progress::default(),
    ///     recovered_unknown: 0,
    ///     reopened_unknown: 0,
    ///     stopped: Some(StopReason::local("stopped on request")),
    ///     already_complete: false,
    ///     revision: 1,
    ///     senders: Vec::new(),
    ///     budget: None,
    ///     warnings: Vec::new(),
    ///     seeds: Vec::new(),
    /// };
    /// assert!(!summary.is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        self.stopped.is_none()
    }
}

/// The JSON form of a [`RunSummary`]: flat, the stop reason as its message and code. Fields
/// in alphabetical order, so that the object reads as a `serde_json::Value` prints it.
#[derive(Serialize)]
struct SummaryJson {
    already_complete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    budget: Option<BudgetUse>,
    complete: bool,
    elapsed_seconds: f64,
    failed: u64,
    /// Only when the campaign has a holdout: the JSON of other campaigns is unchanged.
    #[serde(skip_serializing_if = "is_zero")]
    held_out: u64,
    invalid: u64,
    messages_per_second: f64,
    read: u64,
    recovered_unknown: u64,
    reopened_unknown: u64,
    revision: i64,
    senders: Vec<SenderSummary>,
    sent: u64,
    skipped: u64,
    stopped: Option<String>,
    stopped_code: Option<i64>,
    suppressed: u64,
    total: u64,
    unknown: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    seeds: Vec<super::super::journal::SeedRecord>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl From<RunSummary> for SummaryJson {
    fn from(summary: RunSummary) -> Self {
        let complete = summary.is_complete();
        let p = summary.progress;
        let (stopped, stopped_code) = StopReason::message_and_code(summary.stopped);
        Self {
            already_complete: summary.already_complete,
            budget: summary.budget,
            complete,
            elapsed_seconds: p.elapsed.as_secs_f64(),
            failed: p.failed,
            held_out: p.held_out,
            invalid: p.invalid,
            messages_per_second: p.send_rate(),
            read: p.read,
            recovered_unknown: summary.recovered_unknown,
            reopened_unknown: summary.reopened_unknown,
            revision: summary.revision,
            senders: summary.senders,
            sent: p.sent,
            skipped: p.skipped,
            stopped,
            stopped_code,
            suppressed: p.suppressed,
            total: p.total,
            unknown: p.unknown,
            warnings: summary.warnings,
            seeds: summary.seeds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::ErrorClass;

    fn summary() -> RunSummary {
        RunSummary {
            progress: Progress {
                total: 10,
                done_before: 1,
                read: 9,
                sent: 4,
                failed: 1,
                unknown: 1,
                invalid: 1,
                skipped: 1,
                suppressed: 1,
                held_out: 0,
                retrying: 3,
                in_flight: 2,
                elsewhere: 5,
                bytes_read: 100,
                bytes_total: 200,
                elapsed: Duration::from_millis(2500),
                rate_limit: 7.0,
                starts_at_ms: None,
                ..Progress::default()
            },
            recovered_unknown: 2,
            reopened_unknown: 0,
            stopped: Some(StopReason {
                class: Some(ErrorClass::TemplateUnusable),
                code: Some(132001),
                message: "template missing".into(),
            }),
            already_complete: false,
            revision: 3,
            senders: vec![
                SenderSummary {
                    phone_number_id: "106540352242920".into(),
                    sent: 4,
                    stopped: None,
                },
                SenderSummary {
                    phone_number_id: "106540352242921".into(),
                    sent: 0,
                    stopped: Some(StopReason::local("number stopped")),
                },
            ],
            budget: None,
            warnings: Vec::new(),
            seeds: Vec::new(),
        }
    }

    /// The summary's JSON, pinned byte for byte: a change here changes what scripts read. The
    /// CLI's `--json` adds the report's keys to this object and checks the result against the
    /// object it once spelled out key by key (`wamm`'s `commands::campaign::summary` tests).
    #[test]
    fn the_summary_serializes_to_the_pinned_json() {
        let summary = summary();
        assert_eq!(
            serde_json::to_string(&summary).unwrap(),
            r#"{"already_complete":false,"complete":false,"elapsed_seconds":2.5,"failed":1,"invalid":1,"messages_per_second":1.6,"read":9,"recovered_unknown":2,"reopened_unknown":0,"revision":3,"senders":[{"phone_number_id":"106540352242920","sent":4,"stopped":null,"stopped_code":null},{"phone_number_id":"106540352242921","sent":0,"stopped":"number stopped","stopped_code":null}],"sent":4,"skipped":1,"stopped":"template missing","stopped_code":132001,"suppressed":1,"total":10,"unknown":1}"#
        );
    }
}
