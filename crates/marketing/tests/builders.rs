//! The builders produce exactly the API's JSON for every shape, compared with hand-written
//! expected bodies in `tests/resources/`; each expected body also parses back into an equal
//! message and serialises to the same JSON.

use marketing::{
    BodyParam, Button, Card, Currency, FlowAction, Header, Location, Media, Message, OfferExpiry,
    ProductPolicy, ProductSection, Recipient, Strictness,
};
use serde_json::{Value, json};

fn resource(name: &str) -> String {
    let path = format!("{}/tests/resources/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The built message serialises to the resource, and the resource parses to the same message.
fn assert_matches(message: Message, name: &str) {
    let text = resource(name);
    let expected: Value = serde_json::from_str(&text).expect("resource is JSON");
    assert_eq!(
        message.to_value(),
        expected,
        "builder output differs from {name}"
    );
    let parsed = Message::from_json(&text).unwrap_or_else(|e| panic!("{name} is invalid:\n{e}"));
    assert_eq!(parsed, message, "{name} parses to a different message");
    let round_trip: Value = serde_json::from_str(&parsed.to_json()).unwrap();
    assert_eq!(round_trip, expected, "{name} does not round-trip");
}

#[test]
fn minimal() {
    let message = Message::builder("spring_sale", "en_GB")
        .to("447700900123")
        .build()
        .unwrap();
    assert_matches(message, "minimal.json");
}

#[test]
fn rich_example_from_the_reference() {
    let message = Message::builder("flash_deal", "pt_BR")
        .to("+5511987654321")
        .header(Header::image(Media::link(
            "https://cdn.example.org/deal.jpg",
        )))
        .body_param(BodyParam::named_text("first_name", "Marina"))
        .body_param(BodyParam::currency(Currency::new("R$ 149,90", "BRL", 149_900)).named("price"))
        .limited_time_offer(OfferExpiry::from_unix_millis(1_782_864_000_000))
        .button(Button::copy_code(0, "FLASH42"))
        .button(Button::url(1, "deal42?src=wa"))
        .product_policy(ProductPolicy::Strict)
        .message_activity_sharing(true)
        .build()
        .unwrap();
    assert_matches(message, "rich.json");
}

#[test]
fn setter_order_does_not_change_the_body() {
    let a = Message::builder("flash_deal", "pt_BR")
        .button(Button::url(1, "deal42?src=wa"))
        .button(Button::copy_code(0, "FLASH42"))
        .limited_time_offer(OfferExpiry::from_unix_millis(1_782_864_000_000))
        .body_param(BodyParam::named_text("first_name", "Marina"))
        .header(Header::image(Media::link(
            "https://cdn.example.org/deal.jpg",
        )))
        .to("+5511987654321")
        .build()
        .unwrap();
    let kinds: Vec<String> = a.to_value()["template"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        ["header", "body", "limited_time_offer", "button", "button"]
    );
}

#[test]
fn bsuid_recipient_text_header_date_time_and_fallback_policy() {
    let message = Message::builder("spring_sale", "en_US")
        .recipient(Recipient::bsuid("BR.4408812399120045"))
        .header(Header::text("Spring is here"))
        .body_param(BodyParam::text("Ana"))
        .body_param(BodyParam::date_time("1 May 2026, 18:00"))
        .product_policy(ProductPolicy::CloudApiFallback)
        .message_activity_sharing(false)
        .build()
        .unwrap();
    assert_eq!(message.recipient(), Recipient::bsuid("BR.4408812399120045"));
    assert_matches(message, "bsuid_text_header.json");
}

/// Each kind of header alone, on a message to a phone number, against its resource.
#[test]
fn each_kind_of_header() {
    for (template, language, header, name) in [
        (
            "launch_video",
            "en",
            Header::video(Media::id("1166846181421424")),
            "header_video_id.json",
        ),
        (
            "catalogue_pdf",
            "en_GB",
            Header::document(
                Media::link("https://cdn.example.org/catalogue.pdf"),
                Some("catalogue.pdf"),
            ),
            "header_document.json",
        ),
        (
            "store_opening",
            "en_GB",
            Header::location(
                Location::new(51.5072, -0.1276)
                    .name("Flagship store")
                    .address("1 High Street, London"),
            ),
            "header_location.json",
        ),
        (
            "product_spotlight",
            "en_GB",
            Header::product("194836987003835", "SKU-1042"),
            "header_product.json",
        ),
        (
            "sale_gif",
            "en_GB",
            Header::gif(Media::link("https://cdn.example.org/sale.gif")),
            "header_gif.json",
        ),
    ] {
        let message = Message::builder(template, language)
            .to("447700900123")
            .header(header)
            .build()
            .unwrap();
        assert_matches(message, name);
    }
}

#[test]
fn quick_reply_flow_catalog_mpm_and_voice_call_buttons() {
    let message = Message::builder("all_buttons", "en_US")
        .to("447700900123")
        .button(Button::quick_reply(0, "stop-promotions"))
        .button(Button::flow(
            1,
            FlowAction::new()
                .token("signup-42")
                .data(json!({"plan": "gold"})),
        ))
        .button(Button::catalog(2, Some("SKU-1042")))
        .button(Button::mpm(
            3,
            "SKU-1042",
            [
                ProductSection::new("New in", ["SKU-1042", "SKU-2077"]),
                ProductSection::new("Best sellers", ["SKU-3001"]),
            ],
        ))
        .button(Button::voice_call(4))
        .build()
        .unwrap();
    assert_matches(message, "buttons.json");
}

#[test]
fn carousel_of_cards_with_their_own_headers_and_buttons() {
    let message = Message::builder("weekend_picks", "en")
        .to("447700900123")
        .body_param(BodyParam::text("Ana"))
        .card(
            Card::new(Header::image(Media::link("https://cdn.example.org/a.jpg")))
                .button(Button::url(0, "sneakers-42")),
        )
        .card(
            Card::new(Header::image(Media::id("1602427543896754")))
                .body_param(BodyParam::text("Only 3 left"))
                .button(Button::url(0, "boots-7")),
        )
        .build()
        .unwrap();
    assert_matches(message, "carousel.json");
}

#[test]
fn bid_multiplier_and_callback_data() {
    let message = Message::builder("spring_sale", "en_US")
        .to("447700900123")
        .body_param(BodyParam::text("Ana"))
        .bid_multiplier(1.5)
        .biz_opaque_callback_data("campaign=spring;row=42")
        .build()
        .unwrap();
    assert_matches(message, "options.json");
}

#[test]
fn offer_expiry_from_system_time_is_sent_in_milliseconds() {
    use std::time::{Duration, UNIX_EPOCH};
    let at = UNIX_EPOCH + Duration::from_millis(1_782_864_000_123);
    let message = Message::builder("flash_deal", "pt_BR")
        .to("447700900123")
        .limited_time_offer(at)
        .build()
        .unwrap();
    assert_eq!(
        message.to_value()["template"]["components"][0]["parameters"][0]["limited_time_offer"]["expiration_time_ms"],
        json!(1_782_864_000_123_i64)
    );
}

#[test]
fn unknown_fields_are_refused_unless_allowed_and_then_kept_with_warnings() {
    let mut body: Value = serde_json::from_str(&resource("rich.json")).unwrap();
    body["future_top_level"] = json!({"a": 1});
    body["template"]["future_template_field"] = json!("kept");
    let refused = Message::from_value(body.clone()).unwrap_err();
    let paths: Vec<&str> = refused.problems().iter().map(|p| p.path()).collect();
    assert_eq!(
        paths,
        ["future_top_level", "template.future_template_field"]
    );

    let message = Message::from_value_with(body.clone(), Strictness::AllowUnknownFields).unwrap();
    assert_eq!(message.to_value(), body);
    let warned: Vec<&str> = message.warnings().iter().map(|p| p.path()).collect();
    assert_eq!(warned, paths);

    // Deeper in the body the wire types cannot carry an unknown field: still refused.
    body["template"]["components"][0]["future_component_field"] = json!(1);
    let refused = Message::from_value_with(body, Strictness::AllowUnknownFields).unwrap_err();
    assert_eq!(
        refused.problems()[0].path(),
        "template.components[0].future_component_field"
    );
}

#[test]
fn the_builder_sends_an_extra_field_only_when_allowed() {
    let build = |allow: bool| {
        let builder = Message::builder("spring_sale", "en_US")
            .to("447700900123")
            .extra_field("priority", json!("high"));
        if allow {
            builder.allow_unknown_fields().build()
        } else {
            builder.build()
        }
    };
    assert_eq!(build(false).unwrap_err().problems()[0].path(), "priority");
    let message = build(true).unwrap();
    assert_eq!(message.to_value()["priority"], json!("high"));
    assert_eq!(message.warnings().len(), 1);
}

#[test]
fn upper_case_keywords_are_accepted_and_sent_in_lower_case() {
    let mut body: Value = serde_json::from_str(&resource("rich.json")).unwrap();
    body["template"]["components"][1]["type"] = json!("BODY");
    body["template"]["components"][3]["sub_type"] = json!("COPY_CODE");
    let message = Message::from_value(body).unwrap();
    let sent = message.to_value();
    assert_eq!(sent["template"]["components"][1]["type"], json!("body"));
    assert_eq!(
        sent["template"]["components"][3]["sub_type"],
        json!("copy_code")
    );
}

#[test]
fn string_button_indexes_from_stored_payloads_are_accepted_and_kept() {
    let mut body: Value = serde_json::from_str(&resource("rich.json")).unwrap();
    body["template"]["components"][3]["index"] = json!("0");
    let message = Message::from_value(body.clone()).unwrap();
    assert_eq!(
        message.to_value()["template"]["components"][3]["index"],
        json!("0")
    );
}

#[test]
fn readdressing_keeps_everything_else() {
    let base = Message::from_json(&resource("rich.json")).unwrap();
    let other = base
        .clone()
        .with_recipient(Recipient::phone("447700900999"))
        .unwrap();
    let mut expected = base.to_value();
    expected["to"] = json!("447700900999");
    assert_eq!(other.to_value(), expected);
    assert!(
        base.with_recipient(Recipient::phone("not-a-number"))
            .is_err()
    );
}
