//! Status webhooks for the messages the sandbox creates, posted to a receiver as Meta posts
//! them: in Meta's current shape (`contacts` with every item, complete `errors` on `failed`),
//! one status or preference to a signed POST (`X-Hub-Signature-256`; see [`payload`] for why),
//! several POSTs at once, late, out of order, sometimes twice, and retried with backoff until
//! the receiver answers 2xx.
//!
//! Each created message gets `sent`, then either `delivered` (and, for a share of those,
//! `read`) or `failed` with 131049 or 131050, drawn from the seed and the send's sequence
//! number, so the same seed and sends give the same story. What the sandbox decided is its
//! truth ([`Sandbox::webhook_truth`](crate::Sandbox::webhook_truth)), for tests to compare
//! with what a receiver recorded.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::{Notify, mpsc};
use wamm_client::{DeliveryStatus, PreferenceValue, WebhookField, build, codes, types};

use crate::faults::RequestDice;
use crate::history::History;
use crate::inbound::StopReply;

/// The business number webhooks show in `metadata.display_phone_number`.
pub(crate) const DISPLAY_PHONE_NUMBER: &str = "15550783881";

/// Where and how the sandbox sends webhooks.
#[derive(Clone)]
pub struct WebhookConfig {
    /// The receiver's URL (its POST path).
    pub url: String,
    /// The app secret the POSTs are signed with.
    pub app_secret: String,
    /// The story of each message.
    pub spec: WebhookSpec,
}

/// The app secret is a credential: `Debug` never shows it.
impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("url", &self.url)
            .field("app_secret", &"<redacted>")
            .field("spec", &self.spec)
            .finish()
    }
}

/// Shares and timing of the webhooks, written `read=0.5,131049=0.02,131050=0.01,duplicates=0.1,delay=500ms`.
///
/// ```
/// use wamm_sandbox::WebhookSpec;
///
/// let spec: WebhookSpec = "read=0.5,131050=0.1,duplicates=0.2,delay=200ms".parse().unwrap();
/// assert_eq!(spec.failed_131050, 0.1);
/// assert_eq!(spec.to_string().parse::<WebhookSpec>().unwrap(), spec);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WebhookSpec {
    /// Share of delivered messages that are then read.
    pub read: f64,
    /// Share of messages that fail with 131049 (the per-user marketing limit).
    pub failed_131049: f64,
    /// Share of messages that fail with 131050 (the user stopped marketing messages).
    pub failed_131050: f64,
    /// Share of events posted a second time, later.
    pub duplicates: f64,
    /// Share of messages held for quality assessment that then fail with 132015 (the rest
    /// are delivered).
    pub held_failed: f64,
    /// Share of users who, after a delivered message, stop marketing messages (a
    /// `user_preferences` event with `stop`).
    pub stop: f64,
    /// Share of delivered messages whose user replies with the text "STOP" (a `messages`
    /// webhook with `value.messages[]`, type `text`).
    pub stop_text: f64,
    /// Share of delivered messages whose user taps the "Stop promotions" quick reply (type
    /// `button`, answering the message).
    pub stop_button: f64,
    /// Each event is posted after a random delay of up to this: events overtake each other.
    pub delay: Duration,
}

impl Default for WebhookSpec {
    fn default() -> Self {
        Self {
            read: 0.5,
            failed_131049: 0.02,
            failed_131050: 0.01,
            duplicates: 0.05,
            held_failed: 0.5,
            stop: 0.0,
            stop_text: 0.0,
            stop_button: 0.0,
            delay: Duration::from_millis(500),
        }
    }
}

