//! The event store: where a webhook receiver records what Meta reported, durably, before it
//! answers. One SQLite file shared by every campaign (a wamid is unique across them); a
//! campaign's report reads it beside its journal. It is a separate file from the journals
//! because a running campaign holds its journal's writer lock while the receiver writes.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{Event, PreferenceValue, Received, Source, status_rank};

/// An event store file.
///
/// ```
/// use marketing::webhook::{EventStore, parse_received};
///
/// let dir = tempfile::tempdir()?;
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
    conn: Connection,
    path: String,
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

/// A failure of the event store.
#[derive(Debug, thiserror::Error)]
#[error("event store {path}: {message}")]
pub struct StoreError {
    path: String,
    message: String,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL,
    received_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    delivery INTEGER NOT NULL,
    kind TEXT NOT NULL,
    account TEXT NOT NULL,
    phone_number_id TEXT,
    wamid TEXT,
    status TEXT,
    rank INTEGER,
    user TEXT,
    code INTEGER,
    event_time INTEGER,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_wamid ON events (wamid, rank) WHERE wamid IS NOT NULL;
CREATE TABLE IF NOT EXISTS preferences (
    user TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    event_time INTEGER NOT NULL,
    source TEXT NOT NULL
);
";

impl EventStore {
    /// Opens the store, creating it (mode 0600) if needed. Every commit is fsync'd before it
    /// returns (WAL, `synchronous = FULL`), so an event a receiver acknowledged survives a
    /// killed process, an OS crash and a power cut.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let fail = |e: rusqlite::Error| StoreError {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        if !path.exists() {
            use std::os::unix::fs::OpenOptionsExt;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .map_err(|e| StoreError {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
        }
        let conn = Connection::open(path).map_err(fail)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(fail)?;
        conn.execute_batch(SCHEMA).map_err(fail)?;
        Ok(Self {
            conn,
            path: path.display().to_string(),
        })
    }

