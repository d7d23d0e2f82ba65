//! Template writes, as Graph takes them: create (`POST /{Version}/{WABA-ID}/message_templates`),
//! edit (`POST /{Version}/{TEMPLATE-ID}`) and delete (`DELETE
//! /{Version}/{WABA-ID}/message_templates?name=..[&hsm_id=..]`), and the review that follows a
//! create or an edit.
//!
//! Checks, in the template list's order: the method, the bearer token (401, 104 or 190), the
//! object in the path (400, 100 with subcode 33), the version, the query, then the body:
//! JSON matching the spec's `MessageTemplateCreate` or `MessageTemplateEdit` (400, 100,
//! naming the path and what was expected; an unknown field is refused), placeholders that fit
//! `parameter_format`. Then Meta's rules (each 400, code 100):
//!
//! | refusal | subcode |
//! |---|---|
//! | the name exists in that language | 2388024 |
//! | the name (in that language, or altogether) was deleted less than 30 days ago | 2388023 |
//! | what `wamm_client::authoring` finds Meta refuses, such as an edit of a template that is not APPROVED, REJECTED or PAUSED, an approved template's category changed, an approved template edited less than 24 hours ago or 10 times in 30 days, a time-to-live out of range | as the finding says |
//! | a delete naming no template (or an `hsm_id` not of that name) | none |
//!
//! Sources: Meta's "Create", "Edit" and "Delete message templates" guides, as providers
//! restate them (Infobip's edit endpoint: approved, rejected or paused only, no category
//! change when approved, one edit in 24 hours and ten in 30 days; YCloud's and Infobip's
//! delete endpoints: a deleted name is held for 30 days). The subcodes are what client code
//! in the wild matches Meta's answers on; Meta's reference does not list them.
//!
//! A created or edited template is PENDING until its review ends after
//! [`SandboxConfig::review_delay`](crate::SandboxConfig::review_delay) (at once when zero:
//! the answer then carries the decision), decided by `wamm_client::authoring`, the rules
//! `wamm templates check` and `plan` apply: a finding Meta refuses the request for is code 100
//! (with its subcode, where providers report one); one Meta rejects in review makes the
//! template REJECTED with its reason (`INVALID_FORMAT`, ...); none, APPROVED. The decision
//! depends on the template alone (and, for an edit, its edit history and the sandbox's
//! clock).

use std::sync::{Arc, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, Uri, header};
use axum::response::Response;
use serde_json::Value;
use wamm_client::authoring::{self, Finding};
use wamm_client::types::{
    GraphSuccess, MessageTemplate, MessageTemplateCreate, MessageTemplateCreated,
    MessageTemplateEdit,
};
use wamm_client::{TemplateStatus, build, codes};

use crate::endpoint::{AppState, answer_json, check_account, check_version, require_json};
use crate::graph_error::GraphFailure;
use crate::graph_query::query_pairs;
use crate::template_store::Refusal;

/// Template bodies larger than this are refused (code 100).
const MAX_BODY_BYTES: usize = 1 << 20;

/// The handler for `/{Version}/{WABA-ID}/message_templates`: GET lists, POST creates,
/// DELETE deletes.
pub(crate) async fn edge(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let answer = match *request.method() {
        Method::GET => return crate::template_list::list(State(state), request).await,
        Method::POST => create(&state, request).await,
        Method::DELETE => delete(&state, request.uri(), request.headers()),
        ref other => Err(GraphFailure::unsupported(
            other.as_str(),
            request.uri().path(),
        )),
    };
    answer_json(&state, answer)
}

/// The body as the spec's type `name`: JSON, checked against its schema, then read.
async fn typed_body<T: serde::de::DeserializeOwned>(
    request: Request,
    name: &'static str,
) -> Result<T, GraphFailure> {
    let body = json_body(request, name, schema(name)).await?;
    serde_json::from_value(body)
        .map_err(|e| GraphFailure::invalid_parameter(format!("the body cannot be read: {e}")))
}

