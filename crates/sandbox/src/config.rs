//! What a sandbox is started with.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use wamm_client::types::MessageTemplate;
use wamm_client::{MessagingLimitTier, OnboardingStatus, PhoneNumberStatus, QualityRating};

use crate::faults::FaultSpec;
use crate::templates::{TemplateFileError, builtin_templates, check_template, read_templates};

/// The access token a sandbox accepts unless told otherwise.
pub const DEFAULT_TOKEN: &str = "sandbox-token";

/// The phone number ID a sandbox serves unless told otherwise (onboarded to MM Lite).
pub const DEFAULT_PHONE_NUMBER_ID: &str = "106540352242922";

/// The WhatsApp Business Account ID a sandbox serves templates for unless told otherwise
/// (`GET /{Version}/{WABA-ID}/message_templates`).
pub const DEFAULT_WABA_ID: &str = "102290129340398";

/// Messages per second per phone number unless told otherwise: Meta's default.
pub const DEFAULT_MPS: u32 = 80;

/// Created messages kept for inspection unless told otherwise (the newest ones).
pub const DEFAULT_MAX_MESSAGES: usize = 100_000;

/// Connections served at once unless told otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// How long a connection may take to send a request's headers unless told otherwise.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request may take to send its body unless told otherwise.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// The most `max_connections` may be (far beyond any descriptor limit).
const MAX_CONNECTIONS_LIMIT: usize = 1 << 20;

/// The longest `header_timeout` and `body_timeout` may be.
const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// Everything a [`Sandbox`](crate::Sandbox) is started with.
///
/// The default is a sandbox on `127.0.0.1:0` (an ephemeral port) accepting [`DEFAULT_TOKEN`]
/// for one onboarded phone number, [`DEFAULT_PHONE_NUMBER_ID`], with the built-in templates
/// ([`builtin_templates`](crate::builtin_templates)) in the account [`DEFAULT_WABA_ID`], 80 messages per second per phone number, no pair rate limit, no
/// opted-out users, every message `accepted` and no faults; it keeps the newest 100 000
/// created messages, serves up to 1024 connections at once, and gives a client 10 seconds
/// for a request's headers and 30 seconds for its body.
///
/// ```
/// use std::time::Duration;
/// use wamm_sandbox::{FaultSpec, PhoneNumber, SandboxConfig};
///
/// let config = SandboxConfig {
///     mps: 20,
///     pair_interval: Some(Duration::from_secs(6)),
///     faults: FaultSpec::parse("500=0.1")?,
///     seed: 42,
///     ..SandboxConfig::default()
/// }
/// .with_phone_number(PhoneNumber::not_onboarded("200000000000001"))
/// .with_opted_out("447700900999");
/// assert_eq!(config.phone_numbers.len(), 2);
/// # Ok::<(), wamm_sandbox::FaultSpecError>(())
/// ```
#[derive(Clone)]
pub struct SandboxConfig {
    /// Where to listen. Default `127.0.0.1:0`.
    pub listen: SocketAddr,
    /// The one bearer token accepted. Default [`DEFAULT_TOKEN`].
    pub token: String,
    /// The business phone numbers served; any other ID in the path fails with code 100.
    pub phone_numbers: Vec<PhoneNumber>,
    /// The WhatsApp Business Account ID whose templates
    /// `GET /{Version}/{WABA-ID}/message_templates` lists (digits); any other ID in that
    /// path fails with code 100. Default [`DEFAULT_WABA_ID`].
    pub waba_id: String,
    /// The account's templates, in Meta's format: what the list endpoint serves, in this
    /// order, and what sends are checked against. Default
    /// [`builtin_templates`](crate::builtin_templates).
    pub templates: Vec<MessageTemplate>,
    /// Messages per second per phone number (token bucket refill rate); over it, 130429.
    pub mps: u32,
    /// The token bucket's capacity. Default `None`: one second's worth (`mps`), so a client
    /// that paces itself at exactly `mps`, even in bursts of up to a second, is never refused.
    pub burst: Option<u32>,
    /// Minimum time between two messages from one phone number to one user; sooner, 131056.
    /// Default `None` (no pair limit).
    pub pair_interval: Option<Duration>,
    /// Users who opted out of marketing (phone numbers in any format, or BSUIDs): 131050.
    pub opted_out: Vec<String>,
    /// Shares of created messages reported as `held_for_quality_assessment` or `paused`
    /// instead of `accepted`.
    pub status_shares: StatusShares,
    /// Faults to inject. Default none.
    pub faults: FaultSpec,
    /// Seed for faults and status shares: the same seed and the same requests give the same
    /// answers.
    pub seed: u64,
    /// Accept every body `openapi.yaml` allows: no template lookup or parameter matching and
    /// no cross-field rules, only the schema (token, path, limits and faults still apply).
    /// For conformance testers that generate bodies from the spec. Default `false`.
    pub accept_any_template: bool,
    /// How many created messages are kept for inspection ([`Sandbox::messages`](crate::Sandbox::messages),
    /// `GET /__sandbox/messages`): the newest ones; older ones are forgotten, but still
    /// counted in [`Stats`](crate::Stats). 0 keeps none. Default [`DEFAULT_MAX_MESSAGES`].
    pub max_messages: usize,
    /// How many connections are served at once. When a new one would go over, the connection
    /// that has waited longest for a request is closed to make room; if every connection is
    /// in the middle of a request, the new one waits. Default [`DEFAULT_MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// How long a connection may take to send a request's headers, counted from when the
    /// sandbox starts waiting for them (a new connection, or a kept-alive one after an
    /// answer); later, the connection is closed. Default [`DEFAULT_HEADER_TIMEOUT`].
    pub header_timeout: Duration,
    /// How long a send may take to deliver its body once its headers are in; later, it is
    /// answered 400 (code 100) and the connection is closed. Default [`DEFAULT_BODY_TIMEOUT`].
    pub body_timeout: Duration,
    /// Status webhooks for the messages it creates, posted to a receiver. Default none.
    pub webhooks: Option<crate::WebhookConfig>,
    /// Where the account stands with Marketing Messages (`GET /{Version}/{WABA-ID}`'s
    /// `marketing_messages_onboarding_status`). Default `ONBOARDED`; any other value makes
    /// every number behave as not onboarded for sends (STRICT refused with 10, the others
    /// routed through the Cloud API).
    pub onboarding_status: OnboardingStatus,
    /// Whether template insights are on at start (`is_enabled_for_insights`). Default off:
    /// template analytics answer error 100 until `POST /{Version}/{WABA-ID}?is_enabled_for_insights=true`.
    pub insights_enabled: bool,
    /// How template analytics are derived from what the sandbox did.
    pub analytics: crate::AnalyticsSpec,
    /// How long a template created or edited through the API stays PENDING before it is
    /// decided (APPROVED, or REJECTED with Meta's reason). Zero decides it during the
    /// request, whose answer then carries the decision. Default [`DEFAULT_REVIEW_DELAY`].
    pub review_delay: Duration,
    /// Serve HTTPS with this certificate (HTTP/2 or HTTP/1.1, as the client's TLS handshake
    /// agrees) instead of plain HTTP/1.1. Default none.
    pub tls: Option<crate::TlsConfig>,
}

