//! A local HTTP server that behaves like Meta's Marketing Messages Lite endpoint
//! (`POST /{Version}/{Phone-Number-ID}/marketing_messages`) and the account's template list
//! (`GET /{Version}/{WABA-ID}/message_templates`), so marketing sends can be built and tested
//! without a Meta account, approved templates or real phones.
//!
//! It answers in the API's shapes (a `MarketingMessageResponsePayload`, a
//! `MessageTemplateList` or the Graph error envelope) with the codes and HTTP statuses Meta
//! uses. A send is checked in Meta's order:
//!
//! | check | HTTP | code |
//! |---|---|---|
//! | bearer token missing / not the sandbox's | 401 | 104 / 190 |
//! | phone number ID not served | 400 | 100 |
//! | version not like `v23.0` | 400 | 100 |
//! | the number `FLAGGED`, `RESTRICTED` or `BANNED` / in another state than `CONNECTED` | 403 / 400 | 131031 / 133010 |
//! | not `application/json`, not JSON, or not matching the spec's request schema (details name the path) | 400 | 100 |
//! | neither `to` nor `recipient` | 400 | 100 |
//! | a cross-field rule (`wamm_client::validation`), such as `bid_spec` with a BSUID | 400 | 132018, 132012, 132005, 131062 or 100 |
//! | template unknown in that language | 404 | 132001 |
//! | template not MARKETING | 400 | 134100 |
//! | template paused / disabled / in another status than `APPROVED` | 400 / 400 / 404 | 132015 / 132016 / 132001 |
//! | named vs positional, a header of another format, a button of another kind | 400 | 132012 |
//! | a parameter too many or too few, a name, header, button, offer, carousel or card the template lacks | 400 | 132000 |
//! | a value the template needs (a named variable, a media header, a coupon code, a dynamic URL's suffix, an offer's expiry) | 400 | 131008 |
//! | user opted out | 400 | 131050 |
//! | `product_policy: STRICT` from a number not onboarded to MM Lite (or an account not `ONBOARDED`) | 403 | 10 |
//! | over the phone number's messages per second | 400 | 130429 |
//! | again to the same user within the pair interval | 400 | 131056 |
//!
//! Request bodies are validated against `openapi.yaml` itself, compiled into this crate, so
//! the spec, the generated client and the sandbox cannot drift apart. The account's templates
//! ([`SandboxConfig::templates`]) are in Meta's own format, [`MessageTemplate`]: the built-in
//! ones ([`builtin_templates`]) and any loaded from a file saved from Graph
//! ([`parse_templates`], `--templates`). One definition serves both the list endpoint and the
//! send-time checks, which are `wamm_client::templates::check`, the rules `marketing` checks a
//! message with before sending; of a send's problems, the one Meta answers first decides the
//! answer. The list pages with real cursors, filters by name, status, category and language,
//! and shows the `fields` asked for ([`SandboxConfig::waba_id`] names the account).
//!
//! Templates are written as on Graph and reviewed like Meta reviews them: created
//! (`POST /{Version}/{WABA-ID}/message_templates`), edited (`POST /{Version}/{TEMPLATE-ID}`,
//! with Meta's edit limits on a clock tests move with [`Sandbox::advance_clock`]) and deleted
//! (`DELETE .../message_templates?name=..`, the name then held for 30 days). A created or
//! edited template is PENDING for [`SandboxConfig::review_delay`], then APPROVED or REJECTED
//! by `wamm_client::authoring`, the rules `wamm templates check` applies; only an approved
//! one is sent (an approved template's edit in review leaves the approved version sendable),
//! and every status change is posted to the webhook receiver as a signed
//! `message_template_status_update`.
//!
//! Around the send it serves the account as Graph does: its fields and insights switch
//! (`GET`/`POST /{Version}/{WABA-ID}`), its numbers' status, quality, tier and throughput
//! (`/phone_numbers`), template analytics counted from what it did (`/template_analytics`,
//! [`AnalyticsSpec`], [`Sandbox::analytics_truth`]) and each message's statuses with the fate
//! of their webhooks (`/{Phone-Number-ID}/message_history`). One story per message
//! ([`WebhookSpec`], drawn from the seed) feeds webhooks, analytics and history alike. The
//! account changes while it runs through [`Sandbox::update_account`] or
//! `POST /__sandbox/account`; users reply STOP through the webhook spec or
//! `POST /__sandbox/inbound`.
//!
//! Created messages are recorded (the newest [`SandboxConfig::max_messages`], 100 000 by
//! default: [`Sandbox::messages`], or page by page with [`Sandbox::message_page`] and
//! `GET /__sandbox/messages?after=N&limit=N`) with counters over all of them
//! ([`Sandbox::stats`], `GET /__sandbox/stats`); faults (5xx, resets, slow and lost responses)
//! can be injected into sends, reproducibly for a seed ([`FaultSpec`]); a template can be
//! paused and approved again while it runs ([`Sandbox::set_template_status`],
//! `POST /__sandbox/templates/{name}/status`), which the list shows.
//!
//! The inspection endpoints (`/__sandbox/...`) take the same bearer token as the send
//! endpoint. Slow or idle clients cannot hold the sandbox: a connection gets
//! [`SandboxConfig::header_timeout`] (10 s) for a request's headers and a send
//! [`SandboxConfig::body_timeout`] (30 s) for its body, bodies over 1 MiB are refused, and at
//! most [`SandboxConfig::max_connections`] (1024) connections are served at once, the one
//! idle longest being closed when a new one needs room. Listening on an address that is not
//! loopback logs a warning.
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
//! let client = reqwest::Client::new();
//! let mut message = serde_json::json!({
//!     "messaging_product": "whatsapp", "recipient_type": "individual",
//!     "to": "447700900123", "type": "template",
//!     "template": {"name": "spring_sale", "language": {"code": "en_US"},
//!         "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "Ana"}]}]}
//! });
//! let answer = client.post(&url).bearer_auth(DEFAULT_TOKEN).json(&message).send().await?;
//! assert_eq!(answer.status(), 200);
//! assert_eq!(sandbox.messages()[0].user, "447700900123");
//!
//! // spring_sale's body has one variable, {{1}}: a second value is refused as Meta refuses it.
//! let parameters = message["template"]["components"][0]["parameters"].as_array_mut().unwrap();
//! parameters.push(serde_json::json!({"type": "text", "text": "Ben"}));
//! let answer = client.post(&url).bearer_auth(DEFAULT_TOKEN).json(&message).send().await?;
//! assert_eq!(answer.status(), 400);
//! let error: serde_json::Value = answer.json().await?;
//! assert_eq!(error["error"]["code"], 132000);
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! The templates it checks against are the ones it lists, a page at a time:
//!
//! ```
//! use wamm_client::types::MessageTemplateList;
//! use wamm_sandbox::{DEFAULT_TOKEN, Sandbox, SandboxConfig};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let client = reqwest::Client::new();
//! let mut url = format!(
//!     "{}/v23.0/{}/message_templates?fields=name,language,status,category&limit=2",
//!     sandbox.base_url(),
//!     sandbox.waba_id()
//! );
//! let mut names = Vec::new();
//! loop {
//!     let page: MessageTemplateList =
//!         client.get(&url).bearer_auth(DEFAULT_TOKEN).send().await?.json().await?;
//!     names.extend(page.data.into_iter().map(|t| format!("{} {}", t.name, t.status)));
//!     match page.paging.and_then(|p| p.next) {
//!         Some(next) => url = next,
//!         None => break,
//!     }
//! }
//! assert_eq!(names, ["spring_sale APPROVED", "flash_deal APPROVED", "weekend_picks APPROVED",
//!     "order_update APPROVED", "old_promo PAUSED"]);
//! # Ok(())
//! # }
//! ```

