//! When a campaign sends: `start_at` (no row is taken before it) and `end_by` (no row is
//! taken after it; the rest stay pending for a `resume` with a later one).
//!
//! Both are RFC 3339 times with an offset (`2026-12-08T09:00:00+01:00`, or `Z`). The times
//! are checked twice: their form whenever a campaign file is read (so a journal's stored
//! campaign always parses), and, when a campaign starts, that they are not in the past. A
//! start up to [`START_GRACE`] ago means "now": the time it takes to type the command must
//! not turn a start of "this minute" into an error.

use std::time::Duration;

use super::CampaignError;
use super::definition::CampaignDefinition;

/// How far in the past a `start_at` may be when a campaign starts: it then starts at once.
pub const START_GRACE: Duration = Duration::from_secs(60);

/// A campaign's schedule, as milliseconds since the Unix epoch.
///
/// ```
/// use marketing::campaign::Schedule;
///
/// let schedule = Schedule::parse(Some("2026-12-08T09:00:00+01:00"), Some("2026-12-08T20:00:00Z"))
///     .map_err(|(field, what)| format!("{field}: {what}"))?;
/// assert_eq!(schedule.start_at_ms, Some(1_796_716_800_000));
/// assert!(schedule.end_by_ms > schedule.start_at_ms);
/// assert!(Schedule::parse(Some("tomorrow 9am"), None).is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// No row is sent before this time.
    pub start_at_ms: Option<i64>,
    /// No row is taken after this time: the run stops with the rest pending.
    pub end_by_ms: Option<i64>,
}

impl Schedule {
    /// Parses the two times; `Err` names the field (`start_at` or `end_by`) and says what was
    /// expected. An `end_by` at or before `start_at` is refused.
    pub fn parse(start_at: Option<&str>, end_by: Option<&str>) -> Result<Self, (String, String)> {
        let start_at_ms = start_at.map(|t| parse_time("start_at", t)).transpose()?;
        let end_by_ms = end_by.map(|t| parse_time("end_by", t)).transpose()?;
        if let (Some(start), Some(end)) = (start_at_ms, end_by_ms)
            && end <= start
        {
            return Err((
                "end_by".to_string(),
                format!(
                    "{} is not after start_at {}; expected a time after the start",
                    end_by.unwrap_or_default(),
                    start_at.unwrap_or_default()
                ),
            ));
        }
        Ok(Self {
            start_at_ms,
            end_by_ms,
        })
    }

    /// The schedule of a campaign whose file has been checked.
    pub(crate) fn of(definition: &CampaignDefinition) -> Result<Self, CampaignError> {
        Self::parse(definition.start_at.as_deref(), definition.end_by.as_deref())
            .map_err(|(field, what)| CampaignError::Input(format!("{field}: {what}")))
    }

    /// Refuses, for a campaign about to start at `now_ms`, a start more than [`START_GRACE`]
    /// ago or an end already past. `name` says how a field is named in the error (the
    /// campaign file's name, or the flag that set it).
    pub(crate) fn check_future(
        &self,
        now_ms: i64,
        name: impl Fn(&str) -> String,
    ) -> Result<(), CampaignError> {
        let grace = START_GRACE.as_millis() as i64;
        if let Some(start) = self.start_at_ms
            && start < now_ms - grace
        {
            return Err(CampaignError::Input(format!(
                "{}: {} is in the past (now {}); expected a time from now on (a start within the last {} s means now)",
                name("start_at"),
                format_ms(start),
                format_ms(now_ms),
                START_GRACE.as_secs()
            )));
        }
        if let Some(end) = self.end_by_ms
            && end <= now_ms
        {
            return Err(CampaignError::Input(format!(
                "{}: {} is in the past (now {}); expected a time to come",
                name("end_by"),
                format_ms(end),
                format_ms(now_ms)
            )));
        }
        Ok(())
    }

    /// Whether a row may be taken at `now_ms`: `Err` with the start when it is still to come.
    pub(crate) fn waiting_until(&self, now_ms: i64) -> Option<i64> {
        self.start_at_ms.filter(|start| *start > now_ms)
    }

    /// Whether `end_by` has passed at `now_ms`.
    pub(crate) fn ended(&self, now_ms: i64) -> bool {
        self.end_by_ms.is_some_and(|end| end <= now_ms)
    }
}

