//! `GET /{Version}/{WABA-ID}/message_templates`: the account's templates a page at a time, as
//! Graph lists them, from the same definitions the send endpoint checks against.
//!
//! Checks, in order: the method (GET), the bearer token (401, 104 or 190), the WABA ID (400,
//! 100, like an unknown phone number ID), the version, the query (400, 100: an unknown
//! parameter, one given twice, `limit` not 1 to 1000, a field a template does not have, a
//! cursor the sandbox did not issue, a summary field Graph does not list). Then the filters
//! of Graph's reference for this edge, in any letter case: `name`, `content` (the template's
//! text) and `name_or_content` (a part of either), `status`, `category`, `language` and
//! `quality_score` (comma-separated lists; a template without a score is `UNKNOWN`).
//! `fields` picks what each template shows (and `id`, always): a field the template has no
//! value for is left out, as Graph leaves out empty values, except `parameter_format`, which
//! Graph always answers (`POSITIONAL` when the template has no named placeholders; pywa reads
//! it). `summary` adds the counts it names; `after` and `before` page.
//!
//! A cursor is the template's place in the account's list, base64-encoded: it stays valid
//! while the sandbox runs, whatever the filters, and a template paused meanwhile is neither
//! skipped nor repeated.
//!
//! With `--accept-any-template` (for conformance testers) every request the spec allows is
//! answered 200 in the spec's shapes: a field name the sandbox does not know is ignored, the
//! fields the spec requires are always shown, and a cursor it did not issue gives an empty
//! page.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, Uri, header};
use axum::response::Response;
use serde_json::Value;
use wamm_client::types::{
    MessageTemplate, MessageTemplateList, MessageTemplateSummary, TemplateComponentDefinition,
    TemplateParameterFormat,
};

use crate::endpoint::{AppState, answer_json, check_account};
use crate::graph_error::GraphFailure;
use crate::graph_query::{field_list, known_name, page_url, paging, parse_limit, read_pairs};

/// Templates per page when `limit` is not given, as on Graph.
pub const DEFAULT_TEMPLATE_PAGE_LIMIT: usize = 25;

/// The largest `limit`.
pub const MAX_TEMPLATE_PAGE_LIMIT: usize = 1000;

/// The query parameters the operation takes: Graph's filters for this edge, and its
/// `fields`, `summary` and paging.
const PARAMETERS: [&str; 12] = [
    "fields",
    "summary",
    "name",
    "content",
    "name_or_content",
    "status",
    "category",
    "language",
    "quality_score",
    "limit",
    "after",
    "before",
];

/// The summary fields Graph lists for this edge (`MessageTemplateSummary` in `openapi.yaml`).
const SUMMARY_FIELDS: [&str; 4] = [
    "total_count",
    "message_template_count",
    "message_template_limit",
    "are_translations_complete",
];

/// How many templates an account may have, as the summary tells it: Meta's limit for a
/// business that has not verified itself.
pub const MESSAGE_TEMPLATE_LIMIT: i64 = 250;

/// The fields of a template (`MessageTemplate` in `openapi.yaml`).
const FIELDS: [&str; 17] = [
    "id",
    "name",
    "language",
    "status",
    "category",
    "previous_category",
    "sub_category",
    "parameter_format",
    "components",
    "quality_score",
    "rejected_reason",
    "cta_url_link_tracking_opted_out",
    "message_send_ttl_seconds",
    "correct_category",
    "library_template_name",
    "degrees_of_freedom_spec",
    "optimization_spec",
];

/// What Graph returns without `fields`.
const DEFAULT_FIELDS: [&str; 6] = ["name", "components", "language", "status", "category", "id"];

/// What the spec requires of every template (`--accept-any-template` always shows them).
const REQUIRED_FIELDS: [&str; 5] = ["id", "name", "language", "status", "category"];

/// What a cursor encodes before the template's place.
const CURSOR_PREFIX: &str = "template:";

