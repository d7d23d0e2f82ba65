//! A commit in PostgreSQL: ops written, then candidates reserved, each step one statement
//! over arrays whatever the batch's size, so a commit costs a handful of round trips.
//!
//! ROWS BY LINE. A statement over a batch finds each of its rows with one probe of an index,
//! in a form the planner cannot turn into a scan: an upsert (its conflict check probes the
//! primary key), a `LATERAL` subquery per line (fenced by `OFFSET 0` or `FOR UPDATE`, so it
//! is not flattened into a join), or rows locked first and then updated by `ctid`. A join
//! of the batch with `wamm.recipients`, or `line = ANY(...)`, is planned from the table's
//! statistics, and a campaign being loaded has always outgrown them (a new campaign in a
//! table of older ones, any campaign before autovacuum's next `ANALYZE`): such statements
//! were planned as a scan of the whole campaign for every batch, so a run cost the server
//! the square of its length (253 us of server CPU a message at 30,000 rows; about 90 us,
//! flat with length, with these forms and the claim cursor; a claim of 160 rows from a
//! 20,000-row campaign took 784 ms). The statements of every batch are prepared once per
//! connection ([`Prepared`]): after its first runs PostgreSQL may keep one plan made without
//! the parameters' values, which these forms keep to index probes too.
//!
//! LOCK ORDER. Every transaction that writes the campaign's row (`wamm.campaigns`: the claim
//! cursor, what is loaded) does so after every recipient row lock it may wait for, and takes
//! it `FOR NO KEY UPDATE` at most: a transaction holding it never waits for anything, so no
//! two wait for each other. Rows put back to pending move the cursor at the end of the
//! transaction ([`write_ops`] returns the first of them). Until migration 0011 inserting
//! recipients held a `KEY SHARE` lock on the campaign's row (the foreign key's check), and a
//! claim that took it `FOR UPDATE` after moving the cursor deadlocked with the loader (insert
//! rows, then record them loaded): the soak saw it about once in three runs, and the process
//! PostgreSQL chose to fail stopped with its rows in flight. `FOR NO KEY UPDATE` would not
//! wait for such a lock, and is all the claims need to take turns.

use std::collections::{HashMap, HashSet};

use crate::pg::{Connection, Prepared};

use super::super::columns::OutcomeColumns;
use super::super::settle::{Collisions, settle};
use super::super::{Candidate, Op, Reservation, State, now_ms};

