//! What the runner needs from a journal, as a trait: the SQLite [`Journal`] is the store
//! every run uses; [`Unjournalled`] records nothing and exists so that `cargo xtask bench` can
//! measure what the journal costs against no journal at all.

use super::CampaignError;
use super::journal::{Candidate, Claim, Journal, LoadRow, Op, Reservation, SharedSchedule, State};

/// The journal operations a run makes, in the order it makes them.
pub(crate) trait Store: Send {
    /// Rows left in flight by an interrupted run become unknown (or pending, with `resend`).
    fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError>;
    /// The revision of the definition rows reserved now are sent with.
    fn revision(&self) -> i64;
    /// Rows with a final state.
    fn final_rows(&self) -> Result<u64, CampaignError>;
    /// Starts a run, with the template its message was checked against; returns its ID.
    fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError>;
    /// Ends a run with its outcome.
    fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError>;
    /// Records `ops`, then reserves `candidates`, durably, in one transaction.
    fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError>;
    /// The states of lines `from..=to` already recorded.
    fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError>;

    /// Whether rows come from claims on a list loaded into the store (many workers), rather
    /// than from reading the list and reserving its rows by line (one process).
    fn claims(&self) -> bool {
        false
    }
    /// Joins the campaign as one of its workers (stores with claims).
    fn join(&mut self) -> Result<(), CampaignError> {
        Ok(())
    }
    /// Takes the loader's role (this process has the list and loads the rest of it).
    fn start_loading(&mut self) -> Result<(), CampaignError> {
        Ok(())
    }
    /// How far the list is loaded: the last line, and whether all of it.
    fn loaded(&self) -> Result<(u64, bool), CampaignError> {
        Ok((0, false))
    }
    /// Loads rows of the list into the store; returns how many were skipped as duplicates.
    fn load(
        &mut self,
        _rows: &[LoadRow],
        _through: u64,
        _done: bool,
    ) -> Result<u64, CampaignError> {
        Err(CampaignError::Journal(
            "this journal does not hold the list".into(),
        ))
    }
    /// Records `ops` and claims up to `n` pending rows for this worker.
    fn claim(&mut self, _ops: &[Op], _n: usize) -> Result<Claim, CampaignError> {
        Err(CampaignError::Journal("this journal has no workers".into()))
    }
    /// Renews this worker's lease; false when it was lost.
    fn heartbeat(&mut self) -> Result<bool, CampaignError> {
        Ok(true)
    }
    /// The send schedule of `phone_number_id` shared by the workers, for stores with workers.
    fn shared_schedule(
        &self,
        _phone_number_id: &str,
    ) -> Option<Result<SharedSchedule, CampaignError>> {
        None
    }
}

impl Store for Journal {
    fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
        Journal::recover_in_flight(self, resend)
    }
    fn revision(&self) -> i64 {
        Journal::revision(self)
    }
    fn final_rows(&self) -> Result<u64, CampaignError> {
        Journal::final_rows(self)
    }
    fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
        Journal::start_run(self, template)
    }
    fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        Journal::finish_run(self, run, sent, outcome)?;
        match self {
            Journal::Postgres(j) => j.leave(outcome),
            Journal::Sqlite(_) => Ok(()),
        }
    }
    fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        Journal::commit(self, ops, candidates)
    }
    fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        Journal::states_between(self, from, to)
    }
    fn claims(&self) -> bool {
        matches!(self, Journal::Postgres(_))
    }
    fn join(&mut self) -> Result<(), CampaignError> {
        match self {
            Journal::Postgres(j) => j.join().map(|_| ()),
            Journal::Sqlite(_) => Ok(()),
        }
    }
    fn start_loading(&mut self) -> Result<(), CampaignError> {
        match self {
            Journal::Postgres(j) => j.start_loading(),
            Journal::Sqlite(_) => Ok(()),
        }
    }
    fn loaded(&self) -> Result<(u64, bool), CampaignError> {
        match self {
            Journal::Postgres(j) => j.loaded(),
            Journal::Sqlite(_) => Ok((0, false)),
        }
    }
    fn load(&mut self, rows: &[LoadRow], through: u64, done: bool) -> Result<u64, CampaignError> {
        match self {
            Journal::Postgres(j) => j.load(rows, through, done),
            Journal::Sqlite(_) => Err(CampaignError::Journal(
                "an SQLite journal does not hold the list".into(),
            )),
        }
    }
    fn claim(&mut self, ops: &[Op], n: usize) -> Result<Claim, CampaignError> {
        match self {
            Journal::Postgres(j) => j.claim(ops, n),
            Journal::Sqlite(_) => Err(CampaignError::Journal(
                "an SQLite journal has no workers".into(),
            )),
        }
    }
    fn heartbeat(&mut self) -> Result<bool, CampaignError> {
        match self {
            Journal::Postgres(j) => j.heartbeat(),
            Journal::Sqlite(_) => Ok(true),
        }
    }
    fn shared_schedule(
        &self,
        phone_number_id: &str,
    ) -> Option<Result<SharedSchedule, CampaignError>> {
        match self {
            Journal::Postgres(j) => Some(j.shared_schedule(phone_number_id)),
            Journal::Sqlite(_) => None,
        }
    }
}

/// Records nothing: every candidate is sent, none is a duplicate, nothing survives the
/// process. Only for measuring the journal's cost (`wamm campaign run --no-journal`, which
/// only `cargo xtask bench` uses); a campaign run this way is neither resumable nor
/// exactly-once.
#[derive(Debug, Default)]
pub(crate) struct Unjournalled;

impl Store for Unjournalled {
    fn recover_in_flight(&mut self, _resend: bool) -> Result<u64, CampaignError> {
        Ok(0)
    }
    fn revision(&self) -> i64 {
        1
    }
    fn final_rows(&self) -> Result<u64, CampaignError> {
        Ok(0)
    }
    fn start_run(&mut self, _template: Option<&str>) -> Result<i64, CampaignError> {
        Ok(1)
    }
    fn finish_run(&mut self, _run: i64, _sent: u64, _outcome: &str) -> Result<(), CampaignError> {
        Ok(())
    }
    fn commit(
        &mut self,
        _ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        Ok(candidates
            .iter()
            .map(|_| Reservation::Send { attempts: 0 })
            .collect())
    }
    fn states_between(&self, _from: u64, _to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        Ok(Vec::new())
    }
}
