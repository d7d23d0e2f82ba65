//! `cargo xtask bench`, the PostgreSQL journal's cost (issue 31): one process sending with the
//! PostgreSQL journal, beside the same run with the SQLite journal, in back-to-back pairs whose
//! order alternates (the machine drifts by more than the difference; a pair sees nearly the
//! same machine). The rows: the server's CPU per message, wamm's on each store, and the
//! throughput ratio, each against issue 31's target. `cargo xtask bench --only postgres`
//! measures this part alone and rewrites only its rows.

use std::fs;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::bench::{BenchArgs, Row, campaign_run};
use crate::harness::{RunFigures, SandboxProcess, build_release, recipients};
use crate::postgres::Server;

/// One pair: the PostgreSQL run (and the server's CPU during it), the SQLite run.
struct Pair {
    postgres: RunFigures,
    server: Duration,
    sqlite: RunFigures,
}

fn per_message(cpu: Duration, run: &RunFigures) -> f64 {
    cpu.as_secs_f64() * 1e6 / run.sent().max(1) as f64
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// The one-process PostgreSQL rows: the table's first PostgreSQL row (throughput, wamm and
/// server CPU per message, the median pair's run), then the three against the targets.
pub(crate) fn rows(
    wamm: &Path,
    args: &BenchArgs,
    server: &mut Server,
    work: &Path,
    campaign: &Path,
    list: &Path,
) -> Result<Vec<Row>> {
    let unlimited = || SandboxProcess::start(wamm, &["--mps", "100000000"]);
    let pairs_wanted = args.repeat.max(1);
    eprintln!(
        "PostgreSQL journal against SQLite: {} messages, one process, {pairs_wanted} back-to-back pairs...",
        args.messages
    );
    let sqlite_journal = work.join("pg-cost-sqlite.journal");
    let mut pairs = Vec::new();
    for i in 0..pairs_wanted {
        let mut postgres = None;
        let mut sqlite = None;
        // Which store goes first alternates from pair to pair.
        for store in if i % 2 == 0 { [0, 1] } else { [1, 0] } {
            if store == 0 {
                sqlite = Some(campaign_run(
                    wamm,
                    &unlimited()?,
                    campaign,
                    list,
                    Some(&sqlite_journal),
                )?);
            } else {
                let url = server.database()?;
                let mark = server.statements_from(&url)?;
                let before = server.cpu()?;
                let run = campaign_run(wamm, &unlimited()?, campaign, list, Some(Path::new(&url)))?;
                // The run's backend ends with its connection; give the server a moment to
                // reap it, so that its CPU time is counted.
                std::thread::sleep(Duration::from_millis(300));
                let cpu = server.cpu()?.saturating_sub(before);
                server.statements_since(
                    mark,
                    &url,
                    "## PostgreSQL statements: a campaign",
                    "one `campaign run` with the PostgreSQL journal, one process, unpaced",
                    "message",
                    run.sent(),
                )?;
                postgres = Some((run, cpu));
            }
        }
        let (postgres, server) = postgres.context("no PostgreSQL run")?;
        let sqlite = sqlite.context("no SQLite run")?;
        eprintln!(
            "  pair {}: PostgreSQL {:.0} msg/s, {:.1} us + server {:.1} us; SQLite {:.0} msg/s, {:.1} us",
            i + 1,
            postgres.rate(),
            per_message(postgres.cpu, &postgres),
            per_message(server, &postgres),
            sqlite.rate(),
            per_message(sqlite.cpu, &sqlite)
        );
        pairs.push(Pair {
            postgres,
            server,
            sqlite,
        });
    }
    let _ = fs::remove_file(&sqlite_journal);

    let server_us = median(
        pairs
            .iter()
            .map(|p| per_message(p.server, &p.postgres))
            .collect(),
    );
    let pg_us = median(
        pairs
            .iter()
            .map(|p| per_message(p.postgres.cpu, &p.postgres))
            .collect(),
    );
    let sqlite_us = median(
        pairs
            .iter()
            .map(|p| per_message(p.sqlite.cpu, &p.sqlite))
            .collect(),
    );
    let cpu_ratios: Vec<f64> = pairs
        .iter()
        .map(|p| {
            per_message(p.postgres.cpu, &p.postgres)
                / per_message(p.sqlite.cpu, &p.sqlite).max(1e-9)
        })
        .collect();
    let rate_ratios: Vec<f64> = pairs
        .iter()
        .map(|p| p.postgres.rate() / p.sqlite.rate().max(1e-9))
        .collect();
    let shown = |ratios: &[f64]| {
        ratios
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cpu_ratio = median(cpu_ratios.clone());
    let rate_ratio = median(rate_ratios.clone());
    // The first row shows the pair whose PostgreSQL run had the median throughput.
    pairs.sort_by(|a, b| a.postgres.rate().total_cmp(&b.postgres.rate()));
    let middle = &pairs[pairs.len() / 2];
    let n = pairs.len();
    Ok(vec![
        Row {
            what: format!(
                "PostgreSQL journal (`campaign run --journal postgres://...`, one process, a local PostgreSQL server, {} connections): throughput; CPU per message of wamm and of the server",
                args.concurrency
            ),
            figure: format!(
                "{:.0} msg/s; {:.1} us + {:.1} us",
                middle.postgres.rate(),
                per_message(middle.postgres.cpu, &middle.postgres),
                per_message(middle.server, &middle.postgres)
            ),
            target: "-".into(),
            met: None,
        },
        Row {
            what: format!(
                "PostgreSQL journal, one process: the server's CPU per message (the postmaster and all its processes, user + system; median of {n} runs)"
            ),
            figure: format!("{server_us:.1} us"),
            target: "<= 16 us".into(),
            met: Some(server_us <= 16.0),
        },
        Row {
            what: format!(
                "PostgreSQL journal, one process: wamm's CPU per message against the SQLite journal's (medians; ratio: median of {n} back-to-back pairs)"
            ),
            figure: format!(
                "{pg_us:.1} us vs {sqlite_us:.1} us, ratio {cpu_ratio:.2} ({})",
                shown(&cpu_ratios)
            ),
            target: "<= SQLite's (ratio <= 1.00)".into(),
            met: Some(cpu_ratio <= 1.0),
        },
        Row {
            what: format!(
                "PostgreSQL journal, one process: throughput against the SQLite journal's (median of {n} back-to-back pairs)"
            ),
            figure: format!("{rate_ratio:.2} ({})", shown(&rate_ratios)),
            target: ">= 0.8".into(),
            met: Some(rate_ratio >= 0.8),
        },
    ])
}

/// `cargo xtask bench --only postgres`: the rows above alone, written into BENCHMARKS.md in
/// place of their earlier figures (or after the table's PostgreSQL rows).
pub(crate) fn only(root: &Path, args: &BenchArgs) -> Result<()> {
    let wamm = build_release(root)?;
    let (work, campaign) = crate::bench::work_folder(root, args)?;
    let list = work.join("throughput.csv");
    recipients(&list, args.messages)?;
    let Some(mut server) = Server::start_for_bench(root, args)? else {
        anyhow::bail!("PostgreSQL is not installed: no PostgreSQL figures");
    };
    let rows = rows(&wamm, args, &mut server, &work, &campaign, &list)?;
    // Each row replaces the line of the same first cell (the first keeps the full bench's wording).
    let cells: Vec<String> = rows.iter().map(|row| format!("{} |", row.what)).collect();
    let ours: Vec<&str> = cells.iter().map(String::as_str).collect();
    crate::bench::write_alone(root, args, &ours, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::replace_rows;

    fn row(what: &str, figure: &str) -> Row {
        Row {
            what: what.into(),
            figure: figure.into(),
            target: "-".into(),
            met: None,
        }
    }

    #[test]
    fn rows_replace_their_own_lines_and_new_ones_follow_the_postgres_rows() {
        let table = "| what | figure | target | met |\n|---|---|---|---|\n| PostgreSQL journal (a) | 1 | - |  |\n| other | 2 | - |  |\n\nnotes\n";
        let rows = [
            row("PostgreSQL journal (a)", "3"),
            row("PostgreSQL journal, b", "4"),
        ];
        let out = replace_rows(
            table,
            &["PostgreSQL journal (a) |", "PostgreSQL journal, b |"],
            &rows,
        );
        assert_eq!(
            out,
            "| what | figure | target | met |\n|---|---|---|---|\n| PostgreSQL journal (a) | 3 | - |  |\n| PostgreSQL journal, b | 4 | - |  |\n| other | 2 | - |  |\n\nnotes\n"
        );
    }
}
