//! A daily budget ([`RunOptions::max_per_day`](super::RunOptions::max_per_day)): a run sends
//! at most N messages in any rolling 24 hours, counting what the campaign's earlier runs sent,
//! then stops with everyone not yet sent left pending for `resume`.
//!
//! What counts is the journal's own record of its runs: a run that finished within the last
//! 24 hours counts with every message it sent (as if all were sent when it finished, which
//! over-counts, never under-counts); a run that never recorded its end (killed) and started
//! within the last 24 hours counts with the sent rows no finished run accounts for. Within
//! the run, every row handed to the senders counts, whether Meta then accepts it or not, so
//! the run sends at most what is left of the budget.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use super::super::CampaignError;
use super::super::halt::StopReason;
use super::super::journal::{JournalStore, State};

/// The window the budget covers.
pub(crate) const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Where a run's daily budget stands; shared by the feeder (which spends it) and the
/// summary.
#[derive(Debug)]
pub(super) struct Budget {
    limit: u64,
    /// Sent within the last 24 hours before this run, by the journal's record.
    before: u64,
    /// When the oldest of `before` leaves the window (Unix ms); `None` when `before` is 0.
    oldest_leaves_ms: Option<i64>,
    /// Rows this run handed to the senders.
    spent: AtomicU64,
    /// The stop, once the budget ran out.
    reached: Mutex<Option<StopReason>>,
}

impl Budget {
    /// A budget of `limit` messages, less what the journal says was sent in the 24 hours
    /// before `now_ms`.
    pub(super) fn from_journal(
        limit: u64,
        journal: &dyn JournalStore,
        now_ms: i64,
    ) -> Result<Self, CampaignError> {
        let runs = journal.runs()?;
        let since = now_ms - DAY_MS;
        let mut before = 0u64;
        let mut oldest: Option<i64> = None;
        let mut finished_sent = 0u64;
        let mut killed_recent: Option<i64> = None;
        for run in &runs {
            match run.finished_ms {
                Some(end) => {
                    finished_sent += run.sent;
                    if end >= since && run.sent > 0 {
                        before += run.sent;
                        oldest = Some(oldest.map_or(end, |o| o.min(end)));
                    }
                }
                None if run.started_ms >= since => {
                    killed_recent =
                        Some(killed_recent.map_or(run.started_ms, |k| k.min(run.started_ms)));
                }
                None => {}
            }
        }
        if let Some(started) = killed_recent {
            let sent_rows: u64 = journal
                .tally()?
                .counts()
                .into_iter()
                .filter(|(state, _)| *state == State::Sent)
                .map(|(_, n)| n)
                .sum();
            let unaccounted = sent_rows.saturating_sub(finished_sent);
            if unaccounted > 0 {
                before += unaccounted;
                oldest = Some(oldest.map_or(started, |o| o.min(started)));
            }
        }
        Ok(Self {
            limit,
            before,
            oldest_leaves_ms: oldest.map(|t| t + DAY_MS),
            spent: AtomicU64::new(0),
            reached: Mutex::new(None),
        })
    }

    /// How many more rows this run may hand to the senders.
    pub(super) fn room(&self) -> u64 {
        self.limit
            .saturating_sub(self.before)
            .saturating_sub(self.spent.load(Ordering::Acquire))
    }

    /// Counts `rows` handed to the senders.
    pub(super) fn spend(&self, rows: u64) {
        self.spent.fetch_add(rows, Ordering::AcqRel);
    }

    /// The stop once the budget is spent, recorded as the budget's (`now_ms` is when).
    pub(super) fn reached(&self, now_ms: i64) -> StopReason {
        let resume = self.resume_after_ms(now_ms);
        let reason = StopReason::local(format!(
            "the daily budget of {} messages is spent ({} sent in the 24 hours before this run, {} in it); everyone not yet sent is pending: resume after {} to send more",
            self.limit,
            self.before,
            self.spent.load(Ordering::Acquire),
            utc(resume)
        ));
        if let Ok(mut reached) = self.reached.lock()
            && reached.is_none()
        {
            *reached = Some(reason.clone());
        }
        reason
    }

    /// When the budget has room again: when the oldest messages counted leave the 24 hours
    /// (this run's as of `now_ms`).
    fn resume_after_ms(&self, now_ms: i64) -> i64 {
        let this_run = if self.spent.load(Ordering::Acquire) > 0 || self.before == 0 {
            Some(now_ms + DAY_MS)
        } else {
            None
        };
        match (self.oldest_leaves_ms, this_run) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => now_ms + DAY_MS,
        }
    }

    /// What the summary says about the budget; `stopped` is the run's stop.
    pub(super) fn usage(&self, stopped: Option<&StopReason>) -> BudgetUse {
        let reached = self.reached.lock().ok().and_then(|r| r.clone());
        let stopped_by_it = matches!((stopped, &reached), (Some(s), Some(r)) if s == r);
        BudgetUse {
            max_per_day: self.limit,
            sent_before: self.before,
            handed_over: self.spent.load(Ordering::Acquire),
            reached: stopped_by_it,
            resume_after_ms: if stopped_by_it {
                Some(self.resume_after_ms(crate::now_ms()))
            } else {
                None
            },
        }
    }
}

/// How a run used its daily budget ([`RunSummary::budget`](super::RunSummary::budget)).
///
/// ```
/// use marketing::campaign::BudgetUse;
///
/// let usage = BudgetUse { max_per_day: 100, sent_before: 60, handed_over: 40, reached: true,
///                         resume_after_ms: Some(1_765_152_000_000) };
/// assert_eq!(serde_json::to_value(&usage).unwrap()["resume_after"], "2025-12-08T00:00:00Z");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetUse {
    /// The budget: messages per rolling 24 hours.
    pub max_per_day: u64,
    /// What the journal says was sent in the 24 hours before this run.
    pub sent_before: u64,
    /// Rows this run handed to the senders (sent, refused or unknown).
    pub handed_over: u64,
    /// Whether the run stopped because the budget was spent.
    pub reached: bool,
    /// When a resume may send again (Unix ms), when the budget stopped the run.
    pub resume_after_ms: Option<i64>,
}

impl BudgetUse {
    /// [`resume_after_ms`](Self::resume_after_ms) as an RFC 3339 time in UTC.
    pub fn resume_after(&self) -> Option<String> {
        self.resume_after_ms.map(utc)
    }
}

impl Serialize for BudgetUse {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("BudgetUse", 5)?;
        s.serialize_field("handed_over", &self.handed_over)?;
        s.serialize_field("max_per_day", &self.max_per_day)?;
        s.serialize_field("reached", &self.reached)?;
        s.serialize_field("resume_after", &self.resume_after())?;
        s.serialize_field("sent_before", &self.sent_before)?;
        s.end()
    }
}

/// Unix ms as an RFC 3339 time in UTC, to the second (the milliseconds as they are, out of
/// the calendar's range).
pub(crate) fn utc(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(
        |_| ms.to_string(),
        |t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_796_601_600_000 + 3_723_000), "2026-12-07T01:02:03Z");
        assert_eq!(utc(1_999), "1970-01-01T00:00:01Z");
        assert_eq!(utc(-1), "1969-12-31T23:59:59Z");
    }
}
