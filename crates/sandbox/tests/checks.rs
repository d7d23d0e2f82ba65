//! One test per check of the send endpoint, over real HTTP on loopback: status, code and the
//! Graph error envelope.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use wamm_client::codes;
use wamm_sandbox::{
    DEFAULT_PHONE_NUMBER_ID, DEFAULT_TOKEN, MessagePage, MessageStatus, PhoneNumber, Route,
    SandboxConfig, Stats, StatusShares,
};

#[tokio::test]
async fn the_rich_example_is_created_and_recorded() {
    let sandbox = start_default().await;
    let answer = post(&sandbox, &rich()).await;
    let wamid = answer.created();
    assert_eq!(
        answer.body["contacts"][0],
        json!({"input": "+5511987654321", "wa_id": "5511987654321"})
    );
    assert_eq!(answer.body["messages"][0]["message_status"], "accepted");

    let page: MessagePage =
        serde_json::from_value(get_json(&sandbox, "/__sandbox/messages").await).unwrap();
    assert_eq!((page.created, page.held, page.next), (1, 1, 1));
    let listed = page.messages;
    assert_eq!(listed, sandbox.messages());
    let [message] = listed.as_slice() else {
        panic!("one message: {listed:?}")
    };
    assert_eq!(message.wamid, wamid);
    assert_eq!(message.phone_number_id, DEFAULT_PHONE_NUMBER_ID);
    assert_eq!(message.recipient, "+5511987654321");
    assert_eq!(message.user, "5511987654321");
    assert!(!message.by_bsuid);
    assert_eq!(message.template, "flash_deal");
    assert_eq!(message.language, "pt_BR");
    assert_eq!(message.components, rich()["template"]["components"]);
    assert_eq!(message.product_policy.as_deref(), Some("STRICT"));
    assert_eq!(message.routed, Route::MarketingMessagesLite);
    assert_eq!(message.message_status, MessageStatus::Accepted);
    assert!(!message.response_lost);
    assert!(message.time_ms > 1_700_000_000_000);
}

#[tokio::test]
async fn every_message_gets_its_own_wamid() {
    let sandbox = start_default().await;
    let a = post(&sandbox, &spring_sale("447700900001")).await.created();
    let b = post(&sandbox, &spring_sale("447700900001")).await.created();
    assert_ne!(a, b);
}

#[tokio::test]
async fn a_missing_token_is_401_104_and_a_wrong_one_401_190() {
    let sandbox = start_default().await;
    let body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
    let url = send_url(&sandbox);
    let answer = post_raw(&sandbox, &url, None, "application/json", body.clone()).await;
    answer.graph_error(401, codes::ACCESS_TOKEN_MISSING);
    for token in [Some("not-the-token"), Some("")] {
        let answer = post_raw(&sandbox, &url, token, "application/json", body.clone()).await;
        answer.graph_error(401, codes::ACCESS_TOKEN_INVALID);
    }
    assert!(sandbox.messages().is_empty());
}

#[tokio::test]
async fn an_unknown_phone_number_is_400_100() {
    let sandbox = start_default().await;
    let url = url_for(&sandbox, "v23.0", "999");
    let body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
    let answer = post_json_bytes(&sandbox, &url, body).await;
    answer.graph_error_naming(400, codes::INVALID_PARAMETER, "'999'");
}

#[tokio::test]
async fn a_malformed_version_is_400_100() {
    let sandbox = start_default().await;
    for version in ["v23", "23.0", "latest"] {
        let url = url_for(&sandbox, version, DEFAULT_PHONE_NUMBER_ID);
        let body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
        let answer = post_json_bytes(&sandbox, &url, body).await;
        answer.graph_error_naming(400, codes::INVALID_PARAMETER, version);
    }
}

#[tokio::test]
async fn auth_is_checked_before_the_phone_number_and_that_before_the_version() {
    let sandbox = start_default().await;
    let body = serde_json::to_vec(&spring_sale("447700900123")).unwrap();
    let bad_both = url_for(&sandbox, "v23", "999");
    post_raw(
        &sandbox,
        &bad_both,
        Some("x"),
        "application/json",
        body.clone(),
    )
    .await
    .graph_error(401, codes::ACCESS_TOKEN_INVALID);
    post_json_bytes(&sandbox, &bad_both, body)
        .await
        .graph_error_naming(400, codes::INVALID_PARAMETER, "'999'");
}

