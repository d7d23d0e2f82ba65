//! `wamm`: a thin command-line front over the `marketing` and `wamm-sandbox` crates.

mod cli;
mod commands;
mod config;
mod exit;
mod hints;
mod logging;
mod metrics_server;
mod output;
mod transcript;

use std::process::ExitCode;

use clap::{ColorChoice, Parser};

use crate::cli::{Cli, Command};
use crate::exit::Failure;
use crate::output::{ERROR, Verbose, paint};

/// A campaign allocates small buffers on several threads for every message; glibc's allocator
/// spent a fifth of the process's CPU there (arena locks, consolidation). mimalloc's
/// thread-local heaps do not contend.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    if let Some(result) = commands::man::when_asked() {
        return result.map_or_else(|failure| report(&failure), |()| ExitCode::SUCCESS);
    }
    let cli = Cli::parse();
    match cli.color {
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
        ColorChoice::Auto => {}
    }
    logging::init(cli.log_format, cli.verbose, cli.color);
    // A campaign's sends, connections and timers live on one thread (its journal has a thread
    // of its own): at the rates Meta allows, one core is plenty, and no task ever hops between
    // threads. Everything else, the sandbox above all, gets a thread per core.
    let mut builder = match cli.command {
        Command::Campaign(_) => tokio::runtime::Builder::new_current_thread(),
        _ => tokio::runtime::Builder::new_multi_thread(),
    };
    let runtime = match builder.enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            output::err(format!("error: cannot start the async runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(&failure),
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let verbose = Verbose(cli.verbose);
    match cli.command {
        Command::Campaign(args) => commands::campaign::exec(args).await,
        Command::Demo(args) => commands::demo::exec(args).await,
        Command::Sandbox(args) => commands::sandbox::exec(*args).await,
        Command::Send(args) => commands::send::exec(*args, verbose).await,
        Command::Insights(args) => commands::insights::exec(*args, verbose).await,
        Command::Templates(args) => commands::templates::exec(args, verbose).await,
        Command::Account(args) => commands::account::exec(args, verbose).await,
        Command::Validate(args) => commands::validate::exec(args),
        Command::Suppression(args) => commands::suppression::exec(args),
        Command::Webhook(args) => commands::webhook::exec(args).await,
        Command::Completions(args) => commands::completions::exec(args),
    }
}

fn report(failure: &Failure) -> ExitCode {
    output::err(format!("{} {}", paint(ERROR, "error:"), failure.message));
    for line in &failure.details {
        output::err(format!("  {line}"));
    }
    failure.code()
}
