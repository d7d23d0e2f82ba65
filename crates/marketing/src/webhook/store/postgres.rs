//! The event store in PostgreSQL: the tables `wamm.webhook_deliveries`, `wamm.webhook_events`
//! and `wamm.preferences` (migration 0004), in the same database as the PostgreSQL journals.
//! Any number of receivers may write at once: an event or a POST seen before is skipped by its
//! unique digest, whichever receiver got it first.

use std::collections::{HashMap, HashSet};

use super::{
    Backend, COUNT_KEY, Delivery, Post, PreferenceChange, Recorded, Row, StoreError, Suppression,
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
            let all = record_group(&mut tx, prepared, &posts, now)?;
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

    fn suppressions_of(&self, users: &[&str]) -> Result<HashMap<String, Suppression>, StoreError> {
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

/// One group of POSTs, inside the caller's transaction: every body in one statement, then
/// every event in one, whatever the group's size. Returns what each POST added, in order.
///
/// A statement per POST cost the server more than the rows it wrote (two statements a
/// single-event POST, each a round trip the server parses, runs and answers); arrays make a
/// group of POSTs two round trips. Rows go in in the group's order, so events keep the order
/// they arrived in (their IDs), and of two copies of an event in one group the first is the
/// one recorded, as one by one.
fn record_group(
    tx: &mut postgres::Transaction<'_>,
    prepared: &mut Prepared,
    posts: &[Post],
    now: i64,
) -> Result<Vec<Recorded>, postgres::Error> {
    // Bodies: a new one answers its ID; one seen before (a redelivery) is looked up.
    let digests: Vec<&str> = posts.iter().map(|post| post.digest.as_str()).collect();
    let bodies: Vec<&[u8]> = posts.iter().map(|post| post.body.as_slice()).collect();
    let add_bodies = prepared.get(
        tx,
        "INSERT INTO wamm.webhook_deliveries (digest, body, received_ms)
         SELECT u.digest, u.body, $3
         FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(digest, body, n)
         ORDER BY u.n
         ON CONFLICT (digest) DO NOTHING RETURNING digest, id",
    )?;
    let mut delivery: HashMap<String, i64> = tx
        .query(&add_bodies, &[&digests, &bodies, &now])?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let known: Vec<&str> = digests
        .iter()
        .copied()
        .filter(|digest| !delivery.contains_key(*digest))
        .collect();
    if !known.is_empty() {
        let find_bodies = prepared.get(
            tx,
            "SELECT d.digest, d.id FROM unnest($1::text[]) AS u(digest)
             CROSS JOIN LATERAL (
                 SELECT digest, id FROM wamm.webhook_deliveries WHERE digest = u.digest OFFSET 0) AS d",
        )?;
        for row in tx.query(&find_bodies, &[&known])? {
            delivery.insert(row.get(0), row.get(1));
        }
    }

    // Events: each once (the first copy in the group), in the group's order.
    let mut met = HashSet::new();
    let mut columns = EventColumns::default();
    for post in posts {
        let id = delivery.get(&post.digest).copied().unwrap_or_default();
        for row in post
            .rows
            .iter()
            .filter(|row| met.insert(row.digest.as_str()))
        {
            columns.push(id, row);
        }
    }
    let add_events = prepared.get(
        tx,
        "INSERT INTO wamm.webhook_events (digest, delivery, kind, account, phone_number_id, wamid,
             status, rank, user_id, code, event_time, json)
         SELECT u.digest, u.delivery, u.kind, u.account, u.phone_number_id, u.wamid, u.status,
             u.rank, u.user_id, u.code, u.event_time, u.json
         FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::int4[], $9::text[], $10::int8[], $11::int8[], $12::text[])
             WITH ORDINALITY AS u(digest, delivery, kind, account, phone_number_id, wamid, status,
                                  rank, user_id, code, event_time, json, n)
         ORDER BY u.n
         ON CONFLICT (digest) DO NOTHING RETURNING digest",
    )?;
    let added: HashSet<String> = tx
        .query(
            &add_events,
            &[
                &columns.digest,
                &columns.delivery,
                &columns.kind,
                &columns.account,
                &columns.phone_number_id,
                &columns.wamid,
                &columns.status,
                &columns.rank,
                &columns.user,
                &columns.code,
                &columns.time,
                &columns.json,
            ],
        )?
        .iter()
        .map(|row| row.get(0))
        .collect();

    // What each POST added, and the preferences its new events set, in order.
    let prefer = prepared.get(
        tx,
        &preference_upsert("wamm.preferences", "user_id", ["$1", "$2", "$3", "$4"]),
    )?;
    let mut counted = HashSet::new();
    let mut all = Vec::with_capacity(posts.len());
    for post in posts {
        let mut recorded = Recorded {
            new_events: 0,
            events: post.rows.len(),
        };
        for row in &post.rows {
            if !added.contains(&row.digest) || !counted.insert(row.digest.as_str()) {
                continue;
            }
            recorded.new_events += 1;
            if let Some((value, source)) = &row.preference {
                let at = row.time.unwrap_or(0);
                for user in row.users() {
                    tx.execute(&prefer, &[user, value, &at, source])?;
                }
            }
        }
        all.push(recorded);
    }
    Ok(all)
}

/// The events of a group, a column each, for one insert over arrays.
#[derive(Default)]
struct EventColumns<'a> {
    digest: Vec<&'a str>,
    delivery: Vec<i64>,
    kind: Vec<&'a str>,
    account: Vec<&'a str>,
    phone_number_id: Vec<Option<&'a str>>,
    wamid: Vec<Option<&'a str>>,
    status: Vec<Option<&'a str>>,
    rank: Vec<Option<i32>>,
    user: Vec<Option<&'a str>>,
    code: Vec<Option<i64>>,
    time: Vec<Option<i64>>,
    json: Vec<&'a str>,
}

impl<'a> EventColumns<'a> {
    fn push(&mut self, delivery: i64, row: &'a Row) {
        self.digest.push(&row.digest);
        self.delivery.push(delivery);
        self.kind.push(row.kind);
        self.account.push(&row.account);
        self.phone_number_id.push(row.phone_number_id.as_deref());
        self.wamid.push(row.wamid.as_deref());
        self.status.push(row.status.as_deref());
        self.rank.push(row.rank.map(|rank| rank as i32));
        self.user.push(row.user.as_deref());
        self.code.push(row.code);
        self.time.push(row.time);
        self.json.push(&row.json);
    }
}
