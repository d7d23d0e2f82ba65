//! Message history through the generated client: the statuses the sandbox decided for a
//! message, with whether each one's webhook reached the receiver.

mod common;

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use common::{Receiver, api, get_path, graph_failure, send_spring_sales, start};
use wamm_client::Client;
use wamm_client::types::MessageHistoryEvent;
use wamm_sandbox::{PhoneNumber, SandboxConfig};

const FIELDS: &str =
    "id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}";

async fn history(api: &Client, phone_number_id: &str, wamid: &str) -> Vec<MessageHistoryEvent> {
    let list = api
        .get_message_history()
        .version("v23.0")
        .phone_number_id(phone_number_id)
        .message_id(wamid)
        .fields(FIELDS)
        .send()
        .await
        .unwrap()
        .into_inner();
    match list.data.as_slice() {
        [] => Vec::new(),
        [entry] => {
            assert_eq!(entry.message_id.as_deref(), Some(wamid));
            assert!(entry.id.is_some());
            entry.events.clone().unwrap_or_default().data
        }
        more => panic!("one entry per wamid, got {more:?}"),
    }
}

fn statuses(events: &[MessageHistoryEvent]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e.delivery_status.as_deref().unwrap())
        .collect()
}

#[tokio::test]
async fn history_finds_what_a_receiver_that_was_down_missed() {
    let receiver = Receiver::start().await;
    receiver.down.store(true, Ordering::SeqCst);
    let sandbox = start(SandboxConfig {
        seed: 3,
        webhooks: Some(receiver.config("read=0.5,131049=0.2,duplicates=0,delay=0ms")),
        ..SandboxConfig::default()
    })
    .await;
    let api = api(&sandbox);
    let wamids = send_spring_sales(&sandbox, 400..420).await;
    // Let the sandbox try (and fail) to post each status at least once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(receiver.bodies().is_empty());

    let truth: HashMap<String, _> = sandbox
        .webhook_truth()
        .into_iter()
        .map(|t| (t.wamid.clone(), t))
        .collect();
    let mut failed = 0;
    for wamid in &wamids {
        let events = history(&api, sandbox.phone_number_id(), wamid).await;
        let truth = &truth[wamid];
        let expected: &[&str] = match truth.status {
            "read" => &["SENT", "DELIVERED", "READ"],
            "delivered" => &["SENT", "DELIVERED"],
            _ => &["SENT", "FAILED"],
        };
        assert_eq!(statuses(&events), expected, "{wamid}");
        for event in &events {
            assert_eq!(
                event.webhook_update_state.as_deref(),
                Some("FAILED"),
                "{event:?}"
            );
            assert!(event.timestamp.unwrap() > 1_700_000_000);
        }
        if let Some(code) = truth.code {
            failed += 1;
            let description = events[1].error_description.as_deref().unwrap();
            assert!(
                description.starts_with(&format!("(#{code}) ")),
                "{description}"
            );
        } else {
            assert!(events.iter().all(|e| e.error_description.is_none()));
        }
    }
    assert!(failed > 0, "the seed gives some failures");

    // The receiver comes back: the retries land and the history says so.
    receiver.down.store(false, Ordering::SeqCst);
    assert!(sandbox.webhooks_settled(Duration::from_secs(20)).await);
    for wamid in &wamids {
        let events = history(&api, sandbox.phone_number_id(), wamid).await;
        assert!(
            events
                .iter()
                .all(|e| e.webhook_update_state.as_deref() == Some("SENT")),
            "{events:?}"
        );
    }
}

#[tokio::test]
async fn statuses_appear_when_their_time_comes() {
    let receiver = Receiver::start().await;
    let sandbox = receiver
        .sandbox("read=1,131049=0,131050=0,duplicates=0,delay=1s")
        .await;
    let api = api(&sandbox);
    let wamid = send_spring_sales(&sandbox, 400..401).await.remove(0);
    let early = history(&api, sandbox.phone_number_id(), &wamid).await;
    assert!(early.len() < 3, "{early:?}");
    assert!(sandbox.webhooks_settled(Duration::from_secs(10)).await);
    let late = history(&api, sandbox.phone_number_id(), &wamid).await;
    assert_eq!(statuses(&late), ["SENT", "DELIVERED", "READ"]);
    assert!(
        late.iter()
            .all(|e| e.webhook_update_state.as_deref() == Some("SENT"))
    );
}

#[tokio::test]
async fn without_a_receiver_the_story_is_told_but_not_posted() {
    let sandbox = start(SandboxConfig::default()).await;
    let api = api(&sandbox);
    let wamid = send_spring_sales(&sandbox, 400..401).await.remove(0);
    // The default story's events come within half a second.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let events = history(&api, sandbox.phone_number_id(), &wamid).await;
    assert_eq!(statuses(&events)[0], "SENT");
    assert!(events.len() >= 2);
    assert!(events.iter().all(|e| e.webhook_update_state.is_none()));
}

#[tokio::test]
async fn unknown_wamids_are_empty_and_unknown_numbers_are_refused() {
    let sandbox = start(
        SandboxConfig::default().with_phone_number(PhoneNumber::onboarded("200000000000001")),
    )
    .await;
    let api = api(&sandbox);
    let wamid = send_spring_sales(&sandbox, 400..401).await.remove(0);
    assert!(
        history(&api, sandbox.phone_number_id(), "wamid.nothing")
            .await
            .is_empty()
    );
    assert!(
        history(&api, "200000000000001", &wamid).await.is_empty(),
        "another number's message"
    );
    let (status, error) = graph_failure(
        api.get_message_history()
            .version("v23.0")
            .phone_number_id("999")
            .message_id(wamid.clone())
            .send()
            .await,
    );
    assert_eq!((status, error.code), (400, 100));
    assert_eq!(
        error.error_subcode,
        Some(wamm_client::codes::subcode::UNKNOWN_OBJECT)
    );

    // Only the fields asked for.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let history = format!("/v23.0/{}/message_history", sandbox.phone_number_id());
    let answer = get_path(
        &sandbox,
        &format!("{history}?message_id={wamid}&fields=events{{delivery_status}}"),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let entry = &answer.body["data"][0];
    assert_eq!(entry.as_object().unwrap().len(), 1, "{entry}");
    assert_eq!(
        entry["events"]["data"][0],
        serde_json::json!({"delivery_status": "SENT"})
    );
    let bad = get_path(
        &sandbox,
        &format!("{history}?message_id={wamid}&fields=events{{colour}}"),
    )
    .await;
    bad.graph_error_naming(400, 100, "colour");
    let missing = get_path(&sandbox, &history).await;
    missing.graph_error_naming(400, 100, "message_id");
}
