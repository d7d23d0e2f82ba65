//! A throwaway PostgreSQL server for `cargo xtask bench`, started with the same script the
//! tests use (`scripts/postgres-test-server`), and the CPU it spends.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// A running server; stopped, and its directory deleted, when dropped.
pub struct Server {
    script: PathBuf,
    dir: PathBuf,
    /// `postgres://wamm@127.0.0.1:PORT/postgres`.
    pub url: String,
    next: u32,
}

impl Server {
    /// Starts one, or returns `None` when PostgreSQL is not installed.
    pub fn start(root: &Path) -> Result<Option<Self>> {
        let script = root.join("scripts").join("postgres-test-server");
        let dir = std::env::temp_dir().join(format!("wamm-bench-pg-{}", std::process::id()));
        let output = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg(&dir)
            .arg("--watch")
            .arg(std::process::id().to_string())
            .output()
            .context("cannot run scripts/postgres-test-server")?;
        match output.status.code() {
            Some(0) => {}
            Some(3) => return Ok(None),
            _ => bail!(
                "the PostgreSQL server did not start: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
        }
        Ok(Some(Self {
            script,
            dir,
            url: String::from_utf8_lossy(&output.stdout).trim().to_string(),
            next: 0,
        }))
    }

    /// The URL of a new, empty database on the server.
    pub fn database(&mut self) -> Result<String> {
        self.next += 1;
        let name = format!("bench{}", self.next);
        let status = Command::new("psql")
            .arg(&self.url)
            .args(["-q", "-c", &format!("CREATE DATABASE {name}")])
            .status()
            .context("cannot run psql")?;
        if !status.success() {
            bail!("psql could not create database {name}");
        }
        Ok(format!("{}/{name}", self.url.trim_end_matches("/postgres")))
    }

    /// CPU time the server has used so far: the postmaster, its live children, and the
    /// children it has reaped (a connection's backend ends with its connection).
    pub fn cpu(&self) -> Result<Duration> {
        let pid_file = self.dir.join("data").join("postmaster.pid");
        let pid: u32 = std::fs::read_to_string(&pid_file)
            .with_context(|| format!("cannot read {}", pid_file.display()))?
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .context("no pid in postmaster.pid")?;
        let ticks = crate::harness::clock_ticks();
        let mut total = crate::harness::proc_times(pid, true)
            .context("cannot read the postmaster's CPU time")?;
        for child in children(pid) {
            total += crate::harness::proc_times(child, false).unwrap_or(0);
        }
        Ok(Duration::from_secs_f64(total as f64 / ticks))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(&self.script)
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}

/// Waits until `campaign run` has recorded the campaign in `url` (a worker started before
/// would find nothing to join).
pub fn wait_for_campaign(wamm: &Path, url: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        let report = Command::new(wamm)
            .args(["campaign", "report", "--json", "--journal", url])
            .output()?;
        if report.status.success() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    bail!("the campaign was not recorded within 30 s")
}

fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let path = task.path().join("children");
            if let Ok(list) = std::fs::read_to_string(path) {
                out.extend(
                    list.split_whitespace()
                        .filter_map(|p| p.parse::<u32>().ok()),
                );
            }
        }
    }
    out
}
