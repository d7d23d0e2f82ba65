//! When a campaign stops by itself: the rules that tell a mistake in the whole run from a
//! problem with one recipient.
//!
//! Three things stop a run, each leaving everyone not yet sent pending for `resume`:
//! - an error whose [rule](crate::CodeRule) says it concerns the whole run (token, permission,
//!   account, template, routing, spam);
//! - the same refusal code on the first [`HaltRules::same_refusal`] sends in a row, which
//!   catches run-wide mistakes the table cannot know (a wrong phone number ID is answered with
//!   the generic 100); those rows are put back to pending, since Meta created nothing;
//! - a storm of outcomes that may or may not have been sent (timeouts, lost connections,
//!   5xx): [`HaltRules::unknown_in_a_row`] in a row, or more than
//!   [`HaltRules::unknown_share`] of the last [`HaltRules::unknown_window`]. An outage must not
//!   turn the rest of a list into `unknown`.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::journal::Op;
use crate::classify::{ErrorClass, rule};

/// The campaign file's `[halt]` table: when a run stops by itself.
///
/// (The JSON Schema takes its description from the attribute below, not from this text.)
///
/// ```
/// let rules = marketing::campaign::HaltRules::default();
/// assert_eq!(rules.same_refusal, 5);
/// assert_eq!(rules.unknown_in_a_row, 10);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "When a run stops by itself, leaving everyone not yet sent for `resume`.")]
pub struct HaltRules {
    /// Stop when the first this-many sends of a run are all refused with the same error code
    /// (0: never). The refused rows go back to pending.
    #[serde(default = "default_same_refusal")]
    pub same_refusal: u32,
    /// Stop after this many outcomes in a row that may or may not have been sent (0: never).
    #[serde(default = "default_unknown_in_a_row")]
    pub unknown_in_a_row: u32,
    /// Stop when more than this share (0 to 1) of the last `unknown_window` outcomes may or may
    /// not have been sent (1: never).
    #[serde(default = "default_unknown_share")]
    pub unknown_share: f64,
    /// How many recent outcomes `unknown_share` looks at.
    #[serde(default = "default_unknown_window")]
    pub unknown_window: u32,
}

fn default_same_refusal() -> u32 {
    5
}
fn default_unknown_in_a_row() -> u32 {
    10
}
fn default_unknown_share() -> f64 {
    0.25
}
fn default_unknown_window() -> u32 {
    200
}

impl Default for HaltRules {
    fn default() -> Self {
        Self {
            same_refusal: default_same_refusal(),
            unknown_in_a_row: default_unknown_in_a_row(),
            unknown_share: default_unknown_share(),
            unknown_window: default_unknown_window(),
        }
    }
}

impl HaltRules {
    /// Checks the values; `Err` names the field and what was expected.
    pub(crate) fn check(&self) -> Result<(), (&'static str, String)> {
        if !(self.unknown_share.is_finite() && (0.0..=1.0).contains(&self.unknown_share)) {
            return Err((
                "halt.unknown_share",
                format!("{}, expected a share from 0 to 1", self.unknown_share),
            ));
        }
        if self.unknown_window == 0 || self.unknown_window > 100_000 {
            return Err((
                "halt.unknown_window",
                format!("{}, expected 1 to 100000", self.unknown_window),
            ));
        }
        Ok(())
    }
}

/// Why a run stopped before the end of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopReason {
    /// The class of the error that stopped it; `None` when stopped on request (Ctrl-C), because
    /// the API could not be reached, or because too many outcomes were unknown.
    pub class: Option<ErrorClass>,
    /// The Graph error code behind it, when there is one.
    pub code: Option<i64>,
    /// What happened and what to do.
    pub message: String,
}

impl StopReason {
    /// A stop no Graph error caused (a stop on request, a list that changed, a lease that may
    /// have run out): no class, no code, only what happened and what to do.
    ///
    /// ```
    /// use marketing::campaign::StopReason;
    ///
    /// let reason = StopReason::local("stopped on request");
    /// assert_eq!((reason.class, reason.code), (None, None));
    /// assert_eq!(reason.to_string(), "stopped on request");
    /// ```
    pub fn local(message: impl Into<String>) -> Self {
        Self {
            class: None,
            code: None,
            message: message.into(),
        }
    }

    /// A stop as a summary's JSON writes it: `(stopped, stopped_code)`, both `None` when
    /// nothing stopped.
    pub(crate) fn message_and_code(stopped: Option<Self>) -> (Option<String>, Option<i64>) {
        match stopped {
            Some(reason) => (Some(reason.message), reason.code),
            None => (None, None),
        }
    }
}

impl std::fmt::Display for StopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The first reason the run stopped, shared by the journal worker and the senders.
#[derive(Debug, Default)]
pub(crate) struct Halt {
    reason: Mutex<Option<StopReason>>,
    /// Whether `reason` is set: asked several times per message, so read without the lock.
    set: AtomicBool,
}

