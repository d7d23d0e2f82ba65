//! The campaign journal: the campaign and one row per recipient, in one of two stores.
//!
//! It is what makes a campaign exactly-once: a recipient is committed as `in_flight` before its
//! request leaves the process, and its outcome is committed after. A process killed in between
//! leaves `in_flight` rows, which the next run turns into `unknown` (may have been sent) instead
//! of sending them again.
//!
//! Where it is kept is named by `--journal` (read once into a [`Location`]):
//! - a file path: one SQLite file per campaign (the default);
//! - a `postgres://` or `postgresql://` URL: any number of campaigns in one PostgreSQL
//!   database, each known by its name (`URL#name` picks one; without `#name`, the database's
//!   only campaign, or the campaign file's `name` when a run creates it).
//!
//! Every store keeps the contract in [`JournalStore`] (documented there, once); a store that
//! many processes share adds [`Workers`]. The decisions both stores make alike are plain
//! functions (`settle.rs`: collisions to reservations; `columns.rs`: an op to its columns);
//! each store's module says only how it writes them and which failures its commits survive.

mod columns;
mod postgres;
mod settle;
mod sqlite;
mod store;
mod tally;
mod types;
mod unjournalled;

use std::path::Path;

use super::CampaignError;
use crate::location::Location;
use crate::now_ms;

use postgres::PostgresJournal;
pub use postgres::{Claim, Claimed, LEASE, LoadRow, SharedSchedule};
pub(crate) use settle::duplicate_reason;
use sqlite::SqliteJournal;
pub(crate) use sqlite::lock_path;
pub use store::{JournalStore, Workers};
pub use tally::Tally;
pub use types::SeedRecord;
pub use types::{
    Candidate, JournalMeta, Op, Reservation, Revision, RowRecord, RunRecord, SentRecord, State,
};
pub(crate) use unjournalled::Unjournalled;

/// The template records a store keeps as JSON text (`template_versions.record`), read back;
/// both stores keep them alike.
fn template_records(
    records: &[String],
) -> Result<Vec<super::template_link::TemplateVersion>, CampaignError> {
    records
        .iter()
        .map(|json| {
            serde_json::from_str(json)
                .map_err(|e| CampaignError::journal("stored template record unreadable", e))
        })
        .collect()
}

/// Whether `journal` names a PostgreSQL journal (`postgres://...` or `postgresql://...`)
/// rather than an SQLite file.
///
/// ```
/// use std::path::Path;
/// use marketing::campaign::is_postgres;
///
/// assert!(is_postgres(Path::new("postgres://wamm@db.internal/wamm#spring")));
/// assert!(!is_postgres(Path::new("spring.journal")));
/// ```
pub fn is_postgres(journal: &Path) -> bool {
    Location::parse(journal).is_ok_and(|l| l.is_postgres())
}

/// Refuses a location that looks like a URL (`SCHEME://...`) but is not one wamm connects to
/// (`postgres://` or `postgresql://`, as written): `POSTGRES://`, `postgresql+psycopg://` or a
/// URL pasted with a leading space would otherwise be taken for a file name, and every message
/// about that "file" would print the password in it. The message shows the URL without it.
///
/// ```
/// use std::path::Path;
/// use marketing::campaign::check_location;
///
/// assert!(check_location(Path::new("spring.journal")).is_ok());
/// assert!(check_location(Path::new("postgres://wamm:pw@db/wamm")).is_ok());
/// let error = check_location(Path::new("POSTGRES://wamm:s3cret@db/wamm")).unwrap_err();
/// assert!(!error.to_string().contains("s3cret"), "{error}");
/// ```
pub fn check_location(location: &Path) -> Result<(), CampaignError> {
    parse(location).map(|_| ())
}

/// Reads `--journal` once; a URL-like location wamm does not connect to is the user's mistake.
pub(crate) fn parse(location: &Path) -> Result<Location, CampaignError> {
    Location::parse(location).map_err(|e| CampaignError::Input(e.to_string()))
}

/// How a journal (or an event store) is named in messages: a file's path, or a PostgreSQL
/// URL without its password (the password comes from the URL or `PGPASSWORD` and is never printed).
/// Anything else written like a URL is shown without its password too.
///
/// ```
/// use std::path::Path;
/// use marketing::campaign::journal_label;
///
/// assert_eq!(
///     journal_label(Path::new("postgres://wamm:s3cret@db.internal:5432/wamm#spring")),
///     "postgres://wamm@db.internal:5432/wamm#spring"
/// );
/// // Whatever the password holds, escaped or not.
/// assert_eq!(
///     journal_label(Path::new("postgres://wamm:s/3?c#r@e:t%40@db.internal/wamm#spring")),
///     "postgres://wamm@db.internal/wamm#spring"
/// );
/// assert_eq!(journal_label(Path::new("spring.journal")), "spring.journal");
/// ```
pub fn journal_label(journal: &Path) -> String {
    match Location::parse(journal) {
        Ok(location) => location.label(),
        Err(refused) => refused.label().to_string(),
    }
}

