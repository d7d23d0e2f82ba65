//! The list in the database, and rows claimed from it: one worker loads the list, every
//! worker claims pending rows (`FOR UPDATE SKIP LOCKED`, so no two claim one row).

use std::collections::HashSet;

use crate::pg::Connection;

use super::super::settle::settle;
use super::super::{Candidate, Op, now_ms};
use super::commit::{
    collisions, first_of, insert_skipped, insert_unsent, once_per_line, write_ops,
};
use super::workers::{alive, renew_lease};
use crate::campaign::window::{SendWindow, window_clock};

/// One row of the list as loaded into the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadRow {
    /// To be sent to `key` (the canonical address); `fields` are the row's values as a JSON
    /// array of `[column, value]` pairs.
    Pending {
        /// The row's line.
        line: u64,
        /// The canonical address.
        key: String,
        /// The row's values.
        fields: String,
        /// The recipient's time zone, when the campaign has a send window.
        timezone: Option<String>,
    },
    /// Unusable, and why.
    Invalid {
        /// The row's line.
        line: u64,
        /// Why.
        reason: String,
    },
    /// In the campaign's control group: recorded `held_out` as it is loaded, so no worker
    /// ever claims it.
    HeldOut {
        /// The row's line.
        line: u64,
    },
}

/// A row a worker claimed: it is committed in flight for that worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    /// The row's line.
    pub line: u64,
    /// Attempts with an answer made before.
    pub attempts: u32,
    /// The row's values, as loaded.
    pub values: Vec<(String, String)>,
}

/// What a claim found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claim {
    /// The rows now in flight for this worker.
    pub rows: Vec<Claimed>,
    /// Whether the whole list is loaded (so no claim finding nothing will ever find more).
    pub loaded: bool,
    /// Whether a live worker is loading the rest of the list (when it is not all loaded);
    /// checked only when nothing was claimed (otherwise: whether the list is not all loaded).
    pub loading: bool,
    /// Rows of the campaign not done: in flight (at any worker, this one included) or pending
    /// and claimable. Counted only when nothing was claimed (otherwise 0).
    pub open: u64,
    /// This worker was taken for dead (its lease ran out): it must stop; its rows in flight
    /// were marked unknown by another worker.
    pub lease_lost: bool,
    /// Of `open`, the pending rows outside their send window now.
    pub waiting: u64,
}

