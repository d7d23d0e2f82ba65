//! The PostgreSQL journal: any number of campaigns in one database, each known by its name.
//!
//! The connection, the schema `wamm` and its migrations are `crate::pg`'s (`src/pg.rs`); the
//! workers' operations are in `workers.rs` and `claims.rs`.
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

mod claims;
mod commit;
mod schedule;
mod workers;

use std::sync::mpsc;

use postgres::Client;

use crate::location::Location;
use crate::pg::{Connection, PgError, Session};

use super::super::template_link::TemplateVersion;
use super::super::{CampaignError, NextStep};
use super::{
    Candidate, JournalMeta, JournalStore, Op, Reservation, Revision, RowRecord, RunRecord,
    SentRecord, State, Tally, Workers, now_ms,
};

pub use claims::{Claim, Claimed, LoadRow};
pub use schedule::SharedSchedule;
pub use workers::LEASE;

/// A campaign's journal in PostgreSQL.
///
/// Its connection lives on a thread of its own (the blocking client must not run on a thread
/// that drives async tasks), so it may be used, and dropped, from any thread.
pub struct PostgresJournal {
    session: Session,
    /// This process's ID in `wamm.workers`, once it joined the campaign.
    worker: Option<i64>,
    campaign: i64,
    revision: i64,
    /// The URL without its password, and `#name`: how messages name this journal.
    label: String,
    /// Where it is (the URL with any password): for the pacing schedule's own connection.
    /// Never printed.
    location: Location,
    /// The campaign's send window: claims take only rows inside it.
    window: Option<crate::campaign::SendWindow>,
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

/// A PostgreSQL failure of the journal labelled `label`: a URL the driver refuses is the
/// user's mistake; anything else is the journal's.
fn pg(label: &str, e: impl Into<PgError>) -> CampaignError {
    match e.into() {
        e @ PgError::Url { .. } => CampaignError::Input(e.to_string()),
        e => CampaignError::journal(label, e),
    }
}

/// The campaign `name` names, or the database's only campaign: (id, name).
fn find_campaign(
    client: &mut Client,
    name: Option<&str>,
    label: &str,
) -> Result<(i64, String), CampaignError> {
    let err = |e: postgres::Error| pg(label, e);
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
        [] => Err(CampaignError::Guided {
            message: format!("{label}: the database holds no campaign yet; start one"),
            next: NextStep::Run,
        }),
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

impl PostgresJournal {
    /// Runs `job` with the connection; a database error is named after this journal.
    fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Connection) -> Result<R, postgres::Error> + Send + 'static,
    ) -> Result<R, CampaignError> {
        self.session
            .call(job)
            .map_err(|e| pg(&self.label, e))?
            .map_err(|e| pg(&self.label, e))
    }

