//! Template events read back: the status, quality and category changes a receiver
//! recorded, in the order it recorded them, as [`TemplateEvent`]s. Both stores keep them as
//! events of kinds `template_status`, `template_quality` and `template_category`, with the
//! change as received (`{"time": .., "value": {..}}`); this reads them the same way for both.

use super::super::Received;

/// The kinds of event that concern a template, as both stores name them.
pub(super) const TEMPLATE_KINDS: &str =
    "('template_status', 'template_quality', 'template_category')";

/// A template event as a store reads it back: its place, kind, the change as received, and
/// when the receiver recorded it.
pub(super) struct TemplateRow {
    pub(super) seq: i64,
    pub(super) kind: String,
    pub(super) json: String,
    pub(super) received_ms: i64,
}

/// A template's status, quality or category change, as the receiver recorded it
/// ([`EventStore::template_events`](super::EventStore::template_events)).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TemplateEvent {
    /// Its place in the store: later events have larger numbers.
    pub seq: i64,
    /// `status`, `quality` or `category`.
    pub kind: String,
    /// The template's ID.
    pub template_id: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// What happened: the new status (`APPROVED`, `REJECTED`, `PAUSED`, `DISABLED`, ...), the
    /// new quality rating, or the new category.
    pub event: String,
    /// Why, when Meta says: a rejection reason (`INVALID_FORMAT`, `TAG_CONTENT_MISMATCH`,
    /// `INCORRECT_CATEGORY`, ...), the rating or category before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When Meta says it happened (the entry's `time`, Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
    /// When the receiver recorded it (Unix ms).
    pub received_ms: i64,
}

impl TemplateEvent {
    /// Reads the change back (`{"time": .., "value": {..}}`, as the receiver kept it).
    pub(super) fn of(row: TemplateRow) -> Self {
        let raw: serde_json::Value = serde_json::from_str(&row.json).unwrap_or_default();
        let value = &raw["value"];
        let text = |key: &str| value[key].as_str().map(str::to_string);
        let id = match &value["message_template_id"] {
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::String(s) => Some(s.clone()),
            _ => None,
        };
        let was = |key: &str| text(key).map(|before| format!("was {before}"));
        let (kind, event, reason) = match row.kind.as_str() {
            "template_quality" => (
                "quality",
                text("new_quality_score"),
                was("previous_quality_score"),
            ),
            "template_category" => (
                "category",
                text("new_category").or_else(|| text("correct_category")),
                was("previous_category"),
            ),
            _ => {
                let mut reason = text("reason").filter(|r| !r.is_empty() && r != "NONE");
                if let Some(title) = value["other_info"]["title"].as_str() {
                    reason = Some(match reason {
                        Some(r) => format!("{r}: {title}"),
                        None => title.to_string(),
                    });
                }
                ("status", text("event"), reason)
            }
        };
        Self {
            seq: row.seq,
            kind: kind.to_string(),
            template_id: id,
            name: text("message_template_name"),
            language: text("message_template_language"),
            event: event.unwrap_or_default(),
            reason,
            time: raw["time"].as_i64(),
            received_ms: row.received_ms,
        }
    }

    /// Whether the event is about the template with this ID, or this name and language.
    ///
    /// ```
    /// # use marketing::webhook::TemplateEvent;
    /// let event = TemplateEvent { seq: 1, kind: "status".into(), template_id: None,
    ///     name: Some("spring_sale".into()), language: Some("en_US".into()),
    ///     event: "PAUSED".into(), reason: None, time: None, received_ms: 0 };
    /// assert!(event.concerns(Some("1402280517413391"), "spring_sale", "en_US"));
    /// assert!(!event.concerns(None, "spring_sale", "pt_BR"));
    /// ```
    pub fn concerns(&self, id: Option<&str>, name: &str, language: &str) -> bool {
        match (&self.template_id, id) {
            // An ID is unique: a template deleted and created again under its name is another.
            (Some(event_id), Some(id)) => event_id == id,
            _ => {
                self.name.as_deref() == Some(name)
                    && self.language.as_deref().is_none_or(|l| l == language)
            }
        }
    }
}

/// Meta's entry `time` (Unix seconds) kept beside a single-object change.
pub(super) fn entry_time(received: &Received) -> Option<i64> {
    received.raw.get("time").and_then(serde_json::Value::as_i64)
}
