//! The requests: the template IDs behind names, the analytics a batch of templates at a time
//! and every page of each, and the account's insights switch.

use wamm_client::types::{TemplateAnalytics, TemplateAnalyticsPoint};

use super::{Insights, InsightsError, InsightsQuery, MAX_TEMPLATES_PER_REQUEST, TemplateSelector};
use crate::client::MarketingClient;
use crate::error::TemplatesError;

/// A template the figures are asked for: its ID, and its name and language when known.
type Resolved = (String, Option<String>, Option<String>);

impl MarketingClient {
    /// Meta's daily figures for the query's templates and period (see the
    /// [module documentation](crate::insights) for an example).
    ///
    /// The query is checked first ([`InsightsQuery::check`]); templates given by name are
    /// looked up in the account's template listing. More than
    /// [`MAX_TEMPLATES_PER_REQUEST`] templates are asked for in several requests. When Meta
    /// answers that insights are off, or reports nothing while the account says they are
    /// off, the error is [`InsightsError::NotEnabled`].
    pub async fn template_insights(
        &self,
        query: &InsightsQuery,
    ) -> Result<Insights, InsightsError> {
        query.check()?;
        let waba = self.waba_id().ok_or(TemplatesError::NoWabaId)?.to_string();
        let templates = self.resolve(query.templates()).await?;
        let batches: Vec<&[Resolved]> = templates.chunks(MAX_TEMPLATES_PER_REQUEST).collect();
        let mut points = Vec::new();
        let mut requests = 0u32;
        for batch in &batches {
            match self
                .analytics(query, batch, &mut points, &mut requests)
                .await
            {
                Ok(()) => {}
                Err(error) if says_insights_are_off(&error) => {
                    return Err(InsightsError::NotEnabled { waba_id: waba });
                }
                Err(error) => return Err(error.into()),
            }
        }
        let insights = Insights::from_points(
            waba.clone(),
            query.period(),
            query.product_type(),
            &templates,
            &points,
            batches.len(),
            requests,
        );
        if !insights.has_figures() && self.insights_enabled().await? == Some(false) {
            return Err(InsightsError::NotEnabled { waba_id: waba });
        }
        Ok(insights)
    }

    /// Whether template insights are on for the account (its `is_enabled_for_insights`);
    /// `None` when Meta does not say.
    ///
    /// ```
    /// use marketing::{AccessToken, MarketingClient};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200,
    /// #     r#"{"id": "102290129340398", "is_enabled_for_insights": false}"#)]).await;
    /// let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
    /// #   .base_url(server.base_url())
    ///     .build()?;
    /// if client.insights_enabled().await? == Some(false) {
    ///     client.enable_insights().await?; // once; figures are collected from then on
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn insights_enabled(&self) -> Result<Option<bool>, InsightsError> {
        let waba = self.waba_id().ok_or(TemplatesError::NoWabaId)?;
        let account = self
            .generated()
            .get_business_account()
            .version(self.list_version().as_str())
            .object_id(waba)
            .fields("id,is_enabled_for_insights")
            .send()
            .await;
        match account {
            Ok(account) => Ok(account.into_inner().is_enabled_for_insights),
            Err(error) => Err(TemplatesError::from(self.failure(error).await).into()),
        }
    }

    /// Turns template insights on for the account
    /// (`POST /{WABA-ID}?is_enabled_for_insights=true`). Meta collects figures from then on,
    /// and the switch cannot be turned off again through the API. Turning on an account
    /// whose insights are already on changes nothing.
    pub async fn enable_insights(&self) -> Result<(), InsightsError> {
        let waba = self.waba_id().ok_or(TemplatesError::NoWabaId)?;
        let done = self
            .generated()
            .update_object()
            .version(self.list_version().as_str())
            .object_id(waba)
            .is_enabled_for_insights(true)
            .send()
            .await;
        match done {
            Ok(answer) if answer.success == Some(false) => {
                Err(TemplatesError::UnexpectedResponse {
                    status: 200,
                    detail: "Meta answered {\"success\": false}: insights were not turned on"
                        .to_string(),
                }
                .into())
            }
            Ok(_) => Ok(()),
            Err(error) => Err(TemplatesError::from(self.failure(error).await).into()),
        }
    }

