//! The store that records nothing, for measuring what a journal costs.

use super::super::CampaignError;
use super::{
    Candidate, JournalMeta, JournalStore, Op, Reservation, Revision, RowRecord, RunRecord,
    SentRecord, State, Tally,
};

/// Records nothing: every candidate is sent, none is a duplicate, nothing survives the
/// process. Only for measuring the journal's cost (`wamm campaign run --no-journal`, which
/// only `cargo xtask bench` uses); a campaign run this way is neither resumable nor
/// exactly-once. It holds no campaign, so a run never asks it for one.
#[derive(Debug, Default)]
pub(crate) struct Unjournalled;

impl JournalStore for Unjournalled {
    fn revision(&self) -> i64 {
        1
    }
    fn revisions(&self) -> Result<Vec<Revision>, CampaignError> {
        Ok(Vec::new())
    }
    fn add_revision(
        &mut self,
        _definition: &str,
        _source: Option<&str>,
    ) -> Result<i64, CampaignError> {
        Ok(1)
    }
    fn set_recipients(
        &mut self,
        _path: &str,
        _fingerprint: &str,
        _rows: u64,
    ) -> Result<(), CampaignError> {
        Ok(())
    }
    fn meta(&self) -> Result<JournalMeta, CampaignError> {
        Err(CampaignError::Input(
            "a run without a journal keeps no campaign to read back".into(),
        ))
    }
    fn recover_in_flight(&mut self, _resend: bool) -> Result<u64, CampaignError> {
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
    fn reopen_sent(&mut self, _rows: &[(u64, String, String)]) -> Result<u64, CampaignError> {
        Ok(0)
    }
    fn states_between(&self, _from: u64, _to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        Ok(Vec::new())
    }
    fn final_rows(&self) -> Result<u64, CampaignError> {
        Ok(0)
    }
    fn is_complete(&self, _rows: u64, _resend_unknown: bool) -> Result<bool, CampaignError> {
        Ok(false)
    }
    fn tally(&self) -> Result<Tally, CampaignError> {
        Ok(Tally::default())
    }
    fn runs(&self) -> Result<Vec<RunRecord>, CampaignError> {
        Ok(Vec::new())
    }
    fn record_template(
        &mut self,
        _run: i64,
        _template: &super::super::template_link::TemplateVersion,
    ) -> Result<(), CampaignError> {
        Ok(())
    }
    fn templates(
        &self,
    ) -> Result<Vec<super::super::template_link::TemplateVersion>, CampaignError> {
        Ok(Vec::new())
    }
    fn for_each_row(
        &self,
        _each: &mut dyn FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError> {
        Ok(())
    }
    fn sent_before(&self, _before_ms: i64) -> Result<Vec<SentRecord>, CampaignError> {
        Ok(Vec::new())
    }
}
