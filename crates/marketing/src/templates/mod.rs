//! Approved templates: list a WhatsApp Business Account's message templates, find one, check a
//! message against it before anything is sent, and scaffold a request body or a campaign file
//! from it.
//!
//! Templates are read with `GET /{Version}/{WABA-ID}/message_templates` through the generated
//! operation (`list_message_templates`), a page at a time: [`MarketingClient::list_templates`]
//! follows `paging.cursors.after` until a page comes without `paging.next`, holding one page in
//! memory. Every request asks for [`TEMPLATE_FIELDS`], so the fields a check needs
//! (`parameter_format` above all, which Graph leaves out by default) are always there.
//!
//! The check ([`check`], [`MarketingClient::check_template`], and for a campaign
//! [`campaign::check_campaign`](crate::campaign::check_campaign)) is
//! `wamm_client::templates::check`, the rules the sandbox answers with too: every mismatch is
//! reported at once, with the message's JSON path, what the template expects and the Graph code
//! Meta would refuse the send with (132000 a parameter too many or too few, 132012 the wrong
//! kind, 131008 a value missing, 132001 no such template in that language, 132015/132016
//! paused/disabled, 134100 not a marketing template).
//!
//! The examples run against a scripted server that answers as Graph does, started in lines the
//! documentation hides; for Meta, leave out `base_url`.
//!
//! ```
//! use marketing::templates::{TemplateFilter, TemplateStatus};
//! use marketing::{AccessToken, MarketingClient};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let page = r#"{"data": [{"id": "1402280517413391", "name": "spring_sale",
//! #   "language": "en_US", "status": "APPROVED", "category": "MARKETING",
//! #   "parameter_format": "POSITIONAL", "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}],
//! #   "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}}"#;
//! # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200, page)]).await;
//!
//! let client = MarketingClient::builder("106540352242922", AccessToken::new("EAAG..."))
//!     .waba_id("102290129340398")
//! #   .base_url(server.base_url())
//!     .build()?;
//! let approved = TemplateFilter::new().status(TemplateStatus::Approved);
//! let mut templates = client.list_templates(approved);
//! while let Some(template) = templates.try_next().await? {
//!     println!("{} {} {} {}", template.name, template.language, template.status, template.category);
//! }
//! # assert_eq!(templates.pages_read(), 1);
//! # assert!(server.requests()[0].target.contains("status=APPROVED"));
//! # Ok(())
//! # }
//! ```
//!
//! [`MarketingClient::list_templates`]: crate::MarketingClient::list_templates
//! [`MarketingClient::check_template`]: crate::MarketingClient::check_template

pub mod apply;
mod check;
pub mod files;
pub mod folder;
mod list;
mod model;
pub mod plan;
mod render;
mod review;
mod scaffold;
mod spans;

pub(crate) use check::checked_against;
pub use check::{CheckedTemplate, check, check_body};
pub use list::{MAX_PAGE_SIZE, TemplateFilter, TemplatePages};
pub use scaffold::{Scaffold, scaffold};
pub use wamm_client::authoring::{creative_features, fingerprint};
pub use wamm_client::templates::placeholders;
pub use wamm_client::types::TemplateParameterFormat;
pub use wamm_client::{TemplateCategory, TemplateStatus};

/// One message template in one language, as Graph describes it: name, language, status,
/// category, parameter format and components (the generated wire type).
pub type Template = wamm_client::types::MessageTemplate;

/// The fields every template request asks for: without `fields`, Graph leaves out
/// `parameter_format`, and a named template would look positional; the settings (time-to-live,
/// maximum price, creative features, link tracking) and the rejection reason are what
/// template files, plans and reviews need.
pub const TEMPLATE_FIELDS: &str = "id,name,language,status,category,parameter_format,components,previous_category,rejected_reason,message_send_ttl_seconds,optimization_spec,degrees_of_freedom_spec,cta_url_link_tracking_opted_out";
