//! The PostgreSQL journal: any number of campaigns in one database, each known by its name.
//!
//! The connection, the schema `wamm` and its migrations are `crate::pg`'s (`src/pg.rs`).
//!
//! What survives what:
//! - Every commit returns only once PostgreSQL has made it durable (the session sets
//!   `synchronous_commit = on`), and a batch's reservations are committed before any of its
//!   requests leaves. So a killed wamm process, or a crash or power cut of its machine, loses
//!   no reservation; a crash or power cut of the database server loses none either when the
//!   server runs with `fsync = on` (the default; [`PostgresJournal::open`] refuses a server
//!   without it) on a disk that honours it.
//! - Any number of processes (workers) write one campaign together, each claiming its own rows.
//!   Each holds a lease and a session advisory lock on its worker ID, which PostgreSQL releases
//!   when that process's connection ends: a killed process closes its connection at once; a
//!   machine that vanishes from the network is noticed by the server's TCP keepalives, which
//!   the session sets to about a minute. A worker found gone has its rows in flight recorded
//!   `unknown`, never pending.

use std::sync::mpsc;
use std::time::Duration;

use postgres::Client;

use crate::pg::{LOCK_CLASS, Session, describe, split_location, stopped, this_host};

use super::super::CampaignError;
use super::{
    Candidate, JournalMeta, Op, Reservation, Revision, RowRecord, RunRecord, State, Tally, now_ms,
};

/// A campaign's journal in PostgreSQL.
///
/// Its connection lives on a thread of its own (the blocking client must not run on a thread
/// that drives async tasks), so it may be used, and dropped, from any thread.
pub struct PostgresJournal {
    session: Session,
    /// This process's ID in `wamm.workers`, once it joined the campaign.
    worker: Option<i64>,
    campaign: i64,
    name: String,
    revision: i64,
    /// The URL without its password, and `#name`: how messages name this journal.
    label: String,
    /// The connection URL (with any password): for the pacing schedule's own connection.
    /// Never printed.
    url: String,
}

impl std::fmt::Debug for PostgresJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresJournal")
            .field("journal", &self.label)
            .field("campaign", &self.campaign)
            .field("revision", &self.revision)
            .finish_non_exhaustive()
    }
}

/// The send schedule of one phone number, shared through the database by every worker that
/// sends for it. See [`SharedSchedule::reserve`].
pub struct SharedSchedule {
    session: Session,
    phone_number_id: String,
}

impl std::fmt::Debug for SharedSchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedSchedule")
            .field("phone_number_id", &self.phone_number_id)
            .finish_non_exhaustive()
    }
}

impl SharedSchedule {
    /// Reserves `slots` consecutive send slots at `rate` per second, after every slot any
    /// worker reserved before, and returns how long from now the first one is. One statement
    /// on one row, so reservations by concurrent workers queue one after another and never
    /// overlap: whatever the number of workers, the phone number gets at most `rate` sends a
    /// second (each worker paces by the rate it knows, lowered when it is throttled).
    pub fn reserve(&self, slots: u32, rate: f64) -> Result<Duration, CampaignError> {
        let span_ms = f64::from(slots) * 1000.0 / rate.max(f64::MIN_POSITIVE);
        let phone = self.phone_number_id.clone();
        let (start, now): (f64, f64) = self
            .session
            .call(move |c| {
                c.query_one(
                    "WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS ms)
                     INSERT INTO wamm.senders AS s (phone_number_id, next_ms)
                     SELECT $1, now.ms + $2 FROM now
                     ON CONFLICT (phone_number_id) DO UPDATE
                         SET next_ms = GREATEST(s.next_ms, (SELECT ms FROM now)) + $2
                     RETURNING s.next_ms - $2, (SELECT ms FROM now)",
                    &[&phone, &span_ms],
                )
                .map(|r| (r.get(0), r.get(1)))
            })?
            .map_err(|e| {
                CampaignError::Journal(format!("the shared send schedule: {}", describe(&e)))
            })?;
        Ok(Duration::from_secs_f64(((start - now) / 1000.0).max(0.0)))
    }
}

/// Where a new campaign named `name` is kept: `location` as given when it names a campaign
/// after `#` (or `name` is empty), else `location#name`. Everything printed after a run
/// (its report, the command that resumes it) then names this campaign, however many others
/// the database holds.
pub(super) fn location_of(location: &str, name: &str) -> String {
    match split_location(location) {
        (_, Some(_)) => location.to_string(),
        _ if name.is_empty() => location.to_string(),
        (_, None) => format!("{}#{name}", location.trim_end_matches('#')),
    }
}

/// The campaign `name` names, or the database's only campaign: (id, name).
fn find_campaign(
    client: &mut Client,
    name: Option<&str>,
    label: &str,
) -> Result<(i64, String), CampaignError> {
    let err = |e: postgres::Error| CampaignError::Journal(format!("{label}: {}", describe(&e)));
    if let Some(name) = name {
        return match client
            .query_opt("SELECT id FROM wamm.campaigns WHERE name = $1", &[&name])
            .map_err(err)?
        {
            Some(row) => Ok((row.get(0), name.to_string())),
            None => Err(CampaignError::Input(format!(
                "{label}: no campaign named {name:?}{}",
                known_campaigns(client)
            ))),
        };
    }
    let rows = client
        .query(
            "SELECT id, name FROM wamm.campaigns ORDER BY id LIMIT 2",
            &[],
        )
        .map_err(err)?;
    match rows.as_slice() {
        [only] => Ok((only.get(0), only.get(1))),
        [] => Err(CampaignError::Input(format!(
            "{label}: the database holds no campaign yet; start one with `wamm campaign run`"
        ))),
        _ => Err(CampaignError::Input(format!(
            "{label}: the database holds several campaigns; name one after `#` (postgres://...#NAME){}",
            known_campaigns(client)
        ))),
    }
}

