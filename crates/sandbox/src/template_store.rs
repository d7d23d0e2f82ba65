//! The account's templates while the sandbox runs: the configured ones, those created through
//! `POST /{Version}/{WABA-ID}/message_templates`, edits, deletions and status changes.
//!
//! Each template keeps its place in the account's list for as long as the sandbox runs (the
//! list's cursors are places), a deleted one leaving an empty place. A template has two faces:
//! what the list shows (its latest content and status), and what a send is checked against.
//! They differ only while an edit of an approved template is in review: the sandbox keeps
//! sending the approved version meanwhile (see `docs/sandbox.md`, "Template review").

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use wamm_client::TemplateStatus;
use wamm_client::authoring::EditHistory;
use wamm_client::types::MessageTemplate;

/// How long a deleted name (in a language) stays unusable: Meta's 30 days.
pub(crate) const DELETED_NAME_HOLD_SECONDS: u64 = 30 * 24 * 3600;

/// The first ID given to a template created while the sandbox runs (16 digits, like Graph's).
const FIRST_CREATED_ID: u64 = 1_500_000_000_000_001;

/// One template in the account.
#[derive(Debug, Clone)]
struct Slot {
    /// What the list shows.
    listed: Arc<MessageTemplate>,
    /// While an edit of an approved template is in review: the approved version, which sends
    /// still use.
    approved: Option<Arc<MessageTemplate>>,
    /// When (sandbox clock) each edit accepted while the template was approved was made:
    /// Meta's once-a-day and ten-in-30-days limits count these.
    approved_edits: EditHistory,
    /// The review in flight, if any: its number (a decision for an older one is dropped).
    review: Option<u64>,
}

#[derive(Debug, Default)]
struct Inner {
    slots: Vec<Option<Slot>>,
    /// Deleted (name, language) and when, for the 30-day hold.
    deleted: HashMap<(String, String), u64>,
    next_id: u64,
    next_review: u64,
}

/// Why a write was refused; the handler words it as Graph does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The name already exists in that language.
    Exists,
    /// The name was deleted (in that language, or altogether) less than 30 days ago.
    RecentlyDeleted { days_left: u64 },
    /// No template has this name (or none this `hsm_id` in it).
    UnknownName,
}

/// The templates as a running sandbox holds them, in the order configured then created
/// (the order the list endpoint serves them in).
#[derive(Debug)]
pub(crate) struct TemplateStore {
    inner: RwLock<Inner>,
}

impl TemplateStore {
    pub(crate) fn new(templates: &[MessageTemplate]) -> Self {
        let slots = templates
            .iter()
            .map(|t| {
                Some(Slot {
                    listed: Arc::new(t.clone()),
                    approved: None,
                    approved_edits: EditHistory::default(),
                    review: None,
                })
            })
            .collect();
        Self {
            inner: RwLock::new(Inner {
                slots,
                deleted: HashMap::new(),
                next_id: FIRST_CREATED_ID,
                next_review: 1,
            }),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The template `name` in `language` (exactly) as a send is checked against it: the
    /// approved version while an edit of it is in review.
    pub(crate) fn find(&self, name: &str, language: &str) -> Option<Arc<MessageTemplate>> {
        self.read()
            .slots
            .iter()
            .flatten()
            .find(|s| s.listed.name == name && s.listed.language == language)
            .map(|s| Arc::clone(s.approved.as_ref().unwrap_or(&s.listed)))
    }

    /// The template with this ID, as the list shows it.
    pub(crate) fn by_id(&self, id: &str) -> Option<Arc<MessageTemplate>> {
        self.read()
            .slots
            .iter()
            .flatten()
            .find(|s| s.listed.id == id)
            .map(|s| Arc::clone(&s.listed))
    }

    /// Every template as the list shows it, with its place, in order.
    pub(crate) fn all(&self) -> Vec<(usize, Arc<MessageTemplate>)> {
        self.read()
            .slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (i, Arc::clone(&s.listed))))
            .collect()
    }

    /// How many places the list has (deleted ones included): cursors point below it.
    pub(crate) fn places(&self) -> usize {
        self.read().slots.len()
    }

    /// Sets the status of the templates called `name` (in `language` only, if given; in every
    /// language otherwise), ending any review in flight. Returns the changed templates,
    /// sorted by language; empty when none matched.
    pub(crate) fn set_status(
        &self,
        name: &str,
        language: Option<&str>,
        status: &TemplateStatus,
    ) -> Vec<Arc<MessageTemplate>> {
        let mut inner = self.write();
        let mut changed = Vec::new();
        for slot in inner.slots.iter_mut().flatten() {
            if slot.listed.name != name || language.is_some_and(|l| slot.listed.language != l) {
                continue;
            }
            let mut template = MessageTemplate::clone(&slot.listed);
            template.status = status.clone();
            slot.listed = Arc::new(template);
            slot.approved = None;
            slot.review = None;
            changed.push(Arc::clone(&slot.listed));
        }
        changed.sort_by(|a, b| a.language.cmp(&b.language));
        changed
    }

