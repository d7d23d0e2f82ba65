//! What a report counts, gathered in one pass over a journal's rows.

use super::State;

/// What a report counts, read in one pass over the recipients: how many rows share each
/// state, revision, message status, error code and sending phone number. The views below are all derived from it,
/// so a report costs one scan of the journal, not one per figure.
///
/// ```
/// use marketing::campaign::{State, Tally};
///
/// let mut tally = Tally::default();
/// tally.add("sent", 1, Some("accepted"), None, Some("1001"), 30);
/// tally.add("sent", 1, Some("accepted"), None, Some("1002"), 10);
/// tally.add("sent", 2, None, None, Some("1001"), 2);
/// tally.add("unknown", 1, None, Some(131000), None, 3);
/// assert_eq!(tally.counts(), vec![(State::Sent, 42), (State::Unknown, 3)]);
/// assert_eq!(tally.sent_by_revision(), vec![(1, 40), (2, 2)]);
/// assert_eq!(tally.statuses(), vec![("accepted".to_string(), 40), ("(none)".to_string(), 2)]);
/// assert_eq!(tally.error_codes(), vec![(Some(131000), "unknown".to_string(), 3)]);
/// assert_eq!(tally.sent_from(), vec![("1001".to_string(), 32), ("1002".to_string(), 10)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    groups: Vec<TallyGroup>,
}

#[derive(Clone, Debug, PartialEq)]
struct TallyGroup {
    state: State,
    revision: i64,
    message_status: Option<String>,
    error_code: Option<i64>,
    sent_from: Option<String>,
    count: u64,
}

impl Tally {
    /// Adds `count` rows in `state` (its stored name; an unknown name is ignored), sent with
    /// definition `revision`, with this message status and error code, from the phone number
    /// `sent_from`.
    pub fn add(
        &mut self,
        state: &str,
        revision: i64,
        message_status: Option<&str>,
        error_code: Option<i64>,
        sent_from: Option<&str>,
        count: u64,
    ) {
        let Some(state) = State::parse(state) else {
            return;
        };
        // A campaign has a handful of groups: a scan beats hashing every row.
        match self.groups.iter_mut().find(|g| {
            g.state == state
                && g.revision == revision
                && g.error_code == error_code
                && g.message_status.as_deref() == message_status
                && g.sent_from.as_deref() == sent_from
        }) {
            Some(group) => group.count += count,
            None => self.groups.push(TallyGroup {
                state,
                revision,
                message_status: message_status.map(str::to_string),
                error_code,
                sent_from: sent_from.map(str::to_string),
                count,
            }),
        }
    }

    /// Rows by state, in [`State::ALL`] order, states with no rows left out.
    pub fn counts(&self) -> Vec<(State, u64)> {
        State::ALL
            .into_iter()
            .filter_map(|state| {
                let n = self.sum(|g| g.state == state);
                (n > 0).then_some((state, n))
            })
            .collect()
    }

    /// Sent messages by the revision of the definition they were sent with, oldest first.
    pub fn sent_by_revision(&self) -> Vec<(i64, u64)> {
        let mut out: Vec<(i64, u64)> = Vec::new();
        for g in self.groups.iter().filter(|g| g.state == State::Sent) {
            match out.iter_mut().find(|(r, _)| *r == g.revision) {
                Some((_, n)) => *n += g.count,
                None => out.push((g.revision, g.count)),
            }
        }
        out.sort();
        out
    }

    /// Sent messages by message status (`(none)` when Meta gave none), most first.
    pub fn statuses(&self) -> Vec<(String, u64)> {
        let mut out = self.sent_by(|g| g.message_status.as_deref().unwrap_or("(none)"));
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Failed and unknown rows by error code (`None` for transport failures) and state, most
    /// first.
    pub fn error_codes(&self) -> Vec<(Option<i64>, String, u64)> {
        let mut out: Vec<(Option<i64>, State, u64)> = Vec::new();
        for g in self
            .groups
            .iter()
            .filter(|g| matches!(g.state, State::Failed | State::Unknown))
        {
            match out
                .iter_mut()
                .find(|(c, s, _)| *c == g.error_code && *s == g.state)
            {
                Some((_, _, n)) => *n += g.count,
                None => out.push((g.error_code, g.state, g.count)),
            }
        }
        out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (a.0, a.1).cmp(&(b.0, b.1))));
        out.into_iter()
            .map(|(c, s, n)| (c, s.as_str().to_string(), n))
            .collect()
    }

    /// Sent messages by the phone number they were sent from, in order of the numbers' IDs
    /// (`(not recorded)` for rows sent before wamm recorded it).
    pub fn sent_from(&self) -> Vec<(String, u64)> {
        let mut out = self.sent_by(|g| g.sent_from.as_deref().unwrap_or("(not recorded)"));
        out.sort();
        out
    }

    /// Sent messages counted by `key`, in the order the keys are first met.
    fn sent_by(&self, key: impl Fn(&TallyGroup) -> &str) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = Vec::new();
        for g in self.groups.iter().filter(|g| g.state == State::Sent) {
            let k = key(g);
            match out.iter_mut().find(|(seen, _)| seen == k) {
                Some((_, n)) => *n += g.count,
                None => out.push((k.to_string(), g.count)),
            }
        }
        out
    }

    fn sum(&self, which: impl Fn(&TallyGroup) -> bool) -> u64 {
        self.groups
            .iter()
            .filter(|g| which(g))
            .map(|g| g.count)
            .sum()
    }
}
