//! Monitoring end to end: `--metrics-listen` on `campaign run` and `webhook serve`, scraped by
//! a real Prometheus, whose counters must equal what the journal and the event store hold;
//! and the health endpoints, `/healthz` and `/readyz`, as an orchestrator sees them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;
use wamm_e2e::{CampaignFiles, TOKEN, campaign_report, state_count, wamm};

const SECRET: &str = "monitoring-app-secret-91c2";
const PROMETHEUS: &str = "/usr/bin/prometheus";

/// A child process killed when dropped, with its stderr lines arriving on a channel.
struct Process {
    child: Child,
    stderr: mpsc::Receiver<String>,
    /// Every stderr line seen so far, for failure messages.
    seen: Vec<String>,
}

impl Process {
    fn spawn(mut command: std::process::Command) -> Self {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("the process starts");
        let (tx, stderr) = mpsc::channel();
        let pipe = child.stderr.take().expect("stderr piped");
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Self {
            child,
            stderr,
            seen: Vec::new(),
        }
    }

    /// The first line of stdout.
    fn first_line(&mut self) -> String {
        let mut line = String::new();
        BufReader::new(self.child.stdout.as_mut().expect("stdout piped"))
            .read_line(&mut line)
            .expect("a first line");
        line.trim().to_string()
    }

    /// Waits for a stderr line starting with `prefix`, and returns the rest of it.
    fn wait_for(&mut self, prefix: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if let Some(rest) = line.trim().strip_prefix(prefix) {
                        return rest.to_string();
                    }
                }
                Err(_) => panic!(
                    "no line starting {prefix:?}; stderr so far: {:#?}",
                    self.seen
                ),
            }
        }
    }

    /// The `http://ADDR` of its `metrics on http://ADDR/metrics` line.
    fn metrics_base(&mut self) -> String {
        let url = self.wait_for("metrics on ", Duration::from_secs(30));
        url.strip_suffix("/metrics")
            .unwrap_or_else(|| panic!("metrics line: {url}"))
            .to_string()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `wamm webhook serve` with `--metrics-listen`: its webhook URL and its metrics' base URL.
fn receiver(store: &Path) -> (Process, String, String) {
    let mut command = wamm();
    command
        .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--store"])
        .arg(store)
        .args(["--metrics-listen", "127.0.0.1:0"])
        .env("WHATSAPP_APP_SECRET", SECRET)
        .env("WHATSAPP_VERIFY_TOKEN", "monitoring-verify-token");
    let mut process = Process::spawn(command);
    let url = process
        .first_line()
        .strip_prefix("listening on ")
        .expect("listening on")
        .to_string();
    let metrics = process.metrics_base();
    (process, url, metrics)
}

/// A free port on the loopback interface.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn get(url: &str) -> (u16, String) {
    let answer = reqwest::get(url).await.expect("it answers");
    let status = answer.status().as_u16();
    (status, answer.text().await.unwrap_or_default())
}

