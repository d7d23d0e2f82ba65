//! The workers of a campaign: who is alive (a lease, and a session lock PostgreSQL drops with
//! the connection), joining and leaving, and recovering what the dead left in flight.

use std::time::Duration;

use postgres::Client;

use crate::location::Location;
use crate::pg::{LOCK_CLASS, Prepared, Session, this_host};

use super::super::super::{CampaignError, JournalFailure};
use super::super::{Op, Workers};
use super::claims::{self, Claim, LoadRow};
use super::commit::claimable_from;
use super::{PostgresJournal, SharedSchedule, pg};

/// How long a worker's lease lasts: a worker renews it with every claim and at least every
/// third of it; one that has not for this long is taken for dead.
pub const LEASE: Duration = Duration::from_secs(30);

/// Now, by the database server's clock (every worker compares leases on the same clock).
pub(super) const NOW_MS: &str = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/// Whether worker `w` is alive: its lease holds and its session still holds its advisory lock
/// (which PostgreSQL releases the moment its connection ends, so a killed worker is seen dead
/// at once, a stalled one when its lease runs out).
pub(super) fn alive(w: &str) -> String {
    format!(
        "({w}.ended_ms IS NULL AND {w}.lease_until_ms >= {NOW_MS} AND EXISTS (
            SELECT 1 FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = {LOCK_CLASS}::int4::oid AND l.objid = {w}.id::int4::oid
              AND l.objsubid = 2))"
    )
}

/// Registers this process as a worker of `campaign` with a fresh lease, and takes the
/// advisory lock that shows it alive (held by the session, so until the connection ends).
/// Both happen in one transaction: another worker sees the new row only once the lock is
/// held, so it can never take a worker that is joining for one that is gone.
pub(super) fn register_worker(
    client: &mut impl postgres::GenericClient,
    campaign: i64,
) -> Result<i64, postgres::Error> {
    let label = format!("wamm pid {} on {}", std::process::id(), this_host());
    let lease = LEASE.as_millis() as i64;
    let mut tx = client.transaction()?;
    let id: i64 = tx
        .query_one(
            &format!(
                "INSERT INTO wamm.workers (campaign_id, label, started_ms, lease_until_ms)
                 VALUES ($1, $2, {NOW_MS}, {NOW_MS} + $3) RETURNING id"
            ),
            &[&campaign, &label, &lease],
        )?
        .get(0);
    tx.execute(
        "SELECT pg_advisory_lock($1, $2::int4)",
        &[&LOCK_CLASS, &(id as i32)],
    )?;
    tx.commit()?;
    Ok(id)
}

/// Marks the workers of `campaign` that are gone as ended, and their rows in flight (and
/// rows in flight that no worker holds) as unknown, or with `resend` as pending (unknown rows
/// too). Returns how many rows changed.
pub(super) fn recover_dead(
    client: &mut Client,
    campaign: i64,
    resend: bool,
) -> Result<u64, postgres::Error> {
    let mut tx = client.transaction()?;
    // The workers found gone are marked ended; their rows are then recovered by the statement
    // below, which finds every row of an ended worker (and any in flight under none).
    tx.execute(
        &format!(
            "UPDATE wamm.workers w SET ended_ms = {NOW_MS},
                     ended = 'gone: its connection closed or its lease expired'
                 WHERE w.campaign_id = $1 AND w.ended_ms IS NULL AND NOT {}
    ",
            alive("w")
        ),
        &[&campaign],
    )?;
    let orphaned = "state = 'in_flight' AND (worker_id IS NULL OR worker_id IN (
            SELECT id FROM wamm.workers WHERE campaign_id = $1 AND ended_ms IS NOT NULL))";
    let changed = if resend {
        let changed = tx.execute(
            &format!(
                "UPDATE wamm.recipients SET state = 'pending', worker_id = NULL, updated_ms = {NOW_MS}
                 WHERE campaign_id = $1 AND ({orphaned} OR state = 'unknown')"
            ),
            &[&campaign],
        )?;
        if changed > 0 {
            claimable_from(&mut tx, campaign, Some(0))?;
        }
        changed
    } else {
        tx.execute(
            &format!(
                "UPDATE wamm.recipients SET state = 'unknown', worker_id = NULL, updated_ms = {NOW_MS},
                     reason = 'in flight when an earlier run stopped (its worker is gone); may have been sent'
                 WHERE campaign_id = $1 AND {orphaned}"
            ),
            &[&campaign],
        )?
    };
    tx.commit()?;
    Ok(changed)
}

/// Renews worker `worker`'s lease; false when it has ended (another worker took it for dead).
pub(super) fn renew_lease(
    client: &mut impl postgres::GenericClient,
    prepared: &mut Prepared,
    worker: i64,
) -> Result<bool, postgres::Error> {
    let lease = LEASE.as_millis() as i64;
    let renew = prepared.get(
        client,
        &format!(
            "UPDATE wamm.workers SET lease_until_ms = {NOW_MS} + $2 WHERE id = $1 AND ended_ms IS NULL"
        ),
    )?;
    Ok(client.execute(&renew, &[&worker, &lease])? == 1)
}

