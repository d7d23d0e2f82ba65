//! Sends over real HTTP to a loopback server: success, every error class, timeouts, dropped
//! connections, and the retry policy's refusal to resend anything that may have been sent.

use std::time::{Duration, Instant};

use marketing::{
    AccessToken, BodyParam, ErrorClass, MarketingClient, Message, MessageStatus, RetryPolicy,
    SendError, Sent,
};
use wamm_testkit::{Reply, ScriptedServer};

const TOKEN: &str = "EAAG-marketing-test-token";

fn message() -> Message {
    Message::builder("spring_sale", "en_US")
        .to("447700900123")
        .body_param(BodyParam::text("Ana"))
        .build()
        .unwrap()
}

fn client(server: &ScriptedServer, retry: RetryPolicy) -> MarketingClient {
    MarketingClient::builder("106540352242922", AccessToken::new(TOKEN))
        .base_url(server.base_url())
        .timeout(Duration::from_millis(500))
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_secs(2))
}

/// Sends [`message`] through a server that answers with `replies`, retrying by `retry`; the
/// server comes back with the result, to tell how many requests it got.
async fn send_to(
    replies: Vec<Reply>,
    retry: RetryPolicy,
) -> (ScriptedServer, Result<Sent, SendError>) {
    let server = ScriptedServer::start(replies).await;
    let result = client(&server, retry).send(&message()).await;
    (server, result)
}

/// The error of a send refused by `reply`, with no retries.
async fn refused_by(reply: Reply) -> SendError {
    let (_, result) = send_to(vec![reply], RetryPolicy::none()).await;
    result.unwrap_err()
}

/// The error of a send through a server answering with `replies`, retrying by
/// [`fast_retries`], checked to have made exactly `requests` requests.
async fn failed_after(requests: usize, replies: Vec<Reply>) -> SendError {
    let (server, result) = send_to(replies, fast_retries()).await;
    let error = result.unwrap_err();
    assert_eq!(
        server.requests().len(),
        requests,
        "requests made: {error:?}"
    );
    error
}

/// The error of a send whose one request was answered by `first`, after which the message
/// may have been sent: checked to say so, and not to have been sent again (the server would
/// have accepted a second request).
async fn maybe_sent_once(first: Reply) -> SendError {
    let error = failed_after(1, vec![first, Reply::accepted("wamid.SECOND")]).await;
    assert!(error.may_have_been_sent(), "{error:?}");
    error
}

#[tokio::test]
async fn success_returns_id_contact_and_status() {
    let (server, sent) = send_to(vec![Reply::json(
        200,
        r#"{"messaging_product":"whatsapp","contacts":[{"input":"447700900123","wa_id":"447700900123"}],"messages":[{"id":"wamid.OK1","message_status":"held_for_quality_assessment"}]}"#,
    )], RetryPolicy::none()).await;
    let sent = sent.unwrap();
    assert_eq!(sent.message_id, "wamid.OK1");
    assert_eq!(sent.wa_id.as_deref(), Some("447700900123"));
    assert_eq!(sent.status, Some(MessageStatus::HeldForQualityAssessment));
    assert_eq!(sent.attempts, 1);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].target,
        "/v23.0/106540352242922/marketing_messages"
    );
    assert_eq!(
        requests[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(requests[0].header("accept"), Some("application/json"));
    assert!(
        requests[0]
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("wamm/"))
    );
    // Graph routes by the version in the path; progenitor's `api-version` header never goes out.
    assert_eq!(requests[0].header("api-version"), None);
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, message().to_value());
    // The body is exactly the message's JSON, byte for byte.
    assert_eq!(requests[0].body, message().to_json().into_bytes());
}

#[tokio::test]
async fn each_error_class_is_reported_with_its_answers() {
    // (HTTP status, code, class, retryable, may have been sent)
    let cases = [
        (400, 130429, ErrorClass::Throttled, true, false),
        (400, 131056, ErrorClass::PairThrottled, true, false),
        (400, 134101, ErrorClass::TemplateSyncing, true, false),
        (400, 132000, ErrorClass::InvalidRequest, false, false),
        (404, 132001, ErrorClass::TemplateUnusable, false, false),
        (400, 132015, ErrorClass::TemplateUnusable, false, false),
        (400, 131050, ErrorClass::RecipientOptedOut, false, false),
        (400, 131049, ErrorClass::RecipientCooldown, false, false),
        (400, 131048, ErrorClass::Spam, false, false),
        (400, 134100, ErrorClass::Routing, false, false),
        (401, 190, ErrorClass::Auth, false, false),
        (403, 10, ErrorClass::Permission, false, false),
        (500, 134102, ErrorClass::TemplateUnusable, false, false),
        (500, 131000, ErrorClass::Server, false, true),
    ];
    for (status, code, class, retryable, sent) in cases {
        let error = refused_by(Reply::graph_error(status, code)).await;
        assert_eq!(error.code(), Some(code));
        // The row of the table, as the error that came over HTTP reads it.
        assert_eq!(
            (
                error.class(),
                error.is_retryable(),
                error.may_have_been_sent()
            ),
            (Some(class), retryable, sent),
            "class, retryable, may have been sent: code {code}"
        );
        let graph = error.graph().unwrap();
        assert_eq!(graph.status(), status);
        assert_eq!(graph.fbtrace_id(), Some(format!("Trace{code}").as_str()));
    }
}

