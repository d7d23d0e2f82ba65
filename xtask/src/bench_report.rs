//! `cargo xtask bench`'s report row: `wamm campaign report --html` of a large journal, timed
//! as a separate process, with the page's size and the process's peak memory. The journal is
//! a real one, written by an unpaced campaign against a sandbox (the full bench reuses the
//! memory measurement's large run). `cargo xtask bench --only report` measures just this and
//! rewrites only its row in BENCHMARKS.md.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::bench::{BenchArgs, Row, campaign_run};
use crate::harness::{CAMPAIGN, SandboxProcess, build_release, ensure_command, recipients};

/// How a row of this part begins (the row rewritten by `--only report`).
const WHAT: &str = "HTML report (`wamm campaign report --html`";

/// The bounds the issue sets: seconds, and a page whose size does not grow with the rows.
const MAX_SECONDS: f64 = 10.0;
const MAX_BYTES: u64 = 1024 * 1024;

/// The journal the memory measurement leaves for `rows` recipients.
pub(crate) fn journal_for(work: &Path, rows: usize) -> PathBuf {
    work.join(format!("m{rows}.journal"))
}

/// Times the HTML report of `journal` (`rows` recipients).
pub(crate) fn rows(wamm: &Path, work: &Path, journal: &Path, rows: usize) -> Result<Vec<Row>> {
    eprintln!("report: the HTML page of a {rows}-row journal...");
    let page = work.join("report.html");
    let _ = fs::remove_file(&page);
    let times = work.join("report.time");
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%e %M", "-o"])
        .arg(&times)
        .arg(wamm)
        .args(["campaign", "report", "--journal"])
        .arg(journal)
        .arg("--html")
        .arg(&page)
        .output()
        .context("cannot run /usr/bin/time (install Debian's `time` package)")?;
    if !output.status.success() {
        bail!(
            "campaign report --html failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let times = fs::read_to_string(&times)?;
    let (seconds, rss_kib) = match times
        .split_whitespace()
        .filter_map(|f| f.parse::<f64>().ok())
        .collect::<Vec<_>>()
        .as_slice()
    {
        [s, m, ..] => (*s, *m),
        _ => bail!("could not read /usr/bin/time output: {times:?}"),
    };
    let bytes = fs::metadata(&page)?.len();
    Ok(vec![Row {
        what: format!(
            "{WHAT}, {rows}-row journal; alone: `cargo xtask bench --only report --memory-large {rows}`): time, page size, peak RSS"
        ),
        figure: format!(
            "{seconds:.2} s, {:.1} KiB, {:.1} MiB",
            bytes as f64 / 1024.0,
            rss_kib / 1024.0
        ),
        target: format!("<= {MAX_SECONDS:.0} s, <= 1 MiB"),
        met: Some(seconds <= MAX_SECONDS && bytes <= MAX_BYTES),
    }])
}

/// `cargo xtask bench --only report`: writes a `--memory-large`-row journal with an unpaced
/// campaign (unless one is there already, left by the memory run or an earlier call; then
/// with `--fresh-journal` only), times its report, and replaces this part's row in BENCHMARKS.md (or adds it at
/// the end of the table).
pub(crate) fn only(root: &Path, args: &BenchArgs) -> Result<()> {
    ensure_command("/usr/bin/time", "time")?;
    let wamm = build_release(root)?;
    let work = root.join("target").join("bench");
    fs::create_dir_all(&work)?;
    let campaign = work.join("campaign.toml");
    fs::write(&campaign, CAMPAIGN)?;
    let journal = journal_for(&work, args.memory_large);
    if args.fresh_journal || !journal.exists() {
        eprintln!(
            "report: writing a journal of {} recipients (unpaced campaign)...",
            args.memory_large
        );
        let list = work.join(format!("memory-{}.csv", args.memory_large));
        recipients(&list, args.memory_large)?;
        let sandbox = SandboxProcess::start(&wamm, &["--mps", "100000000"])?;
        campaign_run(&wamm, &sandbox, &campaign, &list, Some(&journal))?;
        drop(sandbox);
        let _ = fs::remove_file(&list);
    } else {
        eprintln!(
            "report: the journal {} is there (the memory run's, or an earlier --only report); --fresh-journal writes it again",
            journal.display()
        );
    }
    let rows = rows(&wamm, &work, &journal, args.memory_large)?;
    // Measured apart from the table's run: the row says when.
    crate::bench::write_alone(root, args, &[WHAT], rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::replace_rows;

    fn row(figure: &str) -> Row {
        Row {
            what: format!("{WHAT}, 10-row journal): time"),
            figure: figure.into(),
            target: "t".into(),
            met: Some(true),
        }
    }

    #[test]
    fn the_row_is_added_at_the_end_of_the_table_then_replaced() {
        let table = "# B\n\n| m | f | t | met |\n|---|---|---|---|\n| a | 1 | - |  |\n\nnotes\n";
        let once = replace_rows(table, &[WHAT], &[row("1 s")]);
        assert_eq!(
            once,
            "# B\n\n| m | f | t | met |\n|---|---|---|---|\n| a | 1 | - |  |\n| HTML report (`wamm campaign report --html`, 10-row journal): time | 1 s | t | yes |\n\nnotes\n"
        );
        let twice = replace_rows(&once, &[WHAT], &[row("2 s")]);
        assert_eq!(twice, once.replace("| 1 s |", "| 2 s |"));
    }
}
