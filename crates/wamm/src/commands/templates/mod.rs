//! `wamm templates list|show|scaffold`: an account's approved templates; and the failures of
//! the template check `send` and `campaign` run before sending; templates as code. Split by
//! job: `list.rs` reads the account (list, show, scaffold), `files.rs` checks and pulls
//! template files, `apply.rs` plans and applies them.

mod apply;
mod files;
mod list;

use clap::{Args, Subcommand, ValueEnum};
use marketing::templates::{CheckedTemplate, Template};
use marketing::{TemplateCheckError, TemplatesError};

use crate::config::{ConnectionArgs, WABA_VAR};
use crate::exit::{Exit, Failure};
use crate::hints::{account_access_hint, server_hint};
use crate::output::{self, DIM, Verbose, paint};

pub const ABOUT: &str = "List an account's message templates, show one, or scaffold a message for one; keep templates as files (check, pull, plan, apply)";

pub const EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`); its account ID is 102290129340398
  wamm templates list --waba-id 102290129340398
  wamm templates show flash_deal --lang pt_BR --waba-id 102290129340398
  wamm templates scaffold spring_sale --lang en_US --waba-id 102290129340398

  # Templates as code: one TOML file per template and language
  wamm templates check examples/templates
  wamm templates plan examples/templates --waba-id 102290129340398

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
    /// Check a folder of template files offline against Meta's authoring rules
    #[command(after_help = files::CHECK_EXAMPLES)]
    Check(files::CheckArgs),
    /// Write the account's marketing templates as files, one per template and language
    #[command(after_help = files::PULL_EXAMPLES)]
    Pull(files::PullArgs),
    /// Show what applying a folder of template files would create, update or refuse
    #[command(after_help = apply::PLAN_EXAMPLES)]
    Plan(apply::PlanArgs),
    /// Create and edit the account's templates to match a folder of files, as planned
    #[command(after_help = apply::APPLY_EXAMPLES)]
    Apply(apply::ApplyArgs),
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
        TemplatesCommand::List(args) => list::list(args, verbose).await,
        TemplatesCommand::Show(args) => list::show(args, verbose).await,
        TemplatesCommand::Scaffold(args) => list::scaffold(args, verbose).await,
        TemplatesCommand::Check(args) => files::check(args),
        TemplatesCommand::Pull(args) => files::pull(args, verbose).await,
        TemplatesCommand::Plan(args) => apply::plan(args, verbose).await,
        TemplatesCommand::Apply(args) => apply::apply(args, verbose).await,
    }
}

/// The failure to report when templates could not be read: nothing was sent.
pub fn lookup_failure(error: &TemplatesError, connection: &ConnectionArgs) -> Failure {
    let account = connection.waba_id.as_deref().unwrap_or("(none)");
    let mut failure = Failure::new(
        Exit::of_templates_error(error),
        format!("cannot read the templates of account {account}: {error}"),
    );
    if let Some(graph) = error.graph() {
        if let Some(meaning) = graph.meaning() {
            failure = failure.detail(format!("code {}: {meaning}", graph.code()));
        }
        if let Some(hint) = account_access_hint(graph.class(), account) {
            failure = failure.detail(hint);
        } else if graph.code() == 100 {
            failure = failure.detail(format!(
                "is {account} a WhatsApp Business Account this token can read? Check --waba-id (or {WABA_VAR})"
            ));
        }
        if let Some(trace) = graph.fbtrace_id() {
            failure = failure.detail(format!("fbtrace_id: {trace}"));
        }
    } else if matches!(error, TemplatesError::Connect { .. }) {
        failure = failure.detail(server_hint(&marketing::redact_url(&connection.base_url)));
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
