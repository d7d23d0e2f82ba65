//! The campaign file: settings plus the message every recipient gets.

use std::path::Path;
use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::CampaignError;
use super::halt::HaltRules;
use super::placeholders::MessagePattern;
use super::variants::VariantDefinition;

// This doc comment is also the description `wamm campaign schema` prints, so it holds no code
// and no rustdoc links; the example is in the crate guide (GUIDE.md, "Campaigns").
/// A campaign: what to send, to whom (which column of the recipient list), and how fast.
///
/// Read from TOML (or JSON) with `CampaignDefinition::load`. `message` is the API's request
/// body without the recipient; any string in it may be a `{{column}}` placeholder filled from
/// the recipient's row (converted to a number or boolean where the API expects one), or contain
/// placeholders inside text (`"Hi {{first_name}}"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignDefinition {
    /// A name for reports.
    pub name: String,
    /// The recipient list's column holding the phone number (or BSUID, see `recipient_kind`).
    #[serde(default = "default_recipient_column")]
    pub recipient_column: String,
    /// Whether the recipient column holds phone numbers (`phone`, sent as `to`) or BSUIDs
    /// (`bsuid`, sent as `recipient`).
    #[serde(default)]
    pub recipient_kind: RecipientKind,
    /// Messages per second for the phone number: 80 by default; 1000 and 20 are Meta's other
    /// tiers. 0 sends as fast as `concurrency` allows (for benchmarks against a sandbox).
    #[serde(default = "default_mps")]
    pub messages_per_second: f64,
    /// Requests in flight at once.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// The phone numbers to send from, when more than the one of the connection settings
    /// (`WHATSAPP_PHONE_NUMBER_ID`): a sender pool. Each recipient is sent from whichever number
    /// has a free slot first, each number at its own rate. An error that concerns one number
    /// (not registered, not onboarded, its spam limit, a permission) stops that number and the
    /// others go on; the run stops when none is left.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub senders: Vec<SenderDefinition>,
    /// Retries for errors that prove nothing was sent (throttling, template syncing).
    #[serde(default)]
    pub retry: CampaignRetry,
    /// When the run stops by itself (a mistake that concerns every row, or an outage).
    #[serde(default)]
    pub halt: HaltRules,
    /// The request body without the recipient, with `{{column}}` placeholders. With
    /// `[[variants]]` it may be left out: it then stands for the first variant's.
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, Value>")]
    pub message: Value,
    // --- variants ---
    /// Several messages, each sent to a share of the list by its weight (`[[variants]]`);
    /// without them the campaign sends its `[message]` to everyone. Each recipient's variant
    /// is a keyed hash of the campaign's name and the recipient, so it is the same in every
    /// run and worker, and it is recorded per row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantDefinition>,
    /// The share of the list kept unsent as a control group, from 0 up to (not including) 1,
    /// such as 0.05; its rows are recorded `held out`. 0 (no control group) by default.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub holdout: f64,

    // --- send windows ---
    /// When recipients may be sent to, in each one's local time: `{ days = "mon-sat", hours =
    /// "09:00-20:00" }`. Rows outside their window wait while others are sent. A recipient's
    /// zone comes from the list's `timezone` column, else from the phone number's country
    /// when it has one zone, else from `default_timezone`; a row with none is invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_window: Option<super::window::SendWindowDefinition>,
    /// The IANA time zone (such as `Europe/Lisbon`) of recipients whose zone neither the
    /// list's `timezone` column nor their phone number gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_timezone: Option<String>,

    // --- schedule ---
    /// When sending starts, as an RFC 3339 time with an offset (`2026-12-08T09:00:00+01:00`,
    /// or `...Z` for UTC). `campaign run` records the campaign and its list at once, says when
    /// it starts, and waits; Ctrl-C is safe, and `resume` (or a worker) waits too. A start
    /// more than a minute in the past is refused when the campaign starts; within the last
    /// minute it means now. `--start-at` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<String>,
    /// When sending ends, as an RFC 3339 time with an offset, after `start_at`. No row is
    /// taken after it: the rows not sent stay pending, the run stops as interrupted (exit 1)
    /// and `resume --end-by LATER` goes on. `--end-by` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_by: Option<String>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// One phone number of a campaign's sender pool (`[[senders]]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SenderDefinition {
    /// The business phone number's ID (digits).
    pub phone_number_id: String,
    /// Messages per second for this number; the campaign's `messages_per_second` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages_per_second: Option<f64>,
}

