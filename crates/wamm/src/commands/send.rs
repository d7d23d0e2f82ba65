//! `wamm send`: one message, from flags or from the API's JSON.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{ArgMatches, Args, FromArgMatches, ValueEnum};
use marketing::{
    BodyParam, Button, Currency, Header, Media, Message, OfferExpiry, ProductPolicy, Recipient,
    RetryPolicy, SendError, Sent, Strictness, ValidationErrors,
};
use serde_json::Value;

use crate::commands::templates;
use crate::config::ConnectionArgs;
use crate::exit::{Exit, Failure};
use crate::hints::Settings;
use crate::output::{self, BOLD, GOOD, Verbose, WARNING, paint};
use crate::transcript::Transcript;

pub const ABOUT: &str = "Send one marketing template message";

pub const EXAMPLES: &str = "\
Examples:
  # A positional template with one body value, to a sandbox (`wamm sandbox` in another
  # terminal), with its token:  export WHATSAPP_ACCESS_TOKEN=sandbox-token
  wamm send --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922 \\
      --to 447700900123 --template spring_sale --lang en_US --body Ana

  # The examples below take the sandbox's address and number from the environment too:
  #   export WAMM_BASE_URL=http://127.0.0.1:8080 WHATSAPP_PHONE_NUMBER_ID=106540352242922

  # A named template: an image header, a text and a price, a coupon and a URL button
  wamm send --to +5511987654321 --template flash_deal --lang pt_BR \\
      --header-image https://cdn.example.org/deal.jpg --body first_name=Marina \\
      --currency price=BRL:149.90 --offer-expires 2026-12-31T23:00:00Z \\
      --coupon 0=FLASH42 --button-url 1=deal42 --policy strict

  # A stored request body, addressed on the command line; check it without sending
  wamm send --message examples/messages/spring_sale.json --to 447700900123 --dry-run

  # Checked against the approved template first (the sandbox's account): two values for a
  # template that takes one are refused before anything is sent
  # exits 2
  wamm send --to 447700900123 --template spring_sale --lang en_US --body Ana --body Ben \\
      --waba-id 102290129340398

Body values (--body, --currency, --date-time) fill the template's variables in the order
given; NAME= addresses a named variable instead. With a WhatsApp Business Account ID
(--waba-id or $WHATSAPP_BUSINESS_ACCOUNT_ID) the message is checked against its approved
template before it is sent (with --dry-run too); --no-template-check skips that. The access
token comes from $WHATSAPP_ACCESS_TOKEN or --token-file, never from a flag.";

/// `wamm send`'s arguments: the flags, and the body values in command-line order.
///
/// The body values come from three flags (`--body`, `--currency`, `--date-time`), and a
/// positional template takes them in the order the user gave them across all three, which
/// separate lists cannot keep; so the order is read from clap's argument indices.
#[derive(Debug)]
pub struct SendArgs {
    pub flags: SendFlags,
    pub body: Vec<BodyValue>,
}

/// One body value as given on the command line, parsed when the message is built so that a
/// mistake is reported with its flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyValue {
    /// `--body [NAME=]TEXT`
    Text(String),
    /// `--currency [NAME=]CODE:AMOUNT[:FALLBACK]`
    Currency(String),
    /// `--date-time [NAME=]TEXT`
    DateTime(String),
}

impl BodyValue {
    fn param(&self) -> Result<BodyParam, Failure> {
        match self {
            BodyValue::Text(value) => Ok(match named(value) {
                (Some(name), text) => BodyParam::named_text(name, text),
                (None, text) => BodyParam::text(text),
            }),
            BodyValue::Currency(value) => {
                let (name, spec) = named(value);
                let currency = currency_arg(value, spec)?;
                let param = BodyParam::currency(currency);
                Ok(match name {
                    Some(name) => param.named(name),
                    None => param,
                })
            }
            BodyValue::DateTime(value) => {
                let (name, text) = named(value);
                if text.is_empty() {
                    return Err(Failure::usage(format!(
                        "--date-time {value:?}: expected [NAME=]TEXT, the date and time as the \
                         reader should see it, e.g. \"when=1 May 2026, 18:00\""
                    )));
                }
                let param = BodyParam::date_time(text);
                Ok(match name {
                    Some(name) => param.named(name),
                    None => param,
                })
            }
        }
    }
}

