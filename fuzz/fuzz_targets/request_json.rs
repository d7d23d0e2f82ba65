//! The request JSON parser and validator: no input may panic, and whatever is accepted must
//! serialise and parse back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = marketing::validate_json(text);
    if let Ok(message) = marketing::Message::from_json(text) {
        let again = marketing::Message::from_json(&message.to_json()).expect("a valid message round-trips");
        assert_eq!(again, message);
    }
});
