//! Collisions to reservations: what a store decides about candidates that it could not simply
//! insert, written once for every store. Each store finds the facts with its own SQL (which
//! rows went in, what the others collided with) and applies the settlement with its own SQL.

use std::collections::{HashMap, HashSet};

use super::{Candidate, Reservation, State};

/// What to do about a batch of candidates.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Settlement {
    /// One per candidate, in order.
    pub reservations: Vec<Reservation>,
    /// Lines found pending (put back by an earlier run): to be committed in flight again.
    pub rereserve: Vec<u64>,
    /// Lines whose recipient is on an earlier line, with the reason to record them `skipped`.
    pub skipped: Vec<(u64, String)>,
}

/// What candidates that did not go in met in the journal.
#[derive(Debug, Default)]
pub(super) struct Collisions {
    /// Their own line, where it is there: its state and attempts.
    pub existing: HashMap<u64, (State, u32)>,
    /// For the others, the line that holds their recipient, by recipient.
    pub first_by_key: HashMap<String, u64>,
}

/// Settles `candidates`: one `inserted` went in new (send it); one whose line was there
/// (`existing`: its state and attempts) is sent again only if pending, and is otherwise done;
/// one whose line was not there collided on its recipient, so it is a duplicate of the line
/// that holds that recipient (`first_by_key`).
pub(super) fn settle(
    candidates: &[Candidate],
    inserted: &HashSet<u64>,
    found: &Collisions,
) -> Settlement {
    let Collisions {
        existing,
        first_by_key,
    } = found;
    let mut settlement = Settlement {
        reservations: Vec::with_capacity(candidates.len()),
        ..Settlement::default()
    };
    for candidate in candidates {
        let line = candidate.line;
        let reservation = if inserted.contains(&line) {
            Reservation::Send { attempts: 0 }
        } else {
            match existing.get(&line) {
                Some((State::Pending, attempts)) => {
                    settlement.rereserve.push(line);
                    Reservation::Send {
                        attempts: *attempts,
                    }
                }
                Some(_) => Reservation::Done,
                None => {
                    let first = first_by_key.get(candidate.key.as_str()).copied();
                    settlement.skipped.push((line, duplicate_reason(first)));
                    Reservation::Duplicate
                }
            }
        };
        settlement.reservations.push(reservation);
    }
    settlement
}

/// Why a row is skipped: the line that holds its recipient, when it is known.
pub(crate) fn duplicate_reason(first: Option<u64>) -> String {
    match first {
        Some(first) => format!("duplicate of line {first}"),
        None => "duplicate of an earlier line".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(line: u64, key: &str) -> Candidate {
        Candidate {
            line,
            key: key.into(),
        }
    }

    #[test]
    fn new_rows_are_sent() {
        let candidates = [candidate(2, "a"), candidate(3, "b")];
        let settled = settle(&candidates, &HashSet::from([2, 3]), &Collisions::default());
        assert_eq!(settled.reservations, [Reservation::Send { attempts: 0 }; 2]);
        assert!(settled.rereserve.is_empty() && settled.skipped.is_empty());
    }

    /// A pending line goes out again with its attempts; any other state is done with, an
    /// unknown one included (it may have been sent).
    #[test]
    fn a_line_already_there_is_sent_again_only_if_pending() {
        let candidates = [candidate(2, "a"), candidate(3, "b"), candidate(4, "c")];
        let existing = HashMap::from([
            (2, (State::Pending, 3)),
            (3, (State::Unknown, 1)),
            (4, (State::Sent, 1)),
        ]);
        let found = Collisions {
            existing,
            ..Collisions::default()
        };
        let settled = settle(&candidates, &HashSet::new(), &found);
        assert_eq!(
            settled.reservations,
            [
                Reservation::Send { attempts: 3 },
                Reservation::Done,
                Reservation::Done
            ]
        );
        assert_eq!(settled.rereserve, [2]);
        assert!(settled.skipped.is_empty());
    }

    /// A new line that did not go in met its recipient on another line; within one batch the
    /// earlier line is the one inserted.
    #[test]
    fn a_recipient_on_an_earlier_line_makes_a_duplicate() {
        let candidates = [candidate(2, "a"), candidate(5, "a"), candidate(6, "z")];
        let first = HashMap::from([("a".to_string(), 2)]);
        let found = Collisions {
            first_by_key: first,
            ..Collisions::default()
        };
        let settled = settle(&candidates, &HashSet::from([2]), &found);
        assert_eq!(
            settled.reservations,
            [
                Reservation::Send { attempts: 0 },
                Reservation::Duplicate,
                Reservation::Duplicate
            ]
        );
        assert_eq!(
            settled.skipped,
            [
                (5, "duplicate of line 2".to_string()),
                (6, "duplicate of an earlier line".to_string())
            ]
        );
    }
}
