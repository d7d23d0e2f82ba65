//! `GET /{Version}/{WABA-ID}/template_analytics`: daily figures per template, counted from
//! what the sandbox did.
//!
//! For each message accepted while insights are on, its template (by the ID the template
//! list shows) and UTC day count: `sent`; `delivered` and `read` as the message's webhook
//! story decided them (whether or not a receiver acknowledged them); `clicked`, a share of
//! the read ones; `website_purchases`, a share of the clicks; and cost, a price per
//! delivered message ([`AnalyticsSpec`]). `product_type=MARKETING_MESSAGES_LITE_API` counts
//! the messages that went through MM Lite, `CLOUD_API` (the default) those routed through
//! the Cloud API. A message's figures appear [`AnalyticsSpec::delay`] after it was sent.
//!
//! Checks, in order: the method, the token, the account, the version, the query's names,
//! insights on (else 100), `start` and `end` (Unix seconds, `start` at most 90 days back,
//! `end` after it), `granularity=DAILY`, 1 to 10 `template_ids` of this account, known
//! `metric_types`, `product_type`, `limit` (1 to 1000) and `after`. Lists are JSON arrays
//! or comma-separated.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::Value;
use wamm_client::build;
use wamm_client::types::{
    Paging, PagingCursors, TemplateAnalytics, TemplateAnalyticsClick, TemplateAnalyticsCost,
    TemplateAnalyticsPoint, TemplateAnalyticsSet,
};

use crate::account::{check_account_path, query_pairs};
use crate::endpoint::{AppState, graph_error, json_response, with_usage};
use crate::graph_error::GraphFailure;

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
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: expected KEY=VALUE"))?;
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

/// The metric types a query may name.
const METRIC_TYPES: [&str; 12] = [
    "SENT",
    "DELIVERED",
    "READ",
    "CLICKED",
    "COST",
    "APP_ACTIVATIONS",
    "APP_ADD_TO_CART",
    "APP_CHECKOUTS_INITIATED",
    "APP_PURCHASES",
    "WEBSITE_ADD_TO_CART",
    "WEBSITE_CHECKOUTS_INITIATED",
    "WEBSITE_PURCHASES",
];

/// The query parameters of `GET /{Version}/{WABA-ID}/template_analytics`.
const PARAMETERS: [&str; 9] = [
    "start",
    "end",
    "granularity",
    "template_ids",
    "metric_types",
    "product_type",
    "use_waba_timezone",
    "limit",
    "after",
];

/// At most this many templates in one query, as Meta allows.
pub const MAX_TEMPLATE_IDS: usize = 10;

/// How far back `start` may go, as Meta allows.
pub const MAX_LOOKBACK_DAYS: i64 = 90;

/// Data points per page when `limit` is not given.
pub const DEFAULT_ANALYTICS_PAGE_LIMIT: usize = 100;

/// The largest `limit`.
pub const MAX_ANALYTICS_PAGE_LIMIT: usize = 1000;

/// The handler for `GET /{Version}/{WABA-ID}/template_analytics`.
pub(crate) async fn template_analytics(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    match answer(&state, &request) {
        Ok(body) => with_usage(json_response(StatusCode::OK, body)),
        Err(failure) => graph_error(&failure, &state.trace()),
    }
}

/// A list given as a JSON array (`["a","b"]`, numbers too) or comma-separated.
fn parse_list(name: &str, value: &str) -> Result<Vec<String>, GraphFailure> {
    let value = value.trim();
    if value.starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(value).map_err(|e| {
            GraphFailure::invalid_parameter(format!(
                "{name}: {value:?} is not a JSON array such as [\"1234\",\"5678\"]: {e}"
            ))
        })?;
        items
            .into_iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.trim().to_string()),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(GraphFailure::invalid_parameter(format!(
                    "{name}: {other} is not a string"
                ))),
            })
            .collect()
    } else {
        Ok(value
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect())
    }
}

