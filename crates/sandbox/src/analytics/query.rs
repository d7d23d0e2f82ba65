//! `GET /{Version}/{WABA-ID}/template_analytics`: the figures a query asks for, a page at a time.
//!
//! Checks, in order: the method, the token, the account, the version, the query's names,
//! insights on (else 100), `start` and `end` (Unix seconds, `start` at most 90 days back,
//! `end` after it), `granularity=DAILY`, 1 to 10 `template_ids` of this account, known
//! `metric_types`, `product_type`, `limit` (1 to 1000) and `after`. Lists are JSON arrays
//! or comma-separated.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::Response;
use serde_json::Value;
use wamm_client::build;
use wamm_client::types::{
    TemplateAnalytics, TemplateAnalyticsClick, TemplateAnalyticsCost, TemplateAnalyticsPoint,
    TemplateAnalyticsSet,
};

use super::{DAY, ProductType, unix_now};
use crate::account::check_account_get;
use crate::endpoint::{AppState, answer_json};
use crate::graph_error::GraphFailure;
use crate::graph_query::{PlaceCursor, parse_limit, require_only, value_of};

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
    answer_json(&state, answer(&state, &request))
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
    let pairs = check_account_get(state, request, &PARAMETERS)?;
    let value = |key: &str| value_of(&pairs, key);
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
    require_only(
        &pairs,
        "granularity",
        "DAILY",
        "granularity is required: DAILY",
    )?;
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
        if !templates.iter().any(|(_, t)| t.id == *id) {
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
        Some(text) => parse_limit(text, MAX_ANALYTICS_PAGE_LIMIT)?,
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
        Some(cursor) => CURSOR
            .decode(cursor)
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
        // `extra` (figures the spec does not name) has no default in the generated builder.
        let mut point = TemplateAnalyticsPoint::builder()
            .extra(serde_json::Map::new())
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
                .find(|(_, t)| t.id == **id)
                .and_then(|(_, t)| url_button_text(t))
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
    let host = state.addr.to_string();
    let paging = CURSOR.forward_paging((&host, request.uri().path()), &pairs, &page, all.len());
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

/// A data point's cursor: its place among the query's points.
const CURSOR: PlaceCursor = PlaceCursor("point-");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_json_arrays_or_commas() {
        assert_eq!(parse_list("x", r#"["1", 2]"#).unwrap(), ["1", "2"]);
        assert_eq!(parse_list("x", "1, 2,").unwrap(), ["1", "2"]);
        assert!(parse_list("x", "[1").is_err());
    }
}
