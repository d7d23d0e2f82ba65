//! Opt-outs users send, end to end: the real receiver records an inbound "STOP", a tap on a
//! template's "Stop promotions" button, the older `user_preference_changed` message and a
//! keyword the business chose (`--opt-out-keyword`), and the next campaign skips those users;
//! anything else users write changes nothing. And 131064, the messaging limit lowered after
//! template classification violations: the campaign stops, and the row that met it ends
//! `failed` with Meta's meaning and what to do, never `unknown`.

use serde_json::{Value, json};
use wamm_e2e::Receiver;

const SECRET: &str = "e2e-app-secret-0pt0";

/// A `messages` webhook with one message `user` sent at `at`.
fn inbound(user: &str, at: u64, message: Value) -> Vec<u8> {
    let mut message = message;
    message["from"] = json!(user);
    message["id"] = json!(format!("wamid.in{user}{at}"));
    message["timestamp"] = json!(at.to_string());
    serde_json::to_vec(&json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
        "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "contacts": [{"wa_id": user, "profile": {"name": "Someone"}}],
            "messages": [message]}}]}]}))
    .unwrap()
}

fn text(body: &str) -> Value {
    json!({"type": "text", "text": {"body": body}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_who_wrote_stop_or_tapped_stop_promotions_are_skipped_by_the_next_campaign() {
    let sandbox = wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        ..Default::default()
    })
    .await
    .unwrap();
    // Recipients 447700900000 .. 447700900007.
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("after", 0, 4, ""), 8);
    let store = files.path("events.db");
    let receiver = Receiver::start(
        &store,
        SECRET,
        &["--opt-out-keyword", "STOP", "--opt-out-keyword", "Pare"],
    );
    let tap = json!({"type": "button", "button": {"text": "Stop promotions", "payload": "Stop promotions"},
        "context": {"from": "15550783881", "id": "wamid.earlier"}});
    let legacy = json!({"type": "system", "system": {"type": "user_preference_changed",
        "body": "User requested to stop marketing messages"}});
    for body in [
        inbound("447700900000", 100, text("STOP")),
        inbound("447700900001", 100, tap),
        inbound("447700900002", 100, legacy),
        inbound("447700900003", 100, text("pare")),
        // Not opt-outs: a question, a sentence with the word in it, a photo, and a keyword
        // that is not this receiver's (it was given its own list).
        inbound("447700900004", 100, text("Is the sale on until Sunday?")),
        inbound("447700900005", 100, text("stop by the shop tomorrow")),
        inbound(
            "447700900006",
            100,
            json!({"type": "image", "image": {"id": "42"}}),
        ),
        inbound("447700900007", 100, text("UNSUBSCRIBE")),
    ] {
        receiver.post(&body).await;
    }
    // Meta redelivers one: nothing changes.
    receiver
        .post(&inbound("447700900000", 100, text("STOP")))
        .await;
    receiver.kill();

    let out = wamm_e2e::wamm()
        .args(["suppression", "list", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let (listed, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let sources: Vec<(&str, &str)> = listed
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some((fields.next()?, fields.next()?))
        })
        .collect();
    assert_eq!(
        sources,
        [
            ("447700900000", "inbound-text:STOP"),
            ("447700900001", "quick-reply"),
            ("447700900002", "user_preference_changed"),
            ("447700900003", "inbound-text:PARE"),
        ],
        "{listed}"
    );

    let mut run = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    run.arg("--json").arg("--events").arg(&store);
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        (summary["sent"].as_u64(), summary["suppressed"].as_u64()),
        (Some(4), Some(4)),
        "{summary}"
    );
    let mut messaged: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    messaged.sort();
    assert_eq!(
        messaged,
        [
            "447700900004",
            "447700900005",
            "447700900006",
            "447700900007"
        ]
    );
    sandbox.shutdown().await;
}

/// 131064 stops the campaign (exit 4, an account problem) with nothing more sent; the row
/// that met it is `failed`, explained in the export, and the rest stay pending for `resume`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_131064_answer_ends_its_row_failed_with_the_explanation_and_stops_the_run() {
    use wamm_testkit::{Reply, ScriptedServer};
    let server = ScriptedServer::start(vec![Reply::graph_error(400, 131064)]).await;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("limit", 0, 1, ""), 5);
    let out = wamm_e2e::finished(files.run_command(&server.base_url(), "106540352242922")).await;
    let (_, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 4, "{stderr}");
    assert!(stderr.contains("131064"), "{stderr}");
    assert_eq!(server.requests().len(), 1, "nothing more was sent");
    let report = wamm_e2e::campaign_report(&files.path("journal"));
    assert_eq!(wamm_e2e::state_count(&report, "failed"), 1, "{report}");
    assert_eq!(wamm_e2e::state_count(&report, "pending"), 4, "{report}");
    assert_eq!(wamm_e2e::state_count(&report, "unknown"), 0, "{report}");
    let out = wamm_e2e::wamm()
        .args(["campaign", "report", "--export", "-.jsonl", "--journal"])
        .arg(files.path("journal"))
        .output()
        .unwrap();
    let (rows, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let failed: Vec<Value> = rows
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|row| row["state"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1, "{rows}");
    assert_eq!(failed[0]["error_code"], 131064, "{rows}");
    let reason = failed[0]["reason"].as_str().unwrap_or_default();
    assert!(
        reason.contains("messaging limit reached after template classification violations"),
        "{reason}"
    );
    assert!(reason.contains("WhatsApp Manager"), "{reason}");
}

