//! `wamm webhook serve`: receives Meta's webhooks (delivery statuses, opt-outs, template
//! changes, clicks) and records them in an event store before answering.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use clap::{Args, Subcommand};
use marketing::webhook::{self, EventStore, SIGNATURE_HEADER};

use crate::exit::{Exit, Failure};
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
`user_preferences` fields (and `message_template_status_update` on the account).";

const SERVE_EXAMPLES: &str = "\
Examples:
  # The secrets from files (or WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN)
  wamm webhook serve --listen 127.0.0.1:8090 --store events.db \\
      --app-secret-file examples/app-secret.txt --verify-token-file examples/verify-token.txt

The first line printed is `listening on http://ADDR/PATH`. A POST is answered 200 only once
its events are on stable storage; a missing, malformed or wrong X-Hub-Signature-256 gets 401
and records nothing; a body that is no webhook payload gets 400. Meta retries what did not get
a 200, and a redelivery changes nothing.";

/// The environment variables the secrets may come from.
const APP_SECRET_VAR: &str = "WHATSAPP_APP_SECRET";
const VERIFY_TOKEN_VAR: &str = "WHATSAPP_VERIFY_TOKEN";

/// The largest POST body taken: Meta's batches are far smaller.
const MAX_BODY: usize = 4 * 1024 * 1024;

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
}

/// A verified, parsed POST waiting to be written, and where its answer goes.
struct Job {
    body: Bytes,
    events: Vec<webhook::Received>,
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
        let posts: Vec<(&[u8], &[webhook::Received])> = group
            .iter()
            .map(|job| (&job.body[..], &job.events[..]))
            .collect();
        match store.record_many(&posts) {
            Ok(recorded) => {
                for (job, recorded) in group.into_iter().zip(recorded) {
                    let _ = job.done.send(Ok(recorded));
                }
            }
            // One POST that cannot be written must not fail the others: each on its own.
            Err(_) => {
                for job in group {
                    let result = store
                        .record(&job.body, &job.events)
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
    let store = EventStore::open(&args.store).map_err(|e| Failure::other(e.to_string()))?;
    let (jobs, queue) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || writer(store, queue))
        .map_err(|e| Failure::other(format!("cannot start the store writer: {e}")))?;
    let receiver = Arc::new(Receiver {
        writer: jobs,
        app_secret,
        verify_token,
    });
    let app = Router::new()
        .route(&args.path, get(handshake).post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(receiver);
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
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Failure::new(Exit::Failure, format!("server failed: {e}")))
}

async fn shutdown() {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut term) = signal(SignalKind::terminate()) else {
        return;
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
        Ok(challenge) => (StatusCode::OK, challenge),
        Err(refused) => {
            output::err(format!("handshake refused: {refused}"));
            (StatusCode::FORBIDDEN, refused.to_string())
        }
    }
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .map(|v| v.to_str().unwrap_or("not text"));
    if let Err(refused) =
        webhook::verify_signature(receiver.app_secret.as_bytes(), &body, signature)
    {
        output::err(format!("POST refused, nothing recorded: {refused}"));
        return (StatusCode::UNAUTHORIZED, refused.to_string());
    }
    let events = match webhook::parse_received(&body) {
        Ok(events) => events,
        Err(error) => {
            output::err(format!("POST refused, nothing recorded: {error}"));
            return (StatusCode::BAD_REQUEST, error.to_string());
        }
    };
    // SQLite and its fsync block: the writer thread does them, for many POSTs at once.
    let (done, written) = tokio::sync::oneshot::channel();
    if receiver.writer.send(Job { body, events, done }).is_err() {
        return (StatusCode::INTERNAL_SERVER_ERROR, "not recorded".into());
    }
    match written.await {
        Ok(Ok(recorded)) => (
            StatusCode::OK,
            format!(
                "recorded {} new of {} events",
                recorded.new_events, recorded.events
            ),
        ),
        Ok(Err(error)) => {
            output::err(format!("not recorded (Meta will retry): {error}"));
            (StatusCode::INTERNAL_SERVER_ERROR, "not recorded".into())
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "not recorded".into()),
    }
}