fn known_campaigns(client: &mut Client) -> String {
    let names: Vec<String> = client
        .query("SELECT name FROM wamm.campaigns ORDER BY id LIMIT 20", &[])
        .map(|rows| rows.iter().map(|r| r.get(0)).collect())
        .unwrap_or_default();
    if names.is_empty() {
        String::new()
    } else {
        format!("; campaigns there: {}", names.join(", "))
    }
}

/// How long a worker's lease lasts: a worker renews it with every claim and at least every
/// third of it; one that has not for this long is taken for dead.
pub const LEASE: Duration = Duration::from_secs(30);

/// Now, by the database server's clock (every worker compares leases on the same clock).
const NOW_MS: &str = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/// Whether worker `w` is alive: its lease holds and its session still holds its advisory lock
/// (which PostgreSQL releases the moment its connection ends, so a killed worker is seen dead
/// at once, a stalled one when its lease runs out).
fn alive(w: &str) -> String {
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
fn register_worker(
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
fn recover_dead(client: &mut Client, campaign: i64, resend: bool) -> Result<u64, postgres::Error> {
    let mut tx = client.transaction()?;
    let dead: Vec<i64> = tx
        .query(
            &format!(
                "UPDATE wamm.workers w SET ended_ms = {NOW_MS},
                     ended = 'gone: its connection closed or its lease expired'
                 WHERE w.campaign_id = $1 AND w.ended_ms IS NULL AND NOT {}
                 RETURNING w.id",
                alive("w")
            ),
            &[&campaign],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let orphaned = "state = 'in_flight' AND (worker_id IS NULL OR worker_id IN (
            SELECT id FROM wamm.workers WHERE campaign_id = $1 AND ended_ms IS NOT NULL))";
    let changed = if resend {
        tx.execute(
            &format!(
                "UPDATE wamm.recipients SET state = 'pending', worker_id = NULL, updated_ms = {NOW_MS}
                 WHERE campaign_id = $1 AND ({orphaned} OR state = 'unknown')"
            ),
            &[&campaign],
        )?
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
    let _ = dead;
    tx.commit()?;
    Ok(changed)
}

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
    },
    /// Unusable, and why.
    Invalid {
        /// The row's line.
        line: u64,
        /// Why.
        reason: String,
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
}

impl PostgresJournal {
    /// Runs `job` with the connection; a database error is named after this journal.
    fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Client) -> Result<R, postgres::Error> + Send + 'static,
    ) -> Result<R, CampaignError> {
        let label = self.label.clone();
        self.session
            .call(job)?
            .map_err(|e| CampaignError::Journal(format!("{label}: {}", describe(&e))))
    }

    /// Connects to the location's database; returns the session, the label of the database
    /// and the campaign's name if the location gives one.
    fn connect_to(
        location: &str,
    ) -> Result<(Session, String, Option<String>, String), CampaignError> {
        let (url, name) = split_location(location);
        let label = wamm_client::redact_url(&url);
        let session = Session::start(&url, &label)?;
        Ok((session, label, name, url))
    }

    /// The send schedule shared by every worker sending for `phone_number_id`, on a
    /// connection of its own (the senders wait on it, not on the journal's commits).
    pub fn shared_schedule(&self, phone_number_id: &str) -> Result<SharedSchedule, CampaignError> {
        Ok(SharedSchedule {
            session: Session::start(&self.url, &self.label)?,
            phone_number_id: phone_number_id.to_string(),
        })
    }

    /// Records a new campaign named after the definition's `name` (or after `#NAME` in the
    /// location, which must then agree) and takes its writer lock; fails if a campaign of that
    /// name exists (resume it instead).
    pub fn create(location: &str, meta: &JournalMeta) -> Result<Self, CampaignError> {
        let (session, label, named, url) = Self::connect_to(location)?;
        let defined: Option<String> = serde_json::from_str::<serde_json::Value>(&meta.definition)
            .ok()
            .and_then(|d| d.get("name").and_then(|n| n.as_str()).map(str::to_string))
            .filter(|n| !n.is_empty());
        let name = match (named, defined) {
            (Some(named), Some(defined)) if named != defined => {
                return Err(CampaignError::Input(format!(
                    "{label}#{named} names campaign {named:?}, but the campaign file's name is {defined:?}: drop `#{named}` or make them agree"
                )));
            }
            (Some(name), _) | (None, Some(name)) => name,
            (None, None) => {
                return Err(CampaignError::Input(format!(
                    "{label}: a campaign kept in PostgreSQL needs a name: set `name` in the campaign file, or add #NAME to the journal URL"
                )));
            }
        };
        let meta = meta.clone();
        let (job_name, job_label) = (name.clone(), label.clone());
        let (id, worker) = session.call(move |client| -> Result<(i64, i64), CampaignError> {
            let err =
                |e: postgres::Error| CampaignError::Journal(format!("{job_label}: {}", describe(&e)));
            let mut tx = client.transaction().map_err(err)?;
            let id: Option<i64> = tx
                .query_opt(
                    "INSERT INTO wamm.campaigns (name, recipients_path, recipients_fingerprint, recipients_rows, campaign_path, created_ms)
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING RETURNING id",
                    &[
                        &job_name,
                        &meta.recipients_path,
                        &meta.recipients_fingerprint,
                        &meta.recipients_rows.map(|n| n as i64),
                        &meta.campaign_path,
                        &meta.created_ms,
                    ],
                )
                .map_err(err)?
                .map(|r| r.get(0));
            let Some(id) = id else {
                return Err(CampaignError::Input(format!(
                    "{job_label} already holds a campaign named {job_name:?}: resume it with `wamm campaign resume --journal '{job_label}#{job_name}'`, or give this one another name"
                )));
            };
            tx.execute(
                "INSERT INTO wamm.revisions (campaign_id, id, definition, source, created_ms) VALUES ($1, 1, $2, $3, $4)",
                &[&id, &meta.definition, &meta.campaign_path, &meta.created_ms],
            )
            .map_err(err)?;
            // The creator is the campaign's first worker and its loader from the start, so a
            // worker that joins at once waits for the list rather than finding nobody loading.
            let worker = register_worker(&mut tx, id).map_err(err)?;
            tx.execute(
                "UPDATE wamm.campaigns SET loader = $2 WHERE id = $1",
                &[&id, &worker],
            )
            .map_err(err)?;
            tx.commit().map_err(err)?;
            Ok((id, worker))
        })??;
        Ok(Self {
            session,
            worker: Some(worker),
            campaign: id,
            label: format!("{label}#{name}"),
            name,
            revision: 1,
            url,
        })
    }

    /// Where a new campaign named `name` is kept (see the example): `location` with `#name`
    /// when it names no campaign.
    ///
    /// ```
    /// use marketing::campaign::PostgresJournal;
    ///
    /// let named = PostgresJournal::location_of("postgres://wamm@db/wamm", "spring");
    /// assert_eq!(named, "postgres://wamm@db/wamm#spring");
    /// assert_eq!(PostgresJournal::location_of(&named, "other"), named);
    /// ```
    pub fn location_of(location: &str, name: &str) -> String {
        location_of(location, name)
    }

    /// Opens an existing campaign to continue it. Any number of processes may: each joins it
    /// as a worker ([`PostgresJournal::join`]) and sends the rows it claims.
    pub fn open(location: &str) -> Result<Self, CampaignError> {
        Self::open_read_only(location)
    }

    /// Opens a campaign to read it: no lock, so it works while a run is live.
    pub fn open_read_only(location: &str) -> Result<Self, CampaignError> {
        let (session, label, named, url) = Self::connect_to(location)?;
        let job_label = label.clone();
        let (campaign, name, revision) = session.call(move |client| {
            let (campaign, name) = find_campaign(client, named.as_deref(), &job_label)?;
            let revision: i64 = client
                .query_one(
                    "SELECT COALESCE(MAX(id), 1) FROM wamm.revisions WHERE campaign_id = $1",
                    &[&campaign],
                )
                .map_err(|e| CampaignError::Journal(format!("{job_label}: {}", describe(&e))))?
                .get(0);
            Ok::<_, CampaignError>((campaign, name, revision))
        })??;
        Ok(Self {
            session,
            worker: None,
            campaign,
            label: format!("{label}#{name}"),
            name,
            revision,
            url,
        })
    }

    /// Joins the campaign as a worker: registers this process with a lease and takes the
    /// advisory lock that shows it alive, then recovers what workers that are gone left in
    /// flight. Rows this worker reserves or claims carry its ID.
    pub fn join(&mut self) -> Result<i64, CampaignError> {
        if let Some(id) = self.worker {
            return Ok(id);
        }
        let campaign = self.campaign;
        let id = self.run(move |c| register_worker(c, campaign))?;
        self.worker = Some(id);
        Ok(id)
    }

    /// Takes the loader's role: this worker loads what is not loaded yet of the list, and
    /// workers waiting for rows wait for it.
    pub fn start_loading(&mut self) -> Result<(), CampaignError> {
        let (campaign, worker) = (self.campaign, self.join()?);
        self.run(move |c| {
            c.execute(
                "UPDATE wamm.campaigns SET loader = $2 WHERE id = $1 AND NOT loaded",
                &[&campaign, &worker],
            )
            .map(|_| ())
        })
    }

    /// Leaves the campaign: this worker is ended, with `outcome`.
    pub fn leave(&mut self, outcome: &str) -> Result<(), CampaignError> {
        let Some(worker) = self.worker.take() else {
            return Ok(());
        };
        let outcome = outcome.to_string();
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

    /// Renews this worker's lease (false when it was lost: another worker took this one for
    /// dead), and recovers what workers that are gone left in flight.
    pub fn heartbeat(&mut self) -> Result<bool, CampaignError> {
        let Some(worker) = self.worker else {
            return Ok(true);
        };
        let (campaign, lease) = (self.campaign, LEASE.as_millis() as i64);
        self.run(move |c| {
            let renewed = c.execute(
                &format!("UPDATE wamm.workers SET lease_until_ms = {NOW_MS} + $2 WHERE id = $1 AND ended_ms IS NULL"),
                &[&worker, &lease],
            )? == 1;
            if renewed {
                recover_dead(c, campaign, false)?;
            }
            Ok(renewed)
        })
    }

    /// The workers of this campaign alive now: (ID, who).
    pub fn live_workers(&self) -> Result<Vec<(i64, String)>, CampaignError> {
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

    /// How far the list is loaded: the last line loaded, and whether it is all there.
    pub fn loaded(&self) -> Result<(u64, bool), CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let row = c.query_one(
                "SELECT loaded_through, loaded FROM wamm.campaigns WHERE id = $1",
                &[&campaign],
            )?;
            Ok((row.get::<_, i64>(0).max(0) as u64, row.get(1)))
        })
    }

    /// Loads rows of the list, in one transaction: new recipients become pending, a recipient
    /// already on an earlier line is skipped as its duplicate, rows already loaded are left
    /// alone. Then records that the list is loaded through line `through`, and all of it when
    /// `done`. Returns how many rows were skipped as duplicates.
    pub fn load(
        &mut self,
        rows: &[LoadRow],
        through: u64,
        done: bool,
    ) -> Result<u64, CampaignError> {
        let (campaign, worker) = (self.campaign, self.worker);
        let rows = rows.to_vec();
        self.run(move |c| load(c, campaign, worker, &rows, through, done))
    }

    /// Records `ops` and claims up to `n` pending rows for this worker, in one transaction,
    /// renewing its lease. Pending rows are taken in line order, skipping rows another worker
    /// is claiming at the same moment (`FOR UPDATE SKIP LOCKED`), so no two workers ever claim
    /// one row.
    pub fn claim(&mut self, ops: &[Op], n: usize) -> Result<Claim, CampaignError> {
        let Some(worker) = self.worker else {
            return Err(CampaignError::Journal(format!(
                "{}: claiming rows before joining the campaign",
                self.label
            )));
        };
        let (campaign, revision) = (self.campaign, self.revision);
        let ops = ops.to_vec();
        let lease = LEASE.as_millis() as i64;
        let limit = n as i64;
        self.run(move |c| {
            let now = now_ms();
            let mut tx = c.transaction()?;
            write_ops_in_order(&mut tx, campaign, Some(worker), now, &ops)?;
            let renewed = tx.execute(
                &format!("UPDATE wamm.workers SET lease_until_ms = {NOW_MS} + $2 WHERE id = $1 AND ended_ms IS NULL"),
                &[&worker, &lease],
            )? == 1;
            let rows = if renewed && limit > 0 {
                // The rows to claim are chosen once, in a materialized CTE: as a subquery in
                // FROM the planner may scan it again for each row it joins (a nested loop),
                // and each scan, skipping the rows the last one locked, picks new rows, so a
                // claim of n could take many more.
                tx.query(
                    "WITH c AS MATERIALIZED (
                         SELECT line FROM wamm.recipients
                         WHERE campaign_id = $1 AND state = 'pending' AND fields IS NOT NULL
                         ORDER BY line LIMIT $5 FOR UPDATE SKIP LOCKED)
                     UPDATE wamm.recipients r SET state = 'in_flight', worker_id = $2, revision = $3, updated_ms = $4
                     FROM c
                     WHERE r.campaign_id = $1 AND r.line = c.line
                     RETURNING r.line, r.attempts, r.fields",
                    &[&campaign, &worker, &revision, &now, &limit],
                )?
            } else {
                Vec::new()
            };
            let loaded: bool = tx
                .query_one("SELECT loaded FROM wamm.campaigns WHERE id = $1", &[&campaign])?
                .get(0);
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
            let open = if rows.is_empty() && renewed {
                tx.query_one(
                    "SELECT COUNT(*) FROM wamm.recipients
                     WHERE campaign_id = $1
                       AND (state = 'in_flight' OR (state = 'pending' AND fields IS NOT NULL))",
                    &[&campaign],
                )?
                .get::<_, i64>(0)
                .max(0) as u64
            } else {
                0
            };
            if !renewed {
                tx.commit()?;
                return Ok(Claim {
                    rows: Vec::new(),
                    loaded,
                    loading,
                    open,
                    lease_lost: true,
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
            })
        })
    }

    /// The campaign's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The revision rows reserved now are sent with.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// Every revision of the definition, oldest first.
    pub fn revisions(&self) -> Result<Vec<Revision>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let rows = c.query(
                "SELECT id, definition, source, created_ms FROM wamm.revisions WHERE campaign_id = $1 ORDER BY id",
                &[&campaign],
            )?;
            Ok(rows
                .iter()
                .map(|r| Revision {
                    id: r.get(0),
                    definition: r.get(1),
                    source: r.get(2),
                    created_ms: r.get(3),
                })
                .collect())
        })
    }

    /// Records a new revision of the definition; rows reserved from now on are sent with it.
    pub fn add_revision(
        &mut self,
        definition: &str,
        source: Option<&str>,
    ) -> Result<i64, CampaignError> {
        let id = self.revision + 1;
        let campaign = self.campaign;
        let (definition, source) = (definition.to_string(), source.map(str::to_string));
        self.run(move |c| {
            let mut tx = c.transaction()?;
            tx.execute(
                "INSERT INTO wamm.revisions (campaign_id, id, definition, source, created_ms) VALUES ($1, $2, $3, $4, $5)",
                &[&campaign, &id, &definition, &source, &now_ms()],
            )?;
            if let Some(source) = &source {
                tx.execute(
                    "UPDATE wamm.campaigns SET campaign_path = $2 WHERE id = $1",
                    &[&campaign, source],
                )?;
            }
            tx.commit()
        })?;
        self.revision = id;
        Ok(id)
    }

    /// Records where the list is now, and what it holds.
    pub fn set_recipients(
        &mut self,
        path: &str,
        fingerprint: &str,
        rows: u64,
    ) -> Result<(), CampaignError> {
        let campaign = self.campaign;
        let (path, fingerprint) = (path.to_string(), fingerprint.to_string());
        self.run(move |c| {
            c.execute(
                "UPDATE wamm.campaigns SET recipients_path = $2, recipients_fingerprint = $3, recipients_rows = $4 WHERE id = $1",
                &[&campaign, &path, &fingerprint, &(rows as i64)],
            )
            .map(|_| ())
        })
    }

    /// The campaign as stored.
    pub fn meta(&self) -> Result<JournalMeta, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let row = c.query_one(
                "SELECT (SELECT definition FROM wamm.revisions WHERE campaign_id = c.id ORDER BY id DESC LIMIT 1),
                        recipients_path, recipients_fingerprint, recipients_rows, campaign_path, created_ms
                 FROM wamm.campaigns c WHERE id = $1",
                &[&campaign],
            )?;
            Ok(JournalMeta {
                definition: row.get(0),
                recipients_path: row.get(1),
                recipients_fingerprint: row.get(2),
                recipients_rows: row.get::<_, Option<i64>>(3).map(|n| n as u64),
                campaign_path: row.get(4),
                created_ms: row.get(5),
            })
        })
    }

    /// Marks rows left in flight by workers that are gone (killed, crashed, cut off, or
    /// stalled past their lease) as unknown, or with `resend` as pending (unknown rows too).
    /// Rows in flight on live workers are theirs. Returns how many rows changed.
    pub fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| recover_dead(c, campaign, resend))
    }

    /// Starts a run; returns its ID.
    pub fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
        let campaign = self.campaign;
        let template = template.map(str::to_string);
        self.run(move |c| {
            c.query_one(
                "INSERT INTO wamm.runs (campaign_id, started_ms, template) VALUES ($1, $2, $3) RETURNING id",
                &[&campaign, &now_ms(), &template],
            )
            .map(|r| r.get(0))
        })
    }

    /// Ends a run with its outcome.
    pub fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        let outcome = outcome.to_string();
        self.run(move |c| {
            c.execute(
                "UPDATE wamm.runs SET finished_ms = $2, sent = $3, outcome = $4 WHERE id = $1",
                &[&run, &now_ms(), &(sent as i64), &outcome],
            )
            .map(|_| ())
        })
    }

    /// In one transaction: records `ops`, then reserves `candidates` (commits them in flight,
    /// or records duplicates). Returns one reservation per candidate, in order.
    ///
    /// Each step is one statement over arrays, whatever the batch's size, so a commit costs a
    /// handful of round trips.
    pub fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        let (campaign, revision, worker) = (self.campaign, self.revision, self.worker);
        let (ops, candidates) = (ops.to_vec(), candidates.to_vec());
        self.run(move |c| commit(c, campaign, revision, worker, &ops, &candidates))
    }

    /// Puts sent rows back to pending, each with a reason: `(line, wamid, reason)`. A row no
    /// longer `sent` with that wamid is left alone. Returns how many changed.
    pub fn reopen_sent(&mut self, rows: &[(u64, String, String)]) -> Result<u64, CampaignError> {
        let campaign = self.campaign;
        let lines: Vec<i64> = rows.iter().map(|(l, _, _)| *l as i64).collect();
        let wamids: Vec<String> = rows.iter().map(|(_, w, _)| w.clone()).collect();
        let reasons: Vec<String> = rows.iter().map(|(_, _, r)| r.clone()).collect();
        self.run(move |c| {
            c.execute(
                "UPDATE wamm.recipients r SET state = 'pending', reason = u.reason, updated_ms = $2
                 FROM unnest($3::int8[], $4::text[], $5::text[]) AS u(line, wamid, reason)
                 WHERE r.campaign_id = $1 AND r.line = u.line AND r.state = 'sent' AND r.wamid = u.wamid",
                &[&campaign, &now_ms(), &lines, &wamids, &reasons],
            )
        })
    }

    /// The states of lines `from..=to` already in the journal.
    pub fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let rows = c.query(
                "SELECT line, state FROM wamm.recipients WHERE campaign_id = $1 AND line BETWEEN $2 AND $3",
                &[&campaign, &(from as i64), &(to as i64)],
            )?;
            Ok(rows
                .iter()
                .filter_map(|r| {
                    let state: &str = r.get(1);
                    State::parse(state).map(|s| (r.get::<_, i64>(0) as u64, s))
                })
                .collect())
        })
    }

    /// Rows with a final state (nothing more will be sent to them).
    pub fn final_rows(&self) -> Result<u64, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            c.query_one(
                "SELECT COUNT(*) FROM wamm.recipients WHERE campaign_id = $1 AND state NOT IN ('pending', 'in_flight')",
                &[&campaign],
            )
            .map(|r| r.get::<_, i64>(0) as u64)
        })
    }

    /// Whether every one of the list's `rows` has a final state (with `resend_unknown`,
    /// unknown rows count as not final).
    pub fn is_complete(&self, rows: u64, resend_unknown: bool) -> Result<bool, CampaignError> {
        let campaign = self.campaign;
        let (total, open): (i64, i64) = self.run(move |c| {
            c.query_one(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE state IN ('pending', 'in_flight') OR ($2 AND state = 'unknown'))
                 FROM wamm.recipients WHERE campaign_id = $1",
                &[&campaign, &resend_unknown],
            )
            .map(|r| (r.get(0), r.get(1)))
        })?;
        Ok(open == 0 && total as u64 >= rows)
    }

    /// Everything a report counts, grouped by the server in one statement.
    pub fn tally(&self) -> Result<Tally, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let rows = c.query(
                "SELECT state, COALESCE(revision, 1), message_status, error_code, sent_from, COUNT(*)
                 FROM wamm.recipients WHERE campaign_id = $1 GROUP BY 1, 2, 3, 4, 5",
                &[&campaign],
            )?;
            let mut tally = Tally::default();
            for r in &rows {
                tally.add(
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get::<_, i64>(5) as u64,
                );
            }
            Ok(tally)
        })
    }

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunRecord>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let rows = c.query(
                "SELECT started_ms, finished_ms, sent, outcome, template FROM wamm.runs
                 WHERE campaign_id = $1 ORDER BY id",
                &[&campaign],
            )?;
            Ok(rows
                .iter()
                .map(|r| RunRecord {
                    started_ms: r.get(0),
                    finished_ms: r.get(1),
                    sent: r.get::<_, i64>(2) as u64,
                    outcome: r.get(3),
                    template: r
                        .get::<_, Option<String>>(4)
                        .and_then(|t| serde_json::from_str(&t).ok()),
                })
                .collect())
        })
    }

    /// Calls `each` with every recipient row, in line order. The connection's thread reads
    /// them a page at a time, one page ahead of `each`, so memory does not grow with the
    /// campaign.
    pub fn for_each_row(
        &self,
        mut each: impl FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError> {
        const PAGE: i32 = 10_000;
        let campaign = self.campaign;
        let (pages, received) = mpsc::sync_channel::<Vec<RowRecord>>(1);
        let result = self.session.submit(move |c| -> Result<(), postgres::Error> {
            let mut tx = c.transaction()?;
            let statement = tx.prepare(
                "SELECT line, key, state, attempts, wamid, message_status, error_code, reason, revision
                 FROM wamm.recipients WHERE campaign_id = $1 ORDER BY line",
            )?;
            let portal = tx.bind(&statement, &[&campaign])?;
            loop {
                let rows = tx.query_portal(&portal, PAGE)?;
                let last = rows.len() < PAGE as usize;
                let page = rows
                    .iter()
                    .map(|r| {
                        let state: &str = r.get(2);
                        RowRecord {
                            line: r.get::<_, i64>(0) as u64,
                            key: r.get(1),
                            state: State::parse(state).unwrap_or(State::Unknown),
                            attempts: r.get::<_, i32>(3).max(0) as u32,
                            wamid: r.get(4),
                            message_status: r.get(5),
                            error_code: r.get(6),
                            reason: r.get(7),
                            revision: r.get(8),
                        }
                    })
                    .collect();
                // The reader stopped early (its `each` failed): nothing more to send.
                if pages.send(page).is_err() || last {
                    break;
                }
            }
            tx.commit()
        })?;
        let mut failed = None;
        for page in received.iter() {
            for row in page {
                if let Err(e) = each(row) {
                    failed = Some(e);
                    break;
                }
            }
            if failed.is_some() {
                break;
            }
        }
        // Stops the reading early if `each` failed.
        drop(received);
        let read = result.recv().map_err(|_| stopped())?;
        if let Some(e) = failed {
            return Err(e);
        }
        read.map_err(|e| CampaignError::Journal(format!("{}: {}", self.label, describe(&e))))
    }
}

