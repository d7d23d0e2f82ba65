//! `wamm campaign run|resume|report|schema`: paced bulk sends with a journal.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use marketing::campaign::{
    self, CampaignDefinition, CampaignError, Progress, Report, RunOptions, RunSummary, State,
    StopSignal,
};
use marketing::{ErrorClass, RetryPolicy};
use tokio::sync::watch;

use crate::config::ConnectionArgs;
use crate::exit::{Exit, Failure};
use crate::output::{self, BOLD, GOOD, paint};

pub const ABOUT: &str = "Send one template to a list of recipients: paced, journalled, resumable";

pub const EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`)
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring.journal --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922
  wamm campaign resume --journal spring.journal
  wamm campaign report --journal spring.journal --export results.csv
  wamm campaign schema > campaign.schema.json

Every recipient is committed to the journal before its request leaves, so a crash never
sends a message twice: recipients in flight at a crash are reported as unknown. Ctrl-C stops
gracefully; `resume` continues where it stopped.";

#[derive(Args, Debug)]
pub struct CampaignArgs {
    #[command(subcommand)]
    pub command: CampaignCommand,
}

#[derive(Subcommand, Debug)]
pub enum CampaignCommand {
    /// Start a campaign with a new journal
    Run(RunArgs),
    /// Continue a stopped or crashed campaign from its journal
    Resume(ResumeArgs),
    /// Show a campaign's results from its journal
    Report(ReportArgs),
    /// Print the JSON Schema of the campaign file
    Schema,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The campaign file (TOML, or JSON)
    #[arg(long, value_name = "FILE")]
    pub campaign: PathBuf,
    /// The recipient list: CSV with a header row, or JSONL (.jsonl)
    #[arg(long, value_name = "FILE")]
    pub recipients: PathBuf,
    #[command(flatten)]
    pub common: CommonRunArgs,
}

#[derive(Args, Debug)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub common: CommonRunArgs,
    /// Send again to recipients whose outcome is unknown (they may get the message twice)
    #[arg(long)]
    pub resend_unknown: bool,
}

#[derive(Args, Debug)]
pub struct CommonRunArgs {
    /// The journal file (SQLite): created by `run`, continued by `resume`
    #[arg(long, value_name = "FILE")]
    pub journal: PathBuf,
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// Override the campaign's messages per second (0: unpaced)
    #[arg(long, value_name = "N")]
    pub mps: Option<f64>,
    /// Override the campaign's concurrency
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Print a JSON summary at the end
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The journal file
    #[arg(long, value_name = "FILE")]
    pub journal: PathBuf,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// Also write every recipient's outcome to FILE.csv or FILE.jsonl
    #[arg(long, value_name = "FILE")]
    pub export: Option<PathBuf>,
}

pub async fn exec(args: CampaignArgs) -> Result<(), Failure> {
    match args.command {
        CampaignCommand::Run(args) => {
            let definition = CampaignDefinition::load(&args.campaign).map_err(input)?;
            let common = args.common;
            let client = common.connection.client(RetryPolicy::none())?;
            let options = options(&common, false);
            let recipients = args.recipients.clone();
            let journal = common.journal.clone();
            drive(common.json, move |stop, progress| async move {
                campaign::run(
                    client,
                    definition,
                    &recipients,
                    &journal,
                    options,
                    stop,
                    progress,
                )
                .await
            })
            .await
        }
        CampaignCommand::Resume(args) => {
            let common = args.common;
            let client = common.connection.client(RetryPolicy::none())?;
            let options = options(&common, args.resend_unknown);
            let journal = common.journal.clone();
            drive(common.json, move |stop, progress| async move {
                campaign::resume(client, &journal, options, stop, progress).await
            })
            .await
        }
        CampaignCommand::Report(args) => report(args),
        CampaignCommand::Schema => {
            output::out(CampaignDefinition::json_schema())?;
            Ok(())
        }
    }
}

fn options(common: &CommonRunArgs, resend_unknown: bool) -> RunOptions {
    RunOptions {
        messages_per_second: common.mps,
        concurrency: common.concurrency,
        resend_unknown,
    }
}

fn input(error: CampaignError) -> Failure {
    match error {
        CampaignError::Input(message) => Failure::usage(message),
        CampaignError::Journal(message) => Failure::other(format!("journal: {message}")),
        other => Failure::other(other.to_string()),
    }
}

/// Runs a campaign with Ctrl-C handling and a progress display, then prints the summary.
async fn drive<F, Fut>(json: bool, start: F) -> Result<(), Failure>
where
    F: FnOnce(StopSignal, watch::Sender<Progress>) -> Fut,
    Fut: std::future::Future<Output = Result<RunSummary, CampaignError>>,
{
    let stop = StopSignal::new();
    let (progress_tx, progress_rx) = watch::channel(Progress::default());
    let interrupted = watch::Sender::new(false);
    let ctrl_c = {
        let stop = stop.clone();
        let interrupted = interrupted.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                interrupted.send_replace(true);
                output::err(
                    "stopping: waiting for requests in flight (Ctrl-C again to quit now; they would be reported unknown)",
                );
                stop.stop();
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(130);
                }
            }
        })
    };
    let display = tokio::spawn(show_progress(progress_rx));
    let result = start(stop, progress_tx).await;
    let _ = display.await;
    ctrl_c.abort();
    let summary = result.map_err(input)?;
    print_summary(&summary, json)?;
    match &summary.stopped {
        None => Ok(()),
        Some(_) if *interrupted.borrow() => Err(Failure::new(
            Exit::Failure,
            "interrupted; continue with `wamm campaign resume --journal ...`",
        )),
        Some(reason) => {
            let exit = match reason.class {
                Some(ErrorClass::Auth | ErrorClass::Permission) => Exit::Auth,
                Some(_) => Exit::Rejected,
                None => Exit::Failure,
            };
            Err(Failure::new(exit, format!("the run stopped: {reason}"))
                .detail("fix the cause, then continue with `wamm campaign resume --journal ...`"))
        }
    }
}

/// A progress bar on a terminal; a plain line every 5 seconds otherwise.
async fn show_progress(mut progress: watch::Receiver<Progress>) {
    let line = |p: &Progress| {
        format!(
            "sent {} failed {} unknown {} invalid {} skipped {} | {:.0}/s{}",
            p.sent,
            p.failed,
            p.unknown,
            p.invalid,
            p.skipped,
            p.send_rate(),
            if p.retrying > 0 {
                format!(" | {} waiting to retry", p.retrying)
            } else {
                String::new()
            }
        )
    };
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(1000);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {percent:>3}% {msg} (ETA {eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        while progress.changed().await.is_ok() {
            let p = progress.borrow_and_update().clone();
            bar.set_position((p.fraction() * 1000.0) as u64);
            bar.set_message(line(&p));
        }
        bar.finish_and_clear();
    } else {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        tick.tick().await;
        loop {
            tokio::select! {
                changed = progress.changed() => if changed.is_err() { break },
                _ = tick.tick() => {
                    let p = progress.borrow().clone();
                    output::err(format!("{:>5.1}% {}", p.fraction() * 100.0, line(&p)));
                }
            }
        }
    }
}

fn print_summary(summary: &RunSummary, json: bool) -> Result<(), Failure> {
    let p = &summary.progress;
    if json {
        let value = serde_json::json!({
            "complete": summary.is_complete(),
            "stopped": summary.stopped.as_ref().map(|s| s.message.clone()),
            "read": p.read,
            "sent": p.sent,
            "failed": p.failed,
            "unknown": p.unknown,
            "invalid": p.invalid,
            "skipped": p.skipped,
            "recovered_unknown": summary.recovered_unknown,
            "elapsed_seconds": p.elapsed.as_secs_f64(),
            "messages_per_second": p.send_rate(),
        });
        output::out(value.to_string())?;
        return Ok(());
    }
    if summary.recovered_unknown > 0 {
        output::out(format!(
            "{} recipients were in flight when the last run stopped: recorded as unknown, not resent",
            summary.recovered_unknown
        ))?;
    }
    output::out(format!(
        "{} sent {}, failed {}, unknown {}, invalid {}, skipped {} in {:.1}s ({:.1} messages/s)",
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
        p.elapsed.as_secs_f64(),
        p.send_rate()
    ))?;
    Ok(())
}

fn report(args: ReportArgs) -> Result<(), Failure> {
    let report = Report::load(&args.journal).map_err(input)?;
    if let Some(path) = &args.export {
        let jsonl = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
        let file = std::fs::File::create(path)
            .map_err(|e| Failure::other(format!("cannot create {}: {e}", path.display())))?;
        let mut writer = std::io::BufWriter::new(file);
        let rows = campaign::export(&args.journal, &mut writer, jsonl).map_err(input)?;
        output::err(format!("wrote {rows} rows to {}", path.display()));
    }
    if args.json {
        let text =
            serde_json::to_string_pretty(&report).map_err(|e| Failure::other(e.to_string()))?;
        output::out(text)?;
        return Ok(());
    }
    output::out(format!(
        "{} {} ({} recipients)",
        paint(BOLD, "campaign"),
        report.name,
        report.total
    ))?;
    for state in State::ALL {
        let n = report.count(state);
        if n > 0 || matches!(state, State::Sent | State::Failed | State::Unknown) {
            output::out(format!("  {:<10} {n}", state.as_str()))?;
        }
    }
    if !report.statuses.is_empty() {
        output::out(paint(BOLD, "sent by message_status"))?;
        for s in &report.statuses {
            output::out(format!("  {:<28} {}", s.message_status, s.count))?;
        }
    }
    if !report.errors.is_empty() {
        output::out(paint(BOLD, "not sent or unknown, by error code"))?;
        for e in &report.errors {
            let code = e.code.map_or("-".to_string(), |c| c.to_string());
            output::out(format!(
                "  {code:>7} {:<8} {:>7}  {}",
                e.state, e.count, e.meaning
            ))?;
        }
    }
    output::out(format!(
        "{} runs, {:.1} messages/s achieved over run time",
        report.runs.len(),
        report.achieved_rate
    ))?;
    Ok(())
}