mod account;
mod aftermath;
mod analytics;
pub mod cli;
mod clock;
mod config;
mod endpoint;
mod faults;
mod graph_error;
mod graph_query;
mod history;
mod inbound;
mod limits;
mod metrics;
mod records;
pub mod server;
mod template_list;
mod template_store;
mod template_writes;
mod templates;
mod tls;
mod wamid;
mod webhooks;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{any, get, post};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use account::{
    ACCOUNT_CURRENCY, ACCOUNT_NAME, ACCOUNT_TIMEZONE_ID, AccountUpdate, AccountView,
    MM_LITE_TERMS_SIGNED, PhoneNumberUpdate, VERIFIED_NAME,
};
pub use analytics::{
    AnalyticsSpec, AnalyticsTruth, DEFAULT_ANALYTICS_PAGE_LIMIT, MAX_ANALYTICS_PAGE_LIMIT,
    MAX_LOOKBACK_DAYS, MAX_TEMPLATE_IDS, ProductType,
};
pub use config::{
    DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MESSAGES,
    DEFAULT_MPS, DEFAULT_PHONE_NUMBER_ID, DEFAULT_REVIEW_DELAY, DEFAULT_TOKEN, DEFAULT_WABA_ID,
    PhoneNumber, SandboxConfig, StatusShares,
};
pub use faults::{FaultSpec, FaultSpecError};
pub use inbound::{STOP_PROMOTIONS, StopReply};
pub use records::{MessagePage, MessageStatus, RecordedMessage, Route, Stats};
pub use template_list::{DEFAULT_TEMPLATE_PAGE_LIMIT, MAX_TEMPLATE_PAGE_LIMIT};
pub use templates::{TemplateFileError, builtin_templates, parse_templates, read_templates};
pub use tls::TlsConfig;
/// A template as Graph describes it: the sandbox's templates are these.
pub use wamm_client::types::MessageTemplate;
/// An account's onboarding status and a number's status, rating and tier (open enums).
pub use wamm_client::{MessagingLimitTier, OnboardingStatus, PhoneNumberStatus, QualityRating};
/// A template's status and category (open enums: values Meta adds are kept).
pub use wamm_client::{TemplateCategory, TemplateStatus};
pub use webhooks::{WebhookConfig, WebhookSpec, WebhookStats, WebhookTruth};

