//! `cargo xtask bench`, receiver part: `wamm webhook serve` under `marketing`'s `webhook_load`
//! (signed status POSTs, every event new, requests written out before the clock starts and
//! sent over keep-alive connections), into a fresh SQLite store with one and with 20 events a
//! POST, then into one PostgreSQL database with one and with two receivers. Each row gives
//! the CPU per POST of the receiver and of the load: on a small machine they share the cores,
//! so the load's own cost is part of what bounds the figure. `cargo xtask bench --only
//! receiver` measures just this part and rewrites only its rows in BENCHMARKS.md.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::bench::{BenchArgs, Row, build_example};
use crate::harness::{build_release, ensure_command};
use crate::postgres::Server;

/// How every row of this part begins (the rows rewritten by `--only receiver`).
const WHAT: &str = "webhook receiver (`wamm webhook serve`";

/// Connections each load uses (Meta's own concurrency is not documented).
const CONNECTIONS: usize = 32;
/// The app secret the receiver and the load share.
const SECRET: &str = "bench-app-secret";
/// What the issue asks of one receiver on SQLite: single-event POSTs a second.
const TARGET_POSTS: f64 = 25_000.0;

/// Every row of this part.
pub(crate) fn rows(root: &Path, wamm: &Path, args: &BenchArgs, work: &Path) -> Result<Vec<Row>> {
    let load = build_example(root, "marketing", "webhook_load")?;
    let mut rows = Vec::new();
    for per_post in [1usize, 20] {
        eprintln!(
            "webhook receiver: {} events, {per_post} per POST, {CONNECTIONS} connections, {} times...",
            args.webhook_events, args.repeat
        );
        let mut runs = Vec::new();
        for round in 0..args.repeat.max(1) {
            let store = work.join(format!("events-{per_post}-{round}.db"));
            remove_store(&store);
            let receiver = Receiver::start(wamm, &store.display().to_string())?;
            let loaded = run_loads(&load, &[&receiver], args.webhook_events, per_post)?;
            let cpu = receiver.cpu();
            drop(receiver);
            remove_store(&store);
            runs.push((loaded, cpu));
        }
        runs.sort_by(|a, b| a.0.seconds.total_cmp(&b.0.seconds));
        let (run, receiver_cpu) = runs.swap_remove(runs.len() / 2);
        let per = |cpu: Duration| cpu.as_secs_f64() * 1e6 / run.posts as f64;
        let posts_rate = run.posts as f64 / run.seconds;
        let events_rate = run.events as f64 / run.seconds;
        let (figure, target, met) = if per_post == 1 {
            (
                format!(
                    "{posts_rate:.0} POSTs/s, {} refused; CPU per POST: receiver {:.1} us, load {:.1} us",
                    run.failures,
                    per(receiver_cpu),
                    per(run.cpu)
                ),
                ">= 25,000 POSTs/s".to_string(),
                posts_rate >= TARGET_POSTS && run.failures == 0,
            )
        } else {
            (
                format!(
                    "{events_rate:.0} events/s, {} refused; CPU per POST: receiver {:.1} us, load {:.1} us",
                    run.failures,
                    per(receiver_cpu),
                    per(run.cpu)
                ),
                ">= 5,000 events/s".to_string(),
                events_rate >= 5000.0 && run.failures == 0,
            )
        };
        rows.push(Row {
            what: format!(
                "{WHAT}, SQLite store): signed events recorded durably, {per_post} per POST, {CONNECTIONS} connections, median of {} runs",
                args.repeat.max(1)
            ),
            figure,
            target,
            met: Some(met),
        });
    }
    rows.extend(postgres_rows(root, wamm, &load, args)?);
    Ok(rows)
}

/// One and two receivers on one PostgreSQL database, single-event POSTs; none (with a note)
/// when PostgreSQL is not installed.
fn postgres_rows(root: &Path, wamm: &Path, load: &Path, args: &BenchArgs) -> Result<Vec<Row>> {
    let Some(mut server) = Server::start_for_bench(root, args)? else {
        eprintln!("PostgreSQL is not installed: no PostgreSQL receiver figures");
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for receivers in [1usize, 2] {
        eprintln!(
            "webhook receiver on PostgreSQL: {} events, 1 per POST, {receivers} receiver(s), {CONNECTIONS} connections each...",
            args.webhook_events
        );
        let url = server.database()?;
        let started: Vec<Receiver> = (0..receivers)
            .map(|_| Receiver::start(wamm, &url))
            .collect::<Result<_>>()?;
        let mark = if receivers == 1 {
            server.statements_from(&url)?
        } else {
            None
        };
        let before = server.cpu()?;
        let all: Vec<&Receiver> = started.iter().collect();
        let run = run_loads(load, &all, args.webhook_events, 1)?;
        let server_cpu = server.cpu()?.saturating_sub(before);
        server.statements_since(
            mark,
            &url,
            "## PostgreSQL statements: the webhook receiver",
            "one `webhook serve` on a PostgreSQL store, single-event signed POSTs",
            "POST",
            run.posts as u64,
        )?;
        let receiver_cpu: Duration = started.iter().map(Receiver::cpu).sum();
        drop(started);
        let per = |cpu: Duration| cpu.as_secs_f64() * 1e6 / run.posts as f64;
        rows.push(Row {
            what: format!(
                "{WHAT}, PostgreSQL store, a local server): {receivers} receiver process{} on one database, 1 event per POST, {CONNECTIONS} connections each: POSTs/s; CPU per POST of the receivers, the server and the load",
                if receivers == 1 { "" } else { "es" }
            ),
            figure: format!(
                "{:.0} POSTs/s, {} refused; {:.1} us + {:.1} us + {:.1} us",
                run.posts as f64 / run.seconds,
                run.failures,
                per(receiver_cpu),
                per(server_cpu),
                per(run.cpu)
            ),
            target: "-".into(),
            met: None,
        });
    }
    Ok(rows)
}

fn remove_store(store: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", store.display()));
    }
}

