//! Template analytics, counted from what the sandbox did: how they are derived
//! ([`AnalyticsSpec`]), the counts ([`Tally`]) and what tests compare with
//! ([`AnalyticsTruth`]). The endpoint that answers them is [`query`].
//!
//! For each message accepted while insights are on, its template (by the ID the template
//! list shows) and UTC day count: `sent`; `delivered` and `read` as the message's webhook
//! story decided them (whether or not a receiver acknowledged them); `clicked`, a share of
//! the read ones; `website_purchases`, a share of the clicks; and cost, a price per
//! delivered message ([`AnalyticsSpec`]). `product_type=MARKETING_MESSAGES_LITE_API` counts
//! the messages that went through MM Lite, `CLOUD_API` (the default) those routed through
//! the Cloud API. A message's figures appear [`AnalyticsSpec::delay`] after it was sent.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

mod query;

pub(crate) use query::template_analytics;
pub use query::{
    DEFAULT_ANALYTICS_PAGE_LIMIT, MAX_ANALYTICS_PAGE_LIMIT, MAX_LOOKBACK_DAYS, MAX_TEMPLATE_IDS,
};

/// How template analytics are derived from the sandbox's sends, written
/// `click=0.2,conversion=0.1,price=0.025,delay=0s` (those are the defaults).
///
/// ```
/// use wamm_sandbox::AnalyticsSpec;
///
/// let spec: AnalyticsSpec = "click=0.5,price=0.04,delay=2s".parse().unwrap();
/// assert_eq!(spec.click, 0.5);
/// assert_eq!(spec.to_string().parse::<AnalyticsSpec>().unwrap(), spec);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnalyticsSpec {
    /// Share of read messages whose URL button is then clicked (drawn from the seed).
    pub click: f64,
    /// Share of clicks that end in a website purchase.
    pub conversion: f64,
    /// Price of a delivered message, in the account's currency.
    pub price: f64,
    /// How long after a send its figures appear. Default 0 (at once).
    pub delay: Duration,
}

impl Default for AnalyticsSpec {
    fn default() -> Self {
        Self {
            click: 0.2,
            conversion: 0.1,
            price: 0.025,
            delay: Duration::ZERO,
        }
    }
}

impl AnalyticsSpec {
    pub(crate) fn check(&self) -> Result<(), String> {
        for (name, share) in [("click", self.click), ("conversion", self.conversion)] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!(
                    "analytics {name} = {share} is not a share from 0 to 1"
                ));
            }
        }
        if !(0.0..=1000.0).contains(&self.price) || self.price.is_nan() {
            return Err(format!(
                "analytics price = {} is not an amount from 0 to 1000",
                self.price
            ));
        }
        if self.delay > Duration::from_secs(7 * 24 * 3600) {
            return Err("analytics delay is more than 7 days".into());
        }
        Ok(())
    }
}

impl FromStr for AnalyticsSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut spec = Self::default();
        for setting in crate::config::key_values(text) {
            let (part, key, value) = setting?;
            let number = || -> Result<f64, String> {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| format!("`{part}`: expected a number"))
            };
            match key {
                "click" => spec.click = number()?,
                "conversion" => spec.conversion = number()?,
                "price" => spec.price = number()?,
                "delay" => {
                    spec.delay =
                        humantime::parse_duration(value).map_err(|e| format!("`{part}`: {e}"))?
                }
                _ => {
                    return Err(format!(
                        "`{key}`: expected click, conversion, price or delay"
                    ));
                }
            }
        }
        spec.check()?;
        Ok(spec)
    }
}

impl fmt::Display for AnalyticsSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "click={},conversion={},price={},delay={}",
            self.click,
            self.conversion,
            self.price,
            humantime::format_duration(self.delay)
        )
    }
}

/// Which route a figure counts: `product_type` in the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProductType {
    /// `CLOUD_API`: messages the sandbox routed through the Cloud API (the fallback).
    CloudApi,
    /// `MARKETING_MESSAGES_LITE_API`: messages sent through MM Lite.
    MarketingMessagesLiteApi,
}

impl ProductType {
    /// As Graph writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductType::CloudApi => "CLOUD_API",
            ProductType::MarketingMessagesLiteApi => "MARKETING_MESSAGES_LITE_API",
        }
    }
}