#[tokio::test]
async fn non_json_bodies_are_400_100() {
    let sandbox = start_default().await;
    let url = send_url(&sandbox);
    post_raw(
        &sandbox,
        &url,
        Some(DEFAULT_TOKEN),
        "text/plain",
        b"to=447700900123".to_vec(),
    )
    .await
    .graph_error_naming(400, codes::INVALID_PARAMETER, "application/json");
    post_json_bytes(&sandbox, &url, b"{\"to\":".to_vec())
        .await
        .graph_error_naming(400, codes::INVALID_PARAMETER, "not valid JSON");
}

#[tokio::test]
async fn a_16_character_coupon_is_400_100_naming_its_path() {
    let sandbox = start_default().await;
    let mut body = rich();
    body["template"]["components"][3]["parameters"][0]["coupon_code"] = json!("FLASH42FLASH42FL");
    let details = post(&sandbox, &body)
        .await
        .graph_error(400, codes::INVALID_PARAMETER);
    assert_eq!(
        details,
        "template.components[3].parameters[0].coupon_code: 16 characters, at most 15"
    );
    assert!(sandbox.messages().is_empty());
}

#[tokio::test]
async fn schema_violations_are_400_100_and_all_listed() {
    let sandbox = start_default().await;
    let body = json!({"messaging_product": "sms", "recipient_type": "individual", "to": "1",
                      "type": "text"});
    let details = post(&sandbox, &body)
        .await
        .graph_error(400, codes::INVALID_PARAMETER);
    assert!(details.contains("messaging_product"), "{details}");
    assert!(
        details.contains("template: missing, expected an object"),
        "{details}"
    );

    let mut body = spring_sale("447700900123");
    body["template"]["components"][0]["parameters"][0] = json!({"type": "text"});
    let details = post(&sandbox, &body)
        .await
        .graph_error(400, codes::INVALID_PARAMETER);
    assert!(
        details
            .starts_with("template.components[0].parameters[0].text: missing, expected a string"),
        "{details}"
    );
}

#[tokio::test]
async fn to_wins_over_recipient_and_one_of_them_is_needed() {
    let sandbox = start_default().await;
    let mut both = spring_sale("447700900123");
    both["recipient"] = json!("BR.4408812399120045");
    let answer = post(&sandbox, &both).await;
    answer.created();
    assert_eq!(answer.body["contacts"][0]["wa_id"], json!("447700900123"));

    let mut neither = spring_sale("447700900123");
    neither.as_object_mut().unwrap().remove("to");
    post(&sandbox, &neither)
        .await
        .graph_error(400, codes::INVALID_PARAMETER);

    post(&sandbox, &spring_sale("call me maybe"))
        .await
        .graph_error(400, codes::INVALID_PARAMETER);
}

#[tokio::test]
async fn a_bsuid_send_answers_with_user_id() {
    let sandbox = start_default().await;
    let mut body = spring_sale("x");
    body.as_object_mut().unwrap().remove("to");
    body["recipient"] = json!("BR.4408812399120045");
    let answer = post(&sandbox, &body).await;
    answer.created();
    assert_eq!(
        answer.body["contacts"][0],
        json!({"input": "BR.4408812399120045", "user_id": "BR.4408812399120045"})
    );
    let message = &sandbox.messages()[0];
    assert!(message.by_bsuid);
    assert_eq!(message.user, "BR.4408812399120045");

    body["bid_spec"] = json!({"per_message_bid_multiplier": 1.5});
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::BID_SPEC_WITH_BSUID);
}

#[tokio::test]
async fn an_unknown_template_or_language_is_404_132001() {
    let sandbox = start_default().await;
    let mut body = spring_sale("447700900123");
    body["template"]["name"] = json!("spring_sal");
    let details = post(&sandbox, &body)
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);
    assert_eq!(
        details,
        "template name (spring_sal) does not exist in en_US"
    );

    let mut body = spring_sale("447700900123");
    body["template"]["language"]["code"] = json!("en_GB");
    post(&sandbox, &body)
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);
}

#[tokio::test]
async fn a_utility_template_is_134100() {
    let sandbox = start_default().await;
    let mut body = spring_sale("447700900123");
    body["template"]["name"] = json!("order_update");
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::NOT_MARKETING_TEMPLATE);
}

#[tokio::test]
async fn a_paused_template_is_132015() {
    let sandbox = start_default().await;
    let mut body = spring_sale("447700900123");
    body["template"] = json!({"name": "old_promo", "language": {"code": "en_US"}});
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);
}

