//! Throughput (per phone number) and pair rate (per phone number and user) limits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A token bucket: `capacity` tokens, refilled at `rate` per second, starting full.
#[derive(Debug)]
pub(crate) struct TokenBucket {
    rate: f64,
    capacity: f64,
    state: Mutex<BucketState>,
}

#[derive(Debug)]
struct BucketState {
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    pub(crate) fn new(rate_per_second: u32, capacity: u32) -> Self {
        Self {
            rate: f64::from(rate_per_second),
            capacity: f64::from(capacity),
            state: Mutex::new(BucketState {
                tokens: f64::from(capacity),
                last: Instant::now(),
            }),
        }
    }

    /// Takes one token if there is one.
    pub(crate) fn try_take(&self) -> bool {
        self.try_take_at(Instant::now())
    }

    fn try_take_at(&self, now: Instant) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let elapsed = now.saturating_duration_since(s.last).as_secs_f64();
        s.tokens = (s.tokens + elapsed * self.rate).min(self.capacity);
        s.last = now;
        if s.tokens >= 1.0 {
            s.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The last send time per (phone number, user): a second message sooner than `interval` is
/// refused.
#[derive(Debug)]
pub(crate) struct PairLimiter {
    interval: Duration,
    last: Mutex<HashMap<(String, String), Instant>>,
}

impl PairLimiter {
    pub(crate) fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Records a send to `user` unless the previous one was less than `interval` ago.
    pub(crate) fn try_send(&self, phone_number_id: &str, user: &str) -> bool {
        self.try_send_at(phone_number_id, user, Instant::now())
    }

    fn try_send_at(&self, phone_number_id: &str, user: &str, now: Instant) -> bool {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let key = (phone_number_id.to_string(), user.to_string());
        match last.get(&key) {
            Some(&at) if now.saturating_duration_since(at) < self.interval => false,
            _ => {
                last.insert(key, now);
                true
            }
        }
    }

    pub(crate) fn clear(&self) {
        self.last.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_capacity_then_its_rate() {
        let bucket = TokenBucket::new(10, 10);
        let t0 = Instant::now();
        assert!((0..10).all(|_| bucket.try_take_at(t0)));
        assert!(!bucket.try_take_at(t0));
        assert!(bucket.try_take_at(t0 + Duration::from_millis(100)));
        assert!(!bucket.try_take_at(t0 + Duration::from_millis(150)));
        // Never more than the capacity, however long it rested.
        let later = t0 + Duration::from_secs(60);
        assert!((0..10).all(|_| bucket.try_take_at(later)));
        assert!(!bucket.try_take_at(later));
    }

    #[test]
    fn a_client_paced_at_the_rate_is_never_refused() {
        let bucket = TokenBucket::new(80, 80);
        let t0 = Instant::now();
        let step = Duration::from_secs(1) / 80;
        assert!((0..800).all(|i| bucket.try_take_at(t0 + step * i)));
    }

    #[test]
    fn pairs_are_limited_per_user() {
        let pairs = PairLimiter::new(Duration::from_secs(6));
        let t0 = Instant::now();
        assert!(pairs.try_send_at("1", "a", t0));
        assert!(!pairs.try_send_at("1", "a", t0 + Duration::from_secs(5)));
        assert!(pairs.try_send_at("1", "b", t0));
        assert!(pairs.try_send_at("2", "a", t0));
        assert!(pairs.try_send_at("1", "a", t0 + Duration::from_secs(6)));
    }
}
