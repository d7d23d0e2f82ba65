//! `wamm templates list|show|scaffold`: an account's approved templates; and the failures of
//! the template check `send` and `campaign` run before sending.

use clap::{Args, Subcommand, ValueEnum};
use marketing::templates::{
    self, CheckedTemplate, Template, TemplateCategory, TemplateFilter, TemplateStatus,
};
use marketing::{ErrorClass, MarketingClient, TemplateCheckError, TemplatesError};
use serde_json::json;

use crate::config::{ConnectionArgs, TOKEN_VAR, WABA_VAR};
use crate::exit::{Exit, Failure};
use crate::output::{self, BOLD, DIM, Verbose, WARNING, paint};
use crate::transcript::Transcript;

pub const ABOUT: &str =
    "List an account's message templates, show one, or scaffold a message for one";

pub const EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`); its account ID is 102290129340398
  wamm templates list --waba-id 102290129340398
  wamm templates show flash_deal --lang pt_BR --waba-id 102290129340398
  wamm templates scaffold spring_sale --lang en_US --waba-id 102290129340398

The account comes from --waba-id or $WHATSAPP_BUSINESS_ACCOUNT_ID, the token from
$WHATSAPP_ACCESS_TOKEN or --token-file (it needs whatsapp_business_management); no phone
number ID is needed. With an account ID, `wamm send` and `wamm campaign run/resume` check
the message against its approved template before the first request (--no-template-check
turns that off).";

const LIST_EXAMPLES: &str = "\
Examples:
  # Every template of the account, a page at a time
  wamm templates list --waba-id 102290129340398

  # Only approved marketing templates, in one language
  wamm templates list --status APPROVED --category MARKETING --language en_US \\
      --waba-id 102290129340398

  # As JSON: an array of templates as Graph describes them
  wamm templates list --json --waba-id 102290129340398";

const SHOW_EXAMPLES: &str = "\
Examples:
  # Every language of a template, with what each takes
  wamm templates show flash_deal --waba-id 102290129340398

  # One language, as Graph describes it
  wamm templates show spring_sale --lang en_US --json --waba-id 102290129340398";

const SCAFFOLD_EXAMPLES: &str = "\
Examples:
  # A request body to fill in (each <...>) and send with `wamm send --message`
  wamm templates scaffold flash_deal --lang pt_BR --waba-id 102290129340398 > flash_deal.json

  # A campaign file with a {{column}} for each value the template takes
  wamm templates scaffold weekend_picks --lang en --format toml \\
      --waba-id 102290129340398 > weekend_picks.toml";

#[derive(Args, Debug)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    pub command: TemplatesCommand,
}

#[derive(Subcommand, Debug)]
pub enum TemplatesCommand {
    /// List the account's templates with their status and category
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Show a template: its status, category, components and the values it takes
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Print a ready-to-edit request body (or campaign file) for a template
    #[command(after_help = SCAFFOLD_EXAMPLES)]
    Scaffold(ScaffoldArgs),
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only templates in this status: APPROVED, PAUSED, DISABLED, PENDING, REJECTED, ...
    /// (comma-separated or repeated)
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only templates in this category: MARKETING, UTILITY, AUTHENTICATION (comma-separated
    /// or repeated)
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
    pub category: Vec<String>,
    /// Only templates in this language, such as en_US (comma-separated or repeated)
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub language: Vec<String>,
    /// Only templates whose name contains this text
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Templates per request (1 to 1000; Graph's default when not given)
    #[arg(long, value_name = "N")]
    pub page_size: Option<u64>,
    /// Print a JSON array of the templates as Graph describes them
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The template's name (exact)
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Only this language, such as en_US (default: every language of the template)
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Print the template as Graph describes it: an object with --lang, else an array
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Args, Debug)]
pub struct ScaffoldArgs {
    /// The template's name (exact)
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The template's language, such as en_US
    #[arg(long, value_name = "CODE")]
    pub lang: String,
    /// What to print: a request body for `wamm send --message` (json), or a campaign file
    /// for `wamm campaign run` (toml)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ScaffoldFormat::Json)]
    pub format: ScaffoldFormat,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScaffoldFormat {
    /// A request body with a "<placeholder>" for each value
    Json,
    /// A campaign file with a {{column}} for each value
    Toml,
}

pub async fn exec(args: TemplatesArgs, verbose: Verbose) -> Result<(), Failure> {
    match args.command {
        TemplatesCommand::List(args) => list(args, verbose).await,
        TemplatesCommand::Show(args) => show(args, verbose).await,
        TemplatesCommand::Scaffold(args) => scaffold(args, verbose).await,
    }
}

fn client(connection: &ConnectionArgs, verbose: Verbose) -> Result<MarketingClient, Failure> {
    connection.templates_client(Transcript::new(verbose.0))
}

async fn list(args: ListArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = client(&args.connection, verbose)?;
    let mut filter = TemplateFilter::new();
    for status in &args.status {
        filter = filter.status(open_value("--status", status, TemplateStatus::KNOWN)?);
    }
    for category in &args.category {
        filter = filter.category(open_value("--category", category, TemplateCategory::KNOWN)?);
    }
    for language in &args.language {
        filter = filter.language(language.trim());
    }
    if let Some(name) = &args.name {
        filter = filter.name(name);
    }
    if let Some(size) = args.page_size {
        if !(1..=templates::MAX_PAGE_SIZE).contains(&size) {
            return Err(Failure::usage(format!(
                "--page-size {size}: expected 1 to {}",
                templates::MAX_PAGE_SIZE
            )));
        }
        filter = filter.page_size(size);
    }
    let mut pages = client.list_templates(filter);
    let mut count = 0u64;
    let mut started = false;
    // One page in memory at a time: each is printed as it arrives.
    while let Some(page) = pages
        .next_page()
        .await
        .map_err(|e| lookup_failure(&e, &args.connection))?
    {
        if !started {
            start_list(args.json)?;
            started = true;
        }
        for template in page {
            if args.json {
                let text = serde_json::to_string(&template)
                    .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
                let separator = if count == 0 { "" } else { "," };
                output::out(format!("{separator}{text}"))?;
            } else {
                output::out(row(&template))?;
            }
            count += 1;
        }
    }
    if !started {
        start_list(args.json)?;
    }
    if args.json {
        output::out("]")?;
    } else {
        output::err(paint(
            DIM,
            format!(
                "{} ({} read) in account {}",
                output::counted(count, "template"),
                output::counted(u64::from(pages.pages_read()), "page"),
                client.waba_id().unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// The start of `list`'s output, printed once the first page has arrived (so that a failure
/// leaves no half output).
fn start_list(json: bool) -> Result<(), Failure> {
    if json {
        output::out("[")?;
    } else {
        output::out(paint(
            BOLD,
            format!(
                "{:<28} {:<8} {:<10} {:<16} {:<11} {}",
                "NAME", "LANGUAGE", "STATUS", "CATEGORY", "PARAMETERS", "ID"
            ),
        ))?;
    }
    Ok(())
}

/// One line of `list`.
fn row(template: &Template) -> String {
    let category = match &template.previous_category {
        Some(previous) if previous != template.category.as_str() => {
            format!("{} (was {previous})", template.category)
        }
        _ => template.category.to_string(),
    };
    let format = template
        .parameter_format
        .map_or("POSITIONAL".to_string(), |f| f.to_string());
    format!(
        "{:<28} {:<8} {:<10} {:<16} {:<11} {}",
        template.name,
        template.language,
        template.status.as_str(),
        category,
        format,
        template.id
    )
}

/// A value of an open enum from a flag: upper-cased; one this version does not know is
/// passed on with a warning (Meta adds values).
fn open_value<T: std::str::FromStr<Err = std::convert::Infallible>>(
    flag: &str,
    value: &str,
    known: &[&str],
) -> Result<T, Failure> {
    let value = value.trim().to_ascii_uppercase();
    if value.is_empty() {
        return Err(Failure::usage(format!(
            "{flag}: empty, expected one of {}",
            known.join(", ")
        )));
    }
    if !known.contains(&value.as_str()) {
        output::err(format!(
            "{} {flag} {value}: not a value this version of wamm knows ({}); asked for as given",
            paint(WARNING, "warning:"),
            known.join(", ")
        ));
    }
    let Ok(parsed) = value.parse();
    Ok(parsed)
}

async fn show(args: ShowArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = client(&args.connection, verbose)?;
    let found = find(&client, &args.connection, &args.name, args.lang.as_deref()).await?;
    if args.json {
        let value = match (&args.lang, found.as_slice()) {
            (Some(_), [one]) => json!(one),
            _ => json!(found),
        };
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
        output::out(text)?;
        return Ok(());
    }
    for (i, template) in found.iter().enumerate() {
        if i > 0 {
            output::out("")?;
        }
        for line in describe(template) {
            output::out(line)?;
        }
    }
    Ok(())
}

/// The templates named `name` (exactly), in `lang` when given; an error naming what the
/// account has when there is none.
async fn find(
    client: &MarketingClient,
    connection: &ConnectionArgs,
    name: &str,
    lang: Option<&str>,
) -> Result<Vec<Template>, Failure> {
    let all = client
        .templates_named(name)
        .await
        .map_err(|e| lookup_failure(&e, connection))?;
    let account = client.waba_id().unwrap_or_default();
    if all.is_empty() {
        return Err(Failure::usage(format!(
            "the account {account} has no template named {name:?}"
        ))
        .detail(format!(
            "see its templates with: wamm templates list --waba-id {account}"
        )));
    }
    let Some(lang) = lang else {
        return Ok(all);
    };
    let languages: Vec<String> = all.iter().map(|t| t.language.clone()).collect();
    let found: Vec<Template> = all.into_iter().filter(|t| t.language == lang).collect();
    if found.is_empty() {
        return Err(Failure::usage(format!(
            "--lang {lang}: template {name} is not in {lang} in the account {account}; it is in {}",
            languages.join(", ")
        )));
    }
    Ok(found)
}

/// `show`'s lines for one template.
fn describe(template: &Template) -> Vec<String> {
    let mut lines = vec![paint(
        BOLD,
        format!("{} ({})", template.name, template.language),
    )];
    let field = |name: &str, value: String| format!("  {name:<10} {value}");
    lines.push(field("id", template.id.clone()));
    lines.push(field("status", template.status.to_string()));
    let mut category = template.category.to_string();
    if let Some(previous) = &template.previous_category {
        category.push_str(&format!(" (was {previous})"));
    }
    lines.push(field("category", category));
    lines.push(field(
        "parameters",
        template
            .parameter_format
            .map_or("POSITIONAL".to_string(), |f| f.to_string()),
    ));
    components(&template.components, "  ", &mut lines);
    let scaffold = templates::scaffold(template);
    lines.push(field(
        "takes",
        if scaffold.columns().is_empty() {
            "no values".to_string()
        } else {
            scaffold.columns().join(", ")
        },
    ));
    for note in scaffold.notes() {
        lines.push(field("note", note.clone()));
    }
    let standing = sendable(template);
    lines.push(field(
        "sendable",
        if standing.is_empty() {
            "yes".to_string()
        } else {
            format!("no: {}", standing.join("; "))
        },
    ));
    lines
}

fn components(
    defined: &[marketing::types::TemplateComponentDefinition],
    indent: &str,
    lines: &mut Vec<String>,
) {
    let field = |name: &str, value: String| format!("{indent}{name:<10} {value}");
    for component in defined {
        match component.type_.to_ascii_uppercase().as_str() {
            "HEADER" => {
                let format = component.format.as_deref().unwrap_or("TEXT");
                let text = component
                    .text
                    .as_deref()
                    .map(|t| format!(": {t}"))
                    .unwrap_or_default();
                lines.push(field("header", format!("{format}{text}")));
            }
            "BODY" => lines.push(field("body", component.text.clone().unwrap_or_default())),
            "FOOTER" => lines.push(field("footer", component.text.clone().unwrap_or_default())),
            "LIMITED_TIME_OFFER" => {
                let offer = component.limited_time_offer.clone().unwrap_or_default();
                let expiry = if offer.has_expiration.unwrap_or(false) {
                    " (ends at a time each send gives)"
                } else {
                    ""
                };
                lines.push(field(
                    "offer",
                    format!("{}{expiry}", offer.text.unwrap_or_default()),
                ));
            }
            "BUTTONS" => {
                for (index, button) in component.buttons.iter().enumerate() {
                    let mut text = button.type_.clone();
                    for part in [&button.text, &button.url, &button.phone_number]
                        .into_iter()
                        .flatten()
                    {
                        text.push(' ');
                        text.push_str(part);
                    }
                    lines.push(field(&format!("button {index}"), text));
                }
            }
            "CAROUSEL" => {
                lines.push(field(
                    "carousel",
                    format!("{} cards", component.cards.len()),
                ));
                for (index, card) in component.cards.iter().enumerate() {
                    lines.push(format!("{indent}  card {index}"));
                    components(&card.components, &format!("{indent}    "), lines);
                }
            }
            other => lines.push(field(&other.to_ascii_lowercase(), String::new())),
        }
    }
}

/// Why the template cannot be sent through this endpoint (status, category); empty when it
/// can.
fn sendable(template: &Template) -> Vec<String> {
    let bare =
        json!({"template": {"name": template.name, "language": {"code": template.language}}});
    match templates::check_body(&bare, template) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .problems()
            .iter()
            .filter(|p| p.path() == "template.name")
            .map(|p| format!("{} ({})", p.message(), p.code()))
            .collect(),
    }
}

async fn scaffold(args: ScaffoldArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = client(&args.connection, verbose)?;
    let found = find(&client, &args.connection, &args.name, Some(&args.lang)).await?;
    let Some(template) = found.first() else {
        return Err(Failure::other("no template found"));
    };
    let scaffold = templates::scaffold(template);
    for problem in sendable(template) {
        output::err(format!(
            "{} {problem}: a message with it will be refused",
            paint(WARNING, "warning:")
        ));
    }
    for note in scaffold.notes() {
        output::err(format!("{} {note}", paint(WARNING, "note:")));
    }
    match args.format {
        ScaffoldFormat::Json => {
            output::out(scaffold.request_body_pretty())?;
            let mut fill = vec!["<phone>".to_string()];
            fill.extend(scaffold.columns().iter().map(|c| format!("<{c}>")));
            output::err(paint(
                DIM,
                format!(
                    "fill in {} (expiration_time_ms, latitude and longitude take a number, without quotes), then: wamm send --message FILE",
                    fill.join(", ")
                ),
            ));
        }
        ScaffoldFormat::Toml => {
            output::out(scaffold.campaign_toml().trim_end())?;
            let mut columns = vec!["phone".to_string()];
            columns.extend(scaffold.columns().iter().cloned());
            output::err(paint(
                DIM,
                format!(
                    "the recipient list needs the columns {}; then: wamm campaign run --campaign FILE --recipients LIST --journal JOURNAL",
                    columns.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// The failure to report when templates could not be read: nothing was sent.
pub fn lookup_failure(error: &TemplatesError, connection: &ConnectionArgs) -> Failure {
    let account = connection.waba_id.as_deref().unwrap_or("(none)");
    let exit = match error {
        TemplatesError::NoWabaId | TemplatesError::Config(_) => Exit::Usage,
        TemplatesError::Api(graph) if graph.class().is_account_problem() => Exit::Auth,
        TemplatesError::Api(_) => Exit::Rejected,
        _ => Exit::Failure,
    };
    let mut failure = Failure::new(
        exit,
        format!("cannot read the templates of account {account}: {error}"),
    );
    if let Some(graph) = error.graph() {
        if let Some(meaning) = graph.meaning() {
            failure = failure.detail(format!("code {}: {meaning}", graph.code()));
        }
        match graph.class() {
            ErrorClass::Auth => {
                failure = failure.detail(format!(
                    "fix the access token: {TOKEN_VAR}, or --token-file PATH"
                ));
            }
            ErrorClass::Permission | ErrorClass::Account => {
                failure = failure.detail(format!(
                    "the token needs whatsapp_business_management on the account {account} (--waba-id or {WABA_VAR})"
                ));
            }
            _ if graph.code() == 100 => {
                failure = failure.detail(format!(
                    "is {account} a WhatsApp Business Account this token can read? Check --waba-id (or {WABA_VAR})"
                ));
            }
            _ => {}
        }
        if let Some(trace) = graph.fbtrace_id() {
            failure = failure.detail(format!("fbtrace_id: {trace}"));
        }
    } else if matches!(error, TemplatesError::Connect { .. }) {
        failure = failure.detail(format!(
            "is the server (or `wamm sandbox`) running at {}? Check --base-url (or WAMM_BASE_URL)",
            marketing::redact_url(&connection.base_url)
        ));
    }
    failure
}

/// The failure to report when a message was checked against its template before sending and
/// did not pass. `source` names the message (`the message`, a file); `prefix` goes before
/// each body path (`message.` in a campaign file).
pub fn check_failure(
    error: TemplateCheckError,
    source: &str,
    prefix: &str,
    connection: &ConnectionArgs,
) -> Failure {
    let skip = "the check reads the approved template from the account (--waba-id); --no-template-check skips it";
    match error {
        TemplateCheckError::Mismatch {
            name,
            language,
            template,
            problems,
        } => {
            let count = problems.len();
            let mut failure = Failure::usage(format!(
                "{source} does not fit the approved template {name} ({language}) ({}); nothing was sent",
                output::counted(count as u64, "problem")
            ));
            for problem in problems.problems() {
                let path = if problem.path().is_empty() {
                    prefix.trim_end_matches('.').to_string()
                } else {
                    format!("{prefix}{}", problem.path())
                };
                failure = failure.detail(format!(
                    "{source}: {path}: {} (Meta: {})",
                    problem.message(),
                    problem.code()
                ));
            }
            if let Some(template) = template {
                failure = failure.detail(format!("template {}", CheckedTemplate::of(&template)));
            }
            failure.detail(skip)
        }
        TemplateCheckError::Lookup(error) => lookup_failure(&error, connection).detail(skip),
        TemplateCheckError::NotCheckable(reason) => Failure::usage(format!("{source}: {reason}"))
            .detail("pass --no-template-check to send without checking it against the template"),
        other => Failure::other(other.to_string()),
    }
}

/// Says on stderr which template the message was checked against.
pub fn report_checked(template: &Template) {
    output::err(paint(
        DIM,
        format!(
            "checked against the approved template {}",
            CheckedTemplate::of(template)
        ),
    ));
}
