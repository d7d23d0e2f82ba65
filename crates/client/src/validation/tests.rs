use proptest::prelude::Strategy;
use serde_json::{Value, json};

use super::*;

fn minimal() -> Value {
    json!({"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
           "type":"template","template":{"name":"spring_sale","language":{"code":"en_GB"}}})
}

fn with_components(components: Value) -> Value {
    let mut body = minimal();
    body["template"]["components"] = components;
    body
}

fn problems(body: &Value) -> Vec<String> {
    Validator::shared()
        .check(body)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_spec_examples_are_valid() {
    let spec: Value = serde_yaml_ng::from_str(OPENAPI_YAML).unwrap();
    let examples = spec
        .pointer("/paths/~1{Version}~1{Phone-Number-ID}~1marketing_messages/post/requestBody/content/application~1json/examples")
        .unwrap()
        .as_object()
        .unwrap();
    assert!(!examples.is_empty());
    for (name, example) in examples {
        assert_eq!(problems(&example["value"]), Vec::<String>::new(), "{name}");
    }
    // And every schema's own example.
    for (name, schema) in spec
        .pointer("/components/schemas")
        .unwrap()
        .as_object()
        .unwrap()
    {
        if name == REQUEST_SCHEMA {
            assert_eq!(problems(&schema["example"]), Vec::<String>::new());
        }
    }
}

#[test]
fn an_unknown_field_is_named_with_a_suggestion() {
    let mut body = minimal();
    body["product_polcy"] = json!("STRICT");
    let found = Validator::shared().check(&body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path(), "product_polcy");
    assert!(found[0].is_unknown_field());
    assert!(
        found[0]
            .message()
            .contains("did you mean `product_policy`?"),
        "{}",
        found[0]
    );
}

#[test]
fn unknown_fields_are_refused_at_every_level() {
    let body = with_components(json!([
        {"type":"body","paramters":[]}
    ]));
    let found = problems(&body);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("template.components[0].paramters: unknown field")),
        "{found:?}"
    );
    let mut body = minimal();
    body["template"]["language"]["locale"] = json!("GB");
    assert!(problems(&body)[0].starts_with("template.language.locale: unknown field"));
}

#[test]
fn media_needs_exactly_one_of_id_or_link() {
    for (image, ok) in [
        (json!({}), false),
        (
            json!({"id":"1","link":"https://cdn.example.org/a.jpg"}),
            false,
        ),
        (json!({"id":"1"}), true),
        (json!({"link":"https://cdn.example.org/a.jpg"}), true),
    ] {
        let body = with_components(json!([
            {"type":"header","parameters":[{"type":"image","image":image}]}
        ]));
        let found = problems(&body);
        if ok {
            assert!(found.is_empty(), "{image}: {found:?}");
        } else {
            assert_eq!(
                found,
                ["template.components[0].parameters[0].image: give exactly one of id or link"],
                "{image}"
            );
        }
    }
}

#[test]
fn keywords_are_accepted_in_any_letter_case() {
    let body = with_components(json!([
        {"type":"HEADER","parameters":[{"type":"text","text":"Hello"}]},
        {"type":"Body","parameters":[{"type":"text","text":"Ana"}]},
        {"type":"BUTTON","sub_type":"COPY_CODE","index":"0",
         "parameters":[{"type":"coupon_code","coupon_code":"SPRING25"}]},
        {"type":"button","sub_type":"Url","index":1,"parameters":[{"type":"text","text":"x"}]}
    ]));
    assert_eq!(problems(&body), Vec::<String>::new());
    let body = with_components(json!([{"type":"footer","parameters":[]}]));
    assert_eq!(
        problems(&body),
        [
            "template.components[0].type: \"footer\", expected \"body\", \"header\", \"button\", \"limited_time_offer\" or \"carousel\""
        ]
    );
    let body = with_components(json!([{"type":"button","sub_type":"call","index":0}]));
    let found = problems(&body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("template.components[0].sub_type: \"call\", expected \"quick_reply\""),
        "{found:?}"
    );
    assert!(found[0].ends_with("(any letter case)"), "{found:?}");
}

