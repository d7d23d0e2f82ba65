//! `cargo xtask bench`: speed, CPU, memory, pacing and journal cost, measured with release
//! builds in separate processes on loopback, written to BENCHMARKS.md.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use crate::harness::{
    CAMPAIGN, PHONE_NUMBER_ID, RunFigures, SandboxProcess, build_release, ensure_command, machine,
    measured, measured_campaign, now_utc, recipients,
};

/// Sizes; the defaults finish in a few minutes on 2 cores.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Recipients for the throughput, CPU and journal runs
    #[arg(long, default_value_t = 50_000)]
    pub messages: usize,
    /// The smaller list for the memory comparison
    #[arg(long, default_value_t = 100_000)]
    pub memory_small: usize,
    /// The larger list for the memory comparison
    #[arg(long, default_value_t = 1_000_000)]
    pub memory_large: usize,
    /// Seconds for each pacing run
    #[arg(long, default_value_t = 10)]
    pub pacing_seconds: usize,
    /// Connections for the campaign and the load generator
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    /// Runs of each throughput measurement (campaign with and without the journal, in
    /// back-to-back pairs; bare HTTP stack); the median is reported
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Events posted to the webhook receiver per measurement
    #[arg(long, default_value_t = 20_000)]
    pub webhook_events: usize,
    /// Where to write the results (default BENCHMARKS.md at the workspace root)
    #[arg(long)]
    pub output: Option<std::path::PathBuf>,
    /// A git revision (such as `main~3`) to build and measure beside the working tree, in the
    /// same run and against the same sandboxes: its CPU per message is the baseline a change
    /// is held to (at most 10 % more)
    #[arg(long, value_name = "REV")]
    pub baseline: Option<String>,
    /// Measure only this part and rewrite only its rows in BENCHMARKS.md (`report`: the HTML
    /// report of a --memory-large-row journal; `single`: the campaign's CPU above the bare
    /// HTTP stack, with --baseline the target; `receiver`: the webhook receiver; `tls`: the
    /// campaign and the bare HTTP stack over TLS, HTTP/1.1 and HTTP/2; `postgres`: the
    /// PostgreSQL journal in one process against the SQLite journal, --repeat back-to-back pairs)
    #[arg(long, value_name = "PART", value_parser = ["report", "single", "receiver", "tls", "postgres"])]
    pub only: Option<String>,
    /// With --only postgres or --only receiver: the server counts what each statement costs
    /// (pg_stat_statements), and the one-process PostgreSQL run (the last pair's) or the
    /// one-receiver run writes its ten costliest statements into a section of its own
    #[arg(long, requires = "only")]
    pub statements: bool,
    /// With --only report: write the large journal again even when an earlier run left it
    #[arg(long, requires = "only")]
    pub fresh_journal: bool,
}

const BODY: &str = r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123","type":"template","template":{"name":"spring_sale","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}}"#;

/// Everything after this line in BENCHMARKS.md is kept when the figures are rewritten.
const NOTES_MARKER: &str = "<!-- notes: kept by cargo xtask bench -->";

pub(crate) struct Row {
    pub what: String,
    pub figure: String,
    pub target: String,
    pub met: Option<bool>,
}

impl Row {
    /// The row as a line of BENCHMARKS.md's table.
    pub(crate) fn line(&self) -> String {
        let met = match self.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        format!(
            "| {} | {} | {} | {met} |",
            self.what, self.figure, self.target
        )
    }
}

