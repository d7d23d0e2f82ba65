//! One case per validation rule, good and bad; every problem is reported with its path.

use marketing::{Message, validate_json, validate_value};
use proptest::prelude::*;
use serde_json::{Value, json};
use wamm_testkit::json;

/// A body from `tests/resources/`.
fn resource(name: &str) -> Value {
    let path = format!("{}/tests/resources/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn rich() -> Value {
    resource("rich.json")
}

fn carousel() -> Value {
    resource("carousel.json")
}

fn buttons() -> Value {
    resource("buttons.json")
}

/// `base` with the value at `path` (written as problems name it:
/// `template.components[1].text`) set to `value`; missing objects on the way are made.
fn with(base: fn() -> Value, path: &str, value: Value) -> Value {
    let mut body = base();
    let mut at = &mut body;
    for key in path.split(['.', '[']) {
        at = match key.strip_suffix(']') {
            Some(index) => &mut at[index.parse::<usize>().unwrap()],
            None => &mut at[key],
        };
    }
    *at = value;
    body
}

/// `base` with `path` set to `value` is valid.
#[track_caller]
fn accepted(base: fn() -> Value, path: &str, value: Value) {
    let body = with(base, path, value.clone());
    assert_eq!(problems(&body), Vec::<String>::new(), "{path}: {value}");
}

/// `base` with `path` set to `value` has exactly one problem, at `path`, whose message
/// contains `needle`.
#[track_caller]
fn refused(base: fn() -> Value, path: &str, value: Value, needle: &str) {
    assert_one(&with(base, path, value), path, needle);
}

/// The problems of `body` as `path: message` lines.
fn problems(body: &Value) -> Vec<String> {
    match validate_value(body) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.problems().iter().map(|p| p.to_string()).collect(),
    }
}

/// `body` has exactly one problem, at `path`, whose message contains `needle`.
#[track_caller]
fn assert_one(body: &Value, path: &str, needle: &str) {
    let found = problems(body);
    assert_eq!(
        found.len(),
        1,
        "expected one problem at {path}, got {found:#?}"
    );
    let line = &found[0];
    assert!(
        line.starts_with(&format!("{path}: ")),
        "expected a problem at {path}, got {line}"
    );
    assert!(line.contains(needle), "expected {needle:?} in {line}");
    // The same body is refused by Message::from_value with the same list.
    assert!(Message::from_value(body.clone()).is_err());
}

#[test]
fn the_reference_examples_are_valid() {
    assert_eq!(problems(&rich()), Vec::<String>::new());
    assert_eq!(problems(&carousel()), Vec::<String>::new());
    assert_eq!(problems(&buttons()), Vec::<String>::new());
}

#[test]
fn recipient_phone_format() {
    for good in [
        "447700900123",
        "+447700900123",
        "12345678",
        "123456789012345",
        // Meta's message reference supports plus signs, spaces, hyphens and parentheses.
        "+44 7700 900123",
        "44-7700-900123",
        "+1 (631) 555-2223",
    ] {
        accepted(rich, "to", json!(good));
    }
    for bad in [
        "1234567",
        "1234567890123456",
        "+44 7700",
        "+44.7700.900123",
        "",
        "++447700900123",
        "abc",
    ] {
        refused(
            rich,
            "to",
            json!(bad),
            "expected a phone number with its country code",
        );
    }
    refused(
        rich,
        "to",
        json!(447700900123_i64),
        "447700900123, expected a phone number",
    );
}

#[test]
fn recipient_bsuid_shape_and_exclusivity() {
    let mut body = rich();
    body.as_object_mut().unwrap().remove("to");
    body["recipient"] = json!("BR.4408812399120045");
    assert_eq!(problems(&body), Vec::<String>::new());
    for bad in [
        "br.4408812399120045",
        "BRA.44088",
        "BR4408812399120045",
        "BR.",
        "BR.44-08",
    ] {
        body["recipient"] = json!(bad);
        assert_one(&body, "recipient", "expected a BSUID");
    }
    // Both: accepted, `to` wins (Meta's BSUID documentation).
    accepted(rich, "recipient", json!("BR.4408812399120045"));
    // Parent BSUIDs, and BSUIDs up to 128 characters.
    body["recipient"] = json!("US.ENT.11815799212886844830");
    assert_eq!(problems(&body), Vec::<String>::new());
    body["recipient"] = json!(format!("US.{}", "7".repeat(125)));
    assert_eq!(problems(&body), Vec::<String>::new());
    body["recipient"] = json!(format!("US.{}", "7".repeat(126)));
    assert_one(&body, "recipient", "129 characters, at most 128");
    let mut neither = rich();
    neither.as_object_mut().unwrap().remove("to");
    assert_eq!(
        problems(&neither),
        ["give the user in `to` (a phone number) or `recipient` (a BSUID)"]
    );
}