/// How a body flag's text is kept.
type KeepAs = fn(String) -> BodyValue;

/// The clap ids of the flags that give body values, with how each value is kept.
const BODY_FLAGS: [(&str, KeepAs); 3] = [
    ("body", BodyValue::Text),
    ("currency", BodyValue::Currency),
    ("date_time", BodyValue::DateTime),
];

fn body_in_order(matches: &ArgMatches) -> Vec<BodyValue> {
    let mut values: Vec<(usize, BodyValue)> = Vec::new();
    for (id, kind) in BODY_FLAGS {
        if let (Some(indices), Some(texts)) =
            (matches.indices_of(id), matches.get_many::<String>(id))
        {
            values.extend(indices.zip(texts).map(|(i, text)| (i, kind(text.clone()))));
        }
    }
    values.sort_by_key(|(index, _)| *index);
    values.into_iter().map(|(_, value)| value).collect()
}

impl FromArgMatches for SendArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(Self {
            flags: SendFlags::from_arg_matches(matches)?,
            body: body_in_order(matches),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.flags.update_from_arg_matches(matches)?;
        self.body = body_in_order(matches);
        Ok(())
    }
}

impl Args for SendArgs {
    fn augment_args(command: clap::Command) -> clap::Command {
        SendFlags::augment_args(command)
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        SendFlags::augment_args_for_update(command)
    }
}

#[derive(Args, Debug)]
pub struct SendFlags {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The request body in the API's JSON (`-` for stdin) instead of building it from flags
    #[arg(long, value_name = "FILE", conflicts_with_all = ["template", "lang"])]
    pub message: Option<PathBuf>,

    /// Recipient phone number, E.164 digits with an optional leading +
    #[arg(long, value_name = "PHONE", conflicts_with = "recipient")]
    pub to: Option<String>,

    /// Recipient by business-scoped user ID (BSUID), e.g. BR.4408812399120045
    #[arg(long, value_name = "BSUID")]
    pub recipient: Option<String>,

    /// Template name
    #[arg(long, value_name = "NAME", required_unless_present = "message")]
    pub template: Option<String>,

    /// Template language code, e.g. en_US
    #[arg(long, value_name = "CODE", required_unless_present = "message")]
    pub lang: Option<String>,

    /// A body text value, in order; `name=value` for templates with named variables
    /// (repeatable)
    #[arg(long = "body", value_name = "VALUE")]
    pub body: Vec<String>,

    /// A body currency value: ISO 4217 code and amount (sent as amount_1000), with the text
    /// shown where the amount cannot be localised (default "AMOUNT CODE"), e.g.
    /// price=USD:12.99 or "price=BRL:149.90:R$ 149,90" (repeatable, in order with --body)
    #[arg(long, value_name = "[NAME=]CODE:AMOUNT[:FALLBACK]")]
    pub currency: Vec<String>,

    /// A body date-time value, the text shown to the reader, e.g. "when=1 May 2026, 18:00"
    /// (repeatable, in order with --body)
    #[arg(long, value_name = "[NAME=]TEXT")]
    pub date_time: Vec<String>,

    /// Header text
    #[arg(long, value_name = "TEXT", group = "header")]
    pub header_text: Option<String>,

    /// Header image: an http(s) link or a media ID
    #[arg(long, value_name = "LINK|ID", group = "header")]
    pub header_image: Option<String>,

    /// Header video: an http(s) link or a media ID
    #[arg(long, value_name = "LINK|ID", group = "header")]
    pub header_video: Option<String>,

