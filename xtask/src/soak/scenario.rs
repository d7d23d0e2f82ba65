//! The scenarios, each in one place: the sandbox it needs, the campaign it runs, what is done
//! to the run (the script), the evidence that its path was walked, and how the report
//! describes it.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Result, bail};

use super::campaign::{Calendar, CampaignFile, TEMPLATE};
use super::check::{Check, Stats};
use super::render::Totals;
use super::runner::{Act, Runner, Stop, set_status, wamm_campaign};
use super::{Ctx, SoakArgs};
use crate::harness::PHONE_NUMBER_ID;

/// Faults of the storm: 40 % of answers fail, most before anything is created.
pub(super) const STORM_FAULTS: &str = "500=0.15,503=0.1,reset=0.1,lost=0.05";
/// Faults of the lost-responses scenario: the message is created, its answer lost.
pub(super) const LOST_FAULTS: &str = "lost=0.1";
/// How long the sandbox refuses a second message to one user in the pair-limit scenario.
const PAIR_INTERVAL_SECONDS: f64 = 4.0;
/// Seconds of sending in a paced list.
pub(super) const PACED_SECONDS: u64 = 5;
/// The other campaign's template in the pair-limit scenario (from the soak's templates file).
const PRIMER_TEMPLATE: &str = "soak_reminder";
/// A phone number ID the soak's sandboxes do not serve: Graph answers it with 100, subcode 33.
const UNSERVED_NUMBER: &str = "106540352249999";

/// What a cycle puts `wamm` through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Scenario {
    /// A few percent of 500, 503, resets and lost answers (`--faults`)
    Faults,
    /// The sandbox allows half the campaign's rate: 130429, slow down, retry
    Throttling,
    /// A fifth of the users were just messaged by another campaign: 131056, defer, retry
    PairLimit,
    /// The template is paused mid-run (132015): the run stops, it is approved, resume
    TemplatePaused,
    /// 40 % of answers fail: the run halts on the storm; resumed with the halt rules off, it
    /// rides the storm out
    Storm,
    /// 10 % of messages are created but their answer is lost
    LostResponses,
    /// A power cut: SIGKILL, then every journal write not yet fsync'd is thrown away
    PowerLoss,
    /// A pool of two numbers, one the sandbox does not serve (100, subcode 33): that number
    /// stops, the other sends every row; no row fails for it
    BadNumber,
    /// A campaign that keeps a calendar: two variants and a 5 % holdout, and a send window
    /// that half the list (zone UTC) waits for until the next minute while the other half
    /// (Asia/Tokyo, already inside it) is sent
    Calendar,
}

/// Where a cycle's script runs: its directory, its campaign file and the list of its first run.
pub(super) struct Stage<'a> {
    pub ctx: &'a Ctx,
    pub dir: &'a Path,
    pub campaign: &'a Path,
    pub list: &'a Path,
}

impl Stage<'_> {
    /// The arguments of the first `wamm campaign run`.
    fn first_run(&self) -> Vec<String> {
        vec![
            "--campaign".into(),
            self.campaign.display().to_string(),
            "--recipients".into(),
            self.list.display().to_string(),
        ]
    }
}

/// What a script saw on the way, beyond what the runner counts.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// The start of the evidence for the console ("paused, then stopped; ").
    pub notes: String,
    /// Template-paused: whether the pause came before the stop.
    pub pause_first: Option<bool>,
    /// Storm: rows with an outcome when the storm halted the first run.
    pub storm_halt_rows: Option<u64>,
}

/// What shows a scenario's path was walked, from the sandbox's counters.
pub(super) struct Evidence {
    /// For the console.
    pub text: String,
    /// The count behind it: 130429 or 131056 answers, 132015 answers, lost answers, faults.
    pub count: u64,
    /// The path was not walked, or walked wrongly.
    pub problems: Vec<String>,
}