/// The handler (any method; only GET is supported).
pub(crate) async fn list(State(state): State<Arc<AppState>>, request: Request) -> Response {
    answer_json(
        &state,
        answer(&state, request.method(), request.uri(), request.headers()),
    )
}

fn answer(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<Vec<u8>, GraphFailure> {
    let path = uri.path();
    if method != Method::GET {
        return Err(GraphFailure::unsupported(method.as_str(), path));
    }
    check_account(state, uri, headers)?;
    let lenient = state.accept_any_template;
    let query = ListQuery::parse(uri, lenient)?;

    let all = state.templates.all();
    let places = state.templates.places();
    let matching: Vec<(usize, &MessageTemplate)> = all
        .iter()
        .filter(|(_, t)| query.admits(t))
        .map(|(i, t)| (*i, t.as_ref()))
        .collect();
    let mut cursors = [query.after.as_deref(), query.before.as_deref()]
        .map(|cursor| cursor.map(|c| decode_cursor(c, places)));
    if cursors.iter().any(|c| matches!(c, Some(None))) {
        if !lenient {
            return Err(GraphFailure::invalid_parameter(
                "after/before: not a cursor this sandbox issued; use paging.cursors from a \
                 page of this list",
            ));
        }
        // Nothing lies beyond a cursor the sandbox never issued.
        cursors = [Some(Some(usize::MAX)), None];
    }
    let [after, before] = cursors.map(Option::flatten);
    let window: Vec<&(usize, &MessageTemplate)> = matching
        .iter()
        .filter(|(i, _)| after.is_none_or(|a| *i > a) && before.is_none_or(|b| *i < b))
        .collect();
    let page = if before.is_some() && after.is_none() {
        &window[window.len().saturating_sub(query.limit)..]
    } else {
        &window[..window.len().min(query.limit)]
    };

    let paging = match (page.first(), page.last()) {
        (Some(&&(first, _)), Some(&&(last, _))) => {
            let (before_cursor, after_cursor) = (encode_cursor(first), encode_cursor(last));
            let url = |key: &str, cursor: &str| query.url(state, headers, path, key, cursor);
            let next = matching
                .iter()
                .any(|(i, _)| *i > last)
                .then(|| url("after", &after_cursor));
            let previous = matching
                .iter()
                .any(|(i, _)| *i < first)
                .then(|| url("before", &before_cursor));
            Some(paging(before_cursor, after_cursor, next, previous))
        }
        _ => None,
    };
    let data: Vec<MessageTemplate> = page
        .iter()
        .map(|(_, t)| {
            let mut template = MessageTemplate::clone(t);
            if query.fields.contains(&"parameter_format") {
                template
                    .parameter_format
                    .get_or_insert(TemplateParameterFormat::Positional);
            }
            template
        })
        .collect();
    let summary = (!query.summary.is_empty()).then(|| {
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let mut summary = MessageTemplateSummary::default();
        for field in &query.summary {
            match *field {
                "total_count" => summary.total_count = Some(count(matching.len())),
                "message_template_count" => summary.message_template_count = Some(count(all.len())),
                "message_template_limit" => {
                    summary.message_template_limit = Some(MESSAGE_TEMPLATE_LIMIT)
                }
                _ => summary.are_translations_complete = Some(true),
            }
        }
        summary
    });
    let list = MessageTemplateList::try_from(
        MessageTemplateList::builder()
            .data(data)
            .paging(paging)
            .summary(summary),
    )
    .map_err(|e| GraphFailure::invalid_parameter(e.to_string()))?;
    let mut body = serde_json::to_value(&list).unwrap_or_default();
    if let Some(Value::Array(templates)) = body.get_mut("data") {
        for template in templates {
            if let Value::Object(fields) = template {
                fields.retain(|key, _| query.shows(key, lenient));
            }
        }
    }
    Ok(serde_json::to_vec(&body).unwrap_or_default())
}

/// The query, checked.
#[derive(Debug)]
struct ListQuery {
    /// As given, in order, for the paging URLs.
    pairs: Vec<(String, String)>,
    fields: Vec<&'static str>,
    summary: Vec<&'static str>,
    /// Lower case, like the lists below.
    name: Option<String>,
    content: Option<String>,
    name_or_content: Option<String>,
    statuses: Vec<String>,
    quality_scores: Vec<String>,
    categories: Vec<String>,
    languages: Vec<String>,
    limit: usize,
    after: Option<String>,
    before: Option<String>,
}

impl ListQuery {
    fn parse(uri: &Uri, lenient: bool) -> Result<Self, GraphFailure> {
        let pairs = read_pairs(uri)?;
        let mut query = ListQuery {
            pairs: pairs.clone(),
            fields: DEFAULT_FIELDS.to_vec(),
            summary: Vec::new(),
            name: None,
            content: None,
            name_or_content: None,
            statuses: Vec::new(),
            quality_scores: Vec::new(),
            categories: Vec::new(),
            languages: Vec::new(),
            limit: DEFAULT_TEMPLATE_PAGE_LIMIT,
            after: None,
            before: None,
        };
        for (place, (_, value)) in pairs.iter().enumerate() {
            let known = known_name(&pairs, place, &PARAMETERS)?;
            let list = || -> Vec<String> {
                value
                    .split(',')
                    .map(|v| v.trim().to_ascii_lowercase())
                    .filter(|v| !v.is_empty())
                    .collect()
            };
            let cursor = || Some(value.trim().to_string()).filter(|v| !v.is_empty());
            match known {
                "fields" => {
                    query.fields = field_list(value, &FIELDS, "a template", lenient)?
                        .unwrap_or_else(|| DEFAULT_FIELDS.to_vec());
                }
                "summary" => query.summary = parse_summary(value, lenient)?,
                "name" => query.name = Some(value.to_lowercase()),
                "content" => query.content = Some(value.to_lowercase()),
                "name_or_content" => query.name_or_content = Some(value.to_lowercase()),
                "status" => query.statuses = list(),
                "quality_score" => query.quality_scores = list(),
                "category" => query.categories = list(),
                "language" => query.languages = list(),
                "limit" => query.limit = parse_limit(value, MAX_TEMPLATE_PAGE_LIMIT)?,
                "after" => query.after = cursor(),
                _ => query.before = cursor(),
            }
        }
        Ok(query)
    }

    /// Whether `template` passes the filters.
    fn admits(&self, template: &MessageTemplate) -> bool {
        let among = |list: &[String], value: &str| {
            list.is_empty() || list.iter().any(|v| v.eq_ignore_ascii_case(value))
        };
        let name = template.name.to_lowercase();
        let text = || template_text(&template.components).to_lowercase();
        let score = template
            .quality_score
            .as_ref()
            .and_then(|q| q.score.as_deref())
            .unwrap_or("UNKNOWN");
        self.name
            .as_ref()
            .is_none_or(|part| name.contains(part.as_str()))
            && self
                .content
                .as_ref()
                .is_none_or(|part| text().contains(part.as_str()))
            && self
                .name_or_content
                .as_ref()
                .is_none_or(|part| name.contains(part.as_str()) || text().contains(part.as_str()))
            && among(&self.statuses, template.status.as_str())
            && among(&self.quality_scores, score)
            && among(&self.categories, template.category.as_str())
            && among(&self.languages, &template.language)
    }

    /// Whether a template's `key` is shown.
    fn shows(&self, key: &str, lenient: bool) -> bool {
        key == "id" || self.fields.contains(&key) || (lenient && REQUIRED_FIELDS.contains(&key))
    }

    /// This request's URL with `key` (`after` or `before`) set to `cursor` instead of any
    /// cursor it had.
    fn url(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        path: &str,
        key: &str,
        cursor: &str,
    ) -> String {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty()
                    && h.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
            })
            .map_or_else(|| state.addr.to_string(), str::to_string);
        page_url(&host, path, &self.pairs, key, cursor)
    }
}

