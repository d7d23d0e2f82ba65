//! `cargo xtask soak --store postgres`: one campaign in a throwaway PostgreSQL server, sent by
//! three processes (the `campaign run` that loads the list and two `campaign worker`s)
//! against a sandbox injecting faults; twice a cycle, at a random point, one of them is killed
//! with SIGKILL and replaced. Each cycle must end with 0 duplicates, 0 lost, and every
//! `unknown` explained by a kill or a fault.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::SoakArgs;
use super::campaign::{CampaignFile, TEMPLATE, window};
use super::check::{Check, Stats, check};
use super::runner::{wait, wamm_campaign};
use super::verdict;
use crate::harness::{SandboxProcess, build_wamm, machine, now_utc, recipients, replace_section};
use crate::postgres::{Server, wait_for_campaign};

/// Kills per cycle.
const KILLS: usize = 2;
/// Processes sending at once.
const PROCESSES: usize = 3;
/// The most time a cycle's processes may take to finish.
const CYCLE_TIMEOUT: Duration = Duration::from_secs(600);

/// One process of a cycle.
struct Sender {
    child: Child,
    /// `run` or `resume` (it has the list and may be loading it), or `worker`.
    loader: bool,
}

struct CycleResult {
    check: Check,
    rows: usize,
    kills: usize,
    faults: u64,
    seconds: f64,
    problems: Vec<String>,
    /// Messages created from each of [`NUMBERS`].
    per_number: [u64; 2],
}

/// The campaign sends from these two phone numbers (a sender pool)...
const NUMBERS: [&str; 2] = ["106540352242941", "106540352242942"];
/// ... and this third one, which the sandbox does not serve (a typo'd number: 100, subcode
/// 33): it must stop, and its share go to the two others, failing no row.
const UNSERVED_NUMBER: &str = "106540352242949";

