//! The "variants" section of `wamm campaign report`: every figure per variant, the holdout
//! included, and with webhooks each rate's 95 % interval and whether the variants differ.

use marketing::campaign::{Rate, VariantReport};

use crate::exit::Failure;
use crate::output::{self, BOLD, paint};

/// Prints the section.
pub(super) fn print_variants(report: &VariantReport) -> Result<(), Failure> {
    output::out(paint(BOLD, "by variant (the holdout is never sent)"))?;
    for group in &report.groups {
        let share = group
            .expected_share
            .map(|s| format!(" (asked {:.1} %)", s * 100.0))
            .unwrap_or_default();
        let states = group
            .states
            .iter()
            .map(|s| format!("{} {}", s.state, s.count))
            .collect::<Vec<_>>()
            .join(", ");
        output::out(format!(
            "  {:<16} {:>7} rows{share}: {states}",
            group.name, group.rows
        ))?;
        for (figure, rate) in [("delivered", group.delivered), ("read", group.read)] {
            if let Some(rate) = rate {
                output::out(format!("    {figure:<10} {}", words(&rate)))?;
            }
        }
    }
    for comparison in &report.comparisons {
        output::out(format!("  {}", comparison.verdict))?;
    }
    Ok(())
}

/// `412 of 1000 (41.2 %, 95 % interval 38.2 % to 44.3 %)`.
fn words(rate: &Rate) -> String {
    match rate.interval {
        Some(i) => format!(
            "{} of {} ({:.1} %, 95 % interval {:.1} % to {:.1} %)",
            rate.count,
            rate.of,
            i.rate * 100.0,
            i.low * 100.0,
            i.high * 100.0
        ),
        None => format!("{} of {} sent", rate.count, rate.of),
    }
}
