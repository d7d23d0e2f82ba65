//! The account around the send: whether a WhatsApp Business Account may use Marketing
//! Messages, and what each of its phone numbers may send.
//!
//! [`MarketingClient::account_status`] reads the account's onboarding status and insights
//! switch (`get_business_account`) and every one of its numbers (`list_phone_numbers`, every
//! page) through the generated operations, and gives them back as an [`AccountStatus`]: for
//! an account that is not onboarded, what to do about it in plain words; for each number,
//! whether it can send, its quality rating, its messaging limit as a number of unique users
//! per rolling 24 hours, and its throughput level.
//!
//! ```
//! use marketing::{AccessToken, MarketingClient};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let account = r#"{"id": "102290129340398", "name": "Acme",
//! #   "marketing_messages_onboarding_status": "ELIGIBLE", "is_enabled_for_insights": true}"#;
//! # let numbers = r#"{"data": [{"id": "106540352242922", "display_phone_number": "+44 7700 900000",
//! #   "status": "CONNECTED", "quality_rating": "GREEN", "messaging_limit_tier": "TIER_1K",
//! #   "throughput": {"level": "STANDARD"}}]}"#;
//! # let server = wamm_testkit::ScriptedServer::start(vec![
//! #     wamm_testkit::Reply::json(200, account), wamm_testkit::Reply::json(200, numbers)]).await;
//! let client = MarketingClient::for_account("102290129340398", AccessToken::new("EAAG..."))
//! #   .base_url(server.base_url())
//!     .build()?;
//! let account = client.account_status().await?;
//! if let Some(fix) = account.onboarding_fix() {
//!     println!("not onboarded ({}): {fix}", account.onboarding_label());
//! }
//! for number in &account.numbers {
//!     println!("{} can send: {}, limit {}", number.id, number.can_send(), number.daily_limit);
//! }
//! assert!(!account.is_onboarded());
//! assert_eq!(account.numbers[0].daily_limit.users(), Some(1000));
//! # Ok(())
//! # }
//! ```

use std::fmt;

use serde::Serialize;
use wamm_client::types::{BusinessAccount, PhoneNumber, PhoneNumberList};
/// The values Graph reports, open enums that keep what this version does not know.
pub use wamm_client::{MessagingLimitTier, OnboardingStatus, PhoneNumberStatus, QualityRating};

use crate::client::MarketingClient;
use crate::error::{GraphError, TemplatesError};
use crate::{ErrorClass, SendError};

/// The account fields read (`get_business_account`).
pub const ACCOUNT_FIELDS: &str =
    "id,name,marketing_messages_onboarding_status,is_enabled_for_insights";

/// The phone number fields read (`list_phone_numbers`).
pub const NUMBER_FIELDS: &str = "id,display_phone_number,verified_name,status,quality_rating,messaging_limit_tier,throughput,platform_type";

/// Numbers asked for per page.
const NUMBERS_PER_PAGE: u64 = 100;

/// A WhatsApp Business Account as a sender needs to know it before a campaign.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccountStatus {
    /// The account's ID.
    pub waba_id: String,
    /// Its name, when Graph gave it.
    pub name: Option<String>,
    /// Its Marketing Messages onboarding status; `None` when Graph did not report one.
    pub onboarding: Option<OnboardingStatus>,
    /// Whether template insights are on; `None` when Graph did not say.
    pub insights_enabled: Option<bool>,
    /// Every business phone number of the account, in Graph's order.
    pub numbers: Vec<NumberStatus>,
}

impl AccountStatus {
    /// Whether the account sends through Marketing Messages (`ONBOARDED`).
    pub fn is_onboarded(&self) -> bool {
        matches!(self.onboarding, Some(OnboardingStatus::Onboarded))
    }

    /// The onboarding status as Graph spells it, or `not reported`.
    pub fn onboarding_label(&self) -> &str {
        self.onboarding
            .as_ref()
            .map_or("not reported", OnboardingStatus::as_str)
    }

    /// What to do for an account that is not onboarded; `None` when it is.
    pub fn onboarding_fix(&self) -> Option<&'static str> {
        match &self.onboarding {
            Some(status) => onboarding_fix(status),
            None => Some(NOT_REPORTED_FIX),
        }
    }

    /// The account's number with this ID, if it has it.
    pub fn number(&self, phone_number_id: &str) -> Option<&NumberStatus> {
        self.numbers.iter().find(|n| n.id == phone_number_id)
    }

    /// Whether at least one of the account's numbers can send.
    pub fn any_number_can_send(&self) -> bool {
        self.numbers.iter().any(NumberStatus::can_send)
    }
}

