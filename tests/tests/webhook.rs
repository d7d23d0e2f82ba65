//! `wamm webhook serve`, the real binary on a loopback port: the handshake, signed POSTs
//! recorded before the answer, tampered ones refused with nothing recorded, redeliveries
//! and a restart changing nothing, out-of-order statuses never moving a recipient back.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use marketing::webhook::EventStore;
use serde_json::{Value, json};
use wamm_client::webhook_signature::sign;

const SECRET: &str = "e2e-app-secret-5d1c";
const VERIFY: &str = "e2e-verify-token";

/// A sandbox with the tests' token.
async fn sandbox(config: wamm_sandbox::SandboxConfig) -> wamm_sandbox::Sandbox {
    wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        ..config
    })
    .await
    .unwrap()
}

/// A campaign called `name` sending `spring_sale` to `rows` recipients
/// (447700900000, 447700900001, ...), unpaced.
fn campaign_files(name: &str, rows: usize) -> wamm_e2e::CampaignFiles {
    wamm_e2e::CampaignFiles::new(
        // 32 connections: the default.
        &wamm_e2e::campaign_toml(name, 0, 32, ""),
        rows,
    )
}

struct Receiver {
    child: Child,
    url: String,
}

impl Receiver {
    fn start(store: &Path) -> Self {
        Self::start_on(store, "127.0.0.1:0")
    }

    fn start_on(store: &Path, listen: &str) -> Self {
        let mut command = wamm_e2e::wamm();
        wamm_e2e::without_wamm_settings(&mut command);
        let mut child = command
            .args(["webhook", "serve", "--listen", listen, "--store"])
            .arg(store)
            .env("WHATSAPP_APP_SECRET", SECRET)
            .env("WHATSAPP_VERIFY_TOKEN", VERIFY)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line: {line}"))
            .to_string();
        Self { child, url }
    }

    /// Stops it with SIGKILL: what was answered 200 must already be on disk.
    fn kill(mut self) -> String {
        self.child.kill().unwrap();
        let out = self.child.wait_with_output().unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

fn payload(statuses: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "statuses": statuses}}]}]
    }))
    .unwrap()
}

fn status(wamid: &str, status: &str, at: u64) -> Value {
    json!({"id": wamid, "status": status, "timestamp": at.to_string(), "recipient_id": "447700900123",
           "pricing": {"billable": true, "pricing_model": "PMP", "category": "marketing_lite", "type": "regular"}})
}

async fn post(url: &str, body: &[u8], signature: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(signature) = signature {
        request = request.header("X-Hub-Signature-256", signature);
    }
    let response = request.send().await.unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_events_are_recorded_once_and_tampered_ones_never() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("events.db");
    let receiver = Receiver::start(&store);

    // The handshake Meta makes when the URL is configured.
    let client = reqwest::Client::new();
    let good = format!(
        "{}?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=1158201444",
        receiver.url
    );
    let answer = client.get(&good).send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(answer.text().await.unwrap(), "1158201444");
    let bad = good.replace(VERIFY, "guess");
    assert_eq!(
        client.get(&bad).send().await.unwrap().status().as_u16(),
        403
    );

    // Read arrives before delivered; both are signed.
    let read = payload(json!([status("wamid.K1", "read", 200)]));
    let (code, text) = post(&receiver.url, &read, Some(&sign(SECRET.as_bytes(), &read))).await;
    assert_eq!((code, text.as_str()), (200, "recorded 1 new of 1 events"));

    // Tampered after signing, unsigned, signed with another secret: 401, nothing recorded.
    let failed = payload(json!([status("wamid.K2", "failed", 210)]));
    let signature = sign(SECRET.as_bytes(), &failed);
    let mut tampered = failed.clone();
    let at = tampered.len() - 20;
    tampered[at] = b' ';
    for (body, signature) in [
        (&tampered, Some(signature.clone())),
        (&failed, None),
        (&failed, Some(sign(b"another-secret", &failed))),
        (&failed, Some("sha256=not-hex".to_string())),
    ] {
        let (code, text) = post(&receiver.url, body, signature.as_deref()).await;
        assert_eq!(code, 401, "{text}");
        assert!(!text.contains(SECRET), "{text}");
    }
    // Signed but not a payload: 400.
    let junk = b"{\"hello\": 1}";
    let (code, _) = post(&receiver.url, junk, Some(&sign(SECRET.as_bytes(), junk))).await;
    assert_eq!(code, 400);

    // The receiver dies (kill -9) and comes back; Meta redelivers, and sends the late one.
    let stderr = receiver.kill();
    assert!(!stderr.contains(SECRET), "{stderr}");
    let receiver = Receiver::start(&store);
    let (code, text) = post(&receiver.url, &read, Some(&sign(SECRET.as_bytes(), &read))).await;
    assert_eq!((code, text.as_str()), (200, "recorded 0 new of 1 events"));
    let late = payload(json!([status("wamid.K1", "delivered", 190)]));
    let (code, _) = post(&receiver.url, &late, Some(&sign(SECRET.as_bytes(), &late))).await;
    assert_eq!(code, 200);
    receiver.kill();

    let store = EventStore::open(&store).unwrap();
    assert_eq!(store.delivery("wamid.K1").unwrap().unwrap().status, "read");
    assert_eq!(
        store.delivery("wamid.K2").unwrap(),
        None,
        "the tampered failure was not recorded"
    );
    assert_eq!(store.counts().unwrap(), vec![("status".to_string(), 2)]);
}

