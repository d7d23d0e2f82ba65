//! The campaign journal: the campaign and one row per recipient, in one of two stores.
//!
//! It is what makes a campaign exactly-once: a recipient is committed as `in_flight` before its
//! request leaves the process, and its outcome is committed after. A process killed in between
//! leaves `in_flight` rows, which the next run turns into `unknown` (may have been sent) instead
//! of sending them again.
//!
//! Where it is kept is named by `--journal`:
//! - a file path: [`SqliteJournal`], one SQLite file per campaign (the default);
//! - a `postgres://` or `postgresql://` URL: [`PostgresJournal`], any number of campaigns in one
//!   PostgreSQL database, each known by its name (`URL#name` picks one; without `#name`, the
//!   database's only campaign, or the campaign file's `name` when a run creates it).
//!
//! [`Journal`] is either, with the same operations and the same promises; each store's module
//! says which failures its commits survive.

mod postgres;
mod sqlite;

use std::path::Path;

use super::CampaignError;

use crate::now_ms;

pub use postgres::{Claim, Claimed, LEASE, LoadRow, PostgresJournal, SharedSchedule};
pub use sqlite::{SqliteJournal, lock_path};

/// Where a recipient stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    /// Read, not yet sent (or put back after a retryable error).
    Pending,
    /// Committed as about to be sent; a crash leaves it here.
    InFlight,
    /// Meta created the message.
    Sent,
    /// Meta refused it; not sent.
    Failed,
    /// May have been sent: a timeout, lost connection, 5xx, or in flight at a crash.
    Unknown,
    /// The row is unusable (bad phone, missing column, a value the message rejects).
    Invalid,
    /// Not sent on purpose (a duplicate of an earlier row).
    Skipped,
    /// Not sent: the user stopped marketing messages (a webhook, or the user's own list).
    Suppressed,
}

impl State {
    /// Every state, in report order.
    pub const ALL: [State; 8] = [
        State::Sent,
        State::Failed,
        State::Unknown,
        State::Invalid,
        State::Skipped,
        State::Suppressed,
        State::Pending,
        State::InFlight,
    ];

    /// The name stored in the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::InFlight => "in_flight",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
            Self::Invalid => "invalid",
            Self::Skipped => "skipped",
            Self::Suppressed => "suppressed",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether the recipient is done with (nothing more will be sent to them).
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Pending | Self::InFlight)
    }
}

/// What a report counts, read in one pass over the recipients: how many rows share each
/// state, revision, message status, error code and sending phone number. The views below are all derived from it,
/// so a report costs one scan of the journal, not one per figure.
///
/// ```
/// use marketing::campaign::{State, Tally};
///
/// let mut tally = Tally::default();
/// tally.add("sent", 1, Some("accepted"), None, Some("1001"), 30);
/// tally.add("sent", 1, Some("accepted"), None, Some("1002"), 10);
/// tally.add("sent", 2, None, None, Some("1001"), 2);
/// tally.add("unknown", 1, None, Some(131000), None, 3);
/// assert_eq!(tally.counts(), vec![(State::Sent, 42), (State::Unknown, 3)]);
/// assert_eq!(tally.sent_by_revision(), vec![(1, 40), (2, 2)]);
/// assert_eq!(tally.statuses(), vec![("accepted".to_string(), 40), ("(none)".to_string(), 2)]);
/// assert_eq!(tally.error_codes(), vec![(Some(131000), "unknown".to_string(), 3)]);
/// assert_eq!(tally.sent_from(), vec![("1001".to_string(), 32), ("1002".to_string(), 10)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    groups: Vec<TallyGroup>,
}

#[derive(Clone, Debug, PartialEq)]
struct TallyGroup {
    state: State,
    revision: i64,
    message_status: Option<String>,
    error_code: Option<i64>,
    sent_from: Option<String>,
    count: u64,
}

impl Tally {
    /// Adds `count` rows in `state` (its stored name; an unknown name is ignored), sent with
    /// definition `revision`, with this message status and error code, from the phone number
    /// `sent_from`.
    pub fn add(
        &mut self,
        state: &str,
        revision: i64,
        message_status: Option<&str>,
        error_code: Option<i64>,
        sent_from: Option<&str>,
        count: u64,
    ) {
        let Some(state) = State::parse(state) else {
            return;
        };
        // A campaign has a handful of groups: a scan beats hashing every row.
        match self.groups.iter_mut().find(|g| {
            g.state == state
                && g.revision == revision
                && g.error_code == error_code
                && g.message_status.as_deref() == message_status
                && g.sent_from.as_deref() == sent_from
        }) {
            Some(group) => group.count += count,
            None => self.groups.push(TallyGroup {
                state,
                revision,
                message_status: message_status.map(str::to_string),
                error_code,
                sent_from: sent_from.map(str::to_string),
                count,
            }),
        }
    }

