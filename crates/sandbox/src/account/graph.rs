//! The account as Graph serves it: `GET /{Version}/{WABA-ID}?fields=...` (a
//! `BusinessAccount`), `POST /{Version}/{WABA-ID}?is_enabled_for_insights=true` (a
//! `GraphSuccess`) and `GET /{Version}/{WABA-ID}/phone_numbers` (a `PhoneNumberList`).
//!
//! Checks, in the template list's order: the method, the bearer token (401, 104 or 190), the
//! WABA ID (400, 100 with subcode 33, as for any object Graph does not know), the version,
//! the query (400, 100). `id` is always shown, as Graph shows it; without `fields`, Graph's
//! default for the node (`id`, `name`) or the edge (`id`, `display_phone_number`,
//! `verified_name`, `quality_rating`).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::Value;
use wamm_client::types::{BusinessAccount, GraphSuccess, PhoneNumberList, Throughput};
use wamm_client::{build, types};

use super::{
    ACCOUNT_CURRENCY, ACCOUNT_NAME, ACCOUNT_TIMEZONE_ID, AccountUpdate, VERIFIED_NAME, apply,
};
use crate::config::PhoneNumber;
use crate::endpoint::{AppState, answer_json, check_account, check_token, version_and_object};
use crate::graph_error::GraphFailure;
use crate::graph_query::{
    PlaceCursor, field_list, parse_limit, query_pairs, require_only, value_of,
};

/// The fields of a `BusinessAccount` (`openapi.yaml`).
const ACCOUNT_FIELDS: [&str; 6] = [
    "id",
    "name",
    "currency",
    "timezone_id",
    "marketing_messages_onboarding_status",
    "is_enabled_for_insights",
];

/// The fields of a `PhoneNumber` (`openapi.yaml`).
const NUMBER_FIELDS: [&str; 10] = [
    "id",
    "display_phone_number",
    "verified_name",
    "status",
    "quality_rating",
    "messaging_limit_tier",
    "throughput",
    "name_status",
    "code_verification_status",
    "platform_type",
];

/// The largest `limit` (as openapi.yaml says, like the other lists).
const MAX_NUMBER_PAGE_LIMIT: usize = 1000;

/// Numbers per page when `limit` is not given.
const DEFAULT_NUMBER_PAGE_LIMIT: usize = 25;

/// The handler for `/{Version}/{Object-ID}`: on the account, GET reads it and POST turns
/// insights on; on a template's ID, POST edits it (`crate::template_writes`).
pub(crate) async fn node(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let answer = match *request.method() {
        Method::GET => read_node(&state, &request),
        Method::POST => match template_in_path(&state, &request) {
            Ok(Some((version, id))) => {
                crate::template_writes::edit(&state, &version, &id, request).await
            }
            Ok(None) => {
                let (parts, body) = request.into_parts();
                let body = axum::body::to_bytes(body, 1 << 20)
                    .await
                    .unwrap_or_default();
                let request = Request::from_parts(parts, axum::body::Body::empty());
                update_node(&state, &request, &body)
            }
            Err(failure) => Err(failure),
        },
        ref other => Err(GraphFailure::unsupported(
            other.as_str(),
            request.uri().path(),
        )),
    };
    answer_json(&state, answer)
}

/// For a POST: the version and template ID when the path names one of the account's
/// templates (after the token is checked), `None` when it names something else (the account,
/// or an unknown object, which the account's checks refuse).
fn template_in_path(
    state: &AppState,
    request: &Request,
) -> Result<Option<(String, String)>, GraphFailure> {
    let (version, id) = version_and_object(request.uri().path());
    if version == "__sandbox" || id == state.waba_id {
        return Ok(None);
    }
    check_token(state, request.headers())?;
    Ok(state
        .templates
        .by_id(id)
        .map(|_| (version.to_string(), id.to_string())))
}

/// The handler for `GET /{Version}/{WABA-ID}/phone_numbers`.
pub(crate) async fn phone_numbers(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    answer_json(&state, list_numbers(&state, &request))
}

