//! Running a campaign in the foreground: signals stop it gracefully, progress shows while it
//! runs, and its outcome, read back from the journal, picks the exit status.

use std::path::PathBuf;

use marketing::MarketingClient;
use marketing::campaign::{
    self, CampaignDefinition, CampaignError, Progress, Report, RunOptions, RunSummary, State,
    StopReason, StopSignal,
};
use tokio::sync::watch;

use super::args::CommonRunArgs;
use super::hints::Hints;
use super::input;
use super::monitor::Monitor;
use super::progress::show_progress;
use super::summary::print_summary;
use crate::exit::{Exit, Failure};
use crate::hints::shell_word;
use crate::output;

/// Which of the library's entry points a command drives, with what only that one takes.
pub(super) enum Entry {
    /// `run`: a new journal for the campaign file and its list.
    Run {
        definition: Box<CampaignDefinition>,
        recipients: PathBuf,
    },
    /// `resume` and `retry`: this process sends the rows the journal has pending.
    Resume,
    /// `worker`: one more worker claims the pending rows of a campaign kept in PostgreSQL.
    Work,
}

/// Runs a campaign through `entry` on `common.journal` with Ctrl-C handling and a progress
/// display, then prints the summary and picks the exit status from the journal.
/// With `--metrics-listen`, `monitor` serves the run's metrics meanwhile, and for
/// `--metrics-linger` after.
pub(super) async fn drive(
    entry: Entry,
    client: MarketingClient,
    common: CommonRunArgs,
    options: RunOptions,
    hints: Hints,
    monitor: Option<Monitor>,
) -> Result<(), Failure> {
    let journal = common.journal;
    let start = move |stop: StopSignal, progress: watch::Sender<Progress>| async move {
        match entry {
            Entry::Run {
                definition,
                recipients,
            } => {
                campaign::run(
                    client,
                    *definition,
                    &recipients,
                    &journal,
                    options,
                    stop,
                    progress,
                )
                .await
            }
            Entry::Resume => campaign::resume(client, &journal, options, stop, progress).await,
            Entry::Work => campaign::work(client, &journal, options, stop, progress).await,
        }
    };
    let result = run_and_report(common.json, hints, start).await;
    if let Some(monitor) = monitor {
        let outcome = result.as_ref().map(|_| ()).map_err(|f| f.message.clone());
        monitor.finish(outcome).await;
    }
    result
}

async fn run_and_report<F, Fut>(json: bool, hints: Hints, start: F) -> Result<(), Failure>
where
    F: FnOnce(StopSignal, watch::Sender<Progress>) -> Fut,
    Fut: std::future::Future<Output = Result<RunSummary, CampaignError>>,
{
    let stop = StopSignal::new();
    let (progress_tx, progress_rx) = watch::channel(Progress::default());
    let interrupted = watch::Sender::new(false);
    let signals = tokio::spawn(stop_on_signals(stop.clone(), interrupted.clone()));
    let display = tokio::spawn(show_progress(progress_rx));
    let result = start(stop, progress_tx).await;
    let _ = display.await;
    signals.abort();
    let summary = match result {
        Ok(summary) => summary,
        // The journal failed mid-run (a full disk, a lost database): what was committed
        // stands, and resume goes on from it once the cause is fixed.
        Err(error @ CampaignError::Journal { .. })
            if hints.recorded
                && (campaign::is_postgres(&hints.journal) || hints.journal.exists()) =>
        {
            return Err(input(error).detail(format!(
                "once that is fixed, continue with: {}",
                hints.resume("")
            )));
        }
        Err(error) => return Err(input(error)),
    };
    if !hints.recorded {
        print_summary(&summary, &Report::default(), json)?;
        return Ok(());
    }
    // The run happened: a journal that cannot be read back now must not hide what it did,
    // nor be taken for a usage mistake.
    let report = match Report::load(&hints.journal) {
        Ok(report) => report,
        Err(error) => {
            print_summary(&summary, &Report::default(), json)?;
            return Err(Failure::other(format!(
                "the run ended, but its journal cannot be read back for the summary: {}",
                crate::hints::chain(&error)
            ))
            .detail(format!(
                "see where it stands with: wamm campaign report --journal {}",
                shell_word(&campaign::journal_label(&hints.journal))
            )));
        }
    };
    print_summary(&summary, &report, json)?;
    verdict(&summary, &report, *interrupted.borrow(), &hints)
}