impl FromStr for WebhookSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut spec = Self::default();
        for setting in crate::config::key_values(text) {
            let (part, key, value) = setting?;
            let share = || -> Result<f64, String> {
                let share: f64 = value
                    .parse()
                    .map_err(|_| format!("`{part}`: expected a share from 0 to 1"))?;
                if (0.0..=1.0).contains(&share) {
                    Ok(share)
                } else {
                    Err(format!("`{part}`: expected a share from 0 to 1"))
                }
            };
            match key {
                "read" => spec.read = share()?,
                "131049" => spec.failed_131049 = share()?,
                "131050" => spec.failed_131050 = share()?,
                "duplicates" => spec.duplicates = share()?,
                "held-132015" => spec.held_failed = share()?,
                "stop" => spec.stop = share()?,
                "stop-text" => spec.stop_text = share()?,
                "stop-button" => spec.stop_button = share()?,
                "delay" => {
                    spec.delay =
                        humantime::parse_duration(value).map_err(|e| format!("`{part}`: {e}"))?;
                    if spec.delay > Duration::from_secs(3600) {
                        return Err(format!("`{part}`: at most 1h"));
                    }
                }
                _ => {
                    return Err(format!(
                        "`{key}`: expected read, 131049, 131050, held-132015, stop, stop-text, stop-button, duplicates or delay"
                    ));
                }
            }
        }
        if spec.failed_131049 + spec.failed_131050 > 1.0 {
            return Err("131049 and 131050 add up to more than 1".into());
        }
        if spec.stop_text + spec.stop_button > 1.0 {
            return Err("stop-text and stop-button add up to more than 1".into());
        }
        Ok(spec)
    }
}

impl fmt::Display for WebhookSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read={},131049={},131050={},held-132015={},stop={},stop-text={},stop-button={},duplicates={},delay={}",
            self.read,
            self.failed_131049,
            self.failed_131050,
            self.held_failed,
            self.stop,
            self.stop_text,
            self.stop_button,
            self.duplicates,
            humantime::format_duration(self.delay)
        )
    }
}

/// What the sandbox decided for one message: its last status and the failure's code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookTruth {
    /// The wamid.
    pub wamid: String,
    /// `read`, `delivered` or `failed`.
    pub status: &'static str,
    /// 131049, 131050 or 132015 for `failed`.
    pub code: Option<i64>,
    /// The user then stopped marketing messages (a `user_preferences` stop was sent).
    pub stopped: bool,
    /// The user (WhatsApp ID, or BSUID for a `recipient` send).
    pub user: String,
    /// The user replied to the delivered message with a stop (text or button), sent as a
    /// `messages` webhook with `value.messages[]`.
    pub stop_reply: Option<StopReply>,
}

/// Counts of the webhook sender's work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WebhookStats {
    /// Statuses a receiver acknowledged (a duplicate counts again).
    pub delivered_events: u64,
    /// POSTs that got a 2xx.
    pub accepted_posts: u64,
    /// POSTs that failed (connection refused, non-2xx) and were retried.
    pub failed_posts: u64,
    /// Statuses waiting to be posted.
    pub pending_events: u64,
}

/// A message the sender is told about.
pub(crate) struct Created {
    pub wamid: String,
    pub user: String,
    pub phone_number_id: String,
    /// The send named the user by BSUID (`recipient`), not by number.
    pub by_bsuid: bool,
    pub sequence: u64,
    /// Answered `held_for_quality_assessment`.
    pub held: bool,
}

/// The handle the endpoint and the `Sandbox` hold.
#[derive(Debug, Clone)]
pub(crate) struct WebhookSender {
    tx: mpsc::UnboundedSender<Job>,
    shared: Arc<Shared>,
    spec: WebhookSpec,
}

/// What the sender task is given: a created message to tell the story of, or one event.
enum Job {
    Story(Story),
    Event(Box<Pending>),
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Job::Story(_) => "Story",
            Job::Event(_) => "Event",
        })
    }
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<SharedState>,
    idle: Notify,
}

#[derive(Debug, Default)]
struct SharedState {
    truth: Vec<WebhookTruth>,
    stats: WebhookStats,
    /// Messages told about but not yet turned into events.
    unscheduled: u64,
}

