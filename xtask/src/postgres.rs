//! A throwaway PostgreSQL server for `cargo xtask bench`, started with the same script the
//! tests use (`scripts/postgres-test-server`), the CPU it spends, and (`--statements`) what
//! its statements cost, from pg_stat_statements.

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
    /// With `--statements`: the file whose sections get the statements' costs.
    statements: Option<PathBuf>,
}

/// The server options that make it count what each statement costs.
const STATEMENT_OPTIONS: &str =
    "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on";

impl Server {
    /// Starts one, or returns `None` when PostgreSQL is not installed.
    pub fn start(root: &Path) -> Result<Option<Self>> {
        Self::start_with(root, None)
    }

    /// [`start`](Self::start) for the bench: with `--statements`, the server counts what
    /// each statement costs, and [`statements_since`](Self::statements_since) writes it into
    /// `--output` (BENCHMARKS.md by default).
    pub fn start_for_bench(root: &Path, args: &crate::bench::BenchArgs) -> Result<Option<Self>> {
        let file = args.statements.then(|| {
            args.output
                .clone()
                .unwrap_or_else(|| root.join("BENCHMARKS.md"))
        });
        Self::start_with(root, file)
    }

    fn start_with(root: &Path, statements: Option<PathBuf>) -> Result<Option<Self>> {
        let script = root.join("scripts").join("postgres-test-server");
        let dir = std::env::temp_dir().join(format!("wamm-bench-pg-{}", std::process::id()));
        let output = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg(&dir)
            .arg("--watch")
            .arg(std::process::id().to_string())
            .env(
                "WAMM_PG_OPTIONS",
                if statements.is_some() {
                    STATEMENT_OPTIONS
                } else {
                    ""
                },
            )
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
            statements,
        }))
    }

    /// The URL of a new, empty database on the server.
    pub fn database(&mut self) -> Result<String> {
        self.next += 1;
        let name = format!("bench{}", self.next);
        psql(&self.url, &format!("CREATE DATABASE {name}"))
            .with_context(|| format!("cannot create database {name}"))?;
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

impl Server {
    /// With `--statements`: forgets what statements have cost so far (the counting starts
    /// here) and returns a mark for [`statements_since`](Self::statements_since); without,
    /// does nothing.
    pub fn statements_from(&self, database: &str) -> Result<Option<std::time::Instant>> {
        if self.statements.is_none() {
            return Ok(None);
        }
        psql(
            database,
            "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()",
        )?;
        Ok(Some(std::time::Instant::now()))
    }

    /// With `--statements` (a mark from [`statements_from`](Self::statements_from)): writes
    /// the statements that took the server's time in `database` since then, each per `unit`
    /// (`count` of them: messages, POSTs), as the section `heading` of the bench's file.
    pub fn statements_since(
        &self,
        mark: Option<std::time::Instant>,
        database: &str,
        heading: &str,
        what: &str,
        unit: &str,
        count: u64,
    ) -> Result<()> {
        let (Some(file), Some(_)) = (&self.statements, mark) else {
            return Ok(());
        };
        let n = count.max(1);
        let rows = psql(
            database,
            &format!(
                "SELECT '| ' || round((total_exec_time * 1000 / {n})::numeric, 1) || ' | '
                        || round((total_plan_time * 1000 / {n})::numeric, 1) || ' | ' || calls
                        || ' | ' || round(((shared_blks_hit + shared_blks_read) / {n}.0)::numeric, 1)
                        || ' | ' || round((wal_bytes / {n})::numeric) || ' | `'
                        || replace(left(regexp_replace(query, '\\s+', ' ', 'g'), 110), '|', '/')
                        || '` |'
                 FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND query NOT LIKE '%pg_stat_statements%'
                 ORDER BY total_exec_time + total_plan_time DESC LIMIT 10"
            ),
        )?;
        let body = format!(
            "Written by `cargo xtask bench --only {} --statements` on {}, {}: {what}, \
             {count} {unit}s; pg_stat_statements, the ten statements that took the most time. \
             Per {unit}: execution and planning time (us), buffers touched, WAL bytes.\n\n\
             | exec us | plan us | calls | buffers | WAL bytes | statement |\n\
             |---|---|---|---|---|---|\n{}",
            if heading.contains("receiver") {
                "receiver"
            } else {
                "postgres"
            },
            crate::harness::machine(),
            crate::harness::now_utc(),
            rows.trim_end()
        );
        crate::harness::replace_section(file, heading, &body)?;
        eprintln!("wrote the section {heading:?} of {}", file.display());
        Ok(())
    }
}

/// Runs `sql` in `database` with psql; its output, one row a line, unaligned.
fn psql(database: &str, sql: &str) -> Result<String> {
    let output = Command::new("psql")
        .arg(database)
        .args(["-X", "-q", "-A", "-t", "-c", sql])
        .output()
        .context("cannot run psql")?;
    if !output.status.success() {
        bail!(
            "psql failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
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
