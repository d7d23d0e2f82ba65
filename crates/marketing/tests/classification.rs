//! Every code in the reference sheet, with the class and the two answers a sender needs.

use marketing::{ErrorClass, GraphError, SendError, code_meaning};
use wamm_client::codes;

/// (code, class, retryable, may have been sent at HTTP 400, stops a run): written out here
/// by hand from the reference sheet, so a change to the table in `classify.rs` must be made
/// twice to pass. The codes stay numbers on purpose: the table in `classify.rs` names them
/// with `wamm_client::codes`, and this restatement also catches a constant with the wrong
/// number.
const TABLE: &[(i64, ErrorClass, bool, bool, bool)] = &[
    (4, ErrorClass::Throttled, true, false, false),
    (80007, ErrorClass::Throttled, true, false, false),
    (130429, ErrorClass::Throttled, true, false, false),
    (131056, ErrorClass::PairThrottled, true, false, false),
    (134101, ErrorClass::TemplateSyncing, true, false, false),
    (131009, ErrorClass::InvalidRequest, false, false, false),
    (131048, ErrorClass::Spam, false, false, true),
    (131049, ErrorClass::RecipientCooldown, false, false, false),
    (131050, ErrorClass::RecipientOptedOut, false, false, false),
    (
        131026,
        ErrorClass::RecipientUndeliverable,
        false,
        false,
        false,
    ),
    (131047, ErrorClass::RecipientRefused, false, false, false),
    (130472, ErrorClass::RecipientRefused, false, false, false),
    (131021, ErrorClass::RecipientRefused, false, false, false),
    (100, ErrorClass::InvalidRequest, false, false, false),
    (131008, ErrorClass::InvalidRequest, false, false, false),
    (132000, ErrorClass::InvalidRequest, false, false, false),
    (132005, ErrorClass::InvalidRequest, false, false, false),
    (132007, ErrorClass::InvalidRequest, false, false, false),
    (132012, ErrorClass::InvalidRequest, false, false, false),
    (132018, ErrorClass::InvalidRequest, false, false, false),
    (132001, ErrorClass::TemplateUnusable, false, false, true),
    (132015, ErrorClass::TemplateUnusable, false, false, true),
    (132016, ErrorClass::TemplateUnusable, false, false, true),
    (134102, ErrorClass::TemplateUnusable, false, false, true),
    (131055, ErrorClass::Routing, false, false, true),
    (134100, ErrorClass::Routing, false, false, true),
    (131061, ErrorClass::Routing, false, false, true),
    (131062, ErrorClass::Routing, false, false, true),
    (131063, ErrorClass::Routing, false, false, true),
    (0, ErrorClass::Auth, false, false, true),
    (104, ErrorClass::Auth, false, false, true),
    (190, ErrorClass::Auth, false, false, true),
    (3, ErrorClass::Permission, false, false, true),
    (10, ErrorClass::Permission, false, false, true),
    (200, ErrorClass::Permission, false, false, true),
    (250, ErrorClass::Permission, false, false, true),
    (299, ErrorClass::Permission, false, false, true),
    (368, ErrorClass::Permission, false, false, true),
    (130497, ErrorClass::Permission, false, false, true),
    (131005, ErrorClass::Permission, false, false, true),
    (131031, ErrorClass::Permission, false, false, true),
    (131042, ErrorClass::Account, false, false, true),
    (131057, ErrorClass::Account, false, false, true),
    (131064, ErrorClass::Account, false, false, true),
    (133010, ErrorClass::Account, false, false, true),
    (1, ErrorClass::Server, false, true, false),
    (2, ErrorClass::Server, false, true, false),
    (131000, ErrorClass::Server, false, true, false),
    (131016, ErrorClass::Server, false, true, false),
    (133004, ErrorClass::Server, false, true, false),
    // Codes Meta may add later are treated as unknown server failures.
    (199999, ErrorClass::Server, false, true, false),
];

