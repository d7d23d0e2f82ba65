//! `campaign reconcile`: statuses a webhook receiver missed, asked of Meta's message history
//! and recorded as the webhook would have recorded them.
//!
//! A receiver that was down for longer than Meta retries (or whose store was lost) leaves sent
//! messages without a delivery status, and the campaign's funnel short. For each sent row old
//! enough to have heard one and still without `delivered`, `read` or `failed` in the event
//! store, one request asks `GET /{phone number ID}/message_history?message_id=WAMID` (the
//! generated `get_message_history`, from the number that sent it); the statuses it lists go
//! into the store as a `messages` webhook carrying them: through [`parse_received`] and
//! [`EventStore::record`], so the store's rules hold as for any webhook: the same answer
//! recorded twice adds nothing, and a status learned late never moves a message back (a
//! `delivered` never undoes a `read`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

use super::CampaignError;
use super::journal::{Journal, SentRecord};
use crate::classify::ErrorClass;
use crate::error::SendError;
use crate::webhook::{DeliveryStatus, EventStore, parse_received, status_rank};
use crate::{MarketingClient, types};

/// The fields asked of the message history: every event with its status, time and error.
pub const HISTORY_FIELDS: &str =
    "id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}";

/// Attempts at one row when Meta throttles (or the connection fails) before it is counted
/// as an error.
const ATTEMPTS: u32 = 3;

/// How [`reconcile`] runs.
///
/// ```
/// use std::time::Duration;
/// use marketing::campaign::ReconcileOptions;
///
/// let options = ReconcileOptions::new(Duration::from_secs(6 * 3600));
/// assert_eq!(options.requests_per_second, 10.0);
/// assert!(!options.dry_run);
/// assert!(ReconcileOptions { requests_per_second: 0.0, ..options }.check().is_err());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ReconcileOptions {
    /// Only rows sent at least this long ago: a message sent a minute ago has not had time
    /// to be delivered, and its webhook may still be on its way.
    pub older_than: Duration,
    /// Only count the rows that would be asked about; ask nothing, record nothing.
    pub dry_run: bool,
    /// Requests per second at most (0.1 to 100): the history is read one message per
    /// request, and Graph's rate limits count them.
    pub requests_per_second: f64,
    /// Also ask about messages whose furthest status is `delivered`: a `read` may have been
    /// missed too. Off by default: most delivered messages are simply not read yet, and
    /// asking about each costs a request.
    pub include_delivered: bool,
}

impl ReconcileOptions {
    /// Rows sent at least `older_than` ago, at 10 requests per second.
    pub fn new(older_than: Duration) -> Self {
        Self {
            older_than,
            dry_run: false,
            requests_per_second: 10.0,
            include_delivered: false,
        }
    }

    /// Refuses settings that cannot work, naming the setting and what it takes.
    pub fn check(&self) -> Result<(), CampaignError> {
        if !(0.1..=100.0).contains(&self.requests_per_second) {
            return Err(CampaignError::Input(format!(
                "requests per second {}: expected 0.1 to 100",
                self.requests_per_second
            )));
        }
        Ok(())
    }
}

/// What [`reconcile`] did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Reconciled {
    /// Sent rows (with a message ID) sent at least `older_than` ago.
    pub old_enough: u64,
    /// Of those, rows whose delivery status the store already had (`delivered` counts only
    /// without `include_delivered`).
    pub already_known: u64,
    /// Rows asked about (with `dry_run`, that would be asked about).
    pub asked: u64,
    /// Asked rows by the furthest status the store has for them now (`delivered`, `read`,
    /// `failed`).
    pub learned: BTreeMap<String, u64>,
    /// Asked rows still without a delivery status: Meta's history had none (or only `sent`).
    pub still_unknown: u64,
    /// Asked rows already `delivered` (with `include_delivered`) of which nothing more was
    /// learned: not read yet, as far as Meta knows.
    pub unchanged: u64,
    /// Asked rows whose request failed (they are asked again next time).
    pub errors: u64,
    /// Events new to the store.
    pub new_events: u64,
    /// Why it stopped before asking about every row (an authentication, permission or
    /// account error: every further request would fail the same way), if it did.
    pub stopped: Option<String>,
    /// The Graph error code that stopped it.
    pub stopped_code: Option<i64>,
    /// The class of that error.
    #[serde(skip)]
    pub stopped_class: Option<ErrorClass>,
    /// Whether nothing was asked or recorded (`dry_run`).
    pub dry_run: bool,
}

