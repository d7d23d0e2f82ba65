//! Exit codes and the failure type every command returns.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success (also when stdout is closed early, as by `head`) |
//! | 1 | failure before anything was sent: I/O, cannot connect, sandbox would not start; a campaign interrupted |
//! | 2 | usage or validation error: nothing was sent (a campaign whose every row is invalid) |
//! | 3 | rejected by the API: not sent (bad request, template, recipient, throttled); a campaign stopped by a refusal, or with nothing sent |
//! | 4 | authentication, permission or account problem: not sent; fix the token or account |
//! | 5 | outcome unknown: the message may have been sent; do not resend blindly (a campaign with any unknown row) |

use std::fmt;
use std::process::ExitCode;

use marketing::{SendError, TemplatesError};

/// Why a command failed, and which exit code says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Failure = 1,
    Usage = 2,
    Rejected = 3,
    Auth = 4,
    Unknown = 5,
}

impl Exit {
    /// The exit code for a send that failed.
    pub fn of_send_error(error: &SendError) -> Self {
        if error.may_have_been_sent() {
            return Self::Unknown;
        }
        match error {
            SendError::Api(graph) if graph.class().is_account_problem() => Self::Auth,
            SendError::Api(_) => Self::Rejected,
            SendError::Config(_) => Self::Usage,
            _ => Self::Failure,
        }
    }

    /// The exit code when an account's templates, or the account itself, could not be read.
    pub fn of_templates_error(error: &TemplatesError) -> Self {
        match error {
            TemplatesError::NoWabaId | TemplatesError::Config(_) => Self::Usage,
            TemplatesError::Api(graph) if graph.class().is_account_problem() => Self::Auth,
            TemplatesError::Api(_) => Self::Rejected,
            _ => Self::Failure,
        }
    }
}

/// A failed command: what to print and how to exit.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    /// The first line, after `error: `.
    pub message: String,
    /// Further lines, indented under the message.
    pub details: Vec<String>,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            details: Vec::new(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    pub fn other(message: impl Into<String>) -> Self {
        Self::new(Exit::Failure, message)
    }

    pub fn detail(mut self, line: impl Into<String>) -> Self {
        self.details.push(line.into());
        self
    }

    pub fn code(&self) -> ExitCode {
        ExitCode::from(self.exit as u8)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Output errors: a closed pipe ends the command quietly; anything else is a failure.
impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Self {
        Self::other(format!("cannot write output: {err}"))
    }
}
