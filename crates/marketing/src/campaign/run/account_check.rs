//! The account's side of a run's pre-flight: is the account onboarded to Marketing Messages,
//! can the campaign's numbers send, and does the list fit their messaging limit. Read once
//! before the first request; nothing here sends.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;

use serde::Serialize;

use super::super::CampaignError;
use super::super::definition::{CampaignDefinition, RecipientKind};
use super::super::recipients::RecipientReader;
use crate::account::{AccountError, AccountStatus, DailyLimit, QualityRating};
use crate::client::MarketingClient;
use crate::message::Recipient;

/// Which route a campaign's messages take, as far as the account says before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Through Marketing Messages (the account is onboarded).
    MarketingMessages,
    /// Through the Cloud API: the account is not onboarded and the campaign's policy lets
    /// Meta fall back (`CLOUD_API_FALLBACK`, or no policy).
    CloudApi,
}

/// What the account check found: the account, the route the messages will take, and what a
/// sender should hear before the first request.
///
/// ```
/// use marketing::account::{AccountStatus, DailyLimit, NumberStatus, OnboardingStatus, PhoneNumberStatus};
/// use marketing::campaign::{CampaignDefinition, Route, assess_account};
///
/// let definition = CampaignDefinition::from_toml(r#"
///     name = "spring"
///     [message]
///     template = { name = "spring_sale", language = { code = "en_US" } }
/// "#, "spring.toml")?;
/// let account = AccountStatus {
///     waba_id: "102290129340398".into(),
///     name: None,
///     onboarding: Some(OnboardingStatus::Eligible),
///     insights_enabled: None,
///     numbers: vec![NumberStatus {
///         id: "106540352242922".into(),
///         display_phone_number: None,
///         verified_name: None,
///         status: Some(PhoneNumberStatus::Connected),
///         quality: None,
///         tier: None,
///         daily_limit: DailyLimit::Users(250),
///         throughput: None,
///         platform_type: None,
///     }],
/// };
/// // No product_policy: Meta falls back to the Cloud API, and the check says so.
/// let check = assess_account(account, &definition, "106540352242922", Some(1000)).unwrap();
/// assert_eq!(check.route, Route::CloudApi);
/// assert!(check.warnings[0].contains("Cloud API"));
/// assert!(check.warnings[1].contains("1000 unique recipients"));
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccountCheck {
    /// The account as read.
    pub account: AccountStatus,
    /// The route the messages will take.
    pub route: Route,
    /// The phone numbers the campaign sends from.
    pub senders: Vec<String>,
    /// Unique recipients in the list, when it was counted.
    pub unique_recipients: Option<u64>,
    /// What to tell the sender before the first request (the route, a list larger than the
    /// messaging limit, a number with a low quality rating), one sentence each.
    pub warnings: Vec<String>,
}

/// Why a campaign must not start: said before any request, with what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccountNotReady {
    /// The account could not be read.
    #[error("cannot read the account before sending: {0}")]
    Read(#[source] Box<AccountError>),
    /// The account is not onboarded to Marketing Messages and the campaign's policy is
    /// `STRICT`: every message would be refused.
    #[error(
        "account {waba_id} is not onboarded to Marketing Messages ({status}) and the campaign's product_policy is STRICT: every message would be refused, so nothing was sent. {fix}"
    )]
    NotOnboarded {
        /// The account.
        waba_id: String,
        /// Its onboarding status as Graph spells it.
        status: String,
        /// What to do about it.
        fix: &'static str,
    },
    /// A number the campaign sends from cannot send (only `CONNECTED` numbers do).
    #[error(
        "phone number {phone_number_id}{display} is {status}, not CONNECTED: it cannot send, so nothing was sent. See the number in WhatsApp Manager (a flagged or restricted number shows why there), or send from another number"
    )]
    NumberCannotSend {
        /// The phone number ID.
        phone_number_id: String,
        /// ` (+44 7700 900000)`, or empty.
        display: String,
        /// Its status as Graph spells it.
        status: String,
    },
    /// A number the campaign sends from is not one of the account's.
    #[error(
        "phone number {phone_number_id} is not one of account {waba_id}'s numbers ({known}): check the phone number ID and the account ID; nothing was sent"
    )]
    NumberNotInAccount {
        /// The phone number ID.
        phone_number_id: String,
        /// The account.
        waba_id: String,
        /// The account's numbers, or `it has none`.
        known: String,
    },
    /// The list could not be read to count its recipients.
    #[error("{0}")]
    List(#[source] CampaignError),
}

