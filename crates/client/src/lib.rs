//! Low-level client for WhatsApp's Marketing Messages Lite API
//! (`POST /{Version}/{Phone-Number-ID}/marketing_messages`).
//!
//! Everything under [`types`] and the request builders on [`Client`] are generated from the
//! workspace's `openapi.yaml` by `cargo xtask codegen`. This file adds what the spec cannot say:
//! how to authenticate ([`Client::authenticated`]), the `api-version` header progenitor adds and
//! Graph does not want, [`MessageStatus`], an open enum for a value Meta extends, and
//! [`CheckedBody`], the body the send operation takes: JSON the validator compiled from the
//! same spec has accepted.
//!
//! Most users want the `marketing` crate, which builds and validates messages and classifies
//! errors on top of this one.
//!
//! The example sends to a sandbox (`wamm-sandbox`) started in lines the documentation hides;
//! for Meta, use [`GRAPH_BASE_URL`] and your own token.
//!
//! ```
//! use wamm_client::{AccessToken, Client, ClientOptions, types};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig::default()).await?;
//! # let base_url = sandbox.base_url();
//! # let token = AccessToken::new(wamm_sandbox::DEFAULT_TOKEN);
//! let client = Client::authenticated(&base_url, &token, &ClientOptions::default())?;
//! let body: types::MarketingMessageRequestPayload = serde_json::from_str(
//!     r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
//!         "type":"template","template":{"name":"spring_sale","language":{"code":"en_US"},
//!         "components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}}"#,
//! )?;
//! let sent = client
//!     .send_marketing_message()
//!     .version("v23.0")
//!     .phone_number_id("106540352242922")
//!     .body(body)
//!     .send()
//!     .await?;
//! println!("{:?}", sent.messages);
//! # assert_eq!(sandbox.messages().len(), 1);
//! # sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

pub mod authoring;
mod body;
pub mod codes;
mod exchange;
mod extra_fields;
#[rustfmt::skip]
#[allow(missing_debug_implementations)]
mod generated;
mod redact;
pub mod templates;
mod token;
pub mod validation;
pub mod webhook_signature;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{
    AUTHORIZATION, HOST, HeaderMap, HeaderValue, InvalidHeaderValue, USER_AGENT,
};

pub use body::{BodyProblems, CheckedBody};
pub use exchange::{Exchange, Hooks, Observer, Received};
pub use extra_fields::ExtraFields;
pub use generated::*;
pub use redact::redact_url;
pub use token::AccessToken;

/// The Graph API version wamm targets unless told otherwise.
pub const DEFAULT_API_VERSION: &str = "v23.0";

/// Meta's Graph API; the default base URL.
pub const GRAPH_BASE_URL: &str = "https://graph.facebook.com";

/// The `User-Agent` wamm sends unless told otherwise: `wamm/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("wamm/", env!("CARGO_PKG_VERSION"));

/// Connection settings for [`Client::authenticated`].
///
/// ```
/// use std::time::Duration;
/// use wamm_client::ClientOptions;
///
/// let options = ClientOptions {
///     timeout: Duration::from_secs(10),
///     ..ClientOptions::default()
/// };
/// assert_eq!(options.user_agent, wamm_client::DEFAULT_USER_AGENT);
/// ```
#[derive(Clone)]
pub struct ClientOptions {
    /// Sent as `User-Agent`. Default `wamm/<version>`.
    pub user_agent: String,
    /// Limit for establishing a connection. Default 5 s.
    pub connect_timeout: Duration,
    /// Limit for a whole request, from sending to the end of the response. Default 30 s.
    /// A request that hits it may still have created a message.
    pub timeout: Duration,
    /// Idle keep-alive connections kept per host. Default 64.
    pub pool_max_idle_per_host: usize,
    /// Sees every request as sent and every answer as received (for `-v` logs and for
    /// printing a body exactly as it arrived). Default none: nothing is copied.
    pub observer: Option<Arc<dyn Observer>>,
    /// Certificate authorities (PEM, one or more certificates each) trusted besides the
    /// system's roots, for a server whose certificate a private CA signed (a sandbox served
    /// over HTTPS, a TLS-terminating proxy). Default none.
    pub extra_roots_pem: Vec<Vec<u8>>,
    /// Which HTTP version to speak. Default [`HttpVersion::Auto`].
    pub http_version: HttpVersion,
}

