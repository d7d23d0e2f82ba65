//! The journal's contract: [`JournalStore`], what every store does, and [`Workers`], what a
//! store shared by many processes adds. Each operation is documented here, once; the stores
//! say only how they keep the promise.

use std::fmt;

use super::super::CampaignError;
use super::super::template_link::TemplateVersion;
use super::{
    Candidate, Claim, JournalMeta, LoadRow, Op, Reservation, Revision, RowRecord, RunRecord,
    SeedRecord, SentRecord, SharedSchedule, State, Tally,
};

/// What every journal store does: the SQLite file, a campaign in PostgreSQL, and the store
/// that records nothing (for measuring).
///
/// ```
/// use marketing::campaign::{Candidate, Journal, JournalMeta, Reservation};
///
/// let dir = tempfile::tempdir()?;
/// let meta = JournalMeta {
///     definition: r#"{"name":"spring"}"#.into(),
///     recipients_path: "/lists/spring.csv".into(),
///     recipients_fingerprint: "sha256:00".into(),
///     recipients_rows: Some(1),
///     campaign_path: None,
///     created_ms: 0,
/// };
/// let mut journal = Journal::create(&dir.path().join("spring.journal"), &meta)?;
/// // A file has no workers; a campaign in PostgreSQL does.
/// assert!(journal.workers().is_none());
/// let reserved = journal.commit(&[], &[Candidate { line: 2, key: "447700900001".into() }])?;
/// assert_eq!(reserved, vec![Reservation::Send { attempts: 0 }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait JournalStore: Send + fmt::Debug {
    /// The revision of the definition rows reserved now are sent with.
    fn revision(&self) -> i64;

    /// Every revision of the definition, oldest first.
    fn revisions(&self) -> Result<Vec<Revision>, CampaignError>;

    /// Records a new revision of the definition; rows reserved from now on are sent with it.
    fn add_revision(
        &mut self,
        definition: &str,
        source: Option<&str>,
    ) -> Result<i64, CampaignError>;

    /// Records where the list is now, and what it holds (a moved list, or a journal from
    /// before row counts were kept).
    fn set_recipients(
        &mut self,
        path: &str,
        fingerprint: &str,
        rows: u64,
    ) -> Result<(), CampaignError>;

    /// The campaign as stored.
    fn meta(&self) -> Result<JournalMeta, CampaignError>;

    /// Marks rows left in flight by an interrupted run (for a shared store: by workers that
    /// are gone) as unknown, or with `resend` as pending so they are sent again (unknown rows
    /// too). Returns how many changed.
    fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError>;

    /// Starts a run; returns its ID. `template` is the approved template the run's message
    /// was checked against (as JSON), when it was.
    fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError>;

    /// Ends a run with its outcome.
    fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError>;

    /// In one durable transaction: records `ops`, then reserves `candidates` (commits them
    /// in flight, or records duplicates). Returns one reservation per candidate, in order.
    fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError>;

    /// Puts sent rows back to pending, each with a reason (the message was proven
    /// undelivered): `(line, wamid, reason)`. A row no longer `sent` with that wamid is left
    /// alone. Returns how many changed.
    fn reopen_sent(&mut self, rows: &[(u64, String, String)]) -> Result<u64, CampaignError>;

    /// The states of lines `from..=to` already recorded.
    fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError>;

    /// Rows with a final state (nothing more will be sent to them).
    fn final_rows(&self) -> Result<u64, CampaignError>;

    /// Whether every one of the list's `rows` has a final state, so a resume has nothing to
    /// send (with `resend_unknown`, unknown rows count as not final).
    fn is_complete(&self, rows: u64, resend_unknown: bool) -> Result<bool, CampaignError>;

    /// Everything a report counts, in one pass over the recipients.
    fn tally(&self) -> Result<Tally, CampaignError>;

    /// Every run, oldest first.
    fn runs(&self) -> Result<Vec<RunRecord>, CampaignError>;

    /// Records the template run `run` sends with (its ID, version and settings), stamped
    /// now. The run records it only when it differs from the last one recorded.
    fn record_template(
        &mut self,
        run: i64,
        template: &TemplateVersion,
    ) -> Result<(), CampaignError>;

    /// Every template version recorded, oldest first (empty for a journal from before they
    /// were recorded).
    fn templates(&self) -> Result<Vec<TemplateVersion>, CampaignError>;

    /// Calls `each` with every recipient row, in line order, without holding them all.
    fn for_each_row(
        &self,
        each: &mut dyn FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError>;

    /// The rows in state `sent` with a message ID whose outcome was recorded before
    /// `before_ms` (Unix ms), in line order: what `campaign reconcile` may ask Meta about.
    fn sent_before(&self, before_ms: i64) -> Result<Vec<SentRecord>, CampaignError>;

    // --- seeds ---
    /// The seed sends recorded, by line (empty for a journal from before they existed).
    fn seeds(&self) -> Result<Vec<SeedRecord>, CampaignError> {
        Ok(Vec::new())
    }

    /// Records `seed` (with its state): a new seed is reserved (`in_flight`, committed before
    /// its request leaves) only when the recipient has no record yet, and then `true`; an
    /// outcome replaces the record of a seed in flight. Seeds are thus sent at most once.
    fn record_seed(&mut self, seed: &SeedRecord) -> Result<bool, CampaignError> {
        let _ = seed;
        Err(CampaignError::Input(
            "seed sends need a campaign journal".to_string(),
        ))
    }

    /// The workers' operations, for a store that many processes share; `None` for a store
    /// one process writes at a time (it reads the list itself and reserves rows by line).
    fn workers(&mut self) -> Option<&mut dyn Workers> {
        None
    }

    // --- variants ---

    /// Records the variant each row is sent with, `(line, variant)`, in one durable
    /// transaction, replacing what a line had. The feeder records a batch's arms before it
    /// commits the batch, so every row reserved or held out has its arm recorded; a crash in
    /// between leaves arms for rows not yet reserved, which the next run writes again alike
    /// (the assignment depends only on the campaign and the recipient). The store that records
    /// nothing ignores them.
    fn record_arms(&mut self, arms: &[(u64, &str)]) -> Result<(), CampaignError> {
        let _ = arms;
        Ok(())
    }

    /// Every recorded arm, `(line, variant)`, in line order (empty for a campaign without
    /// variants, or a journal from before they were recorded).
    fn arms(&self) -> Result<Vec<(u64, String)>, CampaignError> {
        Ok(Vec::new())
    }

    // --- send windows ---
    /// Records rows a run holds outside their send window, each with the time zone it was
    /// judged in, so a report can count them (they count while they are pending). A store
    /// whose rows are loaded with their zone (PostgreSQL) has nothing to add.
    fn record_waiting(&mut self, rows: &[(u64, String)]) -> Result<(), CampaignError> {
        let _ = rows;
        Ok(())
    }

    /// The pending rows with a time zone recorded, counted by zone (for the report to say
    /// which wait for their window and when it opens).
    fn pending_zones(&self) -> Result<Vec<(String, u64)>, CampaignError> {
        Ok(Vec::new())
    }

    // --- issue 30: HTML report ---
    /// The first and last time (Unix ms) a row's outcome was recorded as sent, failed or
    /// unknown; `None` when no row has one (or the store records nothing).
    fn outcome_span(&self) -> Result<Option<(i64, i64)>, CampaignError> {
        Ok(None)
    }

    /// Rows sent, failed and unknown by when their outcome was recorded, in buckets of
    /// `step_ms` counted in the database: `(bucket start in Unix ms, state, rows)`, oldest
    /// first. `step_ms` is at least 1.
    fn outcomes_over_time(&self, step_ms: i64) -> Result<Vec<(i64, State, u64)>, CampaignError> {
        let _ = step_ms;
        Ok(Vec::new())
    }
}