    /// Rows by state, in [`State::ALL`] order, states with no rows left out.
    pub fn counts(&self) -> Vec<(State, u64)> {
        State::ALL
            .into_iter()
            .filter_map(|state| {
                let n = self.sum(|g| g.state == state);
                (n > 0).then_some((state, n))
            })
            .collect()
    }

    /// Sent messages by the revision of the definition they were sent with, oldest first.
    pub fn sent_by_revision(&self) -> Vec<(i64, u64)> {
        let mut out: Vec<(i64, u64)> = Vec::new();
        for g in self.groups.iter().filter(|g| g.state == State::Sent) {
            match out.iter_mut().find(|(r, _)| *r == g.revision) {
                Some((_, n)) => *n += g.count,
                None => out.push((g.revision, g.count)),
            }
        }
        out.sort();
        out
    }

    /// Sent messages by message status (`(none)` when Meta gave none), most first.
    pub fn statuses(&self) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = Vec::new();
        for g in self.groups.iter().filter(|g| g.state == State::Sent) {
            let status = g.message_status.as_deref().unwrap_or("(none)");
            match out.iter_mut().find(|(s, _)| s == status) {
                Some((_, n)) => *n += g.count,
                None => out.push((status.to_string(), g.count)),
            }
        }
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Failed and unknown rows by error code (`None` for transport failures) and state, most
    /// first.
    pub fn error_codes(&self) -> Vec<(Option<i64>, String, u64)> {
        let mut out: Vec<(Option<i64>, State, u64)> = Vec::new();
        for g in self
            .groups
            .iter()
            .filter(|g| matches!(g.state, State::Failed | State::Unknown))
        {
            match out
                .iter_mut()
                .find(|(c, s, _)| *c == g.error_code && *s == g.state)
            {
                Some((_, _, n)) => *n += g.count,
                None => out.push((g.error_code, g.state, g.count)),
            }
        }
        out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (a.0, a.1).cmp(&(b.0, b.1))));
        out.into_iter()
            .map(|(c, s, n)| (c, s.as_str().to_string(), n))
            .collect()
    }

    /// Sent messages by the phone number they were sent from, in order of the numbers' IDs
    /// (`(not recorded)` for rows sent before wamm recorded it).
    pub fn sent_from(&self) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = Vec::new();
        for g in self.groups.iter().filter(|g| g.state == State::Sent) {
            let from = g.sent_from.as_deref().unwrap_or("(not recorded)");
            match out.iter_mut().find(|(f, _)| f == from) {
                Some((_, n)) => *n += g.count,
                None => out.push((from.to_string(), g.count)),
            }
        }
        out.sort();
        out
    }

    fn sum(&self, which: impl Fn(&TallyGroup) -> bool) -> u64 {
        self.groups
            .iter()
            .filter(|g| which(g))
            .map(|g| g.count)
            .sum()
    }
}

/// What the journal remembers about the campaign itself.
#[derive(Clone, Debug, PartialEq)]
pub struct JournalMeta {
    /// The campaign definition as JSON: the latest revision.
    pub definition: String,
    /// The recipient list's absolute path.
    pub recipients_path: String,
    /// What identifies the list's content: `sha256:` and its digest (journals written before
    /// 0.2 hold its size and modification time instead).
    pub recipients_fingerprint: String,
    /// The rows in the list, when known (journals written before 0.2 do not know).
    pub recipients_rows: Option<u64>,
    /// The campaign file the definition was read from, when it came from a file.
    pub campaign_path: Option<String>,
    /// When the journal was created (Unix ms).
    pub created_ms: i64,
}

/// One version of the campaign's definition. Revision 1 is the one the campaign started
/// with; `resume --campaign` adds one when the file changed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// 1, 2, ...: rows record the revision they were sent with.
    pub id: i64,
    /// The definition as JSON.
    pub definition: String,
    /// The file it was read from, when it came from a file.
    pub source: Option<String>,
    /// When it was recorded (Unix ms).
    pub created_ms: i64,
}