fn answer(state: &AppState, request: &Request) -> Result<Vec<u8>, GraphFailure> {
    if request.method() != Method::GET {
        return Err(GraphFailure::unsupported(
            request.method().as_str(),
            request.uri().path(),
        ));
    }
    check_account_path(state, request)?;
    let pairs = query_pairs(request.uri(), &PARAMETERS)?;
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if !state.account.view().is_enabled_for_insights {
        return Err(GraphFailure::invalid_parameter(
            "template insights are not enabled for this account; enable them with POST /{Version}/{WABA-ID}?is_enabled_for_insights=true (figures are collected from then on)",
        ));
    }
    let time = |key: &str| -> Result<i64, GraphFailure> {
        let text = value(key).ok_or_else(|| {
            GraphFailure::invalid_parameter(format!("{key} is required (Unix seconds)"))
        })?;
        text.trim().parse().map_err(|_| {
            GraphFailure::invalid_parameter(format!(
                "{key}: expected Unix seconds; received {text:?}"
            ))
        })
    };
    let (start, end) = (time("start")?, time("end")?);
    let now = unix_now();
    if start < now - MAX_LOOKBACK_DAYS * DAY - DAY {
        return Err(GraphFailure::invalid_parameter(format!(
            "start: {start} is more than {MAX_LOOKBACK_DAYS} days back; template analytics go back {MAX_LOOKBACK_DAYS} days"
        )));
    }
    if end <= start {
        return Err(GraphFailure::invalid_parameter(format!(
            "end ({end}) must be after start ({start})"
        )));
    }
    match value("granularity") {
        Some("DAILY") => {}
        Some(other) => {
            return Err(GraphFailure::invalid_parameter(format!(
                "granularity: expected DAILY; received {other:?}"
            )));
        }
        None => {
            return Err(GraphFailure::invalid_parameter(
                "granularity is required: DAILY",
            ));
        }
    }
    let ids = parse_list(
        "template_ids",
        value("template_ids").ok_or_else(|| {
            GraphFailure::invalid_parameter(
                "template_ids is required: a JSON array of template IDs such as [\"1234\"]",
            )
        })?,
    )?;
    if ids.is_empty() || ids.len() > MAX_TEMPLATE_IDS {
        return Err(GraphFailure::invalid_parameter(format!(
            "template_ids: expected 1 to {MAX_TEMPLATE_IDS} template IDs; received {}",
            ids.len()
        )));
    }
    let templates = state.templates.all();
    for id in &ids {
        if !templates.iter().any(|t| t.id == *id) {
            return Err(GraphFailure::invalid_parameter(format!(
                "template_ids: {id} is not a template of this account"
            )));
        }
    }
    let metrics: Vec<String> = match value("metric_types") {
        None => METRIC_TYPES.iter().map(|m| m.to_string()).collect(),
        Some(text) => {
            let metrics = parse_list("metric_types", text)?;
            for metric in &metrics {
                if !METRIC_TYPES.contains(&metric.as_str()) {
                    return Err(GraphFailure::invalid_parameter(format!(
                        "metric_types: {metric:?} is not a metric; expected {}",
                        METRIC_TYPES.join(", ")
                    )));
                }
            }
            metrics
        }
    };
    let product = match value("product_type") {
        None | Some("CLOUD_API") => ProductType::CloudApi,
        Some("MARKETING_MESSAGES_LITE_API") => ProductType::MarketingMessagesLiteApi,
        Some(other) => {
            return Err(GraphFailure::invalid_parameter(format!(
                "product_type: expected CLOUD_API or MARKETING_MESSAGES_LITE_API; received {other:?}"
            )));
        }
    };
    if let Some(other) = value("use_waba_timezone").filter(|v| !matches!(*v, "true" | "false")) {
        return Err(GraphFailure::invalid_parameter(format!(
            "use_waba_timezone: expected true or false; received {other:?}"
        )));
    }
    let limit = match value("limit") {
        None => DEFAULT_ANALYTICS_PAGE_LIMIT,
        Some(text) => text
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_ANALYTICS_PAGE_LIMIT).contains(n))
            .ok_or_else(|| {
                GraphFailure::invalid_parameter(format!(
                    "limit must be a whole number from 1 to {MAX_ANALYTICS_PAGE_LIMIT}; received {text:?}"
                ))
            })?,
    };

    // One point per template and UTC day touched by [start, end), up to today.
    let first_day = start.div_euclid(DAY) * DAY;
    let last_day = (end - 1).min(now).div_euclid(DAY) * DAY;
    let days: Vec<i64> = (0..)
        .map(|i| first_day + i * DAY)
        .take_while(|day| *day <= last_day)
        .collect();
    let all: Vec<(&String, i64)> = ids
        .iter()
        .flat_map(|id| days.iter().map(move |day| (id, *day)))
        .collect();
    let first = match value("after") {
        None => 0,
        Some(cursor) => decode_cursor(cursor)
            .filter(|place| *place < all.len())
            .map(|place| place + 1)
            .ok_or_else(|| {
                GraphFailure::invalid_parameter(format!(
                    "after: {cursor:?} is not a cursor this query gave"
                ))
            })?,
    };
    let asked = |metric: &str| metrics.iter().any(|m| m == metric);
    let price = state.analytics_spec.price;
    let page: Vec<(usize, &(&String, i64))> =
        all.iter().enumerate().skip(first).take(limit).collect();
    let mut points = Vec::with_capacity(page.len());
    for (_, (id, day)) in &page {
        let counts = state.tally.visible(id, *day, product);
        let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let mut point = TemplateAnalyticsPoint::builder()
            .template_id(id.to_string())
            .start(*day)
            .end(*day + DAY);
        if asked("SENT") {
            point = point.sent(Some(count(counts.sent)));
        }
        if asked("DELIVERED") {
            point = point.delivered(Some(count(counts.delivered)));
        }
        if asked("READ") {
            point = point.read(Some(count(counts.read)));
        }
        if asked("CLICKED") {
            let button = templates
                .iter()
                .find(|t| t.id == **id)
                .and_then(|t| url_button_text(t))
                .unwrap_or_else(|| "Visit website".to_string());
            let click = TemplateAnalyticsClick::builder()
                .type_(Some("url_button".to_string()))
                .button_content(Some(button))
                .count(Some(count(counts.clicked)));
            point = point.clicked(vec![build(click)]);
        }
        if asked("COST") {
            let spent = counts.delivered as f64 * price;
            let mut cost = vec![
                ("amount_spent", round(spent)),
                ("cost_per_delivered", price),
            ];
            if counts.clicked > 0 {
                cost.push((
                    "cost_per_url_button_click",
                    round(spent / counts.clicked as f64),
                ));
            }
            point = point.cost(
                cost.into_iter()
                    .map(|(kind, value)| {
                        build(
                            TemplateAnalyticsCost::builder()
                                .type_(Some(kind.to_string()))
                                .value(Some(value)),
                        )
                    })
                    .collect::<Vec<_>>(),
            );
        }
        // Conversions are reported for MM Lite only, as Meta reports them.
        if asked("WEBSITE_PURCHASES") && product == ProductType::MarketingMessagesLiteApi {
            point = point.website_purchases(Some(count(counts.website_purchases)));
        }
        points.push(build::<TemplateAnalyticsPoint>(point));
    }
    let paging = match (page.first(), page.last()) {
        (Some((first, _)), Some((last, _))) => {
            let next = (*last + 1 < all.len()).then(|| {
                let mut url = format!("http://{}{}?", state.addr, request.uri().path());
                for (key, value) in pairs.iter().filter(|(k, _)| k != "after") {
                    url.push_str(&format!("{key}={}&", percent_encode(value)));
                }
                url.push_str(&format!("after={}", encode_cursor(*last)));
                url
            });
            let cursors = PagingCursors::builder()
                .before(Some(encode_cursor(*first)))
                .after(Some(encode_cursor(*last)));
            Some(build::<Paging>(
                Paging::builder()
                    .cursors(Some(build::<PagingCursors>(cursors)))
                    .next(next),
            ))
        }
        _ => None,
    };
    let set = TemplateAnalyticsSet::builder()
        .granularity(Some("DAILY".to_string()))
        .product_type(Some(product.as_str().to_string()))
        .data_points(points);
    let analytics: TemplateAnalytics = build(
        TemplateAnalytics::builder()
            .data(vec![build::<TemplateAnalyticsSet>(set)])
            .paging(paging),
    );
    Ok(serde_json::to_vec(&analytics).unwrap_or_default())
}

/// Money to 6 decimal places, so sums print as people expect.
fn round(value: f64) -> f64 {
    (value * 1_000_000.0).round() / 1_000_000.0
}

/// The text of the template's first URL button, if it has one.
fn url_button_text(template: &wamm_client::types::MessageTemplate) -> Option<String> {
    template
        .components
        .iter()
        .flat_map(|c| c.buttons.iter())
        .find(|b| b.type_.eq_ignore_ascii_case("url"))
        .and_then(|b| b.text.clone())
}

fn encode_cursor(place: usize) -> String {
    format!("point-{place}")
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    cursor.strip_prefix("point-")?.parse().ok()
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    fn lists_are_json_arrays_or_commas() {
        assert_eq!(parse_list("x", r#"["1", 2]"#).unwrap(), ["1", "2"]);
        assert_eq!(parse_list("x", "1, 2,").unwrap(), ["1", "2"]);
        assert!(parse_list("x", "[1").is_err());
    }

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
