//! An op to the columns it writes, once for every store. Each store keeps its own fast way of
//! writing them (SQLite binds only what differs between sends; PostgreSQL sends arrays).

use super::{Op, State};

/// What an outcome writes into its row. `Op::Pending` is not an outcome (it sets the attempts
/// rather than adding one), so it has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct OutcomeColumns<'a> {
    pub state: State,
    /// Added to the row's attempts: 1 for an answer (or a request that may have had one), 0
    /// for a row that was never sent.
    pub add_attempts: u32,
    pub wamid: Option<&'a str>,
    pub status: Option<&'a str>,
    pub code: Option<i64>,
    pub reason: Option<&'a str>,
    pub from: Option<&'a str>,
}

/// The reason a held-out row records.
pub(super) const HELD_OUT: &str = "held out: in the campaign's control group (holdout)";

impl<'a> OutcomeColumns<'a> {
    /// The columns `op` writes, or `None` for `Op::Pending`.
    pub fn of(op: &'a Op) -> Option<Self> {
        let none = Self {
            state: State::Pending,
            add_attempts: 0,
            wamid: None,
            status: None,
            code: None,
            reason: None,
            from: None,
        };
        Some(match op {
            Op::Pending { .. } => return None,
            Op::Invalid { reason, .. } => Self {
                state: State::Invalid,
                reason: Some(reason),
                ..none
            },
            Op::Suppressed { reason, .. } => Self {
                state: State::Suppressed,
                reason: Some(reason),
                ..none
            },
            Op::HeldOut { .. } => Self {
                state: State::HeldOut,
                reason: Some(HELD_OUT),
                ..none
            },
            Op::Sent {
                wamid,
                status,
                from,
                ..
            } => Self {
                state: State::Sent,
                add_attempts: 1,
                wamid: Some(wamid),
                status: status.as_deref(),
                from: from.as_deref(),
                ..none
            },
            Op::Failed { code, reason, .. } => Self {
                state: State::Failed,
                add_attempts: 1,
                code: *code,
                reason: Some(reason),
                ..none
            },
            Op::Unknown { code, reason, .. } => Self {
                state: State::Unknown,
                add_attempts: 1,
                code: *code,
                reason: Some(reason),
                ..none
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_op_writes_its_columns() {
        let sent = Op::Sent {
            line: 2,
            wamid: "wamid.A".into(),
            status: Some("accepted".into()),
            from: Some("1001".into()),
        };
        let columns = OutcomeColumns::of(&sent).unwrap();
        assert_eq!(
            (
                columns.state,
                columns.add_attempts,
                columns.wamid,
                columns.status,
                columns.from
            ),
            (
                State::Sent,
                1,
                Some("wamid.A"),
                Some("accepted"),
                Some("1001")
            )
        );
        assert_eq!((columns.code, columns.reason), (None, None));

        let failed = Op::Failed {
            line: 3,
            code: Some(131026),
            reason: "not a WhatsApp user".into(),
        };
        let columns = OutcomeColumns::of(&failed).unwrap();
        assert_eq!(
            (
                columns.state,
                columns.add_attempts,
                columns.code,
                columns.reason
            ),
            (State::Failed, 1, Some(131026), Some("not a WhatsApp user"))
        );
        assert_eq!(columns.wamid, None);

        let unknown = Op::Unknown {
            line: 4,
            code: None,
            reason: "timed out".into(),
        };
        assert_eq!(OutcomeColumns::of(&unknown).unwrap().state, State::Unknown);

        // Rows never sent add no attempt.
        for op in [
            Op::Invalid {
                line: 5,
                reason: "bad phone".into(),
            },
            Op::Suppressed {
                line: 6,
                reason: "stopped".into(),
            },
        ] {
            let columns = OutcomeColumns::of(&op).unwrap();
            assert_eq!(columns.add_attempts, 0);
            assert!(columns.reason.is_some());
        }
        assert_eq!(
            OutcomeColumns::of(&Op::Pending {
                line: 7,
                attempts: 2
            }),
            None
        );
    }

    /// The stores bind state names from `State::as_str`; the names they hold must parse back.
    #[test]
    fn every_state_name_round_trips() {
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
    }

    /// The states written into the stores' SQL by hand are states: every quoted word after
    /// `state =`, `state IN (` or `state NOT IN (` parses.
    #[test]
    fn every_state_in_the_sql_is_a_state() {
        let sources = [
            include_str!("sqlite/mod.rs"),
            include_str!("sqlite/commit.rs"),
            include_str!("postgres/mod.rs"),
            include_str!("postgres/commit.rs"),
            include_str!("postgres/claims.rs"),
            include_str!("postgres/workers.rs"),
        ];
        let mut checked = 0;
        for source in sources {
            for (at, _) in source.match_indices("state ") {
                let rest = &source[at + "state ".len()..];
                let list = if let Some(rest) = rest.strip_prefix("= ") {
                    &rest[..rest.find([',', ' ', ')']).unwrap_or(rest.len())]
                } else if let Some(rest) = rest
                    .strip_prefix("IN (")
                    .or_else(|| rest.strip_prefix("NOT IN ("))
                {
                    &rest[..rest.find(')').unwrap_or(rest.len())]
                } else {
                    continue;
                };
                for word in list.split(',').map(str::trim) {
                    if let Some(name) = word.strip_prefix('\'').and_then(|w| w.strip_suffix('\'')) {
                        assert!(State::parse(name).is_some(), "{name:?} is not a state");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 20, "the check found the SQL ({checked} names)");
    }
}
