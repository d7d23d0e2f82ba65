//! The send schedule the workers of one phone number share, kept in the database.

use std::time::Duration;

use crate::pg::{PgError, Session};

use super::super::super::CampaignError;

/// The send schedule of one phone number, shared through the database by every worker that
/// sends for it. See [`SharedSchedule::reserve`].
pub struct SharedSchedule {
    pub(super) session: Session,
    pub(super) phone_number_id: String,
}

impl std::fmt::Debug for SharedSchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedSchedule")
            .field("phone_number_id", &self.phone_number_id)
            .finish_non_exhaustive()
    }
}

impl SharedSchedule {
    /// Reserves `slots` consecutive send slots at `rate` per second, after every slot any
    /// worker reserved before, and returns how long from now the first one is. One statement
    /// on one row, so reservations by concurrent workers queue one after another and never
    /// overlap: whatever the number of workers, the phone number gets at most `rate` sends a
    /// second (each worker paces by the rate it knows, lowered when it is throttled).
    pub fn reserve(&self, slots: u32, rate: f64) -> Result<Duration, CampaignError> {
        let span_ms = f64::from(slots) * 1000.0 / rate.max(f64::MIN_POSITIVE);
        let phone = self.phone_number_id.clone();
        let (start, now): (f64, f64) = self
            .session
            .call(move |c| {
                c.query_one(
                    "WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS ms)
                     INSERT INTO wamm.senders AS s (phone_number_id, next_ms)
                     SELECT $1, now.ms + $2 FROM now
                     ON CONFLICT (phone_number_id) DO UPDATE
                         SET next_ms = GREATEST(s.next_ms, (SELECT ms FROM now)) + $2
                     RETURNING s.next_ms - $2, (SELECT ms FROM now)",
                    &[&phone, &span_ms],
                )
                .map(|r| (r.get(0), r.get(1)))
            })
            .map_err(|e| CampaignError::journal("the shared send schedule", e))?
            .map_err(|e| CampaignError::journal("the shared send schedule", PgError::from(e)))?;
        Ok(Duration::from_secs_f64(((start - now) / 1000.0).max(0.0)))
    }
}