    /// Opens an existing store for reading only (a report), while a receiver may be writing.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(failure(&path.display().to_string(), "does not exist"));
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(|conn| {
            conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get::<_, i64>(0))?;
            Ok(conn)
        })
        .map_err(|e| {
            failure(
                &path.display().to_string(),
                format!("not an event store: {e}"),
            )
        })?;
        Ok(Self {
            conn,
            path: path.display().to_string(),
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> StoreError {
        failure(&self.path, e)
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
    /// together share one fsync (a receiver under load commits what queued while the last
    /// commit was written). Returns one [`Recorded`] per POST, in order.
    pub fn record_many(
        &mut self,
        posts: &[(&[u8], &[Received])],
    ) -> Result<Vec<Recorded>, StoreError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default();
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| failure(&path, e))?;
        let mut all = Vec::with_capacity(posts.len());
        for (body, events) in posts {
            let recorded = record_one(&tx, body, events, now).map_err(|e| failure(&path, e))?;
            all.push(recorded);
        }
        tx.commit().map_err(|e| failure(&path, e))?;
        Ok(all)
    }

    /// The furthest status reported for `wamid` (`sent` < `delivered` < `read` < `failed`): a
    /// late `delivered` after `read` is kept as an event but does not move it back.
    pub fn delivery(&self, wamid: &str) -> Result<Option<Delivery>, StoreError> {
        self.conn
            .query_row(
                "SELECT status, event_time, code FROM events WHERE wamid = ?1 AND kind = 'status'
                 ORDER BY rank DESC, event_time DESC, id DESC LIMIT 1",
                params![wamid],
                |r| {
                    Ok(Delivery {
                        status: r.get(0)?,
                        at: r.get(1)?,
                        code: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The pricing category Meta reported for `wamid` (`marketing_lite` through this API,
    /// `marketing` when it went through Cloud API instead), if a status carried one.
    pub fn pricing_category(&self, wamid: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT json_extract(json, '$.pricing.category') AS category FROM events
                 WHERE wamid = ?1 AND kind = 'status' AND category IS NOT NULL LIMIT 1",
            )
            .and_then(|mut s| s.query_row(params![wamid], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Whether any status says `wamid` reached the user (`delivered`, `read`, `played`): a
    /// `failed` for it then proves nothing about delivery.
    pub fn was_delivered(&self, wamid: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM events WHERE wamid = ?1 AND kind = 'status'
                 AND status IN ('delivered', 'read', 'played'))",
            )
            .and_then(|mut s| s.query_row(params![wamid], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    /// Whether a user (WhatsApp ID or BSUID) stopped marketing messages and has not resumed.
    pub fn is_suppressed(&self, user: &str) -> Result<bool, StoreError> {
        Ok(self.suppression(user)?.is_some())
    }

    /// Why a user is suppressed, when they stopped marketing messages and have not resumed.
    pub fn suppression(&self, user: &str) -> Result<Option<Suppression>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT source, event_time FROM preferences WHERE user = ?1 AND value = 'stop'",
            )
            .and_then(|mut s| {
                s.query_row(params![user], |r| {
                    Ok(Suppression {
                        source: r.get(0)?,
                        at: r.get(1)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// Adds a user to the suppression list by hand (`source` such as `manual`), as of now: a
    /// later opt-in from Meta lifts it, an earlier one does not.
    pub fn suppress(&mut self, user: &str, source: &str) -> Result<(), StoreError> {
        self.set_preference(user, "stop", source)
    }

    /// Lifts a suppression by hand, as of now (a later `stop` from Meta suppresses again).
    pub fn unsuppress(&mut self, user: &str) -> Result<bool, StoreError> {
        let was = self.is_suppressed(user)?;
        self.set_preference(user, "resume", "manual")?;
        Ok(was)
    }

    fn set_preference(&mut self, user: &str, value: &str, source: &str) -> Result<(), StoreError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        self.conn
            .execute(
                "INSERT INTO preferences (user, value, event_time, source) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source = excluded.source
                 WHERE excluded.event_time > preferences.event_time
                    OR (excluded.event_time = preferences.event_time AND excluded.value = 'stop')",
                params![user, value, now, source],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every suppressed user, in order.
    pub fn suppressions(&self) -> Result<Vec<(String, Suppression)>, StoreError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT user, source, event_time FROM preferences WHERE value = 'stop' ORDER BY user",
            )
            .map_err(|e| self.err(e))?;
        let rows = statement
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Suppression {
                        source: r.get(1)?,
                        at: r.get(2)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Counts of recorded events by kind, for a summary.
    pub fn counts(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind")
            .map_err(|e| self.err(e))?;
        let rows = statement
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// One POST's body and events, inside the caller's transaction.
fn record_one(
    tx: &rusqlite::Transaction<'_>,
    body: &[u8],
    events: &[Received],
    now: i64,
) -> rusqlite::Result<Recorded> {
    let mut recorded = Recorded {
        new_events: 0,
        events: events.len(),
    };
    let body_digest = digest(body);
    tx.prepare_cached(
        "INSERT INTO deliveries (digest, body, received_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?
    .execute(params![body_digest, body, now])?;
    let delivery: i64 = tx
        .prepare_cached("SELECT id FROM deliveries WHERE digest = ?1")?
        .query_row(params![body_digest], |r| r.get(0))?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (digest, delivery, kind, account, phone_number_id, wamid, status, rank, user, code, event_time, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING",
    )?;
    let mut prefer = tx.prepare_cached(
        "INSERT INTO preferences (user, value, event_time, source) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source = excluded.source
         WHERE excluded.event_time > preferences.event_time
            OR (excluded.event_time = preferences.event_time AND excluded.value = 'stop')",
    )?;
    for received in events {
        let row = Row::of(&received.event);
        // Kept and compared as received: two events differ when anything Meta sent differs,
        // including fields the types leave out; the same event redelivered is the same.
        let json = received.raw.to_string();
        let identity = format!(
            "{}\n{}\n{}\n{json}",
            row.kind,
            row.source.account,
            row.source.phone_number_id.as_deref().unwrap_or_default()
        );
        let added = insert.execute(params![
            digest(identity.as_bytes()),
            delivery,
            row.kind,
            row.source.account,
            row.source.phone_number_id,
            row.wamid,
            row.status,
            row.rank,
            row.user,
            row.code,
            row.time,
            json
        ])?;
        if added == 0 {
            continue;
        }
        recorded.new_events += 1;
        if let Some((value, source)) = &row.preference {
            // Under every ID the user is known by (a phone number and a BSUID), so that a
            // campaign addressing them either way finds it.
            for user in row.user.iter().chain(row.other_user.iter()) {
                prefer.execute(params![user, value, row.time.unwrap_or(0), source])?;
            }
        }
    }
    Ok(recorded)
}

fn failure(path: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// One event as the store keeps it.
struct Row<'a> {
    kind: &'static str,
    source: &'a Source,
    wamid: Option<&'a str>,
    status: Option<String>,
    rank: Option<i64>,
    user: Option<String>,
    code: Option<i64>,
    time: Option<i64>,
    /// The user's other ID (a BSUID beside a phone number), when the event gives both.
    other_user: Option<String>,
    /// `(value, source)` when the event sets the user's marketing preference.
    preference: Option<(String, &'static str)>,
}

impl<'a> Row<'a> {
    fn of(event: &'a Event) -> Self {
        let row = |kind, source| Row {
            kind,
            source,
            wamid: None,
            status: None,
            rank: None,
            user: None,
            other_user: None,
            code: None,
            time: None,
            preference: None,
        };
        match event {
            Event::Status { source, status } => {
                let code = status.errors.first().map(|e| e.code);
                let user = status
                    .recipient_id
                    .clone()
                    .or_else(|| status.recipient_user_id.clone());
                Row {
                    wamid: Some(&status.id),
                    status: Some(status.status.to_string()),
                    rank: Some(i64::from(status_rank(&status.status))),
                    preference: (code == Some(131050)).then(|| ("stop".to_string(), "131050")),
                    other_user: status
                        .recipient_user_id
                        .clone()
                        .filter(|_| status.recipient_id.is_some()),
                    user,
                    code,
                    time: status.timestamp.as_deref().and_then(|t| t.parse().ok()),
                    ..row("status", source)
                }
            }
            Event::Preference { source, preference } => Row {
                user: preference
                    .wa_id
                    .clone()
                    .or_else(|| preference.user_id.clone()),
                other_user: preference
                    .user_id
                    .clone()
                    .filter(|_| preference.wa_id.is_some()),
                time: preference.timestamp,
                preference: match &preference.value {
                    PreferenceValue::Stop | PreferenceValue::Resume => {
                        Some((preference.value.to_string(), "user_preferences"))
                    }
                    _ => None,
                },
                ..row("preference", source)
            },
            Event::TemplateStatus { source, event, .. } => Row {
                status: Some(event.clone()),
                ..row("template_status", source)
            },
            Event::UserAction { source, action } => Row {
                status: Some(action.action_type.clone()),
                time: action.timestamp.as_deref().and_then(|t| t.parse().ok()),
                ..row("user_action", source)
            },
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
}
