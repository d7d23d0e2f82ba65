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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{Seek, SeekFrom, Write as _};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::harness::{
    PHONE_NUMBER_ID, SandboxProcess, TOKEN, build_wamm, ensure_command, machine, now_utc,
    recipients, replace_section,
};

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

/// What a cycle puts `wamm` through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Scenario {
    /// A few percent of 500, 503, resets and lost answers (`--faults`)
    Faults,
    /// The sandbox allows half the campaign's rate: 130429, slow down, retry
    Throttling,
    /// A fifth of the users were just messaged by another campaign: 131056, defer, retry
    PairLimit,
    /// The template is paused mid-run (132015): the run stops, it is approved, resume
    TemplatePaused,
    /// 40 % of answers fail: the run halts on the storm; resumed with the halt rules off, it
    /// rides the storm out
    Storm,
    /// 10 % of messages are created but their answer is lost
    LostResponses,
    /// A power cut: SIGKILL, then every journal write not yet fsync'd is thrown away
    PowerLoss,
    /// A pool of two numbers, one the sandbox does not serve (100, subcode 33): that number
    /// stops, the other sends every row; no row fails for it
    BadNumber,
}

impl Scenario {
    const ALL: [Scenario; 8] = [
        Scenario::Faults,
        Scenario::Throttling,
        Scenario::PairLimit,
        Scenario::TemplatePaused,
        Scenario::Storm,
        Scenario::LostResponses,
        Scenario::PowerLoss,
        Scenario::BadNumber,
    ];

    fn name(self) -> &'static str {
        match self {
            Scenario::Faults => "faults",
            Scenario::Throttling => "throttling",
            Scenario::PairLimit => "pair-limit",
            Scenario::TemplatePaused => "template-paused",
            Scenario::Storm => "storm",
            Scenario::LostResponses => "lost-responses",
            Scenario::PowerLoss => "power-loss",
            Scenario::BadNumber => "bad-number",
        }
    }

    fn paced(self) -> bool {
        matches!(self, Scenario::Throttling | Scenario::PairLimit)
    }
}

/// How a run is stopped mid-run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stop {
    Kill,
    Term,
    /// SIGKILL under strace, then the journal loses every write not yet fsync'd.
    PowerCut,
}

impl Stop {
    fn name(self) -> &'static str {
        match self {
            Stop::Kill => "SIGKILL",
            Stop::Term => "SIGTERM",
            Stop::PowerCut => "power cut",
        }
    }
}

/// Faults of the storm: 40 % of answers fail, most before anything is created.
const STORM_FAULTS: &str = "500=0.15,503=0.1,reset=0.1,lost=0.05";
/// Faults of the lost-responses scenario: the message is created, its answer lost.
const LOST_FAULTS: &str = "lost=0.1";
/// Connections per campaign.
pub(crate) const CONCURRENCY: u64 = 64;
/// How long the sandbox refuses a second message to one user in the pair-limit scenario.
const PAIR_INTERVAL_SECONDS: f64 = 4.0;
/// Seconds of sending in a paced list.
const PACED_SECONDS: u64 = 5;
/// A run that takes longer than this is stuck.
const PHASE_TIMEOUT: Duration = Duration::from_secs(300);
/// Resumes allowed after the stop before a cycle is declared stuck.
const MAX_RESUMES: usize = 10;
/// The template the soak's campaigns send (built into the sandbox).
pub(crate) const TEMPLATE: &str = "spring_sale";
/// The other campaign's template in the pair-limit scenario (from the soak's templates file).
const PRIMER_TEMPLATE: &str = "soak_reminder";

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

