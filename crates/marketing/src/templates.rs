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
//! The check ([`check`], [`MarketingClient::check_template`], [`check_campaign`]) is
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

use std::fmt::Write as _;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use wamm_client::types::{
    MessageTemplateList, TemplateButtonDefinition, TemplateComponentDefinition,
};
use wamm_client::validation::lower_case_keywords;

use crate::campaign::{CampaignDefinition, CampaignError, Journal, MessageTemplate};
use crate::client::MarketingClient;
use crate::error::{TemplateCheckError, TemplatesError};
use crate::message::Message;
use crate::validate::{Problem, ValidationErrors};

pub use wamm_client::templates::placeholders;
pub use wamm_client::types::TemplateParameterFormat;
pub use wamm_client::{TemplateCategory, TemplateStatus};

/// One message template in one language, as Graph describes it: name, language, status,
/// category, parameter format and components (the generated wire type).
pub type Template = wamm_client::types::MessageTemplate;

/// The fields every template request asks for: without `fields`, Graph leaves out
/// `parameter_format`, and a named template would look positional.
pub const TEMPLATE_FIELDS: &str =
    "id,name,language,status,category,parameter_format,components,previous_category";

/// The largest page Graph serves.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// Graph's code for a template that does not exist in the language asked for.
const NOT_FOUND: i64 = 132_001;

/// Which templates to list. Every filter is applied by Graph; values of one filter are
/// alternatives (`APPROVED` or `PAUSED`), different filters all apply.
///
/// ```
/// use marketing::templates::{TemplateCategory, TemplateFilter, TemplateStatus};
///
/// let filter = TemplateFilter::new()
///     .status(TemplateStatus::Approved)
///     .status(TemplateStatus::Paused)
///     .category(TemplateCategory::Marketing)
///     .language("en_US")
///     .page_size(50);
/// assert_eq!(filter.statuses(), [TemplateStatus::Approved, TemplateStatus::Paused]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateFilter {
    statuses: Vec<TemplateStatus>,
    categories: Vec<TemplateCategory>,
    languages: Vec<String>,
    name: Option<String>,
    page_size: Option<u64>,
}

impl TemplateFilter {
    /// Every template of the account.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only templates in this status (repeat for several).
    pub fn status(mut self, status: TemplateStatus) -> Self {
        self.statuses.push(status);
        self
    }

    /// Only templates in this category (repeat for several).
    pub fn category(mut self, category: TemplateCategory) -> Self {
        self.categories.push(category);
        self
    }

    /// Only templates in this language, such as `en_US` (repeat for several).
    pub fn language(mut self, code: impl Into<String>) -> Self {
        self.languages.push(code.into());
        self
    }

    /// Only templates whose name contains `text` (Graph's match, not an exact one; see
    /// [`MarketingClient::get_template`] for one template).
    pub fn name(mut self, text: impl Into<String>) -> Self {
        self.name = Some(text.into());
        self
    }

    /// Templates per page, 1 to [`MAX_PAGE_SIZE`]; Graph's default when not set. A page is
    /// what the pager holds in memory.
    pub fn page_size(mut self, templates: u64) -> Self {
        self.page_size = Some(templates);
        self
    }

    /// The statuses asked for.
    pub fn statuses(&self) -> &[TemplateStatus] {
        &self.statuses
    }

    /// The categories asked for.
    pub fn categories(&self) -> &[TemplateCategory] {
        &self.categories
    }

    /// The languages asked for.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }
}

/// The templates of an account, read a page at a time ([`MarketingClient::list_templates`]).
///
/// [`try_next`](Self::try_next) gives one template at a time, [`next_page`](Self::next_page)
/// the rest of the current page or the next one; only one page is held. A failed request can
/// be repeated by calling again: the pager asks for the same page.
#[derive(Debug)]
#[must_use = "a pager asks for nothing until it is read"]
pub struct TemplatePages {
    client: MarketingClient,
    filter: TemplateFilter,
    /// The cursor of the next page; `None` before the first.
    after: Option<String>,
    /// No page left to ask for.
    done: bool,
    page: std::vec::IntoIter<Template>,
    pages: u32,
}

impl TemplatePages {
    /// The next template, asking for the next page when this one is used up; `None` after
    /// the last.
    pub async fn try_next(&mut self) -> Result<Option<Template>, TemplatesError> {
        loop {
            if let Some(template) = self.page.next() {
                return Ok(Some(template));
            }
            match self.fetch().await? {
                Some(page) => self.page = page.into_iter(),
                None => return Ok(None),
            }
        }
    }

