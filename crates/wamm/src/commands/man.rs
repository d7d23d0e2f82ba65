//! `wamm __man DIR`: the manual pages, one per command, written from the same clap definitions
//! as `--help`. `cargo xtask man` runs it; nothing else should need to.
//!
//! The pages come from the binary rather than from a library the xtask imports: the clap
//! structs live beside each command's `exec`, so a library would have to carry the whole CLI,
//! and nothing imports `wamm` (ARCHITECTURE.md). `__man` is not one of the CLI's subcommands
//! either: clap_complete offers hidden subcommands too, and a user tabbing through `wamm`
//! should not meet it. `main` asks [`when_asked`] before parsing anything else.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};

use crate::cli::Cli;
use crate::exit::Failure;
use crate::output;

/// `wamm __man DIR`.
#[derive(Parser, Debug)]
#[command(
    name = "__man",
    bin_name = "wamm __man",
    about = "Write the manual pages (for `cargo xtask man`)"
)]
struct ManArgs {
    /// The folder to write wamm.1 and wamm-<command>.1 in (created when missing)
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

/// The pages written, when the first argument is `__man`; `None` for every other command line.
pub fn when_asked() -> Option<Result<(), Failure>> {
    let mut args = std::env::args_os().skip(1).peekable();
    if args.peek().is_none_or(|first| first != "__man") {
        return None;
    }
    Some(exec(ManArgs::parse_from(args)))
}

fn exec(args: ManArgs) -> Result<(), Failure> {
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        Failure::other(format!(
            "cannot create the folder {}: {e}",
            args.dir.display()
        ))
    })?;
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut written = Vec::new();
    write_pages(&command, &args.dir, None, &mut written)?;
    for path in &written {
        output::out(path.display().to_string())?;
    }
    Ok(())
}

/// Writes the page of `command` and of every visible subcommand under it. `exits` names the
/// nearest page above with an EXIT STATUS section, for the pages without one of their own.
fn write_pages(
    command: &clap::Command,
    dir: &Path,
    exits: Option<&str>,
    written: &mut Vec<PathBuf>,
) -> Result<(), Failure> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string();
    let (page, has_exits) =
        page(command, exits).map_err(|e| Failure::other(format!("cannot render a page: {e}")))?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page)
        .map_err(|e| Failure::other(format!("cannot write {}: {e}", path.display())))?;
    written.push(path);
    let exits = if has_exits {
        Some(name.as_str())
    } else {
        exits
    };
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, exits, written)?;
    }
    Ok(())
}

/// One page, and whether it has an EXIT STATUS section of its own: clap_mangen's sections,
/// but the text after the options (examples, notes, exit status) laid out by [`after_help`],
/// so that examples keep their lines; a page without exit codes points at the one above
/// that has them (`exits`).
fn page(command: &clap::Command, exits: Option<&str>) -> std::io::Result<(Vec<u8>, bool)> {
    let man = clap_mangen::Man::new(command.clone())
        .source(format!("wamm {}", env!("CARGO_PKG_VERSION")))
        .manual("wamm manual");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out)?;
    }
    let mut has_exits = false;
    if let Some(text) = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
    {
        let roff = after_help(&text.to_string());
        has_exits = roff.contains(EXIT_STATUS);
        out.extend_from_slice(roff.as_bytes());
    }
    if let (false, Some(page)) = (has_exits, exits) {
        let page = escape(page);
        out.extend_from_slice(
            format!("{EXIT_STATUS}.PP\nThe exit codes are those of \\fB{page}\\fR(1).\n")
                .as_bytes(),
        );
    }
    if command.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok((out, has_exits))
}

/// The heading of the exit codes' section.
const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"\n";