/// What a store shared by many processes adds: each process joins the campaign as a worker,
/// one loads the list into the store, and every worker claims rows from it.
pub trait Workers: Send {
    /// Joins the campaign as a worker (once; later calls return the same ID): registers this
    /// process with a lease and the sign that shows it alive. Rows it reserves or claims carry
    /// its ID.
    fn join(&mut self) -> Result<i64, CampaignError>;

    /// Leaves the campaign: this worker is ended, with `outcome`.
    fn leave(&mut self, outcome: &str) -> Result<(), CampaignError>;

    /// Renews this worker's lease (false when it was lost: another worker took this one for
    /// dead), and recovers what workers that are gone left in flight.
    fn heartbeat(&mut self) -> Result<bool, CampaignError>;

    /// The workers of this campaign alive now: (ID, who).
    fn live_workers(&self) -> Result<Vec<(i64, String)>, CampaignError>;

    /// Takes the loader's role: this worker loads what is not loaded yet of the list, and
    /// workers waiting for rows wait for it.
    fn start_loading(&mut self) -> Result<(), CampaignError>;

    /// How far the list is loaded: the last line loaded, and whether it is all there.
    fn loaded(&self) -> Result<(u64, bool), CampaignError>;

    /// Loads rows of the list, in one transaction: new recipients become pending, a recipient
    /// already on an earlier line is skipped as its duplicate, rows already loaded are left
    /// alone. Then records that the list is loaded through line `through`, and all of it when
    /// `done`. Returns how many rows were skipped as duplicates.
    fn load(&mut self, rows: &[LoadRow], through: u64, done: bool) -> Result<u64, CampaignError>;

    /// Records `ops` and claims up to `n` pending rows for this worker, in one transaction,
    /// renewing its lease. No two workers ever claim one row.
    fn claim(&mut self, ops: &[Op], n: usize) -> Result<Claim, CampaignError>;

    /// The send schedule of `phone_number_id` shared by the workers, on a connection of its
    /// own.
    fn shared_schedule(&self, phone_number_id: &str) -> Result<SharedSchedule, CampaignError>;

    // --- send windows ---
    /// The campaign's send window: from now on, [`Workers::claim`] takes only rows whose
    /// window is open (by the time zone each was loaded with), judged in the database.
    fn set_send_window(&mut self, window: Option<crate::campaign::SendWindow>);
}