const NOT_REPORTED_FIX: &str = "Graph did not report a Marketing Messages onboarding status for this account: the token may lack whatsapp_business_management, or the account has never been offered Marketing Messages; see the account's Marketing Messages page in WhatsApp Manager.";

/// What to do about an onboarding status, in plain words; `None` for `ONBOARDED`.
///
/// ```
/// use marketing::account::onboarding_fix;
/// use marketing::account::OnboardingStatus;
///
/// assert_eq!(onboarding_fix(&OnboardingStatus::Onboarded), None);
/// assert!(onboarding_fix(&OnboardingStatus::Eligible).unwrap().contains("terms"));
/// let new = OnboardingStatus::Unknown("PENDING_SOMETHING_NEW".into());
/// assert!(onboarding_fix(&new).unwrap().contains("does not know"));
/// ```
pub fn onboarding_fix(status: &OnboardingStatus) -> Option<&'static str> {
    use OnboardingStatus as S;
    Some(match status {
        S::Onboarded => return None,
        S::Eligible => {
            "The account may use Marketing Messages, but nobody has accepted its terms yet: a person with full control of the business accepts them (the Marketing Messages setup in the app dashboard, or WhatsApp Manager). Onboarding then completes on its own."
        }
        S::PendingValidPaymentMethod => {
            "The terms are accepted, but the account has no valid payment method: add one in the business's billing settings (WhatsApp Manager, payment methods), then check again."
        }
        S::PendingInternalSetup => {
            "The terms are accepted and Meta is still setting the account up, which usually takes minutes to hours: check again later."
        }
        S::Ineligible => {
            "Meta says this account cannot use Marketing Messages. Until that changes, messages can go only through the Cloud API (a campaign with product_policy CLOUD_API_FALLBACK)."
        }
        S::IneligibleBusinessRejected => {
            "Meta rejected the business for Marketing Messages: see the business's standing in Business Manager and ask Meta support why. Meanwhile only the Cloud API route is open (CLOUD_API_FALLBACK)."
        }
        S::IneligibleWabaCountry => {
            "Marketing Messages does not serve the account's country yet: send through the Cloud API (CLOUD_API_FALLBACK)."
        }
        S::IneligibleWabaRestricted => {
            "The account is restricted by a policy enforcement: see Account quality in WhatsApp Manager, where the restriction can be appealed."
        }
        S::IneligibleNoPhoneNumbers => {
            "The account has no business phone number: add and register one, then check again."
        }
        S::IneligibleOnPremises => {
            "The account's numbers use the On-Premises API, which Marketing Messages does not serve: move them to the Cloud API."
        }
        S::IneligibleBusinessNotVerified => {
            "The business is not verified: verify it in Business Manager (Security Center), then check again."
        }
        _ => {
            "Meta reports a status this version of wamm does not know: see the account's Marketing Messages page in WhatsApp Manager."
        }
    })
}

/// One business phone number, as a sender needs to know it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberStatus {
    /// The phone number ID (what a send names in its path).
    pub id: String,
    /// The number as people see it, such as `+44 7700 900000`.
    pub display_phone_number: Option<String>,
    /// The business name shown with it.
    pub verified_name: Option<String>,
    /// Whether it can send: only `CONNECTED` does. `None` when Graph did not say.
    pub status: Option<PhoneNumberStatus>,
    /// Its quality rating (`GREEN`, `YELLOW`, `RED`, `NA`).
    pub quality: Option<QualityRating>,
    /// Its messaging limit tier as Graph names it.
    pub tier: Option<MessagingLimitTier>,
    /// The tier as a number of unique users per rolling 24 hours.
    pub daily_limit: DailyLimit,
    /// Its throughput level (`STANDARD`: 80 messages a second; `HIGH`: up to 1,000).
    pub throughput: Option<String>,
    /// `CLOUD_API`, `ON_PREMISE` or `NOT_APPLICABLE`.
    pub platform_type: Option<String>,
}

impl NumberStatus {
    /// Whether the number can send (`CONNECTED`).
    pub fn can_send(&self) -> bool {
        matches!(self.status, Some(PhoneNumberStatus::Connected))
    }

    /// The status as Graph spells it, or `not reported`.
    pub fn status_label(&self) -> &str {
        self.status
            .as_ref()
            .map_or("not reported", PhoneNumberStatus::as_str)
    }

