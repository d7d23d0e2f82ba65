//! The page's breakdowns: failures by error code, sends per number and per variant, and the runs.

use std::fmt::Write as _;

use super::super::super::journal::State;
use super::super::data::HtmlData;
use super::super::svg::{self, Bar};
use super::super::text::{escape, share, utc};
use super::{cell, num, table};

/// What to do about rows that got no answer at all.
const NO_ANSWER: &str = "Not resent automatically: it may have been sent. Meta's message history (reconcile) tells whether it was; send again only if duplicates are acceptable.";

pub(super) fn failures(out: &mut String, data: &HtmlData) {
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

pub(super) fn numbers(out: &mut String, data: &HtmlData) {
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

pub(super) fn variants(out: &mut String, data: &HtmlData) {
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

pub(super) fn runs(out: &mut String, data: &HtmlData) {
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
    use crate::campaign::report_html::data::Timeline;
    use crate::campaign::report_html::page::page;
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
