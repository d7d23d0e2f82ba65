//! Send windows in each recipient's local time, end to end: the real `wamm` binary against a
//! real sandbox. The window clock is moved with `WAMM_CLOCK_OFFSET` so that one zone's window
//! opens a few seconds after the run starts, while another's is open already.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use wamm_e2e::{CampaignFiles, campaign_report, code, sandbox, state_count, text};
use wamm_sandbox::Sandbox;

const WINDOW: &str = "send_window = { days = \"daily\", hours = \"09:00-20:00\" }\n";

/// Seconds to add to the clock so that it reads `hh:mm:ss` UTC (today) after `lead` seconds
/// from now: the real instant it will read that is returned too.
fn offset_reading(hh: u64, mm: u64, ss: u64, lead: f64) -> (f64, Instant) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let midnight = (now as u64 / 86_400 * 86_400) as f64;
    let target = midnight + (hh * 3600 + mm * 60 + ss) as f64;
    // The clock reads target - lead now.
    let offset = target - lead - now;
    (offset, Instant::now() + Duration::from_secs_f64(lead))
}

/// A list with `per_zone` rows in Tokyo (UTC+9, open at 09:00 UTC) and as many in UTC.
fn files(campaign: &str, per_zone: usize) -> CampaignFiles {
    let files = CampaignFiles::new(campaign, 0);
    let mut csv = String::from("phone,first_name,timezone\n");
    for i in 0..per_zone {
        csv.push_str(&format!("4477009{i:05},Tokyo{i},Asia/Tokyo\n"));
        csv.push_str(&format!("4477008{i:05},Utc{i},Etc/UTC\n"));
    }
    std::fs::write(files.path("recipients.csv"), csv).unwrap();
    files
}

fn per_user(sandbox: &Sandbox) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for m in sandbox.messages() {
        *seen.entry(m.user).or_default() += 1;
    }
    seen
}

fn utc_sent(seen: &HashMap<String, usize>) -> usize {
    seen.keys().filter(|u| u.starts_with("4477008")).count()
}

