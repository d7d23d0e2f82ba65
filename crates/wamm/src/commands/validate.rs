//! `wamm validate FILE...`: offline checks of request bodies.

use std::path::{Path, PathBuf};

use clap::Args;
use marketing::{Message, Problem};
use serde_json::{Value, json};

use crate::commands::send::{read_input, strictness};
use crate::exit::{Exit, Failure};
use crate::output::{self, GOOD, WARNING, paint};

pub const ABOUT: &str = "Check request JSON files offline, reporting every problem";

pub const EXAMPLES: &str = "\
Examples:
  wamm validate examples/messages/flash_deal.json
  wamm validate examples/messages/*.json
  cat examples/messages/spring_sale.json | wamm validate -

  # As JSON: {\"files\": [{\"file\", \"valid\", \"problems\": [{\"path\", \"message\", \"code\",
  # \"unknown_field\"}], \"warnings\": [...]}], \"invalid\": N}
  wamm validate examples/messages/*.json --json

The checks are openapi.yaml's request schema and the cross-field rules, the same ones the
sandbox applies; component type and button sub_type are accepted in any letter case.
Each problem is printed as FILE: path: problem. Exits 2 if any file is invalid (with --json
too, after the document).";

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Request bodies in the API's JSON (`-` for stdin)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Accept fields openapi.yaml does not describe (top level and `template` only),
    /// printing a warning for each, as `wamm send --allow-unknown-fields` would send them
    #[arg(long)]
    pub allow_unknown_fields: bool,

    /// Print one JSON document: every file with its problems and warnings
    #[arg(long)]
    pub json: bool,
}

/// What one file came to: its name (`<stdin>` for `-`), and its problems and warnings. A
/// file that cannot be read or is not JSON has one problem without a path or a Graph code.
struct Verdict {
    name: String,
    /// Not read at all: already named on stderr, so the text form prints nothing more.
    unreadable: bool,
    problems: Vec<Found>,
    warnings: Vec<Found>,
}

struct Found {
    path: String,
    message: String,
    code: Option<i64>,
    unknown_field: bool,
}

impl Found {
    fn whole(message: String) -> Self {
        Self {
            path: String::new(),
            message,
            code: None,
            unknown_field: false,
        }
    }

    fn of(problem: &Problem) -> Self {
        Self {
            path: problem.path().to_string(),
            message: problem.message().to_string(),
            code: Some(problem.code()),
            unknown_field: problem.is_unknown_field(),
        }
    }

    fn json(&self) -> Value {
        json!({
            "path": self.path,
            "message": self.message,
            "code": self.code,
            "unknown_field": self.unknown_field,
        })
    }
}

fn verdict(path: &Path, allow_unknown_fields: bool) -> Verdict {
    let (name, text) = match read_input(path) {
        Ok(input) => input,
        Err(failure) => {
            // On stderr in either form, as before; the JSON also names the file.
            output::err(format!("{}: {}", path.display(), failure.message));
            return Verdict {
                name: path.display().to_string(),
                unreadable: true,
                problems: vec![Found::whole(failure.message)],
                warnings: Vec::new(),
            };
        }
    };
    let mut verdict = Verdict {
        name,
        unreadable: false,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    match serde_json::from_str(&text) {
        Err(e) => verdict
            .problems
            .push(Found::whole(format!("not valid JSON: {e}"))),
        Ok(value) => match Message::from_value_with(value, strictness(allow_unknown_fields)) {
            Ok(message) => verdict.warnings = message.warnings().iter().map(Found::of).collect(),
            Err(errors) => verdict.problems = errors.problems().iter().map(Found::of).collect(),
        },
    }
    verdict
}

pub fn exec(args: ValidateArgs) -> Result<(), Failure> {
    let mut verdicts = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let verdict = verdict(path, args.allow_unknown_fields);
        if !args.json {
            print_text(&verdict)?;
        }
        verdicts.push(verdict);
    }
    let invalid = verdicts.iter().filter(|v| !v.problems.is_empty()).count();
    if args.json {
        let files: Vec<Value> = verdicts
            .iter()
            .map(|v| {
                json!({
                    "file": v.name,
                    "valid": v.problems.is_empty(),
                    "problems": v.problems.iter().map(Found::json).collect::<Vec<_>>(),
                    "warnings": v.warnings.iter().map(Found::json).collect::<Vec<_>>(),
                })
            })
            .collect();
        let document = json!({"files": files, "invalid": invalid});
        output::out_json(&document)?;
    }
    if invalid == 0 {
        Ok(())
    } else {
        Err(Failure::new(
            Exit::Usage,
            format!("{invalid} of {} files invalid", args.files.len()),
        ))
    }
}

/// The text form: `FILE: ok`, `FILE: warning: ...`, or one `FILE: path: problem` a line (a
/// file that cannot be read was already named on stderr).
fn print_text(verdict: &Verdict) -> Result<(), Failure> {
    let name = &verdict.name;
    if verdict.problems.is_empty() {
        for warning in &verdict.warnings {
            output::out(format!(
                "{name}: {} {}",
                paint(WARNING, "warning:"),
                words(warning)
            ))?;
        }
        output::out(format!("{name}: {}", paint(GOOD, "ok")))?;
    } else if !verdict.unreadable {
        for problem in &verdict.problems {
            output::out(format!("{name}: {}", words(problem)))?;
        }
    }
    Ok(())
}

/// `path: message`, or the message alone for the whole body (as `Problem` shows itself).
fn words(found: &Found) -> String {
    if found.path.is_empty() {
        found.message.clone()
    } else {
        format!("{}: {}", found.path, found.message)
    }
}
