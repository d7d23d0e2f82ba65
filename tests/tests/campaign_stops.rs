//! Campaigns that never run blind: each mistake a new user makes (a wrong phone number ID, a
//! broken `[message]`, a template typo, an outage, bad flags) stops the run early, names the
//! fix, exits non-zero, and leaves everyone not yet sent for `resume`, which then sends them
//! exactly once. The real `wamm` binary against a real sandbox.

use std::collections::HashMap;
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::Value;
use wamm_e2e::{CampaignFiles, TOKEN, campaign_report, code, state_count, text};
use wamm_sandbox::{FaultSpec, Sandbox, SandboxConfig};

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("stops", 0, 4);

type Files = CampaignFiles;

async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..config
    })
    .await
    .unwrap()
}

/// `wamm campaign <args> --journal J` with the sandbox's settings in the environment.
fn campaign(sandbox: &Sandbox, files: &Files, args: &[&str]) -> Command {
    files.command(&sandbox.base_url(), sandbox.phone_number_id(), args)
}

fn run_args(files: &Files) -> Vec<String> {
    wamm_e2e::run_args(&files.path("campaign.toml"), &files.path("recipients.csv"))
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

async fn output(command: Command) -> Output {
    wamm_e2e::finished(command).await
}

/// The campaign's report, as JSON.
fn report(files: &Files) -> Value {
    campaign_report(&files.path("journal"))
}

fn count(report: &Value, state: &str) -> u64 {
    state_count(report, state)
}

/// Every recipient of the list got exactly one message.
fn assert_each_once(sandbox: &Sandbox, rows: usize) {
    let mut per_user: HashMap<String, usize> = HashMap::new();
    for m in sandbox.messages() {
        *per_user.entry(m.user).or_default() += 1;
    }
    assert_eq!(per_user.len(), rows, "everyone got a message");
    let twice: Vec<_> = per_user.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent twice: {twice:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_phone_number_id_stops_after_the_first_sends_and_resume_sends_the_rest_once() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = Files::new(CAMPAIGN, 1000);
    let mut command = campaign(&sandbox, &files, &strs(&run_args(&files)));
    command.env("WHATSAPP_PHONE_NUMBER_ID", "999999");
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    // 100 with subcode 33 concerns the number: the run stops at once (exit 4), no row failed.
    assert_eq!(code(&out), 4, "{stdout}\n{stderr}");
    assert!(stderr.contains("--phone-number-id"), "{stderr}");
    assert!(stderr.contains("999999"), "{stderr}");
    let resume_hint = format!("wamm campaign resume --journal {}", files.arg("journal"));
    assert!(stderr.contains(&resume_hint), "{stderr}");
    // The first refusal stops it: at most the unpaced window (4 connections, 16 reserved
    // ahead) was on its way.
    let requests = sandbox.stats().requests;
    assert!((1..=20).contains(&requests), "{requests} requests");
    assert!(sandbox.messages().is_empty());
    // Every row is still to send: the refused ones went back to pending.
    let before = report(&files);
    assert_eq!(before["total"], 1000);
    assert_eq!(count(&before, "pending"), 1000, "{before}");

    // Fixed (the environment has the right ID again): the rest goes out once.
    let out = output(campaign(&sandbox, &files, &["resume"])).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert_each_once(&sandbox, 1000);
    assert_eq!(count(&report(&files), "sent"), 1000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mistake_in_the_message_is_refused_before_anything_is_sent() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    for (mistake, field) in [
        (
            CAMPAIGN.replace(r#"language = { code = "en_US" }"#, r#"language = "en_US""#),
            "message.template.language",
        ),
        (
            CAMPAIGN.replace(
                "[message.template]",
                "[message]\ntype = \"txt\"\n[message.template]",
            ),
            "message.type",
        ),
    ] {
        let files = Files::new(&mistake, 20);
        let out = output(campaign(&sandbox, &files, &strs(&run_args(&files)))).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{stdout}\n{stderr}");
        assert!(
            stderr.contains(&files.arg("campaign.toml")),
            "names the file: {stderr}"
        );
        assert!(stderr.contains(field), "names {field}: {stderr}");
        assert!(stderr.contains("every recipient"), "{stderr}");
        assert!(
            !files.path("journal").exists(),
            "no journal for a refused campaign"
        );
    }
    assert_eq!(sandbox.stats().requests, 0, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_template_typo_fixed_in_the_file_and_resumed_with_campaign_completes_once() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let typo = CAMPAIGN.replace("spring_sale", "spring_sael");
    let files = Files::new(&typo, 300);
    let out = output(campaign(&sandbox, &files, &strs(&run_args(&files)))).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "{stdout}\n{stderr}");
    assert!(stderr.contains("132001"), "{stderr}");
    let hint = format!(
        "wamm campaign resume --journal {} --campaign",
        files.arg("journal")
    );
    assert!(stderr.contains(&hint), "a real command: {stderr}");
    assert!(!stderr.contains("--journal ..."), "{stderr}");
    assert_eq!(count(&report(&files), "pending"), 300);

    // The file is fixed; a resume that ignored it would fail the same way. Without
    // --campaign, the edit is named, not ignored.
    std::fs::write(files.path("campaign.toml"), CAMPAIGN).unwrap();
    let out = output(campaign(&sandbox, &files, &["resume"])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("has changed"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "wamm campaign resume --journal {} --campaign {}",
            files.arg("journal"),
            files.arg("campaign.toml")
        )),
        "{stderr}"
    );
    assert!(sandbox.messages().is_empty());

    let out = output(campaign(
        &sandbox,
        &files,
        &["resume", "--campaign", &files.arg("campaign.toml")],
    ))
    .await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert_each_once(&sandbox, 300);
    let report = report(&files);
    let revisions = report["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2, "{report}");
    assert_eq!(revisions[0]["sent"], 0);
    assert_eq!(revisions[1]["sent"], 300);
    assert!(
        sandbox
            .messages()
            .iter()
            .all(|m| m.template == "spring_sale")
    );

    // Resuming the finished campaign says so and sends nothing.
    let out = output(campaign(&sandbox, &files, &["resume"])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("already complete"), "{stdout}");
    assert_eq!(sandbox.messages().len(), 300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_stops_the_run_instead_of_turning_the_list_unknown() {
    let sandbox = sandbox(SandboxConfig {
        faults: FaultSpec::parse("500=1").unwrap(),
        ..SandboxConfig::default()
    })
    .await;
    let files = Files::new(CAMPAIGN, 500);
    let out = output(campaign(&sandbox, &files, &strs(&run_args(&files)))).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 5, "{stdout}\n{stderr}");
    assert!(stderr.contains("may or may not have been sent"), "{stderr}");
    let report = report(&files);
    let unknown = count(&report, "unknown");
    // The 10 unknowns in a row that halt it, plus at most the unpaced window (4 connections,
    // 16 reserved ahead) sent before the halt took hold.
    assert!((10..=30).contains(&unknown), "{unknown} unknown: {report}");
    assert_eq!(count(&report, "pending") + unknown, 500, "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_that_outlasts_the_retries_stops_the_run_and_loses_no_one() {
    // The number takes 2 messages a second; the campaign allows 2 attempts, 10 ms apart.
    let slow = sandbox(SandboxConfig {
        mps: 2,
        burst: Some(2),
        ..SandboxConfig::default()
    })
    .await;
    let files = Files::new(
        &CAMPAIGN.replace(
            "[message.template]",
            "[retry]\nmax_attempts = 2\nbase_delay_ms = 10\n\n[message.template]",
        ),
        40,
    );
    let out = output(campaign(&slow, &files, &strs(&run_args(&files)))).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 3, "{stdout}\n{stderr}");
    assert!(stderr.contains("130429"), "{stderr}");
    assert!(stderr.contains("retry.max_attempts"), "{stderr}");
    let resume_hint = format!("wamm campaign resume --journal {}", files.arg("journal"));
    assert!(stderr.contains(&resume_hint), "{stderr}");
    // A throttled row is not a refusal of the recipient: nobody is `failed`.
    let before = report(&files);
    assert_eq!(count(&before, "failed"), 0, "{before}");
    let sent = count(&before, "sent");
    assert_eq!(sent, slow.messages().len() as u64, "{before}");
    assert_eq!(sent + count(&before, "pending"), 40, "{before}");

    // On a number with room, resume sends the rest, each once.
    let fast = sandbox(SandboxConfig::default()).await;
    let out = output(campaign(&fast, &files, &["resume"])).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let mut users: Vec<String> = slow.messages().into_iter().map(|m| m.user).collect();
    users.extend(fast.messages().into_iter().map(|m| m.user));
    let total = users.len();
    users.sort();
    users.dedup();
    assert_eq!((users.len(), total), (40, 40), "each once");
    assert_eq!(count(&report(&files), "sent"), 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_outcomes_exit_5_and_a_list_with_nothing_sent_never_exits_0() {
    // Some answers are lost: complete, but a script must be able to tell.
    let sandbox = sandbox(SandboxConfig {
        faults: FaultSpec::parse("lost=0.05").unwrap(),
        seed: 3,
        ..SandboxConfig::default()
    })
    .await;
    let files = Files::new(CAMPAIGN, 200);
    let out = output(campaign(&sandbox, &files, &strs(&run_args(&files)))).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 5, "{stdout}\n{stderr}");
    assert!(stdout.contains("complete:"), "{stdout}");

    // Every row invalid (no usable phone numbers): nothing sent, exit 2, reasons by count.
    let sandbox = self::sandbox(SandboxConfig::default()).await;
    let files = Files::new(CAMPAIGN, 0);
    std::fs::write(
        files.path("recipients.csv"),
        "phone,first_name\nnot-a-number,Ana\n12,Ben\n",
    )
    .unwrap();
    let out = output(campaign(&sandbox, &files, &strs(&run_args(&files)))).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("no message could be sent"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totals_count_every_row_of_the_list_even_after_ctrl_c() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = Files::new(
        &CAMPAIGN.replace("messages_per_second = 0", "messages_per_second = 40"),
        300,
    );
    let mut command = campaign(&sandbox, &files, &strs(&run_args(&files)));
    command.arg("--json");
    command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = command.spawn().unwrap();
    // Interrupt it once it has sent some (300 rows at 40 a second take 7.5 s), however long a
    // loaded machine took to start it.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while sandbox.messages().len() < 5 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}\n{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(summary["total"], 300, "{summary}");
    let remaining = summary["remaining"].as_u64().unwrap();
    assert!(remaining > 0 && remaining < 300, "{summary}");
    let report = report(&files);
    assert_eq!(report["total"], 300, "{report}");
    assert_eq!(count(&report, "pending"), remaining, "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flags_that_override_the_file_get_the_same_checks() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = Files::new(CAMPAIGN, 10);
    for (flag, value) in [
        ("--concurrency", "5000000"),
        ("--concurrency", "0"),
        ("--mps", "NaN"),
        ("--mps", "inf"),
        ("--mps", "-1"),
    ] {
        let mut args = run_args(&files);
        args.push(format!("{flag}={value}"));
        let out = output(campaign(&sandbox, &files, &strs(&args))).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{flag} {value}: {stdout}\n{stderr}");
        assert!(stderr.contains(flag), "{flag} {value}: {stderr}");
        assert!(!files.path("journal").exists(), "{flag} {value}");
    }
    assert_eq!(sandbox.stats().requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_listening_names_the_url_and_the_rows_stay_pending() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = Files::new(
        &CAMPAIGN.replace(
            "[message.template]",
            "[retry]\nmax_attempts = 2\nbase_delay_ms = 10\n\n[message.template]",
        ),
        20,
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let mut command = campaign(&sandbox, &files, &strs(&run_args(&files)));
    command.env("WAMM_BASE_URL", &url);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}\n{stderr}");
    assert!(stderr.contains(&format!("running at {url}")), "{stderr}");
    assert!(
        stderr.to_lowercase().contains("connection refused"),
        "{stderr}"
    );
    assert_eq!(count(&report(&files), "pending"), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_follows_a_moved_list_and_refuses_a_changed_one() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = Files::new(
        &CAMPAIGN.replace("messages_per_second = 0", "messages_per_second = 100"),
        100,
    );
    // Stop it early: the journal's first run ends with rows pending.
    let mut command = campaign(&sandbox, &files, &strs(&run_args(&files)));
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let child = command.spawn().unwrap();
    // Stop it once it has sent some (at 100 a second, 100 rows take a second): waiting for the
    // sandbox rather than a fixed time keeps a loaded machine from stopping it before its
    // journal exists.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while sandbox.messages().len() < 5 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let _ = tokio::task::spawn_blocking(move || child.wait_with_output()).await;

    let moved = files.path("moved.csv");
    std::fs::rename(files.path("recipients.csv"), &moved).unwrap();
    let out = output(campaign(&sandbox, &files, &["resume"])).await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("--recipients"), "{stderr}");

    // A copy with one row changed is not the same list.
    let changed = files.path("changed.csv");
    let text_now = std::fs::read_to_string(&moved).unwrap();
    std::fs::write(
        &changed,
        text_now
            .replacen("Name1,", "Name1x,", 1)
            .replacen("Name1\n", "Name1x\n", 1),
    )
    .unwrap();
    let out = output(campaign(
        &sandbox,
        &files,
        &["resume", "--recipients", changed.to_str().unwrap()],
    ))
    .await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(
        stderr.contains("not the list this campaign started with"),
        "{stderr}"
    );

    let out = output(campaign(
        &sandbox,
        &files,
        &["resume", "--recipients", moved.to_str().unwrap()],
    ))
    .await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert_each_once(&sandbox, 100);
    // The journal now knows the new place: a plain resume finds it.
    let out = output(campaign(&sandbox, &files, &["resume"])).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert!(text(&out).0.contains("already complete"));
}

/// A flag that overrides the file applies to one run: the journal keeps the file's own
/// definition, so a later resume does not take the override for an edit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_override_flag_is_not_mistaken_for_an_edited_file() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let files = Files::new(CAMPAIGN, 5);
    let mut args = run_args(&files);
    args.extend(["--mps".to_string(), "7".to_string()]);
    let out = output(campaign(&sandbox, &files, &strs(&args))).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let out = output(campaign(&sandbox, &files, &["resume"])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("already complete"), "{stdout}");
}