/// How long a submitted template is in review unless configured otherwise.
pub const DEFAULT_REVIEW_DELAY: Duration = Duration::from_secs(2);

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            token: DEFAULT_TOKEN.to_string(),
            phone_numbers: vec![PhoneNumber::onboarded(DEFAULT_PHONE_NUMBER_ID)],
            waba_id: DEFAULT_WABA_ID.to_string(),
            templates: builtin_templates(),
            mps: DEFAULT_MPS,
            burst: None,
            pair_interval: None,
            opted_out: Vec::new(),
            status_shares: StatusShares::default(),
            faults: FaultSpec::default(),
            seed: 0,
            accept_any_template: false,
            max_messages: DEFAULT_MAX_MESSAGES,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            webhooks: None,
            onboarding_status: OnboardingStatus::Onboarded,
            insights_enabled: false,
            analytics: crate::AnalyticsSpec::default(),
            review_delay: DEFAULT_REVIEW_DELAY,
            tls: None,
        }
    }
}

/// The settings of a flag written `key=value,key=value` (spaces and empty parts ignored):
/// each as its part, key and value, or the part that is not `KEY=VALUE`.
pub(crate) fn key_values(text: &str) -> impl Iterator<Item = Result<(&str, &str, &str), String>> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: expected KEY=VALUE"))?;
            Ok((part, key, value))
        })
}

/// The token is a credential: `Debug` never shows it.
impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("listen", &self.listen)
            .field("token", &"<redacted>")
            .field("phone_numbers", &self.phone_numbers)
            .field("waba_id", &self.waba_id)
            .field("templates", &self.templates.len())
            .field("mps", &self.mps)
            .field("burst", &self.burst)
            .field("pair_interval", &self.pair_interval)
            .field("opted_out", &self.opted_out.len())
            .field("status_shares", &self.status_shares)
            .field("faults", &self.faults)
            .field("seed", &self.seed)
            .field("accept_any_template", &self.accept_any_template)
            .field("max_messages", &self.max_messages)
            .field("max_connections", &self.max_connections)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("webhooks", &self.webhooks)
            .field("onboarding_status", &self.onboarding_status)
            .field("insights_enabled", &self.insights_enabled)
            .field("analytics", &self.analytics)
            .field("review_delay", &self.review_delay)
            .field("tls", &self.tls)
            .finish()
    }
}

