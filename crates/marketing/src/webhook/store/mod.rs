//! The event store: where a webhook receiver records what Meta reported, durably, before it
//! answers, and where campaigns read delivery and opt-outs back. One store serves every
//! campaign (a wamid is unique across them). Where it is kept is named like a journal:
//! - a file path: an SQLite file ([`EventStore::open`] creates it, mode 0600). It is a separate
//!   file from the journals because a running campaign holds its journal's writer lock while
//!   the receiver writes.
//! - a `postgres://` or `postgresql://` URL: tables in that database's schema `wamm`, beside
//!   the PostgreSQL journals, so that receivers and workers on any machine share one store.
//!
//! Both stores give the same answers; each commit is durable before it returns (see
//! [`EventStore::open`]).
//!
//! Neither store has a single writer, so neither is locked: any number of receivers (and
//! `wamm suppression`) may write one store at once, through any name of its file. Each POST is
//! one transaction (SQLite waits its turn, up to 5 s), and a POST or event seen before is
//! skipped by its digest, whoever recorded it first.

mod checkpoint;
mod postgres;
mod sqlite;
mod template;

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::location::Location;

use super::{Event, PreferenceValue, Received, Source, status_rank};
pub use template::TemplateEvent;
use template::{TEMPLATE_KINDS, TemplateRow, entry_time};

/// An event store, in either store.
///
/// ```
/// use marketing::webhook::{EventStore, parse_received};
///
/// let dir = tempfile::tempdir()?;
/// // A path makes an SQLite file; `postgres://...` would use that database.
/// let mut store = EventStore::open(&dir.path().join("events.db"))?;
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
///   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"read","timestamp":"1764072000",
///     "recipient_id":"447700900123"}]}}]}]}"#;
/// let recorded = store.record(body, &parse_received(body)?)?;
/// assert_eq!(recorded.new_events, 1);
/// // Meta delivers again: nothing changes.
/// assert_eq!(store.record(body, &parse_received(body)?)?.new_events, 0);
/// assert_eq!(store.delivery("wamid.A")?.map(|d| d.status), Some("read".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct EventStore {
    inner: Box<dyn Backend>,
}

/// What each store does; [`EventStore`] documents every operation once.
trait Backend: Send + std::fmt::Debug {
    /// Nothing to do for a store whose server checkpoints on its own.
    fn checkpoint_in_background(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
    fn record_many(&mut self, posts: &[&Post]) -> Result<Vec<Recorded>, StoreError>;
    fn delivery(&self, wamid: &str) -> Result<Option<Delivery>, StoreError>;
    fn pricing_category(&self, wamid: &str) -> Result<Option<String>, StoreError>;
    fn was_delivered(&self, wamid: &str) -> Result<bool, StoreError>;
    fn suppression(&self, user: &str) -> Result<Option<Suppression>, StoreError>;
    fn suppressions_of(
        &self,
        users: &[&str],
    ) -> Result<std::collections::HashMap<String, Suppression>, StoreError>;
    fn set_preference(&mut self, change: PreferenceChange<'_>) -> Result<(), StoreError>;
    fn suppressions(&self) -> Result<Vec<(String, Suppression)>, StoreError>;
    fn counts(&self) -> Result<Vec<(String, u64)>, StoreError>;
    fn template_rows(&self, after: i64) -> Result<Vec<TemplateRow>, StoreError>;
}

/// A preference set by hand: `value` (`stop` or `resume`) for `user`, from `source`, as of
/// `at` (Unix seconds).
struct PreferenceChange<'a> {
    user: &'a str,
    value: &'a str,
    source: &'a str,
    at: i64,
}

impl<'a> PreferenceChange<'a> {
    /// The change as of now.
    fn now(user: &'a str, value: &'a str, source: &'a str) -> Self {
        Self {
            user,
            value,
            source,
            at: crate::now_ms() / 1000,
        }
    }
}

/// What [`EventStore::record`] added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recorded {
    /// Events not recorded before (a redelivered event counts 0).
    pub new_events: usize,
    /// Events in the body.
    pub events: usize,
}

/// The furthest status Meta reported for one wamid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// `sent`, `delivered`, `read` or `failed` (or a newer value).
    pub status: String,
    /// When Meta stamped it (Unix seconds), if it did.
    pub at: Option<i64>,
    /// The error code of a `failed` status.
    pub code: Option<i64>,
}

/// A user who stopped marketing messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// What said so: `user_preferences` (a webhook), `131050` (a failed send) or `manual`.
    pub source: String,
    /// When (Unix seconds, as Meta stamped it).
    pub at: i64,
}

