//! Templates created, reviewed, edited and deleted through the generated client, over HTTP,
//! as Meta takes them: PENDING, then APPROVED or REJECTED with a reason; Meta's edit limits;
//! sends only with an approved template; a signed webhook for every status change.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};
use wamm_client::types::{
    MessageTemplate, MessageTemplateCreate, MessageTemplateEdit, TemplateComponentDefinition,
};
use wamm_client::{TemplateCategory, TemplateStatus, codes};
use wamm_sandbox::{Sandbox, SandboxConfig};

const VERSION: &str = "v23.0";

fn config(review_delay: Duration) -> SandboxConfig {
    SandboxConfig {
        review_delay,
        ..unthrottled()
    }
}

fn components(value: Value) -> Vec<TemplateComponentDefinition> {
    serde_json::from_value(value).unwrap()
}

/// A marketing template whose body is `text` with `examples` for `{{1}}`...
fn new_template(name: &str, text: &str, examples: &[&str]) -> MessageTemplateCreate {
    let mut body = json!({"type": "BODY", "text": text});
    if !examples.is_empty() {
        body["example"] = json!({"body_text": [examples]});
    }
    wamm_client::build(
        MessageTemplateCreate::builder()
            .name(name.to_string())
            .language("en_US".to_string())
            .category(TemplateCategory::Marketing)
            .components(components(json!([body])))
            .message_send_ttl_seconds(Some(86_400)),
    )
}

async fn create(
    sandbox: &Sandbox,
    template: MessageTemplateCreate,
) -> Result<
    wamm_client::types::MessageTemplateCreated,
    wamm_client::Error<wamm_client::types::GraphErrorResponse>,
> {
    api(sandbox)
        .create_message_template()
        .version(VERSION)
        .waba_id(sandbox.waba_id())
        .body(template)
        .send()
        .await
        .map(|r| r.into_inner())
}

/// The template `name` in en_US as the list shows it, with every field.
async fn listed(sandbox: &Sandbox, name: &str) -> Option<MessageTemplate> {
    let page = api(sandbox)
        .list_message_templates()
        .version(VERSION)
        .waba_id(sandbox.waba_id())
        .name(name)
        .fields("id,name,language,status,category,components,rejected_reason,message_send_ttl_seconds,optimization_spec,degrees_of_freedom_spec")
        .send()
        .await
        .unwrap()
        .into_inner();
    page.data
        .into_iter()
        .find(|t| t.name == name && t.language == "en_US")
}

/// Polls the list until `name` is no longer PENDING (the review delay is short); gives up
/// after a generous bound so a broken review fails instead of hanging.
async fn decided(sandbox: &Sandbox, name: &str) -> MessageTemplate {
    let give_up = Instant::now() + Duration::from_secs(30);
    loop {
        let template = listed(sandbox, name).await.expect("listed");
        if template.status != TemplateStatus::Pending {
            return template;
        }
        assert!(Instant::now() < give_up, "{name} still PENDING");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Whether `name` is listed as PENDING now. A review only ever ends, so a template PENDING
/// after a request was PENDING while the request was answered.
async fn still_pending(sandbox: &Sandbox, name: &str) -> bool {
    listed(sandbox, name).await.expect("listed").status == TemplateStatus::Pending
}

fn send_body(name: &str, to: &str, values: &[&str]) -> Value {
    let parameters: Vec<Value> = values
        .iter()
        .map(|v| json!({"type": "text", "text": v}))
        .collect();
    json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
        "type": "template", "template": {"name": name, "language": {"code": "en_US"},
        "components": [{"type": "body", "parameters": parameters}]}})
}

async fn edit(
    sandbox: &Sandbox,
    id: &str,
    change: MessageTemplateEdit,
) -> Result<(), wamm_client::Error<wamm_client::types::GraphErrorResponse>> {
    api(sandbox)
        .update_object()
        .version(VERSION)
        .object_id(id)
        .body(change)
        .send()
        .await
        .map(|done| assert_eq!(done.into_inner().success, Some(true)))
}

fn ttl(seconds: i64) -> MessageTemplateEdit {
    wamm_client::build(MessageTemplateEdit::builder().message_send_ttl_seconds(Some(seconds)))
}

async fn advance(sandbox: &Sandbox, by: &str) {
    let answer = post_json_bytes(
        sandbox,
        &format!("{}/__sandbox/clock", sandbox.base_url()),
        json!({ "advance": by }).to_string().into_bytes(),
    )
    .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert!(answer.body["now"].as_u64().is_some(), "{:#}", answer.body);
}

