//! Where a run's rows come from. One process reads the list itself and reserves its rows by
//! line ([`RowSource::List`]); workers sharing a campaign in PostgreSQL claim rows of the
//! list loaded into the database ([`RowSource::Claims`]), and the process that has the list
//! loads it there as it goes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::super::CampaignError;
use super::super::JournalFailure;
use super::super::halt::{Halt, StopReason};
use super::super::journal::{Candidate, LoadRow, Op, State};
use super::super::journal::{JournalStore, Workers};
use super::super::lease::LeaseFence;
use super::super::recipients::{RecipientReader, Row};
use super::Progress;
use super::admit::{Admission, Prepared};
use super::dispatch::Work;
use super::feeder::Feeder;
use super::list::CountedList;

/// Rows loaded into the store per transaction.
const LOAD_BATCH: usize = 1000;
/// How long a worker that found nothing to claim waits before it asks again.
const CLAIM_IDLE: Duration = Duration::from_millis(100);
/// How often a worker that has nothing left to claim, while other workers still hold rows,
/// looks again (and checks whether they are alive).
pub(super) const WAIT_FOR_OTHERS: Duration = Duration::from_millis(500);

/// Where a run's rows come from.
pub(super) enum RowSource {
    /// The list, read row by row by this process alone; rows are reserved by line.
    List(CountedList),
    /// Rows claimed from a list loaded into a shared store, by any number of workers.
    Claims(Claims),
}

/// A worker's side of the shared list.
pub(super) struct Claims {
    /// This process's list, when it has one (a worker that joins without it has none).
    list: Option<CountedList>,
    /// This process still loads its list into the store.
    loading: bool,
    /// The list is in the store up to this line.
    loaded_through: u64,
    /// Rows claimed (so already in flight) and prepared, to hand to the senders.
    ready: Vec<Work>,
    /// Nothing was claimable; claim again from then.
    idle_until: Option<Instant>,
}

impl RowSource {
    /// The source `journal` calls for: claims when it has workers (taking the loader's role
    /// when this process has the list and the store does not hold all of it yet), the list
    /// otherwise. `rows` is the count of the list made before sending.
    pub(super) fn new(
        journal: &mut dyn JournalStore,
        list: Option<RecipientReader>,
        rows: u64,
    ) -> Result<Self, CampaignError> {
        if let Some(workers) = journal.workers() {
            let (loaded_through, loaded) = workers.loaded()?;
            if !loaded && list.is_some() {
                workers.start_loading()?;
            }
            let list = list.map(|reader| CountedList::new(reader, rows));
            return Ok(Self::Claims(Claims {
                list,
                loading: !loaded,
                loaded_through,
                ready: Vec::new(),
                idle_until: None,
            }));
        }
        match list {
            Some(reader) => Ok(Self::List(CountedList::new(reader, rows))),
            // `work` opens only journals with workers; `run` and `resume` always have a list.
            None => Err(CampaignError::journal(
                "a run without its list",
                JournalFailure::Unusable(
                    "it needs a journal shared by workers (PostgreSQL)".into(),
                ),
            )),
        }
    }

    /// Whether rows come from claims (so this worker holds them under a lease).
    pub(super) fn is_claims(&self) -> bool {
        matches!(self, Self::Claims(_))
    }

    /// The list's size in bytes (0 without the list).
    pub(super) fn size(&self) -> u64 {
        match self {
            Self::List(list) => list.size(),
            Self::Claims(claims) => claims.list.as_ref().map_or(0, CountedList::size),
        }
    }

    /// Whether a claim found nothing and the next one waits a while.
    pub(super) fn idle(&self) -> bool {
        match self {
            Self::List(_) => false,
            Self::Claims(claims) => claims.idle_until.is_some_and(|t| Instant::now() < t),
        }
    }

    /// Whether claimed rows wait to be handed to the senders.
    pub(super) fn has_ready(&self) -> bool {
        match self {
            Self::List(_) => false,
            Self::Claims(claims) => !claims.ready.is_empty(),
        }
    }

