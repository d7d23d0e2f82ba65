//! Errors from sending, each answering two questions: may it be retried safely, and may the
//! message have been sent anyway? Also the errors of reading templates and of checking a
//! message against one.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use crate::classify::{CodeRule, ErrorClass};
use crate::validate::ValidationErrors;

/// A Graph API error envelope as received, with the HTTP status and `Retry-After` it came with.
///
/// ```
/// use marketing::{ErrorClass, GraphError};
///
/// let body = r#"{"error":{"message":"(#131050) opted out","code":131050,"fbtrace_id":"Ab1"}}"#;
/// let error = GraphError::from_body(400, body.as_bytes(), None).unwrap();
/// assert_eq!(error.code(), 131050);
/// assert_eq!(error.class(), ErrorClass::RecipientOptedOut);
/// assert_eq!(error.fbtrace_id(), Some("Ab1"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    status: u16,
    error: wamm_client::types::GraphError,
    retry_after: Option<Duration>,
}

impl GraphError {
    /// From the generated wire type.
    pub fn new(
        status: u16,
        error: wamm_client::types::GraphError,
        retry_after: Option<Duration>,
    ) -> Self {
        Self {
            status,
            error,
            retry_after,
        }
    }

    /// Parses a Graph error envelope from a response body; `None` if it is not one.
    pub fn from_body(status: u16, body: &[u8], retry_after: Option<Duration>) -> Option<Self> {
        let envelope: wamm_client::types::GraphErrorResponse = serde_json::from_slice(body).ok()?;
        Some(Self::new(status, envelope.error, retry_after))
    }

    /// The HTTP status it arrived with. Do not classify by it; use [`code`](Self::code).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// `error.code`: what classification is based on.
    pub fn code(&self) -> i64 {
        self.error.code
    }

    /// `error.message`.
    pub fn message(&self) -> &str {
        &self.error.message
    }

    /// `error.type`, such as `OAuthException`.
    pub fn error_type(&self) -> Option<&str> {
        self.error.type_.as_deref()
    }

    /// `error.error_subcode` (deprecated by Meta).
    pub fn subcode(&self) -> Option<i64> {
        self.error.error_subcode
    }

    /// `error.error_data.details`, or `error_data` itself when Meta sent a plain string.
    pub fn details(&self) -> Option<&str> {
        match self.error.error_data.as_ref()? {
            Value::String(s) => Some(s),
            Value::Object(map) => map.get("details").and_then(Value::as_str),
            _ => None,
        }
    }

    /// `error.error_data` as sent.
    pub fn error_data(&self) -> Option<&Value> {
        self.error.error_data.as_ref()
    }

    /// `error.error_user_title`.
    pub fn user_title(&self) -> Option<&str> {
        self.error.error_user_title.as_deref()
    }

    /// `error.error_user_msg`.
    pub fn user_message(&self) -> Option<&str> {
        self.error.error_user_msg.as_deref()
    }

    /// `error.is_transient`.
    pub fn is_transient(&self) -> Option<bool> {
        self.error.is_transient
    }

    /// `error.fbtrace_id`: quote it to Meta support.
    pub fn fbtrace_id(&self) -> Option<&str> {
        self.error.fbtrace_id.as_deref()
    }

