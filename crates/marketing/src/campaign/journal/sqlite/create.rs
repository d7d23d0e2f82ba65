//! Creating a journal file: built under a temporary name and renamed into place, so a run
//! killed while creating it leaves no journal rather than half of one.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rusqlite::params;

use super::super::super::{CampaignError, NextStep};
use super::super::JournalMeta;
use super::lock::WriterLock;
use super::{SqliteJournal, db};

impl SqliteJournal {
    /// Creates a new journal at `path`, readable by its owner only, and takes its writer
    /// lock; fails if the file exists (resume it instead).
    pub fn create(path: &Path, meta: &JournalMeta) -> Result<Self, CampaignError> {
        let exists = || CampaignError::Guided {
            message: format!(
                "{} already exists: resume it, or choose another journal file",
                path.display()
            ),
            next: NextStep::Resume {
                journal: path.display().to_string(),
            },
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
                    CampaignError::journal(format!("cannot create {}", creating.display()), e)
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
                CampaignError::journal(format!("cannot sync {}", creating.display()), e)
            })?;
        if path.exists() {
            let _ = std::fs::remove_file(&creating);
            return Err(exists());
        }
        std::fs::rename(&creating, path)
            .map_err(|e| CampaignError::journal(format!("cannot create {}", path.display()), e))?;
        let mut journal = Self::connect(path, Some(lock))?;
        sync_directory(path)?;
        journal.revision = 1;
        Ok(journal)
    }
}

/// Makes a new file's directory entry durable.
fn sync_directory(path: &Path) -> Result<(), CampaignError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| CampaignError::journal(format!("cannot sync {}", dir.display()), e))
}