    /// What is left of the current page, or the next page; `None` after the last. A page
    /// Graph sends empty is returned empty.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Template>>, TemplatesError> {
        let rest: Vec<Template> = self.page.by_ref().collect();
        if !rest.is_empty() {
            return Ok(Some(rest));
        }
        self.fetch().await
    }

    /// Every template left, in one list (for accounts whose templates fit in memory).
    pub async fn try_collect(mut self) -> Result<Vec<Template>, TemplatesError> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }

    /// How many pages have been read so far.
    pub fn pages_read(&self) -> u32 {
        self.pages
    }

    /// Asks for the next page through the generated operation.
    async fn fetch(&mut self) -> Result<Option<Vec<Template>>, TemplatesError> {
        if self.done {
            return Ok(None);
        }
        let client = &self.client;
        let waba = client.waba().ok_or(TemplatesError::NoWabaId)?;
        let filter = &self.filter;
        let mut request = client
            .generated()
            .list_message_templates()
            .version(client.list_version().clone())
            .waba_id(waba.clone())
            .fields(TEMPLATE_FIELDS);
        if let Some(size) = filter.page_size {
            if !(1..=MAX_PAGE_SIZE).contains(&size) {
                return Err(TemplatesError::Config(format!(
                    "page size {size}: expected 1 to {MAX_PAGE_SIZE} templates"
                )));
            }
            request = request.limit(size);
        }
        if !filter.statuses.is_empty() {
            request = request.status(joined(filter.statuses.iter().map(|s| s.as_str())));
        }
        if !filter.categories.is_empty() {
            request = request.category(joined(filter.categories.iter().map(|c| c.as_str())));
        }
        if !filter.languages.is_empty() {
            request = request.language(joined(filter.languages.iter().map(String::as_str)));
        }
        if let Some(name) = &filter.name {
            request = request.name(name.clone());
        }
        if let Some(after) = &self.after {
            request = request.after(after.clone());
        }
        let list: MessageTemplateList = match request.send().await {
            Ok(response) => response.into_inner(),
            Err(error) => return Err(client.failure(error).await.into()),
        };
        self.pages += 1;
        let paging = list.paging.unwrap_or_default();
        let cursor = paging.cursors.and_then(|c| c.after);
        match (paging.next.is_some(), cursor) {
            (false, _) => self.done = true,
            (true, None) => {
                self.done = true;
                return Err(TemplatesError::UnexpectedResponse {
                    status: 200,
                    detail: "a page with paging.next but no paging.cursors.after: the next page cannot be asked for".into(),
                });
            }
            (true, Some(cursor)) if self.after.as_deref() == Some(cursor.as_str()) => {
                self.done = true;
                return Err(TemplatesError::UnexpectedResponse {
                    status: 200,
                    detail: format!(
                        "page {} gave the cursor it was asked with ({cursor:?}) as the next one: the paging would never end",
                        self.pages
                    ),
                });
            }
            (true, Some(cursor)) => self.after = Some(cursor),
        }
        Ok(Some(list.data))
    }
}

fn joined<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.collect::<Vec<_>>().join(",")
}

impl MarketingClient {
    /// The account's templates that pass `filter`, read a page at a time. Nothing is asked
    /// until the pager is read; a client without a WABA ID
    /// ([`MarketingClientBuilder::waba_id`](crate::MarketingClientBuilder::waba_id)) fails
    /// then with [`TemplatesError::NoWabaId`].
    ///
    /// See the [module documentation](crate::templates) for an example.
    pub fn list_templates(&self, filter: TemplateFilter) -> TemplatePages {
        TemplatePages {
            client: self.clone(),
            filter,
            after: None,
            done: false,
            page: Vec::new().into_iter(),
            pages: 0,
        }
    }