#[tokio::test]
async fn a_created_template_is_pending_then_approved_and_only_then_sendable() {
    let sandbox = start(config(Duration::from_millis(300))).await;
    let template = new_template(
        "autumn_sale",
        "Hi {{1}}, our autumn sale starts today with 30% off.",
        &["Ana"],
    );
    let created = create(&sandbox, template).await.unwrap();
    assert_eq!(created.status, Some(TemplateStatus::Pending));
    assert_eq!(created.category, Some(TemplateCategory::Marketing));
    assert!(
        created.id.bytes().all(|b| b.is_ascii_digit()),
        "{created:?}"
    );

    // In review: listed as PENDING with its settings, and not sendable (Meta's 132001).
    // The review ends on its own clock, so the refusal is asserted only when the template
    // is still PENDING after the send: then it was PENDING during it.
    let pending = listed(&sandbox, "autumn_sale").await.unwrap();
    let sent = post(
        &sandbox,
        &send_body("autumn_sale", "447700900001", &["Ben"]),
    )
    .await;
    if still_pending(&sandbox, "autumn_sale").await {
        sent.graph_error(404, codes::TEMPLATE_NOT_FOUND);
    }
    assert_eq!(pending.id, created.id);
    assert_eq!(pending.message_send_ttl_seconds, Some(86_400));

    let approved = decided(&sandbox, "autumn_sale").await;
    assert_eq!(approved.status, TemplateStatus::Approved);
    assert_eq!(approved.rejected_reason, None);
    post(
        &sandbox,
        &send_body("autumn_sale", "447700900002", &["Ben"]),
    )
    .await
    .created();
}

#[tokio::test]
async fn each_rule_breach_is_rejected_with_metas_reason() {
    let sandbox = start(config(Duration::ZERO)).await;
    for (name, text, examples) in [
        (
            "starts_with_variable",
            "{{1}}, the sale starts today.",
            &["Ana"][..],
        ),
        (
            "ends_with_variable",
            "The sale starts today, {{1}}",
            &["Ana"],
        ),
        (
            "adjacent_variables",
            "Hi {{1}}{{2}}, the big sale starts on Friday.",
            &["Ana", "Lima"],
        ),
        (
            "too_many_variables",
            "Hi {{1}} {{2}} {{3}} {{4}} now.",
            &["a", "b", "c", "d"],
        ),
    ] {
        // Decided at once with no delay: the answer carries the decision.
        let created = create(&sandbox, new_template(name, text, examples))
            .await
            .unwrap();
        assert_eq!(created.status, Some(TemplateStatus::Rejected), "{name}");
        let template = listed(&sandbox, name).await.unwrap();
        assert_eq!(template.status, TemplateStatus::Rejected, "{name}");
        assert_eq!(
            template.rejected_reason.as_deref(),
            Some("INVALID_FORMAT"),
            "{name}"
        );
        post(&sandbox, &send_body(name, "447700900003", &["x"]))
            .await
            .graph_error(404, codes::TEMPLATE_NOT_FOUND);
    }
}

#[tokio::test]
async fn a_name_is_taken_once_per_language_and_bodies_are_checked_against_the_spec() {
    let sandbox = start(config(Duration::ZERO)).await;
    let (status, error) = graph_failure(
        create(
            &sandbox,
            new_template("spring_sale", "Hi {{1}}, our spring sale is on.", &["Ana"]),
        )
        .await,
    );
    assert_eq!((status, error.code), (400, codes::INVALID_PARAMETER));
    assert_eq!(error.error_subcode, Some(codes::SUBCODE_TEMPLATE_EXISTS));

    // Another language of the same name is a new template.
    let mut spanish = new_template(
        "spring_sale",
        "Hola {{1}}, las rebajas empiezan hoy.",
        &["Ana"],
    );
    spanish.language = "es".into();
    assert_eq!(
        create(&sandbox, spanish).await.unwrap().status,
        Some(TemplateStatus::Approved)
    );

    // What the spec refuses, named by its path.
    let url = format!(
        "{}/{VERSION}/{}/message_templates",
        sandbox.base_url(),
        sandbox.waba_id()
    );
    for (body, expected) in [
        (
            json!({"name": "x", "language": "en", "category": "MARKETING", "components": [],
                   "colour": "red"}),
            "colour",
        ),
        (
            json!({"name": "Bad Name", "language": "en", "category": "MARKETING",
                   "components": []}),
            "name",
        ),
        (
            json!({"name": "x", "language": "en", "category": "MARKETING", "components": [],
                   "message_send_ttl_seconds": 60}),
            "message_send_ttl_seconds",
        ),
    ] {
        let answer = post_json_bytes(&sandbox, &url, body.to_string().into_bytes()).await;
        let details = answer.graph_error(400, codes::INVALID_PARAMETER);
        assert!(details.contains(expected), "{expected}: {details}");
    }
}