use endpoint::AppState;

/// Messages in a page of `GET /__sandbox/messages` when `limit` is not given.
pub const DEFAULT_PAGE_LIMIT: usize = 1000;

/// The most messages in a page of `GET /__sandbox/messages`; a larger `limit` is reduced to it.
pub const MAX_PAGE_LIMIT: usize = 10_000;

/// A running sandbox. Dropping it stops the server (in the background); [`Sandbox::shutdown`]
/// stops it and waits.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    token: String,
    phone_number_id: String,
    waba_id: String,
    state: Arc<AppState>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
    /// The CA clients trust, when the sandbox serves HTTPS with a certificate it made.
    ca_pem: Option<String>,
    https: bool,
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
        let state = Arc::new(AppState::new(&config, addr));
        let (stop, stopped) = watch::channel(false);
        let limits = server::ServerLimits {
            max_connections: config.max_connections,
            header_timeout: config.header_timeout,
            // As before the loop had an idle clock of its own: a connection that sends
            // nothing gets as long as one that is slow with its headers.
            idle_timeout: config.header_timeout,
        };
        let tls = match &config.tls {
            Some(tls) => Some(
                tls.acceptor(Arc::clone(&state.tls_counts))
                    .map_err(StartError::Config)?,
            ),
            None => None,
        };
        let task = tokio::spawn(server::serve_with(
            listener,
            router(Arc::clone(&state)),
            stopped,
            limits,
            tls,
        ));
        tracing::debug!(%addr, "sandbox listening");
        if !is_loopback(addr) {
            // Info: `serve` prints its own warning on stderr, which the default level of
            // `wamm sandbox`'s logs (warn) must not repeat.
            tracing::info!(
                %addr,
                "the sandbox listens on an address that is not loopback: anyone who can reach \
                 it can send with its token and read what it recorded"
            );
        }
        Ok(Sandbox {
            addr,
            token: config.token,
            phone_number_id: config.phone_numbers[0].id.clone(),
            waba_id: config.waba_id,
            state,
            stop,
            task: Some(task),
            ca_pem: config
                .tls
                .as_ref()
                .and_then(|t| t.ca_pem().map(str::to_string)),
            https: config.tls.is_some(),
        })
    }

    /// What the sandbox decided for each message it sent webhooks for: its last status (and
    /// a failure's code), in the order the messages were created. Empty without
    /// [`SandboxConfig::webhooks`].
    pub fn webhook_truth(&self) -> Vec<WebhookTruth> {
        self.state
            .webhooks
            .as_ref()
            .map(|w| w.truth())
            .unwrap_or_default()
    }

    /// What template analytics count, per template, UTC day and route, whatever the reporting
    /// delay: messages accepted while insights were on, and of them the delivered, read,
    /// clicked and purchased ones as each message's story decided (see
    /// [`AnalyticsSpec`]). Sorted by template ID, day and route.
    pub fn analytics_truth(&self) -> Vec<AnalyticsTruth> {
        self.state.tally.truth()
    }

    /// Counts of the webhooks sent, acknowledged and retried.
    pub fn webhook_stats(&self) -> WebhookStats {
        self.state
            .webhooks
            .as_ref()
            .map(|w| w.stats())
            .unwrap_or_default()
    }

    /// Its Prometheus metrics in the text format (OpenMetrics 1.0): requests by operation and
    /// HTTP status (`wamm_sandbox_requests_total`), status webhooks posted by result
    /// (`wamm_sandbox_webhook_posts_total`) and waiting (`wamm_sandbox_webhook_events_pending`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let sandbox = wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig::default()).await.unwrap();
    /// let _ = reqwest::get(format!("{}/v23.0/1/nowhere/at/all", sandbox.base_url())).await;
    /// let text = sandbox.metrics_text();
    /// assert!(text.contains(r#"wamm_sandbox_requests_total{operation="other",status="400"} 1"#), "{text}");
    /// # sandbox.shutdown().await;
    /// # }
    /// ```
    pub fn metrics_text(&self) -> String {
        self.state.metrics.encode(&self.webhook_stats())
    }

    /// Waits until every webhook has been acknowledged by the receiver (true), or `timeout`
    /// passed (false).
    pub async fn webhooks_settled(&self, timeout: std::time::Duration) -> bool {
        match &self.state.webhooks {
            Some(w) => w.settled(timeout).await,
            None => true,
        }
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (`https://` with [`SandboxConfig::tls`]): the base URL to
    /// give a client instead of `https://graph.facebook.com`.
    pub fn base_url(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// The certificate (PEM) of the CA that signed the sandbox's own certificate, when it
    /// serves HTTPS with one it made ([`TlsConfig::generate`]): what a client trusts.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The access token it accepts.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The first configured phone number ID (the default one unless configured otherwise).
    pub fn phone_number_id(&self) -> &str {
        &self.phone_number_id
    }

    /// The WhatsApp Business Account ID whose templates it lists
    /// (`GET /{Version}/{WABA-ID}/message_templates`): [`DEFAULT_WABA_ID`] unless configured
    /// otherwise.
    pub fn waba_id(&self) -> &str {
        &self.waba_id
    }

    /// Whether it listens only on a loopback address (`127.0.0.1`, `::1`): otherwise other
    /// machines may reach it.
    pub fn is_loopback(&self) -> bool {
        is_loopback(self.addr)
    }

    /// The created messages it holds, in creation order: every one created so far, or the
    /// newest [`SandboxConfig::max_messages`] of them when more were created.
    pub fn messages(&self) -> Vec<RecordedMessage> {
        self.state.recorder.messages()
    }

    /// Up to `limit` of the messages it holds that are numbered after `after`, oldest first,
    /// as `GET /__sandbox/messages?after=..&limit=..` answers them (see [`MessagePage`]):
    /// page through everything with `after = 0`, then `after = page.next`, until
    /// `page.more` is false.
    pub fn message_page(&self, after: u64, limit: usize) -> MessagePage {
        self.state.recorder.page(after, limit)
    }

    /// Counters so far.
    pub fn stats(&self) -> Stats {
        self.state.stats()
    }

    /// Forgets recorded messages, counters and pair-rate history. Fault draws still follow
    /// the request order since start; template statuses stay as they are.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Changes the status of the templates called `name` while the sandbox runs, as
    /// `POST /__sandbox/templates/{name}/status` does: in `language` only, or in every
    /// language when `None`. The template list shows the new status, and sends with a paused
    /// template fail with 132015, with a disabled one 132016 (any other status but
    /// `APPROVED`: 132001), until it is approved again. Returns the languages changed,
    /// sorted (empty when no template matched).
    ///
    /// ```
    /// use wamm_sandbox::{Sandbox, SandboxConfig, TemplateStatus};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    /// let changed = sandbox.set_template_status("spring_sale", None, TemplateStatus::Paused);
    /// assert_eq!(changed, ["en_US"]);
    /// assert!(sandbox.set_template_status("no_such", None, TemplateStatus::Paused).is_empty());
    /// # }
    /// ```
    pub fn set_template_status(
        &self,
        name: &str,
        language: Option<&str>,
        status: TemplateStatus,
    ) -> Vec<String> {
        self.state.set_template_status(name, language, &status)
    }

    /// Moves the sandbox's clock forward by `by`, as `POST /__sandbox/clock` does: the clock
    /// Meta's template edit limits (once in 24 hours, 10 times in 30 days for an approved
    /// template) and the 30-day hold on a deleted name are measured by. Returns the
    /// sandbox's time (Unix seconds).
    ///
    /// ```
    /// use std::time::Duration;
    /// use wamm_sandbox::{Sandbox, SandboxConfig};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    /// let now = sandbox.advance_clock(Duration::ZERO);
    /// assert!(sandbox.advance_clock(Duration::from_secs(86_400)) >= now + 86_400);
    /// # }
    /// ```
    pub fn advance_clock(&self, by: std::time::Duration) -> u64 {
        self.state.clock.advance(by)
    }

    /// The account as it stands: onboarding status, insights switch, and the numbers'
    /// states, as `GET /__sandbox/account` answers it.
    pub fn account(&self) -> AccountView {
        self.state.account.view()
    }

    /// Changes the account while the sandbox runs, as `POST /__sandbox/account` does: the
    /// onboarding status (a change to `ONBOARDED` posts an `account_update` webhook with
    /// `event: MM_LITE_TERMS_SIGNED` when webhooks are on), the insights switch, and served
    /// numbers' status, quality rating, tier and throughput level. All or nothing: an error
    /// (naming an unknown number, or a value that is not a Graph word) changes nothing.
    ///
    /// ```
    /// use wamm_sandbox::{
    ///     AccountUpdate, OnboardingStatus, PhoneNumberStatus, PhoneNumberUpdate, Sandbox,
    ///     SandboxConfig,
    /// };
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    /// let view = sandbox
    ///     .update_account(AccountUpdate {
    ///         onboarding_status: Some(OnboardingStatus::PendingInternalSetup),
    ///         phone_numbers: vec![PhoneNumberUpdate {
    ///             id: sandbox.phone_number_id().to_string(),
    ///             status: Some(PhoneNumberStatus::Flagged),
    ///             ..PhoneNumberUpdate::default()
    ///         }],
    ///         ..AccountUpdate::default()
    ///     })
    ///     .unwrap();
    /// assert_eq!(view.phone_numbers[0].status, PhoneNumberStatus::Flagged);
    /// # }
    /// ```
    pub fn update_account(&self, update: AccountUpdate) -> Result<AccountView, String> {
        account::apply(&self.state, &update)
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

fn is_loopback(addr: SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

fn router(state: Arc<AppState>) -> Router {
    // Every path under /__sandbox/, known or not, asks for the token first.
    let inspection = Router::new()
        .route("/messages", get(list_messages))
        .route("/stats", get(stats))
        .route("/reset", post(reset))
        .route("/templates/{name}/status", post(template_status))
        .route("/clock", post(clock::change))
        .route("/account", get(account::inspect).post(account::change))
        .route("/inbound", post(inbound::send))
        .fallback(unsupported)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            require_token,
        ));
    Router::new()
        .nest("/__sandbox", inspection)
        .route(
            "/{version}/{phone_number_id}/marketing_messages",
            any(endpoint::send),
        )
        .route(
            "/{version}/{waba_id}/message_templates",
            any(template_writes::edge),
        )
        .route("/{version}/{waba_id}", any(account::node))
        .route(
            "/{version}/{waba_id}/phone_numbers",
            any(account::phone_numbers),
        )
        .route(
            "/{version}/{waba_id}/template_analytics",
            any(analytics::template_analytics),
        )
        .route(
            "/{version}/{phone_number_id}/message_history",
            any(history::message_history),
        )
        .fallback(unsupported)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            metrics::count,
        ))
        .with_state(state)
}

