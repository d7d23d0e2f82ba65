//! One module per subcommand, each with its `Args`, `ABOUT`, `EXAMPLES` and `exec`.

pub mod account;
pub mod campaign;
pub mod completions;
pub mod demo;
pub mod insights;
pub mod man;
pub mod sandbox;
pub mod send;
pub mod suppression;
pub mod templates;
pub mod validate;
pub mod webhook;