    /// The template `name` in `language` (such as `en_US`), matched exactly; `None` when the
    /// account has no such template.
    ///
    /// ```
    /// use marketing::templates::TemplateStatus;
    /// use marketing::{AccessToken, MarketingClient};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let page = r#"{"data": [
    /// #   {"id": "7", "name": "spring_sale_v2", "language": "en_US", "status": "APPROVED",
    /// #    "category": "MARKETING", "components": []},
    /// #   {"id": "1", "name": "spring_sale", "language": "en_US", "status": "PAUSED",
    /// #    "category": "MARKETING", "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}]}"#;
    /// # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200, page)]).await;
    /// let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
    /// #   .base_url(server.base_url())
    ///     .build()?;
    /// let template = client.get_template("spring_sale", "en_US").await?.expect("it exists");
    /// assert_eq!(template.status, TemplateStatus::Paused);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn get_template(
        &self,
        name: &str,
        language: &str,
    ) -> Result<Option<Template>, TemplatesError> {
        let mut pages = self.list_templates(TemplateFilter::new().name(name).language(language));
        while let Some(template) = pages.try_next().await? {
            if template.name == name && template.language == language {
                return Ok(Some(template));
            }
        }
        Ok(None)
    }

    /// Every language of the template `name` (matched exactly), in the order Graph lists
    /// them.
    pub async fn templates_named(&self, name: &str) -> Result<Vec<Template>, TemplatesError> {
        let mut pages = self.list_templates(TemplateFilter::new().name(name));
        let mut found = Vec::new();
        while let Some(template) = pages.try_next().await? {
            if template.name == name {
                found.push(template);
            }
        }
        Ok(found)
    }

    /// Checks `message` against the approved template it names, as the account defines it,
    /// before anything is sent: the template must exist in the message's language, be
    /// `APPROVED` and `MARKETING`, and the message must give exactly the values it takes.
    /// Returns the template checked.
    ///
    /// ```
    /// use marketing::{AccessToken, BodyParam, MarketingClient, Message, TemplateCheckError};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let page = r#"{"data": [{"id": "1402280517413391", "name": "spring_sale",
    /// #   "language": "en_US", "status": "APPROVED", "category": "MARKETING",
    /// #   "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}]}"#;
    /// # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200, page)]).await;
    /// let client = MarketingClient::builder("106540352242922", AccessToken::new("EAAG..."))
    ///     .waba_id("102290129340398")
    /// #   .base_url(server.base_url())
    ///     .build()?;
    /// let message = Message::builder("spring_sale", "en_US")
    ///     .to("447700900123")
    ///     .body_param(BodyParam::text("Ana"))
    ///     .body_param(BodyParam::text("one too many"))
    ///     .build()?;
    /// match client.check_template(&message).await {
    ///     Err(TemplateCheckError::Mismatch { problems, .. }) => {
    ///         let problem = &problems.problems()[0];
    ///         assert_eq!(problem.path(), "template.components[0].parameters");
    ///         assert_eq!(problem.code(), 132000);
    ///     }
    ///     other => panic!("expected a mismatch, got {other:?}"),
    /// }
    /// # assert_eq!(server.requests().len(), 1, "one read, no send");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn check_template(&self, message: &Message) -> Result<Template, TemplateCheckError> {
        let found = self.templates_named(message.template_name()).await?;
        checked_against(
            message.template_name(),
            message.language(),
            found,
            &message.to_value(),
            self.waba_id().unwrap_or_default(),
        )
    }
}

/// Checks a message against `template` without any network I/O. Every problem is reported,
/// sorted by path, each with the code Meta would answer with.
///
/// ```
/// use marketing::templates::{Template, check};
/// use marketing::{BodyParam, Message};
///
/// let flash_deal: Template = serde_json::from_str(r#"{"id": "2", "name": "flash_deal",
///     "language": "pt_BR", "status": "APPROVED", "category": "MARKETING",
///     "parameter_format": "NAMED",
///     "components": [{"type": "BODY", "text": "Olá {{first_name}}! Hoje por {{price}}."}]}"#)?;
/// let positional = Message::builder("flash_deal", "pt_BR")
///     .to("5511987654321")
///     .body_param(BodyParam::text("Marina"))
///     .body_param(BodyParam::text("R$ 149,90"))
///     .build()?;
/// let errors = check(&positional, &flash_deal).unwrap_err();
/// assert_eq!(errors.problems()[0].path(), "template.components[0].parameters");
/// assert!(errors.to_string().contains("named parameters"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(message: &Message, template: &Template) -> Result<(), ValidationErrors> {
    check_body(&message.to_value(), template)
}

/// Checks a request body given as JSON against `template`: its keywords may be in any
/// letter case; its name and language must be the template's.
///
/// ```
/// use marketing::templates::{Template, check_body};
/// use serde_json::json;
///
/// let order_update: Template = serde_json::from_value(json!({"id": "4",
///     "name": "order_update", "language": "en_US", "status": "APPROVED",
///     "category": "UTILITY", "components": [{"type": "BODY", "text": "Order {{1}} shipped."}]}))?;
/// let body = json!({"template": {"name": "order_update", "language": {"code": "en_US"},
///     "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "A-1001"}]}]}});
/// let errors = check_body(&body, &order_update).unwrap_err();
/// assert_eq!(errors.problems()[0].code(), 134100);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn check_body(body: &Value, template: &Template) -> Result<(), ValidationErrors> {
    let mut body = body.clone();
    lower_case_keywords(&mut body);
    let mut problems = Vec::new();
    let sent_name = body["template"]["name"].as_str().unwrap_or_default();
    if sent_name != template.name {
        problems.push(
            Problem::new(
                "template.name",
                format!(
                    "{sent_name:?}, but the template checked is {:?}",
                    template.name
                ),
            )
            .with_code(NOT_FOUND),
        );
    }
    let sent_language = body["template"]["language"]["code"]
        .as_str()
        .unwrap_or_default();
    if sent_language != template.language {
        problems.push(
            Problem::new(
                "template.language.code",
                format!(
                    "{sent_language:?}, but the template checked is in {:?}",
                    template.language
                ),
            )
            .with_code(NOT_FOUND),
        );
    }
    problems.extend(wamm_client::templates::check(&body, template));
    problems.sort_by(|a, b| a.path().cmp(b.path()));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors::new(problems))
    }
}

