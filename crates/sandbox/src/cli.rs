//! The sandbox's command-line flags, shared by the `wamm-sandbox` binary and `wamm sandbox`
//! (which flattens [`SandboxArgs`] into its own subcommand).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::config::{
    DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MESSAGES, DEFAULT_MPS, DEFAULT_TOKEN, DEFAULT_WABA_ID,
    PhoneNumber, SandboxConfig, StatusShares,
};
use crate::faults::FaultSpec;

/// Flags that configure a sandbox.
///
/// ```
/// use clap::Parser;
/// use wamm_sandbox::cli::SandboxArgs;
///
/// #[derive(Parser)]
/// struct Cli {
///     #[command(flatten)]
///     sandbox: SandboxArgs,
/// }
///
/// let cli = Cli::parse_from(["x", "--mps", "20", "--faults", "500=0.1", "--seed", "7"]);
/// let config = cli.sandbox.into_config()?;
/// assert_eq!(config.mps, 20);
/// assert_eq!(config.seed, 7);
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone, Args)]
pub struct SandboxArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,

    /// The access token the sandbox accepts.
    #[arg(long, value_name = "TOKEN", default_value = DEFAULT_TOKEN)]
    pub token: String,

    /// A phone number ID to serve, onboarded to MM Lite (repeatable; default 106540352242922).
    #[arg(long = "phone-number-id", value_name = "ID")]
    pub phone_number_ids: Vec<String>,

    /// A phone number ID to serve whose business is not onboarded to MM Lite: STRICT sends are
    /// refused, others fall back to the Cloud API (repeatable).
    #[arg(long = "not-onboarded", value_name = "ID")]
    pub not_onboarded: Vec<String>,

    /// The WhatsApp Business Account ID whose templates GET /{Version}/{WABA-ID}/message_templates
    /// lists.
    #[arg(long, value_name = "ID", default_value = DEFAULT_WABA_ID)]
    pub waba_id: String,

    /// Templates to add to the built-in ones, in Meta's format: a saved
    /// GET .../message_templates response ({"data": [...]}) or a JSON array of templates.
    #[arg(long, value_name = "FILE")]
    pub templates: Option<PathBuf>,

    /// Let the templates file replace the built-in templates instead of adding to them.
    #[arg(long, requires = "templates")]
    pub replace_templates: bool,

    /// Messages per second per phone number; more gets code 130429.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MPS)]
    pub mps: u32,

    /// Minimum time between two messages to the same user, like `6s`; sooner gets code 131056.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub pair_interval: Option<Duration>,

    /// A user who opted out of marketing (phone number or BSUID); sends get 131050 (repeatable).
    #[arg(long, value_name = "USER")]
    pub opted_out: Vec<String>,

    /// Share of messages answered `held_for_quality_assessment` (0 to 1).
    #[arg(long, value_name = "SHARE", default_value_t = 0.0)]
    pub held_share: f64,

    /// Share of messages answered `paused` (0 to 1).
    #[arg(long, value_name = "SHARE", default_value_t = 0.0)]
    pub paused_share: f64,

    /// Faults to inject, like `500=0.05,503=0.02,reset=0.02,slow=0.01,lost=0.02,delay=35s`.
    #[arg(long, value_name = "SPEC", value_parser = FaultSpec::parse)]
    pub faults: Option<FaultSpec>,

    /// Seed for faults and status shares: the same seed and requests give the same answers.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,

    /// Accept every body openapi.yaml allows: no template lookup, no parameter matching and
    /// no cross-field rules (the token, path, limits and faults still apply). For
    /// conformance testers such as schemathesis that generate bodies from the spec.
    #[arg(long)]
    pub accept_any_template: bool,

    /// How many created messages to keep for inspection (the newest; counters cover all).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_MESSAGES)]
    pub max_messages: usize,

    /// How many connections to serve at once; past it, the longest-idle one is closed.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,

    /// How long a client may take to send a request's headers before it is disconnected.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = humantime::parse_duration)]
    pub header_timeout: Duration,

    /// How long a client may take to send a request's body before it is refused.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = humantime::parse_duration)]
    pub body_timeout: Duration,

    /// Post signed status webhooks (sent, delivered, read, failed) for the messages created,
    /// to this URL (a `wamm webhook serve`), retrying until it answers 2xx
    #[arg(long, value_name = "URL")]
    pub webhook_url: Option<String>,

    /// How the webhooks go, like `read=0.5,131049=0.02,131050=0.01,duplicates=0.05,delay=500ms`
    /// (those are the defaults); `stop=`, `stop-text=` and `stop-button=` (0 by default) make
    /// that share of users opt out by user_preferences, a STOP text or the Stop promotions button
    #[arg(long, value_name = "SPEC", requires = "webhook_url")]
    pub webhooks: Option<crate::WebhookSpec>,

    /// A file holding the app secret webhooks are signed with [default: $WHATSAPP_APP_SECRET]
    #[arg(long, value_name = "FILE", requires = "webhook_url")]
    pub app_secret_file: Option<std::path::PathBuf>,

    /// The account's marketing_messages_onboarding_status, like ELIGIBLE or
    /// PENDING_INTERNAL_SETUP; anything but ONBOARDED makes every number send as not onboarded
    #[arg(long, value_name = "STATUS", default_value = "ONBOARDED")]
    pub onboarding_status: String,

    /// Start with template insights on (otherwise template analytics answer code 100 until
    /// POST /{Version}/{WABA-ID}?is_enabled_for_insights=true)
    #[arg(long)]
    pub insights: bool,

    /// A served number's state, like `106540352242922:status=FLAGGED,quality=RED,tier=TIER_1K,throughput=HIGH`
    /// (defaults: CONNECTED, GREEN, TIER_UNLIMITED, STANDARD; repeatable)
    #[arg(long, value_name = "ID:KEY=VALUE,...")]
    pub number_state: Vec<String>,

    /// How template analytics are derived, like `click=0.2,conversion=0.1,price=0.025,delay=0s`
    /// (those are the defaults)
    #[arg(long, value_name = "SPEC", value_parser = clap::value_parser!(crate::AnalyticsSpec))]
    pub analytics: Option<crate::AnalyticsSpec>,

    /// How long a template created or edited through the API stays PENDING before the
    /// sandbox approves or rejects it (0 decides at once), by Meta's authoring rules (as
    /// `wamm templates check` applies them): rejected with INVALID_FORMAT for a body that
    /// starts or ends with a variable, variables side by side, too many variables for the
    /// text. Each decision is posted to --webhook-url as message_template_status_update.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = humantime::parse_duration)]
    pub review_delay: Duration,

    /// Serve HTTPS (HTTP/2 and HTTP/1.1, as the client's TLS handshake agrees) with a
    /// certificate for 127.0.0.1, ::1 and localhost, signed by a CA made at start. The CA's
    /// certificate is written to a file printed as `ca: PATH` (give it to `wamm --ca-cert`)
    #[arg(long)]
    pub tls: bool,

    /// Serve HTTPS with this certificate chain (PEM) instead of a generated one; needs --tls-key
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<std::path::PathBuf>,

    /// The private key (PEM) of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<std::path::PathBuf>,

    /// Where --tls writes its CA's certificate (default: a file in the temporary directory
    /// named after the port)
    #[arg(long, value_name = "FILE", requires = "tls")]
    pub tls_ca_out: Option<std::path::PathBuf>,
}

