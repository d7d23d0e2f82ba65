//! The account end to end: `wamm account` against a sandbox playing an account in each state,
//! and the pre-flight `campaign run` and `resume` make before their first request (stop,
//! warn, or hold the run to a daily budget), through the real binary.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use wamm_e2e::{TOKEN, code, run_against, text};
use wamm_sandbox::{
    DEFAULT_PHONE_NUMBER_ID, MessagingLimitTier, OnboardingStatus, PhoneNumber, PhoneNumberStatus,
    Sandbox, SandboxConfig,
};

const WABA: &str = wamm_sandbox::DEFAULT_WABA_ID;

const CAMPAIGN: &str = r#"
name = "account-e2e"
recipient_column = "phone"
messages_per_second = 0
concurrency = 4

[message]
product_policy = "POLICY"

[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{name}}" }] }]
"#;

async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..config
    })
    .await
    .expect("sandbox starts")
}

/// Runs `wamm args --waba-id WABA` against `sandbox`.
async fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--waba-id", WABA]);
    run_against(&sandbox.base_url(), sandbox.phone_number_id(), &all).await
}

/// A campaign file with `policy` and a list of `n` distinct recipients in `dir`.
fn campaign(dir: &Path, policy: &str, n: u64) -> (String, String) {
    let file = dir.join("campaign.toml");
    std::fs::write(&file, CAMPAIGN.replace("POLICY", policy)).unwrap();
    let list = dir.join("list.csv");
    let mut text = String::from("phone,name\n");
    for i in 0..n {
        text.push_str(&format!("4477009{i:05},Name{i}\n"));
    }
    std::fs::write(&list, text).unwrap();
    (file.display().to_string(), list.display().to_string())
}

/// `campaign run` of a campaign with `policy` over `n` recipients, journalled in `dir`.
async fn run_campaign(
    sandbox: &Sandbox,
    dir: &Path,
    policy: &str,
    n: u64,
    extra: &[&str],
) -> Output {
    let (file, list) = campaign(dir, policy, n);
    let journal = dir.join("c.journal").display().to_string();
    let mut args = vec![
        "campaign",
        "run",
        "--campaign",
        &file,
        "--recipients",
        &list,
        "--journal",
        &journal,
    ];
    args.extend_from_slice(extra);
    run(sandbox, &args).await
}