/// The help text after the options, as roff. Our help texts have three kinds of block, split
/// by blank lines: a heading line ending in `:` (`Examples:`, `Exit status:`) becomes a
/// section; indented lines (commands, their comments, code tables) are kept as they are; other
/// lines are prose, filled to the reader's width.
pub(crate) fn after_help(text: &str) -> String {
    let mut roff = String::new();
    let mut section_open = false;
    for block in text.split("\n\n") {
        let mut lines: Vec<&str> = block.lines().collect();
        if let Some(first) = lines.first()
            && is_heading(first)
        {
            let _ = writeln!(
                roff,
                ".SH \"{}\"",
                escape(first.trim_end_matches(':')).to_uppercase()
            );
            section_open = true;
            lines.remove(0);
        } else if !section_open {
            roff.push_str(".SH NOTES\n");
            section_open = true;
        }
        if lines.is_empty() {
            continue;
        }
        // `Exit codes: 0 success; ...` as a paragraph of prose: a section all the same.
        let first = lines[0];
        if let Some(rest) = ["Exit codes: ", "Exit status: "]
            .iter()
            .find_map(|label| first.strip_prefix(label))
        {
            roff.push_str(EXIT_STATUS);
            lines[0] = rest;
        }
        roff.push_str(".PP\n");
        let mut literal = false;
        for line in lines {
            let indented = line.starts_with("  ");
            if indented && !literal {
                roff.push_str(".RS 2\n.nf\n");
                literal = true;
            } else if !indented && literal {
                roff.push_str(".fi\n.RE\n");
                literal = false;
            }
            let line = if indented { &line[2..] } else { line.trim() };
            // An empty line inside a no-fill block would end the paragraph in some readers.
            if line.is_empty() {
                roff.push_str(".sp\n");
            } else {
                let _ = writeln!(roff, "{}", escape(line));
            }
        }
        if literal {
            roff.push_str(".fi\n.RE\n");
        }
    }
    roff
}

/// `Examples:` or `Exit status:`: a short line of words ending in a colon.
fn is_heading(line: &str) -> bool {
    !line.starts_with(' ')
        && line.ends_with(':')
        && line.len() <= 40
        && line
            .trim_end_matches(':')
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
}

/// A line of text as roff reads it literally: backslashes and hyphens escaped, and a leading
/// `.` or `'` (which would start a request) guarded.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    if line.starts_with('.') || line.starts_with('\'') {
        out.push_str("\\&");
    }
    for c in line.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_keep_their_lines_and_prose_is_filled() {
        let roff = after_help(
            "Examples:\n  # a comment\n  wamm x --flag \\\n      --more\n\nSome prose that\nflows on.\n\nExit status:\n  0  fine\n  2  bad input",
        );
        assert_eq!(
            roff,
            ".SH \"EXAMPLES\"\n.PP\n.RS 2\n.nf\n# a comment\nwamm x \\-\\-flag \\e\n    \\-\\-more\n.fi\n.RE\n\
             .PP\nSome prose that\nflows on.\n\
             .SH \"EXIT STATUS\"\n.PP\n.RS 2\n.nf\n0  fine\n2  bad input\n.fi\n.RE\n"
        );
    }

    #[test]
    fn an_exit_codes_paragraph_is_a_section() {
        assert_eq!(
            after_help("Start here.\n\nExit codes: 0 success;\n2 usage."),
            ".SH NOTES\n.PP\nStart here.\n.SH \"EXIT STATUS\"\n.PP\n0 success;\n2 usage.\n"
        );
    }

    #[test]
    fn a_line_that_looks_like_a_request_is_text() {
        assert_eq!(escape(".journal"), "\\&.journal");
        assert_eq!(escape("'quoted'"), "\\&'quoted'");
    }

    /// The requests `after_help` writes itself; any other line it writes is text.
    const OURS: [&str; 7] = [".SH ", ".PP", ".RS 2", ".nf", ".fi", ".RE", ".sp"];

    proptest::proptest! {
        /// Whatever a help text holds, no line of it becomes a roff request (which would
        /// vanish from the page or change its layout), and no backslash reaches roff bare.
        #[test]
        fn help_text_never_becomes_a_request(text in "(( {0,3})[ -~]{0,30}\n{0,2}){0,12}") {
            let roff = after_help(&text);
            for line in roff.lines() {
                let request = line.starts_with('.') || line.starts_with('\'');
                proptest::prop_assert!(
                    !request || OURS.iter().any(|ours| line.starts_with(ours)),
                    "{line:?} from {text:?}"
                );
                let text_line = !OURS.iter().any(|ours| line.starts_with(ours));
                if text_line {
                    let bare = line.replace("\\e", "").replace("\\-", "").replace("\\&", "");
                    proptest::prop_assert!(!bare.contains('\\'), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn text_without_a_heading_goes_under_notes() {
        assert!(after_help("Start here.").starts_with(".SH NOTES\n.PP\nStart here.\n"));
    }
}