impl Scenario {
    pub(super) const ALL: [Scenario; 9] = [
        Scenario::Faults,
        Scenario::Throttling,
        Scenario::PairLimit,
        Scenario::TemplatePaused,
        Scenario::Storm,
        Scenario::LostResponses,
        Scenario::PowerLoss,
        Scenario::BadNumber,
        Scenario::Calendar,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Scenario::Faults => "faults",
            Scenario::Throttling => "throttling",
            Scenario::PairLimit => "pair-limit",
            Scenario::TemplatePaused => "template-paused",
            Scenario::Storm => "storm",
            Scenario::LostResponses => "lost-responses",
            Scenario::PowerLoss => "power-loss",
            Scenario::BadNumber => "bad-number",
            Scenario::Calendar => "calendar",
        }
    }

    /// Whether its campaign is paced (and so runs the shorter paced list).
    pub(super) fn paced(self) -> bool {
        matches!(self, Scenario::Throttling | Scenario::PairLimit)
    }

    /// The faults its sandbox injects (`--faults`); empty for none.
    fn faults(self, ctx: &Ctx) -> &str {
        match self {
            Scenario::Faults | Scenario::PowerLoss => ctx.faults.as_str(),
            Scenario::Storm => STORM_FAULTS,
            Scenario::LostResponses => LOST_FAULTS,
            _ => "",
        }
    }

    /// The arguments of its `wamm sandbox`, seeded with `seed`.
    pub(super) fn sandbox_args(self, ctx: &Ctx, seed: u64) -> Vec<String> {
        let mut args: Vec<String> = vec![
            "--seed".into(),
            seed.to_string(),
            "--max-messages".into(),
            "10000000".into(),
            "--templates".into(),
            ctx.templates.display().to_string(),
        ];
        let faults = self.faults(ctx);
        if !faults.is_empty() {
            args.extend(["--faults".into(), faults.into()]);
        }
        let mps = if self == Scenario::Throttling {
            ctx.sizes.paced_rate
        } else {
            100_000_000
        };
        args.extend(["--mps".into(), mps.to_string()]);
        if self == Scenario::PairLimit {
            args.extend([
                "--pair-interval".into(),
                format!("{}ms", (PAIR_INTERVAL_SECONDS * 1000.0) as u64),
            ]);
        }
        args
    }

    /// The rate its campaign asks for, given the paced rate (0: unpaced).
    pub(super) fn campaign_mps(self, rate: u32) -> u32 {
        match self {
            Scenario::Throttling => 2 * rate,
            Scenario::PairLimit => rate,
            _ => 0,
        }
    }

    /// Its campaign file, sending at `mps`.
    pub(super) fn campaign(self, mps: u32) -> CampaignFile<'static> {
        let senders: &[&str] = match self {
            // The sandbox serves PHONE_NUMBER_ID only; the other is a typo'd number.
            Scenario::BadNumber => &[PHONE_NUMBER_ID, UNSERVED_NUMBER],
            _ => &[],
        };
        let calendar = (self == Scenario::Calendar).then(|| Calendar {
            opens_minute: next_minute_utc(),
            start_at: in_seconds(3),
        });
        CampaignFile {
            mps,
            senders,
            calendar,
            ..CampaignFile::new("soak", TEMPLATE)
        }
    }

    /// What is done to the campaign until it is stopped mid-run by `stop` (the resumes to
    /// the end are the caller's).
    pub(super) fn script(
        self,
        run: &mut Runner,
        stage: &Stage,
        stop: Stop,
        rng: &mut fastrand::Rng,
    ) -> Result<Walked> {
        let mut walked = Walked::default();
        match self {
            Scenario::Faults
            | Scenario::Throttling
            | Scenario::LostResponses
            | Scenario::BadNumber => {
                run.phase(&stage.first_run(), Some(Act::Stop(stop)), rng)?;
            }
            Scenario::PowerLoss => {
                run.phase(&stage.first_run(), Some(Act::Stop(Stop::PowerCut)), rng)?;
            }
            Scenario::Calendar => {
                let zoned = stage.dir.join("zoned.csv");
                zoned_list(stage.list, &zoned)?;
                let mut args = stage.first_run();
                args[3] = zoned.display().to_string();
                run.phase(&args, Some(Act::Stop(stop)), rng)?;
            }
            Scenario::PairLimit => {
                prime(run, stage)?;
                run.phase(&stage.first_run(), Some(Act::Stop(stop)), rng)?;
            }
            Scenario::TemplatePaused => {
                let paused = |run: &mut Runner, args: &[String], rng: &mut fastrand::Rng| {
                    run.phase(args, Some(Act::Pause), rng)?;
                    set_status(run.sandbox, "APPROVED")
                };
                let pause_first = rng.bool();
                walked.pause_first = Some(pause_first);
                if pause_first {
                    walked.notes.push_str("paused, then stopped; ");
                    paused(run, &stage.first_run(), rng)?;
                    run.phase(&[], Some(Act::Stop(stop)), rng)?;
                } else {
                    walked.notes.push_str("stopped, then paused; ");
                    run.phase(&stage.first_run(), Some(Act::Stop(stop)), rng)?;
                    paused(run, &[], rng)?;
                }
            }
            Scenario::Storm => {
                // The default halt rules stop the run on the storm...
                let phase = run.phase(&stage.first_run(), None, rng)?;
                let halted = phase.status.code() == Some(5)
                    && phase.summary["stopped"].is_string()
                    && phase.summary["stopped_code"].is_null()
                    && phase.summary["complete"] == false;
                if !halted {
                    run.problems.push(format!(
                        "the storm did not halt the run (exit {:?}, {})",
                        phase.status.code(),
                        phase.summary["stopped"]
                    ));
                }
                let rows = phase.summary["unknown"].as_u64().unwrap_or(0)
                    + phase.summary["sent"].as_u64().unwrap_or(0)
                    + phase.summary["failed"].as_u64().unwrap_or(0);
                if halted {
                    walked.storm_halt_rows = Some(rows);
                    let _ = write!(walked.notes, "storm halt after {rows} rows; ");
                }
                // ... and with them off, the run rides it out until stopped.
                let relaxed = stage.dir.join("relaxed.toml");
                let file = CampaignFile {
                    relaxed: true,
                    ..CampaignFile::new("soak", TEMPLATE)
                };
                fs::write(&relaxed, file.toml())?;
                run.phase(
                    &["--campaign".into(), relaxed.display().to_string()],
                    Some(Act::Stop(stop)),
                    rng,
                )?;
            }
        }
        Ok(walked)
    }

    /// What shows its path was walked, from the sandbox's counters and the journal's figures.
    pub(super) fn evidence(self, ctx: &Ctx, stats: &Stats, check: &Check) -> Evidence {
        let (count, text) = match self {
            Scenario::Throttling => {
                let n = stats.code("130429");
                (n, format!("130429 x {n}"))
            }
            Scenario::PairLimit => {
                let n = stats.code("131056");
                (n, format!("131056 x {n}"))
            }
            Scenario::TemplatePaused => {
                let n = stats.code("132015");
                (n, format!("132015 x {n}"))
            }
            Scenario::LostResponses => {
                let n = stats.fault("lost-reset") + stats.fault("lost-500");
                (n, format!("{n} answers lost"))
            }
            Scenario::BadNumber => {
                let n = stats.code("100");
                (n, format!("100 x {n} from the unserved number"))
            }
            Scenario::Faults | Scenario::Storm | Scenario::PowerLoss => {
                let n = stats.faults_total();
                (n, format!("{n} faults"))
            }
            Scenario::Calendar => {
                let n = check.held_out;
                (n, format!("{n} held out"))
            }
        };
        let mut problems = Vec::new();
        match self {
            Scenario::Throttling if count == 0 => {
                problems.push("no 130429: the campaign was never throttled".into());
            }
            Scenario::PairLimit if count == 0 => {
                problems.push("no 131056: the pair limit was never met".into());
            }
            Scenario::LostResponses if count == 0 => {
                problems.push("no answer was lost".into());
            }
            Scenario::BadNumber => {
                if count == 0 {
                    problems.push("no 100: the unserved number was never tried".into());
                }
                if check.failed > 0 {
                    problems.push(format!(
                        "{} rows failed: a number's error must stop the number, not fail its rows",
                        check.failed
                    ));
                }
            }
            Scenario::Calendar if count == 0 || check.sent == 0 => {
                problems.push(format!(
                    "{} held out and {} sent: a 5 % holdout of the list must hold out some and send the rest",
                    check.held_out, check.sent
                ));
            }
            Scenario::Faults | Scenario::Storm | Scenario::PowerLoss
                if count == 0 && !self.faults(ctx).is_empty() =>
            {
                problems.push("no fault was injected".into());
            }
            _ => {}
        }
        Evidence {
            text,
            count,
            problems,
        }
    }

    /// The evidence of the cycles summed in `t`, for the report.
    pub(super) fn summed_evidence(self, t: &Totals) -> String {
        let n = t.evidence;
        match self {
            Scenario::Faults => format!("{n} faults injected"),
            Scenario::Throttling => format!("{n} answers 130429"),
            Scenario::PairLimit => format!("{n} answers 131056"),
            Scenario::TemplatePaused => format!(
                "{} runs stopped by the pause ({n} answers 132015); paused before the stop in {}",
                t.cycles, t.pause_first
            ),
            Scenario::Storm => format!(
                "{} runs halted by the storm, after {} to {} rows; {n} faults injected",
                t.storm_halts, t.storm_halt_rows.0, t.storm_halt_rows.1
            ),
            Scenario::LostResponses => format!("{n} answers lost"),
            Scenario::PowerLoss => format!(
                "{n} faults injected; {} of {} cuts threw away unsynced writes ({} writes, {} bytes)",
                t.cuts_with_loss, t.cycles, t.discarded_writes, t.discarded_bytes
            ),
            Scenario::BadNumber => format!("{n} answers 100 from the unserved number"),
            Scenario::Calendar => format!("{n} rows held out, never sent"),
        }
    }

    /// What it does, for the report's list of scenarios.
    pub(super) fn describe(self, args: &SoakArgs) -> String {
        match self {
            Scenario::Faults => format!(
                "{} recipients, unpaced, faults `{}`.",
                args.recipients, args.faults
            ),
            Scenario::Throttling => format!(
                "{} recipients; the sandbox allows {} messages/s (`--mps`), the campaign asks for {}: 130429, the rate halves and throttled rows are retried (nothing was created).",
                args.paced_rate as u64 * PACED_SECONDS,
                args.paced_rate,
                2 * args.paced_rate
            ),
            Scenario::PairLimit => format!(
                "{} recipients at {}/s; the sandbox has `--pair-interval {}s` and another campaign (another template) has just messaged every third user of the rows reached within that interval: 131056, those rows are deferred and retried.",
                args.paced_rate as u64 * PACED_SECONDS,
                args.paced_rate,
                PAIR_INTERVAL_SECONDS
            ),
            Scenario::TemplatePaused => format!(
                "{} recipients, unpaced; the template is paused mid-run (`POST /__sandbox/templates/spring_sale/status`): the run stops with exit 3 (132015), rows left pending; it is approved and the campaign resumed. In each cycle the stop comes before or after the pause (by the seed).",
                args.recipients
            ),
            Scenario::Storm => format!(
                "{} recipients, unpaced, faults `{STORM_FAULTS}`: the first run must halt on the storm by itself (exit 5, default `[halt]` rules); it is resumed with the storm rules off (`unknown_in_a_row = 0`, `unknown_share = 1`) and stopped while riding the storm out.",
                args.recipients
            ),
            Scenario::LostResponses => format!(
                "{} recipients, unpaced, faults `{LOST_FAULTS}`: the message is created and recorded, then the answer is a reset or a 500. Every such row must end `unknown`, never resent.",
                args.recipients
            ),
            Scenario::PowerLoss => format!(
                "{} recipients, unpaced, faults `{}`, `wamm` under strace; a power cut at the stop point (below).",
                args.recipients, args.faults
            ),
            Scenario::BadNumber => format!(
                "{} recipients, unpaced, from a pool of two numbers (`[[senders]]`), one of which the sandbox does not serve (100, subcode 33): that number stops, the other sends every row, and no row may end `failed`.",
                args.recipients
            ),
            Scenario::Calendar => format!(
                "{} recipients, unpaced, a campaign that keeps a calendar: `start_at` a few seconds ahead, two variants of the template and a 5 % holdout, and a daily send window opening at the next minute (UTC) for 22 hours, with a `timezone` column: the UTC half waits for the window while the Asia/Tokyo half (inside it) is sent. Held-out rows must never reach the sandbox.",
                args.recipients
            ),
        }
    }
}

