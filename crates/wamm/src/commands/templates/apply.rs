//! `wamm templates plan|apply`: what a folder of template files would change in the account,
//! and doing exactly that.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use clap::Args;
use marketing::MarketingClient;
use marketing::templates::apply::{self, Applied};
use marketing::templates::files::FileProblem;
use marketing::templates::plan::{self, Action, AppliedState, Plan};

use super::files::{checked, problems_failure};
use super::lookup_failure;
use crate::config::ConnectionArgs;
use crate::exit::{Exit, Failure};
use crate::output::{self, BOLD, DIM, ERROR, GOOD, Verbose, WARNING, paint};

pub const PLAN_EXAMPLES: &str = "\
Examples:
  # What applying the folder would do, template by template
  wamm templates plan examples/templates --waba-id 102290129340398

  # As JSON: {\"pending\": N, \"refused\": N, \"items\": [{\"name\", \"language\", \"action\", ...}]}
  wamm templates plan examples/templates --json --waba-id 102290129340398

Each file is matched with the account's template of the same name and language: create,
update (each changed field, old → new), unchanged, or refused (an edit Meta does not allow,
with the reason; it is never sent). Exit code 0 when the plan can be applied as shown (with
or without changes), 2 when a file has problems, 3 when an edit is refused.";

pub const APPLY_EXAMPLES: &str = "\
Examples:
  # Show the plan, ask, then create and edit; wait for Meta's review of each
  wamm templates apply examples/templates --yes --wait --waba-id 102290129340398

  # Wait up to an hour for the reviews
  wamm templates apply examples/templates --yes --wait=1h --waba-id 102290129340398

Without --yes, apply asks for confirmation on a terminal and refuses when stdin is not
one. Refused edits are shown and never sent. Edit times are kept in DIR/.wamm-applied.json
(Meta limits edits of an approved template to one in 24 hours, ten in 30 days). Running it
again is safe: what was applied plans as unchanged.";

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The folder of template files (<name>.<language>.toml)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print the plan as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The folder of template files (<name>.<language>.toml)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Apply without asking
    #[arg(long)]
    pub yes: bool,
    /// Wait for the review of each created or edited template, at most DURATION (default
    /// 10m; Meta says a review takes up to 24 hours), and report its result. (Not
    /// `--timeout`: that is each request's timeout.)
    #[arg(long, value_name = "DURATION", num_args = 0..=1, require_equals = true, default_missing_value = "10m", value_parser = humantime::parse_duration)]
    pub wait: Option<Duration>,
    /// With --wait: how often to read the account's templates
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = humantime::parse_duration, hide = true)]
    pub poll: Duration,
    /// Print the results as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// The folder (checked: a file with problems stops everything) and its plan.
async fn planned(
    dir: &std::path::Path,
    client: &MarketingClient,
    connection: &ConnectionArgs,
) -> Result<Plan, Failure> {
    let folder = checked(dir)?;
    let count = folder::count(dir, folder.files.len());
    let fix = || format!("see them with: wamm templates check {}", dir.display());
    // A file that cannot be read or breaks the folder's rules stops the plan.
    let broken: Vec<FileProblem> = folder
        .problems
        .iter()
        .filter(|p| !p.review)
        .cloned()
        .collect();
    if !broken.is_empty() {
        return Err(problems_failure(&broken, count).detail(fix()));
    }
    let account = client
        .all_templates()
        .await
        .map_err(|e| lookup_failure(&e, connection))?;
    let state = AppliedState::load(dir).map_err(|e| Failure::usage(e.to_string()))?;
    let plan = plan::plan(&folder, &account, &state, SystemTime::now());
    // Meta's authoring rules stop only what would be sent: a template already in the
    // account, unchanged, may predate a rule and still be sendable.
    let sent: Vec<FileProblem> = folder
        .problems
        .iter()
        .filter(|p| {
            plan.items.iter().any(|i| {
                i.file == p.file
                    && matches!(i.action, Action::Create { .. } | Action::Update { .. })
            })
        })
        .cloned()
        .collect();
    if !sent.is_empty() {
        return Err(problems_failure(&sent, count)
            .detail("Meta would refuse or reject these templates: fix them before they are sent")
            .detail(fix()));
    }
    Ok(plan)
}

mod folder {
    /// How many template files the folder has.
    pub(super) fn count(dir: &std::path::Path, fallback: usize) -> usize {
        marketing::templates::folder::paths(dir).map_or(fallback, |p| p.len())
    }
}

