//! `wamm send -v` and `--json` print what actually went over the wire: checked against a
//! scripted loopback server that records the raw request bytes and answers with a body no
//! reconstruction could reproduce.

use std::process::Output;

use wamm_e2e::{TOKEN, code, run_against, text};
use wamm_testkit::{Reply, ScriptedServer};

async fn run(base_url: String, args: &[&str]) -> Output {
    run_against(&base_url, "106540352242922", args).await
}

const SEND: &[&str] = &[
    "send",
    "--to",
    "447700900123",
    "--template",
    "spring_sale",
    "--lang",
    "en_US",
    "--body",
    "Ana",
];

/// Spacing, key order and a field the spec does not know: only the bytes as received match.
const ODD_BODY: &str = r#"{ "messages":[{"message_status":"accepted","id":"wamid.ODD"}],
  "contacts":[{"wa_id":"447700900123","input":"447700900123"}],"messaging_product":"whatsapp",
  "pricing_hint": {"tier": 3} }"#;

#[tokio::test(flavor = "multi_thread")]
async fn json_prints_the_response_body_exactly_as_received() {
    let server = ScriptedServer::start(vec![Reply::json(200, ODD_BODY)]).await;
    let mut args = SEND.to_vec();
    args.push("--json");
    let output = run(server.base_url(), &args).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert_eq!(stdout, format!("{ODD_BODY}\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn json_prints_an_error_body_exactly_as_received() {
    let body = r#"{"error":{"code":131050,"message":"(#131050) opted out","type":"OAuthException","fbtrace_id":"Abc"}}"#;
    let server = ScriptedServer::start(vec![Reply::json(400, body)]).await;
    let mut args = SEND.to_vec();
    args.push("--json");
    let output = run(server.base_url(), &args).await;
    let (stdout, _) = text(&output);
    assert_ne!(code(&output), 0);
    assert_eq!(stdout, format!("{body}\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn verbose_logs_the_request_as_sent_and_the_answer_as_received() {
    let server = ScriptedServer::start(vec![
        Reply::json(200, ODD_BODY).with_header("x-business-use-case-usage", "{\"1\":[]}"),
    ])
    .await;
    let mut args = vec!["-v"];
    args.extend_from_slice(SEND);
    let output = run(server.base_url(), &args).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let wire = &requests[0];

    let sent: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .collect();
    assert_eq!(
        sent[0],
        format!("{} {}{}", wire.method, server.base_url(), wire.target)
    );
    // Every header that reached the server is in the log, with the same value, except the
    // token, which the log redacts; and the log shows no header that was not sent.
    let logged: Vec<(&str, &str)> = sent[1..sent.len() - 1]
        .iter()
        .map(|l| l.split_once(": ").expect("name: value"))
        .collect();
    for (name, value) in &wire.headers {
        let shown = logged
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("header {name} was sent but not logged:\n{stderr}"));
        if name == "authorization" {
            assert_eq!(value, &format!("Bearer {TOKEN}"));
            assert_eq!(shown.1, "Bearer <redacted>");
        } else {
            assert_eq!(&shown.1, value, "{name}");
        }
    }
    for (name, _) in &logged {
        assert!(
            wire.header(name).is_some(),
            "{name} was logged but not sent:\n{stderr}"
        );
    }
    assert!(wire.header("api-version").is_none());
    assert_eq!(sent.last().unwrap().as_bytes(), wire.body.as_slice());

    let received: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("< "))
        .collect();
    assert!(received[0].starts_with("200 ("), "{stderr}");
    assert!(
        received.contains(&"x-business-use-case-usage: {\"1\":[]}"),
        "{stderr}"
    );
    // The body line is the body as received (its newline split it into two log lines).
    let body_lines: Vec<&str> = ODD_BODY.lines().collect();
    assert!(stderr.contains(&format!("< {}", body_lines[0])), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_field_let_through_by_the_opt_out_reaches_the_wire_and_the_log() {
    let server = ScriptedServer::start(vec![Reply::accepted("wamid.CTX")]).await;
    let file = wamm_e2e::resource("interop/undocumented/pywa-reply-to-context.json");
    let file = file.to_str().unwrap();
    let refused = run(server.base_url(), &["send", "--message", file]).await;
    assert_eq!(code(&refused), 2, "refused without the opt-out");
    assert!(server.requests().is_empty());

    let output = run(
        server.base_url(),
        &["-v", "send", "--message", file, "--allow-unknown-fields"],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert!(
        stderr.contains("warning: context: unknown field"),
        "{stderr}"
    );
    let requests = server.requests();
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(sent["context"], original["context"]);
    let logged = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .find(|l| l.starts_with('{'))
        .unwrap();
    assert_eq!(logged.as_bytes(), requests[0].body.as_slice());
}

/// A server answering with megabytes does not flood the terminal: `-v` shows the first 64 KiB
/// of a body and says how much it left out; the error shows a short snippet.
#[tokio::test(flavor = "multi_thread")]
async fn verbose_output_caps_an_enormous_body() {
    let huge = format!("<html>{}</html>", "x".repeat(4 * 1024 * 1024));
    let server = ScriptedServer::start(vec![Reply::json(502, huge.clone())]).await;
    let mut args = SEND.to_vec();
    args.push("-v");
    let output = run(server.base_url(), &args).await;
    let (stdout, stderr) = text(&output);
    assert_ne!(code(&output), 0);
    assert!(
        stdout.len() + stderr.len() < 200 * 1024,
        "{} bytes of output",
        stdout.len() + stderr.len()
    );
    assert!(
        stderr.contains("more bytes not shown"),
        "{}",
        &stderr[..stderr.len().min(500)]
    );
}
