//! Stopping a run whose template Meta takes away while it sends. Meta tells the account's
//! webhook (`message_template_status_update`) when a template is rejected, paused for low
//! quality or disabled; sends with it are refused from then on (132015 paused, 132016
//! disabled, 132001 no longer approved), and the run stops on those refusals anyway
//! ([`RULES`](crate::RULES)). With an event store (`--events`), the run also stops on the
//! webhook itself, before it sends more: it looks for new template events every second and
//! halts on a stopping one about its template, recorded after the template was checked (or
//! the run started), that no later event (an approval) has undone. Rows not sent stay pending; `resume` goes on once the
//! template is approved again.

use std::path::Path;
use std::time::{Duration, Instant};

use super::CampaignError;
use super::definition::CampaignDefinition;
use super::halt::StopReason;
use super::report::Report;
use super::template_link::TemplateVersion;
use crate::classify::ErrorClass;
use crate::webhook::{EventStore, TemplateEvent};

/// The template statuses that stop a run: Meta refuses sends with such a template.
pub const TEMPLATE_STOPPING_EVENTS: [&str; 5] = [
    "REJECTED",
    "PAUSED",
    "DISABLED",
    "PENDING_DELETION",
    "DELETED",
];

/// How often a run looks for new template events.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// The stop reason for a template status event, when the event is one that stops a run.
///
/// ```
/// use marketing::campaign::template_stop_reason;
/// use marketing::webhook::TemplateEvent;
///
/// let paused = TemplateEvent { seq: 7, kind: "status".into(),
///     template_id: Some("1402280517413391".into()), name: Some("spring_sale".into()),
///     language: Some("en_US".into()), event: "PAUSED".into(),
///     reason: Some("low quality".into()), time: Some(1764072000), received_ms: 0 };
/// let reason = template_stop_reason(&paused).expect("a pause stops the run");
/// assert!(reason.message.starts_with("template spring_sale en_US was PAUSED (low quality)"), "{reason}");
/// let approved = TemplateEvent { event: "APPROVED".into(), ..paused };
/// assert!(template_stop_reason(&approved).is_none());
/// ```
pub fn template_stop_reason(event: &TemplateEvent) -> Option<StopReason> {
    if event.kind != "status" || !TEMPLATE_STOPPING_EVENTS.contains(&event.event.as_str()) {
        return None;
    }
    let name = event.name.as_deref().unwrap_or("(unnamed)");
    let language = event.language.as_deref().unwrap_or("");
    let id = event
        .template_id
        .as_deref()
        .map(|id| format!(" (id {id})"))
        .unwrap_or_default();
    let reason = event
        .reason
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    Some(StopReason {
        class: Some(ErrorClass::TemplateUnusable),
        code: None,
        message: format!(
            "template {name} {language} was {}{reason} while the campaign ran{id}, as Meta's message_template_status_update webhook says: stopped before sending more; the rows not sent stay pending: resume once the template is approved again (or with a campaign file that names another template)",
            event.event
        ),
    })
}

/// Which template a run watches: its ID when the run checked it, and its name and language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Watched {
    id: Option<String>,
    name: String,
    language: String,
}

impl Watched {
    /// The template of a run: the one it checked, or the one its message names (when the
    /// name and language are written in the campaign, not taken from the list).
    pub(crate) fn of(
        checked: Option<&TemplateVersion>,
        definition: &CampaignDefinition,
    ) -> Option<Self> {
        if let Some(t) = checked {
            return Some(Self {
                id: Some(t.id.clone()),
                name: t.name.clone(),
                language: t.language.clone(),
            });
        }
        let template = &definition.message["template"];
        fn literal(v: &serde_json::Value) -> Option<String> {
            v.as_str().filter(|s| !s.contains("{{")).map(str::to_string)
        }
        Some(Self {
            id: None,
            name: literal(&template["name"])?,
            language: literal(&template["language"]["code"])?,
        })
    }

    fn concerns(&self, event: &TemplateEvent) -> bool {
        event.concerns(self.id.as_deref(), &self.name, &self.language)
    }
}

/// Watches the event store for a stopping status of the run's template.
#[derive(Debug)]
pub(crate) struct TemplateWatch {
    store: EventStore,
    template: Watched,
    /// Events recorded before this (Unix ms) are the past: the template was checked (or the
    /// run started) after them.
    since_ms: i64,
    /// The last event looked at.
    after: i64,
    /// The newest status event of the template since the run started.
    latest: Option<TemplateEvent>,
    last_poll: Option<Instant>,
}

impl TemplateWatch {
    /// Watches `events` for `template`, from `since_ms` on.
    pub(crate) fn open(
        events: &Path,
        template: Watched,
        since_ms: i64,
    ) -> Result<Self, CampaignError> {
        let store = super::read_events(events)?;
        tracing::info!(
            template = %template.name,
            language = %template.language,
            template_id = template.id.as_deref(),
            "watching the template's status in the event store"
        );
        Ok(Self {
            store,
            template,
            since_ms,
            after: 0,
            latest: None,
            last_poll: None,
        })
    }