#[tokio::test]
async fn named_versus_positional_is_132012() {
    let sandbox = start_default().await;
    let mut body = spring_sale("447700900123");
    body["template"]["components"][0]["parameters"][0]["parameter_name"] = json!("name");
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_FORMAT);

    let mut body = rich();
    body["template"]["components"][1]["parameters"][0]
        .as_object_mut()
        .unwrap()
        .remove("parameter_name");
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_FORMAT);
}

#[tokio::test]
async fn a_header_of_the_wrong_media_type_is_132012() {
    let sandbox = start_default().await;
    let mut body = rich();
    body["template"]["components"][0]["parameters"][0] =
        json!({"type": "video", "video": {"id": "1166846181421424"}});
    let details = post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_FORMAT);
    // The details are the template check's problem: its path, then what the template takes.
    assert!(
        details.starts_with("template.components[0].parameters[0].type: "),
        "{details}"
    );
    assert!(
        details.contains("IMAGE") && details.contains("video"),
        "{details}"
    );
}

#[tokio::test]
async fn a_wrong_parameter_count_is_132000() {
    let sandbox = start_default().await;
    let mut body = spring_sale("447700900123");
    items(&mut body["template"]["components"][0]["parameters"])
        .push(json!({"type": "text", "text": "Ben"}));
    let details = post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_COUNT);
    assert!(
        details.starts_with("template.components[0].parameters: "),
        "{details}"
    );
    assert!(details.contains("1 variable(s), got 2"), "{details}");

    let mut body = spring_sale("447700900123");
    body["template"]["components"] = json!([]);
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_COUNT);
}

#[tokio::test]
async fn a_named_variable_left_out_is_131008() {
    // Meta's template format carries no variable types: a named template's variables are
    // its names, and one left out is a missing value.
    let sandbox = start_default().await;
    let mut body = rich();
    items(&mut body["template"]["components"][1]["parameters"]).pop();
    post(&sandbox, &body)
        .await
        .graph_error_naming(400, codes::PARAMETER_MISSING, "missing price");
}

#[tokio::test]
async fn any_parameter_type_fills_a_variable() {
    // The template says nothing of types: `price` takes a currency, a date-time or a text.
    let sandbox = start_default().await;
    for price in [
        json!({"type": "currency", "parameter_name": "price",
               "currency": {"fallback_value": "R$ 149,90", "code": "BRL", "amount_1000": 149900}}),
        json!({"type": "date_time", "parameter_name": "price",
               "date_time": {"fallback_value": "amanhã"}}),
        json!({"type": "text", "parameter_name": "price", "text": "R$ 149,90"}),
    ] {
        let mut body = rich();
        body["template"]["components"][1]["parameters"][1] = price;
        post(&sandbox, &body).await.created();
    }
}

#[tokio::test]
async fn a_send_with_several_problems_gets_the_one_meta_answers_first() {
    let sandbox = start_default().await;
    // Paused, and a parameter too many: the template's status comes first.
    let mut body = spring_sale("447700900123");
    body["template"]["name"] = json!("old_promo");
    let details = post(&sandbox, &body)
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);
    assert!(details.starts_with("template.name: "), "{details}");
    // Positional values for a named template, with the header left out: the format (132012)
    // before the missing values (131008).
    let mut body = rich();
    let components = items(&mut body["template"]["components"]);
    components.remove(0);
    for parameter in items(&mut components[0]["parameters"]) {
        parameter.as_object_mut().unwrap().remove("parameter_name");
    }
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_FORMAT);
}

#[tokio::test]
async fn a_missing_coupon_is_131008() {
    let sandbox = start_default().await;
    let mut body = rich();
    items(&mut body["template"]["components"]).remove(3);
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_MISSING);
}

#[tokio::test]
async fn the_carousel_template_takes_two_cards() {
    let sandbox = start_default().await;
    let card = |i: u64| {
        json!({"card_index": i, "components": [
            {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.org/a.jpg"}}]},
            {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "a"}]}]})
    };
    let mut body = spring_sale("447700900123");
    body["template"] = json!({"name": "weekend_picks", "language": {"code": "en"}, "components": [
        {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]},
        {"type": "carousel", "cards": [card(0), card(1)]}]});
    post(&sandbox, &body).await.created();

    body["template"]["components"][1]["cards"] = json!([card(0), card(1), card(2)]);
    post(&sandbox, &body)
        .await
        .graph_error(400, codes::PARAMETER_COUNT);
}

