//! Meta's own figures for templates: how many messages were sent, delivered, read and
//! clicked, what they cost and what they led to, per UTC day and template
//! (`GET /{Version}/{WABA-ID}/template_analytics`, through the generated operation
//! `get_template_analytics`).
//!
//! A query ([`InsightsQuery`]) names a [`Period`] and the templates, by ID or by name and
//! language (resolved to IDs through the account's template listing). Everything Meta would
//! refuse is refused first, with the limit named: a period more than [`LOOKBACK_DAYS`] back,
//! one that ends before it starts or lies wholly in the future, a malformed ID. Meta takes at
//! most [`MAX_TEMPLATES_PER_REQUEST`] templates per request: more are asked for in several
//! requests (the answer says how many, [`Insights::batches`]), every page of each.
//!
//! Two of Meta's limits are explained rather than reported as failures: an account whose
//! insights are off ([`InsightsError::NotEnabled`]: turn them on once with
//! [`MarketingClient::enable_insights`]), and a period with no figures yet
//! ([`Insights::has_figures`]): Meta publishes a day's figures with a delay.
//!
//! ```
//! use marketing::insights::{Day, InsightsQuery, Period, Product, TemplateSelector};
//! use marketing::{AccessToken, MarketingClient};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let today = Day::today().start_unix();
//! # let page = format!(r#"{{"data": [{{"granularity": "DAILY", "data_points": [
//! #   {{"template_id": "1402280517413391", "start": {today}, "end": {}, "sent": 120,
//! #     "delivered": 118, "read": 90, "clicked": [{{"type": "url_button",
//! #     "button_content": "Shop now", "count": 21}}], "cost": [{{"type": "amount_spent",
//! #     "value": 1.18}}, {{"type": "cost_per_delivered", "value": 0.01}}]}}]}}]}}"#, today + 86_400);
//! # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200, page)]).await;
//! let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
//! #   .base_url(server.base_url())
//!     .build()?;
//! let week = Period::new(Day::today().plus(-6), Day::today())?; // UTC days, at most 90 back
//! let query = InsightsQuery::new(week)
//!     .template(TemplateSelector::id("1402280517413391")) // or ::named("spring_sale", Some("en_US"))
//!     .product(Product::MarketingMessagesLite);          // the default; CloudApi for fallbacks
//! let insights = client.template_insights(&query).await?;
//! for row in &insights.days {
//!     println!("{} {} sent {:?} read {:?}", row.day, row.template_id, row.figures.sent, row.figures.read);
//! }
//! assert_eq!(insights.total.clicked, Some(21));
//! # assert!(server.requests()[0].target.contains("granularity=DAILY"));
//! # Ok(())
//! # }
//! ```
//!
//! [`MarketingClient::enable_insights`]: crate::MarketingClient::enable_insights

mod campaign;
mod fetch;
mod figures;
mod period;

use std::fmt;

use serde::Serialize;

pub use campaign::{CampaignScope, Comparison, ComparisonRow, ScopedTemplate};
pub use figures::{ButtonClicks, DayFigures, Figures, Insights, TemplateTotals};
pub use period::{Day, LOOKBACK_DAYS, Period};

use crate::error::TemplatesError;

/// The most template IDs Meta takes in one analytics request.
pub const MAX_TEMPLATES_PER_REQUEST: usize = 10;

/// Which sends the figures count: Meta keeps the two routes apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Product {
    /// Messages sent through the Marketing Messages Lite API (`MARKETING_MESSAGES_LITE_API`),
    /// with cost and conversion figures for onboarded accounts.
    #[default]
    #[serde(rename = "MARKETING_MESSAGES_LITE_API")]
    MarketingMessagesLite,
    /// Messages sent through the Cloud API (`CLOUD_API`), such as those a
    /// `CLOUD_API_FALLBACK` campaign routed there.
    CloudApi,
}

impl Product {
    /// The value of the request's `product_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MarketingMessagesLite => "MARKETING_MESSAGES_LITE_API",
            Self::CloudApi => "CLOUD_API",
        }
    }
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A template to report on: by ID, or by name (and language) as the account lists it.
///
/// ```
/// use marketing::insights::TemplateSelector;
///
/// assert_eq!(TemplateSelector::parse("spring_sale:en_US"),
///            TemplateSelector::named("spring_sale", Some("en_US")));
/// assert_eq!(TemplateSelector::parse("spring_sale"), TemplateSelector::named("spring_sale", None));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateSelector {
    /// The template's ID (digits), as `wamm templates list` shows it.
    Id(String),
    /// Every language of the template `name`, or only `language` (such as `en_US`).
    Named {
        /// The template's name, matched exactly.
        name: String,
        /// The language code; every language when absent.
        language: Option<String>,
    },
}