/// What the loads did together.
struct Loaded {
    events: u64,
    posts: u64,
    failures: u64,
    /// From the first load's start to the last one's end (the longest load).
    seconds: f64,
    /// The loads' own user + system time.
    cpu: Duration,
}

/// One load per receiver, at once, each posting its share of `events` (numbered apart, so
/// every event is new) over [`CONNECTIONS`] connections.
fn run_loads(
    load: &Path,
    receivers: &[&Receiver],
    events: usize,
    per_post: usize,
) -> Result<Loaded> {
    let share = events / receivers.len();
    let children: Vec<Child> = receivers
        .iter()
        .enumerate()
        .map(|(i, receiver)| {
            Command::new(load)
                .arg(&receiver.url)
                .arg(share.to_string())
                .arg(CONNECTIONS.to_string())
                .arg(per_post.to_string())
                .arg((i * share).to_string())
                .env("WHATSAPP_APP_SECRET", SECRET)
                .stdout(Stdio::piped())
                .spawn()
                .context("cannot run webhook_load")
        })
        .collect::<Result<_>>()?;
    let mut total = Loaded {
        events: 0,
        posts: 0,
        failures: 0,
        seconds: 0.0,
        cpu: Duration::ZERO,
    };
    for child in children {
        let output = child.wait_with_output()?;
        if !output.status.success() {
            bail!("webhook_load failed");
        }
        let figures: serde_json::Value =
            serde_json::from_slice(&output.stdout).context("webhook_load printed no JSON")?;
        let number = |key: &str| figures[key].as_f64().unwrap_or(0.0);
        total.events += number("events") as u64;
        total.posts += number("posts") as u64;
        total.failures += figures["failures"].as_u64().unwrap_or(u64::MAX);
        total.seconds = total.seconds.max(number("seconds"));
        total.cpu += Duration::from_secs_f64(number("cpu_seconds"));
    }
    Ok(total)
}

/// `wamm webhook serve` on a free loopback port; stopped when dropped.
struct Receiver {
    child: Child,
    url: String,
}

impl Receiver {
    fn start(wamm: &Path, store: &str) -> Result<Self> {
        use std::io::BufRead;
        let mut child = Command::new(wamm)
            .args([
                "webhook",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--store",
                store,
            ])
            .env("WHATSAPP_APP_SECRET", SECRET)
            .env("WHATSAPP_VERIFY_TOKEN", "bench-verify-token")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start wamm webhook serve")?;
        let stdout = child.stdout.take().context("receiver stdout")?;
        let mut first = String::new();
        std::io::BufReader::new(stdout).read_line(&mut first)?;
        let Some(url) = first.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            bail!("unexpected first line from wamm webhook serve: {first:?}");
        };
        Ok(Self {
            url: url.to_string(),
            child,
        })
    }

    /// The user + system time the receiver has used so far.
    fn cpu(&self) -> Duration {
        crate::harness::process_cpu(self.child.id())
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `cargo xtask bench --only receiver`: this part alone; its rows in BENCHMARKS.md replaced
/// (or added after the table's last row), each saying when it was measured.
pub(crate) fn only(root: &Path, args: &BenchArgs) -> Result<()> {
    ensure_command("/usr/bin/time", "time")?;
    let wamm = build_release(root)?;
    let work: PathBuf = root.join("target").join("bench");
    fs::create_dir_all(&work)?;
    let rows = rows(root, &wamm, args, &work)?;
    crate::bench::write_alone(root, args, &[WHAT], rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::replace_rows;

    fn row(figure: &str) -> Row {
        Row {
            what: format!("{WHAT}, SQLite store): 1 per POST"),
            figure: figure.into(),
            target: "-".into(),
            met: None,
        }
    }

    #[test]
    fn the_rows_replace_the_old_ones_in_place() {
        let table = "| a | b | c | d |\n|---|---|---|---|\n| x | 1 | - |  |\n| webhook receiver (`wamm webhook serve`): old | 1 | - |  |\n| y | 2 | - |  |\n\nnotes\n";
        let once = replace_rows(table, &[WHAT], &[row("9"), row("10")]);
        assert!(once.contains("| x | 1 | - |  |\n| webhook receiver (`wamm webhook serve`, SQLite store): 1 per POST | 9 | - |  |\n| webhook receiver (`wamm webhook serve`, SQLite store): 1 per POST | 10 | - |  |\n| y |"));
        assert!(!once.contains("old"));
        assert!(once.ends_with("\nnotes\n"));
    }
}
