//! What a Graph error code means for a sender: one table, [`RULES`], that every decision asks.
//!
//! Classification is by `error.code`, never by HTTP status: Meta reports throughput errors as
//! HTTP 400, next to plain bad requests, and 134102 (a definite refusal) as HTTP 500. Each row
//! answers the three questions a sender has: may the same message be sent again automatically,
//! may it have been created despite the error, and does the error concern the whole run (every
//! further send would fail the same way), so a campaign must stop. The rows follow
//! `shared/reference/mm-lite-api.md`; codes not in the table are treated as unknown failures
//! at Meta, which may have created the message.

use std::fmt;
use std::time::Duration;

use wamm_client::codes;

/// A group of Graph error codes a sender treats alike: the class decides the advice and the
/// exit code; the [`CodeRule`] of each code decides retries and halting.
///
/// ```
/// use marketing::ErrorClass;
///
/// assert_eq!(ErrorClass::of(130429), ErrorClass::Throttled);
/// assert_eq!(ErrorClass::of(131050), ErrorClass::RecipientOptedOut);
/// assert_eq!(ErrorClass::of(999_999), ErrorClass::Server);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// App, account or phone-number throughput exceeded. Nothing was created; slow down and
    /// retry.
    Throttled,
    /// Too many messages to this one user. Retry this recipient later; others are fine.
    PairThrottled,
    /// The template is still syncing to its ad account. Retry in about 10 minutes.
    TemplateSyncing,
    /// Something in this request is wrong (a parameter, a count, a length). Not sent; fix it.
    InvalidRequest,
    /// The template cannot be used: missing in that language, paused, disabled or unavailable.
    TemplateUnusable,
    /// The message cannot go through this endpoint as built (wrong template category,
    /// `bid_spec` to a BSUID, marketing disabled on the Cloud API).
    Routing,
    /// The user opted out of marketing messages. Never send to them again.
    RecipientOptedOut,
    /// Undeliverable to this user now (not on WhatsApp, an old app). Not sent; some causes pass.
    RecipientUndeliverable,
    /// Refused for this recipient (outside a window, in an experiment, the sender itself).
    RecipientRefused,
    /// Meta chose not to deliver (per-user marketing limit). Do not retry within 24 h.
    RecipientCooldown,
    /// Spam rate limit. Never retry automatically; stop and review.
    Spam,
    /// The access token is missing, invalid or expired.
    Auth,
    /// Permission denied, not onboarded, policy block, country restriction, locked account.
    Permission,
    /// The business account or phone number cannot send now: payment, registration,
    /// maintenance, a messaging limit reached.
    Account,
    /// An unknown or temporary failure at Meta, and every code not in the table. The message
    /// may have been created.
    Server,
}

/// What one Graph error code means for a sender: a row of [`RULES`].
///
/// ```
/// let rule = marketing::rule(131042);
/// assert!(rule.stops_run && !rule.may_have_been_sent && !rule.retry);
/// assert_eq!(rule.meaning, "payment problem on the business account");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRule {
    /// The first code the row covers.
    pub first: i64,
    /// The last code the row covers (the same as `first` for one code).
    pub last: i64,
    /// The class of the code.
    pub class: ErrorClass,
    /// Meta said nothing was created: the same message may be sent again automatically.
    pub retry: bool,
    /// The message may have been created despite the error (never together with `retry`).
    pub may_have_been_sent: bool,
    /// The error concerns the whole run, not the recipient: a campaign stops, and the row that
    /// met it stays pending for `resume`.
    pub stops_run: bool,
    /// The error concerns the phone number that sent, not the rest of the business (its
    /// registration, onboarding, spam limit, a permission on it): a campaign sending from
    /// several numbers stops only that one. Only for rows that stop the run.
    pub concerns_number: bool,
    /// A definite answer even when it arrives with an HTTP 5xx status (Meta sends 134102
    /// as HTTP 500). Otherwise a 5xx leaves the outcome open whatever the code says.
    pub definite_at_5xx: bool,
    /// Only for rows that stop the run: the row that met the error is recorded `failed`, a
    /// final and explained outcome, instead of going back to pending. For an error that
    /// refuses this message for a reason no later run undoes by itself (131064: Meta lowered
    /// the messaging limit); the rows not yet sent stay pending.
    pub fails_row: bool,
    /// What the code means, in a few words.
    pub meaning: &'static str,
    /// What to do about this code, when it says more than its class's
    /// [`advice`](ErrorClass::advice); empty otherwise. Read it through
    /// [`CodeRule::advice`].
    pub remedy: &'static str,
}

