//! The checks before a run sends anything: the command line's overrides, the campaign file
//! and the list against what the journal recorded, the list's columns against the message.

use std::path::Path;
use std::time::UNIX_EPOCH;

use super::super::CampaignError;
use super::super::definition::{COMMAND_LINE, CampaignDefinition};
use super::super::journal::JournalMeta;
use super::super::journal_label;
use super::super::placeholders::MessagePattern;
use super::super::recipients::{ListSurvey, RecipientReader, survey};
use super::RunOptions;

/// Refuses a campaign about to start whose schedule has passed (a start more than
/// `START_GRACE` ago, an end already past), naming the field as the campaign file has it.
pub(super) fn check_schedule_ahead(
    definition: &CampaignDefinition,
    options: &RunOptions,
) -> Result<(), CampaignError> {
    let name = |field: &str| match options.campaign_file.as_deref() {
        Some(file) => format!("{}: {field}", file.display()),
        None => field.to_string(),
    };
    super::super::schedule::Schedule::of(definition)?.check_future(crate::now_ms(), name)
}

/// The definition with the command line's overrides, checked like the file's own values.
pub(super) fn with_overrides(
    mut definition: CampaignDefinition,
    options: &RunOptions,
) -> Result<CampaignDefinition, CampaignError> {
    if let Some(mps) = options.messages_per_second {
        definition.messages_per_second = mps;
    }
    if let Some(concurrency) = options.concurrency {
        definition.concurrency = concurrency;
    }
    definition.check_limits(COMMAND_LINE)?;
    super::super::schedule::override_schedule(&mut definition, options)?;
    if options.max_per_day == Some(0) {
        return Err(CampaignError::Input(
            "max_per_day 0: expected at least 1 message per rolling 24 hours".to_string(),
        ));
    }
    Ok(definition)
}

/// Refuses to resume with the stored definition when the campaign file it came from has been
/// edited since: the edit would otherwise be ignored without a word.
pub(super) fn check_unchanged(
    meta: &JournalMeta,
    stored: &CampaignDefinition,
    journal_path: &Path,
    revision: i64,
) -> Result<(), CampaignError> {
    let Some(file) = meta.campaign_path.as_deref().map(Path::new) else {
        return Ok(());
    };
    if !file.exists() {
        return Ok(());
    }
    let what = match CampaignDefinition::load(file) {
        // The schedule is the journal's (the run's flags may have set it), or this run's flags.
        Ok(now) if now.clone().with_schedule_of(stored) == *stored => return Ok(()),
        Ok(_) => "has changed".to_string(),
        Err(e) => format!("has changed and no longer loads ({e})"),
    };
    Err(CampaignError::Guided {
        message: format!(
            "{} {what} since the journal recorded it (revision {revision}). To send the rows not yet sent with the edited file, resume with it; to go on with the stored message instead, undo the edit (or move the file away).",
            file.display(),
        ),
        next: super::super::NextStep::ResumeWithCampaign {
            journal: journal_label(journal_path),
            file: file.display().to_string(),
        },
    })
}

/// Checks that `path` holds the list the campaign started with: rows are matched by line.
pub(super) fn same_list(
    meta: &JournalMeta,
    path: &Path,
    moved: bool,
) -> Result<ListSurvey, CampaignError> {
    if !moved && !path.exists() {
        return Err(CampaignError::Input(format!(
            "the recipient list {} is gone (moved or deleted); if it moved, point resume at it with `--recipients PATH`",
            path.display()
        )));
    }
    let list = survey(path)?;
    let same = if meta.recipients_fingerprint.starts_with("sha256:") {
        list.fingerprint == meta.recipients_fingerprint
    } else {
        // Journals from before content digests: size and modification time.
        old_fingerprint(path).is_ok_and(|f| f == meta.recipients_fingerprint)
    };
    if same {
        return Ok(list);
    }
    let rows = match meta.recipients_rows {
        Some(then) if then != list.rows => format!(" ({then} rows then, {} now)", list.rows),
        _ => String::new(),
    };
    let started = if moved {
        format!(" (it started with {})", meta.recipients_path)
    } else {
        String::new()
    };
    Err(CampaignError::Input(format!(
        "{} is not the list this campaign started with{started}: its content differs{rows}.\n\
         Rows are matched by line number, so resume needs that list unchanged: restore it, or \
         point at an unchanged copy with `--recipients PATH`.",
        path.display()
    )))
}

/// The fingerprint journals recorded before content digests: size and modification time.
fn old_fingerprint(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!("{} bytes, modified {modified}", meta.len()))
}

/// The absolute form of a path, for the journal (as given when it cannot be resolved).
pub(super) fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Opens the list at `recipients` and compiles the definition's message, once the list has
/// the columns both need (see [`check_columns`]).
pub(super) fn open_list(
    definition: &CampaignDefinition,
    recipients: &Path,
) -> Result<(RecipientReader, MessagePattern), CampaignError> {
    let reader = RecipientReader::open(recipients)?;
    let template = MessagePattern::compile(definition.message.clone());
    check_columns(definition, &template, &reader, recipients)?;
    // Each variant's message may use columns of its own.
    for pattern in super::super::variants::patterns(definition) {
        check_columns(definition, &pattern, &reader, recipients)?;
    }
    Ok((reader, template))
}

/// Checks that a CSV list has the recipient column and every column the message uses (JSONL
/// rows carry their own keys, and are checked row by row).
fn check_columns(
    definition: &CampaignDefinition,
    template: &MessagePattern,
    reader: &RecipientReader,
    recipients: &Path,
) -> Result<(), CampaignError> {
    let Some(columns) = reader.columns() else {
        return Ok(()); // JSONL rows carry their own keys; checked per row.
    };
    let has = |c: &str| columns.iter().any(|h| h == c);
    if !has(&definition.recipient_column) {
        return Err(CampaignError::Input(format!(
            "{}: no `{}` column for the recipient (columns: {}); set recipient_column in the campaign",
            recipients.display(),
            definition.recipient_column,
            columns.join(", ")
        )));
    }
    let missing: Vec<&str> = template.columns().filter(|c| !has(c)).collect();
    if !missing.is_empty() {
        return Err(CampaignError::Input(format!(
            "the message uses {} but {} has no such column (columns: {})",
            missing
                .iter()
                .map(|c| format!("{{{{{c}}}}}"))
                .collect::<Vec<_>>()
                .join(", "),
            recipients.display(),
            columns.join(", ")
        )));
    }
    Ok(())
}
