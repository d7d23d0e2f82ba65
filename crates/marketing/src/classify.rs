//! What a Graph error code means for a sender.
//!
//! Classification is by `error.code`, never by HTTP status: Meta reports throughput errors as
//! HTTP 400, next to plain bad requests. The table follows `shared/reference/mm-lite-api.md`.

use std::fmt;
use std::time::Duration;

/// What a sender should do about a Graph error code.
///
/// ```
/// use marketing::ErrorClass;
///
/// assert_eq!(ErrorClass::of(130429), ErrorClass::Throttled);
/// assert!(ErrorClass::of(130429).is_retryable());
/// assert_eq!(ErrorClass::of(131050), ErrorClass::RecipientPermanent);
/// assert!(!ErrorClass::of(131050).is_retryable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// 4, 80007, 130429: app, account or phone-number throughput exceeded. Nothing was created;
    /// slow down and retry.
    Throttled,
    /// 131056: too many messages to this one user. Retry this recipient later; others are fine.
    PairThrottled,
    /// 134101: the template is still syncing to its ad account. Retry in about 10 minutes.
    TemplateSyncing,
    /// 100, 131008, 131009, 132000, 132001, 132005, 132007, 132012, 132018, 131061, 131062,
    /// 131063: the request, the template choice or the routing is wrong. Fix it; do not retry.
    InvalidRequest,
    /// 132015, 132016: the template is paused for quality, or disabled. Stop using it.
    TemplateUnusable,
    /// 131026, 131050: undeliverable to this user, or the user opted out of marketing. Never
    /// send to them again (suppress).
    RecipientPermanent,
    /// 131049: Meta chose not to deliver (per-user marketing limit). Do not retry within 24 h.
    RecipientCooldown,
    /// 131048: spam rate limit. Never retry automatically; stop and review.
    Spam,
    /// 131055, 134100: this endpoint takes only marketing templates. Send through `/messages`.
    Reroute,
    /// 0, 190: the token is invalid or expired. Stop; refresh the token.
    Auth,
    /// 10, 200-299, 368, 130497, 131031: permission denied, not onboarded, policy block,
    /// country restriction or locked account. Stop.
    Permission,
    /// 134102: template unavailable or business not eligible. Investigate; do not retry.
    Unavailable,
    /// 1, 2, 131000, 131016, 133004, 131057, and every code not listed here: an unknown or
    /// temporary failure on Meta's side. The message may have been created.
    Server,
}

impl ErrorClass {
    /// The class of a Graph error code.
    pub fn of(code: i64) -> Self {
        match code {
            4 | 80007 | 130429 => Self::Throttled,
            131056 => Self::PairThrottled,
            134101 => Self::TemplateSyncing,
            100 | 131008 | 131009 | 132000 | 132001 | 132005 | 132007 | 132012 | 132018
            | 131061 | 131062 | 131063 => Self::InvalidRequest,
            132015 | 132016 => Self::TemplateUnusable,
            131026 | 131050 => Self::RecipientPermanent,
            131049 => Self::RecipientCooldown,
            131048 => Self::Spam,
            131055 | 134100 => Self::Reroute,
            0 | 190 => Self::Auth,
            10 | 200..=299 | 368 | 130497 | 131031 => Self::Permission,
            134102 => Self::Unavailable,
            _ => Self::Server,
        }
    }

    /// Whether an error of this class proves nothing was created, so the same message may be
    /// sent again automatically.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            Self::Throttled | Self::PairThrottled | Self::TemplateSyncing
        )
    }

    /// Whether the message may have been created despite the error. Only unknown and server
    /// failures leave that open; every other class is a refusal.
    pub fn may_have_been_sent(self) -> bool {
        matches!(self, Self::Server)
    }

    /// Whether a bulk sender should stop the whole run (every further send would fail the
    /// same way, or sending on would harm the account).
    pub fn stops_the_run(self) -> bool {
        matches!(self, Self::Auth | Self::Permission | Self::Spam)
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
            Self::RecipientPermanent => "recipient_permanent",
            Self::RecipientCooldown => "recipient_cooldown",
            Self::Spam => "spam",
            Self::Reroute => "reroute",
            Self::Auth => "auth",
            Self::Permission => "permission",
            Self::Unavailable => "unavailable",
            Self::Server => "server",
        }
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
            Self::TemplateUnusable => "the template is paused or disabled. Stop using it.",
            Self::RecipientPermanent => {
                "this user cannot receive marketing messages (undeliverable or opted out). Do not send to them again."
            }
            Self::RecipientCooldown => {
                "Meta chose not to deliver to this user now. Do not retry within 24 hours."
            }
            Self::Spam => {
                "spam rate limit. Stop sending and review the campaign; never retry automatically."
            }
            Self::Reroute => {
                "this endpoint takes only marketing templates. Send it through /messages."
            }
            Self::Auth => "the access token is invalid or expired. Stop and refresh the token.",
            Self::Permission => {
                "permission denied, not onboarded, or the account is restricted. Stop and check the account."
            }
            Self::Unavailable => {
                "the template is unavailable or the business is not eligible. Investigate; do not retry."
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
/// ```
pub fn code_meaning(code: i64) -> Option<&'static str> {
    Some(match code {
        0 => "authentication failed",
        1 => "unknown API error",
        2 => "API service temporarily unavailable",
        4 => "app rate limit reached",
        10 => "permission denied",
        100 => "invalid parameter",
        190 => "access token invalid or expired",
        200..=299 => "API permission missing",
        368 => "temporarily blocked for policy violations",
        80007 => "WhatsApp Business Account rate limit reached",
        130429 => "phone number throughput exceeded",
        130497 => "business account restricted from messaging users in this country",
        131000 => "something went wrong at Meta",
        131008 => "required parameter missing",
        131009 => "parameter value not valid (or ad account sync incomplete)",
        131016 => "service temporarily unavailable",
        131026 => "message undeliverable to this user",
        131031 => "business account locked",
        131048 => "spam rate limit hit",
        131049 => "Meta chose not to deliver, to keep engagement healthy",
        131050 => "user opted out of marketing messages",
        131055 => "only marketing templates allowed on this endpoint",
        131056 => "too many messages to the same user (pair rate limit)",
        131057 => "business account in maintenance mode",
        131061 => "maximum-price template sent through /messages",
        131062 => "bid_spec cannot go to a BSUID recipient",
        131063 => "marketing messages disabled on Cloud API",
        132000 => "template parameter count mismatch",
        132001 => "template does not exist in this language or is not approved",
        132005 => "template text too long after substitution",
        132007 => "template format or character policy violated",
        132012 => "template parameter format mismatch",
        132015 => "template paused for low quality",
        132016 => "template disabled",
        132018 => "template parameter validation failed",
        133004 => "server temporarily unavailable",
        134100 => "only marketing templates allowed",
        134101 => "template still syncing to its ad account",
        134102 => "template unavailable or business not eligible",
        _ => return None,
    })
}