#[tokio::test]
async fn an_opted_out_user_is_131050_in_any_number_format() {
    let sandbox = start(SandboxConfig::default().with_opted_out("+44 7700 900999")).await;
    post(&sandbox, &spring_sale("447700900999"))
        .await
        .graph_error(400, codes::MARKETING_OPT_OUT);
    post(&sandbox, &spring_sale("447700900123")).await.created();
}

#[tokio::test]
async fn strict_from_a_number_not_onboarded_is_refused_and_the_default_falls_back() {
    let other = "200000000000001";
    let sandbox =
        start(SandboxConfig::default().with_phone_number(PhoneNumber::not_onboarded(other))).await;
    let send = |body: Value| {
        let sandbox = &sandbox;
        async move { post_from(sandbox, other, &body).await }
    };

    let mut strict = spring_sale("447700900123");
    strict["product_policy"] = json!("STRICT");
    send(strict)
        .await
        .graph_error_naming(403, codes::PERMISSION_DENIED, "not onboarded");

    send(spring_sale("447700900123")).await.created();
    let mut fallback = spring_sale("447700900124");
    fallback["product_policy"] = json!("CLOUD_API_FALLBACK");
    send(fallback).await.created();

    let routes: Vec<Route> = sandbox.messages().iter().map(|m| m.routed).collect();
    assert_eq!(routes, [Route::CloudApiFallback, Route::CloudApiFallback]);
    assert_eq!(sandbox.stats().fallback, 2);

    // The onboarded default number goes through MM Lite, STRICT or not.
    let mut strict = spring_sale("447700900125");
    strict["product_policy"] = json!("STRICT");
    post(&sandbox, &strict).await.created();
    assert_eq!(
        sandbox.messages().last().unwrap().routed,
        Route::MarketingMessagesLite
    );
}

#[tokio::test]
async fn over_the_throughput_is_400_130429() {
    let sandbox = start(SandboxConfig {
        mps: 1,
        burst: Some(3),
        ..SandboxConfig::default()
    })
    .await;
    send_spring_sales(&sandbox, 0..3).await;
    post(&sandbox, &spring_sale("447700900099"))
        .await
        .graph_error(400, codes::THROUGHPUT_LIMIT);
    // A refused send creates nothing; a token comes back after 1/mps seconds.
    assert_eq!(sandbox.messages().len(), 3);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    post(&sandbox, &spring_sale("447700900099")).await.created();
}

#[tokio::test]
async fn a_client_paced_at_the_limit_is_never_throttled() {
    let sandbox = start(SandboxConfig {
        mps: 50,
        ..SandboxConfig::default()
    })
    .await;
    let start = tokio::time::Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(20));
    for i in 0..100 {
        tick.tick().await;
        post(&sandbox, &spring_sale(&format!("4477009{i:05}")))
            .await
            .created();
    }
    assert!(start.elapsed() >= Duration::from_millis(1900));
}

#[tokio::test]
async fn again_to_the_same_user_within_the_pair_interval_is_131056() {
    let sandbox = start(SandboxConfig {
        pair_interval: Some(Duration::from_millis(300)),
        ..SandboxConfig::default()
    })
    .await;
    post(&sandbox, &spring_sale("447700900123")).await.created();
    post(&sandbox, &spring_sale("+447700900123"))
        .await
        .graph_error(400, codes::PAIR_RATE_LIMIT);
    post(&sandbox, &spring_sale("447700900124")).await.created();
    tokio::time::sleep(Duration::from_millis(350)).await;
    post(&sandbox, &spring_sale("447700900123")).await.created();
}

#[tokio::test]
async fn status_shares_set_message_status() {
    let sandbox = start(SandboxConfig {
        status_shares: StatusShares {
            held_for_quality_assessment: 1.0,
            paused: 0.0,
        },
        ..SandboxConfig::default()
    })
    .await;
    let answer = post(&sandbox, &spring_sale("447700900123")).await;
    assert_eq!(
        answer.body["messages"][0]["message_status"],
        "held_for_quality_assessment"
    );

    let sandbox = start(SandboxConfig {
        status_shares: StatusShares {
            held_for_quality_assessment: 0.3,
            paused: 0.3,
        },
        seed: 3,
        ..SandboxConfig::default()
    })
    .await;
    send_spring_sales(&sandbox, 0..60).await;
    let stats: Stats =
        serde_json::from_value(get_json(&sandbox, "/__sandbox/stats").await).unwrap();
    for status in ["accepted", "held_for_quality_assessment", "paused"] {
        let n = stats.by_status.get(status).copied().unwrap_or_default();
        assert!((5..=40).contains(&n), "{status}: {n} of 60: {stats:?}");
    }
}

