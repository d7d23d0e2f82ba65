//! `wamm insights` and `campaign report --insights`, the real binary against the sandbox
//! playing Meta: a campaign's funnel in its journal and the receiver's event store agrees with
//! the figures the sandbox reports from what it really did; Meta's limits are refused clearly
//! with nothing lost; `--json` and `--csv` parse.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::Value;
use wamm_sandbox::{Sandbox, SandboxConfig, WebhookConfig};

const SECRET: &str = "e2e-insights-app-secret";
const WABA: &str = wamm_sandbox::DEFAULT_WABA_ID;

async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        mps: 1_000_000,
        ..config
    })
    .await
    .unwrap()
}

/// `wamm ARGS` against `sandbox`, with the test token and the account.
fn wamm_at(sandbox: &Sandbox, args: &[&str]) -> std::process::Command {
    let mut command = wamm_e2e::wamm();
    wamm_e2e::without_wamm_settings(&mut command);
    command
        .args(args)
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_ACCESS_TOKEN", wamm_e2e::TOKEN)
        .env("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA);
    command
}

/// Runs it; (exit code, stdout, stderr).
async fn run(command: std::process::Command) -> (i32, String, String) {
    let out = wamm_e2e::finished(command).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    (wamm_e2e::code(&out), stdout, stderr)
}

/// `wamm webhook serve` on a free port, storing into `store`.
struct Receiver {
    child: Child,
    url: String,
}

impl Receiver {
    fn start(store: &Path) -> Self {
        let mut command = wamm_e2e::wamm();
        wamm_e2e::without_wamm_settings(&mut command);
        let mut child = command
            .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--store"])
            .arg(store)
            .env("WHATSAPP_APP_SECRET", SECRET)
            .env("WHATSAPP_VERIFY_TOKEN", "e2e-insights-verify")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
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
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The row of a `campaign report --insights --json` comparison for `figure`.
fn compared<'a>(report: &'a Value, figure: &str) -> &'a Value {
    report["insights"]["comparison"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no comparison: {report}"))
        .iter()
        .find(|r| r["figure"] == figure)
        .unwrap()
}

/// A campaign sent through the sandbox, its statuses posted to a receiver: the journal's
/// funnel (sent, and delivered and read by webhook) and the figures the sandbox reports as
/// Meta agree, in `--json` and in text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaigns_funnel_and_the_sandboxs_insights_agree() {
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("agree", 0, 16, ""), 120);
    let store = files.path("events.db");
    let receiver = Receiver::start(&store);
    let sandbox = sandbox(SandboxConfig {
        seed: 27,
        webhooks: Some(WebhookConfig {
            url: receiver.url.clone(),
            app_secret: SECRET.to_string(),
            spec: "read=0.5,131049=0.05".parse().unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await;
    let (code, _, stderr) = run(wamm_at(&sandbox, &["insights", "--enable"])).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("turned template insights on"), "{stderr}");

    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    assert!(sandbox.webhooks_settled(Duration::from_secs(60)).await);
    let truth = sandbox.webhook_truth();
    assert_eq!(truth.len(), 120);
    let read = truth.iter().filter(|t| t.status == "read").count() as i64;
    let delivered = read + truth.iter().filter(|t| t.status == "delivered").count() as i64;
    assert!(
        read > 0 && delivered > read && delivered < 120,
        "{delivered} {read}"
    );

    let journal = files.arg("journal");
    let events = files.arg("events.db");
    let report_args = [
        "campaign",
        "report",
        "--journal",
        &journal,
        "--events",
        &events,
        "--insights",
    ];
    let mut json_args = report_args.to_vec();
    json_args.push("--json");
    let (code, stdout, stderr) = run(wamm_at(&sandbox, &json_args)).await;
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    for (figure, expected) in [("sent", 120), ("delivered", delivered), ("read", read)] {
        let row = compared(&report, figure);
        assert_eq!(row["journal"].as_i64(), Some(expected), "{figure}: {row}");
        assert_eq!(row["meta"].as_i64(), Some(expected), "{figure}: {row}");
        assert_eq!(row["difference"].as_i64(), Some(0), "{figure}: {row}");
    }
    // Clicks reach no webhook: only Meta has them.
    let clicked = compared(&report, "clicked");
    assert!(
        clicked["journal"].is_null() && clicked["meta"].as_u64().is_some(),
        "{clicked}"
    );
    let scope = &report["insights"]["scope"]["templates"][0];
    assert_eq!(
        (scope["name"].as_str(), scope["language"].as_str()),
        (Some("spring_sale"), Some("en_US"))
    );
    // The campaign's policy lets messages fall back to the Cloud API: both routes are asked.
    let routes: Vec<&str> = report["insights"]["meta"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["product"].as_str().unwrap())
        .collect();
    assert_eq!(routes, ["MARKETING_MESSAGES_LITE_API", "CLOUD_API"]);
    assert_eq!(report["insights"]["meta"][0]["total"]["sent"], 120);

    let (code, stdout, stderr) = run(wamm_at(&sandbox, &report_args)).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Meta's figures (template insights) for spring_sale (en_US)"),
        "{stdout}"
    );
    let sent_line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("sent ") && l.contains("+0"))
        .unwrap_or_else(|| panic!("no sent line with no difference: {stdout}"));
    assert!(sent_line.contains("120"), "{sent_line}");
    assert!(!stderr.contains("differ"), "{stderr}");
    sandbox.shutdown().await;
}

/// `wamm insights` as `--json` and `--csv`: the same figures, per day and template and in
/// all, which are the sandbox's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_and_csv_carry_the_same_figures() {
    let sandbox = sandbox(SandboxConfig {
        insights_enabled: true,
        ..SandboxConfig::default()
    })
    .await;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("formats", 0, 8, ""), 30);
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let period = ["--since", "1d", "--until", "today"];
    let mut args = vec![
        "insights",
        "--template",
        "spring_sale",
        "--template",
        "flash_deal:pt_BR",
    ];
    args.extend(period);

    let mut json_args = args.clone();
    json_args.push("--json");
    let (code, stdout, stderr) = run(wamm_at(&sandbox, &json_args)).await;
    assert_eq!(code, 0, "{stderr}");
    let insights: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(insights["total"]["sent"], 30, "{insights}");
    let templates = insights["templates"].as_array().unwrap();
    assert_eq!(templates.len(), 2, "{insights}");
    assert_eq!(templates[0]["name"], "spring_sale");
    assert_eq!(templates[0]["sent"], 30);
    // A template with nothing sent is there, with no figures.
    assert_eq!(templates[1]["name"], "flash_deal");
    assert!(
        templates[1]["sent"].as_u64().unwrap_or(0) == 0,
        "{insights}"
    );
    assert_eq!(
        (insights["batches"].as_u64(), insights["requests"].as_u64()),
        (Some(1), Some(1))
    );
    let day = &insights["days"][0];
    assert_eq!(
        day["day"].as_str().map(str::len),
        Some(10),
        "YYYY-MM-DD: {day}"
    );

    let mut csv_args = args.clone();
    csv_args.push("--csv");
    let (code, stdout, stderr) = run(wamm_at(&sandbox, &csv_args)).await;
    assert_eq!(code, 0, "{stderr}");
    let mut lines = stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[..8],
        [
            "day",
            "template_id",
            "name",
            "language",
            "sent",
            "delivered",
            "read",
            "clicked"
        ]
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()), "{stdout}");
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let sent_per_day: u64 = rows
        .iter()
        .filter(|r| r[0] != "total" && r[column("name")] == "spring_sale")
        .map(|r| r[column("sent")].parse::<u64>().unwrap())
        .sum();
    assert_eq!(sent_per_day, 30, "{stdout}");
    let total = rows
        .iter()
        .find(|r| r[0] == "total" && r[column("name")] == "spring_sale")
        .unwrap();
    assert_eq!(total[column("sent")], "30");
    assert_eq!(
        total[column("delivered")].parse::<u64>().ok(),
        insights["templates"][0]["delivered"].as_u64()
    );
    sandbox.shutdown().await;
}