    /// The claimed rows waiting to be handed to the senders (in flight already: the claim
    /// committed them).
    pub(super) fn take_ready(&mut self) -> Vec<Work> {
        match self {
            Self::List(_) => Vec::new(),
            Self::Claims(claims) => std::mem::take(&mut claims.ready),
        }
    }
}

impl Claims {
    /// Loads the next rows of this process's list into the store (rows already there are
    /// skipped), each with its recipient's canonical address, or as invalid. Returns whether
    /// the list could not be read on.
    fn load_some(
        &mut self,
        journal: &mut dyn JournalStore,
        admission: &mut Admission,
        counts: &mut Progress,
        halt: &Halt,
        mut waiting: Option<&mut super::waiting::Waiting>,
    ) -> Result<bool, CampaignError> {
        let Some(list) = self.list.as_mut() else {
            self.loading = false;
            return Ok(false);
        };
        let mut rows = Vec::new();
        let mut last = self.loaded_through;
        let read = list.next_rows(LOAD_BATCH);
        if let Some(stop) = read.stop {
            halt.set(stop);
        }
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
                    let prepared = admission.prepare(&row);
                    if let Ok(Prepared::HeldOut { line, .. }) = &prepared {
                        rows.push(LoadRow::HeldOut { line: *line });
                        continue;
                    }
                    // With a send window, each row is loaded with its zone (a row with none
                    // is invalid), so that claims judge its window in the database.
                    let zone = match waiting.as_deref_mut() {
                        Some(w) => w.zone_name(&row, counts).map(Some),
                        None => Ok(None),
                    };
                    rows.push(match (prepared, zone) {
                        (Err(reason), _) | (_, Err(reason)) => LoadRow::Invalid {
                            line: row.line,
                            reason,
                        },
                        (Ok(prepared), Ok(timezone)) => LoadRow::Pending {
                            line: row.line,
                            key: prepared.key().to_string(),
                            fields: serde_json::to_string(row.values())
                                .map_err(|e| CampaignError::Input(e.to_string()))?,
                            timezone,
                        },
                    });
                }
            }
        }
        counts.bytes_read = list.position();
        if !rows.is_empty() || done {
            // What loading settles is this run's work, as the reader's rows are without claims.
            let invalid = rows
                .iter()
                .filter(|r| matches!(r, LoadRow::Invalid { .. }))
                .count() as u64;
            let held_out = rows
                .iter()
                .filter(|r| matches!(r, LoadRow::HeldOut { .. }))
                .count() as u64;
            counts.skipped += workers(journal)?.load(&rows, last, done)?;
            counts.invalid += invalid;
            counts.held_out += held_out;
        }
        self.loaded_through = last;
        Ok(read.unreadable)
    }
}

impl Feeder {
    /// New rows from the source: up to `wanted` read from the list as candidates to reserve
    /// (pushed to `out`), or claimed from the store (kept ready to hand over).
    pub(super) fn collect_rows(
        &mut self,
        wanted: usize,
        out: &mut Vec<(Candidate, Work)>,
    ) -> Result<(), CampaignError> {
        match self.source {
            RowSource::List(_) => {
                if self.exhausted || wanted == 0 {
                    return Ok(());
                }
                self.read_rows(wanted, out)
            }
            RowSource::Claims(_) => self.collect_claims(wanted),
        }
    }