/// The template `name` in `language` among the account's templates of that name, checked
/// against `body`.
fn checked_against(
    name: &str,
    language: &str,
    found: Vec<Template>,
    body: &Value,
    waba_id: &str,
) -> Result<Template, TemplateCheckError> {
    let mismatch =
        |template: Option<Template>, problems: ValidationErrors| TemplateCheckError::Mismatch {
            name: name.to_string(),
            language: language.to_string(),
            template: template.map(Box::new),
            problems,
        };
    let languages: Vec<String> = found.iter().map(|t| t.language.clone()).collect();
    let Some(template) = found.into_iter().find(|t| t.language == language) else {
        let problem = if languages.is_empty() {
            Problem::new(
                "template.name",
                format!("the account {waba_id} has no template named {name:?}"),
            )
        } else {
            Problem::new(
                "template.language.code",
                format!(
                    "template {name} is not in {language:?} in the account {waba_id}; it is in {}",
                    languages.join(", ")
                ),
            )
        };
        return Err(mismatch(
            None,
            ValidationErrors::new(vec![problem.with_code(NOT_FOUND)]),
        ));
    };
    match check_body(body, &template) {
        Ok(()) => Ok(template),
        Err(problems) => Err(mismatch(Some(template), problems)),
    }
}

/// Checks a campaign's message against the approved template it names, before a run: the
/// message is rendered with a sample value in every `{{column}}` (the values do not matter
/// to the template, only the shape does) and checked like a single send. Returns the
/// template checked. Paths in problems are the request body's (`template.components[0]...`),
/// which is `message.` plus the path in the campaign file.
///
/// A campaign whose template name or language comes from the list cannot be checked against
/// one template: [`TemplateCheckError::NotCheckable`].
///
/// ```
/// use marketing::campaign::CampaignDefinition;
/// use marketing::{AccessToken, MarketingClient, templates};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let page = r#"{"data": [{"id": "1402280517413391", "name": "spring_sale",
/// #   "language": "en_US", "status": "APPROVED", "category": "MARKETING",
/// #   "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}]}"#;
/// # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200, page)]).await;
/// let campaign = CampaignDefinition::from_toml(r#"
/// name = "spring"
/// [message.template]
/// name = "spring_sale"
/// language = { code = "en_US" }
/// components = [{ type = "body", parameters = [{ type = "text", text = "{{first_name}}" }] }]
/// "#, "spring.toml")?;
/// let client = MarketingClient::builder("106540352242922", AccessToken::new("EAAG..."))
///     .waba_id("102290129340398")
/// #   .base_url(server.base_url())
///     .build()?;
/// let template = templates::check_campaign(&client, &campaign).await?;
/// assert_eq!(template.id, "1402280517413391");
/// # Ok(())
/// # }
/// ```
pub async fn check_campaign(
    client: &MarketingClient,
    definition: &CampaignDefinition,
) -> Result<Template, TemplateCheckError> {
    let compiled = MessageTemplate::compile(definition.message.clone());
    let literal = |path: &str, value: &Value| -> Result<String, TemplateCheckError> {
        match value.as_str() {
            Some(text) if !compiled.has_placeholder_at(path) => Ok(text.to_string()),
            Some(_) => Err(TemplateCheckError::NotCheckable(format!(
                "message.{path} is filled from the recipient list, so the campaign cannot be checked against one approved template before it starts"
            ))),
            None => Err(TemplateCheckError::NotCheckable(format!(
                "message.{path} is missing: there is no template to check against"
            ))),
        }
    };
    let template = &definition.message["template"];
    let name = literal("template.name", &template["name"])?;
    let language = literal("template.language.code", &template["language"]["code"])?;
    let body = definition.sample_body(&compiled).ok_or_else(|| {
        TemplateCheckError::NotCheckable(
            "the message cannot be filled with sample values, so its shape cannot be checked"
                .to_string(),
        )
    })?;
    let found = client.templates_named(&name).await?;
    checked_against(
        &name,
        &language,
        found,
        &body,
        client.waba_id().unwrap_or_default(),
    )
}