    /// Header document (PDF): an http(s) link or a media ID
    #[arg(long, value_name = "LINK|ID", group = "header")]
    pub header_document: Option<String>,

    /// File name shown for --header-document
    #[arg(long, value_name = "NAME", requires = "header_document")]
    pub header_filename: Option<String>,

    /// A URL button's suffix, as INDEX=SUFFIX (repeatable)
    #[arg(long, value_name = "INDEX=SUFFIX")]
    pub button_url: Vec<String>,

    /// A quick-reply button's payload, as INDEX=PAYLOAD (repeatable)
    #[arg(long, value_name = "INDEX=PAYLOAD")]
    pub button_quick_reply: Vec<String>,

    /// A copy-code button's coupon, as [INDEX=]CODE (index 0 when omitted)
    #[arg(long, value_name = "[INDEX=]CODE")]
    pub coupon: Option<String>,

    /// When a limited-time offer ends: RFC 3339 (2026-12-01T18:00:00Z) or Unix milliseconds
    #[arg(long, value_name = "TIME")]
    pub offer_expires: Option<String>,

    /// What Meta does if the business cannot use Marketing Messages Lite (default: Meta's, fallback)
    #[arg(long, value_enum, value_name = "POLICY")]
    pub policy: Option<PolicyArg>,

    /// Share activity on this message with Meta (default: the account's setting)
    #[arg(long, value_name = "BOOL")]
    pub activity_sharing: Option<bool>,

    /// Validate and print the exact JSON that would be sent; send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not check the message against its approved template before sending (the check
    /// runs when a WhatsApp Business Account ID is known: --waba-id)
    #[arg(long)]
    pub no_template_check: bool,

    /// Print the API's response body exactly as received instead of a summary
    #[arg(long)]
    pub json: bool,

