//! Seed sends: the campaign's message to a few internal numbers before the list, so that
//! someone sees on a real phone what the list is about to get.
//!
//! The seed list has the list's format. Each seed is reserved `in_flight` in the journal
//! (committed) before its request leaves and gets its outcome after, in a table apart from
//! the list's rows: seeds never count in the list's totals. A seed with any record is never
//! sent again, so repeating the run (or a `resume` with the same seeds) sends each at most
//! once; one left in flight by a crash becomes `unknown`, as a list row would.

use std::path::Path;
use std::sync::Arc;

use super::super::CampaignError;
use super::super::definition::CampaignDefinition;
use super::super::journal::{JournalStore, SeedRecord};
use super::super::placeholders::MessagePattern;
use super::admit::{Admission, Prepared};
use super::preflight::open_list;
use crate::client::MarketingClient;

/// Asked once the seeds are sent: whether the run goes on to the list. Given the seeds'
/// records (each with its state and message ID).
///
/// ```
/// use marketing::campaign::Confirm;
///
/// let always = Confirm::new(|_seeds| true);
/// assert!(always.ask(&[]));
/// ```
#[derive(Clone)]
pub struct Confirm(Arc<Decide>);

/// What decides, given the seeds' records.
type Decide = dyn Fn(&[SeedRecord]) -> bool + Send + Sync;

impl Confirm {
    /// Asks `decide`.
    pub fn new(decide: impl Fn(&[SeedRecord]) -> bool + Send + Sync + 'static) -> Self {
        Self(Arc::new(decide))
    }

    /// Whether to go on to the list.
    pub fn ask(&self, seeds: &[SeedRecord]) -> bool {
        (self.0)(seeds)
    }
}

impl std::fmt::Debug for Confirm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Confirm")
    }
}

/// Sends the campaign's message to each seed in `path` that has no record yet, from the
/// campaign's first phone number, one at a time; returns every seed's record.
pub(super) async fn send_seeds(
    client: &MarketingClient,
    definition: &CampaignDefinition,
    path: &Path,
    journal: &mut dyn JournalStore,
) -> Result<Vec<SeedRecord>, CampaignError> {
    // Seeds a crash left in flight may have been sent: unknown, never sent again.
    for seed in journal.seeds()? {
        if seed.state == "in_flight" {
            journal.record_seed(&SeedRecord {
                state: "unknown".to_string(),
                reason: Some("in flight when a run ended; not sent again".to_string()),
                ..seed
            })?;
        }
    }
    let (mut reader, _) =
        open_list(definition, path).map_err(|e| CampaignError::Input(format!("--seed: {e}")))?;
    let template = MessagePattern::compile(definition.message.clone());
    // Seeds are never held out: each gets the variant its number draws.
    let mut seed_definition = definition.clone();
    seed_definition.holdout = 0.0;
    let mut admission = Admission::new(seed_definition, template, None, None);
    let first = definition
        .sender_rates(client.phone_number_id())
        .first()
        .map(|(phone, _)| phone.clone())
        .unwrap_or_default();
    let sender = if first.is_empty() || first == client.phone_number_id() {
        client.clone()
    } else {
        client
            .with_phone_number_id(&first)
            .map_err(|e| CampaignError::Input(format!("senders: {e}")))?
    };
    while let Some(row) = reader.next_row()? {
        // A row the list or the admission refuses is recorded invalid, by its line.
        let work = match row {
            Err(bad) => Err((bad.line, bad.reason)),
            Ok(row) => match admission.prepare(&row) {
                Ok(Prepared::Send(work)) => Ok(work),
                Ok(Prepared::HeldOut { .. }) => {
                    Err((row.line, "held out (a seed never is)".to_string()))
                }
                Err(reason) => Err((row.line, reason)),
            },
        };
        let work = match work {
            Ok(work) => work,
            Err((line, reason)) => {
                journal.record_seed(&SeedRecord {
                    recipient: format!("line {line}"),
                    line,
                    state: "invalid".to_string(),
                    wamid: None,
                    code: None,
                    reason: Some(reason),
                })?;
                continue;
            }
        };
        let reserved = SeedRecord {
            recipient: work.key.clone(),
            line: work.line,
            state: "in_flight".to_string(),
            wamid: None,
            code: None,
            reason: None,
        };
        if !journal.record_seed(&reserved)? {
            continue; // Sent (or tried) before: never twice.
        }
        let outcome = match sender.send_body(&work.body).await {
            Ok(sent) => SeedRecord {
                state: "sent".to_string(),
                wamid: Some(sent.message_id),
                ..reserved
            },
            Err(e) => SeedRecord {
                state: if e.may_have_been_sent() {
                    "unknown"
                } else {
                    "failed"
                }
                .to_string(),
                code: e.code(),
                reason: Some(e.to_string()),
                ..reserved
            },
        };
        journal.record_seed(&outcome)?;
    }
    journal.seeds()
}
