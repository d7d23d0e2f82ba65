//! `wamm insights`: Meta's own figures for templates (sent, delivered, read, clicked, cost,
//! conversions) per UTC day, as a table, JSON or CSV; and turning them on for an account.

use clap::{Args, ValueEnum};
use marketing::MarketingClient;
use marketing::insights::{
    Day, Figures, Insights, InsightsError, InsightsQuery, LOOKBACK_DAYS, MAX_TEMPLATES_PER_REQUEST,
    Period, Product, TemplateSelector,
};

use crate::commands::templates::lookup_failure;
use crate::config::{ConnectionArgs, WABA_VAR};
use crate::exit::{Exit, Failure};
use crate::output::{self, BOLD, DIM, GOOD, Verbose, WARNING, paint};

pub const ABOUT: &str =
    "Meta's figures for templates: sent, delivered, read, clicked, cost and conversions per day";

pub const EXAMPLES: &str = "\
Examples:
  # Once per account: turn template insights on (Meta collects figures from then on)
  wamm insights --enable --waba-id 102290129340398

  # The last 7 days of a template in one language, then of every language of another
  wamm insights --template spring_sale:en_US --since 7d --waba-id 102290129340398
  wamm insights --template flash_deal --since 2d --until today --json --waba-id 102290129340398

  # By template ID, as CSV, counting the sends a fallback routed through the Cloud API
  wamm insights --template-id 1402280517413391 --since yesterday --csv --product cloud-api \\
      --waba-id 102290129340398

Days are UTC: YYYY-MM-DD, today, yesterday, or Nd (N days before today). Meta serves figures
for at most 90 days back and takes at most 10 templates per request: more are asked for in
several requests. A day's figures appear with a delay. The account comes from --waba-id or
$WHATSAPP_BUSINESS_ACCOUNT_ID, the token from $WHATSAPP_ACCESS_TOKEN or --token-file (it
needs whatsapp_business_management). For a campaign's own templates and days, beside its
journal's funnel: `wamm campaign report --insights`.";

#[derive(Args, Debug)]
pub struct InsightsArgs {
    /// A template by name, in every language it has, or NAME:LANG for one (comma-separated or
    /// repeated)
    #[arg(long, value_name = "NAME[:LANG]", value_delimiter = ',')]
    pub template: Vec<String>,
    /// A template by ID, as `wamm templates list` shows it (comma-separated or repeated)
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub template_id: Vec<String>,
    /// The first day (UTC): YYYY-MM-DD, today, yesterday or Nd (N days before today); at most
    /// 90 days back
    #[arg(long, value_name = "DAY", required_unless_present = "enable")]
    pub since: Option<String>,
    /// The last day (UTC), included
    #[arg(long, value_name = "DAY", default_value = "today")]
    pub until: String,
    /// Which sends to count: those through the Marketing Messages Lite API, or those a
    /// CLOUD_API_FALLBACK campaign routed through the Cloud API
    #[arg(long, value_enum, value_name = "ROUTE", default_value_t = Route::MmLite)]
    pub product: Route,
    /// Print the figures as JSON: per day and template, per template and in all
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the figures as CSV: one line per day and template, then a total line per
    /// template
    #[arg(long)]
    pub csv: bool,
    /// Turn template insights on for the account first (once; Meta collects figures from
    /// then on, and they cannot be turned off through the API)
    #[arg(long)]
    pub enable: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// `--product`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Route {
    /// Sent through the Marketing Messages Lite API (MARKETING_MESSAGES_LITE_API)
    MmLite,
    /// Sent through the Cloud API (CLOUD_API), such as a fallback campaign's
    CloudApi,
}

impl From<Route> for Product {
    fn from(route: Route) -> Self {
        match route {
            Route::MmLite => Product::MarketingMessagesLite,
            Route::CloudApi => Product::CloudApi,
        }
    }
}

