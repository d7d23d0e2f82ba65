//! A campaign's insights: which templates and days its journal covers, and Meta's figures for
//! them beside the funnel the journal and the webhooks recorded.

use std::path::Path;

use serde::Serialize;

use super::{
    Day, Figures, Insights, InsightsError, InsightsQuery, Period, Product, TemplateSelector,
};
use crate::campaign::{CampaignError, Journal, Report, State};

/// A template a campaign sent with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScopedTemplate {
    /// Its name.
    pub name: String,
    /// Its language code.
    pub language: String,
    /// Its ID, when a run checked the message against the approved template and recorded it.
    pub id: Option<String>,
}

/// What of Meta's figures belongs to a campaign: the templates its messages used (every
/// revision that sent something), the time from its first run's start to its last run's end
/// (now, for a run still going or killed), and the routes its messages may have taken (Meta
/// counts the Marketing Messages Lite API and the Cloud API apart: a campaign whose product
/// policy is not `STRICT` may have sent through both).
///
/// ```
/// use marketing::insights::{CampaignScope, Day, Product};
///
/// let dec_5 = Day::parse("2026-12-05")?.start_unix() * 1000;
/// let scope = CampaignScope {
///     templates: vec![marketing::insights::ScopedTemplate {
///         name: "spring_sale".into(), language: "en_US".into(), id: None,
///     }],
///     first_send_ms: dec_5 + 3_600_000,               // 01:00 UTC
///     last_send_ms: dec_5 + 86_400_000 + 60_000,      // 00:01 UTC the next day
///     products: vec![Product::MarketingMessagesLite],  // a STRICT campaign
/// };
/// let queries = scope.queries(Day::parse("2026-12-07")?)?;
/// assert_eq!(queries[0].period().to_string(), "2026-12-05 to 2026-12-06");
/// # Ok::<(), marketing::insights::InsightsError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CampaignScope {
    /// The templates, each once.
    pub templates: Vec<ScopedTemplate>,
    /// When the first run that sent started (Unix ms).
    pub first_send_ms: i64,
    /// When the last run that sent ended, or now (Unix ms).
    pub last_send_ms: i64,
    /// The routes to count: the Marketing Messages Lite API, and the Cloud API too unless
    /// every revision that sent was `STRICT`.
    pub products: Vec<Product>,
}

impl CampaignScope {
    /// Reads the scope from a campaign's journal. A campaign that has sent nothing has no
    /// scope: that is an error saying so.
    pub fn load(journal_path: &Path) -> Result<Self, CampaignError> {
        let journal = Journal::open_read_only(journal_path)?;
        let runs = journal.runs()?;
        let sending: Vec<_> = runs.iter().filter(|r| r.sent > 0).collect();
        let (Some(first), Some(last)) = (sending.first(), sending.last()) else {
            return Err(CampaignError::Input(format!(
                "{}: the campaign has sent nothing yet, so Meta has no figures for it",
                journal_path.display()
            )));
        };
        let first_send_ms = first.started_ms;
        let last_send_ms = last
            .finished_ms
            .unwrap_or_else(crate::now_ms)
            .max(first_send_ms);
        let sent_by_revision = journal.tally()?.sent_by_revision();
        let revisions = journal.revisions()?;
        let mut definitions: Vec<String> = revisions
            .iter()
            .filter(|r| sent_by_revision.iter().any(|(id, n)| *id == r.id && *n > 0))
            .map(|r| r.definition.clone())
            .collect();
        if definitions.is_empty() {
            // A journal from before revisions were counted: its newest definition.
            definitions.push(match revisions.last() {
                Some(revision) => revision.definition.clone(),
                None => journal.meta()?.definition,
            });
        }
        let mut templates: Vec<ScopedTemplate> = Vec::new();
        let mut strict = true;
        for definition in definitions {
            let value: serde_json::Value = serde_json::from_str(&definition).map_err(|e| {
                CampaignError::Input(format!(
                    "{}: the campaign's stored definition is not JSON: {e}",
                    journal_path.display()
                ))
            })?;
            strict &= value["message"]["product_policy"].as_str() == Some("STRICT");
            let template = &value["message"]["template"];
            let (Some(name), Some(language)) = (
                template["name"].as_str(),
                template["language"]["code"].as_str(),
            ) else {
                continue;
            };
            if !templates
                .iter()
                .any(|t| t.name == name && t.language == language)
            {
                templates.push(ScopedTemplate {
                    name: name.to_string(),
                    language: language.to_string(),
                    id: None,
                });
            }
        }
        // The IDs the runs' template checks recorded save a lookup.
        for checked in runs.iter().filter_map(|r| r.template.as_ref()) {
            if let Some(template) = templates.iter_mut().find(|t| {
                checked["name"].as_str() == Some(&t.name)
                    && checked["language"].as_str() == Some(&t.language)
            }) {
                template.id = checked["id"].as_str().map(str::to_string);
            }
        }
        if templates.is_empty() {
            return Err(CampaignError::Input(format!(
                "{}: the campaign's message names no template",
                journal_path.display()
            )));
        }
        let products = if strict {
            vec![Product::MarketingMessagesLite]
        } else {
            vec![Product::MarketingMessagesLite, Product::CloudApi]
        };
        Ok(Self {
            templates,
            first_send_ms,
            last_send_ms,
            products,
        })
    }

