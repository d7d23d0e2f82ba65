//! Pacing: a schedule of send slots at the target rate, halved on throttling and recovered
//! gradually (additive increase, multiplicative decrease).

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Spaces sends to a target rate per second. A rate of 0 means unpaced.
///
/// ```
/// # tokio_test_block_on(async {
/// use marketing::campaign::Pacer;
///
/// let pacer = Pacer::new(1000.0);
/// let start = std::time::Instant::now();
/// for _ in 0..10 {
///     pacer.acquire().await;
/// }
/// assert!(start.elapsed() >= std::time::Duration::from_millis(5));
/// # });
/// # fn tokio_test_block_on(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug)]
pub struct Pacer {
    /// The configured rate; infinite when unpaced.
    target: f64,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// The current rate; infinite when unpaced.
    rate: f64,
    /// The rate when last throttled: recovery steps are a share of it.
    peak: f64,
    next: Instant,
    last_change: Instant,
    /// Sends counted in the current one-second window, to know an unpaced run's rate.
    window_start: Instant,
    window_count: u64,
    observed: f64,
    throttled_once: bool,
}

/// How far behind schedule the pacer may catch up at once, as a share of a second's sends.
/// Timers wake late by up to a millisecond; without catch-up the achieved rate would drift
/// below target. 5 % of a second stays far inside the server's one-second bucket.
const CATCH_UP_SHARE: f64 = 0.05;

/// After throttling, the rate grows back by this share of the throttled rate each second.
const RECOVERY_PER_SECOND: f64 = 0.10;

impl Pacer {
    /// Paces to `rate` sends per second (0: unpaced until the server throttles).
    pub fn new(rate: f64) -> Self {
        let now = Instant::now();
        let target = if rate > 0.0 { rate } else { f64::INFINITY };
        Self {
            target,
            state: Mutex::new(State {
                rate: target,
                peak: target,
                next: now,
                last_change: now,
                window_start: now,
                window_count: 0,
                observed: 0.0,
                throttled_once: false,
            }),
        }
    }

    /// Waits for the next send slot.
    pub async fn acquire(&self) {
        let slot = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let window = now.duration_since(state.window_start).as_secs_f64();
            state.window_count += 1;
            if window >= 1.0 {
                state.observed = state.window_count as f64 / window;
                state.window_start = now;
                state.window_count = 0;
            }
            // Recover towards the target after throttling.
            if state.rate < self.target {
                let elapsed = now.duration_since(state.last_change).as_secs_f64();
                if elapsed >= 1.0 {
                    state.rate += state.peak * RECOVERY_PER_SECOND * elapsed.floor();
                    if state.rate >= self.target
                        || (self.target.is_infinite() && state.rate >= state.peak)
                    {
                        state.rate = self.target;
                    }
                    state.last_change = now;
                }
            }
            if state.rate.is_infinite() {
                return;
            }
            let interval = Duration::from_secs_f64(1.0 / state.rate);
            let catch_up =
                Duration::from_secs_f64((state.rate * CATCH_UP_SHARE).max(1.0) / state.rate);
            let earliest = now.checked_sub(catch_up).unwrap_or(now);
            let slot = state.next.max(earliest);
            state.next = slot + interval;
            slot
        };
        tokio::time::sleep_until(slot.into()).await;
    }

    /// Reports a throttling error: halves the rate (at most once a second, since concurrent
    /// requests report the same burst). An unpaced run starts pacing at half the rate it had.
    pub fn throttled(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let recently = now.duration_since(state.last_change) < Duration::from_secs(1);
        if state.throttled_once && recently {
            return;
        }
        state.throttled_once = true;
        let current = if state.rate.is_finite() {
            state.rate
        } else {
            let window = now.duration_since(state.window_start).as_secs_f64();
            let in_window = if window > 0.05 {
                state.window_count as f64 / window
            } else {
                0.0
            };
            state.observed.max(in_window).max(2.0)
        };
        state.peak = current;
        state.rate = (current / 2.0).max(1.0);
        state.last_change = now;
        state.next = state.next.max(now);
    }

    /// The current rate (sends per second; 0 when unpaced).
    pub fn rate(&self) -> f64 {
        let rate = self.state.lock().map(|s| s.rate).unwrap_or(self.target);
        if rate.is_finite() { rate } else { 0.0 }
    }
}