/// A JSON body, checked against the spec's schema `name`.
async fn json_body(
    request: Request,
    name: &'static str,
    validator: &jsonschema::Validator,
) -> Result<Value, GraphFailure> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
        .await
        .map_err(|_| {
            GraphFailure::invalid_parameter(format!(
                "the request body could not be read or is larger than {MAX_BODY_BYTES} bytes"
            ))
        })?;
    require_json(&content_type, Some(name))?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        GraphFailure::invalid_parameter(format!("the request body is not valid JSON: {e}"))
    })?;
    let problems: Vec<String> = validator
        .iter_errors(&body)
        .take(5)
        .map(|error| {
            let at = json_path(&error.instance_path().to_string());
            format!("{at}: {error}")
        })
        .collect();
    if !problems.is_empty() {
        return Err(GraphFailure::invalid_parameter(format!(
            "the body is not a {name} as openapi.yaml describes it: {}",
            problems.join("; ")
        )));
    }
    Ok(body)
}

/// `/components/0/text` as `components[0].text`; the body itself as `body`.
fn json_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        if part.bytes().all(|b| b.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part.replace("~1", "/").replace("~0", "~"));
        }
    }
    if out.is_empty() { "body".into() } else { out }
}

/// The spec's schema `name`, compiled once.
fn schema(name: &'static str) -> &'static jsonschema::Validator {
    static CREATE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static EDIT: OnceLock<jsonschema::Validator> = OnceLock::new();
    let cell = if name == "MessageTemplateCreate" {
        &CREATE
    } else {
        &EDIT
    };
    cell.get_or_init(|| {
        let spec: Value = serde_yaml_ng::from_str(wamm_client::validation::OPENAPI_YAML)
            .expect("the committed openapi.yaml is YAML (the client's tests parse it)");
        let document = serde_json::json!({
            "allOf": [{"$ref": format!("#/components/schemas/{name}")}],
            "components": {"schemas": spec["components"]["schemas"]},
        });
        jsonschema::draft4::options()
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&document)
            .expect("the committed openapi.yaml's schemas compile (a unit test builds them)")
    })
}

/// A body whose placeholders do not fit its parameter format: 100, as Meta refuses it.
fn check_placeholders(template: &mut MessageTemplate) -> Result<(), GraphFailure> {
    crate::templates::infer_parameter_format(template);
    crate::templates::check_template(template).map_err(GraphFailure::invalid_parameter)
}

async fn create(state: &Arc<AppState>, request: Request) -> Result<Vec<u8>, GraphFailure> {
    check_account(state, request.uri(), request.headers())?;
    query_pairs(request.uri(), &[])?;
    let create: MessageTemplateCreate = typed_body(request, "MessageTemplateCreate").await?;
    let rejection = judged(authoring::review(&create))?;
    let mut template: MessageTemplate = build(
        MessageTemplate::builder()
            .id("0".to_string())
            .name(create.name)
            .language(create.language)
            .status(TemplateStatus::Pending)
            .category(create.category)
            .parameter_format(create.parameter_format)
            .components(create.components)
            .message_send_ttl_seconds(create.message_send_ttl_seconds)
            .optimization_spec(create.optimization_spec)
            .degrees_of_freedom_spec(
                create
                    .degrees_of_freedom_spec
                    .as_ref()
                    .map(authoring::creative_features_read),
            )
            .cta_url_link_tracking_opted_out(create.cta_url_link_tracking_opted_out),
    );
    check_placeholders(&mut template)?;
    let name = template.name.clone();
    let (stored, review) = state
        .templates
        .create(template, state.clock.now())
        .map_err(|refusal| refused(&refusal, &name))?;
    let decided = start_review(state, &stored, review, rejection);
    let now = decided.as_ref().unwrap_or(&stored);
    let answer: MessageTemplateCreated = build(
        MessageTemplateCreated::builder()
            .id(now.id.clone())
            .status(Some(now.status.clone()))
            .category(Some(now.category.clone())),
    );
    Ok(serde_json::to_vec(&answer).unwrap_or_default())
}