/// Reads `--events` once; a URL-like location wamm does not connect to is refused, shown
/// without its password.
fn parse(location: &Path) -> Result<Location, StoreError> {
    Location::parse(location).map_err(|e| {
        let path = e.label().to_string();
        let message = e.to_string();
        StoreError {
            message: message
                .strip_prefix(&path)
                .unwrap_or(&message)
                .trim()
                .to_string(),
            path,
        }
    })
}

/// A failure of the event store.
#[derive(Debug, thiserror::Error)]
#[error("event store {path}: {message}")]
pub struct StoreError {
    path: String,
    message: String,
}

impl EventStore {
    /// Opens the store, creating it if needed: an SQLite file (mode 0600) for a path, wamm's
    /// tables in the database for a `postgres://` URL. Every commit is durable before it
    /// returns: the SQLite file is fsync'd (WAL, `synchronous = FULL`), and PostgreSQL
    /// commits wait for the server's WAL flush (`synchronous_commit = on`, and a server with
    /// `fsync = off` is refused). So an event a receiver acknowledged survives a killed
    /// process, an OS crash and a power cut (of the database server too, for PostgreSQL).
    pub fn open(location: &Path) -> Result<Self, StoreError> {
        let parsed = parse(location)?;
        // Shown as every message shows it: a PostgreSQL URL without its password.
        let label = parsed.label();
        let inner: Box<dyn Backend> = match parsed {
            Location::File(path) => Box::new(sqlite::SqliteEvents::open(&path)?),
            postgres => Box::new(postgres::PostgresEvents::open(&postgres)?),
        };
        tracing::info!(store = %label, "event store opened");
        Ok(Self { inner })
    }

    /// Opens an existing store for reading (a report or a campaign's suppression checks),
    /// while a receiver may be writing.
    pub fn open_read_only(location: &Path) -> Result<Self, StoreError> {
        let inner: Box<dyn Backend> = match parse(location)? {
            Location::File(path) => Box::new(sqlite::SqliteEvents::open_read_only(&path)?),
            postgres => Box::new(postgres::PostgresEvents::open(&postgres)?),
        };
        Ok(Self { inner })
    }

    /// Records one POST (its body as received, and the events parsed from it) in one
    /// transaction. Idempotent: a body or an event seen before adds nothing. A user's
    /// marketing preference follows the latest event by Meta's timestamp, whatever order they
    /// arrive in; a `failed` status with 131050 (the user stopped marketing messages) counts
    /// as a stop.
    pub fn record(&mut self, body: &[u8], events: &[Received]) -> Result<Recorded, StoreError> {
        let recorded = self.record_many(&[(body, events)])?;
        Ok(recorded[0])
    }

    /// [`record`](Self::record) for several POSTs in one transaction, so that POSTs arriving
    /// together share one commit (a receiver under load commits what queued while the last
    /// commit was written). Returns one [`Recorded`] per POST, in order.
    pub fn record_many(
        &mut self,
        posts: &[(&[u8], &[Received])],
    ) -> Result<Vec<Recorded>, StoreError> {
        let posts: Vec<Post> = posts
            .iter()
            .map(|(body, events)| Post::of(body, events))
            .collect();
        self.inner.record_many(&posts.iter().collect::<Vec<_>>())
    }