pub async fn exec(args: InsightsArgs, verbose: Verbose) -> Result<(), Failure> {
    // Everything the flags say is checked before the first request.
    let query = match &args.since {
        Some(since) => Some(query(&args, since)?),
        None => None,
    };
    if query.is_none() && (!args.template.is_empty() || !args.template_id.is_empty()) {
        return Err(Failure::usage(
            "--since is needed with --template or --template-id: the first day of the period",
        ));
    }
    let client = args.connection.templates_client(verbose)?;
    if args.enable {
        enable(&client, &args.connection).await?;
    }
    let Some(query) = query else {
        return Ok(());
    };
    let insights = client
        .template_insights(&query)
        .await
        .map_err(|e| failure(e, &args.connection))?;
    if insights.batches > 1 {
        output::err(paint(
            DIM,
            format!(
                "{} templates: asked in {} requests of at most {MAX_TEMPLATES_PER_REQUEST} (Meta's limit per request)",
                insights.templates.len(),
                insights.batches
            ),
        ));
    }
    if args.json {
        output::out_json(&insights)?;
    } else if args.csv {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        match insights.write_csv(&mut out).and_then(|()| out.flush()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(e.into()),
        }
    } else {
        print_table(&insights)?;
    }
    if !insights.has_figures() {
        output::err(no_figures_yet(&insights));
    }
    Ok(())
}

/// The query the flags describe, checked.
fn query(args: &InsightsArgs, since: &str) -> Result<InsightsQuery, Failure> {
    let today = Day::today();
    let day = |flag: &str, text: &str| {
        Day::parse_from(text, today).map_err(|e| Failure::usage(format!("{flag}: {e}")))
    };
    let period = Period::new(day("--since", since)?, day("--until", &args.until)?)
        .map_err(|e| Failure::usage(format!("--since/--until: {e}")))?;
    let mut query = InsightsQuery::new(period).product(args.product.into());
    for template in &args.template {
        query = query.template(TemplateSelector::parse(template));
    }
    for id in &args.template_id {
        query = query.template(TemplateSelector::id(id.trim()));
    }
    if query.templates().is_empty() {
        return Err(Failure::usage(
            "no template: give --template NAME[:LANG] or --template-id ID (see `wamm templates list`)",
        ));
    }
    query.check().map_err(|e| Failure::usage(e.to_string()))?;
    Ok(query)
}

/// `--enable`: turns insights on, saying whether anything changed.
async fn enable(client: &MarketingClient, connection: &ConnectionArgs) -> Result<(), Failure> {
    let account = client.waba_id().unwrap_or_default().to_string();
    let before = client
        .insights_enabled()
        .await
        .map_err(|e| failure(e, connection))?;
    if before == Some(true) {
        output::err(format!(
            "template insights are already on for account {account}: nothing changed"
        ));
        return Ok(());
    }
    client
        .enable_insights()
        .await
        .map_err(|e| failure(e, connection))?;
    output::err(format!(
        "{} turned template insights on for account {account} (POST is_enabled_for_insights=true): Meta collects figures from now on, not for days before; the API cannot turn them off again",
        paint(GOOD, "done:")
    ));
    Ok(())
}

/// What to say when Meta reported nothing for the period.
pub fn no_figures_yet(insights: &Insights) -> String {
    format!(
        "{} Meta reported no figures for {} ({} UTC, {}): a day's figures appear with a delay (check again later), and only for days after insights were turned on and on which these templates were sent through this route",
        paint(WARNING, "note:"),
        output::counted(insights.templates.len() as u64, "template"),
        insights.period,
        insights.product
    )
}

/// The failure to report when insights could not be read: nothing was sent.
pub fn failure(error: InsightsError, connection: &ConnectionArgs) -> Failure {
    let account = connection.waba_id.as_deref().unwrap_or("(none)");
    match error {
        InsightsError::Period(reason) => Failure::usage(format!("--since/--until: {reason}"))
            .detail(format!(
                "Meta serves template analytics for at most {LOOKBACK_DAYS} days back, in UTC days"
            )),
        InsightsError::Templates(reason) => Failure::usage(reason).detail(format!(
            "see the account's templates with: wamm templates list --waba-id {account}"
        )),
        InsightsError::NotEnabled { waba_id } => Failure::new(
            Exit::Auth,
            format!("template insights are not enabled for the account {waba_id}"),
        )
        .detail("Meta collects template figures only from the moment insights are turned on; earlier days stay empty")
        .detail(format!(
            "turn them on once: wamm insights --enable --waba-id {waba_id}"
        )),
        InsightsError::Read(error)
            if error.graph().is_some_and(|g| {
                g.code() == 100 && g.subcode() == Some(marketing::UNKNOWN_OBJECT_SUBCODE)
            }) =>
        {
            let mut failure = Failure::new(
                Exit::Auth,
                format!("the account {account} is unknown: this token can read no WhatsApp Business Account with that ID; nothing was read"),
            )
            .detail(format!("check --waba-id (or {WABA_VAR}): the account's ID, not a phone number ID"))
            .detail("Meta's answer: code 100, subcode 33 (no such object, or no permission on it)");
            if let Some(trace) = error.graph().and_then(|g| g.fbtrace_id()) {
                failure = failure.detail(format!("fbtrace_id: {trace}"));
            }
            failure
        }
        InsightsError::Read(error) => {
            let mut failure = lookup_failure(&error, connection);
            failure.message =
                format!("cannot read the template insights of account {account}: {error}");
            failure
        }
        other => Failure::other(other.to_string())
            .detail(format!("(--waba-id or {WABA_VAR}: {account})")),
    }
}

