//! The CSV and JSONL recipient readers, differentially: for any bytes, every line is
//! accounted for (a row or a bad row with its exact line number, nothing skipped or doubled),
//! the pre-count used for progress agrees, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marketing::campaign::audit_reader;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = audit_reader(data, true) {
        panic!("JSONL: {problem}");
    }
    if let Err(problem) = audit_reader(data, false) {
        panic!("CSV: {problem}");
    }
});
