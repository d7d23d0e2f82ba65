//! A template paused (and approved again) while the sandbox runs, over HTTP and from Rust.

mod common;

use common::*;
use serde_json::{Value, json};
use wamm_client::codes;
use wamm_sandbox::{DEFAULT_TOKEN, Sandbox, SandboxConfig, TemplateStatus, parse_templates};

/// `POST /__sandbox/templates/{name}/status` with `body`, with `token`: status and JSON body.
async fn set_status(sandbox: &Sandbox, name: &str, body: &str, token: Option<&str>) -> Answer {
    post_raw(
        sandbox,
        &format!("{}/__sandbox/templates/{name}/status", sandbox.base_url()),
        token,
        "application/json",
        body.as_bytes().to_vec(),
    )
    .await
}

/// [`set_status`] with the sandbox's own token, as its operator would.
async fn set_status_as_operator(sandbox: &Sandbox, name: &str, body: &str) -> Answer {
    set_status(sandbox, name, body, Some(DEFAULT_TOKEN)).await
}

#[tokio::test]
async fn a_template_paused_at_run_time_refuses_sends_until_approved_again() {
    let sandbox = start(unthrottled()).await;
    post(&sandbox, &spring_sale("447700900001")).await.created();

    let paused = set_status_as_operator(&sandbox, "spring_sale", r#"{"status": "PAUSED"}"#).await;
    assert_eq!(paused.status, 200, "{:#}", paused.body);
    assert_eq!(
        paused.body,
        json!({"name": "spring_sale", "status": "PAUSED", "languages": ["en_US"]})
    );
    post(&sandbox, &spring_sale("447700900002"))
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);
    // Other templates are untouched.
    post(&sandbox, &rich()).await.created();

    let approved = set_status_as_operator(
        &sandbox,
        "spring_sale",
        r#"{"status": "APPROVED", "language": "en_US"}"#,
    )
    .await;
    assert_eq!(approved.status, 200, "{:#}", approved.body);
    assert_eq!(approved.body["status"], "APPROVED");
    post(&sandbox, &spring_sale("447700900002")).await.created();

    // Disabled: 132016. From Rust, without a token.
    assert_eq!(
        sandbox.set_template_status("spring_sale", None, TemplateStatus::Disabled),
        ["en_US"]
    );
    post(&sandbox, &spring_sale("447700900003"))
        .await
        .graph_error(400, codes::TEMPLATE_DISABLED);
    assert_eq!(sandbox.stats().created, 3);
    let stats = get_json(&sandbox, "/__sandbox/stats").await;
    assert_eq!(stats["errors_by_code"]["132015"], 1);
    assert_eq!(stats["errors_by_code"]["132016"], 1);
}

#[tokio::test]
async fn a_status_change_names_a_template_and_a_status_and_needs_the_token() {
    let sandbox = start_default().await;

    // Unknown template, or a language it does not have: 404, code 132001.
    set_status_as_operator(&sandbox, "no_such_template", r#"{"status": "PAUSED"}"#)
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);
    set_status_as_operator(
        &sandbox,
        "spring_sale",
        r#"{"status": "PAUSED", "language": "pt_BR"}"#,
    )
    .await
    .graph_error(404, codes::TEMPLATE_NOT_FOUND);

    // Not a status, an unknown field, not JSON: 400, code 100.
    for body in [
        r#"{"status": "GONE"}"#,
        r#"{"status": "PAUSED", "reason": "quality"}"#,
        r#"{}"#,
        "paused",
    ] {
        let details = set_status_as_operator(&sandbox, "spring_sale", body)
            .await
            .graph_error(400, codes::INVALID_PARAMETER);
        assert!(details.contains("status"), "{body}: {details}");
    }

    // The token, as for every inspection endpoint.
    set_status(&sandbox, "spring_sale", r#"{"status": "PAUSED"}"#, None)
        .await
        .graph_error(401, codes::ACCESS_TOKEN_MISSING);
    set_status(
        &sandbox,
        "spring_sale",
        r#"{"status": "PAUSED"}"#,
        Some("another-token"),
    )
    .await
    .graph_error(401, codes::ACCESS_TOKEN_INVALID);

    // None of that changed anything.
    post(&sandbox, &spring_sale("447700900001")).await.created();
}

#[tokio::test]
async fn every_language_of_a_name_changes_unless_one_is_given() {
    let extra = parse_templates(
        r#"[{"id": "901", "name": "spring_sale", "language": "en_GB", "status": "APPROVED",
             "category": "MARKETING", "components": [{"type": "BODY", "text": "Hi {{1}}"}]},
            {"id": "902", "name": "spring_sale", "language": "de", "status": "PAUSED",
             "category": "MARKETING", "components": [{"type": "BODY", "text": "Hallo {{1}}"}]}]"#,
        "test templates",
    )
    .unwrap();
    let sandbox = start(SandboxConfig::default().with_templates(extra)).await;
    let send = |language: &str| {
        let mut body = spring_sale("447700900001");
        body["template"]["language"]["code"] = Value::from(language);
        body
    };

    // A template that starts paused can be approved.
    let answer = set_status_as_operator(
        &sandbox,
        "spring_sale",
        r#"{"status": "APPROVED", "language": "de"}"#,
    )
    .await;
    assert_eq!(answer.body["languages"], json!(["de"]));
    post(&sandbox, &send("de")).await.created();

    let answer = set_status_as_operator(&sandbox, "spring_sale", r#"{"status": "PAUSED"}"#).await;
    assert_eq!(answer.body["languages"], json!(["de", "en_GB", "en_US"]));
    for language in ["de", "en_GB", "en_US"] {
        post(&sandbox, &send(language))
            .await
            .graph_error(400, codes::TEMPLATE_PAUSED);
    }

    // A reset forgets messages and counters, not template statuses.
    sandbox.reset();
    post(&sandbox, &send("en_US"))
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);
}
