//! The charts, as inline SVG written here: horizontal bars and lines over time, with axes,
//! ticks and direct labels. No plotting crate: the ones that emit SVG either measure text
//! with a system font library (plotters) or leave labels to a legend, and a chart that must
//! read in black and white wants labels on the marks themselves and dashes, not colours, to
//! tell series apart; that is a hundred lines, kept here.
//!
//! Every chart is an `<svg class="chart">` with a `<title>` and `<desc>`; the marks that show
//! data carry the class `mark`, which the page's check counts once drawn. Every string is
//! escaped on its way in.

use std::fmt::Write as _;

use super::text::{count, escape};

/// The width every chart is drawn at (the page scales it down on narrow screens).
pub(crate) const WIDTH: f64 = 760.0;

/// A linear map from data values to pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl Scale {
    /// Maps `domain` onto `range`; an empty domain maps everything to the middle of the range.
    pub(crate) fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { domain, range }
    }

    /// The pixel for `value`.
    pub(crate) fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if !span.is_finite() || span == 0.0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / span * (r1 - r0)
    }
}

/// Round tick values from 0 to at least `max`, about `target` of them, spaced by 1, 2 or 5
/// times a power of ten. Never empty: `[0, 1]` when `max` is not above 0.
pub(crate) fn ticks(max: f64, target: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        // Counts are whole: no tick between two integers.
        .max(1.0);
    let n = (max / step).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A tick's label: whole numbers, shortened with k, M, G above ten thousand.
pub(crate) fn tick_label(value: f64) -> String {
    let a = value.abs();
    let (scaled, suffix) = if a >= 1e9 {
        (value / 1e9, "G")
    } else if a >= 1e6 {
        (value / 1e6, "M")
    } else if a >= 1e4 {
        (value / 1e3, "k")
    } else {
        return count(value.round().max(0.0) as u64);
    };
    let text = format!("{scaled:.1}");
    format!("{}{suffix}", text.trim_end_matches(".0"))
}

/// One bar: a label, a value and what to print beside it after the value (a share).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bar {
    pub label: String,
    pub value: u64,
    pub note: String,
}

/// The fills bars take in turn, so neighbours differ in print without colour.
const FILLS: [&str; 4] = [
    "url(#P-solid)",
    "url(#P-hatch)",
    "url(#P-dots)",
    "url(#P-cross)",
];
/// The dashes lines take in turn.
const DASHES: [&str; 4] = ["", "8 4", "2 3", "10 3 2 3"];
/// The colours lines and bars take in turn (dark enough for print).
const INKS: [&str; 4] = ["#1f4e79", "#b35900", "#2e7d32", "#6a1b9a"];

/// Opens a chart: its element, title, description and the patterns its bars use.
fn open(out: &mut String, id: &str, title: &str, desc: &str, height: f64) {
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    // Patterns are per chart (ids must be unique in the page): `P` becomes the chart's id.
    let defs = r##"<defs><pattern id="P-solid" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#1f4e79"/></pattern><pattern id="P-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#b35900"/></pattern><pattern id="P-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="2" fill="#2e7d32"/></pattern><pattern id="P-cross" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#fff"/><path d="M0 0L8 8M8 0L0 8" stroke="#6a1b9a" stroke-width="2"/></pattern></defs>"##;
    out.push_str(&defs.replace("\"P-", &format!("\"{id}-")));
}

/// A chart with nothing to draw says so, in the chart's place.
fn empty(id: &str, title: &str, desc: &str) -> String {
    let mut out = String::new();
    open(&mut out, id, title, desc, 60.0);
    out.push_str(r#"<text x="10" y="35" class="empty">nothing to show yet</text></svg>"#);
    out
}

/// Shortens a label to `max` characters, with an ellipsis.
fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Horizontal bars, one per row, each labelled on the left with its name and on its end with
/// its value and note, over a value axis with round ticks.
pub(crate) fn bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return empty(id, title, desc);
    }
    const ROW: f64 = 30.0;
    const LEFT: f64 = 190.0;
    const RIGHT: f64 = 150.0;
    const TOP: f64 = 10.0;
    let height = TOP + ROW * bars.len() as f64 + 30.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0) as f64;
    let ticks = ticks(max, 5);
    let top_tick = *ticks.last().unwrap_or(&1.0);
    let x = Scale::new((0.0, top_tick), (LEFT, WIDTH - RIGHT));
    let mut out = String::new();
    open(&mut out, id, title, desc, height);
    let axis_y = TOP + ROW * bars.len() as f64;
    for t in &ticks {
        let px = x.at(*t);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{px:.1}" y1="{TOP}" x2="{px:.1}" y2="{axis_y}"/><text class="tick" x="{px:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            axis_y + 16.0,
            escape(&tick_label(*t))
        );
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let width = (x.at(bar.value as f64) - LEFT).max(0.0);
        // A bar of zero still shows where it would start, so the row reads as "none".
        let drawn = if bar.value > 0 { width.max(1.5) } else { 0.0 };
        let fill = FILLS[i % FILLS.len()].replace("(#P-", &format!("(#{id}-"));
        let value = format!("{}{}", count(bar.value), bar.note);
        let _ = write!(
            out,
            r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect class="mark bar" x="{LEFT}" y="{:.1}" width="{drawn:.1}" height="{:.1}" fill="{fill}" stroke="{}"><title>{}: {}</title></rect><text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            LEFT - 8.0,
            y + ROW / 2.0 + 4.0,
            escape(&shorten(&bar.label, 28)),
            y + 5.0,
            ROW - 10.0,
            INKS[i % INKS.len()],
            escape(&bar.label),
            escape(&value),
            LEFT + drawn + 6.0,
            y + ROW / 2.0 + 4.0,
            escape(&value),
        );
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{axis_y}"/></svg>"#
    );
    out
}