/// [`Workers::load`](super::super::Workers::load), in one transaction on `client`.
pub(super) fn load(
    connection: &mut Connection,
    campaign: i64,
    worker: Option<i64>,
    rows: &[LoadRow],
    through: u64,
    done: bool,
) -> Result<u64, postgres::Error> {
    let now = now_ms();
    let (client, prepared) = connection.split();
    let mut tx = client.transaction()?;
    let mut candidates = Vec::new();
    let mut fields = Vec::new();
    let mut zones: Vec<Option<&str>> = Vec::new();
    let (mut bad_lines, mut bad_reasons) = (Vec::new(), Vec::new());
    let mut held_lines = Vec::new();
    for row in rows {
        match row {
            LoadRow::Pending {
                line,
                key,
                fields: values,
                timezone,
            } => {
                candidates.push(Candidate {
                    line: *line,
                    key: key.clone(),
                });
                fields.push(values.as_str());
                zones.push(timezone.as_deref());
            }
            LoadRow::Invalid { line, reason } => {
                bad_lines.push(*line as i64);
                bad_reasons.push(reason.as_str());
            }
            LoadRow::HeldOut { line } => held_lines.push(*line as i64),
        }
    }
    let lines: Vec<i64> = candidates.iter().map(|c| c.line as i64).collect();
    let keys: Vec<&str> = candidates.iter().map(|c| c.key.as_str()).collect();
    // A list's rows are nearly always all new: one plain insert (in a savepoint) records
    // them without the per-row conflict check and confirmation an `ON CONFLICT` insert
    // writes; a batch that meets a row already there is inserted again row by row below.
    let plain = {
        let insert = prepared.get(
            &mut tx,
            "INSERT INTO wamm.recipients (campaign_id, line, key, state, fields, updated_ms, timezone)
             SELECT $1, u.line, u.key, 'pending', u.fields, $2, u.timezone
             FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[]) AS u(line, key, fields, timezone)",
        )?;
        let mut attempt = tx.savepoint("load")?;
        match attempt.execute(&insert, &[&campaign, &now, &lines, &keys, &fields, &zones]) {
            Ok(_) => {
                attempt.commit()?;
                true
            }
            Err(e) if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => {
                attempt.rollback()?;
                false
            }
            Err(e) => return Err(e),
        }
    };
    let inserted: HashSet<u64> = if plain {
        candidates.iter().map(|c| c.line).collect()
    } else {
        tx.query(
            "INSERT INTO wamm.recipients (campaign_id, line, key, state, fields, updated_ms, timezone)
             SELECT $1, u.line, u.key, 'pending', u.fields, $2, u.timezone
             FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(line, key, fields, timezone, n)
             ORDER BY u.n
             ON CONFLICT DO NOTHING RETURNING line",
            &[&campaign, &now, &lines, &keys, &fields, &zones],
        )?
        .iter()
        .map(|r| r.get::<_, i64>(0) as u64)
        .collect()
    };
    let mut skipped = 0;
    if inserted.len() < candidates.len() {
        // Rows already loaded are left alone whatever their state: only the duplicates of
        // the settlement are written.
        let found = collisions(&mut tx, campaign, &candidates, &inserted)?;
        let settlement = settle(&candidates, &inserted, &found);
        if !settlement.skipped.is_empty() {
            skipped = insert_skipped(&mut tx, campaign, now, &settlement.skipped)?;
        }
    }
    if !bad_lines.is_empty() {
        insert_unsent(&mut tx, campaign, now, "invalid", &bad_lines, &bad_reasons)?;
    }
    if !held_lines.is_empty() {
        let reasons = vec![super::super::columns::HELD_OUT; held_lines.len()];
        insert_unsent(&mut tx, campaign, now, "held_out", &held_lines, &reasons)?;
    }
    let loaded = prepared.get(
        &mut tx,
        "UPDATE wamm.campaigns SET loaded_through = GREATEST(loaded_through, $2), loaded = loaded OR $3,
             loader = CASE WHEN loaded OR $3 THEN NULL ELSE $4::int8 END
         WHERE id = $1",
    )?;
    tx.execute(&loaded, &[&campaign, &(through as i64), &done, &worker])?;
    tx.commit()?;
    Ok(skipped)
}