#[tokio::test]
async fn edits_follow_metas_limits_and_the_approved_version_is_sent_meanwhile() {
    let sandbox = start(config(Duration::from_millis(300))).await;
    let spring = listed(&sandbox, "spring_sale").await.unwrap();
    assert_eq!(spring.status, TemplateStatus::Approved);

    // An approved template's category stays.
    let (status, error) = graph_failure(
        edit(
            &sandbox,
            &spring.id,
            wamm_client::build(
                MessageTemplateEdit::builder().category(Some(TemplateCategory::Utility)),
            ),
        )
        .await,
    );
    assert_eq!((status, error.code), (400, codes::INVALID_PARAMETER));
    assert!(format!("{error:?}").contains("category"), "{error:?}");

    // An edit: back to PENDING, but the approved version is still sent.
    edit(&sandbox, &spring.id, ttl(43_200)).await.unwrap();
    let edited = listed(&sandbox, "spring_sale").await.unwrap();
    assert_eq!(edited.message_send_ttl_seconds, Some(43_200));
    post(&sandbox, &spring_sale("447700900010")).await.created();
    // In review: not editable. Whenever the review ends, the edit is refused (after it,
    // as an approved template edited moments ago); the refusal names PENDING when the
    // template is still in review after the edit, and so was during it.
    let (_, error) = graph_failure(edit(&sandbox, &spring.id, ttl(43_300)).await);
    if still_pending(&sandbox, "spring_sale").await {
        assert!(format!("{error:?}").contains("PENDING"), "{error:?}");
    } else {
        let shown = format!("{error:?}");
        assert!(
            shown.contains("PENDING") || shown.contains("[edit-too-soon]"),
            "{shown}"
        );
    }
    let approved = decided(&sandbox, "spring_sale").await;
    assert_eq!(approved.status, TemplateStatus::Approved);
    assert_eq!(approved.message_send_ttl_seconds, Some(43_200));

    // Once in 24 hours.
    let (_, error) = graph_failure(edit(&sandbox, &spring.id, ttl(50_000)).await);
    assert!(
        format!("{error:?}").contains("[edit-too-soon]"),
        "{error:?}"
    );
    advance(&sandbox, "25h").await;
    edit(&sandbox, &spring.id, ttl(50_000)).await.unwrap();
    decided(&sandbox, "spring_sale").await;

    // Ten in 30 days: eight more, a day apart, then the eleventh is refused.
    for n in 0..8 {
        advance(&sandbox, "25h").await;
        edit(&sandbox, &spring.id, ttl(60_000 + n)).await.unwrap();
        decided(&sandbox, "spring_sale").await;
    }
    advance(&sandbox, "25h").await;
    let (_, error) = graph_failure(edit(&sandbox, &spring.id, ttl(70_000)).await);
    assert!(
        format!("{error:?}").contains("[edit-too-often]"),
        "{error:?}"
    );

    // A paused template is edited without limit.
    sandbox.set_template_status("old_promo", None, TemplateStatus::Paused);
    let old = listed(&sandbox, "old_promo").await.unwrap();
    edit(&sandbox, &old.id, ttl(43_200)).await.unwrap();
}

