//! A campaign's calendar: `start_at` (nothing is sent before it, the campaign is recorded at
//! once, Ctrl-C while waiting is safe and `resume` keeps waiting; PostgreSQL workers wait
//! too) and `end_by` (the rows not sent by then stay pending, exit 1, and a resume with a
//! later `--end-by` sends each of them once). The real binary against a real sandbox.

use std::collections::HashMap;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use wamm_e2e::{CampaignFiles, TOKEN, campaign_report, code, sandbox, state_count, text, wamm};
use wamm_sandbox::Sandbox;

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("calendar", 0, 4);

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// An RFC 3339 time `ms` from now, to the second (rounded down), and that time in ms.
fn in_ms(ms: i64) -> (String, i64) {
    let at = (now_ms() + ms).div_euclid(1000) * 1000;
    (marketing::campaign::format_ms(at), at)
}

fn run_command(sandbox: &Sandbox, files: &CampaignFiles, extra: &[&str]) -> Command {
    let mut command = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    command.args(extra);
    command
}

fn resume_command(sandbox: &Sandbox, files: &CampaignFiles, extra: &[&str]) -> Command {
    let mut command = files.command(&sandbox.base_url(), sandbox.phone_number_id(), &["resume"]);
    command.args(extra);
    command
}

fn spawn(mut command: Command) -> std::process::Child {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    command.spawn().unwrap()
}

async fn wait(child: std::process::Child) -> Output {
    tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap()
}