/// One instant query through Prometheus's HTTP API: each series' labels and value.
async fn query(prometheus: &str, promql: &str) -> Vec<(Value, f64)> {
    let answer: Value = reqwest::Client::new()
        .get(format!("{prometheus}/api/v1/query"))
        .query(&[("query", promql)])
        .send()
        .await
        .expect("prometheus answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(answer["status"], "success", "{promql}: {answer}");
    answer["data"]["result"]
        .as_array()
        .expect("a vector")
        .iter()
        .map(|series| {
            let value = series["value"][1].as_str().unwrap().parse::<f64>().unwrap();
            (series["metric"].clone(), value)
        })
        .collect()
}

/// The value of the one series a query returns (0 when none).
async fn scalar(prometheus: &str, promql: &str) -> u64 {
    let result = query(prometheus, promql).await;
    assert!(result.len() <= 1, "{promql}: {result:?}");
    result.first().map_or(0, |(_, v)| *v as u64)
}

/// Status events in the event store, by status.
fn store_statuses(store: &Path) -> Vec<(String, u64)> {
    let db =
        rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut statement = db
        .prepare("SELECT status, COUNT(*) FROM events WHERE kind = 'status' GROUP BY status ORDER BY status")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn store_count(store: &Path, sql: &str) -> u64 {
    let db =
        rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    db.query_row(sql, [], |row| row.get::<_, i64>(0)).unwrap() as u64
}

/// Every label value of every series in a `/metrics` text.
fn label_values(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some(labels) = line
            .split_once('{')
            .and_then(|(_, rest)| rest.split_once('}'))
        else {
            continue;
        };
        for pair in labels.0.split(',') {
            if let Some((_, value)) = pair.split_once('=') {
                values.push(value.trim_matches('"').to_string());
            }
        }
    }
    values
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_reads_counters_that_equal_the_journal_and_the_event_store() {
    if !Path::new(PROMETHEUS).exists() {
        eprintln!(
            "skipped: {PROMETHEUS} is not installed (Debian's prometheus package; .ci/run installs it)"
        );
        return;
    }
    const ROWS: usize = 40;
    // Two recipients opted out: Meta refuses them with 131050, which the counters must show
    // under their code.
    let opted_out = ["447700900003", "447700900017"];
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("watched", 40, 4, ""), ROWS);
    let store = files.path("events.db");
    let (_receiver, webhook_url, receiver_metrics) = receiver(&store);

    // The sandbox as `wamm sandbox` runs, posting every status to the receiver (each
    // message sent, delivered and read; some posted twice, as Meta redelivers).
    let mut command = wamm();
    command
        .args(["sandbox", "--token", TOKEN, "--webhook-url", &webhook_url])
        .args(["--metrics-listen", "127.0.0.1:0"])
        .args([
            "--webhooks",
            "read=1,131049=0,131050=0,duplicates=0.3,delay=20ms",
        ])
        .env("WHATSAPP_APP_SECRET", SECRET);
    for user in opted_out {
        command.args(["--opted-out", user]);
    }
    let mut sandbox = Process::spawn(command);
    let sandbox_url = sandbox
        .first_line()
        .strip_prefix("listening on ")
        .expect("listening on")
        .to_string();
    let sandbox_metrics = sandbox.metrics_base();

    let mut run = files.run_command(&sandbox_url, "106540352242922");
    run.args([
        "--metrics-listen",
        "127.0.0.1:0",
        "--metrics-linger",
        "120s",
    ]);
    let mut campaign = Process::spawn(run);
    let campaign_metrics = campaign.metrics_base();

    // A real Prometheus scraping both every second.
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("prometheus.yml");
    let target = |url: &str| url.trim_start_matches("http://").to_string();
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: campaign\n    static_configs:\n      - targets: ['{}']\n  - job_name: receiver\n    static_configs:\n      - targets: ['{}']\n  - job_name: sandbox\n    static_configs:\n      - targets: ['{}']\n",
            target(&campaign_metrics),
            target(&receiver_metrics),
            target(&sandbox_metrics)
        ),
    )
    .unwrap();
    let port = free_port();
    let mut command = std::process::Command::new(PROMETHEUS);
    command
        .arg(format!("--config.file={}", config.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            data.path().join("tsdb").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"));
    let _prometheus = Process::spawn(command);
    let prometheus = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !reqwest::get(format!("{prometheus}/-/ready"))
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(Instant::now() < deadline, "prometheus did not get ready");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The run ends (it says it lingers), and every status reaches the store.
    campaign.wait_for("metrics stay up for", Duration::from_secs(120));
    let report = campaign_report(&files.path("journal"));
    let sent = state_count(&report, "sent");
    let failed = state_count(&report, "failed");
    assert_eq!((sent, failed), (ROWS as u64 - 2, 2), "{report}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while store_count(&store, "SELECT COUNT(*) FROM events WHERE kind = 'status'") < 3 * sent {
        assert!(
            Instant::now() < deadline,
            "statuses never all arrived: {:?}",
            store_statuses(&store)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Redeliveries still queued arrive too: the sandbox's own count of POSTs settles.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let settled = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();

    // Prometheus has scraped all three since.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let scraped = query(&prometheus, "timestamp(up == 1)").await;
        if scraped.len() == 3 && scraped.iter().all(|(_, at)| *at > settled + 0.5) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not scraped since the end: {scraped:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // The campaign's counters against the journal.
    for outcome in [
        "sent",
        "failed",
        "unknown",
        "invalid",
        "skipped",
        "suppressed",
        "held_out",
    ] {
        let counted = scalar(
            &prometheus,
            &format!("wamm_campaign_messages_total{{outcome=\"{outcome}\"}}"),
        )
        .await;
        assert_eq!(
            counted,
            state_count(&report, outcome),
            "{outcome}: {report}"
        );
    }
    let journal_codes: Vec<(String, u64)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].to_string(), e["count"].as_u64().unwrap()))
        .collect();
    let counted_codes: Vec<(String, u64)> = query(&prometheus, "wamm_campaign_failures_total")
        .await
        .into_iter()
        .map(|(labels, v)| (labels["code"].as_str().unwrap().to_string(), v as u64))
        .collect();
    assert_eq!(counted_codes, journal_codes, "{report}");
    assert_eq!(counted_codes, [("131050".to_string(), 2)]);
    let by_number = scalar(
        &prometheus,
        "wamm_campaign_requests_total{phone_number_id=\"106540352242922\",result=\"sent\"}",
    )
    .await;
    let journal_by_number = report["sent_from"][0]["sent"].as_u64();
    assert_eq!(Some(by_number), journal_by_number, "{report}");
    assert_eq!(scalar(&prometheus, "wamm_campaign_rows").await, ROWS as u64);
    assert_eq!(scalar(&prometheus, "wamm_campaign_rows_pending").await, 0);
    assert_eq!(
        scalar(&prometheus, "wamm_campaign_in_flight_requests").await,
        0
    );
    assert_eq!(scalar(&prometheus, "wamm_campaign_pacing_target").await, 40);
    assert!(scalar(&prometheus, "wamm_campaign_journal_commit_seconds_count").await > 0);
    assert_eq!(
        scalar(&prometheus, "sum(wamm_campaign_request_seconds_count)").await,
        ROWS as u64
    );
    assert_eq!(
        scalar(&prometheus, "sum(wamm_campaign_halts_total)").await,
        0
    );

    // The receiver's counters against the event store.
    for (status, count) in store_statuses(&store) {
        let counted = scalar(
            &prometheus,
            &format!("wamm_webhook_events_total{{kind=\"{status}\"}}"),
        )
        .await;
        assert_eq!(counted, count, "{status}");
    }
    let events = store_count(&store, "SELECT COUNT(*) FROM events");
    assert_eq!(
        scalar(&prometheus, "sum(wamm_webhook_events_total)").await,
        events
    );
    let posts = scalar(&prometheus, "wamm_webhook_posts_accepted_total").await;
    let duplicates = scalar(&prometheus, "wamm_webhook_duplicates_skipped_total").await;
    // One event per POST: each POST is a new one or a redelivery.
    assert_eq!(posts, events + duplicates);
    assert!(duplicates > 0, "the sandbox redelivered some");
    assert_eq!(
        scalar(&prometheus, "wamm_webhook_signature_failures_total").await,
        0
    );

    // The sandbox's own counts: one request per row, and every POST the receiver took.
    assert_eq!(
        scalar(
            &prometheus,
            "sum(wamm_sandbox_requests_total{operation=\"send\"})"
        )
        .await,
        ROWS as u64
    );
    assert_eq!(
        scalar(
            &prometheus,
            "wamm_sandbox_requests_total{operation=\"send\",status=\"200\"}"
        )
        .await,
        sent
    );
    assert_eq!(
        scalar(
            &prometheus,
            "wamm_sandbox_webhook_posts_total{result=\"accepted\"}"
        )
        .await,
        posts
    );

    // Health, and no recipient in any label.
    assert_eq!(get(&format!("{campaign_metrics}/healthz")).await.0, 200);
    assert_eq!(
        get(&format!("{campaign_metrics}/readyz")).await,
        (200, "complete\n".to_string())
    );
    assert_eq!(get(&format!("{receiver_metrics}/readyz")).await.0, 200);
    for base in [&campaign_metrics, &receiver_metrics, &sandbox_metrics] {
        let (status, text) = get(&format!("{base}/metrics")).await;
        assert_eq!(status, 200);
        let recipients = label_values(&text)
            .into_iter()
            .filter(|v| v.starts_with("4477009"))
            .collect::<Vec<_>>();
        assert!(
            recipients.is_empty(),
            "a recipient as a label: {recipients:?}"
        );
    }
    drop(sandbox);
}

/// A run that halts (Meta refuses the token) is not ready, and says why; it is alive.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_halted_run_is_alive_but_not_ready() {
    let server = wamm_e2e::sandbox().await;
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("halting", 0, 2, ""), 5);
    let mut run = files.run_command(&server.base_url(), server.phone_number_id());
    run.env("WHATSAPP_ACCESS_TOKEN", "not-the-sandbox-token")
        .args(["--metrics-listen", "127.0.0.1:0", "--metrics-linger", "60s"]);
    let mut campaign = Process::spawn(run);
    let base = campaign.metrics_base();
    campaign.wait_for("metrics stay up for", Duration::from_secs(60));
    assert_eq!(
        get(&format!("{base}/healthz")).await,
        (200, "ok\n".to_string())
    );
    let (status, reason) = get(&format!("{base}/readyz")).await;
    assert_eq!(status, 503, "{reason}");
    assert!(reason.starts_with("the run halted: "), "{reason}");
    assert_eq!(reason.lines().count(), 1, "{reason}");
    let (_, metrics) = get(&format!("{base}/metrics")).await;
    assert!(
        metrics.contains("wamm_campaign_halts_total{reason=\"auth\"} 1"),
        "{metrics}"
    );
    assert!(!metrics.contains("not-the-sandbox-token"));
}

