//! `wamm campaign retry`: rows a webhook proved undelivered go back to pending once Meta's
//! wait is over, and are sent again like a resume.

use marketing::RetryPolicy;
use marketing::campaign;

use super::args::RetryArgs;
use super::drive::{Entry, drive};
use super::hints::Hints;
use super::{input, options};
use crate::exit::Failure;
use crate::output;

/// Puts the rows a webhook proved undelivered (with one of `--code`, at least `--not-before`
/// ago) back to pending, and sends them as a resume does; `--dry-run` only counts them.
///
/// Unlike `resume`, it takes no default sender from the campaign's `[[senders]]` and does
/// not check the template.
pub(super) async fn retry(args: RetryArgs) -> Result<(), Failure> {
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
        // Nothing is sent, so there is no run summary: --json prints the counts instead.
        if common.json {
            let document = serde_json::json!({
                "reopened": reopened.reopened,
                "waiting": reopened.waiting,
                "earliest": reopened.earliest,
                "codes": args.codes,
                "dry_run": args.dry_run,
            });
            output::out(document.to_string())?;
        }
        return Ok(());
    }
    let client = common.connection.client(RetryPolicy::none())?;
    let mut options = options(&common);
    let monitor = super::monitor::Monitor::start(&common, &mut options).await?;
    let hints = Hints::new(&common);
    drive(Entry::Resume, client, common, options, hints, monitor).await
}
