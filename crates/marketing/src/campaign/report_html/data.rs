//! What the page shows, gathered: the report every other form shows, plus the outcomes over
//! time (counted in the journal's database) and, with an event store, when sent messages were
//! delivered and read and how many recipients have opted out since.

use std::collections::BTreeMap;
use std::path::Path;

use super::super::CampaignError;
use super::super::journal::{Journal, State};
use super::super::report::Report;

/// The most points a chart over time has: the step is the smallest that keeps under it.
pub const MAX_POINTS: usize = 240;

/// The steps a chart over time may use, smallest first, with their name.
const STEPS: [(i64, &str); 13] = [
    (1_000, "second"),
    (5_000, "5 seconds"),
    (15_000, "15 seconds"),
    (30_000, "30 seconds"),
    (60_000, "minute"),
    (5 * 60_000, "5 minutes"),
    (15 * 60_000, "15 minutes"),
    (3_600_000, "hour"),
    (6 * 3_600_000, "6 hours"),
    (86_400_000, "day"),
    (7 * 86_400_000, "week"),
    (30 * 86_400_000, "30 days"),
    (365 * 86_400_000, "365 days"),
];

/// The step that shows `span_ms` in at most [`MAX_POINTS`] points, and its name.
pub(crate) fn step_for(span_ms: i64) -> (i64, &'static str) {
    STEPS
        .iter()
        .copied()
        .find(|(step, _)| span_ms.max(0) / step < MAX_POINTS as i64)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

/// Outcomes and webhook statuses over time, in buckets of one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// The bucket width in ms.
    pub step_ms: i64,
    /// Its name: `minute`, `hour`, `day`...
    pub step_name: &'static str,
    /// One bucket per step from the first to the last, empty ones included.
    pub buckets: Vec<Bucket>,
    /// Whether the webhook series (delivered, read) are there.
    pub with_events: bool,
}

/// What happened in one step.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bucket {
    /// Its start, Unix ms.
    pub start_ms: i64,
    /// Rows whose outcome `sent` was recorded in it.
    pub sent: u64,
    /// Rows recorded `failed` in it.
    pub failed: u64,
    /// Rows recorded `unknown` in it.
    pub unknown: u64,
    /// Sent messages whose furthest webhook status is `delivered`, stamped in it.
    pub delivered: u64,
    /// Sent messages whose furthest webhook status is `read`, stamped in it.
    pub read: u64,
}

/// What the event store adds to the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFigures {
    /// Sent messages whose furthest status is `delivered`, by the second Meta stamped it (Unix
    /// ms).
    delivered: BTreeMap<i64, u64>,
    /// The same for `read`.
    read: BTreeMap<i64, u64>,
    /// Recipients sent to who are on the suppression list now (opted out since, or before).
    pub opted_out: u64,
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct HtmlData {
    /// The report `campaign report` prints, with its deliveries when an event store was given.
    pub report: Report,
    /// The journal, as shown (a PostgreSQL URL without its password).
    pub journal: String,
    /// The event store, as shown, when given.
    pub events: Option<String>,
    /// Outcomes (and webhook statuses) over time.
    pub timeline: Timeline,
    /// Recipients sent to who have opted out, when an event store was given.
    pub opted_out: Option<u64>,
    /// When the page was made (Unix ms).
    pub made_ms: i64,
}

impl HtmlData {
    /// Gathers the page's figures: `report` as loaded (with [`Report::add_deliveries`] done
    /// when `events` is given), the outcomes over time from the journal's database, and with
    /// `events` one pass over the sent rows for their webhook times and opt-outs.
    pub fn gather(
        report: Report,
        journal_path: &Path,
        events: Option<&Path>,
    ) -> Result<Self, CampaignError> {
        let journal = Journal::open_read_only(journal_path)?;
        let figures = match events {
            Some(events) => Some(event_figures(&journal, events)?),
            None => None,
        };
        let timeline = timeline(&journal, figures.as_ref())?;
        Ok(Self {
            report,
            journal: super::super::journal_label(journal_path),
            events: events.map(super::super::journal_label),
            timeline,
            opted_out: figures.map(|f| f.opted_out),
            made_ms: crate::now_ms(),
        })
    }
}