/// [`JournalStore::commit`](super::super::JournalStore::commit), in one transaction on
/// `client`.
pub(super) fn commit(
    connection: &mut Connection,
    campaign: i64,
    revision: i64,
    worker: Option<i64>,
    ops: &[Op],
    candidates: &[Candidate],
) -> Result<Vec<Reservation>, postgres::Error> {
    let now = now_ms();
    let (client, prepared) = connection.split();
    let mut tx = client.transaction()?;
    let mut back = None;
    for group in once_per_line(ops) {
        back = first_of(
            back,
            write_ops(&mut tx, prepared, campaign, worker, now, group)?,
        );
    }

    let lines: Vec<i64> = candidates.iter().map(|c| c.line as i64).collect();
    let keys: Vec<&str> = candidates.iter().map(|c| c.key.as_str()).collect();
    // New recipients (the common case) in one insert, in list order, so that of two rows
    // for one recipient in a batch the first is sent.
    let reserve = prepared.get(
        &mut tx,
        "INSERT INTO wamm.recipients (campaign_id, line, key, state, updated_ms, revision, worker_id)
         SELECT $1, u.line, u.key, 'in_flight', $2, $3, $6
         FROM unnest($4::int8[], $5::text[]) WITH ORDINALITY AS u(line, key, n)
         ORDER BY u.n
         ON CONFLICT DO NOTHING RETURNING line",
    )?;
    let inserted: HashSet<u64> = tx
        .query(
            &reserve,
            &[&campaign, &now, &revision, &lines, &keys, &worker],
        )?
        .iter()
        .map(|r| r.get::<_, i64>(0) as u64)
        .collect();
    if inserted.len() == candidates.len() {
        claimable_from(&mut tx, campaign, back)?;
        tx.commit()?;
        return Ok(vec![Reservation::Send { attempts: 0 }; candidates.len()]);
    }
    let found = collisions(&mut tx, campaign, candidates, &inserted)?;
    let mut settlement = settle(candidates, &inserted, &found);
    if !settlement.rereserve.is_empty() {
        // Only rows still pending: another worker may have claimed one since it was read
        // (the row lock makes this statement wait for that claim, then see it).
        let reserve: Vec<i64> = settlement.rereserve.iter().map(|l| *l as i64).collect();
        let taken: HashSet<u64> = tx
            .query(
                "UPDATE wamm.recipients SET state = 'in_flight', updated_ms = $2, revision = $3, worker_id = $5
                 WHERE ctid = ANY(ARRAY(
                     SELECT x.ctid FROM unnest($4::int8[]) AS u(line)
                     CROSS JOIN LATERAL (
                         SELECT ctid FROM wamm.recipients
                         WHERE campaign_id = $1 AND line = u.line AND state = 'pending'
                         FOR UPDATE) AS x))
                 RETURNING line",
                &[&campaign, &now, &revision, &reserve, &worker],
            )?
            .iter()
            .map(|r| r.get::<_, i64>(0) as u64)
            .collect();
        for (candidate, reservation) in candidates.iter().zip(&mut settlement.reservations) {
            if settlement.rereserve.contains(&candidate.line) && !taken.contains(&candidate.line) {
                *reservation = Reservation::Done;
            }
        }
    }
    if !settlement.skipped.is_empty() {
        insert_skipped(&mut tx, campaign, now, &settlement.skipped)?;
    }
    claimable_from(&mut tx, campaign, back)?;
    tx.commit()?;
    Ok(settlement.reservations)
}

/// Moves the campaign's claim cursor (`wamm.campaigns.claim_from`) back to `first`, the
/// first line this transaction made pending again, so that claims find it. Called last in
/// the transaction (see `LOCK ORDER`).
pub(super) fn claimable_from(
    tx: &mut postgres::Transaction<'_>,
    campaign: i64,
    first: Option<i64>,
) -> Result<(), postgres::Error> {
    if let Some(first) = first {
        tx.execute(
            "UPDATE wamm.campaigns SET claim_from = LEAST(claim_from, $2) WHERE id = $1",
            &[&campaign, &first],
        )?;
    }
    Ok(())
}

/// The earlier of two lines, either of which may be missing.
pub(super) fn first_of(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

/// What candidates that did not go in collided with: the state and attempts of their own
/// line where it exists, and for the others the line that holds their recipient.
pub(super) fn collisions(
    tx: &mut postgres::Transaction<'_>,
    campaign: i64,
    candidates: &[Candidate],
    inserted: &HashSet<u64>,
) -> Result<Collisions, postgres::Error> {
    let others: Vec<i64> = candidates
        .iter()
        .filter(|c| !inserted.contains(&c.line))
        .map(|c| c.line as i64)
        .collect();
    let existing: HashMap<u64, (State, u32)> = tx
        .query(
            "SELECT r.line, r.state, r.attempts FROM unnest($2::int8[]) AS u(line)
             CROSS JOIN LATERAL (
                 SELECT line, state, attempts FROM wamm.recipients
                 WHERE campaign_id = $1 AND line = u.line OFFSET 0) AS r",
            &[&campaign, &others],
        )?
        .iter()
        .map(|r| {
            // A state this version does not know is left alone, as a final one is.
            let state = State::parse(r.get(1)).unwrap_or(State::Unknown);
            let attempts = r.get::<_, i32>(2).max(0) as u32;
            (r.get::<_, i64>(0) as u64, (state, attempts))
        })
        .collect();
    let duplicate_keys: Vec<&str> = candidates
        .iter()
        .filter(|c| !inserted.contains(&c.line) && !existing.contains_key(&c.line))
        .map(|c| c.key.as_str())
        .collect();
    let first_by_key = if duplicate_keys.is_empty() {
        HashMap::new()
    } else {
        tx.query(
            "SELECT r.key, r.line FROM unnest($2::text[]) AS u(key)
             CROSS JOIN LATERAL (
                 SELECT key, line FROM wamm.recipients
                 WHERE campaign_id = $1 AND key = u.key OFFSET 0) AS r",
            &[&campaign, &duplicate_keys],
        )?
        .iter()
        .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1) as u64))
        .collect()
    };
    Ok(Collisions {
        existing,
        first_by_key,
    })
}

