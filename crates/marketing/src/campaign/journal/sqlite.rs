//! The SQLite journal: one file per campaign, with the campaign and one row per recipient.
//!
//! It is what makes a campaign exactly-once: a recipient is committed as `in_flight` before its
//! request leaves the process, and its outcome is committed after. A process killed in between
//! leaves `in_flight` rows, which the next run turns into `unknown` (may have been sent) instead
//! of sending them again.
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

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::pg::this_host;

use super::super::CampaignError;
use super::{
    Candidate, JournalMeta, Op, Reservation, Revision, RowRecord, RunRecord, State, Tally, now_ms,
};

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

/// The writer lock of a journal: `flock` on the journal file itself, so that every name of
/// that file (the one given, a symlink, a hard link, `./J` or an absolute path) meets the same
/// lock; and `flock` on `J.lock` beside the name given, which keeps a line saying who holds it
/// and is what earlier versions of wamm locked (so one of them on the same name is refused too). The
/// kernel releases both when the process ends.
#[derive(Debug)]
struct WriterLock {
    /// The journal's own file, locked. Closed only after the connection (fields drop in
    /// order, and `SqliteJournal::conn` comes first): closing any descriptor of a file drops
    /// the process's POSIX locks on it, which are SQLite's.
    _journal: File,
    _named: File,
}

/// Where a journal's writer lock line lives, beside the name given.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl WriterLock {
    /// Takes the lock on the journal named `path`, or says which process holds it. `open`
    /// opens the journal file itself; it runs once `J.lock` is held.
    fn acquire(
        path: &Path,
        open: impl FnOnce() -> Result<File, CampaignError>,
    ) -> Result<Self, CampaignError> {
        let named = lock_path(path);
        let io = |e: std::io::Error| CampaignError::Journal(format!("{}: {e}", named.display()));
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&named)
            .map_err(io)?;
        let in_use = |holder: String| {
            CampaignError::Input(format!(
                "{} is in use by another wamm process ({holder}); two writers would send to the same recipients. Wait for it to end, or stop it (Ctrl-C, or kill -TERM its pid) and resume",
                path.display(),
            ))
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(in_use(if holder.is_empty() {
                    "unknown pid".to_string()
                } else {
                    holder.to_string()
                }));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let journal = open()?;
        match journal.try_lock() {
            Ok(()) => {}
            // Held through another name of the same file.
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(in_use(
                    holder_of(&journal).unwrap_or_else(|| "unknown pid".to_string()),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(CampaignError::Journal(format!(
                    "cannot lock {}: {e}",
                    path.display()
                )));
            }
        }
        let command: Vec<String> = std::env::args().take(3).collect();
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(
            file,
            "pid {} on {}, `{}`, since {} (Unix ms)",
            std::process::id(),
            this_host(),
            command.join(" "),
            now_ms()
        )
        .map_err(io)?;
        Ok(Self {
            _journal: journal,
            _named: file,
        })
    }
}