/// One event to post: a status (on `messages`) or a preference (on `user_preferences`), with
/// the user it concerns.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    /// For a status: its place among the message's statuses (the message history's event).
    mark: Option<usize>,
    phone_number_id: String,
    field: WebhookField,
    /// The user it concerns (none for an account event).
    contact: Option<types::WebhookContact>,
    item: Item,
}

#[derive(Clone, Debug)]
pub(crate) enum Item {
    Status(Box<types::StatusEvent>),
    Preference(types::UserPreferenceEvent),
    /// An `account_update` change's `event` (`MM_LITE_TERMS_SIGNED`, ...).
    Account(String),
    /// A message the user sent (on `messages`).
    Inbound(Box<types::InboundMessage>),
    /// A template's new status (on `message_template_status_update`).
    Template(Box<TemplateChange>),
}

/// What a `message_template_status_update` change says, as Meta's webhook reference shows
/// it: `event` (the new status), `message_template_id` (a number), `message_template_name`,
/// `message_template_language`, `reason` (`NONE` unless rejected) and
/// `message_template_category`.
#[derive(Clone, Debug)]
pub(crate) struct TemplateChange {
    event: String,
    id: Option<i64>,
    name: String,
    language: String,
    reason: String,
    category: String,
}

/// POSTs in flight at once at most (Meta, too, delivers a number's webhooks concurrently,
/// which is one reason they arrive out of order).
const IN_FLIGHT: usize = 32;

