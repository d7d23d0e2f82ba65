//! The link between a campaign and the approved template it sends with: which template, which
//! version of it (a short hash of what it sends and its settings), and the settings that decide
//! what a Marketing Messages send costs and does, all of them kept on the template by Meta:
//!
//! - its time-to-live (`message_send_ttl_seconds`): how long Meta keeps trying to deliver a
//!   message sent with it. Meta's time-to-live guide allows 12 hours to 30 days for marketing
//!   templates sent through Marketing Messages (43200 to 2592000 seconds), 30 days when not
//!   set; a message not delivered within it is dropped.
//! - its maximum price (`optimization_spec`: `bid_amount` with a `bid_strategy` such as
//!   `LOWEST_COST_WITH_BID_CAP`), which replaced the template's `bid_spec` in 2026;
//! - its automatic creative optimizations (`degrees_of_freedom_spec.creative_features_spec`:
//!   each feature, such as `image_touchups`, opted in or out).
//!
//! A run records a [`TemplateVersion`] in the journal once per campaign, and again whenever
//! the template it checked before sending differs from the one recorded last (a resume after
//! an edit). `campaign report` shows them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::templates::Template;

/// A template as a campaign sent with it: identity, version, status when checked, and the
/// settings Meta applies to every message sent with it.
///
/// ```
/// use marketing::campaign::TemplateVersion;
/// use marketing::templates::Template;
///
/// let template: Template = serde_json::from_str(r#"{"id": "1402280517413391",
///   "name": "spring_sale", "language": "en_US", "status": "APPROVED", "category": "MARKETING",
///   "message_send_ttl_seconds": 172800,
///   "optimization_spec": {"bid_amount": 150, "bid_strategy": "LOWEST_COST_WITH_BID_CAP"},
///   "degrees_of_freedom_spec": {"creative_features_spec": {"image_touchups": {"enroll_status": "OPT_IN"}}},
///   "components": [{"type": "BODY", "text": "Hi {{1}}!"}]}"#)?;
/// let version = TemplateVersion::of(&template);
/// assert_eq!(version.ttl_seconds, Some(172800));
/// let line = version.to_string();
/// assert!(line.starts_with("template spring_sale en_US id 1402280517413391 version "), "{line}");
/// assert!(line.ends_with("TTL 2d max price 150 LOWEST_COST_WITH_BID_CAP creative: image_touchups opt_in"), "{line}");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersion {
    /// The template's ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its language code.
    pub language: String,
    /// A short, stable hash of what it sends and its settings
    /// ([`wamm_client::authoring::fingerprint`], as `wamm templates plan` shows it): two
    /// fetches of an unchanged template give the same version, any edit a new one.
    pub version: String,
    /// Its status when the run checked it (`APPROVED`).
    pub status: String,
    /// Its time-to-live in seconds, when set (Meta's default applies otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_seconds: Option<i64>,
    /// Its maximum price, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_price: Option<MaxPrice>,
    /// Its creative features: feature to enroll status (`OPT_IN`, `OPT_OUT`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub creative: BTreeMap<String, String>,
    /// When the journal recorded it (Unix ms); 0 before it is recorded.
    #[serde(default)]
    pub recorded_ms: i64,
}

/// A template's maximum price (`optimization_spec`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaxPrice {
    /// The bid, in the account's currency's smallest unit as Meta states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bid_amount: Option<u64>,
    /// How the bid is used, such as `LOWEST_COST_WITH_BID_CAP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bid_strategy: Option<String>,
}

