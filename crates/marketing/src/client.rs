//! [`MarketingClient`]: sends validated messages and reports what happened.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::RETRY_AFTER;
use wamm_client::types::{
    GraphErrorResponse, ListMessageTemplatesVersion, ListMessageTemplatesWabaId,
    MarketingMessageResponsePayload, SendMarketingMessagePhoneNumberId,
    SendMarketingMessageVersion,
};
use wamm_client::{
    AccessToken, CheckedBody, Client, ClientOptions, HttpVersion, MessageStatus, Observer,
};

use crate::error::{GraphError, SendError};
use crate::message::Message;
use crate::retry::RetryPolicy;

pub use wamm_client::{DEFAULT_API_VERSION, DEFAULT_USER_AGENT, GRAPH_BASE_URL};

/// What Meta created for a message. None of it means delivered: delivery is reported by
/// status webhooks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The message ID (`wamid....`) that status webhooks refer to.
    pub message_id: String,
    /// `contacts[0].input`: the address as sent.
    pub input: Option<String>,
    /// `contacts[0].wa_id`: the user's WhatsApp ID (phone sends).
    pub wa_id: Option<String>,
    /// `contacts[0].user_id`: the user's BSUID (sends addressed by BSUID).
    pub user_id: Option<String>,
    /// `messages[0].message_status`, when Meta sent one.
    pub status: Option<MessageStatus>,
    /// Attempts it took (more than 1 only when throttling was retried).
    pub attempts: u32,
}

/// Builds a [`MarketingClient`].
///
/// ```
/// use std::time::Duration;
/// use marketing::{AccessToken, MarketingClient, RetryPolicy};
///
/// let client = MarketingClient::builder("106540352242922", AccessToken::new("EAAG..."))
///     .base_url("http://127.0.0.1:8080") // a sandbox or a proxy; default graph.facebook.com
///     .api_version("v23.0")
///     .timeout(Duration::from_secs(20))
///     .retry_policy(RetryPolicy::default())
///     .build()?;
/// # let _ = client;
/// # Ok::<(), marketing::BuildError>(())
/// ```
#[derive(Debug)]
#[must_use = "a builder does nothing until .build() is called"]
pub struct MarketingClientBuilder {
    /// `None` for a client made with [`MarketingClient::for_account`].
    phone_number_id: Option<String>,
    waba_id: Option<String>,
    token: AccessToken,
    base_url: String,
    api_version: String,
    options: ClientOptions,
    retry: RetryPolicy,
    allow_insecure_http: bool,
}

/// `value` as the generated path parameter `T`, checked against its pattern in
/// `openapi.yaml`; `error` names it when it does not fit.
fn path_parameter<'a, T: TryFrom<&'a str>>(
    value: &'a str,
    error: fn(String) -> BuildError,
) -> Result<T, BuildError> {
    T::try_from(value).map_err(|_| error(value.to_string()))
}

impl MarketingClientBuilder {
    /// A builder for these IDs with every other setting at its default: Graph's URL, the
    /// default API version, no retries, HTTPS only.
    fn with_defaults(
        phone_number_id: Option<String>,
        waba_id: Option<String>,
        token: AccessToken,
    ) -> Self {
        Self {
            phone_number_id,
            waba_id,
            token,
            base_url: GRAPH_BASE_URL.to_string(),
            api_version: DEFAULT_API_VERSION.to_string(),
            options: ClientOptions::default(),
            retry: RetryPolicy::none(),
            allow_insecure_http: false,
        }
    }

    /// Optional: the WhatsApp Business Account (WABA) that owns the phone number. With it the
    /// client can list the account's message templates
    /// ([`list_templates`](MarketingClient::list_templates)) and check a message against its
    /// approved template before sending ([`check_template`](MarketingClient::check_template)).
    /// Checked at [`build`](Self::build): digits only.
    pub fn waba_id(mut self, waba_id: impl Into<String>) -> Self {
        self.waba_id = Some(waba_id.into());
        self
    }

