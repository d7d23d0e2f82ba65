//! Listing an account's templates a page at a time, and finding one by name and language.

use wamm_client::types::MessageTemplateList;

use super::{TEMPLATE_FIELDS, Template, TemplateCategory, TemplateStatus};
use crate::client::MarketingClient;
use crate::error::TemplatesError;

/// The largest page Graph serves.
pub const MAX_PAGE_SIZE: u64 = 1000;

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
}
