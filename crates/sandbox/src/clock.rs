//! The sandbox's clock for rules measured in days (Meta's edit limits, the 30-day hold on a
//! deleted name): real time plus an offset that tests move forward
//! (`POST /__sandbox/clock`, [`Sandbox::advance_clock`](crate::Sandbox::advance_clock)), so
//! "edited too soon" can be tested without waiting a day.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::endpoint::AppState;

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

/// The body of `POST /__sandbox/clock`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockChange {
    advance: String,
}

/// `POST /__sandbox/clock` with `{"advance": "25h"}`: moves the clock of the template edit
/// limits and the deleted-name hold forward; answers `{"now": UNIX_SECONDS}`.
pub(crate) async fn change(
    State(state): State<Arc<AppState>>,
    body: axum::body::Bytes,
) -> Response {
    let by = serde_json::from_slice::<ClockChange>(&body)
        .map_err(|e| e.to_string())
        .and_then(|c| humantime::parse_duration(&c.advance).map_err(|e| e.to_string()));
    match by {
        Ok(by) => {
            let now = state.clock.advance(by);
            crate::endpoint::json_response(
                StatusCode::OK,
                serde_json::json!({ "now": now }).to_string().into_bytes(),
            )
        }
        Err(e) => crate::endpoint::graph_error(
            &crate::graph_error::GraphFailure::invalid_parameter(format!(
                "expected {{\"advance\": \"DURATION\"}} such as \"25h\" or \"30days\": {e}"
            )),
            &state.trace(),
        ),
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