/// One pass over the sent rows: when each one's furthest status was stamped, and whether its
/// recipient is suppressed now.
fn event_figures(journal: &Journal, events: &Path) -> Result<EventFigures, CampaignError> {
    let store = crate::campaign::read_events(events)?;
    let mut figures = EventFigures::default();
    let store_error = |e: crate::webhook::StoreError| CampaignError::Input(e.to_string());
    journal.for_each_row(|row| {
        if row.state != State::Sent {
            return Ok(());
        }
        if let Some(key) = row.key.as_deref()
            && store.suppression(key).map_err(store_error)?.is_some()
        {
            figures.opted_out += 1;
        }
        let Some(wamid) = row.wamid.as_deref() else {
            return Ok(());
        };
        if let Some(delivery) = store.delivery(wamid).map_err(store_error)? {
            let Some(at) = delivery.at else {
                return Ok(());
            };
            let bucket = at.saturating_mul(1000);
            match delivery.status.as_str() {
                "delivered" => *figures.delivered.entry(bucket).or_default() += 1,
                "read" => *figures.read.entry(bucket).or_default() += 1,
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok(figures)
}

/// The outcomes over time, counted by the database in steps that keep the chart under
/// [`MAX_POINTS`], with the webhook times (when given) in the same steps.
fn timeline(journal: &Journal, events: Option<&EventFigures>) -> Result<Timeline, CampaignError> {
    let span = journal.outcome_span()?;
    let event_times = events.into_iter().flat_map(|e| {
        e.delivered
            .keys()
            .chain(e.read.keys())
            .copied()
            .collect::<Vec<_>>()
    });
    let mut first = span.map(|s| s.0);
    let mut last = span.map(|s| s.1);
    for at in event_times {
        first = Some(first.map_or(at, |f| f.min(at)));
        last = Some(last.map_or(at, |l| l.max(at)));
    }
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Timeline {
            with_events: events.is_some(),
            ..Timeline::default()
        });
    };
    let (step_ms, step_name) = step_for(last - first);
    let start = first.div_euclid(step_ms) * step_ms;
    let n = ((last - start) / step_ms + 1).clamp(1, MAX_POINTS as i64 + 1) as usize;
    let mut buckets: Vec<Bucket> = (0..n)
        .map(|i| Bucket {
            start_ms: start + i as i64 * step_ms,
            ..Bucket::default()
        })
        .collect();
    let index = |at: i64| -> usize {
        (((at.div_euclid(step_ms) * step_ms) - start) / step_ms).clamp(0, n as i64 - 1) as usize
    };
    if span.is_some() {
        for (at, state, rows) in journal.outcomes_over_time(step_ms)? {
            let bucket = &mut buckets[index(at)];
            match state {
                State::Sent => bucket.sent += rows,
                State::Failed => bucket.failed += rows,
                State::Unknown => bucket.unknown += rows,
                _ => {}
            }
        }
    }
    if let Some(events) = events {
        for (at, rows) in &events.delivered {
            buckets[index(*at)].delivered += rows;
        }
        for (at, rows) in &events.read {
            buckets[index(*at)].read += rows;
        }
    }
    Ok(Timeline {
        step_ms,
        step_name,
        buckets,
        with_events: events.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_keeps_the_points_bounded() {
        assert_eq!(step_for(0), (1_000, "second"));
        assert_eq!(step_for(-5), (1_000, "second"));
        assert_eq!(step_for(100_000).1, "second");
        assert_eq!(step_for(10 * 60_000).1, "5 seconds");
        assert_eq!(step_for(2 * 3_600_000).1, "minute");
        assert_eq!(step_for(10 * 3_600_000).1, "5 minutes");
        assert_eq!(step_for(2 * 86_400_000).1, "15 minutes");
        assert_eq!(step_for(8 * 86_400_000).1, "hour");
        assert_eq!(step_for(200 * 86_400_000).1, "day");
        assert_eq!(step_for(400 * 86_400_000).1, "week");
        for span in [0, 1, 59_999, 86_400_000, 1_000 * 86_400_000, i64::MAX / 2] {
            let (step, _) = step_for(span);
            assert!(
                span / step <= MAX_POINTS as i64 || step == STEPS[STEPS.len() - 1].0,
                "{span}"
            );
        }
    }
}
