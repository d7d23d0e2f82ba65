//! `wamm-sandbox`: runs the sandbox until Ctrl-C (or SIGTERM). `wamm sandbox` is the same.
//!
//! The first line printed is always `listening on http://ADDR`, so scripts can read the port.

use std::process::ExitCode;

use clap::Parser;
use wamm_sandbox::cli::{SandboxArgs, ServeError, serve};

/// A local stand-in for Meta's Marketing Messages Lite endpoint.
#[derive(Debug, Parser)]
#[command(name = "wamm-sandbox", version)]
struct Cli {
    #[command(flatten)]
    sandbox: SandboxArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    match serve(Cli::parse().sandbox).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ ServeError::Config(_)) => {
            eprintln!("wamm-sandbox: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("wamm-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}
