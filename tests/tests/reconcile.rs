//! `wamm campaign reconcile`, the real binary against a sandbox that plays Meta: the webhook
//! receiver dies mid-campaign and stays down while the sandbox keeps deciding statuses; then
//! reconcile asks the sandbox's message history and the event store must hold exactly the
//! sandbox's truth, every status once, and a second reconcile must change nothing.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use marketing::webhook::EventStore;
use serde_json::Value;
use wamm_sandbox::{SandboxConfig, WebhookConfig};

const SECRET: &str = "e2e-app-secret-rec0";

fn receiver(store: &Path, listen: &str) -> Child {
    let mut command = wamm_e2e::wamm();
    wamm_e2e::without_wamm_settings(&mut command);
    let mut child = command
        .args(["webhook", "serve", "--listen", listen, "--store"])
        .arg(store)
        .env("WHATSAPP_APP_SECRET", SECRET)
        .env("WHATSAPP_VERIFY_TOKEN", "e2e-verify")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on "), "{line}");
    child
}

/// `wamm campaign reconcile ... --json` against the sandbox; its exit code and summary.
async fn reconcile(
    files: &wamm_e2e::CampaignFiles,
    sandbox: &wamm_sandbox::Sandbox,
    extra: &[&str],
) -> (i32, Value) {
    let events = files.arg("events.db");
    let mut args = vec![
        "reconcile",
        "--events",
        &events,
        "--older-than",
        "0s",
        "--requests-per-second",
        "100",
        "--json",
    ];
    args.extend_from_slice(extra);
    let command = files.command(&sandbox.base_url(), sandbox.phone_number_id(), &args);
    let out = wamm_e2e::finished(command).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    let summary =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (wamm_e2e::code(&out), summary)
}

/// The status events the store holds, by (wamid, status): how many of each.
fn status_events(store: &Path) -> std::collections::HashMap<(String, String), u64> {
    let conn =
        rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut statement = conn
        .prepare("SELECT wamid, status, COUNT(*) FROM events WHERE kind = 'status' GROUP BY wamid, status")
        .unwrap();
    statement
        .query_map([], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get::<_, i64>(2)? as u64))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconcile_fills_exactly_the_statuses_a_stopped_receiver_missed() {
    const ROWS: usize = 300;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("missed", 150, 8, ""), ROWS);
    let store = files.path("events.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut receiver = receiver(&store, &listen);
    let sandbox = wamm_sandbox::Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        mps: 1_000_000,
        seed: 27,
        webhooks: Some(WebhookConfig {
            url: format!("http://{listen}/webhook"),
            app_secret: SECRET.to_string(),
            spec: "read=0.5,131049=0.05,131050=0.05,stop=0,duplicates=0.1,delay=200ms"
                .parse()
                .unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let run = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    let campaign = tokio::spawn(wamm_e2e::finished(run));

    // Once the receiver has taken some statuses, it dies and stays down: the sandbox's
    // retries go nowhere from then on.
    let start = std::time::Instant::now();
    while sandbox.webhook_stats().accepted_posts < 40 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no webhooks came"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    receiver.kill().unwrap();
    let _ = receiver.wait();
    let out = campaign.await.unwrap();
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let truth = sandbox.webhook_truth();
    assert_eq!(truth.len(), ROWS);
    // Every status the sandbox decided is due (its webhook posted, and refused) by now.
    tokio::time::sleep(Duration::from_secs(3)).await;

    let before = EventStore::open_read_only(&store).unwrap();
    let missed = truth
        .iter()
        .filter(|t| {
            before
                .delivery(&t.wamid)
                .unwrap()
                .map(|d| (d.status, d.code))
                != Some((t.status.to_string(), t.code))
        })
        .count();
    drop(before);
    assert!(missed > ROWS / 2, "the receiver missed only {missed}");

    // Counting first asks nothing.
    let (code, dry) = reconcile(&files, &sandbox, &["--dry-run", "--include-delivered"]).await;
    assert_eq!(code, 0, "{dry}");
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["old_enough"].as_u64(), Some(ROWS as u64), "{dry}");

    let (code, first) = reconcile(&files, &sandbox, &["--include-delivered"]).await;
    assert_eq!(code, 0, "{first}");
    assert_eq!(first["errors"], 0, "{first}");
    assert!(first["new_events"].as_u64().unwrap() > 0, "{first}");
    eprintln!("the receiver missed {missed} of {ROWS}; reconcile: {first}");

    // The store now says what the sandbox decided, for every message.
    let store_now = EventStore::open_read_only(&store).unwrap();
    let mut wrong = Vec::new();
    for t in &truth {
        let got = store_now
            .delivery(&t.wamid)
            .unwrap()
            .map(|d| (d.status, d.code));
        if got != Some((t.status.to_string(), t.code)) {
            wrong.push((t.wamid.clone(), t.status, t.code, got));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} differ from the truth, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(3)]
    );
    // Users whose message failed with 131050 are suppressed, as the webhook would have done.
    let users: std::collections::HashMap<String, String> = sandbox
        .messages()
        .into_iter()
        .map(|m| (m.wamid, m.user))
        .collect();
    for t in truth.iter().filter(|t| t.code == Some(131050)) {
        assert!(
            store_now.is_suppressed(&users[&t.wamid]).unwrap(),
            "{}",
            t.wamid
        );
    }
    drop(store_now);
    // Nothing twice: one event per message and status.
    let counted = status_events(&store);
    let twice: Vec<_> = counted.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "recorded twice: {:?}",
        &twice[..twice.len().min(3)]
    );

    // Again: nothing new is learned or recorded.
    let (code, second) = reconcile(&files, &sandbox, &["--include-delivered"]).await;
    assert_eq!(code, 0, "{second}");
    assert_eq!(second["new_events"], 0, "{second}");
    assert_eq!(second["learned"], serde_json::json!({}), "{second}");
    assert_eq!(status_events(&store), counted);
    sandbox.shutdown().await;
}

