//! Meta's limits on editing a template (`POST /{TEMPLATE-ID}`).
//!
//! Source: Meta's "Template management" guide, "Edit templates": only a template that is
//! APPROVED, REJECTED or PAUSED can be edited; the category of an approved template cannot
//! change; an approved template can be edited once in 24 hours and 10 times in 30 days,
//! rejected and paused ones without limit; and the edited template is reviewed again. Meta
//! answers a refused edit with Graph code 100; it documents no subcode for these limits.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{Draft, Finding, review_draft};
use crate::TemplateStatus;
use crate::types::{MessageTemplate, MessageTemplateEdit};

/// How long after an edit an approved template cannot be edited again: 24 hours.
pub const EDIT_COOLDOWN: Duration = Duration::from_secs(24 * 3_600);
/// The window over which edits of an approved template are counted: 30 days.
pub const EDIT_WINDOW: Duration = Duration::from_secs(30 * 86_400);
/// Most edits of an approved template within [`EDIT_WINDOW`].
pub const MAX_EDITS_IN_WINDOW: usize = 10;

/// When a template was edited before: what Meta counts to limit edits. Graph does not list a
/// template's edits, so whoever edits keeps this (the sandbox in its state, `wamm templates
/// apply` beside the template files).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use wamm_client::authoring::EditHistory;
///
/// let now = SystemTime::now();
/// let mut history = EditHistory::default();
/// history.record(now - Duration::from_secs(3_600));
/// // One edit an hour ago: the next is allowed 23 hours from now.
/// assert_eq!(history.next_edit_at(now), Some(now + Duration::from_secs(23 * 3_600)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditHistory {
    edits: Vec<SystemTime>,
}

impl EditHistory {
    /// A history of edits made at `times` (in any order).
    pub fn new(times: impl IntoIterator<Item = SystemTime>) -> Self {
        let mut edits: Vec<SystemTime> = times.into_iter().collect();
        edits.sort();
        EditHistory { edits }
    }

    /// Adds an edit made at `at`.
    pub fn record(&mut self, at: SystemTime) {
        let i = self.edits.partition_point(|t| *t <= at);
        self.edits.insert(i, at);
    }

    /// The times of the edits, oldest first.
    pub fn edits(&self) -> &[SystemTime] {
        &self.edits
    }

    /// Edits made in the window of `window` before `now` (not after `now`).
    fn within(&self, now: SystemTime, window: Duration) -> impl Iterator<Item = &SystemTime> {
        self.edits
            .iter()
            .filter(move |t| **t <= now && now.duration_since(**t).is_ok_and(|d| d < window))
    }

    /// When an approved template with this history can next be edited: `None` when it can
    /// be now.
    pub fn next_edit_at(&self, now: SystemTime) -> Option<SystemTime> {
        let mut next: Option<SystemTime> = None;
        if let Some(last) = self.within(now, EDIT_COOLDOWN).last() {
            next = Some(*last + EDIT_COOLDOWN);
        }
        let recent: Vec<&SystemTime> = self.within(now, EDIT_WINDOW).collect();
        if recent.len() >= MAX_EDITS_IN_WINDOW {
            // The oldest edits must leave the window until one fewer than the limit remain.
            let frees = *recent[recent.len() - MAX_EDITS_IN_WINDOW] + EDIT_WINDOW;
            next = Some(next.map_or(frees, |n| n.max(frees)));
        }
        next
    }
}

