//! Every rule by its id: what it requires and what Meta does with a template that breaks it,
//! for a reader of a finding (`wamm templates check` can print the list) and for tests that
//! hold the ids stable.

use serde::Serialize;

/// What Meta does with a template that breaks a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// Meta refuses the request (Graph code 100); nothing is created or changed.
    Refused,
    /// Meta accepts the request and rejects the template in review, with this reason.
    Rejected(&'static str),
}

/// One rule: its stable id, what it requires, and what breaking it costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// The id findings carry, such as `body-variable-at-edge`.
    pub id: &'static str,
    /// What the rule requires, in a sentence.
    pub requires: &'static str,
    /// What Meta does with a template that breaks it.
    pub outcome: Outcome,
}

const fn refused(id: &'static str, requires: &'static str) -> Rule {
    Rule {
        id,
        requires,
        outcome: Outcome::Refused,
    }
}

const fn rejected(id: &'static str, requires: &'static str) -> Rule {
    Rule {
        id,
        requires,
        outcome: Outcome::Rejected(super::INVALID_FORMAT),
    }
}

/// Every rule [`review`](super::review) and [`review_edit`](super::review_edit) apply, in
/// the order a template is read: name, components, variables, settings, edits.
///
/// ```
/// use wamm_client::authoring::{Outcome, RULES};
///
/// let edge = RULES.iter().find(|r| r.id == "body-variable-at-edge").unwrap();
/// assert_eq!(edge.outcome, Outcome::Rejected("INVALID_FORMAT"));
/// assert!(RULES.iter().all(|r| !r.requires.is_empty()));
/// ```
pub const RULES: &[Rule] = &[
    refused(
        "name-format",
        "a name of 1 to 512 lower-case letters, digits and underscores",
    ),
    refused(
        "one-component-of-each-kind",
        "at most one header, body, footer, buttons, offer and carousel component",
    ),
    refused("body-required", "a BODY component"),
    refused(
        "header-format",
        "a header format: TEXT, IMAGE, VIDEO, DOCUMENT, GIF or LOCATION",
    ),
    refused("header-text-length", "a text header of 1 to 60 characters"),
    refused(
        "media-header-example",
        "a sample file (example.header_handle) for a media header",
    ),
    refused("body-length", "a body of 1 to 1024 characters"),
    refused("footer-length", "a footer of 1 to 60 characters"),
    refused("footer-variables", "no variables in the footer"),
    refused(
        "offer-template",
        "a limited-time offer only in a MARKETING template, with no footer and a body of at \
         most 600 characters",
    ),
    refused(
        "offer-text-length",
        "a limited-time offer text of at most 16 characters",
    ),
    refused(
        "button-count",
        "at most 10 buttons: at most 2 URL, 1 PHONE_NUMBER and 1 COPY_CODE",
    ),
    refused(
        "quick-replies-grouped",
        "quick-reply buttons together, not between other buttons",
    ),
    refused(
        "button-text",
        "a button label of 1 to 25 characters (except where Meta sets it)",
    ),
    refused("url-length", "a button URL of 1 to 2000 characters"),
    refused(
        "phone-number",
        "a call button's number of 1 to 20 characters",
    ),
    refused(
        "url-variable",
        "at most one URL variable, {{1}}, at the end, with a sample URL",
    ),
    refused("carousel-cards", "2 to 10 carousel cards"),
    refused(
        "carousel-cards-alike",
        "carousel cards with the same header format and buttons",
    ),
    refused(
        "card-body-length",
        "a carousel card body of 1 to 160 characters",
    ),
    refused(
        "variable-format",
        "variables all positional ({{1}}) or all named ({{first_name}}), as parameter_format says",
    ),
    refused("header-variables", "at most one variable in a text header"),
    refused(
        "variable-example",
        "one sample value per variable (body_text, header_text or their _named_params forms)",
    ),
    rejected(
        "variable-malformed",
        "variables written {{1}} or {{first_name}}, nothing else inside the braces",
    ),
    rejected(
        "variables-sequential",
        "positional variables numbered 1 to n with none missing",
    ),
    rejected(
        "body-variable-at-edge",
        "words before the body's first variable and after its last",
    ),
    rejected("variables-adjacent", "a word between any two variables"),
    rejected(
        "too-many-variables",
        "at least 2n + 1 words besides the n variables of a body (wamm's heuristic)",
    ),
    refused(
        "ttl-range",
        "a time-to-live of 43200 to 2592000 s (marketing), 30 to 43200 s (utility) or 30 to \
         900 s (authentication)",
    ),
    refused(
        "optimization-marketing-only",
        "a maximum price only on a MARKETING template",
    ),
    refused(
        "optimization-bid",
        "a maximum price with bid_amount and bid_strategy LOWEST_COST_WITH_BID_CAP",
    ),
    refused(
        "creative-feature-status",
        "each creative feature's enroll_status OPT_IN or OPT_OUT",
    ),
    refused(
        "edit-status",
        "an edit only of an APPROVED, REJECTED or PAUSED template",
    ),
    refused(
        "edit-category",
        "the category of an approved template unchanged",
    ),
    refused(
        "edit-too-soon",
        "at least 24 hours between edits of an approved template",
    ),
    refused(
        "edit-too-often",
        "at most 10 edits of an approved template in 30 days",
    ),
];
