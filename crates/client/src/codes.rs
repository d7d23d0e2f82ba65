//! Graph error codes by name: the `error.code` values wamm classifies, produces in the sandbox
//! or checks for before a send, each named once here so that a reader sees what a number means
//! where it is used.
//!
//! The names and meanings follow Meta's error reference for the Cloud API and the Marketing
//! Messages Lite API. Graph reports most of them with HTTP 400, whatever they mean, so a sender
//! classifies by code (the `marketing` crate's rule table does), never by status.
//!
//! ```
//! use wamm_client::codes;
//!
//! let error: wamm_client::types::GraphError = serde_json::from_str(
//!     r#"{"message":"(#131056) Pair rate limit hit","type":"OAuthException","code":131056}"#,
//! )?;
//! assert_eq!(error.code, codes::PAIR_RATE_LIMIT);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::ops::RangeInclusive;

// Graph platform codes.

/// The request could not be authenticated.
pub const AUTH_FAILED: i64 = 0;
/// An unknown error at Meta; the message may have been created.
pub const UNKNOWN_API_ERROR: i64 = 1;
/// The API is temporarily unavailable; the message may have been created.
pub const API_SERVICE: i64 = 2;
/// The app lacks the capability for this call.
pub const APP_CAPABILITY: i64 = 3;
/// The app's Graph rate limit was reached; nothing was created.
pub const APP_RATE_LIMIT: i64 = 4;
/// Permission denied (the app or the token may not do this).
pub const PERMISSION_DENIED: i64 = 10;
/// A parameter is invalid, or the object in the path does not exist (then with subcode
/// [`subcode::UNKNOWN_OBJECT`]).
pub const INVALID_PARAMETER: i64 = 100;
/// No access token was sent.
pub const ACCESS_TOKEN_MISSING: i64 = 104;
/// The access token is invalid or has expired.
pub const ACCESS_TOKEN_INVALID: i64 = 190;
/// An API permission is missing: every code from 200 to 299.
pub const API_PERMISSION: RangeInclusive<i64> = 200..=299;
/// The account is temporarily blocked for policy violations.
pub const POLICY_BLOCK: i64 = 368;
/// The WhatsApp Business Account's rate limit was reached; nothing was created.
pub const WABA_RATE_LIMIT: i64 = 80_007;

// WhatsApp codes.