/// `POST /{Version}/{TEMPLATE-ID}` with a `MessageTemplateEdit`: the template's ID is known
/// (the caller looked it up).
pub(crate) async fn edit(
    state: &Arc<AppState>,
    version: &str,
    id: &str,
    request: Request,
) -> Result<Vec<u8>, GraphFailure> {
    check_version(version)?;
    if let Some((key, _)) = query_pairs(request.uri(), &["is_enabled_for_insights"])?.first() {
        return Err(GraphFailure::invalid_parameter(format!(
            "{key} is a field of a WhatsApp Business Account; {id} is a message template, \
             edited with a JSON MessageTemplateEdit body"
        )));
    }
    let change: MessageTemplateEdit = typed_body(request, "MessageTemplateEdit").await?;
    let at = UNIX_EPOCH + Duration::from_secs(state.clock.now());
    let (stored, review, rejection) = state
        .templates
        .edit(id, at, |current, history| {
            let rejection = judged(authoring::review_edit(current, &change, history, at))?;
            let mut merged = MessageTemplate::clone(current);
            apply(&mut merged, &change);
            check_placeholders(&mut merged)?;
            Ok((merged, rejection))
        })
        .map_err(|refused| refused.unwrap_or_else(|| GraphFailure::unknown_object(id)))?;
    start_review(state, &stored, review, rejection);
    let success: GraphSuccess = build(GraphSuccess::builder().success(Some(true)));
    Ok(serde_json::to_vec(&success).unwrap_or_default())
}

/// An edit's fields over the template's; what it leaves out is kept.
fn apply(template: &mut MessageTemplate, change: &MessageTemplateEdit) {
    if let Some(category) = &change.category {
        template.category = category.clone();
    }
    if let Some(format) = change.parameter_format {
        template.parameter_format = Some(format);
    }
    if !change.components.is_empty() {
        template.components = change.components.clone();
    }
    if change.message_send_ttl_seconds.is_some() {
        template.message_send_ttl_seconds = change.message_send_ttl_seconds;
    }
    if change.optimization_spec.is_some() {
        template.optimization_spec = change.optimization_spec.clone();
    }
    if change.degrees_of_freedom_spec.is_some() {
        template.degrees_of_freedom_spec = change
            .degrees_of_freedom_spec
            .as_ref()
            .map(authoring::creative_features_read);
    }
    if change.cta_url_link_tracking_opted_out.is_some() {
        template.cta_url_link_tracking_opted_out = change.cta_url_link_tracking_opted_out;
    }
}

fn delete(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Result<Vec<u8>, GraphFailure> {
    check_account(state, uri, headers)?;
    let pairs = query_pairs(uri, &["name", "hsm_id"])?;
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let Some(name) = value("name").filter(|n| !n.is_empty()) else {
        return Err(GraphFailure::invalid_parameter(
            "name is required: the template's name (with hsm_id, one language's template ID, \
             to delete only that language)",
        ));
    };
    let gone = state
        .templates
        .delete(name, value("hsm_id"), state.clock.now())
        .map_err(|refusal| refused(&refusal, name))?;
    tracing::debug!(name, languages = gone.len(), "templates deleted");
    let success: GraphSuccess = build(GraphSuccess::builder().success(Some(true)));
    Ok(serde_json::to_vec(&success).unwrap_or_default())
}

/// What Meta's authoring rules say of a create or an edit: refused (code 100, and the
/// subcode of the first refusal that has one), or accepted and then rejected in review with
/// the first rejection's reason, or accepted and approved (`Ok(None)`).
fn judged(findings: Vec<Finding>) -> Result<Option<Finding>, GraphFailure> {
    let (refusals, rejections): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(Finding::is_refusal);
    if refusals.is_empty() {
        return Ok(rejections.into_iter().next());
    }
    let details: Vec<String> = refusals.iter().take(5).map(ToString::to_string).collect();
    let subcode = refusals.iter().find_map(|f| f.subcode);
    Err(GraphFailure::template_rule(
        "Invalid parameter",
        details.join("; "),
        subcode,
    ))
}

/// A refused write, worded.
fn refused(refusal: &Refusal, name: &str) -> GraphFailure {
    match refusal {
        Refusal::Exists => GraphFailure::template_rule(
            "Content in this language already exists",
            "a template with this name already exists in this language; edit it (POST \
             /{TEMPLATE-ID}) or use another name"
                .to_string(),
            Some(codes::SUBCODE_TEMPLATE_EXISTS),
        ),
        Refusal::RecentlyDeleted { days_left } => GraphFailure::template_rule(
            "Message template name is being deleted",
            format!(
                "a template with this name was deleted; Meta holds a deleted name for 30 days \
                 ({days_left} more): use another name"
            ),
            Some(codes::SUBCODE_TEMPLATE_NAME_DELETED),
        ),
        Refusal::UnknownName => GraphFailure::template_rule(
            "Message template not found",
            format!("no template named {name:?} (with that hsm_id) in this account"),
            None,
        ),
    }
}

/// Starts the review of a template just created or edited. With no delay it is decided now,
/// and the decided template is returned; otherwise a task decides it after the delay.
fn start_review(
    state: &Arc<AppState>,
    template: &Arc<MessageTemplate>,
    review: u64,
    rejection: Option<Finding>,
) -> Option<Arc<MessageTemplate>> {
    let id = template.id.clone();
    if state.review_delay.is_zero() {
        return decide(state, &id, review, rejection);
    }
    let state = Arc::clone(state);
    let delay = state.review_delay;
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        decide(&state, &id, review, rejection);
    });
    None
}