/// Which HTTP version a [`Client`] speaks.
///
/// Over TLS the version is agreed in the handshake (ALPN): [`Auto`](Self::Auto) offers
/// HTTP/2 and HTTP/1.1 and takes what the server picks, the others offer only theirs. Over
/// plain `http://`, [`Http2`](Self::Http2) speaks HTTP/2 without asking (prior knowledge),
/// which only a server that expects it understands.
///
/// ```
/// use wamm_client::HttpVersion;
///
/// assert_eq!("2".parse::<HttpVersion>(), Ok(HttpVersion::Http2));
/// assert_eq!("1.1".parse::<HttpVersion>(), Ok(HttpVersion::Http1));
/// assert_eq!(HttpVersion::Auto.to_string(), "auto");
/// assert!("3".parse::<HttpVersion>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum HttpVersion {
    /// HTTP/1.1 on a pool of connections, one request at a time on each.
    Http1,
    /// HTTP/2: requests share connections as streams.
    Http2,
    /// What the server's TLS handshake agrees on (HTTP/2 when it offers both, as
    /// graph.facebook.com does), and HTTP/1.1 over plain `http://`. The default: over TLS,
    /// HTTP/2 carries a campaign's concurrent requests on one connection, with fewer
    /// handshakes and less CPU per message than HTTP/1.1 (BENCHMARKS.md, "over TLS"); plain
    /// HTTP has no handshake to agree a version, so HTTP/1.1, which every server speaks.
    #[default]
    Auto,
}

impl HttpVersion {
    /// Its name on a command line: `1.1`, `2` or `auto`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http1 => "1.1",
            Self::Http2 => "2",
            Self::Auto => "auto",
        }
    }
}

impl fmt::Display for HttpVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for HttpVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1.1" | "1" | "http1" | "http/1.1" => Ok(Self::Http1),
            "2" | "h2" | "http2" => Ok(Self::Http2),
            "auto" => Ok(Self::Auto),
            other => Err(format!(
                "unknown HTTP version {other:?}: expected auto, 1.1 or 2"
            )),
        }
    }
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("user_agent", &self.user_agent)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("observer", &self.observer.is_some())
            .field("extra_roots", &self.extra_roots_pem.len())
            .field("http_version", &self.http_version)
            .finish()
    }
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            pool_max_idle_per_host: 64,
            observer: None,
            extra_roots_pem: Vec::new(),
            http_version: HttpVersion::default(),
        }
    }
}

/// Why a [`Client`] could not be built. Never contains the token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The token holds characters that cannot go in an HTTP header (such as a newline).
    #[error("the access token contains characters that are not allowed in an HTTP header")]
    InvalidToken,
    /// The token is empty.
    #[error("the access token is empty")]
    EmptyToken,
    /// The user agent holds characters that cannot go in an HTTP header.
    #[error("the user agent is not a valid HTTP header value")]
    InvalidUserAgent,
    /// The HTTP stack could not be set up (for example, no TLS roots).
    #[error("cannot set up the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
    /// A certificate authority given in [`ClientOptions::extra_roots_pem`] is not PEM, or
    /// holds no certificate.
    #[error("the certificate authority is not usable: {0}")]
    ExtraRoot(String),
}

impl Client {
    /// A client for `base_url` (such as [`GRAPH_BASE_URL`] or a sandbox's URL) that sends
    /// `Authorization: Bearer <token>` on every request.
    ///
    /// The header is marked sensitive, so `Debug` of the client and an [`Observer`] show it
    /// redacted.
    pub fn authenticated(
        base_url: &str,
        token: &AccessToken,
        options: &ClientOptions,
    ) -> Result<Self, BuildError> {
        if token.is_empty() {
            return Err(BuildError::EmptyToken);
        }
        let mut bearer = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
            .map_err(|_: InvalidHeaderValue| BuildError::InvalidToken)?;
        bearer.set_sensitive(true);
        let user_agent =
            HeaderValue::from_str(&options.user_agent).map_err(|_| BuildError::InvalidUserAgent)?;
        // Set by the `pre` hook on each request rather than as the HTTP client's defaults,
        // so that an observer sees the headers that are actually sent.
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer);
        headers.insert(USER_AGENT, user_agent);
        // The HTTP stack would otherwise format and check `Host` again for every request.
        if let Some(host) = host_header(base_url) {
            headers.insert(HOST, host);
        }