    /// Optional: allow a plain `http://` base URL to a host that is not this machine. The
    /// token would travel unencrypted, so [`build`](Self::build) refuses such a URL unless
    /// this is set. Loopback addresses (a local sandbox) never need it.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Optional: where to send, such as a sandbox or a proxy. Default `https://graph.facebook.com`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Optional: the Graph API version, such as `v23.0` (the default).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Optional: the limit for a whole request (default 30 s). Hitting it leaves the outcome
    /// unknown.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = timeout;
        self
    }

    /// Optional: the limit for connecting (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.options.connect_timeout = timeout;
        self
    }

    /// Optional: the `User-Agent` (default `wamm/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.options.user_agent = user_agent.into();
        self
    }

    /// Optional: idle keep-alive connections kept open (default 64).
    pub fn pool_max_idle(mut self, connections: usize) -> Self {
        self.options.pool_max_idle_per_host = connections;
        self
    }

    /// Optional: trust this certificate authority (PEM, one or more certificates) besides
    /// the system's roots, for a server whose certificate a private CA signed: a sandbox
    /// served over HTTPS, or a TLS-terminating proxy. May be given more than once. Checked at
    /// [`build`](Self::build).
    ///
    /// ```
    /// use marketing::{AccessToken, BuildError, MarketingClient};
    ///
    /// let refused = MarketingClient::builder("106540352242922", AccessToken::new("t"))
    ///     .ca_certificate_pem(b"not a certificate".to_vec())
    ///     .build();
    /// assert!(matches!(refused, Err(BuildError::CaCertificate(_))));
    /// ```
    pub fn ca_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.options.extra_roots_pem.push(pem.into());
        self
    }

    /// Optional: the HTTP version to speak (default [`HttpVersion::Auto`]; see its docs
    /// for why).
    ///
    /// ```
    /// use marketing::{AccessToken, HttpVersion, MarketingClient};
    ///
    /// let client = MarketingClient::builder("106540352242922", AccessToken::new("t"))
    ///     .http_version(HttpVersion::Http2)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), marketing::BuildError>(())
    /// ```
    pub fn http_version(mut self, version: HttpVersion) -> Self {
        self.options.http_version = version;
        self
    }

    /// Optional: retries for errors that prove nothing was sent. Default: none.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Optional: sees every request as sent and every answer as received, for logs such as
    /// `wamm -v` or for keeping a response body byte for byte. Default: none (nothing is
    /// copied). The token is already redacted in what it sees.
    pub fn observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.options.observer = Some(observer);
        self
    }

    /// Checks the settings and builds the client. The phone number ID and the API version
    /// are checked against the path parameters' patterns in `openapi.yaml` (through the
    /// generated types), once, here.
    pub fn build(self) -> Result<MarketingClient, BuildError> {
        let phone_number_id: Option<SendMarketingMessagePhoneNumberId> = self
            .phone_number_id
            .as_deref()
            .map(|id| path_parameter(id, BuildError::PhoneNumberId))
            .transpose()?;
        let waba_id: Option<ListMessageTemplatesWabaId> = self
            .waba_id
            .as_deref()
            .map(|id| path_parameter(id, BuildError::WabaId))
            .transpose()?;
        let version: SendMarketingMessageVersion =
            path_parameter(&self.api_version, BuildError::ApiVersion)?;
        let list_version: ListMessageTemplatesVersion =
            path_parameter(&self.api_version, BuildError::ApiVersion)?;
        let base_url = self.base_url.trim_end_matches('/').to_string();
        let shown = wamm_client::redact_url(&base_url);
        let parsed = reqwest::Url::parse(&base_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or_else(|| BuildError::BaseUrl(shown.clone()))?;
        if parsed.scheme() == "http" && !is_loopback(&parsed) && !self.allow_insecure_http {
            return Err(BuildError::InsecureHttp(shown));
        }
        let client =
            Client::authenticated(&base_url, &self.token, &self.options).map_err(|e| match e {
                wamm_client::BuildError::ExtraRoot(why) => BuildError::CaCertificate(why),
                e => BuildError::Client(e),
            })?;
        Ok(MarketingClient {
            client,
            version,
            list_version,
            phone_number_id,
            waba_id,
            base_url: shown,
            retry: self.retry,
        })
    }
}

