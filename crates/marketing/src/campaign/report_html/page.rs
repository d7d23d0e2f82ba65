//! The page: one HTML document with its style, its charts and a six-line script inline, and
//! nothing it would fetch (its Content-Security-Policy forbids any request).

use std::fmt::Write as _;

use super::super::journal::State;
use super::data::{HtmlData, Timeline};
use super::svg::{self, Bar, Line};
use super::text::{count, escape, share, utc};

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
    funnel(&mut out, data);
    over_time(&mut out, &data.timeline);
    failures(&mut out, data);
    numbers(&mut out, data);
    variants(&mut out, data);
    runs(&mut out, data);
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
fn table(out: &mut String, caption: &str, head: &[&str], rows: &[Vec<String>]) {
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
fn cell(text: &str) -> String {
    format!("<td>{}</td>", escape(text))
}

/// A number cell, with the raw value in `data-value` (and its name in `data-figure`).
fn num(figure: &str, n: u64) -> String {
    format!(
        r#"<td class="n" data-figure="{}" data-value="{n}">{}</td>"#,
        escape(figure),
        count(n)
    )
}

fn funnel(out: &mut String, data: &HtmlData) {
    let r = &data.report;
    out.push_str("<section id=\"funnel\"><h2>Funnel</h2>");
    let sent = r.count(State::Sent);
    let status = |name: &str| {
        r.deliveries.as_ref().map(|d| {
            d.by_status
                .iter()
                .filter(|s| s.status == name)
                .map(|s| s.count)
                .sum::<u64>()
        })
    };
    let read = status("read");
    let delivered = status("delivered").zip(read).map(|(d, r)| d + r);
    let failed_after = status("failed");
    let mut bars = vec![Bar {
        label: "sent".into(),
        value: sent,
        note: String::new(),
    }];
    let mut rows = vec![vec![
        cell("sent"),
        num("sent", sent),
        cell("100 %"),
        cell("the journal: Meta accepted the message"),
    ]];
    let no_store = "no webhook store given";
    for (name, value, source) in [
        (
            "delivered",
            delivered,
            "webhooks: furthest status delivered or read",
        ),
        ("read", read, "webhooks: furthest status read"),
    ] {
        match value {
            Some(v) => {
                bars.push(Bar {
                    label: name.into(),
                    value: v,
                    note: format!(" · {}", share(v, sent)),
                });
                rows.push(vec![
                    cell(name),
                    num(name, v),
                    cell(&share(v, sent)),
                    cell(source),
                ]);
            }
            None => rows.push(vec![cell(name), cell("-"), cell("-"), cell(no_store)]),
        }
    }
    rows.push(vec![
        cell("clicked"),
        cell("-"),
        cell("-"),
        cell("no webhook reports clicks: only Meta counts them (template insights)"),
    ]);
    let apart = [
        (
            "failed",
            Some(r.count(State::Failed)),
            "the journal: Meta refused it, not sent",
        ),
        (
            "unknown",
            Some(r.count(State::Unknown)),
            "the journal: may have been sent, never resent",
        ),
        (
            "failed after the send",
            failed_after,
            "webhooks: furthest status failed",
        ),
        (
            "opted out",
            data.opted_out,
            "recipients sent to who are on the suppression list now",
        ),
    ];
    for (name, value, source) in apart {
        match value {
            Some(v) => {
                bars.push(Bar {
                    label: name.into(),
                    value: v,
                    note: String::new(),
                });
                rows.push(vec![
                    cell(name),
                    num(name, v),
                    cell(&share(v, sent)),
                    cell(source),
                ]);
            }
            None => rows.push(vec![cell(name), cell("-"), cell("-"), cell(no_store)]),
        }
    }
    out.push_str(&svg::bars(
        "chart-funnel",
        "Funnel: sent, delivered, read; failed, unknown and opted out",
        "Horizontal bars, one per figure, with its count and its share of the messages sent.",
        &bars,
    ));
    table(
        out,
        "The funnel (shares of the messages sent)",
        &["figure", "count", "of sent", "from"],
        &rows,
    );
    out.push_str("</section>");
}

fn over_time(out: &mut String, timeline: &Timeline) {
    out.push_str("<section id=\"timeline\"><h2>Over time</h2>");
    if timeline.buckets.is_empty() {
        out.push_str("<p class=\"note\">Nothing was sent yet.</p></section>");
        return;
    }
    let step = timeline.step_ms;
    let fmt = if step >= 86_400_000 {
        "%Y-%m-%d"
    } else if step < 60_000 {
        "%H:%M:%S"
    } else if timeline.buckets.first().map(|b| b.start_ms / 86_400_000)
        == timeline.buckets.last().map(|b| b.start_ms / 86_400_000)
    {
        "%H:%M"
    } else {
        "%m-%d %H:%M"
    };
    let labels: Vec<String> = timeline
        .buckets
        .iter()
        .map(|b| utc(b.start_ms, fmt))
        .collect();
    let pick =
        |f: fn(&super::data::Bucket) -> u64| timeline.buckets.iter().map(f).collect::<Vec<u64>>();
    let mut lines = vec![
        Line {
            name: "sent".into(),
            values: pick(|b| b.sent),
        },
        Line {
            name: "failed or unknown".into(),
            values: pick(|b| b.failed + b.unknown),
        },
    ];
    if timeline.with_events {
        lines.push(Line {
            name: "delivered, not read".into(),
            values: pick(|b| b.delivered),
        });
        lines.push(Line {
            name: "read".into(),
            values: pick(|b| b.read),
        });
    }
    let _ = write!(
        out,
        "<p class=\"note\">Per {} (UTC, from {}). Sends by when their outcome was recorded; failed counts failed and unknown rows. {}</p>",
        escape(timeline.step_name),
        escape(&utc(timeline.buckets[0].start_ms, "%Y-%m-%d %H:%M")),
        if timeline.with_events {
            "Delivered and read: messages by the time Meta stamped their furthest status, so a message read is counted under read only (the funnel's delivered is both lines together)."
        } else {
            "No webhook store given: deliveries and reads are not shown."
        }
    );
    out.push_str(&svg::lines(
        "chart-timeline",
        &format!("Messages per {} over time", timeline.step_name),
        "Lines over time, one per series, each with its own dash and its name and total at its end.",
        &labels,
        &lines,
    ));
    let mut head = vec!["from (UTC)", "sent", "failed", "unknown"];
    if timeline.with_events {
        head.extend(["delivered", "read"]);
    }
    let rows: Vec<Vec<String>> = timeline
        .buckets
        .iter()
        .filter(|b| b.sent + b.failed + b.unknown + b.delivered + b.read > 0)
        .map(|b| {
            let mut row = vec![
                cell(&utc(b.start_ms, "%Y-%m-%d %H:%M:%S")),
                num("sent", b.sent),
                num("failed", b.failed),
                num("unknown", b.unknown),
            ];
            if timeline.with_events {
                row.extend([num("delivered", b.delivered), num("read", b.read)]);
            }
            row
        })
        .collect();
    out.push_str("<details><summary>The figures (steps with nothing left out)</summary>");
    table(out, "Messages per step", &head, &rows);
    out.push_str("</details></section>");
}

/// What to do about rows that got no answer at all.
const NO_ANSWER: &str = "Not resent automatically: it may have been sent. Meta's message history (reconcile) tells whether it was; send again only if duplicates are acceptable.";

fn failures(out: &mut String, data: &HtmlData) {
    let r = &data.report;
    out.push_str("<section id=\"failures\"><h2>Failures by error code</h2>");
    if r.errors.is_empty() {
        out.push_str("<p class=\"note\">No row failed or was left unknown at the send.</p>");
    } else {
        let bars: Vec<Bar> = r
            .errors
            .iter()
            .map(|e| Bar {
                label: format!(
                    "{} {}",
                    e.code
                        .map_or_else(|| "no code".to_string(), |c| c.to_string()),
                    e.state
                ),
                value: e.count,
                note: String::new(),
            })
            .collect();
        out.push_str(&svg::bars(
            "chart-failures",
            "Rows failed or unknown, by Graph error code",
            "Horizontal bars, one per error code and state, with its row count.",
            &bars,
        ));
        let rows: Vec<Vec<String>> = r
            .errors
            .iter()
            .map(|e| {
                let advice = match e.code {
                    Some(code) => crate::rule(code).advice(),
                    None => NO_ANSWER,
                };
                vec![
                    cell(&e.code.map_or_else(|| "-".to_string(), |c| c.to_string())),
                    cell(&e.state),
                    num(
                        &format!("{}:{}", e.state, e.code.map_or(-1, |c| c)),
                        e.count,
                    ),
                    cell(&e.meaning),
                    cell(advice),
                ]
            })
            .collect();
        table(
            out,
            "At the send (the journal)",
            &["code", "state", "rows", "what it means", "what to do"],
            &rows,
        );
    }
    if let Some(deliveries) = r.deliveries.as_ref().filter(|d| !d.failures.is_empty()) {
        let rows: Vec<Vec<String>> = deliveries
            .failures
            .iter()
            .map(|f| {
                vec![
                    cell(&f.code.map_or_else(|| "-".to_string(), |c| c.to_string())),
                    num(&format!("after:{}", f.code.map_or(-1, |c| c)), f.count),
                    cell(&f.meaning),
                    cell(f.code.map_or("", |c| crate::rule(c).advice())),
                ]
            })
            .collect();
        table(
            out,
            "After the send (webhooks: status failed)",
            &["code", "messages", "what it means", "what to do"],
            &rows,
        );
    }
    out.push_str("</section>");
}

fn numbers(out: &mut String, data: &HtmlData) {
    let r = &data.report;
    out.push_str("<section id=\"numbers\"><h2>By sending number</h2>");
    if r.sent_from.is_empty() {
        out.push_str("<p class=\"note\">Nothing was sent yet.</p></section>");
        return;
    }
    let sent: u64 = r.sent_from.iter().map(|s| s.sent).sum();
    let bars: Vec<Bar> = r
        .sent_from
        .iter()
        .map(|s| Bar {
            label: s.phone_number_id.clone(),
            value: s.sent,
            note: format!(" · {}", share(s.sent, sent)),
        })
        .collect();
    out.push_str(&svg::bars(
        "chart-numbers",
        "Messages sent, by sending phone number",
        "Horizontal bars, one per phone number ID, with its count and share of the messages sent.",
        &bars,
    ));
    let rows: Vec<Vec<String>> = r
        .sent_from
        .iter()
        .map(|s| {
            vec![
                cell(&s.phone_number_id),
                num(&format!("from:{}", s.phone_number_id), s.sent),
                cell(&share(s.sent, sent)),
            ]
        })
        .collect();
    table(
        out,
        "Sent from each phone number",
        &["phone number ID", "sent", "share"],
        &rows,
    );
    out.push_str("</section>");
}

fn variants(out: &mut String, data: &HtmlData) {
    let Some(variants) = &data.report.variants else {
        return;
    };
    out.push_str("<section id=\"variants\"><h2>By variant</h2>");
    let sent_of = |g: &crate::campaign::VariantFigures| {
        g.states
            .iter()
            .filter(|s| s.state == State::Sent.as_str())
            .map(|s| s.count)
            .sum::<u64>()
    };
    let rate = |r: Option<&crate::campaign::Rate>| match r.and_then(|r| r.interval.map(|i| (r, i)))
    {
        Some((r, i)) => format!(
            "{} of {}: {:.1} % (95 %: {:.1}–{:.1} %)",
            r.count,
            r.of,
            i.rate * 100.0,
            i.low * 100.0,
            i.high * 100.0
        ),
        None => "-".to_string(),
    };
    let bars: Vec<Bar> = variants
        .groups
        .iter()
        .map(|g| Bar {
            label: g.name.clone(),
            value: sent_of(g),
            note: g
                .read
                .and_then(|r| r.interval)
                .map(|i| format!(" · read {:.1} %", i.rate * 100.0))
                .unwrap_or_default(),
        })
        .collect();
    out.push_str(&svg::bars(
        "chart-variants",
        "Messages sent, by variant",
        "Horizontal bars, one per variant (and the holdout), with its messages sent and its read rate when webhooks were read.",
        &bars,
    ));
    let rows: Vec<Vec<String>> = variants
        .groups
        .iter()
        .map(|g| {
            vec![
                cell(&g.name),
                num(&format!("variant-rows:{}", g.name), g.rows),
                num(&format!("variant-sent:{}", g.name), sent_of(g)),
                cell(&rate(g.delivered.as_ref())),
                cell(&rate(g.read.as_ref())),
            ]
        })
        .collect();
    table(
        out,
        "Each variant",
        &["variant", "rows", "sent", "delivered", "read"],
        &rows,
    );
    for c in &variants.comparisons {
        let _ = write!(
            out,
            "<p class=\"note\">{} {} vs {}: {}</p>",
            escape(&c.figure),
            escape(&c.a),
            escape(&c.b),
            escape(&c.verdict)
        );
    }
    out.push_str("</section>");
}

fn runs(out: &mut String, data: &HtmlData) {
    let r = &data.report;
    if r.runs.is_empty() {
        return;
    }
    out.push_str("<section id=\"runs\"><h2>Runs</h2>");
    let rows: Vec<Vec<String>> = r
        .runs
        .iter()
        .map(|run| {
            vec![
                cell(&utc(run.started_ms, "%Y-%m-%d %H:%M:%S")),
                cell(
                    &run.finished_ms
                        .map_or_else(|| "killed".to_string(), |f| utc(f, "%Y-%m-%d %H:%M:%S")),
                ),
                num("run-sent", run.sent),
                cell(run.outcome.as_deref().unwrap_or("-")),
            ]
        })
        .collect();
    table(
        out,
        "Each run (UTC)",
        &["started", "ended", "sent", "outcome"],
        &rows,
    );
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{
        Interval, Rate, Report, StateCount, VariantFigures, VariantReport, wilson,
    };

    fn group(name: &str, sent: u64, read: u64) -> VariantFigures {
        let interval: Option<Interval> = wilson(read, sent, 1.96);
        VariantFigures {
            name: name.into(),
            weight: Some(1.0),
            expected_share: Some(0.5),
            rows: sent + 1,
            states: vec![
                StateCount {
                    state: "sent".into(),
                    count: sent,
                },
                StateCount {
                    state: "failed".into(),
                    count: 1,
                },
            ],
            delivered: None,
            read: Some(Rate {
                count: read,
                of: sent,
                interval,
            }),
        }
    }

    /// A campaign with variants gets its own section: a chart of the messages each sent,
    /// with its read rate on the bar, and a table of every group.
    #[test]
    fn variants_get_a_chart_and_a_table() {
        let report = Report {
            name: "ab".into(),
            variants: Some(VariantReport {
                groups: vec![group("plain", 40, 10), group("<friendly>", 60, 30)],
                comparisons: Vec::new(),
            }),
            ..Report::default()
        };
        let data = HtmlData {
            report,
            journal: "ab.journal".into(),
            events: None,
            timeline: Timeline::default(),
            opted_out: None,
            made_ms: 0,
        };
        let page = page(&data);
        assert!(page.contains("<section id=\"variants\">"));
        assert!(page.contains("id=\"chart-variants\""));
        assert!(page.contains(r#"data-figure="variant-sent:plain" data-value="40""#));
        assert!(page.contains(r#"data-figure="variant-sent:&lt;friendly&gt;" data-value="60""#));
        assert!(page.contains("30 of 60: 50.0 %"));
        assert!(page.contains(" · read 25.0 %"));
        // Nothing sent: the other charts say so rather than draw empty axes.
        assert!(page.contains("Nothing was sent yet."));
        assert_eq!(
            page.matches("<svg").count(),
            2,
            "the funnel and the variants"
        );
    }
}
