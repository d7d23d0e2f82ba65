//! The `wamm` binary against a real sandbox on a loopback port: sends from flags and files,
//! dry runs, validation, every exit code, and no token in any output.

use std::process::Output;

use wamm_e2e::{TOKEN, code, resource, run_against, text, wamm};
use wamm_sandbox::{FaultSpec, PhoneNumber, Sandbox, SandboxConfig};

async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..config
    })
    .await
    .expect("sandbox starts")
}

/// Runs `wamm` with `args` against `sandbox`, the token in the environment.
async fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    run_against(&sandbox.base_url(), sandbox.phone_number_id(), args).await
}

const SPRING: &[&str] = &[
    "send",
    "--to",
    "447700900123",
    "--template",
    "spring_sale",
    "--lang",
    "en_US",
    "--body",
    "Ana",
];

#[tokio::test(flavor = "multi_thread")]
async fn send_from_flags_creates_one_message() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let output = run(&sandbox, SPRING).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert!(stdout.starts_with("sent wamid."), "{stdout}");
    assert!(stdout.contains("to 447700900123"), "{stdout}");
    assert!(stdout.trim_end().ends_with(": accepted"), "{stdout}");
    let messages = sandbox.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].template, "spring_sale");
    assert!(stdout.contains(&messages[0].wamid), "{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn send_from_a_file_with_the_recipient_from_a_flag() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let file = resource("spring_sale.json");
    let output = run(
        &sandbox,
        &[
            "send",
            "--message",
            file.to_str().unwrap(),
            "--to",
            "+447700900999",
            "--json",
        ],
    )
    .await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let response: serde_json::Value = serde_json::from_str(&stdout).expect("--json prints JSON");
    assert_eq!(response["messages"][0]["message_status"], "accepted");
    assert_eq!(response["contacts"][0]["wa_id"], "447700900999");
    assert_eq!(sandbox.messages()[0].recipient, "+447700900999");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rich_reference_example_is_accepted() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let file = resource("flash_deal.json");
    let output = run(&sandbox, &["send", "--message", file.to_str().unwrap()]).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert_eq!(sandbox.messages().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_prints_the_body_and_sends_nothing() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let mut args = SPRING.to_vec();
    args.push("--dry-run");
    let output = run(&sandbox, &args).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let body: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(body["template"]["name"], "spring_sale");
    assert_eq!(body["to"], "447700900123");
    assert!(sandbox.messages().is_empty());
    assert_eq!(sandbox.stats().requests, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_message_exits_2_lists_every_problem_and_sends_nothing() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let output = run(
        &sandbox,
        &[
            "send",
            "--to",
            "12",
            "--template",
            "Flash",
            "--lang",
            "pt_BR",
            "--coupon",
            "ABCDEFGHIJKLMNOP",
        ],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stderr.contains("2 problems"), "{stderr}");
    assert!(stderr.contains("to: \"12\""), "{stderr}");
    // A name Meta would not give a template is still a name: Meta looks it up (132001 when
    // absent), so it is not a problem of the message's shape.
    assert!(!stderr.contains("template.name"), "{stderr}");
    assert!(
        stderr.contains("coupon_code: 16 characters, at most 15"),
        "{stderr}"
    );
    assert_eq!(sandbox.stats().requests, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejection_exits_3_with_code_meaning_advice_and_trace() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let output = run(
        &sandbox,
        &[
            "send",
            "--to",
            "447700900123",
            "--template",
            "old_promo",
            "--lang",
            "en_US",
        ],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 3, "{stderr}");
    assert!(stderr.contains("132015"), "{stderr}");
    assert!(
        stderr.contains("template paused for low quality"),
        "{stderr}"
    );
    assert!(
        stderr.contains("what to do: the template cannot be used"),
        "{stderr}"
    );
    assert!(stderr.contains("fbtrace_id: "), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_token_exits_4() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let mut command = wamm();
    command
        .args(SPRING)
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", "not-the-sandbox-token");
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stderr}");
    assert!(stderr.contains("190"), "{stderr}");
    assert!(!stderr.contains("not-the-sandbox-token"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_response_exits_5_as_unknown() {
    let config = SandboxConfig {
        faults: FaultSpec::parse("500=1.0").unwrap(),
        ..SandboxConfig::default()
    };
    let sandbox = sandbox(config).await;
    let output = run(&sandbox, SPRING).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 5, "{stderr}");
    assert!(stderr.contains("may have been sent"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn strict_policy_on_a_number_not_onboarded_is_refused() {
    let config = SandboxConfig {
        phone_numbers: vec![PhoneNumber::not_onboarded("200000000000001")],
        ..SandboxConfig::default()
    };
    let sandbox = sandbox(config).await;
    let mut args = SPRING.to_vec();
    args.extend(["--policy", "strict"]);
    let output = run(&sandbox, &args).await;
    assert_ne!(code(&output), 0);
    assert!(sandbox.messages().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_to_connect_to_exits_1() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut command = wamm();
    command
        .args(SPRING)
        .env("WAMM_BASE_URL", format!("http://{addr}"))
        .env("WHATSAPP_PHONE_NUMBER_ID", "106540352242922")
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 1, "{stderr}");
    assert!(stderr.contains("cannot connect"), "{stderr}");
}

#[test]
fn missing_settings_name_the_flag_and_the_variable() {
    let output = wamm().args(SPRING).output().unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        stderr.contains("WHATSAPP_ACCESS_TOKEN") && stderr.contains("--token-file"),
        "{stderr}"
    );

    let output = wamm()
        .args(SPRING)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN)
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        stderr.contains("--phone-number-id") && stderr.contains("WHATSAPP_PHONE_NUMBER_ID"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_can_come_from_a_file() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let mut command = wamm();
    command
        .args(SPRING)
        .args(["--token-file", token_file.to_str().unwrap()])
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id());
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn verbose_logs_the_request_but_never_the_token() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let mut args = SPRING.to_vec();
    args.push("--verbose");
    let output = run(&sandbox, &args).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    assert!(stderr.contains("> POST http://127.0.0.1:"), "{stderr}");
    assert!(
        stderr.contains("authorization: Bearer <redacted>"),
        "{stderr}"
    );
    assert!(!format!("{stdout}{stderr}").contains(TOKEN));
    assert!(!format!("{stdout}{stderr}").contains("7f3a"));
}

#[test]
fn validate_reports_each_problem_with_file_and_path() {
    let good = resource("flash_deal.json");
    let bad = resource("bad_coupon.json");
    let output = wamm()
        .args(["validate", good.to_str().unwrap(), bad.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    let bad_name = bad.display().to_string();
    assert!(
        stdout.contains(&format!("{}: ok", good.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{bad_name}: to: \"12\"")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{bad_name}: template.components[0].parameters[0].coupon_code: 16 characters, at most 15")),
        "{stdout}"
    );
    assert!(stderr.contains("1 of 2 files invalid"), "{stderr}");

    let output = wamm()
        .args(["validate", good.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0);
}

#[test]
fn every_subcommand_has_help_with_examples_and_there_is_a_version() {
    for sub in ["send", "validate", "completions", "demo"] {
        let output = wamm().args([sub, "--help"]).output().unwrap();
        let (stdout, _) = text(&output);
        assert_eq!(code(&output), 0);
        assert!(stdout.contains("Examples:"), "{sub}: {stdout}");
    }
    let output = wamm().arg("--version").output().unwrap();
    assert!(text(&output).0.starts_with("wamm "));
    let output = wamm().args(["completions", "bash"]).output().unwrap();
    assert_eq!(code(&output), 0);
    assert!(text(&output).0.contains("_wamm"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = wamm()
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close our end, like `| head -0`.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {stderr}");
}

#[test]
fn the_demo_runs_every_step_and_exits_0() {
    let output = wamm().arg("demo").output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    assert!(stdout.contains(": accepted"), "{stdout}");
    assert!(stdout.contains(": held_for_quality_assessment"), "{stdout}");
    assert!(stdout.contains("rejected: Graph error 132015"), "{stdout}");
    assert!(
        stdout.contains("coupon_code: 16 characters, at most 15"),
        "{stdout}"
    );
    assert!(stdout.contains("Demo complete."), "{stdout}");
}

/// `wamm sandbox` in its own process, and `wamm send --base-url` against it.
#[test]
fn wamm_sandbox_serves_wamm_send_and_stops_on_a_signal() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let mut sandbox = wamm()
        .args(["sandbox", "--token", TOKEN, "--opted-out", "447700900999"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(sandbox.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{first}"))
        .to_string();
    assert_eq!(lines.next().unwrap().unwrap(), format!("token: {TOKEN}"));

    let send = |to: &str| {
        wamm()
            .args([
                "send",
                "--to",
                to,
                "--template",
                "spring_sale",
                "--lang",
                "en_US",
                "--body",
                "Ana",
            ])
            .args(["--base-url", &url, "--phone-number-id", "106540352242922"])
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN)
            .output()
            .unwrap()
    };
    let ok = send("447700900123");
    assert_eq!(code(&ok), 0, "{}", text(&ok).1);
    let opted_out = send("447700900999");
    assert_eq!(code(&opted_out), 3, "{}", text(&opted_out).1);
    assert!(text(&opted_out).1.contains("131050"));

    let status = std::process::Command::new("kill")
        .args(["-INT", &sandbox.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(sandbox.wait().unwrap().success(), "exits cleanly on Ctrl-C");
}

/// A wrong phone number ID and nothing listening are settings to fix: the error names them.
#[tokio::test]
async fn send_errors_name_the_setting_to_fix() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let args = [
        "send",
        "--to",
        "447700900123",
        "--template",
        "spring_sale",
        "--lang",
        "en_US",
        "--body",
        "Ana",
    ];
    let out = run_against(&sandbox.base_url(), "999999", &args).await;
    let (_, stderr) = text(&out);
    // 100 with subcode 33: the number, not the message, is wrong (a permission problem, 4).
    assert_eq!(code(&out), 4, "{stderr}");
    assert!(stderr.contains("check --phone-number-id"), "{stderr}");
    assert!(stderr.contains("999999"), "{stderr}");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let out = run_against(&url, sandbox.phone_number_id(), &args).await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(
        stderr.to_lowercase().contains("connection refused"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("running at {url}?")), "{stderr}");
    assert!(
        !stderr.contains("error sending request for url"),
        "{stderr}"
    );
}

/// The token never travels in clear to another machine by accident, and a password inside the
/// base URL is never printed: not in `-v`, not in errors.
#[tokio::test]
async fn plain_http_elsewhere_is_refused_and_url_credentials_are_never_printed() {
    let sandbox = sandbox(SandboxConfig::default()).await;
    let args = [
        "send",
        "--to",
        "447700900123",
        "--template",
        "spring_sale",
        "--lang",
        "en_US",
        "--body",
        "Ana",
        "-v",
    ];
    let out = run_against(
        "http://gateway.example.org",
        sandbox.phone_number_id(),
        &args,
    )
    .await;
    let (_, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("unencrypted"), "{stderr}");
    assert!(stderr.contains("--allow-insecure-http"), "{stderr}");

    let with_password = sandbox
        .base_url()
        .replace("http://", "http://ana:pa55word-x9@");
    let out = run_against(&with_password, sandbox.phone_number_id(), &args).await;
    let (stdout, stderr) = text(&out);
    assert!(
        !stdout.contains("pa55word") && !stderr.contains("pa55word"),
        "{stdout}\n{stderr}"
    );
    assert_eq!(code(&out), 0, "{stderr}");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://ana:pa55word-x9@{}", closed.local_addr().unwrap());
    drop(closed);
    let out = run_against(&url, sandbox.phone_number_id(), &args).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(
        !stdout.contains("pa55word") && !stderr.contains("pa55word"),
        "{stdout}\n{stderr}"
    );
}
