//! Checkpoints of the SQLite event store on a thread of their own, away from the thread
//! that commits POSTs.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use rusqlite::Connection;

/// How often the checkpointer copies the log into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// Frames in the log (4 KiB pages: 16 MiB) past which the writer starts it over. SQLite
/// starts the log over only when a write begins with every frame copied, which under steady
/// load never happens (the checkpointer copies every 100 ms; the writer writes all the
/// time), and a checkpoint that insists on it from the checkpointer's thread waits for a
/// moment between writes that never comes. So the writer does it, after a commit: the
/// checkpointer has copied all but the last moments' frames, and the writer copies those and
/// starts the log over.
pub(super) const RESTART_FRAMES: i64 = 4096;

/// Copies the write-ahead log into the database file on a thread of its own, so that the
/// thread committing POSTs does not (SQLite's automatic checkpoint runs in the committing
/// connection, after the commit: a profile of the receiver put 13 % of its CPU there, all on
/// the one thread every POST waits for). Stopped, and its thread joined, when dropped.
#[derive(Debug)]
pub(super) struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    /// Set by the checkpointer when the log has grown past [`RESTART_FRAMES`]; the writer
    /// starts it over after its next commit.
    restart_due: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the store at `path` with a connection of its own. Its
    /// checkpoints sync the database file before the log is started over
    /// (`synchronous = FULL`), as the writer's own would.
    pub(super) fn start(path: &Path) -> Result<Self, String> {
        let conn = Connection::open(path).map_err(|e| e.to_string())?;
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;")
            .map_err(|e| e.to_string())?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let restart_due = Arc::new(AtomicBool::new(false));
        let (stopped, due) = (Arc::clone(&stop), Arc::clone(&restart_due));
        let thread = std::thread::Builder::new()
            .name("store-checkpoint".into())
            .spawn(move || checkpoint_until_stopped(&conn, &stopped, &due))
            .map_err(|e| format!("cannot start its checkpoint thread: {e}"))?;
        Ok(Self {
            stop,
            restart_due,
            thread: Some(thread),
        })
    }

    /// Called by the writer after a commit, on its own connection: starts the log over if
    /// the checkpointer found it past [`RESTART_FRAMES`] (once: the flag is cleared).
    pub(super) fn restart_if_due(&self, conn: &Connection) {
        if self.restart_due.swap(false, Ordering::Relaxed)
            && let Err(e) = checkpoint(conn, "RESTART")
        {
            // Committed all the same; the checkpointer asks again.
            tracing::warn!(error = %e, "the event store's log could not be started over");
        }
    }
}

/// Checkpoints the store in `mode`; returns the frames in the log.
fn checkpoint(conn: &Connection, mode: &str) -> rusqlite::Result<i64> {
    // (busy, frames in the log, frames copied)
    conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| r.get(1))
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (stopped, wake) = &*self.stop;
        *stopped.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn checkpoint_until_stopped(
    conn: &Connection,
    stop: &(Mutex<bool>, Condvar),
    restart_due: &AtomicBool,
) {
    let (stopped, wake) = stop;
    let mut stopped = stopped.lock().unwrap_or_else(|e| e.into_inner());
    while !*stopped {
        stopped = wake
            .wait_timeout(stopped, CHECKPOINT_EVERY)
            .unwrap_or_else(|e| e.into_inner())
            .0;
        if *stopped {
            break;
        }
        match checkpoint(conn, "PASSIVE") {
            Ok(log) if log >= RESTART_FRAMES => restart_due.store(true, Ordering::Relaxed),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the event store's checkpoint failed"),
        }
    }
}