impl SandboxConfig {
    /// Adds a phone number (or replaces the one with the same ID).
    pub fn with_phone_number(mut self, phone: PhoneNumber) -> Self {
        self.phone_numbers.retain(|p| p.id != phone.id);
        self.phone_numbers.push(phone);
        self
    }

    /// Sets where the account stands with Marketing Messages (see
    /// [`SandboxConfig::onboarding_status`]).
    ///
    /// ```
    /// use wamm_sandbox::{OnboardingStatus, SandboxConfig};
    ///
    /// let config = SandboxConfig::default()
    ///     .with_onboarding_status(OnboardingStatus::Eligible)
    ///     .with_insights_enabled(true);
    /// assert!(config.insights_enabled);
    /// ```
    pub fn with_onboarding_status(mut self, status: OnboardingStatus) -> Self {
        self.onboarding_status = status;
        self
    }

    /// Turns template insights on (or off) at start.
    pub fn with_insights_enabled(mut self, enabled: bool) -> Self {
        self.insights_enabled = enabled;
        self
    }

    /// Adds a user who opted out of marketing messages.
    pub fn with_opted_out(mut self, user: impl Into<String>) -> Self {
        self.opted_out.push(user.into());
        self
    }

    /// Adds templates, replacing any with the same name and language (in its place; new ones
    /// go last).
    pub fn with_templates(mut self, templates: impl IntoIterator<Item = MessageTemplate>) -> Self {
        self.add_templates(templates);
        self
    }

    fn add_templates(&mut self, templates: impl IntoIterator<Item = MessageTemplate>) {
        for tpl in templates {
            match self
                .templates
                .iter_mut()
                .find(|t| t.name == tpl.name && t.language == tpl.language)
            {
                Some(same) => *same = tpl,
                None => self.templates.push(tpl),
            }
        }
    }

    /// Loads a templates file in Meta's format (see [`parse_templates`](crate::parse_templates)
    /// and the crate README). With `replace`, the file's templates replace all current ones
    /// (including the built-in ones); otherwise they are added, replacing any with the same
    /// name and language.
    pub fn load_templates(
        &mut self,
        path: impl AsRef<Path>,
        replace: bool,
    ) -> Result<(), TemplateFileError> {
        let loaded = read_templates(path)?;
        if replace {
            self.templates = loaded;
        } else {
            self.add_templates(loaded);
        }
        Ok(())
    }

    /// Checks the settings that can be wrong; [`Sandbox::start`](crate::Sandbox::start) calls
    /// it.
    pub fn check(&self) -> Result<(), String> {
        if self.token.is_empty() {
            return Err("the token is empty".into());
        }
        if self.phone_numbers.is_empty() {
            return Err("no phone number is configured".into());
        }
        for phone in &self.phone_numbers {
            if phone.id.is_empty() || !phone.id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("phone number ID {:?} is not all digits", phone.id));
            }
        }
        if self.mps == 0 {
            return Err("mps must be at least 1".into());
        }
        if self.burst == Some(0) {
            return Err("burst must be at least 1".into());
        }
        if !(1..=MAX_CONNECTIONS_LIMIT).contains(&self.max_connections) {
            return Err(format!(
                "max_connections must be between 1 and {MAX_CONNECTIONS_LIMIT}"
            ));
        }
        for (name, timeout) in [
            ("header_timeout", self.header_timeout),
            ("body_timeout", self.body_timeout),
        ] {
            if timeout.is_zero() || timeout > MAX_TIMEOUT {
                return Err(format!("{name} must be longer than 0 and at most a day"));
            }
        }
        if self.waba_id.is_empty() || !self.waba_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("WABA ID {:?} is not all digits", self.waba_id));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, tpl) in self.templates.iter().enumerate() {
            check_template(tpl)
                .map_err(|problem| format!("template {i} ({}): {problem}", tpl.name))?;
            if !seen.insert((tpl.name.as_str(), tpl.language.as_str())) {
                return Err(format!(
                    "template {i} ({}): {} in {} appears twice",
                    tpl.name, tpl.name, tpl.language
                ));
            }
        }
        self.faults.check().map_err(|e| e.to_string())?;
        self.status_shares.check()?;
        self.analytics.check()?;
        let mut ids = std::collections::HashSet::new();
        for phone in &self.phone_numbers {
            if !ids.insert(phone.id.as_str()) {
                return Err(format!("phone number ID {} appears twice", phone.id));
            }
            phone.check()?;
        }
        crate::account::check_word("onboarding_status", self.onboarding_status.as_str())?;
        Ok(())
    }
}