#[tokio::test]
async fn other_methods_are_400_100() {
    let sandbox = start_default().await;
    get_answer(&send_url(&sandbox))
        .await
        .graph_error(400, codes::INVALID_PARAMETER);
}

#[tokio::test]
async fn stats_count_requests_results_and_reset_clears_them() {
    let sandbox = start_default().await;
    post(&sandbox, &spring_sale("447700900123")).await.created();
    post(&sandbox, &rich()).await.created();
    let mut bad = spring_sale("447700900123");
    bad["template"]["name"] = json!("nope");
    post(&sandbox, &bad)
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);

    let stats: Stats =
        serde_json::from_value(get_json(&sandbox, "/__sandbox/stats").await).unwrap();
    assert_eq!(stats, sandbox.stats());
    assert_eq!(stats.requests, 3);
    assert_eq!(stats.created, 2);
    assert_eq!(
        stats.errors_by_code.get(&codes::TEMPLATE_NOT_FOUND),
        Some(&1)
    );
    assert_eq!(stats.by_status.get("accepted"), Some(&2));
    assert!(stats.faults.is_empty());

    assert!(reset(&sandbox).await.is_success());
    assert!(sandbox.messages().is_empty());
    assert_eq!(sandbox.stats(), Stats::default());
}

/// A NUL character in a text, sent as JSON's `\u0000`, is refused (100) naming the field, and
/// nothing is created.
#[tokio::test]
async fn a_nul_character_in_a_text_is_refused_naming_the_field() {
    let sandbox = start_default().await;
    let mut body = spring_sale("447700900123");
    body["template"]["components"][0]["parameters"][0]["text"] = json!("An\u{0}a");
    let answer = post(&sandbox, &body).await;
    let details = answer.graph_error(400, codes::INVALID_PARAMETER);
    assert!(
        details.contains("template.components[0].parameters[0].text"),
        "{details}"
    );
    assert!(details.contains("NUL"), "{details}");
    assert_eq!(sandbox.stats().created, 0);
}

#[tokio::test]
async fn phone_numbers_as_meta_documents_them_are_accepted_and_echoed() {
    // Meta's message reference supports plus signs, spaces, hyphens and parentheses in the
    // phone number: `input` is the value as sent, `wa_id` its digits.
    let sandbox = start_default().await;
    for to in ["+1 631 555 2223", "+1 (631) 555-2223", "1-631-555-2223"] {
        let answer = post(&sandbox, &spring_sale(to)).await;
        answer.created();
        assert_eq!(
            answer.body["contacts"][0],
            json!({"input": to, "wa_id": "16315552223"}),
            "{to}"
        );
    }
    let users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(users, ["16315552223"; 3]);
    // Letters are still no phone number.
    post(&sandbox, &spring_sale("+1 631 555 CALL"))
        .await
        .graph_error(400, codes::INVALID_PARAMETER);
}

#[tokio::test]
async fn parameter_types_in_upper_case_are_accepted() {
    // As meta-cloud-api writes them ("TEXT", "IMAGE", "CURRENCY").
    let sandbox = start_default().await;
    let mut body = rich();
    for (component, parameter) in [(0, 0), (1, 0), (1, 1), (2, 0), (3, 0), (4, 0)] {
        let kind = &mut body["template"]["components"][component]["parameters"][parameter]["type"];
        *kind = json!(kind.as_str().unwrap().to_ascii_uppercase());
    }
    assert_eq!(
        body["template"]["components"][1]["parameters"][1]["type"],
        "CURRENCY"
    );
    post(&sandbox, &body).await.created();
    // Recorded as wamm writes it, in lower case.
    let message = sandbox.messages().pop().unwrap();
    assert_eq!(message.components, rich()["template"]["components"]);
}

#[tokio::test]
async fn a_template_name_meta_never_gives_is_looked_up_and_is_132001() {
    // Meta's own schema example is TEMPLATE_NAME: the name is looked up, not pattern-matched.
    let sandbox = start_default().await;
    for name in ["TEMPLATE_NAME", "Spring_Sale", "spring-sale"] {
        let mut body = spring_sale("447700900123");
        body["template"]["name"] = json!(name);
        let details = post(&sandbox, &body)
            .await
            .graph_error(404, codes::TEMPLATE_NOT_FOUND);
        assert_eq!(
            details,
            format!("template name ({name}) does not exist in en_US")
        );
    }
}
