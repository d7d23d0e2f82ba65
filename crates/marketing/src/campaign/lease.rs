//! A worker's own view of its lease on the rows it claimed (PostgreSQL journals), so that it
//! never sends once other workers may have taken those rows for a dead worker's.
//!
//! The database decides who holds a lease, by its clock; a worker learns that only when it
//! next renews. A worker that was frozen (`SIGSTOP`, Ctrl-Z, a paused VM, a suspended laptop)
//! wakes with requests queued for rows that, meanwhile, were recorded `unknown` and may have
//! been sent again by `resume --resend-unknown`. Before each send the dispatcher asks
//! [`LeaseFence::holds`]: the lease counts as held only until a margin before it can have run
//! out since the last renewal, by the monotonic clock (which a freeze advances) and by the
//! wall clock (which a suspend advances too; a clock set back counts as no time passed).

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// How long before the lease could have run out a worker stops sending: room for the time a
/// renewal takes to reach the database and for clocks that run at slightly different rates.
const MARGIN: Duration = Duration::from_secs(5);

/// When this worker's lease was last renewed, as this process saw it.
#[derive(Debug)]
pub(crate) struct LeaseFence {
    lease: Duration,
    renewed: Mutex<(Instant, SystemTime)>,
}

impl LeaseFence {
    /// A fence for a lease of `lease`, renewed now.
    pub(crate) fn new(lease: Duration) -> Self {
        Self {
            lease,
            renewed: Mutex::new((Instant::now(), SystemTime::now())),
        }
    }

    /// The lease was renewed by a request sent at `asked` (taken before the request left,
    /// so the fence never runs past the lease the database granted).
    pub(crate) fn renewed(&self, asked: (Instant, SystemTime)) {
        let mut renewed = self.renewed.lock().unwrap_or_else(|e| e.into_inner());
        if asked.0 > renewed.0 {
            *renewed = asked;
        }
    }

    /// Whether the lease surely still holds.
    pub(crate) fn holds(&self) -> bool {
        self.holds_at(Instant::now(), SystemTime::now())
    }

    fn holds_at(&self, now: Instant, wall: SystemTime) -> bool {
        let (at, wall_at) = *self.renewed.lock().unwrap_or_else(|e| e.into_inner());
        let limit = self.lease.saturating_sub(MARGIN);
        let elapsed = now.saturating_duration_since(at);
        let wall_elapsed = wall.duration_since(wall_at).unwrap_or_default();
        elapsed < limit && wall_elapsed < limit
    }

    /// Now, in the form [`renewed`](Self::renewed) takes.
    pub(crate) fn now() -> (Instant, SystemTime) {
        (Instant::now(), SystemTime::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fence_closes_a_margin_before_the_lease_by_either_clock() {
        let fence = LeaseFence::new(Duration::from_secs(30));
        let (at, wall) = *fence.renewed.lock().unwrap();
        assert!(fence.holds_at(at + Duration::from_secs(24), wall));
        // Frozen: the monotonic clock moved on.
        assert!(!fence.holds_at(at + Duration::from_secs(26), wall));
        // Suspended: only the wall clock moved on.
        assert!(!fence.holds_at(at, wall + Duration::from_secs(26)));
        // A wall clock set back is no time passed, not a lease renewed.
        assert!(fence.holds_at(
            at + Duration::from_secs(1),
            wall - Duration::from_secs(3600)
        ));
        // A renewal opens it again; an older one does not move it back.
        fence.renewed((at + Duration::from_secs(26), wall + Duration::from_secs(26)));
        assert!(fence.holds_at(at + Duration::from_secs(40), wall + Duration::from_secs(40)));
        fence.renewed((at, wall));
        assert!(fence.holds_at(at + Duration::from_secs(40), wall + Duration::from_secs(40)));
    }
}