/// Without a token Meta accepts, reconcile stops at its first request (exit 4) and records
/// nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconcile_stops_at_an_authentication_error() {
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("auth", 0, 4, ""), 5);
    let sandbox = wamm_sandbox::Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let events = files.arg("events.db");
    let mut command = files.command(
        &sandbox.base_url(),
        sandbox.phone_number_id(),
        &["reconcile", "--events", &events, "--older-than", "0s"],
    );
    command.env("WHATSAPP_ACCESS_TOKEN", "not-the-token");
    let out = wamm_e2e::finished(command).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 4, "{stdout}\n{stderr}");
    assert!(stdout.contains("asked:                1"), "{stdout}");
    assert!(!stderr.contains("not-the-token"), "{stderr}");
    sandbox.shutdown().await;
}

/// The same with the journal and the event store in PostgreSQL, and a sandbox whose webhooks
/// go nowhere (no receiver ever listened): reconcile learns every status from the history.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconcile_fills_a_postgresql_event_store_from_nothing() {
    let Some(url) = wamm_testkit::postgres::database("reconcile: PostgreSQL") else {
        return;
    };
    const ROWS: usize = 40;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("nowhere", 0, 8, ""), ROWS);
    let nowhere = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let sandbox = wamm_sandbox::Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        mps: 1_000_000,
        seed: 28,
        webhooks: Some(WebhookConfig {
            url: format!("http://{nowhere}/webhook"),
            app_secret: SECRET.to_string(),
            spec: "read=0.5,131049=0.1,131050=0.1,stop=0,duplicates=0,delay=100ms"
                .parse()
                .unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let journal = format!("{url}#nowhere");
    let (campaign, list) = (files.arg("campaign.toml"), files.arg("recipients.csv"));
    let mut run = wamm_e2e::wamm();
    run.args([
        "campaign",
        "run",
        "--campaign",
        &campaign,
        "--recipients",
        &list,
    ])
    .args(["--journal", &journal])
    .env("WAMM_BASE_URL", sandbox.base_url())
    .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
    .env("WHATSAPP_ACCESS_TOKEN", wamm_e2e::TOKEN);
    let out = wamm_e2e::finished(run).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let ask = || {
        let mut command = wamm_e2e::wamm();
        command
            .args([
                "campaign",
                "reconcile",
                "--journal",
                &journal,
                "--events",
                &url,
            ])
            .args([
                "--older-than",
                "0s",
                "--requests-per-second",
                "100",
                "--json",
            ])
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", wamm_e2e::TOKEN);
        command
    };
    let out = wamm_e2e::finished(ask()).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stdout}\n{stderr}");
    let first: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(first["asked"].as_u64(), Some(ROWS as u64), "{first}");
    let store = EventStore::open_read_only(Path::new(&url)).unwrap();
    for t in sandbox.webhook_truth() {
        let got = store
            .delivery(&t.wamid)
            .unwrap()
            .map(|d| (d.status, d.code));
        assert_eq!(got, Some((t.status.to_string(), t.code)), "{}", t.wamid);
    }
    let counts = store.counts().unwrap();
    drop(store);
    let out = wamm_e2e::finished(ask()).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stdout}\n{stderr}");
    let second: Value = serde_json::from_str(stdout.trim()).unwrap();
    // Every message has its status now: nothing is asked, nothing recorded.
    assert_eq!(
        (second["asked"].as_u64(), second["new_events"].as_u64()),
        (Some(0), Some(0)),
        "{second}"
    );
    assert_eq!(
        EventStore::open_read_only(Path::new(&url))
            .unwrap()
            .counts()
            .unwrap(),
        counts
    );
    sandbox.shutdown().await;
}