/// Meta's limits, refused clearly before anything is asked, and nothing lost: 11 templates
/// are split into two requests; a period more than 90 days back is refused naming the limit;
/// an unknown account is named; insights that are off say how to turn them on. The journal
/// still reports afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_are_explained_and_nothing_is_lost() {
    // Eleven templates: the built-in ones and copies under new names and IDs.
    let mut templates = wamm_sandbox::builtin_templates();
    let base = templates[0].clone();
    for n in templates.len()..11 {
        let mut copy = base.clone();
        copy.name = format!("copy_{n}");
        copy.id = format!("990000000000{n:02}");
        templates.push(copy);
    }
    let sandbox = sandbox(SandboxConfig {
        templates: templates.clone(),
        ..SandboxConfig::default()
    })
    .await;
    let ids: Vec<String> = templates.iter().map(|t| t.id.clone()).collect();
    let mut args = vec!["insights".to_string(), "--since".into(), "7d".into()];
    for id in &ids {
        args.extend(["--template-id".to_string(), id.clone()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // Insights off: explained, with the way to turn them on.
    let (code, _, stderr) = run(wamm_at(&sandbox, &args)).await;
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("not enabled"), "{stderr}");
    assert!(
        stderr.contains(&format!("wamm insights --enable --waba-id {WABA}")),
        "{stderr}"
    );

    // On: the 11 are asked for in two requests.
    let mut with_json = args.clone();
    with_json.extend(["--enable", "--json"]);
    let (code, stdout, stderr) = run(wamm_at(&sandbox, &with_json)).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("11 templates: asked in 2 requests of at most 10"),
        "{stderr}"
    );
    let insights: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(insights["batches"], 2);
    assert_eq!(insights["templates"].as_array().unwrap().len(), 11);
    // Nothing sent yet: an empty table, and a note on the delay.
    assert!(stderr.contains("appear with a delay"), "{stderr}");

    // 91 days back: refused naming the limit.
    let (code, _, stderr) = run(wamm_at(
        &sandbox,
        &["insights", "--template", "spring_sale", "--since", "91d"],
    ))
    .await;
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("at most 90 days back"), "{stderr}");

    // An unknown account.
    let (code, _, stderr) = run(wamm_at(
        &sandbox,
        &[
            "insights",
            "--template",
            "spring_sale",
            "--since",
            "7d",
            "--waba-id",
            "999",
        ],
    ))
    .await;
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("the account 999 is unknown"), "{stderr}");

    // A campaign, then a report with --insights against an unknown account: refused, and the
    // journal reports as before.
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("kept", 0, 8, ""), 5);
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let journal = files.arg("journal");
    let (code, _, stderr) = run(wamm_at(
        &sandbox,
        &[
            "campaign",
            "report",
            "--journal",
            &journal,
            "--insights",
            "--waba-id",
            "999",
        ],
    ))
    .await;
    assert_eq!(code, 4, "{stderr}");
    let report = wamm_e2e::campaign_report(&files.path("journal"));
    assert_eq!(wamm_e2e::state_count(&report, "sent"), 5);
    sandbox.shutdown().await;
}

