//! `cargo xtask instructions`: the instructions a campaign executes per message, counted by
//! valgrind's callgrind, for the working tree and (with `--baseline`) an earlier revision.
//!
//! CPU time on a shared two-core machine moves by more than the 10 % a change is held to;
//! an instruction count does not move between runs. Each binary sends two lists (`--small`
//! and `--large` recipients) as one journalled `campaign run` against a fresh sandbox, and the
//! figure is the slope between them: (instructions of the large run - of the small run) /
//! (large - small). Start-up (argument parsing, compiling the validator, opening the journal)
//! cancels out; everything that grows with the list, end-of-run report included, stays in.
//! Instructions are not time: memory stalls, system calls and fsync are not in them, and
//! valgrind runs without the CPU's SHA extensions, so the list's digest counts more here
//! than it costs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::harness::{self, SandboxProcess};

#[derive(Debug, Args)]
pub struct InstructionsArgs {
    /// Recipients of the smaller run
    #[arg(long, default_value_t = 1000)]
    pub small: usize,
    /// Recipients of the larger run
    #[arg(long, default_value_t = 5000)]
    pub large: usize,
    /// A git revision (such as `main~3`) to count beside the working tree
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
    /// Where to write the results (default BENCHMARKS.md at the workspace root)
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// The heading of the section this command keeps in BENCHMARKS.md.
const HEADING: &str = "## Instructions per message (callgrind)";

pub fn run(root: &Path, args: &InstructionsArgs) -> Result<std::process::ExitCode> {
    if args.large <= args.small {
        bail!("--large must be more than --small");
    }
    harness::ensure_command("valgrind", "valgrind")?;
    let wamm = harness::build_release(root)?;
    let dir = root.join("target").join("instructions");
    fs::create_dir_all(&dir)?;
    let campaign = dir.join("campaign.toml");
    fs::write(&campaign, harness::CAMPAIGN)?;
    for rows in [args.small, args.large] {
        harness::recipients(&dir.join(format!("{rows}.csv")), rows)?;
    }
    let current = per_message(&wamm, &dir, &campaign, args)?;
    eprintln!("working tree: {current:.1} k instructions per message");
    let baseline = match &args.baseline {
        Some(rev) => {
            let old = crate::bench::build_baseline(root, rev)?;
            let figure = per_message(&old, &dir, &campaign, args)?;
            eprintln!("{rev}: {figure:.1} k instructions per message");
            Some((rev.as_str(), figure))
        }
        None => None,
    };
    let floor = crate::instructions_floor::per_request(root, &wamm, args.small, args.large)?;
    eprintln!("bare HTTP stack: {floor:.1} k instructions per request");
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| root.join("BENCHMARKS.md"));
    let mut text = render(args, current, baseline);
    for row in crate::instructions_floor::rows(floor, current, baseline) {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        text.push_str(&format!(
            "| {} | {} | {} | {met} |\n",
            row.what, row.figure, row.target
        ));
    }
    harness::replace_section(&out, HEADING, &text)?;
    eprintln!("wrote {}", out.display());
    Ok(std::process::ExitCode::SUCCESS)
}

/// Thousands of instructions per message: the slope between the two runs.
fn per_message(wamm: &Path, dir: &Path, campaign: &Path, args: &InstructionsArgs) -> Result<f64> {
    let small = counted(wamm, dir, campaign, args.small)?;
    let large = counted(wamm, dir, campaign, args.large)?;
    Ok((large as f64 - small as f64) / (args.large - args.small) as f64 / 1000.0)
}

/// Instructions of one journalled `campaign run` of `rows` recipients under callgrind.
fn counted(wamm: &Path, dir: &Path, campaign: &Path, rows: usize) -> Result<u64> {
    let sandbox = SandboxProcess::start(wamm, &["--mps", "100000000"])?;
    let journal = dir.join(format!("{rows}.journal"));
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let mut name = journal.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
    eprintln!("callgrind: {rows} recipients with {}...", wamm.display());
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(wamm)
        .args(["campaign", "run", "--json", "--campaign"])
        .arg(campaign)
        .arg("--recipients")
        .arg(dir.join(format!("{rows}.csv")))
        .arg("--journal")
        .arg(&journal)
        .env("WAMM_BASE_URL", &sandbox.base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", harness::PHONE_NUMBER_ID)
        .env("WHATSAPP_ACCESS_TOKEN", harness::TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .context("cannot run valgrind")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary: serde_json::Value = serde_json::from_str(stdout.trim())
        .with_context(|| format!("campaign run printed no summary: {stdout}"))?;
    if summary["complete"] != true {
        bail!("the campaign did not complete: {summary}");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .find_map(|l| l.split("Collected : ").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .with_context(|| format!("no instruction count from callgrind: {stderr}"))
}

fn render(args: &InstructionsArgs, current: f64, baseline: Option<(&str, f64)>) -> String {
    let mut reproduce = format!(
        "cargo xtask instructions --small {} --large {}",
        args.small, args.large
    );
    if let Some((rev, _)) = baseline {
        reproduce.push_str(&format!(" --baseline {rev}"));
    }
    let mut out = format!(
        "Written by `cargo xtask instructions` on {}, {}. Reproduce: `{reproduce}`\n\n",
        harness::machine(),
        harness::now_utc()
    );
    out.push_str(
        "Each binary runs one journalled `campaign run` (the bench's campaign and list) of each \
         size against a fresh `wamm sandbox`, under `valgrind --tool=callgrind`; the figure is \
         the slope between the two runs, so start-up cancels out and everything that grows with \
         the list stays in. Unlike CPU time on this shared machine, the count does not move \
         between runs. It leaves out what instructions do not show: memory stalls, system \
         calls and fsync.\n\n",
    );
    out.push_str("| binary | instructions per message | target | met |\n|---|---|---|---|\n");
    out.push_str(&format!("| working tree | {current:.1} k | - |  |\n"));
    if let Some((rev, old)) = baseline {
        let change = (current / old - 1.0) * 100.0;
        let met = if change <= 10.0 { "yes" } else { "**no**" };
        out.push_str(&format!("| baseline `{rev}` | {old:.1} k | - |  |\n"));
        out.push_str(&format!(
            "| working tree against `{rev}` | {change:+.1} % | <= +10 % | {met} |\n"
        ));
    }
    out
}
