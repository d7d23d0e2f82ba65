//! The figures Meta reported, as a table: per day and template, per template, and in all;
//! and the same table as CSV.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;
use wamm_client::types::TemplateAnalyticsPoint;

use super::{Day, Period, Product};

/// Clicks on one button of a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ButtonClicks {
    /// The button's kind as Meta names it (`url_button`, `quick_reply_button`, ...).
    pub kind: String,
    /// The button's text.
    pub button: String,
    /// Clicks.
    pub count: u64,
}

/// One set of figures. A figure Meta did not report (not asked for, not available for the
/// account, the category or the country) is `None`, not zero.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Messages sent.
    pub sent: Option<u64>,
    /// Messages delivered.
    pub delivered: Option<u64>,
    /// Messages read.
    pub read: Option<u64>,
    /// Button clicks, all buttons together.
    pub clicked: Option<u64>,
    /// Clicks by button.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clicks: Vec<ButtonClicks>,
    /// The amount spent, in the account's currency.
    pub amount_spent: Option<f64>,
    /// The cost per delivered message.
    pub cost_per_delivered: Option<f64>,
    /// The cost per click on a URL button.
    pub cost_per_click: Option<f64>,
    /// Conversions Meta attributed to the messages, by kind (`website_purchases`,
    /// `app_activations`, ...): only those it reported.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub conversions: BTreeMap<String, u64>,
}

impl Figures {
    /// The figures of one data point, as Meta gave them.
    fn of_point(point: &TemplateAnalyticsPoint) -> Self {
        let count = |n: Option<i64>| n.map(|n| u64::try_from(n).unwrap_or(0));
        let clicks: Vec<ButtonClicks> = point
            .clicked
            .iter()
            .map(|c| ButtonClicks {
                kind: c.type_.clone().unwrap_or_default(),
                button: c.button_content.clone().unwrap_or_default(),
                count: count(c.count).unwrap_or(0),
            })
            .collect();
        let cost = |name: &str| {
            point
                .cost
                .iter()
                .find(|c| c.type_.as_deref() == Some(name))
                .and_then(|c| c.value)
        };
        let conversions = [
            ("app_activations", point.app_activations),
            ("app_add_to_cart", point.app_add_to_cart),
            ("app_checkouts_initiated", point.app_checkouts_initiated),
            ("app_purchases", point.app_purchases),
            ("website_add_to_cart", point.website_add_to_cart),
            (
                "website_checkouts_initiated",
                point.website_checkouts_initiated,
            ),
            ("website_purchases", point.website_purchases),
        ]
        .into_iter()
        .filter_map(|(name, n)| count(n).map(|n| (name.to_string(), n)))
        // A whole-number figure the spec does not name (a conversion Meta added) is kept by
        // its own name.
        .chain(
            point
                .extra
                .iter()
                .filter_map(|(name, value)| value.as_u64().map(|n| (name.clone(), n))),
        )
        .collect();
        Self {
            sent: count(point.sent),
            delivered: count(point.delivered),
            read: count(point.read),
            clicked: (!point.clicked.is_empty()).then(|| clicks.iter().map(|c| c.count).sum()),
            clicks,
            amount_spent: cost("amount_spent"),
            cost_per_delivered: cost("cost_per_delivered"),
            cost_per_click: cost("cost_per_url_button_click"),
            conversions,
        }
    }

    /// Adds `other` to these figures. Counts add up (a figure stays `None` only when neither
    /// side has it); the costs per delivery and per click are worked out again from the sums.
    pub fn add(&mut self, other: &Figures) {
        fn sum<T: Copy + std::ops::Add<Output = T>>(a: Option<T>, b: Option<T>) -> Option<T> {
            match (a, b) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            }
        }
        self.sent = sum(self.sent, other.sent);
        self.delivered = sum(self.delivered, other.delivered);
        self.read = sum(self.read, other.read);
        self.clicked = sum(self.clicked, other.clicked);
        for click in &other.clicks {
            match self
                .clicks
                .iter_mut()
                .find(|c| c.kind == click.kind && c.button == click.button)
            {
                Some(mine) => mine.count += click.count,
                None => self.clicks.push(click.clone()),
            }
        }
        for (kind, n) in &other.conversions {
            *self.conversions.entry(kind.clone()).or_default() += n;
        }
        self.amount_spent = sum(self.amount_spent, other.amount_spent);
        self.cost_per_delivered = match (self.amount_spent, self.delivered) {
            (Some(spent), Some(delivered)) if delivered > 0 => Some(spent / delivered as f64),
            _ => None,
        };
        let url_clicks: u64 = self
            .clicks
            .iter()
            .filter(|c| c.kind.eq_ignore_ascii_case("url_button"))
            .map(|c| c.count)
            .sum();
        self.cost_per_click = match self.amount_spent {
            Some(spent) if url_clicks > 0 => Some(spent / url_clicks as f64),
            _ => None,
        };
    }

    /// Whether any figure is there.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether anything happened: a count or an amount above zero (Meta reports days with
    /// nothing as zeros).
    pub fn any_activity(&self) -> bool {
        [self.sent, self.delivered, self.read, self.clicked]
            .into_iter()
            .flatten()
            .any(|n| n > 0)
            || self.amount_spent.is_some_and(|a| a > 0.0)
            || self.conversions.values().any(|n| *n > 0)
    }
}