impl CodeRule {
    /// Whether the row covers `code`.
    pub fn covers(&self, code: i64) -> bool {
        (self.first..=self.last).contains(&code)
    }

    /// What to do, in a sentence for people: the row's own remedy, or its class's advice.
    ///
    /// ```
    /// let rule = marketing::rule(131064);
    /// assert!(rule.advice().contains("template"));
    /// assert_eq!(marketing::rule(190).advice(), marketing::ErrorClass::Auth.advice());
    /// ```
    pub fn advice(&self) -> &'static str {
        if self.remedy.is_empty() {
            self.class.advice()
        } else {
            self.remedy
        }
    }

    /// The explanation a row refused with this code keeps: what Graph said, what the code
    /// means, and what to do.
    ///
    /// ```
    /// let rule = marketing::rule(131064);
    /// let why = rule.explain("Graph error 131064 (HTTP 400): (#131064) limit reached");
    /// assert!(why.starts_with("Graph error 131064"));
    /// assert!(why.contains(rule.meaning) && why.contains(rule.advice()));
    /// ```
    pub fn explain(&self, error: &str) -> String {
        if self.meaning.is_empty() {
            format!("{error}: {}", self.advice())
        } else {
            format!("{error}: {}. {}", self.meaning, self.advice())
        }
    }
}

/// A row whose error concerns the sending phone number (see [`CodeRule::concerns_number`]).
const fn of_number(rule: CodeRule) -> CodeRule {
    CodeRule {
        concerns_number: true,
        ..rule
    }
}

const fn row(
    first: i64,
    last: i64,
    class: ErrorClass,
    flags: (bool, bool, bool),
    meaning: &'static str,
) -> CodeRule {
    CodeRule {
        first,
        last,
        class,
        retry: flags.0,
        may_have_been_sent: flags.1,
        stops_run: flags.2,
        concerns_number: false,
        definite_at_5xx: false,
        fails_row: false,
        meaning,
        remedy: "",
    }
}

/// A row for a single code.
const fn one(
    code: i64,
    class: ErrorClass,
    flags: (bool, bool, bool),
    meaning: &'static str,
) -> CodeRule {
    row(code, code, class, flags, meaning)
}

// (retry, may have been sent, stops the run)
const RETRY: (bool, bool, bool) = (true, false, false);
const REFUSED: (bool, bool, bool) = (false, false, false);
const HALT: (bool, bool, bool) = (false, false, true);
const OPEN: (bool, bool, bool) = (false, true, false);

use ErrorClass as C;

