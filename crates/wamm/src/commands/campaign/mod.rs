//! `wamm campaign run|resume|retry|worker|report|reconcile|schema`: paced bulk sends with a journal.
//!
//! `run`, `resume` and `worker` differ only in where the message comes from and which library
//! entry point they call: each goes through one [`prepare`] step and then [`drive()`].

mod args;
mod drive;
mod hints;
mod monitor;
mod preflight;
mod progress;
mod reconcile;
mod report;
mod retry;
mod summary;
mod variants;

use std::path::Path;

use marketing::campaign::{self, CampaignDefinition, CampaignError, RunOptions};
use marketing::{MarketingClient, RetryPolicy};

pub use args::{ABOUT, CampaignArgs, EXAMPLES};
use args::{CampaignCommand, CommonRunArgs};
use drive::{Entry, drive};
use hints::Hints;

use crate::commands::templates;
use crate::config::ConnectionArgs;
use crate::exit::Failure;
use crate::output::{self, DIM, WARNING, paint};

/// Runs one `wamm campaign` subcommand.
pub async fn exec(args: CampaignArgs) -> Result<(), Failure> {
    match args.command {
        CampaignCommand::Run(args) => {
            let definition = CampaignDefinition::load(&args.campaign).map_err(input)?;
            if args.dry_run {
                return dry_run(&args, definition);
            }
            let mut common = args.common;
            let (client, mut options, mut hints) = prepare(
                &mut common,
                MessageSource::File(&args.campaign, &definition),
            )
            .await?;
            options.no_journal = args.no_journal;
            hints.recorded = !args.no_journal;
            options.max_per_day = args.account.max_per_day;
            let recipients = args.recipients;
            let monitor = monitor::Monitor::start(&common, &mut options).await?;
            preflight::check(
                &client,
                &common,
                &args.account,
                &definition,
                Some(&recipients),
            )
            .await?;
            say_zone_routes(&definition, &recipients)?;
            let entry = Entry::Run {
                definition: Box::new(definition),
                recipients,
            };
            drive(entry, client, common, options, hints, monitor).await
        }
        CampaignCommand::Resume(args) => {
            let mut common = args.common;
            let message = match &args.campaign {
                Some(file) => MessageSource::CorrectedFile(file),
                None => MessageSource::Journal,
            };
            let (client, mut options, hints) = prepare(&mut common, message).await?;
            options.resend_unknown = args.resend_unknown;
            options.max_per_day = args.account.max_per_day;
            // The campaign and the list the rows not yet sent will use, read once: the account
            // check needs them (and stops when they cannot be read); the send window's note
            // only when they can (a list that cannot be read is resume's to report).
            let account_check = !args.account.no_account_check && client.waba_id().is_some();
            let resumed = match preflight::resumed(
                &common.journal,
                args.campaign.as_deref(),
                args.recipients.as_deref(),
            ) {
                Ok(resumed) => Some(resumed),
                Err(failure) if account_check => return Err(failure),
                Err(_) => None,
            };
            if let Some((definition, list)) = &resumed {
                preflight::check(&client, &common, &args.account, definition, list.as_deref())
                    .await?;
                if let Some(list) = list
                    && list.exists()
                {
                    say_zone_routes(definition, list)?;
                }
            }
            options.recipients = args.recipients;
            let monitor = monitor::Monitor::start(&common, &mut options).await?;
            drive(Entry::Resume, client, common, options, hints, monitor).await
        }
        CampaignCommand::Worker(args) => {
            let mut common = args.common;
            let (client, mut options, hints) = prepare(&mut common, MessageSource::Journal).await?;
            let monitor = monitor::Monitor::start(&common, &mut options).await?;
            drive(Entry::Work, client, common, options, hints, monitor).await
        }
        CampaignCommand::Retry(args) => retry::retry(args).await,
        CampaignCommand::Report(args) => report::report(args).await,
        CampaignCommand::Reconcile(args) => reconcile::reconcile(*args).await,
        CampaignCommand::Schema => {
            output::out(CampaignDefinition::json_schema())?;
            Ok(())
        }
    }
}

/// `run --dry-run`: the counts a run would reach, with nothing sent and no journal.
fn dry_run(args: &args::RunArgs, definition: CampaignDefinition) -> Result<(), Failure> {
    let mut options = options(&args.common);
    options.campaign_file = Some(args.campaign.clone());
    let counts = campaign::dry_run(
        definition,
        &args.recipients,
        &options,
        args.export.as_deref(),
    )
    .map_err(input)?;
    if args.common.json {
        output::out(serde_json::to_string(&counts).map_err(|e| Failure::other(e.to_string()))?)?;
    } else {
        output::out(format!(
            "dry run: {} rows: would send {}, invalid {}, skipped {}, suppressed {}, held out {} (nothing sent, no journal)",
            counts.rows,
            counts.would_send,
            counts.invalid,
            counts.skipped,
            counts.suppressed,
            counts.held_out
        ))?;
    }
    if let Some(export) = &args.export {
        output::err(format!(
            "wrote {} rows to {}",
            counts.rows,
            export.display()
        ));
    }
    Ok(())
}

/// Where the message of a run comes from. It decides which campaign the sender pool and the
/// template check read, and which file the journal records as the campaign's source.
#[derive(Clone, Copy, Debug)]
enum MessageSource<'a> {
    /// `run`: the campaign file, already loaded (the run itself takes it too).
    File(&'a Path, &'a CampaignDefinition),
    /// `resume` and `worker`: the newest revision of the campaign the journal holds.
    Journal,
    /// `resume --campaign FILE`: a corrected file for the rows not yet sent. The sender pool
    /// is still the journal's.
    CorrectedFile(&'a Path),
}

