//! Where to send and with which credentials: flags over environment variables.
//!
//! The token is read only from `WHATSAPP_ACCESS_TOKEN` or a file (`--token-file`): a flag would
//! put it on the command line, where `ps` shows it to every user of the machine.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use marketing::{AccessToken, MarketingClient, MarketingClientBuilder, Observer, RetryPolicy};

use crate::exit::Failure;
use crate::output::{self, Verbose, WARNING, paint};
use crate::transcript::Transcript;

pub const TOKEN_VAR: &str = "WHATSAPP_ACCESS_TOKEN";

pub const WABA_VAR: &str = "WHATSAPP_BUSINESS_ACCOUNT_ID";

/// Connection flags shared by every command that talks to the API.
#[derive(Args, Debug, Clone)]
pub struct ConnectionArgs {
    /// The business phone number's ID (digits, not the phone number)
    #[arg(long, env = "WHATSAPP_PHONE_NUMBER_ID", value_name = "ID")]
    pub phone_number_id: Option<String>,

    /// The WhatsApp Business Account's ID (digits): where the approved templates are read
    /// from. With it, messages are checked against their template before anything is sent
    #[arg(long, env = WABA_VAR, value_name = "ID")]
    pub waba_id: Option<String>,

    /// Graph API version
    #[arg(long, env = "WHATSAPP_API_VERSION", value_name = "VERSION", default_value = marketing::DEFAULT_API_VERSION)]
    pub api_version: String,

    /// Where to send: Meta's Graph API, a `wamm sandbox`, or a proxy
    #[arg(long, env = "WAMM_BASE_URL", value_name = "URL", default_value = marketing::GRAPH_BASE_URL)]
    pub base_url: String,

    /// Read the access token from this file instead of $WHATSAPP_ACCESS_TOKEN
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// Give up on a request after this long (the outcome is then unknown)
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,

    /// Allow a plain http:// --base-url to a host other than this machine (the token would
    /// travel unencrypted)
    #[arg(long)]
    pub allow_insecure_http: bool,

    /// Trust this certificate authority (PEM) besides the system's roots: for `wamm sandbox
    /// --tls` (it prints its CA's path) or a proxy whose certificate a private CA signed
    #[arg(long, env = CA_CERT_VAR, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// The HTTP version to speak: auto (what the TLS handshake agrees: HTTP/2 with Graph;
    /// HTTP/1.1 over plain http), 1.1, or 2
    #[arg(
        long = "http",
        env = "WAMM_HTTP",
        value_name = "VERSION",
        default_value = "auto"
    )]
    pub http_version: marketing::HttpVersion,
}

/// The variable `--ca-cert` may come from.
pub const CA_CERT_VAR: &str = "WAMM_CA_CERT";

/// The hint for a server certificate the client refused.
pub fn untrusted_certificate_hint() -> String {
    format!(
        "the server's certificate is not signed by a trusted authority: pass --ca-cert FILE (or set {CA_CERT_VAR}) with the CA that signed it (`wamm sandbox --tls` prints its path)"
    )
}

impl ConnectionArgs {
    /// The access token, from the file or the environment.
    pub fn token(&self) -> Result<AccessToken, Failure> {
        let token = match &self.token_file {
            Some(path) => std::fs::read_to_string(path)
                .map(AccessToken::new)
                .map_err(|e| {
                    Failure::usage(format!("cannot read --token-file {}: {e}", path.display()))
                })?,
            None => match std::env::var(TOKEN_VAR) {
                Ok(value) => AccessToken::new(value),
                Err(_) => {
                    return Err(Failure::usage(format!(
                        "no access token: set {TOKEN_VAR} or pass --token-file PATH"
                    )));
                }
            },
        };
        if token.is_empty() {
            return Err(Failure::usage(match &self.token_file {
                Some(path) => format!("--token-file {} is empty", path.display()),
                None => format!("{TOKEN_VAR} is empty"),
            }));
        }
        Ok(token)
    }

