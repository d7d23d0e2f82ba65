//! Every example we publish runs and is accepted.
//!
//! The documents are README.md and every guide in `docs/` (`docs/*.md`), found by listing the
//! directory, so a new guide's examples run without a change here.
//!
//! - Each command in the documents' shell blocks, and in the `Examples:` of every subcommand's
//!   `--help` (subcommands are discovered from `wamm --help`), runs as written, through `sh`,
//!   against a sandbox, and must exit 0 (or the code a comment just above it names: `# exits 2`).
//! - Each campaign file the documents show (a `toml` block with a `[message` table) runs.
//! - No `--help` text and no `wamm campaign schema` description shows rustdoc source.
//! - Each Rust block in the documents is the visible part of a doc example in `marketing` that
//!   `cargo test` runs against a sandbox.
//!
//! How a list of examples is run, like a user with a terminal would:
//!
//! - In a fresh temporary directory holding a copy of the repository's `examples/`, which is
//!   also `$HOME` (so `~/...` stays inside it); the parent directory of a `> FILE` redirect is
//!   created first.
//! - With `wamm` on `PATH` (the binary under test; `target/release/wamm` is read as `wamm`),
//!   and the environment the campaign walk-through exports: the sandbox's URL in
//!   `WAMM_BASE_URL`, its phone number ID and token in `WHATSAPP_PHONE_NUMBER_ID` and
//!   `WHATSAPP_ACCESS_TOKEN`. `export` lines add to it for the commands that follow.
//! - Against a sandbox started for that list. An example that runs `wamm sandbox` starts that
//!   sandbox (on a free port), must print `listening on`, and serves the commands after it
//!   until the next one, as it would in the terminal next door. `127.0.0.1:8080`, the address
//!   the examples use, is replaced by the address of the sandbox in use. `wamm webhook serve`
//!   likewise starts a receiver (`127.0.0.1:8090` becomes a free port) that must answer the
//!   handshake with `examples/verify-token.txt`.
//! - `postgres://wamm@127.0.0.1:5432/wamm`, the database the examples use, is replaced by a new
//!   database on a real PostgreSQL server (`wamm_testkit::postgres`); where PostgreSQL is not
//!   installed, the examples that name it are skipped and say so.
//! - Commands run in order, one session per document (a guide's commands may use what its
//!   earlier ones made, never what another document's made); the examples under one subcommand (`campaign run`, `resume`,
//!   `report`, `schema`) share a directory, so the journal `run` creates is there for `resume`
//!   and `report`. A parent's own examples (`wamm campaign --help`) get a directory of their own.
//! - `curl URL` is done by the test itself (curl may not be installed) and must answer 200.
//!   Commands whose first word is in [`NOT_RUN`] are skipped, and say so; any other command
//!   that is not a `wamm` command fails the test, so nothing is skipped silently.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use wamm_e2e::{wamm, wamm_bin, without_wamm_settings, workspace_root};
use wamm_sandbox::{DEFAULT_PHONE_NUMBER_ID, DEFAULT_TOKEN, Sandbox, SandboxConfig};

/// The sandbox address examples use; the test puts the address of its sandbox in its place.
const EXAMPLE_ADDR: &str = "127.0.0.1:8080";

/// The address the examples give `wamm webhook serve`; replaced by a free port.
const RECEIVER_ADDR: &str = "127.0.0.1:8090";

/// The PostgreSQL database examples use; the test puts a new database on a real server (see
/// `wamm_testkit::postgres`) in its place, one per list of examples.
const EXAMPLE_DATABASE: &str = "postgres://wamm@127.0.0.1:5432/wamm";

/// Commands the test does not run, by first word, and why. Every other command runs.
const NOT_RUN: &[(&str, &str)] = &[(
    "cargo",
    "builds or tests this workspace; this test already runs inside `cargo test` and runs \
     `wamm` from the same build",
)];

/// The longest one example may take (`wamm demo` takes a few seconds).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// How long a `wamm sandbox` example may take to print `listening on`.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(30);

