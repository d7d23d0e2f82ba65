//! The floor under a campaign's CPU per message: the same HTTP client `wamm` sends with
//! (`Client::authenticated`: reqwest, pooled keep-alive connections, timeouts), posting one
//! prebuilt body over and over with fixed concurrency on one thread, and nothing else: no
//! journal, no validation, no placeholders, no classification.
//!
//! `cargo xtask bench` runs it next to `wamm campaign` and `wrk` against the same sandbox.
//!
//! ```text
//! cargo run --release -p wamm-client --example http_floor -- URL REQUESTS CONCURRENCY \
//!     [--ca-cert FILE] [--http 1.1|2|auto]
//! ```
//! The token comes from `WHATSAPP_ACCESS_TOKEN`. `--ca-cert` trusts a CA (PEM) for an
//! `https://` URL (`wamm sandbox --tls` prints its CA's path) and `--http` picks the version,
//! as `wamm`'s options of the same names do. Prints one JSON line: requests, failures,
//! seconds, requests_per_second. Measure its CPU from outside (`/usr/bin/time`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};
use wamm_client::{AccessToken, Client, ClientInfo, ClientOptions, HttpVersion};

const BODY: &str = r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123","type":"template","template":{"name":"spring_sale","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: http_floor URL REQUESTS CONCURRENCY [--ca-cert FILE] [--http 1.1|2|auto]";
    let url: reqwest::Url = args.next().ok_or(usage)?.parse()?;
    let requests: usize = args.next().ok_or(usage)?.parse()?;
    let concurrency: usize = args.next().ok_or(usage)?.parse()?;
    let mut options = ClientOptions::default();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        match flag.as_str() {
            "--ca-cert" => options.extra_roots_pem.push(std::fs::read(&value)?),
            "--http" => options.http_version = value.parse::<HttpVersion>()?,
            _ => return Err(usage.into()),
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let token = AccessToken::new(std::env::var("WHATSAPP_ACCESS_TOKEN").unwrap_or_default());
    let client = Client::authenticated(
        url.origin().ascii_serialization().as_str(),
        &token,
        &options,
    )?;
    // The generated operations get these from the client's `pre` hook; this loop posts
    // around them, so it sets them itself.
    let mut bearer = HeaderValue::from_str(&format!("Bearer {}", token.expose()))?;
    bearer.set_sensitive(true);
    let user_agent = HeaderValue::from_static(wamm_client::DEFAULT_USER_AGENT);
    let started = Instant::now();
    let failures = runtime.block_on(async move {
        let next = Arc::new(AtomicUsize::new(0));
        let failures = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::new();
        for _ in 0..concurrency {
            let (client, url, next, failures) = (
                client.clone(),
                url.clone(),
                Arc::clone(&next),
                Arc::clone(&failures),
            );
            let (bearer, user_agent) = (bearer.clone(), user_agent.clone());
            workers.push(tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < requests {
                    let sent = client
                        .client()
                        .post(url.clone())
                        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                        .header(AUTHORIZATION, bearer.clone())
                        .header(USER_AGENT, user_agent.clone())
                        .body(BODY)
                        .send()
                        .await;
                    let ok = match sent {
                        Ok(response) => {
                            response.status().is_success() && response.bytes().await.is_ok()
                        }
                        Err(_) => false,
                    };
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
        "{{\"requests\":{requests},\"failures\":{failures},\"seconds\":{seconds:.3},\"requests_per_second\":{:.0}}}",
        requests as f64 / seconds
    );
    Ok(())
}