/// Why a [`MarketingClient`] could not be built. Never contains the token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The phone number ID is not all digits.
    #[error(
        "phone number ID {0:?} is not valid: expected the digits of the ID (not the phone number)"
    )]
    PhoneNumberId(String),
    /// The WhatsApp Business Account ID is not all digits.
    #[error(
        "WhatsApp Business Account ID {0:?} is not valid: expected the digits of the account's ID"
    )]
    WabaId(String),
    /// The API version is not like `v23.0`.
    #[error("API version {0:?} is not valid: expected a version such as \"v23.0\"")]
    ApiVersion(String),
    /// The base URL is not http(s). (Shown with any credentials in it redacted.)
    #[error("base URL {0:?} is not valid: expected an http:// or https:// URL")]
    BaseUrl(String),
    /// A plain `http://` base URL to a host that is not this machine: the token would travel
    /// unencrypted. See [`MarketingClientBuilder::allow_insecure_http`].
    #[error(
        "base URL {0:?} is plain http to a host that is not this machine: the access token would travel unencrypted. Use https://, or allow it explicitly"
    )]
    InsecureHttp(String),
    /// The token or HTTP setup was refused.
    #[error(transparent)]
    Client(wamm_client::BuildError),
    /// A certificate authority given to
    /// [`ca_certificate_pem`](MarketingClientBuilder::ca_certificate_pem) is not PEM or holds
    /// no certificate.
    #[error("the certificate authority is not usable: {0}")]
    CaCertificate(String),
}

/// Sends marketing template messages for one business phone number.
///
/// Cheap to share: clone it or put it behind an `Arc`; connections are pooled and kept alive.
///
/// The example runs against a sandbox (`wamm-sandbox`) started on a loopback port; for Meta,
/// leave out `base_url` and pass your token.
///
/// ```
/// use marketing::{
///     AccessToken, BodyParam, Button, Currency, Header, MarketingClient, Media, Message,
///     OfferExpiry, RetryPolicy,
/// };
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig::default()).await?;
/// # let (token, sandbox_url) = (wamm_sandbox::DEFAULT_TOKEN, sandbox.base_url());
///
/// let message = Message::builder("flash_deal", "pt_BR")
///     .to("+5511987654321")
///     .header(Header::image(Media::link("https://cdn.example.org/deal.jpg")))
///     .body_param(BodyParam::text("Marina").named("first_name"))
///     .body_param(BodyParam::currency(Currency::new("R$ 149,90", "BRL", 149_900)).named("price"))
///     .limited_time_offer(OfferExpiry::from_unix_millis(1_782_864_000_000))
///     .button(Button::copy_code(0, "FLASH42"))
///     .button(Button::url(1, "deal42"))
///     .build()?;                                   // every problem at once, with JSON paths
///
/// let client = MarketingClient::builder("106540352242922", AccessToken::new(token))
///     .base_url(sandbox_url)                       // default https://graph.facebook.com
///     .retry_policy(RetryPolicy::default())        // only retries what proves nothing was sent
///     .build()?;
/// match client.send(&message).await {
///     Ok(sent) => println!("{} {:?}", sent.message_id, sent.status),
///     Err(err) if err.may_have_been_sent() => println!("unknown outcome, do not resend: {err}"),
///     Err(err) => println!("not sent ({:?}): {err}", err.class()),
/// }
/// # assert_eq!(sandbox.messages().len(), 1, "the sandbox accepted the message");
/// # sandbox.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct MarketingClient {
    client: Client,
    version: SendMarketingMessageVersion,
    list_version: ListMessageTemplatesVersion,
    /// `None` for a client made with [`MarketingClient::for_account`]: it cannot send.
    phone_number_id: Option<SendMarketingMessagePhoneNumberId>,
    waba_id: Option<ListMessageTemplatesWabaId>,
    base_url: String,
    retry: RetryPolicy,
}