/// Doc examples a document's Rust block may be: files whose doc comments (or text, for `.md`)
/// hold them.
const DOC_SOURCES: &[&str] = &[
    "crates/marketing/src/client.rs",
    "crates/marketing/src/lib.rs",
    "crates/marketing/GUIDE.md",
];

/// One command of an example list.
#[derive(Debug, Clone)]
struct Example {
    /// Where the list comes from: `README.md`, `docs/campaigns.md` or `wamm send --help`.
    origin: String,
    /// The line the command starts on, in that text.
    line: usize,
    /// The command, continuation lines joined.
    text: String,
    /// The exit code it must end with.
    exit: i32,
}

impl Example {
    fn at(&self) -> String {
        format!("{} line {}: `{}`", self.origin, self.line, self.text)
    }
}

/// Commands in shell lines: `\` continues a line, `#` starts a comment; a comment naming
/// `exits N` sets the exit code the next command must end with.
fn commands(origin: &str, lines: &[(usize, &str)]) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    let mut exit = 0;
    for &(number, raw) in lines {
        let line = raw.trim();
        let (part, continues) = match line.strip_suffix('\\') {
            Some(part) => (part.trim_end(), true),
            None => (line, false),
        };
        let (start, text) = match pending.take() {
            Some((start, mut text)) => {
                text.push(' ');
                text.push_str(part);
                (start, text)
            }
            None if line.is_empty() => continue,
            None if line.starts_with('#') => {
                if let Some(code) = exit_annotation(line) {
                    exit = code;
                }
                continue;
            }
            None => (number, part.to_string()),
        };
        if continues {
            pending = Some((start, text));
        } else {
            examples.push(Example {
                origin: origin.to_string(),
                line: start,
                text,
                exit: std::mem::take(&mut exit),
            });
        }
    }
    if let Some((line, text)) = pending {
        examples.push(Example {
            origin: origin.to_string(),
            line,
            text,
            exit,
        });
    }
    examples
}

