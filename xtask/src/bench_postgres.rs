//! `cargo xtask bench`, PostgreSQL part: the PostgreSQL journal in one process, then 1, 2 and
//! 4 worker processes sharing one campaign, and pacing shared by three workers. The server is
//! a throwaway one on this machine (`scripts/postgres-test-server`), a new database per run.

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::bench::{BenchArgs, Row};
use crate::harness::{CAMPAIGN, PHONE_NUMBER_ID, SandboxProcess, TOKEN, recipients};
use crate::postgres::{Server, wait_for_campaign};
use std::collections::HashMap;

/// The phone numbers the worker runs send from: a sender pool of four.
const POOL: [&str; 4] = [
    "106540352242931",
    "106540352242932",
    "106540352242933",
    "106540352242934",
];

/// `campaign` (the bench's campaign file) sending from `numbers`, each at `mps` (0: unpaced).
fn pool_campaign(numbers: &[&str], mps: usize) -> String {
    let mut text = CAMPAIGN.replace(
        "messages_per_second = 0",
        &format!("messages_per_second = {mps}"),
    );
    let senders: String = numbers
        .iter()
        .map(|id| format!("[[senders]]\nphone_number_id = \"{id}\"\n\n"))
        .collect();
    // Tables after the top-level keys, before `[retry]`.
    text = text.replacen("[retry]", &format!("{senders}[retry]"), 1);
    text
}

