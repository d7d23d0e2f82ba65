//! Template writes: submit a template for review (`POST /{WABA-ID}/message_templates`), edit
//! one (`POST /{TEMPLATE-ID}`), delete one by name (`DELETE /{WABA-ID}/message_templates`),
//! and [`apply`] a [`Plan`]: exactly its creates and updates, never a
//! refused edit, recording each edit's time in the folder's state file.
//!
//! Applying is safe to rerun: the plan matches files with the account's templates by name and
//! language, so a template created by an earlier run (even one that stopped before it could
//! report) is found and planned as unchanged or as an update, not created twice.
//!
//! ```
//! use marketing::templates::files;
//! use marketing::{AccessToken, MarketingClient};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let server = wamm_testkit::ScriptedServer::start(vec![wamm_testkit::Reply::json(200,
//! #     r#"{"id": "594425479261596", "status": "PENDING", "category": "MARKETING"}"#)]).await;
//! let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
//! #   .base_url(server.base_url())
//!     .build()?;
//! let template = files::parse("spring_sale.en_US.toml", r#"
//!     name = "spring_sale"
//!     language = "en_US"
//!     category = "MARKETING"
//!     [[components]]
//!     type = "BODY"
//!     text = "Our spring sale starts today"
//! "#)?;
//! let created = client.create_template(&template).await?;
//! assert_eq!(created.id, "594425479261596");
//! # assert!(server.requests()[0].target.ends_with("/102290129340398/message_templates"));
//! # Ok(())
//! # }
//! ```

use std::path::Path;
use std::time::{Duration, SystemTime};

use wamm_client::types::{MessageTemplateCreate, MessageTemplateCreated, MessageTemplateEdit};

use super::plan::{Action, AppliedState, Plan};
use super::{Template, TemplateFilter};
use crate::{MarketingClient, TemplatesError};

impl MarketingClient {
    /// Submits `template` for review in the client's account. Graph answers with its ID and
    /// status (usually `PENDING`; the result arrives later, by webhook or in the list).
    pub async fn create_template(
        &self,
        template: &MessageTemplateCreate,
    ) -> Result<MessageTemplateCreated, TemplatesError> {
        let waba = self.waba().ok_or(TemplatesError::NoWabaId)?;
        let answer = self
            .generated()
            .create_message_template()
            .version(self.list_version().as_str())
            .waba_id(waba.as_str())
            .body(template.clone())
            .send()
            .await;
        match answer {
            Ok(created) => Ok(created.into_inner()),
            Err(error) => Err(self.failure(error).await.into()),
        }
    }

    /// Edits the template `id` (`POST /{TEMPLATE-ID}`): the fields `edit` sets replace the
    /// template's; the edited template is reviewed again. Meta refuses (code 100) an edit of
    /// a template that is not APPROVED, REJECTED or PAUSED, a category change of an approved
    /// one, and a second edit of an approved one within 24 hours; [`plan`](super::plan)
    /// finds those first.
    ///
    /// ```
    /// use marketing::{AccessToken, MarketingClient};
    /// use marketing::types::MessageTemplateEdit;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let server = wamm_testkit::ScriptedServer::start(vec![
    /// #     wamm_testkit::Reply::json(200, r#"{"success": true}"#)]).await;
    /// let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
    /// #   .base_url(server.base_url())
    ///     .build()?;
    /// let edit = wamm_client::build(
    ///     MessageTemplateEdit::builder().message_send_ttl_seconds(Some(86_400)),
    /// );
    /// client.edit_template("1402280517413391", &edit).await?;
    /// # assert!(server.requests()[0].target.ends_with("/1402280517413391"));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn edit_template(
        &self,
        id: &str,
        edit: &MessageTemplateEdit,
    ) -> Result<(), TemplatesError> {
        let answer = self
            .generated()
            .update_object()
            .version(self.list_version().as_str())
            .object_id(id)
            .body(edit.clone())
            .send()
            .await;
        match answer {
            Ok(done) if done.success == Some(false) => Err(TemplatesError::UnexpectedResponse {
                status: 200,
                detail: format!("Meta answered {{\"success\": false}} to the edit of {id}"),
            }),
            Ok(_) => Ok(()),
            Err(error) => Err(self.failure(error).await.into()),
        }
    }

    /// Deletes the template `name` in every language, or only the one whose ID is `id`.
    /// Meta does not let a deleted name be used again for 30 days.
    ///
    /// ```
    /// use marketing::{AccessToken, MarketingClient};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let server = wamm_testkit::ScriptedServer::start(vec![
    /// #     wamm_testkit::Reply::json(200, r#"{"success": true}"#)]).await;
    /// let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
    /// #   .base_url(server.base_url())
    ///     .build()?;
    /// client.delete_template("old_promo", Some("1402280517413395")).await?;
    /// # assert!(server.requests()[0].target.contains("name=old_promo"));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn delete_template(
        &self,
        name: &str,
        id: Option<&str>,
    ) -> Result<(), TemplatesError> {
        let waba = self.waba().ok_or(TemplatesError::NoWabaId)?;
        let mut request = self
            .generated()
            .delete_message_template()
            .version(self.list_version().as_str())
            .waba_id(waba.as_str())
            .name(name);
        if let Some(id) = id {
            request = request.hsm_id(id);
        }
        match request.send().await {
            Ok(_) => Ok(()),
            Err(error) => Err(self.failure(error).await.into()),
        }
    }

    /// Every template of the account, all pages.
    pub async fn all_templates(&self) -> Result<Vec<Template>, TemplatesError> {
        let mut pages = self.list_templates(TemplateFilter::new());
        let mut all = Vec::new();
        while let Some(template) = pages.try_next().await? {
            all.push(template);
        }
        Ok(all)
    }
}

