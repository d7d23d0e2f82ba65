//! `cargo xtask soak`: crash safety in figures. Each cycle runs a campaign against a sandbox
//! with faults on, kills `wamm` with SIGKILL at a random point, resumes until done, then checks
//! the sandbox's records against the journal.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::harness::{CAMPAIGN, PHONE_NUMBER_ID, SandboxProcess, TOKEN, build_release, recipients};

#[derive(Debug, Clone, clap::Args)]
pub struct SoakArgs {
    /// Campaigns to run, each killed once
    #[arg(long, default_value_t = 20)]
    pub cycles: usize,
    /// Recipients per campaign
    #[arg(long, default_value_t = 20_000)]
    pub recipients: usize,
    /// The sandbox's faults
    #[arg(long, default_value = "500=0.01,503=0.01,reset=0.01,lost=0.01")]
    pub faults: String,
    /// Seed for the kill points and the sandbox's faults
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Default, Debug)]
struct Totals {
    messages: u64,
    duplicates: u64,
    lost: u64,
    unknown_at_kill: u64,
    unknown_from_faults: u64,
    over_bound: u64,
}

pub fn run(root: &Path, args: &SoakArgs) -> Result<ExitCode> {
    let wamm = build_release(root)?;
    let work = root.join("target").join("soak");
    fs::create_dir_all(&work)?;
    let campaign = work.join("campaign.toml");
    fs::write(&campaign, CAMPAIGN)?;
    let list = work.join("recipients.csv");
    recipients(&list, args.recipients)?;
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let mut totals = Totals::default();
    // Rows a run may hold in flight: 64 connections plus 64 queued (unpaced).
    let bound = 128u64;

    println!("cycle  kill_at  sent    unknown(kill)  unknown(faults)  duplicates  lost");
    for cycle in 0..args.cycles {
        let seed = (args.seed + cycle as u64).to_string();
        let sandbox = SandboxProcess::start(
            &wamm,
            &[
                "--mps",
                "100000000",
                "--faults",
                &args.faults,
                "--seed",
                &seed,
            ],
        )?;
        let journal = work.join(format!("cycle-{cycle}.journal"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = fs::remove_file(format!("{}{suffix}", journal.display()));
        }
        // Kill once the sandbox has created a random share of the list (1 % to 90 %): a
        // point in time would often fall after the end on a fast machine.
        let kill_at = rng.u64(args.recipients as u64 / 100..args.recipients as u64 * 9 / 10);
        let mut child = wamm_campaign(&wamm, &sandbox, "run", &journal)
            .arg("--campaign")
            .arg(&campaign)
            .arg("--recipients")
            .arg(&list)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let killed = loop {
            if child.try_wait()?.is_some() {
                break false;
            }
            let created = sandbox.get("/__sandbox/stats")?["created"]
                .as_u64()
                .unwrap_or(0);
            if created >= kill_at {
                child.kill()?;
                break true;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        child.wait()?;
        if !killed {
            eprintln!("cycle {cycle}: the run ended before {kill_at} messages; not killed");
        }
        let mut complete = false;
        for _ in 0..10 {
            let out = wamm_campaign(&wamm, &sandbox, "resume", &journal)
                .arg("--json")
                .stderr(Stdio::null())
                .output()?;
            let summary: serde_json::Value =
                serde_json::from_slice(&out.stdout).unwrap_or_default();
            if summary["complete"] == true {
                complete = true;
                break;
            }
        }
        if !complete {
            bail!("cycle {cycle}: the campaign did not complete after 10 resumes");
        }
        let check = check(&wamm, &sandbox, &journal)?;
        println!(
            "{cycle:>5}  {kill_at:>7}  {:>6}  {:>13}  {:>15}  {:>10}  {:>4}",
            check.sent,
            check.unknown_at_kill,
            check.unknown_from_faults,
            check.duplicates,
            check.lost
        );
        totals.messages += check.created;
        totals.duplicates += check.duplicates;
        totals.lost += check.lost;
        totals.unknown_at_kill += check.unknown_at_kill;
        totals.unknown_from_faults += check.unknown_from_faults;
        if check.unknown_at_kill > bound {
            totals.over_bound += 1;
        }
    }
    println!();
    println!("cycles:                 {}", args.cycles);
    println!("messages created:       {}", totals.messages);
    println!("duplicates:             {} (must be 0)", totals.duplicates);
    println!("lost:                   {} (must be 0)", totals.lost);
    println!(
        "unknown, in flight at a kill: {} (at most {bound} per kill; over: {})",
        totals.unknown_at_kill, totals.over_bound
    );
    println!(
        "unknown, from injected faults (lost responses, 5xx): {}",
        totals.unknown_from_faults
    );
    println!(
        "reproduce: cargo xtask soak --cycles {} --recipients {} --faults {} --seed {}",
        args.cycles, args.recipients, args.faults, args.seed
    );
    if totals.duplicates > 0 || totals.lost > 0 || totals.over_bound > 0 {
        eprintln!("FAILED: exactly-once was violated");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `wamm campaign <subcommand> --journal J` against `sandbox`.
fn wamm_campaign(
    wamm: &Path,
    sandbox: &SandboxProcess,
    subcommand: &str,
    journal: &Path,
) -> Command {
    let mut command = Command::new(wamm);
    command
        .args(["campaign", subcommand, "--journal"])
        .arg(journal)
        .env("WAMM_BASE_URL", &sandbox.base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    command
}

#[derive(Default)]
struct Check {
    created: u64,
    sent: u64,
    duplicates: u64,
    lost: u64,
    unknown_at_kill: u64,
    unknown_from_faults: u64,
}

/// Compares the sandbox's records with the journal.
fn check(wamm: &Path, sandbox: &SandboxProcess, journal: &Path) -> Result<Check> {
    let export = journal.with_extension("export.jsonl");
    let status = Command::new(wamm)
        .args(["campaign", "report", "--journal"])
        .arg(journal)
        .arg("--export")
        .arg(&export)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("wamm campaign report failed for {}", journal.display());
    }
    let messages = sandbox.get("/__sandbox/messages")?;
    let mut by_user: HashMap<String, Vec<String>> = HashMap::new();
    for m in messages.as_array().context("messages array")? {
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
    for line in fs::read_to_string(&export)?.lines() {
        let row: serde_json::Value = serde_json::from_str(line)?;
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
                    check.unknown_at_kill += 1;
                } else {
                    check.unknown_from_faults += 1;
                }
                accounted.insert(user);
            }
            "failed" | "invalid" | "skipped" => {
                if created > 0 {
                    check.lost += 1;
                }
            }
            _ => check.lost += 1, // pending or in flight after completion
        }
    }
    // A message the server created that the journal does not show as sent or unknown.
    check.lost += by_user.keys().filter(|u| !accounted.contains(*u)).count() as u64;
    let _ = fs::remove_file(&export);
    Ok(check)
}