/// The token, then the account in the path, then the version: the template list's order.
pub(crate) fn check_account_path(state: &AppState, request: &Request) -> Result<(), GraphFailure> {
    let (version, _) = version_and_object(request.uri().path());
    if version == "__sandbox" {
        check_token(state, request.headers())?;
        // An inspection path the nested router does not know lands here.
        return Err(GraphFailure::unsupported(
            request.method().as_str(),
            request.uri().path(),
        ));
    }
    check_account(state, request.uri(), request.headers())
}

/// A read of an edge of the account: GET only (else 400, 100), the account path's checks,
/// then the query's pairs, each among `known`.
pub(crate) fn check_account_get(
    state: &AppState,
    request: &Request,
    known: &[&'static str],
) -> Result<Vec<(String, String)>, GraphFailure> {
    if request.method() != Method::GET {
        return Err(GraphFailure::unsupported(
            request.method().as_str(),
            request.uri().path(),
        ));
    }
    check_account_path(state, request)?;
    query_pairs(request.uri(), known)
}

/// The `fields` asked for, each among `known`, after `id` (Graph always shows it); `default`
/// when none is named. With `lenient` (`--accept-any-template`) an unknown name is ignored.
fn parse_fields(
    value: Option<&str>,
    known: &[&'static str],
    default: &[&'static str],
    what: &str,
    lenient: bool,
) -> Result<Vec<&'static str>, GraphFailure> {
    let named = field_list(value.unwrap_or_default(), known, what, lenient)?;
    Ok(named.map_or_else(
        || default.to_vec(),
        |named| std::iter::once("id").chain(named).collect(),
    ))
}

/// Keeps only `fields` of a serialised object.
fn only(mut value: Value, fields: &[&str]) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|key, _| fields.contains(&key.as_str()));
    }
    value
}

fn read_node(state: &AppState, request: &Request) -> Result<Vec<u8>, GraphFailure> {
    check_account_path(state, request)?;
    let pairs = query_pairs(request.uri(), &["fields"])?;
    let fields = parse_fields(
        value_of(&pairs, "fields"),
        &ACCOUNT_FIELDS,
        &["id", "name"],
        "a WhatsApp Business Account",
        state.accept_any_template,
    )?;
    let view = state.account.view();
    let account: BusinessAccount = build(
        BusinessAccount::builder()
            .id(view.id)
            .name(Some(ACCOUNT_NAME.to_string()))
            .currency(Some(ACCOUNT_CURRENCY.to_string()))
            .timezone_id(Some(ACCOUNT_TIMEZONE_ID.to_string()))
            .marketing_messages_onboarding_status(Some(view.onboarding_status))
            .is_enabled_for_insights(Some(view.is_enabled_for_insights)),
    );
    let value = only(serde_json::to_value(&account).unwrap_or_default(), &fields);
    Ok(serde_json::to_vec(&value).unwrap_or_default())
}

fn update_node(state: &AppState, request: &Request, body: &[u8]) -> Result<Vec<u8>, GraphFailure> {
    check_account_path(state, request)?;
    // Graph takes an account's settings as query parameters; a JSON body with fields is a
    // template edit, which this ID is not. An empty object is what the generated client
    // sends when no edit is given.
    let text = String::from_utf8_lossy(body);
    let empty = text.trim().is_empty()
        || serde_json::from_str::<Value>(&text)
            .is_ok_and(|v| v.as_object().is_some_and(serde_json::Map::is_empty));
    if !empty {
        return Err(GraphFailure::invalid_parameter(format!(
            "{} is a WhatsApp Business Account: it takes is_enabled_for_insights=true as a query \
             parameter, not a body (a MessageTemplateEdit body goes to a template's ID)",
            state.waba_id
        )));
    }
    let pairs = query_pairs(request.uri(), &["is_enabled_for_insights"])?;
    if value_of(&pairs, "is_enabled_for_insights") == Some("false") {
        return Err(GraphFailure::invalid_parameter(
            "is_enabled_for_insights: template insights cannot be turned off once on; only true is accepted",
        ));
    }
    require_only(
        &pairs,
        "is_enabled_for_insights",
        "true",
        "is_enabled_for_insights is required (the only field this sandbox updates); send is_enabled_for_insights=true",
    )?;
    let update = AccountUpdate {
        is_enabled_for_insights: Some(true),
        ..AccountUpdate::default()
    };
    apply(state, &update).map_err(GraphFailure::invalid_parameter)?;
    let success: GraphSuccess = build(GraphSuccess::builder().success(Some(true)));
    Ok(serde_json::to_vec(&success).unwrap_or_default())
}

