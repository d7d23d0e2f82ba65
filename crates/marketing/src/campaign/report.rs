//! What a campaign's journal says: counts by state, status and error code, and the pace.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::CampaignError;
use super::journal::{Journal, RunRecord, State};
use super::output_file::OutputFile;
use crate::classify::code_meaning;

/// A campaign's results, read from its journal.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// The campaign's name.
    pub name: String,
    /// Pending rows outside their send window now, and when the next opens (campaigns with
    /// a `send_window` whose runs held rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting: Option<WaitingRows>,
    /// The campaign file the latest revision was read from, when known.
    pub campaign_file: Option<String>,
    /// Rows in the recipient list (rows not read yet count as pending).
    pub total: u64,
    /// Rows by state (every state, zeros included).
    pub states: Vec<StateCount>,
    /// Sent messages by `message_status`.
    pub statuses: Vec<StatusCount>,
    /// Failed and unknown rows by error code.
    pub errors: Vec<ErrorCount>,
    /// Each run: when, how long, how many sent and how it ended.
    pub runs: Vec<RunRecord>,
    /// Each revision of the definition, with the messages sent with it.
    pub revisions: Vec<RevisionCount>,
    /// Sent messages by the phone number they were sent from.
    pub sent_from: Vec<SenderCount>,
    /// Messages sent per second of run time, over all runs.
    pub achieved_rate: f64,
    /// What webhooks reported after the sends, when an event store was given
    /// ([`Report::add_deliveries`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliveries: Option<Deliveries>,
    /// The templates the campaign sent with, each version once, oldest first.
    pub templates: Vec<super::TemplateVersion>,
    /// What the webhook receiver recorded about those templates (status, quality and category
    /// changes), when an event store was given ([`Report::add_template_events`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_events: Option<Vec<crate::webhook::TemplateEvent>>,
    /// Every figure per variant, the holdout included, for a campaign with `[[variants]]` or
    /// a `holdout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<super::VariantReport>,
    /// The seed sends (`campaign run --seed`), apart from the list: never in `total` or
    /// `states`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seeds: Vec<super::SeedRecord>,
}

/// The sent messages by what webhooks reported for them: the funnel after the send.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Deliveries {
    /// Sent messages by the furthest status reported (`sent`, `delivered`, `read`, `failed`,
    /// or `no status yet`), in that order.
    pub by_status: Vec<DeliveryCount>,
    /// Messages that failed after they were sent, by error code.
    pub failures: Vec<ErrorCount>,
    /// Sent messages by the pricing category their statuses reported (`marketing_lite`, or
    /// `marketing` for one that went through Cloud API), or `not reported`.
    pub pricing: Vec<PricingCount>,
}

/// Sent messages whose statuses reported one pricing category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PricingCount {
    /// The category, or `not reported`.
    pub category: String,
    /// How many.
    pub count: u64,
}

/// Sent messages whose furthest reported status is `status`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeliveryCount {
    /// The status, or `no status yet`.
    pub status: String,
    /// How many.
    pub count: u64,
}

/// Sent messages from one phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SenderCount {
    /// The phone number's ID, or `(not recorded)` for messages sent before wamm recorded it.
    pub phone_number_id: String,
    /// Messages sent from it.
    pub sent: u64,
}

/// Pending rows outside their send window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WaitingRows {
    /// How many.
    pub rows: u64,
    /// When the first of them may be sent (RFC 3339, UTC).
    pub next_opening: Option<String>,
}

impl WaitingRows {
    /// Of the pending rows by zone, those whose window in `definition` (JSON, as the journal
    /// keeps it) is closed now; `None` without a window or with none waiting.
    fn of(definition: &str, zones: &[(String, u64)]) -> Option<Self> {
        let definition: super::CampaignDefinition = serde_json::from_str(definition).ok()?;
        let window = super::SendWindow::of(&definition)?;
        let now = super::window_clock();
        let (mut rows, mut next) = (0, None::<jiff::Timestamp>);
        for (name, count) in zones {
            let Ok(zone) = super::zone_named(name) else {
                continue;
            };
            let opens = window.next_open(&zone, now);
            if opens == Some(now) {
                continue;
            }
            rows += count;
            if let Some(at) = opens {
                next = Some(next.map_or(at, |n| n.min(at)));
            }
        }
        (rows > 0).then(|| Self {
            rows,
            next_opening: next.map(|t| super::instant_label(t.as_millisecond())),
        })
    }
}

/// Rows in one state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateCount {
    /// The state's name.
    pub state: String,
    /// Rows in it.
    pub count: u64,
}