pub fn run(root: &Path, args: &SoakArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let (cycles, rows) = if args.quick {
        (2, 2000)
    } else {
        (args.rounds.max(1), args.recipients)
    };
    let wamm = match &args.wamm {
        Some(path) => path.clone(),
        None => build_wamm(root, !args.quick)?,
    };
    let Some(mut server) = Server::start(root)? else {
        bail!("the PostgreSQL soak needs PostgreSQL (initdb): not installed here");
    };
    let work = root.join("target").join("soak-postgres");
    fs::create_dir_all(&work)?;
    let list = work.join("recipients.csv");
    recipients(&list, rows)?;
    let campaign = work.join("campaign.toml");
    let file = CampaignFile {
        senders: &[NUMBERS[0], NUMBERS[1], UNSERVED_NUMBER],
        pair_delay_ms: None,
        ..CampaignFile::new("soak", TEMPLATE)
    };
    fs::write(&campaign, file.toml())?;
    println!(
        "cycle  rows    created  dup  lost  unknown(kills/bound)  unknown(faults)  faults  seconds"
    );
    let mut results = Vec::new();
    for index in 0..cycles {
        let seed = args.seed.wrapping_mul(1000) + index as u64;
        let result = cycle(
            &wamm,
            &mut server,
            &campaign,
            &list,
            rows,
            &args.faults,
            seed,
        )?;
        let c = &result.check;
        println!(
            "{index:>5}  {:<6}  {:>7}  {:>3}  {:>4}  {:>11}/{:<8}  {:>15}  {:>6}  {:>7.1}{}",
            result.rows,
            c.created,
            c.duplicates,
            c.lost,
            c.unknown_at_stop,
            bound(result.kills),
            c.unknown_from_faults,
            result.faults,
            result.seconds,
            if result.problems.is_empty() {
                String::new()
            } else {
                format!("  PROBLEMS: {}", result.problems.join("; "))
            }
        );
        results.push(result);
    }
    let failed = results.iter().filter(|r| !r.problems.is_empty()).count();
    let command = format!(
        "cargo xtask soak --store postgres --rounds {cycles} --recipients {rows} --faults {} --seed {}{}",
        args.faults,
        args.seed,
        if args.quick { " --quick" } else { "" }
    );
    if !args.quick {
        let out = args
            .output
            .clone()
            .unwrap_or_else(|| root.join("BENCHMARKS.md"));
        let section = render(&results, &command, started.elapsed())?;
        replace_section(&out, "## Soak (PostgreSQL workers)", &section)?;
        eprintln!("wrote the PostgreSQL soak section of {}", out.display());
    }
    if failed > 0 {
        eprintln!("FAILED: {failed} of {} cycles", results.len());
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "passed: 0 duplicates, 0 lost, every unknown explained by a kill or a fault ({} cycles)",
        results.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The most rows a kill may leave unknown: one unpaced process's window per kill.
fn bound(kills: usize) -> u64 {
    kills as u64 * window(0)
}

fn cycle(
    wamm: &Path,
    server: &mut Server,
    campaign: &Path,
    list: &Path,
    rows: usize,
    faults: &str,
    seed: u64,
) -> Result<CycleResult> {
    let started = Instant::now();
    let sandbox = SandboxProcess::start(
        wamm,
        &[
            "--seed",
            &seed.to_string(),
            "--max-messages",
            "10000000",
            "--mps",
            "100000000",
            "--faults",
            faults,
            "--phone-number-id",
            NUMBERS[0],
            "--phone-number-id",
            NUMBERS[1],
        ],
    )?;
    let url = server.database()?;
    // What each process says on stderr, read once it has ended: a journal error is a failure
    // of the cycle, whatever the counts say.
    let said = std::env::temp_dir().join(format!("wamm-soak-pg-{}-{seed}", std::process::id()));
    fs::create_dir_all(&said)?;
    let spawned = std::cell::Cell::new(0);
    let spawn = |args: &[&str]| -> Result<Child> {
        let (subcommand, args) = args.split_first().context("a subcommand")?;
        spawned.set(spawned.get() + 1);
        let stderr = fs::File::create(said.join(format!("{}.stderr", spawned.get())))?;
        wamm_campaign(wamm, &sandbox, subcommand, &url)
            .args(args)
            .arg("--json")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .context("cannot start wamm campaign")
    };
    let campaign_arg = campaign.display().to_string();
    let list_arg = list.display().to_string();
    let run_args = [
        "run",
        "--campaign",
        campaign_arg.as_str(),
        "--recipients",
        list_arg.as_str(),
    ];
    let mut senders = vec![Sender {
        child: spawn(&run_args)?,
        loader: true,
    }];
    wait_for_campaign(wamm, &url)?;
    for _ in 1..PROCESSES {
        senders.push(Sender {
            child: spawn(&["worker"])?,
            loader: false,
        });
    }

    // Kill points: fractions of the list created, from a generator seeded per cycle.
    let mut random = Xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut points: Vec<f64> = (0..KILLS).map(|_| 0.1 + 0.8 * random.unit()).collect();
    points.sort_by(f64::total_cmp);
    let mut kills = 0;
    let deadline = Instant::now() + CYCLE_TIMEOUT;
    for point in points {
        let target = (point * rows as f64) as u64;
        loop {
            let created = Stats::of(&sandbox)?.created();
            if created >= target || senders.iter_mut().all(|s| exited(&mut s.child)) {
                break;
            }
            if Instant::now() > deadline {
                bail!("cycle {seed}: no progress to {target} created");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let live: Vec<usize> = (0..senders.len())
            .filter(|i| !exited(&mut senders[*i].child))
            .collect();
        if live.is_empty() {
            break;
        }
        let victim = live[(random.next() % live.len() as u64) as usize];
        let mut killed = senders.swap_remove(victim);
        killed.child.kill()?; // SIGKILL: no cleanup
        let _ = killed.child.wait();
        kills += 1;
        // Its replacement: a process with the list for the one that may have been loading.
        senders.push(if killed.loader {
            Sender {
                child: spawn(&["resume"])?,
                loader: true,
            }
        } else {
            Sender {
                child: spawn(&["worker"])?,
                loader: false,
            }
        });
    }
    let mut said_complete = 0;
    for sender in &mut senders {
        wait(
            &mut sender.child,
            deadline.saturating_duration_since(Instant::now()),
        )?;
        let mut stdout = String::new();
        if let Some(mut out) = sender.child.stdout.take() {
            use std::io::Read;
            out.read_to_string(&mut stdout)?;
        }
        let summary: serde_json::Value =
            serde_json::from_str(stdout.trim()).unwrap_or(serde_json::Value::Null);
        said_complete += usize::from(summary["complete"] == true);
    }
    // Every live process has ended: they waited for each other's rows, and recovered the
    // killed ones' rows in flight, so none is left in flight, whatever they said.
    let left = open_rows(wamm, &url)?;
    let mut problems = journal_errors(&said)?;
    let _ = fs::remove_dir_all(&said);
    if left.in_flight > 0 {
        problems.push(format!(
            "{} rows left in flight after every process ended",
            left.in_flight
        ));
    }
    if said_complete > 0 && left.in_flight + left.pending > 0 {
        problems.push(format!(
            "{said_complete} processes said complete with {} rows not final",
            left.in_flight + left.pending
        ));
    }
    // One last process finds the killed ones dead (their rows in flight become unknown) and
    // sends whatever is left; resume until the campaign is complete.
    let mut complete = false;
    for _ in 0..5 {
        let out = wamm_campaign(wamm, &sandbox, "resume", &url)
            .arg("--json")
            .stderr(Stdio::null())
            .output()?;
        let summary: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
        if summary["complete"] == true {
            complete = true;
            break;
        }
    }
    let faults_total = Stats::of(&sandbox)?.faults_total();
    let export = std::env::temp_dir().join(format!("wamm-soak-pg-{seed}.jsonl"));
    let check = check(wamm, &sandbox, Path::new(&url), &export, faults_total)?;
    if check.failed > 0 {
        problems.push(format!(
            "{} rows failed: the unserved number must stop, not fail its rows",
            check.failed
        ));
    }
    if !complete {
        problems.push("not complete after 5 resumes".into());
    }
    problems.extend(verdict::ledger(&check, rows));
    if check.unknown_at_stop > bound(kills) {
        problems.push(format!(
            "{} unknown at kills, more than {} processes' windows",
            check.unknown_at_stop, kills
        ));
    }
    problems.extend(verdict::unexplained(&check));
    // Both numbers must have sent: the pool was used, not one number.
    let mut per_number = [0u64; 2];
    for m in sandbox
        .get("/__sandbox/messages")?
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(i) = NUMBERS.iter().position(|n| m["phone_number_id"] == *n) {
            per_number[i] += 1;
        }
    }
    if per_number.contains(&0) {
        problems.push(format!("a phone number sent nothing: {per_number:?}"));
    }
    Ok(CycleResult {
        per_number,
        check,
        rows,
        kills,
        faults: faults_total,
        seconds: started.elapsed().as_secs_f64(),
        problems,
    })
}

/// The journal errors the processes of a cycle reported (each one's stderr is a file in
/// `dir`). None is expected: a journal error stops a process with its rows in flight, as a
/// kill does, but no kill explains it (a deadlock between a claim and the loader did).
fn journal_errors(dir: &Path) -> Result<Vec<String>> {
    let mut errors = Vec::new();
    for entry in fs::read_dir(dir)? {
        let text = fs::read_to_string(entry?.path())?;
        errors.extend(
            text.lines()
                .filter(|l| l.starts_with("error: journal"))
                .map(|l| format!("a process failed: {l}")),
        );
    }
    Ok(errors)
}

/// Rows of a campaign not final, by `wamm campaign report`.
struct OpenRows {
    pending: u64,
    in_flight: u64,
}

fn open_rows(wamm: &Path, url: &str) -> Result<OpenRows> {
    let out = Command::new(wamm)
        .args(["campaign", "report", "--json", "--journal", url])
        .stderr(Stdio::null())
        .output()?;
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("the report is not JSON")?;
    let count = |state: &str| {
        report["states"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["state"] == state)
            .and_then(|s| s["count"].as_u64())
            .unwrap_or(0)
    };
    Ok(OpenRows {
        pending: count("pending"),
        in_flight: count("in_flight"),
    })
}

fn exited(child: &mut Child) -> bool {
    matches!(child.try_wait(), Ok(Some(_)))
}

/// A small seeded generator for kill points and victims (reproducible with `--seed`).
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn render(results: &[CycleResult], command: &str, elapsed: Duration) -> Result<String> {
    let mut out = String::new();
    let total = |f: fn(&CycleResult) -> u64| results.iter().map(f).sum::<u64>();
    writeln!(
        out,
        "Written by `cargo xtask soak --store postgres` on {}, {}; {} cycles in {:.1} min.",
        machine(),
        now_utc(),
        results.len(),
        elapsed.as_secs_f64() / 60.0
    )?;
    writeln!(out, "Reproduce: `{command}`\n")?;
    writeln!(
        out,
        "Each cycle: one campaign in a throwaway PostgreSQL server, sending from {} phone numbers (a sender pool), sent by {PROCESSES} processes (the `campaign run` that loads the list, and `campaign worker`s) against a sandbox injecting the faults above; {KILLS} times, at a random share of the list created, one of them is killed with SIGKILL and replaced (a killed `run` by a `resume`, which loads the rest of the list); then `resume` until complete. A third number in the pool is one the sandbox does not serve (100, subcode 33): it must stop and fail no row. Once the live processes end, no row may be left in flight (they wait for each other and recover the killed ones' rows), and none may have said complete with a row not final. Checked against every message the sandbox created.\n",
        NUMBERS.len()
    )?;
    writeln!(out, "| figure | total |")?;
    writeln!(out, "|---|---|")?;
    writeln!(out, "| cycles | {} |", results.len())?;
    writeln!(out, "| recipients | {} |", total(|r| r.rows as u64))?;
    writeln!(out, "| processes killed | {} |", total(|r| r.kills as u64))?;
    writeln!(out, "| messages created | {} |", total(|r| r.check.created))?;
    for (i, number) in NUMBERS.iter().enumerate() {
        writeln!(
            out,
            "| of them sent from {number} | {} |",
            results.iter().map(|r| r.per_number[i]).sum::<u64>()
        )?;
    }
    writeln!(out, "| duplicates | {} |", total(|r| r.check.duplicates))?;
    writeln!(out, "| lost | {} |", total(|r| r.check.lost))?;
    writeln!(
        out,
        "| unknown: in flight on a killed worker (bound: {} per kill) | {} |",
        bound(1),
        total(|r| r.check.unknown_at_stop)
    )?;
    writeln!(
        out,
        "| unknown: an injected fault (500, 503, reset, lost answer) | {} |",
        total(|r| r.check.unknown_from_faults)
    )?;
    writeln!(out, "| faults injected | {} |", total(|r| r.faults))?;
    writeln!(
        out,
        "| unknown no kill or fault explains | {} |",
        total(|r| r.check.unexplained_unknown)
    )?;
    writeln!(
        out,
        "| cycles with a problem | {} |",
        results.iter().filter(|r| !r.problems.is_empty()).count()
    )?;
    Ok(out)
}