/// The plan's lines, as `plan` and `apply` print them.
fn lines(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for item in &plan.items {
        let head = format!("{} ({})", item.name, item.language);
        let id = item
            .id
            .as_deref()
            .map(|id| format!(" [{id}, {}]", item.status.as_deref().unwrap_or("?")))
            .unwrap_or_default();
        match &item.action {
            Action::Create { .. } => out.push(format!("{} {head}", paint(GOOD, "+ create"))),
            Action::Unchanged => out.push(paint(DIM, format!("  unchanged {head}{id}"))),
            Action::Update { changes, .. } => {
                out.push(format!("{} {head}{id}", paint(WARNING, "~ update")));
                out.extend(changes.iter().map(|c| format!("      {c}")));
            }
            Action::Refused { changes, reasons } => {
                out.push(format!("{} {head}{id}", paint(ERROR, "! refused")));
                out.extend(changes.iter().map(|c| format!("      {c}")));
                out.extend(
                    reasons
                        .iter()
                        .map(|r| format!("    Meta would refuse this edit: {r}")),
                );
            }
        }
    }
    let count = |word: &str| {
        plan.items
            .iter()
            .filter(|i| i.action.word() == word)
            .count()
    };
    out.push(paint(
        BOLD,
        format!(
            "plan: {} to create, {} to update, {} unchanged, {} refused",
            count("create"),
            count("update"),
            count("unchanged"),
            count("refused")
        ),
    ));
    out
}

fn refused_failure(plan: &Plan) -> Failure {
    rejected(plan.refused(), "edit", "Meta does not allow: not sent")
}

/// Exit 3 for `count` `noun`s Meta refused or would refuse (`how`): the plan's edits, the
/// requests, the templates its review rejected.
fn rejected(count: usize, noun: &str, how: &str) -> Failure {
    Failure::new(
        Exit::Rejected,
        format!("{} {how}", output::counted(count as u64, noun)),
    )
}

pub(super) async fn plan(args: PlanArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let plan = planned(&args.dir, &client, &args.connection).await?;
    if args.json {
        let value = serde_json::json!({
            "pending": plan.pending(),
            "refused": plan.refused(),
            "items": plan.items,
        });
        output::out_json(&value)?;
    } else {
        for line in lines(&plan) {
            output::out(line)?;
        }
    }
    if plan.refused() > 0 {
        return Err(refused_failure(&plan));
    }
    Ok(())
}

pub(super) async fn apply(args: ApplyArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let plan = planned(&args.dir, &client, &args.connection).await?;
    if !args.json || !args.yes {
        for line in lines(&plan) {
            output::err(line);
        }
    }
    if plan.pending() == 0 {
        output::err("nothing to apply");
        if plan.refused() > 0 {
            return Err(refused_failure(&plan));
        }
        if args.json {
            output::out("[]")?;
        }
        return Ok(());
    }
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "not applied: confirm with --yes (stdin is not a terminal to ask on)",
            ));
        }
        if !output::ask(&format!(
            "Apply {}?",
            output::counted(plan.pending() as u64, "change")
        ))? {
            return Err(Failure::usage("not applied: not confirmed"));
        }
    }
    let mut applied = apply::apply(&client, &plan, &args.dir).await.map_err(|e| {
        Failure::other(format!(
            "cannot record the edits in {}: {e}",
            args.dir.display()
        ))
    })?;
    let mut finished = true;
    if let Some(timeout) = args.wait {
        output::err(paint(DIM, "waiting for Meta's review..."));
        finished = apply::wait_for_review(&client, &mut applied, args.poll, timeout)
            .await
            .map_err(|e| lookup_failure(&e, &args.connection))?;
    }
    report(&applied, args.json)?;
    let failed = applied.iter().filter(|a| a.error.is_some()).count();
    let rejected_in_review = applied
        .iter()
        .filter(|a| a.status.as_deref() == Some("REJECTED"))
        .count();
    if failed > 0 {
        return Err(rejected(failed, "request", "refused by the API"));
    }
    if rejected_in_review > 0 {
        return Err(rejected(
            rejected_in_review,
            "template",
            "rejected in review",
        ));
    }
    if plan.refused() > 0 {
        return Err(refused_failure(&plan));
    }
    if !finished {
        return Err(Failure::other(format!(
            "the review did not finish within {}; see later with: wamm templates list",
            humantime::format_duration(args.wait.unwrap_or_default())
        )));
    }
    Ok(())
}

fn report(applied: &[Applied], json: bool) -> Result<(), Failure> {
    if json {
        output::out_json(applied)?;
        return Ok(());
    }
    for item in applied {
        let head = format!(
            "{} {} ({}){}",
            item.action,
            item.name,
            item.language,
            item.id
                .as_deref()
                .map(|id| format!(" [{id}]"))
                .unwrap_or_default()
        );
        let line = match (&item.error, item.status.as_deref()) {
            (Some(error), _) => format!("{}: {} {error}", head, paint(ERROR, "failed:")),
            (None, Some("REJECTED")) => format!(
                "{head}: {} {}",
                paint(ERROR, "REJECTED"),
                item.rejected_reason
                    .as_deref()
                    .unwrap_or("(no reason given)")
            ),
            (None, Some("APPROVED")) => format!("{head}: {}", paint(GOOD, "APPROVED")),
            (None, Some(status)) => format!("{head}: {status}"),
            (None, None) => format!("{head}: submitted"),
        };
        output::out(line)?;
    }
    Ok(())
}