/// Reads the account of `client` (its WABA ID) and checks it against the campaign before the
/// first request: see [`assess_account`]. With `recipients`, the list's unique recipients
/// are counted (one pass, a hash per recipient in memory) for the messaging limit warning.
pub async fn check_account(
    client: &MarketingClient,
    definition: &CampaignDefinition,
    recipients: Option<&Path>,
) -> Result<AccountCheck, AccountNotReady> {
    let account = client
        .account_status()
        .await
        .map_err(|e| AccountNotReady::Read(Box::new(e)))?;
    let unique = match recipients {
        Some(path) => Some(unique_recipients(definition, path).map_err(AccountNotReady::List)?),
        None => None,
    };
    let checked = assess_account(account, definition, client.phone_number_id(), unique);
    match &checked {
        Ok(check) => tracing::info!(
            campaign = %definition.name,
            route = ?check.route,
            senders = check.senders.len(),
            unique_recipients = check.unique_recipients,
            warnings = check.warnings.len(),
            "account check passed"
        ),
        Err(refused) => tracing::info!(
            campaign = %definition.name,
            error = %refused,
            "account check: not ready to send"
        ),
    }
    checked
}

/// Checks an account against a campaign, without asking anything: an account that is not
/// onboarded stops a `STRICT` campaign and is a warning for a fallback one; a sending number
/// that is not `CONNECTED` (or not the account's) stops it; more `unique_recipients` than
/// the sending numbers' 24-hour messaging limit is a warning with both figures. With a pool
/// of senders the largest limit among them is used: since October 2025 Meta applies the
/// business portfolio's limit to every one of its numbers.
pub fn assess_account(
    account: AccountStatus,
    definition: &CampaignDefinition,
    default_phone_number_id: &str,
    unique_recipients: Option<u64>,
) -> Result<AccountCheck, AccountNotReady> {
    let policy = definition
        .message
        .get("product_policy")
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let mut warnings = Vec::new();
    let route = if account.is_onboarded() {
        Route::MarketingMessages
    } else {
        let fix = account.onboarding_fix().unwrap_or_default();
        if policy == "STRICT" {
            return Err(AccountNotReady::NotOnboarded {
                waba_id: account.waba_id.clone(),
                status: account.onboarding_label().to_string(),
                fix,
            });
        }
        let how = if policy.contains("{{") {
            format!(
                "product_policy comes from the list ({policy}): rows with STRICT will be refused, the others"
            )
        } else if policy.is_empty() {
            "with no product_policy (Meta's default is CLOUD_API_FALLBACK) its messages".to_string()
        } else {
            format!("with product_policy {policy} its messages")
        };
        warnings.push(format!(
            "account {} is not onboarded to Marketing Messages ({}): {how} will go through the Cloud API, at Cloud API marketing prices and without Marketing Messages' delivery optimisation. The report counts them by route (campaign report --events: pricing category marketing against marketing_lite). To send through Marketing Messages: {fix}",
            account.waba_id,
            account.onboarding_label()
        ));
        Route::CloudApi
    };
    let senders: Vec<String> = definition
        .sender_rates(default_phone_number_id)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut limits = Vec::new();
    for id in &senders {
        let Some(number) = account.number(id) else {
            let known: Vec<&str> = account.numbers.iter().map(|n| n.id.as_str()).collect();
            return Err(AccountNotReady::NumberNotInAccount {
                phone_number_id: id.clone(),
                waba_id: account.waba_id.clone(),
                known: if known.is_empty() {
                    "it has none".to_string()
                } else {
                    known.join(", ")
                },
            });
        };
        if number.status.is_none() {
            warnings.push(format!(
                "Graph did not report whether phone number {id} can send (no status): it is used as is"
            ));
        } else if !number.can_send() {
            return Err(AccountNotReady::NumberCannotSend {
                phone_number_id: id.clone(),
                display: number
                    .display_phone_number
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                status: number.status_label().to_string(),
            });
        }
        if matches!(number.quality, Some(QualityRating::Red)) {
            warnings.push(format!(
                "phone number {id} has a RED quality rating: recipients have been blocking or reporting its messages, and Meta may lower its messaging limit or flag it"
            ));
        }
        limits.push(number.daily_limit);
    }
    let limit = if limits.contains(&DailyLimit::Unlimited) {
        DailyLimit::Unlimited
    } else {
        limits
            .iter()
            .filter_map(|l| l.users())
            .max()
            .map_or(DailyLimit::NotReported, DailyLimit::Users)
    };
    if let (Some(unique), DailyLimit::Users(limit)) = (unique_recipients, limit)
        && unique > limit
    {
        let numbers = if senders.len() == 1 {
            format!("phone number {}", senders[0])
        } else {
            "the campaign's phone numbers".to_string()
        };
        warnings.push(format!(
            "the list has {unique} unique recipients, more than the {limit} unique users {numbers} may message in a rolling 24 hours (its messaging limit tier, shared with every other business-initiated message): past the limit Meta refuses or drops messages. Hold the run to the limit with --max-per-day {limit} and resume the next day, or wait for Meta to raise the tier"
        ));
    }
    Ok(AccountCheck {
        account,
        route,
        senders,
        unique_recipients,
        warnings,
    })
}