    /// Send fields openapi.yaml does not describe (top level and `template` only), with a
    /// warning for each, instead of refusing them. For a field Meta added after this version
    /// of wamm; a misspelt field is sent too, so check the warnings
    #[arg(long)]
    pub allow_unknown_fields: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PolicyArg {
    /// Never fall back to the Cloud API: refuse instead
    Strict,
    /// Fall back to the Cloud API when MM Lite cannot be used
    Fallback,
}

impl From<PolicyArg> for ProductPolicy {
    fn from(arg: PolicyArg) -> Self {
        match arg {
            PolicyArg::Strict => ProductPolicy::Strict,
            PolicyArg::Fallback => ProductPolicy::CloudApiFallback,
        }
    }
}

pub async fn exec(args: SendArgs, verbose: Verbose) -> Result<(), Failure> {
    let message = build_message(&args.flags, &args.body)?;
    let args = args.flags;
    // The hooks of the generated client see the request as sent and the answer as received:
    // `-v` prints them, `--json` prints the body that arrived.
    let transcript = Transcript::new(verbose.0);
    // Built first, so that a missing setting is reported before any request.
    let client = if args.dry_run {
        None
    } else {
        Some(
            args.connection
                .observed_client(RetryPolicy::none(), transcript.clone())?,
        )
    };
    let checked = args.connection.waba_id.is_some() && !args.no_template_check;
    if checked {
        // A transcript of its own, so that `--json` never prints the template lookup's body.
        let checker = args.connection.templates_client(verbose)?;
        match checker.check_template(&message).await {
            Ok(template) => templates::report_checked(&template),
            Err(error) => {
                let source = match &args.message {
                    Some(path) if path.as_os_str() == "-" => "<stdin>".to_string(),
                    Some(path) => path.display().to_string(),
                    None => "the message".to_string(),
                };
                return Err(templates::check_failure(
                    error,
                    &source,
                    "",
                    &args.connection,
                ));
            }
        }
    }
    let Some(client) = client else {
        output::out(message.to_json_pretty())?;
        output::err(paint(
            output::DIM,
            if checked {
                "dry run: validated and checked against the approved template, nothing sent"
            } else {
                "dry run: validated, nothing sent"
            },
        ));
        return Ok(());
    };
    for warning in message.warnings() {
        output::err(format!(
            "{} {warning} (sent as given: --allow-unknown-fields)",
            paint(WARNING, "warning:")
        ));
    }
    let result = client.send(&message).await;
    if args.json
        && let Some(body) = transcript.last_response_body()
    {
        output::out(String::from_utf8_lossy(&body))?;
    }
    match result {
        Ok(sent) => {
            if !args.json {
                output::out(summary(&sent, &message.recipient()))?;
            }
            Ok(())
        }
        Err(error) => {
            let mut failure = describe_send_error(&error);
            for hint in Settings::of(&args.connection).for_send_error(&error) {
                failure = failure.detail(hint);
            }
            Err(failure)
        }
    }
}

/// One line for people: what was created, for whom, and its status.
pub fn summary(sent: &Sent, recipient: &Recipient) -> String {
    let status = sent
        .status
        .as_ref()
        .map_or("created (no status given)".to_string(), |s| s.to_string());
    let contact = sent
        .wa_id
        .as_deref()
        .map(|id| format!(" (wa_id {id})"))
        .or_else(|| sent.user_id.as_deref().map(|id| format!(" (user_id {id})")))
        .unwrap_or_default();
    format!(
        "{} {} to {recipient}{contact}: {}",
        paint(GOOD, "sent"),
        paint(BOLD, &sent.message_id),
        status
    )
}

/// The failure to report for a send error: the code, what it means, what to do, the trace ID.
pub fn describe_send_error(error: &SendError) -> Failure {
    let exit = Exit::of_send_error(error);
    let headline = match exit {
        Exit::Unknown => "outcome unknown, the message may have been sent",
        Exit::Auth => "not sent: authentication or permission problem",
        Exit::Rejected => "not sent: rejected by the API",
        _ => "not sent",
    };
    let mut failure = Failure::new(exit, format!("{headline}: {error}"));
    if let Some(graph) = error.graph() {
        if let Some(meaning) = graph.meaning() {
            failure = failure.detail(format!("code {}: {meaning}", graph.code()));
        }
        failure = failure.detail(format!("what to do: {}", graph.class().advice()));
        if let Some(trace) = graph.fbtrace_id() {
            failure = failure.detail(format!("fbtrace_id: {trace}"));
        }
    } else if exit == Exit::Unknown {
        failure = failure.detail(
            "what to do: check whether the user received it (status webhooks) before sending again",
        );
    }
    failure
}

fn build_message(args: &SendFlags, body: &[BodyValue]) -> Result<Message, Failure> {
    let recipient = match (&args.to, &args.recipient) {
        (Some(to), _) => Some(Recipient::phone(to)),
        (None, Some(id)) => Some(Recipient::bsuid(id)),
        (None, None) => None,
    };
    if let Some(path) = &args.message {
        return message_from_file(path, recipient, strictness(args.allow_unknown_fields));
    }
    let (Some(template), Some(lang)) = (&args.template, &args.lang) else {
        return Err(Failure::usage(
            "--template and --lang are required without --message",
        ));
    };
    let Some(recipient) = recipient else {
        return Err(Failure::usage(
            "no recipient: pass --to PHONE or --recipient BSUID",
        ));
    };
    let mut builder = Message::builder(template, lang).recipient(recipient);
    if args.allow_unknown_fields {
        builder = builder.allow_unknown_fields();
    }
    for value in body {
        builder = builder.body_param(value.param()?);
    }
    if let Some(text) = &args.header_text {
        builder = builder.header(Header::text(text));
    } else if let Some(media) = &args.header_image {
        builder = builder.header(Header::image(media_arg(media)));
    } else if let Some(media) = &args.header_video {
        builder = builder.header(Header::video(media_arg(media)));
    } else if let Some(media) = &args.header_document {
        builder = builder.header(Header::document(
            media_arg(media),
            args.header_filename.as_deref(),
        ));
    }
    for spec in &args.button_url {
        let (index, suffix) = indexed("--button-url", spec, None)?;
        builder = builder.button(Button::url(index, suffix));
    }
    for spec in &args.button_quick_reply {
        let (index, payload) = indexed("--button-quick-reply", spec, None)?;
        builder = builder.button(Button::quick_reply(index, payload));
    }
    if let Some(spec) = &args.coupon {
        let (index, code) = indexed("--coupon", spec, Some(0))?;
        builder = builder.button(Button::copy_code(index, code));
    }
    if let Some(when) = &args.offer_expires {
        builder = builder.limited_time_offer(offer_expiry(when)?);
    }
    if let Some(policy) = args.policy {
        builder = builder.product_policy(policy.into());
    }
    if let Some(share) = args.activity_sharing {
        builder = builder.message_activity_sharing(share);
    }
    builder
        .build()
        .map_err(|errors| invalid("the message", &errors))
}

/// Reads a request body from `path` (`-` for stdin), addressed to `recipient` when given.
pub fn message_from_file(
    path: &Path,
    recipient: Option<Recipient>,
    strictness: Strictness,
) -> Result<Message, Failure> {
    let (name, text) = read_input(path)?;
    let mut value: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::usage(format!("{name}: not valid JSON: {e}")))?;
    if let (Some(recipient), Some(map)) = (recipient, value.as_object_mut()) {
        map.remove("to");
        map.remove("recipient");
        let (key, address) = match recipient {
            Recipient::Phone(to) => ("to", to),
            Recipient::Bsuid(id) => ("recipient", id),
        };
        map.insert(key.to_string(), Value::String(address));
    }
    Message::from_value_with(value, strictness).map_err(|errors| invalid(&name, &errors))
}

