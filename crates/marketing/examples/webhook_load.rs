//! Load for a webhook receiver: signed status POSTs, each event unique, as fast as the
//! receiver answers, over a fixed number of keep-alive connections. `cargo xtask bench` runs
//! it against `wamm webhook serve`.
//!
//! ```text
//! WHATSAPP_APP_SECRET=... cargo run --release -p marketing --example webhook_load -- URL EVENTS CONCURRENCY EVENTS_PER_POST [FIRST]
//! ```
//! FIRST (default 0) numbers the events from there, so that several loads against one store
//! post different events.
//! Prints one JSON line: events, posts, failures, seconds, events_per_second, posts_per_second
//! and cpu_seconds (this process's own user + system time while it posted).
//!
//! On a small machine the load shares the cores with the receiver, so what the load costs is
//! part of what is measured. Every request (head, signature and body) is written out as bytes
//! before the clock starts, and sent over plain `http://` keep-alive connections as those
//! bytes, one write each; an answer is read as far as its status and its `Content-Length`.
//! An HTTP client library would spend more per request than the receiver's own HTTP stack.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wamm_client::webhook_signature::{SIGNATURE_HEADER, sign};

/// One POST's body: `count` statuses, numbered from `first`.
fn body(first: usize, count: usize) -> Vec<u8> {
    let statuses: Vec<serde_json::Value> = (first..first + count)
        .map(|i| {
            let status = ["sent", "delivered", "read"][i % 3];
            serde_json::json!({
                "id": format!("wamid.load{i:012}"),
                "status": status,
                "timestamp": (1_764_072_000 + i).to_string(),
                "recipient_id": format!("44770{:07}", i % 10_000_000),
                "pricing": {"billable": true, "pricing_model": "PMP", "category": "marketing_lite", "type": "regular"}
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "statuses": statuses}}]}]
    }))
    .unwrap_or_default()
}

/// `http://HOST:PORT/PATH` split into the address to connect to and the path.
fn split_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("http://")?;
    let (address, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, "/"),
    };
    Some((address.to_string(), path.to_string()))
}

/// The whole request as it goes on the wire.
fn request(address: &str, path: &str, body: &[u8], signature: &str) -> Vec<u8> {
    let mut bytes = format!(
        "POST {path} HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\n{SIGNATURE_HEADER}: {signature}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// What an answer said: its status, and whether the server closes the connection after it.
struct Answer {
    status: u16,
    closing: bool,
}

/// Reads one answer from `stream`; `buffer` keeps bytes read past it (none, in practice).
async fn answer(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<Answer> {
    let broken =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Err(broken("closed before an answer"));
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = std::str::from_utf8(&buffer[..head_end]).map_err(|_| broken("head not text"))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| broken("no status"))?;
    let mut length = 0usize;
    let mut closing = false;
    for line in head.split("\r\n").skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().map_err(|_| broken("content-length"))?;
            } else if name.eq_ignore_ascii_case("connection") {
                closing = value.trim().eq_ignore_ascii_case("close");
            }
        }
    }
    while buffer.len() < head_end + length {
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Err(broken("closed inside an answer"));
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    buffer.drain(..head_end + length);
    Ok(Answer { status, closing })
}

/// User + system time of this process so far, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second).
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: webhook_load URL EVENTS CONCURRENCY EVENTS_PER_POST [FIRST]";
    let url: String = args.next().ok_or(usage)?;
    let events: usize = args.next().ok_or(usage)?.parse()?;
    let concurrency: usize = args.next().ok_or(usage)?.parse()?;
    let per_post: usize = args.next().ok_or(usage)?.parse::<usize>()?.max(1);
    let offset: usize = match args.next() {
        Some(first) => first.parse()?,
        None => 0,
    };
    let secret = std::env::var("WHATSAPP_APP_SECRET").map_err(|_| "set WHATSAPP_APP_SECRET")?;
    let (address, path) = split_url(&url).ok_or("URL: expected http://HOST:PORT/PATH")?;
    let posts = events.div_ceil(per_post);
    // Requests made before the clock starts: the receiver is measured, not this.
    let prepared: Arc<Vec<Vec<u8>>> = Arc::new(
        (0..posts)
            .map(|p| {
                let first = p * per_post;
                let body = body(offset + first, per_post.min(events - first));
                let signature = sign(secret.as_bytes(), &body);
                request(&address, &path, &body, &signature)
            })
            .collect(),
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let failures = runtime.block_on(async move {
        let next = Arc::new(AtomicUsize::new(0));
        let failures = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::new();
        for _ in 0..concurrency {
            let (address, next, failures, prepared) = (
                address.clone(),
                Arc::clone(&next),
                Arc::clone(&failures),
                Arc::clone(&prepared),
            );
            workers.push(tokio::spawn(async move {
                let mut stream: Option<TcpStream> = None;
                let mut buffer = Vec::with_capacity(4096);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(request) = prepared.get(i) else {
                        break;
                    };
                    if stream.is_none() {
                        buffer.clear();
                        stream = TcpStream::connect(&address).await.ok();
                        if let Some(stream) = &stream {
                            let _ = stream.set_nodelay(true);
                        }
                    }
                    let Some(connection) = stream.as_mut() else {
                        failures.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    let result = match connection.write_all(request).await {
                        Ok(()) => answer(connection, &mut buffer).await,
                        Err(error) => Err(error),
                    };
                    match result {
                        Ok(answer) => {
                            if answer.status != 200 {
                                failures.fetch_add(1, Ordering::Relaxed);
                            }
                            if answer.closing {
                                stream = None;
                            }
                        }
                        Err(_) => {
                            failures.fetch_add(1, Ordering::Relaxed);
                            stream = None;
                        }
                    }
                }
            }));
        }
        for worker in workers {
            let _ = worker.await;
        }
        failures.load(Ordering::Relaxed)
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "events": events, "posts": posts, "failures": failures, "seconds": seconds,
            "events_per_second": events as f64 / seconds,
            "posts_per_second": posts as f64 / seconds,
            "cpu_seconds": cpu_seconds() - cpu_before,
        })
    );
    Ok(())
}