/// Every Graph error code a sender of marketing messages may meet, with what to do about it.
/// The campaign runner, [`SendError`](crate::SendError) and the `wamm` exit codes all read
/// this table and nothing else.
pub const RULES: &[CodeRule] = &[
    one(codes::AUTH_FAILED, C::Auth, HALT, "authentication failed"),
    one(
        codes::UNKNOWN_API_ERROR,
        C::Server,
        OPEN,
        "unknown API error",
    ),
    one(
        codes::API_SERVICE,
        C::Server,
        OPEN,
        "API service temporarily unavailable",
    ),
    one(
        codes::APP_CAPABILITY,
        C::Permission,
        HALT,
        "the app lacks the capability for this call",
    ),
    one(
        codes::APP_RATE_LIMIT,
        C::Throttled,
        RETRY,
        "app rate limit reached",
    ),
    of_number(one(
        codes::PERMISSION_DENIED,
        C::Permission,
        HALT,
        "permission denied",
    )),
    one(
        codes::INVALID_PARAMETER,
        C::InvalidRequest,
        REFUSED,
        "invalid parameter (or an object ID that does not exist, such as the phone number ID)",
    ),
    one(
        codes::ACCESS_TOKEN_MISSING,
        C::Auth,
        HALT,
        "no access token was sent",
    ),
    one(
        codes::ACCESS_TOKEN_INVALID,
        C::Auth,
        HALT,
        "access token invalid or expired",
    ),
    of_number(row(
        *codes::API_PERMISSION.start(),
        *codes::API_PERMISSION.end(),
        C::Permission,
        HALT,
        "API permission missing",
    )),
    one(
        codes::POLICY_BLOCK,
        C::Permission,
        HALT,
        "temporarily blocked for policy violations",
    ),
    one(
        codes::WABA_RATE_LIMIT,
        C::Throttled,
        RETRY,
        "WhatsApp Business Account rate limit reached",
    ),
    one(
        codes::THROUGHPUT_LIMIT,
        C::Throttled,
        RETRY,
        "phone number throughput exceeded",
    ),
    one(
        codes::RECIPIENT_IN_EXPERIMENT,
        C::RecipientRefused,
        REFUSED,
        "recipient is part of an experiment",
    ),
    one(
        codes::COUNTRY_RESTRICTED,
        C::Permission,
        HALT,
        "business account restricted from messaging users in this country",
    ),
    one(
        codes::SOMETHING_WENT_WRONG,
        C::Server,
        OPEN,
        "something went wrong at Meta",
    ),
    one(codes::ACCESS_DENIED, C::Permission, HALT, "access denied"),
    one(
        codes::PARAMETER_MISSING,
        C::InvalidRequest,
        REFUSED,
        "required parameter missing",
    ),
    one(
        codes::PARAMETER_VALUE_INVALID,
        C::InvalidRequest,
        REFUSED,
        "parameter value not valid",
    ),
    one(
        codes::SERVICE_UNAVAILABLE,
        C::Server,
        OPEN,
        "service temporarily unavailable",
    ),
    one(
        codes::RECIPIENT_IS_SENDER,
        C::RecipientRefused,
        REFUSED,
        "recipient is the sender's own number",
    ),
    one(
        codes::UNDELIVERABLE,
        C::RecipientUndeliverable,
        REFUSED,
        "message undeliverable to this user",
    ),
    one(
        codes::ACCOUNT_LOCKED,
        C::Permission,
        HALT,
        "business account locked",
    ),
    one(
        codes::PAYMENT_PROBLEM,
        C::Account,
        HALT,
        "payment problem on the business account",
    ),
    one(
        codes::REENGAGEMENT_WINDOW,
        C::RecipientRefused,
        REFUSED,
        "re-engagement window closed for this user",
    ),
    of_number(one(
        codes::SPAM_RATE_LIMIT,
        C::Spam,
        HALT,
        "spam rate limit hit",
    )),
    one(
        codes::HEALTHY_ECOSYSTEM,
        C::RecipientCooldown,
        REFUSED,
        "Meta chose not to deliver, to keep engagement healthy",
    ),
    one(
        codes::MARKETING_OPT_OUT,
        C::RecipientOptedOut,
        REFUSED,
        "user opted out of marketing messages",
    ),
    one(
        codes::MARKETING_TEMPLATES_ONLY,
        C::Routing,
        HALT,
        "only marketing templates allowed on this endpoint",
    ),
    one(
        codes::PAIR_RATE_LIMIT,
        C::PairThrottled,
        RETRY,
        "too many messages to the same user (pair rate limit)",
    ),
    one(
        codes::MAINTENANCE_MODE,
        C::Account,
        HALT,
        "business account in maintenance mode",
    ),
    one(
        codes::MAX_PRICE_ON_MESSAGES,
        C::Routing,
        HALT,
        "maximum-price template sent through /messages",
    ),
    one(
        codes::BID_SPEC_WITH_BSUID,
        C::Routing,
        HALT,
        "bid_spec cannot go to a BSUID recipient",
    ),
    one(
        codes::MARKETING_DISABLED,
        C::Routing,
        HALT,
        "marketing messages disabled on Cloud API",
    ),
    CodeRule {
        fails_row: true,
        remedy: "Meta lowered the business's messaging limit because templates were found in \
                 the wrong category (marketing content in a utility or authentication template), \
                 and the limit is now reached; this message was not sent. Review the templates' \
                 categories in WhatsApp Manager and wait for the limit to be restored before \
                 sending the rest; the rows not yet sent stay pending.",
        ..one(
            codes::MESSAGING_LIMIT_AFTER_VIOLATIONS,
            C::Account,
            HALT,
            "messaging limit reached after template classification violations",
        )
    },
    one(
        codes::PARAMETER_COUNT,
        C::InvalidRequest,
        REFUSED,
        "template parameter count mismatch",
    ),
    one(
        codes::TEMPLATE_NOT_FOUND,
        C::TemplateUnusable,
        HALT,
        "template does not exist in this language or is not approved",
    ),
    one(
        codes::TEXT_TOO_LONG,
        C::InvalidRequest,
        REFUSED,
        "template text too long after substitution",
    ),
    one(
        codes::FORMAT_POLICY,
        C::InvalidRequest,
        REFUSED,
        "template format or character policy violated",
    ),
    one(
        codes::PARAMETER_FORMAT,
        C::InvalidRequest,
        REFUSED,
        "template parameter format mismatch",
    ),
    one(
        codes::TEMPLATE_PAUSED,
        C::TemplateUnusable,
        HALT,
        "template paused for low quality",
    ),
    one(
        codes::TEMPLATE_DISABLED,
        C::TemplateUnusable,
        HALT,
        "template disabled",
    ),
    one(
        codes::PARAMETER_VALIDATION,
        C::InvalidRequest,
        REFUSED,
        "template parameter validation failed",
    ),
    one(
        codes::SERVER_UNAVAILABLE,
        C::Server,
        OPEN,
        "server temporarily unavailable",
    ),
    of_number(one(
        codes::NUMBER_NOT_REGISTERED,
        C::Account,
        HALT,
        "business phone number not registered",
    )),
    one(
        codes::NOT_MARKETING_TEMPLATE,
        C::Routing,
        HALT,
        "only marketing templates allowed",
    ),
    one(
        codes::TEMPLATE_SYNCING,
        C::TemplateSyncing,
        RETRY,
        "template still syncing to its ad account",
    ),
    CodeRule {
        definite_at_5xx: true,
        ..one(
            codes::TEMPLATE_UNAVAILABLE,
            C::TemplateUnusable,
            HALT,
            "template unavailable or business not eligible",
        )
    },
];