/// Who holds the `flock` on `file`, from the kernel's table of locks (`/proc/locks`): a
/// `flock` is local to this machine, so the holder is a process here.
fn holder_of(file: &File) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = file.metadata().ok()?;
    let (dev, ino) = (meta.dev(), meta.ino());
    // The kernel prints the device as major:minor in hex (glibc's split of `st_dev`).
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // `N: FLOCK ADVISORY WRITE PID MAJ:MIN:INO START END`; waiters have `->` second.
        if fields.len() < 6 || fields[1] != "FLOCK" {
            return None;
        }
        let mut id = fields[5].split(':');
        let same = id.next().and_then(|m| u64::from_str_radix(m, 16).ok()) == Some(major)
            && id.next().and_then(|m| u64::from_str_radix(m, 16).ok()) == Some(minor)
            && id.next().and_then(|i| i.parse::<u64>().ok()) == Some(ino);
        same.then(|| fields[4].to_string())
    })?;
    let command = std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|bytes| {
            bytes
                .split(|b| *b == 0)
                .filter(|arg| !arg.is_empty())
                .take(3)
                .map(|arg| String::from_utf8_lossy(arg).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    Some(if command.is_empty() {
        format!("pid {pid} on {}", this_host())
    } else {
        format!("pid {pid} on {}, `{command}`", this_host())
    })
}

/// The one name a journal is opened by: its real path, with symbolic links resolved.
///
/// SQLite keeps a journal's recent commits in a write-ahead log named after the path it was
/// opened by (`J-wal`). Opened through a symbolic link, SQLite itself resolves it; this also
/// does, so that every check of `J-wal` here looks where SQLite writes. A hard link is another
/// name for the same file that cannot be resolved: opened through it, SQLite would look for
/// `LINK-wal`, miss the commits in `J-wal`, see the journal as it was at its last checkpoint
/// and send again to everyone sent to since (and a later open by the first name would replay
/// the old log over the new state). So a journal with more than one name is refused.
fn one_name(path: &Path) -> Result<PathBuf, CampaignError> {
    use std::os::unix::fs::MetadataExt;
    let real = std::fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            CampaignError::Input(format!("{} does not exist", path.display()))
        }
        _ => CampaignError::Journal(format!("cannot open {}: {e}", path.display())),
    })?;
    let meta = std::fs::metadata(&real)
        .map_err(|e| CampaignError::Journal(format!("cannot open {}: {e}", path.display())))?;
    if meta.is_file() && meta.nlink() > 1 {
        return Err(CampaignError::Input(format!(
            "{} has {} names (hard links): SQLite keeps the journal's latest commits in a log named after one of them, so through another it would see an old state and send again. Remove the other names (`find / -xdev -samefile {}` lists them) and keep the one beside its -wal file; copy a journal with `cp`, never `ln`",
            path.display(),
            meta.nlink(),
            super::super::shell_word(&real.display().to_string())
        )));
    }
    Ok(real)
}

/// Columns added after the first release, with their types: added to older journals when
/// they are opened.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("campaign", "recipients_rows", "INTEGER"),
    ("campaign", "campaign_path", "TEXT"),
    ("recipients", "revision", "INTEGER"),
    ("runs", "template", "TEXT"),
    ("recipients", "sent_from", "TEXT"),
    ("recipients", "reserved_space", "BLOB"),
];

/// Bytes a row holds while it is in flight (`reserved_space`), about what its outcome adds
/// (a wamid, the message status, the sending number). The outcome then replaces the row
/// without outgrowing its page: without the room, most outcomes overflowed a page and SQLite
/// split and rebalanced it, the largest single cost of writing an outcome.
const OUTCOME_ROOM: i64 = 96;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS campaign (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    definition TEXT NOT NULL,
    recipients_path TEXT NOT NULL,
    recipients_fingerprint TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS recipients (
    line INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    wamid TEXT,
    message_status TEXT,
    error_code INTEGER,
    reason TEXT,
    updated_ms INTEGER NOT NULL
);
-- Journals written before 0.1 kept an index on state; it cost every write more than the
-- occasional report saves.
DROP INDEX IF EXISTS recipients_state;
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    definition TEXT NOT NULL,
    source TEXT,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER,
    sent INTEGER NOT NULL DEFAULT 0,
    outcome TEXT
);
";

/// The most rows one reservation statement inserts. A batch is reserved in statements of
/// 64, 32, ... 1 rows, so at most seven statement shapes are prepared.
const RESERVE_ROWS_MAX: usize = 64;

