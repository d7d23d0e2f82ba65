//! The page's first sections: how far the messages got (the funnel) and when (over time).

use std::fmt::Write as _;

use super::super::super::journal::State;
use super::super::data::{Bucket, HtmlData, Timeline};
use super::super::svg::{self, Bar, Line};
use super::super::text::{escape, share, utc};
use super::{cell, num, table};

pub(super) fn funnel(out: &mut String, data: &HtmlData) {
    let r = &data.report;
    out.push_str("<section id=\"funnel\"><h2>Funnel</h2>");
    let sent = r.count(State::Sent);
    let (delivered, read) = r.delivered_and_read();
    let failed_after = r.furthest_status("failed");
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
    for figure in [
        (
            "delivered",
            delivered,
            "webhooks: furthest status delivered or read",
        ),
        ("read", read, "webhooks: furthest status read"),
    ] {
        add_figure(&mut bars, &mut rows, figure, sent, true);
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
    for figure in apart {
        add_figure(&mut bars, &mut rows, figure, sent, false);
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

/// One figure of the funnel, `(name, count, where it comes from)`: its bar (with its share of
/// the messages `sent` beside it when `noted`) and its row; without a webhook store to count
/// it (`None`), only a row that says so.
fn add_figure(
    bars: &mut Vec<Bar>,
    rows: &mut Vec<Vec<String>>,
    (name, value, source): (&str, Option<u64>, &str),
    sent: u64,
    noted: bool,
) {
    let Some(v) = value else {
        rows.push(vec![
            cell(name),
            cell("-"),
            cell("-"),
            cell("no webhook store given"),
        ]);
        return;
    };
    bars.push(Bar {
        label: name.into(),
        value: v,
        note: if noted {
            format!(" · {}", share(v, sent))
        } else {
            String::new()
        },
    });
    rows.push(vec![
        cell(name),
        num(name, v),
        cell(&share(v, sent)),
        cell(source),
    ]);
}

pub(super) fn over_time(out: &mut String, timeline: &Timeline) {
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
    let pick = |f: fn(&Bucket) -> u64| timeline.buckets.iter().map(f).collect::<Vec<u64>>();
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