impl<'a> MessageSource<'a> {
    /// The file the message is read from, when it is a file.
    fn file(self) -> Option<&'a Path> {
        match self {
            Self::File(path, _) | Self::CorrectedFile(path) => Some(path),
            Self::Journal => None,
        }
    }
}

/// Everything `run`, `resume` and `worker` do before their first send: the default sender,
/// the client, the run options common to all three, the template check, and the hints to
/// print when the run stops. The caller adds what only it knows to the options and the hints.
///
/// For a new campaign kept in PostgreSQL, `common.journal` comes back with the campaign's
/// name in the URL, so the run and its hints name it among the database's other campaigns.
async fn prepare(
    common: &mut CommonRunArgs,
    message: MessageSource<'_>,
) -> Result<(MarketingClient, RunOptions, Hints), Failure> {
    let given = match message {
        MessageSource::File(_, definition) => Some(definition),
        MessageSource::Journal | MessageSource::CorrectedFile(_) => None,
    };
    first_sender_by_default(common, given);
    let mut options = options(common);
    options.campaign_file = message.file().map(Path::to_path_buf);
    let client = common.connection.client(RetryPolicy::none())?;
    if !common.no_template_check && client.waba_id().is_some() {
        // The message the rows not yet sent will get: the campaign file, the corrected file,
        // or the journal's newest revision.
        let read;
        let definition = match given {
            Some(definition) => definition,
            None => {
                read = marketing::campaign::campaign_to_resume(&common.journal, message.file())
                    .map_err(input)?;
                &read
            }
        };
        let source = match message.file() {
            Some(file) => file.display().to_string(),
            None => format!(
                "the campaign in {}",
                campaign::journal_label(&common.journal)
            ),
        };
        let (checked, version) =
            check_template(&client, definition, &source, &common.connection).await?;
        options.template = Some(checked);
        options.template_version = Some(version);
    }
    if let MessageSource::File(_, definition) = message
        && campaign::is_postgres(&common.journal)
    {
        // Name the campaign in the URL, so the report and the hints that follow the run find
        // it among the database's other campaigns.
        let location = common.journal.to_string_lossy().into_owned();
        common.journal = campaign::named_location(&location, &definition.name).into();
    }
    let hints = Hints::new(common);
    Ok((client, options, hints))
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
        None => match marketing::campaign::campaign_to_resume(&common.journal, None) {
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

/// Checks the campaign's message against its approved template before anything is sent;
/// returns the record the journal keeps with the run.
async fn check_template(
    client: &MarketingClient,
    definition: &CampaignDefinition,
    source: &str,
    connection: &ConnectionArgs,
) -> Result<
    (
        marketing::templates::CheckedTemplate,
        campaign::TemplateVersion,
    ),
    Failure,
> {
    // Every variant's message against its template; the first's is the one recorded.
    match marketing::campaign::check_every_variant(client, definition).await {
        Ok(template) => {
            templates::report_checked(&template);
            let version = campaign::TemplateVersion::of(&template);
            output::err(paint(DIM, format!("sending with {version}")));
            Ok((
                marketing::templates::CheckedTemplate::of(&template),
                version,
            ))
        }
        Err(failed) => Err(templates::check_failure(
            failed.error,
            source,
            &format!("{}.", failed.field),
            connection,
        )),
    }
}

/// The run options every command that sends takes from its flags.
fn options(common: &CommonRunArgs) -> RunOptions {
    RunOptions {
        messages_per_second: common.mps,
        concurrency: common.concurrency,
        events: common.events.clone(),
        start_at: common.start_at.clone(),
        end_by: common.end_by.clone(),
        seed: common.seed.clone(),
        confirm: (common.seed.is_some() && !common.yes).then(|| campaign::Confirm::new(confirm)),
        // Said on stderr before the first send; `--json` has them in `warnings` too.
        warnings: campaign::Warnings::new(|text| {
            output::err(format!("{} {text}", paint(WARNING, "warning:")));
        }),
        ..RunOptions::default()
    }
}

/// With a send window, says before the first send how the list's rows find their time zone.
fn say_zone_routes(definition: &CampaignDefinition, recipients: &Path) -> Result<(), Failure> {
    let Some(window) = campaign::SendWindow::of(definition) else {
        return Ok(());
    };
    let routes = campaign::zone_routes(definition, recipients).map_err(input)?;
    output::err(format!(
        "send window {window} in each recipient's local time; time zones: {routes}"
    ));
    Ok(())
}

/// After the seed sends: shows them and asks on a terminal whether to send the list; without
/// a terminal, says how to go on and stops.
fn confirm(seeds: &[campaign::SeedRecord]) -> bool {
    use std::io::IsTerminal;
    for seed in seeds {
        output::err(format!(
            "seed {} (line {}): {}{}",
            seed.recipient,
            seed.line,
            seed.state,
            seed.wamid
                .as_deref()
                .or(seed.reason.as_deref())
                .map(|w| format!(" {w}"))
                .unwrap_or_default()
        ));
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        output::err(
            "the seeds are sent; check them, then send the list with resume (add --yes to go on without asking)",
        );
        return false;
    }
    output::ask("send the list now?").unwrap_or(false)
}

/// A library error as the CLI reports it: a user's mistake exits 2, anything else 1.
fn input(error: CampaignError) -> Failure {
    match error {
        CampaignError::Input(message) => Failure::usage(message),
        CampaignError::Guided { message, next } => {
            Failure::usage(message).detail(crate::hints::next_step(&next))
        }
        error @ CampaignError::Journal { .. } => Failure::other(crate::hints::chain(&error)),
        other => Failure::other(other.to_string()),
    }
}