/// Applies one `--number-state ID:status=..,quality=..,tier=..,throughput=..`.
fn apply_number_state(phone_numbers: &mut [PhoneNumber], text: &str) -> anyhow::Result<()> {
    let (id, settings) = text.split_once(':').ok_or_else(|| {
        anyhow::anyhow!(
            "--number-state {text:?}: expected ID:status=..,quality=..,tier=..,throughput=.."
        )
    })?;
    let served: Vec<String> = phone_numbers.iter().map(|p| p.id.clone()).collect();
    let Some(phone) = phone_numbers.iter_mut().find(|p| p.id == id) else {
        anyhow::bail!(
            "--number-state {text:?}: {id} is not a served number ({})",
            served.join(", ")
        );
    };
    for setting in crate::config::key_values(settings) {
        let (_, key, value) =
            setting.map_err(|e| anyhow::anyhow!("--number-state {text:?}: {e}"))?;
        let value = value.to_string();
        match key {
            "status" => phone.status = value.parse().unwrap_or_else(|e| match e {}),
            "quality" => phone.quality_rating = value.parse().unwrap_or_else(|e| match e {}),
            "tier" => phone.messaging_limit_tier = value.parse().unwrap_or_else(|e| match e {}),
            "throughput" => phone.throughput_level = value,
            _ => anyhow::bail!(
                "--number-state {text:?}: `{key}`: expected status, quality, tier or throughput"
            ),
        }
    }
    phone
        .check()
        .map_err(|e| anyhow::anyhow!("--number-state {text:?}: {e}"))
}