/// The exit status of a run that ended, from how it stopped and what its journal holds now,
/// with the next steps to print under the error.
fn verdict(
    summary: &RunSummary,
    report: &Report,
    interrupted: bool,
    hints: &Hints,
) -> Result<(), Failure> {
    if let Some(budget) = summary.budget.as_ref().filter(|b| b.reached) {
        // Held to its daily budget: a clean stop, not a failure; what is unknown still is.
        output::err(format!(
            "the daily budget of {} messages is spent; the rest is pending. Continue after {} with: {}",
            budget.max_per_day,
            budget.resume_after().unwrap_or_default(),
            hints.resume(&format!(" --max-per-day {}", budget.max_per_day))
        ));
    } else if let Some(reason) = &summary.stopped {
        if interrupted {
            let mut failure = Failure::new(Exit::Failure, "interrupted")
                .detail(format!("continue with: {}", hints.resume("")));
            if let Some(note) = hints.password_note() {
                failure = failure.detail(note);
            }
            return Err(failure);
        }
        let mut failure = Failure::new(
            exit_for_stop(reason, report),
            format!("the run stopped: {reason}"),
        );
        for line in hints.fix(reason, report.campaign_file.as_deref()) {
            failure = failure.detail(line);
        }
        return Err(failure);
    }
    let unknown = report.count(State::Unknown);
    if unknown > 0 {
        return Err(Failure::new(
            Exit::Unknown,
            format!("{unknown} recipients may or may not have been sent the message (unknown)"),
        )
        .detail(format!(
            "see them with: wamm campaign report --journal {} --export unknown.csv",
            shell_word(&campaign::journal_label(&hints.journal))
        ))
        .detail(
            "resend to them only once you know they did not get it (resume --resend-unknown)",
        ));
    }
    if report.count(State::Sent) == 0 && report.total > 0 {
        let invalid_only = report.count(State::Failed) == 0 && report.count(State::Invalid) > 0;
        return Err(Failure::new(
            if invalid_only {
                Exit::Usage
            } else {
                Exit::Rejected
            },
            "no message could be sent: every row was refused or invalid",
        )
        .detail(format!(
            "see why with: wamm campaign report --journal {} --export rows.csv",
            shell_word(&campaign::journal_label(&hints.journal))
        )));
    }
    Ok(())
}

/// The exit status of a run that stopped by itself: by the class of the error that stopped
/// it, or, without one, by whether outcomes are unknown.
fn exit_for_stop(reason: &StopReason, report: &Report) -> Exit {
    match reason.class {
        Some(class) if class.is_account_problem() => Exit::Auth,
        Some(_) => Exit::Rejected,
        // Too many unknown outcomes.
        None if reason.code.is_none()
            && report.count(State::Unknown) > 0
            && !reason.message.starts_with("cannot connect") =>
        {
            Exit::Unknown
        }
        None => Exit::Failure,
    }
}

/// Ctrl-C (SIGINT), SIGTERM (`kill`, `systemctl stop`, `docker stop`) and SIGHUP (a closed
/// terminal) stop the run gracefully: no new sends; requests in flight get their answers (or
/// time out) and are recorded. A second signal ends the process at once; what was in flight is
/// then found in flight by the next run and reported unknown.
async fn stop_on_signals(stop: StopSignal, interrupted: watch::Sender<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        return;
    };
    let mut count = 0;
    loop {
        let name = tokio::select! {
            r = tokio::signal::ctrl_c() => if r.is_ok() { "Ctrl-C" } else { return },
            _ = term.recv() => "SIGTERM",
            _ = hup.recv() => "SIGHUP",
        };
        count += 1;
        if count > 1 {
            output::err(format!(
                "{name} again: quitting now; requests in flight will be reported unknown"
            ));
            std::process::exit(130);
        }
        interrupted.send_replace(true);
        output::err(format!(
            "{name}: stopping; waiting for the answers to requests in flight (signal again to quit now; they would be reported unknown)"
        ));
        stop.stop();
    }
}

#[cfg(test)]
mod tests {
    use marketing::ErrorClass;
    use marketing::campaign::StateCount;

    use super::*;

    fn report(counts: &[(State, u64)]) -> Report {
        Report {
            name: "spring".to_string(),
            campaign_file: Some("spring.toml".to_string()),
            total: counts.iter().map(|(_, n)| n).sum(),
            states: counts
                .iter()
                .map(|(state, count)| StateCount {
                    state: state.as_str().to_string(),
                    count: *count,
                })
                .collect(),
            ..Report::default()
        }
    }