/// [`PostgresJournal::commit`], in one transaction on `client`.
fn commit(
    client: &mut Client,
    campaign: i64,
    revision: i64,
    worker: Option<i64>,
    ops: &[Op],
    candidates: &[Candidate],
) -> Result<Vec<Reservation>, postgres::Error> {
    let now = now_ms();
    let mut tx = client.transaction()?;
    write_ops_in_order(&mut tx, campaign, worker, now, ops)?;

    let lines: Vec<i64> = candidates.iter().map(|c| c.line as i64).collect();
    let keys: Vec<&str> = candidates.iter().map(|c| c.key.as_str()).collect();
    // New recipients (the common case) in one insert, in list order, so that of two rows
    // for one recipient in a batch the first is sent.
    let inserted: std::collections::HashSet<i64> = tx
        .query(
            "INSERT INTO wamm.recipients (campaign_id, line, key, state, updated_ms, revision, worker_id)
             SELECT $1, u.line, u.key, 'in_flight', $2, $3, $6
             FROM unnest($4::int8[], $5::text[]) WITH ORDINALITY AS u(line, key, n)
             ORDER BY u.n
             ON CONFLICT DO NOTHING RETURNING line",
            &[&campaign, &now, &revision, &lines, &keys, &worker],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut reservations = vec![Reservation::Done; candidates.len()];
    let others: Vec<i64> = lines
        .iter()
        .copied()
        .filter(|l| !inserted.contains(l))
        .collect();
    if !others.is_empty() {
        // What they collided with: an earlier state of the line, or the same recipient on
        // another line.
        let existing: std::collections::HashMap<i64, (String, i32)> = tx
            .query(
                "SELECT line, state, attempts FROM wamm.recipients WHERE campaign_id = $1 AND line = ANY($2)",
                &[&campaign, &others],
            )?
            .iter()
            .map(|r| (r.get(0), (r.get(1), r.get(2))))
            .collect();
        let duplicate_keys: Vec<&str> = candidates
            .iter()
            .filter(|c| {
                let line = c.line as i64;
                !inserted.contains(&line) && !existing.contains_key(&line)
            })
            .map(|c| c.key.as_str())
            .collect();
        let first_by_key: std::collections::HashMap<String, i64> = if duplicate_keys.is_empty() {
            Default::default()
        } else {
            tx.query(
                "SELECT key, line FROM wamm.recipients WHERE campaign_id = $1 AND key = ANY($2)",
                &[&campaign, &duplicate_keys],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
        };
        let mut reserve = Vec::new();
        let (mut skipped_lines, mut skipped_reasons) = (Vec::new(), Vec::new());
        for (i, candidate) in candidates.iter().enumerate() {
            let line = candidate.line as i64;
            if inserted.contains(&line) {
                continue;
            }
            reservations[i] = match existing.get(&line) {
                Some((state, attempts)) if state == "pending" => {
                    reserve.push(line);
                    Reservation::Send {
                        attempts: (*attempts).max(0) as u32,
                    }
                }
                Some(_) => Reservation::Done,
                None => {
                    skipped_lines.push(line);
                    skipped_reasons.push(match first_by_key.get(&candidate.key) {
                        Some(first) => format!("duplicate of line {first}"),
                        None => "duplicate of an earlier line".to_string(),
                    });
                    Reservation::Duplicate
                }
            };
        }
        if !reserve.is_empty() {
            // Only rows still pending: another worker may have claimed one since it was read
            // (the row lock makes this statement wait for that claim, then see it).
            let taken: std::collections::HashSet<i64> = tx
                .query(
                    "UPDATE wamm.recipients SET state = 'in_flight', updated_ms = $2, revision = $3, worker_id = $5
                     WHERE campaign_id = $1 AND line = ANY($4) AND state = 'pending'
                     RETURNING line",
                    &[&campaign, &now, &revision, &reserve, &worker],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            for (i, candidate) in candidates.iter().enumerate() {
                let line = candidate.line as i64;
                if reserve.contains(&line) && !taken.contains(&line) {
                    reservations[i] = Reservation::Done;
                }
            }
        }
        if !skipped_lines.is_empty() {
            tx.execute(
                "INSERT INTO wamm.recipients (campaign_id, line, key, state, reason, updated_ms)
                 SELECT $1, u.line, NULL, 'skipped', u.reason, $2
                 FROM unnest($3::int8[], $4::text[]) AS u(line, reason)",
                &[&campaign, &now, &skipped_lines, &skipped_reasons],
            )?;
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if inserted.contains(line) {
            reservations[i] = Reservation::Send { attempts: 0 };
        }
    }
    tx.commit()?;
    Ok(reservations)
}

/// Writes `ops` in order; a line met twice starts a new group, so that each statement
/// touches a row once and later ops win, as they would one by one.
fn write_ops_in_order(
    tx: &mut postgres::Transaction<'_>,
    campaign: i64,
    worker: Option<i64>,
    now: i64,
    ops: &[Op],
) -> Result<(), postgres::Error> {
    let mut start = 0;
    while start < ops.len() {
        let mut seen = std::collections::HashSet::new();
        let mut end = start;
        while end < ops.len() && seen.insert(ops[end].line()) {
            end += 1;
        }
        write_ops(tx, campaign, worker, now, &ops[start..end])?;
        start = end;
    }
    Ok(())
}

/// [`PostgresJournal::load`], in one transaction on `client`.
fn load(
    client: &mut Client,
    campaign: i64,
    worker: Option<i64>,
    rows: &[LoadRow],
    through: u64,
    done: bool,
) -> Result<u64, postgres::Error> {
    let now = now_ms();
    let mut tx = client.transaction()?;
    let (mut lines, mut keys, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    let (mut bad_lines, mut bad_reasons) = (Vec::new(), Vec::new());
    for row in rows {
        match row {
            LoadRow::Pending {
                line,
                key,
                fields: values,
            } => {
                lines.push(*line as i64);
                keys.push(key.as_str());
                fields.push(values.as_str());
            }
            LoadRow::Invalid { line, reason } => {
                bad_lines.push(*line as i64);
                bad_reasons.push(reason.as_str());
            }
        }
    }
    let inserted: std::collections::HashSet<i64> = tx
        .query(
            "INSERT INTO wamm.recipients (campaign_id, line, key, state, fields, updated_ms)
             SELECT $1, u.line, u.key, 'pending', u.fields, $2
             FROM unnest($3::int8[], $4::text[], $5::text[]) WITH ORDINALITY AS u(line, key, fields, n)
             ORDER BY u.n
             ON CONFLICT DO NOTHING RETURNING line",
            &[&campaign, &now, &lines, &keys, &fields],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut skipped = 0;
    let others: Vec<i64> = lines
        .iter()
        .copied()
        .filter(|l| !inserted.contains(l))
        .collect();
    if !others.is_empty() {
        let existing: std::collections::HashSet<i64> = tx
            .query(
                "SELECT line FROM wamm.recipients WHERE campaign_id = $1 AND line = ANY($2)",
                &[&campaign, &others],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let duplicates: Vec<(i64, &str)> = lines
            .iter()
            .zip(&keys)
            .filter(|(l, _)| !inserted.contains(l) && !existing.contains(l))
            .map(|(l, k)| (*l, *k))
            .collect();
        if !duplicates.is_empty() {
            let dup_keys: Vec<&str> = duplicates.iter().map(|(_, k)| *k).collect();
            let first: std::collections::HashMap<String, i64> = tx
                .query(
                    "SELECT key, line FROM wamm.recipients WHERE campaign_id = $1 AND key = ANY($2)",
                    &[&campaign, &dup_keys],
                )?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
            let dup_lines: Vec<i64> = duplicates.iter().map(|(l, _)| *l).collect();
            let reasons: Vec<String> = duplicates
                .iter()
                .map(|(_, k)| match first.get(*k) {
                    Some(line) => format!("duplicate of line {line}"),
                    None => "duplicate of an earlier line".to_string(),
                })
                .collect();
            skipped = tx.execute(
                "INSERT INTO wamm.recipients (campaign_id, line, key, state, reason, updated_ms)
                 SELECT $1, u.line, NULL, 'skipped', u.reason, $2
                 FROM unnest($3::int8[], $4::text[]) AS u(line, reason)
                 ON CONFLICT DO NOTHING",
                &[&campaign, &now, &dup_lines, &reasons],
            )?;
        }
    }
    if !bad_lines.is_empty() {
        tx.execute(
            "INSERT INTO wamm.recipients (campaign_id, line, key, state, reason, updated_ms)
             SELECT $1, u.line, NULL, 'invalid', u.reason, $2
             FROM unnest($3::int8[], $4::text[]) AS u(line, reason)
             ON CONFLICT DO NOTHING",
            &[&campaign, &now, &bad_lines, &bad_reasons],
        )?;
    }
    tx.execute(
        "UPDATE wamm.campaigns SET loaded_through = GREATEST(loaded_through, $2), loaded = loaded OR $3,
             loader = CASE WHEN loaded OR $3 THEN NULL ELSE $4::int8 END
         WHERE id = $1",
        &[&campaign, &(through as i64), &done, &worker],
    )?;
    tx.commit()?;
    Ok(skipped)
}

/// Writes one group of ops (each line at most once): pending rows, then outcomes.
///
/// A worker's ops change only rows it still holds: under its ID, in flight or put back to
/// pending by an op before it (a retry, in the same batch). A worker that was frozen past its
/// lease finds its rows recorded `unknown` by another, their worker cleared (and maybe sent
/// again since by `resume --resend-unknown`, or claimed by another worker); what it reports
/// for them on waking changes nothing.
fn write_ops(
    tx: &mut postgres::Transaction<'_>,
    campaign: i64,
    worker: Option<i64>,
    now: i64,
    ops: &[Op],
) -> Result<(), postgres::Error> {
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
        let (state, add, wamid, status, code, reason, from) = match op {
            Op::Pending {
                line,
                attempts: made,
            } => {
                pending_lines.push(*line as i64);
                pending_attempts.push(i32::try_from(*made).unwrap_or(i32::MAX));
                continue;
            }
            Op::Invalid { reason, .. } => {
                ("invalid", 0, None, None, None, Some(reason.as_str()), None)
            }
            Op::Suppressed { reason, .. } => (
                "suppressed",
                0,
                None,
                None,
                None,
                Some(reason.as_str()),
                None,
            ),
            Op::Sent {
                wamid,
                status,
                from,
                ..
            } => (
                "sent",
                1,
                Some(wamid.as_str()),
                status.as_deref(),
                None,
                None,
                from.as_deref(),
            ),
            Op::Failed { code, reason, .. } => {
                ("failed", 1, None, None, *code, Some(reason.as_str()), None)
            }
            Op::Unknown { code, reason, .. } => {
                ("unknown", 1, None, None, *code, Some(reason.as_str()), None)
            }
        };
        lines.push(op.line() as i64);
        states.push(state);
        attempts.push(add);
        wamids.push(wamid);
        statuses.push(status);
        codes.push(code);
        reasons.push(reason);
        froms.push(from);
    }
    if !pending_lines.is_empty() {
        tx.execute(
            "UPDATE wamm.recipients r SET state = 'pending', attempts = u.attempts, updated_ms = $2
             FROM unnest($3::int8[], $4::int4[]) AS u(line, attempts)
             WHERE r.campaign_id = $1 AND r.line = u.line
               AND ($5::int8 IS NULL OR (r.worker_id = $5 AND r.state IN ('in_flight', 'pending')))",
            &[&campaign, &now, &pending_lines, &pending_attempts, &worker],
        )?;
    }
    if !lines.is_empty() {
        // An outcome updates the row reserved in flight; an invalid or suppressed row is new;
        // an outcome whose row is somehow missing is written whole rather than lost.
        tx.execute(
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
            &[
                &campaign, &now, &lines, &states, &attempts, &wamids, &statuses, &codes, &reasons,
                &froms, &worker,
            ],
        )?;
    }
    Ok(())
}