#[tokio::test]
async fn an_edit_names_a_template_and_the_account_takes_no_edit() {
    let sandbox = start(config(Duration::ZERO)).await;
    let (status, error) = graph_failure(edit(&sandbox, "999999", ttl(43_200)).await);
    assert_eq!((status, error.code), (400, codes::INVALID_PARAMETER));
    assert_eq!(error.error_subcode, Some(codes::subcode::UNKNOWN_OBJECT));

    let waba = sandbox.waba_id().to_string();
    let (status, error) = graph_failure(edit(&sandbox, &waba, ttl(43_200)).await);
    assert_eq!((status, error.code), (400, codes::INVALID_PARAMETER));
    assert!(format!("{error:?}").contains("not a body"), "{error:?}");

    // The clock takes a duration, and the token.
    let clock = format!("{}/__sandbox/clock", sandbox.base_url());
    for body in [r#"{"advance": "soon"}"#, r#"{"by": "1h"}"#, "not json"] {
        let answer = post_json_bytes(&sandbox, &clock, body.as_bytes().to_vec()).await;
        answer.graph_error(400, codes::INVALID_PARAMETER);
    }
    post_raw(
        &sandbox,
        &clock,
        None,
        "application/json",
        br#"{"advance": "1h"}"#.to_vec(),
    )
    .await
    .graph_error(401, codes::ACCESS_TOKEN_MISSING);

    // The insights switch still works on the account (the client sends an empty body).
    enable_insights(&api(&sandbox), &sandbox).await;
}

#[tokio::test]
async fn a_deleted_name_is_gone_and_held_for_30_days() {
    let sandbox = start(config(Duration::ZERO)).await;
    let mut spanish = new_template(
        "spring_sale",
        "Hola {{1}}, las rebajas empiezan hoy.",
        &["Ana"],
    );
    spanish.language = "es".into();
    let es = create(&sandbox, spanish.clone()).await.unwrap();

    let delete = |name: &'static str, hsm_id: Option<String>| {
        let api = api(&sandbox);
        let waba = sandbox.waba_id().to_string();
        async move {
            let mut request = api
                .delete_message_template()
                .version(VERSION)
                .waba_id(waba)
                .name(name);
            if let Some(id) = hsm_id {
                request = request.hsm_id(id);
            }
            request.send().await.map(|r| r.into_inner())
        }
    };
    // One language by its ID: the other stays.
    delete("spring_sale", Some(es.id.clone())).await.unwrap();
    assert!(listed(&sandbox, "spring_sale").await.is_some());
    // Every language.
    let done = delete("spring_sale", None).await.unwrap();
    assert_eq!(done.success, Some(true));
    assert!(listed(&sandbox, "spring_sale").await.is_none());
    post(&sandbox, &spring_sale("447700900020"))
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);
    let (status, error) = graph_failure(delete("spring_sale", None).await);
    assert_eq!((status, error.code), (400, codes::INVALID_PARAMETER));

    let again = new_template("spring_sale", "Hi {{1}}, our spring sale is on.", &["Ana"]);
    let (_, error) = graph_failure(create(&sandbox, again.clone()).await);
    assert_eq!(
        error.error_subcode,
        Some(codes::SUBCODE_TEMPLATE_NAME_DELETED)
    );
    advance(&sandbox, "29days").await;
    let (_, error) = graph_failure(create(&sandbox, again.clone()).await);
    assert_eq!(
        error.error_subcode,
        Some(codes::SUBCODE_TEMPLATE_NAME_DELETED)
    );
    advance(&sandbox, "2days").await;
    assert_eq!(
        create(&sandbox, again).await.unwrap().status,
        Some(TemplateStatus::Approved)
    );
}

/// Each POST's body and signature header, as a receiver got them.
type Posts = Arc<Mutex<Vec<(Vec<u8>, Option<String>)>>>;

/// A receiver that keeps each POST's body and signature header.
async fn signed_receiver() -> (String, Posts) {
    let kept: Posts = Arc::default();
    let store = Arc::clone(&kept);
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let store = Arc::clone(&store);
                async move {
                    let signature = headers
                        .get(wamm_client::webhook_signature::SIGNATURE_HEADER)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    store.lock().unwrap().push((body.to_vec(), signature));
                    axum::http::StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, kept)
}

