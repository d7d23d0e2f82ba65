//! `wamm campaign run|resume|report|schema`: paced bulk sends with a journal.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use marketing::campaign::{
    self, CampaignDefinition, CampaignError, Progress, Report, RunOptions, RunSummary, State,
    StopReason, StopSignal, shell_word,
};
use marketing::{ErrorClass, RetryPolicy};
use tokio::sync::watch;

use crate::commands::templates;
use crate::config::ConnectionArgs;
use crate::exit::{Exit, Failure};
use crate::hints::Settings;
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

Every recipient is committed to the journal, on disk (fsync'd), before its request leaves, so
a crash, an OS crash or a power cut never sends a message twice: recipients in flight at a
crash are reported as unknown. Ctrl-C, SIGTERM and SIGHUP stop gracefully; `resume` continues
where it stopped. One process at a time may write a journal file; a campaign kept in
PostgreSQL (--journal postgres://...) is sent by any number of workers (`campaign worker`).

With a WhatsApp Business Account ID (--waba-id or $WHATSAPP_BUSINESS_ACCOUNT_ID), `run` and
`resume` first check the campaign's message against its approved template: a mismatch (or
a template paused, disabled or not MARKETING) is reported with its path and nothing is sent
(exit 2). --no-template-check skips the check.

A run stops by itself, with everyone not yet sent left for `resume`, on an error that
concerns the whole run (token, permission, account, template, spam), when the first sends
are all refused with the same code, and when too many outcomes are unknown (see [halt] in
`wamm campaign schema`). Fix the cause (`resume --campaign FILE` takes a corrected file) and
resume.

Exit status:
  0  every row has an outcome and none is unknown (and at least one message was sent)
  1  interrupted, or the API could not be reached
  2  bad input: the campaign file, the list, a flag, or every row invalid
  3  stopped by a refusal (template, routing, spam, same refusal on the first sends),
     or nothing could be sent
  4  stopped by an authentication, permission or account problem
  5  some outcomes are unknown: those messages may have been sent";

const RUN_EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`)
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring.journal --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Faster or slower than the campaign file says
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring-fast.journal --mps 200 --concurrency 64 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922";

const RETRY_EXAMPLES: &str = "\
Examples:
  # The webhooks Meta sends are recorded by the receiver (see `wamm webhook serve --help`)
  wamm webhook serve --listen 127.0.0.1:8090 --store events.db \\
      --app-secret-file examples/app-secret.txt --verify-token-file examples/verify-token.txt

  # Who failed with 131049 more than 24 hours ago, by those webhooks (nothing sent)
  wamm campaign retry --journal spring.journal --events events.db --code 131049 --dry-run

  # Send to them again (the other rows are not touched; rows without that proof never are)
  wamm campaign retry --journal spring.journal --events events.db --code 131049 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922";

const RESUME_EXAMPLES: &str = "\
Examples:
  # Go on after Ctrl-C, a crash or a stop
  wamm campaign resume --journal spring.journal \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Send the rows not yet sent with a corrected campaign file (recorded as a new revision)
  wamm campaign resume --journal spring.journal --campaign examples/spring.toml \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # The list moved (it must hold the same bytes)
  wamm campaign resume --journal spring.journal --recipients examples/recipients.csv \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922";

const REPORT_EXAMPLES: &str = "\
Examples:
  wamm campaign report --journal spring.journal
  wamm campaign report --journal spring.journal --json
  wamm campaign report --journal spring.journal --export results.csv";

const WORKER_EXAMPLES: &str = "\
Examples:
  # Start a campaign kept in PostgreSQL: loads the list into the database, and sends
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal postgres://wamm@127.0.0.1:5432/wamm \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922
  # More workers for it, on this machine or any other that reaches the database
  wamm campaign worker --journal 'postgres://wamm@127.0.0.1:5432/wamm#spring-sale-2026' \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

Each worker claims pending rows in batches and commits them in flight before sending, so no
two workers send one row. A worker that is killed, or loses the database for a minute, is
taken for dead: its rows in flight become `unknown` (never sent again without
`resume --resend-unknown`). Workers need no list and no campaign file.";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  wamm campaign schema > campaign.schema.json";

#[derive(Args, Debug)]
pub struct CampaignArgs {
    #[command(subcommand)]
    pub command: CampaignCommand,
}

#[derive(Subcommand, Debug)]
pub enum CampaignCommand {
    /// Start a campaign with a new journal
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Continue a stopped or crashed campaign from its journal
    #[command(after_help = RESUME_EXAMPLES)]
    Resume(ResumeArgs),
    /// Send again to recipients whose message a webhook proved undelivered (131049), after
    /// the wait Meta asks for
    #[command(after_help = RETRY_EXAMPLES)]
    Retry(RetryArgs),
    /// Join a campaign kept in PostgreSQL as one more worker: claim its pending rows and send
    /// them
    #[command(after_help = WORKER_EXAMPLES)]
    Worker(WorkerArgs),
    /// Show a campaign's results from its journal
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Print the JSON Schema of the campaign file
    #[command(after_help = SCHEMA_EXAMPLES)]
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
    /// Record nothing: only for `cargo xtask bench`, to measure what the journal costs. Not
    /// resumable, no deduplication.
    #[arg(long, hide = true)]
    pub no_journal: bool,
    #[command(flatten)]
    pub common: CommonRunArgs,
}

#[derive(Args, Debug)]
pub struct RetryArgs {
    /// The failure codes that prove a message was not delivered and may be sent again
    /// (repeat the flag for several)
    #[arg(long = "code", value_name = "CODE", required = true)]
    pub codes: Vec<i64>,
    /// How long after the failure to wait (Meta asks for at least 24 hours after 131049)
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = humantime::parse_duration)]
    pub not_before: std::time::Duration,
    /// Only say how many rows would be sent again, and when the others may be
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub common: CommonRunArgs,
}

#[derive(Args, Debug)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub common: CommonRunArgs,
}

#[derive(Args, Debug)]
pub struct ResumeArgs {
    /// A corrected campaign file: its message replaces the stored one for every row not yet
    /// sent (rows already sent or unknown are not touched); the journal records it as a new
    /// revision
    #[arg(long, value_name = "FILE")]
    pub campaign: Option<PathBuf>,
    /// Where the recipient list is now, if it moved (it must hold the same bytes)
    #[arg(long, value_name = "FILE")]
    pub recipients: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonRunArgs,
    /// Send again to recipients whose outcome is unknown (they may get the message twice)
    #[arg(long)]
    pub resend_unknown: bool,
}

#[derive(Args, Debug)]
pub struct CommonRunArgs {
    /// The journal: a file (SQLite), or postgres://USER@HOST/DATABASE[#CAMPAIGN] for a
    /// campaign kept in PostgreSQL (password from the URL or PGPASSWORD); created by `run`,
    /// continued by `resume`
    #[arg(long, value_name = "FILE|URL", env = "WAMM_JOURNAL_URL")]
    pub journal: PathBuf,
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// Override the campaign's messages per second (0: unpaced)
    #[arg(long, value_name = "N")]
    pub mps: Option<f64>,
    /// Override the campaign's concurrency (1 to 4096)
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Print a JSON summary at the end
    #[arg(long)]
    pub json: bool,
    /// Do not check the campaign's message against its approved template before sending
    /// (the check runs when a WhatsApp Business Account ID is known: --waba-id)
    #[arg(long)]
    pub no_template_check: bool,
    /// The webhook receiver's event store (`wamm webhook serve --store`): recipients who
    /// stopped marketing messages there are not sent to (state `suppressed`)
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS")]
    pub events: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The journal: a file (SQLite), or postgres://USER@HOST/DATABASE[#CAMPAIGN]
    #[arg(long, value_name = "FILE|URL", env = "WAMM_JOURNAL_URL")]
    pub journal: PathBuf,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// Also write every recipient's outcome to FILE.csv or FILE.jsonl; `-` writes CSV to
    /// standard output instead of the report (`-.jsonl`: JSON Lines)
    #[arg(long, value_name = "FILE", allow_hyphen_values = true)]
    pub export: Option<PathBuf>,
    /// The webhook receiver's event store (`wamm webhook serve --store`): adds what happened
    /// after the send (delivered, read, failed and why)
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS")]
    pub events: Option<PathBuf>,
}

/// A campaign with `[[senders]]` names its phone numbers itself: without a phone number ID in
/// the connection settings, the client starts from the first of them. `definition` is the
/// campaign file's, or `None` to read the journal's (for `resume` and `worker`).
fn first_sender_by_default(common: &mut CommonRunArgs, definition: Option<&CampaignDefinition>) {
    if common.connection.phone_number_id.is_some() {
        return;
    }
    let from_journal;
    let definition = match definition {
        Some(d) => d,
        None => match marketing::templates::campaign_to_resume(&common.journal, None) {
            Ok(d) => {
                from_journal = d;
                &from_journal
            }
            // The command itself says what is wrong with the journal.
            Err(_) => return,
        },
    };
    if let Some(first) = definition.senders.first() {
        common.connection.phone_number_id = Some(first.phone_number_id.clone());
    }
}

pub async fn exec(args: CampaignArgs) -> Result<(), Failure> {
    match args.command {
        CampaignCommand::Run(args) => {
            let definition = CampaignDefinition::load(&args.campaign).map_err(input)?;
            let mut common = args.common;
            first_sender_by_default(&mut common, Some(&definition));
            let mut options = options(&common, false);
            options.campaign_file = Some(args.campaign.clone());
            options.no_journal = args.no_journal;
            let client = common.connection.client(RetryPolicy::none())?;
            if !common.no_template_check && client.waba_id().is_some() {
                let source = args.campaign.display().to_string();
                options.template =
                    Some(check_template(&client, &definition, &source, &common.connection).await?);
            }
            let recipients = args.recipients.clone();
            if campaign::is_postgres(&common.journal) {
                // Name the campaign in the URL, so the report and the hints that follow the
                // run find it among the database's other campaigns.
                let location = common.journal.to_string_lossy().into_owned();
                common.journal =
                    campaign::PostgresJournal::location_of(&location, &definition.name).into();
            }
            let journal = common.journal.clone();
            let mut hints = Hints::new(&common);
            hints.recorded = !args.no_journal;
            drive(common.json, hints, move |stop, progress| async move {
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
            let mut common = args.common;
            first_sender_by_default(&mut common, None);
            let client = common.connection.client(RetryPolicy::none())?;
            let mut checked = None;
            if !common.no_template_check && client.waba_id().is_some() {
                // The message the rows not yet sent will get: the corrected file, or the
                // journal's newest revision.
                let definition = marketing::templates::campaign_to_resume(
                    &common.journal,
                    args.campaign.as_deref(),
                )
                .map_err(input)?;
                let source = match &args.campaign {
                    Some(file) => file.display().to_string(),
                    None => format!(
                        "the campaign in {}",
                        campaign::journal_label(&common.journal)
                    ),
                };
                checked =
                    Some(check_template(&client, &definition, &source, &common.connection).await?);
            }
            let mut options = options(&common, args.resend_unknown);
            options.template = checked;
            options.campaign_file = args.campaign;
            options.recipients = args.recipients;
            let journal = common.journal.clone();
            let hints = Hints::new(&common);
            drive(common.json, hints, move |stop, progress| async move {
                campaign::resume(client, &journal, options, stop, progress).await
            })
            .await
        }
        CampaignCommand::Worker(args) => {
            let mut common = args.common;
            first_sender_by_default(&mut common, None);
            let client = common.connection.client(RetryPolicy::none())?;
            let mut checked = None;
            if !common.no_template_check && client.waba_id().is_some() {
                let definition = marketing::templates::campaign_to_resume(&common.journal, None)
                    .map_err(input)?;
                let source = format!(
                    "the campaign in {}",
                    campaign::journal_label(&common.journal)
                );
                checked =
                    Some(check_template(&client, &definition, &source, &common.connection).await?);
            }
            let mut options = options(&common, false);
            options.template = checked;
            let journal = common.journal.clone();
            let hints = Hints::new(&common);
            drive(common.json, hints, move |stop, progress| async move {
                campaign::work(client, &journal, options, stop, progress).await
            })
            .await
        }
        CampaignCommand::Retry(args) => retry(args).await,
        CampaignCommand::Report(args) => report(args),
        CampaignCommand::Schema => {
            output::out(CampaignDefinition::json_schema())?;
            Ok(())
        }
    }
}

/// Checks the campaign's message against its approved template before anything is sent;
/// returns the record the journal keeps with the run.
async fn check_template(
    client: &marketing::MarketingClient,
    definition: &CampaignDefinition,
    source: &str,
    connection: &ConnectionArgs,
) -> Result<marketing::templates::CheckedTemplate, Failure> {
    match marketing::templates::check_campaign(client, definition).await {
        Ok(template) => {
            templates::report_checked(&template);
            Ok(marketing::templates::CheckedTemplate::of(&template))
        }
        Err(error) => Err(templates::check_failure(
            error, source, "message.", connection,
        )),
    }
}

fn options(common: &CommonRunArgs, resend_unknown: bool) -> RunOptions {
    RunOptions {
        messages_per_second: common.mps,
        concurrency: common.concurrency,
        resend_unknown,
        events: common.events.clone(),
        ..RunOptions::default()
    }
}

fn input(error: CampaignError) -> Failure {
    match error {
        CampaignError::Input(message) => Failure::usage(message),
        CampaignError::Journal(message) => Failure::other(format!("journal: {message}")),
        other => Failure::other(other.to_string()),
    }
}

/// What the next-step hints need to name: the real journal path and the settings in use.
struct Hints {
    journal: PathBuf,
    /// False for a `--no-journal` run: there is no journal to report from.
    recorded: bool,
    settings: Settings,
}

impl Hints {
    fn new(common: &CommonRunArgs) -> Self {
        Self {
            journal: common.journal.clone(),
            recorded: true,
            settings: Settings::of(&common.connection),
        }
    }

    /// The command that continues the campaign, ready to paste (the connection settings come
    /// from the same flags or environment as before).
    fn resume(&self, extra: &str) -> String {
        format!(
            "wamm campaign resume --journal {}{extra}",
            shell_word(&campaign::journal_label(&self.journal))
        )
    }

    /// When the journal's URL is shown without its password: where the commands printed
    /// take it from.
    fn password_note(&self) -> Option<String> {
        (campaign::is_postgres(&self.journal)
            && campaign::journal_label(&self.journal) != self.journal.to_string_lossy())
        .then(|| {
            "(the password is left out of the URL shown: give it in PGPASSWORD, or put it back in)"
                .to_string()
        })
    }

    /// What to fix, for a run that stopped. `campaign_file` is the file the journal last
    /// read the campaign from.
    fn fix(&self, reason: &StopReason, campaign_file: Option<&str>) -> Vec<String> {
        let mut lines = self
            .settings
            .hints(reason.class, reason.code, &reason.message);
        let about_the_message = matches!(
            reason.class,
            Some(ErrorClass::TemplateUnusable | ErrorClass::Routing | ErrorClass::InvalidRequest)
        ) && lines.is_empty();
        if about_the_message {
            lines.push(
                "fix [message] in the campaign file (template name, language, parameters); resume with --campaign so the rows not yet sent use it".to_string(),
            );
        }
        let extra = if about_the_message {
            format!(
                " --campaign {}",
                shell_word(campaign_file.unwrap_or("CAMPAIGN_FILE"))
            )
        } else {
            String::new()
        };
        lines.push(format!("then continue with: {}", self.resume(&extra)));
        lines.extend(self.password_note());
        lines
    }
}

/// Runs a campaign with Ctrl-C handling and a progress display, then prints the summary and
/// picks the exit status from the journal.
async fn drive<F, Fut>(json: bool, hints: Hints, start: F) -> Result<(), Failure>
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

/// A progress bar on a terminal; a plain line every 5 seconds otherwise.
async fn show_progress(mut progress: watch::Receiver<Progress>) {
    let line = |p: &Progress| {
        format!(
            "sent {} failed {} unknown {} invalid {} skipped {} | {:.0}/s{}{}",
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
            },
            if p.elsewhere > 0 {
                format!(
                    " | waiting for {} rows in flight at other workers",
                    p.elsewhere
                )
            } else {
                String::new()
            }
        )
    };
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} (ETA {eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        while progress.changed().await.is_ok() {
            let p = progress.borrow_and_update().clone();
            bar.set_length(p.total);
            // Never full while rows remain.
            bar.set_position(
                p.done()
                    .min(p.total.saturating_sub(u64::from(p.remaining() > 0))),
            );
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
                    output::err(format!(
                        "{:>5.1}% {}/{} {}{}",
                        p.fraction() * 100.0,
                        p.done(),
                        p.total,
                        line(&p),
                        eta(&p).map(|e| format!(" | ETA {e}")).unwrap_or_default()
                    ));
                }
            }
        }
    }
}

/// The time left at this run's pace, when there is a pace to go by.
fn eta(p: &Progress) -> Option<String> {
    let finished = p.sent + p.failed + p.unknown + p.invalid + p.skipped;
    let secs = p.elapsed.as_secs_f64();
    if finished == 0 || secs <= 0.0 {
        return None;
    }
    let left = p.remaining() as f64 * secs / finished as f64;
    Some(humantime::format_duration(Duration::from_secs(left.ceil() as u64)).to_string())
}

fn print_summary(summary: &RunSummary, report: &Report, json: bool) -> Result<(), Failure> {
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
    if json {
        let value = serde_json::json!({
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
            "remaining": p.total - done,
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
        });
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
        if p.suppressed > 0 {
            format!(
                ", suppressed {} (they stopped marketing messages)",
                p.suppressed
            )
        } else {
            String::new()
        },
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

/// Why rows are not sent, by code and count, over the whole campaign.
fn print_reasons(report: &Report) -> Result<(), Failure> {
    for e in &report.errors {
        let code = e.code.map_or("-".to_string(), |c| c.to_string());
        output::out(format!(
            "  {:<8} {:>7} x {code:>7}  {}",
            e.state, e.count, e.meaning
        ))?;
    }
    Ok(())
}

async fn retry(args: RetryArgs) -> Result<(), Failure> {
    let common = args.common;
    let Some(events) = common.events.clone() else {
        return Err(Failure::usage(
            "retry needs the webhook receiver's event store: give --events FILE or set WAMM_EVENTS",
        ));
    };
    let reopened = campaign::reopen_undelivered(
        &common.journal,
        &events,
        &args.codes,
        args.not_before,
        args.dry_run,
    )
    .map_err(input)?;
    let codes: Vec<String> = args.codes.iter().map(i64::to_string).collect();
    output::err(format!(
        "{} recipients failed with {} at least {} ago: {}",
        reopened.reopened,
        codes.join(" or "),
        humantime::format_duration(args.not_before),
        if args.dry_run {
            "they would be sent again"
        } else {
            "sending again"
        }
    ));
    if let Some(earliest) = reopened.earliest {
        output::err(format!(
            "{} more may be sent again from {} (Unix seconds)",
            reopened.waiting, earliest
        ));
    }
    if args.dry_run || reopened.reopened == 0 {
        return Ok(());
    }
    let client = common.connection.client(RetryPolicy::none())?;
    let options = options(&common, false);
    let journal = common.journal.clone();
    let hints = Hints::new(&common);
    drive(common.json, hints, move |stop, progress| async move {
        campaign::resume(client, &journal, options, stop, progress).await
    })
    .await
}

fn report(args: ReportArgs) -> Result<(), Failure> {
    // `--export -` (or `-.jsonl`): the rows are the output; the report is left out.
    if let Some(jsonl) = args.export.as_deref().and_then(|p| match p.to_str() {
        Some("-") => Some(false),
        Some("-.jsonl") => Some(true),
        _ => None,
    }) {
        if args.json {
            return Err(Failure::usage(
                "--export - writes the rows to standard output, where --json would write the report: give --export a file, or drop --json",
            ));
        }
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let written = campaign::export_with(&args.journal, args.events.as_deref(), &mut out, jsonl)
            .and_then(|rows| {
                out.flush()
                    .map(|()| rows)
                    .map_err(|e| CampaignError::Output(format!("standard output: {e}")))
            });
        return match written {
            Ok(_) => Ok(()),
            // A reader that closed the pipe (`| head`) has what it wanted.
            Err(CampaignError::Output(m)) if m.contains("Broken pipe") => Ok(()),
            Err(error) => Err(input(error)),
        };
    }
    let mut report = Report::load(&args.journal).map_err(input)?;
    if let Some(events) = &args.events {
        report
            .add_deliveries(&args.journal, events)
            .map_err(input)?;
    }
    if let Some(path) = &args.export {
        let rows = campaign::export_to_file_with(&args.journal, path, args.events.as_deref())
            .map_err(input)?;
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
        print_reasons(&report)?;
    }
    if let Some(deliveries) = &report.deliveries {
        output::out(paint(
            BOLD,
            "after the send, by the furthest status webhooks reported",
        ))?;
        for row in &deliveries.by_status {
            output::out(format!("  {:<14} {}", row.status, row.count))?;
        }
        if !deliveries.pricing.is_empty() {
            output::out(paint(BOLD, "sent, by the pricing category Meta reported"))?;
            for row in &deliveries.pricing {
                output::out(format!("  {:<14} {}", row.category, row.count))?;
            }
        }
        if !deliveries.failures.is_empty() {
            output::out(paint(BOLD, "failed after the send, by error code"))?;
            for failure in &deliveries.failures {
                let code = failure
                    .code
                    .map_or_else(|| "-".to_string(), |c| c.to_string());
                output::out(format!(
                    "  {code:<8} {:>7}  {}",
                    failure.count, failure.meaning
                ))?;
            }
        }
    }
    if report.sent_from.len() > 1 {
        output::out(paint(BOLD, "sent from phone number"))?;
        for s in &report.sent_from {
            output::out(format!("  {:<18} {:>7}", s.phone_number_id, s.sent))?;
        }
    }
    if report.revisions.len() > 1 {
        output::out(paint(BOLD, "sent by revision of the campaign file"))?;
        for r in &report.revisions {
            output::out(format!(
                "  {:<3} {:>7}  {}",
                r.revision,
                r.sent,
                r.source.as_deref().unwrap_or("(stored)")
            ))?;
        }
    }
    if let Some(template) = report.runs.iter().rev().find_map(|r| r.template.as_ref()) {
        output::out(format!(
            "last checked against the approved template {} ({}): id {}, {}, {}",
            template["name"].as_str().unwrap_or("?"),
            template["language"].as_str().unwrap_or("?"),
            template["id"].as_str().unwrap_or("?"),
            template["status"].as_str().unwrap_or("?"),
            template["category"].as_str().unwrap_or("?"),
        ))?;
    }
    output::out(format!(
        "{} runs, {:.1} messages/s achieved over run time",
        report.runs.len(),
        report.achieved_rate
    ))?;
    Ok(())
}