/// Sent messages with one `message_status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    /// The status (`(none)` when Meta gave none).
    pub message_status: String,
    /// Messages with it.
    pub count: u64,
}

/// Failed or unknown rows with one error code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorCount {
    /// The Graph error code; absent for transport failures (timeouts, lost connections).
    pub code: Option<i64>,
    /// What the code means.
    pub meaning: String,
    /// `failed` or `unknown`.
    pub state: String,
    /// Rows.
    pub count: u64,
}

/// One revision of the campaign's definition and what was sent with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevisionCount {
    /// 1 for the definition the campaign started with.
    pub revision: i64,
    /// The campaign file it was read from.
    pub source: Option<String>,
    /// When it was recorded (Unix ms).
    pub created_ms: i64,
    /// Messages sent with it.
    pub sent: u64,
}

impl Report {
    /// Sent messages whose furthest reported status is `status`; `None` when no event store
    /// was given ([`Report::add_deliveries`]).
    pub(crate) fn furthest_status(&self, status: &str) -> Option<u64> {
        self.deliveries.as_ref().map(|d| {
            d.by_status
                .iter()
                .filter(|s| s.status == status)
                .map(|s| s.count)
                .sum()
        })
    }

    /// Sent messages webhooks reported delivered (delivered or read since), and read; each
    /// `None` when no event store was given.
    pub(crate) fn delivered_and_read(&self) -> (Option<u64>, Option<u64>) {
        let read = self.furthest_status("read");
        let delivered = self
            .furthest_status("delivered")
            .zip(read)
            .map(|(d, r)| d + r);
        (delivered, read)
    }

    /// Reads the report from a journal.
    pub fn load(journal_path: &Path) -> Result<Self, CampaignError> {
        let journal = Journal::open_read_only(journal_path)?;
        let meta = journal.meta()?;
        let name = serde_json::from_str::<serde_json::Value>(&meta.definition)
            .ok()
            .and_then(|d| d["name"].as_str().map(str::to_string))
            .unwrap_or_default();
        let tally = journal.tally()?;
        let counts = tally.counts();
        let recorded: u64 = counts.iter().map(|(_, n)| n).sum();
        // Rows of the list no run has read yet are pending too.
        let unread = meta.recipients_rows.unwrap_or(0).saturating_sub(recorded);
        let variants = match serde_json::from_str::<super::CampaignDefinition>(&meta.definition) {
            Ok(definition) => super::VariantReport::load(&journal, &definition, unread)?,
            Err(_) => None,
        };
        let states = State::ALL
            .iter()
            .map(|s| StateCount {
                state: s.as_str().to_string(),
                count: counts.iter().find(|(c, _)| c == s).map_or(0, |(_, n)| *n)
                    + if *s == State::Pending { unread } else { 0 },
            })
            .collect::<Vec<_>>();
        let total = states.iter().map(|s| s.count).sum();
        let sent_by_revision = tally.sent_by_revision();
        let revisions = journal
            .revisions()?
            .into_iter()
            .map(|r| RevisionCount {
                revision: r.id,
                source: r.source,
                created_ms: r.created_ms,
                sent: sent_by_revision
                    .iter()
                    .find(|(id, _)| *id == r.id)
                    .map_or(0, |(_, n)| *n),
            })
            .collect();
        let statuses = tally
            .statuses()
            .into_iter()
            .map(|(message_status, count)| StatusCount {
                message_status,
                count,
            })
            .collect();
        let errors = tally
            .error_codes()
            .into_iter()
            .map(|(code, state, count)| ErrorCount {
                code,
                meaning: match code {
                    Some(c) => code_meaning(c).unwrap_or("unknown code").to_string(),
                    None => {
                        "no answer: timeout, lost connection or unreadable response".to_string()
                    }
                },
                state,
                count,
            })
            .collect();
        let runs: Vec<RunRecord> = journal.runs()?;
        let run_ms: i64 = runs
            .iter()
            .filter_map(|r| r.finished_ms.map(|f| (f - r.started_ms).max(0)))
            .sum();
        let run_sent: u64 = runs
            .iter()
            .filter(|r| r.finished_ms.is_some())
            .map(|r| r.sent)
            .sum();
        let achieved_rate = if run_ms > 0 {
            run_sent as f64 * 1000.0 / run_ms as f64
        } else {
            0.0
        };
        let waiting = WaitingRows::of(&meta.definition, &journal.pending_zones()?);
        Ok(Self {
            name,
            waiting,
            campaign_file: meta.campaign_path,
            total,
            states,
            statuses,
            errors,
            runs,
            revisions,
            sent_from: tally
                .sent_from()
                .into_iter()
                .map(|(phone_number_id, sent)| SenderCount {
                    phone_number_id,
                    sent,
                })
                .collect(),
            achieved_rate,
            deliveries: None,
            templates: journal.templates()?,
            template_events: None,
            variants,
            seeds: journal.seeds()?,
        })
    }

