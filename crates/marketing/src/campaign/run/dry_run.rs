//! A dry run: everything a run does to its rows but the request. Every row is read and
//! validated, its message rendered and checked as the API would check it, duplicates and
//! (with an event store) the recipients who stopped marketing messages left out, exactly as
//! [`Admission`] does for a real run. Nothing is sent and no journal is made, not even an
//! empty file.
//!
//! Each row's fate is a [`DryRow`], and [`DryRunCounts::add`] is the one place it is
//! counted: a new reason not to send a row (a send window, a holdout) is a new `DryRow`
//! and a new count there.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::super::definition::CampaignDefinition;
use super::super::journal::Op;
use super::super::output_file::OutputFile;
use super::super::{CampaignError, read_events};
use super::Progress;
use super::RunOptions;
use super::admit::Admission;
use super::preflight::{check_schedule_ahead, open_list, with_overrides};

/// Rows read per batch (the event store is asked about a batch at once).
const BATCH: usize = 512;

/// What a dry run found: how many rows would end in each state. A real run of the same
/// campaign, list and event store reaches the same counts (with `sent` for `would_send`,
/// against an API that accepts every message).
///
/// ```
/// let counts = marketing::campaign::DryRunCounts::default();
/// assert_eq!(counts.rows, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DryRunCounts {
    /// Rows read from the list.
    pub rows: u64,
    /// Rows whose message would be sent.
    pub would_send: u64,
    /// Rows that cannot become a message (`invalid` in a real run).
    pub invalid: u64,
    /// Duplicates of an earlier row's recipient (`skipped`).
    pub skipped: u64,
    /// Recipients who stopped marketing messages, by the event store (`suppressed`).
    pub suppressed: u64,
    /// Rows in the campaign's control group (`holdout`): `held_out` in a real run, never sent.
    pub held_out: u64,
}

/// What a dry run decided for one row.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DryRow {
    /// In the campaign's control group (`holdout`): recorded `held_out`, never sent.
    HeldOut {
        /// The line in the list.
        line: u64,
    },
    /// Would be sent: the recipient and the request body.
    Send {
        /// The line in the list.
        line: u64,
        /// The recipient as sent (normalised phone number or BSUID).
        recipient: String,
        /// The request body, checked.
        body: Value,
    },
    /// Cannot become a message.
    Invalid {
        /// The line in the list.
        line: u64,
        /// Why.
        reason: String,
    },
    /// The recipient came earlier in the list.
    Skipped {
        /// The line in the list.
        line: u64,
        /// Why (the first line with the recipient).
        reason: String,
    },
    /// The recipient stopped marketing messages.
    Suppressed {
        /// The line in the list.
        line: u64,
        /// When and how.
        reason: String,
    },
}

impl DryRow {
    fn line(&self) -> u64 {
        match self {
            Self::Send { line, .. }
            | Self::Invalid { line, .. }
            | Self::Skipped { line, .. }
            | Self::Suppressed { line, .. }
            | Self::HeldOut { line } => *line,
        }
    }
}

impl DryRunCounts {
    /// Counts one row's fate: the one place a dry run counts anything.
    ///
    /// ```
    /// use marketing::campaign::{DryRow, DryRunCounts};
    ///
    /// let mut counts = DryRunCounts::default();
    /// counts.add(&DryRow::Invalid { line: 2, reason: "too short".into() });
    /// assert_eq!((counts.rows, counts.invalid), (1, 1));
    /// ```
    pub fn add(&mut self, row: &DryRow) {
        self.rows += 1;
        match row {
            DryRow::Send { .. } => self.would_send += 1,
            DryRow::Invalid { .. } => self.invalid += 1,
            DryRow::Skipped { .. } => self.skipped += 1,
            DryRow::Suppressed { .. } => self.suppressed += 1,
            DryRow::HeldOut { .. } => self.held_out += 1,
        }
    }
}

