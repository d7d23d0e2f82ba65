//! Bounded retries that never resend a message that may have been created.

use std::time::Duration;

use crate::error::SendError;

/// When and how often [`MarketingClient::send`](crate::MarketingClient::send) tries again.
///
/// Only errors that prove nothing was created are retried ([`SendError::is_retryable`]:
/// throttling, template syncing, a refused connection). A timeout, a dropped connection or a
/// 5xx is never retried, whatever the policy says. Waits grow exponentially from `base_delay`
/// with full jitter, are at least the server's `Retry-After`, and a wait longer than
/// `max_delay` ends the retries (the error is returned, so a caller can reschedule).
///
/// ```
/// use std::time::Duration;
/// use marketing::RetryPolicy;
///
/// let policy = RetryPolicy::default().max_attempts(5).base_delay(Duration::from_millis(200));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::none().attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 4 attempts, 250 ms base delay, waits up to 30 s, with jitter.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts in all, including the first (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; each further retry doubles it.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait; a server asking for more ends the retries.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Whether to randomise waits (default on), so many senders do not retry in step.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before attempt `attempt + 1` after `error` on attempt `attempt` (1-based), or
    /// `None` to stop and return the error.
    pub fn next_wait(&self, attempt: u32, error: &SendError) -> Option<Duration> {
        if attempt >= self.max_attempts || !error.is_retryable() {
            return None;
        }
        let exponent = attempt.saturating_sub(1).min(16);
        let backoff = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        let backoff = if self.jitter {
            // Full jitter in [backoff/2, backoff]: spreads retries without collapsing to zero.
            let half = backoff / 2;
            half + half.mul_f64(fastrand::f64())
        } else {
            backoff
        };
        let wait = match error.suggested_wait() {
            Some(asked) => asked.max(backoff),
            None => backoff,
        };
        (wait <= self.max_delay).then_some(wait)
    }
}