/// One line over time: its name and one value per point of the chart.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    pub name: String,
    pub values: Vec<u64>,
}

/// Lines over evenly spaced points (`x_labels`, one per point; about six are printed), each
/// drawn with its own dash and point marks and named at its last point; the first is also
/// shaded underneath.
pub(crate) fn lines(
    id: &str,
    title: &str,
    desc: &str,
    x_labels: &[String],
    lines: &[Line],
) -> String {
    let points = x_labels.len();
    if points == 0 || lines.is_empty() {
        return empty(id, title, desc);
    }
    const HEIGHT: f64 = 300.0;
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = 190.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 44.0;
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter())
        .copied()
        .max()
        .unwrap_or(0) as f64;
    let ticks = ticks(max, 5);
    let top_tick = *ticks.last().unwrap_or(&1.0);
    let y = Scale::new((0.0, top_tick), (HEIGHT - BOTTOM, TOP));
    let x = Scale::new((0.0, (points - 1) as f64), (LEFT + 8.0, WIDTH - RIGHT));
    let mut out = String::new();
    open(&mut out, id, title, desc, HEIGHT);
    for t in &ticks {
        let py = y.at(*t);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{LEFT}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            py + 4.0,
            escape(&tick_label(*t))
        );
    }
    // About six time labels, evenly spread, the last point always among them.
    let every = points.div_ceil(6).max(1);
    for (i, label) in x_labels.iter().enumerate() {
        if i % every != 0 && i != points - 1 {
            continue;
        }
        if i != points - 1 && points - 1 - i < every / 2 {
            continue;
        }
        let px = x.at(i as f64);
        let _ = write!(
            out,
            r#"<line class="axis" x1="{px:.1}" y1="{:.1}" x2="{px:.1}" y2="{:.1}"/><text class="tick" x="{px:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            HEIGHT - BOTTOM,
            HEIGHT - BOTTOM + 5.0,
            HEIGHT - BOTTOM + 20.0,
            escape(label)
        );
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}"/>"#,
        HEIGHT - BOTTOM,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM,
        HEIGHT - BOTTOM
    );
    let mut name_slots: Vec<f64> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let ink = INKS[n % INKS.len()];
        let dash = DASHES[n % DASHES.len()];
        let coords: Vec<(f64, f64)> = (0..points)
            .map(|i| {
                let v = line.values.get(i).copied().unwrap_or(0) as f64;
                (x.at(i as f64), y.at(v))
            })
            .collect();
        let mut d = String::new();
        for (i, (px, py)) in coords.iter().enumerate() {
            let _ = write!(d, "{}{px:.1} {py:.1}", if i == 0 { "M" } else { "L" });
        }
        if n == 0 && points > 1 {
            let base = y.at(0.0);
            let _ = write!(
                out,
                r#"<path class="area" d="{d}L{:.1} {base:.1}L{:.1} {base:.1}Z" fill="{ink}" fill-opacity="0.12"/>"#,
                coords[points - 1].0,
                coords[0].0
            );
        }
        // A single point is no line: its mark alone shows it.
        if points > 1 {
            let _ = write!(
                out,
                r#"<path class="mark line" d="{d}" fill="none" stroke="{ink}" stroke-width="2.2" stroke-dasharray="{dash}"><title>{}</title></path>"#,
                escape(&line.name)
            );
        }
        // Point marks only where they stay apart.
        if points <= 60 {
            for (px, py) in &coords {
                let _ = write!(
                    out,
                    r#"<circle class="mark point" cx="{px:.1}" cy="{py:.1}" r="2.6" fill="{ink}"/>"#
                );
            }
        }
        // The name at the line's end, above the time axis, moved up when another name took
        // that place.
        let (ex, ey) = coords[points - 1];
        let mut ly = (ey + 4.0).min(HEIGHT - BOTTOM - 3.0);
        while name_slots.iter().any(|s| (s - ly).abs() < 13.0) {
            ly -= 13.0;
        }
        name_slots.push(ly);
        let total: u64 = line.values.iter().sum();
        let _ = write!(
            out,
            r#"<text class="series" x="{:.1}" y="{ly:.1}" fill="{ink}">{} ({})</text>"#,
            ex + 6.0,
            escape(&shorten(&line.name, 20)),
            escape(&tick_label(total as f64))
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_ends_and_middle() {
        let s = Scale::new((0.0, 10.0), (100.0, 200.0));
        assert_eq!(s.at(0.0), 100.0);
        assert_eq!(s.at(10.0), 200.0);
        assert_eq!(s.at(5.0), 150.0);
        let inverted = Scale::new((0.0, 4.0), (300.0, 100.0));
        assert_eq!(inverted.at(1.0), 250.0);
        // One point, no span: the middle, never NaN.
        assert_eq!(Scale::new((3.0, 3.0), (0.0, 100.0)).at(3.0), 50.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(0.0, 5), vec![0.0, 1.0]);
        assert_eq!(ticks(f64::NAN, 5), vec![0.0, 1.0]);
        assert_eq!(ticks(1.0, 5), vec![0.0, 1.0]);
        assert_eq!(ticks(7.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(1234.0, 5).last(), Some(&1500.0));
        for max in [3.0, 17.0, 999.0, 1e6 + 1.0, 123_456_789.0, u64::MAX as f64] {
            let t = ticks(max, 5);
            assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
            assert!(t.len() <= 12, "{max}: {t:?}");
            assert!(t.windows(2).all(|w| w[1] > w[0]), "{max}: {t:?}");
        }
    }

    #[test]
    fn tick_labels_shorten_big_numbers() {
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(2500.0), "2\u{202F}500");
        assert_eq!(tick_label(20_000.0), "20k");
        assert_eq!(tick_label(1_500_000.0), "1.5M");
        assert_eq!(tick_label(u64::MAX as f64), "18446744073.7G");
    }

    /// How many data marks a chart has, and whether any coordinate is not a number.
    fn marks(svg: &str) -> usize {
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        svg.matches("class=\"mark").count()
    }

    #[test]
    fn empty_charts_say_so_and_draw_nothing() {
        let b = bars("b", "t", "d", &[]);
        assert_eq!(marks(&b), 0);
        assert!(b.contains("nothing to show"));
        let l = lines("l", "t", "d", &[], &[]);
        assert_eq!(marks(&l), 0);
        assert!(l.contains("<title id=\"l-t\">t</title>"));
    }

    #[test]
    fn one_point_is_drawn() {
        let l = lines(
            "l",
            "t",
            "d",
            &["12:00".into()],
            &[Line {
                name: "sent".into(),
                values: vec![5],
            }],
        );
        // Its point, and no line of no length.
        assert_eq!(marks(&l), 1);
        let b = bars(
            "b",
            "t",
            "d",
            &[Bar {
                label: "x".into(),
                value: 1,
                note: String::new(),
            }],
        );
        assert_eq!(marks(&b), 1);
    }

    #[test]
    fn huge_values_stay_inside_the_chart() {
        let b = bars(
            "b",
            "t",
            "d",
            &[
                Bar {
                    label: "big".into(),
                    value: u64::MAX,
                    note: String::new(),
                },
                Bar {
                    label: "small".into(),
                    value: 1,
                    note: String::new(),
                },
                Bar {
                    label: "none".into(),
                    value: 0,
                    note: String::new(),
                },
            ],
        );
        assert_eq!(marks(&b), 3);
        for width in b
            .split("width=\"")
            .skip(2)
            .filter_map(|w| w.split('"').next())
        {
            let w: f64 = width.parse().unwrap();
            assert!(w <= WIDTH, "{w}");
        }
        let l = lines(
            "l",
            "t",
            "d",
            &["a".into(), "b".into()],
            &[Line {
                name: "sent".into(),
                values: vec![u64::MAX, 0],
            }],
        );
        assert_eq!(marks(&l), 3);
    }

    #[test]
    fn labels_are_escaped_and_patterns_are_the_charts_own() {
        let b = bars(
            "fail",
            "<t>",
            "d&",
            &[Bar {
                label: "</svg><script>".into(),
                value: 2,
                note: String::new(),
            }],
        );
        assert!(!b.contains("<script>") && b.contains("&lt;/svg&gt;&lt;script&gt;"));
        assert!(b.contains("id=\"fail-hatch\"") && b.contains("url(#fail-solid)"));
        assert!(!b.contains("P-"));
    }

    #[test]
    fn lines_differ_by_dash() {
        let l = lines(
            "l",
            "t",
            "d",
            &["a".into(), "b".into(), "c".into()],
            &[
                Line {
                    name: "sent".into(),
                    values: vec![1, 2, 3],
                },
                Line {
                    name: "read".into(),
                    values: vec![0, 1, 1],
                },
            ],
        );
        assert!(l.contains("stroke-dasharray=\"\"") && l.contains("stroke-dasharray=\"8 4\""));
        assert!(l.contains(">sent (6)<") && l.contains(">read (2)<"));
    }
}
