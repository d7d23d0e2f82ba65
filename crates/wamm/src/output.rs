//! Printing: colour only on a terminal and never with `NO_COLOR` (anstream decides), and a
//! closed pipe is not an error.

use std::io::{self, BufRead, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::exit::Failure;

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const GOOD: Style = AnsiColor::Green.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const DIM: Style = Style::new().dimmed();
pub const BOLD: Style = Style::new().bold();

/// Writes a line to stdout. A closed pipe (`wamm ... | head`) stops output without an error.
pub fn out(line: impl AsRef<str>) -> io::Result<()> {
    let mut stdout = anstream::stdout().lock();
    ignore_broken_pipe(writeln!(stdout, "{}", line.as_ref()))
}

/// Writes `value` to stdout as indented JSON: what `--json` prints.
pub fn out_json(value: &(impl Serialize + ?Sized)) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
    Ok(out(text)?)
}

/// Writes a line to stderr.
pub fn err(line: impl AsRef<str>) {
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(stderr, "{}", line.as_ref());
}

/// Asks `question [y/N]` on stderr and reads the answer from stdin: only y or yes is yes.
pub fn ask(question: &str) -> io::Result<bool> {
    eprint!("{question} [y/N] ");
    io::stderr().flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// `text` in `style` (the style is dropped where colour is off).
pub fn paint(style: Style, text: impl AsRef<str>) -> String {
    format!("{style}{}{style:#}", text.as_ref())
}

/// `n` and `noun`, in the plural unless `n` is 1: `1 problem`, `3 problems`.
pub fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn ignore_broken_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Whether `--verbose` was given: exchanges are then logged on stderr by
/// [`Transcript`](crate::transcript::Transcript), from the client's hooks, token redacted.
#[derive(Clone, Copy, Debug)]
pub struct Verbose(pub bool);