/// Puts `--start-at` and `--end-by` into `definition`, each checked like the file's own,
/// with errors naming the flag. A time given as a flag must not be in the past.
pub(crate) fn override_schedule(
    definition: &mut CampaignDefinition,
    options: &super::RunOptions,
) -> Result<(), CampaignError> {
    let flag = |field: &str| match field {
        "start_at" => "--start-at".to_string(),
        _ => "--end-by".to_string(),
    };
    if options.start_at.is_none() && options.end_by.is_none() {
        return Ok(());
    }
    let given = Schedule::parse(options.start_at.as_deref(), options.end_by.as_deref())
        .map_err(|(field, what)| CampaignError::Input(format!("{}: {what}", flag(&field))))?;
    given.check_future(crate::now_ms(), flag)?;
    if options.start_at.is_some() {
        definition.start_at.clone_from(&options.start_at);
    }
    if options.end_by.is_some() {
        definition.end_by.clone_from(&options.end_by);
    }
    Schedule::parse(definition.start_at.as_deref(), definition.end_by.as_deref()).map_err(
        |(field, what)| {
            CampaignError::Input(format!(
                "{} (with the campaign's schedule): {what}",
                flag(&field)
            ))
        },
    )?;
    Ok(())
}

impl CampaignDefinition {
    /// This definition with `other`'s schedule: what `resume` compares a campaign file by,
    /// since the schedule a journal keeps may have been set by the run's flags.
    pub(crate) fn with_schedule_of(mut self, other: &CampaignDefinition) -> Self {
        self.start_at.clone_from(&other.start_at);
        self.end_by.clone_from(&other.end_by);
        self
    }
}

/// One RFC 3339 time, as milliseconds since the Unix epoch.
fn parse_time(field: &str, text: &str) -> Result<i64, (String, String)> {
    let time: jiff::Timestamp = text.trim().parse().map_err(|e| {
        (
            field.to_string(),
            format!(
                "{text:?} is not a time ({e}); expected RFC 3339 with an offset, like 2026-12-08T09:00:00+01:00 or 2026-12-08T08:00:00Z"
            ),
        )
    })?;
    Ok(time.as_millisecond())
}

/// A time in milliseconds as RFC 3339 in UTC, to the second.
///
/// ```
/// assert_eq!(marketing::campaign::format_ms(0), "1970-01-01T00:00:00Z");
/// ```
pub fn format_ms(ms: i64) -> String {
    jiff::Timestamp::from_second(ms.div_euclid(1000))
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|_| format!("{ms} ms"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn times_with_an_offset_are_read_and_others_refused_by_name() {
        let s = Schedule::parse(Some("2026-12-08T09:00:00+01:00"), None).unwrap();
        assert_eq!(s.start_at_ms, Some(1_796_716_800_000));
        for bad in [
            "2026-12-08 09:00",
            "2026-12-08T09:00:00",
            "25:00",
            "",
            "2026-13-01T00:00:00Z",
        ] {
            let (field, what) = Schedule::parse(None, Some(bad)).unwrap_err();
            assert_eq!(field, "end_by");
            assert!(what.contains("RFC 3339"), "{what}");
        }
        let (field, _) =
            Schedule::parse(Some("2026-12-08T09:00:00Z"), Some("2026-12-08T09:00:00Z"))
                .unwrap_err();
        assert_eq!(field, "end_by");
    }

    #[test]
    fn a_start_within_the_grace_means_now_and_one_before_it_is_refused() {
        let now = 1_796_716_800_000;
        let at = |ms: i64| Schedule {
            start_at_ms: Some(ms),
            end_by_ms: None,
        };
        assert!(at(now - 59_000).check_future(now, str::to_string).is_ok());
        let e = at(now - 61_000)
            .check_future(now, |f| format!("c.toml: {f}"))
            .unwrap_err();
        assert!(e.to_string().starts_with("c.toml: start_at: "), "{e}");
        let ended = Schedule {
            start_at_ms: None,
            end_by_ms: Some(now),
        };
        assert!(ended.check_future(now, str::to_string).is_err());
        assert!(ended.ended(now));
        assert_eq!(at(now + 1).waiting_until(now), Some(now + 1));
        assert_eq!(at(now).waiting_until(now), None);
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_a_panic(a in ".{0,40}", b in "\\PC{0,40}") {
            let _ = Schedule::parse(Some(&a), Some(&b));
        }

        #[test]
        fn a_formatted_time_reads_back(secs in -2_000_000_000i64..40_000_000_000) {
            let text = format_ms(secs * 1000);
            let s = Schedule::parse(Some(&text), None).unwrap();
            prop_assert_eq!(s.start_at_ms, Some(secs * 1000));
        }
    }
}
