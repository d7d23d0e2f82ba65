//! The floor under `cargo xtask instructions`' figure: the bare HTTP stack (`wamm-client`'s
//! `http_floor` example, one prebuilt body, no journal, validation or classification) counted
//! the same way, so that what a campaign adds above it is a count that does not move between
//! runs, beside the CPU time `cargo xtask bench` measures for the same target (the campaign's
//! own cost at most half of the baseline's).

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::bench::Row;
use crate::harness::{self, SandboxProcess};

/// Thousands of instructions per request of the bare stack: the slope between `small` and
/// `large` requests, each run against a fresh sandbox under callgrind, 64 connections as the
/// campaign has.
pub(crate) fn per_request(root: &Path, wamm: &Path, small: usize, large: usize) -> Result<f64> {
    let floor = crate::bench::build_example(root, "wamm-client", "http_floor")?;
    let a = counted(&floor, wamm, small)?;
    let b = counted(&floor, wamm, large)?;
    Ok((b as f64 - a as f64) / (large - small) as f64 / 1000.0)
}

fn counted(floor: &Path, wamm: &Path, requests: usize) -> Result<u64> {
    let sandbox = SandboxProcess::start(wamm, &["--mps", "100000000"])?;
    eprintln!("callgrind: the bare HTTP stack, {requests} requests...");
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(floor)
        .arg(format!(
            "{}/v23.0/{}/marketing_messages",
            sandbox.base_url,
            harness::PHONE_NUMBER_ID
        ))
        .arg(requests.to_string())
        .arg("64")
        .env("WHATSAPP_ACCESS_TOKEN", harness::TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .context("cannot run valgrind")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary: serde_json::Value = serde_json::from_str(stdout.trim())
        .with_context(|| format!("http_floor printed no summary: {stdout}"))?;
    if summary["failures"] != 0 {
        bail!("the bare HTTP stack saw failures: {summary}");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .find_map(|l| l.split("Collected : ").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .with_context(|| format!("no instruction count from callgrind: {stderr}"))
}

/// The rows: the stack, the campaign above it, and with a baseline the baseline above it and
/// the target (at most half of the baseline's).
pub(crate) fn rows(floor: f64, current: f64, baseline: Option<(&str, f64)>) -> Vec<Row> {
    let above = current - floor;
    let mut rows = vec![
        Row {
            what: "bare HTTP stack (`http_floor`: wamm-client's reqwest client, one prebuilt body)"
                .into(),
            figure: format!("{floor:.1} k"),
            target: "-".into(),
            met: None,
        },
        Row {
            what: "working tree above the bare HTTP stack".into(),
            figure: format!("{above:.1} k"),
            target: "-".into(),
            met: None,
        },
    ];
    if let Some((rev, old)) = baseline {
        let old_above = old - floor;
        rows.push(Row {
            what: format!("baseline `{rev}` above the bare HTTP stack"),
            figure: format!("{old_above:.1} k"),
            target: "-".into(),
            met: None,
        });
        rows.push(Row {
            what: format!("working tree above the stack against `{rev}` above it"),
            figure: format!(
                "{:+.1} %",
                (above / old_above.max(f64::EPSILON) - 1.0) * 100.0
            ),
            target: "<= -50 %".into(),
            met: Some(above <= old_above / 2.0),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_half_of_the_baselines_overhead() {
        let met = rows(70.0, 95.0, Some(("cb773ec", 120.0)));
        assert_eq!(met[1].figure, "25.0 k");
        assert_eq!(met[2].figure, "50.0 k");
        assert_eq!(met[3].figure, "-50.0 %");
        assert_eq!(met[3].met, Some(true));
        assert_eq!(rows(70.0, 96.0, Some(("r", 120.0)))[3].met, Some(false));
        assert_eq!(rows(70.0, 96.0, None).len(), 2);
    }
}
