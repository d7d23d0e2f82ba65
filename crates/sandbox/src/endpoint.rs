//! `POST /{Version}/{Phone-Number-ID}/marketing_messages`: the checks, in Meta's order, and
//! what a send creates.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::Value;
use wamm_client::types;
use wamm_client::validation::{Problem, Validator, lower_case_keywords};
use wamm_client::{MessageStatus, PhoneNumberStatus, TemplateStatus, build, codes};

use crate::config::{SandboxConfig, StatusShares};
use crate::faults::{Fault, FaultSpec, RequestDice};
use crate::graph_error::{GraphFailure, fbtrace_id};
use crate::limits::{PairLimiter, TokenBucket};
use crate::records::{RecordedMessage, Recorder, Route};
use crate::server::{BodyError, ConnectionHandle, read_body};
use crate::template_store::TemplateStore;
use crate::wamid::{instance_tag, wamid};

/// Request bodies larger than this are refused (code 100).
const MAX_BODY_BYTES: usize = 1 << 20;

/// Everything a request reads; built once at start, shared by all connections.
#[derive(Debug)]
pub(crate) struct AppState {
    bearer: String,
    phones: HashMap<String, Phone>,
    /// The WhatsApp Business Account whose templates the list endpoint serves.
    pub(crate) waba_id: String,
    /// Where the sandbox listens (for the list's paging URLs when a request has no usable
    /// `Host`).
    pub(crate) addr: SocketAddr,
    pub(crate) templates: TemplateStore,
    opted_out: HashSet<String>,
    pairs: Option<PairLimiter>,
    status_shares: StatusShares,
    faults: FaultSpec,
    seed: u64,
    validator: Arc<Validator>,
    pub(crate) accept_any_template: bool,
    body_timeout: Duration,
    instance: u32,
    pub(crate) recorder: Recorder,
    /// Connections served over TLS since start (with [`SandboxConfig::tls`]).
    pub(crate) tls_counts: Arc<crate::tls::TlsCounts>,
    /// Sends status webhooks for created messages, when configured.
    pub(crate) webhooks: Option<crate::webhooks::WebhookSender>,
    /// Requests and webhooks counted, for `--metrics-listen`.
    pub(crate) metrics: crate::metrics::SandboxMetrics,
    /// The account's onboarding, insights switch and numbers' states, changeable at run time.
    pub(crate) account: crate::account::Account,
    /// The statuses of the newest messages, for message history.
    pub(crate) history: Arc<crate::history::History>,
    /// Template analytics' figures.
    pub(crate) tally: crate::analytics::Tally,
    pub(crate) analytics_spec: crate::AnalyticsSpec,
    /// How each message's story goes when no webhooks are posted.
    pub(crate) seed_spec: (u64, crate::WebhookSpec),
    /// The clock of the edit limits and the deleted-name hold.
    pub(crate) clock: crate::clock::Clock,
    /// How long a submitted template is in review.
    pub(crate) review_delay: Duration,
}

#[derive(Debug)]
struct Phone {
    bucket: TokenBucket,
}

impl AppState {
    /// The counters `/__sandbox/stats` answers.
    pub(crate) fn stats(&self) -> crate::Stats {
        crate::Stats {
            tls_handshakes: self.tls_counts.handshakes.load(Ordering::Relaxed),
            http2_connections: self.tls_counts.http2.load(Ordering::Relaxed),
            ..self.recorder.stats()
        }
    }