    /// The `Retry-After` header, when a gateway sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// What the code means for a sender: its row in [`RULES`](crate::RULES).
    pub fn rule(&self) -> &'static CodeRule {
        let texts = [self.message(), self.details().unwrap_or_default()];
        crate::classify::rule_for(self.error.code, self.error.error_subcode, &texts)
    }

    /// The class of the code.
    pub fn class(&self) -> ErrorClass {
        self.rule().class
    }

    /// A short description of the code, when it is a known one.
    pub fn meaning(&self) -> Option<&'static str> {
        Some(self.rule().meaning).filter(|m| !m.is_empty())
    }

    /// Whether the answer is definite: Meta refused the message and created nothing. A 5xx
    /// status leaves the outcome open unless the code's rule says otherwise.
    pub fn is_definite(&self) -> bool {
        let rule = self.rule();
        !rule.may_have_been_sent && (self.status < 500 || rule.definite_at_5xx)
    }

    /// The generated wire type.
    pub fn raw(&self) -> &wamm_client::types::GraphError {
        &self.error
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Graph error {} (HTTP {}): {}",
            self.code(),
            self.status,
            self.message()
        )?;
        if let Some(details) = self.details() {
            write!(f, " ({details})")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

/// Why a send failed.
///
/// ```
/// # async fn example(client: marketing::MarketingClient, message: marketing::Message) {
/// match client.send(&message).await {
///     Ok(sent) => println!("sent {}", sent.message_id),
///     Err(err) if err.may_have_been_sent() => println!("outcome unknown: {err}; do not resend blindly"),
///     Err(err) => println!("not sent: {err}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// Meta (or the sandbox) answered with a Graph error envelope.
    #[error("{0}")]
    Api(GraphError),
    /// No connection could be made; nothing was sent.
    #[error("cannot connect to {url}: {}", root_cause(source))]
    Connect {
        /// Where we tried to connect.
        url: String,
        /// The transport error.
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer within the timeout. The message may have been created.
    #[error("no answer within the timeout; the message may have been sent")]
    Timeout(#[source] reqwest::Error),
    /// The connection failed after the request left (reset, closed mid-response). The message
    /// may have been created.
    #[error(
        "the connection failed after the request was sent; the message may have been sent: {0}"
    )]
    Transport(#[source] reqwest::Error),
    /// An answer that is not a Graph error envelope (for example a proxy's HTML page or an
    /// unparseable success). The message may have been created.
    #[error("unexpected response (HTTP {status}); the message may have been sent: {detail}")]
    UnexpectedResponse {
        /// The HTTP status, 0 when it was lost.
        status: u16,
        /// What was wrong with it (never the request).
        detail: String,
    },
    /// The client was set up with something the request cannot carry (an API version or phone
    /// number ID of the wrong shape). Nothing was sent.
    #[error("invalid client setting: {0}")]
    Config(String),
}

/// The innermost cause of an error: for a refused connection, "Connection refused (os error
/// 111)" rather than reqwest's "error sending request for url".
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    cause.to_string()
}

impl SendError {
    /// The Graph error, when Meta answered with one.
    pub fn graph(&self) -> Option<&GraphError> {
        match self {
            Self::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The Graph error code, when Meta answered with one.
    pub fn code(&self) -> Option<i64> {
        self.graph().map(GraphError::code)
    }

    /// The error class, when Meta answered with a Graph error.
    pub fn class(&self) -> Option<ErrorClass> {
        self.graph().map(GraphError::class)
    }

    /// Whether sending the same message again cannot create a duplicate: Meta said nothing
    /// was created (throttling, template syncing), or no connection was made. Never true when
    /// [`may_have_been_sent`](Self::may_have_been_sent) is.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(error) => error.rule().retry && error.is_definite(),
            Self::Connect { .. } => true,
            _ => false,
        }
    }

    /// Whether the message may have been created even though the send failed: a timeout, a
    /// connection lost after the request left, a 5xx or any answer we could not read.
    pub fn may_have_been_sent(&self) -> bool {
        match self {
            Self::Api(error) => !error.is_definite(),
            Self::Connect { .. } | Self::Config(_) => false,
            Self::Timeout(_) | Self::Transport(_) | Self::UnexpectedResponse { .. } => true,
        }
    }

    /// Whether the error concerns the whole run (token, permission, account, template,
    /// routing, spam): every further send would fail the same way, so a bulk sender stops.
    pub fn stops_run(&self) -> bool {
        self.graph()
            .is_some_and(|error| error.is_definite() && error.rule().stops_run)
    }

    /// Whether the error that stops the run concerns only the phone number that sent (see
    /// [`CodeRule::concerns_number`](crate::CodeRule::concerns_number)).
    pub fn concerns_number(&self) -> bool {
        self.stops_run()
            && self
                .graph()
                .is_some_and(|error| error.rule().concerns_number)
    }

    /// How long to wait before retrying, when the error says: `Retry-After`, else the class's
    /// minimum wait.
    pub fn suggested_wait(&self) -> Option<Duration> {
        let error = self.graph()?;
        error.retry_after().or_else(|| error.class().minimum_wait())
    }
}