/// Ends a review and announces it.
fn decide(
    state: &AppState,
    id: &str,
    review: u64,
    rejection: Option<Finding>,
) -> Option<Arc<MessageTemplate>> {
    let reason = rejection.as_ref().and_then(|r| r.rejection);
    let decided = state.templates.decide(id, review, reason)?;
    tracing::debug!(
        name = %decided.name,
        language = %decided.language,
        status = %decided.status,
        detail = rejection.as_ref().map(ToString::to_string),
        "template reviewed"
    );
    if let Some(webhooks) = &state.webhooks {
        webhooks.template_status(&decided, reason);
    }
    Some(decided)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_write_schemas_compile_and_refuse_unknown_fields() {
        let create = schema("MessageTemplateCreate");
        assert!(create.is_valid(&serde_json::json!({
            "name": "a", "language": "en", "category": "MARKETING", "components": []
        })));
        assert!(!create.is_valid(&serde_json::json!({
            "name": "a", "language": "en", "category": "MARKETING", "components": [],
            "colour": "red"
        })));
        let edit = schema("MessageTemplateEdit");
        assert!(edit.is_valid(&serde_json::json!({"message_send_ttl_seconds": 43200})));
        // The schema spans every category (30 s up); the range per category is authoring's.
        assert!(edit.is_valid(&serde_json::json!({"message_send_ttl_seconds": 60})));
        assert!(!edit.is_valid(&serde_json::json!({"message_send_ttl_seconds": 20})));
    }

    /// JSON values of any shape, biased towards the fields a template body has.
    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("name".to_string()),
            Just("language".to_string()),
            Just("category".to_string()),
            Just("components".to_string()),
            Just("type".to_string()),
            Just("text".to_string()),
            Just("example".to_string()),
            Just("message_send_ttl_seconds".to_string()),
            Just("optimization_spec".to_string()),
            "[a-z_]{0,12}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,20}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Whatever a client sends, checking and reading it as a create or an edit, and
        /// naming its problems' paths, never panics.
        #[test]
        fn any_body_is_checked_without_panicking(body in json_value()) {
            for name in ["MessageTemplateCreate", "MessageTemplateEdit"] {
                for error in schema(name).iter_errors(&body) {
                    let _ = json_path(&error.instance_path().to_string());
                }
            }
            if let Ok(create) = serde_json::from_value::<MessageTemplateCreate>(body.clone()) {
                let _ = authoring::review(&create);
            }
            let _ = serde_json::from_value::<MessageTemplateEdit>(body);
        }

        #[test]
        fn any_pointer_reads_as_a_path(pointer in ".{0,40}") {
            let _ = json_path(&pointer);
        }
    }

    #[test]
    fn pointers_read_as_paths() {
        assert_eq!(json_path(""), "body");
        assert_eq!(json_path("/components/0/text"), "components[0].text");
        assert_eq!(json_path("/a~1b"), "a/b");
    }
}