/// How recipients are addressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    /// Phone numbers, sent as `to`.
    #[default]
    Phone,
    /// Business-scoped user IDs, sent as `recipient`.
    Bsuid,
}

/// Per-recipient retry limits within a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignRetry {
    /// Attempts per recipient in all, for retryable errors. When they run out, the run stops
    /// and the row stays pending for `resume`: Meta created nothing, so it is not `failed`.
    #[serde(default = "default_attempts")]
    pub max_attempts: u32,
    /// First wait after throttling, in milliseconds; doubles per attempt.
    #[serde(default = "default_base_delay_ms")]
    pub base_delay_ms: u64,
    /// First wait after the pair rate limit (131056), in milliseconds; doubles per attempt.
    #[serde(default = "default_pair_delay_ms")]
    pub pair_delay_ms: u64,
}

impl Default for CampaignRetry {
    fn default() -> Self {
        Self {
            max_attempts: default_attempts(),
            base_delay_ms: default_base_delay_ms(),
            pair_delay_ms: default_pair_delay_ms(),
        }
    }
}

impl CampaignRetry {
    /// The wait before attempt `attempt + 1` after throttling.
    pub fn throttle_delay(&self, attempt: u32) -> Duration {
        Duration::from_millis(
            self.base_delay_ms
                .saturating_mul(1 << attempt.saturating_sub(1).min(10)),
        )
    }

    /// The wait before attempt `attempt + 1` after the pair rate limit.
    pub fn pair_delay(&self, attempt: u32) -> Duration {
        Duration::from_millis(
            self.pair_delay_ms
                .saturating_mul(1 << attempt.saturating_sub(1).min(10)),
        )
    }
}

/// How [`CampaignDefinition::check_limits`] names overrides from flags.
pub(crate) const COMMAND_LINE: &str = "the command line";

/// The most requests a campaign keeps in flight at once.
pub const MAX_CONCURRENCY: usize = 4096;

fn default_recipient_column() -> String {
    "phone".to_string()
}
fn default_mps() -> f64 {
    80.0
}
fn default_concurrency() -> usize {
    32
}
fn default_attempts() -> u32 {
    5
}
fn default_base_delay_ms() -> u64 {
    500
}
fn default_pair_delay_ms() -> u64 {
    6_000
}