    pub(crate) fn new(config: &SandboxConfig, addr: SocketAddr) -> Self {
        let history = crate::history::History::new(config.max_messages);
        let burst = config.burst.unwrap_or(config.mps);
        let phones = config
            .phone_numbers
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    Phone {
                        bucket: TokenBucket::new(config.mps, burst),
                    },
                )
            })
            .collect();
        Self {
            bearer: format!("Bearer {}", config.token),
            phones,
            waba_id: config.waba_id.clone(),
            addr,
            templates: TemplateStore::new(&config.templates),
            opted_out: config.opted_out.iter().map(|u| user_key(u)).collect(),
            pairs: config.pair_interval.map(PairLimiter::new),
            status_shares: config.status_shares,
            faults: config.faults.clone(),
            seed: config.seed,
            validator: Validator::shared(),
            accept_any_template: config.accept_any_template,
            body_timeout: config.body_timeout,
            instance: instance_tag(),
            recorder: Recorder::new(config.max_messages),
            tls_counts: Arc::default(),
            webhooks: config.webhooks.clone().map(|w| {
                crate::webhooks::WebhookSender::start(w, &config.waba_id, Arc::clone(&history))
            }),
            metrics: crate::metrics::SandboxMetrics::new(),
            account: crate::account::Account::new(config),
            history,
            tally: crate::analytics::Tally::new(&config.analytics),
            analytics_spec: config.analytics,
            seed_spec: (
                config.seed,
                config.webhooks.as_ref().map(|w| w.spec).unwrap_or_default(),
            ),
            clock: crate::clock::Clock::default(),
            review_delay: config.review_delay,
        }
    }

    /// A trace ID for an answer that is not a send (the inspection endpoints).
    pub(crate) fn trace(&self) -> String {
        fbtrace_id(u64::from(self.instance))
    }

    pub(crate) fn reset(&self) {
        self.recorder.reset();
        self.history.clear();
        self.tally.clear();
        if let Some(pairs) = &self.pairs {
            pairs.clear();
        }
    }

    /// Sets the status of the templates called `name` (in `language` only, if given; in every
    /// language otherwise), announcing each change as a `message_template_status_update`
    /// webhook. Returns the languages changed, sorted; empty when none matched.
    pub(crate) fn set_template_status(
        &self,
        name: &str,
        language: Option<&str>,
        status: &TemplateStatus,
    ) -> Vec<String> {
        let changed = self.templates.set_status(name, language, status);
        if let Some(webhooks) = &self.webhooks {
            for template in &changed {
                webhooks.template_status(template, None);
            }
        }
        changed.iter().map(|t| t.language.clone()).collect()
    }
}

/// Phone numbers are compared by their digits (`+44 7700 900123` is `447700900123`); BSUIDs
/// and anything else as given.
fn user_key(user: &str) -> String {
    wa_id(user).unwrap_or_else(|| user.to_string())
}

/// The WhatsApp ID for a `to`: its digits, if it is a phone number written with the usual
/// separators.
fn wa_id(to: &str) -> Option<String> {
    // The same shape as openapi.yaml's pattern for `to`: spaces and opening parentheses, at
    // most one `+`, then digits among spaces, parentheses and hyphens.
    let to = to.trim().trim_start_matches([' ', '(']);
    let rest = to.strip_prefix('+').unwrap_or(to);
    if !rest
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'(' | b')' | b'.'))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

/// What a request turned into, before faults are applied to the answer.
enum Outcome {
    Created { body: Vec<u8> },
    Refused(GraphFailure),
}

