//! Sending again to recipients whose message was accepted but then, by a webhook, failed
//! with a code that proves it was not delivered (131049: the per-user marketing limit), once
//! the wait Meta asks for has passed. Never to a row without that proof.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::CampaignError;
use super::journal::{Journal, State};

/// What [`reopen_undelivered`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reopened {
    /// Rows put back to pending, to be sent by the next `resume`.
    pub reopened: u64,
    /// Rows with the proof whose wait has not passed yet.
    pub waiting: u64,
    /// When the first of those may be retried (Unix seconds).
    pub earliest: Option<i64>,
}

/// Puts back to pending every sent row whose message a webhook reported `failed` with one of
/// `codes`, at least `not_before` ago; until it is sent again, the row's reason names the
/// wamid that failed.
/// With `dry_run`, counts without changing anything.
///
/// ```no_run
/// use std::path::Path;
/// use std::time::Duration;
///
/// let reopened = marketing::campaign::reopen_undelivered(
///     Path::new("spring.journal"),
///     Path::new("events.db"),
///     &[131049],
///     Duration::from_secs(24 * 3600),
///     false,
/// )?;
/// println!("{} to send again with `wamm campaign resume`", reopened.reopened);
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
pub fn reopen_undelivered(
    journal_path: &Path,
    events_path: &Path,
    codes: &[i64],
    not_before: Duration,
    dry_run: bool,
) -> Result<Reopened, CampaignError> {
    let store = super::read_events(events_path)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let wait = i64::try_from(not_before.as_secs()).unwrap_or(i64::MAX);
    let mut result = Reopened::default();
    let mut lines = Vec::new();
    {
        let journal = Journal::open_read_only(journal_path)?;
        journal.for_each_row(|row| {
            let (State::Sent, Some(wamid)) = (row.state, row.wamid) else {
                return Ok(());
            };
            let Some(delivery) = store
                .delivery(&wamid)
                .map_err(|e| CampaignError::Input(e.to_string()))?
            else {
                return Ok(());
            };
            // A failure with one of the codes, and no status saying it reached the user.
            let proven = delivery.status == "failed"
                && delivery.code.is_some_and(|code| codes.contains(&code))
                && !store
                    .was_delivered(&wamid)
                    .map_err(|e| CampaignError::Input(e.to_string()))?;
            let Some(at) = delivery.at.filter(|_| proven) else {
                return Ok(());
            };
            let due = at.saturating_add(wait);
            if due <= now {
                lines.push((
                    row.line,
                    wamid.clone(),
                    format!(
                        "sent again: {wamid} failed with {} at {at}",
                        delivery.code.unwrap_or_default()
                    ),
                ));
            } else {
                result.waiting += 1;
                result.earliest = Some(result.earliest.map_or(due, |e| e.min(due)));
            }
            Ok(())
        })?;
    }
    result.reopened = lines.len() as u64;
    if !dry_run && !lines.is_empty() {
        // Only rows still sent with the wamid that failed: one another retry sent again
        // meanwhile has a new wamid, and no proof about it.
        let mut journal = Journal::open(journal_path)?;
        result.reopened = journal.reopen_sent(&lines)?;
    }
    Ok(result)
}