/// The figures of one cycle.
#[derive(Debug, Default, Clone)]
pub(crate) struct Check {
    pub rows: u64,
    pub created: u64,
    pub sent: u64,
    pub failed: u64,
    pub duplicates: u64,
    pub lost: u64,
    pub unknown_at_stop: u64,
    pub unknown_from_faults: u64,
    /// `unknown` rows beyond the injected faults that may explain them.
    pub unexplained_unknown: u64,
    /// Injected faults whose row did not end `unknown` (it was resent, or recorded as sent or
    /// failed).
    pub faults_not_unknown: u64,
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
        return crate::soak_postgres::run(root, args);
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
    if plan.is_empty() {
        bail!("nothing to run: no scenario, rounds or power-loss cycles");
    }
    if plan.iter().any(|(_, stop)| *stop == Stop::PowerCut) {
        ensure_command("strace", "strace")?;
    }

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
    fs::write(
        &templates,
        // Meta's own shape of a template, as the sandbox reads it.
        format!(
            r#"[{{"id": "1402280517413499", "name": "{PRIMER_TEMPLATE}", "language": "en_US", "status": "APPROVED", "category": "MARKETING", "components": [{{"type": "BODY", "text": "Hi {{{{1}}}}, a reminder."}}]}}]"#
        ),
    )?;
    let unpaced_list = work.join("recipients.csv");
    recipients(&unpaced_list, sizes.unpaced)?;
    let paced_list = work.join("paced.csv");
    recipients(&paced_list, sizes.paced())?;
    let ctx = Ctx {
        wamm,
        work,
        templates,
        unpaced_list,
        paced_list,
        sizes,
        faults: args.faults.clone(),
        seed: args.seed,
    };

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
        print_cycle(index, &result);
        results.push(result);
    }

    let failed: Vec<&CycleResult> = results.iter().filter(|r| !r.problems.is_empty()).collect();
    let elapsed = started.elapsed();
    let command = reproduce(args);
    println!();
    print!("{}", summary_table(&results));
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
        let section = render(&results, args, &command, elapsed)?;
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

