//! The `wamm` processes of a cycle: runs and resumes against one journal, each stopped,
//! paused or left alone at a random point, and checked for having been stopped mid-run.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::campaign::TEMPLATE;
use super::check::Stats;
use super::power_cut::{power_cut, traced, traced_pid};
use crate::harness::{PHONE_NUMBER_ID, SandboxProcess, TOKEN};

/// A run that takes longer than this is stuck.
const PHASE_TIMEOUT: Duration = Duration::from_secs(300);
/// Resumes allowed after the stop before a cycle is declared stuck.
const MAX_RESUMES: usize = 10;

/// How a run is stopped mid-run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stop {
    Kill,
    Term,
    /// SIGKILL under strace, then the journal loses every write not yet fsync'd.
    PowerCut,
}

impl Stop {
    pub fn name(self) -> &'static str {
        match self {
            Stop::Kill => "SIGKILL",
            Stop::Term => "SIGTERM",
            Stop::PowerCut => "power cut",
        }
    }
}

/// Pauses or approves the soak's template in the sandbox.
pub(super) fn set_status(sandbox: &SandboxProcess, status: &str) -> Result<()> {
    let (code, body) = sandbox.post(
        &format!("/__sandbox/templates/{TEMPLATE}/status"),
        &serde_json::json!({ "status": status }),
    )?;
    if code != 200 {
        bail!("could not set {TEMPLATE} to {status}: {code} {body}");
    }
    Ok(())
}

/// `wamm campaign <subcommand> --journal J` against `sandbox` (a journal file, or a
/// PostgreSQL URL).
pub(crate) fn wamm_campaign(
    wamm: &Path,
    sandbox: &SandboxProcess,
    subcommand: &str,
    journal: impl AsRef<OsStr>,
) -> Command {
    let mut command = Command::new(wamm);
    command
        .args(["campaign", subcommand, "--journal"])
        .arg(journal)
        .env("WAMM_BASE_URL", &sandbox.base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    command
}

/// What to do to a run once the sandbox has seen a random share of the requests it needs.
#[derive(Debug, Clone, Copy)]
pub(super) enum Act {
    Stop(Stop),
    Pause,
}

/// How one `wamm campaign run|resume` process ended.
pub(super) struct Phase {
    pub status: ExitStatus,
    pub summary: serde_json::Value,
}

/// Runs the processes of one cycle against one journal.
pub(super) struct Runner<'a> {
    pub wamm: &'a Path,
    pub sandbox: &'a SandboxProcess,
    pub journal: &'a Path,
    pub log: &'a Path,
    /// The rows of the campaign's list.
    pub rows: u64,
    started_run: bool,
    /// What went wrong so far, in words.
    pub problems: Vec<String>,
    /// Runs stopped mid-run.
    pub stops: u64,
    /// Journal writes thrown away by a power cut: (writes, bytes).
    pub discarded: Option<(u64, u64)>,
}

impl<'a> Runner<'a> {
    pub fn new(
        wamm: &'a Path,
        sandbox: &'a SandboxProcess,
        journal: &'a Path,
        log: &'a Path,
        rows: u64,
    ) -> Self {
        Self {
            wamm,
            sandbox,
            journal,
            log,
            rows,
            started_run: false,
            problems: Vec::new(),
            stops: 0,
            discarded: None,
        }
    }

    /// Resumes until every row has a final state.
    pub fn finish(&mut self, rng: &mut fastrand::Rng) -> Result<()> {
        for _ in 0..MAX_RESUMES {
            let phase = self.phase(&[], None, rng)?;
            if phase.summary["complete"] == true {
                return Ok(());
            }
            if !matches!(phase.status.code(), Some(0 | 1 | 5)) {
                bail!(
                    "resume stopped with exit {:?}: {}",
                    phase.status.code(),
                    phase.summary["stopped"]
                );
            }
        }
        bail!("the campaign did not complete after {MAX_RESUMES} resumes");
    }

