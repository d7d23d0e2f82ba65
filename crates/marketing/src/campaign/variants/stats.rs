//! The two formulas a variant report needs: a confidence interval for a rate (Wilson's score
//! interval) and whether two rates differ (the two-proportion z-test, pooled). Both are small;
//! their tests pin them to values worked by hand and to published examples.

/// A rate with its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Interval {
    /// Successes over trials (0 with no trials).
    pub rate: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

/// Wilson's score interval for `successes` out of `trials` at the two-sided normal quantile
/// `z` (1.96 for 95 %). Unlike the plain `p ± z·√(p(1−p)/n)` it stays within `[0, 1]` and is
/// not empty at 0 or `n` successes. `None` with no trials.
///
/// ```
/// use marketing::campaign::wilson;
///
/// let i = wilson(81, 263, 1.96).unwrap();
/// assert!((i.low - 0.2553).abs() < 1e-4 && (i.high - 0.3662).abs() < 1e-4);
/// assert!(wilson(0, 0, 1.96).is_none());
/// ```
pub fn wilson(successes: u64, trials: u64, z: f64) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes.min(trials) as f64 / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval {
        rate: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// The pooled two-proportion z-test of `a` against `b`, each `(successes, trials)`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ProportionTest {
    /// The statistic: positive when `a`'s rate is the higher.
    pub z: f64,
    /// The two-sided p-value: the chance of a difference at least this large were the two
    /// rates the same.
    pub p_value: f64,
}

impl ProportionTest {
    /// Whether the difference is significant at `level` (0.05 for the 5 % level).
    pub fn significant(&self, level: f64) -> bool {
        self.p_value < level
    }
}

/// The pooled two-proportion z-test; `None` when either side has no trials or the pooled
/// rate is 0 or 1 (no variation to test).
///
/// ```
/// use marketing::campaign::two_proportion_z;
///
/// // 120 of 1000 against 90 of 1000: z ≈ 2.188, p ≈ 0.0287, significant at 5 %.
/// let t = two_proportion_z((120, 1000), (90, 1000)).unwrap();
/// assert!((t.z - 2.1883).abs() < 1e-3 && (t.p_value - 0.0287).abs() < 1e-3);
/// assert!(t.significant(0.05) && !t.significant(0.01));
/// ```
pub fn two_proportion_z(a: (u64, u64), b: (u64, u64)) -> Option<ProportionTest> {
    let (xa, na) = (a.0.min(a.1) as f64, a.1 as f64);
    let (xb, nb) = (b.0.min(b.1) as f64, b.1 as f64);
    if na == 0.0 || nb == 0.0 {
        return None;
    }
    let pooled = (xa + xb) / (na + nb);
    let se = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    if se == 0.0 || !se.is_finite() {
        return None;
    }
    let z = (xa / na - xb / nb) / se;
    Some(ProportionTest {
        z,
        p_value: (2.0 * normal_upper_tail(z.abs())).min(1.0),
    })
}

/// `P(Z > z)` for a standard normal `Z`: `erfc(z / √2) / 2`.
fn normal_upper_tail(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The complementary error function, by the Chebyshev fit in Numerical Recipes (fractional
/// error below 1.2e-7 everywhere), ample for a p-value.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() < tolerance
    }

    #[test]
    fn the_normal_tail_matches_the_tables() {
        // Standard normal table values.
        for (z, tail) in [
            (0.0, 0.5),
            (1.0, 0.158_655_25),
            (1.644_853_6, 0.05),
            (1.959_964, 0.025),
            (2.575_829, 0.005),
            (3.290_527, 0.000_5),
            (-1.959_964, 0.975),
        ] {
            let got = normal_upper_tail(z);
            assert!(close(got, tail, 1e-7), "z = {z}: {got} against {tail}");
        }
    }

    #[test]
    fn wilson_matches_worked_examples() {
        // Wilson (1927) as worked in Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662,
        // 15/148 -> 0.0624 to 0.1605, 0/20 -> 0 to 0.1611, 1/29 -> 0.0061 to 0.1718.
        for (x, n, low, high) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let i = wilson(x, n, 1.959_964).unwrap();
            assert!(
                close(i.low, low, 1e-4) && close(i.high, high, 1e-4),
                "{x}/{n}: {i:?}"
            );
        }
        let all = wilson(20, 20, 1.96).unwrap();
        assert_eq!(all.high, 1.0);
        assert!(all.low > 0.8 && all.low < 0.85, "{all:?}");
    }

    #[test]
    fn the_z_test_matches_a_hand_calculation() {
        // 45/100 against 30/100: pooled 0.375, se = sqrt(0.375·0.625·0.02) = 0.068465,
        // z = 0.15 / 0.068465 = 2.19089, two-sided p = 0.028460.
        let t = two_proportion_z((45, 100), (30, 100)).unwrap();
        assert!(close(t.z, 2.190_89, 1e-4), "{t:?}");
        assert!(close(t.p_value, 0.028_460, 1e-5), "{t:?}");
        let back = two_proportion_z((30, 100), (45, 100)).unwrap();
        assert!(close(back.z, -t.z, 1e-12) && close(back.p_value, t.p_value, 1e-12));
        // Equal rates: z = 0, p = 1.
        let same = two_proportion_z((50, 100), (100, 200)).unwrap();
        assert!(close(same.z, 0.0, 1e-12) && close(same.p_value, 1.0, 1e-7));
        // Nothing to test.
        assert!(two_proportion_z((0, 100), (0, 100)).is_none());
        assert!(two_proportion_z((1, 0), (1, 10)).is_none());
    }

    proptest::proptest! {
        #[test]
        fn wilson_holds_the_rate_within_zero_and_one(x in 0u64..10_000, n in 1u64..10_000) {
            let i = wilson(x, n, 1.96).unwrap();
            proptest::prop_assert!(0.0 <= i.low && i.low <= i.rate + 1e-12);
            proptest::prop_assert!(i.rate <= i.high + 1e-12 && i.high <= 1.0);
        }

        #[test]
        fn the_p_value_is_a_probability(xa in 0u64..1000, na in 0u64..1000, xb in 0u64..1000, nb in 0u64..1000) {
            if let Some(t) = two_proportion_z((xa, na), (xb, nb)) {
                proptest::prop_assert!((0.0..=1.0).contains(&t.p_value), "{t:?}");
            }
        }
    }
}
