//! `wamm suppression list|add|remove`: the users not to send marketing messages to, kept in
//! the webhook receiver's event store beside the opt-outs Meta reports.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use marketing::normalise_phone;
use marketing::webhook::EventStore;
use serde_json::json;

use crate::exit::Failure;
use crate::output;

pub const ABOUT: &str =
    "List, add or remove users who must not get marketing messages (campaigns skip them)";

pub const EXAMPLES: &str = "\
Examples:
  # Your own opt-out list, added to the opt-outs the webhook receiver recorded
  wamm suppression add +447700900123 '+44 7700 900124' --store events.db
  wamm suppression list --store events.db
  wamm suppression remove 447700900124 --store events.db

Campaigns given the same store (`campaign run --events events.db`, or WAMM_EVENTS) record
these recipients as `suppressed` and send them nothing. A user's latest choice wins: an
opt-in Meta reports after an `add` lifts it, a `stop` after a `remove` restores it.";

const LIST_EXAMPLES: &str = "\
Examples:
  # One user per line: the user, where the opt-out came from (user_preferences, 131050 or
  # manual) and when (Unix seconds)
  wamm suppression list --store events.db

  # As a JSON array: [{\"user\", \"source\", \"at\"}], by user
  wamm suppression list --store events.db --json";

const ADD_EXAMPLES: &str = "\
Examples:
  # Phone numbers in any common format, or BSUIDs
  wamm suppression add +447700900123 '00 44 7700 900124' US.13491208655302741918 --store events.db";

const REMOVE_EXAMPLES: &str = "\
Examples:
  # The user may get marketing messages again (until they stop them with Meta)
  wamm suppression remove +447700900123 --store events.db";

#[derive(Args, Debug)]
pub struct SuppressionArgs {
    #[command(subcommand)]
    pub command: SuppressionCommand,
    /// The event store (`wamm webhook serve --store`): a file (created if missing) or a
    /// postgres:// URL
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS", global = true)]
    pub store: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum SuppressionCommand {
    /// Print every suppressed user with where the opt-out came from and when
    #[command(after_help = LIST_EXAMPLES)]
    List {
        /// Print a JSON array of {"user", "source", "at"} objects
        #[arg(long)]
        json: bool,
    },
    /// Suppress users: phone numbers (any common format) or BSUIDs
    #[command(after_help = ADD_EXAMPLES)]
    Add {
        #[arg(required = true, value_name = "USER")]
        users: Vec<String>,
    },
    /// Lift the suppression of users
    #[command(after_help = REMOVE_EXAMPLES)]
    Remove {
        #[arg(required = true, value_name = "USER")]
        users: Vec<String>,
    },
}

/// The form campaigns key recipients by: a phone number's digits, or a BSUID as written.
fn user_key(user: &str) -> Result<String, Failure> {
    let looks_like_bsuid = user.contains('.') && user.chars().any(|c| c.is_ascii_alphabetic());
    if looks_like_bsuid {
        return Ok(user.trim().to_string());
    }
    normalise_phone(user).map_err(|e| Failure::usage(format!("{user:?}: {e}")))
}

/// Every user given as its key, all checked before the store is touched.
fn user_keys(users: &[String]) -> Result<Vec<String>, Failure> {
    users.iter().map(|u| user_key(u)).collect()
}

pub fn exec(args: SuppressionArgs) -> Result<(), Failure> {
    let Some(path) = args.store else {
        return Err(Failure::usage(
            "no event store: give --store FILE or set WAMM_EVENTS",
        ));
    };
    let mut store = EventStore::open(&path).map_err(|e| Failure::other(e.to_string()))?;
    let fail = |e: marketing::webhook::StoreError| Failure::other(e.to_string());
    match args.command {
        SuppressionCommand::List { json } => {
            let suppressions = store.suppressions().map_err(fail)?;
            if json {
                let list: Vec<_> = suppressions
                    .iter()
                    .map(|(user, s)| json!({"user": user, "source": s.source, "at": s.at}))
                    .collect();
                output::out_json(&list)?;
                return Ok(());
            }
            for (user, suppression) in suppressions {
                output::out(format!(
                    "{user}\t{}\t{}",
                    suppression.source, suppression.at
                ))?;
            }
        }
        SuppressionCommand::Add { users } => {
            let keys = user_keys(&users)?;
            for key in &keys {
                store.suppress(key, "manual").map_err(fail)?;
            }
            output::err(format!("suppressed {} users", keys.len()));
        }
        SuppressionCommand::Remove { users } => {
            let keys = user_keys(&users)?;
            let mut lifted = 0;
            for key in &keys {
                lifted += usize::from(store.unsuppress(key).map_err(fail)?);
            }
            output::err(format!(
                "lifted {lifted} of {} (the others were not suppressed)",
                keys.len()
            ));
        }
    }
    Ok(())
}