#[tokio::test]
async fn every_status_change_is_a_signed_template_webhook() {
    let (url, kept) = signed_receiver().await;
    let sandbox = start(SandboxConfig {
        webhooks: Some(wamm_sandbox::WebhookConfig {
            url,
            app_secret: "template-secret".into(),
            spec: "delay=0ms,duplicates=0".parse().unwrap(),
        }),
        ..config(Duration::ZERO)
    })
    .await;
    let approved = create(
        &sandbox,
        new_template(
            "winter_sale",
            "Hi {{1}}, our winter sale is on now.",
            &["Ana"],
        ),
    )
    .await
    .unwrap();
    let rejected = create(
        &sandbox,
        new_template("bad_one", "{{1}} sale is on now for everyone.", &["Ana"]),
    )
    .await
    .unwrap();
    sandbox.set_template_status("winter_sale", None, TemplateStatus::Paused);
    assert!(sandbox.webhooks_settled(Duration::from_secs(20)).await);

    let posts = kept.lock().unwrap().clone();
    let mut seen = Vec::new();
    for (body, signature) in &posts {
        wamm_client::webhook_signature::verify(b"template-secret", body, signature.as_deref())
            .expect("signed with the app secret");
        let payload: Value = serde_json::from_slice(body).unwrap();
        let change = &payload["entry"][0]["changes"][0];
        assert_eq!(
            change["field"], "message_template_status_update",
            "{payload}"
        );
        assert!(payload["entry"][0]["time"].is_i64(), "{payload}");
        // It reads as the spec's payload.
        serde_json::from_value::<wamm_client::types::WebhookPayload>(payload.clone()).unwrap();
        let value = &change["value"];
        seen.push((
            value["message_template_id"].as_i64().unwrap().to_string(),
            value["message_template_name"].as_str().unwrap().to_string(),
            value["message_template_language"]
                .as_str()
                .unwrap()
                .to_string(),
            value["event"].as_str().unwrap().to_string(),
            value["reason"].as_str().unwrap().to_string(),
            value["message_template_category"]
                .as_str()
                .unwrap()
                .to_string(),
        ));
    }
    seen.sort();
    pywa_reads_the_same(&posts, &seen);
    let row = |id: &str, name: &str, event: &str, reason: &str| {
        (
            id.to_string(),
            name.to_string(),
            "en_US".to_string(),
            event.to_string(),
            reason.to_string(),
            "MARKETING".to_string(),
        )
    };
    let mut expected = vec![
        row(&approved.id, "winter_sale", "APPROVED", "NONE"),
        row(&rejected.id, "bad_one", "REJECTED", "INVALID_FORMAT"),
        row(&approved.id, "winter_sale", "PAUSED", "NONE"),
    ];
    expected.sort();
    assert_eq!(seen, expected);
}

/// pywa (4.5.0, the version tests/tests/interop.rs pins), if a Python with it is at hand:
/// `WAMM_PYWA_PYTHON`, or the venv interop.rs installs under the target directory.
fn pywa_python() -> Option<std::path::PathBuf> {
    if let Some(python) = std::env::var_os("WAMM_PYWA_PYTHON") {
        return Some(python.into());
    }
    let venv = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("pywa-4.5.0-venv/bin/python");
    venv.exists().then_some(venv)
}

/// pywa's own receiver machinery checks each POST's signature and reads it as a
/// `TemplateStatusUpdate` with the same template, status, reason and category.
fn pywa_reads_the_same(
    posts: &[(Vec<u8>, Option<String>)],
    seen: &[(String, String, String, String, String, String)],
) {
    let Some(python) = pywa_python() else {
        eprintln!(
            "SKIPPED: no Python with pywa (set WAMM_PYWA_PYTHON, or run tests/tests/interop.rs once)"
        );
        return;
    };
    const SCRIPT: &str = r#"
import json, sys
from pywa import WhatsApp
from pywa.handlers import TemplateStatusUpdateHandler
wa = WhatsApp(verify_token="unused", app_secret="template-secret", validate_updates=True,
              filter_updates=False, skip_duplicate_updates=False)
got = []
wa.add_handlers(TemplateStatusUpdateHandler(lambda _wa, u: got.append([
    u.template_id, u.template_name, str(u.template_language), str(u.new_status),
    str(u.reason), str(u.category)])))
for post in json.load(sys.stdin):
    body = post["body"].encode()
    assert wa.webhook_update_validator(body, post["signature"]) is None, "signature refused"
    wa.webhook_update_handler(body)
print(json.dumps(got))
"#;
    let input: Vec<Value> = posts
        .iter()
        .map(|(body, signature)| json!({"body": String::from_utf8_lossy(body), "signature": signature}))
        .collect();
    let mut child = std::process::Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python starts");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(Value::Array(input).to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "pywa failed");
    let mut read: Vec<(String, String, String, String, String, String)> =
        serde_json::from_slice::<Vec<[String; 6]>>(&output.stdout)
            .unwrap()
            .into_iter()
            .map(|[a, b, c, d, e, f]| (a, b, c, d, e, f))
            .collect();
    read.sort();
    assert_eq!(read, seen, "what pywa read");
}