/// Records `skipped` rows (duplicates, with their reasons); returns how many were new.
pub(super) fn insert_skipped(
    tx: &mut postgres::Transaction<'_>,
    campaign: i64,
    now: i64,
    skipped: &[(u64, String)],
) -> Result<u64, postgres::Error> {
    let lines: Vec<i64> = skipped.iter().map(|(l, _)| *l as i64).collect();
    let reasons: Vec<&str> = skipped.iter().map(|(_, r)| r.as_str()).collect();
    insert_unsent(tx, campaign, now, "skipped", &lines, &reasons)
}

/// Records rows that will not be sent, each with its reason, in `state` (`skipped` or
/// `invalid`); a line already recorded is left alone. Returns how many were new.
pub(super) fn insert_unsent(
    tx: &mut postgres::Transaction<'_>,
    campaign: i64,
    now: i64,
    state: &str,
    lines: &[i64],
    reasons: &[&str],
) -> Result<u64, postgres::Error> {
    tx.execute(
        "INSERT INTO wamm.recipients (campaign_id, line, key, state, reason, updated_ms)
         SELECT $1, u.line, NULL, $5::text, u.reason, $2
         FROM unnest($3::int8[], $4::text[]) AS u(line, reason)
         ON CONFLICT DO NOTHING",
        &[&campaign, &now, &lines, &reasons, &state],
    )
}

/// `ops` in order, in groups that each touch a line at most once: a line met twice starts a
/// new group. Written a statement per group, each row is touched once per statement and later
/// ops win, as they would one by one.
pub(super) fn once_per_line(ops: &[Op]) -> impl Iterator<Item = &[Op]> {
    let mut rest = ops;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut seen = HashSet::new();
        let end = rest.iter().take_while(|op| seen.insert(op.line())).count();
        let (group, tail) = rest.split_at(end);
        rest = tail;
        Some(group)
    })
}

