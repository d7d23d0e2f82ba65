//! What a finished campaign is checked against: every message the sandbox created, compared
//! with the journal's rows, whichever store holds them.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use super::campaign::TEMPLATE;
use crate::harness::SandboxProcess;

/// The figures of one cycle.
#[derive(Debug, Default, Clone)]
pub(crate) struct Check {
    pub rows: u64,
    pub created: u64,
    pub sent: u64,
    pub failed: u64,
    /// Rows of the campaign's control group (`holdout`): never sent; a message to one of them
    /// counts as lost (the journal does not show it).
    pub held_out: u64,
    pub duplicates: u64,
    pub lost: u64,
    pub unknown_at_stop: u64,
    pub unknown_from_faults: u64,
    /// `unknown` rows beyond the injected faults that may explain them.
    pub unexplained_unknown: u64,
    /// Injected faults whose row did not end `unknown` (it was resent, or recorded as sent or
    /// failed).
    pub faults_not_unknown: u64,
}

/// The sandbox's counters (`/__sandbox/stats`).
pub(crate) struct Stats(serde_json::Value);

impl Stats {
    pub fn of(sandbox: &SandboxProcess) -> Result<Self> {
        sandbox.get("/__sandbox/stats").map(Self)
    }

    /// Answers with Graph error `code`.
    pub fn code(&self, code: &str) -> u64 {
        self.0["errors_by_code"][code].as_u64().unwrap_or(0)
    }

    /// Injected faults of one kind (such as `lost-reset`).
    pub fn fault(&self, fault: &str) -> u64 {
        self.0["faults"][fault].as_u64().unwrap_or(0)
    }

    /// Injected faults of every kind.
    pub fn faults_total(&self) -> u64 {
        self.0["faults"]
            .as_object()
            .map(|m| m.values().filter_map(|v| v.as_u64()).sum())
            .unwrap_or(0)
    }

    /// Requests received.
    pub fn requests(&self) -> u64 {
        self.0["requests"].as_u64().unwrap_or(0)
    }

    /// Messages created.
    pub fn created(&self) -> u64 {
        self.0["created"].as_u64().unwrap_or(0)
    }
}

/// Checks a finished campaign against the sandbox's record: the journal's rows (read through
/// `wamm campaign report --export` into `export`), every message the server created.
pub(crate) fn check(
    wamm: &Path,
    sandbox: &SandboxProcess,
    journal: &Path,
    export: &Path,
    faults_total: u64,
) -> Result<Check> {
    let status = Command::new(wamm)
        .args(["campaign", "report", "--journal"])
        .arg(journal)
        .arg("--export")
        .arg(export)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("wamm campaign report failed for {}", journal.display());
    }
    // The soak campaign's messages only (the pair-limit scenario's other campaign uses
    // another template).
    let messages = sandbox.get("/__sandbox/messages")?;
    let mut by_user: HashMap<String, Vec<String>> = HashMap::new();
    for m in messages.as_array().context("messages array")? {
        if m["template"] != TEMPLATE {
            continue;
        }
        by_user
            .entry(m["user"].as_str().unwrap_or_default().to_string())
            .or_default()
            .push(m["wamid"].as_str().unwrap_or_default().to_string());
    }
    let mut check = Check {
        created: by_user.values().map(|v| v.len() as u64).sum(),
        duplicates: by_user
            .values()
            .map(|v| v.len().saturating_sub(1) as u64)
            .sum(),
        ..Check::default()
    };
    let mut accounted = HashSet::new();
    for line in fs::read_to_string(export)?.lines() {
        let row: serde_json::Value = serde_json::from_str(line)?;
        check.rows += 1;
        let user = row["key"].as_str().unwrap_or_default().to_string();
        let created = by_user.get(&user).map(Vec::len).unwrap_or(0);
        match row["state"].as_str().unwrap_or_default() {
            "sent" => {
                check.sent += 1;
                let wamid = row["wamid"].as_str().unwrap_or_default();
                if !by_user
                    .get(&user)
                    .is_some_and(|w| w.iter().any(|x| x == wamid))
                {
                    check.lost += 1; // the journal says sent but the server has no such message
                }
                accounted.insert(user);
            }
            "unknown" => {
                if row["reason"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("in flight when an earlier run stopped")
                {
                    check.unknown_at_stop += 1;
                } else {
                    check.unknown_from_faults += 1;
                }
                accounted.insert(user);
            }
            "held_out" => check.held_out += 1,
            "failed" | "invalid" | "skipped" => {
                check.failed += 1;
                if created > 0 {
                    check.lost += 1; // created, but the journal says it was not sent
                }
            }
            _ => check.lost += 1, // pending or in flight after completion
        }
    }
    // A message the server created that the journal does not show as sent or unknown.
    check.lost += by_user.keys().filter(|u| !accounted.contains(*u)).count() as u64;
    // Every faulted answer may have created a message, so its row must end unknown; an
    // unknown row needs a fault or a stop to explain it.
    check.unexplained_unknown = check.unknown_from_faults.saturating_sub(faults_total);
    check.faults_not_unknown =
        faults_total.saturating_sub(check.unknown_from_faults + check.unknown_at_stop);
    let _ = fs::remove_file(export);
    Ok(check)
}