/// One template's figures for one UTC day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayFigures {
    /// The day.
    pub day: Day,
    /// The template's ID.
    pub template_id: String,
    /// Its name, when it was asked for by name or the listing gave it.
    pub name: Option<String>,
    /// Its language, likewise.
    pub language: Option<String>,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// One template's figures over the whole period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TemplateTotals {
    /// The template's ID.
    pub template_id: String,
    /// Its name, when known.
    pub name: Option<String>,
    /// Its language, when known.
    pub language: Option<String>,
    /// The figures, summed over the days.
    #[serde(flatten)]
    pub figures: Figures,
}

/// What Meta reported for a query ([`MarketingClient::template_insights`]).
///
/// [`MarketingClient::template_insights`]: crate::MarketingClient::template_insights
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Insights {
    /// The account.
    pub waba_id: String,
    /// The days covered (UTC).
    pub period: Period,
    /// Which route's sends are counted.
    pub product: Product,
    /// Per day and template, in that order; only the days Meta reported.
    pub days: Vec<DayFigures>,
    /// Per template over the period, every template asked for (empty figures for one Meta
    /// reported nothing for).
    pub templates: Vec<TemplateTotals>,
    /// All templates over the period.
    pub total: Figures,
    /// Groups of at most [`MAX_TEMPLATES_PER_REQUEST`](super::MAX_TEMPLATES_PER_REQUEST)
    /// templates, one request (and its further pages) each.
    pub batches: usize,
    /// Requests made for the figures, pages included.
    pub requests: u32,
}

impl Insights {
    /// Builds the table from the data points, for the templates asked for (`(id, name,
    /// language)`, in order). Points of one template and day are added together; points
    /// outside the period or for a template not asked for are left out.
    pub(super) fn from_points(
        waba_id: String,
        period: Period,
        product: Product,
        templates: &[(String, Option<String>, Option<String>)],
        points: &[TemplateAnalyticsPoint],
        batches: usize,
        requests: u32,
    ) -> Self {
        let mut by_day: BTreeMap<(Day, usize), Figures> = BTreeMap::new();
        for point in points {
            let Some(index) = templates.iter().position(|t| t.0 == point.template_id) else {
                continue;
            };
            let day = Day::from_unix(point.start);
            if !period.contains(day) {
                continue;
            }
            let figures = Figures::of_point(point);
            match by_day.get_mut(&(day, index)) {
                Some(existing) => existing.add(&figures),
                None => {
                    by_day.insert((day, index), figures);
                }
            }
        }
        let mut totals: Vec<TemplateTotals> = templates
            .iter()
            .map(|(id, name, language)| TemplateTotals {
                template_id: id.clone(),
                name: name.clone(),
                language: language.clone(),
                figures: Figures::default(),
            })
            .collect();
        let mut total = Figures::default();
        let days = by_day
            .into_iter()
            .map(|((day, index), figures)| {
                totals[index].figures.add(&figures);
                total.add(&figures);
                let (id, name, language) = &templates[index];
                DayFigures {
                    day,
                    template_id: id.clone(),
                    name: name.clone(),
                    language: language.clone(),
                    figures,
                }
            })
            .collect();
        Self {
            waba_id,
            period,
            product,
            days,
            templates: totals,
            total,
            batches,
            requests,
        }
    }

    /// Whether Meta reported anything for the period (a figure above zero). Without, the
    /// likely reasons are that the days are too recent (Meta publishes a day's figures with a
    /// delay) or that nothing was sent with these templates then.
    pub fn has_figures(&self) -> bool {
        self.days.iter().any(|d| d.figures.any_activity())
    }

    /// The table as CSV: a header, one line per day and template, then one `total` line per
    /// template (`day` is `total`). Clicks by button go in one column
    /// (`kind:button=count;...`), conversions in one column each.
    ///
    /// ```
    /// # use marketing::insights::{Insights};
    /// # fn demo(insights: &Insights) -> std::io::Result<()> {
    /// insights.write_csv(&mut std::io::stdout())?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn write_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let conversions: Vec<&String> = {
            let mut names: Vec<&String> = self
                .days
                .iter()
                .flat_map(|d| d.figures.conversions.keys())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        let mut writer = csv::Writer::from_writer(out);
        let mut header: Vec<String> = [
            "day",
            "template_id",
            "name",
            "language",
            "sent",
            "delivered",
            "read",
            "clicked",
            "clicks_by_button",
            "amount_spent",
            "cost_per_delivered",
            "cost_per_click",
        ]
        .map(str::to_string)
        .to_vec();
        header.extend(conversions.iter().map(|c| c.to_string()));
        writer.write_record(&header).map_err(into_io)?;
        let rows = self
            .days
            .iter()
            .map(|d| {
                (
                    d.day.to_string(),
                    &d.template_id,
                    &d.name,
                    &d.language,
                    &d.figures,
                )
            })
            .chain(self.templates.iter().map(|t| {
                (
                    "total".to_string(),
                    &t.template_id,
                    &t.name,
                    &t.language,
                    &t.figures,
                )
            }));
        for (day, id, name, language, figures) in rows {
            let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            let money = |n: Option<f64>| n.map(|n| format!("{n:.4}")).unwrap_or_default();
            let mut record = vec![
                day,
                id.clone(),
                name.clone().unwrap_or_default(),
                language.clone().unwrap_or_default(),
                number(figures.sent),
                number(figures.delivered),
                number(figures.read),
                number(figures.clicked),
                figures
                    .clicks
                    .iter()
                    .map(|c| format!("{}:{}={}", c.kind, c.button, c.count))
                    .collect::<Vec<_>>()
                    .join(";"),
                money(figures.amount_spent),
                money(figures.cost_per_delivered),
                money(figures.cost_per_click),
            ];
            record.extend(
                conversions
                    .iter()
                    .map(|c| number(figures.conversions.get(*c).copied())),
            );
            writer.write_record(&record).map_err(into_io)?;
        }
        writer.flush()
    }
}

