//! The bench's rows over TLS: the campaign and the bare HTTP stack against `wamm sandbox
//! --tls`, over HTTP/1.1 and over HTTP/2, beside the same two over plain HTTP/1.1; throughput,
//! CPU per message and TLS handshakes per 10,000 messages (the sandbox counts them).
//!
//! The variants run in rounds, each round in a different order (a rotation), so a drift in
//! the machine's speed touches every variant alike; each figure is the median of its runs.
//! `cargo xtask bench --only tls` runs these alone and rewrites only these rows.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::bench::{BenchArgs, Row, campaign_run_with};
use crate::harness::{
    PHONE_NUMBER_ID, RunFigures, SandboxProcess, TOKEN, build_release, ensure_command, measured,
    recipients,
};

/// Every row of this part starts with it (how `--only tls` finds them).
const PREFIX: &str = "over TLS";

/// How a variant reaches the sandbox.
#[derive(Clone, Copy)]
struct Variant {
    /// `None`: plain HTTP; otherwise the value of `--http`.
    tls: Option<&'static str>,
    name: &'static str,
}

const VARIANTS: [Variant; 3] = [
    Variant {
        tls: None,
        name: "plain HTTP/1.1",
    },
    Variant {
        tls: Some("1.1"),
        name: "TLS, HTTP/1.1",
    },
    Variant {
        tls: Some("2"),
        name: "TLS, HTTP/2",
    },
];

/// A sandbox for one measurement, with its CA's file when it serves HTTPS.
struct Target {
    sandbox: SandboxProcess,
    ca: Option<std::path::PathBuf>,
}

impl Target {
    fn start(wamm: &Path, work: &Path, variant: Variant) -> Result<Self> {
        let ca = work.join("tls-ca.pem");
        let mut args = vec!["--mps", "100000000"];
        let ca_arg = ca.display().to_string();
        if variant.tls.is_some() {
            args.extend(["--tls", "--tls-ca-out", &ca_arg]);
        }
        let sandbox = SandboxProcess::start(wamm, &args)?;
        Ok(Self {
            sandbox,
            ca: variant.tls.map(|_| ca),
        })
    }

    /// `--ca-cert FILE --http VERSION`, for a variant over TLS.
    fn client_args(&self, variant: Variant) -> Vec<String> {
        match (&self.ca, variant.tls) {
            (Some(ca), Some(version)) => vec![
                "--ca-cert".into(),
                ca.display().to_string(),
                "--http".into(),
                version.into(),
            ],
            _ => Vec::new(),
        }
    }

