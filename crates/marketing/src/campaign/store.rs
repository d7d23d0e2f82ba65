//! What the runner needs from a journal, as a trait: the SQLite [`Journal`] is the store
//! every run uses; [`Unjournalled`] records nothing and exists so that `cargo xtask bench` can
//! measure what the journal costs against no journal at all.

use super::CampaignError;
use super::journal::{Candidate, Journal, Op, Reservation, State};

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
        Journal::finish_run(self, run, sent, outcome)
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
