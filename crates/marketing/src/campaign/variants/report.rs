//! A campaign's figures per variant, the holdout included: rows by state from the journal,
//! and with an event store the delivered and read rates, each with its Wilson interval, and
//! whether the variants differ (two-proportion z-test at the 5 % level).

use std::collections::HashMap;

use serde::Serialize;

use super::super::CampaignError;
use super::super::definition::CampaignDefinition;
use super::super::journal::{Journal, State};
use super::super::report::StateCount;
use super::IMPLICIT_VARIANT;
use super::stats::{Interval, ProportionTest, two_proportion_z, wilson};

/// The group a held-out row is reported in.
pub const HOLDOUT: &str = "holdout";
/// The group of rows with no arm yet (not read, or invalid before one was drawn).
pub const UNASSIGNED: &str = "(not assigned)";
/// The significance level the comparisons use.
pub const LEVEL: f64 = 0.05;
/// The normal quantile of a 95 % interval.
const Z95: f64 = 1.959_964;

/// Every figure per variant (`campaign report`, section "Variants").
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VariantReport {
    /// One group per variant in the file's order, then the holdout (when there is one),
    /// then the rows not assigned yet (when there are any).
    pub groups: Vec<VariantFigures>,
    /// Each pair of variants compared on each rate, when webhooks were read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comparisons: Vec<Comparison>,
}

/// One variant's (or the holdout's) figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VariantFigures {
    /// The variant's name, `holdout`, or `(not assigned)`.
    pub name: String,
    /// The variant's weight (none for the holdout).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The share of the list the file asks for (weights and holdout), 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_share: Option<f64>,
    /// Its rows.
    pub rows: u64,
    /// Its rows by state (states with none left out).
    pub states: Vec<StateCount>,
    /// Sent messages whose furthest status is `delivered` or `read`, out of those sent, when
    /// webhooks were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivered: Option<Rate>,
    /// Sent messages read, out of those sent, when webhooks were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<Rate>,
}

/// A count out of the sent messages, with its 95 % Wilson interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    /// How many.
    pub count: u64,
    /// Out of these (the variant's sent messages).
    pub of: u64,
    /// The rate and its interval (absent with nothing sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
}

/// Two variants compared on one rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// `delivered` or `read`.
    pub figure: String,
    /// The first variant.
    pub a: String,
    /// The second.
    pub b: String,
    /// The test, when there is something to test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<ProportionTest>,
    /// The level it is judged at (0.05).
    pub level: f64,
    /// Whether the difference is significant at that level.
    pub significant: bool,
    /// The verdict in plain words.
    pub verdict: String,
}

impl VariantReport {
    /// The per-variant figures of the campaign in `journal`, or `None` for a campaign with one
    /// message and no holdout. `definition` is the journal's latest revision.
    pub(crate) fn load(
        journal: &Journal,
        definition: &CampaignDefinition,
        unread: u64,
    ) -> Result<Option<Self>, CampaignError> {
        if definition.variants.is_empty() && definition.holdout == 0.0 {
            return Ok(None);
        }
        let arms: HashMap<u64, String> = journal.arms()?.into_iter().collect();
        let mut groups = skeleton(definition);
        journal.for_each_row(|row| {
            let name = if row.state == State::HeldOut {
                HOLDOUT
            } else if let Some(arm) = arms.get(&row.line) {
                arm.as_str()
            } else if definition.variants.is_empty()
                && !matches!(row.state, State::Invalid | State::Skipped | State::Pending)
            {
                // A campaign with a holdout and one message records no arms.
                IMPLICIT_VARIANT
            } else {
                UNASSIGNED
            };
            add(&mut groups, name, row.state, 1);
            Ok(())
        })?;
        if unread > 0 {
            add(&mut groups, UNASSIGNED, State::Pending, unread);
        }
        Ok(Some(Self {
            groups,
            comparisons: Vec::new(),
        }))
    }

    /// Adds the delivered and read rates per variant from the furthest status of each sent
    /// row (`status_of(line)`: `delivered`, `read`, ...), and compares each pair of variants.
    pub(crate) fn add_rates(&mut self, furthest: &HashMap<String, (u64, u64, u64)>) {
        for group in &mut self.groups {
            let (sent, delivered, read) = furthest.get(&group.name).copied().unwrap_or_default();
            group.delivered = Some(rate(delivered, sent));
            group.read = Some(rate(read, sent));
        }
        let variants: Vec<&VariantFigures> = self
            .groups
            .iter()
            .filter(|g| g.name != HOLDOUT && g.name != UNASSIGNED)
            .collect();
        let mut comparisons = Vec::new();
        for figure in ["delivered", "read"] {
            for (i, a) in variants.iter().enumerate() {
                for b in &variants[i + 1..] {
                    let pick = |g: &VariantFigures| {
                        let r = if figure == "read" {
                            g.read
                        } else {
                            g.delivered
                        };
                        r.map_or((0, 0), |r| (r.count, r.of))
                    };
                    comparisons.push(compare(figure, &a.name, pick(a), &b.name, pick(b)));
                }
            }
        }
        self.comparisons = comparisons;
    }
}

