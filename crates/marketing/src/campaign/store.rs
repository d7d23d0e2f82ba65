//! A bridge for the runner while it moves to `campaign/run/`: the operations a run makes, over
//! any [`JournalStore`]. It goes once the run calls the store (and its [`Workers`]) directly.

use super::CampaignError;
use super::journal::{
    Candidate, Claim, Journal, JournalStore, LoadRow, Op, Reservation, SharedSchedule, State,
};

pub(crate) use super::journal::Unjournalled;

/// The journal operations a run makes (see [`JournalStore`] and [`Workers`] for each).
///
/// [`Workers`]: super::journal::Workers
pub(crate) trait Store: Send {
    fn store(&mut self) -> &mut dyn JournalStore;
    fn store_ref(&self) -> &dyn JournalStore;

    fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
        self.store().recover_in_flight(resend)
    }
    fn revision(&self) -> i64 {
        self.store_ref().revision()
    }
    fn final_rows(&self) -> Result<u64, CampaignError> {
        self.store_ref().final_rows()
    }
    fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
        self.store().start_run(template)
    }
    fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        self.store().finish_run(run, sent, outcome)?;
        match self.store().workers() {
            Some(workers) => workers.leave(outcome),
            None => Ok(()),
        }
    }
    fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        self.store().commit(ops, candidates)
    }
    fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        self.store_ref().states_between(from, to)
    }
    fn claims(&mut self) -> bool {
        self.store().workers().is_some()
    }
    fn join(&mut self) -> Result<(), CampaignError> {
        match self.store().workers() {
            Some(workers) => workers.join().map(|_| ()),
            None => Ok(()),
        }
    }
    fn start_loading(&mut self) -> Result<(), CampaignError> {
        match self.store().workers() {
            Some(workers) => workers.start_loading(),
            None => Ok(()),
        }
    }
    fn loaded(&mut self) -> Result<(u64, bool), CampaignError> {
        match self.store().workers() {
            Some(workers) => workers.loaded(),
            None => Ok((0, false)),
        }
    }
    fn load(&mut self, rows: &[LoadRow], through: u64, done: bool) -> Result<u64, CampaignError> {
        self.store()
            .workers()
            .expect("only a store with workers is asked to load")
            .load(rows, through, done)
    }
    fn claim(&mut self, ops: &[Op], n: usize) -> Result<Claim, CampaignError> {
        self.store()
            .workers()
            .expect("only a store with workers is asked for claims")
            .claim(ops, n)
    }
    fn heartbeat(&mut self) -> Result<bool, CampaignError> {
        match self.store().workers() {
            Some(workers) => workers.heartbeat(),
            None => Ok(true),
        }
    }
    fn shared_schedule(
        &mut self,
        phone_number_id: &str,
    ) -> Option<Result<SharedSchedule, CampaignError>> {
        self.store()
            .workers()
            .map(|workers| workers.shared_schedule(phone_number_id))
    }
}

impl Store for Journal {
    fn store(&mut self) -> &mut dyn JournalStore {
        &mut **self
    }
    fn store_ref(&self) -> &dyn JournalStore {
        &**self
    }
}

impl Store for Unjournalled {
    fn store(&mut self) -> &mut dyn JournalStore {
        self
    }
    fn store_ref(&self) -> &dyn JournalStore {
        self
    }
}
