//! The account around the send: its settings while the sandbox runs (onboarding status,
//! insights switch, each number's status, quality, tier and throughput), changed by tests
//! (`POST /__sandbox/account`, [`Sandbox::update_account`](crate::Sandbox::update_account)) and
//! read by sends and by the Graph endpoints in [`graph`].

use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wamm_client::{MessagingLimitTier, OnboardingStatus, PhoneNumberStatus, QualityRating};

use crate::config::{PhoneNumber, SandboxConfig};
use crate::endpoint::{AppState, graph_error, json_response};
use crate::graph_error::GraphFailure;

mod graph;

pub(crate) use graph::{check_account_get, node, phone_numbers};

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