/// The connection URL of a database location.
fn url(location: &Location) -> &str {
    match location {
        Location::Postgres { url, .. } => url,
        Location::File(_) => "",
    }
}

impl Workers for PostgresJournal {
    fn join(&mut self) -> Result<i64, CampaignError> {
        if let Some(id) = self.worker {
            return Ok(id);
        }
        let campaign = self.campaign;
        let id = self.run(move |c| register_worker(&mut **c, campaign))?;
        self.worker = Some(id);
        tracing::info!(worker = id, "joined the campaign as a worker");
        Ok(id)
    }

    fn leave(&mut self, outcome: &str) -> Result<(), CampaignError> {
        let Some(worker) = self.worker.take() else {
            return Ok(());
        };
        let outcome = outcome.to_string();
        tracing::info!(worker, outcome = %outcome, "leaving the campaign");
        self.run(move |c| {
            c.execute(
                &format!("UPDATE wamm.workers SET ended_ms = {NOW_MS}, ended = $2 WHERE id = $1 AND ended_ms IS NULL"),
                &[&worker, &outcome],
            )?;
            c.execute(
                "SELECT pg_advisory_unlock($1, $2::int4)",
                &[&LOCK_CLASS, &(worker as i32)],
            )
            .map(|_| ())
        })
    }

    fn heartbeat(&mut self) -> Result<bool, CampaignError> {
        let Some(worker) = self.worker else {
            return Ok(true);
        };
        let campaign = self.campaign;
        let (renewed, recovered) = self.run(move |c| {
            let (client, prepared) = c.split();
            let renewed = renew_lease(client, prepared, worker)?;
            let recovered = if renewed {
                recover_dead(c, campaign, false)?
            } else {
                0
            };
            Ok((renewed, recovered))
        })?;
        if renewed {
            tracing::debug!(worker, "lease renewed");
        } else {
            tracing::info!(
                worker,
                "lease not renewed: another worker took this one for gone"
            );
        }
        if recovered > 0 {
            tracing::info!(
                worker,
                recovered,
                "rows in flight at workers that are gone recorded as unknown"
            );
        }
        Ok(renewed)
    }

    fn live_workers(&self) -> Result<Vec<(i64, String)>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            Ok(c.query(
                &format!(
                    "SELECT w.id, w.label FROM wamm.workers w WHERE w.campaign_id = $1 AND {} ORDER BY w.id",
                    alive("w")
                ),
                &[&campaign],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
        })
    }

    fn start_loading(&mut self) -> Result<(), CampaignError> {
        let (campaign, worker) = (self.campaign, self.join()?);
        self.run(move |c| {
            c.execute(
                "UPDATE wamm.campaigns SET loader = $2 WHERE id = $1 AND NOT loaded",
                &[&campaign, &worker],
            )
            .map(|_| ())
        })
    }

    fn loaded(&self) -> Result<(u64, bool), CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let row = c.query_one(
                "SELECT loaded_through, loaded FROM wamm.campaigns WHERE id = $1",
                &[&campaign],
            )?;
            Ok((row.get::<_, i64>(0).max(0) as u64, row.get(1)))
        })
    }

    fn load(&mut self, rows: &[LoadRow], through: u64, done: bool) -> Result<u64, CampaignError> {
        let (campaign, worker) = (self.campaign, self.worker);
        let rows = rows.to_vec();
        self.run(move |c| claims::load(c, campaign, worker, &rows, through, done))
    }

    fn claim(&mut self, ops: &[Op], n: usize) -> Result<Claim, CampaignError> {
        let Some(worker) = self.worker else {
            return Err(CampaignError::journal(
                self.label.clone(),
                JournalFailure::Unusable("claiming rows before joining the campaign".into()),
            ));
        };
        let (campaign, revision, window) = (self.campaign, self.revision, self.window);
        let (recorded, ops) = (ops.len(), ops.to_vec());
        let claim = self
            .run(move |c| claims::claim(c, campaign, worker, revision, &ops, n as i64, window))?;
        tracing::debug!(
            worker,
            recorded,
            asked = n,
            claimed = claim.rows.len(),
            loaded = claim.loaded,
            "claimed rows"
        );
        Ok(claim)
    }

    fn shared_schedule(&self, phone_number_id: &str) -> Result<SharedSchedule, CampaignError> {
        Ok(SharedSchedule {
            session: Session::start(url(&self.location), &self.label)
                .map_err(|e| pg(&self.label, e))?,
            phone_number_id: phone_number_id.to_string(),
        })
    }

    // --- send windows ---
    fn set_send_window(&mut self, window: Option<crate::campaign::SendWindow>) {
        self.window = window;
    }
}