/// The campaign a `resume` will send with: `campaign_file` when given (the corrected file),
/// else the newest revision the journal holds. Reads the journal without locking it, so it
/// can be called before the resume takes the journal.
pub fn campaign_to_resume(
    journal: &Path,
    campaign_file: Option<&Path>,
) -> Result<CampaignDefinition, CampaignError> {
    if let Some(file) = campaign_file {
        return CampaignDefinition::load(file);
    }
    let meta = Journal::open_read_only(journal)?.meta()?;
    serde_json::from_str(&meta.definition)
        .map_err(|e| CampaignError::journal("stored campaign unreadable", e))
}

/// What a check found the template to be, for a record: which template a run was checked
/// against, and its standing at that moment.
///
/// ```
/// use marketing::templates::{CheckedTemplate, Template};
///
/// let template: Template = serde_json::from_str(r#"{"id": "1402280517413391",
///     "name": "spring_sale", "language": "en_US", "status": "APPROVED",
///     "category": "MARKETING"}"#)?;
/// let record = CheckedTemplate::of(&template);
/// assert_eq!(record.to_string(), "spring_sale (en_US): id 1402280517413391, APPROVED, MARKETING");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedTemplate {
    /// The template's ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its language code.
    pub language: String,
    /// Its status when checked (`APPROVED`, or what Meta changed it to).
    pub status: String,
    /// Its category when checked.
    pub category: String,
    /// Its category before Meta re-categorised it, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_category: Option<String>,
    /// When it was checked, in Unix milliseconds.
    pub checked_ms: i64,
}

impl CheckedTemplate {
    /// The record of `template`, checked now.
    pub fn of(template: &Template) -> Self {
        Self {
            id: template.id.clone(),
            name: template.name.clone(),
            language: template.language.clone(),
            status: template.status.to_string(),
            category: template.category.to_string(),
            previous_category: template.previous_category.clone(),
            checked_ms: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64),
        }
    }
}

impl std::fmt::Display for CheckedTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): id {}, {}, {}",
            self.name, self.language, self.id, self.status, self.category
        )?;
        if let Some(previous) = &self.previous_category {
            write!(f, " (was {previous})")?;
        }
        Ok(())
    }
}

/// A ready-to-edit request body for a template: every value the template takes, each as a
/// named placeholder ([`scaffold`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Scaffold {
    name: String,
    language: String,
    /// The components, each value a `{{column}}` placeholder.
    components: Vec<Value>,
    columns: Vec<String>,
    notes: Vec<String>,
}

/// Builds the request body `template` takes, with a named placeholder for each value: body
/// and header variables (`first_name` for `{{first_name}}`, `body_1` for `{{1}}`), header
/// media, a limited-time offer's end, the buttons that need a value and each carousel card's.
/// Body values are scaffolded as text: a template does not say which variable is a currency
/// or a date-time.
///
/// ```
/// use marketing::templates::{Template, scaffold};
///
/// let flash_deal: Template = serde_json::from_str(r#"{"id": "2", "name": "flash_deal",
///     "language": "pt_BR", "status": "APPROVED", "category": "MARKETING",
///     "parameter_format": "NAMED", "components": [
///       {"type": "HEADER", "format": "IMAGE"},
///       {"type": "BODY", "text": "Olá {{first_name}}! Hoje por {{price}}."},
///       {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "FLASH42"}]}]}"#)?;
/// let scaffold = scaffold(&flash_deal);
/// assert_eq!(
///     scaffold.columns(),
///     ["header_image_link", "first_name", "price", "button_0_coupon_code"]
/// );
/// let body = scaffold.request_body();
/// assert_eq!(body["template"]["components"][1]["parameters"][0]["text"], "<first_name>");
/// assert!(scaffold.campaign_toml().contains(r#"text = "{{first_name}}""#));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn scaffold(template: &Template) -> Scaffold {
    let mut builder = ScaffoldBuilder {
        named: template.parameter_format == Some(TemplateParameterFormat::Named),
        columns: Vec::new(),
        notes: Vec::new(),
    };
    let components = builder.level(&template.components, "");
    Scaffold {
        name: template.name.clone(),
        language: template.language.clone(),
        components,
        columns: builder.columns,
        notes: builder.notes,
    }
}