/// Waits for the journal of a run, failing if the run ends before making it.
async fn recorded(files: &CampaignFiles, child: &mut std::process::Child) {
    while !files.path("journal").exists() {
        if let Ok(Some(status)) = child.try_wait() {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            panic!("the run ended ({status}) without a journal: {stderr}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Every recipient got exactly one message, none before `start_ms`.
fn assert_each_once_after(sandbox: &Sandbox, rows: usize, start_ms: i64) {
    let messages = sandbox.messages();
    let mut per_user: HashMap<String, usize> = HashMap::new();
    for m in &messages {
        *per_user.entry(m.user.clone()).or_default() += 1;
        assert!(
            m.time_ms as i64 >= start_ms,
            "a message was created {} ms before start_at",
            start_ms - m.time_ms as i64
        );
    }
    assert_eq!(per_user.len(), rows, "everyone got a message");
    assert!(
        per_user.values().all(|n| *n == 1),
        "sent twice: {per_user:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_with_start_at_ahead_records_at_once_and_sends_nothing_before_it() {
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(CAMPAIGN, 20);
    let (start, start_ms) = in_ms(4000);
    let mut child = spawn(run_command(&sandbox, &files, &["--start-at", &start]));
    // The campaign is recorded (the journal exists, its list counted) while nothing is sent.
    recorded(&files, &mut child).await;
    // On a loaded machine the run may reach its start before it had anything to announce.
    let early = now_ms() < start_ms - 500;
    while now_ms() < start_ms - 300 {
        assert!(sandbox.messages().is_empty(), "sent before start_at");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let out = wait(child).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(
        !early || stderr.contains(&format!("sending starts at {start}")),
        "{stderr}"
    );
    assert_each_once_after(&sandbox, 20, start_ms);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_while_waiting_leaves_a_campaign_whose_resume_keeps_waiting() {
    let sandbox = sandbox().await;
    let (start, start_ms) = in_ms(5000);
    // The start in the file this time, not a flag.
    let files = CampaignFiles::new(
        &CAMPAIGN.replace(
            "concurrency = 4\n",
            &format!("concurrency = 4\nstart_at = \"{start}\"\n"),
        ),
        10,
    );
    let mut child = spawn(run_command(&sandbox, &files, &[]));
    recorded(&files, &mut child).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = wait(child).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "interrupted: {stdout}\n{stderr}");
    assert!(sandbox.messages().is_empty(), "sent before start_at");
    let report = campaign_report(&files.path("journal"));
    assert_eq!(report["total"], 10, "{report}");
    assert_eq!(state_count(&report, "pending"), 10, "{report}");
    // Resumed before the start: it waits for it, then sends each row once.
    assert!(
        now_ms() < start_ms - 1000,
        "the test was too slow to resume early"
    );
    let out = wamm_e2e::finished(resume_command(&sandbox, &files, &[])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("sending starts at"), "{stderr}");
    assert_each_once_after(&sandbox, 10, start_ms);
}

/// `kill -9` while waiting for the start loses nothing and sends nothing: no row was
/// reserved, so the resume finds every row pending and sends each once, after the start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_waiting_then_resume_sends_each_row_once_after_the_start() {
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(CAMPAIGN, 10);
    let (start, start_ms) = in_ms(5000);
    let mut child = spawn(run_command(&sandbox, &files, &["--start-at", &start]));
    recorded(&files, &mut child).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    let report = campaign_report(&files.path("journal"));
    assert_eq!(state_count(&report, "pending"), 10, "{report}");
    assert_eq!(state_count(&report, "unknown"), 0, "{report}");
    let out = wamm_e2e::finished(resume_command(&sandbox, &files, &[])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert_each_once_after(&sandbox, 10, start_ms);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_not_sent_by_end_by_stay_pending_until_a_resume_with_a_later_one() {
    let sandbox = sandbox().await;
    let rows = 60;
    let files = CampaignFiles::new(
        &CAMPAIGN.replace("messages_per_second = 0", "messages_per_second = 10"),
        rows,
    );
    let (end, _) = in_ms(3000);
    let out = wamm_e2e::finished(run_command(&sandbox, &files, &["--end-by", &end])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("end_by"), "{stderr}");
    assert!(stderr.contains("--end-by"), "says how to go on: {stderr}");
    let report = campaign_report(&files.path("journal"));
    let sent = state_count(&report, "sent");
    assert!(sent > 0 && sent < rows as u64, "{report}");
    assert_eq!(
        sent + state_count(&report, "pending"),
        rows as u64,
        "{report}"
    );
    assert_eq!(sandbox.messages().len() as u64, sent);

    // Without a later end, a resume sends nothing and says why.
    let out = wamm_e2e::finished(resume_command(&sandbox, &files, &[])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("end_by"), "{stderr}");
    assert_eq!(sandbox.messages().len() as u64, sent, "sent after end_by");

    // A past --end-by is refused by name; a later one sends the rest, each once.
    let out = wamm_e2e::finished(resume_command(
        &sandbox,
        &files,
        &["--end-by", "2020-01-01T00:00:00Z"],
    ))
    .await;
    assert_eq!(code(&out), 2, "{}", text(&out).1);
    assert!(text(&out).1.contains("--end-by: "), "{}", text(&out).1);
    let (later, _) = in_ms(120_000);
    let out = wamm_e2e::finished(resume_command(
        &sandbox,
        &files,
        &["--end-by", &later, "--mps", "0"],
    ))
    .await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert_each_once_after(&sandbox, rows, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_schedule_is_refused_by_field_and_nothing_is_created() {
    let sandbox = sandbox().await;
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "start_at = \"2020-01-01T00:00:00Z\"\n",
            &[],
            "campaign.toml: start_at: ",
        ),
        ("start_at = \"25:00\"\n", &[], "campaign.toml: start_at: "),
        ("start_at = \"2026-12-08 09:00\"\n", &[], "RFC 3339"),
        (
            "start_at = \"2099-01-02T00:00:00Z\"\nend_by = \"2099-01-01T00:00:00Z\"\n",
            &[],
            "end_by: ",
        ),
        (
            "",
            &["--start-at", "2020-01-01T00:00:00+01:00"],
            "--start-at: ",
        ),
        ("", &["--start-at", "tomorrow"], "--start-at: "),
        ("", &["--end-by", "2020-01-01T00:00:00Z"], "--end-by: "),
    ];
    for (lines, flags, expected) in cases {
        let files = CampaignFiles::new(
            &CAMPAIGN.replace("concurrency = 4\n", &format!("concurrency = 4\n{lines}")),
            3,
        );
        let out = wamm_e2e::finished(run_command(&sandbox, &files, flags)).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{lines} {flags:?}: {stdout}\n{stderr}");
        assert!(stderr.contains(expected), "{lines} {flags:?}: {stderr}");
        assert!(
            !files.path("journal").exists(),
            "{lines} {flags:?}: journal created"
        );
    }
    assert!(sandbox.messages().is_empty());
}

/// A campaign kept in PostgreSQL with a start 3 s ahead: the run that loads it and a
/// worker that joins both wait for it, and every row is sent once after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_workers_wait_for_start_at() {
    let Some(url) = wamm_testkit::postgres::database("workers wait for start_at") else {
        return;
    };
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(
        &CAMPAIGN.replace("messages_per_second = 0", "messages_per_second = 50"),
        100,
    );
    let (start, start_ms) = in_ms(4000);
    let command = |args: &[&str]| {
        let mut command = wamm();
        command
            .arg("campaign")
            .args(args)
            .args(["--journal", &url, "--json"])
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        command
    };
    let (campaign, list) = (files.arg("campaign.toml"), files.arg("recipients.csv"));
    let loader = spawn(command(&[
        "run",
        "--campaign",
        &campaign,
        "--recipients",
        &list,
        "--start-at",
        &start,
    ]));
    let named = marketing::campaign::named_location(&url, "calendar");
    // The worker joins once the campaign exists, and takes the start from it.
    let worker = loop {
        let out = wamm()
            .args(["campaign", "report", "--json", "--journal", &named])
            .output()
            .unwrap();
        if out.status.success() {
            let mut worker = command(&["worker"]);
            let args: Vec<String> = worker
                .get_args()
                .map(|a| a.to_string_lossy().into())
                .collect();
            worker = wamm();
            worker
                .args(args.iter().map(|a| {
                    if *a == url {
                        named.as_str()
                    } else {
                        a.as_str()
                    }
                }))
                .env("WAMM_BASE_URL", sandbox.base_url())
                .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
                .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
            break spawn(worker);
        }
        assert!(
            now_ms() < start_ms,
            "the campaign was not recorded before its start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    while now_ms() < start_ms - 300 {
        assert!(sandbox.messages().is_empty(), "sent before start_at");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut sent = 0;
    for child in [loader, worker] {
        let out = wait(child).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
        let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
        sent += summary["sent"].as_u64().unwrap();
    }
    assert_eq!(sent, 100);
    assert_each_once_after(&sandbox, 100, start_ms);
}

#[test]
fn the_schema_describes_start_at_and_end_by() {
    let out = wamm().args(["campaign", "schema"]).output().unwrap();
    assert_eq!(code(&out), 0);
    let schema: Value = serde_json::from_str(&text(&out).0).unwrap();
    for field in ["start_at", "end_by"] {
        let description = schema["properties"][field]["description"]
            .as_str()
            .unwrap_or_else(|| panic!("{field} has no description"));
        assert!(description.contains("RFC 3339"), "{field}: {description}");
    }
}