#[test]
fn constants_and_message_type() {
    refused(rich, "type", json!("text"), "only template messages");
    refused(
        rich,
        "messaging_product",
        json!("sms"),
        "expected \"whatsapp\"",
    );
    let mut body = rich();
    body.as_object_mut().unwrap().remove("recipient_type");
    assert_one(&body, "recipient_type", "missing");
}

#[test]
fn template_name() {
    // Meta looks a name up (132001 when there is no such template); its form is not checked.
    for name in ["Flash_Deal", "flash deal", "flash-deal", "TEMPLATE_NAME"] {
        accepted(rich, "template.name", json!(name));
    }
    refused(rich, "template.name", json!(""), "");
    refused(
        rich,
        "template.name",
        json!("a".repeat(513)),
        "513 characters, at most 512",
    );
}

#[test]
fn language_code() {
    let code = "template.language.code";
    for good in ["en", "en_US", "pt_BR", "es_419", "fil", "zh_Hant_HK"] {
        accepted(rich, code, json!(good));
    }
    for bad in ["EN", "en-US", "english", "e", ""] {
        refused(rich, code, json!(bad), "expected a language code");
    }
    refused(
        rich,
        "template.language.policy",
        json!("fallback"),
        "deterministic",
    );
}

#[test]
fn named_and_positional_parameters_mixed() {
    let mut body = rich();
    body["template"]["components"][1]["parameters"][1]
        .as_object_mut()
        .unwrap()
        .remove("parameter_name");
    assert_one(
        &body,
        "template.components",
        "named and positional parameters are mixed (1 named",
    );
}

#[test]
fn duplicate_and_malformed_parameter_names() {
    refused(
        rich,
        "template.components[1].parameters[1].parameter_name",
        json!("first_name"),
        "already given by parameters[0]",
    );
    refused(
        rich,
        "template.components[1].parameters[0].parameter_name",
        json!("First Name"),
        "lowercase",
    );
}

#[test]
fn button_index_range_and_repeats() {
    let index = "template.components[4].index";
    for bad in [json!(10), json!(-1), json!("10"), json!(1.5), json!(null)] {
        refused(rich, index, bad, "from 0 to 9");
    }
    // A string index is the same index.
    for repeated in [json!(0), json!("0")] {
        refused(rich, index, repeated, "already given by [3]");
    }
}

#[test]
fn coupon_length() {
    let coupon = "template.components[3].parameters[0].coupon_code";
    accepted(rich, coupon, json!("ABCDEFGHIJKLMNO"));
    refused(
        rich,
        coupon,
        json!("ABCDEFGHIJKLMNOP"),
        "16 characters, at most 15",
    );
}

#[test]
fn button_parameter_must_match_its_sub_type() {
    let mut body = rich();
    body["template"]["components"][4]["parameters"][0] = json!({"type": "payload", "payload": "x"});
    assert_one(
        &body,
        "template.components[4].parameters[0].type",
        "expected \"text\" for a url button",
    );
    refused(
        rich,
        "template.components[4].sub_type",
        json!("link"),
        "expected \"quick_reply\", \"url\"",
    );
}

#[test]
fn carousel_card_count() {
    let mut body = carousel();
    let cards = body["template"]["components"][1]["cards"]
        .as_array_mut()
        .unwrap();
    cards.truncate(1);
    assert_one(
        &body,
        "template.components[1].cards",
        "1 item, expected 2 to 10 cards",
    );

    let mut body = carousel();
    let cards = body["template"]["components"][1]["cards"]
        .as_array_mut()
        .unwrap();
    let template = cards[0].clone();
    for i in 2..11 {
        let mut card = template.clone();
        card["card_index"] = json!(i);
        cards.push(card);
    }
    // 11 cards, and card_index 10 is out of range.
    let found = problems(&body);
    assert!(
        found.contains(
            &"template.components[1].cards: 11 items, expected 2 to 10 cards".to_string()
        ) && found.contains(
            &"template.components[1].cards[10].card_index: 10, expected a whole number from 0 to 9"
                .to_string()
        ),
        "{found:#?}"
    );
}

