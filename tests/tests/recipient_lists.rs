//! Recipient lists read without loss: a bad line never takes another with it, line numbers
//! stay exact, a read error is an error, and one person written three ways is one recipient.
//! The real `wamm` binary against a real sandbox.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use wamm_e2e::{TOKEN, code, text, wamm};
use wamm_sandbox::{Sandbox, SandboxConfig};

const CAMPAIGN: &str = r#"
name = "lists"
messages_per_second = 0
concurrency = 4

[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{first_name}}" }] }]
"#;

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

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

    // A named FIFO.
    let fifo = dir.path().join("list.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer_path = fifo.clone();
    let source = list.clone();
    let writer = std::thread::spawn(move || {
        // Opening a FIFO for writing waits for a reader; the refused run opens it once.
        if let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(&writer_path) {
            let _ = w.write_all(&std::fs::read(&source).unwrap());
        }
    });
    let out = wamm_e2e::finished(command("fifo.journal", &fifo.display().to_string())).await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("is a pipe, not a file"), "{stderr}");
    writer.join().unwrap();
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
