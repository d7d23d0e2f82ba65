//! From a row of the list to a message to send: the recipient's address in the form
//! duplicates are matched by, the placeholders filled, the body checked as the API would
//! check it; and, with an event store, the recipients who stopped marketing messages left
//! out. A row that cannot become a message is recorded invalid; the run goes on.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;
use wamm_client::validation::Validator;

use super::super::CampaignError;
use super::super::definition::{CampaignDefinition, RecipientKind};
use super::super::halt::HaltRules;
use super::super::journal::{JournalStore, Op};
use super::super::placeholders::MessagePattern;
use super::super::recipients::Row;
use super::super::variants::{self, Arm, Assignment};
use super::Progress;
use super::budget::Budget;
use super::dispatch::Work;
use crate::message::Recipient;

/// Turns rows into work, one message at a time.
pub(super) struct Admission {
    definition: CampaignDefinition,
    /// One message per variant (the campaign's `[message]` alone without variants), each with
    /// the body filled for the last row that got it: each row's values are written into it,
    /// so no row copies the whole template.
    variants: Vec<(MessagePattern, Value)>,
    /// Which variant (or the holdout) each recipient falls in.
    assignment: Assignment,
    /// The arms of the rows admitted since the journal last recorded them, when the campaign
    /// has variants or a holdout.
    arms: Vec<(u64, usize)>,
    /// Where opt-outs are recorded, when the run was given an event store.
    suppressions: Option<crate::webhook::EventStore>,
    /// The daily budget, when the run has one: every row admitted spends one.
    budget: Option<Arc<Budget>>,
}

impl Admission {
    pub(super) fn new(
        definition: CampaignDefinition,
        template: MessagePattern,
        suppressions: Option<crate::webhook::EventStore>,
        budget: Option<Arc<Budget>>,
    ) -> Self {
        let patterns = if definition.variants.is_empty() {
            vec![template]
        } else {
            variants::patterns(&definition)
        };
        Self {
            variants: patterns
                .into_iter()
                .map(|p| {
                    let filled = p.unfilled();
                    (p, filled)
                })
                .collect(),
            assignment: Assignment::of(&definition),
            arms: Vec::new(),
            definition,
            suppressions,
            budget,
        }
    }

    /// Records the arms of the rows admitted so far in `journal`, before their reservations
    /// or outcomes are committed (see [`JournalStore::record_arms`]).
    pub(super) fn record_arms(
        &mut self,
        journal: &mut dyn JournalStore,
    ) -> Result<(), CampaignError> {
        if self.arms.is_empty() {
            return Ok(());
        }
        // A line may be here twice (a worker loads a row, then claims it): the later wins, as
        // one statement may not write one line twice.
        self.arms.reverse();
        self.arms.sort_by_key(|(line, _)| *line);
        self.arms.dedup_by_key(|(line, _)| *line);
        let arms: Vec<(u64, &str)> = self
            .arms
            .iter()
            .map(|(line, v)| (*line, self.assignment.name(*v)))
            .collect();
        journal.record_arms(&arms)?;
        self.arms.clear();
        Ok(())
    }

    /// How many more rows may be admitted: what is left of the daily budget (no limit
    /// without one). The feeder asks for no more rows than this.
    pub(super) fn budget_room(&self) -> usize {
        self.budget.as_ref().map_or(usize::MAX, |b| {
            usize::try_from(b.room()).unwrap_or(usize::MAX)
        })
    }

    /// The stop to record when the daily budget is spent; `None` while it is not (or there
    /// is none).
    pub(super) fn budget_stop(&self) -> Option<super::super::halt::StopReason> {
        let budget = self.budget.as_ref()?;
        (budget.room() == 0).then(|| budget.reached(crate::now_ms()))
    }

    /// When the run stops by itself (the campaign's `[halt]` table).
    pub(super) fn halt_rules(&self) -> &HaltRules {
        &self.definition.halt
    }