/// `+1 555-0AB-CDEF`-like: a made-up display number from the ID's last digits.
fn display_number(id: &str) -> String {
    let digits: String = format!("{id:0>7}").chars().rev().take(7).collect();
    let digits: String = digits.chars().rev().collect();
    format!("+1 555-{}-{}", &digits[..3], &digits[3..])
}

fn list_numbers(state: &AppState, request: &Request) -> Result<Vec<u8>, GraphFailure> {
    let pairs = check_account_get(state, request, &["fields", "limit", "after"])?;
    let fields = parse_fields(
        value_of(&pairs, "fields"),
        &NUMBER_FIELDS,
        &[
            "id",
            "display_phone_number",
            "verified_name",
            "quality_rating",
        ],
        "a phone number",
        state.accept_any_template,
    )?;
    let limit = match value_of(&pairs, "limit") {
        None => DEFAULT_NUMBER_PAGE_LIMIT,
        Some(value) => parse_limit(value, MAX_NUMBER_PAGE_LIMIT)?,
    };
    let numbers = state.account.view().phone_numbers;
    let first = match value_of(&pairs, "after") {
        None => 0,
        Some(cursor) => match CURSOR.decode(cursor).filter(|place| *place < numbers.len()) {
            Some(place) => place + 1,
            // For conformance testers (as the template list does): nothing lies beyond a
            // cursor the sandbox never gave.
            None if state.accept_any_template && !cursor.is_empty() => usize::MAX,
            None => {
                return Err(GraphFailure::invalid_parameter(format!(
                    "after: {cursor:?} is not a cursor this list gave"
                )));
            }
        },
    };
    let page: Vec<(usize, &PhoneNumber)> =
        numbers.iter().enumerate().skip(first).take(limit).collect();
    let data: Vec<Value> = page
        .iter()
        .map(|(_, n)| {
            let throughput: Throughput =
                build(Throughput::builder().level(Some(n.throughput_level.clone())));
            let number: types::PhoneNumber = build(
                types::PhoneNumber::builder()
                    .id(n.id.clone())
                    .display_phone_number(Some(display_number(&n.id)))
                    .verified_name(Some(VERIFIED_NAME.to_string()))
                    .status(Some(n.status.clone()))
                    .quality_rating(Some(n.quality_rating.clone()))
                    .messaging_limit_tier(Some(n.messaging_limit_tier.clone()))
                    .throughput(Some(throughput))
                    .name_status(Some("APPROVED".to_string()))
                    .code_verification_status(Some("VERIFIED".to_string()))
                    .platform_type(Some("CLOUD_API".to_string())),
            );
            only(serde_json::to_value(&number).unwrap_or_default(), &fields)
        })
        .collect();
    let host = state.addr.to_string();
    let paging = CURSOR.forward_paging((&host, request.uri().path()), &pairs, &page, numbers.len());
    // Built through the generated list so the shape is the spec's, then the fields trimmed.
    let list: PhoneNumberList = build(PhoneNumberList::builder().data(Vec::new()).paging(paging));
    let mut body = serde_json::to_value(&list).unwrap_or_default();
    body["data"] = Value::Array(data);
    Ok(serde_json::to_vec(&body).unwrap_or_default())
}

/// A number's cursor: its place in the account's list.
const CURSOR: PlaceCursor = PlaceCursor("number-");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_numbers_use_the_last_digits() {
        assert_eq!(display_number("106540352242922"), "+1 555-224-2922");
        assert_eq!(display_number("12"), "+1 555-000-0012");
    }
}