#[tokio::test]
async fn without_its_secrets_it_refuses_to_start_and_says_how_to_give_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = wamm_e2e::wamm();
    wamm_e2e::without_wamm_settings(&mut command);
    command
        .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--store"])
        .arg(dir.path().join("events.db"))
        .env_remove("WHATSAPP_APP_SECRET")
        .env_remove("WHATSAPP_VERIFY_TOKEN");
    let out = wamm_e2e::finished(command).await;
    let (_, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 2, "{stderr}");
    assert!(stderr.contains("--app-secret-file"), "{stderr}");
    assert!(stderr.contains("WHATSAPP_APP_SECRET"), "{stderr}");
}

/// A campaign's report joins the receiver's events by wamid: the furthest status of each sent
/// message and failures by code, whatever order and however often the events arrived.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_campaign_report_shows_what_happened_after_the_send() {
    use wamm_sandbox::SandboxConfig;
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = campaign_files("funnel", 8);
    let run = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    let out = wamm_e2e::finished(run).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let wamids: Vec<String> = sandbox.messages().into_iter().map(|m| m.wamid).collect();
    assert_eq!(wamids.len(), 8);

    // Meta reports: 3 read (one with a late `delivered` after it), 2 delivered, 1 failed with
    // 131049, 1 failed with 131050, 1 nothing yet; in one shuffled batch and a redelivery.
    let mut statuses = Vec::new();
    for (i, wamid) in wamids.iter().enumerate() {
        let reported: &[&str] = match i {
            0..=2 => &["sent", "read"],
            3 | 4 => &["delivered"],
            5 | 6 => &["failed"],
            _ => &[],
        };
        for (n, s) in reported.iter().enumerate() {
            let mut event = status(wamid, s, 100 + n as u64);
            if *s == "failed" {
                event["errors"] = json!([{"code": if i == 5 { 131049 } else { 131050 }, "title": "not delivered"}]);
            }
            statuses.push(event);
        }
    }
    statuses.push(status(&wamids[0], "delivered", 300));
    statuses.reverse();
    let store = files.path("events.db");
    let receiver = Receiver::start(&store);
    let body = payload(Value::Array(statuses));
    for _ in 0..2 {
        let (code, text) = post(&receiver.url, &body, Some(&sign(SECRET.as_bytes(), &body))).await;
        assert_eq!(code, 200, "{text}");
    }
    receiver.kill();

    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--json", "--journal"])
        .arg(files.path("journal"))
        .arg("--events")
        .arg(&store)
        .output()
        .unwrap();
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let funnel: Vec<(String, u64)> = report["deliveries"]["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("sent", 0),
        ("delivered", 2),
        ("read", 3),
        ("failed", 2),
        ("no status yet", 1),
    ];
    assert_eq!(
        funnel,
        expected.map(|(s, n)| (s.to_string(), n)).to_vec(),
        "{report}"
    );
    let failures = &report["deliveries"]["failures"];
    let codes: Vec<i64> = failures
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [131049, 131050], "{failures}");
    // Every status the test sent says marketing_lite; one message got none.
    assert_eq!(
        report["deliveries"]["pricing"],
        json!([{"category": "marketing_lite", "count": 7}, {"category": "not reported", "count": 1}]),
        "{report}"
    );

    // The text report says the same.
    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--journal"])
        .arg(files.path("journal"))
        .arg("--events")
        .arg(&store)
        .output()
        .unwrap();
    let (stdout, _) = wamm_e2e::text(&out);
    assert!(stdout.contains("read           3"), "{stdout}");
    assert!(stdout.contains("131050"), "{stdout}");

    // The export has each row's furthest status, when, and a failure's code.
    let csv = files.path("rows.csv");
    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--journal"])
        .arg(files.path("journal"))
        .arg("--events")
        .arg(&store)
        .arg("--export")
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",delivery_status,delivery_at,delivery_code")
    );
    let by_wamid: std::collections::HashMap<&str, &str> =
        lines.map(|l| (l.split(',').nth(4).unwrap(), l)).collect();
    assert!(
        by_wamid[wamids[0].as_str()].ends_with(",read,101,"),
        "{text}"
    );
    assert!(
        by_wamid[wamids[5].as_str()].ends_with(",failed,100,131049"),
        "{text}"
    );
    assert!(by_wamid[wamids[7].as_str()].ends_with(",,,"), "{text}");
    sandbox.shutdown().await;
}

