//! Running a campaign in the foreground: signals stop it gracefully, progress shows while it
//! runs, and its outcome, read back from the journal, picks the exit status.

use marketing::campaign::{
    self, CampaignError, Progress, Report, RunSummary, State, StopSignal, shell_word,
};
use tokio::sync::watch;

use super::hints::Hints;
use super::input;
use super::progress::show_progress;
use super::summary::print_summary;
use crate::exit::{Exit, Failure};
use crate::output;

/// Runs a campaign with Ctrl-C handling and a progress display, then prints the summary and
/// picks the exit status from the journal.
pub(super) async fn drive<F, Fut>(json: bool, hints: Hints, start: F) -> Result<(), Failure>
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
        Err(error @ CampaignError::Journal(_))
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
                "the run ended, but its journal cannot be read back for the summary: {error}"
            ))
            .detail(format!(
                "see where it stands with: wamm campaign report --journal {}",
                shell_word(&campaign::journal_label(&hints.journal))
            )));
        }
    };
    print_summary(&summary, &report, json)?;
    if let Some(reason) = &summary.stopped {
        if *interrupted.borrow() {
            let mut failure = Failure::new(Exit::Failure, "interrupted")
                .detail(format!("continue with: {}", hints.resume("")));
            if let Some(note) = hints.password_note() {
                failure = failure.detail(note);
            }
            return Err(failure);
        }
        let exit = match reason.class {
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
        };
        let mut failure = Failure::new(exit, format!("the run stopped: {reason}"));
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