/// `N` from a comment such as `# exits 2: the second file is invalid`.
fn exit_annotation(comment: &str) -> Option<i32> {
    let lower = comment.to_ascii_lowercase();
    let rest = &lower[lower.find("exits ")? + "exits ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A fenced block of a Markdown text.
struct Fenced {
    /// The info string (`sh`, `rust`, `no_run`, ...).
    info: String,
    /// Its lines, with their 1-based line numbers.
    lines: Vec<(usize, String)>,
}

/// The fenced blocks of `lines` (numbered from 1).
fn fenced_blocks<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<Fenced> {
    let mut blocks = Vec::new();
    let mut open: Option<Fenced> = None;
    for (number, line) in lines {
        let trimmed = line.trim_start();
        match (open.take(), trimmed.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Fenced {
                    info: info.trim().to_string(),
                    lines: Vec::new(),
                });
            }
            (Some(block), Some(_)) => blocks.push(block),
            (Some(mut block), None) => {
                block.lines.push((number, line.to_string()));
                open = Some(block);
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The documents whose examples run: README.md, then every `docs/*.md` by name. Each is its
/// path from the workspace root, and its text.
fn documents() -> Vec<(String, String)> {
    let root = workspace_root();
    let mut guides: Vec<String> = fs::read_dir(root.join("docs"))
        .expect("docs/ is readable")
        .map(|entry| entry.expect("directory entry").file_name())
        .filter_map(|name| name.to_str().map(str::to_string))
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    guides.sort();
    assert!(!guides.is_empty(), "docs/ holds no guides");
    std::iter::once("README.md".to_string())
        .chain(guides)
        .map(|path| {
            let text = fs::read_to_string(root.join(&path)).expect("the document is readable");
            (path, text)
        })
        .collect()
}

/// The fenced blocks of a document's text.
fn blocks_of(text: &str) -> Vec<Fenced> {
    fenced_blocks(text.lines().enumerate().map(|(i, line)| (i + 1, line)))
}

/// The commands in a document's shell blocks (`sh`, `bash`, `shell`, and the `$ ` lines of
/// `console` blocks); `origin` names the document.
fn document_commands(origin: &str, text: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    for block in blocks_of(text) {
        let lines: Vec<(usize, &str)> = match block.info.as_str() {
            "sh" | "bash" | "shell" => block.lines.iter().map(|(n, l)| (*n, l.as_str())).collect(),
            "console" => {
                let mut kept = Vec::new();
                let mut continued = false;
                for (n, line) in &block.lines {
                    let command = line.strip_prefix("$ ");
                    if let Some(command) = command.or(continued.then_some(line.as_str())) {
                        kept.push((*n, command));
                        continued = command.trim_end().ends_with('\\');
                    }
                }
                kept
            }
            _ => continue,
        };
        examples.extend(commands(origin, &lines));
    }
    examples
}

/// The commands in the `Examples:` section of a help text: the indented block under that
/// heading, which ends at the first line that is not indented (prose, or the next heading).
fn help_commands(origin: &str, help: &str) -> Option<Vec<Example>> {
    let lines: Vec<(usize, &str)> = help.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let start = lines.iter().position(|(_, l)| l.trim() == "Examples:")?;
    let block: Vec<(usize, &str)> = lines[start + 1..]
        .iter()
        .take_while(|(_, l)| l.starts_with(' ') || l.trim().is_empty())
        .copied()
        .collect();
    Some(commands(origin, &block))
}

/// A sandbox's `host:port`.
fn address(url: &str) -> &str {
    url.trim_start_matches("http://").trim_end_matches('/')
}

/// `sh` running `script` in `dir` with `wamm` on the path and the sandbox's settings.
fn shell(script: &str, dir: &Path, base_url: &str) -> Command {
    let bin_dir = wamm_bin().parent().expect("the binary is in a directory");
    let path = match std::env::var_os("PATH") {
        Some(path) => {
            let mut dirs = vec![bin_dir.to_path_buf()];
            dirs.extend(std::env::split_paths(&path));
            std::env::join_paths(dirs).expect("PATH joins")
        }
        None => bin_dir.as_os_str().to_owned(),
    };
    let mut command = Command::new("sh");
    without_wamm_settings(&mut command)
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env("WAMM_BASE_URL", base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", DEFAULT_PHONE_NUMBER_ID)
        .env("WHATSAPP_ACCESS_TOKEN", DEFAULT_TOKEN)
        .stdin(Stdio::null())
        // Its own process group, so a command that hangs is stopped with all its processes.
        .process_group(0);
    command
}

/// Stops a process group this test started, then reaps its leader.
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create directory");
    for entry in fs::read_dir(from).expect("read directory") {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The last `limit` characters of a file, for failure messages.
fn tail(path: &Path, limit: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let start = text.char_indices().rev().nth(limit).map_or(0, |(i, _)| i);
    text[start..].trim_end().to_string()
}

/// One terminal session: a directory, the exports so far, and the sandbox in use.
struct Session<'a> {
    runtime: &'a tokio::runtime::Runtime,
    work: tempfile::TempDir,
    logs: tempfile::TempDir,
    exports: Vec<String>,
    /// The URL of the sandbox the commands go to.
    base_url: String,
    /// A sandbox an example started (`wamm sandbox ...`), serving until the next one.
    started: Option<Child>,
    /// A webhook receiver an example started (`wamm webhook serve ...`), likewise.
    receiver: Option<Child>,
    /// Where that receiver listens: replaces [`RECEIVER_ADDR`] in the commands after it.
    receiver_addr: String,
    /// The database that replaces [`EXAMPLE_DATABASE`], made when an example first names it;
    /// `Some(None)` when PostgreSQL is not installed (those examples are skipped, saying so).
    database: Option<Option<String>>,
    /// Commands run and skipped, for the summary.
    ran: usize,
    failures: Vec<String>,
}

impl<'a> Session<'a> {
    fn new(runtime: &'a tokio::runtime::Runtime, sandbox: &Sandbox) -> Self {
        let work = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &workspace_root().join("examples"),
            &work.path().join("examples"),
        );
        Self {
            runtime,
            work,
            logs: tempfile::tempdir().expect("temp dir"),
            exports: Vec::new(),
            base_url: sandbox.base_url(),
            started: None,
            receiver: None,
            receiver_addr: RECEIVER_ADDR.to_string(),
            database: None,
            ran: 0,
            failures: Vec::new(),
        }
    }

    fn run(&mut self, example: &Example) {
        let text = example
            .text
            .replace("target/release/wamm", "wamm")
            .replace("target/debug/wamm", "wamm");
        let words: Vec<&str> = text.split_whitespace().collect();
        let first = words.first().copied().unwrap_or_default();
        if let Some((_, why)) = NOT_RUN.iter().find(|(word, _)| *word == first) {
            eprintln!("not run ({why}): {}", example.at());
            return;
        }
        if text.contains(EXAMPLE_DATABASE)
            || self.exports.iter().any(|e| e.contains(EXAMPLE_DATABASE))
        {
            let database = self
                .database
                .get_or_insert_with(|| wamm_testkit::postgres::database("document examples"));
            if database.is_none() {
                eprintln!("not run (PostgreSQL is not installed): {}", example.at());
                if first == "export" {
                    self.exports.push(text);
                }
                return;
            }
        }
        eprintln!("running {}", example.at());
        match first {
            "export" => self.exports.push(text),
            "curl" => self.curl(example, &words),
            "wamm" if words.get(1) == Some(&"sandbox") => self.start_sandbox(example, &text),
            "wamm" if words.get(1..3) == Some(&["webhook", "serve"]) => {
                self.start_receiver(example, &text)
            }
            _ if words.contains(&"wamm") => self.run_command(example, &text),
            _ => self.fail(
                example,
                "is not a wamm command, nor one this test does itself (export, curl) or \
                 skips (NOT_RUN)",
            ),
        }
    }

    fn fail(&mut self, example: &Example, what: &str) {
        self.failures.push(format!("{} {what}", example.at()));
    }

    /// The exports so far, then `command`, with the example address replaced by `addr`.
    fn script(&self, command: &str, addr: &str) -> String {
        let mut script = self.exports.join("\n");
        script.push('\n');
        script.push_str(command);
        let script = script
            .replace(EXAMPLE_ADDR, addr)
            .replace(RECEIVER_ADDR, &self.receiver_addr);
        match &self.database {
            Some(Some(url)) => script.replace(EXAMPLE_DATABASE, url),
            _ => script,
        }
    }

    fn log_files(&self, example: &Example) -> (PathBuf, PathBuf) {
        let stem = format!("{}-{}", self.ran, example.line);
        (
            self.logs.path().join(format!("{stem}.out")),
            self.logs.path().join(format!("{stem}.err")),
        )
    }

    fn run_command(&mut self, example: &Example, text: &str) {
        self.ran += 1;
        let home = self.work.path();
        let words: Vec<&str> = text.split_whitespace().collect();
        for pair in words.windows(2) {
            if pair[0] == ">" || pair[0] == ">>" {
                let target = match pair[1].strip_prefix("~/") {
                    Some(rest) => home.join(rest),
                    None => home.join(pair[1]),
                };
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).expect("create the redirect's directory");
                }
            }
        }
        let script = self.script(text, address(&self.base_url));
        let (out, err) = self.log_files(example);
        let mut command = shell(&script, home, &self.base_url);
        command
            .stdout(File::create(&out).expect("log file"))
            .stderr(File::create(&err).expect("log file"));
        let mut child = command.spawn().expect("sh runs");
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        let status = loop {
            match child.try_wait().expect("wait for sh") {
                Some(status) => break Some(status),
                None if Instant::now() > deadline => {
                    stop(&mut child);
                    break None;
                }
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        let code = status.and_then(|s| s.code());
        if code != Some(example.exit) {
            let ended = match (status, code) {
                (None, _) => format!("did not finish in {COMMAND_TIMEOUT:?}"),
                (Some(_), Some(code)) => format!("exited {code}"),
                (Some(status), None) => format!("ended by {status}"),
            };
            let what = format!(
                "{ended}, expected exit {}\n  stdout: {}\n  stderr: {}",
                example.exit,
                tail(&out, 1500),
                tail(&err, 1500)
            );
            self.fail(example, &what);
        }
    }

    /// Starts the sandbox an example describes; it serves the commands that follow.
    fn start_sandbox(&mut self, example: &Example, text: &str) {
        if let Some(mut previous) = self.started.take() {
            stop(&mut previous);
        }
        if let Some((url, child)) = self.start_server(example, text) {
            self.base_url = url;
            self.started = Some(child);
        }
    }

    /// Starts the webhook receiver an example describes (on a free port); it must print where
    /// it listens and answer Meta's handshake with the verify token the examples use.
    fn start_receiver(&mut self, example: &Example, text: &str) {
        if let Some(mut previous) = self.receiver.take() {
            stop(&mut previous);
        }
        let text = text.replace(RECEIVER_ADDR, "127.0.0.1:0");
        let Some((url, child)) = self.start_server(example, &text) else {
            return;
        };
        self.receiver = Some(child);
        self.receiver_addr = address(&url)
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let token = fs::read_to_string(self.work.path().join("examples/verify-token.txt"))
            .unwrap_or_default();
        let url = format!(
            "{url}?hub.mode=subscribe&hub.verify_token={}&hub.challenge=42",
            token.trim()
        );
        let answer = self.runtime.block_on(async {
            let client = reqwest::Client::builder().no_proxy().build()?;
            client.get(&url).send().await?.text().await
        });
        if answer.as_deref().ok() != Some("42") {
            self.fail(
                example,
                &format!("did not answer the handshake: {answer:?}"),
            );
        }
    }

    /// Starts a server that prints `listening on URL` first; returns the URL and the process.
    fn start_server(&mut self, example: &Example, text: &str) -> Option<(String, Child)> {
        self.ran += 1;
        let script = self.script(&format!("exec {text}"), "127.0.0.1:0");
        let (_, err) = self.log_files(example);
        let mut command = shell(&script, self.work.path(), &self.base_url);
        command
            .stdout(Stdio::piped())
            .stderr(File::create(&err).expect("log file"));
        let mut child = command.spawn().expect("sh runs");
        let stdout = child.stdout.take().expect("piped stdout");
        let (first_line, lines) = mpsc::channel();
        // Reads the first line for the test, then keeps draining so the sandbox never blocks
        // on a full pipe.
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            if reader.read_line(&mut line).is_ok() {
                let _ = first_line.send(line);
            }
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        match lines.recv_timeout(LISTEN_TIMEOUT) {
            Ok(line) if line.starts_with("listening on http://") => {
                Some((line["listening on ".len()..].trim().to_string(), child))
            }
            outcome => {
                stop(&mut child);
                let what = format!(
                    "did not start: first line {:?}\n  stderr: {}",
                    outcome.unwrap_or_default(),
                    tail(&err, 1500)
                );
                self.fail(example, &what);
                None
            }
        }
    }

    /// `curl URL`: a GET that must answer 200.
    fn curl(&mut self, example: &Example, words: &[&str]) {
        self.ran += 1;
        let (token, url) = match words {
            [_, url] => (None, *url),
            [_, "--oauth2-bearer", token, url] => (Some(*token), *url),
            _ => {
                return self.fail(
                    example,
                    "is a curl command this test cannot do (only `curl [--oauth2-bearer TOKEN] URL`)",
                );
            }
        };
        let url = url.replace(EXAMPLE_ADDR, address(&self.base_url));
        let result = self.runtime.block_on(async {
            let client = reqwest::Client::builder().no_proxy().build()?;
            let mut request = client.get(&url);
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send().await
        });
        match result {
            Ok(response) if response.status() == reqwest::StatusCode::OK => {}
            Ok(response) => self.fail(example, &format!("answered {}", response.status())),
            Err(error) => self.fail(example, &format!("failed: {error}")),
        }
    }

    /// Runs `examples` in order; returns the failures.
    fn run_all(mut self, examples: &[Example]) -> (usize, Vec<String>) {
        for example in examples {
            self.run(example);
        }
        for mut child in [self.started.take(), self.receiver.take()]
            .into_iter()
            .flatten()
        {
            stop(&mut child);
        }
        (self.ran, self.failures)
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runs `examples` in one session against a fresh sandbox.
fn run_examples(runtime: &tokio::runtime::Runtime, examples: &[Example]) -> (usize, Vec<String>) {
    let sandbox = runtime
        .block_on(Sandbox::start(SandboxConfig::default()))
        .expect("sandbox starts");
    let outcome = Session::new(runtime, &sandbox).run_all(examples);
    runtime.block_on(sandbox.shutdown());
    outcome
}

/// `wamm ARGS --help`.
fn help(args: &[&str]) -> String {
    let output = wamm().args(args).arg("--help").output().expect("wamm runs");
    assert!(
        output.status.success(),
        "wamm {} --help failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("help is UTF-8")
}

/// The subcommands a help text lists under `Commands:` (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every help text: `wamm --help`, then each subcommand's, each followed by its own
/// subcommands'. Each entry is the command's words and its help.
fn every_help() -> Vec<(Vec<String>, String)> {
    fn walk(path: Vec<String>, into: &mut Vec<(Vec<String>, String)>) {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(&args);
        let children = subcommands(&text);
        into.push((path.clone(), text));
        for child in children {
            let mut child_path = path.clone();
            child_path.push(child);
            walk(child_path, into);
        }
    }
    let mut all = Vec::new();
    walk(Vec::new(), &mut all);
    all
}

fn origin(path: &[String]) -> String {
    if path.is_empty() {
        "wamm --help".to_string()
    } else {
        format!("wamm {} --help", path.join(" "))
    }
}

/// Each document's commands run in a session of their own, in the document's order.
#[test]
fn document_commands_run_against_a_sandbox() {
    let runtime = runtime();
    let (mut ran, mut failures) = (0, Vec::new());
    for (path, text) in documents() {
        let examples = document_commands(&path, &text);
        if path == "README.md" {
            let wamm_commands = examples
                .iter()
                .filter(|e| e.text.split_whitespace().any(|w| w.ends_with("wamm")))
                .count();
            assert!(
                wamm_commands >= 5,
                "found only {wamm_commands} wamm commands in README.md's shell blocks: \
                 {examples:#?}"
            );
        }
        if examples.is_empty() {
            continue;
        }
        let (count, mut failed) = run_examples(&runtime, &examples);
        ran += count;
        failures.append(&mut failed);
    }
    assert!(ran >= 30, "ran only {ran} of the documents' commands");
    assert!(
        failures.is_empty(),
        "examples in the documents failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn help_examples_run_against_a_sandbox() {
    let helps = every_help();
    let runtime = runtime();
    let mut failures = Vec::new();
    // A command's own examples run in a session of their own; those of the subcommands of one
    // command (`campaign run`, `resume`, ...) share one, in the order the parent lists them.
    let mut sessions: Vec<(Option<Vec<String>>, Vec<Example>)> = Vec::new();
    for (path, text) in &helps {
        let examples = help_commands(&origin(path), text).unwrap_or_default();
        let shared = (path.len() >= 2).then(|| path[..path.len() - 1].to_vec());
        match sessions.last_mut() {
            Some((key, list)) if shared.is_some() && *key == shared => list.extend(examples),
            _ => sessions.push((shared, examples)),
        }
    }
    let mut ran = 0;
    for (_, examples) in sessions.iter().filter(|(_, list)| !list.is_empty()) {
        let (count, mut failed) = run_examples(&runtime, examples);
        ran += count;
        failures.append(&mut failed);
    }
    assert!(ran >= 10, "ran only {ran} help examples");
    assert!(
        failures.is_empty(),
        "help examples failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_subcommand_has_examples_and_no_help_shows_rustdoc_source() {
    let mut problems = Vec::new();
    for (path, text) in every_help() {
        let origin = origin(&path);
        if text.contains("```") || text.contains("[`") {
            problems.push(format!("{origin} shows rustdoc source:\n{text}"));
        }
        let has_examples = help_commands(&origin, &text).is_some_and(|list| !list.is_empty());
        if !path.is_empty() && !has_examples {
            problems.push(format!("{origin} has no commands under `Examples:`"));
        }
    }
    let schema = wamm()
        .args(["campaign", "schema"])
        .output()
        .expect("wamm runs");
    assert!(schema.status.success());
    let schema = String::from_utf8_lossy(&schema.stdout);
    for line in schema
        .lines()
        .filter(|l| l.contains("```") || l.contains("[`"))
    {
        problems.push(format!("wamm campaign schema shows rustdoc source: {line}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A doc example's visible lines, as rustdoc shows them: `# ` lines hidden, `##` shown as `#`.
fn visible(lines: &[(usize, String)]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|(_, line)| {
            let trimmed = line.trim();
            if trimmed == "#" || trimmed.starts_with("# ") {
                None
            } else if trimmed.starts_with("##") {
                Some(line.replacen("##", "#", 1))
            } else {
                Some(line.clone())
            }
        })
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// The text of a file's doc comments (`///`, `//!`), or the whole text for Markdown, with
/// 1-based line numbers; a line that is not a doc comment ends a doc block.
fn doc_text(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).expect("doc source");
    let markdown = path.extension().is_some_and(|e| e == "md");
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if markdown {
                return (i + 1, line.to_string());
            }
            let doc = line.trim_start();
            let content = doc
                .strip_prefix("///")
                .or_else(|| doc.strip_prefix("//!"))
                .map(|rest| rest.strip_prefix(' ').unwrap_or(rest).to_string());
            // Outside doc comments, a line no fence can match.
            (i + 1, content.unwrap_or_else(|| "\u{0}".to_string()))
        })
        .collect()
}

#[test]
fn rust_blocks_in_the_documents_are_doc_examples_that_run() {
    let root = workspace_root();
    let mut docs = Vec::new();
    for source in DOC_SOURCES {
        let lines = doc_text(&root.join(source));
        for block in fenced_blocks(lines.iter().map(|(n, l)| (*n, l.as_str()))) {
            let line = block.lines.first().map_or(0, |(n, _)| *n);
            docs.push((format!("{source} line {line}"), block));
        }
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, text) in documents() {
        for block in blocks_of(&text).into_iter().filter(|b| b.info == "rust") {
            checked += 1;
            let line = block.lines.first().map_or(0, |(n, _)| *n);
            let shown: Vec<String> = block
                .lines
                .iter()
                .map(|(_, l)| l.trim_end().to_string())
                .collect();
            match docs.iter().find(|(_, doc)| visible(&doc.lines) == shown) {
                None => problems.push(format!(
                    "{path}'s rust block at line {line} is not the visible part of a doc \
                     example in {DOC_SOURCES:?}; make the two the same"
                )),
                Some((at, doc)) if !matches!(doc.info.as_str(), "" | "rust") => {
                    problems.push(format!(
                        "{path}'s rust block at line {line} is {at}, marked `{}`: doc tests do \
                         not run it",
                        doc.info
                    ))
                }
                Some(_) => {}
            }
        }
    }
    assert!(checked > 0, "no document has a rust block");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn commands_are_read_like_a_shell_reads_them() {
    let lines = [
        (1, "# A comment"),
        (2, "wamm send --to 1 \\"),
        (3, "    --body Ana"),
        (4, ""),
        (5, "# exits 2: invalid"),
        (6, "wamm validate bad.json"),
        (7, "wamm demo"),
    ];
    let examples = commands("x", &lines);
    let got: Vec<(usize, &str, i32)> = examples
        .iter()
        .map(|e| (e.line, e.text.as_str(), e.exit))
        .collect();
    assert_eq!(
        got,
        [
            (2, "wamm send --to 1 --body Ana", 0),
            (6, "wamm validate bad.json", 2),
            (7, "wamm demo", 0),
        ]
    );
    let help = "About\n\nExamples:\n  # one\n  wamm a \\\n      --b\n\n  wamm c\nProse.\n  0  not a command\n";
    let got: Vec<String> = help_commands("h", help)
        .unwrap()
        .into_iter()
        .map(|e| format!("{}:{}", e.line, e.text))
        .collect();
    assert_eq!(got, ["5:wamm a --b", "8:wamm c"]);
    assert!(help_commands("h", "no examples").is_none());
}

/// Each campaign file in the documents (a `toml` block with a `[message` table) is a campaign
/// `wamm campaign run` accepts and sends, with the walk-through's recipient list.
#[test]
fn campaign_files_in_the_documents_run_against_a_sandbox() {
    let files: Vec<(String, Fenced)> = documents()
        .into_iter()
        .flat_map(|(path, text)| {
            blocks_of(&text)
                .into_iter()
                .filter(|b| {
                    b.info == "toml" && b.lines.iter().any(|(_, l)| l.starts_with("[message"))
                })
                .map(move |block| (path.clone(), block))
        })
        .collect();
    assert!(!files.is_empty(), "no document shows a campaign file");
    let runtime = runtime();
    // The sender pool's example sends from a second number too.
    let mut config = SandboxConfig::default();
    config
        .phone_numbers
        .push(wamm_sandbox::PhoneNumber::onboarded("106540352242923"));
    let sandbox = runtime.block_on(Sandbox::start(config)).expect("sandbox");
    for (path, block) in files {
        let dir = tempfile::tempdir().expect("temp dir");
        let campaign = dir.path().join("campaign.toml");
        let text: Vec<&str> = block.lines.iter().map(|(_, l)| l.as_str()).collect();
        fs::write(&campaign, text.join("\n")).expect("write");
        let mut command = wamm();
        without_wamm_settings(&mut command)
            .args(["campaign", "run", "--campaign"])
            .arg(&campaign)
            .arg("--recipients")
            .arg(workspace_root().join("examples/recipients.csv"))
            .arg("--journal")
            .arg(dir.path().join("journal"))
            .args(["--mps", "0"])
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", DEFAULT_PHONE_NUMBER_ID)
            .env("WHATSAPP_ACCESS_TOKEN", DEFAULT_TOKEN);
        let out = command.output().expect("run wamm");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{path} line {}: the campaign file did not run:\n{}",
            block.lines[0].0,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    runtime.block_on(sandbox.shutdown());
}

/// A heading's anchor as GitHub makes it: lower case, spaces to `-`, other punctuation gone.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown text's headings (outside fenced blocks).
fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.push(anchor(line.trim_start_matches('#')));
        }
    }
    found
}

/// The targets of a Markdown text's inline links (`[text](target)`), with their line numbers.
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            if let Some(end) = rest.find(')') {
                found.push((i + 1, rest[..end].to_string()));
                rest = &rest[end..];
            }
        }
    }
    found
}

/// Every relative link in the README, the guides, ARCHITECTURE.md and BENCHMARKS.md names a
/// file that exists and, after `#`, a heading that file has: moving a section must move its
/// links too.
#[test]
fn links_in_the_documents_resolve() {
    let root = workspace_root();
    let mut documents = documents();
    for extra in ["ARCHITECTURE.md", "BENCHMARKS.md"] {
        let text = fs::read_to_string(root.join(extra)).expect("the document is readable");
        documents.push((extra.to_string(), text));
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, text) in &documents {
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for (line, target) in link_targets(text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (file, fragment) = match target.split_once('#') {
                Some((file, fragment)) => (file, Some(fragment)),
                None => (target.as_str(), None),
            };
            let linked = if file.is_empty() {
                root.join(path)
            } else {
                root.join(dir).join(file)
            };
            if !linked.exists() {
                problems.push(format!("{path} line {line}: {target}: no such file"));
                continue;
            }
            if let Some(fragment) = fragment {
                let text = fs::read_to_string(&linked).unwrap_or_default();
                if !anchors(&text).iter().any(|a| a == fragment) {
                    problems.push(format!("{path} line {line}: {target}: no such heading"));
                }
            }
        }
    }
    assert!(checked >= 10, "found only {checked} relative links");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(
        anchor(" Campaigns in PostgreSQL: many workers, many machines"),
        "campaigns-in-postgresql-many-workers-many-machines"
    );
    assert_eq!(
        anchor("The low-level client (`wamm-client`)"),
        "the-low-level-client-wamm-client"
    );
    assert_eq!(
        link_targets("see [a](b.md#c) and [d](#e)."),
        [(1, "b.md#c".to_string()), (1, "#e".to_string())]
    );
}