    fn from_wire(number: PhoneNumber) -> Self {
        Self {
            daily_limit: number
                .messaging_limit_tier
                .as_ref()
                .map_or(DailyLimit::NotReported, DailyLimit::of_tier),
            id: number.id,
            display_phone_number: number.display_phone_number,
            verified_name: number.verified_name,
            status: number.status,
            quality: number.quality_rating,
            tier: number.messaging_limit_tier,
            throughput: number.throughput.and_then(|t| t.level),
            platform_type: number.platform_type,
        }
    }
}

/// How many unique users a number may message (business-initiated) in a rolling 24 hours.
///
/// ```
/// use marketing::account::DailyLimit;
/// use marketing::account::MessagingLimitTier;
///
/// assert_eq!(DailyLimit::of_tier(&MessagingLimitTier::Tier1k), DailyLimit::Users(1000));
/// assert_eq!(DailyLimit::of_tier(&MessagingLimitTier::TierUnlimited), DailyLimit::Unlimited);
/// // A tier Meta adds later is read from its name when it has the usual form.
/// let new = MessagingLimitTier::Unknown("TIER_5K".into());
/// assert_eq!(DailyLimit::of_tier(&new).users(), Some(5000));
/// assert_eq!(DailyLimit::Unlimited.users(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DailyLimit {
    /// At most this many unique users.
    Users(u64),
    /// No limit.
    Unlimited,
    /// Graph did not report a tier, or one whose figure cannot be read from its name.
    NotReported,
}

impl DailyLimit {
    /// The limit of a tier.
    pub fn of_tier(tier: &MessagingLimitTier) -> Self {
        use MessagingLimitTier as T;
        match tier {
            T::Tier50 => Self::Users(50),
            T::Tier250 => Self::Users(250),
            T::Tier1k => Self::Users(1_000),
            T::Tier2k => Self::Users(2_000),
            T::Tier10k => Self::Users(10_000),
            T::Tier100k => Self::Users(100_000),
            T::TierUnlimited => Self::Unlimited,
            other => parse_tier(other.as_str()).map_or(Self::NotReported, Self::Users),
        }
    }

    /// The number of unique users; `None` when unlimited or not reported.
    pub fn users(self) -> Option<u64> {
        match self {
            Self::Users(n) => Some(n),
            Self::Unlimited | Self::NotReported => None,
        }
    }
}

impl fmt::Display for DailyLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Users(n) => write!(f, "{n} users / 24 h"),
            Self::Unlimited => f.write_str("unlimited"),
            Self::NotReported => f.write_str("not reported"),
        }
    }
}

impl Serialize for DailyLimit {
    /// A number of users, `"unlimited"`, or `null` when not reported.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Users(n) => serializer.serialize_u64(*n),
            Self::Unlimited => serializer.serialize_str("unlimited"),
            Self::NotReported => serializer.serialize_none(),
        }
    }
}

/// `TIER_<n>`, `TIER_<n>K` or `TIER_<n>M` as a number of users.
fn parse_tier(name: &str) -> Option<u64> {
    let figure = name.strip_prefix("TIER_")?;
    let (digits, scale) = match figure.as_bytes().last()? {
        b'K' => (&figure[..figure.len() - 1], 1_000),
        b'M' => (&figure[..figure.len() - 1], 1_000_000),
        _ => (figure, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

/// Why an account could not be read ([`MarketingClient::account_status`]). Reading creates
/// nothing, so no failure here leaves anything half done.
///
/// ```
/// use marketing::account::AccountError;
/// use marketing::{ErrorClass, GraphError};
///
/// let body = r#"{"error":{"message":"(#100) Unsupported get request. Object with ID '1' does not exist",
///     "code":100,"error_subcode":33}}"#;
/// let error = AccountError::from_graph("1", GraphError::from_body(400, body.as_bytes(), None).unwrap());
/// assert!(matches!(error, AccountError::UnknownAccount { .. }));
/// assert!(error.to_string().starts_with("no WhatsApp Business Account 1"));
/// assert_eq!(error.code(), Some(100));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccountError {
    /// The client has no WhatsApp Business Account ID.
    #[error(
        "no WhatsApp Business Account ID: the account is read by its ID; give the client one (MarketingClientBuilder::waba_id)"
    )]
    NoWabaId,
    /// Graph does not know the account, or this token may not read it (code 100, subcode 33).
    #[error(
        "no WhatsApp Business Account {waba_id} that this token can read (Graph code 100, subcode 33): check the account ID, and that the token has whatsapp_business_management on it"
    )]
    UnknownAccount {
        /// The ID asked for.
        waba_id: String,
        /// Graph's answer.
        #[source]
        source: GraphError,
    },
    /// Any other failure to read, classified as a template listing's is.
    #[error("{0}")]
    Read(#[source] TemplatesError),
}

