//! What a run did, printed once it ends: a line (or a JSON object) for the run, and the
//! reasons rows were not sent over the whole campaign.

use marketing::campaign::{Report, RunSummary, State};

use super::progress::when_any;
use crate::exit::Failure;
use crate::output::{self, BOLD, GOOD, paint};

pub(super) fn print_summary(
    summary: &RunSummary,
    report: &Report,
    json: bool,
) -> Result<(), Failure> {
    let p = &summary.progress;
    // Rows done over the whole campaign, as the journal has them: other workers' rows and
    // earlier runs' count, rows never read do not.
    let done = if report.total > 0 {
        report
            .total
            .saturating_sub(report.count(State::Pending) + report.count(State::InFlight))
    } else {
        p.done()
    }
    .min(p.total);
    // A number of a pool that stopped while the others went on: the run may still be
    // complete, but that number needs attention.
    if summary.senders.len() > 1 {
        let all_stopped = summary.senders.iter().all(|s| s.stopped.is_some());
        for sender in &summary.senders {
            if let Some(reason) = &sender.stopped {
                output::err(format!(
                    "{} phone number {} stopped after {} messages{}: {reason}",
                    paint(BOLD, "warning:"),
                    sender.phone_number_id,
                    sender.sent,
                    if all_stopped {
                        ""
                    } else {
                        "; the others sent the rest"
                    }
                ));
            }
        }
    }
    if !summary.seeds.is_empty() {
        let count = |state: &str| summary.seeds.iter().filter(|s| s.state == state).count();
        output::err(format!(
            "seeds (apart from the list): sent {}, failed {}, unknown {}, invalid {}",
            count("sent"),
            count("failed"),
            count("unknown"),
            count("invalid")
        ));
    }
    if json {
        let value = summary_json(summary, report, p.total - done)
            .map_err(|e| Failure::other(e.to_string()))?;
        output::out(value.to_string())?;
        return Ok(());
    }
    if summary.already_complete {
        output::out(format!(
            "{} the campaign {} has no rows left to send ({} recipients: sent {}, failed {}, unknown {}, invalid {}, skipped {})",
            paint(GOOD, "already complete:"),
            report.name,
            report.total,
            report.count(State::Sent),
            report.count(State::Failed),
            report.count(State::Unknown),
            report.count(State::Invalid),
            report.count(State::Skipped),
        ))?;
        return Ok(());
    }
    if summary.reopened_unknown > 0 {
        output::out(format!(
            "{} recipients in flight or unknown were made pending again, so this run sends them again (--resend-unknown)",
            summary.reopened_unknown
        ))?;
    }
    if summary.recovered_unknown > 0 {
        output::out(format!(
            "{} recipients were in flight when the last run stopped: recorded as unknown, not resent",
            summary.recovered_unknown
        ))?;
    }
    output::out(format!(
        "{} sent {}, failed {}, unknown {}, invalid {}, skipped {}{} in {:.1}s ({:.1} messages/s); {} of {} rows done{}",
        paint(
            if summary.is_complete() { GOOD } else { BOLD },
            if summary.is_complete() {
                "complete:"
            } else {
                "stopped:"
            }
        ),
        p.sent,
        p.failed,
        p.unknown,
        p.invalid,
        p.skipped,
        when_any(p.suppressed, |n| format!(
            ", suppressed {n} (they stopped marketing messages)"
        )) + &when_any(p.held_out, |n| format!(
            ", held out {n} (the control group)"
        )),
        p.elapsed.as_secs_f64(),
        p.send_rate(),
        done,
        p.total,
        if summary.revision > 1 {
            format!(" (revision {} of the campaign)", summary.revision)
        } else {
            String::new()
        }
    ))?;
    print_reasons(report)?;
    Ok(())
}

/// `--json`: the run's summary as it serializes itself, with two keys only the journal's
/// report knows: the rows still to do over the whole campaign (`remaining`), and the
/// campaign's counts (`campaign`). A `Value` keeps its keys sorted, so where they are added
/// does not change the text.
fn summary_json(
    summary: &RunSummary,
    report: &Report,
    remaining: u64,
) -> Result<serde_json::Value, serde_json::Error> {
    let mut value = serde_json::to_value(summary)?;
    value["remaining"] = remaining.into();
    value["campaign"] = serde_json::json!({
        "total": report.total,
        "states": report.states,
        "errors": report.errors,
    });
    Ok(value)
}

