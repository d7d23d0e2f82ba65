//! A template's settings beside its content: time-to-live, maximum price and automatic
//! creative optimizations.
//!
//! Sources: Meta's "Configure message time-to-live" page (ranges by category, in seconds);
//! the Marketing Messages pricing and changelog pages for `optimization_spec` (renamed from
//! the template's `bid_spec` on 2026-06-18, `bid_amount` and the one strategy
//! `LOWEST_COST_WITH_BID_CAP`, marketing templates only); Meta's automatic creative
//! optimizations page for `degrees_of_freedom_spec.creative_features_spec` (each feature
//! `OPT_IN` or `OPT_OUT`). Meta refuses a request that breaks them with Graph code 100.

use std::ops::RangeInclusive;

use std::collections::HashMap;

use super::{Draft, Finding};
use crate::TemplateCategory;
use crate::types::{
    CreativeFeature, CreativeFeatureEntry, CreativeFeaturesSpec, DegreesOfFreedomSpec,
    TemplateDegreesOfFreedom, TemplateDegreesOfFreedomCreativeFeaturesSpec,
};

/// Time-to-live a marketing template may set, in seconds: 12 hours to 30 days.
pub const MARKETING_TTL: RangeInclusive<i64> = 43_200..=2_592_000;
/// Time-to-live a utility template may set, in seconds: 30 seconds to 12 hours.
pub const UTILITY_TTL: RangeInclusive<i64> = 30..=43_200;
/// Time-to-live an authentication template may set, in seconds: 30 seconds to 15 minutes.
pub const AUTHENTICATION_TTL: RangeInclusive<i64> = 30..=900;
/// Meta's time-to-live for a marketing template that sets none: 30 days.
pub const MARKETING_DEFAULT_TTL: i64 = 2_592_000;
/// The one bid strategy Meta documents for a maximum price.
pub const BID_STRATEGY: &str = "LOWEST_COST_WITH_BID_CAP";
/// The values of a creative feature's `enroll_status`.
pub const ENROLL_STATUSES: [&str; 2] = ["OPT_IN", "OPT_OUT"];

/// A template's creative features as a create or an edit states them (a map, feature names
/// in lower case), from Graph's read of them, which Meta's Marketing Messages guide shows as a
/// list of `{key, value}` with upper-case keys; a map read back is taken as it is. A list
/// entry without a key is dropped.
///
/// ```
/// use wamm_client::authoring::creative_features;
/// use wamm_client::types::TemplateDegreesOfFreedom;
///
/// let read: TemplateDegreesOfFreedom = serde_json::from_str(
///     r#"{"creative_features_spec": [{"key": "IMAGE_TOUCHUPS", "value": {"enroll_status": "OPT_IN"}}]}"#,
/// )?;
/// let spec = creative_features(&read);
/// let features = spec.creative_features_spec.unwrap();
/// assert_eq!(features["image_touchups"].enroll_status.as_deref(), Some("OPT_IN"));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn creative_features(read: &TemplateDegreesOfFreedom) -> DegreesOfFreedomSpec {
    let features = read.creative_features_spec.as_ref().map(|spec| {
        let map: HashMap<String, CreativeFeature> = match spec {
            TemplateDegreesOfFreedomCreativeFeaturesSpec::CreativeFeaturesSpec(map) => map
                .iter()
                .map(|(name, feature)| (name.to_ascii_lowercase(), feature.clone()))
                .collect(),
            TemplateDegreesOfFreedomCreativeFeaturesSpec::Array(entries) => entries
                .iter()
                .filter_map(|entry| {
                    let key = entry.key.as_deref()?;
                    Some((
                        key.to_ascii_lowercase(),
                        entry.value.clone().unwrap_or_default(),
                    ))
                })
                .collect(),
        };
        CreativeFeaturesSpec::from(map)
    });
    crate::build(DegreesOfFreedomSpec::builder().creative_features_spec(features))
}

/// Creative features as Graph reads them back (see [`creative_features`]): a list of
/// `{key, value}`, keys in upper case, sorted by key. The sandbox serves this form.
///
/// ```
/// use wamm_client::authoring::{creative_features, creative_features_read};
/// use wamm_client::types::DegreesOfFreedomSpec;
///
/// let sent: DegreesOfFreedomSpec = serde_json::from_str(
///     r#"{"creative_features_spec": {"image_touchups": {"enroll_status": "OPT_OUT"}}}"#,
/// )?;
/// let read = creative_features_read(&sent);
/// assert!(serde_json::to_string(&read)?.contains(r#""key":"IMAGE_TOUCHUPS""#));
/// assert_eq!(creative_features(&read), sent);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn creative_features_read(sent: &DegreesOfFreedomSpec) -> TemplateDegreesOfFreedom {
    let entries = sent.creative_features_spec.as_ref().map(|features| {
        let mut entries: Vec<CreativeFeatureEntry> = features
            .iter()
            .map(|(name, feature)| {
                crate::build(
                    CreativeFeatureEntry::builder()
                        .key(Some(name.to_ascii_uppercase()))
                        .value(Some(feature.clone())),
                )
            })
            .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        TemplateDegreesOfFreedomCreativeFeaturesSpec::from(entries)
    });
    crate::build(TemplateDegreesOfFreedom::builder().creative_features_spec(entries))
}

