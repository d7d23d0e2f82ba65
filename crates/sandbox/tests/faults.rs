//! Fault injection over real HTTP: reproducible for a seed, and lost responses are recorded.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;
use wamm_client::codes;
use wamm_sandbox::{DEFAULT_TOKEN, FaultSpec, Sandbox, SandboxConfig};

fn with_faults(spec: &str, seed: u64) -> SandboxConfig {
    SandboxConfig {
        faults: FaultSpec::parse(spec).unwrap(),
        seed,
        ..SandboxConfig::default()
    }
}

/// Sends on a fresh connection and names what came back: `200`, `STATUS/CODE`, `no response`
/// or `timeout`.
async fn outcome(sandbox: &Sandbox, body: &Value, timeout: Duration) -> String {
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .timeout(timeout)
        .build()
        .unwrap();
    let sent = client
        .post(send_url(sandbox))
        .bearer_auth(DEFAULT_TOKEN)
        .json(body)
        .send()
        .await;
    match sent {
        Err(e) if e.is_timeout() => "timeout".into(),
        Err(_) => "no response".into(),
        Ok(response) => {
            let status = response.status().as_u16();
            match response.json::<Value>().await {
                Ok(_) if status == 200 => "200".into(),
                Ok(body) => format!("{status}/{}", body["error"]["code"]),
                Err(_) => format!("{status}/unreadable"),
            }
        }
    }
}

async fn run(config: SandboxConfig, n: usize) -> (Vec<String>, Vec<(u64, bool)>) {
    let sandbox = start(config).await;
    let mut outcomes = Vec::new();
    for i in 0..n {
        let body = spring_sale(&format!("4477009{i:05}"));
        outcomes.push(outcome(&sandbox, &body, Duration::from_secs(5)).await);
    }
    let created = sandbox
        .messages()
        .iter()
        .map(|m| (m.sequence, m.response_lost))
        .collect();
    (outcomes, created)
}

/// The outcome of one `spring_sale`, given five seconds.
async fn send_one(sandbox: &Sandbox) -> String {
    outcome(
        sandbox,
        &spring_sale("447700900123"),
        Duration::from_secs(5),
    )
    .await
}

#[tokio::test]
async fn the_same_seed_gives_the_same_outcomes() {
    let spec = "500=0.15,503=0.1,reset=0.1,lost=0.2";
    let (first, first_created) = run(with_faults(spec, 42), 40).await;
    let (second, second_created) = run(with_faults(spec, 42), 40).await;
    assert_eq!(first, second);
    assert_eq!(first_created, second_created);

    for label in &first {
        assert!(
            ["200", "500/131000", "503/133004", "no response"].contains(&label.as_str()),
            "{label}"
        );
    }
    for expected in ["200", "500/131000", "503/133004", "no response"] {
        assert!(
            first.iter().any(|l| l == expected),
            "{expected} in {first:?}"
        );
    }
    // Lost responses are created: more messages than 200s.
    let ok = first.iter().filter(|l| *l == "200").count();
    assert!(first_created.len() > ok, "{first_created:?}");
    assert_eq!(first_created.iter().filter(|(_, lost)| !lost).count(), ok);

    let (other_seed, _) = run(with_faults(spec, 43), 40).await;
    assert_ne!(first, other_seed);
}

#[tokio::test]
async fn faults_are_off_by_default() {
    let (outcomes, created) = run(SandboxConfig::default(), 30).await;
    assert!(outcomes.iter().all(|o| o == "200"), "{outcomes:?}");
    assert_eq!(created.len(), 30);
}

#[tokio::test]
async fn a_lost_reset_records_the_message_but_answers_nothing() {
    let sandbox = start(with_faults("lost-reset=1", 1)).await;
    let body = spring_sale("447700900123");
    assert_eq!(
        outcome(&sandbox, &body, Duration::from_secs(5)).await,
        "no response"
    );
    let messages = sandbox.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].response_lost);
    assert_eq!(sandbox.stats().faults.get("lost-reset"), Some(&1));

    // A send that would be refused anyway is refused as usual, and nothing is lost.
    let mut bad = body.clone();
    bad["template"]["name"] = "nope".into();
    assert_eq!(
        outcome(&sandbox, &bad, Duration::from_secs(5)).await,
        "404/132001"
    );
    assert_eq!(sandbox.stats().faults.get("lost-reset"), Some(&1));
}

#[tokio::test]
async fn a_lost_500_records_the_message_and_answers_131000() {
    let sandbox = start(with_faults("lost-500=1", 1)).await;
    assert_eq!(send_one(&sandbox).await, "500/131000");
    let messages = sandbox.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].response_lost);
    let stats = sandbox.stats();
    assert_eq!(stats.faults.get("lost-500"), Some(&1));
    assert_eq!(
        stats.errors_by_code.get(&codes::SOMETHING_WENT_WRONG),
        Some(&1)
    );
}

#[tokio::test]
async fn injected_5xx_create_nothing() {
    let sandbox = start(with_faults("500=1", 1)).await;
    assert_eq!(send_one(&sandbox).await, "500/131000");
    let sandbox = start(with_faults("503=1", 1)).await;
    assert_eq!(send_one(&sandbox).await, "503/133004");
    assert!(sandbox.messages().is_empty());
}

#[tokio::test]
async fn a_reset_is_a_tcp_reset_without_a_response() {
    let sandbox = start(with_faults("reset=1", 1)).await;
    let body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
    let addr = sandbox.addr();
    let read = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let head = format!(
            "POST /v23.0/106540352242922/marketing_messages HTTP/1.1\r\nHost: {addr}\r\n\
             Authorization: Bearer {DEFAULT_TOKEN}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
        let mut buf = Vec::new();
        let result = stream.read_to_end(&mut buf);
        (result.map_err(|e| e.kind()), buf)
    })
    .await
    .unwrap();
    assert_eq!(read.0, Err(std::io::ErrorKind::ConnectionReset), "{read:?}");
    assert!(read.1.is_empty());
    assert!(sandbox.messages().is_empty());
    assert_eq!(sandbox.stats().faults.get("reset"), Some(&1));
}

#[tokio::test]
async fn a_slow_answer_outlasts_the_client_but_the_message_exists() {
    let sandbox = start(with_faults("slow=1,delay=1500ms", 1)).await;
    let started = Instant::now();
    assert_eq!(
        outcome(
            &sandbox,
            &spring_sale("447700900123"),
            Duration::from_millis(300)
        )
        .await,
        "timeout"
    );
    assert!(started.elapsed() < Duration::from_millis(1400));
    assert_eq!(sandbox.messages().len(), 1);
    assert_eq!(sandbox.stats().faults.get("slow"), Some(&1));

    // A slow request still in flight does not hold a shutdown for long.
    let again = tokio::spawn({
        let url = send_url(&sandbox);
        async move {
            let _ = client()
                .post(url)
                .bearer_auth(DEFAULT_TOKEN)
                .json(&spring_sale("447700900124"))
                .send()
                .await;
        }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let stopping = Instant::now();
    sandbox.shutdown().await;
    assert!(stopping.elapsed() < Duration::from_secs(3));
    again.abort();
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let sandbox = start_default().await;
    let addr = sandbox.addr();
    drop(sandbox);
    let mut refused = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "still accepting after drop");
}