    /// Adds what the webhook receiver's event store (`wamm webhook serve --store`) recorded for
    /// this campaign's sent messages, matched by wamid: the furthest status of each (a late
    /// `delivered` after `read` does not count back) and failures by code. Events that arrived
    /// before their send was recorded are matched all the same.
    ///
    /// ```no_run
    /// use marketing::campaign::Report;
    /// use std::path::Path;
    ///
    /// let mut report = Report::load(Path::new("spring.journal"))?;
    /// report.add_deliveries(Path::new("spring.journal"), Path::new("events.db"))?;
    /// for row in &report.deliveries.as_ref().unwrap().by_status {
    ///     println!("{:<14} {}", row.status, row.count);
    /// }
    /// # Ok::<(), marketing::campaign::CampaignError>(())
    /// ```
    pub fn add_deliveries(
        &mut self,
        journal_path: &Path,
        events_path: &Path,
    ) -> Result<(), CampaignError> {
        let journal = Journal::open_read_only(journal_path)?;
        let store = super::read_events(events_path)?;
        const ORDER: [&str; 5] = ["sent", "delivered", "read", "failed", "no status yet"];
        let mut by_status: Vec<DeliveryCount> = ORDER
            .iter()
            .map(|status| DeliveryCount {
                status: status.to_string(),
                count: 0,
            })
            .collect();
        let mut failures: Vec<(Option<i64>, u64)> = Vec::new();
        let mut pricing: Vec<PricingCount> = Vec::new();
        // Per variant: (sent, delivered or read, read).
        let arms: std::collections::HashMap<u64, String> = match self.variants {
            Some(_) => journal.arms()?.into_iter().collect(),
            None => Default::default(),
        };
        let mut per_variant: std::collections::HashMap<String, (u64, u64, u64)> =
            Default::default();
        journal.for_each_row(|row| {
            let line = row.line;
            let Some(wamid) = row.wamid.filter(|_| row.state == State::Sent) else {
                return Ok(());
            };
            let delivery = store
                .delivery(&wamid)
                .map_err(|e| CampaignError::Input(e.to_string()))?;
            let status = delivery
                .as_ref()
                .map_or("no status yet", |d| d.status.as_str());
            if self.variants.is_some() {
                let arm = arms
                    .get(&line)
                    .map_or(super::IMPLICIT_VARIANT, String::as_str);
                let figures = per_variant.entry(arm.to_string()).or_default();
                figures.0 += 1;
                figures.1 += u64::from(matches!(status, "delivered" | "read"));
                figures.2 += u64::from(status == "read");
            }
            match by_status.iter_mut().find(|c| c.status == status) {
                Some(count) => count.count += 1,
                None => by_status.push(DeliveryCount {
                    status: status.to_string(),
                    count: 1,
                }),
            }
            let category = store
                .pricing_category(&wamid)
                .map_err(|e| CampaignError::Input(e.to_string()))?
                .unwrap_or_else(|| "not reported".to_string());
            match pricing.iter_mut().find(|c| c.category == category) {
                Some(count) => count.count += 1,
                None => pricing.push(PricingCount { category, count: 1 }),
            }
            if let Some(delivery) = delivery.filter(|d| d.status == "failed") {
                match failures.iter_mut().find(|(code, _)| *code == delivery.code) {
                    Some((_, n)) => *n += 1,
                    None => failures.push((delivery.code, 1)),
                }
            }
            Ok(())
        })?;
        if let Some(variants) = &mut self.variants {
            variants.add_rates(&per_variant);
        }
        failures.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        pricing.sort_by(|a, b| b.count.cmp(&a.count).then(a.category.cmp(&b.category)));
        self.deliveries = Some(Deliveries {
            pricing,
            by_status,
            failures: failures
                .into_iter()
                .map(|(code, count)| ErrorCount {
                    code,
                    meaning: code
                        .map(|c| code_meaning(c).unwrap_or("unknown code").to_string())
                        .unwrap_or_else(|| "no error code given".to_string()),
                    state: "failed".to_string(),
                    count,
                })
                .collect(),
        });
        Ok(())
    }

    /// The count in `state`.
    pub fn count(&self, state: State) -> u64 {
        self.states
            .iter()
            .find(|s| s.state == state.as_str())
            .map_or(0, |s| s.count)
    }
}

