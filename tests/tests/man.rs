//! The manual pages (`cargo xtask man`, through the hidden `wamm __man DIR`): one per command
//! that `--help` lists, each a page `man` reads, carrying the help's examples and exit codes.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use wamm_e2e::{code, text, wamm};

/// Every command `--help` lists, walked from the top: `["campaign", "run"]`, ... (`help`
/// itself left out).
fn commands_in_help(prefix: &[String], found: &mut Vec<Vec<String>>) {
    let output = wamm()
        .args(prefix)
        .arg("--help")
        .output()
        .expect("wamm runs");
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let Some(list) = stdout.split("\nCommands:\n").nth(1) else {
        return;
    };
    for line in list.lines().take_while(|l| !l.trim().is_empty()) {
        let name = line.split_whitespace().next().expect("a command name");
        if name == "help" {
            continue;
        }
        let mut path = prefix.to_vec();
        path.push(name.to_string());
        found.push(path.clone());
        commands_in_help(&path, found);
    }
}

fn pages(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("the folder is there")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn every_command_in_help_has_a_page_and_nothing_else_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("man1");
    let output = wamm().arg("__man").arg(&out).output().expect("wamm runs");
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");

    let mut commands = Vec::new();
    commands_in_help(&[], &mut commands);
    assert!(
        commands.len() > 20,
        "the walk found the commands: {commands:?}"
    );
    let mut expected: BTreeSet<String> = commands
        .iter()
        .map(|path| format!("wamm-{}.1", path.join("-")))
        .collect();
    expected.insert("wamm.1".to_string());
    assert_eq!(
        pages(&out),
        expected,
        "one page per command, the hidden one left out"
    );
    assert_eq!(
        stdout.lines().count(),
        expected.len(),
        "each page written is named: {stdout}"
    );

    for name in &expected {
        let page = std::fs::read_to_string(out.join(name)).expect("page readable");
        let title = name.trim_end_matches(".1");
        assert!(
            page.contains(&format!("\n.TH {title} 1 ")),
            "{name} has its title: {page}"
        );
        assert!(page.contains("\n.SH NAME\n"), "{name} has a NAME section");
        assert!(
            page.contains("\n.SH SYNOPSIS\n"),
            "{name} has a SYNOPSIS section"
        );
    }
}

#[test]
fn pages_carry_the_examples_and_exit_codes_of_the_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = wamm()
        .arg("__man")
        .arg(dir.path())
        .output()
        .expect("wamm runs");
    assert_eq!(code(&output), 0, "{}", text(&output).1);

    let run = std::fs::read_to_string(dir.path().join("wamm-campaign-run.1")).expect("page");
    assert!(run.contains("\n.SH \"EXAMPLES\"\n"), "{run}");
    // An example keeps its line, flags and continuation as typed (roff's escapes for `-` and `\`).
    assert!(
        run.contains(
            "\n    \\-\\-journal spring.journal \\-\\-dry\\-run \\-\\-export spring\\-rendered.jsonl\n"
        ),
        "{run}"
    );
    let campaign = std::fs::read_to_string(dir.path().join("wamm-campaign.1")).expect("page");
    assert!(campaign.contains("\n.SH \"EXIT STATUS\"\n"), "{campaign}");
    assert!(
        campaign.contains("\n5  some outcomes are unknown"),
        "{campaign}"
    );
    let top = std::fs::read_to_string(dir.path().join("wamm.1")).expect("page");
    assert!(
        top.contains("\n.SH \"EXIT STATUS\"\n.PP\n0 success;"),
        "{top}"
    );
    // A page without exit codes of its own names the nearest page that has them.
    assert!(
        run.contains(
            "\n.SH \"EXIT STATUS\"\n.PP\nThe exit codes are those of \\fBwamm\\-campaign\\fR(1).\n"
        ),
        "{run}"
    );
    let validate = std::fs::read_to_string(dir.path().join("wamm-validate.1")).expect("page");
    assert!(
        validate.contains("The exit codes are those of \\fBwamm\\fR(1)."),
        "{validate}"
    );
    assert!(
        top.contains("wamm\\-campaign(1)"),
        "the top page names the others: {top}"
    );
}

/// `__man` is for the xtask: neither `--help` nor a shell's completion offers it.
#[test]
fn the_page_writer_is_not_offered_to_users() {
    let help = wamm().arg("--help").output().expect("wamm runs");
    assert!(!text(&help).0.contains("__man"));
    for shell in ["bash", "zsh", "fish"] {
        let output = wamm()
            .args(["completions", shell])
            .output()
            .expect("wamm runs");
        let (stdout, stderr) = text(&output);
        assert_eq!(code(&output), 0, "{stderr}");
        assert!(
            stdout.contains("campaign") && !stdout.contains("__man"),
            "{shell}"
        );
    }
}

/// Rendered by groff as `man` would (preconv for UTF-8), with every warning on: none may come.
#[test]
fn groff_renders_every_page_without_a_warning() {
    if Command::new("groff").arg("--version").output().is_err() {
        eprintln!("skipped: groff is not installed (apt-get install groff)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let output = wamm()
        .arg("__man")
        .arg(dir.path())
        .output()
        .expect("wamm runs");
    assert_eq!(code(&output), 0, "{}", text(&output).1);
    for name in pages(dir.path()) {
        let rendered = Command::new("groff")
            // -P-cbou: plain text, without the overstrikes grotty would draw bold with
            .args(["-k", "-man", "-Tutf8", "-ww", "-P-cbou"])
            .arg(dir.path().join(&name))
            .output()
            .expect("groff runs");
        let (stdout, stderr) = text(&rendered);
        assert!(
            rendered.status.success() && stderr.is_empty(),
            "{name}: {stderr}"
        );
        if name == "wamm-campaign-report.1" {
            assert!(stdout.contains("EXAMPLES"), "{stdout}");
            assert!(
                stdout.contains("wamm campaign report --journal spring.journal --json"),
                "an example reads as typed: {stdout}"
            );
        }
    }
}