/// The inspection endpoints take the send endpoint's bearer token, and refuse as it does
/// (401, code 104 or 190, in the Graph error envelope).
async fn require_token(
    State(state): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    match endpoint::check_token(&state, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(failure) => endpoint::graph_error(&failure, &state.trace()),
    }
}

/// `GET /__sandbox/messages?after=N&limit=N`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    after: Option<u64>,
    limit: Option<usize>,
}

async fn list_messages(
    State(state): State<Arc<AppState>>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let query = match query {
        Ok(Query(query)) => query,
        Err(rejection) => {
            let failure = graph_error::GraphFailure::invalid_parameter(format!(
                "{}; expected after=NUMBER and limit=1 to {MAX_PAGE_LIMIT}",
                rejection.body_text()
            ));
            return endpoint::graph_error(&failure, &state.trace());
        }
    };
    let limit = query.limit.unwrap_or(DEFAULT_PAGE_LIMIT);
    if limit == 0 {
        let failure = graph_error::GraphFailure::invalid_parameter(format!(
            "limit must be 1 to {MAX_PAGE_LIMIT}"
        ));
        return endpoint::graph_error(&failure, &state.trace());
    }
    let page = state
        .recorder
        .page(query.after.unwrap_or(0), limit.min(MAX_PAGE_LIMIT));
    let body = serde_json::to_vec(&page).unwrap_or_default();
    endpoint::json_response(StatusCode::OK, body)
}

