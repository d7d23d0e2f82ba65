//! The receiver's log of refused requests, one line per interval at most. Anyone on the
//! internet can send requests that are refused: a line per request let a flood of unsigned
//! POSTs write 64 MB of log in 20 seconds. Refusals are counted by why, and a line says how
//! many there were since the last one; a refusal after a quiet interval is told at once, so a
//! wrong app secret still shows up with the first POST Meta sends.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::StatusCode;

use crate::output;

/// At most one line per this long.
pub const INTERVAL: Duration = Duration::from_secs(10);

/// Why a request was refused (nothing it carried was recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// No `X-Hub-Signature-256`, or not `sha256=` and 64 hex digits: refused before its body.
    Unsigned,
    /// A well-formed signature that does not match the body.
    Mismatch,
    /// A body over `--max-body`.
    TooLarge,
    /// A body that did not arrive within `--body-timeout`.
    Slow,
    /// The bytes bodies may take at once (`--max-buffered`) stayed in use for the whole
    /// `--body-timeout`.
    Busy,
    /// A signed body that is no webhook payload, or one that could not be read.
    Bad,
    /// A handshake GET with the wrong verify token or no challenge.
    Handshake,
}

impl Reason {
    pub(super) fn label(self) -> &'static str {
        match self {
            Reason::Unsigned => "unsigned",
            Reason::Mismatch => "wrong signature",
            Reason::TooLarge => "body too large",
            Reason::Slow => "body too slow",
            Reason::Busy => "no room to buffer the body",
            Reason::Bad => "not a webhook payload",
            Reason::Handshake => "handshake refused",
        }
    }

    /// The answer the request got.
    pub fn status(self) -> StatusCode {
        match self {
            Reason::Unsigned | Reason::Mismatch => StatusCode::UNAUTHORIZED,
            Reason::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Reason::Slow => StatusCode::REQUEST_TIMEOUT,
            Reason::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Reason::Bad => StatusCode::BAD_REQUEST,
            Reason::Handshake => StatusCode::FORBIDDEN,
        }
    }
}

/// Refusals counted since the last line.
#[derive(Debug)]
pub struct Refusals {
    interval: Duration,
    pending: Mutex<Pending>,
}

#[derive(Debug, Default)]
struct Pending {
    /// Per reason: how many, and what the last one was told.
    counts: BTreeMap<Reason, (u64, String)>,
    /// When the last line was written.
    last_line: Option<Instant>,
}

impl Refusals {
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            pending: Mutex::new(Pending::default()),
        }
    }

    /// Counts one refusal; writes a line if none was written for an interval.
    pub fn note(&self, reason: Reason, detail: impl ToString) {
        let line = {
            let mut pending = self.lock();
            let entry = pending.counts.entry(reason).or_insert((0, String::new()));
            entry.0 += 1;
            entry.1 = detail.to_string();
            self.line_if_due(&mut pending)
        };
        if let Some(line) = line {
            output::err(line);
        }
    }

    /// Writes what was counted if the interval since the last line has passed; the receiver
    /// calls it every second, so a count is never held back longer than an interval.
    pub fn tick(&self) {
        let line = self.line_if_due(&mut self.lock());
        if let Some(line) = line {
            output::err(line);
        }
    }

    /// Writes whatever was counted (at shutdown).
    pub fn flush(&self) {
        let line = Self::line(&mut self.lock());
        if let Some(line) = line {
            output::err(line);
        }
    }

    fn line_if_due(&self, pending: &mut Pending) -> Option<String> {
        let due = pending
            .last_line
            .is_none_or(|last| last.elapsed() >= self.interval);
        if due { Self::line(pending) } else { None }
    }

    /// The line for what was counted, which is then forgotten.
    fn line(pending: &mut Pending) -> Option<String> {
        if pending.counts.is_empty() {
            return None;
        }
        let since = pending.last_line.map(|last| last.elapsed());
        pending.last_line = Some(Instant::now());
        let counts = std::mem::take(&mut pending.counts);
        let total: u64 = counts.values().map(|(n, _)| n).sum();
        let reasons: Vec<String> = counts
            .iter()
            .map(|(reason, (n, detail))| {
                format!(
                    "{n} {} ({}; last: {detail})",
                    reason.label(),
                    reason.status().as_u16()
                )
            })
            .collect();
        let when = match since {
            Some(since) => format!(" in the last {}s", since.as_secs().max(1)),
            None => String::new(),
        };
        let requests = if total == 1 { "request" } else { "requests" };
        Some(format!(
            "refused {total} {requests}{when}, nothing recorded: {}",
            reasons.join(", ")
        ))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_makes_one_line_that_counts_it() {
        let refusals = Refusals::new(Duration::from_secs(3600));
        let mut pending = Pending::default();
        assert!(Refusals::line(&mut pending).is_none());
        // The first refusal is told at once.
        refusals.note(Reason::Unsigned, "no header");
        assert!(refusals.lock().counts.is_empty());
        for _ in 0..500 {
            refusals.note(Reason::Unsigned, "no header");
        }
        refusals.note(Reason::TooLarge, "over 1 MiB");
        refusals.tick();
        let line = Refusals::line(&mut refusals.lock()).unwrap();
        assert!(
            line.starts_with("refused 501 requests in the last"),
            "{line}"
        );
        assert!(
            line.contains("500 unsigned (401; last: no header)"),
            "{line}"
        );
        assert!(
            line.contains("1 body too large (413; last: over 1 MiB)"),
            "{line}"
        );
    }
}
