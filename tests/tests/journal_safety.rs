//! The journal against a careful operator and an adversary: one writer at a time, SIGTERM as
//! graceful as Ctrl-C, private files, exports that never destroy it, reports that never write
//! it. The real `wamm` binary against a real sandbox.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;
use wamm_e2e::{CampaignFiles, TOKEN, campaign_report, code, sandbox, state_count, text, wamm};
use wamm_sandbox::{Sandbox, SandboxConfig};

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("safety", 60, 8);

type Files = CampaignFiles;

fn campaign(sandbox: &Sandbox, files: &Files, args: &[&str]) -> Command {
    files.command(&sandbox.base_url(), sandbox.phone_number_id(), args)
}

fn start_run(sandbox: &Sandbox, files: &Files) -> Child {
    let mut command = campaign(
        sandbox,
        files,
        &[
            "run",
            "--campaign",
            &files.arg("campaign.toml"),
            "--recipients",
            &files.arg("recipients.csv"),
            "--json",
        ],
    );
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    command.spawn().unwrap()
}

async fn wait(child: Child) -> Output {
    tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// `wamm campaign resume <args> --journal <journal>` against `sandbox`.
fn resume_at(sandbox: &Sandbox, journal: &Path, args: &[&str]) -> Command {
    let mut command = wamm();
    command
        .args(["campaign", "resume"])
        .args(args)
        .arg("--journal")
        .arg(journal)
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    command
}

fn report(journal: &Path) -> Value {
    campaign_report(journal)
}

fn count(report: &Value, state: &str) -> u64 {
    state_count(report, state)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A second writer is refused at once, naming the first; a report reads the live journal;
/// SIGTERM stops the run like Ctrl-C, with every request in flight answered and recorded; the
/// journal's files are private.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_writer_at_a_time_and_sigterm_stops_gracefully() {
    let sandbox = sandbox().await;
    let files = Files::new(CAMPAIGN, 400);
    let run = start_run(&sandbox, &files);
    tokio::time::sleep(Duration::from_millis(1200)).await;

    let journal = files.path("journal");
    for name in ["journal", "journal-wal", "journal-shm", "journal.lock"] {
        assert_eq!(mode(&files.path(name)), 0o600, "{name} is private");
    }
    for args in [vec!["resume"], vec!["resume", "--resend-unknown"]] {
        let out = wamm_e2e::finished(campaign(&sandbox, &files, &args)).await;
        let (_, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("in use by another wamm process"),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("pid {}", run.id())), "{stderr}");
    }
    let live = report(&journal);
    assert!(count(&live, "sent") > 0, "{live}");

    signal(&run, "TERM");
    let out = wait(run).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("SIGTERM"), "{stderr}");
    let stopped = report(&journal);
    assert_eq!(count(&stopped, "unknown"), 0, "graceful: {stopped}");
    assert_eq!(count(&stopped, "in_flight"), 0, "{stopped}");
    assert_eq!(
        count(&stopped, "sent") as usize,
        sandbox.messages().len(),
        "every created message is recorded sent"
    );

    // The lock went with the process: resume now works, and finishes exactly once.
    let out = wamm_e2e::finished(campaign(&sandbox, &files, &["resume", "--mps", "0"])).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let mut users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    users.sort();
    let before = users.len();
    users.dedup();
    assert_eq!((before, users.len()), (400, 400), "each once");
}