/// Writes each op's outcome into its row.
///
/// Most ops are sends: their statement has the state and the constant columns in its text
/// and binds the time once per commit, so each row binds only what differs (its line and
/// wamid, and the status or number when they change). Binding is a large share of a row's
/// cost, as SQLite copies every text it is given.
fn record_outcomes(tx: &Connection, ops: &[Op], now: i64) -> Result<(), rusqlite::Error> {
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
        match op {
            Op::Pending { line, attempts } => {
                pending.execute(params![*line as i64, *attempts as i64, now])?;
            }
            Op::Invalid { line, reason } | Op::Suppressed { line, reason } => {
                let state = if matches!(op, Op::Invalid { .. }) {
                    "invalid"
                } else {
                    "suppressed"
                };
                upsert.execute(params![
                    *line as i64,
                    state,
                    None::<&str>,
                    None::<&str>,
                    None::<i64>,
                    reason,
                    now,
                    0,
                    None::<&str>
                ])?;
            }
            Op::Sent {
                line,
                wamid,
                status,
                from,
            } => {
                let (line, status, from) = (*line as i64, status.as_deref(), from.as_deref());
                if bound != Some((status, from)) {
                    sent.raw_bind_parameter(3, status)?;
                    sent.raw_bind_parameter(4, from)?;
                    bound = Some((status, from));
                }
                sent.raw_bind_parameter(1, line)?;
                sent.raw_bind_parameter(2, wamid.as_str())?;
                if sent.raw_execute()? == 0 {
                    upsert.execute(params![
                        line,
                        "sent",
                        wamid,
                        status,
                        None::<i64>,
                        None::<&str>,
                        now,
                        1,
                        from
                    ])?;
                }
            }
            Op::Failed { line, code, reason } | Op::Unknown { line, code, reason } => {
                let state = if matches!(op, Op::Failed { .. }) {
                    "failed"
                } else {
                    "unknown"
                };
                let line = *line as i64;
                if outcome.execute(params![line, state, code, reason, now])? == 0 {
                    upsert.execute(params![
                        line,
                        state,
                        None::<&str>,
                        None::<&str>,
                        code,
                        reason,
                        now,
                        1,
                        None::<&str>
                    ])?;
                }
            }
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
/// key fails whole (SQLite undoes that statement alone), and its rows are then reserved one
/// at a time.
fn reserve(
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
                for candidate in chunk {
                    reservations.push(reserve_one(tx, candidate, now, revision)?);
                }
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

/// Reserves one candidate that may collide with a row already in the journal: its own line
/// (pending: reserve it again; any other state: done) or the same recipient on another line
/// (a duplicate).
fn reserve_one(
    tx: &Connection,
    candidate: &Candidate,
    now: i64,
    revision: i64,
) -> Result<Reservation, rusqlite::Error> {
    let line = candidate.line as i64;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO recipients (line, key, state, updated_ms, revision, reserved_space) VALUES (?1, ?2, 'in_flight', ?3, ?4, zeroblob(?5)) ON CONFLICT DO NOTHING",
        )?
        .execute(params![line, candidate.key, now, revision, OUTCOME_ROOM])?;
    if inserted == 1 {
        return Ok(Reservation::Send { attempts: 0 });
    }
    let found: Option<(String, i64)> = tx
        .prepare_cached("SELECT state, attempts FROM recipients WHERE line = ?1")?
        .query_row(params![line], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match found {
        Some((state, attempts)) if state == "pending" => {
            tx.prepare_cached(
                "UPDATE recipients SET state = 'in_flight', updated_ms = ?2, revision = ?3, reserved_space = zeroblob(?4) WHERE line = ?1",
            )?
            .execute(params![line, now, revision, OUTCOME_ROOM])?;
            Reservation::Send {
                attempts: attempts as u32,
            }
        }
        Some(_) => Reservation::Done,
        None => {
            // Not this line, so the key: the same recipient on an earlier line.
            let first: Option<i64> = tx
                .prepare_cached("SELECT line FROM recipients WHERE key = ?1")?
                .query_row(params![candidate.key], |r| r.get(0))
                .optional()?;
            tx.prepare_cached(
                "INSERT INTO recipients (line, key, state, reason, updated_ms) VALUES (?1, NULL, 'skipped', ?2, ?3)",
            )?
            .execute(params![
                line,
                match first {
                    Some(first) => format!("duplicate of line {first}"),
                    None => "duplicate of an earlier line".to_string(),
                },
                now
            ])?;
            Reservation::Duplicate
        }
    })
}

fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool, rusqlite::Error> {
    conn.query_row(
        &format!("SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = ?1"),
        params![column],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )
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

/// Makes a new file's directory entry durable.
fn sync_directory(path: &Path) -> Result<(), CampaignError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| CampaignError::Journal(format!("cannot sync {}: {e}", dir.display())))
}

/// An SQLite error, named after the journal's file. A full disk says so: the commit that
/// failed was not made, so what it would have recorded is done again (or found in flight, so
/// `unknown`) by the resume that follows once there is room.
fn db(path: &Path, e: rusqlite::Error) -> CampaignError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
        return CampaignError::Journal(format!(
            "{}: cannot write: the disk is full ({e}); free space on it, then resume",
            path.display()
        ));
    }
    CampaignError::Journal(format!("{}: {e}", path.display()))
}