/// [`Workers::claim`](super::super::Workers::claim), in one transaction on `c`.
pub(super) fn claim(
    connection: &mut Connection,
    campaign: i64,
    worker: i64,
    revision: i64,
    ops: &[Op],
    limit: i64,
    window: Option<SendWindow>,
) -> Result<Claim, postgres::Error> {
    let now = now_ms();
    // Without a window every pending row is in it; with one, the row's zone decides, on
    // the window clock (which tests move).
    let (windowed, days, start, end) = match window {
        Some(w) => {
            let (start, end) = w.minutes();
            (
                true,
                i32::from(w.day_bits()),
                i32::from(start),
                i32::from(end),
            )
        }
        None => (false, 0, 0, 0),
    };
    let clock = window_clock().as_millisecond();
    let in_window = "($6 = false OR wamm.in_send_window(timezone, $7, $8, $9, $10))";
    let (client, prepared) = connection.split();
    let mut tx = client.transaction()?;
    let mut back = None;
    for group in once_per_line(ops) {
        back = first_of(
            back,
            write_ops(&mut tx, prepared, campaign, Some(worker), now, group)?,
        );
    }
    let renewed = renew_lease(&mut tx, prepared, worker)?;
    // Claims of one campaign take turns (the campaign's row stays locked to the commit), so
    // none moves the cursor past rows another is taking. `loaded` cannot change meanwhile:
    // the loader records it on this row. Locked after this transaction's row locks, and
    // `FOR NO KEY UPDATE`, the least that makes claims take turns (see `LOCK ORDER` in
    // commit.rs).
    let (cursor, loaded): (i64, bool) = {
        let turn = prepared.get(
            &mut tx,
            "SELECT claim_from, loaded FROM wamm.campaigns WHERE id = $1 FOR NO KEY UPDATE",
        )?;
        let row = tx.query_one(&turn, &[&campaign])?;
        (row.get(0), row.get(1))
    };
    // Rows this claim's own ops put back are claimable too.
    let from = first_of(Some(cursor), back).unwrap_or(cursor);
    let rows = if renewed && limit > 0 {
        // The rows to claim are chosen and locked once, in an init plan, from the cursor on,
        // and updated by their `ctid` (stable: they are locked). A join with them instead
        // was planned as a scan of the whole campaign per claim (see `ROWS BY LINE` in
        // commit.rs), and a subquery in FROM may be scanned again for each row joined, each
        // scan skipping the rows the last one locked and so claiming more than asked.
        let take = prepared.get(
            &mut tx,
            &format!("UPDATE wamm.recipients r SET state = 'in_flight', worker_id = $2, revision = $3, updated_ms = $4
             WHERE r.ctid = ANY(ARRAY(
                 SELECT ctid FROM wamm.recipients
                 WHERE campaign_id = $1 AND line >= $11 AND state = 'pending' AND fields IS NOT NULL
                   AND {in_window}
                 ORDER BY line LIMIT $5 FOR UPDATE SKIP LOCKED))
             RETURNING r.line, r.attempts, r.fields"),
        )?;
        tx.query(
            &take,
            &[
                &campaign, &worker, &revision, &now, &limit, &windowed, &clock, &days, &start,
                &end, &from,
            ],
        )?
    } else {
        Vec::new()
    };
    if let Some(last) = rows.iter().map(|r| r.get::<_, i64>(0)).max() {
        // The cursor moves past the rows taken, but never past a row still pending: one
        // whose window is closed, or one a transaction putting it back holds (which moves
        // the cursor back itself once this claim commits).
        let pending = prepared.get(
            &mut tx,
            "SELECT line FROM wamm.recipients
             WHERE campaign_id = $1 AND line >= $2 AND line < $3 AND state = 'pending'
               AND fields IS NOT NULL
             ORDER BY line LIMIT 1",
        )?;
        let passed: Option<i64> = tx
            .query_opt(&pending, &[&campaign, &from, &last])?
            .map(|r| r.get(0));
        let cursor = prepared.get(
            &mut tx,
            "UPDATE wamm.campaigns SET claim_from = $2 WHERE id = $1",
        )?;
        tx.execute(&cursor, &[&campaign, &passed.unwrap_or(last + 1)])?;
    } else if from < cursor {
        tx.execute(
            "UPDATE wamm.campaigns SET claim_from = $2 WHERE id = $1",
            &[&campaign, &from],
        )?;
    }
    // Whether the loader is alive matters (and is worth reading the lock table for)
    // only to a worker that found nothing.
    let loading = if rows.is_empty() && !loaded {
        tx.query_one(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM wamm.workers w, wamm.campaigns c
                                WHERE c.id = $1 AND w.id = c.loader AND {})",
                alive("w")
            ),
            &[&campaign],
        )?
        .get(0)
    } else {
        !loaded
    };
    // A worker that found nothing may still have to wait: rows in flight at other
    // workers, or pending rows another claim holds for the moment.
    let (open, waiting) = if rows.is_empty() && renewed {
        let row = tx.query_one(
            &format!(
                "SELECT COUNT(*),
                        COUNT(*) FILTER (WHERE state = 'pending' AND NOT {})
                 FROM wamm.recipients
                 WHERE campaign_id = $1
                   AND (state = 'in_flight' OR (state = 'pending' AND fields IS NOT NULL))",
                in_window
                    .replace("$6", "$2")
                    .replace("$7", "$3")
                    .replace("$8", "$4")
                    .replace("$9", "$5")
                    .replace("$10", "$6")
            ),
            &[&campaign, &windowed, &clock, &days, &start, &end],
        )?;
        (
            row.get::<_, i64>(0).max(0) as u64,
            row.get::<_, i64>(1).max(0) as u64,
        )
    } else {
        (0, 0)
    };
    if !renewed {
        tx.commit()?;
        return Ok(Claim {
            rows: Vec::new(),
            loaded,
            loading,
            open,
            lease_lost: true,
            waiting,
        });
    }
    tx.commit()?;
    let mut claimed: Vec<Claimed> = rows
        .iter()
        .map(|r| Claimed {
            line: r.get::<_, i64>(0) as u64,
            attempts: r.get::<_, i32>(1).max(0) as u32,
            values: r
                .get::<_, Option<String>>(2)
                .and_then(|f| serde_json::from_str(&f).ok())
                .unwrap_or_default(),
        })
        .collect();
    claimed.sort_by_key(|c| c.line);
    Ok(Claim {
        rows: claimed,
        loaded,
        loading,
        open,
        lease_lost: false,
        waiting,
    })
}
