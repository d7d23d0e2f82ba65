//! Campaign operations that use approved templates: checking a campaign's message against the
//! template it names before a run, and finding the campaign a resume will send with.

use std::path::Path;

use serde_json::Value;

use super::{CampaignDefinition, CampaignError, Journal, MessagePattern};
use crate::client::MarketingClient;
use crate::error::TemplateCheckError;
use crate::templates::{Template, checked_against};

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
/// use marketing::campaign::{CampaignDefinition, check_campaign};
/// use marketing::{AccessToken, MarketingClient};
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
/// let template = check_campaign(&client, &campaign).await?;
/// assert_eq!(template.id, "1402280517413391");
/// # Ok(())
/// # }
/// ```
pub async fn check_campaign(
    client: &MarketingClient,
    definition: &CampaignDefinition,
) -> Result<Template, TemplateCheckError> {
    check_message(client, definition, &definition.message).await
}

/// Checks one of the campaign's messages (its `[message]`, or a variant's) against its
/// approved template.
pub(crate) async fn check_message(
    client: &MarketingClient,
    definition: &CampaignDefinition,
    message: &Value,
) -> Result<Template, TemplateCheckError> {
    let compiled = MessagePattern::compile(message.clone());
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
    let template = &message["template"];
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
///
/// ```
/// use marketing::campaign::campaign_to_resume;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let corrected = dir.path().join("spring.toml");
/// std::fs::write(&corrected, r#"
/// name = "spring"
/// [message.template]
/// name = "spring_sale"
/// language = { code = "en_US" }
/// "#)?;
/// // The corrected file wins over what the journal holds.
/// let campaign = campaign_to_resume(&dir.path().join("spring.journal"), Some(&corrected))?;
/// assert_eq!(campaign.name, "spring");
/// # Ok(())
/// # }
/// ```
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::MessagePattern;

    #[test]
    fn number_fields_are_the_ones_the_campaign_converts() {
        // The scaffold puts a whole-string placeholder in these fields, which take a number;
        // a campaign converts it.
        for field in ["expiration_time_ms", "latitude", "longitude"] {
            let body = json!({"x": {field: "{{c}}"}});
            let compiled = MessagePattern::compile(body);
            let row = compiled.sample_row("1");
            let rendered = compiled.render(&row).expect("renders");
            assert!(rendered["x"][field].is_number(), "{field}: {rendered}");
        }
    }
}
