//! `wamm webhook serve`: receives Meta's webhooks (delivery statuses, opt-outs, template
//! changes, clicks) and records them in an event store before answering.

mod monitor;
mod refusals;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use clap::{Args, Subcommand};
use marketing::webhook::{self, EventStore, SIGNATURE_HEADER};
use tokio::sync::Semaphore;
use wamm_sandbox::server::{self, BodyError, ServerLimits};

use self::refusals::{Reason, Refusals};
use crate::exit::Failure;
use crate::output;

pub const ABOUT: &str =
    "Receive Meta's webhooks: delivery statuses, opt-outs and template changes, recorded durably";

pub const EXAMPLES: &str = "\
Examples:
  # Behind your TLS proxy, with the secrets in files only you can read
  wamm webhook serve --listen 127.0.0.1:8090 --store events.db \\
      --app-secret-file examples/app-secret.txt --verify-token-file examples/verify-token.txt

Meta's app dashboard (WhatsApp > Configuration > Webhook) takes the public HTTPS URL of the
path (default /webhook) and the verify token; subscribe to the `messages` and
`user_preferences` fields (and `message_template_status_update`,
`message_template_quality_update` and `template_category_update` on the account).";

const SERVE_EXAMPLES: &str = "\
Examples:
  # The secrets from files (or WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN)
  wamm webhook serve --listen 127.0.0.1:8090 --store events.db \\
      --app-secret-file examples/app-secret.txt --verify-token-file examples/verify-token.txt

  # Customers write in Portuguese too: these words replace the default opt-out keywords
  wamm webhook serve --listen 127.0.0.1:8090 --store events.db \\
      --app-secret-file examples/app-secret.txt \\
      --verify-token-file examples/verify-token.txt \\
      --opt-out-keyword STOP --opt-out-keyword UNSUBSCRIBE --opt-out-keyword SAIR

A message a user sends that is an opt-out keyword alone (trimmed, any case; default STOP,
STOP PROMOTIONS, STOPALL, UNSUBSCRIBE, OPT OUT, OPTOUT), a tap on a template's \"Stop
promotions\" button, or Meta's older user_preference_changed message suppresses the user like
a user_preferences stop, with its source recorded (inbound-text:STOP, quick-reply, ...).

The first line printed is `listening on http://ADDR/PATH`. A POST is answered 200 only once
its events are on stable storage; a missing, malformed or wrong X-Hub-Signature-256 gets 401
and records nothing; a body that is no webhook payload gets 400. Meta retries what did not get
a 200, and a redelivery changes nothing.

Defences (it faces the internet):
  - a POST without a well-formed X-Hub-Signature-256 (`sha256=` and 64 hex digits) is
    answered 401 before any of its body is read, and its connection closed;
  - a body over --max-body is answered 413 (before reading when its Content-Length says so);
    one that does not arrive within --body-timeout, 408;
  - bodies being read take at most --max-buffered bytes together; a POST that cannot get
    room within --body-timeout is answered 503 (Meta retries);
  - a connection is closed after --idle-timeout without a request, or when a request's
    headers take longer than --header-timeout; past --max-connections the connection idle
    longest is closed to make room, so an idle flood does not keep Meta out;
  - refusals are logged as one line per 10 seconds at most, with counts by reason.
  Memory stays bounded under any flood: about 16 MB to start, plus --max-buffered, plus up
  to 150 KiB per connection (--max-connections); under 100 MB with the defaults. What a
  flood used is kept by the allocator for reuse, not handed back, but never grows past that.";

/// The environment variables the secrets may come from.
const APP_SECRET_VAR: &str = "WHATSAPP_APP_SECRET";
const VERIFY_TOKEN_VAR: &str = "WHATSAPP_VERIFY_TOKEN";

/// The largest POST body taken unless told otherwise. Meta batches at most a few hundred
/// small changes in one POST (each a few hundred bytes of JSON): tens of kilobytes, never near
/// a megabyte.
const DEFAULT_MAX_BODY: &str = "1MiB";