fn tokyo_sent(seen: &HashMap<String, usize>) -> usize {
    seen.keys().filter(|u| u.starts_with("4477009")).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_zone_waits_while_the_open_one_is_sent_then_is_sent_when_its_window_opens() {
    let sandbox = sandbox().await;
    let campaign = wamm_e2e::campaign_toml("windows", 0, 4, WINDOW);
    let files = files(&campaign, 20);
    // At the start it is 08:59:54 in UTC (closed) and 17:59:54 in Tokyo (open).
    let (offset, opens) = offset_reading(9, 0, 0, 6.0);
    let mut command = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    command.env("WAMM_CLOCK_OFFSET", format!("{offset:.3}"));
    let child = tokio::spawn(wamm_e2e::finished(command));

    // Before the UTC window opens, no UTC row is sent. (That Tokyo's go meanwhile, however
    // slow the machine, is shown by the kill test below, whose UTC window is an hour away.)
    let margin = opens - Duration::from_millis(500);
    while Instant::now() < margin {
        let seen = per_user(&sandbox);
        assert_eq!(utc_sent(&seen), 0, "a UTC row was sent before 09:00 UTC");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let out = child.await.unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("time zones: 40 from the timezone column"),
        "{stderr}"
    );
    let seen = per_user(&sandbox);
    assert_eq!((tokyo_sent(&seen), utc_sent(&seen)), (20, 20));
    assert!(seen.values().all(|n| *n == 1), "sent twice: {seen:?}");
    assert_eq!(
        state_count(&campaign_report(&files.path("journal")), "sent"),
        40
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_rows_wait_then_resume_loses_and_duplicates_nothing() {
    let sandbox = sandbox().await;
    let campaign = wamm_e2e::campaign_toml("windows-kill", 0, 4, WINDOW);
    let files = files(&campaign, 30);
    // UTC's window opens an hour after the start: the run holds those rows.
    let (offset, _) = offset_reading(8, 0, 0, 0.0);
    let mut command = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    command.env("WAMM_CLOCK_OFFSET", format!("{offset:.3}"));
    command.stdout(std::process::Stdio::null());
    command.stderr(std::process::Stdio::null());
    let mut child = command.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while tokyo_sent(&per_user(&sandbox)) < 30 {
        assert!(Instant::now() < deadline, "Tokyo's rows were not sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended with rows waiting"
    );
    // Kill only once the journal holds every UTC row as waiting: the sandbox seeing Tokyo's
    // sends does not mean the run has read the last UTC row yet.
    while Instant::now() < deadline {
        let out = wamm_e2e::wamm()
            .args(["campaign", "report", "--json", "--journal"])
            .arg(files.path("journal"))
            .env("WAMM_CLOCK_OFFSET", format!("{offset:.3}"))
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        if report["waiting"]["rows"] == 30 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // kill -9: nothing is written on the way out.
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(utc_sent(&per_user(&sandbox)), 0);
    // The report names the waiting rows and when their window opens (on the same clock).
    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--json", "--journal"])
        .arg(files.path("journal"))
        .env("WAMM_CLOCK_OFFSET", format!("{offset:.3}"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["waiting"]["rows"], 30, "{report}");
    assert!(
        report["waiting"]["next_opening"]
            .as_str()
            .is_some_and(|t| t.ends_with("T09:00:00Z")),
        "{report}"
    );

    // Resume when both windows are open (10:00 UTC, 19:00 in Tokyo).
    let (offset, _) = offset_reading(10, 0, 0, 0.0);
    let mut resume = files.command(&sandbox.base_url(), sandbox.phone_number_id(), &["resume"]);
    resume.env("WAMM_CLOCK_OFFSET", format!("{offset:.3}"));
    let out = wamm_e2e::finished(resume).await;
    let (stdout, stderr) = text(&out);
    // 5: rows in flight at the kill are recorded unknown (the exit code says so).
    assert!([0, 5].contains(&code(&out)), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("time zones: 60 from the timezone column"),
        "{stderr}"
    );
    let seen = per_user(&sandbox);
    assert_eq!(seen.len(), 60, "everyone got a message");
    assert!(seen.values().all(|n| *n == 1), "sent twice: {seen:?}");
    let report = campaign_report(&files.path("journal"));
    // A row in flight at the kill is `unknown`, never resent; none is lost.
    assert_eq!(
        state_count(&report, "sent") + state_count(&report, "unknown"),
        60,
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_windows_and_zones_name_the_field_and_create_nothing() {
    for (table, field) in [
        (
            "send_window = { hours = \"25:00-09:00\" }\n",
            "send_window.hours",
        ),
        (
            "send_window = { days = \"funday\", hours = \"09:00-17:00\" }\n",
            "send_window.days",
        ),
        ("default_timezone = \"Mars/Olympus\"\n", "default_timezone"),
    ] {
        let campaign = wamm_e2e::campaign_toml("bad", 0, 4, table);
        let files = CampaignFiles::new(&campaign, 3);
        let out = wamm_e2e::finished(files.run_command("http://127.0.0.1:9", "1")).await;
        let (_, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{stderr}");
        assert!(stderr.contains(field), "{field}: {stderr}");
        assert!(!files.path("journal").exists(), "a journal was created");
    }
}

/// `wamm campaign <args> --journal URL --json` against the sandbox, with the window clock
/// moved by `offset` seconds.
fn pg_command(sandbox: &Sandbox, url: &str, offset: f64, args: &[&str]) -> std::process::Command {
    let mut command = wamm_e2e::campaign_command(sandbox, url, args);
    command
        .env("WAMM_CLOCK_OFFSET", format!("{offset:.3}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command
}

/// Three processes share a campaign in PostgreSQL (the `run` that loads the list and two
/// `worker`s): none claims a UTC row before its window opens, while Tokyo's rows are sent;
/// then every row is sent exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_postgres_workers_claim_no_row_outside_its_window() {
    let Some(url) = wamm_testkit::postgres::database("three workers and send windows") else {
        return;
    };
    let sandbox = sandbox().await;
    let campaign = wamm_e2e::campaign_toml("windows-pg", 200, 4, WINDOW);
    let files = files(&campaign, 100);
    let (offset, opens) = offset_reading(9, 0, 0, 8.0);
    let (campaign_file, list) = (files.arg("campaign.toml"), files.arg("recipients.csv"));
    let loader = pg_command(
        &sandbox,
        &url,
        offset,
        &["run", "--campaign", &campaign_file, "--recipients", &list],
    )
    .spawn()
    .unwrap();
    let named = format!("{url}#windows-pg");
    let exists = || {
        wamm_e2e::wamm()
            .args(["campaign", "report", "--json", "--journal", &named])
            .output()
            .unwrap()
            .status
            .success()
    };
    while !exists() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let workers: Vec<_> = (0..2)
        .map(|_| {
            pg_command(&sandbox, &named, offset, &["worker"])
                .spawn()
                .unwrap()
        })
        .collect();
    let margin = opens - Duration::from_millis(500);
    while Instant::now() < margin {
        assert_eq!(
            utc_sent(&per_user(&sandbox)),
            0,
            "a UTC row was claimed before 09:00 UTC"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut sent_by = Vec::new();
    for child in std::iter::once(loader).chain(workers) {
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
        let summary: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        sent_by.push(summary["sent"].as_u64().unwrap());
    }
    let seen = per_user(&sandbox);
    assert_eq!((tokyo_sent(&seen), utc_sent(&seen)), (100, 100));
    assert!(seen.values().all(|n| *n == 1), "sent twice: {seen:?}");
    assert_eq!(sent_by.iter().sum::<u64>(), 200, "{sent_by:?}");
}