/// Why rows are not sent, by code and count, over the whole campaign.
pub(super) fn print_reasons(report: &Report) -> Result<(), Failure> {
    for e in &report.errors {
        let code = e.code.map_or("-".to_string(), |c| c.to_string());
        output::out(format!(
            "  {:<8} {:>7} x {code:>7}  {}",
            e.state, e.count, e.meaning
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use marketing::ErrorClass;
    use marketing::campaign::{ErrorCount, Progress, SenderSummary, StateCount, StopReason};

    use super::*;

    /// The object `--json` printed when the CLI spelled it out key by key: the derived form
    /// must give the same text, byte for byte.
    fn spelled_out(summary: &RunSummary, report: &Report, remaining: u64) -> String {
        let p = &summary.progress;
        serde_json::json!({
            "complete": summary.is_complete(),
            "already_complete": summary.already_complete,
            "stopped": summary.stopped.as_ref().map(|s| s.message.clone()),
            "stopped_code": summary.stopped.as_ref().and_then(|s| s.code),
            "revision": summary.revision,
            "total": p.total,
            "read": p.read,
            "sent": p.sent,
            "failed": p.failed,
            "unknown": p.unknown,
            "invalid": p.invalid,
            "skipped": p.skipped,
            "suppressed": p.suppressed,
            "remaining": remaining,
            "recovered_unknown": summary.recovered_unknown,
            "reopened_unknown": summary.reopened_unknown,
            "elapsed_seconds": p.elapsed.as_secs_f64(),
            "messages_per_second": p.send_rate(),
            "senders": summary.senders.iter().map(|s| serde_json::json!({
                "phone_number_id": s.phone_number_id,
                "sent": s.sent,
                "stopped": s.stopped.as_ref().map(|r| r.message.clone()),
                "stopped_code": s.stopped.as_ref().and_then(|r| r.code),
            })).collect::<Vec<_>>(),
            "campaign": {
                "total": report.total,
                "states": report.states,
                "errors": report.errors,
            },
        })
        .to_string()
    }

    fn report() -> Report {
        Report {
            waiting: None,
            name: "spring".to_string(),
            total: 12,
            states: [("sent", 7), ("failed", 1), ("unknown", 1), ("pending", 3)]
                .into_iter()
                .map(|(state, count)| StateCount {
                    state: state.to_string(),
                    count,
                })
                .collect(),
            errors: vec![ErrorCount {
                state: "failed".to_string(),
                code: Some(131026),
                meaning: "message undeliverable".to_string(),
                count: 1,
            }],
            ..Report::default()
        }
    }

    #[test]
    fn a_stopped_pool_prints_what_the_cli_spelled_out() {
        let summary = RunSummary {
            progress: Progress {
                total: 12,
                read: 9,
                sent: 7,
                failed: 1,
                unknown: 1,
                suppressed: 1,
                elapsed: Duration::from_millis(3300),
                ..Progress::default()
            },
            recovered_unknown: 1,
            reopened_unknown: 0,
            stopped: Some(StopReason {
                class: Some(ErrorClass::TemplateUnusable),
                code: Some(132001),
                message: "template \"spring\" not found".to_string(),
            }),
            already_complete: false,
            revision: 2,
            senders: vec![
                SenderSummary {
                    phone_number_id: "106540352242922".to_string(),
                    sent: 7,
                    stopped: Some(StopReason::local("stopped on request")),
                },
                SenderSummary {
                    phone_number_id: "106540352242923".to_string(),
                    sent: 0,
                    stopped: None,
                },
            ],
            budget: None,
            warnings: Vec::new(),
            seeds: Vec::new(),
        };
        let report = report();
        let value = summary_json(&summary, &report, 3).unwrap();
        assert_eq!(value.to_string(), spelled_out(&summary, &report, 3));
    }

    #[test]
    fn a_complete_run_prints_what_the_cli_spelled_out() {
        let summary = RunSummary {
            progress: Progress {
                total: 4,
                read: 4,
                sent: 4,
                ..Progress::default()
            },
            recovered_unknown: 0,
            reopened_unknown: 2,
            stopped: None,
            already_complete: true,
            revision: 1,
            senders: Vec::new(),
            budget: None,
            warnings: Vec::new(),
            seeds: Vec::new(),
        };
        let report = Report::default();
        let value = summary_json(&summary, &report, 0).unwrap();
        assert_eq!(value.to_string(), spelled_out(&summary, &report, 0));
    }
}
