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
mod output_file;
mod pacer;
mod placeholders;
mod recipients;
mod reconcile;
mod redeliver;
mod report;
mod report_html;
mod run;
mod schedule;
mod senders;
mod template_link;
mod template_watch;
mod timezone;
mod variants;
mod window;

pub use approval::{campaign_to_resume, check_campaign};
pub use definition::{CampaignDefinition, CampaignRetry, RecipientKind, SenderDefinition};
pub use halt::{HaltRules, StopReason};
pub use journal::SeedRecord;
pub use journal::{
    Candidate, Claim, Claimed, Journal, JournalMeta, JournalStore, LEASE, LoadRow, Op, Reservation,
    Revision, RowRecord, RunRecord, SentRecord, SharedSchedule, State, Tally, Workers,
    check_location, is_postgres, journal_label, named_location,
};
pub use pacer::Pacer;
pub use placeholders::MessagePattern;
#[doc(hidden)]
pub use recipients::audit_reader;
pub use recipients::{BadRow, ListSurvey, MAX_FIELD, MAX_LINE, RecipientReader, Row, survey};
pub use reconcile::{HISTORY_FIELDS, ReconcileOptions, Reconciled, reconcile};
pub use redeliver::{Reopened, reopen_undelivered};
pub use report::{
    Deliveries, DeliveryCount, ErrorCount, PricingCount, Report, RevisionCount, SenderCount,
    StateCount, StatusCount, WaitingRows, export, export_to_file, export_to_file_with, export_with,
};
pub use report_html::{Bucket, HtmlData, HtmlReport, MAX_POINTS, Timeline};
pub use run::Confirm;
pub use run::{AccountCheck, AccountNotReady, BudgetUse, Route, assess_account, check_account};
pub use run::{DryRow, DryRunCounts, dry_run};
pub use run::{Progress, RunOptions, RunSummary, StopSignal, Warnings, resume, run, work};
pub use schedule::{START_GRACE, Schedule, format_ms};
pub use senders::SenderSummary;
pub use template_link::{MaxPrice, TemplateVersion, TtlCheck, human_duration};
pub use template_watch::{TEMPLATE_STOPPING_EVENTS, template_stop_reason};
pub use timezone::{
    TIMEZONE_COLUMN, ZoneFinder, ZoneRoute, ZoneRoutes, single_zone_of_phone, zone_named,
    zone_routes, zones_known,
};
pub use variants::report::{Comparison, Rate, VariantFigures, VariantReport};
pub use variants::stats::{Interval, ProportionTest, two_proportion_z, wilson};
pub use variants::{
    Arm, Assignment, IMPLICIT_VARIANT, VariantCheckError, VariantDefinition, check_every_variant,
};
pub use window::{SendWindow, SendWindowDefinition, instant_label, window_clock};

/// Why a campaign could not run (bad input, or a journal problem). Row problems are not
/// errors: they are recorded in the journal as `invalid` and the run goes on.
///
/// A journal failure keeps its cause: print the chain (`source()`) to see what SQLite,
/// PostgreSQL or the file system said.
///
/// ```
/// use std::error::Error;
/// use marketing::campaign::{CampaignError, JournalFailure};
///
/// let error = CampaignError::Journal {
///     context: "spring.journal".into(),
///     source: JournalFailure::Io(std::io::Error::other("No space left on device")),
/// };
/// assert_eq!(error.to_string(), "journal: spring.journal");
/// assert_eq!(error.source().unwrap().to_string(), "No space left on device");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CampaignError {
    /// A file is missing or malformed; the message names it and what is wrong.
    #[error("{0}")]
    Input(String),
    /// The journal could not be read or written: `context` names it (and what was being
    /// done), `source` is what failed.
    #[error("journal: {context}")]
    Journal {
        /// Which journal, and what wamm was doing with it.
        context: String,
        /// What failed underneath.
        #[source]
        source: JournalFailure,
    },
    /// A user mistake, like `Input`, with the step that gets past it: the caller words the
    /// step (the CLI names its own command), the library only says which it is.
    #[error("{message}")]
    Guided {
        /// What is wrong.
        message: String,
        /// What to do about it.
        next: NextStep,
    },
    /// An output file could not be written (a full disk, a permission): nothing is wrong with
    /// the input.
    #[error("{0}")]
    Output(String),
}

impl CampaignError {
    /// A journal failure: `context` names the journal (and what was being done).
    pub(crate) fn journal(context: impl Into<String>, source: impl Into<JournalFailure>) -> Self {
        Self::Journal {
            context: context.into(),
            source: source.into(),
        }
    }
}

/// The webhook event store at `events`, opened to read (suppressions, deliveries, template
/// events); one that cannot be opened is the caller's input to correct.
pub(crate) fn read_events(
    events: &std::path::Path,
) -> Result<crate::webhook::EventStore, CampaignError> {
    crate::webhook::EventStore::open_read_only(events)
        .map_err(|e| CampaignError::Input(e.to_string()))
}

/// The step past a [`CampaignError::Guided`], for the caller to word. The names in it are
/// as messages show them (a file's path; a PostgreSQL URL without its password).
///
/// ```
/// use marketing::campaign::{CampaignError, NextStep};
///
/// let error = CampaignError::Guided {
///     message: "spring.journal already exists".into(),
///     next: NextStep::Resume { journal: "spring.journal".into() },
/// };
/// match &error {
///     CampaignError::Guided { next: NextStep::Resume { journal }, .. } => assert_eq!(journal, "spring.journal"),
///     _ => unreachable!(),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextStep {
    /// Continue the campaign in `journal`.
    Resume {
        /// The journal, as shown.
        journal: String,
    },
    /// Continue the campaign in `journal` with the edited campaign file `file`.
    ResumeWithCampaign {
        /// The journal, as shown.
        journal: String,
        /// The campaign file.
        file: String,
    },
    /// Start a campaign (the store holds none yet).
    Run,
    /// Find the other names (hard links) of the file at `path`.
    FindOtherNames {
        /// The file's real path.
        path: String,
    },
}

/// What failed underneath a [`CampaignError::Journal`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalFailure {
    /// SQLite said so (the file journal).
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL said so, or could not be reached.
    #[error(transparent)]
    Postgres(#[from] crate::pg::PgError),
    /// The file system said so (a lock file, the journal's directory).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// What the journal holds cannot be read back (a stored definition that no longer parses).
    #[error(transparent)]
    Stored(#[from] serde_json::Error),
    /// The journal is there but cannot be used as asked (not a wamm journal; an operation in
    /// the wrong order): said in words.
    #[error("{0}")]
    Unusable(String),
}