/// One template's figures for one UTC day and route, as the sandbox counted them: what
/// template analytics answer once the reporting delay has passed
/// ([`Sandbox::analytics_truth`](crate::Sandbox::analytics_truth)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnalyticsTruth {
    /// The template's ID (as the template list shows it).
    pub template_id: String,
    /// The day's start, Unix seconds (UTC midnight).
    pub day: i64,
    /// The route the messages took.
    pub product_type: Option<ProductType>,
    /// Messages accepted.
    pub sent: u64,
    /// Of those, delivered (read ones included), as their webhook story says.
    pub delivered: u64,
    /// Of those, read.
    pub read: u64,
    /// Of the read ones, those whose URL button was clicked.
    pub clicked: u64,
    /// Of the clicks, those that ended in a website purchase.
    pub website_purchases: u64,
}

/// What one created message adds to its template's day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) sent: u64,
    pub(crate) delivered: u64,
    pub(crate) read: u64,
    pub(crate) clicked: u64,
    pub(crate) website_purchases: u64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.sent += other.sent;
        self.delivered += other.delivered;
        self.read += other.read;
        self.clicked += other.clicked;
        self.website_purchases += other.website_purchases;
    }
}

type Key = (String, i64, ProductType);

/// The figures counted so far.
#[derive(Debug)]
pub(crate) struct Tally {
    delay: Duration,
    inner: Mutex<TallyInner>,
}

#[derive(Debug, Default)]
struct TallyInner {
    /// What a query sees.
    visible: BTreeMap<Key, Counts>,
    /// Figures still inside the reporting delay, oldest first.
    waiting: VecDeque<(Instant, Key, Counts)>,
    /// Everything, delay or not.
    truth: BTreeMap<Key, Counts>,
}

impl TallyInner {
    fn catch_up(&mut self, now: Instant) {
        while self.waiting.front().is_some_and(|(at, _, _)| *at <= now) {
            if let Some((_, key, counts)) = self.waiting.pop_front() {
                self.visible.entry(key).or_default().add(&counts);
            }
        }
    }
}

pub(crate) const DAY: i64 = 24 * 60 * 60;

impl Tally {
    pub(crate) fn new(spec: &AnalyticsSpec) -> Self {
        Self {
            delay: spec.delay,
            inner: Mutex::new(TallyInner::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TallyInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one message sent at `unix_seconds`.
    pub(crate) fn record(
        &self,
        template_id: &str,
        product: ProductType,
        unix_seconds: i64,
        counts: Counts,
    ) {
        let key = (
            template_id.to_string(),
            unix_seconds.div_euclid(DAY) * DAY,
            product,
        );
        let mut inner = self.lock();
        inner.truth.entry(key.clone()).or_default().add(&counts);
        if self.delay.is_zero() {
            inner.visible.entry(key).or_default().add(&counts);
        } else {
            inner
                .waiting
                .push_back((Instant::now() + self.delay, key, counts));
        }
    }

    /// The figures a query sees now for the template, day and route.
    fn visible(&self, template_id: &str, day: i64, product: ProductType) -> Counts {
        let mut inner = self.lock();
        inner.catch_up(Instant::now());
        inner
            .visible
            .get(&(template_id.to_string(), day, product))
            .copied()
            .unwrap_or_default()
    }

    pub(crate) fn truth(&self) -> Vec<AnalyticsTruth> {
        self.lock()
            .truth
            .iter()
            .map(|((template_id, day, product), c)| AnalyticsTruth {
                template_id: template_id.clone(),
                day: *day,
                product_type: Some(*product),
                sent: c.sent,
                delivered: c.delivered,
                read: c.read,
                clicked: c.clicked,
                website_purchases: c.website_purchases,
            })
            .collect()
    }

    pub(crate) fn clear(&self) {
        *self.lock() = TallyInner::default();
    }
}

pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_holds_figures_back() {
        let tally = Tally::new(&AnalyticsSpec {
            delay: Duration::from_secs(3600),
            ..AnalyticsSpec::default()
        });
        let one = Counts {
            sent: 1,
            ..Counts::default()
        };
        tally.record("7", ProductType::CloudApi, DAY + 5, one);
        assert_eq!(tally.visible("7", DAY, ProductType::CloudApi).sent, 0);
        assert_eq!(tally.truth()[0].sent, 1);
        assert_eq!(tally.truth()[0].day, DAY);
    }

    #[test]
    fn specs_parse_and_refuse() {
        assert!("click=2".parse::<AnalyticsSpec>().is_err());
        assert!("colour=1".parse::<AnalyticsSpec>().is_err());
        assert!("price=-1".parse::<AnalyticsSpec>().is_err());
    }
}
