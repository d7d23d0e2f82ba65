#![doc = include_str!("../GUIDE.md")]
#![warn(missing_docs)]

pub mod campaign;
mod classify;
mod client;
mod components;
mod error;
mod message;
mod retry;
mod validate;

pub use classify::{ErrorClass, code_meaning};
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
pub use retry::RetryPolicy;
pub use validate::{
    Problem, Strictness, ValidationErrors, is_parameter_name, validate_json, validate_value,
    validate_with,
};
pub use wamm_client::{AccessToken, Exchange, ExtraFields, MessageStatus, Observer, Received};

/// The generated wire types, for code that needs the raw request or response.
pub use wamm_client::types;
