//! The send window rule is written twice: in Rust (`SendWindow::next_open`, for one process)
//! and in SQL (`wamm.in_send_window`, for claims in PostgreSQL). Both must say the same for
//! any window, zone and instant, or workers would send when one process would not.

use std::path::PathBuf;

use jiff::Timestamp;
use marketing::campaign::{Journal, JournalMeta, SendWindow, zone_named};

const ZONES: &[&str] = &[
    "Europe/Lisbon",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Pacific/Chatham",
    "UTC",
];

const DAYS: &[&str] = &["daily", "mon-fri", "sat,sun", "fri-mon", "wed"];

#[test]
fn sql_and_rust_agree_on_whether_a_window_is_open() {
    let Some(url) = wamm_testkit::postgres::database("send windows: SQL and Rust agree") else {
        return;
    };
    // Creating a campaign applies the migrations, the window function among them.
    let meta = JournalMeta {
        definition: serde_json::json!({ "name": "windows" }).to_string(),
        recipients_path: "/lists/a.csv".into(),
        recipients_fingerprint: "sha256:00".into(),
        recipients_rows: Some(0),
        campaign_path: None,
        created_ms: 1_700_000_000_000,
    };
    drop(Journal::create(&PathBuf::from(&url), &meta).unwrap());
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let mut rng = fastrand::Rng::with_seed(29);
    let mut checked = 0;
    for _ in 0..3000 {
        let days = DAYS[rng.usize(..DAYS.len())];
        let start = rng.u16(0..1440);
        let mut end = rng.u16(1..=1440);
        if end == start {
            end = (start + 1) % 1440;
        }
        let hours = format!(
            "{:02}:{:02}-{:02}:{:02}",
            start / 60,
            start % 60,
            end / 60,
            end % 60
        );
        let Ok(window) = SendWindow::parse(days, &hours) else {
            continue;
        };
        let name = ZONES[rng.usize(..ZONES.len())];
        let zone = zone_named(name).unwrap();
        // Half the instants from 2020 to 2030, half within 90 minutes of one of the zone's
        // clock changes (where a local time is skipped or repeated).
        let now = if rng.bool() {
            Timestamp::from_second(rng.i64(1_577_836_800..1_893_456_000)).unwrap()
        } else {
            let from = Timestamp::from_second(rng.i64(1_577_836_800..1_893_456_000)).unwrap();
            match zone.following(from).next() {
                Some(change) => {
                    Timestamp::from_second(change.timestamp().as_second() + rng.i64(-5400..5400))
                        .unwrap()
                }
                None => from,
            }
        };
        let rust = window.is_open(&zone, now);
        let (start, end) = window.minutes();
        let sql: bool = client
            .query_one(
                "SELECT wamm.in_send_window($1, $2, $3, $4, $5)",
                &[
                    &name,
                    &now.as_millisecond(),
                    &i32::from(window.day_bits()),
                    &i32::from(start),
                    &i32::from(end),
                ],
            )
            .unwrap()
            .get(0);
        assert_eq!(rust, sql, "{window} in {name} at {now}");
        checked += 1;
    }
    assert!(checked > 2500, "{checked}");
}