    /// Adds a template submitted for review (its `id` and `status` are set here): refused
    /// when the name exists in that language, or was deleted less than 30 days ago. Returns
    /// the template as stored and the number of its review.
    pub(crate) fn create(
        &self,
        mut template: MessageTemplate,
        now: u64,
    ) -> Result<(Arc<MessageTemplate>, u64), Refusal> {
        let mut inner = self.write();
        let (name, language) = (template.name.clone(), template.language.clone());
        if inner
            .slots
            .iter()
            .flatten()
            .any(|s| s.listed.name == name && s.listed.language == language)
        {
            return Err(Refusal::Exists);
        }
        let name_live = inner.slots.iter().flatten().any(|s| s.listed.name == name);
        let hold = inner
            .deleted
            .iter()
            .filter(|((n, l), _)| *n == name && (*l == language || !name_live))
            .map(|(_, at)| (at + DELETED_NAME_HOLD_SECONDS).saturating_sub(now))
            .max()
            .unwrap_or(0);
        if hold > 0 {
            return Err(Refusal::RecentlyDeleted {
                days_left: hold.div_ceil(24 * 3600),
            });
        }
        let taken: Vec<String> = inner
            .slots
            .iter()
            .flatten()
            .map(|s| s.listed.id.clone())
            .collect();
        while taken.contains(&inner.next_id.to_string()) {
            inner.next_id += 1;
        }
        template.id = inner.next_id.to_string();
        inner.next_id += 1;
        template.status = TemplateStatus::Pending;
        let review = inner.next_review;
        inner.next_review += 1;
        let stored = Arc::new(template);
        inner.slots.push(Some(Slot {
            listed: Arc::clone(&stored),
            approved: None,
            approved_edits: EditHistory::default(),
            review: Some(review),
        }));
        Ok((stored, review))
    }

    /// Edits the template with this ID. `edit` sees the template as listed and the edits
    /// made to it while approved (Meta's limits count these), and returns the edited
    /// template (with anything else to hand back) or why it is refused; all under one lock,
    /// so two edits cannot both pass the limits. An edited template goes back to PENDING
    /// for a review whose number is returned; an approved one stays sendable as it was
    /// until then. `Err(None)`: no template has this ID.
    pub(crate) fn edit<T, E>(
        &self,
        id: &str,
        at: SystemTime,
        edit: impl FnOnce(&MessageTemplate, &EditHistory) -> Result<(MessageTemplate, T), E>,
    ) -> Result<(Arc<MessageTemplate>, u64, T), Option<E>> {
        let mut inner = self.write();
        let review = inner.next_review;
        let slot = inner
            .slots
            .iter_mut()
            .flatten()
            .find(|s| s.listed.id == id)
            .ok_or(None)?;
        let before = Arc::clone(&slot.listed);
        let (mut after, extra) = edit(&before, &slot.approved_edits).map_err(Some)?;
        if before.status == TemplateStatus::Approved {
            slot.approved_edits.record(at);
            slot.approved = Some(before);
        }
        after.id = slot.listed.id.clone();
        after.status = TemplateStatus::Pending;
        after.rejected_reason = None;
        slot.listed = Arc::new(after);
        slot.review = Some(review);
        let listed = Arc::clone(&slot.listed);
        inner.next_review += 1;
        Ok((listed, review, extra))
    }

    /// Ends review `review` of the template with this ID: APPROVED, or REJECTED with
    /// `reason`. Returns the template as it then stands, or `None` when that review is no
    /// longer the template's (deleted, edited again, or its status set meanwhile).
    pub(crate) fn decide(
        &self,
        id: &str,
        review: u64,
        rejected: Option<&str>,
    ) -> Option<Arc<MessageTemplate>> {
        let mut inner = self.write();
        let slot = inner
            .slots
            .iter_mut()
            .flatten()
            .find(|s| s.listed.id == id && s.review == Some(review))?;
        let mut template = MessageTemplate::clone(&slot.listed);
        match rejected {
            None => {
                template.status = TemplateStatus::Approved;
                template.rejected_reason = None;
            }
            Some(reason) => {
                template.status = TemplateStatus::Rejected;
                template.rejected_reason = Some(reason.to_string());
            }
        }
        slot.listed = Arc::new(template);
        slot.approved = None;
        slot.review = None;
        Some(Arc::clone(&slot.listed))
    }

