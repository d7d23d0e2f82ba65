//! What a soak shows: a line per cycle on the console, the table of every scenario and stop,
//! and the Soak section of BENCHMARKS.md.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use anyhow::Result;

use super::campaign::{CONCURRENCY, window};
use super::runner::Stop;
use super::scenario::Scenario;
use super::{CycleResult, SoakArgs};
use crate::harness::{machine, now_utc};

/// The console's line for cycle `index`, then its problems.
pub(super) fn print_cycle(index: usize, r: &CycleResult) {
    let c = &r.check;
    println!(
        "{index:>5}  {:<15}  {:<9}  {:>6}  {:>7}  {:>3}  {:>4}  {:>19}  {:>15}  {:>7.1}  {}{}",
        r.scenario.name(),
        r.stop.name(),
        r.rows,
        c.created,
        c.duplicates,
        c.lost,
        format!("{}/{}", c.unknown_at_stop, r.bound),
        c.unknown_from_faults,
        r.seconds,
        r.evidence,
        r.discarded
            .map(|(w, b)| format!("; discarded {w} unsynced writes ({b} bytes)"))
            .unwrap_or_default()
    );
    for problem in &r.problems {
        println!("       FAILED: {problem}");
    }
}

/// Figures summed over the cycles of one scenario and stop.
#[derive(Default)]
pub(super) struct Totals {
    pub(super) cycles: u64,
    pub(super) rows: u64,
    pub(super) created: u64,
    pub(super) duplicates: u64,
    pub(super) lost: u64,
    pub(super) unknown_at_stop: u64,
    pub(super) max_at_stop: u64,
    pub(super) bound: u64,
    pub(super) unknown_from_faults: u64,
    pub(super) failed_rows: u64,
    pub(super) failed_cycles: u64,
    pub(super) evidence: u64,
    pub(super) pause_first: u64,
    pub(super) storm_halts: u64,
    pub(super) storm_halt_rows: (u64, u64),
    pub(super) cuts_with_loss: u64,
    pub(super) discarded_writes: u64,
    pub(super) discarded_bytes: u64,
}

impl Totals {
    fn add(&mut self, r: &CycleResult) {
        self.cycles += 1;
        self.rows += r.rows as u64;
        self.created += r.check.created;
        self.duplicates += r.check.duplicates;
        self.lost += r.check.lost;
        self.unknown_at_stop += r.check.unknown_at_stop;
        self.max_at_stop = self.max_at_stop.max(r.check.unknown_at_stop);
        self.bound = self.bound.max(r.bound);
        self.unknown_from_faults += r.check.unknown_from_faults;
        self.failed_rows += r.check.failed;
        self.failed_cycles += u64::from(!r.problems.is_empty());
        self.evidence += r.evidence_count;
        self.pause_first += u64::from(r.pause_first == Some(true));
        if let Some(rows) = r.storm_halt_rows {
            let (lo, hi) = self.storm_halt_rows;
            self.storm_halt_rows = if self.storm_halts == 0 {
                (rows, rows)
            } else {
                (lo.min(rows), hi.max(rows))
            };
            self.storm_halts += 1;
        }
        if let Some((writes, bytes)) = r.discarded {
            self.cuts_with_loss += u64::from(writes > 0);
            self.discarded_writes += writes;
            self.discarded_bytes += bytes;
        }
    }
}

fn totals(results: &[CycleResult]) -> BTreeMap<(Scenario, Stop), Totals> {
    let mut by: BTreeMap<(Scenario, Stop), Totals> = BTreeMap::new();
    for r in results {
        by.entry((r.scenario, r.stop)).or_default().add(r);
    }
    by
}

pub(super) fn summary_table(results: &[CycleResult]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| scenario | stop | cycles | rows | messages created | duplicates | lost | unknown left by the stop (most in one cycle; allowed) | unknown from faults | evidence the path was walked |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
    let mut all = Totals::default();
    for ((scenario, stop), t) in totals(results) {
        let allowed = if stop == Stop::Term { 0 } else { t.bound };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} ({}; {allowed}) | {} | {} |",
            scenario.name(),
            stop.name(),
            t.cycles,
            t.rows,
            t.created,
            t.duplicates,
            t.lost,
            t.unknown_at_stop,
            t.max_at_stop,
            t.unknown_from_faults,
            scenario.summed_evidence(&t)
        );
        all.cycles += t.cycles;
        all.rows += t.rows;
        all.created += t.created;
        all.duplicates += t.duplicates;
        all.lost += t.lost;
        all.unknown_at_stop += t.unknown_at_stop;
        all.unknown_from_faults += t.unknown_from_faults;
        all.failed_cycles += t.failed_cycles;
    }
    let _ = writeln!(
        out,
        "| **all** | | {} | {} | {} | **{}** | **{}** | {} | {} | {} failed cycles |",
        all.cycles,
        all.rows,
        all.created,
        all.duplicates,
        all.lost,
        all.unknown_at_stop,
        all.unknown_from_faults,
        all.failed_cycles
    );
    out
}