/// `table` (BENCHMARKS.md) with every row line whose first cell starts with one of `ours`
/// replaced by `rows`, all of them where the first such line was; without one, `rows` go at the
/// end of the first table. Running it again with the same rows changes nothing.
pub(crate) fn replace_rows(table: &str, ours: &[&str], rows: &[Row]) -> String {
    let lines: Vec<&str> = table.lines().collect();
    let is_ours = |line: &str| {
        ours.iter().any(|start| {
            line.strip_prefix("| ")
                .is_some_and(|l| l.starts_with(start))
        })
    };
    let mut out: Vec<String> = Vec::new();
    let mut at = None;
    for (i, line) in lines.iter().enumerate() {
        if is_ours(line) {
            at.get_or_insert(out.len());
            continue;
        }
        out.push(line.to_string());
        let table_ends =
            line.starts_with('|') && !lines.get(i + 1).is_some_and(|next| next.starts_with('|'));
        if table_ends && at.is_none() && !lines[i..].iter().any(|l| is_ours(l)) {
            at = Some(out.len());
        }
    }
    let at = at.unwrap_or(out.len());
    out.splice(at..at, rows.iter().map(Row::line));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// A part measured alone (`cargo xtask bench --only PART`): its rows, marked as measured alone
/// and when, replace its earlier ones (those whose first cell starts with one of `ours`) in
/// BENCHMARKS.md or `--output`, and are printed.
pub(crate) fn write_alone(
    root: &Path,
    args: &BenchArgs,
    ours: &[&str],
    mut rows: Vec<Row>,
) -> Result<()> {
    let part = args.only.as_deref().unwrap_or("all");
    let when = now_utc();
    for row in &mut rows {
        row.figure = format!("{} (measured alone: `--only {part}`, {when})", row.figure);
    }
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| root.join("BENCHMARKS.md"));
    let old = fs::read_to_string(&out).unwrap_or_default();
    fs::write(&out, replace_rows(&old, ours, &rows))
        .with_context(|| format!("cannot write {}", out.display()))?;
    for row in &rows {
        println!("{}", row.line());
    }
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The bench's working folder (`target/bench`), made if needed, and its campaign file there
/// (the bench's campaign at `--concurrency`): `(folder, campaign file)`.
pub(crate) fn work_folder(root: &Path, args: &BenchArgs) -> Result<(PathBuf, PathBuf)> {
    let work = root.join("target").join("bench");
    fs::create_dir_all(&work)?;
    let campaign = work.join("campaign.toml");
    fs::write(
        &campaign,
        CAMPAIGN.replace(
            "concurrency = 64",
            &format!("concurrency = {}", args.concurrency),
        ),
    )?;
    Ok((work, campaign))
}

pub fn run(root: &Path, args: &BenchArgs) -> Result<ExitCode> {
    // One part alone: it rewrites only its own rows of BENCHMARKS.md.
    let alone: Option<fn(&Path, &BenchArgs) -> Result<()>> = match args.only.as_deref() {
        Some("report") => Some(crate::bench_report::only),
        Some("single") => Some(crate::bench_single::only),
        Some("receiver") => Some(crate::bench_receiver::only),
        Some("tls") => Some(crate::bench_tls::only),
        Some("postgres") => Some(crate::bench_pg_cost::only),
        _ => None,
    };
    if let Some(only) = alone {
        only(root, args)?;
        return Ok(ExitCode::SUCCESS);
    }
    ensure_command("wrk", "wrk")?;
    ensure_command("/usr/bin/time", "time")?;
    let wamm = build_release(root)?;
    let floor = build_example(root, "wamm-client", "http_floor")?;
    let baseline = match &args.baseline {
        Some(rev) => Some(build_baseline(root, rev)?),
        None => None,
    };
    let (work, campaign) = crate::bench::work_folder(root, args)?;
    let mut rows = Vec::new();

    // Throughput and CPU: unpaced against an unlimited sandbox, a fresh one for each
    // measurement (it keeps every message it creates; wrk alone leaves hundreds of thousands).
    let unlimited = || SandboxProcess::start(&wamm, &["--mps", "100000000"]);

    let list = work.join("throughput.csv");
    recipients(&list, args.messages)?;
    eprintln!(
        "throughput: {} messages, unpaced, {} connections, with the durable journal and with none, {} times each...",
        args.messages, args.concurrency, args.repeat
    );
    // The journalled and unjournalled runs go in back-to-back pairs, and which of the two goes
    // first alternates from pair to pair: the machine's speed drifts by more than the journal
    // costs, and a pair sees nearly the same machine. The journal's cost is the median of the
    // pairs' costs.
    let (mut journalled_runs, mut unjournalled_runs) = (Vec::new(), Vec::new());
    let mut baseline_runs = Vec::new();
    let mut pair_costs = Vec::new();
    for round in 0..args.repeat.max(1) {
        if let Some(baseline) = &baseline {
            baseline_runs.push(campaign_run(
                baseline,
                &unlimited()?,
                &campaign,
                &list,
                Some(&work.join("b.journal")),
            )?);
        }
        let journal = work.join("t.journal");
        let (with, without) = if round % 2 == 0 {
            let with = campaign_run(&wamm, &unlimited()?, &campaign, &list, Some(&journal))?;
            (
                with,
                campaign_run(&wamm, &unlimited()?, &campaign, &list, None)?,
            )
        } else {
            let without = campaign_run(&wamm, &unlimited()?, &campaign, &list, None)?;
            (
                campaign_run(&wamm, &unlimited()?, &campaign, &list, Some(&journal))?,
                without,
            )
        };
        pair_costs.push((1.0 - with.rate() / without.rate().max(1.0)) * 100.0);
        journalled_runs.push(with);
        unjournalled_runs.push(without);
    }
    let journalled = median(journalled_runs);
    let unjournalled = median(unjournalled_runs);
    let wrk_rate = wrk(&unlimited()?, args.concurrency)?;
    let ratio = journalled.rate() / wrk_rate;
    rows.push(Row {
        what: format!(
            "client throughput (wamm campaign, journal on, {} connections)",
            args.concurrency
        ),
        figure: format!("{:.0} msg/s", journalled.rate()),
        target: "-".into(),
        met: None,
    });
    rows.push(Row {
        what: format!(
            "load generator (wrk, same body, {} connections) = sandbox capacity",
            args.concurrency
        ),
        figure: format!("{wrk_rate:.0} req/s"),
        target: ">= 20,000 req/s".into(),
        met: Some(wrk_rate >= 20_000.0),
    });
    rows.push(Row {
        what: "ratio wamm / load generator".into(),
        figure: format!("{ratio:.2}"),
        target: ">= 0.8".into(),
        met: Some(ratio >= 0.8),
    });
    let cpu_us = journalled.cpu.as_secs_f64() * 1e6 / journalled.sent().max(1) as f64;
    rows.push(Row {
        what: "CPU per message (user + system of the wamm process)".into(),
        figure: format!("{cpu_us:.1} us"),
        target: "<= 15 us".into(),
        met: Some(cpu_us <= 15.0),
    });
    let mut baseline_us = None;
    if let (Some(rev), false) = (&args.baseline, baseline_runs.is_empty()) {
        let base = median(baseline_runs);
        let base_us = base.cpu.as_secs_f64() * 1e6 / base.sent().max(1) as f64;
        baseline_us = Some((rev.as_str(), base_us));
        let change = (cpu_us / base_us - 1.0) * 100.0;
        rows.push(Row {
            what: format!(
                "baseline `{rev}`: throughput, CPU per message (same run, same sandboxes)"
            ),
            figure: format!("{:.0} msg/s, {base_us:.1} us", base.rate()),
            target: "-".into(),
            met: None,
        });
        rows.push(Row {
            what: format!("CPU per message against baseline `{rev}`"),
            figure: format!("{change:+.1} %"),
            target: "<= +10 %".into(),
            met: Some(change <= 10.0),
        });
    }

    // The floor under those two: the HTTP stack wamm sends with, and nothing else.
    eprintln!("reference: the bare HTTP stack (examples/http_floor)...");
    let bare = median(
        (0..args.repeat.max(1))
            .map(|_| http_floor(&floor, &unlimited()?, args.messages, args.concurrency))
            .collect::<Result<Vec<_>>>()?,
    );
    let bare_rate = bare.summary["requests_per_second"].as_f64().unwrap_or(0.0);
    let bare_us = bare.cpu.as_secs_f64() * 1e6 / args.messages.max(1) as f64;
    rows.push(Row {
        what: format!(
            "reference: bare HTTP stack (wamm-client's reqwest client, one prebuilt body, {} connections, no journal or validation)",
            args.concurrency
        ),
        figure: format!("{bare_rate:.0} req/s, {bare_us:.1} us CPU per request"),
        target: "-".into(),
        met: None,
    });
    rows.extend(
        crate::bench_single::Overhead {
            wamm: (journalled.rate(), cpu_us),
            bare: (bare_rate, bare_us),
            baseline: baseline_us,
        }
        .rows(),
    );
    rows.extend(crate::bench_tls::rows(
        &wamm, &floor, &work, &list, &campaign, args,
    )?);

    // Journal cost: the same run recording nothing (`--no-journal`: no SQLite at all), against
    // the durable journal (every commit fsync'd before its batch is sent), pair by pair.
    pair_costs.sort_by(f64::total_cmp);
    let drop_pct = pair_costs[pair_costs.len() / 2];
    rows.push(Row {
        what: "throughput with no journal at all (`campaign run --no-journal`, bench only)".into(),
        figure: format!(
            "{:.0} msg/s, {:.1} us CPU per message",
            unjournalled.rate(),
            unjournalled.cpu.as_secs_f64() * 1e6 / unjournalled.sent().max(1) as f64
        ),
        target: "-".into(),
        met: None,
    });
    rows.push(Row {
        what: "journal cost (durable journal, fsync per commit, vs no journal; median of back-to-back pairs)".into(),
        figure: format!(
            "{drop_pct:.1} % lower throughput ({} pairs: {})",
            pair_costs.len(),
            pair_costs
                .iter()
                .map(|c| format!("{c:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        target: "<= 10 % lower".into(),
        met: Some(drop_pct <= 10.0),
    });

    // The PostgreSQL journal: one process, then workers sharing a campaign.
    rows.extend(crate::bench_postgres::rows(
        root, &wamm, args, &work, &campaign, &list,
    )?);

    // Memory: peak RSS on a small and a large list.
    let mut rss = Vec::new();
    for size in [args.memory_small, args.memory_large] {
        eprintln!("memory: {size} recipients, unpaced...");
        let list = work.join(format!("memory-{size}.csv"));
        recipients(&list, size)?;
        let figures = campaign_run(
            &wamm,
            &unlimited()?,
            &campaign,
            &list,
            Some(&work.join(format!("m{size}.journal"))),
        )?;
        let _ = fs::remove_file(&list);
        rss.push((size, figures.max_rss_kib));
    }
    for (size, kib) in &rss {
        rows.push(Row {
            what: format!("peak RSS, {size} recipients"),
            figure: format!("{:.1} MiB", *kib as f64 / 1024.0),
            target: "<= 64 MiB".into(),
            met: Some(*kib <= 64 * 1024),
        });
    }
    // The HTML report of the large run's journal.
    rows.extend(crate::bench_report::rows(
        &wamm,
        &work,
        &crate::bench_report::journal_for(&work, args.memory_large),
        args.memory_large,
    )?);
    if let [(_, small), (_, large)] = rss.as_slice() {
        let growth = *large as f64 / (*small).max(1) as f64;
        rows.push(Row {
            what: "memory growth, large list / small list".into(),
            figure: format!("{growth:.2}x"),
            target: "flat (<= 1.25x)".into(),
            met: Some(growth <= 1.25),
        });
    }

    // Pacing accuracy against a sandbox enforcing the same limit.
    for mps in [80usize, 1000] {
        eprintln!("pacing: {mps}/s for {} s...", args.pacing_seconds);
        let limited = SandboxProcess::start(&wamm, &["--mps", &mps.to_string()])?;
        let list = work.join(format!("pacing-{mps}.csv"));
        recipients(&list, mps * args.pacing_seconds)?;
        let paced_campaign = work.join(format!("paced-{mps}.toml"));
        fs::write(
            &paced_campaign,
            CAMPAIGN.replace(
                "messages_per_second = 0",
                &format!("messages_per_second = {mps}"),
            ),
        )?;
        let figures = campaign_run(
            &wamm,
            &limited,
            &paced_campaign,
            &list,
            Some(&work.join(format!("p{mps}.journal"))),
        )?;
        let stats = limited.get("/__sandbox/stats")?;
        let throttled = stats["errors_by_code"]["130429"].as_u64().unwrap_or(0);
        let first_last = sent_span(&limited)?;
        let achieved = first_last.unwrap_or(figures.rate());
        let off = (achieved / mps as f64 - 1.0) * 100.0;
        rows.push(Row {
            what: format!("pacing at {mps}/s (sandbox limit {mps}/s): achieved rate, 130429 count"),
            figure: format!("{achieved:.1}/s ({off:+.2} %), {throttled} throttled"),
            target: "within 1 %, 0 throttled".into(),
            met: Some(off.abs() <= 1.0 && throttled == 0),
        });
    }

    // The webhook receiver: SQLite and PostgreSQL stores (bench_receiver.rs).
    rows.extend(crate::bench_receiver::rows(root, &wamm, args, &work)?);

    let out = args
        .output
        .clone()
        .unwrap_or_else(|| root.join("BENCHMARKS.md"));
    let mut report = render(&rows, args)?;
    // Hand-written notes below the marker survive a rerun.
    if let Some(notes) = fs::read_to_string(&out)
        .ok()
        .and_then(|old| old.find(NOTES_MARKER).map(|at| old[at..].to_string()))
    {
        report.push_str(&notes);
    }
    fs::write(&out, &report).with_context(|| format!("cannot write {}", out.display()))?;
    println!("{report}");
    eprintln!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// The run with the median rate.
pub(crate) fn median(mut runs: Vec<RunFigures>) -> RunFigures {
    let rate = |r: &RunFigures| {
        r.summary["messages_per_second"]
            .as_f64()
            .or_else(|| r.summary["requests_per_second"].as_f64())
            .unwrap_or(0.0)
    };
    runs.sort_by(|a, b| rate(a).total_cmp(&rate(b)));
    runs.swap_remove(runs.len() / 2)
}

/// Builds `wamm` at git revision `rev` in release mode, from an export of that revision under
/// `target/bench-baseline/` with its own target directory, and returns its path.
pub(crate) fn build_baseline(root: &Path, rev: &str) -> Result<std::path::PathBuf> {
    eprintln!("building wamm at {rev} (release) for the baseline...");
    let dir = root.join("target").join("bench-baseline");
    let source = dir.join("src");
    let _ = fs::remove_dir_all(&source);
    fs::create_dir_all(&source)?;
    let archive = Command::new("git")
        .args(["archive", "--format=tar", rev])
        .current_dir(root)
        .output()
        .context("cannot run git")?;
    if !archive.status.success() {
        bail!(
            "git archive {rev} failed: {}",
            String::from_utf8_lossy(&archive.stderr).trim()
        );
    }
    let mut tar = Command::new("tar")
        .args(["-x", "-C"])
        .arg(&source)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .context("cannot run tar")?;
    std::io::Write::write_all(tar.stdin.as_mut().context("tar's stdin")?, &archive.stdout)?;
    drop(tar.stdin.take());
    if !tar.wait()?.success() {
        bail!("tar could not unpack {rev}");
    }
    let target = dir.join("target");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", "wamm"])
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(&source)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release -p wamm at {rev} failed");
    }
    Ok(target.join("release").join("wamm"))
}

/// Builds a crate's example in release mode (`wamm-client`'s `http_floor`, the bare-HTTP-stack
/// reference; `marketing`'s `webhook_load`, the receiver's load) and returns its path.
pub(crate) fn build_example(
    root: &Path,
    package: &str,
    example: &str,
) -> Result<std::path::PathBuf> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            package,
            "--example",
            example,
        ])
        .current_dir(root)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release -p {package} --example {example} failed");
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    Ok(target.join("release").join("examples").join(example))
}

pub(crate) fn http_floor(
    floor: &Path,
    sandbox: &SandboxProcess,
    requests: usize,
    concurrency: usize,
) -> Result<RunFigures> {
    let mut command = Command::new(floor);
    command
        .arg(format!(
            "{}/v23.0/{PHONE_NUMBER_ID}/marketing_messages",
            sandbox.base_url
        ))
        .arg(requests.to_string())
        .arg(concurrency.to_string());
    let figures = measured(command)?;
    if figures.summary["failures"] != 0 {
        bail!("the bare HTTP stack saw failures: {}", figures.summary);
    }
    Ok(figures)
}

/// One campaign run; `journal: None` records nothing (`--no-journal`).
pub(crate) fn campaign_run(
    wamm: &Path,
    sandbox: &SandboxProcess,
    campaign: &Path,
    list: &Path,
    journal: Option<&Path>,
) -> Result<RunFigures> {
    campaign_run_with(wamm, sandbox, campaign, list, journal, &[])
}

/// [`campaign_run`] with more arguments for the client (a CA, an HTTP version).
pub(crate) fn campaign_run_with(
    wamm: &Path,
    sandbox: &SandboxProcess,
    campaign: &Path,
    list: &Path,
    journal: Option<&Path>,
    client_args: &[String],
) -> Result<RunFigures> {
    let unrecorded = campaign.with_file_name("unrecorded.journal");
    let path = journal.unwrap_or(&unrecorded);
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
    let mut args: Vec<String> = vec![
        "run".into(),
        "--campaign".into(),
        campaign.display().to_string(),
        "--recipients".into(),
        list.display().to_string(),
        "--journal".into(),
        path.display().to_string(),
    ];
    if journal.is_none() {
        args.push("--no-journal".into());
    }
    args.extend_from_slice(client_args);
    let figures = measured_campaign(wamm, sandbox, &args)?;
    if figures.summary["complete"] != true {
        bail!("the campaign did not complete: {}", figures.summary);
    }
    Ok(figures)
}

/// The sandbox's own view of the achieved rate: messages between the first and the last
/// creation time.
pub(crate) fn sent_span(sandbox: &SandboxProcess) -> Result<Option<f64>> {
    let messages = sandbox.get("/__sandbox/messages")?;
    let times: Vec<u64> = messages
        .as_array()
        .map(|a| a.iter().filter_map(|m| m["time_ms"].as_u64()).collect())
        .unwrap_or_default();
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return Ok(None);
    };
    if last <= first {
        return Ok(None);
    }
    // n messages span n - 1 intervals.
    Ok(Some(
        (times.len() - 1) as f64 * 1000.0 / (last - first) as f64,
    ))
}

