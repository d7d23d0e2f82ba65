//! The event store in PostgreSQL: the tables `wamm.webhook_deliveries`, `wamm.webhook_events`
//! and `wamm.preferences` (migration 0004), in the same database as the PostgreSQL journals.
//! Any number of receivers may write at once: an event or a POST seen before is skipped by its
//! unique digest, whichever receiver got it first.

use super::{
    Backend, COUNT_KEY, Delivery, Post, PreferenceChange, Recorded, StoreError, Suppression,
    TEMPLATE_KINDS, TemplateRow, failure, preference_set_now, preference_upsert,
};
use crate::location::Location;
use crate::pg::{Connection, Prepared, Session, describe};

/// The event store's tables in a PostgreSQL database.
pub(super) struct PostgresEvents {
    session: Session,
    /// The URL without its password: how messages name this store.
    label: String,
}

impl std::fmt::Debug for PostgresEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresEvents")
            .field("store", &self.label)
            .finish_non_exhaustive()
    }
}

impl PostgresEvents {
    /// Connects (a `#name` after the URL, which names a journal's campaign, is ignored: the
    /// store serves every campaign).
    pub(super) fn open(location: &Location) -> Result<Self, StoreError> {
        let label = location.database_label();
        let Location::Postgres { url, .. } = location else {
            return Err(failure(&label, "not a PostgreSQL URL"));
        };
        let session = Session::start(url, &label).map_err(|e| failure(&label, e))?;
        Ok(Self { session, label })
    }

    /// Runs `job` on the connection's thread; a database error is worded with the store's
    /// name.
    fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Connection) -> Result<R, postgres::Error> + Send + 'static,
    ) -> Result<R, StoreError> {
        self.session
            .call(job)
            .map_err(|e| failure(&self.label, e))?
            .map_err(|e| failure(&self.label, describe(&e)))
    }
}

impl Backend for PostgresEvents {
    fn record_many(&mut self, posts: &[&Post]) -> Result<Vec<Recorded>, StoreError> {
        // The connection's thread takes its own copy.
        let posts: Vec<Post> = posts.iter().map(|post| (*post).clone()).collect();
        self.run(move |connection| {
            let now = crate::now_ms();
            let (client, prepared) = connection.split();
            let mut tx = client.transaction()?;
            let statements = Statements::prepare(&mut tx, prepared)?;
            let mut all = Vec::with_capacity(posts.len());
            for post in &posts {
                all.push(record_one(&mut tx, &statements, post, now)?);
            }
            tx.commit()?;
            Ok(all)
        })
    }

    fn delivery(&self, wamid: &str) -> Result<Option<Delivery>, StoreError> {
        let wamid = wamid.to_string();
        self.run(move |client| {
            // NULLS LAST: the order SQLite gives, where NULL sorts lowest.
            let row = client.query_opt(
                "SELECT status, event_time, code FROM wamm.webhook_events
                 WHERE wamid = $1 AND kind = 'status'
                 ORDER BY rank DESC NULLS LAST, event_time DESC NULLS LAST, id DESC LIMIT 1",
                &[&wamid],
            )?;
            Ok(row.map(|r| Delivery {
                status: r.get(0),
                at: r.get(1),
                code: r.get(2),
            }))
        })
    }