/// The templates file of the soak's sandboxes (Meta's own shape of a template, as the sandbox
/// reads it): the pair-limit scenario's other template, beside the built-in ones.
pub(super) fn templates_json() -> String {
    format!(
        r#"[{{"id": "1402280517413499", "name": "{PRIMER_TEMPLATE}", "language": "en_US", "status": "APPROVED", "category": "MARKETING", "components": [{{"type": "BODY", "text": "Hi {{{{1}}}}, a reminder."}}]}}]"#
    )
}

/// The pair-limit scenario's other campaign: it has just messaged every third user of the
/// rows this one reaches within the pair interval.
fn prime(run: &Runner, stage: &Stage) -> Result<()> {
    let rate = stage.ctx.sizes.paced_rate;
    let primer_rows = (f64::from(rate) * PAIR_INTERVAL_SECONDS * 0.8) as usize;
    let primer_list = stage.dir.join("primer.csv");
    let text = fs::read_to_string(stage.list)?;
    let mut primer = String::new();
    for (i, line) in text.lines().enumerate().take(primer_rows + 1) {
        if i == 0 || i % 3 == 1 {
            primer.push_str(line);
            primer.push('\n');
        }
    }
    fs::write(&primer_list, primer)?;
    let primer_campaign = stage.dir.join("primer.toml");
    fs::write(
        &primer_campaign,
        CampaignFile::new("primer", PRIMER_TEMPLATE).toml(),
    )?;
    let out = wamm_campaign(
        run.wamm,
        run.sandbox,
        "run",
        stage.dir.join("primer.journal"),
    )
    .args(["--campaign", &primer_campaign.display().to_string()])
    .args(["--recipients", &primer_list.display().to_string()])
    .arg("--json")
    .stderr(Stdio::null())
    .output()?;
    if !out.status.success() {
        bail!("the primer campaign failed: {}", out.status);
    }
    Ok(())
}

/// The next whole minute of the day in UTC (minutes after midnight), at least 20 seconds away,
/// so the UTC half of the calendar scenario waits for its window to open.
fn next_minute_utc() -> u32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let second_of_day = now % 86_400;
    let minute = (second_of_day + 20).div_ceil(60);
    (minute % (24 * 60)) as u32
}

/// Now and `seconds` more, in RFC 3339 (UTC).
fn in_seconds(seconds: i64) -> String {
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(seconds);
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `list` with a `timezone` column: every other row in UTC (waits for the window), the rest
/// in Asia/Tokyo (nine hours ahead, already inside the 22-hour window).
fn zoned_list(list: &Path, out: &Path) -> Result<()> {
    let text = fs::read_to_string(list)?;
    let mut zoned = String::with_capacity(text.len() + text.len() / 4);
    for (index, line) in text.lines().enumerate() {
        let zone = match index {
            0 => "timezone",
            i if i % 2 == 0 => "UTC",
            _ => "Asia/Tokyo",
        };
        zoned.push_str(line);
        zoned.push(',');
        zoned.push_str(zone);
        zoned.push('\n');
    }
    fs::write(out, zoned)?;
    Ok(())
}