fn wrk(sandbox: &SandboxProcess, connections: usize) -> Result<f64> {
    let script = std::env::temp_dir().join("wamm-wrk.lua");
    fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.body = [[{BODY}]]\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"Bearer {}\"\n",
            crate::harness::TOKEN
        ),
    )?;
    let url = format!(
        "{}/v23.0/{}/marketing_messages",
        sandbox.base_url,
        crate::harness::PHONE_NUMBER_ID
    );
    eprintln!("load generator: wrk -t2 -c{connections} -d10s...");
    let output = Command::new("wrk")
        .args(["-t2", &format!("-c{connections}"), "-d10s", "-s"])
        .arg(&script)
        .arg(&url)
        .output()
        .context("cannot run wrk")?;
    let text = String::from_utf8_lossy(&output.stdout);
    let rate = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .with_context(|| format!("no Requests/sec in wrk output: {text}"))?;
    if text.contains("Non-2xx") {
        eprintln!("note: wrk saw non-2xx answers:\n{text}");
    }
    Ok(rate)
}

fn render(rows: &[Row], args: &BenchArgs) -> Result<String> {
    let mut out = String::new();
    writeln!(out, "# Benchmarks\n")?;
    writeln!(
        out,
        "Measured by `cargo xtask bench` on {}, {}.",
        machine(),
        now_utc()
    )?;
    writeln!(
        out,
        "Release builds; `wamm sandbox` (a fresh one per measurement), `wamm campaign`, `wrk` and the bare-HTTP reference are separate processes on loopback, sharing the same cores.\n"
    )?;
    writeln!(
        out,
        "Reproduce: `cargo xtask bench --messages {} --memory-small {} --memory-large {} --pacing-seconds {} --concurrency {} --repeat {} --webhook-events {}{}` (throughput figures are the median of the repeats)\n",
        args.messages,
        args.memory_small,
        args.memory_large,
        args.pacing_seconds,
        args.concurrency,
        args.repeat,
        args.webhook_events,
        args.baseline
            .as_ref()
            .map(|rev| format!(" --baseline {rev}"))
            .unwrap_or_default()
    )?;
    writeln!(out, "| measurement | figure | target | met |")?;
    writeln!(out, "|---|---|---|---|")?;
    for row in rows {
        writeln!(out, "{}", row.line())?;
    }
    writeln!(out)?;
    Ok(out)
}
