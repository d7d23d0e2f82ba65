//! No secret in any log line at any level: the access token, the app secret, the verify token
//! and a database password never reach stdout or stderr while every log is on (`RUST_LOG=trace`,
//! as JSON), nor when the libraries wamm keeps below debug are named one by one at trace (the
//! HTTP client, the connection pool, TLS, the PostgreSQL client). Each command must also have
//! logged its own events, so a test cannot pass by logging nothing. The real `wamm` binary
//! against a real sandbox, receiver and (when `WAMM_TEST_DATABASE_URL` is set) PostgreSQL.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use wamm_e2e::{CampaignFiles, TOKEN, code, sandbox, text, wamm};

const APP_SECRET: &str = "e2e-app-secret-91c4d0";
const VERIFY_TOKEN: &str = "e2e-verify-token-5d2e7a";
/// URL characters unescaped and an escaped `@`, as in `url_secrets.rs`.
const PASSWORD: &str = "Pw9k/Lx4q?Rt7m#Zc2v@Hn6s:Jd8f%40Yb3g";

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("logleak", 200, 4);

/// The ways an operator turns logs up, as (`RUST_LOG`, `--log-format`).
const LEVELS: [(&str, &str); 2] = [
    ("trace", "json"),
    (
        "trace,reqwest=trace,hyper=trace,hyper_util=trace,h2=trace,rustls=trace,\
         tokio_postgres=trace,postgres=trace",
        "text",
    ),
];

/// Fails the test if any secret, or any piece of the password, is in `printed`.
fn assert_no_secret(what: &str, printed: &str) {
    let pieces = PASSWORD
        .split(['/', '?', '#', '@', ':', '%'])
        .chain(["@Yb3g"]);
    for secret in [TOKEN, APP_SECRET, VERIFY_TOKEN].into_iter().chain(pieces) {
        assert!(
            !printed.contains(secret),
            "{what} printed {secret:?}:\n{printed}"
        );
    }
}

/// `wamm --log-format FORMAT` with `RUST_LOG` set.
fn logged(rust_log: &str, format: &str) -> Command {
    let mut command = wamm();
    command
        .env("RUST_LOG", rust_log)
        .args(["--log-format", format]);
    command
}

/// The JSON log lines of `stderr`; every line must be one when the format is JSON.
fn events(stderr: &str, format: &str) -> Vec<Value> {
    if format != "json" {
        return Vec::new();
    }
    stderr
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// Whether `stderr` holds the event `message`: in JSON with `fields` (name, value) among its
/// fields; as text, by its message.
fn logged_event(stderr: &str, format: &str, message: &str, field: Option<(&str, &str)>) -> bool {
    if format != "json" {
        return stderr.contains(message);
    }
    events(stderr, format).iter().any(|event| {
        event["fields"]["message"] == message
            && field.is_none_or(|(name, value)| event["fields"][name] == value)
    })
}

/// A child process killed if the test fails before [`stopped`] stops it.
struct Running(Option<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Stops the process with SIGTERM (so it flushes and exits as an operator's stop would) and
/// returns what it printed on stderr.
fn stopped(mut running: Running) -> String {
    let mut child = running.0.take().expect("still running");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    child.wait().unwrap();
    stderr
}

/// A campaign run and its report, with a journal file and, when a test database is set, a
/// PostgreSQL journal whose URL carries a password.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_logs_no_secret_at_any_level() {
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(CAMPAIGN, 12);
    let mut journals = Vec::new();
    let mut databases = 0;
    for (i, _) in LEVELS.iter().enumerate() {
        journals.push((i, files.arg(&format!("j{i}.journal"))));
        // A database of its own for each level: the campaign keeps its name in both.
        if let Some(database) = wamm_testkit::postgres::database("logs at trace with a password") {
            let url = database.replacen(
                "postgres://wamm@",
                &format!("postgres://wamm:{PASSWORD}@"),
                1,
            );
            journals.push((i, url));
            databases += 1;
        }
    }
    for (i, journal) in journals {
        let (rust_log, format) = LEVELS[i];
        let store = if journal.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "file"
        };
        let what = format!("campaign run, journal in a {store} ({format})");
        let mut run = logged(rust_log, format);
        run.args(["campaign", "run", "--campaign"])
            .arg(files.path("campaign.toml"))
            .arg("--recipients")
            .arg(files.path("recipients.csv"))
            .args(["--journal", &journal])
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        let out = wamm_e2e::finished(run).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 0, "{what}: {stderr}");
        assert_no_secret(&what, &stdout);
        assert_no_secret(&what, &stderr);
        assert!(
            stdout.starts_with("complete:") && !stdout.contains("campaign run started"),
            "{what}: logs on stdout:\n{stdout}"
        );
        assert!(
            logged_event(
                &stderr,
                format,
                "campaign run started",
                Some(("campaign", "logleak"))
            ),
            "{what}: no start event:\n{stderr}"
        );
        assert!(
            logged_event(&stderr, format, "campaign run finished", None),
            "{what}: no end event:\n{stderr}"
        );
        assert!(
            logged_event(&stderr, format, "send answered", Some(("outcome", "sent"))),
            "{what}: no per-message event:\n{stderr}"
        );
        // No recipient's number at a bare level (naming the PostgreSQL client at debug shows
        // its statements' parameters, as the README says).
        if i == 0 {
            assert!(!stderr.contains("447700900003"), "{what}:\n{stderr}");
        }
        if format == "json" {
            // The run's span names the journal as messages show it.
            let started = events(&stderr, format)
                .into_iter()
                .find(|e| e["fields"]["message"] == "campaign run started")
                .unwrap();
            let shown = started["span"]["journal"].as_str().unwrap_or_default();
            assert!(
                journal.ends_with(shown) || shown.starts_with("postgres://wamm@"),
                "{shown}"
            );
        }

        let mut report = logged(rust_log, format);
        report.args(["campaign", "report", "--journal", &journal]);
        let out = wamm_e2e::finished(report).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 0, "report: {stderr}");
        assert_no_secret("campaign report", &stdout);
        assert_no_secret("campaign report", &stderr);
    }
    assert_eq!(sandbox.messages().len(), 12 * (2 + databases));
}

