//! Recipient lists read without loss: a bad line never takes another with it, line numbers
//! stay exact, a read error is an error, and one person written three ways is one recipient.
//! The real `wamm` binary against a real sandbox.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use wamm_e2e::{TOKEN, code, sandbox, text, wamm};
use wamm_sandbox::{Sandbox, SandboxConfig};

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("lists", 0, 4);

async fn run(sandbox: &Sandbox, dir: &Path, list: &Path) -> Output {
    std::fs::write(dir.join("campaign.toml"), CAMPAIGN).unwrap();
    let mut command = wamm();
    command
        .args(["campaign", "run", "--campaign"])
        .arg(dir.join("campaign.toml"))
        .arg("--recipients")
        .arg(list)
        .arg("--journal")
        .arg(dir.join("journal"))
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    wamm_e2e::finished(command).await
}

/// Every journal row, by line.
fn rows(journal: &Path) -> Vec<Value> {
    let export = journal.with_extension("rows.jsonl");
    let out = wamm()
        .args(["campaign", "report", "--journal"])
        .arg(journal)
        .arg("--export")
        .arg(&export)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_with_invalid_utf8_is_one_invalid_row_and_the_next_line_is_sent() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.jsonl");
    let mut bytes = b"{\"phone\": \"447700900101\", \"first_name\": \"Ana\"}\n".to_vec();
    bytes.extend(b"{\"phone\": \"447700900102\", \"first_name\": \"B\xffn\"}\n");
    bytes.extend(b"{\"phone\": \"447700900103\", \"first_name\": \"Cai\"}\n");
    bytes.extend(b"\n{\"phone\": \"447700900105\", \"first_name\": \"Dee\"}\n");
    std::fs::write(&list, bytes).unwrap();
    let out = run(&sandbox, dir.path(), &list).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let rows = rows(&dir.path().join("journal"));
    let by_line: Vec<(u64, &str)> = rows
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        by_line,
        [(1, "sent"), (2, "invalid"), (3, "sent"), (5, "sent")],
        "{rows:#?}"
    );
    let mut users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    users.sort();
    assert_eq!(users, ["447700900101", "447700900103", "447700900105"]);
}

/// A NUL byte in a value is an invalid row naming the field, never sent; the rest is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_with_a_nul_byte_is_an_invalid_row_and_is_not_sent() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    std::fs::write(
        &list,
        b"phone,first_name\n447700900101,An\0a\n447700900102,Bo\n",
    )
    .unwrap();
    let out = run(&sandbox, dir.path(), &list).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let rows = rows(&dir.path().join("journal"));
    assert_eq!(rows[0]["state"], "invalid", "{rows:#?}");
    let reason = rows[0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("parameters[0].text"), "{reason}");
    assert!(reason.contains("NUL"), "{reason}");
    let users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(users, ["447700900102"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_that_cannot_be_read_is_an_error_not_an_empty_list() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("x.jsonl");
    std::fs::create_dir(&list).unwrap();
    let out = run(&sandbox, dir.path(), &list).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("is a directory"), "{stderr}");
    assert!(!stdout.contains("complete"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_person_written_three_ways_gets_one_message_sent_to_the_normalised_number() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    std::fs::write(
        &list,
        "phone,first_name\n+44 7700 900261,Ana\n00447700900261,Ana\n447700900261,Ana\n07700 900262,Ben\n(+55) 11-98765-4321,Cai\n",
    )
    .unwrap();
    let out = run(&sandbox, dir.path(), &list).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let rows = rows(&dir.path().join("journal"));
    let states: Vec<&str> = rows.iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(
        states,
        ["sent", "skipped", "skipped", "invalid", "sent"],
        "{rows:#?}"
    );
    assert!(
        rows[3]["reason"].as_str().unwrap().contains("country code"),
        "{rows:#?}"
    );
    let mut sent: Vec<String> = sandbox
        .messages()
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        ["447700900261", "5511987654321"],
        "the normalised numbers"
    );
}

/// `cat list | wamm campaign run --recipients /dev/stdin`, `<(zcat list.gz)` and a named FIFO
/// give the campaign a pipe, which can be read only once: the count before sending would eat
/// most of it and the run would send the rest and call it complete. A pipe is refused before
/// anything is sent or any journal is made; `/dev/stdin` redirected from a file is a file, and
/// every row of it is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_from_a_pipe_is_refused_before_anything_is_sent() {
    use std::io::Write;
    use std::process::Stdio;
    const ROWS: usize = 100_000;
    // Unpaced, above the default throughput limit: the file's rows must all go, not wait
    // on throttling.
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        mps: 1_000_000,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("phone,first_name\n");
    for i in 0..ROWS {
        csv.push_str(&format!("4477{i:08},Name{i}\n"));
    }
    let list = dir.path().join("list.csv");
    std::fs::write(&list, &csv).unwrap();
    std::fs::write(dir.path().join("campaign.toml"), CAMPAIGN).unwrap();
    let command = |journal: &str, recipients: &str| {
        let mut command = wamm();
        command
            .args(["campaign", "run", "--campaign"])
            .arg(dir.path().join("campaign.toml"))
            .args(["--recipients", recipients, "--journal"])
            .arg(dir.path().join(journal))
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        command
    };

    // Piped into /dev/stdin.
    let mut piped = command("piped.journal", "/dev/stdin");
    let mut child = piped
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // The run may refuse without reading: a closed pipe is fine.
        let _ = stdin.write_all(csv.as_bytes());
    });
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    feeder.join().unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("is a pipe, not a file"), "{stderr}");
    assert!(!dir.path().join("piped.journal").exists());

    // A named FIFO: refused before it is opened.
    let fifo = dir.path().join("list.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = wamm_e2e::finished(command("fifo.journal", &fifo.display().to_string())).await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("is a pipe, not a file"), "{stderr}");
    assert_eq!(sandbox.messages().len(), 0, "nothing was sent");

    // /dev/stdin redirected from a file: every row, once (a shorter list keeps this quick).
    const SHORT: usize = 2_000;
    let short = dir.path().join("short.csv");
    let text_of_list = std::fs::read_to_string(&list).unwrap();
    let lines: Vec<&str> = text_of_list.lines().take(SHORT + 1).collect();
    std::fs::write(&short, lines.join("\n") + "\n").unwrap();
    let mut redirected = command("file.journal", "/dev/stdin");
    redirected.stdin(std::fs::File::open(&short).unwrap());
    let out = wamm_e2e::finished(redirected).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("{SHORT} of {SHORT} rows done")),
        "{stdout}"
    );
    assert_eq!(sandbox.messages().len(), SHORT);
    sandbox.shutdown().await;
}

