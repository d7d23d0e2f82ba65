//! The account around the send, as Graph serves it: `GET /{Version}/{WABA-ID}?fields=...`
//! (a `BusinessAccount`), `POST /{Version}/{WABA-ID}?is_enabled_for_insights=true` (a
//! `GraphSuccess`) and `GET /{Version}/{WABA-ID}/phone_numbers` (a `PhoneNumberList`), and
//! the settings a test changes while the sandbox runs (`POST /__sandbox/account`).
//!
//! Checks, in the template list's order: the method, the bearer token (401, 104 or 190), the
//! WABA ID (400, 100 with subcode 33, as for any object Graph does not know), the version,
//! the query (400, 100). `id` is always shown, as Graph shows it; without `fields`, Graph's
//! default for the node (`id`, `name`) or the edge (`id`, `display_phone_number`,
//! `verified_name`, `quality_rating`).

use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wamm_client::types::{
    BusinessAccount, GraphSuccess, Paging, PagingCursors, PhoneNumberList, Throughput,
};
use wamm_client::{
    MessagingLimitTier, OnboardingStatus, PhoneNumberStatus, QualityRating, build, types,
};

use crate::config::{PhoneNumber, SandboxConfig};
use crate::endpoint::{AppState, check_token, graph_error, is_version, json_response, with_usage};
use crate::graph_error::GraphFailure;

/// The account's name, as `GET /{Version}/{WABA-ID}?fields=name` answers it.
pub const ACCOUNT_NAME: &str = "Sandbox Business";

/// The account's currency (costs in template analytics are in it).
pub const ACCOUNT_CURRENCY: &str = "USD";

/// The account's time zone ID (Meta's numeric IDs; 1 is `America/Los_Angeles`).
pub const ACCOUNT_TIMEZONE_ID: &str = "1";

/// The verified business name every number shows.
pub const VERIFIED_NAME: &str = "Sandbox Shop";

/// What `account_update` says when the Marketing Messages terms are signed.
pub const MM_LITE_TERMS_SIGNED: &str = "MM_LITE_TERMS_SIGNED";

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

/// Numbers per page when `limit` is not given.
const DEFAULT_NUMBER_PAGE_LIMIT: usize = 25;

/// A value Graph writes as one word in capitals (`CONNECTED`, `TIER_1K`, ...).
pub(crate) fn check_word(field: &str, value: &str) -> Result<(), String> {
    if value.is_empty()
        || !value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(format!(
            "{field} {value:?} is not a value Graph could send (capitals, digits and _)"
        ));
    }
    Ok(())
}

/// A change to the account while the sandbox runs: what `POST /__sandbox/account` takes as
/// JSON, and [`Sandbox::update_account`](crate::Sandbox::update_account). Absent fields stay
/// as they are.
///
/// ```
/// use wamm_sandbox::AccountUpdate;
///
/// let update: AccountUpdate = serde_json::from_str(r#"{
///     "onboarding_status": "ONBOARDED",
///     "is_enabled_for_insights": true,
///     "phone_numbers": [{"id": "106540352242922", "status": "FLAGGED", "quality_rating": "RED"}]
/// }"#)?;
/// assert_eq!(update.phone_numbers[0].id, "106540352242922");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    /// The account's new onboarding status. A change to `ONBOARDED` posts an
    /// `account_update` webhook with `event: MM_LITE_TERMS_SIGNED` (when webhooks are on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onboarding_status: Option<OnboardingStatus>,
    /// Template insights on or off (off again is a sandbox liberty: Graph cannot do it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled_for_insights: Option<bool>,
    /// Changes to served numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phone_numbers: Vec<PhoneNumberUpdate>,
}

/// A change to one served number; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneNumberUpdate {
    /// The number's ID (one the sandbox serves).
    pub id: String,
    /// Its new status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PhoneNumberStatus>,
    /// Its new quality rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_rating: Option<QualityRating>,
    /// Its new messaging limit tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_limit_tier: Option<MessagingLimitTier>,
    /// Its new throughput level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_level: Option<String>,
}

/// The account as it stands: what `GET /__sandbox/account` answers and
/// [`Sandbox::account`](crate::Sandbox::account) returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountView {
    /// The WABA ID.
    pub id: String,
    /// Where the account stands with Marketing Messages.
    pub onboarding_status: OnboardingStatus,
    /// Whether template insights are on.
    pub is_enabled_for_insights: bool,
    /// The served numbers, in configuration order.
    #[serde(serialize_with = "numbers_as_json")]
    pub phone_numbers: Vec<PhoneNumber>,
}

