//! `wamm templates check|pull`: a folder of template files checked offline, and the
//! account's templates written as such files.

use std::path::{Path, PathBuf};

use clap::Args;
use marketing::templates::files::{self, FileProblem};
use marketing::templates::{TemplateCategory, folder};
use serde_json::json;

use super::lookup_failure;
use crate::config::ConnectionArgs;
use crate::exit::{Exit, Failure};
use crate::output::{self, DIM, GOOD, Verbose, WARNING, paint};

pub const CHECK_EXAMPLES: &str = "\
Examples:
  # Every file of a folder, against Meta's authoring rules; no token or network needed
  wamm templates check examples/templates

  # As JSON: {\"files\": N, \"problems\": [{\"file\", \"line\", \"path\", \"reason\", ...}]}
  wamm templates check examples/templates --json

Each problem is printed as FILE:LINE: PATH: reason (Meta: the rejection reason or refusal it
would give). Exit code 0 when every file is clean, 2 when any has a problem.";

pub const PULL_EXAMPLES: &str = "\
Examples:
  # The account's marketing templates as files, one per template and language
  wamm templates pull my-templates --waba-id 102290129340398

  # Overwrite files edited since (otherwise they are left alone and named)
  wamm templates pull my-templates --force --waba-id 102290129340398

  # What was written, as JSON: {\"account\", \"written\": [FILE], \"unchanged\": [FILE],
  # \"kept\": [FILE], \"left_out\": [{\"name\", \"language\", \"reason\"}]}
  wamm templates pull my-templates --json --waba-id 102290129340398";

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The folder of template files (<name>.<language>.toml)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print the problems as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PullArgs {
    /// The folder to write the files in (created when missing)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Overwrite files that differ from the account's template (edits not applied yet)
    #[arg(long)]
    pub force: bool,
    /// Print what was written, left unchanged, kept and left out as one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// The folder, checked; a failure when it cannot be read.
pub(super) fn checked(dir: &Path) -> Result<folder::Folder, Failure> {
    folder::check(dir)
        .map_err(|e| Failure::usage(format!("cannot read the folder {}: {e}", dir.display())))
}

/// The failure for a folder with problems: each as `FILE:LINE: PATH: reason`.
pub(super) fn problems_failure(problems: &[FileProblem], files: usize) -> Failure {
    let mut failure = Failure::usage(format!(
        "{} in {}",
        output::counted(problems.len() as u64, "problem"),
        output::counted(files as u64, "file")
    ));
    for problem in problems {
        failure = failure.detail(problem.to_string());
    }
    failure
}

pub(super) fn check(args: CheckArgs) -> Result<(), Failure> {
    let folder = checked(&args.dir)?;
    let count = folder::paths(&args.dir).map_or(folder.files.len(), |p| p.len());
    if args.json {
        let problems: Vec<_> = folder
            .problems
            .iter()
            .map(|p| {
                json!({
                    "file": p.file.display().to_string(),
                    "line": p.line,
                    "column": p.column,
                    "path": p.path,
                    "reason": p.reason,
                    "meta": p.meta_reason,
                })
            })
            .collect();
        output::out_json(&json!({"files": count, "problems": problems}))?;
        if folder.problems.is_empty() {
            return Ok(());
        }
        return Err(Failure::usage(format!(
            "{} in {}",
            output::counted(folder.problems.len() as u64, "problem"),
            args.dir.display()
        )));
    }
    if folder.problems.is_empty() {
        output::out(paint(
            GOOD,
            format!(
                "{}: {} checked, no problems",
                args.dir.display(),
                output::counted(count as u64, "file")
            ),
        ))?;
        return Ok(());
    }
    for problem in &folder.problems {
        output::out(problem.to_string())?;
    }
    Err(Failure::usage(format!(
        "{} in {} ({})",
        output::counted(folder.problems.len() as u64, "problem"),
        args.dir.display(),
        output::counted(count as u64, "file")
    )))
}

pub(super) async fn pull(args: PullArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let all = client
        .all_templates()
        .await
        .map_err(|e| lookup_failure(&e, &args.connection))?;
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        Failure::other(format!(
            "cannot create the folder {}: {e}",
            args.dir.display()
        ))
    })?;
    let (mut written, mut same, mut kept, mut left_out) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for template in &all {
        if template.category != TemplateCategory::Marketing {
            left_out.push((template, "not_marketing"));
            continue;
        }
        // Names and languages become file names: only letters, digits, `_` and `-` (Graph's
        // own alphabet for both), so that no answer can write outside DIR.
        let safe = |part: &str| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        if !safe(&template.name) || !safe(&template.language) {
            output::err(format!(
                "{} template {:?} ({:?}): not a name a file can be given; left out",
                paint(WARNING, "warning:"),
                template.name,
                template.language
            ));
            left_out.push((template, "not_a_file_name"));
            continue;
        }
        let create = files::create_of(template);
        let path = args
            .dir
            .join(files::file_name(&template.name, &template.language));
        let text = files::to_toml(&create);
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if existing == text {
                same.push(path);
                continue;
            }
            if !args.force {
                kept.push(path);
                continue;
            }
        }
        std::fs::write(&path, &text)
            .map_err(|e| Failure::other(format!("cannot write {}: {e}", path.display())))?;
        if !args.json {
            output::out(format!("wrote {}", path.display()))?;
        }
        written.push(path);
    }
    let account = client.waba_id().unwrap_or_default();
    if args.json {
        let paths = |list: &[PathBuf]| {
            list.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        };
        let left_out: Vec<_> = left_out
            .iter()
            .map(|(t, reason)| json!({"name": t.name, "language": t.language, "reason": reason}))
            .collect();
        let document = json!({
            "account": account,
            "written": paths(&written),
            "unchanged": paths(&same),
            "kept": paths(&kept),
            "left_out": left_out,
        });
        output::out_json(&document)?;
    } else {
        output::err(paint(
            DIM,
            format!(
                "{} written, {} already up to date, {} left out (not marketing, or a name no file can have) from account {account}",
                output::counted(written.len() as u64, "file"),
                same.len(),
                left_out.len(),
            ),
        ));
    }
    if kept.is_empty() {
        return Ok(());
    }
    let mut failure = Failure::new(
        Exit::Usage,
        format!(
            "{} differ from the account and were left alone",
            output::counted(kept.len() as u64, "file")
        ),
    );
    for path in &kept {
        failure = failure.detail(format!("{}", path.display()));
    }
    output::err(format!(
        "{} see what differs with `wamm templates plan {}`",
        paint(WARNING, "note:"),
        args.dir.display()
    ));
    Err(failure.detail("pass --force to overwrite them with the account's templates"))
}
