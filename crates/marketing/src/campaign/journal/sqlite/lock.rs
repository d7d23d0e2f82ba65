//! One writer at a time: the lock a run holds on its journal file, and the one name a
//! journal is opened by.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::now_ms;
use crate::pg::this_host;

use super::super::super::{CampaignError, NextStep};

/// The writer lock of a journal: `flock` on the journal file itself, so that every name of
/// that file (the one given, a symlink, a hard link, `./J` or an absolute path) meets the same
/// lock; and `flock` on `J.lock` beside the name given, which keeps a line saying who holds it
/// and is what earlier versions of wamm locked (so one of them on the same name is refused too). The
/// kernel releases both when the process ends.
#[derive(Debug)]
pub(super) struct WriterLock {
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
    pub(super) fn acquire(
        path: &Path,
        open: impl FnOnce() -> Result<File, CampaignError>,
    ) -> Result<Self, CampaignError> {
        let named = lock_path(path);
        let io = |e: std::io::Error| CampaignError::journal(named.display().to_string(), e);
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
                return Err(CampaignError::journal(
                    format!("cannot lock {}", path.display()),
                    e,
                ));
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
pub(super) fn one_name(path: &Path) -> Result<PathBuf, CampaignError> {
    use std::os::unix::fs::MetadataExt;
    let real = std::fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            CampaignError::Input(format!("{} does not exist", path.display()))
        }
        _ => CampaignError::journal(format!("cannot open {}", path.display()), e),
    })?;
    let meta = std::fs::metadata(&real)
        .map_err(|e| CampaignError::journal(format!("cannot open {}", path.display()), e))?;
    if meta.is_file() && meta.nlink() > 1 {
        return Err(CampaignError::Guided {
            message: format!(
                "{} has {} names (hard links): SQLite keeps the journal's latest commits in a log named after one of them, so through another it would see an old state and send again. Remove the other names and keep the one beside its -wal file; copy a journal with `cp`, never `ln`",
                path.display(),
                meta.nlink(),
            ),
            next: NextStep::FindOtherNames {
                path: real.display().to_string(),
            },
        });
    }
    Ok(real)
}
