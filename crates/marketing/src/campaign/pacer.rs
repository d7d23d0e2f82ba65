//! Pacing: a schedule of send slots at the target rate, halved on throttling and recovered
//! gradually (additive increase, multiplicative decrease).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::journal::SharedSchedule;

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
    /// With workers: the phone number's schedule, shared with every other worker.
    shared: Option<Shared>,
}

/// Slots taken from a schedule shared with other processes, a block at a time.
#[derive(Debug)]
struct Shared {
    schedule: Arc<SharedSchedule>,
    block: Mutex<Block>,
    /// One refill at a time; the others wait for it.
    refill: tokio::sync::Mutex<()>,
}

/// The slots of the last block reserved that are not handed out yet.
#[derive(Debug)]
struct Block {
    next: Instant,
    interval: Duration,
    remaining: u32,
}

/// A block of shared slots covers this share of a second at the current rate.
const BLOCK_SHARE: f64 = 0.05;

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
    /// Counts rate cuts: a slot handed out before a cut is given up for one at the new rate.
    cuts: u64,
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
                cuts: 0,
            }),
            shared: None,
        }
    }

    /// Paces to `rate` sends per second (more than 0) on `schedule`, shared with every other
    /// worker sending for the same phone number: their sends together keep to the rate.
    pub(crate) fn shared(rate: f64, schedule: SharedSchedule) -> Self {
        let mut pacer = Self::new(rate);
        if pacer.target.is_finite() {
            pacer.shared = Some(Shared {
                schedule: Arc::new(schedule),
                block: Mutex::new(Block {
                    next: Instant::now(),
                    interval: Duration::ZERO,
                    remaining: 0,
                }),
                refill: tokio::sync::Mutex::new(()),
            });
        }
        pacer
    }

    /// [`Pacer::acquire`] on the shared schedule: the next slot of this worker's block, or a
    /// new block reserved in the database.
    async fn acquire_shared(&self, shared: &Shared) {
        let mut counted = false;
        // The bookkeeping of the rate (observed sends, recovery after throttling).
        let _ = self.next_slot(&mut counted);
        loop {
            let slot = {
                let mut block = shared.block.lock().unwrap_or_else(|e| e.into_inner());
                (block.remaining > 0).then(|| {
                    block.remaining -= 1;
                    let slot = block.next;
                    block.next = slot + block.interval;
                    slot
                })
            };
            if let Some(slot) = slot {
                tokio::time::sleep_until(slot.into()).await;
                return;
            }
            let _refilling = shared.refill.lock().await;
            if shared
                .block
                .lock()
                .map(|b| b.remaining > 0)
                .unwrap_or(false)
            {
                continue;
            }
            let rate = self.rate().max(1.0);
            let slots = ((rate * BLOCK_SHARE).ceil() as u32).max(1);
            let schedule = Arc::clone(&shared.schedule);
            match tokio::task::spawn_blocking(move || schedule.reserve(slots, rate)).await {
                Ok(Ok(wait)) => {
                    let mut block = shared.block.lock().unwrap_or_else(|e| e.into_inner());
                    block.next = Instant::now() + wait;
                    block.interval = Duration::from_secs_f64(1.0 / rate);
                    block.remaining = slots;
                }
                // The database is out of reach: no slot is safe to take; try again shortly
                // (the journal meets the same problem and stops the run).
                _ => tokio::time::sleep(Duration::from_secs(1)).await,
            }
        }
    }

    /// Waits for the next send slot. Many tasks may wait at once; each gets its own slot, and
    /// a throttling report while they wait moves them all onto the slower schedule.
    pub async fn acquire(&self) {
        if let Some(shared) = &self.shared {
            return self.acquire_shared(shared).await;
        }
        let mut counted = false;
        loop {
            let Some((slot, cuts)) = self.next_slot(&mut counted) else {
                return;
            };
            tokio::time::sleep_until(slot.into()).await;
            if self.state.lock().map(|s| s.cuts == cuts).unwrap_or(true) {
                return;
            }
        }
    }

    /// Reserves the next slot and the rate-cut count it was reserved under; `None` when unpaced.
    fn next_slot(&self, counted: &mut bool) -> Option<(Instant, u64)> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let window = now.duration_since(state.window_start).as_secs_f64();
        if !*counted {
            state.window_count += 1;
            *counted = true;
        }
        if window >= 1.0 {
            state.observed = state.window_count as f64 / window;
            state.window_start = now;
            state.window_count = 0;
        }
        // Recover towards the target after throttling.
        if state.rate < self.target {
            let elapsed = now.duration_since(state.last_change).as_secs_f64();
            if elapsed >= 1.0 {
                // An unpaced run keeps growing past the rate it was throttled at rather than
                // bursting unpaced again: the server has told it roughly where its limit is.
                state.rate += state.peak * RECOVERY_PER_SECOND * elapsed.floor();
                if state.rate >= self.target {
                    state.rate = self.target;
                }
                state.last_change = now;
                tracing::debug!(
                    rate = state.rate,
                    target = self.target,
                    "pacing recovers after throttling"
                );
            }
        }
        if state.rate.is_infinite() {
            return None;
        }
        let interval = Duration::from_secs_f64(1.0 / state.rate);
        let catch_up = Duration::from_secs_f64((state.rate * CATCH_UP_SHARE).max(1.0) / state.rate);
        let earliest = now.checked_sub(catch_up).unwrap_or(now);
        let slot = state.next.max(earliest);
        state.next = slot + interval;
        Some((slot, state.cuts))
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
            // An unpaced run: the rate over the last full second, or, early in a second, the
            // sends made in it so far (what the server accepted before refusing is a fair
            // floor for its limit; dividing by a few milliseconds would not be).
            let window = now.duration_since(state.window_start).as_secs_f64();
            let in_window = if window >= 1.0 {
                state.window_count as f64 / window
            } else {
                state.window_count as f64
            };
            state.observed.max(in_window).max(2.0)
        };
        state.peak = current;
        state.rate = (current / 2.0).max(1.0);
        state.last_change = now;
        state.next = now;
        state.cuts += 1;
        tracing::info!(
            rate = state.rate,
            previous_rate = current,
            target = self.target,
            "throttled: pacing halved"
        );
        drop(state);
        // Slots not handed out yet were reserved at the old rate: reserve anew at the new one.
        if let Some(shared) = &self.shared
            && let Ok(mut block) = shared.block.lock()
        {
            block.remaining = 0;
        }
    }

    /// When the next slot would be, without taking it: now when unpaced or already due. For a
    /// pool choosing the number with the earliest slot.
    pub(crate) fn next_free(&self) -> Instant {
        let now = Instant::now();
        if let Some(shared) = &self.shared
            && let Ok(block) = shared.block.lock()
            && block.remaining > 0
        {
            return block.next.max(now);
        }
        self.state
            .lock()
            .map(|s| {
                if s.rate.is_finite() {
                    s.next.max(now)
                } else {
                    now
                }
            })
            .unwrap_or(now)
    }

    /// The current rate (sends per second; 0 when unpaced).
    pub fn rate(&self) -> f64 {
        let rate = self.state.lock().map(|s| s.rate).unwrap_or(self.target);
        if rate.is_finite() { rate } else { 0.0 }
    }

    /// The configured rate in sends per second (0 when unpaced).
    pub(crate) fn target(&self) -> f64 {
        if self.target.is_finite() {
            self.target
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    /// An unpaced pacer that has let `sends` through at once.
    async fn unpaced_after(sends: usize) -> Pacer {
        let pacer = Pacer::new(0.0);
        for _ in 0..sends {
            pacer.acquire().await;
        }
        pacer
    }

    #[test]
    fn an_unpaced_run_throttled_early_paces_at_half_what_it_sent() {
        runtime().block_on(async {
            let pacer = unpaced_after(400).await;
            assert_eq!(pacer.rate(), 0.0);
            // Refused a few milliseconds in: 400 sends, not 400 / 0.003 s.
            pacer.throttled();
            assert_eq!(pacer.rate(), 200.0);
        });
    }

    #[test]
    fn an_unpaced_run_once_throttled_grows_past_its_peak_but_never_bursts_unpaced_again() {
        runtime().block_on(async {
            let pacer = unpaced_after(400).await;
            pacer.throttled();
            // A minute later, with no more throttling: well past the old peak, still paced.
            {
                let mut state = pacer.state.lock().unwrap();
                state.last_change -= Duration::from_secs(60);
                state.next = Instant::now();
            }
            pacer.acquire().await;
            let rate = pacer.rate();
            assert!(rate > 400.0, "grew past the peak: {rate}");
            assert!(rate.is_finite() && rate != 0.0, "paced: {rate}");
        });
    }

    #[test]
    fn waiting_senders_move_to_the_slower_schedule_when_throttled() {
        runtime().block_on(async {
            let pacer = Arc::new(Pacer::new(100.0));
            let start = Instant::now();
            let waiters: Vec<_> = (0..20)
                .map(|_| {
                    let pacer = Arc::clone(&pacer);
                    tokio::spawn(async move {
                        pacer.acquire().await;
                        Instant::now()
                    })
                })
                .collect();
            tokio::task::yield_now().await;
            // Slots for 20 sends at 100/s span 190 ms; halve the rate before any is due.
            pacer.throttled();
            let mut times = Vec::new();
            for waiter in waiters {
                times.push(waiter.await.unwrap() - start);
            }
            times.sort();
            // At 50/s the 20th send is due about 380 ms in; on the old schedule it was 190 ms.
            // (Timers never fire early, so the bound holds on a loaded machine.)
            let last = *times.last().unwrap();
            assert!(last >= Duration::from_millis(370), "{times:?}");
        });
    }
}