impl AccountError {
    /// The error for Graph's answer about the account `waba_id`.
    pub fn from_graph(waba_id: &str, error: GraphError) -> Self {
        if error.code() == wamm_client::codes::INVALID_PARAMETER
            && *error.rule() == crate::UNKNOWN_OBJECT
        {
            Self::UnknownAccount {
                waba_id: waba_id.to_string(),
                source: error,
            }
        } else {
            Self::Read(TemplatesError::Api(error))
        }
    }

    fn from_send(waba_id: &str, error: SendError) -> Self {
        match error {
            SendError::Api(graph) => Self::from_graph(waba_id, graph),
            other => Self::Read(other.into()),
        }
    }

    /// The Graph error, when Meta answered with one.
    pub fn graph(&self) -> Option<&GraphError> {
        match self {
            Self::UnknownAccount { source, .. } => Some(source),
            Self::Read(error) => error.graph(),
            Self::NoWabaId => None,
        }
    }

    /// The Graph error code, when Meta answered with one.
    pub fn code(&self) -> Option<i64> {
        self.graph().map(GraphError::code)
    }

    /// The error class, when Meta answered with a Graph error.
    pub fn class(&self) -> Option<ErrorClass> {
        self.graph().map(GraphError::class)
    }

    /// Whether asking again later may succeed without changing anything.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Read(error) => error.is_retryable(),
            Self::NoWabaId | Self::UnknownAccount { .. } => false,
        }
    }
}

impl MarketingClient {
    /// Reads the account (its onboarding status and insights switch) and every one of its
    /// phone numbers, through the generated operations. Needs the client's WABA ID
    /// ([`MarketingClientBuilder::waba_id`](crate::MarketingClientBuilder::waba_id), or
    /// [`MarketingClient::for_account`]); the token needs `whatsapp_business_management`.
    ///
    /// See the [module documentation](crate::account) for an example.
    pub async fn account_status(&self) -> Result<AccountStatus, AccountError> {
        let waba_id = self.waba().ok_or(AccountError::NoWabaId)?.as_str();
        let version = self.list_version().as_str();
        let account: BusinessAccount = match self
            .generated()
            .get_business_account()
            .version(version)
            .object_id(waba_id)
            .fields(ACCOUNT_FIELDS)
            .send()
            .await
        {
            Ok(response) => response.into_inner(),
            Err(error) => return Err(AccountError::from_send(waba_id, self.failure(error).await)),
        };
        let mut numbers = Vec::new();
        let mut after: Option<String> = None;
        let mut pages = 0u32;
        loop {
            let mut request = self
                .generated()
                .list_phone_numbers()
                .version(version)
                .waba_id(waba_id)
                .fields(NUMBER_FIELDS)
                .limit(NUMBERS_PER_PAGE);
            if let Some(cursor) = &after {
                request = request.after(cursor.clone());
            }
            let page: PhoneNumberList = match request.send().await {
                Ok(response) => response.into_inner(),
                Err(error) => {
                    return Err(AccountError::from_send(waba_id, self.failure(error).await));
                }
            };
            pages += 1;
            numbers.extend(page.data.into_iter().map(NumberStatus::from_wire));
            let paging = page.paging.unwrap_or_default();
            let cursor = paging.cursors.and_then(|c| c.after);
            match (paging.next.is_some(), cursor) {
                (false, _) => break,
                (true, Some(cursor)) if after.as_deref() != Some(cursor.as_str()) => {
                    after = Some(cursor);
                }
                (true, cursor) => {
                    return Err(AccountError::Read(TemplatesError::UnexpectedResponse {
                        status: 200,
                        detail: format!(
                            "page {pages} of the phone numbers has paging.next but {}: the next page cannot be asked for",
                            match cursor {
                                Some(c) => format!("gives the cursor it was asked with ({c:?})"),
                                None => "no paging.cursors.after".to_string(),
                            }
                        ),
                    }));
                }
            }
        }
        Ok(AccountStatus {
            waba_id: account.id,
            name: account.name,
            onboarding: account.marketing_messages_onboarding_status,
            insights_enabled: account.is_enabled_for_insights,
            numbers,
        })
    }
}
