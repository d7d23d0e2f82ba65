//! `wamm campaign report`: a campaign's results from its journal, as text or JSON, and every
//! row's outcome exported to a file or standard output.

use marketing::campaign::{self, CampaignError, Report, State};
use marketing::insights::{CampaignScope, Comparison, Day, Insights, InsightsError};

use super::args::ReportArgs;
use super::input;
use super::summary::print_reasons;
use crate::commands::insights;
use crate::exit::Failure;
use crate::output::{self, BOLD, DIM, Verbose, WARNING, paint};

/// Shows a campaign's results from its journal (with what the webhooks reported, given
/// `--events`, and Meta's figures, given `--insights`), and exports its rows when asked.
pub(super) async fn report(args: ReportArgs) -> Result<(), Failure> {
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
        return export_to_stdout(&args, jsonl);
    }
    let mut report = Report::load(&args.journal).map_err(input)?;
    if let Some(events) = &args.events {
        report
            .add_deliveries(&args.journal, events)
            .map_err(input)?;
        report.add_template_events(events).map_err(input)?;
    }
    if let Some(path) = &args.html {
        let page =
            campaign::HtmlReport::gather(report.clone(), &args.journal, args.events.as_deref())
                .and_then(|html| html.write_to(path))
                .map_err(input)?;
        output::err(format!(
            "wrote the HTML report ({page} bytes) to {}",
            path.display()
        ));
    }
    if let Some(path) = &args.export {
        let rows = campaign::export_to_file_with(&args.journal, path, args.events.as_deref())
            .map_err(input)?;
        output::err(format!("wrote {rows} rows to {}", path.display()));
    }
    let beside = match args.insights {
        true => Some(meta_figures(&args, &report).await?),
        false => None,
    };
    if args.json {
        let mut value = serde_json::to_value(&report).map_err(|e| Failure::other(e.to_string()))?;
        if let Some(beside) = &beside {
            value["insights"] = serde_json::json!({
                "scope": beside.scope,
                "comparison": beside.comparison,
                "meta": beside.meta,
            });
        }
        let text =
            serde_json::to_string_pretty(&value).map_err(|e| Failure::other(e.to_string()))?;
        output::out(text)?;
        return Ok(());
    }
    print_report(&report)?;
    if let Some(beside) = &beside {
        print_beside(&report, beside)?;
    }
    Ok(())
}

/// Meta's figures for a campaign's templates and days, beside its journal's funnel
/// (`--insights`).
#[derive(Debug)]
struct MetaBeside {
    /// The templates, time and routes the journal says the campaign covers.
    scope: CampaignScope,
    /// The journal's funnel and Meta's (all routes together), figure by figure.
    comparison: Comparison,
    /// Everything Meta reported for those templates and days, one table per route.
    meta: Vec<Insights>,
}

/// `--insights`: asks Meta for the figures of the campaign's templates over its days, on
/// each route its messages may have taken.
async fn meta_figures(args: &ReportArgs, report: &Report) -> Result<MetaBeside, Failure> {
    let scope = CampaignScope::load(&args.journal).map_err(input)?;
    let queries = scope.queries(Day::today()).map_err(|e| match e {
        InsightsError::Period(reason) => {
            Failure::usage(format!("--insights: the campaign's days: {reason}"))
        }
        other => insights::failure(other, &args.connection),
    })?;
    let client = args.connection.templates_client(Verbose(false))?;
    let mut meta = Vec::new();
    for query in &queries {
        meta.push(
            client
                .template_insights(query)
                .await
                .map_err(|e| insights::failure(e, &args.connection))?,
        );
    }
    Ok(MetaBeside {
        comparison: Comparison::new(report, &meta),
        scope,
        meta,
    })
}

/// The comparison as text, with what explains a difference.
fn print_beside(report: &Report, beside: &MetaBeside) -> Result<(), Failure> {
    let templates: Vec<String> = beside
        .scope
        .templates
        .iter()
        .map(|t| format!("{} ({})", t.name, t.language))
        .collect();
    let routes: Vec<&str> = beside.meta.iter().map(|m| m.product.as_str()).collect();
    let Some(first) = beside.meta.first() else {
        return Ok(());
    };
    output::out(paint(
        BOLD,
        format!(
            "Meta's figures (template insights) for {}, {} (UTC), {}",
            templates.join(", "),
            first.period,
            routes.join(" + ")
        ),
    ))?;
    output::out(format!(
        "  {:<10} {:>9} {:>9} {:>11}",
        "", "journal", "Meta", "difference"
    ))?;
    let show = |n: Option<u64>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    for row in &beside.comparison.rows {
        let difference = row
            .difference
            .map_or_else(|| "-".to_string(), |d| format!("{d:+}"));
        output::out(format!(
            "  {:<10} {:>9} {:>9} {:>11}",
            row.figure,
            show(row.journal),
            show(row.meta),
            difference
        ))?;
    }
    if beside.meta.len() > 1 {
        let by_route: Vec<String> = beside
            .meta
            .iter()
            .map(|m| format!("{} {}", m.product, show(m.total.sent)))
            .collect();
        output::out(format!("  sent by route: {}", by_route.join(", ")))?;
    }
    for meta in &beside.meta {
        if let Some(spent) = meta.total.amount_spent.filter(|s| *s > 0.0) {
            output::out(format!(
                "  {}: spent {spent:.4} in the account's currency ({} per delivered message)",
                meta.product,
                meta.total
                    .cost_per_delivered
                    .map_or_else(|| "-".to_string(), |c| format!("{c:.4}"))
            ))?;
        }
        for (kind, n) in &meta.total.conversions {
            output::out(format!("  {}: {kind} {n}", meta.product))?;
        }
    }
    let mut notes = Vec::new();
    if report.deliveries.is_none() {
        notes.push(
            "delivered and read by webhook need the receiver's event store: --events".to_string(),
        );
    }
    notes.push("clicks reach no webhook: only Meta counts them".to_string());
    if !beside.comparison.agrees() {
        notes.push(
            "Meta counts every message sent with these templates on these days (other campaigns and `wamm send` too) and publishes figures with a delay; statuses the receiver has not recorded yet count only on Meta's side".to_string(),
        );
    }
    for note in notes {
        output::out(paint(DIM, format!("  {note}")))?;
    }
    if !beside.meta.iter().any(Insights::has_figures) {
        output::err(insights::no_figures_yet(first));
    } else if !beside.comparison.agrees() {
        output::err(format!(
            "{} the journal and Meta differ (see above)",
            paint(WARNING, "note:")
        ));
    }
    Ok(())
}