/// Every settings rule over `draft`.
pub(super) fn review(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    ttl_range(draft, findings);
    optimization(draft, findings);
    creative_feature_statuses(draft, findings);
}

/// The time-to-live fits the category's range: marketing 43,200 to 2,592,000 seconds,
/// utility 30 to 43,200, authentication 30 to 900.
///
/// Source: Meta's "Configure message time-to-live" page. Refused with code 100.
fn ttl_range(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    let Some(ttl) = draft.ttl else {
        return;
    };
    let range = match draft.category {
        TemplateCategory::Marketing => MARKETING_TTL,
        TemplateCategory::Utility => UTILITY_TTL,
        TemplateCategory::Authentication => AUTHENTICATION_TTL,
        _ => return,
    };
    if !range.contains(&ttl) {
        findings.push(Finding::refused(
            "message_send_ttl_seconds",
            "ttl-range",
            format!(
                "{ttl} seconds ({}); expected {} to {} seconds ({} to {}) for a {} template",
                human(ttl),
                range.start(),
                range.end(),
                human(*range.start()),
                human(*range.end()),
                draft.category
            ),
        ));
    }
}

/// A duration in seconds as people say it: `12 h`, `30 d`, `15 min`, `90 s`.
pub(crate) fn human(seconds: i64) -> String {
    const DAY: i64 = 86_400;
    if seconds != 0 && seconds % DAY == 0 {
        format!("{} d", seconds / DAY)
    } else if seconds != 0 && seconds % 3_600 == 0 {
        format!("{} h", seconds / 3_600)
    } else if seconds != 0 && seconds % 60 == 0 {
        format!("{} min", seconds / 60)
    } else {
        format!("{seconds} s")
    }
}

/// A maximum price is for marketing templates only, gives `bid_amount` (at least 1, which
/// the type itself ensures) and the strategy `LOWEST_COST_WITH_BID_CAP`.
///
/// Source: Meta's Marketing Messages pricing page and changelog (maximum price, open beta
/// from 2026-10-01). Not confirmed: the lowest and highest bid per currency. Refused with
/// code 100.
fn optimization(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    let Some(spec) = draft.optimization else {
        return;
    };
    if *draft.category != TemplateCategory::Marketing {
        findings.push(Finding::refused(
            "optimization_spec",
            "optimization-marketing-only",
            format!(
                "a maximum price on a {} template; expected it only on MARKETING templates",
                draft.category
            ),
        ));
    }
    if spec.bid_amount.is_none() {
        findings.push(Finding::refused(
            "optimization_spec.bid_amount",
            "optimization-bid",
            "no bid_amount; expected the maximum price per 1,000 deliveries, in the smallest \
             unit of the account's currency (at least 1)"
                .to_string(),
        ));
    }
    match spec.bid_strategy.as_deref() {
        Some(BID_STRATEGY) => {}
        Some(other) => findings.push(Finding::refused(
            "optimization_spec.bid_strategy",
            "optimization-bid",
            format!("bid_strategy {other:?}; expected {BID_STRATEGY}, the one Meta documents"),
        )),
        None => findings.push(Finding::refused(
            "optimization_spec.bid_strategy",
            "optimization-bid",
            format!("no bid_strategy; expected {BID_STRATEGY}"),
        )),
    }
}

/// Each creative feature is opted in or out: `enroll_status` `OPT_IN` or `OPT_OUT`. Any
/// feature name is accepted, as Meta adds features.
///
/// Source: Meta's automatic creative optimizations page. Refused with code 100.
fn creative_feature_statuses(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    let Some(features) = draft
        .creative
        .and_then(|d| d.creative_features_spec.as_ref())
    else {
        return;
    };
    let mut names: Vec<&String> = features.keys().collect();
    names.sort();
    for name in names {
        let status = features[name].enroll_status.as_deref();
        if status.is_some_and(|s| ENROLL_STATUSES.contains(&s)) {
            continue;
        }
        findings.push(Finding::refused(
            format!("degrees_of_freedom_spec.creative_features_spec.{name}.enroll_status"),
            "creative-feature-status",
            format!(
                "{}; expected OPT_IN or OPT_OUT",
                match status {
                    Some(other) => format!("enroll_status {other:?}"),
                    None => "no enroll_status".to_string(),
                }
            ),
        ));
    }
}