/// How many distinct recipients the list holds, matched as the run matches duplicates (phone
/// numbers normalised). Rows without a usable address are not counted. One pass; memory is a
/// 64-bit hash per distinct recipient.
pub(crate) fn unique_recipients(
    definition: &CampaignDefinition,
    path: &Path,
) -> Result<u64, CampaignError> {
    let mut reader = RecipientReader::open(path)?;
    let mut seen: HashSet<u64> = HashSet::new();
    while let Some(row) = reader.next_row()? {
        let Ok(row) = row else { continue };
        let Some(address) = row
            .get(&definition.recipient_column)
            .filter(|a| !a.is_empty())
        else {
            continue;
        };
        let recipient = match definition.recipient_kind {
            RecipientKind::Phone => match crate::phone::normalise_phone(address) {
                Ok(phone) => Recipient::Phone(phone),
                Err(_) => continue,
            },
            RecipientKind::Bsuid => Recipient::Bsuid(address.to_string()),
        };
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        recipient.canonical().hash(&mut hasher);
        seen.insert(hasher.finish());
    }
    Ok(seen.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{NumberStatus, OnboardingStatus, PhoneNumberStatus};

    fn number(id: &str, status: Option<PhoneNumberStatus>, limit: DailyLimit) -> NumberStatus {
        NumberStatus {
            id: id.into(),
            display_phone_number: None,
            verified_name: None,
            status,
            quality: None,
            tier: None,
            daily_limit: limit,
            throughput: None,
            platform_type: None,
        }
    }

    fn account(onboarding: OnboardingStatus, numbers: Vec<NumberStatus>) -> AccountStatus {
        AccountStatus {
            waba_id: "1".into(),
            name: None,
            onboarding: Some(onboarding),
            insights_enabled: None,
            numbers,
        }
    }

    fn campaign(policy: &str, senders: &[&str]) -> CampaignDefinition {
        let mut text = String::from("name = \"c\"\n");
        for id in senders {
            text.push_str(&format!("[[senders]]\nphone_number_id = \"{id}\"\n"));
        }
        text.push_str("[message]\n");
        if !policy.is_empty() {
            text.push_str(&format!("product_policy = \"{policy}\"\n"));
        }
        text.push_str("template = { name = \"t\", language = { code = \"en\" } }\n");
        CampaignDefinition::from_toml(&text, "c.toml").unwrap()
    }

    const OK: Option<PhoneNumberStatus> = Some(PhoneNumberStatus::Connected);

    #[test]
    fn a_pool_is_held_to_the_largest_limit_among_its_numbers() {
        let numbers = vec![
            number("10", OK, DailyLimit::Users(250)),
            number("11", OK, DailyLimit::Users(1000)),
        ];
        let pool = campaign("STRICT", &["10", "11"]);
        let within = assess_account(
            account(OnboardingStatus::Onboarded, numbers.clone()),
            &pool,
            "",
            Some(900),
        )
        .unwrap();
        assert!(within.warnings.is_empty(), "{:?}", within.warnings);
        assert_eq!(within.senders, ["10", "11"]);
        let past = assess_account(
            account(OnboardingStatus::Onboarded, numbers),
            &pool,
            "",
            Some(1001),
        )
        .unwrap();
        assert!(past.warnings[0].contains("the 1000 unique users the campaign's phone numbers"));
    }

    #[test]
    fn an_unlimited_or_unreported_tier_gives_no_limit_warning() {
        for limit in [DailyLimit::Unlimited, DailyLimit::NotReported] {
            let check = assess_account(
                account(OnboardingStatus::Onboarded, vec![number("10", OK, limit)]),
                &campaign("", &[]),
                "10",
                Some(1_000_000),
            )
            .unwrap();
            assert!(check.warnings.is_empty(), "{limit:?}: {:?}", check.warnings);
        }
    }

    #[test]
    fn the_route_warning_says_where_the_policy_comes_from() {
        let numbers = || vec![number("10", OK, DailyLimit::Unlimited)];
        let cases = [
            ("", "with no product_policy"),
            (
                "CLOUD_API_FALLBACK",
                "with product_policy CLOUD_API_FALLBACK",
            ),
            (
                "{{policy}}",
                "comes from the list ({{policy}}): rows with STRICT will be refused",
            ),
        ];
        for (policy, said) in cases {
            let check = assess_account(
                account(OnboardingStatus::Ineligible, numbers()),
                &campaign(policy, &[]),
                "10",
                None,
            )
            .unwrap();
            assert_eq!(check.route, Route::CloudApi);
            assert!(
                check.warnings[0].contains(said),
                "{policy}: {}",
                check.warnings[0]
            );
        }
    }

    #[test]
    fn a_number_without_a_status_or_with_a_red_rating_is_warned_about() {
        let mut red = number("11", OK, DailyLimit::Unlimited);
        red.quality = Some(QualityRating::Red);
        let check = assess_account(
            account(
                OnboardingStatus::Onboarded,
                vec![number("10", None, DailyLimit::Unlimited), red],
            ),
            &campaign("STRICT", &["10", "11"]),
            "",
            None,
        )
        .unwrap();
        assert_eq!(check.warnings.len(), 2, "{:?}", check.warnings);
        assert!(check.warnings[0].contains("did not report whether phone number 10"));
        assert!(check.warnings[1].contains("phone number 11 has a RED quality rating"));
    }

    #[test]
    fn the_second_number_of_a_pool_that_cannot_send_stops_the_campaign() {
        let error = assess_account(
            account(
                OnboardingStatus::Onboarded,
                vec![
                    number("10", OK, DailyLimit::Unlimited),
                    number(
                        "11",
                        Some(PhoneNumberStatus::Restricted),
                        DailyLimit::Unlimited,
                    ),
                ],
            ),
            &campaign("STRICT", &["10", "11"]),
            "",
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&error, AccountNotReady::NumberCannotSend { phone_number_id, status, .. }
                if phone_number_id == "11" && status == "RESTRICTED"),
            "{error:?}"
        );
    }
}