impl Halt {
    pub(crate) fn is_set(&self) -> bool {
        self.set.load(Ordering::Acquire) || self.reason.is_poisoned()
    }

    /// Records `reason` unless the run already stopped for another.
    pub(crate) fn set(&self, reason: StopReason) {
        if let Ok(mut h) = self.reason.lock()
            && h.is_none()
        {
            // Info, not warn: the command that runs the campaign says it already, and the
            // default level (warn) must not repeat it.
            tracing::info!(
                code = reason.code,
                class = reason.class.map(|c| c.as_str()),
                reason = %reason.message,
                "campaign run stops"
            );
            *h = Some(reason);
        }
        // After the reason, so whoever sees the flag finds the reason too.
        self.set.store(true, Ordering::Release);
    }

    pub(crate) fn reason(&self) -> Option<StopReason> {
        self.reason.lock().ok().and_then(|h| h.clone())
    }
}

/// Watches outcomes in the order the journal records them and trips the last two rules.
#[derive(Debug)]
pub(crate) struct Tripwire {
    rules: HaltRules,
    /// The code the first sends were refused with, and those rows (line, attempts), while
    /// every send so far was refused with it.
    first_refusals: Option<FirstRefusals>,
    /// False once a send succeeded or was refused with another code.
    watching_first: bool,
    /// The code whose refusals are put back to pending after the rule tripped.
    released_code: Option<Option<i64>>,
    unknown_run: u32,
    window: VecDeque<bool>,
    unknown_in_window: usize,
}

/// The first sends of a run, all refused with one code so far.
#[derive(Debug)]
struct FirstRefusals {
    code: Option<i64>,
    /// The first answer, as it was reported.
    reason: String,
    /// (line, attempts) of each.
    rows: Vec<(u64, u32)>,
}

/// What the journal worker does with an outcome after the tripwire saw it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Record it as it is.
    Record,
    /// The rule tripped now: stop the run, and put these rows (line, attempts) back to
    /// pending, the current one included.
    Stop(StopReason, Vec<(u64, u32)>),
    /// The run already stopped for this refusal: put the row back to pending.
    Release,
}

impl Tripwire {
    pub(crate) fn new(rules: HaltRules) -> Self {
        Self {
            watching_first: rules.same_refusal > 0,
            rules,
            first_refusals: None,
            released_code: None,
            unknown_run: 0,
            window: VecDeque::new(),
            unknown_in_window: 0,
        }
    }

    /// Looks at one final outcome. `attempts` is the row's attempt count.
    pub(crate) fn observe(&mut self, op: &Op, attempts: u32) -> Verdict {
        let (unknown, refused) = match op {
            Op::Sent { .. } => (false, None),
            Op::Failed { code, .. } => (false, Some(*code)),
            Op::Unknown { .. } => (true, None),
            Op::Invalid { .. }
            | Op::Suppressed { .. }
            | Op::HeldOut { .. }
            | Op::Pending { .. } => {
                return Verdict::Record;
            }
        };
        if let (Some(code), Some(released)) = (refused, self.released_code)
            && code == released
        {
            return Verdict::Release;
        }
        if let Some(verdict) = self.watch_first(op, refused, attempts) {
            return verdict;
        }
        self.watch_unknown(unknown)
    }

    fn watch_first(
        &mut self,
        op: &Op,
        refused: Option<Option<i64>>,
        attempts: u32,
    ) -> Option<Verdict> {
        if !self.watching_first {
            return None;
        }
        let Some(code) = refused else {
            if matches!(op, Op::Sent { .. }) {
                self.watching_first = false;
                self.first_refusals = None;
            }
            return None;
        };
        let (line, first_reason) = match op {
            Op::Failed { line, reason, .. } => (*line, reason),
            _ => return None,
        };
        let streak = self.first_refusals.get_or_insert_with(|| FirstRefusals {
            code,
            reason: first_reason.clone(),
            rows: Vec::new(),
        });
        if streak.code != code {
            self.watching_first = false;
            self.first_refusals = None;
            return None;
        }
        streak.rows.push((line, attempts));
        if streak.rows.len() < self.rules.same_refusal as usize {
            return None;
        }
        let FirstRefusals {
            code,
            reason: first_reason,
            rows,
        } = self.first_refusals.take()?;
        self.watching_first = false;
        self.released_code = Some(code);
        let described = match code {
            Some(code) => {
                let meaning = rule(code).meaning;
                if meaning.is_empty() {
                    format!("code {code}")
                } else {
                    format!("code {code} ({meaning})")
                }
            }
            None => "the same error".to_string(),
        };
        let reason = StopReason {
            class: code.map(|c| rule(c).class),
            code,
            message: format!(
                "the first {} sends were all refused with {described}, so the mistake is likely in the campaign or the settings, not in the list; those rows are pending again. The first answer: {first_reason}",
                rows.len()
            ),
        };
        Some(Verdict::Stop(reason, rows))
    }

