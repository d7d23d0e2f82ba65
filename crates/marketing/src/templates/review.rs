//! Meta's authoring and edit rules, from `wamm_client::authoring` (the rules the sandbox
//! reviews with). Until that module lands on this branch, a stand-in with the same
//! signatures and a few of its rules.
// TODO(integration): replace this file's body with
// `pub use wamm_client::authoring::{EditHistory, Finding, review, review_edit};`

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use wamm_client::TemplateStatus;
use wamm_client::types::{MessageTemplate, MessageTemplateCreate, MessageTemplateEdit};

/// One problem Meta would refuse or reject a template for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A JSON path into the create (or edit) body; empty for the whole template.
    pub path: String,
    /// What is wrong and what was expected.
    pub reason: String,
    /// A short id of the rule.
    pub rule: &'static str,
    /// The rejection reason Meta's review gives, when it accepts and then rejects.
    pub rejection: Option<&'static str>,
    /// The Graph code Meta refuses the request with, when it refuses.
    pub code: Option<i64>,
}

/// When a template was edited before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditHistory {
    edits: Vec<SystemTime>,
}

impl EditHistory {
    /// Adds an edit made at `at`.
    pub fn record(&mut self, at: SystemTime) {
        self.edits.push(at);
        self.edits.sort();
    }
}

/// Meta's authoring rules over a create body (stand-in: name, TTL range).
pub fn review(template: &MessageTemplateCreate) -> Vec<Finding> {
    let mut out = Vec::new();
    let name_ok = !template.name.is_empty()
        && template.name.len() <= 512
        && template
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !name_ok {
        out.push(Finding {
            path: "name".into(),
            reason: format!(
                "{:?}: expected lower-case letters, digits and underscores, at most 512",
                template.name
            ),
            rule: "name-format",
            rejection: None,
            code: Some(100),
        });
    }
    if let Some(ttl) = template.message_send_ttl_seconds {
        if !(43_200..=2_592_000).contains(&ttl) {
            out.push(Finding {
                path: "message_send_ttl_seconds".into(),
                reason: format!("{ttl} seconds: expected 12 hours to 30 days (43200 to 2592000)"),
                rule: "ttl-range",
                rejection: None,
                code: Some(100),
            });
        }
    }
    out
}

/// Meta's edit limits (stand-in: status and category).
pub fn review_edit(
    current: &MessageTemplate,
    edit: &MessageTemplateEdit,
    history: &EditHistory,
    now: SystemTime,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !matches!(
        current.status,
        TemplateStatus::Approved | TemplateStatus::Rejected | TemplateStatus::Paused
    ) {
        out.push(Finding {
            path: String::new(),
            reason: format!(
                "a {} template cannot be edited: only APPROVED, REJECTED or PAUSED ones",
                current.status
            ),
            rule: "edit-status",
            rejection: None,
            code: Some(100),
        });
    }
    if current.status == TemplateStatus::Approved {
        if let Some(category) = &edit.category {
            if *category != current.category {
                out.push(Finding {
                    path: "category".into(),
                    reason: "the category of an approved template cannot change".into(),
                    rule: "edit-category",
                    rejection: None,
                    code: Some(100),
                });
            }
        }
        if history.edits.iter().any(|t| {
            now.duration_since(*t)
                .is_ok_and(|d| d < Duration::from_secs(86_400))
        }) {
            out.push(Finding {
                path: String::new(),
                reason: "an approved template can be edited once in 24 hours".into(),
                rule: "edit-too-soon",
                rejection: None,
                code: Some(100),
            });
        }
    }
    out
}
