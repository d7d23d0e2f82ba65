#![doc = include_str!("../GUIDE.md")]
#![warn(missing_docs)]

pub mod campaign;
mod classify;
mod client;
mod components;
mod error;
mod message;
mod phone;
mod retry;
mod validate;

pub use classify::{CodeRule, ErrorClass, RULES, UNKNOWN_CODE, code_meaning, rule};
pub use client::{
    BuildError, DEFAULT_API_VERSION, DEFAULT_USER_AGENT, GRAPH_BASE_URL, MarketingClient,
    MarketingClientBuilder, Sent,
};
pub use components::{
    BodyParam, Button, Card, Currency, FlowAction, Header, Location, Media, OfferExpiry,
    ProductSection,
};
pub use error::{GraphError, SendError};
pub use message::{Message, MessageBuilder, ProductPolicy, Recipient};
pub use phone::{PhoneError, normalise_phone};
pub use retry::RetryPolicy;
pub use validate::{
    Problem, Strictness, ValidationErrors, is_parameter_name, validate_json, validate_value,
    validate_with,
};
pub use wamm_client::{
    AccessToken, Exchange, ExtraFields, MessageStatus, Observer, Received, redact_url,
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
///     .body(payload) // a wamm_client::types::MarketingMessageRequestPayload
///     .send()
///     .await?;
/// # assert_eq!(response.messages[0].id.as_deref(), Some(sandbox.messages()[0].wamid.as_str()));
/// # sandbox.shutdown().await;
/// # Ok(())
/// # }
/// ```
pub use wamm_client::types;