/// Writes every recipient row of a journal to `path`: JSONL when it ends in `.jsonl` or
/// `.ndjson`, CSV otherwise. The file is written beside its final name, readable by its owner
/// only, synced, then renamed into place, so a kill or a full disk never leaves a truncated
/// file under that name. A path that is a file the export reads (the journal or one of its
/// files, the event store, the recipient list or campaign file the journal names), by any name
/// (`./x`, a symlink, a hard link), is refused. Returns the number of rows.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let journal = dir.path().join("spring.journal");
/// // Whatever the journal holds, its own path (or its -wal file) is never an export target.
/// let refused = marketing::campaign::export_to_file(&journal, &dir.path().join("spring.journal-wal"));
/// assert!(refused.unwrap_err().to_string().contains("is the journal"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export_to_file(journal_path: &Path, path: &Path) -> Result<u64, CampaignError> {
    export_to_file_with(journal_path, path, None)
}

/// [`export_to_file`], with each sent row's furthest webhook status, its time (Unix seconds,
/// as Meta stamped it) and a failure's code from the receiver's event store
/// (`delivery_status`, `delivery_at`, `delivery_code`).
///
/// ```no_run
/// use std::path::Path;
///
/// marketing::campaign::export_to_file_with(
///     Path::new("spring.journal"),
///     Path::new("results.csv"),
///     Some(Path::new("events.db")),
/// )?;
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
pub fn export_to_file_with(
    journal_path: &Path,
    path: &Path,
    events: Option<&Path>,
) -> Result<u64, CampaignError> {
    if is_journal_file(journal_path, path) {
        return Err(CampaignError::Input(format!(
            "{} is the journal (or one of its files): exporting there would destroy the campaign's state; choose another file",
            path.display()
        )));
    }
    let journal = Journal::open_read_only(journal_path)?;
    let meta = journal.meta()?;
    let mut inputs: Vec<(&str, std::path::PathBuf)> = vec![("the journal", journal_path.into())];
    if let Some(events) = events.filter(|e| !super::is_postgres(e)) {
        inputs.extend(
            with_companions(events)
                .into_iter()
                .map(|p| ("the event store (or one of its files)", p)),
        );
    }
    inputs.push(("the recipient list", meta.recipients_path.into()));
    if let Some(campaign) = meta.campaign_path {
        inputs.push(("the campaign file", campaign.into()));
    }
    if let Some((what, _)) = inputs.iter().find(|(_, input)| same_file(input, path)) {
        return Err(CampaignError::Input(format!(
            "{} is {what} this report reads: exporting there would overwrite it; choose another file",
            path.display()
        )));
    }
    let events = events.map(super::read_events).transpose()?;
    let jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    let mut out = OutputFile::create(path)?;
    let rows = write_rows(&journal, events.as_ref(), out.writer(), jsonl).map_err(|e| match e {
        CampaignError::Output(m) => CampaignError::Output(format!("{}: {m}", path.display())),
        other => other,
    })?;
    out.finish()?;
    Ok(rows)
}

/// `path` and the files SQLite keeps beside it.
fn with_companions(path: &Path) -> Vec<std::path::PathBuf> {
    let mut all = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        all.push(name.into());
    }
    all
}

/// Whether `a` and `b` name the same file: by name once resolved (`./x` and `x`, a symlink
/// and its target, a file not there yet), or by device and inode (a hard link).
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if resolve(a).is_some_and(|a| resolve(b).is_some_and(|b| a == b)) {
        return true;
    }
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// `p` with its links and `.` resolved; for a file not there yet, its directory resolved.
fn resolve(p: &Path) -> Option<std::path::PathBuf> {
    if let Ok(real) = std::fs::canonicalize(p) {
        return Some(real);
    }
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
}

/// Whether `path` is, or resolves to, the journal or one of its companion files.
pub(super) fn is_journal_file(journal: &Path, path: &Path) -> bool {
    if super::is_postgres(journal) {
        return false;
    }
    let mut companions = with_companions(journal);
    companions.push(super::journal::lock_path(journal));
    companions.iter().any(|c| same_file(c, path))
}

/// Writes every recipient row of a journal as CSV, or as JSONL when `jsonl`.
pub fn export(journal_path: &Path, out: &mut dyn Write, jsonl: bool) -> Result<u64, CampaignError> {
    export_with(journal_path, None, out, jsonl)
}

