use std::time::{Duration, SystemTime, UNIX_EPOCH};

use wamm_client::build;
use wamm_client::types::{
    LimitedTimeOfferComponent, LimitedTimeOfferComponentType, LimitedTimeOfferParameter,
    LimitedTimeOfferParameterType, LimitedTimeOfferValue,
};

/// When a limited-time offer ends. Sent as Unix time in milliseconds; built from a
/// [`SystemTime`] so seconds and milliseconds cannot be confused.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use marketing::OfferExpiry;
///
/// let in_two_days = OfferExpiry::from(SystemTime::now() + Duration::from_secs(2 * 86_400));
/// let fixed = OfferExpiry::from_unix_millis(1_782_864_000_000);
/// assert_eq!(fixed.unix_millis(), 1_782_864_000_000);
/// # let _ = in_two_days;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct OfferExpiry(i64);

impl OfferExpiry {
    /// From Unix time in milliseconds.
    pub fn from_unix_millis(millis: i64) -> Self {
        Self(millis)
    }

    /// Unix time in milliseconds, as sent.
    pub fn unix_millis(self) -> i64 {
        self.0
    }

    pub(crate) fn into_component(self) -> LimitedTimeOfferComponent {
        let value = LimitedTimeOfferValue::builder().expiration_time_ms(self.0);
        let parameter = LimitedTimeOfferParameter::builder()
            .type_(LimitedTimeOfferParameterType::LimitedTimeOffer)
            .limited_time_offer(build::<LimitedTimeOfferValue>(value));
        build(
            LimitedTimeOfferComponent::builder()
                .type_(LimitedTimeOfferComponentType::LimitedTimeOffer)
                .parameters([build::<LimitedTimeOfferParameter>(parameter)]),
        )
    }
}

impl From<SystemTime> for OfferExpiry {
    fn from(time: SystemTime) -> Self {
        let millis = match time.duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
        };
        Self(millis)
    }
}

impl From<OfferExpiry> for SystemTime {
    fn from(expiry: OfferExpiry) -> Self {
        if expiry.0 >= 0 {
            UNIX_EPOCH + Duration::from_millis(expiry.0.unsigned_abs())
        } else {
            UNIX_EPOCH - Duration::from_millis(expiry.0.unsigned_abs())
        }
    }
}
