//! A commit: outcomes written into their rows, then candidates reserved, in one transaction.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::super::columns::OutcomeColumns;
use super::super::settle::{Collisions, Settlement, settle};
use super::super::{Candidate, Op, Reservation, State};

/// Bytes a row holds while it is in flight (`reserved_space`), about what its outcome adds
/// (a wamid, the message status, the sending number). The outcome then replaces the row
/// without outgrowing its page: without the room, most outcomes overflowed a page and SQLite
/// split and rebalanced it, the largest single cost of writing an outcome.
pub(super) const OUTCOME_ROOM: i64 = 96;

/// The most rows one reservation statement inserts. A batch is reserved in statements of
/// 64, 32, ... 1 rows, so at most seven statement shapes are prepared.
const RESERVE_ROWS_MAX: usize = 64;

/// Writes each op's outcome into its row.
///
/// Most ops are sends: their statement has the state and the constant columns in its text
/// and binds the time once per commit, so each row binds only what differs (its line and
/// wamid, and the status or number when they change). Binding is a large share of a row's
/// cost, as SQLite copies every text it is given.
pub(super) fn record_outcomes(
    tx: &Connection,
    ops: &[Op],
    now: i64,
) -> Result<(), rusqlite::Error> {
    let mut sent = tx.prepare_cached(
        "UPDATE recipients SET state = 'sent', attempts = attempts + 1, wamid = ?2, message_status = ?3,
            error_code = NULL, reason = NULL, updated_ms = ?5, sent_from = ?4, reserved_space = NULL
         WHERE line = ?1",
    )?;
    sent.raw_bind_parameter(5, now)?;
    // What ?3 and ?4 hold; `None` until first bound.
    let mut bound: Option<(Option<&str>, Option<&str>)> = None;
    // Outcomes update the row reserved in flight, found by its primary key.
    let mut outcome = tx.prepare_cached(
        "UPDATE recipients SET state = ?2, attempts = attempts + 1, wamid = NULL, message_status = NULL,
            error_code = ?3, reason = ?4, updated_ms = ?5, sent_from = NULL, reserved_space = NULL
         WHERE line = ?1",
    )?;
    // Invalid rows are new; an outcome whose row is somehow missing is written whole rather
    // than lost.
    let mut upsert = tx.prepare_cached(
        "INSERT INTO recipients (line, key, state, attempts, wamid, message_status, error_code, reason, updated_ms, sent_from)
         VALUES (?1, NULL, ?2, ?8, ?3, ?4, ?5, ?6, ?7, ?9)
         ON CONFLICT(line) DO UPDATE SET state = excluded.state, attempts = attempts + excluded.attempts,
            wamid = excluded.wamid, message_status = excluded.message_status,
            error_code = excluded.error_code, reason = excluded.reason, updated_ms = excluded.updated_ms,
            sent_from = excluded.sent_from, reserved_space = NULL",
    )?;
    let mut pending = tx.prepare_cached(
        "UPDATE recipients SET state = 'pending', attempts = ?2, updated_ms = ?3, reserved_space = NULL WHERE line = ?1",
    )?;
    for op in ops {
        let line = op.line() as i64;
        let Some(c) = OutcomeColumns::of(op) else {
            if let Op::Pending { attempts, .. } = op {
                pending.execute(params![line, *attempts as i64, now])?;
            }
            continue;
        };
        let updated = match c.state {
            // The row exists only if it was reserved: a new invalid or suppressed row goes
            // straight to the upsert.
            State::Invalid | State::Suppressed | State::HeldOut => 0,
            State::Sent => {
                if bound != Some((c.status, c.from)) {
                    sent.raw_bind_parameter(3, c.status)?;
                    sent.raw_bind_parameter(4, c.from)?;
                    bound = Some((c.status, c.from));
                }
                sent.raw_bind_parameter(1, line)?;
                sent.raw_bind_parameter(2, c.wamid)?;
                sent.raw_execute()?
            }
            _ => outcome.execute(params![line, c.state.as_str(), c.code, c.reason, now])?,
        };
        if updated == 0 {
            upsert.execute(params![
                line,
                c.state.as_str(),
                c.wamid,
                c.status,
                c.code,
                c.reason,
                now,
                c.add_attempts,
                c.from
            ])?;
        }
    }
    Ok(())
}