/// What `--allow-unknown-fields` asks for.
pub fn strictness(allow_unknown_fields: bool) -> Strictness {
    if allow_unknown_fields {
        Strictness::AllowUnknownFields
    } else {
        Strictness::RefuseUnknownFields
    }
}

/// Reads a file, or stdin for `-`; returns a name for messages and the text.
pub fn read_input(path: &Path) -> Result<(String, String), Failure> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::other(format!("cannot read stdin: {e}")))?;
        return Ok(("<stdin>".to_string(), text));
    }
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    Ok((name, text))
}

/// A validation failure listing every problem as `SOURCE: path: problem`.
pub fn invalid(source: &str, errors: &ValidationErrors) -> Failure {
    let mut failure = Failure::usage(format!(
        "{source} is not valid ({}); nothing was sent",
        output::counted(errors.len() as u64, "problem")
    ));
    for problem in errors.problems() {
        failure = failure.detail(format!("{source}: {problem}"));
    }
    failure
}

/// `name=value` is a named value when `name` looks like a variable name; anything else is
/// positional.
fn named(value: &str) -> (Option<&str>, &str) {
    match value.split_once('=') {
        Some((name, rest)) if marketing::is_parameter_name(name) => (Some(name), rest),
        _ => (None, value),
    }
}

/// Parses `CODE:AMOUNT[:FALLBACK]` (`value` is the whole flag value, for messages).
fn currency_arg(value: &str, spec: &str) -> Result<Currency, Failure> {
    let mut parts = spec.splitn(3, ':');
    let (Some(code), Some(amount)) = (parts.next(), parts.next()) else {
        return Err(Failure::usage(format!(
            "--currency {value:?}: expected [NAME=]CODE:AMOUNT[:FALLBACK], e.g. price=USD:12.99"
        )));
    };
    let Some(amount_1000) = amount_1000(amount) else {
        return Err(Failure::usage(format!(
            "--currency {value:?}: the amount {amount:?} is not a number of at least 0 with at \
             most 3 decimals, written with a point, e.g. 12.99"
        )));
    };
    let fallback = match parts.next() {
        Some(text) => text.to_string(),
        None => format!("{amount} {code}"),
    };
    Ok(Currency::new(fallback, code, amount_1000))
}