fn api_error(status: u16, code: i64) -> SendError {
    let body = format!(r#"{{"error":{{"message":"(#{code}) x","code":{code}}}}}"#);
    SendError::Api(GraphError::from_body(status, body.as_bytes(), None).unwrap())
}

#[test]
fn every_reference_code_is_classified() {
    for &(code, class, retryable, sent, stops) in TABLE {
        assert_eq!(ErrorClass::of(code), class, "code {code}");
        let error = api_error(400, code);
        assert_eq!(error.class(), Some(class), "code {code}");
        assert_eq!(error.is_retryable(), retryable, "retryable, code {code}");
        assert_eq!(
            error.may_have_been_sent(),
            sent,
            "may have been sent, code {code}"
        );
        assert_eq!(error.stops_run(), stops, "stops the run, code {code}");
        assert_eq!(marketing::rule(code).stops_run, stops, "rule, code {code}");
        if code != 199999 && code != 250 {
            assert!(code_meaning(code).is_some(), "no meaning for {code}");
        }
        assert!(!class.advice().is_empty());
    }
}

#[test]
fn every_row_of_the_table_is_consistent_and_tested_here() {
    for rule in marketing::RULES {
        assert!(rule.first <= rule.last, "{rule:?}");
        assert!(!(rule.retry && rule.may_have_been_sent), "{rule:?}");
        assert!(!(rule.retry && rule.stops_run), "{rule:?}");
        assert!(!rule.meaning.is_empty(), "{rule:?}");
        assert!(
            TABLE.iter().any(|(code, ..)| rule.covers(*code)),
            "no test row for {rule:?}"
        );
        // Rows never overlap: a code has one answer.
        let overlapping = marketing::RULES
            .iter()
            .filter(|other| other.first <= rule.last && rule.first <= other.last)
            .count();
        assert_eq!(overlapping, 1, "{rule:?}");
    }
}

#[test]
fn a_5xx_may_have_been_sent_unless_the_code_is_a_documented_refusal() {
    for code in [
        codes::SOMETHING_WENT_WRONG,
        codes::THROUGHPUT_LIMIT,
        codes::ACCESS_TOKEN_INVALID,
    ] {
        let error = api_error(500, code);
        assert!(error.may_have_been_sent(), "code {code}");
        assert!(!error.stops_run(), "code {code}");
    }
    // Meta answers 134102 with HTTP 500: a definite refusal that stops the run.
    let error = api_error(500, codes::TEMPLATE_UNAVAILABLE);
    assert!(!error.may_have_been_sent());
    assert!(error.stops_run());
    // A throttling code under a 5xx status leaves the outcome open: it must not be resent.
    assert!(api_error(503, codes::THROUGHPUT_LIMIT).may_have_been_sent());
    assert!(!api_error(503, codes::THROUGHPUT_LIMIT).is_retryable());
}

#[test]
fn classification_is_by_code_not_status() {
    // Throughput errors come back as HTTP 400, like bad requests.
    assert_eq!(
        api_error(400, codes::THROUGHPUT_LIMIT).class(),
        Some(ErrorClass::Throttled)
    );
    assert_eq!(
        api_error(400, codes::INVALID_PARAMETER).class(),
        Some(ErrorClass::InvalidRequest)
    );
    // An auth code under an odd status is still auth.
    assert_eq!(
        api_error(400, codes::ACCESS_TOKEN_INVALID).class(),
        Some(ErrorClass::Auth)
    );
}

#[test]
fn waits_come_from_retry_after_or_the_class() {
    use std::time::Duration;
    let body = br#"{"error":{"message":"x","code":130429}}"#;
    let with_header =
        SendError::Api(GraphError::from_body(400, body, Some(Duration::from_secs(7))).unwrap());
    assert_eq!(with_header.suggested_wait(), Some(Duration::from_secs(7)));
    assert_eq!(
        api_error(400, codes::TEMPLATE_SYNCING).suggested_wait(),
        Some(Duration::from_secs(600))
    );
    assert_eq!(
        api_error(400, codes::HEALTHY_ECOSYSTEM).suggested_wait(),
        Some(Duration::from_secs(86_400))
    );
    assert_eq!(
        api_error(400, codes::THROUGHPUT_LIMIT).suggested_wait(),
        None
    );
}

/// 131064 (the messaging limit lowered after template classification violations) stops the
/// run, and only it fails the row that met it: a final outcome whose explanation says what
/// Meta means and what to do, never `unknown`.
#[test]
fn only_131064_fails_its_row_while_stopping_the_run() {
    let rule = marketing::rule(131064);
    assert!(rule.stops_run && rule.fails_row && !rule.may_have_been_sent && !rule.retry);
    let why = rule.explain("Graph error 131064 (HTTP 400): (#131064) x");
    assert!(why.contains("messaging limit"), "{why}");
    assert!(why.contains("WhatsApp Manager"), "{why}");
    assert!(!api_error(400, 131064).may_have_been_sent());
    for rule in marketing::RULES {
        assert!(!rule.fails_row || rule.stops_run, "{rule:?}");
        if rule.fails_row {
            assert!(rule.covers(131064), "{rule:?}");
        }
    }
}

fn api_error_saying(code: i64, message: &str, details: &str) -> SendError {
    let body = serde_json::json!({"error": {"message": message, "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details}}});
    SendError::Api(GraphError::from_body(400, body.to_string().as_bytes(), None).unwrap())
}

/// 131009 refuses its row, unless Graph's words name the ad account: then nothing was created
/// and the account only has to finish its set-up, so it is retried like a template still
/// syncing (after about 10 minutes), never failed.
#[test]
fn a_131009_about_the_ad_account_is_retried_later_and_any_other_refuses_its_row() {
    let plain = api_error_saying(
        131009,
        "(#131009) Parameter value is not valid",
        "Invalid currency code",
    );
    assert_eq!(plain.class(), Some(ErrorClass::InvalidRequest));
    assert!(!plain.is_retryable() && !plain.stops_run() && !plain.may_have_been_sent());
    for details in [
        "The ad account linked to this business is still syncing",
        "Ad Account setup incomplete",
        "ad_account not ready",
    ] {
        let syncing = api_error_saying(131009, "(#131009) Parameter value is not valid", details);
        assert_eq!(
            syncing.class(),
            Some(ErrorClass::TemplateSyncing),
            "{details}"
        );
        assert!(syncing.is_retryable(), "{details}");
        assert!(
            !syncing.may_have_been_sent() && !syncing.stops_run(),
            "{details}"
        );
        assert_eq!(
            syncing.suggested_wait(),
            Some(std::time::Duration::from_secs(600))
        );
    }
}