/// Every problem with applying `edit` to `current` at `now`, given its earlier edits:
/// Meta's edit limits, then [`review`](super::review) of the template as it would be after
/// the edit (a field the edit leaves out keeps its current value; `components`, when given,
/// replace them all).
///
/// Paths point into the edit body; a rule about the edit as a whole (status, frequency)
/// has an empty path. Each refusal carries the Graph code Meta refuses it with.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use wamm_client::authoring::{EditHistory, review_edit};
/// use wamm_client::types::{MessageTemplate, MessageTemplateEdit};
///
/// let current: MessageTemplate = serde_json::from_str(r#"{
///     "id": "1", "name": "spring_sale", "language": "en_US", "status": "APPROVED",
///     "category": "MARKETING",
///     "components": [{"type": "BODY", "text": "Our spring sale starts today"}]}"#)?;
/// let edit: MessageTemplateEdit = serde_json::from_str(r#"{"message_send_ttl_seconds": 86400}"#)?;
/// let now = SystemTime::now();
/// let history = EditHistory::new([now - Duration::from_secs(600)]);
///
/// let findings = review_edit(&current, &edit, &history, now);
/// assert_eq!(findings[0].rule, "edit-too-soon");
/// assert_eq!(findings[0].code, Some(100));
/// assert!(review_edit(&current, &edit, &EditHistory::default(), now).is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn review_edit(
    current: &MessageTemplate,
    edit: &MessageTemplateEdit,
    history: &EditHistory,
    now: SystemTime,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    editable_status(current, &mut findings);
    category_kept(current, edit, &mut findings);
    if current.status == TemplateStatus::Approved {
        edit_frequency(history, now, &mut findings);
    }
    let after = Draft {
        name: None,
        category: edit.category.as_ref().unwrap_or(&current.category),
        parameter_format: edit
            .parameter_format
            .as_ref()
            .or(current.parameter_format.as_ref()),
        components: if edit.components.is_empty() {
            &current.components
        } else {
            &edit.components
        },
        ttl: edit
            .message_send_ttl_seconds
            .or(current.message_send_ttl_seconds),
        optimization: edit
            .optimization_spec
            .as_ref()
            .or(current.optimization_spec.as_ref()),
        creative: edit
            .degrees_of_freedom_spec
            .as_ref()
            .or(current.degrees_of_freedom_spec.as_ref()),
    };
    let mut after_findings = review_draft(&after);
    findings.append(&mut after_findings);
    findings.sort_by(|a, b| a.path.cmp(&b.path));
    findings
}

/// Only an APPROVED, REJECTED or PAUSED template can be edited.
fn editable_status(current: &MessageTemplate, findings: &mut Vec<Finding>) {
    match current.status {
        TemplateStatus::Approved | TemplateStatus::Rejected | TemplateStatus::Paused => {}
        ref other => findings.push(Finding::refused(
            "",
            "edit-status",
            format!(
                "the template is {other}; expected APPROVED, REJECTED or PAUSED, the only \
                 statuses Meta allows an edit in"
            ),
        )),
    }
}

/// The category of an approved template stays as it is.
fn category_kept(
    current: &MessageTemplate,
    edit: &MessageTemplateEdit,
    findings: &mut Vec<Finding>,
) {
    let Some(category) = &edit.category else {
        return;
    };
    if current.status == TemplateStatus::Approved && *category != current.category {
        findings.push(Finding::refused(
            "category",
            "edit-category",
            format!(
                "changes the category of an approved template from {} to {category}; expected \
                 {} (create a new template for another category)",
                current.category, current.category
            ),
        ));
    }
}

/// An approved template is edited at most once in 24 hours and 10 times in 30 days.
fn edit_frequency(history: &EditHistory, now: SystemTime, findings: &mut Vec<Finding>) {
    if let Some(last) = history.within(now, EDIT_COOLDOWN).last() {
        let ago = now.duration_since(*last).unwrap_or_default();
        findings.push(Finding::refused(
            "",
            "edit-too-soon",
            format!(
                "the template was edited {} ago; expected at least 24 h between edits of an \
                 approved template (next possible in {})",
                hours_minutes(ago),
                hours_minutes(EDIT_COOLDOWN.saturating_sub(ago))
            ),
        ));
    }
    let recent = history.within(now, EDIT_WINDOW).count();
    if recent >= MAX_EDITS_IN_WINDOW {
        findings.push(Finding::refused(
            "",
            "edit-too-often",
            format!(
                "the template was edited {recent} times in the last 30 days; expected at most \
                 {MAX_EDITS_IN_WINDOW} edits of an approved template in 30 days"
            ),
        ));
    }
}

/// A duration in whole hours and minutes, such as `23 h 5 min` or `40 min`.
fn hours_minutes(duration: Duration) -> String {
    let minutes = duration.as_secs().div_ceil(60);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