    /// The queries for Meta's figures, one per route: the scope's templates over the UTC
    /// days it spans, checked against Meta's limits as of `today` (a campaign that started
    /// more than [`LOOKBACK_DAYS`](super::LOOKBACK_DAYS) days ago is refused, naming the
    /// limit).
    pub fn queries(&self, today: Day) -> Result<Vec<InsightsQuery>, InsightsError> {
        let period = Period::checked(
            Day::from_unix(self.first_send_ms.div_euclid(1000)),
            Day::from_unix(self.last_send_ms.div_euclid(1000)),
            today,
        )?;
        let query = self
            .templates
            .iter()
            .fold(InsightsQuery::new(period), |query, t| {
                query.template(match &t.id {
                    Some(id) => TemplateSelector::id(id),
                    None => TemplateSelector::named(&t.name, Some(&t.language)),
                })
            });
        Ok(self
            .products
            .iter()
            .map(|product| query.clone().product(*product))
            .collect())
    }
}

/// One figure as the journal (and webhooks) recorded it and as Meta reported it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComparisonRow {
    /// `sent`, `delivered`, `read` or `clicked`.
    pub figure: String,
    /// The journal's count; `None` when it cannot know (no event store; clicks, which
    /// webhooks do not report).
    pub journal: Option<u64>,
    /// Meta's count; `None` when Meta did not report it.
    pub meta: Option<u64>,
    /// Meta's count minus the journal's, when both are known.
    pub difference: Option<i64>,
}

/// A campaign's funnel as its journal saw it beside Meta's figures for its templates and
/// days.
///
/// Meta counts every message sent with the templates on those days, so other sends with the
/// same template (another campaign, `wamm send`) show as a difference; figures also arrive
/// with a delay, and a status the receiver has not recorded yet shows as one too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// `sent`, `delivered`, `read`, `clicked`, in that order.
    pub rows: Vec<ComparisonRow>,
}

impl Comparison {
    /// Puts Meta's figures (`insights`, one per route; added together) beside `report`'s
    /// funnel. `delivered` counts messages whose furthest webhook status is `delivered` or
    /// `read` (a read message was delivered); both need the report's deliveries
    /// ([`Report::add_deliveries`]).
    ///
    /// ```
    /// use marketing::campaign::Report;
    /// use marketing::insights::{Comparison, Insights};
    /// # fn demo(report: &Report, insights: &[Insights]) {
    /// for row in Comparison::new(report, insights).rows {
    ///     println!("{:<10} {:?} {:?} {:?}", row.figure, row.journal, row.meta, row.difference);
    /// }
    /// # }
    /// ```
    pub fn new(report: &Report, insights: &[Insights]) -> Self {
        let (delivered, read) = report.delivered_and_read();
        let mut meta = Figures::default();
        for part in insights {
            meta.add(&part.total);
        }
        let row = |figure: &str, journal: Option<u64>, meta: Option<u64>| ComparisonRow {
            figure: figure.to_string(),
            journal,
            meta,
            difference: journal.zip(meta).map(|(j, m)| m as i64 - j as i64),
        };
        Self {
            rows: vec![
                row("sent", Some(report.count(State::Sent)), meta.sent),
                row("delivered", delivered, meta.delivered),
                row("read", read, meta.read),
                row("clicked", None, meta.clicked),
            ],
        }
    }

    /// Whether every figure both sides know agrees.
    pub fn agrees(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.difference.is_none_or(|d| d == 0))
    }
}
