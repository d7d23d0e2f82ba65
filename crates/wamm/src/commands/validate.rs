//! `wamm validate FILE...`: offline checks of request bodies.

use std::path::PathBuf;

use clap::Args;
use marketing::Message;

use crate::commands::send::read_input;
use crate::exit::{Exit, Failure};
use crate::output::{self, GOOD, paint};

pub const ABOUT: &str = "Check request JSON files offline, reporting every problem";

pub const EXAMPLES: &str = "\
Examples:
  wamm validate body.json
  wamm validate messages/*.json
  cat body.json | wamm validate -

Each problem is printed as FILE: path: problem. Exits 2 if any file is invalid.";

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Request bodies in the API's JSON (`-` for stdin)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
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
        match Message::from_json(&text) {
            Ok(_) => output::out(format!("{name}: {}", paint(GOOD, "ok")))?,
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