    fn watch_unknown(&mut self, unknown: bool) -> Verdict {
        self.unknown_run = if unknown { self.unknown_run + 1 } else { 0 };
        self.window.push_back(unknown);
        self.unknown_in_window += usize::from(unknown);
        if self.window.len() > self.rules.unknown_window as usize
            && self.window.pop_front() == Some(true)
        {
            self.unknown_in_window -= 1;
        }
        let in_a_row =
            self.rules.unknown_in_a_row > 0 && self.unknown_run >= self.rules.unknown_in_a_row;
        let share = self.window.len() >= self.rules.unknown_window as usize
            && self.unknown_in_window as f64 > self.rules.unknown_share * self.window.len() as f64;
        if !(in_a_row || share) {
            return Verdict::Record;
        }
        let what = if in_a_row {
            format!("{} outcomes in a row", self.unknown_run)
        } else {
            format!(
                "{} of the last {} outcomes",
                self.unknown_in_window,
                self.window.len()
            )
        };
        Verdict::Stop(
            StopReason::local(format!(
                "{what} may or may not have been sent (timeouts, lost connections or server errors): Meta or the network may be failing, so nothing more is sent. Those rows stay unknown and are not resent"
            )),
            Vec::new(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(line: u64, code: i64) -> Op {
        Op::Failed {
            line,
            code: Some(code),
            reason: String::new(),
        }
    }

    fn sent(line: u64) -> Op {
        Op::Sent {
            line,
            wamid: "w".into(),
            status: None,
            from: None,
        }
    }

    fn unknown(line: u64) -> Op {
        Op::Unknown {
            line,
            code: None,
            reason: String::new(),
        }
    }

    #[test]
    fn the_same_refusal_on_the_first_sends_stops_and_releases_them() {
        let mut wire = Tripwire::new(HaltRules::default());
        for line in 1..5 {
            assert_eq!(wire.observe(&failed(line, 100), 1), Verdict::Record);
        }
        let Verdict::Stop(reason, rows) = wire.observe(&failed(5, 100), 1) else {
            panic!("expected a stop");
        };
        assert_eq!(reason.code, Some(100));
        assert_eq!(rows, (1..=5).map(|l| (l, 1)).collect::<Vec<_>>());
        // Answers still in flight with the same refusal go back to pending too; others stay.
        assert_eq!(wire.observe(&failed(6, 100), 1), Verdict::Release);
        assert_eq!(wire.observe(&failed(7, 131050), 1), Verdict::Record);
    }

    #[test]
    fn a_success_or_another_code_first_disarms_the_rule() {
        let mut wire = Tripwire::new(HaltRules::default());
        wire.observe(&sent(1), 1);
        for line in 2..20 {
            assert_eq!(wire.observe(&failed(line, 131050), 1), Verdict::Record);
        }
        let mut wire = Tripwire::new(HaltRules::default());
        wire.observe(&failed(1, 131050), 1);
        wire.observe(&failed(2, 131026), 1);
        for line in 3..20 {
            assert_eq!(wire.observe(&failed(line, 131050), 1), Verdict::Record);
        }
    }

    #[test]
    fn unknown_outcomes_in_a_row_stop_the_run() {
        let mut wire = Tripwire::new(HaltRules::default());
        for line in 1..10 {
            assert_eq!(wire.observe(&unknown(line), 1), Verdict::Record);
        }
        assert!(matches!(
            wire.observe(&unknown(10), 1),
            Verdict::Stop(StopReason { class: None, .. }, rows) if rows.is_empty()
        ));
    }

    #[test]
    fn a_share_of_unknown_outcomes_over_the_window_stops_the_run() {
        let rules = HaltRules {
            unknown_in_a_row: 0,
            unknown_window: 100,
            unknown_share: 0.25,
            ..HaltRules::default()
        };
        let mut wire = Tripwire::new(rules.clone());
        // One in five unknown: under the share, never stops.
        for line in 0..1000 {
            let op = if line % 5 == 0 {
                unknown(line)
            } else {
                sent(line)
            };
            assert_eq!(wire.observe(&op, 1), Verdict::Record, "line {line}");
        }
        // One in three: stops once the window is full.
        let mut wire = Tripwire::new(rules);
        let stopped = (0..1000).find(|&line| {
            let op = if line % 3 == 0 {
                unknown(line)
            } else {
                sent(line)
            };
            matches!(wire.observe(&op, 1), Verdict::Stop(..))
        });
        assert_eq!(stopped, Some(99));
    }

    #[test]
    fn zero_turns_the_rules_off() {
        let rules = HaltRules {
            same_refusal: 0,
            unknown_in_a_row: 0,
            unknown_share: 1.0,
            ..HaltRules::default()
        };
        let mut wire = Tripwire::new(rules);
        for line in 0..500 {
            assert_eq!(wire.observe(&failed(line, 100), 1), Verdict::Record);
            assert_eq!(wire.observe(&unknown(line), 1), Verdict::Record);
        }
    }
}