fn into_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wamm_client::types::{TemplateAnalyticsClick, TemplateAnalyticsCost};

    fn point(
        id: &str,
        day: Day,
        sent: i64,
        clicks: &[(&str, &str, i64)],
        spent: f64,
    ) -> TemplateAnalyticsPoint {
        let clicked: Vec<TemplateAnalyticsClick> = clicks
            .iter()
            .map(|(kind, button, count)| {
                wamm_client::build(
                    TemplateAnalyticsClick::builder()
                        .type_(Some(kind.to_string()))
                        .button_content(Some(button.to_string()))
                        .count(Some(*count)),
                )
            })
            .collect();
        let cost = vec![wamm_client::build(
            TemplateAnalyticsCost::builder()
                .type_(Some("amount_spent".to_string()))
                .value(Some(spent)),
        )];
        wamm_client::build(
            TemplateAnalyticsPoint::builder()
                .template_id(id.to_string())
                .start(day.start_unix())
                .end(day.next().start_unix())
                .sent(Some(sent))
                .delivered(Some(sent - 1))
                .read(Some(sent / 2))
                .clicked(clicked)
                .cost(cost)
                .website_purchases(Some(1))
                .extra(serde_json::Map::from_iter([(
                    "offline_purchases".to_string(),
                    serde_json::json!(3),
                )])),
        )
    }

    #[test]
    fn points_become_a_table_with_totals_per_template_and_in_all() {
        let today = Day::parse("2026-12-07").unwrap();
        let period = Period::checked(today.plus(-2), today, today).unwrap();
        let templates = vec![
            (
                "1".to_string(),
                Some("a".to_string()),
                Some("en_US".to_string()),
            ),
            ("2".to_string(), None, None),
            ("3".to_string(), None, None),
        ];
        let points = vec![
            point("2", today, 10, &[("url_button", "Shop", 4)], 0.5),
            point(
                "1",
                today.plus(-1),
                20,
                &[("url_button", "Shop", 2), ("quick_reply_button", "Stop", 1)],
                1.0,
            ),
            // The same day and template again (a second page): added together.
            point("1", today.plus(-1), 5, &[("url_button", "Shop", 3)], 0.25),
            // Outside the period, and a template not asked for: left out.
            point("1", today.plus(-9), 99, &[], 9.0),
            point("7", today, 99, &[], 9.0),
        ];
        let insights = Insights::from_points(
            "9".into(),
            period,
            Product::default(),
            &templates,
            &points,
            1,
            2,
        );
        assert_eq!(insights.days.len(), 2);
        assert_eq!(insights.days[0].day, today.plus(-1));
        let first = &insights.days[0].figures;
        assert_eq!(
            (first.sent, first.delivered, first.clicked),
            (Some(25), Some(23), Some(6))
        );
        assert_eq!(first.clicks.len(), 2);
        assert_eq!(first.clicks[0].count, 5);
        assert_eq!(first.amount_spent, Some(1.25));
        assert_eq!(first.cost_per_click, Some(0.25));
        assert_eq!(first.conversions["website_purchases"], 2);
        // A figure the spec does not name is kept by its own name.
        assert_eq!(first.conversions["offline_purchases"], 6);
        assert_eq!(insights.total.sent, Some(35));
        assert_eq!(insights.total.clicked, Some(10));
        assert_eq!(insights.templates[2].figures, Figures::default());
        assert!(insights.has_figures());

        let mut csv = Vec::new();
        insights.write_csv(&mut csv).unwrap();
        let text = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 2 + 3, "{text}");
        assert!(lines[0].ends_with(",website_purchases"), "{text}");
        assert!(
            lines[1].starts_with(
                "2026-12-06,1,a,en_US,25,23,12,6,url_button:Shop=5;quick_reply_button:Stop=1,1.2500"
            ),
            "{text}"
        );
        assert!(lines[5].starts_with("total,3,,,,,,,"), "{text}");
    }
}
