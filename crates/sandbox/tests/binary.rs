//! The `wamm-sandbox` binary: first line, a real send, clean exit on a signal, flag errors.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_wamm-sandbox");

#[tokio::test]
async fn it_prints_where_it_listens_serves_and_stops_on_a_signal() {
    let (mut child, mut stdout, first) = start(&["--listen", "127.0.0.1:0", "--seed", "1"]);
    let base = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let mut rest = String::new();
    stdout.read_line(&mut rest).unwrap();
    assert_eq!(rest.trim_end(), "token: sandbox-token");
    rest.clear();
    stdout.read_line(&mut rest).unwrap();
    assert_eq!(rest.trim_end(), "phone number ID: 106540352242922");
    rest.clear();
    stdout.read_line(&mut rest).unwrap();
    assert_eq!(rest.trim_end(), "waba id: 102290129340398");

    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client
        .post(format!("{base}/v23.0/106540352242922/marketing_messages"))
        .bearer_auth("sandbox-token")
        .json(&serde_json::json!({
            "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
            "type": "template", "template": {"name": "old_promo", "language": {"code": "en_US"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = wait_with_timeout(&mut child, Duration::from_secs(10));
    assert!(exit.success(), "{exit:?}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        !stderr.contains("warning"),
        "loopback needs no warning: {stderr}"
    );
}

#[test]
fn listening_beyond_loopback_warns_on_stderr() {
    // Its stdout stays open until the end, so that the child can write the rest of it.
    let (mut child, _stdout, first) = start(&["--listen", "0.0.0.0:0"]);
    assert!(
        first.starts_with("listening on http://0.0.0.0:"),
        "{first:?}"
    );
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut warning = String::new();
    stderr.read_line(&mut warning).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        warning.starts_with("warning: listening on 0.0.0.0:")
            && warning.contains("not a loopback address"),
        "{warning:?}"
    );
    assert!(!warning.contains("sandbox-token"), "the token is not shown");
}

#[test]
fn bad_flags_are_reported_without_starting() {
    let output = Command::new(BIN)
        .args(["--faults", "500=2"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("500: 2 is not between 0 and 1"), "{stderr}");

    let output = Command::new(BIN)
        .args(["--templates", "/nonexistent/templates.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("/nonexistent/templates.json: cannot read"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_templates_file_in_metas_format_is_listed_for_the_waba_id_given() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/templates.json");
    let mut child = Command::new(BIN)
        .args(["--templates", examples, "--replace-templates"])
        .args(["--waba-id", "555000111"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let lines: Vec<String> = stdout.lines().take(4).map(Result::unwrap).collect();
    let base = lines[0].strip_prefix("listening on ").unwrap().to_string();
    assert_eq!(lines[3], "waba id: 555000111");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let list: serde_json::Value = client
        .get(format!(
            "{base}/v23.0/555000111/message_templates?fields=name"
        ))
        .bearer_auth("sandbox-token")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let names: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["autumn_sale", "restock_alert"]);
}

#[test]
fn a_templates_file_with_a_mistake_is_refused_naming_the_line_and_column() {
    let dir = std::env::temp_dir().join(format!("wamm-sandbox-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("templates.json");
    std::fs::write(
        &file,
        "{\"data\": [\n  {\"id\": \"1\", \"name\": \"a\", \"language\": \"en\"}\n]}",
    )
    .unwrap();
    let output = Command::new(BIN)
        .arg("--templates")
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: line 2, column 44: missing field `category`",
            file.display()
        )),
        "{stderr}"
    );
}

/// Starts the binary with `args`, its output piped; returns it with its stdout and the first
/// line there (where it listens).
fn start(args: &[&str]) -> (Child, BufReader<ChildStdout>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    (child, stdout, first)
}

fn wait_with_timeout(child: &mut std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            let mut err = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("did not stop on SIGINT; stderr: {err}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
