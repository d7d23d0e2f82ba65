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

use wamm_client::TemplateStatus;
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
    /// When (sandbox clock, Unix seconds) each edit accepted while the template was approved
    /// was made: Meta's once-a-day and ten-in-30-days limits count these.
    approved_edits: Vec<u64>,
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
    /// No template has this ID.
    UnknownId,
    /// No template has this name (or none this `hsm_id` in it).
    UnknownName,
    /// The template's status does not allow an edit.
    NotEditable(TemplateStatus),
    /// An approved template's category cannot change.
    CategoryOfApproved,
    /// An approved template was edited less than 24 hours ago.
    EditedToday { seconds_left: u64 },
    /// An approved template was edited 10 times in the last 30 days.
    TenEditsInThirtyDays { seconds_left: u64 },
}

/// Meta's edit limits for an approved template.
pub(crate) const EDIT_INTERVAL_SECONDS: u64 = 24 * 3600;
/// Ten edits ...
pub(crate) const MAX_EDITS_IN_WINDOW: usize = 10;
/// ... in 30 days.
pub(crate) const EDIT_WINDOW_SECONDS: u64 = 30 * 24 * 3600;

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
                    approved_edits: Vec::new(),
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
            approved_edits: Vec::new(),
            review: Some(review),
        }));
        Ok((stored, review))
    }

    /// Applies an edit to the template with this ID under Meta's limits: only an APPROVED,
    /// REJECTED or PAUSED template can be edited; an approved one keeps its category, and is
    /// edited at most once in 24 hours and 10 times in 30 days. `edit` changes a copy; the
    /// result goes back to PENDING for a review whose number is returned.
    pub(crate) fn edit(
        &self,
        id: &str,
        now: u64,
        edit: impl FnOnce(&mut MessageTemplate),
    ) -> Result<(Arc<MessageTemplate>, u64), Refusal> {
        let mut inner = self.write();
        let review = inner.next_review;
        let slot = inner
            .slots
            .iter_mut()
            .flatten()
            .find(|s| s.listed.id == id)
            .ok_or(Refusal::UnknownId)?;
        let before = Arc::clone(&slot.listed);
        let approved = match &before.status {
            TemplateStatus::Approved => true,
            TemplateStatus::Rejected | TemplateStatus::Paused => false,
            other => return Err(Refusal::NotEditable(other.clone())),
        };
        let mut after = MessageTemplate::clone(&before);
        edit(&mut after);
        if approved {
            if after.category != before.category {
                return Err(Refusal::CategoryOfApproved);
            }
            slot.approved_edits
                .retain(|at| now.saturating_sub(*at) < EDIT_WINDOW_SECONDS);
            if let Some(last) = slot.approved_edits.last()
                && now.saturating_sub(*last) < EDIT_INTERVAL_SECONDS
            {
                return Err(Refusal::EditedToday {
                    seconds_left: EDIT_INTERVAL_SECONDS - now.saturating_sub(*last),
                });
            }
            if slot.approved_edits.len() >= MAX_EDITS_IN_WINDOW {
                let oldest = slot.approved_edits[0];
                return Err(Refusal::TenEditsInThirtyDays {
                    seconds_left: EDIT_WINDOW_SECONDS - now.saturating_sub(oldest),
                });
            }
            slot.approved_edits.push(now);
            slot.approved = Some(before);
        }
        after.status = TemplateStatus::Pending;
        after.rejected_reason = None;
        slot.listed = Arc::new(after);
        slot.review = Some(review);
        let listed = Arc::clone(&slot.listed);
        inner.next_review += 1;
        Ok((listed, review))
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

    #[test]
    fn an_approved_template_is_edited_once_a_day_and_ten_times_in_30_days() {
        let store = TemplateStore::new(&builtin_templates());
        let id = store.find("spring_sale", "en_US").unwrap().id.clone();
        let day = 24 * 3600;
        for n in 0..10u64 {
            let now = n * day + 1;
            let (listed, review) = store.edit(&id, now, |_| {}).unwrap();
            assert_eq!(listed.status, TemplateStatus::Pending);
            // Still sendable as approved while the edit is reviewed.
            assert_eq!(
                store.find("spring_sale", "en_US").unwrap().status,
                TemplateStatus::Approved
            );
            assert_eq!(
                store.edit(&id, now + 1, |_| {}).unwrap_err(),
                Refusal::NotEditable(TemplateStatus::Pending)
            );
            store.decide(&id, review, None).unwrap();
            if n < 9 {
                assert!(matches!(
                    store.edit(&id, now + day - 1, |_| {}).unwrap_err(),
                    Refusal::EditedToday { seconds_left: 1 }
                ));
            }
        }
        assert!(matches!(
            store.edit(&id, 10 * day + 1, |_| {}).unwrap_err(),
            Refusal::TenEditsInThirtyDays { .. }
        ));
        assert!(store.edit(&id, 30 * day + 1, |_| {}).is_ok());
    }

    #[test]
    fn an_approved_template_keeps_its_category_and_a_stale_decision_is_dropped() {
        let store = TemplateStore::new(&builtin_templates());
        let id = store.find("spring_sale", "en_US").unwrap().id.clone();
        let refused = store
            .edit(&id, 0, |t| {
                t.category = wamm_client::TemplateCategory::Utility
            })
            .unwrap_err();
        assert_eq!(refused, Refusal::CategoryOfApproved);
        let (_, review) = store.edit(&id, 0, |_| {}).unwrap();
        store.set_status("spring_sale", None, &TemplateStatus::Paused);
        assert!(store.decide(&id, review, None).is_none());
        // A paused template is edited without limit, and may change category.
        let (_, review) = store
            .edit(&id, 1, |t| {
                t.category = wamm_client::TemplateCategory::Utility
            })
            .unwrap();
        let decided = store.decide(&id, review, Some("INVALID_FORMAT")).unwrap();
        assert_eq!(decided.status, TemplateStatus::Rejected);
        assert_eq!(decided.rejected_reason.as_deref(), Some("INVALID_FORMAT"));
        assert!(store.edit(&id, 2, |_| {}).is_ok());
        assert_eq!(store.edit("0", 2, |_| {}).unwrap_err(), Refusal::UnknownId);
    }
}