/// A receiver whose store is gone is not ready; `/metrics` has what Prometheus parses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_without_its_store_is_not_ready() {
    let dir = tempfile::tempdir().unwrap();
    let store: PathBuf = dir.path().join("events.db");
    let (_receiver, url, base) = receiver(&store);
    assert_eq!(
        get(&format!("{base}/readyz")).await,
        (200, "ok\n".to_string())
    );
    // Refusals are counted by why: a wrong signature, a body that is no webhook payload.
    let client = reqwest::Client::new();
    let wrong = client
        .post(&url)
        .header("X-Hub-Signature-256", format!("sha256={}", "0".repeat(64)))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let body = b"not json";
    let signed = wamm_client::webhook_signature::sign(SECRET.as_bytes(), body);
    let malformed = client
        .post(&url)
        .header("X-Hub-Signature-256", signed.as_str())
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status().as_u16(), 400);
    let answer = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(
        answer.headers()["content-type"],
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    );
    let text = answer.text().await.unwrap();
    assert!(text.ends_with("# EOF\n"), "{text}");
    assert!(text.contains("# TYPE wamm_webhook_recording_seconds histogram"));
    assert!(
        text.contains("wamm_webhook_signature_failures_total 1\n"),
        "{text}"
    );
    assert!(
        text.contains("wamm_webhook_bodies_refused_total{reason=\"malformed\"} 1\n"),
        "{text}"
    );
    assert!(
        text.contains("wamm_webhook_posts_accepted_total 0\n"),
        "{text}"
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("events.db{suffix}")));
    }
    let (status, reason) = get(&format!("{base}/readyz")).await;
    assert_eq!(status, 503, "{reason}");
    assert!(
        reason.starts_with("the event store cannot be opened"),
        "{reason}"
    );
    assert_eq!(get(&format!("{base}/healthz")).await.0, 200);
}