    /// Rows without a final state: every row before the first run.
    fn remaining(&self) -> Result<u64> {
        if !self.started_run {
            return Ok(self.rows);
        }
        let out = Command::new(self.wamm)
            .args(["campaign", "report", "--json", "--journal"])
            .arg(self.journal)
            .output()?;
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).with_context(|| {
            format!(
                "wamm campaign report could not read the journal{}: {}",
                if self.discarded.is_some() {
                    " after the power cut"
                } else {
                    ""
                },
                String::from_utf8_lossy(&out.stderr).trim()
            )
        })?;
        let total = report["total"].as_u64().unwrap_or(self.rows);
        let done: u64 = report["states"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| {
                matches!(
                    s["state"].as_str(),
                    Some("sent" | "failed" | "unknown" | "invalid" | "skipped" | "held_out")
                )
            })
            .filter_map(|s| s["count"].as_u64())
            .sum();
        Ok(total.saturating_sub(done))
    }

    /// Runs `wamm campaign run` (the first time) or `resume` with `extra` arguments, doing
    /// `act` once the sandbox has received between 1 % and 90 % of the requests the rows left
    /// need (at least one each; retries count too, so the act lands no later than that).
    pub fn phase(
        &mut self,
        extra: &[String],
        act: Option<Act>,
        rng: &mut fastrand::Rng,
    ) -> Result<Phase> {
        let remaining = self.remaining()?;
        let subcommand = if self.started_run { "resume" } else { "run" };
        self.started_run = true;
        let mut command = wamm_campaign(self.wamm, self.sandbox, subcommand, self.journal);
        command.args(extra).arg("--json");
        let power_cut = matches!(act, Some(Act::Stop(Stop::PowerCut)));
        let trace = self.journal.with_extension("strace");
        if power_cut {
            command = traced(command, self.journal, &trace);
        }
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log)?;
        let base = requests(self.sandbox)?;
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("cannot start wamm")?;
        let mut acted = false;
        if let Some(act) = act {
            let lo = (remaining / 100).max(1);
            let hi = (remaining * 9 / 10).max(lo);
            let at = base + rng.u64(lo..=hi);
            acted = self.act_at(&mut child, at, act, power_cut)?;
            if !acted {
                self.problems.push(format!(
                    "{subcommand} ended before the sandbox had {} of its requests: not {} mid-run",
                    at - base,
                    match act {
                        Act::Stop(stop) => format!("stopped ({})", stop.name()),
                        Act::Pause => "paused".to_string(),
                    }
                ));
            }
        }
        let status = wait(&mut child, PHASE_TIMEOUT)?;
        let mut stdout = String::new();
        if let Some(mut out) = child.stdout.take() {
            std::io::Read::read_to_string(&mut out, &mut stdout)?;
        }
        let summary: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_default();
        if let (true, Some(act)) = (acted, act) {
            self.verify(act, &status, &summary, &trace)?;
        }
        Ok(Phase { status, summary })
    }

    /// Polls the sandbox until it has received `at` requests, then acts. False when the
    /// process ended first.
    fn act_at(&mut self, child: &mut Child, at: u64, act: Act, traced: bool) -> Result<bool> {
        loop {
            if child.try_wait()?.is_some() {
                return Ok(false);
            }
            if requests(self.sandbox)? >= at {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        match act {
            Act::Stop(Stop::Kill) => child.kill()?,
            Act::Stop(Stop::Term) => signal(child.id(), "TERM")?,
            Act::Stop(Stop::PowerCut) => {
                // The child is strace; wamm is its child.
                let pid = if traced {
                    traced_pid(child.id()).context("strace has no child process")?
                } else {
                    child.id()
                };
                signal(pid, "KILL")?;
            }
            Act::Pause => set_status(self.sandbox, "PAUSED")?,
        }
        Ok(true)
    }

    /// Checks that the act landed mid-run and did what it should; power cuts are applied
    /// here.
    fn verify(
        &mut self,
        act: Act,
        status: &ExitStatus,
        summary: &serde_json::Value,
        trace: &Path,
    ) -> Result<()> {
        match act {
            Act::Stop(Stop::Kill) => {
                if status.signal() == Some(9) {
                    self.stops += 1;
                } else {
                    self.problems
                        .push(format!("SIGKILL sent, but wamm ended with {status}"));
                }
            }
            Act::Stop(Stop::Term) => {
                let interrupted = status.code() == Some(1)
                    && summary["complete"] == false
                    && summary["remaining"].as_u64().unwrap_or(0) > 0;
                if interrupted {
                    self.stops += 1;
                } else {
                    self.problems.push(format!(
                        "SIGTERM sent, but wamm ended with {status} and {summary}"
                    ));
                }
            }
            Act::Stop(Stop::PowerCut) => {
                let cut = power_cut(trace, self.journal)?;
                if !cut.killed {
                    self.problems
                        .push("the power cut did not kill wamm mid-run".to_string());
                } else {
                    self.stops += 1;
                }
                self.discarded = Some((cut.writes, cut.bytes));
            }
            Act::Pause => {
                if status.code() != Some(3) || summary["stopped_code"] != 132015 {
                    self.problems.push(format!(
                        "the template was paused, but wamm ended with {status} and {summary}"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The sandbox's request counter.
fn requests(sandbox: &SandboxProcess) -> Result<u64> {
    Ok(Stats::of(sandbox)?.requests())
}

/// Sends a signal with kill(1).
fn signal(pid: u32, name: &str) -> Result<()> {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .context("cannot run kill")?;
    if !status.success() {
        bail!("kill -{name} {pid} failed");
    }
    Ok(())
}

/// Waits for `child`, killing it after `timeout`.
pub(crate) fn wait(child: &mut Child, timeout: Duration) -> Result<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!("wamm did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