impl TemplateVersion {
    /// The record of `template` as fetched now (not yet recorded: `recorded_ms` is 0).
    pub fn of(template: &Template) -> Self {
        let creative = template
            .degrees_of_freedom_spec
            .as_ref()
            .map(wamm_client::authoring::creative_features)
            .and_then(|d| d.creative_features_spec)
            .map(|features| {
                features
                    .iter()
                    .map(|(name, feature)| {
                        (
                            name.clone(),
                            feature.enroll_status.clone().unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            id: template.id.clone(),
            name: template.name.clone(),
            language: template.language.clone(),
            version: wamm_client::authoring::fingerprint(template),
            status: template.status.to_string(),
            ttl_seconds: template.message_send_ttl_seconds,
            max_price: template.optimization_spec.as_ref().map(|spec| MaxPrice {
                bid_amount: spec.bid_amount.map(u64::from),
                bid_strategy: spec.bid_strategy.clone(),
            }),
            creative,
            recorded_ms: 0,
        }
    }

    /// Whether `other` is another template, or another version of this one.
    pub fn differs_from(&self, other: &TemplateVersion) -> bool {
        self.id != other.id || self.version != other.version
    }
}

impl fmt::Display for TemplateVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "template {} {} id {} version {}",
            self.name, self.language, self.id, self.version
        )?;
        match self.ttl_seconds {
            Some(ttl) => write!(f, " TTL {}", human_duration(ttl as f64))?,
            // Meta's time-to-live guide: a marketing template without one keeps 30 days.
            None => f.write_str(" TTL 30d (default)")?,
        }
        match &self.max_price {
            Some(price) => {
                f.write_str(" max price")?;
                if let Some(amount) = price.bid_amount {
                    write!(f, " {amount}")?;
                }
                if let Some(strategy) = &price.bid_strategy {
                    write!(f, " {strategy}")?;
                }
            }
            None => f.write_str(" max price none")?,
        }
        if !self.creative.is_empty() {
            f.write_str(" creative:")?;
            for (feature, status) in &self.creative {
                write!(f, " {feature} {}", status.to_ascii_lowercase())?;
            }
        }
        Ok(())
    }
}

/// A span of seconds as people say it: `45s`, `12m`, `2d`, `3d 4h`, `1h 30m` (the two
/// largest units, rounded down).
///
/// ```
/// use marketing::campaign::human_duration;
///
/// assert_eq!(human_duration(172_800.0), "2d");
/// assert_eq!(human_duration(273_600.0), "3d 4h");
/// assert_eq!(human_duration(43_200.0), "12h");
/// assert_eq!(human_duration(5_400.0), "1h 30m");
/// assert_eq!(human_duration(0.4), "0s");
/// ```
pub fn human_duration(seconds: f64) -> String {
    let total = if seconds.is_finite() && seconds > 0.0 {
        seconds.min(u64::MAX as f64) as u64
    } else {
        0
    };
    let units = [("d", 86_400u64), ("h", 3_600), ("m", 60), ("s", 1)];
    let Some(first) = units.iter().position(|(_, size)| total >= *size) else {
        return "0s".to_string();
    };
    let (name, size) = units[first];
    let mut text = format!("{}{name}", total / size);
    if let Some((next, next_size)) = units.get(first + 1) {
        let n = (total % size) / next_size;
        if n > 0 {
            text.push_str(&format!(" {n}{next}"));
        }
    }
    text
}

/// What a paced run is about to attempt against its template's time-to-live: the rows still
/// to send, the pace, and the TTL.
///
/// ```
/// use marketing::campaign::TtlCheck;
///
/// let check = TtlCheck { rows_left: 5_472_000, messages_per_second: 20.0, max_per_day: None, ttl_seconds: 172_800 };
/// let warning = check.warning().expect("3d 4h is longer than 2d");
/// assert!(warning.starts_with("this run needs about 3d 4h at 20/s; the template's TTL is 2d"), "{warning}");
/// let short = TtlCheck { rows_left: 1_000, ..check };
/// assert_eq!(short.warning(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TtlCheck {
    /// Rows not yet sent.
    pub rows_left: u64,
    /// The run's combined pace; 0 when unpaced (then nothing can be said).
    pub messages_per_second: f64,
    /// `--max-per-day`, which spreads the rows over days.
    pub max_per_day: Option<u64>,
    /// The template's time-to-live.
    pub ttl_seconds: i64,
}

