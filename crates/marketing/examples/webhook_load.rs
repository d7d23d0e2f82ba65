//! Load for a webhook receiver: signed status POSTs, each event unique, as fast as the
//! receiver answers, over a fixed number of connections. `cargo xtask bench` runs it against
//! `wamm webhook serve`.
//!
//! ```text
//! WHATSAPP_APP_SECRET=... cargo run --release -p marketing --example webhook_load -- URL EVENTS CONCURRENCY EVENTS_PER_POST
//! ```
//! Prints one JSON line: events, posts, failures, seconds, events_per_second.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: webhook_load URL EVENTS CONCURRENCY EVENTS_PER_POST";
    let url: String = args.next().ok_or(usage)?;
    let events: usize = args.next().ok_or(usage)?.parse()?;
    let concurrency: usize = args.next().ok_or(usage)?.parse()?;
    let per_post: usize = args.next().ok_or(usage)?.parse::<usize>()?.max(1);
    let secret = std::env::var("WHATSAPP_APP_SECRET").map_err(|_| "set WHATSAPP_APP_SECRET")?;
    let posts = events.div_ceil(per_post);
    // Bodies and signatures made before the clock starts: the receiver is measured, not this.
    let prepared: Arc<Vec<(Vec<u8>, String)>> = Arc::new(
        (0..posts)
            .map(|p| {
                let first = p * per_post;
                let body = body(first, per_post.min(events - first));
                let signature = sign(secret.as_bytes(), &body);
                (body, signature)
            })
            .collect(),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let client = reqwest::Client::builder().no_proxy().build()?;
    let started = Instant::now();
    let failures = runtime.block_on(async move {
        let next = Arc::new(AtomicUsize::new(0));
        let failures = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::new();
        for _ in 0..concurrency {
            let (client, url, next, failures, prepared) = (
                client.clone(),
                url.clone(),
                Arc::clone(&next),
                Arc::clone(&failures),
                Arc::clone(&prepared),
            );
            workers.push(tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((body, signature)) = prepared.get(i) else {
                        break;
                    };
                    let ok = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .header(SIGNATURE_HEADER, signature)
                        .body(body.clone())
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success());
                    if !ok {
                        failures.fetch_add(1, Ordering::Relaxed);
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
        })
    );
    Ok(())
}