/// `webhook serve` with a signed POST, a badly signed one, and the handshake answered and
/// refused: the app secret and verify token appear in no log line, nor the query string that
/// carries the verify token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_logs_no_secret_at_any_level() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    for (i, (rust_log, format)) in LEVELS.into_iter().enumerate() {
        let mut serve = logged(rust_log, format);
        wamm_e2e::without_wamm_settings(&mut serve);
        let child = serve
            .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--store"])
            .arg(dir.join(format!("events{i}.db")))
            .env("WHATSAPP_APP_SECRET", APP_SECRET)
            .env("WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut child = Running(Some(child));
        let mut stdout = BufReader::new(child.0.as_mut().unwrap().stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("{first}"))
            .to_string();

        let body = status_payload();
        let http = reqwest::Client::new();
        let post = |signature: String| {
            http.post(&url)
                .header("content-type", "application/json")
                .header("X-Hub-Signature-256", signature)
                .body(body.clone())
                .send()
        };
        let good = wamm_client::webhook_signature::sign(APP_SECRET.as_bytes(), &body);
        assert_eq!(post(good).await.unwrap().status().as_u16(), 200);
        let bad = wamm_client::webhook_signature::sign(b"not-the-secret", &body);
        assert_eq!(post(bad).await.unwrap().status().as_u16(), 401);
        let handshake = |token: &str| {
            http.get(format!(
                "{url}?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444"
            ))
            .send()
        };
        assert_eq!(
            handshake(VERIFY_TOKEN).await.unwrap().status().as_u16(),
            200
        );
        assert_eq!(handshake("wrong").await.unwrap().status().as_u16(), 403);

        let stderr = stopped(child);
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        let what = format!("webhook serve ({format})");
        assert_no_secret(&what, &format!("{first}{rest}"));
        assert_no_secret(&what, &stderr);
        assert!(
            logged_event(&stderr, format, "webhook POST recorded", None),
            "{what}: no POST event:\n{stderr}"
        );
        assert!(
            logged_event(
                &stderr,
                format,
                "webhook POST refused",
                Some(("reason", "wrong signature"))
            ),
            "{what}: no refusal event:\n{stderr}"
        );
        assert!(
            logged_event(&stderr, format, "webhook handshake refused", None),
            "{what}: no handshake event:\n{stderr}"
        );
        assert!(
            logged_event(&stderr, format, "event store opened", None),
            "{what}: no store event:\n{stderr}"
        );
    }
}

/// `wamm send` against `wamm sandbox`, both with every log on. The sandbox prints its own
/// token on stdout by design (`token: ...`, for the person who started it); its logs never do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_and_the_sandbox_log_no_secret_at_any_level() {
    for (rust_log, format) in LEVELS {
        let sandbox = logged(rust_log, format)
            .args(["sandbox", "--token", TOKEN])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut sandbox = Running(Some(sandbox));
        let mut lines = BufReader::new(sandbox.0.as_mut().unwrap().stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("{first}"))
            .to_string();

        let mut send = logged(rust_log, format);
        send.args(["send", "--message"])
            .arg(wamm_e2e::resource("flash_deal.json"))
            .env("WAMM_BASE_URL", &url)
            .env("WHATSAPP_PHONE_NUMBER_ID", "106540352242922")
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        let out = wamm_e2e::finished(send).await;
        let (stdout, stderr) = text(&out);
        let what = format!("send ({format})");
        assert_eq!(code(&out), 0, "{what}: {stderr}");
        assert_no_secret(&what, &stdout);
        assert_no_secret(&what, &stderr);
        assert!(
            logged_event(&stderr, format, "send answered", Some(("outcome", "sent"))),
            "{what}: no send event:\n{stderr}"
        );
        assert!(!stderr.contains("Bearer"), "{what}:\n{stderr}");

        let stderr = stopped(sandbox);
        let what = format!("sandbox ({format})");
        assert_no_secret(&what, &stderr);
        assert!(
            logged_event(&stderr, format, "sandbox listening", None),
            "{what}: no start event:\n{stderr}"
        );
    }
}

fn status_payload() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "statuses": [{"id": "wamid.LOGS1", "status": "delivered", "timestamp": "1700000000",
                          "recipient_id": "447700900123"}]}}]}]
    }))
    .unwrap()
}
