//! `wamm validate FILE...`: offline checks of request bodies.

use std::path::PathBuf;

use clap::Args;
use marketing::Message;

use crate::commands::send::{read_input, strictness};
use crate::exit::{Exit, Failure};
use crate::output::{self, GOOD, WARNING, paint};

pub const ABOUT: &str = "Check request JSON files offline, reporting every problem";

pub const EXAMPLES: &str = "\
Examples:
  wamm validate examples/messages/flash_deal.json
  wamm validate examples/messages/*.json
  cat examples/messages/spring_sale.json | wamm validate -

The checks are openapi.yaml's request schema and the cross-field rules, the same ones the
sandbox applies; component type and button sub_type are accepted in any letter case.
Each problem is printed as FILE: path: problem. Exits 2 if any file is invalid.";

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Request bodies in the API's JSON (`-` for stdin)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Accept fields openapi.yaml does not describe (top level and `template` only),
    /// printing a warning for each, as `wamm send --allow-unknown-fields` would send them
    #[arg(long)]
    pub allow_unknown_fields: bool,
}

pub fn exec(args: ValidateArgs) -> Result<(), Failure> {
    let mut invalid = 0usize;
    for path in &args.files {
        let (name, text) = match read_input(path) {
            Ok(input) => input,
            Err(failure) => {
                output::err(format!("{}: {}", path.display(), failure.message));
                invalid += 1;
                continue;
            }
        };
        let value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                invalid += 1;
                output::out(format!("{name}: not valid JSON: {e}"))?;
                continue;
            }
        };
        match Message::from_value_with(value, strictness(args.allow_unknown_fields)) {
            Ok(message) => {
                for warning in message.warnings() {
                    output::out(format!("{name}: {} {warning}", paint(WARNING, "warning:")))?;
                }
                output::out(format!("{name}: {}", paint(GOOD, "ok")))?;
            }
            Err(errors) => {
                invalid += 1;
                for problem in errors.problems() {
                    output::out(format!("{name}: {problem}"))?;
                }
            }
        }
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