/// The bytes all bodies being read may take at once unless told otherwise: 32 bodies of the
/// largest size, hundreds of Meta's usual ones.
const DEFAULT_MAX_BUFFERED: &str = "32MiB";

#[derive(Args, Debug)]
pub struct WebhookArgs {
    #[command(subcommand)]
    pub command: WebhookCommand,
}

#[derive(Subcommand, Debug)]
pub enum WebhookCommand {
    /// Answer Meta's handshake and record every signed POST in an event store
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// The event store, one for all campaigns: an SQLite file (created if missing), or
    /// postgres://USER@HOST/DATABASE (wamm's tables beside the journals)
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS")]
    pub store: PathBuf,
    /// The path Meta posts to
    #[arg(long, value_name = "PATH", default_value = "/webhook")]
    pub path: String,
    /// A file holding the app secret POSTs are signed with [default: $WHATSAPP_APP_SECRET]
    #[arg(long, value_name = "FILE")]
    pub app_secret_file: Option<PathBuf>,
    /// A file holding the verify token of the handshake [default: $WHATSAPP_VERIFY_TOKEN]
    #[arg(long, value_name = "FILE")]
    pub verify_token_file: Option<PathBuf>,
    /// Connections served at once; past it, the connection idle longest is closed to make
    /// room. Keep it under the process's file descriptor limit (`ulimit -n`)
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
    /// How long a request may take from its first byte to the end of its headers
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = timeout)]
    pub header_timeout: Duration,
    /// How long a POST's body may take to arrive, however it trickles in (answered 408
    /// after that)
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = timeout)]
    pub body_timeout: Duration,
    /// How long a connection may wait for its next request before it is closed
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = timeout)]
    pub idle_timeout: Duration,
    /// The largest POST body taken (answered 413 above it), like 1MiB, 512KiB or 65536
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_BODY, value_parser = size)]
    pub max_body: usize,
    /// The bytes all POST bodies being read may take at once; with --max-connections, what
    /// bounds the receiver's memory under a flood (at least --max-body)
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_BUFFERED, value_parser = size)]
    pub max_buffered: usize,
    /// A message a user sends that, alone, means "stop marketing messages" (any case;
    /// repeat for several). Given, these replace the default keywords: STOP, STOP
    /// PROMOTIONS, STOPALL, UNSUBSCRIBE, OPT OUT, OPTOUT
    #[arg(long = "opt-out-keyword", value_name = "WORDS")]
    pub opt_out_keywords: Vec<String>,
    // --- issue 30: metrics ---
    /// Serve Prometheus metrics on ADDR (http://ADDR/metrics), a listener apart from the
    /// one Meta posts to: events by kind, POSTs accepted, signature failures, duplicates,
    /// bodies refused, recording latency; /healthz answers while the process is alive,
    /// /readyz 503 while the store cannot be opened. Port 0 picks a free one, printed on
    /// stderr
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,
}

/// A timeout of 1 ms to a day.
fn timeout(text: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(text).map_err(|e| e.to_string())?;
    if duration < Duration::from_millis(1) || duration > Duration::from_secs(86_400) {
        return Err("expected a duration from 1ms to 24h, like 10s".into());
    }
    Ok(duration)
}

/// A size in bytes, or with a KiB or MiB suffix; at least 1 byte and at most 1 GiB.
fn size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let unit: u64 = match unit.trim() {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        _ => return Err("expected bytes, or a number with KiB or MiB, like 1MiB".into()),
    };
    let bytes = digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|n| (1..=1 << 30).contains(n))
        .ok_or("expected a size from 1 byte to 1024MiB, like 1MiB")?;
    Ok(bytes as usize)
}

pub async fn exec(args: WebhookArgs) -> Result<(), Failure> {
    match args.command {
        WebhookCommand::Serve(args) => serve(args).await,
    }
}

