//! A campaign and the template it sends with, end to end against the sandbox: the journal
//! records the template's ID, version, TTL and creative features and the report shows them;
//! a run that outlasts the TTL is warned about before it sends; a resume with another version
//! of the template says so and records it; and a template that Meta pauses while the run
//! sends (the receiver records the webhook) stops the run before it sends more, nothing lost,
//! and a resume after the template is approved again finishes exactly once.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};
use wamm_client::types::MessageTemplate;
use wamm_e2e::{CampaignFiles, Receiver, TOKEN, campaign_report, code, state_count, text};
use wamm_sandbox::{Sandbox, SandboxConfig};

const SECRET: &str = "e2e-app-secret-t3mpl";

/// The sandbox's templates, `spring_sale` with a time-to-live of `ttl_seconds`, a maximum
/// price and image touch-ups opted in.
fn templates(ttl_seconds: i64) -> Vec<MessageTemplate> {
    let mut all = wamm_sandbox::builtin_templates();
    for template in all.iter_mut().filter(|t| t.name == "spring_sale") {
        template.message_send_ttl_seconds = Some(ttl_seconds);
        template.optimization_spec = Some(
            serde_json::from_value(
                json!({"bid_amount": 150, "bid_strategy": "LOWEST_COST_WITH_BID_CAP"}),
            )
            .unwrap(),
        );
        template.degrees_of_freedom_spec = Some(
            serde_json::from_value(
                json!({"creative_features_spec": {"image_touchups": {"enroll_status": "OPT_IN"}}}),
            )
            .unwrap(),
        );
    }
    all
}

