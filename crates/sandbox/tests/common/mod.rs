//! Shared helpers: start a sandbox on loopback and talk to it over real HTTP.

#![allow(dead_code)]

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use wamm_sandbox::{DEFAULT_PHONE_NUMBER_ID, DEFAULT_TOKEN, Sandbox, SandboxConfig};

pub async fn start(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.expect("sandbox starts")
}

pub async fn start_default() -> Sandbox {
    start(SandboxConfig::default()).await
}

/// The default settings with no throughput limit worth the name, for tests that send in
/// bursts and are not about pacing.
pub fn unthrottled() -> SandboxConfig {
    SandboxConfig {
        mps: 1_000_000,
        ..SandboxConfig::default()
    }
}

/// A client that never uses a proxy (tests talk to loopback only).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

pub fn send_url(sandbox: &Sandbox) -> String {
    url_for(sandbox, "v23.0", DEFAULT_PHONE_NUMBER_ID)
}

pub fn url_for(sandbox: &Sandbox, version: &str, phone_number_id: &str) -> String {
    format!(
        "{}/{version}/{phone_number_id}/marketing_messages",
        sandbox.base_url()
    )
}

/// The answer to a send: status and JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

impl Answer {
    /// Asserts the Graph error envelope with `status` and `code`, and returns `details`.
    #[track_caller]
    pub fn graph_error(&self, status: u16, code: i64) -> String {
        assert_eq!(self.status.as_u16(), status, "{:#}", self.body);
        let error = &self.body["error"];
        assert_eq!(error["code"], code, "{:#}", self.body);
        let message = error["message"].as_str().expect("message is a string");
        assert!(
            message.starts_with(&format!("(#{code}) ")),
            "message {message:?}"
        );
        assert!(message.len() > format!("(#{code}) ").len());
        assert_eq!(error["type"], "OAuthException");
        assert_eq!(error["error_data"]["messaging_product"], "whatsapp");
        let details = error["error_data"]["details"]
            .as_str()
            .expect("details is a string");
        assert!(!details.is_empty());
        let trace = error["fbtrace_id"]
            .as_str()
            .expect("fbtrace_id is a string");
        assert!(!trace.is_empty());
        assert_eq!(
            self.body.as_object().unwrap().len(),
            1,
            "only `error` at top level"
        );
        details.to_string()
    }

    /// [`Answer::graph_error`], whose details also name `words`; returns the details.
    #[track_caller]
    pub fn graph_error_naming(&self, status: u16, code: i64, words: &str) -> String {
        let details = self.graph_error(status, code);
        assert!(details.contains(words), "{words:?} is not in: {details}");
        details
    }

    /// Asserts a 200 with the success payload and returns the wamid.
    #[track_caller]
    pub fn created(&self) -> String {
        assert_eq!(self.status, StatusCode::OK, "{:#}", self.body);
        assert_eq!(self.body["messaging_product"], "whatsapp");
        assert_eq!(self.body["contacts"].as_array().unwrap().len(), 1);
        let messages = self.body["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 1);
        let id = messages[0]["id"].as_str().unwrap();
        assert!(id.starts_with("wamid."), "{id}");
        id.to_string()
    }
}

/// A send of `body` from the sandbox's number `phone_number_id` (not the default one).
pub async fn post_from(sandbox: &Sandbox, phone_number_id: &str, body: &Value) -> Answer {
    post_json_bytes(
        sandbox,
        &url_for(sandbox, "v23.0", phone_number_id),
        serde_json::to_vec(body).unwrap(),
    )
    .await
}

pub async fn post(sandbox: &Sandbox, body: &Value) -> Answer {
    post_raw(
        sandbox,
        &send_url(sandbox),
        Some(DEFAULT_TOKEN),
        "application/json",
        serde_json::to_vec(body).unwrap(),
    )
    .await
}

/// [`post_raw`] with the sandbox's token, as JSON: for bodies `post` cannot carry (not
/// quite JSON, too large, or sent to another URL).
pub async fn post_json_bytes(sandbox: &Sandbox, url: &str, body: Vec<u8>) -> Answer {
    post_raw(
        sandbox,
        url,
        Some(sandbox.token()),
        "application/json",
        body,
    )
    .await
}

pub async fn post_raw(
    _sandbox: &Sandbox,
    url: &str,
    token: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> Answer {
    let mut request = client()
        .post(url)
        .header("content-type", content_type)
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("an answer");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    assert_eq!(content_type.as_deref(), Some("application/json"));
    let body = response.json().await.expect("a JSON body");
    Answer { status, body }
}

/// GET an inspection endpoint (`/__sandbox/...`) with the token; asserts a 200.
/// A GET to `url` with the sandbox's token: status and JSON body, whatever the status.
pub async fn get_answer(url: &str) -> Answer {
    let response = client()
        .get(url)
        .bearer_auth(DEFAULT_TOKEN)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    Answer { status, body }
}

/// [`get_answer`] for `path` (with its query) on `sandbox`.
pub async fn get_path(sandbox: &Sandbox, path: &str) -> Answer {
    get_answer(&format!("{}{path}", sandbox.base_url())).await
}

/// `POST /__sandbox/reset` with the sandbox's token; its status.
pub async fn reset(sandbox: &Sandbox) -> StatusCode {
    client()
        .post(format!("{}/__sandbox/reset", sandbox.base_url()))
        .bearer_auth(DEFAULT_TOKEN)
        .send()
        .await
        .unwrap()
        .status()
}

pub async fn get_json(sandbox: &Sandbox, path: &str) -> Value {
    let response = client()
        .get(format!("{}{path}", sandbox.base_url()))
        .bearer_auth(sandbox.token())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The JSON array `value` (a body's `components`, a component's `parameters`), to add to
/// or take from.
#[track_caller]
pub fn items(value: &mut Value) -> &mut Vec<Value> {
    value.as_array_mut().expect("a JSON array")
}

/// `spring_sale` (en_US, one positional text) to `to`.
pub fn spring_sale(to: &str) -> Value {
    json!({
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
        "type": "template",
        "template": {"name": "spring_sale", "language": {"code": "en_US"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}
    })
}

/// The rich example of the reference sheet (flash_deal, pt_BR).
pub fn rich() -> Value {
    serde_json::from_str(
        r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"+5511987654321","type":"template",
 "template":{"name":"flash_deal","language":{"code":"pt_BR"},"components":[
   {"type":"header","parameters":[{"type":"image","image":{"link":"https://cdn.example.org/deal.jpg"}}]},
   {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Marina"},
     {"type":"currency","parameter_name":"price","currency":{"fallback_value":"R$ 149,90","code":"BRL","amount_1000":149900}}]},
   {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1782864000000}}]},
   {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"FLASH42"}]},
   {"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"deal42?src=wa"}]}]},
 "product_policy":"STRICT","message_activity_sharing":true}"#,
    )
    .unwrap()
}

