//! Send windows: the days and hours, in each recipient's local time, when a campaign may
//! send to them (`send_window = { days = "mon-sat", hours = "09:00-20:00" }`).
//!
//! A window may run past midnight (`hours = "20:00-02:00"`): it belongs to the day it opens,
//! so `days = "fri"` with those hours sends from Friday 20:00 to Saturday 02:00. A time that a
//! daylight-saving change skips opens the window at the first instant after the gap.

use std::fmt;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The campaign file's `send_window` table, as written.
// Its doc comments are the descriptions `wamm campaign schema` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SendWindowDefinition {
    /// The days of the week the window opens, in the recipient's local time: names `mon` to
    /// `sun`, ranges (`mon-fri`, `fri-mon` wraps) and lists (`mon,wed,fri`), or `daily`.
    /// Every day when left out.
    #[serde(default = "every_day")]
    pub days: String,
    /// The hours the window is open, `HH:MM-HH:MM` in the recipient's local time (24-hour;
    /// the end may be `24:00`). An end before the start runs past midnight (`20:00-02:00`),
    /// belonging to the day it opens.
    pub hours: String,
}

fn every_day() -> String {
    "daily".to_string()
}

/// A send window, checked: the days it opens and its hours.
///
/// ```
/// use marketing::campaign::SendWindow;
///
/// let window = SendWindow::parse("mon-sat", "09:00-20:00")?;
/// assert_eq!(window.to_string(), "mon-sat 09:00-20:00");
/// assert!(SendWindow::parse("mon-sat", "25:00-09:00").is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendWindow {
    /// Bit `n` set: the window opens on day `n` (Monday 0 .. Sunday 6).
    days: u8,
    /// Minutes after local midnight.
    start: u16,
    end: u16,
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl SendWindow {
    /// Checks a window as the campaign file writes it; the error says what was expected
    /// (the caller names the field).
    pub fn parse(days: &str, hours: &str) -> Result<Self, String> {
        let days = parse_days(days)?;
        let (start, end) = parse_hours(hours)?;
        Ok(Self { days, start, end })
    }

    /// The days as a bit set, Monday in bit 0 (for a claim query to test in SQL).
    pub fn day_bits(&self) -> u8 {
        self.days
    }

    /// The minutes after local midnight when the window opens and when it closes (the
    /// close is before the open when the window runs past midnight).
    pub fn minutes(&self) -> (u16, u16) {
        (self.start, self.end)
    }

    /// When the window is next open in `zone` at or after `now`: `now` itself when it is
    /// open then. `None` only when the zone's rules put no opening in the next eight days,
    /// which cannot happen for a window with at least one day.
    ///
    /// ```
    /// use jiff::{Timestamp, tz::TimeZone};
    /// use marketing::campaign::SendWindow;
    ///
    /// let window = SendWindow::parse("mon-fri", "09:00-17:00")?;
    /// let lisbon = TimeZone::get("Europe/Lisbon").map_err(|e| e.to_string())?;
    /// // Saturday 2026-12-05 12:00 UTC is noon in Lisbon: closed until Monday 09:00.
    /// let saturday: Timestamp = "2026-12-05T12:00:00Z".parse().map_err(|e: jiff::Error| e.to_string())?;
    /// let opens = window.next_open(&lisbon, saturday).ok_or("never")?;
    /// assert_eq!(opens.to_string(), "2026-12-07T09:00:00Z");
    /// # Ok::<(), String>(())
    /// ```
    pub fn next_open(&self, zone: &TimeZone, now: Timestamp) -> Option<Timestamp> {
        if self.is_open(zone, now) {
            return Some(now);
        }
        let today = now.to_zoned(zone.clone()).date();
        let mut best: Option<Timestamp> = None;
        for offset in -1i32..=8 {
            let Ok(day) = today.checked_add(jiff::Span::new().days(offset)) else {
                continue;
            };
            if !self.opens_on(day) {
                continue;
            }
            // A window that a clock change leaves empty (it opens in a skipped hour and
            // closes before the hour after it) does not open that day.
            let Some((open, close)) = self.span_of(day, zone) else {
                continue;
            };
            if open >= close {
                continue;
            }
            // An opening time the clock skips: the window opens at the first instant after
            // the gap, if its wall-clock time is still within the hours.
            let local = open.to_zoned(zone.clone());
            let skipped =
                local.hour() as u16 * 60 + local.minute() as u16 != self.start % (24 * 60);
            let open = if !skipped {
                open
            } else {
                match zone.preceding(open).next().map(|t| t.timestamp()) {
                    Some(after_gap) if self.is_open(zone, after_gap) => after_gap,
                    _ => continue,
                }
            };
            if open > now && best.is_none_or(|b| open < b) {
                best = Some(open);
            }
        }
        best
    }

    /// Whether the window is open in `zone` at `now`: the local wall-clock time is within
    /// the hours on a day the window opens (for the part past midnight, the day before).
    /// The claim query's `wamm.in_send_window` says the same in SQL.
    pub fn is_open(&self, zone: &TimeZone, now: Timestamp) -> bool {
        let local = now.to_zoned(zone.clone());
        let minutes = local.hour() as u16 * 60 + local.minute() as u16;
        let today = local.date();
        let day_bit = |date: Date| self.days & (1 << date.weekday().to_monday_zero_offset()) != 0;
        if self.start < self.end {
            minutes >= self.start && minutes < self.end && day_bit(today)
        } else {
            (minutes >= self.start && day_bit(today))
                || (minutes < self.end && today.yesterday().is_ok_and(day_bit))
        }
    }

    fn opens_on(&self, day: Date) -> bool {
        let n = day.weekday().to_monday_zero_offset();
        self.days & (1 << n) != 0
    }

    /// The instants the window opens and closes for the window that opens on `day`.
    fn span_of(&self, day: Date, zone: &TimeZone) -> Option<(Timestamp, Timestamp)> {
        let open = at_minutes(day, self.start, zone)?;
        let close_day = if self.end <= self.start {
            day.tomorrow().ok()?
        } else {
            day
        };
        let close = at_minutes(close_day, self.end, zone)?;
        Some((open, close))
    }
}