#[tokio::test]
async fn maintenance_503_is_a_server_error_that_may_have_been_sent() {
    let error = refused_by(Reply::graph_error(503, 133004)).await;
    assert_eq!(error.class(), Some(ErrorClass::Server));
    assert!(error.may_have_been_sent());
}

#[tokio::test]
async fn an_undeclared_status_with_a_graph_envelope_is_still_classified() {
    let error = refused_by(Reply::graph_error(502, 131000)).await;
    assert_eq!(error.code(), Some(131000));
    assert!(error.may_have_been_sent());
}

#[tokio::test]
async fn a_proxy_page_is_an_unknown_outcome() {
    let error = refused_by(Reply::json(502, "<html>bad gateway</html>")).await;
    assert!(
        matches!(error, SendError::UnexpectedResponse { status: 502, .. }),
        "{error:?}"
    );
    assert!(error.may_have_been_sent());
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_timeout_may_have_been_sent_and_is_never_retried() {
    let error = maybe_sent_once(Reply::Hang(Duration::from_secs(5))).await;
    assert!(matches!(error, SendError::Timeout(_)), "{error:?}");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_connection_dropped_mid_response_may_have_been_sent_and_is_not_retried() {
    let error = maybe_sent_once(Reply::Truncated {
        status: 200,
        body: r#"{"messages":[{"id":"wamid.CUT","message_status":"accepted"}]}"#.into(),
    })
    .await;
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_connection_closed_without_answer_may_have_been_sent() {
    let error = maybe_sent_once(Reply::Close).await;
    assert!(matches!(error, SendError::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn a_5xx_is_never_retried() {
    let error = failed_after(
        1,
        vec![Reply::graph_error(500, 131000), Reply::accepted("wamid.X")],
    )
    .await;
    assert_eq!(error.code(), Some(131000));
}

#[tokio::test]
async fn throttling_is_retried_until_accepted() {
    let (server, sent) = send_to(
        vec![
            Reply::graph_error(400, 130429),
            Reply::graph_error(400, 130429),
            Reply::accepted("wamid.THIRD"),
        ],
        fast_retries(),
    )
    .await;
    let sent = sent.unwrap();
    assert_eq!(sent.message_id, "wamid.THIRD");
    assert_eq!(sent.attempts, 3);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_stop_after_the_attempt_limit() {
    let error = failed_after(3, vec![Reply::graph_error(400, 130429)]).await;
    assert_eq!(error.code(), Some(130429));
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = ScriptedServer::start(vec![
        Reply::graph_error(400, 130429).with_header("retry-after", "1"),
        Reply::accepted("wamid.AFTER"),
    ])
    .await;
    let started = Instant::now();
    let sent = client(&server, fast_retries())
        .send(&message())
        .await
        .unwrap();
    assert_eq!(sent.attempts, 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_wait_longer_than_the_policy_allows_returns_the_error() {
    // Template syncing asks for ~10 minutes; the policy caps waits at 2 s.
    let error = failed_after(
        1,
        vec![Reply::graph_error(400, 134101), Reply::accepted("wamid.X")],
    )
    .await;
    assert_eq!(error.class(), Some(ErrorClass::TemplateSyncing));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_refused_connection_was_not_sent_and_is_retryable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = MarketingClient::builder("106540352242922", AccessToken::new(TOKEN))
        .base_url(format!("http://{addr}"))
        .build()
        .unwrap();
    let error = client.send(&message()).await.unwrap_err();
    assert!(matches!(error, SendError::Connect { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(!error.may_have_been_sent());
    assert!(!error.to_string().contains(TOKEN));
}

#[test]
fn bad_client_settings_are_refused_without_the_token() {
    for (phone, version, url) in [
        ("+44 7700", "v23.0", "http://127.0.0.1:1"),
        ("106540352242922", "23", "http://127.0.0.1:1"),
        ("106540352242922", "v23.0", "ftp://127.0.0.1:1"),
    ] {
        let err = MarketingClient::builder(phone, AccessToken::new(TOKEN))
            .api_version(version)
            .base_url(url)
            .build()
            .unwrap_err();
        assert!(!err.to_string().contains(TOKEN));
    }
}

#[test]
fn debug_output_never_shows_the_token() {
    let builder = MarketingClient::builder("106540352242922", AccessToken::new(TOKEN));
    let printed_builder = format!("{builder:?}");
    let client = builder.build().unwrap();
    for printed in [
        printed_builder,
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!printed.contains(TOKEN), "{printed}");
        assert!(!printed.contains("marketing-test-token"), "{printed}");
    }
}