/// A named FIFO that nobody writes to is refused at once, not waited on for ever (opening a
/// FIFO for reading blocks until a writer comes).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fifo_nobody_writes_to_is_refused_without_waiting() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("list.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        run(&sandbox, dir.path(), &fifo),
    )
    .await
    .expect("refused without waiting for a writer");
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("is a pipe, not a file"), "{stderr}");
}

/// Waits until the sandbox has created `messages`: the run has counted its list and is
/// reading it (so a change to the list now happens under the run, whatever the load).
async fn sending(sandbox: &Sandbox, messages: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while sandbox.messages().len() < messages {
        assert!(
            std::time::Instant::now() < deadline,
            "the run never started sending"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// A list of `rows` numbered recipients, one line each.
fn numbered_list(rows: usize) -> String {
    let mut csv = String::from("phone,first_name\n");
    for i in 0..rows {
        csv.push_str(&format!("4477{i:08},Name{i}\n"));
    }
    csv
}

/// The list changes under a paced run: cut in the middle of a line, then (in another run)
/// grown. Cut: the run stops short, says so, and records nothing for the cut line, so that a
/// resume of the restored list sends every recipient once. Grown: the run stops before the
/// first row beyond the rows it counted, and never calls the campaign complete.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_cut_or_grown_during_a_run_stops_it_and_loses_no_one() {
    const ROWS: usize = 10_000;
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        mps: 1_000_000,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let paced = CAMPAIGN.replace("messages_per_second = 0", "messages_per_second = 2000");
    std::fs::write(dir.path().join("campaign.toml"), paced).unwrap();
    let list = dir.path().join("list.csv");
    let csv = numbered_list(ROWS);
    let command = |journal: &str, args: &[&str]| {
        let mut command = wamm();
        command
            .arg("campaign")
            .args(args)
            .arg("--journal")
            .arg(dir.path().join(journal))
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        command
    };
    let campaign = dir.path().join("campaign.toml").display().to_string();
    let list_arg = list.display().to_string();
    let run_args = ["run", "--campaign", &campaign, "--recipients", &list_arg];

    // Cut: a third of the way in, in the middle of a phone number, once the run sends (the
    // reader holds about the first 64 KiB then, so it meets the cut when it reads on).
    std::fs::write(&list, &csv).unwrap();
    let cut_at = csv.len() / 3;
    let cut_at = cut_at + csv[cut_at..].find('\n').unwrap() + 5;
    let mut child = command("cut.journal", &run_args);
    let child = child
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    sending(&sandbox, 50).await;
    std::fs::OpenOptions::new()
        .write(true)
        .open(&list)
        .unwrap()
        .set_len(cut_at as u64)
        .unwrap();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_ne!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("the recipient list ended after"),
        "{stderr}"
    );
    assert!(!stdout.contains("complete:"), "{stdout}");
    let rows = rows(&dir.path().join("cut.journal"));
    assert!(
        rows.iter().all(|r| r["state"] != "invalid"),
        "the cut line was recorded: {:?}",
        rows.iter().find(|r| r["state"] == "invalid")
    );
    // Restored, and resumed: everyone once.
    std::fs::write(&list, &csv).unwrap();
    let out = wamm_e2e::finished(command("cut.journal", &["resume", "--mps", "0"])).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    let mut users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    users.sort();
    users.dedup();
    assert_eq!(users.len(), ROWS, "every recipient");
    assert_eq!(sandbox.messages().len(), ROWS, "once");

    // Grown: rows appended while the run reads.
    std::fs::write(&list, &csv).unwrap();
    let before = sandbox.messages().len();
    let mut child = command("grown.journal", &run_args);
    let child = child
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    sending(&sandbox, before + 50).await;
    {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&list)
            .unwrap();
        for i in 0..100 {
            writeln!(file, "4499{i:08},Late{i}").unwrap();
        }
    }
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_ne!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("more rows than the"), "{stderr}");
    assert!(!stdout.contains("complete:"), "{stdout}");
    let late = sandbox.messages()[before..]
        .iter()
        .filter(|m| m.user.starts_with("4499"))
        .count();
    assert_eq!(late, 0, "no row beyond the count was sent");
    sandbox.shutdown().await;
}
