//! UTC days and the period an insights request covers, checked against Meta's limits before
//! anything is asked.

use std::fmt;

use serde::{Serialize, Serializer};

use super::InsightsError;

/// How far back Meta serves template analytics: the period's first day may be at most this
/// many days before today (UTC).
pub const LOOKBACK_DAYS: i64 = 90;

const SECONDS_PER_DAY: i64 = 86_400;

/// A calendar day in UTC, such as `2026-11-30`: the unit of Meta's daily figures.
///
/// ```
/// use marketing::insights::Day;
///
/// let day = Day::parse("2026-02-28")?;
/// assert_eq!(day.next().to_string(), "2026-03-01");
/// assert_eq!(day.start_unix(), 1_772_236_800);
/// assert_eq!(Day::from_unix(1_772_236_800 + 3_600), day);
/// assert!(Day::parse("2026-02-30").is_err());
/// # Ok::<(), marketing::insights::InsightsError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

impl Day {
    /// The day `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, InsightsError> {
        let bad = || {
            InsightsError::Period(format!(
                "{text:?} is not a date: expected YYYY-MM-DD (a UTC day), such as 2026-11-30"
            ))
        };
        let mut parts = text.trim().splitn(3, '-');
        let mut number = |digits: usize| -> Result<i64, InsightsError> {
            let part = parts.next().ok_or_else(bad)?;
            if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let (year, month, day) = (number(4)?, number(2)?, number(2)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(bad());
        }
        Ok(Self(days_from_civil(year, month, day)))
    }