impl WebhookSender {
    /// Starts the sender task on the current runtime.
    pub(crate) fn start(config: WebhookConfig, waba_id: &str, history: Arc<History>) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared::default());
        let spec = config.spec;
        tokio::spawn(run(
            config,
            waba_id.to_string(),
            history,
            rx,
            Arc::clone(&shared),
        ));
        Self { tx, shared, spec }
    }

    /// The story the webhooks tell.
    pub(crate) fn spec(&self) -> &WebhookSpec {
        &self.spec
    }

    /// Posts a created message's story (from [`plan`]) and keeps its truth.
    pub(crate) fn scheduled(&self, story: Story, truth: WebhookTruth) {
        {
            let mut state = lock(&self.shared.state);
            state.unscheduled += 1;
            state.truth.push(truth);
        }
        let _ = self.tx.send(Job::Story(story));
    }

    /// Posts a message a user sent, at once.
    pub(crate) fn inbound(
        &self,
        phone_number_id: &str,
        wa_id: &str,
        user_id: &str,
        message: types::InboundMessage,
    ) {
        lock(&self.shared.state).unscheduled += 1;
        let contact = types::WebhookContact::builder()
            .wa_id(Some(wa_id.to_string()))
            .user_id(Some(user_id.to_string()));
        let _ = self.tx.send(Job::Event(Box::new(Pending {
            mark: None,
            phone_number_id: phone_number_id.to_string(),
            field: WebhookField::Messages,
            contact: Some(build(contact)),
            item: Item::Inbound(Box::new(message)),
        })));
    }

    /// Posts an `account_update` change with this `event`, on the account's entry.
    pub(crate) fn account_update(&self, event: &str) {
        lock(&self.shared.state).unscheduled += 1;
        let _ = self.tx.send(Job::Event(Box::new(Pending {
            mark: None,
            phone_number_id: String::new(),
            field: WebhookField::AccountUpdate,
            contact: None,
            item: Item::Account(event.to_string()),
        })));
    }

    /// Posts a template's new status (`message_template_status_update`), at once; `reason`
    /// is the rejection reason, `NONE` otherwise.
    pub(crate) fn template_status(&self, template: &types::MessageTemplate, reason: Option<&str>) {
        lock(&self.shared.state).unscheduled += 1;
        let change = TemplateChange {
            event: template.status.as_str().to_string(),
            id: template.id.parse().ok(),
            name: template.name.clone(),
            language: template.language.clone(),
            reason: reason.unwrap_or("NONE").to_string(),
            category: template.category.as_str().to_string(),
        };
        let _ = self.tx.send(Job::Event(Box::new(Pending {
            mark: None,
            phone_number_id: String::new(),
            field: WebhookField::MessageTemplateStatusUpdate,
            contact: None,
            item: Item::Template(Box::new(change)),
        })));
    }

    pub(crate) fn truth(&self) -> Vec<WebhookTruth> {
        lock(&self.shared.state).truth.clone()
    }

    pub(crate) fn stats(&self) -> WebhookStats {
        lock(&self.shared.state).stats
    }

    /// Waits until every status is acknowledged, or `timeout`; true when settled.
    pub(crate) async fn settled(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.shared.idle.notified();
            {
                let state = lock(&self.shared.state);
                if state.unscheduled == 0 && state.stats.pending_events == 0 {
                    return true;
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(50)), notified).await;
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// The events of one message, each with its delay; and the truth.
pub(crate) type Story = Vec<(Duration, Pending)>;

impl Pending {
    /// For a status: its place among the message's statuses, and the status.
    pub(crate) fn planned_status(&self) -> Option<(usize, &types::StatusEvent)> {
        match (&self.item, self.mark) {
            (Item::Status(status), Some(mark)) => Some((mark, status)),
            _ => None,
        }
    }
}

/// Meta's error-code page, the `href` of every webhook error.
const ERROR_CODES_URL: &str =
    "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

/// A failed status's error, complete as Meta's status reference shows it: `code`, `title`,
/// `message` (the same as the title), `error_data.details` and `href`.
fn webhook_error(code: i64) -> types::WebhookError {
    let (title, details) = match code {
        codes::HEALTHY_ECOSYSTEM => (
            "This message was not delivered to maintain healthy ecosystem engagement.",
            "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
        ),
        codes::MARKETING_OPT_OUT => (
            "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
            "The user has stopped marketing messages from this business; they can resume them in WhatsApp.",
        ),
        _ => (
            "Template is paused due to low quality.",
            "The template was paused for low quality while the message was held for quality assessment, so it was not delivered.",
        ),
    };
    let error = types::WebhookError::builder()
        .code(code)
        .title(title.to_string())
        .message(title.to_string())
        .error_data(
            types::WebhookErrorErrorData::builder()
                .details(details.to_string())
                .try_into()
                .ok(),
        )
        .href(ERROR_CODES_URL.to_string());
    build(error)
}

/// A user's business-scoped user ID: Meta gives every user one (`CC.digits`, the country of
/// their number), the sandbox derives it from the number so that it is stable.
pub(crate) fn bsuid_for(wa_id: &str) -> String {
    const COUNTRIES: [(&str, &str); 16] = [
        ("1", "US"),
        ("20", "EG"),
        ("27", "ZA"),
        ("33", "FR"),
        ("34", "ES"),
        ("39", "IT"),
        ("44", "GB"),
        ("49", "DE"),
        ("52", "MX"),
        ("54", "AR"),
        ("55", "BR"),
        ("62", "ID"),
        ("91", "IN"),
        ("234", "NG"),
        ("351", "PT"),
        ("971", "AE"),
    ];
    let country = COUNTRIES
        .iter()
        .filter(|(prefix, _)| wa_id.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map_or("ZZ", |(_, country)| country);
    // FNV-1a: stable across runs and platforms.
    let hash = wa_id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{country}.{:019}", hash % 10_000_000_000_000_000_000)
}

/// What happens to a created message: its events, each with its delay (duplicates
/// included), and the truth. Drawn from the seed and the send's sequence number only, so the
/// same seed and sends give the same story, whether or not webhooks are posted.
pub(crate) fn plan(spec: &WebhookSpec, seed: u64, created: &Created) -> (Story, WebhookTruth) {
    // A stream of its own, apart from the one the send's faults were drawn from.
    let mut dice = RequestDice::new(seed ^ 0x7765_6268_6f6f_6b73, created.sequence);
    let fate = dice.uniform();
    let now = unix_seconds();
    // Who it went to: a number (wa_id and its BSUID), or a BSUID only.
    let (wa_id, user_id) = if created.by_bsuid {
        (None, created.user.clone())
    } else {
        (Some(created.user.clone()), bsuid_for(&created.user))
    };
    let contact = || -> types::WebhookContact {
        build(
            types::WebhookContact::builder()
                .wa_id(wa_id.clone())
                .user_id(user_id.clone()),
        )
    };
    // One item of a `messages` change, with its `contacts`, as Meta's status reference shows
    // it: `pricing` on sent, delivered and read, `errors` instead on failed; no
    // `conversation` (omitted from v24.0 on for marketing messages).
    let status = |name: DeliveryStatus, offset: u64, error: Option<i64>| -> Pending {
        let pricing = types::WebhookPricing::builder()
            .billable(true)
            .pricing_model("PMP".to_string())
            .category("marketing_lite".to_string())
            .type_("regular".to_string());
        let mut status = types::StatusEvent::builder()
            .id(created.wamid.clone())
            .status(name)
            .timestamp((now + offset).to_string())
            .recipient_id(wa_id.clone())
            .recipient_user_id(user_id.clone());
        status = match error {
            Some(code) => status.errors(vec![webhook_error(code)]),
            None => status.pricing(Some(build(pricing))),
        };
        Pending {
            mark: None,
            phone_number_id: created.phone_number_id.clone(),
            field: WebhookField::Messages,
            contact: Some(contact()),
            item: Item::Status(Box::new(build(status))),
        }
    };
    let mut events = vec![status(DeliveryStatus::Sent, 0, None)];
    let held_fails = created.held && dice.uniform() < spec.held_failed;
    let truth = if held_fails {
        events.push(status(
            DeliveryStatus::Failed,
            1,
            Some(codes::TEMPLATE_PAUSED),
        ));
        WebhookTruth {
            wamid: created.wamid.clone(),
            status: "failed",
            code: Some(codes::TEMPLATE_PAUSED),
            stopped: false,
            user: created.user.clone(),
            stop_reply: None,
        }
    } else if !created.held && fate < spec.failed_131049 + spec.failed_131050 {
        let code = if fate < spec.failed_131049 {
            codes::HEALTHY_ECOSYSTEM
        } else {
            codes::MARKETING_OPT_OUT
        };
        events.push(status(DeliveryStatus::Failed, 1, Some(code)));
        WebhookTruth {
            wamid: created.wamid.clone(),
            status: "failed",
            code: Some(code),
            stopped: false,
            user: created.user.clone(),
            stop_reply: None,
        }
    } else {
        events.push(status(DeliveryStatus::Delivered, 1, None));
        let stopped = dice.uniform() < spec.stop;
        if stopped {
            // Meta's user_preferences reference: `contacts` beside the preference.
            let preference = types::UserPreferenceEvent::builder()
                .wa_id(wa_id.clone())
                .user_id(created.by_bsuid.then(|| user_id.clone()))
                .detail("User requested to stop marketing messages".to_string())
                .category("marketing_messages".to_string())
                .value(PreferenceValue::Stop)
                .timestamp(i64::try_from(now + 3).unwrap_or(i64::MAX));
            events.push(Pending {
                mark: None,
                phone_number_id: created.phone_number_id.clone(),
                field: WebhookField::UserPreferences,
                contact: Some(contact()),
                item: Item::Preference(build(preference)),
            });
        }
        let stop_reply = crate::inbound::draw(spec, seed, created.sequence);
        if let Some(kind) = stop_reply {
            // After the delivery; a tap answers the message it was on.
            let reply = match kind {
                StopReply::Text => crate::inbound::Reply::Text("STOP"),
                StopReply::Button => crate::inbound::Reply::Button {
                    text: crate::inbound::STOP_PROMOTIONS,
                    context_wamid: Some(&created.wamid),
                },
            };
            let id = crate::wamid::wamid(&user_id, 0x5354_4F50, created.sequence);
            let message =
                crate::inbound::message(id, wa_id.clone(), Some(user_id.clone()), now + 3, reply);
            events.push(Pending {
                mark: None,
                phone_number_id: created.phone_number_id.clone(),
                field: WebhookField::Messages,
                contact: Some(contact()),
                item: Item::Inbound(Box::new(message)),
            });
        }
        if dice.uniform() < spec.read {
            events.push(status(DeliveryStatus::Read, 2, None));
            WebhookTruth {
                wamid: created.wamid.clone(),
                status: "read",
                code: None,
                stopped,
                user: created.user.clone(),
                stop_reply,
            }
        } else {
            WebhookTruth {
                wamid: created.wamid.clone(),
                status: "delivered",
                code: None,
                stopped,
                user: created.user.clone(),
                stop_reply,
            }
        }
    };
    let mut marks = 0;
    for event in &mut events {
        if matches!(event.item, Item::Status(_)) {
            event.mark = Some(marks);
            marks += 1;
        }
    }
    let mut story = Vec::new();
    for event in events {
        let delay = spec.delay.mul_f64(dice.uniform());
        if dice.uniform() < spec.duplicates {
            story.push((spec.delay.mul_f64(1.0 + dice.uniform()), event.clone()));
        }
        story.push((delay, event));
    }
    (story, truth)
}

/// The sender's queue: statuses by when they are due.
#[derive(Default)]
struct Queue {
    /// (due, id), earliest first; the id keeps the order total.
    due: BinaryHeap<Reverse<(Instant, u64)>>,
    events: HashMap<u64, Pending>,
    next_id: u64,
}

impl Queue {
    /// Turns a created message into its statuses, and records its truth.
    fn schedule(&mut self, story: Story, shared: &Shared) {
        let now = Instant::now();
        let mut state = lock(&shared.state);
        state.unscheduled = state.unscheduled.saturating_sub(1);
        for (delay, event) in story {
            self.next_id += 1;
            self.due.push(Reverse((now + delay, self.next_id)));
            self.events.insert(self.next_id, event);
            state.stats.pending_events += 1;
        }
    }

    fn take(&mut self, job: Job, shared: &Shared) {
        match job {
            Job::Story(story) => self.schedule(story, shared),
            Job::Event(event) => {
                let mut state = lock(&shared.state);
                state.unscheduled = state.unscheduled.saturating_sub(1);
                self.next_id += 1;
                self.due.push(Reverse((Instant::now(), self.next_id)));
                self.events.insert(self.next_id, *event);
                state.stats.pending_events += 1;
            }
        }
    }

    /// Up to a batch of the statuses due by `now`.
    fn take_due(&mut self, now: Instant) -> Vec<u64> {
        let mut due = Vec::new();
        while due.len() < IN_FLIGHT {
            match self.due.peek() {
                Some(Reverse((at, id))) if *at <= now => {
                    due.push(*id);
                    self.due.pop();
                }
                _ => break,
            }
        }
        due
    }
}

async fn run(
    config: WebhookConfig,
    waba_id: String,
    history: Arc<History>,
    mut rx: mpsc::UnboundedReceiver<Job>,
    shared: Arc<Shared>,
) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .unwrap_or_default();
    let mut queue = Queue::default();
    let mut failures = 0u32;
    loop {
        while let Ok(job) = rx.try_recv() {
            queue.take(job, &shared);
        }
        let now = Instant::now();
        let due = queue.take_due(now);
        if due.is_empty() {
            shared.idle.notify_waiters();
            let wait = queue
                .due
                .peek()
                .map_or(Duration::from_secs(3600), |Reverse((at, _))| {
                    at.saturating_duration_since(now)
                });
            tokio::select! {
                job = rx.recv() => match job {
                    Some(job) => queue.take(job, &shared),
                    // The sandbox is gone.
                    None => return,
                },
                _ = tokio::time::sleep(wait) => {}
            }
            continue;
        }
        // One POST per event, several at once.
        let mut posts = tokio::task::JoinSet::new();
        for id in due {
            let Some(event) = queue.events.get(&id) else {
                continue;
            };
            let body = payload(event, &waba_id);
            let signature =
                wamm_client::webhook_signature::sign(config.app_secret.as_bytes(), &body);
            let request = client
                .post(&config.url)
                .header("content-type", "application/json")
                .header(wamm_client::webhook_signature::SIGNATURE_HEADER, signature)
                .body(body);
            posts.spawn(async move {
                let accepted = request.send().await.is_ok_and(|r| r.status().is_success());
                (id, accepted)
            });
        }
        let mut refused = Vec::new();
        while let Some(done) = posts.join_next().await {
            let Ok((id, accepted)) = done else { continue };
            if let Some((mark, status)) = queue.events.get(&id).and_then(Pending::planned_status) {
                history.webhook_outcome(&status.id, mark, accepted);
            }
            let mut state = lock(&shared.state);
            if accepted {
                state.stats.accepted_posts += 1;
                state.stats.delivered_events += 1;
                state.stats.pending_events -= 1;
                queue.events.remove(&id);
            } else {
                state.stats.failed_posts += 1;
                refused.push(id);
            }
        }
        if refused.is_empty() {
            failures = 0;
        } else {
            // As Meta does: again later, backing off, for as long as it runs.
            failures += 1;
            let at = Instant::now() + Duration::from_millis(50 << failures.min(6));
            for id in refused {
                queue.due.push(Reverse((at, id)));
            }
        }
    }
}

/// One POST's body: one event in Meta's envelope, built from the generated types.
///
/// Batching follows Meta's reference payloads (WhatsApp Cloud API webhooks reference,
/// `messages` status and `user_preferences`): one entry with one change holding one status or
/// preference and its `contacts`, and each POST signed on its own. Graph webhooks may batch
/// several changes in a POST, which `marketing::webhook` reads, but Meta shows no status
/// batch, and receivers built on client libraries (pywa reads `entry[0].changes[0]` and its
/// first item) see only the first item of one: a sandbox batching statuses would be testing a
/// shape Meta does not send.
fn payload(event: &Pending, waba_id: &str) -> Vec<u8> {
    let mut time = None;
    let value = match &event.item {
        // Meta's account_update reference: the event alone, no number or contact.
        Item::Account(name) => types::WebhookValue::builder().event(Some(name.clone())),
        // Meta's message_template_status_update reference: the template's fields, and the
        // entry's `time` (pywa reads it).
        Item::Template(change) => {
            time = i64::try_from(unix_seconds()).ok();
            types::WebhookValue::builder()
                .event(Some(change.event.clone()))
                .message_template_id(change.id)
                .message_template_name(Some(change.name.clone()))
                .message_template_language(Some(change.language.clone()))
                .reason(Some(change.reason.clone()))
                .message_template_category(Some(change.category.clone()))
        }
        item => {
            let metadata = types::WebhookMetadata::builder()
                .display_phone_number(DISPLAY_PHONE_NUMBER.to_string())
                .phone_number_id(event.phone_number_id.clone());
            let value = types::WebhookValue::builder()
                .messaging_product("whatsapp".to_string())
                .metadata(Some(build(metadata)))
                .contacts(event.contact.iter().cloned().collect::<Vec<_>>());
            match item {
                Item::Status(status) => value.statuses(vec![(**status).clone()]),
                Item::Preference(preference) => value.user_preferences(vec![preference.clone()]),
                Item::Inbound(message) => value.messages(vec![(**message).clone()]),
                Item::Account(_) | Item::Template(_) => value,
            }
        }
    };
    let change = types::WebhookChange::builder()
        .field(event.field.clone())
        .value(build::<types::WebhookValue>(value));
    let entry = types::WebhookEntry::builder()
        .id(waba_id.to_string())
        .time(time)
        .changes(vec![build(change)]);
    let payload = types::WebhookPayload::builder()
        .object("whatsapp_business_account".to_string())
        .entry(vec![build(entry)]);
    serde_json::to_vec(&build::<types::WebhookPayload>(payload)).unwrap_or_default()
}