/// What applying one plan item did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Applied {
    /// The template's name.
    pub name: String,
    /// Its language.
    pub language: String,
    /// `created` or `updated`.
    pub action: &'static str,
    /// The template's ID (as Graph gave it on create).
    pub id: Option<String>,
    /// Its status after the request (and after waiting, when asked).
    pub status: Option<String>,
    /// Why Meta rejected it, when it did.
    pub rejected_reason: Option<String>,
    /// The error, when the request failed.
    pub error: Option<String>,
}

/// Applies `plan` to the account: each create and update in order (refused and unchanged
/// items send nothing), recording each edit's time in `DIR/.wamm-applied.json` as soon as it
/// was accepted. A failed request is reported in its item and the rest go on.
pub async fn apply(
    client: &MarketingClient,
    plan: &Plan,
    dir: &Path,
) -> std::io::Result<Vec<Applied>> {
    let mut state = AppliedState::load(dir)?;
    let mut out = Vec::new();
    for item in &plan.items {
        let mut applied = Applied {
            name: item.name.clone(),
            language: item.language.clone(),
            action: "",
            id: item.id.clone(),
            status: None,
            rejected_reason: None,
            error: None,
        };
        match &item.action {
            Action::Create { template } => {
                applied.action = "created";
                match client.create_template(template).await {
                    Ok(created) => {
                        applied.id = Some(created.id);
                        applied.status = created.status.map(|s| s.to_string());
                    }
                    Err(e) => applied.error = Some(e.to_string()),
                }
            }
            Action::Update { edit, .. } => {
                applied.action = "updated";
                let Some(id) = &item.id else { continue };
                match client.edit_template(id, edit).await {
                    Ok(()) => {
                        state.record_edit(id, SystemTime::now());
                        state.save(dir)?;
                    }
                    Err(e) => applied.error = Some(e.to_string()),
                }
            }
            Action::Refused { .. } | Action::Unchanged => continue,
        }
        out.push(applied);
    }
    Ok(out)
}

/// Polls the account's list every `every` until none of `applied` is in review (`PENDING`)
/// or `timeout` has passed, filling in each one's status and rejection reason. Returns
/// whether every review finished.
pub async fn wait_for_review(
    client: &MarketingClient,
    applied: &mut [Applied],
    every: Duration,
    timeout: Duration,
) -> Result<bool, TemplatesError> {
    let started = std::time::Instant::now();
    loop {
        let all = client.all_templates().await?;
        let mut waiting = false;
        for item in applied.iter_mut().filter(|a| a.error.is_none()) {
            let found = all.iter().find(|t| {
                t.name == item.name
                    && t.language == item.language
                    && item.id.as_deref().is_none_or(|id| id == t.id)
            });
            if let Some(template) = found {
                item.id = Some(template.id.clone());
                item.status = Some(template.status.to_string());
                item.rejected_reason = template
                    .rejected_reason
                    .clone()
                    .filter(|r| !r.is_empty() && r != "NONE");
                if super::plan::in_review(&template.status) {
                    waiting = true;
                }
            }
        }
        if !waiting {
            return Ok(true);
        }
        if started.elapsed() + every > timeout {
            return Ok(false);
        }
        tokio::time::sleep(every).await;
    }
}
