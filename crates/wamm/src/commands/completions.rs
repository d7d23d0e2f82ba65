//! `wamm completions SHELL`: shell completion scripts.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::exit::Failure;

pub const ABOUT: &str = "Print a shell completion script";

pub const EXAMPLES: &str = "\
Examples:
  wamm completions bash > ~/.local/share/bash-completion/completions/wamm
  wamm completions zsh > ~/.zfunc/_wamm
  wamm completions fish > ~/.config/fish/completions/wamm.fish";

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn exec(args: CompletionsArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut command, "wamm", &mut buffer);
    crate::output::out(String::from_utf8_lossy(&buffer).trim_end())?;
    Ok(())
}
