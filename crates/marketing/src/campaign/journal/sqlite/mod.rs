//! The SQLite journal: one file per campaign, with the campaign and one row per recipient.
//!
//! What survives what:
//! - Every commit is on stable storage before it returns (WAL mode with `synchronous = FULL`:
//!   the write-ahead log is fsync'd at each commit; the directory is fsync'd when the journal is
//!   created), and a batch's reservations are committed before any of its requests leaves. So
//!   a killed process, an OS crash or a power cut loses no reservation: at worst, outcomes that
//!   arrived after the last commit, whose rows are then found `in_flight` and become `unknown`.
//!   (This assumes a disk that honours fsync.)
//! - The journal is three files: `J`, `J-wal` and `J-shm`. Deleting or not copying `J-wal`
//!   loses every commit since the last checkpoint; keep and copy them together.
//! - One process writes a journal at a time: while a run or resume works on it, it holds a
//!   `flock` on the journal file itself, so a second writer is refused whatever name it uses
//!   (a symlink, a hard link, a relative or absolute path: the lock is on the inode, not the
//!   name). SQLite's own locks are POSIX record locks (`fcntl`), which on Linux are
//!   independent of `flock`: neither sees or breaks the other. The kernel releases the lock
//!   when the process ends, however it ends (Ctrl-C, SIGKILL, a crash), so a dead run never
//!   leaves a journal locked. `J.lock`, beside the name used, is locked too and holds a line
//!   saying who holds it. Journals on NFS or other network file systems are not supported:
//!   there `flock` is emulated with the same byte-range locks SQLite uses, or not shared
//!   between machines at all, so two writers on two machines are not stopped.
//!
//! The files are created readable by their owner only (0600): they hold every recipient.

mod commit;
mod create;
mod lock;
mod migrate;

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::super::template_link::TemplateVersion;
use super::super::{CampaignError, JournalFailure};
use super::{
    Candidate, JournalMeta, JournalStore, Op, Reservation, Revision, RowRecord, RunRecord,
    SentRecord, State, Tally, now_ms,
};
use lock::{WriterLock, one_name};

pub use lock::lock_path;

/// The SQLite journal: one file per campaign.
#[derive(Debug)]
pub struct SqliteJournal {
    conn: Connection,
    /// The name it was opened by, for errors.
    path: PathBuf,
    /// The revision rows reserved now are sent with.
    revision: i64,
    /// Held for as long as this journal may be written; `None` when opened read-only.
    _lock: Option<WriterLock>,
}

/// A path as the path part of an SQLite `file:` URI.
fn url_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(*byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// An SQLite error, named after the journal's file. A full disk says so: the commit that
/// failed was not made, so what it would have recorded is done again (or found in flight, so
/// `unknown`) by the resume that follows once there is room.
fn db(path: &Path, e: rusqlite::Error) -> CampaignError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
        return CampaignError::journal(
            format!(
                "{}: cannot write: the disk is full; free space on it, then resume",
                path.display()
            ),
            e,
        );
    }
    CampaignError::journal(path.display().to_string(), e)
}

fn not_a_journal(path: &Path) -> CampaignError {
    CampaignError::journal(
        path.display().to_string(),
        JournalFailure::Unusable("not a wamm campaign journal".into()),
    )
}

impl SqliteJournal {
    /// Opens an existing journal to continue it, taking its writer lock.
    pub fn open(path: &Path) -> Result<Self, CampaignError> {
        let path = &one_name(path)?;
        let lock = WriterLock::acquire(path, || {
            File::open(path)
                .map_err(|e| CampaignError::journal(format!("cannot open {}", path.display()), e))
        })?;
        let journal = Self::connect(path, Some(lock))?;
        journal.meta().map_err(|_| not_a_journal(path))?;
        Ok(journal)
    }