/// The handler for the send endpoint (any method; only POST is supported).
pub(crate) async fn send(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        let failure = GraphFailure::unsupported(parts.method.as_str(), parts.uri.path());
        return graph_error(&failure, &fbtrace_id(u64::from(state.instance)));
    }
    let sequence = state.recorder.next_request();
    let mut dice = RequestDice::new(state.seed, sequence);
    let fault = state.faults.pick(dice.uniform());
    let status_draw = dice.uniform();
    let trace = fbtrace_id(dice.next_u64());
    let connection = parts.extensions.get::<ConnectionHandle>().cloned();

    // A total deadline for the body, however it trickles in. Answering before the body is
    // complete makes hyper close the connection after the answer.
    let deadline = tokio::time::Instant::now() + state.body_timeout;
    let body = match read_body(body, MAX_BODY_BYTES, deadline).await {
        Ok(bytes) => Ok(bytes),
        Err(BodyError::TimedOut) => Err(GraphFailure::invalid_parameter(format!(
            "the request body did not arrive within {}",
            humantime::format_duration(state.body_timeout)
        ))),
        Err(_) => Err(GraphFailure::invalid_parameter(format!(
            "the request body could not be read or is larger than {MAX_BODY_BYTES} bytes"
        ))),
    };

    match fault {
        Some(Fault::ServerError) => {
            state.recorder.count_fault(Fault::ServerError.name());
            return refuse(&state, &GraphFailure::something_went_wrong(), &trace);
        }
        Some(Fault::Unavailable) => {
            state.recorder.count_fault(Fault::Unavailable.name());
            return refuse(&state, &GraphFailure::unavailable(), &trace);
        }
        Some(Fault::Reset) => {
            state.recorder.count_fault(Fault::Reset.name());
            return reset_connection(connection).await;
        }
        _ => {}
    }

    let lost = matches!(fault, Some(Fault::LostReset | Fault::Lost500));
    let path = parts.uri.path();
    let outcome = match body {
        Ok(body) => {
            match check_and_create(
                &state,
                path,
                &parts.headers,
                &body,
                sequence,
                status_draw,
                lost,
            ) {
                Ok(body) => Outcome::Created { body },
                Err(failure) => Outcome::Refused(failure),
            }
        }
        Err(failure) => Outcome::Refused(failure),
    };

    if fault == Some(Fault::Slow) {
        state.recorder.count_fault(Fault::Slow.name());
        tokio::time::sleep(state.faults.slow_delay).await;
    }
    match outcome {
        Outcome::Refused(failure) => refuse(&state, &failure, &trace),
        Outcome::Created { body } => match fault {
            Some(Fault::LostReset) => {
                state.recorder.count_fault(Fault::LostReset.name());
                reset_connection(connection).await
            }
            Some(Fault::Lost500) => {
                state.recorder.count_fault(Fault::Lost500.name());
                refuse(&state, &GraphFailure::something_went_wrong(), &trace)
            }
            _ => with_usage(json_response(StatusCode::OK, body)),
        },
    }
}

/// Closes the connection without answering (the handler is dropped with it).
async fn reset_connection(connection: Option<ConnectionHandle>) -> Response {
    if let Some(connection) = connection {
        connection.kill();
        std::future::pending::<()>().await;
    }
    // Only reachable when served without the sandbox's accept loop: nothing to reset.
    graph_error(
        &GraphFailure::something_went_wrong(),
        "Aconnection-not-resettable",
    )
}

fn refuse(state: &AppState, failure: &GraphFailure, trace: &str) -> Response {
    state.recorder.count_error(failure.code);
    graph_error(failure, trace)
}

/// Graph's usage header, which the spec declares on 200 and 400 answers. The sandbox has no
/// Graph call budget, so it reports its business (the default account,
/// [`DEFAULT_WABA_ID`](crate::DEFAULT_WABA_ID), whatever `--waba-id` says) at zero usage.
const BUSINESS_USE_CASE_USAGE: &str = r#"{"102290129340398":[{"type":"whatsapp","call_count":0,"total_cputime":0,"total_time":0,"estimated_time_to_regain_access":0}]}"#;

pub(crate) fn with_usage(mut response: Response) -> Response {
    response.headers_mut().insert(
        "x-business-use-case-usage",
        HeaderValue::from_static(BUSINESS_USE_CASE_USAGE),
    );
    response
}

pub(crate) fn graph_error(failure: &GraphFailure, trace: &str) -> Response {
    let mut response = json_response(failure.status, failure.to_body(trace));
    if failure.status == StatusCode::BAD_REQUEST {
        response = with_usage(response);
    }
    if failure.status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("OAuth \"Facebook Platform\" \"invalid_token\""),
        );
    }
    response
}

/// A Graph read or write answered: its JSON body with 200, or its failure.
pub(crate) fn answer_json(state: &AppState, answer: Result<Vec<u8>, GraphFailure>) -> Response {
    match answer {
        Ok(body) => with_usage(json_response(StatusCode::OK, body)),
        Err(failure) => graph_error(&failure, &state.trace()),
    }
}