/// Why an account's message templates could not be read
/// ([`MarketingClient::list_templates`](crate::MarketingClient::list_templates),
/// [`get_template`](crate::MarketingClient::get_template)). Reading templates creates
/// nothing, so unlike [`SendError`] no failure here leaves anything half done.
///
/// ```
/// use marketing::{ErrorClass, GraphError, TemplatesError};
///
/// let body = r#"{"error":{"message":"(#190) token expired","code":190,"fbtrace_id":"Ab2"}}"#;
/// let error = TemplatesError::Api(GraphError::from_body(401, body.as_bytes(), None).unwrap());
/// assert_eq!(error.code(), Some(190));
/// assert_eq!(error.class(), Some(ErrorClass::Auth));
/// assert!(!error.is_retryable());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TemplatesError {
    /// The client has no WhatsApp Business Account ID; templates belong to an account.
    #[error(
        "no WhatsApp Business Account ID: templates are read per account; give the client one (MarketingClientBuilder::waba_id)"
    )]
    NoWabaId,
    /// Meta (or the sandbox) answered with a Graph error envelope.
    #[error("{0}")]
    Api(GraphError),
    /// No connection could be made.
    #[error("cannot connect to {url}: {}", root_cause(source))]
    Connect {
        /// Where we tried to connect (credentials in it redacted).
        url: String,
        /// The transport error.
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer within the timeout.
    #[error("no answer within the timeout")]
    Timeout(#[source] reqwest::Error),
    /// The connection failed after the request was sent.
    #[error("the connection failed: {}", root_cause(.0))]
    Transport(#[source] reqwest::Error),
    /// An answer that is neither a page of templates nor a Graph error envelope, or paging
    /// that would go round in circles.
    #[error("unexpected response (HTTP {status}): {detail}")]
    UnexpectedResponse {
        /// The HTTP status, 0 when it is not known.
        status: u16,
        /// What was wrong with it.
        detail: String,
    },
    /// A setting the request cannot carry (such as a page size out of range). Nothing was
    /// asked.
    #[error("invalid request: {0}")]
    Config(String),
}

impl TemplatesError {
    /// The Graph error, when Meta answered with one.
    pub fn graph(&self) -> Option<&GraphError> {
        match self {
            Self::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The Graph error code, when Meta answered with one.
    pub fn code(&self) -> Option<i64> {
        self.graph().map(GraphError::code)
    }

    /// The error class, when Meta answered with a Graph error.
    pub fn class(&self) -> Option<ErrorClass> {
        self.graph().map(GraphError::class)
    }

    /// Whether asking again later may succeed without changing anything: throttling, a
    /// failed or slow connection, a server error. A read is safe to repeat.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(error) => error.rule().retry || error.status() >= 500,
            Self::Connect { .. } | Self::Timeout(_) | Self::Transport(_) => true,
            Self::UnexpectedResponse { status, .. } => *status >= 500,
            Self::NoWabaId | Self::Config(_) => false,
        }
    }
}

impl From<SendError> for TemplatesError {
    /// The same failure, for a read: nothing about it "may have been sent".
    fn from(error: SendError) -> Self {
        match error {
            SendError::Api(graph) => Self::Api(graph),
            SendError::Connect { url, source } => Self::Connect { url, source },
            SendError::Timeout(source) => Self::Timeout(source),
            SendError::Transport(source) => Self::Transport(source),
            SendError::UnexpectedResponse { status, detail } => {
                Self::UnexpectedResponse { status, detail }
            }
            SendError::Config(reason) => Self::Config(reason),
        }
    }
}

/// Why a message was not found to fit its approved template
/// ([`MarketingClient::check_template`](crate::MarketingClient::check_template),
/// [`campaign::check_campaign`](crate::campaign::check_campaign)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TemplateCheckError {
    /// The message does not fit the template, or the template cannot be sent (not found in
    /// that language, paused, disabled, not MARKETING): every problem, each with the
    /// message's JSON path, what the template expects and the code Meta would answer with.
    #[error("the message does not fit template {name} ({language}):\n{problems}")]
    Mismatch {
        /// The template name the message uses.
        name: String,
        /// The language code the message uses.
        language: String,
        /// The template as the account defines it; `None` when there is none in that
        /// language.
        template: Option<Box<crate::templates::Template>>,
        /// Every problem, sorted by path.
        problems: ValidationErrors,
    },
    /// The template could not be looked up.
    #[error("cannot look up the template: {0}")]
    Lookup(Box<TemplatesError>),
    /// The message cannot be checked against one template before sending (a campaign whose
    /// template name or language is filled from the list).
    #[error("{0}")]
    NotCheckable(String),
}

impl From<TemplatesError> for TemplateCheckError {
    fn from(error: TemplatesError) -> Self {
        Self::Lookup(Box::new(error))
    }
}