    pub fn phone_number_id(&self) -> Result<&str, Failure> {
        self.phone_number_id.as_deref().ok_or_else(|| {
            Failure::usage(
                "no phone number ID: pass --phone-number-id or set WHATSAPP_PHONE_NUMBER_ID",
            )
        })
    }

    /// A client built from these settings.
    pub fn client(&self, retry: RetryPolicy) -> Result<MarketingClient, Failure> {
        build(self.builder(retry)?)
    }

    /// The WhatsApp Business Account ID, required.
    pub fn waba_id(&self) -> Result<&str, Failure> {
        self.waba_id.as_deref().ok_or_else(|| {
            Failure::usage(format!(
                "no WhatsApp Business Account ID: pass --waba-id or set {WABA_VAR}"
            ))
        })
    }

    /// A client for the account (its templates, numbers and insights; no phone number ID
    /// needed), whose exchanges `-v` logs.
    pub fn templates_client(&self, verbose: Verbose) -> Result<MarketingClient, Failure> {
        let token = self.token()?;
        let builder = self.configure(MarketingClient::for_account(self.waba_id()?, token))?;
        build(builder.observer(Transcript::new(verbose.0)))
    }

    /// A client whose exchanges `observer` sees (for `-v` and for `--json`).
    pub fn observed_client(
        &self,
        retry: RetryPolicy,
        observer: Arc<dyn Observer>,
    ) -> Result<MarketingClient, Failure> {
        build(self.builder(retry)?.observer(observer))
    }

    fn builder(&self, retry: RetryPolicy) -> Result<MarketingClientBuilder, Failure> {
        let token = self.token()?;
        let builder = self
            .configure(MarketingClient::builder(self.phone_number_id()?, token))?
            .retry_policy(retry);
        Ok(match &self.waba_id {
            Some(id) => builder.waba_id(id),
            None => builder,
        })
    }
}

fn build(builder: MarketingClientBuilder) -> Result<MarketingClient, Failure> {
    match builder.build() {
        Ok(client) => {
            if client.is_insecure() {
                output::err(format!(
                    "{} sending over plain http to {}: the access token travels unencrypted (--allow-insecure-http)",
                    paint(WARNING, "warning:"),
                    client.base_url()
                ));
            }
            Ok(client)
        }
        Err(marketing::BuildError::InsecureHttp(url)) => Err(Failure::usage(format!(
            "--base-url {url} is plain http to a host that is not this machine: the access token would travel unencrypted"
        ))
        .detail("use https://, or pass --allow-insecure-http if this network is trusted")),
        Err(marketing::BuildError::WabaId(id)) => Err(Failure::usage(format!(
            "--waba-id {id:?} (or {WABA_VAR}): expected the digits of the WhatsApp Business Account's ID"
        ))),
        Err(marketing::BuildError::CaCertificate(why)) => Err(Failure::usage(format!(
            "--ca-cert (or {CA_CERT_VAR}): {why}"
        ))),
        Err(e) => Err(Failure::usage(e.to_string())),
    }
}

impl ConnectionArgs {
    /// What every client takes from these settings, on a client being built: where to send,
    /// the API version, the timeout, whether plain http may leave the machine, the HTTP
    /// version and the CA to trust.
    fn configure(
        &self,
        builder: MarketingClientBuilder,
    ) -> Result<MarketingClientBuilder, Failure> {
        let builder = builder
            .base_url(&self.base_url)
            .api_version(&self.api_version)
            .timeout(self.timeout)
            .allow_insecure_http(self.allow_insecure_http)
            .http_version(self.http_version);
        let Some(path) = &self.ca_cert else {
            return Ok(builder);
        };
        let pem = std::fs::read(path).map_err(|e| {
            Failure::usage(format!("cannot read --ca-cert {}: {e}", path.display()))
        })?;
        Ok(builder.ca_certificate_pem(pem))
    }
}
