//! When a cycle fails: what the journal and the sandbox must agree on after any stop, and what
//! each kind of stop may leave behind.

use super::check::Check;
use super::runner::Stop;

/// What every soak requires of a finished campaign of `rows` rows, whatever stopped it: no
/// user messaged twice, no message the journal does not show, a row for every line.
pub(crate) fn ledger(check: &Check, rows: usize) -> Vec<String> {
    let mut problems = Vec::new();
    if check.duplicates > 0 {
        problems.push(format!(
            "{} duplicates (a user with two messages)",
            check.duplicates
        ));
    }
    if check.lost > 0 {
        problems.push(format!(
            "{} lost (a message the journal does not show, or a row not final)",
            check.lost
        ));
    }
    if check.rows != rows as u64 {
        problems.push(format!(
            "the journal has {} rows, the list {rows}",
            check.rows
        ));
    }
    problems
}

/// `unknown` rows that neither an injected fault nor a stop explains.
pub(crate) fn unexplained(check: &Check) -> Option<String> {
    (check.unexplained_unknown > 0).then(|| {
        format!(
            "{} rows unknown without an injected fault or a stop to explain them",
            check.unexplained_unknown
        )
    })
}

/// Everything wrong with a cycle stopped once by `stop`, whose process could hold `bound`
/// rows in flight: the [`ledger`], the rows the stop left `unknown`, and `unknown` rows that
/// the injected faults and the stop do not account for (or faults that left no `unknown`).
pub(super) fn problems(check: &Check, stop: Stop, bound: u64, rows: usize) -> Vec<String> {
    let mut problems = ledger(check, rows);
    match stop {
        Stop::Term if check.unknown_at_stop > 0 => problems.push(format!(
            "SIGTERM left {} rows in flight (unknown); a graceful stop must leave none",
            check.unknown_at_stop
        )),
        Stop::Kill | Stop::PowerCut if check.unknown_at_stop > bound => problems.push(format!(
            "a stop left {} rows unknown, more than the {bound} that may be in flight",
            check.unknown_at_stop
        )),
        _ => {}
    }
    problems.extend(unexplained(check));
    if check.faults_not_unknown > 0 {
        problems.push(format!(
            "{} faulted answers whose row did not end unknown",
            check.faults_not_unknown
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_cycle_has_no_problem_and_each_stop_its_own_bound() {
        let clean = Check {
            rows: 10,
            created: 10,
            sent: 10,
            ..Check::default()
        };
        assert!(problems(&clean, Stop::Term, 5, 10).is_empty());
        let killed = Check {
            unknown_at_stop: 5,
            ..clean.clone()
        };
        assert!(problems(&killed, Stop::Kill, 5, 10).is_empty());
        assert_eq!(problems(&killed, Stop::PowerCut, 4, 10).len(), 1);
        assert_eq!(problems(&killed, Stop::Term, 5, 10).len(), 1);
        let wrong = Check {
            duplicates: 1,
            lost: 1,
            unexplained_unknown: 1,
            faults_not_unknown: 1,
            ..clean
        };
        assert_eq!(problems(&wrong, Stop::Kill, 5, 11).len(), 5);
    }
}