    /// Opens a journal to read it: no lock, no writes, so it works while a run is live and on
    /// a read-only copy. A journal written by an older version reads as far as it goes.
    pub fn open_read_only(path: &Path) -> Result<Self, CampaignError> {
        let path = &one_name(path)?;
        let not_a_journal = || not_a_journal(path);
        let open = |flags: OpenFlags, uri: String| {
            let conn = Connection::open_with_flags(uri, flags)?;
            conn.query_row("SELECT COUNT(*) FROM campaign", [], |r| r.get::<_, i64>(0))?;
            Ok::<_, rusqlite::Error>(conn)
        };
        // One thread uses a connection at a time (rusqlite's `Connection` is not `Sync`): without
        // NO_MUTEX, SQLite would lock a mutex on every call, column reads included.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let file = url_path(path);
        // With a -wal file (a live journal, or one whose writer was killed), read through it;
        // without one, every commit is in the main file: read it as it is (immutable), which
        // creates no -wal or -shm file beside it and works where we may not write.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let uri = if Path::new(&wal).exists() {
            format!("file:{file}?mode=ro")
        } else {
            format!("file:{file}?immutable=1")
        };
        let conn = open(flags, uri).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(_, _) => not_a_journal(),
            e => db(path, e),
        })?;
        let mut journal = Self {
            conn,
            path: path.to_path_buf(),
            revision: 0,
            _lock: None,
        };
        journal.revision = journal.latest_revision().unwrap_or(1);
        journal.meta().map_err(|_| not_a_journal())?;
        Ok(journal)
    }

    fn latest_revision(&self) -> Result<i64, rusqlite::Error> {
        if !self.has_table("revisions") {
            return Ok(1);
        }
        self.conn
            .query_row("SELECT COALESCE(MAX(id), 1) FROM revisions", [], |r| {
                r.get(0)
            })
    }

    fn has_table(&self, table: &str) -> bool {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                params![table],
                |r| r.get::<_, i64>(0),
            )
            .is_ok_and(|n| n > 0)
    }

    /// Every row `sql` selects, each made by `row`; an error is named after the journal.
    fn select<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, CampaignError> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| db(&self.path, e))?;
        stmt.query_map(params, row)
            .and_then(|rows| rows.collect())
            .map_err(|e| db(&self.path, e))
    }

    fn has_column(&self, table: &str, column: &str) -> bool {
        migrate::has_column(&self.conn, table, column).unwrap_or(false)
    }

    /// `column` to select, or `NULL` where the table has no such column: a journal opened
    /// read-only is not migrated, and one written before the column was added lacks it.
    fn column_or_null<'a>(&self, table: &str, column: &'a str) -> &'a str {
        if self.has_column(table, column) {
            column
        } else {
            "NULL"
        }
    }

    /// Connects to the journal file at `path` and brings its layout up to date
    /// ([`migrate`](migrate::migrate)); `lock` is held from then on. A file with tables but no
    /// campaign among them is not a journal, and is left as it is.
    fn connect(path: &Path, lock: Option<WriterLock>) -> Result<Self, CampaignError> {
        let mut conn = Connection::open(path).map_err(|e| db(path, e))?;
        // Room for every statement a commit prepares (reserve_sql's shapes included), and the
        // reads' (`select`): about 27 in all.
        conn.set_prepared_statement_cache_capacity(32);
        // FULL: each commit's WAL frames are fsync'd before the commit returns.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(|e| db(path, e))?;
        let tables: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| db(path, e))?;
        let foreign =
            tables > 0 && !migrate::has_table(&conn, "campaign").map_err(|e| db(path, e))?;
        if foreign {
            return Err(not_a_journal(path));
        }
        migrate::migrate(&mut conn).map_err(|e| db(path, e))?;
        let revision = conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM revisions", [], |r| {
                r.get(0)
            })
            .map_err(|e| db(path, e))?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            revision,
            _lock: lock,
        })
    }
}

impl JournalStore for SqliteJournal {
    fn revision(&self) -> i64 {
        self.revision
    }

    fn revisions(&self) -> Result<Vec<Revision>, CampaignError> {
        if !self.has_table("revisions") {
            let meta = self.meta()?;
            return Ok(vec![Revision {
                id: 1,
                definition: meta.definition,
                source: meta.campaign_path,
                created_ms: meta.created_ms,
            }]);
        }
        self.select(
            "SELECT id, definition, source, created_ms FROM revisions ORDER BY id",
            [],
            |r| {
                Ok(Revision {
                    id: r.get(0)?,
                    definition: r.get(1)?,
                    source: r.get(2)?,
                    created_ms: r.get(3)?,
                })
            },
        )
    }