/// A change to the journal; a batch of them is one transaction. `line` is always the row's
/// line in the recipient list.
///
/// ```
/// use marketing::campaign::Op;
///
/// let sent = Op::Sent {
///     line: 7,
///     wamid: "wamid.HBgL".into(),
///     status: Some("accepted".into()),
///     from: Some("106540352242922".into()),
/// };
/// assert_eq!(sent.line(), 7);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A row that cannot be sent, and why.
    #[allow(missing_docs)]
    Invalid { line: u64, reason: String },
    /// A row not sent because the user stopped marketing messages, and the evidence.
    #[allow(missing_docs)]
    Suppressed { line: u64, reason: String },
    /// Sent: Meta created it, with this message ID and `message_status`, from the phone
    /// number `from` (its ID).
    #[allow(missing_docs)]
    Sent {
        line: u64,
        wamid: String,
        status: Option<String>,
        from: Option<std::sync::Arc<str>>,
    },
    /// Refused by Meta, with its Graph error code when it gave one.
    #[allow(missing_docs)]
    Failed {
        line: u64,
        code: Option<i64>,
        reason: String,
    },
    /// May have been sent (a timeout, a lost connection, a 5xx).
    #[allow(missing_docs)]
    Unknown {
        line: u64,
        code: Option<i64>,
        reason: String,
    },
    /// Back to pending (a retryable error, or a run stopping before sending it), with the
    /// attempts made so far.
    #[allow(missing_docs)]
    Pending { line: u64, attempts: u32 },
}

impl Op {
    /// The row it is about.
    pub fn line(&self) -> u64 {
        match self {
            Self::Invalid { line, .. }
            | Self::Suppressed { line, .. }
            | Self::Sent { line, .. }
            | Self::Failed { line, .. }
            | Self::Unknown { line, .. }
            | Self::Pending { line, .. } => *line,
        }
    }
}

/// A candidate for sending, checked against the journal before dispatch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The row's line.
    pub line: u64,
    /// The recipient's canonical address, unique per campaign.
    pub key: String,
}

/// What the journal said about a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// Committed as in flight: send it now. Carries attempts made before.
    Send {
        /// Attempts with an answer made before.
        attempts: u32,
    },
    /// The same recipient is on an earlier line; recorded as skipped.
    Duplicate,
    /// Already handled by an earlier run (final, or unknown): do not send.
    Done,
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
    journal
        .to_str()
        .is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
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
pub fn check_location(location: &Path) -> Result<(), super::CampaignError> {
    let text = location.to_string_lossy();
    if is_postgres(location) || !text.contains("://") {
        return Ok(());
    }
    Err(super::CampaignError::Input(format!(
        "{} looks like a URL, but wamm keeps journals and event stores in a file or in PostgreSQL, written postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or postgresql://, in lower case, with nothing before it)",
        journal_label(location)
    )))
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
    if is_postgres(journal) || journal.to_string_lossy().contains("://") {
        wamm_client::redact_url(&journal.to_string_lossy())
    } else {
        journal.display().to_string()
    }
}

/// A campaign's journal, in either store.
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
pub enum Journal {
    /// One SQLite file.
    Sqlite(SqliteJournal),
    /// A campaign in a PostgreSQL database.
    Postgres(Box<PostgresJournal>),
}

macro_rules! on_store {
    ($journal:expr, $store:ident => $call:expr) => {
        match $journal {
            Journal::Sqlite($store) => $call,
            Journal::Postgres($store) => $call,
        }
    };
}

impl Journal {
    /// Creates a new journal (a file, with its writer lock taken; or a campaign in PostgreSQL
    /// named after the definition's `name`, this process its first worker); fails if it
    /// exists (resume it instead).
    pub fn create(journal: &Path, meta: &JournalMeta) -> Result<Self, CampaignError> {
        check_location(journal)?;
        if is_postgres(journal) {
            PostgresJournal::create(&journal.to_string_lossy(), meta)
                .map(|j| Self::Postgres(Box::new(j)))
        } else {
            SqliteJournal::create(journal, meta).map(Self::Sqlite)
        }
    }

    /// Opens an existing journal to continue it: a file's writer lock is taken (one process
    /// at a time); a PostgreSQL campaign is joined as one more worker when the run starts.
    pub fn open(journal: &Path) -> Result<Self, CampaignError> {
        check_location(journal)?;
        if is_postgres(journal) {
            PostgresJournal::open(&journal.to_string_lossy()).map(|j| Self::Postgres(Box::new(j)))
        } else {
            SqliteJournal::open(journal).map(Self::Sqlite)
        }
    }

    /// Opens a journal to read it: no lock, no writes, so it works while a run is live.
    pub fn open_read_only(journal: &Path) -> Result<Self, CampaignError> {
        check_location(journal)?;
        if is_postgres(journal) {
            PostgresJournal::open_read_only(&journal.to_string_lossy())
                .map(|j| Self::Postgres(Box::new(j)))
        } else {
            SqliteJournal::open_read_only(journal).map(Self::Sqlite)
        }
    }