    /// The day `text` names, counted from `today` when it is relative: `today`, `yesterday`,
    /// `Nd` (N days before today, such as `7d`), or a date `YYYY-MM-DD`.
    ///
    /// ```
    /// use marketing::insights::Day;
    ///
    /// let today = Day::parse("2026-12-07")?;
    /// assert_eq!(Day::parse_from("7d", today)?.to_string(), "2026-11-30");
    /// assert_eq!(Day::parse_from("yesterday", today)?.to_string(), "2026-12-06");
    /// assert_eq!(Day::parse_from("2026-12-01", today)?.to_string(), "2026-12-01");
    /// # Ok::<(), marketing::insights::InsightsError>(())
    /// ```
    pub fn parse_from(text: &str, today: Day) -> Result<Self, InsightsError> {
        let text = text.trim();
        match text {
            "today" => return Ok(today),
            "yesterday" => return Ok(today.plus(-1)),
            _ => {}
        }
        if let Some(n) = text
            .strip_suffix('d')
            .filter(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
        {
            let n: i64 = n.parse().unwrap_or(0);
            return Ok(today.plus(-n));
        }
        Self::parse(text).map_err(|_| {
            InsightsError::Period(format!(
                "{text:?} is not a day: expected YYYY-MM-DD (UTC), today, yesterday, or Nd (N days before today)"
            ))
        })
    }

    /// The UTC day that holds the instant `unix` (seconds).
    pub fn from_unix(unix: i64) -> Self {
        Self(unix.div_euclid(SECONDS_PER_DAY))
    }

    /// Today, in UTC.
    pub fn today() -> Self {
        Self::from_unix(crate::now_ms().div_euclid(1000))
    }

    /// Midnight UTC at the start of the day, in Unix seconds.
    pub fn start_unix(self) -> i64 {
        self.0 * SECONDS_PER_DAY
    }

    /// The day after.
    pub fn next(self) -> Self {
        self.plus(1)
    }

    /// `days` later (earlier when negative).
    pub fn plus(self, days: i64) -> Self {
        Self(self.0 + days)
    }

    /// Days from `earlier` to this day.
    pub fn days_since(self, earlier: Day) -> i64 {
        self.0 - earlier.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The days an insights request covers, first and last included, checked against Meta's
/// limits: the last day not before the first, the first no more than [`LOOKBACK_DAYS`] back
/// and not after today. A last day after today is brought back to today (no figures exist
/// for days to come).
///
/// ```
/// use marketing::insights::{Day, Period};
///
/// let today = Day::parse("2026-12-07")?;
/// let week = Period::checked(Day::parse("2026-11-30")?, today, today)?;
/// assert_eq!(week.days(), 8);
///
/// let too_old = Period::checked(Day::parse("2026-08-01")?, today, today).unwrap_err();
/// assert!(too_old.to_string().contains("90 days"), "{too_old}");
/// let backwards = Period::checked(today, Day::parse("2026-12-01")?, today).unwrap_err();
/// assert!(backwards.to_string().contains("before"), "{backwards}");
/// # Ok::<(), marketing::insights::InsightsError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub since: Day,
    /// The last day.
    pub until: Day,
}

impl Period {
    /// The days `since` to `until`, checked against Meta's limits as of today (UTC).
    pub fn new(since: Day, until: Day) -> Result<Self, InsightsError> {
        Self::checked(since, until, Day::today())
    }

    /// The days `since` to `until`, checked against Meta's limits as of `today`.
    pub fn checked(since: Day, until: Day, today: Day) -> Result<Self, InsightsError> {
        if since > today {
            return Err(InsightsError::Period(format!(
                "the period starts after today ({since}, today is {today} UTC): there are no figures for days to come"
            )));
        }
        if until < since {
            return Err(InsightsError::Period(format!(
                "the period ends ({until}) before it starts ({since}): give the first day first"
            )));
        }
        let earliest = today.plus(-LOOKBACK_DAYS);
        if since < earliest {
            return Err(InsightsError::Period(format!(
                "the period starts {since}, {} days back: Meta serves template analytics for at most {LOOKBACK_DAYS} days back (the earliest day now is {earliest})",
                today.days_since(since)
            )));
        }
        Ok(Self {
            since,
            until: until.min(today),
        })
    }

    /// How many days it covers.
    pub fn days(&self) -> i64 {
        self.until.days_since(self.since) + 1
    }

    /// The request's `start`: midnight UTC at the start of the first day (Unix seconds).
    pub fn start_unix(&self) -> i64 {
        self.since.start_unix()
    }

    /// The request's `end`: midnight UTC after the last day (Unix seconds).
    pub fn end_unix(&self) -> i64 {
        self.until.next().start_unix()
    }

    /// Whether `day` is in the period.
    pub fn contains(&self, day: Day) -> bool {
        self.since <= day && day <= self.until
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.since == self.until {
            write!(f, "{}", self.since)
        } else {
            write!(f, "{} to {}", self.since, self.until)
        }
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_dates() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            let day = Day(days);
            if (0..=9999).contains(&y) {
                assert_eq!(Day::parse(&day.to_string()).unwrap(), day);
            }
        }
        assert_eq!(Day::parse("1970-01-01").unwrap(), Day(0));
        assert_eq!(
            Day::parse("2000-02-29").unwrap().next().to_string(),
            "2000-03-01"
        );
        assert!(Day::parse("1900-02-29").is_err());
        assert_eq!(Day::from_unix(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn malformed_dates_say_what_is_expected() {
        for text in [
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-13-01",
            "",
            "2026-01-01x",
        ] {
            let error = Day::parse(text).unwrap_err().to_string();
            assert!(error.contains("YYYY-MM-DD"), "{text}: {error}");
        }
    }

    #[test]
    fn the_lookback_limit_is_inclusive_and_the_future_is_cut() {
        let today = Day::parse("2026-12-07").unwrap();
        assert!(Period::checked(today.plus(-90), today, today).is_ok());
        assert!(Period::checked(today.plus(-91), today, today).is_err());
        let ahead = Period::checked(today, today.plus(3), today).unwrap();
        assert_eq!(ahead.until, today);
        assert_eq!(ahead.end_unix() - ahead.start_unix(), 86_400);
        let future = Period::checked(today.next(), today.plus(2), today).unwrap_err();
        assert!(future.to_string().contains("after today"), "{future}");
    }
}