/// The response headers `openapi.yaml` declares for `status` on the operation at `path` and
/// `method`, lower-cased.
pub fn declared_headers(
    path: &str,
    method: &str,
    status: u16,
) -> std::collections::BTreeSet<String> {
    let spec: Value = serde_yaml_ng::from_str(wamm_client::validation::OPENAPI_YAML).unwrap();
    let mut response = &spec["paths"][path][method]["responses"][status.to_string()];
    if let Some(pointer) = response["$ref"].as_str() {
        response = spec.pointer(pointer.trim_start_matches('#')).unwrap();
    }
    assert!(response.is_object(), "the spec declares no {status}");
    response["headers"]
        .as_object()
        .map(|h| h.keys().map(|k| k.to_ascii_lowercase()).collect())
        .unwrap_or_default()
}

/// Sends `spring_sale` to one test number for each of `numbers` (4477009 and the number in five
/// digits), in order; each must be created. Returns their wamids.
pub async fn send_spring_sales(sandbox: &Sandbox, numbers: std::ops::Range<u32>) -> Vec<String> {
    let mut wamids = Vec::new();
    for i in numbers {
        wamids.push(
            post(sandbox, &spring_sale(&format!("4477009{i:05}")))
                .await
                .created(),
        );
    }
    wamids
}

/// The generated client, authenticated for `sandbox`.
pub fn api(sandbox: &Sandbox) -> wamm_client::Client {
    wamm_client::Client::authenticated(
        &sandbox.base_url(),
        &wamm_client::AccessToken::new(sandbox.token()),
        &wamm_client::ClientOptions::default(),
    )
    .unwrap()
}

/// Turns template insights on for `sandbox`'s account through the generated client, as
/// an application does (`POST /{Version}/{WABA-ID}?is_enabled_for_insights=true`).
pub async fn enable_insights(api: &wamm_client::Client, sandbox: &Sandbox) {
    let done = api
        .update_object()
        .version("v23.0")
        .object_id(sandbox.waba_id())
        .is_enabled_for_insights(true)
        .send()
        .await
        .unwrap();
    assert_eq!(done.into_inner().success, Some(true));
}

/// The Graph error of a failed generated operation: HTTP status and the error.
#[track_caller]
pub fn graph_failure<T: std::fmt::Debug>(
    result: Result<T, wamm_client::Error<wamm_client::types::GraphErrorResponse>>,
) -> (u16, wamm_client::types::GraphError) {
    match result {
        Err(wamm_client::Error::ErrorResponse(answer)) => {
            (answer.status().as_u16(), answer.into_inner().error)
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
}

/// A webhook receiver that keeps every POST body, and answers 503 while `down` is set.
pub struct Receiver {
    pub url: String,
    pub bodies: std::sync::Arc<std::sync::Mutex<Vec<Value>>>,
    pub down: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        use std::sync::atomic::Ordering;
        use std::sync::{Arc, Mutex};
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let down = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (kept, is_down) = (Arc::clone(&bodies), Arc::clone(&down));
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |body: axum::body::Bytes| {
                let (kept, is_down) = (Arc::clone(&kept), Arc::clone(&is_down));
                async move {
                    if is_down.load(Ordering::SeqCst) {
                        return StatusCode::SERVICE_UNAVAILABLE;
                    }
                    kept.lock()
                        .unwrap()
                        .push(serde_json::from_slice::<Value>(&body).unwrap());
                    StatusCode::OK
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Receiver { url, bodies, down }
    }

    /// A sandbox with default settings that posts webhooks to this receiver with `spec`.
    pub async fn sandbox(&self, spec: &str) -> Sandbox {
        start(SandboxConfig {
            webhooks: Some(self.config(spec)),
            ..SandboxConfig::default()
        })
        .await
    }

    /// Webhooks to this receiver with `spec`.
    pub fn config(&self, spec: &str) -> wamm_sandbox::WebhookConfig {
        wamm_sandbox::WebhookConfig {
            url: self.url.clone(),
            app_secret: "secret".into(),
            spec: spec.parse().unwrap(),
        }
    }

    pub fn bodies(&self) -> Vec<Value> {
        self.bodies.lock().unwrap().clone()
    }
}