    /// The templates' IDs, names and languages: IDs as given, names looked up in the
    /// account's listing; each template once, in the order given.
    async fn resolve(
        &self,
        selectors: &[TemplateSelector],
    ) -> Result<Vec<Resolved>, InsightsError> {
        let mut resolved: Vec<Resolved> = Vec::new();
        let mut add = |template: Resolved| {
            if !resolved.iter().any(|t| t.0 == template.0) {
                resolved.push(template);
            }
        };
        for selector in selectors {
            match selector {
                TemplateSelector::Id(id) => add((id.clone(), None, None)),
                TemplateSelector::Named { name, language } => {
                    let all = self.templates_named(name).await?;
                    let account = self.waba_id().unwrap_or_default();
                    if all.is_empty() {
                        return Err(InsightsError::Templates(format!(
                            "the account {account} has no template named {name:?}"
                        )));
                    }
                    let languages: Vec<String> = all.iter().map(|t| t.language.clone()).collect();
                    let found: Vec<_> = all
                        .into_iter()
                        .filter(|t| language.as_ref().is_none_or(|l| *l == t.language))
                        .collect();
                    if found.is_empty() {
                        return Err(InsightsError::Templates(format!(
                            "template {name} is not in {} in the account {account}; it is in {}",
                            language.as_deref().unwrap_or_default(),
                            languages.join(", ")
                        )));
                    }
                    for template in found {
                        add((template.id, Some(template.name), Some(template.language)));
                    }
                }
            }
        }
        Ok(resolved)
    }

    /// Every page of the figures for one batch of templates, into `points`.
    async fn analytics(
        &self,
        query: &InsightsQuery,
        batch: &[Resolved],
        points: &mut Vec<TemplateAnalyticsPoint>,
        requests: &mut u32,
    ) -> Result<(), TemplatesError> {
        let waba = self.waba_id().ok_or(TemplatesError::NoWabaId)?;
        let ids = serde_json::to_string(&batch.iter().map(|t| t.0.as_str()).collect::<Vec<_>>())
            .map_err(|e| TemplatesError::Config(e.to_string()))?;
        let period = query.period();
        let mut after: Option<String> = None;
        loop {
            let mut request = self
                .generated()
                .get_template_analytics()
                .version(self.list_version().as_str())
                .waba_id(waba)
                .start(period.start_unix())
                .end(period.end_unix())
                .granularity("DAILY")
                .template_ids(ids.clone())
                .product_type(query.product_type().as_str());
            if let Some(cursor) = &after {
                request = request.after(cursor.clone());
            }
            let page: TemplateAnalytics = match request.send().await {
                Ok(page) => page.into_inner(),
                Err(error) => return Err(self.failure(error).await.into()),
            };
            *requests += 1;
            points.extend(page.data.into_iter().flat_map(|set| set.data_points));
            let paging = page.paging.unwrap_or_default();
            let cursor = paging.cursors.and_then(|c| c.after);
            match (paging.next.is_some(), cursor) {
                (false, _) => return Ok(()),
                (true, Some(cursor)) if after.as_deref() != Some(cursor.as_str()) => {
                    after = Some(cursor);
                }
                (true, _) => {
                    return Err(TemplatesError::UnexpectedResponse {
                        status: 200,
                        detail: format!(
                            "analytics page {requests} has paging.next but no new paging.cursors.after: the next page cannot be asked for"
                        ),
                    });
                }
            }
        }
    }
}

/// Whether Meta's error says the account's insights are off: code 100 whose message, details
/// or user message speak of insights not enabled (Meta's wording is not documented; the
/// sandbox puts it in `error_data.details`).
fn says_insights_are_off(error: &TemplatesError) -> bool {
    error.graph().is_some_and(|graph| {
        let text = [Some(graph.message()), graph.details(), graph.user_message()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        graph.code() == wamm_client::codes::INVALID_PARAMETER
            && text.contains("insights")
            && (text.contains("not enabled") || text.contains("enable"))
    })
}