/// Code 100 when it names the object in the path, not the request: "Unsupported post
/// request. Object with ID '...' does not exist, cannot be loaded due to missing permissions,
/// or does not support this operation" (subcode 33). The phone number ID is unknown or this
/// token may not use it, so every send from that number fails the same way: it stops the
/// number (and, with no other number to send from, the run), and no row is failed for it.
///
/// ```
/// let rule = marketing::rule_for(100, Some(33), &["Unsupported post request"]);
/// assert!(rule.stops_run && rule.concerns_number);
/// // Any other 100 is about the request itself: that row alone is refused.
/// assert!(!marketing::rule_for(100, None, &["Invalid parameter"]).stops_run);
/// ```
pub const UNKNOWN_OBJECT: CodeRule = of_number(one(
    codes::INVALID_PARAMETER,
    C::Permission,
    HALT,
    "the phone number ID (the object in the path) does not exist, or this token may not use it",
));

/// The `error_subcode` Graph gives a code 100 about an object that does not exist or cannot
/// be loaded ([`UNKNOWN_OBJECT`]).
pub const UNKNOWN_OBJECT_SUBCODE: i64 = codes::subcode::UNKNOWN_OBJECT;

/// Code 131009 ("Parameter value is not valid") when Graph's words name the ad account.
///
/// Reviewed for this endpoint (issue 27): Meta's error reference gives 131009 one meaning, a
/// parameter value that is not valid, and the table keeps that row as a refusal of the one
/// message (retrying an invalid value would only fail again). Marketing Messages also tie
/// each business to an ad account, and a provider's error guide reports 131009 answering
/// sends while that ad account is still being set up or synced; then every row would be
/// refused the same way, and failing them would lose recipients who only had to wait. Meta
/// created nothing in either case, so when the message or its details name the ad account
/// the answer is treated like 134101 (a template still syncing to its ad account): retried
/// after about 10 minutes, and once the campaign's attempts run out the run stops with the
/// row still pending. Any other 131009 stays a refusal of its row.
///
/// ```
/// let texts = ["(#131009) Parameter value is not valid", "The ad account sync is not complete"];
/// let rule = marketing::rule_for(131009, None, &texts);
/// assert_eq!(rule, &marketing::AD_ACCOUNT_SYNCING);
/// assert!(rule.retry && !rule.may_have_been_sent);
/// // A plain invalid value refuses only its row.
/// let plain = marketing::rule_for(131009, None, &["(#131009) Parameter value is not valid"]);
/// assert!(!plain.retry && !plain.stops_run);
/// ```
pub const AD_ACCOUNT_SYNCING: CodeRule = one(
    codes::PARAMETER_VALUE_INVALID,
    C::TemplateSyncing,
    RETRY,
    "the business's ad account is not ready yet (set-up or sync unfinished)",
);