fn numbers_as_json<S: serde::Serializer>(
    numbers: &[PhoneNumber],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let numbers: Vec<Value> = numbers
        .iter()
        .map(|n| {
            serde_json::json!({
                "id": n.id,
                "onboarded": n.onboarded,
                "status": n.status.as_str(),
                "quality_rating": n.quality_rating.as_str(),
                "messaging_limit_tier": n.messaging_limit_tier.as_str(),
                "throughput_level": n.throughput_level,
            })
        })
        .collect();
    numbers.serialize(serializer)
}

/// What a send needs to know of its number.
pub(crate) struct SendingNumber {
    /// Onboarded, in an account that is onboarded: the message goes through MM Lite.
    pub(crate) mm_lite: bool,
    pub(crate) status: PhoneNumberStatus,
}

/// The account's settings while the sandbox runs.
#[derive(Debug)]
pub(crate) struct Account {
    waba_id: String,
    state: RwLock<AccountState>,
}

#[derive(Debug)]
struct AccountState {
    onboarding: OnboardingStatus,
    insights: bool,
    numbers: Vec<PhoneNumber>,
}

impl Account {
    pub(crate) fn new(config: &SandboxConfig) -> Self {
        Self {
            waba_id: config.waba_id.clone(),
            state: RwLock::new(AccountState {
                onboarding: config.onboarding_status.clone(),
                insights: config.insights_enabled,
                numbers: config.phone_numbers.clone(),
            }),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, AccountState> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The number, if served, as a send sees it.
    pub(crate) fn sending(&self, id: &str) -> Option<SendingNumber> {
        let state = self.read();
        let number = state.numbers.iter().find(|n| n.id == id)?;
        Some(SendingNumber {
            mm_lite: number.onboarded && state.onboarding == OnboardingStatus::Onboarded,
            status: number.status.clone(),
        })
    }

    /// Whether template insights are on.
    pub(crate) fn view_insights(&self) -> bool {
        self.read().insights
    }

    pub(crate) fn view(&self) -> AccountView {
        let state = self.read();
        AccountView {
            id: self.waba_id.clone(),
            onboarding_status: state.onboarding.clone(),
            is_enabled_for_insights: state.insights,
            phone_numbers: state.numbers.clone(),
        }
    }

    /// Applies `update` whole or not at all. Returns whether the account became onboarded.
    pub(crate) fn update(&self, update: &AccountUpdate) -> Result<bool, String> {
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        let mut numbers = state.numbers.clone();
        for change in &update.phone_numbers {
            let Some(number) = numbers.iter_mut().find(|n| n.id == change.id) else {
                let served: Vec<&str> = numbers.iter().map(|n| n.id.as_str()).collect();
                return Err(format!(
                    "phone_numbers: {:?} is not a number the sandbox serves; it serves {}",
                    change.id,
                    served.join(", ")
                ));
            };
            if let Some(status) = &change.status {
                number.status = status.clone();
            }
            if let Some(rating) = &change.quality_rating {
                number.quality_rating = rating.clone();
            }
            if let Some(tier) = &change.messaging_limit_tier {
                number.messaging_limit_tier = tier.clone();
            }
            if let Some(level) = &change.throughput_level {
                number.throughput_level = level.clone();
            }
            number
                .check()
                .map_err(|e| format!("phone_numbers ({}): {e}", number.id))?;
        }
        if let Some(status) = &update.onboarding_status {
            check_word("onboarding_status", status.as_str())?;
        }
        state.numbers = numbers;
        if let Some(insights) = update.is_enabled_for_insights {
            state.insights = insights;
        }
        let mut onboarded_now = false;
        if let Some(status) = &update.onboarding_status {
            onboarded_now = state.onboarding != OnboardingStatus::Onboarded
                && *status == OnboardingStatus::Onboarded;
            state.onboarding = status.clone();
        }
        Ok(onboarded_now)
    }
}

/// Applies an update and, when the account became onboarded, tells the webhook receiver.
pub(crate) fn apply(state: &AppState, update: &AccountUpdate) -> Result<AccountView, String> {
    if state.account.update(update)?
        && let Some(webhooks) = &state.webhooks
    {
        webhooks.account_update(MM_LITE_TERMS_SIGNED);
    }
    Ok(state.account.view())
}

/// `GET /__sandbox/account`: the account as it stands.
pub(crate) async fn inspect(State(state): State<Arc<AppState>>) -> Response {
    let body = serde_json::to_vec(&state.account.view()).unwrap_or_default();
    json_response(StatusCode::OK, body)
}

/// `POST /__sandbox/account` with an [`AccountUpdate`]: answers the account as it then stands.
pub(crate) async fn change(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let result = serde_json::from_slice::<AccountUpdate>(&body)
        .map_err(|e| {
            format!(
                "expected {{\"onboarding_status\": \"ONBOARDED\", \"is_enabled_for_insights\": true, \
                 \"phone_numbers\": [{{\"id\": \"...\", \"status\": \"FLAGGED\", \"quality_rating\": \"RED\", \
                 \"messaging_limit_tier\": \"TIER_1K\", \"throughput_level\": \"HIGH\"}}]}}, every field optional: {e}"
            )
        })
        .and_then(|update| apply(&state, &update));
    match result {
        Ok(view) => json_response(
            StatusCode::OK,
            serde_json::to_vec(&view).unwrap_or_default(),
        ),
        Err(problem) => graph_error(&GraphFailure::invalid_parameter(problem), &state.trace()),
    }
}

/// The handler for `/{Version}/{WABA-ID}`: GET reads the account, POST turns insights on.
pub(crate) async fn node(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let answer = match *request.method() {
        Method::GET => read_node(&state, &request),
        Method::POST => update_node(&state, &request),
        ref other => Err(GraphFailure::unsupported(
            other.as_str(),
            request.uri().path(),
        )),
    };
    match answer {
        Ok(body) => with_usage(json_response(StatusCode::OK, body)),
        Err(failure) => graph_error(&failure, &state.trace()),
    }
}

/// The handler for `GET /{Version}/{WABA-ID}/phone_numbers`.
pub(crate) async fn phone_numbers(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    match list_numbers(&state, &request) {
        Ok(body) => with_usage(json_response(StatusCode::OK, body)),
        Err(failure) => graph_error(&failure, &state.trace()),
    }
}

/// The token, then the account in the path, then the version: the template list's order.
pub(crate) fn check_account_path(state: &AppState, request: &Request) -> Result<(), GraphFailure> {
    check_token(state, request.headers())?;
    let mut segments = request.uri().path().trim_start_matches('/').split('/');
    let version = segments.next().unwrap_or_default();
    let waba_id = segments.next().unwrap_or_default();
    if version == "__sandbox" {
        // An inspection path the nested router does not know lands here.
        return Err(GraphFailure::unsupported(
            request.method().as_str(),
            request.uri().path(),
        ));
    }
    if waba_id != state.waba_id {
        return Err(GraphFailure::unknown_account(waba_id));
    }
    if !is_version(version) {
        return Err(GraphFailure::invalid_parameter(format!(
            "unknown Graph API version {version:?}; expected a version such as v23.0"
        )));
    }
    Ok(())
}

/// The query's pairs, each name at most once and among `known`.
pub(crate) fn query_pairs(
    uri: &Uri,
    known: &[&str],
) -> Result<Vec<(String, String)>, GraphFailure> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri).map_err(|e| {
        GraphFailure::invalid_parameter(format!("the query string cannot be read: {e}"))
    })?;
    for (i, (key, _)) in pairs.iter().enumerate() {
        if !known.contains(&key.as_str()) {
            return Err(GraphFailure::invalid_parameter(format!(
                "unknown parameter {key:?}; this operation takes {}",
                known.join(", ")
            )));
        }
        if pairs[..i].iter().any(|(k, _)| k == key) {
            return Err(GraphFailure::invalid_parameter(format!(
                "{key} is given more than once"
            )));
        }
    }
    Ok(pairs)
}