/// The summary fields asked for: those Graph lists, or `true` for `total_count` alone. With
/// `lenient` (`--accept-any-template`: every request the spec allows is answered), a name
/// Graph does not list is left out of the answer, as `fields` are.
fn parse_summary(value: &str, lenient: bool) -> Result<Vec<&'static str>, GraphFailure> {
    let mut fields = Vec::new();
    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name.eq_ignore_ascii_case("true") {
            fields.push(SUMMARY_FIELDS[0]);
            continue;
        }
        let Some(field) = SUMMARY_FIELDS.iter().find(|f| **f == name) else {
            if lenient {
                continue;
            }
            return Err(GraphFailure::invalid_parameter(format!(
                "summary: the template list has no summary field {name:?}; it has {}",
                SUMMARY_FIELDS.join(", ")
            )));
        };
        if !fields.contains(field) {
            fields.push(*field);
        }
    }
    Ok(fields)
}

/// A template's text, as the `content` filter searches it: every component's text, its
/// buttons' texts and its cards', one per line.
fn template_text(components: &[TemplateComponentDefinition]) -> String {
    let mut out = String::new();
    for component in components {
        for text in component
            .text
            .iter()
            .chain(component.buttons.iter().filter_map(|b| b.text.as_ref()))
            .chain(
                component
                    .limited_time_offer
                    .iter()
                    .filter_map(|o| o.text.as_ref()),
            )
        {
            out.push_str(text);
            out.push('\n');
        }
        for card in &component.cards {
            out.push_str(&template_text(&card.components));
        }
    }
    out
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The cursor of the template at `place` in the account's list: URL-safe base64, unpadded.
fn encode_cursor(place: usize) -> String {
    let bytes = format!("{CURSOR_PREFIX}{place}").into_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// The place a cursor stands for, if the sandbox could have issued it (a place in a list of
/// `len` templates).
fn decode_cursor(cursor: &str, len: usize) -> Option<usize> {
    let mut bytes = Vec::new();
    let (mut n, mut bits) = (0u32, 0);
    for c in cursor.bytes() {
        let value = BASE64.iter().position(|b| *b == c)? as u32;
        n = n << 6 | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((n >> bits) as u8);
            n &= (1 << bits) - 1;
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    let place: usize = text.strip_prefix(CURSOR_PREFIX)?.parse().ok()?;
    (place < len && encode_cursor(place) == cursor).then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_others_are_refused() {
        for place in [0, 1, 9, 10, 99, 12345] {
            let cursor = encode_cursor(place);
            assert!(
                cursor
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{cursor}"
            );
            assert_eq!(decode_cursor(&cursor, 20_000), Some(place), "{cursor}");
        }
        assert_eq!(encode_cursor(0), "dGVtcGxhdGU6MA");
        assert_eq!(decode_cursor(&encode_cursor(5), 5), None);
        for other in [
            "",
            "x",
            "MA",
            "dGVtcGxhdGU6",
            "dGVtcGxhdGU6MA==",
            "dGVtcGxhdGU6LTE",
        ] {
            assert_eq!(decode_cursor(other, 100), None, "{other}");
        }
    }

    #[test]
    fn the_fields_are_the_specs() {
        let spec: Value = serde_yaml_ng::from_str(wamm_client::validation::OPENAPI_YAML).unwrap();
        let properties = &spec["components"]["schemas"]["MessageTemplate"]["properties"];
        let mut declared: Vec<&str> = properties
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        declared.sort();
        let mut known = FIELDS.to_vec();
        known.sort();
        assert_eq!(known, declared);
        let required: Vec<&str> = spec["components"]["schemas"]["MessageTemplate"]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, REQUIRED_FIELDS);
    }
}
