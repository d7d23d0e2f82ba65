//! Fault injection: which requests fail on purpose, decided from a seed so runs repeat.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// How often each fault is injected, as a share of requests to the send endpoint (0.0 to 1.0).
///
/// Faults are off by default. Which request gets which fault depends only on the sandbox's seed
/// and the request's sequence number (0 for the first request to the endpoint, 1 for the
/// next, ...), so two sandboxes with the same seed given the same requests in the same order
/// answer them the same way.
///
/// ```
/// use wamm_sandbox::FaultSpec;
///
/// let spec = FaultSpec::parse("500=0.05,503=0.02,reset=0.02,slow=0.01,lost=0.02")?;
/// assert_eq!(spec.server_error, 0.05);
/// assert_eq!(spec.lost_reset, 0.01); // `lost` is split between its two forms
/// assert_eq!(spec.lost_500, 0.01);
/// assert!(FaultSpec::parse("500=2").is_err());
/// # Ok::<(), wamm_sandbox::FaultSpecError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// `500`: HTTP 500, code 131000, before anything is created.
    pub server_error: f64,
    /// `503`: HTTP 503, code 133004 (maintenance), before anything is created.
    pub unavailable: f64,
    /// `reset`: the connection is closed with no response, before anything is created.
    pub reset: f64,
    /// `slow`: the request is handled (a message may be created) but the answer waits
    /// [`slow_delay`](Self::slow_delay), longer than a client's timeout.
    pub slow: f64,
    /// `lost-reset`: the message is created and recorded, then the connection is closed with no
    /// response.
    pub lost_reset: f64,
    /// `lost-500`: the message is created and recorded, then the answer is HTTP 500, code 131000.
    pub lost_500: f64,
    /// `delay`: how long a slow answer waits. Default 35 s (a client's default timeout is 30 s).
    pub slow_delay: Duration,
}

impl Default for FaultSpec {
    fn default() -> Self {
        Self {
            server_error: 0.0,
            unavailable: 0.0,
            reset: 0.0,
            slow: 0.0,
            lost_reset: 0.0,
            lost_500: 0.0,
            slow_delay: Duration::from_secs(35),
        }
    }
}

/// The fault drawn for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Fault {
    ServerError,
    Unavailable,
    Reset,
    Slow,
    LostReset,
    Lost500,
}

impl Fault {
    /// The name used in [`FaultSpec`] strings and in stats.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Fault::ServerError => "500",
            Fault::Unavailable => "503",
            Fault::Reset => "reset",
            Fault::Slow => "slow",
            Fault::LostReset => "lost-reset",
            Fault::Lost500 => "lost-500",
        }
    }
}

impl FaultSpec {
    /// No faults (the default).
    pub fn none() -> Self {
        Self::default()
    }

    /// Parses `key=rate` pairs separated by commas. Keys: `500`, `503`, `reset`, `slow`,
    /// `lost` (split evenly between `lost-reset` and `lost-500`), `lost-reset`, `lost-500`,
    /// and `delay=<duration>` (`35s`, `1500ms`) for slow answers. Rates are numbers from 0 to 1
    /// that add up to at most 1. An empty string means no faults.
    pub fn parse(spec: &str) -> Result<Self, FaultSpecError> {
        let mut out = FaultSpec::default();
        let mut seen: Vec<&str> = Vec::new();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let Some((key, value)) = entry.split_once('=') else {
                return Err(FaultSpecError(format!(
                    "`{entry}` is not key=value (for example 500=0.05)"
                )));
            };
            let (key, value) = (key.trim(), value.trim());
            if seen.contains(&key) {
                return Err(FaultSpecError(format!("`{key}` is given twice")));
            }
            seen.push(key);
            if key == "delay" {
                out.slow_delay = humantime::parse_duration(value).map_err(|e| {
                    FaultSpecError(format!(
                        "delay `{value}` is not a duration like 35s or 1500ms: {e}"
                    ))
                })?;
                continue;
            }
            let rate: f64 = value.parse().map_err(|_| {
                FaultSpecError(format!("{key}: `{value}` is not a number between 0 and 1"))
            })?;
            if !(0.0..=1.0).contains(&rate) {
                return Err(FaultSpecError(format!(
                    "{key}: {rate} is not between 0 and 1"
                )));
            }
            match key {
                "500" => out.server_error = rate,
                "503" => out.unavailable = rate,
                "reset" => out.reset = rate,
                "slow" => out.slow = rate,
                "lost" => {
                    out.lost_reset += rate / 2.0;
                    out.lost_500 += rate / 2.0;
                }
                "lost-reset" => out.lost_reset += rate,
                "lost-500" => out.lost_500 += rate,
                _ => {
                    return Err(FaultSpecError(format!(
                        "unknown fault `{key}`; expected 500, 503, reset, slow, lost, lost-reset, lost-500 or delay"
                    )));
                }
            }
        }
        out.check()?;
        Ok(out)
    }

    /// Whether any fault can happen.
    pub fn is_enabled(&self) -> bool {
        self.total() > 0.0
    }

    fn total(&self) -> f64 {
        self.server_error
            + self.unavailable
            + self.reset
            + self.slow
            + self.lost_reset
            + self.lost_500
    }

    /// Checks that every rate is between 0 and 1 and that they add up to at most 1.
    pub fn check(&self) -> Result<(), FaultSpecError> {
        for (name, rate) in self.rates() {
            if !(0.0..=1.0).contains(&rate) {
                return Err(FaultSpecError(format!(
                    "{}: {rate} is not between 0 and 1",
                    name.name()
                )));
            }
        }
        let total = self.total();
        if total > 1.0 + 1e-9 {
            return Err(FaultSpecError(format!(
                "the rates add up to {total}, more than 1"
            )));
        }
        Ok(())
    }

    fn rates(&self) -> [(Fault, f64); 6] {
        [
            (Fault::ServerError, self.server_error),
            (Fault::Unavailable, self.unavailable),
            (Fault::Reset, self.reset),
            (Fault::Slow, self.slow),
            (Fault::LostReset, self.lost_reset),
            (Fault::Lost500, self.lost_500),
        ]
    }

    /// The fault for a uniform draw `u` in `[0, 1)`.
    pub(crate) fn pick(&self, u: f64) -> Option<Fault> {
        let mut edge = 0.0;
        for (fault, rate) in self.rates() {
            edge += rate;
            if rate > 0.0 && u < edge {
                return Some(fault);
            }
        }
        None
    }
}