/// Does everything [`run`](super::run) would do to the campaign's rows except sending, and
/// returns the counts; with `export`, writes every row's fate and rendered message to that
/// file as JSON Lines (written beside it and renamed into place, readable by its owner
/// only). Sends nothing and creates no journal. `options` are read as by `run` (overrides,
/// the event store, the schedule).
///
/// Duplicates are found with the recipients seen so far held in memory (a real run asks its
/// journal): a list of ten million rows needs a few hundred megabytes.
pub fn dry_run(
    definition: CampaignDefinition,
    recipients: &Path,
    options: &RunOptions,
    export: Option<&Path>,
) -> Result<DryRunCounts, CampaignError> {
    let definition = with_overrides(definition, options)?;
    check_schedule_ahead(&definition, options)?;
    let (mut reader, template) = open_list(&definition, recipients)?;
    if let Some(path) = export {
        let mut inputs = vec![recipients.to_path_buf()];
        inputs.extend(options.campaign_file.clone());
        inputs.extend(options.events.clone());
        if let Some(input) = inputs.iter().find(|i| same_file(i, path)) {
            return Err(CampaignError::Input(format!(
                "--export {}: that is {}, which the dry run reads; choose another file",
                path.display(),
                input.display()
            )));
        }
    }
    let suppressions = options.events.as_deref().map(read_events).transpose()?;
    let mut admission = Admission::new(definition, template, suppressions, None);
    let mut out = match export {
        Some(path) => Some(OutputFile::create(path)?),
        None => None,
    };
    let mut counts = DryRunCounts::default();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    loop {
        let mut rows = Vec::with_capacity(BATCH);
        let mut fates = Vec::new();
        while rows.len() < BATCH {
            match reader.next_row()? {
                None => break,
                Some(Ok(row)) => rows.push(row),
                Some(Err(bad)) => fates.push(DryRow::Invalid {
                    line: bad.line,
                    reason: bad.reason,
                }),
            }
        }
        if rows.is_empty() && fates.is_empty() {
            break;
        }
        let mut ops = Vec::new();
        let admitted = admission.admit(&rows, &mut Progress::default(), &mut ops)?;
        for op in ops {
            fates.push(match op {
                Op::Invalid { line, reason } => DryRow::Invalid { line, reason },
                Op::Suppressed { line, reason } => DryRow::Suppressed { line, reason },
                Op::HeldOut { line } => DryRow::HeldOut { line },
                other => DryRow::Invalid {
                    line: other.line(),
                    reason: "not admitted".to_string(),
                },
            });
        }
        for (work, key) in admitted {
            // In list order below: the first line of a recipient is the one sent.
            fates.push(DryRow::Send {
                line: work.line,
                recipient: key,
                body: serde_json::from_str(work.body.json()).unwrap_or(Value::Null),
            });
        }
        fates.sort_by_key(DryRow::line);
        for fate in fates {
            let fate = match fate {
                DryRow::Send {
                    line, recipient, ..
                } if first_line.contains_key(&recipient) => DryRow::Skipped {
                    line,
                    reason: super::super::journal::duplicate_reason(
                        first_line.get(&recipient).copied(),
                    ),
                },
                DryRow::Send {
                    line,
                    recipient,
                    body,
                } => {
                    first_line.insert(recipient.clone(), line);
                    DryRow::Send {
                        line,
                        recipient,
                        body,
                    }
                }
                other => other,
            };
            counts.add(&fate);
            if let Some(out) = &mut out {
                write_row(out, &fate)?;
            }
        }
    }
    if let Some(out) = out {
        out.finish()?;
    }
    Ok(counts)
}

/// Writes one row of a dry run's export, as a JSON line.
fn write_row(out: &mut OutputFile, row: &DryRow) -> Result<(), CampaignError> {
    serde_json::to_writer(out.writer(), row).map_err(|e| out.failed(e))?;
    out.writer().write_all(b"\n").map_err(|e| out.failed(e))
}

/// Whether two paths name one file (both must exist).
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