/// Every row's outcome on standard output, as CSV or (`jsonl`) JSON Lines.
fn export_to_stdout(args: &ReportArgs, jsonl: bool) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let written = campaign::export_with(&args.journal, args.events.as_deref(), &mut out, jsonl)
        .and_then(|rows| {
            out.flush()
                .map(|()| rows)
                .map_err(|e| CampaignError::Output(format!("standard output: {e}")))
        });
    match written {
        Ok(_) => Ok(()),
        // A reader that closed the pipe (`| head`) has what it wanted.
        Err(CampaignError::Output(m)) if m.contains("Broken pipe") => Ok(()),
        Err(error) => Err(input(error)),
    }
}

/// A heading and its lines; nothing when there are no lines.
fn section(title: &str, lines: impl Iterator<Item = String>) -> Result<(), Failure> {
    let mut lines = lines.peekable();
    if lines.peek().is_some() {
        output::out(paint(BOLD, title))?;
        for line in lines {
            output::out(line)?;
        }
    }
    Ok(())
}

/// The report as text: counts by state, then each breakdown that has something to show.
fn print_report(report: &Report) -> Result<(), Failure> {
    output::out(format!(
        "{} {} ({} recipients)",
        paint(BOLD, "campaign"),
        report.name,
        report.total
    ))?;
    for template in &report.templates {
        output::out(format!(
            "  {template}, recorded {}",
            utc(template.recorded_ms / 1000)
        ))?;
    }
    if !report.seeds.is_empty() {
        output::out(format!(
            "  seeds (apart from the list): {}",
            report
                .seeds
                .iter()
                .map(|s| format!("{} {}", s.recipient, s.state))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
    }
    for state in State::ALL {
        let n = report.count(state);
        if n > 0 || matches!(state, State::Sent | State::Failed | State::Unknown) {
            output::out(format!("  {:<10} {n}", state.as_str()))?;
        }
    }
    if let Some(waiting) = &report.waiting {
        output::out(format!(
            "  of them waiting for their send window: {} (next opens {})",
            waiting.rows,
            waiting.next_opening.as_deref().unwrap_or("later")
        ))?;
    }
    section(
        "sent by message_status",
        report
            .statuses
            .iter()
            .map(|s| format!("  {:<28} {}", s.message_status, s.count)),
    )?;
    if !report.errors.is_empty() {
        output::out(paint(BOLD, "not sent or unknown, by error code"))?;
        print_reasons(report)?;
    }
    if let Some(deliveries) = &report.deliveries {
        output::out(paint(
            BOLD,
            "after the send, by the furthest status webhooks reported",
        ))?;
        for row in &deliveries.by_status {
            output::out(format!("  {:<14} {}", row.status, row.count))?;
        }
        section(
            "sent, by the pricing category Meta reported",
            deliveries
                .pricing
                .iter()
                .map(|row| format!("  {:<14} {}", row.category, row.count)),
        )?;
        section(
            "failed after the send, by error code",
            deliveries.failures.iter().map(|failure| {
                let code = failure
                    .code
                    .map_or_else(|| "-".to_string(), |c| c.to_string());
                format!("  {code:<8} {:>7}  {}", failure.count, failure.meaning)
            }),
        )?;
    }
    if let Some(events) = &report.template_events {
        section(
            "the template's status, quality and category, as webhooks reported",
            events.iter().map(|event| {
                let when = event.time.unwrap_or(event.received_ms / 1000);
                let reason = event
                    .reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                format!(
                    "  {} {:<9} {} {} {}{reason}",
                    utc(when),
                    event.kind,
                    event.name.as_deref().unwrap_or("-"),
                    event.language.as_deref().unwrap_or("-"),
                    event.event,
                )
            }),
        )?;
    }
    if let Some(variants) = &report.variants {
        super::variants::print_variants(variants)?;
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

/// Unix seconds as an RFC 3339 time in UTC.
pub(crate) fn utc(seconds: i64) -> String {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds.max(0) as u64);
    humantime::format_rfc3339_seconds(at).to_string()
}