        let mut roots = Vec::new();
        for pem in &options.extra_roots_pem {
            let found = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| BuildError::ExtraRoot(e.to_string()))?;
            if found.is_empty() {
                return Err(BuildError::ExtraRoot(
                    "no certificate found (expected PEM: -----BEGIN CERTIFICATE-----)".to_string(),
                ));
            }
            roots.extend(found);
        }
        let mut http = reqwest::Client::builder();
        if !roots.is_empty() {
            http = http.tls_certs_merge(roots);
        }
        http = match options.http_version {
            HttpVersion::Http1 => http.http1_only(),
            HttpVersion::Http2 => http.http2_prior_knowledge(),
            // Plain http:// has no handshake to agree HTTP/2 on, so auto speaks HTTP/1.1
            // there; saying so spares the stack its checks for HTTP/2 on every request.
            HttpVersion::Auto if is_plain_http(base_url) => http.http1_only(),
            HttpVersion::Auto => http,
        };
        let http = http
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .pool_max_idle_per_host(options.pool_max_idle_per_host)
            .tcp_nodelay(true)
            // Graph does not redirect this endpoint; following a redirect would re-send a POST
            // that may already have created a message.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(BuildError::Http)?;
        Ok(Self::new_with_client(
            base_url.trim_end_matches('/'),
            http,
            Hooks::new(options.observer.clone(), headers),
        ))
    }
}

/// Whether `base_url` is plain `http://` (its scheme in any letter case).
fn is_plain_http(base_url: &str) -> bool {
    base_url
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
}

/// The `Host` header for requests to `base_url`: its host, and its port when that is not the
/// scheme's default (as the HTTP stack itself would write it). `None` when `base_url` is not a
/// URL with a host; the request then fails on its URL, as it would without this.
///
/// ```
/// # use wamm_client::host_header;
/// assert_eq!(host_header("http://127.0.0.1:8080/v23.0").unwrap(), "127.0.0.1:8080");
/// assert_eq!(host_header("https://graph.facebook.com").unwrap(), "graph.facebook.com");
/// assert_eq!(host_header("http://[::1]:9000").unwrap(), "[::1]:9000");
/// assert!(host_header("not a url").is_none());
/// ```
pub fn host_header(base_url: &str) -> Option<HeaderValue> {
    let url = reqwest::Url::parse(base_url).ok()?;
    HeaderValue::from_str(&host_and_port(&url)?).ok()
}

/// `url`'s host, with its port when that is not the scheme's default.
pub(crate) fn host_and_port(url: &reqwest::Url) -> Option<String> {
    let host = url.host_str()?;
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

/// Finishes a generated builder (`types::X::builder()` and its setters) into its type.
///
/// Hand-written code builds generated types this way, never with a struct literal: a field
/// Meta adds to the spec then takes its default here instead of breaking the build
/// (`cargo xtask codegen --evolve-check` proves it for every type).
///
/// ```
/// use wamm_client::{build, types};
///
/// let contact: types::ResponseContact = build(
///     types::ResponseContact::builder()
///         .input(Some("447700900123".to_string()))
///         .wa_id(Some("447700900123".to_string())),
/// );
/// assert_eq!(contact.input.as_deref(), Some("447700900123"));
/// assert_eq!(contact.user_id, None);
/// ```
///
/// # Panics
///
/// When a required field was left unset, or a setter was given a value that does not convert
/// to its field's type: a mistake in the calling code, which no input can cause as long as
/// the setters are given values of the field's own type.
pub fn build<T>(builder: impl TryInto<T, Error = types::error::ConversionError>) -> T {
    match builder.try_into() {
        Ok(value) => value,
        Err(err) => panic!("a generated type was built without what it requires: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::is_plain_http;

    #[test]
    fn only_plain_http_is_plain_http() {
        assert!(is_plain_http("http://127.0.0.1:8080"));
        assert!(is_plain_http("HTTP://localhost"));
        assert!(!is_plain_http("https://graph.facebook.com"));
        assert!(!is_plain_http("http:/"));
        assert!(!is_plain_http("é"));
    }
}