/// The writer lock is on the journal file, not its name: a resume through a hard link, a
/// symlink or another spelling of the path is refused while a run writes the journal, and
/// nothing is sent twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_writer_through_another_name_is_refused() {
    let sandbox = sandbox().await;
    let files = Files::new(CAMPAIGN, 400);
    let run = start_run(&sandbox, &files);
    tokio::time::sleep(Duration::from_millis(1200)).await;

    let journal = files.path("journal");
    let elsewhere = tempfile::tempdir().unwrap();
    let hard = elsewhere.path().join("hard.journal");
    let soft = elsewhere.path().join("soft.journal");
    std::os::unix::fs::symlink(&journal, &soft).unwrap();
    let dotted = files.path(".").join("journal");
    for name in [&soft, &dotted] {
        let out = wamm_e2e::finished(resume_at(&sandbox, name, &["--resend-unknown"])).await;
        let (_, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{}: {stderr}", name.display());
        assert!(
            stderr.contains("in use by another wamm process"),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("pid {}", run.id())), "{stderr}");
    }
    // A second hard name is refused whoever runs (and while it exists, every name is):
    // SQLite's log is named after one name.
    std::fs::hard_link(&journal, &hard).unwrap();
    let out = wamm_e2e::finished(resume_at(&sandbox, &hard, &["--resend-unknown"])).await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("has 2 names (hard links)"), "{stderr}");

    signal(&run, "KILL");
    let _ = wait(run).await;
    // After a crash too, when the latest commits are only in `journal-wal`: through the hard
    // link the journal would look as it was at its last checkpoint, and rows sent since would
    // go again. Refused, by report and resume alike.
    for command in ["report", "resume"] {
        let out = if command == "report" {
            wamm()
                .args(["campaign", "report", "--journal"])
                .arg(&hard)
                .output()
                .unwrap()
        } else {
            wamm_e2e::finished(resume_at(&sandbox, &hard, &["--mps", "0"])).await
        };
        let (_, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{command}: {stderr}");
        assert!(
            stderr.contains("has 2 names (hard links)"),
            "{command}: {stderr}"
        );
    }
    // With the extra name gone, through the symbolic link (resolved to the journal): the
    // campaign is finished exactly once.
    std::fs::remove_file(&hard).unwrap();
    // A report through the symbolic link reads the same journal, its log included.
    assert_eq!(report(&soft)["states"], report(&journal)["states"]);
    let out = wamm_e2e::finished(resume_at(&sandbox, &soft, &["--mps", "0"])).await;
    let unknown = count(&report(&journal), "unknown");
    let expected = if unknown > 0 { 5 } else { 0 };
    assert_eq!(code(&out), expected, "{unknown} unknown: {}", text(&out).1);
    let mut users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    users.sort();
    let before = users.len();
    users.dedup();
    assert_eq!(before, users.len(), "each at most once");
    let report = report(&journal);
    assert_eq!(
        count(&report, "sent") + count(&report, "unknown"),
        400,
        "none lost"
    );
}