/// A business phone number the sandbox serves, with what
/// `GET /{Version}/{WABA-ID}/phone_numbers` says of it.
///
/// ```
/// use wamm_sandbox::{MessagingLimitTier, PhoneNumber, PhoneNumberStatus, QualityRating};
///
/// let flagged = PhoneNumber::onboarded("200000000000002")
///     .with_status(PhoneNumberStatus::Flagged)
///     .with_quality_rating(QualityRating::Red)
///     .with_messaging_limit_tier(MessagingLimitTier::Tier1k)
///     .with_throughput_level("HIGH");
/// assert_eq!(flagged.status, PhoneNumberStatus::Flagged);
/// assert_eq!(PhoneNumber::onboarded("1").messaging_limit_tier, MessagingLimitTier::TierUnlimited);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// Its ID, as in the request path (digits).
    pub id: String,
    /// Whether the business is onboarded to MM Lite. When not (or when the account's
    /// [`SandboxConfig::onboarding_status`] is not `ONBOARDED`), `product_policy: STRICT`
    /// sends are refused (403, code 10) and the others are routed through the Cloud API
    /// (recorded as [`Route::CloudApiFallback`](crate::Route::CloudApiFallback)).
    pub onboarded: bool,
    /// Whether it can send. Default `CONNECTED`; any other status refuses sends (see
    /// `docs/sandbox.md`: 131031 for `FLAGGED`, `RESTRICTED` and `BANNED`, 133010 otherwise).
    pub status: PhoneNumberStatus,
    /// Its quality rating. Default `GREEN`.
    pub quality_rating: QualityRating,
    /// Its messaging limit tier. Default `TIER_UNLIMITED` (the sandbox does not count unique
    /// users, so a smaller tier is only reported).
    pub messaging_limit_tier: MessagingLimitTier,
    /// Its throughput level (`STANDARD`, `HIGH`, `NOT_APPLICABLE`). Default `STANDARD`. Only
    /// reported: the sandbox's pace is [`SandboxConfig::mps`].
    pub throughput_level: String,
}

impl PhoneNumber {
    /// A phone number onboarded to MM Lite, connected, rated green, with no messaging limit.
    pub fn onboarded(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            onboarded: true,
            status: PhoneNumberStatus::Connected,
            quality_rating: QualityRating::Green,
            messaging_limit_tier: MessagingLimitTier::TierUnlimited,
            throughput_level: "STANDARD".to_string(),
        }
    }

    /// A phone number whose business is not onboarded to MM Lite (otherwise as
    /// [`PhoneNumber::onboarded`]).
    pub fn not_onboarded(id: impl Into<String>) -> Self {
        Self {
            onboarded: false,
            ..Self::onboarded(id)
        }
    }

    /// With this status (see [`PhoneNumber::status`]).
    pub fn with_status(mut self, status: PhoneNumberStatus) -> Self {
        self.status = status;
        self
    }

    /// With this quality rating.
    pub fn with_quality_rating(mut self, rating: QualityRating) -> Self {
        self.quality_rating = rating;
        self
    }

    /// With this messaging limit tier.
    pub fn with_messaging_limit_tier(mut self, tier: MessagingLimitTier) -> Self {
        self.messaging_limit_tier = tier;
        self
    }

    /// With this throughput level.
    pub fn with_throughput_level(mut self, level: impl Into<String>) -> Self {
        self.throughput_level = level.into();
        self
    }

    /// The values are words Graph could send (capitals, digits and `_`).
    pub(crate) fn check(&self) -> Result<(), String> {
        use crate::account::check_word;
        check_word("status", self.status.as_str())?;
        check_word("quality_rating", self.quality_rating.as_str())?;
        check_word("messaging_limit_tier", self.messaging_limit_tier.as_str())?;
        check_word("throughput_level", &self.throughput_level)
    }
}

/// Shares of created messages whose `message_status` is not `accepted`. Both default to 0.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StatusShares {
    /// Share reported as `held_for_quality_assessment` (0.0 to 1.0).
    pub held_for_quality_assessment: f64,
    /// Share reported as `paused` (0.0 to 1.0).
    pub paused: f64,
}

impl StatusShares {
    fn check(&self) -> Result<(), String> {
        for (name, share) in [
            (
                "held_for_quality_assessment",
                self.held_for_quality_assessment,
            ),
            ("paused", self.paused),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!(
                    "status share {name} = {share} is not between 0 and 1"
                ));
            }
        }
        if self.held_for_quality_assessment + self.paused > 1.0 + 1e-9 {
            return Err("the status shares add up to more than 1".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_values_skip_empty_parts_and_name_a_part_without_equals() {
        let settings: Vec<_> = key_values(" read=0.5,,delay=1s ").collect();
        assert_eq!(
            settings,
            [
                Ok(("read=0.5", "read", "0.5")),
                Ok(("delay=1s", "delay", "1s"))
            ]
        );
        let refused: Result<Vec<_>, _> = key_values("read=1,stop").collect();
        assert_eq!(refused.unwrap_err(), "`stop`: expected KEY=VALUE");
    }
}
