//! Meta's rules for authoring a template: what a template create or edit must satisfy to be
//! accepted and approved, checked offline.
//!
//! [`review`] reads a create body ([`types::MessageTemplateCreate`]) and returns every
//! problem at once, each a [`Finding`] with the JSON path into the body, what is wrong and
//! what was expected, a stable rule id, and, when Meta accepts the request but rejects the
//! template in review, the rejection reason its `message_template_status_update` webhook
//! gives. [`review_edit`] adds Meta's edit limits (which templates can be edited, how
//! often, what cannot change) to a review of the template as it would be after the edit.
//! [`fingerprint`] and [`fingerprint_create`] give a template's version: a short hash of what
//! it sends and its settings.
//!
//! Users: the sandbox (to refuse a request, or to approve or reject a template as Meta
//! would), `wamm templates check` and `plan` (to catch a problem before Meta does) and
//! campaigns (the version a run was sent with).
//!
//! Each rule is one private function, documented with the Meta page it comes from, in four
//! files: `components.rs` (the name, the components and their limits), `variables.rs`
//! (placeholders and their samples), `settings.rs` (time-to-live, maximum price, creative
//! features) and `edit.rs` (edit limits). The limits are public constants here. Where Meta
//! publishes no number, the rule says so and what wamm uses instead: only the ratio of
//! variables to words ([`too_many_variables_min_words`]).
//!
//! Refusal or rejection: Meta refuses a request that breaks a documented limit (Graph code
//! 100, in [`Finding::code`]), and accepts one that is well formed but rejects the template
//! in review for its content, with a reason such as `INVALID_FORMAT` in its status webhook
//! ([`Finding::rejection`]).
//!
//! ```
//! use wamm_client::authoring::review;
//! use wamm_client::types::MessageTemplateCreate;
//!
//! let template: MessageTemplateCreate = serde_json::from_str(r#"{
//!     "name": "spring_sale", "language": "en_US", "category": "MARKETING",
//!     "components": [{"type": "BODY", "text": "{{1}}, our spring sale starts today",
//!                     "example": {"body_text": [["Ana"]]}}]
//! }"#)?;
//! let findings = review(&template);
//! assert_eq!(findings[0].rule, "body-variable-at-edge");
//! assert_eq!(findings[0].path, "components[0].text");
//! assert_eq!(findings[0].rejection, Some("INVALID_FORMAT"));
//! # Ok::<(), serde_json::Error>(())
//! ```

mod components;
mod edit;
mod fingerprint;
mod settings;
mod variables;

use serde::Serialize;

use crate::types;

pub use components::{
    CAROUSEL_CARDS, MAX_BODY_CHARS, MAX_BUTTON_TEXT_CHARS, MAX_BUTTONS, MAX_CARD_BODY_CHARS,
    MAX_FOOTER_CHARS, MAX_HEADER_TEXT_CHARS, MAX_NAME_CHARS, MAX_OFFER_BODY_CHARS,
    MAX_OFFER_TEXT_CHARS, MAX_PHONE_NUMBER_CHARS, MAX_URL_BUTTONS, MAX_URL_CHARS,
};
pub use edit::{EDIT_COOLDOWN, EDIT_WINDOW, EditHistory, MAX_EDITS_IN_WINDOW, review_edit};
pub use fingerprint::{FINGERPRINT_LEN, fingerprint, fingerprint_create};
pub use settings::{
    AUTHENTICATION_TTL, BID_STRATEGY, ENROLL_STATUSES, MARKETING_DEFAULT_TTL, MARKETING_TTL,
    UTILITY_TTL,
};
pub use variables::{INVALID_FORMAT, too_many_variables_min_words};

