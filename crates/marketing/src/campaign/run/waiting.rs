//! Rows outside their send window, held until it opens while the run sends the others.
//!
//! A waiting row is never committed: the journal does not know it yet, so a stop (Ctrl-C,
//! `kill -9`, a power cut) leaves it where a resume reads it again from the list, and it is
//! sent once, when its window is open. What this costs: the rows wait in memory (their
//! values, not their messages), so a list mostly outside its window is held in memory until
//! the windows open.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::super::definition::{CampaignDefinition, RecipientKind};
use super::super::journal::Op;
use super::super::recipients::Row;
use super::super::timezone::{TIMEZONE_COLUMN, ZoneFinder, ZoneRoutes};
use super::super::window::{SendWindow, window_clock};
use super::Progress;

/// The line of the earliest entry of `queue` that is due by `now`, taken off it; `None` while
/// none is. Entries are `(due, sequence, line)`: the sequence keeps entries due at once in
/// the order they came. The feeder's retries and the rows held for their window share it.
pub(super) fn pop_due<T: Ord>(
    queue: &mut BinaryHeap<Reverse<(T, u64, u64)>>,
    now: T,
) -> Option<u64> {
    if queue.peek().is_some_and(|Reverse((due, _, _))| *due <= now) {
        queue.pop().map(|Reverse((_, _, line))| line)
    } else {
        None
    }
}

/// The rows a run holds for their window.
pub(super) struct Waiting {
    window: SendWindow,
    finder: ZoneFinder,
    recipient_column: String,
    phone: bool,
    /// (opens at, ms; arrival order; line), earliest first.
    queue: BinaryHeap<Reverse<(i64, u64, u64)>>,
    rows: HashMap<u64, (Row, TimeZone)>,
    seq: u64,
    /// Rows newly held, with their zone's name, for the journal (the report counts them).
    held: Vec<(u64, String)>,
    /// How rows found their zone, this run.
    pub(super) routes: ZoneRoutes,
}

impl Waiting {
    /// The campaign's windows, when it has a `send_window`.
    pub(super) fn of(definition: &CampaignDefinition) -> Option<Self> {
        Some(Self {
            window: SendWindow::of(definition)?,
            finder: ZoneFinder::new(definition.default_timezone.as_deref()),
            recipient_column: definition.recipient_column.clone(),
            phone: definition.recipient_kind == RecipientKind::Phone,
            queue: BinaryHeap::new(),
            rows: HashMap::new(),
            seq: 0,
            held: Vec::new(),
            routes: ZoneRoutes::default(),
        })
    }

    /// Of `rows`, those whose window is open now; the others are held (a row with no zone
    /// is recorded invalid, its op pushed to `ops`).
    pub(super) fn sort(
        &mut self,
        rows: Vec<Row>,
        counts: &mut Progress,
        ops: &mut Vec<Op>,
    ) -> Vec<Row> {
        let now = window_clock();
        let mut open = Vec::with_capacity(rows.len());
        for row in rows {
            let phone = if self.phone {
                row.get(&self.recipient_column)
            } else {
                None
            };
            match self.finder.find(row.get(TIMEZONE_COLUMN), phone) {
                Err(reason) => {
                    self.routes.count(None);
                    counts.invalid += 1;
                    ops.push(Op::Invalid {
                        line: row.line,
                        reason,
                    });
                }
                Ok((name, zone, route)) => {
                    self.routes.count(Some(route));
                    match self.window.next_open(&zone, now) {
                        Some(at) if at == now => open.push(row),
                        at => {
                            self.held.push((row.line, name));
                            self.hold(row, zone, at);
                        }
                    }
                }
            }
        }
        self.publish(counts);
        open
    }

    /// The name of `row`'s time zone (counted in the routes), or why it has none: for rows
    /// loaded into a shared store, whose claims judge the window in the database.
    pub(super) fn zone_name(&mut self, row: &Row, counts: &mut Progress) -> Result<String, String> {
        let phone = if self.phone {
            row.get(&self.recipient_column)
        } else {
            None
        };
        let found = self.finder.find(row.get(TIMEZONE_COLUMN), phone);
        self.routes.count(found.as_ref().ok().map(|f| f.2));
        counts.zone_routes = self.routes;
        found.map(|(name, _, _)| name)
    }

    fn hold(&mut self, row: Row, zone: TimeZone, at: Option<Timestamp>) {
        // A zone whose rules never open the window (cannot happen with a day in it) is
        // looked at again in a day.
        let at = at.map_or_else(
            || window_clock().as_millisecond() + 86_400_000,
            |t| t.as_millisecond(),
        );
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, row.line)));
        self.rows.insert(row.line, (row, zone));
    }

    /// Up to `wanted` held rows whose window has opened (each checked again now: a row
    /// whose window closed while it waited for room waits for the next opening).
    pub(super) fn take_due(&mut self, wanted: usize, counts: &mut Progress) -> Vec<Row> {
        if self.queue.is_empty() {
            // Nothing held (always so with claims, whose count the claim itself gives).
            return Vec::new();
        }
        let now = window_clock();
        let now_ms = now.as_millisecond();
        let mut due = Vec::new();
        while due.len() < wanted {
            let Some(line) = pop_due(&mut self.queue, now_ms) else {
                break;
            };
            let Some((row, zone)) = self.rows.remove(&line) else {
                continue;
            };
            match self.window.next_open(&zone, now) {
                Some(at) if at == now => due.push(row),
                at => self.hold(row, zone, at),
            }
        }
        self.publish(counts);
        due
    }

    /// The rows held since last asked, with their zone's name, to record in the journal.
    pub(super) fn take_held(&mut self) -> Vec<(u64, String)> {
        std::mem::take(&mut self.held)
    }

    /// Whether rows wait.
    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// When the earliest held row's window opens (ms since the epoch, on the window clock).
    /// The hook for a run that must end by a time: when only waiting rows remain and this
    /// is after its end, it stops, resumable, instead of sleeping.
    pub(super) fn next_opening_ms(&self) -> Option<i64> {
        self.queue.peek().map(|Reverse((at, _, _))| *at)
    }

    fn publish(&self, counts: &mut Progress) {
        counts.waiting = self.rows.len() as u64;
        counts.next_opening_ms = self.next_opening_ms();
        counts.zone_routes = self.routes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only entries due by now come off, earliest first, and those due at once in the order
    /// they came.
    #[test]
    fn entries_come_off_when_due_in_order() {
        let mut queue = BinaryHeap::new();
        for (due, seq, line) in [(30, 1, 7), (10, 2, 8), (10, 3, 9)] {
            queue.push(Reverse((due, seq, line)));
        }
        assert_eq!(pop_due(&mut queue, 5), None);
        assert_eq!(pop_due(&mut queue, 10), Some(8));
        assert_eq!(pop_due(&mut queue, 10), Some(9));
        assert_eq!(pop_due(&mut queue, 29), None);
        assert_eq!(pop_due(&mut queue, 30), Some(7));
        assert_eq!(pop_due(&mut queue, i64::MAX), None);
    }
}