impl TtlCheck {
    /// How long the run needs, in seconds (`None` unpaced): the rows at the pace, and with a
    /// daily budget at least a day for each full day's worth beyond the first.
    pub fn needs_seconds(&self) -> Option<f64> {
        let paced = self.messages_per_second.is_finite() && self.messages_per_second > 0.0;
        let at_pace = if paced {
            self.rows_left as f64 / self.messages_per_second
        } else {
            0.0
        };
        let by_budget = match self.max_per_day {
            Some(per_day) if per_day > 0 => {
                Some((self.rows_left.saturating_sub(1) / per_day) as f64 * 86_400.0)
            }
            _ => None,
        };
        match (paced, by_budget) {
            (false, None) => None,
            (_, budget) => Some(at_pace.max(budget.unwrap_or(0.0))),
        }
    }

    /// The warning to show before sending when the run outlasts the TTL; `None` when it does
    /// not (or is unpaced). Not a refusal: each message has its own TTL from when it is sent,
    /// but the campaign's last messages go out long after its first, and anything that
    /// delays them (a pause, a budget) makes them late.
    pub fn warning(&self) -> Option<String> {
        let needs = self.needs_seconds()?;
        if needs <= self.ttl_seconds as f64 {
            return None;
        }
        let pace = format_pace(self.messages_per_second);
        let budget = self
            .max_per_day
            .map(|n| format!(" and at most {n} a day"))
            .unwrap_or_default();
        Some(format!(
            "this run needs about {} at {pace}{budget}; the template's TTL is {}: the last messages go out more than {} after the first, so an offer that must reach everyone within the TTL will not; messages not delivered within {} of being sent are dropped by Meta",
            human_duration(needs),
            human_duration(self.ttl_seconds as f64),
            human_duration(self.ttl_seconds as f64),
            human_duration(self.ttl_seconds as f64),
        ))
    }
}

fn format_pace(mps: f64) -> String {
    if !(mps.is_finite() && mps > 0.0) {
        "full speed".to_string()
    } else if mps < 1.0 {
        format!("one every {}", human_duration(1.0 / mps))
    } else if mps.fract() == 0.0 {
        format!("{mps:.0}/s")
    } else {
        format!("{mps:.2}/s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        for (seconds, text) in [
            (0.0, "0s"),
            (-5.0, "0s"),
            (f64::NAN, "0s"),
            (59.9, "59s"),
            (60.0, "1m"),
            (3_599.0, "59m 59s"),
            (86_400.0, "1d"),
            (90_000.0, "1d 1h"),
            (2_592_000.0, "30d"),
        ] {
            assert_eq!(human_duration(seconds), text, "{seconds}");
        }
    }

    #[test]
    fn a_run_within_the_ttl_is_not_warned_about() {
        let at = |rows_left, mps, max_per_day| TtlCheck {
            rows_left,
            messages_per_second: mps,
            max_per_day,
            ttl_seconds: 43_200,
        };
        // 12h at 1/s is 43200 rows: exactly the TTL is fine, one more is not.
        assert_eq!(at(43_200, 1.0, None).warning(), None);
        assert!(at(43_201, 1.0, None).warning().is_some());
        // Unpaced: nothing to say, unless a daily budget spreads it over days.
        assert_eq!(at(1_000_000, 0.0, None).warning(), None);
        let budget = at(3, 0.0, Some(1))
            .warning()
            .expect("two days beyond the first");
        assert!(budget.starts_with("this run needs about 2d at full speed and at most 1 a day; the template's TTL is 12h"), "{budget}");
        // One day's worth fits the first day.
        assert_eq!(at(100, 50.0, Some(100)).warning(), None);
        let slow = at(5, 0.0001, None).warning().unwrap();
        assert!(slow.contains("at one every 2h 46m"), "{slow}");
    }
}