pub(crate) fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The checks, in Meta's order; creates and records the message when all pass and returns
/// the 200 body.
fn check_and_create(
    state: &AppState,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
    sequence: u64,
    status_draw: f64,
    lost: bool,
) -> Result<Vec<u8>, GraphFailure> {
    // 1. The token.
    check_token(state, headers)?;

    // 2. The phone number, 3. the version.
    let (version, phone_number_id) = version_and_object(path);
    let (Some(phone), Some(number)) = (
        state.phones.get(phone_number_id),
        state.account.sending(phone_number_id),
    ) else {
        return Err(GraphFailure::unknown_phone_number(phone_number_id));
    };
    check_version(version)?;
    // 3b. A number that is not CONNECTED cannot send, whatever the body.
    if number.status != PhoneNumberStatus::Connected {
        return Err(GraphFailure::number_cannot_send(
            phone_number_id,
            &number.status,
        ));
    }

    // 4. The body: JSON, matching the spec's schema and the cross-field rules (one validator,
    // the one `marketing` runs before sending).
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    require_json(content_type, None)?;
    let mut payload: Value = serde_json::from_slice(body).map_err(|e| {
        GraphFailure::invalid_parameter(format!("the request body is not valid JSON: {e}"))
    })?;
    let problems = if state.accept_any_template {
        state.validator.check_schema(&payload)
    } else {
        state.validator.check(&payload)
    };
    if !problems.is_empty() {
        return Err(GraphFailure::invalid_body(&problems));
    }
    // Meta accepts component and button keywords in any letter case.
    lower_case_keywords(&mut payload);

    // 5. Who it goes to: `to` wins when both are given, as Meta documents.
    let to = payload.get("to").and_then(Value::as_str);
    let recipient = payload.get("recipient").and_then(Value::as_str);
    let (input, user, by_bsuid) = match (to, recipient) {
        (None, None) => {
            return Err(GraphFailure::invalid_parameter(
                "to is required (or recipient, a business-scoped user ID)",
            ));
        }
        (Some(to), _) => match wa_id(to) {
            Some(digits) => (to.to_string(), digits, false),
            None => {
                return Err(GraphFailure::invalid_parameter(format!(
                    "to: {to:?} is not a phone number or WhatsApp ID"
                )));
            }
        },
        (None, Some(bsuid)) => (bsuid.to_string(), bsuid.to_string(), true),
    };

    // 6. The template: the account's definition, as the list endpoint serves it, and the
    // rules `marketing` checks a message with before sending.
    let name = payload["template"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let language = payload["template"]["language"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if !state.accept_any_template {
        let template = state
            .templates
            .find(&name, &language)
            .ok_or_else(|| GraphFailure::template_missing(&name, &language))?;
        let problems = wamm_client::templates::check(&payload, &template);
        if let Some(first) = first_answered(&problems) {
            return Err(GraphFailure::template_mismatch(first));
        }
    }
    let components = match payload["template"].get_mut("components") {
        Some(value) => value.take(),
        None => Value::Array(Vec::new()),
    };

    // 7. The user and the business.
    if state.opted_out.contains(&user) {
        return Err(GraphFailure::opted_out());
    }
    let product_policy = payload
        .get("product_policy")
        .and_then(Value::as_str)
        .map(str::to_string);
    let routed = if number.mm_lite {
        Route::MarketingMessagesLite
    } else if product_policy.as_deref() == Some("STRICT") {
        return Err(GraphFailure::not_onboarded(phone_number_id));
    } else {
        Route::CloudApiFallback
    };

    // 8. Limits: only a send that would be created takes capacity.
    if !phone.bucket.try_take() {
        return Err(GraphFailure::throughput());
    }
    if let Some(pairs) = &state.pairs
        && !pairs.try_send(phone_number_id, &user)
    {
        return Err(GraphFailure::pair_rate());
    }

    // Created.
    let message_status = pick_status(&state.status_shares, status_draw);
    let id = wamid(&user, state.instance, sequence);
    let response = success_body(&input, &user, by_bsuid, &id, message_status.clone());
    let template_id = state.templates.find(&name, &language).map(|t| t.id.clone());
    crate::aftermath::created(
        state,
        crate::webhooks::Created {
            wamid: id.clone(),
            user: user.clone(),
            phone_number_id: phone_number_id.to_string(),
            by_bsuid,
            sequence,
            held: message_status == MessageStatus::HeldForQualityAssessment,
        },
        template_id.as_deref(),
        routed,
    );
    state.recorder.record(RecordedMessage {
        wamid: id,
        phone_number_id: phone_number_id.to_string(),
        recipient: input,
        user,
        by_bsuid,
        template: name,
        language,
        components,
        product_policy,
        routed,
        message_status,
        response_lost: lost,
        sequence,
        time_ms: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or_default(),
    });
    Ok(response)
}

/// Of the ways a send does not fit its template, the one Meta answers with (one error per
/// request): the template itself first (not MARKETING: 134100; paused, disabled or not
/// approved: 132015, 132016, 132001), then the parameters' format (132012), their number
/// (132000), a missing value (131008); among equals, the first in path order.
fn first_answered(problems: &[Problem]) -> Option<&Problem> {
    fn rank(code: i64) -> u8 {
        match code {
            codes::NOT_MARKETING_TEMPLATE => 0,
            codes::TEMPLATE_PAUSED | codes::TEMPLATE_DISABLED | codes::TEMPLATE_NOT_FOUND => 1,
            codes::PARAMETER_FORMAT => 2,
            codes::PARAMETER_COUNT => 3,
            codes::PARAMETER_MISSING => 4,
            _ => 5,
        }
    }
    // `min_by_key` keeps the first of equal keys, and the problems come sorted by path.
    problems.iter().min_by_key(|p| rank(p.code()))
}

/// A JSON `Content-Type` (its parameters after `;` aside), else 400, 100; `kind` names the
/// body expected, where the refusal should say it.
pub(crate) fn require_json(content_type: &str, kind: Option<&str>) -> Result<(), GraphFailure> {
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    if media_type.eq_ignore_ascii_case("application/json") {
        return Ok(());
    }
    let kind = kind.map_or_else(String::new, |kind| format!(" (a {kind})"));
    Err(GraphFailure::invalid_parameter(format!(
        "Content-Type must be application/json{kind}; received {:?}",
        if content_type.is_empty() {
            "nothing"
        } else {
            content_type
        }
    )))
}

/// The bearer token, as the send endpoint and the inspection endpoints require it: none is
/// code 104, another one code 190 (both 401).
pub(crate) fn check_token(state: &AppState, headers: &HeaderMap) -> Result<(), GraphFailure> {
    match headers.get(header::AUTHORIZATION) {
        None => Err(GraphFailure::no_token()),
        Some(value) if !bearer_matches(value.as_bytes(), state.bearer.as_bytes()) => Err(
            GraphFailure::bad_token("the access token is not valid for this sandbox"),
        ),
        Some(_) => Ok(()),
    }
}

/// `Bearer <token>`, with the scheme in any case. Compared in constant time for the token.
fn bearer_matches(sent: &[u8], expected: &[u8]) -> bool {
    const SCHEME: usize = "Bearer ".len();
    if sent.len() != expected.len() || !sent[..SCHEME].eq_ignore_ascii_case(&expected[..SCHEME]) {
        return false;
    }
    sent[SCHEME..]
        .iter()
        .zip(&expected[SCHEME..])
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// A Graph API version as the spec's `Version` path parameter allows it (its pattern, through
/// the generated type).
fn is_version(version: &str) -> bool {
    types::SendMarketingMessageVersion::try_from(version).is_ok()
}

/// The path's version, refused (400, 100) unless [`is_version`].
pub(crate) fn check_version(version: &str) -> Result<(), GraphFailure> {
    if is_version(version) {
        Ok(())
    } else {
        Err(GraphFailure::invalid_parameter(format!(
            "unknown Graph API version {version:?}; expected a version such as v23.0"
        )))
    }
}

/// The first two segments of a path: `/{Version}/{Object-ID}/...`.
pub(crate) fn version_and_object(path: &str) -> (&str, &str) {
    let mut segments = path.trim_start_matches('/').split('/');
    let version = segments.next().unwrap_or_default();
    (version, segments.next().unwrap_or_default())
}

/// The checks of every edge of the account, in the template list's order: the token, then
/// the account in the path (400, 100, subcode 33), then the version.
pub(crate) fn check_account(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<(), GraphFailure> {
    check_token(state, headers)?;
    let (version, waba_id) = version_and_object(uri.path());
    if waba_id != state.waba_id {
        return Err(GraphFailure::unknown_account(waba_id));
    }
    check_version(version)
}

fn pick_status(shares: &StatusShares, u: f64) -> MessageStatus {
    if u < shares.held_for_quality_assessment {
        MessageStatus::HeldForQualityAssessment
    } else if u < shares.held_for_quality_assessment + shares.paused {
        MessageStatus::Paused
    } else {
        MessageStatus::Accepted
    }
}

/// The 200 body, as the generated `MarketingMessageResponsePayload` serialises it.
fn success_body(
    input: &str,
    user: &str,
    by_bsuid: bool,
    id: &str,
    status: MessageStatus,
) -> Vec<u8> {
    let contact = types::ResponseContact::builder()
        .input(Some(input.to_string()))
        .wa_id((!by_bsuid).then(|| user.to_string()))
        .user_id(by_bsuid.then(|| user.to_string()));
    let message = types::ResponseMessage::builder()
        .id(Some(id.to_string()))
        .message_status(Some(status));
    let payload: types::MarketingMessageResponsePayload = build(
        types::MarketingMessageResponsePayload::builder()
            .messaging_product(Some("whatsapp".to_string()))
            .contacts(vec![build(contact)])
            .messages(vec![build(message)]),
    );
    serde_json::to_vec(&payload).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_must_be_json_and_the_refusal_names_the_kind_asked_for() {
        assert!(require_json("application/json; charset=utf-8", None).is_ok());
        assert!(require_json("Application/JSON", Some("MessageTemplateEdit")).is_ok());
        assert_eq!(
            require_json("", None).unwrap_err().details,
            "Content-Type must be application/json; received \"nothing\""
        );
        assert_eq!(
            require_json("text/plain", Some("MessageTemplateCreate"))
                .unwrap_err()
                .details,
            "Content-Type must be application/json (a MessageTemplateCreate); received \"text/plain\""
        );
    }

    #[test]
    fn versions() {
        for ok in ["v23.0", "v1.10"] {
            assert!(is_version(ok), "{ok}");
        }
        for bad in [
            "23.0", "v23", "v23.", "v.0", "v23.0.1", "V23.0", "v2a.0", "",
        ] {
            assert!(!is_version(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers_normalise_to_digits() {
        assert_eq!(wa_id("+44 7700 900-123").as_deref(), Some("447700900123"));
        assert_eq!(wa_id("(555) 123.4567").as_deref(), Some("5551234567"));
        assert_eq!(wa_id("BR.4408812399120045"), None);
        assert_eq!(wa_id("+"), None);
        assert_eq!(user_key("BR.1"), "BR.1");
    }

    #[test]
    fn bearer_scheme_is_case_insensitive_but_the_token_is_not() {
        let expected = b"Bearer sandbox-token";
        assert!(bearer_matches(b"Bearer sandbox-token", expected));
        assert!(bearer_matches(b"bearer sandbox-token", expected));
        assert!(!bearer_matches(b"Bearer sandbox-tokeN", expected));
        assert!(!bearer_matches(b"Bearer sandbox-token2", expected));
        assert!(!bearer_matches(b"Basic  sandbox-token", expected));
    }

    #[test]
    fn statuses_follow_the_shares() {
        let shares = StatusShares {
            held_for_quality_assessment: 0.2,
            paused: 0.1,
        };
        assert_eq!(
            pick_status(&shares, 0.1),
            MessageStatus::HeldForQualityAssessment
        );
        assert_eq!(pick_status(&shares, 0.25), MessageStatus::Paused);
        assert_eq!(pick_status(&shares, 0.5), MessageStatus::Accepted);
    }
}