    /// [`record_many`](Self::record_many) for POSTs already made ready with
    /// [`EventStore::prepare`]. A receiver prepares each POST where it was received, on any
    /// thread, so that the one thread writing the store spends its time writing.
    ///
    /// ```
    /// use marketing::webhook::{EventStore, parse_received};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let mut store = EventStore::open(&dir.path().join("events.db"))?;
    /// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
    ///   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"sent","timestamp":"1764072000",
    ///     "recipient_id":"447700900123"}]}}]}]}"#;
    /// let post = EventStore::prepare(body, &parse_received(body)?);
    /// assert_eq!(store.record_prepared(&[&post, &post])?[1].new_events, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record_prepared(
        &mut self,
        posts: &[&PreparedPost],
    ) -> Result<Vec<Recorded>, StoreError> {
        let posts: Vec<&Post> = posts.iter().map(|post| &post.0).collect();
        self.inner.record_many(&posts)
    }

    /// Moves the store's checkpoints (copying SQLite's write-ahead log into the database
    /// file) off the thread that records POSTs, onto one of their own, until the store is
    /// dropped: a receiver's writer then spends its time committing. The log is still
    /// started over whenever it passes 16 MiB, and each checkpoint syncs the database file
    /// first, so what a commit made durable stays durable. Nothing changes for PostgreSQL.
    ///
    /// ```
    /// use marketing::webhook::{EventStore, parse_received};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let mut store = EventStore::open(&dir.path().join("events.db"))?;
    /// store.checkpoint_in_background()?;
    /// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
    ///   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"sent","timestamp":"1764072000",
    ///     "recipient_id":"447700900123"}]}}]}]}"#;
    /// assert_eq!(store.record(body, &parse_received(body)?)?.new_events, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checkpoint_in_background(&mut self) -> Result<(), StoreError> {
        self.inner.checkpoint_in_background()
    }

    /// One POST (its body as received, and the events parsed from it) made ready for
    /// [`record_prepared`](Self::record_prepared): its digests computed and its events laid
    /// out as the store keeps them. Needs no store.
    pub fn prepare(body: &[u8], events: &[Received]) -> PreparedPost {
        PreparedPost(Post::of(body, events))
    }

    /// The furthest status reported for `wamid` (`sent` < `delivered` < `read` < `failed`): a
    /// late `delivered` after `read` is kept as an event but does not move it back.
    pub fn delivery(&self, wamid: &str) -> Result<Option<Delivery>, StoreError> {
        self.inner.delivery(wamid)
    }

    /// The pricing category Meta reported for `wamid` (`marketing_lite` through this API,
    /// `marketing` when it went through Cloud API instead), if a status carried one.
    pub fn pricing_category(&self, wamid: &str) -> Result<Option<String>, StoreError> {
        self.inner.pricing_category(wamid)
    }

    /// Whether any status says `wamid` reached the user (`delivered`, `read`, `played`): a
    /// `failed` for it then proves nothing about delivery.
    pub fn was_delivered(&self, wamid: &str) -> Result<bool, StoreError> {
        self.inner.was_delivered(wamid)
    }

    /// Whether a user (WhatsApp ID or BSUID) stopped marketing messages and has not resumed.
    pub fn is_suppressed(&self, user: &str) -> Result<bool, StoreError> {
        Ok(self.suppression(user)?.is_some())
    }

    /// Why a user is suppressed, when they stopped marketing messages and have not resumed.
    pub fn suppression(&self, user: &str) -> Result<Option<Suppression>, StoreError> {
        self.inner.suppression(user)
    }

    /// Which of `users` are suppressed, and why: [`suppression`](Self::suppression) for many
    /// users at once (one query to a PostgreSQL store).
    pub fn suppressions_of(
        &self,
        users: &[&str],
    ) -> Result<std::collections::HashMap<String, Suppression>, StoreError> {
        if users.is_empty() {
            return Ok(std::collections::HashMap::new());
        }
        self.inner.suppressions_of(users)
    }

    /// Adds a user to the suppression list by hand (`source` such as `manual`), as of now: a
    /// later opt-in from Meta lifts it, an earlier one does not.
    pub fn suppress(&mut self, user: &str, source: &str) -> Result<(), StoreError> {
        self.inner
            .set_preference(PreferenceChange::now(user, "stop", source))
    }

    /// Lifts a suppression by hand, as of now (a later `stop` from Meta suppresses again).
    pub fn unsuppress(&mut self, user: &str) -> Result<bool, StoreError> {
        let was = self.is_suppressed(user)?;
        self.inner
            .set_preference(PreferenceChange::now(user, "resume", "manual"))?;
        Ok(was)
    }

    /// Every suppressed user, in order (of their IDs' bytes).
    pub fn suppressions(&self) -> Result<Vec<(String, Suppression)>, StoreError> {
        self.inner.suppressions()
    }

    /// Counts of recorded events by kind, for a summary: `status`, `preference`,
    /// `user_action`, `template_status`, `inbound` (messages users sent), `opt_out` and
    /// `opt_in` (those that set a marketing preference), `other`, `unparsed`, and the account's updates by
    /// what happened (`account_update:MM_LITE_TERMS_SIGNED`).
    pub fn counts(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.inner.counts()
    }

    /// The template status, quality and category changes recorded after `after` (a
    /// [`TemplateEvent::seq`]; 0 for all), in the order they were recorded. A running
    /// campaign asks for the new ones every second, to stop when its template is paused.
    ///
    /// ```
    /// use marketing::webhook::{EventStore, parse_received};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let mut store = EventStore::open(&dir.path().join("events.db"))?;
    /// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398",
    ///   "time":1764072000,"changes":[{"field":"message_template_status_update","value":{
    ///     "event":"REJECTED","message_template_id":1402280517413391,
    ///     "message_template_name":"spring_sale","message_template_language":"en_US",
    ///     "reason":"TAG_CONTENT_MISMATCH"}}]}]}"#;
    /// store.record(body, &parse_received(body)?)?;
    /// let events = store.template_events(0)?;
    /// assert_eq!(events[0].event, "REJECTED");
    /// assert_eq!(events[0].reason.as_deref(), Some("TAG_CONTENT_MISMATCH"));
    /// assert_eq!(events[0].time, Some(1764072000));
    /// assert!(store.template_events(events[0].seq)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn template_events(&self, after: i64) -> Result<Vec<TemplateEvent>, StoreError> {
        Ok(self
            .inner
            .template_rows(after)?
            .into_iter()
            .map(TemplateEvent::of)
            .collect())
    }
}