/// [`export`] with the webhook columns from the event store `events`, when given (as
/// [`export_to_file_with`] writes them): for a writer of the caller's, such as standard
/// output.
///
/// ```
/// # fn example(journal: &std::path::Path) -> Result<(), marketing::campaign::CampaignError> {
/// let rows = marketing::campaign::export_with(journal, None, &mut std::io::stdout(), false)?;
/// eprintln!("{rows} rows");
/// # Ok(())
/// # }
/// ```
pub fn export_with(
    journal_path: &Path,
    events: Option<&Path>,
    out: &mut dyn Write,
    jsonl: bool,
) -> Result<u64, CampaignError> {
    let journal = Journal::open_read_only(journal_path)?;
    let events = events.map(super::read_events).transpose()?;
    write_rows(&journal, events.as_ref(), out, jsonl)
}

/// The webhook columns of a row: its furthest status, when, and a failure's code.
fn delivery_of(
    events: Option<&crate::webhook::EventStore>,
    wamid: Option<&str>,
) -> Result<Option<crate::webhook::Delivery>, CampaignError> {
    match (events, wamid) {
        (Some(events), Some(wamid)) => events
            .delivery(wamid)
            .map_err(|e| CampaignError::Input(e.to_string())),
        _ => Ok(None),
    }
}

fn write_rows(
    journal: &Journal,
    events: Option<&crate::webhook::EventStore>,
    out: &mut dyn Write,
    jsonl: bool,
) -> Result<u64, CampaignError> {
    let io = |e: std::io::Error| CampaignError::Output(format!("cannot write the export: {e}"));
    let mut rows = 0u64;
    if jsonl {
        journal.for_each_row(|row| {
            rows += 1;
            let delivery = delivery_of(events, row.wamid.as_deref())?;
            let mut value =
                serde_json::to_value(&row).map_err(|e| CampaignError::Input(e.to_string()))?;
            if events.is_some() {
                value["delivery_status"] = delivery.as_ref().map(|d| d.status.clone()).into();
                value["delivery_at"] = delivery.as_ref().and_then(|d| d.at).into();
                value["delivery_code"] = delivery.as_ref().and_then(|d| d.code).into();
            }
            writeln!(out, "{value}").map_err(io)
        })?;
    } else {
        let mut writer = csv::Writer::from_writer(out);
        let mut header = vec![
            "line",
            "recipient",
            "state",
            "attempts",
            "wamid",
            "message_status",
            "error_code",
            "reason",
            "revision",
        ];
        if events.is_some() {
            header.extend(["delivery_status", "delivery_at", "delivery_code"]);
        }
        writer
            .write_record(&header)
            .map_err(|e| CampaignError::Input(e.to_string()))?;
        journal.for_each_row(|row| {
            rows += 1;
            let delivery = delivery_of(events, row.wamid.as_deref())?;
            let mut record = vec![
                row.line.to_string(),
                row.key.unwrap_or_default(),
                row.state.as_str().to_string(),
                row.attempts.to_string(),
                row.wamid.unwrap_or_default(),
                row.message_status.unwrap_or_default(),
                row.error_code.map(|c| c.to_string()).unwrap_or_default(),
                row.reason.unwrap_or_default(),
                row.revision.map(|r| r.to_string()).unwrap_or_default(),
            ];
            if events.is_some() {
                record.extend([
                    delivery
                        .as_ref()
                        .map(|d| d.status.clone())
                        .unwrap_or_default(),
                    delivery
                        .as_ref()
                        .and_then(|d| d.at)
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    delivery
                        .as_ref()
                        .and_then(|d| d.code)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                ]);
            }
            writer
                .write_record(&record)
                .map_err(|e| CampaignError::Output(e.to_string()))
        })?;
        writer.flush().map_err(io)?;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails as a full disk does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        }
    }

    /// A full disk is an output failure (exit 1), not bad input (exit 2), and the target file
    /// is never left half written: the rows go to a temporary file first.
    #[test]
    fn a_full_disk_is_an_output_error_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let meta = super::super::journal::JournalMeta::for_tests();
        let mut journal = Journal::create(&path, &meta).unwrap();
        journal
            .commit(
                &[],
                &[super::super::journal::Candidate {
                    line: 2,
                    key: "447700900123".into(),
                }],
            )
            .unwrap();
        let error = write_rows(&journal, None, &mut Full, false).unwrap_err();
        assert!(matches!(error, CampaignError::Output(_)), "{error:?}");
        drop(journal);
        // A real export: the file appears whole under its name, nothing else is left.
        let out = dir.path().join("out.csv");
        assert_eq!(export_to_file(&path, &out).unwrap(), 1);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(names.is_empty(), "temporary files left: {names:?}");
    }
}