/// Users who opted out (a `user_preferences` stop, a 131050 failure, or the user's own list)
/// are recorded `suppressed` by the next campaign and sent nothing; an opt-in lifts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_who_opted_out_is_not_messaged_by_the_next_campaign() {
    opted_out_users_are_not_messaged(None).await;
}

/// The same with the event store in PostgreSQL (the receiver, `suppression` and the campaign
/// all given its URL).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opt_outs_in_a_postgresql_event_store_are_honoured_too() {
    let Some(url) = wamm_testkit::postgres::database("webhook: PostgreSQL event store") else {
        return;
    };
    opted_out_users_are_not_messaged(Some(url)).await;
}

async fn opted_out_users_are_not_messaged(postgres: Option<String>) {
    use wamm_sandbox::SandboxConfig;
    let sandbox = sandbox(SandboxConfig::default()).await;
    // CampaignFiles numbers its recipients 447700900000, 447700900001, ...
    let files = campaign_files("next", 6);
    let store = match &postgres {
        Some(url) => std::path::PathBuf::from(url),
        None => files.path("events.db"),
    };
    let receiver = Receiver::start(&store);
    let preferences = |user: &str, value: &str, at: u64| {
        serde_json::to_vec(&json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
            "changes": [{"field": "user_preferences", "value": {"messaging_product": "whatsapp",
                "user_preferences": [{"wa_id": user, "category": "marketing_messages", "value": value, "timestamp": at}]}}]}]}))
        .unwrap()
    };
    let mut failed = status("wamid.earlier", "failed", 150);
    failed["recipient_id"] = json!("447700900001");
    failed["errors"] = json!([{"code": 131050, "title": "stopped marketing messages"}]);
    for body in [
        preferences("447700900000", "stop", 100),
        payload(json!([failed])),
        // Stopped, then resumed later: may be messaged.
        preferences("447700900002", "stop", 100),
        preferences("447700900002", "resume", 200),
    ] {
        let (code, text) = post(&receiver.url, &body, Some(&sign(SECRET.as_bytes(), &body))).await;
        assert_eq!(code, 200, "{text}");
    }
    receiver.kill();
    // And one from the business's own list, written the way people write numbers.
    let out = wamm_e2e::wamm()
        .args(["suppression", "add", "+44 7700 900003", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let out = wamm_e2e::wamm()
        .args(["suppression", "list", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let listed = wamm_e2e::text(&out).0;
    let users: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(
        users,
        ["447700900000", "447700900001", "447700900003"],
        "{listed}"
    );

    // With the event store in PostgreSQL, the journal is there too: a campaign of claimed
    // rows asks the store about each batch at once.
    let journal = match &postgres {
        Some(url) => std::path::PathBuf::from(format!("{url}#next")),
        None => files.path("journal"),
    };
    let mut run = wamm_e2e::wamm();
    run.args(["campaign", "run", "--json", "--campaign"])
        .arg(files.path("campaign.toml"))
        .arg("--recipients")
        .arg(files.path("recipients.csv"))
        .arg("--journal")
        .arg(&journal)
        .arg("--events")
        .arg(&store)
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", wamm_e2e::TOKEN);
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        (summary["sent"].as_u64(), summary["suppressed"].as_u64()),
        (Some(3), Some(3)),
        "{summary}"
    );
    let mut messaged: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    messaged.sort();
    assert_eq!(messaged, ["447700900002", "447700900004", "447700900005"]);
    let report = wamm_e2e::campaign_report(&journal);
    assert_eq!(wamm_e2e::state_count(&report, "suppressed"), 3, "{report}");
    sandbox.shutdown().await;
}

/// The whole loop: a 5,000-recipient campaign against a sandbox that posts status webhooks
/// (late, reordered, some twice) to the receiver, which is killed (-9) and restarted midway
/// while the sandbox retries. Every sent message's status in the store is the sandbox's
/// truth, the report's funnel adds up, and the next campaign sends nothing to the users
/// whose message failed with 131050.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_a_5000_recipient_campaign_gets_back_is_the_sandboxs_truth() {
    use std::time::Duration;
    use wamm_sandbox::{SandboxConfig, WebhookConfig};

    let files = campaign_files("loop", 5000);
    let store = files.path("events.db");
    // A port for the receiver that stays the same across its restart.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let receiver = Receiver::start_on(&store, &listen);
    let sandbox = sandbox(SandboxConfig {
        mps: 1_000_000,
        seed: 15,
        status_shares: wamm_sandbox::StatusShares {
            held_for_quality_assessment: 0.05,
            paused: 0.0,
        },
        webhooks: Some(WebhookConfig {
            url: receiver.url.clone(),
            app_secret: SECRET.to_string(),
            spec: "read=0.5,131049=0.02,131050=0.02,held-132015=0.5,stop=0.01,duplicates=0.1,delay=300ms"
                .parse()
                .unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await;
    let run = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    let campaign = tokio::spawn(wamm_e2e::finished(run));

    // Once the receiver has taken some, it dies; the sandbox retries until it is back.
    let wait_for = |what: &'static str, done: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        while !done() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "waited for {what}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait_for("a first accepted POST", &|| {
        sandbox.webhook_stats().accepted_posts > 0
    });
    receiver.kill();
    wait_for("a failed POST", &|| {
        sandbox.webhook_stats().failed_posts > 0
    });
    let receiver = Receiver::start_on(&store, &listen);

    let out = campaign.await.unwrap();
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    assert!(
        sandbox.webhooks_settled(Duration::from_secs(120)).await,
        "{:?}",
        sandbox.webhook_stats()
    );
    receiver.kill();
    let truth = sandbox.webhook_truth();
    assert_eq!(truth.len(), 5000);

    // Each message's furthest status in the store is what the sandbox decided.
    let events = EventStore::open(&store).unwrap();
    let mut wrong = Vec::new();
    for t in &truth {
        let got = events.delivery(&t.wamid).unwrap();
        let got = got.as_ref().map(|d| (d.status.as_str(), d.code));
        if got != Some((t.status, t.code)) {
            wrong.push((
                t.wamid.clone(),
                t.status,
                got.map(|(s, c)| (s.to_string(), c)),
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(3)]
    );
    let stats = sandbox.webhook_stats();
    assert!(stats.delivered_events > 10_000, "{stats:?}");

    // The report's funnel is the truth, counted.
    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--json", "--journal"])
        .arg(files.path("journal"))
        .arg("--events")
        .arg(&store)
        .output()
        .unwrap();
    let report: Value = serde_json::from_str(&wamm_e2e::text(&out).0).unwrap();
    let count = |status: &str| truth.iter().filter(|t| t.status == status).count() as u64;
    for row in report["deliveries"]["by_status"].as_array().unwrap() {
        let status = row["status"].as_str().unwrap();
        let expected = match status {
            "read" | "delivered" | "failed" => count(status),
            _ => 0,
        };
        assert_eq!(row["count"].as_u64(), Some(expected), "{status}: {report}");
    }

    // Held messages ended with 132015 or delivered, as the sandbox decided.
    assert!(truth.iter().any(|t| t.code == Some(132015)));
    // The users who stopped marketing messages (131050, or a user_preferences stop) are not
    // messaged again.
    let stopped: Vec<String> = truth
        .iter()
        .filter(|t| t.code == Some(131050) || t.stopped)
        .map(|t| t.wamid.clone())
        .collect();
    assert!(truth.iter().any(|t| t.stopped) && truth.iter().any(|t| t.code == Some(131050)));
    let stopped_users: std::collections::HashSet<String> = sandbox
        .messages()
        .into_iter()
        .filter(|m| stopped.contains(&m.wamid))
        .map(|m| m.user)
        .collect();
    let next = self::sandbox(SandboxConfig {
        mps: 1_000_000,
        ..SandboxConfig::default()
    })
    .await;
    let mut again = wamm_e2e::wamm();
    again
        .args(["campaign", "run", "--campaign"])
        .arg(files.path("campaign.toml"))
        .arg("--recipients")
        .arg(files.path("recipients.csv"))
        .arg("--journal")
        .arg(files.path("next.journal"))
        .arg("--events")
        .arg(&store)
        .env("WAMM_BASE_URL", next.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", next.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", wamm_e2e::TOKEN);
    let out = wamm_e2e::finished(again).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let messaged: std::collections::HashSet<String> =
        next.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(messaged.len(), 5000 - stopped_users.len());
    assert!(messaged.is_disjoint(&stopped_users));
    sandbox.shutdown().await;
    next.shutdown().await;
}

/// `campaign retry --code 131049` sends again only to rows a webhook proved undelivered with
/// that code, only once the wait has passed, and only once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_sends_again_only_what_a_webhook_proved_undelivered_after_the_wait() {
    use wamm_sandbox::SandboxConfig;
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = campaign_files("retry", 6);
    let args = [
        "run".to_string(),
        "--campaign".into(),
        files.arg("campaign.toml"),
        "--recipients".into(),
        files.arg("recipients.csv"),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out =
        wamm_e2e::finished(files.command(&sandbox.base_url(), sandbox.phone_number_id(), &args))
            .await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let first: Vec<(String, String)> = sandbox
        .messages()
        .into_iter()
        .map(|m| (m.wamid, m.user))
        .collect();

    // 0 and 1 failed with 131049 a day and more ago, but 1 was also read (a failure then
    // proves nothing); 2 failed an hour ago; 3 with 131050; 4 delivered; 5 nothing.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut statuses = Vec::new();
    for (i, (wamid, _)) in first.iter().enumerate().take(5) {
        let (state, code, at) = match i {
            0 | 1 => ("failed", Some(131049), now - 25 * 3600),
            2 => ("failed", Some(131049), now - 3600),
            3 => ("failed", Some(131050), now - 25 * 3600),
            _ => ("delivered", None, now - 25 * 3600),
        };
        let mut event = status(wamid, state, at);
        if let Some(code) = code {
            event["errors"] = json!([{"code": code, "title": "not delivered"}]);
        }
        statuses.push(event);
    }
    statuses.push(status(&first[1].0, "read", now - 26 * 3600));
    let store = files.path("events.db");
    let receiver = Receiver::start(&store);
    let body = payload(Value::Array(statuses));
    let (code, text) = post(&receiver.url, &body, Some(&sign(SECRET.as_bytes(), &body))).await;
    assert_eq!(code, 200, "{text}");
    receiver.kill();

    let retry = |dry: bool, json: bool| {
        let mut command = files.command(
            &sandbox.base_url(),
            sandbox.phone_number_id(),
            &[
                "retry",
                "--code",
                "131049",
                "--events",
                &files.arg("events.db"),
            ],
        );
        if dry {
            command.arg("--dry-run");
        }
        if json {
            command.arg("--json");
        }
        wamm_e2e::finished(command)
    };
    let out = retry(true, false).await;
    let (_, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    assert!(
        stderr.contains("1 recipients failed with 131049"),
        "{stderr}"
    );
    assert!(stderr.contains("1 more may be sent again from"), "{stderr}");
    assert_eq!(sandbox.messages().len(), 6, "a dry run sends nothing");
    // The same counts as JSON: a dry run has no run summary to print.
    let out = retry(true, true).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let counts: Value = serde_json::from_str(&stdout).expect("one JSON document");
    let earliest = counts["earliest"]
        .as_u64()
        .expect("when the waiting one may go");
    // 2 failed an hour ago: it may go once Meta's day has passed, 23 hours from now.
    let due = now + 23 * 3600;
    assert!((due - 60..=due + 60).contains(&earliest), "{counts}");
    assert_eq!(
        counts,
        json!({"reopened": 1, "waiting": 1, "earliest": earliest, "codes": [131049], "dry_run": true})
    );
    assert_eq!(sandbox.messages().len(), 6, "a dry run sends nothing");

    let out = retry(false, false).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let again: Vec<String> = sandbox.messages()[6..]
        .iter()
        .map(|m| m.user.clone())
        .collect();
    assert_eq!(again, [first[0].1.clone()]);

    // The new messages have no failure: nothing more to send (with --json, counts of zero).
    let out = retry(false, true).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let counts: Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        (&counts["reopened"], &counts["dry_run"]),
        (&json!(0), &json!(false)),
        "{counts}"
    );
    assert_eq!(sandbox.messages().len(), 7);
    let report = wamm_e2e::campaign_report(&files.path("journal"));
    assert_eq!(wamm_e2e::state_count(&report, "sent"), 6, "{report}");
    sandbox.shutdown().await;
}

/// A script that reads the first line (`listening on URL`) and closes the pipe must not stop
/// the receiver (it once panicked printing its second line).
#[tokio::test]
async fn the_receiver_keeps_serving_when_its_stdout_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = wamm_e2e::wamm();
    wamm_e2e::without_wamm_settings(&mut command);
    let mut child = command
        .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--store"])
        .arg(dir.path().join("events.db"))
        .env("WHATSAPP_APP_SECRET", SECRET)
        .env("WHATSAPP_VERIFY_TOKEN", VERIFY)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    {
        let stdout = child.stdout.take().unwrap();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .unwrap();
    } // closed here, before the receiver may have written its second line
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let body = payload(json!([status("wamid.M", "read", 1)]));
    let (code, text) = post(&url, &body, Some(&sign(SECRET.as_bytes(), &body))).await;
    assert_eq!((code, text.as_str()), (200, "recorded 1 new of 1 events"));
    child.kill().unwrap();
    let _ = child.wait();
}

/// `suppression remove` right after `add` (the same second, as a script does it) lifts the
/// suppression, and `add` right after `remove` restores it: the operator's latest word wins,
/// whatever the clock's resolution.
#[test]
fn a_suppression_removed_within_the_second_it_was_added_is_lifted() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("events.db");
    let suppression = |args: &[&str]| {
        let mut command = wamm_e2e::wamm();
        wamm_e2e::without_wamm_settings(&mut command);
        let out = command
            .arg("suppression")
            .args(args)
            .arg("--store")
            .arg(&store)
            .output()
            .unwrap();
        let (stdout, stderr) = wamm_e2e::text(&out);
        assert_eq!(wamm_e2e::code(&out), 0, "{args:?}: {stderr}");
        (stdout, stderr)
    };
    for _ in 0..3 {
        suppression(&["add", "+447700900123"]);
        let (_, said) = suppression(&["remove", "+447700900123"]);
        assert!(said.contains("lifted 1 of 1"), "{said}");
        let (listed, _) = suppression(&["list"]);
        assert!(
            !listed.contains("447700900123"),
            "still suppressed: {listed}"
        );
        suppression(&["add", "+447700900123"]);
        let (listed, _) = suppression(&["list"]);
        assert!(
            listed.contains("447700900123"),
            "not suppressed again: {listed}"
        );
        suppression(&["remove", "+447700900123"]);
    }
}
