//! The account around the send, through the generated client: the WABA node, the insights
//! switch, the phone numbers, and what their states do to sends.

mod common;

use std::time::Duration;

use common::{
    Receiver, api, client, enable_insights, get_path, graph_failure, post, post_from,
    send_spring_sales, spring_sale, start,
};
use serde_json::{Value, json};
use wamm_client::{AccessToken, Client, ClientOptions, codes};
use wamm_sandbox::{
    AccountUpdate, MessagingLimitTier, OnboardingStatus, PhoneNumber, PhoneNumberStatus,
    PhoneNumberUpdate, QualityRating, Route, SandboxConfig,
};

/// `POST /__sandbox/{what}` (`account`, `inbound`) with `body` and the sandbox's token, as
/// its operator would.
async fn operate(sandbox: &wamm_sandbox::Sandbox, what: &str, body: &Value) -> reqwest::Response {
    client()
        .post(format!("{}/__sandbox/{what}", sandbox.base_url()))
        .bearer_auth(sandbox.token())
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The sandbox's account with `fields`, through the generated client.
async fn account_fields(
    api: &wamm_client::Client,
    sandbox: &wamm_sandbox::Sandbox,
    fields: &str,
) -> wamm_client::types::BusinessAccount {
    api.get_business_account()
        .version("v23.0")
        .object_id(sandbox.waba_id())
        .fields(fields)
        .send()
        .await
        .unwrap()
        .into_inner()
}

#[tokio::test]
async fn the_account_shows_the_fields_asked_for() {
    let sandbox = start(SandboxConfig::default()).await;
    let api = api(&sandbox);
    let account = account_fields(
        &api,
        &sandbox,
        "name,currency,timezone_id,marketing_messages_onboarding_status,is_enabled_for_insights",
    )
    .await;
    assert_eq!(account.id, sandbox.waba_id());
    assert_eq!(account.name.as_deref(), Some(wamm_sandbox::ACCOUNT_NAME));
    assert_eq!(account.currency.as_deref(), Some("USD"));
    assert_eq!(account.timezone_id.as_deref(), Some("1"));
    assert_eq!(
        account.marketing_messages_onboarding_status,
        Some(OnboardingStatus::Onboarded)
    );
    assert_eq!(account.is_enabled_for_insights, Some(false));

    // Only what was asked, and `id` always.
    let node = format!("/v23.0/{}", sandbox.waba_id());
    let raw = get_path(
        &sandbox,
        &format!("{node}?fields=marketing_messages_onboarding_status"),
    )
    .await;
    assert_eq!(
        raw.body,
        json!({"id": sandbox.waba_id(), "marketing_messages_onboarding_status": "ONBOARDED"})
    );
    // Graph's default for the node.
    let raw = get_path(&sandbox, &node).await;
    assert_eq!(
        raw.body,
        json!({"id": sandbox.waba_id(), "name": wamm_sandbox::ACCOUNT_NAME})
    );

    let unknown_field = get_path(&sandbox, &format!("{node}?fields=colour")).await;
    unknown_field.graph_error_naming(400, 100, "colour");
}

#[tokio::test]
async fn an_unknown_account_or_token_is_refused_as_graph_refuses_it() {
    let sandbox = start(SandboxConfig::default()).await;
    let (status, error) = graph_failure(
        api(&sandbox)
            .get_business_account()
            .version("v23.0")
            .object_id("999")
            .send()
            .await,
    );
    assert_eq!((status, error.code), (400, codes::INVALID_PARAMETER));
    assert_eq!(error.error_subcode, Some(codes::subcode::UNKNOWN_OBJECT));
    let (status, error) = graph_failure(
        api(&sandbox)
            .list_phone_numbers()
            .version("v23.0")
            .waba_id("999")
            .send()
            .await,
    );
    assert_eq!(
        (status, error.error_subcode),
        (400, Some(codes::subcode::UNKNOWN_OBJECT))
    );

    let stranger = Client::authenticated(
        &sandbox.base_url(),
        &AccessToken::new("not-the-token"),
        &ClientOptions::default(),
    )
    .unwrap();
    let (status, error) = graph_failure(
        stranger
            .update_object()
            .version("v23.0")
            .object_id(sandbox.waba_id())
            .is_enabled_for_insights(true)
            .send()
            .await,
    );
    assert_eq!((status, error.code), (401, codes::ACCESS_TOKEN_INVALID));
    assert!(!sandbox.account().is_enabled_for_insights);
    let no_token = client()
        .post(format!("{}/__sandbox/account", sandbox.base_url()))
        .json(&json!({"is_enabled_for_insights": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 401);
}

#[tokio::test]
async fn insights_are_turned_on_and_stay_on() {
    let sandbox = start(SandboxConfig::default()).await;
    let api = api(&sandbox);
    enable_insights(&api, &sandbox).await;
    let account = account_fields(&api, &sandbox, "is_enabled_for_insights").await;
    assert_eq!(account.is_enabled_for_insights, Some(true));
    let (status, error) = graph_failure(
        api.update_object()
            .version("v23.0")
            .object_id(sandbox.waba_id())
            .is_enabled_for_insights(false)
            .send()
            .await,
    );
    assert_eq!((status, error.code), (400, 100));
    assert!(sandbox.account().is_enabled_for_insights);
}

#[tokio::test]
async fn phone_numbers_page_with_their_states() {
    let config = SandboxConfig::default()
        .with_phone_number(
            PhoneNumber::not_onboarded("200000000000001")
                .with_quality_rating(QualityRating::Yellow)
                .with_messaging_limit_tier(MessagingLimitTier::Tier1k)
                .with_throughput_level("HIGH"),
        )
        .with_phone_number(
            PhoneNumber::onboarded("200000000000002").with_status(PhoneNumberStatus::Pending),
        );
    let sandbox = start(config).await;
    let api = api(&sandbox);
    let fields = "id,display_phone_number,verified_name,status,quality_rating,messaging_limit_tier,throughput,name_status,platform_type";
    let first = api
        .list_phone_numbers()
        .version("v23.0")
        .waba_id(sandbox.waba_id())
        .fields(fields)
        .limit(2)
        .send()
        .await
        .unwrap()
        .into_inner();
    let ids: Vec<&str> = first.data.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, [sandbox.phone_number_id(), "200000000000001"]);
    let default = &first.data[0];
    assert_eq!(default.status, Some(PhoneNumberStatus::Connected));
    assert_eq!(default.quality_rating, Some(QualityRating::Green));
    assert_eq!(
        default.messaging_limit_tier,
        Some(MessagingLimitTier::TierUnlimited)
    );
    assert_eq!(
        default.throughput.as_ref().unwrap().level.as_deref(),
        Some("STANDARD")
    );
    assert_eq!(default.platform_type.as_deref(), Some("CLOUD_API"));
    assert!(
        default
            .display_phone_number
            .as_deref()
            .unwrap()
            .starts_with("+1 555")
    );
    let second = &first.data[1];
    assert_eq!(second.quality_rating, Some(QualityRating::Yellow));
    assert_eq!(
        second.messaging_limit_tier,
        Some(MessagingLimitTier::Tier1k)
    );
    assert_eq!(
        second.throughput.as_ref().unwrap().level.as_deref(),
        Some("HIGH")
    );

    let after = first.paging.unwrap().cursors.unwrap().after.unwrap();
    let rest = api
        .list_phone_numbers()
        .version("v23.0")
        .waba_id(sandbox.waba_id())
        .fields("status")
        .after(after)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(rest.data.len(), 1);
    assert_eq!(rest.data[0].id, "200000000000002");
    assert_eq!(rest.data[0].status, Some(PhoneNumberStatus::Pending));
    assert_eq!(
        rest.data[0].quality_rating, None,
        "only the fields asked for"
    );
    assert!(rest.paging.unwrap().next.is_none());
}

#[tokio::test]
async fn a_number_that_is_not_connected_cannot_send() {
    let sandbox = start(SandboxConfig::default()).await;
    post(&sandbox, &spring_sale("447700900123")).await.created();
    let id = sandbox.phone_number_id().to_string();
    for (status, http, code) in [
        (PhoneNumberStatus::Flagged, 403, codes::ACCOUNT_LOCKED),
        (PhoneNumberStatus::Banned, 403, codes::ACCOUNT_LOCKED),
        (
            PhoneNumberStatus::Pending,
            400,
            codes::NUMBER_NOT_REGISTERED,
        ),
        (
            PhoneNumberStatus::Disconnected,
            400,
            codes::NUMBER_NOT_REGISTERED,
        ),
    ] {
        // Through the inspection endpoint, as a test in another process would.
        let answer = operate(
            &sandbox,
            "account",
            &json!({"phone_numbers": [{"id": id, "status": status.as_str()}]}),
        )
        .await;
        assert_eq!(answer.status(), 200);
        let view: Value = answer.json().await.unwrap();
        assert_eq!(view["phone_numbers"][0]["status"], status.as_str());
        post_from(&sandbox, &id, &spring_sale("447700900123"))
            .await
            .graph_error_naming(http, code, status.as_str());
    }
    sandbox
        .update_account(AccountUpdate {
            phone_numbers: vec![PhoneNumberUpdate {
                id: id.clone(),
                status: Some(PhoneNumberStatus::Connected),
                ..PhoneNumberUpdate::default()
            }],
            ..AccountUpdate::default()
        })
        .unwrap();
    post(&sandbox, &spring_sale("447700900123")).await.created();
    assert_eq!(sandbox.messages().len(), 2);

    let unknown = operate(
        &sandbox,
        "account",
        &json!({"phone_numbers": [{"id": "999", "status": "FLAGGED"}]}),
    )
    .await;
    assert_eq!(unknown.status(), 400);
}

#[tokio::test]
async fn an_account_not_onboarded_sends_as_not_onboarded() {
    let sandbox =
        start(SandboxConfig::default().with_onboarding_status(OnboardingStatus::Eligible)).await;
    let mut strict = spring_sale("447700900123");
    strict["product_policy"] = json!("STRICT");
    post(&sandbox, &strict)
        .await
        .graph_error(403, codes::PERMISSION_DENIED);
    post(&sandbox, &spring_sale("447700900124")).await.created();
    assert_eq!(sandbox.messages()[0].routed, Route::CloudApiFallback);

    sandbox
        .update_account(AccountUpdate {
            onboarding_status: Some(OnboardingStatus::Onboarded),
            ..AccountUpdate::default()
        })
        .unwrap();
    post(&sandbox, &strict).await.created();
    assert_eq!(sandbox.messages()[1].routed, Route::MarketingMessagesLite);
}

#[tokio::test]
async fn onboarding_at_run_time_posts_mm_lite_terms_signed() {
    let receiver = Receiver::start().await;
    let config = SandboxConfig {
        webhooks: Some(receiver.config("")),
        ..SandboxConfig::default().with_onboarding_status(OnboardingStatus::PendingInternalSetup)
    };
    let sandbox = start(config).await;
    let answer = operate(
        &sandbox,
        "account",
        &json!({"onboarding_status": "ONBOARDED"}),
    )
    .await;
    assert_eq!(answer.status(), 200);
    assert!(sandbox.webhooks_settled(Duration::from_secs(10)).await);
    let bodies = receiver.bodies();
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    let payload: wamm_client::types::WebhookPayload =
        serde_json::from_value(bodies[0].clone()).unwrap();
    assert_eq!(payload.entry[0].id, sandbox.waba_id());
    let change = &payload.entry[0].changes[0];
    assert_eq!(change.field, wamm_client::WebhookField::AccountUpdate);
    assert_eq!(change.value.event.as_deref(), Some("MM_LITE_TERMS_SIGNED"));
}

/// The inbound messages among the posted webhooks: (from, type, text, context wamid).
fn inbound(bodies: &[Value]) -> Vec<(String, String, String, Option<String>)> {
    let mut found = Vec::new();
    for body in bodies {
        let payload: wamm_client::types::WebhookPayload =
            serde_json::from_value(body.clone()).unwrap();
        for change in &payload.entry[0].changes {
            for message in &change.value.messages {
                assert_eq!(change.field, wamm_client::WebhookField::Messages);
                assert_eq!(
                    change.value.contacts[0].wa_id, message.from,
                    "contacts name the user"
                );
                let kind = message.type_.clone().unwrap();
                let text = match kind.as_str() {
                    "text" => message.text.as_ref().unwrap().body.clone().unwrap(),
                    "button" => {
                        let button = message.button.as_ref().unwrap();
                        assert_eq!(button.payload, button.text);
                        button.text.clone().unwrap()
                    }
                    other => panic!("{other}"),
                };
                let context = message.context.as_ref().and_then(|c| c.id.clone());
                found.push((message.from.clone().unwrap(), kind, text, context));
            }
        }
    }
    found.sort();
    found
}

#[tokio::test]
async fn users_reply_stop_as_text_or_by_button_and_the_truth_says_who() {
    let receiver = Receiver::start().await;
    let sandbox = start(SandboxConfig {
        seed: 11,
        webhooks: Some(
            receiver
                .config("stop-text=0.2,stop-button=0.2,131049=0,131050=0,duplicates=0,delay=0ms"),
        ),
        ..SandboxConfig::default()
    })
    .await;
    send_spring_sales(&sandbox, 500..530).await;
    assert!(sandbox.webhooks_settled(Duration::from_secs(20)).await);
    let mut expected: Vec<(String, String, String, Option<String>)> = sandbox
        .webhook_truth()
        .into_iter()
        .filter_map(|t| {
            t.stop_reply.map(|reply| match reply {
                wamm_sandbox::StopReply::Text => (t.user, "text".into(), "STOP".into(), None),
                wamm_sandbox::StopReply::Button => (
                    t.user,
                    "button".into(),
                    wamm_sandbox::STOP_PROMOTIONS.into(),
                    Some(t.wamid),
                ),
            })
        })
        .collect();
    expected.sort();
    let kinds: Vec<&str> = expected.iter().map(|e| e.1.as_str()).collect();
    assert!(
        kinds.contains(&"text") && kinds.contains(&"button"),
        "{expected:?}"
    );
    assert_eq!(inbound(&receiver.bodies()), expected);
}

#[tokio::test]
async fn a_test_can_make_a_user_write() {
    let receiver = Receiver::start().await;
    let sandbox = receiver.sandbox("").await;
    let write = |body: Value| {
        let sandbox = &sandbox;
        async move { operate(sandbox, "inbound", &body).await }
    };
    let answer = write(json!({"from": "+44 7700 900123", "text": "stop please"})).await;
    assert_eq!(answer.status(), 200);
    let id: Value = answer.json().await.unwrap();
    assert!(id["id"].as_str().unwrap().starts_with("wamid."));
    let answer =
        write(json!({"from": "447700900124", "text": "Stop promotions", "type": "button"})).await;
    assert_eq!(answer.status(), 200);
    assert!(sandbox.webhooks_settled(Duration::from_secs(10)).await);
    assert_eq!(
        inbound(&receiver.bodies()),
        [
            (
                "447700900123".to_string(),
                "text".to_string(),
                "stop please".to_string(),
                None
            ),
            (
                "447700900124".to_string(),
                "button".to_string(),
                "Stop promotions".to_string(),
                None
            ),
        ]
    );
    for bad in [
        json!({"text": "x"}),
        json!({"from": "abc", "text": "x"}),
        json!({"from": "1", "text": "x", "type": "image"}),
    ] {
        assert_eq!(write(bad).await.status(), 400);
    }

    let quiet = start(SandboxConfig::default()).await;
    let answer = operate(
        &quiet,
        "inbound",
        &json!({"from": "447700900123", "text": "STOP"}),
    )
    .await;
    assert_eq!(answer.status(), 400);
    let body: Value = answer.json().await.unwrap();
    assert!(body.to_string().contains("webhooks are off"), "{body}");
}
