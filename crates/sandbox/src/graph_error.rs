//! Failures as Graph answers them: an HTTP status and the error envelope
//! `{"error":{"message":"(#CODE) ...","type":"OAuthException","code":CODE,"error_data":{...},"fbtrace_id":"..."}}`.

use axum::http::StatusCode;
use serde_json::json;
use wamm_client::validation::Problem;
use wamm_client::{build, codes, types};

/// One refusal: the HTTP status Meta uses, the Graph `code`, its title and the specifics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GraphFailure {
    pub(crate) status: StatusCode,
    pub(crate) code: i64,
    pub(crate) title: &'static str,
    pub(crate) details: String,
    /// `error_subcode`, where Graph sends one (33: the object in the path does not exist).
    pub(crate) subcode: Option<i64>,
}

impl GraphFailure {
    fn new(status: StatusCode, code: i64, title: &'static str, details: impl Into<String>) -> Self {
        Self {
            status,
            code,
            title,
            details: details.into(),
            subcode: None,
        }
    }

    /// With Graph's `error_subcode`.
    fn with_subcode(self, subcode: i64) -> Self {
        Self {
            subcode: Some(subcode),
            ..self
        }
    }

    /// 401 / 104: no token at all, as Graph answers it.
    pub(crate) fn no_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            codes::ACCESS_TOKEN_MISSING,
            "An access token is required to request this resource.",
            "no access token; send Authorization: Bearer <token>",
        )
    }

    /// A body that breaks `openapi.yaml` or a cross-field rule: the problems (up to five)
    /// under one code: 100 if the schema is broken, else the first rule's (132012, 132018,
    /// 132005 or 131062).
    pub(crate) fn invalid_body(problems: &[Problem]) -> Self {
        const MAX_LISTED: usize = 5;
        let code = if problems
            .iter()
            .any(|p| p.code() == codes::INVALID_PARAMETER)
        {
            codes::INVALID_PARAMETER
        } else {
            problems
                .first()
                .map_or(codes::INVALID_PARAMETER, Problem::code)
        };
        let listed: Vec<String> = problems
            .iter()
            .filter(|p| p.code() == code)
            .take(MAX_LISTED)
            .map(ToString::to_string)
            .collect();
        let details = listed.join("; ");
        match code {
            codes::PARAMETER_FORMAT => Self::parameter_format(details),
            codes::BID_SPEC_WITH_BSUID => Self::bid_spec_with_bsuid(),
            codes::PARAMETER_VALIDATION => Self::new(
                StatusCode::BAD_REQUEST,
                codes::PARAMETER_VALIDATION,
                "There was an issue with the parameters in your template.",
                details,
            ),
            codes::TEXT_TOO_LONG => Self::new(
                StatusCode::BAD_REQUEST,
                codes::TEXT_TOO_LONG,
                "Translated text too long",
                details,
            ),
            _ => Self::invalid_parameter(details),
        }
    }

    /// 401 / 190: a token that is not the sandbox's.
    pub(crate) fn bad_token(details: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            codes::ACCESS_TOKEN_INVALID,
            "Invalid OAuth access token - Cannot parse access token",
            details,
        )
    }

    /// 400 / 100 for anything wrong with the request itself.
    pub(crate) fn invalid_parameter(details: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_PARAMETER,
            "Invalid parameter",
            details,
        )
    }

    /// 400 / 100 (subcode 33): Graph's answer to a path naming an ID it does not have, its
    /// title saying the request's kind.
    fn no_such_object(id: &str, title: &'static str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_PARAMETER,
            title,
            format!(
                "Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation"
            ),
        )
        .with_subcode(codes::subcode::UNKNOWN_OBJECT)
    }

    /// 400 / 100: the path names a phone number the sandbox does not serve.
    pub(crate) fn unknown_phone_number(id: &str) -> Self {
        Self::no_such_object(id, "Unsupported post request")
    }

    /// 400 / 100: the path names a WhatsApp Business Account the sandbox does not serve.
    pub(crate) fn unknown_account(id: &str) -> Self {
        Self::no_such_object(id, "Unsupported get request")
    }

    /// 400 / 100 (subcode 33): the path names an object (a template ID, or anything else)
    /// the sandbox does not have.
    pub(crate) fn unknown_object(id: &str) -> Self {
        Self::no_such_object(id, "Unsupported post request")
    }

    /// 400 / 100: a template write Meta's rules refuse, with its title and, where client
    /// code knows one, its subcode.
    pub(crate) fn template_rule(
        title: &'static str,
        details: String,
        subcode: Option<i64>,
    ) -> Self {
        Self {
            subcode,
            ..Self::new(
                StatusCode::BAD_REQUEST,
                codes::INVALID_PARAMETER,
                title,
                details,
            )
        }
    }

    /// 400 / 100 for a method or path the sandbox does not have.
    pub(crate) fn unsupported(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_PARAMETER,
            "Unsupported request",
            format!(
                "{method} {path} is not supported; the endpoints are POST /{{Version}}/{{Phone-Number-ID}}/marketing_messages, GET /{{Version}}/{{Phone-Number-ID}}/message_history, GET and POST /{{Version}}/{{WABA-ID}}, POST /{{Version}}/{{TEMPLATE-ID}}, GET, POST and DELETE /{{Version}}/{{WABA-ID}}/message_templates, and GET /{{Version}}/{{WABA-ID}}/ followed by phone_numbers or template_analytics"
            ),
        )
    }

    /// 404 / 132001.
    pub(crate) fn template_missing(name: &str, language: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            codes::TEMPLATE_NOT_FOUND,
            "Template name does not exist in the translation",
            format!("template name ({name}) does not exist in {language}"),
        )
    }

    /// A send that does not fit its template, as Meta answers it: the problem's code, the
    /// title Graph gives that code, and the problem (path and what the template expects) as
    /// the details. 132001 (a template that is not approved) is 404, as for an unknown one.
    pub(crate) fn template_mismatch(problem: &Problem) -> Self {
        let details = problem.to_string();
        let (status, title) = match problem.code() {
            codes::PARAMETER_COUNT => (
                StatusCode::BAD_REQUEST,
                "Number of parameters does not match the expected number of params",
            ),
            codes::PARAMETER_FORMAT => return Self::parameter_format(details),
            codes::PARAMETER_MISSING => (StatusCode::BAD_REQUEST, "Required parameter is missing"),
            codes::TEMPLATE_NOT_FOUND => (
                StatusCode::NOT_FOUND,
                "Template name does not exist in the translation",
            ),
            codes::TEMPLATE_PAUSED => (StatusCode::BAD_REQUEST, "Template is Paused"),
            codes::TEMPLATE_DISABLED => (StatusCode::BAD_REQUEST, "Template is Disabled"),
            codes::NOT_MARKETING_TEMPLATE => (
                StatusCode::BAD_REQUEST,
                "Only marketing templates are supported",
            ),
            _ => (StatusCode::BAD_REQUEST, "Invalid parameter"),
        };
        Self::new(status, problem.code(), title, details)
    }

    /// 400 / 132012.
    pub(crate) fn parameter_format(details: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::PARAMETER_FORMAT,
            "Parameter format does not match format in the created template",
            details,
        )
    }

    /// 400 / 131062.
    pub(crate) fn bid_spec_with_bsuid() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::BID_SPEC_WITH_BSUID,
            "Business-scoped user ID recipients are not supported with bid_spec",
            "bid_spec cannot be used when the user is addressed by recipient (BSUID)",
        )
    }

    /// 400 / 131050.
    pub(crate) fn opted_out() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::MARKETING_OPT_OUT,
            "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
            "the user opted out of marketing messages",
        )
    }

    /// 403 / 10: STRICT send from a business not onboarded to MM Lite.
    pub(crate) fn not_onboarded(phone_number_id: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            codes::PERMISSION_DENIED,
            "Application does not have permission for this action",
            format!(
                "phone number {phone_number_id} is not onboarded to Marketing Messages Lite and product_policy is STRICT, so the message was not sent through the Cloud API"
            ),
        )
    }

    /// A send from a number that is not `CONNECTED`: 403 / 131031 (account locked) for a
    /// number Meta has flagged, restricted or banned; 400 / 133010 (not registered) for any
    /// other state (pending, disconnected, unverified, deleted, migrated, rate limited, or a
    /// status Meta adds).
    pub(crate) fn number_cannot_send(
        phone_number_id: &str,
        status: &wamm_client::PhoneNumberStatus,
    ) -> Self {
        use wamm_client::PhoneNumberStatus as S;
        match status {
            S::Flagged | S::Restricted | S::Banned => Self::new(
                StatusCode::FORBIDDEN,
                codes::ACCOUNT_LOCKED,
                "Account has been locked",
                format!(
                    "phone number {phone_number_id} is {status}: the account is locked for messaging until the number's status is CONNECTED again"
                ),
            ),
            _ => Self::new(
                StatusCode::BAD_REQUEST,
                codes::NUMBER_NOT_REGISTERED,
                "Account not registered",
                format!(
                    "phone number {phone_number_id} is {status}, not CONNECTED: it is not registered to send through the Cloud API"
                ),
            ),
        }
    }

    /// 400 / 130429.
    pub(crate) fn throughput() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::THROUGHPUT_LIMIT,
            "Rate limit hit",
            "Cloud API message throughput has been reached.",
        )
    }

    /// 400 / 131056.
    pub(crate) fn pair_rate() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            codes::PAIR_RATE_LIMIT,
            "(Business Account, Consumer Account) pair rate limit hit",
            "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
        )
    }

    /// 500 / 131000.
    pub(crate) fn something_went_wrong() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::SOMETHING_WENT_WRONG,
            "Something went wrong",
            "Message failed to send due to an unknown error.",
        )
    }

    /// 503 / 133004.
    pub(crate) fn unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::SERVER_UNAVAILABLE,
            "Server is temporarily unavailable",
            "The server is temporarily unavailable; check the WhatsApp Business API status page.",
        )
    }

    /// The JSON envelope, as the generated `GraphErrorResponse` serialises it.
    pub(crate) fn to_body(&self, fbtrace_id: &str) -> Vec<u8> {
        let error = types::GraphError::builder()
            .message(format!("(#{}) {}", self.code, self.title))
            .type_(Some("OAuthException".to_string()))
            .code(self.code)
            .error_data(Some(
                json!({"messaging_product": "whatsapp", "details": self.details}),
            ))
            .fbtrace_id(Some(fbtrace_id.to_string()))
            .error_subcode(self.subcode);
        let envelope: types::GraphErrorResponse =
            build(types::GraphErrorResponse::builder().error(build::<types::GraphError>(error)));
        serde_json::to_vec(&envelope).unwrap_or_default()
    }
}

/// A Graph-looking trace ID (`A` and 22 characters of base62) derived from a number.
pub(crate) fn fbtrace_id(n: u64) -> String {
    const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(23);
    out.push('A');
    // 11 base62 digits use 65 bits of a word, so each half comes from its own word.
    for mut word in [
        n,
        n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03,
    ] {
        for _ in 0..11 {
            out.push(ALPHABET[(word % 62) as usize] as char);
            word /= 62;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_has_graphs_shape() {
        let body = GraphFailure::throughput().to_body("Atrace");
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"error":{
                "message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
                "error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},
                "fbtrace_id":"Atrace"}})
        );
    }

    #[test]
    fn trace_ids_look_like_graphs() {
        let a = fbtrace_id(1);
        assert_eq!(a.len(), 23);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        let b = fbtrace_id(2);
        assert_ne!(a[1..12], b[1..12]);
        assert_ne!(a[12..], b[12..]);
    }
}