/// The phone number's throughput was exceeded; nothing was created.
pub const THROUGHPUT_LIMIT: i64 = 130_429;
/// The recipient is part of an experiment and was not sent to.
pub const RECIPIENT_IN_EXPERIMENT: i64 = 130_472;
/// The business may not message users in the recipient's country.
pub const COUNTRY_RESTRICTED: i64 = 130_497;
/// Something went wrong at Meta; the message may have been created.
pub const SOMETHING_WENT_WRONG: i64 = 131_000;
/// Access denied.
pub const ACCESS_DENIED: i64 = 131_005;
/// A required parameter is missing.
pub const PARAMETER_MISSING: i64 = 131_008;
/// A parameter's value is not valid (or the template's ad account sync is incomplete).
pub const PARAMETER_VALUE_INVALID: i64 = 131_009;
/// The service is temporarily unavailable; the message may have been created.
pub const SERVICE_UNAVAILABLE: i64 = 131_016;
/// The recipient is the sending number itself.
pub const RECIPIENT_IS_SENDER: i64 = 131_021;
/// The message cannot be delivered to this user (not on WhatsApp, an old app).
pub const UNDELIVERABLE: i64 = 131_026;
/// The business account is locked.
pub const ACCOUNT_LOCKED: i64 = 131_031;
/// The business account has a payment problem.
pub const PAYMENT_PROBLEM: i64 = 131_042;
/// The re-engagement window for this user has closed.
pub const REENGAGEMENT_WINDOW: i64 = 131_047;
/// The number hit the spam rate limit; never retry automatically.
pub const SPAM_RATE_LIMIT: i64 = 131_048;
/// Meta chose not to deliver, to keep engagement healthy (the per-user marketing limit);
/// wait at least 24 hours before sending to this user again.
pub const HEALTHY_ECOSYSTEM: i64 = 131_049;
/// The user stopped marketing messages; never send them one again.
pub const MARKETING_OPT_OUT: i64 = 131_050;
/// Only marketing templates may be sent on this endpoint.
pub const MARKETING_TEMPLATES_ONLY: i64 = 131_055;
/// Too many messages to the same user (the pair rate limit); nothing was created.
pub const PAIR_RATE_LIMIT: i64 = 131_056;
/// The business account is in maintenance mode; nothing was sent.
pub const MAINTENANCE_MODE: i64 = 131_057;
/// A maximum-price template was sent through `/messages`.
pub const MAX_PRICE_ON_MESSAGES: i64 = 131_061;
/// `bid_spec` was sent to a BSUID recipient, which it cannot go to.
pub const BID_SPEC_WITH_BSUID: i64 = 131_062;
/// Marketing messages are disabled on the Cloud API for this business.
pub const MARKETING_DISABLED: i64 = 131_063;
/// The business reached its messaging limit (unique users in a rolling 24 hours), lowered
/// after templates were found miscategorised: no message to a new user goes out until the
/// window rolls on or the limit is restored.
pub const MESSAGING_LIMIT_AFTER_VIOLATIONS: i64 = 131_064;
/// The number of template parameters does not match the template.
pub const PARAMETER_COUNT: i64 = 132_000;
/// The template does not exist in this language, or is not approved.
pub const TEMPLATE_NOT_FOUND: i64 = 132_001;
/// The template's text is too long after substitution.
pub const TEXT_TOO_LONG: i64 = 132_005;
/// The template's format or character policy was violated.
pub const FORMAT_POLICY: i64 = 132_007;
/// A parameter has the wrong format (named against positional, or the wrong kind).
pub const PARAMETER_FORMAT: i64 = 132_012;
/// The template is paused for low quality (also the code of a held message Meta dropped).
pub const TEMPLATE_PAUSED: i64 = 132_015;
/// The template is disabled.
pub const TEMPLATE_DISABLED: i64 = 132_016;
/// A template parameter failed validation (such as whitespace Meta does not allow).
pub const PARAMETER_VALIDATION: i64 = 132_018;
/// The server is temporarily unavailable; the message may have been created.
pub const SERVER_UNAVAILABLE: i64 = 133_004;
/// The business phone number is not registered.
pub const NUMBER_NOT_REGISTERED: i64 = 133_010;
/// The template is not a marketing template.
pub const NOT_MARKETING_TEMPLATE: i64 = 134_100;
/// The template is still syncing to its ad account; retry in about ten minutes.
pub const TEMPLATE_SYNCING: i64 = 134_101;
/// The template is unavailable or the business is not eligible (sent with HTTP 500, yet
/// definite).
pub const TEMPLATE_UNAVAILABLE: i64 = 134_102;

/// Values of `error.error_subcode`, which refine a code.
pub mod subcode {
    /// With [`INVALID_PARAMETER`](super::INVALID_PARAMETER): the object in the path (such as
    /// the phone number ID) does not exist, cannot be loaded with this token, or does not
    /// support the operation.
    pub const UNKNOWN_OBJECT: i64 = 33;
}

// SANDBOX (issue 28): template writes, as the sandbox answers them.

/// With [`INVALID_PARAMETER`]: a template with this name already exists in this language
/// (Meta's "Content in this language already exists"; the subcode client code matches on).
pub const SUBCODE_TEMPLATE_EXISTS: i64 = 2_388_024;
/// With [`INVALID_PARAMETER`]: the name was deleted less than 30 days ago and cannot be used
/// yet (the subcode client code matches on; Meta's reference does not list it).
pub const SUBCODE_TEMPLATE_NAME_DELETED: i64 = 2_388_023;

// Authoring (issue 28, templates as code): refusals of a template create or edit.

/// Values of `error.error_subcode` that Meta refuses a template create or edit with (code
/// [`INVALID_PARAMETER`]). Providers' error guides report them; Meta's own error reference
/// does not list them, so a reader must not rely on them being sent.
pub mod template_subcode {
    /// A field is over its character limit (name, header, body, footer, button label, URL).
    pub const CHARACTER_LIMIT: i64 = 2_388_040;
    /// A header's format is missing or not one Meta knows.
    pub const HEADER_FORMAT: i64 = 2_388_047;
}
