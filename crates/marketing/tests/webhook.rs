//! Webhook payloads as Meta sends them (the envelope, statuses, opt-outs, template status
//! changes, clicks), including what this version does not know: every event comes out typed,
//! as `Other`, or as `Unparsed` with its JSON; none is dropped, none fails its neighbours.

use marketing::webhook::{
    DeliveryStatus, Event, HandshakeError, PreferenceValue, SignatureError, WebhookField,
    answer_handshake, parse, parse_received, status_rank, verify_signature,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use wamm_testkit::json;

const ACCOUNT: &str = "102290129340398";
const PHONE: &str = "106540352242922";

/// A payload with one change on `field`.
fn payload(field: &str, value: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": ACCOUNT, "changes": [{"field": field, "value": value}]}]
    }))
    .unwrap()
}

fn metadata() -> Value {
    json!({"display_phone_number": "15550783881", "phone_number_id": PHONE})
}

/// A `messages` payload carrying these statuses.
fn statuses(list: Value) -> Vec<u8> {
    payload(
        "messages",
        json!({"metadata": metadata(), "statuses": list}),
    )
}

fn status(id: &str, status: &str) -> Value {
    json!({
        "id": id, "status": status, "timestamp": "1764072000", "recipient_id": "447700900123",
        "pricing": {"billable": true, "pricing_model": "PMP", "category": "marketing_lite", "type": "regular"}
    })
}