/// One problem with a template create or edit.
///
/// ```
/// # use wamm_client::authoring::review;
/// # let template: wamm_client::types::MessageTemplateCreate = serde_json::from_str(
/// #     r#"{"name": "Spring Sale", "language": "en_US", "category": "MARKETING",
/// #         "components": [{"type": "BODY", "text": "Spring is here"}]}"#)?;
/// let finding = &review(&template)[0];
/// let json = serde_json::to_value(finding)?;
/// assert_eq!(json["rule"], "name-format");
/// assert_eq!(json["path"], "name");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// Where, as a JSON path into the create (or edit) body, such as
    /// `components[1].example.body_text[0]`; empty for the template as a whole.
    pub path: String,
    /// What is wrong and what was expected, with the limit.
    pub reason: String,
    /// A stable short id of the rule, such as `body-variable-at-edge`.
    pub rule: &'static str,
    /// The reason Meta's rejection webhook gives (`INVALID_FORMAT`, ...) when Meta accepts
    /// the request and rejects the template in review; `None` when Meta refuses the request
    /// itself.
    pub rejection: Option<&'static str>,
    /// The Graph error code Meta refuses the request with, when it refuses rather than
    /// rejecting in review (see [`codes`](crate::codes)).
    pub code: Option<i64>,
    /// The Graph error subcode Meta refuses with, when Meta documents one.
    pub subcode: Option<i64>,
}

impl Finding {
    /// A finding Meta refuses the request for, with Graph code 100 (invalid parameter).
    pub(crate) fn refused(path: impl Into<String>, rule: &'static str, reason: String) -> Self {
        Finding {
            path: path.into(),
            reason,
            rule,
            rejection: None,
            code: Some(crate::codes::INVALID_PARAMETER),
            subcode: None,
        }
    }

    /// A finding Meta accepts the request with and rejects the template for in review.
    pub(crate) fn rejected(
        path: impl Into<String>,
        rule: &'static str,
        rejection: &'static str,
        reason: String,
    ) -> Self {
        Finding {
            path: path.into(),
            reason,
            rule,
            rejection: Some(rejection),
            code: None,
            subcode: None,
        }
    }

    /// The same finding with Graph subcode `subcode`.
    pub(crate) fn with_subcode(mut self, subcode: i64) -> Self {
        self.subcode = Some(subcode);
        self
    }

    /// Whether Meta would refuse the request (rather than accept it and reject the template
    /// in review).
    pub fn is_refusal(&self) -> bool {
        self.rejection.is_none()
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{} [{}]", self.reason, self.rule)
        } else {
            write!(f, "{}: {} [{}]", self.path, self.reason, self.rule)
        }
    }
}

/// What a template's parts are, independent of whether it is a create body, an edit or a
/// template as Graph lists it.
pub(crate) struct Draft<'a> {
    pub name: Option<&'a str>,
    pub category: &'a crate::TemplateCategory,
    pub parameter_format: Option<&'a types::TemplateParameterFormat>,
    pub components: &'a [types::TemplateComponentDefinition],
    pub ttl: Option<i64>,
    pub optimization: Option<&'a types::OptimizationSpec>,
    pub creative: Option<&'a types::DegreesOfFreedomSpec>,
}

/// Every problem with `template` as a create body, in path order; empty when Meta would
/// accept and (as far as its published rules go) approve it.
///
/// See the [module docs](self) for an example.
pub fn review(template: &types::MessageTemplateCreate) -> Vec<Finding> {
    let draft = Draft {
        name: Some(&template.name),
        category: &template.category,
        parameter_format: template.parameter_format.as_ref(),
        components: &template.components,
        ttl: template.message_send_ttl_seconds,
        optimization: template.optimization_spec.as_ref(),
        creative: template.degrees_of_freedom_spec.as_ref(),
    };
    review_draft(&draft)
}

/// Every rule over one draft, sorted by path (stable, so a path's findings keep rule order).
pub(crate) fn review_draft(draft: &Draft<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(name) = draft.name {
        components::name_format(name, &mut findings);
    }
    components::review(draft, &mut findings);
    variables::review(draft, &mut findings);
    settings::review(draft, &mut findings);
    findings.sort_by(|a, b| a.path.cmp(&b.path));
    findings
}

/// Case-insensitive comparison of a component or button `type` with the upper-case word.
pub(crate) fn is(kind: &str, word: &str) -> bool {
    kind.eq_ignore_ascii_case(word)
}