impl SandboxArgs {
    /// The configuration these flags describe (reads the templates file, if any).
    pub fn into_config(self) -> anyhow::Result<SandboxConfig> {
        let mut phone_numbers: Vec<PhoneNumber> = self
            .phone_number_ids
            .into_iter()
            .map(PhoneNumber::onboarded)
            .collect();
        phone_numbers.extend(
            self.not_onboarded
                .into_iter()
                .map(PhoneNumber::not_onboarded),
        );
        let mut config = SandboxConfig {
            listen: self.listen,
            token: self.token,
            waba_id: self.waba_id,
            mps: self.mps,
            pair_interval: self.pair_interval,
            opted_out: self.opted_out,
            status_shares: StatusShares {
                held_for_quality_assessment: self.held_share,
                paused: self.paused_share,
            },
            faults: self.faults.unwrap_or_default(),
            seed: self.seed,
            accept_any_template: self.accept_any_template,
            max_messages: self.max_messages,
            max_connections: self.max_connections,
            header_timeout: self.header_timeout,
            body_timeout: self.body_timeout,
            webhooks: match self.webhook_url {
                Some(url) => {
                    let secret = match &self.app_secret_file {
                        Some(path) => std::fs::read_to_string(path).map_err(|e| {
                            anyhow::anyhow!("cannot read --app-secret-file {}: {e}", path.display())
                        })?,
                        None => std::env::var("WHATSAPP_APP_SECRET").unwrap_or_default(),
                    };
                    let app_secret = secret.trim_end_matches(['\r', '\n']).to_string();
                    if app_secret.is_empty() {
                        anyhow::bail!(
                            "--webhook-url needs the app secret to sign with: give --app-secret-file FILE or set WHATSAPP_APP_SECRET"
                        );
                    }
                    Some(crate::WebhookConfig {
                        url,
                        app_secret,
                        spec: self.webhooks.unwrap_or_default(),
                    })
                }
                None => None,
            },
            onboarding_status: self
                .onboarding_status
                .parse()
                .unwrap_or_else(|e| match e {}),
            insights_enabled: self.insights,
            analytics: self.analytics.unwrap_or_default(),
            review_delay: self.review_delay,
            tls: match (&self.tls_cert, &self.tls_key) {
                (Some(cert), Some(key)) => {
                    Some(crate::TlsConfig::from_files(cert, key).map_err(|e| anyhow::anyhow!(e))?)
                }
                _ if self.tls => {
                    Some(crate::TlsConfig::generate().map_err(|e| anyhow::anyhow!(e))?)
                }
                _ => None,
            },
            ..SandboxConfig::default()
        };
        if !phone_numbers.is_empty() {
            config.phone_numbers = phone_numbers;
        }
        for text in &self.number_state {
            apply_number_state(&mut config.phone_numbers, text)?;
        }
        if let Some(path) = &self.templates {
            config.load_templates(path, self.replace_templates)?;
        }
        config.check().map_err(|e| anyhow::anyhow!(e))?;
        Ok(config)
    }
}

/// Why [`serve`] could not run a sandbox.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The flags or the templates file are wrong (a usage error).
    #[error("{0:#}")]
    Config(anyhow::Error),
    /// The sandbox could not start (for example, the address is taken).
    #[error(transparent)]
    Start(#[from] crate::StartError),
}

/// Runs a sandbox in the foreground until Ctrl-C or SIGTERM: the front of both the
/// `wamm-sandbox` binary and `wamm sandbox`.
///
/// The first line printed is always `listening on http://ADDR`, so scripts can read the port;
/// then the token, the phone number IDs and the WABA ID to use. Listening on an address that is not
/// loopback adds a warning on stderr.
pub async fn serve(args: SandboxArgs) -> Result<(), ServeError> {
    let sandbox = start(args).await?;
    wait_for_stop().await;
    sandbox.shutdown().await;
    Ok(())
}