/// A sandbox serving `numbers`, at most `mps` messages a second each.
fn pool_sandbox(wamm: &Path, numbers: &[&str], mps: usize) -> Result<SandboxProcess> {
    let mut args = vec!["--mps".to_string(), mps.to_string()];
    for id in numbers {
        args.push("--phone-number-id".into());
        args.push(id.to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    SandboxProcess::start(wamm, &args)
}

/// Every PostgreSQL row of the table, or none (with a note) when PostgreSQL is not installed.
pub fn rows(
    root: &Path,
    wamm: &Path,
    args: &BenchArgs,
    work: &Path,
    campaign: &Path,
    list: &Path,
) -> Result<Vec<Row>> {
    let Some(mut server) = Server::start(root)? else {
        eprintln!("PostgreSQL is not installed: no PostgreSQL figures");
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();

    // One process, beside the same run with the SQLite journal (issue 31's targets).
    rows.extend(crate::bench_pg_cost::rows(
        wamm,
        args,
        &mut server,
        work,
        campaign,
        list,
    )?);

    // Workers: `campaign run` loads the list and sends; n - 1 `campaign worker`s join it. The
    // campaign sends from a pool of four numbers.
    let pooled = work.join("pool.toml");
    fs::write(&pooled, pool_campaign(&POOL, 0))?;
    for workers in [1usize, 2, 4] {
        eprintln!(
            "workers: {} messages, {workers} processes, {} numbers, unpaced...",
            args.messages,
            POOL.len()
        );
        let sandbox = pool_sandbox(wamm, &POOL, 100_000_000)?;
        let url = server.database()?;
        let before = server.cpu()?;
        let run = workers_run(wamm, &sandbox, &pooled, list, &url, workers)?;
        std::thread::sleep(Duration::from_millis(300));
        let server_cpu = server.cpu()?.saturating_sub(before);
        let created = sandbox.get("/__sandbox/stats")?["created"]
            .as_u64()
            .unwrap_or(0);
        if created != args.messages as u64 {
            bail!(
                "{workers} workers: the sandbox created {created} messages of {}",
                args.messages
            );
        }
        let sent = created.max(1) as f64;
        rows.push(Row {
            what: format!(
                "{workers} worker process{} on one campaign (PostgreSQL, {} phone numbers, unpaced): aggregate throughput; CPU per message of the workers and of the server",
                if workers == 1 { "" } else { "es" },
                POOL.len()
            ),
            figure: format!(
                "{:.0} msg/s; {:.1} us + {:.1} us",
                sent / run.wall.as_secs_f64(),
                run.cpu.as_secs_f64() * 1e6 / sent,
                server_cpu.as_secs_f64() * 1e6 / sent
            ),
            target: "-".into(),
            met: None,
        });
    }

    // Pacing shared by three workers, for each of two numbers, against a sandbox enforcing
    // the same limit per number.
    let mps = 500usize;
    let numbers = &POOL[..2];
    eprintln!(
        "pacing: 3 workers, {} numbers at {mps}/s each, for {} s...",
        numbers.len(),
        args.pacing_seconds
    );
    let limited = pool_sandbox(wamm, numbers, mps)?;
    let paced_list = work.join("pacing-workers.csv");
    recipients(&paced_list, mps * numbers.len() * args.pacing_seconds)?;
    let paced = work.join("paced-workers.toml");
    fs::write(&paced, pool_campaign(numbers, mps))?;
    let url = server.database()?;
    workers_run(wamm, &limited, &paced, &paced_list, &url, 3)?;
    let stats = limited.get("/__sandbox/stats")?;
    let throttled = stats["errors_by_code"]["130429"].as_u64().unwrap_or(0);
    let rates = sent_span_by_number(&limited)?;
    let offs: Vec<f64> = numbers
        .iter()
        .map(|id| (rates.get(*id).copied().unwrap_or(0.0) / mps as f64 - 1.0) * 100.0)
        .collect();
    let shown: Vec<String> = numbers
        .iter()
        .zip(&offs)
        .map(|(id, off)| {
            format!(
                "{:.1}/s ({off:+.2} %)",
                rates.get(*id).copied().unwrap_or(0.0)
            )
        })
        .collect();
    rows.push(Row {
        what: format!(
            "pacing shared by 3 workers (PostgreSQL), {} phone numbers at {mps}/s each (sandbox limit {mps}/s per number): achieved rate of each number, 130429 count",
            numbers.len()
        ),
        figure: format!("{}; {throttled} throttled", shown.join(", ")),
        target: "each within 1 %, 0 throttled".into(),
        met: Some(offs.iter().all(|off| off.abs() <= 1.0) && throttled == 0),
    });
    Ok(rows)
}

/// Each phone number's achieved rate by the sandbox's clock: its messages between its first
/// and its last creation time.
fn sent_span_by_number(sandbox: &SandboxProcess) -> Result<HashMap<String, f64>> {
    let messages = sandbox.get("/__sandbox/messages")?;
    let mut times: HashMap<String, Vec<u64>> = HashMap::new();
    for m in messages.as_array().into_iter().flatten() {
        if let (Some(id), Some(t)) = (m["phone_number_id"].as_str(), m["time_ms"].as_u64()) {
            times.entry(id.to_string()).or_default().push(t);
        }
    }
    Ok(times
        .into_iter()
        .filter_map(|(id, t)| {
            let (first, last) = (*t.iter().min()?, *t.iter().max()?);
            (last > first).then(|| (id, (t.len() - 1) as f64 * 1000.0 / (last - first) as f64))
        })
        .collect())
}

/// What a run of several processes took.
struct WorkersRun {
    /// From the first start to the last exit.
    wall: Duration,
    /// User + system time of every process.
    cpu: Duration,
}

/// `campaign run` on `list` with the journal at `url`, joined by `workers - 1` `campaign
/// worker`s once the campaign exists; waits for all of them.
fn workers_run(
    wamm: &Path,
    sandbox: &SandboxProcess,
    campaign: &Path,
    list: &Path,
    url: &str,
    workers: usize,
) -> Result<WorkersRun> {
    let time_dir = std::env::temp_dir().join(format!("wamm-bench-workers-{}", std::process::id()));
    fs::create_dir_all(&time_dir)?;
    let spawn = |index: usize, args: &[&str]| -> Result<Child> {
        Command::new("/usr/bin/time")
            .args(["-f", "%U %S", "-o"])
            .arg(time_dir.join(index.to_string()))
            .arg(wamm)
            .arg("campaign")
            .args(args)
            .args(["--journal", url, "--json"])
            .env("WAMM_BASE_URL", &sandbox.base_url)
            .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN)
            .stdout(Stdio::null())
            .stderr(fs::File::create(time_dir.join(format!("{index}.err")))?)
            .spawn()
            .context("cannot start wamm campaign")
    };
    let started = Instant::now();
    let campaign = campaign.display().to_string();
    let list = list.display().to_string();
    let mut children = vec![spawn(
        0,
        &["run", "--campaign", &campaign, "--recipients", &list],
    )?];
    if workers > 1 {
        wait_for_campaign(wamm, url)?;
        for index in 1..workers {
            children.push(spawn(index, &["worker"])?);
        }
    }
    for (index, child) in children.iter_mut().enumerate() {
        let status = child.wait()?;
        if !status.success() {
            let stderr =
                fs::read_to_string(time_dir.join(format!("{index}.err"))).unwrap_or_default();
            let last: Vec<&str> = stderr.lines().rev().take(5).collect();
            bail!(
                "process {index} of {workers} exited with {status}: {}",
                last.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
    }
    let wall = started.elapsed();
    let mut cpu = 0.0;
    for index in 0..workers {
        let times = fs::read_to_string(time_dir.join(index.to_string()))?;
        cpu += times
            .split_whitespace()
            .take(2)
            .filter_map(|f| f.parse::<f64>().ok())
            .sum::<f64>();
    }
    Ok(WorkersRun {
        wall,
        cpu: Duration::from_secs_f64(cpu),
    })
}