#[test]
fn to_and_recipient() {
    let mut both = minimal();
    both["recipient"] = json!("US.ENT.11815799212886844830");
    assert_eq!(
        problems(&both),
        Vec::<String>::new(),
        "to wins, as Meta documents"
    );
    let mut neither = minimal();
    neither.as_object_mut().unwrap().remove("to");
    assert_eq!(
        problems(&neither),
        ["give the user in `to` (a phone number) or `recipient` (a BSUID)"]
    );
    let v = Validator::shared();
    assert!(
        v.check_recipient(&format!("US.{}", "1".repeat(125)))
            .is_ok()
    );
    assert!(
        v.check_recipient(&format!("US.{}", "1".repeat(126)))
            .is_err()
    );
    let bad = v.check_to("12-34").unwrap_err();
    assert_eq!(bad.path(), "to");
    assert!(
        bad.message()
            .starts_with("\"12-34\", expected a phone number"),
        "{bad}"
    );
}

#[test]
fn an_offer_expiry_in_seconds_is_refused() {
    let body = with_components(json!([
        {"type":"limited_time_offer","parameters":[
            {"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1893456000}}]}
    ]));
    let found = problems(&body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("template.components[0].parameters[0].limited_time_offer.expiration_time_ms: 1893456000, expected Unix time in milliseconds"),
        "{found:?}"
    );
}

/// A NUL in any string is refused with code 100, naming the field: a text parameter, a
/// link, the template's name, a property's name.
#[test]
fn a_nul_character_anywhere_is_a_100_problem() {
    let in_text = with_components(json!([
        {"type":"body","parameters":[{"type":"text","text":"Ana\u{0}"}]}
    ]));
    let in_link = with_components(json!([
        {"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/a\u{0}.png"}}]}
    ]));
    let mut in_name = minimal();
    in_name["template"]["name"] = json!("spring\u{0}sale");
    let mut in_key = minimal();
    in_key["template"]["x\u{0}"] = json!(1);
    for (body, path) in [
        (in_text, "template.components[0].parameters[0].text"),
        (in_link, "template.components[0].parameters[0].image.link"),
        (in_name, "template.name"),
        (in_key, "template.x\\u0000"),
    ] {
        let found = Validator::shared().check(&body);
        let nul: Vec<_> = found
            .iter()
            .filter(|p| p.message().contains("NUL"))
            .collect();
        assert_eq!(nul.len(), 1, "{found:?}");
        assert_eq!((nul[0].code(), nul[0].path()), (100, path));
    }
    let body = with_components(json!([
        {"type":"body","parameters":[{"type":"text","text":"Ana \u{1} \u{7f}"}]}
    ]));
    assert!(
        !problems(&body).iter().any(|p| p.contains("NUL")),
        "only U+0000"
    );
}

