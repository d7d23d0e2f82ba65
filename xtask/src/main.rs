//! Project automation for wamm, run as `cargo xtask <command>`.
//!
//! `codegen` turns `openapi.yaml` into `crates/client/src/generated.rs`; with `--check` it only
//! compares, so CI fails when someone edits the spec and forgets to regenerate; with
//! `--evolve-check` it proves that an additive spec change needs no hand edit (see `evolve.rs`).
//! `man` writes the manual pages (see `man.rs`).

mod bench;
mod bench_pg_cost;
mod bench_postgres;
mod bench_receiver;
mod bench_report;
mod bench_single;
mod bench_tls;
mod codegen;
mod evolve;
mod harness;
mod instructions;
mod instructions_floor;
mod man;
mod normalise;
mod open_enums;
mod postgres;
mod soak;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "wamm project automation", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate crates/client/src/generated.rs from openapi.yaml with progenitor.
    Codegen {
        /// Do not write: fail with a diff if the committed file differs from what the spec generates.
        #[arg(long, conflicts_with = "evolve_check")]
        check: bool,
        /// Do not write: in a scratch copy of the workspace (under <target>/evolve-check), add an
        /// optional property to every object schema, a value to every open enum and a new
        /// operation, regenerate, and fail naming the files that then no longer build.
        #[arg(long)]
        evolve_check: bool,
    },
    /// Measure throughput, CPU, memory, pacing and journal cost; write BENCHMARKS.md.
    Bench(bench::BenchArgs),
    /// Stop campaigns mid-run (SIGKILL, SIGTERM, power cuts) on the hard paths (throttling,
    /// pair limit, paused template, 5xx storm, lost answers) and check that nothing is
    /// duplicated or lost; write BENCHMARKS.md's Soak section.
    Soak(soak::SoakArgs),
    /// Count the instructions a campaign executes per message with callgrind (a figure that,
    /// unlike CPU time, does not move between runs); write BENCHMARKS.md's section on it.
    Instructions(instructions::InstructionsArgs),
    /// Write the manual pages (wamm.1, wamm-campaign-run.1, ...) from the CLI's definitions.
    Man(man::ManArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen {
            evolve_check: true, ..
        } => evolve::run(&workspace_root()),
        Command::Codegen { check, .. } => codegen::run(&workspace_root(), check),
        Command::Bench(args) => bench::run(&workspace_root(), &args),
        Command::Soak(args) => soak::run(&workspace_root(), &args),
        Command::Instructions(args) => instructions::run(&workspace_root(), &args),
        Command::Man(args) => man::run(&workspace_root(), &args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
