//! A sandbox that holds up: slow and idle clients are cut off or pushed out, memory is
//! bounded, the inspection endpoints page and need the token. Real servers on loopback, real
//! TCP clients.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wamm_client::codes;
use wamm_sandbox::{DEFAULT_TOKEN, FaultSpec, MessagePage, Sandbox, SandboxConfig};

/// Far longer than any timeout a test below sets: reaching it means the server never acted.
const PATIENCE: Duration = Duration::from_secs(30);

/// Reads until the server closes the connection (or resets it); returns what came and when
/// the connection ended.
async fn read_until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let started = Instant::now();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(PATIENCE, stream.read(&mut buf)).await {
            Err(_) => panic!(
                "still open after {PATIENCE:?}; received {:?}",
                String::from_utf8_lossy(&received)
            ),
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
    (String::from_utf8_lossy(&received).into(), started.elapsed())
}

fn send_head(sandbox: &Sandbox, content_length: usize) -> String {
    format!(
        "POST /v23.0/106540352242922/marketing_messages HTTP/1.1\r\nHost: {}\r\n\
         Authorization: Bearer {DEFAULT_TOKEN}\r\nContent-Type: application/json\r\n\
         Content-Length: {content_length}\r\n\r\n",
        sandbox.addr()
    )
}

/// One send is answered in well under the client's own 10 s timeout.
async fn sends_promptly(sandbox: &Sandbox) {
    let started = Instant::now();
    post(sandbox, &spring_sale("447700900123")).await.created();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_client_that_stalls_in_its_headers_is_disconnected() {
    let sandbox = start(SandboxConfig {
        header_timeout: Duration::from_secs(1),
        ..SandboxConfig::default()
    })
    .await;

    // Half a request head, then nothing.
    let mut half = TcpStream::connect(sandbox.addr()).await.unwrap();
    half.write_all(b"POST /v23.0/106540352242922/marketing_messages HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // Nothing at all.
    let mut silent = TcpStream::connect(sandbox.addr()).await.unwrap();
    // A whole request, then silence on the kept-alive connection.
    let mut kept = TcpStream::connect(sandbox.addr()).await.unwrap();
    let body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
    kept.write_all(send_head(&sandbox, body.len()).as_bytes())
        .await
        .unwrap();
    kept.write_all(&body).await.unwrap();

    let (half, silent, kept) = tokio::join!(
        read_until_closed(&mut half),
        read_until_closed(&mut silent),
        read_until_closed(&mut kept)
    );
    for (what, (received, after)) in [("half", &half), ("silent", &silent), ("kept", &kept)] {
        // Cut off by the timeout, not at once.
        assert!(
            *after >= Duration::from_millis(500),
            "{what}: after {after:?}"
        );
        if what == "kept" {
            // One answer, then closed while waiting for the next request.
            assert!(received.starts_with("HTTP/1.1 200"), "{received}");
            assert_eq!(received.matches("HTTP/1.1").count(), 1, "{received}");
        } else {
            assert!(!received.starts_with("HTTP/1.1 2"), "{what}: {received}");
        }
    }
    assert_eq!(sandbox.messages().len(), 1);
}

#[tokio::test]
async fn a_body_that_trickles_past_its_deadline_is_refused_and_the_connection_closed() {
    let sandbox = start(SandboxConfig {
        body_timeout: Duration::from_secs(1),
        header_timeout: Duration::from_secs(60),
        ..SandboxConfig::default()
    })
    .await;
    let stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    writer
        .write_all(send_head(&sandbox, 1000).as_bytes())
        .await
        .unwrap();
    // One byte every 100 ms: never idle for long, but 1000 bytes would take 100 s.
    let trickle = tokio::spawn(async move {
        for _ in 0..1000 {
            if writer.write_all(b" ").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let started = Instant::now();
    let mut received = Vec::new();
    let read = tokio::time::timeout(PATIENCE, reader.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "still open after {PATIENCE:?}");
    let elapsed = started.elapsed();
    trickle.abort();
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 400"), "{text}");
    assert!(text.contains("did not arrive within 1s"), "{text}");
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert_eq!(
        sandbox
            .stats()
            .errors_by_code
            .get(&codes::INVALID_PARAMETER),
        Some(&1)
    );
    assert!(sandbox.messages().is_empty());
}

#[tokio::test]
async fn a_body_over_the_size_cap_is_refused() {
    let sandbox = start_default().await;
    let mut body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
    body.resize((1 << 20) + 1, b' ');
    let answer = post_json_bytes(&sandbox, &send_url(&sandbox), body).await;
    answer.graph_error_naming(400, codes::INVALID_PARAMETER, "larger than 1048576 bytes");
}

#[tokio::test]
async fn hundreds_of_idle_connections_do_not_hold_up_a_send() {
    let sandbox = start_default().await;
    let mut idle = Vec::new();
    for i in 0..300 {
        let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
        if i % 2 == 0 {
            stream.write_all(b"POST /v23.0/1").await.unwrap();
        }
        idle.push(stream);
    }
    // The client's own timeout is 10 s; a send that waited for the idle ones to time out
    // would take that long.
    sends_promptly(&sandbox).await;
    // They are still served (none was closed): the cap is far away.
    let mut open = 0;
    for stream in &mut idle {
        let mut buf = [0u8; 1];
        if let Err(e) = stream.try_read(&mut buf)
            && e.kind() == std::io::ErrorKind::WouldBlock
        {
            open += 1;
        }
    }
    assert_eq!(open, 300);
}

#[tokio::test]
async fn at_the_connection_cap_the_longest_idle_connection_makes_room() {
    let sandbox = start(SandboxConfig {
        max_connections: 16,
        header_timeout: Duration::from_secs(60),
        ..SandboxConfig::default()
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..16 {
        let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
        stream.write_all(b"GET /__sandbox/st").await.unwrap();
        idle.push(stream);
    }
    // Let the server take them all in.
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Far sooner than the 60 s header timeout would free a place.
    sends_promptly(&sandbox).await;

    // The first one connected was idle longest: it was closed, and only it.
    let (received, _) = read_until_closed(&mut idle[0]).await;
    assert!(received.is_empty(), "{received}");
    for stream in &mut idle[1..] {
        let mut buf = [0u8; 1];
        let still_open = matches!(
            stream.try_read(&mut buf),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
        );
        assert!(still_open);
    }
}

#[tokio::test]
async fn a_connection_in_the_middle_of_a_request_is_not_closed_for_room() {
    let sandbox = start(SandboxConfig {
        max_connections: 1,
        faults: FaultSpec::parse("slow=1,delay=1s").unwrap(),
        ..unthrottled()
    })
    .await;
    let first = tokio::spawn({
        let url = send_url(&sandbox);
        async move {
            client()
                .post(url)
                .bearer_auth(DEFAULT_TOKEN)
                .json(&spring_sale("447700900001"))
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The only place is taken by a request in flight: this one waits for it.
    let second = post(&sandbox, &spring_sale("447700900002")).await;
    second.created();
    assert_eq!(first.await.unwrap().expect("the first is answered"), 200);
    assert_eq!(sandbox.messages().len(), 2);
}

#[tokio::test]
async fn the_record_keeps_the_newest_messages_and_counts_all() {
    let sandbox = start(SandboxConfig {
        max_messages: 5,
        pair_interval: Some(Duration::from_secs(3600)),
        ..unthrottled()
    })
    .await;
    let wamids = send_spring_sales(&sandbox, 0..12).await;
    let held: Vec<String> = sandbox.messages().into_iter().map(|m| m.wamid).collect();
    assert_eq!(held, wamids[7..]);
    let stats = sandbox.stats();
    assert_eq!(stats.created, 12);
    assert_eq!(stats.requests, 12);
    assert_eq!(stats.by_status.get("accepted"), Some(&12));

    // The pair limit still knows the first user, whose message the record has dropped.
    post(&sandbox, &spring_sale("447700900000"))
        .await
        .graph_error(400, codes::PAIR_RATE_LIMIT);

    let page: MessagePage =
        serde_json::from_value(get_json(&sandbox, "/__sandbox/messages").await).unwrap();
    assert_eq!(page.messages, sandbox.messages());
    assert_eq!(
        (page.next, page.more, page.skipped, page.created, page.held),
        (12, false, 7, 12, 5)
    );

    // Keeping none still counts.
    let sandbox = start(SandboxConfig {
        max_messages: 0,
        ..unthrottled()
    })
    .await;
    send_spring_sales(&sandbox, 0..3).await;
    assert!(sandbox.messages().is_empty());
    assert_eq!(sandbox.stats().created, 3);
    let page = sandbox.message_page(0, 10);
    assert_eq!((page.next, page.more, page.skipped), (3, false, 3));
}

#[tokio::test]
async fn paging_returns_every_message_exactly_once_while_sends_go_on() {
    let sandbox = start(unthrottled()).await;
    let sender = tokio::spawn({
        let url = send_url(&sandbox);
        async move {
            let client = client();
            let mut wamids = Vec::new();
            for i in 0..300 {
                let response = client
                    .post(&url)
                    .bearer_auth(DEFAULT_TOKEN)
                    .json(&spring_sale(&format!("4477009{i:05}")))
                    .send()
                    .await
                    .unwrap();
                let body: Value = response.json().await.unwrap();
                wamids.push(body["messages"][0]["id"].as_str().unwrap().to_string());
            }
            wamids
        }
    });
    let mut paged = Vec::new();
    let mut after = 0;
    let mut pages = 0;
    loop {
        let sender_done = sender.is_finished();
        let page: MessagePage = serde_json::from_value(
            get_json(
                &sandbox,
                &format!("/__sandbox/messages?after={after}&limit=7"),
            )
            .await,
        )
        .unwrap();
        pages += 1;
        assert!(page.messages.len() <= 7);
        assert_eq!(page.skipped, 0);
        paged.extend(page.messages.into_iter().map(|m| m.wamid));
        assert_eq!(page.next, paged.len() as u64);
        after = page.next;
        if sender_done && !page.more {
            break;
        }
    }
    let sent = sender.await.unwrap();
    assert_eq!(paged, sent, "in creation order, each once");
    assert_eq!(paged.iter().collect::<HashSet<_>>().len(), 300);
    assert!(pages >= 300 / 7, "{pages} pages");
}

#[tokio::test]
async fn paging_reports_what_the_record_dropped_and_bounds_the_limit() {
    let sandbox = start(SandboxConfig {
        max_messages: 5,
        ..unthrottled()
    })
    .await;
    send_spring_sales(&sandbox, 0..5).await;
    let page: MessagePage =
        serde_json::from_value(get_json(&sandbox, "/__sandbox/messages?limit=2").await).unwrap();
    assert_eq!(page.messages.len(), 2);
    assert_eq!((page.next, page.more, page.skipped), (2, true, 0));
    send_spring_sales(&sandbox, 5..15).await;
    // Numbers 3 to 10 were dropped before this client read them.
    let page: MessagePage = serde_json::from_value(
        get_json(&sandbox, "/__sandbox/messages?after=2&limit=100000").await,
    )
    .unwrap();
    assert_eq!(page.messages, sandbox.messages());
    assert_eq!(
        (page.next, page.more, page.skipped, page.held),
        (15, false, 8, 5)
    );

    // A reset forgets on purpose: nothing is reported skipped, and numbers go on.
    assert_eq!(reset(&sandbox).await, 200);
    post(&sandbox, &spring_sale("447700900099")).await.created();
    let page = sandbox.message_page(0, 10);
    assert_eq!(page.messages.len(), 1);
    assert_eq!((page.next, page.skipped, page.created), (16, 0, 1));

    for query in ["limit=0", "after=x", "limit=-1", "page=2"] {
        let details = get_path(&sandbox, &format!("/__sandbox/messages?{query}"))
            .await
            .graph_error(400, codes::INVALID_PARAMETER);
        assert!(details.contains("limit"), "{query}: {details}");
    }
}

#[tokio::test]
async fn inspection_endpoints_need_the_token() {
    let sandbox = start_default().await;
    post(&sandbox, &spring_sale("447700900123")).await.created();
    let endpoints = [
        ("GET", "/__sandbox/messages", 200),
        ("GET", "/__sandbox/messages?after=0&limit=1", 200),
        ("GET", "/__sandbox/stats", 200),
        ("GET", "/__sandbox/no-such-thing", 400),
        // Last: it clears what the others read.
        ("POST", "/__sandbox/reset", 200),
    ];
    for (method, path, with_token) in endpoints {
        let request = |token: Option<&str>| {
            let mut request = client().request(
                method.parse().unwrap(),
                format!("{}{path}", sandbox.base_url()),
            );
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        for (token, code) in [
            (None, codes::ACCESS_TOKEN_MISSING),
            (Some("not-the-token"), codes::ACCESS_TOKEN_INVALID),
        ] {
            let response = request(token).await.unwrap();
            let status = response.status();
            assert!(
                response.headers().contains_key("www-authenticate"),
                "{method} {path}"
            );
            let body: Value = response.json().await.unwrap();
            Answer { status, body }.graph_error(401, code);
            // Refused before anything was done.
            assert_eq!(sandbox.messages().len(), 1, "{method} {path}");
        }
        let response = request(Some(DEFAULT_TOKEN)).await.unwrap();
        assert_eq!(response.status().as_u16(), with_token, "{method} {path}");
        if with_token == 400 {
            let body: Value = response.json().await.unwrap();
            Answer {
                status: reqwest::StatusCode::BAD_REQUEST,
                body,
            }
            .graph_error_naming(400, codes::INVALID_PARAMETER, path);
        }
    }
    assert!(
        sandbox.messages().is_empty(),
        "the reset with the token ran"
    );
}