#[test]
fn statuses_come_out_typed_with_their_source_in_order() {
    let mut failed = status("wamid.B", "failed");
    failed["errors"] = json!([{
        "code": 131050, "title": "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
        "message": "Unable to deliver the message.", "error_data": {"details": "The user stopped marketing messages"},
        "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"
    }]);
    let body = payload(
        "messages",
        json!({"messaging_product": "whatsapp", "metadata": metadata(),
               "statuses": [status("wamid.A", "delivered"), failed, status("wamid.A", "read")]}),
    );
    let events = parse(&body).unwrap();
    let seen: Vec<_> = events
        .iter()
        .map(|event| match event {
            Event::Status { source, status } => {
                assert_eq!(source.account, ACCOUNT);
                assert_eq!(source.phone_number_id.as_deref(), Some(PHONE));
                (
                    status.id.as_str(),
                    status.status.clone(),
                    status.errors.first().map(|e| e.code),
                )
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("wamid.A", DeliveryStatus::Delivered, None),
            ("wamid.B", DeliveryStatus::Failed, Some(131050)),
            ("wamid.A", DeliveryStatus::Read, None),
        ]
    );
    let Event::Status { status, .. } = &events[0] else {
        unreachable!()
    };
    let pricing = status.pricing.as_ref().unwrap();
    assert_eq!(pricing.category.as_deref(), Some("marketing_lite"));
}

#[test]
fn a_bsuid_recipient_has_no_recipient_id_but_its_user_ids() {
    let body = payload(
        "messages",
        json!({"metadata": metadata(), "statuses": [{
            "id": "wamid.C", "status": "sent", "timestamp": "1764072000",
            "recipient_user_id": "US.13491208655302741918",
            "recipient_parent_user_id": "US.ENT.11815799212886844830",
            "biz_opaque_callback_data": "campaign=spring;line=7"
        }]}),
    );
    let Event::Status { status, .. } = &parse(&body).unwrap()[0] else {
        panic!()
    };
    assert_eq!(status.recipient_id, None);
    assert_eq!(
        status.recipient_user_id.as_deref(),
        Some("US.13491208655302741918")
    );
    assert_eq!(
        status.recipient_parent_user_id.as_deref(),
        Some("US.ENT.11815799212886844830")
    );
    assert_eq!(
        status.biz_opaque_callback_data.as_deref(),
        Some("campaign=spring;line=7")
    );
}

#[test]
fn opt_outs_opt_ins_and_template_changes_are_typed() {
    let body = payload(
        "user_preferences",
        json!({"messaging_product": "whatsapp", "metadata": metadata(),
               "contacts": [{"wa_id": "447700900123", "profile": {"name": "Ana"}}],
               "user_preferences": [
                   {"wa_id": "447700900123", "detail": "User requested to stop marketing messages",
                    "category": "marketing_messages", "value": "stop", "timestamp": 1764072000},
                   {"wa_id": "447700900124", "detail": "User requested to resume marketing messages",
                    "category": "marketing_messages", "value": "resume", "timestamp": 1764072001}]}),
    );
    let values: Vec<_> = parse(&body)
        .unwrap()
        .into_iter()
        .map(|event| match event {
            Event::Preference { preference, .. } => (preference.wa_id.unwrap(), preference.value),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        values,
        [
            ("447700900123".to_string(), PreferenceValue::Stop),
            ("447700900124".to_string(), PreferenceValue::Resume)
        ]
    );

    let body = payload(
        "message_template_status_update",
        json!({"event": "PAUSED", "message_template_id": 1402280517413391_i64,
               "message_template_name": "spring_sale", "message_template_language": "en_US",
               "reason": null, "message_template_category": "MARKETING",
               "other_info": {"title": "FIRST_PAUSE", "description": "Paused for low quality."}}),
    );
    assert_eq!(
        parse(&body).unwrap(),
        [Event::TemplateStatus {
            source: marketing::webhook::Source {
                account: ACCOUNT.into(),
                phone_number_id: None
            },
            event: "PAUSED".into(),
            template_id: Some(1402280517413391),
            name: Some("spring_sale".into()),
            language: Some("en_US".into()),
            reason: None,
        }]
    );
}

#[test]
fn clicks_arrive_on_messages_as_user_actions() {
    let body = payload(
        "messages",
        json!({"messaging_product": "whatsapp", "metadata": metadata(),
               "user_actions": [{"action_type": "marketing_messages_link_click", "timestamp": "1764072000",
                 "marketing_messages_link_click_data": {"click_component": "cta", "product_id": "sku_1",
                   "click_id": "clk_9", "tracking_token": "tok_x", "client_user_agent": "added later"}}]}),
    );
    let events = parse(&body).unwrap();
    let [Event::UserAction { source, action }] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(source.phone_number_id.as_deref(), Some(PHONE));
    assert_eq!(action.action_type, "marketing_messages_link_click");
    let click = action.marketing_messages_link_click_data.as_ref().unwrap();
    assert_eq!(click.click_id.as_deref(), Some("clk_9"));
}

#[test]
fn values_and_kinds_meta_adds_later_are_kept() {
    // A status value this version does not know, and a field nobody subscribed to yet.
    let mut body: Value = serde_json::from_slice(&payload(
        "messages",
        json!({"metadata": metadata(), "statuses": [status("wamid.D", "deleted")]}),
    ))
    .unwrap();
    body["entry"][0]["changes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"field": "business_capability_update",
                     "value": {"max_daily_conversation_per_phone": 1000, "new_field": [1, 2]}}));
    let events = parse(&serde_json::to_vec(&body).unwrap()).unwrap();
    let Event::Status { status, .. } = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(status.status, DeliveryStatus::Unknown("deleted".into()));
    assert_eq!(status_rank(&status.status), 0);
    let Event::Other { field, .. } = &events[1] else {
        panic!("{events:?}")
    };
    assert_eq!(
        *field,
        WebhookField::Unknown("business_capability_update".into())
    );
    assert_eq!(events.len(), 2);
}