    /// Every row `sql` selects with `$1` this campaign's ID, each made by `row`.
    fn select<T: Send + 'static>(
        &self,
        sql: &'static str,
        row: fn(&postgres::Row) -> T,
    ) -> Result<Vec<T>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| Ok(c.query(sql, &[&campaign])?.iter().map(row).collect()))
    }

    /// Connects to the location's database; returns the session and the database's label.
    fn connect_to(location: &Location) -> Result<(Session, String), CampaignError> {
        let Location::Postgres { url, .. } = location else {
            return Err(CampaignError::Input(format!(
                "{} is not a PostgreSQL URL",
                location.label()
            )));
        };
        let label = location.database_label();
        let session = Session::start(url, &label).map_err(|e| pg(&label, e))?;
        Ok((session, label))
    }

    /// Records a new campaign named after the definition's `name` (or after `#NAME` in the
    /// location, which must then agree) and takes its writer lock; fails if a campaign of that
    /// name exists (resume it instead).
    pub fn create(location: &Location, meta: &JournalMeta) -> Result<Self, CampaignError> {
        let (session, label) = Self::connect_to(location)?;
        let named = location.name().map(str::to_string);
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
            let err = |e: postgres::Error| pg(&job_label, e);
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
                return Err(CampaignError::Guided {
                    message: format!(
                        "{job_label} already holds a campaign named {job_name:?}: resume it, or give this one another name"
                    ),
                    next: NextStep::Resume {
                        journal: format!("{job_label}#{job_name}"),
                    },
                });
            };
            tx.execute(
                "INSERT INTO wamm.revisions (campaign_id, id, definition, source, created_ms) VALUES ($1, 1, $2, $3, $4)",
                &[&id, &meta.definition, &meta.campaign_path, &meta.created_ms],
            )
            .map_err(err)?;
            // The creator is the campaign's first worker and its loader from the start, so a
            // worker that joins at once waits for the list rather than finding nobody loading.
            let worker = workers::register_worker(&mut tx, id).map_err(err)?;
            tx.execute(
                "UPDATE wamm.campaigns SET loader = $2 WHERE id = $1",
                &[&id, &worker],
            )
            .map_err(err)?;
            tx.commit().map_err(err)?;
            Ok((id, worker))
        }).map_err(|e| pg(&label, e))??;
        Ok(Self {
            session,
            worker: Some(worker),
            campaign: id,
            location: location.with_name(&name),
            label: format!("{label}#{name}"),
            revision: 1,
            window: None,
        })
    }

    /// Opens an existing campaign to continue it. Any number of processes may: each joins it
    /// as a worker ([`Workers::join`]) and sends the rows it claims.
    pub fn open(location: &Location) -> Result<Self, CampaignError> {
        Self::open_read_only(location)
    }

    /// Opens a campaign to read it: no lock, so it works while a run is live.
    pub fn open_read_only(location: &Location) -> Result<Self, CampaignError> {
        let (session, label) = Self::connect_to(location)?;
        let named = location.name().map(str::to_string);
        let job_label = label.clone();
        let (campaign, name, revision) = session
            .call(move |client| {
                let (campaign, name) = find_campaign(client, named.as_deref(), &job_label)?;
                let revision: i64 = client
                    .query_one(
                        "SELECT COALESCE(MAX(id), 1) FROM wamm.revisions WHERE campaign_id = $1",
                        &[&campaign],
                    )
                    .map_err(|e| pg(&job_label, e))?
                    .get(0);
                Ok::<_, CampaignError>((campaign, name, revision))
            })
            .map_err(|e| pg(&label, e))??;
        Ok(Self {
            session,
            worker: None,
            campaign,
            location: location.with_name(&name),
            label: format!("{label}#{name}"),
            revision,
            window: None,
        })
    }
}

impl JournalStore for PostgresJournal {
    fn revision(&self) -> i64 {
        self.revision
    }

    fn revisions(&self) -> Result<Vec<Revision>, CampaignError> {
        self.select(
            "SELECT id, definition, source, created_ms FROM wamm.revisions WHERE campaign_id = $1 ORDER BY id",
            |r| Revision {
                id: r.get(0),
                definition: r.get(1),
                source: r.get(2),
                created_ms: r.get(3),
            },
        )
    }

    fn add_revision(
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

    fn set_recipients(
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

    fn meta(&self) -> Result<JournalMeta, CampaignError> {
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

    fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| workers::recover_dead(c, campaign, resend))
    }

    fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
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

    fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        let outcome = outcome.to_string();
        self.run(move |c| {
            c.execute(
                "UPDATE wamm.runs SET finished_ms = $2, sent = $3, outcome = $4 WHERE id = $1",
                &[&run, &now_ms(), &(sent as i64), &outcome],
            )
            .map(|_| ())
        })
    }

    fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        let (campaign, revision, worker) = (self.campaign, self.revision, self.worker);
        let (ops, candidates) = (ops.to_vec(), candidates.to_vec());
        self.run(move |c| commit::commit(c, campaign, revision, worker, &ops, &candidates))
    }

    fn reopen_sent(&mut self, rows: &[(u64, String, String)]) -> Result<u64, CampaignError> {
        let campaign = self.campaign;
        let lines: Vec<i64> = rows.iter().map(|(l, _, _)| *l as i64).collect();
        let wamids: Vec<String> = rows.iter().map(|(_, w, _)| w.clone()).collect();
        let reasons: Vec<String> = rows.iter().map(|(_, _, r)| r.clone()).collect();
        self.run(move |c| {
            let mut tx = c.transaction()?;
            // One statement for every row reopened, once: a join is fine here (see `ROWS BY
            // LINE` in commit.rs for why batches that repeat through a run avoid them).
            let reopened = tx.execute(
                "UPDATE wamm.recipients r SET state = 'pending', reason = u.reason, updated_ms = $2
                 FROM unnest($3::int8[], $4::text[], $5::text[]) AS u(line, wamid, reason)
                 WHERE r.campaign_id = $1 AND r.line = u.line AND r.state = 'sent' AND r.wamid = u.wamid",
                &[&campaign, &now_ms(), &lines, &wamids, &reasons],
            )?;
            if reopened > 0 {
                commit::claimable_from(&mut tx, campaign, lines.iter().min().copied())?;
            }
            tx.commit()?;
            Ok(reopened)
        })
    }

    fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
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

    fn final_rows(&self) -> Result<u64, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            c.query_one(
                "SELECT COUNT(*) FROM wamm.recipients WHERE campaign_id = $1 AND state NOT IN ('pending', 'in_flight')",
                &[&campaign],
            )
            .map(|r| r.get::<_, i64>(0) as u64)
        })
    }

    fn is_complete(&self, rows: u64, resend_unknown: bool) -> Result<bool, CampaignError> {
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

    fn tally(&self) -> Result<Tally, CampaignError> {
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

    fn runs(&self) -> Result<Vec<RunRecord>, CampaignError> {
        self.select(
            "SELECT started_ms, finished_ms, sent, outcome, template FROM wamm.runs
             WHERE campaign_id = $1 ORDER BY id",
            |r| RunRecord {
                started_ms: r.get(0),
                finished_ms: r.get(1),
                sent: r.get::<_, i64>(2) as u64,
                outcome: r.get(3),
                template: r
                    .get::<_, Option<String>>(4)
                    .and_then(|t| serde_json::from_str(&t).ok()),
            },
        )
    }

    fn seeds(&self) -> Result<Vec<super::SeedRecord>, CampaignError> {
        self.select(
            "SELECT recipient, line, state, wamid, code, reason FROM wamm.seeds
             WHERE campaign_id = $1 ORDER BY line",
            |r| super::SeedRecord {
                recipient: r.get(0),
                line: r.get::<_, i64>(1) as u64,
                state: r.get(2),
                wamid: r.get(3),
                code: r.get(4),
                reason: r.get(5),
            },
        )
    }

    fn record_seed(&mut self, seed: &super::SeedRecord) -> Result<bool, CampaignError> {
        let campaign = self.campaign;
        let seed = seed.clone();
        let now = crate::now_ms();
        let changed = self.run(move |c| {
            let line = seed.line as i64;
            if seed.state == "in_flight" || seed.state == "invalid" {
                c.execute(
                    "INSERT INTO wamm.seeds
                       (campaign_id, recipient, line, state, wamid, code, reason, updated_ms)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                    &[
                        &campaign,
                        &seed.recipient,
                        &line,
                        &seed.state,
                        &seed.wamid,
                        &seed.code,
                        &seed.reason,
                        &now,
                    ],
                )
            } else {
                c.execute(
                    "UPDATE wamm.seeds SET state = $3, wamid = $4, code = $5, reason = $6,
                       updated_ms = $7
                     WHERE campaign_id = $1 AND recipient = $2 AND state = 'in_flight'",
                    &[
                        &campaign,
                        &seed.recipient,
                        &seed.state,
                        &seed.wamid,
                        &seed.code,
                        &seed.reason,
                        &now,
                    ],
                )
            }
        })?;
        Ok(changed > 0)
    }

    fn record_template(
        &mut self,
        run: i64,
        template: &TemplateVersion,
    ) -> Result<(), CampaignError> {
        let campaign = self.campaign;
        let record = serde_json::to_string(template)
            .map_err(|e| CampaignError::journal("template record", e))?;
        let (id, version, at) = (
            template.id.clone(),
            template.version.clone(),
            template.recorded_ms,
        );
        self.run(move |c| {
            c.execute(
                "INSERT INTO wamm.template_versions
                   (campaign_id, run, recorded_ms, template_id, version, record)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&campaign, &run, &at, &id, &version, &record],
            )
            .map(|_| ())
        })
    }

    fn templates(&self) -> Result<Vec<TemplateVersion>, CampaignError> {
        let records: Vec<String> = self.select(
            "SELECT record FROM wamm.template_versions WHERE campaign_id = $1 ORDER BY id",
            |r| r.get(0),
        )?;
        super::template_records(&records)
    }

    fn record_arms(&mut self, arms: &[(u64, &str)]) -> Result<(), CampaignError> {
        if arms.is_empty() {
            return Ok(());
        }
        let campaign = self.campaign;
        let lines: Vec<i64> = arms.iter().map(|(line, _)| *line as i64).collect();
        let variants: Vec<String> = arms.iter().map(|(_, v)| v.to_string()).collect();
        self.run(move |c| {
            c.execute(
                "INSERT INTO wamm.arms (campaign_id, line, variant)
                 SELECT $1, u.line, u.variant FROM unnest($2::int8[], $3::text[]) AS u(line, variant)
                 ON CONFLICT (campaign_id, line) DO UPDATE SET variant = excluded.variant",
                &[&campaign, &lines, &variants],
            )
            .map(|_| ())
        })
    }

    fn arms(&self) -> Result<Vec<(u64, String)>, CampaignError> {
        self.select(
            "SELECT line, variant FROM wamm.arms WHERE campaign_id = $1 ORDER BY line",
            |r| (r.get::<_, i64>(0) as u64, r.get(1)),
        )
    }

    fn for_each_row(
        &self,
        each: &mut dyn FnMut(RowRecord) -> Result<(), CampaignError>,
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
        }).map_err(|e| pg(&self.label, e))?;
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
        let read = result
            .recv()
            .map_err(|_| pg(&self.label, PgError::Stopped))?;
        if let Some(e) = failed {
            return Err(e);
        }
        read.map_err(|e| pg(&self.label, e))
    }

    fn sent_before(&self, before_ms: i64) -> Result<Vec<SentRecord>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let rows = c.query(
                "SELECT line, key, wamid, sent_from, updated_ms FROM wamm.recipients
                 WHERE campaign_id = $1 AND state = 'sent' AND wamid IS NOT NULL
                   AND updated_ms < $2
                 ORDER BY line",
                &[&campaign, &before_ms],
            )?;
            Ok(rows
                .iter()
                .map(|r| SentRecord {
                    line: r.get::<_, i64>(0) as u64,
                    key: r.get(1),
                    wamid: r.get(2),
                    sent_from: r.get(3),
                    sent_ms: r.get(4),
                })
                .collect())
        })
    }

    fn workers(&mut self) -> Option<&mut dyn Workers> {
        Some(self)
    }

    // --- send windows ---
    fn pending_zones(&self) -> Result<Vec<(String, u64)>, CampaignError> {
        self.select(
            "SELECT timezone, COUNT(*) FROM wamm.recipients
             WHERE campaign_id = $1 AND state = 'pending' AND timezone IS NOT NULL
             GROUP BY timezone",
            |r| (r.get::<_, String>(0), r.get::<_, i64>(1).max(0) as u64),
        )
    }

    // --- issue 30: HTML report ---
    fn outcome_span(&self) -> Result<Option<(i64, i64)>, CampaignError> {
        let campaign = self.campaign;
        self.run(move |c| {
            let row = c.query_one(
                "SELECT MIN(updated_ms), MAX(updated_ms) FROM wamm.recipients
                 WHERE campaign_id = $1 AND state IN ('sent', 'failed', 'unknown')",
                &[&campaign],
            )?;
            let first: Option<i64> = row.get(0);
            let last: Option<i64> = row.get(1);
            Ok(first.zip(last))
        })
    }

    fn outcomes_over_time(&self, step_ms: i64) -> Result<Vec<(i64, State, u64)>, CampaignError> {
        let campaign = self.campaign;
        let step = step_ms.max(1);
        self.run(move |c| {
            Ok(c.query(
                "SELECT (updated_ms / $2) * $2 AS bucket, state, COUNT(*) FROM wamm.recipients
                 WHERE campaign_id = $1 AND state IN ('sent', 'failed', 'unknown')
                 GROUP BY 1, 2 ORDER BY 1, 2",
                &[&campaign, &step],
            )?
            .iter()
            .filter_map(|r| {
                let state = State::parse(r.get::<_, &str>(1))?;
                Some((r.get::<_, i64>(0), state, r.get::<_, i64>(2).max(0) as u64))
            })
            .collect())
        })
    }
}