    /// The sandbox's TLS handshakes so far (0 over plain HTTP).
    fn handshakes(&self) -> Result<u64> {
        let Some(ca) = &self.ca else {
            return Ok(0);
        };
        let out = Command::new("curl")
            .args(["-sS", "--fail", "--cacert"])
            .arg(ca)
            .arg("-H")
            .arg(format!("Authorization: Bearer {TOKEN}"))
            .arg(format!("{}/__sandbox/stats", self.sandbox.base_url))
            .output()
            .context("cannot run curl")?;
        if !out.status.success() {
            bail!(
                "curl of the sandbox's stats failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let stats: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        stats["tls_handshakes"]
            .as_u64()
            .context("no tls_handshakes in the sandbox's stats")
    }
}

/// One variant's runs: (figures, handshakes) of each.
#[derive(Default)]
struct Runs {
    campaign: Vec<(RunFigures, u64)>,
    floor: Vec<(RunFigures, u64)>,
}

/// Measures every variant `args.repeat` times and returns the rows.
pub(crate) fn rows(
    wamm: &Path,
    floor: &Path,
    work: &Path,
    list: &Path,
    campaign: &Path,
    args: &BenchArgs,
) -> Result<Vec<Row>> {
    ensure_command("curl", "curl")?;
    let messages = args.messages;
    eprintln!(
        "over TLS: campaign and bare HTTP stack, plain / TLS HTTP/1.1 / TLS HTTP/2, {messages} messages, {} connections, {} rounds in rotated order...",
        args.concurrency, args.repeat
    );
    let mut runs: Vec<Runs> = VARIANTS.iter().map(|_| Runs::default()).collect();
    let journal = work.join("tls.journal");
    for round in 0..args.repeat.max(1) {
        for step in 0..VARIANTS.len() {
            let index = (round + step) % VARIANTS.len();
            let variant = VARIANTS[index];
            // The campaign, journal on.
            let target = Target::start(wamm, work, variant)?;
            let figures = campaign_run_with(
                wamm,
                &target.sandbox,
                campaign,
                list,
                Some(&journal),
                &target.client_args(variant),
            )?;
            let handshakes = target.handshakes()?;
            runs[index].campaign.push((figures, handshakes));
            drop(target);
            // The bare HTTP stack.
            let target = Target::start(wamm, work, variant)?;
            let mut command = Command::new(floor);
            command
                .arg(format!(
                    "{}/v23.0/{PHONE_NUMBER_ID}/marketing_messages",
                    target.sandbox.base_url
                ))
                .arg(messages.to_string())
                .arg(args.concurrency.to_string())
                .args(target.client_args(variant));
            let figures = measured(command)?;
            if figures.summary["failures"] != 0 {
                bail!("the bare HTTP stack saw failures: {}", figures.summary);
            }
            let handshakes = target.handshakes()?;
            runs[index].floor.push((figures, handshakes));
        }
    }
    let mut rows = Vec::new();
    let mut campaign_cpu = Vec::new();
    for (variant, runs) in VARIANTS.iter().zip(runs) {
        let campaign = summarise(runs.campaign, messages, "messages_per_second");
        let floor = summarise(runs.floor, messages, "requests_per_second");
        let handshakes = |h: u64| {
            if variant.tls.is_some() {
                format!(", {:.1} TLS handshakes per 10,000", per_10k(h, messages))
            } else {
                String::new()
            }
        };
        rows.push(Row {
            what: format!(
                "{PREFIX} ({}): campaign, journal on, {} connections",
                variant.name, args.concurrency
            ),
            figure: format!(
                "{:.0} msg/s, {:.1} us CPU per message{}",
                campaign.rate,
                campaign.cpu_us,
                handshakes(campaign.handshakes)
            ),
            target: "-".into(),
            met: None,
        });
        rows.push(Row {
            what: format!(
                "{PREFIX} ({}): bare HTTP stack (http_floor), {} connections",
                variant.name, args.concurrency
            ),
            figure: format!(
                "{:.0} req/s, {:.1} us CPU per request{}",
                floor.rate,
                floor.cpu_us,
                handshakes(floor.handshakes)
            ),
            target: "-".into(),
            met: None,
        });
        campaign_cpu.push((variant.name, campaign.cpu_us, campaign.rate));
    }
    let (plain, h1, h2) = (campaign_cpu[0], campaign_cpu[1], campaign_cpu[2]);
    let cheaper = if h1.1 <= h2.1 { h1.0 } else { h2.0 };
    rows.push(Row {
        what: format!(
            "{PREFIX}: what TLS adds to the campaign's CPU per message (HTTP/1.1, HTTP/2), and the cheaper protocol"
        ),
        figure: format!(
            "{:+.1} us, {:+.1} us; {cheaper} (throughput ratio HTTP/2 / HTTP/1.1: {:.2})",
            h1.1 - plain.1,
            h2.1 - plain.1,
            h2.2 / h1.2.max(1.0)
        ),
        target: "-".into(),
        met: None,
    });
    Ok(rows)
}

/// A variant's median run (by rate), with its CPU per message and handshakes.
struct Summary {
    rate: f64,
    cpu_us: f64,
    handshakes: u64,
}

fn summarise(mut runs: Vec<(RunFigures, u64)>, messages: usize, key: &str) -> Summary {
    let rate = |r: &RunFigures| r.summary[key].as_f64().unwrap_or(0.0);
    runs.sort_by(|a, b| rate(&a.0).total_cmp(&rate(&b.0)));
    let (figures, handshakes) = runs.swap_remove(runs.len() / 2);
    Summary {
        rate: rate(&figures),
        cpu_us: figures.cpu.as_secs_f64() * 1e6 / messages.max(1) as f64,
        handshakes,
    }
}

fn per_10k(count: u64, messages: usize) -> f64 {
    count as f64 * 10_000.0 / messages.max(1) as f64
}

/// `cargo xtask bench --only tls`: these rows alone, written in place of the table's.
pub(crate) fn only(root: &Path, args: &BenchArgs) -> Result<()> {
    ensure_command("/usr/bin/time", "time")?;
    let wamm = build_release(root)?;
    let floor = crate::bench::build_example(root, "wamm-client", "http_floor")?;
    let (work, campaign) = crate::bench::work_folder(root, args)?;
    let list = work.join("tls.csv");
    recipients(&list, args.messages)?;
    let rows = rows(&wamm, &floor, &work, &list, &campaign, args)?;
    crate::bench::write_alone(root, args, &[PREFIX], rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::replace_rows;

    #[test]
    fn only_these_rows_are_replaced() {
        let row = |figure: &str| Row {
            what: format!("{PREFIX} (TLS, HTTP/2): campaign"),
            figure: figure.into(),
            target: "-".into(),
            met: None,
        };
        let table = "# B\n\n| m | f | t | met |\n|---|---|---|---|\n| a | 1 | - | |\n\n## Notes\n";
        let added = replace_rows(table, &[PREFIX], &[row("5 msg/s")]);
        assert!(
            added.contains(
                "| a | 1 | - | |\n| over TLS (TLS, HTTP/2): campaign | 5 msg/s | - |  |\n\n## Notes"
            ),
            "{added}"
        );
        let replaced = replace_rows(&added, &[PREFIX], &[row("7 msg/s")]);
        assert!(
            !replaced.contains("5 msg/s") && replaced.contains("7 msg/s"),
            "{replaced}"
        );
        assert_eq!(replaced.matches("over TLS").count(), 1);
    }
}