/// Asks Meta's message history about every row of the journal sent at least
/// `options.older_than` ago that the event store has no delivery status for, and records
/// what it says in the store as a webhook would have. `client` sends the requests; each row
/// is asked of the phone number it was sent from (the client's own for rows from journals
/// that did not record it). Requests are paced at `options.requests_per_second`; a throttled
/// or failed request is tried again twice, then counted as an error and left for next time;
/// an authentication, permission or account error stops at once (see
/// [`Reconciled::stopped`]).
///
/// ```no_run
/// use std::path::Path;
/// use std::time::Duration;
/// use marketing::{AccessToken, MarketingClient};
/// use marketing::campaign::{ReconcileOptions, reconcile};
///
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let token = AccessToken::new(std::env::var("WHATSAPP_ACCESS_TOKEN")?);
/// let client = MarketingClient::builder("106540352242922", token).build()?;
/// let options = ReconcileOptions::new(Duration::from_secs(6 * 3600));
/// let done = reconcile(&client, Path::new("spring.journal"), Path::new("events.db"), &options).await?;
/// println!("asked {}, learned {:?}, still unknown {}", done.asked, done.learned, done.still_unknown);
/// # Ok(())
/// # }
/// ```
pub async fn reconcile(
    client: &MarketingClient,
    journal: &Path,
    events: &Path,
    options: &ReconcileOptions,
) -> Result<Reconciled, CampaignError> {
    options.check()?;
    let store_error = |e: crate::webhook::StoreError| CampaignError::Input(e.to_string());
    let journal = Journal::open_read_only(journal)?;
    let older_than = i64::try_from(options.older_than.as_millis()).unwrap_or(i64::MAX);
    let cutoff = crate::now_ms().saturating_sub(older_than);
    let rows = journal.sent_before(cutoff)?;
    let mut store = if options.dry_run {
        EventStore::open_read_only(events)
    } else {
        EventStore::open(events)
    }
    .map_err(store_error)?;
    let mut done = Reconciled {
        old_enough: rows.len() as u64,
        dry_run: options.dry_run,
        ..Reconciled::default()
    };
    let mut missing = Vec::new();
    for row in rows {
        let known = known_rank(&store, &row.wamid).map_err(store_error)?;
        let settled =
            known >= rank("read") || (known == rank("delivered") && !options.include_delivered);
        if settled {
            done.already_known += 1;
        } else {
            missing.push((row, known));
        }
    }
    if options.dry_run {
        done.asked = missing.len() as u64;
        return Ok(done);
    }
    let interval = Duration::from_secs_f64(1.0 / options.requests_per_second);
    let mut senders: HashMap<String, MarketingClient> = HashMap::new();
    let mut next = tokio::time::Instant::now();
    for (row, known) in missing {
        let from = row
            .sent_from
            .clone()
            .unwrap_or_else(|| client.phone_number_id().to_string());
        let sender = match senders.get(&from) {
            Some(sender) => sender.clone(),
            None => {
                let sender = client
                    .with_phone_number_id(&from)
                    .map_err(|e| CampaignError::Input(format!("line {}: {e}", row.line)))?;
                senders.insert(from.clone(), sender.clone());
                sender
            }
        };
        done.asked += 1;
        let history = match ask(&sender, &from, &row, interval, &mut next).await {
            Ok(history) => history,
            Err(error) if stops(&error) => {
                done.errors += 1;
                done.stopped_code = error.code();
                done.stopped_class = error.class();
                done.stopped = Some(error.to_string());
                break;
            }
            Err(_) => {
                done.errors += 1;
                continue;
            }
        };
        let statuses = statuses_of(&row, history, known);
        if !statuses.is_empty() {
            let body = webhook_body(&from, statuses);
            let received = parse_received(&body)
                .map_err(|e| CampaignError::Input(format!("line {}: {e}", row.line)))?;
            let recorded = store.record(&body, &received).map_err(store_error)?;
            done.new_events += recorded.new_events as u64;
        }
        match store.delivery(&row.wamid).map_err(store_error)? {
            Some(delivery) if rank(&delivery.status) > known.max(rank("sent")) => {
                *done.learned.entry(delivery.status).or_default() += 1;
            }
            _ if known >= rank("delivered") => done.unchanged += 1,
            _ => done.still_unknown += 1,
        }
    }
    Ok(done)
}

/// How far along a status is, as the store orders them ([`status_rank`]).
fn rank(status: &str) -> u8 {
    let status: DeliveryStatus = status.parse().unwrap_or_else(|never| match never {});
    status_rank(&status)
}

/// The rank of the furthest status the store has for `wamid` (0 for none).
fn known_rank(store: &EventStore, wamid: &str) -> Result<u8, crate::webhook::StoreError> {
    Ok(store.delivery(wamid)?.map_or(0, |d| rank(&d.status)))
}

/// An error after which every further request would fail the same way.
fn stops(error: &SendError) -> bool {
    error.class().is_some_and(ErrorClass::is_account_problem)
}

/// One row's history, at the pace: a throttled answer or a failed connection is tried again
/// (after Graph's wait, or a growing one), up to [`ATTEMPTS`] in all.
async fn ask(
    sender: &MarketingClient,
    from: &str,
    row: &SentRecord,
    interval: Duration,
    next: &mut tokio::time::Instant,
) -> Result<types::MessageHistoryList, SendError> {
    let mut attempt = 1;
    loop {
        tokio::time::sleep_until(*next).await;
        *next = tokio::time::Instant::now() + interval;
        let version: &str = sender.list_version();
        let answer = sender
            .generated()
            .get_message_history()
            .version(version)
            .phone_number_id(from)
            .message_id(row.wamid.clone())
            .fields(HISTORY_FIELDS)
            .send()
            .await;
        let error = match answer {
            Ok(history) => return Ok(history.into_inner()),
            Err(error) => sender.failure(error).await,
        };
        let again = matches!(error, SendError::Connect { .. })
            || matches!(
                error.class(),
                Some(ErrorClass::Throttled | ErrorClass::Server)
            );
        if !again || attempt >= ATTEMPTS {
            return Err(error);
        }
        let wait = error
            .suggested_wait()
            .unwrap_or(Duration::from_secs(1 << attempt));
        *next = tokio::time::Instant::now() + wait.min(Duration::from_secs(300));
        attempt += 1;
    }
}