/// The instant of `minutes` after midnight on `day` in `zone` (24:00 is the next midnight;
/// a skipped local time is the instant after the gap, as `compatible` resolves it).
fn at_minutes(day: Date, minutes: u16, zone: &TimeZone) -> Option<Timestamp> {
    let (day, minutes) = if minutes >= 24 * 60 {
        (day.tomorrow().ok()?, minutes - 24 * 60)
    } else {
        (day, minutes)
    };
    let time = Time::new((minutes / 60) as i8, (minutes % 60) as i8, 0, 0).ok()?;
    let zoned: Zoned = day.to_datetime(time).to_zoned(zone.clone()).ok()?;
    Some(zoned.timestamp())
}

impl fmt::Display for SendWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days: Vec<&str> = (0..7)
            .filter(|n| self.days & (1 << n) != 0)
            .map(|n| DAY_NAMES[n])
            .collect();
        let days = match days.as_slice() {
            all if all.len() == 7 => "daily".to_string(),
            [one] => one.to_string(),
            some => {
                // A run of consecutive days reads as a range.
                let first = (0..7).find(|n| self.days & (1 << n) != 0).unwrap_or(0);
                let contiguous = (first..first + some.len()).all(|n| self.days & (1 << n) != 0);
                if contiguous {
                    format!("{}-{}", some[0], some[some.len() - 1])
                } else {
                    some.join(",")
                }
            }
        };
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{days} {}-{}", hm(self.start), hm(self.end))
    }
}

fn day_index(name: &str) -> Result<u8, String> {
    let lower = name.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .position(|d| *d == lower)
        .map(|n| n as u8)
        .ok_or_else(|| {
            format!(
                "unknown day {:?}, expected one of mon, tue, wed, thu, fri, sat, sun",
                name.trim()
            )
        })
}

fn parse_days(text: &str) -> Result<u8, String> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("daily") {
        return Ok(0x7f);
    }
    if trimmed.is_empty() {
        return Err("empty, expected days such as \"mon-fri\", \"sat,sun\" or \"daily\"".into());
    }
    let mut bits = 0u8;
    for part in trimmed.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (day_index(from)?, day_index(to)?);
                let mut day = from;
                loop {
                    bits |= 1 << day;
                    if day == to {
                        break;
                    }
                    day = (day + 1) % 7;
                }
            }
            None => bits |= 1 << day_index(part)?,
        }
    }
    Ok(bits)
}