    /// Deletes the templates called `name`: every language, or only the one whose ID is
    /// `hsm_id`. Returns what was deleted; the names stay unusable for 30 days.
    pub(crate) fn delete(
        &self,
        name: &str,
        hsm_id: Option<&str>,
        now: u64,
    ) -> Result<Vec<Arc<MessageTemplate>>, Refusal> {
        let mut inner = self.write();
        let mut gone = Vec::new();
        for place in inner.slots.iter_mut() {
            let Some(slot) = place else { continue };
            if slot.listed.name != name || hsm_id.is_some_and(|id| slot.listed.id != id) {
                continue;
            }
            gone.push(Arc::clone(&slot.listed));
            *place = None;
        }
        if gone.is_empty() {
            return Err(Refusal::UnknownName);
        }
        for template in &gone {
            inner
                .deleted
                .insert((template.name.clone(), template.language.clone()), now);
        }
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin_templates;

    fn with_second_language() -> TemplateStore {
        let mut other = builtin_templates()[0].clone();
        other.language = "en_GB".into();
        other.id = "77".into();
        let mut all = builtin_templates();
        all.push(other);
        TemplateStore::new(&all)
    }

    #[test]
    fn a_status_change_replaces_the_template_in_every_language_or_one() {
        let store = with_second_language();
        let languages = |changed: Vec<Arc<MessageTemplate>>| -> Vec<String> {
            changed.iter().map(|t| t.language.clone()).collect()
        };
        assert_eq!(
            languages(store.set_status("spring_sale", None, &TemplateStatus::Paused)),
            ["en_GB", "en_US"]
        );
        assert_eq!(
            store.find("spring_sale", "en_US").unwrap().status,
            TemplateStatus::Paused
        );
        assert_eq!(
            languages(store.set_status("spring_sale", Some("en_GB"), &TemplateStatus::Approved)),
            ["en_GB"]
        );
        assert_eq!(
            store.find("spring_sale", "en_US").unwrap().status,
            TemplateStatus::Paused
        );
        assert!(
            store
                .set_status("nope", None, &TemplateStatus::Paused)
                .is_empty()
        );
        assert!(store.find("spring_sale", "de").is_none());
        assert_eq!(store.all().len(), 6);
    }

    #[test]
    fn a_deleted_template_leaves_its_place_and_holds_its_name_for_30_days() {
        let store = with_second_language();
        let gone = store.delete("spring_sale", Some("77"), 1_000).unwrap();
        assert_eq!(gone.len(), 1);
        assert_eq!(store.places(), 6);
        assert_eq!(store.all().len(), 5);
        assert_eq!(store.all()[4].0, 4, "places do not move");
        let mut again = builtin_templates()[0].clone();
        again.language = "en_GB".into();
        assert_eq!(
            store.create(again.clone(), 1_000 + 3600).unwrap_err(),
            Refusal::RecentlyDeleted { days_left: 30 }
        );
        // Another language of a name still in use is free.
        let mut french = again.clone();
        french.language = "fr".into();
        assert!(store.create(french, 1_000).is_ok());
        assert!(
            store
                .create(again, 1_000 + DELETED_NAME_HOLD_SECONDS)
                .is_ok()
        );
        assert_eq!(
            store.delete("no_such", None, 0).unwrap_err(),
            Refusal::UnknownName
        );
    }

    /// An edit that changes nothing and refuses nothing.
    fn unchanged(
        t: &MessageTemplate,
        _: &EditHistory,
    ) -> Result<(MessageTemplate, ()), &'static str> {
        Ok((t.clone(), ()))
    }

    #[test]
    fn an_edit_of_an_approved_template_is_pending_and_its_approved_version_still_sent() {
        let store = TemplateStore::new(&builtin_templates());
        let id = store.find("spring_sale", "en_US").unwrap().id.clone();
        let at = SystemTime::UNIX_EPOCH;
        let (listed, review, ()) = store.edit(&id, at, unchanged).unwrap();
        assert_eq!(listed.status, TemplateStatus::Pending);
        assert_eq!(
            store.find("spring_sale", "en_US").unwrap().status,
            TemplateStatus::Approved
        );
        // The edit while approved is in the history the next edit is judged by.
        let seen = store
            .edit(&id, at, |_, history| {
                Err::<(MessageTemplate, ()), _>(history.edits().to_vec())
            })
            .unwrap_err();
        assert_eq!(seen, Some(vec![at]));
        let decided = store.decide(&id, review, Some("INVALID_FORMAT")).unwrap();
        assert_eq!(decided.status, TemplateStatus::Rejected);
        assert_eq!(decided.rejected_reason.as_deref(), Some("INVALID_FORMAT"));
        // Rejected: no longer sendable, and editable again.
        assert_eq!(
            store.find("spring_sale", "en_US").unwrap().status,
            TemplateStatus::Rejected
        );
        store.edit(&id, at, unchanged).unwrap();
        assert!(matches!(store.edit("0", at, unchanged), Err(None)));
    }

    #[test]
    fn a_stale_decision_is_dropped() {
        let store = TemplateStore::new(&builtin_templates());
        let id = store.find("spring_sale", "en_US").unwrap().id.clone();
        let (_, review, ()) = store.edit(&id, SystemTime::UNIX_EPOCH, unchanged).unwrap();
        store.set_status("spring_sale", None, &TemplateStatus::Paused);
        assert!(store.decide(&id, review, None).is_none());
    }
}