/// A secret from its file (trailing newline dropped) or its environment variable; never from
/// a flag's value, which other users can see in the process list.
fn secret(file: Option<&Path>, var: &str, flag: &str) -> Result<String, Failure> {
    let value = match file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read {flag} {}: {e}", path.display())))?,
        None => std::env::var(var).unwrap_or_default(),
    };
    let value = value.trim_end_matches(['\r', '\n']).to_string();
    if value.is_empty() {
        return Err(Failure::usage(format!(
            "no {what}: give {flag} FILE or set {var}",
            what = flag
                .trim_start_matches("--")
                .trim_end_matches("-file")
                .replace('-', " ")
        )));
    }
    Ok(value)
}

struct Receiver {
    writer: std::sync::mpsc::Sender<Job>,
    app_secret: String,
    verify_token: String,
    max_body: usize,
    body_timeout: Duration,
    /// One permit per byte of body being read or waiting to be written: what bodies may
    /// take at once (`--max-buffered`).
    buffered: Arc<Semaphore>,
    refusals: Refusals,
    /// What users' texts are read as opt-outs with.
    keywords: webhook::OptOutKeywords,
    /// With --metrics-listen.
    metrics: Option<marketing::metrics::WebhookMetrics>,
}

/// A verified POST, parsed and prepared where it was received, waiting to be written, and
/// where its answer goes.
struct Job {
    post: webhook::PreparedPost,
    done: tokio::sync::oneshot::Sender<Result<webhook::Recorded, String>>,
}

/// POSTs written in one transaction at most.
const GROUP: usize = 256;

/// The one thread that writes the store: it commits every POST that queued while the last
/// commit was being written in one transaction (one fsync), then answers them all. Under
/// load the fsyncs are shared; alone, a POST is written at once.
fn writer(mut store: EventStore, jobs: std::sync::mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let posts: Vec<&webhook::PreparedPost> = group.iter().map(|job| &job.post).collect();
        match store.record_prepared(&posts) {
            Ok(recorded) => {
                for (job, recorded) in group.into_iter().zip(recorded) {
                    let _ = job.done.send(Ok(recorded));
                }
            }
            // One POST that cannot be written must not fail the others: each on its own.
            Err(_) => {
                for job in group {
                    let result = store
                        .record_prepared(&[&job.post])
                        .map(|recorded| recorded[0])
                        .map_err(|e| e.to_string());
                    let _ = job.done.send(result);
                }
            }
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), Failure> {
    let app_secret = secret(
        args.app_secret_file.as_deref(),
        APP_SECRET_VAR,
        "--app-secret-file",
    )?;
    let verify_token = secret(
        args.verify_token_file.as_deref(),
        VERIFY_TOKEN_VAR,
        "--verify-token-file",
    )?;
    let plain = args.path.starts_with('/')
        && args
            .path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~".contains(c));
    if !plain {
        return Err(Failure::usage(format!(
            "--path {}: expected a path starting with / of letters, digits and - _ . ~",
            args.path
        )));
    }
    if args.max_buffered < args.max_body {
        return Err(Failure::usage(format!(
            "--max-buffered ({} bytes) must be at least --max-body ({} bytes)",
            args.max_buffered, args.max_body
        )));
    }
    let keywords = if args.opt_out_keywords.is_empty() {
        webhook::OptOutKeywords::default()
    } else {
        webhook::OptOutKeywords::new(&args.opt_out_keywords)
            .map_err(|e| Failure::usage(format!("--opt-out-keyword: {e}")))?
    };
    let mut store = EventStore::open(&args.store).map_err(|e| Failure::other(e.to_string()))?;
    store
        .checkpoint_in_background()
        .map_err(|e| Failure::other(e.to_string()))?;
    let monitoring = match args.metrics_listen {
        Some(address) => Some(monitor::start(address, args.store.clone()).await?),
        None => None,
    };
    let (metrics, metrics_server) = monitoring.unzip();
    let (jobs, queue) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || writer(store, queue))
        .map_err(|e| Failure::other(format!("cannot start the store writer: {e}")))?;
    let receiver = Arc::new(Receiver {
        writer: jobs,
        app_secret,
        verify_token,
        max_body: args.max_body,
        body_timeout: args.body_timeout,
        buffered: Arc::new(Semaphore::new(args.max_buffered)),
        refusals: Refusals::new(refusals::INTERVAL),
        keywords,
        metrics,
    });
    let app = Router::new()
        .route(&args.path, get(handshake).post(receive))
        .with_state(Arc::clone(&receiver));
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| Failure::other(format!("cannot listen on {}: {e}", args.listen)))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::other(e.to_string()))?;
    {
        // A reader that took the first line and closed the pipe must not stop the receiver.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{address}{}", args.path);
        let _ = writeln!(
            out,
            "store: {}",
            marketing::campaign::journal_label(&args.store)
        );
        let _ = out.flush();
    }
    if !address.ip().is_loopback() {
        output::err(format!(
            "warning: listening on {address}, not a loopback address: put it behind a TLS proxy; Meta posts only to HTTPS"
        ));
    }
    let ticking = Arc::clone(&receiver);
    let ticker = tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(1));
        loop {
            every.tick().await;
            ticking.refusals.tick();
        }
    });
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown().await;
        let _ = stop.send(true);
    });
    let limits = ServerLimits {
        max_connections: args.max_connections as usize,
        header_timeout: args.header_timeout,
        idle_timeout: args.idle_timeout,
    };
    server::serve(listener, app, stopped, limits).await;
    ticker.abort();
    receiver.refusals.flush();
    if let Some(metrics_server) = metrics_server {
        metrics_server.shutdown().await;
    }
    Ok(())
}