impl fmt::Debug for MarketingClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MarketingClient")
            .field("base_url", &self.base_url)
            .field(
                "phone_number_id",
                &self.phone_number_id.as_ref().map(|id| id.as_str()),
            )
            .field("waba_id", &self.waba_id.as_ref().map(|id| id.as_str()))
            .field("api_version", &self.version.as_str())
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl MarketingClient {
    /// Starts building a client for the business phone number `phone_number_id`.
    pub fn builder(
        phone_number_id: impl Into<String>,
        token: AccessToken,
    ) -> MarketingClientBuilder {
        MarketingClientBuilder::with_defaults(Some(phone_number_id.into()), None, token)
    }

    /// Starts building a client for a WhatsApp Business Account's message templates only,
    /// with no phone number: it lists templates and checks messages against them, and
    /// refuses to send ([`SendError::Config`]). For tools that read templates, such as
    /// `wamm templates`, where asking for a phone number ID would make no sense.
    ///
    /// ```
    /// use marketing::{AccessToken, MarketingClient};
    ///
    /// let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
    ///     .build()?;
    /// assert_eq!(client.waba_id(), Some("102290129340398"));
    /// assert_eq!(client.phone_number_id(), "");
    /// # Ok::<(), marketing::BuildError>(())
    /// ```
    pub fn for_account(waba_id: impl Into<String>, token: AccessToken) -> MarketingClientBuilder {
        MarketingClientBuilder::with_defaults(None, Some(waba_id.into()), token)
    }

    /// The phone number ID messages are sent from; empty for a client made with
    /// [`for_account`](Self::for_account).
    pub fn phone_number_id(&self) -> &str {
        self.phone_number_id.as_ref().map_or("", |id| id.as_str())
    }

    /// The same client (one connection pool, one token) sending from another phone number:
    /// what a campaign with several numbers uses, one per number.
    ///
    /// ```
    /// use marketing::{AccessToken, MarketingClient};
    ///
    /// let client = MarketingClient::builder("106540352242922", AccessToken::new("t")).build()?;
    /// let second = client.with_phone_number_id("106540352242923")?;
    /// assert_eq!(second.phone_number_id(), "106540352242923");
    /// assert!(client.with_phone_number_id("not-a-number").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_phone_number_id(&self, phone_number_id: &str) -> Result<Self, BuildError> {
        let id = SendMarketingMessagePhoneNumberId::try_from(phone_number_id)
            .map_err(|_| BuildError::PhoneNumberId(phone_number_id.to_string()))?;
        Ok(Self {
            phone_number_id: Some(id),
            ..self.clone()
        })
    }

    /// The WhatsApp Business Account ID whose templates the client reads, when it was given
    /// one ([`MarketingClientBuilder::waba_id`]).
    pub fn waba_id(&self) -> Option<&str> {
        self.waba_id.as_ref().map(|id| id.as_str())
    }

    /// The generated client underneath, for the template operations.
    pub(crate) fn generated(&self) -> &Client {
        &self.client
    }

    /// The API version, typed for the template operations.
    pub(crate) fn list_version(&self) -> &ListMessageTemplatesVersion {
        &self.list_version
    }

    /// The account, typed for the template operations.
    pub(crate) fn waba(&self) -> Option<&ListMessageTemplatesWabaId> {
        self.waba_id.as_ref()
    }

    /// The base URL requests go to, with any credentials in it shown as `***`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether requests go over plain http to a host that is not this machine (allowed with
    /// [`MarketingClientBuilder::allow_insecure_http`]).
    ///
    /// ```
    /// use marketing::{AccessToken, BuildError, MarketingClient};
    ///
    /// let local = MarketingClient::builder("106540352242922", AccessToken::new("t"))
    ///     .base_url("http://127.0.0.1:8080")
    ///     .build()?;
    /// assert!(!local.is_insecure());
    /// let remote = MarketingClient::builder("106540352242922", AccessToken::new("t"))
    ///     .base_url("http://gateway.example.org");
    /// assert!(matches!(remote.build(), Err(BuildError::InsecureHttp(_))));
    /// # Ok::<(), BuildError>(())
    /// ```
    pub fn is_insecure(&self) -> bool {
        reqwest::Url::parse(&self.base_url)
            .is_ok_and(|url| url.scheme() == "http" && !is_loopback(&url))
    }

    /// Sends `message`, retrying as the client's [`RetryPolicy`] allows (never anything that
    /// may have been sent).
    pub async fn send(&self, message: &Message) -> Result<Sent, SendError> {
        let mut attempt = 1;
        loop {
            match self.send_once(message).await {
                Ok(mut sent) => {
                    sent.attempts = attempt;
                    tracing::debug!(
                        message_id = %sent.message_id,
                        attempts = attempt,
                        outcome = "sent",
                        "send answered"
                    );
                    return Ok(sent);
                }
                Err(error) => match self.retry.next_wait(attempt, &error) {
                    Some(wait) => {
                        tracing::debug!(
                            code = error.code(),
                            attempt,
                            delay_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                            "send retried"
                        );
                        tokio::time::sleep(wait).await;
                        attempt += 1;
                    }
                    None => return Err(error),
                },
            }
        }
    }

    /// Sends `message` once, without retries, through the generated operation
    /// (`send_marketing_message`): the path, parameters and declared responses are
    /// `openapi.yaml`'s, so a spec revision changes what is sent after `cargo xtask codegen`.
    pub async fn send_once(&self, message: &Message) -> Result<Sent, SendError> {
        self.send_body(message.body()).await
    }

    /// Sends a body the validator has accepted, once (what [`send_once`](Self::send_once)
    /// does with a message's [`body`](Message::body)). A campaign sends each recipient's body
    /// this way, without building a [`Message`] for it.
    ///
    /// ```no_run
    /// # async fn demo(client: marketing::MarketingClient, message: marketing::Message)
    /// #     -> Result<(), marketing::SendError> {
    /// let sent = client.send_body(message.body()).await?;
    /// println!("{}", sent.message_id);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_body(&self, body: &CheckedBody) -> Result<Sent, SendError> {
        let Some(phone_number_id) = &self.phone_number_id else {
            return Err(SendError::Config(
                "this client has no phone number ID (it was built for an account's templates only): it cannot send"
                    .to_string(),
            ));
        };
        let result = self
            .client
            .send_marketing_message()
            .version(self.version.clone())
            .phone_number_id(phone_number_id.clone())
            .body(body.clone())
            .send()
            .await;
        let response = match result {
            Ok(response) => response,
            Err(error) => return Err(self.failure(error).await),
        };
        let payload: MarketingMessageResponsePayload = response.into_inner();
        let contact = payload.contacts.into_iter().next();
        let Some(created) = payload
            .messages
            .into_iter()
            .next()
            .filter(|m| m.id.is_some())
        else {
            return Err(SendError::UnexpectedResponse {
                status: 200,
                detail: "a 200 without a message ID".into(),
            });
        };
        let (input, wa_id, user_id) = match contact {
            Some(c) => (c.input, c.wa_id, c.user_id),
            None => (None, None, None),
        };
        Ok(Sent {
            message_id: created.id.unwrap_or_default(),
            input,
            wa_id,
            user_id,
            status: created.message_status,
            attempts: 1,
        })
    }

    /// What a failure of a generated operation means: the Graph error, or how the transport
    /// failed (sorted by whether the request may have reached the server).
    pub(crate) async fn failure(&self, error: wamm_client::Error<GraphErrorResponse>) -> SendError {
        use wamm_client::Error;
        match error {
            Error::ErrorResponse(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(response.headers());
                SendError::Api(GraphError::new(
                    status,
                    response.into_inner().error,
                    retry_after,
                ))
            }
            Error::CommunicationError(err)
            | Error::ResponseBodyError(err)
            | Error::InvalidUpgrade(err) => transport_error(err, &self.base_url),
            // A declared status whose body is not what the spec says: a proxy's page, or a
            // success we cannot read. The status is not kept by the generated code.
            Error::InvalidResponsePayload(body, err) => SendError::UnexpectedResponse {
                status: 0,
                detail: format!("unreadable body ({err}): {}", snippet(&body)),
            },
            Error::UnexpectedResponse(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(response.headers());
                match response.bytes().await {
                    Ok(body) => match GraphError::from_body(status, &body, retry_after) {
                        Some(graph) => SendError::Api(graph),
                        None => SendError::UnexpectedResponse {
                            status,
                            detail: snippet(&body),
                        },
                    },
                    Err(err) => transport_error(err, &self.base_url),
                }
            }
            // Nothing left: the request could not be built.
            Error::InvalidRequest(reason) | Error::Custom(reason) => SendError::Config(reason),
        }
    }
}

/// Whether a URL's host is this machine (a loopback address or `localhost`).
fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => {
            let host = host.to_ascii_lowercase();
            host == "localhost" || host.ends_with(".localhost")
        }
    }
}

/// Sorts a transport failure by whether any of the request may have reached the server. The
/// error loses its URL, which may carry credentials; `base_url` is already redacted.
fn transport_error(err: reqwest::Error, base_url: &str) -> SendError {
    let err = err.without_url();
    if err.is_connect() {
        SendError::Connect {
            url: base_url.to_string(),
            source: err,
        }
    } else if err.is_timeout() {
        SendError::Timeout(err)
    } else {
        SendError::Transport(err)
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The start of a body, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.chars().count() > 200 {
        format!("{}...", text.chars().take(200).collect::<String>())
    } else {
        text.to_string()
    }
}