/// Figures Meta has not published yet (the sandbox's reporting delay, like Meta's) are no
/// error: the table comes with a note saying they appear later, and the report says the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_not_published_yet_are_explained_not_failed() {
    let sandbox = sandbox(SandboxConfig {
        insights_enabled: true,
        analytics: "delay=1h".parse().unwrap(),
        ..SandboxConfig::default()
    })
    .await;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("later", 0, 8, ""), 4);
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let (code, stdout, stderr) = run(wamm_at(
        &sandbox,
        &[
            "insights",
            "--template",
            "spring_sale:en_US",
            "--since",
            "today",
        ],
    ))
    .await;
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("total       spring_sale (en_US)"),
        "{stdout}"
    );
    assert!(stderr.contains("appear with a delay"), "{stderr}");
    let journal = files.arg("journal");
    let (code, stdout, stderr) = run(wamm_at(
        &sandbox,
        &["campaign", "report", "--journal", &journal, "--insights"],
    ))
    .await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Meta's figures"), "{stdout}");
    assert!(stderr.contains("appear with a delay"), "{stderr}");
    sandbox.shutdown().await;
}

/// A fallback campaign from an account that is not onboarded goes through the Cloud API:
/// Meta counts those messages under that route, and the report asks both routes, so the
/// journal and Meta still agree, with the route shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fallback_campaigns_cloud_api_sends_are_counted_on_their_route() {
    let sandbox = sandbox(SandboxConfig {
        insights_enabled: true,
        onboarding_status: wamm_sandbox::OnboardingStatus::Eligible,
        ..SandboxConfig::default()
    })
    .await;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("routed", 0, 8, ""), 9);
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    let journal = files.arg("journal");
    let (code, stdout, stderr) = run(wamm_at(
        &sandbox,
        &[
            "campaign",
            "report",
            "--journal",
            &journal,
            "--insights",
            "--json",
        ],
    ))
    .await;
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let sent = compared(&report, "sent");
    assert_eq!(
        (sent["journal"].as_u64(), sent["meta"].as_u64()),
        (Some(9), Some(9)),
        "{sent}"
    );
    let meta = &report["insights"]["meta"];
    assert_eq!(meta[0]["total"]["sent"].as_u64().unwrap_or(0), 0, "{meta}");
    assert_eq!(
        (
            meta[1]["product"].as_str(),
            meta[1]["total"]["sent"].as_u64()
        ),
        (Some("CLOUD_API"), Some(9))
    );

    let (code, stdout, stderr) = run(wamm_at(
        &sandbox,
        &["campaign", "report", "--journal", &journal, "--insights"],
    ))
    .await;
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("sent by route: MARKETING_MESSAGES_LITE_API 0, CLOUD_API 9"),
        "{stdout}"
    );
    // `wamm insights` counts one route at a time.
    let (code, stdout, stderr) = run(wamm_at(
        &sandbox,
        &[
            "insights",
            "--template",
            "spring_sale:en_US",
            "--since",
            "today",
            "--product",
            "cloud-api",
            "--json",
        ],
    ))
    .await;
    assert_eq!(code, 0, "{stderr}");
    let insights: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(insights["total"]["sent"], 9, "{insights}");
    sandbox.shutdown().await;
}