impl FromStr for FaultSpec {
    type Err = FaultSpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for FaultSpec {
    /// The canonical `key=rate` form, which [`FaultSpec::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (fault, rate) in self.rates() {
            if rate > 0.0 {
                if !first {
                    f.write_str(",")?;
                }
                first = false;
                write!(f, "{}={rate}", fault.name())?;
            }
        }
        if self.slow > 0.0 {
            write!(f, ",delay={}", humantime::format_duration(self.slow_delay))?;
        }
        Ok(())
    }
}

/// A fault spec that cannot be used; the message says which part and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid fault spec: {0}")]
pub struct FaultSpecError(String);

/// The per-request random source: ChaCha8 seeded with the sandbox's seed, on a stream chosen
/// by the request's sequence number. Stable across platforms and releases of this crate.
pub(crate) struct RequestDice(ChaCha8Rng);

impl RequestDice {
    pub(crate) fn new(seed: u64, sequence: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(sequence);
        Self(rng)
    }

    /// A uniform draw in `[0, 1)`.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_every_key() {
        let spec = FaultSpec::parse(
            "500=0.1, 503=0.1,reset=0.1,slow=0.1,lost-reset=0.1,lost-500=0.1,delay=2s",
        )
        .unwrap();
        assert_eq!(spec.slow_delay, Duration::from_secs(2));
        assert_eq!(FaultSpec::parse(&spec.to_string()).unwrap(), spec);
        assert_eq!(FaultSpec::parse("").unwrap(), FaultSpec::none());
    }

    #[test]
    fn parse_errors_say_what_is_wrong() {
        let cases = [
            ("500", "`500` is not key=value"),
            ("500=x", "500: `x` is not a number"),
            ("500=1.5", "500: 1.5 is not between 0 and 1"),
            ("oops=0.1", "unknown fault `oops`"),
            ("500=0.6,503=0.6", "add up to"),
            ("500=0.1,500=0.2", "`500` is given twice"),
            ("delay=soon", "delay `soon` is not a duration"),
        ];
        for (input, expected) in cases {
            let err = FaultSpec::parse(input).unwrap_err().to_string();
            assert!(err.contains(expected), "{input}: {err}");
        }
    }

    #[test]
    fn dice_repeat_for_a_seed_and_differ_between_requests() {
        let a: Vec<f64> = (0..5).map(|i| RequestDice::new(7, i).uniform()).collect();
        let b: Vec<f64> = (0..5).map(|i| RequestDice::new(7, i).uniform()).collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
        assert!(a.iter().all(|u| (0.0..1.0).contains(u)));
    }

    #[test]
    fn pick_follows_the_rates() {
        let spec = FaultSpec::parse("500=0.25,reset=0.25").unwrap();
        assert_eq!(spec.pick(0.1), Some(Fault::ServerError));
        assert_eq!(spec.pick(0.3), Some(Fault::Reset));
        assert_eq!(spec.pick(0.6), None);
        assert_eq!(FaultSpec::none().pick(0.0), None);
    }
}