    /// The messages for `rows` to send, each with its recipient's key, in order; the rows that
    /// are recorded instead (invalid, or the user stopped marketing messages) are left out,
    /// their ops pushed to `ops` and counted in `counts`. The event store, when there is one,
    /// is asked about the whole batch at once.
    pub(super) fn admit(
        &mut self,
        rows: &[Row],
        counts: &mut Progress,
        ops: &mut Vec<Op>,
    ) -> Result<Vec<(Work, String)>, CampaignError> {
        let mut prepared = Vec::with_capacity(rows.len());
        for row in rows {
            match self.prepare(row) {
                Ok(Prepared::Send(work)) => {
                    let key = work.key.clone();
                    prepared.push((work, key));
                }
                Ok(Prepared::HeldOut { line, .. }) => {
                    counts.held_out += 1;
                    ops.push(Op::HeldOut { line });
                }
                Err(reason) => {
                    counts.invalid += 1;
                    ops.push(Op::Invalid {
                        line: row.line,
                        reason,
                    });
                }
            }
        }
        let stopped = match &self.suppressions {
            Some(store) => {
                let keys: Vec<&str> = prepared.iter().map(|(_, key)| key.as_str()).collect();
                store
                    .suppressions_of(&keys)
                    .map_err(|e| CampaignError::Input(e.to_string()))?
            }
            None => HashMap::new(),
        };
        let mut admitted = Vec::with_capacity(prepared.len());
        for (work, key) in prepared {
            if let Some(s) = stopped.get(&key) {
                counts.suppressed += 1;
                ops.push(Op::Suppressed {
                    line: work.line,
                    reason: format!(
                        "the user stopped marketing messages ({}, at {})",
                        s.source, s.at
                    ),
                });
                continue;
            }
            admitted.push((work, key));
        }
        if let Some(budget) = &self.budget {
            // The feeder asks for no more rows than the budget has room for; should more
            // come, they go back to pending, unsent.
            let room = usize::try_from(budget.room()).unwrap_or(usize::MAX);
            if admitted.len() > room {
                for (work, _) in admitted.split_off(room) {
                    ops.push(Op::Pending {
                        line: work.line,
                        attempts: work.attempts,
                    });
                }
            }
            budget.spend(admitted.len() as u64);
        }
        Ok(admitted)
    }

    /// The message for one row (or that it is held out), or why the row is invalid.
    pub(super) fn prepare(&mut self, row: &Row) -> Result<Prepared, String> {
        let column = &self.definition.recipient_column;
        let address = row
            .get(column)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format!("column `{column}` is missing or empty"))?;
        let (field, recipient) = match self.definition.recipient_kind {
            // The number as WhatsApp expects it, so that one person written two ways is one
            // recipient (and the duplicate is skipped).
            RecipientKind::Phone => (
                "to",
                Recipient::Phone(
                    crate::phone::normalise_phone(address)
                        .map_err(|e| format!("column `{column}`: {e}"))?,
                ),
            ),
            RecipientKind::Bsuid => ("recipient", Recipient::Bsuid(address.to_string())),
        };
        let key = recipient.canonical().to_string();
        let trivial = self.assignment.is_trivial();
        let variant = match self.assignment.arm(&key) {
            Arm::HeldOut => {
                return Ok(Prepared::HeldOut {
                    line: row.line,
                    key,
                });
            }
            Arm::Variant(v) => v,
        };
        if !trivial {
            self.arms.push((row.line, variant));
        }
        let (template, filled) = &mut self.variants[variant];
        template.fill(row, filled)?;
        if let Value::Object(map) = filled {
            // Written over the last row's address when there is one: no allocation per row.
            match map.get_mut(field) {
                Some(Value::String(to)) => {
                    to.clear();
                    to.push_str(recipient.as_str());
                }
                _ => {
                    map.insert(
                        field.to_string(),
                        Value::String(recipient.as_str().to_string()),
                    );
                }
            }
        }
        // Checked as a message would be (unknown fields refused), and kept as that JSON.
        let (body, _) = Validator::shared()
            .checked_body(filled, |_| false)
            .map_err(|problems| {
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
        Ok(Prepared::Send(Work {
            line: row.line,
            body,
            key,
            attempts: 0,
        }))
    }
}

/// A row admitted: its message, or the holdout's record.
pub(super) enum Prepared {
    /// Send this.
    Send(Work),
    /// In the control group: recorded `held out`, never sent.
    HeldOut {
        /// The row's line.
        line: u64,
        /// The recipient, in the form duplicates are matched by.
        key: String,
    },
}

impl Prepared {
    /// The recipient, in the form duplicates are matched by.
    pub(super) fn key(&self) -> &str {
        match self {
            Self::Send(work) => &work.key,
            Self::HeldOut { key, .. } => key,
        }
    }
}
