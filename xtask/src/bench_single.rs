//! The single-machine campaign path against its floor: the campaign's own CPU per message
//! above the bare HTTP stack (`wamm-client`'s `http_floor` example), and, with a baseline,
//! the target that overhead is held to (at most half of the baseline's, in the same run).
//!
//! `cargo xtask bench` writes these rows with the rest of the table; `cargo xtask bench --only
//! single [--baseline REV]` measures only them (journalled campaign runs, the baseline's and
//! the bare stack's, in alternating rounds against fresh sandboxes) and rewrites only their
//! lines of BENCHMARKS.md.

use std::path::Path;

use anyhow::Result;

use crate::bench::{
    BenchArgs, Row, build_baseline, build_example, campaign_run, http_floor, median,
};
use crate::harness::{SandboxProcess, build_release, ensure_command, recipients};

/// The row the target is on (its text is also how `--only single` finds it again).
const OVERHEAD: &str =
    "wamm / bare HTTP stack: throughput ratio, CPU per message minus the stack's";

/// The campaign's CPU per message above the stack's, and what it is held to.
pub(crate) struct Overhead<'a> {
    /// wamm's journalled campaign: messages per second, CPU per message (us).
    pub wamm: (f64, f64),
    /// The bare HTTP stack: requests per second, CPU per request (us).
    pub bare: (f64, f64),
    /// The baseline revision and its CPU per message (us), measured in the same run.
    pub baseline: Option<(&'a str, f64)>,
}

impl Overhead<'_> {
    /// The overhead row, and with a baseline, the baseline's overhead beside it.
    pub(crate) fn rows(&self) -> Vec<Row> {
        let (rate, us) = self.wamm;
        let (bare_rate, bare_us) = self.bare;
        let above = us - bare_us;
        let figure = format!("{:.2}, {above:.1} us", rate / bare_rate.max(1.0));
        let Some((rev, base_us)) = self.baseline else {
            return vec![Row {
                what: OVERHEAD.into(),
                figure,
                target: "-".into(),
                met: None,
            }];
        };
        let base_above = base_us - bare_us;
        let half = base_above / 2.0;
        vec![
            Row {
                what: OVERHEAD.into(),
                figure: format!(
                    "{figure} ({:+.0} % against `{rev}`)",
                    (above / base_above.max(f64::EPSILON) - 1.0) * 100.0
                ),
                target: format!("<= half of `{rev}`'s: {half:.1} us"),
                met: Some(above <= half),
            },
            Row {
                what: format!(
                    "baseline `{rev}`: CPU per message minus the bare HTTP stack's (same run)"
                ),
                figure: format!("{base_above:.1} us"),
                target: "-".into(),
                met: None,
            },
        ]
    }
}

/// `cargo xtask bench --only single`: the journalled campaign, the baseline (with
/// `--baseline`) and the bare stack, `--repeat` rounds each, the order turning from round to
/// round; medians; only these rows of BENCHMARKS.md rewritten.
pub(crate) fn only(root: &Path, args: &BenchArgs) -> Result<()> {
    ensure_command("/usr/bin/time", "time")?;
    let wamm = build_release(root)?;
    let floor = build_example(root, "wamm-client", "http_floor")?;
    let baseline = match &args.baseline {
        Some(rev) => Some(build_baseline(root, rev)?),
        None => None,
    };
    let (work, campaign) = crate::bench::work_folder(root, args)?;
    let list = work.join("throughput.csv");
    recipients(&list, args.messages)?;
    let unlimited = || SandboxProcess::start(&wamm, &["--mps", "100000000"]);
    let (mut ours, mut theirs, mut bare) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..args.repeat.max(1) {
        eprintln!("single: round {} of {}...", round + 1, args.repeat.max(1));
        // Three kinds of run, each round starting with a different one.
        for step in 0..3 {
            match (round + step) % 3 {
                0 => ours.push(campaign_run(
                    &wamm,
                    &unlimited()?,
                    &campaign,
                    &list,
                    Some(&work.join("t.journal")),
                )?),
                1 => {
                    if let Some(old) = &baseline {
                        theirs.push(campaign_run(
                            old,
                            &unlimited()?,
                            &campaign,
                            &list,
                            Some(&work.join("b.journal")),
                        )?);
                    }
                }
                _ => bare.push(http_floor(
                    &floor,
                    &unlimited()?,
                    args.messages,
                    args.concurrency,
                )?),
            }
        }
    }
    let per_message =
        |r: &crate::harness::RunFigures| r.cpu.as_secs_f64() * 1e6 / r.sent().max(1) as f64;
    let ours = median(ours);
    let bare = median(bare);
    let bare_rate = bare.summary["requests_per_second"].as_f64().unwrap_or(0.0);
    let bare_us = bare.cpu.as_secs_f64() * 1e6 / args.messages.max(1) as f64;
    let base_us = (!theirs.is_empty()).then(|| per_message(&median(theirs)));
    let overhead = Overhead {
        wamm: (ours.rate(), per_message(&ours)),
        bare: (bare_rate, bare_us),
        baseline: args.baseline.as_deref().zip(base_us),
    };
    eprintln!(
        "wamm {:.1} us, bare stack {bare_us:.1} us per message{}",
        per_message(&ours),
        base_us
            .map(|b| format!(", baseline {b:.1} us"))
            .unwrap_or_default()
    );
    let rows = overhead.rows();
    let cells: Vec<String> = rows.iter().map(|row| format!("{} |", row.what)).collect();
    let ours: Vec<&str> = cells.iter().map(String::as_str).collect();
    crate::bench::write_alone(root, args, &ours, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::replace_rows;

    #[test]
    fn the_target_is_half_the_baselines_overhead() {
        let rows = Overhead {
            wamm: (20_000.0, 30.0),
            bare: (25_000.0, 24.0),
            baseline: Some(("cb773ec", 37.0)),
        }
        .rows();
        assert_eq!(rows[0].target, "<= half of `cb773ec`'s: 6.5 us");
        assert_eq!(rows[0].met, Some(true));
        assert!(
            rows[0]
                .figure
                .starts_with("0.80, 6.0 us (-54 % against `cb773ec`)")
        );
        assert_eq!(rows[1].figure, "13.0 us");
        let missed = Overhead {
            wamm: (20_000.0, 31.0),
            ..Overhead {
                wamm: (0.0, 0.0),
                bare: (25_000.0, 24.0),
                baseline: Some(("cb773ec", 37.0)),
            }
        }
        .rows();
        assert_eq!(missed[0].met, Some(false));
    }

    #[test]
    fn rows_are_replaced_in_place_and_new_ones_follow() {
        let table = format!(
            "# B\n\n| m | f | t | met |\n|---|---|---|---|\n| a | 1 | - |  |\n| {OVERHEAD} | old | - |  |\n| z | 2 | - |  |\n\nnotes\n"
        );
        let rows = Overhead {
            wamm: (20_000.0, 30.0),
            bare: (25_000.0, 24.0),
            baseline: Some(("r", 37.0)),
        }
        .rows();
        let cells: Vec<String> = rows.iter().map(|row| format!("{} |", row.what)).collect();
        let ours: Vec<&str> = cells.iter().map(String::as_str).collect();
        let new = replace_rows(&table, &ours, &rows);
        let lines: Vec<&str> = new.lines().collect();
        assert!(lines[5].starts_with(&format!("| {OVERHEAD} | 0.80, 6.0 us")));
        assert!(lines[6].starts_with("| baseline `r`: CPU per message minus"));
        assert_eq!(lines[7], "| z | 2 | - |  |");
        assert_eq!(replace_rows(&new, &ours, &rows), new);
    }
}