impl TemplateSelector {
    /// The template with this ID.
    pub fn id(id: impl Into<String>) -> Self {
        Self::Id(id.into())
    }

    /// The template `name`, in `language` or in every language it has.
    pub fn named(name: impl Into<String>, language: Option<&str>) -> Self {
        Self::Named {
            name: name.into(),
            language: language.map(str::to_string),
        }
    }

    /// `NAME` or `NAME:LANG`.
    pub fn parse(text: &str) -> Self {
        match text.trim().split_once(':') {
            Some((name, language)) => Self::named(name.trim(), Some(language.trim())),
            None => Self::named(text.trim(), None),
        }
    }
}

impl fmt::Display for TemplateSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Id(id) => write!(f, "template ID {id}"),
            Self::Named {
                name,
                language: Some(language),
            } => write!(f, "template {name} ({language})"),
            Self::Named {
                name,
                language: None,
            } => write!(f, "template {name}"),
        }
    }
}

/// What to ask Meta for: a period, the templates, and which route's sends to count.
///
/// ```
/// use marketing::insights::{Day, InsightsQuery, Period, TemplateSelector};
///
/// let today = Day::today();
/// let query = InsightsQuery::new(Period::new(today, today)?);
/// // No template yet: refused before any request, saying what is missing.
/// assert!(query.check().unwrap_err().to_string().contains("no template"));
/// let query = query.template(TemplateSelector::id("12ab"));
/// assert!(query.check().unwrap_err().to_string().contains("digits"));
/// # Ok::<(), marketing::insights::InsightsError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsightsQuery {
    period: Period,
    templates: Vec<TemplateSelector>,
    product: Product,
}

impl InsightsQuery {
    /// A query for `period`, with no template yet and the Marketing Messages Lite route.
    pub fn new(period: Period) -> Self {
        Self {
            period,
            templates: Vec::new(),
            product: Product::default(),
        }
    }

    /// Adds a template (repeat for several; any number: more than
    /// [`MAX_TEMPLATES_PER_REQUEST`] are asked for in several requests).
    pub fn template(mut self, template: TemplateSelector) -> Self {
        self.templates.push(template);
        self
    }

    /// Which route's sends to count (default [`Product::MarketingMessagesLite`]).
    pub fn product(mut self, product: Product) -> Self {
        self.product = product;
        self
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The templates asked for.
    pub fn templates(&self) -> &[TemplateSelector] {
        &self.templates
    }

    /// The route counted.
    pub fn product_type(&self) -> Product {
        self.product
    }

    /// Everything that can be checked without a request: at least one template, IDs that
    /// are digits, names that are not empty.
    pub fn check(&self) -> Result<(), InsightsError> {
        if self.templates.is_empty() {
            return Err(InsightsError::Templates(
                "no template given: name at least one (by name, name and language, or ID)"
                    .to_string(),
            ));
        }
        for template in &self.templates {
            match template {
                TemplateSelector::Id(id)
                    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    return Err(InsightsError::Templates(format!(
                        "template ID {id:?} is not valid: expected the digits of the template's ID"
                    )));
                }
                TemplateSelector::Named { name, language } => {
                    if name.is_empty() {
                        return Err(InsightsError::Templates(
                            "a template name is empty: expected NAME or NAME:LANG".to_string(),
                        ));
                    }
                    if language.as_deref() == Some("") {
                        return Err(InsightsError::Templates(format!(
                            "template {name}: the language after ':' is empty: expected NAME:LANG, such as {name}:en_US"
                        )));
                    }
                }
                TemplateSelector::Id(_) => {}
            }
        }
        Ok(())
    }
}

/// Why insights could not be read. Nothing is ever sent by an insights request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InsightsError {
    /// The period breaks one of Meta's limits or is malformed; nothing was asked.
    #[error("{0}")]
    Period(String),
    /// A template was given wrongly, or the account has no such template.
    #[error("{0}")]
    Templates(String),
    /// Template analytics are off for the account: Meta collects figures only once they are
    /// turned on ([`MarketingClient::enable_insights`](crate::MarketingClient::enable_insights)),
    /// from then on.
    #[error(
        "template insights are not enabled for the account {waba_id}: Meta collects figures only from the moment they are turned on"
    )]
    NotEnabled {
        /// The account.
        waba_id: String,
    },
    /// A request failed: Meta's error, or no answer (an unknown account is Meta's error
    /// code 100).
    #[error(transparent)]
    Read(Box<TemplatesError>),
}

impl From<TemplatesError> for InsightsError {
    fn from(error: TemplatesError) -> Self {
        Self::Read(Box::new(error))
    }
}

impl InsightsError {
    /// The Graph error, when Meta answered with one.
    pub fn graph(&self) -> Option<&crate::GraphError> {
        match self {
            Self::Read(error) => error.graph(),
            _ => None,
        }
    }
}
