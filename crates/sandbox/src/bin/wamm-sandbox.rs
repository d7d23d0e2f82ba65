//! `wamm-sandbox`: runs the sandbox until Ctrl-C (or SIGTERM).
//!
//! The first line printed is always `listening on http://ADDR`, so scripts can read the port.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use wamm_sandbox::Sandbox;
use wamm_sandbox::cli::SandboxArgs;

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
    let cli = Cli::parse();
    let config = match cli.sandbox.into_config() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("wamm-sandbox: {error:#}");
            return ExitCode::from(2);
        }
    };
    let phone_numbers = config.phone_numbers.clone();
    let sandbox = match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("wamm-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };

    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on {}", sandbox.base_url());
    let _ = writeln!(out, "token: {}", sandbox.token());
    for phone in &phone_numbers {
        let _ = writeln!(
            out,
            "phone number ID: {}{}",
            phone.id,
            if phone.onboarded {
                ""
            } else {
                " (not onboarded: STRICT sends are refused, others fall back to the Cloud API)"
            }
        );
    }
    let _ = writeln!(
        out,
        "send: POST {}/v23.0/{}/marketing_messages  inspect: GET {}/__sandbox/messages",
        sandbox.base_url(),
        sandbox.phone_number_id(),
        sandbox.base_url()
    );
    let _ = out.flush();
    drop(out);

    wait_for_stop().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