impl SqliteJournal {
    /// Creates a new journal at `path`, readable by its owner only, and takes its writer
    /// lock; fails if the file exists (resume it instead).
    pub fn create(path: &Path, meta: &JournalMeta) -> Result<Self, CampaignError> {
        let exists = || {
            CampaignError::Input(format!(
                "{} already exists: resume it with `wamm campaign resume --journal {}`, or choose another journal file",
                path.display(),
                super::super::shell_word(&path.display().to_string())
            ))
        };
        // A -wal or -shm left from a deleted journal would be read as this one's.
        let leftovers = |path: &Path| {
            ["-wal", "-shm"].into_iter().find_map(|suffix| {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                Path::new(&name).exists().then(|| PathBuf::from(name))
            })
        };
        if path.exists() {
            return Err(exists());
        }
        if let Some(leftover) = leftovers(path) {
            return Err(CampaignError::Input(format!(
                "{} is left from an earlier journal of that name (the journal itself is gone): move it away, or choose another journal file",
                leftover.display()
            )));
        }
        // Built under a temporary name and renamed into place once the campaign is recorded:
        // a run killed while creating it leaves no journal (nothing was sent), never one a
        // resume cannot read.
        let mut creating = path.as_os_str().to_owned();
        creating.push(".creating");
        let creating = PathBuf::from(creating);
        // The file is locked before it has a name a resume could find, and its lock goes with
        // it through the rename.
        let lock = WriterLock::acquire(path, || {
            for leftover in ["", "-wal", "-shm"] {
                let mut name = creating.as_os_str().to_owned();
                name.push(leftover);
                let _ = std::fs::remove_file(name);
            }
            // Created here, 0600, so that SQLite's -wal and -shm files (which take the
            // database file's permissions) are private too.
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&creating)
                .map_err(|e| {
                    CampaignError::Journal(format!("cannot create {}: {e}", creating.display()))
                })
        })?;
        let mut journal = Self::connect(&creating, None)?;
        let tx = journal.conn.transaction().map_err(|e| db(path, e))?;
        tx.execute(
            "INSERT INTO campaign (id, definition, recipients_path, recipients_fingerprint, recipients_rows, campaign_path, created_ms) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                meta.definition,
                meta.recipients_path,
                meta.recipients_fingerprint,
                meta.recipients_rows.map(|n| n as i64),
                meta.campaign_path,
                meta.created_ms
            ],
        )
        .map_err(|e| db(path, e))?;
        tx.execute(
            "INSERT INTO revisions (id, definition, source, created_ms) VALUES (1, ?1, ?2, ?3)",
            params![meta.definition, meta.campaign_path, meta.created_ms],
        )
        .map_err(|e| db(path, e))?;
        tx.commit().map_err(|e| db(path, e))?;
        // Everything into the main file, then closed: the WAL is named after the file, so
        // nothing may be left in it when the file is renamed.
        journal
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| db(path, e))?;
        drop(journal);
        File::open(&creating)
            .and_then(|f| f.sync_all())
            .map_err(|e| {
                CampaignError::Journal(format!("cannot sync {}: {e}", creating.display()))
            })?;
        if path.exists() {
            let _ = std::fs::remove_file(&creating);
            return Err(exists());
        }
        std::fs::rename(&creating, path).map_err(|e| {
            CampaignError::Journal(format!("cannot create {}: {e}", path.display()))
        })?;
        let mut journal = Self::connect(path, Some(lock))?;
        sync_directory(path)?;
        journal.revision = 1;
        Ok(journal)
    }

    /// Opens an existing journal to continue it, taking its writer lock.
    pub fn open(path: &Path) -> Result<Self, CampaignError> {
        let path = &one_name(path)?;
        let lock = WriterLock::acquire(path, || {
            File::open(path)
                .map_err(|e| CampaignError::Journal(format!("cannot open {}: {e}", path.display())))
        })?;
        let journal = Self::connect(path, Some(lock))?;
        journal.meta().map_err(|_| {
            CampaignError::Journal(format!("{} is not a wamm campaign journal", path.display()))
        })?;
        Ok(journal)
    }

    /// Opens a journal to read it: no lock, no writes, so it works while a run is live and on
    /// a read-only copy. A journal written by an older version reads as far as it goes.
    pub fn open_read_only(path: &Path) -> Result<Self, CampaignError> {
        let path = &one_name(path)?;
        let not_a_journal =
            || CampaignError::Journal(format!("{} is not a wamm campaign journal", path.display()));
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

    fn has_column(&self, table: &str, column: &str) -> bool {
        has_column(&self.conn, table, column).unwrap_or(false)
    }

    fn connect(path: &Path, lock: Option<WriterLock>) -> Result<Self, CampaignError> {
        let conn = Connection::open(path).map_err(|e| db(path, e))?;
        // Room for every statement a commit prepares (reserve_sql's shapes included).
        conn.set_prepared_statement_cache_capacity(32);
        // FULL: each commit's WAL frames are fsync'd before the commit returns.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(|e| db(path, e))?;
        conn.execute_batch(SCHEMA).map_err(|e| db(path, e))?;
        for (table, column, kind) in ADDED_COLUMNS {
            if !has_column(&conn, table, column).map_err(|e| db(path, e))? {
                conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))
                    .map_err(|e| db(path, e))?;
            }
        }
        // Journals from before revisions were kept: the stored definition is revision 1.
        conn.execute(
            "INSERT INTO revisions (id, definition, source, created_ms)
             SELECT 1, definition, campaign_path, created_ms FROM campaign
             WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM revisions)",
            [],
        )
        .map_err(|e| db(path, e))?;
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

    /// The revision rows reserved now are sent with.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// Every revision of the definition, oldest first.
    pub fn revisions(&self) -> Result<Vec<Revision>, CampaignError> {
        if !self.has_table("revisions") {
            let meta = self.meta()?;
            return Ok(vec![Revision {
                id: 1,
                definition: meta.definition,
                source: meta.campaign_path,
                created_ms: meta.created_ms,
            }]);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, definition, source, created_ms FROM revisions ORDER BY id")
            .map_err(|e| db(&self.path, e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Revision {
                    id: r.get(0)?,
                    definition: r.get(1)?,
                    source: r.get(2)?,
                    created_ms: r.get(3)?,
                })
            })
            .map_err(|e| db(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| db(&self.path, e))
    }

    /// Records a new revision of the definition; rows reserved from now on are sent with it.
    pub fn add_revision(
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

    /// Records where the list is now, and what it holds (a moved list, or a journal from
    /// before row counts were kept).
    pub fn set_recipients(
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

    /// The campaign as stored.
    pub fn meta(&self) -> Result<JournalMeta, CampaignError> {
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

    /// Marks rows left in flight by an interrupted run as unknown (or, with `resend`, as
    /// pending so they are sent again). Returns how many there were.
    pub fn recover_in_flight(&mut self, resend: bool) -> Result<u64, CampaignError> {
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

    /// Starts a run; returns its ID.
    ///
    /// `template` is the approved template the run's message was checked against (as JSON),
    /// when it was.
    pub fn start_run(&mut self, template: Option<&str>) -> Result<i64, CampaignError> {
        self.conn
            .execute(
                "INSERT INTO runs (started_ms, template) VALUES (?1, ?2)",
                params![now_ms(), template],
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Ends a run with its outcome.
    pub fn finish_run(&mut self, run: i64, sent: u64, outcome: &str) -> Result<(), CampaignError> {
        self.conn
            .execute(
                "UPDATE runs SET finished_ms = ?1, sent = ?2, outcome = ?3 WHERE id = ?4",
                params![now_ms(), sent as i64, outcome, run],
            )
            .map_err(|e| db(&self.path, e))?;
        Ok(())
    }

    /// In one transaction: records `ops`, then reserves `candidates` (commits them in flight,
    /// or records duplicates). Returns one reservation per candidate, in order.
    pub fn commit(
        &mut self,
        ops: &[Op],
        candidates: &[Candidate],
    ) -> Result<Vec<Reservation>, CampaignError> {
        let now = now_ms();
        let tx = self.conn.transaction().map_err(|e| db(&self.path, e))?;
        record_outcomes(&tx, ops, now).map_err(|e| db(&self.path, e))?;
        let reservations =
            reserve(&tx, candidates, now, self.revision).map_err(|e| db(&self.path, e))?;
        tx.commit().map_err(|e| db(&self.path, e))?;
        Ok(reservations)
    }

    /// Puts sent rows back to pending, each with a reason (the message to send again was
    /// proven undelivered): `(line, wamid, reason)`. A row no longer `sent` with that wamid is
    /// left alone. Returns how many changed.
    pub fn reopen_sent(&mut self, rows: &[(u64, String, String)]) -> Result<u64, CampaignError> {
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

    /// The states of lines `from..=to` already in the journal.
    pub fn states_between(&self, from: u64, to: u64) -> Result<Vec<(u64, State)>, CampaignError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT line, state FROM recipients WHERE line BETWEEN ?1 AND ?2")
            .map_err(|e| db(&self.path, e))?;
        let rows = stmt
            .query_map(params![from as i64, to as i64], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))
            })
            .map_err(|e| db(&self.path, e))?;
        let mut out = Vec::new();
        for row in rows {
            let (line, state) = row.map_err(|e| db(&self.path, e))?;
            if let Some(state) = State::parse(&state) {
                out.push((line, state));
            }
        }
        Ok(out)
    }

    /// Rows with a final state (nothing more will be sent to them).
    pub fn final_rows(&self) -> Result<u64, CampaignError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM recipients WHERE state NOT IN ('pending', 'in_flight')",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| db(&self.path, e))
    }

    /// Whether every one of the list's `rows` has a final state, so a resume has nothing to
    /// send (with `resend_unknown`, unknown rows count as not final).
    pub fn is_complete(&self, rows: u64, resend_unknown: bool) -> Result<bool, CampaignError> {
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

    /// Everything a report counts: one scan of the recipients, grouped as it goes (no sort).
    pub fn tally(&self) -> Result<Tally, CampaignError> {
        let revision = if self.has_column("recipients", "revision") {
            "COALESCE(revision, 1)"
        } else {
            "1"
        };
        let sent_from = if self.has_column("recipients", "sent_from") {
            "sent_from"
        } else {
            "NULL"
        };
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

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunRecord>, CampaignError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT started_ms, finished_ms, sent, outcome, {} FROM runs ORDER BY id",
                if self.has_column("runs", "template") {
                    "template"
                } else {
                    "NULL"
                }
            ))
            .map_err(|e| db(&self.path, e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RunRecord {
                    started_ms: r.get(0)?,
                    finished_ms: r.get(1)?,
                    sent: r.get::<_, i64>(2)? as u64,
                    outcome: r.get(3)?,
                    template: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|t| serde_json::from_str(&t).ok()),
                })
            })
            .map_err(|e| db(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| db(&self.path, e))
    }

    /// Calls `each` with every recipient row in line order:
    /// (line, key, state, attempts, wamid, message_status, error_code, reason).
    pub fn for_each_row(
        &self,
        mut each: impl FnMut(RowRecord) -> Result<(), CampaignError>,
    ) -> Result<(), CampaignError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT line, key, state, attempts, wamid, message_status, error_code, reason, {} FROM recipients ORDER BY line",
                if self.has_column("recipients", "revision") { "revision" } else { "NULL" }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> JournalMeta {
        JournalMeta {
            definition: "{}".into(),
            recipients_path: "/tmp/list.csv".into(),
            recipients_fingerprint: "sha256:00".into(),
            recipients_rows: Some(1),
            campaign_path: None,
            created_ms: 1,
        }
    }

    /// A journal that cannot grow (a full disk; here SQLite's page limit, which fails the
    /// same way) says which file and what to do, and its commits before stay.
    #[test]
    fn a_full_disk_names_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spring.journal");
        let mut journal = SqliteJournal::create(&path, &meta()).unwrap();
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
        let mut journal = SqliteJournal::create(&dir.path().join("j"), &meta()).unwrap();
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
        let journal = SqliteJournal::create(&path, &meta()).unwrap();
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
        let error = SqliteJournal::create(&path, &meta())
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
        let journal = SqliteJournal::create(&path, &meta()).unwrap();
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
        let _first = SqliteJournal::create(&path, &meta()).unwrap();
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
}