impl Scaffold {
    /// The placeholders, in the order they appear: the columns a recipient list needs
    /// (besides the phone number) for [`campaign_toml`](Self::campaign_toml), the `<...>`
    /// values to replace in [`request_body`](Self::request_body).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// What the scaffold could not fill in: components or buttons of a kind this version
    /// does not know, whose values (if any) must be added by hand.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The request body in the API's JSON, with `"<column>"` in place of each value and
    /// `"<phone>"` as the recipient. Replace each one (`expiration_time_ms`, `latitude` and
    /// `longitude` take a number, without quotes); the body is refused until `to` is a phone
    /// number.
    pub fn request_body(&self) -> Value {
        let mut components = Value::Array(self.components.clone());
        angle_placeholders(&mut components);
        let mut template = json!({"name": self.name, "language": {"code": self.language}});
        if !self.components.is_empty() {
            template["components"] = components;
        }
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "<phone>",
            "type": "template",
            "template": template,
        })
    }

    /// [`request_body`](Self::request_body) as text for people: keys in the order the API's
    /// documentation writes them (`type` first), short objects on one line.
    pub fn request_body_pretty(&self) -> String {
        let mut out = String::new();
        json_pretty(&self.request_body(), 0, &mut out);
        out
    }

    /// A campaign file (TOML, the format of `wamm campaign schema`) that sends the template
    /// to a list with a `phone` column and one column per [placeholder](Self::columns).
    pub fn campaign_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# A campaign for the template {} ({}). The recipient list needs a `phone` column",
            self.name, self.language
        );
        if self.columns.is_empty() {
            out.push_str("# and nothing else: the template takes no values.\n");
        } else {
            out.push_str("# and one column for each placeholder:\n");
            let _ = writeln!(out, "#   {}", self.columns.join(", "));
        }
        for note in &self.notes {
            let _ = writeln!(out, "# Note: {note}");
        }
        let _ = writeln!(out, "name = {}", toml_string(&self.name));
        out.push_str("recipient_column = \"phone\"\n");
        out.push_str("messages_per_second = 80\n\n");
        out.push_str("[message.template]\n");
        let _ = writeln!(out, "name = {}", toml_string(&self.name));
        let _ = writeln!(
            out,
            "language = {{ code = {} }}",
            toml_string(&self.language)
        );
        if !self.components.is_empty() {
            out.push_str("components = [\n");
            for component in &self.components {
                out.push_str("  ");
                toml_inline(component, &mut out);
                out.push_str(",\n");
            }
            out.push_str("]\n");
        }
        out
    }
}

/// Builds the components of one level: the template's, or a carousel card's.
struct ScaffoldBuilder {
    named: bool,
    columns: Vec<String>,
    notes: Vec<String>,
}

impl ScaffoldBuilder {
    /// `{{column}}`, remembering the column.
    fn slot(&mut self, column: String) -> Value {
        let value = Value::String(format!("{{{{{column}}}}}"));
        if !self.columns.contains(&column) {
            self.columns.push(column);
        }
        value
    }

    /// Text parameters for the variables `vars` of a header or body.
    fn text_parameters(&mut self, vars: &[String], prefix: &str, part: &str) -> Vec<Value> {
        vars.iter()
            .map(|var| {
                if self.named {
                    let text = self.slot(format!("{prefix}{var}"));
                    json!({"type": "text", "parameter_name": var, "text": text})
                } else {
                    let text = self.slot(format!("{prefix}{part}_{var}"));
                    json!({"type": "text", "text": text})
                }
            })
            .collect()
    }