    /// Reads up to `wanted` rows of the list, skips rows an earlier run finished, and makes
    /// candidates of the rest (one process, rows reserved by line).
    fn read_rows(
        &mut self,
        wanted: usize,
        out: &mut Vec<(Candidate, Work)>,
    ) -> Result<(), CampaignError> {
        let RowSource::List(list) = &mut self.source else {
            return Ok(());
        };
        let read = list.next_rows(wanted);
        self.counts.bytes_read = list.position();
        if read.ended {
            self.exhausted = true;
        }
        if let Some(stop) = read.stop {
            self.shared.halt.set(stop);
        }
        let rows = read.rows;
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
        // Rows outside their send window wait; the others go on now.
        let to_send = match self.waiting.as_mut() {
            Some(waiting) => waiting.sort(to_send, &mut self.counts, &mut self.ops),
            None => to_send,
        };
        let admitted = self
            .admission
            .admit(&to_send, &mut self.counts, &mut self.ops)?;
        self.admission.record_arms(self.journal.as_mut())?;
        for (work, key) in admitted {
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

    /// Loads more of the list if this process has it, then claims up to `wanted` pending
    /// rows (recording the ops in the same transaction) and prepares them.
    fn collect_claims(&mut self, wanted: usize) -> Result<(), CampaignError> {
        let RowSource::Claims(claims) = &mut self.source else {
            return Ok(());
        };
        if claims.loading {
            let unreadable = claims.load_some(
                self.journal.as_mut(),
                &mut self.admission,
                &mut self.counts,
                &self.shared.halt,
                self.waiting.as_mut(),
            )?;
            if unreadable {
                self.exhausted = true;
            }
        }
        if wanted == 0 || self.exhausted {
            return Ok(());
        }
        if claims.idle_until.is_some_and(|t| Instant::now() < t) {
            return Ok(());
        }
        let asked = LeaseFence::now();
        let claim = workers(self.journal.as_mut())?.claim(&self.ops, wanted)?;
        self.ops.clear();
        self.last_commit = Instant::now();
        // A claim renews this worker's lease but does not recover what dead workers left in
        // flight: the heartbeat does, on its own clock, however busy this worker is.
        if claim.lease_lost {
            self.lease_lost();
            return Ok(());
        }
        if let Some(fence) = &self.shared.fence {
            fence.renewed(asked);
        }
        self.counts.elsewhere = 0;
        self.counts.waiting = claim.waiting;
        if claim.rows.is_empty() {
            if claim.loaded && !claims.loading {
                // Rows in flight here are this worker's own; the rest are another's, or
                // pending rows another claim holds for the moment. Done only when none is
                // left: until then wait (a dead worker's rows are recovered by the
                // heartbeat, and pending ones claimed here).
                let others = claim.open.saturating_sub(self.in_flight);
                if others == 0 {
                    self.exhausted = true;
                } else {
                    // Rows outside their window are waited for too, but are not elsewhere.
                    self.counts.elsewhere = others.saturating_sub(claim.waiting);
                    claims.idle_until = Some(Instant::now() + WAIT_FOR_OTHERS);
                }
            } else if !claim.loaded && !claim.loading && !claims.loading {
                // Waiting would be forever: the process loading the list is gone. What it
                // (or any other gone worker) left in flight is recorded unknown first, as
                // the heartbeat would on its next beat: once the live workers have stopped,
                // no row is left in flight, and their summaries count those rows.
                let recovered = self.journal.recover_in_flight(false)?;
                if recovered > 0 {
                    tracing::info!(
                        recovered,
                        "rows in flight at workers that are gone recorded as unknown"
                    );
                }
                self.exhausted = true;
                self.shared.halt.set(StopReason::local(
                    "the list is not all loaded into the database and no process is loading it (the one that was stopped): resume the campaign where the list is, and it loads the rest",
                ));
            } else {
                claims.idle_until = Some(Instant::now() + CLAIM_IDLE);
            }
            return Ok(());
        }
        claims.idle_until = None;
        self.counts.read += claim.rows.len() as u64;
        let attempts: HashMap<u64, u32> = claim.rows.iter().map(|c| (c.line, c.attempts)).collect();
        let rows: Vec<Row> = claim
            .rows
            .into_iter()
            .map(|c| Row::new(c.line, c.values))
            .collect();
        let admitted = self
            .admission
            .admit(&rows, &mut self.counts, &mut self.ops)?;
        self.admission.record_arms(self.journal.as_mut())?;
        for (mut work, _) in admitted {
            work.attempts = attempts.get(&work.line).copied().unwrap_or(0);
            claims.ready.push(work);
        }
        Ok(())
    }
}

/// The workers' operations of the journal rows are claimed from: there are some, as a
/// [`RowSource::Claims`] is made only for a journal that has them.
pub(super) fn workers(journal: &mut dyn JournalStore) -> Result<&mut dyn Workers, CampaignError> {
    journal.workers().ok_or_else(|| {
        CampaignError::journal(
            "claims",
            JournalFailure::Unusable(
                "rows are claimed only from a journal shared by workers".into(),
            ),
        )
    })
}
