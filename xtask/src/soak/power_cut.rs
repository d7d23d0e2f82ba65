//! The power cut: `wamm` runs under strace, which records every write and sync of the journal;
//! after a SIGKILL, every write no completed fsync covers is thrown away, leaving what a disk
//! that honours fsync may hold after the power went at that instant.

use std::collections::HashMap;
use std::fs;
use std::io::{Seek, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// `command` run under strace, recording every write and sync of the journal and its WAL.
pub(super) fn traced(command: Command, journal: &Path, trace: &Path) -> Command {
    let wal = with_suffix(journal, "-wal");
    let mut strace = Command::new("strace");
    strace
        .args(["-f", "--seccomp-bpf", "-y", "-s", "0", "-e"])
        .arg("trace=pwrite64,pwritev,pwritev2,write,writev,fsync,fdatasync,ftruncate,sync_file_range,fallocate")
        // Every fsync waits 20 ms before it starts, as on a slow disk: a cut then often falls
        // while a commit is written but not yet synced.
        .arg("-e")
        .arg("inject=fsync,fdatasync:delay_enter=20ms")
        .arg("-P")
        .arg(journal)
        .arg("-P")
        .arg(&wal)
        .arg("-o")
        .arg(trace)
        .arg("--")
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            strace.env(key, value);
        }
    }
    strace
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The first child of process `pid`.
pub(super) fn traced_pid(pid: u32) -> Option<u32> {
    for _ in 0..100 {
        if let Ok(children) = fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            && let Some(child) = children.split_whitespace().next()
        {
            return child.parse().ok();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

/// One system call on a journal file, from the strace log.
#[derive(Debug)]
struct Call {
    name: String,
    path: String,
    args: Vec<String>,
    /// Line numbers of its start and of its return (`None`: it never returned).
    entry: usize,
    exit: Option<usize>,
    ret: Option<i64>,
}

/// What a power cut threw away.
pub(super) struct Cut {
    pub killed: bool,
    pub writes: u64,
    pub bytes: u64,
}

/// Reads the strace log of a run killed with SIGKILL and turns the journal on disk into what a
/// power cut at that instant could leave: every write to the journal or its WAL that no
/// completed fsync covers (one that started after the write had returned) is overwritten with
/// zeros, and the shared-memory index (never synced; SQLite rebuilds it) is deleted.
pub(super) fn power_cut(trace: &Path, journal: &Path) -> Result<Cut> {
    let text = fs::read_to_string(trace)
        .with_context(|| format!("cannot read the strace log {}", trace.display()))?;
    let (calls, killed) = parse_strace(&text);
    let lost = unsynced_writes(&calls)?;
    let mut cut = Cut {
        killed,
        writes: 0,
        bytes: 0,
    };
    for (path, offset, len) in lost {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open {path}"))?;
        let size = file.metadata()?.len();
        let len = len.min(size.saturating_sub(offset));
        if len == 0 {
            continue;
        }
        file.seek(SeekFrom::Start(offset))?;
        file.write_all(&vec![0u8; len as usize])?;
        cut.writes += 1;
        cut.bytes += len;
    }
    let _ = fs::remove_file(with_suffix(journal, "-shm"));
    let _ = fs::remove_file(trace);
    Ok(cut)
}

/// The writes (path, offset, length) that no completed fsync of their file covers: an fsync
/// covers a write when it started after the write returned. A write still running at the
/// kill counts with the length it asked for.
fn unsynced_writes(calls: &[Call]) -> Result<Vec<(&str, u64, u64)>> {
    let mut synced: HashMap<&str, usize> = HashMap::new();
    for call in calls {
        if matches!(call.name.as_str(), "fsync" | "fdatasync") && call.ret == Some(0) {
            let at = synced.entry(call.path.as_str()).or_insert(0);
            *at = (*at).max(call.entry);
        }
    }
    let mut lost = Vec::new();
    for call in calls {
        let covered = call.ret.is_some()
            && call
                .exit
                .is_some_and(|exit| synced.get(call.path.as_str()).is_some_and(|&s| exit < s));
        match call.name.as_str() {
            "fsync" | "fdatasync" => {}
            // strace names a call `???` when its thread died before the call could be read
            // (the SIGKILL landed as it entered). It never returned, so the file holds it or
            // not, and a power cut may keep an unsynced write as well as lose it: the cut
            // models the other writes and leaves this one to chance.
            "???" if call.ret.is_none() => {}
            "pwrite64" => {
                if covered || call.ret.is_some_and(|r| r < 0) {
                    continue;
                }
                let number = |i: usize| call.args.get(i).and_then(|a| a.parse::<u64>().ok());
                let (Some(requested), Some(offset)) = (number(2), number(3)) else {
                    bail!("cannot read a pwrite64 in the strace log: {:?}", call.args);
                };
                let len = call
                    .ret
                    .and_then(|r| u64::try_from(r).ok())
                    .unwrap_or(requested);
                lost.push((call.path.as_str(), offset, len));
            }
            // Another kind of write: modelled only when an fsync covers it.
            other => {
                if !covered {
                    bail!(
                        "cannot model a power cut after an unsynced {other} on {}",
                        call.path
                    );
                }
            }
        }
    }
    Ok(lost)
}

/// The calls in an strace log written with `-f -y -s 0`, and whether a process was killed by
/// SIGKILL. Each call's `entry` and `exit` are line numbers; `exit` is `None` and `ret` too when
/// it never returned, and `ret` is `None` when strace shows `= ?` (killed in the call).
fn parse_strace(text: &str) -> (Vec<Call>, bool) {
    let mut calls: Vec<Call> = Vec::new();
    let mut open: HashMap<&str, usize> = HashMap::new();
    let mut killed = false;
    for (n, line) in text.lines().enumerate() {
        let Some((pid, rest)) = line.trim().split_once(char::is_whitespace) else {
            continue;
        };
        let rest = rest.trim_start();
        if rest.starts_with("+++") {
            killed |= rest.contains("killed by SIGKILL");
            continue;
        }
        if rest.starts_with("---") {
            continue;
        }
        if rest.starts_with("<... ") {
            if let Some(i) = open.remove(pid) {
                calls[i].exit = Some(n);
                calls[i].ret = split_return(rest).1;
            }
            continue;
        }
        let Some((name, args)) = rest.split_once('(') else {
            continue;
        };
        let (args, unfinished) = match args.trim_end().strip_suffix("<unfinished ...>") {
            Some(args) => (args.trim_end(), true),
            None => (args, false),
        };
        let (args, ret) = if unfinished {
            (args, None)
        } else {
            let (head, ret) = split_return(args);
            (head.strip_suffix(')').unwrap_or(head), ret)
        };
        let args: Vec<String> = args.split(", ").map(|a| a.trim().to_string()).collect();
        let path = args
            .first()
            .and_then(|fd| fd.split_once('<'))
            .map(|(_, p)| p.strip_suffix('>').unwrap_or(p).to_string())
            .unwrap_or_default();
        calls.push(Call {
            name: name.to_string(),
            path,
            args,
            entry: n,
            exit: (!unfinished).then_some(n),
            ret,
        });
        if unfinished {
            open.insert(pid, calls.len() - 1);
        }
    }
    (calls, killed)
}

/// Splits `...) = 4096` into the part before ` = ` (trimmed) and the number after it (`None`
/// for `?`).
fn split_return(text: &str) -> (&str, Option<i64>) {
    match text.rsplit_once(" = ") {
        Some((head, ret)) => (
            head.trim_end(),
            ret.split_whitespace().next().and_then(|r| r.parse().ok()),
        ),
        None => (text.trim_end(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A journal thread (100) and another (101), as strace -f -y -s 0 writes them.
    const TRACE: &str = "\
100   pwrite64(5</j/x.journal-wal>, \"\"..., 32, 0) = 32
100   fsync(5</j/x.journal-wal>)         = 0
100   pwrite64(5</j/x.journal-wal>, \"\"..., 4120, 32) = 4120
100   fsync(5</j/x.journal-wal>)         = 0
100   pwrite64(5</j/x.journal-wal>, \"\"..., 4120, 4152) = 4120
100   pwrite64(4</j/x.journal>, \"\"..., 4096, 0) = 4096
101   pwrite64(5</j/x.journal-wal>, \"\"..., 10, 9000 <unfinished ...>
100   fsync(5</j/x.journal-wal> <unfinished ...>
101   <... pwrite64 resumed>) = 10
100   <... fsync resumed>)               = 0
100   pwrite64(5</j/x.journal-wal>, \"\"..., 4120, 8272) = ?
101   pwrite64(5</j/x.journal-wal>, \"\"..., 20, 12000 <unfinished ...>
100   +++ killed by SIGKILL +++
";

    #[test]
    fn a_power_cut_loses_every_write_no_completed_fsync_covers() {
        let (calls, killed) = parse_strace(TRACE);
        assert!(killed);
        assert_eq!(calls.len(), 10);
        assert_eq!(calls[1].name, "fsync");
        assert_eq!(calls[1].path, "/j/x.journal-wal");
        assert_eq!(calls[1].ret, Some(0));
        assert_eq!(calls[6].exit, Some(8));
        assert_eq!(calls[7].ret, Some(0));
        assert_eq!(calls[8].ret, None);
        assert_eq!(calls[9].exit, None);
        let lost = unsynced_writes(&calls).unwrap();
        assert_eq!(
            lost,
            [
                // The journal itself was never synced after this write.
                ("/j/x.journal", 0, 4096),
                // Returned after the last fsync had started.
                ("/j/x.journal-wal", 9000, 10),
                // Killed inside the write, and still running at the kill.
                ("/j/x.journal-wal", 8272, 4120),
                ("/j/x.journal-wal", 12000, 20),
            ]
        );
    }

    #[test]
    fn an_unsynced_write_of_another_kind_cannot_be_modelled() {
        let trace = "7 ftruncate(4</j/x.journal>, 4096) = 0\n";
        let (calls, _) = parse_strace(trace);
        assert!(unsynced_writes(&calls).is_err());
        let synced = "7 ftruncate(4</j/x.journal>, 4096) = 0\n7 fsync(4</j/x.journal>) = 0\n";
        let (calls, killed) = parse_strace(synced);
        assert!(!killed);
        assert!(unsynced_writes(&calls).unwrap().is_empty());
    }

    #[test]
    fn a_call_strace_could_not_read_as_its_thread_died_is_left_to_chance() {
        let trace = "\
7 pwrite64(4</j/x.journal-wal>, \"\"..., 32, 0) = 32
8 ???( <unfinished ...>
7 +++ killed by SIGKILL +++
";
        let (calls, killed) = parse_strace(trace);
        assert!(killed);
        assert_eq!(calls[1].name, "???");
        assert_eq!(
            unsynced_writes(&calls).unwrap(),
            vec![("/j/x.journal-wal", 0, 32)]
        );
        // One that returned is not a dying thread: still refused.
        let (calls, _) = parse_strace("8 ???() = 0\n");
        assert!(unsynced_writes(&calls).is_err());
    }
}
