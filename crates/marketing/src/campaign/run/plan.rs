//! What a run works with once its checks have passed: the client, the definition, the
//! message, the list; and what follows from them: the phone numbers it sends from, each
//! paced, and how many rows it may hold in flight.

use super::super::CampaignError;
use super::super::definition::CampaignDefinition;
use super::super::journal::JournalStore;
use super::super::pacer::Pacer;
use super::super::placeholders::MessagePattern;
use super::super::recipients::RecipientReader;
use super::super::senders::{Sender, Senders};
use super::RunOptions;
use crate::client::MarketingClient;

/// A run, ready to start: the entry points ([`run`](super::run), [`resume`](super::resume),
/// [`work`](super::work)) each make one, and one `execute` runs them all.
pub(super) struct Plan {
    pub(super) client: MarketingClient,
    /// With the command line's overrides.
    pub(super) definition: CampaignDefinition,
    pub(super) template: MessagePattern,
    /// The list, when this process has it; a worker that joins without it has none.
    pub(super) list: Option<RecipientReader>,
    /// The rows the list had when it was counted before sending.
    pub(super) rows: u64,
    pub(super) options: RunOptions,
}

/// The phone numbers a run sends from, each with its pacer, and their combined rate (0 when
/// one of them is unpaced).
pub(super) fn senders(
    client: MarketingClient,
    definition: &CampaignDefinition,
    journal: &mut dyn JournalStore,
) -> Result<(Senders, f64), CampaignError> {
    let mut pool = Vec::new();
    let mut mps = 0.0;
    let rates = definition.sender_rates(client.phone_number_id());
    let unpaced = rates.iter().any(|(_, rate)| *rate <= 0.0);
    for (phone, rate) in rates {
        let sender = if phone == client.phone_number_id() {
            client.clone()
        } else {
            client
                .with_phone_number_id(&phone)
                .map_err(|e| CampaignError::Input(format!("senders: {e}")))?
        };
        // Workers sending for one phone number share its schedule through the store, so the
        // number's rate holds however many of them there are.
        let pacer = match journal.workers().filter(|_| rate > 0.0) {
            Some(workers) => Pacer::shared(rate, workers.shared_schedule(&phone)?),
            None => Pacer::new(rate),
        };
        mps += rate;
        pool.push(Sender::new(sender, pacer));
    }
    if unpaced {
        mps = 0.0;
    }
    Ok((Senders::new(pool), mps))
}

/// Rows reserved ahead per connection in an unpaced run (see [`reserve_ahead`]).
pub(crate) const UNPACED_AHEAD_PER_CONNECTION: usize = 4;

/// Rows reserved beyond those being sent, so the dispatcher never waits for the journal:
/// 50 ms worth at the paced rate (at least 4), or four per connection when unpaced.
///
/// Unpaced, rows are reserved a quarter of the window at a time, so the deeper the window the
/// fewer journal commits (each one fsync) per message: at four per connection a commit covers
/// about twice the rows it did at one, and half the fsyncs and a third of the log writes go
/// (`BENCHMARKS.md`). The price is the bound on what a crash can leave `unknown`: the whole
/// window, five rows per connection instead of two (160 rows at the default 32 connections,
/// 320 at the bench's 64). A run stopped by a run-wide error or an outage also sends up to a
/// window's rows before the stop takes hold.
pub(crate) fn reserve_ahead(mps: f64, concurrency: usize) -> usize {
    if mps <= 0.0 {
        concurrency * UNPACED_AHEAD_PER_CONNECTION
    } else {
        ((mps * 0.05).ceil() as usize).clamp(4, concurrency.max(4))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window bounds what a crash may leave `unknown`. `cargo xtask soak` restates this
    /// table on purpose (it must not trust the code it checks): a change here must be made
    /// there too, knowingly.
    #[test]
    fn the_rows_reserved_ahead_follow_the_table_the_soak_restates() {
        let table: &[(f64, usize, usize)] = &[
            // Unpaced: four per connection.
            (0.0, 1, 4),
            (0.0, 32, 128),
            (0.0, 64, 256),
            (-1.0, 8, 32),
            // Paced: 50 ms worth, at least 4, at most one per connection (or 4).
            (1.0, 32, 4),
            (80.0, 32, 4),
            (81.0, 32, 5),
            (100.0, 32, 5),
            (250.0, 32, 13),
            (640.0, 32, 32),
            (1000.0, 32, 32),
            (1000.0, 2, 4),
            (1000.0, 64, 50),
            (10_000.0, 64, 64),
        ];
        for &(mps, concurrency, ahead) in table {
            assert_eq!(
                reserve_ahead(mps, concurrency),
                ahead,
                "{mps} messages per second, {concurrency} connections"
            );
        }
    }
}