    /// The revision rows reserved now are sent with.
    pub fn revision(&self) -> i64 {
        on_store!(self, j => j.revision())
    }

    /// Every revision of the definition, oldest first.
    pub fn revisions(&self) -> Result<Vec<Revision>, CampaignError> {
        on_store!(self, j => j.revisions())
    }

    /// Records a new revision of the definition; rows reserved from now on are sent with it.
    pub fn add_revision(
        &mut self,
        definition: &str,
        source: Option<&str>,
    ) -> Result<i64, CampaignError> {
        on_store!(self, j => j.add_revision(definition, source))
    }

    /// Records where the list is now, and what it holds.
    pub fn set_recipients(
        &mut self,
        path: &str,
        fingerprint: &str,
        rows: u64,
    ) -> Result<(), CampaignError> {
        on_store!(self, j => j.set_recipients(path, fingerprint, rows))
    }

    /// The campaign as stored.
    pub fn meta(&self) -> Result<JournalMeta, CampaignError> {
        on_store!(self, j => j.meta())
    }

    /// Marks rows left in flight by an interrupted run as unknown (or, with `resend`, as
    /// pending so they are sent again). Returns how many there were.
    pub fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
        on_store!(self, j => j.recover_in_flight(resend))
    }

    /// Starts a run; returns its ID. `template` is the approved template the run's message
    /// was checked against (as JSON), when it was.
    pub fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
        on_store!(self, j => j.start_run(template))
    }

    /// Ends a run with its outcome.
    pub fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        on_store!(self, j => j.finish_run(run, sent, outcome))
    }

    /// In one transaction: records `ops`, then reserves `candidates` (commits them in flight,
    /// or records duplicates). Returns one reservation per candidate, in order.
    pub fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        on_store!(self, j => j.commit(ops, candidates))
    }

    /// Puts sent rows back to pending, each with a reason: `(line, wamid, reason)`. A row no
    /// longer `sent` with that wamid is left alone. Returns how many changed.
    pub fn reopen_sent(&mut self, rows: &[(u64, String, String)]) -> Result<u64, CampaignError> {
        on_store!(self, j => j.reopen_sent(rows))
    }

    /// The states of lines `from..=to` already in the journal.
    pub fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        on_store!(self, j => j.states_between(from, to))
    }

    /// Rows with a final state (nothing more will be sent to them).
    pub fn final_rows(&self) -> Result<u64, CampaignError> {
        on_store!(self, j => j.final_rows())
    }

    /// Whether every one of the list's `rows` has a final state (with `resend_unknown`,
    /// unknown rows count as not final).
    pub fn is_complete(&self, rows: u64, resend_unknown: bool) -> Result<bool, CampaignError> {
        on_store!(self, j => j.is_complete(rows, resend_unknown))
    }

    /// Everything a report counts, in one pass over the recipients.
    pub fn tally(&self) -> Result<Tally, CampaignError> {
        on_store!(self, j => j.tally())
    }

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunRecord>, CampaignError> {
        on_store!(self, j => j.runs())
    }

    /// Calls `each` with every recipient row, in line order.
    pub fn for_each_row(
        &self,
        each: impl FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError> {
        on_store!(self, j => j.for_each_row(each))
    }
}

/// One run of the campaign.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RunRecord {
    /// Start, Unix ms.
    pub started_ms: i64,
    /// End, Unix ms; absent for a run that was killed.
    pub finished_ms: Option<i64>,
    /// Messages sent in it.
    pub sent: u64,
    /// `complete`, `stopped: ...`, or absent when killed.
    pub outcome: Option<String>,
    /// The approved template the run's message was checked against before sending, when it
    /// was (`id`, `name`, `language`, `status`, `category`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<serde_json::Value>,
}

/// One recipient as recorded in the journal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RowRecord {
    /// Line in the recipient list.
    pub line: u64,
    /// Canonical address (absent for invalid and skipped rows).
    pub key: Option<String>,
    /// Where it stands.
    #[serde(serialize_with = "state_name")]
    pub state: State,
    /// Attempts with an answer.
    pub attempts: u32,
    /// The message ID, when sent.
    pub wamid: Option<String>,
    /// The `message_status`, when sent.
    pub message_status: Option<String>,
    /// The Graph error code, when refused or unknown.
    pub error_code: Option<i64>,
    /// Why it is not sent.
    pub reason: Option<String>,
    /// The revision of the definition it was last sent (or tried) with.
    pub revision: Option<i64>,
}

fn state_name<S: serde::Serializer>(state: &State, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(state.as_str())
}
