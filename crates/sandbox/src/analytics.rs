//! Template analytics, computed from what the sandbox did.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// How template analytics are derived from the sandbox's sends, written
/// `click=0.2,conversion=0.1,price=0.025,delay=0s` (those are the defaults).
///
/// ```
/// use wamm_sandbox::AnalyticsSpec;
///
/// let spec: AnalyticsSpec = "click=0.5,price=0.04,delay=2s".parse().unwrap();
/// assert_eq!(spec.click, 0.5);
/// assert_eq!(spec.to_string().parse::<AnalyticsSpec>().unwrap(), spec);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnalyticsSpec {
    /// Share of read messages whose URL button is then clicked (drawn from the seed).
    pub click: f64,
    /// Share of clicks that end in a website purchase.
    pub conversion: f64,
    /// Price of a delivered message, in the account's currency.
    pub price: f64,
    /// How long after a send its figures appear. Default 0 (at once).
    pub delay: Duration,
}

impl Default for AnalyticsSpec {
    fn default() -> Self {
        Self {
            click: 0.2,
            conversion: 0.1,
            price: 0.025,
            delay: Duration::ZERO,
        }
    }
}

impl AnalyticsSpec {
    pub(crate) fn check(&self) -> Result<(), String> {
        for (name, share) in [("click", self.click), ("conversion", self.conversion)] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!(
                    "analytics {name} = {share} is not a share from 0 to 1"
                ));
            }
        }
        if !(0.0..=1000.0).contains(&self.price) || self.price.is_nan() {
            return Err(format!(
                "analytics price = {} is not an amount from 0 to 1000",
                self.price
            ));
        }
        if self.delay > Duration::from_secs(7 * 24 * 3600) {
            return Err("analytics delay is more than 7 days".into());
        }
        Ok(())
    }
}

impl FromStr for AnalyticsSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut spec = Self::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: expected KEY=VALUE"))?;
            let number = || -> Result<f64, String> {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| format!("`{part}`: expected a number"))
            };
            match key {
                "click" => spec.click = number()?,
                "conversion" => spec.conversion = number()?,
                "price" => spec.price = number()?,
                "delay" => {
                    spec.delay =
                        humantime::parse_duration(value).map_err(|e| format!("`{part}`: {e}"))?
                }
                _ => {
                    return Err(format!(
                        "`{key}`: expected click, conversion, price or delay"
                    ));
                }
            }
        }
        spec.check()?;
        Ok(spec)
    }
}

impl fmt::Display for AnalyticsSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "click={},conversion={},price={},delay={}",
            self.click,
            self.conversion,
            self.price,
            humantime::format_duration(self.delay)
        )
    }
}
