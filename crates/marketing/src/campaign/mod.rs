//! Campaigns: one message to a list of recipients, paced, journalled, exactly once.
//!
//! A campaign is a [`CampaignDefinition`] (TOML or JSON: settings plus a request body with
//! `{{column}}` placeholders) and a recipient list (CSV with a header row, or JSONL), streamed
//! so memory does not grow with the list. [`run`] sends it, recording every recipient in an
//! SQLite [journal](Journal); [`resume`] continues after a stop or a crash. A recipient is
//! committed as in flight before its request leaves, so after a crash it is reported
//! `unknown` rather than sent twice. [`Report`] reads the results.
//!
//! Pacing follows the campaign's messages per second with a concurrency cap; throttling
//! (130429, 4, 80007) halves the rate and retries, the pair limit (131056) defers only that
//! recipient, and errors that concern the whole run stop it, resumable once fixed (see
//! [`HaltRules`] and [`RULES`](crate::RULES)). Nothing that may have been sent is sent again.

mod approval;
mod definition;
mod halt;
mod journal;
mod lease;
mod pacer;
mod placeholders;
mod recipients;
mod redeliver;
mod report;
mod run;
mod senders;
mod store;

pub use approval::{campaign_to_resume, check_campaign};
pub use definition::{CampaignDefinition, CampaignRetry, RecipientKind, SenderDefinition};
pub use halt::{HaltRules, StopReason};
pub use journal::{
    Candidate, Claim, Claimed, Journal, JournalMeta, LEASE, LoadRow, Op, PostgresJournal,
    Reservation, Revision, RowRecord, RunRecord, SqliteJournal, State, Tally, check_location,
    is_postgres, journal_label,
};
pub use pacer::Pacer;
pub use placeholders::MessageTemplate;
#[doc(hidden)]
pub use recipients::audit_reader;
pub use recipients::{BadRow, ListSurvey, MAX_FIELD, MAX_LINE, RecipientReader, Row, survey};
pub use redeliver::{Reopened, reopen_undelivered};
pub use report::{
    Deliveries, DeliveryCount, ErrorCount, PricingCount, Report, RevisionCount, SenderCount,
    StateCount, StatusCount, export, export_to_file, export_to_file_with, export_with,
};
pub use run::{Progress, RunOptions, RunSummary, StopSignal, resume, run, shell_word, work};
pub use senders::SenderSummary;

/// Why a campaign could not run (bad input, or a journal problem). Row problems are not
/// errors: they are recorded in the journal as `invalid` and the run goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CampaignError {
    /// A file is missing or malformed; the message names it and what is wrong.
    #[error("{0}")]
    Input(String),
    /// The journal could not be read or written.
    #[error("journal: {0}")]
    Journal(String),
    /// An output file could not be written (a full disk, a permission): nothing is wrong with
    /// the input.
    #[error("{0}")]
    Output(String),
}