/// Writes one group of ops (each line at most once): pending rows, then outcomes. Returns
/// the first line put back to pending, for the caller to move the claim cursor to once the
/// transaction's row locks are taken (see `LOCK ORDER`).
///
/// A worker's ops change only rows it still holds: under its ID, in flight or put back to
/// pending by an op before it (a retry, in the same batch). A worker that was frozen past its
/// lease finds its rows recorded `unknown` by another, their worker cleared (and maybe sent
/// again since by `resume --resend-unknown`, or claimed by another worker); what it reports
/// for them on waking changes nothing.
pub(super) fn write_ops(
    tx: &mut postgres::Transaction<'_>,
    prepared: &mut Prepared,
    campaign: i64,
    worker: Option<i64>,
    now: i64,
    ops: &[Op],
) -> Result<Option<i64>, postgres::Error> {
    let (mut pending_lines, mut pending_attempts) = (Vec::new(), Vec::new());
    let mut lines = Vec::new();
    let mut states = Vec::new();
    let mut attempts = Vec::new();
    let mut wamids: Vec<Option<&str>> = Vec::new();
    let mut statuses: Vec<Option<&str>> = Vec::new();
    let mut codes: Vec<Option<i64>> = Vec::new();
    let mut reasons: Vec<Option<&str>> = Vec::new();
    let mut froms: Vec<Option<&str>> = Vec::new();
    for op in ops {
        let Some(c) = OutcomeColumns::of(op) else {
            if let Op::Pending {
                line,
                attempts: made,
            } = op
            {
                pending_lines.push(*line as i64);
                pending_attempts.push(i32::try_from(*made).unwrap_or(i32::MAX));
            }
            continue;
        };
        lines.push(op.line() as i64);
        states.push(c.state.as_str());
        attempts.push(i32::try_from(c.add_attempts).unwrap_or(i32::MAX));
        wamids.push(c.wamid);
        statuses.push(c.status);
        codes.push(c.code);
        reasons.push(c.reason);
        froms.push(c.from);
    }
    if !pending_lines.is_empty() {
        // An upsert, to find each row by one probe of the primary key (see `ROWS BY LINE`);
        // every line put back was reserved, so its row is there and nothing is inserted.
        let put_back = prepared.get(
            tx,
            "INSERT INTO wamm.recipients AS r (campaign_id, line, state, attempts, updated_ms)
             SELECT $1, u.line, 'pending', u.attempts, $2
             FROM unnest($3::int8[], $4::int4[]) AS u(line, attempts)
             ON CONFLICT (campaign_id, line) DO UPDATE SET
                 state = 'pending', attempts = excluded.attempts, updated_ms = excluded.updated_ms
             WHERE $5::int8 IS NULL OR (r.worker_id = $5 AND r.state IN ('in_flight', 'pending'))",
        )?;
        tx.execute(
            &put_back,
            &[&campaign, &now, &pending_lines, &pending_attempts, &worker],
        )?;
    }
    if !lines.is_empty() {
        // An outcome updates the row reserved in flight; an invalid or suppressed row is new;
        // an outcome whose row is somehow missing is written whole rather than lost. An
        // upsert, though it locks each row before updating it: see `ROWS BY LINE`.
        let outcomes = prepared.get(
            tx,
            "INSERT INTO wamm.recipients AS r
                 (campaign_id, line, key, state, attempts, wamid, message_status, error_code, reason, updated_ms, sent_from)
             SELECT $1, u.line, NULL, u.state, u.attempts, u.wamid, u.status, u.code, u.reason, $2, u.sent_from
             FROM unnest($3::int8[], $4::text[], $5::int4[], $6::text[], $7::text[], $8::int8[], $9::text[], $10::text[])
                 AS u(line, state, attempts, wamid, status, code, reason, sent_from)
             ON CONFLICT (campaign_id, line) DO UPDATE SET
                 state = excluded.state, attempts = r.attempts + excluded.attempts,
                 wamid = excluded.wamid, message_status = excluded.message_status,
                 error_code = excluded.error_code, reason = excluded.reason,
                 updated_ms = excluded.updated_ms, sent_from = excluded.sent_from
             WHERE $11::int8 IS NULL OR (r.worker_id = $11 AND r.state IN ('in_flight', 'pending'))",
        )?;
        tx.execute(
            &outcomes,
            &[
                &campaign, &now, &lines, &states, &attempts, &wamids, &statuses, &codes, &reasons,
                &froms, &worker,
            ],
        )?;
    }
    Ok(pending_lines.iter().min().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(line: u64) -> Op {
        Op::Pending { line, attempts: 1 }
    }

    #[test]
    fn a_line_met_again_starts_a_new_group() {
        let ops = [pending(1), pending(2), pending(1), pending(3), pending(3)];
        let groups: Vec<Vec<u64>> = once_per_line(&ops)
            .map(|g| g.iter().map(Op::line).collect())
            .collect();
        assert_eq!(groups, [vec![1, 2], vec![1, 3], vec![3]]);
        assert_eq!(once_per_line(&[]).count(), 0);
    }
}
