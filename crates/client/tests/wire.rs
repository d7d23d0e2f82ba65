//! What the generated client puts on the wire and how it reads every kind of answer.

use serde_json::{Value, json};
use wamm_client::types::{GraphErrorResponse, MarketingMessageRequestPayload};
use wamm_client::{AccessToken, Client, ClientOptions, Error, MessageStatus, codes};
use wamm_testkit::{Reply, ScriptedServer};

const TOKEN: &str = "EAAG-test-token-do-not-print";
const PHONE_ID: &str = "106540352242922";

fn minimal_body() -> MarketingMessageRequestPayload {
    serde_json::from_value(json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "447700900123",
        "type": "template",
        "template": {"name": "spring_sale", "language": {"code": "en_GB"}}
    }))
    .expect("valid body")
}

fn client(server: &ScriptedServer) -> Client {
    Client::authenticated(
        &server.base_url(),
        &AccessToken::new(TOKEN),
        &ClientOptions::default(),
    )
    .expect("client")
}

async fn send(
    client: &Client,
) -> Result<
    wamm_client::ResponseValue<wamm_client::types::MarketingMessageResponsePayload>,
    Error<GraphErrorResponse>,
> {
    client
        .send_marketing_message()
        .version("v23.0")
        .phone_number_id(PHONE_ID)
        .body(minimal_body())
        .send()
        .await
}

const ACCEPTED: &str = r#"{"messaging_product":"whatsapp","contacts":[{"input":"447700900123","wa_id":"447700900123"}],"messages":[{"id":"wamid.A1","message_status":"accepted"}]}"#;

#[tokio::test]
async fn request_has_the_exact_method_path_headers_and_body() {
    let server = ScriptedServer::start(vec![Reply::json(200, ACCEPTED)]).await;
    send(&client(&server)).await.expect("200");
    let request = server.requests().remove(0);

    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        format!("/v23.0/{PHONE_ID}/marketing_messages")
    );
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("wamm/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(
        request.header("api-version"),
        None,
        "progenitor's api-version header must be stripped"
    );

    // Set once per client from the base URL, as the HTTP stack would have written it.
    let host = server
        .base_url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert_eq!(request.header("host"), Some(host.as_str()));
    assert_eq!(
        request
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
            .count(),
        1,
        "one Host header"
    );

    let body: Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(
        body,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "447700900123",
            "type": "template",
            "template": {"name": "spring_sale", "language": {"code": "en_GB"}}
        })
    );
}

