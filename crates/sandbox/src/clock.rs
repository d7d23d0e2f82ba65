//! The sandbox's clock for rules measured in days (Meta's edit limits, the 30-day hold on a
//! deleted name): real time plus an offset that tests move forward
//! (`POST /__sandbox/clock`, [`Sandbox::advance_clock`](crate::Sandbox::advance_clock)), so
//! "edited too soon" can be tested without waiting a day.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Default)]
pub(crate) struct Clock {
    /// Seconds added to real time.
    offset: AtomicU64,
}

impl Clock {
    /// Unix seconds, as the sandbox sees them.
    pub(crate) fn now(&self) -> u64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        real.saturating_add(self.offset.load(Ordering::SeqCst))
    }

    /// Moves the clock forward by `by` (whole seconds); returns the new time.
    pub(crate) fn advance(&self, by: Duration) -> u64 {
        self.offset.fetch_add(by.as_secs(), Ordering::SeqCst);
        self.now()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward_by_at_least_that() {
        let clock = Clock::default();
        let before = clock.now();
        let after = clock.advance(Duration::from_secs(86_400));
        assert!(after >= before + 86_400);
    }
}