    fn level(&mut self, defined: &[TemplateComponentDefinition], prefix: &str) -> Vec<Value> {
        let find = |kind: &str| defined.iter().find(|c| c.type_.eq_ignore_ascii_case(kind));
        let mut components = Vec::new();
        let at = if prefix.is_empty() {
            String::new()
        } else {
            format!(" (card {})", prefix.trim_end_matches('_'))
        };

        if let Some(header) = find("HEADER") {
            let format = header
                .format
                .as_deref()
                .unwrap_or("TEXT")
                .to_ascii_lowercase();
            let parameter = match format.as_str() {
                "text" => {
                    let vars = header.text.as_deref().map(placeholders).unwrap_or_default();
                    let params = self.text_parameters(&vars, prefix, "header");
                    (!params.is_empty()).then_some(params)
                }
                media @ ("image" | "video" | "gif") => {
                    let link = self.slot(format!("{prefix}header_{media}_link"));
                    Some(vec![json!({"type": media, media: {"link": link}})])
                }
                "document" => {
                    let link = self.slot(format!("{prefix}header_document_link"));
                    let filename = self.slot(format!("{prefix}header_document_filename"));
                    Some(vec![
                        json!({"type": "document", "document": {"link": link, "filename": filename}}),
                    ])
                }
                "location" => {
                    let latitude = self.slot(format!("{prefix}header_latitude"));
                    let longitude = self.slot(format!("{prefix}header_longitude"));
                    Some(vec![json!({"type": "location", "location": {
                        "latitude": latitude, "longitude": longitude}})])
                }
                "product" => {
                    let catalog = self.slot(format!("{prefix}header_catalog_id"));
                    let product = self.slot(format!("{prefix}header_product_retailer_id"));
                    Some(vec![json!({"type": "product", "product": {
                        "catalog_id": catalog, "product_retailer_id": product}})])
                }
                other => {
                    self.notes.push(format!(
                        "a header of format {}{at} is new to this version of wamm: add its value by hand",
                        other.to_ascii_uppercase()
                    ));
                    None
                }
            };
            if let Some(parameters) = parameter {
                components.push(json!({"type": "header", "parameters": parameters}));
            }
        }

        if let Some(body) = find("BODY") {
            let vars = body.text.as_deref().map(placeholders).unwrap_or_default();
            let parameters = self.text_parameters(&vars, prefix, "body");
            if !parameters.is_empty() {
                components.push(json!({"type": "body", "parameters": parameters}));
            }
        }

        if let Some(offer) = find("LIMITED_TIME_OFFER")
            && offer
                .limited_time_offer
                .as_ref()
                .and_then(|o| o.has_expiration)
                .unwrap_or(false)
        {
            let ends = self.slot(format!("{prefix}offer_expiration_time_ms"));
            components.push(json!({"type": "limited_time_offer", "parameters": [
                {"type": "limited_time_offer", "limited_time_offer": {"expiration_time_ms": ends}}]}));
        }

        let buttons: Vec<&TemplateButtonDefinition> = defined
            .iter()
            .filter(|c| c.type_.eq_ignore_ascii_case("BUTTONS"))
            .flat_map(|c| c.buttons.iter())
            .collect();
        for (index, button) in buttons.into_iter().enumerate() {
            let column = |what: &str| format!("{prefix}button_{index}_{what}");
            let kind = button.type_.to_ascii_uppercase();
            let component = match kind.as_str() {
                "URL" if button.url.as_deref().is_some_and(|u| u.contains("{{")) => {
                    let suffix = self.slot(column("url_suffix"));
                    Some(json!({"type": "button", "sub_type": "url", "index": index,
                        "parameters": [{"type": "text", "text": suffix}]}))
                }
                "COPY_CODE" => {
                    let code = self.slot(column("coupon_code"));
                    Some(
                        json!({"type": "button", "sub_type": "copy_code", "index": index,
                        "parameters": [{"type": "coupon_code", "coupon_code": code}]}),
                    )
                }
                "MPM" => {
                    let thumbnail = self.slot(column("thumbnail_product_retailer_id"));
                    let title = self.slot(column("section_title"));
                    let product = self.slot(column("product_retailer_id"));
                    Some(json!({"type": "button", "sub_type": "mpm", "index": index,
                        "parameters": [{"type": "action", "action": {
                            "thumbnail_product_retailer_id": thumbnail,
                            "sections": [{"title": title, "product_items": [{"product_retailer_id": product}]}]}}]}))
                }
                // No value at send time, or an optional one (a quick reply's payload, a flow's
                // token, a catalog's thumbnail).
                "URL" | "QUICK_REPLY" | "PHONE_NUMBER" | "FLOW" | "CATALOG" | "VOICE_CALL"
                | "SPM" | "OTP" => None,
                other => {
                    self.notes.push(format!(
                        "button {index}{at} is of type {other}, new to this version of wamm: add its value by hand if it takes one"
                    ));
                    None
                }
            };
            components.extend(component);
        }

        if let Some(carousel) = find("CAROUSEL") {
            let cards: Vec<Value> = carousel
                .cards
                .iter()
                .enumerate()
                .map(|(index, card)| {
                    let components = self.level(&card.components, &format!("card_{index}_"));
                    json!({"card_index": index, "components": components})
                })
                .collect();
            components.push(json!({"type": "carousel", "cards": cards}));
        }

        for component in defined {
            let kind = component.type_.to_ascii_uppercase();
            if !matches!(
                kind.as_str(),
                "HEADER" | "BODY" | "FOOTER" | "BUTTONS" | "LIMITED_TIME_OFFER" | "CAROUSEL"
            ) {
                self.notes.push(format!(
                    "a component of type {kind}{at} is new to this version of wamm: add its values by hand if it takes any"
                ));
            }
        }
        components
    }
}

/// Turns every `"{{column}}"` string into `"<column>"`.
fn angle_placeholders(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Some(column) = text
                .strip_prefix("{{")
                .and_then(|rest| rest.strip_suffix("}}"))
            {
                *text = format!("<{column}>");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(angle_placeholders),
        Value::Object(map) => map.values_mut().for_each(angle_placeholders),
        _ => {}
    }
}