#[tokio::test(flavor = "multi_thread")]
async fn account_shows_an_onboarded_account_and_exits_0() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let output = run(&sandbox, &["account"]).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert!(stdout.contains(&format!("account {WABA}")), "{stdout}");
    assert!(stdout.contains("ONBOARDED"), "{stdout}");
    assert!(stdout.contains(DEFAULT_PHONE_NUMBER_ID), "{stdout}");
    assert!(stdout.contains("CONNECTED"), "{stdout}");
    assert!(stdout.contains("unlimited"), "{stdout}");

    let output = run(&sandbox, &["account", "--json"]).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["onboarded"], true);
    assert_eq!(json["what_to_do"], Value::Null);
    assert_eq!(json["numbers"][0]["can_send"], true);
    assert_eq!(json["numbers"][0]["daily_limit"], "unlimited");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn account_not_onboarded_says_what_to_do_and_exits_4() {
    let sandbox = sandbox(
        SandboxConfig::default()
            .with_onboarding_status(OnboardingStatus::Eligible)
            .with_phone_number(
                PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID)
                    .with_messaging_limit_tier(MessagingLimitTier::Tier250),
            ),
    )
    .await;
    let output = run(&sandbox, &["account", "--json"]).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["onboarding_status"], "ELIGIBLE");
    assert!(json["what_to_do"].as_str().unwrap().contains("terms"));
    assert_eq!(json["numbers"][0]["daily_limit"], 250);
    assert!(stderr.contains("not onboarded"), "{stderr}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn account_with_no_number_that_can_send_exits_4() {
    let sandbox = sandbox(SandboxConfig::default().with_phone_number(
        PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID).with_status(PhoneNumberStatus::Banned),
    ))
    .await;
    let output = run(&sandbox, &["account"]).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stderr}");
    assert!(stdout.contains("BANNED"), "{stdout}");
    assert!(stderr.contains("can send"), "{stderr}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn account_unknown_says_so() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let output = run_against(
        &sandbox.base_url(),
        sandbox.phone_number_id(),
        &["account", "--waba-id", "999999999"],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stderr}");
    assert!(
        stderr.contains("no WhatsApp Business Account 999999999"),
        "{stderr}"
    );
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_strict_campaign_from_an_account_not_onboarded_stops_before_any_request() {
    let sandbox = sandbox(
        SandboxConfig::default().with_onboarding_status(OnboardingStatus::PendingInternalSetup),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let output = run_campaign(&sandbox, dir.path(), "STRICT", 5, &[]).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stderr}");
    assert!(stderr.contains("not onboarded"), "{stderr}");
    assert!(stderr.contains("PENDING_INTERNAL_SETUP"), "{stderr}");
    assert!(stderr.contains("what to do:"), "{stderr}");
    assert_eq!(sandbox.messages().len(), 0);
    assert_eq!(
        sandbox.stats().requests,
        0,
        "no send request reached the sandbox"
    );
    assert!(!dir.path().join("c.journal").exists(), "no journal is left");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fallback_campaign_from_an_account_not_onboarded_is_warned_and_sent() {
    let sandbox =
        sandbox(SandboxConfig::default().with_onboarding_status(OnboardingStatus::Eligible)).await;
    let dir = tempfile::tempdir().unwrap();
    let output = run_campaign(&sandbox, dir.path(), "CLOUD_API_FALLBACK", 5, &[]).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let warning = stderr
        .lines()
        .position(|l| l.contains("will go through the Cloud API"))
        .expect("the route is said");
    let summary = stderr
        .lines()
        .position(|l| l.contains("checked against"))
        .unwrap_or(0);
    assert!(warning >= summary, "{stderr}");
    assert_eq!(sandbox.messages().len(), 5);
    assert_eq!(
        sandbox.stats().fallback,
        5,
        "the sandbox routed them as it warned"
    );
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flagged_number_stops_the_run_naming_it() {
    let sandbox = sandbox(SandboxConfig::default().with_phone_number(
        PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID).with_status(PhoneNumberStatus::Flagged),
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let output = run_campaign(&sandbox, dir.path(), "STRICT", 3, &[]).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stderr}");
    assert!(
        stderr.contains(&format!("phone number {DEFAULT_PHONE_NUMBER_ID}")),
        "{stderr}"
    );
    assert!(stderr.contains("FLAGGED"), "{stderr}");
    assert_eq!(sandbox.stats().requests, 0);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_past_the_messaging_limit_is_warned_about_with_both_figures() {
    let sandbox = sandbox(
        SandboxConfig::default().with_phone_number(
            PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID)
                .with_messaging_limit_tier(MessagingLimitTier::Tier50),
        ),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let output = run_campaign(&sandbox, dir.path(), "STRICT", 55, &["--max-per-day", "50"]).await;
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("55 unique recipients") && stderr.contains("the 50 unique users"),
        "{stderr}"
    );
    // Held to the limit: a clean stop, and when to go on.
    assert_eq!(code(&output), 0, "{stderr}");
    assert_eq!(sandbox.messages().len(), 50);
    assert!(stderr.contains("daily budget of 50"), "{stderr}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn max_per_day_stops_at_n_and_resume_goes_on_to_the_end_without_duplicates() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let output = run_campaign(
        &sandbox,
        dir.path(),
        "STRICT",
        12,
        &["--max-per-day", "5", "--json"],
    )
    .await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let json: Value = serde_json::from_str(stdout.trim()).expect("JSON summary");
    assert_eq!(json["sent"], 5);
    assert_eq!(json["complete"], false);
    assert_eq!(json["budget"]["reached"], true);
    assert_eq!(json["budget"]["max_per_day"], 5);
    assert!(
        json["budget"]["resume_after"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
    assert!(
        stderr.contains("wamm campaign resume --journal") && stderr.contains("--max-per-day 5"),
        "{stderr}"
    );
    assert_eq!(sandbox.messages().len(), 5);

    let journal = dir.path().join("c.journal").display().to_string();
    // The same day, the same budget: nothing more.
    let output = run(
        &sandbox,
        &[
            "campaign",
            "resume",
            "--journal",
            &journal,
            "--max-per-day",
            "5",
        ],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert_eq!(sandbox.messages().len(), 5);

    // Without the budget, the rest: each recipient once.
    let output = run(&sandbox, &["campaign", "resume", "--journal", &journal]).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let messages = sandbox.messages();
    assert_eq!(messages.len(), 12);
    let unique: std::collections::HashSet<&str> =
        messages.iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(unique.len(), 12, "no recipient twice");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_account_check_skips_the_pre_flight() {
    let sandbox = sandbox(SandboxConfig::default().with_phone_number(
        PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID).with_status(PhoneNumberStatus::Flagged),
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let output = run_campaign(&sandbox, dir.path(), "STRICT", 2, &["--no-account-check"]).await;
    let (_, stderr) = text(&output);
    // The sandbox refuses a flagged number's sends itself: the run stops on Meta's answer.
    assert_ne!(code(&output), 0, "{stderr}");
    assert!(
        !stderr.contains("not CONNECTED: it cannot send"),
        "{stderr}"
    );
    sandbox.shutdown().await;
}
