//! The account around a campaign, against the sandbox over HTTP: the daily budget holds a run
//! to N messages and later runs go on from where it stopped, none sent twice.

use std::collections::HashSet;
use std::path::Path;

use marketing::campaign::{self, CampaignDefinition, RunOptions, RunSummary, StopSignal};
use marketing::{AccessToken, MarketingClient};
use tokio::sync::watch;
use wamm_sandbox::{Sandbox, SandboxConfig};

const CAMPAIGN: &str = r#"
name = "daily"
recipient_column = "phone"
messages_per_second = 0
concurrency = 4

[message]
product_policy = "CLOUD_API_FALLBACK"

[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{name}}" }] }]
"#;

fn definition(policy: &str) -> CampaignDefinition {
    CampaignDefinition::from_toml(
        &CAMPAIGN.replace("CLOUD_API_FALLBACK", policy),
        "daily.toml",
    )
    .unwrap()
}

/// A list of `n` distinct recipients.
fn list(dir: &Path, n: u64) -> std::path::PathBuf {
    let path = dir.join("list.csv");
    let mut text = String::from("phone,name\n");
    for i in 0..n {
        text.push_str(&format!("4477009{i:05},Name{i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn client(sandbox: &Sandbox) -> MarketingClient {
    MarketingClient::builder(sandbox.phone_number_id(), AccessToken::new(sandbox.token()))
        .base_url(sandbox.base_url())
        .waba_id(sandbox.waba_id())
        .build()
        .unwrap()
}

fn budget(n: u64) -> RunOptions {
    RunOptions {
        max_per_day: Some(n),
        ..RunOptions::default()
    }
}

async fn run(
    sandbox: &Sandbox,
    recipients: &Path,
    journal: &Path,
    options: RunOptions,
) -> RunSummary {
    let (tx, _rx) = watch::channel(Default::default());
    campaign::run(
        client(sandbox),
        definition("CLOUD_API_FALLBACK"),
        recipients,
        journal,
        options,
        StopSignal::new(),
        tx,
    )
    .await
    .unwrap()
}

async fn resume(sandbox: &Sandbox, journal: &Path, options: RunOptions) -> RunSummary {
    let (tx, _rx) = watch::channel(Default::default());
    campaign::resume(client(sandbox), journal, options, StopSignal::new(), tx)
        .await
        .unwrap()
}

/// The recipients the sandbox accepted messages for, each once.
fn recipients_once(sandbox: &Sandbox) -> HashSet<String> {
    let messages = sandbox.messages();
    let unique: HashSet<String> = messages.iter().map(|m| m.recipient.clone()).collect();
    assert_eq!(unique.len(), messages.len(), "a recipient got two messages");
    unique
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_budget_stops_the_run_and_later_runs_go_on_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    budget_holds(&dir.path().join("daily.journal"), dir.path()).await;
}

/// The same with a campaign kept in PostgreSQL, whose rows are claimed (skipped, and says
/// so, where PostgreSQL is not installed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_budget_holds_a_campaign_kept_in_postgresql() {
    let Some(url) = wamm_testkit::postgres::database("account_budget") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    budget_holds(Path::new(&url), dir.path()).await;
}

async fn budget_holds(journal: &Path, dir: &Path) {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let recipients = list(dir, 25);

    let first = run(&sandbox, &recipients, journal, budget(10)).await;
    assert_eq!(first.progress.sent, 10, "{first:?}");
    assert_eq!(sandbox.messages().len(), 10);
    let used = first.budget.clone().expect("the budget is reported");
    assert!(used.reached, "{used:?}");
    assert_eq!((used.max_per_day, used.sent_before), (10, 0));
    assert!(used.resume_after().is_some());
    assert!(!first.is_complete());
    let stopped = first.stopped.expect("the budget stops the run");
    assert!(stopped.message.contains("daily budget of 10"), "{stopped}");

    // The same day, the same budget: the 10 sent count, nothing more goes.
    let again = resume(&sandbox, journal, budget(10)).await;
    assert_eq!(again.progress.sent, 0);
    let used = again.budget.expect("the budget is reported");
    assert_eq!((used.sent_before, used.reached), (10, true));
    assert_eq!(sandbox.messages().len(), 10);

    // A larger budget has room for 10 more.
    let more = resume(&sandbox, journal, budget(20)).await;
    assert_eq!(more.progress.sent, 10);
    assert_eq!(sandbox.messages().len(), 20);

    // Without a budget, the rest: every recipient once.
    let rest = resume(&sandbox, journal, RunOptions::default()).await;
    assert!(rest.is_complete(), "{rest:?}");
    assert_eq!(rest.budget, None);
    assert_eq!(rest.progress.sent, 5);
    assert_eq!(recipients_once(&sandbox).len(), 25);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_larger_than_the_list_completes_the_run() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recipients = list(dir.path(), 6);
    let journal = dir.path().join("daily.journal");
    let summary = run(&sandbox, &recipients, &journal, budget(100)).await;
    assert!(summary.is_complete(), "{summary:?}");
    let used = summary.budget.expect("the budget is reported");
    assert_eq!((used.handed_over, used.reached), (6, false));
    assert_eq!(used.resume_after(), None);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_zero_budget_is_refused_before_anything() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recipients = list(dir.path(), 2);
    let journal = dir.path().join("daily.journal");
    let (tx, _rx) = watch::channel(Default::default());
    let error = campaign::run(
        client(&sandbox),
        definition("CLOUD_API_FALLBACK"),
        &recipients,
        &journal,
        budget(0),
        StopSignal::new(),
        tx,
    )
    .await
    .unwrap_err();
    assert!(error.to_string().contains("max_per_day 0"), "{error}");
    assert!(!journal.exists());
    assert!(sandbox.messages().is_empty());
    sandbox.shutdown().await;
}