fn failure(path: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex, as the stores keep digests.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// A POST made ready for the store by [`EventStore::prepare`].
#[derive(Debug, Clone)]
pub struct PreparedPost(Post);

impl PreparedPost {
    /// Events in the POST.
    pub fn events(&self) -> usize {
        self.0.rows.len()
    }
}

/// One POST as both stores write it: the body, its digest, and its events' rows.
#[derive(Debug, Clone)]
struct Post {
    digest: String,
    body: Vec<u8>,
    rows: Vec<Row>,
}

impl Post {
    fn of(body: &[u8], events: &[Received]) -> Self {
        Self {
            digest: digest(body),
            body: body.to_vec(),
            rows: events.iter().map(Row::of).collect(),
        }
    }
}

/// The key [`EventStore::counts`] groups by, in both stores' SQL: the kind, and for an
/// account update what happened.
const COUNT_KEY: &str =
    "CASE WHEN kind = 'account_update' THEN kind || ':' || COALESCE(status, '') ELSE kind END";

/// Writing the same upsert in both stores' SQL: a user's preference moves only to an event
/// stamped later (or a stop stamped at the same second); `{table}` is the preferences table
/// and `{user}` its user column.
fn preference_upsert(table: &str, user: &str, placeholders: [&str; 4]) -> String {
    let [u, v, t, s] = placeholders;
    format!(
        "INSERT INTO {table} AS p ({user}, value, event_time, source) VALUES ({u}, {v}, {t}, {s})
         ON CONFLICT ({user}) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source = excluded.source
         WHERE excluded.event_time > p.event_time
            OR (excluded.event_time = p.event_time AND excluded.value = 'stop')"
    )
}

/// The statement that records a change made now, by hand (`wamm suppression add|remove`): it
/// comes after everything already recorded, so it replaces a choice stamped the same second,
/// whatever that choice was (an `add` then a `remove` within a second must lift the
/// suppression). Only a choice stamped later (Meta's clock ahead of ours) stays.
fn preference_set_now(table: &str, user: &str, placeholders: [&str; 4]) -> String {
    let [u, v, t, s] = placeholders;
    format!(
        "INSERT INTO {table} AS p ({user}, value, event_time, source) VALUES ({u}, {v}, {t}, {s})
         ON CONFLICT ({user}) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source = excluded.source
         WHERE excluded.event_time >= p.event_time"
    )
}

/// One event as the stores keep it.
#[derive(Debug, Clone)]
struct Row {
    kind: &'static str,
    /// What identifies the event: a digest of everything Meta sent for it.
    digest: String,
    account: String,
    phone_number_id: Option<String>,
    wamid: Option<String>,
    status: Option<String>,
    rank: Option<i64>,
    user: Option<String>,
    code: Option<i64>,
    time: Option<i64>,
    /// The event as received.
    json: String,
    /// The user's other ID (a BSUID beside a phone number), when the event gives both.
    other_user: Option<String>,
    /// `(value, source)` when the event sets the user's marketing preference.
    preference: Option<(String, String)>,
}

/// The user an event names, as `(user, other_user)`: its phone number when it gives one, else
/// its BSUID; and the BSUID as the other ID when it gives both.
fn users(phone: &Option<String>, bsuid: &Option<String>) -> (Option<String>, Option<String>) {
    (
        phone.clone().or_else(|| bsuid.clone()),
        bsuid.clone().filter(|_| phone.is_some()),
    )
}

impl Row {
    fn of(received: &Received) -> Self {
        let row = |kind: &'static str, source: &Source| {
            // Kept and compared as received: two events differ when anything Meta sent
            // differs, including fields the types leave out; the same event redelivered is
            // the same.
            let json = received.raw.to_string();
            // The digest of "{kind}\n{account}\n{phone_number_id}\n{json}", fed in parts.
            let mut identity = Sha256::new();
            for part in [
                kind,
                &source.account,
                source.phone_number_id.as_deref().unwrap_or_default(),
            ] {
                identity.update(part.as_bytes());
                identity.update(b"\n");
            }
            identity.update(json.as_bytes());
            Row {
                kind,
                digest: hex(&identity.finalize()),
                account: source.account.clone(),
                phone_number_id: source.phone_number_id.clone(),
                wamid: None,
                status: None,
                rank: None,
                user: None,
                other_user: None,
                code: None,
                time: None,
                json,
                preference: None,
            }
        };
        match &received.event {
            Event::Status { source, status } => {
                let code = status.errors.first().map(|e| e.code);
                let (user, other_user) = users(&status.recipient_id, &status.recipient_user_id);
                Row {
                    wamid: Some(status.id.clone()),
                    status: Some(status.status.to_string()),
                    rank: Some(i64::from(status_rank(&status.status))),
                    preference: (code == Some(131050))
                        .then(|| ("stop".to_string(), "131050".to_string())),
                    user,
                    other_user,
                    code,
                    time: status.timestamp.as_deref().and_then(|t| t.parse().ok()),
                    ..row("status", source)
                }
            }
            Event::Preference { source, preference } => {
                let (user, other_user) = users(&preference.wa_id, &preference.user_id);
                Row {
                    user,
                    other_user,
                    time: preference.timestamp,
                    preference: match &preference.value {
                        PreferenceValue::Stop | PreferenceValue::Resume => {
                            Some((preference.value.to_string(), "user_preferences".to_string()))
                        }
                        _ => None,
                    },
                    ..row("preference", source)
                }
            }
            Event::TemplateStatus { source, event, .. } => Row {
                status: Some(event.clone()),
                time: entry_time(received),
                ..row("template_status", source)
            },
            Event::TemplateQuality {
                source, new_score, ..
            } => Row {
                status: new_score.clone(),
                time: entry_time(received),
                ..row("template_quality", source)
            },
            Event::TemplateCategory {
                source,
                new_category,
                correct_category,
                ..
            } => Row {
                status: new_category.clone().or_else(|| correct_category.clone()),
                time: entry_time(received),
                ..row("template_category", source)
            },
            Event::UserAction { source, action } => Row {
                status: Some(action.action_type.clone()),
                time: action.timestamp.as_deref().and_then(|t| t.parse().ok()),
                ..row("user_action", source)
            },
            Event::AccountUpdate { source, event, .. } => Row {
                status: Some(event.to_string()),
                ..row("account_update", source)
            },
            Event::Inbound {
                source,
                message,
                preference,
            } => {
                let signal = preference.as_ref().filter(|signal| {
                    matches!(
                        signal.value,
                        PreferenceValue::Stop | PreferenceValue::Resume
                    )
                });
                let (user, other_user) = users(&message.from, &message.from_user_id);
                Row {
                    user,
                    other_user,
                    status: message.type_.clone(),
                    time: message.timestamp.as_deref().and_then(|t| t.parse().ok()),
                    preference: signal
                        .map(|signal| (signal.value.to_string(), signal.source.clone())),
                    ..row(
                        match signal.map(|signal| &signal.value) {
                            Some(PreferenceValue::Stop) => "opt_out",
                            Some(_) => "opt_in",
                            None => "inbound",
                        },
                        source,
                    )
                }
            }
            Event::Other { source, field, .. } => Row {
                status: Some(field.to_string()),
                ..row("other", source)
            },
            Event::Unparsed { source, field, .. } => Row {
                status: field.clone(),
                ..row("unparsed", source)
            },
        }
    }

    /// Every ID the user is known by (a phone number and a BSUID), so that a campaign
    /// addressing them either way finds their preference.
    fn users(&self) -> impl Iterator<Item = &String> {
        self.user.iter().chain(self.other_user.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digests are what makes a redelivery a no-op, across versions too: a store written
    /// before must see the same digest for the same event.
    #[test]
    fn an_events_digest_is_the_one_earlier_versions_kept() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
          {"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},
           "statuses":[{"id":"wamid.A","status":"read","timestamp":"1764072000","recipient_id":"447700900123"}]}}]}]}"#;
        let received = crate::webhook::parse_received(body).unwrap();
        let post = Post::of(body, &received);
        let json = received[0].raw.to_string();
        let before: String =
            Sha256::digest(format!("status\n102290129340398\n106540352242922\n{json}").as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
        assert_eq!(post.rows[0].digest, before);
        let whole: String = Sha256::digest(body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(post.digest, whole);
    }
}