    /// Looks for new events when a second has passed since the last look; the reason to stop
    /// when the template's newest status since the run started is a stopping one. A store
    /// that cannot be read now is tried again next time (the sends' refusals still stop the
    /// run).
    pub(crate) fn poll(&mut self) -> Option<StopReason> {
        if self.last_poll.is_some_and(|at| at.elapsed() < POLL_EVERY) {
            return None;
        }
        self.last_poll = Some(Instant::now());
        self.check()
    }

    /// Looks now.
    pub(crate) fn check(&mut self) -> Option<StopReason> {
        let events = self.store.template_events(self.after).ok()?;
        for event in events {
            self.after = self.after.max(event.seq);
            if event.kind == "status"
                && event.received_ms >= self.since_ms
                && self.template.concerns(&event)
            {
                tracing::info!(
                    template = %self.template.name,
                    language = %self.template.language,
                    status = %event.event,
                    "the template's status changed"
                );
                self.latest = Some(event);
            }
        }
        self.latest.as_ref().and_then(template_stop_reason)
    }
}

impl Report {
    /// Adds the template events the webhook receiver's event store recorded for the templates
    /// this campaign sent with (by ID, or by name and language), oldest first.
    ///
    /// ```no_run
    /// use marketing::campaign::Report;
    /// use std::path::Path;
    ///
    /// let mut report = Report::load(Path::new("spring.journal"))?;
    /// report.add_template_events(Path::new("events.db"))?;
    /// for event in report.template_events.as_deref().unwrap_or_default() {
    ///     println!("{} {:?} {:?}", event.event, event.reason, event.time);
    /// }
    /// # Ok::<(), marketing::campaign::CampaignError>(())
    /// ```
    pub fn add_template_events(&mut self, events: &Path) -> Result<(), CampaignError> {
        let store = super::read_events(events)?;
        let all = store
            .template_events(0)
            .map_err(|e| CampaignError::Input(e.to_string()))?;
        let mine: Vec<TemplateEvent> = all
            .into_iter()
            .filter(|event| {
                self.templates
                    .iter()
                    .any(|t| event.concerns(Some(&t.id), &t.name, &t.language))
            })
            .collect();
        self.template_events = Some(mine);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: i64, what: &str, received_ms: i64) -> TemplateEvent {
        TemplateEvent {
            seq,
            kind: "status".into(),
            template_id: Some("14".into()),
            name: Some("spring_sale".into()),
            language: Some("en_US".into()),
            event: what.into(),
            reason: None,
            time: None,
            received_ms,
        }
    }

    #[test]
    fn only_stopping_statuses_stop_a_run() {
        for status in TEMPLATE_STOPPING_EVENTS {
            assert!(
                template_stop_reason(&event(1, status, 0)).is_some(),
                "{status}"
            );
        }
        for status in ["APPROVED", "PENDING", "FLAGGED", "REINSTATED", ""] {
            assert!(
                template_stop_reason(&event(1, status, 0)).is_none(),
                "{status}"
            );
        }
        let quality = TemplateEvent {
            kind: "quality".into(),
            ..event(1, "PAUSED", 0)
        };
        assert!(template_stop_reason(&quality).is_none());
    }

    #[test]
    fn without_a_checked_template_the_campaign_file_names_it() {
        let file = |template: &str| {
            CampaignDefinition::from_toml(
                &format!("name = \"spring\"\n[message.template]\n{template}\n"),
                "spring.toml",
            )
            .unwrap()
        };
        let named = file(
            r#"name = "spring_sale"
language = { code = "en_US" }"#,
        );
        assert_eq!(
            Watched::of(None, &named),
            Some(Watched {
                id: None,
                name: "spring_sale".into(),
                language: "en_US".into()
            })
        );
        // A template the list chooses cannot be watched: the refusals still stop the run.
        let from_list = file(
            r#"name = "{{template}}"
language = { code = "en_US" }"#,
        );
        assert_eq!(Watched::of(None, &from_list), None);
    }

    #[test]
    fn a_template_is_matched_by_id_or_by_name_and_language() {
        let watched = Watched {
            id: Some("14".into()),
            name: "spring_sale".into(),
            language: "en_US".into(),
        };
        assert!(watched.concerns(&event(1, "PAUSED", 0)));
        let other_id = TemplateEvent {
            template_id: Some("15".into()),
            name: Some("autumn".into()),
            ..event(1, "PAUSED", 0)
        };
        assert!(!watched.concerns(&other_id));
        let other_language = TemplateEvent {
            template_id: None,
            language: Some("pt_BR".into()),
            ..event(1, "PAUSED", 0)
        };
        assert!(!watched.concerns(&other_language));
    }
}
