//! `wamm campaign report`: a campaign's results from its journal, as text or JSON, and every
//! row's outcome exported to a file or standard output.

use marketing::campaign::{self, CampaignError, Report, State};

use super::args::ReportArgs;
use super::input;
use super::summary::print_reasons;
use crate::exit::Failure;
use crate::output::{self, BOLD, paint};

/// Shows a campaign's results from its journal (with what the webhooks reported, given
/// `--events`), and exports its rows when asked.
pub(super) fn report(args: ReportArgs) -> Result<(), Failure> {
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
    print_report(&report)
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
    for state in State::ALL {
        let n = report.count(state);
        if n > 0 || matches!(state, State::Sent | State::Failed | State::Unknown) {
            output::out(format!("  {:<10} {n}", state.as_str()))?;
        }
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
