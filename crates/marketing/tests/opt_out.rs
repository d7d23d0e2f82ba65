//! Opt-outs in what users send: an opt-out keyword, a tap on "Stop promotions", or the older
//! `user_preference_changed` system message suppress the user exactly like a
//! `user_preferences` stop (the same ordering by Meta's timestamp, the same idempotence), with
//! the source recorded; any other message is only counted. On both stores.

use marketing::webhook::{EventStore, OptOutKeywords, parse_received, parse_received_with};
use serde_json::{Value, json};

const ACCOUNT: &str = "102290129340398";
const PHONE: &str = "106540352242922";

fn on_both_stores(name: &str, test: impl Fn(&std::path::Path)) {
    let dir = tempfile::tempdir().unwrap();
    test(&dir.path().join("events.db"));
    if let Some(url) = wamm_testkit::postgres::database(name) {
        test(std::path::Path::new(&url));
    }
}

fn change(field: &str, value: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": ACCOUNT, "changes": [{"field": field, "value": value}]}]
    }))
    .unwrap()
}

/// A `messages` change carrying one message `user` sent at `at` (Unix seconds).
fn inbound(user: &str, at: i64, message: Value) -> Vec<u8> {
    let mut message = message;
    message["from"] = json!(user);
    message["id"] = json!(format!("wamid.in.{user}.{at}"));
    message["timestamp"] = json!(at.to_string());
    change(
        "messages",
        json!({"messaging_product": "whatsapp",
               "metadata": {"display_phone_number": "15550783881", "phone_number_id": PHONE},
               "contacts": [{"wa_id": user, "profile": {"name": "A user"}}],
               "messages": [message]}),
    )
}

fn text(body: &str) -> Value {
    json!({"type": "text", "text": {"body": body}})
}

fn preference(user: &str, at: i64, value: &str) -> Vec<u8> {
    change(
        "user_preferences",
        json!({"messaging_product": "whatsapp",
               "metadata": {"display_phone_number": "15550783881", "phone_number_id": PHONE},
               "user_preferences": [{"wa_id": user, "category": "marketing_messages",
                   "value": value, "detail": "", "timestamp": at}]}),
    )
}

fn record(store: &mut EventStore, body: &[u8]) -> usize {
    store
        .record(body, &parse_received(body).unwrap())
        .unwrap()
        .new_events
}

fn source_of(store: &EventStore, user: &str) -> Option<String> {
    store.suppression(user).unwrap().map(|s| s.source)
}

#[test]
fn each_form_of_opt_out_suppresses_with_its_source() {
    on_both_stores("opt-out: forms", |path| {
        let mut store = EventStore::open(path).unwrap();
        let cases = [
            ("447700900001", text("STOP"), "inbound-text:STOP"),
            (
                "447700900002",
                text("  unsubscribe! "),
                "inbound-text:UNSUBSCRIBE",
            ),
            (
                "447700900003",
                json!({"type": "button", "button": {"text": "Stop promotions", "payload": "Stop promotions"},
                       "context": {"from": "15550783881", "id": "wamid.sent"}}),
                "quick-reply",
            ),
            (
                "447700900004",
                json!({"type": "system", "system": {"type": "user_preference_changed",
                       "body": "User requested to stop marketing messages"}}),
                "user_preference_changed",
            ),
        ];
        for (user, message, source) in &cases {
            assert_eq!(
                record(&mut store, &inbound(user, 1_764_072_000, message.clone())),
                1
            );
            assert_eq!(source_of(&store, user).as_deref(), Some(*source), "{user}");
        }
        // Anything else a user writes is counted, never an error, and suppresses nobody.
        for (user, message) in [
            ("447700900010", text("When does the sale end?")),
            ("447700900011", text("please stop sending me these")),
            (
                "447700900012",
                json!({"type": "button", "button": {"text": "Shop now"}}),
            ),
            (
                "447700900013",
                json!({"type": "image", "image": {"id": "1"}}),
            ),
        ] {
            assert_eq!(
                record(&mut store, &inbound(user, 1_764_072_000, message)),
                1
            );
            assert!(!store.is_suppressed(user).unwrap(), "{user}");
        }
        let counts = store.counts().unwrap();
        assert!(counts.contains(&("opt_out".to_string(), 4)), "{counts:?}");
        assert!(counts.contains(&("inbound".to_string(), 4)), "{counts:?}");
    });
}

#[test]
fn an_inbound_stop_follows_the_same_ordering_and_idempotence_as_user_preferences() {
    on_both_stores("opt-out: ordering", |path| {
        let mut store = EventStore::open(path).unwrap();
        let user = "447700900020";
        let stop = inbound(user, 1_764_072_000, text("Stop"));
        assert_eq!(record(&mut store, &stop), 1);
        // Meta redelivers it: nothing new, still suppressed once.
        assert_eq!(record(&mut store, &stop), 0);
        assert!(store.is_suppressed(user).unwrap());
        // A resume stamped earlier (arriving late) does not lift it.
        record(&mut store, &preference(user, 1_764_071_000, "resume"));
        assert!(store.is_suppressed(user).unwrap());
        // A later resume does.
        record(&mut store, &preference(user, 1_764_073_000, "resume"));
        assert!(!store.is_suppressed(user).unwrap());
        // A STOP written earlier than that resume, arriving after it, changes nothing.
        record(&mut store, &inbound(user, 1_764_072_500, text("STOP")));
        assert!(!store.is_suppressed(user).unwrap());
        // A later one suppresses again; the older system message can resume.
        record(&mut store, &inbound(user, 1_764_074_000, text("STOP")));
        assert_eq!(
            source_of(&store, user).as_deref(),
            Some("inbound-text:STOP")
        );
        let resume = json!({"type": "system", "system": {"type": "user_preference_changed",
            "body": "User requested to resume marketing messages"}});
        record(&mut store, &inbound(user, 1_764_075_000, resume));
        assert!(!store.is_suppressed(user).unwrap());
    });
}

#[test]
fn chosen_keywords_replace_the_default_ones() {
    let keywords = OptOutKeywords::new(["SAIR", "cancel"]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = EventStore::open(&dir.path().join("events.db")).unwrap();
    for (user, body, suppressed) in [
        ("447700900030", "sair", true),
        ("447700900031", "Cancel", true),
        ("447700900032", "STOP", false),
    ] {
        let post = inbound(user, 1_764_072_000, text(body));
        let events = parse_received_with(&post, &keywords).unwrap();
        store.record(&post, &events).unwrap();
        assert_eq!(store.is_suppressed(user).unwrap(), suppressed, "{body}");
    }
    assert_eq!(
        source_of(&store, "447700900031").as_deref(),
        Some("inbound-text:CANCEL")
    );
}

#[test]
fn account_updates_are_counted_by_what_happened() {
    on_both_stores("opt-out: account updates", |path| {
        let mut store = EventStore::open(path).unwrap();
        let update = |event: &str| {
            change(
                "account_update",
                json!({"event": event, "waba_info": {"waba_id": ACCOUNT}}),
            )
        };
        assert_eq!(record(&mut store, &update("MM_LITE_TERMS_SIGNED")), 1);
        assert_eq!(record(&mut store, &update("MM_LITE_TERMS_SIGNED")), 0);
        assert_eq!(record(&mut store, &update("VERIFIED_ACCOUNT")), 1);
        let counts = store.counts().unwrap();
        assert_eq!(
            counts,
            [
                ("account_update:MM_LITE_TERMS_SIGNED".to_string(), 1),
                ("account_update:VERIFIED_ACCOUNT".to_string(), 1),
            ]
        );
    });
}