/// The sent counter of one process's `/metrics` text.
fn sent_in(metrics: &str) -> u64 {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix("wamm_campaign_messages_total{outcome=\"sent\"} "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no sent counter in {metrics}"))
}

/// A run and a worker sharing a campaign in PostgreSQL each count what they sent; together
/// their counters equal the journal's, and a worker, whose journal is no file, is ready.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_and_a_worker_count_their_own_rows_and_together_the_journals() {
    let Some(url) = wamm_testkit::postgres::database("metrics of a run and a worker") else {
        return;
    };
    const ROWS: usize = 120;
    let server = wamm_e2e::sandbox().await;
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("shared", 60, 4, ""), ROWS);
    let journal = format!("{url}#shared");
    let process = |args: &[&str]| {
        let mut command = wamm();
        command
            .arg("campaign")
            .args(args)
            .args(["--journal", &journal])
            .args(["--metrics-listen", "127.0.0.1:0", "--metrics-linger", "60s"])
            .env("WAMM_BASE_URL", server.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", server.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        Process::spawn(command)
    };
    let (campaign, list) = (files.arg("campaign.toml"), files.arg("recipients.csv"));
    let mut run = process(&["run", "--campaign", &campaign, "--recipients", &list]);
    let run_metrics = run.metrics_base();
    // The worker joins once the campaign exists.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let out = wamm()
            .args(["campaign", "report", "--json", "--journal", &journal])
            .output()
            .unwrap();
        if out.status.success() {
            break;
        }
        assert!(Instant::now() < deadline, "the campaign never appeared");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut worker = process(&["worker"]);
    let worker_metrics = worker.metrics_base();
    run.wait_for("metrics stay up for", Duration::from_secs(120));
    worker.wait_for("metrics stay up for", Duration::from_secs(120));

    let out = wamm()
        .args(["campaign", "report", "--json", "--journal", &journal])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(state_count(&report, "sent"), ROWS as u64, "{report}");
    let (_, by_run) = get(&format!("{run_metrics}/metrics")).await;
    let (_, by_worker) = get(&format!("{worker_metrics}/metrics")).await;
    assert_eq!(sent_in(&by_run) + sent_in(&by_worker), ROWS as u64);
    assert_eq!(
        get(&format!("{worker_metrics}/readyz")).await,
        (200, "complete\n".to_string())
    );
    assert!(!by_worker.contains("postgres://"), "no URL in the metrics");
}