/// `report --export` onto the journal itself, or a link to it, is refused and leaves it whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_onto_the_journal_is_refused() {
    let sandbox = sandbox().await;
    let files = Files::new(CAMPAIGN, 20);
    let out = wait(start_run(&sandbox, &files)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let journal = files.path("journal");
    std::os::unix::fs::symlink(&journal, files.path("link.csv")).unwrap();
    for target in [
        files.arg("journal"),
        files.arg("link.csv"),
        files.arg("journal-wal"),
    ] {
        let out = wamm()
            .args([
                "campaign",
                "report",
                "--journal",
                &files.arg("journal"),
                "--export",
                &target,
            ])
            .output()
            .unwrap();
        let (_, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{target}: {stderr}");
        assert!(stderr.contains("is the journal"), "{stderr}");
        assert_eq!(
            count(&report(&journal), "sent"),
            20,
            "the journal is intact"
        );
    }
    // A real export is private and complete.
    let export = files.path("out.csv");
    let out = wamm()
        .args([
            "campaign",
            "report",
            "--journal",
            &files.arg("journal"),
            "--export",
        ])
        .arg(&export)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert_eq!(mode(&export), 0o600);
    assert_eq!(
        std::fs::read_to_string(&export).unwrap().lines().count(),
        21
    );
}

/// `report --export` onto any file the report reads (the event store, the recipient list, the
/// campaign file), by its name, `./name` or a hard link, is refused and leaves it whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_onto_any_input_is_refused() {
    let sandbox = sandbox().await;
    let files = Files::new(CAMPAIGN, 5);
    let out = wait(start_run(&sandbox, &files)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let store = files.arg("events.db");
    let add = wamm()
        .args(["suppression", "add", "447700900999", "--store", &store])
        .output()
        .unwrap();
    assert_eq!(code(&add), 0, "{}", text(&add).1);
    std::fs::hard_link(files.path("events.db"), files.path("events-link.db")).unwrap();
    std::fs::hard_link(files.path("recipients.csv"), files.path("list-link.csv")).unwrap();
    let list_before = std::fs::read(files.path("recipients.csv")).unwrap();
    let campaign_before = std::fs::read(files.path("campaign.toml")).unwrap();
    let dotted = |name: &str| files.path(".").join(name).display().to_string();
    for (target, what) in [
        (store.clone(), "the event store"),
        (dotted("events.db"), "the event store"),
        (files.arg("events-link.db"), "the event store"),
        (files.arg("recipients.csv"), "the recipient list"),
        (files.arg("list-link.csv"), "the recipient list"),
        (dotted("campaign.toml"), "the campaign file"),
    ] {
        let out = wamm()
            .args(["campaign", "report", "--journal", &files.arg("journal")])
            .args(["--events", &store, "--export", &target])
            .output()
            .unwrap();
        let (_, stderr) = text(&out);
        assert_eq!(code(&out), 2, "{target}: {stderr}");
        assert!(stderr.contains(what), "{target}: {stderr}");
    }
    let list = wamm()
        .args(["suppression", "list", "--store", &store])
        .output()
        .unwrap();
    assert_eq!(code(&list), 0, "the store is intact: {}", text(&list).1);
    assert!(text(&list).0.contains("447700900999"), "{}", text(&list).0);
    assert_eq!(
        std::fs::read(files.path("recipients.csv")).unwrap(),
        list_before
    );
    assert_eq!(
        std::fs::read(files.path("campaign.toml")).unwrap(),
        campaign_before
    );
    // `--export -` is standard output, not a file named `-`: one CSV line per row.
    let out = wamm()
        .current_dir(files.path("."))
        .args(["campaign", "report", "--journal", &files.arg("journal")])
        .args(["--events", &store, "--export", "-"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert_eq!(
        stdout.lines().count(),
        1 + 5,
        "a header and five rows: {stdout}"
    );
    assert!(
        stdout.lines().skip(1).all(|l| l.contains(",sent,")),
        "{stdout}"
    );
    assert!(!files.path("-").exists());
    // `-.jsonl`, given as its own argument: JSON Lines on standard output.
    let out = wamm()
        .current_dir(files.path("."))
        .args(["campaign", "report", "--journal", &files.arg("journal")])
        .args(["--export", "-.jsonl"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    for line in stdout.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        assert_eq!(row["state"], "sent", "{line}");
    }
}

/// A report never writes the journal: a copy is read as it is, byte for byte unchanged, with no
/// companion files created.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_never_writes_the_journal() {
    let sandbox = sandbox().await;
    let files = Files::new(CAMPAIGN, 10);
    let out = wait(start_run(&sandbox, &files)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.journal");
    std::fs::copy(files.path("journal"), &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let report = report(&copy);
    assert_eq!(count(&report, "sent"), 10, "{report}");
    assert_eq!(std::fs::read(&copy).unwrap(), before, "unchanged");
    let names: Vec<String> = std::fs::read_dir(copy_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["copy.journal"], "no -wal, -shm or lock file");
}

/// A second signal does not wait for answers: the process quits at once (exit 130), and what
/// was in flight is found in flight by the next run and recorded unknown, never sent again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sigterm_quits_at_once_and_nothing_is_sent_twice() {
    // Every answer takes 30 s: the first SIGTERM would wait for them.
    let slow = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        faults: wamm_sandbox::FaultSpec::parse("slow=1,delay=30s").unwrap(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let files = Files::new(CAMPAIGN, 100);
    let run = start_run(&slow, &files);
    // The first TERM must find the run sending (its handler installed, requests waiting), not
    // starting up on a loaded machine.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while slow.stats().requests == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    signal(&run, "TERM");
    // Signals that arrive together may be delivered as one: let the first be seen.
    tokio::time::sleep(Duration::from_millis(500)).await;
    signal(&run, "TERM");
    let started = std::time::Instant::now();
    let out = wait(run).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 130, "{stdout}\n{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "did not wait for the answers"
    );
    assert!(stderr.contains("quitting now"), "{stderr}");
    let created_first: Vec<String> = slow.messages().into_iter().map(|m| m.user).collect();
    assert!(!created_first.is_empty(), "requests were in flight");

    // The rest goes to a sandbox that answers: in-flight rows become unknown, not resent.
    let fast = sandbox().await;
    let out = wamm_e2e::finished(campaign(&fast, &files, &["resume", "--mps", "0"])).await;
    assert_eq!(code(&out), 5, "{}", text(&out).1);
    let resent: Vec<String> = fast
        .messages()
        .into_iter()
        .map(|m| m.user)
        .filter(|u| created_first.contains(u))
        .collect();
    assert!(resent.is_empty(), "sent twice: {resent:?}");
    let report = report(&files.path("journal"));
    // Every row that was in flight is unknown: those that reached the sandbox and those
    // reserved but not yet sent (the process could not tell), never more than the window
    // (8 connections and 4 reserved ahead at 60/s).
    let unknown = count(&report, "unknown") as usize;
    assert!((created_first.len()..=12).contains(&unknown), "{report}");
    assert_eq!(count(&report, "sent") as usize + unknown, 100, "{report}");
}
