//! wamm over TLS: a sandbox serving HTTPS with a CA it made, trusted through `--ca-cert`
//! (or `WAMM_CA_CERT`), over HTTP/1.1 and HTTP/2; an unknown CA refused with the option to
//! use; a campaign killed with SIGKILL over HTTP/2 resumes exactly once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use wamm_e2e::{TOKEN, code, text, wamm};
use wamm_sandbox::{Sandbox, SandboxConfig, TlsConfig};

async fn https_sandbox(mps: u32) -> (Sandbox, tempfile::TempDir, PathBuf) {
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        mps,
        tls: Some(TlsConfig::generate().unwrap()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    assert!(sandbox.base_url().starts_with("https://127.0.0.1:"));
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem().unwrap()).unwrap();
    (sandbox, dir, ca)
}

fn send(sandbox: &Sandbox, extra: &[&str]) -> std::process::Command {
    let mut command = wamm();
    command
        .args(["send", "--to", "447700900123", "--template", "spring_sale"])
        .args(["--lang", "en_US", "--body", "Ana"])
        .args(extra)
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    command
}

#[tokio::test(flavor = "multi_thread")]
async fn a_send_over_https_speaks_the_version_asked_for() {
    let (sandbox, _dir, ca) = https_sandbox(1000).await;
    let ca = ca.to_str().unwrap();
    // (--http, whether the connection is HTTP/2)
    for (version, http2) in [("1.1", false), ("2", true), ("auto", true)] {
        let before = sandbox.stats();
        let out = wamm_e2e::finished(send(&sandbox, &["--ca-cert", ca, "--http", version])).await;
        assert_eq!(code(&out), 0, "--http {version}: {}", text(&out).1);
        let after = sandbox.stats();
        assert_eq!(after.created, before.created + 1);
        assert_eq!(after.tls_handshakes, before.tls_handshakes + 1, "{version}");
        assert_eq!(
            after.http2_connections - before.http2_connections,
            u64::from(http2),
            "--http {version}"
        );
    }
    // The CA from the environment, and by default what the handshake agrees: HTTP/2.
    let before = sandbox.stats();
    let mut command = send(&sandbox, &[]);
    command.env("WAMM_CA_CERT", ca);
    let out = wamm_e2e::finished(command).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let after = sandbox.stats();
    assert_eq!(after.created, before.created + 1);
    assert_eq!(after.http2_connections, before.http2_connections + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_ca_is_refused_naming_the_option_to_use() {
    let (sandbox, _dir, _ca) = https_sandbox(1000).await;
    let out = wamm_e2e::finished(send(&sandbox, &[])).await;
    let (_, stderr) = text(&out);
    assert_ne!(code(&out), 0);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    assert!(stderr.contains("--ca-cert FILE"), "{stderr}");
    assert!(stderr.contains("WAMM_CA_CERT"), "{stderr}");
    assert_eq!(sandbox.stats().created, 0);

    // A CA file that holds no certificate is a usage error before anything is sent.
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let out = wamm_e2e::finished(send(&sandbox, &["--ca-cert", junk.to_str().unwrap()])).await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("--ca-cert"), "{stderr}");

    // A campaign refused the same way stops with the same hint, and sends nothing.
    let files = Files::new(40);
    let out = wamm_e2e::finished(campaign(&sandbox, &files, &run_args(&files), None, "1.1")).await;
    let (stdout, stderr) = text(&out);
    assert_ne!(code(&out), 0, "{stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("--ca-cert FILE") || stdout.contains("--ca-cert FILE"),
        "{stdout}\n{stderr}"
    );
    assert_eq!(sandbox.stats().created, 0);
}

/// A campaign in a temporary directory.
struct Files {
    dir: tempfile::TempDir,
    rows: usize,
}

impl Files {
    fn new(rows: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let campaign = wamm_e2e::campaign_toml("tls", 0, 16, "");
        std::fs::write(dir.path().join("campaign.toml"), campaign).unwrap();
        let mut csv = String::from("phone,first_name\n");
        for i in 0..rows {
            csv.push_str(&format!("4477009{i:05},Name{i}\n"));
        }
        std::fs::write(dir.path().join("recipients.csv"), csv).unwrap();
        Self { dir, rows }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn run_args(files: &Files) -> Vec<String> {
    wamm_e2e::run_args(&files.path("campaign.toml"), &files.path("recipients.csv"))
}

fn campaign(
    sandbox: &Sandbox,
    files: &Files,
    args: &[String],
    ca: Option<&Path>,
    version: &str,
) -> std::process::Command {
    let mut command = wamm_e2e::campaign_command(sandbox, files.path("journal"), args);
    command.args(["--http", version]);
    if let Some(ca) = ca {
        command.arg("--ca-cert").arg(ca);
    }
    command
}

/// The journal's rows by state, after checking that every recipient the sandbox sent to has
/// one message and one row that says so.
fn exactly_once(sandbox: &Sandbox, files: &Files) -> HashMap<String, usize> {
    let export = files.path("export.jsonl");
    let out = wamm()
        .args(["campaign", "report", "--journal"])
        .arg(files.path("journal"))
        .arg("--export")
        .arg(&export)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let rows: Vec<Value> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), files.rows);
    let mut sent_to: HashMap<String, Vec<String>> = HashMap::new();
    for m in sandbox.messages() {
        sent_to.entry(m.user).or_default().push(m.wamid);
    }
    assert!(
        sent_to.values().all(|w| w.len() == 1),
        "a recipient got two messages"
    );
    let mut counts = HashMap::new();
    for row in &rows {
        let state = row["state"].as_str().unwrap().to_string();
        let created = sent_to.get(row["key"].as_str().unwrap());
        match state.as_str() {
            "sent" => assert_eq!(
                created.map(Vec::as_slice),
                Some(&[row["wamid"].as_str().unwrap().to_string()][..]),
                "{row}"
            ),
            "unknown" => {}
            other => panic!("row left {other}: {row}"),
        }
        *counts.entry(state).or_default() += 1;
    }
    assert_eq!(
        sent_to.len(),
        counts.get("sent").copied().unwrap_or(0) + {
            // An unknown row may or may not have reached the sandbox.
            rows.iter()
                .filter(|r| {
                    r["state"] == "unknown" && sent_to.contains_key(r["key"].as_str().unwrap())
                })
                .count()
        }
    );
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_campaign_over_https_sends_each_row_once_on_few_connections() {
    for (version, http2) in [("1.1", false), ("2", true)] {
        let (sandbox, _dir, ca) = https_sandbox(5000).await;
        let files = Files::new(400);
        let out = wamm_e2e::finished(campaign(
            &sandbox,
            &files,
            &run_args(&files),
            Some(&ca),
            version,
        ))
        .await;
        assert_eq!(code(&out), 0, "--http {version}: {}", text(&out).1);
        let counts = exactly_once(&sandbox, &files);
        assert_eq!(
            counts.get("sent"),
            Some(&400),
            "--http {version}: {counts:?}"
        );
        let stats = sandbox.stats();
        // Connections are reused: a few per concurrent request at most (16 send at once;
        // the checks before the run have their own), never one per message.
        assert!(
            (1..=48).contains(&stats.tls_handshakes),
            "--http {version}: {} handshakes for 400 messages",
            stats.tls_handshakes
        );
        assert_eq!(stats.http2_connections > 0, http2, "--http {version}");
        sandbox.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_over_http2_then_resume_is_exactly_once() {
    let (sandbox, _dir, ca) = https_sandbox(2000).await;
    let files = Files::new(1500);
    std::fs::write(
        files.path("campaign.toml"),
        wamm_e2e::campaign_toml("tls", 500, 16, ""),
    )
    .unwrap();
    for kill_at in [200u64, 700] {
        let args = if files.path("journal").exists() {
            vec!["resume".to_string()]
        } else {
            run_args(&files)
        };
        let mut command = campaign(&sandbox, &files, &args, Some(&ca), "2");
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        while sandbox.stats().created < kill_at && std::time::Instant::now() < deadline {
            if matches!(child.try_wait(), Ok(Some(_))) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        child.kill().unwrap(); // SIGKILL: no cleanup
        child.wait().unwrap();
    }
    for _ in 0..5 {
        let resume = vec!["resume".to_string()];
        let out = wamm_e2e::finished(campaign(&sandbox, &files, &resume, Some(&ca), "2")).await;
        let (stdout, stderr) = text(&out);
        let summary: Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|_| panic!("{stdout}\n{stderr}"));
        if summary["complete"] == true {
            break;
        }
    }
    let counts = exactly_once(&sandbox, &files);
    let unknown = counts.get("unknown").copied().unwrap_or(0);
    assert_eq!(counts["sent"] + unknown, files.rows, "{counts:?}");
    assert!(unknown <= 2 * 32, "{unknown} unknowns for 2 kills");
}
