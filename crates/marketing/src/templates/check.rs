//! Checking a message or a request body against a template, and the record of what a check
//! found.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wamm_client::validation::lower_case_keywords;

use super::Template;
use crate::client::MarketingClient;
use crate::error::TemplateCheckError;
use crate::message::Message;
use crate::validate::{Problem, ValidationErrors};

/// Graph's code for a template that does not exist in the language asked for.
const NOT_FOUND: i64 = 132_001;

impl MarketingClient {
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
pub(crate) fn checked_against(
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
            checked_ms: crate::now_ms(),
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