/// Waits for Ctrl-C or SIGTERM. The server then stops accepting, answers what it has (for up
/// to [`server::SHUTDOWN_GRACE`]) and closes the rest.
async fn shutdown() {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut term) = signal(SignalKind::terminate()) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    output::err("stopping: answering the requests already received, then exiting");
}

async fn handshake(
    State(receiver): State<Arc<Receiver>>,
    RawQuery(query): RawQuery,
) -> (StatusCode, String) {
    match webhook::answer_handshake(query.as_deref().unwrap_or(""), &receiver.verify_token) {
        Ok(challenge) => {
            tracing::info!("webhook handshake answered");
            (StatusCode::OK, challenge)
        }
        Err(refused) => {
            tracing::info!(
                reason = Reason::Handshake.label(),
                detail = %refused,
                "webhook handshake refused"
            );
            receiver.refusals.note(Reason::Handshake, &refused);
            (StatusCode::FORBIDDEN, refused.to_string())
        }
    }
}

/// A refusal, counted for the log; `closing` when the body was not read whole, so the
/// connection is closed rather than left with the body's rest in it.
fn refuse(receiver: &Receiver, reason: Reason, detail: String, closing: bool) -> Response {
    // Info, not warn: stderr already counts refusals once every few seconds, and a flood of
    // bad POSTs must not become a flood of lines at the default level.
    tracing::info!(reason = reason.label(), detail = %detail, "webhook POST refused");
    receiver.refusals.note(reason, &detail);
    if let Some(metrics) = &receiver.metrics {
        monitor::refused(metrics, reason);
    }
    let mut response = (reason.status(), detail).into_response();
    if closing {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    if reason == Reason::Busy {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// Reads a POST's body once its signature header is well formed, within the body deadline
/// and the shared byte budget. The permit is held while the body is in memory.
async fn body_of(
    receiver: &Receiver,
    body: Body,
) -> Result<(Bytes, tokio::sync::OwnedSemaphorePermit), Response> {
    let declared = body.size_hint().exact();
    let too_large = format!("the body is larger than {} bytes", receiver.max_body);
    if declared.is_some_and(|length| length > receiver.max_body as u64) {
        return Err(refuse(receiver, Reason::TooLarge, too_large, true));
    }
    // Without a length (chunked), room for the largest body.
    let room = declared.map_or(receiver.max_body, |length| length as usize);
    let deadline = tokio::time::Instant::now() + receiver.body_timeout;
    let permits = u32::try_from(room).unwrap_or(u32::MAX);
    let acquire = Arc::clone(&receiver.buffered).acquire_many_owned(permits);
    let permit = match tokio::time::timeout_at(deadline, acquire).await {
        Ok(Ok(permit)) => permit,
        _ => {
            let detail = "too many bodies being read at once; try again".to_string();
            return Err(refuse(receiver, Reason::Busy, detail, true));
        }
    };
    match server::read_body(body, receiver.max_body, deadline).await {
        Ok(bytes) => Ok((bytes, permit)),
        Err(BodyError::TooLarge(_)) => Err(refuse(receiver, Reason::TooLarge, too_large, true)),
        Err(BodyError::TimedOut) => {
            let detail = format!(
                "the body did not arrive within {}",
                humantime::format_duration(receiver.body_timeout)
            );
            Err(refuse(receiver, Reason::Slow, detail, true))
        }
        Err(error) => Err(refuse(receiver, Reason::Bad, error.to_string(), true)),
    }
}

async fn receive(State(receiver): State<Arc<Receiver>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let signature = parts
        .headers
        .get(SIGNATURE_HEADER)
        .map(|v| v.to_str().unwrap_or("not text"));
    // The header's form needs no body: an unsigned POST costs no memory and no read.
    if let Err(refused) = webhook::check_form(signature) {
        return refuse(&receiver, Reason::Unsigned, refused.to_string(), true);
    }
    let (body, _room) = match body_of(&receiver, body).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    if let Err(refused) =
        webhook::verify_signature(receiver.app_secret.as_bytes(), &body, signature)
    {
        return refuse(&receiver, Reason::Mismatch, refused.to_string(), false);
    }
    let events = match webhook::parse_received_with(&body, &receiver.keywords) {
        Ok(events) => events,
        Err(error) => return refuse(&receiver, Reason::Bad, error.to_string(), false),
    };
    // SQLite and its fsync block: the writer thread does them, for many POSTs at once.
    let (done, written) = tokio::sync::oneshot::channel();
    let kinds = receiver
        .metrics
        .as_ref()
        .map(|_| marketing::metrics::WebhookMetrics::kinds(&events));
    let began = std::time::Instant::now();
    // The digests and rows are made here, on the runtime's threads, not on the one writer.
    let post = EventStore::prepare(&body, &events);
    drop(events);
    if receiver.writer.send(Job { post, done }).is_err() {
        return (StatusCode::INTERNAL_SERVER_ERROR, "not recorded").into_response();
    }
    let answer = match written.await {
        Ok(Ok(recorded)) => {
            if let (Some(metrics), Some(kinds)) = (&receiver.metrics, &kinds) {
                metrics.recorded(kinds, recorded.new_events, began.elapsed());
            }
            tracing::info!(
                events = recorded.events,
                new_events = recorded.new_events,
                duplicates = recorded.events - recorded.new_events,
                "webhook POST recorded"
            );
            (
                StatusCode::OK,
                format!(
                    "recorded {} new of {} events",
                    recorded.new_events, recorded.events
                ),
            )
        }
        Ok(Err(error)) => {
            tracing::debug!(error = %error, "webhook POST not recorded");
            output::err(format!("not recorded (Meta will retry): {error}"));
            (StatusCode::INTERNAL_SERVER_ERROR, "not recorded".into())
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "not recorded".into()),
    };
    answer.into_response()
}
