#![doc = include_str!("../GUIDE.md")]
//!
//! # Approved templates
//!
//! Meta refuses a send that does not fit the approved template it names, but only once it has
//! arrived. With the WhatsApp Business Account's ID ([`MarketingClientBuilder::waba_id`]) a
//! client reads the account's templates ([`MarketingClient::list_templates`], a page at a
//! time; [`MarketingClient::get_template`]) and checks a message against its template before
//! sending ([`MarketingClient::check_template`]): every mismatch with its path, what the
//! template expects and the code Meta would answer with. [`campaign::check_campaign`] does
//! the same for a campaign before it starts, and [`templates::scaffold`] turns a template
//! into a request body or a campaign file to fill in. The example runs against a server that
//! answers as Graph does, started in lines the documentation hides.
//!
//! ```
//! use marketing::{AccessToken, BodyParam, MarketingClient, Message, TemplateCheckError};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let page = r#"{"data": [{"id": "1402280517413391", "name": "spring_sale",
//! #   "language": "en_US", "status": "APPROVED", "category": "MARKETING",
//! #   "parameter_format": "POSITIONAL", "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}]}"#;
//! # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200, page)]).await;
//! # let (token, sandbox_url) = ("EAAG...", server.base_url());
//! let client = MarketingClient::builder("106540352242922", AccessToken::new(token))
//!     .waba_id("102290129340398")                  // the account that owns the templates
//!     .base_url(sandbox_url)                       // default https://graph.facebook.com
//!     .build()?;
//! let message = Message::builder("spring_sale", "en_US")
//!     .to("447700900123")
//!     .body_param(BodyParam::text("Ana"))
//!     .build()?;
//! match client.check_template(&message).await {
//!     Ok(template) => println!("fits {} ({}, {})", template.id, template.status, template.category),
//!     Err(TemplateCheckError::Mismatch { problems, .. }) => println!("not sent:\n{problems}"),
//!     Err(err) => return Err(err.into()),
//! }
//! # assert!(server.requests().iter().all(|r| r.method == "GET"));
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]

pub mod account;
pub mod campaign;
mod classify;
mod client;
mod components;
mod error;
pub mod insights;
pub mod location;
mod message;
pub mod metrics;
mod pg;
mod phone;
mod retry;
pub mod templates;
mod validate;
pub mod webhook;

pub use classify::{
    AD_ACCOUNT_SYNCING, CodeRule, ErrorClass, RULES, UNKNOWN_CODE, UNKNOWN_OBJECT,
    UNKNOWN_OBJECT_SUBCODE, code_meaning, rule, rule_for,
};
pub use client::{
    BuildError, DEFAULT_API_VERSION, DEFAULT_USER_AGENT, GRAPH_BASE_URL, MarketingClient,
    MarketingClientBuilder, Sent,
};
pub use components::{
    BodyParam, Button, Card, Currency, FlowAction, Header, Location, Media, OfferExpiry,
    ProductSection,
};
pub use error::{GraphError, SendError, TemplateCheckError, TemplatesError};
pub use message::{Message, MessageBuilder, ProductPolicy, Recipient};
pub use pg::PgError;
pub use phone::{PhoneError, normalise_phone};
pub use retry::RetryPolicy;
pub use validate::{
    Problem, Strictness, ValidationErrors, is_parameter_name, validate_json, validate_value,
    validate_with,
};
pub use wamm_client::{
    AccessToken, Exchange, ExtraFields, HttpVersion, MessageStatus, Observer, Received, redact_url,
};

/// The generated wire types, for code that needs the raw request or response.
///
/// Such code can also send through the generated client underneath, `wamm_client`, which
/// neither validates nor classifies (here against a sandbox on a loopback port):
///
/// ```
/// use wamm_client::{AccessToken, Client, ClientOptions};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig::default()).await?;
/// # let (token, base) = (wamm_sandbox::DEFAULT_TOKEN, sandbox.base_url());
/// # let sandbox_url = base.as_str();
/// # let payload: marketing::types::MarketingMessageRequestPayload = serde_json::from_str(
/// #     r#"{"messaging_product": "whatsapp", "recipient_type": "individual",
/// #         "to": "447700900123", "type": "template", "template": {"name": "spring_sale",
/// #         "language": {"code": "en_US"}, "components": [{"type": "body",
/// #         "parameters": [{"type": "text", "text": "Ana"}]}]}}"#,
/// # )?;
///
/// let token = AccessToken::new(token);
/// let client = Client::authenticated(sandbox_url, &token, &ClientOptions::default())?; // Meta: GRAPH_BASE_URL
/// let response = client
///     .send_marketing_message()
///     .version("v23.0")
///     .phone_number_id("106540352242922")
///     .body(payload) // the generated struct, checked on the way in (or a CheckedBody)
///     .send()
///     .await?;
/// # assert_eq!(response.messages[0].id.as_deref(), Some(sandbox.messages()[0].wamid.as_str()));
/// # sandbox.shutdown().await;
/// # Ok(())
/// # }
/// ```
pub use wamm_client::types;

/// Now, in Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