    fn pricing_category(&self, wamid: &str) -> Result<Option<String>, StoreError> {
        let wamid = wamid.to_string();
        self.run(move |client| {
            let row = client.query_opt(
                "SELECT category FROM (
                     SELECT json::jsonb -> 'pricing' ->> 'category' AS category, id
                     FROM wamm.webhook_events WHERE wamid = $1 AND kind = 'status'
                 ) s WHERE category IS NOT NULL ORDER BY id LIMIT 1",
                &[&wamid],
            )?;
            Ok(row.map(|r| r.get(0)))
        })
    }

    fn was_delivered(&self, wamid: &str) -> Result<bool, StoreError> {
        let wamid = wamid.to_string();
        self.run(move |client| {
            client
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM wamm.webhook_events WHERE wamid = $1
                     AND kind = 'status' AND status IN ('delivered', 'read', 'played'))",
                    &[&wamid],
                )
                .map(|r| r.get(0))
        })
    }

    fn suppression(&self, user: &str) -> Result<Option<Suppression>, StoreError> {
        let user = user.to_string();
        self.run(move |client| {
            let row = client.query_opt(
                "SELECT source, event_time FROM wamm.preferences WHERE user_id = $1 AND value = 'stop'",
                &[&user],
            )?;
            Ok(row.map(|r| Suppression {
                source: r.get(0),
                at: r.get(1),
            }))
        })
    }

    fn suppressions_of(
        &self,
        users: &[&str],
    ) -> Result<std::collections::HashMap<String, Suppression>, StoreError> {
        let users: Vec<String> = users.iter().map(|u| u.to_string()).collect();
        self.run(move |client| {
            let rows = client.query(
                "SELECT user_id, source, event_time FROM wamm.preferences
                 WHERE user_id = ANY($1) AND value = 'stop'",
                &[&users],
            )?;
            Ok(rows.iter().map(suppressed_user).collect())
        })
    }

    fn set_preference(&mut self, change: PreferenceChange<'_>) -> Result<(), StoreError> {
        let (user, value, source) = (
            change.user.to_string(),
            change.value.to_string(),
            change.source.to_string(),
        );
        let at = change.at;
        self.run(move |client| {
            client.execute(
                &preference_set_now("wamm.preferences", "user_id", ["$1", "$2", "$3", "$4"]),
                &[&user, &value, &at, &source],
            )?;
            Ok(())
        })
    }

    fn suppressions(&self) -> Result<Vec<(String, Suppression)>, StoreError> {
        self.run(|client| {
            // COLLATE "C": by the IDs' bytes, as SQLite orders them.
            let rows = client.query(
                "SELECT user_id, source, event_time FROM wamm.preferences WHERE value = 'stop'
                 ORDER BY user_id COLLATE \"C\"",
                &[],
            )?;
            Ok(rows.iter().map(suppressed_user).collect())
        })
    }

    fn counts(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.run(|client| {
            let rows = client.query(
                &format!(
                    "SELECT k, COUNT(*) FROM (SELECT {COUNT_KEY} AS k FROM wamm.webhook_events) e
                     GROUP BY k ORDER BY k COLLATE \"C\""
                ),
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
                .collect())
        })
    }

    fn template_rows(&self, after: i64) -> Result<Vec<TemplateRow>, StoreError> {
        self.run(move |client| {
            let rows = client.query(
                &format!(
                    "SELECT e.id, e.kind, e.json, d.received_ms FROM wamm.webhook_events e
                     JOIN wamm.webhook_deliveries d ON d.id = e.delivery
                     WHERE e.kind IN {TEMPLATE_KINDS} AND e.id > $1 ORDER BY e.id"
                ),
                &[&after],
            )?;
            Ok(rows
                .iter()
                .map(|r| TemplateRow {
                    seq: r.get(0),
                    kind: r.get(1),
                    json: r.get(2),
                    received_ms: r.get(3),
                })
                .collect())
        })
    }
}

/// A row of `user_id, source, event_time` from `wamm.preferences`.
fn suppressed_user(row: &postgres::Row) -> (String, Suppression) {
    (
        row.get(0),
        Suppression {
            source: row.get(1),
            at: row.get(2),
        },
    )
}

/// The statements recording takes, prepared once per connection (see [`Prepared`]), not once
/// per group of POSTs.
struct Statements {
    delivery: postgres::Statement,
    insert: postgres::Statement,
    prefer: postgres::Statement,
}

impl Statements {
    fn prepare(
        tx: &mut postgres::Transaction<'_>,
        prepared: &mut Prepared,
    ) -> Result<Self, postgres::Error> {
        Ok(Self {
            // A new body answers its ID in the same round trip; only a redelivered one is
            // looked up.
            delivery: prepared.get(
                tx,
                "INSERT INTO wamm.webhook_deliveries (digest, body, received_ms) VALUES ($1, $2, $3)
                 ON CONFLICT (digest) DO NOTHING RETURNING id",
            )?,
            insert: prepared.get(
                tx,
                "INSERT INTO wamm.webhook_events (digest, delivery, kind, account, phone_number_id, wamid,
                     status, rank, user_id, code, event_time, json)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (digest) DO NOTHING",
            )?,
            prefer: prepared.get(
                tx,
                &preference_upsert("wamm.preferences", "user_id", ["$1", "$2", "$3", "$4"]),
            )?,
        })
    }
}

/// One POST's body and events, inside the caller's transaction.
fn record_one(
    tx: &mut postgres::Transaction<'_>,
    statements: &Statements,
    post: &Post,
    now: i64,
) -> Result<Recorded, postgres::Error> {
    let mut recorded = Recorded {
        new_events: 0,
        events: post.rows.len(),
    };
    let delivery: i64 =
        match tx.query_opt(&statements.delivery, &[&post.digest, &post.body, &now])? {
            Some(row) => row.get(0),
            None => tx
                .query_one(
                    "SELECT id FROM wamm.webhook_deliveries WHERE digest = $1",
                    &[&post.digest],
                )?
                .get(0),
        };
    let (insert, prefer) = (&statements.insert, &statements.prefer);
    for row in &post.rows {
        let rank = row.rank.map(|r| r as i32);
        let added = tx.execute(
            insert,
            &[
                &row.digest,
                &delivery,
                &row.kind,
                &row.account,
                &row.phone_number_id,
                &row.wamid,
                &row.status,
                &rank,
                &row.user,
                &row.code,
                &row.time,
                &row.json,
            ],
        )?;
        if added == 0 {
            continue;
        }
        recorded.new_events += 1;
        if let Some((value, source)) = &row.preference {
            let at = row.time.unwrap_or(0);
            for user in row.users() {
                tx.execute(prefer, &[user, value, &at, source])?;
            }
        }
    }
    Ok(recorded)
}