#[test]
fn carousel_cards_share_one_header_media_type_and_button_layout() {
    let mut body = carousel();
    body["template"]["components"][1]["cards"][1]["components"][0]["parameters"][0] =
        json!({"type": "video", "video": {"id": "1166846181421424"}});
    assert_one(
        &body,
        "template.components[1].cards[1].components",
        "header video, but cards[0] has image",
    );
    let mut body = carousel();
    body["template"]["components"][1]["cards"][1]["components"][2] = json!({"type": "button", "sub_type": "quick_reply", "index": 0, "parameters": [{"type": "payload", "payload": "more"}]});
    assert_one(
        &body,
        "template.components[1].cards[1].components",
        "same button layout",
    );
    refused(
        carousel,
        "template.components[1].cards[1].card_index",
        json!(0),
        "already used by cards[0]",
    );
}

#[test]
fn mpm_limits() {
    let mut body = buttons();
    let sections = body["template"]["components"][3]["parameters"][0]["action"]["sections"]
        .as_array_mut()
        .unwrap();
    let items: Vec<Value> = (0..29)
        .map(|i| json!({"product_retailer_id": format!("SKU-{i}")}))
        .collect();
    sections[1]["product_items"] = Value::Array(items);
    // 2 + 29 = 31 products.
    assert_one(
        &body,
        "template.components[3].parameters[0].action.sections",
        "31 products in all, at most 30",
    );
    let mut body = buttons();
    let sections = body["template"]["components"][3]["parameters"][0]["action"]["sections"]
        .as_array_mut()
        .unwrap();
    let section = sections[1].clone();
    sections.extend(std::iter::repeat_n(section, 9));
    assert_one(
        &body,
        "template.components[3].parameters[0].action.sections",
        "11 items, expected 1 to 10 sections",
    );
    refused(
        buttons,
        "template.components[3].parameters[0].action.sections[0].title",
        json!("A section title that is too long"),
        "at most 24",
    );
}

#[test]
fn media_links_must_be_http() {
    for bad in [
        "ftp://cdn.example.org/deal.jpg",
        "cdn.example.org/deal.jpg",
        "https://",
        "file:///etc/passwd",
        "https://cdn.example.org/a b.jpg",
    ] {
        refused(
            rich,
            "template.components[0].parameters[0].image.link",
            json!(bad),
            "expected a public http or https URL",
        );
    }
    let mut body = rich();
    body["template"]["components"][0]["parameters"][0]["image"] =
        json!({"id": "1", "link": "https://a.example/x.jpg"});
    assert_one(
        &body,
        "template.components[0].parameters[0].image",
        "give exactly one of id or link",
    );
}

#[test]
fn expiration_in_seconds_is_caught() {
    refused(
        rich,
        "template.components[2].parameters[0].limited_time_offer.expiration_time_ms",
        json!(1_782_864_000_i64),
        "expected Unix time in milliseconds (a value below 100000000000 is a date before 1973, most likely seconds",
    );
}

#[test]
fn bid_multiplier_positive_and_not_with_a_bsuid() {
    for bad in [json!(0), json!(-1.5), json!("1.5"), json!(null)] {
        refused(
            rich,
            "bid_spec.per_message_bid_multiplier",
            bad,
            "greater than 0",
        );
    }
    let mut body = rich();
    body["bid_spec"] = json!({"per_message_bid_multiplier": 1.5});
    assert_eq!(problems(&body), Vec::<String>::new());
    body.as_object_mut().unwrap().remove("to");
    body["recipient"] = json!("BR.4408812399120045");
    assert_one(&body, "bid_spec", "131062");
}