fn names_ad_account(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.contains("ad account") || text.contains("ad_account") || text.contains("adaccount")
}

/// The rule for an error as Graph sent it: [`rule`] of its code, except for the code 100
/// that names an unknown object ([`UNKNOWN_OBJECT`]), told by its subcode or, where a proxy
/// dropped the subcode, by Graph's own words in `texts` (the message, its details), and the
/// code 131009 that names the ad account ([`AD_ACCOUNT_SYNCING`]).
///
/// ```
/// let texts = ["(#100) Unsupported post request", "Object with ID '1' does not exist"];
/// assert_eq!(marketing::rule_for(100, None, &texts), &marketing::UNKNOWN_OBJECT);
/// assert_eq!(marketing::rule_for(131026, Some(33), &[]), marketing::rule(131026));
/// ```
pub fn rule_for(code: i64, subcode: Option<i64>, texts: &[&str]) -> &'static CodeRule {
    if code == codes::PARAMETER_VALUE_INVALID && texts.iter().any(|text| names_ad_account(text)) {
        return &AD_ACCOUNT_SYNCING;
    }
    let unknown_object = code == codes::INVALID_PARAMETER
        && (subcode == Some(UNKNOWN_OBJECT_SUBCODE)
            || texts.iter().any(|text| {
                text.contains("Unsupported post request")
                    || (text.contains("Object with ID") && text.contains("does not exist"))
            }));
    if unknown_object {
        &UNKNOWN_OBJECT
    } else {
        rule(code)
    }
}

/// The rule for codes the table does not know: Meta adds codes, and an unknown failure may
/// have created the message.
pub const UNKNOWN_CODE: CodeRule = row(i64::MIN, i64::MAX, C::Server, OPEN, "");

/// The row of [`RULES`] for `code`, or [`UNKNOWN_CODE`].
///
/// ```
/// assert!(marketing::rule(130429).retry);
/// assert!(marketing::rule(131000).may_have_been_sent);
/// assert!(marketing::rule(190).stops_run);
/// assert!(marketing::rule(123_456_789).may_have_been_sent);
/// ```
pub fn rule(code: i64) -> &'static CodeRule {
    RULES
        .iter()
        .find(|r| r.covers(code))
        .unwrap_or(&UNKNOWN_CODE)
}

