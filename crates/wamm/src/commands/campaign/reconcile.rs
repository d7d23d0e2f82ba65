//! `wamm campaign reconcile`: the delivery statuses a webhook receiver missed, asked of
//! Meta's message history and recorded in the event store as the webhooks would have been.

use marketing::RetryPolicy;
use marketing::campaign::{self, ReconcileOptions, Reconciled};

use super::args::ReconcileArgs;
use super::input;
use crate::exit::{Exit, Failure};
use crate::output;

/// Asks about the sent rows still without a delivery status after `--older-than`, records
/// what Meta's history says, and prints a summary (`--json`: as JSON). Exits 4 when an
/// authentication, permission or account error stopped it, 1 when some requests failed
/// (those rows are asked again next time).
pub(super) async fn reconcile(mut args: ReconcileArgs) -> Result<(), Failure> {
    let options = ReconcileOptions {
        older_than: args.older_than,
        dry_run: args.dry_run,
        requests_per_second: args.requests_per_second,
        include_delivered: args.include_delivered,
    };
    if options.check().is_err() {
        return Err(Failure::usage(format!(
            "--requests-per-second {}: expected 0.1 to 100",
            args.requests_per_second
        )));
    }
    if args.connection.phone_number_id.is_none() {
        // Each row is asked of the number that sent it; the campaign's first sender stands in
        // for rows from journals that did not record it.
        if let Ok(definition) = campaign::campaign_to_resume(&args.journal, None) {
            args.connection.phone_number_id = definition
                .senders
                .first()
                .map(|s| s.phone_number_id.clone());
        }
    }
    let done = if args.dry_run {
        // Nothing is asked: no token or phone number needed.
        let client = marketing::MarketingClient::builder("0", marketing::AccessToken::new("-"))
            .build()
            .map_err(|e| Failure::other(e.to_string()))?;
        campaign::reconcile(&client, &args.journal, &args.events, &options)
            .await
            .map_err(input)?
    } else {
        let client = args.connection.client(RetryPolicy::none())?;
        campaign::reconcile(&client, &args.journal, &args.events, &options)
            .await
            .map_err(input)?
    };
    if args.json {
        let text =
            serde_json::to_string_pretty(&done).map_err(|e| Failure::other(e.to_string()))?;
        output::out(text)?;
    } else {
        print(&done, &args)?;
    }
    if let Some(stopped) = &done.stopped {
        let exit = if done.stopped_class.is_some_and(|c| c.is_account_problem()) {
            Exit::Auth
        } else {
            Exit::Failure
        };
        return Err(Failure::new(exit, format!("stopped: {stopped}"))
            .detail("rows not asked yet are asked when reconcile runs again, once this is fixed"));
    }
    if done.errors > 0 {
        return Err(Failure::other(format!(
            "{} requests failed; run reconcile again to ask about those rows",
            done.errors
        )));
    }
    Ok(())
}

fn print(done: &Reconciled, args: &ReconcileArgs) -> Result<(), Failure> {
    let age = humantime::format_duration(args.older_than);
    output::out(format!(
        "sent at least {age} ago:  {} messages, {} with a delivery status already",
        done.old_enough, done.already_known
    ))?;
    if done.dry_run {
        output::out(format!(
            "would ask:            {} (dry run: nothing asked, nothing recorded)",
            done.asked
        ))?;
        return Ok(());
    }
    output::out(format!("asked:                {}", done.asked))?;
    for (status, count) in &done.learned {
        output::out(format!("learned {status:<13} {count}"))?;
    }
    output::out(format!("still unknown:        {}", done.still_unknown))?;
    if args.include_delivered {
        output::out(format!("delivered, no more:   {}", done.unchanged))?;
    }
    output::out(format!("errors:               {}", done.errors))?;
    output::out(format!("new events recorded:  {}", done.new_events))?;
    Ok(())
}