/// `checked_body` finds a NUL in the JSON it writes rather than by walking the body: it
/// refuses the same problems `check` gives, lets them through when asked, and is not fooled
/// by a backslash written before `u0000`.
#[test]
fn checked_body_refuses_a_nul_as_check_does() {
    let mut body = with_components(json!([
        {"type":"BODY","parameters":[{"type":"text","text":"Ana\u{0}"}]}
    ]));
    let expected = Validator::shared().check(&body);
    assert_eq!(expected.len(), 1, "{expected:?}");
    let refused = Validator::shared()
        .checked_body(&mut body.clone(), |_| false)
        .unwrap_err();
    assert_eq!(refused, expected);
    let (sent, warnings) = Validator::shared()
        .checked_body(&mut body, |p| p.code() == 100)
        .unwrap();
    assert_eq!(warnings, expected);
    assert!(sent.json().contains(r#""type":"body""#));
    let mut look_alike = with_components(json!([
        {"type":"body","parameters":[{"type":"text","text":"a \\u0000 b"}]}
    ]));
    let (sent, warnings) = Validator::shared()
        .checked_body(&mut look_alike, |_| false)
        .unwrap();
    assert!(warnings.is_empty() && sent.json().contains(r"\\u0000"));
}

#[test]
fn text_whitespace_is_a_132018_problem() {
    for text in ["a\tb", "a\nb", "a     b", "   "] {
        let body = with_components(json!([
            {"type":"body","parameters":[{"type":"text","text":text}]}
        ]));
        let found = Validator::shared().check(&body);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert_eq!(found[0].code(), 132018);
        assert_eq!(found[0].path(), "template.components[0].parameters[0].text");
    }
    let body = with_components(json!([
        {"type":"body","parameters":[{"type":"text","text":"a    b"}]}
    ]));
    assert_eq!(
        problems(&body),
        Vec::<String>::new(),
        "four spaces are allowed"
    );
}

#[test]
fn a_missing_field_says_what_was_expected() {
    let body = json!({"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
                      "type":"template","template":{"language":{"code":"en_GB"}}});
    assert_eq!(
        problems(&body),
        [
            "template.name: missing, expected the template's name, 1 to 512 characters (such as spring_sale)"
        ]
    );
    let body = json!({"messaging_product":"sms","recipient_type":"individual","to":"447700900123","type":"text"});
    let found = problems(&body);
    assert!(
        found.contains(&"template: missing, expected an object".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"messaging_product: \"sms\", expected \"whatsapp\"".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(
            &"type: \"text\", expected \"template\" (this endpoint sends only template messages)"
                .to_string()
        ),
        "{found:?}"
    );
}

#[test]
fn button_index_takes_a_digit_as_number_or_string() {
    for (index, ok) in [
        (json!(1), true),
        (json!("1"), true),
        (json!(10), false),
        (json!("12"), false),
    ] {
        let body = with_components(json!([
            {"type":"button","sub_type":"url","index":index,"parameters":[{"type":"text","text":"x"}]}
        ]));
        let found = problems(&body);
        assert_eq!(found.is_empty(), ok, "{index}: {found:?}");
        if !ok {
            assert_eq!(
                found,
                [format!(
                    "template.components[0].index: {index}, expected the button's position from 0 to 9, as a number or a one-digit string"
                )]
            );
        }
    }
}

#[test]
fn the_rules_come_from_the_spec() {
    // A new enum value and a new optional field, edited into a copy of the spec, are accepted
    // by a validator compiled from the copy and refused by the one compiled from the original.
    let mut body = minimal();
    body["product_policy"] = json!("LENIENT");
    body["priority"] = json!("high");
    assert_eq!(Validator::shared().check(&body).len(), 2);
    let edited = OPENAPI_YAML
        .replace(
            "enum: [CLOUD_API_FALLBACK, STRICT]",
            "enum: [CLOUD_API_FALLBACK, STRICT, LENIENT]",
        )
        .replace(
            "        message_activity_sharing:\n          type: boolean\n",
            "        priority:\n          type: string\n        message_activity_sharing:\n          type: boolean\n",
        );
    assert_ne!(edited, OPENAPI_YAML, "anchors moved; update this test");
    let validator = Validator::compile(&edited).unwrap();
    assert_eq!(validator.check(&body), Vec::new());
}

#[test]
fn keywords_are_lower_cased_in_cards_too() {
    let mut body = with_components(json!([
        {"type":"CAROUSEL","cards":[{"card_index":0,"components":[{"type":"HEADER"},{"type":"BUTTON","sub_type":"QUICK_REPLY"}]}]}
    ]));
    lower_case_keywords(&mut body);
    assert_eq!(body["template"]["components"][0]["type"], "carousel");
    let card = &body["template"]["components"][0]["cards"][0]["components"];
    assert_eq!(card[0]["type"], "header");
    assert_eq!(card[1]["sub_type"], "quick_reply");
}

#[test]
fn phone_numbers_in_the_formats_meta_documents_are_accepted() {
    let problems_to = |to: &str| {
        let mut body = minimal();
        body["to"] = json!(to);
        problems(&body)
    };
    // Meta's Cloud API message reference: plus signs, spaces, hyphens and parentheses.
    for to in [
        "16315552223",
        "+16315552223",
        "+1 631 555 2223",
        "+1 (631) 555-2223",
        "1-631-555-2223",
        "(+55) 11 98765-4321",
    ] {
        assert_eq!(problems_to(to), Vec::<String>::new(), "{to}");
        assert!(Validator::shared().check_to(to).is_ok(), "{to}");
    }
    // Still refused: letters, other separators, too few or too many digits, two plus signs.
    for to in [
        "+1 631 555 CALL",
        "+1.631.555.2223",
        "12-34",
        "+1 631 555 2223 4444 5",
        "++16315552223",
        "",
    ] {
        assert_eq!(problems_to(to).len(), 1, "{to}");
    }
}

#[test]
fn parameter_types_are_accepted_in_any_letter_case() {
    // As meta-cloud-api writes them; component types were already case-insensitive.
    let body = with_components(json!([
        {"type":"HEADER","parameters":[{"type":"IMAGE","image":{"link":"https://cdn.example.org/a.jpg"}}]},
        {"type":"BODY","parameters":[
            {"type":"TEXT","text":"Ana"},
            {"type":"Currency","currency":{"fallback_value":"$1","code":"USD","amount_1000":1000}},
            {"type":"DATE_TIME","date_time":{"fallback_value":"today"}}]},
        {"type":"BUTTON","sub_type":"COPY_CODE","index":0,"parameters":[{"type":"COUPON_CODE","coupon_code":"SPRING25"}]}
    ]));
    assert_eq!(problems(&body), Vec::<String>::new());
    let mut lowered = body.clone();
    lower_case_keywords(&mut lowered);
    let components = &lowered["template"]["components"];
    assert_eq!(components[0]["parameters"][0]["type"], "image");
    assert_eq!(components[1]["parameters"][1]["type"], "currency");
    assert_eq!(components[2]["parameters"][0]["type"], "coupon_code");
    assert_eq!(components[2]["parameters"][0]["coupon_code"], "SPRING25");
    // A word that is not a parameter type is still refused, whatever its case.
    let body =
        with_components(json!([{"type":"body","parameters":[{"type":"TEXTS","text":"Ana"}]}]));
    assert_eq!(problems(&body).len(), 1);
}

#[test]
fn a_template_name_is_not_pattern_matched() {
    // Meta looks the name up (132001 when the account has none such); its form is no schema
    // problem. Only an empty name, or one longer than 512 characters, is.
    for name in ["TEMPLATE_NAME", "Spring Sale", "spring-sale"] {
        let mut body = minimal();
        body["template"]["name"] = json!(name);
        assert_eq!(problems(&body), Vec::<String>::new(), "{name}");
    }
    let mut body = minimal();
    body["template"]["name"] = json!("a".repeat(513));
    assert_eq!(problems(&body).len(), 1);
}

proptest::proptest! {
    /// The one-pass white-space check gives the verdict of the plain reading of the rule:
    /// any line break, else any tab, else five spaces in a row, else only spaces.
    #[test]
    fn white_space_in_one_pass_reads_as_the_rule(
        text in proptest::collection::vec(
            proptest::sample::select(vec![' ', ' ', ' ', '\t', '\n', '\r', 'a', 'é', '\u{3000}']),
            0..14,
        ).prop_map(|chars| chars.into_iter().collect::<String>())
    ) {
        let plain = if text.contains(['\n', '\r']) {
            Some("contains a line break")
        } else if text.contains('\t') {
            Some("contains a tab")
        } else if text.contains(&" ".repeat(rules::MAX_CONSECUTIVE_SPACES + 1)) {
            Some("has more than four spaces in a row")
        } else if !text.is_empty() && text.trim().is_empty() {
            Some("is only spaces")
        } else {
            None
        };
        proptest::prop_assert_eq!(rules::whitespace_problem(&text), plain, "{:?}", text);
    }
}