fn parse_time(text: &str) -> Result<u16, String> {
    let bad = || {
        format!(
            "{:?} is not a time, expected HH:MM from 00:00 to 24:00",
            text.trim()
        )
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn parse_hours(text: &str) -> Result<(u16, u16), String> {
    let (start, end) = text
        .split_once('-')
        .ok_or_else(|| format!("{text:?}, expected HH:MM-HH:MM such as \"09:00-20:00\""))?;
    let (start, end) = (parse_time(start)?, parse_time(end)?);
    if start == 24 * 60 {
        return Err("the window cannot open at 24:00; write 00:00".into());
    }
    if start == end {
        return Err(format!(
            "{text:?} opens and closes at the same time, expected a window of at least a minute (\"00:00-24:00\" for all day)"
        ));
    }
    Ok((start, end))
}

/// Checks the campaign file's `send_window` and `default_timezone`: the field and what was
/// expected when one is wrong.
pub(crate) fn check_definition(
    definition: &super::CampaignDefinition,
) -> Result<(), (&'static str, String)> {
    if let Some(window) = &definition.send_window {
        parse_days(&window.days).map_err(|e| ("send_window.days", e))?;
        parse_hours(&window.hours).map_err(|e| ("send_window.hours", e))?;
    }
    if let Some(zone) = &definition.default_timezone {
        super::timezone::zone_named(zone).map_err(|e| ("default_timezone", e))?;
    }
    Ok(())
}

impl SendWindow {
    /// The campaign's window, when it has one (its file was checked when loaded).
    pub fn of(definition: &super::CampaignDefinition) -> Option<Self> {
        let w = definition.send_window.as_ref()?;
        Self::parse(&w.days, &w.hours).ok()
    }
}

/// The environment variable that moves the clock send windows are judged by, in seconds
/// (negative: back). For tests, which cannot wait for a window to open; never set it in
/// production.
pub const CLOCK_OFFSET_VAR: &str = "WAMM_CLOCK_OFFSET";

/// The time send windows are judged by: now, moved by `WAMM_CLOCK_OFFSET` seconds when
/// that is set (for tests). Every window decision reads the clock here.
///
/// ```
/// let now = marketing::campaign::window_clock();
/// assert!(now.as_second() > 1_700_000_000);
/// ```
pub fn window_clock() -> Timestamp {
    let now = Timestamp::now();
    let offset = std::env::var(CLOCK_OFFSET_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && s.abs() < 1e10);
    match offset {
        Some(secs) => now
            .checked_add(jiff::SignedDuration::from_millis((secs * 1000.0) as i64))
            .unwrap_or(now),
        None => now,
    }
}

/// An instant in ms since the epoch as RFC 3339 in UTC, to the second (for progress lines
/// and reports).
///
/// ```
/// assert_eq!(marketing::campaign::instant_label(1_796_634_000_000), "2026-12-07T09:00:00Z");
/// ```
pub fn instant_label(ms: i64) -> String {
    Timestamp::from_second(ms.div_euclid(1000))
        .map_or_else(|_| format!("{ms} ms"), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn refuses_impossible_windows_and_days() {
        for hours in [
            "25:00-09:00",
            "09:60-10:00",
            "9:00-10:00",
            "09:00",
            "10:00-10:00",
            "24:00-01:00",
            "aa:bb-cc:dd",
        ] {
            assert!(parse_hours(hours).is_err(), "{hours}");
        }
        for days in ["", "funday", "mon-", "mon,,fri"] {
            assert!(parse_days(days).is_err(), "{days}");
        }
        assert_eq!(parse_days("fri-mon").unwrap(), 0b111_0001);
        assert_eq!(parse_days("Mon, Wed").unwrap(), 0b101);
        assert_eq!(parse_hours("00:00-24:00").unwrap(), (0, 1440));
    }

    #[test]
    fn overnight_window_belongs_to_the_day_it_opens() {
        let w = SendWindow::parse("fri", "20:00-02:00").unwrap();
        let utc = TimeZone::UTC;
        // Friday 2026-12-04 21:00 and Saturday 01:00 are open; Saturday 21:00 is not.
        assert!(w.is_open(&utc, ts("2026-12-04T21:00:00Z")));
        assert!(w.is_open(&utc, ts("2026-12-05T01:59:00Z")));
        assert!(!w.is_open(&utc, ts("2026-12-05T02:00:00Z")));
        assert_eq!(
            w.next_open(&utc, ts("2026-12-05T21:00:00Z")),
            Some(ts("2026-12-11T20:00:00Z"))
        );
    }

    #[test]
    fn opens_in_each_zone_local_time() {
        let w = SendWindow::parse("daily", "09:00-20:00").unwrap();
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let lisbon = TimeZone::get("Europe/Lisbon").unwrap();
        let now = ts("2026-12-07T06:00:00Z"); // 15:00 in Tokyo, 06:00 in Lisbon
        assert!(w.is_open(&tokyo, now));
        assert_eq!(w.next_open(&lisbon, now), Some(ts("2026-12-07T09:00:00Z")));
    }

    #[test]
    fn a_skipped_hour_opens_after_the_gap() {
        // Lisbon skips 01:00-02:00 on 2027-03-28.
        let w = SendWindow::parse("sun", "01:30-03:00").unwrap();
        let lisbon = TimeZone::get("Europe/Lisbon").unwrap();
        let opens = w.next_open(&lisbon, ts("2027-03-27T12:00:00Z")).unwrap();
        // 01:00 UTC is 02:00 WEST, the first instant after the gap.
        assert_eq!(opens, ts("2027-03-28T01:00:00Z"));
    }

    #[test]
    fn a_repeated_hour_is_open_on_both_passes() {
        // New York goes back from 02:00 EDT to 01:00 EST on 2026-11-01.
        let w = SendWindow::parse("sun", "00:00-01:30").unwrap();
        let ny = TimeZone::get("America/New_York").unwrap();
        assert!(w.is_open(&ny, ts("2026-11-01T05:15:00Z"))); // 01:15 EDT
        assert!(!w.is_open(&ny, ts("2026-11-01T05:45:00Z"))); // 01:45 EDT
        assert!(w.is_open(&ny, ts("2026-11-01T06:15:00Z"))); // 01:15 EST
        assert!(!w.is_open(&ny, ts("2026-11-01T06:30:00Z"))); // 01:30 EST
    }

    #[test]
    fn a_window_inside_a_skipped_hour_never_opens_that_day() {
        // New York skips 02:00-03:00 on 2027-03-14 (a Sunday).
        let w = SendWindow::parse("sun", "02:10-02:50").unwrap();
        let ny = TimeZone::get("America/New_York").unwrap();
        let opens = w.next_open(&ny, ts("2027-03-14T05:00:00Z")).unwrap();
        assert_eq!(opens, ts("2027-03-21T06:10:00Z"));
        // One that runs past the gap opens when it ends, 03:00 EDT.
        let w = SendWindow::parse("sun", "02:10-03:30").unwrap();
        let opens = w.next_open(&ny, ts("2027-03-14T05:00:00Z")).unwrap();
        assert_eq!(opens, ts("2027-03-14T07:00:00Z"));
    }

    proptest! {
        #[test]
        fn parsing_never_panics(days in "\\PC{0,20}", hours in "\\PC{0,20}") {
            let _ = SendWindow::parse(&days, &hours);
        }

        #[test]
        fn next_open_is_open_and_not_before_now(
            d in 1u8..128, start in 0u16..1440, len in 1u16..1440, secs in 0i64..2_000_000_000,
        ) {
            let w = SendWindow { days: d, start, end: (start + len) % 1440 };
            let w = if w.end == 0 && start != 0 { SendWindow { end: 1440, ..w } } else { w };
            prop_assume!(w.end != w.start);
            let now = Timestamp::from_second(secs).unwrap();
            let lisbon = TimeZone::get("Europe/Lisbon").unwrap();
            let opens = w.next_open(&lisbon, now).unwrap();
            prop_assert!(opens >= now);
            prop_assert!(w.is_open(&lisbon, opens));
        }

        #[test]
        fn display_parses_back(d in 1u8..128, start in 0u16..1439, end in 1u16..1441) {
            prop_assume!(start != end);
            let w = SendWindow { days: d, start, end };
            let text = w.to_string();
            let (days, hours) = text.split_once(' ').unwrap();
            prop_assert_eq!(SendWindow::parse(days, hours).unwrap(), w);
        }
    }
}
