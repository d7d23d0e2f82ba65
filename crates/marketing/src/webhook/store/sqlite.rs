//! The event store in an SQLite file.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::checkpoint::{Checkpointer, RESTART_FRAMES};
use super::{
    Backend, COUNT_KEY, Delivery, Post, PreferenceChange, Recorded, StoreError, Suppression,
    TEMPLATE_KINDS, TemplateRow, failure, preference_set_now, preference_upsert,
};

/// An event store file.
#[derive(Debug)]
pub(super) struct SqliteEvents {
    /// Declared first, so dropped first: its connection closes before `conn`, whose close
    /// (the last one) then checkpoints the log and removes it.
    checkpointer: Option<Checkpointer>,
    conn: Connection,
    path: String,
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
-- Template events, which a running campaign looks for every second (added in issue 28; a
-- store from before gets it the first time a receiver opens it).
CREATE INDEX IF NOT EXISTS events_template ON events (id)
    WHERE kind IN ('template_status', 'template_quality', 'template_category');
CREATE TABLE IF NOT EXISTS preferences (
    user TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    event_time INTEGER NOT NULL,
    source TEXT NOT NULL
);
";

impl SqliteEvents {
    /// Opens the file, creating it (mode 0600) if needed; WAL with `synchronous = FULL`.
    pub(super) fn open(path: &Path) -> Result<Self, StoreError> {
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
            checkpointer: None,
            conn,
            path: path.display().to_string(),
        })
    }

    /// Opens an existing file for reading only, while a receiver may be writing.
    pub(super) fn open_read_only(path: &Path) -> Result<Self, StoreError> {
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
            checkpointer: None,
            conn,
            path: path.display().to_string(),
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> StoreError {
        failure(&self.path, e)
    }
}

impl Backend for SqliteEvents {
    fn checkpoint_in_background(&mut self) -> Result<(), StoreError> {
        if self.checkpointer.is_some() {
            return Ok(());
        }
        // Started before the writer stops checkpointing, so the log never goes unchecked.
        let checkpointer = Checkpointer::start(Path::new(&self.path)).map_err(|e| self.err(e))?;
        self.conn
            .execute_batch(&format!(
                "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {};",
                RESTART_FRAMES * 4096 * 2
            ))
            .map_err(|e| self.err(e))?;
        self.checkpointer = Some(checkpointer);
        Ok(())
    }

    fn record_many(&mut self, posts: &[&Post]) -> Result<Vec<Recorded>, StoreError> {
        let now = crate::now_ms();
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| failure(&path, e))?;
        let mut all = Vec::with_capacity(posts.len());
        for post in posts {
            let recorded = record_one(&tx, post, now).map_err(|e| failure(&path, e))?;
            all.push(recorded);
        }
        tx.commit().map_err(|e| failure(&path, e))?;
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.restart_if_due(&self.conn);
        }
        Ok(all)
    }

    /// The furthest status reported for `wamid` (`sent` < `delivered` < `read` < `failed`): a
    /// late `delivered` after `read` is kept as an event but does not move it back.
    fn delivery(&self, wamid: &str) -> Result<Option<Delivery>, StoreError> {
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
    fn pricing_category(&self, wamid: &str) -> Result<Option<String>, StoreError> {
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
    fn was_delivered(&self, wamid: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM events WHERE wamid = ?1 AND kind = 'status'
                 AND status IN ('delivered', 'read', 'played'))",
            )
            .and_then(|mut s| s.query_row(params![wamid], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    /// Why a user is suppressed, when they stopped marketing messages and have not resumed.
    fn suppression(&self, user: &str) -> Result<Option<Suppression>, StoreError> {
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

    /// One indexed lookup per user: a local file answers them faster than it would parse a
    /// list.
    fn suppressions_of(
        &self,
        users: &[&str],
    ) -> Result<std::collections::HashMap<String, Suppression>, StoreError> {
        let mut found = std::collections::HashMap::new();
        for user in users {
            if let Some(suppression) = self.suppression(user)? {
                found.insert(user.to_string(), suppression);
            }
        }
        Ok(found)
    }

    fn set_preference(&mut self, change: PreferenceChange<'_>) -> Result<(), StoreError> {
        self.conn
            .execute(
                &preference_set_now("preferences", "user", ["?1", "?2", "?3", "?4"]),
                params![change.user, change.value, change.at, change.source],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every suppressed user, in order.
    fn suppressions(&self) -> Result<Vec<(String, Suppression)>, StoreError> {
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
    fn counts(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT k, COUNT(*) FROM (SELECT {COUNT_KEY} AS k FROM events) GROUP BY k ORDER BY k"
            ))
            .map_err(|e| self.err(e))?;
        let rows = statement
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    fn template_rows(&self, after: i64) -> Result<Vec<TemplateRow>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id, e.kind, e.json, d.received_ms FROM events e
                 JOIN deliveries d ON d.id = e.delivery
                 WHERE e.kind IN {TEMPLATE_KINDS} AND e.id > ?1 ORDER BY e.id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = statement
            .query_map(params![after], |r| {
                Ok(TemplateRow {
                    seq: r.get(0)?,
                    kind: r.get(1)?,
                    json: r.get(2)?,
                    received_ms: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// One POST's body and events, inside the caller's transaction.
fn record_one(tx: &rusqlite::Transaction<'_>, post: &Post, now: i64) -> rusqlite::Result<Recorded> {
    let mut recorded = Recorded {
        new_events: 0,
        events: post.rows.len(),
    };
    // A new body's ID is the row just inserted; only a redelivered one is looked up. (Not
    // `RETURNING id`: SQLite gathers returned rows in a temporary B-tree, opened, filled and
    // closed for every POST, which cost more than the insert itself.)
    let inserted = tx
        .prepare_cached(
            "INSERT INTO deliveries (digest, body, received_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![post.digest, post.body, now])?;
    let delivery: i64 = if inserted == 1 {
        tx.last_insert_rowid()
    } else {
        tx.prepare_cached("SELECT id FROM deliveries WHERE digest = ?1")?
            .query_row(params![post.digest], |r| r.get(0))?
    };
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (digest, delivery, kind, account, phone_number_id, wamid, status, rank, user, code, event_time, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING",
    )?;
    let mut prefer = tx.prepare_cached(&preference_upsert(
        "preferences",
        "user",
        ["?1", "?2", "?3", "?4"],
    ))?;
    for row in &post.rows {
        let added = insert.execute(params![
            row.digest,
            delivery,
            row.kind,
            row.account,
            row.phone_number_id,
            row.wamid,
            row.status,
            row.rank,
            row.user,
            row.code,
            row.time,
            row.json
        ])?;
        if added == 0 {
            continue;
        }
        recorded.new_events += 1;
        if let Some((value, source)) = &row.preference {
            for user in row.users() {
                prefer.execute(params![user, value, row.time.unwrap_or(0), source])?;
            }
        }
    }
    Ok(recorded)
}