/// A decimal amount (`12`, `12.5`, `12.99`, `0.125`) times 1000, computed on the digits so
/// that no binary fraction rounds it; `None` for anything else or an overflow.
fn amount_1000(amount: &str) -> Option<i64> {
    let (whole, fraction) = match amount.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (amount, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || fraction.len() > 3 || !digits(fraction) {
        return None;
    }
    let thousandths: i64 = format!("{fraction:0<3}").parse().ok()?;
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(1000)?
        .checked_add(thousandths)
}

fn media_arg(value: &str) -> Media {
    if value.contains("://") {
        Media::link(value)
    } else {
        Media::id(value)
    }
}

/// Parses `INDEX=VALUE` (or just `VALUE` when a default index is given).
fn indexed(flag: &str, spec: &str, default: Option<u8>) -> Result<(u8, String), Failure> {
    if let Some((index, value)) = spec.split_once('=')
        && let Ok(index) = index.parse::<u8>()
    {
        return Ok((index, value.to_string()));
    }
    match default {
        Some(index) => Ok((index, spec.to_string())),
        None => Err(Failure::usage(format!(
            "{flag} {spec:?}: expected INDEX=VALUE with the button's index 0-9, e.g. 1=deal42"
        ))),
    }
}

fn offer_expiry(when: &str) -> Result<OfferExpiry, Failure> {
    if let Ok(millis) = when.parse::<i64>() {
        return Ok(OfferExpiry::from_unix_millis(millis));
    }
    humantime::parse_rfc3339_weak(when)
        .map(|t: SystemTime| OfferExpiry::from(t))
        .map_err(|e| {
            Failure::usage(format!(
                "--offer-expires {when:?}: {e}; expected RFC 3339 (2026-12-01T18:00:00Z) or Unix milliseconds"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_converted_on_their_digits() {
        assert_eq!(amount_1000("12.99"), Some(12_990));
        assert_eq!(amount_1000("149.90"), Some(149_900));
        assert_eq!(amount_1000("0.125"), Some(125));
        assert_eq!(amount_1000("7"), Some(7_000));
        assert_eq!(amount_1000("1.1"), Some(1_100));
        assert_eq!(amount_1000("9223372036854775.807"), Some(i64::MAX));
        for bad in [
            "",
            "12.",
            ".5",
            "1.2345",
            "-1",
            "1,50",
            "1e3",
            "12.9x",
            "9223372036854776",
        ] {
            assert_eq!(amount_1000(bad), None, "{bad}");
        }
    }

    #[test]
    fn currency_flags_name_the_flag_when_wrong() {
        let currency = |v: &str| BodyValue::Currency(v.to_string()).param();
        assert!(currency("price=USD:12.99").is_ok());
        let failure = currency("price=USD").unwrap_err();
        assert!(
            failure
                .message
                .starts_with("--currency \"price=USD\": expected"),
            "{}",
            failure.message
        );
        let failure = currency("price=USD:12,99").unwrap_err();
        assert!(
            failure.message.contains("the amount \"12,99\""),
            "{}",
            failure.message
        );
        let failure = BodyValue::DateTime("when=".into()).param().unwrap_err();
        assert!(
            failure.message.starts_with("--date-time \"when=\""),
            "{}",
            failure.message
        );
    }

    #[test]
    fn body_values_keep_their_command_line_order_across_flags() {
        use clap::Parser;

        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            send: SendArgs,
        }
        let cli = Cli::parse_from([
            "wamm",
            "--template",
            "t",
            "--lang",
            "en",
            "--date-time",
            "May 1",
            "--body",
            "Ana",
            "--currency",
            "USD:1.5",
            "--body",
            "Ben",
        ]);
        assert_eq!(
            cli.send.body,
            [
                BodyValue::DateTime("May 1".into()),
                BodyValue::Text("Ana".into()),
                BodyValue::Currency("USD:1.5".into()),
                BodyValue::Text("Ben".into()),
            ]
        );
    }
}