impl CampaignDefinition {
    /// Reads a campaign file: TOML, or JSON when the name ends in `.json`.
    pub fn load(path: &Path) -> Result<Self, CampaignError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| CampaignError::Input(format!("cannot read {name}: {e}")))?;
        if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
        {
            Self::from_json(&text, &name)
        } else {
            Self::from_toml(&text, &name)
        }
    }

    /// Parses TOML; `source` names the file in errors.
    pub fn from_toml(text: &str, source: &str) -> Result<Self, CampaignError> {
        let definition: Self = toml::from_str(text)
            .map_err(|e| CampaignError::Input(format!("{source}: {}", e.to_string().trim_end())))?;
        definition.checked(source)
    }

    /// Parses JSON; `source` names the file in errors.
    pub fn from_json(text: &str, source: &str) -> Result<Self, CampaignError> {
        let definition: Self = serde_json::from_str(text)
            .map_err(|e| CampaignError::Input(format!("{source}: {e}")))?;
        definition.checked(source)
    }

    fn checked(mut self, source: &str) -> Result<Self, CampaignError> {
        let bad =
            |field: &str, what: String| CampaignError::Input(format!("{source}: {field}: {what}"));
        self.check_limits(source)?;
        super::variants::check(&mut self, source)?;
        if let Err((field, what)) = super::window::check_definition(&self) {
            return Err(bad(field, what));
        }
        super::schedule::Schedule::parse(self.start_at.as_deref(), self.end_by.as_deref())
            .map_err(|(field, what)| bad(&field, what))?;
        if let Err((field, what)) = self.halt.check() {
            return Err(bad(field, what));
        }
        if self.retry.max_attempts == 0 {
            return Err(bad("retry.max_attempts", "0, expected at least 1".into()));
        }
        for (i, sender) in self.senders.iter().enumerate() {
            let field = |name: &str| format!("senders[{i}].{name}");
            // What the spec allows in the request path, by the generated type.
            if wamm_client::types::SendMarketingMessagePhoneNumberId::try_from(
                sender.phone_number_id.as_str(),
            )
            .is_err()
            {
                return Err(bad(
                    &field("phone_number_id"),
                    format!(
                        "{:?}, expected the phone number's ID (digits)",
                        sender.phone_number_id
                    ),
                ));
            }
            if self.senders[..i]
                .iter()
                .any(|s| s.phone_number_id == sender.phone_number_id)
            {
                return Err(bad(
                    &field("phone_number_id"),
                    format!("{} is listed twice", sender.phone_number_id),
                ));
            }
            if let Some(mps) = sender.messages_per_second
                && !(mps.is_finite() && mps >= 0.0)
            {
                return Err(bad(
                    &field("messages_per_second"),
                    format!("{mps}, expected a number of messages per second, 0 or more"),
                ));
            }
        }
        if self.recipient_column.is_empty() {
            return Err(bad(
                "recipient_column",
                "empty, expected a column name".into(),
            ));
        }
        let mut message = std::mem::take(&mut self.message);
        self.complete_message(&mut message, "message", source)?;
        self.message = message;
        for i in 0..self.variants.len() {
            let mut message = std::mem::take(&mut self.variants[i].message);
            self.complete_message(&mut message, &format!("variants[{i}].message"), source)?;
            self.variants[i].message = message;
        }
        Ok(self)
    }

    /// Refuses a recipient in `message` (the field `field`), adds the constants the file may
    /// leave out, and checks what no placeholder fills.
    fn complete_message(
        &self,
        message: &mut Value,
        field: &str,
        source: &str,
    ) -> Result<(), CampaignError> {
        let bad =
            |field: &str, what: String| CampaignError::Input(format!("{source}: {field}: {what}"));
        let Some(map) = message.as_object_mut() else {
            return Err(bad(field, "expected a table with the request body".into()));
        };
        for key in ["to", "recipient"] {
            if map.contains_key(key) {
                return Err(bad(
                    &format!("{field}.{key}"),
                    format!(
                        "the recipient comes from the `{}` column of the recipient list; remove it",
                        self.recipient_column
                    ),
                ));
            }
        }
        // The constants may be left out of the file.
        for (key, value) in [
            ("messaging_product", "whatsapp"),
            ("recipient_type", "individual"),
            ("type", "template"),
        ] {
            map.entry(key)
                .or_insert_with(|| Value::String(value.to_string()));
        }
        self.check_message(message, field, source)
    }

    /// Checks the settings the command line may override: a finite, non-negative rate and a
    /// bounded concurrency. `source` names where they came from.
    pub(crate) fn check_limits(&self, source: &str) -> Result<(), CampaignError> {
        let bad = |field: &str, flag: &str, what: String| {
            CampaignError::Input(if source == COMMAND_LINE {
                format!("{flag}: {what}")
            } else {
                format!("{source}: {field}: {what}")
            })
        };
        if !(self.messages_per_second.is_finite() && self.messages_per_second >= 0.0) {
            return Err(bad(
                "messages_per_second",
                "--mps",
                format!(
                    "{}, expected a number of messages per second, 0 or more (0: unpaced)",
                    self.messages_per_second
                ),
            ));
        }
        if !(1..=MAX_CONCURRENCY).contains(&self.concurrency) {
            return Err(bad(
                "concurrency",
                "--concurrency",
                format!("{}, expected 1 to {MAX_CONCURRENCY}", self.concurrency),
            ));
        }
        Ok(())
    }

    /// Refuses a message that would be invalid for every row: a problem in a field no
    /// placeholder fills is a mistake in `[message]`, not in the list.
    fn check_message(
        &self,
        message: &Value,
        field: &str,
        source: &str,
    ) -> Result<(), CampaignError> {
        let template = MessagePattern::compile(message.clone());
        // Any value will do for the placeholders: problems where they are do not count.
        let Some(body) = self.sample_body(&template) else {
            return Ok(());
        };
        let key = self.recipient_key();
        let Err(errors) = crate::validate::validate_value(&body) else {
            return Ok(());
        };
        let problems: Vec<String> = errors
            .problems()
            .iter()
            .filter(|p| p.path() != key && !template.has_placeholder_at(p.path()))
            .map(|p| {
                if p.path().is_empty() {
                    format!("{source}: {field}: {}", p.message())
                } else {
                    format!("{source}: {field}.{}: {}", p.path(), p.message())
                }
            })
            .collect();
        if problems.is_empty() {
            return Ok(());
        }
        Err(CampaignError::Input(format!(
            "{}\nthe message would be refused for every recipient; fix the campaign file (nothing was sent)",
            problems.join("\n")
        )))
    }

    /// The request body one row would get, with `1` in every placeholder and a sample
    /// recipient; `None` when `1` does not fit a placeholder (a column converted to a
    /// number or a boolean). The template check before a run looks at this body's shape.
    pub(crate) fn sample_body(&self, template: &MessagePattern) -> Option<Value> {
        let mut body = template.render(&template.sample_row("1")).ok()?;
        let sample = match self.recipient_kind {
            RecipientKind::Phone => "15550001234",
            RecipientKind::Bsuid => "US.1234567890123456",
        };
        if let Some(map) = body.as_object_mut() {
            map.insert(
                self.recipient_key().to_string(),
                Value::String(sample.to_string()),
            );
        }
        Some(body)
    }

    /// The body field the recipient goes in.
    fn recipient_key(&self) -> &'static str {
        match self.recipient_kind {
            RecipientKind::Phone => "to",
            RecipientKind::Bsuid => "recipient",
        }
    }

    /// The phone numbers the campaign sends from, each with its rate: the `[[senders]]`, or
    /// `default_phone_number_id` (the connection settings') at `messages_per_second`.
    ///
    /// ```
    /// use marketing::campaign::CampaignDefinition;
    ///
    /// let one = CampaignDefinition::from_toml(
    ///     "name = \"a\"\nmessages_per_second = 50\n[message.template]\nname = \"spring_sale\"\nlanguage = { code = \"en_US\" }\n",
    ///     "a.toml",
    /// )?;
    /// assert_eq!(one.sender_rates("106540352242922"), vec![("106540352242922".to_string(), 50.0)]);
    /// let pool = CampaignDefinition::from_toml(
    ///     "name = \"b\"\nmessages_per_second = 50\n\n[[senders]]\nphone_number_id = \"1001\"\n\n[[senders]]\nphone_number_id = \"1002\"\nmessages_per_second = 1000\n\n[message.template]\nname = \"spring_sale\"\nlanguage = { code = \"en_US\" }\n",
    ///     "b.toml",
    /// )?;
    /// assert_eq!(
    ///     pool.sender_rates("106540352242922"),
    ///     vec![("1001".to_string(), 50.0), ("1002".to_string(), 1000.0)]
    /// );
    /// # Ok::<(), marketing::campaign::CampaignError>(())
    /// ```
    pub fn sender_rates(&self, default_phone_number_id: &str) -> Vec<(String, f64)> {
        if self.senders.is_empty() {
            return vec![(
                default_phone_number_id.to_string(),
                self.messages_per_second,
            )];
        }
        self.senders
            .iter()
            .map(|s| {
                (
                    s.phone_number_id.clone(),
                    s.messages_per_second.unwrap_or(self.messages_per_second),
                )
            })
            .collect()
    }

    /// The JSON Schema of the campaign file.
    ///
    /// ```
    /// let schema = marketing::campaign::CampaignDefinition::json_schema();
    /// assert!(schema.contains("messages_per_second"));
    /// ```
    pub fn json_schema() -> String {
        serde_json::to_string_pretty(&schemars::schema_for!(CampaignDefinition)).unwrap_or_default()
    }
}