/// The statuses a message's history lists, as a `messages` webhook carries them (`id`,
/// `status`, `timestamp`, the recipient, and for `failed` the code Meta put first in its
/// description). Events of other messages, without a status, or no further than `known`
/// (the rank of what the store has: recording them would change nothing but add a second
/// `sent`), are left out.
fn statuses_of(row: &SentRecord, history: types::MessageHistoryList, known: u8) -> Vec<Value> {
    let mut statuses = Vec::new();
    for entry in history.data {
        if entry
            .message_id
            .as_deref()
            .is_some_and(|id| id != row.wamid)
        {
            continue;
        }
        for event in entry.events.map(|e| e.data).unwrap_or_default() {
            let Some(status) = event
                .delivery_status
                .as_deref()
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty() && (known == 0 || rank(s) > known))
            else {
                continue;
            };
            let mut item = json!({"id": row.wamid, "status": status,
                "recorded_from": "message_history"});
            if let Some(at) = event.timestamp {
                item["timestamp"] = json!(at.to_string());
            }
            match row.key.as_deref() {
                // A BSUID (`US.1349...`) is a user ID; anything else a phone number.
                Some(key) if key.contains('.') => item["recipient_user_id"] = json!(key),
                Some(key) => item["recipient_id"] = json!(key),
                None => {}
            }
            if let Some(description) = event.error_description.as_deref()
                && let Some(code) = leading_code(description)
            {
                item["errors"] = json!([{"code": code, "title": description,
                    "message": description}]);
            }
            if let Some(state) = event.webhook_update_state {
                item["webhook_update_state"] = json!(state);
            }
            statuses.push(item);
        }
    }
    statuses
}

/// The code Meta puts first in an error's description: `(#131049) This message was not
/// delivered...` gives 131049.
fn leading_code(description: &str) -> Option<i64> {
    let rest = description.trim_start().strip_prefix("(#")?;
    let end = rest.find(')')?;
    rest[..end].trim().parse().ok()
}

/// A `messages` webhook POST carrying `statuses` from the number `from`, as Meta would
/// send it. The entry's account ID is left empty (a journal does not record it), the same on
/// every run, so that the same history makes the same body and the same events.
fn webhook_body(from: &str, statuses: Vec<Value>) -> Vec<u8> {
    let payload = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"phone_number_id": from},
            "statuses": statuses,
        }}]}]
    });
    serde_json::to_vec(&payload).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_comes_from_the_start_of_the_description() {
        assert_eq!(
            leading_code("(#131049) This message was not delivered"),
            Some(131049)
        );
        assert_eq!(leading_code("  (#131050) stopped"), Some(131050));
        assert_eq!(leading_code("Message failed"), None);
        assert_eq!(leading_code("(#abc) x"), None);
    }

    #[test]
    fn a_history_becomes_the_statuses_a_webhook_carries() {
        let row = SentRecord {
            line: 2,
            key: Some("447700900123".into()),
            wamid: "wamid.A".into(),
            sent_from: Some("106540352242922".into()),
            sent_ms: 0,
        };
        let history: types::MessageHistoryList = serde_json::from_value(json!({"data": [
            {"id": "h1", "message_id": "wamid.A", "events": {"data": [
                {"delivery_status": "DELIVERED", "timestamp": 1764072000, "webhook_update_state": "FAILED"},
                {"delivery_status": "FAILED", "timestamp": 1764072100,
                 "error_description": "(#131049) not delivered"},
                {"webhook_update_state": "SENT"}]}},
            {"id": "h2", "message_id": "wamid.OTHER", "events": {"data": [
                {"delivery_status": "READ", "timestamp": 1}]}}]}))
        .unwrap();
        let statuses = statuses_of(&row, history.clone(), 0);
        assert_eq!(statuses.len(), 2);
        // What the store has already is left out.
        assert_eq!(
            statuses_of(&row, history.clone(), rank("delivered")).len(),
            1
        );
        assert!(statuses_of(&row, history, rank("failed")).is_empty());
        assert_eq!(statuses[0]["status"], "delivered");
        assert_eq!(statuses[0]["timestamp"], "1764072000");
        assert_eq!(statuses[0]["recipient_id"], "447700900123");
        assert_eq!(statuses[1]["errors"][0]["code"], 131049);
        let body = webhook_body("106540352242922", statuses);
        let events = parse_received(&body).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].event.wamid(), Some("wamid.A"));
        assert_eq!(
            body,
            webhook_body("106540352242922", {
                let mut again = Vec::new();
                for e in events {
                    again.push(e.raw);
                }
                again
            })
        );
    }
}
