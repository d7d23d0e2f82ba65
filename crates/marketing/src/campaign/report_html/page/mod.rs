//! The page: one HTML document with its style, its charts and a six-line script inline, and
//! nothing it would fetch (its Content-Security-Policy forbids any request).

use std::fmt::Write as _;

use super::super::journal::State;
mod breakdown;
mod progress;

use super::data::HtmlData;
use super::text::{count, escape, utc};

/// The style: readable on screen and in print, in black and white as in colour.
const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #111; padding-bottom: .2rem; margin-top: 2.2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: .6rem 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; vertical-align: top; } td.n, th.n { text-align: right; }
.note { color: #444; font-size: .92rem; } .chart { max-width: 100%; height: auto; display: block; margin: .6rem 0; }
.chart text { font: 12px system-ui, sans-serif; fill: #111; } .chart .tick { fill: #333; font-size: 11px; } .chart .series { font-weight: 600; }
.chart .grid { stroke: #ddd; stroke-width: 1; } .chart .axis { stroke: #111; stroke-width: 1; }
details summary { cursor: pointer; color: #333; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; } h2 { break-after: avoid; } section, table, .chart { break-inside: avoid; }
  details > summary { display: none; } details::details-content { content-visibility: visible; display: contents; } a { color: inherit; text-decoration: none; }
}
"#;

/// Measures each chart once drawn: the number of data marks with a box (a bar with area, a
/// line or point with extent) goes into
/// the chart's `data-drawn`, so a headless browser's DOM says what it drew. It reads the page
/// only and loads nothing.
const MEASURE: &str = r#"<script>for (const c of document.querySelectorAll("svg.chart")) { let n = 0; for (const m of c.querySelectorAll(".mark")) { const b = m.getBBox(); if (m.tagName === "rect" ? b.width > 0 && b.height > 0 : b.width > 0 || b.height > 0) n++; } c.setAttribute("data-drawn", n); }</script>"#;

/// The page for `data`.
pub(crate) fn page(data: &HtmlData) -> String {
    let r = &data.report;
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("Campaign {}: report", r.name);
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"><title>{}</title><style>{STYLE}</style></head><body>"#,
        escape(&title)
    );
    header(&mut out, data);
    progress::funnel(&mut out, data);
    progress::over_time(&mut out, &data.timeline);
    breakdown::failures(&mut out, data);
    breakdown::numbers(&mut out, data);
    breakdown::variants(&mut out, data);
    breakdown::runs(&mut out, data);
    let _ = write!(
        out,
        r#"<footer class="note"><p>Made by wamm {} from the journal on {} UTC. Figures are as the journal and the webhook store held them then.</p></footer>{MEASURE}</body></html>"#,
        env!("CARGO_PKG_VERSION"),
        utc(data.made_ms, "%Y-%m-%d %H:%M")
    );
    out
}

fn header(out: &mut String, data: &HtmlData) {
    let r = &data.report;
    let _ = write!(
        out,
        "<header><h1>Campaign {}</h1><dl class=\"facts\">",
        escape(&r.name)
    );
    let mut fact = |name: &str, value: &str| {
        let _ = write!(out, "<dt>{}</dt><dd>{value}</dd>", escape(name));
    };
    let templates: Vec<String> = if r.templates.is_empty() {
        r.runs
            .iter()
            .filter_map(|run| run.template.as_ref())
            .filter_map(|t| {
                Some(format!(
                    "{} ({})",
                    t["name"].as_str()?,
                    t["language"].as_str()?
                ))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    } else {
        r.templates.iter().map(|t| t.to_string()).collect()
    };
    let templates = if templates.is_empty() {
        "not recorded".to_string()
    } else {
        templates
            .iter()
            .map(|t| escape(t))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    fact("Template", &templates);
    let first = r.runs.iter().map(|run| run.started_ms).min();
    let last = r
        .runs
        .iter()
        .map(|run| run.finished_ms.unwrap_or(run.started_ms))
        .max();
    let when = match (first, last) {
        (Some(f), Some(l)) => format!(
            "{} to {} UTC, {} run{}",
            utc(f, "%Y-%m-%d %H:%M"),
            utc(l, "%Y-%m-%d %H:%M"),
            r.runs.len(),
            if r.runs.len() == 1 { "" } else { "s" }
        ),
        _ => "no run yet".to_string(),
    };
    fact("When", &escape(&when));
    fact(
        "Journal",
        &format!("<code>{}</code>", escape(&data.journal)),
    );
    if let Some(file) = &r.campaign_file {
        fact("Campaign file", &format!("<code>{}</code>", escape(file)));
    }
    let events = match &data.events {
        Some(events) => format!("<code>{}</code>", escape(events)),
        None => "no webhook store given (<code>--events</code>): delivered, read and opt-outs are not shown".to_string(),
    };
    fact("Webhook store", &events);
    let totals = format!(
        "{} recipients: {} sent, {} failed, {} unknown, {} not sent on purpose or invalid, {} pending; {:.1} messages/s over run time",
        count(r.total),
        count(r.count(State::Sent)),
        count(r.count(State::Failed)),
        count(r.count(State::Unknown)),
        count(
            r.count(State::Invalid)
                + r.count(State::Skipped)
                + r.count(State::Suppressed)
                + r.count(State::HeldOut)
        ),
        count(r.count(State::Pending) + r.count(State::InFlight)),
        r.achieved_rate
    );
    fact("Totals", &escape(&totals));
    out.push_str("</dl></header>");
}

/// A table of figures: a header row and rows of cells already escaped.
pub(super) fn table(out: &mut String, caption: &str, head: &[&str], rows: &[Vec<String>]) {
    let _ = write!(
        out,
        "<table><caption class=\"note\">{}</caption><tr>",
        escape(caption)
    );
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(cell);
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// A text cell.
pub(super) fn cell(text: &str) -> String {
    format!("<td>{}</td>", escape(text))
}

/// A number cell, with the raw value in `data-value` (and its name in `data-figure`).
pub(super) fn num(figure: &str, n: u64) -> String {
    format!(
        r#"<td class="n" data-figure="{}" data-value="{n}">{}</td>"#,
        escape(figure),
        count(n)
    )
}