/// Starts a sandbox and prints what [`serve`] prints; the caller decides when it stops (`wamm
/// sandbox --metrics-listen` serves its metrics meanwhile).
pub async fn start(args: SandboxArgs) -> Result<crate::Sandbox, ServeError> {
    use std::io::Write;

    let ca_out = args.tls_ca_out.clone();
    let config = args.into_config().map_err(ServeError::Config)?;
    let phone_numbers = config.phone_numbers.clone();
    let sandbox = crate::Sandbox::start(config).await?;
    let ca_path = match sandbox.ca_pem() {
        Some(pem) => {
            let path = ca_out.unwrap_or_else(|| {
                std::env::temp_dir().join(format!("wamm-sandbox-{}-ca.pem", sandbox.addr().port()))
            });
            std::fs::write(&path, pem).map_err(|e| {
                ServeError::Config(anyhow::anyhow!(
                    "cannot write the CA certificate to {}: {e}",
                    path.display()
                ))
            })?;
            Some(path)
        }
        None => None,
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on {}", sandbox.base_url());
    if let Some(path) = &ca_path {
        let _ = writeln!(out, "ca: {}", path.display());
    }
    let _ = writeln!(out, "token: {}", sandbox.token());
    for phone in &phone_numbers {
        let mut note = if phone.onboarded {
            String::new()
        } else {
            " (not onboarded: STRICT sends are refused, others fall back to the Cloud API)"
                .to_string()
        };
        if phone.status != crate::PhoneNumberStatus::Connected {
            note.push_str(&format!(" ({}: sends are refused)", phone.status));
        }
        let _ = writeln!(out, "phone number ID: {}{note}", phone.id);
    }
    let _ = writeln!(out, "waba id: {}", sandbox.waba_id());
    let _ = writeln!(
        out,
        "send: POST {0}/v23.0/{1}/marketing_messages  inspect (same token): GET {0}/__sandbox/messages, {0}/__sandbox/stats",
        sandbox.base_url(),
        sandbox.phone_number_id()
    );
    let _ = out.flush();
    drop(out);
    if !sandbox.is_loopback() {
        eprintln!(
            "warning: listening on {}, which is not a loopback address: anyone who can reach \
             it can send with the token and read the recorded messages; use 127.0.0.1 unless \
             other machines must reach it",
            sandbox.addr()
        );
    }
    Ok(sandbox)
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        sandbox: SandboxArgs,
    }

    #[test]
    fn flag_defaults_are_the_config_defaults() {
        let config = Cli::parse_from(["x"]).sandbox.into_config().unwrap();
        let default = SandboxConfig::default();
        assert_eq!(config.max_messages, default.max_messages);
        assert_eq!(config.max_connections, default.max_connections);
        assert_eq!(config.header_timeout, default.header_timeout);
        assert_eq!(config.body_timeout, default.body_timeout);
        assert_eq!(config.waba_id, default.waba_id);
        assert_eq!(config.templates, default.templates);
    }

    #[test]
    fn the_waba_id_is_a_flag_and_must_be_digits() {
        let config = Cli::parse_from(["x", "--waba-id", "555"])
            .sandbox
            .into_config()
            .unwrap();
        assert_eq!(config.waba_id, "555");
        let error = Cli::parse_from(["x", "--waba-id", "waba"])
            .sandbox
            .into_config()
            .unwrap_err()
            .to_string();
        assert!(error.contains("WABA ID"), "{error}");
    }

    #[test]
    fn limits_and_timeouts_are_flags() {
        let cli = Cli::parse_from([
            "x",
            "--max-messages",
            "7",
            "--max-connections",
            "9",
            "--header-timeout",
            "2s",
            "--body-timeout",
            "1500ms",
        ]);
        let config = cli.sandbox.into_config().unwrap();
        assert_eq!(config.max_messages, 7);
        assert_eq!(config.max_connections, 9);
        assert_eq!(config.header_timeout, Duration::from_secs(2));
        assert_eq!(config.body_timeout, Duration::from_millis(1500));

        let zero = Cli::parse_from(["x", "--max-connections", "0"]);
        let error = zero.sandbox.into_config().unwrap_err().to_string();
        assert!(error.contains("max_connections"), "{error}");
    }

    #[test]
    fn account_and_number_states_are_flags() {
        let cli = Cli::parse_from([
            "x",
            "--onboarding-status",
            "ELIGIBLE",
            "--insights",
            "--number-state",
            "106540352242922:status=FLAGGED,quality=RED,tier=TIER_1K,throughput=HIGH",
            "--analytics",
            "click=0.5,delay=1s",
        ]);
        let config = cli.sandbox.into_config().unwrap();
        assert_eq!(config.onboarding_status, crate::OnboardingStatus::Eligible);
        assert!(config.insights_enabled);
        let phone = &config.phone_numbers[0];
        assert_eq!(phone.status, crate::PhoneNumberStatus::Flagged);
        assert_eq!(phone.quality_rating, crate::QualityRating::Red);
        assert_eq!(
            phone.messaging_limit_tier,
            crate::MessagingLimitTier::Tier1k
        );
        assert_eq!(phone.throughput_level, "HIGH");
        assert_eq!(config.analytics.click, 0.5);
        assert_eq!(config.analytics.delay, Duration::from_secs(1));

        for (args, expected) in [
            (
                &["x", "--number-state", "999:status=FLAGGED"][..],
                "not a served number",
            ),
            (
                &["x", "--number-state", "106540352242922:colour=RED"][..],
                "expected status",
            ),
            (
                &["x", "--number-state", "106540352242922:status=flagged"][..],
                "capitals",
            ),
            (&["x", "--onboarding-status", "onboarded"][..], "capitals"),
        ] {
            let error = Cli::parse_from(args)
                .sandbox
                .into_config()
                .unwrap_err()
                .to_string();
            assert!(error.contains(expected), "{args:?}: {error}");
        }
    }
}