#[tokio::test]
async fn a_checked_body_goes_out_byte_for_byte_with_keywords_in_lower_case() {
    let server = ScriptedServer::start(vec![Reply::json(200, ACCEPTED)]).await;
    let mut value = json!({
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
        "type": "template",
        "template": {"name": "spring_sale", "language": {"code": "en_GB"},
                     "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "Ana"}]}]}
    });
    let (body, warnings) = wamm_client::validation::Validator::shared()
        .checked_body(&mut value, |_| false)
        .expect("valid");
    assert!(warnings.is_empty());
    client(&server)
        .send_marketing_message()
        .version("v23.0")
        .phone_number_id(PHONE_ID)
        .body(body.clone())
        .send()
        .await
        .expect("200");
    let sent = server.requests().remove(0).body;
    assert_eq!(String::from_utf8(sent).unwrap(), body.json());
    assert!(body.json().contains(r#""type":"body""#), "{}", body.json());
}

#[tokio::test]
async fn the_generated_operation_refuses_a_body_the_spec_refuses_before_sending() {
    let server = ScriptedServer::start(vec![Reply::json(200, ACCEPTED)]).await;
    let mut payload = minimal_body();
    payload.to = Some("12-34".into());
    let problems = wamm_client::CheckedBody::try_from(&payload).expect_err("a bad `to`");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert_eq!(problems.0[0].path(), "to");
    let result = client(&server)
        .send_marketing_message()
        .version("v23.0")
        .phone_number_id(PHONE_ID)
        .body(payload)
        .send()
        .await;
    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn every_message_status_and_an_unknown_one_decode() {
    const BODIES: [(&str, &str); 4] = [
        (
            "accepted",
            r#"{"messages":[{"id":"wamid.1","message_status":"accepted"}]}"#,
        ),
        (
            "held_for_quality_assessment",
            r#"{"messages":[{"id":"wamid.2","message_status":"held_for_quality_assessment"}]}"#,
        ),
        (
            "paused",
            r#"{"messages":[{"id":"wamid.3","message_status":"paused"}]}"#,
        ),
        (
            "queued_for_review",
            r#"{"messages":[{"id":"wamid.4","message_status":"queued_for_review"}]}"#,
        ),
    ];
    let expected = [
        MessageStatus::Accepted,
        MessageStatus::HeldForQualityAssessment,
        MessageStatus::Paused,
        MessageStatus::Unknown("queued_for_review".into()),
    ];
    for ((wire, body), want) in BODIES.into_iter().zip(expected) {
        let server = ScriptedServer::start(vec![Reply::json(200, body)]).await;
        let response = send(&client(&server)).await.expect("200 decodes");
        let status = response.messages[0].message_status.clone();
        assert_eq!(status, Some(want), "for {wire}");
        assert_eq!(status.unwrap().as_str(), wire);
    }
}

#[tokio::test]
async fn user_id_contacts_decode_for_bsuid_sends() {
    let server = ScriptedServer::start(vec![Reply::json(200, r#"{"contacts":[{"input":"BR.4408812399120045","user_id":"BR.4408812399120045"}],"messages":[{"id":"wamid.B"}]}"#)]).await;
    let response = send(&client(&server)).await.expect("200");
    assert_eq!(
        response.contacts[0].user_id.as_deref(),
        Some("BR.4408812399120045")
    );
    assert_eq!(response.contacts[0].wa_id, None);
    assert_eq!(response.messages[0].message_status, None);
}

#[tokio::test]
async fn a_graph_error_decodes_into_the_typed_error_with_its_code() {
    let server = ScriptedServer::start(vec![Reply::json(400, r#"{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"error_subcode":2494055,"error_data":{"messaging_product":"whatsapp","details":"throughput reached"},"is_transient":true,"fbtrace_id":"AbC123"}}"#).with_header("retry-after", "7")]).await;
    let Err(Error::ErrorResponse(response)) = send(&client(&server)).await else {
        panic!("a 400 must be a typed error response");
    };
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(response.headers().get("retry-after").unwrap(), "7");
    let error = &response.error;
    assert_eq!(error.code, codes::THROUGHPUT_LIMIT);
    assert_eq!(error.message, "(#130429) Rate limit hit");
    assert_eq!(error.type_.as_deref(), Some("OAuthException"));
    assert_eq!(error.error_subcode, Some(2494055));
    assert_eq!(error.is_transient, Some(true));
    assert_eq!(error.fbtrace_id.as_deref(), Some("AbC123"));
    assert_eq!(
        error.error_data.as_ref().unwrap()["details"],
        "throughput reached"
    );
}

#[tokio::test]
async fn error_data_may_be_a_plain_string() {
    let server = ScriptedServer::start(vec![Reply::json(401, r#"{"error":{"message":"Invalid OAuth access token.","code":190,"error_data":"token expired"}}"#)]).await;
    let Err(Error::ErrorResponse(response)) = send(&client(&server)).await else {
        panic!("a 401 must be a typed error response");
    };
    assert_eq!(response.error.code, codes::ACCESS_TOKEN_INVALID);
    assert_eq!(response.error.error_data, Some(json!("token expired")));
}

#[tokio::test]
async fn an_undeclared_status_is_an_error_not_a_panic() {
    let server = ScriptedServer::start(vec![Reply::json(502, "upstream unavailable")]).await;
    match send(&client(&server)).await {
        Err(Error::UnexpectedResponse(response)) => assert_eq!(response.status().as_u16(), 502),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_declared_status_with_an_unreadable_body_is_an_error() {
    let server = ScriptedServer::start(vec![Reply::json(500, "<html>oops</html>")]).await;
    let result = send(&client(&server)).await;
    assert!(
        matches!(result, Err(Error::InvalidResponsePayload(..))),
        "got {result:?}"
    );
}

#[test]
fn no_debug_output_shows_the_token() {
    let token = AccessToken::new(TOKEN);
    let client = Client::authenticated("http://127.0.0.1:9", &token, &ClientOptions::default())
        .expect("client");
    let builder = client
        .send_marketing_message()
        .version("v23.0")
        .phone_number_id(PHONE_ID)
        .body(minimal_body());
    for printed in [
        format!("{token:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{builder:?}"),
    ] {
        assert!(!printed.contains(TOKEN), "token leaked: {printed}");
        assert!(
            !printed.contains("test-token"),
            "part of the token leaked: {printed}"
        );
    }
    // The header is there, just hidden.
    assert!(format!("{client:?}").contains("Sensitive"));
}

#[test]
fn unusable_tokens_are_refused_without_echoing_them() {
    let options = ClientOptions::default();
    let err = Client::authenticated(
        "http://127.0.0.1:9",
        &AccessToken::new("abc\ndef"),
        &options,
    )
    .map(|_| ())
    .unwrap_err();
    assert!(!err.to_string().contains("abc"));
    assert!(
        Client::authenticated("http://127.0.0.1:9", &AccessToken::new("  \n"), &options).is_err()
    );
}

#[test]
fn the_request_types_refuse_unknown_fields_and_extra_fields_add_them_to_the_json() {
    let mut json = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "447700900123",
        "type": "template",
        "template": {"name": "spring_sale", "language": {"code": "en_GB"}},
    });
    let body: MarketingMessageRequestPayload = serde_json::from_value(json.clone()).unwrap();
    let mut misspelt = json.clone();
    misspelt["product_polcy"] = json!("STRICT");
    let err = serde_json::from_value::<MarketingMessageRequestPayload>(misspelt).unwrap_err();
    assert!(
        err.to_string().contains("unknown field `product_polcy`"),
        "{err}"
    );

    let mut extra = wamm_client::ExtraFields::default();
    extra
        .top_level
        .insert("future_field".into(), json!({"nested": [1, 2]}));
    extra
        .template
        .insert("future_template_field".into(), json!(1));
    let mut sent = serde_json::to_value(&body).unwrap();
    extra.merge_into(&mut sent);
    json["future_field"] = json!({"nested": [1, 2]});
    json["template"]["future_template_field"] = json!(1);
    assert_eq!(sent, json);
}