/// Reserves `candidates`: commits each new row in flight, puts a pending one back in flight,
/// and records a recipient already on an earlier line as a duplicate. One reservation per
/// candidate, in order.
///
/// New rows, the common case, go in with multi-row inserts that name no conflict clause: a
/// statement whose rows are all new succeeds whole, and one that meets any existing line or
/// key fails whole (SQLite undoes that statement alone), and its rows are then inserted one at
/// a time and what they met is [settled](settle).
pub(super) fn reserve(
    tx: &Connection,
    candidates: &[Candidate],
    now: i64,
    revision: i64,
) -> Result<Vec<Reservation>, rusqlite::Error> {
    let mut reservations = Vec::with_capacity(candidates.len());
    let mut rest = candidates;
    while !rest.is_empty() {
        // The largest power of two that fits, up to RESERVE_ROWS_MAX.
        let rows = RESERVE_ROWS_MAX.min(1 << rest.len().ilog2());
        let (chunk, after) = rest.split_at(rows);
        rest = after;
        let mut insert = tx.prepare_cached(&RESERVE_SQL[rows.ilog2() as usize])?;
        insert.raw_bind_parameter(1, now)?;
        insert.raw_bind_parameter(2, revision)?;
        for (i, candidate) in chunk.iter().enumerate() {
            insert.raw_bind_parameter(3 + 2 * i, candidate.line as i64)?;
            insert.raw_bind_parameter(4 + 2 * i, candidate.key.as_str())?;
        }
        match insert.raw_execute() {
            Ok(_) => {
                reservations.extend(chunk.iter().map(|_| Reservation::Send { attempts: 0 }));
            }
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                reservations.extend(reserve_colliding(tx, chunk, now, revision)?);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(reservations)
}

/// The reservation statements, for 1, 2, 4, ... [`RESERVE_ROWS_MAX`] rows: written once.
static RESERVE_SQL: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0..=RESERVE_ROWS_MAX.ilog2())
        .map(|k| reserve_sql(1 << k))
        .collect()
});

/// The statement that reserves `rows` new rows: `?1` the time, `?2` the revision, then each
/// row's line and key.
fn reserve_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO recipients (line, key, state, updated_ms, revision, reserved_space) VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&format!(
            "(?{}, ?{}, 'in_flight', ?1, ?2, zeroblob({OUTCOME_ROOM}))",
            3 + 2 * i,
            4 + 2 * i
        ));
    }
    sql
}

/// Reserves a chunk that met rows already in the journal: each candidate is inserted alone,
/// in order (so of two rows for one recipient the first goes in), then what the others met
/// (their own line, or their recipient on another line) is read and settled.
fn reserve_colliding(
    tx: &Connection,
    chunk: &[Candidate],
    now: i64,
    revision: i64,
) -> Result<Vec<Reservation>, rusqlite::Error> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO recipients (line, key, state, updated_ms, revision, reserved_space) VALUES (?1, ?2, 'in_flight', ?3, ?4, zeroblob(?5)) ON CONFLICT DO NOTHING",
    )?;
    let mut inserted = HashSet::new();
    for candidate in chunk {
        if insert.execute(params![
            candidate.line as i64,
            candidate.key,
            now,
            revision,
            OUTCOME_ROOM
        ])? == 1
        {
            inserted.insert(candidate.line);
        }
    }
    let mut by_line =
        tx.prepare_cached("SELECT state, attempts FROM recipients WHERE line = ?1")?;
    let mut by_key = tx.prepare_cached("SELECT line FROM recipients WHERE key = ?1")?;
    let mut met = Collisions::default();
    for candidate in chunk.iter().filter(|c| !inserted.contains(&c.line)) {
        let own: Option<(String, i64)> = by_line
            .query_row(params![candidate.line as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match own {
            Some((state, attempts)) => {
                // A state this version does not know is left alone, as a final one is.
                let state = State::parse(&state).unwrap_or(State::Unknown);
                met.existing
                    .insert(candidate.line, (state, attempts.max(0) as u32));
            }
            None => {
                if let Some(first) = by_key
                    .query_row(params![candidate.key], |r| r.get::<_, i64>(0))
                    .optional()?
                {
                    met.first_by_key.insert(candidate.key.clone(), first as u64);
                }
            }
        }
    }
    let Settlement {
        reservations,
        rereserve,
        skipped,
    } = settle(chunk, &inserted, &met);
    let mut again = tx.prepare_cached(
        "UPDATE recipients SET state = 'in_flight', updated_ms = ?2, revision = ?3, reserved_space = zeroblob(?4) WHERE line = ?1",
    )?;
    for line in rereserve {
        again.execute(params![line as i64, now, revision, OUTCOME_ROOM])?;
    }
    let mut skip = tx.prepare_cached(
        "INSERT INTO recipients (line, key, state, reason, updated_ms) VALUES (?1, NULL, 'skipped', ?2, ?3)",
    )?;
    for (line, reason) in skipped {
        skip.execute(params![line as i64, reason, now])?;
    }
    Ok(reservations)
}