fn value_of<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The `fields` asked for, each among `known`; `default` when none is named. With `lenient`
/// (`--accept-any-template`) an unknown name is ignored.
fn parse_fields(
    value: Option<&str>,
    known: &[&'static str],
    default: &[&'static str],
    what: &str,
    lenient: bool,
) -> Result<Vec<&'static str>, GraphFailure> {
    let names: Vec<&str> = value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Ok(default.to_vec());
    }
    let mut fields = vec!["id"];
    for name in names {
        match known.iter().find(|f| **f == name) {
            Some(field) => fields.push(field),
            None if lenient => {}
            None => {
                return Err(GraphFailure::invalid_parameter(format!(
                    "fields: {what} has no field {name:?}; it has {}",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(fields)
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

fn update_node(state: &AppState, request: &Request) -> Result<Vec<u8>, GraphFailure> {
    check_account_path(state, request)?;
    let pairs = query_pairs(request.uri(), &["is_enabled_for_insights"])?;
    match value_of(&pairs, "is_enabled_for_insights") {
        Some("true") => {}
        Some("false") => {
            return Err(GraphFailure::invalid_parameter(
                "is_enabled_for_insights: template insights cannot be turned off once on; only true is accepted",
            ));
        }
        Some(other) => {
            return Err(GraphFailure::invalid_parameter(format!(
                "is_enabled_for_insights: expected true; received {other:?}"
            )));
        }
        None => {
            return Err(GraphFailure::invalid_parameter(
                "is_enabled_for_insights is required (the only field this sandbox updates); send is_enabled_for_insights=true",
            ));
        }
    }
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
    if request.method() != Method::GET {
        return Err(GraphFailure::unsupported(
            request.method().as_str(),
            request.uri().path(),
        ));
    }
    check_account_path(state, request)?;
    let pairs = query_pairs(request.uri(), &["fields", "limit", "after"])?;
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
        Some(value) => value
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                GraphFailure::invalid_parameter(format!(
                    "limit must be a whole number of at least 1; received {value:?}"
                ))
            })?,
    };
    let numbers = state.account.view().phone_numbers;
    let first = match value_of(&pairs, "after") {
        None => 0,
        Some(cursor) => decode_cursor(cursor)
            .filter(|place| *place < numbers.len())
            .map(|place| place + 1)
            .ok_or_else(|| {
                GraphFailure::invalid_parameter(format!(
                    "after: {cursor:?} is not a cursor this list gave"
                ))
            })?,
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
    let paging = match (page.first(), page.last()) {
        (Some((first, _)), Some((last, _))) => {
            let next = (*last + 1 < numbers.len()).then(|| {
                let mut url = format!("http://{}{}?", state.addr, request.uri().path());
                for (key, value) in pairs.iter().filter(|(k, _)| k != "after") {
                    url.push_str(&format!("{key}={value}&"));
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
    // Built through the generated list so the shape is the spec's, then the fields trimmed.
    let list: PhoneNumberList = build(PhoneNumberList::builder().data(Vec::new()).paging(paging));
    let mut body = serde_json::to_value(&list).unwrap_or_default();
    body["data"] = Value::Array(data);
    Ok(serde_json::to_vec(&body).unwrap_or_default())
}

/// A number's cursor: its place in the account's list, behind a prefix.
fn encode_cursor(place: usize) -> String {
    format!("number-{place}")
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    cursor.strip_prefix("number-")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_capitals() {
        assert!(check_word("status", "TIER_1K").is_ok());
        assert!(check_word("status", "flagged").is_err());
        assert!(check_word("status", "").is_err());
    }

    #[test]
    fn display_numbers_use_the_last_digits() {
        assert_eq!(display_number("106540352242922"), "+1 555-224-2922");
        assert_eq!(display_number("12"), "+1 555-000-0012");
    }

    #[test]
    fn updates_apply_whole_or_not_at_all() {
        let config = SandboxConfig::default();
        let account = Account::new(&config);
        let bad = AccountUpdate {
            onboarding_status: Some(OnboardingStatus::Eligible),
            phone_numbers: vec![PhoneNumberUpdate {
                id: "999".into(),
                ..PhoneNumberUpdate::default()
            }],
            ..AccountUpdate::default()
        };
        assert!(account.update(&bad).unwrap_err().contains("999"));
        assert_eq!(
            account.view().onboarding_status,
            OnboardingStatus::Onboarded
        );
        let eligible = AccountUpdate {
            onboarding_status: Some(OnboardingStatus::Eligible),
            ..AccountUpdate::default()
        };
        assert!(!account.update(&eligible).unwrap());
        assert!(
            !account
                .sending(crate::DEFAULT_PHONE_NUMBER_ID)
                .unwrap()
                .mm_lite
        );
        let onboarded = AccountUpdate {
            onboarding_status: Some(OnboardingStatus::Onboarded),
            ..AccountUpdate::default()
        };
        assert!(account.update(&onboarded).unwrap());
        assert!(!account.update(&onboarded).unwrap(), "only a change counts");
    }
}