fn print_cycle(index: usize, r: &CycleResult) {
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
    let rate = ctx.sizes.paced_rate;
    let (list, rows) = if scenario.paced() {
        (&ctx.paced_list, ctx.sizes.paced())
    } else {
        (&ctx.unpaced_list, ctx.sizes.unpaced)
    };

    // The sandbox for this scenario.
    let seed = (ctx.seed.wrapping_mul(1000) + index as u64).to_string();
    let mut sandbox_args: Vec<String> = [
        "--seed",
        &seed,
        "--max-messages",
        "10000000",
        "--templates",
        &ctx.templates.display().to_string(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let faults = match scenario {
        Scenario::Faults | Scenario::PowerLoss => ctx.faults.as_str(),
        Scenario::Storm => STORM_FAULTS,
        Scenario::LostResponses => LOST_FAULTS,
        _ => "",
    };
    if !faults.is_empty() {
        sandbox_args.extend(["--faults".into(), faults.into()]);
    }
    let sandbox_mps = if scenario == Scenario::Throttling {
        rate
    } else {
        100_000_000
    };
    sandbox_args.extend(["--mps".into(), sandbox_mps.to_string()]);
    if scenario == Scenario::PairLimit {
        sandbox_args.extend([
            "--pair-interval".into(),
            format!("{}ms", (PAIR_INTERVAL_SECONDS * 1000.0) as u64),
        ]);
    }
    let arg_refs: Vec<&str> = sandbox_args.iter().map(String::as_str).collect();
    let sandbox = SandboxProcess::start(&ctx.wamm, &arg_refs)?;

    // The campaign.
    let campaign_mps = match scenario {
        Scenario::Throttling => 2 * rate,
        Scenario::PairLimit => rate,
        _ => 0,
    };
    let campaign = dir.join("campaign.toml");
    let mut toml = campaign_toml("soak", TEMPLATE, campaign_mps, false);
    if scenario == Scenario::BadNumber {
        // The sandbox serves PHONE_NUMBER_ID only; the other is a typo'd number.
        toml = with_senders(&toml, &[PHONE_NUMBER_ID, UNSERVED_NUMBER]);
    }
    fs::write(&campaign, toml)?;
    let bound = window(campaign_mps);
    let mut run = Runner {
        ctx,
        sandbox: &sandbox,
        journal: &journal,
        log: &log,
        rows: rows as u64,
        started_run: false,
        problems: Vec::new(),
        stops: 0,
        discarded: None,
    };
    let run_args = |campaign: &Path| -> Vec<String> {
        vec![
            "--campaign".into(),
            campaign.display().to_string(),
            "--recipients".into(),
            list.display().to_string(),
        ]
    };

    let mut evidence = String::new();
    let mut pause_first = None;
    let mut storm_halt_rows = None;
    match scenario {
        Scenario::Faults | Scenario::Throttling | Scenario::LostResponses | Scenario::BadNumber => {
            run.phase(&run_args(&campaign), Some(Act::Stop(stop)), rng)?;
        }
        Scenario::PowerLoss => {
            run.phase(&run_args(&campaign), Some(Act::Stop(Stop::PowerCut)), rng)?;
        }
        Scenario::PairLimit => {
            // Another campaign has just messaged every third user of the rows this one
            // reaches within the pair interval.
            let primer_rows = (f64::from(rate) * PAIR_INTERVAL_SECONDS * 0.8) as usize;
            let primer_list = dir.join("primer.csv");
            let text = fs::read_to_string(list)?;
            let mut primer = String::new();
            for (i, line) in text.lines().enumerate().take(primer_rows + 1) {
                if i == 0 || i % 3 == 1 {
                    primer.push_str(line);
                    primer.push('\n');
                }
            }
            fs::write(&primer_list, primer)?;
            let primer_campaign = dir.join("primer.toml");
            fs::write(
                &primer_campaign,
                campaign_toml("primer", PRIMER_TEMPLATE, 0, false),
            )?;
            let out = wamm_campaign(ctx, &sandbox, "run", &dir.join("primer.journal"))
                .args(["--campaign", &primer_campaign.display().to_string()])
                .args(["--recipients", &primer_list.display().to_string()])
                .arg("--json")
                .stderr(Stdio::null())
                .output()?;
            if !out.status.success() {
                bail!("the primer campaign failed: {}", out.status);
            }
            run.phase(&run_args(&campaign), Some(Act::Stop(stop)), rng)?;
        }
        Scenario::TemplatePaused => {
            let paused = |run: &mut Runner, args: &[String], rng: &mut fastrand::Rng| {
                let phase = run.phase(args, Some(Act::Pause), rng)?;
                set_status(&sandbox, "APPROVED")?;
                Ok::<_, anyhow::Error>(phase)
            };
            pause_first = Some(rng.bool());
            if pause_first == Some(true) {
                evidence.push_str("paused, then stopped; ");
                paused(&mut run, &run_args(&campaign), rng)?;
                run.phase(&[], Some(Act::Stop(stop)), rng)?;
            } else {
                evidence.push_str("stopped, then paused; ");
                run.phase(&run_args(&campaign), Some(Act::Stop(stop)), rng)?;
                paused(&mut run, &[], rng)?;
            }
        }
        Scenario::Storm => {
            // The default halt rules stop the run on the storm...
            let phase = run.phase(&run_args(&campaign), None, rng)?;
            let halted = phase.status.code() == Some(5)
                && phase.summary["stopped"].is_string()
                && phase.summary["stopped_code"].is_null()
                && phase.summary["complete"] == false;
            if !halted {
                run.problems.push(format!(
                    "the storm did not halt the run (exit {:?}, {})",
                    phase.status.code(),
                    phase.summary["stopped"]
                ));
            }
            let rows = phase.summary["unknown"].as_u64().unwrap_or(0)
                + phase.summary["sent"].as_u64().unwrap_or(0)
                + phase.summary["failed"].as_u64().unwrap_or(0);
            if halted {
                storm_halt_rows = Some(rows);
                let _ = write!(evidence, "storm halt after {rows} rows; ");
            }
            // ... and with them off, the run rides it out until stopped.
            let relaxed = dir.join("relaxed.toml");
            fs::write(&relaxed, campaign_toml("soak", TEMPLATE, 0, true))?;
            run.phase(
                &["--campaign".into(), relaxed.display().to_string()],
                Some(Act::Stop(stop)),
                rng,
            )?;
        }
    }
    if run.stops == 0 {
        run.problems
            .push("the run was never stopped mid-run".to_string());
    }

    // Resume until every row has a final state.
    let mut complete = false;
    for _ in 0..MAX_RESUMES {
        let phase = run.phase(&[], None, rng)?;
        if phase.summary["complete"] == true {
            complete = true;
            break;
        }
        if !matches!(phase.status.code(), Some(0 | 1 | 5)) {
            bail!(
                "resume stopped with exit {:?}: {}",
                phase.status.code(),
                phase.summary["stopped"]
            );
        }
    }
    if !complete {
        bail!("the campaign did not complete after {MAX_RESUMES} resumes");
    }

    let stats = sandbox.get("/__sandbox/stats")?;
    let code = |c: &str| stats["errors_by_code"][c].as_u64().unwrap_or(0);
    let fault = |f: &str| stats["faults"][f].as_u64().unwrap_or(0);
    let faults_total: u64 = stats["faults"]
        .as_object()
        .map(|m| m.values().filter_map(|v| v.as_u64()).sum())
        .unwrap_or(0);
    let check = check(
        &ctx.wamm,
        &sandbox,
        &journal,
        &journal.with_extension("export.jsonl"),
        faults_total,
    )?;
    let mut problems = std::mem::take(&mut run.problems);
    let evidence_count = match scenario {
        Scenario::Throttling => code("130429"),
        Scenario::PairLimit => code("131056"),
        Scenario::TemplatePaused => code("132015"),
        Scenario::LostResponses => fault("lost-reset") + fault("lost-500"),
        Scenario::Faults | Scenario::Storm | Scenario::PowerLoss => faults_total,
        Scenario::BadNumber => code("100"),
    };
    match scenario {
        Scenario::Throttling => {
            let _ = write!(evidence, "130429 x {}", code("130429"));
            if code("130429") == 0 {
                problems.push("no 130429: the campaign was never throttled".into());
            }
        }
        Scenario::PairLimit => {
            let _ = write!(evidence, "131056 x {}", code("131056"));
            if code("131056") == 0 {
                problems.push("no 131056: the pair limit was never met".into());
            }
        }
        Scenario::TemplatePaused => {
            let _ = write!(evidence, "132015 x {}", code("132015"));
        }
        Scenario::LostResponses => {
            let lost = fault("lost-reset") + fault("lost-500");
            let _ = write!(evidence, "{lost} answers lost");
            if lost == 0 {
                problems.push("no answer was lost".into());
            }
        }
        Scenario::BadNumber => {
            let _ = write!(evidence, "100 x {} from the unserved number", code("100"));
            if code("100") == 0 {
                problems.push("no 100: the unserved number was never tried".into());
            }
            if check.failed > 0 {
                problems.push(format!(
                    "{} rows failed: a number's error must stop the number, not fail its rows",
                    check.failed
                ));
            }
        }
        Scenario::Faults | Scenario::Storm | Scenario::PowerLoss => {
            let _ = write!(evidence, "{faults_total} faults");
            if faults_total == 0 && !faults.is_empty() {
                problems.push("no fault was injected".into());
            }
        }
    }
    if check.duplicates > 0 {
        problems.push(format!(
            "{} duplicates (a user with two messages)",
            check.duplicates
        ));
    }
    if check.lost > 0 {
        problems.push(format!(
            "{} lost (a message the journal does not show, or a row not final)",
            check.lost
        ));
    }
    if check.rows != rows as u64 {
        problems.push(format!(
            "the journal has {} rows, the list {rows}",
            check.rows
        ));
    }
    match stop {
        Stop::Term if check.unknown_at_stop > 0 => problems.push(format!(
            "SIGTERM left {} rows in flight (unknown); a graceful stop must leave none",
            check.unknown_at_stop
        )),
        Stop::Kill | Stop::PowerCut if check.unknown_at_stop > bound => problems.push(format!(
            "a stop left {} rows unknown, more than the {bound} that may be in flight",
            check.unknown_at_stop
        )),
        _ => {}
    }
    if check.unexplained_unknown > 0 {
        problems.push(format!(
            "{} rows unknown without an injected fault or a stop to explain them",
            check.unexplained_unknown
        ));
    }
    if check.faults_not_unknown > 0 {
        problems.push(format!(
            "{} faulted answers whose row did not end unknown",
            check.faults_not_unknown
        ));
    }
    if problems.is_empty() {
        let _ = fs::remove_dir_all(&dir);
    }
    Ok(CycleResult {
        scenario,
        stop,
        rows,
        check,
        bound,
        evidence,
        evidence_count,
        pause_first,
        storm_halt_rows,
        discarded: run.discarded,
        seconds: started.elapsed().as_secs_f64(),
        problems,
    })
}

/// The most rows one `wamm` process may hold in flight, so the most a SIGKILL or power cut
/// may leave `unknown`: its connections plus the rows it reserves ahead.
pub(crate) fn window(mps: u32) -> u64 {
    CONCURRENCY + reserve_ahead(mps)
}

/// Rows a run reserves beyond those being sent (as the campaign runner computes it): 50 ms
/// worth at the paced rate (4 to one per connection), or four per connection when unpaced.
fn reserve_ahead(mps: u32) -> u64 {
    if mps == 0 {
        4 * CONCURRENCY
    } else {
        (u64::from(mps) * 5).div_ceil(100).clamp(4, CONCURRENCY)
    }
}

/// A phone number ID the soak's sandboxes do not serve: Graph answers it with 100, subcode 33.
const UNSERVED_NUMBER: &str = "106540352249999";

/// `toml` sending from a pool of `numbers` (`[[senders]]`, placed before the message table).
fn with_senders(toml: &str, numbers: &[&str]) -> String {
    let senders: String = numbers
        .iter()
        .map(|n| format!("[[senders]]\nphone_number_id = \"{n}\"\n\n"))
        .collect();
    toml.replacen(
        "[message.template]",
        &format!("{senders}[message.template]"),
        1,
    )
}

/// A campaign file; `relaxed` turns the unknown-storm halt rules off.
fn campaign_toml(name: &str, template: &str, mps: u32, relaxed: bool) -> String {
    let halt = if relaxed {
        "[halt]\nunknown_in_a_row = 0\nunknown_share = 1.0\n\n"
    } else {
        ""
    };
    format!(
        r#"name = "{name}"
messages_per_second = {mps}
concurrency = {CONCURRENCY}

[retry]
max_attempts = 8
base_delay_ms = 20
pair_delay_ms = 250

{halt}[message.template]
name = "{template}"
language = {{ code = "en_US" }}
components = [{{ type = "body", parameters = [{{ type = "text", text = "{{{{first_name}}}}" }}] }}]
"#
    )
}

/// Pauses or approves the soak's template in the sandbox.
fn set_status(sandbox: &SandboxProcess, status: &str) -> Result<()> {
    let (code, body) = sandbox.post(
        &format!("/__sandbox/templates/{TEMPLATE}/status"),
        &serde_json::json!({ "status": status }),
    )?;
    if code != 200 {
        bail!("could not set {TEMPLATE} to {status}: {code} {body}");
    }
    Ok(())
}

/// `wamm campaign <subcommand> --journal J` against `sandbox`.
fn wamm_campaign(ctx: &Ctx, sandbox: &SandboxProcess, subcommand: &str, journal: &Path) -> Command {
    let mut command = Command::new(&ctx.wamm);
    command
        .args(["campaign", subcommand, "--journal"])
        .arg(journal)
        .env("WAMM_BASE_URL", &sandbox.base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    command
}

/// What to do to a run once the sandbox has seen a random share of the requests it needs.
#[derive(Debug, Clone, Copy)]
enum Act {
    Stop(Stop),
    Pause,
}

/// How one `wamm campaign run|resume` process ended.
struct Phase {
    status: ExitStatus,
    summary: serde_json::Value,
}

/// Runs the processes of one cycle against one journal.
struct Runner<'a> {
    ctx: &'a Ctx,
    sandbox: &'a SandboxProcess,
    journal: &'a Path,
    log: &'a Path,
    rows: u64,
    started_run: bool,
    problems: Vec<String>,
    stops: u64,
    discarded: Option<(u64, u64)>,
}

impl Runner<'_> {
    /// Rows without a final state: every row before the first run.
    fn remaining(&self) -> Result<u64> {
        if !self.started_run {
            return Ok(self.rows);
        }
        let out = Command::new(&self.ctx.wamm)
            .args(["campaign", "report", "--json", "--journal"])
            .arg(self.journal)
            .output()?;
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).with_context(|| {
            format!(
                "wamm campaign report could not read the journal{}: {}",
                if self.discarded.is_some() {
                    " after the power cut"
                } else {
                    ""
                },
                String::from_utf8_lossy(&out.stderr).trim()
            )
        })?;
        let total = report["total"].as_u64().unwrap_or(self.rows);
        let done: u64 = report["states"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| {
                matches!(
                    s["state"].as_str(),
                    Some("sent" | "failed" | "unknown" | "invalid" | "skipped")
                )
            })
            .filter_map(|s| s["count"].as_u64())
            .sum();
        Ok(total.saturating_sub(done))
    }

    /// Runs `wamm campaign run` (the first time) or `resume` with `extra` arguments, doing
    /// `act` once the sandbox has received between 1 % and 90 % of the requests the rows left
    /// need (at least one each; retries count too, so the act lands no later than that).
    fn phase(
        &mut self,
        extra: &[String],
        act: Option<Act>,
        rng: &mut fastrand::Rng,
    ) -> Result<Phase> {
        let remaining = self.remaining()?;
        let subcommand = if self.started_run { "resume" } else { "run" };
        self.started_run = true;
        let mut command = wamm_campaign(self.ctx, self.sandbox, subcommand, self.journal);
        command.args(extra).arg("--json");
        let power_cut = matches!(act, Some(Act::Stop(Stop::PowerCut)));
        let trace = self.journal.with_extension("strace");
        if power_cut {
            command = traced(command, self.journal, &trace);
        }
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log)?;
        let base = requests(self.sandbox)?;
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("cannot start wamm")?;
        let mut acted = false;
        if let Some(act) = act {
            let lo = (remaining / 100).max(1);
            let hi = (remaining * 9 / 10).max(lo);
            let at = base + rng.u64(lo..=hi);
            acted = self.act_at(&mut child, at, act, power_cut)?;
            if !acted {
                self.problems.push(format!(
                    "{subcommand} ended before the sandbox had {} of its requests: not {} mid-run",
                    at - base,
                    match act {
                        Act::Stop(stop) => format!("stopped ({})", stop.name()),
                        Act::Pause => "paused".to_string(),
                    }
                ));
            }
        }
        let status = wait(&mut child, PHASE_TIMEOUT)?;
        let mut stdout = String::new();
        if let Some(mut out) = child.stdout.take() {
            std::io::Read::read_to_string(&mut out, &mut stdout)?;
        }
        let summary: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_default();
        if let (true, Some(act)) = (acted, act) {
            self.verify(act, &status, &summary, &trace)?;
        }
        Ok(Phase { status, summary })
    }

    /// Polls the sandbox until it has received `at` requests, then acts. False when the
    /// process ended first.
    fn act_at(&mut self, child: &mut Child, at: u64, act: Act, traced: bool) -> Result<bool> {
        loop {
            if child.try_wait()?.is_some() {
                return Ok(false);
            }
            if requests(self.sandbox)? >= at {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        match act {
            Act::Stop(Stop::Kill) => child.kill()?,
            Act::Stop(Stop::Term) => signal(child.id(), "TERM")?,
            Act::Stop(Stop::PowerCut) => {
                // The child is strace; wamm is its child.
                let pid = if traced {
                    traced_pid(child.id()).context("strace has no child process")?
                } else {
                    child.id()
                };
                signal(pid, "KILL")?;
            }
            Act::Pause => set_status(self.sandbox, "PAUSED")?,
        }
        Ok(true)
    }

    /// Checks that the act landed mid-run and did what it should; power cuts are applied
    /// here.
    fn verify(
        &mut self,
        act: Act,
        status: &ExitStatus,
        summary: &serde_json::Value,
        trace: &Path,
    ) -> Result<()> {
        match act {
            Act::Stop(Stop::Kill) => {
                if status.signal() == Some(9) {
                    self.stops += 1;
                } else {
                    self.problems
                        .push(format!("SIGKILL sent, but wamm ended with {status}"));
                }
            }
            Act::Stop(Stop::Term) => {
                let interrupted = status.code() == Some(1)
                    && summary["complete"] == false
                    && summary["remaining"].as_u64().unwrap_or(0) > 0;
                if interrupted {
                    self.stops += 1;
                } else {
                    self.problems.push(format!(
                        "SIGTERM sent, but wamm ended with {status} and {summary}"
                    ));
                }
            }
            Act::Stop(Stop::PowerCut) => {
                let cut = power_cut(trace, self.journal)?;
                if !cut.killed {
                    self.problems
                        .push("the power cut did not kill wamm mid-run".to_string());
                } else {
                    self.stops += 1;
                }
                self.discarded = Some((cut.writes, cut.bytes));
            }
            Act::Pause => {
                if status.code() != Some(3) || summary["stopped_code"] != 132015 {
                    self.problems.push(format!(
                        "the template was paused, but wamm ended with {status} and {summary}"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The sandbox's request counter.
fn requests(sandbox: &SandboxProcess) -> Result<u64> {
    Ok(sandbox.get("/__sandbox/stats")?["requests"]
        .as_u64()
        .unwrap_or(0))
}

/// Sends a signal with kill(1).
fn signal(pid: u32, name: &str) -> Result<()> {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .context("cannot run kill")?;
    if !status.success() {
        bail!("kill -{name} {pid} failed");
    }
    Ok(())
}

/// Waits for `child`, killing it after `timeout`.
pub(crate) fn wait(child: &mut Child, timeout: Duration) -> Result<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!("wamm did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Compares the sandbox's records with the journal.
/// Checks a finished campaign against the sandbox's record: the journal's rows (read through
/// `wamm campaign report --export` into `export`), every message the server created.
pub(crate) fn check(
    wamm: &Path,
    sandbox: &SandboxProcess,
    journal: &Path,
    export: &Path,
    faults_total: u64,
) -> Result<Check> {
    let status = Command::new(wamm)
        .args(["campaign", "report", "--journal"])
        .arg(journal)
        .arg("--export")
        .arg(export)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("wamm campaign report failed for {}", journal.display());
    }
    // The soak campaign's messages only (the pair-limit scenario's other campaign uses
    // another template).
    let messages = sandbox.get("/__sandbox/messages")?;
    let mut by_user: HashMap<String, Vec<String>> = HashMap::new();
    for m in messages.as_array().context("messages array")? {
        if m["template"] != TEMPLATE {
            continue;
        }
        by_user
            .entry(m["user"].as_str().unwrap_or_default().to_string())
            .or_default()
            .push(m["wamid"].as_str().unwrap_or_default().to_string());
    }
    let mut check = Check {
        created: by_user.values().map(|v| v.len() as u64).sum(),
        duplicates: by_user
            .values()
            .map(|v| v.len().saturating_sub(1) as u64)
            .sum(),
        ..Check::default()
    };
    let mut accounted = HashSet::new();
    for line in fs::read_to_string(export)?.lines() {
        let row: serde_json::Value = serde_json::from_str(line)?;
        check.rows += 1;
        let user = row["key"].as_str().unwrap_or_default().to_string();
        let created = by_user.get(&user).map(Vec::len).unwrap_or(0);
        match row["state"].as_str().unwrap_or_default() {
            "sent" => {
                check.sent += 1;
                let wamid = row["wamid"].as_str().unwrap_or_default();
                if !by_user
                    .get(&user)
                    .is_some_and(|w| w.iter().any(|x| x == wamid))
                {
                    check.lost += 1; // the journal says sent but the server has no such message
                }
                accounted.insert(user);
            }
            "unknown" => {
                if row["reason"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("in flight when an earlier run stopped")
                {
                    check.unknown_at_stop += 1;
                } else {
                    check.unknown_from_faults += 1;
                }
                accounted.insert(user);
            }
            "failed" | "invalid" | "skipped" => {
                check.failed += 1;
                if created > 0 {
                    check.lost += 1; // created, but the journal says it was not sent
                }
            }
            _ => check.lost += 1, // pending or in flight after completion
        }
    }
    // A message the server created that the journal does not show as sent or unknown.
    check.lost += by_user.keys().filter(|u| !accounted.contains(*u)).count() as u64;
    // Every faulted answer may have created a message, so its row must end unknown; an
    // unknown row needs a fault or a stop to explain it.
    check.unexplained_unknown = check.unknown_from_faults.saturating_sub(faults_total);
    check.faults_not_unknown =
        faults_total.saturating_sub(check.unknown_from_faults + check.unknown_at_stop);
    let _ = fs::remove_file(export);
    Ok(check)
}

// --- Power cuts ---------------------------------------------------------------------------

/// `command` run under strace, recording every write and sync of the journal and its WAL.
fn traced(command: Command, journal: &Path, trace: &Path) -> Command {
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
fn traced_pid(pid: u32) -> Option<u32> {
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
struct Cut {
    killed: bool,
    writes: u64,
    bytes: u64,
}

/// Reads the strace log of a run killed with SIGKILL and turns the journal on disk into what a
/// power cut at that instant could leave: every write to the journal or its WAL that no
/// completed fsync covers (one that started after the write had returned) is overwritten with
/// zeros, and the shared-memory index (never synced; SQLite rebuilds it) is deleted.
fn power_cut(trace: &Path, journal: &Path) -> Result<Cut> {
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

// --- Reports --------------------------------------------------------------------------------

/// Figures summed over the cycles of one scenario and stop.
#[derive(Default)]
struct Totals {
    cycles: u64,
    rows: u64,
    created: u64,
    duplicates: u64,
    lost: u64,
    unknown_at_stop: u64,
    max_at_stop: u64,
    bound: u64,
    unknown_from_faults: u64,
    failed_rows: u64,
    failed_cycles: u64,
    evidence: u64,
    pause_first: u64,
    storm_halts: u64,
    storm_halt_rows: (u64, u64),
    cuts_with_loss: u64,
    discarded_writes: u64,
    discarded_bytes: u64,
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

    /// What shows the path was walked, summed.
    fn evidence(&self, scenario: Scenario) -> String {
        let n = self.evidence;
        match scenario {
            Scenario::Faults => format!("{n} faults injected"),
            Scenario::Throttling => format!("{n} answers 130429"),
            Scenario::PairLimit => format!("{n} answers 131056"),
            Scenario::TemplatePaused => format!(
                "{} runs stopped by the pause ({n} answers 132015); paused before the stop in {}",
                self.cycles, self.pause_first
            ),
            Scenario::Storm => format!(
                "{} runs halted by the storm, after {} to {} rows; {n} faults injected",
                self.storm_halts, self.storm_halt_rows.0, self.storm_halt_rows.1
            ),
            Scenario::LostResponses => format!("{n} answers lost"),
            Scenario::PowerLoss => format!(
                "{n} faults injected; {} of {} cuts threw away unsynced writes ({} writes, {} bytes)",
                self.cuts_with_loss, self.cycles, self.discarded_writes, self.discarded_bytes
            ),
            Scenario::BadNumber => format!("{n} answers 100 from the unserved number"),
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

fn summary_table(results: &[CycleResult]) -> String {
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
            t.evidence(scenario)
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
fn render(
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
        let what = match scenario {
            Scenario::Faults => format!(
                "{} recipients, unpaced, faults `{}`.",
                args.recipients, args.faults
            ),
            Scenario::Throttling => format!(
                "{} recipients; the sandbox allows {} messages/s (`--mps`), the campaign asks for {}: 130429, the rate halves and throttled rows are retried (nothing was created).",
                args.paced_rate as u64 * PACED_SECONDS,
                args.paced_rate,
                2 * args.paced_rate
            ),
            Scenario::PairLimit => format!(
                "{} recipients at {}/s; the sandbox has `--pair-interval {}s` and another campaign (another template) has just messaged every third user of the rows reached within that interval: 131056, those rows are deferred and retried.",
                args.paced_rate as u64 * PACED_SECONDS,
                args.paced_rate,
                PAIR_INTERVAL_SECONDS
            ),
            Scenario::TemplatePaused => format!(
                "{} recipients, unpaced; the template is paused mid-run (`POST /__sandbox/templates/spring_sale/status`): the run stops with exit 3 (132015), rows left pending; it is approved and the campaign resumed. In each cycle the stop comes before or after the pause (by the seed).",
                args.recipients
            ),
            Scenario::Storm => format!(
                "{} recipients, unpaced, faults `{STORM_FAULTS}`: the first run must halt on the storm by itself (exit 5, default `[halt]` rules); it is resumed with the storm rules off (`unknown_in_a_row = 0`, `unknown_share = 1`) and stopped while riding the storm out.",
                args.recipients
            ),
            Scenario::LostResponses => format!(
                "{} recipients, unpaced, faults `{LOST_FAULTS}`: the message is created and recorded, then the answer is a reset or a 500. Every such row must end `unknown`, never resent.",
                args.recipients
            ),
            Scenario::PowerLoss => format!(
                "{} recipients, unpaced, faults `{}`, `wamm` under strace; a power cut at the stop point (below).",
                args.recipients, args.faults
            ),
            Scenario::BadNumber => format!(
                "{} recipients, unpaced, from a pool of two numbers (`[[senders]]`), one of which the sandbox does not serve (100, subcode 33): that number stops, the other sends every row, and no row may end `failed`.",
                args.recipients
            ),
        };
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
    fn the_section_replaces_only_its_own_text() {
        let dir = std::env::temp_dir().join(format!("wamm-soak-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("B.md");
        fs::write(
            &file,
            "# B\n\n## One\n\nkeep\n\n## Soak (crash safety)\n\nold\n| a |\n\n## After\n\nkeep too\n",
        )
        .unwrap();
        replace_section(&file, "## Soak (crash safety)", "new\n").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "# B\n\n## One\n\nkeep\n\n## Soak (crash safety)\n\nnew\n\n## After\n\nkeep too\n"
        );
        // Last in the file, or missing.
        fs::write(&file, "# B\n\n## Soak (crash safety)\n\nold\n").unwrap();
        replace_section(&file, "## Soak (crash safety)", "new").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "# B\n\n## Soak (crash safety)\n\nnew\n"
        );
        fs::write(&file, "# B\n").unwrap();
        replace_section(&file, "## Soak (crash safety)", "new").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "# B\n\n## Soak (crash safety)\n\nnew\n"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