async fn stats(State(state): State<Arc<AppState>>) -> Response {
    let body = serde_json::to_vec(&state.stats()).unwrap_or_default();
    endpoint::json_response(StatusCode::OK, body)
}

async fn reset(State(state): State<Arc<AppState>>) -> Response {
    state.reset();
    endpoint::json_response(StatusCode::OK, b"{\"reset\":true}".to_vec())
}

/// The body of `POST /__sandbox/templates/{name}/status`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateStatusChange {
    status: StatusChange,
    language: Option<String>,
}

/// The statuses a template can be given while the sandbox runs (in either letter case).
#[derive(Debug, Clone, Copy, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum StatusChange {
    #[serde(alias = "approved")]
    Approved,
    #[serde(alias = "paused")]
    Paused,
    #[serde(alias = "disabled")]
    Disabled,
}

impl From<StatusChange> for TemplateStatus {
    fn from(change: StatusChange) -> Self {
        match change {
            StatusChange::Approved => TemplateStatus::Approved,
            StatusChange::Paused => TemplateStatus::Paused,
            StatusChange::Disabled => TemplateStatus::Disabled,
        }
    }
}

/// `POST /__sandbox/templates/{name}/status` with `{"status": "PAUSED"}` (or `APPROVED`,
/// `DISABLED`), optionally `"language": "en_US"`: changes the status while the sandbox runs.
async fn template_status(
    State(state): State<Arc<AppState>>,
    name: Result<Path<String>, PathRejection>,
    body: axum::body::Bytes,
) -> Response {
    let Ok(Path(name)) = name else {
        let failure = graph_error::GraphFailure::invalid_parameter(
            "the template name in the path is not valid UTF-8",
        );
        return endpoint::graph_error(&failure, &state.trace());
    };
    let change: TemplateStatusChange = match serde_json::from_slice(&body) {
        Ok(change) => change,
        Err(e) => {
            let failure = graph_error::GraphFailure::invalid_parameter(format!(
                "expected {{\"status\": \"APPROVED\" | \"PAUSED\" | \"DISABLED\"}}, optionally with \"language\": {e}"
            ));
            return endpoint::graph_error(&failure, &state.trace());
        }
    };
    let language = change.language.as_deref();
    let languages = state.set_template_status(&name, language, &change.status.into());
    if languages.is_empty() {
        let failure =
            graph_error::GraphFailure::template_missing(&name, language.unwrap_or("any language"));
        return endpoint::graph_error(&failure, &state.trace());
    }
    let body = serde_json::json!({
        "name": name,
        "status": change.status,
        "languages": languages,
    });
    endpoint::json_response(StatusCode::OK, body.to_string().into_bytes())
}

async fn unsupported(request: axum::extract::Request) -> Response {
    // Under /__sandbox/ the nested router sees the path without its prefix: name the one sent.
    let path = match request.extensions().get::<axum::extract::OriginalUri>() {
        Some(original) => original.path(),
        None => request.uri().path(),
    };
    endpoint::graph_error(
        &graph_error::GraphFailure::unsupported(request.method().as_str(), path),
        "AunsupportedPath",
    )
}