impl ErrorClass {
    /// The class of a Graph error code.
    pub fn of(code: i64) -> Self {
        rule(code).class
    }

    /// The least a sender should wait before retrying, where the class says so.
    pub fn minimum_wait(self) -> Option<Duration> {
        match self {
            Self::TemplateSyncing => Some(Duration::from_secs(600)),
            Self::PairThrottled => Some(Duration::from_secs(6)),
            Self::RecipientCooldown => Some(Duration::from_secs(24 * 3600)),
            _ => None,
        }
    }

    /// A stable snake_case name, for reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Throttled => "throttled",
            Self::PairThrottled => "pair_throttled",
            Self::TemplateSyncing => "template_syncing",
            Self::InvalidRequest => "invalid_request",
            Self::TemplateUnusable => "template_unusable",
            Self::Routing => "routing",
            Self::RecipientOptedOut => "recipient_opted_out",
            Self::RecipientUndeliverable => "recipient_undeliverable",
            Self::RecipientRefused => "recipient_refused",
            Self::RecipientCooldown => "recipient_cooldown",
            Self::Spam => "spam",
            Self::Auth => "auth",
            Self::Permission => "permission",
            Self::Account => "account",
            Self::Server => "server",
        }
    }

    /// Whether the fix is in the credentials or the account (the token, its permissions, the
    /// business account or phone number) rather than in the request.
    pub fn is_account_problem(self) -> bool {
        matches!(self, Self::Auth | Self::Permission | Self::Account)
    }

    /// What to do, in a sentence for people.
    pub fn advice(self) -> &'static str {
        match self {
            Self::Throttled => "throughput limit reached; nothing was sent. Slow down and retry.",
            Self::PairThrottled => {
                "too many messages to this user; nothing was sent. Retry this recipient in a few seconds."
            }
            Self::TemplateSyncing => {
                "the template is still syncing to its ad account; nothing was sent. Retry in about 10 minutes."
            }
            Self::InvalidRequest => {
                "the request was refused as invalid. Fix it; retrying will not help."
            }
            Self::TemplateUnusable => {
                "the template cannot be used (wrong name or language, not approved, paused, disabled or unavailable). Fix the template in the campaign."
            }
            Self::Routing => {
                "this endpoint cannot take the message as built (template category, bid_spec to a BSUID, or marketing disabled on the Cloud API). Fix the campaign."
            }
            Self::RecipientOptedOut => {
                "this user opted out of marketing messages. Do not send to them again."
            }
            Self::RecipientUndeliverable => {
                "undeliverable to this user now (not on WhatsApp, or an old app). Not sent."
            }
            Self::RecipientRefused => "refused for this recipient. Not sent.",
            Self::RecipientCooldown => {
                "Meta chose not to deliver to this user now. Do not retry within 24 hours."
            }
            Self::Spam => {
                "spam rate limit. Stop sending and review the campaign; never retry automatically."
            }
            Self::Auth => "the access token is missing, invalid or expired. Fix the token.",
            Self::Permission => {
                "permission denied, not onboarded, or the account is restricted. Check the token's permissions and the account."
            }
            Self::Account => {
                "the business account or phone number cannot send now (payment, registration or maintenance). Fix the account."
            }
            Self::Server => {
                "an unknown or temporary failure at Meta. The message may have been sent; check before resending."
            }
        }
    }
}

impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A short description of a Graph error code, for reports. Unknown codes get `None`.
///
/// ```
/// assert_eq!(marketing::code_meaning(131050), Some("user opted out of marketing messages"));
/// assert_eq!(marketing::code_meaning(999_999), None);
/// ```
pub fn code_meaning(code: i64) -> Option<&'static str> {
    RULES.iter().find(|r| r.covers(code)).map(|r| r.meaning)
}