/// The sandbox plays the users: after a delivered message some reply "STOP" and some tap
/// "Stop promotions", as webhooks the real receiver records; the account is onboarded
/// meanwhile (an `account_update` with `MM_LITE_TERMS_SIGNED`). The store then suppresses
/// exactly the users who replied, with their sources; counts the account update by what
/// happened; and the next campaign sends to everyone else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_users_the_sandbox_makes_reply_stop_are_skipped_and_the_account_update_is_typed() {
    use std::time::Duration;
    use wamm_sandbox::{AccountUpdate, OnboardingStatus, SandboxConfig, WebhookConfig};

    const ROWS: usize = 120;
    let files = wamm_e2e::CampaignFiles::new(&wamm_e2e::campaign_toml("replies", 0, 8, ""), ROWS);
    let store = files.path("events.db");
    let receiver = Receiver::start(&store, SECRET, &[]);
    let sandbox = wamm_sandbox::Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        mps: 1_000_000,
        seed: 64,
        webhooks: Some(WebhookConfig {
            url: receiver.url.clone(),
            app_secret: SECRET.to_string(),
            spec: "read=0.3,131049=0,131050=0,stop=0,stop-text=0.1,stop-button=0.1,duplicates=0.1,delay=100ms"
                .parse()
                .unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    assert_eq!(wamm_e2e::code(&out), 0, "{}", wamm_e2e::text(&out).1);
    for status in [OnboardingStatus::Eligible, OnboardingStatus::Onboarded] {
        sandbox
            .update_account(AccountUpdate {
                onboarding_status: Some(status),
                ..AccountUpdate::default()
            })
            .unwrap();
    }
    assert!(
        sandbox.webhooks_settled(Duration::from_secs(60)).await,
        "{:?}",
        sandbox.webhook_stats()
    );
    receiver.kill();

    let truth = sandbox.webhook_truth();
    let mut replied: Vec<(String, &str)> = truth
        .iter()
        .filter_map(|t| {
            let source = match t.stop_reply? {
                wamm_sandbox::StopReply::Text => "inbound-text:STOP",
                wamm_sandbox::StopReply::Button => "quick-reply",
            };
            Some((t.user.clone(), source))
        })
        .collect();
    replied.sort();
    assert!(
        replied.iter().any(|(_, s)| *s == "quick-reply")
            && replied.iter().any(|(_, s)| *s == "inbound-text:STOP"),
        "{replied:?}"
    );
    let events = marketing::webhook::EventStore::open_read_only(&store).unwrap();
    // Each reply names the user by phone number and by BSUID: both are suppressed, so a
    // campaign addressing them either way skips them.
    type Suppressed = Vec<(String, String)>;
    let (by_bsuid, by_phone): (Suppressed, Suppressed) = events
        .suppressions()
        .unwrap()
        .into_iter()
        .map(|(user, s)| (user, s.source))
        .partition(|(user, _)| user.contains('.'));
    let expected: Vec<(String, String)> = replied
        .iter()
        .map(|(user, source)| (user.clone(), source.to_string()))
        .collect();
    assert_eq!(by_phone, expected);
    assert_eq!(by_bsuid.len(), expected.len(), "{by_bsuid:?}");
    let counts = events.counts().unwrap();
    assert!(
        counts.contains(&("account_update:MM_LITE_TERMS_SIGNED".to_string(), 1)),
        "{counts:?}"
    );
    assert!(
        counts.contains(&("opt_out".to_string(), replied.len() as u64)),
        "{counts:?}"
    );
    drop(events);

    // The next campaign, to the same list, skips exactly them.
    let next = wamm_sandbox::Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        mps: 1_000_000,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let mut again = wamm_e2e::wamm();
    again
        .args(["campaign", "run", "--json", "--campaign"])
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
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        summary["suppressed"].as_u64(),
        Some(replied.len() as u64),
        "{summary}"
    );
    let messaged: std::collections::HashSet<String> =
        next.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(messaged.len(), ROWS - replied.len());
    assert!(replied.iter().all(|(user, _)| !messaged.contains(user)));
    sandbox.shutdown().await;
    next.shutdown().await;
}