/// A TOML basic string. JSON's escapes are TOML's, but for DEL, which TOML wants escaped.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F")
}

/// A TOML key: bare when it can be.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// `value` as an inline TOML value on one line.
fn toml_inline(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("\"\""),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&toml_string(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                toml_inline(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => toml_table(map, out),
    }
}

fn toml_table(map: &Map<String, Value>, out: &mut String) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push_str("{ ");
    for (i, key) in ordered_keys(map).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&toml_key(key));
        out.push_str(" = ");
        toml_inline(&map[key], out);
    }
    out.push_str(" }");
}

/// The keys of an object in the order the API's documentation writes them: the envelope,
/// then `type` and what says which one, then the values; others after, alphabetically.
fn ordered_keys(map: &Map<String, Value>) -> Vec<&String> {
    const ORDER: &[&str] = &[
        "messaging_product",
        "recipient_type",
        "to",
        "type",
        "sub_type",
        "index",
        "card_index",
        "parameter_name",
        "name",
        "language",
        "code",
        "text",
        "parameters",
        "components",
        "cards",
        "template",
    ];
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
    keys
}

/// Pretty JSON with [`ordered_keys`]; an object or array that fits in 60 characters stays on
/// one line.
fn json_pretty(value: &Value, depth: usize, out: &mut String) {
    let one_line = json_line(value);
    let (open, close, items): (char, char, Vec<(Option<&String>, &Value)>) = match value {
        Value::Object(map) if !map.is_empty() && one_line.len() > 60 => (
            '{',
            '}',
            ordered_keys(map)
                .into_iter()
                .map(|k| (Some(k), &map[k]))
                .collect(),
        ),
        Value::Array(list) if !list.is_empty() && one_line.len() > 60 => {
            ('[', ']', list.iter().map(|v| (None, v)).collect())
        }
        _ => {
            out.push_str(&one_line);
            return;
        }
    };
    let indent = "  ".repeat(depth + 1);
    out.push(open);
    out.push('\n');
    let last = items.len() - 1;
    for (i, (key, item)) in items.into_iter().enumerate() {
        out.push_str(&indent);
        if let Some(key) = key {
            out.push_str(&serde_json::to_string(key).unwrap_or_default());
            out.push_str(": ");
        }
        json_pretty(item, depth + 1, out);
        out.push_str(if i == last { "\n" } else { ",\n" });
    }
    out.push_str(&"  ".repeat(depth));
    out.push(close);
}

/// JSON on one line with [`ordered_keys`], spaced as people write it.
fn json_line(value: &Value) -> String {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let fields: Vec<String> = ordered_keys(map)
                .into_iter()
                .map(|k| {
                    format!(
                        "{}: {}",
                        serde_json::to_string(k).unwrap_or_default(),
                        json_line(&map[k])
                    )
                })
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Value::Array(list) if !list.is_empty() => {
            let items: Vec<String> = list.iter().map(json_line).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_and_keys_are_escaped() {
        assert_eq!(toml_string("a\"b\\c\n\u{7f}"), r#""a\"b\\c\n\u007F""#);
        assert_eq!(toml_key("type"), "type");
        assert_eq!(toml_key("a key"), "\"a key\"");
        let mut out = String::new();
        toml_inline(
            &json!({"text": "{{x}}", "type": "text", "parameter_name": "x"}),
            &mut out,
        );
        assert_eq!(
            out,
            r#"{ type = "text", parameter_name = "x", text = "{{x}}" }"#
        );
    }

    #[test]
    fn pretty_json_is_the_same_value_in_reading_order() {
        let value = json!({"type": "template", "to": "<phone>", "template": {"name": "x",
            "components": [{"parameters": [{"text": "<a>", "type": "text"}], "type": "body"}]},
            "messaging_product": "whatsapp"});
        let mut out = String::new();
        json_pretty(&value, 0, &mut out);
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), value);
        assert!(
            out.starts_with("{\n  \"messaging_product\": \"whatsapp\",\n  \"to\""),
            "{out}"
        );
        assert!(
            out.contains(r#"{ "type": "text", "text": "<a>" }"#),
            "{out}"
        );
    }

    #[test]
    fn number_fields_are_the_ones_the_campaign_converts() {
        // The scaffold puts a whole-string placeholder in these fields, which take a number;
        // a campaign converts it.
        for field in ["expiration_time_ms", "latitude", "longitude"] {
            let body = json!({"x": {field: "{{c}}"}});
            let compiled = MessageTemplate::compile(body);
            let row = compiled.sample_row("1");
            let rendered = compiled.render(&row).expect("renders");
            assert!(rendered["x"][field].is_number(), "{field}: {rendered}");
        }
    }
}