/// The Soak section of BENCHMARKS.md (without its heading).
pub(super) fn render(
    results: &[CycleResult],
    args: &SoakArgs,
    command: &str,
    elapsed: Duration,
) -> Result<String> {
    let mut out = String::new();
    writeln!(
        out,
        "Written by `cargo xtask soak` on {}, {}, in {:.1} minutes ({}). Reproduce: `{command}`. The seed fixes the stop points (as a share of requests), the order of stop and pause, and the sandboxes' fault draws; where in a run a stop lands in time also depends on the machine.\n",
        machine(),
        now_utc(),
        elapsed.as_secs_f64() / 60.0,
        match &args.wamm {
            Some(wamm) => format!("the binary {}", wamm.display()),
            None => "release build of the working tree".to_string(),
        }
    )?;
    writeln!(
        out,
        "Each cycle runs one campaign with its own journal against a fresh `wamm sandbox` set up for its scenario, stops `wamm` once the sandbox has received a random share (1 % to 90 %) of the requests the rows left need, resumes until every row has a final state (never with `--resend-unknown`), then compares every message the sandbox created with the journal's export. A cycle fails, and the soak with it, when a user got two messages (duplicate), when a message the sandbox created is not `sent` (with its wamid) or `unknown` in the journal or a `sent` row has no message (lost), when its run was not stopped mid-run, when its scenario's path was not walked (no throttling, no pair limit, no pause, no storm halt, no lost answer), when SIGTERM leaves any row in flight, when a SIGKILL or power cut leaves more rows unknown than the run may hold in flight ({} connections plus the rows reserved ahead: {} unpaced), or when `unknown` rows and injected faults do not match (each faulted answer's row must end `unknown`; each `unknown` needs a fault or a stop).\n",
        CONCURRENCY,
        window(0)
    )?;
    write!(out, "{}", summary_table(results))?;
    writeln!(out)?;
    let by = totals(results);
    let ran: Vec<Scenario> = {
        let mut ran: Vec<Scenario> = by.keys().map(|(s, _)| *s).collect();
        ran.dedup();
        ran
    };
    writeln!(out, "The scenarios:\n")?;
    for scenario in &ran {
        let what = scenario.describe(args);
        let failed_rows: u64 = by
            .iter()
            .filter(|((s, _), _)| s == scenario)
            .map(|(_, t)| t.failed_rows)
            .sum();
        writeln!(
            out,
            "- **{}**: {what}{}",
            scenario.name(),
            if failed_rows > 0 {
                format!(" {failed_rows} rows ended `failed` (refused for good; nothing created).")
            } else {
                String::new()
            }
        )?;
    }
    writeln!(out)?;
    if let Some(t) = by.get(&(Scenario::PowerLoss, Stop::PowerCut)) {
        writeln!(
            out,
            "**Power cuts.** `wamm` runs under `strace -f -y`, which records every `pwrite64` and `fsync` on the journal and its WAL and holds each fsync back 20 ms before it starts (a slow disk, so that most cuts fall while a commit is written but not yet synced); at the stop point `wamm` is killed with SIGKILL, every write to those files that no completed fsync covers (an fsync that started after the write returned) is overwritten with zeros, the `-shm` index (never synced) is deleted, and the campaign is resumed from what is left. {} of these {} cuts threw writes away ({} writes, {} bytes in all; a cut throws nothing away when it falls between a commit's fsync and the next write). That is what a disk that honours fsync may hold after a power cut at that instant: nothing that was not synced (zeros stand for \"never written\"; the WAL's checksums reject them as they would stale frames). With the SIGKILL cycles, where every write survives, it covers both states SQLite can find the transaction being committed in after a crash: all there or not there. It shows that no request leaves before its row is durably in flight, and that a resume from the synced state alone neither resends nor loses a message. A `wamm` whose journal commits without fsync (`PRAGMA synchronous = NORMAL`), soaked with `--wamm`, passes the SIGKILL and SIGTERM cycles and fails every one of these (hundreds to thousands of duplicates per cut, or a journal that no longer opens): that is the difference they see. It does not show what a disk or filesystem that acknowledges fsync without writing does, writes reordered below the filesystem, or the loss of a directory entry (`wamm` syncs the journal's directory when it creates it; the WAL's entry is taken to survive its first fsync, as on ext4).\n",
            t.cuts_with_loss, t.cycles, t.discarded_writes, t.discarded_bytes
        )?;
    } else {
        writeln!(out, "No power-loss cycle ran (`--power-loss 0`).\n")?;
    }
    let failed: Vec<&CycleResult> = results.iter().filter(|r| !r.problems.is_empty()).collect();
    if failed.is_empty() {
        writeln!(
            out,
            "Every cycle was stopped mid-run and walked its path; 0 duplicates, 0 lost."
        )?;
    } else {
        writeln!(out, "**Failed cycles:**\n")?;
        for r in failed {
            writeln!(
                out,
                "- {} ({}): {}",
                r.scenario.name(),
                r.stop.name(),
                r.problems.join("; ")
            )?;
        }
    }
    Ok(out)
}