    fn summary(stopped: Option<StopReason>) -> RunSummary {
        RunSummary {
            progress: Progress::default(),
            recovered_unknown: 0,
            reopened_unknown: 0,
            stopped,
            already_complete: false,
            revision: 1,
            senders: Vec::new(),
            budget: None,
            warnings: Vec::new(),
            seeds: Vec::new(),
        }
    }

    fn stop(class: Option<ErrorClass>, code: Option<i64>, message: &str) -> StopReason {
        StopReason {
            class,
            code,
            message: message.to_string(),
        }
    }

    fn exit_of(result: Result<(), Failure>) -> Option<Exit> {
        result.err().map(|failure| failure.exit)
    }

    #[test]
    fn a_stop_exits_by_the_class_that_caused_it() {
        let report = report(&[(State::Sent, 3), (State::Pending, 7)]);
        let cases = [
            (Some(ErrorClass::Auth), Some(190), Exit::Auth),
            (Some(ErrorClass::Permission), Some(10), Exit::Auth),
            (Some(ErrorClass::Account), Some(131031), Exit::Auth),
            (
                Some(ErrorClass::TemplateUnusable),
                Some(132001),
                Exit::Rejected,
            ),
            (Some(ErrorClass::Spam), Some(131048), Exit::Rejected),
            (None, None, Exit::Failure),
        ];
        for (class, code, exit) in cases {
            assert_eq!(
                exit_for_stop(&stop(class, code, "stopped"), &report),
                exit,
                "{class:?}"
            );
        }
    }

    #[test]
    fn a_stop_without_a_class_is_unknown_only_when_outcomes_are() {
        let unknown = report(&[(State::Sent, 3), (State::Unknown, 2), (State::Pending, 5)]);
        let too_many = stop(None, None, "too many outcomes are unknown");
        assert_eq!(exit_for_stop(&too_many, &unknown), Exit::Unknown);
        let refused = stop(None, None, "cannot connect to http://127.0.0.1:8080");
        assert_eq!(exit_for_stop(&refused, &unknown), Exit::Failure);
        let coded = stop(None, Some(2), "service unavailable");
        assert_eq!(exit_for_stop(&coded, &unknown), Exit::Failure);
    }

    #[test]
    fn an_interrupted_run_says_how_to_continue() {
        let hints = Hints::for_journal("spring journal");
        let stopped = summary(Some(stop(None, None, "stopped on request")));
        let failure = verdict(&stopped, &report(&[(State::Pending, 1)]), true, &hints)
            .expect_err("an interrupted run fails");
        assert_eq!(failure.exit, Exit::Failure);
        assert_eq!(failure.message, "interrupted");
        assert_eq!(
            failure.details,
            ["continue with: wamm campaign resume --journal 'spring journal'"]
        );
    }

    #[test]
    fn a_refused_message_points_at_the_campaign_file() {
        let hints = Hints::for_journal("spring.journal");
        let stopped = summary(Some(stop(
            Some(ErrorClass::TemplateUnusable),
            Some(132001),
            "template not found",
        )));
        let failure = verdict(&stopped, &report(&[(State::Pending, 4)]), false, &hints)
            .expect_err("a stopped run fails");
        assert_eq!(failure.exit, Exit::Rejected);
        assert_eq!(failure.message, "the run stopped: template not found");
        assert_eq!(
            failure.details.last().map(String::as_str),
            Some(
                "then continue with: wamm campaign resume --journal spring.journal --campaign spring.toml"
            )
        );
    }

    #[test]
    fn a_complete_run_exits_by_what_the_journal_holds() {
        let hints = Hints::for_journal("spring.journal");
        let done = summary(None);
        let cases = [
            (vec![(State::Sent, 5)], None),
            (vec![(State::Sent, 4), (State::Failed, 1)], None),
            (
                vec![(State::Sent, 4), (State::Unknown, 1)],
                Some(Exit::Unknown),
            ),
            (vec![(State::Invalid, 5)], Some(Exit::Usage)),
            (
                vec![(State::Invalid, 2), (State::Failed, 3)],
                Some(Exit::Rejected),
            ),
            (vec![], None),
        ];
        for (counts, exit) in cases {
            assert_eq!(
                exit_of(verdict(&done, &report(&counts), false, &hints)),
                exit,
                "{counts:?}"
            );
        }
    }
}
