//! A local HTTP server that behaves like Meta's Marketing Messages Lite endpoint
//! (`POST /{Version}/{Phone-Number-ID}/marketing_messages`), so marketing sends can be built and
//! tested without a Meta account, approved templates or real phones.
//!
//! It answers in the API's shapes (a `MarketingMessageResponsePayload` or the Graph error
//! envelope) with the codes and HTTP statuses Meta uses, checking in Meta's order:
//!
//! | check | HTTP | code |
//! |---|---|---|
//! | bearer token missing or not the sandbox's | 401 | 190 |
//! | phone number ID not served | 400 | 100 |
//! | version not like `v23.0` | 400 | 100 |
//! | not `application/json`, not JSON, or not matching the spec's request schema (details name the path) | 400 | 100 |
//! | both or neither of `to` and `recipient` | 400 | 100 |
//! | `bid_spec` with a `recipient` (BSUID) | 400 | 131062 |
//! | template unknown in that language | 404 | 132001 |
//! | template not MARKETING | 400 | 134100 |
//! | template paused / disabled | 400 | 132015 / 132016 |
//! | named vs positional, header media type, button kind mismatch | 400 | 132012 |
//! | wrong number of parameters, cards, or a button the template lacks | 400 | 132000 |
//! | a required value (named variable, coupon code) missing | 400 | 131008 |
//! | user opted out | 400 | 131050 |
//! | `product_policy: STRICT` from a number not onboarded to MM Lite | 403 | 10 |
//! | over the phone number's messages per second | 400 | 130429 |
//! | again to the same user within the pair interval | 400 | 131056 |
//!
//! Request bodies are validated against `openapi.yaml` itself, compiled into this crate, so
//! the spec, the generated client and the sandbox cannot drift apart. Every created message is
//! recorded ([`Sandbox::messages`], `GET /__sandbox/messages`) with counters
//! ([`Sandbox::stats`], `GET /__sandbox/stats`); faults (5xx, resets, slow and lost responses)
//! can be injected, reproducibly for a seed ([`FaultSpec`]).
//!
//! ```
//! use wamm_sandbox::{DEFAULT_PHONE_NUMBER_ID, DEFAULT_TOKEN, Sandbox, SandboxConfig};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let url = format!(
//!     "{}/v23.0/{DEFAULT_PHONE_NUMBER_ID}/marketing_messages",
//!     sandbox.base_url()
//! );
//! // Any HTTP client will do; the token is `sandbox-token` unless configured otherwise.
//! let answer = reqwest::Client::new()
//!     .post(url)
//!     .bearer_auth(DEFAULT_TOKEN)
//!     .json(&serde_json::json!({
//!         "messaging_product": "whatsapp", "recipient_type": "individual",
//!         "to": "447700900123", "type": "template",
//!         "template": {"name": "spring_sale", "language": {"code": "en_US"},
//!             "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "Ana"}]}]}
//!     }))
//!     .send()
//!     .await?;
//! assert_eq!(answer.status(), 200);
//! assert_eq!(sandbox.messages()[0].user, "447700900123");
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

pub mod cli;
mod config;
mod endpoint;
mod faults;
mod graph_error;
mod limits;
mod records;
mod server;
mod template_match;
mod templates;
mod wamid;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{any, get, post};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{
    DEFAULT_MPS, DEFAULT_PHONE_NUMBER_ID, DEFAULT_TOKEN, PhoneNumber, SandboxConfig, StatusShares,
};
pub use faults::{FaultSpec, FaultSpecError};
pub use records::{MessageStatus, RecordedMessage, Route, Stats};
pub use templates::{
    BodyParam, BodyParamKind, ButtonSubType, Carousel, Category, Header, ParameterFormat, Template,
    TemplateButton, TemplateFileError, TemplateStatus,
};

use endpoint::AppState;

/// A running sandbox. Dropping it stops the server (in the background); [`Sandbox::shutdown`]
/// stops it and waits.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    token: String,
    phone_number_id: String,
    state: Arc<AppState>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The configuration makes no sense (the message says what).
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
}

impl Sandbox {
    /// Binds `config.listen` and starts serving on the current Tokio runtime.
    ///
    /// The spec's request schema (`wamm_client::validation`) is compiled once per process,
    /// on the first start.
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, StartError> {
        config.check().map_err(StartError::Config)?;
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
        let state = Arc::new(AppState::new(&config));
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, router(Arc::clone(&state)), stopped));
        tracing::debug!(%addr, "sandbox listening");
        Ok(Sandbox {
            addr,
            token: config.token,
            phone_number_id: config.phone_numbers[0].id.clone(),
            state,
            stop,
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the base URL to give a client instead of
    /// `https://graph.facebook.com`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The access token it accepts.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The first configured phone number ID (the default one unless configured otherwise).
    pub fn phone_number_id(&self) -> &str {
        &self.phone_number_id
    }

    /// Every message created so far, in creation order.
    pub fn messages(&self) -> Vec<RecordedMessage> {
        self.state.recorder.messages()
    }

    /// Counters so far.
    pub fn stats(&self) -> Stats {
        self.state.recorder.stats()
    }

    /// Forgets recorded messages, counters and pair-rate history. Fault draws still follow
    /// the request order since start.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Stops accepting connections, lets requests in flight finish (for up to 2 seconds, then
    /// closes their connections) and waits until the server is stopped.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/__sandbox/messages", get(list_messages))
        .route("/__sandbox/stats", get(stats))
        .route("/__sandbox/reset", post(reset))
        .route(
            "/{version}/{phone_number_id}/marketing_messages",
            any(endpoint::send),
        )
        .fallback(unsupported)
        .with_state(state)
}

async fn list_messages(State(state): State<Arc<AppState>>) -> Response {
    let body = serde_json::to_vec(&state.recorder.messages()).unwrap_or_default();
    endpoint::json_response(StatusCode::OK, body)
}

async fn stats(State(state): State<Arc<AppState>>) -> Response {
    let body = serde_json::to_vec(&state.recorder.stats()).unwrap_or_default();
    endpoint::json_response(StatusCode::OK, body)
}

async fn reset(State(state): State<Arc<AppState>>) -> Response {
    state.reset();
    endpoint::json_response(StatusCode::OK, b"{\"reset\":true}".to_vec())
}

async fn unsupported(request: axum::extract::Request) -> Response {
    endpoint::graph_error(
        &graph_error::GraphFailure::unsupported(request.method().as_str(), request.uri().path()),
        "AunsupportedPath",
    )
}
