//! The CSV and JSONL recipient readers: every byte sequence ends, without a panic.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use marketing::campaign::RecipientReader;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut reader) = RecipientReader::from_csv(Cursor::new(data.to_vec()), data.len() as u64) {
        while reader.next_row().is_some() {}
    }
    let mut reader = RecipientReader::from_jsonl(Cursor::new(data.to_vec()), data.len() as u64);
    while reader.next_row().is_some() {}
});
