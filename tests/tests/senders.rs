//! Campaigns sending from several phone numbers (`[[senders]]`), against the sandbox: each
//! number keeps its own rate, and a number that cannot send stops alone while the others
//! send its share.

use serde_json::Value;
use wamm_sandbox::{PhoneNumber, Sandbox, SandboxConfig};

const A: &str = "106540352242901";
const B: &str = "106540352242902";
const C: &str = "106540352242903";

fn campaign(senders: &[(&str, Option<u32>)], mps: u32, strict: bool) -> String {
    let mut tables = String::new();
    for (id, rate) in senders {
        tables.push_str(&format!("[[senders]]\nphone_number_id = \"{id}\"\n"));
        if let Some(rate) = rate {
            tables.push_str(&format!("messages_per_second = {rate}\n"));
        }
        tables.push('\n');
    }
    if strict {
        tables.push_str("[message]\nproduct_policy = \"STRICT\"\n");
    }
    wamm_e2e::campaign_toml("pool", mps, 16, &tables)
}

async fn sandbox(phone_numbers: Vec<PhoneNumber>, mps: u32) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        phone_numbers,
        mps,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// Messages the sandbox created, per sending number.
fn per_number(sandbox: &Sandbox, id: &str) -> usize {
    sandbox
        .messages()
        .iter()
        .filter(|m| m.phone_number_id == id)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_that_cannot_send_stops_and_the_others_send_its_share() {
    // B is not onboarded to MM Lite: a STRICT send from it is refused with 403/10.
    let sandbox = sandbox(
        vec![
            PhoneNumber::onboarded(A),
            PhoneNumber::not_onboarded(B),
            PhoneNumber::onboarded(C),
        ],
        100_000,
    )
    .await;
    let files =
        wamm_e2e::CampaignFiles::new(&campaign(&[(A, None), (B, None), (C, None)], 0, true), 300);
    // No phone number in the settings: the campaign names its own.
    let mut run = files.run_command(&sandbox.base_url(), "");
    run.env_remove("WHATSAPP_PHONE_NUMBER_ID").arg("--json");
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(summary["complete"], true, "{summary}");
    assert_eq!(summary["sent"], 300, "{summary}");
    // Every recipient once, from A or C; nothing from B.
    let mut users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    users.sort();
    users.dedup();
    assert_eq!(users.len(), 300);
    assert_eq!(per_number(&sandbox, B), 0);
    assert_eq!(per_number(&sandbox, A) + per_number(&sandbox, C), 300);
    let senders = summary["senders"].as_array().unwrap();
    let b = senders.iter().find(|s| s["phone_number_id"] == B).unwrap();
    assert_eq!(
        (b["sent"].as_u64(), b["stopped_code"].as_i64()),
        (Some(0), Some(10)),
        "{summary}"
    );
    assert!(b["stopped"].as_str().unwrap().contains(B), "{summary}");
    for id in [A, C] {
        let s = senders.iter().find(|s| s["phone_number_id"] == id).unwrap();
        assert!(s["stopped"].is_null(), "{summary}");
        assert_eq!(s["sent"].as_u64(), Some(per_number(&sandbox, id) as u64));
    }
    assert!(
        stderr.contains(&format!("phone number {B} stopped")),
        "{stderr}"
    );
    // The journal agrees: every row sent, none left, each from the number that sent it.
    let report = wamm_e2e::campaign_report(&files.path("journal"));
    assert_eq!(wamm_e2e::state_count(&report, "sent"), 300, "{report}");
    let from: Vec<(String, u64)> = report["sent_from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["phone_number_id"].as_str().unwrap().to_string(),
                s["sent"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        from,
        vec![
            (A.to_string(), per_number(&sandbox, A) as u64),
            (C.to_string(), per_number(&sandbox, C) as u64)
        ],
        "{report}"
    );
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_every_number_has_stopped_the_run_stops_with_the_rows_pending() {
    let sandbox = sandbox(
        vec![PhoneNumber::not_onboarded(A), PhoneNumber::not_onboarded(B)],
        100_000,
    )
    .await;
    let files = wamm_e2e::CampaignFiles::new(&campaign(&[(A, None), (B, None)], 0, true), 50);
    let mut run = files.run_command(&sandbox.base_url(), A);
    run.arg("--json");
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    // Exit 4: a permission problem stopped the run.
    assert_eq!(wamm_e2e::code(&out), 4, "{stdout}\n{stderr}");
    assert_eq!(sandbox.messages().len(), 0);
    let report = wamm_e2e::campaign_report(&files.path("journal"));
    assert_eq!(wamm_e2e::state_count(&report, "sent"), 0, "{report}");
    assert_eq!(wamm_e2e::state_count(&report, "failed"), 0, "{report}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_number_keeps_to_its_own_rate() {
    // The sandbox allows 40 messages a second per number; the campaign asks 40 of each of
    // three numbers (120 a second in all), which only holds if each is paced on its own.
    let sandbox = sandbox(
        vec![
            PhoneNumber::onboarded(A),
            PhoneNumber::onboarded(B),
            PhoneNumber::onboarded(C),
        ],
        40,
    )
    .await;
    let files = wamm_e2e::CampaignFiles::new(
        &campaign(&[(A, None), (B, Some(40)), (C, None)], 40, false),
        240,
    );
    let mut run = files.run_command(&sandbox.base_url(), A);
    run.arg("--json");
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(summary["sent"], 240, "{summary}");
    let throttled = sandbox.stats().errors_by_code.get(&130429).copied();
    assert_eq!(throttled, None, "no number went over its rate");
    for id in [A, B, C] {
        let n = per_number(&sandbox, id);
        assert!((60..=100).contains(&n), "{id} sent {n} of 240");
    }
    // Together faster than any one number may go: the numbers were paced each on its own,
    // not as one (the sandbox's own clock, first to last message created).
    let times: Vec<u64> = sandbox.messages().iter().map(|m| m.time_ms).collect();
    let span = (times.iter().max().unwrap() - times.iter().min().unwrap()) as f64 / 1000.0;
    let rate = (times.len() - 1) as f64 / span;
    assert!(
        rate > 60.0,
        "the pool sent {rate:.1} messages a second in all"
    );
    sandbox.shutdown().await;
}

/// A pool naming a number the server does not serve (a typo, a number of another business):
/// Graph answers 100 with subcode 33, "Object with ID ... does not exist". That is about the
/// number, not the recipient: it stops that number, and its rows go out from the other one,
/// each once. (It used to fail every row the bad number took, for good, with exit 0.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_the_server_does_not_know_stops_and_the_good_one_sends_every_row_once() {
    let sandbox = sandbox(vec![PhoneNumber::onboarded(A)], 100_000).await;
    let files = wamm_e2e::CampaignFiles::new(&campaign(&[(A, None), (B, None)], 0, false), 300);
    let mut run = files.run_command(&sandbox.base_url(), A);
    run.arg("--json");
    let out = wamm_e2e::finished(run).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        (summary["complete"].as_bool(), summary["sent"].as_u64()),
        (Some(true), Some(300)),
        "{summary}"
    );
    assert_eq!(summary["failed"], 0, "{summary}");
    let mut users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(users.len(), 300, "one message per recipient");
    users.sort();
    users.dedup();
    assert_eq!(users.len(), 300);
    let b = summary["senders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["phone_number_id"] == B)
        .cloned()
        .unwrap();
    assert_eq!(b["stopped_code"], 100, "{summary}");
    let report = wamm_e2e::campaign_report(&files.path("journal"));
    assert_eq!(wamm_e2e::state_count(&report, "sent"), 300, "{report}");
    assert_eq!(wamm_e2e::state_count(&report, "failed"), 0, "{report}");
    sandbox.shutdown().await;
}

/// With only unknown numbers there is nothing to send from: the run stops as one number's
/// would, every row left pending for a resume once the numbers are fixed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_no_number_is_known_the_run_stops_with_every_row_pending() {
    let sandbox = sandbox(vec![PhoneNumber::onboarded(C)], 100_000).await;
    for pool in [&[(A, None), (B, None)][..], &[(A, None)][..]] {
        let files = wamm_e2e::CampaignFiles::new(&campaign(pool, 0, false), 40);
        let mut run = files.run_command(&sandbox.base_url(), A);
        run.arg("--json");
        let out = wamm_e2e::finished(run).await;
        let (stdout, stderr) = wamm_e2e::text(&out);
        // Exit 4: an account or permission problem stopped the run.
        assert_eq!(wamm_e2e::code(&out), 4, "{stdout}\n{stderr}");
        assert!(stderr.contains("phone number ID"), "{stderr}");
        // Nobody sent the rest: no number is said to have.
        assert!(!stderr.contains("the others sent the rest"), "{stderr}");
        let report = wamm_e2e::campaign_report(&files.path("journal"));
        assert_eq!(wamm_e2e::state_count(&report, "failed"), 0, "{report}");
        assert_eq!(wamm_e2e::state_count(&report, "pending"), 40, "{report}");
    }
    assert_eq!(sandbox.messages().len(), 0);
    sandbox.shutdown().await;
}