/// A template's label: `name (language)`, or its ID.
fn label(id: &str, name: &Option<String>, language: &Option<String>) -> String {
    match (name, language) {
        (Some(name), Some(language)) => format!("{name} ({language})"),
        (Some(name), None) => name.clone(),
        _ => id.to_string(),
    }
}

fn number(n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_string(), |n| n.to_string())
}

fn money(n: Option<f64>) -> String {
    n.map_or_else(|| "-".to_string(), |n| format!("{n:.4}"))
}

fn line(day: &str, template: &str, figures: &Figures) -> String {
    format!(
        "{day:<10}  {template:<28} {:>9} {:>9} {:>9} {:>8} {:>11} {:>13} {:>10}",
        number(figures.sent),
        number(figures.delivered),
        number(figures.read),
        number(figures.clicked),
        money(figures.amount_spent),
        money(figures.cost_per_delivered),
        money(figures.cost_per_click),
    )
}

/// `lines` under the heading `title`; nothing at all when there are none.
fn section(title: &str, lines: Vec<String>) -> Result<(), Failure> {
    if !lines.is_empty() {
        output::out(paint(BOLD, title))?;
        for line in lines {
            output::out(line)?;
        }
    }
    Ok(())
}

/// The figures as a table: per day and template, then per template and in all; then clicks
/// by button and conversions, where Meta reported them.
pub fn print_table(insights: &Insights) -> Result<(), Failure> {
    output::out(paint(
        BOLD,
        format!(
            "template insights for account {}, {} (UTC), {}",
            insights.waba_id, insights.period, insights.product
        ),
    ))?;
    output::out(paint(
        BOLD,
        format!(
            "{:<10}  {:<28} {:>9} {:>9} {:>9} {:>8} {:>11} {:>13} {:>10}",
            "DAY",
            "TEMPLATE",
            "SENT",
            "DELIVERED",
            "READ",
            "CLICKED",
            "SPENT",
            "PER DELIVERED",
            "PER CLICK"
        ),
    ))?;
    for row in &insights.days {
        let template = label(&row.template_id, &row.name, &row.language);
        output::out(line(&row.day.to_string(), &template, &row.figures))?;
    }
    for t in &insights.templates {
        output::out(line(
            "total",
            &label(&t.template_id, &t.name, &t.language),
            &t.figures,
        ))?;
    }
    if insights.templates.len() > 1 {
        output::out(line("total", "all templates", &insights.total))?;
    }
    let clicks: Vec<String> = insights
        .templates
        .iter()
        .flat_map(|t| {
            let template = label(&t.template_id, &t.name, &t.language);
            t.figures.clicks.iter().map(move |c| {
                format!(
                    "  {template:<28} {:<20} {:<24} {:>8}",
                    c.kind,
                    format!("{:?}", c.button),
                    c.count
                )
            })
        })
        .collect();
    section("clicks by button, over the period", clicks)?;
    let conversions: Vec<String> = insights
        .templates
        .iter()
        .flat_map(|t| {
            let template = label(&t.template_id, &t.name, &t.language);
            t.figures
                .conversions
                .iter()
                .map(move |(kind, n)| format!("  {template:<28} {kind:<28} {n:>8}"))
        })
        .collect();
    section("conversions Meta attributed, over the period", conversions)?;
    if insights.total.amount_spent.is_some() {
        output::out(paint(DIM, "amounts in the account's currency"))?;
    }
    Ok(())
}