    fn add_revision(
        &mut self,
        definition: &str,
        source: Option<&str>,
    ) -> Result<i64, CampaignError> {
        let id = self.revision + 1;
        let tx = self.conn.transaction().map_err(|e| db(&self.path, e))?;
        tx.execute(
            "INSERT INTO revisions (id, definition, source, created_ms) VALUES (?1, ?2, ?3, ?4)",
            params![id, definition, source, now_ms()],
        )
        .map_err(|e| db(&self.path, e))?;
        if let Some(source) = source {
            tx.execute(
                "UPDATE campaign SET campaign_path = ?1 WHERE id = 1",
                params![source],
            )
            .map_err(|e| db(&self.path, e))?;
        }
        tx.commit().map_err(|e| db(&self.path, e))?;
        self.revision = id;
        Ok(id)
    }

    fn set_recipients(
        &mut self,
        path: &str,
        fingerprint: &str,
        rows: u64,
    ) -> Result<(), CampaignError> {
        self.conn
            .execute(
                "UPDATE campaign SET recipients_path = ?1, recipients_fingerprint = ?2, recipients_rows = ?3 WHERE id = 1",
                params![path, fingerprint, rows as i64],
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(())
    }

    fn meta(&self) -> Result<JournalMeta, CampaignError> {
        // A journal opened read-only may predate revisions and row counts.
        let definition = if self.has_table("revisions") {
            "COALESCE((SELECT definition FROM revisions ORDER BY id DESC LIMIT 1), definition)"
        } else {
            "definition"
        };
        let (rows, campaign_path) = if self.has_column("campaign", "recipients_rows") {
            ("recipients_rows", "campaign_path")
        } else {
            ("NULL", "NULL")
        };
        self.conn
            .query_row(
                &format!(
                    "SELECT {definition}, recipients_path, recipients_fingerprint, {rows}, {campaign_path}, created_ms
                     FROM campaign WHERE id = 1"
                ),
                [],
                |r| {
                    Ok(JournalMeta {
                        definition: r.get(0)?,
                        recipients_path: r.get(1)?,
                        recipients_fingerprint: r.get(2)?,
                        recipients_rows: r.get::<_, Option<i64>>(3)?.map(|n| n as u64),
                        campaign_path: r.get(4)?,
                        created_ms: r.get(5)?,
                    })
                },
            )
            .map_err(|e| db(&self.path, e))
    }

    fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
        let n = if resend {
            self.conn.execute(
                "UPDATE recipients SET state = 'pending', updated_ms = ?1, reserved_space = NULL WHERE state IN ('in_flight', 'unknown')",
                params![now_ms()],
            )
        } else {
            self.conn.execute(
                "UPDATE recipients SET state = 'unknown', reason = 'in flight when an earlier run stopped; may have been sent', updated_ms = ?1, reserved_space = NULL WHERE state = 'in_flight'",
                params![now_ms()],
            )
        }
        .map_err(|e| db(&self.path, e))?;
        Ok(n as u64)
    }

    fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
        self.conn
            .execute(
                "INSERT INTO runs (started_ms, template) VALUES (?1, ?2)",
                params![now_ms(), template],
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(self.conn.last_insert_rowid())
    }

    fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        self.conn
            .execute(
                "UPDATE runs SET finished_ms = ?1, sent = ?2, outcome = ?3 WHERE id = ?4",
                params![now_ms(), sent as i64, outcome, run],
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(())
    }

    fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        let now = now_ms();
        let tx = self.conn.transaction().map_err(|e| db(&self.path, e))?;
        commit::record_outcomes(&tx, ops, now).map_err(|e| db(&self.path, e))?;
        let reservations =
            commit::reserve(&tx, candidates, now, self.revision).map_err(|e| db(&self.path, e))?;
        tx.commit().map_err(|e| db(&self.path, e))?;
        Ok(reservations)
    }

    fn reopen_sent(&mut self, rows: &[(u64, String, String)]) -> Result<u64, CampaignError> {
        let now = now_ms();
        let tx = self.conn.transaction().map_err(|e| db(&self.path, e))?;
        let mut changed = 0;
        {
            let mut reopen = tx
                .prepare_cached(
                    "UPDATE recipients SET state = 'pending', reason = ?2, updated_ms = ?3 WHERE line = ?1 AND state = 'sent' AND wamid = ?4",
                )
                .map_err(|e| db(&self.path, e))?;
            for (line, wamid, reason) in rows {
                changed += reopen
                    .execute(params![*line as i64, reason, now, wamid])
                    .map_err(|e| db(&self.path, e))? as u64;
            }
        }
        tx.commit().map_err(|e| db(&self.path, e))?;
        Ok(changed)
    }

    fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        let rows = self.select(
            "SELECT line, state FROM recipients WHERE line BETWEEN ?1 AND ?2",
            params![from as i64, to as i64],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(line, state)| Some((line, State::parse(&state)?)))
            .collect())
    }

    fn final_rows(&self) -> Result<u64, CampaignError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM recipients WHERE state NOT IN ('pending', 'in_flight')",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| db(&self.path, e))
    }

    fn is_complete(&self, rows: u64, resend_unknown: bool) -> Result<bool, CampaignError> {
        let (total, open): (i64, i64) = self
            .conn
            .query_row(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE state IN ('pending', 'in_flight') OR (?1 AND state = 'unknown')) FROM recipients",
                params![resend_unknown],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(open == 0 && total as u64 >= rows)
    }

    fn tally(&self) -> Result<Tally, CampaignError> {
        let revision = if self.has_column("recipients", "revision") {
            "COALESCE(revision, 1)"
        } else {
            "1"
        };
        let sent_from = self.column_or_null("recipients", "sent_from");
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT state, {revision}, message_status, error_code, {sent_from} FROM recipients"
            ))
            .map_err(|e| db(&self.path, e))?;
        let mut rows = stmt.query([]).map_err(|e| db(&self.path, e))?;
        let mut tally = Tally::default();
        while let Some(r) = rows.next().map_err(|e| db(&self.path, e))? {
            let state = r
                .get_ref(0)
                .and_then(|v| Ok(v.as_str()?))
                .map_err(|e| db(&self.path, e))?;
            let text = |i: usize| {
                r.get_ref(i)
                    .and_then(|v| Ok(v.as_str_or_null()?))
                    .map_err(|e| db(&self.path, e))
            };
            tally.add(
                state,
                r.get(1).map_err(|e| db(&self.path, e))?,
                text(2)?,
                r.get(3).map_err(|e| db(&self.path, e))?,
                text(4)?,
                1,
            );
        }
        Ok(tally)
    }

    fn runs(&self) -> Result<Vec<RunRecord>, CampaignError> {
        let template = self.column_or_null("runs", "template");
        self.select(
            &format!(
                "SELECT started_ms, finished_ms, sent, outcome, {template} FROM runs ORDER BY id"
            ),
            [],
            |r| {
                Ok(RunRecord {
                    started_ms: r.get(0)?,
                    finished_ms: r.get(1)?,
                    sent: r.get::<_, i64>(2)? as u64,
                    outcome: r.get(3)?,
                    template: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|t| serde_json::from_str(&t).ok()),
                })
            },
        )
    }

    fn record_template(
        &mut self,
        run: i64,
        template: &TemplateVersion,
    ) -> Result<(), CampaignError> {
        let record = serde_json::to_string(template)
            .map_err(|e| CampaignError::journal("template record", e))?;
        self.conn
            .execute(
                "INSERT INTO template_versions (run, recorded_ms, template_id, version, record)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    run,
                    template.recorded_ms,
                    template.id,
                    template.version,
                    record
                ],
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(())
    }

    fn templates(&self) -> Result<Vec<TemplateVersion>, CampaignError> {
        // A journal opened read-only is not migrated: one from before has none.
        if !self.has_table("template_versions") {
            return Ok(Vec::new());
        }
        let records = self.select(
            "SELECT record FROM template_versions ORDER BY id",
            [],
            |r| r.get::<_, String>(0),
        )?;
        super::template_records(&records)
    }

    fn record_arms(&mut self, arms: &[(u64, &str)]) -> Result<(), CampaignError> {
        if arms.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction().map_err(|e| db(&self.path, e))?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO arms (line, variant) VALUES (?1, ?2)
                     ON CONFLICT(line) DO UPDATE SET variant = excluded.variant",
                )
                .map_err(|e| db(&self.path, e))?;
            for (line, variant) in arms {
                insert
                    .execute(params![*line as i64, variant])
                    .map_err(|e| db(&self.path, e))?;
            }
        }
        tx.commit().map_err(|e| db(&self.path, e))
    }

    fn arms(&self) -> Result<Vec<(u64, String)>, CampaignError> {
        // A journal opened read-only is not migrated: one from before has none.
        if !self.has_table("arms") {
            return Ok(Vec::new());
        }
        self.select("SELECT line, variant FROM arms ORDER BY line", [], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
        })
    }

    fn seeds(&self) -> Result<Vec<super::SeedRecord>, CampaignError> {
        if !self.has_table("seeds") {
            return Ok(Vec::new());
        }
        self.select(
            "SELECT recipient, line, state, wamid, code, reason FROM seeds ORDER BY line",
            [],
            |r| {
                Ok(super::SeedRecord {
                    recipient: r.get(0)?,
                    line: r.get::<_, i64>(1)? as u64,
                    state: r.get(2)?,
                    wamid: r.get(3)?,
                    code: r.get(4)?,
                    reason: r.get(5)?,
                })
            },
        )
    }

    fn record_seed(&mut self, seed: &super::SeedRecord) -> Result<bool, CampaignError> {
        let now = crate::now_ms();
        let changed =
            if seed.state == "in_flight" || seed.state == "invalid" {
                self.conn.execute(
                    "INSERT INTO seeds (recipient, line, state, wamid, code, reason, updated_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (recipient) DO NOTHING",
                    params![
                        seed.recipient,
                        seed.line as i64,
                        seed.state,
                        seed.wamid,
                        seed.code,
                        seed.reason,
                        now
                    ],
                )
            } else {
                self.conn.execute(
                "UPDATE seeds SET state = ?2, wamid = ?3, code = ?4, reason = ?5, updated_ms = ?6
                 WHERE recipient = ?1 AND state = 'in_flight'",
                params![seed.recipient, seed.state, seed.wamid, seed.code, seed.reason, now],
            )
            }
            .map_err(|e| db(&self.path, e))?;
        Ok(changed > 0)
    }

    fn for_each_row(
        &self,
        each: &mut dyn FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT line, key, state, attempts, wamid, message_status, error_code, reason, {} FROM recipients ORDER BY line",
                self.column_or_null("recipients", "revision")
            ))
            .map_err(|e| db(&self.path, e))?;
        let mut rows = stmt.query([]).map_err(|e| db(&self.path, e))?;
        while let Some(r) = rows.next().map_err(|e| db(&self.path, e))? {
            let state: String = r.get(2).map_err(|e| db(&self.path, e))?;
            each(RowRecord {
                line: r.get::<_, i64>(0).map_err(|e| db(&self.path, e))? as u64,
                key: r.get(1).map_err(|e| db(&self.path, e))?,
                state: State::parse(&state).unwrap_or(State::Unknown),
                attempts: r.get::<_, i64>(3).map_err(|e| db(&self.path, e))? as u32,
                wamid: r.get(4).map_err(|e| db(&self.path, e))?,
                message_status: r.get(5).map_err(|e| db(&self.path, e))?,
                error_code: r.get(6).map_err(|e| db(&self.path, e))?,
                reason: r.get(7).map_err(|e| db(&self.path, e))?,
                revision: r.get(8).map_err(|e| db(&self.path, e))?,
            })?;
        }
        Ok(())
    }

    fn sent_before(&self, before_ms: i64) -> Result<Vec<SentRecord>, CampaignError> {
        let sent_from = self.column_or_null("recipients", "sent_from");
        self.select(
            &format!(
                "SELECT line, key, wamid, {sent_from}, updated_ms FROM recipients
                 WHERE state = 'sent' AND wamid IS NOT NULL AND updated_ms < ?1 ORDER BY line"
            ),
            [before_ms],
            |r| {
                Ok(SentRecord {
                    line: r.get::<_, i64>(0)? as u64,
                    key: r.get(1)?,
                    wamid: r.get(2)?,
                    sent_from: r.get(3)?,
                    sent_ms: r.get(4)?,
                })
            },
        )
    }

    // --- send windows ---
    fn record_waiting(&mut self, rows: &[(u64, String)]) -> Result<(), CampaignError> {
        let tx = self.conn.transaction().map_err(|e| db(&self.path, e))?;
        {
            let mut insert = tx
                .prepare_cached("INSERT OR REPLACE INTO waiting (line, timezone) VALUES (?1, ?2)")
                .map_err(|e| db(&self.path, e))?;
            for (line, zone) in rows {
                insert
                    .execute(rusqlite::params![*line as i64, zone])
                    .map_err(|e| db(&self.path, e))?;
            }
        }
        tx.commit().map_err(|e| db(&self.path, e))
    }

    fn pending_zones(&self) -> Result<Vec<(String, u64)>, CampaignError> {
        // A journal opened read-only is not migrated: one from before send windows has none.
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'waiting')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| db(&self.path, e))?;
        if !has_table {
            return Ok(Vec::new());
        }
        self.select(
            "SELECT w.timezone, COUNT(*) FROM waiting w
             LEFT JOIN recipients r ON r.line = w.line
             WHERE r.line IS NULL OR r.state = 'pending'
             GROUP BY w.timezone",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)),
        )
    }

    // --- issue 30: HTML report ---
    fn outcome_span(&self) -> Result<Option<(i64, i64)>, CampaignError> {
        let (first, last): (Option<i64>, Option<i64>) = self
            .conn
            .query_row(
                "SELECT MIN(updated_ms), MAX(updated_ms) FROM recipients
                 WHERE state IN ('sent', 'failed', 'unknown')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(first.zip(last))
    }

    fn outcomes_over_time(&self, step_ms: i64) -> Result<Vec<(i64, State, u64)>, CampaignError> {
        let step = step_ms.max(1);
        let rows = self.select(
            "SELECT (updated_ms / ?1) * ?1 AS bucket, state, COUNT(*) FROM recipients
             WHERE state IN ('sent', 'failed', 'unknown')
             GROUP BY bucket, state ORDER BY bucket, state",
            [step],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?.max(0) as u64,
                ))
            },
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(bucket, state, n)| Some((bucket, State::parse(&state)?, n)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::commit::OUTCOME_ROOM;
    use super::*;

    /// A journal that cannot grow (a full disk; here SQLite's page limit, which fails the
    /// same way) says which file and what to do, and its commits before stay.
    #[test]
    fn a_full_disk_names_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spring.journal");
        let mut journal = SqliteJournal::create(&path, &JournalMeta::for_tests()).unwrap();
        let pages: i64 = journal
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        journal
            .conn
            .execute_batch(&format!("PRAGMA max_page_count = {pages}"))
            .unwrap();
        let candidates: Vec<Candidate> = (1..=2000)
            .map(|line| Candidate {
                line,
                key: format!("4477009{line:05}"),
            })
            .collect();
        let error = journal.commit(&[], &candidates).unwrap_err().to_string();
        assert!(error.contains(&path.display().to_string()), "{error}");
        assert!(error.contains("the disk is full"), "{error}");
        assert!(error.contains("then resume"), "{error}");
    }

    /// A row in flight holds room for its outcome, and gives it back when the outcome is
    /// written: the journal of a finished campaign keeps no padding.
    #[test]
    fn reserved_room_is_held_in_flight_and_released_by_the_outcome() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal =
            SqliteJournal::create(&dir.path().join("j"), &JournalMeta::for_tests()).unwrap();
        let candidates: Vec<Candidate> = (1..=3)
            .map(|line| Candidate {
                line,
                key: format!("44770090012{line}"),
            })
            .collect();
        journal.commit(&[], &candidates).unwrap();
        let room = |j: &SqliteJournal| -> Vec<Option<i64>> {
            let mut stmt = j
                .conn
                .prepare("SELECT length(reserved_space) FROM recipients ORDER BY line")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        assert_eq!(room(&journal), [Some(OUTCOME_ROOM); 3]);
        let ops = [
            Op::Sent {
                line: 1,
                wamid: "wamid.HBgLNDQ3NzAwOTAwMTIxFQIAERgSQzY4RkE0QUMwQjE1MDFBNzkwAA==".into(),
                status: Some("accepted".into()),
                from: None,
            },
            Op::Failed {
                line: 2,
                code: Some(131026),
                reason: "not a WhatsApp user".into(),
            },
        ];
        journal.commit(&ops, &[]).unwrap();
        assert_eq!(room(&journal), [None, None, Some(OUTCOME_ROOM)]);
    }

    /// A creation that was killed leaves only `J.creating`, which the next run replaces: the
    /// journal itself either holds the campaign or does not exist.
    #[test]
    fn an_interrupted_creation_leaves_no_journal_and_does_not_stop_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let creating = dir.path().join("j.creating");
        std::fs::write(&creating, b"half a database").unwrap();
        let journal = SqliteJournal::create(&path, &JournalMeta::for_tests()).unwrap();
        assert!(!creating.exists());
        assert_eq!(journal.meta().unwrap().definition, "{}");
        drop(journal);
        assert_eq!(SqliteJournal::open_read_only(&path).unwrap().revision(), 1);
    }

    /// A `-wal` left from a deleted journal of the same name would be replayed into the new
    /// one: creating is refused until it is moved away.
    #[test]
    fn a_leftover_wal_of_a_deleted_journal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        std::fs::write(dir.path().join("j-wal"), b"old frames").unwrap();
        let error = SqliteJournal::create(&path, &JournalMeta::for_tests())
            .unwrap_err()
            .to_string();
        assert!(error.contains("j-wal"), "{error}");
        assert!(!path.exists());
    }

    /// Each commit is fsync'd before it returns: NORMAL (1) would survive a killed process but
    /// not a power cut, and then a resume could send reserved rows again.
    #[test]
    fn every_commit_is_synced_to_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let journal = SqliteJournal::create(&path, &JournalMeta::for_tests()).unwrap();
        let (mode, sync): (String, i64) = (
            journal
                .conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap(),
            journal
                .conn
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .unwrap(),
        );
        assert_eq!(
            (mode.as_str(), sync),
            ("wal", 2),
            "WAL with synchronous = FULL"
        );
    }

    #[test]
    fn a_second_writer_is_refused_and_a_reader_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let _first = SqliteJournal::create(&path, &JournalMeta::for_tests()).unwrap();
        let second = SqliteJournal::open(&path).unwrap_err().to_string();
        assert!(
            second.contains("in use by another wamm process"),
            "{second}"
        );
        assert!(
            second.contains(&format!("pid {}", std::process::id())),
            "{second}"
        );
        assert!(SqliteJournal::open_read_only(&path).is_ok());
    }

    /// A journal of the first release's layout opens for a resume: upgraded in place, its
    /// row in flight recovered as unknown, its sent row left alone.
    #[test]
    fn a_journal_of_the_first_release_opens_and_recovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.journal");
        Connection::open(&path)
            .unwrap()
            .execute_batch(migrate::tests::FIRST_RELEASE)
            .unwrap();
        let mut journal = SqliteJournal::open(&path).unwrap();
        assert_eq!(journal.revision(), 1);
        assert_eq!(journal.meta().unwrap().recipients_fingerprint, "1234:5678");
        assert_eq!(journal.recover_in_flight(false).unwrap(), 1);
        assert_eq!(
            journal.states_between(2, 3).unwrap(),
            vec![(2, State::Sent), (3, State::Unknown)]
        );
        let version: i32 = journal
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, migrate::latest());
        // It records the template a run sends with from then on, and seed sends.
        assert!(journal.templates().unwrap().is_empty());
        assert!(journal.seeds().unwrap().is_empty());
    }
}
