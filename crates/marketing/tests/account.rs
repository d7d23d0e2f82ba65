//! The account around a campaign, against the sandbox over HTTP: reading the account and its
//! numbers, the pre-flight that stops or warns before the first request, and the daily
//! budget that holds a run to N messages while later runs go on from where it stopped, none
//! sent twice.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::phone_list;
use marketing::account::{
    AccountError, DailyLimit, MessagingLimitTier, OnboardingStatus, PhoneNumberStatus,
    QualityRating,
};
use marketing::campaign::{
    self, AccountNotReady, CampaignDefinition, Route, RunOptions, RunSummary, StopSignal,
};
use marketing::{AccessToken, MarketingClient};
use tokio::sync::watch;
use wamm_sandbox::{DEFAULT_PHONE_NUMBER_ID, PhoneNumber, Sandbox, SandboxConfig};

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
    let recipients = phone_list(dir, 25);

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
    let recipients = phone_list(dir.path(), 6);
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
    let recipients = phone_list(dir.path(), 2);
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

#[tokio::test]
async fn the_account_and_every_number_are_read_through_the_generated_operations() {
    let second = "106540352242999";
    let sandbox = Sandbox::start(
        SandboxConfig::default()
            .with_insights_enabled(true)
            .with_phone_number(
                PhoneNumber::onboarded(second)
                    .with_status(PhoneNumberStatus::Flagged)
                    .with_quality_rating(QualityRating::Red)
                    .with_messaging_limit_tier(MessagingLimitTier::Tier1k)
                    .with_throughput_level("HIGH"),
            ),
    )
    .await
    .unwrap();
    let account = client(&sandbox).account_status().await.unwrap();
    assert_eq!(account.waba_id, sandbox.waba_id());
    assert!(account.is_onboarded());
    assert_eq!(account.onboarding_fix(), None);
    assert_eq!(account.insights_enabled, Some(true));
    assert_eq!(account.numbers.len(), 2);
    let first = account.number(DEFAULT_PHONE_NUMBER_ID).unwrap();
    assert!(first.can_send());
    assert_eq!(first.daily_limit, DailyLimit::Unlimited);
    let flagged = account.number(second).unwrap();
    assert!(!flagged.can_send());
    assert_eq!(flagged.status_label(), "FLAGGED");
    assert_eq!(flagged.quality, Some(QualityRating::Red));
    assert_eq!(flagged.daily_limit.users(), Some(1000));
    assert_eq!(flagged.throughput.as_deref(), Some("HIGH"));
    assert!(sandbox.messages().is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_unknown_account_is_named_as_such() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let client = MarketingClient::for_account("999999999", AccessToken::new(sandbox.token()))
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let error = client.account_status().await.unwrap_err();
    assert!(
        matches!(&error, AccountError::UnknownAccount { waba_id, .. } if waba_id == "999999999"),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("no WhatsApp Business Account 999999999")
    );
    assert!(!error.is_retryable());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_strict_campaign_from_an_account_not_onboarded_stops_before_any_send() {
    let sandbox = Sandbox::start(
        SandboxConfig::default()
            .with_onboarding_status(OnboardingStatus::PendingValidPaymentMethod),
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recipients = phone_list(dir.path(), 3);
    let error =
        campaign::check_account(&client(&sandbox), &definition("STRICT"), Some(&recipients))
            .await
            .unwrap_err();
    match &error {
        AccountNotReady::NotOnboarded { status, fix, .. } => {
            assert_eq!(status, "PENDING_VALID_PAYMENT_METHOD");
            assert!(fix.contains("payment method"), "{fix}");
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("nothing was sent"));
    assert!(sandbox.messages().is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_fallback_campaign_from_an_account_not_onboarded_is_told_its_route() {
    let sandbox =
        Sandbox::start(SandboxConfig::default().with_onboarding_status(OnboardingStatus::Eligible))
            .await
            .unwrap();
    let check = campaign::check_account(&client(&sandbox), &definition("CLOUD_API_FALLBACK"), None)
        .await
        .unwrap();
    assert_eq!(check.route, Route::CloudApi);
    assert_eq!(check.warnings.len(), 1, "{:?}", check.warnings);
    assert!(check.warnings[0].contains("will go through the Cloud API"));
    assert!(
        check.warnings[0].contains("accepts them"),
        "the fix for ELIGIBLE"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_number_that_cannot_send_stops_the_campaign_naming_it() {
    let sandbox = Sandbox::start(SandboxConfig::default().with_phone_number(
        PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID).with_status(PhoneNumberStatus::Flagged),
    ))
    .await
    .unwrap();
    let error = campaign::check_account(&client(&sandbox), &definition("STRICT"), None)
        .await
        .unwrap_err();
    match &error {
        AccountNotReady::NumberCannotSend {
            phone_number_id,
            status,
            ..
        } => {
            assert_eq!(phone_number_id, DEFAULT_PHONE_NUMBER_ID);
            assert_eq!(status, "FLAGGED");
        }
        other => panic!("{other:?}"),
    }
    // A number the account does not have is named too.
    let elsewhere = client(&sandbox)
        .with_phone_number_id("106540352240000")
        .unwrap();
    let error = campaign::check_account(&elsewhere, &definition("STRICT"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(error, AccountNotReady::NumberNotInAccount { .. }),
        "{error:?}"
    );
    assert!(sandbox.messages().is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_list_larger_than_the_messaging_limit_is_warned_about_with_both_figures() {
    let sandbox = Sandbox::start(
        SandboxConfig::default().with_phone_number(
            PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID)
                .with_messaging_limit_tier(MessagingLimitTier::Tier50),
        ),
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // 60 distinct recipients, one of them written twice (the same person, counted once).
    let recipients = phone_list(dir.path(), 60);
    let mut text = std::fs::read_to_string(&recipients).unwrap();
    text.push_str("+447700900000,Again\n");
    std::fs::write(&recipients, text).unwrap();
    let check =
        campaign::check_account(&client(&sandbox), &definition("STRICT"), Some(&recipients))
            .await
            .unwrap();
    assert_eq!(check.route, Route::MarketingMessages);
    assert_eq!(check.unique_recipients, Some(60));
    assert_eq!(check.warnings.len(), 1, "{:?}", check.warnings);
    assert!(
        check.warnings[0].contains("60 unique recipients"),
        "{}",
        check.warnings[0]
    );
    assert!(
        check.warnings[0].contains("the 50 unique users"),
        "{}",
        check.warnings[0]
    );
    assert!(check.warnings[0].contains("--max-per-day 50"));
    // Within the limit, nothing to say.
    let small = phone_list(dir.path(), 50);
    let check = campaign::check_account(&client(&sandbox), &definition("STRICT"), Some(&small))
        .await
        .unwrap();
    assert!(check.warnings.is_empty(), "{:?}", check.warnings);
    sandbox.shutdown().await;
}
