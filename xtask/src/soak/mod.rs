//! `cargo xtask soak`: exactly-once under the hard paths, in figures.
//!
//! Each cycle runs one campaign against a fresh `wamm sandbox` set up for one scenario
//! (injected faults, throttling, the pair limit, a template paused mid-run, a 5xx storm, lost
//! responses, a power cut), stops `wamm` mid-run (SIGKILL, SIGTERM, or a simulated power cut),
//! resumes until every row has a final state (never with `--resend-unknown`), then compares
//! what the sandbox created with the journal. A cycle fails when a message is duplicated or
//! lost, when a stop leaves more `unknown` rows than it may, when an `unknown` has no cause,
//! when its run was not stopped mid-run, or when the scenario's path was not walked (no
//! throttling seen, no pause, no storm halt...). Without `--quick`, it writes the "Soak" section
//! of BENCHMARKS.md.

mod campaign;
mod check;
mod postgres;
mod power_cut;
mod render;
mod runner;
mod scenario;
mod verdict;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::harness::{SandboxProcess, build_wamm, ensure_command, recipients, replace_section};
use campaign::window;
use check::{Check, Stats, check};
use runner::{Runner, Stop};
pub use scenario::Scenario;
use scenario::{PACED_SECONDS, Stage};

#[derive(Debug, Clone, clap::Args)]
pub struct SoakArgs {
    /// Rounds; each runs every scenario once under SIGKILL and once under SIGTERM, then the
    /// power-loss cycles (a round takes about a minute on 2 cores)
    #[arg(long, default_value_t = 6)]
    pub rounds: usize,
    /// Recipients of the unpaced campaigns (faults, template-paused, storm, lost-responses,
    /// power-loss)
    #[arg(long, default_value_t = 20_000)]
    pub recipients: usize,
    /// Messages per second of the paced campaigns: the throttling sandbox allows this and its
    /// campaign asks for twice as much; the pair-limit campaign sends at this rate. Their lists
    /// hold five seconds' worth
    #[arg(long, default_value_t = 2000)]
    pub paced_rate: u32,
    /// Power-loss cycles per round (they need strace, installed from Debian if missing)
    #[arg(long, default_value_t = 3)]
    pub power_loss: usize,
    /// The sandbox's faults in the `faults` and `power-loss` scenarios
    #[arg(long, default_value = "500=0.01,503=0.01,reset=0.01,lost=0.01")]
    pub faults: String,
    /// Run only these scenarios (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Scenario>,
    /// Seed for the stop points, the order of stop and pause, and the sandboxes' faults
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A short run for CI: the debug build, every scenario once (stopped by SIGKILL and
    /// SIGTERM in turn) and one power cut, small lists (1,500 recipients, 300 messages/s paced);
    /// ignores the size flags and never writes BENCHMARKS.md
    #[arg(long)]
    pub quick: bool,
    /// Where to write the Soak section (default BENCHMARKS.md at the workspace root)
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Soak this `wamm` binary instead of building one (for instance one built from another
    /// revision, to see whether the soak catches a change)
    #[arg(long, value_name = "FILE")]
    pub wamm: Option<PathBuf>,
    /// The journal's store: `sqlite` (the scenarios above) or `postgres` (three worker
    /// processes on one campaign in a throwaway PostgreSQL server, workers killed with
    /// SIGKILL at random points and replaced, with the faults of `--faults`; `--rounds`
    /// cycles of `--recipients`)
    #[arg(long, value_enum, default_value = "sqlite")]
    pub store: Store,
}

/// Where a soaked campaign's journal is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Store {
    /// An SQLite file, one process at a time
    Sqlite,
    /// PostgreSQL, several worker processes
    Postgres,
}

/// Sizes and rates for one soak.
#[derive(Debug, Clone)]
struct Sizes {
    unpaced: usize,
    paced_rate: u32,
}

impl Sizes {
    fn paced(&self) -> usize {
        self.paced_rate as usize * PACED_SECONDS as usize
    }
}

/// What every cycle shares.
struct Ctx {
    wamm: PathBuf,
    work: PathBuf,
    templates: PathBuf,
    unpaced_list: PathBuf,
    paced_list: PathBuf,
    sizes: Sizes,
    faults: String,
    seed: u64,
}

impl Ctx {
    /// The binary, the work directory (emptied of failed cycles) and the files every cycle
    /// reads.
    fn prepare(root: &Path, args: &SoakArgs, sizes: Sizes) -> Result<Self> {
        let wamm = match &args.wamm {
            Some(wamm) => std::path::absolute(wamm)?,
            None => build_wamm(root, !args.quick)?,
        };
        let work = root
            .join("target")
            .join(if args.quick { "soak-quick" } else { "soak" });
        fs::create_dir_all(&work)?;
        // Cycles that passed leave nothing; those of an earlier soak that failed are replaced.
        for entry in fs::read_dir(&work)?.flatten() {
            if entry.file_name().to_string_lossy().starts_with("cycle-") {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let templates = work.join("templates.json");
        fs::write(&templates, scenario::templates_json())?;
        let unpaced_list = work.join("recipients.csv");
        recipients(&unpaced_list, sizes.unpaced)?;
        let paced_list = work.join("paced.csv");
        recipients(&paced_list, sizes.paced())?;
        Ok(Ctx {
            wamm,
            work,
            templates,
            unpaced_list,
            paced_list,
            sizes,
            faults: args.faults.clone(),
            seed: args.seed,
        })
    }
}

#[derive(Debug)]
struct CycleResult {
    scenario: Scenario,
    stop: Stop,
    rows: usize,
    check: Check,
    /// The most rows a stop may leave unknown.
    bound: u64,
    /// What shows the scenario's path was walked, for the console.
    evidence: String,
    /// The count behind it: 130429 or 131056 answers, 132015 answers, lost answers, faults.
    evidence_count: u64,
    /// Template-paused: whether the pause came before the stop.
    pause_first: Option<bool>,
    /// Storm: rows with an outcome when the storm halted the first run.
    storm_halt_rows: Option<u64>,
    /// Journal writes thrown away by a power cut: (writes, bytes).
    discarded: Option<(u64, u64)>,
    seconds: f64,
    problems: Vec<String>,
}

pub fn run(root: &Path, args: &SoakArgs) -> Result<ExitCode> {
    if args.store == Store::Postgres {
        return postgres::run(root, args);
    }
    let started = Instant::now();
    let sizes = if args.quick {
        Sizes {
            unpaced: 1500,
            paced_rate: 300,
        }
    } else {
        Sizes {
            unpaced: args.recipients,
            paced_rate: args.paced_rate,
        }
    };
    if sizes.unpaced < 1000 || sizes.paced_rate < 100 {
        bail!("--recipients must be at least 1000 and --paced-rate at least 100");
    }
    let plan = plan(args);
    if plan.is_empty() {
        bail!("nothing to run: no scenario, rounds or power-loss cycles");
    }
    if plan.iter().any(|(_, stop)| *stop == Stop::PowerCut) {
        ensure_command("strace", "strace")?;
    }

    let ctx = Ctx::prepare(root, args, sizes)?;

    let mut rng = fastrand::Rng::with_seed(args.seed);
    let mut results = Vec::new();
    println!(
        "cycle  scenario         stop       rows    created  dup  lost  unknown(stop/bound)  unknown(faults)  seconds  evidence"
    );
    for (index, &(scenario, stop)) in plan.iter().enumerate() {
        let cycle_started = Instant::now();
        let result = match cycle(&ctx, index, scenario, stop, &mut rng) {
            Ok(result) => result,
            Err(error) => CycleResult {
                scenario,
                stop,
                rows: 0,
                check: Check::default(),
                bound: 0,
                evidence: String::new(),
                evidence_count: 0,
                pause_first: None,
                storm_halt_rows: None,
                discarded: None,
                seconds: cycle_started.elapsed().as_secs_f64(),
                problems: vec![format!("{error:#}")],
            },
        };
        render::print_cycle(index, &result);
        results.push(result);
    }

    let failed: Vec<&CycleResult> = results.iter().filter(|r| !r.problems.is_empty()).collect();
    let elapsed = started.elapsed();
    let command = reproduce(args);
    println!();
    print!("{}", render::summary_table(&results));
    println!(
        "{} cycles in {:.1} min; reproduce: {command}",
        results.len(),
        elapsed.as_secs_f64() / 60.0
    );
    if !args.quick {
        let out = args
            .output
            .clone()
            .unwrap_or_else(|| root.join("BENCHMARKS.md"));
        let section = render::render(&results, args, &command, elapsed)?;
        replace_section(&out, "## Soak (crash safety)", &section)?;
        eprintln!("wrote the Soak section of {}", out.display());
    }
    if !failed.is_empty() {
        eprintln!("FAILED: {} of {} cycles", failed.len(), results.len());
        return Ok(ExitCode::FAILURE);
    }
    println!("passed: 0 duplicates, 0 lost, every stop mid-run, every path walked");
    Ok(ExitCode::SUCCESS)
}

/// The cycles to run, in order: with `--quick` each scenario once, SIGKILL and SIGTERM in
/// turn; otherwise each scenario under both per round, and the power cuts.
fn plan(args: &SoakArgs) -> Vec<(Scenario, Stop)> {
    let scenarios: Vec<Scenario> = Scenario::ALL
        .into_iter()
        .filter(|s| args.only.is_empty() || args.only.contains(s))
        .collect();
    let mut plan: Vec<(Scenario, Stop)> = Vec::new();
    if args.quick {
        let mut stops = [Stop::Kill, Stop::Term].into_iter().cycle();
        for &scenario in &scenarios {
            match scenario {
                Scenario::PowerLoss => plan.push((scenario, Stop::PowerCut)),
                _ => plan.push((scenario, stops.next().unwrap_or(Stop::Kill))),
            }
        }
    } else {
        for _ in 0..args.rounds {
            for &scenario in &scenarios {
                match scenario {
                    Scenario::PowerLoss => {
                        plan.extend((0..args.power_loss).map(|_| (scenario, Stop::PowerCut)))
                    }
                    _ => plan.extend([(scenario, Stop::Kill), (scenario, Stop::Term)]),
                }
            }
        }
    }
    plan
}

/// The command that reproduces this soak.
fn reproduce(args: &SoakArgs) -> String {
    let mut command = String::from("cargo xtask soak");
    if args.quick {
        command.push_str(" --quick");
    } else {
        let _ = write!(
            command,
            " --rounds {} --recipients {} --paced-rate {} --power-loss {} --faults {}",
            args.rounds, args.recipients, args.paced_rate, args.power_loss, args.faults
        );
    }
    if !args.only.is_empty() {
        let names: Vec<&str> = args.only.iter().map(|s| s.name()).collect();
        let _ = write!(command, " --only {}", names.join(","));
    }
    if let Some(wamm) = &args.wamm {
        let _ = write!(command, " --wamm {}", wamm.display());
    }
    let _ = write!(command, " --seed {}", args.seed);
    command
}

/// One cycle: a fresh sandbox, a campaign stopped mid-run, resumed to the end, checked.
fn cycle(
    ctx: &Ctx,
    index: usize,
    scenario: Scenario,
    stop: Stop,
    rng: &mut fastrand::Rng,
) -> Result<CycleResult> {
    let started = Instant::now();
    let dir = ctx.work.join(format!("cycle-{index}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    let journal = dir.join("campaign.journal");
    let log = dir.join("wamm.log");
    let (list, rows) = if scenario.paced() {
        (&ctx.paced_list, ctx.sizes.paced())
    } else {
        (&ctx.unpaced_list, ctx.sizes.unpaced)
    };

    let seed = ctx.seed.wrapping_mul(1000) + index as u64;
    let sandbox_args = scenario.sandbox_args(ctx, seed);
    let arg_refs: Vec<&str> = sandbox_args.iter().map(String::as_str).collect();
    let sandbox = SandboxProcess::start(&ctx.wamm, &arg_refs)?;

    let campaign_mps = scenario.campaign_mps(ctx.sizes.paced_rate);
    let campaign = dir.join("campaign.toml");
    fs::write(&campaign, scenario.campaign(campaign_mps).toml())?;
    let bound = window(campaign_mps);
    let mut run = Runner::new(&ctx.wamm, &sandbox, &journal, &log, rows as u64);
    let stage = Stage {
        ctx,
        dir: &dir,
        campaign: &campaign,
        list,
    };
    let walked = scenario.script(&mut run, &stage, stop, rng)?;
    if run.stops == 0 {
        run.problems
            .push("the run was never stopped mid-run".to_string());
    }
    run.finish(rng)?;

    let stats = Stats::of(&sandbox)?;
    let check = check(
        &ctx.wamm,
        &sandbox,
        &journal,
        &journal.with_extension("export.jsonl"),
        stats.faults_total(),
    )?;
    let evidence = scenario.evidence(ctx, &stats, &check);
    let mut problems = std::mem::take(&mut run.problems);
    problems.extend(evidence.problems);
    problems.extend(verdict::problems(&check, stop, bound, rows));
    if problems.is_empty() {
        let _ = fs::remove_dir_all(&dir);
    }
    Ok(CycleResult {
        scenario,
        stop,
        rows,
        check,
        bound,
        evidence: walked.notes + &evidence.text,
        evidence_count: evidence.count,
        pause_first: walked.pause_first,
        storm_halt_rows: walked.storm_halt_rows,
        discarded: run.discarded,
        seconds: started.elapsed().as_secs_f64(),
        problems,
    })
}
