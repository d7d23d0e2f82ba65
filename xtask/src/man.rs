//! `cargo xtask man [--out DIR]`: the manual pages, wamm.1 and one per subcommand
//! (wamm-campaign-run.1, ...), written by the binary's hidden `wamm __man DIR` from the same
//! clap definitions as `--help`. The pages are generated, not committed: they follow the
//! binary they are built with, so there is nothing for CI to compare.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::harness;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Where to write the pages (default: target/man); a folder on MANPATH, like
    /// ~/.local/share/man/man1, installs them
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(root: &Path, args: &ManArgs) -> Result<ExitCode> {
    let out = args.out.clone().unwrap_or_else(|| {
        std::env::var("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root.join("target"))
            .join("man")
    });
    let wamm = harness::build_wamm(root, false)?;
    let output = Command::new(&wamm)
        .arg("__man")
        .arg(&out)
        .output()
        .with_context(|| format!("cannot run {}", wamm.display()))?;
    if !output.status.success() {
        bail!(
            "wamm __man failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let pages = String::from_utf8_lossy(&output.stdout).lines().count();
    eprintln!("wrote {pages} manual pages in {}", out.display());
    if !out.ends_with("man1") {
        eprintln!(
            "read one with `man -l {}`; to install them, give --out a man1 folder on MANPATH \
             (cargo xtask man --out ~/.local/share/man/man1)",
            out.join("wamm.1").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