#[test]
fn an_event_of_another_shape_is_kept_whole_and_its_neighbours_still_typed() {
    // The timestamp as a number and a status without an id: not the spec's shape.
    let mut odd = status("wamid.E", "read");
    odd["timestamp"] = json!(1764072000);
    let body = payload(
        "messages",
        json!({"metadata": metadata(),
               "statuses": [status("wamid.F", "delivered"), odd.clone(), {"status": "read"}]}),
    );
    let events = parse(&body).unwrap();
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(events[0].wamid(), Some("wamid.F"));
    match &events[1] {
        Event::Unparsed {
            source, raw, error, ..
        } => {
            assert_eq!(raw, &odd);
            assert_eq!(source.phone_number_id.as_deref(), Some(PHONE));
            assert!(
                error.contains("timestamp") || error.contains("string"),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(events[2], Event::Unparsed { .. }));
}

#[test]
fn a_body_that_is_no_payload_is_an_error() {
    assert!(parse(b"not json").is_err());
    assert!(parse(br#"{"object": "page"}"#).is_err());
    assert_eq!(
        parse(br#"{"object": "whatsapp_business_account", "entry": []}"#),
        Ok(vec![])
    );
}

#[test]
fn the_signature_is_checked_over_the_raw_bytes() {
    let body = payload(
        "messages",
        json!({"metadata": metadata(), "statuses": [status("wamid.G", "read")]}),
    );
    let header = wamm_client::webhook_signature::sign(b"app-secret", &body);
    assert_eq!(
        verify_signature(b"app-secret", &body, Some(&header)),
        Ok(())
    );
    // The same JSON, written differently, is not what was signed.
    let reformatted =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&body).unwrap()).unwrap();
    assert_eq!(
        verify_signature(b"app-secret", &reformatted, Some(&header)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        verify_signature(b"app-secret", &body, None),
        Err(SignatureError::Missing)
    );
    assert_eq!(
        verify_signature(b"app-secret", &body, Some("sha256=")),
        Err(SignatureError::Malformed)
    );
    // The messages never carry the secret or the expected signature.
    for error in [
        SignatureError::Missing,
        SignatureError::Malformed,
        SignatureError::Mismatch,
    ] {
        let text = error.to_string();
        assert!(
            !text.contains("app-secret") && !text.contains(&header[7..]),
            "{text}"
        );
    }
}

#[test]
fn the_handshake_answers_only_the_right_token() {
    let token = "my verify/token";
    assert_eq!(
        answer_handshake(
            "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my+verify%2Ftoken",
            token
        ),
        Ok("1158201444".to_string())
    );
    for (query, refused) in [
        (
            "hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong",
            HandshakeError::WrongToken,
        ),
        (
            "hub.mode=subscribe&hub.challenge=1",
            HandshakeError::WrongToken,
        ),
        (
            "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=my+verify%2Ftoken",
            HandshakeError::NotSubscribe,
        ),
        (
            "hub.challenge=1&hub.verify_token=my+verify%2Ftoken",
            HandshakeError::NotSubscribe,
        ),
        (
            "hub.mode=subscribe&hub.verify_token=my+verify%2Ftoken",
            HandshakeError::NoChallenge,
        ),
        ("", HandshakeError::NotSubscribe),
    ] {
        assert_eq!(answer_handshake(query, token), Err(refused), "{query}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any bytes: an error or events, never a panic.
    #[test]
    fn any_body_parses_or_is_refused(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse(&body);
    }

    /// Any JSON in the places a change holds: every change gives at least one event.
    #[test]
    fn every_change_gives_an_event(
        field in json::word(
            &[
                "messages",
                "user_preferences",
                "message_template_status_update",
                "message_template_quality_update",
                "template_category_update",
            ],
            "[a-z_]{1,12}",
        ),
        item in json_value(),
    ) {
        let list = ["statuses", "user_preferences", "user_actions"];
        let value = json!({ list[item.to_string().len() % 3]: [item.clone()], "event": item });
        let events = parse(&payload(&field, value)).unwrap();
        prop_assert!(!events.is_empty());
    }

    /// Any query string: an answer or a reason, never a panic.
    #[test]
    fn any_query_gets_an_answer_or_a_reason(query in ".{0,64}") {
        let _ = answer_handshake(&query, "token");
    }
}

proptest! {
    // Each case writes a store file with every commit fsync'd: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any JSON in a template change's fields: recorded, and read back as a template event
    /// (or left out, when the change is not typed as one), never a panic.
    #[test]
    fn any_template_change_is_recorded_and_read_back(
        field in prop_oneof![
            Just("message_template_status_update"),
            Just("message_template_quality_update"),
            Just("template_category_update"),
        ],
        values in proptest::collection::vec(json_value(), 8),
        time in json_value(),
    ) {
        let keys = ["event", "message_template_id", "message_template_name",
            "message_template_language", "reason", "new_quality_score", "new_category",
            "previous_category"];
        let value: serde_json::Map<String, Value> = keys
            .iter()
            .zip(values)
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let body = serde_json::to_vec(&json!({"object": "whatsapp_business_account",
            "entry": [{"id": "1", "time": time, "changes": [{"field": field, "value": value}]}]}))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = marketing::webhook::EventStore::open(&dir.path().join("events.db")).unwrap();
        record(&mut store, &body);
        for event in store.template_events(0).unwrap() {
            prop_assert!(["status", "quality", "category"].contains(&event.kind.as_str()));
            let _ = event.concerns(Some("1"), "spring_sale", "en_US");
        }
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    json::tree(json::scalar(".{0,8}"), "[a-z_]{1,8}", 3, 16, 4)
}

/// A delivered status as Meta's BSUID documentation shows it (contacts with BSUIDs and a
/// username beside the statuses), and a failed one as a client library's fixtures write it
/// (with contacts, a conversation and conversation-based pricing): both type.
#[test]
fn statuses_in_the_shapes_meta_and_other_clients_show_type() {
    let meta = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
 "messaging_product":"whatsapp",
 "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
 "contacts":[{"profile":{"name":"Pablo M.","username":"@pablomorales"},"wa_id":"16505551234","user_id":"US.13491208655302741918","parent_user_id":"US.ENT.11815799212886844830"}],
 "statuses":[{"id":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI","status":"delivered","timestamp":"1750030073",
   "recipient_id":"16505551234","recipient_user_id":"US.13491208655302741918","recipient_parent_user_id":"US.ENT.11815799212886844830",
   "biz_opaque_callback_data":"camp42",
   "pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"marketing_lite"}}]}}]}]}"#;
    let client = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
 "contacts":[{"profile":{"name":"Ana"},"wa_id":"447700900123"}],
 "statuses":[{"id":"wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgS","status":"failed","timestamp":"1764072000","recipient_id":"447700900123",
   "conversation":{"id":"a0b1c2d3e4f5","expiration_timestamp":"1764158400","origin":{"type":"marketing"}},
   "pricing":{"billable":true,"pricing_model":"CBP","category":"marketing"},
   "errors":[{"code":131049,"title":"This message was not delivered to maintain healthy ecosystem engagement.",
     "message":"This message was not delivered to maintain healthy ecosystem engagement.",
     "error_data":{"details":"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
     "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}]},"field":"messages"}]}]}"#;
    for (body, expected) in [
        (&meta[..], DeliveryStatus::Delivered),
        (&client[..], DeliveryStatus::Failed),
    ] {
        let events = parse(body).unwrap();
        let [Event::Status { status, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(status.status, expected);
    }
}

fn preference(user: &str, value: &str, at: i64) -> Vec<u8> {
    payload(
        "user_preferences",
        json!({"metadata": metadata(), "user_preferences": [{"wa_id": user, "category": "marketing_messages",
               "value": value, "timestamp": at}]}),
    )
}

/// Records `body` as it arrived (parsed from the same bytes); returns the events that were new.
fn record(store: &mut marketing::webhook::EventStore, body: &[u8]) -> usize {
    store
        .record(body, &parse_received(body).unwrap())
        .unwrap()
        .new_events
}

/// Redeliveries change nothing, a late `delivered` does not undo `read`, and a user's
/// preference follows Meta's timestamps, not the order of arrival.
/// Runs `test` on an SQLite store file, then on a PostgreSQL database (skipped, with a
/// message, only when PostgreSQL is not installed).
fn on_both_stores(name: &str, test: impl Fn(&std::path::Path)) {
    let dir = tempfile::tempdir().unwrap();
    test(&dir.path().join("events.db"));
    if let Some(url) = wamm_testkit::postgres::database(name) {
        test(std::path::Path::new(&url));
    }
}

#[test]
fn a_group_of_posts_records_each_event_once_as_one_by_one() {
    on_both_stores("event store: groups", store_groups);
}

/// One transaction for many POSTs says, POST by POST, what one `record` each would have
/// said: a body twice in the group, an event in two bodies of the group, an event recorded
/// by an earlier group, a preference set by a new event.
fn store_groups(path: &std::path::Path) {
    use marketing::webhook::EventStore;
    let mut store = EventStore::open(path).unwrap();
    let earlier = statuses(json!([status("wamid.G1", "sent")]));
    assert_eq!(record(&mut store, &earlier), 1);

    let first = statuses(json!([
        status("wamid.G2", "sent"),
        status("wamid.G3", "sent")
    ]));
    let overlapping = statuses(json!([
        status("wamid.G3", "sent"),
        status("wamid.G1", "sent"),
        status("wamid.G4", "delivered")
    ]));
    let stop = preference("447700900199", "stop", 100);
    let bodies = [&first, &overlapping, &first, &stop, &earlier];
    let parsed: Vec<_> = bodies
        .iter()
        .map(|body| parse_received(body).unwrap())
        .collect();
    let group: Vec<(&[u8], &[_])> = bodies
        .iter()
        .zip(&parsed)
        .map(|(body, events)| (body.as_slice(), events.as_slice()))
        .collect();
    let recorded: Vec<(usize, usize)> = store
        .record_many(&group)
        .unwrap()
        .iter()
        .map(|r| (r.new_events, r.events))
        .collect();
    assert_eq!(recorded, [(2, 2), (1, 3), (0, 2), (1, 1), (0, 1)]);
    assert!(store.is_suppressed("447700900199").unwrap());
    assert_eq!(
        store.delivery("wamid.G4").unwrap().unwrap().status,
        "delivered"
    );
    assert_eq!(
        store.counts().unwrap(),
        vec![("preference".to_string(), 1), ("status".to_string(), 4)]
    );
}

#[test]
fn the_store_is_idempotent_and_never_moves_backwards() {
    on_both_stores("event store: idempotent", store_is_idempotent);
}

fn store_is_idempotent(path: &std::path::Path) {
    use marketing::webhook::EventStore;
    let mut store = EventStore::open(path).unwrap();
    let read = statuses(json!([status("wamid.H", "read")]));
    let late = statuses(json!([
        status("wamid.H", "delivered"),
        status("wamid.I", "sent")
    ]));
    assert_eq!(record(&mut store, &read), 1);
    assert_eq!(record(&mut store, &late), 2);
    // The same events again, in another delivery (another batch): nothing new.
    let again = statuses(json!([
        status("wamid.I", "sent"),
        status("wamid.H", "read")
    ]));
    assert_eq!(record(&mut store, &again), 0);
    assert_eq!(store.delivery("wamid.H").unwrap().unwrap().status, "read");
    assert_eq!(store.delivery("wamid.I").unwrap().unwrap().status, "sent");
    assert_eq!(store.delivery("wamid.unknown").unwrap(), None);

    // A resume stamped before the stop arrives after it: still stopped.
    for body in [
        preference("447700900123", "stop", 200),
        preference("447700900123", "resume", 100),
    ] {
        record(&mut store, &body);
    }
    assert!(store.is_suppressed("447700900123").unwrap());
    let later = preference("447700900123", "resume", 300);
    record(&mut store, &later);
    assert!(!store.is_suppressed("447700900123").unwrap());

    // A send that failed with 131050 means the user stopped marketing messages.
    let mut failed = status("wamid.J", "failed");
    failed["recipient_id"] = json!("447700900124");
    failed["errors"] = json!([{"code": 131050, "title": "stopped"}]);
    let body = statuses(json!([failed]));
    record(&mut store, &body);
    assert!(store.is_suppressed("447700900124").unwrap());
    let delivery = store.delivery("wamid.J").unwrap().unwrap();
    assert_eq!(
        (delivery.status.as_str(), delivery.code),
        ("failed", Some(131050))
    );

    // A suppression by hand, as of now.
    store.suppress("447700900125", "manual").unwrap();
    assert_eq!(
        store.suppression("447700900125").unwrap().unwrap().source,
        "manual"
    );
    let listed: Vec<String> = store
        .suppressions()
        .unwrap()
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    // 447700900123 resumed (at 300) after stopping.
    assert_eq!(listed, ["447700900124", "447700900125"].map(String::from));
    assert_eq!(
        store.counts().unwrap(),
        vec![("preference".to_string(), 3), ("status".to_string(), 4)]
    );

    // Everything survives reopening, read-only too; a file is private to its owner.
    drop(store);
    let store = EventStore::open_read_only(path).unwrap();
    assert_eq!(store.delivery("wamid.H").unwrap().unwrap().status, "read");
    assert!(store.was_delivered("wamid.H").unwrap());
    assert!(!store.was_delivered("wamid.I").unwrap());
    if !marketing::campaign::is_postgres(path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

/// Events that differ only in what the types leave out (a pause's `other_info`, an
/// account update's contents) are different events; the same one redelivered is not.
#[test]
fn the_store_tells_events_apart_by_what_meta_sent() {
    on_both_stores("event store: identity", store_tells_events_apart);
}

fn store_tells_events_apart(path: &std::path::Path) {
    use marketing::webhook::EventStore;
    let mut store = EventStore::open(path).unwrap();
    let pause = |title: &str| {
        payload(
            "message_template_status_update",
            json!({"event": "PAUSED", "message_template_id": 1, "message_template_name": "spring_sale",
                   "message_template_language": "en_US", "reason": null,
                   "other_info": {"title": title, "description": "paused"}}),
        )
    };
    assert_eq!(record(&mut store, &pause("FIRST_PAUSE")), 1);
    assert_eq!(record(&mut store, &pause("SECOND_PAUSE")), 1);
    assert_eq!(record(&mut store, &pause("SECOND_PAUSE")), 0);
    let update = |event: &str| {
        payload(
            "account_update",
            json!({"event": event, "ban_info": {"state": "x"}}),
        )
    };
    assert_eq!(record(&mut store, &update("ACCOUNT_VIOLATION")), 1);
    assert_eq!(record(&mut store, &update("MM_LITE_TERMS_SIGNED")), 1);
    // A status and a message a user sent, in one change: both kept.
    let both = payload(
        "messages",
        json!({"metadata": metadata(), "statuses": [status("wamid.L", "read")],
               "messages": [{"from": "447700900123", "id": "wamid.in", "type": "text", "text": {"body": "STOP"}}]}),
    );
    let events = parse(&both).unwrap();
    assert!(matches!(events[0], Event::Status { .. }), "{events:?}");
    assert!(
        matches!(&events[1], Event::Inbound { message, preference: Some(_), .. }
            if message.text.as_ref().and_then(|t| t.body.as_deref()) == Some("STOP")),
        "{events:?}"
    );
    assert_eq!(record(&mut store, &both), 2);
}

/// The webhook `field` decides what a change is: `statuses` on `calls` are calls ringing or
/// answered (`wacid.` IDs, `RINGING`), kept whole; on `user_preferences` a `statuses` list is
/// not a message's status either; an `account_update` is typed by its `event`.
#[test]
fn events_are_typed_by_their_field_first() {
    let call_status = json!({"id": "wacid.HBgLMTIxMjU1NTAxMDMVAgARGBI", "type": "call",
        "status": "RINGING", "timestamp": "1671644824", "recipient_id": "12125550103"});
    let body = payload(
        "calls",
        json!({"messaging_product": "whatsapp", "metadata": metadata(), "statuses": [call_status]}),
    );
    let events = parse(&body).unwrap();
    let [
        Event::Other {
            field,
            value,
            source,
        },
    ] = events.as_slice()
    else {
        panic!("{events:?}")
    };
    assert_eq!(*field, WebhookField::Calls);
    assert_eq!(value["statuses"][0]["status"], "RINGING");
    assert_eq!(source.phone_number_id.as_deref(), Some(PHONE));
    assert!(events.iter().all(|e| e.wamid().is_none()));

    // A message status on a field that does not carry them is not recorded as one.
    let body = payload(
        "user_preferences",
        json!({"metadata": metadata(), "statuses": [status("wamid.G", "read")]}),
    );
    let events = parse(&body).unwrap();
    assert!(
        events.iter().all(|e| !matches!(e, Event::Status { .. })),
        "{events:?}"
    );

    // An account update, typed by its event, with a field the types do not know kept as
    // received.
    let body = payload(
        "account_update",
        json!({"event": "MM_LITE_TERMS_SIGNED", "waba_info": {"waba_id": ACCOUNT}}),
    );
    let events = parse(&body).unwrap();
    let [Event::AccountUpdate { event, value, .. }] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(*event, marketing::webhook::AccountEvent::MmLiteTermsSigned);
    assert_eq!(value["waba_info"]["waba_id"], ACCOUNT);

    // The same status on `messages` is one.
    let body = payload(
        "messages",
        json!({"metadata": metadata(), "contacts": [{"wa_id": "447700900123", "user_id": "GB.1"}],
               "statuses": [status("wamid.G", "read")]}),
    );
    assert_eq!(parse(&body).unwrap()[0].wamid(), Some("wamid.G"));
}

/// Payloads as pywa's test data and Meta's reference publish them (see
/// `tests/resources/webhooks/README.md`): each comes out as the kind its `field` names.
#[test]
fn published_payloads_come_out_as_their_kind() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/resources/webhooks");
    let expected = [
        ("pywa-message_status.json", "status"),
        ("pywa-call_status.json", "calls"),
        ("pywa-user_marketing_preferences.json", "preference"),
        ("meta-user_preferences.json", "preference"),
        ("pywa-template_status_update.json", "template"),
        ("pywa-account_update.json", "account_update"),
    ];
    let mut cases = 0;
    for (file, kind) in expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let bodies: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
        for (name, body) in bodies {
            let events = parse(&serde_json::to_vec(&body).unwrap()).unwrap();
            let [event] = events.as_slice() else {
                panic!("{file} {name}: {events:?}")
            };
            let ok = match (kind, event) {
                ("status", Event::Status { status, .. }) => {
                    status.id == body["entry"][0]["changes"][0]["value"]["statuses"][0]["id"]
                        && (status.status != DeliveryStatus::Failed
                            || status.errors.first().is_some_and(|e| {
                                e.code == 130472
                                    && e.message.is_some()
                                    && e.href.is_some()
                                    && e.error_data
                                        .as_ref()
                                        .and_then(|d| d.details.as_ref())
                                        .is_some()
                            }))
                }
                ("calls", Event::Other { field, .. }) => *field == WebhookField::Calls,
                ("preference", Event::Preference { preference, .. }) => {
                    preference.wa_id.as_deref() == Some("16505551234")
                }
                ("template", Event::TemplateStatus { event, .. }) => event == "APPROVED",
                ("account_update", Event::AccountUpdate { event, value, .. }) => {
                    value["event"].as_str() == Some(event.as_str())
                }
                _ => false,
            };
            assert!(ok, "{file} {name}: expected {kind}, got {event:?}");
            cases += 1;
        }
    }
    assert_eq!(cases, 11);
}

/// Template status, quality and category changes are recorded with the template's ID, name,
/// language, what happened, why and when, in both stores, read back in the order recorded
/// and from any point on; a redelivery adds nothing.
#[test]
fn template_events_are_recorded_and_listed_in_order() {
    on_both_stores("event store: template events", |path| {
        let change = |field: &str, time: i64, value: serde_json::Value| -> Vec<u8> {
            serde_json::to_vec(&serde_json::json!({"object": "whatsapp_business_account",
                "entry": [{"id": "102290129340398", "time": time,
                    "changes": [{"field": field, "value": value}]}]}))
            .unwrap()
        };
        let template = |extra: serde_json::Value| {
            let mut value = serde_json::json!({"message_template_id": 1402280517413391i64,
                "message_template_name": "spring_sale", "message_template_language": "en_US"});
            value
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            value
        };
        let rejected = change(
            "message_template_status_update",
            1_764_072_000,
            template(serde_json::json!({"event": "REJECTED", "reason": "TAG_CONTENT_MISMATCH"})),
        );
        let quality = change(
            "message_template_quality_update",
            1_764_072_060,
            template(
                serde_json::json!({"previous_quality_score": "GREEN", "new_quality_score": "RED"}),
            ),
        );
        let category = change(
            "template_category_update",
            1_764_072_120,
            template(
                serde_json::json!({"previous_category": "UTILITY", "new_category": "MARKETING"}),
            ),
        );
        let mut store = marketing::webhook::EventStore::open(path).unwrap();
        for body in [&rejected, &quality, &category] {
            assert_eq!(record(&mut store, body), 1);
        }
        assert_eq!(record(&mut store, &rejected), 0, "a redelivery");
        let events = store.template_events(0).unwrap();
        let seen: Vec<(&str, &str, Option<&str>, Option<i64>)> = events
            .iter()
            .map(|e| {
                (
                    e.kind.as_str(),
                    e.event.as_str(),
                    e.reason.as_deref(),
                    e.time,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "status",
                    "REJECTED",
                    Some("TAG_CONTENT_MISMATCH"),
                    Some(1_764_072_000)
                ),
                ("quality", "RED", Some("was GREEN"), Some(1_764_072_060)),
                (
                    "category",
                    "MARKETING",
                    Some("was UTILITY"),
                    Some(1_764_072_120)
                ),
            ]
        );
        for event in &events {
            assert_eq!(event.template_id.as_deref(), Some("1402280517413391"));
            assert!(event.concerns(None, "spring_sale", "en_US"));
        }
        let later = store.template_events(events[0].seq).unwrap();
        assert_eq!(later, events[1..]);
        let read_only = marketing::webhook::EventStore::open_read_only(path).unwrap();
        assert_eq!(read_only.template_events(0).unwrap(), events);
        let counts = store.counts().unwrap();
        for kind in ["template_status", "template_quality", "template_category"] {
            assert!(counts.contains(&(kind.to_string(), 1)), "{counts:?}");
        }
    });
}

/// SQLite: with checkpoints on a thread of their own, the writer no longer copies the log
/// into the database file, and something must: the file grows as the checkpointer copies
/// (it would stay as created otherwise: the writer's own checkpoints are off, and the
/// automatic one would not have run for so few pages); every event is there after a reopen.
#[test]
fn checkpoints_in_the_background_copy_the_log_into_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    let mut store = marketing::webhook::EventStore::open(&path).unwrap();
    store.checkpoint_in_background().unwrap();
    let created = std::fs::metadata(&path).unwrap().len();
    let posts = 300;
    for n in 0..posts {
        let body = payload(
            "messages",
            json!({"metadata": metadata(), "statuses": [status(&format!("wamid.{n:04}"), "delivered")]}),
        );
        assert_eq!(record(&mut store, &body), 1);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let grown = loop {
        let size = std::fs::metadata(&path).unwrap().len();
        if size > created + 100 * 1024 || std::time::Instant::now() > deadline {
            break size;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        grown > created + 100 * 1024,
        "the store file is {grown} bytes, {created} when created: nothing was checkpointed"
    );
    drop(store);
    let store = marketing::webhook::EventStore::open_read_only(&path).unwrap();
    let counts: u64 = store.counts().unwrap().iter().map(|(_, n)| n).sum();
    assert!(counts >= posts, "{:?}", store.counts().unwrap());
}