fn rate(count: u64, of: u64) -> Rate {
    Rate {
        count,
        of,
        interval: wilson(count, of, Z95),
    }
}

/// Compares `a` and `b` on `figure`, in words.
pub(crate) fn compare(
    figure: &str,
    a: &str,
    (xa, na): (u64, u64),
    b: &str,
    (xb, nb): (u64, u64),
) -> Comparison {
    let test = two_proportion_z((xa, na), (xb, nb));
    let percent = |x: u64, n: u64| {
        if n == 0 {
            "no messages".to_string()
        } else {
            format!("{:.1} %", x as f64 * 100.0 / n as f64)
        }
    };
    let (significant, verdict) = match test {
        None => (
            false,
            format!(
                "{figure}: {a} and {b} cannot be compared yet (too few messages, or no variation)"
            ),
        ),
        Some(t) if t.significant(LEVEL) => {
            let (high, low) = if t.z > 0.0 { (a, b) } else { (b, a) };
            (
                true,
                format!(
                    "{figure}: {high} did better than {low} ({} against {}), a difference significant at the 5 % level (p = {:.3})",
                    if t.z > 0.0 {
                        percent(xa, na)
                    } else {
                        percent(xb, nb)
                    },
                    if t.z > 0.0 {
                        percent(xb, nb)
                    } else {
                        percent(xa, na)
                    },
                    t.p_value
                ),
            )
        }
        Some(t) => (
            false,
            format!(
                "{figure}: {a} {} and {b} {} do not differ significantly at the 5 % level (p = {:.3})",
                percent(xa, na),
                percent(xb, nb),
                t.p_value
            ),
        ),
    };
    Comparison {
        figure: figure.to_string(),
        a: a.to_string(),
        b: b.to_string(),
        test,
        level: LEVEL,
        significant,
        verdict,
    }
}

/// The groups of `definition`, empty, in report order.
fn skeleton(definition: &CampaignDefinition) -> Vec<VariantFigures> {
    let rest = 1.0 - definition.holdout;
    let mut groups: Vec<VariantFigures> = if definition.variants.is_empty() {
        vec![group(IMPLICIT_VARIANT, Some(1.0), Some(rest))]
    } else {
        let total: f64 = definition.variants.iter().map(|v| v.weight).sum();
        definition
            .variants
            .iter()
            .map(|v| group(&v.name, Some(v.weight), Some(rest * v.weight / total)))
            .collect()
    };
    if definition.holdout > 0.0 {
        groups.push(group(HOLDOUT, None, Some(definition.holdout)));
    }
    groups
}

fn group(name: &str, weight: Option<f64>, expected_share: Option<f64>) -> VariantFigures {
    VariantFigures {
        name: name.to_string(),
        weight,
        expected_share,
        rows: 0,
        states: Vec::new(),
        delivered: None,
        read: None,
    }
}

fn add(groups: &mut Vec<VariantFigures>, name: &str, state: State, n: u64) {
    let index = match groups.iter().position(|g| g.name == name) {
        Some(i) => i,
        None => {
            // A variant recorded by an earlier revision of the file, or the unassigned rows.
            groups.push(group(name, None, None));
            groups.len() - 1
        }
    };
    let g = &mut groups[index];
    g.rows += n;
    match g.states.iter_mut().find(|s| s.state == state.as_str()) {
        Some(s) => s.count += n,
        None => {
            g.states.push(StateCount {
                state: state.as_str().to_string(),
                count: n,
            });
            g.states.sort_by_key(|s| {
                State::ALL
                    .iter()
                    .position(|x| x.as_str() == s.state)
                    .unwrap_or(usize::MAX)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_say_which_did_better_and_at_which_level() {
        let c = compare("read", "a", (45, 100), "b", (30, 100));
        assert!(c.significant);
        assert_eq!(
            c.verdict,
            "read: a did better than b (45.0 % against 30.0 %), a difference significant at the 5 % level (p = 0.028)"
        );
        let c = compare("read", "a", (30, 100), "b", (45, 100));
        assert!(
            c.verdict
                .starts_with("read: b did better than a (45.0 % against 30.0 %)"),
            "{}",
            c.verdict
        );
        let c = compare("delivered", "a", (50, 100), "b", (45, 100));
        assert!(!c.significant);
        assert!(
            c.verdict
                .contains("do not differ significantly at the 5 % level"),
            "{}",
            c.verdict
        );
        let c = compare("read", "a", (0, 0), "b", (3, 10));
        assert!(!c.significant && c.test.is_none());
        assert!(
            c.verdict.contains("cannot be compared yet"),
            "{}",
            c.verdict
        );
    }
}
