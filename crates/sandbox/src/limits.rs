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
///
/// Only pairs sent to within the last `interval` matter, so the others are pruned whenever the
/// map has doubled since the last pruning: memory follows the pairs of one interval, not
/// every user ever sent to.
#[derive(Debug)]
pub(crate) struct PairLimiter {
    interval: Duration,
    last: Mutex<Pairs>,
}

#[derive(Debug)]
struct Pairs {
    by_pair: HashMap<(String, String), Instant>,
    /// Prune when the map reaches this many entries.
    prune_at: usize,
}

/// The smallest map size at which pruning starts.
const PRUNE_FLOOR: usize = 1024;

impl PairLimiter {
    pub(crate) fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: Mutex::new(Pairs {
                by_pair: HashMap::new(),
                prune_at: PRUNE_FLOOR,
            }),
        }
    }

    /// Records a send to `user` unless the previous one was less than `interval` ago.
    pub(crate) fn try_send(&self, phone_number_id: &str, user: &str) -> bool {
        self.try_send_at(phone_number_id, user, Instant::now())
    }

    fn try_send_at(&self, phone_number_id: &str, user: &str, now: Instant) -> bool {
        let mut pairs = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let key = (phone_number_id.to_string(), user.to_string());
        match pairs.by_pair.get(&key) {
            Some(&at) if now.saturating_duration_since(at) < self.interval => false,
            _ => {
                pairs.by_pair.insert(key, now);
                if pairs.by_pair.len() >= pairs.prune_at {
                    let interval = self.interval;
                    pairs
                        .by_pair
                        .retain(|_, at| now.saturating_duration_since(*at) < interval);
                    // Amortised: the next pruning waits until the live pairs have doubled.
                    let prune_at = (pairs.by_pair.len() * 2).max(PRUNE_FLOOR);
                    pairs.prune_at = prune_at;
                    pairs.by_pair.shrink_to(prune_at);
                }
                true
            }
        }
    }

    pub(crate) fn clear(&self) {
        let mut pairs = self.last.lock().unwrap_or_else(|e| e.into_inner());
        pairs.by_pair = HashMap::new();
        pairs.prune_at = PRUNE_FLOOR;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .by_pair
            .len()
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

    #[test]
    fn pairs_older_than_the_interval_are_forgotten() {
        let pairs = PairLimiter::new(Duration::from_secs(1));
        let t0 = Instant::now();
        // 100 000 users, 1000 per second: at most about 2000 can matter at any time.
        for i in 0..100_000u64 {
            let now = t0 + Duration::from_millis(i);
            assert!(pairs.try_send_at("1", &i.to_string(), now));
            assert!(
                pairs.len() <= 4 * PRUNE_FLOOR,
                "{} pairs at {i}",
                pairs.len()
            );
        }
        // Pruning keeps the pairs that still count.
        let last = t0 + Duration::from_millis(99_999);
        assert!(!pairs.try_send_at("1", "99999", last));
        assert!(!pairs.try_send_at("1", "99500", last));
        assert!(pairs.try_send_at("1", "0", last));
    }
}