/// Where a new campaign named `name` is kept: a PostgreSQL `location` with `#name` when it
/// names no campaign (so everything printed after a run names that campaign, however many
/// others the database holds); anything else as it is.
///
/// ```
/// use marketing::campaign::named_location;
///
/// let named = named_location("postgres://wamm@db/wamm", "spring");
/// assert_eq!(named, "postgres://wamm@db/wamm#spring");
/// assert_eq!(named_location(&named, "other"), named);
/// assert_eq!(named_location("spring.journal", "spring"), "spring.journal");
/// ```
pub fn named_location(location: &str, name: &str) -> String {
    match Location::parse(Path::new(location)) {
        Ok(Location::Postgres { name: None, .. }) if !name.is_empty() => {
            format!("{}#{name}", location.trim_end_matches('#'))
        }
        _ => location.to_string(),
    }
}

/// A campaign's journal, in whichever store its location names: a thin owner of the store
/// behind [`JournalStore`] (every operation is the trait's; this adds the constructors, which
/// read the location, and a `for_each_row` that takes any closure).
///
/// ```
/// use marketing::campaign::{Candidate, Journal, JournalMeta, Reservation, State};
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
/// // A path makes an SQLite file; `postgres://...` would make a campaign in that database.
/// let mut journal = Journal::create(&dir.path().join("spring.journal"), &meta)?;
/// let reserved = journal.commit(&[], &[Candidate { line: 2, key: "447700900001".into() }])?;
/// assert_eq!(reserved, vec![Reservation::Send { attempts: 0 }]);
/// assert_eq!(journal.states_between(2, 2)?, vec![(2, State::InFlight)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Journal {
    store: Box<dyn JournalStore>,
}

impl Journal {
    /// Creates a new journal (a file, with its writer lock taken; or a campaign in PostgreSQL
    /// named after the definition's `name`, this process its first worker); fails if it
    /// exists (resume it instead).
    pub fn create(journal: &Path, meta: &JournalMeta) -> Result<Self, CampaignError> {
        let store: Box<dyn JournalStore> = match parse(journal)? {
            Location::File(path) => Box::new(SqliteJournal::create(&path, meta)?),
            postgres => Box::new(PostgresJournal::create(&postgres, meta)?),
        };
        tracing::info!(journal = %journal_label(journal), "journal created");
        Ok(Self { store })
    }

    /// Opens an existing journal to continue it: a file's writer lock is taken (one process
    /// at a time); a PostgreSQL campaign is joined as one more worker when the run starts.
    pub fn open(journal: &Path) -> Result<Self, CampaignError> {
        let store: Box<dyn JournalStore> = match parse(journal)? {
            Location::File(path) => Box::new(SqliteJournal::open(&path)?),
            postgres => Box::new(PostgresJournal::open(&postgres)?),
        };
        tracing::info!(journal = %journal_label(journal), "journal opened");
        Ok(Self { store })
    }

    /// Opens a journal to read it: no lock, no writes, so it works while a run is live.
    pub fn open_read_only(journal: &Path) -> Result<Self, CampaignError> {
        let store: Box<dyn JournalStore> = match parse(journal)? {
            Location::File(path) => Box::new(SqliteJournal::open_read_only(&path)?),
            postgres => Box::new(PostgresJournal::open_read_only(&postgres)?),
        };
        tracing::debug!(journal = %journal_label(journal), "journal opened to read");
        Ok(Self { store })
    }

    /// Calls `each` with every recipient row, in line order.
    pub fn for_each_row(
        &self,
        mut each: impl FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError> {
        self.store.for_each_row(&mut each)
    }

    /// The rows sent (with a message ID) whose outcome was recorded before `before_ms` (Unix
    /// ms), in line order.
    pub fn sent_before(&self, before_ms: i64) -> Result<Vec<SentRecord>, CampaignError> {
        self.store.sent_before(before_ms)
    }

    /// The store itself, for code that holds any store (a run without a journal takes a store
    /// that records nothing).
    pub fn into_store(self) -> Box<dyn JournalStore> {
        self.store
    }
}

impl std::ops::Deref for Journal {
    type Target = dyn JournalStore;
    fn deref(&self) -> &Self::Target {
        &*self.store
    }
}

impl std::ops::DerefMut for Journal {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.store
    }
}