#[test]
fn non_finite_bid_multiplier_from_the_builder() {
    let errors = Message::builder("spring_sale", "en_US")
        .to("447700900123")
        .bid_multiplier(f64::NAN)
        .build()
        .unwrap_err();
    assert_eq!(
        errors.problems()[0].path(),
        "bid_spec.per_message_bid_multiplier"
    );
    assert!(errors.problems()[0].message().contains("NaN"), "{errors}");
}

#[test]
fn callback_data_length() {
    accepted(rich, "biz_opaque_callback_data", json!("x".repeat(512)));
    refused(
        rich,
        "biz_opaque_callback_data",
        json!("x".repeat(513)),
        "513 characters, at most 512",
    );
}

#[test]
fn product_policy_and_activity_sharing_values() {
    refused(
        rich,
        "product_policy",
        json!("strict"),
        "CLOUD_API_FALLBACK",
    );
    refused(
        rich,
        "message_activity_sharing",
        json!("yes"),
        "true or false",
    );
}

#[test]
fn currency_fields() {
    refused(
        rich,
        "template.components[1].parameters[1].currency.amount_1000",
        json!(149.9),
        "times 1000",
    );
    refused(
        rich,
        "template.components[1].parameters[1].currency.code",
        json!("real"),
        "ISO 4217",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut body = rich();
    body["to"] = json!("12");
    body["template"]["name"] = json!("");
    body["template"]["components"][3]["parameters"][0]["coupon_code"] = json!("ABCDEFGHIJKLMNOP");
    body["template"]["components"][4]["index"] = json!(12);
    body["bid_spec"] = json!({"per_message_bid_multiplier": 0});
    let paths: Vec<String> = validate_value(&body)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| p.path().to_string())
        .collect();
    // Sorted by path, array positions numerically.
    assert_eq!(
        paths,
        [
            "bid_spec.per_message_bid_multiplier",
            "template.components[3].parameters[0].coupon_code",
            "template.components[4].index",
            "template.name",
            "to",
        ]
    );
}

#[test]
fn unknown_components_and_parameter_types_are_named() {
    refused(
        rich,
        "template.components[0].type",
        json!("footer"),
        "\"footer\", expected \"body\", \"header\"",
    );
    let body = with(
        rich,
        "template.components[1].parameters[0].type",
        json!("image"),
    );
    let found = problems(&body);
    assert!(found[0].starts_with("template.components[1].parameters[0].type: \"image\", expected \"text\", \"currency\" or \"date_time\""), "{found:#?}");
}

#[test]
fn wrong_json_kinds_do_not_stop_the_check() {
    for body in [
        json!(null),
        json!([]),
        json!("x"),
        json!({"template": []}),
        json!({"template": {"components": {}}}),
    ] {
        assert!(validate_value(&body).is_err(), "{body}");
    }
    assert!(
        validate_json("{")
            .unwrap_err()
            .to_string()
            .starts_with("not valid JSON")
    );
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        json::SCALAR_KINDS => json::scalar("[a-z_]{0,12}"),
        1 => any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| json!(x)),
        1 => Just(json!("template")),
        1 => Just(json!("header")),
        1 => Just(json!("button")),
        1 => Just(json!("carousel")),
    ];
    let key = json::word(
        &[
            "type",
            "template",
            "components",
            "parameters",
            "cards",
            "index",
            "sub_type",
        ],
        "[a-z_]{1,8}",
    );
    json::tree(leaf, key, 5, 64, 6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// No input makes validation or parsing panic, and whatever passes validation converts
    /// into the wire types.
    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let valid = validate_value(&value).is_ok();
        let parsed = Message::from_value(value);
        prop_assert_eq!(valid, parsed.is_ok());
    }

    /// Mutating a valid message anywhere never panics and never yields an unparseable Message.
    #[test]
    fn mutated_messages_never_panic(pointer_index in 0usize..40, replacement in arbitrary_json()) {
        let mut body = rich();
        let pointers = pointers(&body);
        let pointer = &pointers[pointer_index % pointers.len()];
        if let Some(slot) = body.pointer_mut(pointer) {
            *slot = replacement;
        }
        if let Ok(message) = Message::from_value(body) {
            prop_assert!(Message::from_json(&message.to_json()).is_ok());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = validate_json(&text);
        let _ = Message::from_json(&text);
    }
}

/// Every JSON pointer in `value`.
fn pointers(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}