async fn sandbox(ttl_seconds: i64) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        templates: templates(ttl_seconds),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// `command` pointed at `sandbox`'s account too, so the template is checked before sending.
fn with_account(mut command: std::process::Command, sandbox: &Sandbox) -> std::process::Command {
    command.env("WHATSAPP_BUSINESS_ACCOUNT_ID", sandbox.waba_id());
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_and_report_name_the_template_version_and_ttl_and_a_long_run_is_warned_about() {
    let twelve_hours = sandbox(43_200).await;
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("ttl", 50, 4, ""), 6);
    // Two a day: six rows need three days, far past a TTL of 12 hours.
    let mut run = with_account(
        files.run_command(&twelve_hours.base_url(), twelve_hours.phone_number_id()),
        &twelve_hours,
    );
    run.args(["--max-per-day", "2", "--json"]);
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(
        code(&out),
        0,
        "held to its budget is a clean stop: {stderr}"
    );
    let warning = "this run needs about 2d at 50/s and at most 2 a day; the template's TTL is 12h";
    assert!(stderr.contains(&format!("warning: {warning}")), "{stderr}");
    // Before the first send: the warning comes before anything the run reports after.
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(
        summary["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with(warning),
        "{summary}"
    );
    assert_eq!(twelve_hours.messages().len(), 2);

    let report = campaign_report(&files.path("journal"));
    let recorded = &report["templates"];
    assert_eq!(recorded.as_array().unwrap().len(), 1, "{report}");
    let id = templates(43_200)
        .into_iter()
        .find(|t| t.name == "spring_sale")
        .unwrap()
        .id;
    assert_eq!(recorded[0]["id"], id.as_str());
    assert_eq!(recorded[0]["name"], "spring_sale");
    assert_eq!(recorded[0]["language"], "en_US");
    assert_eq!(recorded[0]["status"], "APPROVED");
    assert_eq!(recorded[0]["ttl_seconds"], 43_200);
    assert_eq!(recorded[0]["creative"]["image_touchups"], "OPT_IN");
    assert_eq!(recorded[0]["max_price"]["bid_amount"], 150);
    assert_eq!(
        recorded[0]["max_price"]["bid_strategy"],
        "LOWEST_COST_WITH_BID_CAP"
    );
    let version = recorded[0]["version"].as_str().unwrap().to_string();
    assert_eq!(version.len(), 12, "{version}");

    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--journal"])
        .arg(files.path("journal"))
        .output()
        .unwrap();
    let (shown, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    let line = format!(
        "template spring_sale en_US id {id} version {version} TTL 12h max price 150 LOWEST_COST_WITH_BID_CAP creative: image_touchups opt_in"
    );
    assert!(shown.contains(&line), "{shown}");

    // The template's TTL was made a day longer meanwhile: another version. Resuming says so
    // and records it; the same version again is not recorded twice.
    let one_day = sandbox(86_400).await;
    let resume = |server: &Sandbox| {
        with_account(
            files.command(
                &server.base_url(),
                server.phone_number_id(),
                &["resume", "--max-per-day", "2"],
            ),
            server,
        )
    };
    let out = wamm_e2e::finished(resume(&one_day)).await;
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains(&format!(
            "warning: template spring_sale en_US changed since this campaign last sent with it: version {version} then, "
        )),
        "{stderr}"
    );
    let out = wamm_e2e::finished(resume(&one_day)).await;
    assert!(!text(&out).1.contains("changed since"), "{}", text(&out).1);
    let report = campaign_report(&files.path("journal"));
    let recorded = report["templates"].as_array().unwrap();
    assert_eq!(recorded.len(), 2, "{report}");
    assert_eq!(recorded[1]["ttl_seconds"], 86_400);
    assert_ne!(recorded[1]["version"], recorded[0]["version"]);
}

/// A journal written before templates were recorded opens, upgrades and records the template
/// of the run that resumes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journal_from_before_template_versions_records_the_template_when_resumed() {
    let from = wamm_e2e::workspace_root().join("tests/fixtures/journal-438efd7");
    let dir = tempfile::tempdir().unwrap();
    for name in ["journal", "campaign.toml", "recipients.csv"] {
        std::fs::copy(from.join(name), dir.path().join(name)).unwrap();
    }
    let before = campaign_report(&dir.path().join("journal"));
    assert_eq!(before["templates"], json!([]), "{before}");
    let server = sandbox(172_800).await;
    let mut command = with_account(wamm_e2e::wamm(), &server);
    command
        .args(["campaign", "resume", "--journal"])
        .arg(dir.path().join("journal"))
        .arg("--recipients")
        .arg(dir.path().join("recipients.csv"))
        .env("WAMM_BASE_URL", server.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", server.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    let out = wamm_e2e::finished(command).await;
    // Exit 5: rows the old run left in flight are unknown.
    assert_eq!(code(&out), 5, "{}", text(&out).1);
    let after = campaign_report(&dir.path().join("journal"));
    assert_eq!(after["templates"][0]["name"], "spring_sale", "{after}");
    assert_eq!(after["templates"][0]["ttl_seconds"], 172_800, "{after}");
    assert_eq!(state_count(&after, "pending"), 0);
}

/// Meta's `message_template_status_update` for `spring_sale` in `en_US`.
fn template_status(sandbox: &Sandbox, event: &str, reason: &str, time: u64) -> Vec<u8> {
    let id: i64 = templates(0)
        .into_iter()
        .find(|t| t.name == "spring_sale")
        .unwrap()
        .id
        .parse()
        .unwrap();
    serde_json::to_vec(&json!({"object": "whatsapp_business_account", "entry": [{
        "id": sandbox.waba_id(), "time": time,
        "changes": [{"field": "message_template_status_update", "value": {
            "event": event, "message_template_id": id, "message_template_name": "spring_sale",
            "message_template_language": "en_US", "reason": reason}}]}]}))
    .unwrap()
}

/// The journal's counts now, read as `campaign report --json` does (the run holds the
/// writer lock; readers are welcome).
fn sent_so_far(journal: &Path) -> u64 {
    state_count(&campaign_report(journal), "sent")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_template_paused_while_the_run_sends_stops_it_and_resume_finishes_exactly_once() {
    const ROWS: u64 = 60;
    let server = sandbox(2_592_000).await;
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("paused", 3, 2, ""), ROWS as usize);
    let store = files.path("events.db");
    let receiver = Receiver::start(&store, SECRET, &[]);
    let journal = files.path("journal");

    let mut run = with_account(
        files.run_command(&server.base_url(), server.phone_number_id()),
        &server,
    );
    run.args(["--events"]).arg(&store).arg("--json");
    run.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = run.spawn().unwrap();
    // Once it is under way, Meta pauses the template. The sandbox goes on accepting sends
    // with it, so only the webhook can stop the run.
    while !journal.exists() || sent_so_far(&journal) < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    receiver
        .post(&template_status(
            &server,
            "PAUSED",
            "low quality rating",
            1_764_072_000,
        ))
        .await;
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "a template stop is a refusal: {stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    let stopped = summary["stopped"].as_str().unwrap();
    assert!(
        stopped.starts_with(
            "template spring_sale en_US was PAUSED (low quality rating) while the campaign ran"
        ),
        "{stopped}"
    );
    let report = campaign_report(&journal);
    let sent = state_count(&report, "sent");
    assert!(sent < ROWS, "stopped before the end: {report}");
    assert_eq!(sent + state_count(&report, "pending"), ROWS, "{report}");
    assert_eq!(sent as usize, server.messages().len());

    // Meta approves it again; the receiver records that too, and the resume finishes.
    receiver
        .post(&template_status(&server, "APPROVED", "NONE", 1_764_075_600))
        .await;
    let mut resume = with_account(
        files.command(
            &server.base_url(),
            server.phone_number_id(),
            &["resume", "--mps", "200"],
        ),
        &server,
    );
    resume.args(["--events"]).arg(&store);
    let out = wamm_e2e::finished(resume).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let mut each: HashMap<String, usize> = HashMap::new();
    for message in server.messages() {
        *each.entry(message.user).or_default() += 1;
    }
    assert_eq!(each.len() as u64, ROWS);
    assert!(each.values().all(|n| *n == 1), "sent twice: {each:?}");

    // The report lists what the receiver recorded about the template.
    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--json", "--journal"])
        .arg(&journal)
        .arg("--events")
        .arg(&store)
        .output()
        .unwrap();
    let report: Value = serde_json::from_str(&text(&out).0).unwrap();
    let events: Vec<(&str, &str)> = report["template_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["event"].as_str().unwrap()))
        .collect();
    assert_eq!(events, [("status", "PAUSED"), ("status", "APPROVED")]);
}

/// The sandbox pauses its own template (`POST /__sandbox/templates/{name}/status`, as Meta
/// would for low quality), refuses sends with it (132015) and posts the signed
/// `message_template_status_update` to the receiver: whichever the run meets first, it stops
/// naming the pause, nothing is lost, and once the template is approved again a resume sends
/// every row left exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_template_the_sandbox_pauses_mid_run_stops_it_and_resume_after_approval_finishes() {
    const ROWS: u64 = 60;
    let files = CampaignFiles::new(
        &wamm_e2e::campaign_toml("sandboxed", 3, 2, ""),
        ROWS as usize,
    );
    let store = files.path("events.db");
    let receiver = Receiver::start(&store, SECRET, &[]);
    let server = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        templates: templates(2_592_000),
        webhooks: Some(wamm_sandbox::WebhookConfig {
            url: receiver.url.clone(),
            app_secret: SECRET.to_string(),
            // No failures that would suppress a user: every row must be sent in the end.
            spec: wamm_sandbox::WebhookSpec {
                failed_131049: 0.0,
                failed_131050: 0.0,
                ..wamm_sandbox::WebhookSpec::default()
            },
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let journal = files.path("journal");
    let set_status = |status: &'static str| {
        let url = format!(
            "{}/__sandbox/templates/spring_sale/status",
            server.base_url()
        );
        async move {
            let answer = reqwest::Client::new()
                .post(url)
                .bearer_auth(TOKEN)
                .json(&json!({"status": status}))
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status().as_u16(), 200);
        }
    };

    let mut run = with_account(
        files.run_command(&server.base_url(), server.phone_number_id()),
        &server,
    );
    run.args(["--events"]).arg(&store).arg("--json");
    run.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = run.spawn().unwrap();
    while !journal.exists() || sent_so_far(&journal) < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    set_status("PAUSED").await;
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    let stopped = summary["stopped"].as_str().unwrap().to_lowercase();
    assert!(stopped.contains("paused"), "{stopped}");
    let report = campaign_report(&journal);
    let sent = state_count(&report, "sent");
    assert!(sent < ROWS, "{report}");
    assert_eq!(sent + state_count(&report, "pending"), ROWS, "{report}");
    assert_eq!(state_count(&report, "failed"), 0, "{report}");

    set_status("APPROVED").await;
    let mut resume = with_account(
        files.command(
            &server.base_url(),
            server.phone_number_id(),
            &["resume", "--mps", "200"],
        ),
        &server,
    );
    resume.args(["--events"]).arg(&store);
    let out = wamm_e2e::finished(resume).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let mut each: HashMap<String, usize> = HashMap::new();
    for message in server.messages() {
        *each.entry(message.user).or_default() += 1;
    }
    assert_eq!(each.len() as u64, ROWS);
    assert!(each.values().all(|n| *n == 1), "sent twice: {each:?}");
}

/// Without an event store and without a check before sending, a template that is no longer
/// approved (Meta answers 132001) stops the run at the first refusal instead of failing every
/// row: the rows stay pending for a resume once it is approved again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_template_no_longer_approved_stops_the_run_instead_of_failing_every_row() {
    const ROWS: u64 = 20;
    let server = sandbox(2_592_000).await;
    let changed =
        server.set_template_status("spring_sale", None, wamm_sandbox::TemplateStatus::Rejected);
    assert_eq!(changed, ["en_US"]);
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("gone", 0, 1, ""), ROWS as usize);
    let mut run = files.run_command(&server.base_url(), server.phone_number_id());
    run.arg("--json");
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(summary["stopped_code"], 132001, "{summary}");
    let report = campaign_report(&files.path("journal"));
    assert_eq!(state_count(&report, "failed"), 0, "{report}");
    assert_eq!(state_count(&report, "pending"), ROWS, "{report}");
    assert!(server.messages().is_empty());
}
