//! What the generated operations send and receive, as the hooks see it on the real path:
//! for `-v` logs and for printing a response body exactly as received.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::{Client, redact_url};

/// One request as it left and the answer as it arrived (or why none did).
///
/// The `Authorization` header is already redacted; nothing here holds the token.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// The generated operation, such as `send_marketing_message`.
    pub operation: &'static str,
    /// `POST`.
    pub method: String,
    /// The URL requested.
    pub url: String,
    /// The request headers, `Authorization` shown as `Bearer <redacted>`.
    pub request_headers: Vec<(String, String)>,
    /// The request body as sent.
    pub request_body: Vec<u8>,
    /// The answer, or the transport error that replaced it.
    pub response: Result<Received, String>,
    /// From handing the request to the HTTP stack to the end of the answer's body.
    pub elapsed: Duration,
}

/// An answer as received.
#[derive(Clone, Debug)]
pub struct Received {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: Vec<(String, String)>,
    /// The response body, byte for byte.
    pub body: Vec<u8>,
}

/// Receives each [`Exchange`] of a client made with [`Hooks::observed`].
pub trait Observer: Send + Sync {
    /// Called once per request, after the answer's body has arrived (or the request failed).
    fn exchange(&self, exchange: &Exchange);
}

/// What the generated client's hooks carry: the headers every request gets (the bearer token,
/// marked sensitive, and the user agent), set on the request itself so an observer sees them,
/// and an optional [`Observer`]. Without an observer, requests go straight to the HTTP stack
/// and nothing is copied.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use wamm_client::{Exchange, Hooks, Observer};
///
/// #[derive(Default)]
/// struct Last(Mutex<Option<Exchange>>);
/// impl Observer for Last {
///     fn exchange(&self, exchange: &Exchange) {
///         *self.0.lock().unwrap() = Some(exchange.clone());
///     }
/// }
/// let hooks = Hooks::observed(Arc::new(Last::default()));
/// assert!(format!("{hooks:?}").contains("observed: true"));
/// ```
#[derive(Clone, Default)]
pub struct Hooks {
    observer: Option<Arc<dyn Observer>>,
    headers: HeaderMap,
}

impl Hooks {
    /// Hooks that report every exchange to `observer`.
    pub fn observed(observer: Arc<dyn Observer>) -> Self {
        Self {
            observer: Some(observer),
            headers: HeaderMap::new(),
        }
    }

    pub(crate) fn new(observer: Option<Arc<dyn Observer>>, headers: HeaderMap) -> Self {
        Self { observer, headers }
    }
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("observed", &self.observer.is_some())
            // The token's value is marked sensitive: it shows as `Sensitive`.
            .field("headers", &self.headers)
            .finish()
    }
}

/// The header progenitor adds to every request, named once: looked up by a `&str`, the name
/// would be parsed again on every send.
static API_VERSION: HeaderName = HeaderName::from_static("api-version");

impl ClientHooks<Hooks> for Client {
    /// Graph routes by URL version, not by header: drop the `api-version` header progenitor
    /// adds to every request (it would only leak the spec's version to the server).
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        let headers = request.headers_mut();
        headers.remove(&API_VERSION);
        for (name, value) in &self.inner().headers {
            headers.insert(name, value.clone());
        }
        Ok(())
    }

    /// Sends the request. With an observer, also reads the whole answer, reports the exchange,
    /// and hands the generated code an identical response to decode.
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let Some(observer) = &self.inner().observer else {
            return self.client().execute(request).await;
        };
        let method = request.method().to_string();
        let url = redact_url(request.url().as_str());
        let mut request_headers = header_list(request.headers());
        // What the HTTP stack adds as it writes the request (`Host` is set by `pre` for a
        // client built with `Client::authenticated`).
        if !request.headers().contains_key(reqwest::header::HOST)
            && let Some(host) = crate::host_and_port(request.url())
        {
            request_headers.push(("host".into(), host));
        }
        let request_body = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        request_headers.push(("content-length".into(), request_body.len().to_string()));
        let started = Instant::now();
        let outcome = async {
            let response = self.client().execute(request).await?;
            let status = response.status();
            let version = response.version();
            let headers = response.headers().clone();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>((status, version, headers, body))
        }
        .await;
        let mut exchange = Exchange {
            operation: info.operation_id,
            method,
            url,
            request_headers,
            request_body,
            response: Err(String::new()),
            elapsed: started.elapsed(),
        };
        match outcome {
            Ok((status, version, headers, body)) => {
                exchange.response = Ok(Received {
                    status: status.as_u16(),
                    headers: header_list(&headers),
                    body: body.to_vec(),
                });
                observer.exchange(&exchange);
                let mut rebuilt = http::Response::new(body);
                *rebuilt.status_mut() = status;
                *rebuilt.version_mut() = version;
                *rebuilt.headers_mut() = headers;
                Ok(reqwest::Response::from(rebuilt))
            }
            Err(err) => {
                // Without the URL, which may carry credentials; it is shown redacted above.
                let mut shown: &dyn std::error::Error = &err;
                let mut text = err.to_string();
                while let Some(inner) = shown.source() {
                    shown = inner;
                    text = inner.to_string();
                }
                exchange.response = Err(text);
                observer.exchange(&exchange);
                Err(err)
            }
        }
    }
}

/// Headers as text, the token replaced.
fn header_list(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if name == AUTHORIZATION || value.is_sensitive() {
                "Bearer <redacted>".to_string()
            } else {
                shown_value(value)
            };
            (name.as_str().to_string(), shown)
        })
        .collect()
}

fn shown_value(value: &HeaderValue) -> String {
    match value.to_str() {
        Ok(text) => text.to_string(),
        Err(_) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
    }
}
